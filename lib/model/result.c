/* SPDX-License-Identifier: Apache-2.0 */
/* Building a classification result: reasons, grounds and missing facts (the rules call these). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/result.h"
#include "util/util.h"

/* Longest reason text kept, in bytes (a longer one is cut, as vsnprintf into a 512-byte buffer always did). */
#define REASON_MAX 511

/* True when fmt has no conversion but %s and %%: the common case, formatted without the printf machinery. */
static bool only_string_conversions(const char *fmt)
{
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 2, '%'))
        if (p[1] != 's' && p[1] != '%')
            return false;
    return true;
}

/* Append at most *room bytes of s (n bytes) to the text buffer. */
static void put_capped(nis2i_buf *b, const char *s, size_t n, size_t *room)
{
    if (n > *room)
        n = *room;
    nis2i_buf_put(b, s, n);
    *room -= n;
}

void nis2i_reason_add(nis2_result *r, const char *ref, const char *fmt, ...)
{
    if (r->no_trace)
        return;
    if (r->n_reasons == r->cap_reasons) {
        size_t ncap = r->cap_reasons ? r->cap_reasons * 2 : 16;
        nis2i_reason *nr = realloc(r->reasons, ncap * sizeof *nr);
        if (!nr) {
            r->oom = true;
            return;
        }
        r->reasons = nr;
        r->cap_reasons = ncap;
    }
    size_t off = r->text.len;
    va_list ap;
    va_start(ap, fmt);
    if (only_string_conversions(fmt)) {
        /* The same bytes vsnprintf would give ("(null)" for a NULL string, as glibc prints it). */
        size_t room = REASON_MAX;
        const char *lit = fmt;
        for (const char *p = strchr(fmt, '%'); p; p = strchr(lit, '%')) {
            put_capped(&r->text, lit, (size_t)(p - lit), &room);
            if (p[1] == '%') {
                put_capped(&r->text, "%", 1, &room);
            } else {
                const char *s = va_arg(ap, const char *);
                if (!s)
                    s = "(null)";
                put_capped(&r->text, s, strlen(s), &room);
            }
            lit = p + 2;
        }
        put_capped(&r->text, lit, strlen(lit), &room);
    } else {
        char small[REASON_MAX + 1];
        int n = vsnprintf(small, sizeof small, fmt, ap);
        if (n < 0)
            n = 0;
        nis2i_buf_put(&r->text, small, (size_t)n < sizeof small ? (size_t)n : sizeof small - 1);
    }
    va_end(ap);
    nis2i_buf_put(&r->text, "", 1);            /* keep the NUL as a separator */
    if (r->text.oom) {
        r->oom = true;
        return;
    }
    r->reasons[r->n_reasons].ref = ref;
    r->reasons[r->n_reasons].text_off = off;
    r->n_reasons++;
}

void nis2i_verdict_add_ground(nis2i_verdict *v, const char *ref)
{
    if (!ref)
        return;
    for (size_t i = 0; i < v->n_grounds; i++)
        if (v->grounds[i] == ref || strcmp(v->grounds[i], ref) == 0)   /* the same catalog string, mostly */
            return;
    if (v->n_grounds < NIS2I_MAX_GROUNDS)
        v->grounds[v->n_grounds++] = ref;
}

void nis2i_missing_add(nis2_result *r, const char *name)
{
    if (!name)
        return;
    for (size_t i = 0; i < r->n_missing; i++)
        if (strcmp(r->missing[i], name) == 0)
            return;
    if (r->n_missing < sizeof r->missing / sizeof r->missing[0])
        r->missing[r->n_missing++] = name;
}
