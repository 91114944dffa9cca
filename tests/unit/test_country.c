/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Country codes in any case: an entity's country, nis2_entity_set_country() and the keys of national facts accept
 * "de", "De", "dE" as "DE" and answer in upper case; Greece stays as it was ("EL" is the alias of "GR").
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <nis2/nis2.h>

#include "vectors.h"

static nis2_ctx *ctx;

static char *classify_text(const char *doc, uint32_t flags, nis2_status want)
{
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2_classify_json(ctx, doc, strlen(doc), flags, &out, err);
    ck_assert_msg(st == want, "%s: status %d: %s", doc, st, nis2_error_message(err));
    if (st) {
        char *m = malloc(1024);
        snprintf(m, 1024, "%s|%s", nis2_error_path(err), nis2_error_message(err));
        out = m;
    }
    nis2_error_free(err);
    return out;
}

static void free_text(char *s, nis2_status st)
{
    if (st)
        free(s);
    else
        nis2_string_free(s);
}

static char *entity_doc(const char *country, const char *rest)
{
    char *s = malloc(1024);
    snprintf(s, 1024, "{\"country\": \"%s\", %s}", country, rest);
    return s;
}

static const struct {
    const char *given, *canonical;
} cases[] = {
    {"de", "DE"}, {"De", "DE"}, {"dE", "DE"}, {"DE", "DE"}, {"pt", "PT"}, {"Pt", "PT"},
    {"el", "GR"}, {"El", "GR"}, {"EL", "GR"}, {"gr", "GR"}, {"GR", "GR"},   /* EL/GR as before, in any case */
    {"fr", "FR"}, {"at", "AT"},
};

START_TEST(country_in_any_case)
{
    const char *rest = "\"activities\": [\"health.healthcare_provider\"], \"employees\": 300";
    char *upper = entity_doc(cases[_i].canonical, rest), *given = entity_doc(cases[_i].given, rest);
    for (uint32_t flags = 0; flags <= NIS2_JSON_PRETTY; flags += NIS2_JSON_PRETTY) {   /* fast and strict paths */
        char *a = classify_text(upper, flags, NIS2_OK), *b = classify_text(given, flags, NIS2_OK);
        ck_assert_str_eq(a, b);          /* the same answer, byte for byte: the code is normalised */
        json_t *v = json_loads(b, 0, NULL);
        ck_assert_str_eq(json_string_value(json_object_get(v, "country")), cases[_i].canonical);
        json_decref(v);
        nis2_string_free(a);
        nis2_string_free(b);
    }
    /* the typed API */
    nis2_entity *e = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, cases[_i].given, err), NIS2_OK);
    char *js = NULL;
    ck_assert_int_eq(nis2_entity_to_json(e, 0, &js, err), NIS2_OK);
    char want[32];
    snprintf(want, sizeof want, "\"country\":\"%s\"", cases[_i].canonical);
    ck_assert_msg(strstr(js, want), "%s lacks %s", js, want);
    nis2_string_free(js);
    nis2_entity_free(e);
    nis2_error_free(err);
    free(upper);
    free(given);
}
END_TEST

static const char *const bad_countries[] = {"deu", "d", "", "xx", "XX", "us", "d\xc3\xa9", "DE ", " de", "d-", "uk"};

START_TEST(not_a_member_state_in_any_case)
{
    char *doc = entity_doc(bad_countries[_i], "\"activities\": []");
    char *m = classify_text(doc, 0, NIS2_ERR_UNKNOWN_CODE);
    ck_assert_msg(strncmp(m, "$.country|", 10) == 0, "%s", m);
    free_text(m, NIS2_ERR_UNKNOWN_CODE);
    nis2_entity *e = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, bad_countries[_i], err), NIS2_ERR_UNKNOWN_CODE);
    ck_assert_str_eq(nis2_error_path(err), "$.country");
    nis2_entity_free(e);
    nis2_error_free(err);
    free(doc);
}
END_TEST

