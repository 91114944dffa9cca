/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The interpreter of national classification rules (lib/catalog/overlays/README.md, "The rule language").
 *
 * Conditions are three-valued (true, false, unknown): a fact the entity does not give makes the primitive that
 * reads it unknown, and the primitive names the fact. A rule fires in order; a match whose condition is unknown
 * becomes "unknown: these facts are missing". The resolver then takes the most demanding category that matched
 * (the overlay's ranks); a rule that could not be settled and is ranked above it makes the answer undetermined.
 * Pure function of typed structs: no JSON, no country.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/rulec.h"
#include "model/names.h"
#include "model/result.h"
#include "rules/interp.h"
#include "rules/rules.h"

enum { NO = 0, YES = 1, UNK = 2 };

static const char *const figure_names[NIS2I_NFIG] = {"employees", "turnover_eur", "balance_sheet_eur"};

/* The figures the size predicates read: the entity's (period 0), or national keys after a "sizing" rule. */
typedef struct figs {
    double fig[NIS2I_NFIG];
    uint8_t set;
    const char *missing[NIS2I_NFIG];
} figs;

typedef struct fired {
    const nis2i_rule *rule;
    int outcome;                 /* NIS2I_RO_MATCH / UNKNOWN / GAP */
    const char *scope[8];
    size_t n_scope;
    const char *missing[8];
    size_t n_missing;
} fired;

typedef struct ev {
    const nis2i_ruleset *rs;
    const nis2_ctx *ctx;
    const nis2_entity *e;
    nis2_result *r;
    const nis2i_natval *nat[NIS2I_RULE_MAX_KEYS];   /* the entity's slot, or the key's default (never NULL) */
    int dbool[NIS2I_RULE_MAX_DERIVED];
    const char *dstr[NIS2I_RULE_MAX_DERIVED];
    int dcase[NIS2I_RULE_MAX_DERIVED];           /* the case a string fact selected, or -1 */
    bool dknown[NIS2I_RULE_MAX_DERIVED];         /* computed (derived facts are computed when first read) */
    fired f[NIS2I_RULE_MAX_FIRED];
    size_t n_f;
    const char *floor;
    const char *parts[8];
    size_t n_parts;
    figs fg;
    const char *miss[8];         /* facts named by the unknown primitives of the condition being evaluated */
    size_t n_miss;
    bool after, stop;
    uint64_t atoms;              /* the entity's NIS2I_ATOM_* (for the compiler's gates) */
    const int8_t *type_row;      /* the compiler's type facts for the entity's one activity type, or NULL */
} ev;

static void miss_add(ev *E, const char *name)
{
    for (size_t i = 0; i < E->n_miss; i++)
        if (strcmp(E->miss[i], name) == 0)
            return;
    if (E->n_miss < sizeof E->miss / sizeof E->miss[0])
        E->miss[E->n_miss++] = name;
}

static void miss_figures(ev *E)
{
    for (int i = 0; i < NIS2I_NFIG; i++)
        if (!(E->fg.set & (1u << i)))
            miss_add(E, E->fg.missing[i]);
}

static int tri_of(nis2i_tri t)
{
    return t == NIS2I_YES ? YES : t == NIS2I_NO ? NO : UNK;
}

static bool natval_eq(const nis2i_natval *a, const nis2i_natval *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case NIS2I_NAT_BOOL: return a->b == b->b;
    case NIS2I_NAT_NUMBER: return a->num == b->num;
    case NIS2I_NAT_STRING: return strcmp(a->str, b->str) == 0;
    default: return true;
    }
}

static bool in_names(const char *s, const char *const *names, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return true;
    return false;
}

static bool activity_matches(const ev *E, const nis2i_rexpr *x, const nis2i_etype *t, uint32_t idx)
{
    if (x->not_in_slot >= 0) {   /* declared in a "codes" national key (e.g. negligible activities): not counted */
        const nis2i_natval *nv = E->nat[x->not_in_slot];
        for (size_t i = 0; nv->kind == NIS2I_NAT_CODES && i < nv->n_codes; i++)
            if (nv->codes[i] == idx)
                return false;
    }
    return nis2i_rx_activity_type(x, t, idx);
}

