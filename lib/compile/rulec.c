/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The overlay rule compiler: an overlay's "classification" member (lib/catalog/overlays/README.md, "The rule
 * language") into the typed nis2i_ruleset that rules/interp.c evaluates. Everything the interpreter may meet is
 * checked here, once: unknown primitives, wrong arguments, dangling categories and codes, rules that can never
 * fire, nesting deeper than NIS2I_RULE_MAX_DEPTH. Every defect is NIS2_ERR_CATALOG naming its JSON path.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/json_parse.h"
#include "compile/reader.h"
#include "compile/facts.h"
#include "compile/rulec.h"
#include "model/names.h"
#include "model/overlay.h"

typedef struct rc {
    nis2i_reader R;
    const nis2_ctx *ctx;
    const json_t *ov;            /* the overlay object */
    const json_t *sets;          /* classification.sets */
    nis2i_ruleset *rs;
    int depth;
    bool in_after;               /* compiling the "after" notes */
} rc;

#define FAIL(C, ...) nis2i_rd_fail(&(C)->R, NIS2_ERR_CATALOG, NULL, __VA_ARGS__)
#define FAILK(C, K, ...) nis2i_rd_fail(&(C)->R, NIS2_ERR_CATALOG, (K), __VA_ARGS__)
#define NOMEM(C) nis2i_rd_nomem(&(C)->R)

/* Every member of obj is in keys (or starts with x_); else NIS2_ERR_CATALOG at the member. */
static bool known_keys(rc *C, const json_t *obj, const char *const *keys)
{
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)obj, k, v) {
        size_t i;
        for (i = 0; keys[i]; i++)
            if (strcmp(keys[i], k) == 0)
                break;
        if (!keys[i] && !(k[0] == 'x' && k[1] == '_')) {
            char list[400] = "";
            for (i = 0; keys[i]; i++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", keys[i]);
            FAILK(C, k, "unknown member '%.40s' (expected %s)", k, list);
            return false;
        }
    }
    return true;
}

/* ---------------------------------------------------------------- freeing */

static void expr_free(nis2i_rexpr *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->n_kids; i++)
        expr_free(x->kids[i]);
    free(x->kids);
    free(x->codes);
    free(x->not_codes);
    free(x->code_bits);
    free(x->not_code_bits);
    free(x->vals);
    free(x->names);
    free(x);
}

static void texts_free(nis2i_rtext *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        expr_free(t[i].when);
    free(t);
}

static void rule_free(nis2i_rule *r)
{
    expr_free(r->when);
    free(r->scope);
    free(r->missing);
    free(r->grounds);
    texts_free(r->reasons, r->n_reasons);
    texts_free(r->reasons_unknown, r->n_reasons_unknown);
    for (size_t i = 0; i < r->n_alts; i++)
        rule_free(&r->alts[i]);
    free(r->alts);
    free(r->gate.types);
    free(r->gate_also.types);
    free(r->pre);
}

static void rules_free(nis2i_rule *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rule_free(&r[i]);
    free(r);
}

void nis2i_ruleset_free(nis2i_ruleset *rs)
{
    if (!rs)
        return;
    free(rs->cat_ids);
    free(rs->cat_rank);
    free(rs->cat_code);
    for (size_t i = 0; i < rs->n_keys; i++)
        free(rs->key_missing[i]);
    for (size_t i = 0; i < rs->n_derived; i++) {
        expr_free(rs->derived[i].when);
        for (size_t j = 0; j < rs->derived[i].n_cases; j++)
            expr_free(rs->derived[i].case_when[j]);
        free(rs->derived[i].case_when);
        free(rs->derived[i].case_value);
        free(rs->derived[i].gate.types);
        for (size_t j = 0; rs->derived[i].case_gate && j < rs->derived[i].n_cases; j++)
            free(rs->derived[i].case_gate[j].types);
        free(rs->derived[i].case_gate);
    }
    for (size_t i = 0; i < rs->n_sizing; i++) {
        expr_free(rs->sizing[i].when);
        texts_free(rs->sizing[i].reasons, rs->sizing[i].n_reasons);
    }
    free(rs->sizing);
    rules_free(rs->rules, rs->n_rules);
    rules_free(rs->fallback, rs->n_fallback);
    rules_free(rs->after, rs->n_after);
    free(rs->rule_index);
    free(rs->atom_index);
    free(rs->rule_always);
    free(rs->rule_typed);
    free(rs->type_fact);
    free(rs);
}

/* ---------------------------------------------------------------- look-ups */

static int cat_index(const nis2i_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->n_cats; i++)
        if (strcmp(rs->cat_ids[i], id) == 0)
            return (int)i;
    return -1;
}

