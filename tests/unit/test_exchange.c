/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Exchange with GRC tools (include/nis2/exchange.h, lib/json/EXCHANGE.md): stable identifiers (SHA-1, UUID v5),
 * the export's errors, and the import of OSCAL mapping-collections and CISO Assistant mapping sets into the
 * mapping graph, with the round trip export -> import into an empty graph -> the same graph.
 * (The schema validity of the exports is tests/oscal/check_exchange.py.)
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

#include "compile/json_parse.h"
#include "compile/exchange_import.h"
#include "util/uuid.h"
#include "vectors.h"

static nis2_ctx *ctx;

static void setup(void)
{
    ck_assert_int_eq(nis2_ctx_new(&ctx, NULL), NIS2_OK);
}

static void teardown(void)
{
    nis2_ctx_free(ctx);
    ctx = NULL;
}

/* ---------------------------------------------------------------- identifiers */

START_TEST(sha1_fips_vectors)
{
    static const struct {
        const char *in, *hex;
    } v[] = {
        {"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
        {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t h[20];
        char hex[41];
        nis2i_sha1(v[i].in, strlen(v[i].in), h);
        for (int k = 0; k < 20; k++)
            snprintf(hex + 2 * k, 3, "%02x", h[k]);
        ck_assert_str_eq(hex, v[i].hex);
    }
    /* a million 'a' crosses many blocks */
    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    uint8_t h[20];
    char hex[41];
    nis2i_sha1(a, 1000000, h);
    free(a);
    for (int k = 0; k < 20; k++)
        snprintf(hex + 2 * k, 3, "%02x", h[k]);
    ck_assert_str_eq(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}
END_TEST

START_TEST(uuid5_rfc_example)
{
    /* the DNS namespace of RFC 9562 and "www.example.com" (as Python's uuid.uuid5 computes it) */
    static const uint8_t dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                    0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    char u[37];
    nis2i_uuid5(dns, "www.example.com", u);
    ck_assert_str_eq(u, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    nis2i_uuid5(nis2i_uuid_ns_libnis2, "map:a>b", u);
    ck_assert_int_eq(u[14], '5');             /* version */
    ck_assert(strchr("89ab", u[19]) != NULL); /* variant */
}
END_TEST

/* ---------------------------------------------------------------- export */

START_TEST(export_errors)
{
    nis2_error *err = nis2_error_new();
    char *out = (char *)1;
    ck_assert_int_eq(nis2_export(NULL, NIS2_EXPORT_OSCAL_CATALOG, NULL, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, NULL, 0, NULL, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_export(ctx, 0, NULL, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(nis2_export(ctx, 4, NULL, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "controls", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert(strstr(nis2_error_message(err), "'controls'") != NULL);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "XX", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_MAPPING, "nis2", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_CISO_ASSISTANT, "ir2690", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_ptr_null(out);
    /* the country code of an overlay, any case */
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "pt", 0, &out, err), NIS2_OK);
    char *upper = NULL;
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "PT", 0, &upper, err), NIS2_OK);
    ck_assert_str_eq(out, upper);
    nis2_string_free(out);
    nis2_string_free(upper);
    /* a catalog without mappings has nothing to export as a mapping collection */
    char *cat = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, NULL, 0, &cat, err), NIS2_OK);
    json_t *doc = json_loads(cat, 0, NULL);
    nis2_string_free(cat);
    json_object_set_new(doc, "mappings", json_array());
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    nis2_ctx *bare = NULL;
    ck_assert_int_eq(nis2_ctx_new_from_json(&bare, text, strlen(text), NIS2_CATALOG_REPLACE, err), NIS2_OK);
    free(text);
    ck_assert_int_eq(nis2_export(bare, NIS2_EXPORT_OSCAL_MAPPING, NULL, 0, &out, err), NIS2_ERR_NOT_FOUND);
    nis2_ctx_free(bare);
    nis2_error_free(err);
}
END_TEST

START_TEST(export_is_deterministic_and_pretty)
{
    const uint32_t fmts[] = {NIS2_EXPORT_OSCAL_CATALOG, NIS2_EXPORT_OSCAL_MAPPING, NIS2_EXPORT_CISO_ASSISTANT};
    for (size_t i = 0; i < 3; i++) {
        char *a = NULL, *b = NULL, *p = NULL;
        ck_assert_int_eq(nis2_export(ctx, fmts[i], NULL, 0, &a, NULL), NIS2_OK);
        nis2_ctx *other = NULL;
        ck_assert_int_eq(nis2_ctx_new(&other, NULL), NIS2_OK);
        ck_assert_int_eq(nis2_export(other, fmts[i], NULL, 0, &b, NULL), NIS2_OK);
        nis2_ctx_free(other);
        ck_assert_str_eq(a, b); /* another context, the same bytes */
        ck_assert_int_eq(nis2_export(ctx, fmts[i], NULL, NIS2_JSON_PRETTY, &p, NULL), NIS2_OK);
        if (fmts[i] != NIS2_EXPORT_CISO_ASSISTANT) {
            json_t *ja = json_loads(a, 0, NULL), *jp = json_loads(p, 0, NULL);
            ck_assert(ja && jp && json_equal(ja, jp));
            ck_assert(strchr(a, '\n') == NULL && strchr(p, '\n') != NULL);
            json_decref(ja);
            json_decref(jp);
        } else {
            ck_assert_str_eq(a, p); /* YAML is always block style */
            ck_assert(strncmp(a, "urn: urn:libnis2:risk:library:nis2-libnis2\n",
                              strlen("urn: urn:libnis2:risk:library:nis2-libnis2\n")) == 0);
        }
        nis2_string_free(a);
        nis2_string_free(b);
        nis2_string_free(p);
    }
}
END_TEST

/* ---------------------------------------------------------------- import */

static char *read_file(const char *rel, size_t *len)
{
    const char *root = getenv("NIS2_SOURCE_ROOT");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static json_t *catalog_doc(const nis2_ctx *c, const char *part)
{
    char *text = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(c, part, 0, &text, NULL), NIS2_OK);
    json_t *v = json_loads(text, 0, NULL);
    nis2_string_free(text);
    ck_assert_ptr_nonnull(v);
    return v;
}

/* The non-null pairs in order, then every pair as a sorted set: the graph and its tie-break order. */
static void assert_same_graph(const json_t *a, const json_t *b)
{
    ck_assert_int_eq(json_array_size(a), json_array_size(b));
    json_t *na = json_array(), *nb = json_array();
    size_t i;
    const json_t *e;
    json_array_foreach(a, i, e)
        if (!json_is_null(json_object_get(e, "to")))
            json_array_append(na, (json_t *)e);
    json_array_foreach(b, i, e)
        if (!json_is_null(json_object_get(e, "to")))
            json_array_append(nb, (json_t *)e);
    ck_assert_msg(json_equal(na, nb), "the pairs with a target differ (or their order)");
    json_array_foreach(a, i, e) {
        size_t j;
        const json_t *f;
        bool found = false;
        json_array_foreach(b, j, f)
            found |= json_equal(e, f);
        ck_assert_msg(found, "pair %zu (%s -> %s) is lost", i, json_string_value(json_object_get(e, "from")),
                      json_string_value(json_object_get(e, "to")));
    }
    json_decref(na);
    json_decref(nb);
}

static char *gap_report(const nis2_ctx *c, const char *doc, size_t len)
{
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2_gap_report_json(c, doc, len, 0, &out, err);
    ck_assert_msg(st == NIS2_OK, "gap report: %s", nis2_error_message(err));
    nis2_error_free(err);
    return out;
}

START_TEST(round_trip_oscal_mapping_collection)
{
    /* export the mapping collection, import it into a catalog whose mapping graph is empty */
    char *mc = NULL;
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_MAPPING, NULL, 0, &mc, NULL), NIS2_OK);
    json_t *base = catalog_doc(ctx, NULL);
    json_t *orig = json_deep_copy(json_object_get(base, "mappings"));
    json_object_set_new(base, "mappings", json_array());
    json_t *over = NULL;
    ck_assert_int_eq(nis2i_exchange_parse(mc, strlen(mc), &over, NULL), NIS2_OK);
    ck_assert_int_eq(nis2i_exchange_detect(over), NIS2I_EXCHANGE_OSCAL_MAPPING);
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2i_exchange_convert(base, &over, err);
    ck_assert_msg(st == NIS2_OK, "convert: %s (%s)", nis2_error_message(err), nis2_error_path(err));
    ck_assert_int_eq(nis2i_exchange_detect(over), NIS2I_EXCHANGE_NATIVE);
    /* the libnis2 export names its own sources: nothing new to register */
    ck_assert_int_eq(json_array_size(json_object_get(over, "sources")), 0);
    json_object_set(base, "mappings", json_object_get(over, "mappings"));
    json_decref(over);
    assert_same_graph(orig, json_object_get(base, "mappings"));
    /* a context built from it validates and behaves the same: the gap report is byte for byte the same */
    char *text = json_dumps(base, JSON_COMPACT);
    nis2_ctx *back = NULL;
    st = nis2_ctx_new_from_json(&back, text, strlen(text), NIS2_CATALOG_REPLACE, err);
    ck_assert_msg(st == NIS2_OK, "context: %s (%s)", nis2_error_message(err), nis2_error_path(err));
    json_t *got = catalog_doc(back, "mappings");
    assert_same_graph(orig, json_object_get(got, "mappings"));
    size_t len;
    char *isms = read_file("examples/data/isms-example.json", &len);
    char *r1 = gap_report(ctx, isms, len), *r2 = gap_report(back, isms, len);
    ck_assert_str_eq(r1, r2);
    /* and exporting again gives the same document */
    char *mc2 = NULL;
    ck_assert_int_eq(nis2_export(back, NIS2_EXPORT_OSCAL_MAPPING, NULL, 0, &mc2, NULL), NIS2_OK);
    ck_assert_str_eq(mc, mc2);
    nis2_string_free(mc2);
    nis2_string_free(r1);
    nis2_string_free(r2);
    free(isms);
    json_decref(got);
    nis2_ctx_free(back);
    free(text);
    json_decref(orig);
    json_decref(base);
    nis2_string_free(mc);
    nis2_error_free(err);
}
END_TEST

START_TEST(round_trip_ciso_mapping_set)
{
    /* the CISO export's mapping set, imported into an empty graph, gives back every direct duty -> ISO pair */
    char *y = NULL;
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_CISO_ASSISTANT, NULL, 0, &y, NULL), NIS2_OK);
    json_t *base = catalog_doc(ctx, NULL);
    json_t *want = json_array();
    size_t i;
    const json_t *e;
    json_array_foreach(json_object_get(base, "mappings"), i, e) {
        const char *from = json_string_value(json_object_get(e, "from")),
                   *to = json_string_value(json_object_get(e, "to"));
        if (to && strncmp(from, "nis2.", 5) == 0 && strncmp(to, "ir2690.", 7) != 0)
            json_array_append(want, (json_t *)e);
    }
    json_object_set_new(base, "mappings", json_array());
    json_t *over = NULL;
    ck_assert_int_eq(nis2i_exchange_parse(y, strlen(y), &over, NULL), NIS2_OK);
    ck_assert_int_eq(nis2i_exchange_detect(over), NIS2I_EXCHANGE_CISO_LIBRARY);
    ck_assert_int_eq(nis2i_exchange_convert(base, &over, NULL), NIS2_OK);
    const json_t *got = json_object_get(over, "mappings");
    ck_assert_int_eq(json_array_size(got), json_array_size(want));
    json_array_foreach(got, i, e) {
        const json_t *w = json_array_get(want, i);
        ck_assert_str_eq(json_string_value(json_object_get(e, "from")), json_string_value(json_object_get(w, "from")));
        ck_assert_str_eq(json_string_value(json_object_get(e, "to")), json_string_value(json_object_get(w, "to")));
        ck_assert_str_eq(json_string_value(json_object_get(e, "relationship")),
                         json_string_value(json_object_get(w, "relationship")));
        ck_assert(strstr(json_string_value(json_object_get(e, "rationale")),
                         json_string_value(json_object_get(w, "rationale"))) != NULL);
        ck_assert_str_eq(json_string_value(json_object_get(e, "source")),
                         "NIS2 duties (libnis2) <-> ISO/IEC 27001:2022");
    }
    /* its source is registered, so the extension validates */
    ck_assert_int_eq(json_array_size(json_object_get(over, "sources")), 1);
    json_decref(over);
    json_decref(want);
    json_decref(base);
    nis2_string_free(y);
}
END_TEST

