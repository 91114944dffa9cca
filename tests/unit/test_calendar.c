/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Unit tests for lib/rules/calendar.{h,c} (libcheck). Portugal's holidays are those of the embedded catalog's
 * overlay (calendar.holiday_rule, compiled by compile/incident_load.c); the holiday mechanism is also tested on a
 * synthetic set.
 */
#include <check.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

#include "model/incident.h"
#include "model/model.h"
#include "rules/calendar.h"
#include "rules/overlay.h"

/* The holidays of the embedded Portuguese overlay (set in main). */
static const nis2i_holiday_set *PT;

static int is_pt_holiday(int32_t day)
{
    return nis2i_cal_is_holiday(PT, day);
}

static const char *pt_holiday_name(int32_t day)
{
    return nis2i_cal_holiday_name(PT, day);
}

/* ------------------------------------------------------------------------ */
/* helpers                                                                  */
/* ------------------------------------------------------------------------ */

static int64_t parse_ok(const char *s, int32_t *off)
{
    int64_t t = 0;
    int32_t o = 0;
    int rc = nis2i_cal_parse_rfc3339(s, &t, &o);
    ck_assert_msg(rc == 0, "expected '%s' to parse, rc=%d", s, rc);
    if (off != NULL) {
        *off = o;
    }
    return t;
}

static int32_t day_of(int32_t y, int m, int d)
{
    return nis2i_cal_days_from_civil(y, m, d);
}

static void assert_utc_str(int64_t t, const char *expected)
{
    char buf[21];
    nis2i_cal_format_utc(t, buf);
    ck_assert_str_eq(buf, expected);
}

static void assert_day_str(int32_t d, const char *expected)
{
    char buf[11];
    nis2i_cal_format_date(d, buf);
    ck_assert_str_eq(buf, expected);
}

/* add_months on a parsed timestamp, formatted in UTC */
static void assert_add_months(const char *start, int months,
                              const char *expected_utc)
{
    int32_t off = 0;
    int64_t t = parse_ok(start, &off);
    assert_utc_str(nis2i_cal_add_months(t, off, months), expected_utc);
}

/* ------------------------------------------------------------------------ */
/* civil helpers                                                            */
/* ------------------------------------------------------------------------ */

START_TEST(test_leap_and_month_lengths)
{
    ck_assert_int_eq(nis2i_cal_is_leap_year(2000), 1);
    ck_assert_int_eq(nis2i_cal_is_leap_year(1900), 0);
    ck_assert_int_eq(nis2i_cal_is_leap_year(2024), 1);
    ck_assert_int_eq(nis2i_cal_is_leap_year(2026), 0);
    ck_assert_int_eq(nis2i_cal_is_leap_year(2028), 1);
    ck_assert_int_eq(nis2i_cal_is_leap_year(2100), 0);
    ck_assert_int_eq(nis2i_cal_is_leap_year(2400), 1);
    ck_assert_int_eq(nis2i_cal_is_leap_year(0), 1);
    ck_assert_int_eq(nis2i_cal_is_leap_year(-4), 1);
    ck_assert_int_eq(nis2i_cal_is_leap_year(-100), 0);
    ck_assert_int_eq(nis2i_cal_is_leap_year(-400), 1);

    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 1), 31);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 2), 28);
    ck_assert_int_eq(nis2i_cal_days_in_month(2028, 2), 29);
    ck_assert_int_eq(nis2i_cal_days_in_month(2100, 2), 28);
    ck_assert_int_eq(nis2i_cal_days_in_month(2000, 2), 29);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 4), 30);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 6), 30);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 9), 30);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 11), 30);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 12), 31);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 0), 0);
    ck_assert_int_eq(nis2i_cal_days_in_month(2026, 13), 0);
}
END_TEST

START_TEST(test_days_from_civil_known)
{
    ck_assert_int_eq(day_of(1970, 1, 1), 0);
    ck_assert_int_eq(day_of(1970, 1, 2), 1);
    ck_assert_int_eq(day_of(1969, 12, 31), -1);
    ck_assert_int_eq(day_of(2000, 3, 1), 11017);
    ck_assert_int_eq(day_of(2026, 5, 4), 20577);
    ck_assert_int_eq(day_of(0, 1, 1), -719528);
    ck_assert_int_eq(day_of(9999, 12, 31), 2932896);
}
END_TEST

START_TEST(test_civil_round_trip)
{
    int32_t d;
    int32_t prev_y = 0;
    int prev_m = 0, prev_d = 0;
    /* years ~ -220 .. 10000: every day, checking consecutiveness too */
    for (d = -800000; d <= 2933000; d++) {
        int32_t y;
        int m, dd;
        nis2i_cal_civil_from_days(d, &y, &m, &dd);
        /* plain if + ck_abort_msg in hot loops: every passing ck_assert
         * records a checkpoint, which is slow over millions of days */
        if (m < 1 || m > 12 || dd < 1 ||
            dd > nis2i_cal_days_in_month(y, m)) {
            ck_abort_msg("invalid civil date for day %d", (int)d);
        }
        if (day_of(y, m, dd) != d) {
            ck_abort_msg("round trip failed for day %d", (int)d);
        }
        if (d > -800000) {
            int ok = (y == prev_y && m == prev_m && dd == prev_d + 1) ||
                     (y == prev_y && m == prev_m + 1 && dd == 1 &&
                      prev_d == nis2i_cal_days_in_month(prev_y, prev_m)) ||
                     (y == prev_y + 1 && m == 1 && dd == 1 && prev_m == 12 &&
                      prev_d == 31);
            if (!ok) {
                ck_abort_msg("non-consecutive dates at day %d", (int)d);
            }
        }
        prev_y = y;
        prev_m = m;
        prev_d = dd;
    }
    /* NULL outputs are allowed */
    nis2i_cal_civil_from_days(0, NULL, NULL, NULL);
}
END_TEST

