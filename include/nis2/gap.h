/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — the ISO/IEC 27001 → NIS2 gap report as typed objects (no JSON to write or parse).
 *
 * An ISMS object collects what the gap-report input document (lib/schema/FORMATS.md §gap-report, see
 * <nis2/evidence.h>) holds: the entity, the reference date, the Statement of Applicability, the certificate,
 * the evidence items, and the records of questions 5-7 (the management body's members, approvals and
 * oversight, the risk register, the supplier register). Each setter checks its entry exactly as the same entry of an input document is checked
 * and, on failure, names the field by the JSON path it would have there ("$.soa[3].status",
 * "$.risks[0].decision.review_by"), with the same status code; a rejected entry is not added and leaves the
 * ISMS as it was. Entries are numbered in the order they were added. References (an evidence id named by an
 * approval, a risk or a supplier) must name an item added before.
 *
 * One thread at a time may use an ISMS.
 *
 * nis2_gap_compute() turns an ISMS into a report object: the same report nis2_gap_report_json() gives for the
 * equivalent document, byte for byte once rendered. The report is immutable, independent of the ISMS and of the
 * context once computed, and may be read from several threads. Strings returned by its getters are borrowed
 * from it (valid until nis2_gap_report_free()). Index getters return NULL / 0 / -1 for an index out of range.
 *
 * Strings given to setters are copied; they must be UTF-8 (else NIS2_ERR_INVALID_FIELD naming the field).
 * Dates are "YYYY-MM-DD" strings; NULL where the field is optional means "not given". Values of closed sets
 * (SoA status, risk level, treatment, decision maker, approval subject, contract clause) are the JSON strings
 * of lib/schema/FORMATS.md §gap-report ("implemented", "high", "accept", "management_body", "security_policy",
 * "incident_notification", …).
 */
#ifndef NIS2_GAP_H
#define NIS2_GAP_H

#include <nis2/common.h>
#include <nis2/context.h>
#include <nis2/entity.h>
#include <nis2/evidence.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nis2_isms nis2_isms;
typedef struct nis2_gap_report nis2_gap_report;

/** Status of one duty in the report. Values are fixed forever. */
#define NIS2_GAP_COVERED        0  /**< "covered" */
#define NIS2_GAP_PARTIAL        1  /**< "partial" */
#define NIS2_GAP_MISSING        2  /**< "missing" */
#define NIS2_GAP_NOT_APPLICABLE 3  /**< "not_applicable" (does not bind, or nothing to assess as a gap: see reason) */

/** Status of one of the seven questions. Values are fixed forever. */
#define NIS2_GAP_Q_ANSWERED 0  /**< "answered": no finding */
#define NIS2_GAP_Q_PARTIAL  1  /**< "partial": findings, none open that weighs at least an overdue review */
#define NIS2_GAP_Q_OPEN     2  /**< "open" */

/** The seven questions, in the order of the report. Values are fixed forever. */
#define NIS2_GAP_QUESTION_SCOPE             0  /**< "scope": covered, essential or important */
#define NIS2_GAP_QUESTION_OBLIGATIONS       1  /**< "obligations": which duties apply */
#define NIS2_GAP_QUESTION_MEASURES          2  /**< "measures": NIS2 Art. 21(2) */
#define NIS2_GAP_QUESTION_INCIDENT_HANDLING 3  /**< "incident_handling": detect, respond, report (Art. 23) */
#define NIS2_GAP_QUESTION_MANAGEMENT        4  /**< "management_accountability": Art. 20 */
#define NIS2_GAP_QUESTION_RISK_DECISIONS    5  /**< "risk_decisions" */
#define NIS2_GAP_QUESTION_SUPPLY_CHAIN      6  /**< "supply_chain": Art. 21(2)(d), 21(3), 22 */
#define NIS2_GAP_QUESTION_N                 7

