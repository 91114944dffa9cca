/* SPDX-License-Identifier: Apache-2.0 */
/* Layer rules: the interpreter of national classification rules (model/ruleset.h, compiled by compile/rulec.c). */
#ifndef NIS2I_INTERP_H
#define NIS2I_INTERP_H

#include "model/ruleset.h"

/* Decide r->nat from the entity, its size (r->size) and the Directive's verdict (r->dir): every rule in order,
 * then the resolver (the overlay's category ranks), then the "after" notes. Replaces r->missing with the facts
 * the national verdict lacks. The authority is not set here. */
void nis2i_rules_classify(const nis2i_ruleset *rs, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);

#endif
