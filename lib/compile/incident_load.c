/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The incident part of the catalog compiler: `incident_reports` of the Directive (top level) and of each overlay,
 * the overlay's `calendar` and `reporting_time`, and `significance`, read and validated at context creation into
 * the typed tables of model/incident.h (ctx->inc), read-only afterwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/incident_load.h"
#include "compile/json_parse.h"
#include "compile/reader.h"

static nis2_status significance_load(nis2_ctx *ctx, nis2i_incident *inc, nis2_error *err);
static void significance_release(nis2i_incident *inc);

/* ---------------------------------------------------------------- loading */

typedef struct inc_loader {
    nis2i_reader R;              /* path stack and failure formatter (compile/reader.h) */
} inc_loader;

/* "catalog: <path>: <message>" at the current path. */
#define cbad(L, ...) nis2i_rd_bad(&(L)->R, __VA_ARGS__)

static nis2_status opt_str(inc_loader *L, const json_t *o, const char *key, const char **out)
{
    *out = nis2i_rd_field_str(&L->R, o, key, NIS2I_FIELD_NULLABLE);
    return L->R.st;
}

static nis2_status req_s(inc_loader *L, const json_t *o, const char *key, const char **out)
{
    *out = nis2i_rd_field_str(&L->R, o, key, NIS2I_FIELD_SAY_REQUIRED);
    return L->R.st;
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
        if (strcmp(s, nis2i_inc_from_names[i]) == 0) {
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
        nis2i_rd_set_index(&L->R, base, i);
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

/* A holiday's key in `names` and `suspended`: "MM-DD" for a fixed date, "easter-2", "easter+0", "easter+60" for a
 * day relative to Easter Sunday. */
static void holiday_key(const nis2i_holiday *h, char *buf, size_t cap)
{
    if (h->easter)
        snprintf(buf, cap, "easter%+d", h->easter_offset);
    else
        snprintf(buf, cap, "%02u-%02u", (unsigned)h->month, (unsigned)h->day);
}

static int holiday_find(const nis2i_holiday *days, size_t n, const char *key)
{
    char k[16];
    for (size_t i = 0; i < n; i++) {
        holiday_key(&days[i], k, sizeof k);
        if (strcmp(k, key) == 0)
            return (int)i;
    }
    return -1;
}

#define NIS2I_MAX_HOLIDAYS 64

/* calendar.holiday_rule: {"fixed": ["MM-DD", ...], "easter_relative_days": [n, ...], "names": {key: name},
 * "suspended"?: [{"holidays": [key, ...], "years": [from, to], "ref"}]} (lib/schema/FORMATS.md §overlay). */
static nis2_status load_holidays(inc_loader *L, const json_t *hr, nis2i_holiday_set *set)
{
    static const uint8_t mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const json_t *fx = json_object_get(hr, "fixed"), *ea = json_object_get(hr, "easter_relative_days");
    const json_t *nm = json_object_get(hr, "names"), *su = json_object_get(hr, "suspended");
    if ((fx && !json_is_array(fx)) || (ea && !json_is_array(ea)))
        return cbad(L, "'fixed' must be an array of \"MM-DD\" and 'easter_relative_days' an array of integers");
    size_t n = json_array_size(fx) + json_array_size(ea);
    if (n == 0 || n > NIS2I_MAX_HOLIDAYS)
        return cbad(L, "a holiday set has 1 to %d days in 'fixed' and 'easter_relative_days' (got %zu)", NIS2I_MAX_HOLIDAYS, n);
    nis2i_holiday *days = calloc(n, sizeof *days);
    NIS2I_CHECK_ALLOC(&L->R, days);
    set->days = days;
    size_t k = 0, i;
    const json_t *v;
    json_array_foreach(fx, i, v) {
        const char *t = json_string_value(v);
        unsigned m = 0, d = 0;
        if (!t || strlen(t) != 5 || t[2] != '-' || sscanf(t, "%2u-%2u", &m, &d) != 2 || m < 1 || m > 12 || d < 1 ||
            d > mdays[m - 1])
            return cbad(L, "fixed[%zu]: expected a day of the year as \"MM-DD\"", i);
        days[k] = (nis2i_holiday){.month = (uint8_t)m, .day = (uint8_t)d};
        if (holiday_find(days, k++, t) >= 0)
            return cbad(L, "fixed[%zu]: '%s' is listed twice", i, t);
    }
    json_array_foreach(ea, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) < -366 || json_integer_value(v) > 366)
            return cbad(L, "easter_relative_days[%zu]: expected a whole number of days from -366 to 366", i);
        days[k] = (nis2i_holiday){.easter = true, .easter_offset = (int16_t)json_integer_value(v)};
        char key[16];
        holiday_key(&days[k], key, sizeof key);
        if (holiday_find(days, k++, key) >= 0)
            return cbad(L, "easter_relative_days[%zu]: %s is listed twice", i, key);
    }
    set->n = k;
    if (!json_is_object(nm))
        return cbad(L, "'names' must give the name of every holiday: {\"MM-DD\" or \"easter+N\": name}");
    const char *key;
    json_object_foreach((json_t *)nm, key, v) {
        int h = holiday_find(days, k, key);
        if (h < 0)
            return cbad(L, "names.%.20s: not a holiday of 'fixed' or 'easter_relative_days' (keys read \"MM-DD\", "
                           "\"easter-2\", \"easter+0\", \"easter+60\")", key);
        if (!json_is_string(v) || json_string_length(v) == 0)
            return cbad(L, "names.%.20s: expected the holiday's name", key);
        days[h].name = json_string_value(v);
    }
    for (i = 0; i < k; i++)
        if (!days[i].name) {
            char hk[16];
            holiday_key(&days[i], hk, sizeof hk);
            return cbad(L, "names: the holiday %s has no name", hk);
        }
    if (su && !json_is_array(su))
        return cbad(L, "'suspended' must be an array of {\"holidays\", \"years\": [from, to], \"ref\"}");
    const json_t *e;
    json_array_foreach(su, i, e) {
        const json_t *hs = json_object_get(e, "holidays"), *ys = json_object_get(e, "years");
        const json_t *y0 = json_array_get(ys, 0), *y1 = json_array_get(ys, 1);
        if (!json_is_object(e) || !json_is_array(hs) || json_array_size(hs) == 0 || json_array_size(ys) != 2 ||
            !json_is_integer(y0) || !json_is_integer(y1) || json_integer_value(y0) < 1 ||
            json_integer_value(y1) > 9999 || json_integer_value(y0) > json_integer_value(y1) ||
            !json_is_string(json_object_get(e, "ref")))
            return cbad(L, "suspended[%zu]: expected {\"holidays\": [key, ...], \"years\": [from, to] (1-9999, from <= "
                           "to), \"ref\": provision}", i);
        size_t j;
        const json_t *hk;
        json_array_foreach(hs, j, hk) {
            int h = json_is_string(hk) ? holiday_find(days, k, json_string_value(hk)) : -1;
            if (h < 0)
                return cbad(L, "suspended[%zu].holidays[%zu]: not a holiday of the set", i, j);
            if (days[h].off_from)
                return cbad(L, "suspended[%zu].holidays[%zu]: '%s' is already suspended (one range per holiday)", i, j,
                            json_string_value(hk));
            days[h].off_from = (int32_t)json_integer_value(y0);
            days[h].off_to = (int32_t)json_integer_value(y1);
        }
    }
    return NIS2_OK;
}

