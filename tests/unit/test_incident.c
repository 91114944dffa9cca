/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NIS2 Art. 23 and RJC arts 40-44: reporting clocks. Hours, the trust-service 24 h notification, "one month after"
 * at every month end and leap day, the progress report (at the final-report due time and just after), Portugal's
 * phases with working days across a holiday week (Good Friday 3 April 2026), the short-incident rule of RJC
 * art. 41(2) (at 2 h and just over), time-zone offsets (+01:00 vs +00:00, Lisbon summer/winter time), an entity
 * out of scope, and every input error path.
 */
#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

#define AT_ESSENTIAL "{\"country\":\"AT\",\"activities\":[\"energy.electricity.dso\"],\"employees\":300}"
#define AT_TSP "{\"country\":\"AT\",\"activities\":[\"digital_infrastructure.trust_service_provider\"],\"employees\":100,\"turnover_eur\":20000000}"
#define PT_HOSPITAL "{\"country\":\"PT\",\"activities\":[\"health.healthcare_provider\"],\"employees\":1200,\"turnover_eur\":95000000}"
#define NONE "{\"country\":\"AT\",\"activities\":[]}"

static nis2_ctx *ctx;

static json_t *deadlines(const char *doc)
{
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_incident_deadlines_json(ctx, doc, strlen(doc), 0, &out, err);
    ck_assert_msg(st == NIS2_OK, "%s: %s (%s)", doc, nis2_error_message(err), nis2_error_path(err));
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

static json_t *doc_run(const char *entity, const char *times)
{
    char doc[2048];
    snprintf(doc, sizeof doc, "{\"schema\":1,\"entity\":%s,%s}", entity, times);
    return deadlines(doc);
}

/* The report with this id (and law prefix, or NULL for any), or NULL. */
static const json_t *report(const json_t *v, const char *id)
{
    size_t i;
    const json_t *r;
    json_array_foreach(json_object_get(v, "reports"), i, r)
        if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0)
            return r;
    return NULL;
}

static void expect_due(const json_t *v, const char *id, const char *due)
{
    const json_t *r = report(v, id);
    ck_assert_msg(r != NULL, "no report %s", id);
    const json_t *d = json_object_get(r, "due");
    if (!due) {
        ck_assert_msg(json_is_null(d), "%s: due %s, want null", id, json_string_value(d));
        return;
    }
    ck_assert_msg(json_is_string(d) && strcmp(json_string_value(d), due) == 0, "%s: due %s, want %s", id,
                  json_is_string(d) ? json_string_value(d) : "null", due);
}

START_TEST(directive_clock)
{
    json_t *v = doc_run(AT_ESSENTIAL, "\"aware_at\":\"2026-05-04T09:30:00+01:00\"");
    ck_assert_str_eq(json_string_value(json_object_get(v, "aware_at")), "2026-05-04T08:30:00Z");
    expect_due(v, "early_warning", "2026-05-05T08:30:00Z");
    expect_due(v, "incident_notification", "2026-05-07T08:30:00Z");
    expect_due(v, "intermediate_report", NULL);
    expect_due(v, "final_report", "2026-06-07T08:30:00Z");   /* one month after the notification's due time */
    expect_due(v, "progress_report", "2026-06-07T08:30:00Z"); /* listed with its condition: end of impact unknown */
    ck_assert_str_eq(json_string_value(json_object_get(report(v, "final_report"), "relative_to")),
                     "incident_notification.due");
    ck_assert_str_eq(json_string_value(json_object_get(report(v, "early_warning"), "ref")), "NIS2 Art. 23(4)(a)");
    ck_assert_ptr_nonnull(json_object_get(report(v, "progress_report"), "condition"));
    ck_assert_uint_eq(json_array_size(json_object_get(v, "reports")), 5);
    json_decref(v);
}
END_TEST

START_TEST(trust_service_provider_24h)
{
    json_t *v = doc_run(AT_TSP, "\"aware_at\":\"2026-05-04T09:30:00Z\"");
    expect_due(v, "incident_notification", "2026-05-05T09:30:00Z");
    ck_assert_str_eq(json_string_value(json_object_get(report(v, "incident_notification"), "ref")),
                     "NIS2 Art. 23(4) 2nd subpara");
    expect_due(v, "early_warning", "2026-05-05T09:30:00Z");
    int n = 0;
    size_t i;
    const json_t *r;
    json_array_foreach(json_object_get(v, "reports"), i, r)
        n += strcmp(json_string_value(json_object_get(r, "id")), "incident_notification") == 0;
    ck_assert_int_eq(n, 1);          /* the 24 h variant replaces the 72 h one */
    json_decref(v);
}
END_TEST

