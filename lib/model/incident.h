/* SPDX-License-Identifier: Apache-2.0 */
/* Layer model: the typed incident tables (reporting clocks of NIS2 Art. 23(4) and of each overlay, the
 * significance criteria of IR 2024/2690 Arts 3-14 / NIS2 Art. 23(3)), the facts of one incident (the object behind
 * nis2_incident) and the two results (nis2_deadlines, nis2_assessment). No behaviour beyond freeing; uses only
 * util and the rest of the model. compile/incident_load.c fills the tables, rules/incident.c and
 * rules/significance.c compute the results, json/incident_json.c reads requests and writes answers. */
#ifndef NIS2I_MODEL_INCIDENT_H
#define NIS2I_MODEL_INCIDENT_H

#include "model/model.h"
#include "model/holiday.h"

/* What a report's clock counts from (values are the NIS2_INCIDENT_* time ids of the public header). */
typedef enum nis2i_inc_from {
    NIS2I_FROM_AWARE = 0,        /* aware_at */
    NIS2I_FROM_NOTIFIED,         /* notified_at */
    NIS2I_FROM_IMPACT_ENDED,     /* impact_ended_at */
    NIS2I_FROM_EOI_NOTIFIED,     /* end_of_impact_notified_at */
    NIS2I_FROM_REQUEST,          /* no fixed time: on request */
    NIS2I_FROM_COUNT
} nis2i_inc_from;
/* "aware_at", "notified_at", "impact_ended_at", "end_of_impact_notified_at", "request". */
extern const char *const nis2i_inc_from_names[NIS2I_FROM_COUNT];

typedef enum nis2i_inc_unit { NIS2I_UNIT_NONE = 0, NIS2I_UNIT_HOURS, NIS2I_UNIT_MONTHS, NIS2I_UNIT_WORKING_DAYS } nis2i_inc_unit;

#define NIS2I_INC_MAX_CATS 8

/* One entry of `incident_reports`. Strings are borrowed from the catalog. */
typedef struct nis2i_increport {
    const char *id, *variant, *ref, *condition, *due_text, *note, *replaces_variant;
    const char *fallback_report;      /* from_if_absent.report: the id whose due time replaces an absent `from` */
    const char *categories[NIS2I_INC_MAX_CATS];
    size_t n_categories;
    nis2i_inc_unit unit;
    int amount;                       /* hours, months or working days */
    nis2i_inc_from from;
    bool tsp_only;                    /* applies_to.roles = ["trust_service_provider"] */
    bool in_contract;                 /* false: an id beyond lib/schema/FORMATS.md §incident-deadlines (still listed) */
    int overlay;                      /* -1: the Directive, else index into ctx->overlays */
    /* RJC art. 41(2)-style rule: when the impact ends within short_hours of `from`, only this report is sent. */
    int short_hours;                  /* 0: none */
    const char *short_ref, *short_text;
} nis2i_increport;

/* An overlay's calendar for working-day clocks, and the overlay's country and law. */
typedef struct nis2i_inc_calendar {
    bool present;
    const char *holidays;             /* the holiday set's name (calendar.holidays), or NULL: weekends only */
    const char *holiday_ref;          /* e.g. "Código do Trabalho art. 234(1)" */
    nis2i_holiday_set holiday_set;    /* calendar.holiday_rule; days owned (freed by nis2i_incident_release) */
    int32_t std_offset, summer_offset;/* seconds east of UTC */
    bool eu_summer_time;              /* Directive 2000/84/EC rule between std and summer offset */
    const char *time_ref, *zone;
    const char *country, *law;        /* of the overlay (borrowed) */
    size_t n_reports;                 /* the overlay's own incident_reports */
} nis2i_inc_calendar;

/* ---- impact facts (lib/schema/FORMATS.md §incident-assessment `impact`); the index is the NIS2_IMPACT_* value of the public header ---- */
typedef enum { NIS2I_FT_BOOL, NIS2I_FT_NUM, NIS2I_FT_COUNT, NIS2I_FT_TIME, NIS2I_FT_STR, NIS2I_FT_ARRAY } nis2i_fact_type;
typedef struct nis2i_fact_def {
    const char *name;
    nis2i_fact_type type;
} nis2i_fact_def;
#define NIS2I_N_FACTS 26
enum { NIS2I_FACT_OCCURRED_AT = 0, NIS2I_FACT_ROOT_CAUSE = 1, NIS2I_FACT_FINANCIAL_LOSS = 2,
       NIS2I_FACT_SCHEDULED_MAINTENANCE = 8, NIS2I_FACT_USERS_IN_UNION = 12, NIS2I_FACT_MISCONF_WRONG = 19,
       NIS2I_FACT_MANAGED_DOMAINS = 20, NIS2I_FACT_RELATED = 25 };
extern const nis2i_fact_def nis2i_facts[NIS2I_N_FACTS];
int nis2i_fact_index(const char *name);            /* -1 when unknown */

/* ---- significance tables ---- */
typedef enum nis2i_sig_op { NIS2I_OP_GT = 0, NIS2I_OP_LT, NIS2I_OP_IS, NIS2I_OP_GT_SMALLER_OF, NIS2I_OP_LE_SHARE_OF } nis2i_sig_op;

typedef struct nis2i_sig_cond {
    int fact;                         /* index into nis2i_facts */
    nis2i_sig_op op;
    double value;                     /* gt/lt: the bound; gt_smaller_of: abs */
    double share;                     /* gt_smaller_of / le_share_of */
    int of;                           /* fact index of the base (users_in_union, …) */
} nis2i_sig_cond;

#define NIS2I_SIG_MAX_CONDS 4

