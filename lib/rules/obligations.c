/* SPDX-License-Identifier: Apache-2.0 */
/* The obligations catalog: load and validate the Directive's duties and each overlay's national duties, select
 * the duties that bind an entity, and find its supervision regime and maximum fine. See rules/obligations.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/obligations.h"
#include "util/util.h"

/* ---------------------------------------------------------------- names */

static const char *const cat_names[NIS2I_OBCAT_COUNT] = {
    [NIS2I_OBCAT_ESSENTIAL] = "essential",
    [NIS2I_OBCAT_IMPORTANT] = "important",
    [NIS2I_OBCAT_DRSP_ONLY] = "domain_registration_only",
    [NIS2I_OBCAT_PT_REP_A] = "relevant_public_entity_group_a",
    [NIS2I_OBCAT_PT_REP_B] = "relevant_public_entity_group_b",
};

static const char *const role_names[NIS2I_OBROLE_COUNT] = {
    [NIS2I_OBROLE_R27] = "r27",
    [NIS2I_OBROLE_TSP] = "trust_service_provider",
    [NIS2I_OBROLE_IR] = "ir_relevant",
    [NIS2I_OBROLE_TLD] = "tld_registry",
    [NIS2I_OBROLE_DRSP] = "domain_registration",
    [NIS2I_OBROLE_PUBLIC_ECN_ECS] = "public_ecn_ecs",
};

/* What a role means, for applies_because. */
static const char *const role_texts[NIS2I_OBROLE_COUNT] = {
    [NIS2I_OBROLE_R27] = "an entity type of NIS2 Art. 26(1)(b)/27(1)",
    [NIS2I_OBROLE_TSP] = "a trust service provider (NIS2 Art. 6(25))",
    [NIS2I_OBROLE_IR] = "an entity type of IR 2024/2690 Art. 1",
    [NIS2I_OBROLE_TLD] = "a TLD name registry",
    [NIS2I_OBROLE_DRSP] = "an entity providing domain name registration services",
    [NIS2I_OBROLE_PUBLIC_ECN_ECS] = "a provider of public electronic communications networks or services",
};

#define DORA_DEFAULT "Regulation (EU) 2022/2554 (DORA), NIS2 Art. 4(1)"
#define CAT_NONE UINT32_MAX
#define CAT_ANY (UINT32_MAX - 1)

static uint32_t cat_of(const char *name)
{
    if (!name)
        return CAT_NONE;
    for (uint32_t i = 0; i < NIS2I_OBCAT_COUNT; i++)
        if (strcmp(cat_names[i], name) == 0)
            return i;
    return CAT_NONE;
}

/* Roles the entity has through its activities; *codes receives, per role, the first activity giving it. */
static uint32_t entity_roles(const nis2_ctx *ctx, const nis2_entity *e, const char *codes[NIS2I_OBROLE_COUNT])
{
    uint32_t roles = 0;
    for (int r = 0; r < NIS2I_OBROLE_COUNT; r++)
        codes[r] = NULL;
    for (size_t i = 0; e && i < e->n_types; i++) {
        const nis2i_etype *t = &ctx->etypes[e->types[i]];
        uint32_t got = 0;
        if (t->flags & NIS2I_ET_MAIN_ESTABLISHMENT)
            got |= 1u << NIS2I_OBROLE_R27;
        if (t->flags & NIS2I_ET_IR)
            got |= 1u << NIS2I_OBROLE_IR;
        switch (t->role) {
        case NIS2I_ROLE_TSP:
        case NIS2I_ROLE_QTSP: got |= 1u << NIS2I_OBROLE_TSP; break;
        case NIS2I_ROLE_TLD: got |= 1u << NIS2I_OBROLE_TLD; break;
        case NIS2I_ROLE_DRSP: got |= 1u << NIS2I_OBROLE_DRSP; break;
        case NIS2I_ROLE_PUBLIC_ECN:
        case NIS2I_ROLE_PUBLIC_ECS: got |= 1u << NIS2I_OBROLE_PUBLIC_ECN_ECS; break;
        default: break;
        }
        for (int r = 0; r < NIS2I_OBROLE_COUNT; r++)
            if ((got & (1u << r)) && !codes[r])
                codes[r] = t->code;
        roles |= got;
    }
    return roles;
}

