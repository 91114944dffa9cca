/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 - internal calendar helpers (NOT public API).
 *
 * Self-contained civil-date arithmetic for deadline computation:
 *   - strict RFC 3339 / ISO date parsing and formatting,
 *   - proleptic Gregorian civil-date conversions (days since 1970-01-01),
 *   - calendar-month addition with month-end clamping,
 *   - Gregorian Easter and public holidays given as data (model/holiday.h),
 *   - working-day arithmetic.
 *
 * Design constraints:
 *   - C11, no dependencies beyond <stdint.h>/<stddef.h>;
 *   - no global or static mutable state, no allocation, no I/O: every
 *     function is reentrant and thread-safe;
 *   - locale independent (no <ctype.h>, no strtol, no printf);
 *   - no libc time-zone functions (mktime, localtime, timegm, strptime...):
 *     all offsets are fixed UTC offsets supplied by the caller.
 *
 * Conventions:
 *   - "utc seconds" are seconds since 1970-01-01T00:00:00Z, ignoring leap
 *     seconds (POSIX time scale);
 *   - "days" are whole days since 1970-01-01 (day 0 = Thursday 1970-01-01),
 *     negative before the epoch;
 *   - an "offset" is a fixed UTC offset in seconds, east positive
 *     (+01:00 == 3600, -05:30 == -19800); local time = utc + offset;
 *   - all divisions of possibly-negative values use floor semantics.
 */
#ifndef NIS2_RULES_CALENDAR_H
#define NIS2_RULES_CALENDAR_H

#include <stdint.h>

#include "model/holiday.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of the parsers (0 means success). */
#define NIS2I_CAL_OK 0
/** Input is not syntactically a valid date / date-time. */
#define NIS2I_CAL_ERR_SYNTAX 1
/** Input is well-formed but a field is out of range (month 13, day 30 Feb,
 *  hour 24, second 60, year outside 1970..9999, offset >= 24:00 ...). */
#define NIS2I_CAL_ERR_RANGE 2
/** Argument error (NULL input or output pointer). */
#define NIS2I_CAL_ERR_ARG 3

/** Sentinel "no such day" value returned by day-valued functions on error. */
#define NIS2I_CAL_DAY_INVALID INT32_MIN

/** Seconds per civil day. */
#define NIS2I_CAL_SECONDS_PER_DAY 86400

/** Smallest / largest year accepted by the parsers. */
#define NIS2I_CAL_MIN_YEAR 1970
#define NIS2I_CAL_MAX_YEAR 9999

/** Smallest / largest year for which nis2i_cal_easter_sunday() is defined. */
#define NIS2I_CAL_EASTER_MIN_YEAR 1583
#define NIS2I_CAL_EASTER_MAX_YEAR 9999

/* ------------------------------------------------------------------------ */
/* Civil helpers (proleptic Gregorian calendar)                              */
/* ------------------------------------------------------------------------ */

/**
 * Return 1 if @p year is a Gregorian leap year (divisible by 4, except
 * centuries not divisible by 400), else 0. Valid for any int32 year,
 * including zero and negative (astronomical) years.
 */
int nis2i_cal_is_leap_year(int32_t year);

/**
 * Number of days (28..31) in @p month (1..12) of @p year.
 * Returns 0 if @p month is outside 1..12.
 */
int nis2i_cal_days_in_month(int32_t year, int month);

/**
 * Days since 1970-01-01 of the civil date @p year-@p month-@p day
 * (H. Hinnant's days_from_civil algorithm). The inputs are not validated:
 * pass month 1..12 and day 1..days_in_month. Exact for years
 * -5000000..5000000 (the result must fit in int32_t).
 */
int32_t nis2i_cal_days_from_civil(int32_t year, int month, int day);

/**
 * Inverse of nis2i_cal_days_from_civil(): split @p days (since 1970-01-01)
 * into year, month (1..12) and day of month (1..31). Any output pointer may
 * be NULL if that component is not needed.
 */
void nis2i_cal_civil_from_days(int32_t days, int32_t *out_year, int *out_month,
                               int *out_day);

/**
 * ISO weekday of @p days: 0 = Monday, 1 = Tuesday, ..., 5 = Saturday,
 * 6 = Sunday. Correct for negative day numbers.
 */
