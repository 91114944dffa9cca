/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Versioned legal data and catalog extensions: the catalog's history ($.changes), the name and version of an
 * extension reported next to catalog_version in every result, the exported parts, and unknown top-level keys.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <nis2/nis2.h>

#include "model/names.h"
#include "util/util.h"
#include "vectors.h"

static nis2_ctx *ctx;

static json_t *load_file(const char *rel)
{
    const char *root = getenv("NIS2_SOURCE_ROOT");
    ck_assert_ptr_nonnull(root);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    json_error_t je;
    json_t *v = json_load_file(path, 0, &je);
    ck_assert_msg(v != NULL, "%s: %s", path, je.text);
    return v;
}

static char *file_text(const char *rel)
{
    json_t *v = load_file(rel);
    char *s = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    return s;
}

static json_t *catalog_value(const nis2_ctx *c, const char *part)
{
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_catalog_json(c, part, 0, &out, err) == NIS2_OK, "%s", nis2_error_message(err));
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

/* ---------------------------------------------------------------- the history of the legal data */

START_TEST(changes_part_is_the_history_newest_first)
{
    json_t *v = catalog_value(ctx, "changes");
    const json_t *ch = json_object_get(v, "changes");
    ck_assert(json_is_array(ch));
    ck_assert_uint_ge(json_array_size(ch), 2);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(ch, 0), "version")), nis2_ctx_catalog_version(ctx));
    const char *prev = NULL;
    size_t i;
    const json_t *e;
    json_array_foreach(ch, i, e) {
        ck_assert_uint_eq(json_object_size(e), 4);
        const char *date = json_string_value(json_object_get(e, "date"));
        ck_assert_ptr_nonnull(date);
        ck_assert_uint_eq(strlen(date), 10);
        if (prev)
            ck_assert_int_le(strcmp(date, prev), 0);
        prev = date;
        ck_assert_uint_gt(json_array_size(json_object_get(e, "changes")), 0);
        ck_assert(json_is_array(json_object_get(e, "refs")));
    }
    /* exactly the data of lib/catalog/changes.json */
    json_t *src = load_file("lib/catalog/changes.json");
    ck_assert(json_equal(json_object_get(src, "changes"), ch));
    json_decref(src);
    json_decref(v);
}
END_TEST

START_TEST(unknown_part_lists_every_part)
{
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "nonsense", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_ptr_null(out);
    const char *msg = nis2_error_message(err);
    const char *list = strstr(msg, "expected ");
    ck_assert_ptr_nonnull(list);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list + 9);
    char *end = strrchr(buf, ')');
    ck_assert_ptr_nonnull(end);
    *end = '\0';
    /* "a, b, … or z": every name it lists is a part that works */
    size_t n = 0;
    for (char *p = buf; p && *p;) {
        char *sep = strstr(p, ", ");
        char *or = strstr(p, " or ");
        char *next = NULL;
        if (sep && (!or || sep < or)) {
            *sep = '\0';
            next = sep + 2;
        } else if (or) {
            *or = '\0';
            next = or + 4;
        }
        char *part = NULL;
        ck_assert_msg(nis2_catalog_part_name(n) && strcmp(nis2_catalog_part_name(n), p) == 0,
                      "listed part %zu '%s' is not nis2_catalog_part_name(%zu)", n, p, n);
        ck_assert_msg(nis2_ctx_catalog_json(ctx, p, 0, &part, err) == NIS2_OK, "listed part '%s' fails", p);
        json_t *v = json_loads(part, 0, NULL);
        ck_assert_ptr_nonnull(json_object_get(v, p));
        json_decref(v);
        nis2_string_free(part);
        n++;
        p = next;
    }
    ck_assert_uint_ge(n, 11);
    ck_assert_ptr_null(nis2_catalog_part_name(n));          /* the message lists the whole table */
    ck_assert_ptr_null(nis2_catalog_part_name(SIZE_MAX));
    /* a near miss is named */
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "change", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "did you mean 'changes'?"));
    nis2_error_free(err);
}
END_TEST

