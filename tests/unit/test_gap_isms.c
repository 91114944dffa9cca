/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The seven questions of the gap report: the checks over the management body's records (NIS2 Art. 20(1), 20(2);
 * IR 2024/2690 Annex 1.1.2, 1.2.3), the risk register (Art. 21(1), 21(2)(a); IR Annex 2.1.1, 2.1.4) and the
 * supplier register (Art. 21(2)(d), 21(3); IR Annex 5.1.4, 5.1.6, 5.2.1). Every date check at, just before and
 * just after its boundary; the input errors; the questions and the action list in the report.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "json/gap_json.h"
#include "rules/gap_isms.h"
#include "rules/mapping.h"
#include "vectors.h"

static nis2_ctx *ctx;

/* Findings whose provision contains prov and (when id is given) that concern id. */
static size_t count(const nis2i_gap_findings *f, const char *prov, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        if (strstr(f->items[i].provision, prov) && (!id || (f->items[i].ids[0] && strcmp(f->items[i].ids[0], id) == 0)))
            n++;
    return n;
}

static const nis2i_gap_finding *first(const nis2i_gap_findings *f, const char *prov, const char *id)
{
    static const nis2i_gap_finding none = {.provision = "", .text = (char *)"", .action = (char *)""};
    for (size_t i = 0; i < f->n; i++)
        if (strstr(f->items[i].provision, prov) && (!id || (f->items[i].ids[0] && strcmp(f->items[i].ids[0], id) == 0)))
            return &f->items[i];
    ck_abort_msg("no finding under %s for %s", prov, id ? id : "-");
    return &none;
}

/* Run the checks over m on as_of; the caller frees out. */
static void check(const nis2i_gap_isms *m, int32_t as_of, bool ir, const bool *impl, nis2i_gap_findings *out)
{
    memset(out, 0, sizeof *out);
    nis2i_gap_check_isms(m, as_of, ir, impl, out);
    ck_assert(!out->oom);
}

START_TEST(add_months_clamps_to_the_month_end)
{
    ck_assert_int_eq(nis2i_gap_add_months(20240229, 12), 20250228);
    ck_assert_int_eq(nis2i_gap_add_months(20240229, 48), 20280229);
    ck_assert_int_eq(nis2i_gap_add_months(20260131, 1), 20260228);
    ck_assert_int_eq(nis2i_gap_add_months(20251128, 12), 20261128);
    ck_assert_int_eq(nis2i_gap_add_months(20251215, 1), 20260115);
}
END_TEST

/* A management body that passes every check (on 2026-11-28) but for what a test changes. */
static void good_body(nis2i_gap_isms *m, nis2i_mb_member *mem, nis2i_mb_record *ap, nis2i_mb_record *ov)
{
    memset(m, 0, sizeof *m);
    m->has_management_body = m->has_risks = m->has_suppliers = true;
    static nis2i_risk r0 = {.id = "R-0", .title = "t", .level = NIS2I_RL_LOW, .treatment = NIS2I_TR_AVOID,
                            .assessed_on = 20260601};
    static nis2i_supplier s0 = {.id = "S-0", .name = "n", .service = "s", .contact = "c", .critical = false};
    m->risks = &r0;
    m->n_risks = 1;
    m->suppliers = &s0;
    m->n_suppliers = 1;
    m->security_reporter = "CISO";
    mem[0] = (nis2i_mb_member){.id = "MB-1", .role = "CEO", .trained_on = 20260101};
    m->members = mem;
    m->n_members = 1;
    ap[0] = (nis2i_mb_record){.what = NIS2I_MB_RISK_MEASURES, .date = 20260301};
    ap[1] = (nis2i_mb_record){.what = NIS2I_MB_SECURITY_POLICY, .date = 20251128};
    m->approvals = ap;
    m->n_approvals = 2;
    ov[0] = (nis2i_mb_record){.topic = "status report", .date = 20260901};
    m->oversight = ov;
    m->n_oversight = 1;
}

