/* SPDX-License-Identifier: Apache-2.0 */
/* The loader kit (lib/compile/reader.h): every reader, every defect named by its JSON path, stickiness. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "compile/reader.h"

static json_t *doc(const char *text)
{
    json_t *v = json_loads(text, 0, NULL);
    ck_assert_ptr_nonnull(v);
    return v;
}

START_TEST(paths_push_and_pop)
{
    nis2i_reader R;
    nis2i_rd_init(&R, NULL, NIS2_ERR_CATALOG, "catalog", "$");
    nis2i_rd_push_key(&R, "obligations");
    nis2i_rd_push_index(&R, 12);
    nis2i_rd_push_key(&R, "deadline");
    ck_assert_str_eq(nis2i_rd_path(&R), "$.obligations[12].deadline");
    nis2i_rd_pop(&R);
    ck_assert_str_eq(nis2i_rd_path(&R), "$.obligations[12]");
    nis2i_rd_pop(&R);
    nis2i_rd_pop(&R);
    ck_assert_str_eq(nis2i_rd_path(&R), "$");
    nis2i_rd_pop(&R);            /* popping the root is a no-op */
    ck_assert_str_eq(nis2i_rd_path(&R), "$");
}
END_TEST

START_TEST(strings_required_optional_and_wrong)
{
    nis2_error *err = nis2_error_new();
    json_t *o = doc("{\"a\": \"x\", \"b\": 3, \"c\": \"\", \"n\": null}");
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$.part");
    ck_assert_str_eq(nis2i_rd_str(&R, o, "a", true), "x");
    ck_assert_ptr_null(nis2i_rd_str(&R, o, "zz", false));
    ck_assert_ptr_null(nis2i_rd_str(&R, o, "n", false));
    ck_assert_int_eq(R.st, NIS2_OK);
    ck_assert_ptr_null(nis2i_rd_str(&R, o, "b", true));
    ck_assert_int_eq(R.st, NIS2_ERR_CATALOG);
    ck_assert_str_eq(nis2_error_path(err), "$.part.b");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.part.b: expected a non-empty string, not a number");
    /* sticky: a later defect does not replace the first */
    ck_assert_ptr_null(nis2i_rd_str(&R, o, "c", true));
    ck_assert_str_eq(nis2_error_path(err), "$.part.b");
    json_decref(o);

    o = doc("{\"c\": \"\"}");
    nis2i_rd_init(&R, err, NIS2_ERR_INVALID_FIELD, NULL, "$");
    ck_assert_ptr_null(nis2i_rd_str(&R, o, "c", true));
    ck_assert_str_eq(nis2_error_message(err), "$.c: expected a non-empty string, not a string");
    nis2i_rd_init(&R, err, NIS2_ERR_INVALID_FIELD, NULL, "$");
    ck_assert_ptr_null(nis2i_rd_str(&R, o, "missing", true));
    ck_assert_int_eq(R.st, NIS2_ERR_MISSING_FIELD);
    ck_assert_str_eq(nis2_error_message(err), "$.missing: required (a non-empty string)");
    json_decref(o);
    nis2_error_free(err);
}
END_TEST

START_TEST(numbers_at_and_past_their_bounds)
{
    nis2_error *err = nis2_error_new();
    json_t *o = doc("{\"lo\": 0, \"hi\": 100, \"under\": -0.5, \"over\": 100.5, \"s\": \"1\"}");
    nis2i_reader R;
    double d = -1;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    ck_assert(nis2i_rd_num(&R, o, "lo", 0, 100, true, &d) && d == 0);
    ck_assert(nis2i_rd_num(&R, o, "hi", 0, 100, true, &d) && d == 100);
    ck_assert(!nis2i_rd_num(&R, o, "absent", 0, 100, false, &d) && d == 100 && R.st == NIS2_OK);
    ck_assert(!nis2i_rd_num(&R, o, "under", 0, 100, true, &d));
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.under: expected a number from 0 to 100, not -0.5");
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    ck_assert(!nis2i_rd_num(&R, o, "over", 0, 100, true, &d));
    ck_assert_str_eq(nis2_error_path(err), "$.over");
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    ck_assert(!nis2i_rd_num(&R, o, "s", 0, 100, true, &d));
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.s: expected a number, not a string");
    json_decref(o);
    nis2_error_free(err);
}
END_TEST

