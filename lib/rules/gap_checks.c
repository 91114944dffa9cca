/* SPDX-License-Identifier: Apache-2.0 */
/* The checks of questions 5-7 of the gap report: the management body's records (NIS2 Art. 20), the risk register
 * (Art. 21(1), 21(2)(a); IR 2024/2690 Annex 2.1) and the supplier register (Art. 21(2)(d), 21(3); IR Annex 5.1,
 * 5.2). Pure functions over the typed ISMS records of gap_isms.h: no JSON here.
 *
 * Date rule of every "at least annually" / "twelve months" check: a record dated D is current up to and including
 * D + 12 months (month-end clamped) and overdue from the day after. "review_by" and "next_assessment" dates are
 * met up to and including that day. Records dated after the reference date (as_of) do not count. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gap_isms.h"

const char *const nis2i_mb_what_names[NIS2I_MB_N] = {"risk_management_measures", "security_policy",
                                                     "risk_treatment_plan", "supply_chain_policy", "other"};
const char *const nis2i_risk_level_names[4] = {"low", "medium", "high", "critical"};
const char *const nis2i_treatment_names[4] = {"mitigate", "accept", "transfer", "avoid"};
const char *const nis2i_decider_names[5] = {"none", "management_body", "risk_owner", "ciso", "other"};
const char *const nis2i_clause_names[NIS2I_CL_N] = {"security_requirements", "skills_and_training",
                                                    "background_checks",     "incident_notification",
                                                    "audit_rights",          "vulnerability_handling",
                                                    "subcontracting",        "termination_and_exit"};
const char *const nis2i_weight_names[NIS2I_W_N] = {"reporting_capability", "accountability", "binding_duty",
                                                   "review",               "partial",        "record"};

static const char *const q_ids[NIS2I_Q_N] = {"scope",      "obligations",    "measures",    "incident_handling",
                                             "management_accountability", "risk_decisions", "supply_chain"};
static const char *const q_titles[NIS2I_Q_N] = {
    "Is the entity covered, and is it essential or important?",
    "Which specific obligations apply to it?",
    "Which technical, organisational and governance measures must it demonstrate?",
    "Which processes detect, respond to and report incidents to the authorities?",
    "How are the involvement and direct accountability of the management body documented?",
    "Which evidence supports the decisions taken about risk?",
    "How are the risks of the supply chain and of relevant third parties assessed?",
};

const char *nis2i_gap_q_id(nis2i_gap_q q)
{
    return q < NIS2I_Q_N ? q_ids[q] : "";
}

const char *nis2i_gap_q_title(nis2i_gap_q q)
{
    return q < NIS2I_Q_N ? q_titles[q] : "";
}

/* ---------------------------------------------------------------- memory */

void *nis2i_gap_isms_alloc(nis2i_gap_isms *m, size_t n, size_t size)
{
    if (m->n_owned == m->cap_owned) {
        size_t nc = m->cap_owned ? m->cap_owned * 2 : 16;
        void **o = realloc(m->owned, nc * sizeof *o);
        if (!o)
            return NULL;
        m->owned = o;
        m->cap_owned = nc;
    }
    void *p = calloc(n ? n : 1, size);
    if (p)
        m->owned[m->n_owned++] = p;
    return p;
}

void nis2i_gap_isms_free(nis2i_gap_isms *m)
{
    for (size_t i = 0; i < m->n_owned; i++)
        free(m->owned[i]);
    free(m->owned);
    memset(m, 0, sizeof *m);
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

void nis2i_gap_find(nis2i_gap_findings *f, nis2i_gap_q q, nis2i_weight w, bool open, int32_t due, const char *provision,
                    const char *id0, const char *id1, const char *action, const char *fmt, ...)
{
    if (f->oom)
        return;
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 32;
        nis2i_gap_finding *n = realloc(f->items, nc * sizeof *n);
        if (!n) {
            f->oom = true;
            return;
        }
        f->items = n;
        f->cap = nc;
    }
    nis2i_gap_finding *x = &f->items[f->n];
    memset(x, 0, sizeof *x);
    x->question = (uint8_t)q;
    x->weight = (uint8_t)w;
    x->open = open;
    x->due = due;
    x->provision = provision;
    x->ids[0] = id0;
    x->ids[1] = id0 ? id1 : NULL;
    va_list ap;
    va_start(ap, fmt);
    x->text = vformat(fmt, ap);
    va_end(ap);
    x->action = strdup(action);
    if (!x->text || !x->action) {
        free(x->text);
        free(x->action);
        f->oom = true;
        return;
    }
    f->n++;
}

