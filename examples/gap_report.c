/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gap_report — the ISO/IEC 27001 gap report through the typed C API (include/nis2/gap.h): no JSON is written or
 * parsed by this program.
 *
 *   gap_report [text|html|csv|json|oscal] (default: a summary read through the getters, then the text report)
 *
 * Builds the entity and its ISMS step by step (the Statement of Applicability, the certificate, evidence, the
 * management body's records, a risk register and a supplier register), computes the report, reads the seven
 * questions and the prioritised action list through the getters, and renders the report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

/* Report a failed call with its field (the JSON path the entry would have) and stop. */
static int fail(const char *what, nis2_error *err)
{
    fprintf(stderr, "%s: %s [%s] %s\n", what, nis2_status_name(nis2_error_code(err)),
            nis2_error_path(err) ? nis2_error_path(err) : "-", nis2_error_message(err));
    return 1;
}

#define TRY(what, call)                                                                                            \
    do {                                                                                                           \
        if ((call) != NIS2_OK) {                                                                                   \
            rc = fail(what, err);                                                                                  \
            goto out;                                                                                              \
        }                                                                                                          \
    } while (0)

int main(int argc, char **argv)
{
    static const char *const formats[] = {"json", "text", "html", "csv", "oscal"}; /* NIS2_GAP_FORMAT_* */
    long format = -1;
    for (uint32_t f = 0; argc > 1 && f < 5; f++)
        if (strcmp(argv[1], formats[f]) == 0)
            format = (long)f;
    if (argc > 1 && format < 0) {
        fprintf(stderr, "usage: gap_report [text|html|csv|json|oscal]\n");
        return 2;
    }
    int rc = 0;
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx = NULL;
    nis2_entity *ent = NULL;
    nis2_isms *isms = NULL;
    nis2_gap_report *rep = NULL;
    char *out = NULL;
    TRY("context", nis2_ctx_new(&ctx, err));

    /* an auditor's way of writing control ids, normalised */
    static const char *const typed[] = {"A5.7", "A. 5.24", "5.24", "9.3", "A.8.35"};
    for (size_t i = 0; format < 0 && i < sizeof typed / sizeof typed[0]; i++) {
        const char *id;
        if (nis2_iso_normalise_id(ctx, typed[i], &id, err) == NIS2_OK)
            printf("%-8s -> %s (%s)\n", typed[i], id, nis2_iso_control_title(ctx, id));
        else
            printf("%-8s -> rejected: %s\n", typed[i], nis2_error_message(err));
    }

    /* the entity: a German cloud provider of 320 staff */
    TRY("entity", nis2_entity_new(ctx, &ent, err));
    TRY("name", nis2_entity_set_name(ent, "Nordwolke Cloud GmbH", err));
    TRY("country", nis2_entity_set_country(ent, "DE", err));
    TRY("activity", nis2_entity_add_activity(ent, "digital_infrastructure.cloud_provider", err));
    TRY("employees", nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_EMPLOYEES, 320, err));
    TRY("turnover", nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_TURNOVER, 62e6, err));
    TRY("balance sheet", nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_BALANCE_SHEET, 48e6, err));

    /* its ISMS on the reference date */
    TRY("isms", nis2_isms_new(ctx, ent, "2026-11-28", &isms, err));
    TRY("soa", nis2_isms_add_soa(isms, "A.5.24", 1, "implemented", NULL, err));
    TRY("soa", nis2_isms_add_soa(isms, "A.5.26", 1, "implemented", NULL, err));
    TRY("soa", nis2_isms_add_soa(isms, "A.5.19", 1, "partial", "supplier reviews started in 2026", err));
    TRY("soa", nis2_isms_add_soa(isms, "A.8.13", 1, "implemented", NULL, err));
    TRY("soa", nis2_isms_add_soa(isms, "A.7.5", 0, NULL, "no premises of our own: colocation", err));
    TRY("certificate", nis2_isms_set_certificate(isms, "ISO/IEC 27001:2022", "2028-06-30", 1, "2025-07-01",
                                                 "Example Cert GmbH", err));
    static const char *const incident_ctl[] = {"A.5.24", "A.5.26"}, *const backup_ctl[] = {"A.8.13"};
    static const char *const early_warning[] = {"nis2.art23.early_warning"};
    TRY("evidence", nis2_isms_add_evidence(isms, "EV-1", "Incident response procedure v3", "2026-03-02", NULL,
                                           incident_ctl, 2, NULL, 0, err));
    TRY("evidence", nis2_isms_add_evidence(isms, "EV-2", "Backup restore test report", "2026-09-15", "2027-09-15",
                                           backup_ctl, 1, NULL, 0, err));
    TRY("evidence", nis2_isms_add_evidence(isms, "EV-3", "24-hour early-warning runbook for the BSI", "2026-05-01",
                                           NULL, NULL, 0, early_warning, 1, err));
    static const char *const ev1[] = {"EV-1"};
    TRY("reporter", nis2_isms_set_security_reporter(isms, "the CISO", err));
    TRY("member", nis2_isms_add_member(isms, "MB-1", "Chief Executive Officer", "2026-02-10", err));
    TRY("member", nis2_isms_add_member(isms, "MB-2", "Chief Financial Officer", NULL, err));
    TRY("approval", nis2_isms_add_approval(isms, "risk_management_measures", "2026-04-28", ev1, 1, err));
    TRY("oversight", nis2_isms_add_oversight(isms, "Quarterly security report", "2026-10-20", NULL, 0, err));
    static const char *const r1_ctl[] = {"A.8.13"};
    TRY("risk", nis2_isms_add_risk(isms, "R-1", "Ransomware on the control plane", "critical", "mitigate",
                                   "2026-05-20", r1_ctl, 1, NULL, 0, "management_body", "2026-05-20", "2027-05-20",
                                   NULL, 0, err));
    TRY("risk", nis2_isms_add_risk(isms, "R-2", "Single DNS provider", "high", "accept", "2025-06-01", NULL, 0, NULL,
                                   0, "ciso", "2025-06-01", NULL, NULL, 0, err));
    static const char *const clauses[] = {"security_requirements", "audit_rights"};
    TRY("supplier", nis2_isms_add_supplier(isms, "S-1", "Hyperstack Colocation AG", "data centre colocation", 1,
                                           NULL, "2025-03-31", "2026-03-31", clauses, 2, NULL, 0, NULL, 0, err));

    /* a mistake is caught where it is made, named as the JSON path would name it */
    if (format < 0 && nis2_isms_add_risk(isms, "R-3", "Typo", "severe", "accept", NULL, NULL, 0, NULL, 0, NULL, NULL,
                                         NULL, NULL, 0, err) != NIS2_OK)
        printf("rejected: %s\n\n", nis2_error_message(err));

    TRY("report", nis2_gap_compute(isms, &rep, err));
    if (format >= 0) {
        TRY("render", nis2_gap_report_to_string(rep, (uint32_t)format, 0, &out, err));
        fputs(out, stdout);
        goto out;
    }

    static const char *const status[] = {"answered", "partial", "open"};
    printf("%s entity under %s on %s: %zu duties bind it, %zu covered, %zu partial, %zu missing.\n\n",
           nis2_gap_report_category(rep), nis2_gap_report_law(rep), nis2_gap_report_as_of(rep),
           nis2_gap_report_summary(rep, NIS2_GAP_SUM_BINDING), nis2_gap_report_summary(rep, NIS2_GAP_SUM_COVERED),
           nis2_gap_report_summary(rep, NIS2_GAP_SUM_PARTIAL), nis2_gap_report_summary(rep, NIS2_GAP_SUM_MISSING));
    for (size_t q = 0; q < NIS2_GAP_QUESTION_N; q++)
        printf("%zu. %-26s %-8s %zu finding(s)\n", q + 1, nis2_gap_report_question_id(rep, q),
               status[nis2_gap_report_question_status(rep, q)], nis2_gap_report_finding_count(rep, q));
    printf("\nFirst actions:\n");
    for (size_t k = 0; k < nis2_gap_report_action_count(rep) && k < 5; k++) {
        const char *due = nis2_gap_report_action_due(rep, k);
        printf("%2zu. [%s%s%s] %s\n", k + 1, nis2_gap_report_action_provision(rep, k), due ? ", due " : "",
               due ? due : "", nis2_gap_report_action_text(rep, k));
    }
    printf("\nDuties not shown:\n");
    for (size_t i = 0; i < nis2_gap_report_duty_count(rep); i++)
        if (nis2_gap_report_duty_status(rep, i) == NIS2_GAP_MISSING)
            printf("  %s  %s\n", nis2_gap_report_duty_ref(rep, i), nis2_gap_report_duty_title(rep, i));
    TRY("render", nis2_gap_report_to_string(rep, NIS2_GAP_FORMAT_TEXT, 0, &out, err));
    printf("\n");
    fputs(out, stdout);
out:
    nis2_string_free(out);
    nis2_gap_report_free(rep);
    nis2_isms_free(isms);
    nis2_entity_free(ent);
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return rc;
}
