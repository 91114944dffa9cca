/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Size class under Commission Recommendation 2003/361/EC (Annex Arts 2 and 4), as NIS2 Art. 2(1) and
 * Art. 3(1)(a), (c) use it. A ceiling is met when the headcount is below it AND at least one of the two financial
 * ceilings is met. Figures that are absent are unknown: the predicates use three-valued logic, so a size class is
 * still decided whenever the known figures settle it (300 AWU is large whatever the money).
 */
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "util/utf8.h"

static nis2i_tri tri_and(nis2i_tri a, nis2i_tri b)
{
    if (a == NIS2I_NO || b == NIS2I_NO)
        return NIS2I_NO;
    return (a == NIS2I_YES && b == NIS2I_YES) ? NIS2I_YES : NIS2I_UNKNOWN;
}

static nis2i_tri tri_or(nis2i_tri a, nis2i_tri b)
{
    if (a == NIS2I_YES || b == NIS2I_YES)
        return NIS2I_YES;
    return (a == NIS2I_NO && b == NIS2I_NO) ? NIS2I_NO : NIS2I_UNKNOWN;
}

static nis2i_tri tri_not(nis2i_tri a)
{
    return a == NIS2I_UNKNOWN ? a : (a == NIS2I_YES ? NIS2I_NO : NIS2I_YES);
}

/* "within the ceiling": headcount below it and turnover or balance sheet not exceeding it. */
static nis2i_tri within(const nis2i_sme_ceiling *c, const double fig[NIS2I_NFIG], uint8_t set)
{
    nis2i_tri awu = (set & 1u) ? (fig[NIS2I_FIG_EMPLOYEES] < c->employees_below ? NIS2I_YES : NIS2I_NO) : NIS2I_UNKNOWN;
    nis2i_tri t = (set & 2u) ? (fig[NIS2I_FIG_TURNOVER] <= c->turnover_max ? NIS2I_YES : NIS2I_NO) : NIS2I_UNKNOWN;
    nis2i_tri b = (set & 4u) ? (fig[NIS2I_FIG_BALANCE] <= c->balance_max ? NIS2I_YES : NIS2I_NO) : NIS2I_UNKNOWN;
    return tri_and(awu, tri_or(t, b));
}

static void set_from_class(nis2i_size *s)
{
    s->medium_or_larger = s->cls >= NIS2_SIZE_MEDIUM ? NIS2I_YES : NIS2I_NO;
    s->large = s->cls == NIS2_SIZE_LARGE ? NIS2I_YES : NIS2I_NO;
    s->medium = s->cls == NIS2_SIZE_MEDIUM ? NIS2I_YES : NIS2I_NO;
}

nis2i_size nis2i_size_of_period(const nis2i_sme *sme, const double fig[NIS2I_NFIG], uint8_t set)
{
    nis2i_size s = {.cls = NIS2_SIZE_UNKNOWN};
    nis2i_tri micro = within(&sme->micro, fig, set);
    nis2i_tri small = within(&sme->small, fig, set);   /* small or micro */
    nis2i_tri sme_ = within(&sme->medium, fig, set);   /* any SME */
    if (small == NIS2I_YES)
        s.cls = micro == NIS2I_YES ? NIS2_SIZE_MICRO : micro == NIS2I_NO ? NIS2_SIZE_SMALL : NIS2_SIZE_UNKNOWN;
    else if (small == NIS2I_NO)
        s.cls = sme_ == NIS2I_YES ? NIS2_SIZE_MEDIUM : sme_ == NIS2I_NO ? NIS2_SIZE_LARGE : NIS2_SIZE_UNKNOWN;
    if (s.cls != NIS2_SIZE_UNKNOWN) {
        set_from_class(&s);
    } else {
        s.medium_or_larger = tri_not(small);
        s.large = tri_not(sme_);
        s.medium = tri_and(sme_, tri_not(small));
    }
    return s;
}

/* Append s at p, never past end (the last byte of the buffer stays free for the NUL). */
static char *put_str(char *p, char *end, const char *s)
{
    size_t n = strlen(s);
    if (n > (size_t)(end - p))
        n = (size_t)(end - p);
    memcpy(p, s, n);
    return p + n;
}

/* "%s AWU, turnover EUR %s, balance-sheet total EUR %s" with the figures or "unknown", cut to n - 1 bytes as
 * snprintf would; without printf (a classification formats this once or twice, and snprintf was a third of its
 * cost). */
static void describe_figures(char *out, size_t n, const double fig[NIS2I_NFIG], uint8_t set)
{
    char a[64], t[64], b[64];
    if (set & 1u) nis2i_fmt_number(fig[0], a); else strcpy(a, "unknown");
    if (set & 2u) nis2i_fmt_number(fig[1], t); else strcpy(t, "unknown");
    if (set & 4u) nis2i_fmt_number(fig[2], b); else strcpy(b, "unknown");
    char *end = out + n - 1;
    char *p = put_str(out, end, a);
    p = put_str(p, end, " AWU, turnover EUR ");
    p = put_str(p, end, t);
    p = put_str(p, end, ", balance-sheet total EUR ");
    p = put_str(p, end, b);
    *p = '\0';
}

