/* SPDX-License-Identifier: Apache-2.0 */
/* The ISO/IEC 27001 gap report (lib/schema/FORMATS.md §gap-report): evidence and SoA in, status per NIS2 duty out.
 * The status rules are documented in include/nis2/evidence.h and README.md ("ISO/IEC 27001 gap report"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"

#include "json/gap_report.h"
#include "json/gap_json.h"
#include "rules/gap_isms.h"
#include "rules/mapping.h"
#include "rules/obligations.h"

#define GAP_MAX_SOA      2000u
#define GAP_MAX_EVIDENCE 20000u
#define GAP_MAX_REFS     500u    /* controls or obligations named by one evidence item */

enum soa_st { SOA_UNLISTED = 0, SOA_EXCLUDED, SOA_IMPLEMENTED, SOA_PARTIAL, SOA_PLANNED, SOA_NOT_IMPLEMENTED };
static const char *const soa_names[] = {"not_listed", "not_applicable", "implemented", "partial", "planned",
                                        "not_implemented"};
enum level { LV_NONE = 0, LV_PART = 1, LV_FULL = 2, LV_EXCLUDED = 3 };
static const char *const level_names[] = {"none", "partial", "full", "excluded"};

enum ob_status { ST_COVERED = 0, ST_PARTIAL, ST_MISSING, ST_NA }; /* = nis2i_gap_st */

typedef struct gap_ev {
    const char *id, *title;
    int32_t dated, valid_until;  /* yyyymmdd; valid_until 0 when none */
    bool stale;
    char why[64];
} gap_ev;

typedef struct gap_ref {         /* evidence e names control c (after expansion) */
    uint32_t control, ev;
} gap_ref;

typedef struct gap_in {
    const nis2_ctx *ctx;
    const nis2i_iso *iso;
    int32_t as_of;
    char as_of_text[11];
    uint8_t *soa;                /* per control: effective enum soa_st */
    uint8_t *soa_direct;         /* per control: 0 unset, else enum soa_st + 1 */
    uint8_t *level;              /* per control: enum level */
    gap_ev *ev;
    size_t n_ev;
    gap_ref *refs;
    size_t n_refs, cap_refs;
    uint32_t *ref_start;         /* per control: n_controls + 1 offsets into ref_ev (index_refs) */
    uint32_t *ref_ev;            /* evidence of refs grouped by control, in the order of refs */
    uint32_t *seen;              /* per evidence: stamp of the last list it was put in (assess) */
    uint32_t stamp;
    uint32_t *list_ev;           /* scratch of assess: evidence indices (stale, then direct) */
    uint32_t *ev_obl;            /* pairs (obligation index, evidence) flattened */
    size_t n_ev_obl, cap_ev_obl;
    bool cert_counts;
    bool has_cert;               /* a certificate object was given (not absent, not null) */
    const char *cert_standard, *cert_body, *cert_status; /* borrowed from the input, or static */
    int32_t cert_until;
    bool cert_scope;
    nis2i_map ev_index;
} gap_in;

/* ---------------------------------------------------------------- small input helpers */

static bool is_ext(const char *k)
{
    return strncmp(k, "x_", 2) == 0;
}

/* Set err's path after the fact (nis2i_fail copies the path we pass; for formatted paths we build them first). */
NIS2I_PRINTF(4, 5) static nis2_status failp(nis2_error *err, nis2_status code, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nis2i_fail(err, code, path, "%s: %s", path, msg);
}

static nis2_status check_keys(const json_t *o, const char *path, const char *const *keys, nis2_error *err)
{
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)o, k, v) {
        bool ok = is_ext(k);
        for (size_t i = 0; keys[i] && !ok; i++)
            ok = strcmp(keys[i], k) == 0;
        if (!ok) {
            char kp[160];
            snprintf(kp, sizeof kp, "%s.%.64s", path, k);
            return failp(err, NIS2_ERR_UNKNOWN_KEY, kp, "unknown key (vendor extensions start with x_)");
        }
    }
    return NIS2_OK;
}

static bool parse_date(const char *s, int32_t *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || m < 1 || m > 12 || d < 1)
        return false;
    int lim = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d > lim)
        return false;
    *out = y * 10000 + m * 100 + d;
    return true;
}

static nis2_status date_field(const json_t *o, const char *key, const char *base, bool required, int32_t *out,
                              nis2_error *err)
{
    char path[160];
    snprintf(path, sizeof path, "%s.%s", base, key);
    const json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            return failp(err, NIS2_ERR_MISSING_FIELD, path, "required date (YYYY-MM-DD) is missing");
        *out = 0;
        return NIS2_OK;
    }
    if (!json_is_string(v) || !parse_date(json_string_value(v), out))
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected a calendar date YYYY-MM-DD (1970 or later)");
    return NIS2_OK;
}

static void fmt_date(int32_t d, char out[11])
{
    unsigned u = d > 0 ? (unsigned)d : 0u;
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", (u / 10000u) % 10000u, (u / 100u) % 100u, u % 100u);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

static const char *opt_string(const json_t *o, const char *key, const char *base, nis2_status *st, nis2_error *err)
{
    const json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        char path[160];
        snprintf(path, sizeof path, "%s.%s", base, key);
        *st = failp(err, NIS2_ERR_INVALID_FIELD, path, "expected a string");
        return NULL;
    }
    return json_string_value(v);
}

/* ---------------------------------------------------------------- input */

static nis2_status add_ref(gap_in *g, uint32_t control, uint32_t ev)
{
    /* cheap de-duplication of the recent tail (the last 64 refs); refs of earlier evidence cannot match */
    for (size_t i = g->n_refs; i-- > 0 && i + 64 > g->n_refs && g->refs[i].ev == ev;)
        if (g->refs[i].control == control)
            return NIS2_OK;
    if (g->n_refs == g->cap_refs) {
        size_t nc = g->cap_refs ? g->cap_refs * 2 : 256;
        gap_ref *n = realloc(g->refs, nc * sizeof *n);
        if (!n)
            return NIS2_ERR_NOMEM;
        g->refs = n;
        g->cap_refs = nc;
    }
    g->refs[g->n_refs++] = (gap_ref){control, ev};
    return NIS2_OK;
}

static nis2_status add_ev_obl(gap_in *g, uint32_t ob, uint32_t ev)
{
    if (g->n_ev_obl + 2 > g->cap_ev_obl) {
        size_t nc = g->cap_ev_obl ? g->cap_ev_obl * 2 : 64;
        uint32_t *n = realloc(g->ev_obl, nc * sizeof *n);
        if (!n)
            return NIS2_ERR_NOMEM;
        g->ev_obl = n;
        g->cap_ev_obl = nc;
    }
    g->ev_obl[g->n_ev_obl++] = ob;
    g->ev_obl[g->n_ev_obl++] = ev;
    return NIS2_OK;
}

/* One SoA entry e at $.soa[i]: its checks and its effect on g->soa_direct. where: per control, 1 + the index of
 * the entry that listed it (duplicates are errors). */
static nis2_status soa_entry(gap_in *g, const json_t *e, size_t i, int32_t *where, nis2_error *err)
{
    static const char *const keys[] = {"control", "applicable", "status", "justification", NULL};
    static const char *const st_names[] = {"implemented", "partial", "planned", "not_implemented"};
    const nis2i_iso *iso = g->iso;
    nis2_status st = NIS2_OK;
    char base[64], path[96];
    snprintf(base, sizeof base, "$.soa[%zu]", i);
    if (!json_is_object(e))
        return failp(err, NIS2_ERR_INVALID_FIELD, base, "expected an object {\"control\", \"applicable\", \"status\"}");
    if ((st = check_keys(e, base, keys, err)))
        return st;
    snprintf(path, sizeof path, "%s.control", base);
    const json_t *c = json_object_get(e, "control");
    if (!c)
        return failp(err, NIS2_ERR_MISSING_FIELD, path, "every SoA entry names its control");
    if (!json_is_string(c))
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected a control identifier such as \"A.5.24\"");
    uint32_t idx;
    if ((st = nis2i_iso_normalise(g->ctx, json_string_value(c), path, &idx, err)))
        return st;
    if (where[idx])
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "%s is already listed at $.soa[%d]", iso->controls[idx].id,
                     where[idx] - 1);
    where[idx] = (int32_t)i + 1;
    const json_t *app = json_object_get(e, "applicable");
    snprintf(path, sizeof path, "%s.applicable", base);
    if (app && !json_is_boolean(app))
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected true or false");
    const char *just = opt_string(e, "justification", base, &st, err);
    NIS2I_UNUSED(just);
    if (st)
        return st;
    const json_t *s = json_object_get(e, "status");
    snprintf(path, sizeof path, "%s.status", base);
    if (json_is_false(app)) {
        if (iso->controls[idx].kind != NIS2I_CK_ANNEX_A) {
            snprintf(path, sizeof path, "%s.applicable", base);
            return failp(err, NIS2_ERR_INVALID_FIELD, path,
                         "clause %s cannot be excluded: ISO/IEC 27001 allows exclusions only of Annex A controls",
                         iso->controls[idx].id);
        }
        if (s && !json_is_null(s))
            return failp(err, NIS2_ERR_INVALID_FIELD, path, "a control marked not applicable has no status");
        g->soa_direct[idx] = SOA_EXCLUDED + 1;
        return NIS2_OK;
    }
    if (!s)
        return failp(err, NIS2_ERR_MISSING_FIELD, path, "an applicable control needs a status");
    size_t k = 0;
    for (; json_is_string(s) && k < 4; k++)
        if (strcmp(json_string_value(s), st_names[k]) == 0)
            break;
    if (!json_is_string(s) || k == 4)
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected implemented, partial, planned or not_implemented");
    g->soa_direct[idx] = (uint8_t)(SOA_IMPLEMENTED + k + 1);
    return NIS2_OK;
}

