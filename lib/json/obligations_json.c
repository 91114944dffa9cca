/* SPDX-License-Identifier: Apache-2.0 */
/* The public obligations list (include/nis2/obligations.h) and its JSON edge (lib/schema/FORMATS.md §obligations). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "model/names.h"
#include "model/result.h"
#include "util/utf8.h"
#include "rules/obligations.h"
#include "jw.h"

struct nis2_obligations {
    const nis2_ctx *ctx;         /* reference held: items borrow catalog strings */
    char *name;
    char country[3];
    nis2i_ob_list l;
    const char *supervision, *supervision_ref;
    nis2i_max_fine fine;
    const char *fine_none_ref, *fine_none_text;   /* why max_fine is null */
    const char *displaced_by;    /* lex specialis of the whole regime (Directive, DORA) */
    const char *turnover_basis;
};

static const nis2i_obligation *item_ob(const nis2_obligations *o, size_t i)
{
    return &o->ctx->obl->items[o->l.items[i].ob];
}

static const nis2i_obligation *item_nat(const nis2_obligations *o, size_t i, size_t j)
{
    if (j >= o->l.items[i].national_n)
        return NULL;
    return &o->ctx->obl->items[o->l.items[i].national[j]];
}

nis2_status nis2_obligations_select(const nis2_ctx *ctx, const nis2_entity *e, const nis2_result *cls,
                                    nis2_obligations **out, nis2_error *err)
{
    if (!ctx || !e || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_obligations_select: arguments must not be NULL");
    *out = NULL;
    if (e->ctx != ctx || (cls && cls->ctx != ctx))
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_obligations_select: the entity and the result must come from this context");
    nis2_result *own = NULL;
    nis2_status st;
    if (!cls) {
        if ((st = nis2_classify(ctx, e, &own, err)))
            return st;
        cls = own;
    }
    nis2_obligations *o = calloc(1, sizeof *o);
    if (!o) {
        nis2_result_free(own);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    o->ctx = nis2i_ctx_ref(ctx);
    memcpy(o->country, cls->country, sizeof o->country);
    if (cls->name && !(o->name = nis2i_strdup(cls->name))) {
        st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    if ((st = nis2i_obligations_select(ctx, e, cls, &o->l, err)))
        goto fail;

    o->displaced_by = nis2i_obligations_dora(ctx, e, &o->l);
    if (!o->displaced_by)
        o->supervision = nis2i_obligations_supervision(ctx, &o->l, &o->supervision_ref);
    if (o->displaced_by) {
        o->fine_none_ref = "NIS2 Art. 4(1)";
        o->fine_none_text = "Chapter VII supervision and Art. 34 fines are displaced by the lex specialis";
    } else if (o->l.overlay < 0 && nis2i_obligations_public_administration(ctx, e) &&
               (o->l.cat_id == NIS2_CATEGORY_ESSENTIAL || o->l.cat_id == NIS2_CATEGORY_IMPORTANT)) {
        o->fine_none_ref = "NIS2 Art. 34(7)";
        o->fine_none_text = "each Member State decides whether and how far public administration entities can be fined";
    } else if (!nis2i_obligations_max_fine(ctx, e, &o->l, &o->fine)) {
        if (o->l.n == 0) {
            o->fine_none_ref = NULL;
            o->fine_none_text = "no NIS2 duties bind the entity";
        } else if (o->l.overlay < 0) {
            o->fine_none_ref = "NIS2 Art. 36";
            o->fine_none_text = "the Directive sets no amount for this category; penalties are set by national law";
        } else {
            o->fine_none_ref = o->l.law;
            o->fine_none_text = "the national law sets no fine bracket for this category";
        }
    }
    if (o->fine.exists && o->fine.turnover_share >= 0)
        o->turnover_basis = o->l.overlay < 0
                                ? "total worldwide annual turnover of the undertaking the entity belongs to, preceding "
                                  "financial year (turnover_eur)"
                                : "worldwide annual turnover of the entity itself, previous financial year (turnover_eur)";
    nis2_result_free(own);
    *out = o;
    return NIS2_OK;
fail:
    nis2_result_free(own);
    nis2_obligations_free(o);
    return st;
}

void nis2_obligations_free(nis2_obligations *o)
{
    if (!o)
        return;
    nis2i_ob_list_free(&o->l);
    free(o->name);
    nis2i_ctx_unref(o->ctx);
    free(o);
}

const char *nis2_obligations_category(const nis2_obligations *o)
{
    return o ? o->l.category : NULL;
}

const char *nis2_obligations_law(const nis2_obligations *o)
{
    return o ? o->l.law : NULL;
}

const char *nis2_obligations_supervision(const nis2_obligations *o)
{
    return o ? o->supervision : NULL;
}

int nis2_obligations_max_fine_eur(const nis2_obligations *o, double *eur)
{
    if (!o || !o->fine.exists || !o->fine.eur_known)
        return 0;
    if (eur)
        *eur = o->fine.eur;
    return 1;
}

double nis2_obligations_max_fine_fixed_eur(const nis2_obligations *o)
{
    return o && o->fine.exists ? o->fine.fixed_eur : -1;
}

double nis2_obligations_max_fine_turnover_share(const nis2_obligations *o)
{
    return o && o->fine.exists ? o->fine.turnover_share : -1;
}

const char *nis2_obligations_max_fine_ref(const nis2_obligations *o)
{
    return o && o->fine.exists ? o->fine.ref : NULL;
}

size_t nis2_obligations_count(const nis2_obligations *o)
{
    return o ? o->l.n : 0;
}

#define ITEM_OK(o, i) ((o) && (i) < (o)->l.n)

const char *nis2_obligations_id(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->id : NULL;
}

const char *nis2_obligations_ref(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->ref : NULL;
}

const char *nis2_obligations_title(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->title : NULL;
}

const char *nis2_obligations_applies_because(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? nis2i_ob_because(&o->l, i) : NULL;
}

const char *nis2_obligations_deadline(const nis2_obligations *o, size_t i)
{
    if (!ITEM_OK(o, i))
        return NULL;
    for (size_t j = 0; j < o->l.items[i].national_n; j++)
        if (item_nat(o, i, j)->deadline_text)
            return item_nat(o, i, j)->deadline_text;
    return item_ob(o, i)->deadline_text;
}

const char *nis2_obligations_effective_from(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? o->l.items[i].effective_from : NULL;
}

const char *nis2_obligations_displaced_by(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? o->l.items[i].displaced_by : NULL;
}

size_t nis2_obligations_national_count(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? o->l.items[i].national_n : 0;
}

const char *nis2_obligations_national_id(const nis2_obligations *o, size_t i, size_t j)
{
    const nis2i_obligation *n = ITEM_OK(o, i) ? item_nat(o, i, j) : NULL;
    return n ? n->id : NULL;
}

const char *nis2_obligations_national_ref(const nis2_obligations *o, size_t i, size_t j)
{
    const nis2i_obligation *n = ITEM_OK(o, i) ? item_nat(o, i, j) : NULL;
    return n ? n->ref : NULL;
}


/* ---------------------------------------------------------------- i14: NIS2_1.1 getters */

static uint32_t id_in(const char *s, const char *const *names, size_t n, uint32_t other)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (uint32_t)i + 1;
    return other;
}

static const char *const nature_names[] = {"mandatory", "on_request", "conditional", "optional", "status",
                                           "encouraged", "member_state_option"};
static const char *const group_names[] = {"registration", "governance", "risk_management", "incident_reporting",
                                          "certification", "domain_registration_data", "information_sharing",
                                          "supervision", "penalties"};

const char *nis2_obligations_name(const nis2_obligations *o) { return o ? o->name : NULL; }
const char *nis2_obligations_country(const nis2_obligations *o) { return o ? o->country : NULL; }
uint32_t nis2_obligations_category_code(const nis2_obligations *o)
{
    if (!o)
        return NIS2_CATEGORY_UNDETERMINED;
    if (o->l.cat_id != NIS2_CATEGORY_NATIONAL)
        return o->l.cat_id;
    return o->l.overlay >= 0 && (size_t)o->l.overlay < o->ctx->n_overlays
               ? nis2i_category_code_in(&o->ctx->overlays[o->l.overlay], o->l.category) : NIS2_CATEGORY_NATIONAL;
}
uint32_t nis2_obligations_supervision_id(const nis2_obligations *o)
{
    static const char *const regimes[] = {"ex_ante_and_ex_post", "ex_post"};
    if (!o || !o->supervision)
        return NIS2_SUPERVISION_NONE;
    return id_in(o->supervision, regimes, 2, NIS2_SUPERVISION_OTHER);
}
const char *nis2_obligations_supervision_ref(const nis2_obligations *o) { return o ? o->supervision_ref : NULL; }
const char *nis2_obligations_regime_displaced_by(const nis2_obligations *o) { return o ? o->displaced_by : NULL; }
int nis2_obligations_has_max_fine(const nis2_obligations *o) { return o && o->fine.exists; }
int nis2_obligations_max_fine_fixed(const nis2_obligations *o, double *eur)
{
    if (!o || !o->fine.exists || o->fine.fixed_eur < 0)
        return 0;
    if (eur)
        *eur = o->fine.fixed_eur;
    return 1;
}
int nis2_obligations_max_fine_share(const nis2_obligations *o, double *share)
{
    if (!o || !o->fine.exists || o->fine.turnover_share < 0)
        return 0;
    if (share)
        *share = o->fine.turnover_share;
    return 1;
}
const char *nis2_obligations_max_fine_offence_class(const nis2_obligations *o)
{
    return o && o->fine.exists ? o->fine.offence_class : NULL;
}
const char *nis2_obligations_max_fine_turnover_basis(const nis2_obligations *o) { return o ? o->turnover_basis : NULL; }
const char *nis2_obligations_max_fine_none_ref(const nis2_obligations *o)
{
    return o && !o->fine.exists ? o->fine_none_ref : NULL;
}
const char *nis2_obligations_max_fine_none_text(const nis2_obligations *o)
{
    return o && !o->fine.exists ? (o->fine_none_text ? o->fine_none_text : "") : NULL;
}

const char *nis2_obligations_nature(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->nature : NULL;
}
uint32_t nis2_obligations_nature_id(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? id_in(item_ob(o, i)->nature, nature_names, 7, NIS2_NATURE_OTHER) : NIS2_NATURE_OTHER;
}
const char *nis2_obligations_group(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->group : NULL;
}
uint32_t nis2_obligations_group_id(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? id_in(item_ob(o, i)->group, group_names, 9, NIS2_GROUP_OTHER) : NIS2_GROUP_OTHER;
}
const char *nis2_obligations_condition(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->condition : NULL;
}
const char *nis2_obligations_condition_fact(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) && o->l.items[i].condition == NIS2I_UNKNOWN ? item_ob(o, i)->settled_by : NULL;
}
int nis2_obligations_condition_settled(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) && item_ob(o, i)->settled_by && o->l.items[i].condition == NIS2I_YES;
}
const char *nis2_obligations_deadline_text(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->deadline_text : NULL;
}
const char *nis2_obligations_deadline_from(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? item_ob(o, i)->deadline_from : NULL;
}
int nis2_obligations_deadline_period(const nis2_obligations *o, size_t i, uint32_t *unit, double *amount)
{
    if (!ITEM_OK(o, i) || !item_ob(o, i)->deadline_unit)
        return 0;
    if (unit)
        *unit = item_ob(o, i)->deadline_unit;     /* NIS2I_OBUNIT_* = NIS2_UNIT_* */
    if (amount)
        *amount = item_ob(o, i)->deadline_amount;
    return 1;
}
static size_t ev_count(const nis2i_obligation *ob) { return ob ? ob->n_evidence : 0; }
static const char *ev_at(const nis2i_obligation *ob, size_t j)
{
    return j < ev_count(ob) ? ob->evidence_ids[j] : NULL;
}
size_t nis2_obligations_evidence_count(const nis2_obligations *o, size_t i)
{
    return ITEM_OK(o, i) ? ev_count(item_ob(o, i)) : 0;
}
const char *nis2_obligations_evidence_at(const nis2_obligations *o, size_t i, size_t j)
{
    return ITEM_OK(o, i) ? ev_at(item_ob(o, i), j) : NULL;
}
#define NAT(o, i, j) (ITEM_OK(o, i) ? item_nat(o, i, j) : NULL)
const char *nis2_obligations_national_title(const nis2_obligations *o, size_t i, size_t j)
{
    const nis2i_obligation *n = NAT(o, i, j);
    return n ? n->title : NULL;
}
const char *nis2_obligations_national_deadline(const nis2_obligations *o, size_t i, size_t j)
{
    const nis2i_obligation *n = NAT(o, i, j);
    return n ? n->deadline_text : NULL;
}
const char *nis2_obligations_national_effective_from(const nis2_obligations *o, size_t i, size_t j)
{
    const nis2i_obligation *n = NAT(o, i, j);
    return n ? n->effective_from : NULL;
}
const char *nis2_obligations_national_condition(const nis2_obligations *o, size_t i, size_t j)
{
    const nis2i_obligation *n = NAT(o, i, j);
    return n ? n->condition : NULL;
}
size_t nis2_obligations_national_evidence_count(const nis2_obligations *o, size_t i, size_t j)
{
    return ev_count(NAT(o, i, j));
}
const char *nis2_obligations_national_evidence_at(const nis2_obligations *o, size_t i, size_t j, size_t k)
{
    return ev_at(NAT(o, i, j), k);
}
/* ---------------------------------------------------------------- end i14 */

