/* SPDX-License-Identifier: Apache-2.0 */
/* Layer model: a country's public holidays as data (an overlay's calendar.holiday_rule, lib/schema/FORMATS.md
 * §overlay), compiled by compile/incident_load.c and read by the working-day clocks of rules/calendar.c. No
 * country is named in code: each holiday is a fixed day of the month or a day relative to Gregorian Easter Sunday,
 * with its name and, optionally, the years in which it was not a holiday. */
#ifndef NIS2I_MODEL_HOLIDAY_H
#define NIS2I_MODEL_HOLIDAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nis2i_holiday {
    const char *name;                 /* e.g. "Good Friday" (borrowed from the catalog) */
    bool easter;                      /* relative to Easter Sunday (then easter_offset), else month/day */
    int16_t easter_offset;            /* days after Easter Sunday (negative: before) */
    uint8_t month, day;               /* fixed date, 1-12 / 1-31 */
    int32_t off_from, off_to;         /* not a holiday in the years off_from..off_to (both 0: always one) */
} nis2i_holiday;

/* The holidays of one calendar, in the catalog's order: the fixed dates first, then the Easter-relative days (a
 * day that is both is named by the first). */
typedef struct nis2i_holiday_set {
    const nis2i_holiday *days;
    size_t n;
} nis2i_holiday_set;

#endif
