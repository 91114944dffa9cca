/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON edge of incidents (lib/schema/FORMATS.md §incident-deadlines, §incident-assessment): requests read into an entity and an nis2_incident, answered by the
 * typed API (api/incident.c), and the typed results written back as JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"
#include "model/incident.h"
#include "rules/calendar.h"
#include "rules/incident.h"

/* ---------------------------------------------------------------- reading */

static nis2_status read_time(const json_t *v, const char *path, nis2i_inc_time *out, nis2_error *err)
{
    if (!json_is_string(v))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: expected an RFC 3339 date-time string such as \"2026-05-04T09:30:00+01:00\", got %s", path,
                          nis2i_json_type_name(v));
    int rc = nis2i_cal_parse_rfc3339(json_string_value(v), &out->utc, &out->off);
    if (rc == NIS2I_CAL_ERR_RANGE)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: '%.40s' has a field out of range (month, day, hour, second 60, offset, or year outside "
                          "1970-9999)", path, json_string_value(v));
    if (rc)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: '%.40s' is not an RFC 3339 date-time (expected e.g. \"2026-05-04T09:30:00+01:00\" with "
                          "an offset or Z)", path, json_string_value(v));
    out->known = true;
    return NIS2_OK;
}

static nis2_status read_entity(const nis2_ctx *ctx, const json_t *doc, nis2_entity **out, nis2_error *err)
{
    const json_t *ent = json_object_get(doc, "entity");
    if (!ent)
        return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.entity", "$.entity: required (the entity, lib/schema/FORMATS.md §entity)");
    return nis2i_entity_from_value(ctx, ent, "$.entity", out, err);
}

static nis2_status bad_type(nis2_error *err, const char *path, const char *want)
{
    return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected %s", path, want);
}

static nis2_status read_number(const json_t *v, const char *path, double *out, nis2_error *err)
{
    if (!json_is_number(v))
        return bad_type(err, path, "a number >= 0");
    double d = json_number_value(v);
    if (!isfinite(d) || d < 0)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a number >= 0", path);
    if (d > 1e15)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: larger than 1e15", path);
    *out = d;
    return NIS2_OK;
}

static nis2_status read_related(const json_t *arr, nis2_incident *I, nis2_error *err)
{
    size_t i;
    const json_t *r;
    json_array_foreach(arr, i, r) {
        char base[64], path[128];
        snprintf(base, sizeof base, "$.impact.related_incidents[%zu]", i);
        if (!json_is_object(r))
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, base, "%s: expected an object {occurred_at, root_cause, "
                              "financial_loss_eur}", base);
        static const char *const related_keys[] = {"occurred_at", "root_cause", "financial_loss_eur", NULL};
        nis2_status st = nis2i_json_check_keys(r, related_keys, base, err);
        if (st)
            return st;
        nis2i_inc_time t = {0};
        double loss = 0;
        const json_t *oa = json_object_get(r, "occurred_at"), *rc = json_object_get(r, "root_cause"),
                     *fl = json_object_get(r, "financial_loss_eur");
        snprintf(path, sizeof path, "%s.occurred_at", base);
        if (!oa)
            return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, path, "%s: required", path);
        if ((st = read_time(oa, path, &t, err)))
            return st;
        if (I->known[NIS2I_FACT_OCCURRED_AT] && t.utc > I->occurred.utc)
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                              "%s: must not be later than $.impact.occurred_at (related incidents are earlier ones)",
                              path);
        snprintf(path, sizeof path, "%s.root_cause", base);
        if (!rc)
            return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, path, "%s: required", path);
        if (!json_is_string(rc) || json_string_length(rc) == 0)
            return bad_type(err, path, "a non-empty string");
        snprintf(path, sizeof path, "%s.financial_loss_eur", base);
        if (fl && (st = read_number(fl, path, &loss, err)))
            return st;
        if ((st = nis2_incident_add_related(I, t.utc, t.off, json_string_value(rc), fl != NULL, loss, err)))
            return st;
    }
    I->known[NIS2I_FACT_RELATED] = true;
    return NIS2_OK;
}

