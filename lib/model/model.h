/* SPDX-License-Identifier: Apache-2.0 */
/* Layer model: the typed catalog, entity and result structs. No behaviour; uses only util. */
#ifndef NIS2I_MODEL_H
#define NIS2I_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nis2/nis2.h"
#include "util/error.h"
#include "util/util.h"

struct json_t;

/* ---- catalog ---- */
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
    struct json_t *doc;         /* opaque here: only compile/ and json/ read it */                 /* the validated catalog; read-only after creation */
    const char *catalog_version;
    const char *law;
    const char **ext_names;      /* catalog extensions laid over the catalog ($.catalog_extensions[]), borrowed */
    const char **ext_versions;
    size_t n_ext;
    nis2i_sme sme;
    const char **ms_codes;       /* canonical Member State codes */
    const char **ms_law;         /* member_states[i].transposition.law, or NULL (parallel to ms_codes) */
    const char **ms_in_force;    /* member_states[i].transposition.in_force, or NULL */
    const char **ms_name;        /* member_states[i].name, or NULL */
    bool *ms_encoded;            /* member_states[i].transposition.encoded is true */
    size_t n_ms;
    nis2i_map ms_index;          /* code or alias -> index in ms_codes */
    nis2i_etype *etypes;
    size_t n_etypes;
    nis2i_map etype_index;       /* code -> index */
    nis2i_overlay *overlays;
    size_t n_overlays;
    nis2i_map overlay_index;     /* country -> index */
    struct nis2i_obltab *obl;    /* obligations table (model/obligations.h), owned */
    struct nis2i_iso *iso;       /* ISO/IEC 27001 controls and the mapping graph (model/mapping.h), owned */
    struct nis2i_incident *inc;  /* incident reports and significance tables (rules/incident.h), owned */
    void *image;                 /* a context loaded from the compiled image (compile/image.h): the one block that
                                  * holds it and all its model, else NULL */
    struct nis2i_lazydoc *lazy;  /* image-backed: the catalog document, parsed on first use (compile/image.c) */
};

/* ---- national facts (typed slots; compile/facts.h) ---- */
enum { NIS2I_NAT_ABSENT, NIS2I_NAT_BOOL, NIS2I_NAT_STRING, NIS2I_NAT_NUMBER, NIS2I_NAT_CODES };
#define NIS2I_NAT_MAX_CODES 16       /* a national key of type "codes" holds at most this many */

/* A national fact's value (also a rule's operand and a key's default). In an entity's slot, str and codes are owned
 * by the entity; is_int/inum keep a JSON integer as it was written (the edge writes it back so). Small on purpose:
 * an entity holds one per key of its overlay. */
typedef struct nis2i_natval {
    int kind;                    /* NIS2I_NAT_* */
    bool b;
    bool is_int;                 /* NUMBER given as an integer: inum */
    double num;
    long long inum;
    const char *str;
    uint32_t *codes;             /* CODES: etype indices (n_codes of them, at most NIS2I_NAT_MAX_CODES) */
    size_t n_codes;
} nis2i_natval;

/* The type of a national key, as an overlay's national_keys declares it (FORMATS.md §overlay). */
typedef enum nis2i_nktype {
    NIS2I_NK_BOOLEAN = 0,
    NIS2I_NK_ENUM,
    NIS2I_NK_DATE,
    NIS2I_NK_NUMBER,
    NIS2I_NK_STRING,
    NIS2I_NK_CODES,
    NIS2I_NK_COUNT
} nis2i_nktype;

typedef struct nis2i_natkey {    /* one entry of an overlay's national_keys, compiled; strings borrowed from the catalog */
    const char *name, *ref, *meaning;
    nis2i_nktype type;
    const char **values;         /* ENUM: the allowed values, owned array */
    size_t n_values;
    nis2i_natval dflt;           /* "default", or kind ABSENT */
} nis2i_natkey;

/* One member of entity.national.<CC>: a declared key (its value in the block's slot) or a vendor key (x_...). */
typedef struct nis2i_natmember {
    int32_t key;                 /* key number in the overlay's table, or -1 for a vendor key */
    char *name;                  /* vendor key: its name, owned */
    char *raw;                   /* vendor key: its value as JSON text, owned */
} nis2i_natmember;

/* One member of entity.national: a country's facts, or a vendor member (x_...) kept as JSON text. */
typedef struct nis2i_natblock {
    char *code;                  /* the member's name as kept: a country code in upper case, or the x_ key; owned */
    int overlay;                 /* index into ctx->overlays, or -1 */
    char *raw;                   /* a vendor member: its value as JSON text, owned; NULL for a country */
    nis2i_natmember *m;          /* the country's members in the order given */
    size_t n_m, cap_m;
    nis2i_natval *slot;          /* [the overlay's n_keys]: kind ABSENT unless given (null given: ABSENT) */
    uint64_t given;              /* bit k set when slot[k] is given (keys 0..63), so readers need not touch the slots */
} nis2i_natblock;

/* Where the rules find an overlay's facts without reading the members: a copy, kept in the entity (compile/facts.c
 * refreshes it on every change), of the first member naming each overlay's country. */
#define NIS2I_NATIX 2
typedef struct nis2i_natix {
    int32_t overlay;
    uint64_t given;              /* the block's given bits */
    const nis2i_natval *slot;    /* the block's slots */
} nis2i_natix;

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
    struct nis2i_natblock *nat;  /* entity.national, member by member in the order given (compile/facts.h), owned */
    size_t n_nat, cap_nat;
    bool has_nat;                /* entity.national was given (possibly empty) or a national fact was set */
    bool natix_all;              /* natix holds every overlay that has a member (else: read the members) */
    uint8_t n_natix;
    nis2i_natix natix[NIS2I_NATIX];
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
    bool nat_not_encoded;        /* no overlay for the country: "national" says so (law, in_force, reason) */
    const char *nat_law, *nat_in_force;     /* the country's transposition (catalog strings) or NULL */
    const char *nat_reason;      /* the reason text (into text when traced; static) */
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

#endif