/* A replacement catalog with $.changes edited: each is rejected with the path of the entry. */
typedef struct bad_change {
    const char *json;            /* the new value of $.changes */
    const char *path, *in_message;
} bad_change;

static const bad_change bad_changes[] = {
    {"[]", "$.changes", "non-empty array"},
    {"{}", "$.changes", "non-empty array"},
    {"[{\"version\": \"1999.1\", \"date\": \"2026-12-02\", \"changes\": [\"x\"], \"refs\": []}]", "$.changes[0]",
     "the newest change is version '1999.1'"},
    {"[{\"version\": \"@V\", \"date\": \"2026-13-02\", \"changes\": [\"x\"], \"refs\": []}]", "$.changes[0]",
     "YYYY-MM-DD"},
    {"[{\"version\": \"@V\", \"date\": \"2026-02-30\", \"changes\": [\"x\"], \"refs\": []}]", "$.changes[0]",
     "YYYY-MM-DD"},                 /* no such day */
    {"[{\"version\": \"@V\", \"date\": \"2026/12/02\", \"changes\": [\"x\"], \"refs\": []}]", "$.changes[0]",
     "YYYY-MM-DD"},
    {"[{\"version\": \"@V\", \"date\": \"2026-11-01\", \"changes\": [\"x\"], \"refs\": []},"
     " {\"version\": \"@V\", \"date\": \"2026-11-02\", \"changes\": [\"y\"], \"refs\": []}]", "$.changes[1]", "newest first"},
    {"[{\"version\": \"@V\", \"date\": \"2026-12-02\", \"changes\": [], \"refs\": []}]", "$.changes[0]",
     "'changes' must be a non-empty array"},
    {"[{\"version\": \"@V\", \"date\": \"2026-12-02\", \"changes\": [\"x\"], \"refs\": [1]}]", "$.changes[0]",
     "refs[0] must be a non-empty string"},
    {"[{\"version\": \"@V\", \"date\": \"2026-12-02\", \"changes\": [\"x\"]}]", "$.changes[0]", "'refs' must be"},
    {"[{\"version\": \"@V\", \"date\": \"2026-12-02\", \"changes\": [\"x\"], \"refs\": [], \"note\": \"n\"}]",
     "$.changes[0]", "unknown key 'note'"},
    {"[{\"date\": \"2026-12-02\", \"changes\": [\"x\"], \"refs\": []}]", "$.changes[0]", "'version'"},
    {"[\"2026.11.1\"]", "$.changes[0]", "must be an object"},
};

static char *replace_version(const char *s, const char *v)
{
    size_t n = strlen(s) + 64;
    char *out = malloc(n);
    const char *at = strstr(s, "@V");
    if (!at) {
        snprintf(out, n, "%s", s);
    } else {
        snprintf(out, n, "%.*s%s%s", (int)(at - s), s, v, at + 2);
        char *again = strstr(out, "@V");
        if (again) {
            char *t = replace_version(out, v);
            free(out);
            out = t;
        }
    }
    return out;
}

START_TEST(bad_history_is_rejected)
{
    const bad_change *b = &bad_changes[_i];
    json_t *cat = catalog_value(ctx, NULL);
    char *js = replace_version(b->json, nis2_ctx_catalog_version(ctx));
    json_t *nv = json_loads(js, 0, NULL);
    ck_assert_msg(nv != NULL, "%s", js);
    json_object_set_new(cat, "changes", nv);
    char *text = json_dumps(cat, JSON_COMPACT);
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, text, strlen(text), NIS2_CATALOG_REPLACE, err), NIS2_ERR_CATALOG);
    ck_assert_ptr_null(c2);
    ck_assert_str_eq(nis2_error_path(err), b->path);
    ck_assert_msg(strstr(nis2_error_message(err), b->in_message), "'%s' lacks '%s'", nis2_error_message(err),
                  b->in_message);
    /* the same catalog without a history is accepted (the history is optional in a replacement) */
    json_object_del(cat, "changes");
    free(text);
    text = json_dumps(cat, JSON_COMPACT);
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, text, strlen(text), NIS2_CATALOG_REPLACE, err), NIS2_OK);
    nis2_ctx_free(c2);
    nis2_error_free(err);
    free(text);
    free(js);
    json_decref(cat);
}
END_TEST

