/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Threads (README, "The C API in brief": a context is immutable and may be shared by any number of threads).
 *
 * One context, THREADS threads, each running every job ITERS times in a different order: JSON entry points,
 * the typed API, result getters and catalog export. Every answer must equal the one computed on the main thread
 * before the threads start, byte for byte. The main thread drops its reference to the context while the threads
 * still use it through the entities they hold, so the last thread to finish frees it. Built and run under ThreadSanitizer in .ci/run (suite "threads").
 *
 * Adding a JSON entry point (obligations, incident deadlines, gap report …) is one line in `jobs`.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

#define THREADS 8

typedef nis2_status (*json_fn)(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                               nis2_error *err);

#define ENT_HOSPITAL "{\"name\": \"Hospital Exemplo, E.P.E.\", \"country\": \"PT\", \"activities\": " \
    "[\"health.healthcare_provider\"], \"employees\": 1200, \"turnover_eur\": 95000000.5, \"balance_sheet_eur\": " \
    "80000000, \"previous_period\": {\"employees\": 1150.25}, \"flags\": {\"cer_critical_entity\": true}, " \
    "\"national\": {\"PT\": {}}}"
#define ENT_CLOUD "{\"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\"], " \
    "\"employees\": 49.5, \"turnover_eur\": 9999999.99}"
#define INCIDENT_DEADLINES "{\"schema\": 1, \"entity\": " ENT_HOSPITAL ", \"aware_at\": \"2026-04-01T10:20:00+01:00\"," \
    " \"impact_ended_at\": \"2026-04-03T08:00:00Z\"}"
#define INCIDENT_ASSESS "{\"schema\": 1, \"entity\": " ENT_CLOUD ", \"impact\": {\"unavailable_minutes\": 45," \
    " \"users_in_union\": 240000, \"users_affected_unavailable\": 24000.5, \"financial_loss_eur\": 38000.25," \
    " \"turnover_prev_fy_eur\": 32000000}}"
#define GAP_REPORT "{\"schema\": 1, \"entity\": " ENT_CLOUD ", \"as_of\": \"2026-11-28\", \"soa\": [{\"control\": " \
    "\"A.5.24\", \"applicable\": true, \"status\": \"implemented\"}, {\"control\": \"A.8.24\", \"applicable\": true," \
    " \"status\": \"partial\"}], \"evidence\": [{\"id\": \"EV-1\", \"title\": \"Incident response plan\", \"controls\":" \
    " [\"A.5.24\"], \"dated\": \"2026-02-01\", \"valid_until\": \"2027-02-01\"}]}"
#define ENT_UNDETERMINED "{\"country\": \"FR\", \"activities\": [\"energy.electricity.dso\"]}"

typedef struct job {
    const char *name;
    json_fn fn;                  /* an entry point with the signature of nis2_classify_json */
    const char *input;
    uint32_t flags;
    char *want;                  /* computed on the main thread; NULL when the call fails (then want_status) */
    nis2_status want_status;
} job;

static nis2_status catalog_part(const nis2_ctx *ctx, const char *part, size_t len, uint32_t flags, char **out,
                                nis2_error *err)
{
    (void)len;
    return nis2_ctx_catalog_json(ctx, part[0] ? part : NULL, flags, out, err);
}

/* nis2_export (exchange.h): "FORMAT:PART" with FORMAT 1-3 and an optional part. */
static nis2_status exchange_export(const nis2_ctx *ctx, const char *spec, size_t len, uint32_t flags, char **out,
                                   nis2_error *err)
{
    (void)len;
    return nis2_export(ctx, (uint32_t)(spec[0] - '0'), spec[2] ? spec + 2 : NULL, flags, out, err);
}

/* The typed API end to end, serialised so it can be compared like the JSON jobs. */
static nis2_status typed_classify(const nis2_ctx *ctx, const char *country, size_t len, uint32_t flags, char **out,
                                  nis2_error *err)
{
    (void)len;
    nis2_entity *e = NULL;
    nis2_result *r = NULL;
    nis2_status st = nis2_entity_new(ctx, &e, err);
    if (!st) st = nis2_entity_set_country(e, country, err);
    if (!st) st = nis2_entity_add_activity(e, "transport.rail.infrastructure_manager", err);
    if (!st) st = nis2_entity_set_figure(e, NIS2_PERIOD_LATEST, NIS2_FIGURE_EMPLOYEES, 51.5, err);
    if (!st) st = nis2_entity_set_figure(e, NIS2_PERIOD_LATEST, NIS2_FIGURE_TURNOVER, 10000000.01, err);
    if (!st) st = nis2_classify(ctx, e, &r, err);
    if (!st) {
        /* the getters must agree with the JSON */
        size_t n = nis2_result_reason_count(r);
        for (size_t i = 0; i < n; i++)
            if (!nis2_result_reason_ref(r, i) || !nis2_result_reason_text(r, i))
                st = NIS2_ERR_INTERNAL;
        if (!nis2_result_category(r, NIS2_VERDICT_APPLICABLE))
            st = NIS2_ERR_INTERNAL;
        if (!st)
            st = nis2_result_to_json(r, flags, out, err);
    }
    nis2_result_free(r);
    nis2_entity_free(e);
    return st;
}

