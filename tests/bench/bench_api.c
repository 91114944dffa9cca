/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Benchmarks of the core C API (public functions only):
 *
 *   bench_api classify FILE.ndjson [--runs R] [--limit N]
 *       Classification through the typed API, no JSON in the timed loop: the entities of FILE are built once
 *       (nis2_entity_from_json, untimed), then each run classifies every entity and frees the result.
 *       Figure: entities per second on one core (median over R runs of thread CPU time).
 *   bench_api national FILE.ndjson [--runs R] [--limit N]
 *       Issue 11: what five national facts cost. The Portuguese entities of FILE are built twice (untimed): without
 *       national facts, and the same entities with five facts set through the typed setters
 *       (nis2_entity_set_national_bool / _text). Each run classifies both sets with NIS2_CLASSIFY_NO_TRACE, in
 *       alternating order; the figure is the ratio of the medians (with / without), target <= 1.05.
 *   bench_api ctx [--runs R]
 *       Context creation from the embedded catalog (nis2_ctx_new; nis2_ctx_free is timed apart), median ms, and the
 *       heap memory one context holds (glibc mallinfo2: bytes in use after nis2_ctx_new minus before).
 *   bench_api overlay [--runs R] [--n N]
 *       Typed API without trace (NIS2_CLASSIFY_NO_TRACE), the same medium health-care provider three ways, built
 *       once: Portuguese with five national facts set through the typed setters, Portuguese without them, and
 *       Austrian (a Member State without an overlay in the catalog). Each run classifies each of them N times,
 *       the three interleaved so that load on a shared machine falls on all alike. Figures (issue 11): PT with
 *       facts / PT without (<= 1.05) and PT without facts / AT (<= 2).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GLIBC__) || defined(__linux__)
#  include <malloc.h>
#endif

#include <jansson.h>
#include <nis2/nis2.h>

#include "bench_util.h"

static int die(const char *what, const nis2_error *err)
{
    fprintf(stderr, "bench_api: %s: %s\n", what, err ? nis2_error_message(err) : "");
    return 1;
}

static int bench_classify(int argc, char **argv)
{
    if (argc < 3)
        return fprintf(stderr, "usage: bench_api classify FILE.ndjson [--runs R] [--limit N]\n"), 2;
    int runs = (int)bench_opt(argc, argv, "--runs", 7);
    long limit = bench_opt(argc, argv, "--limit", 0);
    size_t len;
    char *text = bench_read_file(argv[2], &len);
    if (!text)
        return fprintf(stderr, "bench_api: cannot read %s\n", argv[2]), 1;
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx;
    if (nis2_ctx_new(&ctx, err))
        return die("nis2_ctx_new", err);

    size_t n = 0, cap = 1024;
    nis2_entity **ents = malloc(cap * sizeof *ents);
    for (char *p = text, *nl; p < text + len && (!limit || (long)n < limit); p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(text + len - p));
        if (!nl)
            nl = text + len;
        if (nl == p)
            continue;
        if (n == cap)
            ents = realloc(ents, (cap *= 2) * sizeof *ents);
        if (nis2_entity_from_json(ctx, p, (size_t)(nl - p), &ents[n], err))
            return die("nis2_entity_from_json", err);
        n++;
    }
    free(text);
    if (n == 0)
        return fprintf(stderr, "bench_api: no entities in %s\n", argv[2]), 1;

    double *t = calloc((size_t)runs, sizeof *t);
    /* Twice: with the reasoning trace (what nis2_classify gives), and with NIS2_CLASSIFY_NO_TRACE (bulk screening:
     * the same verdicts, no reasons). The target of 3 M/s is read against the second. */
    for (int mode = 0; mode < 2; mode++) {
        uint32_t flags = mode ? NIS2_CLASSIFY_NO_TRACE : 0;
        uint64_t check = 0, first_check = 0;
        for (int run = 0; run < runs; run++) {
            check = 0;
            double t0 = bench_cpu_now();
            for (size_t i = 0; i < n; i++) {
                nis2_result *r;
                if (nis2_classify_ex(ctx, ents[i], flags, &r, err))
                    return die("nis2_classify_ex", err);
                check = check * 31 + nis2_result_category_id(r, NIS2_VERDICT_APPLICABLE) + nis2_result_size_class(r);
                nis2_result_free(r);
            }
            t[run] = bench_cpu_now() - t0;
            if (run == 0)
                first_check = check;
            else if (check != first_check)
                return fprintf(stderr, "bench_api: results differ between runs\n"), 1;
        }
        double med = bench_median(t, (size_t)runs);
        char detail[160];
        snprintf(detail, sizeof detail, "%zu entities per run, median %.1f ms per run, %.0f ns per entity, checksum %016llx",
                 n, med * 1e3, med * 1e9 / (double)n, (unsigned long long)check);
        if (mode == 0)
            bench_report("typed_classify_with_trace", (double)n / med, "entities/s", ">=", 0, runs, detail);
        else
            bench_report("typed_classify", (double)n / med, "entities/s", ">=", 3e6, runs, detail);
    }

    for (size_t i = 0; i < n; i++)
        nis2_entity_free(ents[i]);
    free(ents);
    free(t);
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return 0;
}