static nis2_status load_calendar(inc_loader *L, const json_t *ov, size_t oi, nis2i_inc_calendar *cal)
{
    nis2_status st;
    memset(cal, 0, sizeof *cal);
    const json_t *c = json_object_get(ov, "calendar");
    nis2i_rd_set_index(&L->R, "$.overlays", oi);
    nis2i_rd_push_key(&L->R, "calendar");
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
        cal->holidays = hol;
        const json_t *hr = json_object_get(c, "holiday_rule");
        nis2i_rd_push_key(&L->R, "holiday_rule");
        if (!json_is_object(hr))
            return cbad(L, "the holiday set '%s' needs its rule: {\"fixed\": [\"MM-DD\", ...], \"easter_relative_days\": "
                           "[n, ...], \"names\": {...}}", hol);
        if ((st = opt_str(L, hr, "ref", &cal->holiday_ref)) || (st = load_holidays(L, hr, &cal->holiday_set)))
            return st;
    }
    const json_t *rt = json_object_get(ov, "reporting_time");
    nis2i_rd_set_index(&L->R, "$.overlays", oi);
    nis2i_rd_push_key(&L->R, "reporting_time");
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
    nis2i_rd_set(&L->R, base);
    if (!json_is_array(arr))
        return cbad(L, "must be an array");
    size_t first = inc->n_reports, i;
    const json_t *e;
    json_array_foreach(arr, i, e) {
        nis2i_rd_set_index(&L->R, base, i);
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
    significance_release(inc);
    free(inc->reports);
    for (size_t i = 0; inc->calendars && i < ctx->n_overlays; i++)
        free((void *)inc->calendars[i].holiday_set.days);
    free(inc->calendars);
    free(inc);
    ctx->inc = NULL;
}

