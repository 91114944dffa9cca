/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fast path of nis2_entity_from_json(): an entity document read straight into the typed entity, without
 * building a jansson tree, for the common well-formed case (bulk screening reads millions of them).
 *
 * It accepts a document only when it is certain that the strict path (compile/json_parse.c + entity_json.c)
 * would accept it and build the same entity; on anything else — any defect, and also anything merely unusual:
 * escapes in strings, exponents or more than 15 significant digits in numbers, negative numbers, `x_` keys,
 * `national` facts, a schema other than the literal 1 — it declines, and the caller takes the strict path, which
 * gives the answer or the error message exactly as before. So this file decides no error message and no legal
 * answer; `tests/fuzz/fuzz_entity_fast.c` and `tests/unit/test_result_json.c` check the equivalence.
 */
#include <string.h>

#include "json/edge.h"
#include "model/names.h"
#include "util/utf8.h"

typedef struct fp {
    const unsigned char *p, *end;
} fp;

static void ws(fp *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

static bool eat(fp *s, unsigned char c)
{
    ws(s);
    if (s->p < s->end && *s->p == c) {
        s->p++;
        return true;
    }
    return false;
}

/* A string without escapes: its bytes (valid UTF-8, no control characters) in [*b, *b + *n). */
static bool str(fp *s, const char **b, size_t *n)
{
    ws(s);
    if (s->p >= s->end || *s->p != '"')
        return false;
    const unsigned char *q = ++s->p;
    while (q < s->end && *q != '"') {
        if (*q == '\\' || *q < 0x20)
            return false;        /* escapes and control characters: the strict path decides */
        if (*q < 0x80) {
            q++;
            continue;
        }
        size_t k = nis2i_utf8_seq(q, (size_t)(s->end - q));
        if (!k)
            return false;
        q += k;
    }
    if (q >= s->end || (size_t)(q - s->p) > NIS2_LIMIT_STRING_BYTES)
        return false;
    *b = (const char *)s->p;
    *n = (size_t)(q - s->p);
    s->p = q + 1;
    return true;
}

static bool lit(fp *s, const char *word)
{
    ws(s);
    size_t n = strlen(word);
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return false;
    s->p += n;
    return true;
}


/* A non-negative number with at most 15 significant digits and no exponent, converted exactly as a correctly
 * rounding strtod would: mantissa and 10^k are exact doubles, and one IEEE division rounds correctly. */
static bool num(fp *s, double *out)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    ws(s);
    const unsigned char *q = s->p;
    if (q >= s->end || *q < '0' || *q > '9')
        return false;            /* '-' and everything else: the strict path */
    if (*q == '0' && q + 1 < s->end && q[1] >= '0' && q[1] <= '9')
        return false;            /* a leading zero is malformed JSON */
    uint64_t m = 0;
    int digits = 0, frac = 0;
    bool seen_nonzero = false;
    for (; q < s->end && *q >= '0' && *q <= '9'; q++) {
        if (*q != '0' || seen_nonzero) {
            seen_nonzero = true;
            digits++;
        }
        m = m * 10 + (uint64_t)(*q - '0');
        if (digits > 15)
            return false;
    }
    if (q < s->end && *q == '.') {
        q++;
        if (q >= s->end || *q < '0' || *q > '9')
            return false;
        for (; q < s->end && *q >= '0' && *q <= '9'; q++) {
            if (*q != '0' || seen_nonzero) {
                seen_nonzero = true;
                digits++;
            }
            m = m * 10 + (uint64_t)(*q - '0');
            frac++;
            if (digits > 15 || frac > 22)
                return false;
        }
    }
    if (q < s->end && (*q == 'e' || *q == 'E'))
        return false;
    *out = frac ? (double)m / p10[frac] : (double)m;
    s->p = q;
    return true;
}

static bool key_is(const char *b, size_t n, const char *k)
{
    return strlen(k) == n && memcmp(b, k, n) == 0;
}

static const char *const fig_names[NIS2I_NFIG] = {"employees", "turnover_eur", "balance_sheet_eur"};

/* A figure key (index) or -1. */
static int fig_index(const char *b, size_t n)
{
    for (int i = 0; i < NIS2I_NFIG; i++)
        if (key_is(b, n, fig_names[i]))
            return i;
    return -1;
}

/* number or null into period p of figure i. */
static bool figure(fp *s, nis2_entity *e, int period, int i)
{
    if (lit(s, "null"))
        return true;
    double d;
    return num(s, &d) && nis2_entity_set_figure(e, (uint32_t)period, (uint32_t)i + 1, d, NULL) == NIS2_OK;
}

static bool previous_period(fp *s, nis2_entity *e)
{
    if (lit(s, "null"))
        return true;
    if (!eat(s, '{'))
        return false;
    unsigned seen = 0;
    if (eat(s, '}'))
        return true;
    do {
        const char *k;
        size_t kn;
        if (!str(s, &k, &kn) || !eat(s, ':'))
            return false;
        int i = fig_index(k, kn);
        if (i < 0 || (seen & (1u << i)))
            return false;        /* unknown keys (x_ included) and duplicates: the strict path */
        seen |= 1u << i;
        if (!figure(s, e, 1, i))
            return false;
    } while (eat(s, ','));
    return eat(s, '}');
}