static bool entity_is_public_administration(const nis2_ctx *ctx, const nis2_entity *e)
{
    for (size_t i = 0; e && i < e->n_types; i++) {
        nis2i_role r = ctx->etypes[e->types[i]].role;
        if (r == NIS2I_ROLE_PA_CENTRAL || r == NIS2I_ROLE_PA_REGIONAL || r == NIS2I_ROLE_PA_LOCAL)
            return true;
    }
    return false;
}

/* ---------------------------------------------------------------- loading */

typedef struct oloader {
    nis2_ctx *ctx;
    nis2i_obltab *t;
    nis2_error *err;
    char path[128];
} oloader;

NIS2I_PRINTF(2, 3) static nis2_status obad(oloader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis2_status st = nis2i_catalog_failv(L->err, L->path, fmt, ap);
    va_end(ap);
    return st;
}

static nis2_status ostr(oloader *L, const json_t *o, const char *key, bool nullable, const char **out)
{
    const json_t *v = json_object_get(o, key);
    *out = NULL;
    if (json_is_string(v) && json_string_length(v) > 0) {
        *out = json_string_value(v);
        return NIS2_OK;
    }
    if (nullable && (!v || json_is_null(v)))
        return NIS2_OK;
    return obad(L, "field '%s' must be a non-empty string%s", key, nullable ? " or null" : "");
}

/* A number >= 0, or null/absent (then *out = -1) when nullable. */
static nis2_status onum(oloader *L, const json_t *o, const char *key, bool nullable, double *out)
{
    const json_t *v = json_object_get(o, key);
    *out = -1;
    if (json_is_number(v) && json_number_value(v) >= 0) {
        *out = json_number_value(v);
        return NIS2_OK;
    }
    if (nullable && (!v || json_is_null(v)))
        return NIS2_OK;
    return obad(L, "field '%s' must be a number >= 0%s", key, nullable ? " or null" : "");
}

static nis2_status load_applies_to(oloader *L, const json_t *o, nis2i_obligation *ob)
{
    const json_t *at = json_object_get(o, "applies_to");
    if (!json_is_object(at))
        return obad(L, "field 'applies_to' must be an object with 'categories' and 'roles'");
    const json_t *cats = json_object_get(at, "categories"), *roles = json_object_get(at, "roles");
    if (!json_is_array(cats))
        return obad(L, "applies_to.categories must be an array of category names");
    if (roles && !json_is_array(roles))
        return obad(L, "applies_to.roles must be an array of role names");
    size_t i;
    const json_t *v;
    json_array_foreach(cats, i, v) {
        uint32_t c = cat_of(json_string_value(v));
        if (c == CAT_NONE)
            return obad(L, "applies_to.categories[%zu]: unknown category '%s' (expected essential, important, "
                           "domain_registration_only or a national category such as relevant_public_entity_group_a)",
                        i, json_is_string(v) ? json_string_value(v) : "(not a string)");
        ob->categories |= 1u << c;
    }
    json_array_foreach(roles, i, v) {
        const char *name = json_string_value(v);
        int r;
        for (r = 0; r < NIS2I_OBROLE_COUNT; r++)
            if (name && strcmp(role_names[r], name) == 0)
                break;
        if (r == NIS2I_OBROLE_COUNT)
            return obad(L, "applies_to.roles[%zu]: unknown role '%s' (expected r27, trust_service_provider, "
                           "ir_relevant, tld_registry, domain_registration or public_ecn_ecs)",
                        i, name ? name : "(not a string)");
        ob->roles |= 1u << r;
    }
    return NIS2_OK;
}

