/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Is an incident significant? (lib/schema/FORMATS.md §incident-assessment) Implementing Regulation (EU) 2024/2690
 * Arts 3-14 for its relevant entities, NIS2 Art. 23(3) for every other type.
 *
 * The criteria are catalog data (`significance` in lib/catalog/significance.json): each is a list of conditions on
 * the facts of `impact` (all or any must hold), with an optional exception (`unless`, IR Art. 5(c)). The
 * procedure here:
 *  - IR Art. 3(2): scheduled maintenance is never significant;
 *  - three-valued: a condition on an absent fact is unknown; a criterion is reported only when it is met on the
 *    facts given; "whichever is smaller/lower" with an absent base is decided by the absolute bound alone;
 *  - every threshold is strict ("more than");
 *  - IR Art. 4: the current incident and the earlier related_incidents with the same root cause within six months
 *    before it (at exactly six months still counts) are one significant incident when there are at least two and
 *    their summed loss meets the Art. 3(1)(a) test;
 *  - every criterion met is listed with its provision.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident.h"
#include "calendar.h"

typedef enum { FT_BOOL, FT_NUM, FT_COUNT, FT_TIME, FT_STR, FT_ARRAY } fact_type;

/* The explanation of a criterion; texts longer than the buffer are cut (they are explanations, not data). */
NIS2I_PRINTF(3, 4) static void whyf(char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
}

static const struct {
    const char *name;
    fact_type type;
} facts[] = {
    {"occurred_at", FT_TIME},
    {"root_cause", FT_STR},
    {"financial_loss_eur", FT_NUM},
    {"turnover_prev_fy_eur", FT_NUM},
    {"deaths", FT_COUNT},
    {"considerable_health_damage", FT_BOOL},
    {"trade_secrets_exfiltrated", FT_BOOL},
    {"malicious_unauthorised_access_severe", FT_BOOL},
    {"scheduled_maintenance", FT_BOOL},
    {"unavailable_minutes", FT_NUM},
    {"degraded_minutes", FT_NUM},
    {"response_time_s", FT_NUM},
    {"users_in_union", FT_NUM},
    {"users_affected_unavailable", FT_NUM},
    {"users_affected_limited", FT_NUM},
    {"users_affected_compromise", FT_NUM},
    {"data_compromised", FT_BOOL},
    {"suspected_malicious", FT_BOOL},
    {"physical_access_compromised", FT_BOOL},
    {"misconfiguration_domains_wrong", FT_NUM},
    {"managed_domains", FT_NUM},
    {"weekly_unavailable_minutes", FT_NUM},
    {"severe_operational_disruption", FT_BOOL},
    {"severe_financial_loss", FT_BOOL},
    {"considerable_damage_to_others", FT_BOOL},
    {"related_incidents", FT_ARRAY},
};
#define N_FACTS (sizeof facts / sizeof facts[0])

