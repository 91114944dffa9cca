/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Is an incident significant? (lib/schema/FORMATS.md §incident-assessment) Implementing Regulation (EU) 2024/2690 Arts 3-14 for its relevant
 * entities, NIS2 Art. 23(3) for every other type.
 *
 * The criteria are catalog data (`significance` in lib/catalog/significance.json, compiled into ctx->inc): each is
 * a list of conditions on the impact facts (all or any must hold), with an optional exception (`unless`, IR
 * Art. 5(c)). The procedure here, over typed facts (struct nis2_incident) into a typed result (nis2_assessment):
 *  - IR Art. 3(2): scheduled maintenance is never significant;
 *  - three-valued: a condition on an absent fact is unknown; a criterion is reported only when it is met on the
 *    facts given; "whichever is smaller/lower" with an absent base is decided by the absolute bound alone;
 *  - every threshold is strict ("more than");
 *  - IR Art. 4: the current incident and the earlier related_incidents with the same root cause within six months
 *    before it (at exactly six months still counts) are one significant incident when there are at least two and
 *    their summed loss meets the Art. 3(1)(a) test; without occurred_at or root_cause, see eval_recurring();
 *  - every criterion met is listed with its provision.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/incident.h"
#include "rules/calendar.h"
#include "model/overlay.h"

