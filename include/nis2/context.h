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

/** Version of the catalog content (the law changes on its own schedule), e.g. "2026.11.1". Borrowed. */
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

#ifdef __cplusplus
}
#endif
#endif /* NIS2_CONTEXT_H */
