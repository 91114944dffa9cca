/* SPDX-License-Identifier: Apache-2.0 */
/* The entity: typed setters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "compile/facts.h"

nis2_status nis2_entity_new(const nis2_ctx *ctx, nis2_entity **out, nis2_error *err)
{
    if (!ctx || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_entity_new: ctx and out must not be NULL");
    nis2_entity *e = calloc(1, sizeof *e);
    if (!e) {
        *out = NULL;
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    e->ctx = nis2i_ctx_ref(ctx);
    e->flags = NIS2I_FLAG_BIT(NIS2_FLAG_PROVIDES_SERVICES_IN_UNION);
    *out = e;
    return NIS2_OK;
}

void nis2_entity_free(nis2_entity *e)
{
    if (!e)
        return;
    free(e->name);
    free(e->types);
    nis2i_entity_facts_release(e);
    nis2i_ctx_unref(e->ctx);
    free(e);
}

nis2_status nis2_entity_set_name(nis2_entity *e, const char *name, nis2_error *err)
{
    if (!e)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_entity_set_name: entity must not be NULL");
    char *copy = NULL;
    if (name && !(copy = nis2i_strdup(name)))
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    free(e->name);
    e->name = copy;
    return NIS2_OK;
}

nis2_status nis2_entity_set_country(nis2_entity *e, const char *country, nis2_error *err)
{
    if (!e || !country)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, "$.country", "nis2_entity_set_country: arguments must not be NULL");
    const char *canon = nis2i_ms_canonical(e->ctx, country);
    if (!canon) {
        char list[256];
        nis2i_ms_list(e->ctx, list, sizeof list);
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, "$.country",
                          "$.country: '%.16s' is not an EU Member State code (expected one of %s; in any case)", country,
                          list);
    }
    memcpy(e->country, canon, 3);
    return NIS2_OK;
}

nis2_status nis2_entity_add_activity(nis2_entity *e, const char *code, nis2_error *err)
{
    if (!e || !code)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, "$.activities", "nis2_entity_add_activity: arguments must not be NULL");
    uint32_t idx;
    if (!nis2i_etype_find(e->ctx, code, &idx)) {
        char hint[400];
        nis2i_etype_hint(e->ctx, code, hint, sizeof hint);
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, "$.activities", "$.activities: unknown entity-type code '%.80s'%s",
                          code, hint);
    }
    for (size_t i = 0; i < e->n_types; i++)
        if (e->types[i] == idx)
            return NIS2_OK;
    if (e->n_types >= NIS2I_MAX_ACTIVITIES)
        return nis2i_fail(err, NIS2_ERR_LIMIT, "$.activities", "$.activities: more than %d activities",
                          NIS2I_MAX_ACTIVITIES);
    if (e->n_types == e->cap_types) {
        size_t ncap = e->cap_types ? e->cap_types * 2 : 4;
        uint32_t *nt = realloc(e->types, ncap * sizeof *nt);
        if (!nt)
            return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        e->types = nt;
        e->cap_types = ncap;
    }
    e->types[e->n_types++] = idx;
    return NIS2_OK;
}

void nis2_entity_clear_activities(nis2_entity *e)
{
    if (e)
        e->n_types = 0;
}

static const char *const figure_names[] = {"employees", "turnover_eur", "balance_sheet_eur"};

nis2_status nis2_entity_set_figure(nis2_entity *e, uint32_t period, uint32_t figure, double value, nis2_error *err)
{
    if (!e || period > 1 || figure < 1 || figure > 3)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_entity_set_figure: expected period 0 or 1 and figure 1 to 3, got %u and %u", period, figure);
    const char *pfx = period ? "$.previous_period." : "$.";
    char path[64];
    strcpy(path, pfx);
    strcat(path, figure_names[figure - 1]);
    if (!isfinite(value) || value < 0)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a finite number >= 0", path);
    double cap = figure == NIS2_FIGURE_EMPLOYEES ? 1e8 : 1e15;
    if (value > cap) {
        char vs[64], cs[64];
        nis2i_fmt_number(value, vs);
        nis2i_fmt_number(cap, cs);
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: %s is larger than the largest accepted value %s",
                          path, vs, cs);
    }
    e->fig[period][figure - 1] = value;
    e->fig_set[period] |= (uint8_t)(1u << (figure - 1));
    return NIS2_OK;
}

nis2_status nis2_entity_unset_figure(nis2_entity *e, uint32_t period, uint32_t figure, nis2_error *err)
{
    if (!e || period > 1 || figure < 1 || figure > 3)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_entity_unset_figure: bad period or figure");
    e->fig_set[period] &= (uint8_t)~(1u << (figure - 1));
    return NIS2_OK;
}

nis2_status nis2_entity_set_flag(nis2_entity *e, uint32_t flag, int value, nis2_error *err)
{
    if (!e || flag < 1 || flag > NIS2I_FLAG_MAX)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_entity_set_flag: unknown flag %u", flag);
    if (value != 0 && value != 1) {
        const char *name = "?";
        for (size_t i = 0; i < nis2i_n_flag_names; i++)
            if (nis2i_flag_names[i].flag == flag)
                name = nis2i_flag_names[i].name;
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_entity_set_flag: flag %u (%s) takes 0 or 1, got %d", flag, name, value);
    }
    if (value)
        e->flags |= NIS2I_FLAG_BIT(flag);
    else
        e->flags &= ~NIS2I_FLAG_BIT(flag);
    return NIS2_OK;
}

nis2_status nis2_entity_set_designation(nis2_entity *e, uint32_t designation, nis2_error *err)
{
    if (!e || designation > NIS2_DESIGNATION_IMPORTANT)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, "$.flags.member_state_designation",
                          "nis2_entity_set_designation: expected 0 (none), 1 (essential) or 2 (important)");
    e->designation = designation;
    return NIS2_OK;
}
