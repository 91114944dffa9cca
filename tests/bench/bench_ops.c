/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Benchmarks of the JSON-level capabilities beyond classification (lib/schema/FORMATS.md §obligations,
 * §incident-deadlines, §incident-assessment, §gap-report):
 *
 *   bench_ops obligations ENTITIES.ndjson [--runs R] [--limit N]   obligation lookup per entity
 *   bench_ops incident    ENTITIES.ndjson [--runs R] [--limit N]   incident deadlines and significance per entity
 *   bench_ops gap         GAP.json        [--runs R]               one gap report (10 000 evidence items)
 *
 * Each capability is looked up by its exported name at run time (the same names the Python binding tries), so
 * this program builds whatever the library has; a capability the library does not export yet is reported as
 * skipped (exit 77), not failed. All functions share the signature of nis2_classify_json().
 *
 * Each figure comes with its floor, measured in the same run on the same documents: a jansson parse of the input
 * document plus a jansson dump of the same output (parsed once beforehand), i.e. the least any JSON-in/JSON-out
 * implementation built on jansson does. The ratio (figure_vs_floor) is what the README states.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <nis2/nis2.h>

#include "bench_util.h"

typedef nis2_status (*json_fn)(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                                nis2_error *err);

static json_fn find(const char *const *names, const char **found)
{
    for (size_t i = 0; names[i]; i++) {
        void *p = dlsym(RTLD_DEFAULT, names[i]);
        if (p) {
            json_fn fn;
            memcpy(&fn, &p, sizeof fn);
            *found = names[i];
            return fn;
        }
    }
    return NULL;
}

typedef struct docs {
    char **text;
    size_t *len;
    size_t n;
} docs;

/* Each non-blank line of the stream, wrapped as prefix + line + suffix (prefix NULL: the line itself). */
static int load_docs(const char *path, long limit, const char *prefix, const char *suffix, docs *d)
{
    size_t len;
    char *text = bench_read_file(path, &len);
    if (!text)
        return fprintf(stderr, "bench_ops: cannot read %s\n", path), -1;
    size_t cap = 1024;
    d->text = malloc(cap * sizeof *d->text);
    d->len = malloc(cap * sizeof *d->len);
    d->n = 0;
    for (char *p = text, *nl; p < text + len && (!limit || (long)d->n < limit); p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(text + len - p));
        if (!nl)
            nl = text + len;
        if (nl == p)
            continue;
        if (d->n == cap) {
            cap *= 2;
            d->text = realloc(d->text, cap * sizeof *d->text);
            d->len = realloc(d->len, cap * sizeof *d->len);
        }
        size_t pl = prefix ? strlen(prefix) : 0, sl = suffix ? strlen(suffix) : 0, ll = (size_t)(nl - p);
        char *s = malloc(pl + ll + sl + 1);
        memcpy(s, prefix ? prefix : "", pl);
        memcpy(s + pl, p, ll);
        memcpy(s + pl + ll, suffix ? suffix : "", sl);
        s[pl + ll + sl] = '\0';
        d->text[d->n] = s;
        d->len[d->n++] = pl + ll + sl;
    }
    free(text);
    return 0;
}

static void free_docs(docs *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->text[i]);
    free(d->text);
    free(d->len);
}