/* The `impact` object of a request into I (errors name $.impact.<fact>). */
static nis2_status read_impact(const json_t *imp, nis2_incident *I, nis2_error *err)
{
    if (!json_is_object(imp))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.impact", "$.impact: expected an object of impact facts");
    const char *key;
    const json_t *v, *related = NULL;
    json_object_foreach((json_t *)imp, key, v) {
        char path[96];
        snprintf(path, sizeof path, "$.impact.%.64s", key);
        if (strncmp(key, "x_", 2) == 0)
            continue;
        int f = nis2i_fact_index(key);
        if (f < 0)
            return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, path,
                              "%s: unknown impact fact (see lib/schema/FORMATS.md §incident-assessment; vendor extensions start with x_)", path);
        if (json_is_null(v))
            continue;
        nis2_status st = NIS2_OK;
        switch (nis2i_facts[f].type) {
        case NIS2I_FT_BOOL:
            if (!json_is_boolean(v))
                return bad_type(err, path, "true or false");
            I->v[f] = json_is_true(v) ? 1 : 0;
            break;
        case NIS2I_FT_COUNT:
            if (json_is_boolean(v))
                I->v[f] = json_is_true(v) ? 1 : 0;
            else if (!json_is_integer(v) || json_integer_value(v) < 0)
                return bad_type(err, path, "a whole number >= 0 (or true/false)");
            else
                I->v[f] = (double)json_integer_value(v);
            break;
        case NIS2I_FT_NUM:
            st = read_number(v, path, &I->v[f], err);
            break;
        case NIS2I_FT_TIME:
            st = read_time(v, path, &I->occurred, err);
            break;
        case NIS2I_FT_STR:
            if (!json_is_string(v) || json_string_length(v) == 0)
                return bad_type(err, path, "a non-empty string");
            st = nis2_incident_set_root_cause(I, json_string_value(v), err);
            break;
        case NIS2I_FT_ARRAY:
            if (!json_is_array(v))
                return bad_type(err, path, "an array of earlier incidents {occurred_at, root_cause, financial_loss_eur}");
            related = v;
            continue;                   /* read after the other facts: it is checked against occurred_at */
        }
        if (st)
            return st;
        I->known[f] = true;
    }
    nis2_status st = nis2i_impact_check_counts(I, err);
    if (!st && related)
        st = read_related(related, I, err);
    return st;
}

static nis2_status check_schema(const json_t *doc, nis2_error *err)
{
    const json_t *schema = json_object_get(doc, "schema");
    if (schema && !(json_is_integer(schema) && json_integer_value(schema) == 1))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.schema", "$.schema: expected 1 (this library reads schema 1)");
    return NIS2_OK;
}

/* ---------------------------------------------------------------- writing */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *report_value(const nis2_deadlines *d, const nis2i_report_out *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "due", r->due.known ? json_string(r->due_s) : json_null());
    json_object_set_new(o, "ref", json_string(r->ref));
    json_object_set_new(o, "relative_to", json_string(d->text.data + r->rel_off));
    json_object_set_new(o, "from", r->from.known ? json_string(r->from_s) : json_null());
    json_object_set_new(o, "law", json_string(r->law));
    json_object_set_new(o, "text", json_string(d->text.data + r->text_off));
    if (r->condition)
        json_object_set_new(o, "condition", json_string(r->condition));
    if (r->note)
        json_object_set_new(o, "note", json_string(r->note));
    if (!r->in_contract)
        json_object_set_new(o, "in_contract", json_false());
    return o;
}

static json_t *reports_value(const nis2_deadlines *d, const nis2i_report_list *l)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(a, report_value(d, &l->v[i]));
    return a;
}

static json_t *notes_value(const nis2i_inc_note *v, size_t n, const char *text, bool with_id)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "ref", str_or_null(v[i].ref));
        if (with_id && v[i].id)
            json_object_set_new(o, "id", json_string(v[i].id));
        json_object_set_new(o, "text", json_string(text + v[i].text_off));
        json_array_append_new(a, o);
    }
    return a;
}