static int fact_index(const char *name)
{
    for (size_t i = 0; i < N_FACTS; i++)
        if (strcmp(facts[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* ---------------------------------------------------------------- loading */

typedef struct sig_loader {
    const nis2_ctx *ctx;
    nis2_error *err;
    char path[160];
} sig_loader;

NIS2I_PRINTF(2, 3) static nis2_status sbad(sig_loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis2_status st = nis2i_catalog_failv(L->err, L->path, fmt, ap);
    va_end(ap);
    return st;
}

static nis2_status sreq(sig_loader *L, const json_t *o, const char *key, const char **out)
{
    const json_t *v = json_object_get(o, key);
    if (!json_is_string(v) || json_string_length(v) == 0)
        return sbad(L, "field '%s' must be a non-empty string", key);
    *out = json_string_value(v);
    return NIS2_OK;
}

static nis2_status num_fact(sig_loader *L, const char *name, int *out)
{
    int f = fact_index(name);
    if (f < 0 || (facts[f].type != FT_NUM && facts[f].type != FT_COUNT))
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
    out->fact = fact_index(fact);
    if (out->fact < 0)
        return sbad(L, "unknown impact fact '%s'", fact);
    const json_t *v;
    if ((v = json_object_get(c, "is"))) {
        if (!json_is_true(v) || facts[out->fact].type != FT_BOOL)
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
    char base[120];
    snprintf(base, sizeof base, "%.110s", L->path);
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > NIS2I_SIG_MAX_CONDS)
        return sbad(L, "conditions must be an array of 1 to %d conditions", NIS2I_SIG_MAX_CONDS);
    size_t i;
    const json_t *c;
    json_array_foreach(arr, i, c) {
        snprintf(L->path, sizeof L->path, "%s[%zu]", base, i % 100u);
        nis2_status st = load_cond(L, c, &out[i]);
        if (st)
            return st;
    }
    *n = json_array_size(arr);
    snprintf(L->path, sizeof L->path, "%s", base);
    return NIS2_OK;
}

static nis2_status load_crit(sig_loader *L, const json_t *c, int group, nis2i_sig_crit *out)
{
    memset(out, 0, sizeof *out);
    out->etype_group = group;
    char base[120];
    snprintf(base, sizeof base, "%.110s", L->path);
    nis2_status st;
    if (!json_is_object(c))
        return sbad(L, "must be an object");
    if ((st = sreq(L, c, "id", &out->id)) || (st = sreq(L, c, "ref", &out->ref)) || (st = sreq(L, c, "text", &out->text)))
        return st;
    const json_t *all = json_object_get(c, "all"), *any = json_object_get(c, "any");
    if ((all != NULL) == (any != NULL))
        return sbad(L, "give exactly one of 'all' and 'any'");
    out->any = any != NULL;
    snprintf(L->path, sizeof L->path, "%s.%s", base, any ? "any" : "all");
    if ((st = load_conds(L, any ? any : all, out->conds, &out->n_conds)))
        return st;
    const json_t *un = json_object_get(c, "unless");
    if (un) {
        snprintf(L->path, sizeof L->path, "%s.unless", base);
        if (!json_is_object(un))
            return sbad(L, "must be an object {ref, text, all}");
        if ((st = sreq(L, un, "ref", &out->unless_ref)) || (st = sreq(L, un, "text", &out->unless_text)))
            return st;
        snprintf(L->path, sizeof L->path, "%s.unless.all", base);
        if ((st = load_conds(L, json_object_get(un, "all"), out->unless, &out->n_unless)))
            return st;
    }
    snprintf(L->path, sizeof L->path, "%s", base);
    return NIS2_OK;
}

static nis2_status load_crits(sig_loader *L, const json_t *arr, const char *base, int group, nis2i_sig_crit **out,
                              size_t *n)
{
    snprintf(L->path, sizeof L->path, "%s", base);
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return sbad(L, "must be a non-empty array of criteria");
    *out = calloc(json_array_size(arr), sizeof **out);
    if (!*out)
        return nis2i_fail(L->err, NIS2_ERR_NOMEM, NULL, "out of memory");
    size_t i;
    const json_t *c;
    json_array_foreach(arr, i, c) {
        snprintf(L->path, sizeof L->path, "%s[%zu]", base, i);
        nis2_status st = load_crit(L, c, group, &(*out)[i]);
        if (st)
            return st;
        (*n)++;
    }
    return NIS2_OK;
}

void nis2i_significance_release(nis2i_incident *inc)
{
    free(inc->general);
    free(inc->type_crits);
    for (size_t i = 0; i < inc->n_groups; i++)
        free(inc->groups[i].activities);
    free(inc->groups);
    free(inc->fallback);
}

nis2_status nis2i_significance_load(nis2_ctx *ctx, nis2i_incident *inc, nis2_error *err)
{
    sig_loader L = {.ctx = ctx, .err = err};
    const json_t *s = json_object_get(ctx->doc, "significance");
    snprintf(L.path, sizeof L.path, "$.significance");
    if (!s || json_is_null(s))
        return NIS2_OK;
    if (!json_is_object(s))
        return sbad(&L, "must be an object");
    nis2_status st;
    const json_t *scope = json_object_get(s, "scope"), *ex = json_object_get(s, "exclusion"),
                 *rec = json_object_get(s, "recurring"), *fb = json_object_get(s, "fallback");
    snprintf(L.path, sizeof L.path, "$.significance.scope");
    if (!json_is_object(scope))
        return sbad(&L, "must be an object {ref, text}");
    if ((st = sreq(&L, scope, "ref", &inc->scope_ref)))
        return st;
    snprintf(L.path, sizeof L.path, "$.significance.exclusion");
    const char *exf = NULL;
    if (!json_is_object(ex))
        return sbad(&L, "must be an object {ref, fact, text}");
    if ((st = sreq(&L, ex, "ref", &inc->excl_ref)) || (st = sreq(&L, ex, "text", &inc->excl_text)) ||
        (st = sreq(&L, ex, "fact", &exf)))
        return st;
    inc->excl_fact = fact_index(exf);
    if (inc->excl_fact < 0 || facts[inc->excl_fact].type != FT_BOOL)
        return sbad(&L, "fact '%s' is not a boolean impact fact", exf);
    if ((st = load_crits(&L, json_object_get(s, "general"), "$.significance.general", -1, &inc->general,
                         &inc->n_general)))
        return st;

    snprintf(L.path, sizeof L.path, "$.significance.recurring");
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
    snprintf(L.path, sizeof L.path, "$.significance.entity_types");
    if (!json_is_array(types) || json_array_size(types) == 0)
        return sbad(&L, "must be a non-empty array");
    size_t total = 0, i;
    const json_t *g;
    json_array_foreach(types, i, g) total += json_array_size(json_object_get(g, "criteria"));
    inc->groups = calloc(json_array_size(types), sizeof *inc->groups);
    inc->type_crits = calloc(total + 1, sizeof *inc->type_crits);
    if (!inc->groups || !inc->type_crits)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    json_array_foreach(types, i, g) {
        nis2i_sig_group *gr = &inc->groups[i];
        inc->n_groups++;
        snprintf(L.path, sizeof L.path, "$.significance.entity_types[%zu]", i);
        if (!json_is_object(g))
            return sbad(&L, "must be an object");
        if ((st = sreq(&L, g, "article", &gr->article)) || (st = sreq(&L, g, "label", &gr->label)))
            return st;
        const json_t *acts = json_object_get(g, "activities"), *crits = json_object_get(g, "criteria");
        if (!json_is_array(acts) || json_array_size(acts) == 0)
            return sbad(&L, "activities must be a non-empty array of entity-type codes");
        gr->activities = calloc(json_array_size(acts), sizeof *gr->activities);
        if (!gr->activities)
            return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
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
            snprintf(L.path, sizeof L.path, "$.significance.entity_types[%zu].criteria[%zu]", i, j);
            if ((st = load_crit(&L, c, (int)i, &inc->type_crits[inc->n_type_crits])))
                return st;
            inc->n_type_crits++;
        }
        gr->n = inc->n_type_crits - gr->first;
    }
    snprintf(L.path, sizeof L.path, "$.significance.fallback");
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

/* ---------------------------------------------------------------- facts of one request */

typedef struct impact {
    double v[N_FACTS];
    bool known[N_FACTS];
    int64_t occurred;
    int32_t occurred_off;
    const char *root_cause;
    const json_t *related;
} impact;

static nis2_status bad_type(nis2_error *err, const char *path, const char *want, const json_t *v)
{
    NIS2I_UNUSED(v);
    return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected %s", path, want);
}

static nis2_status read_number(const json_t *v, const char *path, double *out, nis2_error *err)
{
    if (!json_is_number(v))
        return bad_type(err, path, "a number >= 0", v);
    double d = json_number_value(v);
    if (!isfinite(d) || d < 0)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a number >= 0", path);
    if (d > 1e15)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: larger than 1e15", path);
    *out = d;
    return NIS2_OK;
}

static nis2_status read_impact(const json_t *imp, impact *I, nis2_error *err)
{
    memset(I, 0, sizeof *I);
    if (!json_is_object(imp))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.impact", "$.impact: expected an object of impact facts");
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)imp, key, v) {
        char path[96];
        snprintf(path, sizeof path, "$.impact.%.64s", key);
        if (strncmp(key, "x_", 2) == 0)
            continue;
        int f = fact_index(key);
        if (f < 0)
            return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, path,
                              "%s: unknown impact fact (see lib/schema/FORMATS.md §incident-assessment; vendor "
                              "extensions start with x_)", path);
        if (json_is_null(v))
            continue;
        nis2_status st = NIS2_OK;
        switch (facts[f].type) {
        case FT_BOOL:
            if (!json_is_boolean(v))
                return bad_type(err, path, "true or false", v);
            I->v[f] = json_is_true(v) ? 1 : 0;
            break;
        case FT_COUNT:
            if (json_is_boolean(v))
                I->v[f] = json_is_true(v) ? 1 : 0;
            else if (!json_is_integer(v) || json_integer_value(v) < 0)
                return bad_type(err, path, "a whole number >= 0 (or true/false)", v);
            else
                I->v[f] = (double)json_integer_value(v);
            break;
        case FT_NUM:
            st = read_number(v, path, &I->v[f], err);
            break;
        case FT_TIME:
            st = nis2i_incident_time(v, path, &I->occurred, &I->occurred_off, err);
            break;
        case FT_STR:
            if (!json_is_string(v) || json_string_length(v) == 0)
                return bad_type(err, path, "a non-empty string", v);
            I->root_cause = json_string_value(v);
            break;
        case FT_ARRAY:
            if (!json_is_array(v))
                return bad_type(err, path, "an array of earlier incidents {occurred_at, root_cause, financial_loss_eur}",
                                v);
            I->related = v;
            break;
        }
        if (st)
            return st;
        I->known[f] = true;
    }
    /* Counts of affected users cannot exceed the users in the Union; wrong domains cannot exceed those managed. */
    static const char *const part[] = {"users_affected_unavailable", "users_affected_limited", "users_affected_compromise"};
    int uu = fact_index("users_in_union");
    for (size_t i = 0; i < 3; i++) {
        int f = fact_index(part[i]);
        if (I->known[f] && I->known[uu] && I->v[f] > I->v[uu]) {
            char path[96];
            snprintf(path, sizeof path, "$.impact.%s", part[i]);
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: must not exceed $.impact.users_in_union", path);
        }
    }
    int mw = fact_index("misconfiguration_domains_wrong"), md = fact_index("managed_domains");
    if (I->known[mw] && I->known[md] && I->v[mw] > I->v[md])
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.impact.misconfiguration_domains_wrong",
                          "$.impact.misconfiguration_domains_wrong: must not exceed $.impact.managed_domains");
    if (I->related) {
        int oc = fact_index("occurred_at");
        if (!I->known[oc])
            return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.impact.occurred_at",
                              "$.impact.occurred_at: required when $.impact.related_incidents is given");
        if (!I->root_cause)
            return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.impact.root_cause",
                              "$.impact.root_cause: required when $.impact.related_incidents is given");
        size_t i;
        const json_t *r;
        json_array_foreach(I->related, i, r) {
            char base[64], path[128];
            snprintf(base, sizeof base, "$.impact.related_incidents[%zu]", i);
            if (!json_is_object(r))
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, base, "%s: expected an object {occurred_at, root_cause, "
                                  "financial_loss_eur}", base);
            static const char *const related_keys[] = {"occurred_at", "root_cause", "financial_loss_eur", NULL};
            nis2_status kst = nis2i_json_check_keys(r, related_keys, base, err);
            if (kst)
                return kst;
            int64_t t;
            int32_t o;
            double loss;
            const json_t *oa = json_object_get(r, "occurred_at"), *rc = json_object_get(r, "root_cause"),
                         *fl = json_object_get(r, "financial_loss_eur");
            snprintf(path, sizeof path, "%s.occurred_at", base);
            if (!oa)
                return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, path, "%s: required", path);
            nis2_status st = nis2i_incident_time(oa, path, &t, &o, err);
            if (st)
                return st;
            if (t > I->occurred)
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                                  "%s: must not be later than $.impact.occurred_at (related incidents are earlier ones)",
                                  path);
            snprintf(path, sizeof path, "%s.root_cause", base);
            if (!rc)
                return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, path, "%s: required", path);
            if (!json_is_string(rc) || json_string_length(rc) == 0)
                return bad_type(err, path, "a non-empty string", rc);
            snprintf(path, sizeof path, "%s.financial_loss_eur", base);
            if (fl && (st = read_number(fl, path, &loss, err)))
                return st;
        }
    }
    return NIS2_OK;
}

