/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Layer model: a national law's classification rules, compiled (compile/rulec.c) from the "classification" member
 * of an overlay (lib/catalog/overlays/README.md, "The rule language") and evaluated by rules/interp.c. Plain typed
 * structs: no JSON. Every string is owned by the ruleset or borrowed from the catalog document the context keeps.
 */
#ifndef NIS2I_RULESET_H
#define NIS2I_RULESET_H

#include <string.h>

#include "model/model.h"

/* Documented limits of the rule language. */
#define NIS2I_RULE_MAX_DEPTH 8       /* nesting of all/any/not/... and of "first" chains */
#define NIS2I_RULE_MAX_KEYS 32       /* national keys a ruleset may test */
#define NIS2I_RULE_MAX_DERIVED 32    /* derived facts */
#define NIS2I_RULE_MAX_FIRED 48      /* rules that may fire for one entity */

typedef enum nis2i_rx_kind {
    NIS2I_RX_CONST,              /* true / false */
    NIS2I_RX_ALL,
    NIS2I_RX_ANY,
    NIS2I_RX_NOT,
    NIS2I_RX_DEFINITELY,         /* true only when the operand is true (unknown -> false) */
    NIS2I_RX_IS_UNKNOWN,         /* true when the operand is unknown */
    NIS2I_RX_ACTIVITY,           /* some activity (or at_least n) satisfies every constraint */
    NIS2I_RX_FLAG,
    NIS2I_RX_DESIGNATION,
    NIS2I_RX_NATIONAL,           /* national.<CC>.<key>: eq / in / at_least / is true */
    NIS2I_RX_SIZE,               /* three-valued size predicate */
    NIS2I_RX_SIZE_CLASS,         /* size class in a set (unknown class -> unknown) */
    NIS2I_RX_FIGURE,             /* a figure against thresholds */
    NIS2I_RX_DIRECTIVE,          /* the Directive's verdict: category in / decided_by */
    NIS2I_RX_DIRECTIVE_DIFFERS,  /* the national category differs from the Directive's (after phase) */
    NIS2I_RX_CATEGORY,           /* national category reached (after phase: resolved; rules: a match fired) */
    NIS2I_RX_DERIVED             /* a derived fact: boolean, or string eq / in / set */
} nis2i_rx_kind;

enum { NIS2I_SZ_MEDIUM_OR_LARGER, NIS2I_SZ_LARGE, NIS2I_SZ_MEDIUM };
enum { NIS2I_NOP_TRUE, NIS2I_NOP_EQ, NIS2I_NOP_IN, NIS2I_NOP_AT_LEAST };

/* A gate (derived by the compiler, see "Gates" in nis2i_ruleset): a condition cannot hold unless the entity has an
 * activity of one of the types set in types (NULL: no type opens it), or one of the atoms set in atoms. */
typedef struct nis2i_gate {     /* no padding: copied by value, and the build-time image compares its bytes */
    uint64_t atoms;              /* NIS2I_ATOM_* */
    uint64_t *types;             /* [gate_words] over entity type indices, owned, or NULL */
    uint64_t bounded;            /* 0: no bound, always open */
} nis2i_gate;

/* The facts of an entity a gate may ask for besides its activities, one bit each. */
#define NIS2I_ATOM_FLAG(f) ((uint64_t)1 << (f))                      /* flag f is true (f <= NIS2I_FLAG_MAX) */
#define NIS2I_ATOM_DESIGNATION(d) ((uint64_t)1 << (16 + (d)))        /* flags.member_state_designation is d (0-2) */
#define NIS2I_ATOM_NATIONAL(s) ((uint64_t)1 << (19 + (s)))           /* national key of slot s given or defaulted,
                                                                        * and not the boolean false */

typedef struct nis2i_rexpr {
    nis2i_rx_kind kind;
    bool constant;               /* CONST; also DERIVED/NATIONAL boolean sense */
    struct nis2i_rexpr **kids;   /* ALL/ANY: n_kids; NOT/DEFINITELY/IS_UNKNOWN: 1 */
    size_t n_kids;
    /* ACTIVITY */
    uint32_t annex_mask, role_mask, not_role_mask;   /* bit (1 << annex) / (1 << role); 0 = any */
    uint32_t *codes, *not_codes; /* etype indices */
    size_t n_codes, n_not_codes;
    uint64_t *code_bits, *not_code_bits;     /* the same as bit sets over etype indices (n_words words) */
    size_t n_words;
    const char *prefix;
    size_t prefix_len;
    unsigned at_least;
    int not_in_slot;             /* -1, or the slot of a "codes" national key whose codes do not count */
    /* FLAG, DESIGNATION */
    uint32_t flag, designation;
    /* NATIONAL */
    size_t slot;
    int nop;                     /* NIS2I_NOP_* */
    nis2i_natval *vals;
    size_t n_vals;
    /* SIZE, SIZE_CLASS */
    int size_pred;
    uint32_t class_mask;
    /* FIGURE: lo <(=) x <(=) hi; integer: -1 any, 0 not whole, 1 whole */
    int figure;
    double lo, hi;
    bool lo_strict, hi_strict, has_lo, has_hi;
    int integer;
    /* DIRECTIVE, CATEGORY, DERIVED */
    const char **names;
    size_t n_names;
    const char *decided_by;
    size_t derived;
    int dop;                     /* DERIVED: 0 boolean, 1 eq/in (names), 2 set (non-null) */
    uint64_t case_mask;          /* DERIVED eq/in: bit c when case c of the fact gives one of names */
} nis2i_rexpr;