/* The explanation of a criterion; texts longer than the buffer are cut (they are explanations, not data). */
NIS2I_PRINTF(3, 4) static void whyf(char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- evaluation */

static double snap(double t)
{
    double r = nearbyint(t);
    return fabs(t - r) <= 1e-9 * fmax(1.0, fabs(t)) ? r : t;
}

static nis2i_tri eval_cond(const nis2i_sig_cond *c, const nis2_incident *I, double override, bool use_override, char *why,
                           size_t cap)
{
    bool known = use_override || I->known[c->fact];
    double v = use_override ? override : I->v[c->fact];
    const char *name = nis2i_facts[c->fact].name;
    char a[64], b[64], d[64];
    why[0] = '\0';
    if (!known)
        return NIS2I_UNKNOWN;
    nis2i_fmt_number(v, a);
    switch (c->op) {
    case NIS2I_OP_IS:
        whyf(why, cap, "%s", name);
        return v == 1 ? NIS2I_YES : NIS2I_NO;
    case NIS2I_OP_GT:
    case NIS2I_OP_LT:
        nis2i_fmt_number(c->value, b);
        whyf(why, cap, "%s %s %s %s", name, a, c->op == NIS2I_OP_GT ? ">" : "<", b);
        return (c->op == NIS2I_OP_GT ? v > c->value : v < c->value) ? NIS2I_YES : NIS2I_NO;
    case NIS2I_OP_GT_SMALLER_OF: {
        nis2i_fmt_number(c->value, b);
        nis2i_fmt_number(c->share * 100, d);
        if (!I->known[c->of]) {
            whyf(why, cap, "%s %s > %s (%s unknown; the smaller of %s %% of it and %s is at most %s)", name, a, b,
                     nis2i_facts[c->of].name, d, b, b);
            return v > c->value ? NIS2I_YES : NIS2I_UNKNOWN;
        }
        double share = snap(c->share * I->v[c->of]), thr = share < c->value ? share : c->value;
        char t[64], s[64], base[64];
        nis2i_fmt_number(thr, t);
        nis2i_fmt_number(share, s);
        nis2i_fmt_number(I->v[c->of], base);
        whyf(why, cap, "%.40s %.24s %s %.24s, the smaller of %.8s %% of %.30s %.24s (= %.24s) and %.24s", name, a,
                 v > thr ? ">" : "<=", t, d, nis2i_facts[c->of].name, base, s, b);
        return v > thr ? NIS2I_YES : NIS2I_NO;
    }
    case NIS2I_OP_LE_SHARE_OF: {
        if (!I->known[c->of])
            return NIS2I_UNKNOWN;
        double thr = snap(c->share * I->v[c->of]);
        nis2i_fmt_number(thr, b);
        nis2i_fmt_number(c->share * 100, d);
        whyf(why, cap, "%s %s %s %s (%s %% of %s)", name, a, v <= thr ? "<=" : ">", b, d, nis2i_facts[c->of].name);
        return v <= thr ? NIS2I_YES : NIS2I_NO;
    }
    }
    return NIS2I_UNKNOWN;
}

static nis2i_tri eval_list(const nis2i_sig_cond *cs, size_t n, bool any, const nis2_incident *I, char *why, size_t cap)
{
    nis2i_tri acc = any ? NIS2I_NO : NIS2I_YES;
    size_t wl = 0;
    why[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char w[300];
        nis2i_tri t = eval_cond(&cs[i], I, 0, false, w, sizeof w);
        bool relevant = any ? t == NIS2I_YES : true;
        if (relevant && w[0] && wl + 4 < cap)
            wl += (size_t)snprintf(why + wl, cap - wl, "%s%s", wl ? "; " : "", w);
        if (wl >= cap)
            wl = cap - 1;
        if (any) {
            if (t == NIS2I_YES)
                acc = NIS2I_YES;
            else if (t == NIS2I_UNKNOWN && acc == NIS2I_NO)
                acc = NIS2I_UNKNOWN;
        } else {
            if (t == NIS2I_NO)
                acc = NIS2I_NO;
            else if (t == NIS2I_UNKNOWN && acc == NIS2I_YES)
                acc = NIS2I_UNKNOWN;
        }
    }
    return acc;
}

typedef nis2_assessment assess;
#define CRITERIA true
#define NOTES false
static void add_item(assess *A, bool criterion, const char *ref, const char *id, const char *text)
{
    nis2i_assessment_item(A, criterion, ref, id, text);
}

static void add_missing(nis2i_undecided *u, const char *name)
{
    for (size_t i = 0; i < u->n_missing; i++)
        if (strcmp(u->missing[i], name) == 0)
            return;
    if (u->n_missing < NIS2I_MAX_MISSING)
        u->missing[u->n_missing++] = name;
}

static void eval_crit(assess *A, const nis2i_sig_crit *c, const nis2_incident *I)
{
    char why[700], text[1400];
    nis2i_tri t = eval_list(c->conds, c->n_conds, c->any, I, why, sizeof why);
    if (t == NIS2I_YES && c->n_unless) {
        char uw[500];
        nis2i_tri u = eval_list(c->unless, c->n_unless, false, I, uw, sizeof uw);
        if (u == NIS2I_YES) {
            snprintf(text, sizeof text, "Not met: %s %s (%s).", c->ref, c->unless_text, uw);
            add_item(A, NOTES, c->unless_ref, c->id, text);
            return;
        }
        size_t wl = strlen(why);
        snprintf(why + wl, sizeof why - wl, "; the exception (%s) does not apply%s%s%s", c->unless_text,
                 uw[0] ? ": " : ", its facts are not given", uw, uw[0] ? "" : "");
    }
    if (t == NIS2I_YES) {
        snprintf(text, sizeof text, "%s Facts: %s.", c->text, why);
        add_item(A, CRITERIA, c->ref, c->id, text);
    } else if (t == NIS2I_UNKNOWN) {
        /* Only worth reporting when some fact of the criterion was given. */
        const char *miss[2 * NIS2I_SIG_MAX_CONDS];
        size_t n_miss = 0;
        bool some_known = false;
        for (size_t i = 0; i < c->n_conds; i++) {
            const nis2i_sig_cond *k = &c->conds[i];
            if (I->known[k->fact])
                some_known = true;
            else
                miss[n_miss++] = nis2i_facts[k->fact].name;
            if ((k->op == NIS2I_OP_GT_SMALLER_OF || k->op == NIS2I_OP_LE_SHARE_OF) && !I->known[k->of])
                miss[n_miss++] = nis2i_facts[k->of].name;
        }
        if (!some_known || n_miss == 0)
            return;
        nis2i_undecided *u = nis2i_assessment_undecided(A);
        if (!u)
            return;
        u->ref = c->ref;
        u->id = c->id;
        for (size_t i = 0; i < n_miss && u->n_missing < NIS2I_MAX_MISSING; i++)
            u->missing[u->n_missing++] = miss[i];   /* as listed, repeats included (the JSON always did) */
    }
}

/* IR 2024/2690 Art. 4: recurring incidents. With occurred_at and root_cause given, the earlier related incidents
 * with the same root cause within rec_months before this one count (at exactly rec_months still counts). When
 * one of the two is absent, the most the facts allow is counted: every related incident with that root cause (or
 * any root cause), in a window as if this incident were the latest of its series, occurring right after the
 * latest related one. If even that does not meet the test, it is not met; else it is not decided and the absent
 * fact is named. */
static void eval_recurring(assess *A, const nis2i_incident *inc, const nis2_incident *I)
{
    if (!I->known[NIS2I_FACT_RELATED])
        return;
    bool t_known = I->known[NIS2I_FACT_OCCURRED_AT], rc_known = I->known[NIS2I_FACT_ROOT_CAUSE];
    /* The end of the window: occurred_at, or the latest related incident (this one counted as the latest). */
    nis2i_inc_time end = I->occurred;
    if (!t_known) {
        end = (nis2i_inc_time){0};
        for (size_t i = 0; i < I->n_related; i++)
            if (!end.known || I->related[i].at.utc > end.utc)
                end = I->related[i].at;
    }
    int64_t from = end.known ? nis2i_cal_add_months(end.utc, end.off, -inc->rec_months) : 0;
    int fl = NIS2I_FACT_FINANCIAL_LOSS;
    double total = I->known[fl] ? I->v[fl] : 0;
    int count = 1;
    int64_t earliest = end.utc;
    for (size_t i = 0; i < I->n_related; i++) {
        const nis2i_related *r = &I->related[i];
        if ((rc_known && strcmp(r->root_cause, I->root_cause) != 0) || r->at.utc < from)
            continue;
        count++;
        if (r->has_loss)
            total += r->loss;
        if (r->at.utc < earliest)
            earliest = r->at.utc;
    }
    char a[21], b[21], w[400] = "", text[1200], lim[21];
    if (t_known && rc_known) {
        nis2i_cal_format_utc(earliest, a);
        nis2i_cal_format_utc(I->occurred.utc, b);
        nis2i_cal_format_utc(from, lim);
        if (count < inc->rec_min) {
            snprintf(text, sizeof text, "Not met: no earlier incident with root cause '%.80s' occurred within %d months "
                     "before this one (since %s).", I->root_cause, inc->rec_months, lim);
            add_item(A, NOTES, inc->rec_ref, inc->rec_id, text);
            return;
        }
        nis2i_tri t = eval_cond(&inc->rec_loss->conds[0], I, total, true, w, sizeof w);
        if (t == NIS2I_YES) {
            snprintf(text, sizeof text, "%s Facts: %d incidents with root cause '%.80s' from %s to %s (window from %s); "
                     "together %s.", inc->rec_text, count, I->root_cause, a, b, lim, w);
            add_item(A, CRITERIA, inc->rec_ref, inc->rec_id, text);
        } else {
            snprintf(text, sizeof text, "Not met: %d incidents with root cause '%.80s' within %d months, but together "
                     "%s.", count, I->root_cause, inc->rec_months, w[0] ? w : "their loss is not decided");
            add_item(A, NOTES, inc->rec_ref, inc->rec_id, text);
        }
        return;
    }
    /* occurred_at or root_cause absent: the most the facts allow. */
    char absent[64];
    snprintf(absent, sizeof absent, "%s%s%s", t_known ? "" : "occurred_at", !t_known && !rc_known ? " and " : "",
             rc_known ? "" : "root_cause");
    char series[300];
    if (end.known) {
        nis2i_cal_format_utc(earliest, a);
        nis2i_cal_format_utc(end.utc, b);
        snprintf(series, sizeof series, "%d incident%s%s%.80s%s from %s to %s", count, count == 1 ? "" : "s",
                 rc_known ? " with root cause '" : " of any root cause", rc_known ? I->root_cause : "",
                 rc_known ? "'" : "", a, b);
    } else {
        snprintf(series, sizeof series, "this incident alone (no earlier related incident is listed)");
    }
    const char *as_latest = t_known ? "" : ", counting this incident as the latest of its series (right after the "
                                           "latest related incident)";
    nis2i_tri t = count < inc->rec_min ? NIS2I_NO : eval_cond(&inc->rec_loss->conds[0], I, total, true, w, sizeof w);
    if (t == NIS2I_NO) {
        snprintf(text, sizeof text, "Not met, although %s %s not given: even the most the facts allow%s, %s, %s.",
                 absent, t_known || rc_known ? "is" : "are", as_latest, series,
                 count < inc->rec_min ? "are fewer than the incidents the rule needs" : w);
        add_item(A, NOTES, inc->rec_ref, inc->rec_id, text);
        return;
    }
    nis2i_undecided *u = nis2i_assessment_undecided(A);
    if (u) {
        u->ref = inc->rec_ref;
        u->id = inc->rec_id;
        if (!t_known)
            add_missing(u, nis2i_facts[NIS2I_FACT_OCCURRED_AT].name);
        if (!rc_known)
            add_missing(u, nis2i_facts[NIS2I_FACT_ROOT_CAUSE].name);
        if (t == NIS2I_UNKNOWN)
            add_missing(u, nis2i_facts[inc->rec_loss->conds[0].of].name);
    }
    snprintf(text, sizeof text, "Not decided: %s %s not given. The most the facts allow%s is %s%s%s; give %s to "
             "decide whether these incidents are one significant incident.", absent, t_known || rc_known ? "is" : "are",
             as_latest, series, w[0] ? ", together " : "", w, absent);
    add_item(A, NOTES, inc->rec_ref, inc->rec_id, text);
}

static bool has_activity(const nis2_entity *e, const nis2i_sig_group *g)
{
    for (size_t i = 0; i < e->n_types; i++)
        for (size_t j = 0; j < g->n_activities; j++)
            if (strcmp(e->ctx->etypes[e->types[i]].code, g->activities[j]) == 0)
                return true;
    return false;
}

nis2_status nis2i_impact_check_counts(const nis2_incident *I, nis2_error *err)
{
    /* Counts of affected users cannot exceed the users in the Union; wrong domains cannot exceed those managed. */
    static const char *const part[] = {"users_affected_unavailable", "users_affected_limited", "users_affected_compromise"};
    int uu = NIS2I_FACT_USERS_IN_UNION;
    for (size_t i = 0; i < 3; i++) {
        int f = nis2i_fact_index(part[i]);
        if (I->known[f] && I->known[uu] && I->v[f] > I->v[uu]) {
            char path[96];
            snprintf(path, sizeof path, "$.impact.%s", part[i]);
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: must not exceed $.impact.users_in_union", path);
        }
    }
    int mw = NIS2I_FACT_MISCONF_WRONG, md = NIS2I_FACT_MANAGED_DOMAINS;
    if (I->known[mw] && I->known[md] && I->v[mw] > I->v[md])
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.impact.misconfiguration_domains_wrong",
                          "$.impact.misconfiguration_domains_wrong: must not exceed $.impact.managed_domains");
    return NIS2_OK;
}