static nis2_status bad_input(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                             nis2_error *err)
{
    /* errors are per call: two threads failing at once must each get their own path */
    nis2_status st = nis2_classify_json(ctx, json, len, flags, out, err);
    if (st && strcmp(nis2_error_path(err), "$.activities[1]") != 0)
        return NIS2_ERR_INTERNAL;
    return st;
}

static job jobs[] = {
    {"classify hospital PT", nis2_classify_json, ENT_HOSPITAL, 0, NULL, 0},
    {"classify hospital PT pretty", nis2_classify_json, ENT_HOSPITAL, NIS2_JSON_PRETTY, NULL, 0},
    {"classify cloud DE", nis2_classify_json, ENT_CLOUD, 0, NULL, 0},
    {"classify undetermined FR", nis2_classify_json, ENT_UNDETERMINED, 0, NULL, 0},
    {"typed classify PT", typed_classify, "PT", 0, NULL, 0},
    {"typed classify AT", typed_classify, "AT", 0, NULL, 0},
    {"bad entity", bad_input, "{\"country\": \"DE\", \"activities\": [\"energy.electricity.dso\", \"nope\"]}", 0,
     NULL, 0},
    {"catalog entity_types", catalog_part, "entity_types", 0, NULL, 0},
    {"catalog overlays", catalog_part, "overlays", 0, NULL, 0},
    {"catalog whole", catalog_part, "", 0, NULL, 0},
    {"obligations hospital PT", nis2_obligations_json, ENT_HOSPITAL, 0, NULL, 0},
    {"obligations cloud DE", nis2_obligations_json, ENT_CLOUD, 0, NULL, 0},
    {"incident deadlines PT", nis2_incident_deadlines_json, INCIDENT_DEADLINES, 0, NULL, 0},
    {"incident assess PT", nis2_incident_assess_json, INCIDENT_ASSESS, 0, NULL, 0},
    {"gap report DE", nis2_gap_report_json, GAP_REPORT, 0, NULL, 0},
    {"export oscal catalog PT", exchange_export, "1:PT", 0, NULL, 0},
    {"export oscal mapping", exchange_export, "2:", 0, NULL, 0},
    {"export ciso assistant", exchange_export, "3:", 0, NULL, 0},
    {"gap report DE as OSCAL", nis2_gap_report_oscal, GAP_REPORT, 0, NULL, 0},
    /* a new JSON entry point: add a line here */
};
#define NJOBS (sizeof jobs / sizeof jobs[0])

static nis2_ctx *shared;
static int iters = 40;
static pthread_barrier_t started;  /* every worker holds an entity of `shared` */

static nis2_status run_job(const job *j, char **out, nis2_error *err)
{
    *out = NULL;
    return j->fn(shared, j->input, strlen(j->input), j->flags, out, err);
}

static void *worker(void *arg)
{
    size_t seed = (size_t)(uintptr_t)arg;
    nis2_error *err = nis2_error_new();
    size_t failures = 0;
    /* an entity made here outlives the main thread's nis2_ctx_free(): it keeps the context alive */
    nis2_entity *keep = NULL;
    if (nis2_entity_from_json(shared, ENT_CLOUD, strlen(ENT_CLOUD), &keep, err) != NIS2_OK)
        abort();
    pthread_barrier_wait(&started);
    for (int it = 0; it < iters; it++) {
        for (size_t k = 0; k < NJOBS; k++) {
            const job *j = &jobs[(k * 7 + seed + (size_t)it) % NJOBS];
            char *out = NULL;
            nis2_status st = run_job(j, &out, err);
            int ok = j->want ? (st == NIS2_OK && out && strcmp(out, j->want) == 0)
                             : (st == j->want_status && nis2_error_code(err) == st && !out);
            if (!ok) {
                failures++;
                fprintf(stderr, "thread %zu, iteration %d, job '%s': status %s, output %s\n", seed, it, j->name,
                        nis2_status_name(st), out ? "differs" : "absent");
            }
            nis2_string_free(out);
            nis2_error_clear(err);
        }
    }
    nis2_result *r = NULL;
    if (nis2_classify(shared, keep, &r, NULL) != NIS2_OK)
        failures++;
    nis2_entity_free(keep);      /* the last of these frees the context */
    if (nis2_result_category(r, NIS2_VERDICT_DIRECTIVE) == NULL)   /* a result outlives its context */
        failures++;
    nis2_result_free(r);
    nis2_error_free(err);
    return (void *)(uintptr_t)failures;
}