START_TEST(security_policy_review_at_least_annually_ir_1_1_2)
{
    nis2i_gap_isms m;
    nis2i_mb_member mem[1];
    nis2i_mb_record ap[2], ov[1];
    good_body(&m, mem, ap, ov);
    nis2i_gap_findings f;
    /* reviewed 2025-11-28: current through 2026-11-28, overdue from 2026-11-29 */
    static const struct { int32_t as_of; size_t n; } c[] = {{20261127, 0}, {20261128, 0}, {20261129, 1}};
    for (size_t k = 0; k < 3; k++) {
        check(&m, c[k].as_of, true, NULL, &f);
        ck_assert_uint_eq(f.n, c[k].n);
        ck_assert_uint_eq(count(&f, "IR 2024/2690 Annex 1.1.2", NULL), c[k].n);
        if (c[k].n) {
            ck_assert_int_eq(f.items[0].due, 20261128);
            ck_assert(!f.items[0].open);
            ck_assert_uint_eq(f.items[0].weight, NIS2I_W_REVIEW);
        }
        nis2i_gap_findings_free(&f);
    }
    /* an entity the IR does not bind: the Directive sets no review cycle, so no finding */
    check(&m, 20261129, false, NULL, &f);
    ck_assert_uint_eq(count(&f, "1.1.2", NULL), 0);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    /* no review at all: open; an approval dated after as_of does not count (and is said) */
    ap[1].date = 20261129;
    check(&m, 20261128, true, NULL, &f);
    ck_assert(first(&f, "Annex 1.1.2", NULL)->open);
    ck_assert_uint_eq(count(&f, "NIS2 Art. 20(1)", NULL), 1);   /* "approvals dated after the report date" */
    ck_assert_ptr_nonnull(strstr(first(&f, "NIS2 Art. 20(1)", NULL)->text, "after the report date"));
    nis2i_gap_findings_free(&f);
}
END_TEST

