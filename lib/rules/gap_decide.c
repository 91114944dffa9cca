/* SPDX-License-Identifier: Apache-2.0 */
/* The gap report's decisions over typed data (see gap_decide.h): each duty that binds the entity assessed
 * against the ISO/IEC 27001 controls it reaches and the evidence that names it, the duties that do not bind it
 * and why, the checks of questions 5-7, the seven answers and the prioritised action list. The status rules are
 * documented in include/nis2/evidence.h and README.md ("ISO/IEC 27001 gap report"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/gap_decide.h"
#include "rules/mapping.h"
#include "rules/obligations.h"

enum ob_status { ST_COVERED = 0, ST_PARTIAL, ST_MISSING, ST_NA }; /* = nis2i_gap_st */

/* The verdict of the law that applies (national where an overlay decided, else the Directive's). */
static const nis2i_verdict *applicable(const nis2_result *r)
{
    return r->has_nat ? &r->nat : &r->dir;
}

/* Current evidence of control c, in input order (one list per control, shared by every duty that links it). */
static const nis2i_gap_strs *fresh_ids(nis2i_gap_in *g, nis2i_gap_result *res, uint32_t c)
{
    nis2i_gap_strs *f = &res->fresh[c];
    if (!f->v) {
        size_t n = 0;
        for (uint32_t i = g->ref_start[c]; i < g->ref_start[c + 1]; i++)
            n += !g->ev[g->ref_ev[i]].stale;
        f->v = nis2i_gap_result_alloc(res, n + 1, sizeof *f->v);
        for (uint32_t i = g->ref_start[c]; f->v && i < g->ref_start[c + 1]; i++)
            if (!g->ev[g->ref_ev[i]].stale)
                f->v[f->n++] = g->ev[g->ref_ev[i]].id;
    }
    return f;
}

/* Append evidence e to the list list[0..*n) unless it is in it already (evidence ids are unique, so this is
 * the same as comparing ids). One stamp per list: seen[e] == stamp means "in this list". */
static void add_unique(nis2i_gap_in *g, uint32_t stamp, uint32_t *list, size_t *n, uint32_t e)
{
    if (g->seen[e] == stamp)
        return;
    g->seen[e] = stamp;
    list[(*n)++] = e;
}

/* The ids of evidence list[0..n) as a list owned by res. */
static nis2i_gap_strs ids_of(nis2i_gap_in *g, nis2i_gap_result *res, const uint32_t *list, size_t n)
{
    nis2i_gap_strs s = {0};
    if (!n)
        return s;
    s.v = nis2i_gap_result_alloc(res, n, sizeof *s.v);
    for (size_t i = 0; s.v && i < n; i++)
        s.v[s.n++] = g->ev[list[i]].id;
    return s;
}

static nis2i_gap_pair pair_of(const nis2i_edge *e)
{
    return (nis2i_gap_pair){e->from_id, e->to_id, nis2i_rel_name(e->rel), e->source};
}

static int link_cmp(const void *a, const void *b)
{
    const nis2i_link *x = a, *y = b;
    return x->control < y->control ? -1 : x->control > y->control;
}

/* A short list "A.5.24 Title, A.5.26 Title and 3 more". */
static void control_list(nis2i_buf *b, const nis2i_iso *iso, const uint32_t *cs, size_t n)
{
    size_t shown = n > 6 ? 5 : n;
    for (size_t i = 0; i < shown; i++)
        nis2i_buf_printf(b, "%s%s %s", i ? (i + 1 == n ? " and " : ", ") : "", iso->controls[cs[i]].id,
                         iso->controls[cs[i]].title);
    if (shown < n)
        nis2i_buf_printf(b, " and %zu more", n - shown);
}

/* The open items of one duty, collected while it is assessed (texts in the result's arena). */
typedef struct open_list {
    const char **v;
    size_t n, cap;
    bool oom;
} open_list;