/** Legal weight of a finding or action (the prioritised list sorts on it first). Values are fixed forever. */
#define NIS2_GAP_WEIGHT_REPORTING_CAPABILITY 0  /**< "reporting_capability" */
#define NIS2_GAP_WEIGHT_ACCOUNTABILITY       1  /**< "accountability" */
#define NIS2_GAP_WEIGHT_BINDING_DUTY         2  /**< "binding_duty" */
#define NIS2_GAP_WEIGHT_REVIEW               3  /**< "review" */
#define NIS2_GAP_WEIGHT_PARTIAL              4  /**< "partial" */
#define NIS2_GAP_WEIGHT_RECORD               5  /**< "record" */

/** Counters of the report's summary (nis2_gap_report_summary()). Values are fixed forever. */
#define NIS2_GAP_SUM_ASSESSED             0  /**< binding duties assessed (covered + partial + missing) */
#define NIS2_GAP_SUM_COVERED              1
#define NIS2_GAP_SUM_PARTIAL              2
#define NIS2_GAP_SUM_MISSING              3
#define NIS2_GAP_SUM_NOT_APPLICABLE       4
#define NIS2_GAP_SUM_NIS2_SPECIFIC_OPEN   5  /**< NIS2-specific duties partial or missing */
#define NIS2_GAP_SUM_EVIDENCE_ITEMS       6
#define NIS2_GAP_SUM_STALE_EVIDENCE       7
#define NIS2_GAP_SUM_BINDING              8  /**< duties that bind (the list nis2_obligations_select() gives) */
#define NIS2_GAP_SUM_BINDING_NOT_ASSESSED 9  /**< binding duties with nothing to assess as a gap */

/* ------------------------------------------------------------------------------------------------ the ISMS */

/**
 * A new, empty ISMS of the entity ent on the reference date as_of ("YYYY-MM-DD", the report's as_of). The
 * entity is copied (ent may be freed afterwards); the ISMS keeps ctx alive. *out is owned (nis2_isms_free()).
 * Errors: NIS2_ERR_INVALID_ARG (NULL argument, ent from another context), NIS2_ERR_MISSING_FIELD /
 * NIS2_ERR_INVALID_FIELD ($.as_of), NIS2_ERR_NOT_FOUND (the catalog has no controls or no obligations),
 * NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_new(const nis2_ctx *ctx, const nis2_entity *ent, const char *as_of, nis2_isms **out,
                                   nis2_error *err);

/** Free an ISMS. NULL is a no-op. */
NIS2_API void nis2_isms_free(nis2_isms *isms);