/* ---------------------------------------------------------------- JSON
 *
 * The output is written as text, byte for byte what json_dumps() wrote of the tree this file built before
 * (nis2i_json_dump: JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15), JSON_COMPACT or JSON_INDENT(2)): keys in this
 * order, "," and ":" (compact) or "," + new line and ": " (pretty), reals as jansson formats them, and a key whose
 * value jansson would not have made (a NULL or not-UTF-8 string, a non-finite real) left out as
 * json_object_set_new() left it out. The catalog's verbatim members come as compact text prepared by the compiler
 * (model/obligations.h), re-indented here for the pretty form. tests/unit/test_obligations.c compares both forms
 * with json_dumps() of the same document. */

#define OW_MAX_DEPTH 16

typedef struct ow {
    nis2i_jw o;                  /* the shared string writer (lib/json/jw.h) */
    size_t indent;               /* 0: compact, else 2 */
    size_t depth;
    bool first[OW_MAX_DEPTH];    /* no member written yet in the container open at this depth */
    size_t mark_len;             /* ow_key(): where the key began, for ow_end() to take it back */
    bool mark_first;
} ow;

static inline void ow_put(ow *w, const char *s, size_t n)
{
    nis2i_jw_put(&w->o, s, n);
}

static void ow_newline(ow *w, size_t depth)
{
    nis2i_jw_newline(&w->o, w->indent, depth);
}

