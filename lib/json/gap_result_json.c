/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON edge of the gap report's typed result (rules/gap_result.h): the report document
 * (lib/schema/FORMATS.md §gap-report), key for key in the order the report has always had. */
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/compile_json.h"
#include "json/gap_json.h"
#include "json/gap_report.h"

/* A string value; strings of the result are catalog text, parsed input or text made of them: valid UTF-8. */
static json_t *str(const char *s)
{
    return s ? json_string_nocheck(s) : json_null();
}

static json_t *strs(const nis2i_gap_strs *l)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < l->n; i++)
        json_array_append_new(a, json_string_nocheck(l->v[i]));
    return a;
}

static json_t *pair(const nis2i_gap_pair *p)
{
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "from", json_string_nocheck(p->from));
    json_object_set_new_nocheck(o, "to", str(p->to));
    json_object_set_new_nocheck(o, "relationship", json_string_nocheck(p->rel));
    json_object_set_new_nocheck(o, "source", json_string_nocheck(p->source));
    return o;
}

static json_t *pairs(const nis2i_gap_pair *p, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, pair(&p[i]));
    return a;
}

/* The fresh evidence of control c: one array per control, shared by every duty that lists it (the report is
 * read-only once built). */
static json_t *fresh(const nis2i_gap_result *r, json_t **cache, uint32_t c)
{
    if (!cache[c])
        cache[c] = strs(&r->fresh[c]);
    return json_incref(cache[c]);
}

static json_t *duty(const nis2i_gap_result *r, json_t **cache, const nis2i_gap_duty *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", str(d->id));
    json_object_set_new(o, "ref", str(d->ref));
    json_object_set_new(o, "title", str(d->title));
    json_object_set_new(o, "group", str(d->group));
    json_object_set_new(o, "nature", str(d->nature));
    json_object_set_new(o, "status", json_string_nocheck(nis2i_gap_st_names[d->status]));
    json_object_set_new(o, "nis2_specific", json_boolean(d->nis2_specific));
    if (d->reason && !d->reason_after_open)
        json_object_set_new(o, "reason", str(d->reason));
    json_t *cs = json_array();
    for (size_t i = 0; i < d->n_controls; i++) {
        const nis2i_gap_ctl *c = &d->controls[i];
        json_t *cv = json_object();
        json_object_set_new_nocheck(cv, "id", json_string_nocheck(c->id));
        json_object_set_new_nocheck(cv, "title", json_string_nocheck(c->title));
        json_object_set_new_nocheck(cv, "relationship", json_string_nocheck(c->rel));
        json_object_set_new_nocheck(cv, "source", json_string_nocheck(c->source));
        json_object_set_new_nocheck(cv, "soa", json_string_nocheck(c->soa));
        json_object_set_new_nocheck(cv, "support", json_string_nocheck(c->support));
        json_object_set_new_nocheck(cv, "evidence", fresh(r, cache, c->control));
        json_object_set_new_nocheck(cv, "pairs", pairs(c->pairs, c->n_pairs));
        json_array_append_new(cs, cv);
    }
    json_object_set_new(o, "controls", cs);
    if (d->has_none)
        json_object_set_new(o, "no_relationship", pairs(d->none, d->n_none));
    json_object_set_new(o, "evidence", strs(&d->evidence));
    json_object_set_new(o, "stale_evidence", strs(&d->stale));
    json_object_set_new(o, "open", strs(&d->open));
    if (d->has_national)
        json_object_set_new(o, "national", strs(&d->national));
    if (d->reason && d->reason_after_open)
        json_object_set_new(o, "reason", str(d->reason));
    if (d->applies_because)
        json_object_set_new(o, "applies_because", str(d->applies_because));
    json_object_set_new(o, "binds", json_boolean(d->binds));
    return o;
}