START_TEST(management_body_approval_oversight_training_art_20)
{
    nis2i_gap_isms m;
    nis2i_mb_member mem[2];
    nis2i_mb_record ap[2], ov[1];
    good_body(&m, mem, ap, ov);
    nis2i_gap_findings f;
    /* no records at all: one open accountability finding under Art. 20(1) */
    nis2i_gap_isms none = {.has_risks = true, .risks = m.risks, .n_risks = 1, .has_suppliers = true,
                           .suppliers = m.suppliers, .n_suppliers = 1};
    check(&none, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.items[0].provision, "NIS2 Art. 20(1)");
    ck_assert(f.items[0].open);
    ck_assert_uint_eq(f.items[0].question, NIS2I_Q_MANAGEMENT);
    nis2i_gap_findings_free(&f);
    /* the approval of the measures missing */
    ap[0].what = NIS2I_MB_OTHER;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(count(&f, "NIS2 Art. 20(1)", NULL), 1);
    ck_assert_ptr_nonnull(strstr(first(&f, "NIS2 Art. 20(1)", NULL)->text, "No approval"));
    nis2i_gap_findings_free(&f);
    ap[0].what = NIS2I_MB_RISK_MEASURES;
    /* oversight dated after as_of does not count: at the boundary it does */
    ov[0].date = 20261128;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    check(&m, 20261127, true, NULL, &f);
    ck_assert_uint_eq(count(&f, "NIS2 Art. 20(1)", NULL), 1);
    ck_assert_ptr_nonnull(strstr(first(&f, "NIS2 Art. 20(1)", NULL)->text, "oversight"));
    nis2i_gap_findings_free(&f);
    ov[0].date = 20260901;
    /* Art. 20(2): a member without training; training dated the day of the report counts, the day after not */
    mem[1] = (nis2i_mb_member){.id = "MB-2", .role = "CFO"};
    m.n_members = 2;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(count(&f, "NIS2 Art. 20(2)", "MB-2"), 1);
    ck_assert_uint_eq(first(&f, "NIS2 Art. 20(2)", "MB-2")->weight, NIS2I_W_RECORD);
    nis2i_gap_findings_free(&f);
    static const struct { int32_t trained; size_t n; } t[] = {{20261127, 0}, {20261128, 0}, {20261129, 1}};
    for (size_t k = 0; k < 3; k++) {
        mem[1].trained_on = t[k].trained;
        check(&m, 20261128, true, NULL, &f);
        ck_assert_uint_eq(count(&f, "NIS2 Art. 20(2)", "MB-2"), t[k].n);
        nis2i_gap_findings_free(&f);
    }
    /* IR Annex 1.2.3: nobody reports to the body on security (only for IR entities) */
    m.security_reporter = NULL;
    mem[1].trained_on = 20260101;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(count(&f, "IR 2024/2690 Annex 1.2.3", NULL), 1);
    nis2i_gap_findings_free(&f);
    check(&m, 20261128, false, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
}
END_TEST

static nis2i_gap_isms risk_isms(nis2i_risk *r)
{
    static nis2i_supplier s0 = {.id = "S-0", .name = "n", .service = "s", .contact = "c"};
    static nis2i_mb_member mem = {.id = "MB", .trained_on = 20200101};
    static nis2i_mb_record ap[2] = {{.what = NIS2I_MB_RISK_MEASURES, .date = 20260101},
                                    {.what = NIS2I_MB_SECURITY_POLICY, .date = 20260101}};
    static nis2i_mb_record ov = {.topic = "x", .date = 20260101};
    nis2i_gap_isms m = {.has_management_body = true, .has_risks = true, .has_suppliers = true,
                        .security_reporter = "CISO", .members = &mem, .n_members = 1, .approvals = ap,
                        .n_approvals = 2, .oversight = &ov, .n_oversight = 1, .risks = r, .n_risks = 1,
                        .suppliers = &s0, .n_suppliers = 1};
    return m;
}

START_TEST(risk_review_by_and_annual_assessment_ir_2_1_4)
{
    nis2i_risk r = {.id = "R-1", .title = "t", .level = NIS2I_RL_MEDIUM, .treatment = NIS2I_TR_AVOID,
                    .decided_by = NIS2I_BY_RISK_OWNER, .decision_date = 20260601, .review_by = 20261128};
    nis2i_gap_isms m = risk_isms(&r);
    nis2i_gap_findings f;
    /* review_by is met up to and including that day */
    static const struct { int32_t as_of; size_t n; } c[] = {{20261127, 0}, {20261128, 0}, {20261129, 1}};
    for (size_t k = 0; k < 3; k++) {
        check(&m, c[k].as_of, true, NULL, &f);
        ck_assert_uint_eq(f.n, c[k].n);
        ck_assert_uint_eq(count(&f, "IR 2024/2690 Annex 2.1.4", "R-1"), c[k].n);
        if (c[k].n)
            ck_assert_int_eq(f.items[0].due, 20261128);
        nis2i_gap_findings_free(&f);
    }
    /* no review_by: the assessment (here the decision) is current for twelve months */
    r.review_by = 0;
    r.decision_date = 20251128;
    for (size_t k = 0; k < 3; k++) {
        check(&m, c[k].as_of, true, NULL, &f);
        ck_assert_uint_eq(count(&f, "IR 2024/2690 Annex 2.1.4", "R-1"), c[k].n);
        ck_assert_uint_eq(f.n, c[k].n);
        nis2i_gap_findings_free(&f);
    }
    /* assessed_on wins over the decision date */
    r.assessed_on = 20260301;
    check(&m, 20261129, true, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    /* an entity the IR does not bind: the same interval, but the Directive sets none, and the finding says so */
    r.assessed_on = 0;
    check(&m, 20261129, false, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_ptr_nonnull(strstr(f.items[0].provision, "the Directive sets no interval"));
    nis2i_gap_findings_free(&f);
    /* no date at all */
    r.decided_by = NIS2I_BY_NONE;
    r.decision_date = 0;
    check(&m, 20261129, true, NULL, &f);
    ck_assert_uint_eq(count(&f, "Annex 2.1.4", "R-1"), 1);
    ck_assert(f.items[0].open);
    nis2i_gap_findings_free(&f);
}
END_TEST

START_TEST(risk_acceptance_needs_someone_with_authority_ir_2_1_1)
{
    nis2i_risk r = {.id = "R-7", .title = "t", .level = NIS2I_RL_HIGH, .treatment = NIS2I_TR_ACCEPT,
                    .assessed_on = 20260601};
    nis2i_gap_isms m = risk_isms(&r);
    nis2i_gap_findings f;
    /* accepted by nobody: open, management accountability */
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert(f.items[0].open);
    ck_assert_uint_eq(f.items[0].weight, NIS2I_W_ACCOUNTABILITY);
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "accepted by nobody with authority"));
    ck_assert_uint_eq(f.items[0].question, NIS2I_Q_RISKS);
    nis2i_gap_findings_free(&f);
    /* by the risk owner: holds only with reporting to the body (not open) */
    r.decided_by = NIS2I_BY_RISK_OWNER;
    r.decision_date = 20261128;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert(!f.items[0].open);
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "not by the management body"));
    nis2i_gap_findings_free(&f);
    /* the Directive alone (no IR 2.1.1 proviso for accountable persons): the body approves the measures */
    check(&m, 20261128, false, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "approves the risk-management measures"));
    ck_assert_str_eq(f.items[0].provision, "NIS2 Art. 20(1), 21(1)");
    nis2i_gap_findings_free(&f);
    /* a decision dated the day after the report does not count */
    check(&m, 20261127, true, NULL, &f);
    ck_assert_uint_eq(count(&f, "Annex 2.1.1", "R-7"), 2);   /* not counted + accepted by nobody */
    nis2i_gap_findings_free(&f);
    /* by the management body: nothing to say */
    r.decided_by = NIS2I_BY_MANAGEMENT_BODY;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    /* a low risk accepted by the risk owner is fine; accepted by nobody is a (lighter) open finding */
    r.level = NIS2I_RL_LOW;
    r.decided_by = NIS2I_BY_RISK_OWNER;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    r.decided_by = NIS2I_BY_NONE;
    r.decision_date = 0;
    check(&m, 20261128, false, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_uint_eq(f.items[0].weight, NIS2I_W_REVIEW);
    ck_assert_str_eq(f.items[0].provision, "NIS2 Art. 20(1), 21(1)");   /* the Directive alone */
    nis2i_gap_findings_free(&f);
}
END_TEST