static nis2_status load_one(oloader *L, const json_t *o, int overlay, const char *prefix, nis2i_obligation *ob)
{
    nis2_status st;
    memset(ob, 0, sizeof *ob);
    ob->overlay = overlay;
    ob->implements = -1;
    ob->src = o;
    if (!json_is_object(o))
        return obad(L, "an obligation must be an object");
    if ((st = ostr(L, o, "id", false, &ob->id)) || (st = ostr(L, o, "ref", false, &ob->ref)) ||
        (st = ostr(L, o, "title", false, &ob->title)) || (st = ostr(L, o, "group", false, &ob->group)) ||
        (st = ostr(L, o, "nature", false, &ob->nature)) || (st = ostr(L, o, "condition", true, &ob->condition)) ||
        (st = ostr(L, o, "effective_from", true, &ob->effective_from)))
        return st;
    if (strncmp(ob->id, prefix, strlen(prefix)) != 0)
        return obad(L, "id '%s' must start with '%s'", ob->id, prefix);
    if (ob->effective_from && !nis2i_is_date_shape(ob->effective_from))
        return obad(L, "effective_from '%s' must be a date YYYY-MM-DD", ob->effective_from);
    const json_t *basis = json_object_get(o, "effective_from_basis");
    if (basis && !json_is_null(basis)) {
        if (!json_is_object(basis))
            return obad(L, "effective_from_basis must be an object or null");
        ob->effective_from_basis = basis;
    }
    if ((st = load_applies_to(L, o, ob)))
        return st;
    const json_t *dl = json_object_get(o, "deadline");
    if (dl && !json_is_null(dl)) {
        if (!json_is_object(dl))
            return obad(L, "deadline must be an object or null");
        ob->deadline = dl;
        if ((st = ostr(L, dl, "text", true, &ob->deadline_text)))
            return st;
    }
    const json_t *ev = json_object_get(o, "evidence");
    if (ev) {
        if (!json_is_array(ev))
            return obad(L, "evidence must be an array of strings");
        size_t i;
        const json_t *v;
        json_array_foreach(ev, i, v) if (!json_is_string(v)) return obad(L, "evidence[%zu] must be a string", i);
        ob->evidence = ev;
    }
    const json_t *sb = json_object_get(o, "settled_by");
    ob->settled_applies_if = true;
    if (sb && !json_is_null(sb)) {
        /* i14: {"fact": name, "applies_if": true|false} */
        const json_t *ai = json_object_get(sb, "applies_if");
        if (!json_is_object(sb) || (ai && !json_is_boolean(ai)))
            return obad(L, "settled_by must be an object {fact, applies_if: true|false}");
        if ((st = ostr(L, sb, "fact", false, &ob->settled_by)))
            return st;
        uint32_t flag;
        if (strncmp(ob->settled_by, "flags.", 6) == 0 && !nis2i_flag_from_name(ob->settled_by + 6, &flag))
            return obad(L, "settled_by.fact '%s' names no entity flag", ob->settled_by);
        if (strncmp(ob->settled_by, "national.", 9) == 0 &&
            (strlen(ob->settled_by) < 13 || ob->settled_by[11] != '.'))
            return obad(L, "settled_by.fact '%s' must read national.<CC>.<key>", ob->settled_by);
        if (ai)
            ob->settled_applies_if = json_is_true(ai);
    }
    const json_t *dd = json_object_get(o, "dora_displaced");
    if (dd && !json_is_boolean(dd))
        return obad(L, "dora_displaced must be true or false");
    ob->dora_displaced = json_is_true(dd);
    ob->nis2_specific = json_is_true(json_object_get(o, "nis2_specific"));
    return NIS2_OK;
}

static nis2_status load_fines(oloader *L, const json_t *arr, const char *base, int overlay)
{
    nis2i_obltab *t = L->t;
    if (!arr)
        return NIS2_OK;
    snprintf(L->path, sizeof L->path, "%s", base);
    if (!json_is_array(arr))
        return obad(L, "must be an array of fine brackets");
    nis2i_fine *nf = realloc(t->fines, (t->n_fines + json_array_size(arr) + 1) * sizeof *nf);
    if (!nf)
        return nis2i_fail(L->err, NIS2_ERR_NOMEM, NULL, "out of memory");
    t->fines = nf;
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        snprintf(L->path, sizeof L->path, "%s[%zu]", base, i);
        nis2i_fine *f = &t->fines[t->n_fines];
        memset(f, 0, sizeof *f);
        f->overlay = overlay;
        nis2_status st;
        const char *cat, *offender = NULL;
        if (!json_is_object(o))
            return obad(L, "a fine bracket must be an object");
        if ((st = ostr(L, o, "category", false, &cat)) || (st = ostr(L, o, "ref", false, &f->ref)) ||
            (st = ostr(L, o, "offence_class", overlay < 0, &f->offence_class)) ||
            (st = ostr(L, o, "offender", true, &offender)) ||
            (st = onum(L, o, "turnover_share", true, &f->turnover_share)) ||
            (st = onum(L, o, "min_eur", true, &f->min_eur)))
            return st;
        /* The Directive states the fixed amount as fixed_eur, national brackets as max_eur. */
        if ((st = onum(L, o, overlay < 0 ? "fixed_eur" : "max_eur", true, &f->fixed_eur)))
            return st;
        if (f->turnover_share > 1)
            return obad(L, "turnover_share %g must be a fraction between 0 and 1", f->turnover_share);
        f->category = strcmp(cat, "any") == 0 ? CAT_ANY : cat_of(cat);
        if (f->category == CAT_NONE)
            return obad(L, "unknown category '%s'", cat);
        if (offender && strcmp(offender, "legal_person") != 0)
            continue;            /* natural-person brackets are not the entity's maximum */
        t->n_fines++;
    }
    return NIS2_OK;
}

