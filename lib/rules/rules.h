/* SPDX-License-Identifier: Apache-2.0 */
/* Layer rules: the Directive's procedure (size, scope). */
#ifndef NIS2I_RULES_H
#define NIS2I_RULES_H

#include "compile/compile.h"
#include "model/names.h"
#include "model/result.h"

/* rules/size.c: size class of the entity with the two-consecutive-periods rule; appends reasons. */
void nis2i_size_classify(const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
nis2i_size nis2i_size_of_period(const nis2i_sme *sme, const double fig[NIS2I_NFIG], uint8_t set);
/* rules/scope.c: the Directive's decision procedure (Arts 2 and 3). Fills r->dir, r->missing, reasons. */
void nis2i_directive_classify(const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);

#endif
