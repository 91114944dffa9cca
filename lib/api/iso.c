/* SPDX-License-Identifier: Apache-2.0 */
/* The ISO/IEC 27001:2022 identifiers of the catalog (include/nis2/evidence.h): normalisation and titles over the
 * typed control catalog of model/mapping.h. */
#include <nis2/evidence.h>

#include "api/api.h"
#include "rules/mapping.h"

nis2_status nis2_iso_normalise_id(const nis2_ctx *ctx, const char *text, const char **out_id, nis2_error *err)
{
    if (!ctx || !text || !out_id)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_iso_normalise_id: ctx, text and out_id must not be NULL");
    *out_id = NULL;
    uint32_t idx;
    nis2_status st = nis2i_iso_normalise(ctx, text, NULL, &idx, err);
    if (!st)
        *out_id = ctx->iso->controls[idx].id;
    return st;
}

const char *nis2_iso_control_title(const nis2_ctx *ctx, const char *id)
{
    long i = ctx ? nis2i_control_find(ctx, id) : -1;
    return i < 0 ? NULL : ctx->iso->controls[i].title;
}