START_TEST(risk_treated_by_controls_the_soa_does_not_show)
{
    long a813 = nis2i_control_find(ctx, "A.8.13"), a530 = nis2i_control_find(ctx, "A.5.30");
    ck_assert(a813 >= 0 && a530 >= 0);
    uint32_t cs[2] = {(uint32_t)a813, (uint32_t)a530};
    const char *ids[2] = {"A.8.13", "A.5.30"};
    nis2i_risk r = {.id = "R-1", .title = "t", .level = NIS2I_RL_CRITICAL, .treatment = NIS2I_TR_MITIGATE,
                    .assessed_on = 20260601, .controls = cs, .control_ids = ids, .n_controls = 2};
    nis2i_gap_isms m = risk_isms(&r);
    bool *impl = calloc(ctx->iso->n_controls, sizeof *impl);
    impl[a813] = true;
    nis2i_gap_findings f;
    check(&m, 20261128, true, impl, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.items[0].ids[1], "A.5.30");
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "A.5.30"));
    ck_assert_ptr_null(strstr(f.items[0].text, "A.8.13"));
    nis2i_gap_findings_free(&f);
    impl[a530] = true;
    check(&m, 20261128, true, impl, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    /* mitigate with no control named */
    r.n_controls = 0;
    check(&m, 20261128, true, impl, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "names no control"));
    nis2i_gap_findings_free(&f);
    free(impl);
}
END_TEST

static nis2i_gap_isms supplier_isms(nis2i_supplier *s)
{
    static nis2i_risk r0 = {.id = "R-0", .title = "t", .level = NIS2I_RL_LOW, .treatment = NIS2I_TR_AVOID,
                            .assessed_on = 20260601};
    nis2i_gap_isms m = risk_isms(&r0);
    m.suppliers = s;
    m.n_suppliers = 1;
    return m;
}

START_TEST(critical_supplier_assessment_art_21_3_ir_5_1_6)
{
    uint32_t both = (1u << NIS2I_CL_SECURITY) | (1u << NIS2I_CL_INCIDENTS);
    nis2i_supplier s = {.id = "S-2", .name = "N", .service = "backup", .contact = "c", .critical = true,
                        .assessed_on = 20251128, .clauses = both};
    nis2i_gap_isms m = supplier_isms(&s);
    nis2i_gap_findings f;
    /* assessed 2025-11-28, no next date: current through 2026-11-28 (libnis2's twelve months) */
    static const struct { int32_t as_of; size_t n; } c[] = {{20261127, 0}, {20261128, 0}, {20261129, 1}};
    for (size_t k = 0; k < 3; k++) {
        check(&m, c[k].as_of, true, NULL, &f);
        ck_assert_uint_eq(f.n, c[k].n);
        if (c[k].n) {
            ck_assert_ptr_nonnull(strstr(f.items[0].provision, "not a legal interval"));
            ck_assert_int_eq(f.items[0].due, 20261128);
            ck_assert_uint_eq(f.items[0].question, NIS2I_Q_SUPPLY);
        }
        nis2i_gap_findings_free(&f);
    }
    /* next_assessment: met up to and including that day */
    s.next_assessment = 20261128;
    s.assessed_on = 20250101;
    for (size_t k = 0; k < 3; k++) {
        check(&m, c[k].as_of, true, NULL, &f);
        ck_assert_uint_eq(f.n, c[k].n);
        if (c[k].n)
            ck_assert_ptr_nonnull(strstr(f.items[0].text, "next assessment was due by 2026-11-28"));
        nis2i_gap_findings_free(&f);
    }
    /* never assessed; an assessment dated after the report does not count */
    s.next_assessment = 0;
    s.assessed_on = 0;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert(f.items[0].open);
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "never been assessed"));
    nis2i_gap_findings_free(&f);
    s.assessed_on = 20261129;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "on or before the report date"));
    nis2i_gap_findings_free(&f);
    s.assessed_on = 20261128;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    /* a supplier that is not critical is not checked for assessments */
    s.critical = false;
    s.assessed_on = 0;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
}
END_TEST

