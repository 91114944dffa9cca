/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Directive's decision procedure: scope (NIS2 Art. 2) and category (Art. 3), following the order of
 * shared/domain/nis2-scope.md §11. Every rule that matches is collected as a "hit"; the most demanding level wins,
 * the deciding provision is the first matching point in the order of Art. 3, and a rule that could raise the
 * category but depends on an absent figure makes the answer `undetermined`.
 */
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "util/utf8.h"

/* Levels, least to most demanding. */
enum { LVL_OUT = 0, LVL_MSOPT = 1, LVL_DRSP = 2, LVL_IMPORTANT = 3, LVL_ESSENTIAL = 4 };

static const uint32_t level_category[] = {
    [LVL_OUT] = NIS2_CATEGORY_OUT_OF_SCOPE,
    [LVL_MSOPT] = NIS2_CATEGORY_MEMBER_STATE_OPTION,
    [LVL_DRSP] = NIS2_CATEGORY_DOMAIN_REGISTRATION_ONLY,
    [LVL_IMPORTANT] = NIS2_CATEGORY_IMPORTANT,
    [LVL_ESSENTIAL] = NIS2_CATEGORY_ESSENTIAL,
};

/* Provisions, in the order used to pick the deciding one. */
#define ART_3_1_A "NIS2 Art. 3(1)(a)"
#define ART_3_1_B "NIS2 Art. 3(1)(b)"
#define ART_3_1_C "NIS2 Art. 3(1)(c)"
#define ART_3_1_D "NIS2 Art. 3(1)(d)"
#define ART_3_1_A_OR_C "NIS2 Art. 3(1)(a) or (c)"
#define ART_3_1_E "NIS2 Art. 3(1)(e)"
#define ART_3_1_F "NIS2 Art. 3(1)(f)"
#define ART_3_1_G "NIS2 Art. 3(1)(g)"
#define ART_3_2 "NIS2 Art. 3(2)"
#define ART_2_1 "NIS2 Art. 2(1)"
#define ART_2_2_A_I "NIS2 Art. 2(2)(a)(i)"
#define ART_2_2_A_II "NIS2 Art. 2(2)(a)(ii)"
#define ART_2_2_A_III "NIS2 Art. 2(2)(a)(iii)"
#define ART_2_2_F_I "NIS2 Art. 2(2)(f)(i)"
#define ART_2_2_F_II "NIS2 Art. 2(2)(f)(ii)"
#define ART_2_3 "NIS2 Art. 2(3)"
#define ART_2_4 "NIS2 Art. 2(4)"
#define ART_2_5_A "NIS2 Art. 2(5)(a)"
#define ART_2_5_B "NIS2 Art. 2(5)(b)"
#define ART_2_7 "NIS2 Art. 2(7)"
#define ART_2_9 "NIS2 Art. 2(9)"
#define ART_2_10 "NIS2 Art. 2(10)"

typedef struct hit {
    int level;
    int rank;                    /* order of the category provision: lower decides */
    const char *scope_ref;       /* may be NULL */
    const char *cat_ref;
} hit;

#define MAX_HITS 64

typedef struct eval {
    hit hits[MAX_HITS];
    size_t n_hits;
    hit pending[MAX_HITS];       /* rules that would match if an unknown figure went one way */
    size_t n_pending;
    const char *out_ref;         /* the provision that keeps an out-of-scope entity out, when specific */
} eval;

static void add(hit *arr, size_t *n, int level, int rank, const char *scope_ref, const char *cat_ref)
{
    for (size_t i = 0; i < *n; i++)
        if (arr[i].level == level && arr[i].cat_ref == cat_ref && arr[i].scope_ref == scope_ref)
            return;
    if (*n < MAX_HITS)
        arr[(*n)++] = (hit){level, rank, scope_ref, cat_ref};
}

static void hit_add(eval *ev, int level, int rank, const char *scope_ref, const char *cat_ref)
{
    add(ev->hits, &ev->n_hits, level, rank, scope_ref, cat_ref);
}

static void pending_add(eval *ev, int level, int rank, const char *scope_ref, const char *cat_ref)
{
    add(ev->pending, &ev->n_pending, level, rank, scope_ref, cat_ref);
}

static const char *size_word(const nis2i_size *s)
{
    const char *n = nis2i_size_name(s->cls);
    return n ? n : "of unknown size";
}

