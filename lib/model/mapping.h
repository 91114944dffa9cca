/* SPDX-License-Identifier: Apache-2.0 */
/* Layer model: the ISO/IEC 27001:2022 control catalog and the mapping graph as typed structs
 * (NIS2 duty -> IR 2024/2690 section -> IR point -> ISO/IEC 27001:2022 control), and the relationship names.
 *
 * No behaviour beyond the name table; uses only util and the rest of the model. compile/mapping_load.c fills
 * ctx->iso from lib/catalog/iso27001.json (`controls`), lib/catalog/ir2024_2690.json (`ir2690_points`) and
 * lib/catalog/mappings.json (`sources`, `mappings`); rules/mapping.c normalises identifiers and resolves chains
 * over it. Strings are borrowed from the catalog document the context keeps. Not installed; not part of the ABI.
 *
 * Relationships are read "from is <rel> to" (lib/schema/FORMATS.md §catalog). Their strength is a total order:
 *     equal (4) > subset_of (3) > superset_of (2) > intersects_with (1) > no_relationship (0)
 */
#ifndef NIS2I_MODEL_MAPPING_H
#define NIS2I_MODEL_MAPPING_H

#include "model/model.h"

typedef enum nis2i_rel {
    NIS2I_REL_NONE = 0,          /* no_relationship */
    NIS2I_REL_INTERSECTS = 1,    /* intersects_with */
    NIS2I_REL_SUPERSET = 2,      /* superset_of */
    NIS2I_REL_SUBSET = 3,        /* subset_of */
    NIS2I_REL_EQUAL = 4          /* equal */
} nis2i_rel;

/* "no_relationship", "intersects_with", "superset_of", "subset_of", "equal" (model/mapping.c). */
const char *nis2i_rel_name(nis2i_rel r);
/* -1 when name is not a relationship. */
int nis2i_rel_parse(const char *name);

typedef enum nis2i_ckind {
    NIS2I_CK_CLAUSE = 0,         /* "9" */
    NIS2I_CK_HEADING,            /* "9.3": has children */
    NIS2I_CK_REQUIREMENT,        /* "9.3.1", "4.1" */
    NIS2I_CK_ANNEX_A             /* "A.5.24" */
} nis2i_ckind;

typedef struct nis2i_control {
    const char *id, *title, *theme; /* borrowed from the catalog */
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

#endif
