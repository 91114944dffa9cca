/* SPDX-License-Identifier: Apache-2.0 */
/*
 * National overlays: the generic machinery every overlay shares, and the dispatch of the national verdict.
 *
 * An overlay is catalog data (lib/catalog/overlays/<cc>/, see lib/catalog/overlays/README.md). The core reads from it, for every
 * overlay: the national keys (validation of entity.national.<CC>), the authority rules, the categories, the mapping
 * of Directive provisions to national ones and the Member State options. A country whose law departs from the
 * Directive states its procedure in the rule language ("classification", compiled by compile/rulec.c and run by
 * rules/interp.c); a country without one gets the generic path: the Directive's procedure rerun with the options
 * the overlay says the country uses, restated with the national provisions of its mapping. Nothing here names a
 * country.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/overlay.h"
#include "rules/interp.h"
#include "compile/json_parse.h"
#include "util/util.h"
#include "util/utf8.h"

const nis2i_overlay *nis2i_overlay_find(const nis2_ctx *ctx, const char *country)
{
    uint32_t idx;
    if (!nis2i_map_get(&ctx->overlay_index, country, &idx))
        return NULL;
    return &ctx->overlays[idx];
}

/* ---------------------------------------------------------------- small helpers */

const json_t *nis2i_entity_national(const nis2_entity *e, const char *country)
{
    if (!e->national)
        return NULL;
    const char *key;
    const json_t *v;
    json_object_foreach(e->national, key, v) {
        const char *canon = nis2i_ms_canonical(e->ctx, key);
        if (canon && strcmp(canon, country) == 0 && json_is_object(v))
            return v;
    }
    return NULL;
}