static int eval(ev *E, const nis2i_rexpr *x);

/* A derived fact, computed on first use (its own missing facts are not named: the rules name theirs). */
static void derive(ev *E, size_t d)
{
    if (E->dknown[d])
        return;
    const nis2i_derived *df = &E->rs->derived[d];
    E->dknown[d] = true;
    E->dstr[d] = NULL;
    E->dcase[d] = -1;
    if (E->type_row && E->type_row[d] != NIS2I_TF_ENTITY) {   /* the type decides it (the compiler's type facts) */
        int v = E->type_row[d];
        if (!df->is_string) {
            E->dbool[d] = v;
        } else if (v >= 0) {
            E->dstr[d] = df->case_value[v];
            E->dcase[d] = v;
        }
        return;
    }
    if (!df->is_string && !nis2i_gate_open(E->rs, &df->gate, E->e, E->atoms)) {
        E->dbool[d] = NO;        /* no activity of the entity can make it hold (the compiler's gate) */
        return;
    }
    const char *saved[8];
    size_t n_saved = E->n_miss;
    for (size_t i = 0; i < n_saved; i++)
        saved[i] = E->miss[i];
    if (!df->is_string) {
        E->dbool[d] = eval(E, df->when);
    } else {
        for (size_t c = 0; c < df->n_cases && !E->dstr[d]; c++)
            if ((!df->case_gate || nis2i_gate_open(E->rs, &df->case_gate[c], E->e, E->atoms)) && eval(E, df->case_when[c]) == YES) {
                E->dstr[d] = df->case_value[c];
                E->dcase[d] = (int)c;
            }
    }
    E->n_miss = n_saved;
    for (size_t i = 0; i < n_saved; i++)
        E->miss[i] = saved[i];
}