static nis2_status parse_soa(gap_in *g, const json_t *soa, nis2_error *err)
{
    const nis2i_iso *iso = g->iso;
    if (!soa || json_is_null(soa))
        return NIS2_OK;
    if (!json_is_array(soa))
        return failp(err, NIS2_ERR_INVALID_FIELD, "$.soa", "expected an array of Statement of Applicability entries");
    if (json_array_size(soa) > GAP_MAX_SOA)
        return failp(err, NIS2_ERR_LIMIT, "$.soa", "more than %u entries", GAP_MAX_SOA);
    int32_t *where = calloc(iso->n_controls, sizeof *where);    /* 1 + index of the entry that set it */
    if (!where)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    size_t i;
    const json_t *e;
    nis2_status st = NIS2_OK;
    json_array_foreach(soa, i, e) {
        if ((st = soa_entry(g, e, i, where, err)))
            break;
    }
    free(where);
    return st;
}

/* Effective SoA status: an entry on a control; else that of the nearest heading, then clause, above it. */
static void expand_soa(gap_in *g)
{
    const nis2i_iso *iso = g->iso;
    for (size_t c = 0; c < iso->n_controls; c++)
        g->soa[c] = g->soa_direct[c] ? (uint8_t)(g->soa_direct[c] - 1) : SOA_UNLISTED;
    static const nis2i_ckind order[] = {NIS2I_CK_HEADING, NIS2I_CK_CLAUSE};
    for (size_t o = 0; o < 2; o++)
        for (size_t h = 0; h < iso->n_controls; h++) {
            const nis2i_control *ct = &iso->controls[h];
            if (ct->kind != order[o] || g->soa[h] == SOA_UNLISTED)
                continue;
            for (uint32_t k = 0; k < ct->n_children; k++) {
                uint32_t ch = iso->children[ct->first_child + k];
                if (g->soa[ch] == SOA_UNLISTED)
                    g->soa[ch] = g->soa[h];
            }
        }
}

static nis2_status parse_certificate(gap_in *g, const json_t *c, nis2_error *err)
{
    static const char *const keys[] = {"standard", "valid_until", "scope_covers_nis2_services", "issued",
                                       "certification_body", "scope", NULL};
    g->has_cert = false;
    if (!c || json_is_null(c))
        return NIS2_OK;
    if (!json_is_object(c))
        return failp(err, NIS2_ERR_INVALID_FIELD, "$.certificate", "expected an object or null");
    nis2_status st = check_keys(c, "$.certificate", keys, err);
    if (st)
        return st;
    const json_t *std = json_object_get(c, "standard");
    if (!std)
        return failp(err, NIS2_ERR_MISSING_FIELD, "$.certificate.standard", "name the standard, e.g. \"ISO/IEC 27001:2022\"");
    if (!json_is_string(std))
        return failp(err, NIS2_ERR_INVALID_FIELD, "$.certificate.standard", "expected a string");
    int32_t until, issued;
    if ((st = date_field(c, "valid_until", "$.certificate", true, &until, err)) ||
        (st = date_field(c, "issued", "$.certificate", false, &issued, err)))
        return st;
    const json_t *scope = json_object_get(c, "scope_covers_nis2_services");
    if (!scope)
        return failp(err, NIS2_ERR_MISSING_FIELD, "$.certificate.scope_covers_nis2_services",
                     "say whether the certified scope covers the services that bring the entity under NIS2");
    if (!json_is_boolean(scope))
        return failp(err, NIS2_ERR_INVALID_FIELD, "$.certificate.scope_covers_nis2_services", "expected true or false");
    const char *body = opt_string(c, "certification_body", "$.certificate", &st, err);
    if (st)
        return st;
    opt_string(c, "scope", "$.certificate", &st, err);
    if (st)
        return st;
    const char *status = "valid";
    if (strcmp(json_string_value(std), "ISO/IEC 27001:2022") != 0)
        status = "other_standard";
    else if (until < g->as_of)
        status = "expired";
    else if (issued && issued > g->as_of)
        status = "not_yet_valid";
    else if (!json_is_true(scope))
        status = "scope_excludes_nis2_services";
    g->cert_counts = strcmp(status, "valid") == 0;
    g->has_cert = true;
    g->cert_standard = json_string_value(std);
    g->cert_body = body;
    g->cert_status = status;
    g->cert_until = until;
    g->cert_scope = json_is_true(scope);
    return NIS2_OK;
}

/* Evidence keys, in the order lib/schema/FORMATS.md §gap-report lists them. */
enum ev_key { EK_ID = 0, EK_TITLE, EK_CONTROLS, EK_OBLIGATIONS, EK_DATED, EK_VALID_UNTIL, EK_OWNER, EK_LOCATION, EK_N };

static int ev_key(const char *k)
{
    static const char *const keys[EK_N] = {"id", "title", "controls", "obligations", "dated", "valid_until", "owner",
                                           "location"};
    for (int i = 0; i < EK_N; i++)
        if (keys[i][0] == k[0] && strcmp(keys[i], k) == 0)
            return i;
    return -1;
}

/* The hot path of a 20 000-item input: JSON paths ("$.evidence[17].controls[2]") are only written on an error. */
static nis2_status ev_date(const json_t *v, size_t i, const char *key, bool required, int32_t *out, nis2_error *err)
{
    if (!v || json_is_null(v)) {
        *out = 0;
        if (!required)
            return NIS2_OK;
    } else if (json_is_string(v) && parse_date(json_string_value(v), out)) {
        return NIS2_OK;
    }
    char path[160];
    snprintf(path, sizeof path, "$.evidence[%zu].%s", i, key);
    if (!v || json_is_null(v))
        return failp(err, NIS2_ERR_MISSING_FIELD, path, "required date (YYYY-MM-DD) is missing");
    return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected a calendar date YYYY-MM-DD (1970 or later)");
}

static const char *ev_string(const json_t *v, size_t i, const char *key, nis2_status *st, nis2_error *err)
{
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        char path[160];
        snprintf(path, sizeof path, "$.evidence[%zu].%s", i, key);
        *st = failp(err, NIS2_ERR_INVALID_FIELD, path, "expected a string");
        return NULL;
    }
    return json_string_value(v);
}

/* "yyyy-mm-dd" of a yyyymmdd date, as fmt_date() writes it. */
static size_t put_date(char *out, int32_t d)
{
    unsigned u = d > 0 ? (unsigned)d : 0u;
    unsigned y = (u / 10000u) % 10000u, m = (u / 100u) % 100u, dd = u % 100u;
    out[0] = (char)('0' + y / 1000u);
    out[1] = (char)('0' + y / 100u % 10u);
    out[2] = (char)('0' + y / 10u % 10u);
    out[3] = (char)('0' + y % 10u);
    out[4] = '-';
    out[5] = (char)('0' + m / 10u);
    out[6] = (char)('0' + m % 10u);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10u);
    out[9] = (char)('0' + dd % 10u);
    return 10;
}

/* why = prefix + date + suffix (what snprintf("dated %s, after as_of") and ("expired %s") wrote). */
static void stale_why(gap_ev *ev, const char *prefix, int32_t date, const char *suffix)
{
    size_t np = strlen(prefix), ns = strlen(suffix);
    memcpy(ev->why, prefix, np);
    put_date(ev->why + np, date);
    memcpy(ev->why + np + 10, suffix, ns + 1);
}

/* One evidence item e at $.evidence[i] into *ev (refs and direct links to duties added to g, the id to
 * g->ev_index). */