/* "One month after the notification": same day, same local time, clamped to the last day of a shorter month. */
static const char *const month_rows[][2] = {
    {"2026-01-31T10:00:00Z", "2026-02-28T10:00:00Z"},
    {"2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z"},     /* leap year */
    {"2028-02-29T10:00:00Z", "2028-03-29T10:00:00Z"},     /* from the leap day */
    {"2026-03-31T10:00:00Z", "2026-04-30T10:00:00Z"},
    {"2026-04-30T10:00:00Z", "2026-05-30T10:00:00Z"},
    {"2026-12-31T23:00:00Z", "2027-01-31T23:00:00Z"},     /* year end */
    {"2026-08-31T10:00:00Z", "2026-09-30T10:00:00Z"},
    /* the same instant with another offset: the local date decides the month end */
    {"2026-01-30T23:30:00+00:00", "2026-02-28T23:30:00Z"},
    {"2026-01-31T00:30:00+01:00", "2026-02-27T23:30:00Z"},
};

START_TEST(final_report_month_ends)
{
    char times[256];
    snprintf(times, sizeof times, "\"aware_at\":\"%s\",\"notified_at\":\"%s\"", month_rows[_i][0], month_rows[_i][0]);
    json_t *v = doc_run(AT_ESSENTIAL, times);
    expect_due(v, "final_report", month_rows[_i][1]);
    ck_assert_str_eq(json_string_value(json_object_get(report(v, "final_report"), "relative_to")), "notified_at");
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(report(v, "final_report"), "text")), "1182/71"));
    json_decref(v);
}
END_TEST

START_TEST(progress_report_at_and_after_final_due)
{
    /* final report due 2026-03-01T10:00Z (1 Feb + 1 month) */
    json_t *v = doc_run(AT_ESSENTIAL, "\"aware_at\":\"2026-02-01T09:00:00Z\",\"notified_at\":\"2026-02-01T10:00:00Z\","
                                      "\"impact_ended_at\":\"2026-03-01T10:00:00Z\"");
    expect_due(v, "final_report", "2026-03-01T10:00:00Z");
    ck_assert_ptr_null(report(v, "progress_report"));
    json_decref(v);
    v = doc_run(AT_ESSENTIAL, "\"aware_at\":\"2026-02-01T09:00:00Z\",\"notified_at\":\"2026-02-01T10:00:00Z\","
                              "\"impact_ended_at\":\"2026-03-01T10:00:01Z\"");
    expect_due(v, "progress_report", "2026-03-01T10:00:00Z");
    expect_due(v, "final_report", "2026-04-01T10:00:01Z");    /* one month after the incident was handled */
    ck_assert_str_eq(json_string_value(json_object_get(report(v, "final_report"), "relative_to")), "impact_ended_at");
    json_decref(v);
}
END_TEST

START_TEST(portugal_phases_holiday_week)
{
    /* Awareness Wednesday 1 April 2026; Good Friday 3 April and Labour Day 1 May are skipped. */
    json_t *v = doc_run(PT_HOSPITAL, "\"aware_at\":\"2026-04-01T09:00:00+01:00\","
                                     "\"impact_ended_at\":\"2026-04-01T12:00:00+01:00\","
                                     "\"end_of_impact_notified_at\":\"2026-04-01T13:00:00+01:00\"");
    ck_assert_str_eq(json_string_value(json_object_get(v, "law")), "PT DL 125/2025");
    expect_due(v, "pt_initial_notification", "2026-04-02T08:00:00Z");
    expect_due(v, "pt_update", "2026-04-04T08:00:00Z");
    expect_due(v, "pt_end_of_impact_notice", "2026-04-02T11:00:00Z");
    expect_due(v, "pt_final_report", "2026-05-15T22:59:59Z");  /* 30th working day, 23:59:59 WEST */
    expect_due(v, "pt_interim_report", NULL);
    const char *text = json_string_value(json_object_get(report(v, "pt_final_report"), "text"));
    ck_assert_ptr_nonnull(strstr(text, "2026-04-03 Good Friday"));
    ck_assert_ptr_nonnull(strstr(text, "2026-05-01 Labour Day"));
    ck_assert_str_eq(json_string_value(json_object_get(report(v, "pt_final_report"), "law")), "PT DL 125/2025");
    /* the RJC's phases are the reports; the Directive's Art. 23(4) baseline is listed apart, for reference */
    ck_assert_ptr_null(report(v, "early_warning"));
    ck_assert_ptr_null(report(v, "incident_notification"));
    json_t *dir = json_object_get(v, "directive_reports");
    ck_assert(json_is_array(dir));
    json_t *wrap = json_pack("{s:O}", "reports", dir);
    expect_due(wrap, "early_warning", "2026-04-02T08:00:00Z");
    expect_due(wrap, "incident_notification", "2026-04-04T08:00:00Z");
    json_decref(wrap);
    json_decref(v);
}
END_TEST