static int derived_index(const nis2i_ruleset *rs, const char *name)
{
    for (size_t i = 0; i < rs->n_derived; i++)
        if (strcmp(rs->derived[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const json_t *key_decl(const rc *C, const char *key)
{
    return json_object_get(json_object_get(C->ov, "national_keys"), key);
}

/* The slot of a national key (declared in national_keys), added on first use; -1 after a failure. */
static int key_slot(rc *C, const char *key)
{
    nis2i_ruleset *rs = C->rs;
    for (size_t i = 0; i < rs->n_keys; i++)
        if (strcmp(rs->keys[i], key) == 0)
            return (int)i;
    const json_t *d = key_decl(C, key);
    if (!json_is_object(d)) {
        FAIL(C, "national key '%.60s' is not declared in the overlay's national_keys", key);
        return -1;
    }
    if (rs->n_keys == NIS2I_RULE_MAX_KEYS) {
        FAIL(C, "more than %d national keys", NIS2I_RULE_MAX_KEYS);
        return -1;
    }
    size_t n = strlen(rs->country) + strlen(key) + 12;
    char *m = malloc(n);
    if (!m) {
        NOMEM(C);
        return -1;
    }
    snprintf(m, n, "national.%s.%s", rs->country, key);
    rs->keys[rs->n_keys] = key;
    rs->key_missing[rs->n_keys] = m;
    {                            /* the key tables of model/overlay.h follow national_keys in order */
        const char *k2;
        const json_t *d2;
        int32_t num = 0;
        json_object_foreach(json_object_get(C->ov, "national_keys"), k2, d2) {
            if (strcmp(k2, key) == 0)
                break;
            num++;
        }
        rs->key_num[rs->n_keys] = num;
    }
    const json_t *dv = json_object_get(d, "default");
    nis2i_natval *df = &rs->key_default[rs->n_keys];
    if (json_is_boolean(dv)) {
        df->kind = NIS2I_NAT_BOOL;
        df->b = json_is_true(dv);
    } else if (json_is_string(dv)) {
        df->kind = NIS2I_NAT_STRING;
        df->str = json_string_value(dv);
    } else if (json_is_number(dv)) {
        df->kind = NIS2I_NAT_NUMBER;
        df->num = json_number_value(dv);
    }
    return (int)rs->n_keys++;
}

/* ---------------------------------------------------------------- expressions */

static nis2_status compile_expr(rc *C, const json_t *j, nis2i_rexpr **out);

static nis2i_rexpr *new_expr(rc *C, nis2i_rx_kind kind)
{
    nis2i_rexpr *x = calloc(1, sizeof *x);
    if (!x) {
        NOMEM(C);
        return NULL;
    }
    x->kind = kind;
    x->integer = -1;
    x->not_in_slot = -1;
    return x;
}

/* A list of codes: an array of codes, one code, or "@set". Appends etype indices to *arr. */
static nis2_status code_list(rc *C, const json_t *j, uint32_t **arr, size_t *n)
{
    if (json_is_string(j) && json_string_value(j)[0] == '@') {
        const char *name = json_string_value(j) + 1;
        const json_t *s = json_object_get(C->sets, name);
        if (!json_is_array(s))
            return FAIL(C, "'@%.60s' names no set of classification.sets", name);
        j = s;
    }
    const json_t *one = json_is_string(j) ? j : NULL;
    size_t count = one ? 1 : json_array_size(j);
    if (!one && !json_is_array(j))
        return FAIL(C, "expected a code, an array of codes or \"@set\"");
    *arr = calloc(count ? count : 1, sizeof **arr);
    if (!*arr)
        return NOMEM(C);
    for (size_t i = 0; i < count; i++) {
        const json_t *c = one ? one : json_array_get(j, i);
        uint32_t idx;
        if (!json_is_string(c))
            return FAIL(C, "expected a code, an array of codes or \"@set\"");
        if (!nis2i_etype_find(C->ctx, json_string_value(c), &idx))
            return FAIL(C, "'%.80s' is not an entity type of the catalog", json_string_value(c));
        (*arr)[(*n)++] = idx;
    }
    return NIS2_OK;
}

static nis2_status role_mask(rc *C, const json_t *j, uint32_t *mask)
{
    const json_t *one = json_is_string(j) ? j : NULL;
    if (!one && !json_is_array(j))
        return FAIL(C, "expected a role or an array of roles");
    size_t count = one ? 1 : json_array_size(j);
    for (size_t i = 0; i < count; i++) {
        const json_t *c = one ? one : json_array_get(j, i);
        nis2i_role role;
        if (!json_is_string(c) || !nis2i_role_from_name(json_string_value(c), &role))
            return FAIL(C, "unknown role '%.60s'", json_is_string(c) ? json_string_value(c) : "?");
        *mask |= 1u << role;
    }
    return NIS2_OK;
}

static const char *const activity_keys[] = {"annex", "role", "not_role", "code", "not_code", "prefix", "at_least",
                                            "not_in_national", NULL};

static nis2_status compile_activity(rc *C, const json_t *a, nis2i_rexpr *x)
{
    nis2_status st;
    if (!json_is_object(a))
        return FAIL(C, "'activity' expects an object of constraints");
    if (!known_keys(C, a, activity_keys))
        return C->R.st;
    x->at_least = 1;
    x->not_in_slot = -1;
    x->n_words = (C->ctx->n_etypes + 63) / 64;
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)a, k, v) {
        nis2i_rd_push_key(&C->R, k);
        if (strcmp(k, "annex") == 0) {
            const json_t *one = json_is_integer(v) ? v : NULL;
            if (!one && !json_is_array(v)) {
                st = FAIL(C, "expected 0, 1, 2 or an array of them");
                nis2i_rd_pop(&C->R);
                return st;
            }
            for (size_t i = 0; i < (one ? 1 : json_array_size(v)); i++) {
                const json_t *n = one ? one : json_array_get(v, i);
                if (!json_is_integer(n) || json_integer_value(n) < 0 || json_integer_value(n) > 2) {
                    st = FAIL(C, "an annex is 0 (none), 1 or 2");
                    nis2i_rd_pop(&C->R);
                    return st;
                }
                x->annex_mask |= 1u << json_integer_value(n);
            }
            if (!x->annex_mask) {
                st = FAIL(C, "an empty list of annexes can never match");
                nis2i_rd_pop(&C->R);
                return st;
            }
            st = NIS2_OK;
        } else if (strcmp(k, "role") == 0) {
            st = role_mask(C, v, &x->role_mask);
        } else if (strcmp(k, "not_role") == 0) {
            st = role_mask(C, v, &x->not_role_mask);
        } else if (strcmp(k, "code") == 0) {
            st = code_list(C, v, &x->codes, &x->n_codes);
            if (!st && x->n_codes == 0)
                st = FAIL(C, "an empty list of codes can never match");
        } else if (strcmp(k, "not_code") == 0) {
            st = code_list(C, v, &x->not_codes, &x->n_not_codes);
        } else if (strcmp(k, "prefix") == 0) {
            if (!json_is_string(v) || !json_string_value(v)[0])
                st = FAIL(C, "expected a non-empty code prefix");
            else {
                x->prefix = json_string_value(v);
                x->prefix_len = strlen(x->prefix);
                st = NIS2_OK;
            }
        } else if (strcmp(k, "not_in_national") == 0) {   /* the codes listed in a "codes" key do not count */
            const json_t *d = json_is_string(v) ? key_decl(C, json_string_value(v)) : NULL;
            const char *type = json_string_value(json_object_get(d, "type"));
            int slot;
            if (!type || strcmp(type, "codes") != 0)
                st = FAIL(C, "expected the name of a national key of type codes");
            else if ((slot = key_slot(C, json_string_value(v))) < 0)
                st = C->R.st;
            else {
                x->not_in_slot = slot;
                st = NIS2_OK;
            }
        } else {                 /* at_least */
            if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > NIS2I_MAX_ACTIVITIES)
                st = FAIL(C, "expected an integer from 1 to %d", NIS2I_MAX_ACTIVITIES);
            else {
                x->at_least = (unsigned)json_integer_value(v);
                st = NIS2_OK;
            }
        }
        nis2i_rd_pop(&C->R);
        if (st)
            return st;
    }
    if (x->n_codes && !(x->code_bits = calloc(x->n_words ? x->n_words : 1, sizeof *x->code_bits)))
        return NOMEM(C);
    if (x->n_not_codes && !(x->not_code_bits = calloc(x->n_words ? x->n_words : 1, sizeof *x->not_code_bits)))
        return NOMEM(C);
    for (size_t i = 0; i < x->n_codes; i++)
        x->code_bits[x->codes[i] / 64] |= (uint64_t)1 << (x->codes[i] % 64);
    for (size_t i = 0; i < x->n_not_codes; i++)
        x->not_code_bits[x->not_codes[i] / 64] |= (uint64_t)1 << (x->not_codes[i] % 64);
    return NIS2_OK;
}

static nis2_status natval_of(rc *C, const json_t *decl, const json_t *v, nis2i_natval *out)
{
    const char *type = json_string_value(json_object_get(decl, "type"));
    type = type ? type : "string";
    if (strcmp(type, "boolean") == 0) {
        if (!json_is_boolean(v))
            return FAIL(C, "the key is a boolean: expected true or false");
        out->kind = NIS2I_NAT_BOOL;
        out->b = json_is_true(v);
    } else if (strcmp(type, "number") == 0) {
        if (!json_is_number(v))
            return FAIL(C, "the key is a number: expected a number");
        out->kind = NIS2I_NAT_NUMBER;
        out->num = json_number_value(v);
    } else {
        if (!json_is_string(v))
            return FAIL(C, "the key is a %s: expected a string", type);
        if (strcmp(type, "enum") == 0) {
            bool ok = false;
            size_t i;
            const json_t *e;
            json_array_foreach(json_object_get(decl, "values"), i, e) ok |= json_is_string(e) && strcmp(json_string_value(e), json_string_value(v)) == 0;
            if (!ok)
                return FAIL(C, "'%.60s' is not a value of the enum key", json_string_value(v));
        }
        out->kind = NIS2I_NAT_STRING;
        out->str = json_string_value(v);
    }
    return NIS2_OK;
}

static nis2_status compile_national(rc *C, const json_t *j, nis2i_rexpr *x)
{
    static const char *const keys[] = {"national", "eq", "in", "at_least", NULL};
    if (!known_keys(C, j, keys))
        return C->R.st;
    const json_t *k = json_object_get(j, "national");
    if (!json_is_string(k))
        return FAILK(C, "national", "expected the name of a national key");
    nis2i_rd_push_key(&C->R, "national");
    int slot = key_slot(C, json_string_value(k));
    nis2i_rd_pop(&C->R);
    if (slot < 0)
        return C->R.st;
    x->slot = (size_t)slot;
    const json_t *decl = key_decl(C, json_string_value(k));
    const char *type = json_string_value(json_object_get(decl, "type"));
    const json_t *eq = json_object_get(j, "eq"), *in = json_object_get(j, "in"), *al = json_object_get(j, "at_least");
    if (!!eq + !!in + !!al > 1)
        return FAIL(C, "give one of eq, in, at_least");
    nis2_status st = NIS2_OK;
    if (eq || in) {
        x->nop = eq ? NIS2I_NOP_EQ : NIS2I_NOP_IN;
        nis2i_rd_push_key(&C->R, eq ? "eq" : "in");
        size_t n = eq ? 1 : json_array_size(in);
        if (in && !json_is_array(in))
            st = FAIL(C, "expected an array of values");
        else if (in && n == 0)
            st = FAIL(C, "an empty list of values can never match");
        else if (!(x->vals = calloc(n, sizeof *x->vals)))
            st = NOMEM(C);
        for (size_t i = 0; !st && i < n; i++) {
            if (in)
                nis2i_rd_push_index(&C->R, i);
            st = natval_of(C, decl, eq ? eq : json_array_get(in, i), &x->vals[i]);
            if (in)
                nis2i_rd_pop(&C->R);
            x->n_vals++;
        }
        nis2i_rd_pop(&C->R);
    } else if (al) {
        x->nop = NIS2I_NOP_AT_LEAST;
        if (!type || strcmp(type, "number") != 0)
            st = FAILK(C, "at_least", "at_least needs a number key");
        else if (!json_is_number(al))
            st = FAILK(C, "at_least", "expected a number");
        else if ((x->vals = calloc(1, sizeof *x->vals)) == NULL)
            st = NOMEM(C);
        else {
            x->vals[0].kind = NIS2I_NAT_NUMBER;
            x->vals[0].num = json_number_value(al);
            x->n_vals = 1;
        }
    } else {
        x->nop = NIS2I_NOP_TRUE;
        if (!type || strcmp(type, "boolean") != 0)
            st = FAIL(C, "without eq, in or at_least the key must be a boolean");
    }
    return st;
}

static const char *const figure_names[] = {"employees", "turnover_eur", "balance_sheet_eur", NULL};

static nis2_status compile_figure(rc *C, const json_t *j, nis2i_rexpr *x)
{
    static const char *const keys[] = {"figure", "gt", "gte", "lt", "lte", "between", "integer", NULL};
    if (!known_keys(C, j, keys))
        return C->R.st;
    int f = nis2i_rd_enum(&C->R, j, "figure", figure_names, true);
    if (f < 0)
        return C->R.st;
    x->figure = f;
    const json_t *gt = json_object_get(j, "gt"), *gte = json_object_get(j, "gte"), *lt = json_object_get(j, "lt"),
                 *lte = json_object_get(j, "lte"), *bw = json_object_get(j, "between"), *in = json_object_get(j, "integer");
    if ((gt && gte) || (lt && lte) || (bw && (gt || gte || lt || lte)))
        return FAIL(C, "give one lower bound (gt or gte) and one upper bound (lt or lte), or 'between'");
    if (bw) {
        if (!json_is_array(bw) || json_array_size(bw) != 2 || !json_is_number(json_array_get(bw, 0)) ||
            !json_is_number(json_array_get(bw, 1)))
            return FAILK(C, "between", "expected [low, high] (both included)");
        x->has_lo = x->has_hi = true;
        x->lo = json_number_value(json_array_get(bw, 0));
        x->hi = json_number_value(json_array_get(bw, 1));
    }
    if (gt || gte) {
        if (!json_is_number(gt ? gt : gte))
            return FAILK(C, gt ? "gt" : "gte", "expected a number");
        x->has_lo = true;
        x->lo_strict = gt != NULL;
        x->lo = json_number_value(gt ? gt : gte);
    }
    if (lt || lte) {
        if (!json_is_number(lt ? lt : lte))
            return FAILK(C, lt ? "lt" : "lte", "expected a number");
        x->has_hi = true;
        x->hi_strict = lt != NULL;
        x->hi = json_number_value(lt ? lt : lte);
    }
    if (in) {
        if (!json_is_boolean(in))
            return FAILK(C, "integer", "expected true or false");
        x->integer = json_is_true(in) ? 1 : 0;
    }
    if (!x->has_lo && !x->has_hi && x->integer < 0)
        return FAIL(C, "a figure needs a bound (gt, gte, lt, lte, between) or 'integer'");
    if (x->has_lo && x->has_hi && (x->lo > x->hi || (x->lo == x->hi && (x->lo_strict || x->hi_strict))))
        return FAIL(C, "the bounds leave no value: the rule can never fire");
    return NIS2_OK;
}

static nis2_status name_list(rc *C, const json_t *v, bool categories, nis2i_rexpr *x)
{
    const json_t *one = json_is_string(v) ? v : NULL;
    if (!one && !json_is_array(v))
        return FAIL(C, "expected a name or an array of names");
    size_t n = one ? 1 : json_array_size(v);
    if (n == 0)
        return FAIL(C, "an empty list can never match");
    if (!(x->names = calloc(n, sizeof *x->names)))
        return NOMEM(C);
    for (size_t i = 0; i < n; i++) {
        const json_t *s = one ? one : json_array_get(v, i);
        if (!json_is_string(s))
            return FAIL(C, "expected a name or an array of names");
        if (categories && cat_index(C->rs, json_string_value(s)) < 0)
            return FAIL(C, "'%.60s' is not a category of the overlay", json_string_value(s));
        x->names[x->n_names++] = json_string_value(s);
    }
    return NIS2_OK;
}

static const char *const directive_categories[] = {"out_of_scope", "essential", "important", "domain_registration_only",
                                                   "member_state_option", "undetermined", NULL};

static nis2_status compile_leaf(rc *C, const char *k, const json_t *j, nis2i_rexpr **out)
{
    const json_t *v = json_object_get(j, k);
    nis2i_rexpr *x = NULL;
    nis2_status st = NIS2_OK;
#define NEW(kind) do { if (!(x = new_expr(C, (kind)))) return C->R.st; *out = x; } while (0)
    if (strcmp(k, "all") == 0 || strcmp(k, "any") == 0) {
        NEW(k[1] == 'l' ? NIS2I_RX_ALL : NIS2I_RX_ANY);
        if (json_object_size(j) != 1)
            return FAIL(C, "'%s' takes no other member", k);
        if (!json_is_array(v))
            return FAILK(C, k, "expected an array of conditions");
        if (json_array_size(v) == 0)
            return FAILK(C, k, "an empty '%s' is a constant: write true or false", k);
        if (!(x->kids = calloc(json_array_size(v), sizeof *x->kids)))
            return NOMEM(C);
        nis2i_rd_push_key(&C->R, k);
        for (size_t i = 0; !st && i < json_array_size(v); i++) {
            nis2i_rd_push_index(&C->R, i);
            st = compile_expr(C, json_array_get(v, i), &x->kids[i]);
            x->n_kids++;
            nis2i_rd_pop(&C->R);
        }
        nis2i_rd_pop(&C->R);
        return st;
    }
    if (strcmp(k, "not") == 0 || strcmp(k, "definitely") == 0 || strcmp(k, "is_unknown") == 0) {
        NEW(k[0] == 'n' ? NIS2I_RX_NOT : k[0] == 'd' ? NIS2I_RX_DEFINITELY : NIS2I_RX_IS_UNKNOWN);
        if (json_object_size(j) != 1)
            return FAIL(C, "'%s' takes no other member", k);
        if (!(x->kids = calloc(1, sizeof *x->kids)))
            return NOMEM(C);
        nis2i_rd_push_key(&C->R, k);
        st = compile_expr(C, v, &x->kids[0]);
        x->n_kids = 1;
        nis2i_rd_pop(&C->R);
        return st;
    }
    if (strcmp(k, "national") == 0) {
        NEW(NIS2I_RX_NATIONAL);
        return compile_national(C, j, x);
    }
    if (strcmp(k, "figure") == 0) {
        NEW(NIS2I_RX_FIGURE);
        return compile_figure(C, j, x);
    }
    if (strcmp(k, "derived") == 0) {
        static const char *const keys[] = {"derived", "eq", "in", "set", NULL};
        NEW(NIS2I_RX_DERIVED);
        if (!known_keys(C, j, keys))
            return C->R.st;
        int d = json_is_string(v) ? derived_index(C->rs, json_string_value(v)) : -1;
        if (d < 0)
            return FAILK(C, "derived", "expected the name of a derived fact defined before this point");
        x->derived = (size_t)d;
        const nis2i_derived *df = &C->rs->derived[d];
        const json_t *eq = json_object_get(j, "eq"), *in = json_object_get(j, "in"), *set = json_object_get(j, "set");
        if (!!eq + !!in + !!set > 1)
            return FAIL(C, "give one of eq, in, set");
        if (!df->is_string) {
            if (eq || in || set)
                return FAIL(C, "'%s' is a boolean fact: test it without eq, in or set", df->name);
            return NIS2_OK;
        }
        if (set) {
            if (!json_is_true(set))
                return FAILK(C, "set", "expected true");
            x->dop = 2;
            return NIS2_OK;
        }
        if (!eq && !in)
            return FAIL(C, "'%s' is a string fact: give eq, in or set", df->name);
        x->dop = 1;
        nis2i_rd_push_key(&C->R, eq ? "eq" : "in");
        st = name_list(C, eq ? eq : in, false, x);
        for (size_t i = 0; !st && i < x->n_names; i++) {
            bool known = false;
            for (size_t c = 0; c < df->n_cases; c++)
                if (strcmp(df->case_value[c], x->names[i]) == 0) {
                    known = true;
                    x->case_mask |= (uint64_t)1 << c;
                }
            if (!known)
                st = FAIL(C, "'%.60s' is never a value of '%s': the condition can never hold", x->names[i], df->name);
        }
        nis2i_rd_pop(&C->R);
        return st;
    }
    /* the remaining primitives take one member */
    if (json_object_size(j) != 1)
        return FAIL(C, "the condition '%.40s' takes no other member", k);
    nis2i_rd_push_key(&C->R, k);
    if (strcmp(k, "activity") == 0 || strcmp(k, "annex") == 0 || strcmp(k, "role") == 0 || strcmp(k, "code") == 0 ||
        strcmp(k, "prefix") == 0) {
        x = new_expr(C, NIS2I_RX_ACTIVITY);
        if (!x) {
            nis2i_rd_pop(&C->R);
            return C->R.st;
        }
        *out = x;
        if (strcmp(k, "activity") == 0) {
            st = compile_activity(C, v, x);
        } else {                 /* shorthand: {"role": [...]} is {"activity": {"role": [...]}} */
            nis2i_rd_pop(&C->R);
            st = compile_activity(C, j, x);
            return st;
        }
    } else if (strcmp(k, "flag") == 0) {
        x = new_expr(C, NIS2I_RX_FLAG);
        *out = x;
        if (x && (!json_is_string(v) || !nis2i_flag_from_name(json_string_value(v), &x->flag)))
            st = FAIL(C, "expected a flag of the entity format (lib/schema/FORMATS.md §entity)");
    } else if (strcmp(k, "designation") == 0) {
        static const char *const d[] = {"none", "essential", "important", NULL};
        x = new_expr(C, NIS2I_RX_DESIGNATION);
        *out = x;
        int i = -1;
        for (int n = 0; x && json_is_string(v) && d[n]; n++)
            if (strcmp(d[n], json_string_value(v)) == 0)
                i = n;
        if (x && i < 0)
            st = FAIL(C, "expected none, essential or important");
        else if (x)
            x->designation = i == 0 ? NIS2_DESIGNATION_NONE : i == 1 ? NIS2_DESIGNATION_ESSENTIAL : NIS2_DESIGNATION_IMPORTANT;
    } else if (strcmp(k, "size") == 0) {
        static const char *const s[] = {"medium_or_larger", "large", "medium", NULL};
        x = new_expr(C, NIS2I_RX_SIZE);
        *out = x;
        int i = -1;
        for (int n = 0; x && json_is_string(v) && s[n]; n++)
            if (strcmp(s[n], json_string_value(v)) == 0)
                i = n;
        if (x && i < 0)
            st = FAIL(C, "expected medium_or_larger, large or medium");
        else if (x)
            x->size_pred = i;
    } else if (strcmp(k, "size_class") == 0) {
        x = new_expr(C, NIS2I_RX_SIZE_CLASS);
        *out = x;
        const json_t *one = json_is_string(v) ? v : NULL;
        for (size_t i = 0; x && !st && i < (one ? 1 : json_array_size(v)); i++) {
            const json_t *c = one ? one : json_array_get(v, i);
            uint32_t cls = 0;
            for (uint32_t n = NIS2_SIZE_MICRO; n <= NIS2_SIZE_LARGE; n++)
                if (json_is_string(c) && strcmp(nis2i_size_name(n), json_string_value(c)) == 0)
                    cls = n;
            if (!cls)
                st = FAIL(C, "expected size classes (micro, small, medium, large)");
            else
                x->class_mask |= 1u << cls;
        }
        if (x && !st && !x->class_mask)
            st = FAIL(C, "an empty list of size classes can never match");
    } else if (strcmp(k, "directive") == 0) {
        static const char *const keys[] = {"category", "decided_by", NULL};
        x = new_expr(C, NIS2I_RX_DIRECTIVE);
        *out = x;
        if (x && !json_is_object(v))
            st = FAIL(C, "expected {\"category\": [...], \"decided_by\": \"...\"}");
        else if (x && !known_keys(C, v, keys))
            st = C->R.st;
        else if (x) {
            const json_t *c = json_object_get(v, "category"), *d = json_object_get(v, "decided_by");
            if (!c && !d)
                st = FAIL(C, "give category or decided_by");
            if (!st && c) {
                nis2i_rd_push_key(&C->R, "category");
                st = name_list(C, c, false, x);
                for (size_t i = 0; !st && i < x->n_names; i++) {
                    bool known = false;
                    for (size_t n = 0; directive_categories[n]; n++)
                        known |= strcmp(directive_categories[n], x->names[i]) == 0;
                    if (!known)
                        st = FAIL(C, "'%.60s' is not a category of the Directive", x->names[i]);
                }
                nis2i_rd_pop(&C->R);
            }
            if (!st && d) {
                if (!json_is_string(d))
                    st = FAILK(C, "decided_by", "expected a provision");
                else
                    x->decided_by = json_string_value(d);
            }
        }
    } else if (strcmp(k, "directive_differs") == 0) {
        x = new_expr(C, NIS2I_RX_DIRECTIVE_DIFFERS);
        *out = x;
        if (x && !json_is_true(v))
            st = FAIL(C, "expected true (negate with not)");
        else if (x && !C->in_after)
            st = FAIL(C, "'directive_differs' is known only after the resolver: use it in 'after'");
    } else if (strcmp(k, "category") == 0) {
        x = new_expr(C, NIS2I_RX_CATEGORY);
        *out = x;
        if (x)
            st = name_list(C, v, true, x);
    } else {
        st = FAIL(C, "unknown primitive '%.40s' (expected all, any, not, definitely, is_unknown, activity, annex, role, code, prefix, flag, designation, national, size, size_class, figure, directive, directive_differs, category or derived)", k);
    }
    nis2i_rd_pop(&C->R);
    if (!x && !st)
        st = C->R.st;
    return st;
#undef NEW
}

static nis2_status compile_expr(rc *C, const json_t *j, nis2i_rexpr **out)
{
    *out = NULL;
    if (++C->depth > NIS2I_RULE_MAX_DEPTH) {
        C->depth--;
        return FAIL(C, "conditions nest deeper than %d levels", NIS2I_RULE_MAX_DEPTH);
    }
    nis2_status st;
    if (json_is_boolean(j)) {
        nis2i_rexpr *x = new_expr(C, NIS2I_RX_CONST);
        *out = x;
        st = x ? NIS2_OK : C->R.st;
        if (x)
            x->constant = json_is_true(j);
    } else if (!json_is_object(j) || json_object_size(j) == 0) {
        st = FAIL(C, "expected a condition: true, false or an object naming one primitive");
    } else {
        /* the primitive is the one member that is not an operator argument */
        static const char *const heads[] = {"national", "figure", "derived", NULL};
        const char *head = NULL;
        for (size_t i = 0; heads[i] && !head; i++)
            if (json_object_get(j, heads[i]))
                head = heads[i];
        if (!head) {
            void *it = json_object_iter((json_t *)j);
            head = json_object_iter_key(it);
        }
        st = compile_leaf(C, head, j, out);
    }
    C->depth--;
    return st;
}

/* 1 always true, 0 never true, -1 depends on the entity. */
static int expr_const(const nis2i_rexpr *x)
{
    if (!x)
        return 1;
    int c, all = 1;
    switch (x->kind) {
    case NIS2I_RX_CONST:
        return x->constant;
    case NIS2I_RX_ALL:
        for (size_t i = 0; i < x->n_kids; i++) {
            if ((c = expr_const(x->kids[i])) == 0)
                return 0;
            if (c < 0)
                all = -1;
        }
        return all;
    case NIS2I_RX_ANY:
        all = 0;
        for (size_t i = 0; i < x->n_kids; i++) {
            if ((c = expr_const(x->kids[i])) == 1)
                return 1;
            if (c < 0)
                all = -1;
        }
        return all;
    case NIS2I_RX_NOT:
        c = expr_const(x->kids[0]);
        return c < 0 ? -1 : !c;
    case NIS2I_RX_DEFINITELY:
        return expr_const(x->kids[0]);
    case NIS2I_RX_IS_UNKNOWN:
        return expr_const(x->kids[0]) >= 0 ? 0 : -1;
    default:
        return -1;
    }
}

/* ---------------------------------------------------------------- gates and the rule index (model/ruleset.h) */

/* Derived from the compiled conditions, never written in the overlay: for a condition, the activities and atoms
 * (flags, designation, national keys given) outside which it cannot hold, so that the interpreter skips the rules and
 * derived facts that cannot apply to the entity. A gate is only ever a bound: "no bound" is always right. */
typedef struct gates {
    const nis2_ctx *ctx;
    const nis2i_ruleset *rs;
    size_t w;
    bool oom;
    nis2i_gate d_no[NIS2I_RULE_MAX_DERIVED];  /* boolean derived fact: false outside it */
    nis2i_gate d_ny[NIS2I_RULE_MAX_DERIVED];  /* boolean derived fact: not true outside it */
} gates;

static const nis2i_gate no_bound = {0, NULL, 0};

static void gate_clear(nis2i_gate *g)
{
    free(g->types);
    *g = no_bound;
}

static uint64_t *gate_types_new(gates *G)
{
    uint64_t *t = calloc(G->w ? G->w : 1, sizeof *t);
    if (!t)
        G->oom = true;
    return t;
}

static nis2i_gate gate_copy(gates *G, const nis2i_gate *src)
{
    nis2i_gate g = *src;
    if (src->types && (g.types = gate_types_new(G)) != NULL)
        memcpy(g.types, src->types, G->w * sizeof *g.types);
    else if (src->types)
        g = no_bound;
    return g;
}

/* acc |= add (both bounded); add is consumed. */
static void gate_union(gates *G, nis2i_gate *acc, nis2i_gate *add)
{
    acc->atoms |= add->atoms;
    if (add->types && !acc->types) {
        acc->types = add->types;
        add->types = NULL;
    } else if (add->types) {
        for (size_t w = 0; w < G->w; w++)
            acc->types[w] |= add->types[w];
    }
    gate_clear(add);
}

/* How often a gate opens, roughly: the types it names, and atoms as rare (but "no designation" as common). */
static size_t gate_weight(const gates *G, const nis2i_gate *g)
{
    size_t n = 0;
    for (size_t i = 0; g->types && i < G->w; i++)
        for (uint64_t v = g->types[i]; v; v &= v - 1)
            n++;
    for (uint64_t v = g->atoms; v; v &= v - 1)
        n += (v & -v) == NIS2I_ATOM_DESIGNATION(NIS2_DESIGNATION_NONE) ? G->ctx->n_etypes : 1;
    return n;
}

/* ny false: x is false (NO) outside the gate; ny true: x is not true (NO or unknown) outside it. */
static nis2i_gate gate_of(gates *G, const nis2i_rexpr *x, bool ny)
{
    nis2i_gate g = {0, NULL, 1}, k;
    if (!x || G->oom)
        return no_bound;
    switch (x->kind) {
    case NIS2I_RX_CONST:
        return x->constant ? no_bound : g;
    case NIS2I_RX_ACTIVITY:      /* never unknown: true only if some activity passes the type constraints */
        if (!(g.types = gate_types_new(G)))
            return no_bound;
        for (uint32_t t = 0; t < G->ctx->n_etypes; t++)
            if (nis2i_rx_activity_type(x, &G->ctx->etypes[t], t))
                g.types[t / 64] |= (uint64_t)1 << (t % 64);
        return g;
    case NIS2I_RX_FLAG:          /* never unknown */
        g.atoms = NIS2I_ATOM_FLAG(x->flag);
        return x->flag <= NIS2I_FLAG_MAX ? g : no_bound;
    case NIS2I_RX_DESIGNATION:   /* never unknown */
        g.atoms = NIS2I_ATOM_DESIGNATION(x->designation);
        return x->designation <= 2 ? g : no_bound;
    case NIS2I_RX_NATIONAL:      /* a key not given is unknown: not true, but not false either */
        for (size_t i = 0; i < x->n_vals; i++)   /* true on a boolean false: the atom does not bound it */
            if (x->vals[i].kind == NIS2I_NAT_BOOL && !x->vals[i].b)
                return no_bound;
        g.atoms = NIS2I_ATOM_NATIONAL(x->slot);
        return ny && x->slot < NIS2I_RULE_MAX_KEYS ? g : no_bound;
    case NIS2I_RX_ALL: {         /* false (not true) as soon as one part is: the part's gate that opens least */
        nis2i_gate best = no_bound;
        for (size_t i = 0; i < x->n_kids; i++) {
            k = gate_of(G, x->kids[i], ny);
            if (k.bounded && (!best.bounded || gate_weight(G, &k) < gate_weight(G, &best))) {
                gate_clear(&best);
                best = k;
            } else {
                gate_clear(&k);
            }
        }
        return best;
    }
    case NIS2I_RX_ANY:           /* false (not true) only when every part is: the union, if every part has one */
        for (size_t i = 0; i < x->n_kids; i++) {
            k = gate_of(G, x->kids[i], ny);
            if (!k.bounded) {
                gate_clear(&g);
                return no_bound;
            }
            gate_union(G, &g, &k);
        }
        return g;
    case NIS2I_RX_DEFINITELY:    /* true only when the operand is true */
        return gate_of(G, x->kids[0], true);
    case NIS2I_RX_DERIVED: {
        const nis2i_derived *df = &G->rs->derived[x->derived];
        if (x->dop == 0)
            return gate_copy(G, ny ? &G->d_ny[x->derived] : &G->d_no[x->derived]);
        if (!df->case_gate)      /* eq / in / set: true or false, never unknown */
            return no_bound;
        for (size_t c = 0; c < df->n_cases; c++) {
            if (x->dop == 1 && !((x->case_mask >> c) & 1u))
                continue;
            if (!df->case_gate[c].bounded) {
                gate_clear(&g);
                return no_bound;
            }
            k = gate_copy(G, &df->case_gate[c]);
            gate_union(G, &g, &k);
        }
        return g;
    }
    default:                     /* NOT, IS_UNKNOWN and the primitives of size, figures and verdicts: no bound */
        return no_bound;
    }
}

static void gate_rules(gates *G, nis2i_rule *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {   /* a match fires when its condition is not false; the others when it is true */
        bool ny = r[i].outcome != NIS2I_RO_MATCH;
        const nis2i_rexpr *w = r[i].when;
        r[i].gate = gate_of(G, w, ny);
        if (w && w->kind == NIS2I_RX_ALL && r[i].gate.bounded) {   /* every part must hold: a second bound */
            nis2i_gate best = no_bound;
            for (size_t k = 0; k < w->n_kids; k++) {
                nis2i_gate g = gate_of(G, w->kids[k], ny);
                bool same = g.bounded && g.atoms == r[i].gate.atoms && !g.types == !r[i].gate.types &&
                            (!g.types || memcmp(g.types, r[i].gate.types, G->w * sizeof *g.types) == 0);
                if (g.bounded && !same && (!best.bounded || gate_weight(G, &g) < gate_weight(G, &best))) {
                    gate_clear(&best);
                    best = g;
                } else {
                    gate_clear(&g);
                }
            }
            r[i].gate_also = best;
        }
        gate_rules(G, r[i].alts, r[i].n_alts);
    }
}

static void index_set(uint64_t *row, size_t i)
{
    row[i / 64] |= (uint64_t)1 << (i % 64);
}

static nis2_status build_gates(rc *C)
{
    nis2i_ruleset *rs = C->rs;
    gates G = {.ctx = C->ctx, .rs = rs, .w = (C->ctx->n_etypes + 63) / 64};
    rs->gate_types = C->ctx->n_etypes;
    rs->gate_words = G.w;
    for (size_t d = 0; d < rs->n_derived; d++) {     /* in order: a fact uses only the ones before it */
        nis2i_derived *df = &rs->derived[d];
        if (!df->is_string) {
            G.d_no[d] = gate_of(&G, df->when, false);
            G.d_ny[d] = gate_of(&G, df->when, true);
            df->gate = gate_copy(&G, &G.d_no[d]);
            continue;
        }
        if (!(df->case_gate = calloc(df->n_cases, sizeof *df->case_gate))) {
            G.oom = true;
            break;
        }
        for (size_t c = 0; c < df->n_cases; c++)
            df->case_gate[c] = gate_of(&G, df->case_when[c], true);
    }
    gate_rules(&G, rs->rules, rs->n_rules);
    gate_rules(&G, rs->fallback, rs->n_fallback);
    gate_rules(&G, rs->after, rs->n_after);
    size_t rw = rs->rule_words = (rs->n_rules + 63) / 64;
    if (!G.oom && (!(rs->rule_always = calloc(rw ? rw : 1, sizeof *rs->rule_always)) ||
                   !(rs->rule_typed = calloc(rw ? rw : 1, sizeof *rs->rule_typed)) ||
                   !(rs->atom_index = calloc(64 * rw + 1, sizeof *rs->atom_index)) ||
                   !(rs->rule_index = calloc(rs->gate_types * rw + 1, sizeof *rs->rule_index))))
        G.oom = true;
    for (size_t i = 0; !G.oom && i < rs->n_rules; i++) {
        const nis2i_gate *g = &rs->rules[i].gate;
        if (!g->bounded)
            index_set(rs->rule_always, i);
        if (g->types)
            index_set(rs->rule_typed, i);
        for (size_t a = 0; g->bounded && a < 64; a++)
            if ((g->atoms >> a) & 1u)
                index_set(rs->atom_index + a * rw, i);
        for (size_t t = 0; g->types && t < rs->gate_types; t++)
            if ((g->types[t / 64] >> (t % 64)) & 1u)
                index_set(rs->rule_index + t * rw, i);
    }
    for (size_t d = 0; d < rs->n_derived; d++) {
        gate_clear(&G.d_no[d]);
        gate_clear(&G.d_ny[d]);
    }
    return G.oom ? NOMEM(C) : NIS2_OK;
}

/* ---------------------------------------------------------------- type facts */

/* The value of x for an entity whose one activity is of type t (index idx): 1 or 0, or -1 when x reads more than
 * the type. row: the facts before the one being compiled, for that type. The interpreter's three values fold as
 * it folds them: in "all" a false part decides whatever the others are, in "any" a true part. */
static int type_value(const nis2i_ruleset *rs, const nis2i_etype *t, uint32_t idx, const int8_t *row,
                      const nis2i_rexpr *x)
{
    if (!x)
        return 1;
    int v, res;
    switch (x->kind) {
    case NIS2I_RX_CONST:
        return x->constant ? 1 : 0;
    case NIS2I_RX_ALL:
    case NIS2I_RX_ANY: {
        int decide = x->kind == NIS2I_RX_ALL ? 0 : 1;
        res = !decide;
        for (size_t i = 0; i < x->n_kids; i++) {
            if ((v = type_value(rs, t, idx, row, x->kids[i])) == decide)
                return decide;
            if (v < 0)
                res = -1;
        }
        return res;
    }
    case NIS2I_RX_NOT:
        v = type_value(rs, t, idx, row, x->kids[0]);
        return v < 0 ? -1 : !v;
    case NIS2I_RX_DEFINITELY:
        return type_value(rs, t, idx, row, x->kids[0]);   /* known values only: definitely v is v */
    case NIS2I_RX_IS_UNKNOWN:
        return type_value(rs, t, idx, row, x->kids[0]) < 0 ? -1 : 0;
    case NIS2I_RX_ACTIVITY:
        if (x->not_in_slot >= 0)         /* a national key's codes may discount the activity */
            return -1;
        return nis2i_rx_activity_type(x, t, idx) && 1 >= x->at_least ? 1 : 0;
    case NIS2I_RX_DERIVED: {
        int8_t d = row[x->derived];
        if (d == NIS2I_TF_ENTITY)
            return -1;
        if (x->dop == 0)
            return d;
        if (x->dop == 2)
            return d >= 0;
        return d >= 0 && ((x->case_mask >> d) & 1u) ? 1 : 0;
    }
    default:                     /* flags, designation, national keys, size, figures, verdicts */
        return -1;
    }
}

static nis2_status build_type_facts(rc *C)
{
    nis2i_ruleset *rs = C->rs;
    size_t nd = rs->n_derived, nt = rs->gate_types;
    if (!nd || !nt)
        return NIS2_OK;
    int8_t *tf = malloc(nt * nd);
    NIS2I_CHECK_ALLOC(&C->R, tf);
    bool any = false;
    for (size_t ti = 0; ti < nt; ti++) {
        const nis2i_etype *t = &C->ctx->etypes[ti];
        int8_t *row = tf + ti * nd;
        for (size_t d = 0; d < nd; d++) {    /* in order: a fact uses only the ones before it */
            const nis2i_derived *df = &rs->derived[d];
            int v;
            if (!df->is_string) {
                v = type_value(rs, t, (uint32_t)ti, row, df->when);
                row[d] = v < 0 ? NIS2I_TF_ENTITY : (int8_t)v;
            } else {
                row[d] = -1;
                for (size_t c = 0; c < df->n_cases; c++) {
                    if ((v = type_value(rs, t, (uint32_t)ti, row, df->case_when[c])) == 0)
                        continue;
                    row[d] = v < 0 ? NIS2I_TF_ENTITY : (int8_t)c;
                    break;
                }
            }
            any = any || row[d] != NIS2I_TF_ENTITY;
        }
    }
    if (!any) {
        free(tf);
        return NIS2_OK;
    }
    rs->type_fact = tf;
    return NIS2_OK;
}

/* ---------------------------------------------------------------- rules */

static nis2_status compile_texts(rc *C, const json_t *j, const char *key, nis2i_rtext **out, size_t *n)
{
    const json_t *v = json_object_get(j, key);
    if (!v)
        return NIS2_OK;
    nis2i_rd_push_key(&C->R, key);
    nis2_status st = NIS2_OK;
    size_t count = json_is_string(v) ? 1 : json_array_size(v);
    if (!json_is_string(v) && !json_is_array(v))
        st = FAIL(C, "expected a reason template or an array of them");
    else if (!(*out = calloc(count ? count : 1, sizeof **out)))
        st = NOMEM(C);
    for (size_t i = 0; !st && i < count; i++) {
        const json_t *t = json_is_string(v) ? v : json_array_get(v, i);
        if (!json_is_string(v))
            nis2i_rd_push_index(&C->R, i);
        nis2i_rtext *rt = &(*out)[(*n)++];
        if (json_is_object(t)) {
            static const char *const keys[] = {"when", "text", NULL};
            if (!known_keys(C, t, keys))
                st = C->R.st;
            else if (!json_is_string(json_object_get(t, "text")))
                st = FAILK(C, "text", "expected a reason template");
            else {
                rt->tmpl = json_string_value(json_object_get(t, "text"));
                nis2i_rd_push_key(&C->R, "when");
                if (json_object_get(t, "when"))
                    st = compile_expr(C, json_object_get(t, "when"), &rt->when);
                nis2i_rd_pop(&C->R);
            }
        } else if (json_is_string(t)) {
            rt->tmpl = json_string_value(t);
        } else {
            st = FAIL(C, "expected a reason template or {\"when\", \"text\"}");
        }
        /* the template's variables */
        for (const char *p = rt->tmpl; !st && p && (p = strchr(p, '{')) != NULL; p++) {
            const char *e = strchr(p, '}');
            char name[80];
            if (!e || (size_t)(e - p - 1) >= sizeof name) {
                st = FAIL(C, "a '{' without its '}' in the template");
                break;
            }
            memcpy(name, p + 1, (size_t)(e - p - 1));
            name[e - p - 1] = 0;
            bool ok = strcmp(name, "law") == 0 || strcmp(name, "category") == 0 || strcmp(name, "directive.category") == 0 ||
                      strcmp(name, "directive.decided_by") == 0;
            if (!ok && strncmp(name, "fig.", 4) == 0)
                for (int f = 0; figure_names[f]; f++)
                    ok |= strcmp(figure_names[f], name + 4) == 0;
            if (!ok && strncmp(name, "national.", 9) == 0) {
                int s = key_slot(C, name + 9);
                if (s < 0)
                    return C->R.st;
                ok = true;
            }
            if (!ok) {
                int d = derived_index(C->rs, name);
                ok = d >= 0 && C->rs->derived[d].is_string;
            }
            if (!ok)
                st = FAIL(C, "unknown template variable '{%.60s}' (expected law, category, directive.category, directive.decided_by, fig.<figure>, national.<key> or a string derived fact)", name);
        }
        if (!json_is_string(v))
            nis2i_rd_pop(&C->R);
    }
    nis2i_rd_pop(&C->R);
    return st;
}

static nis2_status compile_strings(rc *C, const json_t *j, const char *key, const char ***out, size_t *n)
{
    const json_t *v = json_object_get(j, key);
    if (!v)
        return NIS2_OK;
    if (!json_is_array(v))
        return FAILK(C, key, "expected an array of strings");
    if (!(*out = calloc(json_array_size(v) + 1, sizeof **out)))
        return NOMEM(C);
    for (size_t i = 0; i < json_array_size(v); i++) {
        if (!json_is_string(json_array_get(v, i)))
            return FAILK(C, key, "expected an array of strings");
        (*out)[(*n)++] = json_string_value(json_array_get(v, i));
    }
    return NIS2_OK;
}

static const char *const outcome_names[] = {"match", "unknown", "gap", "exclude", "exclude_part", "floor", "note", NULL};
static const char *const rule_keys[] = {"id", "when", "outcome", "category", "ref", "scope", "missing", "grounds", "reason",
                                        "reason_unknown", "final", "first", "note", NULL};

static nis2_status compile_rules(rc *C, const json_t *arr, const char *key, nis2i_rule **out, size_t *n,
                                 int only_outcome);

/* A condition the interpreter settles from the entity's own fields at once: no derived fact, no activity. */
static bool expr_cheap(const nis2i_rexpr *x)
{
    switch (x->kind) {
    case NIS2I_RX_FLAG:
    case NIS2I_RX_DESIGNATION:
    case NIS2I_RX_NATIONAL:
    case NIS2I_RX_SIZE:
    case NIS2I_RX_SIZE_CLASS:
    case NIS2I_RX_FIGURE:
        return true;
    default:
        return false;
    }
}

/* The parts of an "all" condition tried first (nis2i_rule.pre): the cheap ones, when some part is not cheap. */
static nis2_status build_pre(rc *C, nis2i_rule *r)
{
    const nis2i_rexpr *w = r->when;
    if (!w || w->kind != NIS2I_RX_ALL)
        return NIS2_OK;
    size_t n = 0;
    for (size_t i = 0; i < w->n_kids; i++)
        n += expr_cheap(w->kids[i]);
    if (n == 0 || n == w->n_kids)
        return NIS2_OK;
    r->pre = calloc(n, sizeof *r->pre);
    NIS2I_CHECK_ALLOC(&C->R, r->pre);
    for (size_t i = 0; i < w->n_kids; i++)
        if (expr_cheap(w->kids[i]))
            r->pre[r->n_pre++] = w->kids[i];
    return NIS2_OK;
}

static nis2_status compile_rule(rc *C, const json_t *j, nis2i_rule *r, int only_outcome)
{
    nis2_status st;
    r->cat = -1;
    if (!json_is_object(j))
        return FAIL(C, "expected a rule object");
    if (!known_keys(C, j, rule_keys))
        return C->R.st;
    if (json_object_get(j, "when")) {
        nis2i_rd_push_key(&C->R, "when");
        st = compile_expr(C, json_object_get(j, "when"), &r->when);
        if (!st && expr_const(r->when) == 0)
            st = FAIL(C, "the condition never holds: the rule can never fire");
        nis2i_rd_pop(&C->R);
        if (!st)
            st = build_pre(C, r);
        if (st)
            return st;
    }
    if (json_object_get(j, "first")) {
        if (json_object_get(j, "outcome"))
            return FAILK(C, "outcome", "a rule with 'first' has no outcome of its own");
        if (++C->depth > NIS2I_RULE_MAX_DEPTH)
            return FAILK(C, "first", "rules nest deeper than %d levels", NIS2I_RULE_MAX_DEPTH);
        r->outcome = NIS2I_RO_CHAIN;
        st = compile_rules(C, json_object_get(j, "first"), "first", &r->alts, &r->n_alts, only_outcome);
        C->depth--;
        if (st)
            return st;
        /* an alternative after one that always fires is dead */
        for (size_t i = 0; i + 1 < r->n_alts; i++)
            if (r->alts[i].outcome != NIS2I_RO_NOTE && r->alts[i].outcome != NIS2I_RO_CHAIN && expr_const(r->alts[i].when) == 1) {
                nis2i_rd_push_key(&C->R, "first");
                nis2i_rd_push_index(&C->R, i + 1);
                st = FAIL(C, "alternative %zu always fires first: this rule can never fire", i);
                nis2i_rd_pop(&C->R);
                nis2i_rd_pop(&C->R);
                return st;
            }
        r->says_only = true;     /* a chain of notes only decides nothing */
        for (size_t i = 0; i < r->n_alts; i++)
            r->says_only = r->says_only && r->alts[i].says_only;
        return compile_texts(C, j, "reason", &r->reasons, &r->n_reasons);
    }
    int o = nis2i_rd_enum(&C->R, j, "outcome", outcome_names, true);
    if (o < 0)
        return C->R.st;
    r->outcome = (nis2i_routcome)o;
    r->says_only = o == NIS2I_RO_NOTE;
    if (only_outcome >= 0 && o != only_outcome)
        return FAILK(C, "outcome", "only '%s' rules are allowed here", outcome_names[only_outcome]);
    const char *cat = nis2i_rd_str(&C->R, j, "category", o <= NIS2I_RO_GAP);
    if (C->R.st)
        return C->R.st;
    if (cat && (r->cat = cat_index(C->rs, cat)) < 0)
        return FAILK(C, "category", "'%.60s' is not a category of the overlay (dangling category)", cat);
    if (cat && o > NIS2I_RO_GAP)
        return FAILK(C, "category", "a '%s' rule gives no category", outcome_names[o]);
    r->ref = nis2i_rd_str(&C->R, j, "ref", o != NIS2I_RO_NOTE);
    if (r->ref && strcmp(r->ref, "{decided_by}") == 0 && !C->in_after)
        return FAILK(C, "ref", "\"{decided_by}\" is known only after the resolver: use it in 'after'");
    r->final = nis2i_rd_bool(&C->R, j, "final", false);
    if (C->R.st)
        return C->R.st;
    if (r->final && o != NIS2I_RO_UNKNOWN && o != NIS2I_RO_GAP)
        return FAILK(C, "final", "only an unknown or gap rule can be final (an exclusion always is)");
    const json_t *sc = json_object_get(j, "scope");
    if (sc) {
        if (o > NIS2I_RO_GAP)
            return FAILK(C, "scope", "only match, unknown and gap rules bring an entity into scope");
        if (!json_is_array(sc))
            return FAILK(C, "scope", "expected an array of provisions or \"{derived fact}\"");
        if (!(r->scope = calloc(json_array_size(sc) + 1, sizeof *r->scope)))
            return NOMEM(C);
        for (size_t i = 0; i < json_array_size(sc); i++) {
            const json_t *s = json_array_get(sc, i);
            const char *t = json_string_value(s);
            nis2i_rref *rr = &r->scope[r->n_scope++];
            rr->derived = -1;
            if (!t)
                return FAILK(C, "scope", "expected an array of provisions or \"{derived fact}\"");
            size_t len = strlen(t);
            if (t[0] == '{' && len > 2 && t[len - 1] == '}') {
                char name[80];
                snprintf(name, sizeof name, "%.*s", (int)(len - 2), t + 1);
                int d = derived_index(C->rs, name);
                if (d < 0 || !C->rs->derived[d].is_string)
                    return FAILK(C, "scope", "'%.60s' names no string derived fact", t);
                rr->derived = d;
            } else {
                rr->lit = t;
            }
        }
    }
    if ((st = compile_strings(C, j, "missing", &r->missing, &r->n_missing)))
        return st;
    if (r->n_missing && o != NIS2I_RO_UNKNOWN)
        return FAILK(C, "missing", "only an unknown rule names missing facts");
    if (o == NIS2I_RO_UNKNOWN && !r->n_missing)
        return FAILK(C, "missing", "an unknown rule must name the missing facts");
    if ((st = compile_strings(C, j, "grounds", &r->grounds, &r->n_grounds)))
        return st;
    if ((st = compile_texts(C, j, "reason", &r->reasons, &r->n_reasons)))
        return st;
    if ((st = compile_texts(C, j, "reason_unknown", &r->reasons_unknown, &r->n_reasons_unknown)))
        return st;
    if (r->n_reasons_unknown && o != NIS2I_RO_MATCH)
        return FAILK(C, "reason_unknown", "only a match rule can be unknown");
    if ((o == NIS2I_RO_GAP || o == NIS2I_RO_NOTE || o == NIS2I_RO_EXCLUDE || o == NIS2I_RO_EXCLUDE_PART) && !r->n_reasons)
        return FAILK(C, "reason", "a '%s' rule must say why", outcome_names[o]);
    return NIS2_OK;
}

static nis2_status compile_rules(rc *C, const json_t *arr, const char *key, nis2i_rule **out, size_t *n,
                                 int only_outcome)
{
    if (!arr)
        return NIS2_OK;
    nis2i_rd_push_key(&C->R, key);
    nis2_status st = NIS2_OK;
    if (!json_is_array(arr))
        st = FAIL(C, "expected an array of rules");
    else if (!(*out = calloc(json_array_size(arr) + 1, sizeof **out)))
        st = NOMEM(C);
    for (size_t i = 0; !st && i < json_array_size(arr); i++) {
        nis2i_rd_push_index(&C->R, i);
        st = compile_rule(C, json_array_get(arr, i), &(*out)[i], only_outcome);
        (*n)++;
        nis2i_rd_pop(&C->R);
    }
    nis2i_rd_pop(&C->R);
    return st;
}

static nis2_status compile_derived(rc *C, const json_t *arr)
{
    if (!arr)
        return NIS2_OK;
    nis2i_rd_push_key(&C->R, "derive");
    nis2_status st = NIS2_OK;
    if (!json_is_array(arr))
        st = FAIL(C, "expected an array of derived facts");
    for (size_t i = 0; !st && i < json_array_size(arr); i++) {
        static const char *const keys[] = {"name", "when", "select", "note", NULL};
        const json_t *d = json_array_get(arr, i);
        nis2i_rd_push_index(&C->R, i);
        nis2i_ruleset *rs = C->rs;
        if (!json_is_object(d))
            st = FAIL(C, "expected {\"name\", \"when\"} or {\"name\", \"select\"}");
        else if (!known_keys(C, d, keys))
            st = C->R.st;
        else if (rs->n_derived == NIS2I_RULE_MAX_DERIVED)
            st = FAIL(C, "more than %d derived facts", NIS2I_RULE_MAX_DERIVED);
        if (!st) {
            const char *name = nis2i_rd_str(&C->R, d, "name", true);
            const json_t *w = json_object_get(d, "when"), *sel = json_object_get(d, "select");
            if (C->R.st)
                st = C->R.st;
            else if (derived_index(rs, name) >= 0)
                st = FAILK(C, "name", "a second derived fact '%.60s'", name);
            else if (!!w == !!sel)
                st = FAIL(C, "give one of 'when' (a boolean fact) and 'select' (a string fact)");
            nis2i_derived *df = &rs->derived[rs->n_derived];
            if (!st && w) {
                nis2i_rd_push_key(&C->R, "when");
                st = compile_expr(C, w, &df->when);
                nis2i_rd_pop(&C->R);
            } else if (!st) {
                df->is_string = true;
                nis2i_rd_push_key(&C->R, "select");
                size_t n = json_array_size(sel);
                if (!json_is_array(sel) || n == 0)
                    st = FAIL(C, "expected a non-empty array of {\"when\", \"value\"}");
                else if (n > 64)
                    st = FAIL(C, "more than 64 cases");
                else if (!(df->case_when = calloc(n, sizeof *df->case_when)) ||
                         !(df->case_value = calloc(n, sizeof *df->case_value)))
                    st = NOMEM(C);
                for (size_t c = 0; !st && c < n; c++) {
                    static const char *const ck[] = {"when", "value", NULL};
                    const json_t *cs = json_array_get(sel, c);
                    nis2i_rd_push_index(&C->R, c);
                    if (!json_is_object(cs) || !known_keys(C, cs, ck))
                        st = C->R.st ? C->R.st : FAIL(C, "expected {\"when\", \"value\"}");
                    else if (!(df->case_value[c] = nis2i_rd_str(&C->R, cs, "value", true)))
                        st = C->R.st;
                    else {
                        nis2i_rd_push_key(&C->R, "when");
                        st = compile_expr(C, json_object_get(cs, "when") ? json_object_get(cs, "when") : json_true(),
                                          &df->case_when[c]);
                        if (!st && expr_const(df->case_when[c]) == 0)
                            st = FAIL(C, "the condition never holds: the case can never be selected");
                        nis2i_rd_pop(&C->R);
                    }
                    df->n_cases++;
                    nis2i_rd_pop(&C->R);
                }
                nis2i_rd_pop(&C->R);
            }
            df->name = name;
            rs->n_derived++;     /* counted even on failure, so that it is freed */
        }
        nis2i_rd_pop(&C->R);
    }
    nis2i_rd_pop(&C->R);
    return st;
}

static nis2_status compile_sizing(rc *C, const json_t *arr)
{
    if (!arr)
        return NIS2_OK;
    nis2i_rd_push_key(&C->R, "sizing");
    nis2_status st = NIS2_OK;
    nis2i_ruleset *rs = C->rs;
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        st = FAIL(C, "expected a non-empty array of {when, figures?, ref, reason}");
    else if (!(rs->sizing = calloc(json_array_size(arr), sizeof *rs->sizing)))
        st = NOMEM(C);
    for (size_t i = 0; !st && i < json_array_size(arr); i++) {
        static const char *const keys[] = {"when", "figures", "ref", "reason", "note", NULL};
        const json_t *z = json_array_get(arr, i);
        nis2i_sizing *sz = &rs->sizing[rs->n_sizing++];
        for (int f = 0; f < NIS2I_NFIG; f++)
            sz->fig_slot[f] = -1;
        nis2i_rd_push_index(&C->R, i);
        if (!json_is_object(z) || !known_keys(C, z, keys))
            st = C->R.st ? C->R.st : FAIL(C, "expected {when, figures?, ref, reason}");
        if (!st && !(sz->ref = nis2i_rd_str(&C->R, z, "ref", true)))
            st = C->R.st;
        if (!st) {
            nis2i_rd_push_key(&C->R, "when");
            st = compile_expr(C, json_object_get(z, "when") ? json_object_get(z, "when") : json_true(), &sz->when);
            if (!st && expr_const(sz->when) == 0)
                st = FAIL(C, "the condition never holds: the sizing rule can never apply");
            nis2i_rd_pop(&C->R);
        }
        const json_t *fg = json_object_get(z, "figures");
        if (!st && fg) {
            nis2i_rd_push_key(&C->R, "figures");
            if (!json_is_object(fg) || !known_keys(C, fg, figure_names))
                st = C->R.st ? C->R.st : FAIL(C, "expected {\"employees\": key, \"turnover_eur\": key, \"balance_sheet_eur\": key}");
            for (int f = 0; !st && f < NIS2I_NFIG; f++) {
                const json_t *k = json_object_get(fg, figure_names[f]);
                if (!k)
                    continue;
                const char *type = json_is_string(k) ? json_string_value(json_object_get(key_decl(C, json_string_value(k)), "type")) : NULL;
                if (!type || strcmp(type, "number") != 0)
                    st = FAILK(C, figure_names[f], "expected the name of a national key of type number");
                else if ((sz->fig_slot[f] = key_slot(C, json_string_value(k))) < 0)
                    st = C->R.st;
                sz->from_keys = true;
            }
            nis2i_rd_pop(&C->R);
        }
        if (!st)
            st = compile_texts(C, z, "reason", &sz->reasons, &sz->n_reasons);
        nis2i_rd_pop(&C->R);
    }
    nis2i_rd_pop(&C->R);
    return st;
}

static const char *const class_keys[] = {"language", "note", "sets", "derive", "sizing", "rules", "fallback", "after", NULL};

nis2_status nis2i_ruleset_compile(const nis2_ctx *ctx, const json_t *ov_doc, const char *base, nis2i_ruleset **out,
                                  nis2_error *err)
{
    *out = NULL;
    const json_t *cl = json_object_get(ov_doc, "classification");
    if (!cl)
        return NIS2_OK;
    rc C;
    memset(&C, 0, sizeof C);
    nis2i_rd_init(&C.R, err, NIS2_ERR_CATALOG, "catalog", base);
    C.ctx = ctx;
    C.ov = ov_doc;
    nis2i_rd_push_key(&C.R, "classification");
    if (!json_is_object(cl))
        return FAIL(&C, "expected an object {language, sets, derive, rules, fallback, after}");
    if (!known_keys(&C, cl, class_keys))
        return C.R.st;
    const json_t *lang = json_object_get(cl, "language");
    if (!json_is_integer(lang) || json_integer_value(lang) != 1)
        return FAILK(&C, "language", "expected 1 (the version of the rule language this library reads)");
    nis2i_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs)
        return NOMEM(&C);
    C.rs = rs;
    rs->country = json_string_value(json_object_get(ov_doc, "country"));
    rs->law = json_string_value(json_object_get(ov_doc, "law"));
    rs->overlay = -1;            /* the overlay being loaded holds this document (compile/context.c) */
    for (size_t i = 0; i < ctx->n_overlays; i++)
        if (ctx->overlays[i].doc == ov_doc)
            rs->overlay = (int)i;
    nis2_status st = NIS2_OK;
    if (!rs->country || !rs->law)
        st = FAIL(&C, "the overlay needs 'country' and 'law'");
    /* categories (validated by the overlay loader: id and rank) */
    const json_t *cats = json_object_get(ov_doc, "categories");
    size_t nc = json_array_size(cats);
    if (!st && nc == 0)
        st = FAIL(&C, "the overlay declares no categories");
    if (!st && (!(rs->cat_ids = calloc(nc, sizeof *rs->cat_ids)) || !(rs->cat_rank = calloc(nc, sizeof *rs->cat_rank)) ||
                !(rs->cat_code = calloc(nc, sizeof *rs->cat_code))))
        st = NOMEM(&C);
    for (size_t i = 0; !st && i < nc; i++) {
        const json_t *c = json_array_get(cats, i);
        const char *id = json_string_value(json_object_get(c, "id"));
        if (!id || !json_is_integer(json_object_get(c, "rank")))
            st = FAIL(&C, "categories[%zu] needs 'id' and 'rank'", i);
        else {
            rs->cat_ids[rs->n_cats] = id;
            rs->cat_code[rs->n_cats] = nis2i_category_id_of(id);
            rs->cat_rank[rs->n_cats++] = (int)json_integer_value(json_object_get(c, "rank"));
        }
    }
    C.sets = json_object_get(cl, "sets");
    if (!st && C.sets && !json_is_object(C.sets))
        st = FAILK(&C, "sets", "expected an object of named code lists");
    if (!st)
        st = compile_derived(&C, json_object_get(cl, "derive"));
    if (!st)
        st = compile_sizing(&C, json_object_get(cl, "sizing"));
    if (!st)
        st = compile_rules(&C, json_object_get(cl, "rules"), "rules", &rs->rules, &rs->n_rules, -1);
    if (!st && rs->n_rules == 0)
        st = FAILK(&C, "rules", "expected a non-empty array of rules");
    if (!st)
        st = compile_rules(&C, json_object_get(cl, "fallback"), "fallback", &rs->fallback, &rs->n_fallback, NIS2I_RO_FLOOR);
    C.in_after = true;
    if (!st)
        st = compile_rules(&C, json_object_get(cl, "after"), "after", &rs->after, &rs->n_after, NIS2I_RO_NOTE);
    if (!st)
        st = build_gates(&C);
    if (!st)
        st = build_type_facts(&C);
    if (st) {
        nis2i_ruleset_free(rs);
        return st;
    }
    *out = rs;
    return NIS2_OK;
}

