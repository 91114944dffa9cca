/* SPDX-License-Identifier: Apache-2.0 */
/*
 * IR 2024/2690 Arts 3-14: significant incidents. Every threshold at and just over ("more than" is strict),
 * "whichever is smaller/lower", the DNS misconfiguration exception, the trust-service weekly total, recurring
 * incidents within six months (at six months and just over), the scheduled-maintenance exclusion, the NIS2
 * Art. 23(3) fallback and every input error path.
 */
#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

#define CLOUD "{\"country\":\"DE\",\"activities\":[\"digital_infrastructure.cloud_provider\"],\"employees\":100}"
#define DNS "{\"country\":\"DE\",\"activities\":[\"digital_infrastructure.dns_provider\"]}"
#define TLD "{\"country\":\"DE\",\"activities\":[\"digital_infrastructure.tld_registry\"]}"
#define DC "{\"country\":\"DE\",\"activities\":[\"digital_infrastructure.data_centre_provider\"],\"employees\":100}"
#define MARKET "{\"country\":\"DE\",\"activities\":[\"digital_providers.online_marketplace\"],\"employees\":100}"
#define TSP "{\"country\":\"DE\",\"activities\":[\"digital_infrastructure.trust_service_provider\"],\"employees\":100}"
#define ENERGY "{\"country\":\"DE\",\"activities\":[\"energy.electricity.dso\"],\"employees\":300}"

static nis2_ctx *ctx;

static char *fmt(const char *f, ...)
{
    static char buf[4096];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

static json_t *assess(const char *entity, const char *impact)
{
    const char *doc = fmt("{\"schema\":1,\"entity\":%s,\"impact\":{%s}}", entity, impact);
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_incident_assess_json(ctx, doc, strlen(doc), 0, &out, err);
    ck_assert_msg(st == NIS2_OK, "%s: %s (%s)", doc, nis2_error_message(err), nis2_error_path(err));
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

static bool met(const json_t *v, const char *ref)
{
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(v, "criteria"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "ref")), ref) == 0)
            return true;
    return false;
}

/* One row: entity, impact facts, the provision, whether it is met. */
typedef struct row {
    const char *entity, *impact, *ref;
    bool met;
} row;