static nis2_status load_supervision(oloader *L, const json_t *arr, const char *base, int overlay)
{
    nis2i_obltab *t = L->t;
    if (!arr)
        return NIS2_OK;
    snprintf(L->path, sizeof L->path, "%s", base);
    if (!json_is_array(arr))
        return obad(L, "must be an array of supervision regimes");
    nis2i_supervision *ns = realloc(t->sup, (t->n_sup + json_array_size(arr) + 1) * sizeof *ns);
    if (!ns)
        return nis2i_fail(L->err, NIS2_ERR_NOMEM, NULL, "out of memory");
    t->sup = ns;
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        snprintf(L->path, sizeof L->path, "%s[%zu]", base, i);
        nis2i_supervision *s = &t->sup[t->n_sup];
        memset(s, 0, sizeof *s);
        s->overlay = overlay;
        const char *cat;
        nis2_status st;
        if (!json_is_object(o))
            return obad(L, "a supervision entry must be an object");
        if ((st = ostr(L, o, "category", false, &cat)) || (st = ostr(L, o, "regime", true, &s->regime)) ||
            (st = ostr(L, o, "ref", false, &s->ref)))
            return st;
        if (s->regime && strcmp(s->regime, "ex_ante_and_ex_post") != 0 && strcmp(s->regime, "ex_post") != 0)
            return obad(L, "regime '%s' must be \"ex_ante_and_ex_post\", \"ex_post\" or null", s->regime);
        s->category = cat_of(cat);
        if (s->category == CAT_NONE)
            return obad(L, "unknown category '%s'", cat);
        t->n_sup++;
    }
    return NIS2_OK;
}

static nis2_status add_set(oloader *L, const json_t *arr, const char *base, int overlay, const char *prefix)
{
    nis2i_obltab *t = L->t;
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        snprintf(L->path, sizeof L->path, "%s[%zu]", base, i);
        nis2i_obligation *ob = &t->items[t->n];
        nis2_status st = load_one(L, o, overlay, prefix, ob);
        if (st)
            return st;
        if (overlay >= 0) {
            const char *impl;
            if ((st = ostr(L, o, "implements", true, &impl)))
                return st;
            if (impl) {
                uint32_t d;
                if (!nis2i_map_get(&t->index, impl, &d) || d >= t->n_directive)
                    return obad(L, "implements '%s', which is not a Directive obligation in the catalog", impl);
                ob->implements = (int32_t)d;
                if (!json_object_get(o, "dora_displaced"))
                    ob->dora_displaced = t->items[d].dora_displaced;
            }
        } else if (json_object_get(o, "implements") && !json_is_null(json_object_get(o, "implements"))) {
            return obad(L, "a Directive obligation cannot implement another");
        }
        int rc = nis2i_map_put(&t->index, ob->id, (uint32_t)t->n);
        if (rc < 0)
            return nis2i_fail(L->err, NIS2_ERR_NOMEM, NULL, "out of memory");
        if (rc > 0)
            return obad(L, "duplicate obligation id '%s'", ob->id);
        t->n++;
    }
    return NIS2_OK;
}

void nis2i_obligations_release(nis2_ctx *ctx)
{
    nis2i_obltab *t = ctx ? ctx->obl : NULL;
    if (!t)
        return;
    free(t->items);
    nis2i_map_free(&t->index);
    free(t->fines);
    free(t->sup);
    free(t);
    ctx->obl = NULL;
}