START_TEST(dates_real_days_only)
{
    nis2_error *err = nis2_error_new();
    json_t *o = doc("{\"epoch\": \"1970-01-01\", \"leap\": \"2024-02-29\", \"noleap\": \"2025-02-29\","
                    " \"c1900\": \"1900-02-29\", \"c2000\": \"2000-02-29\", \"short\": \"2025-1-01\","
                    " \"junk\": \"2025-01-01x\", \"m13\": \"2025-13-01\"}");
    nis2i_reader R;
    int32_t days = 0;
    nis2i_rd_init(&R, err, NIS2_ERR_INVALID_FIELD, NULL, "$");
    ck_assert(nis2i_rd_date(&R, o, "epoch", true, &days) && days == 0);
    ck_assert(nis2i_rd_date(&R, o, "leap", true, &days) && days == 19782);
    ck_assert(nis2i_rd_date(&R, o, "c2000", true, &days) && days == 11016);
    static const char *const bad[] = {"noleap", "c1900", "short", "junk", "m13"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nis2i_rd_init(&R, err, NIS2_ERR_INVALID_FIELD, NULL, "$");
        ck_assert_msg(!nis2i_rd_date(&R, o, bad[i], true, &days), "%s accepted", bad[i]);
        ck_assert_int_eq(R.st, NIS2_ERR_INVALID_FIELD);
        ck_assert(strstr(nis2_error_message(err), "expected a date YYYY-MM-DD") != NULL);
    }
    int32_t d2;
    ck_assert(nis2i_civil_days(2026, 12, 2, &d2) && d2 == 20789);
    ck_assert(!nis2i_civil_days(2026, 11, 31, &d2));
    json_decref(o);
    nis2_error_free(err);
}
END_TEST

START_TEST(enums_list_every_name)
{
    static const char *const names[] = {"low", "medium", "high", "critical", NULL};
    nis2_error *err = nis2_error_new();
    json_t *o = doc("{\"level\": \"high\", \"bad\": \"severe\"}");
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_INVALID_FIELD, NULL, "$.risks[0]");
    ck_assert_int_eq(nis2i_rd_enum(&R, o, "level", names, true), 2);
    ck_assert_int_eq(nis2i_rd_enum(&R, o, "absent", names, false), -1);
    ck_assert_int_eq(R.st, NIS2_OK);
    ck_assert_int_eq(nis2i_rd_enum(&R, o, "bad", names, true), -1);
    ck_assert_str_eq(nis2_error_message(err),
                     "$.risks[0].bad: \"severe\" is not one of low, medium, high or critical");
    json_decref(o);
    nis2_error_free(err);
}
END_TEST

START_TEST(arrays_objects_and_codes)
{
    nis2_error *err = nis2_error_new();
    json_t *o = doc("{\"a\": [\"x\", \"y\"], \"o\": {}, \"bad\": [\"x\", 3], \"num\": 1}");
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    ck_assert_ptr_nonnull(nis2i_rd_array(&R, o, "a", true));
    ck_assert_ptr_nonnull(nis2i_rd_object(&R, o, "o", true));
    ck_assert_int_eq(nis2i_rd_codes(&R, o, "a", true), 2);
    ck_assert_int_eq(nis2i_rd_codes(&R, o, "none", false), 0);
    ck_assert_int_eq(nis2i_rd_codes(&R, o, "bad", true), -1);
    ck_assert_str_eq(nis2_error_path(err), "$.bad[1]");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.bad[1]: expected a non-empty string, not a number");
    ck_assert_str_eq(nis2i_rd_path(&R), "$");
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    ck_assert_ptr_null(nis2i_rd_array(&R, o, "num", true));
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.num: expected an array, not a number");
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    ck_assert_ptr_null(nis2i_rd_object(&R, o, "a", true));
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.a: expected an object, not an array");
    json_decref(o);
    nis2_error_free(err);
}
END_TEST