/* ---------------------------------------------------------------- unknown top-level keys */

typedef struct bad_doc {
    uint32_t flags;
    const char *doc, *path, *in_message;
} bad_doc;

static const bad_doc bad_docs[] = {
    {NIS2_CATALOG_EXTEND, "{\"schema\": 1, \"entity_typos\": []}", "$.entity_typos", "did you mean 'entity_types'?"},
    {NIS2_CATALOG_EXTEND, "{\"schema\": 1, \"name\": \"n\", \"version\": \"1\", \"entity_typos\": []}", "$.entity_typos",
     "unknown top-level key 'entity_typos'"},
    /* an entity document given as an extension */
    {NIS2_CATALOG_EXTEND, "{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300}",
     "$.country", "unknown top-level key 'country'"},
    {NIS2_CATALOG_EXTEND, "{\"activities\": [], \"employees\": 3}", "$.activities", "unknown top-level key 'activities'"},
    /* keys that describe the upstream data */
    {NIS2_CATALOG_EXTEND, "{\"name\": \"n\", \"version\": \"1\", \"catalog_version\": \"9\"}", "$.catalog_version",
     "may not set 'catalog_version'"},
    {NIS2_CATALOG_EXTEND, "{\"name\": \"n\", \"version\": \"1\", \"changes\": []}", "$.changes", "may not set 'changes'"},
    {NIS2_CATALOG_EXTEND, "{\"name\": \"n\", \"version\": \"1\", \"catalog_extensions\": []}", "$.catalog_extensions",
     "may not set 'catalog_extensions'"},
    {NIS2_CATALOG_EXTEND, "{\"name\": \"n\", \"version\": \"1\", \"provenance\": {}}", "$.provenance",
     "may not set 'provenance'"},
    /* the extension's own identity */
    {NIS2_CATALOG_EXTEND, "{\"version\": \"1\"}", "$.name", "needs a 'name'"},
    {NIS2_CATALOG_EXTEND, "{\"name\": \"n\"}", "$.version", "needs a 'version'"},
    {NIS2_CATALOG_EXTEND, "{}", "$.name", "needs a 'name'"},
    {NIS2_CATALOG_EXTEND, "{\"name\": 3, \"version\": \"1\"}", "$.name", "must be a non-empty string"},
    {NIS2_CATALOG_EXTEND, "{\"name\": \"n\", \"version\": \"\"}", "$.version", "must be a non-empty string"},
    /* an error in the content is named before the missing name */
    {NIS2_CATALOG_EXTEND, "{\"entity_types\": [{\"code\": \"t.x\"}]}", "$.entity_types[", "sector"},
    /* a replacement catalog: name and version are not catalog keys */
    {NIS2_CATALOG_REPLACE, "{\"schema\": 1, \"name\": \"n\"}", "$.name", "unknown top-level key 'name'"},
    {NIS2_CATALOG_REPLACE, "{\"catalog_versoin\": \"1\"}", "$.catalog_versoin", "did you mean 'catalog_version'?"},
    {NIS2_CATALOG_REPLACE, "{\"schema\": 1, \"catalog_extensions\": [{\"name\": \"n\"}]}", "$.catalog_extensions[0]",
     "exactly the keys name and version"},
};

START_TEST(unknown_and_upstream_keys_are_rejected)
{
    const bad_doc *b = &bad_docs[_i];
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    const char *doc = b->doc;
    char *full = NULL;
    if (b->flags == NIS2_CATALOG_REPLACE) {
        /* laid into the whole exported catalog, so that only the key under test is wrong */
        json_t *cat = catalog_value(ctx, NULL);
        json_t *add = json_loads(b->doc, 0, NULL);
        ck_assert_ptr_nonnull(add);
        json_object_update(cat, add);
        json_decref(add);
        full = json_dumps(cat, JSON_COMPACT);
        json_decref(cat);
        doc = full;
    }
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, doc, strlen(doc), b->flags, err), NIS2_ERR_CATALOG);
    ck_assert_ptr_null(c2);
    ck_assert_msg(strncmp(nis2_error_path(err), b->path, strlen(b->path)) == 0, "path '%s', expected '%s'",
                  nis2_error_path(err), b->path);
    ck_assert_msg(strstr(nis2_error_message(err), b->in_message), "'%s' lacks '%s'", nis2_error_message(err),
                  b->in_message);
    free(full);
    nis2_error_free(err);
}
END_TEST

