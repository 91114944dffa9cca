/* SPDX-License-Identifier: Apache-2.0 */
/* libnis2 internal definitions. Not installed; nothing here is part of the ABI. */
#ifndef NIS2_INTERNAL_H
#define NIS2_INTERNAL_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis2/nis2.h"

#define NIS2I_UNUSED(x) ((void)(x))

#if defined(__GNUC__)
#  define NIS2I_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define NIS2I_PRINTF(a, b)
#endif

/* ---- errors (core/error.c) ---- */
struct nis2_error {
    uint32_t code;
    char path[256];
    char message[512];
};
/* Record a failure in err (may be NULL) and return code. path may be NULL. */
nis2_status nis2i_fail(nis2_error *err, nis2_status code, const char *path, const char *fmt, ...)
    NIS2I_PRINTF(4, 5);

/* NIS2_ERR_CATALOG with "catalog: <path>: <message>" (the loaders of every catalog part use it). */
nis2_status nis2i_catalog_failv(nis2_error *err, const char *path, const char *fmt, va_list ap);

/* ---- small containers (core/util.c) ---- */
typedef struct nis2i_map {       /* string -> uint32 index; keys are borrowed */
    const char **keys;
    uint32_t *vals;
    size_t cap;                  /* power of two, or 0 */
    size_t len;
} nis2i_map;
int nis2i_map_put(nis2i_map *m, const char *key, uint32_t val);    /* 0 ok, 1 duplicate (val kept), -1 nomem */
int nis2i_map_get(const nis2i_map *m, const char *key, uint32_t *val); /* 1 found */
void nis2i_map_free(nis2i_map *m);

typedef struct nis2i_buf {       /* growable byte buffer */
    char *data;
    size_t len, cap;
    bool oom;
} nis2i_buf;
void nis2i_buf_put(nis2i_buf *b, const char *s, size_t n);
void nis2i_buf_puts(nis2i_buf *b, const char *s);
void nis2i_buf_printf(nis2i_buf *b, const char *fmt, ...) NIS2I_PRINTF(2, 3);
void nis2i_buf_free(nis2i_buf *b);

char *nis2i_strdup(const char *s);
/* Locale-independent formatting of a finite double with up to 15 significant digits, no exponent for
 * typical figures. out must hold 64 bytes. */
void nis2i_fmt_number(double v, char out[64]);

/* ---- catalog model (core/catalog.c) ---- */
typedef enum nis2i_role {
    NIS2I_ROLE_GENERIC = 0,
    NIS2I_ROLE_TSP,
    NIS2I_ROLE_QTSP,
    NIS2I_ROLE_DNS,
    NIS2I_ROLE_TLD,
    NIS2I_ROLE_PUBLIC_ECN,
    NIS2I_ROLE_PUBLIC_ECS,
    NIS2I_ROLE_PA_CENTRAL,
    NIS2I_ROLE_PA_REGIONAL,
    NIS2I_ROLE_PA_LOCAL,
    NIS2I_ROLE_EDUCATION,
    NIS2I_ROLE_DRSP,
    NIS2I_ROLE_NATIONAL,         /* a national-only type the Directive does not know */
    NIS2I_ROLE_COUNT
} nis2i_role;

#define NIS2I_ET_SIZE_INDEPENDENT   0x1u
#define NIS2I_ET_MAIN_ESTABLISHMENT 0x2u
#define NIS2I_ET_IR                 0x4u
#define NIS2I_ET_ESSENTIAL_ANY_SIZE 0x8u

typedef struct nis2i_etype {     /* strings borrowed from the catalog document */
    const char *code, *annex_point, *sector, *subsector, *label, *ref, *carve_out;
    int annex;                   /* 0 = outside the Annexes, 1 = Annex I, 2 = Annex II */
    nis2i_role role;
    uint32_t flags;              /* NIS2I_ET_* */
    int overlay;                 /* index of the overlay that adds it, or -1 for the Directive */
} nis2i_etype;

