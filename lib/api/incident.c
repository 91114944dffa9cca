/* SPDX-License-Identifier: Apache-2.0 */
/* The typed incident API: the facts object and its setters, nis2_incident_deadlines(), nis2_incident_assess(),
 * and the getters of the two results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "rules/calendar.h"
#include "rules/incident.h"

static const char *const time_names[] = {"aware_at", "notified_at", "impact_ended_at", "end_of_impact_notified_at",
                                         "impact.occurred_at"};
#define N_TIMES (sizeof time_names / sizeof time_names[0])

nis2_status nis2_incident_new(nis2_incident **out, nis2_error *err)
{
    if (!out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_new: out must not be NULL");
    *out = calloc(1, sizeof **out);
    if (!*out)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    return NIS2_OK;
}

void nis2_incident_free(nis2_incident *inc)
{
    if (!inc)
        return;
    nis2i_incident_facts_free(inc);
    free(inc);
}

static nis2i_inc_time *time_slot(nis2_incident *inc, uint32_t which)
{
    return which == NIS2_INCIDENT_OCCURRED_AT ? &inc->occurred : &inc->t[which];
}

static nis2_status check_time(const char *path, int64_t utc, int32_t off, nis2_error *err)
{
    /* Years 1970 to 9999 in local time, as the RFC 3339 reader accepts (a day either side in UTC). */
    if (utc < -86400 || utc > INT64_C(253402300799) + 86400 || off <= -86400 || off >= 86400 || off % 60 != 0)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: out of range (seconds since the epoch from 1970 to 9999, an offset under 24 hours in "
                          "whole minutes)", path);
    return NIS2_OK;
}

nis2_status nis2_incident_set_time(nis2_incident *inc, uint32_t which, int64_t utc, int32_t off, nis2_error *err)
{
    if (!inc || which >= N_TIMES)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_set_time: inc must not be NULL and which a NIS2_INCIDENT_* time (got %u)", which);
    char path[40];
    snprintf(path, sizeof path, "$.%s", time_names[which]);
    nis2_status st = check_time(path, utc, off, err);
    if (st)
        return st;
    *time_slot(inc, which) = (nis2i_inc_time){true, utc, off};
    if (which == NIS2_INCIDENT_OCCURRED_AT)
        inc->known[NIS2I_FACT_OCCURRED_AT] = true;
    return NIS2_OK;
}

nis2_status nis2_incident_set_time_rfc3339(nis2_incident *inc, uint32_t which, const char *s, nis2_error *err)
{
    if (!inc || which >= N_TIMES || !s)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_set_time_rfc3339: inc and the text must not be NULL and which a NIS2_INCIDENT_* "
                          "time (got %u)", which);
    char path[40];
    snprintf(path, sizeof path, "$.%s", time_names[which]);
    int64_t utc;
    int32_t off;
    int rc = nis2i_cal_parse_rfc3339(s, &utc, &off);
    if (rc == NIS2I_CAL_ERR_RANGE)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: '%.40s' has a field out of range (month, day, hour, second 60, offset, or year outside "
                          "1970-9999)", path, s);
    if (rc)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                          "%s: '%.40s' is not an RFC 3339 date-time (expected e.g. \"2026-05-04T09:30:00+01:00\" with "
                          "an offset or Z)", path, s);
    *time_slot(inc, which) = (nis2i_inc_time){true, utc, off};
    if (which == NIS2_INCIDENT_OCCURRED_AT)
        inc->known[NIS2I_FACT_OCCURRED_AT] = true;
    return NIS2_OK;
}

nis2_status nis2_incident_unset_time(nis2_incident *inc, uint32_t which, nis2_error *err)
{
    if (!inc || which >= N_TIMES)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_unset_time: inc must not be NULL and which a NIS2_INCIDENT_* time (got %u)", which);
    *time_slot(inc, which) = (nis2i_inc_time){0};
    if (which == NIS2_INCIDENT_OCCURRED_AT)
        inc->known[NIS2I_FACT_OCCURRED_AT] = false;
    return NIS2_OK;
}

static nis2_status check_loss(const char *path, double v, nis2_error *err)
{
    if (!isfinite(v) || v < 0)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a number >= 0", path);
    if (v > 1e15)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: larger than 1e15", path);
    return NIS2_OK;
}

