/* SPDX-License-Identifier: Apache-2.0 */
/* ISO/IEC 27001:2022 controls, identifier normalisation and the mapping graph (see mapping.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping.h"

static const char *const rel_names[] = {"no_relationship", "intersects_with", "superset_of", "subset_of", "equal"};

const char *nis2i_rel_name(nis2i_rel r)
{
    return (unsigned)r <= NIS2I_REL_EQUAL ? rel_names[r] : "no_relationship";
}

int nis2i_rel_parse(const char *name)
{
    for (int i = 0; i <= (int)NIS2I_REL_EQUAL; i++)
        if (strcmp(rel_names[i], name) == 0)
            return i;
    return -1;
}

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

/* ---------------------------------------------------------------- loading */

typedef struct iso_loader {
    nis2_ctx *ctx;
    nis2i_iso *iso;
    nis2_error *err;
    char path[128];
} iso_loader;

NIS2I_PRINTF(2, 3) static nis2_status cbad(iso_loader *L, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nis2i_fail(L->err, NIS2_ERR_CATALOG, L->path, "catalog: %s: %s", L->path, msg);
}

static nis2_status oom(iso_loader *L)
{
    return nis2i_fail(L->err, NIS2_ERR_NOMEM, NULL, "out of memory");
}

static const char *str_field(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

static const char *const kind_names[] = {"clause", "heading", "requirement", "annex_a"};
static const char *const themes[] = {"management_system", "organizational", "people", "physical", "technological"};

static nis2_status add_node(iso_loader *L, const char *id, nis2i_node_kind kind, uint32_t ref)
{
    nis2i_iso *iso = L->iso;
    uint32_t n = (uint32_t)iso->n_nodes;
    int rc = nis2i_map_put(&iso->node_index, id, n);
    if (rc < 0)
        return oom(L);
    if (rc > 0)
        return cbad(L, "id '%s' is defined twice (ids of controls, IR points and obligations share one namespace)", id);
    iso->node_ids[n] = id;
    iso->node_kind[n] = (uint8_t)kind;
    iso->node_ref[n] = ref;
    iso->n_nodes++;
    return NIS2_OK;
}

static nis2_status load_controls(iso_loader *L, const json_t *arr)
{
    nis2i_iso *iso = L->iso;
    snprintf(L->path, sizeof L->path, "$.controls");
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return cbad(L, "must be a non-empty array of ISO/IEC 27001:2022 clauses and controls");
    iso->n_controls = json_array_size(arr);
    iso->controls = calloc(iso->n_controls, sizeof *iso->controls);
    if (!iso->controls)
        return oom(L);
    size_t i, n_heading_children = 0;
    const json_t *c;
    json_array_foreach(arr, i, c) {
        snprintf(L->path, sizeof L->path, "$.controls[%zu]", i);
        nis2i_control *ct = &iso->controls[i];
        if (!json_is_object(c) || !(ct->id = str_field(c, "id")) || !(ct->title = str_field(c, "title")) ||
            !(ct->theme = str_field(c, "theme")))
            return cbad(L, "a control needs non-empty strings id, title and theme");
        const char *kind = str_field(c, "kind");
        size_t k;
        for (k = 0; kind && k < sizeof kind_names / sizeof kind_names[0]; k++)
            if (strcmp(kind, kind_names[k]) == 0)
                break;
        if (!kind || k == sizeof kind_names / sizeof kind_names[0])
            return cbad(L, "kind must be clause, heading, requirement or annex_a");
        ct->kind = (nis2i_ckind)k;
        size_t t;
        for (t = 0; t < sizeof themes / sizeof themes[0]; t++)
            if (strcmp(ct->theme, themes[t]) == 0)
                break;
        if (t == sizeof themes / sizeof themes[0])
            return cbad(L, "unknown theme '%s'", ct->theme);
        bool annex = strncmp(ct->id, "A.", 2) == 0;
        if (annex != (ct->kind == NIS2I_CK_ANNEX_A))
            return cbad(L, "'%s': Annex A ids start with \"A.\" and only they have kind annex_a", ct->id);
        n_heading_children += json_array_size(json_object_get(c, "children"));
        int rc = nis2i_map_put(&iso->control_index, ct->id, (uint32_t)i);
        if (rc < 0)
            return oom(L);
        if (rc > 0)
            return cbad(L, "duplicate control id '%s'", ct->id);
    }
    /* children: headings list theirs; a clause owns every clause item whose id starts with "N." */
    size_t cap = n_heading_children + iso->n_controls;
    iso->children = calloc(cap, sizeof *iso->children);
    if (!iso->children)
        return oom(L);
    json_array_foreach(arr, i, c) {
        snprintf(L->path, sizeof L->path, "$.controls[%zu]", i);
        nis2i_control *ct = &iso->controls[i];
        ct->first_child = (uint32_t)iso->n_childref;
        const json_t *ch = json_object_get(c, "children");
        if (ct->kind == NIS2I_CK_HEADING) {
            if (!json_is_array(ch) || json_array_size(ch) == 0)
                return cbad(L, "heading '%s' needs a non-empty children array", ct->id);
            size_t j;
            const json_t *x;
            json_array_foreach(ch, j, x) {
                uint32_t idx;
                if (!json_is_string(x) || !nis2i_map_get(&iso->control_index, json_string_value(x), &idx))
                    return cbad(L, "children[%zu] of '%s' is not a control id of the catalog", j, ct->id);
                iso->children[iso->n_childref++] = idx;
            }
        } else if (ch) {
            return cbad(L, "only headings have children");
        } else if (ct->kind == NIS2I_CK_CLAUSE) {
            size_t len = strlen(ct->id);
            for (size_t j = 0; j < iso->n_controls; j++) {
                const nis2i_control *o = &iso->controls[j];
                if (o->kind != NIS2I_CK_ANNEX_A && strncmp(o->id, ct->id, len) == 0 && o->id[len] == '.')
                    iso->children[iso->n_childref++] = (uint32_t)j;
            }
        }
        ct->n_children = (uint32_t)iso->n_childref - ct->first_child;
    }
    return NIS2_OK;
}

static bool source_known(const json_t *sources, const char *id)
{
    size_t i;
    const json_t *s;
    json_array_foreach(sources, i, s) {
        const char *sid = str_field(s, "id");
        if (sid && strcmp(sid, id) == 0)
            return true;
    }
    return false;
}

static nis2_status load_graph(iso_loader *L, const json_t *doc)
{
    nis2i_iso *iso = L->iso;
    const json_t *points = json_object_get(doc, "ir2690_points");
    const json_t *maps = json_object_get(doc, "mappings");
    const json_t *sources = json_object_get(doc, "sources");
    const json_t *obls = json_object_get(doc, "obligations");
    const json_t *ovs = json_object_get(doc, "overlays");
    snprintf(L->path, sizeof L->path, "$.ir2690_points");
    if (points && !json_is_array(points))
        return cbad(L, "must be an array");
    snprintf(L->path, sizeof L->path, "$.mappings");
    if (maps && !json_is_array(maps))
        return cbad(L, "must be an array");
    snprintf(L->path, sizeof L->path, "$.sources");
    if (maps && json_array_size(maps) && !json_is_array(sources))
        return cbad(L, "must list the sources the mappings name");

    size_t n_obl = json_array_size(obls), i;
    const json_t *ov;
    json_array_foreach(ovs, i, ov) n_obl += json_array_size(json_object_get(ov, "obligations"));
    size_t cap = iso->n_controls + json_array_size(points) + n_obl;
    iso->node_ids = calloc(cap + 1, sizeof *iso->node_ids);
    iso->node_kind = calloc(cap + 1, 1);
    iso->node_ref = calloc(cap + 1, sizeof *iso->node_ref);
    iso->ir_titles = calloc(cap + 1, sizeof *iso->ir_titles);
    if (!iso->node_ids || !iso->node_kind || !iso->node_ref || !iso->ir_titles)
        return oom(L);
    nis2_status st;
    for (i = 0; i < iso->n_controls; i++) {
        snprintf(L->path, sizeof L->path, "$.controls[%zu]", i);
        if ((st = add_node(L, iso->controls[i].id, NIS2I_NODE_CONTROL, (uint32_t)i)))
            return st;
    }
    const json_t *p;
    json_array_foreach(points, i, p) {
        snprintf(L->path, sizeof L->path, "$.ir2690_points[%zu]", i);
        const char *id = str_field(p, "id");
        if (!id || strncmp(id, "ir2690.", 7) != 0 || !str_field(p, "title"))
            return cbad(L, "an IR point needs an id starting with \"ir2690.\" and a title");
        iso->ir_titles[iso->n_nodes] = str_field(p, "title");
        if ((st = add_node(L, id, NIS2I_NODE_IR, (uint32_t)i)))
            return st;
    }
    const json_t *o;
    json_array_foreach(obls, i, o) {
        const char *id = str_field(o, "id");
        snprintf(L->path, sizeof L->path, "$.obligations[%zu]", i);
        if (id && (st = add_node(L, id, NIS2I_NODE_OBLIGATION, (uint32_t)i)))
            return st;
    }
    json_array_foreach(ovs, i, ov) {
        size_t j;
        json_array_foreach(json_object_get(ov, "obligations"), j, o) {
            const char *id = str_field(o, "id");
            snprintf(L->path, sizeof L->path, "$.overlays[%zu].obligations[%zu]", i, j);
            if (id && (st = add_node(L, id, NIS2I_NODE_OBLIGATION, UINT32_MAX)))
                return st;
        }
    }
    /* IR points: `details` and `children` must resolve */
    json_array_foreach(points, i, p) {
        snprintf(L->path, sizeof L->path, "$.ir2690_points[%zu]", i);
        static const char *const lists[] = {"details", "children"};
        for (size_t k = 0; k < 2; k++) {
            const json_t *arr = json_object_get(p, lists[k]);
            size_t j;
            const json_t *x;
            if (arr && !json_is_array(arr))
                return cbad(L, "%s must be an array", lists[k]);
            json_array_foreach(arr, j, x) {
                uint32_t n;
                if (!json_is_string(x) || !nis2i_map_get(&iso->node_index, json_string_value(x), &n) ||
                    iso->node_kind[n] != (k == 0 ? NIS2I_NODE_OBLIGATION : NIS2I_NODE_IR))
                    return cbad(L, "%s[%zu] is not %s of the catalog", lists[k], j,
                                k == 0 ? "an obligation id" : "an IR point id");
            }
        }
    }
    /* edges */
    size_t n_maps = json_array_size(maps);
    nis2i_edge *tmp = calloc(n_maps + 1, sizeof *tmp);
    iso->edges = calloc(n_maps + 1, sizeof *iso->edges);
    iso->edge_start = calloc(iso->n_nodes + 1, sizeof *iso->edge_start);
    if (!tmp || !iso->edges || !iso->edge_start) {
        free(tmp);
        return oom(L);
    }
    const json_t *m;
    st = NIS2_OK;
    json_array_foreach(maps, i, m) {
        snprintf(L->path, sizeof L->path, "$.mappings[%zu]", i);
        nis2i_edge *e = &tmp[i];
        const char *rel = str_field(m, "relationship");
        int r = rel ? nis2i_rel_parse(rel) : -1;
        e->from_id = str_field(m, "from");
        const json_t *to = json_object_get(m, "to");
        e->rationale = str_field(m, "rationale");
        e->source = str_field(m, "source");
        e->pair = (uint32_t)i;
        if (!json_is_object(m) || !e->from_id) {
            st = cbad(L, "a mapping needs a non-empty string 'from'");
        } else if (r < 0) {
            st = cbad(L, "relationship must be equal, subset_of, superset_of, intersects_with or no_relationship");
        } else if (!e->rationale) {
            st = cbad(L, "every pair needs a rationale");
        } else if (!e->source || !source_known(sources, e->source)) {
            st = cbad(L, "source must name an entry of $.sources");
        } else if (!nis2i_map_get(&iso->node_index, e->from_id, &e->from) ||
                   iso->node_kind[e->from] == NIS2I_NODE_CONTROL) {
            st = cbad(L, "from '%s' is not an obligation id or an IR 2024/2690 point of the catalog", e->from_id);
        } else if (json_is_null(to) || !to) {
            if (r != NIS2I_REL_NONE)
                st = cbad(L, "'to' may be null only for no_relationship");
            e->to = UINT32_MAX;
        } else if (!json_is_string(to) || !nis2i_map_get(&iso->node_index, json_string_value(to), &e->to) ||
                   iso->node_kind[e->to] == NIS2I_NODE_OBLIGATION) {
            st = cbad(L, "to must be an ISO/IEC 27001:2022 control or an IR 2024/2690 point of the catalog");
        } else {
            e->to_id = json_string_value(to);
        }
        if (st)
            break;
        e->rel = (nis2i_rel)r;
        iso->edge_start[e->from + 1]++;
    }
    if (!st) {
        for (size_t n = 0; n < iso->n_nodes; n++)
            iso->edge_start[n + 1] += iso->edge_start[n];
        uint32_t *fill = calloc(iso->n_nodes + 1, sizeof *fill);
        if (!fill) {
            st = oom(L);
        } else {
            for (i = 0; i < n_maps; i++) {
                uint32_t f = tmp[i].from;
                iso->edges[iso->edge_start[f] + fill[f]++] = tmp[i];
            }
            iso->n_edges = n_maps;
            free(fill);
        }
    }
    free(tmp);
    return st;
}

nis2_status nis2i_iso_load(nis2_ctx *ctx, nis2_error *err)
{
    const json_t *controls = json_object_get(ctx->doc, "controls");
    if (!controls)
        return NIS2_OK;          /* a catalog without the ISO part: the gap report answers not_found */
    nis2i_iso *iso = calloc(1, sizeof *iso);
    if (!iso)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    ctx->iso = iso;
    iso_loader L = {.ctx = ctx, .iso = iso, .err = err};
    nis2_status st = load_controls(&L, controls);
    if (!st)
        st = load_graph(&L, ctx->doc);
    return st;                   /* on failure the context is destroyed, which calls nis2i_iso_release() */
}

void nis2i_iso_release(nis2_ctx *ctx)
{
    nis2i_iso *iso = ctx->iso;
    if (!iso)
        return;
    free(iso->controls);
    nis2i_map_free(&iso->control_index);
    free(iso->children);
    free(iso->node_ids);
    free(iso->node_kind);
    free(iso->node_ref);
    free(iso->ir_titles);
    nis2i_map_free(&iso->node_index);
    free(iso->edges);
    free(iso->edge_start);
    free(iso);
    ctx->iso = NULL;
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