/* An extension through the public API; returns the status, *c the context on success. */
static nis2_status extend(const char *doc, nis2_ctx **c, nis2_error *err)
{
    *c = NULL;
    return nis2_ctx_new_from_json(c, doc, strlen(doc), NIS2_CATALOG_EXTEND, err);
}

static const char *const ISMS_CLOUD =
    "{\"schema\": 1, \"as_of\": \"2026-11-28\", \"entity\": {\"name\": \"T\", \"country\": \"DE\", "
    "\"activities\": [\"digital_infrastructure.cloud_provider\"], \"employees\": 400, \"turnover_eur\": 90000000, "
    "\"balance_sheet_eur\": 70000000}, \"soa\": [{\"control\": \"A.5.26\", \"applicable\": true, \"status\": "
    "\"implemented\"}], \"evidence\": [{\"id\": \"EV-1\", \"title\": \"Incident response procedure\", \"controls\": "
    "[\"A.5.26\"], \"dated\": \"2026-01-10\"}]}";

/* The pairs the gap report used for duty id, as "to/relationship/source;" */
static void pairs_of(const nis2_ctx *c, const char *duty, char *out, size_t n)
{
    char *rep = gap_report(c, ISMS_CLOUD, strlen(ISMS_CLOUD));
    json_t *v = json_loads(rep, 0, NULL);
    nis2_string_free(rep);
    out[0] = '\0';
    size_t i, j, k;
    const json_t *o, *ct, *p;
    json_array_foreach(json_object_get(v, "obligations"), i, o) {
        if (strcmp(json_string_value(json_object_get(o, "id")), duty) != 0)
            continue;
        json_array_foreach(json_object_get(o, "controls"), j, ct) {
            json_array_foreach(json_object_get(ct, "pairs"), k, p) {
                size_t l = strlen(out);
                snprintf(out + l, n - l, "%s/%s/%s;", json_string_value(json_object_get(p, "to")),
                         json_string_value(json_object_get(p, "relationship")),
                         json_string_value(json_object_get(p, "source")));
            }
        }
    }
    json_decref(v);
}