static int eval(ev *E, const nis2i_rexpr *x)
{
    if (!x)
        return YES;
    const nis2_entity *e = E->e;
    const nis2_result *r = E->r;
    int v, res;
    switch (x->kind) {
    case NIS2I_RX_CONST:
        return x->constant ? YES : NO;
    case NIS2I_RX_ALL:
        res = YES;
        for (size_t i = 0; i < x->n_kids; i++) {
            if ((v = eval(E, x->kids[i])) == NO)
                return NO;
            if (v == UNK)
                res = UNK;
        }
        return res;
    case NIS2I_RX_ANY:
        res = NO;
        for (size_t i = 0; i < x->n_kids; i++) {
            if ((v = eval(E, x->kids[i])) == YES)
                return YES;
            if (v == UNK)
                res = UNK;
        }
        return res;
    case NIS2I_RX_NOT:
        v = eval(E, x->kids[0]);
        return v == UNK ? UNK : v == YES ? NO : YES;
    case NIS2I_RX_DEFINITELY:
        return eval(E, x->kids[0]) == YES ? YES : NO;
    case NIS2I_RX_IS_UNKNOWN:
        return eval(E, x->kids[0]) == UNK ? YES : NO;
    case NIS2I_RX_ACTIVITY: {
        unsigned n = 0;
        for (size_t i = 0; i < e->n_types; i++)
            if (activity_matches(E, x, &E->ctx->etypes[e->types[i]], e->types[i]) && ++n >= x->at_least)
                return YES;
        return NO;
    }
    case NIS2I_RX_FLAG:
        return nis2i_flag(e, x->flag) ? YES : NO;
    case NIS2I_RX_DESIGNATION:
        return e->designation == x->designation ? YES : NO;
    case NIS2I_RX_NATIONAL: {
        const nis2i_natval *nv = E->nat[x->slot];
        if (nv->kind == NIS2I_NAT_ABSENT) {
            miss_add(E, E->rs->key_missing[x->slot]);
            return UNK;
        }
        switch (x->nop) {
        case NIS2I_NOP_TRUE: return nv->kind == NIS2I_NAT_BOOL && nv->b ? YES : NO;
        case NIS2I_NOP_AT_LEAST: return nv->kind == NIS2I_NAT_NUMBER && nv->num >= x->vals[0].num ? YES : NO;
        default:
            for (size_t i = 0; i < x->n_vals; i++)
                if (natval_eq(nv, &x->vals[i]))
                    return YES;
            return NO;
        }
    }
    case NIS2I_RX_SIZE: {
        nis2i_tri t = x->size_pred == NIS2I_SZ_LARGE ? r->size.large
                      : x->size_pred == NIS2I_SZ_MEDIUM ? r->size.medium : r->size.medium_or_larger;
        if (t == NIS2I_UNKNOWN)
            miss_figures(E);
        return tri_of(t);
    }
    case NIS2I_RX_SIZE_CLASS:
        if (r->size.cls == NIS2_SIZE_UNKNOWN) {
            miss_figures(E);
            return UNK;
        }
        return (x->class_mask & (1u << r->size.cls)) ? YES : NO;
    case NIS2I_RX_FIGURE: {
        if (!(E->fg.set & (1u << x->figure))) {
            miss_add(E, E->fg.missing[x->figure]);
            return UNK;
        }
        double n = E->fg.fig[x->figure];
        if (x->has_lo && (x->lo_strict ? !(n > x->lo) : !(n >= x->lo)))
            return NO;
        if (x->has_hi && (x->hi_strict ? !(n < x->hi) : !(n <= x->hi)))
            return NO;
        if (x->integer >= 0 && (n == floor(n)) != (x->integer == 1))
            return NO;
        return YES;
    }
    case NIS2I_RX_DIRECTIVE:
        if (x->n_names && !in_names(r->dir.category, x->names, x->n_names))
            return NO;
        if (x->decided_by && !(r->dir.decided_by && strcmp(r->dir.decided_by, x->decided_by) == 0))
            return NO;
        return YES;
    case NIS2I_RX_DIRECTIVE_DIFFERS:
        return r->nat.category && strcmp(r->dir.category, r->nat.category) != 0 ? YES : NO;
    case NIS2I_RX_CATEGORY:
        if (E->after)
            return in_names(r->nat.category, x->names, x->n_names) ? YES : NO;
        for (size_t i = 0; i < E->n_f; i++)
            if (E->f[i].outcome == NIS2I_RO_MATCH && in_names(E->rs->cat_ids[E->f[i].rule->cat], x->names, x->n_names))
                return YES;
        return NO;
    case NIS2I_RX_DERIVED:
        derive(E, x->derived);
        if (x->dop == 0)
            return E->dbool[x->derived];
        if (x->dop == 2)
            return E->dstr[x->derived] ? YES : NO;
        return E->dcase[x->derived] >= 0 && ((x->case_mask >> E->dcase[x->derived]) & 1u) ? YES : NO;
    }
    return NO;
}

/* ---------------------------------------------------------------- reasons */