void nis2i_gap_findings_free(nis2i_gap_findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->items[i].text);
        free(f->items[i].action);
    }
    free(f->items);
    memset(f, 0, sizeof *f);
}

/* ---------------------------------------------------------------- dates */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int32_t nis2i_gap_add_months(int32_t date, int months)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    int t = y * 12 + (m - 1) + months;
    y = t / 12;
    m = t % 12 + 1;
    int lim = mdays[m - 1] + (m == 2 && leap(y));
    if (d > lim)
        d = lim;
    return y * 10000 + m * 100 + d;
}

static void fmt(int32_t d, char out[11])
{
    unsigned u = d > 0 ? (unsigned)d : 0u;
    snprintf(out, 11, "%04u-%02u-%02u", (u / 10000u) % 10000u, (u / 100u) % 100u, u % 100u);
}

/* ---------------------------------------------------------------- question 5: the management body */

static const char *const P_20_1 = "NIS2 Art. 20(1)";
static const char *const P_20_2 = "NIS2 Art. 20(2)";

static void check_management(const nis2i_gap_isms *m, int32_t as_of, bool ir, nis2i_gap_findings *f)
{
    const nis2i_gap_q Q = NIS2I_Q_MANAGEMENT;
    char d1[11], d2[11];
    if (!m->has_management_body) {
        nis2i_gap_find(f, Q, NIS2I_W_ACCOUNTABILITY, true, 0, P_20_1, NULL, NULL,
                       "Record the management body's members, its approval of the risk-management measures and its "
                       "oversight of their implementation ($.management_body).",
                       "No records of the management body were given: its approval of the cybersecurity "
                       "risk-management measures, its oversight and its members' training cannot be shown.");
        return;
    }
    /* Art. 20(1): approval of the measures */
    int32_t last[NIS2I_MB_N] = {0};
    size_t future = 0;
    for (size_t i = 0; i < m->n_approvals; i++) {
        const nis2i_mb_record *a = &m->approvals[i];
        if (a->date > as_of) {
            future++;
            continue;
        }
        if (a->date > last[a->what])
            last[a->what] = a->date;
    }
    if (future)
        nis2i_gap_find(f, Q, NIS2I_W_RECORD, false, 0, P_20_1, NULL, NULL,
                       "Correct the dates of the approvals, or re-run the report on or after them.",
                       "%zu approval%s dated after the report date %s do%s not count.", future, future == 1 ? "" : "s",
                       (fmt(as_of, d1), d1), future == 1 ? "es" : "");
    if (!last[NIS2I_MB_RISK_MEASURES])
        nis2i_gap_find(f, Q, NIS2I_W_ACCOUNTABILITY, true, 0, P_20_1, NULL, NULL,
                       "Have the management body approve the cybersecurity risk-management measures and keep the "
                       "dated resolution or minutes.",
                       "No approval of the cybersecurity risk-management measures by the management body is "
                       "recorded.");
    if (ir) {
        /* IR Annex 1.1.2: the policy reviewed by the management bodies at least annually */
        int32_t pol = last[NIS2I_MB_SECURITY_POLICY];
        if (!pol)
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, true, 0, "IR 2024/2690 Annex 1.1.2", NULL, NULL,
                           "Have the management body review the network and information system security policy and "
                           "document the result; repeat at least every twelve months.",
                           "No review of the network and information system security policy by the management body "
                           "is recorded.");
        else if (as_of > nis2i_gap_add_months(pol, 12))
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, false, nis2i_gap_add_months(pol, 12), "IR 2024/2690 Annex 1.1.2", NULL,
                           NULL,
                           "Have the management body review the security policy again and document the result.",
                           "The management body last reviewed the security policy on %s: the annual review fell due "
                           "on %s.",
                           (fmt(pol, d1), d1), (fmt(nis2i_gap_add_months(pol, 12), d2), d2));
        /* IR Annex 1.2.3 */
        if (!m->security_reporter)
            nis2i_gap_find(f, Q, NIS2I_W_ACCOUNTABILITY, true, 0, "IR 2024/2690 Annex 1.2.3", NULL, NULL,
                           "Name the person who reports directly to the management body on network and information "
                           "system security ($.management_body.security_reporter).",
                           "Nobody is recorded as reporting directly to the management body on network and "
                           "information system security.");
    }
    /* Art. 20(1): oversight of the implementation */
    size_t seen = 0;
    for (size_t i = 0; i < m->n_oversight; i++)
        seen += m->oversight[i].date <= as_of;
    if (!seen)
        nis2i_gap_find(f, Q, NIS2I_W_ACCOUNTABILITY, true, 0, P_20_1, NULL, NULL,
                       "Minute the management body's oversight of the measures (status reports received, decisions "
                       "taken) with dates.",
                       "No oversight of the implementation of the measures by the management body is recorded.");
    /* Art. 20(2): training of the members */
    if (!m->n_members)
        nis2i_gap_find(f, Q, NIS2I_W_RECORD, true, 0, P_20_2, NULL, NULL,
                       "List the members of the management body and the training each has followed.",
                       "The members of the management body are not listed, so their training cannot be shown.");
    for (size_t i = 0; i < m->n_members; i++) {
        const nis2i_mb_member *mb = &m->members[i];
        if (!mb->trained_on)
            nis2i_gap_find(f, Q, NIS2I_W_RECORD, true, 0, P_20_2, mb->id, NULL,
                           "Have this member follow cybersecurity training on identifying risks and assessing "
                           "risk-management practices, and keep the attendance record.",
                           "Management-body member %s (%s) has no training recorded.", mb->id,
                           mb->role ? mb->role : "no role given");
        else if (mb->trained_on > as_of)
            nis2i_gap_find(f, Q, NIS2I_W_RECORD, true, 0, P_20_2, mb->id, NULL,
                           "Record the training once it has taken place.",
                           "Management-body member %s: training dated %s, after the report date, does not count.",
                           mb->id, (fmt(mb->trained_on, d1), d1));
    }
}

