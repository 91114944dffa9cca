/* SPDX-License-Identifier: Apache-2.0 */
/* The catalog from C (i14, NIS2_1.1): entity types, flags, the laws and their categories, Member States. The
 * typed parts come from the compiled model; categories and Member State details are read from the validated
 * catalog document (read-only after context creation, so any thread may read it). */
#include <string.h>

#include "compile/compile.h"
#include "compile/compile_json.h"
#include "compile/json_parse.h"
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
    if (!t || t->overlay < 0)
        return NULL;
    const json_t *ov = json_array_get(json_object_get(nis2i_ctx_doc(ctx), "overlays"), (size_t)t->overlay);
    return nis2i_ms_canonical(ctx, json_string_value(json_object_get(ov, "country")));
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

static const json_t *overlay_doc(const nis2_ctx *ctx, size_t law)
{
    return ctx && law >= 1 && law <= ctx->n_overlays
               ? json_array_get(json_object_get(nis2i_ctx_doc(ctx), "overlays"), law - 1) : NULL;
}

size_t nis2_ctx_law_count(const nis2_ctx *ctx)
{
    return ctx ? 1 + ctx->n_overlays : 0;
}

const char *nis2_ctx_law_name(const nis2_ctx *ctx, size_t law)
{
    if (ctx && law == 0)
        return ctx->law;
    return json_string_value(json_object_get(overlay_doc(ctx, law), "law"));
}

const char *nis2_ctx_law_country(const nis2_ctx *ctx, size_t law)
{
    const json_t *ov = overlay_doc(ctx, law);
    return ov ? nis2i_ms_canonical(ctx, json_string_value(json_object_get(ov, "country"))) : NULL;
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

static const json_t *category(const nis2_ctx *ctx, size_t law, size_t i)
{
    return json_array_get(json_object_get(overlay_doc(ctx, law), "categories"), i);
}

size_t nis2_ctx_category_count(const nis2_ctx *ctx, size_t law)
{
    if (!ctx || law >= nis2_ctx_law_count(ctx))
        return 0;
    return law == 0 ? N_DIR_CATS : json_array_size(json_object_get(overlay_doc(ctx, law), "categories"));
}

const char *nis2_ctx_category_name(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? nis2i_category_name(dir_cats[i].id) : NULL;
    return json_string_value(json_object_get(category(ctx, law, i), "id"));
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
    const json_t *r = law == 0 ? NULL : json_object_get(category(ctx, law, i), "rank");
    return json_is_integer(r) && json_integer_value(r) > 0 ? (uint32_t)json_integer_value(r) : 0;
}

const char *nis2_ctx_category_label(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? dir_cats[i].label : NULL;
    const json_t *l = json_object_get(category(ctx, law, i), "label");
    return json_is_string(l) ? json_string_value(l) : json_string_value(json_object_get(l, "en"));
}

const char *nis2_ctx_category_ref(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? dir_cats[i].ref : NULL;
    return json_string_value(json_object_get(category(ctx, law, i), "ref"));
}

const char *nis2_ctx_category_directive_equivalent(const nis2_ctx *ctx, size_t law, size_t i)
{
    if (ctx && law == 0)
        return i < N_DIR_CATS ? nis2i_category_name(dir_cats[i].id) : NULL;
    return json_string_value(json_object_get(category(ctx, law, i), "directive_equivalent"));
}

/* ---- Member States ---- */

static const json_t *member_state(const nis2_ctx *ctx, size_t i)
{
    return ctx ? json_array_get(json_object_get(nis2i_ctx_doc(ctx), "member_states"), i) : NULL;
}

size_t nis2_ctx_member_state_count(const nis2_ctx *ctx)
{
    return ctx ? json_array_size(json_object_get(nis2i_ctx_doc(ctx), "member_states")) : 0;
}

const char *nis2_ctx_member_state_code(const nis2_ctx *ctx, size_t i)
{
    return json_string_value(json_object_get(member_state(ctx, i), "code"));
}

const char *nis2_ctx_member_state_name(const nis2_ctx *ctx, size_t i)
{
    return json_string_value(json_object_get(member_state(ctx, i), "name"));
}

const char *nis2_ctx_member_state_transposition_law(const nis2_ctx *ctx, size_t i)
{
    return json_string_value(json_object_get(json_object_get(member_state(ctx, i), "transposition"), "law"));
}

const char *nis2_ctx_member_state_in_force(const nis2_ctx *ctx, size_t i)
{
    return json_string_value(json_object_get(json_object_get(member_state(ctx, i), "transposition"), "in_force"));
}

int nis2_ctx_member_state_encoded(const nis2_ctx *ctx, size_t i)
{
    return json_is_true(json_object_get(json_object_get(member_state(ctx, i), "transposition"), "encoded"));
}