nis2_status nis2_incident_set_number(nis2_incident *inc, uint32_t fact, double v, nis2_error *err)
{
    if (!inc || fact >= NIS2I_N_FACTS ||
        (nis2i_facts[fact].type != NIS2I_FT_NUM && nis2i_facts[fact].type != NIS2I_FT_COUNT))
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_set_number: inc must not be NULL and fact a numeric NIS2_IMPACT_* fact (got %u)",
                          fact);
    char path[64];
    snprintf(path, sizeof path, "$.impact.%s", nis2i_facts[fact].name);
    nis2_status st = check_loss(path, v, err);
    if (st)
        return st;
    if (nis2i_facts[fact].type == NIS2I_FT_COUNT && v != floor(v))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a whole number >= 0 (or true/false)", path);
    inc->v[fact] = v;
    inc->known[fact] = true;
    return NIS2_OK;
}

nis2_status nis2_incident_set_bool(nis2_incident *inc, uint32_t fact, int value, nis2_error *err)
{
    if (!inc || fact >= NIS2I_N_FACTS ||
        (nis2i_facts[fact].type != NIS2I_FT_BOOL && nis2i_facts[fact].type != NIS2I_FT_COUNT))
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_set_bool: inc must not be NULL and fact a boolean NIS2_IMPACT_* fact (got %u)",
                          fact);
    if (value != 0 && value != 1)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, NULL, "$.impact.%s: expected 0 or 1 (false or true), got %d",
                          nis2i_facts[fact].name, value);
    inc->v[fact] = value;
    inc->known[fact] = true;
    return NIS2_OK;
}

nis2_status nis2_incident_unset(nis2_incident *inc, uint32_t fact, nis2_error *err)
{
    if (!inc || fact >= NIS2I_N_FACTS)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_unset: inc must not be NULL and fact a NIS2_IMPACT_* fact (got %u)", fact);
    inc->known[fact] = false;
    inc->v[fact] = 0;
    if (fact == NIS2I_FACT_OCCURRED_AT)
        inc->occurred = (nis2i_inc_time){0};
    if (fact == NIS2I_FACT_ROOT_CAUSE) {
        free(inc->root_cause);
        inc->root_cause = NULL;
    }
    if (fact == NIS2I_FACT_RELATED) {
        for (size_t i = 0; i < inc->n_related; i++)
            free(inc->related[i].root_cause);
        inc->n_related = 0;
    }
    return NIS2_OK;
}

nis2_status nis2_incident_set_root_cause(nis2_incident *inc, const char *rc, nis2_error *err)
{
    if (!inc || !rc)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_set_root_cause: arguments must not be NULL");
    if (!rc[0])
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.impact.root_cause",
                          "$.impact.root_cause: expected a non-empty string");
    char *copy = nis2i_strdup(rc);
    if (!copy)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    free(inc->root_cause);
    inc->root_cause = copy;
    inc->known[NIS2I_FACT_ROOT_CAUSE] = true;
    return NIS2_OK;
}

nis2_status nis2_incident_add_related(nis2_incident *inc, int64_t utc, int32_t off, const char *rc, int has_loss,
                                      double loss, nis2_error *err)
{
    if (!inc || !rc)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_add_related: inc and root_cause must not be NULL");
    char base[64], path[96];
    snprintf(base, sizeof base, "$.impact.related_incidents[%zu]", inc->n_related);
    if (inc->n_related >= NIS2_LIMIT_ARRAY_LENGTH)
        return nis2i_fail(err, NIS2_ERR_LIMIT, base, "%s: more than %u related incidents", base,
                          (unsigned)NIS2_LIMIT_ARRAY_LENGTH);
    snprintf(path, sizeof path, "%s.occurred_at", base);
    nis2_status st = check_time(path, utc, off, err);
    if (st)
        return st;
    snprintf(path, sizeof path, "%s.root_cause", base);
    if (!rc[0])
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a non-empty string", path);
    snprintf(path, sizeof path, "%s.financial_loss_eur", base);
    if (has_loss && (st = check_loss(path, loss, err)))
        return st;
    if (inc->n_related == inc->cap_related) {
        size_t ncap = inc->cap_related ? inc->cap_related * 2 : 4;
        nis2i_related *nr = realloc(inc->related, ncap * sizeof *nr);
        if (!nr)
            return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
        inc->related = nr;
        inc->cap_related = ncap;
    }
    char *copy = nis2i_strdup(rc);
    if (!copy)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    inc->related[inc->n_related++] = (nis2i_related){{true, utc, off}, copy, has_loss != 0, has_loss ? loss : 0};
    inc->known[NIS2I_FACT_RELATED] = true;
    return NIS2_OK;
}

