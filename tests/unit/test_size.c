/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Recommendation 2003/361/EC Annex Art. 2 — size classes, at every ceiling: headcount 9/10, 49/50, 249/250;
 * EUR 2M, 10M, 43M (balance sheet) and 50M (turnover) at, just under and just over; three-valued logic when a
 * figure is absent.
 */
#include <check.h>
#include <stdlib.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "model/names.h"
#include "vectors.h"

static nis2_ctx *ctx;

enum { E = 1, T = 2, B = 4 };

static nis2i_size sz(double awu, double t, double b, uint8_t set)
{
    double fig[3] = {awu, t, b};
    return nis2i_size_of_period(&ctx->sme, fig, set);
}

#define ALL (E | T | B)

START_TEST(headcount_boundaries)
{
    ck_assert_uint_eq(sz(9, 1e6, 1e6, ALL).cls, NIS2_SIZE_MICRO);
    ck_assert_uint_eq(sz(9.99, 1e6, 1e6, ALL).cls, NIS2_SIZE_MICRO);
    ck_assert_uint_eq(sz(10, 1e6, 1e6, ALL).cls, NIS2_SIZE_SMALL);
    ck_assert_uint_eq(sz(49, 9.9e6, 9.9e6, ALL).cls, NIS2_SIZE_SMALL);
    ck_assert_uint_eq(sz(49.5, 1e6, 1e6, ALL).cls, NIS2_SIZE_SMALL);
    ck_assert_uint_eq(sz(50, 1e6, 1e6, ALL).cls, NIS2_SIZE_MEDIUM);
    ck_assert_uint_eq(sz(249, 1e6, 1e6, ALL).cls, NIS2_SIZE_MEDIUM);
    ck_assert_uint_eq(sz(250, 1e6, 1e6, ALL).cls, NIS2_SIZE_LARGE);
}
END_TEST

START_TEST(micro_money_ceiling_eur_2m)
{
    ck_assert_uint_eq(sz(5, 2000000, 5e6, ALL).cls, NIS2_SIZE_MICRO);    /* turnover at the ceiling */
    ck_assert_uint_eq(sz(5, 1999999, 5e6, ALL).cls, NIS2_SIZE_MICRO);
    ck_assert_uint_eq(sz(5, 2000001, 2000001, ALL).cls, NIS2_SIZE_SMALL); /* both just over */
    ck_assert_uint_eq(sz(5, 2000001, 2000000, ALL).cls, NIS2_SIZE_MICRO); /* balance sheet saves it */
}
END_TEST

START_TEST(small_money_ceiling_eur_10m)
{
    ck_assert_uint_eq(sz(30, 10000000, 10000000, ALL).cls, NIS2_SIZE_SMALL);
    ck_assert_uint_eq(sz(30, 9999999, 10000001, ALL).cls, NIS2_SIZE_SMALL);
    ck_assert_uint_eq(sz(30, 10000001, 10000001, ALL).cls, NIS2_SIZE_MEDIUM);
    ck_assert_uint_eq(sz(30, 12e6, 8e6, ALL).cls, NIS2_SIZE_SMALL);   /* nis2-scope.md §1.2 */
    ck_assert_uint_eq(sz(30, 12e6, 11e6, ALL).cls, NIS2_SIZE_MEDIUM);
}
END_TEST

START_TEST(medium_money_ceilings_eur_50m_43m)
{
    ck_assert_uint_eq(sz(100, 50000000, 60e6, ALL).cls, NIS2_SIZE_MEDIUM);  /* turnover at 50M */
    ck_assert_uint_eq(sz(100, 50000001, 43000000, ALL).cls, NIS2_SIZE_MEDIUM); /* balance at 43M */
    ck_assert_uint_eq(sz(100, 50000001, 43000001, ALL).cls, NIS2_SIZE_LARGE);
    ck_assert_uint_eq(sz(100, 49999999, 43000001, ALL).cls, NIS2_SIZE_MEDIUM);
    ck_assert_uint_eq(sz(249, 60e6, 40e6, ALL).cls, NIS2_SIZE_MEDIUM);
    ck_assert_uint_eq(sz(249, 60e6, 44e6, ALL).cls, NIS2_SIZE_LARGE);
}
END_TEST

START_TEST(absent_figures_three_valued)
{
    nis2i_size s = sz(300, 0, 0, E);
    ck_assert_uint_eq(s.cls, NIS2_SIZE_LARGE);
    s = sz(5, 0, 1e6, E | B);
    ck_assert_uint_eq(s.cls, NIS2_SIZE_MICRO);
    s = sz(30, 12e6, 0, E | T);
    ck_assert_uint_eq(s.cls, NIS2_SIZE_UNKNOWN);
    ck_assert_int_eq(s.medium_or_larger, NIS2I_UNKNOWN);
    ck_assert_int_eq(s.large, NIS2I_NO);
    s = sz(0, 60e6, 50e6, T | B);                 /* money above every ceiling: large whatever the headcount */
    ck_assert_uint_eq(s.cls, NIS2_SIZE_LARGE);
    ck_assert_int_eq(s.medium_or_larger, NIS2I_YES);
    ck_assert_int_eq(s.large, NIS2I_YES);
    s = sz(100, 0, 0, E);                         /* 100 AWU: medium or large */
    ck_assert_int_eq(s.medium_or_larger, NIS2I_YES);
    ck_assert_int_eq(s.large, NIS2I_UNKNOWN);
    s = sz(0, 0, 0, 0);
    ck_assert_uint_eq(s.cls, NIS2_SIZE_UNKNOWN);
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    Suite *s = suite_create("Recommendation 2003/361/EC: size classes");
    TCase *tc = tcase_create("ceilings");
    tcase_add_test(tc, headcount_boundaries);
    tcase_add_test(tc, micro_money_ceiling_eur_2m);
    tcase_add_test(tc, small_money_ceiling_eur_10m);
    tcase_add_test(tc, medium_money_ceilings_eur_50m_43m);
    tcase_add_test(tc, absent_figures_three_valued);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nis2_ctx_free(ctx);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