nis2_status nis2i_obligations_load(nis2_ctx *ctx, nis2_error *err)
{
    nis2i_obltab *t = calloc(1, sizeof *t);
    if (!t)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    ctx->obl = t;
    oloader L = {.ctx = ctx, .t = t, .err = err};
    const json_t *doc = ctx->doc;
    const json_t *dir = json_object_get(doc, "obligations");
    snprintf(L.path, sizeof L.path, "$.obligations");
    if (dir && !json_is_array(dir))
        return obad(&L, "must be an array of obligations");
    size_t total = json_array_size(dir);
    for (size_t k = 0; k < ctx->n_overlays; k++) {
        const json_t *a = json_object_get(ctx->overlays[k].doc, "obligations");
        snprintf(L.path, sizeof L.path, "$.overlays[%zu].obligations", k);
        if (a && !json_is_array(a))
            return obad(&L, "must be an array of obligations");
        total += json_array_size(a);
    }
    t->items = calloc(total + 1, sizeof *t->items);
    if (!t->items)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    nis2_status st;
    if ((st = add_set(&L, dir, "$.obligations", -1, "nis2.")))
        return st;
    t->n_directive = t->n;
    if ((st = load_fines(&L, json_object_get(doc, "fines"), "$.fines", -1)) ||
        (st = load_supervision(&L, json_object_get(doc, "supervision"), "$.supervision", -1)))
        return st;
    const json_t *lex = json_object_get(doc, "lex_specialis");
    size_t i;
    const json_t *x;
    json_array_foreach(lex, i, x) {
        const char *flag = json_string_value(json_object_get(x, "flag"));
        snprintf(L.path, sizeof L.path, "$.lex_specialis[%zu]", i);
        if (flag && strcmp(flag, "dora_financial_entity") == 0 && (st = ostr(&L, x, "displaced_by", false, &t->dora_ref)))
            return st;
    }
    for (size_t k = 0; k < ctx->n_overlays; k++) {
        const json_t *ov = ctx->overlays[k].doc;
        char base[64], prefix[8];
        const char *cc = ctx->overlays[k].country;
        snprintf(prefix, sizeof prefix, "%c%c.", cc[0] | 0x20, cc[1] | 0x20);
        snprintf(base, sizeof base, "$.overlays[%zu].obligations", k);
        if ((st = add_set(&L, json_object_get(ov, "obligations"), base, (int)k, prefix)))
            return st;
        snprintf(base, sizeof base, "$.overlays[%zu].fines", k);
        if ((st = load_fines(&L, json_object_get(ov, "fines"), base, (int)k)))
            return st;
        snprintf(base, sizeof base, "$.overlays[%zu].supervision", k);
        if ((st = load_supervision(&L, json_object_get(ov, "supervision"), base, (int)k)))
            return st;
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- selection */

const char *nis2i_ob_because(const nis2i_ob_list *l, size_t i)
{
    return l->text.data ? l->text.data + l->items[i].because_off : "";
}

void nis2i_ob_list_free(nis2i_ob_list *l)
{
    if (!l)
        return;
    free(l->items);
    nis2i_buf_free(&l->text);
    memset(l, 0, sizeof *l);
}

static nis2i_ob_item *push(nis2i_ob_list *l, uint32_t ob)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        nis2i_ob_item *ni = realloc(l->items, nc * sizeof *ni);
        if (!ni)
            return NULL;
        l->items = ni;
        l->cap = nc;
    }
    nis2i_ob_item *it = &l->items[l->n++];
    memset(it, 0, sizeof *it);
    it->ob = ob;
    return it;
}

/* Does duty ob bind category cat with the entity's roles? *role gets the role that matched (or -1). */
static bool binds(const nis2i_obligation *ob, uint32_t cat, uint32_t roles, int *role)
{
    *role = -1;
    if (cat >= NIS2I_OBCAT_COUNT || !(ob->categories & (1u << cat)))
        return false;
    if (!ob->roles)
        return true;
    for (int r = 0; r < NIS2I_OBROLE_COUNT; r++)
        if ((ob->roles & (1u << r)) && (roles & (1u << r))) {
            *role = r;
            return true;
        }
    return false;
}

