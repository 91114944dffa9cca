/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 - internal calendar helpers (NOT public API).
 * See calendar.h for the contract of every function.
 *
 * No global or static mutable state, no allocation, no I/O, no locale- or
 * time-zone-dependent libc calls.
 */
#include "calendar.h"

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------ */
/* Floor division helpers (C's / and % truncate toward zero).               */
/* ------------------------------------------------------------------------ */

static int64_t floor_div64(int64_t a, int64_t b)
{
    /* b > 0 at every call site */
    int64_t q = a / b;
    if ((a % b) != 0 && (a < 0)) {
        q -= 1;
    }
    return q;
}

static int64_t floor_mod64(int64_t a, int64_t b)
{
    int64_t r = a % b;
    if (r < 0) {
        r += b;
    }
    return r;
}

/* ------------------------------------------------------------------------ */
/* Civil helpers                                                            */
/* ------------------------------------------------------------------------ */

int nis2i_cal_is_leap_year(int32_t year)
{
    int64_t y = year;
    return (floor_mod64(y, 4) == 0 && floor_mod64(y, 100) != 0) ||
           floor_mod64(y, 400) == 0;
}

int nis2i_cal_days_in_month(int32_t year, int month)
{
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30,
                                          31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    if (month == 2 && nis2i_cal_is_leap_year(year)) {
        return 29;
    }
    return dim[month - 1];
}

/* Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms". Years are
 * shifted so that the year starts on 1 March; eras are 400-year cycles of
 * 146097 days. 719468 = days from 0000-03-01 to 1970-01-01. */