START_TEST(imported_oscal_maps_feed_the_gap_report)
{
    char before[4096], after[4096];
    pairs_of(ctx, "nis2.art23.early_warning", before, sizeof before);
    ck_assert_msg(strstr(before, "A.5.26") == NULL, "no link before: %s", before);
    /* written the other way round (ISO as source): A.5.26 superset-of the duty = the duty subset_of A.5.26 */
    const char *doc =
        "{\"mapping-collection\": {\"uuid\": \"3f1c2b8e-6d4a-4e2f-9a57-1b0c8d9e7a21\", \"metadata\": {\"title\": "
        "\"Vendor X reviewed mappings\", \"last-modified\": \"2026-01-01T00:00:00Z\", \"version\": \"1\", "
        "\"oscal-version\": \"1.2.2\"}, \"provenance\": {\"method\": \"human\", \"matching-rationale\": \"semantic\", "
        "\"status\": \"complete\", \"mapping-description\": \"x\"}, \"mappings\": [{\"uuid\": "
        "\"8a0e5d7c-2f3b-4c19-b6a4-5e9d1c2f3a40\", \"source-resource\": {\"type\": \"catalog\", \"href\": \"#a\"}, "
        "\"target-resource\": {\"type\": \"catalog\", \"href\": \"#b\"}, \"maps\": [{\"uuid\": "
        "\"c4b7a1e2-9d3f-4a6b-8e5c-7f2d1a0b9c38\", \"relationship\": \"superset-of\", \"sources\": [{\"type\": "
        "\"control\", \"id-ref\": \"a.5.26\"}], \"targets\": [{\"type\": \"control\", \"id-ref\": "
        "\"nis2.art23.early_warning\"}], \"remarks\": \"Our incident response covers the early warning.\"}]}]}}";
    nis2_ctx *c = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = extend(doc, &c, err);
    ck_assert_msg(st == NIS2_OK, "%s (%s)", nis2_error_message(err), nis2_error_path(err));
    json_t *m = catalog_doc(c, "mappings");
    const json_t *last =
        json_array_get(json_object_get(m, "mappings"), json_array_size(json_object_get(m, "mappings")) - 1);
    ck_assert_str_eq(json_string_value(json_object_get(last, "from")), "nis2.art23.early_warning");
    ck_assert_str_eq(json_string_value(json_object_get(last, "to")), "A.5.26");
    ck_assert_str_eq(json_string_value(json_object_get(last, "relationship")), "subset_of");
    ck_assert_str_eq(json_string_value(json_object_get(last, "rationale")),
                     "Our incident response covers the early warning.");
    json_decref(m);
    pairs_of(c, "nis2.art23.early_warning", after, sizeof after);
    ck_assert_msg(strstr(after, "A.5.26/subset_of/Vendor X reviewed mappings;") != NULL,
                  "the report names the source: %s", after);
    nis2_ctx_free(c);
    nis2_error_free(err);
}
END_TEST