static void open_item(nis2i_gap_result *res, open_list *o, nis2i_buf *b)
{
    if (b->len && !b->oom) {
        if (o->n == o->cap) {
            size_t nc = o->cap ? o->cap * 2 : 8;
            const char **nv = realloc(o->v, nc * sizeof *nv);
            if (!nv) {
                o->oom = true;
                b->len = 0;
                return;
            }
            o->v = nv;
            o->cap = nc;
        }
        char *t = nis2i_gap_result_alloc(res, b->len + 1, 1);
        if (!t) {
            o->oom = true;
        } else {
            memcpy(t, b->data, b->len);      /* made of whole UTF-8 strings */
            o->v[o->n++] = t;
        }
    }
    b->len = 0;
}

/* The open items as a list owned by res. */
static nis2i_gap_strs open_take(open_list *o, nis2i_gap_result *res)
{
    nis2i_gap_strs s = {0};
    if (o->n) {
        s.v = nis2i_gap_result_alloc(res, o->n, sizeof *s.v);
        if (s.v) {
            memcpy(s.v, o->v, o->n * sizeof *s.v);
            s.n = o->n;
        }
    }
    free(o->v);
    memset(o, 0, sizeof *o);
    return s;
}

static void evidence_hint(nis2i_buf *b, const nis2i_obligation *ob)
{
    for (size_t i = 0; i < ob->n_evidence && i < 3; i++)
        nis2i_buf_printf(b, "%s%s", i ? "; " : "", ob->evidence_ids[i]);
}

typedef struct counts {
    size_t st[4];
    size_t specific_open;
    size_t not_assessed;         /* binding duties with nothing to assess as a gap (nature, displaced) */
    size_t not_bound;            /* duties of the Directive that do not bind the entity */
    size_t meas[4], inc[4];      /* Art. 21(2) measures and incident-reporting duties per status */
} counts;

/* The question a binding duty's gap belongs to. */
static nis2i_gap_q duty_question(const nis2i_obligation *ob)
{
    if (strncmp(ob->ref, "NIS2 Art. 21(2)(a)", 18) == 0)
        return NIS2I_Q_RISKS;
    if (strncmp(ob->ref, "NIS2 Art. 21(2)(d)", 18) == 0 || strncmp(ob->ref, "NIS2 Art. 21(3)", 15) == 0)
        return NIS2I_Q_SUPPLY;
    if (strncmp(ob->ref, "NIS2 Art. 21", 12) == 0)
        return NIS2I_Q_MEASURES;
    const char *g = ob->group ? ob->group : "";
    if (strcmp(g, "incident_reporting") == 0)
        return NIS2I_Q_INCIDENTS;
    if (strcmp(g, "governance") == 0)
        return NIS2I_Q_MANAGEMENT;
    return NIS2I_Q_OBLIGATIONS;
}

/* One finding per binding duty that is missing or partial: its question, weight and advice in words. */
static void duty_finding(nis2i_gap_findings *f, const nis2i_obligation *ob, bool missing)
{
    nis2i_gap_q q = duty_question(ob);
    nis2i_weight w = !missing ? NIS2I_W_PARTIAL
                     : q == NIS2I_Q_INCIDENTS ? NIS2I_W_REPORTING
                     : q == NIS2I_Q_MANAGEMENT ? NIS2I_W_ACCOUNTABILITY
                                               : NIS2I_W_DUTY;
    nis2i_buf a = {0};
    nis2i_buf_printf(&a, "%s: ", ob->title);
    if (missing)
        nis2i_buf_puts(&a, "show how the entity does this");
    else
        nis2i_buf_puts(&a, "complete what is open (controls to implement, evidence to add or renew)");
    if (ob->n_evidence) {
        nis2i_buf_puts(&a, ", with evidence such as ");
        evidence_hint(&a, ob);
    }
    nis2i_buf_puts(&a, ".");
    nis2i_buf_put(&a, "", 1);
    if (a.oom) {
        f->oom = true;
    } else {
        nis2i_gap_find(f, q, w, missing, 0, ob->ref, ob->id, NULL, a.data,
                       missing ? "%s: not shown: no implemented control with current evidence and no evidence item "
                                 "supports it."
                               : "%s: shown only in part.",
                       ob->title);
    }
    nis2i_buf_free(&a);
}

