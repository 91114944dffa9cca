/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal: the gap report as a typed result (what include/nis2/gap.h exposes and what the JSON edge
 * serialises: json/gap_result_json.c writes the report (lib/schema/FORMATS.md §gap-report) from it, key for key).
 *
 * Plain data, no JSON. Strings are borrowed from the catalog (ids, titles, provisions, relationship names), from
 * the input (evidence ids and titles) or owned by the result's arena (texts made for this report); the owner of a
 * result keeps the context and the input alive as long as the result. */
#ifndef NIS2_RULES_GAP_RESULT_H
#define NIS2_RULES_GAP_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/gap_isms.h"

/* Duty status, in the order of the JSON names (and of NIS2_GAP_COVERED ... in include/nis2/gap.h). */
typedef enum nis2i_gap_st { NIS2I_GS_COVERED = 0, NIS2I_GS_PARTIAL, NIS2I_GS_MISSING, NIS2I_GS_NA } nis2i_gap_st;
extern const char *const nis2i_gap_st_names[4];

typedef struct nis2i_gap_pair {  /* one mapping pair on a chain: "from is <rel> to" */
    const char *from, *to;       /* to NULL for a no_relationship pair with "to": null */
    const char *rel, *source;
} nis2i_gap_pair;

typedef struct nis2i_gap_ctl {   /* a control linked to a duty */
    uint32_t control;            /* control index (its fresh evidence: nis2i_gap_result.fresh[control]) */
    const char *id, *title, *rel, *source, *soa, *support;
    nis2i_gap_pair *pairs;
    size_t n_pairs;
} nis2i_gap_ctl;

typedef struct nis2i_gap_strs {  /* a list of borrowed strings */
    const char **v;
    size_t n;
} nis2i_gap_strs;

typedef struct nis2i_gap_duty {
    const char *id, *ref, *title, *group, *nature;
    uint8_t status;              /* nis2i_gap_st */
    bool nis2_specific, binds;
    bool assessed;               /* went through the assessment (controls, pairs, evidence may be non-empty) */
    bool reason_after_open;      /* an encouraged duty set not_applicable after its assessment: the JSON key
                                    "reason" comes after "open" (and "national") */
    const char *reason;          /* NULL for an assessed duty */
    const char *applies_because; /* NULL for a duty that does not bind */
    nis2i_gap_ctl *controls;
    size_t n_controls;
    nis2i_gap_pair *none;        /* no_relationship pairs; has_none: the key is written */
    size_t n_none;
    bool has_none;
    nis2i_gap_strs evidence, stale, open, national;
    bool has_national;
} nis2i_gap_duty;

typedef struct nis2i_gap_measure { /* an Art. 21(2) measure of the summary */
    const char *id, *ref, *title;
    uint8_t status;
    size_t controls, supported, partly;
} nis2i_gap_measure;

typedef struct nis2i_gap_group {   /* per duty group, in the order first met */
    const char *group;
    size_t st[4];
} nis2i_gap_group;

typedef struct nis2i_gap_stale {
    const char *id, *title, *why;
} nis2i_gap_stale;

typedef struct nis2i_gap_result {
    char as_of[11];
    const char *name, *country, *category, *decided_by, *law; /* owned copies (name, decided_by may be NULL) */
    bool ir_2024_2690;
    char *answers[NIS2I_Q_N];    /* owned */
    nis2i_gap_findings findings;
    size_t *order;               /* the prioritised action list: findings indices */
    size_t *rank;                /* per finding: 1-based rank */
    size_t st[4], assessed, specific_open, evidence_items, stale_evidence, binding, binding_not_assessed;
    nis2i_gap_measure *measures;
    size_t n_measures;
    nis2i_gap_group *groups;
    size_t n_groups;
    bool has_cert;               /* false: "certificate": null */
    const char *cert_standard, *cert_body, *cert_status;
    char cert_valid_until[11];
    bool cert_scope, cert_counts;
    nis2i_gap_stale *stale_items;
    size_t n_stale_items;
    nis2i_gap_duty *duties;
    size_t n_duties;
    nis2i_gap_strs *fresh;       /* per control: ids of its current evidence, in input order */
    size_t n_controls;
    const char *library_version, *catalog_version;
    const struct nis2_ctx *ctx;  /* the catalog (not owned): its extensions are named in the JSON */
    /* the arena behind everything owned above */
    void **owned;
    size_t n_owned, cap_owned;
    bool oom;
} nis2i_gap_result;

/* calloc() / strdup() owned by the result; NULL (and r->oom set) on allocation failure. */
void *nis2i_gap_result_alloc(nis2i_gap_result *r, size_t n, size_t size);
char *nis2i_gap_result_strdup(nis2i_gap_result *r, const char *s);
void nis2i_gap_result_free(nis2i_gap_result *r);

/* Question q's status, 0, 1 or 2 ("answered", "partial", "open" in nis2i_gap_q_status_names): open when a finding
 * of it is open and weighs at least an overdue review; partial when it has other findings; answered when it has
 * none. */
extern const char *const nis2i_gap_q_status_names[3];
int nis2i_gap_result_q_status(const nis2i_gap_result *r, nis2i_gap_q q);

#endif
