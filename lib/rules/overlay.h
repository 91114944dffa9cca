/* SPDX-License-Identifier: Apache-2.0 */
/* Layer rules: national overlays (their loaders still read JSON: being moved into compile/). */
#ifndef NIS2I_OVERLAY_H
#define NIS2I_OVERLAY_H

#include <jansson.h>

#include "model/model.h"

/* ---- national overlays (rules/overlay.c) ---- */
struct nis2i_overlay {
    const char *country;         /* canonical Member State code */
    const char *law;             /* e.g. "PT DL 125/2025" */
    json_t *doc;                 /* borrowed from ctx->doc */
    const nis2_ctx *ctx;         /* the context that holds it (not a reference) */
    struct nis2i_ruleset *ruleset;     /* the overlay's "classification" compiled (compile/rulec.c), owned; NULL when none */
    struct nis2i_auth *auth;     /* authorities.rules compiled at load (rules/overlay.c), owned; NULL when none */
};

const nis2i_overlay *nis2i_overlay_find(const nis2_ctx *ctx, const char *country);
/* Shared by every overlay (lib/catalog/overlays/README.md). Validate the data parts the core reads (national_keys,
 * authorities, categories, options) at load time and compile the authority rules into ov->auth; index is the
 * overlay's position in $.overlays. */
nis2_status nis2i_overlay_validate(nis2i_overlay *ov, size_t index, nis2_error *err);
/* Free what nis2i_overlay_validate compiled into ov (the authority rules); safe on a partly loaded overlay. */
void nis2i_overlay_release(nis2i_overlay *ov);
/* Validate entity.national.<CC> (an object; path "$.national.CC") against the overlay's national_keys. */
nis2_status nis2i_overlay_check_national(const nis2i_overlay *ov, const json_t *obj, const char *path, nis2_error *err);
/* With the entity (its activities read): every code of a key of type codes must be one of its activities. */
nis2_status nis2i_overlay_check_national_codes(const nis2i_overlay *ov, const json_t *obj, const char *path,
                                               const nis2_entity *e, nis2_error *err);
/* entity.national.<country> (country canonical), or NULL. */
const json_t *nis2i_entity_national(const nis2_entity *e, const char *country);
/* Set r->authority from the overlay's authorities.rules (first rule whose conditions hold); needs r->nat. */
void nis2i_overlay_authority(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
/* The national verdict: the overlay's rules (rules/interp.c) and its authority, else the generic path below. */
void nis2i_overlay_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
/* Data-only overlays: the Directive's procedure with the overlay's options, restated by its mapping. */
void nis2i_overlay_generic_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e,
                                    nis2_result *r);

#endif