START_TEST(vendor_keys_are_accepted)
{
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    const char *ext = "{" TEST_EXT_ID "\"x_vendor\": {\"any\": [1, 2]}, \"x_\": null}";
    ck_assert_msg(nis2_ctx_new_from_json(&c2, ext, strlen(ext), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    nis2_ctx_free(c2);
    json_t *cat = catalog_value(ctx, NULL);
    json_object_set_new(cat, "x_acme", json_string("kept"));
    char *text = json_dumps(cat, JSON_COMPACT);
    ck_assert_msg(nis2_ctx_new_from_json(&c2, text, strlen(text), NIS2_CATALOG_REPLACE, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    nis2_ctx_free(c2);
    free(text);
    json_decref(cat);
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- extensions reported in results */

static const char *const ext_doc =
    "{\"name\": \"acme-sector-map\", \"version\": \"2026.2\", \"x_note\": \"a test extension\", \"entity_types\": ["
    "{\"code\": \"test.new_type\", \"annex\": \"II\", \"sector\": \"Test\", \"label\": \"new\", \"ref\": \"test\","
    " \"role\": \"generic\"}]}";

static nis2_ctx *ext_ctx(void)
{
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, ext_doc, strlen(ext_doc), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    nis2_error_free(err);
    return c2;
}

typedef nis2_status (*json_fn)(const nis2_ctx *, const char *, size_t, uint32_t, char **, nis2_error *);
typedef struct command_case {
    const char *what;
    json_fn fn;
    const char *file;            /* examples/data/… */
} command_case;

static const command_case commands[] = {
    {"classify", nis2_classify_json, "examples/data/hospital-pt.json"},
    {"obligations", nis2_obligations_json, "examples/data/hospital-pt.json"},
    {"incident deadlines", nis2_incident_deadlines_json, "examples/data/incident-cloud-lisbon.json"},
    {"incident assess", nis2_incident_assess_json, "examples/data/incident-cloud-lisbon.json"},
    {"gap", nis2_gap_report_json, "examples/data/isms-example.json"},
};

START_TEST(results_name_the_extension_next_to_catalog_version)
{
    const command_case *c = &commands[_i / 2];
    uint32_t flags = (_i % 2) ? NIS2_JSON_PRETTY : 0;     /* compact output has its own writer for classify */
    char *doc = file_text(c->file);
    nis2_ctx *c2 = ext_ctx();
    nis2_error *err = nis2_error_new();
    char *plain = NULL, *ext = NULL;
    ck_assert_msg(c->fn(ctx, doc, strlen(doc), flags, &plain, err) == NIS2_OK, "%s: %s", c->what, nis2_error_message(err));
    ck_assert_msg(c->fn(c2, doc, strlen(doc), flags, &ext, err) == NIS2_OK, "%s: %s", c->what, nis2_error_message(err));
    ck_assert_msg(strstr(plain, "catalog_extensions") == NULL, "%s: key present without an extension", c->what);
    json_t *v = json_loads(ext, 0, NULL);
    ck_assert_ptr_nonnull(v);
    json_t *want = json_loads("[{\"name\": \"acme-sector-map\", \"version\": \"2026.2\"}]", 0, NULL);
    ck_assert_msg(json_equal(json_object_get(v, "catalog_extensions"), want), "%s", c->what);
    ck_assert_str_eq(json_string_value(json_object_get(v, "catalog_version")), nis2_ctx_catalog_version(ctx));
    /* next to catalog_version: the key right after it, and otherwise the same document */
    void *it = json_object_iter_at(v, "catalog_version");
    ck_assert_ptr_nonnull(it);
    ck_assert_str_eq(json_object_iter_key(json_object_iter_next(v, it)), "catalog_extensions");
    json_t *pv = json_loads(plain, 0, NULL);
    json_object_del(v, "catalog_extensions");
    ck_assert_msg(json_equal(v, pv), "%s: the extension changed more than the key", c->what);
    json_decref(pv);
    json_decref(want);
    json_decref(v);
    nis2_string_free(plain);
    nis2_string_free(ext);
    nis2_error_free(err);
    nis2_ctx_free(c2);
    free(doc);
}
END_TEST

START_TEST(extension_accessors_and_round_trip)
{
    ck_assert_uint_eq(nis2_ctx_extension_count(ctx), 0);
    ck_assert_ptr_null(nis2_ctx_extension_name(ctx, 0));
    ck_assert_ptr_null(nis2_ctx_extension_version(ctx, 0));
    ck_assert_uint_eq(nis2_ctx_extension_count(NULL), 0);
    ck_assert_ptr_null(nis2_ctx_extension_name(NULL, 0));
    nis2_ctx *c2 = ext_ctx();
    ck_assert_uint_eq(nis2_ctx_extension_count(c2), 1);
    ck_assert_str_eq(nis2_ctx_extension_name(c2, 0), "acme-sector-map");
    ck_assert_str_eq(nis2_ctx_extension_version(c2, 0), "2026.2");
    ck_assert_ptr_null(nis2_ctx_extension_name(c2, 1));
    ck_assert_ptr_null(nis2_ctx_extension_version(c2, SIZE_MAX));
    ck_assert_str_eq(nis2_ctx_catalog_version(c2), nis2_ctx_catalog_version(ctx));
    /* the part, and the whole exported catalog, carry it; reloaded as a replacement it is still named */
    json_t *part = catalog_value(c2, "catalog_extensions");
    ck_assert_uint_eq(json_array_size(json_object_get(part, "catalog_extensions")), 1);
    json_decref(part);
    json_t *empty = catalog_value(ctx, "catalog_extensions");
    ck_assert_uint_eq(json_array_size(json_object_get(empty, "catalog_extensions")), 0);
    json_decref(empty);
    char *whole = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_ctx_catalog_json(c2, NULL, 0, &whole, err), NIS2_OK);
    nis2_ctx *c3 = NULL;
    ck_assert_msg(nis2_ctx_new_from_json(&c3, whole, strlen(whole), NIS2_CATALOG_REPLACE, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    ck_assert_uint_eq(nis2_ctx_extension_count(c3), 1);
    ck_assert_str_eq(nis2_ctx_extension_name(c3, 0), "acme-sector-map");
    nis2_ctx_free(c3);
    /* but an exported catalog is not an extension */
    ck_assert_int_eq(nis2_ctx_new_from_json(&c3, whole, strlen(whole), NIS2_CATALOG_EXTEND, err), NIS2_ERR_CATALOG);
    /* file errors name the file and the system's reason */
    ck_assert_int_eq(nis2_ctx_new_from_file(&c3, "/nonexistent/ext.json", NIS2_CATALOG_EXTEND, err), NIS2_ERR_IO);
    ck_assert_str_eq(nis2_error_message(err), "cannot open catalog '/nonexistent/ext.json': No such file or directory");
    ck_assert_int_eq(nis2_ctx_new_from_file(&c3, "/", NIS2_CATALOG_EXTEND, err), NIS2_ERR_IO);
    ck_assert_str_eq(nis2_error_message(err), "cannot read catalog '/': Is a directory");
    nis2_string_free(whole);
    nis2_error_free(err);
    nis2_ctx_free(c2);
}
END_TEST

/* ---------------------------------------------------------------- suggestions (lib/util) */

START_TEST(edit_distance)
{
    ck_assert_uint_eq(nis2i_edit_distance("entity_typos", "entity_types"), 1);
    ck_assert_uint_eq(nis2i_edit_distance("Energy.Electricity.Supplier", "energy.electricity.supplier"), 0);
    ck_assert_uint_eq(nis2i_edit_distance("", "abc"), 3);
    ck_assert_uint_eq(nis2i_edit_distance("abc", ""), 3);
    ck_assert_uint_eq(nis2i_edit_distance("kitten", "sitting"), 3);
    char big[200];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_uint_eq(nis2i_edit_distance(big, "a"), SIZE_MAX);
    static const char *const list[] = {"counting", "changes", "entity_types", NULL};
    ck_assert_ptr_null(nis2i_closest("country", list, 3));          /* 3 edits is too far for 7 letters */
    ck_assert_str_eq(nis2i_closest("change", list, 3), "changes");
    ck_assert_str_eq(nis2i_closest("ENTITY_TYPES", list, 3), "entity_types");
    ck_assert_ptr_null(nis2i_closest("zzzzzzzz", list, 3));
}
END_TEST

/* ---------------------------------------------------------------- error messages: suggestions, complete lists */

static char *classify_error(const char *doc, nis2_status want, const char *path)
{
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_classify_json(ctx, doc, strlen(doc), 0, &out, err), want);
    ck_assert_str_eq(nis2_error_path(err), path);
    char *m = strdup(nis2_error_message(err));
    nis2_error_free(err);
    return m;
}

static const struct {
    const char *code;
    const char *const suggested[3];   /* exactly these, in this order */
} hints[] = {
    {"Energy.Electricity.Supplier", {"energy.electricity.supplier"}},       /* case */
    {"ENERGY.ELECTRICITY.DSO", {"energy.electricity.dso"}},
    {"energy.electricity.suplier", {"energy.electricity.supplier"}},        /* one edit */
    {"energy.electricty.tso", {"energy.electricity.tso"}},
    {"supplier", {"energy.electricity.supplier", "energy.gas.supplier"}},  /* the last segment */
    {"energy.electricity", {"energy.electricity.supplier", "energy.electricity.dso", "energy.electricity.tso"}},
    {"foo.bar.baz", {NULL}},                                                /* nothing close: only where the list is */
    {"x", {NULL}},
};

START_TEST(unknown_activity_suggests_the_closest_codes)
{
    char doc[256];
    snprintf(doc, sizeof doc, "{\"country\": \"DE\", \"activities\": [\"%s\"]}", hints[_i].code);
    char *m = classify_error(doc, NIS2_ERR_UNKNOWN_CODE, "$.activities[0]");
    /* the typed API gives the same hint */
    nis2_entity *e = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_add_activity(e, hints[_i].code, err), NIS2_ERR_UNKNOWN_CODE);
    const char *m2 = strstr(nis2_error_message(err), "unknown entity-type code");
    ck_assert_ptr_nonnull(m2);
    ck_assert_str_eq(strstr(m, "unknown entity-type code"), m2);
    ck_assert_ptr_nonnull(strstr(m, "every code: `nis2 catalog --part entity_types`"));
    char want[400] = "";
    size_t n = 0;
    while (n < 3 && hints[_i].suggested[n])
        n++;
    if (n) {
        size_t at = (size_t)snprintf(want, sizeof want, "did you mean ");
        for (size_t k = 0; k < n; k++) {
            at += (size_t)snprintf(want + at, sizeof want - at, "%s'%s'", k == 0 ? "" : k + 1 == n ? " or " : ", ",
                                   hints[_i].suggested[k]);
            /* every suggestion is a real code */
            ck_assert_int_eq(nis2_entity_add_activity(e, hints[_i].suggested[k], err), NIS2_OK);
        }
        snprintf(want + at, sizeof want - at, "?;");
        ck_assert_msg(strstr(m, want), "'%s' lacks '%s'", m, want);
    } else {
        ck_assert_msg(strstr(m, "did you mean") == NULL, "%s", m);
    }
    nis2_entity_free(e);
    nis2_error_free(err);
    free(m);
}
END_TEST

START_TEST(lists_in_messages_are_complete)
{
    /* every Member State code of the catalog, and the alias */
    char *m = classify_error("{\"country\": \"XX\", \"activities\": []}", NIS2_ERR_UNKNOWN_CODE, "$.country");
    json_t *ms = catalog_value(ctx, "member_states");
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(ms, "member_states"), i, s) {
        char code[8];
        snprintf(code, sizeof code, "%s%s", json_string_value(json_object_get(s, "code")),
                 i + 1 == json_array_size(json_object_get(ms, "member_states")) ? ";" : ",");
        ck_assert_msg(strstr(m, code), "'%s' lacks %s", m, code);
    }
    ck_assert_ptr_nonnull(strstr(m, "EL means GR"));
    free(m);
    m = classify_error("{\"country\": \"DE\", \"activities\": [], \"national\": {\"XX\": {}}}", NIS2_ERR_UNKNOWN_CODE,
                       "$.national.XX");
    ck_assert_ptr_nonnull(strstr(m, "AT, BE, BG"));
    free(m);
    json_decref(ms);

    /* every flag, and the closest one */
    m = classify_error("{\"country\": \"DE\", \"activities\": [], \"flags\": {\"cer_critical\": true}}",
                       NIS2_ERR_UNKNOWN_KEY, "$.flags.cer_critical");
    ck_assert_ptr_nonnull(strstr(m, "did you mean 'cer_critical_entity'?"));
    for (size_t k = 0; k < nis2i_n_flag_names; k++)
        ck_assert_msg(strstr(m, nis2i_flag_names[k].name), "'%s' lacks %s", m, nis2i_flag_names[k].name);
    ck_assert_ptr_nonnull(strstr(m, "member_state_designation"));
    free(m);

    /* every key of the entity, and the closest one */
    m = classify_error("{\"country\": \"DE\", \"activities\": [], \"employes\": 3}", NIS2_ERR_UNKNOWN_KEY, "$.employes");
    ck_assert_ptr_nonnull(strstr(m, "did you mean 'employees'?"));
    ck_assert_ptr_nonnull(strstr(m, "expected schema, name, country, activities, employees, turnover_eur, "
                                    "balance_sheet_eur, previous_period, flags, national;"));
    free(m);

    /* every role of an entity type in a catalog */
    const char *ext = "{" TEST_EXT_ID "\"entity_types\": [{\"code\": \"t.x\", \"annex\": \"II\", \"sector\": \"T\", "
                      "\"label\": \"x\", \"ref\": \"r\", \"role\": \"dns\"}]}";
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, ext, strlen(ext), NIS2_CATALOG_EXTEND, err), NIS2_ERR_CATALOG);
    static const char *const roles[] = {"generic", "trust_service_provider", "qualified_trust_service_provider",
                                        "dns_provider", "tld_registry", "public_ecn", "public_ecs",
                                        "public_administration_central", "public_administration_regional",
                                        "public_administration_local", "education_institution", "domain_registration",
                                        "national"};
    for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++) {
        nis2i_role r;
        ck_assert(nis2i_role_from_name(roles[k], &r));
        ck_assert_msg(strstr(nis2_error_message(err), roles[k]), "'%s' lacks %s", nis2_error_message(err), roles[k]);
    }
    nis2_error_free(err);
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    Suite *s = suite_create("catalog history, extensions and top-level keys");
    TCase *tc = tcase_create("history");
    tcase_add_test(tc, changes_part_is_the_history_newest_first);
    tcase_add_test(tc, unknown_part_lists_every_part);
    tcase_add_loop_test(tc, bad_history_is_rejected, 0, (int)(sizeof bad_changes / sizeof bad_changes[0]));
    suite_add_tcase(s, tc);
    tc = tcase_create("keys");
    tcase_add_loop_test(tc, unknown_and_upstream_keys_are_rejected, 0, (int)(sizeof bad_docs / sizeof bad_docs[0]));
    tcase_add_test(tc, vendor_keys_are_accepted);
    suite_add_tcase(s, tc);
    tc = tcase_create("extensions");
    tcase_add_loop_test(tc, results_name_the_extension_next_to_catalog_version, 0,
                        (int)(2 * sizeof commands / sizeof commands[0]));
    tcase_add_test(tc, extension_accessors_and_round_trip);
    tcase_add_test(tc, edit_distance);
    suite_add_tcase(s, tc);
    tc = tcase_create("messages");
    tcase_add_loop_test(tc, unknown_activity_suggests_the_closest_codes, 0, (int)(sizeof hints / sizeof hints[0]));
    tcase_add_test(tc, lists_in_messages_are_complete);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
