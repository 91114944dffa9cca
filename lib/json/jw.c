/* SPDX-License-Identifier: Apache-2.0 */
/* The shared JSON string writer (see jw.h). */
#include "jw.h"

/* 1 for the bytes a JSON string holds as they are (printable ASCII but '"' and '\\'). */
static const unsigned char plain[256] = {
    ['\x20'] = 1, 1, 0 /* '"' */, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 /* '\\' */, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* to 0x7F */
};

void nis2i_jw_str(nis2i_jw *w, const char *str, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)str, *end = s + len, *run = s;
    nis2i_jw_put(w, "\"", 1);
    for (;;) {
        while (plain[*s])
            s++;
        if (s >= end)
            break;
        unsigned c = *s;
        if (c >= 0x80) {
            size_t n = nis2i_utf8_seq(s, (size_t)(end - s));
            if (!n) {
                w->bad = true;
                return;
            }
            s += n;
            continue;
        }
        nis2i_jw_put(w, (const char *)run, (size_t)(s - run));
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t elen = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:                 /* other control characters, an embedded NUL too */
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15u];
            elen = 6;
        }
        nis2i_jw_put(w, esc, elen);
        run = ++s;
    }
    nis2i_jw_put(w, (const char *)run, (size_t)(s - run));
    nis2i_jw_put(w, "\"", 1);
}

void nis2i_jw_newline(nis2i_jw *w, size_t indent, size_t depth)
{
    static const char spaces[] = "                                ";
    if (!indent)
        return;
    nis2i_jw_put(w, "\n", 1);
    for (size_t n = depth * indent; n;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        nis2i_jw_put(w, spaces, k);
        n -= k;
    }
}
