/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Incident-reporting clocks (lib/schema/FORMATS.md §incident-deadlines): NIS2 Art. 23(4) and, for Portugal, RJC arts 41-44.
 *
 * The reports, their periods and what they count from are catalog data (`incident_reports` of the Directive and
 * of each overlay); this file holds the procedure:
 *  - a report applies when the entity's category under its law is listed in applies_to.categories and, for a
 *    role-restricted variant (the trust-service 24 h notification), the entity has that role; such a variant
 *    replaces the variant it names (replaces_variant);
 *  - hours are elapsed hours; months are calendar months counted in the local time of the offset of the time
 *    they count from, clamped to the last day of a shorter month (nis2i_cal_add_months); working days skip
 *    weekends and the overlay's public holidays and end at 23:59:59 legal time of the overlay on the last day;
 *  - a report whose starting time is not known yet counts from the due time of the report named in
 *    from_if_absent, or has "due": null;
 *  - NIS2 Art. 23(4)(d)-(e): when the incident is still ongoing at the final-report due time, a progress report is
 *    due then and the final report one month after the incident was handled (impact_ended_at);
 *  - a short_incident_rule (RJC art. 41(2)) leaves only the named report when the impact ends within its hours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"

#include "incident.h"
#include "calendar.h"

static const char *const from_names[NIS2I_FROM_COUNT] = {"aware_at", "notified_at", "impact_ended_at",
                                                         "end_of_impact_notified_at", "request"};

/* ---------------------------------------------------------------- loading */

typedef struct inc_loader {
    nis2_error *err;
    char path[160];
} inc_loader;

NIS2I_PRINTF(2, 3) static nis2_status cbad(inc_loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis2_status st = nis2i_catalog_failv(L->err, L->path, fmt, ap);
    va_end(ap);
    return st;
}

static nis2_status opt_str(inc_loader *L, const json_t *o, const char *key, const char **out)
{
    const json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return NIS2_OK;
    if (!json_is_string(v) || json_string_length(v) == 0)
        return cbad(L, "field '%s' must be a non-empty string", key);
    *out = json_string_value(v);
    return NIS2_OK;
}

static nis2_status req_s(inc_loader *L, const json_t *o, const char *key, const char **out)
{
    nis2_status st = opt_str(L, o, key, out);
    if (!st && !*out)
        return cbad(L, "field '%s' is required (a non-empty string)", key);
    return st;
}

static nis2_status pos_int(inc_loader *L, const json_t *o, const char *key, int *out, bool *present)
{
    const json_t *v = json_object_get(o, key);
    *present = v != NULL;
    if (!v)
        return NIS2_OK;
    if (!json_is_integer(v) || json_integer_value(v) <= 0 || json_integer_value(v) > 10000)
        return cbad(L, "field '%s' must be an integer from 1 to 10000", key);
    *out = (int)json_integer_value(v);
    return NIS2_OK;
}

static nis2_status parse_from(inc_loader *L, const char *s, const char *key, nis2i_inc_from *out)
{
    for (int i = 0; i < NIS2I_FROM_COUNT; i++)
        if (strcmp(s, from_names[i]) == 0) {
            *out = (nis2i_inc_from)i;
            return NIS2_OK;
        }
    return cbad(L, "%s '%s' must be aware_at, notified_at, impact_ended_at, end_of_impact_notified_at or request", key,
                s);
}

