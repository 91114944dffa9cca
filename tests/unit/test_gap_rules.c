/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The gap report's rules over typed structs, without JSON: the mapping graph compiled from the catalog
 * (compile/mapping_load.c, every check it makes, each naming the entry) and the decisions of rules/gap_input.c
 * (stale evidence, the certificate's status, SoA inheritance, each control's level of support), at their
 * boundaries.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "compile/compile_json.h"
#include "compile/mapping_load.h"
#include "rules/gap_input.h"
#include "rules/mapping.h"
#include "vectors.h"

static nis2_ctx *ctx;

static uint32_t ctl(const char *id)
{
    long c = nis2i_control_find(ctx, id);
    ck_assert_msg(c >= 0, "control %s is in the catalog", id);
    return (uint32_t)c;
}

/* ---------------------------------------------------------------- the compiled graph */

START_TEST(relationship_names_round_trip)
{
    static const char *const names[] = {"no_relationship", "intersects_with", "superset_of", "subset_of", "equal"};
    for (int r = 0; r <= (int)NIS2I_REL_EQUAL; r++) {
        ck_assert_str_eq(nis2i_rel_name((nis2i_rel)r), names[r]);
        ck_assert_int_eq(nis2i_rel_parse(names[r]), r);
    }
    ck_assert_int_eq(nis2i_rel_parse("related-to"), -1);
    ck_assert_int_eq(nis2i_rel_parse("Equal"), -1);
    ck_assert_int_eq(nis2i_rel_parse(""), -1);
    ck_assert_str_eq(nis2i_rel_name((nis2i_rel)99), "no_relationship");
}
END_TEST

START_TEST(compiled_graph_matches_the_catalog)
{
    const nis2i_iso *iso = ctx->iso;
    ck_assert_ptr_nonnull(iso);
    const json_t *controls = json_object_get(nis2i_ctx_doc(ctx), "controls");
    ck_assert_uint_eq(iso->n_controls, json_array_size(controls));
    size_t i;
    const json_t *c;
    json_array_foreach(controls, i, c) {
        ck_assert_str_eq(iso->controls[i].id, json_string_value(json_object_get(c, "id")));
        ck_assert_str_eq(iso->controls[i].title, json_string_value(json_object_get(c, "title")));
        ck_assert_int_eq(nis2i_control_find(ctx, iso->controls[i].id), (long)i);
        const json_t *ch = json_object_get(c, "children");
        if (iso->controls[i].kind == NIS2I_CK_HEADING) {
            ck_assert_uint_eq(iso->controls[i].n_children, json_array_size(ch));
            for (uint32_t k = 0; k < iso->controls[i].n_children; k++)
                ck_assert_str_eq(iso->controls[iso->children[iso->controls[i].first_child + k]].id,
                                 json_string_value(json_array_get(ch, k)));
        }
    }
    /* a clause owns every clause item under it, never an Annex A control */
    const nis2i_control *six = &iso->controls[ctl("6")];
    ck_assert_int_eq(six->kind, NIS2I_CK_CLAUSE);
    size_t want = 0;
    for (size_t k = 0; k < iso->n_controls; k++)
        want += strncmp(iso->controls[k].id, "6.", 2) == 0;
    ck_assert_uint_eq(six->n_children, want);
    ck_assert_uint_gt(want, 4);
    /* every pair is one edge, grouped by its from node, in catalog order within a node */
    const json_t *maps = json_object_get(nis2i_ctx_doc(ctx), "mappings");
    ck_assert_uint_eq(iso->n_edges, json_array_size(maps));
    for (size_t n = 0; n < iso->n_nodes; n++)
        for (uint32_t e = iso->edge_start[n]; e < iso->edge_start[n + 1]; e++) {
            const nis2i_edge *ed = &iso->edges[e];
            ck_assert_uint_eq(ed->from, n);
            if (e > iso->edge_start[n])
                ck_assert_uint_gt(ed->pair, iso->edges[e - 1].pair);
            const json_t *m = json_array_get(maps, ed->pair);
            ck_assert_str_eq(ed->from_id, json_string_value(json_object_get(m, "from")));
            ck_assert_str_eq(nis2i_rel_name(ed->rel), json_string_value(json_object_get(m, "relationship")));
            ck_assert_str_eq(ed->source, json_string_value(json_object_get(m, "source")));
        }
    ck_assert_uint_eq(iso->edge_start[iso->n_nodes], iso->n_edges);
}
END_TEST