static nis2_status ev_item(gap_in *g, const json_t *e, size_t i, gap_ev *ev, nis2_error *err)
{
    const nis2i_iso *iso = g->iso;
    nis2_status st = NIS2_OK;
    char path[160];
    if (!json_is_object(e)) {
        snprintf(path, sizeof path, "$.evidence[%zu]", i);
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected an evidence object");
    }
    /* one pass over the keys: the first unknown one fails (as check_keys() would), the others are kept */
    const json_t *val[EK_N] = {0};
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)e, k, v) {
        int x = ev_key(k);
        if (x >= 0) {
            val[x] = v;
        } else if (!is_ext(k)) {
            snprintf(path, sizeof path, "$.evidence[%zu].%.64s", i, k);
            return failp(err, NIS2_ERR_UNKNOWN_KEY, path, "unknown key (vendor extensions start with x_)");
        }
    }
        const json_t *id = val[EK_ID];
    if (!id || !json_is_string(id) || json_string_length(id) == 0) {
        snprintf(path, sizeof path, "$.evidence[%zu].id", i);
        if (!id)
            return failp(err, NIS2_ERR_MISSING_FIELD, path, "every evidence item needs an id");
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected a non-empty string");
    }
    ev->id = json_string_value(id);
    int rc = nis2i_map_put(&g->ev_index, ev->id, (uint32_t)i);
    if (rc < 0)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    if (rc > 0) {
        snprintf(path, sizeof path, "$.evidence[%zu].id", i);
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "evidence id '%s' is used twice", ev->id);
    }
    ev->title = ev_string(val[EK_TITLE], i, "title", &st, err);
    if (st)
        return st;
    ev_string(val[EK_OWNER], i, "owner", &st, err);
    if (!st)
        ev_string(val[EK_LOCATION], i, "location", &st, err);
    if (st)
        return st;
    if ((st = ev_date(val[EK_DATED], i, "dated", true, &ev->dated, err)) ||
        (st = ev_date(val[EK_VALID_UNTIL], i, "valid_until", false, &ev->valid_until, err)))
        return st;
    if (ev->valid_until && ev->valid_until < ev->dated) {
        snprintf(path, sizeof path, "$.evidence[%zu].valid_until", i);
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "valid_until is before dated");
    }
    if (ev->dated > g->as_of) {
        ev->stale = true;
        stale_why(ev, "dated ", ev->dated, ", after as_of");
    } else if (ev->valid_until && ev->valid_until < g->as_of) {
        ev->stale = true;
        stale_why(ev, "expired ", ev->valid_until, "");
    }
    size_t named = 0;
    static const char *const lists[] = {"controls", "obligations"};
    for (size_t l = 0; l < 2; l++) {
        const json_t *a = val[l ? EK_OBLIGATIONS : EK_CONTROLS];
        if (!a || json_is_null(a))
            continue;
        if (!json_is_array(a) || json_array_size(a) > GAP_MAX_REFS) {
            snprintf(path, sizeof path, "$.evidence[%zu].%s", i, lists[l]);
            if (!json_is_array(a))
                return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected an array of %s",
                             l ? "obligation ids" : "control ids");
            return failp(err, NIS2_ERR_LIMIT, path, "more than %u entries", GAP_MAX_REFS);
        }
        size_t j;
        const json_t *x;
        json_array_foreach(a, j, x) {
            if (!json_is_string(x)) {
                snprintf(path, sizeof path, "$.evidence[%zu].%s[%zu]", i, lists[l], j);
                return failp(err, NIS2_ERR_INVALID_FIELD, path, "expected a string");
            }
            named++;
            if (l == 0) {
                uint32_t c;
                if (nis2i_iso_normalise(g->ctx, json_string_value(x), NULL, &c, NULL)) {
                    /* again, with the path, for the error */
                    snprintf(path, sizeof path, "$.evidence[%zu].%s[%zu]", i, lists[l], j);
                    if ((st = nis2i_iso_normalise(g->ctx, json_string_value(x), path, &c, err)))
                        return st;
                }
                const nis2i_control *ct = &iso->controls[c];
                if (add_ref(g, c, (uint32_t)i))
                    return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
                for (uint32_t k2 = 0; k2 < ct->n_children; k2++)
                    if (add_ref(g, iso->children[ct->first_child + k2], (uint32_t)i))
                        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
            } else {
                uint32_t ob;
                if (!g->ctx->obl || !nis2i_map_get(&g->ctx->obl->index, json_string_value(x), &ob)) {
                    snprintf(path, sizeof path, "$.evidence[%zu].%s[%zu]", i, lists[l], j);
                    return failp(err, NIS2_ERR_UNKNOWN_CODE, path,
                                 "'%s' is not an obligation id of the catalog (see nis2 catalog --part obligations)",
                                 json_string_value(x));
                }
                if (add_ev_obl(g, ob, (uint32_t)i))
                    return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
            }
        }
    }
    if (named == 0) {
        snprintf(path, sizeof path, "$.evidence[%zu]", i);
        return failp(err, NIS2_ERR_INVALID_FIELD, path,
                     "an evidence item must name at least one control or obligation it supports");
    }
    return NIS2_OK;
}

static nis2_status parse_evidence(gap_in *g, const json_t *arr, nis2_error *err)
{
    if (!arr || json_is_null(arr))
        return NIS2_OK;
    if (!json_is_array(arr))
        return failp(err, NIS2_ERR_INVALID_FIELD, "$.evidence", "expected an array of evidence items");
    if (json_array_size(arr) > GAP_MAX_EVIDENCE)
        return failp(err, NIS2_ERR_LIMIT, "$.evidence", "more than %u items", GAP_MAX_EVIDENCE);
    g->ev = calloc(json_array_size(arr) + 1, sizeof *g->ev);
    if (!g->ev)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    size_t i;
    const json_t *e;
    nis2_status st = NIS2_OK;
    json_array_foreach(arr, i, e) {
        if ((st = ev_item(g, e, i, &g->ev[i], err)))
            return st;
    }
    g->n_ev = json_array_size(arr);
    return NIS2_OK;
}

/* Group the refs by control once (a stable counting sort), so that every look-up by control is a range. */
static nis2_status index_refs(gap_in *g)
{
    size_t n = g->iso->n_controls;
    if (g->n_refs >= UINT32_MAX)
        return NIS2_ERR_NOMEM;
    g->ref_start = calloc(n + 1, sizeof *g->ref_start);
    g->ref_ev = malloc((g->n_refs + 1) * sizeof *g->ref_ev);
    g->seen = calloc(g->n_ev + 1, sizeof *g->seen);
    g->list_ev = malloc((2 * g->n_ev + 1) * sizeof *g->list_ev);
    if (!g->ref_start || !g->ref_ev || !g->seen || !g->list_ev)
        return NIS2_ERR_NOMEM;
    for (size_t i = 0; i < g->n_refs; i++)
        g->ref_start[g->refs[i].control + 1]++;
    for (size_t c = 0; c < n; c++)
        g->ref_start[c + 1] += g->ref_start[c];
    uint32_t *fill = malloc((n + 1) * sizeof *fill);
    if (!fill)
        return NIS2_ERR_NOMEM;
    memcpy(fill, g->ref_start, (n + 1) * sizeof *fill);
    for (size_t i = 0; i < g->n_refs; i++)
        g->ref_ev[fill[g->refs[i].control]++] = g->refs[i].ev;
    free(fill);
    return NIS2_OK;
}

static bool has_fresh(const gap_in *g, uint32_t c)
{
    for (uint32_t i = g->ref_start[c]; i < g->ref_start[c + 1]; i++)
        if (!g->ev[g->ref_ev[i]].stale)
            return true;
    return false;
}

static void compute_levels(gap_in *g)
{
    const nis2i_iso *iso = g->iso;
    for (size_t c = 0; c < iso->n_controls; c++) {
        bool clause = iso->controls[c].kind != NIS2I_CK_ANNEX_A;
        bool cert = clause && g->cert_counts;
        uint8_t s = g->soa[c];
        if (s == SOA_EXCLUDED) {
            g->level[c] = LV_EXCLUDED;
            continue;
        }
        bool impl = s == SOA_IMPLEMENTED || (s == SOA_UNLISTED && cert);
        bool evid = cert || has_fresh(g, (uint32_t)c);
        g->level[c] = impl && evid ? LV_FULL : (impl || s == SOA_PARTIAL) ? LV_PART : LV_NONE;
    }
    /* headings, then clauses: the weakest of their parts (excluded parts do not count) */
    static const nis2i_ckind order[] = {NIS2I_CK_HEADING, NIS2I_CK_CLAUSE};
    for (size_t o = 0; o < 2; o++)
        for (size_t h = 0; h < iso->n_controls; h++) {
            const nis2i_control *ct = &iso->controls[h];
            if (ct->kind != order[o] || ct->n_children == 0)
                continue;
            uint8_t lv = LV_EXCLUDED;
            bool any = false;
            for (uint32_t k = 0; k < ct->n_children; k++) {
                uint8_t cl = g->level[iso->children[ct->first_child + k]];
                if (cl == LV_EXCLUDED)
                    continue;
                any |= cl != LV_NONE;
                if (lv == LV_EXCLUDED || cl < lv)
                    lv = cl;
            }
            if (lv == LV_NONE && any)
                lv = LV_PART;                /* some parts implemented: the heading is partly supported */
            g->level[h] = lv;
        }
}

/* ---------------------------------------------------------------- the report */

/* Current evidence of control c, in input order (one list per control, shared by every duty that links it). */
static const nis2i_gap_strs *fresh_ids(gap_in *g, nis2i_gap_result *res, uint32_t c)
{
    nis2i_gap_strs *f = &res->fresh[c];
    if (!f->v) {
        size_t n = 0;
        for (uint32_t i = g->ref_start[c]; i < g->ref_start[c + 1]; i++)
            n += !g->ev[g->ref_ev[i]].stale;
        f->v = nis2i_gap_result_alloc(res, n + 1, sizeof *f->v);
        for (uint32_t i = g->ref_start[c]; f->v && i < g->ref_start[c + 1]; i++)
            if (!g->ev[g->ref_ev[i]].stale)
                f->v[f->n++] = g->ev[g->ref_ev[i]].id;
    }
    return f;
}

/* Append evidence e to the list list[0..*n) unless it is in it already (evidence ids are unique, so this is
 * the same as comparing ids). One stamp per list: seen[e] == stamp means "in this list". */
static void add_unique(gap_in *g, uint32_t stamp, uint32_t *list, size_t *n, uint32_t e)
{
    if (g->seen[e] == stamp)
        return;
    g->seen[e] = stamp;
    list[(*n)++] = e;
}

