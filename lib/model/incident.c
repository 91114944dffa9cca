/* SPDX-License-Identifier: Apache-2.0 */
/* The incident model: the impact-fact table, the facts of one incident and the two results (growing and freeing). */
#include <stdlib.h>
#include <string.h>

#include "model/incident.h"

const char *const nis2i_inc_from_names[NIS2I_FROM_COUNT] = {"aware_at", "notified_at", "impact_ended_at",
                                                            "end_of_impact_notified_at", "request"};

/* The order is the NIS2_IMPACT_* numbering of include/nis2/incident.h: never reorder, only append. */
const nis2i_fact_def nis2i_facts[NIS2I_N_FACTS] = {
    {"occurred_at", NIS2I_FT_TIME},
    {"root_cause", NIS2I_FT_STR},
    {"financial_loss_eur", NIS2I_FT_NUM},
    {"turnover_prev_fy_eur", NIS2I_FT_NUM},
    {"deaths", NIS2I_FT_COUNT},
    {"considerable_health_damage", NIS2I_FT_BOOL},
    {"trade_secrets_exfiltrated", NIS2I_FT_BOOL},
    {"malicious_unauthorised_access_severe", NIS2I_FT_BOOL},
    {"scheduled_maintenance", NIS2I_FT_BOOL},
    {"unavailable_minutes", NIS2I_FT_NUM},
    {"degraded_minutes", NIS2I_FT_NUM},
    {"response_time_s", NIS2I_FT_NUM},
    {"users_in_union", NIS2I_FT_NUM},
    {"users_affected_unavailable", NIS2I_FT_NUM},
    {"users_affected_limited", NIS2I_FT_NUM},
    {"users_affected_compromise", NIS2I_FT_NUM},
    {"data_compromised", NIS2I_FT_BOOL},
    {"suspected_malicious", NIS2I_FT_BOOL},
    {"physical_access_compromised", NIS2I_FT_BOOL},
    {"misconfiguration_domains_wrong", NIS2I_FT_NUM},
    {"managed_domains", NIS2I_FT_NUM},
    {"weekly_unavailable_minutes", NIS2I_FT_NUM},
    {"severe_operational_disruption", NIS2I_FT_BOOL},
    {"severe_financial_loss", NIS2I_FT_BOOL},
    {"considerable_damage_to_others", NIS2I_FT_BOOL},
    {"related_incidents", NIS2I_FT_ARRAY},
};

int nis2i_fact_index(const char *name)
{
    for (int i = 0; i < NIS2I_N_FACTS; i++)
        if (strcmp(nis2i_facts[i].name, name) == 0)
            return i;
    return -1;
}

void nis2i_incident_facts_free(nis2_incident *inc)
{
    if (!inc)
        return;
    for (size_t i = 0; i < inc->n_related; i++)
        free(inc->related[i].root_cause);
    free(inc->related);
    free(inc->root_cause);
}

size_t nis2i_inc_text(nis2i_buf *b, const char *s)
{
    size_t off = b->len;
    nis2i_buf_put(b, s, strlen(s) + 1);
    return b->oom ? 0 : off;
}

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 8;
    void *nv = realloc(*v, ncap * size);
    if (!nv)
        return false;
    *v = nv;
    *cap = ncap;
    return true;
}

void nis2i_deadlines_note(nis2_deadlines *d, const char *ref, const char *text)
{
    if (!grow((void **)&d->notes, &d->cap_notes, d->n_notes, sizeof *d->notes)) {
        d->oom = true;
        return;
    }
    d->notes[d->n_notes++] = (nis2i_inc_note){ref, NULL, nis2i_inc_text(&d->text, text)};
}

nis2i_report_out *nis2i_deadlines_report(nis2_deadlines *d, nis2i_report_list *l)
{
    if (!grow((void **)&l->v, &l->cap, l->n, sizeof *l->v)) {
        d->oom = true;
        return NULL;
    }
    nis2i_report_out *r = &l->v[l->n++];
    memset(r, 0, sizeof *r);
    return r;
}

void nis2i_assessment_item(nis2_assessment *a, bool criterion, const char *ref, const char *id, const char *text)
{
    nis2i_inc_note **v = criterion ? &a->criteria : &a->notes;
    size_t *n = criterion ? &a->n_criteria : &a->n_notes, *cap = criterion ? &a->cap_criteria : &a->cap_notes;
    if (!grow((void **)v, cap, *n, sizeof **v)) {
        a->oom = true;
        return;
    }
    (*v)[(*n)++] = (nis2i_inc_note){ref, id, nis2i_inc_text(&a->text, text)};
}

nis2i_undecided *nis2i_assessment_undecided(nis2_assessment *a)
{
    if (!grow((void **)&a->undecided, &a->cap_undecided, a->n_undecided, sizeof *a->undecided)) {
        a->oom = true;
        return NULL;
    }
    nis2i_undecided *u = &a->undecided[a->n_undecided++];
    memset(u, 0, sizeof *u);
    return u;
}

void nis2i_deadlines_release(nis2_deadlines *d)
{
    free(d->reports.v);
    free(d->directive.v);
    free(d->notes);
    nis2i_buf_free(&d->text);
}

void nis2i_assessment_release(nis2_assessment *a)
{
    free(a->criteria);
    free(a->notes);
    free(a->undecided);
    nis2i_buf_free(&a->text);
}
