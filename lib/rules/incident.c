/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Incident-reporting clocks (lib/schema/FORMATS.md §incident-deadlines): NIS2 Art. 23(4) and each overlay's own phases (e.g. RJC arts 41-44).
 *
 * The reports, their periods and what they count from are catalog data (`incident_reports` of the Directive and
 * of each overlay, compiled into ctx->inc by compile/incident_load.c); this file holds the procedure, over typed
 * facts (struct nis2_incident) into a typed result (struct nis2_deadlines):
 *  - a report applies when the entity's category under its law is listed in applies_to.categories and, for a
 *    role-restricted variant (the trust-service 24 h notification), the entity has that role; such a variant
 *    replaces the variant it names (replaces_variant);
 *  - hours are elapsed hours; months are calendar months counted in the local time of the offset of the time
 *    they count from, clamped to the last day of a shorter month (nis2i_cal_add_months); working days skip
 *    weekends and the overlay's public holidays and end at 23:59:59 legal time of the overlay on the last day;
 *  - a report whose starting time is not known yet counts from the due time of the report named in
 *    from_if_absent, or has no due time;
 *  - NIS2 Art. 23(4)(d)-(e): when the incident is still ongoing at the final-report due time, a progress report is
 *    due then and the final report one month after the incident was handled (impact_ended_at);
 *  - a short_incident_rule (RJC art. 41(2)) leaves only the named report when the impact ends within its hours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/incident.h"
#include "rules/calendar.h"

int32_t nis2i_inc_offset_at(const nis2i_inc_calendar *cal, int64_t utc)
{
    if (!cal->eu_summer_time)
        return cal->std_offset;
    /* Directive 2000/84/EC Arts 2-3: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
     * last Sunday of October. */
    int32_t day = nis2i_cal_local_day(utc, 0);
    int32_t year;
    nis2i_cal_civil_from_days(day, &year, NULL, NULL);
    int32_t mar31 = nis2i_cal_days_from_civil(year, 3, 31), oct31 = nis2i_cal_days_from_civil(year, 10, 31);
    int32_t start = mar31 - (nis2i_cal_weekday(mar31) + 1) % 7, end = oct31 - (nis2i_cal_weekday(oct31) + 1) % 7;
    int64_t s = (int64_t)start * 86400 + 3600, e = (int64_t)end * 86400 + 3600;
    return utc >= s && utc < e ? cal->summer_offset : cal->std_offset;
}

/* ---------------------------------------------------------------- the clock */

typedef nis2i_inc_time inc_time;

typedef struct computed {          /* due times already computed, for from_if_absent */
    const char *id;
    inc_time due;
} computed;

typedef struct clock_state {
    const nis2_ctx *ctx;
    inc_time t[NIS2I_FROM_COUNT];
    nis2_deadlines *D;
    nis2i_report_list *list;          /* where emit() appends */
    computed done[32];
    size_t n_done;
} clock_state;

static void fmt_utc(int64_t t, char out[21])
{
    nis2i_cal_format_utc(t, out);
}

static void fmt_offset(int32_t off, char out[16])
{
    int32_t a = off < 0 ? -off : off;
    snprintf(out, 16, "UTC%c%02d:%02d", off < 0 ? '-' : '+', (int)(a / 3600), (int)(a % 3600 / 60));
}

static void note(clock_state *S, const char *ref, const char *fmt, ...) NIS2I_PRINTF(3, 4);
static void note(clock_state *S, const char *ref, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    nis2i_deadlines_note(S->D, ref, msg);
}

static void remember(clock_state *S, const char *id, inc_time due)
{
    if (S->n_done < sizeof S->done / sizeof S->done[0])
        S->done[S->n_done++] = (computed){id, due};
}

static const inc_time *lookup_done(const clock_state *S, const char *id)
{
    for (size_t i = S->n_done; i-- > 0;)
        if (strcmp(S->done[i].id, id) == 0)
            return &S->done[i].due;
    return NULL;
}