/* The ids of evidence list[0..n) as a list owned by res. */
static nis2i_gap_strs ids_of(gap_in *g, nis2i_gap_result *res, const uint32_t *list, size_t n)
{
    nis2i_gap_strs s = {0};
    if (!n)
        return s;
    s.v = nis2i_gap_result_alloc(res, n, sizeof *s.v);
    for (size_t i = 0; s.v && i < n; i++)
        s.v[s.n++] = g->ev[list[i]].id;
    return s;
}

static nis2i_gap_pair pair_of(const nis2i_edge *e)
{
    return (nis2i_gap_pair){e->from_id, e->to_id, nis2i_rel_name(e->rel), e->source};
}

static int link_cmp(const void *a, const void *b)
{
    const nis2i_link *x = a, *y = b;
    return x->control < y->control ? -1 : x->control > y->control;
}

/* A short list "A.5.24 Title, A.5.26 Title and 3 more". */
static void control_list(nis2i_buf *b, const nis2i_iso *iso, const uint32_t *cs, size_t n)
{
    size_t shown = n > 6 ? 5 : n;
    for (size_t i = 0; i < shown; i++)
        nis2i_buf_printf(b, "%s%s %s", i ? (i + 1 == n ? " and " : ", ") : "", iso->controls[cs[i]].id,
                         iso->controls[cs[i]].title);
    if (shown < n)
        nis2i_buf_printf(b, " and %zu more", n - shown);
}

/* The open items of one duty, collected while it is assessed (texts in the result's arena). */
typedef struct open_list {
    const char **v;
    size_t n, cap;
    bool oom;
} open_list;

static void open_item(nis2i_gap_result *res, open_list *o, nis2i_buf *b)
{
    if (b->len && !b->oom) {
        if (o->n == o->cap) {
            size_t nc = o->cap ? o->cap * 2 : 8;
            const char **nv = realloc(o->v, nc * sizeof *nv);
            if (!nv) {
                o->oom = true;
                b->len = 0;
                return;
            }
            o->v = nv;
            o->cap = nc;
        }
        char *t = nis2i_gap_result_alloc(res, b->len + 1, 1);
        if (!t) {
            o->oom = true;
        } else {
            memcpy(t, b->data, b->len);      /* made of whole UTF-8 strings */
            o->v[o->n++] = t;
        }
    }
    b->len = 0;
}

/* The open items as a list owned by res. */
static nis2i_gap_strs open_take(open_list *o, nis2i_gap_result *res)
{
    nis2i_gap_strs s = {0};
    if (o->n) {
        s.v = nis2i_gap_result_alloc(res, o->n, sizeof *s.v);
        if (s.v) {
            memcpy(s.v, o->v, o->n * sizeof *s.v);
            s.n = o->n;
        }
    }
    free(o->v);
    memset(o, 0, sizeof *o);
    return s;
}

static void evidence_hint(nis2i_buf *b, const nis2i_obligation *ob)
{
    size_t n = json_array_size(ob->evidence), i;
    const json_t *v;
    if (!n)
        return;
    json_array_foreach(ob->evidence, i, v) {
        if (i == 3)
            break;
        nis2i_buf_printf(b, "%s%s", i ? "; " : "", json_string_value(v));
    }
}

typedef struct counts {
    size_t st[4];
    size_t specific_open;
    size_t not_assessed;         /* binding duties with nothing to assess as a gap (nature, displaced) */
    size_t not_bound;            /* duties of the Directive that do not bind the entity */
    size_t meas[4], inc[4];      /* Art. 21(2) measures and incident-reporting duties per status */
} counts;

/* The question a binding duty's gap belongs to. */
static nis2i_gap_q duty_question(const nis2i_obligation *ob)
{
    if (strncmp(ob->ref, "NIS2 Art. 21(2)(a)", 18) == 0)
        return NIS2I_Q_RISKS;
    if (strncmp(ob->ref, "NIS2 Art. 21(2)(d)", 18) == 0 || strncmp(ob->ref, "NIS2 Art. 21(3)", 15) == 0)
        return NIS2I_Q_SUPPLY;
    if (strncmp(ob->ref, "NIS2 Art. 21", 12) == 0)
        return NIS2I_Q_MEASURES;
    const char *g = ob->group ? ob->group : "";
    if (strcmp(g, "incident_reporting") == 0)
        return NIS2I_Q_INCIDENTS;
    if (strcmp(g, "governance") == 0)
        return NIS2I_Q_MANAGEMENT;
    return NIS2I_Q_OBLIGATIONS;
}

/* One finding per binding duty that is missing or partial: its question, weight and advice in words. */
static void duty_finding(nis2i_gap_findings *f, const nis2i_obligation *ob, bool missing)
{
    nis2i_gap_q q = duty_question(ob);
    nis2i_weight w = !missing ? NIS2I_W_PARTIAL
                     : q == NIS2I_Q_INCIDENTS ? NIS2I_W_REPORTING
                     : q == NIS2I_Q_MANAGEMENT ? NIS2I_W_ACCOUNTABILITY
                                               : NIS2I_W_DUTY;
    nis2i_buf a = {0};
    nis2i_buf_printf(&a, "%s: ", ob->title);
    if (missing)
        nis2i_buf_puts(&a, "show how the entity does this");
    else
        nis2i_buf_puts(&a, "complete what is open (controls to implement, evidence to add or renew)");
    if (json_array_size(ob->evidence)) {
        nis2i_buf_puts(&a, ", with evidence such as ");
        evidence_hint(&a, ob);
    }
    nis2i_buf_puts(&a, ".");
    nis2i_buf_put(&a, "", 1);
    if (a.oom) {
        f->oom = true;
    } else {
        nis2i_gap_find(f, q, w, missing, 0, ob->ref, ob->id, NULL, a.data,
                       missing ? "%s: not shown: no implemented control with current evidence and no evidence item "
                                 "supports it."
                               : "%s: shown only in part.",
                       ob->title);
    }
    nis2i_buf_free(&a);
}

static char *buf_take(nis2i_buf *b)
{
    nis2i_buf_put(b, "", 1);
    if (b->oom) {
        nis2i_buf_free(b);
        return NULL;
    }
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}
/* The short answer to each of the seven questions (the findings say what is open). */
static void write_answers(char *out[NIS2I_Q_N], const nis2i_gap_isms *m, const nis2i_ob_list *list,
                          const nis2_result *r, bool with_ir, const counts *c)
{
    nis2i_buf b = {0};
    const char *cat = list->category ? list->category : nis2_result_category(r, 0);
    const char *by = nis2_result_decided_by(r, 0);
    const char *law = list->law ? list->law : nis2_result_law(r);
    if (cat && (strcmp(cat, "essential") == 0 || strcmp(cat, "important") == 0))
        nis2i_buf_printf(&b, "%s entity%s%s%s under %s; Implementing Regulation (EU) 2024/2690 %s.",
                         cat[0] == 'e' ? "Essential" : "Important", by ? " (" : "", by ? by : "", by ? ")," : ",", law,
                         with_ir ? "applies to it" : "does not apply to it");
    else
        nis2i_buf_printf(&b, "Not covered as an essential or important entity (category %s%s%s%s under %s): no duty "
                             "of the Directive binds it.",
                         cat ? cat : "undetermined", by ? ", " : "", by ? by : "", by ? "," : "", law);
    out[NIS2I_Q_SCOPE] = buf_take(&b);
    size_t binding = list->n, assessed = binding - c->not_assessed;
    nis2i_buf_printf(&b, "%zu duties bind it (the list nis2 obligations gives): %zu assessed here and %zu with nothing "
                         "to assess as a gap (optional, encouraged, conditional, a legal status or displaced; each "
                         "is listed with its reason). %zu other duties of the Directive do not bind it.",
                     binding, assessed, c->not_assessed, c->not_bound);
    out[NIS2I_Q_OBLIGATIONS] = buf_take(&b);
    nis2i_buf_printf(&b, "NIS2 Art. 21(2)(a)-(j)%s: %zu measures covered, %zu partial, %zu missing.",
                     with_ir ? " as detailed by the IR 2024/2690 Annex" : "", c->meas[ST_COVERED],
                     c->meas[ST_PARTIAL], c->meas[ST_MISSING]);
    out[NIS2I_Q_MEASURES] = buf_take(&b);
    nis2i_buf_printf(&b, "Incident reporting (NIS2 Art. 23 and the duties around it): %zu duties covered, %zu partial, "
                         "%zu missing; incident handling itself is measure (b), under question 3.",
                     c->inc[ST_COVERED], c->inc[ST_PARTIAL], c->inc[ST_MISSING]);
    out[NIS2I_Q_INCIDENTS] = buf_take(&b);
    const char *dir = with_ir ? "" : " These checks come from the Directive alone: the IR 2024/2690 Annex does not "
                                     "bind this entity.";
    if (m->has_management_body) {
        size_t trained = 0;
        for (size_t i = 0; i < m->n_members; i++)
            trained += m->members[i].trained_on != 0;
        nis2i_buf_printf(&b, "Management body: %zu members (%zu with training recorded), %zu approvals, %zu "
                             "oversight records",
                         m->n_members, trained, m->n_approvals, m->n_oversight);
        if (m->security_reporter)
            nis2i_buf_printf(&b, "; %s reports to it directly on security", m->security_reporter);
        nis2i_buf_printf(&b, ".%s", dir);
    } else {
        nis2i_buf_printf(&b, "No management-body records were given.%s", dir);
    }
    out[NIS2I_Q_MANAGEMENT] = buf_take(&b);
    if (m->has_risks) {
        size_t high = 0, accepted = 0;
        for (size_t i = 0; i < m->n_risks; i++) {
            high += m->risks[i].level >= NIS2I_RL_HIGH;
            accepted += m->risks[i].treatment == NIS2I_TR_ACCEPT;
        }
        nis2i_buf_printf(&b, "Risk register: %zu risks, %zu high or critical, %zu accepted.%s", m->n_risks, high,
                         accepted, dir);
    } else {
        nis2i_buf_printf(&b, "No risk register was given.%s", dir);
    }
    out[NIS2I_Q_RISKS] = buf_take(&b);
    if (m->has_suppliers) {
        size_t crit = 0;
        for (size_t i = 0; i < m->n_suppliers; i++)
            crit += m->suppliers[i].critical;
        nis2i_buf_printf(&b, "Supplier register: %zu direct suppliers and service providers, %zu critical.",
                         m->n_suppliers, crit);
    } else {
        nis2i_buf_puts(&b, "No supplier register was given.");
    }
    nis2i_buf_printf(&b, " Union coordinated risk assessments of critical supply chains (NIS2 Art. 22): none is "
                         "recorded in the catalog; where one concerns these suppliers, take its results into "
                         "account%s.%s",
                     with_ir ? " (IR 2024/2690 Annex 5.1.3)" : "", dir);
    out[NIS2I_Q_SUPPLY] = buf_take(&b);
}