START_TEST(portugal_final_report_from_end_of_impact_notice_due)
{
    /* no end_of_impact_notified_at: counts from the notice's due time (2026-04-02T11:00Z, local day 2 April) */
    json_t *v = doc_run(PT_HOSPITAL, "\"aware_at\":\"2026-04-01T09:00:00+01:00\","
                                     "\"impact_ended_at\":\"2026-04-01T12:00:00+01:00\"");
    expect_due(v, "pt_final_report", "2026-05-18T22:59:59Z");
    ck_assert_str_eq(json_string_value(json_object_get(report(v, "pt_final_report"), "relative_to")),
                     "pt_end_of_impact_notice.due");
    json_decref(v);
    /* no end of impact yet: both are null with a sentence */
    v = doc_run(PT_HOSPITAL, "\"aware_at\":\"2026-04-01T09:00:00+01:00\"");
    expect_due(v, "pt_end_of_impact_notice", NULL);
    expect_due(v, "pt_final_report", NULL);
    ck_assert_ptr_nonnull(json_string_value(json_object_get(report(v, "pt_final_report"), "text")));
    json_decref(v);
}
END_TEST

START_TEST(portugal_winter_time_and_offsets)
{
    /* Winter time (UTC+00:00): 30 working days from Monday 5 January 2026 end on Monday 16 February, 23:59:59Z
     * (Carnival is not a national holiday). */
    json_t *v = doc_run(PT_HOSPITAL, "\"aware_at\":\"2026-01-05T08:00:00Z\",\"impact_ended_at\":\"2026-01-05T11:00:00Z\","
                                     "\"end_of_impact_notified_at\":\"2026-01-05T12:00:00Z\"");
    expect_due(v, "pt_final_report", "2026-02-16T23:59:59Z");
    json_decref(v);
    /* The same instant written with +01:00 and with +00:00 gives the same clock: Friday 27 March 2026 23:30 in
     * Lisbon (winter time) is day 0; the count crosses the summer-time change of 29 March and Good Friday. */
    const char *a = "\"aware_at\":\"2026-03-27T20:00:00Z\",\"impact_ended_at\":\"2026-03-27T22:30:00Z\","
                    "\"end_of_impact_notified_at\":\"2026-03-27T23:30:00+00:00\"";
    const char *b = "\"aware_at\":\"2026-03-27T21:00:00+01:00\",\"impact_ended_at\":\"2026-03-27T23:30:00+01:00\","
                    "\"end_of_impact_notified_at\":\"2026-03-28T00:30:00+01:00\"";
    json_t *va = doc_run(PT_HOSPITAL, a), *vb = doc_run(PT_HOSPITAL, b);
    expect_due(va, "pt_final_report", "2026-05-12T22:59:59Z");
    expect_due(vb, "pt_final_report", "2026-05-12T22:59:59Z");
    expect_due(va, "pt_end_of_impact_notice", "2026-03-28T22:30:00Z");
    expect_due(vb, "pt_end_of_impact_notice", "2026-03-28T22:30:00Z");
    json_decref(va);
    json_decref(vb);
}
END_TEST

START_TEST(portugal_short_incident_rule)
{
    /* impact ends exactly 2 h after awareness: only the end-of-impact notice among the PT phases */
    json_t *v = doc_run(PT_HOSPITAL, "\"aware_at\":\"2026-06-01T10:00:00+01:00\","
                                     "\"impact_ended_at\":\"2026-06-01T12:00:00+01:00\"");
    expect_due(v, "pt_end_of_impact_notice", "2026-06-02T11:00:00Z");
    ck_assert_ptr_null(report(v, "pt_initial_notification"));
    ck_assert_ptr_null(report(v, "pt_final_report"));
    json_decref(v);
    v = doc_run(PT_HOSPITAL, "\"aware_at\":\"2026-06-01T10:00:00+01:00\","
                             "\"impact_ended_at\":\"2026-06-01T12:00:01+01:00\"");
    ck_assert_ptr_nonnull(report(v, "pt_initial_notification"));
    ck_assert_ptr_nonnull(report(v, "pt_final_report"));
    json_decref(v);
}
END_TEST

