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
 * or id may repeat; the error names the offending entry.
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
 * ("entity_types", "obligations", "controls", "mappings", "overlays", …) inside {"schema": 1, part: …}.
 * flags: NIS2_JSON_PRETTY. *out_json is owned: free with nis2_string_free().
 * Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_NOT_FOUND (unknown part), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_ctx_catalog_json(const nis2_ctx *ctx, const char *part, uint32_t flags,
                                           char **out_json, nis2_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_CONTEXT_H */