/* Set the fields every duty of the report has. */
static void duty_head(nis2i_gap_duty *d, const nis2i_obligation *ob)
{
    d->id = ob->id;
    d->ref = ob->ref;
    d->title = ob->title;
    d->group = ob->group ? ob->group : "";
    d->nature = ob->nature ? ob->nature : "mandatory";
}

static nis2_status assess(gap_in *g, nis2i_gap_result *res, const nis2i_obligation *ob, const nis2i_ob_item *item,
                          bool with_ir, nis2i_gap_duty *d, size_t ctl[3], nis2_error *err)
{
    const nis2_ctx *ctx = g->ctx;
    const nis2i_iso *iso = g->iso;
    nis2i_links links = {0};
    nis2_status st = nis2i_iso_resolve(ctx, ob->id, with_ir, &links, err);
    if (st)
        return st;
    if (links.n)
        qsort(links.items, links.n, sizeof *links.items, link_cmp);
    duty_head(d, ob);
    d->assessed = true;
    d->controls = links.n ? nis2i_gap_result_alloc(res, links.n, sizeof *d->controls) : NULL;
    open_list open = {0};
    /* stale and direct evidence as evidence indices, each once, in the order first met; an item is either stale
     * or not, so it can only ever be in one of the two lists and one stamp serves both */
    uint32_t stamp = ++g->stamp;
    uint32_t *stale_ev = g->list_ev, *direct_ev = g->list_ev + g->n_ev;
    size_t n_stale = 0, n_direct = 0;
    nis2i_rel best = NIS2I_REL_NONE;
    size_t n_usable = 0, n_full = 0, n_part = 0, n_strong = 0, n_strong_full = 0;
    uint32_t *bucket[6];                                   /* per deficiency: control indices */
    size_t nb[6] = {0};
    bool oom = false;
    for (size_t k = 0; k < 6; k++)
        oom |= !(bucket[k] = calloc(links.n + 1, sizeof(uint32_t)));
    for (size_t i = 0; i < links.n && !oom && d->controls; i++) {
        const nis2i_link *lk = &links.items[i];
        uint32_t c = lk->control;
        uint8_t lv = g->level[c];
        nis2i_gap_ctl *cv = &d->controls[d->n_controls++];
        cv->control = c;
        cv->id = iso->controls[c].id;
        cv->title = iso->controls[c].title;
        cv->rel = nis2i_rel_name(lk->rel);
        cv->source = iso->edges[lk->path[lk->path_len - 1]].source;
        cv->soa = soa_names[g->soa[c]];
        cv->support = level_names[lv];
        fresh_ids(g, res, c);
        cv->pairs = nis2i_gap_result_alloc(res, lk->path_len, sizeof *cv->pairs);
        for (uint32_t p = 0; cv->pairs && p < lk->path_len; p++)
            cv->pairs[cv->n_pairs++] = pair_of(&iso->edges[lk->path[p]]);
        for (uint32_t r = g->ref_start[c]; r < g->ref_start[c + 1]; r++)
            if (g->ev[g->ref_ev[r]].stale)
                add_unique(g, stamp, stale_ev, &n_stale, g->ref_ev[r]);
        if (lv == LV_EXCLUDED) {
            bucket[5][nb[5]++] = c;
            continue;
        }
        n_usable++;
        if (lk->rel > best)
            best = lk->rel;
        if (lk->rel >= NIS2I_REL_SUBSET) {
            n_strong++;
            n_strong_full += lv == LV_FULL;
        }
        if (lv == LV_FULL) {
            n_full++;
            continue;
        }
        if (lv == LV_PART)
            n_part++;
        uint8_t s = g->soa[c];
        size_t k = lv == LV_PART ? (s == SOA_PARTIAL ? 1 : 0) : s == SOA_PLANNED ? 2 : s == SOA_NOT_IMPLEMENTED ? 3 : 4;
        bucket[k][nb[k]++] = c;
    }
    if (links.n && (!d->controls || d->n_controls < links.n))
        oom = true;
    /* direct evidence: names the duty or a national duty attached to it */
    for (size_t i = 0; i + 1 < g->n_ev_obl; i += 2) {
        const nis2i_obligation *named = &ctx->obl->items[g->ev_obl[i]];
        bool match = named == ob;
        for (size_t k = 0; item && k < item->national_n && !match; k++)
            match = g->ev_obl[i] == item->national[k];
        if (!match)
            continue;
        uint32_t e = g->ev_obl[i + 1];
        if (g->ev[e].stale)
            add_unique(g, stamp, stale_ev, &n_stale, e);
        else
            add_unique(g, stamp, direct_ev, &n_direct, e);
    }
    bool specific = ob->nis2_specific || n_usable + nb[5] == 0;
    bool has_direct = n_direct > 0;
    nis2i_gap_st s;
    if (specific)
        s = has_direct ? NIS2I_GS_COVERED : (n_full + n_part) ? NIS2I_GS_PARTIAL : NIS2I_GS_MISSING;
    else if ((n_strong && n_strong == n_strong_full) || (has_direct && n_usable && n_full == n_usable))
        s = NIS2I_GS_COVERED;
    else
        s = (n_full + n_part || has_direct) ? NIS2I_GS_PARTIAL : NIS2I_GS_MISSING;

    nis2i_buf b = {0};
    if (s != NIS2I_GS_COVERED && !oom) {
        if (specific) {
            nis2i_buf_printf(&b, "%s: no ISO/IEC 27001 control covers this duty (%s)", ob->ref, ob->title);
            if (n_full + n_part)
                nis2i_buf_printf(&b, "; the ISMS supports it only in part");
            if (json_array_size(ob->evidence)) {
                nis2i_buf_puts(&b, ". Show it with evidence such as ");
                evidence_hint(&b, ob);
                nis2i_buf_printf(&b, "; list that evidence under the duty's id %s.", ob->id);
            } else {
                nis2i_buf_printf(&b, ". Keep evidence of how the entity does this; list it under the duty's id %s.",
                                 ob->id);
            }
            open_item(res, &open, &b);
        } else if (n_usable == 0) {
            nis2i_buf_printf(&b, "Every ISO/IEC 27001 control linked to %s is excluded in the SoA, yet the duty binds "
                                 "the entity: an auditor expects the exclusion justified by the risk assessment%s.",
                             ob->ref, with_ir ? " and documented under IR 2024/2690 Art. 2(2)" : "");
            open_item(res, &open, &b);
        }
        static const char *const lead[] = {
            "Implemented but without current evidence", "Only partly implemented in the SoA", "Planned, not yet implemented",
            "Not implemented", "Not in the Statement of Applicability"};
        for (size_t k = 0; k < 5; k++) {
            if (!nb[k])
                continue;
            nis2i_buf_printf(&b, "%s: ", lead[k]);
            control_list(&b, iso, bucket[k], nb[k]);
            nis2i_buf_printf(&b, " (%s).", ob->ref);
            open_item(res, &open, &b);
        }
        if (!specific && n_usable && !n_strong && !has_direct) {
            nis2i_buf_printf(&b, "ISO/IEC 27001 covers %s only in part (strongest link: %s); show the NIS2-specific "
                                 "remainder with evidence",
                             ob->ref, nis2i_rel_name(best));
            if (json_array_size(ob->evidence)) {
                nis2i_buf_puts(&b, " such as ");
                evidence_hint(&b, ob);
            }
            nis2i_buf_printf(&b, "; list it under the duty's id %s.", ob->id);
            open_item(res, &open, &b);
        }
    }
    if (nb[5] && n_usable && !oom) {
        nis2i_buf_puts(&b, "Excluded in the SoA although linked to a binding duty: ");
        control_list(&b, iso, bucket[5], nb[5]);
        nis2i_buf_printf(&b, " (%s): keep the justification on file.", ob->ref);
        open_item(res, &open, &b);
    }
    if (n_stale && !oom) {
        nis2i_buf_puts(&b, "Stale evidence does not count: ");
        for (size_t i = 0; i < n_stale; i++) {
            const gap_ev *ev = &g->ev[stale_ev[i]];
            if (i)
                nis2i_buf_put(&b, ", ", 2);
            nis2i_buf_puts(&b, ev->id);
            nis2i_buf_put(&b, " (", 2);
            nis2i_buf_puts(&b, ev->why);
            nis2i_buf_put(&b, ")", 1);
        }
        nis2i_buf_puts(&b, "; renew it.");
        open_item(res, &open, &b);
    }
    oom |= b.oom || open.oom;
    nis2i_buf_free(&b);
    for (size_t k = 0; k < 6; k++)
        free(bucket[k]);

    d->status = (uint8_t)s;
    d->nis2_specific = specific;
    if (links.n_none) {
        d->has_none = true;
        d->none = nis2i_gap_result_alloc(res, links.n_none, sizeof *d->none);
        for (size_t i = 0; d->none && i < links.n_none; i++)
            d->none[d->n_none++] = pair_of(&iso->edges[links.none_edges[i]]);
    }
    d->evidence = ids_of(g, res, direct_ev, n_direct);
    d->stale = ids_of(g, res, stale_ev, n_stale);
    d->open = open_take(&open, res);
    if (item && item->national_n) {
        d->has_national = true;
        d->national.v = nis2i_gap_result_alloc(res, item->national_n, sizeof *d->national.v);
        for (size_t k = 0; d->national.v && k < item->national_n; k++)
            d->national.v[d->national.n++] = ctx->obl->items[item->national[k]].id;
    }
    nis2i_links_free(&links);
    ctl[0] = n_usable;
    ctl[1] = n_full;
    ctl[2] = n_part;
    if (oom || res->oom)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    return NIS2_OK;
}