/* The time a report counts from, and its name for relative_to. */
static inc_time base_of(clock_state *S, const nis2i_increport *r, char rel[80])
{
    inc_time none = {0};
    if (r->from == NIS2I_FROM_REQUEST) {
        snprintf(rel, 80, "request");
        return none;
    }
    snprintf(rel, 80, "%s", nis2i_inc_from_names[r->from]);
    if (S->t[r->from].known)
        return S->t[r->from];
    if (r->fallback_report) {
        const inc_time *d = lookup_done(S, r->fallback_report);
        snprintf(rel, 80, "%s.due", r->fallback_report);
        if (d && d->known)
            return *d;
    }
    return none;
}

/* English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ... */
static const char *ordinal_suffix(int n)
{
    int h = n % 100, t = n % 10;
    if (h >= 11 && h <= 13)
        return "th";
    return t == 1 ? "st" : t == 2 ? "nd" : t == 3 ? "rd" : "th";
}

static inc_time due_of(const clock_state *S, const nis2i_increport *r, inc_time base, char *text, size_t cap,
                       const char *rel)
{
    inc_time due = {0};
    char b[21], off[16];
    if (!base.known) {
        if (r->due_text)
            snprintf(text, cap, "%s", r->due_text);
        else
            snprintf(text, cap, "Due %d %s after %s, which is not known yet.", r->amount,
                     r->unit == NIS2I_UNIT_HOURS ? "hours" : r->unit == NIS2I_UNIT_MONTHS ? "month(s)" : "working days",
                     rel);
        return due;
    }
    fmt_utc(base.utc, b);
    due.known = true;
    due.off = base.off;
    switch (r->unit) {
    case NIS2I_UNIT_HOURS:
        due.utc = base.utc + (int64_t)r->amount * 3600;
        snprintf(text, cap, "Due %d hours after %s (%s), counted as elapsed hours.", r->amount, rel, b);
        break;
    case NIS2I_UNIT_MONTHS:
        due.utc = nis2i_cal_add_months(base.utc, base.off, r->amount);
        fmt_offset(base.off, off);
        snprintf(text, cap,
                 "Due %d month%s after %s (%s): the same day of the month at the same local time (%s), or the last "
                 "day of a shorter month (31 January -> 28/29 February), the month-end rule of Regulation (EEC, "
                 "Euratom) No 1182/71 Art. 3(2)(c); that Regulation ends a period at the end of the day and national "
                 "time-computation rules may differ, so this is the earliest reading.",
                 r->amount, r->amount == 1 ? "" : "s", rel, b, off);
        break;
    case NIS2I_UNIT_WORKING_DAYS: {
        const nis2i_inc_calendar *cal = &S->ctx->inc->calendars[r->overlay];
        int32_t start_off = nis2i_inc_offset_at(cal, base.utc);
        int32_t start = nis2i_cal_local_day(base.utc, start_off);
        const nis2i_holiday_set *hs = cal->holiday_set.n ? &cal->holiday_set : NULL;
        int32_t last = nis2i_cal_add_working_days(start, r->amount, hs ? nis2i_cal_is_holiday : NULL, hs);
        if (last == NIS2I_CAL_DAY_INVALID) {
            due.known = false;
            snprintf(text, cap, "The working-day count failed (calendar out of range).");
            return due;
        }
        int32_t end_off = nis2i_inc_offset_at(cal, (int64_t)last * 86400 + 43200);
        due.utc = (int64_t)last * 86400 + 86399 - end_off;
        due.off = end_off;
        char sd[11], ld[11], hol[320] = "";
        size_t hl = 0;
        for (int32_t day = start + 1; day <= last && hs; day++) {
            const char *name = nis2i_cal_holiday_name(hs, day);
            if (name && !nis2i_cal_is_weekend(day) && hl + 40 < sizeof hol) {
                char ds[11];
                nis2i_cal_format_date(day, ds);
                hl += (size_t)snprintf(hol + hl, sizeof hol - hl, "%s%s %s", hl ? ", " : "", ds, name);
            }
        }
        nis2i_cal_format_date(start, sd);
        nis2i_cal_format_date(last, ld);
        fmt_offset(end_off, off);
        snprintf(text, cap,
                 "Due by 23:59:59 legal time (%s, %s) of %s, the %d%s working day after %s (%s, local day %s); "
                 "Saturdays, Sundays and national public holidays (%s) are not counted%s%s%s.",
                 off, cal->zone ? cal->zone : "the overlay's legal time", ld, r->amount, ordinal_suffix(r->amount), rel, b, sd,
                 cal->holiday_ref ? cal->holiday_ref : "none", hl ? "; holidays skipped: " : "", hol,
                 hl ? "" : "; no weekday holiday falls in the period");
        break;
    }
    default:
        due.known = false;
        snprintf(text, cap, "%s", r->due_text ? r->due_text : "No fixed due time.");
    }
    return due;
}