int nis2i_cal_weekday(int32_t days);

/** Return 1 if @p days falls on Saturday or Sunday, else 0. */
int nis2i_cal_is_weekend(int32_t days);

/**
 * Local civil day (days since epoch) of instant @p utc_seconds seen at the
 * fixed UTC offset @p offset_seconds, i.e. floor((utc + offset) / 86400).
 */
int32_t nis2i_cal_local_day(int64_t utc_seconds, int32_t offset_seconds);

/* ------------------------------------------------------------------------ */
/* Parsing and formatting                                                    */
/* ------------------------------------------------------------------------ */

/**
 * Parse a strict RFC 3339 "date-time" (section 5.6):
 *
 *     YYYY-MM-DD ("T" | "t") HH:MM:SS [ "." 1*DIGIT ] ("Z" | "z" | ("+"|"-") HH:MM)
 *
 * - exactly the digit counts shown; no surrounding whitespace, no trailing
 *   characters, no space separator, no basic (comma-less) ISO forms;
 * - fractional seconds (any number >= 1 of digits) are accepted and
 *   truncated (the result has whole-second resolution);
 * - ranges: year 1970..9999, month 1..12, day 1..days_in_month (leap years
 *   honoured), hour 0..23, minute 0..59, second 0..59. A leap second
 *   (":60") is rejected because the POSIX time scale cannot represent it;
 * - offset hours 0..23, minutes 0..59; "-00:00" is accepted and treated as
 *   "+00:00" (RFC 3339 gives it the meaning "offset unknown").
 * The year range applies to the date as written (local date), so e.g.
 * "1970-01-01T00:30:00+01:00" is accepted and yields -1800.
 *
 * The string is read left to right and scanning stops at the first
 * mismatching character, so the function never reads past the terminating
 * NUL.
 *
 * @param s                  NUL-terminated input.
 * @param out_utc_seconds    receives the instant as UTC seconds since epoch.
 * @param out_offset_seconds receives the UTC offset in seconds (east
 *                           positive; 0 for "Z"); may be NULL.
 * @return NIS2I_CAL_OK (0) on success, otherwise NIS2I_CAL_ERR_SYNTAX,
 *         NIS2I_CAL_ERR_RANGE or NIS2I_CAL_ERR_ARG. On error the outputs
 *         are left unchanged.
 */
int nis2i_cal_parse_rfc3339(const char *s, int64_t *out_utc_seconds,
                            int32_t *out_offset_seconds);

/**
 * Parse a strict RFC 3339 "full-date" "YYYY-MM-DD" (nothing before or after).
 * Ranges as for nis2i_cal_parse_rfc3339() (year 1970..9999).
 *
 * @param s                     NUL-terminated input.
 * @param out_days_since_epoch  receives days since 1970-01-01.
 * @return 0 on success, NIS2I_CAL_ERR_* otherwise (output left unchanged).
 */
int nis2i_cal_parse_date(const char *s, int32_t *out_days_since_epoch);

/**
 * Format @p utc_seconds as "YYYY-MM-DDTHH:MM:SSZ" (20 characters + NUL)
 * into @p out. Values before 0000-01-01T00:00:00Z or after
 * 9999-12-31T23:59:59Z are clamped to those bounds so that the output always
 * has the fixed width.
 */
void nis2i_cal_format_utc(int64_t utc_seconds, char out[21]);

/**
 * Format @p days (since 1970-01-01) as "YYYY-MM-DD" (10 characters + NUL)
 * into @p out. Days outside 0000-01-01..9999-12-31 are clamped.
 */
void nis2i_cal_format_date(int32_t days, char out[11]);

/* ------------------------------------------------------------------------ */
/* Month arithmetic                                                          */
/* ------------------------------------------------------------------------ */