static void render(ev *E, const char *tmpl, nis2i_buf *b)
{
    const nis2_result *r = E->r;
    for (const char *p = tmpl; *p;) {
        const char *o = strchr(p, '{');
        if (!o) {
            nis2i_buf_printf(b, "%s", p);
            break;
        }
        nis2i_buf_printf(b, "%.*s", (int)(o - p), p);
        const char *c = strchr(o, '}');
        size_t len = (size_t)(c - o - 1);
        const char *name = o + 1;
#define IS(s) (len == strlen(s) && strncmp(name, (s), len) == 0)
        if (IS("law")) {
            nis2i_buf_printf(b, "%s", E->rs->law);
        } else if (IS("category")) {
            nis2i_buf_printf(b, "%s", r->nat.category ? r->nat.category : "-");
        } else if (IS("directive.category")) {
            nis2i_buf_printf(b, "%s", r->dir.category);
        } else if (IS("directive.decided_by")) {
            nis2i_buf_printf(b, "%s", r->dir.decided_by ? r->dir.decided_by : "-");
        } else if (len > 4 && strncmp(name, "fig.", 4) == 0) {
            for (int f = 0; f < NIS2I_NFIG; f++)
                if (len - 4 == strlen(figure_names[f]) && strncmp(name + 4, figure_names[f], len - 4) == 0) {
                    if (E->fg.set & (1u << f))
                        nis2i_buf_printf(b, "%g", E->fg.fig[f]);
                    else
                        nis2i_buf_printf(b, "?");
                }
        } else if (len > 9 && strncmp(name, "national.", 9) == 0) {
            for (size_t k = 0; k < E->rs->n_keys; k++) {
                if (len - 9 != strlen(E->rs->keys[k]) || strncmp(name + 9, E->rs->keys[k], len - 9) != 0)
                    continue;
                const nis2i_natval *nv = E->nat[k];
                if (nv->kind == NIS2I_NAT_STRING)
                    nis2i_buf_printf(b, "%s", nv->str);
                else if (nv->kind == NIS2I_NAT_NUMBER)
                    nis2i_buf_printf(b, "%g", nv->num);
                else if (nv->kind == NIS2I_NAT_BOOL)
                    nis2i_buf_printf(b, "%s", nv->b ? "true" : "false");
                else
                    nis2i_buf_printf(b, "-");
            }
        } else {
            for (size_t d = 0; d < E->rs->n_derived; d++)
                if (len == strlen(E->rs->derived[d].name) && strncmp(name, E->rs->derived[d].name, len) == 0) {
                    derive(E, d);
                    nis2i_buf_printf(b, "%s", E->dstr[d] ? E->dstr[d] : "");
                }
        }
#undef IS
        p = c + 1;
    }
}

static void emit(ev *E, const char *ref, const nis2i_rtext *t, size_t n)
{
    if (E->r->no_trace)
        return;
    if (ref && strcmp(ref, "{decided_by}") == 0)   /* an "after" note cites the provision that decided */
        ref = E->r->nat.decided_by ? E->r->nat.decided_by : E->rs->law;
    for (size_t i = 0; i < n; i++) {
        if (t[i].when && eval(E, t[i].when) != YES)
            continue;
        nis2i_buf b = {0};
        render(E, t[i].tmpl, &b);
        if (b.oom)
            E->r->oom = true;
        else
            nis2i_reason_add(E->r, ref, "%s", b.data ? b.data : "");
        nis2i_buf_free(&b);
    }
}

/* ---------------------------------------------------------------- firing */

static const char *ref_of(ev *E, const nis2i_rref *rr)
{
    if (rr->derived < 0)
        return rr->lit;
    derive(E, (size_t)rr->derived);
    return E->dstr[rr->derived];
}

static fired *record(ev *E, const nis2i_rule *rule, int outcome)
{
    if (E->n_f == NIS2I_RULE_MAX_FIRED)
        return NULL;
    fired *f = &E->f[E->n_f++];
    f->n_scope = f->n_missing = 0;   /* the arrays are written before they are read */
    f->rule = rule;
    f->outcome = outcome;
    for (size_t i = 0; i < rule->n_scope && f->n_scope < 8; i++) {
        const char *s = ref_of(E, &rule->scope[i]);
        if (s)
            f->scope[f->n_scope++] = s;
    }
    return f;
}

static void add_missing(fired *f, const char *name)
{
    if (f && name && f->n_missing < 8)
        f->missing[f->n_missing++] = name;
}

