/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — the entity: the facts about one organisation that classification needs (lib/schema/FORMATS.md §entity).
 *
 * Build one with typed setters or from JSON (lib/schema/FORMATS.md §entity). An entity is bound to the context it was made with (codes
 * and countries are checked against that catalog when set) and keeps that context alive. One thread at a time
 * may modify an entity; a finished entity may be classified from several threads at once.
 */
#ifndef NIS2_ENTITY_H
#define NIS2_ENTITY_H

#include <nis2/common.h>
#include <nis2/context.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nis2_entity nis2_entity;

/** Accounting periods for figures (SME Recommendation 2003/361/EC, Annex Art. 4). */
#define NIS2_PERIOD_LATEST   0u  /**< latest closed accounting period */
#define NIS2_PERIOD_PREVIOUS 1u  /**< the period before it (two-consecutive-periods rule, Annex Art. 4(2)) */

/** Figures (already aggregated with partner and linked enterprises where that applies). */
#define NIS2_FIGURE_EMPLOYEES     1u  /**< staff headcount in annual work units; may be fractional */
#define NIS2_FIGURE_TURNOVER      2u  /**< annual turnover in EUR */
#define NIS2_FIGURE_BALANCE_SHEET 3u  /**< annual balance-sheet total in EUR */

/** Boolean facts (lib/schema/FORMATS.md §entity `flags`). Values are fixed forever. */
#define NIS2_FLAG_SOLE_PROVIDER                      1u  /**< Art. 2(2)(b) */
#define NIS2_FLAG_SIGNIFICANT_DISRUPTION_IMPACT      2u  /**< Art. 2(2)(c) */
#define NIS2_FLAG_SYSTEMIC_RISK                      3u  /**< Art. 2(2)(d) */
#define NIS2_FLAG_NATIONAL_OR_REGIONAL_CRITICALITY   4u  /**< Art. 2(2)(e) */
#define NIS2_FLAG_CER_CRITICAL_ENTITY                5u  /**< identified under Directive (EU) 2022/2557, Art. 2(3) */
#define NIS2_FLAG_NIS1_OES                           6u  /**< identified as NIS1 operator of essential services before 16 Jan 2023 */
#define NIS2_FLAG_REGIONAL_RISK_ASSESSMENT_POSITIVE  7u  /**< Art. 2(2)(f)(ii) */
#define NIS2_FLAG_NATIONAL_SECURITY_ACTIVITIES       8u  /**< Art. 2(7) */
#define NIS2_FLAG_PROVIDES_SERVICES_IN_UNION         9u  /**< Art. 2(1); defaults to true */
#define NIS2_FLAG_DORA_FINANCIAL_ENTITY             10u  /**< Art. 4; Regulation (EU) 2022/2554 */
#define NIS2_FLAG_MS_OPTS_IN_LOCAL_PA               11u  /**< Art. 2(5)(a) */
#define NIS2_FLAG_MS_OPTS_IN_EDUCATION              12u  /**< Art. 2(5)(b) */
#define NIS2_FLAG_MS_KEEPS_NIS1_OES_AS_ESSENTIAL    13u  /**< Art. 3(1)(g) */
#define NIS2_FLAG_DORA_EXEMPTED                     14u  /**< exempted from DORA under its Art. 2(4): NIS2 Art. 2(10) */
#define NIS2_FLAG_JUDICIARY_PARLIAMENT_CENTRAL_BANK 15u  /**< not a public administration entity, Art. 6(35) */

/** Member State designation under Art. 2(2)(b)–(e) (FORMATS.md §entity `flags.member_state_designation`). */
#define NIS2_DESIGNATION_NONE      0u
#define NIS2_DESIGNATION_ESSENTIAL 1u
#define NIS2_DESIGNATION_IMPORTANT 2u

/**
 * Create an empty entity bound to ctx (no country, no activities, no figures, default flags).
 * *out owns it; free with nis2_entity_free(). Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_entity_new(const nis2_ctx *ctx, nis2_entity **out, nis2_error *err);

/**
 * Parse an entity document (lib/schema/FORMATS.md §entity) of `len` bytes. Input is strict: unknown keys (other than `x_…`), wrong
 * types, negative or non-finite figures, unknown codes or countries are errors naming the JSON path.
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_PARSE, NIS2_ERR_INVALID_FIELD, NIS2_ERR_UNKNOWN_KEY,
 * NIS2_ERR_UNKNOWN_CODE, NIS2_ERR_MISSING_FIELD, NIS2_ERR_LIMIT, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_entity_from_json(const nis2_ctx *ctx, const char *json, size_t len, nis2_entity **out,
                                           nis2_error *err);

/** Free an entity. NULL is a no-op. */
NIS2_API void nis2_entity_free(nis2_entity *ent);

/** Set the name (copied; NULL clears it). Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_NOMEM. */
NIS2_API nis2_status nis2_entity_set_name(nis2_entity *ent, const char *name, nis2_error *err);

/**
 * Set the Member State of establishment, ISO 3166-1 alpha-2 ("PT"; Greece "GR" or "EL"). The code is accepted in
 * any case ("pt", "Pt") and kept in upper case; "EL" (any case) is kept as "GR", as before. The same holds for
 * the "country" of an entity document.
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_UNKNOWN_CODE (not a Member State in the catalog).
 */
NIS2_API nis2_status nis2_entity_set_country(nis2_entity *ent, const char *country, nis2_error *err);

/**
 * Add an activity (entity-type code, e.g. "health.healthcare_provider", or a national "pt.…" code).
 * Adding a code twice is harmless. Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_UNKNOWN_CODE, NIS2_ERR_NOMEM, NIS2_ERR_LIMIT.
 */