START_TEST(imported_ciso_yaml_feeds_the_gap_report)
{
    const char *yaml_doc =
        "urn: urn:vendor:risk:library:our-mappings\n"
        "locale: en\n"
        "ref_id: our-mappings\n"
        "name: Our mappings\n"
        "version: 3\n"
        "objects:\n"
        "  requirement_mapping_sets:\n"
        "  - urn: urn:vendor:risk:req_mapping_set:ours\n"
        "    name: Vendor Y set\n"
        "    source_framework_urn: urn:libnis2:risk:framework:nis2-libnis2\n"
        "    target_framework_urn: urn:intuitem:risk:framework:iso27001-2022\n"
        "    requirement_mappings:\n"
        "    - source_requirement_urn: urn:libnis2:risk:req_node:nis2-libnis2:nis2.art23.early_warning\n"
        "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.26\n"
        "      relationship: equal\n"
        "      annotation: \"Reviewed: the procedure sends the early warning.\"\n";
    nis2_ctx *c = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = extend(yaml_doc, &c, err);
    ck_assert_msg(st == NIS2_OK, "%s (%s)", nis2_error_message(err), nis2_error_path(err));
    char after[4096];
    pairs_of(c, "nis2.art23.early_warning", after, sizeof after);
    ck_assert_msg(strstr(after, "A.5.26/equal/Vendor Y set;") != NULL, "%s", after);
    nis2_ctx_free(c);
    /* key order is free: a library may start with any key (here "name", a letter JSON would read as null/…) */
    const char *name_first = "name: N\nurn: urn:v:risk:library:n\nversion: 1\nobjects:\n  requirement_mapping_set:\n"
                             "    name: Single set\n    requirement_mappings:\n"
                             "    - source_requirement_urn: urn:libnis2:risk:req_node:nis2-libnis2:nis2.art23.early_warning\n"
                             "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.24\n"
                             "      relationship: superset\n";
    st = extend(name_first, &c, err);
    ck_assert_msg(st == NIS2_OK, "%s (%s)", nis2_error_message(err), nis2_error_path(err));
    pairs_of(c, "nis2.art23.early_warning", after, sizeof after);
    ck_assert_msg(strstr(after, "A.5.24/superset_of/Single set;") != NULL, "%s", after);
    nis2_ctx_free(c);
    /* CISO Assistant's own IR 2024/2690 Annex nodes resolve to our points */
    const char *ir =
        "urn: urn:vendor:risk:library:x\nversion: 1\nobjects:\n  requirement_mapping_sets:\n  - name: IR set\n"
        "    requirement_mappings:\n"
        "    - source_requirement_urn: urn:intuitem:risk:req_node:annex-technical-and-methodological-requirements-nis2:3.2\n"
        "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:A.5.25\n"
        "      relationship: intersect\n";
    st = extend(ir, &c, err);
    ck_assert_msg(st == NIS2_OK, "%s (%s)", nis2_error_message(err), nis2_error_path(err));
    json_t *m = catalog_doc(c, "mappings");
    const json_t *last =
        json_array_get(json_object_get(m, "mappings"), json_array_size(json_object_get(m, "mappings")) - 1);
    ck_assert_str_eq(json_string_value(json_object_get(last, "from")), "ir2690.3.2");
    ck_assert_str_eq(json_string_value(json_object_get(last, "to")), "A.5.25");
    ck_assert_str_eq(json_string_value(json_object_get(last, "relationship")), "intersects_with");
    json_decref(m);
    nis2_ctx_free(c);
    nis2_error_free(err);
}
END_TEST

