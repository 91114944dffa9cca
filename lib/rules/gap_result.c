/* SPDX-License-Identifier: Apache-2.0 */
/* The gap report's typed result (rules/gap_result.h): its arena and the status of a question. */
#include <stdlib.h>
#include <string.h>

#include "rules/gap_result.h"

const char *const nis2i_gap_st_names[4] = {"covered", "partial", "missing", "not_applicable"};

void *nis2i_gap_result_alloc(nis2i_gap_result *r, size_t n, size_t size)
{
    if (r->n_owned == r->cap_owned) {
        size_t nc = r->cap_owned ? r->cap_owned * 2 : 64;
        void **o = realloc(r->owned, nc * sizeof *o);
        if (!o) {
            r->oom = true;
            return NULL;
        }
        r->owned = o;
        r->cap_owned = nc;
    }
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        r->oom = true;
        return NULL;
    }
    r->owned[r->n_owned++] = p;
    return p;
}

char *nis2i_gap_result_strdup(nis2i_gap_result *r, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = nis2i_gap_result_alloc(r, n, 1);
    if (d)
        memcpy(d, s, n);
    return d;
}

void nis2i_gap_result_free(nis2i_gap_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_owned; i++)
        free(r->owned[i]);
    free(r->owned);
    for (size_t q = 0; q < NIS2I_Q_N; q++)
        free(r->answers[q]);
    nis2i_gap_findings_free(&r->findings);
    free(r->order);
    free(r->rank);
    memset(r, 0, sizeof *r);
}

const char *const nis2i_gap_q_status_names[3] = {"answered", "partial", "open"};

int nis2i_gap_result_q_status(const nis2i_gap_result *r, nis2i_gap_q q)
{
    bool any = false, open = false;
    for (size_t i = 0; i < r->findings.n; i++) {
        const nis2i_gap_finding *x = &r->findings.items[i];
        if (x->question != q)
            continue;
        any = true;
        open |= x->open && x->weight <= NIS2I_W_REVIEW;
    }
    return open ? 2 : any ? 1 : 0;
}