static const char *str_member(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

NIS2I_PRINTF(3, 4) static nis2_status cat_fail(nis2_error *err, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nis2i_fail(err, NIS2_ERR_CATALOG, path, "catalog: %s: %s", path, msg);
}

/* ---------------------------------------------------------------- validation of the shared parts (load time) */

static const char *const key_types[] = {"boolean", "enum", "date", "number", "string", "codes", NULL};

static nis2_status validate_national_keys(const json_t *keys, const char *base, nis2_error *err)
{
    if (!keys)
        return NIS2_OK;
    if (!json_is_object(keys))
        return cat_fail(err, base, "must be an object of key descriptions");
    const char *k;
    const json_t *d;
    json_object_foreach((json_t *)keys, k, d) {
        char path[192];
        snprintf(path, sizeof path, "%.100s.%.64s", base, k);
        const char *type = str_member(d, "type");
        size_t i;
        for (i = 0; type && key_types[i]; i++)
            if (strcmp(key_types[i], type) == 0)
                break;
        if (!type || !key_types[i])
            return cat_fail(err, path, "'type' must be boolean, enum, date, number, string or codes");
        if (strcmp(type, "enum") == 0) {
            const json_t *vals = json_object_get(d, "values");
            if (!json_is_array(vals) || json_array_size(vals) == 0)
                return cat_fail(err, path, "an enum needs a non-empty 'values' array");
            size_t j;
            const json_t *x;
            json_array_foreach(vals, j, x) if (!json_is_string(x)) return cat_fail(err, path, "'values' must be strings");
        }
    }
    return NIS2_OK;
}

static const char *const cond_keys[] = {"category_in", "flag", "national_key", "code_prefix", "role_in", NULL};

static nis2_status validate_authorities(const nis2i_overlay *ov, const json_t *auth, const char *base, nis2_error *err)
{
    if (!auth)
        return NIS2_OK;
    const json_t *rules = json_object_get(auth, "rules");
    char path[192];
    snprintf(path, sizeof path, "%s.rules", base);
    if (!json_is_array(rules))
        return cat_fail(err, path, "must be an array of {when, authority} rules");
    size_t i;
    const json_t *rule;
    json_array_foreach(rules, i, rule) {
        snprintf(path, sizeof path, "%s.rules[%zu]", base, i);
        const json_t *when = json_object_get(rule, "when");
        const json_t *a = json_object_get(rule, "authority");
        if (!json_is_object(when))
            return cat_fail(err, path, "'when' must be an object");
        if (!a || !(json_is_string(a) || json_is_null(a)))
            return cat_fail(err, path, "'authority' must be a string or null");
        const char *ck;
        const json_t *cv;
        json_object_foreach((json_t *)when, ck, cv) {
            size_t j;
            for (j = 0; cond_keys[j]; j++)
                if (strcmp(cond_keys[j], ck) == 0)
                    break;
            if (!cond_keys[j])
                return cat_fail(err, path, "unknown condition '%.40s' (expected category_in, flag, national_key, code_prefix or role_in)", ck);
            if (strcmp(ck, "flag") == 0) {
                uint32_t f;
                if (!json_is_string(cv) || !nis2i_flag_from_name(json_string_value(cv), &f))
                    return cat_fail(err, path, "'flag' must name an entity flag (lib/schema/FORMATS.md §entity)");
            } else if (strcmp(ck, "code_prefix") == 0) {
                if (!json_is_string(cv))
                    return cat_fail(err, path, "'code_prefix' must be a string");
            } else if (strcmp(ck, "national_key") == 0) {
                if (!json_is_object(cv))
                    return cat_fail(err, path, "'national_key' must be an object {key: value}");
                const char *nk;
                const json_t *nv;
                json_object_foreach((json_t *)cv, nk, nv) {
                    if (!json_object_get(json_object_get(ov->doc, "national_keys"), nk))
                        return cat_fail(err, path, "'national_key' names '%.40s', which is not in national_keys", nk);
                }
            } else {            /* category_in, role_in: arrays of strings */
                if (!json_is_array(cv))
                    return cat_fail(err, path, "'%s' must be an array of strings", ck);
                size_t j2;
                const json_t *x;
                json_array_foreach(cv, j2, x) {
                    nis2i_role role;
                    if (!json_is_string(x))
                        return cat_fail(err, path, "'%s' must be an array of strings", ck);
                    if (strcmp(ck, "role_in") == 0 && !nis2i_role_from_name(json_string_value(x), &role))
                        return cat_fail(err, path, "unknown role '%.40s'", json_string_value(x));
                }
            }
        }
    }
    return NIS2_OK;
}

static nis2_status validate_categories(const json_t *cats, const char *base, nis2_error *err)
{
    if (!cats)
        return NIS2_OK;
    if (!json_is_array(cats))
        return cat_fail(err, base, "must be an array");
    size_t i;
    const json_t *c;
    json_array_foreach(cats, i, c) {
        char path[192];
        snprintf(path, sizeof path, "%s[%zu]", base, i);
        const json_t *rank = json_object_get(c, "rank");
        if (!str_member(c, "id") || !json_is_integer(rank) || json_integer_value(rank) < 1)
            return cat_fail(err, path, "a category needs a string 'id' and an integer 'rank' >= 1");
        const json_t *de = json_object_get(c, "directive_equivalent");
        if (de && !json_is_null(de) && !json_is_string(de))
            return cat_fail(err, path, "'directive_equivalent' must be a category name or null");
    }
    return NIS2_OK;
}

static nis2_status validate_options(const json_t *opts, const char *base, nis2_error *err)
{
    if (!opts)
        return NIS2_OK;
    if (!json_is_object(opts))
        return cat_fail(err, base, "must be an object");
    const char *k;
    const json_t *o;
    json_object_foreach((json_t *)opts, k, o) {
        const json_t *df = json_object_get(o, "directive_flag");
        if (!df)
            continue;
        char path[192];
        snprintf(path, sizeof path, "%.100s.%.60s.directive_flag", base, k);
        if (!json_is_object(df))
            return cat_fail(err, path, "must be an object {flag: true|false}");
        const char *fk;
        const json_t *fv;
        json_object_foreach((json_t *)df, fk, fv) {
            uint32_t f;
            if (!nis2i_flag_from_name(fk, &f) || !json_is_boolean(fv))
                return cat_fail(err, path, "'%.40s' must be an entity flag (lib/schema/FORMATS.md §entity) set to true or "
                                           "false", fk);
        }
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- authority rules, compiled (load time) */

/* authorities.rules as plain C: a rule is the conjunction of its conditions conds[first, first + n); a
 * category_in condition is the disjunction of names[first, first + n); national_key {k: v, ...} is one condition
 * per key. Every string is borrowed from the catalog document. */
enum { C_CATEGORY, C_FLAG, C_NATKEY, C_PREFIX, C_ROLE };

typedef struct auth_cond {
    int kind;                    /* C_* */
    uint32_t flag;               /* C_FLAG: flag id */
    uint32_t roles;              /* C_ROLE: bit (1 << nis2i_role) per role named */
    const char *str;             /* C_PREFIX: the prefix; C_NATKEY: the key */
    size_t len;                  /* C_PREFIX: strlen(str) */
    const json_t *val;           /* C_NATKEY: the value the key must equal */
    size_t first, n;             /* C_CATEGORY: names[first, first + n) */
} auth_cond;

typedef struct auth_rule {
    size_t first, n;             /* conds[first, first + n) */
    const char *authority;       /* NULL for "authority": null */
    const char *ref, *missing;
    bool draft_only;             /* "status": "draft_only" */
} auth_rule;

struct nis2i_auth {
    auth_rule *rules;
    size_t n_rules;
    auth_cond *conds;
    const char **names;
};

void nis2i_overlay_release(nis2i_overlay *ov)
{
    if (!ov->auth)
        return;
    free(ov->auth->rules);
    free(ov->auth->conds);
    free(ov->auth->names);
    free(ov->auth);
    ov->auth = NULL;
}

/* The rules were validated by validate_authorities. */
static nis2_status compile_authorities(nis2i_overlay *ov, nis2_error *err)
{
    const json_t *rules = json_object_get(json_object_get(ov->doc, "authorities"), "rules");
    size_t n_rules = json_array_size(rules), n_conds = 0, n_names = 0;
    size_t i;
    const json_t *rule;
    const char *ck;
    const json_t *cv;
    if (n_rules == 0)
        return NIS2_OK;
    json_array_foreach(rules, i, rule) {
        json_object_foreach(json_object_get(rule, "when"), ck, cv) {
            if (strcmp(ck, "national_key") == 0)
                n_conds += json_object_size(cv);
            else
                n_conds++;
            if (strcmp(ck, "category_in") == 0)
                n_names += json_array_size(cv);
        }
    }
    struct nis2i_auth *a = calloc(1, sizeof *a);
    if (!a)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    ov->auth = a;
    a->rules = calloc(n_rules, sizeof *a->rules);
    a->conds = calloc(n_conds ? n_conds : 1, sizeof *a->conds);
    a->names = calloc(n_names ? n_names : 1, sizeof *a->names);
    if (!a->rules || !a->conds || !a->names)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    size_t nc = 0, nn = 0;
    json_array_foreach(rules, i, rule) {
        auth_rule *ar = &a->rules[a->n_rules++];
        const char *status = str_member(rule, "status");
        ar->authority = str_member(rule, "authority");
        ar->ref = str_member(rule, "ref");
        ar->missing = str_member(rule, "missing");
        ar->draft_only = status && strcmp(status, "draft_only") == 0;
        ar->first = nc;
        json_object_foreach(json_object_get(rule, "when"), ck, cv) {
            if (strcmp(ck, "national_key") == 0) {
                const char *nk;
                const json_t *nv;
                json_object_foreach((json_t *)cv, nk, nv) {
                    auth_cond *c = &a->conds[nc++];
                    c->kind = C_NATKEY;
                    c->str = nk;
                    c->val = nv;
                }
                continue;
            }
            auth_cond *c = &a->conds[nc++];
            size_t j;
            const json_t *x;
            if (strcmp(ck, "category_in") == 0) {
                c->kind = C_CATEGORY;
                c->first = nn;
                json_array_foreach(cv, j, x) a->names[nn++] = json_string_value(x);
                c->n = nn - c->first;
            } else if (strcmp(ck, "flag") == 0) {
                c->kind = C_FLAG;
                nis2i_flag_from_name(json_string_value(cv), &c->flag);
            } else if (strcmp(ck, "code_prefix") == 0) {
                c->kind = C_PREFIX;
                c->str = json_string_value(cv);
                c->len = strlen(c->str);
            } else {             /* role_in */
                c->kind = C_ROLE;
                json_array_foreach(cv, j, x) {
                    nis2i_role role;
                    if (nis2i_role_from_name(json_string_value(x), &role))
                        c->roles |= 1u << role;
                }
            }
        }
        ar->n = nc - ar->first;
    }
    return NIS2_OK;
}

nis2_status nis2i_overlay_validate(nis2i_overlay *ov, size_t index, nis2_error *err)
{
    char base[128];
    nis2_status st;
    snprintf(base, sizeof base, "$.overlays[%zu].national_keys", index);
    if ((st = validate_national_keys(json_object_get(ov->doc, "national_keys"), base, err)))
        return st;
    snprintf(base, sizeof base, "$.overlays[%zu].authorities", index);
    if ((st = validate_authorities(ov, json_object_get(ov->doc, "authorities"), base, err)))
        return st;
    if ((st = compile_authorities(ov, err)))
        return st;
    snprintf(base, sizeof base, "$.overlays[%zu].categories", index);
    if ((st = validate_categories(json_object_get(ov->doc, "categories"), base, err)))
        return st;
    snprintf(base, sizeof base, "$.overlays[%zu].options", index);
    return validate_options(json_object_get(ov->doc, "options"), base, err);
}

/* ---------------------------------------------------------------- entity.national.<CC> (parse time) */

nis2_status nis2i_overlay_check_national(const nis2i_overlay *ov, const json_t *obj, const char *path, nis2_error *err)
{
    const json_t *keys = json_object_get(ov->doc, "national_keys");
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)obj, k, v) {
        if (k[0] == 'x' && k[1] == '_')
            continue;
        char kp[128];
        snprintf(kp, sizeof kp, "%s.%.48s", path, k);
        const json_t *d = json_object_get(keys, k);
        if (!d)
            return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, kp, "%s: unknown key (the %s overlay does not define it)", kp, ov->law);
        const char *type = str_member(d, "type");
        if (json_is_null(v))
            continue;            /* null means "not given" */
        if (strcmp(type, "boolean") == 0) {
            if (!json_is_boolean(v))
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected true or false", kp);
        } else if (strcmp(type, "number") == 0) {
            if (!json_is_number(v) || json_number_value(v) < 0)
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected a number >= 0", kp);
        } else if (strcmp(type, "date") == 0) {
            if (!json_is_string(v) || !nis2i_is_date_shape(json_string_value(v)))
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected a date YYYY-MM-DD", kp);
        } else if (strcmp(type, "enum") == 0) {
            const json_t *vals = json_object_get(d, "values");
            bool ok = false;
            size_t i;
            const json_t *x;
            json_array_foreach(vals, i, x) ok |= json_is_string(v) && strcmp(json_string_value(x), json_string_value(v)) == 0;
            if (!ok) {
                nis2i_buf b = {0};
                json_array_foreach(vals, i, x) {
                    nis2i_buf_printf(&b, "%s\"%s\"", i ? ", " : "", json_string_value(x));
                }
                nis2_status st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected one of %s", kp,
                                            b.data && !b.oom ? b.data : "the values of the overlay");
                nis2i_buf_free(&b);
                return st;
            }
        } else if (strcmp(type, "codes") == 0) {      /* an array of activity codes of the catalog */
            if (!json_is_array(v) || json_array_size(v) > NIS2I_NAT_MAX_CODES)
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected an array of at most %d activity codes", kp,
                                  NIS2I_NAT_MAX_CODES);
            size_t i;
            const json_t *x;
            json_array_foreach(v, i, x) {
                if (!json_is_string(x) || !nis2i_etype_find(ov->ctx, json_string_value(x), NULL)) {
                    char ip[160];
                    snprintf(ip, sizeof ip, "%s[%zu]", kp, i);
                    return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, ip, "%s: expected an entity-type code of the catalog", ip);
                }
            }
        } else if (!json_is_string(v)) {
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected a string", kp);
        }
    }
    return NIS2_OK;
}