/* Run fn over every document, R times; report the median per-document time. */
static int per_doc(const nis2_ctx *ctx, json_fn fn, const char *fname, const docs *d, int runs, const char *figure,
                   const char *what, double target_ratio)
{
    nis2_error *err = nis2_error_new();
    double *t = calloc((size_t)runs, sizeof *t);
    size_t failed = 0;
    nis2_status first_st = NIS2_OK;
    char first_msg[200] = "";
    for (int run = 0; run < runs; run++) {
        failed = 0;
        double t0 = bench_cpu_now();
        for (size_t i = 0; i < d->n; i++) {
            char *out = NULL;
            nis2_status st = fn(ctx, d->text[i], d->len[i], 0, &out, err);
            if (st) {
                if (!failed++ && run == 0) {
                    first_st = st;
                    snprintf(first_msg, sizeof first_msg, "%s", nis2_error_message(err));
                }
                nis2_error_clear(err);
            }
            nis2_string_free(out);
        }
        t[run] = bench_cpu_now() - t0;
    }
    double med = bench_median(t, (size_t)runs);
    /* The floor: parse the input and dump the same output, per document, with jansson. */
    json_t **outs = calloc(d->n, sizeof *outs);
    for (size_t i = 0; i < d->n; i++) {
        char *out = NULL;
        if (fn(ctx, d->text[i], d->len[i], 0, &out, err) == NIS2_OK && out)
            outs[i] = json_loads(out, 0, NULL);
        nis2_error_clear(err);
        nis2_string_free(out);
    }
    double *tf = calloc((size_t)runs, sizeof *tf);
    for (int run = 0; run < runs; run++) {
        double t0 = bench_cpu_now();
        for (size_t i = 0; i < d->n; i++) {
            json_t *in = json_loadb(d->text[i], d->len[i], JSON_REJECT_DUPLICATES, NULL);
            json_decref(in);
            if (outs[i])
                free(json_dumps(outs[i], JSON_COMPACT));
        }
        tf[run] = bench_cpu_now() - t0;
    }
    for (size_t i = 0; i < d->n; i++)
        json_decref(outs[i]);
    free(outs);
    double floor_med = bench_median(tf, (size_t)runs);
    free(tf);
    char detail[400];
    snprintf(detail, sizeof detail, "%s over %zu documents, %.1f us each, %zu rejected%s%s%s", fname, d->n,
             med * 1e6 / (double)d->n, failed, failed ? " (first: " : "", failed ? nis2_status_name(first_st) : "",
             failed ? ")" : "");
    for (char *p = detail; *p; p++)
        if (*p == '"' || *p == '\\')
            *p = '\'';
    printf("%s: %s\n", what, detail);
    if (failed)
        printf("  first rejection: %s\n", first_msg);
    bench_report(figure, (double)d->n / med, "docs/s", NULL, 0, runs, detail);
    char ratio_name[96], ratio_detail[200];
    snprintf(ratio_name, sizeof ratio_name, "%s_vs_floor", figure);
    snprintf(ratio_detail, sizeof ratio_detail,
             "%s CPU time / (jansson parse of the input + dump of the same output): %.1f us vs %.1f us per document",
             fname, med * 1e6 / (double)d->n, floor_med * 1e6 / (double)d->n);
    bench_report(ratio_name, med / floor_med, "x", target_ratio > 0 ? "<=" : NULL, target_ratio, runs, ratio_detail);
    free(t);
    nis2_error_free(err);
    return 0;
}

