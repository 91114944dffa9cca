/* SPDX-License-Identifier: Apache-2.0 */
/* Layer rules: incident-reporting clocks (NIS2 Art. 23(4) and each overlay's phases) and significance
 * (Implementing Regulation (EU) 2024/2690 Arts 3-14 / NIS2 Art. 23(3)), as pure functions over the typed tables,
 * facts and results of model/incident.h. Not installed; nothing here is part of the ABI. */
#ifndef NIS2_RULES_INCIDENT_H
#define NIS2_RULES_INCIDENT_H

#include "rules/rules.h"
#include "model/incident.h"

/* The times of a deadlines request: aware_at given, notified_at not before it, end_of_impact_notified_at only with
 * and not before impact_ended_at. NIS2_ERR_MISSING_FIELD / NIS2_ERR_INVALID_FIELD naming "$.<time>". */
nis2_status nis2i_deadlines_check(const nis2_incident *inc, nis2_error *err);
/* The reports that bind entity e (classified as r with the same ctx) for the incident's times, into D (zeroed,
 * ctx set by the caller); D->oom on allocation failure. inc must have passed nis2i_deadlines_check(). */
void nis2i_deadlines_compute(const nis2_ctx *ctx, const nis2_entity *e, const nis2_result *r,
                             const nis2_incident *inc, nis2_deadlines *D);

/* The impact facts taken together: affected users not above users_in_union, wrong domains not above those managed,
 * related incidents not later than occurred_at. NIS2_ERR_INVALID_FIELD naming "$.impact.<fact>". */
nis2_status nis2i_impact_check(const nis2_incident *inc, nis2_error *err);
/* Its two parts, for the JSON edge (which reports errors in document order): the counts, and related incident i. */
nis2_status nis2i_impact_check_counts(const nis2_incident *inc, nis2_error *err);
nis2_status nis2i_related_check(const nis2_incident *inc, size_t i, nis2_error *err);
/* Is the incident significant for entity e? Into A (zeroed, ctx set by the caller); A->oom on allocation failure.
 * ctx->inc->has_sig must be true and inc must have passed nis2i_impact_check(). */
void nis2i_assess_compute(const nis2_ctx *ctx, const nis2_entity *e, const nis2_incident *inc, nis2_assessment *A);

/* Legal time of an overlay calendar at instant utc (seconds east of UTC). */
int32_t nis2i_inc_offset_at(const nis2i_inc_calendar *cal, int64_t utc);

#endif
