/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal, layer rules: ISO/IEC 27001:2022 identifiers and the mapping chains over the typed graph of
 * model/mapping.h (NIS2 duty -> IR 2024/2690 section -> IR point -> ISO/IEC 27001:2022 control).
 *
 * Not installed; nothing here is part of the ABI. compile/mapping_load.c compiles and validates the graph.
 *
 * Relationships are read "from is <rel> to" (lib/schema/FORMATS.md §catalog). Their strength is a total order:
 *     equal (4) > subset_of (3) > superset_of (2) > intersects_with (1) > no_relationship (0)
 * subset_of (the duty lies inside the control: the control fully covers it) ranks above superset_of (the duty is
 * wider than the control: the control covers one part). Inversion swaps subset_of and superset_of and keeps the
 * others. A chain takes the WEAKEST relationship on its path; of several paths to one control the strongest
 * chain wins (ties: the shorter, then the first in catalog order).
 */
#ifndef NIS2_RULES_MAPPING_H
#define NIS2_RULES_MAPPING_H

#include "model/mapping.h"
#include "util/util.h"

nis2i_rel nis2i_rel_invert(nis2i_rel r);
/* Weakest link of two relationships on one path. */
nis2i_rel nis2i_rel_chain(nis2i_rel a, nis2i_rel b);

/* Control index of a canonical id, or -1. */
long nis2i_control_find(const nis2_ctx *ctx, const char *id);

/* Normalise a user-written identifier ("A5.7", "A. 5.24", "5.24", "a.8.34", Greek "Α.5.19") to its catalog
 * control; returns the index or fails with NIS2_ERR_INVALID_FIELD (not an identifier) / NIS2_ERR_UNKNOWN_CODE
 * (no such clause or control), naming path. */
nis2_status nis2i_iso_normalise(const nis2_ctx *ctx, const char *text, const char *path, uint32_t *out,
                                nis2_error *err);

/* One control reached from an obligation. */
#define NIS2I_MAX_CHAIN 4
typedef struct nis2i_link {
    uint32_t control;            /* control index */
    nis2i_rel rel;               /* weakest link on the path */
    uint32_t path[NIS2I_MAX_CHAIN]; /* edge indices, from the obligation to the control */
    uint32_t path_len;
} nis2i_link;

typedef struct nis2i_links {
    nis2i_link *items;
    size_t n, cap;
    uint32_t none_edges[8];      /* no_relationship pairs that start at the obligation */
    size_t n_none;
} nis2i_links;

/* Resolve every control an obligation (or IR point) reaches. with_ir: follow links into IR 2024/2690 points
 * (only for entities the Implementing Regulation covers); otherwise only direct links to controls are used.
 * out must be zero-initialised; free with nis2i_links_free(). Unknown ids give an empty result. */
nis2_status nis2i_iso_resolve(const nis2_ctx *ctx, const char *from_id, bool with_ir, nis2i_links *out,
                              nis2_error *err);
void nis2i_links_free(nis2i_links *l);

#endif