/* A fresh context from the compiled catalog image parses its catalog document on first use (lib/compile/image.h):
 * THREADS threads ask for it at the same moment, through the obligations output and a catalog export. */
static nis2_ctx *fresh;
static pthread_barrier_t race;
static char *race_want[2];

static void *racer(void *arg)
{
    (void)arg;
    size_t failures = 0;
    char *out[2] = {NULL, NULL};
    pthread_barrier_wait(&race);
    if (nis2_obligations_json(fresh, ENT_HOSPITAL, strlen(ENT_HOSPITAL), 0, &out[0], NULL) != NIS2_OK ||
        nis2_ctx_catalog_json(fresh, "obligations", 0, &out[1], NULL) != NIS2_OK)
        failures++;
    for (int i = 0; i < 2; i++) {
        if (!out[i] || strcmp(out[i], race_want[i]) != 0) {
            fprintf(stderr, "first use of a fresh context: output %d differs\n", i);
            failures++;
        }
        nis2_string_free(out[i]);
    }
    return (void *)(uintptr_t)failures;
}

static size_t first_use_race(const nis2_ctx *ref)
{
    if (nis2_obligations_json(ref, ENT_HOSPITAL, strlen(ENT_HOSPITAL), 0, &race_want[0], NULL) != NIS2_OK ||
        nis2_ctx_catalog_json(ref, "obligations", 0, &race_want[1], NULL) != NIS2_OK ||
        nis2_ctx_new(&fresh, NULL) != NIS2_OK)
        return 1;
    pthread_t t[THREADS];
    pthread_barrier_init(&race, NULL, THREADS);
    for (size_t i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, racer, NULL) != 0)
            abort();
    size_t failures = 0;
    for (size_t i = 0; i < THREADS; i++) {
        void *rv;
        pthread_join(t[i], &rv);
        failures += (size_t)(uintptr_t)rv;
    }
    pthread_barrier_destroy(&race);
    nis2_ctx_free(fresh);
    nis2_string_free(race_want[0]);
    nis2_string_free(race_want[1]);
    return failures;
}

int main(void)
{
    const char *env = getenv("NIS2_THREAD_ITERS");
    if (env && atoi(env) > 0)
        iters = atoi(env);
    nis2_error *err = nis2_error_new();
    if (nis2_ctx_new(&shared, err) != NIS2_OK) {
        fprintf(stderr, "context: %s\n", nis2_error_message(err));
        return 1;
    }
    for (size_t k = 0; k < NJOBS; k++) {
        nis2_status st = run_job(&jobs[k], &jobs[k].want, err);
        jobs[k].want_status = st;
        if (st && strcmp(jobs[k].name, "bad entity") != 0) {
            fprintf(stderr, "job '%s' fails on the main thread: %s\n", jobs[k].name, nis2_error_message(err));
            return 1;
        }
        nis2_error_clear(err);
    }
    size_t race_failures = first_use_race(shared);
    pthread_t t[THREADS];
    pthread_barrier_init(&started, NULL, THREADS + 1);
    for (size_t i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    pthread_barrier_wait(&started);
    nis2_ctx_free(shared);       /* the workers' entities keep it alive */
    size_t failures = race_failures;
    for (size_t i = 0; i < THREADS; i++) {
        void *rv;
        pthread_join(t[i], &rv);
        failures += (size_t)(uintptr_t)rv;
    }
    for (size_t k = 0; k < NJOBS; k++)
        nis2_string_free(jobs[k].want);
    pthread_barrier_destroy(&started);
    nis2_error_free(err);
    printf("%d threads x %d iterations x %zu jobs: %zu failures\n", THREADS, iters, NJOBS, failures);
    return failures ? 1 : 0;
}