static const row rows[] = {
    /* Art. 3(1)(a): EUR 500 000 or 5 % of turnover, whichever is lower */
    {CLOUD, "\"financial_loss_eur\":500000,\"turnover_prev_fy_eur\":20000000", "IR 2024/2690 Art. 3(1)(a)", false},
    {CLOUD, "\"financial_loss_eur\":500001,\"turnover_prev_fy_eur\":20000000", "IR 2024/2690 Art. 3(1)(a)", true},
    {CLOUD, "\"financial_loss_eur\":200000,\"turnover_prev_fy_eur\":4000000", "IR 2024/2690 Art. 3(1)(a)", false},
    {CLOUD, "\"financial_loss_eur\":200001,\"turnover_prev_fy_eur\":4000000", "IR 2024/2690 Art. 3(1)(a)", true},
    {CLOUD, "\"financial_loss_eur\":500000", "IR 2024/2690 Art. 3(1)(a)", false},
    {CLOUD, "\"financial_loss_eur\":500001", "IR 2024/2690 Art. 3(1)(a)", true},   /* turnover unknown: 500 000 decides */
    {CLOUD, "\"trade_secrets_exfiltrated\":true", "IR 2024/2690 Art. 3(1)(b)", true},
    {CLOUD, "\"trade_secrets_exfiltrated\":false", "IR 2024/2690 Art. 3(1)(b)", false},
    {CLOUD, "\"deaths\":0", "IR 2024/2690 Art. 3(1)(c)", false},
    {CLOUD, "\"deaths\":1", "IR 2024/2690 Art. 3(1)(c)", true},
    {CLOUD, "\"deaths\":true", "IR 2024/2690 Art. 3(1)(c)", true},
    {CLOUD, "\"considerable_health_damage\":true", "IR 2024/2690 Art. 3(1)(d)", true},
    {CLOUD, "\"malicious_unauthorised_access_severe\":true", "IR 2024/2690 Art. 3(1)(e)", true},
    /* Art. 5 DNS */
    {DNS, "\"unavailable_minutes\":30", "IR 2024/2690 Art. 5(a)", false},
    {DNS, "\"unavailable_minutes\":30.5", "IR 2024/2690 Art. 5(a)", true},
    {DNS, "\"degraded_minutes\":61,\"response_time_s\":10", "IR 2024/2690 Art. 5(b)", false},
    {DNS, "\"degraded_minutes\":61,\"response_time_s\":10.1", "IR 2024/2690 Art. 5(b)", true},
    {DNS, "\"degraded_minutes\":60,\"response_time_s\":30", "IR 2024/2690 Art. 5(b)", false},
    {DNS, "\"data_compromised\":true", "IR 2024/2690 Art. 5(c)", true},
    {DNS, "\"data_compromised\":true,\"misconfiguration_domains_wrong\":999,\"managed_domains\":100000", "IR 2024/2690 Art. 5(c)", false},
    {DNS, "\"data_compromised\":true,\"misconfiguration_domains_wrong\":500,\"managed_domains\":50000", "IR 2024/2690 Art. 5(c)", false},
    {DNS, "\"data_compromised\":true,\"misconfiguration_domains_wrong\":501,\"managed_domains\":50000", "IR 2024/2690 Art. 5(c)", true},
    {DNS, "\"data_compromised\":true,\"misconfiguration_domains_wrong\":1000,\"managed_domains\":1000000", "IR 2024/2690 Art. 5(c)", true},
    {DNS, "\"data_compromised\":true,\"misconfiguration_domains_wrong\":10", "IR 2024/2690 Art. 5(c)", true},
    /* Art. 6 TLD */
    {TLD, "\"unavailable_minutes\":0", "IR 2024/2690 Art. 6(a)", false},
    {TLD, "\"unavailable_minutes\":1", "IR 2024/2690 Art. 6(a)", true},
    {TLD, "\"degraded_minutes\":61,\"response_time_s\":11", "IR 2024/2690 Art. 6(b)", true},
    {TLD, "\"data_compromised\":true,\"misconfiguration_domains_wrong\":1,\"managed_domains\":100000", "IR 2024/2690 Art. 6(c)", true},
    /* Art. 7 cloud */
    {CLOUD, "\"unavailable_minutes\":30", "IR 2024/2690 Art. 7(a)", false},
    {CLOUD, "\"unavailable_minutes\":31", "IR 2024/2690 Art. 7(a)", true},
    {CLOUD, "\"users_in_union\":10000000,\"users_affected_limited\":500000,\"degraded_minutes\":61", "IR 2024/2690 Art. 7(b)", false},
    {CLOUD, "\"users_in_union\":10000000,\"users_affected_limited\":500001,\"degraded_minutes\":61", "IR 2024/2690 Art. 7(b)", true},
    {CLOUD, "\"users_in_union\":10000000,\"users_affected_limited\":500001,\"degraded_minutes\":60", "IR 2024/2690 Art. 7(b)", false},
    {CLOUD, "\"users_in_union\":40000000,\"users_affected_limited\":1000000,\"degraded_minutes\":61", "IR 2024/2690 Art. 7(b)", false},
    {CLOUD, "\"users_in_union\":40000000,\"users_affected_limited\":1000001,\"degraded_minutes\":61", "IR 2024/2690 Art. 7(b)", true},
    {CLOUD, "\"users_affected_limited\":1000001,\"degraded_minutes\":61", "IR 2024/2690 Art. 7(b)", true},
    {CLOUD, "\"users_affected_limited\":999999,\"degraded_minutes\":61", "IR 2024/2690 Art. 7(b)", false},
    {CLOUD, "\"data_compromised\":true,\"suspected_malicious\":true", "IR 2024/2690 Art. 7(c)", true},
    {CLOUD, "\"data_compromised\":true,\"suspected_malicious\":false", "IR 2024/2690 Art. 7(c)", false},
    {CLOUD, "\"users_in_union\":100,\"users_affected_compromise\":5", "IR 2024/2690 Art. 7(d)", false},
    {CLOUD, "\"users_in_union\":100,\"users_affected_compromise\":6", "IR 2024/2690 Art. 7(d)", true},
    {CLOUD, "\"users_in_union\":30,\"users_affected_compromise\":2", "IR 2024/2690 Art. 7(d)", true},   /* 5 % = 1.5 */
    /* Art. 8 data centre */
    {DC, "\"unavailable_minutes\":1", "IR 2024/2690 Art. 8(a)", true},
    {DC, "\"degraded_minutes\":60", "IR 2024/2690 Art. 8(b)", false},
    {DC, "\"degraded_minutes\":61", "IR 2024/2690 Art. 8(b)", true},
    {DC, "\"physical_access_compromised\":true", "IR 2024/2690 Art. 8(d)", true},
    /* Art. 11 marketplaces: no duration */
    {MARKET, "\"users_in_union\":1000000,\"users_affected_unavailable\":50000", "IR 2024/2690 Art. 11(a)", false},
    {MARKET, "\"users_in_union\":1000000,\"users_affected_unavailable\":50001", "IR 2024/2690 Art. 11(a)", true},
    {MARKET, "\"users_in_union\":1000000,\"users_affected_limited\":50001", "IR 2024/2690 Art. 11(b)", true},
    /* Art. 14 trust services */
    {TSP, "\"unavailable_minutes\":20", "IR 2024/2690 Art. 14(a)", false},
    {TSP, "\"unavailable_minutes\":21", "IR 2024/2690 Art. 14(a)", true},
    {TSP, "\"weekly_unavailable_minutes\":60", "IR 2024/2690 Art. 14(b)", false},
    {TSP, "\"weekly_unavailable_minutes\":61", "IR 2024/2690 Art. 14(b)", true},
    {TSP, "\"unavailable_minutes\":15,\"weekly_unavailable_minutes\":61", "IR 2024/2690 Art. 14(b)", true},
    {TSP, "\"users_in_union\":10000000,\"users_affected_limited\":100000", "IR 2024/2690 Art. 14(c)", false},
    {TSP, "\"users_in_union\":10000000,\"users_affected_limited\":100001", "IR 2024/2690 Art. 14(c)", true},
    {TSP, "\"users_in_union\":30000000,\"users_affected_limited\":200000", "IR 2024/2690 Art. 14(c)", false},
    {TSP, "\"users_in_union\":30000000,\"users_affected_limited\":200001", "IR 2024/2690 Art. 14(c)", true},
    {TSP, "\"physical_access_compromised\":true", "IR 2024/2690 Art. 14(d)", true},
    {TSP, "\"users_in_union\":50000,\"users_affected_compromise\":50", "IR 2024/2690 Art. 14(e)", false},
    {TSP, "\"users_in_union\":50000,\"users_affected_compromise\":51", "IR 2024/2690 Art. 14(e)", true},
    {TSP, "\"users_in_union\":1000000,\"users_affected_compromise\":100", "IR 2024/2690 Art. 14(e)", false},
    {TSP, "\"users_in_union\":1000000,\"users_affected_compromise\":101", "IR 2024/2690 Art. 14(e)", true},
    /* NIS2 Art. 23(3) for every other type; the IR's thresholds do not apply */
    {ENERGY, "\"severe_operational_disruption\":true", "NIS2 Art. 23(3)(a)", true},
    {ENERGY, "\"deaths\":1", "NIS2 Art. 23(3)(b)", true},
    {ENERGY, "\"considerable_damage_to_others\":true", "NIS2 Art. 23(3)(b)", true},
    {ENERGY, "\"unavailable_minutes\":500", "IR 2024/2690 Art. 7(a)", false},
    {ENERGY, "\"financial_loss_eur\":9000000", "IR 2024/2690 Art. 3(1)(a)", false},
};