/* Duties whose nature means that not doing them is no gap: why, or NULL for a duty to assess. */
static const char *nature_not_a_gap(const char *nature)
{
    static const struct {
        const char *nature, *why;
    } table[] = {
        {"optional", "optional: the entity may do this, so not doing it is no gap"},
        {"status", "a legal status (liability of the management body), not an action: there is nothing to evidence"},
        {"member_state_option", "binds only where the Member State makes it a requirement; no such national requirement is recorded"},
        {"conditional", "binds only when its condition is met (see the obligation's condition); not assessed as a gap"},
    };
    if (!nature)
        return NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].nature, nature) == 0)
            return table[i].why;
    return NULL;
}

static void not_applicable(nis2i_gap_duty *d, const nis2i_obligation *ob, const char *why)
{
    duty_head(d, ob);
    d->status = NIS2I_GS_NA;
    d->nis2_specific = ob->nis2_specific;
    d->reason = why;
}

static void group_count(nis2i_gap_result *res, size_t cap, const char *group, nis2i_gap_st s)
{
    size_t i = 0;
    while (i < res->n_groups && strcmp(res->groups[i].group, group) != 0)
        i++;
    if (i == res->n_groups) {
        if (i == cap)
            return;              /* cannot happen: one group per duty at most */
        res->groups[res->n_groups++].group = group;
    }
    res->groups[i].st[s]++;
}

static bool entity_ir(const nis2_entity *e)
{
    for (size_t i = 0; i < e->n_types; i++)
        if (e->ctx->etypes[e->types[i]].flags & NIS2I_ET_IR)
            return true;
    return false;
}

/* The input document into g (SoA, certificate, evidence), *e (the entity, classified into *r) and *isms. */
static nis2_status parse_input(gap_in *g, const json_t *in, nis2_entity **e_out, nis2_result **r_out,
                               nis2i_gap_isms *isms, nis2_error *err)
{
    static const char *const keys[] = {"schema",   "entity",          "as_of", "soa",       "certificate",
                                       "evidence", "management_body", "risks", "suppliers", NULL};
    const nis2_ctx *ctx = g->ctx;
    if (!json_is_object(in))
        return failp(err, NIS2_ERR_INVALID_FIELD, "$",
                     "expected a gap-report input object (lib/schema/FORMATS.md §gap-report)");
    nis2_status st = check_keys(in, "$", keys, err);
    if (st)
        return st;
    const json_t *schema = json_object_get(in, "schema");
    if (schema && !(json_is_integer(schema) && json_integer_value(schema) == 1))
        return failp(err, NIS2_ERR_INVALID_FIELD, "$.schema", "expected 1 (this library reads schema 1)");
    if ((st = date_field(in, "as_of", "$", true, &g->as_of, err)))
        return st;
    fmt_date(g->as_of, g->as_of_text);
    const json_t *ev = json_object_get(in, "entity");
    if (!ev || json_is_null(ev))
        return failp(err, NIS2_ERR_MISSING_FIELD, "$.entity",
                     "the entity (lib/schema/FORMATS.md §entity) is required: it decides which duties bind");
    if ((st = nis2i_entity_from_value(ctx, ev, "$.entity", e_out, err)) || (st = nis2_classify(ctx, *e_out, r_out, err)))
        return st;
    if ((st = parse_soa(g, json_object_get(in, "soa"), err)) ||
        (st = parse_certificate(g, json_object_get(in, "certificate"), err)) ||
        (st = parse_evidence(g, json_object_get(in, "evidence"), err)) ||
        (st = nis2i_gap_isms_from_value(ctx, in, &g->ev_index, isms, err)))
        return st;
    return NIS2_OK;
}

/* The decisions over the typed input: g (SoA, certificate, evidence), the classified entity e and the ISMS
 * records, into res. */
