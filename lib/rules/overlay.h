/* SPDX-License-Identifier: Apache-2.0 */
/* Layer rules: the national verdict over a compiled overlay (model/overlay.h; compiled by compile/overlay_load.c). */
#ifndef NIS2I_OVERLAY_H
#define NIS2I_OVERLAY_H

#include "model/model.h"
#include "model/overlay.h"

const nis2i_overlay *nis2i_overlay_find(const nis2_ctx *ctx, const char *country);
/* Set r->authority from the overlay's authorities.rules (first rule whose conditions hold); needs r->nat. */
void nis2i_overlay_authority(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
/* The national verdict: the overlay's rules (rules/interp.c) and its authority, else the generic path below. */
void nis2i_overlay_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
/* Data-only overlays: the Directive's procedure with the overlay's options, restated by its mapping. */
void nis2i_overlay_generic_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e,
                                    nis2_result *r);

#endif