static int bench_national(int argc, char **argv)
{
    if (argc < 3)
        return fprintf(stderr, "usage: bench_api national FILE.ndjson [--runs R] [--limit N]\n"), 2;
    int runs = (int)bench_opt(argc, argv, "--runs", 15);
    long limit = bench_opt(argc, argv, "--limit", 0);
    size_t len;
    char *text = bench_read_file(argv[2], &len);
    if (!text)
        return fprintf(stderr, "bench_api: cannot read %s\n", argv[2]), 1;
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx;
    if (nis2_ctx_new(&ctx, err))
        return die("nis2_ctx_new", err);
    size_t n = 0, cap = 1024;
    nis2_entity **plain = malloc(cap * sizeof *plain), **facts = malloc(cap * sizeof *facts);
    for (char *p = text, *nl; p < text + len && (!limit || (long)n < limit); p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(text + len - p));
        if (!nl)
            nl = text + len;
        json_t *doc = json_loadb(p, (size_t)(nl - p), 0, NULL);
        const char *cc = json_string_value(json_object_get(doc, "country"));
        if (!cc || strcmp(cc, "PT") != 0) {
            json_decref(doc);
            continue;
        }
        json_object_del(doc, "national");
        char *line = json_dumps(doc, JSON_COMPACT);
        json_decref(doc);
        if (n == cap) {
            plain = realloc(plain, (cap *= 2) * sizeof *plain);
            facts = realloc(facts, cap * sizeof *facts);
        }
        if (nis2_entity_from_json(ctx, line, strlen(line), &plain[n], err) ||
            nis2_entity_from_json(ctx, line, strlen(line), &facts[n], err))
            return die("nis2_entity_from_json", err);
        free(line);
        /* five facts of DL 125/2025 that a Portuguese form asks */
        if (nis2_entity_set_national_bool(facts[n], "PT", "ict_infrastructure_remit", 0, err) ||
            nis2_entity_set_national_bool(facts[n], "PT", "high_digital_integration", 0, err) ||
            nis2_entity_set_national_bool(facts[n], "PT", "educational_assessment_body", 0, err) ||
            nis2_entity_set_national_bool(facts[n], "PT", "all_systems_excluded", 0, err) ||
            nis2_entity_set_national_text(facts[n], "PT", "conformity_level", "substancial", err))
            return die("nis2_entity_set_national_*", err);
        n++;
    }
    free(text);
    if (n == 0)
        return fprintf(stderr, "bench_api: no Portuguese entities in %s\n", argv[2]), 1;
    double *t[2] = {calloc((size_t)runs, sizeof(double)), calloc((size_t)runs, sizeof(double))};
    for (int run = 0; run < runs; run++) {
        for (int k = 0; k < 2; k++) {
            int set = (run + k) % 2;         /* alternate which set goes first */
            nis2_entity **ents = set ? facts : plain;
            double t0 = bench_cpu_now();
            for (size_t i = 0; i < n; i++) {
                nis2_result *r;
                if (nis2_classify_ex(ctx, ents[i], NIS2_CLASSIFY_NO_TRACE, &r, err))
                    return die("nis2_classify_ex", err);
                nis2_result_free(r);
            }
            t[set][run] = bench_cpu_now() - t0;
        }
    }
    double m0 = bench_median(t[0], (size_t)runs), m1 = bench_median(t[1], (size_t)runs);
    char detail[200];
    snprintf(detail, sizeof detail, "%zu Portuguese entities, no trace: %.0f ns without national facts, %.0f ns with five "
             "(typed setters), median of %d runs", n, m0 * 1e9 / (double)n, m1 * 1e9 / (double)n, runs);
    bench_report("national_facts_cost", m1 / m0, "x (with five facts / without)", "<=", 1.05, runs, detail);
    for (size_t i = 0; i < n; i++) {
        nis2_entity_free(plain[i]);
        nis2_entity_free(facts[i]);
    }
    free(plain);
    free(facts);
    free(t[0]);
    free(t[1]);
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return 0;
}