nis2_status nis2i_overlay_check_national_codes(const nis2i_overlay *ov, const json_t *obj, const char *path,
                                               const nis2_entity *e, nis2_error *err)
{
    const json_t *keys = json_object_get(ov->doc, "national_keys");
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)obj, k, v) {
        const char *type = str_member(json_object_get(keys, k), "type");
        if (!type || strcmp(type, "codes") != 0 || !json_is_array(v))
            continue;
        size_t i;
        const json_t *x;
        json_array_foreach(v, i, x) {
            uint32_t idx;
            bool has = false;
            if (nis2i_etype_find(ov->ctx, json_string_value(x), &idx))
                for (size_t t = 0; t < e->n_types && !has; t++)
                    has = e->types[t] == idx;
            if (!has) {
                char ip[160];
                snprintf(ip, sizeof ip, "%s.%.48s[%zu]", path, k, i);
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, ip, "%s: '%.80s' is not one of the entity's activities", ip,
                                  json_string_value(x));
            }
        }
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- authority (classify time) */

static bool entity_has_prefix(const nis2_ctx *ctx, const nis2_entity *e, const char *prefix, size_t n)
{
    for (size_t i = 0; i < e->n_types; i++)
        if (strncmp(ctx->etypes[e->types[i]].code, prefix, n) == 0)
            return true;
    return false;
}