/* The embedded catalog with one change, as a whole catalog (NIS2_CATALOG_REPLACE): the status and error. */
typedef void (*mutate_fn)(json_t *doc);

static nis2_status load_mutated(mutate_fn f, nis2_error *err, nis2_ctx **out)
{
    json_t *doc = json_deep_copy(nis2i_ctx_doc(ctx));
    ck_assert_ptr_nonnull(doc);
    f(doc);
    char *text = json_dumps(doc, 0);
    json_decref(doc);
    ck_assert_ptr_nonnull(text);
    *out = NULL;
    nis2_status st = nis2_ctx_new_from_json(out, text, strlen(text), NIS2_CATALOG_REPLACE, err);
    free(text);
    return st;
}

static json_t *control_at(json_t *doc, const char *id)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(doc, "controls"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
            return c;
    ck_abort_msg("no control %s", id);
    return NULL;
}

static size_t control_index(json_t *doc, const char *id)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(doc, "controls"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
            return i;
    ck_abort_msg("no control %s", id);
    return 0;
}

static void m_unchanged(json_t *doc) { (void)doc; }
static void m_controls_object(json_t *doc) { json_object_set_new(doc, "controls", json_object()); }
static void m_controls_empty(json_t *doc) { json_object_set_new(doc, "controls", json_array()); }
static void m_no_title(json_t *doc) { json_object_del(control_at(doc, "A.5.1"), "title"); }
static void m_empty_id(json_t *doc) { json_object_set_new(control_at(doc, "A.5.1"), "id", json_string("")); }
static void m_bad_kind(json_t *doc) { json_object_set_new(control_at(doc, "A.5.2"), "kind", json_string("annex_b")); }
static void m_bad_theme(json_t *doc) { json_object_set_new(control_at(doc, "A.5.2"), "theme", json_string("magic")); }
static void m_annex_kind(json_t *doc) { json_object_set_new(control_at(doc, "A.5.3"), "kind", json_string("requirement")); }
static void m_clause_annex(json_t *doc) { json_object_set_new(control_at(doc, "4.1"), "kind", json_string("annex_a")); }
static void m_duplicate(json_t *doc) { json_object_set_new(control_at(doc, "A.5.4"), "id", json_string("A.5.3")); }
static void m_heading_no_children(json_t *doc) { json_object_set_new(control_at(doc, "6.1"), "children", json_array()); }
static void m_heading_bad_child(json_t *doc)
{
    json_array_append_new(json_object_get(control_at(doc, "6.1"), "children"), json_string("6.1.9"));
}
static void m_requirement_children(json_t *doc)
{
    json_t *a = json_array();
    json_array_append_new(a, json_string("4.2"));
    json_object_set_new(control_at(doc, "4.1"), "children", a);
}
static void m_point_prefix(json_t *doc)
{
    json_object_set_new(json_array_get(json_object_get(doc, "ir2690_points"), 0), "id", json_string("ir2024.1"));
}
static void m_point_details(json_t *doc)
{
    json_t *a = json_array();
    json_array_append_new(a, json_string("nis2.art99.none"));
    json_object_set_new(json_array_get(json_object_get(doc, "ir2690_points"), 0), "details", a);
}
static void m_point_children(json_t *doc)
{
    json_t *a = json_array();
    json_array_append_new(a, json_string("A.5.1")); /* a control, not an IR point */
    json_object_set_new(json_array_get(json_object_get(doc, "ir2690_points"), 0), "children", a);
}
static void m_point_twice(json_t *doc)
{
    json_object_set_new(json_array_get(json_object_get(doc, "ir2690_points"), 0), "id", json_string("ir2690.1"));
    json_object_set_new(json_array_get(json_object_get(doc, "ir2690_points"), 1), "id", json_string("ir2690.1"));
}
static void m_mappings_object(json_t *doc) { json_object_set_new(doc, "mappings", json_object()); }
static json_t *pair0(json_t *doc) { return json_array_get(json_object_get(doc, "mappings"), 0); }
static void m_pair_to_duty(json_t *doc)
{
    json_object_set(pair0(doc), "to", json_object_get(json_array_get(json_object_get(doc, "obligations"), 0), "id"));
}
static void m_pair_from_control(json_t *doc) { json_object_set_new(pair0(doc), "from", json_string("A.5.1")); }
static void m_pair_no_rationale(json_t *doc) { json_object_del(pair0(doc), "rationale"); }
static void m_pair_rel(json_t *doc) { json_object_set_new(pair0(doc), "relationship", json_string("related-to")); }
static void m_pair_source(json_t *doc) { json_object_set_new(pair0(doc), "source", json_string("nobody")); }
static void m_pair_null_to(json_t *doc) { json_object_set_new(pair0(doc), "to", json_null()); }