nis2_status nis2i_significance_check_impact(const json_t *imp, nis2_error *err)
{
    impact I;
    return read_impact(imp, &I, err);
}

/* ---------------------------------------------------------------- evaluation */

static double snap(double t)
{
    double r = nearbyint(t);
    return fabs(t - r) <= 1e-9 * fmax(1.0, fabs(t)) ? r : t;
}

static nis2i_tri eval_cond(const nis2i_sig_cond *c, const impact *I, double override, bool use_override, char *why,
                           size_t cap)
{
    bool known = use_override || I->known[c->fact];
    double v = use_override ? override : I->v[c->fact];
    const char *name = facts[c->fact].name;
    char a[64], b[64], d[64];
    why[0] = '\0';
    if (!known)
        return NIS2I_UNKNOWN;
    nis2i_fmt_number(v, a);
    switch (c->op) {
    case NIS2I_OP_IS:
        whyf(why, cap, "%s", name);
        return v == 1 ? NIS2I_YES : NIS2I_NO;
    case NIS2I_OP_GT:
    case NIS2I_OP_LT:
        nis2i_fmt_number(c->value, b);
        whyf(why, cap, "%s %s %s %s", name, a, c->op == NIS2I_OP_GT ? ">" : "<", b);
        return (c->op == NIS2I_OP_GT ? v > c->value : v < c->value) ? NIS2I_YES : NIS2I_NO;
    case NIS2I_OP_GT_SMALLER_OF: {
        nis2i_fmt_number(c->value, b);
        nis2i_fmt_number(c->share * 100, d);
        if (!I->known[c->of]) {
            whyf(why, cap, "%s %s > %s (%s unknown; the smaller of %s %% of it and %s is at most %s)", name, a, b,
                     facts[c->of].name, d, b, b);
            return v > c->value ? NIS2I_YES : NIS2I_UNKNOWN;
        }
        double share = snap(c->share * I->v[c->of]), thr = share < c->value ? share : c->value;
        char t[64], s[64], base[64];
        nis2i_fmt_number(thr, t);
        nis2i_fmt_number(share, s);
        nis2i_fmt_number(I->v[c->of], base);
        whyf(why, cap, "%.40s %.24s %s %.24s, the smaller of %.8s %% of %.30s %.24s (= %.24s) and %.24s", name, a,
                 v > thr ? ">" : "<=", t, d, facts[c->of].name, base, s, b);
        return v > thr ? NIS2I_YES : NIS2I_NO;
    }
    case NIS2I_OP_LE_SHARE_OF: {
        if (!I->known[c->of])
            return NIS2I_UNKNOWN;
        double thr = snap(c->share * I->v[c->of]);
        nis2i_fmt_number(thr, b);
        nis2i_fmt_number(c->share * 100, d);
        whyf(why, cap, "%s %s %s %s (%s %% of %s)", name, a, v <= thr ? "<=" : ">", b, d, facts[c->of].name);
        return v <= thr ? NIS2I_YES : NIS2I_NO;
    }
    }
    return NIS2I_UNKNOWN;
}

