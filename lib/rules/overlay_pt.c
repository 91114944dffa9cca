/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Portugal: Decreto-Lei n.º 125/2025 and the Regime Jurídico da Cibersegurança (RJC) annexed to it.
 *
 * The procedure of lib/catalog/overlays/pt/RULES.md (reference: shared/domain/portugal-dl-125-2025.md §3 and §14):
 * step 0 the public legal nature, step 1 the exclusions of RJC art. 3(7)-(8), step 2 every rule of arts 6 and 7
 * and 3(2)(a)(iii), step 3 the precedence Essential > Important > Group A > Group B (art. 7(1), 6(2)-(3)), step 4
 * the authority (generic, from the overlay's authorities.rules). The data - art. 7 thresholds and their refs, the
 * category ranks, the exclusions, the treatment of the Directive's public codes, the authorities - is read from
 * lib/catalog/overlays/pt/overlay.json; this file holds only the procedure and the letters of art. 6.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rules/overlay.h"
#include "compile/json_parse.h"
#include "util/utf8.h"

/* ---------------------------------------------------------------- provisions named by the procedure */
#define RJC_3_1 "RJC art. 3(1)"
#define RJC_3_1_A "RJC art. 3(1)(a)"
#define RJC_3_1_B "RJC art. 3(1)(b)"
#define RJC_3_2_A_I "RJC art. 3(2)(a)(i)"
#define RJC_3_2_A_II "RJC art. 3(2)(a)(ii)"
#define RJC_3_2_A_III "RJC art. 3(2)(a)(iii)"
#define RJC_3_5 "RJC art. 3(5)"
#define RJC_3_6 "RJC art. 3(6)"
#define RJC_3_9 "RJC art. 3(9)"
#define RJC_6_1 "RJC art. 6(1)"
#define RJC_6_1_A "RJC art. 6(1)(a)"
#define RJC_6_1_B "RJC art. 6(1)(b)"
#define RJC_6_1_C "RJC art. 6(1)(c)"
#define RJC_6_1_D "RJC art. 6(1)(d)"
#define RJC_6_1_E "RJC art. 6(1)(e)"
#define RJC_6_1_F "RJC art. 6(1)(f)"
#define RJC_6_2 "RJC art. 6(2)"
#define RJC_6_3 "RJC art. 6(3)"
#define RJC_7_1 "RJC art. 7(1)"
#define RJC_8_3 "RJC art. 8(3)"
#define RJC_8_6 "RJC art. 8(6)"
#define RJC_35_2 "RJC art. 35(2)"

/* ---------------------------------------------------------------- state parsed from the overlay */

enum { K_ESS, K_IMP, K_REPA, K_REPB, K_DRSP, K_N };   /* the categories the procedure produces */
static const char *const k_ids[K_N] = {"essential", "important", "relevant_public_entity_group_a",
                                       "relevant_public_entity_group_b", "domain_registration_only"};

enum { M_HEADCOUNT, M_ALWAYS, M_SIZE_CLASS, M_NATURE };

#define PT_MAX_TYPES 16
#define PT_MAX_DCODES 8

typedef struct pt_type {
    const char *code;
    const char *scope_ref;       /* art. 3(3)/(4)/(6) letter that brings it into scope */
    int measure;
    bool pa;                     /* Administração Pública in the sense of art. 6(1)(d) */
    /* M_HEADCOUNT: group A is n >= a_lo (or n > a_lo when a_strict), group B is b_lo <= n <= b_hi */
    double a_lo, b_lo, b_hi;
    bool a_strict;
    /* M_SIZE_CLASS: bit (1 << NIS2_SIZE_*) per class */
    uint32_t a_sizes, b_sizes;
    const char *a_ref, *a_wording, *b_ref, *b_wording;
    /* M_NATURE (higher education) */
    const char *nature_key, *public_as, *private_reason;
    int public_as_index;
} pt_type;

typedef struct pt_dcode {        /* the Directive's public codes (overlay "directive_codes") */
    const char *code, *to, *missing, *why, *decided_by;
    bool map, pa;
} pt_dcode;

enum { X_SYSTEMS, X_ACTIVITIES, X_ENTITY };

typedef struct pt_excl {         /* an exclusion of art. 3(7)-(8) (overlay "exclusions") */
    const char *id, *ref, *what;
    int scope;                   /* X_* */
    size_t first_also, n_also;   /* also_refs: pt_state.also[first_also, first_also + n_also) */
} pt_excl;

typedef struct pt_state {
    pt_type types[PT_MAX_TYPES];
    size_t n_types;
    pt_dcode dcodes[PT_MAX_DCODES];
    size_t n_dcodes;
    const char **not_anexo;      /* anexo_types.not_anexo_codes, owned array of borrowed strings */
    size_t n_not_anexo;
    pt_excl *excl;               /* owned */
    size_t n_excl;
    const char **also;           /* the exclusions' also_refs, owned array of borrowed strings */
    const char *cat[K_N];
    int rank[K_N];
} pt_state;

static const char *str_member(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

NIS2I_PRINTF(3, 4) static nis2_status bad(nis2_error *err, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nis2i_fail(err, NIS2_ERR_CATALOG, path, "catalog: %s: %s", path, msg);
}

static nis2_status load_headcount(const json_t *grp, const char *path, double *lo, double *hi, bool *strict,
                                  nis2_error *err)
{
    const json_t *h = json_object_get(grp, "headcount");
    const json_t *gte = json_object_get(h, "gte"), *gt = json_object_get(h, "gt"), *lte = json_object_get(h, "lte");
    if (!json_is_object(h) || (!json_is_number(gte) && !json_is_number(gt)))
        return bad(err, path, "'headcount' needs a number 'gte' or 'gt'");
    *strict = json_is_number(gt);
    *lo = json_number_value(*strict ? gt : gte);
    if (hi)
        *hi = json_is_number(lte) ? json_number_value(lte) : HUGE_VAL;
    return NIS2_OK;
}

static uint32_t size_bits(const json_t *arr)
{
    uint32_t bits = 0;
    size_t i;
    const json_t *x;
    json_array_foreach(arr, i, x) {
        for (uint32_t c = NIS2_SIZE_MICRO; c <= NIS2_SIZE_LARGE; c++)
            if (json_is_string(x) && strcmp(json_string_value(x), nis2i_size_name(c)) == 0)
                bits |= 1u << c;
    }
    return bits;
}

static nis2_status load_type(pt_type *t, const json_t *et, const char *path, nis2_error *err)
{
    const json_t *rep = json_object_get(et, "rep");
    t->code = str_member(et, "code");
    t->scope_ref = str_member(et, "scope_ref") ? str_member(et, "scope_ref") : str_member(et, "ref");
    const json_t *pa = json_object_get(et, "public_administration");
    t->pa = json_is_true(pa) || (json_is_string(pa) && strcmp(json_string_value(pa), "by_nature") == 0);
    const char *measure = str_member(rep, "measure");
    const json_t *a = json_object_get(rep, "group_a"), *b = json_object_get(rep, "group_b");
    char p[160];
    if (!measure)
        return bad(err, path, "'rep.measure' must be a string");
    if (strcmp(measure, "staff_establishment_headcount") == 0) {
        t->measure = M_HEADCOUNT;
        nis2_status st;
        snprintf(p, sizeof p, "%.120s.rep.group_a", path);
        if ((st = load_headcount(a, p, &t->a_lo, NULL, &t->a_strict, err)))
            return st;
        bool bs;
        snprintf(p, sizeof p, "%.120s.rep.group_b", path);
        if ((st = load_headcount(b, p, &t->b_lo, &t->b_hi, &bs, err)))
            return st;
    } else if (strcmp(measure, "none") == 0) {
        t->measure = M_ALWAYS;
        if (!json_is_true(json_object_get(a, "always")))
            return bad(err, path, "'rep.group_a.always' must be true when the measure is 'none'");
    } else if (strcmp(measure, "anexo_iii_size_class") == 0) {
        t->measure = M_SIZE_CLASS;
        t->a_sizes = size_bits(json_object_get(a, "size_classes"));
        t->b_sizes = size_bits(json_object_get(b, "size_classes"));
        if (!t->a_sizes || !t->b_sizes)
            return bad(err, path, "'rep.group_a/b.size_classes' must name size classes");
    } else if (strcmp(measure, "by_legal_nature") == 0) {
        t->measure = M_NATURE;
        t->nature_key = str_member(rep, "key");
        t->public_as = str_member(json_object_get(rep, "public"), "as");
        t->private_reason = str_member(json_object_get(rep, "private"), "reason");
        if (!t->nature_key || !t->public_as || !t->private_reason)
            return bad(err, path, "'rep' by_legal_nature needs 'key', 'public.as' and 'private.reason'");
    } else {
        return bad(err, path, "unknown 'rep.measure' '%.40s'", measure);
    }
    t->a_ref = str_member(a, "ref");
    t->a_wording = str_member(a, "wording");
    t->b_ref = str_member(b, "ref");
    t->b_wording = str_member(b, "wording");
    if (t->measure != M_NATURE && (!t->a_ref || (t->measure != M_ALWAYS && !t->b_ref)))
        return bad(err, path, "'rep.group_a.ref' and 'rep.group_b.ref' are required");
    return NIS2_OK;
}

static void pt_release(nis2i_overlay *ov)
{
    pt_state *s = ov->state;
    if (s) {
        free(s->not_anexo);
        free(s->excl);
        free(s->also);
    }
    free(ov->state);
    ov->state = NULL;
}

static nis2_status pt_load(nis2i_overlay *ov, const nis2_ctx *ctx, nis2_error *err)
{
    NIS2I_UNUSED(ctx);
    pt_state *s = calloc(1, sizeof *s);
    if (!s)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    ov->state = s;
    nis2_status st = NIS2_OK;
    char path[160];

    /* categories and their precedence */
    const json_t *cats = json_object_get(ov->doc, "categories");
    for (int k = 0; k < K_N; k++) {
        size_t i;
        const json_t *c;
        json_array_foreach(cats, i, c) {
            if (strcmp(str_member(c, "id") ? str_member(c, "id") : "", k_ids[k]) == 0) {
                s->cat[k] = str_member(c, "id");
                s->rank[k] = (int)json_integer_value(json_object_get(c, "rank"));
            }
        }
        if (!s->cat[k])
            return bad(err, "$.overlays[PT].categories", "category '%s' is required by the RJC procedure", k_ids[k]);
    }

    /* public types: the overlay's entity types that carry an art. 7 rule */
    size_t i;
    const json_t *et;
    json_array_foreach(json_object_get(ov->doc, "entity_types"), i, et) {
        if (!json_object_get(et, "rep"))
            continue;
        snprintf(path, sizeof path, "$.overlays[PT].entity_types[%zu]", i);
        if (s->n_types == PT_MAX_TYPES)
            return bad(err, path, "too many public types");
        if ((st = load_type(&s->types[s->n_types], et, path, err)))
            return st;
        s->n_types++;
    }
    for (size_t t = 0; t < s->n_types; t++) {
        s->types[t].public_as_index = -1;
        if (s->types[t].measure != M_NATURE)
            continue;
        for (size_t u = 0; u < s->n_types; u++)
            if (strcmp(s->types[u].code, s->types[t].public_as) == 0 && s->types[u].measure != M_NATURE)
                s->types[t].public_as_index = (int)u;
        if (s->types[t].public_as_index < 0)
            return bad(err, "$.overlays[PT].entity_types", "'%s': rep.public.as names no public type", s->types[t].code);
    }

    /* the Directive's public codes */
    json_array_foreach(json_object_get(ov->doc, "directive_codes"), i, et) {
        snprintf(path, sizeof path, "$.overlays[PT].directive_codes[%zu]", i);
        if (s->n_dcodes == PT_MAX_DCODES)
            return bad(err, path, "too many entries");
        pt_dcode *d = &s->dcodes[s->n_dcodes];
        const char *tr = str_member(et, "treatment");
        d->code = str_member(et, "code");
        d->to = str_member(et, "to");
        d->missing = str_member(et, "missing");
        d->why = str_member(et, "why");
        d->decided_by = str_member(et, "decided_by");
        d->pa = json_is_true(json_object_get(et, "public_administration"));
        d->map = tr && strcmp(tr, "map") == 0;
        if (!d->code || !tr || !d->why || (d->map && !d->to) ||
            (!d->map && (strcmp(tr, "undetermined_unless_pt_code") != 0 || !d->missing || !d->decided_by)))
            return bad(err, path, "needs code, why, and either treatment 'map' with 'to' or 'undetermined_unless_pt_code' with 'missing' and 'decided_by'");
        s->n_dcodes++;
    }

    /* the codes of the Directive's Annexes that are no Anexo type, and the exclusions: plain arrays */
    const json_t *na = json_object_get(json_object_get(ov->doc, "anexo_types"), "not_anexo_codes");
    const json_t *excl = json_object_get(ov->doc, "exclusions");
    size_t n_also = 0;
    json_array_foreach(excl, i, et) n_also += json_array_size(json_object_get(et, "also_refs"));
    s->not_anexo = calloc(json_array_size(na) + 1, sizeof *s->not_anexo);
    s->excl = calloc(json_array_size(excl) + 1, sizeof *s->excl);
    s->also = calloc(n_also + 1, sizeof *s->also);
    if (!s->not_anexo || !s->excl || !s->also)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    json_array_foreach(na, i, et) {
        if (json_is_string(et))
            s->not_anexo[s->n_not_anexo++] = json_string_value(et);
    }
    n_also = 0;
    json_array_foreach(excl, i, et) {
        const char *scope = str_member(et, "scope");
        snprintf(path, sizeof path, "$.overlays[PT].exclusions[%zu]", i);
        if (!str_member(et, "id") || !str_member(et, "ref") || !scope ||
            (strcmp(scope, "systems") != 0 && strcmp(scope, "activities") != 0 && strcmp(scope, "entity") != 0))
            return bad(err, path, "an exclusion needs id, ref and scope (systems, activities or entity)");
        pt_excl *x = &s->excl[s->n_excl++];
        x->id = str_member(et, "id");
        x->ref = str_member(et, "ref");
        x->what = str_member(et, "what");
        x->scope = strcmp(scope, "entity") == 0 ? X_ENTITY : strcmp(scope, "activities") == 0 ? X_ACTIVITIES : X_SYSTEMS;
        x->first_also = n_also;
        size_t j;
        const json_t *a;
        json_array_foreach(json_object_get(et, "also_refs"), j, a) {
            if (json_is_string(a))           /* a ground that is not a string was never cited */
                s->also[n_also++] = json_string_value(a);
        }
        x->n_also = n_also - x->first_also;
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- rule outcomes */

enum { O_MATCH, O_UNKNOWN, O_GAP };

typedef struct prule {
    int k;                       /* K_* */
    int order;                   /* citation order inside the category */
    int outcome;
    const char *ref;
    const char *scope[4];
    size_t n_scope;
    const char *missing[4];
    size_t n_missing;
} prule;

#define PT_MAX_RULES 24

typedef struct pt_eval {
    const pt_state *s;
    const nis2_ctx *ctx;
    const nis2_entity *e;
    nis2_result *r;
    const json_t *nat;           /* entity.national.PT, or NULL */
    prule rules[PT_MAX_RULES];
    size_t n_rules;
    const char *excl_grounds[4]; /* partial exclusions of art. 3(7)(a)-(e) */
    size_t n_excl;
} pt_eval;

static prule *rule_add(pt_eval *ev, int k, int order, int outcome, const char *ref)
{
    if (ev->n_rules == PT_MAX_RULES)
        return NULL;
    prule *p = &ev->rules[ev->n_rules++];
    memset(p, 0, sizeof *p);
    p->k = k;
    p->order = order;
    p->outcome = outcome;
    p->ref = ref;
    return p;
}

static void rule_scope(prule *p, const char *ref)
{
    if (p && ref && p->n_scope < 4)
        p->scope[p->n_scope++] = ref;
}

static void rule_missing(prule *p, const char *name)
{
    if (p && name && p->n_missing < 4)
        p->missing[p->n_missing++] = name;
}

static void rule_missing_figures(prule *p, const nis2_entity *e)
{
    static const char *const names[NIS2I_NFIG] = {"employees", "turnover_eur", "balance_sheet_eur"};
    for (int i = 0; i < NIS2I_NFIG; i++)
        if (!(e->fig_set[0] & (1u << i)))
            rule_missing(p, names[i]);
}

static bool nat_true(const pt_eval *ev, const char *key)
{
    return json_is_true(json_object_get(ev->nat, key));
}

static const char *nat_str(const pt_eval *ev, const char *key)
{
    return str_member(ev->nat, key);
}

/* ---------------------------------------------------------------- step 0: the public legal nature */

enum { T_NONE = -1, T_PA_UNKNOWN = -2, T_EDU_UNKNOWN = -3, T_MULTIPLE = -4 };

typedef struct pt_public {
    int t;                       /* index into s->types, or T_* */
    int hei;                     /* 0 no; 1 public; 2 private; 3 unknown (when t is the HEI type) */
    const pt_dcode *unknown;     /* the Directive code that left the type open */
} pt_public;

static bool has_code(const pt_eval *ev, const char *code)
{
    /* An entity has one or two activities: comparing their codes is cheaper than hashing the code. */
    if (!code)
        return false;
    for (size_t i = 0; i < ev->e->n_types; i++)
        if (strcmp(ev->ctx->etypes[ev->e->types[i]].code, code) == 0)
            return true;
    return false;
}

static int type_index(const pt_state *s, const char *code)
{
    for (size_t i = 0; i < s->n_types; i++)
        if (strcmp(s->types[i].code, code) == 0)
            return (int)i;
    return T_NONE;
}

static pt_public public_type(pt_eval *ev)
{
    const pt_state *s = ev->s;
    pt_public pub = {T_NONE, 0, NULL};
    int found = T_NONE, n = 0, hei = T_NONE;
    for (size_t i = 0; i < s->n_types; i++) {
        if (!has_code(ev, s->types[i].code))
            continue;
        if (s->types[i].measure == M_NATURE) {
            hei = (int)i;
            continue;
        }
        if (found != (int)i)
            n++;
        found = (int)i;
    }
    if (n == 0) {
        for (size_t d = 0; d < s->n_dcodes; d++) {
            if (s->dcodes[d].map && has_code(ev, s->dcodes[d].code)) {
                found = type_index(s, s->dcodes[d].to);
                if (found >= 0) {
                    n = 1;
                    nis2i_reason_add(ev->r, s->types[found].scope_ref, "%s read as %s (%s): %s", s->dcodes[d].code, s->dcodes[d].to,
                                     s->types[found].scope_ref, s->dcodes[d].why);
                }
                break;
            }
        }
    }
    if (n > 1) {
        pub.t = T_MULTIPLE;
        return pub;
    }
    if (n == 1) {
        pub.t = found;
        return pub;
    }
    if (hei >= 0) {
        pub.t = hei;
        const char *sector = nat_str(ev, s->types[hei].nature_key);
        pub.hei = !sector ? 3 : strcmp(sector, "public") == 0 ? 1 : 2;
        return pub;
    }
    for (size_t d = 0; d < s->n_dcodes; d++) {
        if (!s->dcodes[d].map && has_code(ev, s->dcodes[d].code)) {
            pub.t = s->dcodes[d].pa ? T_PA_UNKNOWN : T_EDU_UNKNOWN;
            pub.unknown = &s->dcodes[d];
            return pub;
        }
    }
    return pub;
}

/* ---------------------------------------------------------------- step 1: exclusions of art. 3(7)-(8) */

static void out_verdict(pt_eval *ev, const char *decided_by)
{
    nis2i_verdict *v = &ev->r->nat;
    v->cat_id = NIS2_CATEGORY_OUT_OF_SCOPE;
    v->category = nis2i_category_name(v->cat_id);
    v->decided_by = decided_by;
}

/* 1 when the exclusion decides the entity out of scope. */
static int exclusions(pt_eval *ev, bool has_tsp)
{
    const char *body = nat_str(ev, "excluded_body");
    if (!body)
        return 0;
    const pt_state *s = ev->s;
    for (size_t i = 0; i < s->n_excl; i++) {
        const pt_excl *x = &s->excl[i];
        if (strcmp(x->id, body) != 0)
            continue;
        const char *ref = x->ref, *what = x->what;
        nis2i_verdict *v = &ev->r->nat;
        if (x->scope == X_ENTITY) {
            for (size_t j = 0; j < x->n_also; j++)
                nis2i_verdict_add_ground(v, s->also[x->first_also + j]);
            nis2i_verdict_add_ground(v, ref);
            out_verdict(ev, ref);
            nis2i_reason_add(ev->r, ref, "%s: out of scope whatever its activities and flags (%s)", what ? what : body, ref);
            return 1;
        }
        if (x->scope == X_ACTIVITIES) {
            nis2i_verdict_add_ground(v, ref);
            out_verdict(ev, ref);
            nis2i_reason_add(ev->r, ref, "%s: excluded (%s)", what ? what : body, ref);
            if (has_tsp)
                nis2i_reason_add(ev->r, ref, "The RJC has no counterpart of NIS2 Art. 2(9): the exclusion also covers the trust-service activity");
            return 1;
        }
        if (nat_true(ev, "all_systems_excluded")) {
            nis2i_verdict_add_ground(v, ref);
            out_verdict(ev, ref);
            nis2i_reason_add(ev->r, ref, "Every network and information system of the entity is of the kind excluded by %s; the entity is out of scope", ref);
            return 1;
        }
        if (ev->n_excl < 4)
            ev->excl_grounds[ev->n_excl++] = ref;
        nis2i_reason_add(ev->r, ref, "The networks and systems of %s are excluded; the entity is classified for its other systems", ref);
        return 0;
    }
    return 0;
}

/* ---------------------------------------------------------------- step 2: the rules */

static void designation_grounds(const nis2_entity *e, prule *p)
{
    static const struct {
        uint32_t flag;
        const char *ref;
    } g[] = {
        {NIS2_FLAG_SOLE_PROVIDER, "RJC art. 3(2)(b)"},
        {NIS2_FLAG_SIGNIFICANT_DISRUPTION_IMPACT, "RJC art. 3(2)(c)"},
        {NIS2_FLAG_SYSTEMIC_RISK, "RJC art. 3(2)(d)"},
        {NIS2_FLAG_NATIONAL_OR_REGIONAL_CRITICALITY, "RJC art. 3(2)(e)"},
    };
    size_t before = p ? p->n_scope : 0;
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++)
        if (nis2i_flag(e, g[i].flag))
            rule_scope(p, g[i].ref);
    if (p && p->n_scope == before)
        rule_scope(p, "RJC art. 3(2)(b)-(e)");
}

typedef struct facts {
    bool anexo, anexo_i, public_, pa, in_union, keys_61d, cer;
    bool qtsp, tsp, dns, tld, ecn, drsp;
    uint32_t desig;
    pt_public pub;
    const pt_type *t;            /* resolved public type (HEI public -> its thresholds type), or NULL */
    const char *scope_ref;       /* the public type's scope letter */
} facts;

static bool not_anexo(const pt_state *s, const char *code)
{
    for (size_t i = 0; i < s->n_not_anexo; i++)
        if (strcmp(s->not_anexo[i], code) == 0)
            return true;
    return false;
}

static void rules_rank1(pt_eval *ev, const facts *f)
{
    const nis2_entity *e = ev->e;
    const nis2i_size *sz = &ev->r->size;
    prule *p;
    /* (a) Anexo I type exceeding the medium thresholds */
    if (f->anexo_i && (f->public_ || f->in_union)) {
        if (sz->large == NIS2I_YES) {
            p = rule_add(ev, K_ESS, 1, O_MATCH, RJC_6_1_A);
            rule_scope(p, f->public_ ? f->scope_ref : RJC_3_1);
            nis2i_reason_add(ev->r, RJC_6_1_A, "An Anexo I type and the entity exceeds the medium-enterprise thresholds of Anexo III art. 2: essential (RJC art. 6(1)(a))");
        } else if (sz->large == NIS2I_UNKNOWN) {
            p = rule_add(ev, K_ESS, 1, O_UNKNOWN, RJC_6_1_A);
            rule_scope(p, f->public_ ? f->scope_ref : RJC_3_1);
            rule_missing_figures(p, e);
        }
    }
    /* (b) qualified trust service providers, TLD name registries, DNS service providers, any size */
    if (f->qtsp || f->tld || f->dns) {
        p = rule_add(ev, K_ESS, 2, O_MATCH, RJC_6_1_B);
        if (f->qtsp)
            rule_scope(p, RJC_3_2_A_II);
        if (f->tld || f->dns)
            rule_scope(p, RJC_3_2_A_III);
        nis2i_reason_add(ev->r, RJC_6_1_B, "A qualified trust service provider, TLD name registry or DNS service provider is in scope whatever its size (RJC art. 3(2)(a)(ii)-(iii)) and essential (RJC art. 6(1)(b))");
    }
    /* (c) medium public electronic communications provider */
    if (f->ecn && sz->large != NIS2I_YES) {
        if (sz->medium == NIS2I_YES) {
            p = rule_add(ev, K_ESS, 3, O_MATCH, RJC_6_1_C);
            rule_scope(p, RJC_3_2_A_I);
            nis2i_reason_add(ev->r, RJC_6_1_C, "A provider of public electronic communications networks or publicly available services that is a medium enterprise: essential (RJC art. 6(1)(c))");
        } else if (sz->medium_or_larger == NIS2I_YES) {
            p = rule_add(ev, K_ESS, 3, O_MATCH, RJC_6_1_C);
            rule_scope(p, RJC_3_2_A_I);
            nis2i_reason_add(ev->r, RJC_6_1_C, "A public electronic communications provider that is at least medium-sized: essential either way, under RJC art. 6(1)(c) if medium or art. 6(1)(a) if it exceeds the medium thresholds (the figures do not say which)");
        } else if (sz->medium_or_larger == NIS2I_UNKNOWN) {
            p = rule_add(ev, K_ESS, 3, O_UNKNOWN, RJC_6_1_C);
            rule_scope(p, RJC_3_2_A_I);
            rule_missing_figures(p, e);
        }
    }
    /* (d) public administration with an ICT-infrastructure remit, high digital integration or the educational
       assessment body, once qualified by the CNCS; (f) other Anexo entities qualified essential */
    bool d_matched = false;
    if (f->desig == NIS2_DESIGNATION_ESSENTIAL && f->pa && (f->keys_61d || !f->anexo)) {
        p = rule_add(ev, K_ESS, 4, O_MATCH, RJC_6_1_D);
        rule_scope(p, f->scope_ref);
        d_matched = true;
        nis2i_reason_add(ev->r, RJC_6_1_D, "A public-administration entity qualified essential by the CNCS (RJC art. 6(1)(d), art. 8(3)-(4))%s",
                         f->keys_61d ? " on a criterion of art. 6(1)(d)" : "");
    }
    if (f->cer) {
        p = rule_add(ev, K_ESS, 5, O_MATCH, RJC_6_1_E);
        rule_scope(p, RJC_3_5);
        nis2i_reason_add(ev->r, RJC_6_1_E, "Identified as a critical entity under Directive (EU) 2022/2557 (DL 22/2025): in scope whatever its size (RJC art. 3(5)) and essential (RJC art. 6(1)(e))");
    }
    if (f->desig == NIS2_DESIGNATION_ESSENTIAL && !d_matched) {
        if (f->anexo) {
            p = rule_add(ev, K_ESS, 6, O_MATCH, RJC_6_1_F);
            designation_grounds(e, p);
            nis2i_reason_add(ev->r, RJC_6_1_F, "An Anexo I/II entity qualified essential by the CNCS on the criteria of RJC art. 3(2)(b)-(e) (RJC art. 6(1)(f), art. 8(3)-(4))");
        } else {
            p = rule_add(ev, K_ESS, 6, O_UNKNOWN, RJC_6_1_F);
            rule_missing(p, "activities");
            nis2i_reason_add(ev->r, RJC_6_1_F, "A CNCS qualification as essential needs an Anexo I/II type (RJC art. 6(1)(f)) or a public-administration type (art. 6(1)(d)); no activity given is one");
        }
    }
}

static void rules_rank2(pt_eval *ev, const facts *f)
{
    const nis2i_size *sz = &ev->r->size;
    prule *p;
    if (f->anexo && !f->public_) {
        if (f->tsp || f->ecn) {
            p = rule_add(ev, K_IMP, 1, O_MATCH, RJC_6_2);
            if (f->ecn)
                rule_scope(p, RJC_3_2_A_I);
            if (f->tsp)
                rule_scope(p, RJC_3_2_A_II);
            nis2i_reason_add(ev->r, RJC_6_2, "A public electronic communications provider or trust service provider is in scope whatever its size (RJC art. 3(2)(a)(i)-(ii)) and, unless essential, important (RJC art. 6(2))");
        } else if (f->in_union && sz->medium_or_larger == NIS2I_YES) {
            p = rule_add(ev, K_IMP, 1, O_MATCH, RJC_6_2);
            rule_scope(p, RJC_3_1);
            nis2i_reason_add(ev->r, RJC_6_2, "An Anexo I/II type and at least a medium enterprise (RJC art. 3(1)): important unless essential (RJC art. 6(2))");
        } else if (f->in_union && sz->medium_or_larger == NIS2I_UNKNOWN) {
            p = rule_add(ev, K_IMP, 1, O_UNKNOWN, RJC_6_2);
            rule_scope(p, RJC_3_1);
            rule_missing_figures(p, ev->e);
        }
    } else if (f->anexo && f->public_) {
        p = rule_add(ev, K_IMP, 1, O_MATCH, RJC_6_2);
        rule_scope(p, f->scope_ref);
        nis2i_reason_add(ev->r, RJC_6_2, "A public body in scope through %s that carries an Anexo I/II type is important unless essential, whatever its size: literal reading of RJC art. 6(2) (the size condition of art. 3(1) is written for private entities)",
                         f->scope_ref ? f->scope_ref : "RJC art. 3(3)-(6)");
    }
    if (f->desig == NIS2_DESIGNATION_IMPORTANT) {
        if (f->anexo) {
            p = rule_add(ev, K_IMP, 2, O_MATCH, RJC_6_3);
            designation_grounds(ev->e, p);
            nis2i_reason_add(ev->r, RJC_6_3, "An Anexo I/II entity qualified important by the CNCS on the criteria of RJC art. 3(2)(b)-(e) (RJC art. 6(3), art. 8(3)-(4))");
        } else {
            p = rule_add(ev, K_IMP, 2, O_UNKNOWN, RJC_6_3);
            rule_missing(p, "activities");
            nis2i_reason_add(ev->r, RJC_6_3, "A CNCS qualification as important needs an Anexo I/II type (RJC art. 6(3)); no activity given is one");
        }
    }
}

static void gap_250(pt_eval *ev, const pt_type *t, double n)
{
    prule *p = rule_add(ev, K_REPA, 1, O_GAP, t->a_ref);
    rule_scope(p, t->scope_ref);
    if (n != floor(n))
        nis2i_reason_add(ev->r, t->a_ref, "A headcount of %g workers falls between %s (%s) and %s (%s): the staff establishment is counted in whole workers; give the headcount as a whole number",
                         n, t->b_ref, t->b_wording ? t->b_wording : "group B", t->a_ref, t->a_wording ? t->a_wording : "group A");
    else
        nis2i_reason_add(ev->r, t->a_ref, "Exactly %g workers: %s requires %s and %s ends at %g (%s) - the text places this entity in neither group; undetermined rather than a guess",
                         n, t->a_ref, t->a_wording ? t->a_wording : "more", t->b_ref, t->b_hi, t->b_wording ? t->b_wording : "group B");
}

/* Ranks 3-4: relevant public entities (art. 7). Returns the floor provision when the entity is below both groups. */
static const char *rules_rep(pt_eval *ev, const facts *f)
{
    const pt_state *s = ev->s;
    const nis2_entity *e = ev->e;
    const nis2i_size *sz = &ev->r->size;
    prule *p;
    if (f->pub.t == T_PA_UNKNOWN || f->pub.t == T_EDU_UNKNOWN) {
        p = rule_add(ev, K_REPA, 1, O_UNKNOWN, f->pub.unknown->decided_by);
        rule_missing(p, f->pub.unknown->missing);
        nis2i_reason_add(ev->r, f->pub.unknown->decided_by, "%s does not say which Portuguese public type applies: %s", f->pub.unknown->code,
                         f->pub.unknown->why);
        return NULL;
    }
    if (f->pub.t < 0)
        return NULL;
    const pt_type *ht = &s->types[f->pub.t];
    if (ht->measure == M_NATURE) {
        if (f->pub.hei == 2) {
            rule_add(ev, K_REPA, 1, O_GAP, RJC_3_6);
            nis2i_reason_add(ev->r, RJC_3_6, "Private higher-education institution: %s", ht->private_reason);
            return NULL;
        }
        if (f->pub.hei == 3) {
            p = rule_add(ev, K_REPA, 1, O_UNKNOWN, RJC_3_6);
            rule_missing(p, "national.PT.higher_education_sector");
            nis2i_reason_add(ev->r, RJC_3_6, "A higher-education institution is in scope (RJC art. 3(6)); its category depends on its legal nature (public or private), which is not given");
            return NULL;
        }
        nis2i_reason_add(ev->r, RJC_3_6, "A public higher-education institution is State indirect administration and takes the thresholds of %s / %s", ht->public_as,
                         s->types[ht->public_as_index].a_ref);
    }
    const pt_type *t = f->t;
    switch (t->measure) {
    case M_ALWAYS:
        p = rule_add(ev, K_REPA, 1, O_MATCH, t->a_ref);
        rule_scope(p, f->scope_ref);
        nis2i_reason_add(ev->r, t->a_ref, "A body of %s is a relevant public entity of Group A whatever its size (%s), unless essential or important (RJC art. 7(1))",
                         f->scope_ref, t->a_ref);
        return NULL;
    case M_SIZE_CLASS: {
        uint32_t bit = 1u << sz->cls;
        if (sz->cls != NIS2_SIZE_UNKNOWN && (t->a_sizes & bit)) {
            p = rule_add(ev, K_REPA, 1, O_MATCH, t->a_ref);
            rule_scope(p, f->scope_ref);
            nis2i_reason_add(ev->r, t->a_ref, "A public business entity that exceeds the medium thresholds of Anexo III: relevant public entity, Group A (%s)", t->a_ref);
        } else if (sz->cls != NIS2_SIZE_UNKNOWN && (t->b_sizes & bit)) {
            p = rule_add(ev, K_REPB, 1, O_MATCH, t->b_ref);
            rule_scope(p, f->scope_ref);
            nis2i_reason_add(ev->r, t->b_ref, "A public business entity that is a medium enterprise under Anexo III: relevant public entity, Group B (%s)", t->b_ref);
        } else if (sz->cls != NIS2_SIZE_UNKNOWN || sz->medium_or_larger == NIS2I_NO) {
            nis2i_reason_add(ev->r, t->b_ref, "A public business entity below the medium-enterprise size: art. 7 gives it no group (%s needs a medium enterprise)", t->b_ref);
            return t->b_ref;
        } else {
            p = rule_add(ev, K_REPA, 1, O_UNKNOWN, t->a_ref);
            rule_scope(p, f->scope_ref);
            rule_missing_figures(p, e);
        }
        return NULL;
    }
    case M_HEADCOUNT: {
        if (!(e->fig_set[0] & 1u)) {
            p = rule_add(ev, K_REPA, 1, O_UNKNOWN, t->a_ref);
            rule_scope(p, f->scope_ref);
            rule_missing(p, "employees");
            nis2i_reason_add(ev->r, t->a_ref, "The group of a relevant public entity depends on the headcount of its staff establishment (%s, %s), which is not given",
                             t->a_ref, t->b_ref);
            return NULL;
        }
        double n = e->fig[0][NIS2I_FIG_EMPLOYEES];
        bool in_a = t->a_strict ? n > t->a_lo : n >= t->a_lo;
        if (in_a) {
            p = rule_add(ev, K_REPA, 1, O_MATCH, t->a_ref);
            rule_scope(p, f->scope_ref);
            nis2i_reason_add(ev->r, t->a_ref, "%g workers on the staff establishment (%s): relevant public entity, Group A (%s)", n,
                             t->a_wording ? t->a_wording : "group A", t->a_ref);
        } else if (n >= t->b_lo && n <= t->b_hi) {
            p = rule_add(ev, K_REPB, 1, O_MATCH, t->b_ref);
            rule_scope(p, f->scope_ref);
            nis2i_reason_add(ev->r, t->b_ref, "%g workers on the staff establishment (%s): relevant public entity, Group B (%s)", n,
                             t->b_wording ? t->b_wording : "group B", t->b_ref);
        } else if (n < t->b_lo) {
            nis2i_reason_add(ev->r, t->b_ref, "%g workers on the staff establishment: below the %g of %s, so art. 7 gives this %s body no group; the self-identification of RJC art. 8(1) may still be owed",
                             n, t->b_lo, t->b_ref, f->scope_ref);
            return t->b_ref;
        } else {
            gap_250(ev, t, n);
        }
        return NULL;
    }
    default:
        return NULL;
    }
}

/* ---------------------------------------------------------------- step 3: resolve */

static int rule_cmp_rank(const pt_state *s, const prule *a, const prule *b)
{
    if (s->rank[a->k] != s->rank[b->k])
        return s->rank[a->k] < s->rank[b->k] ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static void set_category(pt_eval *ev, int k)
{
    nis2i_verdict *v = &ev->r->nat;
    v->category = ev->s->cat[k];
    v->cat_id = nis2i_category_id_of(v->category);
}

static void resolve(pt_eval *ev, const facts *f, const char *floor_ref)
{
    const pt_state *s = ev->s;
    nis2_result *r = ev->r;
    nis2i_verdict *v = &r->nat;
    const prule *best = NULL, *block = NULL;
    for (size_t i = 0; i < ev->n_rules; i++) {
        const prule *p = &ev->rules[i];
        if (p->outcome == O_MATCH && (!best || rule_cmp_rank(s, p, best) < 0))
            best = p;
    }
    for (size_t i = 0; i < ev->n_rules; i++) {
        const prule *p = &ev->rules[i];
        if (p->outcome != O_MATCH && (!best || s->rank[p->k] < s->rank[best->k]) && (!block || rule_cmp_rank(s, p, block) < 0))
            block = p;
    }
    if (block) {
        v->cat_id = NIS2_CATEGORY_UNDETERMINED;
        v->category = nis2i_category_name(v->cat_id);
        v->decided_by = block->ref;
        for (size_t j = 0; j < block->n_scope; j++)
            nis2i_verdict_add_ground(v, block->scope[j]);
        nis2i_verdict_add_ground(v, block->ref);
        for (size_t i = 0; i < ev->n_rules; i++) {
            const prule *p = &ev->rules[i];
            if (p->outcome != O_MATCH && (!best || s->rank[p->k] < s->rank[best->k]))
                for (size_t j = 0; j < p->n_missing; j++)
                    nis2i_missing_add(r, p->missing[j]);
        }
        if (block->outcome == O_UNKNOWN)
            nis2i_reason_add(r, block->ref, "Undetermined: %s (%s) could apply, but the facts given do not settle it", block->ref, s->cat[block->k]);
        if (best)
            nis2i_reason_add(r, block->ref, "Undetermined: the entity would be %s (%s) otherwise, but the more demanding %s cannot be ruled out",
                             s->cat[best->k], best->ref, block->ref);
        return;
    }
    if (best) {
        set_category(ev, best->k);
        v->decided_by = best->ref;
        for (size_t i = 0; i < ev->n_rules; i++) {
            const prule *p = &ev->rules[i];
            if (p->outcome == O_MATCH && p->k == best->k)
                for (size_t j = 0; j < p->n_scope; j++)
                    nis2i_verdict_add_ground(v, p->scope[j]);
        }
        nis2i_verdict_add_ground(v, best->ref);
        for (size_t i = 0; i < ev->n_rules; i++)
            if (ev->rules[i].outcome == O_MATCH && ev->rules[i].k == best->k)
                nis2i_verdict_add_ground(v, ev->rules[i].ref);
        if (best->k == K_DRSP) {
            nis2i_verdict_add_ground(v, RJC_8_6);
            nis2i_verdict_add_ground(v, RJC_35_2);
        }
        return;
    }
    const char *dec = floor_ref;
    if (!dec)
        dec = f->anexo && !f->public_ ? (f->in_union ? RJC_3_1_A : RJC_3_1_B) : RJC_3_1;
    out_verdict(ev, dec);
    nis2i_verdict_add_ground(v, dec);
    if (strcmp(dec, RJC_3_1_B) == 0)
        nis2i_reason_add(r, RJC_3_1_B, "The entity neither provides services nor carries out activities in the Union (RJC art. 3(1)(b))");
    else if (strcmp(dec, RJC_3_1_A) == 0)
        nis2i_reason_add(r, RJC_3_1_A, "An Anexo I/II type but below the medium-enterprise size of RJC art. 3(1)(a), and no size-independent ground of art. 3(2)-(6) applies");
    else if (strcmp(dec, RJC_3_1) == 0)
        nis2i_reason_add(r, RJC_3_1, "No activity of an Anexo I/II type and no public-sector type of RJC art. 3(3)-(6): out of scope");
}

/* ---------------------------------------------------------------- the rule function */

static void pt_classify(const nis2i_overlay *ov, const nis2_ctx *ctx, const nis2_entity *e, nis2_result *r)
{
    pt_eval ev;
    memset(&ev, 0, sizeof ev);
    ev.s = ov->state;
    ev.ctx = ctx;
    ev.e = e;
    ev.r = r;
    ev.nat = nis2i_entity_national(e, ov->country);
    memset(&r->nat, 0, sizeof r->nat);
    r->n_missing = 0;            /* missing now names the facts of the national verdict */

    facts f;
    memset(&f, 0, sizeof f);
    f.in_union = nis2i_flag(e, NIS2_FLAG_PROVIDES_SERVICES_IN_UNION);
    f.desig = e->designation;
    f.keys_61d = nat_true(&ev, "ict_infrastructure_remit") || nat_true(&ev, "high_digital_integration") ||
                 nat_true(&ev, "educational_assessment_body");
    for (size_t i = 0; i < e->n_types; i++) {
        const nis2i_etype *t = &ctx->etypes[e->types[i]];
        if (t->annex != 0 && t->role != NIS2I_ROLE_NATIONAL && !not_anexo(ev.s, t->code)) {
            f.anexo = true;
            f.anexo_i |= t->annex == 1;
        }
        f.qtsp |= t->role == NIS2I_ROLE_QTSP;
        f.tsp |= t->role == NIS2I_ROLE_TSP;
        f.dns |= t->role == NIS2I_ROLE_DNS;
        f.tld |= t->role == NIS2I_ROLE_TLD;
        f.ecn |= t->role == NIS2I_ROLE_PUBLIC_ECN || t->role == NIS2I_ROLE_PUBLIC_ECS;
        f.drsp |= t->role == NIS2I_ROLE_DRSP;
    }
    f.cer = nis2i_flag(e, NIS2_FLAG_CER_CRITICAL_ENTITY);

    /* step 0: the public legal nature */
    f.pub = public_type(&ev);
    if (f.pub.t == T_MULTIPLE) {
        nis2i_verdict *v = &r->nat;
        v->cat_id = NIS2_CATEGORY_UNDETERMINED;
        v->category = nis2i_category_name(v->cat_id);
        v->decided_by = "RJC art. 3(3)";
        nis2i_verdict_add_ground(v, v->decided_by);
        nis2i_missing_add(r, "activities");
        nis2i_reason_add(r, "RJC art. 3(3)", "More than one Portuguese public legal nature is given; an entity has one (RJC art. 3(3)-(4)): keep the one that applies");
        nis2i_overlay_authority(ov, ctx, e, r);
        return;
    }
    if (f.pub.t >= 0) {
        const pt_type *ht = &ev.s->types[f.pub.t];
        f.t = ht->measure == M_NATURE ? (f.pub.hei == 1 ? &ev.s->types[ht->public_as_index] : NULL) : ht;
        f.scope_ref = ht->scope_ref;
        f.pa = ht->measure == M_NATURE ? f.pub.hei == 1 : ht->pa;
    } else if (f.pub.t == T_PA_UNKNOWN || f.pub.t == T_EDU_UNKNOWN) {
        f.scope_ref = f.pub.unknown->decided_by;
        f.pa = f.pub.unknown->pa;
    }
    f.public_ = f.pub.t != T_NONE;

    /* step 1: exclusions */
    if (exclusions(&ev, f.tsp || f.qtsp)) {
        nis2i_overlay_authority(ov, ctx, e, r);
        return;
    }
    if (nis2i_flag(e, NIS2_FLAG_NATIONAL_SECURITY_ACTIVITIES))
        nis2i_reason_add(r, "RJC art. 3(7)", "flags.national_security_activities has no effect under the RJC, which excludes networks and systems, not bodies (art. 3(7)); use national.PT.excluded_body");
    if (nis2i_flag(e, NIS2_FLAG_JUDICIARY_PARLIAMENT_CENTRAL_BANK))
        nis2i_reason_add(r, "RJC art. 3(4)", "flags.judiciary_parliament_or_central_bank has no effect under the RJC: the services of courts and Parliament are in scope (art. 3(4), code pt.public_administration.sovereign_services) and Banco de Portugal is excluded by national.PT.excluded_body (art. 3(8))");
    if (nis2i_flag(e, NIS2_FLAG_DORA_EXEMPTED))
        nis2i_reason_add(r, RJC_3_9, "flags.dora_exempted has no effect under the RJC: it has no counterpart of NIS2 Art. 2(10); art. 3(9) only leaves DORA unprejudiced");

    /* step 2: every rule */
    rules_rank1(&ev, &f);
    rules_rank2(&ev, &f);
    const char *floor_ref = rules_rep(&ev, &f);
    if (f.drsp) {
        prule *p = rule_add(&ev, K_DRSP, 1, O_MATCH, RJC_3_2_A_III);
        rule_scope(p, RJC_3_2_A_III);
        nis2i_reason_add(r, RJC_3_2_A_III, "A domain name registration service provider is in scope whatever its size (RJC art. 3(2)(a)(iii)); the RJC lists it next to, not inside, the essential and important entities (art. 35(3)): its duties are self-identification (art. 8(6)), registration data (art. 35(2)-(4)) and the domain-data duties (arts 36-37)");
    }
    if (f.keys_61d && f.desig != NIS2_DESIGNATION_ESSENTIAL) {
        if (f.pa)
            nis2i_reason_add(r, RJC_6_1_D, "Meets a criterion of RJC art. 6(1)(d); essential once qualified by the CNCS (art. 8(3)) - give the decision as flags.member_state_designation");
        else
            nis2i_reason_add(r, RJC_6_1_D, "The criteria of RJC art. 6(1)(d) concern public-administration entities of art. 3(3); they are not applied to this entity");
    } else if (f.keys_61d && !f.pa) {
        nis2i_reason_add(r, RJC_6_1_D, "The criteria of RJC art. 6(1)(d) concern public-administration entities of art. 3(3); they are not applied to this entity");
    }
    if (nis2i_flag(e, NIS2_FLAG_NIS1_OES))
        nis2i_reason_add(r, RJC_6_1, "RJC art. 6(1) has no counterpart of NIS2 Art. 3(1)(g): a former NIS1 operator of essential services is not essential for that reason");

    /* step 3: precedence */
    resolve(&ev, &f, floor_ref);
    for (size_t i = 0; i < ev.n_excl; i++)
        nis2i_verdict_add_ground(&r->nat, ev.excl_grounds[i]);
    const nis2i_verdict *v = &r->nat;
    if (f.drsp && v->cat_id != NIS2_CATEGORY_DOMAIN_REGISTRATION_ONLY && v->cat_id != NIS2_CATEGORY_OUT_OF_SCOPE)
        nis2i_reason_add(r, RJC_8_6, "The registrar duties of RJC arts 8(6), 35(2)-(4), 36 and 37 remain alongside the category");
    if (r->dir.decided_by && strcmp(r->dir.decided_by, "NIS2 Art. 3(1)(d)") == 0 && v->cat_id != NIS2_CATEGORY_ESSENTIAL)
        nis2i_reason_add(r, RJC_7_1, "Central government is not essential by itself under the RJC (no counterpart of NIS2 Art. 3(1)(d)): a public body is a relevant public entity unless a letter of art. 6 applies");
    if (strcmp(r->dir.category, v->category) != 0)
        nis2i_reason_add(r, v->decided_by ? v->decided_by : ov->law, "Under the Directive alone the entity would be %s (%s); under %s it is %s",
                         r->dir.category, r->dir.decided_by ? r->dir.decided_by : "-", ov->law, v->category);

    /* step 4: authority */
    nis2i_overlay_authority(ov, ctx, e, r);
}

const nis2i_overlay_rules nis2i_overlay_rules_pt = {
    .country = "PT",
    .load = pt_load,
    .release = pt_release,
    .check_national = NULL,      /* the generic check against overlay.national_keys is enough */
    .classify = pt_classify,
};
