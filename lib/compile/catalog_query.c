/* SPDX-License-Identifier: Apache-2.0 */
/* The catalog from C (i14, NIS2_1.1): entity types, flags, the laws and their categories, Member States, all
 * read from the compiled model (no JSON: a context from the catalog image answers without parsing its document). */
#include <string.h>

#include "compile/compile.h"
#include "model/names.h"
#include "model/overlay.h"

static const nis2i_etype *etype_at(const nis2_ctx *ctx, size_t i)
{
    return ctx && i < ctx->n_etypes ? &ctx->etypes[i] : NULL;
}

#define ET_STR(name, expr)                                                  \
    const char *nis2_ctx_entity_type_##name(const nis2_ctx *ctx, size_t i) \
    {                                                                       \
        const nis2i_etype *t = etype_at(ctx, i);                            \
        return t ? (expr) : NULL;                                           \
    }
ET_STR(label, t->label)
ET_STR(sector, t->sector)
ET_STR(subsector, t->subsector)
ET_STR(annex_point, t->annex_point)
ET_STR(ref, t->ref)
ET_STR(role, nis2i_role_name(t->role))

uint32_t nis2_ctx_entity_type_annex(const nis2_ctx *ctx, size_t i)
{
    const nis2i_etype *t = etype_at(ctx, i);
    return t && t->annex > 0 ? (uint32_t)t->annex : 0;
}

const char *nis2_ctx_entity_type_country(const nis2_ctx *ctx, size_t i)
{
    const nis2i_etype *t = etype_at(ctx, i);
    return t && t->overlay >= 0 ? ctx->overlays[t->overlay].country : NULL;
}

size_t nis2_ctx_flag_count(const nis2_ctx *ctx)
{
    NIS2I_UNUSED(ctx);
    return nis2i_n_flag_names;
}

const char *nis2_ctx_flag_name(const nis2_ctx *ctx, size_t i)
{
    NIS2I_UNUSED(ctx);
    return i < nis2i_n_flag_names ? nis2i_flag_names[i].name : NULL;
}

uint32_t nis2_ctx_flag_id(const nis2_ctx *ctx, size_t i)
{
    NIS2I_UNUSED(ctx);
    return i < nis2i_n_flag_names ? nis2i_flag_names[i].flag : 0;
}

/* ---- laws and categories ---- */

static const nis2i_overlay *overlay_of(const nis2_ctx *ctx, size_t law)
{
    return ctx && law >= 1 && law <= ctx->n_overlays ? &ctx->overlays[law - 1] : NULL;
}

size_t nis2_ctx_law_count(const nis2_ctx *ctx)
{
    return ctx ? 1 + ctx->n_overlays : 0;
}

const char *nis2_ctx_law_name(const nis2_ctx *ctx, size_t law)
{
    if (ctx && law == 0)
        return ctx->law;
    const nis2i_overlay *ov = overlay_of(ctx, law);
    return ov ? ov->law : NULL;
}

const char *nis2_ctx_law_country(const nis2_ctx *ctx, size_t law)
{
    const nis2i_overlay *ov = overlay_of(ctx, law);
    return ov ? ov->country : NULL;
}

/* The Directive's categories, in NIS2_CATEGORY_* order (it declares no precedence among them). */
static const struct {
    uint32_t id;
    const char *label, *ref;
} dir_cats[] = {
    {NIS2_CATEGORY_ESSENTIAL, "Essential entity", "NIS2 Art. 3(1)"},
    {NIS2_CATEGORY_IMPORTANT, "Important entity", "NIS2 Art. 3(2)"},
    {NIS2_CATEGORY_DOMAIN_REGISTRATION_ONLY, "Domain name registration service provider (registration duties only)",
     "NIS2 Art. 2(4)"},
    {NIS2_CATEGORY_MEMBER_STATE_OPTION, "In scope by a Member State's option", "NIS2 Art. 2(5)"},
    {NIS2_CATEGORY_OUT_OF_SCOPE, "Outside the Directive's scope", "NIS2 Art. 2(1)"},
    {NIS2_CATEGORY_UNDETERMINED, "Not decided: a needed fact is absent", NULL},
};
#define N_DIR_CATS (sizeof dir_cats / sizeof dir_cats[0])

static const nis2i_ov_cat *category(const nis2_ctx *ctx, size_t law, size_t i)
{
    const nis2i_overlay *ov = overlay_of(ctx, law);
    return ov && i < ov->n_cats ? &ov->cats[i] : NULL;
}

size_t nis2_ctx_category_count(const nis2_ctx *ctx, size_t law)
{
    if (!ctx || law >= nis2_ctx_law_count(ctx))
        return 0;
    const nis2i_overlay *ov = overlay_of(ctx, law);
    return ov ? ov->n_cats : N_DIR_CATS;
}

const char *nis2_ctx_category_name(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? nis2i_category_name(dir_cats[i].id) : NULL;
    const nis2i_ov_cat *c = category(ctx, law, i);
    return c ? c->id : NULL;
}

uint32_t nis2_ctx_category_id(const nis2_ctx *ctx, size_t law, size_t i)
{
    const char *name = nis2_ctx_category_name(ctx, law, i);
    if (!name)
        return NIS2_CATEGORY_UNDETERMINED;
    return nis2i_category_code_in(law >= 1 ? &ctx->overlays[law - 1] : NULL, name);
}

uint32_t nis2_ctx_category_rank(const nis2_ctx *ctx, size_t law, size_t i)
{
    const nis2i_ov_cat *c = law == 0 ? NULL : category(ctx, law, i);
    return c ? c->rank : 0;
}

const char *nis2_ctx_category_label(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? dir_cats[i].label : NULL;
    const nis2i_ov_cat *c = category(ctx, law, i);
    return c ? c->label : NULL;
}

const char *nis2_ctx_category_ref(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? dir_cats[i].ref : NULL;
    const nis2i_ov_cat *c = category(ctx, law, i);
    return c ? c->ref : NULL;
}

const char *nis2_ctx_category_directive_equivalent(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? nis2i_category_name(dir_cats[i].id) : NULL;
    const nis2i_ov_cat *c = category(ctx, law, i);
    return c ? c->directive_equivalent : NULL;
}

/* ---- Member States ---- */

#define MS_OK(ctx, i) ((ctx) && (i) < (ctx)->n_ms)

size_t nis2_ctx_member_state_count(const nis2_ctx *ctx)
{
    return ctx ? ctx->n_ms : 0;
}

const char *nis2_ctx_member_state_code(const nis2_ctx *ctx, size_t i)
{
    return MS_OK(ctx, i) ? ctx->ms_codes[i] : NULL;
}

const char *nis2_ctx_member_state_name(const nis2_ctx *ctx, size_t i)
{
    return MS_OK(ctx, i) ? ctx->ms_name[i] : NULL;
}

const char *nis2_ctx_member_state_transposition_law(const nis2_ctx *ctx, size_t i)
{
    return MS_OK(ctx, i) ? ctx->ms_law[i] : NULL;
}

const char *nis2_ctx_member_state_in_force(const nis2_ctx *ctx, size_t i)
{
    return MS_OK(ctx, i) ? ctx->ms_in_force[i] : NULL;
}

int nis2_ctx_member_state_encoded(const nis2_ctx *ctx, size_t i)
{
    return MS_OK(ctx, i) && ctx->ms_encoded[i];
}