START_TEST(unknown_keys_and_vendor_extensions)
{
    static const char *const keys[] = {"id", "title", NULL};
    nis2_error *err = nis2_error_new();
    json_t *ok = doc("{\"id\": 1, \"x_vendor\": true}"), *bad = doc("{\"id\": 1, \"titel\": 2}");
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$.changes[0]");
    ck_assert(nis2i_rd_keys(&R, ok, keys));
    ck_assert(!nis2i_rd_keys(&R, bad, keys));
    ck_assert_int_eq(R.st, NIS2_ERR_UNKNOWN_KEY);
    ck_assert_str_eq(nis2_error_path(err), "$.changes[0].titel");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.changes[0].titel: unknown key (expected id and title; "
                                              "vendor extensions start with x_)");
    json_decref(ok);
    json_decref(bad);
    nis2_error_free(err);
}
END_TEST

START_TEST(long_paths_are_cut_not_overrun)
{
    nis2i_reader R;
    nis2i_rd_init(&R, NULL, NIS2_ERR_CATALOG, "catalog", "$");
    char key[120];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    for (int i = 0; i < 60; i++)
        nis2i_rd_push_key(&R, key);
    ck_assert(R.truncated);
    ck_assert_uint_lt(strlen(nis2i_rd_path(&R)), sizeof R.path);
    for (int i = 0; i < 60; i++)
        nis2i_rd_pop(&R);
    ck_assert_str_eq(nis2i_rd_path(&R), "$");
}
END_TEST

START_TEST(out_of_memory_is_one_message)
{
    nis2_error *err = nis2_error_new();
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    ck_assert_int_eq(nis2i_rd_nomem(&R), NIS2_ERR_NOMEM);
    ck_assert_str_eq(nis2_error_message(err), "out of memory");
    nis2_error_free(err);
}
END_TEST

