/* libnis2 internal: the gap report (rules/gap.c builds it, json/gap_render.c renders it as text or HTML). */
#ifndef NIS2_RULES_GAP_H
#define NIS2_RULES_GAP_H

#include "internal.h"

/* Build the contract §5 report as a JSON value from the parsed input document. */
nis2_status nis2i_gap_report(const nis2_ctx *ctx, const json_t *in, json_t **out, nis2_error *err);

/* Render a report built by nis2i_gap_report() into b (b->oom on allocation failure). */
void nis2i_gap_render_text(const json_t *rep, nis2i_buf *b);
void nis2i_gap_render_html(const json_t *rep, nis2i_buf *b);

#endif