static void emit(clock_state *S, const nis2i_increport *r, const char *law, const char *extra_condition)
{
    char rel[80], text[900];
    inc_time base = base_of(S, r, rel);
    inc_time due = r->from == NIS2I_FROM_REQUEST ? (inc_time){0} : due_of(S, r, base, text, sizeof text, rel);
    if (r->from == NIS2I_FROM_REQUEST)
        snprintf(text, sizeof text, "%s", r->due_text);
    remember(S, r->id, due);
    nis2i_report_out *o = nis2i_deadlines_report(S->D, S->list);
    if (!o)
        return;
    o->id = r->id;
    o->due = due;
    if (due.known)
        fmt_utc(due.utc, o->due_s);
    o->ref = r->ref;
    o->rel_off = nis2i_inc_text(&S->D->text, rel);
    o->from = base;
    if (base.known)
        fmt_utc(base.utc, o->from_s);
    o->law = law;
    o->text_off = nis2i_inc_text(&S->D->text, text);
    o->condition = extra_condition ? extra_condition : r->condition;
    o->note = r->note;
    o->in_contract = r->in_contract;
}

static bool cat_in(const nis2i_increport *r, const char *cat)
{
    for (size_t i = 0; i < r->n_categories; i++)
        if (strcmp(r->categories[i], cat) == 0)
            return true;
    return false;
}

static bool entity_is_tsp(const nis2_entity *e)
{
    for (size_t i = 0; i < e->n_types; i++) {
        nis2i_role role = e->ctx->etypes[e->types[i]].role;
        if (role == NIS2I_ROLE_TSP || role == NIS2I_ROLE_QTSP)
            return true;
    }
    return false;
}

/* Is report k of the set replaced by another applicable role variant? */
static bool replaced(const nis2i_increport *set, const bool *applies, size_t n, size_t k)
{
    for (size_t j = 0; j < n; j++)
        if (j != k && applies[j] && set[j].tsp_only && set[j].replaces_variant &&
            strcmp(set[j].id, set[k].id) == 0 && strcmp(set[j].replaces_variant, set[k].variant) == 0)
            return true;
    return false;
}