static nis2_status decide(gap_in *g, const nis2_entity *e, const nis2_result *r, const nis2i_gap_isms *isms_in,
                          nis2i_gap_result *res, nis2_error *err)
{
    const nis2_ctx *ctx = g->ctx;
    const nis2i_gap_isms isms = *isms_in;  /* read only */
    nis2_status st = NIS2_OK;
    nis2i_ob_list list = {0};
    uint8_t *bound = NULL;
    bool *impl = NULL;
    if (index_refs(g)) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    expand_soa(g);
    compute_levels(g);
    if ((st = nis2i_obligations_select(ctx, e, r, &list, err)))
        goto done;

    bool with_ir = entity_ir(e);
    const nis2i_obltab *tab = ctx->obl;
    size_t max_duties = list.n + tab->n_directive;
    bound = calloc(tab->n + 1, 1);
    res->n_controls = g->iso->n_controls;
    res->fresh = nis2i_gap_result_alloc(res, g->iso->n_controls + 1, sizeof *res->fresh);
    res->duties = nis2i_gap_result_alloc(res, max_duties + 1, sizeof *res->duties);
    res->measures = nis2i_gap_result_alloc(res, list.n + 1, sizeof *res->measures);
    res->groups = nis2i_gap_result_alloc(res, max_duties + 1, sizeof *res->groups);
    if (!bound || res->oom) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    counts cnt = {0};
    nis2i_gap_findings *fnd = &res->findings;
    for (size_t i = 0; i < list.n && !st; i++) {
        const nis2i_ob_item *it = &list.items[i];
        const nis2i_obligation *ob = &tab->items[it->ob];
        bound[it->ob] = 1;
        nis2i_gap_duty *d = &res->duties[res->n_duties++];
        size_t ctl[3] = {0};
        if (it->displaced_by) {
            char why[256];
            snprintf(why, sizeof why, "displaced for this entity by %s (NIS2 Art. 4)", it->displaced_by);
            not_applicable(d, ob, nis2i_gap_result_strdup(res, why));
        } else if (nature_not_a_gap(ob->nature)) {
            not_applicable(d, ob, nature_not_a_gap(ob->nature));
        } else if ((st = assess(g, res, ob, it, with_ir, d, ctl, err))) {
            break;
        } else if (ob->nature && strcmp(ob->nature, "encouraged") == 0 && d->status != NIS2I_GS_COVERED) {
            /* encouraged, not required: assessed (covered shows as covered), never a gap */
            d->reason = d->status == NIS2I_GS_PARTIAL ? "encouraged, not required: the ISMS supports it in "
                                                        "part; not doing it is no gap"
                                                      : "encouraged, not required: not doing it is no gap";
            d->reason_after_open = true;
            d->open.n = 0;
            d->status = NIS2I_GS_NA;
        }
        nis2i_gap_st s = (nis2i_gap_st)d->status;
        d->applies_because = nis2i_gap_result_strdup(res, nis2i_ob_because(&list, i));
        d->binds = true;
        cnt.st[s]++;
        if (s == NIS2I_GS_NA)
            cnt.not_assessed++;
        else if (s != NIS2I_GS_COVERED)
            duty_finding(fnd, ob, s == NIS2I_GS_MISSING);
        if (strncmp(ob->ref, "NIS2 Art. 21(2)(", 16) == 0)
            cnt.meas[s]++;
        if (ob->group && strcmp(ob->group, "incident_reporting") == 0)
            cnt.inc[s]++;
        if (s != NIS2I_GS_COVERED && s != NIS2I_GS_NA && d->nis2_specific)
            cnt.specific_open++;
        group_count(res, max_duties, ob->group ? ob->group : "other", s);
        if (strncmp(ob->ref, "NIS2 Art. 21(2)(", 16) == 0 && s != NIS2I_GS_NA)
            res->measures[res->n_measures++] =
                (nis2i_gap_measure){ob->id, ob->ref, ob->title, (uint8_t)s, ctl[0], ctl[1], ctl[2]};
    }
    for (size_t i = 0; i < tab->n_directive && !st; i++) {
        if (bound[i])
            continue;
        const nis2i_obligation *ob = &tab->items[i];
        char why[200];
        snprintf(why, sizeof why, "does not bind a %s entity with these activities", list.category ? list.category : "?");
        nis2i_gap_duty *d = &res->duties[res->n_duties++];
        not_applicable(d, ob, nis2i_gap_result_strdup(res, why));
        d->binds = false;
        cnt.st[NIS2I_GS_NA]++;
        cnt.not_bound++;
        group_count(res, max_duties, ob->group ? ob->group : "other", NIS2I_GS_NA);
    }
    if (st)
        goto done;
    /* questions 5-7: the checks over the ISMS records; then the seven questions and the action list */
    impl = calloc(ctx->iso->n_controls + 1, sizeof *impl);
    if (!impl)
        fnd->oom = true;
    for (size_t c = 0; impl && c < ctx->iso->n_controls; c++)
        impl[c] = g->soa[c] == SOA_IMPLEMENTED ||
                  (g->soa[c] == SOA_UNLISTED && g->cert_counts && ctx->iso->controls[c].kind != NIS2I_CK_ANNEX_A);
    nis2i_gap_check_isms(&isms, g->as_of, with_ir, impl, fnd);
    write_answers(res->answers, &isms, &list, r, with_ir, &cnt);
    bool oom = fnd->oom || res->oom;
    for (size_t q = 0; q < NIS2I_Q_N; q++)
        oom |= !res->answers[q];
    res->order = malloc((fnd->n + 1) * sizeof *res->order);
    res->rank = malloc((fnd->n + 1) * sizeof *res->rank);
    if (oom || !res->order || !res->rank) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    nis2i_gap_prioritise(fnd, res->order);
    for (size_t i = 0; i < fnd->n; i++)
        res->rank[res->order[i]] = i + 1;

    memcpy(res->as_of, g->as_of_text, sizeof res->as_of);
    res->name = nis2i_gap_result_strdup(res, e->name);
    res->country = nis2i_gap_result_strdup(res, e->country);
    res->category = nis2i_gap_result_strdup(res, list.category ? list.category : nis2_result_category(r, 0));
    res->decided_by = nis2i_gap_result_strdup(res, nis2_result_decided_by(r, 0));
    res->law = nis2i_gap_result_strdup(res, list.law ? list.law : nis2_result_law(r));
    res->ir_2024_2690 = with_ir;
    memcpy(res->st, cnt.st, sizeof res->st);
    res->assessed = cnt.st[NIS2I_GS_COVERED] + cnt.st[NIS2I_GS_PARTIAL] + cnt.st[NIS2I_GS_MISSING];
    res->specific_open = cnt.specific_open;
    res->evidence_items = g->n_ev;
    res->binding = list.n;
    res->binding_not_assessed = cnt.not_assessed;
    res->has_cert = g->has_cert;
    if (g->has_cert) {
        res->cert_standard = nis2i_gap_result_strdup(res, g->cert_standard);
        res->cert_body = nis2i_gap_result_strdup(res, g->cert_body);
        res->cert_status = g->cert_status;
        fmt_date(g->cert_until, res->cert_valid_until);
        res->cert_scope = g->cert_scope;
        res->cert_counts = g->cert_counts;
    }
    size_t n_stale = 0;
    for (size_t i = 0; i < g->n_ev; i++)
        n_stale += g->ev[i].stale;
    res->stale_evidence = n_stale;
    res->stale_items = nis2i_gap_result_alloc(res, n_stale + 1, sizeof *res->stale_items);
    for (size_t i = 0; res->stale_items && i < g->n_ev; i++)
        if (g->ev[i].stale)
            res->stale_items[res->n_stale_items++] =
                (nis2i_gap_stale){g->ev[i].id, g->ev[i].title, nis2i_gap_result_strdup(res, g->ev[i].why)};
    res->library_version = NIS2_VERSION_STRING;
    res->catalog_version = ctx->catalog_version;
    res->ctx = ctx;
    if (res->oom)
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
done:
    free(bound);
    free(impl);
    nis2i_ob_list_free(&list);
    return st;
}

static nis2_status build(gap_in *g, const json_t *in, nis2i_gap_result *res, nis2_error *err)
{
    nis2_entity *e = NULL;
    nis2_result *r = NULL;
    nis2i_gap_isms isms = {0};
    nis2_status st = parse_input(g, in, &e, &r, &isms, err);
    if (!st)
        st = decide(g, e, r, &isms, res, err);
    nis2i_gap_isms_free(&isms);
    nis2_result_free(r);
    nis2_entity_free(e);
    return st;
}

nis2_status nis2i_gap_compute(const nis2_ctx *ctx, const json_t *in, nis2i_gap_result *out, nis2_error *err)
{
    memset(out, 0, sizeof *out);
    if (!ctx->iso || !ctx->obl)
        return nis2i_fail(err, NIS2_ERR_NOT_FOUND, NULL, "the catalog has no ISO/IEC 27001 controls or no obligations");
    gap_in g = {.ctx = ctx, .iso = ctx->iso};
    size_t n = ctx->iso->n_controls;
    g.soa = calloc(n, 1);
    g.soa_direct = calloc(n, 1);
    g.level = calloc(n, 1);
    nis2_status st;
    if (!g.soa || !g.soa_direct || !g.level)
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    else
        st = build(&g, in, out, err);
    free(g.soa);
    free(g.soa_direct);
    free(g.level);
    free(g.ev);
    free(g.refs);
    free(g.ref_start);
    free(g.ref_ev);
    free(g.seen);
    free(g.list_ev);
    free(g.ev_obl);
    nis2i_map_free(&g.ev_index);
    if (st)
        nis2i_gap_result_free(out);
    return st;
}

nis2_status nis2i_gap_report(const nis2_ctx *ctx, const json_t *in, json_t **out, nis2_error *err)
{
    *out = NULL;
    nis2i_gap_result res;
    nis2_status st = nis2i_gap_compute(ctx, in, &res, err);
    if (st)
        return st;
    st = nis2i_gap_result_value(&res, out, err);
    nis2i_gap_result_free(&res);
    return st;
}

/* ---------------------------------------------------------------- one entry at a time (the typed builder) */

struct nis2i_gap_checker {
    gap_in g;                    /* the typed input so far: soa_direct, ev[0..n_ev), refs, ev_obl, the certificate */
    size_t cap_ev;
    int32_t *where;              /* per control: 1 + the index of the SoA entry that listed it */
    int32_t *backup;             /* where[] before the entry being checked (restored when it fails) */
    nis2i_map ids;               /* evidence ids accepted so far (keys borrowed from the builder's entries) */
    size_t n_soa;
    nis2i_gap_isms m;            /* the records' flags and security reporter; allocator of their lists */
    nis2i_mb_member *members;
    nis2i_mb_record *approvals, *oversight;
    nis2i_risk *risks;
    nis2i_supplier *suppliers;
    size_t n_members, n_approvals, n_oversight, n_risks, n_suppliers;
};

