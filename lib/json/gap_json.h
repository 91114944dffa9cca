/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal: the JSON edge of the gap report's ISMS records (lib/json/gap_json.c). */
#ifndef NIS2_JSON_GAP_JSON_H
#define NIS2_JSON_GAP_JSON_H

#include "rules/rules.h"
#include "compile/json_parse.h"
#include "rules/gap_isms.h"
#include "rules/gap_result.h"

/* Parse $.management_body, $.risks and $.suppliers of the gap input document `in` into out (zero-initialised;
 * free with nis2i_gap_isms_free() also on error). evidence: the ids of $.evidence (id -> index) that evidence
 * references must name. Errors name the JSON path. Strings stay borrowed from `in`. */
nis2_status nis2i_gap_isms_from_value(const nis2_ctx *ctx, const json_t *in, const nis2i_map *evidence,
                                      nis2i_gap_isms *out, nis2_error *err);

/* One record of the ISMS, checked as the same record of an input document would be, at the path base
 * ("$.risks[3]"); evidence references must name ids of the map. Duplicates of ids are the caller's to check. */
typedef enum nis2i_gap_rec {
    NIS2I_GREC_MEMBER = 0,       /* $.management_body.members[i] */
    NIS2I_GREC_APPROVAL,         /* $.management_body.approvals[i] */
    NIS2I_GREC_OVERSIGHT,        /* $.management_body.oversight[i] */
    NIS2I_GREC_RISK,             /* $.risks[i] */
    NIS2I_GREC_SUPPLIER          /* $.suppliers[i] */
} nis2i_gap_rec;
nis2_status nis2i_gap_isms_check_entry(const nis2_ctx *ctx, nis2i_gap_rec kind, const json_t *e, const char *base,
                                       const nis2i_map *evidence, nis2_error *err);
/* Parse it into *out (a nis2i_mb_member, nis2i_mb_record, nis2i_risk or nis2i_supplier, zero-initialised), its
 * lists allocated in alloc (nis2i_gap_isms_alloc; freed with alloc). Strings stay borrowed from e. */
nis2_status nis2i_gap_isms_parse_entry(const nis2_ctx *ctx, nis2i_gap_rec kind, const json_t *e, const char *base,
                                       const nis2i_map *evidence, nis2i_gap_isms *alloc, void *out, nis2_error *err);

/* The report's `questions` (seven objects in order, each with its status as nis2i_gap_result_q_status() decides
 * it) and `actions` (the list in the order and with the ranks the rules gave, r->order and r->rank). */
void nis2i_gap_questions_value(const nis2i_gap_result *r, json_t **questions, json_t **actions);

#endif