static int64_t days_from_civil64(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= (m <= 2);
    era = floor_div64(y, 400);
    yoe = y - era * 400;                                     /* [0, 399]   */
    doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

static void civil_from_days64(int64_t z, int64_t *py, int *pm, int *pd)
{
    int64_t era, doe, yoe, y, doy, mp;
    int m, d;
    z += 719468;
    era = floor_div64(z, 146097);
    doe = z - era * 146097;                                        /* [0, 146096] */
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;   /* [0, 399]    */
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                 /* [0, 365]    */
    mp = (5 * doy + 2) / 153;                                      /* [0, 11]     */
    d = (int)(doy - (153 * mp + 2) / 5 + 1);                       /* [1, 31]     */
    m = (int)(mp < 10 ? mp + 3 : mp - 9);                          /* [1, 12]     */
    *py = y + (m <= 2);
    *pm = m;
    *pd = d;
}

int32_t nis2i_cal_days_from_civil(int32_t year, int month, int day)
{
    return (int32_t)days_from_civil64(year, month, day);
}

void nis2i_cal_civil_from_days(int32_t days, int32_t *out_year, int *out_month,
                               int *out_day)
{
    int64_t y;
    int m, d;
    civil_from_days64(days, &y, &m, &d);
    if (out_year != NULL) {
        *out_year = (int32_t)y;
    }
    if (out_month != NULL) {
        *out_month = m;
    }
    if (out_day != NULL) {
        *out_day = d;
    }
}

int nis2i_cal_weekday(int32_t days)
{
    /* 1970-01-01 (day 0) was a Thursday = 3 with Monday = 0. */
    return (int)floor_mod64((int64_t)days + 3, 7);
}

int nis2i_cal_is_weekend(int32_t days)
{
    return nis2i_cal_weekday(days) >= 5;
}

int32_t nis2i_cal_local_day(int64_t utc_seconds, int32_t offset_seconds)
{
    return (int32_t)floor_div64(utc_seconds + offset_seconds,
                                NIS2I_CAL_SECONDS_PER_DAY);
}

/* ------------------------------------------------------------------------ */
/* Parsing                                                                  */
/* ------------------------------------------------------------------------ */

/* Locale-independent digit test (isdigit() depends on the locale). */
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read exactly n decimal digits at *p. Stops at the first non-digit, which
 * includes the terminating NUL, so it never reads past the end. */
static int read_digits(const char **p, int n, int *out)
{
    const char *s = *p;
    int v = 0;
    int i;
    for (i = 0; i < n; i++) {
        if (!is_digit(s[i])) {
            return NIS2I_CAL_ERR_SYNTAX;
        }
        v = v * 10 + (s[i] - '0');
    }
    *p = s + n;
    *out = v;
    return NIS2I_CAL_OK;
}

static int expect_char(const char **p, char c)
{
    if (**p != c) {
        return NIS2I_CAL_ERR_SYNTAX;
    }
    (*p)++;
    return NIS2I_CAL_OK;
}

/* Parse "YYYY-MM-DD" at *p (syntax only; ranges checked separately). */
static int read_full_date(const char **p, int *y, int *m, int *d)
{
    if (read_digits(p, 4, y) != 0 || expect_char(p, '-') != 0 ||
        read_digits(p, 2, m) != 0 || expect_char(p, '-') != 0 ||
        read_digits(p, 2, d) != 0) {
        return NIS2I_CAL_ERR_SYNTAX;
    }
    return NIS2I_CAL_OK;
}

static int check_date_range(int y, int m, int d)
{
    if (y < NIS2I_CAL_MIN_YEAR || y > NIS2I_CAL_MAX_YEAR) {
        return NIS2I_CAL_ERR_RANGE;
    }
    if (m < 1 || m > 12) {
        return NIS2I_CAL_ERR_RANGE;
    }
    if (d < 1 || d > nis2i_cal_days_in_month(y, m)) {
        return NIS2I_CAL_ERR_RANGE;
    }
    return NIS2I_CAL_OK;
}

int nis2i_cal_parse_rfc3339(const char *s, int64_t *out_utc_seconds,
                            int32_t *out_offset_seconds)
{
    const char *p = s;
    int y, mo, d, hh, mi, ss;
    int oh = 0, om = 0, sign = 0;
    int rc;
    int64_t local;
    int32_t offset;

    if (s == NULL || out_utc_seconds == NULL) {
        return NIS2I_CAL_ERR_ARG;
    }

    /* full-date */
    if (read_full_date(&p, &y, &mo, &d) != 0) {
        return NIS2I_CAL_ERR_SYNTAX;
    }
    /* "T" / "t" separator (RFC 3339 5.6 NOTE: case-insensitive) */
    if (*p != 'T' && *p != 't') {
        return NIS2I_CAL_ERR_SYNTAX;
    }
    p++;
    /* partial-time */
    if (read_digits(&p, 2, &hh) != 0 || expect_char(&p, ':') != 0 ||
        read_digits(&p, 2, &mi) != 0 || expect_char(&p, ':') != 0 ||
        read_digits(&p, 2, &ss) != 0) {
        return NIS2I_CAL_ERR_SYNTAX;
    }
    /* time-secfrac: "." 1*DIGIT, truncated */
    if (*p == '.') {
        p++;
        if (!is_digit(*p)) {
            return NIS2I_CAL_ERR_SYNTAX;
        }
        while (is_digit(*p)) {
            p++;
        }
    }
    /* time-offset */
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = (*p == '-') ? -1 : 1;
        p++;
        if (read_digits(&p, 2, &oh) != 0 || expect_char(&p, ':') != 0 ||
            read_digits(&p, 2, &om) != 0) {
            return NIS2I_CAL_ERR_SYNTAX;
        }
    } else {
        return NIS2I_CAL_ERR_SYNTAX; /* offset is mandatory */
    }
    if (*p != '\0') {
        return NIS2I_CAL_ERR_SYNTAX; /* trailing characters */
    }

    /* ranges */
    rc = check_date_range(y, mo, d);
    if (rc != 0) {
        return rc;
    }
    if (hh > 23 || mi > 59 || ss > 59) {
        return NIS2I_CAL_ERR_RANGE; /* includes leap second :60 */
    }
    if (oh > 23 || om > 59) {
        return NIS2I_CAL_ERR_RANGE;
    }

    offset = (int32_t)(sign * (oh * 3600 + om * 60));
    local = days_from_civil64(y, mo, d) * NIS2I_CAL_SECONDS_PER_DAY +
            (int64_t)hh * 3600 + (int64_t)mi * 60 + ss;
    *out_utc_seconds = local - offset;
    if (out_offset_seconds != NULL) {
        *out_offset_seconds = offset;
    }
    return NIS2I_CAL_OK;
}

int nis2i_cal_parse_date(const char *s, int32_t *out_days_since_epoch)
{
    const char *p = s;
    int y, m, d;
    int rc;

    if (s == NULL || out_days_since_epoch == NULL) {
        return NIS2I_CAL_ERR_ARG;
    }
    if (read_full_date(&p, &y, &m, &d) != 0 || *p != '\0') {
        return NIS2I_CAL_ERR_SYNTAX;
    }
    rc = check_date_range(y, m, d);
    if (rc != 0) {
        return rc;
    }
    *out_days_since_epoch = (int32_t)days_from_civil64(y, m, d);
    return NIS2I_CAL_OK;
}

