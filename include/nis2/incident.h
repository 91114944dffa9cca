/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — incidents: the reporting clock of a significant incident and whether an incident is significant.
 * Formats: lib/schema/FORMATS.md §incident-deadlines and §incident-assessment.
 *
 * Both functions take a JSON request and return a JSON answer; times in the answer are UTC with "Z".
 */
#ifndef NIS2_INCIDENT_H
#define NIS2_INCIDENT_H

#include <nis2/common.h>
#include <nis2/context.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Reporting deadlines of a significant incident under the law that applies to the entity.
 *
 * Input: {"schema":1, "entity":{…FORMATS.md §entity…}, "aware_at":"RFC 3339", "notified_at"?, "impact_ended_at"?,
 * "end_of_impact_notified_at"?}. Output: {"schema":1, "category", "law", "reports":[{"id", "due", "ref",
 * "relative_to", "from", "law", "text", "condition"?}], "notes":[…], …}.
 *  - The Directive's reports (NIS2 Art. 23(4): early_warning 24 h, incident_notification 72 h or 24 h for trust
 *    service providers, intermediate_report on request, final_report one month after the notification,
 *    progress_report) for essential and important entities, and, for a country with an overlay, its own phases
 *    (Portugal: pt_initial_notification, pt_update, pt_end_of_impact_notice, pt_final_report in 30 working days,
 *    and pt_interim_report, an id beyond the first-agreed list of lib/schema/FORMATS.md §incident-deadlines).
 *  - Hours are elapsed hours. "One month after" is the same day of the month at the same local time of the
 *    offset of the time it counts from, or the last day of a shorter month. Working days skip weekends and the
 *    national public holidays and end at 23:59:59 national legal time of the last day.
 *  - A report whose due time is not fixed (on request) or counts from a time not known yet has "due": null and a
 *    sentence saying when it is due. An entity that no report binds gets "reports": [] and a note saying why.
 * flags: NIS2_JSON_PRETTY. *out_json is owned (nis2_string_free).
 * Errors: NIS2_ERR_INVALID_ARG (NULL argument, unknown flag), NIS2_ERR_PARSE, NIS2_ERR_UNKNOWN_KEY ($.foo),
 * NIS2_ERR_MISSING_FIELD ($.entity, $.aware_at), NIS2_ERR_INVALID_FIELD (a time that is not RFC 3339, a notification
 * earlier than awareness), the errors of nis2_entity_from_json() with paths under $.entity, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_incident_deadlines_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                                  char **out_json, nis2_error *err);

/**
 * Is the incident significant? Implementing Regulation (EU) 2024/2690 Arts 3-14 for its relevant entities (DNS,
 * TLD, cloud, data centre, CDN, MSP/MSSP, online marketplaces, search engines, social networks, trust service
 * providers), NIS2 Art. 23(3) for every other type.
 *
 * Input: {"schema":1, "entity":{…}, "impact":{facts of lib/schema/FORMATS.md §incident-assessment}}.
 * Output: {"schema":1, "significant": bool, "regime":[…], "criteria":[{"ref", "id", "text"}],
 * "not_decided":[{"ref", "id", "missing":[…]}], "excluded_by": null|{ref, text}, "notes":[…], …}. Every criterion
 * met is listed with its provision; thresholds are strict ("more than"); a criterion that needs an absent fact is
 * not met and is listed in not_decided when some of its facts were given. Beyond the first-agreed facts, impact
 * accepts severe_operational_disruption, severe_financial_loss and considerable_damage_to_others (booleans, for
 * NIS2 Art. 23(3)); deaths may be a count or a boolean.
 * flags: NIS2_JSON_PRETTY. *out_json is owned (nis2_string_free).
 * Errors: as nis2_incident_deadlines_json() with paths under $.impact (e.g. $.impact.users_affected_limited
 * larger than $.impact.users_in_union, $.impact.related_incidents[1].occurred_at later than the incident);
 * NIS2_ERR_UNSUPPORTED when the catalog has no significance tables.
 */
NIS2_API nis2_status nis2_incident_assess_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                               char **out_json, nis2_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_INCIDENT_H */