static nis2_status load_report(inc_loader *L, const json_t *e, int overlay, bool has_calendar, nis2i_increport *r)
{
    nis2_status st;
    memset(r, 0, sizeof *r);
    r->overlay = overlay;
    r->in_contract = true;
    if (!json_is_object(e))
        return cbad(L, "must be an object");
    const char *from;
    if ((st = req_s(L, e, "id", &r->id)) || (st = req_s(L, e, "ref", &r->ref)) || (st = req_s(L, e, "from", &from)) ||
        (st = opt_str(L, e, "variant", &r->variant)) || (st = opt_str(L, e, "condition", &r->condition)) ||
        (st = opt_str(L, e, "due_text", &r->due_text)) || (st = opt_str(L, e, "note", &r->note)) ||
        (st = opt_str(L, e, "replaces_variant", &r->replaces_variant)))
        return st;
    if (!r->variant)
        r->variant = "default";
    if ((st = parse_from(L, from, "from", &r->from)))
        return st;
    int n = 0;
    bool h, m, w;
    int hv = 0, mv = 0, wv = 0;
    if ((st = pos_int(L, e, "hours", &hv, &h)) || (st = pos_int(L, e, "months", &mv, &m)) ||
        (st = pos_int(L, e, "working_days", &wv, &w)))
        return st;
    n = (int)h + (int)m + (int)w;
    if (n > 1)
        return cbad(L, "give at most one of hours, months and working_days");
    if (r->from == NIS2I_FROM_REQUEST) {
        if (n)
            return cbad(L, "a report due on request has no hours, months or working_days");
        if (!r->due_text)
            return cbad(L, "a report due on request needs a due_text saying when it is due");
    } else if (!n) {
        return cbad(L, "give one of hours, months or working_days");
    }
    r->unit = h ? NIS2I_UNIT_HOURS : m ? NIS2I_UNIT_MONTHS : w ? NIS2I_UNIT_WORKING_DAYS : NIS2I_UNIT_NONE;
    r->amount = h ? hv : m ? mv : wv;
    if (w && !has_calendar)
        return cbad(L, "working_days needs a calendar (an overlay's `calendar`)");
    const json_t *ic = json_object_get(e, "in_contract");
    if (ic && !json_is_boolean(ic))
        return cbad(L, "in_contract must be true or false");
    if (ic)
        r->in_contract = json_is_true(ic);

    const json_t *ap = json_object_get(e, "applies_to");
    if (!json_is_object(ap))
        return cbad(L, "applies_to must be an object with categories and roles");
    const json_t *cats = json_object_get(ap, "categories");
    if (!json_is_array(cats) || json_array_size(cats) == 0 || json_array_size(cats) > NIS2I_INC_MAX_CATS)
        return cbad(L, "applies_to.categories must be an array of 1 to %d category names", NIS2I_INC_MAX_CATS);
    size_t i;
    const json_t *c;
    json_array_foreach(cats, i, c) {
        if (!json_is_string(c))
            return cbad(L, "applies_to.categories[%zu] must be a string", i);
        r->categories[r->n_categories++] = json_string_value(c);
    }
    const json_t *roles = json_object_get(ap, "roles");
    if (roles && !json_is_array(roles))
        return cbad(L, "applies_to.roles must be an array");
    json_array_foreach(roles, i, c) {
        if (!json_is_string(c) || strcmp(json_string_value(c), "trust_service_provider") != 0)
            return cbad(L, "applies_to.roles[%zu]: the only role an incident report may be restricted to is "
                           "\"trust_service_provider\"", i);
        r->tsp_only = true;
    }

    const json_t *fa = json_object_get(e, "from_if_absent");
    if (fa) {
        const char *use;
        if (!json_is_object(fa))
            return cbad(L, "from_if_absent must be an object {report, use}");
        if ((st = req_s(L, fa, "report", &r->fallback_report)) || (st = req_s(L, fa, "use", &use)))
            return st;
        if (strcmp(use, "due") != 0)
            return cbad(L, "from_if_absent.use must be \"due\"");
    }
    const json_t *sr = json_object_get(e, "short_incident_rule");
    if (sr) {
        const char *only, *sfrom, *sto;
        bool present;
        if (!json_is_object(sr))
            return cbad(L, "short_incident_rule must be an object");
        if ((st = req_s(L, sr, "ref", &r->short_ref)) || (st = req_s(L, sr, "text", &r->short_text)) ||
            (st = req_s(L, sr, "only_report", &only)) || (st = req_s(L, sr, "from", &sfrom)) ||
            (st = req_s(L, sr, "to", &sto)) || (st = pos_int(L, sr, "hours", &r->short_hours, &present)))
            return st;
        if (!present)
            return cbad(L, "short_incident_rule.hours is required");
        if (strcmp(only, r->id) != 0 || strcmp(sfrom, "aware_at") != 0 || strcmp(sto, "impact_ended_at") != 0)
            return cbad(L, "short_incident_rule must run from aware_at to impact_ended_at and keep this report (%s)",
                        r->id);
    }
    return NIS2_OK;
}

