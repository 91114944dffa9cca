/* SPDX-License-Identifier: Apache-2.0 */
/* The obligations catalog compiled: load and validate the Directive's duties and each overlay's national duties,
 * fine brackets and supervision regimes into the typed table of model/obligations.h. See compile/obligations_load.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/json_parse.h"
#include "compile/obligations_load.h"
#include "compile/reader.h"
#include "model/names.h"
#include "model/overlay.h"
#include "util/util.h"

typedef struct oloader {
    nis2_ctx *ctx;
    nis2i_obltab *t;
    nis2i_reader R;              /* path stack and failure formatter (compile/reader.h) */
} oloader;

/* "catalog: <path>: <message>" at the current path. */
#define obad(L, ...) nis2i_rd_bad(&(L)->R, __VA_ARGS__)

static nis2_status ostr(oloader *L, const json_t *o, const char *key, bool nullable, const char **out)
{
    *out = nis2i_rd_field_str(&L->R, o, key,
                              nullable ? NIS2I_FIELD_NULLABLE | NIS2I_FIELD_SAY_NULL : NIS2I_FIELD_REQUIRED);
    return L->R.st;
}

/* A number >= 0, or null/absent (then *out = -1) when nullable. */
static nis2_status onum(oloader *L, const json_t *o, const char *key, bool nullable, double *out)
{
    *out = -1;
    nis2i_rd_field_num(&L->R, o, key, nullable ? NIS2I_FIELD_NULLABLE | NIS2I_FIELD_SAY_NULL : NIS2I_FIELD_REQUIRED,
                       out);
    return L->R.st;
}

/* An unknown category: say which names the law of the entry has (its overlay's declared categories that carry
 * duties, or the Directive's). */
static nis2_status bad_category(oloader *L, const nis2i_overlay *ov, const char *what, size_t i, const json_t *v)
{
    nis2i_buf names = {0};
    size_t n = 0;
    if (!ov) {
        nis2i_buf_printf(&names, "essential, important or domain_registration_only");
    } else {
        for (size_t k = 0; k < ov->n_cats; k++)
            if (nis2i_obcat_in(ov, ov->cats[k].id) != NIS2I_OBCAT_NONE)
                nis2i_buf_printf(&names, "%s%s", n++ ? ", " : "", ov->cats[k].id);
        if (!n)
            nis2i_buf_printf(&names, "none");
    }
    if (names.oom) {
        nis2i_buf_free(&names);
        return nis2i_rd_nomem(&L->R);
    }
    char where[64] = "";
    if (what)
        snprintf(where, sizeof where, "%s[%zu]: ", what, i);
    nis2_status st = obad(L, "%sunknown category '%s' (expected %s%s)", where,
                          json_is_string(v) ? json_string_value(v) : "(not a string)",
                          ov ? "a category its overlay declares in 'categories' that carries duties: " : "",
                          names.data);
    nis2i_buf_free(&names);
    return st;
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
    const nis2i_overlay *ov = ob->overlay >= 0 ? &L->ctx->overlays[ob->overlay] : NULL;
    json_array_foreach(cats, i, v) {
        uint32_t c = nis2i_obcat_in(ov, json_string_value(v));
        if (c == NIS2I_OBCAT_NONE)
            return bad_category(L, ov, "applies_to.categories", i, v);
        ob->categories |= (uint64_t)1 << c;
    }
    json_array_foreach(roles, i, v) {
        const char *name = json_string_value(v);
        int r;
        for (r = 0; r < NIS2I_OBROLE_COUNT; r++)
            if (name && strcmp(nis2i_obrole_names[r], name) == 0)
                break;
        if (r == NIS2I_OBROLE_COUNT)
            return obad(L, "applies_to.roles[%zu]: unknown role '%s' (expected r27, trust_service_provider, "
                           "ir_relevant, tld_registry, domain_registration or public_ecn_ecs)",
                        i, name ? name : "(not a string)");
        ob->roles |= 1u << r;
    }
    return NIS2_OK;
}

/* What an entry owns (release and a rejected entry free it). */
static void owned_free(nis2i_obligation *ob)
{
    free(ob->evidence_ids);
    free(ob->deadline_json);
    free(ob->evidence_json);
    free(ob->effective_from_basis_json);
    free(ob->offence_json);
    ob->evidence_ids = NULL;
    ob->n_evidence = 0;
    ob->deadline_json = ob->evidence_json = ob->effective_from_basis_json = ob->offence_json = NULL;
}

/* v as the obligations output writes it (nis2i_json_dump's compact flags), or NULL (out of memory). */
static char *fragment(const json_t *v)
{
    return json_dumps(v, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_COMPACT);
}

