/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the entity's national facts (entity.national, kept as the JSON the edge parsed until they are
 * stored in typed slots), read and freed for the layers above without showing them JSON (compile/facts.c). */
#ifndef NIS2I_FACTS_H
#define NIS2I_FACTS_H

#include "model/model.h"

/* entity.national.<country>.<key> when it is a boolean: 1 true, 0 false; -1 when the entity has no such fact
 * (absent, or not a boolean). country is canonical; the entity's own key may be an alias (EL for GR). */
int nis2i_entity_fact_bool(const nis2_entity *e, const char *country, const char *key);
/* Free the entity's national facts (e->national = NULL afterwards); safe when there are none. */
void nis2i_entity_facts_release(nis2_entity *e);

#endif