static char *buf_take(nis2i_buf *b)
{
    nis2i_buf_put(b, "", 1);
    if (b->oom) {
        nis2i_buf_free(b);
        return NULL;
    }
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}
/* The short answer to each of the seven questions (the findings say what is open). */
static void write_answers(char *out[NIS2I_Q_N], const nis2i_gap_isms *m, const nis2i_ob_list *list,
                          const nis2_result *r, bool with_ir, const counts *c)
{
    nis2i_buf b = {0};
    const char *cat = list->category ? list->category : applicable(r)->category;
    const char *by = applicable(r)->decided_by;
    const char *law = list->law ? list->law : r->law;
    if (cat && (strcmp(cat, "essential") == 0 || strcmp(cat, "important") == 0))
        nis2i_buf_printf(&b, "%s entity%s%s%s under %s; Implementing Regulation (EU) 2024/2690 %s.",
                         cat[0] == 'e' ? "Essential" : "Important", by ? " (" : "", by ? by : "", by ? ")," : ",", law,
                         with_ir ? "applies to it" : "does not apply to it");
    else
        nis2i_buf_printf(&b, "Not covered as an essential or important entity (category %s%s%s%s under %s): no duty "
                             "of the Directive binds it.",
                         cat ? cat : "undetermined", by ? ", " : "", by ? by : "", by ? "," : "", law);
    out[NIS2I_Q_SCOPE] = buf_take(&b);
    size_t binding = list->n, assessed = binding - c->not_assessed;
    nis2i_buf_printf(&b, "%zu duties bind it (the list nis2 obligations gives): %zu assessed here and %zu with nothing "
                         "to assess as a gap (optional, encouraged, conditional, a legal status or displaced; each "
                         "is listed with its reason). %zu other duties of the Directive do not bind it.",
                     binding, assessed, c->not_assessed, c->not_bound);
    out[NIS2I_Q_OBLIGATIONS] = buf_take(&b);
    nis2i_buf_printf(&b, "NIS2 Art. 21(2)(a)-(j)%s: %zu measures covered, %zu partial, %zu missing.",
                     with_ir ? " as detailed by the IR 2024/2690 Annex" : "", c->meas[ST_COVERED],
                     c->meas[ST_PARTIAL], c->meas[ST_MISSING]);
    out[NIS2I_Q_MEASURES] = buf_take(&b);
    nis2i_buf_printf(&b, "Incident reporting (NIS2 Art. 23 and the duties around it): %zu duties covered, %zu partial, "
                         "%zu missing; incident handling itself is measure (b), under question 3.",
                     c->inc[ST_COVERED], c->inc[ST_PARTIAL], c->inc[ST_MISSING]);
    out[NIS2I_Q_INCIDENTS] = buf_take(&b);
    const char *dir = with_ir ? "" : " These checks come from the Directive alone: the IR 2024/2690 Annex does not "
                                     "bind this entity.";
    if (m->has_management_body) {
        size_t trained = 0;
        for (size_t i = 0; i < m->n_members; i++)
            trained += m->members[i].trained_on != 0;
        nis2i_buf_printf(&b, "Management body: %zu members (%zu with training recorded), %zu approvals, %zu "
                             "oversight records",
                         m->n_members, trained, m->n_approvals, m->n_oversight);
        if (m->security_reporter)
            nis2i_buf_printf(&b, "; %s reports to it directly on security", m->security_reporter);
        nis2i_buf_printf(&b, ".%s", dir);
    } else {
        nis2i_buf_printf(&b, "No management-body records were given.%s", dir);
    }
    out[NIS2I_Q_MANAGEMENT] = buf_take(&b);
    if (m->has_risks) {
        size_t high = 0, accepted = 0;
        for (size_t i = 0; i < m->n_risks; i++) {
            high += m->risks[i].level >= NIS2I_RL_HIGH;
            accepted += m->risks[i].treatment == NIS2I_TR_ACCEPT;
        }
        nis2i_buf_printf(&b, "Risk register: %zu risks, %zu high or critical, %zu accepted.%s", m->n_risks, high,
                         accepted, dir);
    } else {
        nis2i_buf_printf(&b, "No risk register was given.%s", dir);
    }
    out[NIS2I_Q_RISKS] = buf_take(&b);
    if (m->has_suppliers) {
        size_t crit = 0;
        for (size_t i = 0; i < m->n_suppliers; i++)
            crit += m->suppliers[i].critical;
        nis2i_buf_printf(&b, "Supplier register: %zu direct suppliers and service providers, %zu critical.",
                         m->n_suppliers, crit);
    } else {
        nis2i_buf_puts(&b, "No supplier register was given.");
    }
    nis2i_buf_printf(&b, " Union coordinated risk assessments of critical supply chains (NIS2 Art. 22): none is "
                         "recorded in the catalog; where one concerns these suppliers, take its results into "
                         "account%s.%s",
                     with_ir ? " (IR 2024/2690 Annex 5.1.3)" : "", dir);
    out[NIS2I_Q_SUPPLY] = buf_take(&b);
}