nis2_status nis2i_incident_load(nis2_ctx *ctx, nis2_error *err)
{
    inc_loader L;
    nis2i_rd_init(&L.R, err, NIS2_ERR_CATALOG, "catalog", "$");
    nis2i_incident *inc = calloc(1, sizeof *inc);
    NIS2I_CHECK_ALLOC(&L.R, inc);
    ctx->inc = inc;
    const json_t *top = json_object_get(ctx->doc, "incident_reports");
    size_t total = json_array_size(top);
    const json_t *ovs = json_object_get(ctx->doc, "overlays");
    for (size_t i = 0; i < ctx->n_overlays; i++)
        total += json_array_size(json_object_get(json_array_get(ovs, i), "incident_reports"));
    inc->reports = calloc(total + 1, sizeof *inc->reports);
    inc->calendars = calloc(ctx->n_overlays + 1, sizeof *inc->calendars);
    NIS2I_CHECK_ALLOC(&L.R, inc->reports && inc->calendars);
    nis2_status st = add_set(&L, inc, top, "$.incident_reports", -1, false);
    for (size_t i = 0; !st && i < ctx->n_overlays; i++) {
        const json_t *ov = json_array_get(ovs, i);
        if ((st = load_calendar(&L, ov, i, &inc->calendars[i])))
            break;
        inc->calendars[i].country = nis2i_ms_canonical(ctx, json_string_value(json_object_get(ov, "country")));
        inc->calendars[i].law = json_string_value(json_object_get(ov, "law"));
        inc->calendars[i].n_reports = json_array_size(json_object_get(ov, "incident_reports"));
        char base[64];
        snprintf(base, sizeof base, "$.overlays[%zu].incident_reports", i);
        st = add_set(&L, inc, json_object_get(ov, "incident_reports"), base, (int)i, inc->calendars[i].present);
    }
    if (!st)
        st = significance_load(ctx, inc, err);
    return st;
}


/* ---------------------------------------------------------------- loading */

typedef struct sig_loader {
    const nis2_ctx *ctx;
    nis2i_reader R;              /* path stack and failure formatter (compile/reader.h) */
} sig_loader;

#define sbad(L, ...) nis2i_rd_bad(&(L)->R, __VA_ARGS__)

static nis2_status sreq(sig_loader *L, const json_t *o, const char *key, const char **out)
{
    *out = nis2i_rd_field_str(&L->R, o, key, NIS2I_FIELD_REQUIRED);
    return L->R.st;
}

static nis2_status num_fact(sig_loader *L, const char *name, int *out)
{
    int f = nis2i_fact_index(name);
    if (f < 0 || (nis2i_facts[f].type != NIS2I_FT_NUM && nis2i_facts[f].type != NIS2I_FT_COUNT))
        return sbad(L, "'%s' is not a numeric impact fact", name);
    *out = f;
    return NIS2_OK;
}