typedef struct nis2i_sme_ceiling {
    double employees_below, turnover_max, balance_max;
} nis2i_sme_ceiling;

typedef struct nis2i_sme {
    nis2i_sme_ceiling micro, small, medium;
    const char *ref;
} nis2i_sme;

struct nis2i_overlay;
typedef struct nis2i_overlay nis2i_overlay;

struct nis2_ctx {
    atomic_long refs;
    json_t *doc;                 /* the validated catalog; read-only after creation */
    const char *catalog_version;
    const char *law;
    nis2i_sme sme;
    const char **ms_codes;       /* canonical Member State codes */
    size_t n_ms;
    nis2i_map ms_index;          /* code or alias -> index in ms_codes */
    nis2i_etype *etypes;
    size_t n_etypes;
    nis2i_map etype_index;       /* code -> index */
    nis2i_overlay *overlays;
    size_t n_overlays;
    nis2i_map overlay_index;     /* country -> index */
    struct nis2i_obltab *obl;    /* obligations table (rules/obligations.h), owned */
    struct nis2i_iso *iso;       /* ISO/IEC 27001 controls and the mapping graph (rules/mapping.h), owned */
    struct nis2i_incident *inc;  /* incident reports and significance tables (rules/incident.h), owned */
};

nis2_ctx *nis2i_ctx_ref(const nis2_ctx *ctx);
void nis2i_ctx_unref(const nis2_ctx *ctx);
/* Canonical Member State code for code or alias, or NULL. */
const char *nis2i_ms_canonical(const nis2_ctx *ctx, const char *code);
const nis2i_etype *nis2i_etype_find(const nis2_ctx *ctx, const char *code, uint32_t *index);

/* The embedded catalog (generated at build time). */
extern const unsigned char nis2i_embedded_catalog[];
extern const size_t nis2i_embedded_catalog_len;

/* ---- entity (core/entity.c) ---- */
#define NIS2I_NFIG 3
#define NIS2I_MAX_ACTIVITIES 256
enum { NIS2I_FIG_EMPLOYEES = 0, NIS2I_FIG_TURNOVER = 1, NIS2I_FIG_BALANCE = 2 };

struct nis2_entity {
    const nis2_ctx *ctx;         /* reference held */
    char *name;
    char country[3];             /* canonical, "" when unset */
    uint32_t *types;             /* indices into ctx->etypes, in insertion order, unique */
    size_t n_types, cap_types;
    double fig[2][NIS2I_NFIG];
    uint8_t fig_set[2];          /* bit i set when fig[p][i] is known */
    uint32_t flags;              /* bit (flag id) set when true */
    uint32_t designation;        /* NIS2_DESIGNATION_* */
    json_t *national;            /* object country -> object, or NULL */
};
#define NIS2I_FLAG_BIT(f) (1u << (f))
#define NIS2I_FLAG_MAX 15u
static inline bool nis2i_flag(const nis2_entity *e, uint32_t f) { return (e->flags & NIS2I_FLAG_BIT(f)) != 0; }

/* ---- size (rules/size.c) ---- */
typedef enum { NIS2I_NO = 0, NIS2I_YES = 1, NIS2I_UNKNOWN = 2 } nis2i_tri;

typedef struct nis2i_size {
    uint32_t cls;                /* NIS2_SIZE_* */
    nis2i_tri medium_or_larger;  /* Art. 2(1): exceeds the small ceilings */
    nis2i_tri large;             /* Art. 3(1)(a): exceeds the medium ceilings */
    nis2i_tri medium;            /* Art. 3(1)(c): medium exactly */
    int period_used;             /* 0 latest, 1 previous (two-period rule kept the previous class) */
} nis2i_size;

/* ---- verdicts and results (core/result.c) ---- */
#define NIS2I_MAX_GROUNDS 24