/* Set the fields every duty of the report has. */
static void duty_head(nis2i_gap_duty *d, const nis2i_obligation *ob)
{
    d->id = ob->id;
    d->ref = ob->ref;
    d->title = ob->title;
    d->group = ob->group ? ob->group : "";
    d->nature = ob->nature ? ob->nature : "mandatory";
}

static nis2_status assess(nis2i_gap_in *g, nis2i_gap_result *res, const nis2i_obligation *ob, const nis2i_ob_item *item,
                          bool with_ir, nis2i_gap_duty *d, size_t ctl[3], nis2_error *err)
{
    const nis2_ctx *ctx = g->ctx;
    const nis2i_iso *iso = g->iso;
    nis2i_links links = {0};
    nis2_status st = nis2i_iso_resolve(ctx, ob->id, with_ir, &links, err);
    if (st)
        return st;
    if (links.n)
        qsort(links.items, links.n, sizeof *links.items, link_cmp);
    duty_head(d, ob);
    d->assessed = true;
    d->controls = links.n ? nis2i_gap_result_alloc(res, links.n, sizeof *d->controls) : NULL;
    open_list open = {0};
    /* stale and direct evidence as evidence indices, each once, in the order first met; an item is either stale
     * or not, so it can only ever be in one of the two lists and one stamp serves both */
    uint32_t stamp = ++g->stamp;
    uint32_t *stale_ev = g->list_ev, *direct_ev = g->list_ev + g->n_ev;
    size_t n_stale = 0, n_direct = 0;
    nis2i_rel best = NIS2I_REL_NONE;
    size_t n_usable = 0, n_full = 0, n_part = 0, n_strong = 0, n_strong_full = 0;
    uint32_t *bucket[6];                                   /* per deficiency: control indices */
    size_t nb[6] = {0};
    bool oom = false;
    for (size_t k = 0; k < 6; k++)
        oom |= !(bucket[k] = calloc(links.n + 1, sizeof(uint32_t)));
    for (size_t i = 0; i < links.n && !oom && d->controls; i++) {
        const nis2i_link *lk = &links.items[i];
        uint32_t c = lk->control;
        uint8_t lv = g->level[c];
        nis2i_gap_ctl *cv = &d->controls[d->n_controls++];
        cv->control = c;
        cv->id = iso->controls[c].id;
        cv->title = iso->controls[c].title;
        cv->rel = nis2i_rel_name(lk->rel);
        cv->source = iso->edges[lk->path[lk->path_len - 1]].source;
        cv->soa = nis2i_gap_soa_names[g->soa[c]];
        cv->support = nis2i_gap_level_names[lv];
        fresh_ids(g, res, c);
        cv->pairs = nis2i_gap_result_alloc(res, lk->path_len, sizeof *cv->pairs);
        for (uint32_t p = 0; cv->pairs && p < lk->path_len; p++)
            cv->pairs[cv->n_pairs++] = pair_of(&iso->edges[lk->path[p]]);
        for (uint32_t r = g->ref_start[c]; r < g->ref_start[c + 1]; r++)
            if (g->ev[g->ref_ev[r]].stale)
                add_unique(g, stamp, stale_ev, &n_stale, g->ref_ev[r]);
        if (lv == NIS2I_LV_EXCLUDED) {
            bucket[5][nb[5]++] = c;
            continue;
        }
        n_usable++;
        if (lk->rel > best)
            best = lk->rel;
        if (lk->rel >= NIS2I_REL_SUBSET) {
            n_strong++;
            n_strong_full += lv == NIS2I_LV_FULL;
        }
        if (lv == NIS2I_LV_FULL) {
            n_full++;
            continue;
        }
        if (lv == NIS2I_LV_PART)
            n_part++;
        uint8_t s = g->soa[c];
        size_t k = lv == NIS2I_LV_PART            ? (s == NIS2I_SOA_PARTIAL ? 1 : 0)
                   : s == NIS2I_SOA_PLANNED         ? 2
                   : s == NIS2I_SOA_NOT_IMPLEMENTED ? 3
                                                    : 4;
        bucket[k][nb[k]++] = c;
    }
    if (links.n && (!d->controls || d->n_controls < links.n))
        oom = true;
    /* direct evidence: names the duty or a national duty attached to it */
    for (size_t i = 0; i + 1 < g->n_ev_obl; i += 2) {
        const nis2i_obligation *named = &ctx->obl->items[g->ev_obl[i]];
        bool match = named == ob;
        for (size_t k = 0; item && k < item->national_n && !match; k++)
            match = g->ev_obl[i] == item->national[k];
        if (!match)
            continue;
        uint32_t e = g->ev_obl[i + 1];
        if (g->ev[e].stale)
            add_unique(g, stamp, stale_ev, &n_stale, e);
        else
            add_unique(g, stamp, direct_ev, &n_direct, e);
    }
    bool specific = ob->nis2_specific || n_usable + nb[5] == 0;
    bool has_direct = n_direct > 0;
    nis2i_gap_st s;
    if (specific)
        s = has_direct ? NIS2I_GS_COVERED : (n_full + n_part) ? NIS2I_GS_PARTIAL : NIS2I_GS_MISSING;
    else if ((n_strong && n_strong == n_strong_full) || (has_direct && n_usable && n_full == n_usable))
        s = NIS2I_GS_COVERED;
    else
        s = (n_full + n_part || has_direct) ? NIS2I_GS_PARTIAL : NIS2I_GS_MISSING;

    nis2i_buf b = {0};
    if (s != NIS2I_GS_COVERED && !oom) {
        if (specific) {
            nis2i_buf_printf(&b, "%s: no ISO/IEC 27001 control covers this duty (%s)", ob->ref, ob->title);
            if (n_full + n_part)
                nis2i_buf_printf(&b, "; the ISMS supports it only in part");
            if (ob->n_evidence) {
                nis2i_buf_puts(&b, ". Show it with evidence such as ");
                evidence_hint(&b, ob);
                nis2i_buf_printf(&b, "; list that evidence under the duty's id %s.", ob->id);
            } else {
                nis2i_buf_printf(&b, ". Keep evidence of how the entity does this; list it under the duty's id %s.",
                                 ob->id);
            }
            open_item(res, &open, &b);
        } else if (n_usable == 0) {
            nis2i_buf_printf(&b, "Every ISO/IEC 27001 control linked to %s is excluded in the SoA, yet the duty binds "
                                 "the entity: an auditor expects the exclusion justified by the risk assessment%s.",
                             ob->ref, with_ir ? " and documented under IR 2024/2690 Art. 2(2)" : "");
            open_item(res, &open, &b);
        }
        static const char *const lead[] = {
            "Implemented but without current evidence", "Only partly implemented in the SoA", "Planned, not yet implemented",
            "Not implemented", "Not in the Statement of Applicability"};
        for (size_t k = 0; k < 5; k++) {
            if (!nb[k])
                continue;
            nis2i_buf_printf(&b, "%s: ", lead[k]);
            control_list(&b, iso, bucket[k], nb[k]);
            nis2i_buf_printf(&b, " (%s).", ob->ref);
            open_item(res, &open, &b);
        }
        if (!specific && n_usable && !n_strong && !has_direct) {
            nis2i_buf_printf(&b, "ISO/IEC 27001 covers %s only in part (strongest link: %s); show the NIS2-specific "
                                 "remainder with evidence",
                             ob->ref, nis2i_rel_name(best));
            if (ob->n_evidence) {
                nis2i_buf_puts(&b, " such as ");
                evidence_hint(&b, ob);
            }
            nis2i_buf_printf(&b, "; list it under the duty's id %s.", ob->id);
            open_item(res, &open, &b);
        }
    }
    if (nb[5] && n_usable && !oom) {
        nis2i_buf_puts(&b, "Excluded in the SoA although linked to a binding duty: ");
        control_list(&b, iso, bucket[5], nb[5]);
        nis2i_buf_printf(&b, " (%s): keep the justification on file.", ob->ref);
        open_item(res, &open, &b);
    }
    if (n_stale && !oom) {
        nis2i_buf_puts(&b, "Stale evidence does not count: ");
        for (size_t i = 0; i < n_stale; i++) {
            const nis2i_gap_ev *ev = &g->ev[stale_ev[i]];
            if (i)
                nis2i_buf_put(&b, ", ", 2);
            nis2i_buf_puts(&b, ev->id);
            nis2i_buf_put(&b, " (", 2);
            nis2i_buf_puts(&b, ev->why);
            nis2i_buf_put(&b, ")", 1);
        }
        nis2i_buf_puts(&b, "; renew it.");
        open_item(res, &open, &b);
    }
    oom |= b.oom || open.oom;
    nis2i_buf_free(&b);
    for (size_t k = 0; k < 6; k++)
        free(bucket[k]);

    d->status = (uint8_t)s;
    d->nis2_specific = specific;
    if (links.n_none) {
        d->has_none = true;
        d->none = nis2i_gap_result_alloc(res, links.n_none, sizeof *d->none);
        for (size_t i = 0; d->none && i < links.n_none; i++)
            d->none[d->n_none++] = pair_of(&iso->edges[links.none_edges[i]]);
    }
    d->evidence = ids_of(g, res, direct_ev, n_direct);
    d->stale = ids_of(g, res, stale_ev, n_stale);
    d->open = open_take(&open, res);
    if (item && item->national_n) {
        d->has_national = true;
        d->national.v = nis2i_gap_result_alloc(res, item->national_n, sizeof *d->national.v);
        for (size_t k = 0; d->national.v && k < item->national_n; k++)
            d->national.v[d->national.n++] = ctx->obl->items[item->national[k]].id;
    }
    nis2i_links_free(&links);
    ctl[0] = n_usable;
    ctl[1] = n_full;
    ctl[2] = n_part;
    if (oom || res->oom)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    return NIS2_OK;
}

