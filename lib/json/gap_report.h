/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal: the gap report (json/gap_report.c reads the input document into the typed input, decided by
 * rules/gap_decide.h with the typed checks of rules/gap_checks.c for questions 5-7; json/gap_render.c renders it as
 * text, HTML or CSV). */
#ifndef NIS2_JSON_GAP_REPORT_H
#define NIS2_JSON_GAP_REPORT_H

#include <nis2/gap.h>

#include "rules/rules.h"
#include "rules/overlay.h"
#include "compile/json_parse.h"
#include "util/utf8.h"
#include "rules/gap_result.h"
#include "json/gap_json.h"

/* Decide the report of the parsed input document into out (zero-initialised here; on error nothing to free).
 * out borrows strings from ctx and from in: both must outlive it. Free with nis2i_gap_result_free(). */
nis2_status nis2i_gap_compute(const nis2_ctx *ctx, const json_t *in, nis2i_gap_result *out, nis2_error *err);

/* The report document (lib/schema/FORMATS.md §gap-report) of a typed result (json/gap_result_json.c). */
nis2_status nis2i_gap_result_value(const nis2i_gap_result *r, json_t **out, nis2_error *err);

/* Build the report (lib/schema/FORMATS.md §gap-report) as a JSON value from the parsed input document (the two
 * above). */
nis2_status nis2i_gap_report(const nis2_ctx *ctx, const json_t *in, json_t **out, nis2_error *err);

/* Write a report built by nis2i_gap_report() as JSON into b, byte for byte what nis2i_json_dump() writes (compact,
 * or pretty: NIS2_JSON_PRETTY). false when it cannot (a value the report never holds): use nis2i_json_dump(). */
bool nis2i_gap_render_json(const json_t *rep, bool pretty, nis2i_buf *b);

/* Render a typed report into b (b->oom on allocation failure). */
void nis2i_gap_render_text(const nis2i_gap_result *r, nis2i_buf *b);
void nis2i_gap_render_html(const nis2i_gap_result *r, nis2i_buf *b);
/* The prioritised action list as CSV (RFC 4180). */
void nis2i_gap_render_csv(const nis2i_gap_result *r, nis2i_buf *b);

/* Write a report as JSON text (the report's own writer, nis2i_json_dump() where it declines). *out owned. */
nis2_status nis2i_gap_dump(const json_t *rep, uint32_t flags, char **out, nis2_error *err);

/* The typed ISMS of the builder (json/gap_api.c), filled one entry at a time: each entry is checked exactly as
 * the same entry of an input document would be, at the index it will have there ($.soa[i], $.evidence[i]),
 * against the entries accepted before it, and kept in the typed input the decisions read (the SoA statuses, the
 * evidence with its control and duty links, the certificate, the ISMS records). A failed entry leaves the state
 * as it was. Keys and strings stay borrowed from the entries, which the caller keeps alive. */
typedef struct nis2i_gap_checker nis2i_gap_checker;
nis2_status nis2i_gap_checker_new(const nis2_ctx *ctx, int32_t as_of, nis2i_gap_checker **out, nis2_error *err);
void nis2i_gap_checker_free(nis2i_gap_checker *c);
nis2_status nis2i_gap_checker_soa(nis2i_gap_checker *c, const json_t *entry, nis2_error *err);
nis2_status nis2i_gap_checker_certificate(nis2i_gap_checker *c, const json_t *cert, nis2_error *err);
nis2_status nis2i_gap_checker_evidence(nis2i_gap_checker *c, const json_t *item, nis2_error *err);
/* A record of the ISMS ($.management_body.members[i], ..., $.suppliers[i] at base), checked and kept. */
nis2_status nis2i_gap_checker_record(nis2i_gap_checker *c, nis2i_gap_rec kind, const json_t *entry, const char *base,
                                     nis2_error *err);
/* $.management_body.security_reporter (borrowed). */
void nis2i_gap_checker_security_reporter(nis2i_gap_checker *c, const char *who);
/* The report of the typed input the checker holds, for the entity e (of the same context). out borrows strings
 * from the checker's entries (the caller keeps them alive as long as out) and from the context. */
nis2_status nis2i_gap_compute_typed(const nis2i_gap_checker *c, const nis2_entity *e, nis2i_gap_result *out,
                                    nis2_error *err);

/* The report document of a typed report (what nis2_gap_report_to_string() writes as JSON) and the input document
 * it was computed from (for an ISMS built step by step: the document nis2_isms_to_json() writes); both owned by r. */
const json_t *nis2i_gap_report_document(const nis2_gap_report *r);
const json_t *nis2i_gap_report_input(const nis2_gap_report *r);
/* The context r was computed with. */
const nis2_ctx *nis2i_gap_report_context(const nis2_gap_report *r);
/* r as OSCAL 1.2 assessment-results (json/exchange_gap.c; flags: NIS2_JSON_PRETTY). *out owned. */
nis2_status nis2i_gap_oscal(const nis2_gap_report *r, uint32_t flags, char **out, nis2_error *err);

/* A calendar date YYYY-MM-DD (1970 or later) as yyyymmdd; false when it is not one. */
bool nis2i_gap_parse_date(const char *s, int32_t *out);
/* The ids of the evidence accepted so far (id -> index), for the references of the ISMS records. */
const nis2i_map *nis2i_gap_checker_evidence_ids(const nis2i_gap_checker *c);

#endif