/* Cross-checks within one set: unique (id, variant), replaces_variant and from_if_absent name earlier entries. */
static nis2_status check_set(inc_loader *L, const char *base, nis2i_increport *set, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        snprintf(L->path, sizeof L->path, "%s[%zu]", base, i);
        bool repl_found = !set[i].replaces_variant, fb_found = !set[i].fallback_report;
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            if (strcmp(set[j].id, set[i].id) == 0 && strcmp(set[j].variant, set[i].variant) == 0)
                return cbad(L, "report '%s' variant '%s' is listed twice", set[i].id, set[i].variant);
            if (set[i].replaces_variant && strcmp(set[j].id, set[i].id) == 0 &&
                strcmp(set[j].variant, set[i].replaces_variant) == 0)
                repl_found = true;
            if (set[i].fallback_report && j < i && strcmp(set[j].id, set[i].fallback_report) == 0)
                fb_found = true;
        }
        if (!repl_found)
            return cbad(L, "replaces_variant '%s' names no other variant of '%s'", set[i].replaces_variant, set[i].id);
        if (!fb_found)
            return cbad(L, "from_if_absent.report '%s' names no earlier report of the same law", set[i].fallback_report);
    }
    return NIS2_OK;
}

static int32_t parse_offset(const char *s, bool *ok)
{
    /* "+HH:MM" / "-HH:MM" */
    *ok = false;
    if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
        return 0;
    for (int i = 1; i < 6; i++)
        if (i != 3 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int hh = (s[1] - '0') * 10 + (s[2] - '0'), mm = (s[4] - '0') * 10 + (s[5] - '0');
    if (hh > 23 || mm > 59)
        return 0;
    *ok = true;
    int32_t v = (int32_t)(hh * 3600 + mm * 60);
    return s[0] == '-' ? -v : v;
}

static nis2_status load_calendar(inc_loader *L, const json_t *ov, size_t oi, nis2i_inc_calendar *cal)
{
    nis2_status st;
    memset(cal, 0, sizeof *cal);
    const json_t *c = json_object_get(ov, "calendar");
    snprintf(L->path, sizeof L->path, "$.overlays[%zu].calendar", oi);
    if (!c || json_is_null(c))
        return NIS2_OK;
    if (!json_is_object(c))
        return cbad(L, "must be an object");
    cal->present = true;
    const json_t *we = json_object_get(c, "weekend");
    if (we) {
        if (!json_is_array(we) || json_array_size(we) != 2 ||
            strcmp(json_string_value(json_array_get(we, 0)) ? json_string_value(json_array_get(we, 0)) : "", "saturday") ||
            strcmp(json_string_value(json_array_get(we, 1)) ? json_string_value(json_array_get(we, 1)) : "", "sunday"))
            return cbad(L, "weekend: only [\"saturday\", \"sunday\"] is supported");
    }
    const char *hol;
    if ((st = opt_str(L, c, "holidays", &hol)))
        return st;
    if (hol) {
        if (strcmp(hol, "PT") != 0)
            return cbad(L, "holidays '%s': this library computes the public holidays of PT only", hol);
        cal->is_holiday = nis2i_cal_is_pt_holiday;
        const json_t *hr = json_object_get(c, "holiday_rule");
        if (json_is_object(hr) && (st = opt_str(L, hr, "ref", &cal->holiday_ref)))
            return st;
    }
    const json_t *rt = json_object_get(ov, "reporting_time");
    snprintf(L->path, sizeof L->path, "$.overlays[%zu].reporting_time", oi);
    if (!rt || json_is_null(rt))
        return NIS2_OK;
    if (!json_is_object(rt))
        return cbad(L, "must be an object");
    const char *so, *su, *rule;
    if ((st = req_s(L, rt, "standard_offset", &so)) || (st = req_s(L, rt, "summer_offset", &su)) ||
        (st = req_s(L, rt, "summer_time", &rule)) || (st = req_s(L, rt, "ref", &cal->time_ref)) ||
        (st = opt_str(L, rt, "zone", &cal->zone)))
        return st;
    bool ok1, ok2;
    cal->std_offset = parse_offset(so, &ok1);
    cal->summer_offset = parse_offset(su, &ok2);
    if (!ok1 || !ok2)
        return cbad(L, "standard_offset and summer_offset must read \"+HH:MM\" or \"-HH:MM\"");
    if (strcmp(rule, "eu") == 0)
        cal->eu_summer_time = true;
    else if (strcmp(rule, "none") != 0)
        return cbad(L, "summer_time must be \"eu\" (Directive 2000/84/EC) or \"none\"");
    return NIS2_OK;
}

static nis2_status add_set(inc_loader *L, nis2i_incident *inc, const json_t *arr, const char *base, int overlay,
                           bool has_calendar)
{
    if (!arr || json_is_null(arr))
        return NIS2_OK;
    snprintf(L->path, sizeof L->path, "%s", base);
    if (!json_is_array(arr))
        return cbad(L, "must be an array");
    size_t first = inc->n_reports, i;
    const json_t *e;
    json_array_foreach(arr, i, e) {
        snprintf(L->path, sizeof L->path, "%s[%zu]", base, i);
        nis2_status st = load_report(L, e, overlay, has_calendar, &inc->reports[inc->n_reports]);
        if (st)
            return st;
        inc->n_reports++;
    }
    return check_set(L, base, inc->reports + first, inc->n_reports - first);
}

void nis2i_incident_release(nis2_ctx *ctx)
{
    nis2i_incident *inc = ctx->inc;
    if (!inc)
        return;
    nis2i_significance_release(inc);
    free(inc->reports);
    free(inc->calendars);
    free(inc);
    ctx->inc = NULL;
}

nis2_status nis2i_incident_load(nis2_ctx *ctx, nis2_error *err)
{
    inc_loader L = {.err = err};
    nis2i_incident *inc = calloc(1, sizeof *inc);
    if (!inc)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    ctx->inc = inc;
    const json_t *top = json_object_get(ctx->doc, "incident_reports");
    size_t total = json_array_size(top);
    const json_t *ovs = json_object_get(ctx->doc, "overlays");
    for (size_t i = 0; i < ctx->n_overlays; i++)
        total += json_array_size(json_object_get(json_array_get(ovs, i), "incident_reports"));
    inc->reports = calloc(total + 1, sizeof *inc->reports);
    inc->calendars = calloc(ctx->n_overlays + 1, sizeof *inc->calendars);
    if (!inc->reports || !inc->calendars)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    nis2_status st = add_set(&L, inc, top, "$.incident_reports", -1, false);
    for (size_t i = 0; !st && i < ctx->n_overlays; i++) {
        const json_t *ov = ctx->overlays[i].doc;
        if ((st = load_calendar(&L, ov, i, &inc->calendars[i])))
            break;
        char base[64];
        snprintf(base, sizeof base, "$.overlays[%zu].incident_reports", i);
        st = add_set(&L, inc, json_object_get(ov, "incident_reports"), base, (int)i, inc->calendars[i].present);
    }
    if (!st)
        st = nis2i_significance_load(ctx, inc, err);
    return st;
}

/* ---------------------------------------------------------------- request parsing */

nis2_status nis2i_incident_entity(const nis2_ctx *ctx, const json_t *doc, nis2_entity **out, nis2_error *err)
{
    const json_t *ent = json_object_get(doc, "entity");
    if (!ent)
        return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.entity",
                          "$.entity: required (the entity, lib/schema/FORMATS.md §entity)");
    return nis2i_entity_from_value(ctx, ent, "$.entity", out, err);
}


