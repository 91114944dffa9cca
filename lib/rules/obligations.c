/* SPDX-License-Identifier: Apache-2.0 */
/* The duties that bind an entity, its supervision regime and maximum fine, decided over the typed obligations table
 * (model/obligations.h, compiled by compile/obligations_load.c). See rules/obligations.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/facts.h"
#include "model/names.h"
#include "model/overlay.h"
#include "rules/obligations.h"
#include "util/util.h"

/* ---------------------------------------------------------------- names */

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

/* Does duty ob bind category number cat (of the duty's law) with the entity's roles? *role gets the role that
 * matched (or -1). */
static bool binds(const nis2i_obligation *ob, uint32_t cat, uint32_t roles, int *role)
{
    *role = -1;
    if (cat >= NIS2I_OBCAT_MAX || !(ob->categories & ((uint64_t)1 << cat)))
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
        value = nis2i_entity_fact_bool(e, cc, f + 12);
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
    out->law = overlay >= 0 && t && (size_t)overlay < t->n_overlays ? t->overlay_law[overlay] : "EU 2022/2555";
    /* cat: the category's number among the Directive's; ncat: among those the overlay declares */
    uint32_t cat = nis2i_obcat_of(category);
    uint32_t ncat = overlay >= 0 ? nis2i_obcat_in(&ctx->overlays[overlay], category) : NIS2I_OBCAT_NONE;
    if (!t || (cat == NIS2I_OBCAT_NONE && ncat == NIS2I_OBCAT_NONE))
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
                if (nb->overlay != overlay || nb->implements != (int32_t)d || !binds(nb, ncat, roles, &role) ||
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
            if (nb->overlay != overlay || nb->implements >= 0 || !binds(nb, ncat, roles, &role) ||
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
    uint32_t cat = nis2i_obcat_of(category);
    bool national = overlay >= 0 && nis2i_obcat_in(&ctx->overlays[overlay], category) != NIS2I_OBCAT_NONE;
    if (!st)
        out->cat_id = cat == NIS2I_OBCAT_ESSENTIAL   ? NIS2_CATEGORY_ESSENTIAL
                      : cat == NIS2I_OBCAT_IMPORTANT ? NIS2_CATEGORY_IMPORTANT
                      : cat == NIS2I_OBCAT_DRSP_ONLY ? NIS2_CATEGORY_DOMAIN_REGISTRATION_ONLY
                      : national                     ? NIS2_CATEGORY_NATIONAL
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

/* The number of the list's category in the list's law (that of its fines and supervision entries). */
static uint32_t list_cat(const nis2_ctx *ctx, const nis2i_ob_list *l)
{
    bool nat = l->overlay >= 0 && (size_t)l->overlay < ctx->n_overlays;
    return nis2i_obcat_in(nat ? &ctx->overlays[l->overlay] : NULL, l->category);
}

const char *nis2i_obligations_supervision(const nis2_ctx *ctx, const nis2i_ob_list *l, const char **ref)
{
    const nis2i_obltab *t = ctx->obl;
    uint32_t cat = list_cat(ctx, l);
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
    uint32_t cat = list_cat(ctx, l);
    if (!t || cat == NIS2I_OBCAT_NONE)
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
    uint32_t cat = nis2i_obcat_of(l->category);
    if (l->overlay >= 0 || !e || !nis2i_flag(e, NIS2_FLAG_DORA_FINANCIAL_ENTITY) ||
        (cat != NIS2I_OBCAT_ESSENTIAL && cat != NIS2I_OBCAT_IMPORTANT))
        return NULL;
    return ctx->obl && ctx->obl->dora_ref ? ctx->obl->dora_ref : DORA_DEFAULT;
}

bool nis2i_obligations_public_administration(const nis2_ctx *ctx, const nis2_entity *e)
{
    return entity_is_public_administration(ctx, e);
}