/* A reason: a template ("{fig.employees} workers ...") emitted when its condition (NULL = always) holds. */
typedef struct nis2i_rtext {
    nis2i_rexpr *when;
    const char *tmpl;
} nis2i_rtext;

/* A citation that is a literal provision or the value of a string derived fact. */
typedef struct nis2i_rref {
    const char *lit;
    int derived;                 /* -1 for a literal */
} nis2i_rref;

typedef enum nis2i_routcome {
    NIS2I_RO_MATCH,              /* gives category under ref, in scope through scope[] */
    NIS2I_RO_UNKNOWN,            /* the category cannot be ruled out: facts missing[] */
    NIS2I_RO_GAP,                /* the text leaves a gap: undetermined with the reason */
    NIS2I_RO_EXCLUDE,            /* the entity is out of scope by ref (ends the evaluation) */
    NIS2I_RO_EXCLUDE_PART,       /* some systems / activities are excluded by ref; classification goes on */
    NIS2I_RO_FLOOR,              /* out of scope by ref, if nothing else applies */
    NIS2I_RO_NOTE,               /* a reason only */
    NIS2I_RO_CHAIN               /* "first": the first alternative that fires */
} nis2i_routcome;

typedef struct nis2i_rule {
    nis2i_routcome outcome;
    nis2i_rexpr *when;           /* NULL = always */
    int cat;                     /* index into the ruleset's categories, -1 when none */
    const char *ref;
    nis2i_rref *scope;
    size_t n_scope;
    const char **missing;        /* UNKNOWN: names; "@figures" = the figures not given */
    size_t n_missing;
    const char **grounds;        /* EXCLUDE: cited before ref; MATCH: cited after the refs when this rule decides */
    size_t n_grounds;
    nis2i_rtext *reasons, *reasons_unknown;
    size_t n_reasons, n_reasons_unknown;
    bool final;                  /* UNKNOWN / GAP: decide at once, nothing after it is evaluated */
    bool says_only;              /* a NOTE, or a CHAIN of such rules only: it gives reasons and decides nothing, so
                                  * a classification without trace skips it (derived by the compiler) */
    struct nis2i_rule *alts;     /* CHAIN */
    size_t n_alts;
    nis2i_gate gate;             /* derived from when (see "Gates" in nis2i_ruleset) */
    nis2i_gate gate_also;        /* when is "all": a second part's gate, that must open too */
    struct nis2i_rexpr **pre;    /* when is "all": its parts that read the entity's own figures, flags and keys (no
                                  * derived fact, no activity), tried first: one that is false makes when false.
                                  * Derived by the compiler; the array is owned, the parts belong to when */
    size_t n_pre;
} nis2i_rule;

typedef struct nis2i_derived {
    const char *name;
    bool is_string;
    nis2i_rexpr *when;           /* boolean */
    nis2i_rexpr **case_when;     /* string: first case that holds gives its value */
    const char **case_value;
    size_t n_cases;
    nis2i_gate gate;             /* boolean: when is false unless the gate opens (see "Gates" in nis2i_ruleset) */
    nis2i_gate *case_gate;       /* string: case c cannot hold unless case_gate[c] opens; [n_cases], owned */
} nis2i_derived;

/* "sizing": where a national rule sizes the entity otherwise (its own figures, one period only). */
typedef struct nis2i_sizing {
    nis2i_rexpr *when;
    int fig_slot[NIS2I_NFIG];    /* slot of the national number key giving each figure, or -1 (all -1: latest period) */
    bool from_keys;
    const char *ref;
    nis2i_rtext *reasons;
    size_t n_reasons;
} nis2i_sizing;