START_TEST(supplier_contract_clauses_and_register_ir_5_1_4_5_2_1)
{
    nis2i_supplier s = {.id = "S-3", .name = "N", .service = "dns", .critical = true, .assessed_on = 20260601,
                        .clauses = 1u << NIS2I_CL_SECURITY};
    nis2i_gap_isms m = supplier_isms(&s);
    nis2i_gap_findings f;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(count(&f, "IR 2024/2690 Annex 5.1.4(a), (d)", "S-3"), 1);
    ck_assert_ptr_nonnull(strstr(first(&f, "5.1.4", "S-3")->text, "no incident-notification clause"));
    ck_assert_uint_eq(count(&f, "IR 2024/2690 Annex 5.2.1(a)", "S-3"), 1);   /* no contact point */
    nis2i_gap_findings_free(&f);
    s.clauses = 0;
    s.contact = "c";
    check(&m, 20261128, false, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.items[0].provision, "NIS2 Art. 21(2)(d)");
    ck_assert_ptr_nonnull(strstr(f.items[0].text, "security-requirements or incident-notification"));
    nis2i_gap_findings_free(&f);
    s.clauses = (1u << NIS2I_CL_SECURITY) | (1u << NIS2I_CL_INCIDENTS);
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 0);
    nis2i_gap_findings_free(&f);
    /* no register at all */
    m.has_suppliers = false;
    check(&m, 20261128, true, NULL, &f);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.items[0].provision, "NIS2 Art. 21(2)(d); IR 2024/2690 Annex 5.2.1");
    nis2i_gap_findings_free(&f);
}
END_TEST

START_TEST(action_list_orders_legal_weight_then_deadline)
{
    nis2i_gap_findings f = {0};
    nis2i_gap_find(&f, NIS2I_Q_MANAGEMENT, NIS2I_W_RECORD, true, 0, "P", NULL, NULL, "train", "stale training");
    nis2i_gap_find(&f, NIS2I_Q_SUPPLY, NIS2I_W_REVIEW, false, 20260901, "P", NULL, NULL, "b", "late");
    nis2i_gap_find(&f, NIS2I_Q_RISKS, NIS2I_W_REVIEW, false, 20260601, "P", NULL, NULL, "a", "later");
    nis2i_gap_find(&f, NIS2I_Q_INCIDENTS, NIS2I_W_REPORTING, true, 0, "NIS2 Art. 23(4)(a)", NULL, NULL, "report",
                   "no early warning");
    nis2i_gap_find(&f, NIS2I_Q_RISKS, NIS2I_W_REVIEW, true, 0, "P", NULL, NULL, "c", "never");
    size_t order[5];
    nis2i_gap_prioritise(&f, order);
    static const size_t want[5] = {3, 4, 2, 1, 0};
    for (size_t i = 0; i < 5; i++)
        ck_assert_uint_eq(order[i], want[i]);
    nis2i_gap_findings_free(&f);
}
END_TEST

/* ---------------------------------------------------------------- through the JSON edge */

static const char *const CLOUD =
    "\"entity\": {\"name\": \"T\", \"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\"], "
    "\"employees\": 400, \"turnover_eur\": 90000000, \"balance_sheet_eur\": 70000000}";

static char *doc_with(const char *extra)
{
    char *d = malloc(strlen(extra) + 1024);
    sprintf(d, "{%s, \"as_of\": \"2026-11-28\", \"evidence\": [{\"id\": \"EV-1\", \"controls\": [\"A.5.1\"], "
               "\"dated\": \"2026-01-01\"}]%s%s}",
            CLOUD, *extra ? ", " : "", extra);
    return d;
}

static void expect_error(const char *extra, nis2_status want, const char *path)
{
    char *d = doc_with(extra);
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_gap_report_json(ctx, d, strlen(d), 0, &out, err);
    ck_assert_msg(st == want, "%s: got %d (%s), want %d", extra, st, nis2_error_message(err), want);
    ck_assert_str_eq(nis2_error_path(err), path);
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), path));
    ck_assert_ptr_null(out);
    nis2_error_free(err);
    free(d);
}

