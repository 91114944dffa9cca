/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — exchange with GRC tools: the catalog, the mapping graph and the gap report in the formats other
 * products read (OSCAL 1.2 catalog, mapping-collection and assessment-results; a CISO Assistant library).
 * lib/json/EXCHANGE.md says, field by field, how each format maps to the catalog.
 *
 * Every output is deterministic: uuids are name-based (version 5, a fixed libnis2 namespace and the id of what
 * they name) and timestamps come from the catalog (the date of its newest `changes` entry, else the first day of the
 * month its `catalog_version` "YYYY.MM.N" names), so the same catalog always gives the same bytes.
 * ISO/IEC 27001:2022 appears by identifier and short title only, never by its text.
 *
 * Import is the other way: nis2_ctx_new_from_json() / nis2_ctx_new_from_file() with NIS2_CATALOG_EXTEND also
 * accept an OSCAL mapping-collection (JSON) or a CISO Assistant library with requirement_mapping_sets (YAML,
 * read with libyaml). Every map must resolve to a duty, an IR 2024/2690 point or an ISO/IEC 27001:2022 id of
 * the catalog; its pairs join the mapping graph with the document named as their source (the gap report's
 * `pairs[].source`). A map that does not resolve is NIS2_ERR_CATALOG naming the map (its JSON path).
 */
#ifndef NIS2_EXCHANGE_H
#define NIS2_EXCHANGE_H

#include <nis2/common.h>
#include <nis2/context.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Formats of nis2_export(). Values are fixed forever. */
#define NIS2_EXPORT_OSCAL_CATALOG 1u  /**< OSCAL 1.2 catalog (JSON): part "nis2" (default), "ir2690" or a country */
#define NIS2_EXPORT_OSCAL_MAPPING 2u  /**< OSCAL 1.2 mapping-collection (JSON) of the whole mapping graph; part NULL */
#define NIS2_EXPORT_CISO_ASSISTANT 3u /**< CISO Assistant library (YAML): part "nis2" (default) or a country code */

/**
 * Export the catalog in an exchange format.
 *  - NIS2_EXPORT_OSCAL_CATALOG: part "nis2" gives the Directive's duties grouped by article; "ir2690" the Annex
 *    points of Implementing Regulation (EU) 2024/2690 (sections, points, sub-points); a country code with an
 *    encoded overlay ("PT", any case) the national duties of that overlay.
 *  - NIS2_EXPORT_OSCAL_MAPPING: every pair of the mapping graph (duty -> IR point -> ISO/IEC 27001:2022 id), with
 *    its relationship in OSCAL's vocabulary, its rationale and its source (ENISA's attribution kept); part must
 *    be NULL or "mappings".
 *  - NIS2_EXPORT_CISO_ASSISTANT: a library holding a framework of the duties and, for "nis2", a
 *    requirement_mapping_set to CISO Assistant's ISO/IEC 27001:2022 framework.
 * flags: NIS2_JSON_PRETTY (JSON formats; YAML is always block style). *out is owned (nis2_string_free).
 * Errors: NIS2_ERR_INVALID_ARG (NULL ctx or out, unknown format), NIS2_ERR_NOT_FOUND (unknown part, or the
 * catalog lacks the part), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_export(const nis2_ctx *ctx, uint32_t format, const char *part, uint32_t flags,
                                 char **out, nis2_error *err);

/**
 * The gap report (input as nis2_gap_report_json(), lib/schema/FORMATS.md §gap-report) as an OSCAL 1.2
 * assessment-results document:
 * one result; each duty's status is a finding whose observations are the evidence items behind it; every open
 * item is a risk. Built from the report's JSON document. flags: NIS2_JSON_PRETTY. *out is owned.
 * Errors: those of nis2_gap_report_json(), NIS2_ERR_NOMEM.
 */
NIS2_API nis2_status nis2_gap_report_oscal(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                           char **out, nis2_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_EXCHANGE_H */
