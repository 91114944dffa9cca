/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the entity's national facts (entity.national) as typed slots indexed by the compiled national keys
 * of each overlay (model/overlay.h), kept member by member in the order given so the JSON edge writes back what it
 * read. Read, checked, set and freed here for the layers above; nothing here sees JSON (compile/facts.c). */
#ifndef NIS2I_FACTS_H
#define NIS2I_FACTS_H

#include "model/model.h"
#include "model/overlay.h"

/* The first member of entity.national naming the overlay's country (in any case, or an alias), or NULL. */
const nis2i_natblock *nis2i_entity_natblock(const nis2_entity *e, int overlay);
/* entity.national.<country>.<key> when it is a boolean: 1 true, 0 false; -1 when the entity has no such fact
 * (absent, or not a boolean). country is canonical; the entity's own key may be an alias (EL for GR). */
int nis2i_entity_fact_bool(const nis2_entity *e, const char *country, const char *key);
/* Free the entity's national facts (none afterwards); safe when there are none. */
void nis2i_entity_facts_release(nis2_entity *e);

/* The key number of name in the overlay's national_keys, or -1. */
int nis2i_natkey_find(const nis2i_overlay *ov, const char *name);
/* Append a member to entity.national: code (copied) names it; overlay is the country's overlay index or -1; raw
 * (copied), when not NULL, makes it a vendor member whose value is that JSON text. NULL when out of memory. */
nis2i_natblock *nis2i_natblock_append(nis2_entity *e, const char *code, int overlay, const char *raw);
/* The member the typed setters write into: the first naming the overlay's country, else a new one named by the
 * country's canonical code. NULL when out of memory. */
nis2i_natblock *nis2i_entity_natblock_for_write(nis2_entity *e, int overlay);
/* b is a member of e (whose index of the overlays' facts, e->natix, is kept). Set key to v (copied; v NULL or of kind ABSENT records a null): a new key is appended to the members, a known one
 * keeps its place. NIS2_ERR_NOMEM only. */
nis2_status nis2i_natblock_set(nis2_entity *e, nis2i_natblock *b, int32_t key, const nis2i_natval *v,
                               nis2_error *err);
/* Remove key from the members of b, a member of e (no-op when it is not there). */
void nis2i_natblock_unset(nis2_entity *e, nis2i_natblock *b, int32_t key);
/* Append a vendor key (x_...) whose value is the JSON text raw (both copied). NIS2_ERR_NOMEM only. */
nis2_status nis2i_natblock_add_vendor(nis2i_natblock *b, const char *name, const char *raw, nis2_error *err);
/* Move the members of src into e: one named as a member of e replaces it where it stands, the others are appended
 * in order. src has none afterwards. */
void nis2i_entity_facts_merge(nis2_entity *e, nis2_entity *src);

/* Check a value for key of ov, as entity.national.<CC>.<key> at path kp ("$.national.PT.key"): the key's type
 * and, for an enum, its values; NIS2_ERR_INVALID_FIELD naming kp and what was expected. A value of kind -1 stands
 * for a JSON value of another kind (an object, an array where none is expected). Codes are checked by the caller
 * (each a catalog code) and against the activities by nis2i_natval_check_codes. */
nis2_status nis2i_natval_check(const nis2i_overlay *ov, int32_t key, const nis2i_natval *v, const char *kp,
                               nis2_error *err);
/* Every code of a codes value must be one of the entity's activities: NIS2_ERR_INVALID_FIELD at kp[i]. */
nis2_status nis2i_natval_check_codes(const nis2_entity *e, const nis2i_natval *v, const char *kp, nis2_error *err);
/* "boolean", "enum", "date", "number", "string", "codes" (the catalog's names); NULL out of range. */
const char *nis2i_nktype_name(int type);

#endif
