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
 * A duty with a condition the entity's facts settle (catalog `settled_by`: the Member State of establishment,
 * a flag, a national fact) is listed only when the condition holds ("condition_settled": true); e.g. the EU
 * representative of Art. 26(3) is never listed, as `country` is the Member State of establishment. A condition
 * the facts leave open stays listed and names the fact that would settle it ("condition_fact").
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

/* ============================================================ NIS2_1.1: every member of the JSON, typed (i14) */

/** Nature of a duty (nis2_obligations_nature_id()). Values are fixed forever. */
#define NIS2_NATURE_OTHER               0u  /**< a value this version does not know: read nis2_obligations_nature() */
#define NIS2_NATURE_MANDATORY           1u
#define NIS2_NATURE_ON_REQUEST          2u  /**< due when the authority asks */
#define NIS2_NATURE_CONDITIONAL         3u  /**< binds only when its condition holds (see the condition getters) */
#define NIS2_NATURE_OPTIONAL            4u
#define NIS2_NATURE_STATUS              5u  /**< a legal status (e.g. liability), not an action */
#define NIS2_NATURE_ENCOURAGED          6u
#define NIS2_NATURE_MEMBER_STATE_OPTION 7u  /**< binds where the Member State uses the option */

/** Group of a duty (nis2_obligations_group_id()), the catalog's `groups`. Values are fixed forever. */
#define NIS2_GROUP_OTHER                    0u  /**< a group this version does not know: read nis2_obligations_group() */
#define NIS2_GROUP_REGISTRATION             1u
#define NIS2_GROUP_GOVERNANCE               2u
#define NIS2_GROUP_RISK_MANAGEMENT          3u
#define NIS2_GROUP_INCIDENT_REPORTING       4u
#define NIS2_GROUP_CERTIFICATION            5u
#define NIS2_GROUP_DOMAIN_REGISTRATION_DATA 6u
#define NIS2_GROUP_INFORMATION_SHARING      7u
#define NIS2_GROUP_SUPERVISION              8u
#define NIS2_GROUP_PENALTIES                9u

/** Supervision regime (nis2_obligations_supervision_id()). Values are fixed forever. */
#define NIS2_SUPERVISION_NONE                0u  /**< the law sets none, or a lex specialis displaces it */
#define NIS2_SUPERVISION_EX_ANTE_AND_EX_POST 1u  /**< NIS2 Art. 32 */
#define NIS2_SUPERVISION_EX_POST             2u  /**< NIS2 Art. 33 */
#define NIS2_SUPERVISION_OTHER               3u  /**< a regime this version does not know: nis2_obligations_supervision() */

/** The entity's name, or NULL. Borrowed. */
NIS2_API const char *nis2_obligations_name(const nis2_obligations *list);
/** The entity's Member State ("PT"). Borrowed. */
NIS2_API const char *nis2_obligations_country(const nis2_obligations *list);
/** The applicable category as an id: NIS2_CATEGORY_*, with distinct ids for the national categories this version
 *  knows (NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_A/B), NIS2_CATEGORY_NATIONAL for others. */
NIS2_API uint32_t nis2_obligations_category_code(const nis2_obligations *list);
/** The supervision regime as NIS2_SUPERVISION_*. */
NIS2_API uint32_t nis2_obligations_supervision_id(const nis2_obligations *list);
/** The provision of the supervision regime ("NIS2 Art. 32"), or NULL. Borrowed. */
NIS2_API const char *nis2_obligations_supervision_ref(const nis2_obligations *list);
/** The lex specialis that displaces the whole regime for the entity (DORA), or NULL. Borrowed. */
NIS2_API const char *nis2_obligations_regime_displaced_by(const nis2_obligations *list);
/** 1 when the law sets a maximum fine for the entity (the JSON's max_fine is an object), else 0. */
NIS2_API int nis2_obligations_has_max_fine(const nis2_obligations *list);
/** 1 and *eur (may be NULL) when the bracket has a fixed amount, else 0 (no bracket or no fixed amount). */
NIS2_API int nis2_obligations_max_fine_fixed(const nis2_obligations *list, double *eur);
/** 1 and *share (0.02 = 2 %; may be NULL) when the bracket has a turnover share, else 0. */
NIS2_API int nis2_obligations_max_fine_share(const nis2_obligations *list, double *share);
/** The offence class of a national bracket ("very_serious"), or NULL. Borrowed. */
NIS2_API const char *nis2_obligations_max_fine_offence_class(const nis2_obligations *list);
/** Which turnover the share applies to, in words, or NULL when no share applies. Borrowed. */
NIS2_API const char *nis2_obligations_max_fine_turnover_basis(const nis2_obligations *list);
/** Why there is no maximum fine (when nis2_obligations_has_max_fine() is 0): provision (may be NULL) and text. */
NIS2_API const char *nis2_obligations_max_fine_none_ref(const nis2_obligations *list);
NIS2_API const char *nis2_obligations_max_fine_none_text(const nis2_obligations *list);