static int skip(const char *what)
{
    printf("%s: SKIPPED - the library does not export it yet (bench_ops looks it up by name at run time)\n", what);
    return BENCH_SKIP;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_ops obligations|incident|gap FILE [--runs R] [--limit N]\n");
        return 2;
    }
    const char *mode = argv[1], *path = argv[2];
    int runs = (int)bench_opt(argc, argv, "--runs", 5);
    long limit = bench_opt(argc, argv, "--limit", 20000);
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx;
    if (nis2_ctx_new(&ctx, err)) {
        fprintf(stderr, "bench_ops: nis2_ctx_new: %s\n", nis2_error_message(err));
        return 1;
    }
    int rc = 0;
    const char *fname = NULL;
    if (strcmp(mode, "obligations") == 0) {
        static const char *const names[] = {"nis2_obligations_json", NULL};
        json_fn fn = find(names, &fname);
        docs d;
        if (!fn)
            rc = skip("obligation lookup");
        else if ((rc = load_docs(path, limit, NULL, NULL, &d)) == 0) {
            rc = per_doc(ctx, fn, fname, &d, runs, "obligations_per_s", "obligation lookup", 1.0);
            free_docs(&d);
        }
    } else if (strcmp(mode, "incident") == 0) {
        static const char *const dl_names[] = {"nis2_incident_deadlines_json", NULL};
        static const char *const as_names[] = {"nis2_incident_assess_json", "nis2_incident_significance_json", NULL};
        json_fn dl = find(dl_names, &fname);
        const char *dl_name = fname;
        json_fn as = find(as_names, &fname);
        if (!dl && !as)
            rc = skip("incident assessment");
        docs d;
        if (dl && rc == 0 && (rc = load_docs(path, limit, "{\"schema\": 1, \"entity\": ",
                                             ", \"aware_at\": \"2026-03-02T10:00:00Z\"}", &d)) == 0) {
            rc = per_doc(ctx, dl, dl_name, &d, runs, "incident_deadlines_per_s", "incident deadlines", 0);
            free_docs(&d);
        }
        if (as && rc == 0 &&
            (rc = load_docs(path, limit, "{\"schema\": 1, \"entity\": ",
                            ", \"impact\": {\"occurred_at\": \"2026-03-02T10:00:00Z\", \"financial_loss_eur\": 600000, "
                            "\"unavailable_minutes\": 45, \"users_in_union\": 100000, "
                            "\"users_affected_unavailable\": 1000, \"suspected_malicious\": true}}",
                            &d)) == 0) {
            rc = per_doc(ctx, as, fname, &d, runs, "incident_assess_per_s", "incident significance", 0);
            free_docs(&d);
        }
    } else if (strcmp(mode, "gap") == 0) {
        static const char *const names[] = {"nis2_gap_report_json", "nis2_gap_json", NULL};
        json_fn fn = find(names, &fname);
        size_t len;
        char *doc = fn ? bench_read_file(path, &len) : NULL;
        if (!fn) {
            rc = skip("gap report");
        } else if (!doc) {
            fprintf(stderr, "bench_ops: cannot read %s\n", path);
            rc = 1;
        } else {
            double *t = calloc((size_t)runs, sizeof *t);
            for (int run = 0; run < runs && rc == 0; run++) {
                char *out = NULL;
                double t0 = bench_cpu_now();
                nis2_status st = fn(ctx, doc, len, 0, &out, err);
                t[run] = bench_cpu_now() - t0;
                if (st) {
                    fprintf(stderr, "bench_ops: %s: %s\n", fname, nis2_error_message(err));
                    rc = 1;
                }
                nis2_string_free(out);
            }
            if (rc == 0) {
                double med = bench_median(t, (size_t)runs);
                char detail[160];
                snprintf(detail, sizeof detail, "%s on %zu bytes of input (10 000 evidence items, SoA of every control)",
                         fname, len);
                printf("gap report: median %.1f ms\n", med * 1e3);
                bench_report("gap_report_10k_ms", med * 1e3, "ms", "<=", 50, runs, detail);
                double *tp = calloc((size_t)runs, sizeof *tp);
                for (int run = 0; run < runs; run++) {
                    double t0 = bench_cpu_now();
                    json_decref(json_loadb(doc, len, JSON_REJECT_DUPLICATES, NULL));
                    tp[run] = bench_cpu_now() - t0;
                }
                double pmed = bench_median(tp, (size_t)runs);
                free(tp);
                char rdetail[160];
                snprintf(rdetail, sizeof rdetail, "gap report / one jansson parse (and free) of its input: %.1f ms vs %.1f ms",
                         med * 1e3, pmed * 1e3);
                bench_report("gap_report_vs_parse", med / pmed, "x", NULL, 0, runs, rdetail);
            }
            free(t);
            free(doc);
        }
    } else {
        fprintf(stderr, "bench_ops: unknown mode '%s'\n", mode);
        rc = 2;
    }
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return rc;
}
