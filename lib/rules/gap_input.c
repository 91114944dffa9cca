/* SPDX-License-Identifier: Apache-2.0 */
/* The typed input of the gap report and the decisions over it that need no duty (see gap_input.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/gap_input.h"

const char *const nis2i_gap_soa_names[6] = {"not_listed", "not_applicable", "implemented", "partial", "planned",
                                            "not_implemented"};
const char *const nis2i_gap_level_names[4] = {"none", "partial", "full", "excluded"};

void nis2i_gap_fmt_date(int32_t d, char out[11])
{
    unsigned u = d > 0 ? (unsigned)d : 0u;
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", (u / 10000u) % 10000u, (u / 100u) % 100u, u % 100u);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

nis2_status nis2i_gap_in_add_ref(nis2i_gap_in *g, uint32_t control, uint32_t ev)
{
    /* cheap de-duplication of the recent tail (the last 64 refs); refs of earlier evidence cannot match */
    for (size_t i = g->n_refs; i-- > 0 && i + 64 > g->n_refs && g->refs[i].ev == ev;)
        if (g->refs[i].control == control)
            return NIS2_OK;
    if (g->n_refs == g->cap_refs) {
        size_t nc = g->cap_refs ? g->cap_refs * 2 : 256;
        nis2i_gap_ref *n = realloc(g->refs, nc * sizeof *n);
        if (!n)
            return NIS2_ERR_NOMEM;
        g->refs = n;
        g->cap_refs = nc;
    }
    g->refs[g->n_refs++] = (nis2i_gap_ref){control, ev};
    return NIS2_OK;
}

nis2_status nis2i_gap_in_add_ev_obl(nis2i_gap_in *g, uint32_t ob, uint32_t ev)
{
    if (g->n_ev_obl + 2 > g->cap_ev_obl) {
        size_t nc = g->cap_ev_obl ? g->cap_ev_obl * 2 : 64;
        uint32_t *n = realloc(g->ev_obl, nc * sizeof *n);
        if (!n)
            return NIS2_ERR_NOMEM;
        g->ev_obl = n;
        g->cap_ev_obl = nc;
    }
    g->ev_obl[g->n_ev_obl++] = ob;
    g->ev_obl[g->n_ev_obl++] = ev;
    return NIS2_OK;
}

/* "yyyy-mm-dd" of a yyyymmdd date, as nis2i_gap_fmt_date() writes it. */
static size_t put_date(char *out, int32_t d)
{
    unsigned u = d > 0 ? (unsigned)d : 0u;
    unsigned y = (u / 10000u) % 10000u, m = (u / 100u) % 100u, dd = u % 100u;
    out[0] = (char)('0' + y / 1000u);
    out[1] = (char)('0' + y / 100u % 10u);
    out[2] = (char)('0' + y / 10u % 10u);
    out[3] = (char)('0' + y % 10u);
    out[4] = '-';
    out[5] = (char)('0' + m / 10u);
    out[6] = (char)('0' + m % 10u);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10u);
    out[9] = (char)('0' + dd % 10u);
    return 10;
}

/* why = prefix + date + suffix (what snprintf("dated %s, after as_of") and ("expired %s") wrote). */
static void stale_why(nis2i_gap_ev *ev, const char *prefix, int32_t date, const char *suffix)
{
    size_t np = strlen(prefix), ns = strlen(suffix);
    memcpy(ev->why, prefix, np);
    put_date(ev->why + np, date);
    memcpy(ev->why + np + 10, suffix, ns + 1);
}

void nis2i_gap_ev_judge(const nis2i_gap_in *g, nis2i_gap_ev *ev)
{
    if (ev->dated > g->as_of) {
        ev->stale = true;
        stale_why(ev, "dated ", ev->dated, ", after as_of");
    } else if (ev->valid_until && ev->valid_until < g->as_of) {
        ev->stale = true;
        stale_why(ev, "expired ", ev->valid_until, "");
    }
}

void nis2i_gap_cert_judge(nis2i_gap_in *g, const char *standard, const char *body, int32_t until, int32_t issued,
                          bool scope)
{
    const char *status = "valid";
    if (strcmp(standard, "ISO/IEC 27001:2022") != 0)
        status = "other_standard";
    else if (until < g->as_of)
        status = "expired";
    else if (issued && issued > g->as_of)
        status = "not_yet_valid";
    else if (!scope)
        status = "scope_excludes_nis2_services";
    g->cert_counts = strcmp(status, "valid") == 0;
    g->has_cert = true;
    g->cert_standard = standard;
    g->cert_body = body;
    g->cert_status = status;
    g->cert_until = until;
    g->cert_scope = scope;
}