/**
 * Add @p months calendar months (may be negative) to the instant
 * @p utc_seconds, counted in the local time of the fixed UTC offset
 * @p offset_seconds, keeping the local time of day. Returns the resulting
 * instant in UTC seconds.
 *
 * Rule ("one month after" as counted by libnis2): the result has the same
 * day-of-month as the start, in the month @p months later; if that month is
 * shorter and has no such day, the result falls on the LAST day of the
 * target month. Examples:
 *     31 Jan + 1 month   -> 28 Feb (29 Feb in a leap year)
 *     30 Apr + 1 month   -> 30 May
 *     31 Mar + 1 month   -> 30 Apr
 *     29 Feb 2028 + 12   -> 28 Feb 2029
 *     15 Dec 2026 + 1    -> 15 Jan 2027
 * This is the same last-day rule as Regulation (EEC, Euratom) No 1182/71
 * (rules applicable to periods, dates and time limits), Article 3(2)(c):
 * a period expressed in months ends with the expiry of the last hour of the
 * day in the last month which has the same date as the day on which the
 * period began, and if that day does not exist in the last month, with the
 * expiry of the last hour of the last day of that month. (This function
 * only maps the start date to the corresponding date; whether a deadline
 * ends at that instant or at the end of that day is decided by the caller.)
 *
 * Because offsets are fixed, there is no DST adjustment: the local time of
 * day is preserved exactly and the result is expressed with the same offset.
 */
int64_t nis2i_cal_add_months(int64_t utc_seconds, int32_t offset_seconds,
                             int months);

/* ------------------------------------------------------------------------ */
/* Easter and public holidays                                               */
/* ------------------------------------------------------------------------ */

/**
 * Gregorian Easter Sunday of @p year (anonymous / Meeus-Jones-Butcher
 * algorithm), valid for 1583..9999.
 *
 * @param out_days receives the date as days since 1970-01-01.
 * @return 0 on success, NIS2I_CAL_ERR_RANGE if @p year is out of range,
 *         NIS2I_CAL_ERR_ARG if @p out_days is NULL.
 */
int nis2i_cal_easter_sunday(int32_t year, int32_t *out_days);

/**
 * Name of the holiday of @p set falling on @p days, or NULL if that day is
 * not one (or @p set is NULL). The first holiday of the set that falls on the
 * day names it. A fixed-date holiday exists in every year, an Easter-relative
 * one only for the years of nis2i_cal_easter_sunday(); a holiday is skipped in
 * the years of its off_from..off_to range. Returns the set's own string.
 */
const char *nis2i_cal_holiday_name(const nis2i_holiday_set *set, int32_t days);

/**
 * Return 1 if @p days is a holiday of @p set (a const nis2i_holiday_set *),
 * else 0. Suitable as the @c is_holiday callback of the working-day
 * functions below, with the set as their @c arg.
 */
int nis2i_cal_is_holiday(const void *set, int32_t days);

/* ------------------------------------------------------------------------ */
/* Working days                                                              */
/* ------------------------------------------------------------------------ */

/**
 * A working day is a day that is neither Saturday, Sunday, nor a day for
 * which @p is_holiday returns non-zero.
 *
 * Return the day reached by counting @p n working days after @p start_day:
 * the start day itself is not counted (whether or not it is a working day),
 * and the result is always a working day.
 *   - n > 0: the n-th working day strictly after start_day;
 *   - n == 0: start_day if it is a working day, else the next working day;
 *   - n < 0: the |n|-th working day strictly before start_day.
 *
 * @param is_holiday  predicate on days since epoch, called with @p arg;
 *                    NULL means "no holidays" (only weekends are skipped).
 *                    It must be thread-safe if this function is called
 *                    concurrently.
 * @param arg         passed to @p is_holiday (e.g. a nis2i_holiday_set).
 * @return the resulting day, or NIS2I_CAL_DAY_INVALID if more than 3660
 *         consecutive non-working days are met (a broken predicate) or the
 *         int32 day range would be exceeded.
 */
int32_t nis2i_cal_add_working_days(int32_t start_day, int n,
                                   int (*is_holiday)(const void *arg, int32_t day),
                                   const void *arg);

/**
 * Timestamp variant of nis2i_cal_add_working_days(): take the local civil
 * day of @p utc at @p offset_seconds, count @p n working days from it with
 * the same rules, and return the instant on the resulting day with the same
 * local time of day (same fixed offset).
 *
 * @return resulting UTC seconds, or INT64_MIN if the day computation failed.
 */
int64_t nis2i_cal_add_working_days_at(int64_t utc, int32_t offset_seconds,
                                      int n, int (*is_holiday)(const void *, int32_t),
                                      const void *arg);

#ifdef __cplusplus
}
#endif

#endif /* NIS2_RULES_CALENDAR_H */
