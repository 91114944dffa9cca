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
#include "../fuzz/entity_same.h"

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

/* The fast entity reader (lib/json/entity_fast.c) agrees with the strict one on every vector entity, and takes
 * most of the Directive's: proof that the fast path is the one the vectors exercise. */
static void fast_path_file(const char *file, double min_share)
{
    nis2_ctx *ctx = test_ctx();
    json_t *doc = vectors_load(file);
    size_t i, taken = 0, n = 0;
    json_t *c;
    json_array_foreach(json_object_get(doc, "cases"), i, c) {
        char *text = json_dumps(json_object_get(c, "entity"), JSON_COMPACT);
        int accepted;
        ck_assert_msg(entity_paths_agree(ctx, text, strlen(text), &accepted) == 0, "%s: the readers disagree: %s",
                      json_string_value(json_object_get(c, "id")), text);
        taken += (size_t)accepted;
        n++;
        free(text);
    }
    ck_assert_msg((double)taken >= min_share * (double)n, "%s: fast path took %zu of %zu", file, taken, n);
    json_decref(doc);
    nis2_ctx_free(ctx);
}

START_TEST(fast_reader_on_vectors)
{
    fast_path_file("classification.json", 0.9);
    fast_path_file("classification_pt.json", 0.0);   /* national facts take the strict path */
}
END_TEST

/* Documents at the edges of what the fast path takes: each must be declined or read exactly as strictly. */
START_TEST(fast_reader_edges)
{
    static const struct { const char *doc; int taken; } cases[] = {
        {"{\"country\":\"DE\",\"activities\":[]}", 1},
        {" {\"country\" : \"DE\" , \"activities\" : [ ] }\n", 1},
        {"{\"schema\":1,\"country\":\"DE\",\"activities\":[\"energy.electricity.supplier\"],\"employees\":250}", 1},
        {"{\"country\":\"DE\",\"activities\":[],\"employees\":249.99,\"turnover_eur\":0.1}", 1},
        {"{\"country\":\"DE\",\"activities\":[],\"employees\":0.30000000000000004}", 0},   /* 17 digits */
        {"{\"country\":\"DE\",\"activities\":[],\"employees\":1e2}", 0},                   /* exponent */
        {"{\"country\":\"DE\",\"activities\":[],\"employees\":-0}", 0},                    /* negative */
        {"{\"country\":\"DE\",\"activities\":[],\"employees\":01}", 0},                    /* malformed */
        {"{\"country\":\"DE\",\"activities\":[],\"employees\":1.}", 0},
        {"{\"country\":\"DE\",\"activities\":[],\"employees\":null}", 1},
        {"{\"schema\":1.0,\"country\":\"DE\",\"activities\":[]}", 0},
        {"{\"schema\":10,\"country\":\"DE\",\"activities\":[]}", 0},
        {"{\"country\":\"DE\",\"country\":\"FR\",\"activities\":[]}", 0},               /* duplicate */
        {"{\"country\":\"D\\u0045\",\"activities\":[]}", 0},                              /* escape */
        {"{\"country\":\"DE\",\"activities\":[],\"x_vendor\":1}", 0},
        {"{\"country\":\"DE\",\"activities\":[],\"national\":{}}", 0},
        {"{\"country\":\"XX\",\"activities\":[]}", 0},
        {"{\"country\":\"DE\",\"activities\":[\"no.such.code\"]}", 0},
        {"{\"country\":\"DE\",\"activities\":[]} x", 0},
        {"{\"country\":\"DE\",\"activities\":[],}", 0},
        {"{\"country\":\"DE\"}", 0},
        {"{\"name\":\"\xc5\x81\xc3\xb3" "d\xc5\xba GmbH\",\"country\":\"PL\",\"activities\":[]}", 1},
        {"{\"name\":\"\xc5\",\"country\":\"PL\",\"activities\":[]}", 0},               /* bad UTF-8 */
        {"{\"name\":null,\"country\":\"PL\",\"activities\":[]}", 1},
        {"{\"country\":\"DE\",\"activities\":[],\"flags\":{\"sole_provider\":true,"
         "\"member_state_designation\":\"important\",\"provides_services_in_union\":false}}", 1},
        {"{\"country\":\"DE\",\"activities\":[],\"flags\":{\"sole_provider\":1}}", 0},
        {"{\"country\":\"DE\",\"activities\":[],\"flags\":{\"sole_provider\":true,\"sole_provider\":false}}", 0},
        {"{\"country\":\"DE\",\"activities\":[],\"previous_period\":{\"employees\":49,\"turnover_eur\":null}}", 1},
        {"{\"country\":\"DE\",\"activities\":[],\"previous_period\":{\"x_note\":1}}", 0},
        {"{\"country\":\"DE\",\"activities\":[\"energy.electricity.supplier\",\"energy.electricity.supplier\"]}", 1},
        {"[]", 0},
        {"", 0},
    };
    nis2_ctx *ctx = test_ctx();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int accepted;
        ck_assert_msg(entity_paths_agree(ctx, cases[i].doc, strlen(cases[i].doc), &accepted) == 0,
                      "case %zu: the readers disagree: %s", i, cases[i].doc);
        ck_assert_msg(accepted == cases[i].taken, "case %zu: fast path %s it: %s", i,
                      accepted ? "took" : "declined", cases[i].doc);
    }
    nis2_ctx_free(ctx);
}
END_TEST

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
    tcase_add_test(tc, fast_reader_on_vectors);
    tcase_add_test(tc, fast_reader_edges);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