static json_t *summary(const nis2i_gap_result *r)
{
    json_t *sum = json_object();
    json_object_set_new(sum, "assessed", json_integer((json_int_t)r->assessed));
    for (size_t k = 0; k < 4; k++)
        json_object_set_new(sum, nis2i_gap_st_names[k], json_integer((json_int_t)r->st[k]));
    json_object_set_new(sum, "nis2_specific_open", json_integer((json_int_t)r->specific_open));
    json_object_set_new(sum, "evidence_items", json_integer((json_int_t)r->evidence_items));
    json_object_set_new(sum, "stale_evidence", json_integer((json_int_t)r->stale_evidence));
    json_object_set_new(sum, "binding", json_integer((json_int_t)r->binding));
    json_object_set_new(sum, "binding_not_assessed", json_integer((json_int_t)r->binding_not_assessed));
    json_t *ms = json_array();
    for (size_t i = 0; i < r->n_measures; i++) {
        const nis2i_gap_measure *m = &r->measures[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", str(m->id));
        json_object_set_new(o, "ref", str(m->ref));
        json_object_set_new(o, "title", str(m->title));
        json_object_set_new(o, "status", json_string_nocheck(nis2i_gap_st_names[m->status]));
        json_object_set_new(o, "controls", json_integer((json_int_t)m->controls));
        json_object_set_new(o, "controls_supported", json_integer((json_int_t)m->supported));
        json_object_set_new(o, "controls_partly_supported", json_integer((json_int_t)m->partly));
        json_array_append_new(ms, o);
    }
    json_object_set_new(sum, "measures", ms);
    json_t *gs = json_object();
    for (size_t i = 0; i < r->n_groups; i++) {
        json_t *g = json_object();
        for (size_t k = 0; k < 4; k++)
            json_object_set_new(g, nis2i_gap_st_names[k], json_integer((json_int_t)r->groups[i].st[k]));
        json_object_set_new(gs, r->groups[i].group, g);
    }
    json_object_set_new(sum, "groups", gs);
    return sum;
}

nis2_status nis2i_gap_result_value(const nis2i_gap_result *r, json_t **out, nis2_error *err)
{
    *out = NULL;
    json_t *qs = NULL, *acts = NULL;
    nis2i_gap_questions_value(r, &qs, &acts);
    json_t **cache = calloc(r->n_controls + 1, sizeof *cache);
    if (!cache) {
        json_decref(qs);
        json_decref(acts);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    json_t *rep = json_object();
    json_object_set_new(rep, "schema", json_integer(1));
    json_object_set_new(rep, "as_of", json_string_nocheck(r->as_of));
    json_t *ent = json_object();
    json_object_set_new(ent, "name", str(r->name));
    json_object_set_new(ent, "country", str(r->country));
    json_object_set_new(ent, "category", str(r->category));
    json_object_set_new(ent, "decided_by", str(r->decided_by));
    json_object_set_new(ent, "law", str(r->law));
    json_object_set_new(ent, "ir_2024_2690", json_boolean(r->ir_2024_2690));
    json_object_set_new(rep, "entity", ent);
    json_object_set_new(rep, "questions", qs);
    json_object_set_new(rep, "actions", acts);
    json_object_set_new(rep, "summary", summary(r));
    if (r->has_cert) {
        json_t *o = json_object();
        json_object_set_new(o, "standard", str(r->cert_standard));
        json_object_set_new(o, "valid_until", json_string_nocheck(r->cert_valid_until));
        json_object_set_new(o, "scope_covers_nis2_services", json_boolean(r->cert_scope));
        if (r->cert_body)
            json_object_set_new(o, "certification_body", str(r->cert_body));
        json_object_set_new(o, "status", str(r->cert_status));
        json_object_set_new(o, "counts", json_boolean(r->cert_counts));
        json_object_set_new(rep, "certificate", o);
    } else {
        json_object_set_new(rep, "certificate", json_null());
    }
    json_t *stale = json_array();
    for (size_t i = 0; i < r->n_stale_items; i++) {
        json_t *s = json_object();
        json_object_set_new_nocheck(s, "id", str(r->stale_items[i].id));
        json_object_set_new_nocheck(s, "title", str(r->stale_items[i].title));
        json_object_set_new_nocheck(s, "reason", str(r->stale_items[i].why));
        json_array_append_new(stale, s);
    }
    json_object_set_new(rep, "stale_evidence", stale);
    json_t *obls = json_array();
    for (size_t i = 0; i < r->n_duties; i++)
        json_array_append_new(obls, duty(r, cache, &r->duties[i]));
    json_object_set_new(rep, "obligations", obls);
    json_object_set_new(rep, "library_version", str(r->library_version));
    json_object_set_new(rep, "catalog_version", str(r->catalog_version));
    if (r->ctx && nis2i_ctx_put_extensions(rep, r->ctx) != 0) {
        for (size_t c = 0; c < r->n_controls; c++)
            json_decref(cache[c]);
        free(cache);
        json_decref(rep);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    for (size_t c = 0; c < r->n_controls; c++)
        json_decref(cache[c]);
    free(cache);
    *out = rep;
    return NIS2_OK;
}
