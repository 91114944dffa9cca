/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NIS2 Arts 2 and 3 — scope and category, run from the legal test vectors (tests/vectors/classification.json):
 * each case is an entity as the law describes it and the category, size class and provision the law gives.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static json_t *cases;
static nis2_ctx *ctx;

static void setup(void)
{
    json_t *doc = vectors_load("classification.json");
    cases = json_incref(json_object_get(doc, "cases"));
    json_decref(doc);
    ctx = test_ctx();
}

static void teardown(void)
{
    json_decref(cases);
    nis2_ctx_free(ctx);
}

START_TEST(vector_case)
{
    const json_t *c = json_array_get(cases, (size_t)_i);
    ck_assert_ptr_nonnull(c);
    char *m = vectors_check_case(ctx, c);
    if (m) {
        ck_abort_msg("%s", m);
        free(m);
    }
}
END_TEST

/* Every entity type of the Directive's catalog is exercised by at least one vector. */
START_TEST(every_entity_type_has_a_vector)
{
    for (size_t i = 0; i < nis2_ctx_entity_type_count(ctx); i++) {
        const char *code = nis2_ctx_entity_type_code(ctx, i);
        if (nis2_ctx_entity_type_country(ctx, i))      /* a national type: its overlay's vectors and suite test it */
            continue;
        int found = 0;
        size_t k;
        json_t *c;
        json_array_foreach(cases, k, c) {
            size_t j;
            json_t *a;
            json_array_foreach(json_object_get(json_object_get(c, "entity"), "activities"), j, a)
                found |= strcmp(json_string_value(a), code) == 0;
        }
        ck_assert_msg(found, "no vector uses entity type %s", code);
    }
}
END_TEST

/* The example entity of lib/schema/FORMATS.md §entity gives the directive block documented in §classification. */
START_TEST(contract_example_directive_block)
{
    const char *doc =
        "{\"schema\": 1, \"name\": \"Hospital Exemplo, E.P.E.\", \"country\": \"PT\","
        " \"activities\": [\"health.healthcare_provider\"],"
        " \"employees\": 1200, \"turnover_eur\": 95000000, \"balance_sheet_eur\": 80000000,"
        " \"previous_period\": {\"employees\": 1150, \"turnover_eur\": 90000000, \"balance_sheet_eur\": 78000000},"
        " \"flags\": {\"cer_critical_entity\": true}, \"national\": {\"PT\": {}}}";
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_classify_json(ctx, doc, strlen(doc), 0, &out, err), NIS2_OK);
    json_t *v = json_loads(out, 0, NULL);
    json_t *want = json_loads("{\"category\": \"essential\", \"decided_by\": \"NIS2 Art. 3(1)(a)\","
                              " \"grounds\": [\"NIS2 Art. 2(1)\", \"NIS2 Art. 3(1)(a)\", \"NIS2 Art. 3(1)(f)\"]}", 0, NULL);
    ck_assert_msg(json_equal(json_object_get(v, "directive"), want), "directive block: %s", out);
    ck_assert_str_eq(json_string_value(json_object_get(v, "size_class")), "large");
    ck_assert_str_eq(json_string_value(json_object_get(v, "country")), "PT");
    json_decref(want);
    json_decref(v);
    nis2_string_free(out);
    nis2_error_free(err);
}
END_TEST

/* Results are deterministic: the same input gives byte-identical output. */
START_TEST(output_is_deterministic)
{
    const char *doc = "{\"country\": \"FR\", \"activities\": [\"digital_infrastructure.cloud_provider\", \"manufacturing.machinery\"],"
                      " \"employees\": 120, \"turnover_eur\": 20000000}";
    char *a = NULL, *b = NULL;
    ck_assert_int_eq(nis2_classify_json(ctx, doc, strlen(doc), 0, &a, NULL), NIS2_OK);
    ck_assert_int_eq(nis2_classify_json(ctx, doc, strlen(doc), 0, &b, NULL), NIS2_OK);
    ck_assert_str_eq(a, b);
    nis2_string_free(a);
    nis2_string_free(b);
}
END_TEST

int main(void)
{
    setup();
    Suite *s = suite_create("NIS2 Arts 2-3: scope and category");
    TCase *tc = tcase_create("legal vectors");
    tcase_add_loop_test(tc, vector_case, 0, (int)json_array_size(cases));
    tcase_add_test(tc, every_entity_type_has_a_vector);
    tcase_add_test(tc, contract_example_directive_block);
    tcase_add_test(tc, output_is_deterministic);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    teardown();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