typedef struct bad_case {
    const char *doc, *path, *msg;
    nis2_status st;
} bad_case;

#define MC_HEAD                                                                                                        \
    "{\"mapping-collection\": {\"uuid\": \"u\", \"metadata\": {\"title\": \"T\"}, \"mappings\": [{\"uuid\": \"m\", "   \
    "\"maps\": ["
#define MC_TAIL "]}]}}"
#define CISO_HEAD                                                                                                      \
    "urn: urn:v:risk:library:x\nobjects:\n  requirement_mapping_sets:\n  - name: S\n    requirement_mappings:\n"

START_TEST(unresolved_maps_are_catalog_errors_naming_the_map)
{
    static const bad_case cases[] = {
        {MC_HEAD "{\"uuid\": \"m1\", \"relationship\": \"equal-to\", \"sources\": [{\"type\": \"control\", \"id-ref\": "
                 "\"nis2.art99.nothing\"}], \"targets\": [{\"type\": \"control\", \"id-ref\": \"A.5.1\"}]}" MC_TAIL,
         "$.mapping-collection.mappings[0].maps[0]", "map m1: source 'nis2.art99.nothing' is not a duty",
         NIS2_ERR_CATALOG},
        {MC_HEAD
         "{\"uuid\": \"m1\", \"relationship\": \"equal-to\", \"sources\": [{\"type\": \"control\", \"id-ref\": "
         "\"nis2.art23.early_warning\"}], \"targets\": [{\"type\": \"control\", \"id-ref\": \"A.8.35\"}]}" MC_TAIL,
         "$.mapping-collection.mappings[0].maps[0]", "target 'A.8.35'", NIS2_ERR_CATALOG},
        {MC_HEAD
         "{\"uuid\": \"m2\", \"relationship\": \"related-to\", \"sources\": [{\"type\": \"control\", \"id-ref\": "
         "\"nis2.art23.early_warning\"}], \"targets\": [{\"type\": \"control\", \"id-ref\": \"A.5.1\"}]}" MC_TAIL,
         "$.mapping-collection.mappings[0].maps[0]", "got 'related-to'", NIS2_ERR_CATALOG},
        {MC_HEAD "{\"uuid\": \"m3\", \"relationship\": \"equal-to\", \"sources\": [{\"type\": \"control\", \"id-ref\": "
                 "\"A.5.1\"}], \"targets\": [{\"type\": \"control\", \"id-ref\": \"A.5.2\"}]}" MC_TAIL,
         "$.mapping-collection.mappings[0].maps[0]", "does not link a duty", NIS2_ERR_CATALOG},
        {MC_HEAD "{\"uuid\": \"m4\", \"relationship\": \"equal-to\", \"sources\": [], \"targets\": []}" MC_TAIL,
         "$.mapping-collection.mappings[0].maps[0]", "needs non-empty sources and targets", NIS2_ERR_CATALOG},
        {"{\"mapping-collection\": {\"metadata\": {}}}", "$.mapping-collection.metadata.title", "metadata.title",
         NIS2_ERR_CATALOG},
        {"{\"mapping-collection\": {\"metadata\": {\"title\": \"T\"}, \"mappings\": []}}",
         "$.mapping-collection.mappings", "non-empty array", NIS2_ERR_CATALOG},
        {CISO_HEAD "    - source_requirement_urn: urn:libnis2:risk:req_node:nis2-libnis2:nis2.art23.early_warning\n"
                   "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.9.1\n"
                   "      relationship: equal\n",
         "$.objects.requirement_mapping_sets[0].requirement_mappings[0]",
         "target 'urn:intuitem:risk:req_node:iso27001-2022:a.9.1'", NIS2_ERR_CATALOG},
        {CISO_HEAD "    - source_requirement_urn: urn:libnis2:risk:req_node:nis2-libnis2:nis2.art23.early_warning\n"
                   "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.1\n"
                   "      relationship: related\n",
         "$.objects.requirement_mapping_sets[0].requirement_mappings[0]", "relationship must be equal, subset",
         NIS2_ERR_CATALOG},
        /* an ISO node id under another framework is not an ISO id */
        {CISO_HEAD "    - source_requirement_urn: urn:v:risk:req_node:other:4\n"
                   "      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.1\n"
                   "      relationship: equal\n",
         "$.objects.requirement_mapping_sets[0].requirement_mappings[0]", "source 'urn:v:risk:req_node:other:4'",
         NIS2_ERR_CATALOG},
        {CISO_HEAD "    - &a {source_requirement_urn: x}\n    - *a\n",
         "$.objects.requirement_mapping_sets[0]."
         "requirement_mappings[1]",
         "aliases are not accepted", NIS2_ERR_PARSE},
        {CISO_HEAD "    - relationship: equal\n      relationship: equal\n",
         "$.objects.requirement_mapping_sets[0].requirement_mappings[0].relationship", "duplicate mapping key",
         NIS2_ERR_PARSE},
        {"urn: urn:v:risk:library:x\nobjects:\n  frameworks: []\n", "$.objects",
         "needs objects.requirement_mapping_sets", NIS2_ERR_CATALOG},
        {"key: [unclosed\n", "$.key", "not valid YAML", NIS2_ERR_PARSE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nis2_error *err = nis2_error_new();
        nis2_ctx *c = (nis2_ctx *)1;
        nis2_status st = extend(cases[i].doc, &c, err);
        ck_assert_msg(st == cases[i].st, "case %zu: status %d (%s)", i, st, nis2_error_message(err));
        ck_assert_ptr_null(c);
        ck_assert_msg(strcmp(nis2_error_path(err), cases[i].path) == 0, "case %zu: path %s", i, nis2_error_path(err));
        ck_assert_msg(strstr(nis2_error_message(err), cases[i].msg) != NULL, "case %zu: %s", i,
                      nis2_error_message(err));
        nis2_error_free(err);
    }
    /* an exchange document cannot replace the catalog */
    char *mc = NULL;
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_MAPPING, NULL, 0, &mc, NULL), NIS2_OK);
    nis2_error *err = nis2_error_new();
    nis2_ctx *c = NULL;
    ck_assert_int_eq(nis2_ctx_new_from_json(&c, mc, strlen(mc), NIS2_CATALOG_REPLACE, err), NIS2_ERR_CATALOG);
    ck_assert(strstr(nis2_error_message(err), "can only extend") != NULL);
    nis2_string_free(mc);
    /* text that is neither JSON nor a CISO library keeps the JSON parser's answer */
    ck_assert_int_eq(nis2_ctx_new_from_json(&c, "{\"a\": 1,}", 9, NIS2_CATALOG_EXTEND, err), NIS2_ERR_PARSE);
    nis2_error_free(err);
}
END_TEST

