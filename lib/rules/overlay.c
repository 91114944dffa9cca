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
#include "compile/facts.h"
#include "util/util.h"
#include "util/utf8.h"

const nis2i_overlay *nis2i_overlay_find(const nis2_ctx *ctx, const char *country)
{
    uint32_t idx;
    if (!nis2i_map_get(&ctx->overlay_index, country, &idx))
        return NULL;
    return &ctx->overlays[idx];
}

/* ---------------------------------------------------------------- authority (classify time) */

static bool entity_has_prefix(const nis2_entity *e, const uint8_t *types)
{
    for (size_t i = 0; i < e->n_types; i++)
        if (types[e->types[i]])              /* the code starts with the prefix (compiled at load time) */
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
    const nis2i_natblock *nat;
    bool done;
} nat_cache;

static bool natval_same(const nis2i_natval *a, const nis2i_natval *b)
{
    if (a->kind != b->kind || a->kind == NIS2I_NAT_ABSENT)
        return false;
    switch (a->kind) {
    case NIS2I_NAT_BOOL: return a->b == b->b;
    case NIS2I_NAT_NUMBER: return a->num == b->num;
    case NIS2I_NAT_STRING: return strcmp(a->str, b->str) == 0;
    default: return false;
    }
}

static bool rule_holds(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, const nis2_result *r,
                       const nis2i_auth_rule *ar, nat_cache *nc)
{
    const nis2i_auth *a = ov->auth;
    for (size_t k = ar->first; k < ar->first + ar->n; k++) {
        const nis2i_auth_cond *c = &a->conds[k];
        switch (c->kind) {
        case NIS2I_AC_CATEGORY: {
            bool in = false;
            const char *cat = r->nat.category;
            for (size_t j = c->first; j < c->first + c->n && !in; j++)
                in = cat && a->names[j][0] == cat[0] && strcmp(a->names[j], cat) == 0;
            if (!in)
                return false;
            break;
        }
        case NIS2I_AC_FLAG:
            if (!nis2i_flag(e, c->flag))
                return false;
            break;
        case NIS2I_AC_NATKEY:
            if (!nc->done) {
                nc->nat = nis2i_entity_natblock(e, (int)(ov - ctx->overlays));
                nc->done = true;
            }
            if (!nc->nat || !natval_same(&nc->nat->slot[c->key], &c->val))
                return false;
            break;
        case NIS2I_AC_PREFIX:
            if (!entity_has_prefix(e, c->types))
                return false;
            break;
        default:                 /* NIS2I_AC_ROLE */
            if (!entity_has_role_in(ctx, e, c->roles))
                return false;
            break;
        }
    }
    return true;
}

/* Whether rule i may hold for the entity's activities and flags (the load-time index): the others cannot. */
static uint64_t authority_candidates(const nis2i_auth *a, const nis2_entity *e, size_t w)
{
    uint64_t m = a->untyped[w];
    for (size_t i = 0; i < e->n_types; i++) {
        uint32_t t = e->types[i];
        if (t >= a->n_types)
            return ~(uint64_t)0;         /* a type the index does not know: every rule is checked */
        m |= a->by_type[t * a->words + w];
    }
    return m;
}

static bool authority_found(const nis2i_overlay *ov, nis2_result *r, const nis2i_auth_rule *ar)
{
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
    return true;
}

void nis2i_overlay_authority(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r)
{
    r->authority = NULL;
    const nis2i_auth *a = ov->auth;
    if (!a)
        return;
    nat_cache nc = {NULL, false};
    for (size_t w = 0; w < a->words; w++)
        for (uint64_t m = authority_candidates(a, e, w); m; m &= m - 1) {     /* in order: the first that holds */
            size_t i = w * 64 + nis2i_lowest_bit(m);
            if (i >= a->n_rules)
                return;
            const nis2i_auth_rule *ar = &a->rules[i];
            if ((ar->need_flags & ~e->flags) == 0 && rule_holds(ov, ctx, e, r, ar, &nc)) {
                authority_found(ov, r, ar);
                return;
            }
        }
}

/* ---------------------------------------------------------------- the generic path (data-only overlays) */

static const char *map_ref(const nis2i_overlay *ov, const char *dref, bool *mapped)
{
    *mapped = false;
    for (size_t i = 0; dref && i < ov->n_mapping; i++)
        if (strcmp(ov->mapping[i].directive, dref) == 0) {
            *mapped = true;
            return ov->mapping[i].national;      /* NULL when the provision has no national counterpart */
        }
    return NULL;
}

static const char *national_category(const nis2i_overlay *ov, const char *dir_category)
{
    for (size_t i = 0; i < ov->n_cats; i++) {
        const char *de = ov->cats[i].directive_equivalent;
        if (de && strcmp(de, dir_category) == 0)
            return ov->cats[i].id;
    }
    return NULL;
}

void nis2i_overlay_generic_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e,
                                    nis2_result *r)
{
    /* 1. the Directive's procedure with the options the Member State uses */
    nis2_entity ne = *e;
    bool changed = false;
    for (size_t oi = 0; oi < ov->n_options; oi++) {
        const nis2i_ov_option *o = &ov->options[oi];
        for (size_t fi = 0; fi < o->n_flags; fi++) {
            uint32_t f = o->flags[fi];
            bool want = o->want[fi];
            if (nis2i_flag(&ne, f) != want) {
                changed = true;
                nis2i_reason_add(r, o->ref ? o->ref : ov->law, "%s: the Member State %s the option of %s (flag %s taken as %s)", ov->law,
                                 want ? "uses" : "does not use", o->directive_ref ? o->directive_ref : o->name,
                                 o->flag_name[fi], want ? "true" : "false");
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
    nis2i_verdict *nv = &r->nat;
    memset(nv, 0, sizeof *nv);
    const char *cat = national_category(ov, v.category);
    nv->category = cat ? cat : v.category;
    nv->cat_id = cat ? nis2i_category_id_of(cat) : v.cat_id;
    bool mapped;
    const char *dec = map_ref(ov, v.decided_by, &mapped);
    nv->decided_by = dec ? dec : v.decided_by;
    if (!dec && v.decided_by)
        nis2i_reason_add(r, v.decided_by, "%s: %s has no national counterpart in the overlay's mapping; the Directive's provision is cited",
                         ov->law, v.decided_by);
    for (size_t i = 0; i < v.n_grounds; i++) {
        const char *g = map_ref(ov, v.grounds[i], &mapped);
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
