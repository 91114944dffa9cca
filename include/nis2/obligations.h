/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — obligations: which duties bind an entity, by when, under which supervision, and the maximum fine
 * (lib/schema/FORMATS.md §obligations).
 *
 * The list follows the applicable category: the national verdict where the entity's country has an overlay,
 * else the Directive's. Each item is a Directive duty (id "nis2.…") with the national provisions that implement
 * it, or a national duty the Directive does not know (id "pt.…"). Duties displaced by a lex specialis (DORA,
 * NIS2 Art. 4) stay listed with displaced_by; duties whose effect is deferred carry effective_from.
 * Out-of-scope, undetermined and member_state_option entities get an empty list.
 *
 * A list is immutable, keeps its context alive and may be read from several threads.
 */
#ifndef NIS2_OBLIGATIONS_H
#define NIS2_OBLIGATIONS_H

#include <nis2/common.h>
#include <nis2/context.h>
#include <nis2/entity.h>
#include <nis2/classify.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nis2_obligations nis2_obligations;

/**
 * The duties that bind an entity. cls is the entity's classification from nis2_classify() with the same
 * context, or NULL to classify here. *out owns the list; free with nis2_obligations_free().
 * Errors: NIS2_ERR_INVALID_ARG (NULL ctx, ent or out; cls from another context), those of nis2_classify(),
 * NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_obligations_select(const nis2_ctx *ctx, const nis2_entity *ent, const nis2_result *cls,
                                             nis2_obligations **out, nis2_error *err);

/**
 * Convenience: entity JSON in (lib/schema/FORMATS.md §entity), obligations JSON out (§obligations). flags: NIS2_JSON_PRETTY.
 * *out_json is owned (nis2_string_free). Errors: those of nis2_entity_from_json() (with the JSON path of the
 * offending field) and of nis2_obligations_select().
 */
NIS2_API nis2_status nis2_obligations_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                           char **out_json, nis2_error *err);

/** Serialise as lib/schema/FORMATS.md §obligations JSON. flags: NIS2_JSON_PRETTY. *out_json is owned (nis2_string_free). */
NIS2_API nis2_status nis2_obligations_to_json(const nis2_obligations *list, uint32_t flags, char **out_json,
                                              nis2_error *err);

/** Free a list. NULL is a no-op. */
NIS2_API void nis2_obligations_free(nis2_obligations *list);

/** The applicable category ("essential", "relevant_public_entity_group_a", "out_of_scope", …). Borrowed. */
NIS2_API const char *nis2_obligations_category(const nis2_obligations *list);
/** The law the list comes from: "EU 2022/2555" or e.g. "PT DL 125/2025". Borrowed. */
NIS2_API const char *nis2_obligations_law(const nis2_obligations *list);
/** Supervision regime: "ex_ante_and_ex_post" (NIS2 Art. 32), "ex_post" (Art. 33) or NULL where the law sets
 *  none or a lex specialis displaces it. Borrowed. */
NIS2_API const char *nis2_obligations_supervision(const nis2_obligations *list);

/**
 * Maximum administrative fine for the entity (legal person): the higher of the fixed amount and the share of
 * the worldwide annual turnover (NIS2 Art. 34(4)-(5); national brackets for an overlay's categories).
 * Returns 1 and fills *eur when the maximum is known; 0 when the law sets no maximum for the entity (public
 * administration, DORA, domain_registration_only, out of scope) or when a turnover share applies and the
 * turnover is unknown (then nis2_obligations_max_fine_fixed_eur() is the floor). eur may be NULL.
 */
NIS2_API int nis2_obligations_max_fine_eur(const nis2_obligations *list, double *eur);
/** The fixed amount of the bracket, or -1 when there is no bracket or it has no fixed amount. */
NIS2_API double nis2_obligations_max_fine_fixed_eur(const nis2_obligations *list);
/** The turnover share of the bracket (0.02 = 2 %), or -1 when none. */
NIS2_API double nis2_obligations_max_fine_turnover_share(const nis2_obligations *list);
/** The provision of the bracket ("NIS2 Art. 34(4)", "RJC art. 61(2)(a)(i)"), or NULL when none. Borrowed. */
NIS2_API const char *nis2_obligations_max_fine_ref(const nis2_obligations *list);

/** Number of duties in the list. */
NIS2_API size_t nis2_obligations_count(const nis2_obligations *list);
/** Id of the i-th duty ("nis2.art23.early_warning", "pt.art31.appoint_cybersecurity_officer"), NULL when i is
 *  out of range. Every getter below returns NULL for an out-of-range i. All strings are borrowed. */
NIS2_API const char *nis2_obligations_id(const nis2_obligations *list, size_t i);
/** The provision ("NIS2 Art. 23(4)(a)"). */
NIS2_API const char *nis2_obligations_ref(const nis2_obligations *list, size_t i);
/** A short title of the duty. */
NIS2_API const char *nis2_obligations_title(const nis2_obligations *list, size_t i);
/** Why the duty binds this entity (category, deciding provision, the activity that gives a role). */
NIS2_API const char *nis2_obligations_applies_because(const nis2_obligations *list, size_t i);
/** The deadline in words, or NULL when the law sets none. For an item with a national provision this is the
 *  national deadline where it has one. */
NIS2_API const char *nis2_obligations_deadline(const nis2_obligations *list, size_t i);
/** YYYY-MM-DD from which the duty takes effect, or NULL when not stated. */
NIS2_API const char *nis2_obligations_effective_from(const nis2_obligations *list, size_t i);
/** The act that displaces the duty for this entity (DORA), or NULL. */
NIS2_API const char *nis2_obligations_displaced_by(const nis2_obligations *list, size_t i);
/** Number of national provisions attached to the i-th duty (0 for a Directive-only list). */
NIS2_API size_t nis2_obligations_national_count(const nis2_obligations *list, size_t i);
/** Id of the j-th national provision of the i-th duty ("pt.art42.initial_notification"), or NULL. */
NIS2_API const char *nis2_obligations_national_id(const nis2_obligations *list, size_t i, size_t j);
/** Reference of the j-th national provision of the i-th duty ("RJC art. 42(1)"), or NULL. */
NIS2_API const char *nis2_obligations_national_ref(const nis2_obligations *list, size_t i, size_t j);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_OBLIGATIONS_H */
