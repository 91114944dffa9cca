/* SPDX-License-Identifier: Apache-2.0 */
/* Layer util: macros, string -> index maps, growable buffers, number formatting. Uses nothing above it. */
#ifndef NIS2I_UTIL_H
#define NIS2I_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NIS2I_UNUSED(x) ((void)(x))

#if defined(__GNUC__)
#  define NIS2I_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define NIS2I_PRINTF(a, b)
#endif

/* ---- small containers (core/util.c) ---- */
typedef struct nis2i_map {       /* string -> uint32 index; keys are borrowed */
    const char **keys;
    uint32_t *vals;
    size_t cap;                  /* power of two, or 0 */
    size_t len;
} nis2i_map;
int nis2i_map_put(nis2i_map *m, const char *key, uint32_t val);    /* 0 ok, 1 duplicate (val kept), -1 nomem */
int nis2i_map_get(const nis2i_map *m, const char *key, uint32_t *val); /* 1 found */
void nis2i_map_free(nis2i_map *m);

typedef struct nis2i_buf {       /* growable byte buffer */
    char *data;
    size_t len, cap;
    bool oom;
} nis2i_buf;
void nis2i_buf_put(nis2i_buf *b, const char *s, size_t n);
void nis2i_buf_puts(nis2i_buf *b, const char *s);
void nis2i_buf_printf(nis2i_buf *b, const char *fmt, ...) NIS2I_PRINTF(2, 3);
void nis2i_buf_free(nis2i_buf *b);

char *nis2i_strdup(const char *s);

/* Suggestions for a mistyped name. Edit distance (Levenshtein: insertions, deletions, substitutions) between a
 * and b, ASCII letters compared without case; strings longer than 128 bytes count as far apart (SIZE_MAX). */
size_t nis2i_edit_distance(const char *a, const char *b);
/* The entry of the NULL-terminated list closest to key within max_dist edits and a quarter of key's length (at
 * least 1), the first of equals; or NULL. */
const char *nis2i_closest(const char *key, const char *const *list, size_t max_dist);
/* "YYYY-MM-DD" naming a day of the Gregorian calendar (month 01-12, the day within the month's length, 29
 * February in leap years only), as the catalog loaders and the national date keys check it. */
bool nis2i_is_calendar_date(const char *s);
/* Locale-independent formatting of a finite double with up to 15 significant digits, no exponent for
 * typical figures. out must hold 64 bytes. */
void nis2i_fmt_number(double v, char out[64]);

/* The index of the lowest set bit of m (m != 0). */
static inline unsigned nis2i_lowest_bit(uint64_t m)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned b = 0;
    while (!(m & 1u)) {
        m >>= 1;
        b++;
    }
    return b;
#endif
}

#endif
