/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — the context: an immutable, validated catalog of the law (entity types, obligations, ISO/IEC
 * 27001:2022 identifiers, mappings, national overlays) with its indexes.
 *
 * A context is created once and is then read-only: any number of threads may use one context at the same time.
 * Objects made from a context (entities, results) keep it alive: nis2_ctx_free() only drops the caller's
 * reference, and the memory goes when the last object made from it is freed.
 */
#ifndef NIS2_CONTEXT_H
#define NIS2_CONTEXT_H

#include <nis2/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nis2_ctx nis2_ctx;

/** Flags for nis2_ctx_new_from_file() and nis2_ctx_new_from_json(). */
#define NIS2_CATALOG_REPLACE 0x0u  /**< the document is a whole catalog and replaces the embedded one */
#define NIS2_CATALOG_EXTEND  0x1u  /**< the document is laid over the embedded catalog: entries whose code/id
                                        exists replace it, new entries are added, overlays are added or replaced */

/**
 * Create a context from the catalog embedded in the library at build time (no files needed).
 * On success *out owns a context; free it with nis2_ctx_free().
 * Errors: NIS2_ERR_INVALID_ARG (out is NULL), NIS2_ERR_NOMEM, NIS2_ERR_CATALOG (never for a released build).
 */
NIS2_API nis2_status nis2_ctx_new(nis2_ctx **out, nis2_error *err);

/**
 * Create a context from a catalog file (the JSON document `nis2 catalog` prints), either replacing or extending
 * the embedded catalog (see NIS2_CATALOG_*). The catalog is validated: every reference must resolve and no code
 * or id may repeat; the error names the offending entry. An unknown top-level key is an error naming it (keys
 * starting with "x_" are free for vendors); an extension may not set catalog_version, changes, changes_note,
 * catalog_extensions or provenance, and needs its own "name" and "version" (see below).
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_IO, NIS2_ERR_PARSE, NIS2_ERR_CATALOG, NIS2_ERR_LIMIT, NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_ctx_new_from_file(nis2_ctx **out, const char *path, uint32_t flags, nis2_error *err);

/** As nis2_ctx_new_from_file(), from `len` bytes of JSON text in memory (need not be NUL-terminated). */
NIS2_API nis2_status nis2_ctx_new_from_json(nis2_ctx **out, const char *json, size_t len, uint32_t flags,
                                            nis2_error *err);

/** Drop the caller's reference to a context. NULL is a no-op. */
NIS2_API void nis2_ctx_free(nis2_ctx *ctx);

/** Version of the catalog content (the law changes on its own schedule), e.g. "2026.12.1". Borrowed. */
NIS2_API const char *nis2_ctx_catalog_version(const nis2_ctx *ctx);

/** Number of entity types in the catalog, including those of national overlays. */
NIS2_API size_t nis2_ctx_entity_type_count(const nis2_ctx *ctx);
/** Code of the i-th entity type (catalog order), or NULL when i is out of range. Borrowed. */
NIS2_API const char *nis2_ctx_entity_type_code(const nis2_ctx *ctx, size_t i);

/**
 * Export the catalog as JSON (lib/schema/FORMATS.md §catalog): the whole catalog when part is NULL, else only that member
 * ("entity_types", "obligations", "controls", "mappings", "overlays", "member_states", "sme_thresholds",
 * "ir2690_points", "sources", "changes" — the history of the legal data, newest first: [{"version", "date",
 * "changes": [text], "refs": [text]}] — or "catalog_extensions") inside {"schema": 1, part: …}. The message of
 * NIS2_ERR_NOT_FOUND lists every part.
 * flags: NIS2_JSON_PRETTY. *out_json is owned: free with nis2_string_free().
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_NOT_FOUND (unknown part), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_ctx_catalog_json(const nis2_ctx *ctx, const char *part, uint32_t flags,
                                           char **out_json, nis2_error *err);

/* ---- catalog extensions (since NIS2_1.1) ----
 * A catalog extension (nis2_ctx_new_from_*() with NIS2_CATALOG_EXTEND) names itself with the top-level keys
 * "name" and "version" (both required, non-empty strings). They are kept in the catalog's
 * $.catalog_extensions, and every result of a context with extensions (classification, obligations, incident
 * deadlines and assessment, gap report) reports them as "catalog_extensions": [{"name", "version"}] next to
 * "catalog_version", which stays the version of the embedded legal data. Without extensions the key is absent. */