START_TEST(mapping_loader_names_every_defect)
{
    static const struct {
        mutate_fn f;
        const char *path, *frag;
    } bad[] = {
        {m_controls_object, "$.controls", "must be a non-empty array"},
        {m_controls_empty, "$.controls", "must be a non-empty array"},
        {m_no_title, "$.controls[#A.5.1]", "needs non-empty strings id, title and theme"},
        {m_empty_id, "$.controls[#A.5.1]", "needs non-empty strings id, title and theme"},
        {m_bad_kind, "$.controls[#A.5.2]", "kind must be clause, heading, requirement or annex_a"},
        {m_bad_theme, "$.controls[#A.5.2]", "unknown theme 'magic'"},
        {m_annex_kind, "$.controls[#A.5.3]", "Annex A ids start with \"A.\" and only they have kind annex_a"},
        {m_clause_annex, "$.controls[#4.1]", "Annex A ids start with \"A.\" and only they have kind annex_a"},
        {m_duplicate, "$.controls[#A.5.4]", "duplicate control id 'A.5.3'"},
        {m_heading_no_children, "$.controls[#6.1]", "heading '6.1' needs a non-empty children array"},
        {m_heading_bad_child, "$.controls[#6.1]", "children[3] of '6.1' is not a control id of the catalog"},
        {m_requirement_children, "$.controls[#4.1]", "only headings have children"},
        {m_point_prefix, "$.ir2690_points[0]", "an IR point needs an id starting with \"ir2690.\" and a title"},
        {m_point_details, "$.ir2690_points[0]", "details[0] is not an obligation id of the catalog"},
        {m_point_children, "$.ir2690_points[0]", "children[0] is not an IR point id of the catalog"},
        {m_point_twice, "$.ir2690_points[1]", "id 'ir2690.1' is defined twice"},
        {m_mappings_object, "$.mappings", "must be an array"},
        {m_pair_to_duty, "$.mappings[0]", "to must be an ISO/IEC 27001:2022 control or an IR 2024/2690 point"},
        {m_pair_from_control, "$.mappings[0]", "from 'A.5.1' is not an obligation id or an IR 2024/2690 point"},
        {m_pair_no_rationale, "$.mappings[0]", "every pair needs a rationale"},
        {m_pair_rel, "$.mappings[0]", "relationship must be equal, subset_of, superset_of, intersects_with"},
        {m_pair_source, "$.mappings[0]", "source must name an entry of $.sources"},
        {m_pair_null_to, "$.mappings[0]", "'to' may be null only for no_relationship"},
    };
    nis2_error *err = nis2_error_new();
    nis2_ctx *c2 = NULL;
    ck_assert_msg(load_mutated(m_unchanged, err, &c2) == NIS2_OK, "the catalog as is: %s", nis2_error_message(err));
    ck_assert_uint_eq(c2->iso->n_controls, ctx->iso->n_controls);
    ck_assert_uint_eq(c2->iso->n_edges, ctx->iso->n_edges);
    nis2_ctx_free(c2);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nis2_error_clear(err);
        json_t *doc = json_deep_copy(nis2i_ctx_doc(ctx));
        char want_path[64];
        /* "$.controls[#ID]" in the table stands for the index of control ID */
        const char *open = strchr(bad[i].path, '[');
        if (open && open[1] == '#') {
            char id[16];
            snprintf(id, sizeof id, "%.*s", (int)(strlen(open + 2) - 1), open + 2);
            snprintf(want_path, sizeof want_path, "$.controls[%zu]", control_index(doc, id));
        } else {
            snprintf(want_path, sizeof want_path, "%s", bad[i].path);
        }
        json_decref(doc);
        nis2_status st = load_mutated(bad[i].f, err, &c2);
        ck_assert_msg(st == NIS2_ERR_CATALOG, "%zu (%s): status %d: %s", i, bad[i].frag, st, nis2_error_message(err));
        ck_assert_ptr_null(c2);
        ck_assert_msg(strcmp(nis2_error_path(err), want_path) == 0, "%zu: path %s, expected %s", i,
                      nis2_error_path(err), want_path);
        ck_assert_msg(strstr(nis2_error_message(err), bad[i].frag) != NULL, "%zu: %s", i, nis2_error_message(err));
    }
    nis2_error_free(err);
}
END_TEST

