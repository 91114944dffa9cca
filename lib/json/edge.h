/* SPDX-License-Identifier: Apache-2.0 */
/* Layer json: entity and result documents to and from the typed model. */
#ifndef NIS2I_EDGE_H
#define NIS2I_EDGE_H

#include "compile/compile_json.h"
#include "compile/json_parse.h"
#include "model/model.h"

nis2_status nis2i_entity_from_value(const nis2_ctx *ctx, const json_t *v, const char *path, nis2_entity **out,
                                    nis2_error *err);
json_t *nis2i_result_to_value(const nis2_result *r);
json_t *nis2i_entity_to_value(const nis2_entity *e);
/* The fast path of nis2_entity_from_json (json/entity_fast.c): 1 with *out built exactly as the strict path
 * would, or 0 when it declines (then nothing is allocated and the caller takes the strict path). */
int nis2i_entity_fast(const nis2_ctx *ctx, const char *json, size_t len, nis2_entity **out);

#endif