START_TEST(isms_input_errors_name_the_path)
{
    expect_error("\"risks\": {}", NIS2_ERR_INVALID_FIELD, "$.risks");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"severe\", \"treatment\": \"accept\"}]",
                 NIS2_ERR_INVALID_FIELD, "$.risks[0].level");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\"}]", NIS2_ERR_MISSING_FIELD,
                 "$.risks[0].treatment");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\", \"treatment\": \"accept\", "
                 "\"owner\": \"x\"}]",
                 NIS2_ERR_UNKNOWN_KEY, "$.risks[0].owner");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\", \"treatment\": \"mitigate\", "
                 "\"controls\": [\"A.8.13\", \"A.9.99\"]}]",
                 NIS2_ERR_UNKNOWN_CODE, "$.risks[0].controls[1]");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\", \"treatment\": \"mitigate\", "
                 "\"obligations\": [\"nis2.art99.nothing\"]}]",
                 NIS2_ERR_UNKNOWN_CODE, "$.risks[0].obligations[0]");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\", \"treatment\": \"accept\", "
                 "\"evidence\": [\"EV-1\", \"EV-2\"]}]",
                 NIS2_ERR_UNKNOWN_CODE, "$.risks[0].evidence[1]");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\", \"treatment\": \"accept\", "
                 "\"decision\": {\"by\": \"board\", \"date\": \"2026-01-01\"}}]",
                 NIS2_ERR_INVALID_FIELD, "$.risks[0].decision.by");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\", \"treatment\": \"accept\", "
                 "\"decision\": {\"by\": \"risk_owner\", \"date\": \"2026-05-01\", \"review_by\": \"2026-04-30\"}}]",
                 NIS2_ERR_INVALID_FIELD, "$.risks[0].decision.review_by");
    expect_error("\"risks\": [{\"id\": \"R\", \"title\": \"t\", \"level\": \"low\", \"treatment\": \"accept\"}, "
                 "{\"id\": \"R\", \"title\": \"u\", \"level\": \"low\", \"treatment\": \"avoid\"}]",
                 NIS2_ERR_INVALID_FIELD, "$.risks[1].id");
    expect_error("\"suppliers\": [{\"id\": \"S\", \"name\": \"n\", \"service\": \"s\"}]", NIS2_ERR_MISSING_FIELD,
                 "$.suppliers[0].critical");
    expect_error("\"suppliers\": [{\"id\": \"S\", \"name\": \"n\", \"service\": \"s\", \"critical\": true, "
                 "\"assessed_on\": \"2026-02-30\"}]",
                 NIS2_ERR_INVALID_FIELD, "$.suppliers[0].assessed_on");
    expect_error("\"suppliers\": [{\"id\": \"S\", \"name\": \"n\", \"service\": \"s\", \"critical\": true, "
                 "\"contract_clauses\": [\"security_requirements\", \"pizza\"]}]",
                 NIS2_ERR_INVALID_FIELD, "$.suppliers[0].contract_clauses[1]");
    expect_error("\"suppliers\": [{\"id\": \"S\", \"name\": \"n\", \"service\": \"s\", \"critical\": true, "
                 "\"assessed_on\": \"2026-05-01\", \"next_assessment\": \"2026-04-01\"}]",
                 NIS2_ERR_INVALID_FIELD, "$.suppliers[0].next_assessment");
    expect_error("\"management_body\": {\"members\": [{\"id\": \"M\", \"trained_on\": \"yesterday\"}]}",
                 NIS2_ERR_INVALID_FIELD, "$.management_body.members[0].trained_on");
    expect_error("\"management_body\": {\"members\": [{\"id\": \"M\"}, {\"id\": \"M\"}]}", NIS2_ERR_INVALID_FIELD,
                 "$.management_body.members[1].id");
    expect_error("\"management_body\": {\"approvals\": [{\"what\": \"budget\", \"date\": \"2026-01-01\"}]}",
                 NIS2_ERR_INVALID_FIELD, "$.management_body.approvals[0].what");
    expect_error("\"management_body\": {\"approvals\": [{\"what\": \"security_policy\"}]}", NIS2_ERR_MISSING_FIELD,
                 "$.management_body.approvals[0].date");
    expect_error("\"management_body\": {\"oversight\": [{\"what\": \"x\", \"date\": \"2026-01-01\", "
                 "\"evidence\": [\"EV-9\"]}]}",
                 NIS2_ERR_UNKNOWN_CODE, "$.management_body.oversight[0].evidence[0]");
    expect_error("\"management_body\": {\"chair\": \"x\"}", NIS2_ERR_UNKNOWN_KEY, "$.management_body.chair");
}
END_TEST

