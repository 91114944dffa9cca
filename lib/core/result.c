/* SPDX-License-Identifier: Apache-2.0 */
/* Results: construction helpers and getters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const category_names[] = {
    [NIS2_CATEGORY_OUT_OF_SCOPE] = "out_of_scope",
    [NIS2_CATEGORY_ESSENTIAL] = "essential",
    [NIS2_CATEGORY_IMPORTANT] = "important",
    [NIS2_CATEGORY_DOMAIN_REGISTRATION_ONLY] = "domain_registration_only",
    [NIS2_CATEGORY_MEMBER_STATE_OPTION] = "member_state_option",
    [NIS2_CATEGORY_UNDETERMINED] = "undetermined",
    [NIS2_CATEGORY_NATIONAL] = "national",
};

const char *nis2i_category_name(uint32_t cat_id)
{
    return cat_id < sizeof category_names / sizeof category_names[0] ? category_names[cat_id] : "undetermined";
}

const char *nis2i_size_name(uint32_t cls)
{
    static const char *const names[] = {NULL, "micro", "small", "medium", "large"};
    return cls <= NIS2_SIZE_LARGE ? names[cls] : NULL;
}

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
        if (strcmp(v->grounds[i], ref) == 0)
            return;
    if (v->n_grounds < NIS2I_MAX_GROUNDS)
        v->grounds[v->n_grounds++] = ref;
}

void nis2_result_free(nis2_result *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->reasons);
    nis2i_buf_free(&r->text);
    nis2i_ctx_unref(r->ctx);
    free(r);
}

nis2_status nis2_classify(const nis2_ctx *ctx, const nis2_entity *e, nis2_result **out, nis2_error *err)
{
    return nis2_classify_ex(ctx, e, 0, out, err);
}

nis2_status nis2_classify_ex(const nis2_ctx *ctx, const nis2_entity *e, uint32_t flags, nis2_result **out,
                             nis2_error *err)
{
    if (!ctx || !e || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_classify: arguments must not be NULL");
    *out = NULL;
    if (flags & ~(uint32_t)NIS2_CLASSIFY_NO_TRACE)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_classify_ex: unknown flags 0x%x", flags);
    if (e->ctx != ctx)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_classify: the entity was made with another context");
    if (!e->country[0])
        return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.country", "$.country: required (set it with nis2_entity_set_country)");
    nis2_result *r = calloc(1, sizeof *r);
    if (!r)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    r->ctx = nis2i_ctx_ref(ctx);
    memcpy(r->country, e->country, 3);
    /* Room for a typical trace up front, so that formatting the reasons does not reallocate (one entity
     * usually gives 3-8 reasons of 100-300 bytes). Growth past it is handled by nis2i_reason_add. */
    r->no_trace = (flags & NIS2_CLASSIFY_NO_TRACE) != 0;
    if (!r->no_trace && (r->text.data = malloc(2048)) != NULL)
        r->text.cap = 2048;
    if (!r->no_trace && (r->reasons = malloc(16 * sizeof *r->reasons)) != NULL)
        r->cap_reasons = 16;
    if (e->name && !(r->name = nis2i_strdup(e->name)))
        r->oom = true;

    nis2i_size_classify(ctx, e, r);
    nis2i_directive_classify(ctx, e, r);
    r->law = ctx->law;
    const nis2i_overlay *ov = nis2i_overlay_find(ctx, e->country);
    if (ov) {                    /* a rule function where the law needs one, else the generic data-driven path */
        if (ov->rules && ov->rules->classify)
            ov->rules->classify(ov, ctx, e, r);
        else
            nis2i_overlay_generic_classify(ov, ctx, e, r);
        r->has_nat = true;
        r->law = ov->law;
    }
    if (r->oom) {
        nis2_result_free(r);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    *out = r;
    return NIS2_OK;
}

static const nis2i_verdict *verdict_of(const nis2_result *r, uint32_t which)
{
    if (!r)
        return NULL;
    switch (which) {
    case NIS2_VERDICT_APPLICABLE: return r->has_nat ? &r->nat : &r->dir;
    case NIS2_VERDICT_DIRECTIVE: return &r->dir;
    case NIS2_VERDICT_NATIONAL: return r->has_nat ? &r->nat : NULL;
    default: return NULL;
    }
}

int nis2_result_has_verdict(const nis2_result *r, uint32_t which)
{
    return verdict_of(r, which) != NULL;
}

const char *nis2_result_category(const nis2_result *r, uint32_t which)
{
    const nis2i_verdict *v = verdict_of(r, which);
    return v ? v->category : NULL;
}

uint32_t nis2_result_category_id(const nis2_result *r, uint32_t which)
{
    const nis2i_verdict *v = verdict_of(r, which);
    return v ? v->cat_id : NIS2_CATEGORY_UNDETERMINED;
}

const char *nis2_result_decided_by(const nis2_result *r, uint32_t which)
{
    const nis2i_verdict *v = verdict_of(r, which);
    return v ? v->decided_by : NULL;
}

size_t nis2_result_ground_count(const nis2_result *r, uint32_t which)
{
    const nis2i_verdict *v = verdict_of(r, which);
    return v ? v->n_grounds : 0;
}

const char *nis2_result_ground_at(const nis2_result *r, uint32_t which, size_t i)
{
    const nis2i_verdict *v = verdict_of(r, which);
    return v && i < v->n_grounds ? v->grounds[i] : NULL;
}

const char *nis2_result_law(const nis2_result *r)
{
    return r ? r->law : NULL;
}

const char *nis2_result_authority(const nis2_result *r)
{
    return r ? r->authority : NULL;
}

uint32_t nis2_result_size_class(const nis2_result *r)
{
    return r ? r->size.cls : NIS2_SIZE_UNKNOWN;
}

const char *nis2_result_size_class_name(const nis2_result *r)
{
    return r ? nis2i_size_name(r->size.cls) : NULL;
}

size_t nis2_result_reason_count(const nis2_result *r)
{
    return r ? r->n_reasons : 0;
}

const char *nis2_result_reason_ref(const nis2_result *r, size_t i)
{
    return r && i < r->n_reasons ? r->reasons[i].ref : NULL;
}

const char *nis2_result_reason_text(const nis2_result *r, size_t i)
{
    return r && i < r->n_reasons ? r->text.data + r->reasons[i].text_off : NULL;
}

size_t nis2_result_missing_count(const nis2_result *r)
{
    return r ? r->n_missing : 0;
}

const char *nis2_result_missing_at(const nis2_result *r, size_t i)
{
    return r && i < r->n_missing ? r->missing[i] : NULL;
}
