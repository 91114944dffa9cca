/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The public API and its error model: every bad input gets a status and a message naming the JSON path and what
 * was expected; typed setters validate; contexts load, extend and reject bad catalogs; results outlive contexts.
 */
#include <check.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static nis2_ctx *ctx;

typedef struct bad_case {
    const char *doc;
    uint32_t status;
    const char *path;
    const char *in_message;      /* a fragment the message must contain */
} bad_case;

static const bad_case bad_entities[] = {
    {"{\"country\": \"AT\", \"activities\": [", NIS2_ERR_PARSE, "$.activities", "malformed JSON"},
    {"", NIS2_ERR_PARSE, "$", "malformed JSON"},
    {"[1, 2]", NIS2_ERR_INVALID_FIELD, "$", "expected an entity object"},
    {"\"AT\"", NIS2_ERR_PARSE, "$", "malformed"},
    {"{\"activities\": []}", NIS2_ERR_MISSING_FIELD, "$.country", "required"},
    {"{\"country\": \"AT\"}", NIS2_ERR_MISSING_FIELD, "$.activities", "required"},
    {"{\"country\": \"US\", \"activities\": []}", NIS2_ERR_UNKNOWN_CODE, "$.country", "not an EU Member State"},
    {"{\"country\": \"deu\", \"activities\": []}", NIS2_ERR_UNKNOWN_CODE, "$.country", "Member State"},   /* "de" is DE (any case) */
    {"{\"country\": 17, \"activities\": []}", NIS2_ERR_INVALID_FIELD, "$.country", "expected a string"},
    {"{\"country\": \"AT\", \"activities\": [\"energy.electricity.dso\", \"no.such.type\"]}", NIS2_ERR_UNKNOWN_CODE,
     "$.activities[1]", "unknown entity-type code 'no.such.type'"},
    {"{\"country\": \"AT\", \"activities\": [42]}", NIS2_ERR_INVALID_FIELD, "$.activities[0]", "expected an entity-type code"},
    {"{\"country\": \"AT\", \"activities\": \"energy.electricity.dso\"}", NIS2_ERR_INVALID_FIELD, "$.activities", "expected an array"},
    {"{\"country\": \"AT\", \"activities\": [], \"employees\": -1}", NIS2_ERR_INVALID_FIELD, "$.employees", ">= 0"},
    {"{\"country\": \"AT\", \"activities\": [], \"employees\": \"many\"}", NIS2_ERR_INVALID_FIELD, "$.employees", "expected a number"},
    {"{\"country\": \"AT\", \"activities\": [], \"turnover_eur\": true}", NIS2_ERR_INVALID_FIELD, "$.turnover_eur", "expected a number"},
    {"{\"country\": \"AT\", \"activities\": [], \"balance_sheet_eur\": -0.5}", NIS2_ERR_INVALID_FIELD, "$.balance_sheet_eur", ">= 0"},
    {"{\"country\": \"AT\", \"activities\": [], \"employees\": 1e300}", NIS2_ERR_INVALID_FIELD, "$.employees", "larger than"},
    {"{\"country\": \"AT\", \"activities\": [], \"previous_period\": {\"employees\": -3}}", NIS2_ERR_INVALID_FIELD,
     "$.previous_period.employees", ">= 0"},
    {"{\"country\": \"AT\", \"activities\": [], \"previous_period\": {\"staff\": 3}}", NIS2_ERR_UNKNOWN_KEY,
     "$.previous_period.staff", "unknown key (expected employees, turnover_eur, balance_sheet_eur"},
    {"{\"country\": \"AT\", \"activities\": [], \"previous_period\": 3}", NIS2_ERR_INVALID_FIELD, "$.previous_period", "expected an object"},
    {"{\"country\": \"AT\", \"activities\": [], \"employes\": 3}", NIS2_ERR_UNKNOWN_KEY, "$.employes", "unknown key"},
    {"{\"country\": \"AT\", \"activities\": [], \"flags\": {\"cer\": true}}", NIS2_ERR_UNKNOWN_KEY, "$.flags.cer", "unknown flag"},
    {"{\"country\": \"AT\", \"activities\": [], \"flags\": {\"cer_critical_entity\": 1}}", NIS2_ERR_INVALID_FIELD,
     "$.flags.cer_critical_entity", "expected true or false"},
    {"{\"country\": \"AT\", \"activities\": [], \"flags\": {\"member_state_designation\": \"critical\"}}", NIS2_ERR_INVALID_FIELD,
     "$.flags.member_state_designation", "\"essential\", \"important\""},
    {"{\"country\": \"AT\", \"activities\": [], \"flags\": []}", NIS2_ERR_INVALID_FIELD, "$.flags", "expected an object"},
    {"{\"country\": \"AT\", \"activities\": [], \"name\": 5}", NIS2_ERR_INVALID_FIELD, "$.name", "expected a string"},
    {"{\"country\": \"AT\", \"activities\": [], \"schema\": 2}", NIS2_ERR_INVALID_FIELD, "$.schema", "expected 1"},
    {"{\"country\": \"AT\", \"country\": \"FR\", \"activities\": []}", NIS2_ERR_PARSE, "$.country", "duplicate"},
    {"{\"country\": \"AT\", \"activities\": [], \"national\": {\"XX\": {}}}", NIS2_ERR_UNKNOWN_CODE, "$.national.XX", "Member State"},
    {"{\"country\": \"AT\", \"activities\": [], \"national\": {\"AT\": {\"foo\": 1}}}", NIS2_ERR_UNKNOWN_KEY, "$.national.AT",
     "unknown key 'foo'"},
    {"{\"country\": \"AT\", \"activities\": [], \"national\": {\"AT\": 1}}", NIS2_ERR_INVALID_FIELD, "$.national.AT", "expected an object"},
};

