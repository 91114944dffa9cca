/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Layer model: a national overlay compiled (compile/overlay_load.c) from its catalog data
 * (lib/catalog/overlays/README.md): its national keys, authority rules, categories, Member State options and
 * the mapping of Directive provisions to national ones, as plain arrays the rules read. No JSON.
 */
#ifndef NIS2I_MODEL_OVERLAY_H
#define NIS2I_MODEL_OVERLAY_H

#include "model/model.h"

/* authorities.rules: a rule is the conjunction of conds[first, first + n); a category_in condition is the
 * disjunction of names[first, first + n); national_key {k: v, ...} is one condition per key. */
enum { NIS2I_AC_CATEGORY, NIS2I_AC_FLAG, NIS2I_AC_NATKEY, NIS2I_AC_PREFIX, NIS2I_AC_ROLE };

typedef struct nis2i_auth_cond {
    int kind;                    /* NIS2I_AC_* */
    uint32_t flag;               /* FLAG: flag id */
    uint32_t roles;              /* ROLE: bit (1 << nis2i_role) per role named */
    const char *str;             /* PREFIX: the prefix */
    size_t len;                  /* PREFIX: strlen(str) */
    uint8_t *types;              /* PREFIX: per entity type (index into ctx->etypes), 1 when its code starts with
                                  * str; built once every type is loaded (nis2i_overlay_index_types), owned */
    int32_t key;                 /* NATKEY: the key number in the overlay's table */
    nis2i_natval val;            /* NATKEY: the value the fact must equal (kind ABSENT: never equal) */
    size_t first, n;             /* CATEGORY: names[first, first + n) */
} nis2i_auth_cond;

typedef struct nis2i_auth_rule {
    size_t first, n;             /* conds[first, first + n) */
    uint32_t need_flags;         /* NIS2I_FLAG_BIT of every flag condition: the rule cannot hold without them */
    const char *authority;       /* NULL for "authority": null */
    const char *ref, *missing;
    bool draft_only;             /* "status": "draft_only" */
} nis2i_auth_rule;

typedef struct nis2i_auth {
    nis2i_auth_rule *rules;
    size_t n_rules;
    nis2i_auth_cond *conds;
    size_t n_conds;
    const char **names;
    /* The index, built once every entity type is loaded (nis2i_overlay_index_types): bit i of a row is rule i.
     * untyped: the rules with no code_prefix or role_in condition; by_type[t * words ...]: the rules one of whose
     * code_prefix / role_in conditions an activity of type t meets (t < n_types). A rule outside both cannot hold
     * for the entity; the others are checked in full. */
    size_t words, n_types;
    uint64_t *untyped;           /* [words], owned */
    uint64_t *by_type;           /* [n_types * words], owned */
} nis2i_auth;

typedef struct nis2i_ov_option {  /* an option with a directive_flag: each flag the Member State sets */
    const char *name, *ref, *directive_ref;
    uint32_t flags[NIS2I_FLAG_MAX + 1];
    bool want[NIS2I_FLAG_MAX + 1];
    const char *flag_name[NIS2I_FLAG_MAX + 1];
    size_t n_flags;
} nis2i_ov_option;

typedef struct nis2i_ov_map {    /* mapping.directive_to_national[i] */
    const char *directive;       /* NULL when the entry has none */
    const char *national;        /* NULL when the provision has no national counterpart */
} nis2i_ov_map;

typedef struct nis2i_ov_cat {    /* categories[i] */
    const char *id, *directive_equivalent;
    const char *label, *ref;     /* label (a string, or its "en" member), ref; NULL when absent */
    uint32_t rank;               /* rank when a positive integer, else 0 */
    uint32_t code;               /* its public id (nis2_result_category_code()): the Directive's NIS2_CATEGORY_* of
                                  * a Directive name, else the catalog's category_code, else NIS2_CATEGORY_NATIONAL */
} nis2i_ov_cat;

/* Every string is borrowed from the catalog document the context keeps. */
struct nis2i_overlay {
    const char *country;         /* canonical Member State code */
    const char *law;             /* e.g. "PT DL 125/2025" */
    struct json_t *doc;          /* borrowed from ctx->doc; opaque here: only compile/ and json/ read it */
    const nis2_ctx *ctx;         /* the context that holds it (not a reference) */
    struct nis2i_ruleset *ruleset;     /* the overlay's "classification" compiled (compile/rulec.c), owned; NULL when none */
    nis2i_auth *auth;            /* authorities.rules, owned; NULL when none */
    nis2i_natkey *keys;          /* national_keys in the catalog's order, owned */
    size_t n_keys;
    nis2i_map key_index;         /* key name -> key number */
    nis2i_ov_option *options;    /* options that set a directive flag, in order, owned */
    size_t n_options;
    nis2i_ov_map *mapping;       /* mapping.directive_to_national, owned */
    size_t n_mapping;
    nis2i_ov_cat *cats;          /* categories, owned */
    size_t n_cats;
    const char *significance_ref; /* significance.ref: the national provision on significant incidents, or NULL */
};

/* The public id of category name under overlay ov (NULL: the Directive): NIS2_CATEGORY_* of a Directive name; for
 * a national name the code its overlay declares (category_code), else NIS2_CATEGORY_NATIONAL. */
uint32_t nis2i_category_code_in(const nis2i_overlay *ov, const char *name);

#endif
