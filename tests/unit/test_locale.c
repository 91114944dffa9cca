/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Locale independence (README, "The C API in brief": the locale is never read). A host process that calls
 * setlocale(LC_ALL, "pt_PT.UTF-8") — decimal comma, "." as thousands separator — gets byte-identical output,
 * for inputs with fractional figures and for error messages that quote numbers. Skipped (exit 77) when the
 * locale is not installed (.ci/install-deps generates it).
 *
 * Adding a JSON entry point is one line in `cases`.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

typedef nis2_status (*json_fn)(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                               nis2_error *err);

static nis2_status entity_round_trip(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                                     nis2_error *err)
{
    nis2_entity *e = NULL;
    nis2_status st = nis2_entity_from_json(ctx, json, len, &e, err);
    if (!st)
        st = nis2_entity_set_figure(e, NIS2_PERIOD_PREVIOUS, NIS2_FIGURE_BALANCE_SHEET, 43000000.75, err);
    if (!st)
        st = nis2_entity_to_json(e, flags, out, err);
    nis2_entity_free(e);
    return st;
}

static nis2_status catalog_part(const nis2_ctx *ctx, const char *part, size_t len, uint32_t flags, char **out,
                                nis2_error *err)
{
    (void)len;
    return nis2_ctx_catalog_json(ctx, part, flags, out, err);
}

static const struct {
    const char *name;
    json_fn fn;
    const char *input;
} cases[] = {
    {"classify, fractional figures", nis2_classify_json,
     "{\"country\": \"PT\", \"activities\": [\"digital_infrastructure.cloud_provider\"], \"employees\": 49.5,"
     " \"turnover_eur\": 10000000.25, \"balance_sheet_eur\": 9999999.5,"
     " \"previous_period\": {\"employees\": 50.75, \"turnover_eur\": 1.5e7}}"},
    {"classify, medium boundary", nis2_classify_json,
     "{\"country\": \"DE\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 249.99,"
     " \"turnover_eur\": 50000000.01}"},
    {"classify, undetermined", nis2_classify_json,
     "{\"country\": \"AT\", \"activities\": [\"manufacturing.machinery\"], \"turnover_eur\": 12345.678}"},
    {"entity round trip", entity_round_trip,
     "{\"country\": \"FR\", \"activities\": [], \"employees\": 0.25, \"turnover_eur\": 1234567.891}"},
    {"error quoting a number", nis2_classify_json,
     "{\"country\": \"DE\", \"activities\": [], \"employees\": 123456789.5}"},
    {"error quoting a negative number", nis2_classify_json,
     "{\"country\": \"DE\", \"activities\": [], \"turnover_eur\": -0.5}"},
    {"catalog sme_thresholds", catalog_part, "sme_thresholds"},
    {"catalog entity_types", catalog_part, "entity_types"},
    {"obligations, fractional turnover (fines)", nis2_obligations_json,
     "{\"country\": \"DE\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 300.5,"
     " \"turnover_eur\": 123456789.75}"},
    {"incident deadlines, offsets", nis2_incident_deadlines_json,
     "{\"schema\": 1, \"entity\": {\"country\": \"PT\", \"activities\": [\"digital_infrastructure.cloud_provider\"],"
     " \"employees\": 180.5, \"turnover_eur\": 32000000.5}, \"aware_at\": \"2026-04-01T10:20:00.5+01:00\", \"impact_ended_at\": \"2026-04-03T08:00:00Z\"}"},
    {"incident assess, fractional impact", nis2_incident_assess_json,
     "{\"schema\": 1, \"entity\": {\"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\"],"
     " \"employees\": 320}, \"impact\": {\"financial_loss_eur\": 500000.5, \"turnover_prev_fy_eur\": 9876543.21,"
     " \"unavailable_minutes\": 30.5, \"users_in_union\": 1000, \"users_affected_unavailable\": 50.5}}"},
    {"gap report", nis2_gap_report_json,
     "{\"schema\": 1, \"entity\": {\"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\"],"
     " \"employees\": 320.25, \"turnover_eur\": 62000000.5}, \"as_of\": \"2026-11-28\","
     " \"soa\": [{\"control\": \"A.5.24\", \"applicable\": true, \"status\": \"implemented\"}]}"},
    /* a new JSON entry point: add a line here */
};
#define NCASES (sizeof cases / sizeof cases[0])

/* The output of a case, or its error (status, path and message) when it fails. */
static char *run(const nis2_ctx *ctx, size_t k, uint32_t flags)
{
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = cases[k].fn(ctx, cases[k].input, strlen(cases[k].input), flags, &out, err);
    char *r;
    if (st == NIS2_OK) {
        r = strdup(out);
    } else {
        size_t n = strlen(nis2_error_message(err)) + strlen(nis2_error_path(err)) + 64;
        r = malloc(n);
        snprintf(r, n, "%s|%s|%s", nis2_status_name(st), nis2_error_path(err), nis2_error_message(err));
    }
    nis2_string_free(out);
    nis2_error_free(err);
    return r;
}

int main(void)
{
    nis2_ctx *ctx = NULL;
    if (nis2_ctx_new(&ctx, NULL) != NIS2_OK)
        return 1;
    char *before[NCASES][2];
    for (size_t k = 0; k < NCASES; k++)
        for (uint32_t f = 0; f < 2; f++)
            before[k][f] = run(ctx, k, f ? NIS2_JSON_PRETTY : 0);

    if (!setlocale(LC_ALL, "pt_PT.UTF-8")) {
        printf("SKIP: the pt_PT.UTF-8 locale is not installed\n");
        for (size_t k = 0; k < NCASES; k++)
            free(before[k][0]), free(before[k][1]);
        nis2_ctx_free(ctx);
        return 77;
    }
    if (strcmp(localeconv()->decimal_point, ",") != 0) {
        fprintf(stderr, "pt_PT.UTF-8 is active but its decimal point is '%s'\n", localeconv()->decimal_point);
        return 1;
    }
    /* a context created under the locale reads the catalog the same way */
    nis2_ctx *ctx2 = NULL;
    if (nis2_ctx_new(&ctx2, NULL) != NIS2_OK)
        return 1;
    int failures = 0;
    for (size_t k = 0; k < NCASES; k++) {
        for (uint32_t f = 0; f < 2; f++) {
            for (int c = 0; c < 2; c++) {
                char *after = run(c ? ctx2 : ctx, k, f ? NIS2_JSON_PRETTY : 0);
                if (strcmp(before[k][f], after) != 0) {
                    failures++;
                    fprintf(stderr, "case '%s'%s%s differs under pt_PT.UTF-8:\n  C:     %.300s\n  pt_PT: %.300s\n",
                            cases[k].name, f ? " (pretty)" : "", c ? " (context made under the locale)" : "",
                            before[k][f], after);
                }
                free(after);
            }
        }
        free(before[k][0]);
        free(before[k][1]);
    }
    setlocale(LC_ALL, "C");
    nis2_ctx_free(ctx2);
    nis2_ctx_free(ctx);
    printf("%zu cases under pt_PT.UTF-8: %d differ\n", NCASES, failures);
    return failures ? 1 : 0;
}