static void m_no_iso(json_t *doc)
{
    json_object_del(doc, "controls");
    json_object_del(doc, "mappings");
}

START_TEST(catalog_without_controls_has_no_graph)
{
    nis2_error *err = nis2_error_new();
    nis2_ctx *c2 = NULL;
    ck_assert_msg(load_mutated(m_no_iso, err, &c2) == NIS2_OK, "%s", nis2_error_message(err));
    ck_assert_ptr_null(c2->iso);
    ck_assert_int_eq(nis2i_control_find(c2, "A.5.1"), -1);
    uint32_t idx;
    ck_assert_int_eq(nis2i_iso_normalise(c2, "A.5.1", "$.soa[0].control", &idx, err), NIS2_ERR_NOT_FOUND);
    nis2i_links l = {0};
    ck_assert_int_eq(nis2i_iso_resolve(c2, "nis2.art21.risk_management_measures", true, &l, NULL), NIS2_OK);
    ck_assert_uint_eq(l.n, 0);
    static const char doc[] = "{\"as_of\": \"2026-11-28\", \"entity\": {\"country\": \"DE\", \"activities\": []}}";
    char *out = NULL;
    ck_assert_int_eq(nis2_gap_report_json(c2, doc, strlen(doc), 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_ptr_null(out);
    nis2_ctx_free(c2);
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- the typed input's decisions */

/* An input over ctx's controls on as_of, with evidence items ev[0..n_ev) (dated, valid_until). */
static void input_new(nis2i_gap_in *g, int32_t as_of, size_t n_ev)
{
    memset(g, 0, sizeof *g);
    g->ctx = ctx;
    g->iso = ctx->iso;
    g->as_of = as_of;
    nis2i_gap_fmt_date(as_of, g->as_of_text);
    size_t n = ctx->iso->n_controls;
    g->soa = calloc(n, 1);
    g->soa_direct = calloc(n, 1);
    g->level = calloc(n, 1);
    g->ev = calloc(n_ev + 1, sizeof *g->ev);
    ck_assert(g->soa && g->soa_direct && g->level && g->ev);
    g->n_ev = n_ev;
}

static void soa_set(nis2i_gap_in *g, const char *id, enum nis2i_soa_st s)
{
    g->soa_direct[ctl(id)] = (uint8_t)(s + 1);
}

START_TEST(evidence_is_stale_after_as_of_or_once_expired)
{
    nis2i_gap_in g;
    input_new(&g, 20261128, 0);
    static const struct {
        int32_t dated, until;
        bool stale;
        const char *why;
    } cases[] = {
        {20261128, 0, false, ""},                                   /* dated on as_of */
        {20261129, 0, true, "dated 2026-11-29, after as_of"},       /* one day after */
        {20261127, 0, false, ""},                                   /* one day before */
        {20200101, 20261128, false, ""},                            /* valid until as_of: still valid */
        {20200101, 20261127, true, "expired 2026-11-27"},           /* expired the day before */
        {20200101, 20261129, false, ""},
        {20261201, 20271201, true, "dated 2026-12-01, after as_of"}, /* dated after as_of wins */
        {20240229, 20240229, true, "expired 2024-02-29"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nis2i_gap_ev ev = {.id = "EV", .dated = cases[i].dated, .valid_until = cases[i].until};
        nis2i_gap_ev_judge(&g, &ev);
        ck_assert_msg(ev.stale == cases[i].stale, "case %zu", i);
        ck_assert_str_eq(ev.stale ? ev.why : "", cases[i].why);
    }
    nis2i_gap_in_free(&g);
}
END_TEST

START_TEST(certificate_counts_only_when_valid_on_as_of)
{
    static const struct {
        const char *standard;
        int32_t until, issued;
        bool scope;
        const char *status;
    } cases[] = {
        {"ISO/IEC 27001:2022", 20261128, 0, true, "valid"},                       /* valid until as_of */
        {"ISO/IEC 27001:2022", 20261127, 0, true, "expired"},                     /* the day before */
        {"ISO/IEC 27001:2022", 20290101, 20261128, true, "valid"},                /* issued on as_of */
        {"ISO/IEC 27001:2022", 20290101, 20261129, true, "not_yet_valid"},        /* issued the day after */
        {"ISO/IEC 27001:2022", 20290101, 20250101, false, "scope_excludes_nis2_services"},
        {"ISO/IEC 27001:2013", 20290101, 0, true, "other_standard"},
        {"ISO/IEC 27001:2013", 20200101, 0, false, "other_standard"},             /* the standard decides first */
        {"ISO/IEC 27001:2022", 20200101, 20270101, false, "expired"},             /* then expiry */
        {"ISO/IEC 27001:2022", 20290101, 20270101, false, "not_yet_valid"},       /* then the issue date */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nis2i_gap_in g;
        input_new(&g, 20261128, 0);
        nis2i_gap_cert_judge(&g, cases[i].standard, "Body", cases[i].until, cases[i].issued, cases[i].scope);
        ck_assert(g.has_cert);
        ck_assert_msg(strcmp(g.cert_status, cases[i].status) == 0, "case %zu: %s", i, g.cert_status);
        ck_assert_int_eq(g.cert_counts, strcmp(cases[i].status, "valid") == 0);
        ck_assert_int_eq(g.cert_until, cases[i].until);
        ck_assert_int_eq(g.cert_scope, cases[i].scope);
        ck_assert_str_eq(g.cert_standard, cases[i].standard);
        ck_assert_str_eq(g.cert_body, "Body");
        nis2i_gap_in_free(&g);
    }
}
END_TEST

START_TEST(soa_status_is_inherited_from_heading_then_clause)
{
    nis2i_gap_in g;
    input_new(&g, 20261128, 0);
    soa_set(&g, "6", NIS2I_SOA_IMPLEMENTED);
    soa_set(&g, "6.1", NIS2I_SOA_PLANNED);
    soa_set(&g, "6.1.3", NIS2I_SOA_PARTIAL);
    soa_set(&g, "A.5.1", NIS2I_SOA_EXCLUDED);
    nis2i_gap_expand_soa(&g);
    ck_assert_int_eq(g.soa[ctl("6")], NIS2I_SOA_IMPLEMENTED);
    ck_assert_int_eq(g.soa[ctl("6.1")], NIS2I_SOA_PLANNED);
    ck_assert_int_eq(g.soa[ctl("6.1.1")], NIS2I_SOA_PLANNED);     /* the heading above it */
    ck_assert_int_eq(g.soa[ctl("6.1.2")], NIS2I_SOA_PLANNED);
    ck_assert_int_eq(g.soa[ctl("6.1.3")], NIS2I_SOA_PARTIAL);     /* its own entry */
    ck_assert_int_eq(g.soa[ctl("6.2")], NIS2I_SOA_IMPLEMENTED);   /* the clause */
    ck_assert_int_eq(g.soa[ctl("6.3")], NIS2I_SOA_IMPLEMENTED);
    ck_assert_int_eq(g.soa[ctl("7.1")], NIS2I_SOA_UNLISTED);      /* another clause */
    ck_assert_int_eq(g.soa[ctl("A.5.1")], NIS2I_SOA_EXCLUDED);
    ck_assert_int_eq(g.soa[ctl("A.5.2")], NIS2I_SOA_UNLISTED);    /* Annex A is under no clause */
    ck_assert_str_eq(nis2i_gap_soa_names[g.soa[ctl("A.5.1")]], "not_applicable");
    ck_assert_str_eq(nis2i_gap_soa_names[g.soa[ctl("7.1")]], "not_listed");
    nis2i_gap_in_free(&g);
}
END_TEST

START_TEST(support_levels_need_implementation_and_current_evidence)
{
    nis2i_gap_in g;
    input_new(&g, 20261128, 3);
    g.ev[0] = (nis2i_gap_ev){.id = "EV-fresh", .dated = 20260101};
    g.ev[1] = (nis2i_gap_ev){.id = "EV-late", .dated = 20261129};
    g.ev[2] = (nis2i_gap_ev){.id = "EV-old", .dated = 20200101, .valid_until = 20261127};
    for (size_t i = 0; i < 3; i++)
        nis2i_gap_ev_judge(&g, &g.ev[i]);
    ck_assert(!g.ev[0].stale && g.ev[1].stale && g.ev[2].stale);
    static const struct {
        const char *id;
        int soa;                 /* -1: not listed */
        int ev;                  /* -1: none */
        enum nis2i_level want;
    } cases[] = {
        {"A.5.1", NIS2I_SOA_IMPLEMENTED, 0, NIS2I_LV_FULL},
        {"A.5.2", NIS2I_SOA_IMPLEMENTED, 1, NIS2I_LV_PART},   /* only evidence dated after as_of */
        {"A.5.3", NIS2I_SOA_IMPLEMENTED, 2, NIS2I_LV_PART},   /* only expired evidence */
        {"A.5.4", NIS2I_SOA_IMPLEMENTED, -1, NIS2I_LV_PART},  /* no evidence */
        {"A.5.5", NIS2I_SOA_PARTIAL, 0, NIS2I_LV_PART},
        {"A.5.6", NIS2I_SOA_PLANNED, 0, NIS2I_LV_NONE},
        {"A.5.7", NIS2I_SOA_NOT_IMPLEMENTED, 0, NIS2I_LV_NONE},
        {"A.5.8", NIS2I_SOA_EXCLUDED, 0, NIS2I_LV_EXCLUDED},
        {"A.5.9", -1, 0, NIS2I_LV_NONE},                      /* evidence without an SoA entry */
        {"6.1.1", NIS2I_SOA_IMPLEMENTED, 0, NIS2I_LV_FULL},
        {"6.1.2", NIS2I_SOA_PARTIAL, -1, NIS2I_LV_PART},
        {"6.1.3", NIS2I_SOA_EXCLUDED, -1, NIS2I_LV_EXCLUDED},
        {"7.5.1", NIS2I_SOA_IMPLEMENTED, 0, NIS2I_LV_FULL},
        {"7.5.2", NIS2I_SOA_EXCLUDED, -1, NIS2I_LV_EXCLUDED},
        {"7.5.3", NIS2I_SOA_EXCLUDED, -1, NIS2I_LV_EXCLUDED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].soa >= 0)
            soa_set(&g, cases[i].id, (enum nis2i_soa_st)cases[i].soa);
        if (cases[i].ev >= 0)
            ck_assert_int_eq(nis2i_gap_in_add_ref(&g, ctl(cases[i].id), (uint32_t)cases[i].ev), NIS2_OK);
    }
    nis2i_gap_expand_soa(&g);
    ck_assert_int_eq(nis2i_gap_index_refs(&g), NIS2_OK);
    nis2i_gap_levels(&g);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(g.level[ctl(cases[i].id)] == cases[i].want, "%s: level %s, expected %s", cases[i].id,
                      nis2i_gap_level_names[g.level[ctl(cases[i].id)]], nis2i_gap_level_names[cases[i].want]);
    ck_assert(nis2i_gap_has_fresh(&g, ctl("A.5.1")));
    ck_assert(!nis2i_gap_has_fresh(&g, ctl("A.5.2")));
    ck_assert(!nis2i_gap_has_fresh(&g, ctl("A.5.4")));
    /* headings: the weakest of their parts, excluded parts left out; none with some support is partial */
    ck_assert_str_eq(nis2i_gap_level_names[g.level[ctl("6.1")]], "partial");   /* full, partial, excluded */
    ck_assert_str_eq(nis2i_gap_level_names[g.level[ctl("7.5")]], "full");      /* full, excluded, excluded */
    ck_assert_str_eq(nis2i_gap_level_names[g.level[ctl("9.3")]], "none");      /* nothing */
    /* without a certificate, an unlisted clause item is not supported */
    ck_assert_int_eq(g.level[ctl("4.1")], NIS2I_LV_NONE);
    nis2i_gap_in_free(&g);
}
END_TEST

START_TEST(a_valid_certificate_supports_the_clauses_not_annex_a)
{
    nis2i_gap_in g;
    input_new(&g, 20261128, 0);
    nis2i_gap_cert_judge(&g, "ISO/IEC 27001:2022", NULL, 20270101, 0, true);
    soa_set(&g, "9.2.1", NIS2I_SOA_PLANNED);             /* an SoA entry still decides for its item */
    soa_set(&g, "10.1", NIS2I_SOA_EXCLUDED);
    nis2i_gap_expand_soa(&g);
    ck_assert_int_eq(nis2i_gap_index_refs(&g), NIS2_OK);
    nis2i_gap_levels(&g);
    ck_assert_int_eq(g.level[ctl("4.1")], NIS2I_LV_FULL);
    ck_assert_int_eq(g.level[ctl("9.3.1")], NIS2I_LV_FULL);
    ck_assert_int_eq(g.level[ctl("9.2.1")], NIS2I_LV_NONE);   /* planned in the SoA: the certificate does not help */
    ck_assert_int_eq(g.level[ctl("10.1")], NIS2I_LV_EXCLUDED);
    ck_assert_int_eq(g.level[ctl("A.5.1")], NIS2I_LV_NONE);
    ck_assert_int_eq(g.level[ctl("A.8.34")], NIS2I_LV_NONE);
    nis2i_gap_in_free(&g);

    input_new(&g, 20261128, 0);                             /* the same certificate, expired the day before */
    nis2i_gap_cert_judge(&g, "ISO/IEC 27001:2022", NULL, 20261127, 0, true);
    nis2i_gap_expand_soa(&g);
    ck_assert_int_eq(nis2i_gap_index_refs(&g), NIS2_OK);
    nis2i_gap_levels(&g);
    ck_assert_int_eq(g.level[ctl("4.1")], NIS2I_LV_NONE);
    nis2i_gap_in_free(&g);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("gap report: rules over typed structs");
    TCase *t = tcase_create("typed");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, relationship_names_round_trip);
    tcase_add_test(t, compiled_graph_matches_the_catalog);
    tcase_add_test(t, mapping_loader_names_every_defect);
    tcase_add_test(t, catalog_without_controls_has_no_graph);
    tcase_add_test(t, evidence_is_stale_after_as_of_or_once_expired);
    tcase_add_test(t, certificate_counts_only_when_valid_on_as_of);
    tcase_add_test(t, soa_status_is_inherited_from_heading_then_clause);
    tcase_add_test(t, support_levels_need_implementation_and_current_evidence);
    tcase_add_test(t, a_valid_certificate_supports_the_clauses_not_annex_a);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    ctx = test_ctx();
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    nis2_ctx_free(ctx);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