/**
 * Add a Statement of Applicability entry ($.soa[i]). control as nis2_iso_normalise_id() accepts; applicable 1 or
 * 0 (0: excluded; only Annex A controls can be, and status must then be NULL); status "implemented", "partial",
 * "planned" or "not_implemented" (required when applicable); justification optional.
 * Errors: NIS2_ERR_INVALID_ARG (NULL isms or control, applicable not 0 or 1), NIS2_ERR_UNKNOWN_CODE /
 * NIS2_ERR_INVALID_FIELD (...control: unknown or listed twice), NIS2_ERR_MISSING_FIELD / NIS2_ERR_INVALID_FIELD
 * (...status, ...applicable), NIS2_ERR_LIMIT ($.soa), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_add_soa(nis2_isms *isms, const char *control, int applicable, const char *status,
                                       const char *justification, nis2_error *err);

/**
 * Set the ISO/IEC 27001 certificate ($.certificate; a second call replaces the first). standard and valid_until
 * required; scope_covers_nis2_services 1 or 0; issued and certification_body optional.
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_MISSING_FIELD / NIS2_ERR_INVALID_FIELD ($.certificate.<field>),
 * NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_set_certificate(nis2_isms *isms, const char *standard, const char *valid_until,
                                               int scope_covers_nis2_services, const char *issued,
                                               const char *certification_body, nis2_error *err);

/**
 * Add an evidence item ($.evidence[i]): a unique non-empty id, an optional title, the date it was made (dated,
 * required) and an optional valid_until; the ISO/IEC 27001 controls or clauses it supports and the obligation
 * ids it supports directly (arrays of n strings; at least one of the two lists is non-empty).
 * Errors: NIS2_ERR_INVALID_ARG (NULL isms, a NULL array with n > 0), NIS2_ERR_MISSING_FIELD /
 * NIS2_ERR_INVALID_FIELD ($.evidence[i].id empty or used twice, dates, valid_until before dated, nothing named),
 * NIS2_ERR_UNKNOWN_CODE ($.evidence[i].controls[j], $.evidence[i].obligations[j]), NIS2_ERR_LIMIT, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_add_evidence(nis2_isms *isms, const char *id, const char *title, const char *dated,
                                            const char *valid_until, const char *const *controls, size_t n_controls,
                                            const char *const *obligations, size_t n_obligations, nis2_error *err);

/**
 * Who reports directly to the management body on security ($.management_body.security_reporter, IR 2024/2690
 * Annex 1.2.3). Setting it, or adding a member, approval or oversight record, makes the management-body records
 * "given". Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_INVALID_FIELD (empty, not UTF-8), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_set_security_reporter(nis2_isms *isms, const char *who, nis2_error *err);

/**
 * Add a member of the management body ($.management_body.members[i]): a unique id, an optional role, the date of
 * the last cybersecurity training (NIS2 Art. 20(2)) or NULL.
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_MISSING_FIELD / NIS2_ERR_INVALID_FIELD (...id empty or used twice,
 * ...trained_on), NIS2_ERR_LIMIT, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_add_member(nis2_isms *isms, const char *id, const char *role, const char *trained_on,
                                          nis2_error *err);

/**
 * Add an approval by the management body ($.management_body.approvals[i]): what ("risk_management_measures",
 * "security_policy", "risk_treatment_plan", "supply_chain_policy", "other"), its date, and the ids of n evidence
 * items added before. Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_MISSING_FIELD / NIS2_ERR_INVALID_FIELD (...what,
 * ...date), NIS2_ERR_UNKNOWN_CODE (...evidence[j]), NIS2_ERR_LIMIT, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_add_approval(nis2_isms *isms, const char *what, const char *date,
                                            const char *const *evidence, size_t n_evidence, nis2_error *err);

/**
 * Add an oversight record of the management body ($.management_body.oversight[i]): what was overseen (free
 * text, required), its date, evidence ids as for nis2_isms_add_approval(). Errors: as nis2_isms_add_approval().
 */
NIS2_API nis2_status nis2_isms_add_oversight(nis2_isms *isms, const char *what, const char *date,
                                             const char *const *evidence, size_t n_evidence, nis2_error *err);

/**
 * Add a risk of the risk register ($.risks[i]): unique id, title, level ("low", "medium", "high", "critical"),
 * treatment ("mitigate", "accept", "transfer", "avoid"), the date of its last assessment or NULL, the controls
 * treating it and the obligation ids it concerns (arrays of n strings), the decision (decided_by
 * "management_body", "risk_owner", "ciso" or "other", with decision_date required and review_by optional; all
 * three NULL for no decision) and evidence ids added before.
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_MISSING_FIELD / NIS2_ERR_INVALID_FIELD ($.risks[i].<field>, id used
 * twice, review_by before the decision), NIS2_ERR_UNKNOWN_CODE (a control, obligation or evidence id),
 * NIS2_ERR_LIMIT, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_add_risk(nis2_isms *isms, const char *id, const char *title, const char *level,
                                        const char *treatment, const char *assessed_on, const char *const *controls,
                                        size_t n_controls, const char *const *obligations, size_t n_obligations,
                                        const char *decided_by, const char *decision_date, const char *review_by,
                                        const char *const *evidence, size_t n_evidence, nis2_error *err);

/**
 * Add a supplier of the supplier register ($.suppliers[i]): unique id, name, service, critical (1 or 0), an
 * optional contact, the dates of its last and next assessment or NULL, the contract clauses its contract holds
 * ("security_requirements", "skills_and_training", "background_checks", "incident_notification",
 * "audit_rights", "vulnerability_handling", "subcontracting", "termination_and_exit": IR 2024/2690 Annex
 * 5.1.4), its certifications (free text) and evidence ids added before.
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_MISSING_FIELD / NIS2_ERR_INVALID_FIELD ($.suppliers[i].<field>, id used
 * twice, next_assessment before assessed_on, an unknown clause), NIS2_ERR_UNKNOWN_CODE (an evidence id),
 * NIS2_ERR_LIMIT, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_add_supplier(nis2_isms *isms, const char *id, const char *name, const char *service,
                                            int critical, const char *contact, const char *assessed_on,
                                            const char *next_assessment, const char *const *clauses,
                                            size_t n_clauses, const char *const *certifications,
                                            size_t n_certifications, const char *const *evidence, size_t n_evidence,
                                            nis2_error *err);

/**
 * The ISMS as a gap-report input document (lib/schema/FORMATS.md §gap-report), what nis2_gap_report_json()
 * reads. flags: NIS2_JSON_PRETTY.
 * *out_json is owned (nis2_string_free). Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_isms_to_json(const nis2_isms *isms, uint32_t flags, char **out_json, nis2_error *err);

/* ---------------------------------------------------------------------------------------------- the report */