START_TEST(test_weekday)
{
    ck_assert_int_eq(nis2i_cal_weekday(0), 3);             /* Thu 1970-01-01 */
    ck_assert_int_eq(nis2i_cal_weekday(-1), 2);            /* Wed 1969-12-31 */
    ck_assert_int_eq(nis2i_cal_weekday(-3), 0);            /* Mon 1969-12-29 */
    ck_assert_int_eq(nis2i_cal_weekday(-4), 6);            /* Sun 1969-12-28 */
    ck_assert_int_eq(nis2i_cal_weekday(day_of(2000, 1, 1)), 5);  /* Sat */
    ck_assert_int_eq(nis2i_cal_weekday(day_of(2026, 5, 4)), 0);  /* Mon */
    ck_assert_int_eq(nis2i_cal_weekday(day_of(2026, 12, 1)), 1); /* Tue */
    ck_assert_int_eq(nis2i_cal_weekday(day_of(2026, 12, 8)), 1); /* Tue */
    ck_assert_int_eq(nis2i_cal_weekday(day_of(2027, 1, 1)), 4);  /* Fri */
    ck_assert_int_eq(nis2i_cal_weekday(day_of(2026, 4, 5)), 6);  /* Sun */
    ck_assert_int_eq(nis2i_cal_is_weekend(day_of(2026, 5, 9)), 1);
    ck_assert_int_eq(nis2i_cal_is_weekend(day_of(2026, 5, 10)), 1);
    ck_assert_int_eq(nis2i_cal_is_weekend(day_of(2026, 5, 11)), 0);
    ck_assert_int_eq(nis2i_cal_is_weekend(day_of(2026, 5, 8)), 0);
}
END_TEST

