/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal, layer rules: the typed input of the gap report (the SoA statuses, the certificate, the
 * evidence items with their control and duty links) and the decisions over it that need no duty: when evidence is
 * stale, what the certificate counts for, each control's effective SoA status (inherited from its heading and
 * clause) and its level of support. json/gap_report.c fills it from an input document or entry by entry (the
 * typed builder); the duties are assessed over it. No jansson. */
#ifndef NIS2I_RULES_GAP_INPUT_H
#define NIS2I_RULES_GAP_INPUT_H

#include "model/mapping.h"
#include "util/util.h"

/* A control's SoA status (NIS2I_SOA_UNLISTED: no entry, none inherited). */
enum nis2i_soa_st {
    NIS2I_SOA_UNLISTED = 0,
    NIS2I_SOA_EXCLUDED,
    NIS2I_SOA_IMPLEMENTED,
    NIS2I_SOA_PARTIAL,
    NIS2I_SOA_PLANNED,
    NIS2I_SOA_NOT_IMPLEMENTED
};
/* "not_listed", "not_applicable", "implemented", "partial", "planned", "not_implemented". */
extern const char *const nis2i_gap_soa_names[6];
/* How far the ISMS supports a control: implemented with current evidence (full), in part, not at all, or
 * excluded in the SoA. */
enum nis2i_level { NIS2I_LV_NONE = 0, NIS2I_LV_PART = 1, NIS2I_LV_FULL = 2, NIS2I_LV_EXCLUDED = 3 };
/* "none", "partial", "full", "excluded". */
extern const char *const nis2i_gap_level_names[4];

typedef struct nis2i_gap_ev {
    const char *id, *title;
    int32_t dated, valid_until;  /* yyyymmdd; valid_until 0 when none */
    bool stale;
    char why[64];
} nis2i_gap_ev;

typedef struct nis2i_gap_ref {         /* evidence e names control c (after expansion) */
    uint32_t control, ev;
} nis2i_gap_ref;

typedef struct nis2i_gap_in {
    const nis2_ctx *ctx;
    const nis2i_iso *iso;
    int32_t as_of;
    char as_of_text[11];
    uint8_t *soa;                /* per control: effective enum nis2i_soa_st */
    uint8_t *soa_direct;         /* per control: 0 unset, else enum nis2i_soa_st + 1 */
    uint8_t *level;              /* per control: enum nis2i_level */
    nis2i_gap_ev *ev;
    size_t n_ev;
    nis2i_gap_ref *refs;
    size_t n_refs, cap_refs;
    uint32_t *ref_start;         /* per control: n_controls + 1 offsets into ref_ev (nis2i_gap_index_refs) */
    uint32_t *ref_ev;            /* evidence of refs grouped by control, in the order of refs */
    uint32_t *seen;              /* per evidence: stamp of the last list it was put in (assess) */
    uint32_t stamp;
    uint32_t *list_ev;           /* scratch of assess: evidence indices (stale, then direct) */
    uint32_t *ev_obl;            /* pairs (obligation index, evidence) flattened */
    size_t n_ev_obl, cap_ev_obl;
    bool cert_counts;
    bool has_cert;               /* a certificate object was given (not absent, not null) */
    const char *cert_standard, *cert_body, *cert_status; /* borrowed from the input, or static */
    int32_t cert_until;
    bool cert_scope;
    nis2i_map ev_index;
} nis2i_gap_in;

/* "yyyy-mm-dd" of a yyyymmdd date. */
void nis2i_gap_fmt_date(int32_t d, char out[11]);

/* Evidence ev names control (after expansion to its children) or duty ob (index in ctx->obl): kept in g.
 * NIS2_ERR_NOMEM (nothing set in an error object). */
nis2_status nis2i_gap_in_add_ref(nis2i_gap_in *g, uint32_t control, uint32_t ev);
nis2_status nis2i_gap_in_add_ev_obl(nis2i_gap_in *g, uint32_t ob, uint32_t ev);

/* Whether evidence dated dated and valid until valid_until (0: no end) is stale on g->as_of: dated after it, or
 * expired before it; sets ev->stale and ev->why ("dated 2026-12-01, after as_of", "expired 2025-06-30"). */
void nis2i_gap_ev_judge(const nis2i_gap_in *g, nis2i_gap_ev *ev);

/* The certificate's status on g->as_of ("valid", "other_standard", "expired", "not_yet_valid",
 * "scope_excludes_nis2_services"; issued 0 when not given), kept in g with the facts; it counts only when valid. */
void nis2i_gap_cert_judge(nis2i_gap_in *g, const char *standard, const char *body, int32_t until, int32_t issued,
                          bool scope);

/* Effective SoA status: an entry on a control; else that of the nearest heading, then clause, above it. */
void nis2i_gap_expand_soa(nis2i_gap_in *g);
/* Group the refs by control once (and allocate the scratch lists of the assessment). NIS2_ERR_NOMEM. */
nis2_status nis2i_gap_index_refs(nis2i_gap_in *g);
/* Each control's level of support (after nis2i_gap_expand_soa() and nis2i_gap_index_refs()). */
void nis2i_gap_levels(nis2i_gap_in *g);
/* Whether control c has current (not stale) evidence (after nis2i_gap_index_refs()). */
bool nis2i_gap_has_fresh(const nis2i_gap_in *g, uint32_t c);

/* Free what g owns (not g itself); g is zeroed. */
void nis2i_gap_in_free(nis2i_gap_in *g);

#endif