nis2_status nis2i_incident_time(const json_t *v, const char *path, int64_t *utc, int32_t *off, nis2_error *err)
{
    if (!json_is_string(v))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: expected an RFC 3339 date-time string such as \"2026-05-04T09:30:00+01:00\", got %s", path,
                          nis2i_json_type_name(v));
    int rc = nis2i_cal_parse_rfc3339(json_string_value(v), utc, off);
    if (rc == NIS2I_CAL_ERR_RANGE)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: '%.40s' has a field out of range (month, day, hour, second 60, offset, or year outside "
                          "1970-9999)", path, json_string_value(v));
    if (rc)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: '%.40s' is not an RFC 3339 date-time (expected e.g. \"2026-05-04T09:30:00+01:00\" with "
                          "an offset or Z)", path, json_string_value(v));
    return NIS2_OK;
}

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

typedef struct inc_time {
    bool known;
    int64_t utc;
    int32_t off;
} inc_time;

typedef struct computed {          /* due times already computed, for from_if_absent */
    const char *id;
    inc_time due;
} computed;

typedef struct clock_state {
    const nis2_ctx *ctx;
    inc_time t[NIS2I_FROM_COUNT];
    json_t *reports, *notes;
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
    json_t *o = json_object();
    json_object_set_new(o, "ref", ref ? json_string(ref) : json_null());
    json_object_set_new(o, "text", json_string(msg));
    json_array_append_new(S->notes, o);
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
    snprintf(rel, 80, "%s", from_names[r->from]);
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
        int32_t last = nis2i_cal_add_working_days(start, r->amount, cal->is_holiday);
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
        for (int32_t day = start + 1; day <= last && cal->is_holiday; day++) {
            if (cal->is_holiday(day) && !nis2i_cal_is_weekend(day) && hl + 40 < sizeof hol) {
                char ds[11];
                nis2i_cal_format_date(day, ds);
                hl += (size_t)snprintf(hol + hl, sizeof hol - hl, "%s%s %s", hl ? ", " : "", ds,
                                       nis2i_cal_pt_holiday_name(day));
            }
        }
        nis2i_cal_format_date(start, sd);
        nis2i_cal_format_date(last, ld);
        fmt_offset(end_off, off);
        snprintf(text, cap,
                 "Due by 23:59:59 legal time (%s, %s) of %s, the %dth working day after %s (%s, local day %s); "
                 "Saturdays, Sundays and national public holidays (%s) are not counted%s%s%s.",
                 off, cal->zone ? cal->zone : "the overlay's legal time", ld, r->amount, rel, b, sd,
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
    json_t *o = json_object();
    char buf[21];
    json_object_set_new(o, "id", json_string(r->id));
    if (due.known) {
        fmt_utc(due.utc, buf);
        json_object_set_new(o, "due", json_string(buf));
    } else {
        json_object_set_new(o, "due", json_null());
    }
    json_object_set_new(o, "ref", json_string(r->ref));
    json_object_set_new(o, "relative_to", json_string(rel));
    if (base.known) {
        fmt_utc(base.utc, buf);
        json_object_set_new(o, "from", json_string(buf));
    } else {
        json_object_set_new(o, "from", json_null());
    }
    json_object_set_new(o, "law", json_string(law));
    json_object_set_new(o, "text", json_string(text));
    const char *cond = extra_condition ? extra_condition : r->condition;
    if (cond)
        json_object_set_new(o, "condition", json_string(cond));
    if (r->note)
        json_object_set_new(o, "note", json_string(r->note));
    if (!r->in_contract)
        json_object_set_new(o, "in_contract", json_false());
    json_array_append_new(S->reports, o);
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
    /* NIS2 Art. 23(4)(d)-(e) (procedure keyed on the ids of lib/schema/FORMATS.md §incident-deadlines): 0 impact end
     * unknown, 1 handled by the final-report due time, 2 still ongoing then. */
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

/* ---------------------------------------------------------------- JSON entry point */

static const char *const deadline_keys[] = {"schema", "entity", "aware_at", "notified_at", "impact_ended_at",
                                            "end_of_impact_notified_at", "impact", NULL};
const char *const nis2i_incident_time_keys[] = {"aware_at", "notified_at", "impact_ended_at",
                                                "end_of_impact_notified_at", NULL};

nis2_status nis2_incident_deadlines_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                         char **out_json, nis2_error *err)
{
    if (!ctx || !json || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_deadlines_json: ctx, json and out_json must not be NULL");
    *out_json = NULL;
    if (flags & ~NIS2_JSON_PRETTY)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_deadlines_json: unknown flags 0x%x", flags);
    json_t *doc;
    nis2_status st = nis2i_json_parse(json, len, &doc, err);
    if (st)
        return st;
    nis2_entity *e = NULL;
    nis2_result *r = NULL;
    json_t *out = NULL;
    clock_state S = {.ctx = ctx};
    if (!json_is_object(doc)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$", "$: expected an incident object {entity, aware_at, …}");
        goto done;
    }
    if ((st = nis2i_json_check_keys(doc, deadline_keys, "$", err)))
        goto done;
    const json_t *imp = json_object_get(doc, "impact");
    if (imp && (st = nis2i_significance_check_impact(imp, err)))
        goto done;
    const json_t *schema = json_object_get(doc, "schema");
    if (schema && !(json_is_integer(schema) && json_integer_value(schema) == 1)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.schema", "$.schema: expected 1 (this library reads schema 1)");
        goto done;
    }
    if ((st = nis2i_incident_entity(ctx, doc, &e, err)))
        goto done;
    for (int f = 0; f < NIS2I_FROM_REQUEST; f++) {
        const json_t *v = json_object_get(doc, from_names[f]);
        char path[64];
        snprintf(path, sizeof path, "$.%s", from_names[f]);
        if (!v || json_is_null(v)) {
            if (f == NIS2I_FROM_AWARE) {
                st = nis2i_fail(err, NIS2_ERR_MISSING_FIELD, path,
                                "$.aware_at: required (when the entity became aware of the significant incident, "
                                "RFC 3339)");
                goto done;
            }
            continue;
        }
        if ((st = nis2i_incident_time(v, path, &S.t[f].utc, &S.t[f].off, err)))
            goto done;
        S.t[f].known = true;
    }
    if (S.t[NIS2I_FROM_NOTIFIED].known && S.t[NIS2I_FROM_NOTIFIED].utc < S.t[NIS2I_FROM_AWARE].utc) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.notified_at",
                        "$.notified_at: must not be earlier than $.aware_at (a notification follows awareness)");
        goto done;
    }
    if (S.t[NIS2I_FROM_EOI_NOTIFIED].known) {
        if (!S.t[NIS2I_FROM_IMPACT_ENDED].known) {
            st = nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.impact_ended_at",
                            "$.impact_ended_at: required when $.end_of_impact_notified_at is given");
            goto done;
        }
        if (S.t[NIS2I_FROM_EOI_NOTIFIED].utc < S.t[NIS2I_FROM_IMPACT_ENDED].utc) {
            st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.end_of_impact_notified_at",
                            "$.end_of_impact_notified_at: must not be earlier than $.impact_ended_at");
            goto done;
        }
    }
    if ((st = nis2_classify(ctx, e, &r, err)))
        goto done;

    out = json_object();
    S.reports = json_array();
    S.notes = json_array();
    if (!out || !S.reports || !S.notes) {
        json_decref(S.reports);
        json_decref(S.notes);
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    const nis2i_overlay *ov = nis2i_overlay_find(ctx, r->country);
    int ov_idx = ov ? (int)(ov - ctx->overlays) : -1;
    const char *nat_cat = r->has_nat ? r->nat.category : r->dir.category;
    /* The entity is bound by its national law: where the overlay has its own reporting phases, those are the
     * reports; the Directive's Art. 23(4) baseline is listed apart, in directive_reports, for reference. */
    const json_t *ov_reports = ov ? json_object_get(ov->doc, "incident_reports") : NULL;
    bool national_phases = ov_idx >= 0 && json_array_size(ov_reports) > 0;
    json_t *dir_reports = NULL;
    size_t n_dir, n_nat = 0;
    if (national_phases) {
        n_nat = run_set(&S, e, ov_idx, nat_cat, ov->law);
        json_t *applicable = S.reports;
        S.reports = json_array();
        n_dir = run_set(&S, e, -1, r->dir.category, "EU 2022/2555");
        dir_reports = S.reports;
        S.reports = applicable;
    } else {
        n_dir = run_set(&S, e, -1, r->dir.category, "EU 2022/2555");
    }

    if (ov_idx >= 0 && !r->has_nat && n_nat)
        note(&S, NULL, "The national verdict of %s is not available in this version: %s's reports are selected with "
                       "the Directive's category (%s).", ov->law, ov->country, r->dir.category);
    if (national_phases && n_nat)
        note(&S, NULL, "The entity is bound by %s, which transposes NIS2 Art. 23 with its own phases: those are the "
                       "reports listed. The Directive's Art. 23(4) baseline is given in directive_reports for "
                       "reference only (INTERPRETATION: the national phases replace it).", ov->law);
    if ((national_phases && !n_nat) || (!national_phases && !n_dir)) {
        const char *cat = ov_idx >= 0 ? nat_cat : r->dir.category;
        note(&S, "NIS2 Art. 23(1)",
             "No incident report applies: the entity's category under %s is '%s'; incident reporting binds essential "
             "and important entities%s.", ov_idx >= 0 ? ov->law : "EU 2022/2555", cat,
             ov_idx >= 0 ? " and the categories the national law adds" : "");
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

    char buf[21];
    json_object_set_new(out, "schema", json_integer(1));
    json_object_set_new(out, "name", r->name ? json_string(r->name) : json_null());
    json_object_set_new(out, "country", json_string(r->country));
    json_object_set_new(out, "category", json_string(r->has_nat ? r->nat.category : r->dir.category));
    json_object_set_new(out, "law", json_string(r->law));
    json_object_set_new(out, "directive_category", json_string(r->dir.category));
    fmt_utc(S.t[NIS2I_FROM_AWARE].utc, buf);
    json_object_set_new(out, "aware_at", json_string(buf));
    json_object_set_new(out, "reports", S.reports);
    if (dir_reports)
        json_object_set_new(out, "directive_reports", dir_reports);
    json_object_set_new(out, "notes", S.notes);
    json_object_set_new(out, "library_version", json_string(NIS2_VERSION_STRING));
    json_object_set_new(out, "catalog_version", json_string(ctx->catalog_version));
    st = nis2i_ctx_put_extensions(out, ctx) != 0 ? nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory")
                                                 : nis2i_json_dump(out, flags, out_json, err);
done:
    json_decref(out);
    nis2_result_free(r);
    nis2_entity_free(e);
    json_decref(doc);
    return st;
}
