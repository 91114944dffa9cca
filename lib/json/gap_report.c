/* SPDX-License-Identifier: Apache-2.0 */
/* The ISO/IEC 27001 gap report (lib/schema/FORMATS.md §gap-report), the JSON edge: the input document (or the
 * builder's entries, one at a time) checked and read into the typed input of rules/gap_input.h, decided by
 * nis2i_gap_decide() (rules/gap_decide.h). The status rules are documented in include/nis2/evidence.h and README.md
 * ("ISO/IEC 27001 gap report"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"

#include "json/gap_report.h"
#include "json/gap_json.h"
#include "rules/gap_decide.h"
#include "rules/gap_input.h"
#include "rules/gap_isms.h"
#include "rules/mapping.h"
#include "rules/obligations.h"

#define GAP_MAX_SOA      2000u
#define GAP_MAX_EVIDENCE 20000u
#define GAP_MAX_REFS     500u    /* controls or obligations named by one evidence item */

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

/* One SoA entry e at $.soa[i]: its checks and its effect on g->soa_direct. where: per control, 1 + the index of
 * the entry that listed it (duplicates are errors). */
static nis2_status soa_entry(nis2i_gap_in *g, const json_t *e, size_t i, int32_t *where, nis2_error *err)
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
        g->soa_direct[idx] = NIS2I_SOA_EXCLUDED + 1;
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
    g->soa_direct[idx] = (uint8_t)(NIS2I_SOA_IMPLEMENTED + k + 1);
    return NIS2_OK;
}

static nis2_status parse_soa(nis2i_gap_in *g, const json_t *soa, nis2_error *err)
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

static nis2_status parse_certificate(nis2i_gap_in *g, const json_t *c, nis2_error *err)
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
    nis2i_gap_cert_judge(g, json_string_value(std), body, until, issued, json_is_true(scope));
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

/* One evidence item e at $.evidence[i] into *ev (refs and direct links to duties added to g, the id to
 * g->ev_index). */
static nis2_status ev_item(nis2i_gap_in *g, const json_t *e, size_t i, nis2i_gap_ev *ev, nis2_error *err)
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
    nis2i_gap_ev_judge(g, ev);
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
                if (nis2i_gap_in_add_ref(g, c, (uint32_t)i))
                    return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
                for (uint32_t k2 = 0; k2 < ct->n_children; k2++)
                    if (nis2i_gap_in_add_ref(g, iso->children[ct->first_child + k2], (uint32_t)i))
                        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
            } else {
                uint32_t ob;
                if (!g->ctx->obl || !nis2i_map_get(&g->ctx->obl->index, json_string_value(x), &ob)) {
                    snprintf(path, sizeof path, "$.evidence[%zu].%s[%zu]", i, lists[l], j);
                    return failp(err, NIS2_ERR_UNKNOWN_CODE, path,
                                 "'%s' is not an obligation id of the catalog (see nis2 catalog --part obligations)",
                                 json_string_value(x));
                }
                if (nis2i_gap_in_add_ev_obl(g, ob, (uint32_t)i))
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

static nis2_status parse_evidence(nis2i_gap_in *g, const json_t *arr, nis2_error *err)
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

/* The input document into g (SoA, certificate, evidence), *e (the entity, classified into *r) and *isms. */
static nis2_status parse_input(nis2i_gap_in *g, const json_t *in, nis2_entity **e_out, nis2_result **r_out,
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
    nis2i_gap_fmt_date(g->as_of, g->as_of_text);
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

static nis2_status build(nis2i_gap_in *g, const json_t *in, nis2i_gap_result *res, nis2_error *err)
{
    nis2_entity *e = NULL;
    nis2_result *r = NULL;
    nis2i_gap_isms isms = {0};
    nis2_status st = parse_input(g, in, &e, &r, &isms, err);
    if (!st)
        st = nis2i_gap_decide(g, e, r, &isms, res, err);
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
    nis2i_gap_in g = {.ctx = ctx, .iso = ctx->iso};
    size_t n = ctx->iso->n_controls;
    g.soa = calloc(n, 1);
    g.soa_direct = calloc(n, 1);
    g.level = calloc(n, 1);
    nis2_status st;
    if (!g.soa || !g.soa_direct || !g.level)
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    else
        st = build(&g, in, out, err);
    nis2i_gap_in_free(&g);
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
    nis2i_gap_in g;              /* the typed input so far: soa_direct, ev[0..n_ev), refs, ev_obl, the certificate */
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
        nis2i_gap_fmt_date(as_of, c->g.as_of_text);
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
    nis2i_gap_in_free(&c->g);
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
    nis2i_gap_in before = c->g;        /* the certificate fields, restored when the new one is rejected */
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
    nis2i_gap_in *g = &c->g;
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
        nis2i_gap_ev *n = realloc(g->ev, nc * sizeof *n);
        if (!n)
            return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        g->ev = n;
        c->cap_ev = nc;
    }
    size_t n_refs = g->n_refs, n_ev_obl = g->n_ev_obl;
    nis2i_gap_ev *ev = &g->ev[g->n_ev];
    memset(ev, 0, sizeof *ev);
    nis2i_map_free(&g->ev_index); /* a map per item: the persistent one is c->ids, filled on success only */
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
    const nis2i_gap_in *in = &c->g;
    size_t n = ctx->iso->n_controls;
    nis2i_gap_in g = {.ctx = ctx, .iso = ctx->iso, .as_of = in->as_of, .n_ev = in->n_ev, .n_refs = in->n_refs,
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
            st = nis2i_gap_decide(&g, e, r, &view, out, err);
    }
    nis2_result_free(r);
    nis2i_gap_in_free(&g);
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