typedef struct nis2i_ruleset {
    const char *country, *law;
    int overlay;                 /* index of its overlay in the context (entity slots), or -1 */
    const char **cat_ids;        /* the overlay's categories */
    int *cat_rank;
    uint32_t *cat_code;          /* nis2i_category_id_of(cat_ids[i]), computed once */
    size_t n_cats;
    const char *keys[NIS2I_RULE_MAX_KEYS];       /* national keys used, by slot */
    char *key_missing[NIS2I_RULE_MAX_KEYS];      /* "national.<CC>.<key>", owned */
    nis2i_natval key_default[NIS2I_RULE_MAX_KEYS];
    int32_t key_num[NIS2I_RULE_MAX_KEYS];        /* the key's number in the overlay's national_keys (model/overlay.h) */
    size_t n_keys;
    nis2i_derived derived[NIS2I_RULE_MAX_DERIVED];
    size_t n_derived;
    nis2i_sizing *sizing;
    size_t n_sizing;
    nis2i_rule *rules, *fallback, *after;
    size_t n_rules, n_fallback, n_after;
    /* Gates and the rule index, derived by the compiler from the conditions (nothing of it is written in the
     * overlay). A gate (nis2i_gate) bounds a condition by the entity's activities and atoms (flags, designation,
     * national keys given): outside it the condition is false (a match rule, a boolean fact) or not true (the other
     * rules, a case of a string fact), so the interpreter skips it. Type bit sets cover the gate_types entity types
     * known when the ruleset was compiled (a type added later opens every gate that names types).
     * rule_index[t * rule_words ...]: bit i when rules[i] may fire for an activity of type t; atom_index[a * rule_words
     * ...] likewise for atom a; rule_always: the rules with no bound; rule_typed: the rules whose gate names types. */
    size_t gate_types, gate_words;
    size_t rule_words;
    uint64_t *rule_index;        /* [gate_types * rule_words], owned */
    uint64_t *atom_index;        /* [64 * rule_words], owned */
    uint64_t *rule_always;       /* [rule_words], owned */
    uint64_t *rule_typed;        /* [rule_words], owned */
    /* Type facts, derived by the compiler: the derived facts whose value the entity's activity type alone decides
     * (their conditions read activities only, through facts of the same kind), for an entity with exactly one
     * activity. type_fact[t * n_derived + d]: boolean fact 0 / 1; string fact the case it selects, or -1 for
     * none; NIS2I_TF_ENTITY when the fact reads more than the type (the interpreter evaluates it). NULL when no
     * fact qualifies. */
    int8_t *type_fact;           /* [gate_types * n_derived], owned, or NULL */
} nis2i_ruleset;

#define NIS2I_TF_ENTITY (-2)

/* The constraints of an ACTIVITY condition that depend on the type alone (not on the entity's national facts):
 * shared by the interpreter and the compiler's gates, so that the two cannot disagree. */
static inline bool nis2i_rx_activity_type(const nis2i_rexpr *x, const nis2i_etype *t, uint32_t idx)
{
    if (x->annex_mask && !(x->annex_mask & (1u << t->annex)))
        return false;
    if (x->role_mask && !(x->role_mask & (1u << t->role)))
        return false;
    if (x->not_role_mask & (1u << t->role))
        return false;
    if (x->prefix && strncmp(t->code, x->prefix, x->prefix_len) != 0)
        return false;
    bool inside = idx / 64 < x->n_words;        /* a type added after the rules were compiled is in no set */
    if (x->n_codes && !(inside && ((x->code_bits[idx / 64] >> (idx % 64)) & 1u)))
        return false;
    if (x->n_not_codes && inside && ((x->not_code_bits[idx / 64] >> (idx % 64)) & 1u))
        return false;
    return true;
}

/* The atoms of an entity (NIS2I_ATOM_*), nat as nis2i_ruleset_national gives it. */
static inline uint64_t nis2i_gate_atoms(const nis2i_ruleset *rs, const nis2_entity *e, const nis2i_natval *const *nat)
{
    uint64_t a = (e->flags & 0xffffu) | (e->designation <= 2 ? NIS2I_ATOM_DESIGNATION(e->designation) : 0);
    for (size_t s = 0; s < rs->n_keys; s++)
        if (nat[s]->kind != NIS2I_NAT_ABSENT && !(nat[s]->kind == NIS2I_NAT_BOOL && !nat[s]->b))
            a |= NIS2I_ATOM_NATIONAL(s);
    return a;
}

/* Whether the entity (its activities and atoms) opens a gate. */
static inline bool nis2i_gate_open(const nis2i_ruleset *rs, const nis2i_gate *g, const nis2_entity *e, uint64_t atoms)
{
    if (!g->bounded || (g->atoms & atoms))
        return true;
    for (size_t i = 0; g->types && i < e->n_types; i++) {
        uint32_t t = e->types[i];
        if (t >= rs->gate_types || ((g->types[t / 64] >> (t % 64)) & 1u))
            return true;
    }
    return false;
}

#endif