START_TEST(threshold_rows)
{
    const row *r = &rows[_i];
    json_t *v = assess(r->entity, r->impact);
    ck_assert_msg(met(v, r->ref) == r->met, "%s with {%s}: %s expected %s", r->entity, r->impact, r->ref,
                  r->met ? "met" : "not met");
    /* significant is true exactly when some criterion is met */
    ck_assert(json_is_true(json_object_get(v, "significant")) == (json_array_size(json_object_get(v, "criteria")) > 0));
    json_decref(v);
}
END_TEST

START_TEST(every_criterion_met_is_listed)
{
    json_t *v = assess(CLOUD, "\"unavailable_minutes\":45,\"deaths\":1,\"data_compromised\":true,"
                              "\"suspected_malicious\":true,\"financial_loss_eur\":600000");
    ck_assert(json_is_true(json_object_get(v, "significant")));
    ck_assert(met(v, "IR 2024/2690 Art. 3(1)(a)") && met(v, "IR 2024/2690 Art. 3(1)(c)") &&
              met(v, "IR 2024/2690 Art. 7(a)") && met(v, "IR 2024/2690 Art. 7(c)"));
    ck_assert_uint_eq(json_array_size(json_object_get(v, "criteria")), 4);
    json_decref(v);
}
END_TEST