START_TEST(forms_of_the_one_formatter)
{
    nis2_error *err = nis2_error_new();
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$.controls");
    nis2i_rd_set_index(&R, "$.changes", 2);
    ck_assert_str_eq(nis2i_rd_path(&R), "$.changes[2]");
    ck_assert_int_eq(nis2i_rd_bad(&R, "date %s is later", "2026-01-01"), NIS2_ERR_CATALOG);
    ck_assert_str_eq(nis2_error_path(err), "$.changes[2]");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.changes[2]: date 2026-01-01 is later");

    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
    nis2i_rd_set(&R, "$.sme_thresholds");
    nis2i_rd_push_key(&R, "micro");
    nis2i_rd_failf(&R, NIS2_ERR_CATALOG, NIS2I_FORM_THEN, "must be an object");
    ck_assert_str_eq(nis2_error_path(err), "$.sme_thresholds.micro");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.sme_thresholds.micro must be an object");
    nis2i_rd_pop(&R);            /* set emptied the stack: the pop goes back to the new root */
    ck_assert_str_eq(nis2i_rd_path(&R), "$.sme_thresholds");

    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$.member_states[3]");
    nis2i_rd_failf(&R, NIS2_ERR_CATALOG, NIS2I_FORM_BARE, "member state '%s' is listed twice", "PT");
    ck_assert_str_eq(nis2_error_path(err), "$.member_states[3]");
    ck_assert_str_eq(nis2_error_message(err), "catalog: member state 'PT' is listed twice");

    /* without a prefix; and the util-level form, with no path at all */
    nis2i_rd_init(&R, err, NIS2_ERR_INVALID_FIELD, NULL, "$.entity");
    nis2i_rd_bad(&R, "bad");
    ck_assert_int_eq(nis2_error_code(err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_message(err), "$.entity: bad");
    nis2i_fail_at(err, NIS2_ERR_CATALOG, "catalog", NULL, NIS2I_FORM_BARE, "$.overlays[%d] is not loaded", 1);
    ck_assert_str_eq(nis2_error_path(err), "");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.overlays[1] is not loaded");
    nis2i_fail_at(err, NIS2_ERR_CATALOG, "catalog", NULL, NIS2I_FORM_AT, "x");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $: x");

    /* the message is cut at 399 bytes; prefix and path come on top */
    char big[600];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    nis2i_fail_at(err, NIS2_ERR_CATALOG, "catalog", "$.p", NIS2I_FORM_AT, "%s", big);
    ck_assert_uint_eq(strlen(nis2_error_message(err)), strlen("catalog: $.p: ") + 399);
    nis2_error_free(err);
}
END_TEST

START_TEST(field_readers_in_the_catalog_wording)
{
    nis2_error *err = nis2_error_new();
    json_t *o = doc("{\"s\": \"x\", \"e\": \"\", \"n\": null, \"k\": 2.5, \"z\": 0, \"neg\": -1, \"t\": \"3\"}");
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$.obligations[0]");
    ck_assert_str_eq(nis2i_rd_field_str(&R, o, "s", NIS2I_FIELD_REQUIRED), "x");
    ck_assert_ptr_null(nis2i_rd_field_str(&R, o, "n", NIS2I_FIELD_NULLABLE));
    ck_assert_ptr_null(nis2i_rd_field_str(&R, o, "absent", NIS2I_FIELD_NULLABLE | NIS2I_FIELD_SAY_NULL));
    double d = 7;
    ck_assert(nis2i_rd_field_num(&R, o, "k", NIS2I_FIELD_REQUIRED, &d));
    ck_assert(d == 2.5);
    ck_assert(nis2i_rd_field_num(&R, o, "z", NIS2I_FIELD_REQUIRED, &d));   /* 0: the bound itself */
    ck_assert(d == 0);
    ck_assert(nis2i_rd_field_num(&R, o, "n", NIS2I_FIELD_NULLABLE, &d));
    ck_assert(d == -1);
    ck_assert_int_eq(R.st, NIS2_OK);

    /* the failure names the object's path, not the field's */
    ck_assert_ptr_null(nis2i_rd_field_str(&R, o, "e", NIS2I_FIELD_REQUIRED));
    ck_assert_int_eq(R.st, NIS2_ERR_CATALOG);
    ck_assert_str_eq(nis2_error_path(err), "$.obligations[0]");
    ck_assert_str_eq(nis2_error_message(err), "catalog: $.obligations[0]: field 'e' must be a non-empty string");
    ck_assert_ptr_null(nis2i_rd_field_str(&R, o, "s", NIS2I_FIELD_REQUIRED));   /* sticky */

    struct { const char *key; unsigned flags; const char *msg; } str_cases[] = {
        {"absent", NIS2I_FIELD_REQUIRED, "catalog: $: field 'absent' must be a non-empty string"},
        {"n", NIS2I_FIELD_REQUIRED, "catalog: $: field 'n' must be a non-empty string"},
        {"e", NIS2I_FIELD_NULLABLE | NIS2I_FIELD_SAY_NULL, "catalog: $: field 'e' must be a non-empty string or null"},
        {"absent", NIS2I_FIELD_SAY_REQUIRED, "catalog: $: field 'absent' is required (a non-empty string)"},
        {"n", NIS2I_FIELD_SAY_REQUIRED, "catalog: $: field 'n' is required (a non-empty string)"},
        {"z", NIS2I_FIELD_SAY_REQUIRED, "catalog: $: field 'z' must be a non-empty string"},
    };
    for (size_t i = 0; i < sizeof str_cases / sizeof str_cases[0]; i++) {
        nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
        ck_assert_ptr_null(nis2i_rd_field_str(&R, o, str_cases[i].key, str_cases[i].flags));
        ck_assert_str_eq(nis2_error_message(err), str_cases[i].msg);
    }
    struct { const char *key; unsigned flags; const char *msg; } num_cases[] = {
        {"neg", NIS2I_FIELD_REQUIRED, "catalog: $: field 'neg' must be a number >= 0"},
        {"t", NIS2I_FIELD_REQUIRED, "catalog: $: field 't' must be a number >= 0"},
        {"absent", NIS2I_FIELD_REQUIRED, "catalog: $: field 'absent' must be a number >= 0"},
        {"neg", NIS2I_FIELD_NULLABLE | NIS2I_FIELD_SAY_NULL, "catalog: $: field 'neg' must be a number >= 0 or null"},
    };
    for (size_t i = 0; i < sizeof num_cases / sizeof num_cases[0]; i++) {
        nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$");
        d = 9;
        ck_assert(!nis2i_rd_field_num(&R, o, num_cases[i].key, num_cases[i].flags, &d));
        ck_assert(d == 9);
        ck_assert_str_eq(nis2_error_message(err), num_cases[i].msg);
    }
    json_decref(o);
    nis2_error_free(err);
}
END_TEST

static nis2_status alloc_step(nis2i_reader *R, const void *p)
{
    NIS2I_CHECK_ALLOC(R, p);
    return NIS2_OK;
}

START_TEST(check_alloc_returns_nomem)
{
    nis2_error *err = nis2_error_new();
    nis2i_reader R;
    nis2i_rd_init(&R, err, NIS2_ERR_CATALOG, "catalog", "$.x");
    int here;
    ck_assert_int_eq(alloc_step(&R, &here), NIS2_OK);
    ck_assert_int_eq(R.st, NIS2_OK);
    ck_assert_int_eq(alloc_step(&R, NULL), NIS2_ERR_NOMEM);
    ck_assert_int_eq(R.st, NIS2_ERR_NOMEM);
    ck_assert_int_eq(nis2_error_code(err), NIS2_ERR_NOMEM);
    ck_assert_str_eq(nis2_error_message(err), "out of memory");
    ck_assert_str_eq(nis2_error_path(err), "");        /* out of memory names no path */
    ck_assert_int_eq(nis2i_rd_bad(&R, "later"), NIS2_ERR_NOMEM);   /* sticky */
    ck_assert_str_eq(nis2_error_message(err), "out of memory");
    nis2_error_clear(err);
    ck_assert_int_eq(nis2i_nomem(err), NIS2_ERR_NOMEM);
    ck_assert_str_eq(nis2_error_message(err), "out of memory");
    ck_assert_int_eq(nis2i_nomem(NULL), NIS2_ERR_NOMEM);
    nis2_error_free(err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("loader-kit");
    TCase *tc = tcase_create("reader");
    tcase_add_test(tc, paths_push_and_pop);
    tcase_add_test(tc, strings_required_optional_and_wrong);
    tcase_add_test(tc, numbers_at_and_past_their_bounds);
    tcase_add_test(tc, dates_real_days_only);
    tcase_add_test(tc, enums_list_every_name);
    tcase_add_test(tc, arrays_objects_and_codes);
    tcase_add_test(tc, unknown_keys_and_vendor_extensions);
    tcase_add_test(tc, long_paths_are_cut_not_overrun);
    tcase_add_test(tc, out_of_memory_is_one_message);
    tcase_add_test(tc, forms_of_the_one_formatter);
    tcase_add_test(tc, field_readers_in_the_catalog_wording);
    tcase_add_test(tc, check_alloc_returns_nomem);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
