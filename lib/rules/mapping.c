/* SPDX-License-Identifier: Apache-2.0 */
/* ISO/IEC 27001:2022 identifier normalisation and chain resolution over the typed mapping graph (see mapping.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/mapping.h"

nis2i_rel nis2i_rel_invert(nis2i_rel r)
{
    if (r == NIS2I_REL_SUBSET)
        return NIS2I_REL_SUPERSET;
    if (r == NIS2I_REL_SUPERSET)
        return NIS2I_REL_SUBSET;
    return r;
}

nis2i_rel nis2i_rel_chain(nis2i_rel a, nis2i_rel b)
{
    return a < b ? a : b;
}

long nis2i_control_find(const nis2_ctx *ctx, const char *id)
{
    uint32_t idx;
    if (!ctx->iso || !id || !nis2i_map_get(&ctx->iso->control_index, id, &idx))
        return -1;
    return (long)idx;
}

/* ---------------------------------------------------------------- identifier normalisation */

nis2_status nis2i_iso_normalise(const nis2_ctx *ctx, const char *text, const char *path, uint32_t *out,
                                nis2_error *err)
{
    if (!ctx->iso)
        return nis2i_fail(err, NIS2_ERR_NOT_FOUND, path, "the catalog has no ISO/IEC 27001:2022 controls");
    char pre[200] = "";          /* "path: ", written only for an error (this runs per evidence reference) */
    char buf[40];
    size_t n = 0;
    bool annex = false, bad = false, dot = false;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; s[i] && !bad; i++) {
        unsigned char ch = s[i];
        if (ch == ' ' || ch == '\t')
            continue;
        if (n == 0 && !annex && (ch == 'A' || ch == 'a')) {
            annex = true;
            continue;
        }
        if (n == 0 && !annex && ch == 0xCE && (s[i + 1] == 0x91 || s[i + 1] == 0xB1)) {
            annex = true;        /* Greek capital or small alpha typed for the Latin A */
            i++;
            continue;
        }
        if (n == 0 && annex && ch == '.' && !dot) {
            dot = true;          /* "A.5.1" and "A5.1" */
            continue;
        }
        if ((ch >= '0' && ch <= '9') || ch == '.') {
            if (n + 1 >= sizeof buf - 3)
                bad = true;
            else
                buf[n++] = (char)ch;
        } else {
            bad = true;
        }
    }
    buf[n] = '\0';
    /* digits separated by single dots */
    if (!bad && (n == 0 || buf[0] == '.' || buf[n - 1] == '.' || strstr(buf, "..")))
        bad = true;
    if (bad && path)
        snprintf(pre, sizeof pre, "%.190s: ", path);
    if (bad)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s'%s' is not an ISO/IEC 27001:2022 identifier (expected a clause such as \"9.3\" or an Annex A "
                          "control such as \"A.5.24\")",
                          pre, text);
    uint32_t idx;
    char cand[48];
    if (!annex && nis2i_map_get(&ctx->iso->control_index, buf, &idx) &&
        ctx->iso->controls[idx].kind != NIS2I_CK_ANNEX_A) {
        *out = idx;              /* a bare number is a clause whenever that clause exists */
        return NIS2_OK;
    }
    cand[0] = 'A';               /* "A." + buf (n < sizeof buf - 3, so it fits) */
    cand[1] = '.';
    memcpy(cand + 2, buf, n + 1);
    if (nis2i_map_get(&ctx->iso->control_index, cand, &idx)) {
        *out = idx;              /* "5.24": no clause 5.24, so Annex A control A.5.24 */
        return NIS2_OK;
    }
    if (path)
        snprintf(pre, sizeof pre, "%.190s: ", path);
    if (annex)
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, path,
                          "%s'%s' is not an Annex A control of ISO/IEC 27001:2022 (A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, "
                          "A.8.1-A.8.34)",
                          pre, text);
    return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, path,
                      "%s'%s' is neither a clause (4 to 10.2) nor an Annex A control (A.5.1 to A.8.34) of ISO/IEC 27001:2022",
                      pre, text);
}

/* ---------------------------------------------------------------- chain resolution */

typedef struct walk {
    const nis2i_iso *iso;
    bool with_ir;
    nis2i_links *out;
    uint32_t path[NIS2I_MAX_CHAIN];
    bool oom;
} walk;

static void record(walk *w, uint32_t control, nis2i_rel rel, uint32_t len)
{
    nis2i_links *l = w->out;
    for (size_t i = 0; i < l->n; i++) {
        nis2i_link *k = &l->items[i];
        if (k->control != control)
            continue;
        if (rel > k->rel || (rel == k->rel && len < k->path_len)) {
            k->rel = rel;
            k->path_len = len;
            memcpy(k->path, w->path, len * sizeof *w->path);
        }
        return;
    }
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        nis2i_link *ni = realloc(l->items, nc * sizeof *ni);
        if (!ni) {
            w->oom = true;
            return;
        }
        l->items = ni;
        l->cap = nc;
    }
    nis2i_link *k = &l->items[l->n++];
    k->control = control;
    k->rel = rel;
    k->path_len = len;
    memcpy(k->path, w->path, len * sizeof *w->path);
}

static void visit(walk *w, uint32_t node, nis2i_rel rel, uint32_t depth)
{
    const nis2i_iso *iso = w->iso;
    for (uint32_t e = iso->edge_start[node]; e < iso->edge_start[node + 1]; e++) {
        const nis2i_edge *ed = &iso->edges[e];
        if (ed->to == UINT32_MAX || ed->rel == NIS2I_REL_NONE) {
            if (depth == 0 && w->out->n_none < sizeof w->out->none_edges / sizeof w->out->none_edges[0])
                w->out->none_edges[w->out->n_none++] = e;
            continue;
        }
        if (depth >= NIS2I_MAX_CHAIN)
            continue;
        w->path[depth] = e;
        nis2i_rel r = nis2i_rel_chain(rel, ed->rel);
        if (iso->node_kind[ed->to] == NIS2I_NODE_CONTROL)
            record(w, iso->node_ref[ed->to], r, depth + 1);
        else if (iso->node_kind[ed->to] == NIS2I_NODE_IR && w->with_ir)
            visit(w, ed->to, r, depth + 1);
    }
}

nis2_status nis2i_iso_resolve(const nis2_ctx *ctx, const char *from_id, bool with_ir, nis2i_links *out,
                              nis2_error *err)
{
    if (!ctx->iso)
        return NIS2_OK;
    uint32_t node;
    if (!nis2i_map_get(&ctx->iso->node_index, from_id, &node))
        return NIS2_OK;
    walk w = {.iso = ctx->iso, .with_ir = with_ir || ctx->iso->node_kind[node] == NIS2I_NODE_IR, .out = out};
    visit(&w, node, NIS2I_REL_EQUAL, 0);
    if (w.oom) {
        nis2i_links_free(out);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    return NIS2_OK;
}

void nis2i_links_free(nis2i_links *l)
{
    free(l->items);
    memset(l, 0, sizeof *l);
}