typedef struct nis2i_sig_crit {
    const char *id, *ref, *text;
    nis2i_sig_cond conds[NIS2I_SIG_MAX_CONDS];
    size_t n_conds;
    bool any;                         /* true: one condition suffices; false: all are needed */
    nis2i_sig_cond unless[NIS2I_SIG_MAX_CONDS];   /* all must hold for the exception */
    size_t n_unless;
    const char *unless_ref, *unless_text;
    int etype_group;                  /* -1 general/fallback, else index into groups */
} nis2i_sig_crit;

typedef struct nis2i_sig_group {      /* one article of Arts 5-14 */
    const char *article, *label;
    const char **activities;
    size_t n_activities;
    size_t first, n;                  /* range in crits */
} nis2i_sig_group;

typedef struct nis2i_incident {
    nis2i_increport *reports;         /* Directive entries first, then each overlay's, catalog order */
    size_t n_reports;
    nis2i_inc_calendar *calendars;    /* one per overlay (ctx->n_overlays) */
    /* significance */
    bool has_sig;
    nis2i_sig_crit *general;  size_t n_general;
    nis2i_sig_crit *type_crits; size_t n_type_crits;
    nis2i_sig_group *groups; size_t n_groups;
    nis2i_sig_crit *fallback; size_t n_fallback;
    const char *fallback_ref, *fallback_text;
    const char *excl_ref, *excl_text; int excl_fact;
    const char *rec_id, *rec_ref, *rec_text; int rec_months, rec_min; const nis2i_sig_crit *rec_loss;
    const char *scope_ref;
} nis2i_incident;

/* ---- the facts of one incident (struct nis2_incident) ---- */
typedef struct nis2i_inc_time {
    bool known;
    int64_t utc;
    int32_t off;                      /* the offset the time was given in (seconds east of UTC) */
} nis2i_inc_time;

typedef struct nis2i_related {        /* an earlier incident of IR 2024/2690 Art. 4 */
    nis2i_inc_time at;
    char *root_cause;                 /* owned, or NULL */
    bool has_loss;
    double loss;
} nis2i_related;

struct nis2_incident {
    nis2i_inc_time t[NIS2I_FROM_REQUEST]; /* aware_at, notified_at, impact_ended_at, end_of_impact_notified_at */
    double v[NIS2I_N_FACTS];          /* numbers; booleans as 0/1 */
    bool known[NIS2I_N_FACTS];
    nis2i_inc_time occurred;          /* occurred_at (known[NIS2I_FACT_OCCURRED_AT]) */
    char *root_cause;                 /* owned (known[NIS2I_FACT_ROOT_CAUSE]) */
    nis2i_related *related;           /* owned (known[NIS2I_FACT_RELATED]: the list was given, maybe empty) */
    size_t n_related, cap_related;
};
void nis2i_incident_facts_free(nis2_incident *inc);

/* ---- results ---- */
typedef struct nis2i_inc_note {       /* notes of both results; criteria of an assessment */
    const char *ref;                  /* static or catalog, or NULL */
    const char *id;                   /* static or catalog, or NULL */
    size_t text_off;                  /* into the result's text */
} nis2i_inc_note;

typedef struct nis2i_report_out {
    const char *id, *ref, *law, *condition, *note;  /* catalog or static; condition/note may be NULL */
    bool in_contract;
    nis2i_inc_time due, from;
    char due_s[21], from_s[21];       /* RFC 3339 UTC ("…Z"), "" when not known */
    size_t rel_off, text_off;         /* relative_to and the due text, in the result's text */
} nis2i_report_out;

typedef struct nis2i_report_list {
    nis2i_report_out *v;
    size_t n, cap;
} nis2i_report_list;

struct nis2_deadlines {
    const nis2_ctx *ctx;              /* reference held */
    size_t name_off;                  /* (size_t)-1: no name */
    char country[3];
    const char *category, *law, *directive_category;   /* static or catalog */
    nis2i_inc_time aware;
    char aware_s[21];
    nis2i_report_list reports, directive;
    bool has_directive;               /* the national phases replace the Directive's: directive_reports listed */
    nis2i_inc_note *notes;
    size_t n_notes, cap_notes;
    nis2i_buf text;
    bool oom;
};

#define NIS2I_MAX_MISSING 8
typedef struct nis2i_undecided {
    const char *ref, *id;
    const char *missing[NIS2I_MAX_MISSING];  /* fact names (static) */
    size_t n_missing;
} nis2i_undecided;

struct nis2_assessment {
    const nis2_ctx *ctx;              /* reference held */
    size_t name_off;                  /* (size_t)-1: no name */
    char country[3];
    const char *regime[2];
    size_t n_regime;
    nis2i_inc_note *criteria, *notes;
    size_t n_criteria, cap_criteria, n_notes, cap_notes;
    nis2i_undecided *undecided;
    size_t n_undecided, cap_undecided;
    const char *excl_ref, *excl_text; /* NULL when not excluded */
    nis2i_buf text;
    bool oom;
};

/* Append to a result (set oom on failure). text is copied into the result's buffer. */
void nis2i_deadlines_note(nis2_deadlines *d, const char *ref, const char *text);
nis2i_report_out *nis2i_deadlines_report(nis2_deadlines *d, nis2i_report_list *l);
size_t nis2i_inc_text(nis2i_buf *b, const char *s);   /* offset of the copy */
void nis2i_assessment_item(nis2_assessment *a, bool criterion, const char *ref, const char *id, const char *text);
nis2i_undecided *nis2i_assessment_undecided(nis2_assessment *a);
void nis2i_deadlines_release(nis2_deadlines *d);      /* free the members, not d; the ctx ref is not dropped */
void nis2i_assessment_release(nis2_assessment *a);

#endif