static nis2_status load_cond(sig_loader *L, const json_t *c, nis2i_sig_cond *out)
{
    memset(out, 0, sizeof *out);
    const char *fact = NULL;
    if (!json_is_object(c) || json_object_size(c) != 2)
        return sbad(L, "a condition is an object {fact, <one of gt, lt, is, gt_smaller_of, le_share_of>}");
    nis2_status st = sreq(L, c, "fact", &fact);
    if (st)
        return st;
    out->fact = nis2i_fact_index(fact);
    if (out->fact < 0)
        return sbad(L, "unknown impact fact '%s'", fact);
    const json_t *v;
    if ((v = json_object_get(c, "is"))) {
        if (!json_is_true(v) || nis2i_facts[out->fact].type != NIS2I_FT_BOOL)
            return sbad(L, "'is' takes true and a boolean fact ('%s')", fact);
        out->op = NIS2I_OP_IS;
        return NIS2_OK;
    }
    if ((v = json_object_get(c, "gt")) || (v = json_object_get(c, "lt"))) {
        out->op = json_object_get(c, "gt") ? NIS2I_OP_GT : NIS2I_OP_LT;
        if (!json_is_number(v) || json_number_value(v) < 0)
            return sbad(L, "gt/lt take a number >= 0");
        out->value = json_number_value(v);
        return num_fact(L, fact, &out->fact);
    }
    bool smaller = (v = json_object_get(c, "gt_smaller_of")) != NULL;
    if (smaller || (v = json_object_get(c, "le_share_of"))) {
        out->op = smaller ? NIS2I_OP_GT_SMALLER_OF : NIS2I_OP_LE_SHARE_OF;
        const json_t *sh = json_object_get(v, "share"), *ab = json_object_get(v, "abs");
        const char *of;
        if (!json_is_object(v) || !json_is_number(sh) || json_number_value(sh) <= 0 || json_number_value(sh) > 1)
            return sbad(L, "%s needs share (0 < share <= 1)", smaller ? "gt_smaller_of" : "le_share_of");
        if (smaller && (!json_is_number(ab) || json_number_value(ab) < 0))
            return sbad(L, "gt_smaller_of needs abs (a number >= 0)");
        if ((st = sreq(L, v, "of", &of)) || (st = num_fact(L, of, &out->of)))
            return st;
        out->share = json_number_value(sh);
        out->value = smaller ? json_number_value(ab) : 0;
        return num_fact(L, fact, &out->fact);
    }
    return sbad(L, "a condition needs one of gt, lt, is, gt_smaller_of, le_share_of");
}

static nis2_status load_conds(sig_loader *L, const json_t *arr, nis2i_sig_cond *out, size_t *n)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > NIS2I_SIG_MAX_CONDS)
        return sbad(L, "conditions must be an array of 1 to %d conditions", NIS2I_SIG_MAX_CONDS);
    size_t i;
    const json_t *c;
    json_array_foreach(arr, i, c) {
        nis2i_rd_push_index(&L->R, i % 100u);
        nis2_status st = load_cond(L, c, &out[i]);
        if (st)
            return st;
        nis2i_rd_pop(&L->R);
    }
    *n = json_array_size(arr);
    return NIS2_OK;
}

static nis2_status load_crit(sig_loader *L, const json_t *c, int group, nis2i_sig_crit *out)
{
    memset(out, 0, sizeof *out);
    out->etype_group = group;
    nis2_status st;
    if (!json_is_object(c))
        return sbad(L, "must be an object");
    if ((st = sreq(L, c, "id", &out->id)) || (st = sreq(L, c, "ref", &out->ref)) || (st = sreq(L, c, "text", &out->text)))
        return st;
    const json_t *all = json_object_get(c, "all"), *any = json_object_get(c, "any");
    if ((all != NULL) == (any != NULL))
        return sbad(L, "give exactly one of 'all' and 'any'");
    out->any = any != NULL;
    nis2i_rd_push_key(&L->R, any ? "any" : "all");
    if ((st = load_conds(L, any ? any : all, out->conds, &out->n_conds)))
        return st;
    nis2i_rd_pop(&L->R);
    const json_t *un = json_object_get(c, "unless");
    if (un) {
        nis2i_rd_push_key(&L->R, "unless");
        if (!json_is_object(un))
            return sbad(L, "must be an object {ref, text, all}");
        if ((st = sreq(L, un, "ref", &out->unless_ref)) || (st = sreq(L, un, "text", &out->unless_text)))
            return st;
        nis2i_rd_push_key(&L->R, "all");
        if ((st = load_conds(L, json_object_get(un, "all"), out->unless, &out->n_unless)))
            return st;
        nis2i_rd_pop(&L->R);
        nis2i_rd_pop(&L->R);
    }
    return NIS2_OK;
}