START_TEST(yaml_scalars_are_typed_as_yaml_reads_them)
{
    const char *y = "a: 12\nb: '12'\nc: true\nd: ~\ne: -3\nf: 1.5\ng: \"null\"\nh: [x, 2]\n";
    json_t *v = NULL;
    ck_assert_int_eq(nis2i_yaml_to_json(y, strlen(y), &v, NULL), NIS2_OK);
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
    ck_assert_str_eq(
        s, "{\"a\":12,\"b\":\"12\",\"c\":true,\"d\":null,\"e\":-3,\"f\":\"1.5\",\"g\":\"null\",\"h\":[\"x\",2]}");
    free(s);
    json_decref(v);
    /* nesting beyond the limit */
    char deep[200] = "";
    for (int i = 0; i < 40; i++)
        strcat(deep, "[");
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2i_yaml_to_json(deep, strlen(deep), &v, err), NIS2_ERR_LIMIT);
    ck_assert_int_eq(nis2i_yaml_to_json("a: \"x\\0y\"\n", 11, &v, err), NIS2_ERR_PARSE); /* a NUL */
    ck_assert_int_eq(nis2i_yaml_to_json("a: 1\n---\nb: 2\n", 14, &v, err), NIS2_ERR_PARSE);
    ck_assert(strstr(nis2_error_message(err), "more than one YAML document") != NULL);
    ck_assert_int_eq(nis2i_yaml_to_json("? [a]\n: 1\n", 10, &v, err), NIS2_ERR_PARSE);
    ck_assert(strstr(nis2_error_message(err), "key must be a scalar") != NULL);
    nis2_error_free(err);
}
END_TEST