static bool entity_has_role_in(const nis2_ctx *ctx, const nis2_entity *e, uint32_t roles)
{
    for (size_t i = 0; i < e->n_types; i++)
        if (roles & (1u << ctx->etypes[e->types[i]].role))
            return true;
    return false;
}

/* entity.national.<CC>, looked up on the first national_key condition only. */
typedef struct nat_cache {
    const json_t *nat;
    bool done;
} nat_cache;

static bool rule_holds(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, const nis2_result *r,
                       const auth_rule *ar, nat_cache *nc)
{
    const struct nis2i_auth *a = ov->auth;
    for (size_t k = ar->first; k < ar->first + ar->n; k++) {
        const auth_cond *c = &a->conds[k];
        switch (c->kind) {
        case C_CATEGORY: {
            bool in = false;
            for (size_t j = c->first; j < c->first + c->n && !in; j++)
                in = strcmp(a->names[j], r->nat.category) == 0;
            if (!in)
                return false;
            break;
        }
        case C_FLAG:
            if (!nis2i_flag(e, c->flag))
                return false;
            break;
        case C_NATKEY:
            if (!nc->done) {
                nc->nat = nis2i_entity_national(e, ov->country);
                nc->done = true;
            }
            if (!json_equal(json_object_get(nc->nat, c->str), (json_t *)c->val))
                return false;
            break;
        case C_PREFIX:
            if (!entity_has_prefix(ctx, e, c->str, c->len))
                return false;
            break;
        default:                 /* C_ROLE */
            if (!entity_has_role_in(ctx, e, c->roles))
                return false;
            break;
        }
    }
    return true;
}