typedef struct nis2i_verdict {
    uint32_t cat_id;             /* NIS2_CATEGORY_* */
    const char *category;        /* static or catalog string */
    const char *decided_by;      /* static or catalog string */
    const char *grounds[NIS2I_MAX_GROUNDS];
    size_t n_grounds;
} nis2i_verdict;

typedef struct nis2i_reason {
    const char *ref;             /* static or catalog string */
    size_t text_off;             /* offset into result->text */
} nis2i_reason;

struct nis2_result {
    const nis2_ctx *ctx;         /* reference held */
    char *name;
    char country[3];
    nis2i_size size;
    nis2i_verdict dir;
    nis2i_verdict nat;
    bool has_nat;
    const char *law;
    const char *authority;
    const char *missing[8];
    size_t n_missing;
    nis2i_reason *reasons;
    size_t n_reasons, cap_reasons;
    nis2i_buf text;              /* NUL-separated reason texts */
    bool no_trace;               /* NIS2_CLASSIFY_NO_TRACE: reasons are not recorded */
    bool oom;
};

void nis2i_reason_add(nis2_result *r, const char *ref, const char *fmt, ...) NIS2I_PRINTF(3, 4);
void nis2i_verdict_add_ground(nis2i_verdict *v, const char *ref);
const char *nis2i_category_name(uint32_t cat_id);
const char *nis2i_size_name(uint32_t cls);