START_TEST(test_local_day)
{
    int32_t off;
    int64_t t = parse_ok("2026-05-04T23:30:00-05:00", &off);
    ck_assert_int_eq(nis2i_cal_local_day(t, off), day_of(2026, 5, 4));
    ck_assert_int_eq(nis2i_cal_local_day(t, 0), day_of(2026, 5, 5));
    ck_assert_int_eq(nis2i_cal_local_day(-1, 0), -1);
    ck_assert_int_eq(nis2i_cal_local_day(0, -1), -1);
    ck_assert_int_eq(nis2i_cal_local_day(-86400, 0), -1);
    ck_assert_int_eq(nis2i_cal_local_day(-86401, 0), -2);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* RFC 3339 parsing                                                         */
/* ------------------------------------------------------------------------ */

START_TEST(test_parse_valid)
{
    int32_t off = 12345;
    int64_t t;

    t = parse_ok("2026-05-04T08:30:00Z", &off);
    ck_assert_int_eq(t, 1777883400);
    ck_assert_int_eq(off, 0);

    t = parse_ok("2026-05-04T09:30:00+01:00", &off);
    ck_assert_int_eq(t, 1777883400);
    ck_assert_int_eq(off, 3600);

    t = parse_ok("2026-05-04T03:00:00-05:30", &off);
    ck_assert_int_eq(t, 1777883400);
    ck_assert_int_eq(off, -19800);

    t = parse_ok("2026-05-04T08:30:00+00:00", &off);
    ck_assert_int_eq(t, 1777883400);
    ck_assert_int_eq(off, 0);

    t = parse_ok("2026-05-04T08:30:00-00:00", &off); /* unknown offset */
    ck_assert_int_eq(t, 1777883400);
    ck_assert_int_eq(off, 0);

    /* lower-case separators */
    t = parse_ok("2026-05-04t08:30:00z", &off);
    ck_assert_int_eq(t, 1777883400);
    t = parse_ok("2026-05-04t09:30:00+01:00", &off);
    ck_assert_int_eq(t, 1777883400);

    /* fractional seconds are truncated */
    ck_assert_int_eq(parse_ok("2026-05-04T08:30:00.5Z", NULL), 1777883400);
    ck_assert_int_eq(parse_ok("2026-05-04T08:30:00.999999999999Z", NULL),
                     1777883400);
    ck_assert_int_eq(parse_ok("2026-05-04T08:30:59.999+00:00", NULL),
                     1777883459);
    ck_assert_int_eq(parse_ok("2026-05-04T09:30:00.123456+01:00", &off),
                     1777883400);
    ck_assert_int_eq(off, 3600);

    /* extremes */
    ck_assert_int_eq(parse_ok("1970-01-01T00:00:00Z", NULL), 0);
    ck_assert_int_eq(parse_ok("9999-12-31T23:59:59Z", NULL), 253402300799LL);
    ck_assert_int_eq(parse_ok("1970-01-01T00:30:00+01:00", NULL), -1800);
    ck_assert_int_eq(parse_ok("2026-05-04T00:00:00+23:59", &off),
                     1777852800LL - 86340);
    ck_assert_int_eq(off, 86340);
    ck_assert_int_eq(parse_ok("2026-05-04T00:00:00-23:59", &off),
                     1777852800LL + 86340);
    ck_assert_int_eq(off, -86340);

    /* leap days */
    ck_assert_int_eq(parse_ok("2028-02-29T12:00:00Z", NULL),
                     (int64_t)day_of(2028, 2, 29) * 86400 + 43200);
    parse_ok("2000-02-29T00:00:00Z", NULL);
    parse_ok("2026-12-31T23:59:59Z", NULL);

    /* offset output is optional */
    ck_assert_int_eq(nis2i_cal_parse_rfc3339("2026-05-04T08:30:00Z", &t, NULL),
                     0);
    ck_assert_int_eq(t, 1777883400);
}
END_TEST

static const char *const invalid_rfc3339[] = {
    "",
    "2026",
    "2026-05",
    "2026-05-04",
    "2026-05-04T",
    "2026-05-04T08",
    "2026-05-04T08:30",
    "2026-05-04T08:30Z",
    "2026-05-04T08:30:00",           /* missing offset */
    "2026-05-04 08:30:00Z",          /* space separator */
    "2026-05-04_08:30:00Z",
    "2026-05-04TT08:30:00Z",
    "2026-13-01T00:00:00Z",          /* month 13 */
    "2026-00-10T00:00:00Z",          /* month 0 */
    "2026-01-00T00:00:00Z",          /* day 0 */
    "2026-01-32T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-06-31T00:00:00Z",
    "2026-09-31T00:00:00Z",
    "2026-11-31T00:00:00Z",
    "2026-02-29T00:00:00Z",          /* not a leap year */
    "2100-02-29T00:00:00Z",          /* century, not leap */
    "2028-02-30T00:00:00Z",
    "2026-05-04T24:00:00Z",          /* hour 24 */
    "2026-05-04T25:00:00Z",
    "2026-05-04T23:60:00Z",
    "2026-05-04T23:59:60Z",          /* leap second rejected */
    "2016-12-31T23:59:60Z",          /* a real leap second, still rejected */
    "2026-05-04T23:59:99Z",
    "1969-12-31T23:59:59Z",          /* year < 1970 */
    "0000-01-01T00:00:00Z",
    "10000-01-01T00:00:00Z",         /* 5-digit year */
    "+2026-05-04T08:30:00Z",
    "-2026-05-04T08:30:00Z",
    "26-05-04T08:30:00Z",
    "2026-5-04T08:30:00Z",
    "2026-05-4T08:30:00Z",
    "2026-05-04T8:30:00Z",
    "2026-05-04T08:3:00Z",
    "2026-05-04T08:30:0Z",
    "20260504T083000Z",              /* ISO basic format */
    "2026/05/04T08:30:00Z",
    "2026-05-04T08.30.00Z",
    "2026-05-04T08:30:00Zjunk",      /* trailing garbage */
    "2026-05-04T08:30:00Z ",
    " 2026-05-04T08:30:00Z",         /* leading space */
    "2026-05-04T08:30:00Z\n",
    "2026-05-04T08:30:00+01:00Z",
    "2026-05-04T08:30:00+01:00 ",
    "2026-05-04T08:30:00+01:000",
    "2026-05-04T08:30:00.Z",         /* empty fraction */
    "2026-05-04T08:30:00.",
    "2026-05-04T08:30:00,5Z",        /* comma decimal mark */
    "2026-05-04T08:30:00.5",         /* fraction, missing offset */
    "2026-05-04T08:30:00.5.5Z",
    "2026-05-04T08:30:00+0100",      /* offset without colon */
    "2026-05-04T08:30:00+01",
    "2026-05-04T08:30:00+1:00",
    "2026-05-04T08:30:00+01:0",
    "2026-05-04T08:30:00+01:",
    "2026-05-04T08:30:00+",
    "2026-05-04T08:30:00-",
    "2026-05-04T08:30:00+24:00",     /* offset hour 24 */
    "2026-05-04T08:30:00-99:00",
    "2026-05-04T08:30:00+01:60",     /* offset minute 60 */
    "2026-05-04T08:30:00UTC",
    "2026-05-04T08:30:00GMT",
    "2026-05-04T08:30:00 Z",
    "2026-05-04T08:30:00\xd9\xa0Z",
    "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-05-04T08:30:00Z",
    "2026-05-04T08:30:00z+01:00",
    "abcd-ef-ghTij:kl:mnZ",
};

START_TEST(test_parse_invalid)
{
    const char *s = invalid_rfc3339[_i];
    int64_t t = 424242;
    int32_t off = 4242;
    int rc = nis2i_cal_parse_rfc3339(s, &t, &off);
    ck_assert_msg(rc != 0, "'%s' should be rejected", s);
    /* outputs untouched on error */
    ck_assert_int_eq(t, 424242);
    ck_assert_int_eq(off, 4242);
}
END_TEST

START_TEST(test_parse_error_kinds)
{
    int64_t t;
    int32_t o;
    ck_assert_int_eq(nis2i_cal_parse_rfc3339("2026-05-04T08:30:00", &t, &o),
                     NIS2I_CAL_ERR_SYNTAX);
    ck_assert_int_eq(nis2i_cal_parse_rfc3339("2026-02-29T08:30:00Z", &t, &o),
                     NIS2I_CAL_ERR_RANGE);
    ck_assert_int_eq(nis2i_cal_parse_rfc3339("2026-05-04T23:59:60Z", &t, &o),
                     NIS2I_CAL_ERR_RANGE);
    ck_assert_int_eq(nis2i_cal_parse_rfc3339(NULL, &t, &o), NIS2I_CAL_ERR_ARG);
    ck_assert_int_eq(nis2i_cal_parse_rfc3339("2026-05-04T08:30:00Z", NULL, &o),
                     NIS2I_CAL_ERR_ARG);
}
END_TEST

/* Every proper prefix of a valid string, in an exactly-sized heap buffer,
 * must be rejected without reading past the NUL (ASan checks the latter). */
START_TEST(test_parse_prefixes_no_overread)
{
    static const char *const valid[] = {
        "2026-05-04T08:30:00.123456Z",
        "2026-05-04T09:30:00.5+01:00",
        "2026-05-04T03:00:00-05:30",
    };
    size_t v;
    for (v = 0; v < sizeof valid / sizeof valid[0]; v++) {
        size_t full = strlen(valid[v]);
        size_t len;
        for (len = 0; len <= full; len++) {
            char *buf = malloc(len + 1);
            int64_t t;
            int32_t o;
            int rc;
            ck_assert_ptr_nonnull(buf);
            memcpy(buf, valid[v], len);
            buf[len] = '\0';
            rc = nis2i_cal_parse_rfc3339(buf, &t, &o);
            /* only the full string (or prefixes ending right after a
             * fraction digit followed by nothing) may parse; none here */
            if (len == full) {
                ck_assert_int_eq(rc, 0);
            } else {
                ck_assert_msg(rc != 0, "prefix '%s' accepted", buf);
            }
            rc = nis2i_cal_parse_date(buf, &o);
            ck_assert_int_eq(rc == 0, len == 10);
            free(buf);
        }
    }
}
END_TEST

START_TEST(test_parse_date)
{
    int32_t d = 77;
    ck_assert_int_eq(nis2i_cal_parse_date("2026-05-04", &d), 0);
    ck_assert_int_eq(d, 20577);
    ck_assert_int_eq(nis2i_cal_parse_date("1970-01-01", &d), 0);
    ck_assert_int_eq(d, 0);
    ck_assert_int_eq(nis2i_cal_parse_date("2028-02-29", &d), 0);
    ck_assert_int_eq(d, day_of(2028, 2, 29));
    ck_assert_int_eq(nis2i_cal_parse_date("9999-12-31", &d), 0);
    ck_assert_int_eq(d, 2932896);

    d = 77;
    ck_assert_int_eq(nis2i_cal_parse_date("2026-02-29", &d), NIS2I_CAL_ERR_RANGE);
    ck_assert_int_ne(nis2i_cal_parse_date("2026-13-01", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("2026-04-31", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("1969-12-31", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("2026-05-04T", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("2026-05-04T08:30:00Z", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("2026-05-04 ", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date(" 2026-05-04", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("2026-5-4", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("20260504", &d), 0);
    ck_assert_int_ne(nis2i_cal_parse_date("2026-05-0a", &d), 0);
    ck_assert_int_eq(d, 77);
    ck_assert_int_eq(nis2i_cal_parse_date(NULL, &d), NIS2I_CAL_ERR_ARG);
    ck_assert_int_eq(nis2i_cal_parse_date("2026-05-04", NULL), NIS2I_CAL_ERR_ARG);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* formatting                                                               */
/* ------------------------------------------------------------------------ */

START_TEST(test_format_known)
{
    assert_utc_str(0, "1970-01-01T00:00:00Z");
    assert_utc_str(1777883400, "2026-05-04T08:30:00Z");
    assert_utc_str(-1, "1969-12-31T23:59:59Z");
    assert_utc_str(253402300799LL, "9999-12-31T23:59:59Z");
    assert_utc_str(951782400, "2000-02-29T00:00:00Z");
    /* clamping keeps the fixed width */
    assert_utc_str(253402300800LL, "9999-12-31T23:59:59Z");
    assert_utc_str(INT64_MAX, "9999-12-31T23:59:59Z");
    assert_utc_str(INT64_MIN, "0000-01-01T00:00:00Z");

    assert_day_str(0, "1970-01-01");
    assert_day_str(-1, "1969-12-31");
    assert_day_str(20577, "2026-05-04");
    assert_day_str(day_of(2028, 2, 29), "2028-02-29");
    assert_day_str(INT32_MAX, "9999-12-31");
    assert_day_str(INT32_MIN, "0000-01-01");
}
END_TEST

START_TEST(test_format_round_trip)
{
    int64_t t;
    int32_t d;
    char buf[21];
    char dbuf[11];
    /* every ~8 h 50 min (drifting time of day), 1970 to 9999 */
    for (t = 0; t <= 253402300799LL; t += 31817) {
        int64_t back = -1;
        int32_t off = -1;
        nis2i_cal_format_utc(t, buf);
        if (strlen(buf) != 20 || nis2i_cal_parse_rfc3339(buf, &back, &off) != 0 || back != t ||
            off != 0) {
            ck_abort_msg("round trip failed for %lld (%s)", (long long)t, buf);
        }
    }
    /* every day from 1970 to 9999 */
    for (d = 0; d <= 2932896; d++) {
        int32_t back = -1;
        nis2i_cal_format_date(d, dbuf);
        if (nis2i_cal_parse_date(dbuf, &back) != 0 || back != d) {
            ck_abort_msg("date round trip failed for %d (%s)", (int)d, dbuf);
        }
    }
    /* offset strings re-format to the same instant */
    t = parse_ok("2026-05-04T23:30:00-05:00", NULL);
    assert_utc_str(t, "2026-05-05T04:30:00Z");
    t = parse_ok("2026-01-01T00:15:00+01:00", NULL);
    assert_utc_str(t, "2025-12-31T23:15:00Z");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* add_months                                                               */
/* ------------------------------------------------------------------------ */

START_TEST(test_add_months_month_end)
{
    assert_add_months("2026-01-31T10:00:00Z", 1, "2026-02-28T10:00:00Z");
    assert_add_months("2028-01-31T10:00:00Z", 1, "2028-02-29T10:00:00Z");
    assert_add_months("2028-02-29T12:00:00Z", 12, "2029-02-28T12:00:00Z");
    assert_add_months("2028-02-29T12:00:00Z", 48, "2032-02-29T12:00:00Z");
    assert_add_months("2028-02-29T12:00:00Z", 1, "2028-03-29T12:00:00Z");
    assert_add_months("2026-04-30T08:30:00Z", 1, "2026-05-30T08:30:00Z");
    assert_add_months("2026-03-31T08:30:00Z", 1, "2026-04-30T08:30:00Z");
    assert_add_months("2026-05-31T08:30:00Z", 1, "2026-06-30T08:30:00Z");
    assert_add_months("2026-08-31T08:30:00Z", 1, "2026-09-30T08:30:00Z");
    assert_add_months("2026-01-30T08:30:00Z", 1, "2026-02-28T08:30:00Z");
    assert_add_months("2026-01-28T08:30:00Z", 1, "2026-02-28T08:30:00Z");
    assert_add_months("2026-05-04T08:30:00Z", 0, "2026-05-04T08:30:00Z");
    assert_add_months("2026-05-04T08:30:00Z", 1, "2026-06-04T08:30:00Z");
    assert_add_months("2026-01-31T10:00:00Z", 3, "2026-04-30T10:00:00Z");
    assert_add_months("2026-01-31T10:00:00Z", 2, "2026-03-31T10:00:00Z");
}
END_TEST

START_TEST(test_add_months_year_wrap_and_negative)
{
    assert_add_months("2026-12-15T10:00:00Z", 1, "2027-01-15T10:00:00Z");
    assert_add_months("2026-12-31T10:00:00Z", 1, "2027-01-31T10:00:00Z");
    assert_add_months("2026-12-31T10:00:00Z", 2, "2027-02-28T10:00:00Z");
    assert_add_months("2026-11-30T23:59:59Z", 1, "2026-12-30T23:59:59Z");
    assert_add_months("2026-05-04T08:30:00Z", 24, "2028-05-04T08:30:00Z");
    assert_add_months("2026-05-04T08:30:00Z", 120, "2036-05-04T08:30:00Z");
    assert_add_months("2027-01-15T10:00:00Z", -1, "2026-12-15T10:00:00Z");
    assert_add_months("2026-03-31T10:00:00Z", -1, "2026-02-28T10:00:00Z");
    assert_add_months("2028-03-31T10:00:00Z", -1, "2028-02-29T10:00:00Z");
    assert_add_months("2026-05-04T08:30:00Z", -13, "2025-04-04T08:30:00Z");
    assert_add_months("1970-03-31T00:00:00Z", -3, "1969-12-31T00:00:00Z");
}
END_TEST

START_TEST(test_add_months_offsets)
{
    /* 23:30 -05:00 on 30 Jan is 04:30Z on 31 Jan. Counting in local time:
     * 30 Jan + 1 month = 28 Feb 23:30 -05:00 = 1 Mar 04:30Z
     * (counting in UTC would wrongly give 28 Feb 04:30Z). */
    assert_add_months("2026-01-30T23:30:00-05:00", 1, "2026-03-01T04:30:00Z");
    /* 00:30 +01:00 on 1 Mar is 23:30Z on 28 Feb. Local: 1 Apr 00:30 +01:00
     * = 31 Mar 23:30Z (UTC counting would give 28 Mar 23:30Z). */
    assert_add_months("2026-03-01T00:30:00+01:00", 1, "2026-03-31T23:30:00Z");
    /* local 31 Dec 23:30 -05:30 -> 31 Jan 23:30 -05:30 = 1 Feb 05:00Z */
    assert_add_months("2026-12-31T23:30:00-05:30", 1, "2027-02-01T05:00:00Z");
    /* same result whatever the offset when the local date equals UTC date */
    assert_add_months("2026-01-31T12:00:00+01:00", 1, "2026-02-28T11:00:00Z");

    /* result keeps the local time of day at the given offset */
    {
        int32_t off;
        int64_t t = parse_ok("2026-01-30T23:30:00-05:00", &off);
        int64_t r = nis2i_cal_add_months(t, off, 1);
        int64_t local = r + off;
        ck_assert_int_eq(((local % 86400) + 86400) % 86400, 23 * 3600 + 1800);
        ck_assert_int_eq(nis2i_cal_local_day(r, off), day_of(2026, 2, 28));
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Easter                                                                   */
/* ------------------------------------------------------------------------ */

static void assert_easter(int32_t y, int m, int d)
{
    int32_t e = 0;
    ck_assert_int_eq(nis2i_cal_easter_sunday(y, &e), 0);
    ck_assert_msg(e == day_of(y, m, d), "Easter %d: expected %d-%02d-%02d",
                  (int)y, (int)y, m, d);
    ck_assert_int_eq(nis2i_cal_weekday(e), 6);
}

START_TEST(test_easter)
{
    int32_t e = 123;
    int32_t y;

    assert_easter(2024, 3, 31);
    assert_easter(2025, 4, 20);
    assert_easter(2026, 4, 5);
    assert_easter(2027, 3, 28);
    assert_easter(2038, 4, 25); /* latest possible date */
    assert_easter(1943, 4, 25); /* latest possible date */
    assert_easter(2285, 3, 22); /* earliest possible date */
    assert_easter(1818, 3, 22); /* earliest possible date */
    assert_easter(2000, 4, 23);
    assert_easter(2011, 4, 24);
    assert_easter(2013, 3, 31);
    assert_easter(2014, 4, 20);
    assert_easter(2016, 3, 27);
    assert_easter(2019, 4, 21);
    assert_easter(1583, 4, 10);

    /* always a Sunday between 22 March and 25 April */
    for (y = NIS2I_CAL_EASTER_MIN_YEAR; y <= NIS2I_CAL_EASTER_MAX_YEAR; y++) {
        if (nis2i_cal_easter_sunday(y, &e) != 0 || nis2i_cal_weekday(e) != 6 ||
            e < day_of(y, 3, 22) || e > day_of(y, 4, 25)) {
            ck_abort_msg("bad Easter for year %d", (int)y);
        }
    }

    e = 123;
    ck_assert_int_eq(nis2i_cal_easter_sunday(1582, &e), NIS2I_CAL_ERR_RANGE);
    ck_assert_int_eq(nis2i_cal_easter_sunday(10000, &e), NIS2I_CAL_ERR_RANGE);
    ck_assert_int_eq(nis2i_cal_easter_sunday(-5, &e), NIS2I_CAL_ERR_RANGE);
    ck_assert_int_eq(e, 123);
    ck_assert_int_eq(nis2i_cal_easter_sunday(2026, NULL), NIS2I_CAL_ERR_ARG);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Portuguese holidays                                                      */
/* ------------------------------------------------------------------------ */

struct ymd {
    int m, d;
};

static void assert_pt_year(int32_t y, const struct ymd *list, size_t n)
{
    int32_t d;
    size_t i, count = 0;
    for (i = 0; i < n; i++) {
        int32_t day = day_of(y, list[i].m, list[i].d);
        ck_assert_msg(is_pt_holiday(day),
                      "%d-%02d-%02d should be a PT holiday", (int)y, list[i].m,
                      list[i].d);
        ck_assert_ptr_nonnull(pt_holiday_name(day));
    }
    for (d = day_of(y, 1, 1); d <= day_of(y, 12, 31); d++) {
        if (is_pt_holiday(d)) {
            count++;
        } else {
            ck_assert_ptr_null(pt_holiday_name(d));
        }
    }
    ck_assert_uint_eq(count, n);
}

START_TEST(test_pt_holidays_2026)
{
    static const struct ymd h[] = {
        {1, 1},  {4, 3},  {4, 5},  {4, 25}, {5, 1},   {6, 4},   {6, 10},
        {8, 15}, {10, 5}, {11, 1}, {12, 1}, {12, 8}, {12, 25},
    };
    assert_pt_year(2026, h, sizeof h / sizeof h[0]);
    ck_assert_str_eq(pt_holiday_name(day_of(2026, 4, 3)),
                     "Good Friday");
    ck_assert_str_eq(pt_holiday_name(day_of(2026, 4, 5)),
                     "Easter Sunday");
    ck_assert_str_eq(pt_holiday_name(day_of(2026, 6, 4)),
                     "Corpus Christi");
    /* not national holidays: Carnival Tuesday (17 Feb 2026), Easter Monday,
     * Lisbon's St Anthony (13 June), Porto's St John (24 June),
     * Christmas Eve, Boxing Day, New Year's Eve */
    ck_assert_int_eq(is_pt_holiday(day_of(2026, 2, 17)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2026, 4, 6)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2026, 6, 13)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2026, 6, 24)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2026, 12, 24)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2026, 12, 26)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2026, 12, 31)), 0);
}
END_TEST

START_TEST(test_pt_holidays_2027)
{
    static const struct ymd h[] = {
        {1, 1},  {3, 26}, {3, 28}, {4, 25}, {5, 1},   {5, 27},  {6, 10},
        {8, 15}, {10, 5}, {11, 1}, {12, 1}, {12, 8}, {12, 25},
    };
    assert_pt_year(2027, h, sizeof h / sizeof h[0]);
    ck_assert_int_eq(nis2i_cal_weekday(day_of(2027, 5, 27)), 3); /* Thu */
    ck_assert_int_eq(is_pt_holiday(day_of(2027, 2, 9)), 0); /* Carnival */
}
END_TEST

START_TEST(test_pt_holidays_suspension_2013_2015)
{
    /* 2014: Easter 20 Apr, Good Friday 18 Apr; Corpus Christi (19 Jun),
     * 5 Oct, 1 Nov and 1 Dec suspended. */
    static const struct ymd h2014[] = {
        {1, 1}, {4, 18}, {4, 20}, {4, 25}, {5, 1},
        {6, 10}, {8, 15}, {12, 8}, {12, 25},
    };
    static const struct ymd h2016[] = {
        {1, 1},  {3, 25}, {3, 27}, {4, 25}, {5, 1},   {5, 26},  {6, 10},
        {8, 15}, {10, 5}, {11, 1}, {12, 1}, {12, 8}, {12, 25},
    };
    assert_pt_year(2014, h2014, sizeof h2014 / sizeof h2014[0]);
    ck_assert_int_eq(is_pt_holiday(day_of(2014, 6, 19)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2014, 10, 5)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2014, 11, 1)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2014, 12, 1)), 0);

    /* 2013 and 2015 suspended too; 2012 and 2016 not */
    ck_assert_int_eq(is_pt_holiday(day_of(2013, 5, 30)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2013, 12, 1)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2015, 6, 4)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2015, 10, 5)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2015, 12, 1)), 0);
    ck_assert_int_eq(is_pt_holiday(day_of(2012, 6, 7)), 1);
    ck_assert_int_eq(is_pt_holiday(day_of(2012, 12, 1)), 1);
    assert_pt_year(2016, h2016, sizeof h2016 / sizeof h2016[0]);

    /* outside the Easter range only fixed-date holidays exist */
    ck_assert_int_eq(is_pt_holiday(day_of(1500, 12, 25)), 1);
    ck_assert_int_eq(is_pt_holiday(day_of(1500, 4, 20)), 0);
}
END_TEST

START_TEST(test_pt_holiday_counts_many_years)
{
    /* 13 holidays each year (9 in 2013-2015); they never collide because
     * Good Friday/Easter fall in 20 Mar..25 Apr and Corpus Christi in
     * 21 May..24 Jun -- except when a movable feast lands on a fixed one:
     * Easter Sunday on 25 April (e.g. 2038) or Corpus Christi on 10 June
     * (e.g. 2004, Easter 11 April). */
    int32_t y;
    for (y = 2000; y <= 2100; y++) {
        int32_t d, e;
        size_t count = 0, expect;
        for (d = day_of(y, 1, 1); d <= day_of(y, 12, 31); d++) {
            count += (size_t)is_pt_holiday(d);
        }
        ck_assert_int_eq(nis2i_cal_easter_sunday(y, &e), 0);
        expect = (y >= 2013 && y <= 2015) ? 9 : 13;
        if (e == day_of(y, 4, 25)) {
            expect--; /* Easter Sunday == 25 April */
        }
        if (e + 60 == day_of(y, 6, 10) && !(y >= 2013 && y <= 2015)) {
            expect--; /* Corpus Christi == 10 June */
        }
        ck_assert_msg(count == expect, "year %d: %u holidays, expected %u",
                      (int)y, (unsigned)count, (unsigned)expect);
    }
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Working days                                                             */
/* ------------------------------------------------------------------------ */

static void assert_wd(int32_t y, int m, int d, int n, const nis2i_holiday_set *hol,
                      const char *expected)
{
    int32_t r = nis2i_cal_add_working_days(day_of(y, m, d), n, hol ? nis2i_cal_is_holiday : NULL, hol);
    ck_assert_int_ne(r, NIS2I_CAL_DAY_INVALID);
    assert_day_str(r, expected);
}

static int every_day_is_holiday(const void *arg, int32_t day)
{
    (void)arg;
    (void)day;
    return 1;
}

START_TEST(test_working_days_weekend)
{
    /* Fri 8 May 2026 */
    assert_wd(2026, 5, 8, 1, NULL, "2026-05-11");
    assert_wd(2026, 5, 8, 5, NULL, "2026-05-15");
    /* Sat / Sun start: start day not counted */
    assert_wd(2026, 5, 9, 1, NULL, "2026-05-11");
    assert_wd(2026, 5, 10, 1, NULL, "2026-05-11");
    /* Mon + 1 */
    assert_wd(2026, 5, 4, 1, NULL, "2026-05-05");
    assert_wd(2026, 5, 4, 10, NULL, "2026-05-18");
    /* n == 0: start day if working, else next working day */
    assert_wd(2026, 5, 4, 0, NULL, "2026-05-04");
    assert_wd(2026, 5, 9, 0, NULL, "2026-05-11");
    /* n < 0 */
    assert_wd(2026, 5, 11, -1, NULL, "2026-05-08");
    assert_wd(2026, 5, 10, -1, NULL, "2026-05-08");
    assert_wd(2026, 5, 15, -5, NULL, "2026-05-08");
    /* across the epoch (negative day numbers) */
    assert_wd(1970, 1, 2, -1, NULL, "1970-01-01");
    assert_wd(1970, 1, 2, -2, NULL, "1969-12-31");
    assert_wd(1969, 12, 26, 1, NULL, "1969-12-29");
}
END_TEST

START_TEST(test_working_days_pt_easter_week)
{
    /* 2026: Good Friday 3 Apr, Easter Sunday 5 Apr; Easter Monday is a
     * normal working day in Portugal. */
    assert_wd(2026, 4, 2, 1, PT, "2026-04-06");
    assert_wd(2026, 3, 30, 4, PT, "2026-04-06");
    assert_wd(2026, 3, 30, 5, PT, "2026-04-07");
    assert_wd(2026, 4, 3, 1, PT, "2026-04-06");
    assert_wd(2026, 4, 3, 0, PT, "2026-04-06");
    assert_wd(2026, 4, 6, -1, PT, "2026-04-02");
    /* without holidays the Friday counts */
    assert_wd(2026, 4, 2, 1, NULL, "2026-04-03");
    /* 2027: Good Friday 26 Mar */
    assert_wd(2027, 3, 25, 1, PT, "2027-03-29");
    /* 2026 Corpus Christi Thu 4 Jun, Portugal Day Wed 10 Jun */
    assert_wd(2026, 6, 3, 1, PT, "2026-06-05");
    assert_wd(2026, 6, 3, 4, PT, "2026-06-11");
    assert_wd(2026, 6, 3, 5, PT, "2026-06-12");
}
END_TEST

START_TEST(test_working_days_pt_december_2026)
{
    /* 1 Dec 2026 (Tue) and 8 Dec 2026 (Tue) are holidays */
    assert_wd(2026, 11, 30, 1, PT, "2026-12-02");
    assert_wd(2026, 11, 30, 3, PT, "2026-12-04");
    assert_wd(2026, 11, 30, 4, PT, "2026-12-07");
    assert_wd(2026, 11, 30, 5, PT, "2026-12-09");
    assert_wd(2026, 12, 7, 1, PT, "2026-12-09");
    assert_wd(2026, 12, 2, -1, PT, "2026-11-30");
    assert_wd(2026, 12, 9, -5, PT, "2026-11-30");
    /* same span without holidays */
    assert_wd(2026, 11, 30, 5, NULL, "2026-12-07");
}
END_TEST

START_TEST(test_working_days_year_end)
{
    /* Thu 24 Dec 2026; 25 Dec (Fri) and 1 Jan 2027 (Fri) are holidays */
    assert_wd(2026, 12, 24, 1, PT, "2026-12-28");
    assert_wd(2026, 12, 24, 3, PT, "2026-12-30");
    assert_wd(2026, 12, 24, 4, PT, "2026-12-31");
    assert_wd(2026, 12, 24, 5, PT, "2027-01-04");
    assert_wd(2026, 12, 31, 1, PT, "2027-01-04");
    assert_wd(2027, 1, 4, -1, PT, "2026-12-31");
    assert_wd(2026, 12, 24, 5, NULL, "2026-12-31");
    /* long span: 2026 has 261 weekdays minus 10 weekday holidays
     * (1 Jan, 3 Apr, 1 May, 4 Jun, 10 Jun, 5 Oct, 1 Dec, 8 Dec, 25 Dec;
     * 25 Apr Sat, 5 Apr Sun, 15 Aug Sat, 1 Nov Sun) = 252 working days */
    assert_wd(2025, 12, 31, 252, PT, "2026-12-31");
    assert_wd(2025, 12, 31, 261, NULL, "2026-12-31");
}
END_TEST

/* The mechanism on a synthetic set: a fixed date named before a movable feast on the same day, a day before and
 * after Easter, a suspension's first and last years and the years just outside, Easter out of range, no set. */
static const nis2i_holiday synthetic_days[] = {
    {.name = "Fixed 25 April", .month = 4, .day = 25},
    {.name = "Fixed 29 February", .month = 2, .day = 29},
    {.name = "Suspended 1 June", .month = 6, .day = 1, .off_from = 2020, .off_to = 2022},
    {.name = "Easter minus 3", .easter = true, .easter_offset = -3},
    {.name = "Easter Sunday", .easter = true, .easter_offset = 0},
    {.name = "Easter plus 1", .easter = true, .easter_offset = 1, .off_from = 2021, .off_to = 2021},
};
static const nis2i_holiday_set synthetic = {synthetic_days, sizeof synthetic_days / sizeof synthetic_days[0]};

START_TEST(test_holiday_set_mechanism)
{
    int32_t e;
    /* 2038: Easter Sunday is 25 April, named by the fixed holiday listed first */
    ck_assert_int_eq(nis2i_cal_easter_sunday(2038, &e), 0);
    ck_assert_int_eq(e, day_of(2038, 4, 25));
    ck_assert_str_eq(nis2i_cal_holiday_name(&synthetic, e), "Fixed 25 April");
    ck_assert_str_eq(nis2i_cal_holiday_name(&synthetic, e - 3), "Easter minus 3");
    ck_assert_str_eq(nis2i_cal_holiday_name(&synthetic, e + 1), "Easter plus 1");
    ck_assert_ptr_null(nis2i_cal_holiday_name(&synthetic, e - 2));
    ck_assert_ptr_null(nis2i_cal_holiday_name(&synthetic, e + 2));
    /* 2026: Easter 5 April */
    ck_assert_str_eq(nis2i_cal_holiday_name(&synthetic, day_of(2026, 4, 5)), "Easter Sunday");
    /* 29 February exists only in leap years */
    ck_assert_str_eq(nis2i_cal_holiday_name(&synthetic, day_of(2028, 2, 29)), "Fixed 29 February");
    ck_assert_ptr_null(nis2i_cal_holiday_name(&synthetic, day_of(2027, 2, 28)));
    ck_assert_ptr_null(nis2i_cal_holiday_name(&synthetic, day_of(2027, 3, 1)));
    /* the suspension: 2019 and 2023 holidays, 2020 and 2022 (its ends) and 2021 not */
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2019, 6, 1)), 1);
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2020, 6, 1)), 0);
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2021, 6, 1)), 0);
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2022, 6, 1)), 0);
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2023, 6, 1)), 1);
    /* a one-year suspension of a movable day: Easter 2021 is 4 April, 2020 12 April, 2022 17 April */
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2021, 4, 5)), 0);
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2020, 4, 13)), 1);
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(2022, 4, 18)), 1);
    /* before 1583 only the fixed dates exist */
    ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, day_of(1500, 4, 25)), 1);
    ck_assert_int_eq(nis2i_cal_easter_sunday(1500, &e), NIS2I_CAL_ERR_RANGE);
    for (int32_t d = day_of(1500, 3, 1); d <= day_of(1500, 5, 31); d++)
        if (d != day_of(1500, 4, 25))
            ck_assert_int_eq(nis2i_cal_is_holiday(&synthetic, d), 0);
    /* no set: no holiday */
    ck_assert_ptr_null(nis2i_cal_holiday_name(NULL, day_of(2026, 4, 5)));
    ck_assert_int_eq(nis2i_cal_is_holiday(NULL, day_of(2026, 4, 5)), 0);
    /* working days skip the set's days: Thu 1 April 2021 (Easter minus 3) + 1 is Fri 2 April; Mon 5 April 2021 is
     * suspended, so + 2 from Fri 2 April is Tue 6 April */
    assert_wd(2021, 3, 31, 1, &synthetic, "2021-04-02");
    assert_wd(2021, 4, 2, 2, &synthetic, "2021-04-06");
    assert_wd(2022, 4, 15, 1, &synthetic, "2022-04-19");
}
END_TEST

