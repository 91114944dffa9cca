/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal: incident-reporting clocks (NIS2 Art. 23(4), RJC arts 41-44) and the significance tables of
 * Implementing Regulation (EU) 2024/2690 Arts 3-14 / NIS2 Art. 23(3).
 *
 * Not installed; nothing here is part of the ABI. nis2i_incident_load() parses and validates, at context
 * creation, the `incident_reports` of the Directive (top level) and of each overlay, the overlay's `calendar`
 * and `reporting_time`, and `significance`; the tables are read-only afterwards (ctx->inc).
 */
#ifndef NIS2_RULES_INCIDENT_H
#define NIS2_RULES_INCIDENT_H

#include "rules/rules.h"
#include "rules/overlay.h"
#include "compile/json_parse.h"
#include "util/utf8.h"

/* What a report's clock counts from. */
typedef enum nis2i_inc_from {
    NIS2I_FROM_AWARE = 0,        /* aware_at */
    NIS2I_FROM_NOTIFIED,         /* notified_at */
    NIS2I_FROM_IMPACT_ENDED,     /* impact_ended_at */
    NIS2I_FROM_EOI_NOTIFIED,     /* end_of_impact_notified_at */
    NIS2I_FROM_REQUEST,          /* no fixed time: on request */
    NIS2I_FROM_COUNT
} nis2i_inc_from;

typedef enum nis2i_inc_unit { NIS2I_UNIT_NONE = 0, NIS2I_UNIT_HOURS, NIS2I_UNIT_MONTHS, NIS2I_UNIT_WORKING_DAYS } nis2i_inc_unit;

#define NIS2I_INC_MAX_CATS 8

/* One entry of `incident_reports`. Strings are borrowed from ctx->doc. */
typedef struct nis2i_increport {
    const char *id, *variant, *ref, *condition, *due_text, *note, *replaces_variant;
    const char *fallback_report;      /* from_if_absent.report: the id whose due time replaces an absent `from` */
    const char *categories[NIS2I_INC_MAX_CATS];
    size_t n_categories;
    nis2i_inc_unit unit;
    int amount;                       /* hours, months or working days */
    nis2i_inc_from from;
    bool tsp_only;                    /* applies_to.roles = ["trust_service_provider"] */
    bool in_contract;                 /* false: an id beyond the first-agreed list (FORMATS.md §incident-deadlines) */
    int overlay;                      /* -1: the Directive, else index into ctx->overlays */
    /* RJC art. 41(2)-style rule: when the impact ends within short_hours of `from`, only this report is sent. */
    int short_hours;                  /* 0: none */
    const char *short_ref, *short_text;
} nis2i_increport;

/* An overlay's calendar for working-day clocks. */
typedef struct nis2i_inc_calendar {
    bool present;
    int (*is_holiday)(int32_t day);   /* NULL: weekends only */
    const char *holiday_ref;          /* e.g. "Código do Trabalho art. 234(1)" */
    int32_t std_offset, summer_offset;/* seconds east of UTC */
    bool eu_summer_time;              /* Directive 2000/84/EC rule between std and summer offset */
    const char *time_ref, *zone;
} nis2i_inc_calendar;

/* ---- significance ---- */
typedef enum nis2i_sig_op { NIS2I_OP_GT = 0, NIS2I_OP_LT, NIS2I_OP_IS, NIS2I_OP_GT_SMALLER_OF, NIS2I_OP_LE_SHARE_OF } nis2i_sig_op;

typedef struct nis2i_sig_cond {
    int fact;                         /* index into the fact table (significance.c) */
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

/* Load/validate (NIS2_ERR_CATALOG naming the entry, e.g. $.overlays[0].incident_reports[2]; NIS2_ERR_NOMEM). */
nis2_status nis2i_incident_load(nis2_ctx *ctx, nis2_error *err);
void nis2i_incident_release(nis2_ctx *ctx);
/* significance.c: the significance part of the loader (called by nis2i_incident_load). */
nis2_status nis2i_significance_load(nis2_ctx *ctx, nis2i_incident *inc, nis2_error *err);
void nis2i_significance_release(nis2i_incident *inc);

/* Validate an `impact` object (the request of nis2_incident_assess_json); used when a deadlines request carries
 * one too, so that one incident document serves both commands. */
nis2_status nis2i_significance_check_impact(const json_t *imp, nis2_error *err);
/* The time members of a deadlines request, validated when an assess request carries them. */
extern const char *const nis2i_incident_time_keys[];

/* Shared by incident.c and significance.c: read `entity` from a request document into an entity, with error
 * paths under "$.entity". */
nis2_status nis2i_incident_entity(const nis2_ctx *ctx, const json_t *doc, nis2_entity **out, nis2_error *err);
/* Parse an RFC 3339 string member; path names it in errors. */
nis2_status nis2i_incident_time(const json_t *v, const char *path, int64_t *utc, int32_t *off, nis2_error *err);
/* Portugal-style legal time of an overlay calendar at instant utc (seconds east of UTC). */
int32_t nis2i_inc_offset_at(const nis2i_inc_calendar *cal, int64_t utc);

#endif
