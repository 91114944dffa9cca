/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal: the gap report (json/gap_report.c builds it from the input document, with the typed checks of
 * rules/gap_checks.c for questions 5-7; json/gap_render.c renders it as text, HTML or CSV). */
#ifndef NIS2_JSON_GAP_REPORT_H
#define NIS2_JSON_GAP_REPORT_H

#include "rules/rules.h"
#include "rules/overlay.h"
#include "compile/json_parse.h"
#include "util/utf8.h"

/* Build the report (lib/schema/FORMATS.md §gap-report) as a JSON value from the parsed input document. */
nis2_status nis2i_gap_report(const nis2_ctx *ctx, const json_t *in, json_t **out, nis2_error *err);

/* Write a report built by nis2i_gap_report() as JSON into b, byte for byte what nis2i_json_dump() writes (compact,
 * or pretty: NIS2_JSON_PRETTY). false when it cannot (a value the report never holds): use nis2i_json_dump(). */
bool nis2i_gap_render_json(const json_t *rep, bool pretty, nis2i_buf *b);

/* Render a report built by nis2i_gap_report() into b (b->oom on allocation failure). */
void nis2i_gap_render_text(const json_t *rep, nis2i_buf *b);
void nis2i_gap_render_html(const json_t *rep, nis2i_buf *b);
/* The prioritised action list as CSV (RFC 4180). */
void nis2i_gap_render_csv(const json_t *rep, nis2i_buf *b);

#endif