/* ---------------------------------------------------------------- question 6: risk decisions */

static void check_risks(const nis2i_gap_isms *m, int32_t as_of, bool ir, const bool *impl, nis2i_gap_findings *f)
{
    const nis2i_gap_q Q = NIS2I_Q_RISKS;
    const char *p_frame = ir ? "NIS2 Art. 21(1), 21(2)(a); IR 2024/2690 Annex 2.1.1" : "NIS2 Art. 21(1), 21(2)(a)";
    const char *p_accept = ir ? "IR 2024/2690 Annex 2.1.1; NIS2 Art. 20(1)" : "NIS2 Art. 20(1), 21(1)";
    const char *p_review_by = ir ? "IR 2024/2690 Annex 2.1.4" : "NIS2 Art. 21(1) (the entity's own review date)";
    const char *p_review = ir ? "IR 2024/2690 Annex 2.1.4"
                              : "NIS2 Art. 21(1) (the Directive sets no interval: twelve months as in IR 2024/2690 "
                                "Annex 2.1.4, which does not bind this entity)";
    char d1[11], d2[11];
    if (!m->has_risks || !m->n_risks) {
        nis2i_gap_find(f, Q, NIS2I_W_DUTY, true, 0, p_frame, NULL, NULL,
                       "Keep a risk register: each risk with its level, treatment, the controls that treat it, who "
                       "decided and when, and the next review ($.risks).",
                       "No risk register was given: the decisions taken about risk cannot be shown.");
        return;
    }
    for (size_t i = 0; i < m->n_risks; i++) {
        const nis2i_risk *r = &m->risks[i];
        bool high = r->level >= NIS2I_RL_HIGH;
        bool decided = r->decided_by != NIS2I_BY_NONE && r->decision_date && r->decision_date <= as_of;
        if (r->decided_by != NIS2I_BY_NONE && r->decision_date > as_of)
            nis2i_gap_find(f, Q, NIS2I_W_RECORD, false, 0, p_accept, r->id, NULL,
                           "Correct the date of the decision, or re-run the report on or after it.",
                           "Risk %s: the decision dated %s is after the report date and does not count.", r->id,
                           (fmt(r->decision_date, d1), d1));
        if (r->treatment == NIS2I_TR_ACCEPT) {
            if (!decided)
                nis2i_gap_find(f, Q, high ? NIS2I_W_ACCOUNTABILITY : NIS2I_W_REVIEW, true, 0, p_accept, r->id, NULL,
                               high ? "Put the acceptance of this risk to the management body and minute its decision."
                                    : "Have the risk owner (accountable, with authority over the risk) accept it in "
                                      "writing, and report it to the management body.",
                               "Risk %s (%s, %s) is accepted by nobody with authority: no decision is recorded.", r->id,
                               r->title ? r->title : "untitled", nis2i_risk_level_names[r->level]);
            else if (high && r->decided_by != NIS2I_BY_MANAGEMENT_BODY)
                nis2i_gap_find(f, Q, NIS2I_W_ACCOUNTABILITY, false, 0, p_accept, r->id, NULL,
                               "Show that this acceptance was reported to the management body, or have the body "
                               "decide it.",
                               ir ? "Risk %s (%s) was accepted by the %s, not by the management body: acceptance by an "
                                    "accountable person holds only with adequate reporting to the management body."
                                  : "Risk %s (%s) was accepted by the %s, not by the management body, which approves "
                                    "the risk-management measures and answers for them.",
                               r->id, nis2i_risk_level_names[r->level],
                               r->decided_by == NIS2I_BY_RISK_OWNER ? "risk owner"
                               : r->decided_by == NIS2I_BY_CISO     ? "CISO"
                                                                    : "person recorded");
        }
        if (r->review_by && as_of > r->review_by)
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, false, r->review_by, p_review_by, r->id, NULL,
                           "Review this risk and its treatment, and record the new decision and review date.",
                           "Risk %s: its review was due by %s.", r->id, (fmt(r->review_by, d1), d1));
        int32_t assessed = r->assessed_on ? r->assessed_on : r->decision_date;
        if (assessed > as_of)
            assessed = 0;
        if (!assessed)
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, true, 0, p_review, r->id, NULL,
                           "Record when this risk was assessed (assessed_on) and review it at least every twelve "
                           "months.",
                           "Risk %s has no date of assessment or decision on or before the report date.", r->id);
        else if (as_of > nis2i_gap_add_months(assessed, 12) && !(r->review_by && as_of > r->review_by))
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, false, nis2i_gap_add_months(assessed, 12), p_review, r->id, NULL,
                           "Re-assess this risk and update the treatment plan.",
                           "Risk %s was last assessed on %s: the review fell due on %s.", r->id,
                           (fmt(assessed, d1), d1), (fmt(nis2i_gap_add_months(assessed, 12), d2), d2));
        if (r->treatment == NIS2I_TR_MITIGATE) {
            if (!r->n_controls && !r->n_obligations) {
                nis2i_gap_find(f, Q, NIS2I_W_RECORD, false, 0, p_frame, r->id, NULL,
                               "Name in the treatment plan the controls that treat this risk.",
                               "Risk %s is to be mitigated, but its treatment names no control.", r->id);
                continue;
            }
            char list[400];
            size_t len = 0, n_bad = 0;
            const char *first = NULL;
            list[0] = '\0';
            for (size_t c = 0; c < r->n_controls; c++) {
                if (impl && impl[r->controls[c]])
                    continue;
                if (!first)
                    first = r->control_ids[c];
                n_bad++;
                if (len < sizeof list - 40) {
                    int k = snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", r->control_ids[c]);
                    len += k > 0 ? (size_t)k : 0;
                }
            }
            if (n_bad)
                nis2i_gap_find(f, Q, high ? NIS2I_W_REVIEW : NIS2I_W_PARTIAL, false, 0, p_frame, r->id, first,
                               "Implement the controls of the treatment plan, or revise the plan and its decision.",
                               "Risk %s is treated by %s, which the SoA does not show implemented.", r->id, list);
        }
    }
}