START_TEST(test_working_days_invalid_predicate)
{
    ck_assert_int_eq(nis2i_cal_add_working_days(0, 1, every_day_is_holiday, NULL),
                     NIS2I_CAL_DAY_INVALID);
    ck_assert_int_eq(nis2i_cal_add_working_days(0, 0, every_day_is_holiday, NULL),
                     NIS2I_CAL_DAY_INVALID);
    ck_assert_int_eq(nis2i_cal_add_working_days(0, -1, every_day_is_holiday, NULL),
                     NIS2I_CAL_DAY_INVALID);
    ck_assert_int_eq(nis2i_cal_add_working_days_at(0, 0, 1,
                                                   every_day_is_holiday, NULL),
                     INT64_MIN);
}
END_TEST

START_TEST(test_working_days_at)
{
    int32_t off;
    int64_t t;

    t = parse_ok("2026-12-24T10:15:00Z", &off);
    assert_utc_str(nis2i_cal_add_working_days_at(t, off, 1,
                                                 nis2i_cal_is_holiday, PT),
                   "2026-12-28T10:15:00Z");

    /* Lisbon winter time is +00:00, summer +01:00 (fixed offsets here) */
    t = parse_ok("2026-11-30T17:45:30+00:00", &off);
    assert_utc_str(nis2i_cal_add_working_days_at(t, off, 1,
                                                 nis2i_cal_is_holiday, PT),
                   "2026-12-02T17:45:30Z");

    /* 23:30 -05:00 Thu 2 Apr 2026 is already Fri 3 Apr in UTC; counting is
     * done on the local date (Thu) -> Mon 6 Apr 23:30 -05:00 */
    t = parse_ok("2026-04-02T23:30:00-05:00", &off);
    assert_utc_str(nis2i_cal_add_working_days_at(t, off, 1,
                                                 nis2i_cal_is_holiday, PT),
                   "2026-04-07T04:30:00Z");

    /* 00:30 +01:00 Sat 9 May is Fri 8 May 23:30Z; local Sat + 1 -> Mon */
    t = parse_ok("2026-05-09T00:30:00+01:00", &off);
    assert_utc_str(nis2i_cal_add_working_days_at(t, off, 1, NULL, NULL),
                   "2026-05-10T23:30:00Z");

    /* n = 0 on a working day is the identity */
    t = parse_ok("2026-05-04T08:30:00.9+02:00", &off);
    ck_assert_int_eq(nis2i_cal_add_working_days_at(t, off, 0, NULL, NULL), t);

    /* before the epoch */
    assert_utc_str(nis2i_cal_add_working_days_at(-1, 0, 1, NULL, NULL),
                   "1970-01-01T23:59:59Z");
}
END_TEST