nis2_status nis2i_related_check(const nis2_incident *I, size_t i, nis2_error *err)
{
    if (I->known[NIS2I_FACT_OCCURRED_AT] && I->related[i].at.utc > I->occurred.utc) {
        char path[96];
        snprintf(path, sizeof path, "$.impact.related_incidents[%zu].occurred_at", i);
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: must not be later than $.impact.occurred_at (related incidents are earlier ones)", path);
    }
    return NIS2_OK;
}

nis2_status nis2i_impact_check(const nis2_incident *I, nis2_error *err)
{
    nis2_status st = nis2i_impact_check_counts(I, err);
    for (size_t i = 0; !st && i < I->n_related; i++)
        st = nis2i_related_check(I, i, err);
    return st;
}

void nis2i_assess_compute(const nis2_ctx *ctx, const nis2_entity *e, const nis2_incident *I, nis2_assessment *A)
{
    const nis2i_incident *inc = ctx->inc;
    bool ir = false, other = e->n_types == 0;
    for (size_t i = 0; i < e->n_types; i++) {
        const nis2i_etype *et = &ctx->etypes[e->types[i]];
        if (et->flags & NIS2I_ET_IR)
            ir = true;
        else
            other = true;
    }
    if (I->known[inc->excl_fact] && I->v[inc->excl_fact] == 1) {
        A->excl_ref = inc->excl_ref;
        A->excl_text = inc->excl_text;
    } else {
        if (ir) {
            A->regime[A->n_regime++] = "IR 2024/2690";
            for (size_t i = 0; i < inc->n_general; i++)
                eval_crit(A, &inc->general[i], I);
            eval_recurring(A, inc, I);
            for (size_t g = 0; g < inc->n_groups; g++)
                if (has_activity(e, &inc->groups[g]))
                    for (size_t k = 0; k < inc->groups[g].n; k++)
                        eval_crit(A, &inc->type_crits[inc->groups[g].first + k], I);
        }
        if (other) {
            A->regime[A->n_regime++] = inc->fallback_ref;
            add_item(A, NOTES, inc->fallback_ref, NULL,
                     ir ? "The entity also has activities outside IR 2024/2690 Art. 1; for those NIS2 Art. 23(3) "
                          "applies (it sets no numeric thresholds)."
                        : inc->fallback_text);
            for (size_t i = 0; i < inc->n_fallback; i++)
                eval_crit(A, &inc->fallback[i], I);
        }
        if (I->known[NIS2I_FACT_RELATED] && !ir)
            add_item(A, NOTES, inc->rec_ref, inc->rec_id,
                     "related_incidents were given, but IR 2024/2690 Art. 4 applies only to its relevant entities.");
    }
    uint32_t idx;
    if (e->country[0] && nis2i_map_get(&ctx->overlay_index, e->country, &idx)) {
        /* the example is the overlay's own provision (its significance.ref), when it names one */
        const nis2i_overlay *ov = &ctx->overlays[idx];
        char note[400], eg[200] = "";
        if (ov->significance_ref)
            snprintf(eg, sizeof eg, " (e.g. %s %s)", ov->country, ov->significance_ref);
        snprintf(note, sizeof note, "National law may set its own significance criteria%s; this assessment applies "
                                    "IR 2024/2690 and NIS2 Art. 23(3) only.", eg);
        add_item(A, NOTES, NULL, NULL, note);
    }
    A->name_off = e->name ? nis2i_inc_text(&A->text, e->name) : (size_t)-1;
    memcpy(A->country, e->country, sizeof A->country);
    if (A->text.oom)
        A->oom = true;
}
