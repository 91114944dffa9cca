/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON edge, first pass: one cheap scan over the raw text before jansson sees it.
 *
 * The scan enforces the input limits (README, "Input limits") before anything is allocated for a document:
 * nesting depth, array length and object size, string length, number of values; it rejects embedded NUL
 * characters (raw or as \u0000) and invalid UTF-8 inside strings. Every rejection names the JSON path of the
 * offending value. The same scanner, stopped at a byte offset, names the path of a jansson parse error.
 *
 * The scanner is not a validator: on malformed text it only has to stay within bounds and terminate; jansson
 * then reports the syntax error. It keeps a fixed-size stack, no heap, and no state outside its arguments.
 */
#include <stdio.h>
#include <string.h>

#include "compile/json_parse.h"
#include "util/utf8.h"

const nis2i_json_limits nis2i_input_limits = {
    .doc_bytes = NIS2_LIMIT_DOCUMENT_BYTES,
    .depth = NIS2_LIMIT_DEPTH,
    .array_len = NIS2_LIMIT_ARRAY_LENGTH,
    .string_bytes = NIS2_LIMIT_STRING_BYTES,
    .values = NIS2_LIMIT_VALUES,
};

const nis2i_json_limits nis2i_catalog_limits = {
    .doc_bytes = NIS2_LIMIT_DOCUMENT_BYTES,
    .depth = NIS2_LIMIT_DEPTH,
    .array_len = NIS2_LIMIT_ARRAY_LENGTH,
    .string_bytes = NIS2_LIMIT_CATALOG_STRING_BYTES,
    .values = NIS2_LIMIT_VALUES,
};

#define SCAN_STACK 64            /* frames recorded; deeper nesting is counted but not named */
#define PATH_KEY_BYTES 48        /* bytes of one key shown in a path */

typedef struct frame {
    bool obj;
    bool want_key;               /* object: the next string is a key */
    size_t n;                    /* elements (array) or members (object) started so far */
    size_t key_off, key_len;     /* object: raw text of the current key, between the quotes */
} frame;

typedef struct scanner {
    const unsigned char *p;
    size_t len, i;
    const nis2i_json_limits *lim; /* NULL: no limits (path lookup only) */
    const char *base;            /* path of the document's root, usually "$" */
    nis2_error *err;
    frame st[SCAN_STACK];
    size_t depth;
    size_t values;
} scanner;

/* Append the current path to out (n bytes). Keys are shown as written, cut at a UTF-8 boundary. */
static void scan_path(const scanner *s, char *out, size_t n)
{
    size_t w = (size_t)snprintf(out, n, "%s", s->base);
    size_t depth = s->depth < SCAN_STACK ? s->depth : SCAN_STACK;
    for (size_t d = 0; d < depth && w < n; d++) {
        const frame *f = &s->st[d];
        if (!f->obj) {
            if (f->n)
                w += (size_t)snprintf(out + w, n - w, "[%zu]", f->n - 1);
        } else if (f->n) {
            size_t kl = f->key_len;
            if (kl > PATH_KEY_BYTES) {
                kl = PATH_KEY_BYTES;
                while (kl && (s->p[f->key_off + kl] & 0xC0) == 0x80)
                    kl--;
            }
            w += (size_t)snprintf(out + w, n - w, ".%.*s%s", (int)kl, (const char *)s->p + f->key_off,
                                  kl < f->key_len ? "..." : "");
        }
    }
    if (s->depth > SCAN_STACK && w < n)
        snprintf(out + w, n - w, "...");
}

