/* SPDX-License-Identifier: Apache-2.0 */
/*
 * incident_typed.c — the typed C API end to end, without writing or parsing JSON (NIS2_1.1):
 *  1. a Portuguese cloud provider is built with setters and its obligations are listed with their nature, group,
 *     condition, deadline, national provisions, supervision regime and maximum fine;
 *  2. an outage is described with the incident setters: the reporting deadlines (national phases and the
 *     Directive's baseline) and whether it is significant (IR 2024/2690), with every criterion met and every
 *     criterion still open;
 *  3. the forms a product needs: Member States, the categories of each law.
 * Build: cc incident_typed.c $(pkg-config --cflags --libs nis2)
 */
#include <stdio.h>

#include <nis2/nis2.h>

#define TRY(call)                                                                                     \
    do {                                                                                              \
        if ((call) != NIS2_OK) {                                                                      \
            fprintf(stderr, "error: %s (%s)\n", nis2_error_message(err), nis2_error_path(err));       \
            goto done;                                                                                \
        }                                                                                             \
    } while (0)

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

static void print_reports(const nis2_deadlines *d, uint32_t list)
{
    for (size_t i = 0; i < nis2_deadlines_report_count(d, list); i++)
        printf("  %-26s due %-21s %s (from %s)\n", nis2_deadlines_report_id(d, list, i),
               or_dash(nis2_deadlines_report_due_rfc3339(d, list, i)), nis2_deadlines_report_ref(d, list, i),
               nis2_deadlines_report_relative_to(d, list, i));
}