static void final_undetermined(ev *E, const fired *f)
{
    nis2i_verdict *v = &E->r->nat;
    v->cat_id = NIS2_CATEGORY_UNDETERMINED;
    v->category = nis2i_category_name(v->cat_id);
    v->decided_by = f->rule->ref;
    for (size_t j = 0; j < f->n_scope; j++)
        nis2i_verdict_add_ground(v, f->scope[j]);
    nis2i_verdict_add_ground(v, f->rule->ref);
    for (size_t j = 0; j < f->n_missing; j++)
        nis2i_missing_add(E->r, f->missing[j]);
    E->stop = true;
}

static bool fire_open(ev *E, const nis2i_rule *rule);

/* true when the rule fired (for "first": the chain stops at it). A rule whose gate the entity's activities do not
 * open cannot fire: its condition is false (a match) or not true (the others) without evaluating it. */
static bool fire(ev *E, const nis2i_rule *rule)
{
    if (E->stop)
        return true;
    if (!nis2i_gate_open(E->rs, &rule->gate, E->e, E->atoms) || !nis2i_gate_open(E->rs, &rule->gate_also, E->e, E->atoms))
        return false;
    return fire_open(E, rule);
}

static bool fire_open(ev *E, const nis2i_rule *rule)
{
    if (rule->says_only && E->r->no_trace)
        return false;            /* its only effect would be reasons (a note never ends a chain) */
    for (size_t i = 0; i < rule->n_pre; i++)
        if (eval(E, rule->pre[i]) == NO)
            return false;        /* a part of "all" is false: so is the condition (a match does not fire either) */
    E->n_miss = 0;
    int v = eval(E, rule->when);
    if (rule->outcome == NIS2I_RO_MATCH) {
        if (v == NO)
            return false;
        fired *f = record(E, rule, v == YES ? NIS2I_RO_MATCH : NIS2I_RO_UNKNOWN);
        if (v == UNK)
            for (size_t i = 0; i < E->n_miss; i++)
                add_missing(f, E->miss[i]);
        if (v == YES)
            emit(E, rule->ref, rule->reasons, rule->n_reasons);
        else
            emit(E, rule->ref, rule->reasons_unknown, rule->n_reasons_unknown);
        return true;
    }
    if (v != YES)
        return false;
    switch (rule->outcome) {
    case NIS2I_RO_UNKNOWN:
    case NIS2I_RO_GAP: {
        fired *f = record(E, rule, (int)rule->outcome);
        for (size_t i = 0; i < rule->n_missing; i++) {
            if (strcmp(rule->missing[i], "@figures") == 0) {
                for (int g = 0; g < NIS2I_NFIG; g++)
                    if (!(E->fg.set & (1u << g)))
                        add_missing(f, E->fg.missing[g]);
            } else {
                add_missing(f, rule->missing[i]);
            }
        }
        if (f && rule->final)
            final_undetermined(E, f);
        emit(E, rule->ref, rule->reasons, rule->n_reasons);
        return true;
    }
    case NIS2I_RO_EXCLUDE: {
        nis2i_verdict *v2 = &E->r->nat;
        for (size_t i = 0; i < rule->n_grounds; i++)
            nis2i_verdict_add_ground(v2, rule->grounds[i]);
        nis2i_verdict_add_ground(v2, rule->ref);
        v2->cat_id = NIS2_CATEGORY_OUT_OF_SCOPE;
        v2->category = nis2i_category_name(v2->cat_id);
        v2->decided_by = rule->ref;
        emit(E, rule->ref, rule->reasons, rule->n_reasons);
        E->stop = true;
        return true;
    }
    case NIS2I_RO_EXCLUDE_PART:
        if (E->n_parts < 8)
            E->parts[E->n_parts++] = rule->ref;
        emit(E, rule->ref, rule->reasons, rule->n_reasons);
        return true;
    case NIS2I_RO_FLOOR:
        if (!E->floor)
            E->floor = rule->ref;
        emit(E, rule->ref, rule->reasons, rule->n_reasons);
        return true;
    case NIS2I_RO_NOTE:
        emit(E, rule->ref, rule->reasons, rule->n_reasons);
        return false;            /* a note never ends a chain */
    case NIS2I_RO_CHAIN:
        emit(E, rule->ref, rule->reasons, rule->n_reasons);
        for (size_t i = 0; i < rule->n_alts; i++)
            if (fire(E, &rule->alts[i]))
                return true;
        return false;
    default:
        return false;
    }
}