static bool flags(fp *s, nis2_entity *e)
{
    if (lit(s, "null"))
        return true;
    if (!eat(s, '{'))
        return false;
    uint32_t seen = 0;
    bool seen_designation = false;
    if (eat(s, '}'))
        return true;
    do {
        const char *k;
        size_t kn;
        if (!str(s, &k, &kn) || !eat(s, ':'))
            return false;
        if (key_is(k, kn, "member_state_designation")) {
            if (seen_designation)
                return false;
            seen_designation = true;
            const char *v;
            size_t vn;
            if (lit(s, "null"))
                continue;
            if (!str(s, &v, &vn))
                return false;
            if (key_is(v, vn, "essential"))
                e->designation = NIS2_DESIGNATION_ESSENTIAL;
            else if (key_is(v, vn, "important"))
                e->designation = NIS2_DESIGNATION_IMPORTANT;
            else
                return false;
            continue;
        }
        size_t f;
        for (f = 0; f < nis2i_n_flag_names; f++)
            if (key_is(k, kn, nis2i_flag_names[f].name))
                break;
        if (f == nis2i_n_flag_names || (seen & (1u << f)))
            return false;
        seen |= 1u << f;
        bool val;
        if (lit(s, "true"))
            val = true;
        else if (lit(s, "false"))
            val = false;
        else
            return false;
        nis2_entity_set_flag(e, nis2i_flag_names[f].flag, val, NULL);
    } while (eat(s, ','));
    return eat(s, '}');
}

static bool activities(fp *s, nis2_entity *e)
{
    if (!eat(s, '['))
        return false;
    if (eat(s, ']'))
        return true;
    size_t count = 0;
    do {
        const char *b;
        size_t n;
        char code[160];
        if (!str(s, &b, &n) || n >= sizeof code || ++count > NIS2_LIMIT_ARRAY_LENGTH)
            return false;
        memcpy(code, b, n);
        code[n] = '\0';
        if (nis2_entity_add_activity(e, code, NULL) != NIS2_OK)
            return false;
    } while (eat(s, ','));
    return eat(s, ']');
}

enum { K_SCHEMA, K_NAME, K_COUNTRY, K_ACTIVITIES, K_FIG0, K_FIG1, K_FIG2, K_PREVIOUS, K_FLAGS, K_COUNT };

/* 1: *out is the entity the strict path would build; 0: declined (nothing allocated remains). */
int nis2i_entity_fast(const nis2_ctx *ctx, const char *json, size_t len, nis2_entity **out)
{
    if (len > NIS2_LIMIT_DOCUMENT_BYTES || memchr(json, '\0', len))
        return 0;
    fp s = {(const unsigned char *)json, (const unsigned char *)json + len};
    nis2_entity *e = NULL;
    if (nis2_entity_new(ctx, &e, NULL) != NIS2_OK)
        return 0;
    unsigned seen = 0;
    if (!eat(&s, '{') || eat(&s, '}'))
        goto decline;            /* {} lacks country and activities: the strict path says so */
    do {
        const char *k;
        size_t kn;
        if (!str(&s, &k, &kn) || !eat(&s, ':'))
            goto decline;
        int id;
        int fi = fig_index(k, kn);
        if (fi >= 0)
            id = K_FIG0 + fi;
        else if (key_is(k, kn, "schema"))
            id = K_SCHEMA;
        else if (key_is(k, kn, "name"))
            id = K_NAME;
        else if (key_is(k, kn, "country"))
            id = K_COUNTRY;
        else if (key_is(k, kn, "activities"))
            id = K_ACTIVITIES;
        else if (key_is(k, kn, "previous_period"))
            id = K_PREVIOUS;
        else if (key_is(k, kn, "flags"))
            id = K_FLAGS;
        else
            goto decline;        /* national, x_ keys, unknown keys */
        if (seen & (1u << id))
            goto decline;        /* a duplicate key is an error of the strict parser */
        seen |= 1u << id;
        const char *b;
        size_t n;
        char buf[NIS2_LIMIT_STRING_BYTES + 1];
        switch (id) {
        case K_SCHEMA:
            ws(&s);
            if (!lit(&s, "1") || (s.p < s.end && ((*s.p >= '0' && *s.p <= '9') || *s.p == '.' || *s.p == 'e' ||
                                                   *s.p == 'E')))
                goto decline;
            break;
        case K_NAME:
            if (lit(&s, "null"))
                break;
            if (!str(&s, &b, &n))
                goto decline;
            memcpy(buf, b, n);
            buf[n] = '\0';
            if (nis2_entity_set_name(e, buf, NULL) != NIS2_OK)
                goto decline;
            break;
        case K_COUNTRY:
            if (!str(&s, &b, &n) || n > 8)
                goto decline;
            memcpy(buf, b, n);
            buf[n] = '\0';
            if (nis2_entity_set_country(e, buf, NULL) != NIS2_OK)
                goto decline;
            break;
        case K_ACTIVITIES:
            if (!activities(&s, e))
                goto decline;
            break;
        case K_PREVIOUS:
            if (!previous_period(&s, e))
                goto decline;
            break;
        case K_FLAGS:
            if (!flags(&s, e))
                goto decline;
            break;
        default:
            if (!figure(&s, e, 0, id - K_FIG0))
                goto decline;
            break;
        }
    } while (eat(&s, ','));
    if (!eat(&s, '}'))
        goto decline;
    ws(&s);
    if (s.p != s.end || !(seen & (1u << K_COUNTRY)) || !(seen & (1u << K_ACTIVITIES)))
        goto decline;
    *out = e;
    return 1;
decline:
    nis2_entity_free(e);
    return 0;
}