static nis2i_tri eval_list(const nis2i_sig_cond *cs, size_t n, bool any, const impact *I, char *why, size_t cap)
{
    nis2i_tri acc = any ? NIS2I_NO : NIS2I_YES;
    size_t wl = 0;
    why[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char w[300];
        nis2i_tri t = eval_cond(&cs[i], I, 0, false, w, sizeof w);
        bool relevant = any ? t == NIS2I_YES : true;
        if (relevant && w[0] && wl + 4 < cap)
            wl += (size_t)snprintf(why + wl, cap - wl, "%s%s", wl ? "; " : "", w);
        if (wl >= cap)
            wl = cap - 1;
        if (any) {
            if (t == NIS2I_YES)
                acc = NIS2I_YES;
            else if (t == NIS2I_UNKNOWN && acc == NIS2I_NO)
                acc = NIS2I_UNKNOWN;
        } else {
            if (t == NIS2I_NO)
                acc = NIS2I_NO;
            else if (t == NIS2I_UNKNOWN && acc == NIS2I_YES)
                acc = NIS2I_UNKNOWN;
        }
    }
    return acc;
}

typedef struct assess {
    json_t *criteria, *undecided, *notes;
} assess;

static void add_item(json_t *arr, const char *ref, const char *id, const char *text)
{
    json_t *o = json_object();
    json_object_set_new(o, "ref", ref ? json_string(ref) : json_null());
    if (id)
        json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "text", json_string(text));
    json_array_append_new(arr, o);
}