/* ------------------------------------------------------------------------ */
/* Formatting                                                               */
/* ------------------------------------------------------------------------ */

/* Write v (0 <= v < 10^width) as exactly `width` zero-padded digits. */
static void put_digits(char *out, int64_t v, int width)
{
    int i;
    for (i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + (int)(v % 10));
        v /= 10;
    }
}

/* Day numbers of 0000-01-01 and 9999-12-31. */
#define CAL_MIN_FMT_DAY (-719528)
#define CAL_MAX_FMT_DAY 2932896

static void format_date_unchecked(int64_t days, char *out)
{
    int64_t y;
    int m, d;
    civil_from_days64(days, &y, &m, &d);
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
}

void nis2i_cal_format_date(int32_t days, char out[11])
{
    int64_t dd = days;
    if (dd < CAL_MIN_FMT_DAY) {
        dd = CAL_MIN_FMT_DAY;
    } else if (dd > CAL_MAX_FMT_DAY) {
        dd = CAL_MAX_FMT_DAY;
    }
    format_date_unchecked(dd, out);
    out[10] = '\0';
}

void nis2i_cal_format_utc(int64_t utc_seconds, char out[21])
{
    const int64_t min_s = (int64_t)CAL_MIN_FMT_DAY * NIS2I_CAL_SECONDS_PER_DAY;
    const int64_t max_s =
        (int64_t)CAL_MAX_FMT_DAY * NIS2I_CAL_SECONDS_PER_DAY + 86399;
    int64_t t = utc_seconds;
    int64_t day, sod;

    if (t < min_s) {
        t = min_s;
    } else if (t > max_s) {
        t = max_s;
    }
    day = floor_div64(t, NIS2I_CAL_SECONDS_PER_DAY);
    sod = floor_mod64(t, NIS2I_CAL_SECONDS_PER_DAY);
    format_date_unchecked(day, out);
    out[10] = 'T';
    put_digits(out + 11, sod / 3600, 2);
    out[13] = ':';
    put_digits(out + 14, (sod / 60) % 60, 2);
    out[16] = ':';
    put_digits(out + 17, sod % 60, 2);
    out[19] = 'Z';
    out[20] = '\0';
}

/* ------------------------------------------------------------------------ */
/* Month arithmetic                                                         */
/* ------------------------------------------------------------------------ */

int64_t nis2i_cal_add_months(int64_t utc_seconds, int32_t offset_seconds,
                             int months)
{
    int64_t local = utc_seconds + offset_seconds;
    int64_t day = floor_div64(local, NIS2I_CAL_SECONDS_PER_DAY);
    int64_t sod = floor_mod64(local, NIS2I_CAL_SECONDS_PER_DAY);
    int64_t y, total, ny;
    int m, d, nm, dim;

    civil_from_days64(day, &y, &m, &d);
    total = y * 12 + (m - 1) + (int64_t)months; /* months since 0000-01 */
    ny = floor_div64(total, 12);
    nm = (int)floor_mod64(total, 12) + 1;
    dim = nis2i_cal_days_in_month((int32_t)ny, nm);
    if (d > dim) {
        d = dim; /* clamp to the last day of a shorter target month */
    }
    return days_from_civil64(ny, nm, d) * NIS2I_CAL_SECONDS_PER_DAY + sod -
           offset_seconds;
}

/* ------------------------------------------------------------------------ */
/* Easter                                                                   */
/* ------------------------------------------------------------------------ */

int nis2i_cal_easter_sunday(int32_t year, int32_t *out_days)
{
    /* Anonymous Gregorian algorithm (Meeus / Jones / Butcher). All
     * intermediate values are non-negative for year >= 1583, so C's
     * truncating division is fine here. */
    int a, b, c, d, e, f, g, h, i, k, l, m, month, day;

    if (out_days == NULL) {
        return NIS2I_CAL_ERR_ARG;
    }
    if (year < NIS2I_CAL_EASTER_MIN_YEAR || year > NIS2I_CAL_EASTER_MAX_YEAR) {
        return NIS2I_CAL_ERR_RANGE;
    }
    a = year % 19;
    b = year / 100;
    c = year % 100;
    d = b / 4;
    e = b % 4;
    f = (b + 8) / 25;
    g = (b - f + 1) / 3;
    h = (19 * a + b - d - g + 15) % 30;
    i = c / 4;
    k = c % 4;
    l = (32 + 2 * e + 2 * i - h - k) % 7;
    m = (a + 11 * h + 22 * l) / 451;
    month = (h + l - 7 * m + 114) / 31;
    day = ((h + l - 7 * m + 114) % 31) + 1;
    *out_days = (int32_t)days_from_civil64(year, month, day);
    return NIS2I_CAL_OK;
}