void nis2i_gap_expand_soa(nis2i_gap_in *g)
{
    const nis2i_iso *iso = g->iso;
    for (size_t c = 0; c < iso->n_controls; c++)
        g->soa[c] = g->soa_direct[c] ? (uint8_t)(g->soa_direct[c] - 1) : NIS2I_SOA_UNLISTED;
    static const nis2i_ckind order[] = {NIS2I_CK_HEADING, NIS2I_CK_CLAUSE};
    for (size_t o = 0; o < 2; o++)
        for (size_t h = 0; h < iso->n_controls; h++) {
            const nis2i_control *ct = &iso->controls[h];
            if (ct->kind != order[o] || g->soa[h] == NIS2I_SOA_UNLISTED)
                continue;
            for (uint32_t k = 0; k < ct->n_children; k++) {
                uint32_t ch = iso->children[ct->first_child + k];
                if (g->soa[ch] == NIS2I_SOA_UNLISTED)
                    g->soa[ch] = g->soa[h];
            }
        }
}

/* A stable counting sort, so that every look-up by control is a range. */
nis2_status nis2i_gap_index_refs(nis2i_gap_in *g)
{
    size_t n = g->iso->n_controls;
    if (g->n_refs >= UINT32_MAX)
        return NIS2_ERR_NOMEM;
    g->ref_start = calloc(n + 1, sizeof *g->ref_start);
    g->ref_ev = malloc((g->n_refs + 1) * sizeof *g->ref_ev);
    g->seen = calloc(g->n_ev + 1, sizeof *g->seen);
    g->list_ev = malloc((2 * g->n_ev + 1) * sizeof *g->list_ev);
    if (!g->ref_start || !g->ref_ev || !g->seen || !g->list_ev)
        return NIS2_ERR_NOMEM;
    for (size_t i = 0; i < g->n_refs; i++)
        g->ref_start[g->refs[i].control + 1]++;
    for (size_t c = 0; c < n; c++)
        g->ref_start[c + 1] += g->ref_start[c];
    uint32_t *fill = malloc((n + 1) * sizeof *fill);
    if (!fill)
        return NIS2_ERR_NOMEM;
    memcpy(fill, g->ref_start, (n + 1) * sizeof *fill);
    for (size_t i = 0; i < g->n_refs; i++)
        g->ref_ev[fill[g->refs[i].control]++] = g->refs[i].ev;
    free(fill);
    return NIS2_OK;
}

bool nis2i_gap_has_fresh(const nis2i_gap_in *g, uint32_t c)
{
    for (uint32_t i = g->ref_start[c]; i < g->ref_start[c + 1]; i++)
        if (!g->ev[g->ref_ev[i]].stale)
            return true;
    return false;
}

void nis2i_gap_levels(nis2i_gap_in *g)
{
    const nis2i_iso *iso = g->iso;
    for (size_t c = 0; c < iso->n_controls; c++) {
        bool clause = iso->controls[c].kind != NIS2I_CK_ANNEX_A;
        bool cert = clause && g->cert_counts;
        uint8_t s = g->soa[c];
        if (s == NIS2I_SOA_EXCLUDED) {
            g->level[c] = NIS2I_LV_EXCLUDED;
            continue;
        }
        bool impl = s == NIS2I_SOA_IMPLEMENTED || (s == NIS2I_SOA_UNLISTED && cert);
        bool evid = cert || nis2i_gap_has_fresh(g, (uint32_t)c);
        g->level[c] = impl && evid ? NIS2I_LV_FULL : (impl || s == NIS2I_SOA_PARTIAL) ? NIS2I_LV_PART : NIS2I_LV_NONE;
    }
    /* headings, then clauses: the weakest of their parts (excluded parts do not count) */
    static const nis2i_ckind order[] = {NIS2I_CK_HEADING, NIS2I_CK_CLAUSE};
    for (size_t o = 0; o < 2; o++)
        for (size_t h = 0; h < iso->n_controls; h++) {
            const nis2i_control *ct = &iso->controls[h];
            if (ct->kind != order[o] || ct->n_children == 0)
                continue;
            uint8_t lv = NIS2I_LV_EXCLUDED;
            bool any = false;
            for (uint32_t k = 0; k < ct->n_children; k++) {
                uint8_t cl = g->level[iso->children[ct->first_child + k]];
                if (cl == NIS2I_LV_EXCLUDED)
                    continue;
                any |= cl != NIS2I_LV_NONE;
                if (lv == NIS2I_LV_EXCLUDED || cl < lv)
                    lv = cl;
            }
            if (lv == NIS2I_LV_NONE && any)
                lv = NIS2I_LV_PART;                /* some parts implemented: the heading is partly supported */
            g->level[h] = lv;
        }
}

void nis2i_gap_in_free(nis2i_gap_in *g)
{
    free(g->soa);
    free(g->soa_direct);
    free(g->level);
    free(g->ev);
    free(g->refs);
    free(g->ref_start);
    free(g->ref_ev);
    free(g->seen);
    free(g->list_ev);
    free(g->ev_obl);
    nis2i_map_free(&g->ev_index);
    memset(g, 0, sizeof *g);
}
