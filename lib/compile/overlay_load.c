/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The overlay compiler: the parts of an overlay every overlay shares (lib/catalog/overlays/README.md) validated
 * at load time and compiled into model/overlay.h: national keys, authority rules, categories, options and the
 * mapping of Directive provisions. The "classification" rules are compiled by compile/rulec.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/json_parse.h"
#include "compile/overlay_load.h"
#include "compile/reader.h"
#include "model/names.h"
#include "util/util.h"

static const char *str_member(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* "catalog: <path>: <message>" at the reader's path (compile/reader.h). */
#define FAIL(R, ...) nis2i_rd_bad((R), __VA_ARGS__)

/* Push key cut to at most max bytes (the paths name long keys by their start). */
static void push_cut(nis2i_reader *R, const char *key, int max)
{
    char cut[100];
    snprintf(cut, sizeof cut, "%.*s", max, key);
    nis2i_rd_push_key(R, cut);
}

/* ---------------------------------------------------------------- validation of the shared parts (load time) */

static const char *const key_types[] = {"boolean", "enum", "date", "number", "string", "codes", NULL};

static nis2_status validate_national_keys(const json_t *keys, nis2i_reader *R)
{
    if (!keys)
        return NIS2_OK;
    if (!json_is_object(keys))
        return FAIL(R, "must be an object of key descriptions");
    const char *k;
    const json_t *d;
    json_object_foreach((json_t *)keys, k, d) {
        push_cut(R, k, 64);
        const char *type = str_member(d, "type");
        size_t i;
        for (i = 0; type && key_types[i]; i++)
            if (strcmp(key_types[i], type) == 0)
                break;
        if (!type || !key_types[i])
            return FAIL(R, "'type' must be boolean, enum, date, number, string or codes");
        if (strcmp(type, "enum") == 0) {
            const json_t *vals = json_object_get(d, "values");
            if (!json_is_array(vals) || json_array_size(vals) == 0)
                return FAIL(R, "an enum needs a non-empty 'values' array");
            size_t j;
            const json_t *x;
            json_array_foreach(vals, j, x) if (!json_is_string(x)) return FAIL(R, "'values' must be strings");
        }
        nis2i_rd_pop(R);
    }
    return NIS2_OK;
}

static const char *const cond_keys[] = {"category_in", "flag", "national_key", "code_prefix", "role_in", NULL};

static nis2_status validate_authorities(const nis2i_overlay *ov, const json_t *auth, nis2i_reader *R)
{
    if (!auth)
        return NIS2_OK;
    const json_t *rules = json_object_get(auth, "rules");
    nis2i_rd_push_key(R, "rules");
    if (!json_is_array(rules))
        return FAIL(R, "must be an array of {when, authority} rules");
    size_t i;
    const json_t *rule;
    json_array_foreach(rules, i, rule) {
        nis2i_rd_push_index(R, i);
        const json_t *when = json_object_get(rule, "when");
        const json_t *a = json_object_get(rule, "authority");
        if (!json_is_object(when))
            return FAIL(R, "'when' must be an object");
        if (!a || !(json_is_string(a) || json_is_null(a)))
            return FAIL(R, "'authority' must be a string or null");
        const char *ck;
        const json_t *cv;
        json_object_foreach((json_t *)when, ck, cv) {
            size_t j;
            for (j = 0; cond_keys[j]; j++)
                if (strcmp(cond_keys[j], ck) == 0)
                    break;
            if (!cond_keys[j])
                return FAIL(R, "unknown condition '%.40s' (expected category_in, flag, national_key, code_prefix or role_in)", ck);
            if (strcmp(ck, "flag") == 0) {
                uint32_t f;
                if (!json_is_string(cv) || !nis2i_flag_from_name(json_string_value(cv), &f))
                    return FAIL(R, "'flag' must name an entity flag (lib/schema/FORMATS.md §entity)");
            } else if (strcmp(ck, "code_prefix") == 0) {
                if (!json_is_string(cv))
                    return FAIL(R, "'code_prefix' must be a string");
            } else if (strcmp(ck, "national_key") == 0) {
                if (!json_is_object(cv))
                    return FAIL(R, "'national_key' must be an object {key: value}");
                const char *nk;
                const json_t *nv;
                json_object_foreach((json_t *)cv, nk, nv) {
                    if (!json_object_get(json_object_get(ov->doc, "national_keys"), nk))
                        return FAIL(R, "'national_key' names '%.40s', which is not in national_keys", nk);
                    if (!json_is_boolean(nv) && !json_is_number(nv) && !json_is_string(nv))
                        return FAIL(R, "'national_key' '%.40s': the value must be a boolean, number or string (the value "
                                       "the fact must equal), not an array, object or null", nk);
                }
            } else {            /* category_in, role_in: arrays of strings */
                if (!json_is_array(cv))
                    return FAIL(R, "'%s' must be an array of strings", ck);
                size_t j2;
                const json_t *x;
                json_array_foreach(cv, j2, x) {
                    nis2i_role role;
                    if (!json_is_string(x))
                        return FAIL(R, "'%s' must be an array of strings", ck);
                    if (strcmp(ck, "role_in") == 0 && !nis2i_role_from_name(json_string_value(x), &role))
                        return FAIL(R, "unknown role '%.40s'", json_string_value(x));
                }
            }
        }
        nis2i_rd_pop(R);
    }
    nis2i_rd_pop(R);
    return NIS2_OK;
}

/* category_code: the public id (nis2_result_category_code()) a national category is given, above the Directive's
 * ids; no two loaded categories may claim the same. */
#define CODE_MAX 255
static nis2_status validate_category_code(const nis2i_overlay *ov, const json_t *c, nis2i_reader *R)
{
    const json_t *code = json_object_get(c, "category_code");
    if (!code || json_is_null(code))
        return NIS2_OK;
    const char *id = str_member(c, "id");
    if (!json_is_integer(code) || json_integer_value(code) <= NIS2_CATEGORY_NATIONAL ||
        json_integer_value(code) > CODE_MAX)
        return FAIL(R, "'category_code' must be an integer from %u to %u (the Directive's categories "
                                   "have theirs) or null", NIS2_CATEGORY_NATIONAL + 1, CODE_MAX);
    if (nis2i_category_id_of(id) != NIS2_CATEGORY_NATIONAL)
        return FAIL(R, "'%.64s' is a Directive category: its id is the Directive's, so it takes no "
                                   "'category_code'", id);
    uint32_t want = (uint32_t)json_integer_value(code);
    for (const nis2i_overlay *o = ov->ctx ? ov->ctx->overlays : NULL; o && o <= ov; o++) {
        size_t i;
        const json_t *x;
        json_array_foreach(json_object_get(o->doc, "categories"), i, x) {
            if (x == c)
                return NIS2_OK;
            if (json_is_integer(json_object_get(x, "category_code")) &&
                (uint32_t)json_integer_value(json_object_get(x, "category_code")) == want)
                return FAIL(R, "category_code %u is already the code of '%.64s' (%s)", want,
                                str_member(x, "id") ? str_member(x, "id") : "?", o->country);
        }
    }
    return NIS2_OK;
}

static nis2_status validate_significance(const json_t *sig, nis2i_reader *R)
{
    if (!sig)
        return NIS2_OK;
    const char *ref = str_member(sig, "ref");
    if (!json_is_object(sig) || !ref || !*ref)
        return FAIL(R, "must be an object whose 'ref' names the national provision on significant "
                                   "incidents");
    return NIS2_OK;
}

static nis2_status validate_categories(const nis2i_overlay *ov, const json_t *cats, nis2i_reader *R)
{
    if (!cats)
        return NIS2_OK;
    if (!json_is_array(cats))
        return FAIL(R, "must be an array");
    size_t i;
    const json_t *c;
    json_array_foreach(cats, i, c) {
        nis2i_rd_push_index(R, i);
        const json_t *rank = json_object_get(c, "rank");
        if (!str_member(c, "id") || !json_is_integer(rank) || json_integer_value(rank) < 1)
            return FAIL(R, "a category needs a string 'id' and an integer 'rank' >= 1");
        const json_t *de = json_object_get(c, "directive_equivalent");
        if (de && !json_is_null(de) && !json_is_string(de))
            return FAIL(R, "'directive_equivalent' must be a category name or null");
        nis2_status st = validate_category_code(ov, c, R);
        if (st)
            return st;
        nis2i_rd_pop(R);
    }
    return NIS2_OK;
}

static nis2_status validate_options(const json_t *opts, nis2i_reader *R)
{
    if (!opts)
        return NIS2_OK;
    if (!json_is_object(opts))
        return FAIL(R, "must be an object");
    const char *k;
    const json_t *o;
    json_object_foreach((json_t *)opts, k, o) {
        const json_t *df = json_object_get(o, "directive_flag");
        if (!df)
            continue;
        push_cut(R, k, 60);
        nis2i_rd_push_key(R, "directive_flag");
        if (!json_is_object(df))
            return FAIL(R, "must be an object {flag: true|false}");
        const char *fk;
        const json_t *fv;
        json_object_foreach((json_t *)df, fk, fv) {
            uint32_t f;
            if (!nis2i_flag_from_name(fk, &f) || !json_is_boolean(fv))
                return FAIL(R, "'%.40s' must be an entity flag (lib/schema/FORMATS.md §entity) set to true or "
                                           "false", fk);
        }
        nis2i_rd_pop(R);
        nis2i_rd_pop(R);
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- compiled parts (load time) */

nis2_status nis2i_overlay_index_types(nis2i_overlay *ov, const nis2_ctx *ctx, nis2_error *err)
{
    for (size_t k = 0; ov->auth && k < ov->auth->n_conds; k++) {
        nis2i_auth_cond *c = &ov->auth->conds[k];
        if (c->kind != NIS2I_AC_PREFIX)
            continue;
        if (!(c->types = calloc(ctx->n_etypes + 1, 1)))
            return nis2i_nomem(err);
        for (size_t t = 0; t < ctx->n_etypes; t++)
            c->types[t] = strncmp(ctx->etypes[t].code, c->str, c->len) == 0;
    }
    nis2i_auth *a = ov->auth;
    if (!a)
        return NIS2_OK;
    free(a->untyped);
    free(a->by_type);
    a->words = (a->n_rules + 63) / 64;
    a->n_types = ctx->n_etypes;
    a->untyped = calloc(a->words + 1, sizeof *a->untyped);
    a->by_type = calloc(a->n_types * a->words + 1, sizeof *a->by_type);
    if (!a->untyped || !a->by_type)
        return nis2i_nomem(err);
    for (size_t i = 0; i < a->n_rules; i++) {
        const nis2i_auth_rule *ar = &a->rules[i];
        uint64_t bit = (uint64_t)1 << (i % 64);
        bool typed = false;
        for (size_t k = ar->first; k < ar->first + ar->n; k++) {
            const nis2i_auth_cond *c = &a->conds[k];
            if (c->kind != NIS2I_AC_PREFIX && c->kind != NIS2I_AC_ROLE)
                continue;
            typed = true;
            for (size_t t = 0; t < a->n_types; t++)
                if (c->kind == NIS2I_AC_PREFIX ? c->types[t] : (c->roles >> ctx->etypes[t].role) & 1u)
                    a->by_type[t * a->words + i / 64] |= bit;
        }
        if (!typed)
            a->untyped[i / 64] |= bit;
    }
    return NIS2_OK;
}

void nis2i_overlay_release(nis2i_overlay *ov)
{
    if (ov->auth) {
        for (size_t i = 0; ov->auth->conds && i < ov->auth->n_conds; i++)
            free(ov->auth->conds[i].types);
        free(ov->auth->rules);
        free(ov->auth->conds);
        free(ov->auth->names);
        free(ov->auth->untyped);
        free(ov->auth->by_type);
        free(ov->auth);
        ov->auth = NULL;
    }
    for (size_t i = 0; ov->keys && i < ov->n_keys; i++)
        free(ov->keys[i].values);
    free(ov->keys);
    ov->keys = NULL;
    ov->n_keys = 0;
    nis2i_map_free(&ov->key_index);
    free(ov->options);
    ov->options = NULL;
    free(ov->mapping);
    ov->mapping = NULL;
    free(ov->cats);
    ov->cats = NULL;
}

/* A catalog value as a national value (a key's default, an authority condition's value): boolean, string or
 * number; anything else stays ABSENT. */
static void natval_of(const json_t *v, nis2i_natval *o)
{
    memset(o, 0, sizeof *o);
    if (json_is_boolean(v)) {
        o->kind = NIS2I_NAT_BOOL;
        o->b = json_is_true(v);
    } else if (json_is_string(v)) {
        o->kind = NIS2I_NAT_STRING;
        o->str = json_string_value(v);
    } else if (json_is_number(v)) {
        o->kind = NIS2I_NAT_NUMBER;
        o->num = json_number_value(v);
        o->is_int = json_is_integer(v);
        o->inum = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
    }
}

/* national_keys (validated by validate_national_keys) into ov->keys, in the catalog's order. */
static nis2_status compile_keys(nis2i_overlay *ov, nis2i_reader *R)
{
    const json_t *keys = json_object_get(ov->doc, "national_keys");
    size_t n = json_object_size(keys);
    if (n == 0)
        return NIS2_OK;
    ov->keys = calloc(n, sizeof *ov->keys);
    NIS2I_CHECK_ALLOC(R, ov->keys);
    const char *k;
    const json_t *d;
    json_object_foreach((json_t *)keys, k, d) {
        nis2i_natkey *nk = &ov->keys[ov->n_keys];
        const char *type = str_member(d, "type");
        nk->name = k;
        nk->ref = str_member(d, "ref");
        nk->meaning = str_member(d, "meaning");
        for (size_t i = 0; key_types[i]; i++)
            if (strcmp(key_types[i], type) == 0)
                nk->type = (nis2i_nktype)i;
        if (nk->type == NIS2I_NK_ENUM) {
            const json_t *vals = json_object_get(d, "values");
            nk->values = calloc(json_array_size(vals), sizeof *nk->values);
            NIS2I_CHECK_ALLOC(R, nk->values);
            size_t j;
            const json_t *x;
            json_array_foreach(vals, j, x) nk->values[nk->n_values++] = json_string_value(x);
        }
        natval_of(json_object_get(d, "default"), &nk->dflt);
        NIS2I_CHECK_ALLOC(R, nis2i_map_put(&ov->key_index, k, (uint32_t)ov->n_keys) >= 0);
        ov->n_keys++;
    }
    return NIS2_OK;
}

/* The rules were validated by validate_authorities. */
static nis2_status compile_authorities(nis2i_overlay *ov, nis2i_reader *R)
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
    nis2i_auth *a = calloc(1, sizeof *a);
    NIS2I_CHECK_ALLOC(R, a);
    ov->auth = a;
    a->rules = calloc(n_rules, sizeof *a->rules);
    a->conds = calloc(n_conds ? n_conds : 1, sizeof *a->conds);
    a->names = calloc(n_names ? n_names : 1, sizeof *a->names);
    NIS2I_CHECK_ALLOC(R, a->rules && a->conds && a->names);
    size_t nc = 0, nn = 0;
    json_array_foreach(rules, i, rule) {
        nis2i_auth_rule *ar = &a->rules[a->n_rules++];
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
                    nis2i_auth_cond *c = &a->conds[nc++];
                    uint32_t kn = 0;
                    c->kind = NIS2I_AC_NATKEY;
                    nis2i_map_get(&ov->key_index, nk, &kn);      /* validated: the key is declared */
                    c->key = (int32_t)kn;
                    natval_of(nv, &c->val);
                }
                continue;
            }
            nis2i_auth_cond *c = &a->conds[nc++];
            size_t j;
            const json_t *x;
            if (strcmp(ck, "category_in") == 0) {
                c->kind = NIS2I_AC_CATEGORY;
                c->first = nn;
                json_array_foreach(cv, j, x) a->names[nn++] = json_string_value(x);
                c->n = nn - c->first;
            } else if (strcmp(ck, "flag") == 0) {
                c->kind = NIS2I_AC_FLAG;
                nis2i_flag_from_name(json_string_value(cv), &c->flag);
                ar->need_flags |= NIS2I_FLAG_BIT(c->flag);
            } else if (strcmp(ck, "code_prefix") == 0) {
                c->kind = NIS2I_AC_PREFIX;
                c->str = json_string_value(cv);
                c->len = strlen(c->str);
            } else {             /* role_in */
                c->kind = NIS2I_AC_ROLE;
                json_array_foreach(cv, j, x) {
                    nis2i_role role;
                    if (nis2i_role_from_name(json_string_value(x), &role))
                        c->roles |= 1u << role;
                }
            }
        }
        ar->n = nc - ar->first;
    }
    a->n_conds = nc;
    return NIS2_OK;
}

