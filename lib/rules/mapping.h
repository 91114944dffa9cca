/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal: the ISO/IEC 27001:2022 control catalog and the mapping graph
 * (NIS2 duty -> IR 2024/2690 section -> IR point -> ISO/IEC 27001:2022 control).
 *
 * Not installed; nothing here is part of the ABI. Data: lib/catalog/iso27001.json (`controls`),
 * lib/catalog/ir2024_2690.json (`ir2690_points`) and lib/catalog/mappings.json (`sources`, `mappings`).
 * nis2i_iso_load() validates them when the context is created: every control id is unique, every heading child
 * exists, every mapping endpoint resolves (an obligation id, an IR point or a control; `to` is null only for
 * no_relationship), every relationship is known, and every pair names a rationale and a known source.
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

#include "rules/rules.h"
#include "rules/overlay.h"
#include "compile/json_parse.h"
#include "util/utf8.h"

typedef enum nis2i_rel {
    NIS2I_REL_NONE = 0,          /* no_relationship */
    NIS2I_REL_INTERSECTS = 1,    /* intersects_with */
    NIS2I_REL_SUPERSET = 2,      /* superset_of */
    NIS2I_REL_SUBSET = 3,        /* subset_of */
    NIS2I_REL_EQUAL = 4          /* equal */
} nis2i_rel;

const char *nis2i_rel_name(nis2i_rel r);
/* -1 when name is not a relationship. */
int nis2i_rel_parse(const char *name);
nis2i_rel nis2i_rel_invert(nis2i_rel r);
/* Weakest link of two relationships on one path. */
nis2i_rel nis2i_rel_chain(nis2i_rel a, nis2i_rel b);

typedef enum nis2i_ckind {
    NIS2I_CK_CLAUSE = 0,         /* "9" */
    NIS2I_CK_HEADING,            /* "9.3": has children */
    NIS2I_CK_REQUIREMENT,        /* "9.3.1", "4.1" */
    NIS2I_CK_ANNEX_A             /* "A.5.24" */
} nis2i_ckind;

typedef struct nis2i_control {
    const char *id, *title, *theme; /* borrowed from ctx->doc */
    nis2i_ckind kind;
    uint32_t first_child, n_children; /* range in nis2i_iso.children (headings; clauses: every item under it) */
} nis2i_control;

typedef enum nis2i_node_kind { NIS2I_NODE_OBLIGATION = 0, NIS2I_NODE_IR, NIS2I_NODE_CONTROL } nis2i_node_kind;

typedef struct nis2i_edge {
    uint32_t from, to;           /* node indices; to == UINT32_MAX for a no_relationship pair with "to": null */
    nis2i_rel rel;
    uint32_t pair;               /* index in $.mappings */
    const char *from_id, *to_id, *rationale, *source; /* borrowed; to_id NULL when to is null */
} nis2i_edge;

typedef struct nis2i_iso {
    nis2i_control *controls;
    size_t n_controls;
    nis2i_map control_index;     /* id -> index in controls */
    uint32_t *children;
    size_t n_childref;
    /* graph: nodes are obligations, IR sections/points and controls */
    const char **node_ids;
    uint8_t *node_kind;          /* nis2i_node_kind */
    uint32_t *node_ref;          /* control index for control nodes */
    size_t n_nodes;
    nis2i_map node_index;        /* id -> node */
    nis2i_edge *edges;           /* sorted by from node, then catalog order */
    size_t n_edges;
    uint32_t *edge_start;        /* n_nodes + 1 offsets into edges */
    const char **ir_titles;      /* per node: IR point title or NULL */
} nis2i_iso;

nis2_status nis2i_iso_load(nis2_ctx *ctx, nis2_error *err);
void nis2i_iso_release(nis2_ctx *ctx);

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