void nis2i_overlay_authority(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r)
{
    r->authority = NULL;
    if (!ov->auth)
        return;
    nat_cache nc = {NULL, false};
    for (size_t i = 0; i < ov->auth->n_rules; i++) {
        const auth_rule *ar = &ov->auth->rules[i];
        if (!rule_holds(ov, ctx, e, r, ar, &nc))
            continue;
        const char *a = ar->authority, *ref = ar->ref, *missing = ar->missing;
        r->authority = a;
        if (a && ref)
            nis2i_reason_add(r, ref, "Competent authority: %s", a);
        if (a && ar->draft_only)
            nis2i_reason_add(r, ref ? ref : ov->law,
                             "%s is named as competent authority only in a draft of the law; the published text was not confirmed on this point",
                             a);
        if (!a && missing) {
            nis2i_missing_add(r, missing);
            nis2i_reason_add(r, ref ? ref : ov->law, "The competent authority depends on %s, which is not given; the category stands",
                             missing);
        }
        return;
    }
}

/* ---------------------------------------------------------------- the generic path (data-only overlays) */

static const char *map_ref(const json_t *mapping, const char *dref, bool *mapped)
{
    size_t i;
    const json_t *m;
    *mapped = false;
    json_array_foreach(mapping, i, m) {
        const char *d = str_member(m, "directive");
        if (d && dref && strcmp(d, dref) == 0) {
            *mapped = true;
            return str_member(m, "national");      /* NULL when the provision has no national counterpart */
        }
    }
    return NULL;
}

