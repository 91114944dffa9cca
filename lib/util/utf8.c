/* SPDX-License-Identifier: Apache-2.0 */
/* UTF-8 checks shared by the input scanner, the error object and the JSON writers. */
#include <string.h>

#include "util/utf8.h"

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 when it is invalid (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
size_t nis2i_utf8_seq(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (need >= n)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t k = 2; k <= need; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    return need + 1;
}

void nis2i_utf8_repair(char *s)
{
    unsigned char *p = (unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k = nis2i_utf8_seq(p + i, n - i);
        if (k) {
            i += k;
        } else {
            p[i++] = '?';
        }
    }
}