/* ---- rules ---- */
/* rules/size.c: size class of the entity with the two-consecutive-periods rule; appends reasons. */
void nis2i_size_classify(const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
nis2i_size nis2i_size_of_period(const nis2i_sme *sme, const double fig[NIS2I_NFIG], uint8_t set);
/* rules/scope.c: the Directive's decision procedure (Arts 2 and 3). Fills r->dir, r->missing, reasons. */
void nis2i_directive_classify(const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);

/* ---- national overlays (rules/overlay.c) ---- */
typedef struct nis2i_overlay_rules {
    const char *country;
    /* Parse the overlay's data into private state. */
    nis2_status (*load)(nis2i_overlay *ov, const nis2_ctx *ctx, nis2_error *err);
    void (*release)(nis2i_overlay *ov);
    /* Validate entity.national.<CC> (an object); path is "$.national.CC". */
    nis2_status (*check_national)(const nis2i_overlay *ov, const json_t *obj, const char *path, nis2_error *err);
    /* Decide the national verdict from the entity and the Directive's verdict (in r->dir). */
    void (*classify)(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
} nis2i_overlay_rules;

struct nis2i_overlay {
    const char *country;         /* canonical Member State code */
    const char *law;             /* e.g. "PT DL 125/2025" */
    json_t *doc;                 /* borrowed from ctx->doc */
    const nis2i_overlay_rules *rules;  /* NULL for a data-only overlay */
    void *state;                 /* owned by rules */
    struct nis2i_auth *auth;     /* authorities.rules compiled at load (rules/overlay.c), owned; NULL when none */
};

const nis2i_overlay_rules *nis2i_overlay_rules_for(const char *country);
const nis2i_overlay *nis2i_overlay_find(const nis2_ctx *ctx, const char *country);
/* Shared by every overlay (lib/catalog/overlays/README.md). Validate the data parts the core reads (national_keys,
 * authorities, categories, options) at load time and compile the authority rules into ov->auth; index is the
 * overlay's position in $.overlays. */
nis2_status nis2i_overlay_validate(nis2i_overlay *ov, size_t index, nis2_error *err);
/* Free what nis2i_overlay_validate compiled into ov (the authority rules); safe on a partly loaded overlay. */
void nis2i_overlay_release(nis2i_overlay *ov);
/* Validate entity.national.<CC> against the overlay's national_keys (used when no rule function does it). */
nis2_status nis2i_overlay_check_national(const nis2i_overlay *ov, const json_t *obj, const char *path, nis2_error *err);
/* entity.national.<country> (country canonical), or NULL. */
const json_t *nis2i_entity_national(const nis2_entity *e, const char *country);
/* Set r->authority from the overlay's authorities.rules (first rule whose conditions hold); needs r->nat. */
void nis2i_overlay_authority(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r);
/* Data-only overlays: the Directive's procedure with the overlay's options, restated by its mapping. */
void nis2i_overlay_generic_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e,
                                    nis2_result *r);
void nis2i_missing_add(nis2_result *r, const char *name);     /* name static or catalog; no duplicates */
uint32_t nis2i_category_id_of(const char *name);               /* NIS2_CATEGORY_NATIONAL for national names */
/* Names of contract §1 flags and catalog roles (false when unknown). */
bool nis2i_flag_from_name(const char *name, uint32_t *flag);
bool nis2i_role_from_name(const char *name, nis2i_role *role);

/* ---- JSON edge (json/) ---- */
#define NIS2I_MAX_DOC_BYTES NIS2_LIMIT_DOCUMENT_BYTES
/* Input limits (NIS2_LIMIT_* in common.h; README "Input limits"). Read-only tables. */
typedef struct nis2i_json_limits {
    size_t doc_bytes, depth, array_len, string_bytes, values;
} nis2i_json_limits;
extern const nis2i_json_limits nis2i_input_limits;    /* entities, incidents, evidence: customer documents */
extern const nis2i_json_limits nis2i_catalog_limits;  /* catalogs and overlays: longer strings */
/* THE parse point for every JSON document that enters the library. Parse strictly: the limits are checked in
 * one pass first (NIS2_ERR_LIMIT), then duplicate keys, NaN/Infinity, out-of-range numbers, NUL characters,
 * invalid UTF-8, non-object top level and syntax errors give NIS2_ERR_PARSE. Every error names the JSON path.
 * nis2i_json_parse() uses the input limits and the root path "$". */
nis2_status nis2i_json_parse(const char *text, size_t len, json_t **out, nis2_error *err);
/* base: the path of the document's root (e.g. "$.national.PT" for a sub-document); NULL means "$". */
nis2_status nis2i_json_parse_ex(const char *text, size_t len, const nis2i_json_limits *lim, const char *base,
                                json_t **out, nis2_error *err);
/* json/json_scan.c: the limit pass, and the path of the value at a byte offset (for parse errors). */
nis2_status nis2i_json_prescan(const char *text, size_t len, const nis2i_json_limits *lim, const char *base,
                               nis2_error *err);
void nis2i_json_path_at(const char *text, size_t len, size_t pos, const char *base, char *out, size_t n);
/* Length of the valid UTF-8 sequence at p (n bytes available), 0 when invalid; replace invalid bytes by '?'. */
size_t nis2i_utf8_seq(const unsigned char *p, size_t n);
void nis2i_utf8_repair(char *s);
/* Read a number field within [min, max]: NIS2_ERR_INVALID_FIELD naming path when it is not a number or is out of
 * range ("numbers too large for their field"). */
nis2_status nis2i_json_number(const json_t *v, const char *path, double min, double max, double *out,
                              nis2_error *err);
/* Dump a value to an owned string with the library's flags. */
nis2_status nis2i_json_dump(const json_t *v, uint32_t flags, char **out, nis2_error *err);
nis2_status nis2i_entity_from_value(const nis2_ctx *ctx, const json_t *v, const char *path, nis2_entity **out,
                                    nis2_error *err);
json_t *nis2i_result_to_value(const nis2_result *r);
/* "an object", "a number" … for messages. */
const char *nis2i_json_type_name(const json_t *v);
/* Every key of obj is in keys (NULL-terminated) or starts with x_; else NIS2_ERR_UNKNOWN_KEY at base.key, with a
 * message listing the expected keys. */
nis2_status nis2i_json_check_keys(const json_t *obj, const char *const *keys, const char *base, nis2_error *err);
json_t *nis2i_entity_to_value(const nis2_entity *e);

#endif
