/* SPDX-License-Identifier: Apache-2.0 */
/* The loader kit (compile/reader.h): path stack, typed field readers, one failure formatter. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/reader.h"
#include "util/utf8.h"

void nis2i_rd_init(nis2i_reader *R, nis2_error *err, nis2_status code, const char *prefix, const char *root)
{
    memset(R, 0, sizeof *R);
    R->err = err;
    R->code = code;
    R->prefix = prefix;
    snprintf(R->path, sizeof R->path, "%s", root ? root : "$");
    R->len = strlen(R->path);
}

static void push(nis2i_reader *R, const char *key, size_t index)
{
    if (R->depth < NIS2I_READER_DEPTH)
        R->marks[R->depth] = R->len;
    R->depth++;
    size_t room = sizeof R->path - R->len;
    int n = key ? snprintf(R->path + R->len, room, ".%.96s", key) : snprintf(R->path + R->len, room, "[%zu]", index);
    if (n < 0 || (size_t)n >= room) {
        R->truncated = true;
        R->path[R->len] = '\0';  /* keep the path at the last element that fitted */
        return;
    }
    R->len += (size_t)n;
}

void nis2i_rd_set(nis2i_reader *R, const char *root)
{
    snprintf(R->path, sizeof R->path, "%s", root ? root : "$");
    R->len = strlen(R->path);
    R->depth = 0;
    R->truncated = false;
}

void nis2i_rd_set_index(nis2i_reader *R, const char *base, size_t i)
{
    nis2i_rd_set(R, base);
    nis2i_rd_push_index(R, i);
}

void nis2i_rd_push_key(nis2i_reader *R, const char *key)
{
    push(R, key ? key : "", 0);
}

void nis2i_rd_push_index(nis2i_reader *R, size_t i)
{
    push(R, NULL, i);
}

void nis2i_rd_pop(nis2i_reader *R)
{
    if (R->depth == 0)
        return;
    R->depth--;
    if (R->depth < NIS2I_READER_DEPTH) {
        R->len = R->marks[R->depth];
        R->path[R->len] = '\0';
    }
}

const char *nis2i_rd_path(const nis2i_reader *R)
{
    return R->path;
}

static nis2_status vfail(nis2i_reader *R, nis2_status code, const char *key, nis2i_fail_form form, const char *fmt,
                         va_list ap)
{
    if (R->st)
        return R->st;            /* sticky: the first defect is the one reported */
    R->st = code;
    if (!R->err)
        return code;
    char path[sizeof R->path + 104];
    if (key)
        snprintf(path, sizeof path, "%s.%.96s", R->path, key);
    else
        snprintf(path, sizeof path, "%s", R->path);
    return nis2i_fail_atv(R->err, code, R->prefix, path, form, fmt, ap);
}

nis2_status nis2i_rd_fail(nis2i_reader *R, nis2_status code, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis2_status st = vfail(R, code, key, NIS2I_FORM_AT, fmt, ap);
    va_end(ap);
    return st;
}

nis2_status nis2i_rd_failf(nis2i_reader *R, nis2_status code, nis2i_fail_form form, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis2_status st = vfail(R, code, NULL, form, fmt, ap);
    va_end(ap);
    return st;
}

nis2_status nis2i_rd_bad(nis2i_reader *R, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis2_status st = vfail(R, R->code, NULL, NIS2I_FORM_AT, fmt, ap);
    va_end(ap);
    return st;
}

nis2_status nis2i_rd_nomem(nis2i_reader *R)
{
    if (R->st)
        return R->st;
    R->st = NIS2_ERR_NOMEM;
    return nis2i_nomem(R->err);
}