nis2_status nis2_deadlines_to_json(const nis2_deadlines *d, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!d || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_deadlines_to_json: arguments must not be NULL");
    *out_json = NULL;
    if (flags & ~NIS2_JSON_PRETTY)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_deadlines_to_json: unknown flags 0x%x", flags);
    json_t *out = json_object();
    json_object_set_new(out, "schema", json_integer(1));
    json_object_set_new(out, "name", d->name_off == (size_t)-1 ? json_null() : json_string(d->text.data + d->name_off));
    json_object_set_new(out, "country", json_string(d->country));
    json_object_set_new(out, "category", json_string(d->category));
    json_object_set_new(out, "law", json_string(d->law));
    json_object_set_new(out, "directive_category", json_string(d->directive_category));
    json_object_set_new(out, "aware_at", json_string(d->aware_s));
    json_object_set_new(out, "reports", reports_value(d, &d->reports));
    if (d->has_directive)
        json_object_set_new(out, "directive_reports", reports_value(d, &d->directive));
    json_object_set_new(out, "notes", notes_value(d->notes, d->n_notes, d->text.data, false));
    json_object_set_new(out, "library_version", json_string(NIS2_VERSION_STRING));
    json_object_set_new(out, "catalog_version", json_string(d->ctx->catalog_version));
    nis2_status st = nis2i_ctx_put_extensions(out, d->ctx) != 0
                         ? nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory")
                         : nis2i_json_dump(out, flags, out_json, err);
    json_decref(out);
    return st;
}

nis2_status nis2_assessment_to_json(const nis2_assessment *a, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!a || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_assessment_to_json: arguments must not be NULL");
    *out_json = NULL;
    if (flags & ~NIS2_JSON_PRETTY)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_assessment_to_json: unknown flags 0x%x", flags);
    json_t *out = json_object(), *regime = json_array(), *und = json_array();
    for (size_t i = 0; i < a->n_regime; i++)
        json_array_append_new(regime, json_string(a->regime[i]));
    for (size_t i = 0; i < a->n_undecided; i++) {
        const nis2i_undecided *u = &a->undecided[i];
        json_t *o = json_object(), *miss = json_array();
        for (size_t j = 0; j < u->n_missing; j++)
            json_array_append_new(miss, json_string(u->missing[j]));
        json_object_set_new(o, "ref", json_string(u->ref));
        json_object_set_new(o, "id", json_string(u->id));
        json_object_set_new(o, "missing", miss);
        json_array_append_new(und, o);
    }
    json_t *excluded = json_null();
    if (a->excl_ref) {
        excluded = json_object();
        json_object_set_new(excluded, "ref", json_string(a->excl_ref));
        json_object_set_new(excluded, "text", json_string(a->excl_text));
    }
    json_object_set_new(out, "schema", json_integer(1));
    json_object_set_new(out, "name", a->name_off == (size_t)-1 ? json_null() : json_string(a->text.data + a->name_off));
    json_object_set_new(out, "country", json_string(a->country));
    json_object_set_new(out, "significant", json_boolean(a->n_criteria > 0));
    json_object_set_new(out, "regime", regime);
    json_object_set_new(out, "criteria", notes_value(a->criteria, a->n_criteria, a->text.data, true));
    json_object_set_new(out, "not_decided", und);
    json_object_set_new(out, "excluded_by", excluded);
    json_object_set_new(out, "notes", notes_value(a->notes, a->n_notes, a->text.data, true));
    json_object_set_new(out, "library_version", json_string(NIS2_VERSION_STRING));
    json_object_set_new(out, "catalog_version", json_string(a->ctx->catalog_version));
    nis2_status st = nis2i_ctx_put_extensions(out, a->ctx) != 0
                         ? nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory")
                         : nis2i_json_dump(out, flags, out_json, err);
    json_decref(out);
    return st;
}

/* ---------------------------------------------------------------- the JSON entry points */

static const char *const deadline_keys[] = {"schema", "entity", "aware_at", "notified_at", "impact_ended_at",
                                            "end_of_impact_notified_at", "impact", NULL};
static const char *const assess_keys[] = {"schema", "entity", "impact", "aware_at", "notified_at", "impact_ended_at",
                                          "end_of_impact_notified_at", NULL};

/* The times of an incident document ($.aware_at, $.notified_at, …), in that order; null or absent is "not given".
 * need_aware: $.aware_at is required (deadlines), and its absence is reported before any later time is read. */
