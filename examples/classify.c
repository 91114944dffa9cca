/* SPDX-License-Identifier: Apache-2.0 */
/*
 * classify.c — the typed C API without any JSON: is a 120-person cloud provider in Germany covered by NIS2?
 * Build: cc classify.c $(pkg-config --cflags --libs nis2)
 */
#include <stdio.h>

#include <nis2/nis2.h>

int main(void)
{
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx = NULL;
    nis2_entity *ent = NULL;
    nis2_result *res = NULL;
    int rc = 1;

    if (nis2_ctx_new(&ctx, err) != NIS2_OK ||
        nis2_entity_new(ctx, &ent, err) != NIS2_OK ||
        nis2_entity_set_name(ent, "Wolke Rechenzentrum GmbH", err) != NIS2_OK ||
        nis2_entity_set_country(ent, "DE", err) != NIS2_OK ||
        nis2_entity_add_activity(ent, "digital_infrastructure.cloud_provider", err) != NIS2_OK ||
        nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_EMPLOYEES, 120, err) != NIS2_OK ||
        nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_TURNOVER, 18e6, err) != NIS2_OK ||
        nis2_entity_set_figure(ent, NIS2_PERIOD_LATEST, NIS2_FIGURE_BALANCE_SHEET, 9e6, err) != NIS2_OK ||
        nis2_classify(ctx, ent, &res, err) != NIS2_OK) {
        fprintf(stderr, "error: %s (%s)\n", nis2_error_message(err), nis2_error_path(err));
        goto done;
    }

    printf("category:   %s\n", nis2_result_category(res, NIS2_VERDICT_APPLICABLE));
    printf("decided by: %s\n", nis2_result_decided_by(res, NIS2_VERDICT_APPLICABLE));
    printf("size class: %s\n", nis2_result_size_class_name(res) ? nis2_result_size_class_name(res) : "unknown");
    for (size_t i = 0; i < nis2_result_reason_count(res); i++)
        printf("  [%s] %s\n", nis2_result_reason_ref(res, i), nis2_result_reason_text(res, i));
    rc = 0;
done:
    nis2_result_free(res);
    nis2_entity_free(ent);
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return rc;
}