/* Duties whose nature means that not doing them is no gap: why, or NULL for a duty to assess. */
static const char *nature_not_a_gap(const char *nature)
{
    static const struct {
        const char *nature, *why;
    } table[] = {
        {"optional", "optional: the entity may do this, so not doing it is no gap"},
        {"status", "a legal status (liability of the management body), not an action: there is nothing to evidence"},
        {"member_state_option", "binds only where the Member State makes it a requirement; no such national requirement is recorded"},
        {"conditional", "binds only when its condition is met (see the obligation's condition); not assessed as a gap"},
    };
    if (!nature)
        return NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].nature, nature) == 0)
            return table[i].why;
    return NULL;
}

static void not_applicable(nis2i_gap_duty *d, const nis2i_obligation *ob, const char *why)
{
    duty_head(d, ob);
    d->status = NIS2I_GS_NA;
    d->nis2_specific = ob->nis2_specific;
    d->reason = why;
}

static void group_count(nis2i_gap_result *res, size_t cap, const char *group, nis2i_gap_st s)
{
    size_t i = 0;
    while (i < res->n_groups && strcmp(res->groups[i].group, group) != 0)
        i++;
    if (i == res->n_groups) {
        if (i == cap)
            return;              /* cannot happen: one group per duty at most */
        res->groups[res->n_groups++].group = group;
    }
    res->groups[i].st[s]++;
}