const char *nis2i_rd_field_str(nis2i_reader *R, const json_t *obj, const char *key, unsigned flags)
{
    if (R->st)
        return NULL;
    const json_t *v = json_object_get(obj, key);
    if (json_is_string(v) && json_string_length(v) > 0)
        return json_string_value(v);
    bool absent = !v || json_is_null(v);
    if (absent && (flags & NIS2I_FIELD_NULLABLE))
        return NULL;
    if (absent && (flags & NIS2I_FIELD_SAY_REQUIRED))
        nis2i_rd_failf(R, R->code, NIS2I_FORM_AT, "field '%s' is required (a non-empty string)", key);
    else
        nis2i_rd_failf(R, R->code, NIS2I_FORM_AT, "field '%s' must be a non-empty string%s", key,
                       flags & NIS2I_FIELD_SAY_NULL ? " or null" : "");
    return NULL;
}

bool nis2i_rd_field_num(nis2i_reader *R, const json_t *obj, const char *key, unsigned flags, double *out)
{
    if (R->st)
        return false;
    const json_t *v = json_object_get(obj, key);
    if (json_is_number(v) && json_number_value(v) >= 0) {
        *out = json_number_value(v);
        return true;
    }
    if ((flags & NIS2I_FIELD_NULLABLE) && (!v || json_is_null(v))) {
        *out = -1;
        return true;
    }
    nis2i_rd_failf(R, R->code, NIS2I_FORM_AT, "field '%s' must be a number >= 0%s", key,
                   flags & NIS2I_FIELD_SAY_NULL ? " or null" : "");
    return false;
}

/* The member key of obj, or NULL when absent or null (a failure when required). */
static const json_t *member(nis2i_reader *R, const json_t *obj, const char *key, bool required, const char *what)
{
    if (R->st)
        return NULL;
    const json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if ((!v || json_is_null(v)) && required)
        nis2i_rd_fail(R, R->code == NIS2_ERR_CATALOG ? NIS2_ERR_CATALOG : NIS2_ERR_MISSING_FIELD, key,
                      "required (%s)", what);
    return v && !json_is_null(v) ? v : NULL;
}

const char *nis2i_rd_str(nis2i_reader *R, const json_t *obj, const char *key, bool required)
{
    const json_t *v = member(R, obj, key, required, "a non-empty string");
    if (!v)
        return NULL;
    if (!json_is_string(v) || json_string_length(v) == 0) {
        nis2i_rd_fail(R, R->code, key, "expected a non-empty string, not %s", nis2i_json_type_name(v));
        return NULL;
    }
    return json_string_value(v);
}

bool nis2i_rd_bool(nis2i_reader *R, const json_t *obj, const char *key, bool dflt)
{
    const json_t *v = member(R, obj, key, false, "true or false");
    if (!v)
        return dflt;
    if (!json_is_boolean(v)) {
        nis2i_rd_fail(R, R->code, key, "expected true or false, not %s", nis2i_json_type_name(v));
        return dflt;
    }
    return json_is_true(v);
}

bool nis2i_rd_num(nis2i_reader *R, const json_t *obj, const char *key, double min, double max, bool required,
                  double *out)
{
    const json_t *v = member(R, obj, key, required, "a number");
    if (!v)
        return false;
    if (!json_is_number(v)) {
        nis2i_rd_fail(R, R->code, key, "expected a number, not %s", nis2i_json_type_name(v));
        return false;
    }
    double d = json_number_value(v);
    if (!isfinite(d) || d < min || d > max) {
        char lo[64], hi[64], got[64];
        nis2i_fmt_number(min, lo);
        nis2i_fmt_number(max, hi);
        nis2i_fmt_number(d, got);
        nis2i_rd_fail(R, R->code, key, "expected a number from %s to %s, not %s", lo, hi, got);
        return false;
    }
    *out = d;
    return true;
}

bool nis2i_civil_days(int y, int m, int d, int32_t *days)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return false;
    /* Days from civil (H. Hinnant's algorithm, written out). */
    int yy = m <= 2 ? y - 1 : y;
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    int yoe = yy - era * 400;
    int mp = m > 2 ? m - 3 : m + 9;
    int doy = (153 * mp + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *days = (int32_t)(era * 146097 + doe - 719468);
    return true;
}

