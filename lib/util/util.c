/* SPDX-License-Identifier: Apache-2.0 */
/* Small containers: a string-keyed index and a growable buffer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "util/error.h"
#include "util/utf8.h"

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;            /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static int map_grow(nis2i_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    const char **nk = calloc(ncap, sizeof *nk);
    uint32_t *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = (size_t)hash_str(m->keys[i]) & (ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = m->keys[i];
        nv[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return 0;
}

int nis2i_map_put(nis2i_map *m, const char *key, uint32_t val)
{
    if ((m->len + 1) * 2 > m->cap && map_grow(m) != 0)
        return -1;
    size_t j = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return 1;
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->len++;
    return 0;
}

int nis2i_map_get(const nis2i_map *m, const char *key, uint32_t *val)
{
    if (!m->cap || !key)
        return 0;
    size_t j = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            if (val)
                *val = m->vals[j];
            return 1;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return 0;
}

void nis2i_map_free(nis2i_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static bool buf_reserve(nis2i_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap < b->len + extra + 1)
        ncap *= 2;
    char *nd = realloc(b->data, ncap);
    if (!nd) {
        b->oom = true;
        return false;
    }
    b->data = nd;
    b->cap = ncap;
    return true;
}

void nis2i_buf_put(nis2i_buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void nis2i_buf_puts(nis2i_buf *b, const char *s)
{
    nis2i_buf_put(b, s, strlen(s));
}

void nis2i_buf_printf(nis2i_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        nis2i_buf_put(b, small, (size_t)n);
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void nis2i_buf_free(nis2i_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

char *nis2i_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Integers print as integers; other values with up to 15 significant digits. snprintf's %.*g is locale-
 * dependent only in its decimal point, which is normalised to '.' here. */
void nis2i_fmt_number(double v, char out[64])
{
    if (v == floor(v) && fabs(v) < 1e15) {
        if (signbit(v)) {
            snprintf(out, 64, "%.0f", v);      /* negative, and -0 which prints as "-0" */
            return;
        }
        /* A whole number below 1e15 is exact in a uint64_t: the digits "%.0f" prints, without printf. */
        char tmp[20];
        size_t n = 0;
        uint64_t u = (uint64_t)v;
        do {
            tmp[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        for (size_t i = 0; i < n; i++)
            out[i] = tmp[n - 1 - i];
        out[n] = '\0';
        return;
    }
    snprintf(out, 64, "%.15g", v);
    for (char *p = out; *p; p++)
        if (*p == ',')
            *p = '.';
}

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

size_t nis2i_edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 128 || m > 128)
        return SIZE_MAX;
    size_t row[129];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (fold((unsigned char)a[i - 1]) != fold((unsigned char)b[j - 1]));
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

const char *nis2i_closest(const char *key, const char *const *list, size_t max_dist)
{
    const char *best = NULL;
    size_t quarter = strlen(key) / 4;
    if (quarter < 1)
        quarter = 1;
    if (max_dist > quarter)
        max_dist = quarter;
    size_t bd = max_dist + 1;
    for (size_t i = 0; list[i]; i++) {
        size_t d = nis2i_edit_distance(key, list[i]);
        if (d < bd) {
            bd = d;
            best = list[i];
        }
    }
    return best;
}

bool nis2i_is_calendar_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;   /* Gregorian calendar */
    return d <= mdays[m - 1] + (m == 2 && leap);
}