/* National facts under a lower-case key are the same facts. */
START_TEST(national_keys_in_any_case)
{
#define REST_FMT "\"activities\": [], \"employees\": 900, \"turnover_eur\": 500000000.0, " \
                 "\"balance_sheet_eur\": 3000000000.0, \"flags\": {\"dora_financial_entity\": true, " \
                 "\"cer_critical_entity\": true}, \"national\": {\"%s\": {\"dora_competent_authority\": \"asf\"}}"
    char rest[512];
    snprintf(rest, sizeof rest, REST_FMT, "PT");
    char *upper = entity_doc("PT", rest);
    snprintf(rest, sizeof rest, REST_FMT, "pt");
    char *lower = entity_doc("pt", rest);
    char *a = classify_text(upper, 0, NIS2_OK), *b = classify_text(lower, 0, NIS2_OK);
    ck_assert_str_eq(a, b);
    /* and the facts matter: without them the answer differs, so the lower-case key was read */
    char *none = entity_doc("PT", "\"activities\": [], \"employees\": 900, \"turnover_eur\": 500000000.0, "
                                  "\"balance_sheet_eur\": 3000000000.0, \"flags\": {\"dora_financial_entity\": true, "
                                  "\"cer_critical_entity\": true}");
    char *c = classify_text(none, 0, NIS2_OK);
    ck_assert_str_ne(a, c);
    nis2_string_free(a);
    nis2_string_free(b);
    nis2_string_free(c);

    /* the entity keeps them under the upper-case code */
    nis2_entity *e = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_entity_from_json(ctx, lower, strlen(lower), &e, err), NIS2_OK);
    char *js = NULL;
    ck_assert_int_eq(nis2_entity_to_json(e, 0, &js, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(js, "\"national\":{\"PT\":{\"dora_competent_authority\":\"asf\"}}"));
    nis2_string_free(js);
    nis2_entity_free(e);

    /* nis2_entity_set_national_json with a lower-case code */
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, "pt", err), NIS2_OK);
    ck_assert_msg(nis2_entity_set_national_json(e, "pt", "{\"dora_competent_authority\": \"asf\"}", err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    ck_assert_int_eq(nis2_entity_to_json(e, 0, &js, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(js, "\"country\":\"PT\""));
    ck_assert_ptr_nonnull(strstr(js, "\"national\":{\"PT\":{"));
    nis2_string_free(js);
    nis2_entity_free(e);

    /* the same country twice in different case is an error naming it; x_ keys keep their spelling; EL stays EL */
    const char *twice = "{\"country\": \"PT\", \"activities\": [], \"national\": {\"PT\": {}, \"pt\": {}}}";
    ck_assert_int_eq(nis2_entity_from_json(ctx, twice, strlen(twice), &e, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.national.pt");
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "'PT' are given twice"));
    const char *vendor = "{\"country\": \"GR\", \"activities\": [], \"national\": {\"x_Acme\": 1, \"el\": {}}}";
    ck_assert_msg(nis2_entity_from_json(ctx, vendor, strlen(vendor), &e, err) == NIS2_OK, "%s", nis2_error_message(err));
    ck_assert_int_eq(nis2_entity_to_json(e, 0, &js, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(js, "\"national\":{\"x_Acme\":1,\"EL\":{}}"));
    nis2_string_free(js);
    nis2_entity_free(e);
    const char *badkey = "{\"country\": \"PT\", \"activities\": [], \"national\": {\"zz\": {}}}";
    ck_assert_int_eq(nis2_entity_from_json(ctx, badkey, strlen(badkey), &e, err), NIS2_ERR_UNKNOWN_CODE);
    ck_assert_str_eq(nis2_error_path(err), "$.national.zz");
    nis2_error_free(err);
    free(upper);
    free(lower);
    free(none);
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    Suite *s = suite_create("country codes in any case");
    TCase *tc = tcase_create("country");
    tcase_add_loop_test(tc, country_in_any_case, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_loop_test(tc, not_a_member_state_in_any_case, 0, (int)(sizeof bad_countries / sizeof bad_countries[0]));
    tcase_add_test(tc, national_keys_in_any_case);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