static long heap_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 mi = mallinfo2();
    return (long)(mi.uordblks + mi.hblkhd);
#else
    return -1;
#endif
}

static int bench_ctx(int argc, char **argv)
{
    int runs = (int)bench_opt(argc, argv, "--runs", 21);
    nis2_error *err = nis2_error_new();
    double *t = calloc((size_t)runs, sizeof *t);

    /* Memory first, in a fresh heap: bytes in use while one context is alive. */
    long before = heap_in_use();
    nis2_ctx *ctx;
    if (nis2_ctx_new(&ctx, err))
        return die("nis2_ctx_new", err);
    long mem = heap_in_use() - before;
    nis2_ctx_free(ctx);

    double *tf = calloc((size_t)runs, sizeof *tf);
    for (int run = 0; run < runs; run++) {
        double t0 = bench_cpu_now();
        if (nis2_ctx_new(&ctx, err))
            return die("nis2_ctx_new", err);
        double t1 = bench_cpu_now();
        nis2_ctx_free(ctx);
        t[run] = t1 - t0;
        tf[run] = bench_cpu_now() - t1;
    }
    /* The floor, in the same run: one jansson parse (and free) of the catalog text the context embeds, i.e. what
     * `nis2 catalog` prints. */
    char *cat = NULL;
    if (nis2_ctx_new(&ctx, err) || nis2_ctx_catalog_json(ctx, NULL, 0, &cat, err))
        return die("nis2_ctx_catalog_json", err);
    nis2_ctx_free(ctx);
    double *tp = calloc((size_t)runs, sizeof *tp);
    for (int run = 0; run < runs; run++) {
        double t0 = bench_cpu_now();
        json_decref(json_loads(cat, JSON_REJECT_DUPLICATES, NULL));
        tp[run] = bench_cpu_now() - t0;
    }
    size_t cat_len = strlen(cat);
    nis2_string_free(cat);
    double med_parse = bench_median(tp, (size_t)runs);
    free(tp);
    double med = bench_median(t, (size_t)runs), med_free = bench_median(tf, (size_t)runs);
    char detail[160];
    snprintf(detail, sizeof detail, "nis2_ctx_new from the embedded catalog, fastest %.4f ms; nis2_ctx_free %.4f ms more",
             t[0] * 1e3, med_free * 1e3);
    free(tf);
    bench_report("ctx_create_ms", med * 1e3, "ms", "<=", 5, runs, detail);
    char rdetail[200];
    snprintf(rdetail, sizeof rdetail, "nis2_ctx_new / one jansson parse of the %zu-byte catalog it embeds: %.2f ms vs %.2f ms",
             cat_len, med * 1e3, med_parse * 1e3);
    bench_report("ctx_create_vs_parse", med / med_parse, "x", "<=", 0.2, runs, rdetail);
    if (mem >= 0)
        bench_report("ctx_memory_mib", (double)mem / (1024.0 * 1024.0), "MiB", "<=", 4, 1,
                     "heap bytes in use with one context alive (glibc mallinfo2)");
    free(t);
    nis2_error_free(err);
    return 0;
}

