/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal: the ISMS records behind questions 5-7 of the gap report (the management body's records, the
 * risk register, the supplier register) as typed structs, and the checks the law sets on them.
 *
 * lib/json/gap_json.c parses them from the input document ($.management_body, $.risks, $.suppliers); the checks
 * (lib/rules/gap_checks.c) use no JSON: they read these structs and a reference date and write typed findings.
 * Strings are borrowed from the parsed input document; dates are yyyymmdd integers, 0 for "not given". */
#ifndef NIS2_RULES_GAP_ISMS_H
#define NIS2_RULES_GAP_ISMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The seven questions a competent authority asks, in the order the report gives them. */
typedef enum nis2i_gap_q {
    NIS2I_Q_SCOPE = 0,
    NIS2I_Q_OBLIGATIONS,
    NIS2I_Q_MEASURES,
    NIS2I_Q_INCIDENTS,
    NIS2I_Q_MANAGEMENT,
    NIS2I_Q_RISKS,
    NIS2I_Q_SUPPLY,
    NIS2I_Q_N
} nis2i_gap_q;

const char *nis2i_gap_q_id(nis2i_gap_q q);      /* "scope", ..., "supply_chain" */
const char *nis2i_gap_q_title(nis2i_gap_q q);   /* the question in words */

/* What a management-body approval is about. */
typedef enum nis2i_mb_what {
    NIS2I_MB_RISK_MEASURES = 0,  /* risk_management_measures: NIS2 Art. 20(1) */
    NIS2I_MB_SECURITY_POLICY,    /* security_policy: IR 2024/2690 Annex 1.1.2 */
    NIS2I_MB_RISK_TREATMENT,     /* risk_treatment_plan: IR Annex 2.1.1 */
    NIS2I_MB_SUPPLY_POLICY,      /* supply_chain_policy: IR Annex 5.1.1 */
    NIS2I_MB_OTHER,              /* other */
    NIS2I_MB_N
} nis2i_mb_what;
extern const char *const nis2i_mb_what_names[NIS2I_MB_N];

typedef struct nis2i_mb_member {
    const char *id, *role;
    int32_t trained_on;
} nis2i_mb_member;

typedef struct nis2i_mb_record {  /* an approval or an oversight record */
    uint8_t what;                /* nis2i_mb_what (approvals only) */
    const char *topic;           /* oversight: free text */
    int32_t date;
    const char *const *evidence; /* evidence ids, checked against $.evidence */
    size_t n_evidence;
} nis2i_mb_record;

typedef enum nis2i_risk_level { NIS2I_RL_LOW = 0, NIS2I_RL_MEDIUM, NIS2I_RL_HIGH, NIS2I_RL_CRITICAL } nis2i_risk_level;
extern const char *const nis2i_risk_level_names[4];
typedef enum nis2i_treatment { NIS2I_TR_MITIGATE = 0, NIS2I_TR_ACCEPT, NIS2I_TR_TRANSFER, NIS2I_TR_AVOID } nis2i_treatment;
extern const char *const nis2i_treatment_names[4];
typedef enum nis2i_decider {
    NIS2I_BY_NONE = 0,           /* no decision recorded */
    NIS2I_BY_MANAGEMENT_BODY,    /* management_body */
    NIS2I_BY_RISK_OWNER,         /* risk_owner: accountable and with authority (IR Annex 2.1.1) */
    NIS2I_BY_CISO,               /* ciso */
    NIS2I_BY_OTHER               /* other */
} nis2i_decider;
extern const char *const nis2i_decider_names[5];

typedef struct nis2i_risk {
    const char *id, *title;
    uint8_t level, treatment, decided_by;
    int32_t assessed_on;         /* the date of the risk's (last) assessment */
    int32_t decision_date, review_by;
    const uint32_t *controls;    /* control indices (nis2i_iso) */
    size_t n_controls;
    const char *const *control_ids; /* as canonical catalog ids, same order */
    const char *const *obligations; /* obligation ids of the catalog */
    size_t n_obligations;
    size_t n_evidence;
} nis2i_risk;

/* Contract clauses a supplier contract may hold (IR 2024/2690 Annex 5.1.4). */
typedef enum nis2i_clause {
    NIS2I_CL_SECURITY = 0,       /* security_requirements: 5.1.4(a) */
    NIS2I_CL_TRAINING,           /* skills_and_training: 5.1.4(b) */
    NIS2I_CL_BACKGROUND,         /* background_checks: 5.1.4(c) */
    NIS2I_CL_INCIDENTS,          /* incident_notification: 5.1.4(d) */
    NIS2I_CL_AUDIT,              /* audit_rights: 5.1.4(e) */
    NIS2I_CL_VULNERABILITIES,    /* vulnerability_handling: 5.1.4(f) */
    NIS2I_CL_SUBCONTRACTING,     /* subcontracting: 5.1.4(g) */
    NIS2I_CL_EXIT,               /* termination_and_exit: 5.1.4(h) */
    NIS2I_CL_N
} nis2i_clause;
extern const char *const nis2i_clause_names[NIS2I_CL_N];

