/* SPDX-License-Identifier: Apache-2.0 */
/* A small JSON text writer shared by the output paths that write their JSON (lib/schema/FORMATS.md) directly (without building a
 * jansson tree): strings are escaped exactly as json_dumps escapes them, so the bytes are the same. Internal. */
#ifndef NIS2_JSON_JW_H
#define NIS2_JSON_JW_H

#include <string.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "model/names.h"
#include "model/result.h"
#include "util/utf8.h"

typedef struct nis2i_jw {
    nis2i_buf *b;
    bool bad;                    /* a string was not valid UTF-8: the caller falls back to jansson */
} nis2i_jw;

/* Append n bytes; the common case (room left) is inlined, growth goes through nis2i_buf_put. */
static inline void nis2i_jw_put(nis2i_jw *w, const char *s, size_t n)
{
    nis2i_buf *b = w->b;
    if (b->len + n < b->cap) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
    } else {
        nis2i_buf_put(b, s, n);
    }
}

/* A JSON string of len bytes (str[len] must be readable and NUL, as jansson and C strings keep it): '"' and
 * '\\' and control characters escaped ("\\n", "\\u001F"), every other byte as it is; invalid UTF-8 sets bad. */
void nis2i_jw_str(nis2i_jw *w, const char *str, size_t len);

/* Pretty output: a new line and depth * indent spaces; nothing when indent is 0 (compact output). */
void nis2i_jw_newline(nis2i_jw *w, size_t indent, size_t depth);

#endif
