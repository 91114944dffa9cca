/* SPDX-License-Identifier: Apache-2.0 */
/* Layer model: name tables (categories, size classes, flags, roles). */
#ifndef NIS2I_NAMES_H
#define NIS2I_NAMES_H

#include "model/model.h"

const char *nis2i_category_name(uint32_t cat_id);
const char *nis2i_size_name(uint32_t cls);
uint32_t nis2i_category_id_of(const char *name);               /* NIS2_CATEGORY_NATIONAL for national names */

typedef struct nis2i_flag_name {
    const char *name;            /* the key under "flags" in an entity document */
    uint32_t flag;               /* NIS2_FLAG_* */
} nis2i_flag_name;
extern const nis2i_flag_name nis2i_flag_names[];
extern const size_t nis2i_n_flag_names;
/* Names of entity flags and catalog roles (false when unknown). */
bool nis2i_flag_from_name(const char *name, uint32_t *flag);
bool nis2i_role_from_name(const char *name, nis2i_role *role);
/* "generic, trust_service_provider, … or national": every role name, for error messages. */
void nis2i_role_list(char *buf, size_t n);
const char *nis2i_role_name(nis2i_role role);                  /* i14 */

#endif