static void eval_crit(assess *A, const nis2i_sig_crit *c, const impact *I)
{
    char why[700], text[1400];
    nis2i_tri t = eval_list(c->conds, c->n_conds, c->any, I, why, sizeof why);
    if (t == NIS2I_YES && c->n_unless) {
        char uw[500];
        nis2i_tri u = eval_list(c->unless, c->n_unless, false, I, uw, sizeof uw);
        if (u == NIS2I_YES) {
            snprintf(text, sizeof text, "Not met: %s %s (%s).", c->ref, c->unless_text, uw);
            add_item(A->notes, c->unless_ref, c->id, text);
            return;
        }
        size_t wl = strlen(why);
        snprintf(why + wl, sizeof why - wl, "; the exception (%s) does not apply%s%s%s", c->unless_text,
                 uw[0] ? ": " : ", its facts are not given", uw, uw[0] ? "" : "");
    }
    if (t == NIS2I_YES) {
        snprintf(text, sizeof text, "%s Facts: %s.", c->text, why);
        add_item(A->criteria, c->ref, c->id, text);
    } else if (t == NIS2I_UNKNOWN) {
        /* Only worth reporting when some fact of the criterion was given. */
        json_t *miss = json_array();
        bool some_known = false;
        for (size_t i = 0; i < c->n_conds; i++) {
            const nis2i_sig_cond *k = &c->conds[i];
            if (I->known[k->fact])
                some_known = true;
            else
                json_array_append_new(miss, json_string(facts[k->fact].name));
            if ((k->op == NIS2I_OP_GT_SMALLER_OF || k->op == NIS2I_OP_LE_SHARE_OF) && !I->known[k->of])
                json_array_append_new(miss, json_string(facts[k->of].name));
        }
        if (!some_known || json_array_size(miss) == 0) {
            json_decref(miss);
            return;
        }
        json_t *o = json_object();
        json_object_set_new(o, "ref", json_string(c->ref));
        json_object_set_new(o, "id", json_string(c->id));
        json_object_set_new(o, "missing", miss);
        json_array_append_new(A->undecided, o);
    }
}