START_TEST(gap_report_as_oscal_assessment_results)
{
    nis2_error *err = nis2_error_new();
    char *out = (char *)1;
    ck_assert_int_eq(nis2_gap_report_oscal(ctx, NULL, 0, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_gap_report_oscal(ctx, "{\"schema\": 1}", 13, 0, &out, err), NIS2_ERR_MISSING_FIELD);
    ck_assert_ptr_null(out);
    size_t len;
    char *isms = read_file("examples/data/isms-example.json", &len);
    ck_assert_int_eq(nis2_gap_report_oscal(ctx, isms, len, 0, &out, err), NIS2_OK);
    char *rep = gap_report(ctx, isms, len);
    json_t *ar = json_loads(out, 0, NULL), *r = json_loads(rep, 0, NULL);
    const json_t *res = json_array_get(json_object_get(json_object_get(ar, "assessment-results"), "results"), 0);
    ck_assert_int_eq(json_array_size(json_object_get(res, "findings")),
                     json_array_size(json_object_get(r, "obligations")));
    size_t open = 0, i, from_open = 0, rems = 0;
    const json_t *o;
    json_array_foreach(json_object_get(r, "obligations"), i, o)
        open += json_array_size(json_object_get(o, "open"));
    json_array_foreach(json_object_get(res, "risks"), i, o) {
        rems += json_array_size(json_object_get(o, "remediations"));
        size_t j;
        const json_t *p;
        json_array_foreach(json_object_get(o, "props"), j, p)
            from_open += strcmp(json_string_value(json_object_get(p, "name")), "origin") == 0 &&
                         strcmp(json_string_value(json_object_get(p, "value")), "open-item") == 0;
    }
    ck_assert_uint_eq(from_open, open);                                      /* every open item is a risk */
    ck_assert_uint_eq(rems, json_array_size(json_object_get(r, "actions"))); /* every action a recommendation */
    ck_assert_uint_gt(json_array_size(json_object_get(res, "risks")), open); /* some actions stand alone */
    ck_assert_str_eq(json_string_value(json_object_get(res, "start")), "2026-11-28T00:00:00Z");
    json_decref(ar);
    json_decref(r);
    nis2_string_free(rep);
    nis2_string_free(out);
    free(isms);
    nis2_error_free(err);
}
END_TEST

START_TEST(timestamp_from_the_catalog)
{
    /* the date of the newest change-log entry; a catalog without one: the month of catalog_version */
    json_t *base = catalog_doc(ctx, NULL);
    const char *want[] = {NULL, NULL};
    char first[40], month[40];
    const char *cv = nis2_ctx_catalog_version(ctx);        /* YYYY.MM.N */
    ck_assert(cv && strlen(cv) >= 7 && cv[4] == '.');
    snprintf(month, sizeof month, "%.4s-%.2s-01T00:00:00Z", cv, cv + 5);
    want[1] = month;
    snprintf(first, sizeof first, "%sT00:00:00Z",
             json_string_value(json_object_get(json_array_get(json_object_get(base, "changes"), 0), "date")));
    want[0] = first;
    for (size_t i = 0; i < 2; i++) {
        if (i == 1)
            json_object_del(base, "changes");
        char *text = json_dumps(base, JSON_COMPACT);
        nis2_ctx *c = NULL;
        nis2_error *err = nis2_error_new();
        nis2_status st = nis2_ctx_new_from_json(&c, text, strlen(text), NIS2_CATALOG_REPLACE, err);
        ck_assert_msg(st == NIS2_OK, "case %zu: %s", i, nis2_error_message(err));
        nis2_error_free(err);
        free(text);
        char *out = NULL;
        ck_assert_int_eq(nis2_export(c, NIS2_EXPORT_OSCAL_CATALOG, "ir2690", 0, &out, NULL), NIS2_OK);
        json_t *v = json_loads(out, 0, NULL);
        const char *lm = json_string_value(
            json_object_get(json_object_get(json_object_get(v, "catalog"), "metadata"), "last-modified"));
        ck_assert_msg(lm && strcmp(lm, want[i]) == 0, "case %zu: %s", i, lm ? lm : "(none)");
        json_decref(v);
        nis2_string_free(out);
        nis2_ctx_free(c);
    }
    json_decref(base);
}
END_TEST

START_TEST(one_map_cannot_multiply_into_too_many_pairs)
{
    /* sources x targets is capped at NIS2_LIMIT_ARRAY_LENGTH pairs per document */
    json_t *srcs = json_array(), *tgts = json_array();
    for (int i = 0; i < 400; i++)
        json_array_append_new(srcs, json_pack("{ss ss}", "type", "control", "id-ref", "nis2.art23.early_warning"));
    for (int i = 0; i < 300; i++)
        json_array_append_new(tgts, json_pack("{ss ss}", "type", "control", "id-ref", "A.5.1"));
    json_t *doc =
        json_pack("{s{s{ss} s[{s[{ss ss so so}]}]}}", "mapping-collection", "metadata", "title", "T", "mappings",
                  "maps", "uuid", "m", "relationship", "equal-to", "sources", srcs, "targets", tgts);
    ck_assert_ptr_nonnull(doc);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    nis2_error *err = nis2_error_new();
    nis2_ctx *c = NULL;
    ck_assert_int_eq(extend(text, &c, err), NIS2_ERR_LIMIT);
    ck_assert_str_eq(nis2_error_path(err), "$.mapping-collection.mappings[0].maps[0]");
    free(text);
    nis2_error_free(err);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("exchange");
    TCase *t = tcase_create("identifiers");
    tcase_add_test(t, sha1_fips_vectors);
    tcase_add_test(t, uuid5_rfc_example);
    suite_add_tcase(s, t);
    t = tcase_create("export");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, export_errors);
    tcase_add_test(t, export_is_deterministic_and_pretty);
    suite_add_tcase(s, t);
    t = tcase_create("import");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, round_trip_oscal_mapping_collection);
    tcase_add_test(t, round_trip_ciso_mapping_set);
    tcase_add_test(t, imported_oscal_maps_feed_the_gap_report);
    tcase_add_test(t, imported_ciso_yaml_feeds_the_gap_report);
    tcase_add_test(t, unresolved_maps_are_catalog_errors_naming_the_map);
    tcase_add_test(t, yaml_scalars_are_typed_as_yaml_reads_them);
    tcase_add_test(t, gap_report_as_oscal_assessment_results);
    tcase_add_test(t, timestamp_from_the_catalog);
    tcase_add_test(t, one_map_cannot_multiply_into_too_many_pairs);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