static void because(nis2i_ob_list *l, nis2i_ob_item *it, const nis2i_obligation *ob, const char *category,
                    const char *decided_by, int role, const char *role_code, const char *tail)
{
    it->because_off = l->text.len;
    const char *verb = strcmp(ob->nature, "optional") == 0     ? "is open to"
                       : strcmp(ob->nature, "encouraged") == 0 ? "encourages"
                                                               : "binds";
    nis2i_buf_printf(&l->text, "%s %s %s entities", ob->ref, verb, category);
    if (role >= 0)
        nis2i_buf_printf(&l->text, " that are %s", role_texts[role]);
    nis2i_buf_printf(&l->text, "; the entity is %s", category);
    if (l->overlay >= 0)
        nis2i_buf_printf(&l->text, " under %s", l->law);
    if (decided_by)
        nis2i_buf_printf(&l->text, " (%s)", decided_by);
    if (role >= 0 && role_code)
        nis2i_buf_printf(&l->text, " and its activity %s is one", role_code);
    if (tail)
        nis2i_buf_printf(&l->text, "; %s", tail);
    nis2i_buf_put(&l->text, ".", 1);
    nis2i_buf_put(&l->text, "", 1);          /* NUL separator */
}

static const char *later(const char *a, const char *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return strcmp(a, b) >= 0 ? a : b;
}

nis2i_tri nis2i_obligation_settle(const nis2_ctx *ctx, const nis2_entity *e, const nis2i_obligation *ob)
{
    NIS2I_UNUSED(ctx);
    if (!ob->settled_by || !e)
        return NIS2I_UNKNOWN;
    const char *f = ob->settled_by;
    int value = -1;
    uint32_t flag;
    if (strcmp(f, "established_in_union") == 0) {
        /* country is the Member State of establishment (lib/schema/FORMATS.md §entity): set means established in the Union */
        if (e->country[0])
            value = 1;
    } else if (strncmp(f, "flags.", 6) == 0 && nis2i_flag_from_name(f + 6, &flag)) {
        value = nis2i_flag(e, flag);
    } else if (strncmp(f, "national.", 9) == 0 && strlen(f) > 12) {
        char cc[3] = {f[9], f[10], 0};
        const json_t *nat = nis2i_entity_national(e, cc);
        const json_t *v = nat ? json_object_get(nat, f + 12) : NULL;
        if (json_is_boolean(v))
            value = json_is_true(v);
    }
    if (value < 0)
        return NIS2I_UNKNOWN;
    return (value == 1) == ob->settled_applies_if ? NIS2I_YES : NIS2I_NO;
}

