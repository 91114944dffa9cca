/* SPDX-License-Identifier: Apache-2.0 */
/* Name tables of the obligations table (model/obligations.h). */
#include <string.h>

#include "model/names.h"
#include "model/obligations.h"
#include "model/overlay.h"

const char *const nis2i_obcat_names[NIS2I_OBCAT_COUNT] = {
    [NIS2I_OBCAT_ESSENTIAL] = "essential",
    [NIS2I_OBCAT_IMPORTANT] = "important",
    [NIS2I_OBCAT_DRSP_ONLY] = "domain_registration_only",
};

const char *const nis2i_obrole_names[NIS2I_OBROLE_COUNT] = {
    [NIS2I_OBROLE_R27] = "r27",
    [NIS2I_OBROLE_TSP] = "trust_service_provider",
    [NIS2I_OBROLE_IR] = "ir_relevant",
    [NIS2I_OBROLE_TLD] = "tld_registry",
    [NIS2I_OBROLE_DRSP] = "domain_registration",
    [NIS2I_OBROLE_PUBLIC_ECN_ECS] = "public_ecn_ecs",
};

const char *const nis2i_obunit_names[NIS2I_OBUNIT_COUNT] = {
    [NIS2I_OBUNIT_NONE] = NULL,
    [NIS2I_OBUNIT_HOURS] = "hours",
    [NIS2I_OBUNIT_DAYS] = "days",
    [NIS2I_OBUNIT_WORKING_DAYS] = "working_days",
    [NIS2I_OBUNIT_WEEKS] = "weeks",
    [NIS2I_OBUNIT_MONTHS] = "months",
    [NIS2I_OBUNIT_YEARS] = "years",
};

uint32_t nis2i_obcat_of(const char *name)
{
    if (!name)
        return NIS2I_OBCAT_NONE;
    for (uint32_t i = 0; i < NIS2I_OBCAT_COUNT; i++)
        if (strcmp(nis2i_obcat_names[i], name) == 0)
            return i;
    return NIS2I_OBCAT_NONE;
}

uint32_t nis2i_obcat_in(const nis2i_overlay *ov, const char *name)
{
    if (!ov)
        return nis2i_obcat_of(name);
    if (!name)
        return NIS2I_OBCAT_NONE;
    uint32_t d = nis2i_category_id_of(name);
    if (d == NIS2_CATEGORY_OUT_OF_SCOPE || d == NIS2_CATEGORY_UNDETERMINED || d == NIS2_CATEGORY_MEMBER_STATE_OPTION)
        return NIS2I_OBCAT_NONE;
    for (size_t i = 0; i < ov->n_cats && i < NIS2I_OBCAT_MAX; i++)
        if (ov->cats[i].id && strcmp(ov->cats[i].id, name) == 0)
            return (uint32_t)i;
    return NIS2I_OBCAT_NONE;
}

uint32_t nis2i_category_code_in(const nis2i_overlay *ov, const char *name)
{
    for (size_t i = 0; ov && name && i < ov->n_cats; i++)
        if (ov->cats[i].id && strcmp(ov->cats[i].id, name) == 0)
            return ov->cats[i].code;
    return nis2i_category_id_of(name);
}

_Static_assert(NIS2I_OBUNIT_HOURS == NIS2_UNIT_HOURS && NIS2I_OBUNIT_DAYS == NIS2_UNIT_DAYS &&
                   NIS2I_OBUNIT_WORKING_DAYS == NIS2_UNIT_WORKING_DAYS && NIS2I_OBUNIT_WEEKS == NIS2_UNIT_WEEKS &&
                   NIS2I_OBUNIT_MONTHS == NIS2_UNIT_MONTHS && NIS2I_OBUNIT_YEARS == NIS2_UNIT_YEARS,
               "deadline units are NIS2_UNIT_*");
