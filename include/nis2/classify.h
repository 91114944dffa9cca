/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — classification: is the entity covered, and is it essential or important?
 * Format: lib/schema/FORMATS.md §classification.
 *
 * The answer carries the Directive's own verdict, the national verdict where an overlay exists for the
 * entity's country, the deciding provision, every provision that matched, the reasoning trace and the facts
 * that were missing. A result is immutable, keeps its context alive and may be read from several threads.
 */
#ifndef NIS2_CLASSIFY_H
#define NIS2_CLASSIFY_H

#include <nis2/common.h>
#include <nis2/context.h>
#include <nis2/entity.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nis2_result nis2_result;

/** Category identifiers (nis2_result_category_id). Values are fixed forever. */
#define NIS2_CATEGORY_OUT_OF_SCOPE             0u
#define NIS2_CATEGORY_ESSENTIAL                1u
#define NIS2_CATEGORY_IMPORTANT                2u
#define NIS2_CATEGORY_DOMAIN_REGISTRATION_ONLY 3u  /**< Art. 2(4): only Arts 3(3)-(4), 26, 27, 28 */
#define NIS2_CATEGORY_MEMBER_STATE_OPTION      4u  /**< Art. 2(5): in scope by national option */
#define NIS2_CATEGORY_UNDETERMINED             5u  /**< a needed fact is absent or the law leaves a gap */
#define NIS2_CATEGORY_NATIONAL                 6u  /**< a category only a national law has; see nis2_result_category() */
/* NIS2_1.1: national categories with their own id (nis2_result_category_code(), nis2_obligations_category_code()).
 * nis2_result_category_id() keeps giving NIS2_CATEGORY_NATIONAL for them, as released. */
#define NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_A 7u  /**< "relevant_public_entity_group_a" (PT RJC art. 7) */
#define NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_B 8u  /**< "relevant_public_entity_group_b" (PT RJC art. 7) */

/** Size classes (Recommendation 2003/361/EC). */
#define NIS2_SIZE_UNKNOWN 0u
#define NIS2_SIZE_MICRO   1u
#define NIS2_SIZE_SMALL   2u
#define NIS2_SIZE_MEDIUM  3u
#define NIS2_SIZE_LARGE   4u

/** Which verdict a getter reads. */
#define NIS2_VERDICT_APPLICABLE 0u  /**< the law that applies: national where an overlay exists, else the Directive */
#define NIS2_VERDICT_DIRECTIVE  1u  /**< the Directive's own answer, always present */
#define NIS2_VERDICT_NATIONAL   2u  /**< the national overlay's answer; absent for countries without an overlay */

/**
 * Classify an entity. *out owns the result; free with nis2_result_free().
 * Errors: NIS2_ERR_INVALID_ARG (NULL argument), NIS2_ERR_MISSING_FIELD (no country set), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_classify(const nis2_ctx *ctx, const nis2_entity *ent, nis2_result **out, nis2_error *err);

/** Flags for nis2_classify_ex(). */
#define NIS2_CLASSIFY_NO_TRACE 0x1u  /**< skip the reasoning trace: the result has no reasons (for bulk screening);
                                          category, provisions, grounds, size class and missing facts are unchanged */

/**
 * As nis2_classify(), with flags (NIS2_CLASSIFY_*). nis2_classify(c, e, out, err) is nis2_classify_ex(c, e, 0,
 * out, err). Errors: those of nis2_classify(), and NIS2_ERR_INVALID_ARG for unknown flags.
 */
NIS2_API nis2_status nis2_classify_ex(const nis2_ctx *ctx, const nis2_entity *ent, uint32_t flags, nis2_result **out,
                                      nis2_error *err);

/**
 * Convenience: entity JSON in, classification JSON out (lib/schema/FORMATS.md §entity → §classification).
 * flags: NIS2_JSON_PRETTY and NIS2_JSON_NO_TRACE (the same verdicts without the reasoning trace: "reasons" is empty).
 * *out_json is owned (nis2_string_free). Errors: those of nis2_entity_from_json() and nis2_classify().
 */
NIS2_API nis2_status nis2_classify_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                        char **out_json, nis2_error *err);

/** Free a result. NULL is a no-op. */
NIS2_API void nis2_result_free(nis2_result *res);

/** 1 when the verdict exists (the national one only exists for countries with an overlay), else 0. */
NIS2_API int nis2_result_has_verdict(const nis2_result *res, uint32_t verdict);
/** Category name ("essential", "relevant_public_entity_group_a", …). Borrowed; NULL if the verdict is absent. */
NIS2_API const char *nis2_result_category(const nis2_result *res, uint32_t verdict);
/** Category id (NIS2_CATEGORY_*); national-only categories give NIS2_CATEGORY_NATIONAL. */
NIS2_API uint32_t nis2_result_category_id(const nis2_result *res, uint32_t verdict);
/** NIS2_1.1: as nis2_result_category_id(), but a national category this version knows gets its own id
 *  (NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_A/B); other national categories give NIS2_CATEGORY_NATIONAL. */
NIS2_API uint32_t nis2_result_category_code(const nis2_result *res, uint32_t verdict);
/** The deciding provision ("NIS2 Art. 3(1)(a)", "RJC art. 6(1)(a)"). Borrowed; NULL if the verdict is absent. */
NIS2_API const char *nis2_result_decided_by(const nis2_result *res, uint32_t verdict);
/** Number of provisions that matched (grounds) for a verdict. */
NIS2_API size_t nis2_result_ground_count(const nis2_result *res, uint32_t verdict);
/** i-th ground, or NULL when out of range. Borrowed. */
NIS2_API const char *nis2_result_ground_at(const nis2_result *res, uint32_t verdict, size_t i);

/** The law the applicable verdict comes from: "EU 2022/2555" or e.g. "PT DL 125/2025". Borrowed. */
NIS2_API const char *nis2_result_law(const nis2_result *res);
/** The supervising authority named by the national overlay, or NULL. Borrowed. */
NIS2_API const char *nis2_result_authority(const nis2_result *res);
/** Size class (NIS2_SIZE_*); NIS2_SIZE_UNKNOWN when the figures do not settle it. */
NIS2_API uint32_t nis2_result_size_class(const nis2_result *res);
/** Size class name ("micro", …) or NULL when unknown. Static. */
NIS2_API const char *nis2_result_size_class_name(const nis2_result *res);

/** Number of steps in the reasoning trace. */
NIS2_API size_t nis2_result_reason_count(const nis2_result *res);
/** Provision of the i-th reason, or NULL when out of range. Borrowed. */
NIS2_API const char *nis2_result_reason_ref(const nis2_result *res, size_t i);
/** Text of the i-th reason, or NULL when out of range. Borrowed. */
NIS2_API const char *nis2_result_reason_text(const nis2_result *res, size_t i);

/** Number of missing facts (only for an undetermined verdict). */
NIS2_API size_t nis2_result_missing_count(const nis2_result *res);
/** Name of the i-th missing fact ("employees", "turnover_eur", …), or NULL. Borrowed. */
NIS2_API const char *nis2_result_missing_at(const nis2_result *res, size_t i);

/** Serialise as JSON (lib/schema/FORMATS.md §classification). flags: NIS2_JSON_PRETTY. *out_json is owned (nis2_string_free). */
NIS2_API nis2_status nis2_result_to_json(const nis2_result *res, uint32_t flags, char **out_json, nis2_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_CLASSIFY_H */
