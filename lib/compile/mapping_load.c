/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the ISO/IEC 27001:2022 controls, the IR 2024/2690 points and the mapping pairs of the catalog
 * compiled into the typed graph of model/mapping.h (see compile/mapping_load.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/json_parse.h"
#include "compile/mapping_load.h"
#include "compile/reader.h"

typedef struct iso_loader {
    nis2_ctx *ctx;
    nis2i_iso *iso;
    nis2i_reader R;              /* path stack and failure formatter (compile/reader.h) */
} iso_loader;

/* "catalog: <path>: <message>" at the current path. */
#define cbad(L, ...) nis2i_rd_bad(&(L)->R, __VA_ARGS__)

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
    NIS2I_CHECK_ALLOC(&L->R, rc >= 0);
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
    nis2i_rd_set(&L->R, "$.controls");
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return cbad(L, "must be a non-empty array of ISO/IEC 27001:2022 clauses and controls");
    iso->n_controls = json_array_size(arr);
    iso->controls = calloc(iso->n_controls, sizeof *iso->controls);
    NIS2I_CHECK_ALLOC(&L->R, iso->controls);
    size_t i, n_heading_children = 0;
    const json_t *c;
    json_array_foreach(arr, i, c) {
        nis2i_rd_set_index(&L->R, "$.controls", i);
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
        NIS2I_CHECK_ALLOC(&L->R, rc >= 0);
        if (rc > 0)
            return cbad(L, "duplicate control id '%s'", ct->id);
    }
    /* children: headings list theirs; a clause owns every clause item whose id starts with "N." */
    size_t cap = n_heading_children + iso->n_controls;
    iso->children = calloc(cap, sizeof *iso->children);
    NIS2I_CHECK_ALLOC(&L->R, iso->children);
    json_array_foreach(arr, i, c) {
        nis2i_rd_set_index(&L->R, "$.controls", i);
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
    nis2i_rd_set(&L->R, "$.ir2690_points");
    if (points && !json_is_array(points))
        return cbad(L, "must be an array");
    nis2i_rd_set(&L->R, "$.mappings");
    if (maps && !json_is_array(maps))
        return cbad(L, "must be an array");
    nis2i_rd_set(&L->R, "$.sources");
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
    NIS2I_CHECK_ALLOC(&L->R, iso->node_ids && iso->node_kind && iso->node_ref && iso->ir_titles);
    nis2_status st;
    for (i = 0; i < iso->n_controls; i++) {
        nis2i_rd_set_index(&L->R, "$.controls", i);
        if ((st = add_node(L, iso->controls[i].id, NIS2I_NODE_CONTROL, (uint32_t)i)))
            return st;
    }
    const json_t *p;
    json_array_foreach(points, i, p) {
        nis2i_rd_set_index(&L->R, "$.ir2690_points", i);
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
        nis2i_rd_set_index(&L->R, "$.obligations", i);
        if (id && (st = add_node(L, id, NIS2I_NODE_OBLIGATION, (uint32_t)i)))
            return st;
    }
    json_array_foreach(ovs, i, ov) {
        size_t j;
        json_array_foreach(json_object_get(ov, "obligations"), j, o) {
            const char *id = str_field(o, "id");
            nis2i_rd_set_index(&L->R, "$.overlays", i);
            nis2i_rd_push_key(&L->R, "obligations");
            nis2i_rd_push_index(&L->R, j);
            if (id && (st = add_node(L, id, NIS2I_NODE_OBLIGATION, UINT32_MAX)))
                return st;
        }
    }
    /* IR points: `details` and `children` must resolve */
    json_array_foreach(points, i, p) {
        nis2i_rd_set_index(&L->R, "$.ir2690_points", i);
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
        return nis2i_rd_nomem(&L->R);
    }
    const json_t *m;
    st = NIS2_OK;
    json_array_foreach(maps, i, m) {
        nis2i_rd_set_index(&L->R, "$.mappings", i);
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
            st = nis2i_rd_nomem(&L->R);
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
        return nis2i_nomem(err);
    ctx->iso = iso;
    iso_loader L = {.ctx = ctx, .iso = iso};
    nis2i_rd_init(&L.R, err, NIS2_ERR_CATALOG, "catalog", "$");
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