/* ---------------------------------------------------------------- question 7: the supply chain */

static void check_suppliers(const nis2i_gap_isms *m, int32_t as_of, bool ir, nis2i_gap_findings *f)
{
    const nis2i_gap_q Q = NIS2I_Q_SUPPLY;
    const char *p_reg = ir ? "NIS2 Art. 21(2)(d); IR 2024/2690 Annex 5.2.1" : "NIS2 Art. 21(2)(d)";
    const char *p_assess = ir ? "NIS2 Art. 21(2)(d), 21(3); IR 2024/2690 Annex 5.1.6"
                              : "NIS2 Art. 21(2)(d), 21(3)";
    const char *p_interval = ir ? "NIS2 Art. 21(3); IR 2024/2690 Annex 5.1.6 (\"at planned intervals\": twelve "
                                  "months is libnis2's default, not a legal interval)"
                                : "NIS2 Art. 21(3) (the Directive sets no interval: twelve months is libnis2's "
                                  "default)";
    const char *p_clause = ir ? "IR 2024/2690 Annex 5.1.4(a), (d); NIS2 Art. 21(2)(d)" : "NIS2 Art. 21(2)(d)";
    char d1[11], d2[11];
    if (!m->has_suppliers || !m->n_suppliers) {
        nis2i_gap_find(f, Q, NIS2I_W_DUTY, true, 0, p_reg, NULL, NULL,
                       "Keep a register of direct suppliers and service providers: what each provides, whether it "
                       "is critical, when it was assessed and which security clauses its contract holds "
                       "($.suppliers).",
                       "No supplier register was given: how the risks of the supply chain are assessed cannot be "
                       "shown.");
        return;
    }
    for (size_t i = 0; i < m->n_suppliers; i++) {
        const nis2i_supplier *s = &m->suppliers[i];
        if (ir && !s->contact)
            nis2i_gap_find(f, Q, NIS2I_W_RECORD, false, 0, "IR 2024/2690 Annex 5.2.1(a)", s->id, NULL,
                           "Add the supplier's contact point to the register.",
                           "Supplier %s (%s): the register gives no contact point.", s->id, s->name);
        if (!s->critical)
            continue;
        int32_t at = s->assessed_on <= as_of ? s->assessed_on : 0;
        if (!at)
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, true, 0, p_assess, s->id, NULL,
                           "Assess this supplier's security practices, products and vulnerabilities and record the "
                           "date and result.",
                           "Critical supplier %s (%s, %s) has never been assessed%s.", s->id, s->name, s->service,
                           s->assessed_on ? " on or before the report date" : "");
        else if (s->next_assessment && as_of > s->next_assessment)
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, false, s->next_assessment, p_assess, s->id, NULL,
                           "Carry out the planned re-assessment of this supplier.",
                           "Critical supplier %s (%s): the next assessment was due by %s (last assessed %s).", s->id,
                           s->name, (fmt(s->next_assessment, d1), d1), (fmt(at, d2), d2));
        else if (!s->next_assessment && as_of > nis2i_gap_add_months(at, 12))
            nis2i_gap_find(f, Q, NIS2I_W_REVIEW, false, nis2i_gap_add_months(at, 12), p_interval, s->id, NULL,
                           "Re-assess this supplier and set the date of the next assessment.",
                           "Critical supplier %s (%s) was last assessed on %s, more than twelve months ago.", s->id,
                           s->name, (fmt(at, d1), d1));
        bool sec = s->clauses & (1u << NIS2I_CL_SECURITY), inc = s->clauses & (1u << NIS2I_CL_INCIDENTS);
        if (!sec || !inc)
            nis2i_gap_find(f, Q, NIS2I_W_RECORD, true, 0, p_clause, s->id, NULL,
                           "Add the missing clauses to the contract at its next renewal or by amendment.",
                           "Critical supplier %s (%s): the contract has no %s%s%s clause.", s->id, s->name,
                           sec ? "" : "security-requirements", !sec && !inc ? " or " : "",
                           inc ? "" : "incident-notification");
    }
}