START_TEST(undecided_names_missing_facts)
{
    json_t *v = assess(CLOUD, "\"users_affected_limited\":600000,\"degraded_minutes\":90");
    ck_assert(json_is_false(json_object_get(v, "significant")));
    const json_t *nd = json_object_get(v, "not_decided");
    ck_assert_uint_ge(json_array_size(nd), 1);
    const json_t *first = json_array_get(nd, 0);
    ck_assert_str_eq(json_string_value(json_object_get(first, "ref")), "IR 2024/2690 Art. 7(b)");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(first, "missing"), 0)), "users_in_union");
    json_decref(v);
}
END_TEST

START_TEST(dns_misconfiguration_exception_is_noted)
{
    json_t *v = assess(DNS, "\"data_compromised\":true,\"misconfiguration_domains_wrong\":999,\"managed_domains\":100000");
    ck_assert(json_is_false(json_object_get(v, "significant")));
    const char *s = json_dumps(json_object_get(v, "notes"), 0);
    ck_assert_ptr_nonnull(strstr(s, "misconfiguration"));
    free((void *)s);
    json_decref(v);
}
END_TEST

START_TEST(scheduled_maintenance_is_never_significant)
{
    json_t *v = assess(CLOUD, "\"unavailable_minutes\":600,\"scheduled_maintenance\":true");
    ck_assert(json_is_false(json_object_get(v, "significant")));
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(v, "excluded_by"), "ref")),
                     "IR 2024/2690 Art. 3(2)");
    json_decref(v);
}
END_TEST

/* IR Art. 4: at least twice within six months, same root cause, together over the Art. 3(1)(a) bound. */
typedef struct rec_row {
    const char *now, *earlier, *cause;
    bool met;
} rec_row;

static const rec_row rec_rows[] = {
    {"2026-08-15T12:00:00Z", "2026-02-15T12:00:00Z", "bgp", true},        /* exactly six months */
    {"2026-08-15T12:00:00Z", "2026-02-15T11:59:59Z", "bgp", false},       /* one second over */
    {"2026-08-31T12:00:00Z", "2026-02-28T12:00:00Z", "bgp", true},        /* 31 Aug - 6 months = 28 Feb */
    {"2026-08-31T12:00:00Z", "2026-02-28T11:59:59Z", "bgp", false},
    {"2026-08-15T12:00:00Z", "2026-05-01T00:00:00Z", "power", false},     /* another root cause */
    {"2026-08-15T13:00:00+01:00", "2026-02-15T12:00:00Z", "bgp", true},   /* offsets honoured */
};

START_TEST(recurring_incidents)
{
    const rec_row *r = &rec_rows[_i];
    char impact[600];
    snprintf(impact, sizeof impact,
             "\"occurred_at\":\"%s\",\"root_cause\":\"bgp\",\"financial_loss_eur\":300000,"
             "\"turnover_prev_fy_eur\":100000000,\"related_incidents\":[{\"occurred_at\":\"%s\",\"root_cause\":\"%s\","
             "\"financial_loss_eur\":250000}]", r->now, r->earlier, r->cause);
    json_t *v = assess(CLOUD, impact);
    ck_assert_msg(met(v, "IR 2024/2690 Art. 4") == r->met, "%s / %s", r->now, r->earlier);
    json_decref(v);
}
END_TEST