static bool is_pa(nis2i_role role)
{
    return role == NIS2I_ROLE_PA_CENTRAL || role == NIS2I_ROLE_PA_REGIONAL || role == NIS2I_ROLE_PA_LOCAL;
}

static bool is_tsp(nis2i_role role)
{
    return role == NIS2I_ROLE_TSP || role == NIS2I_ROLE_QTSP;
}

static const char *designation_scope_ref(const nis2_entity *e)
{
    if (nis2i_flag(e, NIS2_FLAG_SOLE_PROVIDER))
        return "NIS2 Art. 2(2)(b)";
    if (nis2i_flag(e, NIS2_FLAG_SIGNIFICANT_DISRUPTION_IMPACT))
        return "NIS2 Art. 2(2)(c)";
    if (nis2i_flag(e, NIS2_FLAG_SYSTEMIC_RISK))
        return "NIS2 Art. 2(2)(d)";
    if (nis2i_flag(e, NIS2_FLAG_NATIONAL_OR_REGIONAL_CRITICALITY))
        return "NIS2 Art. 2(2)(e)";
    return "NIS2 Art. 2(2)(b)-(e)";
}

/* Evaluate the rules of one activity (nis2-scope.md §11 steps 6-7, 9-11, 14-15, 17-19). */
static void activity_rules(const nis2_ctx *ctx, const nis2_entity *e, const nis2i_etype *t, const nis2i_size *sz,
                           eval *ev, nis2_result *r)
{
    NIS2I_UNUSED(ctx);
    const char *annex = t->annex == 1 ? "Annex I" : t->annex == 2 ? "Annex II" : "outside the Annexes";
    switch (t->role) {
    case NIS2I_ROLE_QTSP:
        hit_add(ev, LVL_ESSENTIAL, 2, ART_2_2_A_II, ART_3_1_B);
        nis2i_reason_add(r, ART_3_1_B, "%s: a qualified trust service provider is in scope whatever its size (Art. 2(2)(a)(ii)) and essential (Art. 3(1)(b))", t->code);
        break;
    case NIS2I_ROLE_DNS:
    case NIS2I_ROLE_TLD:
        hit_add(ev, LVL_ESSENTIAL, 2, ART_2_2_A_III, ART_3_1_B);
        nis2i_reason_add(r, ART_3_1_B, "%s: %s are in scope whatever their size (Art. 2(2)(a)(iii)) and essential (Art. 3(1)(b))",
                         t->code, t->role == NIS2I_ROLE_DNS ? "DNS service providers" : "TLD name registries");
        break;
    case NIS2I_ROLE_PA_CENTRAL:
        hit_add(ev, LVL_ESSENTIAL, 4, ART_2_2_F_I, ART_3_1_D);
        nis2i_reason_add(r, ART_3_1_D, "%s: a public administration entity of central government is in scope whatever its size (Art. 2(2)(f)(i)) and essential (Art. 3(1)(d))", t->code);
        return;
    case NIS2I_ROLE_PA_REGIONAL:
        if (nis2i_flag(e, NIS2_FLAG_REGIONAL_RISK_ASSESSMENT_POSITIVE)) {
            hit_add(ev, LVL_IMPORTANT, 8, ART_2_2_F_II, ART_3_2);
            nis2i_reason_add(r, ART_2_2_F_II, "%s: a regional public administration entity whose services the Member State's risk-based assessment found critical is in scope (Art. 2(2)(f)(ii)) and important (Art. 3(2))", t->code);
        } else {
            if (!ev->out_ref)
                ev->out_ref = ART_2_2_F_II;
            nis2i_reason_add(r, ART_2_2_F_II, "%s: a regional public administration entity is in scope only after a positive risk-based assessment by the Member State (flag regional_risk_assessment_positive is not set)", t->code);
        }
        return;
    case NIS2I_ROLE_PA_LOCAL:
        if (nis2i_flag(e, NIS2_FLAG_MS_OPTS_IN_LOCAL_PA)) {
            hit_add(ev, LVL_MSOPT, 10, ART_2_5_A, ART_2_5_A);
            nis2i_reason_add(r, ART_2_5_A, "%s: the Member State extends the Directive to local public administration (Art. 2(5)(a)); the category is set by national law", t->code);
        } else {
            if (!ev->out_ref)
                ev->out_ref = ART_2_5_A;
            nis2i_reason_add(r, ART_2_5_A, "%s: local public administration is covered only where the Member State opts in (Art. 2(5)(a)); the flag member_state_opts_in_local_public_administration is not set", t->code);
        }
        return;
    case NIS2I_ROLE_EDUCATION:
        if (nis2i_flag(e, NIS2_FLAG_MS_OPTS_IN_EDUCATION)) {
            hit_add(ev, LVL_MSOPT, 11, ART_2_5_B, ART_2_5_B);
            nis2i_reason_add(r, ART_2_5_B, "%s: the Member State extends the Directive to education institutions (Art. 2(5)(b)); the category is set by national law", t->code);
        } else {
            if (!ev->out_ref)
                ev->out_ref = ART_2_5_B;
            nis2i_reason_add(r, ART_2_5_B, "%s: education institutions are covered only where the Member State opts in (Art. 2(5)(b)); the flag member_state_opts_in_education is not set", t->code);
        }
        return;
    case NIS2I_ROLE_DRSP:
        hit_add(ev, LVL_DRSP, 9, ART_2_4, ART_2_4);
        nis2i_reason_add(r, ART_2_4, "%s: entities providing domain name registration services are in scope whatever their size (Art. 2(4)) but are not an Annex type, so Art. 3 gives them no category: only Arts 3(3)-(4), 26, 27 and 28 bind them", t->code);
        return;
    case NIS2I_ROLE_NATIONAL:
        nis2i_reason_add(r, ART_2_1, "%s: a type of national law only (%s); the Directive does not list it", t->code, t->ref);
        return;
    default:
        break;
    }
    if (t->annex == 0)
        return;

    /* Art. 3(1)(a): Annex I type exceeding the medium-sized ceilings. */
    if (t->annex == 1) {
        if (sz->large == NIS2I_YES) {
            hit_add(ev, LVL_ESSENTIAL, 1, ART_2_1, ART_3_1_A);
            nis2i_reason_add(r, ART_3_1_A, "%s: an Annex I type (%s) and the entity exceeds the ceilings for medium-sized enterprises: essential", t->code, t->sector);
        } else if (sz->large == NIS2I_UNKNOWN) {
            pending_add(ev, LVL_ESSENTIAL, 1, ART_2_1, ART_3_1_A);
        }
    }
    /* Art. 3(1)(c): medium-sized public electronic communications provider. */
    if (t->role == NIS2I_ROLE_PUBLIC_ECN || t->role == NIS2I_ROLE_PUBLIC_ECS) {
        if (sz->medium == NIS2I_YES) {
            hit_add(ev, LVL_ESSENTIAL, 3, ART_2_2_A_I, ART_3_1_C);
            nis2i_reason_add(r, ART_3_1_C, "%s: a provider of public electronic communications networks or publicly available services that is medium-sized: essential", t->code);
        } else if (sz->medium == NIS2I_UNKNOWN && sz->medium_or_larger == NIS2I_YES) {
            /* medium or large, not known which: essential either way, under (c) or under (a) */
            hit_add(ev, LVL_ESSENTIAL, 3, ART_2_2_A_I, ART_3_1_A_OR_C);
            nis2i_reason_add(r, ART_3_1_A_OR_C, "%s: a provider of public electronic communications networks or publicly available services that is at least medium-sized: essential whether it is medium-sized (Art. 3(1)(c)) or large (Art. 3(1)(a)); the figures given do not say which", t->code);
        } else if (sz->medium == NIS2I_UNKNOWN) {
            pending_add(ev, LVL_ESSENTIAL, 3, ART_2_2_A_I, ART_3_1_C);
        }
    }
    /* Art. 2(1) with Art. 3(2): Annex I or II type, medium-sized or larger. */
    if (sz->medium_or_larger == NIS2I_YES) {
        hit_add(ev, LVL_IMPORTANT, 8, ART_2_1, ART_3_2);
        if (sz->large != NIS2I_YES || t->annex == 2)
            nis2i_reason_add(r, ART_2_1, "%s: an %s type (%s) and the entity is %s, so it is in scope (Art. 2(1)) and, unless a point of Art. 3(1) applies, important (Art. 3(2))",
                             t->code, annex, t->sector, size_word(sz));
    } else if (sz->medium_or_larger == NIS2I_UNKNOWN) {
        pending_add(ev, LVL_IMPORTANT, 8, ART_2_1, ART_3_2);
    }
    /* Art. 2(2)(a)(i)-(ii) with Art. 3(2): size-independent types. */
    if (t->role == NIS2I_ROLE_TSP) {
        hit_add(ev, LVL_IMPORTANT, 8, ART_2_2_A_II, ART_3_2);
        nis2i_reason_add(r, ART_2_2_A_II, "%s: a (non-qualified) trust service provider is in scope whatever its size (Art. 2(2)(a)(ii)); it is important (Art. 3(2)) unless large (Art. 3(1)(a))", t->code);
    } else if (t->role == NIS2I_ROLE_PUBLIC_ECN || t->role == NIS2I_ROLE_PUBLIC_ECS) {
        hit_add(ev, LVL_IMPORTANT, 8, ART_2_2_A_I, ART_3_2);
        nis2i_reason_add(r, ART_2_2_A_I, "%s: public electronic communications providers are in scope whatever their size (Art. 2(2)(a)(i)); important (Art. 3(2)) unless medium-sized (Art. 3(1)(c)) or large (Art. 3(1)(a))", t->code);
    } else if (sz->medium_or_larger == NIS2I_NO && t->role == NIS2I_ROLE_GENERIC) {
        nis2i_reason_add(r, ART_2_1, "%s: an %s type (%s), but the entity is %s: below the medium-sized threshold of Art. 2(1)", t->code, annex,
                         t->sector, size_word(sz));
    }
}