/**
 * Compute the gap report of an ISMS. *out is owned (nis2_gap_report_free()); the ISMS may be changed or freed
 * afterwards without changing the report. Errors: NIS2_ERR_INVALID_ARG, those of nis2_classify() for the entity,
 * NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_gap_compute(const nis2_isms *isms, nis2_gap_report **out, nis2_error *err);

/**
 * The report of a gap-report input document (lib/schema/FORMATS.md §gap-report): the typed form of
 * nis2_gap_report_json(). *out is owned.
 * Errors: those of nis2_gap_report_json().
 */
NIS2_API nis2_status nis2_gap_report_from_json(const nis2_ctx *ctx, const char *json, size_t len,
                                               nis2_gap_report **out, nis2_error *err);

/** Free a report. NULL is a no-op. */
NIS2_API void nis2_gap_report_free(nis2_gap_report *rep);

/**
 * Render a report as NIS2_GAP_FORMAT_JSON (flags: NIS2_JSON_PRETTY), _TEXT, _HTML, _CSV or _OSCAL (flags:
 * NIS2_JSON_PRETTY); byte for byte what nis2_gap_report_json() / nis2_gap_report_render() /
 * nis2_gap_report_oscal() give for the same input (for an ISMS built step by step: for the document
 * nis2_isms_to_json() writes). *out is owned (nis2_string_free).
 * Errors: NIS2_ERR_INVALID_ARG (NULL argument, unknown format), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_gap_report_to_string(const nis2_gap_report *rep, uint32_t format, uint32_t flags,
                                               char **out, nis2_error *err);

/** The reference date "YYYY-MM-DD". */
NIS2_API const char *nis2_gap_report_as_of(const nis2_gap_report *rep);
/** The applicable category ("essential", "important", "out_of_scope", a national category…). */
NIS2_API const char *nis2_gap_report_category(const nis2_gap_report *rep);
/** The law the duties come from ("EU 2022/2555", "PT DL 125/2025", …). */
NIS2_API const char *nis2_gap_report_law(const nis2_gap_report *rep);
/** 1 when Implementing Regulation (EU) 2024/2690 binds the entity (its Annex details the measures), else 0. */
NIS2_API int nis2_gap_report_ir_2024_2690(const nis2_gap_report *rep);
/** A counter of the summary (NIS2_GAP_SUM_…); 0 for an unknown one. */
NIS2_API size_t nis2_gap_report_summary(const nis2_gap_report *rep, uint32_t which);

/** The certificate's status ("valid", "expired", "not_yet_valid", "other_standard",
 *  "scope_excludes_nis2_services"), NULL when none was given. */
NIS2_API const char *nis2_gap_report_certificate_status(const nis2_gap_report *rep);
/** 1 when the certificate stands in for evidence of clauses 4-10, else 0 (also without a certificate). */
NIS2_API int nis2_gap_report_certificate_counts(const nis2_gap_report *rep);

/** Stale evidence items (they count for nothing): their number, the k-th id and why it is stale. */
NIS2_API size_t nis2_gap_report_stale_count(const nis2_gap_report *rep);
NIS2_API const char *nis2_gap_report_stale_id(const nis2_gap_report *rep, size_t k);
NIS2_API const char *nis2_gap_report_stale_reason(const nis2_gap_report *rep, size_t k);