START_TEST(recurring_needs_the_loss)
{
    json_t *v = assess(CLOUD, "\"occurred_at\":\"2026-08-15T12:00:00Z\",\"root_cause\":\"bgp\",\"financial_loss_eur\":250000,"
                              "\"turnover_prev_fy_eur\":100000000,\"related_incidents\":[{\"occurred_at\":"
                              "\"2026-07-01T00:00:00Z\",\"root_cause\":\"bgp\",\"financial_loss_eur\":250000}]");
    ck_assert(!met(v, "IR 2024/2690 Art. 4"));      /* 500 000 is not more than 500 000 */
    json_decref(v);
}
END_TEST

typedef struct bad {
    const char *doc;
    uint32_t status;
    const char *path;
} bad;

static const bad bads[] = {
    {"{\"entity\":" CLOUD "}", NIS2_ERR_MISSING_FIELD, "$.impact"},
    {"{\"impact\":{}}", NIS2_ERR_MISSING_FIELD, "$.entity"},
    {"{\"entity\":{\"activities\":[]},\"impact\":{}}", NIS2_ERR_MISSING_FIELD, "$.entity.country"},
    {"{\"entity\":{\"country\":\"DE\",\"activities\":[\"nope\"]},\"impact\":{}}", NIS2_ERR_UNKNOWN_CODE, "$.entity.activities[0]"},
    {"{\"entity\":" CLOUD ",\"impact\":[]}", NIS2_ERR_INVALID_FIELD, "$.impact"},
    {"{\"entity\":" CLOUD ",\"impact\":{},\"extra\":1}", NIS2_ERR_UNKNOWN_KEY, "$.extra"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"minutes\":3}}", NIS2_ERR_UNKNOWN_KEY, "$.impact.minutes"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"unavailable_minutes\":-1}}", NIS2_ERR_INVALID_FIELD, "$.impact.unavailable_minutes"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"unavailable_minutes\":\"45\"}}", NIS2_ERR_INVALID_FIELD, "$.impact.unavailable_minutes"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"data_compromised\":1}}", NIS2_ERR_INVALID_FIELD, "$.impact.data_compromised"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"deaths\":1.5}}", NIS2_ERR_INVALID_FIELD, "$.impact.deaths"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"root_cause\":\"\"}}", NIS2_ERR_INVALID_FIELD, "$.impact.root_cause"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-13-01T00:00:00Z\"}}", NIS2_ERR_INVALID_FIELD, "$.impact.occurred_at"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"users_in_union\":10,\"users_affected_limited\":11}}", NIS2_ERR_INVALID_FIELD, "$.impact.users_affected_limited"},
    {"{\"entity\":" DNS ",\"impact\":{\"managed_domains\":10,\"misconfiguration_domains_wrong\":11}}", NIS2_ERR_INVALID_FIELD, "$.impact.misconfiguration_domains_wrong"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-01-01T00:00:00Z\",\"root_cause\":\"x\",\"related_incidents\":{}}}", NIS2_ERR_INVALID_FIELD, "$.impact.related_incidents"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-01-01T00:00:00Z\",\"root_cause\":\"x\",\"related_incidents\":[3]}}", NIS2_ERR_INVALID_FIELD, "$.impact.related_incidents[0]"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-01-01T00:00:00Z\",\"root_cause\":\"x\",\"related_incidents\":[{\"root_cause\":\"x\"}]}}", NIS2_ERR_MISSING_FIELD, "$.impact.related_incidents[0].occurred_at"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-01-01T00:00:00Z\",\"root_cause\":\"x\",\"related_incidents\":[{\"occurred_at\":\"2026-01-02T00:00:00Z\",\"root_cause\":\"x\"}]}}", NIS2_ERR_INVALID_FIELD, "$.impact.related_incidents[0].occurred_at"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-01-01T00:00:00Z\",\"root_cause\":\"x\",\"related_incidents\":[{\"occurred_at\":\"2025-12-02T00:00:00Z\"}]}}", NIS2_ERR_MISSING_FIELD, "$.impact.related_incidents[0].root_cause"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-01-01T00:00:00Z\",\"root_cause\":\"x\",\"related_incidents\":[{\"occurred_at\":\"2025-12-02T00:00:00Z\",\"root_cause\":\"x\",\"loss\":1}]}}", NIS2_ERR_UNKNOWN_KEY, "$.impact.related_incidents[0].loss"},
    {"{\"entity\":" CLOUD ",\"impact\":{\"occurred_at\":\"2026-01-01T00:00:00Z\",\"root_cause\":\"x\",\"related_incidents\":[{\"occurred_at\":\"2025-12-02T00:00:00Z\",\"root_cause\":\"x\",\"financial_loss_eur\":-5}]}}", NIS2_ERR_INVALID_FIELD, "$.impact.related_incidents[0].financial_loss_eur"},
    {"{\"entity\":" CLOUD ",\"impact\":{},\"aware_at\":\"yesterday\"}", NIS2_ERR_INVALID_FIELD, "$.aware_at"},
    {"{\"schema\":2,\"entity\":" CLOUD ",\"impact\":{}}", NIS2_ERR_INVALID_FIELD, "$.schema"},
    {"{\"entity\":" CLOUD ",\"impact\":{}", NIS2_ERR_PARSE, NULL},
};