static nis2_status load_crits(sig_loader *L, const json_t *arr, const char *base, int group, nis2i_sig_crit **out,
                              size_t *n)
{
    nis2i_rd_set(&L->R, base);
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return sbad(L, "must be a non-empty array of criteria");
    *out = calloc(json_array_size(arr), sizeof **out);
    NIS2I_CHECK_ALLOC(&L->R, *out);
    size_t i;
    const json_t *c;
    json_array_foreach(arr, i, c) {
        nis2i_rd_set_index(&L->R, base, i);
        nis2_status st = load_crit(L, c, group, &(*out)[i]);
        if (st)
            return st;
        (*n)++;
    }
    return NIS2_OK;
}

static void significance_release(nis2i_incident *inc)
{
    free(inc->general);
    free(inc->type_crits);
    for (size_t i = 0; i < inc->n_groups; i++)
        free(inc->groups[i].activities);
    free(inc->groups);
    free(inc->fallback);
}

static nis2_status significance_load(nis2_ctx *ctx, nis2i_incident *inc, nis2_error *err)
{
    sig_loader L = {.ctx = ctx};
    nis2i_rd_init(&L.R, err, NIS2_ERR_CATALOG, "catalog", "$");
    const json_t *s = json_object_get(ctx->doc, "significance");
    nis2i_rd_set(&L.R, "$.significance");
    if (!s || json_is_null(s))
        return NIS2_OK;
    if (!json_is_object(s))
        return sbad(&L, "must be an object");
    nis2_status st;
    const json_t *scope = json_object_get(s, "scope"), *ex = json_object_get(s, "exclusion"),
                 *rec = json_object_get(s, "recurring"), *fb = json_object_get(s, "fallback");
    nis2i_rd_set(&L.R, "$.significance.scope");
    if (!json_is_object(scope))
        return sbad(&L, "must be an object {ref, text}");
    if ((st = sreq(&L, scope, "ref", &inc->scope_ref)))
        return st;
    nis2i_rd_set(&L.R, "$.significance.exclusion");
    const char *exf = NULL;
    if (!json_is_object(ex))
        return sbad(&L, "must be an object {ref, fact, text}");
    if ((st = sreq(&L, ex, "ref", &inc->excl_ref)) || (st = sreq(&L, ex, "text", &inc->excl_text)) ||
        (st = sreq(&L, ex, "fact", &exf)))
        return st;
    inc->excl_fact = nis2i_fact_index(exf);
    if (inc->excl_fact < 0 || nis2i_facts[inc->excl_fact].type != NIS2I_FT_BOOL)
        return sbad(&L, "fact '%s' is not a boolean impact fact", exf);
    if ((st = load_crits(&L, json_object_get(s, "general"), "$.significance.general", -1, &inc->general,
                         &inc->n_general)))
        return st;

    nis2i_rd_set(&L.R, "$.significance.recurring");
    const char *loss_id;
    if (!json_is_object(rec))
        return sbad(&L, "must be an object");
    if ((st = sreq(&L, rec, "id", &inc->rec_id)) || (st = sreq(&L, rec, "ref", &inc->rec_ref)) ||
        (st = sreq(&L, rec, "text", &inc->rec_text)) || (st = sreq(&L, rec, "loss_criterion", &loss_id)))
        return st;
    const json_t *mo = json_object_get(rec, "months"), *mi = json_object_get(rec, "min_incidents");
    if (!json_is_integer(mo) || json_integer_value(mo) < 1 || json_integer_value(mo) > 120 || !json_is_integer(mi) ||
        json_integer_value(mi) < 2 || json_integer_value(mi) > 100)
        return sbad(&L, "months (1-120) and min_incidents (2-100) must be integers");
    inc->rec_months = (int)json_integer_value(mo);
    inc->rec_min = (int)json_integer_value(mi);
    for (size_t i = 0; i < inc->n_general; i++)
        if (strcmp(inc->general[i].id, loss_id) == 0)
            inc->rec_loss = &inc->general[i];
    if (!inc->rec_loss || inc->rec_loss->n_conds != 1 || inc->rec_loss->conds[0].op != NIS2I_OP_GT_SMALLER_OF)
        return sbad(&L, "loss_criterion '%s' must name a general criterion with one gt_smaller_of condition", loss_id);

    const json_t *types = json_object_get(s, "entity_types");
    nis2i_rd_set(&L.R, "$.significance.entity_types");
    if (!json_is_array(types) || json_array_size(types) == 0)
        return sbad(&L, "must be a non-empty array");
    size_t total = 0, i;
    const json_t *g;
    json_array_foreach(types, i, g) total += json_array_size(json_object_get(g, "criteria"));
    inc->groups = calloc(json_array_size(types), sizeof *inc->groups);
    inc->type_crits = calloc(total + 1, sizeof *inc->type_crits);
    NIS2I_CHECK_ALLOC(&L.R, inc->groups && inc->type_crits);
    json_array_foreach(types, i, g) {
        nis2i_sig_group *gr = &inc->groups[i];
        inc->n_groups++;
        nis2i_rd_set_index(&L.R, "$.significance.entity_types", i);
        if (!json_is_object(g))
            return sbad(&L, "must be an object");
        if ((st = sreq(&L, g, "article", &gr->article)) || (st = sreq(&L, g, "label", &gr->label)))
            return st;
        const json_t *acts = json_object_get(g, "activities"), *crits = json_object_get(g, "criteria");
        if (!json_is_array(acts) || json_array_size(acts) == 0)
            return sbad(&L, "activities must be a non-empty array of entity-type codes");
        gr->activities = calloc(json_array_size(acts), sizeof *gr->activities);
        NIS2I_CHECK_ALLOC(&L.R, gr->activities);
        size_t j;
        const json_t *a;
        json_array_foreach(acts, j, a) {
            if (!json_is_string(a) || !nis2i_etype_find(ctx, json_string_value(a), NULL))
                return sbad(&L, "activities[%zu] is not an entity-type code of the catalog", j);
            gr->activities[gr->n_activities++] = json_string_value(a);
        }
        if (!json_is_array(crits) || json_array_size(crits) == 0)
            return sbad(&L, "criteria must be a non-empty array");
        gr->first = inc->n_type_crits;
        const json_t *c;
        json_array_foreach(crits, j, c) {
            nis2i_rd_set_index(&L.R, "$.significance.entity_types", i);
            nis2i_rd_push_key(&L.R, "criteria");
            nis2i_rd_push_index(&L.R, j);
            if ((st = load_crit(&L, c, (int)i, &inc->type_crits[inc->n_type_crits])))
                return st;
            inc->n_type_crits++;
        }
        gr->n = inc->n_type_crits - gr->first;
    }
    nis2i_rd_set(&L.R, "$.significance.fallback");
    if (!json_is_object(fb))
        return sbad(&L, "must be an object {ref, text, criteria}");
    if ((st = sreq(&L, fb, "ref", &inc->fallback_ref)) || (st = sreq(&L, fb, "text", &inc->fallback_text)))
        return st;
    if ((st = load_crits(&L, json_object_get(fb, "criteria"), "$.significance.fallback.criteria", -1, &inc->fallback,
                         &inc->n_fallback)))
        return st;
    inc->has_sig = true;
    return NIS2_OK;
}

