/* SPDX-License-Identifier: Apache-2.0 */
/* The relationship names of the mapping graph (see model/mapping.h). */
#include <string.h>

#include "model/mapping.h"

static const char *const rel_names[] = {"no_relationship", "intersects_with", "superset_of", "subset_of", "equal"};

const char *nis2i_rel_name(nis2i_rel r)
{
    return (unsigned)r <= NIS2I_REL_EQUAL ? rel_names[r] : "no_relationship";
}

int nis2i_rel_parse(const char *name)
{
    for (int i = 0; i <= (int)NIS2I_REL_EQUAL; i++)
        if (strcmp(rel_names[i], name) == 0)
            return i;
    return -1;
}