typedef struct nis2i_supplier {
    const char *id, *name, *service, *contact;
    bool critical;
    int32_t assessed_on, next_assessment;
    uint32_t clauses;            /* bit per nis2i_clause */
    size_t n_certifications, n_evidence;
} nis2i_supplier;

typedef struct nis2i_gap_isms {
    bool has_management_body, has_risks, has_suppliers;
    const char *security_reporter; /* who reports directly to the management body on security (IR Annex 1.2.3) */
    nis2i_mb_member *members;
    size_t n_members;
    nis2i_mb_record *approvals, *oversight;
    size_t n_approvals, n_oversight;
    nis2i_risk *risks;
    size_t n_risks;
    nis2i_supplier *suppliers;
    size_t n_suppliers;
    /* one block of owned memory behind the arrays above (freed by nis2i_gap_isms_free) */
    void **owned;
    size_t n_owned, cap_owned;
} nis2i_gap_isms;

void nis2i_gap_isms_free(nis2i_gap_isms *m);
/* calloc() that the ISMS owns; NULL on allocation failure. */
void *nis2i_gap_isms_alloc(nis2i_gap_isms *m, size_t n, size_t size);

/* ---------------------------------------------------------------- findings */

/* Legal weight of a finding: the prioritised action list sorts on it first, then on the due date. */
typedef enum nis2i_weight {
    NIS2I_W_REPORTING = 0,       /* a missing incident-reporting capability (NIS2 Art. 23 clocks run in hours) */
    NIS2I_W_ACCOUNTABILITY,      /* the management body's approval or a decision on a high/critical risk */
    NIS2I_W_DUTY,                /* a binding duty with nothing shown */
    NIS2I_W_REVIEW,              /* a review or assessment that is overdue or never done */
    NIS2I_W_PARTIAL,             /* a duty shown only in part */
    NIS2I_W_RECORD,              /* a record to complete or renew (training, clauses, stale evidence) */
    NIS2I_W_N
} nis2i_weight;
extern const char *const nis2i_weight_names[NIS2I_W_N];

typedef struct nis2i_gap_finding {
    uint8_t question;            /* nis2i_gap_q */
    uint8_t weight;              /* nis2i_weight */
    bool open;                   /* true: nothing shown yet; false: shown in part */
    int32_t due;                 /* yyyymmdd the action was due or falls due; 0: none */
    const char *provision;       /* static text, e.g. "IR 2024/2690 Annex 2.1.4" */
    const char *ids[3];          /* input or catalog ids it concerns (NULL-terminated when fewer) */
    char *text;                  /* what was found (owned) */
    char *action;                /* what to do, in words (owned) */
} nis2i_gap_finding;

typedef struct nis2i_gap_findings {
    nis2i_gap_finding *items;
    size_t n, cap;
    bool oom;
} nis2i_gap_findings;

/* Append a finding; text and action are formatted copies. On allocation failure f->oom is set. */
void nis2i_gap_find(nis2i_gap_findings *f, nis2i_gap_q q, nis2i_weight w, bool open, int32_t due, const char *provision,
                    const char *id0, const char *id1, const char *action, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 10, 11)))
#endif
    ;
void nis2i_gap_findings_free(nis2i_gap_findings *f);

/* yyyymmdd plus months (month-end clamped: 2024-02-29 + 12 months = 2025-02-28). */
int32_t nis2i_gap_add_months(int32_t date, int months);

/* Run the checks of questions 5-7 over the ISMS records.
 * as_of: the reference date (the document's own as_of). with_ir: the entity is a relevant entity of IR 2024/2690
 * (its Annex points apply; otherwise only the Directive's checks are made and the findings say so).
 * soa_implemented: per control index, true when the SoA shows the control implemented. */
void nis2i_gap_check_isms(const nis2i_gap_isms *m, int32_t as_of, bool with_ir, const bool *soa_implemented,
                          nis2i_gap_findings *out);

/* Sort findings into the prioritised action list: weight, then due date (none last), then question, then input
 * order. Writes n indices into order. */
void nis2i_gap_prioritise(const nis2i_gap_findings *f, size_t *order);

#endif
