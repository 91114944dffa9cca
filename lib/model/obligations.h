/* SPDX-License-Identifier: Apache-2.0 */
/* Layer model: the obligations table (Directive and national duties, fine brackets, supervision regimes) and its
 * name tables. No behaviour; uses only util.
 *
 * Not installed; nothing here is part of the ABI. The data lives in lib/catalog/obligations.json (the Directive's
 * duties, members `obligations`, `supervision`, `fines`, `lex_specialis`) and in each overlay's obligations.json
 * (national duties with `implements`, `effective_from`, national `fines`, `supervision`). The catalog compiler
 * (compile/obligations_load.c) validates both at context creation and builds this table; it is then read-only. The
 * rules (rules/obligations.c) decide over the typed fields only. The `*_json` members keep the catalog's own JSON
 * text of a few members of a duty so that the JSON edge (json/) can repeat them verbatim. */
#ifndef NIS2I_MODEL_OBLIGATIONS_H
#define NIS2I_MODEL_OBLIGATIONS_H

#include "model/model.h"

/* Roles an obligation may be restricted to (bit i = 1u << NIS2I_OBROLE_*). */
enum {
    NIS2I_OBROLE_R27 = 0,
    NIS2I_OBROLE_TSP,
    NIS2I_OBROLE_IR,
    NIS2I_OBROLE_TLD,
    NIS2I_OBROLE_DRSP,
    NIS2I_OBROLE_PUBLIC_ECN_ECS,
    NIS2I_OBROLE_COUNT
};

/* Categories an obligation may bind. A category is a number within the law of the duty (bit i = 1 << i of
 * nis2i_obligation.categories):
 *  - the Directive's duties (overlay -1): NIS2I_OBCAT_* below, the Directive categories that carry duties;
 *  - an overlay's duties, fines and supervision: the index of the category in that overlay's declared
 *    `categories` (nis2i_overlay.cats), compiled at load time, so that a national category is data. Its
 *    no-duty categories (the names out_of_scope, undetermined, member_state_option) have no number. */
enum {
    NIS2I_OBCAT_ESSENTIAL = 0,
    NIS2I_OBCAT_IMPORTANT,
    NIS2I_OBCAT_DRSP_ONLY,            /* domain_registration_only */
    NIS2I_OBCAT_COUNT
};
#define NIS2I_OBCAT_MAX 64                    /* an overlay category numbered from here cannot bind a duty */
#define NIS2I_OBCAT_NONE UINT32_MAX           /* a name that is no category of the law */
#define NIS2I_OBCAT_ANY (UINT32_MAX - 1)      /* a fine bracket for "any" category (minor offences) */

/* Deadline units: the same values as NIS2_UNIT_* (include/nis2/obligations.h). */
enum {
    NIS2I_OBUNIT_NONE = 0,
    NIS2I_OBUNIT_HOURS,
    NIS2I_OBUNIT_DAYS,
    NIS2I_OBUNIT_WORKING_DAYS,
    NIS2I_OBUNIT_WEEKS,
    NIS2I_OBUNIT_MONTHS,
    NIS2I_OBUNIT_YEARS,
    NIS2I_OBUNIT_COUNT
};

extern const char *const nis2i_obcat_names[NIS2I_OBCAT_COUNT];
extern const char *const nis2i_obrole_names[NIS2I_OBROLE_COUNT];
/* Deadline member names by unit ([NIS2I_OBUNIT_HOURS] = "hours", …; [0] = NULL). */
extern const char *const nis2i_obunit_names[NIS2I_OBUNIT_COUNT];
/* NIS2I_OBCAT_* of a Directive category name, or NIS2I_OBCAT_NONE (also for NULL). */
uint32_t nis2i_obcat_of(const char *name);
/* The number of category name within a law: ov NULL for the Directive (nis2i_obcat_of), else the index of name
 * among the categories ov declares, or NIS2I_OBCAT_NONE when ov does not declare it, declares it at an index
 * >= NIS2I_OBCAT_MAX, or it is a category without duties (out_of_scope, undetermined, member_state_option). */
uint32_t nis2i_obcat_in(const nis2i_overlay *ov, const char *name);