static nis2_status load_one(oloader *L, const json_t *o, int overlay, const char *prefix, nis2i_obligation *ob)
{
    nis2_status st;
    memset(ob, 0, sizeof *ob);
    ob->overlay = overlay;
    ob->implements = -1;
    if (!json_is_object(o))
        return obad(L, "an obligation must be an object");
    if ((st = ostr(L, o, "id", false, &ob->id)) || (st = ostr(L, o, "ref", false, &ob->ref)) ||
        (st = ostr(L, o, "title", false, &ob->title)) || (st = ostr(L, o, "group", false, &ob->group)) ||
        (st = ostr(L, o, "nature", false, &ob->nature)) || (st = ostr(L, o, "condition", true, &ob->condition)) ||
        (st = ostr(L, o, "effective_from", true, &ob->effective_from)))
        return st;
    if (strncmp(ob->id, prefix, strlen(prefix)) != 0)
        return obad(L, "id '%s' must start with '%s'", ob->id, prefix);
    if (ob->effective_from && !nis2i_is_calendar_date(ob->effective_from))
        return obad(L, "effective_from '%s' must be a date YYYY-MM-DD", ob->effective_from);
    const json_t *basis = json_object_get(o, "effective_from_basis");
    if (basis && !json_is_null(basis) && !json_is_object(basis))
        return obad(L, "effective_from_basis must be an object or null");
    if ((st = load_applies_to(L, o, ob)))
        return st;
    const json_t *dl = json_object_get(o, "deadline");
    if (dl && !json_is_null(dl)) {
        if (!json_is_object(dl))
            return obad(L, "deadline must be an object or null");
        ob->has_deadline = true;
        if ((st = ostr(L, dl, "text", true, &ob->deadline_text)))
            return st;
        ob->deadline_from = json_string_value(json_object_get(dl, "from"));
        for (uint32_t u = NIS2I_OBUNIT_HOURS; u < NIS2I_OBUNIT_COUNT && !ob->deadline_unit; u++) {
            const json_t *n = json_object_get(dl, nis2i_obunit_names[u]);
            if (json_is_number(n)) {
                ob->deadline_unit = u;
                ob->deadline_amount = json_number_value(n);
            }
        }
    }
    const json_t *ev = json_object_get(o, "evidence");
    if (ev) {
        if (!json_is_array(ev))
            return obad(L, "evidence must be an array of strings");
        size_t i;
        const json_t *v;
        json_array_foreach(ev, i, v) if (!json_is_string(v)) return obad(L, "evidence[%zu] must be a string", i);
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
    /* Last, so that every failure above leaves nothing allocated; add_set frees it when it rejects the entry. */
    if (json_array_size(ev)) {
        ob->n_evidence = json_array_size(ev);
        ob->evidence_ids = malloc(ob->n_evidence * sizeof *ob->evidence_ids);
        if (!ob->evidence_ids) {
            ob->n_evidence = 0;
            return nis2i_rd_nomem(&L->R);
        }
        for (size_t i = 0; i < ob->n_evidence; i++)
            ob->evidence_ids[i] = json_string_value(json_array_get(ev, i));
    }
    /* The members the output repeats verbatim, as the output's own compact text (model/obligations.h). */
    const json_t *off = json_object_get(o, "offence");
    if ((dl && !json_is_null(dl) && !(ob->deadline_json = fragment(dl))) ||
        (ev && !(ob->evidence_json = fragment(ev))) ||
        (basis && !json_is_null(basis) && !(ob->effective_from_basis_json = fragment(basis))) ||
        (json_is_object(off) && !(ob->offence_json = fragment(off)))) {
        owned_free(ob);
        return nis2i_rd_nomem(&L->R);
    }
    return NIS2_OK;
}

static nis2_status load_fines(oloader *L, const json_t *arr, const char *base, int overlay)
{
    nis2i_obltab *t = L->t;
    if (!arr)
        return NIS2_OK;
    nis2i_rd_set(&L->R, base);
    if (!json_is_array(arr))
        return obad(L, "must be an array of fine brackets");
    nis2i_fine *nf = realloc(t->fines, (t->n_fines + json_array_size(arr) + 1) * sizeof *nf);
    NIS2I_CHECK_ALLOC(&L->R, nf);
    t->fines = nf;
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        nis2i_rd_set_index(&L->R, base, i);
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
        const nis2i_overlay *ov = overlay >= 0 ? &L->ctx->overlays[overlay] : NULL;
        f->category = strcmp(cat, "any") == 0 ? NIS2I_OBCAT_ANY : nis2i_obcat_in(ov, cat);
        if (f->category == NIS2I_OBCAT_NONE)
            return bad_category(L, ov, NULL, 0, json_object_get(o, "category"));
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
    nis2i_rd_set(&L->R, base);
    if (!json_is_array(arr))
        return obad(L, "must be an array of supervision regimes");
    nis2i_supervision *ns = realloc(t->sup, (t->n_sup + json_array_size(arr) + 1) * sizeof *ns);
    NIS2I_CHECK_ALLOC(&L->R, ns);
    t->sup = ns;
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        nis2i_rd_set_index(&L->R, base, i);
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
        const nis2i_overlay *ov = overlay >= 0 ? &L->ctx->overlays[overlay] : NULL;
        s->category = nis2i_obcat_in(ov, cat);
        if (s->category == NIS2I_OBCAT_NONE)
            return bad_category(L, ov, NULL, 0, json_object_get(o, "category"));
        t->n_sup++;
    }
    return NIS2_OK;
}

