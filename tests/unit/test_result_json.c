/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Contract §2 output: the fast compact writer of nis2_result_to_json() must give exactly the bytes of the
 * reference path (nis2i_result_to_value() + json_dumps with the library's flags), for every legal vector and for
 * names that need escaping. The writer exists for speed (tests/bench, README "Benchmarks"); this keeps it honest.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "model/names.h"
#include "vectors.h"

static void same_bytes(const nis2_result *r, const char *what)
{
    char *fast = NULL, *ref = NULL;
    ck_assert_int_eq(nis2_result_to_json(r, 0, &fast, NULL), NIS2_OK);
    json_t *v = nis2i_result_to_value(r);
    ck_assert_ptr_nonnull(v);
    nis2_status st = nis2i_json_dump(v, 0, &ref, NULL);
    json_decref(v);
    if (st != NIS2_OK) {         /* jansson cannot write it (invalid UTF-8): the fast path must have fallen back */
        nis2_string_free(fast);
        return;
    }
    ck_assert_msg(strcmp(fast, ref) == 0, "%s: fast writer differs from jansson\n fast: %s\n  ref: %s", what, fast, ref);
    nis2_string_free(fast);
    free(ref);
}

/* NIS2_JSON_NO_TRACE: the same document but for an empty "reasons" array. */
static void same_without_trace(nis2_ctx *ctx, const char *text, const char *id)
{
    char *full = NULL, *bare = NULL;
    ck_assert_int_eq(nis2_classify_json(ctx, text, strlen(text), 0, &full, NULL), NIS2_OK);
    ck_assert_int_eq(nis2_classify_json(ctx, text, strlen(text), NIS2_JSON_NO_TRACE, &bare, NULL), NIS2_OK);
    json_t *a = json_loads(full, 0, NULL), *b = json_loads(bare, 0, NULL);
    ck_assert_msg(a && b, "%s: output is not JSON", id);
    ck_assert_msg(json_array_size(json_object_get(b, "reasons")) == 0, "%s: NO_TRACE still has reasons", id);
    ck_assert_msg(json_array_size(json_object_get(a, "reasons")) > 0, "%s: the full result has no reasons", id);
    json_object_set_new(a, "reasons", json_array());
    ck_assert_msg(json_equal(a, b), "%s: NO_TRACE changed more than the reasons:\n%s\n%s", id, full, bare);
    json_decref(a);
    json_decref(b);
    nis2_string_free(full);
    nis2_string_free(bare);
}

static void check_file(const char *file)
{
    nis2_ctx *ctx = test_ctx();
    json_t *doc = vectors_load(file);
    size_t i;
    json_t *c;
    size_t n = 0;
    json_array_foreach(json_object_get(doc, "cases"), i, c) {
        char *text = json_dumps(json_object_get(c, "entity"), JSON_COMPACT);
        nis2_entity *e = NULL;
        if (nis2_entity_from_json(ctx, text, strlen(text), &e, NULL) == NIS2_OK) {
            nis2_result *r = NULL;
            if (nis2_classify(ctx, e, &r, NULL) == NIS2_OK) {
                same_bytes(r, json_string_value(json_object_get(c, "id")));
                same_without_trace(ctx, text, json_string_value(json_object_get(c, "id")));
                n++;
            }
            nis2_result_free(r);
        }
        nis2_entity_free(e);
        free(text);
    }
    ck_assert_uint_gt(n, 0);
    json_decref(doc);
    nis2_ctx_free(ctx);
}

START_TEST(directive_vectors) { check_file("classification.json"); }
END_TEST

START_TEST(portuguese_vectors) { check_file("classification_pt.json"); }
END_TEST

START_TEST(names_that_need_escaping)
{
    static const char *const names[] = {
        "plain", "quote \" and backslash \\", "controls \b\f\n\r\t\x01\x1f end", "del \x7f", "Łódź Égée €😀",
        "", "bad utf-8 \xff here", "overlong \xc0\xaf", "surrogate \xed\xa0\x80", "cut \xe2\x82",
    };
    nis2_ctx *ctx = test_ctx();
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        nis2_entity *e = NULL;
        ck_assert_int_eq(nis2_entity_new(ctx, &e, NULL), NIS2_OK);
        nis2_entity_set_country(e, i % 2 ? "PT" : "DE", NULL);
        nis2_entity_add_activity(e, "digital_infrastructure.cloud_provider", NULL);
        nis2_entity_set_figure(e, NIS2_PERIOD_LATEST, NIS2_FIGURE_EMPLOYEES, 49.5, NULL);
        nis2_entity_set_name(e, names[i], NULL);
        nis2_result *r = NULL;
        ck_assert_int_eq(nis2_classify(ctx, e, &r, NULL), NIS2_OK);
        same_bytes(r, names[i]);
        nis2_result_free(r);
        nis2_entity_free(e);
    }
    nis2_ctx_free(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("result-json");
    TCase *tc = tcase_create("fast writer = jansson");
    tcase_add_test(tc, directive_vectors);
    tcase_add_test(tc, portuguese_vectors);
    tcase_add_test(tc, names_that_need_escaping);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