START_TEST(out_of_scope_has_no_reports)
{
    json_t *v = doc_run(NONE, "\"aware_at\":\"2026-06-01T10:00:00Z\"");
    ck_assert_uint_eq(json_array_size(json_object_get(v, "reports")), 0);
    ck_assert_str_eq(json_string_value(json_object_get(v, "category")), "out_of_scope");
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(json_array_get(json_object_get(v, "notes"), 0), "text")),
                                 "No incident report applies"));
    json_decref(v);
}
END_TEST

START_TEST(deterministic_output)
{
    const char *doc = "{\"entity\":" PT_HOSPITAL ",\"aware_at\":\"2026-04-01T09:00:00+01:00\"}";
    char *a = NULL, *b = NULL;
    ck_assert_int_eq(nis2_incident_deadlines_json(ctx, doc, strlen(doc), NIS2_JSON_PRETTY, &a, NULL), NIS2_OK);
    ck_assert_int_eq(nis2_incident_deadlines_json(ctx, doc, strlen(doc), NIS2_JSON_PRETTY, &b, NULL), NIS2_OK);
    ck_assert_str_eq(a, b);
    nis2_string_free(a);
    nis2_string_free(b);
}
END_TEST

typedef struct bad {
    const char *doc;
    uint32_t status;
    const char *path;
} bad;

static const bad bads[] = {
    {"{\"entity\":" AT_ESSENTIAL "}", NIS2_ERR_MISSING_FIELD, "$.aware_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":null}", NIS2_ERR_MISSING_FIELD, "$.aware_at"},
    {"{\"aware_at\":\"2026-01-01T00:00:00Z\"}", NIS2_ERR_MISSING_FIELD, "$.entity"},
    {"{\"entity\":{\"country\":\"AT\"},\"aware_at\":\"2026-01-01T00:00:00Z\"}", NIS2_ERR_MISSING_FIELD, "$.entity.activities"},
    {"{\"entity\":{\"country\":\"US\",\"activities\":[]},\"aware_at\":\"2026-01-01T00:00:00Z\"}", NIS2_ERR_UNKNOWN_CODE, "$.entity.country"},
    {"{\"entity\":7,\"aware_at\":\"2026-01-01T00:00:00Z\"}", NIS2_ERR_INVALID_FIELD, "$.entity"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01 00:00:00Z\"}", NIS2_ERR_INVALID_FIELD, "$.aware_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00\"}", NIS2_ERR_INVALID_FIELD, "$.aware_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-02-29T00:00:00Z\"}", NIS2_ERR_INVALID_FIELD, "$.aware_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":1767225600}", NIS2_ERR_INVALID_FIELD, "$.aware_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\",\"notified_at\":\"2025-12-31T23:59:59Z\"}", NIS2_ERR_INVALID_FIELD, "$.notified_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\",\"notified_at\":\"x\"}", NIS2_ERR_INVALID_FIELD, "$.notified_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\",\"impact_ended_at\":true}", NIS2_ERR_INVALID_FIELD, "$.impact_ended_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\",\"end_of_impact_notified_at\":\"2026-01-02T00:00:00Z\"}", NIS2_ERR_MISSING_FIELD, "$.impact_ended_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\",\"impact_ended_at\":\"2026-01-02T00:00:00Z\",\"end_of_impact_notified_at\":\"2026-01-01T12:00:00Z\"}", NIS2_ERR_INVALID_FIELD, "$.end_of_impact_notified_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\",\"detected_at\":\"2026-01-01T00:00:00Z\"}", NIS2_ERR_UNKNOWN_KEY, "$.detected_at"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\",\"impact\":{\"minutes\":1}}", NIS2_ERR_UNKNOWN_KEY, "$.impact.minutes"},
    {"{\"schema\":2,\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\"}", NIS2_ERR_INVALID_FIELD, "$.schema"},
    {"{\"entity\":" AT_ESSENTIAL ",\"aware_at\":\"2026-01-01T00:00:00Z\"", NIS2_ERR_PARSE, NULL},
};