NIS2_API nis2_status nis2_entity_add_activity(nis2_entity *ent, const char *code, nis2_error *err);

/** Remove every activity. */
NIS2_API void nis2_entity_clear_activities(nis2_entity *ent);

/**
 * Set a figure of a period (NIS2_PERIOD_*, NIS2_FIGURE_*). value must be finite and >= 0.
 * Errors: NIS2_ERR_INVALID_ARG (unknown period or figure), NIS2_ERR_INVALID_FIELD (negative, NaN, infinite).
 */
NIS2_API nis2_status nis2_entity_set_figure(nis2_entity *ent, uint32_t period, uint32_t figure, double value,
                                            nis2_error *err);

/** Forget a figure (it becomes unknown). Errors: NIS2_ERR_INVALID_ARG. */
NIS2_API nis2_status nis2_entity_unset_figure(nis2_entity *ent, uint32_t period, uint32_t figure, nis2_error *err);

/** Set a boolean fact (NIS2_FLAG_*) to 0 or 1. Errors: NIS2_ERR_INVALID_ARG (unknown flag, or a value other than
 *  0 and 1; the message names the flag). */
NIS2_API nis2_status nis2_entity_set_flag(nis2_entity *ent, uint32_t flag, int value, nis2_error *err);

/** Set the Member State designation (NIS2_DESIGNATION_*). Errors: NIS2_ERR_INVALID_ARG. */
NIS2_API nis2_status nis2_entity_set_designation(nis2_entity *ent, uint32_t designation, nis2_error *err);

/**
 * Set the facts a national law asks (lib/schema/FORMATS.md §entity `national`), for `country`, as a JSON object text, e.g.
 * nis2_entity_set_national_json(e, "PT", "{\"ict_infrastructure_remit\": true}", err). Keys are checked against
 * the overlay of that country. `country` (like the keys of an entity's `national` object) is accepted in any case
 * and the facts are kept under the upper-case code ("pt" -> "PT"; "EL" stays "EL"). Errors: NIS2_ERR_INVALID_ARG,
 * NIS2_ERR_PARSE, NIS2_ERR_UNKNOWN_CODE (the context has no overlay for that country, or it is not a Member State;
 * path "$.national"), NIS2_ERR_UNKNOWN_KEY, NIS2_ERR_INVALID_FIELD, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_entity_set_national_json(nis2_entity *ent, const char *country, const char *json,
                                                   nis2_error *err);

/*
 * National facts, typed (no JSON): one fact of entity.national.<country> at a time, checked as the JSON edge checks
 * it (nis2_ctx_national_key_count() and the functions after it list the keys, their types and values). `country` is
 * accepted in any case (or as an alias, "EL"); `key` is a key of that country's overlay. A fact is written into the
 * first member of `national` that names the country, else into a new one named by its canonical code; a key set
 * again keeps its place, so facts set in the order of a JSON object give the same nis2_entity_to_json() text as
 * nis2_entity_set_national_json() with that object. Strings are copied.
 *   _bool    a key of type boolean; value 0 or 1.
 *   _number  a key of type number; value finite and >= 0 (a whole number is written back as a JSON integer).
 *   _text    a key of type enum (one of its values), date (YYYY-MM-DD) or string.
 *   _codes   a key of type codes: the n entity-type codes (at most 16; n = 0 gives the empty list), each one of the
 *            entity's activities (add them first), kept as given.
 *   _add_national_code  adds one code to a key of type codes (the list is created when absent; at most 16 codes;
 *            one of the entity's activities); adding a code the list has is harmless.
 *   unset    forgets the fact (it becomes "not given"; no-op when it was not set).
 * Errors: NIS2_ERR_INVALID_ARG (a NULL argument), NIS2_ERR_UNKNOWN_CODE (a country without an overlay in the
 * context, or not a Member State: path "$.national"; a code that is not an entity type of the catalog: path
 * "$.national.CC.key[i]"), NIS2_ERR_UNKNOWN_KEY (a key the overlay does not define: path "$.national.CC.key", the
 * message lists the keys), NIS2_ERR_INVALID_FIELD (a value of the wrong type or not allowed, a code that is not one
 * of the activities, too many codes: path "$.national.CC.key", the message says what was expected), NIS2_ERR_NOMEM.
 * On an error the entity is unchanged.
 */
NIS2_API nis2_status nis2_entity_set_national_bool(nis2_entity *ent, const char *country, const char *key, int value,
                                                   nis2_error *err);
NIS2_API nis2_status nis2_entity_set_national_number(nis2_entity *ent, const char *country, const char *key,
                                                     double value, nis2_error *err);
NIS2_API nis2_status nis2_entity_set_national_text(nis2_entity *ent, const char *country, const char *key,
                                                   const char *value, nis2_error *err);
NIS2_API nis2_status nis2_entity_set_national_codes(nis2_entity *ent, const char *country, const char *key,
                                                    const char *const *codes, size_t n, nis2_error *err);
NIS2_API nis2_status nis2_entity_add_national_code(nis2_entity *ent, const char *country, const char *key,
                                                   const char *code, nis2_error *err);
NIS2_API nis2_status nis2_entity_unset_national(nis2_entity *ent, const char *country, const char *key,
                                                nis2_error *err);

/** Serialise the entity as lib/schema/FORMATS.md §entity JSON. *out_json is owned (nis2_string_free). */
NIS2_API nis2_status nis2_entity_to_json(const nis2_entity *ent, uint32_t flags, char **out_json, nis2_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_ENTITY_H */
