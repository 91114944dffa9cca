/* SPDX-License-Identifier: Apache-2.0 */
/* Layer json: entity and result documents to and from the typed model. */
#ifndef NIS2I_EDGE_H
#define NIS2I_EDGE_H

#include "compile/json_parse.h"
#include "model/model.h"

nis2_status nis2i_entity_from_value(const nis2_ctx *ctx, const json_t *v, const char *path, nis2_entity **out,
                                    nis2_error *err);
json_t *nis2i_result_to_value(const nis2_result *r);
json_t *nis2i_entity_to_value(const nis2_entity *e);

#endif