START_TEST(bad_input_names_the_path)
{
    const bad *b = &bads[_i];
    nis2_error *err = nis2_error_new();
    char *out = (char *)1;
    nis2_status st = nis2_incident_deadlines_json(ctx, b->doc, strlen(b->doc), 0, &out, err);
    ck_assert_msg(st == b->status, "%s: got %s (%s), want %s", b->doc, nis2_status_name(st), nis2_error_message(err),
                  nis2_status_name(b->status));
    ck_assert_ptr_null(out);
    if (b->path) {
        ck_assert_str_eq(nis2_error_path(err), b->path);
        ck_assert_msg(strstr(nis2_error_message(err), b->path) != NULL, "message '%s' lacks %s", nis2_error_message(err),
                      b->path);
    }
    nis2_error_free(err);
}
END_TEST

START_TEST(argument_errors)
{
    char *out;
    ck_assert_int_eq(nis2_incident_deadlines_json(NULL, "{}", 2, 0, &out, NULL), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_incident_deadlines_json(ctx, NULL, 2, 0, &out, NULL), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_incident_deadlines_json(ctx, "{}", 2, 0, NULL, NULL), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_incident_deadlines_json(ctx, "{}", 2, 0x10, &out, NULL), NIS2_ERR_INVALID_ARG);
}
END_TEST

START_TEST(bad_catalog_reports_are_rejected)
{
    static const struct {
        const char *over, *path;
    } cases[] = {
        {"{\"incident_reports\":[{\"id\":\"x\",\"ref\":\"r\",\"from\":\"aware_at\",\"applies_to\":{\"categories\":[\"essential\"]}}]}",
         "$.incident_reports["},
        {"{\"incident_reports\":[{\"id\":\"x\",\"ref\":\"r\",\"from\":\"yesterday\",\"hours\":1,\"applies_to\":{\"categories\":[\"essential\"]}}]}",
         "$.incident_reports["},
        {"{\"incident_reports\":[{\"id\":\"x\",\"ref\":\"r\",\"from\":\"aware_at\",\"working_days\":3,\"applies_to\":{\"categories\":[\"essential\"]}}]}",
         "$.incident_reports["},
        {"{\"incident_reports\":[{\"id\":\"x\",\"ref\":\"r\",\"from\":\"aware_at\",\"hours\":1,\"applies_to\":{\"categories\":[\"essential\"],\"roles\":[\"cloud\"]}}]}",
         "$.incident_reports["},
        {"{\"incident_reports\":[{\"id\":\"x\",\"ref\":\"r\",\"from\":\"aware_at\",\"hours\":1,\"from_if_absent\":{\"report\":\"y\",\"use\":\"due\"},\"applies_to\":{\"categories\":[\"essential\"]}}]}",
         "$.incident_reports["},
        {"{\"incident_reports\":7}", "$.incident_reports"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nis2_error *err = nis2_error_new();
        nis2_ctx *c = NULL;
        nis2_status st = nis2_ctx_new_from_json(&c, cases[i].over, strlen(cases[i].over), NIS2_CATALOG_EXTEND, err);
        ck_assert_msg(st == NIS2_ERR_CATALOG, "case %zu: %s", i, nis2_error_message(err));
        ck_assert_msg(strncmp(nis2_error_path(err), cases[i].path, strlen(cases[i].path)) == 0, "case %zu: path %s",
                      i, nis2_error_path(err));
        nis2_error_free(err);
    }
}
END_TEST

/* A country's holidays are data: a run-time overlay for a fictitious law brings its own holiday set (a fixed date
 * and Good Friday), and the working-day clock skips exactly those days. */
#define HOL_OVERLAY(RULE)                                                                                            \
    "{\"name\":\"holiday-test\",\"version\":\"1\",\"overlays\":[{\"schema\":1,\"country\":\"MT\",\"law\":\"MT Holiday " \
    "Test Act\",\"categories\":[{\"id\":\"essential\",\"rank\":1,\"directive_equivalent\":\"essential\"}],"            \
    "\"calendar\":{\"holidays\":\"MT-TEST\"" RULE "},\"reporting_time\":{\"zone\":\"test\",\"standard_offset\":"       \
    "\"+01:00\",\"summer_offset\":\"+02:00\",\"summer_time\":\"eu\",\"ref\":\"HTA art. 2\"},\"incident_reports\":"     \
    "[{\"id\":\"mt_report\",\"ref\":\"HTA art. 3\",\"working_days\":3,\"from\":\"aware_at\",\"applies_to\":"           \
    "{\"categories\":[\"essential\"],\"roles\":[]}}]}]}"
#define HOL_GOOD ",\"holiday_rule\":{\"ref\":\"HTA art. 1\",\"fixed\":[\"03-31\"],\"easter_relative_days\":[-2]," \
                 "\"names\":{\"03-31\":\"Test Day\",\"easter-2\":\"Good Friday (test)\"}}"

static const char *mt_due(nis2_ctx *c, const char *aware, char **text)
{
    char doc[512];
    snprintf(doc, sizeof doc, "{\"schema\":1,\"entity\":{\"country\":\"MT\",\"activities\":[\"energy.electricity.dso\"],"
                              "\"employees\":300},\"aware_at\":\"%s\"}", aware);
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_incident_deadlines_json(c, doc, strlen(doc), 0, &out, err), NIS2_OK);
    json_t *v = json_loads(out, 0, NULL);
    nis2_string_free(out);
    nis2_error_free(err);
    const json_t *r = report(v, "mt_report");
    ck_assert_ptr_nonnull(r);
    static char due[32];
    snprintf(due, sizeof due, "%s", json_string_value(json_object_get(r, "due")));
    *text = strdup(json_string_value(json_object_get(r, "text")));
    json_decref(v);
    return due;
}