/* ---------------------------------------------------------------- deadlines */

nis2_status nis2_incident_deadlines(const nis2_ctx *ctx, const nis2_entity *e, const nis2_incident *inc,
                                    nis2_deadlines **out, nis2_error *err)
{
    if (!ctx || !e || !inc || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_deadlines: arguments must not be NULL");
    *out = NULL;
    if (e->ctx != ctx)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_incident_deadlines: the entity was made with another context");
    nis2_status st = nis2i_deadlines_check(inc, err);
    if (st)
        return st;
    nis2_result *r;
    if ((st = nis2_classify(ctx, e, &r, err)))
        return st;
    nis2_deadlines *d = calloc(1, sizeof *d);
    if (!d) {
        nis2_result_free(r);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    d->ctx = nis2i_ctx_ref(ctx);
    nis2i_deadlines_compute(ctx, e, r, inc, d);
    nis2_result_free(r);
    if (d->oom) {
        nis2_deadlines_free(d);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    *out = d;
    return NIS2_OK;
}

void nis2_deadlines_free(nis2_deadlines *d)
{
    if (!d)
        return;
    nis2i_deadlines_release(d);
    nis2i_ctx_unref(d->ctx);
    free(d);
}

const char *nis2_deadlines_category(const nis2_deadlines *d) { return d ? d->category : NULL; }
const char *nis2_deadlines_law(const nis2_deadlines *d) { return d ? d->law : NULL; }
const char *nis2_deadlines_directive_category(const nis2_deadlines *d) { return d ? d->directive_category : NULL; }
int64_t nis2_deadlines_aware_at(const nis2_deadlines *d) { return d ? d->aware.utc : 0; }

static const nis2i_report_list *list_of(const nis2_deadlines *d, uint32_t list)
{
    if (!d)
        return NULL;
    return list == NIS2_DEADLINES_REPORTS ? &d->reports : list == NIS2_DEADLINES_DIRECTIVE ? &d->directive : NULL;
}

static const nis2i_report_out *report_at(const nis2_deadlines *d, uint32_t list, size_t i)
{
    const nis2i_report_list *l = list_of(d, list);
    return l && i < l->n ? &l->v[i] : NULL;
}

size_t nis2_deadlines_report_count(const nis2_deadlines *d, uint32_t list)
{
    const nis2i_report_list *l = list_of(d, list);
    return l ? l->n : 0;
}

#define REPORT_STR(name, expr)                                                                        \
    const char *nis2_deadlines_report_##name(const nis2_deadlines *d, uint32_t list, size_t i)        \
    {                                                                                                 \
        const nis2i_report_out *o = report_at(d, list, i);                                            \
        return o ? (expr) : NULL;                                                                     \
    }
REPORT_STR(id, o->id)
REPORT_STR(due_rfc3339, o->due.known ? o->due_s : NULL)
REPORT_STR(ref, o->ref)
REPORT_STR(relative_to, d->text.data + o->rel_off)
REPORT_STR(law, o->law)
REPORT_STR(text, d->text.data + o->text_off)
REPORT_STR(condition, o->condition)
REPORT_STR(note, o->note)

int nis2_deadlines_report_due(const nis2_deadlines *d, uint32_t list, size_t i, int64_t *utc)
{
    const nis2i_report_out *o = report_at(d, list, i);
    if (!o || !o->due.known)
        return 0;
    if (utc)
        *utc = o->due.utc;
    return 1;
}

int nis2_deadlines_report_from(const nis2_deadlines *d, uint32_t list, size_t i, int64_t *utc)
{
    const nis2i_report_out *o = report_at(d, list, i);
    if (!o || !o->from.known)
        return 0;
    if (utc)
        *utc = o->from.utc;
    return 1;
}

int nis2_deadlines_report_in_contract(const nis2_deadlines *d, uint32_t list, size_t i)
{
    const nis2i_report_out *o = report_at(d, list, i);
    return o ? o->in_contract : 1;
}

size_t nis2_deadlines_note_count(const nis2_deadlines *d) { return d ? d->n_notes : 0; }
const char *nis2_deadlines_note_ref(const nis2_deadlines *d, size_t i)
{
    return d && i < d->n_notes ? d->notes[i].ref : NULL;
}
const char *nis2_deadlines_note_text(const nis2_deadlines *d, size_t i)
{
    return d && i < d->n_notes ? d->text.data + d->notes[i].text_off : NULL;
}

/* ---------------------------------------------------------------- assessment */

nis2_status nis2_incident_assess(const nis2_ctx *ctx, const nis2_entity *e, const nis2_incident *inc,
                                 nis2_assessment **out, nis2_error *err)
{
    if (!ctx || !e || !inc || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_assess: arguments must not be NULL");
    *out = NULL;
    if (e->ctx != ctx)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_incident_assess: the entity was made with another context");
    if (!ctx->inc || !ctx->inc->has_sig)
        return nis2i_fail(err, NIS2_ERR_UNSUPPORTED, NULL, "the catalog has no significance tables ($.significance)");
    nis2_status st = nis2i_impact_check(inc, err);
    if (st)
        return st;
    nis2_assessment *a = calloc(1, sizeof *a);
    if (!a)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    a->ctx = nis2i_ctx_ref(ctx);
    nis2i_assess_compute(ctx, e, inc, a);
    if (a->oom) {
        nis2_assessment_free(a);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    *out = a;
    return NIS2_OK;
}

void nis2_assessment_free(nis2_assessment *a)
{
    if (!a)
        return;
    nis2i_assessment_release(a);
    nis2i_ctx_unref(a->ctx);
    free(a);
}

int nis2_assessment_significant(const nis2_assessment *a) { return a && a->n_criteria > 0; }
size_t nis2_assessment_regime_count(const nis2_assessment *a) { return a ? a->n_regime : 0; }
const char *nis2_assessment_regime_at(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_regime ? a->regime[i] : NULL;
}
size_t nis2_assessment_criterion_count(const nis2_assessment *a) { return a ? a->n_criteria : 0; }
const char *nis2_assessment_criterion_ref(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_criteria ? a->criteria[i].ref : NULL;
}
const char *nis2_assessment_criterion_id(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_criteria ? a->criteria[i].id : NULL;
}
const char *nis2_assessment_criterion_text(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_criteria ? a->text.data + a->criteria[i].text_off : NULL;
}
size_t nis2_assessment_not_decided_count(const nis2_assessment *a) { return a ? a->n_undecided : 0; }
const char *nis2_assessment_not_decided_ref(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_undecided ? a->undecided[i].ref : NULL;
}
const char *nis2_assessment_not_decided_id(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_undecided ? a->undecided[i].id : NULL;
}
size_t nis2_assessment_not_decided_missing_count(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_undecided ? a->undecided[i].n_missing : 0;
}
const char *nis2_assessment_not_decided_missing_at(const nis2_assessment *a, size_t i, size_t j)
{
    return a && i < a->n_undecided && j < a->undecided[i].n_missing ? a->undecided[i].missing[j] : NULL;
}
const char *nis2_assessment_excluded_by_ref(const nis2_assessment *a) { return a ? a->excl_ref : NULL; }
const char *nis2_assessment_excluded_by_text(const nis2_assessment *a) { return a ? a->excl_text : NULL; }
size_t nis2_assessment_note_count(const nis2_assessment *a) { return a ? a->n_notes : 0; }
const char *nis2_assessment_note_ref(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_notes ? a->notes[i].ref : NULL;
}
const char *nis2_assessment_note_id(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_notes ? a->notes[i].id : NULL;
}
const char *nis2_assessment_note_text(const nis2_assessment *a, size_t i)
{
    return a && i < a->n_notes ? a->text.data + a->notes[i].text_off : NULL;
}