static nis2_status read_times(const json_t *doc, nis2_incident *inc, bool need_aware, nis2_error *err)
{
    for (int f = 0; f < NIS2I_FROM_REQUEST; f++) {
        const json_t *v = json_object_get(doc, nis2i_inc_from_names[f]);
        if (!v || json_is_null(v)) {
            if (need_aware && f == NIS2I_FROM_AWARE)
                return nis2i_deadlines_check(inc, err);   /* $.aware_at: required */
            continue;
        }
        char path[64];
        snprintf(path, sizeof path, "$.%s", nis2i_inc_from_names[f]);
        nis2_status st = read_time(v, path, &inc->t[f], err);
        if (st)
            return st;
    }
    return NIS2_OK;
}

nis2_status nis2_incident_deadlines_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                         char **out_json, nis2_error *err)
{
    if (!ctx || !json || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_deadlines_json: ctx, json and out_json must not be NULL");
    *out_json = NULL;
    if (flags & ~NIS2_JSON_PRETTY)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_deadlines_json: unknown flags 0x%x", flags);
    json_t *doc;
    nis2_status st = nis2i_json_parse(json, len, &doc, err);
    if (st)
        return st;
    nis2_entity *e = NULL;
    nis2_incident *inc = NULL;
    nis2_deadlines *d = NULL;
    if ((st = nis2_incident_new(&inc, err)))
        goto done;
    if (!json_is_object(doc)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$", "$: expected an incident object {entity, aware_at, …}");
        goto done;
    }
    if ((st = nis2i_json_check_keys(doc, deadline_keys, "$", err)))
        goto done;
    /* An impact is validated too, so that one incident document serves both commands. */
    const json_t *imp = json_object_get(doc, "impact");
    if (imp && (st = read_impact(imp, inc, err)))
        goto done;
    if ((st = check_schema(doc, err)) || (st = read_entity(ctx, doc, &e, err)))
        goto done;
    if ((st = read_times(doc, inc, true, err)))
        goto done;
    if ((st = nis2_incident_deadlines(ctx, e, inc, &d, err)))
        goto done;
    st = nis2_deadlines_to_json(d, flags, out_json, err);
done:
    nis2_deadlines_free(d);
    nis2_incident_free(inc);
    nis2_entity_free(e);
    json_decref(doc);
    return st;
}

nis2_status nis2_incident_assess_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags,
                                      char **out_json, nis2_error *err)
{
    if (!ctx || !json || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_assess_json: ctx, json and out_json must not be NULL");
    *out_json = NULL;
    if (flags & ~NIS2_JSON_PRETTY)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_assess_json: unknown flags 0x%x", flags);
    if (!ctx->inc || !ctx->inc->has_sig)
        return nis2i_fail(err, NIS2_ERR_UNSUPPORTED, NULL, "the catalog has no significance tables ($.significance)");
    json_t *doc;
    nis2_status st = nis2i_json_parse(json, len, &doc, err);
    if (st)
        return st;
    nis2_entity *e = NULL;
    nis2_incident *inc = NULL;
    nis2_assessment *a = NULL;
    if ((st = nis2_incident_new(&inc, err)))
        goto done;
    if (!json_is_object(doc)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$", "$: expected an assessment object {entity, impact}");
        goto done;
    }
    if ((st = nis2i_json_check_keys(doc, assess_keys, "$", err)))
        goto done;
    /* The times of a deadlines request are validated, so that one incident document serves both commands. */
    if ((st = read_times(doc, inc, false, err)))
        goto done;
    if ((st = check_schema(doc, err)) || (st = read_entity(ctx, doc, &e, err)))
        goto done;
    const json_t *imp = json_object_get(doc, "impact");
    if (!imp) {
        st = nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.impact", "$.impact: required (the facts of the incident)");
        goto done;
    }
    if ((st = read_impact(imp, inc, err)) || (st = nis2_incident_assess(ctx, e, inc, &a, err)))
        goto done;
    st = nis2_assessment_to_json(a, flags, out_json, err);
done:
    nis2_assessment_free(a);
    nis2_incident_free(inc);
    nis2_entity_free(e);
    json_decref(doc);
    return st;
}