static void eval_recurring(assess *A, const nis2i_incident *inc, const impact *I)
{
    if (!I->related)
        return;
    int64_t from = nis2i_cal_add_months(I->occurred, I->occurred_off, -inc->rec_months);
    int fl = fact_index("financial_loss_eur");
    double total = I->known[fl] ? I->v[fl] : 0;
    int count = 1;
    int64_t earliest = I->occurred;
    size_t i;
    const json_t *r;
    json_array_foreach(I->related, i, r) {
        int64_t t;
        int32_t o;
        nis2i_cal_parse_rfc3339(json_string_value(json_object_get(r, "occurred_at")), &t, &o);
        if (strcmp(json_string_value(json_object_get(r, "root_cause")), I->root_cause) != 0 || t < from)
            continue;
        count++;
        const json_t *x = json_object_get(r, "financial_loss_eur");
        if (json_is_number(x))
            total += json_number_value(x);
        if (t < earliest)
            earliest = t;
    }
    char a[21], b[21], w[400], text[1200], lim[21];
    nis2i_cal_format_utc(earliest, a);
    nis2i_cal_format_utc(I->occurred, b);
    nis2i_cal_format_utc(from, lim);
    if (count < inc->rec_min) {
        snprintf(text, sizeof text, "Not met: no earlier incident with root cause '%.80s' occurred within %d months "
                 "before this one (since %s).", I->root_cause, inc->rec_months, lim);
        add_item(A->notes, inc->rec_ref, inc->rec_id, text);
        return;
    }
    nis2i_tri t = eval_cond(&inc->rec_loss->conds[0], I, total, true, w, sizeof w);
    if (t == NIS2I_YES) {
        snprintf(text, sizeof text, "%s Facts: %d incidents with root cause '%.80s' from %s to %s (window from %s); "
                 "together %s.", inc->rec_text, count, I->root_cause, a, b, lim, w);
        add_item(A->criteria, inc->rec_ref, inc->rec_id, text);
    } else {
        snprintf(text, sizeof text, "Not met: %d incidents with root cause '%.80s' within %d months, but together "
                 "%s.", count, I->root_cause, inc->rec_months, w[0] ? w : "their loss is not decided");
        add_item(A->notes, inc->rec_ref, inc->rec_id, text);
    }
}