/** The NIS2 Art. 21(2) measures assessed: their number; the m-th measure's duty id, provision, title. */
NIS2_API size_t nis2_gap_report_measure_count(const nis2_gap_report *rep);
NIS2_API const char *nis2_gap_report_measure_id(const nis2_gap_report *rep, size_t m);
NIS2_API const char *nis2_gap_report_measure_ref(const nis2_gap_report *rep, size_t m);
NIS2_API const char *nis2_gap_report_measure_title(const nis2_gap_report *rep, size_t m);
/** Its status (NIS2_GAP_COVERED …), -1 out of range. */
NIS2_API int nis2_gap_report_measure_status(const nis2_gap_report *rep, size_t m);
/** The ISO/IEC 27001 controls linked to it (excluded ones not counted), those supported, those partly supported;
 *  0 out of range. */
NIS2_API size_t nis2_gap_report_measure_controls(const nis2_gap_report *rep, size_t m);
NIS2_API size_t nis2_gap_report_measure_supported(const nis2_gap_report *rep, size_t m);
NIS2_API size_t nis2_gap_report_measure_partly_supported(const nis2_gap_report *rep, size_t m);

/** Number of duties listed: those that bind, then the Directive's that do not. */
NIS2_API size_t nis2_gap_report_duty_count(const nis2_gap_report *rep);
/** Id of the i-th duty ("nis2.art23.early_warning"). */
NIS2_API const char *nis2_gap_report_duty_id(const nis2_gap_report *rep, size_t i);
/** Its provision ("NIS2 Art. 23(4)(a)"). */
NIS2_API const char *nis2_gap_report_duty_ref(const nis2_gap_report *rep, size_t i);
/** Its title. */
NIS2_API const char *nis2_gap_report_duty_title(const nis2_gap_report *rep, size_t i);
/** Its group ("risk_management", "incident_reporting", "governance", …; "" when the catalog gives none). */
NIS2_API const char *nis2_gap_report_duty_group(const nis2_gap_report *rep, size_t i);
/** Its nature ("mandatory", "encouraged", "optional", "conditional", "status", "member_state_option"). */
NIS2_API const char *nis2_gap_report_duty_nature(const nis2_gap_report *rep, size_t i);
/** Its status (NIS2_GAP_COVERED …), -1 when i is out of range. */
NIS2_API int nis2_gap_report_duty_status(const nis2_gap_report *rep, size_t i);
/** 1 when the duty binds the entity, 0 when not, -1 when i is out of range. */
NIS2_API int nis2_gap_report_duty_binds(const nis2_gap_report *rep, size_t i);
/** 1 when no ISO/IEC 27001 control covers the duty fully (direct evidence needed), 0 when not, -1 out of range. */
NIS2_API int nis2_gap_report_duty_nis2_specific(const nis2_gap_report *rep, size_t i);
/** Why a not_applicable duty is not assessed as a gap; NULL for an assessed duty. */
NIS2_API const char *nis2_gap_report_duty_reason(const nis2_gap_report *rep, size_t i);
/** Why a binding duty binds ("essential entity, Art. 21"); NULL for one that does not bind. */
NIS2_API const char *nis2_gap_report_duty_applies_because(const nis2_gap_report *rep, size_t i);
/** Number of open items (what is missing, in words) of the i-th duty, and the j-th one. */
NIS2_API size_t nis2_gap_report_duty_open_count(const nis2_gap_report *rep, size_t i);
NIS2_API const char *nis2_gap_report_duty_open_at(const nis2_gap_report *rep, size_t i, size_t j);
/** Current evidence items naming the duty directly (their ids), and the stale ones that count for nothing. */
NIS2_API size_t nis2_gap_report_duty_evidence_count(const nis2_gap_report *rep, size_t i);
NIS2_API const char *nis2_gap_report_duty_evidence_at(const nis2_gap_report *rep, size_t i, size_t j);
NIS2_API size_t nis2_gap_report_duty_stale_count(const nis2_gap_report *rep, size_t i);
NIS2_API const char *nis2_gap_report_duty_stale_at(const nis2_gap_report *rep, size_t i, size_t j);