START_TEST(bad_input_names_the_path)
{
    const bad *b = &bads[_i];
    nis2_error *err = nis2_error_new();
    char *out = (char *)1;
    nis2_status st = nis2_incident_assess_json(ctx, b->doc, strlen(b->doc), 0, &out, err);
    ck_assert_msg(st == b->status, "%s: got %s (%s), want %s", b->doc, nis2_status_name(st), nis2_error_message(err),
                  nis2_status_name(b->status));
    ck_assert_ptr_null(out);
    if (b->path)
        ck_assert_str_eq(nis2_error_path(err), b->path);
    ck_assert_msg(b->path == NULL || strstr(nis2_error_message(err), b->path) != NULL, "message '%s' lacks %s",
                  nis2_error_message(err), b->path);
    nis2_error_free(err);
}
END_TEST

START_TEST(argument_errors)
{
    char *out;
    ck_assert_int_eq(nis2_incident_assess_json(NULL, "{}", 2, 0, &out, NULL), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_incident_assess_json(ctx, NULL, 2, 0, &out, NULL), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_incident_assess_json(ctx, "{}", 2, 0, NULL, NULL), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_incident_assess_json(ctx, "{}", 2, 0x80, &out, NULL), NIS2_ERR_INVALID_ARG);
}
END_TEST

START_TEST(bad_catalog_criteria_are_rejected)
{
    static const struct {
        const char *over, *path;
    } cases[] = {
        {"{\"significance\":{\"scope\":{\"ref\":\"x\"},\"exclusion\":{\"ref\":\"x\",\"text\":\"t\",\"fact\":\"deaths\"}}}",
         "$.significance.exclusion"},
        {"{\"significance\":7}", "$.significance"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nis2_error *err = nis2_error_new();
        nis2_ctx *c = NULL;
        nis2_status st = nis2_ctx_new_from_json(&c, cases[i].over, strlen(cases[i].over), NIS2_CATALOG_EXTEND, err);
        ck_assert_int_eq(st, NIS2_ERR_CATALOG);
        ck_assert_str_eq(nis2_error_path(err), cases[i].path);
        nis2_error_free(err);
    }
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    Suite *s = suite_create("IR 2024/2690 Arts 3-14: significant incidents");
    TCase *tc = tcase_create("criteria");
    tcase_add_loop_test(tc, threshold_rows, 0, (int)(sizeof rows / sizeof rows[0]));
    tcase_add_test(tc, every_criterion_met_is_listed);
    tcase_add_test(tc, undecided_names_missing_facts);
    tcase_add_test(tc, dns_misconfiguration_exception_is_noted);
    tcase_add_test(tc, scheduled_maintenance_is_never_significant);
    tcase_add_loop_test(tc, recurring_incidents, 0, (int)(sizeof rec_rows / sizeof rec_rows[0]));
    tcase_add_test(tc, recurring_needs_the_loss);
    suite_add_tcase(s, tc);
    TCase *te = tcase_create("errors");
    tcase_add_loop_test(te, bad_input_names_the_path, 0, (int)(sizeof bads / sizeof bads[0]));
    tcase_add_test(te, argument_errors);
    tcase_add_test(te, bad_catalog_criteria_are_rejected);
    suite_add_tcase(s, te);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