bool nis2i_rd_date(nis2i_reader *R, const json_t *obj, const char *key, bool required, int32_t *days)
{
    const char *s = nis2i_rd_str(R, obj, key, required);
    if (!s)
        return false;
    int y, m, d, n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || s[4] != '-' ||
        s[7] != '-' || !nis2i_civil_days(y, m, d, days)) {
        nis2i_rd_fail(R, R->code, key, "expected a date YYYY-MM-DD, not \"%.40s\"", s);
        return false;
    }
    return true;
}

/* "a, b, c or d" into out (every name: a list in an error message is the complete list). */
static void list_names(const char *const *names, char *out, size_t n, const char *last_sep)
{
    size_t k = 0, count = 0;
    while (names[count])
        count++;
    out[0] = '\0';
    for (size_t i = 0; i < count && k < n; i++) {
        const char *sep = i == 0 ? "" : i + 1 == count ? last_sep : ", ";
        int w = snprintf(out + k, n - k, "%s%s", sep, names[i]);
        if (w < 0)
            break;
        k += (size_t)w;
    }
}

int nis2i_rd_enum(nis2i_reader *R, const json_t *obj, const char *key, const char *const *names, bool required)
{
    const char *s = nis2i_rd_str(R, obj, key, required);
    if (!s)
        return -1;
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    char list[1024];
    list_names(names, list, sizeof list, " or ");
    nis2i_rd_fail(R, R->code, key, "\"%.64s\" is not one of %s", s, list);
    return -1;
}

const json_t *nis2i_rd_array(nis2i_reader *R, const json_t *obj, const char *key, bool required)
{
    const json_t *v = member(R, obj, key, required, "an array");
    if (v && !json_is_array(v)) {
        nis2i_rd_fail(R, R->code, key, "expected an array, not %s", nis2i_json_type_name(v));
        return NULL;
    }
    return v;
}

const json_t *nis2i_rd_object(nis2i_reader *R, const json_t *obj, const char *key, bool required)
{
    const json_t *v = member(R, obj, key, required, "an object");
    if (v && !json_is_object(v)) {
        nis2i_rd_fail(R, R->code, key, "expected an object, not %s", nis2i_json_type_name(v));
        return NULL;
    }
    return v;
}

long nis2i_rd_codes(nis2i_reader *R, const json_t *obj, const char *key, bool required)
{
    const json_t *a = nis2i_rd_array(R, obj, key, required);
    if (!a)
        return R->st ? -1 : 0;
    size_t i;
    const json_t *v;
    json_array_foreach(a, i, v) {
        if (!json_is_string(v) || json_string_length(v) == 0) {
            nis2i_rd_push_key(R, key);
            nis2i_rd_push_index(R, i);
            nis2i_rd_fail(R, R->code, NULL, "expected a non-empty string, not %s", nis2i_json_type_name(v));
            nis2i_rd_pop(R);
            nis2i_rd_pop(R);
            return -1;
        }
    }
    return (long)json_array_size(a);
}

bool nis2i_rd_keys(nis2i_reader *R, const json_t *obj, const char *const *keys)
{
    if (R->st || !json_is_object(obj))
        return false;
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if (key[0] == 'x' && key[1] == '_')
            continue;            /* vendor extensions */
        size_t i;
        for (i = 0; keys[i]; i++)
            if (strcmp(keys[i], key) == 0)
                break;
        if (keys[i])
            continue;
        char list[1024];
        list_names(keys, list, sizeof list, " and ");
        char shown[100];
        snprintf(shown, sizeof shown, "%.64s", key);
        nis2i_utf8_repair(shown);
        nis2i_rd_fail(R, NIS2_ERR_UNKNOWN_KEY, shown, "unknown key (expected %s; vendor extensions start with x_)",
                      list);
        return false;
    }
    return true;
}
