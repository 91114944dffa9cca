/* SPDX-License-Identifier: Apache-2.0 */
/* nis2_classify and the getters of its result. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "rules/overlay.h"

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
    if (ov) {                    /* the overlay's rules where it has them, else the generic data-driven path */
        nis2i_overlay_classify(ov, ctx, e, r);
        r->has_nat = true;
        r->law = ov->law;
    } else {                     /* say that the national law is not encoded, not a silent null */
        uint32_t idx;
        r->nat_not_encoded = true;
        if (nis2i_map_get(&ctx->ms_index, e->country, &idx)) {
            r->nat_law = ctx->ms_law[idx];
            r->nat_in_force = ctx->ms_in_force[idx];
        }
        r->nat_reason = r->nat_law ? "The national law of this Member State is not encoded in this library: the answer is the Directive's alone, not the national one"
                                   : "This Member State's transposition of the Directive is not known to the catalog and not encoded: the answer is the Directive's alone, not the national one";
        nis2i_reason_add(r, r->nat_law ? r->nat_law : "NIS2 Art. 41", "%s (%s%s%s)", r->nat_reason, r->nat_law ? r->nat_law : "no transposition recorded",
                         r->nat_in_force ? ", in force " : "", r->nat_in_force ? r->nat_in_force : "");
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

/* i14: a national category gets the public id its overlay declares (category_code), if any. */
uint32_t nis2_result_category_code(const nis2_result *r, uint32_t which)
{
    const nis2i_verdict *v = verdict_of(r, which);
    if (!v)
        return NIS2_CATEGORY_UNDETERMINED;
    if (v->cat_id != NIS2_CATEGORY_NATIONAL)
        return v->cat_id;
    uint32_t k;
    const nis2i_overlay *ov = r->ctx && v == &r->nat && nis2i_map_get(&r->ctx->overlay_index, r->country, &k)
                                  ? &r->ctx->overlays[k] : NULL;
    return ov ? nis2i_category_code_in(ov, v->category) : NIS2_CATEGORY_NATIONAL;
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
