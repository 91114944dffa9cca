/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal, layer rules: the gap report decided over typed data. */
#ifndef NIS2I_RULES_GAP_DECIDE_H
#define NIS2I_RULES_GAP_DECIDE_H

#include "rules/gap_input.h"
#include "rules/gap_isms.h"
#include "rules/gap_result.h"

/* The report of the typed input g (SoA, certificate, evidence and their links; its per-control lists are filled
 * here), the entity e classified into r, and the ISMS records isms, into res (zero-initialised by the caller;
 * free it with nis2i_gap_result_free() also on failure). res borrows strings from the context, from g's evidence
 * and from the records: they must outlive it. NIS2_ERR_NOMEM; the errors of the obligation look-up. */
nis2_status nis2i_gap_decide(nis2i_gap_in *g, const nis2_entity *e, const nis2_result *r, const nis2i_gap_isms *isms,
                             nis2i_gap_result *res, nis2_error *err);

#endif