/* ------------------------------------------------------------------------ */

static Suite *calendar_suite(void)
{
    Suite *s = suite_create("calendar");
    TCase *tc;

    tc = tcase_create("civil");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_leap_and_month_lengths);
    tcase_add_test(tc, test_days_from_civil_known);
    tcase_add_test(tc, test_civil_round_trip);
    tcase_add_test(tc, test_weekday);
    tcase_add_test(tc, test_local_day);
    suite_add_tcase(s, tc);

    tc = tcase_create("parse");
    tcase_add_test(tc, test_parse_valid);
    tcase_add_loop_test(tc, test_parse_invalid, 0,
                        (int)(sizeof invalid_rfc3339 /
                              sizeof invalid_rfc3339[0]));
    tcase_add_test(tc, test_parse_error_kinds);
    tcase_add_test(tc, test_parse_prefixes_no_overread);
    tcase_add_test(tc, test_parse_date);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_format_known);
    tcase_add_test(tc, test_format_round_trip);
    suite_add_tcase(s, tc);

    tc = tcase_create("months");
    tcase_add_test(tc, test_add_months_month_end);
    tcase_add_test(tc, test_add_months_year_wrap_and_negative);
    tcase_add_test(tc, test_add_months_offsets);
    suite_add_tcase(s, tc);

    tc = tcase_create("holidays");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_easter);
    tcase_add_test(tc, test_pt_holidays_2026);
    tcase_add_test(tc, test_pt_holidays_2027);
    tcase_add_test(tc, test_pt_holidays_suspension_2013_2015);
    tcase_add_test(tc, test_pt_holiday_counts_many_years);
    suite_add_tcase(s, tc);

    tc = tcase_create("working_days");
    tcase_add_test(tc, test_working_days_weekend);
    tcase_add_test(tc, test_working_days_pt_easter_week);
    tcase_add_test(tc, test_working_days_pt_december_2026);
    tcase_add_test(tc, test_working_days_year_end);
    tcase_add_test(tc, test_holiday_set_mechanism);
    tcase_add_test(tc, test_working_days_invalid_predicate);
    tcase_add_test(tc, test_working_days_at);
    suite_add_tcase(s, tc);

    return s;
}

int main(void)
{
    nis2_ctx *ctx = NULL;
    nis2_error *err = nis2_error_new();
    if (nis2_ctx_new(&ctx, err) != NIS2_OK) {
        fprintf(stderr, "embedded catalog: %s\n", nis2_error_message(err));
        return EXIT_FAILURE;
    }
    nis2_error_free(err);
    for (size_t i = 0; i < ctx->n_overlays; i++)
        if (strcmp(ctx->overlays[i].country, "PT") == 0)
            PT = &ctx->inc->calendars[i].holiday_set;
    if (!PT || !PT->n) {
        fprintf(stderr, "the embedded catalog has no Portuguese holidays\n");
        return EXIT_FAILURE;
    }
    Suite *s = calendar_suite();
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nis2_ctx_free(ctx);
    return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