static json_t *report(const char *extra)
{
    char *d = doc_with(extra);
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_gap_report_json(ctx, d, strlen(d), 0, &out, err);
    ck_assert_msg(st == NIS2_OK, "%s (%s)", nis2_error_message(err), nis2_error_path(err));
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    free(d);
    return v;
}

START_TEST(report_leads_with_the_seven_questions)
{
    /* an old document (no ISMS records, x_ keys still fine) is accepted: the questions say what is not given */
    json_t *rep = report("\"x_tool\": \"old\"");
    const json_t *qs = json_object_get(rep, "questions");
    static const char *const ids[] = {"scope", "obligations", "measures", "incident_handling",
                                      "management_accountability", "risk_decisions", "supply_chain"};
    ck_assert_uint_eq(json_array_size(qs), 7);
    for (size_t i = 0; i < 7; i++)
        ck_assert_str_eq(json_string_value(json_object_get(json_array_get(qs, i), "id")), ids[i]);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(qs, 0), "status")), "answered");
    for (size_t i = 4; i < 7; i++) {
        const json_t *q = json_array_get(qs, i);
        ck_assert_str_eq(json_string_value(json_object_get(q, "status")), "open");
        ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(q, "answer")), "No "));
    }
    /* every action is a finding of one question, ranked 1..n, and the first is the heaviest */
    const json_t *acts = json_object_get(rep, "actions");
    size_t n_findings = 0;
    for (size_t i = 0; i < 7; i++)
        n_findings += json_array_size(json_object_get(json_array_get(qs, i), "findings"));
    ck_assert_uint_eq(json_array_size(acts), n_findings);
    ck_assert_uint_gt(n_findings, 0);
    for (size_t i = 0; i < json_array_size(acts); i++)
        ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(acts, i), "rank")), (json_int_t)i + 1);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(acts, 0), "weight")), "reporting_capability");
    /* the set of binding duties is the one nis2 obligations gives; Art. 24(1) 2nd sentence is never missing */
    const json_t *sum = json_object_get(rep, "summary");
    size_t binds = 0;
    size_t i;
    const json_t *o;
    json_array_foreach(json_object_get(rep, "obligations"), i, o) {
        binds += json_is_true(json_object_get(o, "binds"));
        if (strcmp(json_string_value(json_object_get(o, "id")), "nis2.art24.qualified_trust_services") == 0) {
            ck_assert_str_eq(json_string_value(json_object_get(o, "status")), "not_applicable");
            ck_assert(json_is_true(json_object_get(o, "binds")));
        }
    }
    ck_assert_int_eq(json_integer_value(json_object_get(sum, "binding")), (json_int_t)binds);
    nis2_entity *e = NULL;
    nis2_error *err = nis2_error_new();
    const char *ent = strchr(CLOUD, '{');
    ck_assert_int_eq(nis2_entity_from_json(ctx, ent, strlen(ent), &e, err), NIS2_OK);
    char *ob = NULL;
    ck_assert_int_eq(nis2_obligations_json(ctx, ent, strlen(ent), 0, &ob, err), NIS2_OK);
    json_t *obl = json_loads(ob, 0, NULL);
    ck_assert_uint_eq(json_array_size(json_object_get(obl, "obligations")), binds);
    json_decref(obl);
    nis2_string_free(ob);
    nis2_entity_free(e);
    nis2_error_free(err);
    json_decref(rep);
    /* with records, the findings name their input ids */
    rep = report("\"risks\": [{\"id\": \"R-7\", \"title\": \"t\", \"level\": \"critical\", \"treatment\": \"accept\"}]");
    const json_t *rq = json_array_get(json_object_get(rep, "questions"), 5);
    const json_t *f0 = NULL;
    json_array_foreach(json_object_get(rq, "findings"), i, o) {
        const char *id0 = json_string_value(json_array_get(json_object_get(o, "ids"), 0));
        if (id0 && strcmp(id0, "R-7") == 0 && !f0)
            f0 = o;
    }
    ck_assert_ptr_nonnull(f0);
    ck_assert_str_eq(json_string_value(json_object_get(f0, "weight")), "accountability");
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(f0, "provision")), "IR 2024/2690 Annex 2.1.1"));
    json_decref(rep);
}
END_TEST