NIS2I_PRINTF(3, 4)
static nis2_status scan_fail(const scanner *s, nis2_status code, const char *fmt, ...)
{
    if (!s->err)
        return code;
    char path[256], msg[400];
    scan_path(s, path, sizeof path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nis2i_fail(s->err, code, path, "%s: %s", path, msg);
}

/* A value starts at s->i: count it against the limits of its container and of the document. */
static nis2_status value_start(scanner *s)
{
    s->values++;
    if (s->depth) {
        frame *f = s->depth <= SCAN_STACK ? &s->st[s->depth - 1] : NULL;
        if (f && !f->obj) {
            f->n++;
            if (s->lim && f->n > s->lim->array_len) {
                f->n = 0;             /* name the array, not the element past its end */
                return scan_fail(s, NIS2_ERR_LIMIT, "array has more than %zu elements", s->lim->array_len);
            }
        }
    }
    if (s->lim && s->values > s->lim->values)
        return scan_fail(s, NIS2_ERR_LIMIT, "the document has more than %zu values", s->lim->values);
    return NIS2_OK;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Scan the string whose opening quote is at s->i; leaves s->i after the closing quote (or at the end). */
static nis2_status scan_string(scanner *s, bool is_key)
{
    const unsigned char *p = s->p;
    size_t i = s->i + 1, decoded = 0;
    frame *f = (is_key && s->depth && s->depth <= SCAN_STACK) ? &s->st[s->depth - 1] : NULL;
    if (f) {
        f->key_off = i;
        f->key_len = 0;
    }
    const char *what = is_key ? "object key" : "string";
    while (i < s->len && p[i] != '"') {
        unsigned char c = p[i];
        if (f)
            f->key_len = i - f->key_off;
        if (c == '\\') {
            if (i + 1 >= s->len)
                break;
            if (p[i + 1] == 'u' && i + 5 < s->len) {
                int h[4] = {hexval(p[i + 2]), hexval(p[i + 3]), hexval(p[i + 4]), hexval(p[i + 5])};
                if (h[0] >= 0 && h[1] >= 0 && h[2] >= 0 && h[3] >= 0) {
                    unsigned cp = (unsigned)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]);
                    if (cp == 0 && s->lim) {
                        s->i = i;
                        return scan_fail(s, NIS2_ERR_PARSE, "%s contains an embedded NUL character (\\u0000)", what);
                    }
                    decoded += cp < 0x80 ? 1 : cp < 0x800 ? 2 : (cp >= 0xD800 && cp <= 0xDFFF) ? 2 : 3;
                    i += 6;
                    goto counted;
                }
            }
            decoded++;
            i += 2;
        } else if (c == 0) {
            if (s->lim) {
                s->i = i;
                return scan_fail(s, NIS2_ERR_PARSE, "%s contains an embedded NUL character (byte %zu)", what, i);
            }
            i++;
            decoded++;
        } else if (c < 0x80) {
            i++;
            decoded++;
        } else {
            size_t k = nis2i_utf8_seq(p + i, s->len - i);
            if (!k) {
                if (s->lim) {
                    s->i = i;
                    return scan_fail(s, NIS2_ERR_PARSE, "%s is not valid UTF-8 (byte 0x%02x at offset %zu)", what, c,
                                     i);
                }
                k = 1;
            }
            i += k;
            decoded += k;
        }
counted:
        if (s->lim && decoded > s->lim->string_bytes) {
            if (f)
                f->key_len = i - f->key_off;
            s->i = i;
            return scan_fail(s, NIS2_ERR_LIMIT, "%s longer than %zu bytes", what, s->lim->string_bytes);
        }
    }
    if (i > s->len)
        i = s->len;
    if (f)
        f->key_len = i - f->key_off;
    s->i = i < s->len ? i + 1 : i;
    return NIS2_OK;
}

/* Scan up to byte offset stop (exclusive; tokens that start before it are taken). */
static nis2_status scan(scanner *s, size_t stop)
{
    const unsigned char *p = s->p;
    nis2_status st;
    if (stop > s->len)
        stop = s->len;
    while (s->i < stop) {
        unsigned char c = p[s->i];
        frame *top = (s->depth && s->depth <= SCAN_STACK) ? &s->st[s->depth - 1] : NULL;
        switch (c) {
        case ' ': case '\t': case '\r': case '\n': case ':':
            s->i++;
            break;
        case ',':
            if (top && top->obj)
                top->want_key = true;
            s->i++;
            break;
        case '{':
        case '[':
            if ((st = value_start(s)))
                return st;
            if (s->lim && s->depth >= s->lim->depth)
                return scan_fail(s, NIS2_ERR_LIMIT, "nested deeper than %zu levels", s->lim->depth);
            if (s->depth < SCAN_STACK)
                s->st[s->depth] = (frame){.obj = c == '{', .want_key = c == '{'};
            s->depth++;
            s->i++;
            break;
        case '}':
        case ']':
            if (s->depth)
                s->depth--;
            s->i++;
            break;
        case '"':
            if (top && top->obj && top->want_key) {
                top->want_key = false;
                top->n++;
                if (s->lim && top->n > s->lim->array_len) {
                    top->n = 0;       /* name the object, not its last key */
                    return scan_fail(s, NIS2_ERR_LIMIT, "object has more than %zu members", s->lim->array_len);
                }
                if ((st = scan_string(s, true)))
                    return st;
            } else {
                if ((st = value_start(s)) || (st = scan_string(s, false)))
                    return st;
            }
            break;
        case '\0':
            if (s->lim)
                return scan_fail(s, NIS2_ERR_PARSE, "embedded NUL character (byte %zu)", s->i);
            s->i++;
            break;
        default: {
            /* a number, true, false, null, or garbage that jansson will reject */
            if ((st = value_start(s)))
                return st;
            size_t start = s->i;
            while (s->i < s->len && !strchr(" \t\r\n,:[]{}\"", p[s->i]) && p[s->i] != 0)
                s->i++;
            if (s->lim && s->i - start > s->lim->string_bytes)
                return scan_fail(s, NIS2_ERR_LIMIT, "number or literal longer than %zu bytes", s->lim->string_bytes);
            break;
        }
        }
    }
    return NIS2_OK;
}

nis2_status nis2i_json_prescan(const char *text, size_t len, const nis2i_json_limits *lim, const char *base,
                               nis2_error *err)
{
    scanner s = {.p = (const unsigned char *)text, .len = len, .lim = lim, .base = base ? base : "$", .err = err};
    if (len > lim->doc_bytes)
        return nis2i_fail(err, NIS2_ERR_LIMIT, s.base, "%s: document of %zu bytes exceeds the limit of %zu bytes",
                          s.base, len, lim->doc_bytes);
    return scan(&s, len);
}

void nis2i_json_path_at(const char *text, size_t len, size_t pos, const char *base, char *out, size_t n)
{
    scanner s = {.p = (const unsigned char *)text, .len = len, .base = base ? base : "$"};
    scan(&s, pos);
    scan_path(&s, out, n);
}