/* options (validated), mapping.directive_to_national and categories, for the generic path. */
static nis2_status compile_generic(nis2i_overlay *ov, nis2i_reader *R)
{
    const json_t *opts = json_object_get(ov->doc, "options");
    const char *k;
    const json_t *o;
    if (json_object_size(opts)) {
        ov->options = calloc(json_object_size(opts), sizeof *ov->options);
        NIS2I_CHECK_ALLOC(R, ov->options);
        json_object_foreach((json_t *)opts, k, o) {
            const json_t *df = json_object_get(o, "directive_flag");
            if (!df)
                continue;
            nis2i_ov_option *op = &ov->options[ov->n_options++];
            op->name = k;
            op->ref = str_member(o, "ref");
            op->directive_ref = str_member(o, "directive_ref");
            const char *fk;
            const json_t *fv;
            json_object_foreach((json_t *)df, fk, fv) {
                uint32_t f;
                if (!nis2i_flag_from_name(fk, &f) || op->n_flags > NIS2I_FLAG_MAX)
                    continue;
                op->flags[op->n_flags] = f;
                op->flag_name[op->n_flags] = fk;
                op->want[op->n_flags++] = json_is_true(fv);
            }
        }
    }
    const json_t *mapping = json_object_get(json_object_get(ov->doc, "mapping"), "directive_to_national");
    size_t i;
    const json_t *m;
    if (json_array_size(mapping)) {
        ov->mapping = calloc(json_array_size(mapping), sizeof *ov->mapping);
        NIS2I_CHECK_ALLOC(R, ov->mapping);
        json_array_foreach(mapping, i, m) {
            const char *d = str_member(m, "directive");
            if (!d)
                continue;
            ov->mapping[ov->n_mapping].directive = d;
            ov->mapping[ov->n_mapping++].national = str_member(m, "national");
        }
    }
    const json_t *cats = json_object_get(ov->doc, "categories");
    if (json_array_size(cats)) {
        ov->cats = calloc(json_array_size(cats), sizeof *ov->cats);
        NIS2I_CHECK_ALLOC(R, ov->cats);
        json_array_foreach(cats, i, m) {
            nis2i_ov_cat *c = &ov->cats[ov->n_cats++];
            c->id = str_member(m, "id");
            c->directive_equivalent = str_member(m, "directive_equivalent");
            const json_t *label = json_object_get(m, "label"), *rank = json_object_get(m, "rank");
            c->label = json_is_string(label) ? json_string_value(label) : str_member(label, "en");
            c->ref = str_member(m, "ref");
            c->rank = json_is_integer(rank) && json_integer_value(rank) > 0 ? (uint32_t)json_integer_value(rank) : 0;
            const json_t *code = json_object_get(m, "category_code");
            c->code = nis2i_category_id_of(c->id);
            if (c->code == NIS2_CATEGORY_NATIONAL && json_is_integer(code))
                c->code = (uint32_t)json_integer_value(code);
        }
    }
    ov->significance_ref = str_member(json_object_get(ov->doc, "significance"), "ref");
    return NIS2_OK;
}

