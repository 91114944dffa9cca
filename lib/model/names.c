/* SPDX-License-Identifier: Apache-2.0 */
/* Name tables of the model: categories, size classes, flags (entity format) and roles. */
#include <stdio.h>
#include <string.h>

#include "model/names.h"

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

uint32_t nis2i_category_id_of(const char *name)
{
    for (uint32_t id = 0; id < NIS2_CATEGORY_NATIONAL; id++)
        if (name && strcmp(nis2i_category_name(id), name) == 0)
            return id;
    return NIS2_CATEGORY_NATIONAL;
}

const nis2i_flag_name nis2i_flag_names[] = {
    {"sole_provider", NIS2_FLAG_SOLE_PROVIDER},
    {"significant_disruption_impact", NIS2_FLAG_SIGNIFICANT_DISRUPTION_IMPACT},
    {"systemic_risk", NIS2_FLAG_SYSTEMIC_RISK},
    {"national_or_regional_criticality", NIS2_FLAG_NATIONAL_OR_REGIONAL_CRITICALITY},
    {"cer_critical_entity", NIS2_FLAG_CER_CRITICAL_ENTITY},
    {"nis1_operator_of_essential_services", NIS2_FLAG_NIS1_OES},
    {"regional_risk_assessment_positive", NIS2_FLAG_REGIONAL_RISK_ASSESSMENT_POSITIVE},
    {"national_security_activities", NIS2_FLAG_NATIONAL_SECURITY_ACTIVITIES},
    {"provides_services_in_union", NIS2_FLAG_PROVIDES_SERVICES_IN_UNION},
    {"dora_financial_entity", NIS2_FLAG_DORA_FINANCIAL_ENTITY},
    {"member_state_opts_in_local_public_administration", NIS2_FLAG_MS_OPTS_IN_LOCAL_PA},
    {"member_state_opts_in_education", NIS2_FLAG_MS_OPTS_IN_EDUCATION},
    {"member_state_keeps_nis1_oes_as_essential", NIS2_FLAG_MS_KEEPS_NIS1_OES_AS_ESSENTIAL},
    {"dora_exempted", NIS2_FLAG_DORA_EXEMPTED},
    {"judiciary_parliament_or_central_bank", NIS2_FLAG_JUDICIARY_PARLIAMENT_CENTRAL_BANK},
};
const size_t nis2i_n_flag_names = sizeof nis2i_flag_names / sizeof nis2i_flag_names[0];

bool nis2i_flag_from_name(const char *name, uint32_t *flag)
{
    for (size_t i = 0; name && i < nis2i_n_flag_names; i++)
        if (strcmp(nis2i_flag_names[i].name, name) == 0) {
            *flag = nis2i_flag_names[i].flag;
            return true;
        }
    return false;
}

static const struct {
    const char *name;
    nis2i_role role;
} role_names[] = {
    {"generic", NIS2I_ROLE_GENERIC},
    {"trust_service_provider", NIS2I_ROLE_TSP},
    {"qualified_trust_service_provider", NIS2I_ROLE_QTSP},
    {"dns_provider", NIS2I_ROLE_DNS},
    {"tld_registry", NIS2I_ROLE_TLD},
    {"public_ecn", NIS2I_ROLE_PUBLIC_ECN},
    {"public_ecs", NIS2I_ROLE_PUBLIC_ECS},
    {"public_administration_central", NIS2I_ROLE_PA_CENTRAL},
    {"public_administration_regional", NIS2I_ROLE_PA_REGIONAL},
    {"public_administration_local", NIS2I_ROLE_PA_LOCAL},
    {"education_institution", NIS2I_ROLE_EDUCATION},
    {"domain_registration", NIS2I_ROLE_DRSP},
    {"national", NIS2I_ROLE_NATIONAL},
};

void nis2i_role_list(char *buf, size_t n)
{
    size_t at = 0, count = sizeof role_names / sizeof role_names[0];
    buf[0] = '\0';
    for (size_t r = 0; r < count; r++) {
        int w = snprintf(buf + at, n - at, "%s%s", r == 0 ? "" : r + 1 == count ? " or " : ", ", role_names[r].name);
        if (w < 0 || (size_t)w >= n - at)
            return;
        at += (size_t)w;
    }
}

bool nis2i_role_from_name(const char *name, nis2i_role *role)
{
    for (size_t r = 0; name && r < sizeof role_names / sizeof role_names[0]; r++)
        if (strcmp(role_names[r].name, name) == 0) {
            *role = role_names[r].role;
            return true;
        }
    return false;
}

/* i14: the catalog name of a role (the inverse of nis2i_role_from_name). */
const char *nis2i_role_name(nis2i_role role)
{
    for (size_t r = 0; r < sizeof role_names / sizeof role_names[0]; r++)
        if (role_names[r].role == role)
            return role_names[r].name;
    return "generic";
}