void nis2i_gap_check_isms(const nis2i_gap_isms *m, int32_t as_of, bool with_ir, const bool *soa_implemented,
                          nis2i_gap_findings *out)
{
    check_management(m, as_of, with_ir, out);
    check_risks(m, as_of, with_ir, soa_implemented, out);
    check_suppliers(m, as_of, with_ir, out);
}

/* ---------------------------------------------------------------- the action list */

void nis2i_gap_prioritise(const nis2i_gap_findings *f, size_t *order)
{
    for (size_t i = 0; i < f->n; i++)
        order[i] = i;
    /* a stable insertion sort (n is small: a few hundred findings); ties keep the input order */
    for (size_t i = 1; i < f->n; i++) {
        size_t v = order[i], j = i;
        while (j > 0) {
            const nis2i_gap_finding *x = &f->items[order[j - 1]], *y = &f->items[v];
            int c;
            if (x->weight != y->weight)
                c = x->weight < y->weight ? -1 : 1;
            else if (x->open != y->open)
                c = x->open ? -1 : 1;
            else {
                int32_t dx = x->due ? x->due : INT32_MAX, dy = y->due ? y->due : INT32_MAX;
                c = dx != dy ? (dx < dy ? -1 : 1) : x->question != y->question ? (x->question < y->question ? -1 : 1) : -1;
            }
            if (c <= 0)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
}