static nis2_entity *overlay_entity(const nis2_ctx *ctx, const char *country, int facts, nis2_error *err)
{
    char doc[256];
    snprintf(doc, sizeof doc,
             "{\"country\": \"%s\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 180, "
             "\"turnover_eur\": 30000000, \"balance_sheet_eur\": 25000000}", country);
    nis2_entity *e;
    if (nis2_entity_from_json(ctx, doc, strlen(doc), &e, err))
        return NULL;
    if (facts && (nis2_entity_set_national_bool(e, "PT", "ict_infrastructure_remit", 0, err) ||
                  nis2_entity_set_national_bool(e, "PT", "high_digital_integration", 0, err) ||
                  nis2_entity_set_national_bool(e, "PT", "educational_assessment_body", 0, err) ||
                  nis2_entity_set_national_bool(e, "PT", "all_systems_excluded", 0, err) ||
                  nis2_entity_set_national_text(e, "PT", "started_activity_on", "2026-01-15", err))) {
        nis2_entity_free(e);
        return NULL;
    }
    return e;
}

static int bench_overlay(int argc, char **argv)
{
    int runs = (int)bench_opt(argc, argv, "--runs", 7);
    long n = bench_opt(argc, argv, "--n", 200000);
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx;
    if (nis2_ctx_new(&ctx, err))
        return die("nis2_ctx_new", err);
    nis2_entity *ents[3] = {overlay_entity(ctx, "PT", 1, err), overlay_entity(ctx, "PT", 0, err),
                            overlay_entity(ctx, "AT", 0, err)};
    for (int k = 0; k < 3; k++)
        if (!ents[k])
            return die("building the entities", err);
    double *t[3];
    for (int k = 0; k < 3; k++)
        t[k] = calloc((size_t)runs, sizeof *t[k]);
    uint64_t check[3] = {0, 0, 0};
    for (int run = 0; run < runs; run++)
        for (int k = 0; k < 3; k++) {
            double t0 = bench_cpu_now();
            for (long i = 0; i < n; i++) {
                nis2_result *r;
                if (nis2_classify_ex(ctx, ents[k], NIS2_CLASSIFY_NO_TRACE, &r, err))
                    return die("nis2_classify_ex", err);
                check[k] += (uint64_t)nis2_result_category_id(r, NIS2_VERDICT_APPLICABLE);
                nis2_result_free(r);
            }
            t[k][run] = bench_cpu_now() - t0;
        }
    double ns[3];
    for (int k = 0; k < 3; k++)
        ns[k] = bench_median(t[k], (size_t)runs) * 1e9 / (double)n;
    char detail[240];
    snprintf(detail, sizeof detail,
             "nis2_classify_ex(NO_TRACE) + free, PT with five facts / PT without: %.0f ns vs %.0f ns per entity", ns[0],
             ns[1]);
    bench_report("pt_facts_vs_none", ns[0] / ns[1], "x", "<=", 1.05, runs, detail);
    snprintf(detail, sizeof detail,
             "nis2_classify_ex(NO_TRACE) + free, PT (overlay) / AT (no overlay), same entity: %.0f ns vs %.0f ns per "
             "entity", ns[1], ns[2]);
    bench_report("pt_vs_no_overlay", ns[1] / ns[2], "x", "<=", 2, runs, detail);
    for (int k = 0; k < 3; k++) {
        nis2_entity_free(ents[k]);
        free(t[k]);
    }
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return check[0] == 0 && check[1] == 0 && check[2] == 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "overlay") == 0)
        return bench_overlay(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "classify") == 0)
        return bench_classify(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "ctx") == 0)
        return bench_ctx(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "national") == 0)
        return bench_national(argc, argv);
    fprintf(stderr, "usage: bench_api classify FILE.ndjson [--runs R] [--limit N] | bench_api ctx [--runs R] | "
                    "bench_api national FILE.ndjson [--runs R] [--limit N] | bench_api overlay [--runs R] [--n N]\n");
    return 2;
}