/* ---------------------------------------------------------------- national facts (classify time) */

void nis2i_ruleset_national(const nis2i_ruleset *rs, const nis2_entity *e, const nis2i_natval **out)
{
    uint64_t given = 0;
    const nis2i_natval *slot = NULL;
    bool bits = true;            /* given says which slots hold a fact (else: their kind) */
    if (e->n_nat && rs->overlay >= 0 && e->natix_all) {
        for (size_t j = 0; j < e->n_natix; j++)
            if (e->natix[j].overlay == rs->overlay) {
                given = e->natix[j].given;
                slot = e->natix[j].slot;
            }
    } else if (e->n_nat && rs->overlay >= 0) {
        const nis2i_natblock *b = nis2i_entity_natblock(e, rs->overlay);
        if (b) {
            slot = b->slot;
            bits = false;
        }
    } else if (e->n_nat) {       /* a ruleset of an overlay the context does not hold (tests): by country code */
        for (size_t i = 0; !slot && i < e->n_nat; i++) {
            const char *canon = e->nat[i].raw ? NULL : nis2i_ms_canonical(e->ctx, e->nat[i].code);
            if (canon && strcmp(canon, rs->country) == 0 && e->nat[i].slot)
                slot = e->nat[i].slot;
        }
        bits = false;
    }
    for (size_t i = 0; i < rs->n_keys; i++) {
        int32_t k = rs->key_num[i];
        bool has = slot && (bits ? (given >> k) & 1 : slot[k].kind != NIS2I_NAT_ABSENT);
        out[i] = has ? &slot[k] : &rs->key_default[i];
    }
}