START_TEST(holidays_from_a_runtime_overlay)
{
    const char *doc = HOL_OVERLAY(HOL_GOOD);
    nis2_ctx *c = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c, doc, strlen(doc), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    nis2_error_free(err);
    char *text;
    /* Monday 30 March 2026: Tuesday 31 March and Good Friday 3 April are skipped -> Monday 6 April (UTC+02:00) */
    ck_assert_str_eq(mt_due(c, "2026-03-30T09:00:00+02:00", &text), "2026-04-06T21:59:59Z");
    ck_assert_ptr_nonnull(strstr(text, "2026-03-31 Test Day, 2026-04-03 Good Friday (test)"));
    ck_assert_ptr_nonnull(strstr(text, "(HTA art. 1)"));
    ck_assert_ptr_nonnull(strstr(text, ", the 3rd working day after "));   /* an English ordinal, not "3th" */
    free(text);
    /* Tuesday 31 March (the holiday itself is day 0): Wed, Thu, then Mon 6 April */
    ck_assert_str_eq(mt_due(c, "2026-03-31T09:00:00+02:00", &text), "2026-04-06T21:59:59Z");
    free(text);
    /* Monday 6 April: no holiday in the period -> Thursday 9 April */
    ck_assert_str_eq(mt_due(c, "2026-04-06T09:00:00+02:00", &text), "2026-04-09T21:59:59Z");
    ck_assert_ptr_nonnull(strstr(text, "no weekday holiday falls in the period"));
    free(text);
    nis2_ctx_free(c);
}
END_TEST