int main(void)
{
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx = NULL;
    nis2_entity *ent = NULL;
    nis2_obligations *obl = NULL;
    nis2_incident *inc = NULL;
    nis2_deadlines *dl = NULL;
    nis2_assessment *as = NULL;
    int rc = 1;

    TRY(nis2_ctx_new(&ctx, err));
    TRY(nis2_entity_new(ctx, &ent, err));
    TRY(nis2_entity_set_name(ent, "Nuvem Lisboa, S.A.", err));
    TRY(nis2_entity_set_country(ent, "PT", err));
    TRY(nis2_entity_add_activity(ent, "digital_infrastructure.cloud_provider", err));
    TRY(nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_EMPLOYEES, 180, err));
    TRY(nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_TURNOVER, 32e6, err));
    TRY(nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_BALANCE_SHEET, 21e6, err));

    /* 1. obligations */
    TRY(nis2_obligations_select(ctx, ent, NULL, &obl, err));
    printf("%s: %s under %s, supervision %s (%s)\n", nis2_obligations_name(obl), nis2_obligations_category(obl),
           nis2_obligations_law(obl),
           nis2_obligations_supervision_id(obl) == NIS2_SUPERVISION_EX_ANTE_AND_EX_POST ? "ex ante and ex post"
           : nis2_obligations_supervision_id(obl) == NIS2_SUPERVISION_EX_POST          ? "ex post"
                                                                                        : "none",
           or_dash(nis2_obligations_supervision_ref(obl)));
    double fixed, share;
    if (nis2_obligations_has_max_fine(obl)) {
        printf("maximum fine: %s", nis2_obligations_max_fine_ref(obl));
        if (nis2_obligations_max_fine_fixed(obl, &fixed))
            printf(", EUR %.0f", fixed);
        if (nis2_obligations_max_fine_share(obl, &share))
            printf(" or %.1f %% of turnover", share * 100);
        printf("\n");
    } else {
        printf("no maximum fine: %s\n", nis2_obligations_max_fine_none_text(obl));
    }
    size_t conditional = 0, incident_duties = 0;
    for (size_t i = 0; i < nis2_obligations_count(obl); i++) {
        if (nis2_obligations_group_id(obl, i) == NIS2_GROUP_INCIDENT_REPORTING) {
            incident_duties++;
            printf("  [%s] %s — %s\n", nis2_obligations_ref(obl, i), nis2_obligations_title(obl, i),
                   or_dash(nis2_obligations_deadline(obl, i)));
            for (size_t j = 0; j < nis2_obligations_national_count(obl, i); j++)
                printf("      national: %s %s\n", nis2_obligations_national_ref(obl, i, j),
                       or_dash(nis2_obligations_national_title(obl, i, j)));
        }
        if (nis2_obligations_nature_id(obl, i) == NIS2_NATURE_CONDITIONAL) {
            printf("  conditional: %s (settled by: %s)\n", nis2_obligations_id(obl, i),
                   or_dash(nis2_obligations_condition_fact(obl, i)));
            conditional++;
        }
    }
    printf("%zu duties, %zu on incident reporting, %zu conditional\n\n", nis2_obligations_count(obl),
           incident_duties, conditional);

    /* 2. an incident: 45 minutes of unavailability for every user */
    TRY(nis2_incident_new(&inc, err));
    TRY(nis2_incident_set_time_rfc3339(inc, NIS2_INCIDENT_AWARE_AT, "2026-04-01T10:20:00+01:00", err));
    TRY(nis2_incident_set_time_rfc3339(inc, NIS2_INCIDENT_IMPACT_ENDED_AT, "2026-04-03T10:35:00+01:00", err));
    TRY(nis2_incident_set_time_rfc3339(inc, NIS2_INCIDENT_OCCURRED_AT, "2026-04-01T09:50:00+01:00", err));
    TRY(nis2_incident_set_root_cause(inc, "storage controller firmware update", err));
    TRY(nis2_incident_set_number(inc, NIS2_IMPACT_UNAVAILABLE_MINUTES, 45, err));
    TRY(nis2_incident_set_number(inc, NIS2_IMPACT_USERS_IN_UNION, 240000, err));
    TRY(nis2_incident_set_number(inc, NIS2_IMPACT_USERS_AFFECTED_UNAVAILABLE, 240000, err));
    TRY(nis2_incident_set_number(inc, NIS2_IMPACT_FINANCIAL_LOSS_EUR, 38000, err));
    TRY(nis2_incident_set_bool(inc, NIS2_IMPACT_DATA_COMPROMISED, 0, err));
    TRY(nis2_incident_deadlines(ctx, ent, inc, &dl, err));
    printf("reports under %s (%s):\n", nis2_deadlines_law(dl), nis2_deadlines_category(dl));
    print_reports(dl, NIS2_DEADLINES_REPORTS);
    if (nis2_deadlines_report_count(dl, NIS2_DEADLINES_DIRECTIVE)) {
        printf("the Directive's baseline, for reference:\n");
        print_reports(dl, NIS2_DEADLINES_DIRECTIVE);
    }
    TRY(nis2_incident_assess(ctx, ent, inc, &as, err));
    printf("\nsignificant: %s\n", nis2_assessment_significant(as) ? "yes" : "no");
    for (size_t i = 0; i < nis2_assessment_criterion_count(as); i++)
        printf("  met: %s\n", nis2_assessment_criterion_ref(as, i));
    for (size_t i = 0; i < nis2_assessment_not_decided_count(as); i++) {
        printf("  open: %s, give", nis2_assessment_not_decided_ref(as, i));
        for (size_t j = 0; j < nis2_assessment_not_decided_missing_count(as, i); j++)
            printf(" %s", nis2_assessment_not_decided_missing_at(as, i, j));
        printf("\n");
    }

    /* 3. forms */
    printf("\nMember States with an encoded national law:");
    for (size_t i = 0; i < nis2_ctx_member_state_count(ctx); i++)
        if (nis2_ctx_member_state_encoded(ctx, i))
            printf(" %s (%s)", nis2_ctx_member_state_code(ctx, i), or_dash(nis2_ctx_member_state_transposition_law(ctx, i)));
    printf("\n");
    for (size_t law = 1; law < nis2_ctx_law_count(ctx); law++) {
        printf("categories of %s, in precedence order:\n", nis2_ctx_law_name(ctx, law));
        for (size_t i = 0; i < nis2_ctx_category_count(ctx, law); i++)
            printf("  %u. %s (id %u)\n", nis2_ctx_category_rank(ctx, law, i), nis2_ctx_category_name(ctx, law, i),
                   nis2_ctx_category_id(ctx, law, i));
    }
    rc = 0;
done:
    nis2_assessment_free(as);
    nis2_deadlines_free(dl);
    nis2_incident_free(inc);
    nis2_obligations_free(obl);
    nis2_entity_free(ent);
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return rc;
}