static const char *class_ref(uint32_t cls)
{
    switch (cls) {
    case NIS2_SIZE_MICRO: return "Recommendation 2003/361/EC Annex Art. 2(3)";
    case NIS2_SIZE_SMALL: return "Recommendation 2003/361/EC Annex Art. 2(2)";
    default: return "Recommendation 2003/361/EC Annex Art. 2(1)";
    }
}

static void explain(const nis2_ctx *ctx, nis2_result *r, const char *which, const double fig[NIS2I_NFIG], uint8_t set,
                    const nis2i_size *s)
{
    char figs[200], e[64], t[64], b[64];
    describe_figures(figs, sizeof figs, fig, set);
    const nis2i_sme_ceiling *c;
    switch (s->cls) {
    case NIS2_SIZE_MICRO:
        c = &ctx->sme.micro;
        nis2i_fmt_number(c->employees_below, e); nis2i_fmt_number(c->turnover_max, t); nis2i_fmt_number(c->balance_max, b);
        nis2i_reason_add(r, class_ref(s->cls), "%s: micro enterprise (%s): fewer than %s AWU and turnover or balance-sheet total of at most EUR %s / EUR %s",
                         which, figs, e, t, b);
        break;
    case NIS2_SIZE_SMALL:
        c = &ctx->sme.small;
        nis2i_fmt_number(c->employees_below, e); nis2i_fmt_number(c->turnover_max, t); nis2i_fmt_number(c->balance_max, b);
        nis2i_reason_add(r, class_ref(s->cls), "%s: small enterprise (%s): above the micro ceilings, but fewer than %s AWU and turnover or balance-sheet total of at most EUR %s / EUR %s",
                         which, figs, e, t, b);
        break;
    case NIS2_SIZE_MEDIUM:
        c = &ctx->sme.medium;
        nis2i_fmt_number(c->employees_below, e); nis2i_fmt_number(c->turnover_max, t); nis2i_fmt_number(c->balance_max, b);
        nis2i_reason_add(r, class_ref(s->cls), "%s: medium-sized enterprise (%s): exceeds the small-enterprise ceilings but has fewer than %s AWU and turnover at most EUR %s or balance-sheet total at most EUR %s",
                         which, figs, e, t, b);
        break;
    case NIS2_SIZE_LARGE:
        c = &ctx->sme.medium;
        nis2i_fmt_number(c->employees_below, e); nis2i_fmt_number(c->turnover_max, t); nis2i_fmt_number(c->balance_max, b);
        nis2i_reason_add(r, class_ref(s->cls), "%s: large enterprise (%s): exceeds the medium-sized ceilings (%s AWU or more, or both turnover above EUR %s and balance-sheet total above EUR %s)",
                         which, figs, e, t, b);
        break;
    default:
        nis2i_reason_add(r, class_ref(s->cls), "%s: size class not settled by the figures given (%s)", which, figs);
    }
}

void nis2i_size_classify(const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r)
{
    nis2i_size cur = nis2i_size_of_period(&ctx->sme, e->fig[0], e->fig_set[0]);
    r->size = cur;
    if (!e->fig_set[0] && !e->fig_set[1]) {
        nis2i_reason_add(r, "Recommendation 2003/361/EC Annex Art. 2", "No headcount, turnover or balance-sheet figures were given; the size class is unknown");
        return;
    }
    if (!r->no_trace)
        explain(ctx, r, "Latest period", e->fig[0], e->fig_set[0], &cur);
    if (!e->fig_set[1])
        return;
    nis2i_size prev = nis2i_size_of_period(&ctx->sme, e->fig[1], e->fig_set[1]);
    if (!r->no_trace)
        explain(ctx, r, "Previous period", e->fig[1], e->fig_set[1], &prev);
    if (cur.cls == NIS2_SIZE_UNKNOWN || prev.cls == NIS2_SIZE_UNKNOWN) {
        nis2i_reason_add(r, "Recommendation 2003/361/EC Annex Art. 4(2)",
                         "The two-consecutive-periods rule cannot be applied because one period's size class is unknown; the latest period is used");
        return;
    }
    if (cur.cls == prev.cls) {
        nis2i_reason_add(r, "Recommendation 2003/361/EC Annex Art. 4(2)",
                         "Both periods give the same size class (%s)", nis2i_size_name(cur.cls));
        return;
    }
    prev.period_used = 1;
    r->size = prev;
    nis2i_reason_add(r, "Recommendation 2003/361/EC Annex Art. 4(2)",
                     "The latest period points to %s but the previous one to %s: a size status changes only after two consecutive periods, so the entity stays %s",
                     nis2i_size_name(cur.cls), nis2i_size_name(prev.cls), nis2i_size_name(prev.cls));
}