/* Per duty i (NULL / 0 / NIS2_*_OTHER for an out-of-range i). All strings are borrowed. */
/** The nature as written in the catalog ("mandatory", "on_request", …) and as NIS2_NATURE_*. */
NIS2_API const char *nis2_obligations_nature(const nis2_obligations *list, size_t i);
NIS2_API uint32_t nis2_obligations_nature_id(const nis2_obligations *list, size_t i);
/** The group as written in the catalog ("incident_reporting", …) and as NIS2_GROUP_*. */
NIS2_API const char *nis2_obligations_group(const nis2_obligations *list, size_t i);
NIS2_API uint32_t nis2_obligations_group_id(const nis2_obligations *list, size_t i);
/** The condition in words, or NULL when the duty has none. */
NIS2_API const char *nis2_obligations_condition(const nis2_obligations *list, size_t i);
/** The fact that would settle the condition when the entity's facts leave it open ("condition_fact", e.g.
 *  "takes_part_in_information_sharing"), else NULL. */
NIS2_API const char *nis2_obligations_condition_fact(const nis2_obligations *list, size_t i);
/** 1 when the entity's facts settle the condition as holding ("condition_settled"), else 0. (A duty whose
 *  condition the facts settle as not holding is not in the list.) */
NIS2_API int nis2_obligations_condition_settled(const nis2_obligations *list, size_t i);
/** The Directive-level deadline text of the duty itself (the JSON's deadline.text), or NULL; see also
 *  nis2_obligations_deadline(), which prefers the national one. */
NIS2_API const char *nis2_obligations_deadline_text(const nis2_obligations *list, size_t i);
/** What the deadline counts from (deadline.from, e.g. "awareness"), or NULL. */
NIS2_API const char *nis2_obligations_deadline_from(const nis2_obligations *list, size_t i);
/** Units of a deadline period (nis2_obligations_deadline_period()). Values are fixed forever. */
#define NIS2_UNIT_HOURS        1u
#define NIS2_UNIT_DAYS         2u
#define NIS2_UNIT_WORKING_DAYS 3u
#define NIS2_UNIT_WEEKS        4u
#define NIS2_UNIT_MONTHS       5u
#define NIS2_UNIT_YEARS        6u
/** 1 with *unit (NIS2_UNIT_*) and *amount when the deadline is a period (deadline.hours, .months, …), else 0.
 *  unit and amount may be NULL. */
NIS2_API int nis2_obligations_deadline_period(const nis2_obligations *list, size_t i, uint32_t *unit, double *amount);
/** The evidence that shows the duty is met: count and j-th item. */
NIS2_API size_t nis2_obligations_evidence_count(const nis2_obligations *list, size_t i);
NIS2_API const char *nis2_obligations_evidence_at(const nis2_obligations *list, size_t i, size_t j);
/* Per national provision j of duty i (NULL / 0 when out of range). */
NIS2_API const char *nis2_obligations_national_title(const nis2_obligations *list, size_t i, size_t j);
/** The national deadline text, or NULL when the national provision sets none. */
NIS2_API const char *nis2_obligations_national_deadline(const nis2_obligations *list, size_t i, size_t j);
NIS2_API const char *nis2_obligations_national_effective_from(const nis2_obligations *list, size_t i, size_t j);
NIS2_API const char *nis2_obligations_national_condition(const nis2_obligations *list, size_t i, size_t j);
NIS2_API size_t nis2_obligations_national_evidence_count(const nis2_obligations *list, size_t i, size_t j);
NIS2_API const char *nis2_obligations_national_evidence_at(const nis2_obligations *list, size_t i, size_t j,
                                                           size_t k);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_OBLIGATIONS_H */
