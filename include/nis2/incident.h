/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — incidents: the reporting clock of a significant incident and whether an incident is significant.
 * Formats: lib/schema/FORMATS.md §incident-deadlines and §incident-assessment.
 *
 * Two ways in: the typed API (an nis2_incident object holding the facts, nis2_incident_deadlines() and
 * nis2_incident_assess() computing typed results with getters), and the JSON functions (a JSON request, a JSON
 * answer), which are built on the typed API and give the same answers. Times in answers are UTC with "Z".
 */
#ifndef NIS2_INCIDENT_H
#define NIS2_INCIDENT_H

#include <nis2/common.h>
#include <nis2/context.h>
#include <nis2/entity.h>

#ifdef __cplusplus
extern "C" {
#endif


/* ============================================================ typed API (NIS2_1.1) */

/** The facts of one incident: its times (for the reporting clocks) and its impact (for significance). Created
 *  empty by nis2_incident_new(); one thread at a time may modify it; a finished one may be read by several. */
typedef struct nis2_incident nis2_incident;
/** The reporting deadlines of an incident for one entity (nis2_incident_deadlines()). Immutable; keeps its context
 *  alive; may be read from several threads. */
typedef struct nis2_deadlines nis2_deadlines;
/** Whether an incident is significant for one entity (nis2_incident_assess()). Immutable; keeps its context alive. */
typedef struct nis2_assessment nis2_assessment;

/** Times of an incident (nis2_incident_set_time()). Values are fixed forever. */
#define NIS2_INCIDENT_AWARE_AT                  0u  /**< awareness of the significant incident (required for deadlines) */
#define NIS2_INCIDENT_NOTIFIED_AT               1u  /**< when the incident notification was sent */
#define NIS2_INCIDENT_IMPACT_ENDED_AT           2u  /**< when the impact ended (the incident was handled) */
#define NIS2_INCIDENT_END_OF_IMPACT_NOTIFIED_AT 3u  /**< when the end of impact was notified (needs impact_ended_at) */
#define NIS2_INCIDENT_OCCURRED_AT               4u  /**< when the incident occurred (impact fact, IR 2024/2690 Art. 4) */

/** Impact facts (lib/schema/FORMATS.md §incident-assessment `impact`), for nis2_incident_set_number() and nis2_incident_set_bool(). Values are
 *  fixed forever and equal the order of the facts in lib/schema/FORMATS.md §incident-assessment. (N) number >= 0, (C) whole count >= 0 that may
 *  also be given as a boolean, (B) boolean. occurred_at, root_cause and related_incidents have their own setters. */
#define NIS2_IMPACT_OCCURRED_AT                          0u  /**< nis2_incident_set_time(…, NIS2_INCIDENT_OCCURRED_AT, …) */
#define NIS2_IMPACT_ROOT_CAUSE                           1u  /**< nis2_incident_set_root_cause() */
#define NIS2_IMPACT_FINANCIAL_LOSS_EUR                   2u  /**< (N) */
#define NIS2_IMPACT_TURNOVER_PREV_FY_EUR                 3u  /**< (N) */
#define NIS2_IMPACT_DEATHS                               4u  /**< (C) */
#define NIS2_IMPACT_CONSIDERABLE_HEALTH_DAMAGE           5u  /**< (B) */
#define NIS2_IMPACT_TRADE_SECRETS_EXFILTRATED            6u  /**< (B) */
#define NIS2_IMPACT_MALICIOUS_UNAUTHORISED_ACCESS_SEVERE 7u  /**< (B) */
#define NIS2_IMPACT_SCHEDULED_MAINTENANCE                8u  /**< (B) IR 2024/2690 Art. 3(2) */
#define NIS2_IMPACT_UNAVAILABLE_MINUTES                  9u  /**< (N) */
#define NIS2_IMPACT_DEGRADED_MINUTES                    10u  /**< (N) */
#define NIS2_IMPACT_RESPONSE_TIME_S                     11u  /**< (N) */
#define NIS2_IMPACT_USERS_IN_UNION                      12u  /**< (N) */
#define NIS2_IMPACT_USERS_AFFECTED_UNAVAILABLE          13u  /**< (N) at most users_in_union */
#define NIS2_IMPACT_USERS_AFFECTED_LIMITED              14u  /**< (N) at most users_in_union */
#define NIS2_IMPACT_USERS_AFFECTED_COMPROMISE           15u  /**< (N) at most users_in_union */
#define NIS2_IMPACT_DATA_COMPROMISED                    16u  /**< (B) */
#define NIS2_IMPACT_SUSPECTED_MALICIOUS                 17u  /**< (B) */
#define NIS2_IMPACT_PHYSICAL_ACCESS_COMPROMISED         18u  /**< (B) */
#define NIS2_IMPACT_MISCONFIGURATION_DOMAINS_WRONG      19u  /**< (N) at most managed_domains */
#define NIS2_IMPACT_MANAGED_DOMAINS                     20u  /**< (N) */
#define NIS2_IMPACT_WEEKLY_UNAVAILABLE_MINUTES          21u  /**< (N) */
#define NIS2_IMPACT_SEVERE_OPERATIONAL_DISRUPTION       22u  /**< (B) NIS2 Art. 23(3)(a) */
#define NIS2_IMPACT_SEVERE_FINANCIAL_LOSS               23u  /**< (B) NIS2 Art. 23(3)(a) */
#define NIS2_IMPACT_CONSIDERABLE_DAMAGE_TO_OTHERS       24u  /**< (B) NIS2 Art. 23(3)(b) */
#define NIS2_IMPACT_RELATED_INCIDENTS                   25u  /**< nis2_incident_add_related() */
#define NIS2_IMPACT_COUNT                               26u  /**< number of impact facts */

/** Which list of reports a deadlines getter reads. */
#define NIS2_DEADLINES_REPORTS   0u  /**< the reports of the law that applies (lib/schema/FORMATS.md §incident-deadlines "reports") */
#define NIS2_DEADLINES_DIRECTIVE 1u  /**< the Directive's baseline, listed for reference where national phases
                                          replace it ("directive_reports"; empty otherwise) */

/** Create an empty incident (no times, no impact facts). *out owns it; free with nis2_incident_free().
 *  Errors: NIS2_ERR_INVALID_ARG (out is NULL), NIS2_ERR_NOMEM. */
NIS2_API nis2_status nis2_incident_new(nis2_incident **out, nis2_error *err);
/** Free an incident. NULL is a no-op. */
NIS2_API void nis2_incident_free(nis2_incident *inc);

/**
 * Set a time (NIS2_INCIDENT_*) as seconds since the epoch (UTC) and the UTC offset it was observed in, in seconds
 * east of UTC (used to count calendar months in local time; 0 for UTC). Years 1970-9999, |offset| < 24 h, offset
 * a whole number of minutes. Errors: NIS2_ERR_INVALID_ARG (NULL inc, unknown time id), NIS2_ERR_INVALID_FIELD (out
 * of range; the message names the field, e.g. "$.aware_at").
 */
NIS2_API nis2_status nis2_incident_set_time(nis2_incident *inc, uint32_t which, int64_t utc_seconds,
                                            int32_t offset_seconds, nis2_error *err);
/** As nis2_incident_set_time(), from an RFC 3339 date-time ("2026-05-04T09:30:00+01:00" or "…Z").
 *  Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_INVALID_FIELD (not RFC 3339 or out of range). */
NIS2_API nis2_status nis2_incident_set_time_rfc3339(nis2_incident *inc, uint32_t which, const char *rfc3339,
                                                    nis2_error *err);
/** Forget a time (NIS2_INCIDENT_*): it becomes unknown. Errors: NIS2_ERR_INVALID_ARG. */
NIS2_API nis2_status nis2_incident_unset_time(nis2_incident *inc, uint32_t which, nis2_error *err);
/** Set a numeric impact fact (N) or a count (C; value must be a whole number). value finite, >= 0, <= 1e15.
 *  Errors: NIS2_ERR_INVALID_ARG (NULL inc; fact unknown or not numeric), NIS2_ERR_INVALID_FIELD (value). */
NIS2_API nis2_status nis2_incident_set_number(nis2_incident *inc, uint32_t fact, double value, nis2_error *err);
/** Set a boolean impact fact (B), or a count (C) as a boolean; value is 0 or 1.
 *  Errors: NIS2_ERR_INVALID_ARG (NULL inc; fact unknown or not boolean), NIS2_ERR_INVALID_FIELD (value not 0/1). */
NIS2_API nis2_status nis2_incident_set_bool(nis2_incident *inc, uint32_t fact, int value, nis2_error *err);
/** Forget an impact fact (any NIS2_IMPACT_*; for related incidents, the whole list). Errors: NIS2_ERR_INVALID_ARG. */
NIS2_API nis2_status nis2_incident_unset(nis2_incident *inc, uint32_t fact, nis2_error *err);
/** Set the root cause (copied; a non-empty string). Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_INVALID_FIELD,
 *  NIS2_ERR_NOMEM. */
NIS2_API nis2_status nis2_incident_set_root_cause(nis2_incident *inc, const char *root_cause, nis2_error *err);
/**
 * Add an earlier related incident (IR 2024/2690 Art. 4): when it occurred (as nis2_incident_set_time()), its root
 * cause (copied, non-empty), and its financial loss when has_loss is non-zero (finite, >= 0, <= 1e15). Marks the
 * list of related incidents as given. An earlier incident later than occurred_at is rejected by
 * nis2_incident_assess(). Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_INVALID_FIELD, NIS2_ERR_LIMIT (more than
 * NIS2_LIMIT_ARRAY_LENGTH), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_incident_add_related(nis2_incident *inc, int64_t occurred_utc, int32_t offset_seconds,
                                               const char *root_cause, int has_loss, double loss_eur,
                                               nis2_error *err);

/**
 * The reporting deadlines of the incident for entity ent (see nis2_incident_deadlines_json() for the rules).
 * *out owns the result; free with nis2_deadlines_free(). Errors: NIS2_ERR_INVALID_ARG (NULL argument, ent from
 * another context), NIS2_ERR_MISSING_FIELD ("$.aware_at" not set; "$.impact_ended_at" when only
 * end_of_impact_notified_at is set), NIS2_ERR_INVALID_FIELD (a notification earlier than what it follows), the
 * errors of nis2_classify(), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_incident_deadlines(const nis2_ctx *ctx, const nis2_entity *ent, const nis2_incident *inc,
                                             nis2_deadlines **out, nis2_error *err);
/** Free a deadlines result. NULL is a no-op. */
NIS2_API void nis2_deadlines_free(nis2_deadlines *d);
/** Serialise as the JSON nis2_incident_deadlines_json() returns. flags: NIS2_JSON_PRETTY. *out_json is owned. */
NIS2_API nis2_status nis2_deadlines_to_json(const nis2_deadlines *d, uint32_t flags, char **out_json,
                                            nis2_error *err);
/** The applicable category ("essential", …). Borrowed. */
NIS2_API const char *nis2_deadlines_category(const nis2_deadlines *d);
/** The law the applicable category comes from ("EU 2022/2555", "PT DL 125/2025"). Borrowed. */
NIS2_API const char *nis2_deadlines_law(const nis2_deadlines *d);
/** The Directive's category. Borrowed. */
NIS2_API const char *nis2_deadlines_directive_category(const nis2_deadlines *d);
/** aware_at as seconds since the epoch (UTC). */
NIS2_API int64_t nis2_deadlines_aware_at(const nis2_deadlines *d);
/** Number of reports in a list (NIS2_DEADLINES_*); 0 for an unknown list. */
NIS2_API size_t nis2_deadlines_report_count(const nis2_deadlines *d, uint32_t list);
/** Report id ("early_warning", "pt_initial_notification", …). Every report getter returns NULL (or 0) for an
 *  unknown list or an out-of-range i. Strings are borrowed. */
NIS2_API const char *nis2_deadlines_report_id(const nis2_deadlines *d, uint32_t list, size_t i);
/** 1 and *utc_seconds (may be NULL) when the report has a fixed due time; 0 when it is on request or counts from
 *  a time not known yet. */
NIS2_API int nis2_deadlines_report_due(const nis2_deadlines *d, uint32_t list, size_t i, int64_t *utc_seconds);
/** The due time as RFC 3339 UTC ("2026-05-05T09:30:00Z"), or NULL when not fixed. */
NIS2_API const char *nis2_deadlines_report_due_rfc3339(const nis2_deadlines *d, uint32_t list, size_t i);
/** The provision ("NIS2 Art. 23(4)(a)"). */
NIS2_API const char *nis2_deadlines_report_ref(const nis2_deadlines *d, uint32_t list, size_t i);
/** What the clock counts from: "aware_at", "notified_at", "impact_ended_at", "end_of_impact_notified_at",
 *  "request", or "<report id>.due". */
NIS2_API const char *nis2_deadlines_report_relative_to(const nis2_deadlines *d, uint32_t list, size_t i);
/** 1 and *utc_seconds when the time it counts from is known, else 0. */
NIS2_API int nis2_deadlines_report_from(const nis2_deadlines *d, uint32_t list, size_t i, int64_t *utc_seconds);
/** The law of the report ("EU 2022/2555", "PT DL 125/2025"). */
NIS2_API const char *nis2_deadlines_report_law(const nis2_deadlines *d, uint32_t list, size_t i);
/** The due time in words. */
NIS2_API const char *nis2_deadlines_report_text(const nis2_deadlines *d, uint32_t list, size_t i);
/** The condition under which the report is due, or NULL when it is always due. */
NIS2_API const char *nis2_deadlines_report_condition(const nis2_deadlines *d, uint32_t list, size_t i);
/** A note on the report, or NULL. */
NIS2_API const char *nis2_deadlines_report_note(const nis2_deadlines *d, uint32_t list, size_t i);
/** 0 for a report id beyond lib/schema/FORMATS.md §incident-deadlines (e.g. pt_interim_report), 1 otherwise (and for an out-of-range i). */
NIS2_API int nis2_deadlines_report_in_contract(const nis2_deadlines *d, uint32_t list, size_t i);
/** Number of notes; their provision (NULL when none) and text. Borrowed; NULL for an out-of-range i. */
NIS2_API size_t nis2_deadlines_note_count(const nis2_deadlines *d);
NIS2_API const char *nis2_deadlines_note_ref(const nis2_deadlines *d, size_t i);
NIS2_API const char *nis2_deadlines_note_text(const nis2_deadlines *d, size_t i);

/**
 * Is the incident significant for entity ent (see nis2_incident_assess_json() for the rules)? Only the impact facts
 * are read. *out owns the result; free with nis2_assessment_free(). Errors: NIS2_ERR_INVALID_ARG (NULL argument,
 * ent from another context), NIS2_ERR_INVALID_FIELD (facts that contradict each other, naming "$.impact.<fact>"),
 * NIS2_ERR_UNSUPPORTED (the catalog has no significance tables), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_incident_assess(const nis2_ctx *ctx, const nis2_entity *ent, const nis2_incident *inc,
                                          nis2_assessment **out, nis2_error *err);
/** Free an assessment. NULL is a no-op. */
NIS2_API void nis2_assessment_free(nis2_assessment *a);
/** Serialise as the JSON nis2_incident_assess_json() returns. flags: NIS2_JSON_PRETTY. *out_json is owned. */
NIS2_API nis2_status nis2_assessment_to_json(const nis2_assessment *a, uint32_t flags, char **out_json,
                                             nis2_error *err);
/** 1 when at least one criterion is met, else 0. */
NIS2_API int nis2_assessment_significant(const nis2_assessment *a);
/** The regimes applied ("IR 2024/2690", "NIS2 Art. 23(3)"): count and i-th (NULL when out of range). Borrowed. */
NIS2_API size_t nis2_assessment_regime_count(const nis2_assessment *a);
NIS2_API const char *nis2_assessment_regime_at(const nis2_assessment *a, size_t i);
/** Criteria met: count; provision, id and explanation of the i-th (NULL when out of range). Borrowed. */
NIS2_API size_t nis2_assessment_criterion_count(const nis2_assessment *a);
NIS2_API const char *nis2_assessment_criterion_ref(const nis2_assessment *a, size_t i);
NIS2_API const char *nis2_assessment_criterion_id(const nis2_assessment *a, size_t i);
NIS2_API const char *nis2_assessment_criterion_text(const nis2_assessment *a, size_t i);
/** Criteria not decided for want of facts: count; provision and id of the i-th; the facts it needs (names of
 *  lib/schema/FORMATS.md §incident-assessment, e.g. "users_in_union"). NULL/0 when out of range. Borrowed. */
NIS2_API size_t nis2_assessment_not_decided_count(const nis2_assessment *a);
NIS2_API const char *nis2_assessment_not_decided_ref(const nis2_assessment *a, size_t i);
NIS2_API const char *nis2_assessment_not_decided_id(const nis2_assessment *a, size_t i);
NIS2_API size_t nis2_assessment_not_decided_missing_count(const nis2_assessment *a, size_t i);
NIS2_API const char *nis2_assessment_not_decided_missing_at(const nis2_assessment *a, size_t i, size_t j);
/** The provision and text that exclude the incident (IR 2024/2690 Art. 3(2), scheduled maintenance), or NULL. */
NIS2_API const char *nis2_assessment_excluded_by_ref(const nis2_assessment *a);
NIS2_API const char *nis2_assessment_excluded_by_text(const nis2_assessment *a);
/** Notes: count; provision (NULL when none), id (NULL when none) and text of the i-th. Borrowed. */
NIS2_API size_t nis2_assessment_note_count(const nis2_assessment *a);
NIS2_API const char *nis2_assessment_note_ref(const nis2_assessment *a, size_t i);
NIS2_API const char *nis2_assessment_note_id(const nis2_assessment *a, size_t i);
NIS2_API const char *nis2_assessment_note_text(const nis2_assessment *a, size_t i);

/* ============================================================ JSON API (NIS2_1.0) */

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
 * IR Art. 4 (related_incidents): without occurred_at or root_cause, the most the facts allow is counted (this
 * incident as the latest of its series, any root cause when none is given); when even that does not meet the
 * rule it is not met (a note says so), else it is listed in not_decided with the absent facts.
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