START_TEST(bad_entity_is_rejected_with_path)
{
    const bad_case *b = &bad_entities[_i];
    nis2_error *err = nis2_error_new();
    char *out = (char *)1;
    nis2_status st = nis2_classify_json(ctx, b->doc, strlen(b->doc), 0, &out, err);
    ck_assert_msg(st == b->status, "doc %s: status %s, want %s (%s)", b->doc, nis2_status_name(st),
                  nis2_status_name(b->status), nis2_error_message(err));
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(nis2_error_code(err), b->status);
    ck_assert_str_eq(nis2_error_path(err), b->path);
    ck_assert_msg(strstr(nis2_error_message(err), b->in_message) != NULL, "message '%s' lacks '%s'",
                  nis2_error_message(err), b->in_message);
    nis2_error_free(err);
}
END_TEST

START_TEST(nul_byte_and_vendor_extensions)
{
    const char doc[] = "{\"country\": \"AT\", \"activities\": []}\0garbage";
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(ctx, doc, sizeof doc - 1, 0, &out, err), NIS2_ERR_PARSE);
    const char *ext = "{\"country\": \"EL\", \"activities\": [], \"x_crm_id\": 7, \"flags\": {\"x_note\": \"a\"},"
                      " \"previous_period\": {\"x_src\": 1}}";
    ck_assert_int_eq(nis2_classify_json(ctx, ext, strlen(ext), 0, &out, err), NIS2_OK);
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_str_eq(json_string_value(json_object_get(v, "country")), "GR");
    ck_assert_str_eq(json_string_value(json_object_get(v, "category")), "out_of_scope");
    ck_assert_str_eq(json_string_value(json_object_get(v, "law")), "EU 2022/2555");
    /* no overlay for Greece: "national" says the law is not encoded, with the catalog's transposition */
    const json_t *nat = json_object_get(v, "national");
    ck_assert(json_is_object(nat));
    ck_assert(json_is_false(json_object_get(nat, "encoded")));
    ck_assert_str_eq(json_string_value(json_object_get(nat, "country")), "GR");
    ck_assert_ptr_null(json_object_get(nat, "category"));
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(nat, "reason")), "not encoded"));
    json_decref(v);
    nis2_string_free(out);
    nis2_error_free(err);
}
END_TEST