/* A separator before the next member of the open container. */
static void ow_sep(ow *w)
{
    if (!w->first[w->depth])
        ow_put(w, ",", 1);
    w->first[w->depth] = false;
    ow_newline(w, w->depth);
}

/* Open a container known to be non-empty ('{' or '['); ow_close() closes it. */
static void ow_open(ow *w, char c)
{
    ow_put(w, &c, 1);
    if (w->depth + 1 < OW_MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = true;
}

static void ow_close(ow *w, char c)
{
    w->depth--;
    ow_newline(w, w->depth);
    ow_put(w, &c, 1);
}

/* A key (plain ASCII, written as it is); the value follows, then ow_end(). */
static void ow_key(ow *w, const char *k)
{
    w->mark_len = w->o.b->len;
    w->mark_first = w->first[w->depth];
    ow_sep(w);
    ow_put(w, "\"", 1);
    ow_put(w, k, strlen(k));
    ow_put(w, w->indent ? "\": " : "\":", w->indent ? 3 : 2);
}

/* After a key's value: a value jansson would not have made takes the key back (it was never set). */
static void ow_end(ow *w)
{
    if (!w->o.bad)
        return;
    w->o.b->len = w->mark_len;
    w->first[w->depth] = w->mark_first;
    w->o.bad = false;
}

static void ow_str(ow *w, const char *s)
{
    if (s)
        nis2i_jw_str(&w->o, s, strlen(s));
    else
        ow_put(w, "null", 4);
}

/* "key": string, or the key left out for NULL (json_string(NULL) makes no value). */
static void ow_kstr(ow *w, const char *k, const char *s)
{
    ow_key(w, k);
    if (!s)
        w->o.bad = true;
    else
        ow_str(w, s);
    ow_end(w);
}

/* "key": string or null. */
static void ow_kstr_null(ow *w, const char *k, const char *s)
{
    ow_key(w, k);
    ow_str(w, s);
    ow_end(w);
}

static void ow_int(ow *w, long long v)
{
    char d[32];
    int n = snprintf(d, sizeof d, "%lld", v);
    ow_put(w, d, n > 0 ? (size_t)n : 0);
}

/* A real as json_dumps() writes it with JSON_REAL_PRECISION(15) ("%.15g", ".0" added to an integral value; a
 * form with an exponent or another decimal sign is left to jansson itself). Non-finite: no value. */
static void ow_real(ow *w, double v)
{
    if (!isfinite(v)) {
        w->o.bad = true;
        return;
    }
    char d[40];
    int n = snprintf(d, sizeof d, "%.15g", v);
    bool plain = n > 0 && (size_t)n < sizeof d - 2, dot = false;
    for (int i = 0; plain && i < n; i++) {
        if (d[i] == '.')
            dot = true;
        else if ((d[i] < '0' || d[i] > '9') && !(i == 0 && d[i] == '-'))
            plain = false;
    }
    if (plain) {
        if (!dot) {
            memcpy(d + n, ".0", 2);
            n += 2;
        }
        ow_put(w, d, (size_t)n);
        return;
    }
    json_t *r = json_real(v);
    char *t = r ? json_dumps(r, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(r);
    if (t)
        ow_put(w, t, strlen(t));
    else
        w->o.b->oom = true;
    free(t);
}

/* Integral amounts as JSON integers (10000000, not 10000000.0). */
static void ow_money(ow *w, double v)
{
    if (v >= 0 && v < 9007199254740992.0 && floor(v) == v)
        ow_int(w, (long long)v);
    else
        ow_real(w, v);
}

/* Compact JSON text (model/obligations.h: *_json) as a value at the current depth: as it is when compact; when
 * pretty, laid out as JSON_INDENT(2) lays it out (the text has no white space outside its strings). NULL: dflt. */
static void ow_raw(ow *w, const char *s, const char *dflt)
{
    if (!s)
        s = dflt;
    if (!w->indent) {
        ow_put(w, s, strlen(s));
        return;
    }
    size_t d = w->depth;
    const char *run = s, *p = s;
    for (; *p; p++) {
        switch (*p) {
        case '"':
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (!*p)
                p--;
            break;
        case '{':
        case '[':
            if (p[1] == '}' || p[1] == ']') {          /* an empty container stays "{}" / "[]" */
                p++;
                break;
            }
            ow_put(w, run, (size_t)(p + 1 - run));
            ow_newline(w, ++d);
            run = p + 1;
            break;
        case '}':
        case ']':
            ow_put(w, run, (size_t)(p - run));
            ow_newline(w, d ? --d : d);
            run = p;
            break;
        case ',':
            ow_put(w, run, (size_t)(p + 1 - run));
            ow_newline(w, d);
            run = p + 1;
            break;
        case ':':
            ow_put(w, run, (size_t)(p + 1 - run));
            ow_put(w, " ", 1);
            run = p + 1;
            break;
        default:
            break;
        }
    }
    ow_put(w, run, (size_t)(p - run));
}

static void ow_kraw(ow *w, const char *k, const char *s, const char *dflt)
{
    ow_key(w, k);
    ow_raw(w, s, dflt);
    ow_end(w);
}

static void national_write(ow *w, const nis2i_obligation *n)
{
    ow_open(w, '{');
    ow_kstr(w, "id", n->id);
    ow_kstr(w, "ref", n->ref);
    ow_kstr(w, "title", n->title);
    ow_kraw(w, "deadline", n->deadline_json, "null");
    ow_kstr_null(w, "effective_from", n->effective_from);
    if (n->effective_from_basis_json)
        ow_kraw(w, "effective_from_basis", n->effective_from_basis_json, NULL);
    if (n->condition)
        ow_kstr(w, "condition", n->condition);
    ow_kraw(w, "evidence", n->evidence_json, "[]");
    if (n->offence_json)
        ow_kraw(w, "offence", n->offence_json, NULL);
    ow_close(w, '}');
}

static void obligations_write(ow *w, const nis2_obligations *o)
{
    ow_open(w, '{');
    ow_key(w, "schema");
    ow_int(w, 1);
    ow_end(w);
    ow_kstr_null(w, "name", o->name);
    ow_kstr(w, "country", o->country);
    ow_kstr(w, "category", o->l.category);
    ow_kstr(w, "law", o->l.law);
    ow_kstr_null(w, "supervision", o->supervision);
    ow_kstr_null(w, "supervision_ref", o->supervision_ref);
    ow_kstr_null(w, "displaced_by", o->displaced_by);
    if (o->fine.exists) {
        ow_key(w, "max_fine");
        ow_open(w, '{');
        ow_key(w, "eur");
        if (o->fine.eur_known)
            ow_money(w, o->fine.eur);
        else
            ow_put(w, "null", 4);
        ow_end(w);
        ow_key(w, "fixed_eur");
        if (o->fine.fixed_eur >= 0)
            ow_money(w, o->fine.fixed_eur);
        else
            ow_put(w, "null", 4);
        ow_end(w);
        ow_key(w, "turnover_share");
        if (o->fine.turnover_share >= 0)
            ow_real(w, o->fine.turnover_share);
        else
            ow_put(w, "null", 4);
        ow_end(w);
        ow_kstr(w, "ref", o->fine.ref);
        if (o->fine.offence_class)
            ow_kstr(w, "offence_class", o->fine.offence_class);
        ow_kstr_null(w, "turnover_basis", o->turnover_basis);
        ow_close(w, '}');
        ow_end(w);
    } else {
        ow_kraw(w, "max_fine", NULL, "null");
        ow_key(w, "max_fine_none");
        ow_open(w, '{');
        ow_kstr_null(w, "ref", o->fine_none_ref);
        ow_kstr(w, "text", o->fine_none_text ? o->fine_none_text : "");
        ow_close(w, '}');
        ow_end(w);
    }
    ow_key(w, "obligations");
    if (o->l.n == 0)
        ow_put(w, "[]", 2);
    else
        ow_open(w, '[');
    for (size_t i = 0; i < o->l.n; i++) {
        const nis2i_obligation *ob = item_ob(o, i);
        const nis2i_ob_item *it = &o->l.items[i];
        ow_sep(w);
        ow_open(w, '{');
        ow_kstr(w, "id", ob->id);
        ow_kstr(w, "ref", ob->ref);
        ow_kstr(w, "title", ob->title);
        ow_kstr(w, "group", ob->group);
        ow_kstr(w, "nature", ob->nature);
        ow_kstr(w, "applies_because", nis2i_ob_because(&o->l, i));
        if (ob->condition)
            ow_kstr(w, "condition", ob->condition);
        /* i14: a condition the facts leave open names the fact that would settle it; one they settle says so */
        if (ob->settled_by && it->condition == NIS2I_UNKNOWN)
            ow_kstr(w, "condition_fact", ob->settled_by);
        else if (ob->settled_by && it->condition == NIS2I_YES)
            ow_kraw(w, "condition_settled", "true", NULL);
        ow_kraw(w, "deadline", ob->deadline_json, "null");
        ow_key(w, "national");
        if (it->national_n)
            national_write(w, item_nat(o, i, 0));
        else
            ow_put(w, "null", 4);
        ow_end(w);
        if (it->national_n > 1) {
            ow_key(w, "national_also");
            ow_open(w, '[');
            for (size_t j = 1; j < it->national_n; j++) {
                ow_sep(w);
                national_write(w, item_nat(o, i, j));
            }
            ow_close(w, ']');
            ow_end(w);
        }
        ow_kstr_null(w, "effective_from", it->effective_from);
        ow_kstr_null(w, "displaced_by", it->displaced_by);
        ow_kraw(w, "evidence", ob->evidence_json, "[]");
        ow_close(w, '}');
    }
    if (o->l.n)
        ow_close(w, ']');
    ow_end(w);
    ow_kstr(w, "library_version", NIS2_VERSION_STRING);
    ow_kstr(w, "catalog_version", o->ctx->catalog_version);
    if (o->ctx->n_ext) {
        ow_key(w, "catalog_extensions");
        ow_open(w, '[');
        for (size_t i = 0; i < o->ctx->n_ext; i++) {
            ow_sep(w);
            ow_open(w, '{');
            ow_kstr(w, "name", o->ctx->ext_names[i]);
            ow_kstr(w, "version", o->ctx->ext_versions[i]);
            ow_close(w, '}');
        }
        ow_close(w, ']');
        ow_end(w);
    }
    ow_close(w, '}');
}

nis2_status nis2_obligations_to_json(const nis2_obligations *o, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!o || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_obligations_to_json: arguments must not be NULL");
    *out_json = NULL;
    nis2i_buf b = {0};
    ow w = {.o = {.b = &b, .bad = false}, .indent = (flags & NIS2_JSON_PRETTY) ? 2 : 0};
    obligations_write(&w, o);
    nis2i_buf_put(&b, "", 1);
    if (b.oom) {
        nis2i_buf_free(&b);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory while writing JSON");
    }
    *out_json = b.data;
    return NIS2_OK;
}

nis2_status nis2_obligations_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out_json,
                                  nis2_error *err)
{
    if (!ctx || !json || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_obligations_json: arguments must not be NULL");
    *out_json = NULL;
    nis2_entity *e;
    nis2_status st = nis2_entity_from_json(ctx, json, len, &e, err);
    if (st)
        return st;
    nis2_obligations *o;
    st = nis2_obligations_select(ctx, e, NULL, &o, err);
    nis2_entity_free(e);
    if (st)
        return st;
    st = nis2_obligations_to_json(o, flags, out_json, err);
    nis2_obligations_free(o);
    return st;
}