static nis2_status select_common(const nis2_ctx *ctx, const nis2_entity *e, const char *category,
                                 const char *decided_by, int overlay, nis2i_ob_list *out, nis2_error *err)
{
    const nis2i_obltab *t = ctx->obl;
    memset(out, 0, sizeof *out);
    out->overlay = overlay;
    out->category = category;
    out->law = overlay >= 0 ? ctx->overlays[overlay].law : "EU 2022/2555";
    uint32_t cat = cat_of(category);
    if (!t || cat == CAT_NONE)
        return NIS2_OK;          /* out of scope, undetermined, member_state_option: no duties */
    const char *codes[NIS2I_OBROLE_COUNT];
    uint32_t roles = entity_roles(ctx, e, codes);
    bool dora = e && nis2i_flag(e, NIS2_FLAG_DORA_FINANCIAL_ENTITY);
    const char *dora_ref = t->dora_ref ? t->dora_ref : DORA_DEFAULT;
    int role;
    if (overlay < 0) {
        for (size_t d = 0; d < t->n_directive; d++) {
            const nis2i_obligation *ob = &t->items[d];
            nis2i_tri cond;
            if (!binds(ob, cat, roles, &role) || (cond = nis2i_obligation_settle(ctx, e, ob)) == NIS2I_NO)
                continue;
            nis2i_ob_item *it = push(out, (uint32_t)d);
            if (!it)
                goto nomem;
            it->condition = cond;
            it->effective_from = ob->effective_from;
            if (dora && ob->dora_displaced)
                it->displaced_by = dora_ref;
            because(out, it, ob, category, decided_by, role, role >= 0 ? codes[role] : NULL,
                    it->displaced_by ? "as a DORA financial entity it is displaced by the lex specialis" : NULL);
        }
    } else {
        /* 1. Directive duties implemented by national duties that bind the entity. */
        for (size_t d = 0; d < t->n_directive; d++) {
            nis2i_ob_item *it = NULL;
            bool all_displaced = true;
            int nrole = -1;
            nis2i_tri dcond = nis2i_obligation_settle(ctx, e, &t->items[d]);
            for (size_t k = t->n_directive; k < t->n && dcond != NIS2I_NO; k++) {
                const nis2i_obligation *nb = &t->items[k];
                if (nb->overlay != overlay || nb->implements != (int32_t)d || !binds(nb, cat, roles, &role) ||
                    nis2i_obligation_settle(ctx, e, nb) == NIS2I_NO)
                    continue;
                if (!it && !(it = push(out, (uint32_t)d)))
                    goto nomem;
                it->condition = dcond;
                if (it->national_n < sizeof it->national / sizeof it->national[0])
                    it->national[it->national_n++] = (uint32_t)k;
                it->effective_from = later(it->effective_from, nb->effective_from);
                all_displaced = all_displaced && nb->dora_displaced;
                if (nrole < 0)
                    nrole = role;
            }
            if (!it)
                continue;
            if (dora && all_displaced)
                it->displaced_by = dora_ref;
            const nis2i_obligation *first = &t->items[it->national[0]];
            char tail[256];
            snprintf(tail, sizeof tail, "it implements %s%s", t->items[d].ref,
                     it->displaced_by ? "; as a DORA financial entity it is displaced by the lex specialis" : "");
            because(out, it, first, category, decided_by, nrole, nrole >= 0 ? codes[nrole] : NULL, tail);
        }
        /* 2. Directive duties for the category with no national counterpart in the overlay. */
        for (size_t d = 0; d < t->n_directive; d++) {
            const nis2i_obligation *ob = &t->items[d];
            nis2i_tri cond;
            if (!binds(ob, cat, roles, &role) || (cond = nis2i_obligation_settle(ctx, e, ob)) == NIS2I_NO)
                continue;
            bool has_nat = false;
            for (size_t k = t->n_directive; k < t->n && !has_nat; k++)
                has_nat = t->items[k].overlay == overlay && t->items[k].implements == (int32_t)d;
            if (has_nat)
                continue;        /* transposed by national duties, none of which binds this entity */
            nis2i_ob_item *it = push(out, (uint32_t)d);
            if (!it)
                goto nomem;
            it->condition = cond;
            it->effective_from = ob->effective_from;
            if (dora && ob->dora_displaced)
                it->displaced_by = dora_ref;
            because(out, it, ob, category, decided_by, role, role >= 0 ? codes[role] : NULL,
                    it->displaced_by ? "the national overlay names no provision for it; as a DORA financial entity "
                                       "it is displaced by the lex specialis"
                                     : "the national overlay names no provision that transposes it");
        }
        /* 3. National duties with no Directive counterpart. */
        for (size_t k = t->n_directive; k < t->n; k++) {
            const nis2i_obligation *nb = &t->items[k];
            nis2i_tri cond;
            if (nb->overlay != overlay || nb->implements >= 0 || !binds(nb, cat, roles, &role) ||
                (cond = nis2i_obligation_settle(ctx, e, nb)) == NIS2I_NO)
                continue;
            nis2i_ob_item *it = push(out, (uint32_t)k);
            if (!it)
                goto nomem;
            it->condition = cond;
            it->effective_from = nb->effective_from;
            if (dora && nb->dora_displaced)
                it->displaced_by = dora_ref;
            because(out, it, nb, category, decided_by, role, role >= 0 ? codes[role] : NULL,
                    "a national duty with no counterpart in the Directive");
        }
    }
    if (out->text.oom)
        goto nomem;
    return NIS2_OK;
nomem:
    nis2i_ob_list_free(out);
    return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
}

nis2_status nis2i_obligations_select_category(const nis2_ctx *ctx, const nis2_entity *e, const char *category,
                                              int overlay, nis2i_ob_list *out, nis2_error *err)
{
    if (!ctx || !category || !out || overlay >= (int)ctx->n_overlays || overlay < -1)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2i_obligations_select_category: bad argument");
    nis2_status st = select_common(ctx, e, category, NULL, overlay, out, err);
    if (!st)
        out->cat_id = cat_of(category) == NIS2I_OBCAT_ESSENTIAL   ? NIS2_CATEGORY_ESSENTIAL
                      : cat_of(category) == NIS2I_OBCAT_IMPORTANT ? NIS2_CATEGORY_IMPORTANT
                      : cat_of(category) == NIS2I_OBCAT_DRSP_ONLY ? NIS2_CATEGORY_DOMAIN_REGISTRATION_ONLY
                      : cat_of(category) != CAT_NONE              ? NIS2_CATEGORY_NATIONAL
                                                                  : NIS2_CATEGORY_UNDETERMINED;
    return st;
}