static bool entity_ir(const nis2_entity *e)
{
    for (size_t i = 0; i < e->n_types; i++)
        if (e->ctx->etypes[e->types[i]].flags & NIS2I_ET_IR)
            return true;
    return false;
}

nis2_status nis2i_gap_decide(nis2i_gap_in *g, const nis2_entity *e, const nis2_result *r, const nis2i_gap_isms *isms_in,
                          nis2i_gap_result *res, nis2_error *err)
{
    const nis2_ctx *ctx = g->ctx;
    const nis2i_gap_isms isms = *isms_in;  /* read only */
    nis2_status st = NIS2_OK;
    nis2i_ob_list list = {0};
    uint8_t *bound = NULL;
    bool *impl = NULL;
    if (nis2i_gap_index_refs(g)) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    nis2i_gap_expand_soa(g);
    nis2i_gap_levels(g);
    if ((st = nis2i_obligations_select(ctx, e, r, &list, err)))
        goto done;

    bool with_ir = entity_ir(e);
    const nis2i_obltab *tab = ctx->obl;
    size_t max_duties = list.n + tab->n_directive;
    bound = calloc(tab->n + 1, 1);
    res->n_controls = g->iso->n_controls;
    res->fresh = nis2i_gap_result_alloc(res, g->iso->n_controls + 1, sizeof *res->fresh);
    res->duties = nis2i_gap_result_alloc(res, max_duties + 1, sizeof *res->duties);
    res->measures = nis2i_gap_result_alloc(res, list.n + 1, sizeof *res->measures);
    res->groups = nis2i_gap_result_alloc(res, max_duties + 1, sizeof *res->groups);
    if (!bound || res->oom) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    counts cnt = {0};
    nis2i_gap_findings *fnd = &res->findings;
    for (size_t i = 0; i < list.n && !st; i++) {
        const nis2i_ob_item *it = &list.items[i];
        const nis2i_obligation *ob = &tab->items[it->ob];
        bound[it->ob] = 1;
        nis2i_gap_duty *d = &res->duties[res->n_duties++];
        size_t ctl[3] = {0};
        if (it->displaced_by) {
            char why[256];
            snprintf(why, sizeof why, "displaced for this entity by %s (NIS2 Art. 4)", it->displaced_by);
            not_applicable(d, ob, nis2i_gap_result_strdup(res, why));
        } else if (nature_not_a_gap(ob->nature)) {
            not_applicable(d, ob, nature_not_a_gap(ob->nature));
        } else if ((st = assess(g, res, ob, it, with_ir, d, ctl, err))) {
            break;
        } else if (ob->nature && strcmp(ob->nature, "encouraged") == 0 && d->status != NIS2I_GS_COVERED) {
            /* encouraged, not required: assessed (covered shows as covered), never a gap */
            d->reason = d->status == NIS2I_GS_PARTIAL ? "encouraged, not required: the ISMS supports it in "
                                                        "part; not doing it is no gap"
                                                      : "encouraged, not required: not doing it is no gap";
            d->reason_after_open = true;
            d->open.n = 0;
            d->status = NIS2I_GS_NA;
        }
        nis2i_gap_st s = (nis2i_gap_st)d->status;
        d->applies_because = nis2i_gap_result_strdup(res, nis2i_ob_because(&list, i));
        d->binds = true;
        cnt.st[s]++;
        if (s == NIS2I_GS_NA)
            cnt.not_assessed++;
        else if (s != NIS2I_GS_COVERED)
            duty_finding(fnd, ob, s == NIS2I_GS_MISSING);
        if (strncmp(ob->ref, "NIS2 Art. 21(2)(", 16) == 0)
            cnt.meas[s]++;
        if (ob->group && strcmp(ob->group, "incident_reporting") == 0)
            cnt.inc[s]++;
        if (s != NIS2I_GS_COVERED && s != NIS2I_GS_NA && d->nis2_specific)
            cnt.specific_open++;
        group_count(res, max_duties, ob->group ? ob->group : "other", s);
        if (strncmp(ob->ref, "NIS2 Art. 21(2)(", 16) == 0 && s != NIS2I_GS_NA)
            res->measures[res->n_measures++] =
                (nis2i_gap_measure){ob->id, ob->ref, ob->title, (uint8_t)s, ctl[0], ctl[1], ctl[2]};
    }
    for (size_t i = 0; i < tab->n_directive && !st; i++) {
        if (bound[i])
            continue;
        const nis2i_obligation *ob = &tab->items[i];
        char why[200];
        snprintf(why, sizeof why, "does not bind a %s entity with these activities", list.category ? list.category : "?");
        nis2i_gap_duty *d = &res->duties[res->n_duties++];
        not_applicable(d, ob, nis2i_gap_result_strdup(res, why));
        d->binds = false;
        cnt.st[NIS2I_GS_NA]++;
        cnt.not_bound++;
        group_count(res, max_duties, ob->group ? ob->group : "other", NIS2I_GS_NA);
    }
    if (st)
        goto done;
    /* questions 5-7: the checks over the ISMS records; then the seven questions and the action list */
    impl = calloc(ctx->iso->n_controls + 1, sizeof *impl);
    if (!impl)
        fnd->oom = true;
    for (size_t c = 0; impl && c < ctx->iso->n_controls; c++)
        impl[c] = g->soa[c] == NIS2I_SOA_IMPLEMENTED ||
                  (g->soa[c] == NIS2I_SOA_UNLISTED && g->cert_counts && ctx->iso->controls[c].kind != NIS2I_CK_ANNEX_A);
    nis2i_gap_check_isms(&isms, g->as_of, with_ir, impl, fnd);
    write_answers(res->answers, &isms, &list, r, with_ir, &cnt);
    bool oom = fnd->oom || res->oom;
    for (size_t q = 0; q < NIS2I_Q_N; q++)
        oom |= !res->answers[q];
    res->order = malloc((fnd->n + 1) * sizeof *res->order);
    res->rank = malloc((fnd->n + 1) * sizeof *res->rank);
    if (oom || !res->order || !res->rank) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    nis2i_gap_prioritise(fnd, res->order);
    for (size_t i = 0; i < fnd->n; i++)
        res->rank[res->order[i]] = i + 1;

    memcpy(res->as_of, g->as_of_text, sizeof res->as_of);
    res->name = nis2i_gap_result_strdup(res, e->name);
    res->country = nis2i_gap_result_strdup(res, e->country);
    res->category = nis2i_gap_result_strdup(res, list.category ? list.category : applicable(r)->category);
    res->decided_by = nis2i_gap_result_strdup(res, applicable(r)->decided_by);
    res->law = nis2i_gap_result_strdup(res, list.law ? list.law : r->law);
    res->ir_2024_2690 = with_ir;
    memcpy(res->st, cnt.st, sizeof res->st);
    res->assessed = cnt.st[NIS2I_GS_COVERED] + cnt.st[NIS2I_GS_PARTIAL] + cnt.st[NIS2I_GS_MISSING];
    res->specific_open = cnt.specific_open;
    res->evidence_items = g->n_ev;
    res->binding = list.n;
    res->binding_not_assessed = cnt.not_assessed;
    res->has_cert = g->has_cert;
    if (g->has_cert) {
        res->cert_standard = nis2i_gap_result_strdup(res, g->cert_standard);
        res->cert_body = nis2i_gap_result_strdup(res, g->cert_body);
        res->cert_status = g->cert_status;
        nis2i_gap_fmt_date(g->cert_until, res->cert_valid_until);
        res->cert_scope = g->cert_scope;
        res->cert_counts = g->cert_counts;
    }
    size_t n_stale = 0;
    for (size_t i = 0; i < g->n_ev; i++)
        n_stale += g->ev[i].stale;
    res->stale_evidence = n_stale;
    res->stale_items = nis2i_gap_result_alloc(res, n_stale + 1, sizeof *res->stale_items);
    for (size_t i = 0; res->stale_items && i < g->n_ev; i++)
        if (g->ev[i].stale)
            res->stale_items[res->n_stale_items++] =
                (nis2i_gap_stale){g->ev[i].id, g->ev[i].title, nis2i_gap_result_strdup(res, g->ev[i].why)};
    res->library_version = NIS2_VERSION_STRING;
    res->catalog_version = ctx->catalog_version;
    res->ctx = ctx;
    if (res->oom)
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
done:
    free(bound);
    free(impl);
    nis2i_ob_list_free(&list);
    return st;
}