/* ------------------------------------------------------------------------ */
/* Public holidays (model/holiday.h: the data of an overlay's calendar)      */
/* ------------------------------------------------------------------------ */

const char *nis2i_cal_holiday_name(const nis2i_holiday_set *set, int32_t days)
{
    int32_t year, easter = 0;
    int month, day, have_easter = -1; /* -1: not computed yet */
    size_t i;

    if (set == NULL) {
        return NULL;
    }
    nis2i_cal_civil_from_days(days, &year, &month, &day);
    for (i = 0; i < set->n; i++) {
        const nis2i_holiday *h = &set->days[i];
        if ((h->off_from || h->off_to) && year >= h->off_from && year <= h->off_to) {
            continue;
        }
        if (!h->easter) {
            if (h->month == month && h->day == day) {
                return h->name;
            }
            continue;
        }
        if (have_easter < 0) {
            have_easter = nis2i_cal_easter_sunday(year, &easter) == NIS2I_CAL_OK;
        }
        if (have_easter && days == easter + h->easter_offset) {
            return h->name;
        }
    }
    return NULL;
}

int nis2i_cal_is_holiday(const void *set, int32_t days)
{
    return nis2i_cal_holiday_name((const nis2i_holiday_set *)set, days) != NULL;
}

/* ------------------------------------------------------------------------ */
/* Working days                                                             */
/* ------------------------------------------------------------------------ */

/* Guard against predicates that never yield a working day. */
#define CAL_MAX_NONWORKING_RUN 3660

static int is_working_day(int32_t day, int (*is_holiday)(const void *, int32_t), const void *arg)
{
    if (nis2i_cal_is_weekend(day)) {
        return 0;
    }
    if (is_holiday != NULL && is_holiday(arg, day)) {
        return 0;
    }
    return 1;
}

int32_t nis2i_cal_add_working_days(int32_t start_day, int n,
                                   int (*is_holiday)(const void *arg, int32_t day),
                                   const void *arg)
{
    int64_t remaining = n;
    int64_t d = start_day;
    int step = 1;
    int run = 0;

    if (n < 0) {
        step = -1;
        remaining = -remaining;
    } else if (n == 0) {
        /* start day itself, or the next working day */
        while (!is_working_day((int32_t)d, is_holiday, arg)) {
            if (++run > CAL_MAX_NONWORKING_RUN || d >= INT32_MAX) {
                return NIS2I_CAL_DAY_INVALID;
            }
            d++;
        }
        return (int32_t)d;
    }

    while (remaining > 0) {
        d += step;
        if (d >= INT32_MAX || d <= INT32_MIN) {
            return NIS2I_CAL_DAY_INVALID;
        }
        if (is_working_day((int32_t)d, is_holiday, arg)) {
            remaining--;
            run = 0;
        } else if (++run > CAL_MAX_NONWORKING_RUN) {
            return NIS2I_CAL_DAY_INVALID;
        }
    }
    return (int32_t)d;
}

int64_t nis2i_cal_add_working_days_at(int64_t utc, int32_t offset_seconds,
                                      int n, int (*is_holiday)(const void *, int32_t),
                                      const void *arg)
{
    int64_t local = utc + offset_seconds;
    int64_t day = floor_div64(local, NIS2I_CAL_SECONDS_PER_DAY);
    int64_t sod = floor_mod64(local, NIS2I_CAL_SECONDS_PER_DAY);
    int32_t nd;

    if (day <= INT32_MIN || day >= INT32_MAX) {
        return INT64_MIN;
    }
    nd = nis2i_cal_add_working_days((int32_t)day, n, is_holiday, arg);
    if (nd == NIS2I_CAL_DAY_INVALID) {
        return INT64_MIN;
    }
    return (int64_t)nd * NIS2I_CAL_SECONDS_PER_DAY + sod - offset_seconds;
}