/* ---------------------------------------------------------------- the resolver */

static int rank_of(const ev *E, const fired *f)
{
    return E->rs->cat_rank[f->rule->cat];
}

static void resolve(ev *E)
{
    nis2_result *r = E->r;
    nis2i_verdict *v = &r->nat;
    const fired *best = NULL, *block = NULL;
    for (size_t i = 0; i < E->n_f; i++)
        if (E->f[i].outcome == NIS2I_RO_MATCH && (!best || rank_of(E, &E->f[i]) < rank_of(E, best)))
            best = &E->f[i];
    for (size_t i = 0; i < E->n_f; i++) {
        const fired *p = &E->f[i];
        if (p->outcome != NIS2I_RO_MATCH && (!best || rank_of(E, p) < rank_of(E, best)) &&
            (!block || rank_of(E, p) < rank_of(E, block)))
            block = p;
    }
    if (block) {
        v->cat_id = NIS2_CATEGORY_UNDETERMINED;
        v->category = nis2i_category_name(v->cat_id);
        v->decided_by = block->rule->ref;
        for (size_t j = 0; j < block->n_scope; j++)
            nis2i_verdict_add_ground(v, block->scope[j]);
        nis2i_verdict_add_ground(v, block->rule->ref);
        for (size_t i = 0; i < E->n_f; i++) {
            const fired *p = &E->f[i];
            if (p->outcome != NIS2I_RO_MATCH && (!best || rank_of(E, p) < rank_of(E, best)))
                for (size_t j = 0; j < p->n_missing; j++)
                    nis2i_missing_add(r, p->missing[j]);
        }
        if (block->outcome == NIS2I_RO_UNKNOWN)
            nis2i_reason_add(r, block->rule->ref, "Undetermined: %s (%s) could apply, but the facts given do not settle it",
                             block->rule->ref, E->rs->cat_ids[block->rule->cat]);
        if (best)
            nis2i_reason_add(r, block->rule->ref, "Undetermined: the entity would be %s (%s) otherwise, but the more demanding %s cannot be ruled out",
                             E->rs->cat_ids[best->rule->cat], best->rule->ref, block->rule->ref);
        return;
    }
    if (best) {
        int cat = best->rule->cat;
        r->nat.category = E->rs->cat_ids[cat];
        r->nat.cat_id = E->rs->cat_code[cat];
        v->decided_by = best->rule->ref;
        for (size_t i = 0; i < E->n_f; i++)
            if (E->f[i].outcome == NIS2I_RO_MATCH && E->f[i].rule->cat == cat)
                for (size_t j = 0; j < E->f[i].n_scope; j++)
                    nis2i_verdict_add_ground(v, E->f[i].scope[j]);
        nis2i_verdict_add_ground(v, best->rule->ref);
        for (size_t i = 0; i < E->n_f; i++)
            if (E->f[i].outcome == NIS2I_RO_MATCH && E->f[i].rule->cat == cat)
                nis2i_verdict_add_ground(v, E->f[i].rule->ref);
        for (size_t j = 0; j < best->rule->n_grounds; j++)
            nis2i_verdict_add_ground(v, best->rule->grounds[j]);
        return;
    }
    const char *dec = E->floor;
    for (size_t i = 0; !dec && i < E->rs->n_fallback; i++) {
        const nis2i_rule *fb = &E->rs->fallback[i];
        if (nis2i_gate_open(E->rs, &fb->gate, E->e, E->atoms) && eval(E, fb->when) == YES) {
            dec = fb->ref;
            emit(E, fb->ref, fb->reasons, fb->n_reasons);
        }
    }
    v->cat_id = NIS2_CATEGORY_OUT_OF_SCOPE;
    v->category = nis2i_category_name(v->cat_id);
    v->decided_by = dec;
    nis2i_verdict_add_ground(v, dec);
}