static void missing_figures(const nis2_entity *e, nis2_result *r)
{
    static const char *const names[NIS2I_NFIG] = {"employees", "turnover_eur", "balance_sheet_eur"};
    r->n_missing = 0;
    for (int i = 0; i < NIS2I_NFIG; i++)
        if (!(e->fig_set[0] & (1u << i)))
            r->missing[r->n_missing++] = names[i];
}

static bool is_size_independent_scope(const char *ref)
{
    return strncmp(ref, "NIS2 Art. 2(2)", 14) == 0 || strcmp(ref, ART_2_3) == 0;
}

static void settle(const nis2_entity *e, eval *ev, nis2_result *r)
{
    nis2i_verdict *v = &r->dir;
    int level = LVL_OUT;
    for (size_t i = 0; i < ev->n_hits; i++)
        if (ev->hits[i].level > level)
            level = ev->hits[i].level;
    int possible = level;
    const hit *best_pending = NULL;
    for (size_t i = 0; i < ev->n_pending; i++) {
        const hit *p = &ev->pending[i];
        if (p->level > level && (!best_pending || p->level > best_pending->level ||
                                 (p->level == best_pending->level && p->rank < best_pending->rank)))
            best_pending = p;
        if (p->level > possible)
            possible = p->level;
    }
    if (possible > level) {
        v->cat_id = NIS2_CATEGORY_UNDETERMINED;
        v->category = nis2i_category_name(v->cat_id);
        v->decided_by = best_pending->cat_ref;
        nis2i_verdict_add_ground(v, best_pending->scope_ref);
        missing_figures(e, r);
        nis2i_reason_add(r, best_pending->cat_ref,
                         "Undetermined: the entity would be %s under %s if its size reached the threshold, but the figures given do not settle its size class",
                         nis2i_category_name(level_category[best_pending->level]), best_pending->cat_ref);
        return;
    }
    v->cat_id = level_category[level];
    v->category = nis2i_category_name(v->cat_id);
    if (level == LVL_OUT) {
        v->decided_by = ev->out_ref ? ev->out_ref : ART_2_1;
        nis2i_verdict_add_ground(v, v->decided_by);
        return;
    }
    /* deciding provision: the lowest rank at the final level */
    const hit *dec = NULL;
    bool via_2_1 = false;
    for (size_t i = 0; i < ev->n_hits; i++) {
        const hit *h = &ev->hits[i];
        if (h->level != level)
            continue;
        if (!dec || h->rank < dec->rank)
            dec = h;
        if (h->scope_ref && strcmp(h->scope_ref, ART_2_1) == 0)
            via_2_1 = true;
    }
    if (!dec)
        return;
    v->decided_by = dec->cat_ref;
    /* grounds: scope provisions, then category provisions, each in the order of their rank */
    for (int pass = 0; pass < 2; pass++) {
        for (int rank = 0; rank <= 16; rank++) {
            for (size_t i = 0; i < ev->n_hits; i++) {
                const hit *h = &ev->hits[i];
                if (h->level != level || h->rank != rank)
                    continue;
                if (pass == 0) {
                    if (h->scope_ref && !(via_2_1 && is_size_independent_scope(h->scope_ref)))
                        nis2i_verdict_add_ground(v, h->scope_ref);
                } else {
                    nis2i_verdict_add_ground(v, h->cat_ref);
                }
            }
        }
    }
}