/** The id of question q (NIS2_GAP_QUESTION_…): "scope", …, "supply_chain"; NULL when q >= 7. */
NIS2_API const char *nis2_gap_report_question_id(const nis2_gap_report *rep, size_t q);
/** The question in words. */
NIS2_API const char *nis2_gap_report_question_text(const nis2_gap_report *rep, size_t q);
/** Its status (NIS2_GAP_Q_…), -1 when q is out of range. */
NIS2_API int nis2_gap_report_question_status(const nis2_gap_report *rep, size_t q);
/** The short answer. */
NIS2_API const char *nis2_gap_report_question_answer(const nis2_gap_report *rep, size_t q);
/** Number of findings of question q; the getters below take the finding's index j within the question. */
NIS2_API size_t nis2_gap_report_finding_count(const nis2_gap_report *rep, size_t q);
/** The provision the finding rests on ("IR 2024/2690 Annex 2.1.4", "NIS2 Art. 20(2)"). */
NIS2_API const char *nis2_gap_report_finding_provision(const nis2_gap_report *rep, size_t q, size_t j);
/** What was found, in words. */
NIS2_API const char *nis2_gap_report_finding_text(const nis2_gap_report *rep, size_t q, size_t j);
/** What to do, in words (the question's j-th action). */
NIS2_API const char *nis2_gap_report_finding_action(const nis2_gap_report *rep, size_t q, size_t j);
/** The input or catalog ids it concerns (a risk, a supplier, a member, a duty…). */
NIS2_API size_t nis2_gap_report_finding_id_count(const nis2_gap_report *rep, size_t q, size_t j);
NIS2_API const char *nis2_gap_report_finding_id_at(const nis2_gap_report *rep, size_t q, size_t j, size_t k);
/** 1 when nothing is shown yet, 0 when shown in part; -1 out of range. */
NIS2_API int nis2_gap_report_finding_open(const nis2_gap_report *rep, size_t q, size_t j);
/** Its weight (NIS2_GAP_WEIGHT_…), -1 out of range. */
NIS2_API int nis2_gap_report_finding_weight(const nis2_gap_report *rep, size_t q, size_t j);
/** The date it was or falls due "YYYY-MM-DD", NULL when none. */
NIS2_API const char *nis2_gap_report_finding_due(const nis2_gap_report *rep, size_t q, size_t j);
/** Its rank in the prioritised action list (1-based), 0 out of range. */
NIS2_API size_t nis2_gap_report_finding_rank(const nis2_gap_report *rep, size_t q, size_t j);

/** Number of actions of the prioritised list (legal weight, then due date first). The k-th action is rank k+1. */
NIS2_API size_t nis2_gap_report_action_count(const nis2_gap_report *rep);
/** The question the k-th action belongs to (NIS2_GAP_QUESTION_…), -1 out of range. */
NIS2_API int nis2_gap_report_action_question(const nis2_gap_report *rep, size_t k);
/** Its weight (NIS2_GAP_WEIGHT_…), -1 out of range. */
NIS2_API int nis2_gap_report_action_weight(const nis2_gap_report *rep, size_t k);
/** Its due date "YYYY-MM-DD", NULL when none. */
NIS2_API const char *nis2_gap_report_action_due(const nis2_gap_report *rep, size_t k);
/** Its provision. */
NIS2_API const char *nis2_gap_report_action_provision(const nis2_gap_report *rep, size_t k);
/** What to do, in words. */
NIS2_API const char *nis2_gap_report_action_text(const nis2_gap_report *rep, size_t k);
/** The finding behind it. */
NIS2_API const char *nis2_gap_report_action_finding(const nis2_gap_report *rep, size_t k);
/** The ids it concerns. */
NIS2_API size_t nis2_gap_report_action_id_count(const nis2_gap_report *rep, size_t k);
NIS2_API const char *nis2_gap_report_action_id_at(const nis2_gap_report *rep, size_t k, size_t j);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_GAP_H */