/** Number of catalog extensions the context's catalog carries (0 for the embedded catalog; 0 when ctx is NULL). */
NIS2_API size_t nis2_ctx_extension_count(const nis2_ctx *ctx);
/** Name of the i-th extension (oldest first), or NULL when i is out of range. Borrowed from ctx. */
NIS2_API const char *nis2_ctx_extension_name(const nis2_ctx *ctx, size_t i);
/** Version of the i-th extension, or NULL when i is out of range. Borrowed from ctx. */
NIS2_API const char *nis2_ctx_extension_version(const nis2_ctx *ctx, size_t i);

/** Name of the i-th part nis2_ctx_catalog_json() exports ("entity_types", …, "changes", "catalog_extensions"),
 * or NULL when i is past the last: the complete list, for help texts and menus. Static storage; since NIS2_1.1. */
NIS2_API const char *nis2_catalog_part_name(size_t i);
/* ============================================================ NIS2_1.1: the catalog from C (i14) */
/* Every getter below returns NULL (or 0) for an out-of-range index; strings are borrowed from the context. */

/** The i-th entity type (catalog order, as nis2_ctx_entity_type_code()): its label, sector and subsector (NULL when
 *  none), Annex (1, 2, or 0 for a type outside the Annexes), the Annex point ("1.1(a)"), the provision that defines
 *  it, its role in the procedure ("generic", "dns_provider", "public_administration_central", …; "national" for a
 *  type only a national law has) and the Member State whose overlay adds it (NULL for the Directive's). */
