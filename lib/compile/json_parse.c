/* SPDX-License-Identifier: Apache-2.0 */
/* JSON edge: strict parsing and dumping with the library's limits. */
#include <stdlib.h>
#include <string.h>

#include "compile/json_parse.h"
#include "util/utf8.h"

nis2_status nis2i_json_parse(const char *text, size_t len, json_t **out, nis2_error *err)
{
    return nis2i_json_parse_ex(text, len, &nis2i_input_limits, "$", out, err);
}

/* jansson's messages, reworded where the reason is not obvious from its text. */
static const char *parse_reason(const json_error_t *jerr)
{
    switch (json_error_code(jerr)) {
    case json_error_duplicate_key: return "duplicate object key";
    case json_error_numeric_overflow: return "number out of range (too large for any field)";
    case json_error_null_character: return "embedded NUL character";
    case json_error_invalid_utf8: return "invalid UTF-8";
    case json_error_premature_end_of_input: return "unexpected end of the document";
    case json_error_end_of_input_expected: return "text after the end of the document";
    default: break;
    }
    if (strstr(jerr->text, "'[' or '{' expected"))
        return "expected a JSON object";
    return NULL;
}

nis2_status nis2i_json_parse_ex(const char *text, size_t len, const nis2i_json_limits *lim, const char *base,
                                json_t **out, nis2_error *err)
{
    *out = NULL;
    if (!base)
        base = "$";
    nis2_status st = nis2i_json_prescan(text, len, lim, base, err);
    if (st)
        return st;
    json_error_t jerr;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!v) {
        char path[256];
        size_t pos = jerr.position > 0 ? (size_t)jerr.position : 0;
        nis2i_json_path_at(text, len, pos, base, path, sizeof path);
        const char *why = parse_reason(&jerr);
        return nis2i_fail(err, NIS2_ERR_PARSE, path, "%s: malformed JSON at line %d column %d (byte %zu): %s%s%s%s",
                          path, jerr.line, jerr.column, pos, why ? why : jerr.text, why ? " (" : "",
                          why ? jerr.text : "", why ? ")" : "");
    }
    *out = v;
    return NIS2_OK;
}

nis2_status nis2i_json_number(const json_t *v, const char *path, double min, double max, double *out,
                              nis2_error *err)
{
    if (!json_is_number(v))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a number", path);
    double d = json_number_value(v);
    if (!(d >= min && d <= max)) {     /* also false for NaN */
        char a[64], b[64], c[64];
        nis2i_fmt_number(min, a);
        nis2i_fmt_number(max, b);
        nis2i_fmt_number(d, c);
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: %s is outside the accepted range %s to %s", path, c, a, b);
    }
    *out = d;
    return NIS2_OK;
}

nis2_status nis2i_json_dump(const json_t *v, uint32_t flags, char **out, nis2_error *err)
{
    size_t jf = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
    jf |= (flags & NIS2_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
    char *s = json_dumps(v, jf);
    if (!s)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory while writing JSON");
    *out = s;
    return NIS2_OK;
}

const char *nis2i_json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

nis2_status nis2i_json_check_keys(const json_t *obj, const char *const *keys, const char *base, nis2_error *err)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if (key[0] == 'x' && key[1] == '_')
            continue;                          /* vendor extensions are ignored */
        size_t i;
        for (i = 0; keys[i]; i++)
            if (strcmp(keys[i], key) == 0)
                break;
        if (keys[i])
            continue;
        char path[256], expected[400], hint[96] = "";
        size_t n = 0;
        bool complete = true;
        expected[0] = '\0';
        for (i = 0; keys[i]; i++) {
            int w = snprintf(expected + n, sizeof expected - n, "%s%s", i ? ", " : "", keys[i]);
            if (w < 0 || (size_t)w >= sizeof expected - n) {
                expected[n] = '\0';
                complete = false;                  /* never cut a list silently */
                break;
            }
            n += (size_t)w;
        }
        const char *best = nis2i_closest(key, keys, 3);
        if (best)
            snprintf(hint, sizeof hint, "did you mean '%s'? ", best);
        snprintf(path, sizeof path, "%s.%.64s", base, key);
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, path, "%s: unknown key (%sexpected %s%s; vendor extensions start with x_)",
                          path, hint, expected, complete ? "" : " and others: see the format's documentation");
    }
    return NIS2_OK;
}