void nis2i_directive_classify(const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r)
{
    eval ev;
    ev.n_hits = ev.n_pending = 0;
    ev.out_ref = NULL;
    nis2i_verdict *v = &r->dir;
    memset(v, 0, sizeof *v);

    /* Step 1: Art. 2(10). */
    if (nis2i_flag(e, NIS2_FLAG_DORA_EXEMPTED)) {
        nis2i_reason_add(r, ART_2_10, "A Member State exempted the entity from Regulation (EU) 2022/2554 under its Art. 2(4): the Directive does not apply (Art. 2(10))");
        v->cat_id = NIS2_CATEGORY_OUT_OF_SCOPE;
        v->category = nis2i_category_name(v->cat_id);
        v->decided_by = ART_2_10;
        nis2i_verdict_add_ground(v, ART_2_10);
        return;
    }

    /* Steps 2-3: which activities count. */
    bool has_pa = false, has_tsp = false;
    for (size_t i = 0; i < e->n_types; i++) {
        const nis2i_etype *t = &ctx->etypes[e->types[i]];
        has_pa |= is_pa(t->role);
        has_tsp |= is_tsp(t->role);
    }
    bool drop_pa = false, only_tsp = false;
    if (nis2i_flag(e, NIS2_FLAG_NATIONAL_SECURITY_ACTIVITIES)) {
        if (has_pa && !has_tsp) {
            nis2i_reason_add(r, ART_2_7, "A public administration entity whose activities lie in national security, public security, defence or law enforcement is excluded (Art. 2(7))");
            v->cat_id = NIS2_CATEGORY_OUT_OF_SCOPE;
            v->category = nis2i_category_name(v->cat_id);
            v->decided_by = ART_2_7;
            nis2i_verdict_add_ground(v, ART_2_7);
            return;
        }
        if (has_pa && has_tsp) {
            only_tsp = true;
            nis2i_reason_add(r, ART_2_9, "The Art. 2(7) exclusion does not reach the entity's activity as a trust service provider (Art. 2(9)); only that activity is assessed");
        } else {
            nis2i_reason_add(r, ART_2_7, "Art. 2(7) excludes only public administration entities; for other entities a Member State may grant the exemptions of Art. 2(8), which this library does not presume");
        }
    }
    if (nis2i_flag(e, NIS2_FLAG_JUDICIARY_PARLIAMENT_CENTRAL_BANK)) {
        drop_pa = true;
        if (has_pa)
            nis2i_reason_add(r, "NIS2 Art. 6(35)", "The judiciary, parliaments and central banks are not public administration entities (Art. 6(35)); public administration activities are not counted");
    }

    /* Step 4: Art. 2(1), services in the Union. */
    if (!nis2i_flag(e, NIS2_FLAG_PROVIDES_SERVICES_IN_UNION)) {
        nis2i_reason_add(r, ART_2_1, "The entity neither provides services nor carries out activities in the Union (Art. 2(1))");
        v->cat_id = NIS2_CATEGORY_OUT_OF_SCOPE;
        v->category = nis2i_category_name(v->cat_id);
        v->decided_by = ART_2_1;
        nis2i_verdict_add_ground(v, ART_2_1);
        return;
    }

    /* Steps 6-7, 9-11, 14-15, 17-19: per activity. */
    bool has_annex = false;
    size_t counted = 0;
    for (size_t i = 0; i < e->n_types; i++) {
        const nis2i_etype *t = &ctx->etypes[e->types[i]];
        if ((drop_pa && is_pa(t->role)) || (only_tsp && !is_tsp(t->role)))
            continue;
        counted++;
        if (t->annex != 0 && t->role != NIS2I_ROLE_NATIONAL)
            has_annex = true;
        activity_rules(ctx, e, t, &r->size, &ev, r);
    }
    if (counted == 0 && e->n_types == 0)
        nis2i_reason_add(r, ART_2_1, "No NIS2 activity was given: the entity is not of a type in Annex I or II");

    /* Step 8: Art. 2(3) and 3(1)(f). */
    if (nis2i_flag(e, NIS2_FLAG_CER_CRITICAL_ENTITY)) {
        hit_add(&ev, LVL_ESSENTIAL, 6, ART_2_3, ART_3_1_F);
        nis2i_reason_add(r, ART_3_1_F, "Identified as a critical entity under Directive (EU) 2022/2557: in scope whatever its size (Art. 2(3)) and essential (Art. 3(1)(f))");
    }
    /* Steps 12 and 16: Member State identification under Art. 2(2)(b)-(e). */
    if (e->designation != NIS2_DESIGNATION_NONE) {
        const char *sref = designation_scope_ref(e);
        if (!has_annex) {
            nis2i_reason_add(r, sref, "A Member State designation under Art. 2(2)(b)-(e) concerns only entities of a type in Annex I or II; none of the activities is one, so it has no effect under the Directive");
        } else if (e->designation == NIS2_DESIGNATION_ESSENTIAL) {
            hit_add(&ev, LVL_ESSENTIAL, 5, sref, ART_3_1_E);
            nis2i_reason_add(r, ART_3_1_E, "Identified by the Member State under %s and designated essential (Art. 3(1)(e))", sref + 5);
        } else {
            hit_add(&ev, LVL_IMPORTANT, 8, sref, ART_3_2);
            nis2i_reason_add(r, ART_3_2, "Identified by the Member State under %s and designated important (Art. 3(2), second sentence)", sref + 5);
        }
    } else if (nis2i_flag(e, NIS2_FLAG_SOLE_PROVIDER) || nis2i_flag(e, NIS2_FLAG_SIGNIFICANT_DISRUPTION_IMPACT) ||
               nis2i_flag(e, NIS2_FLAG_SYSTEMIC_RISK) || nis2i_flag(e, NIS2_FLAG_NATIONAL_OR_REGIONAL_CRITICALITY)) {
        nis2i_reason_add(r, "NIS2 Art. 2(2)(b)-(e)", "The criteria of Art. 2(2)(b)-(e) bring an entity into scope only once the Member State identifies it (flags.member_state_designation is not set)");
    }
    /* Step 13: Art. 3(1)(g). */
    if (nis2i_flag(e, NIS2_FLAG_NIS1_OES)) {
        if (nis2i_flag(e, NIS2_FLAG_MS_KEEPS_NIS1_OES_AS_ESSENTIAL)) {
            hit_add(&ev, LVL_ESSENTIAL, 7, NULL, ART_3_1_G);
            nis2i_reason_add(r, ART_3_1_G, "Identified before 16 January 2023 as an operator of essential services under Directive (EU) 2016/1148, and the Member State keeps such entities essential (Art. 3(1)(g))");
        } else {
            nis2i_reason_add(r, ART_3_1_G, "A former NIS1 operator of essential services is essential only where the Member State so provides (Art. 3(1)(g)); the flag member_state_keeps_nis1_oes_as_essential is not set");
        }
    }

    settle(e, &ev, r);

    /* Post-processing that changes duties, not the category. */
    if (v->cat_id != NIS2_CATEGORY_OUT_OF_SCOPE) {
        bool art28 = false, me = false, ir = false;
        for (size_t i = 0; i < e->n_types; i++) {
            const nis2i_etype *t = &ctx->etypes[e->types[i]];
            art28 |= t->role == NIS2I_ROLE_TLD || t->role == NIS2I_ROLE_DRSP;
            me |= (t->flags & NIS2I_ET_MAIN_ESTABLISHMENT) != 0;
            ir |= (t->flags & NIS2I_ET_IR) != 0;
        }
        if (art28)
            nis2i_reason_add(r, "NIS2 Art. 28", "As a TLD name registry or domain name registration service provider the entity also keeps a database of domain name registration data (Art. 28)");
        if (me)
            nis2i_reason_add(r, "NIS2 Art. 26(1)(b)", "Jurisdiction lies with the Member State of the main establishment in the Union (Art. 26(1)(b)), and the entity registers with ENISA's registry (Art. 27)");
        if (ir && (v->cat_id == NIS2_CATEGORY_ESSENTIAL || v->cat_id == NIS2_CATEGORY_IMPORTANT))
            nis2i_reason_add(r, "IR 2024/2690 Art. 1", "The entity is of a type covered by Implementing Regulation (EU) 2024/2690, which details the Art. 21 measures and the significant-incident thresholds");
        if (nis2i_flag(e, NIS2_FLAG_DORA_FINANCIAL_ENTITY))
            nis2i_reason_add(r, "NIS2 Art. 4", "A financial entity under Regulation (EU) 2022/2554 (DORA): the category stands, but DORA replaces the Directive's risk-management, reporting and supervision provisions (Art. 4(1); DORA Art. 1(2))");
    }
}