/* One duty of the catalog. Strings are borrowed from ctx->doc. */
typedef struct nis2i_obligation {
    const char *id;                   /* "nis2.art23.early_warning", "pt.art42.initial_notification" */
    const char *ref;                  /* "NIS2 Art. 23(4)(a)", "RJC art. 42(1)" */
    const char *title;
    const char *group;                /* registration, governance, … */
    const char *nature;               /* mandatory, status, encouraged, optional, on_request, conditional, … */
    const char *condition;            /* a fact the flags cannot express, or NULL */
    /* i14: the fact that settles the condition (catalog `settled_by`), or NULL: "established_in_union" (a Member
     * State of establishment is set), "flags.<flag>", "national.<CC>.<key>" (a boolean national fact), or the name
     * of a fact the entity document does not carry (the condition then stays open and the fact is named). */
    const char *settled_by;
    bool settled_applies_if;          /* the condition holds when the fact has this value (default true) */
    bool has_deadline;                /* the catalog gives a deadline object */
    const char *deadline_text;        /* deadline.text, or NULL when the law sets no deadline */
    const char *deadline_from;        /* deadline.from (the event the period runs from), or NULL */
    uint32_t deadline_unit;           /* NIS2I_OBUNIT_*: the first of hours, days, … that is a number; 0 none */
    double deadline_amount;           /* its value */
    const char **evidence_ids;        /* evidence (strings), n_evidence of them; NULL when none */
    size_t n_evidence;
    const char *effective_from;       /* YYYY-MM-DD when the duty takes effect later than the law, or NULL */
    uint64_t categories;              /* bit i: category number i of the duty's law (see NIS2I_OBCAT_*) */
    uint32_t roles;                   /* NIS2I_OBROLE_* bits; 0 = no role restriction */
    bool dora_displaced;              /* displaced for DORA financial entities (NIS2 Art. 4); for a national duty
                                       * its own dora_displaced, else that of the Directive duty it implements */
    bool nis2_specific;               /* no ISO/IEC 27001 control covers it */
    int overlay;                      /* -1 for a Directive duty, else index into ctx->overlays */
    int32_t implements;               /* national duty: index of the Directive duty it implements, or -1 */
    /* The catalog's own JSON of the members the output repeats verbatim, as compact JSON text (what json_dumps
     * writes with JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_COMPACT, the output's own flags), NUL-
     * terminated, owned by the table; the JSON edge splices it into its output (re-indented when pretty). NULL
     * when the catalog entry has no such member (or null). Plain text: the model holds no JSON library object. */
    char *deadline_json;              /* the deadline object */
    char *evidence_json;              /* the evidence array */
    char *effective_from_basis_json;  /* why it takes effect then (ref, reading, contested) */
    char *offence_json;               /* the entry's `offence` object (national duties) */
} nis2i_obligation;

/* A maximum-fine bracket (Directive Art. 34(4)-(5) or a national one). */
typedef struct nis2i_fine {
    uint32_t category;                /* category number in the bracket's law (NIS2I_OBCAT_*), or NIS2I_OBCAT_ANY */
    const char *offence_class;        /* NULL for the Directive; "very_serious", "serious", "minor" */
    double fixed_eur;                 /* < 0 when the law sets none */
    double turnover_share;            /* < 0 when none */
    double min_eur;                   /* < 0 when none */
    const char *ref;
    int overlay;                      /* -1 Directive */
} nis2i_fine;

/* Supervision regime of a category ("ex_ante_and_ex_post", "ex_post" or NULL). */
typedef struct nis2i_supervision {
    uint32_t category;                /* category number in the entry's law (NIS2I_OBCAT_*) */
    const char *regime;               /* NULL where the law sets none */
    const char *ref;
    int overlay;                      /* -1 Directive */
} nis2i_supervision;

/* The compiled table, owned by the context (ctx->obl). */
typedef struct nis2i_obltab {
    nis2i_obligation *items;          /* Directive duties first, then each overlay's */
    size_t n, n_directive;
    nis2i_map index;                  /* id -> index */
    nis2i_fine *fines;
    size_t n_fines;
    nis2i_supervision *sup;
    size_t n_sup;
    const char *dora_ref;             /* displaced_by text for DORA financial entities, or NULL (default text) */
    const char **overlay_law;         /* per overlay (index as in ctx->overlays): its law, n_overlays of them */
    size_t n_overlays;
} nis2i_obltab;

#endif
