/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — evidence and the ISO/IEC 27001 gap report (lib/schema/FORMATS.md §gap-report): what an ISO/IEC
 * 27001:2022 ISMS already supports of the NIS2 duties that bind an entity, what only in part, and what no ISO control covers.
 *
 * The path from evidence to a duty is: evidence item -> ISO/IEC 27001:2022 clause or Annex A control -> (for
 * entities covered by Implementing Regulation (EU) 2024/2690: IR Annex point -> IR section ->) NIS2 duty. The
 * links are catalog data (`nis2 catalog --part mappings`), each with a relationship, a rationale and a source;
 * ENISA's pairs (CC BY 4.0) are all `intersects_with`. A chain takes the weakest relationship on its path, with
 *     equal > subset_of > superset_of > intersects_with > no_relationship
 * ("from is <rel> to"; subset_of: the duty lies inside the control, so the control covers it fully).
 *
 * Status rules, per duty (in this order):
 *  - not_applicable: the duty does not bind the entity (category, roles; or displaced by DORA, NIS2 Art. 4).
 *    A duty that binds is never not_applicable because of the SoA: excluding every linked control is reported
 *    as missing with an open item (an auditor expects the exclusion justified and, under IR 2024/2690 Art. 2(2),
 *    documented).
 *  - A control is "supported" when the SoA marks it implemented AND it has current evidence (an evidence item
 *    that names it, or names the heading or clause above it). For clauses 4-10, a certificate for
 *    ISO/IEC 27001:2022 valid on as_of whose scope covers the NIS2 services stands in for both. A control is
 *    "partly supported" when it is implemented without current evidence or the SoA says partial. planned,
 *    not_implemented and controls absent from the SoA support nothing.
 *  - Evidence is stale when valid_until < as_of or dated > as_of; stale items are named in `stale_evidence`
 *    and count for nothing. "Direct evidence" is a current item whose `obligations` names the duty.
 *  - nis2_specific duties (flagged in the catalog, or with no ISO link but no_relationship): covered only by
 *    direct evidence; partial when a linked control is at least partly supported; else missing.
 *  - other duties: covered when every control linked with equal or subset_of is supported (and there is at least
 *    one), or when there is direct evidence and every linked, non-excluded control is supported; partial when
 *    any linked control is at least partly supported or there is direct evidence; else missing.
 *
 * Input (lib/schema/FORMATS.md §gap-report): {"schema": 1, "entity": {…FORMATS.md §entity…}, "as_of": "YYYY-MM-DD",
 *   "soa": [{"control": "A.5.24", "applicable": true, "status": "implemented", "justification": "…"}],
 *   "certificate": {"standard": "ISO/IEC 27001:2022", "valid_until": "YYYY-MM-DD",
 *                   "scope_covers_nis2_services": true, "issued": "YYYY-MM-DD", "certification_body": "…"},
 *   "evidence": [{"id": "EV-1", "title": "…", "controls": ["A.5.24"], "obligations": ["nis2.art23.early_warning"],
 *                 "dated": "YYYY-MM-DD", "valid_until": "YYYY-MM-DD"}]}
 * entity and as_of are required; soa, certificate (or null) and evidence are optional. Controls may be written as
 * nis2_iso_normalise_id() accepts. Clauses 4-10 cannot be excluded (applicable: false is an error: ISO/IEC 27001
 * does not allow it). Every error names the JSON path.
 */
#ifndef NIS2_EVIDENCE_H
#define NIS2_EVIDENCE_H

#include <nis2/common.h>
#include <nis2/context.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats of nis2_gap_report_render(). Values are fixed forever. */
#define NIS2_GAP_FORMAT_JSON 0u  /**< JSON, FORMATS.md §gap-report (NIS2_JSON_PRETTY through nis2_gap_report_json) */
#define NIS2_GAP_FORMAT_TEXT 1u  /**< plain text for a terminal or an e-mail, UTF-8, lines of at most ~110 columns */
#define NIS2_GAP_FORMAT_HTML 2u  /**< one self-contained HTML page (inline CSS and SVG, no scripts, no network) */
#define NIS2_GAP_FORMAT_CSV  3u  /**< the prioritised action list as CSV (RFC 4180, CRLF, UTF-8, a header row) */
#define NIS2_GAP_FORMAT_OSCAL 4u /**< OSCAL 1.2 assessment-results, as nis2_gap_report_oscal() (lib/json/EXCHANGE.md) */

/**
 * Normalise an ISO/IEC 27001:2022 identifier to its canonical form: "A5.7" -> "A.5.7", "A. 5.24" -> "A.5.24",
 * "a.8.34" -> "A.8.34", a Greek capital Alpha for the Latin A is accepted; a bare number is a clause when that
 * clause exists ("9.3", "5.1" = Leadership and commitment) and an Annex A control otherwise ("5.24" -> "A.5.24").
 * *out_id is borrowed from ctx. Errors: NIS2_ERR_INVALID_ARG, NIS2_ERR_INVALID_FIELD (not an identifier),
 * NIS2_ERR_UNKNOWN_CODE (no such clause or control, e.g. "A.8.35", "4.5"), NIS2_ERR_NOT_FOUND (catalog without
 * controls).
 */
NIS2_API nis2_status nis2_iso_normalise_id(const nis2_ctx *ctx, const char *text, const char **out_id,
                                           nis2_error *err);

/** Short title of a canonical control or clause id ("Management review"), or NULL when unknown. Borrowed. */
NIS2_API const char *nis2_iso_control_title(const nis2_ctx *ctx, const char *id);

/**
 * Gap report: lib/schema/FORMATS.md §gap-report input in, §gap-report JSON out. flags: NIS2_JSON_PRETTY. *out_json is owned
 * (nis2_string_free). Errors: those of nis2_entity_from_json() for $.entity, NIS2_ERR_PARSE,
 * NIS2_ERR_MISSING_FIELD ($.entity, $.as_of, $.soa[i].control, $.evidence[i].id, …), NIS2_ERR_INVALID_FIELD (bad
 * date, bad status, a clause excluded, an evidence item naming neither controls nor obligations, a duplicate),
 * NIS2_ERR_UNKNOWN_KEY, NIS2_ERR_UNKNOWN_CODE (unknown control or obligation id), NIS2_ERR_LIMIT, NIS2_ERR_NOMEM,
 * NIS2_ERR_NOT_FOUND (the catalog has no controls).
 */
NIS2_API nis2_status nis2_gap_report_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                          char **out_json, nis2_error *err);

/**
 * The same report rendered as NIS2_GAP_FORMAT_JSON (compact), _TEXT, _HTML, _CSV (the action list only; a
 * field that a spreadsheet would read as a formula, starting with = + - @, is prefixed with ') or _OSCAL (compact,
 * as nis2_gap_report_oscal()). *out is owned (nis2_string_free). Errors: those of nis2_gap_report_json(),
 * NIS2_ERR_INVALID_ARG (unknown format).
 */
NIS2_API nis2_status nis2_gap_report_render(const nis2_ctx *ctx, const char *json, size_t len, uint32_t format,
                                            char **out, nis2_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NIS2_EVIDENCE_H */