nis2_status nis2i_overlay_validate(nis2i_overlay *ov, size_t index, nis2_error *err)
{
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$.overlays");
    nis2i_rd_push_index(&R, index);
    nis2_status st;
    nis2i_rd_push_key(&R, "national_keys");
    if ((st = validate_national_keys(json_object_get(ov->doc, "national_keys"), &R)))
        return st;
    if ((st = compile_keys(ov, &R)))
        return st;
    nis2i_rd_pop(&R);
    nis2i_rd_push_key(&R, "authorities");
    if ((st = validate_authorities(ov, json_object_get(ov->doc, "authorities"), &R)))
        return st;
    if ((st = compile_authorities(ov, &R)))
        return st;
    nis2i_rd_pop(&R);
    nis2i_rd_push_key(&R, "categories");
    if ((st = validate_categories(ov, json_object_get(ov->doc, "categories"), &R)))
        return st;
    nis2i_rd_pop(&R);
    nis2i_rd_push_key(&R, "significance");
    if ((st = validate_significance(json_object_get(ov->doc, "significance"), &R)))
        return st;
    nis2i_rd_pop(&R);
    nis2i_rd_push_key(&R, "options");
    if ((st = validate_options(json_object_get(ov->doc, "options"), &R)))
        return st;
    nis2i_rd_pop(&R);
    return compile_generic(ov, &R);
}