static const struct {
    const char *rule, *path, *says;
} bad_holidays[] = {
    {"", ".calendar.holiday_rule", "needs its rule"},
    {",\"holiday_rule\":{\"fixed\":[],\"easter_relative_days\":[],\"names\":{}}", ".calendar.holiday_rule",
     "1 to 64 days"},
    {",\"holiday_rule\":{\"fixed\":[\"02-30\"],\"names\":{\"02-30\":\"x\"}}", ".calendar.holiday_rule",
     "fixed[0]: expected a day of the year"},
    {",\"holiday_rule\":{\"fixed\":[\"1-01\"],\"names\":{}}", ".calendar.holiday_rule", "fixed[0]"},
    {",\"holiday_rule\":{\"fixed\":[\"01-01\",\"01-01\"],\"names\":{\"01-01\":\"x\"}}",
     ".calendar.holiday_rule", "listed twice"},
    {",\"holiday_rule\":{\"easter_relative_days\":[400],\"names\":{}}", ".calendar.holiday_rule",
     "easter_relative_days[0]"},
    {",\"holiday_rule\":{\"easter_relative_days\":[1.5],\"names\":{}}", ".calendar.holiday_rule",
     "easter_relative_days[0]"},
    {",\"holiday_rule\":{\"fixed\":[\"01-01\"],\"easter_relative_days\":[-2],\"names\":{\"01-01\":\"x\"}}",
     ".calendar.holiday_rule", "the holiday easter-2 has no name"},
    {",\"holiday_rule\":{\"fixed\":[\"01-01\"],\"names\":{\"01-01\":\"x\",\"easter+1\":\"y\"}}",
     ".calendar.holiday_rule", "names.easter+1: not a holiday"},
    {",\"holiday_rule\":{\"fixed\":[\"01-01\"],\"names\":{\"01-01\":\"\"}}", ".calendar.holiday_rule",
     "expected the holiday's name"},
    {",\"holiday_rule\":{\"fixed\":[\"01-01\"],\"names\":{\"01-01\":\"x\"},\"suspended\":[{\"holidays\":[\"01-02\"],"
     "\"years\":[2013,2015],\"ref\":\"r\"}]}", ".calendar.holiday_rule", "not a holiday of the set"},
    {",\"holiday_rule\":{\"fixed\":[\"01-01\"],\"names\":{\"01-01\":\"x\"},\"suspended\":[{\"holidays\":[\"01-01\"],"
     "\"years\":[2015,2013],\"ref\":\"r\"}]}", ".calendar.holiday_rule", "from <= to"},
    {",\"holiday_rule\":{\"fixed\":[\"01-01\"],\"names\":{\"01-01\":\"x\"},\"suspended\":[{\"holidays\":[\"01-01\"],"
     "\"years\":[2013,2015],\"ref\":\"r\"},{\"holidays\":[\"01-01\"],\"years\":[2020,2021],\"ref\":\"r\"}]}",
     ".calendar.holiday_rule", "one range per holiday"},
};

START_TEST(bad_holiday_rules_are_rejected)
{
    /* the overlay with this rule in place of the marker */
    const char *tmpl = HOL_OVERLAY("@RULE@"), *at = strstr(tmpl, "@RULE@");
    char full[4096];
    snprintf(full, sizeof full, "%.*s%s%s", (int)(at - tmpl), tmpl, bad_holidays[_i].rule, at + 6);
    nis2_error *err = nis2_error_new();
    nis2_ctx *c = NULL;
    nis2_status st = nis2_ctx_new_from_json(&c, full, strlen(full), NIS2_CATALOG_EXTEND, err);
    ck_assert_msg(st == NIS2_ERR_CATALOG, "case %d: %d %s", _i, st, nis2_error_message(err));
    /* the run-time overlay comes after the embedded ones: $.overlays[<n>].calendar.holiday_rule */
    const char *path = nis2_error_path(err), *tail = strchr(path ? path : "", ']');
    ck_assert_msg(path && strncmp(path, "$.overlays[", 11) == 0 && tail && strcmp(tail + 1, bad_holidays[_i].path) == 0,
                  "case %d: path %s", _i, path ? path : "(null)");
    ck_assert_msg(strstr(nis2_error_message(err), bad_holidays[_i].says), "case %d: %s", _i, nis2_error_message(err));
    nis2_error_free(err);
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    Suite *s = suite_create("NIS2 Art. 23 and RJC arts 40-44: reporting clocks");
    TCase *tc = tcase_create("clocks");
    tcase_add_test(tc, directive_clock);
    tcase_add_test(tc, trust_service_provider_24h);
    tcase_add_loop_test(tc, final_report_month_ends, 0, (int)(sizeof month_rows / sizeof month_rows[0]));
    tcase_add_test(tc, progress_report_at_and_after_final_due);
    tcase_add_test(tc, portugal_phases_holiday_week);
    tcase_add_test(tc, portugal_final_report_from_end_of_impact_notice_due);
    tcase_add_test(tc, portugal_winter_time_and_offsets);
    tcase_add_test(tc, portugal_short_incident_rule);
    tcase_add_test(tc, out_of_scope_has_no_reports);
    tcase_add_test(tc, deterministic_output);
    tcase_add_test(tc, holidays_from_a_runtime_overlay);
    suite_add_tcase(s, tc);
    TCase *te = tcase_create("errors");
    tcase_add_loop_test(te, bad_input_names_the_path, 0, (int)(sizeof bads / sizeof bads[0]));
    tcase_add_test(te, argument_errors);
    tcase_add_test(te, bad_catalog_reports_are_rejected);
    tcase_add_loop_test(te, bad_holiday_rules_are_rejected, 0, (int)(sizeof bad_holidays / sizeof bad_holidays[0]));
    suite_add_tcase(s, te);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