nis2_status nis2i_gap_checker_new(const nis2_ctx *ctx, int32_t as_of, nis2i_gap_checker **out, nis2_error *err)
{
    *out = NULL;
    if (!ctx->iso || !ctx->obl)
        return nis2i_fail(err, NIS2_ERR_NOT_FOUND, NULL, "the catalog has no ISO/IEC 27001 controls or no obligations");
    nis2i_gap_checker *c = calloc(1, sizeof *c);
    size_t n = ctx->iso->n_controls;
    if (c) {
        c->g.ctx = ctx;
        c->g.iso = ctx->iso;
        c->g.as_of = as_of;
        fmt_date(as_of, c->g.as_of_text);
        c->g.soa_direct = calloc(n + 1, 1);
        c->where = calloc(n + 1, sizeof *c->where);
        c->backup = calloc(n + 1, sizeof *c->backup);
    }
    if (!c || !c->g.soa_direct || !c->where || !c->backup) {
        nis2i_gap_checker_free(c);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    *out = c;
    return NIS2_OK;
}

void nis2i_gap_checker_free(nis2i_gap_checker *c)
{
    if (!c)
        return;
    free(c->g.soa_direct);
    free(c->g.ev);
    free(c->g.refs);
    free(c->g.ev_obl);
    nis2i_map_free(&c->g.ev_index);
    nis2i_map_free(&c->ids);
    free(c->where);
    free(c->backup);
    nis2i_gap_isms_free(&c->m);
    free(c->members);
    free(c->approvals);
    free(c->oversight);
    free(c->risks);
    free(c->suppliers);
    free(c);
}

nis2_status nis2i_gap_checker_soa(nis2i_gap_checker *c, const json_t *e, nis2_error *err)
{
    if (c->n_soa >= GAP_MAX_SOA)
        return failp(err, NIS2_ERR_LIMIT, "$.soa", "more than %u entries", GAP_MAX_SOA);
    size_t n = c->g.iso->n_controls;
    memcpy(c->backup, c->where, n * sizeof *c->where);
    nis2_status st = soa_entry(&c->g, e, c->n_soa, c->where, err);
    if (st)
        memcpy(c->where, c->backup, n * sizeof *c->where);
    else
        c->n_soa++;
    return st;
}

nis2_status nis2i_gap_checker_certificate(nis2i_gap_checker *c, const json_t *cert, nis2_error *err)
{
    gap_in before = c->g;        /* the certificate fields, restored when the new one is rejected */
    nis2_status st = parse_certificate(&c->g, cert, err);
    if (st) {
        c->g.has_cert = before.has_cert;
        c->g.cert_counts = before.cert_counts;
        c->g.cert_standard = before.cert_standard;
        c->g.cert_body = before.cert_body;
        c->g.cert_status = before.cert_status;
        c->g.cert_until = before.cert_until;
        c->g.cert_scope = before.cert_scope;
    }
    return st;
}

nis2_status nis2i_gap_checker_evidence(nis2i_gap_checker *c, const json_t *e, nis2_error *err)
{
    gap_in *g = &c->g;
    if (g->n_ev >= GAP_MAX_EVIDENCE)
        return failp(err, NIS2_ERR_LIMIT, "$.evidence", "more than %u items", GAP_MAX_EVIDENCE);
    const json_t *id = json_object_get(e, "id");
    uint32_t prev;
    if (json_is_string(id) && json_string_length(id) && nis2i_map_get(&c->ids, json_string_value(id), &prev)) {
        char path[160];
        snprintf(path, sizeof path, "$.evidence[%zu].id", g->n_ev);
        return failp(err, NIS2_ERR_INVALID_FIELD, path, "evidence id '%s' is used twice", json_string_value(id));
    }
    if (g->n_ev == c->cap_ev) {
        size_t nc = c->cap_ev ? c->cap_ev * 2 : 16;
        gap_ev *n = realloc(g->ev, nc * sizeof *n);
        if (!n)
            return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        g->ev = n;
        c->cap_ev = nc;
    }
    size_t n_refs = g->n_refs, n_ev_obl = g->n_ev_obl;
    gap_ev *ev = &g->ev[g->n_ev];
    memset(ev, 0, sizeof *ev);
    nis2i_map_free(&g->ev_index);  /* a map per item: the persistent one is c->ids, filled on success only */
    memset(&g->ev_index, 0, sizeof g->ev_index);
    nis2_status st = ev_item(g, e, g->n_ev, ev, err);
    if (!st && nis2i_map_put(&c->ids, ev->id, (uint32_t)g->n_ev) < 0)
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    if (st) {
        g->n_refs = n_refs;      /* the rejected item leaves no reference behind */
        g->n_ev_obl = n_ev_obl;
        return st;
    }
    g->n_ev++;
    return NIS2_OK;
}

/* Append the record r (size bytes) to *list of *n entries (grown by one). */
static bool append(void **list, size_t *n, const void *r, size_t size)
{
    void *nl = realloc(*list, (*n + 1) * size);
    if (!nl)
        return false;
    memcpy((char *)nl + *n * size, r, size);
    *list = nl;
    (*n)++;
    return true;
}

nis2_status nis2i_gap_checker_record(nis2i_gap_checker *c, nis2i_gap_rec kind, const json_t *e, const char *base,
                                     nis2_error *err)
{
    union {
        nis2i_mb_member member;
        nis2i_mb_record record;
        nis2i_risk risk;
        nis2i_supplier supplier;
    } x;
    memset(&x, 0, sizeof x);
    nis2_status st = nis2i_gap_isms_parse_entry(c->g.ctx, kind, e, base, &c->ids, &c->m, &x, err);
    if (st)
        return st;
    bool ok;
    switch (kind) {
    case NIS2I_GREC_MEMBER: ok = append((void **)&c->members, &c->n_members, &x.member, sizeof x.member); break;
    case NIS2I_GREC_APPROVAL: ok = append((void **)&c->approvals, &c->n_approvals, &x.record, sizeof x.record); break;
    case NIS2I_GREC_OVERSIGHT: ok = append((void **)&c->oversight, &c->n_oversight, &x.record, sizeof x.record); break;
    case NIS2I_GREC_RISK: ok = append((void **)&c->risks, &c->n_risks, &x.risk, sizeof x.risk); break;
    default: ok = append((void **)&c->suppliers, &c->n_suppliers, &x.supplier, sizeof x.supplier); break;
    }
    if (!ok)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    if (kind == NIS2I_GREC_RISK)
        c->m.has_risks = true;
    else if (kind == NIS2I_GREC_SUPPLIER)
        c->m.has_suppliers = true;
    else
        c->m.has_management_body = true;
    return NIS2_OK;
}

void nis2i_gap_checker_security_reporter(nis2i_gap_checker *c, const char *who)
{
    c->m.security_reporter = who;
    c->m.has_management_body = true;
}

nis2_status nis2i_gap_compute_typed(const nis2i_gap_checker *c, const nis2_entity *e, nis2i_gap_result *out,
                                    nis2_error *err)
{
    memset(out, 0, sizeof *out);
    const nis2_ctx *ctx = c->g.ctx;
    const gap_in *in = &c->g;
    size_t n = ctx->iso->n_controls;
    gap_in g = {.ctx = ctx, .iso = ctx->iso, .as_of = in->as_of, .n_ev = in->n_ev, .n_refs = in->n_refs,
                .cap_refs = in->n_refs, .n_ev_obl = in->n_ev_obl, .cap_ev_obl = in->n_ev_obl,
                .cert_counts = in->cert_counts, .has_cert = in->has_cert, .cert_standard = in->cert_standard,
                .cert_body = in->cert_body, .cert_status = in->cert_status, .cert_until = in->cert_until,
                .cert_scope = in->cert_scope};
    memcpy(g.as_of_text, in->as_of_text, sizeof g.as_of_text);
    g.soa = calloc(n, 1);
    g.soa_direct = malloc(n + 1);
    g.level = calloc(n, 1);
    g.ev = malloc((in->n_ev + 1) * sizeof *g.ev);
    g.refs = malloc((in->n_refs + 1) * sizeof *g.refs);
    g.ev_obl = malloc((in->n_ev_obl + 1) * sizeof *g.ev_obl);
    nis2_result *r = NULL;
    nis2_status st;
    if (!g.soa || !g.soa_direct || !g.level || !g.ev || !g.refs || !g.ev_obl) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    } else {
        memcpy(g.soa_direct, in->soa_direct, n);
        if (in->n_ev)
            memcpy(g.ev, in->ev, in->n_ev * sizeof *g.ev);
        if (in->n_refs)
            memcpy(g.refs, in->refs, in->n_refs * sizeof *g.refs);
        if (in->n_ev_obl)
            memcpy(g.ev_obl, in->ev_obl, in->n_ev_obl * sizeof *g.ev_obl);
        nis2i_gap_isms view = c->m;
        view.owned = NULL;       /* a view: the checker owns every list */
        view.n_owned = view.cap_owned = 0;
        view.members = c->members;
        view.n_members = c->n_members;
        view.approvals = c->approvals;
        view.n_approvals = c->n_approvals;
        view.oversight = c->oversight;
        view.n_oversight = c->n_oversight;
        view.risks = c->risks;
        view.n_risks = c->n_risks;
        view.suppliers = c->suppliers;
        view.n_suppliers = c->n_suppliers;
        st = nis2_classify(ctx, e, &r, err);
        if (!st)
            st = decide(&g, e, r, &view, out, err);
    }
    nis2_result_free(r);
    free(g.soa);
    free(g.soa_direct);
    free(g.level);
    free(g.ev);
    free(g.refs);
    free(g.ref_start);
    free(g.ref_ev);
    free(g.seen);
    free(g.list_ev);
    free(g.ev_obl);
    if (st)
        nis2i_gap_result_free(out);
    return st;
}

bool nis2i_gap_parse_date(const char *s, int32_t *out)
{
    return parse_date(s, out);
}

const nis2i_map *nis2i_gap_checker_evidence_ids(const nis2i_gap_checker *c)
{
    return &c->ids;
}

nis2_status nis2i_gap_dump(const json_t *rep, uint32_t flags, char **out, nis2_error *err);

/* ---------------------------------------------------------------- public API */

nis2_status nis2_iso_normalise_id(const nis2_ctx *ctx, const char *text, const char **out_id, nis2_error *err)
{
    if (!ctx || !text || !out_id)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_iso_normalise_id: ctx, text and out_id must not be NULL");
    *out_id = NULL;
    uint32_t idx;
    nis2_status st = nis2i_iso_normalise(ctx, text, NULL, &idx, err);
    if (!st)
        *out_id = ctx->iso->controls[idx].id;
    return st;
}

const char *nis2_iso_control_title(const nis2_ctx *ctx, const char *id)
{
    long i = ctx ? nis2i_control_find(ctx, id) : -1;
    return i < 0 ? NULL : ctx->iso->controls[i].title;
}

/* The report as JSON text: the report's own writer (gap_render.c), json_dumps() where it declines. */
nis2_status nis2i_gap_dump(const json_t *rep, uint32_t flags, char **out, nis2_error *err)
{
    nis2i_buf b = {0};
    if (nis2i_gap_render_json(rep, (flags & NIS2_JSON_PRETTY) != 0, &b)) {
        nis2i_buf_put(&b, "", 1);
        if (!b.oom) {
            *out = b.data;
            return NIS2_OK;
        }
    }
    nis2i_buf_free(&b);
    return nis2i_json_dump(rep, flags, out, err);
}