/* What a loaded entry links to: its `implements` (national duties) and its id in the index. */
static nis2_status link_one(oloader *L, const json_t *o, int overlay, nis2i_obligation *ob)
{
    nis2i_obltab *t = L->t;
    nis2_status st;
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
    NIS2I_CHECK_ALLOC(&L->R, rc >= 0);
    if (rc > 0)
        return obad(L, "duplicate obligation id '%s'", ob->id);
    return NIS2_OK;
}

static nis2_status add_set(oloader *L, const json_t *arr, const char *base, int overlay, const char *prefix)
{
    nis2i_obltab *t = L->t;
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        nis2i_rd_set_index(&L->R, base, i);
        nis2i_obligation *ob = &t->items[t->n];
        nis2_status st = load_one(L, o, overlay, prefix, ob);
        if (!st && (st = link_one(L, o, overlay, ob)))
            owned_free(ob);                  /* the entry is not counted: release() would not see it */
        if (st)
            return st;
        t->n++;
    }
    return NIS2_OK;
}

void nis2i_obligations_release(nis2_ctx *ctx)
{
    nis2i_obltab *t = ctx ? ctx->obl : NULL;
    if (!t)
        return;
    for (size_t i = 0; t->items && i < t->n; i++)
        owned_free(&t->items[i]);
    free(t->items);
    free(t->overlay_law);
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
        return nis2i_nomem(err);
    ctx->obl = t;
    oloader L = {.ctx = ctx, .t = t};
    nis2i_rd_init(&L.R, err, NIS2_ERR_CATALOG, "catalog", "$");
    const json_t *doc = ctx->doc;
    /* $.overlays[k] is ctx->overlays[k] (compile/context.c loads every element or fails) */
    const json_t *ovs = json_object_get(doc, "overlays");
    const json_t *dir = json_object_get(doc, "obligations");
    nis2i_rd_set(&L.R, "$.obligations");
    if (dir && !json_is_array(dir))
        return obad(&L, "must be an array of obligations");
    size_t total = json_array_size(dir);
    for (size_t k = 0; k < ctx->n_overlays; k++) {
        const json_t *a = json_object_get(json_array_get(ovs, k), "obligations");
        nis2i_rd_set_index(&L.R, "$.overlays", k);
        nis2i_rd_push_key(&L.R, "obligations");
        if (a && !json_is_array(a))
            return obad(&L, "must be an array of obligations");
        total += json_array_size(a);
    }
    t->items = calloc(total + 1, sizeof *t->items);
    t->overlay_law = calloc(ctx->n_overlays + 1, sizeof *t->overlay_law);
    NIS2I_CHECK_ALLOC(&L.R, t->items && t->overlay_law);
    t->n_overlays = ctx->n_overlays;
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
        nis2i_rd_set_index(&L.R, "$.lex_specialis", i);
        if (flag && strcmp(flag, "dora_financial_entity") == 0 && (st = ostr(&L, x, "displaced_by", false, &t->dora_ref)))
            return st;
    }
    for (size_t k = 0; k < ctx->n_overlays; k++) {
        const json_t *ov = json_array_get(ovs, k);
        char base[64], prefix[8];
        const char *cc = nis2i_ms_canonical(ctx, json_string_value(json_object_get(ov, "country")));
        t->overlay_law[k] = json_string_value(json_object_get(ov, "law"));
        if (!cc || !t->overlay_law[k])          /* validated by load_overlays already */
            return nis2i_fail_at(err, NIS2_ERR_CATALOG, "catalog", NULL, NIS2I_FORM_BARE,
                                 "$.overlays[%zu] is not a loaded overlay", k);
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
