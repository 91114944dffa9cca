/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the overlay rule compiler (the "classification" member of an overlay into a nis2i_ruleset) and
 * the typed view of an entity's national facts that the rules read. */
#ifndef NIS2I_RULEC_H
#define NIS2I_RULEC_H

#include "model/ruleset.h"

struct json_t;

/* Compile ov_doc's "classification" (an overlay object; borrowed, must outlive the ruleset) into *out.
 * *out stays NULL when the overlay has no "classification". Defects are NIS2_ERR_CATALOG naming the JSON path
 * under base (e.g. "$.overlays[0]"). The entity types of ctx (Directive and overlays) must be loaded. */
nis2_status nis2i_ruleset_compile(const nis2_ctx *ctx, const struct json_t *ov_doc, const char *base,
                                  nis2i_ruleset **out, nis2_error *err);
void nis2i_ruleset_free(nis2i_ruleset *rs);

/* entity.national.<rs->country>, typed: out[slot] points at the entity's slot for every key of rs, or at the key's
 * default (kind ABSENT when it has none) when the fact is not given. Borrowed from the entity and the ruleset. */
void nis2i_ruleset_national(const nis2i_ruleset *rs, const nis2_entity *e, const nis2i_natval **out);

#endif