void nis2i_rules_classify(const nis2i_ruleset *rs, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r)
{
    ev E;                        /* only the counters are zeroed: every array is written before it is read */
    E.n_f = E.n_parts = E.n_miss = 0;
    E.floor = NULL;
    E.after = E.stop = false;
    E.rs = rs;
    E.ctx = ctx;
    E.e = e;
    E.r = r;
    r->nat.cat_id = 0;           /* the national verdict starts empty (its grounds are written before read) */
    r->nat.category = r->nat.decided_by = NULL;
    r->nat.n_grounds = 0;
    r->n_missing = 0;            /* missing now names the facts of the national verdict */
    nis2i_ruleset_national(rs, e, E.nat);
    E.atoms = nis2i_gate_atoms(rs, e, E.nat);
    for (int f = 0; f < NIS2I_NFIG; f++) {
        E.fg.fig[f] = e->fig[0][f];
        E.fg.missing[f] = figure_names[f];
    }
    E.fg.set = e->fig_set[0];
    memset(E.dknown, 0, rs->n_derived * sizeof E.dknown[0]);   /* computed when first read (derive) */
    E.type_row = rs->type_fact && e->n_types == 1 && e->types[0] < rs->gate_types
                     ? rs->type_fact + (size_t)e->types[0] * rs->n_derived : NULL;
    for (size_t i = 0; i < rs->n_sizing; i++) {          /* the first sizing rule that holds sizes the entity */
        const nis2i_sizing *sz = &rs->sizing[i];
        if (eval(&E, sz->when) != YES)
            continue;
        if (sz->from_keys) {
            E.fg.set = 0;
            for (int f = 0; f < NIS2I_NFIG; f++) {
                int s = sz->fig_slot[f];
                if (s < 0)
                    continue;
                E.fg.missing[f] = rs->key_missing[s];
                if (E.nat[s]->kind == NIS2I_NAT_NUMBER) {
                    E.fg.fig[f] = E.nat[s]->num;
                    E.fg.set |= (uint8_t)(1u << f);
                }
            }
        }
        r->size = nis2i_size_of_period(&ctx->sme, E.fg.fig, E.fg.set);   /* one period: no two-period rule */
        if (E.n_parts < 8)
            E.parts[E.n_parts++] = sz->ref;              /* cited among the grounds, as a partial exclusion is */
        emit(&E, sz->ref, sz->reasons, sz->n_reasons);
        break;
    }
    /* the rules, in order, that the entity's activities let fire (the compiler's rule index) */
    for (size_t w = 0; w < rs->rule_words && !E.stop; w++) {
        uint64_t m = rs->rule_always[w];
        for (size_t i = 0; i < e->n_types; i++)
            m |= e->types[i] < rs->gate_types ? rs->rule_index[e->types[i] * rs->rule_words + w] : rs->rule_typed[w];
        for (uint64_t a = E.atoms; a; a &= a - 1)
            m |= rs->atom_index[nis2i_lowest_bit(a) * rs->rule_words + w];
        for (; m && !E.stop; m &= m - 1) {
            size_t i = w * 64 + nis2i_lowest_bit(m);
            if (i >= rs->n_rules)
                break;
            if (nis2i_gate_open(rs, &rs->rules[i].gate_also, e, E.atoms))
                fire_open(&E, &rs->rules[i]);
        }
    }
    if (E.stop)
        return;
    resolve(&E);
    for (size_t i = 0; i < E.n_parts; i++)
        nis2i_verdict_add_ground(&r->nat, E.parts[i]);
    E.after = true;
    for (size_t i = 0; i < rs->n_after; i++)
        fire(&E, &rs->after[i]);
}
