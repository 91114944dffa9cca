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

/* ---------------------------------------------------------------- JSON */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* Integral amounts as JSON integers (10000000, not 10000000.0). */
static json_t *money(double v)
{
    if (v >= 0 && v < 9007199254740992.0 && floor(v) == v)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *copy_or_null(const json_t *v)
{
    return v ? json_deep_copy(v) : json_null();
}

static json_t *national_value(const nis2i_obligation *n)
{
    json_t *x = json_object();
    json_object_set_new(x, "id", json_string(n->id));
    json_object_set_new(x, "ref", json_string(n->ref));
    json_object_set_new(x, "title", json_string(n->title));
    json_object_set_new(x, "deadline", copy_or_null(n->deadline));
    json_object_set_new(x, "effective_from", str_or_null(n->effective_from));
    if (n->effective_from_basis)
        json_object_set_new(x, "effective_from_basis", json_deep_copy(n->effective_from_basis));
    if (n->condition)
        json_object_set_new(x, "condition", json_string(n->condition));
    json_object_set_new(x, "evidence", n->evidence ? json_deep_copy(n->evidence) : json_array());
    const json_t *off = json_object_get(n->src, "offence");
    if (json_is_object(off))
        json_object_set_new(x, "offence", json_deep_copy(off));
    return x;
}

static json_t *obligations_value(const nis2_obligations *o)
{
    if (!nis2i_ctx_doc(o->ctx))        /* the items' JSON fragments (compile/image.h) */
        return NULL;
    json_t *v = json_object();
    json_object_set_new(v, "schema", json_integer(1));
    json_object_set_new(v, "name", str_or_null(o->name));
    json_object_set_new(v, "country", json_string(o->country));
    json_object_set_new(v, "category", json_string(o->l.category));
    json_object_set_new(v, "law", json_string(o->l.law));
    json_object_set_new(v, "supervision", str_or_null(o->supervision));
    json_object_set_new(v, "supervision_ref", str_or_null(o->supervision_ref));
    json_object_set_new(v, "displaced_by", str_or_null(o->displaced_by));
    if (o->fine.exists) {
        json_t *f = json_object();
        json_object_set_new(f, "eur", o->fine.eur_known ? money(o->fine.eur) : json_null());
        json_object_set_new(f, "fixed_eur", o->fine.fixed_eur >= 0 ? money(o->fine.fixed_eur) : json_null());
        json_object_set_new(f, "turnover_share",
                            o->fine.turnover_share >= 0 ? json_real(o->fine.turnover_share) : json_null());
        json_object_set_new(f, "ref", json_string(o->fine.ref));
        if (o->fine.offence_class)
            json_object_set_new(f, "offence_class", json_string(o->fine.offence_class));
        json_object_set_new(f, "turnover_basis", str_or_null(o->turnover_basis));
        json_object_set_new(v, "max_fine", f);
    } else {
        json_object_set_new(v, "max_fine", json_null());
        json_t *why = json_object();
        json_object_set_new(why, "ref", str_or_null(o->fine_none_ref));
        json_object_set_new(why, "text", json_string(o->fine_none_text ? o->fine_none_text : ""));
        json_object_set_new(v, "max_fine_none", why);
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < o->l.n; i++) {
        const nis2i_obligation *ob = item_ob(o, i);
        const nis2i_ob_item *it = &o->l.items[i];
        json_t *x = json_object();
        json_object_set_new(x, "id", json_string(ob->id));
        json_object_set_new(x, "ref", json_string(ob->ref));
        json_object_set_new(x, "title", json_string(ob->title));
        json_object_set_new(x, "group", json_string(ob->group));
        json_object_set_new(x, "nature", json_string(ob->nature));
        json_object_set_new(x, "applies_because", json_string(nis2i_ob_because(&o->l, i)));
        if (ob->condition)
            json_object_set_new(x, "condition", json_string(ob->condition));
        /* i14: a condition the facts leave open names the fact that would settle it; one they settle says so */
        if (ob->settled_by && it->condition == NIS2I_UNKNOWN)
            json_object_set_new(x, "condition_fact", json_string(ob->settled_by));
        else if (ob->settled_by && it->condition == NIS2I_YES)
            json_object_set_new(x, "condition_settled", json_true());
        json_object_set_new(x, "deadline", copy_or_null(ob->deadline));
        json_object_set_new(x, "national", it->national_n ? national_value(item_nat(o, i, 0)) : json_null());
        if (it->national_n > 1) {
            json_t *more = json_array();
            for (size_t j = 1; j < it->national_n; j++)
                json_array_append_new(more, national_value(item_nat(o, i, j)));
            json_object_set_new(x, "national_also", more);
        }
        json_object_set_new(x, "effective_from", str_or_null(it->effective_from));
        json_object_set_new(x, "displaced_by", str_or_null(it->displaced_by));
        json_object_set_new(x, "evidence", ob->evidence ? json_deep_copy(ob->evidence) : json_array());
        json_array_append_new(arr, x);
    }
    json_object_set_new(v, "obligations", arr);
    json_object_set_new(v, "library_version", json_string(NIS2_VERSION_STRING));
    json_object_set_new(v, "catalog_version", json_string(o->ctx->catalog_version));
    if (nis2i_ctx_put_extensions(v, o->ctx) != 0) {
        json_decref(v);
        return NULL;
    }
    return v;
}

nis2_status nis2_obligations_to_json(const nis2_obligations *o, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!o || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_obligations_to_json: arguments must not be NULL");
    *out_json = NULL;
    json_t *v = obligations_value(o);
    if (!v)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    nis2_status st = nis2i_json_dump(v, flags, out_json, err);
    json_decref(v);
    return st;
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