static bool has_activity(const nis2_entity *e, const nis2i_sig_group *g)
{
    for (size_t i = 0; i < e->n_types; i++)
        for (size_t j = 0; j < g->n_activities; j++)
            if (strcmp(e->ctx->etypes[e->types[i]].code, g->activities[j]) == 0)
                return true;
    return false;
}

static const char *const assess_keys[] = {"schema", "entity", "impact", "aware_at", "notified_at", "impact_ended_at",
                                          "end_of_impact_notified_at", NULL};

nis2_status nis2_incident_assess_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                      char **out_json, nis2_error *err)
{
    if (!ctx || !json || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_assess_json: ctx, json and out_json must not be NULL");
    *out_json = NULL;
    if (flags & ~NIS2_JSON_PRETTY)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_assess_json: unknown flags 0x%x", flags);
    const nis2i_incident *inc = ctx->inc;
    if (!inc || !inc->has_sig)
        return nis2i_fail(err, NIS2_ERR_UNSUPPORTED, NULL, "the catalog has no significance tables ($.significance)");
    json_t *doc;
    nis2_status st = nis2i_json_parse(json, len, &doc, err);
    if (st)
        return st;
    nis2_entity *e = NULL;
    json_t *out = NULL;
    assess A = {0};
    impact I;
    if (!json_is_object(doc)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$", "$: expected an assessment object {entity, impact}");
        goto done;
    }
    if ((st = nis2i_json_check_keys(doc, assess_keys, "$", err)))
        goto done;
    for (size_t i = 0; nis2i_incident_time_keys[i]; i++) {
        const json_t *t = json_object_get(doc, nis2i_incident_time_keys[i]);
        char path[64];
        int64_t u;
        int32_t o;
        snprintf(path, sizeof path, "$.%s", nis2i_incident_time_keys[i]);
        if (t && !json_is_null(t) && (st = nis2i_incident_time(t, path, &u, &o, err)))
            goto done;
    }
    const json_t *schema = json_object_get(doc, "schema");
    if (schema && !(json_is_integer(schema) && json_integer_value(schema) == 1)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.schema", "$.schema: expected 1 (this library reads schema 1)");
        goto done;
    }
    if ((st = nis2i_incident_entity(ctx, doc, &e, err)))
        goto done;
    const json_t *imp = json_object_get(doc, "impact");
    if (!imp) {
        st = nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.impact", "$.impact: required (the facts of the incident)");
        goto done;
    }
    if ((st = read_impact(imp, &I, err)))
        goto done;

    out = json_object();
    A.criteria = json_array();
    A.undecided = json_array();
    A.notes = json_array();
    json_t *regime = json_array();
    if (!out || !A.criteria || !A.undecided || !A.notes || !regime) {
        json_decref(regime);
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    bool ir = false, other = e->n_types == 0;
    for (size_t i = 0; i < e->n_types; i++) {
        const nis2i_etype *et = &ctx->etypes[e->types[i]];
        if (et->flags & NIS2I_ET_IR)
            ir = true;
        else
            other = true;
    }
    json_t *excluded = json_null();
    if (I.known[inc->excl_fact] && I.v[inc->excl_fact] == 1) {
        excluded = json_object();
        json_object_set_new(excluded, "ref", json_string(inc->excl_ref));
        json_object_set_new(excluded, "text", json_string(inc->excl_text));
    } else {
        if (ir) {
            json_array_append_new(regime, json_string("IR 2024/2690"));
            for (size_t i = 0; i < inc->n_general; i++)
                eval_crit(&A, &inc->general[i], &I);
            eval_recurring(&A, inc, &I);
            for (size_t g = 0; g < inc->n_groups; g++)
                if (has_activity(e, &inc->groups[g]))
                    for (size_t k = 0; k < inc->groups[g].n; k++)
                        eval_crit(&A, &inc->type_crits[inc->groups[g].first + k], &I);
        }
        if (other) {
            json_array_append_new(regime, json_string(inc->fallback_ref));
            add_item(A.notes, inc->fallback_ref, NULL,
                     ir ? "The entity also has activities outside IR 2024/2690 Art. 1; for those NIS2 Art. 23(3) "
                          "applies (it sets no numeric thresholds)."
                        : inc->fallback_text);
            for (size_t i = 0; i < inc->n_fallback; i++)
                eval_crit(&A, &inc->fallback[i], &I);
        }
        if (I.related && !ir)
            add_item(A.notes, inc->rec_ref, inc->rec_id,
                     "related_incidents were given, but IR 2024/2690 Art. 4 applies only to its relevant entities.");
    }
    if (e->country[0] && nis2i_overlay_find(ctx, e->country))
        add_item(A.notes, NULL, NULL,
                 "National law may set its own significance criteria (e.g. PT RJC art. 40(3)-(4)); this assessment "
                 "applies IR 2024/2690 and NIS2 Art. 23(3) only.");
    json_object_set_new(out, "schema", json_integer(1));
    json_object_set_new(out, "name", e->name ? json_string(e->name) : json_null());
    json_object_set_new(out, "country", json_string(e->country));
    json_object_set_new(out, "significant", json_boolean(json_array_size(A.criteria) > 0));
    json_object_set_new(out, "regime", regime);
    json_object_set_new(out, "criteria", A.criteria);
    json_object_set_new(out, "not_decided", A.undecided);
    json_object_set_new(out, "excluded_by", excluded);
    json_object_set_new(out, "notes", A.notes);
    A.criteria = A.undecided = A.notes = NULL;
    json_object_set_new(out, "library_version", json_string(NIS2_VERSION_STRING));
    json_object_set_new(out, "catalog_version", json_string(ctx->catalog_version));
    st = nis2i_ctx_put_extensions(out, ctx) != 0 ? nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory")
                                                 : nis2i_json_dump(out, flags, out_json, err);
done:
    json_decref(A.criteria);
    json_decref(A.undecided);
    json_decref(A.notes);
    json_decref(out);
    nis2_entity_free(e);
    json_decref(doc);
    return st;
}
