/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Small helpers shared by the C benchmarks under tests/bench/: clocks, medians, reading an NDJSON stream, and
 * the one machine-readable line per figure that run.py turns into the README table:
 *
 *   BENCH {"name": "typed_classify", "value": 3.4e6, "unit": "entities/s", "target": ">= 3000000", "met": true, …}
 *
 * A benchmark for a new capability includes this header, times its call with bench_cpu_now() over several runs,
 * and reports the median with bench_report(). Exit status 0 = measured (target met or not), 77 = skipped.
 */
#ifndef NIS2_BENCH_UTIL_H
#define NIS2_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BENCH_SKIP 77

/* CPU time of the calling thread, in seconds: what "on one core" means on a shared machine. */
static inline double bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double bench_wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of n values (sorts them in place). */
static inline double bench_median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Print one figure. target_op is ">=" or "<=" (or NULL when the figure has no target). */
static inline void bench_report(const char *name, double value, const char *unit, const char *target_op,
                                double target, int runs, const char *detail)
{
    int met = !target_op || (strcmp(target_op, ">=") == 0 ? value >= target : value <= target);
    printf("BENCH {\"name\": \"%s\", \"value\": %.6g, \"unit\": \"%s\"", name, value, unit);
    if (target_op)
        printf(", \"target\": \"%s %.6g\", \"met\": %s", target_op, target, met ? "true" : "false");
    printf(", \"runs\": %d, \"detail\": \"%s\"}\n", runs, detail ? detail : "");
    fflush(stdout);
}

/* Integer option "--name N" or "--name=N" from argv, else def. */
static inline long bench_opt(int argc, char **argv, const char *name, long def)
{
    size_t n = strlen(name);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], name) == 0 && i + 1 < argc)
            return strtol(argv[i + 1], NULL, 10);
        if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=')
            return strtol(argv[i] + n + 1, NULL, 10);
    }
    return def;
}

/* Read a whole file; NULL on error. *len gets its size. */
static inline char *bench_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

#endif
