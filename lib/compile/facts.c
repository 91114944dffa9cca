/* SPDX-License-Identifier: Apache-2.0 */
/* The entity's national facts for the layers that do not see JSON (compile/facts.h). */
#include <string.h>

#include "compile/compile.h"
#include "compile/facts.h"
#include "compile/json_parse.h"

int nis2i_entity_fact_bool(const nis2_entity *e, const char *country, const char *key)
{
    if (!e || !e->national || !country || !key)
        return -1;
    const char *cc;
    const json_t *v;
    json_object_foreach(e->national, cc, v) {
        const char *canon = nis2i_ms_canonical(e->ctx, cc);
        if (canon && strcmp(canon, country) == 0 && json_is_object(v)) {
            const json_t *b = json_object_get(v, key);
            return json_is_boolean(b) ? json_is_true(b) : -1;
        }
    }
    return -1;
}

void nis2i_entity_facts_release(nis2_entity *e)
{
    if (e) {
        json_decref(e->national);
        e->national = NULL;
    }
}