NIS2_API const char *nis2_ctx_entity_type_label(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_entity_type_sector(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_entity_type_subsector(const nis2_ctx *ctx, size_t i);
NIS2_API uint32_t nis2_ctx_entity_type_annex(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_entity_type_annex_point(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_entity_type_ref(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_entity_type_role(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_entity_type_country(const nis2_ctx *ctx, size_t i);

/** The boolean facts of an entity (lib/schema/FORMATS.md §entity `flags`): count, the i-th key ("sole_provider") and its NIS2_FLAG_*
 *  value (0 when out of range). */
NIS2_API size_t nis2_ctx_flag_count(const nis2_ctx *ctx);
NIS2_API const char *nis2_ctx_flag_name(const nis2_ctx *ctx, size_t i);
NIS2_API uint32_t nis2_ctx_flag_id(const nis2_ctx *ctx, size_t i);

/** Laws of the catalog: index 0 is the Directive ("EU 2022/2555", country NULL), then one per national overlay
 *  ("PT DL 125/2025", "PT"). */
NIS2_API size_t nis2_ctx_law_count(const nis2_ctx *ctx);
NIS2_API const char *nis2_ctx_law_name(const nis2_ctx *ctx, size_t law);
NIS2_API const char *nis2_ctx_law_country(const nis2_ctx *ctx, size_t law);
/** The categories of a law: count; name ("essential", "relevant_public_entity_group_a"); id (NIS2_CATEGORY_*, with
 *  the distinct national ids of classify.h, NIS2_CATEGORY_NATIONAL for other national ones); rank, the law's
 *  precedence (1 first; 0 where the law declares none, as for the Directive's list); English label, provision and
 *  the Directive category it corresponds to (NULL when none or not declared). */
NIS2_API size_t nis2_ctx_category_count(const nis2_ctx *ctx, size_t law);
NIS2_API const char *nis2_ctx_category_name(const nis2_ctx *ctx, size_t law, size_t i);
NIS2_API uint32_t nis2_ctx_category_id(const nis2_ctx *ctx, size_t law, size_t i);
NIS2_API uint32_t nis2_ctx_category_rank(const nis2_ctx *ctx, size_t law, size_t i);
NIS2_API const char *nis2_ctx_category_label(const nis2_ctx *ctx, size_t law, size_t i);
NIS2_API const char *nis2_ctx_category_ref(const nis2_ctx *ctx, size_t law, size_t i);
NIS2_API const char *nis2_ctx_category_directive_equivalent(const nis2_ctx *ctx, size_t law, size_t i);

/** Types of a national key (nis2_ctx_national_key_type), as an overlay's national_keys declares them
 *  (lib/schema/FORMATS.md §overlay). */
#define NIS2_NATIONAL_KEY_NONE    0u  /**< no such key */
#define NIS2_NATIONAL_KEY_BOOLEAN 1u  /**< true or false: nis2_entity_set_national_bool */
#define NIS2_NATIONAL_KEY_ENUM    2u  /**< one of the key's values: nis2_entity_set_national_text */
#define NIS2_NATIONAL_KEY_DATE    3u  /**< YYYY-MM-DD: nis2_entity_set_national_text */
#define NIS2_NATIONAL_KEY_NUMBER  4u  /**< a number >= 0: nis2_entity_set_national_number */
#define NIS2_NATIONAL_KEY_STRING  5u  /**< any text: nis2_entity_set_national_text */
#define NIS2_NATIONAL_KEY_CODES   6u  /**< activity codes of the entity: nis2_entity_add_national_code */

/** The facts a national law asks (lib/schema/FORMATS.md §entity `national`), for building forms: for `country`
 *  (any case, or an alias; 0 keys and NULL for a country without an overlay) the number of keys, and of the i-th
 *  (the overlay's order) its name, its NIS2_NATIONAL_KEY_* type (NIS2_NATIONAL_KEY_NONE out of range), the provision
 *  that asks it and what it means (NULL when the catalog has none), and for an enum its allowed values (count, j-th;
 *  0 and NULL for other types). Strings are owned by the context. */
NIS2_API size_t nis2_ctx_national_key_count(const nis2_ctx *ctx, const char *country);
NIS2_API const char *nis2_ctx_national_key_name(const nis2_ctx *ctx, const char *country, size_t i);
NIS2_API uint32_t nis2_ctx_national_key_type(const nis2_ctx *ctx, const char *country, size_t i);
NIS2_API const char *nis2_ctx_national_key_ref(const nis2_ctx *ctx, const char *country, size_t i);
NIS2_API const char *nis2_ctx_national_key_meaning(const nis2_ctx *ctx, const char *country, size_t i);
NIS2_API size_t nis2_ctx_national_key_value_count(const nis2_ctx *ctx, const char *country, size_t i);
NIS2_API const char *nis2_ctx_national_key_value_at(const nis2_ctx *ctx, const char *country, size_t i, size_t j);

/** Member States of the catalog: count; ISO code ("EL" is listed as the catalog lists it); English name; the act
 *  that transposes NIS2 there (NULL when none is recorded), its entry into force (YYYY-MM-DD or NULL when not
 *  known); 1 when this library encodes that law (a national overlay decides for that country), else 0. */
NIS2_API size_t nis2_ctx_member_state_count(const nis2_ctx *ctx);
NIS2_API const char *nis2_ctx_member_state_code(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_member_state_name(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_member_state_transposition_law(const nis2_ctx *ctx, size_t i);
NIS2_API const char *nis2_ctx_member_state_in_force(const nis2_ctx *ctx, size_t i);
NIS2_API int nis2_ctx_member_state_encoded(const nis2_ctx *ctx, size_t i);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_CONTEXT_H */