/* Emit the reports of one law (overlay -1: the Directive). Returns the number emitted. */
static size_t run_set(clock_state *S, const nis2_entity *e, int overlay, const char *category, const char *law)
{
    const nis2i_incident *inc = S->ctx->inc;
    const nis2i_increport *set = NULL;
    size_t n = 0;
    for (size_t i = 0; i < inc->n_reports; i++)
        if (inc->reports[i].overlay == overlay) {
            if (!set)
                set = &inc->reports[i];
            n++;
        }
    if (!n)
        return 0;
    bool tsp = entity_is_tsp(e);
    bool applies[64] = {false};
    if (n > 64)
        n = 64;
    size_t n_app = 0;
    for (size_t i = 0; i < n; i++)
        if ((applies[i] = cat_in(&set[i], category) && (!set[i].tsp_only || tsp)))
            n_app++;
    if (!n_app)
        return 0;

    /* RJC art. 41(2)-style short-incident rule. */
    const inc_time *aw = &S->t[NIS2I_FROM_AWARE], *ie = &S->t[NIS2I_FROM_IMPACT_ENDED];
    for (size_t i = 0; i < n; i++) {
        if (!applies[i] || !set[i].short_hours || !ie->known)
            continue;
        if (ie->utc - aw->utc <= (int64_t)set[i].short_hours * 3600) {
            note(S, set[i].short_ref, "The impact ended within %d hours of aware_at: %s", set[i].short_hours,
                 set[i].short_text);
            emit(S, &set[i], law, NULL);
            return 1;
        }
    }

    size_t emitted = 0;
    const char *final_after = "after_progress_report";
    /* NIS2 Art. 23(4)(d)-(e) (procedure keyed on the ids of lib/schema/FORMATS.md §incident-deadlines): 0 impact end unknown, 1 handled by the
     * final-report due time, 2 still ongoing then. */
    int progress = 0;
    inc_time final_due = {0};
    for (size_t i = 0; i < n; i++) {
        if (!applies[i] || replaced(set, applies, n, i))
            continue;
        bool is_final = strcmp(set[i].id, "final_report") == 0, is_progress = strcmp(set[i].id, "progress_report") == 0;
        if (overlay < 0 && is_final && strcmp(set[i].variant, final_after) == 0)
            continue;                               /* emitted after the progress report when one is due */
        if (overlay < 0 && is_final) {
            char rel[80], text[900];
            inc_time base = base_of(S, &set[i], rel);
            final_due = due_of(S, &set[i], base, text, sizeof text, rel);
            if (ie->known && final_due.known)
                progress = ie->utc <= final_due.utc ? 1 : 2;
            if (progress == 2) {
                remember(S, set[i].id, final_due);
                continue;                           /* replaced by the progress report and the later final report */
            }
            if (progress == 1) {
                emit(S, &set[i], law, "The impact ended (impact_ended_at) before this time: the final report is due "
                                      "now and no progress report.");
                emitted++;
                continue;
            }
        }
        if (overlay < 0 && is_progress) {
            if (progress == 1) {
                char b[21];
                fmt_utc(final_due.utc, b);
                note(S, set[i].ref, "The impact ended (impact_ended_at) before the final report falls due (%s): no "
                                    "progress report is due.", b);
                continue;
            }
            if (progress == 2) {
                emit(S, &set[i], law, "The incident is still ongoing when the final report would fall due "
                                      "(impact_ended_at is later), so a progress report is due then.");
                emitted++;
                for (size_t j = 0; j < n; j++)
                    if (applies[j] && strcmp(set[j].id, "final_report") == 0 &&
                        strcmp(set[j].variant, final_after) == 0) {
                        emit(S, &set[j], law, NULL);
                        emitted++;
                    }
                continue;
            }
        }
        emit(S, &set[i], law, NULL);
        emitted++;
    }
    return emitted;
}

/* ---------------------------------------------------------------- checks and the entry point */

nis2_status nis2i_deadlines_check(const nis2_incident *inc, nis2_error *err)
{
    const nis2i_inc_time *t = inc->t;
    if (!t[NIS2I_FROM_AWARE].known)
        return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.aware_at",
                          "$.aware_at: required (when the entity became aware of the significant incident, RFC 3339)");
    if (t[NIS2I_FROM_NOTIFIED].known && t[NIS2I_FROM_NOTIFIED].utc < t[NIS2I_FROM_AWARE].utc)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.notified_at",
                          "$.notified_at: must not be earlier than $.aware_at (a notification follows awareness)");
    if (t[NIS2I_FROM_EOI_NOTIFIED].known) {
        if (!t[NIS2I_FROM_IMPACT_ENDED].known)
            return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.impact_ended_at",
                              "$.impact_ended_at: required when $.end_of_impact_notified_at is given");
        if (t[NIS2I_FROM_EOI_NOTIFIED].utc < t[NIS2I_FROM_IMPACT_ENDED].utc)
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.end_of_impact_notified_at",
                              "$.end_of_impact_notified_at: must not be earlier than $.impact_ended_at");
    }
    return NIS2_OK;
}