START_TEST(every_format_shows_the_questions)
{
    char *d = doc_with("\"suppliers\": [{\"id\": \"=HYPERLINK(1)\", \"name\": \"n, \\\"q\\\"\", \"service\": \"s\", "
                       "\"critical\": true}]");
    nis2_error *err = nis2_error_new();
    static const uint32_t fmts[] = {NIS2_GAP_FORMAT_TEXT, NIS2_GAP_FORMAT_HTML, NIS2_GAP_FORMAT_CSV};
    for (size_t k = 0; k < 3; k++) {
        char *out = NULL;
        ck_assert_int_eq(nis2_gap_report_render(ctx, d, strlen(d), fmts[k], &out, err), NIS2_OK);
        if (k < 2) {
            ck_assert_ptr_nonnull(strstr(out, "How are the risks of the supply chain"));
            const char *q1 = strstr(out, "Is the entity covered"), *acts = strstr(out, k ? "What to do first"
                                                                                        : "WHAT TO DO FIRST");
            ck_assert(q1 && acts && q1 < acts);
        } else {
            ck_assert(strncmp(out, "rank,weight,question,provision,action,finding,concerns,due\r\n", 60) == 0);
            /* a formula-looking id is defused, quotes doubled */
            ck_assert_ptr_nonnull(strstr(out, ",\"'=HYPERLINK(1)\","));
            ck_assert_ptr_nonnull(strstr(out, "n, \"\"q\"\""));
        }
        nis2_string_free(out);
    }
    char *out = NULL;
    ck_assert_int_eq(nis2_gap_report_render(ctx, d, strlen(d), NIS2_GAP_FORMAT_OSCAL + 1, &out, err), NIS2_ERR_INVALID_ARG);
    nis2_error_free(err);
    free(d);
}
END_TEST

/* Every Annex point a check cites is in the catalog, with its review frequency where the Annex sets one. */
START_TEST(cited_annex_points_are_in_the_catalog)
{
    static const struct { const char *id, *review; } pts[] = {
        {"ir2690.1.1.2", "at least annually"}, {"ir2690.1.2.3", NULL}, {"ir2690.2.1.1", NULL},
        {"ir2690.2.1.4", "at least annually"}, {"ir2690.5.1.3", NULL}, {"ir2690.5.1.4", NULL},
        {"ir2690.5.1.6", "planned intervals"}, {"ir2690.5.2.1", "kept up to date"}};
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "ir2690_points", 0, &out, err), NIS2_OK);
    json_t *cat = json_loads(out, 0, NULL);
    const json_t *arr = json_object_get(cat, "ir2690_points");
    for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++) {
        const json_t *hit = NULL, *x;
        size_t i;
        json_array_foreach(arr, i, x) if (strcmp(json_string_value(json_object_get(x, "id")), pts[k].id) == 0) hit = x;
        ck_assert_msg(hit != NULL, "%s not in the catalog", pts[k].id);
        ck_assert_str_eq(json_string_value(json_object_get(hit, "ref")) + strlen("IR 2024/2690 Annex point "),
                         pts[k].id + strlen("ir2690."));
        ck_assert_uint_gt(strlen(json_string_value(json_object_get(hit, "description"))), 40);
        const json_t *rv = json_object_get(hit, "review");
        if (pts[k].review)
            ck_assert_ptr_nonnull(strstr(json_string_value(rv), pts[k].review));
        else
            ck_assert(json_is_null(rv));
    }
    json_decref(cat);
    nis2_string_free(out);
    nis2_error_free(err);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("gap report: the seven questions");
    TCase *t = tcase_create("isms");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, add_months_clamps_to_the_month_end);
    tcase_add_test(t, security_policy_review_at_least_annually_ir_1_1_2);
    tcase_add_test(t, management_body_approval_oversight_training_art_20);
    tcase_add_test(t, risk_review_by_and_annual_assessment_ir_2_1_4);
    tcase_add_test(t, risk_acceptance_needs_someone_with_authority_ir_2_1_1);
    tcase_add_test(t, risk_treated_by_controls_the_soa_does_not_show);
    tcase_add_test(t, critical_supplier_assessment_art_21_3_ir_5_1_6);
    tcase_add_test(t, supplier_contract_clauses_and_register_ir_5_1_4_5_2_1);
    tcase_add_test(t, action_list_orders_legal_weight_then_deadline);
    tcase_add_test(t, isms_input_errors_name_the_path);
    tcase_add_test(t, report_leads_with_the_seven_questions);
    tcase_add_test(t, every_format_shows_the_questions);
    tcase_add_test(t, cited_annex_points_are_in_the_catalog);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    ctx = test_ctx();
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
