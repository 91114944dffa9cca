/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the ISO/IEC 27001:2022 control catalog and the mapping graph (compile/mapping_load.c). */
#ifndef NIS2I_MAPPING_LOAD_H
#define NIS2I_MAPPING_LOAD_H

#include "model/mapping.h"

/* Load and validate `controls`, `ir2690_points`, `sources` and `mappings` of ctx->doc into ctx->iso (after the
 * obligations and overlays: mapping endpoints may be their duties). Every control id is unique, every heading
 * child exists, every mapping endpoint resolves (an obligation id, an IR point or a control; `to` is null only for
 * no_relationship), every relationship is known, and every pair names a rationale and a known source; otherwise
 * NIS2_ERR_CATALOG naming the entry, e.g. $.mappings[3]. NIS2_ERR_NOMEM. A catalog without `controls` has no
 * ctx->iso (the gap report then answers not_found). nis2i_iso_release() frees a partial graph too. */
nis2_status nis2i_iso_load(nis2_ctx *ctx, nis2_error *err);
void nis2i_iso_release(nis2_ctx *ctx);

#endif