static const char *national_category(const nis2i_overlay *ov, const char *dir_category)
{
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(ov->doc, "categories"), i, c) {
        const char *de = str_member(c, "directive_equivalent");
        if (de && strcmp(de, dir_category) == 0)
            return str_member(c, "id");
    }
    return NULL;
}

void nis2i_overlay_generic_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e,
                                    nis2_result *r)
{
    /* 1. the Directive's procedure with the options the Member State uses */
    nis2_entity ne = *e;
    const char *k;
    const json_t *o;
    bool changed = false;
    json_object_foreach(json_object_get(ov->doc, "options"), k, o) {
        const char *fk;
        const json_t *fv;
        json_object_foreach(json_object_get(o, "directive_flag"), fk, fv) {
            uint32_t f;
            if (!nis2i_flag_from_name(fk, &f))
                continue;
            bool want = json_is_true(fv);
            if (nis2i_flag(&ne, f) != want) {
                changed = true;
                const char *ref = str_member(o, "ref");
                nis2i_reason_add(r, ref ? ref : ov->law, "%s: the Member State %s the option of %s (flag %s taken as %s)", ov->law,
                                 want ? "uses" : "does not use", str_member(o, "directive_ref") ? str_member(o, "directive_ref") : k,
                                 fk, want ? "true" : "false");
            }
            ne.flags = want ? (ne.flags | NIS2I_FLAG_BIT(f)) : (ne.flags & ~NIS2I_FLAG_BIT(f));
        }
    }
    nis2i_verdict v = r->dir;
    const char *missing[8];
    size_t n_missing = r->n_missing;
    memcpy(missing, r->missing, sizeof missing);
    if (changed) {
        nis2_result tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.ctx = ctx;
        tmp.size = r->size;
        nis2i_directive_classify(ctx, &ne, &tmp);
        v = tmp.dir;
        n_missing = tmp.n_missing;
        memcpy(missing, tmp.missing, sizeof missing);
        if (tmp.oom)
            r->oom = true;
        free(tmp.reasons);
        nis2i_buf_free(&tmp.text);
    }

    /* 2. restate it with the national provisions */
    const json_t *mapping = json_object_get(json_object_get(ov->doc, "mapping"), "directive_to_national");
    nis2i_verdict *nv = &r->nat;
    memset(nv, 0, sizeof *nv);
    const char *cat = national_category(ov, v.category);
    nv->category = cat ? cat : v.category;
    nv->cat_id = cat ? nis2i_category_id_of(cat) : v.cat_id;
    bool mapped;
    const char *dec = map_ref(mapping, v.decided_by, &mapped);
    nv->decided_by = dec ? dec : v.decided_by;
    if (!dec && v.decided_by)
        nis2i_reason_add(r, v.decided_by, "%s: %s has no national counterpart in the overlay's mapping; the Directive's provision is cited",
                         ov->law, v.decided_by);
    for (size_t i = 0; i < v.n_grounds; i++) {
        const char *g = map_ref(mapping, v.grounds[i], &mapped);
        nis2i_verdict_add_ground(nv, mapped ? g : v.grounds[i]);
    }
    r->n_missing = n_missing;
    memcpy(r->missing, missing, sizeof missing);
    nis2i_reason_add(r, nv->decided_by ? nv->decided_by : ov->law,
                     "%s: the overlay has no rule function; the national answer is the Directive's procedure with the Member State's options, cited by the national provisions (category %s)",
                     ov->law, nv->category);
    nis2i_overlay_authority(ov, ctx, e, r);
}

void nis2i_overlay_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r)
{
    if (ov->ruleset) {
        nis2i_rules_classify(ov->ruleset, ctx, e, r);
        nis2i_overlay_authority(ov, ctx, e, r);
    } else {
        nis2i_overlay_generic_classify(ov, ctx, e, r);
    }
}