nis2_status nis2i_obligations_select(const nis2_ctx *ctx, const nis2_entity *e, const nis2_result *cls,
                                     nis2i_ob_list *out, nis2_error *err)
{
    if (!ctx || !e || !cls || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2i_obligations_select: arguments must not be NULL");
    const nis2i_verdict *v = cls->has_nat ? &cls->nat : &cls->dir;
    int overlay = -1;
    if (cls->has_nat) {
        uint32_t k;
        if (nis2i_map_get(&ctx->overlay_index, cls->country, &k))
            overlay = (int)k;
    }
    nis2_status st = select_common(ctx, e, v->category, v->decided_by, overlay, out, err);
    if (!st)
        out->cat_id = v->cat_id;
    return st;
}

/* ---------------------------------------------------------------- supervision and fines */

const char *nis2i_obligations_supervision(const nis2_ctx *ctx, const nis2i_ob_list *l, const char **ref)
{
    const nis2i_obltab *t = ctx->obl;
    uint32_t cat = cat_of(l->category);
    if (ref)
        *ref = NULL;
    for (size_t i = 0; t && i < t->n_sup; i++)
        if (t->sup[i].overlay == l->overlay && t->sup[i].category == cat) {
            if (ref)
                *ref = t->sup[i].ref;
            return t->sup[i].regime;
        }
    return NULL;
}

static int offence_rank(const char *c)
{
    if (!c)
        return 3;                /* a Directive bracket: one class */
    if (strcmp(c, "very_serious") == 0)
        return 2;
    if (strcmp(c, "serious") == 0)
        return 1;
    return 0;
}

bool nis2i_obligations_max_fine(const nis2_ctx *ctx, const nis2_entity *e, const nis2i_ob_list *l,
                                nis2i_max_fine *out)
{
    const nis2i_obltab *t = ctx->obl;
    memset(out, 0, sizeof *out);
    out->fixed_eur = out->turnover_share = -1;
    uint32_t cat = cat_of(l->category);
    if (!t || cat == CAT_NONE)
        return false;
    const nis2i_fine *best = NULL;
    for (size_t i = 0; i < t->n_fines; i++) {
        const nis2i_fine *f = &t->fines[i];
        if (f->overlay != l->overlay || f->category != cat)
            continue;            /* "any" brackets are the minor offences, never the maximum */
        if (f->fixed_eur < 0 && f->turnover_share < 0)
            continue;            /* the law sets no amount for it */
        if (!best || offence_rank(f->offence_class) > offence_rank(best->offence_class))
            best = f;
    }
    if (!best)
        return false;
    out->exists = true;
    out->fixed_eur = best->fixed_eur;
    out->turnover_share = best->turnover_share;
    out->ref = best->ref;
    out->offence_class = best->offence_class;
    double fixed = best->fixed_eur < 0 ? 0 : best->fixed_eur;
    if (best->turnover_share < 0) {
        out->eur_known = true;
        out->eur = fixed;
    } else if (e && (e->fig_set[0] & (1u << NIS2I_FIG_TURNOVER))) {
        /* Rounded to cents so that a share that equals the fixed amount compares equal (0.014 is inexact). */
        double share = round(best->turnover_share * e->fig[0][NIS2I_FIG_TURNOVER] * 100.0) / 100.0;
        out->eur_known = true;
        out->eur = share > fixed ? share : fixed;
    }
    return true;
}

const char *nis2i_obligations_dora(const nis2_ctx *ctx, const nis2_entity *e, const nis2i_ob_list *l)
{
    uint32_t cat = cat_of(l->category);
    if (l->overlay >= 0 || !e || !nis2i_flag(e, NIS2_FLAG_DORA_FINANCIAL_ENTITY) ||
        (cat != NIS2I_OBCAT_ESSENTIAL && cat != NIS2I_OBCAT_IMPORTANT))
        return NULL;
    return ctx->obl && ctx->obl->dora_ref ? ctx->obl->dora_ref : DORA_DEFAULT;
}

bool nis2i_obligations_public_administration(const nis2_ctx *ctx, const nis2_entity *e)
{
    return entity_is_public_administration(ctx, e);
}