START_TEST(typed_api_validates)
{
    nis2_error *err = nis2_error_new();
    nis2_entity *e = NULL;
    ck_assert_int_eq(nis2_entity_new(NULL, &e, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, "XX", err), NIS2_ERR_UNKNOWN_CODE);
    ck_assert_str_eq(nis2_error_path(err), "$.country");
    ck_assert_int_eq(nis2_entity_add_activity(e, "banking.bank", err), NIS2_ERR_UNKNOWN_CODE);
    ck_assert_int_eq(nis2_entity_set_figure(e, 0, NIS2_FIGURE_EMPLOYEES, -1, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.employees");
    ck_assert_int_eq(nis2_entity_set_figure(e, 1, NIS2_FIGURE_TURNOVER, NAN, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.previous_period.turnover_eur");
    ck_assert_int_eq(nis2_entity_set_figure(e, 0, NIS2_FIGURE_TURNOVER, INFINITY, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_int_eq(nis2_entity_set_figure(e, 2, NIS2_FIGURE_TURNOVER, 1, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_entity_set_figure(e, 0, 9, 1, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_entity_set_flag(e, 0, 1, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_entity_set_flag(e, 99, 1, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_entity_set_designation(e, 3, err), NIS2_ERR_INVALID_ARG);

    nis2_result *r = NULL;
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_ERR_MISSING_FIELD);   /* no country yet */
    ck_assert_str_eq(nis2_error_path(err), "$.country");
    ck_assert_int_eq(nis2_entity_set_country(e, "IT", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_add_activity(e, "digital_infrastructure.dns_provider", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_add_activity(e, "digital_infrastructure.dns_provider", err), NIS2_OK);
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_OK);
    ck_assert_str_eq(nis2_result_category(r, NIS2_VERDICT_APPLICABLE), "essential");
    ck_assert_uint_eq(nis2_result_category_id(r, NIS2_VERDICT_DIRECTIVE), NIS2_CATEGORY_ESSENTIAL);
    ck_assert_str_eq(nis2_result_decided_by(r, NIS2_VERDICT_DIRECTIVE), "NIS2 Art. 3(1)(b)");
    ck_assert_int_eq(nis2_result_has_verdict(r, NIS2_VERDICT_NATIONAL), 0);
    ck_assert_ptr_null(nis2_result_category(r, NIS2_VERDICT_NATIONAL));
    ck_assert_ptr_null(nis2_result_category(r, 77));
    ck_assert_uint_eq(nis2_result_ground_count(r, NIS2_VERDICT_DIRECTIVE), 2);
    ck_assert_str_eq(nis2_result_ground_at(r, NIS2_VERDICT_DIRECTIVE, 0), "NIS2 Art. 2(2)(a)(iii)");
    ck_assert_ptr_null(nis2_result_ground_at(r, NIS2_VERDICT_DIRECTIVE, 2));
    ck_assert_uint_eq(nis2_result_size_class(r), NIS2_SIZE_UNKNOWN);
    ck_assert_ptr_null(nis2_result_size_class_name(r));
    ck_assert_uint_gt(nis2_result_reason_count(r), 0);
    ck_assert_ptr_nonnull(nis2_result_reason_text(r, 0));
    ck_assert_ptr_null(nis2_result_reason_text(r, 1000));
    ck_assert_uint_eq(nis2_result_missing_count(r), 0);
    ck_assert_str_eq(nis2_result_law(r), "EU 2022/2555");

    char *js = NULL;
    ck_assert_int_eq(nis2_entity_to_json(e, 0, &js, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(js, "digital_infrastructure.dns_provider"));
    nis2_string_free(js);
    ck_assert_int_eq(nis2_result_to_json(r, NIS2_JSON_PRETTY, &js, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(js, "\n  \"category\": \"essential\""));
    nis2_string_free(js);
    nis2_result_free(r);
    nis2_entity_free(e);
    nis2_error_free(err);

    /* NULL is a no-op for every free function; getters tolerate NULL. */
    nis2_result_free(NULL);
    nis2_entity_free(NULL);
    nis2_ctx_free(NULL);
    nis2_error_free(NULL);
    nis2_string_free(NULL);
    ck_assert_ptr_null(nis2_result_category(NULL, 0));
    ck_assert_str_eq(nis2_error_message(NULL), "");
    ck_assert_int_eq(nis2_classify(NULL, NULL, NULL, NULL), NIS2_ERR_INVALID_ARG);
}
END_TEST

/* NIS2_CLASSIFY_NO_TRACE gives the same verdicts without the reasoning trace, for every legal vector. */
START_TEST(no_trace_gives_the_same_verdicts)
{
    json_t *doc = vectors_load("classification.json");
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(doc, "cases"), i, c) {
        char *text = json_dumps(json_object_get(c, "entity"), JSON_COMPACT);
        nis2_entity *e = NULL;
        ck_assert_int_eq(nis2_entity_from_json(ctx, text, strlen(text), &e, NULL), NIS2_OK);
        free(text);
        nis2_result *full = NULL, *lean = NULL;
        ck_assert_int_eq(nis2_classify(ctx, e, &full, NULL), NIS2_OK);
        ck_assert_int_eq(nis2_classify_ex(ctx, e, NIS2_CLASSIFY_NO_TRACE, &lean, NULL), NIS2_OK);
        ck_assert_uint_eq(nis2_result_reason_count(lean), 0);
        ck_assert_uint_gt(nis2_result_reason_count(full), 0);
        for (uint32_t v = 0; v <= 2; v++) {
            ck_assert_uint_eq(nis2_result_category_id(full, v), nis2_result_category_id(lean, v));
            const char *a = nis2_result_decided_by(full, v), *b = nis2_result_decided_by(lean, v);
            ck_assert(a == b || (a && b && strcmp(a, b) == 0));
            ck_assert_uint_eq(nis2_result_ground_count(full, v), nis2_result_ground_count(lean, v));
        }
        ck_assert_uint_eq(nis2_result_size_class(full), nis2_result_size_class(lean));
        ck_assert_uint_eq(nis2_result_missing_count(full), nis2_result_missing_count(lean));
        nis2_result_free(full);
        nis2_result_free(lean);
        nis2_entity_free(e);
    }
    json_decref(doc);
    nis2_entity *e = NULL;
    nis2_result *r = NULL;
    nis2_entity_new(ctx, &e, NULL);
    nis2_entity_set_country(e, "AT", NULL);
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_classify_ex(ctx, e, 0x80, &r, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_null(r);
    nis2_error_free(err);
    nis2_entity_free(e);
}
END_TEST

START_TEST(status_names_and_versions)
{
    ck_assert_str_eq(nis2_status_name(NIS2_ERR_INVALID_FIELD), "invalid_field");
    ck_assert_str_eq(nis2_status_name(NIS2_ERR_PARSE), "parse_error");
    ck_assert_str_eq(nis2_status_name(12345), "error");
    ck_assert_str_eq(nis2_strerror(12345), "unknown error");
    ck_assert_str_eq(nis2_version_string(), NIS2_VERSION_STRING);
    ck_assert_uint_eq(nis2_version_number(), NIS2_VERSION_NUMBER);
    ck_assert_uint_eq(nis2_abi_version(), 1);
    ck_assert_ptr_nonnull(nis2_ctx_catalog_version(ctx));
}
END_TEST

START_TEST(result_outlives_context)
{
    nis2_ctx *c2 = test_ctx();
    nis2_entity *e = NULL;
    nis2_result *r = NULL;
    ck_assert_int_eq(nis2_entity_new(c2, &e, NULL), NIS2_OK);
    nis2_entity_set_country(e, "AT", NULL);
    nis2_entity_add_activity(e, "health.healthcare_provider", NULL);
    nis2_entity_set_figure(e, 0, NIS2_FIGURE_EMPLOYEES, 60, NULL);
    nis2_entity_set_figure(e, 0, NIS2_FIGURE_TURNOVER, 5e6, NULL);
    ck_assert_int_eq(nis2_classify(c2, e, &r, NULL), NIS2_OK);
    nis2_ctx_free(c2);                               /* the entity and the result keep it alive */
    nis2_entity_free(e);                             /* now only the result holds the context */
    ck_assert_str_eq(nis2_result_category(r, 0), "important");
    ck_assert_ptr_nonnull(strstr(nis2_result_reason_text(r, nis2_result_reason_count(r) - 2), "health"));
    /* the last reason says Austria's law (catalog member_states[].transposition) is not encoded */
    ck_assert_str_eq(nis2_result_reason_ref(r, nis2_result_reason_count(r) - 1), "NISG 2026");
    ck_assert_ptr_nonnull(strstr(nis2_result_reason_text(r, nis2_result_reason_count(r) - 1), "in force 2026-10-01"));
    ck_assert_int_eq(nis2_result_has_verdict(r, NIS2_VERDICT_NATIONAL), 0);
    nis2_result_free(r);
}
END_TEST

START_TEST(entity_of_other_context_is_rejected)
{
    nis2_ctx *c2 = test_ctx();
    nis2_entity *e = NULL;
    nis2_result *r = NULL;
    nis2_entity_new(c2, &e, NULL);
    nis2_entity_set_country(e, "AT", NULL);
    ck_assert_int_eq(nis2_classify(ctx, e, &r, NULL), NIS2_ERR_INVALID_ARG);
    nis2_entity_free(e);
    nis2_ctx_free(c2);
}
END_TEST

/* ---- catalogs ---- */

static char *catalog_text(void)
{
    char *out = NULL;
    nis2_status st = nis2_ctx_catalog_json(ctx, NULL, 0, &out, NULL);
    ck_assert_int_eq(st, NIS2_OK);
    ck_assert_ptr_nonnull(out);
    return out;
}

START_TEST(catalog_export_round_trips)
{
    char *text = catalog_text();
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, text, strlen(text), NIS2_CATALOG_REPLACE, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    ck_assert_str_eq(nis2_ctx_catalog_version(c2), nis2_ctx_catalog_version(ctx));
    ck_assert_uint_eq(nis2_ctx_entity_type_count(c2), nis2_ctx_entity_type_count(ctx));
    nis2_ctx_free(c2);
    nis2_string_free(text);

    char *part = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "entity_types", 0, &part, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(part, "\"energy.electricity.dso\""));
    ck_assert_ptr_null(strstr(part, "member_states"));
    nis2_string_free(part);
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "nonsense", 0, &part, err), NIS2_ERR_NOT_FOUND);
    nis2_error_free(err);
}
END_TEST

typedef struct bad_catalog {
    const char *find, *replace;  /* textual edit of the exported catalog */
    const char *in_message;
} bad_catalog;

static const bad_catalog bad_catalogs[] = {
    {"\"code\":\"energy.electricity.tso\"", "\"code\":\"energy.electricity.dso\"", "duplicate entity type code 'energy.electricity.dso'"},
    {"\"role\":\"dns_provider\"", "\"role\":\"dns\"", "unknown role 'dns'"},
    {"\"annex\":\"II\"", "\"annex\":\"III\"", "annex 'III'"},
    {"\"catalog_version\":", "\"catalog_versio\":", "catalog_version"},
    {"\"employees_below\":10,", "\"employees_below\":-10,", "employees_below"},
    {"{\"code\":\"AT\"", "{\"code\":\"AUT\"", "not two letters"},
};

START_TEST(bad_catalog_is_rejected)
{
    const bad_catalog *b = &bad_catalogs[_i];
    char *text = catalog_text();
    char *at = strstr(text, b->find);
    ck_assert_msg(at != NULL, "catalog text lacks %s", b->find);
    size_t n = strlen(text) + strlen(b->replace) + 1;
    char *edited = malloc(n);
    memcpy(edited, text, (size_t)(at - text));
    strcpy(edited + (at - text), b->replace);
    strcat(edited, at + strlen(b->find));
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, edited, strlen(edited), 0, err), NIS2_ERR_CATALOG);
    ck_assert_ptr_null(c2);
    ck_assert_msg(strstr(nis2_error_message(err), b->in_message), "message '%s' lacks '%s'", nis2_error_message(err),
                  b->in_message);
    nis2_error_free(err);
    free(edited);
    nis2_string_free(text);
}
END_TEST

START_TEST(catalog_extend_adds_and_replaces)
{
    const char *ext = "{\"name\": \"acme-reclassification\", \"version\": \"test-1\", \"entity_types\": ["
                      "{\"code\": \"manufacturing.machinery\", \"annex\": \"I\", \"sector\": \"Test\", \"label\": \"moved to Annex I\","
                      " \"ref\": \"test\", \"role\": \"generic\"},"
                      "{\"code\": \"test.new_type\", \"annex\": \"II\", \"sector\": \"Test\", \"label\": \"new\", \"ref\": \"test\", \"role\": \"generic\"}]}";
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, ext, strlen(ext), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    /* the embedded legal data keeps its version; the extension is named beside it */
    ck_assert_str_eq(nis2_ctx_catalog_version(c2), nis2_ctx_catalog_version(ctx));
    ck_assert_uint_eq(nis2_ctx_extension_count(c2), 1);
    ck_assert_str_eq(nis2_ctx_extension_name(c2, 0), "acme-reclassification");
    ck_assert_str_eq(nis2_ctx_extension_version(c2, 0), "test-1");
    ck_assert_uint_eq(nis2_ctx_entity_type_count(c2), nis2_ctx_entity_type_count(ctx) + 1);
    const char *doc = "{\"country\": \"AT\", \"activities\": [\"manufacturing.machinery\"], \"employees\": 300}";
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(c2, doc, strlen(doc), 0, &out, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"category\":\"essential\""));
    nis2_string_free(out);
    ck_assert_int_eq(nis2_classify_json(ctx, doc, strlen(doc), 0, &out, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"category\":\"important\""));
    nis2_string_free(out);
    nis2_ctx_free(c2);

    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, "[]", 2, NIS2_CATALOG_EXTEND, err), NIS2_ERR_CATALOG);
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, "{", 1, NIS2_CATALOG_EXTEND, err), NIS2_ERR_PARSE);
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, "{}", 2, 0x80, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_ctx_new_from_file(&c2, "/nonexistent/catalog.json", 0, err), NIS2_ERR_IO);
    ck_assert_int_eq(nis2_ctx_new_from_file(&c2, "/", 0, err), NIS2_ERR_IO);
    ck_assert_int_eq(nis2_ctx_new(NULL, err), NIS2_ERR_INVALID_ARG);
    nis2_error_free(err);
}
END_TEST

/* i14: the header's promises. nis2_entity_set_flag takes 0 or 1 only; nis2_entity_set_national_json takes a country
 * only when the context has an overlay for it (decided from the catalog the context holds, for every Member State). */
START_TEST(header_promises_hold)
{
    nis2_error *err = nis2_error_new();
    nis2_entity *e = NULL;
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_flag(e, NIS2_FLAG_SOLE_PROVIDER, 2, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "sole_provider"));
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "0 or 1"));
    ck_assert_int_eq(nis2_entity_set_flag(e, NIS2_FLAG_SOLE_PROVIDER, -1, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_entity_set_flag(e, NIS2_FLAG_SOLE_PROVIDER, 1, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_flag(e, NIS2_FLAG_SOLE_PROVIDER, 0, err), NIS2_OK);
    char *js = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, NULL, 0, &js, err), NIS2_OK);
    json_t *cat = json_loads(js, 0, NULL);
    nis2_string_free(js);
    ck_assert_ptr_nonnull(cat);
    size_t i, j, n_with = 0, n_without = 0;
    const json_t *ms, *ov;
    json_array_foreach(json_object_get(cat, "member_states"), i, ms) {
        const char *cc = json_string_value(json_object_get(ms, "code"));
        bool has = false;
        json_array_foreach(json_object_get(cat, "overlays"), j, ov)
            if (strcmp(json_string_value(json_object_get(ov, "country")), cc) == 0)
                has = true;
        nis2_error_clear(err);
        nis2_status st = nis2_entity_set_national_json(e, cc, "{}", err);
        ck_assert_msg(st == (has ? NIS2_OK : NIS2_ERR_UNKNOWN_CODE), "%s: %s", cc, nis2_error_message(err));
        if (!has) {
            ck_assert_str_eq(nis2_error_path(err), "$.national");
            ck_assert_ptr_nonnull(strstr(nis2_error_message(err), cc));
            n_without++;
        } else {
            n_with++;
        }
    }
    ck_assert_uint_ge(n_with, 1);
    ck_assert_uint_ge(n_without, 1);
    ck_assert_int_eq(nis2_entity_set_national_json(e, "XX", "{}", err), NIS2_ERR_UNKNOWN_CODE);
    ck_assert_int_eq(nis2_entity_set_national_json(e, "FR", "{\"x\": 1}", err), NIS2_ERR_UNKNOWN_CODE);
    json_decref(cat);
    nis2_entity_free(e);
    nis2_error_free(err);
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    Suite *s = suite_create("API and error model");
    TCase *tc = tcase_create("api");
    tcase_add_loop_test(tc, bad_entity_is_rejected_with_path, 0, (int)(sizeof bad_entities / sizeof bad_entities[0]));
    tcase_add_test(tc, nul_byte_and_vendor_extensions);
    tcase_add_test(tc, typed_api_validates);
    tcase_add_test(tc, header_promises_hold);
    tcase_add_test(tc, no_trace_gives_the_same_verdicts);
    tcase_add_test(tc, status_names_and_versions);
    tcase_add_test(tc, result_outlives_context);
    tcase_add_test(tc, entity_of_other_context_is_rejected);
    tcase_add_test(tc, catalog_export_round_trips);
    tcase_add_loop_test(tc, bad_catalog_is_rejected, 0, (int)(sizeof bad_catalogs / sizeof bad_catalogs[0]));
    tcase_add_test(tc, catalog_extend_adds_and_replaces);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nis2_ctx_free(ctx);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