void nis2i_deadlines_compute(const nis2_ctx *ctx, const nis2_entity *e, const nis2_result *r,
                             const nis2_incident *inc, nis2_deadlines *D)
{
    clock_state S = {.ctx = ctx, .D = D, .list = &D->reports};
    for (int f = 0; f < NIS2I_FROM_REQUEST; f++)
        S.t[f] = inc->t[f];
    uint32_t idx = 0;
    int ov_idx = r->country[0] && ctx->inc->calendars && nis2i_map_get(&ctx->overlay_index, r->country, &idx)
                     ? (int)idx : -1;
    const nis2i_inc_calendar *ov = ov_idx >= 0 ? &ctx->inc->calendars[ov_idx] : NULL;
    const char *nat_cat = r->has_nat ? r->nat.category : r->dir.category;
    /* The entity is bound by its national law: where the overlay has its own reporting phases, those are the
     * reports; the Directive's Art. 23(4) baseline is listed apart, in directive_reports, for reference. */
    bool national_phases = ov && ov->n_reports > 0;
    size_t n_dir, n_nat = 0;
    if (national_phases) {
        n_nat = run_set(&S, e, ov_idx, nat_cat, ov->law);
        S.list = &D->directive;
        D->has_directive = true;
        n_dir = run_set(&S, e, -1, r->dir.category, "EU 2022/2555");
        S.list = &D->reports;
    } else {
        n_dir = run_set(&S, e, -1, r->dir.category, "EU 2022/2555");
    }

    if (ov && !r->has_nat && n_nat)
        note(&S, NULL, "The national verdict of %s is not available in this version: %s's reports are selected with "
                       "the Directive's category (%s).", ov->law, ov->country, r->dir.category);
    if (national_phases && n_nat)
        note(&S, NULL, "The entity is bound by %s, which transposes NIS2 Art. 23 with its own phases: those are the "
                       "reports listed. The Directive's Art. 23(4) baseline is given in directive_reports for "
                       "reference only (INTERPRETATION: the national phases replace it).", ov->law);
    if ((national_phases && !n_nat) || (!national_phases && !n_dir)) {
        const char *cat = ov ? nat_cat : r->dir.category;
        note(&S, "NIS2 Art. 23(1)",
             "No incident report applies: the entity's category under %s is '%s'; incident reporting binds essential "
             "and important entities%s.", ov ? ov->law : "EU 2022/2555", cat,
             ov ? " and the categories the national law adds" : "");
        if (r->n_missing) {
            char miss[200] = "";
            size_t ml = 0;
            for (size_t i = 0; i < r->n_missing && ml < sizeof miss - 40; i++)
                ml += (size_t)snprintf(miss + ml, sizeof miss - ml, "%s%s", i ? ", " : "", r->missing[i]);
            note(&S, NULL, "The category is undetermined; give these facts to decide it: %s.", miss);
        }
    } else {
        note(&S, "NIS2 Art. 23(4)", "The clocks assume the incident is significant (see `nis2 incident assess`) and "
                                    "run from awareness of it (IR 2024/2690 recital 31). Times are UTC.");
    }
    D->name_off = r->name ? nis2i_inc_text(&D->text, r->name) : (size_t)-1;
    memcpy(D->country, r->country, sizeof D->country);
    D->category = r->has_nat ? r->nat.category : r->dir.category;
    D->law = r->law;
    D->directive_category = r->dir.category;
    D->aware = S.t[NIS2I_FROM_AWARE];
    fmt_utc(D->aware.utc, D->aware_s);
    if (D->text.oom)
        D->oom = true;
}
