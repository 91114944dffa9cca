/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The floor of NDJSON classification: the speed of JSON parsing and writing alone.
 *
 *   floor [FILE|-]
 *
 * For each line, exactly the I/O `nis2 classify --ndjson` does: getline, skip blank lines, parse with jansson
 * with the library's flags (duplicate keys rejected), read the same fields the library reads (name, country,
 * activities, the three figures, previous_period, flags, national, checking their types), build a small JSON
 * object and write it with json_dumps (compact, order preserved), one line per input line. No classification.
 * bench_ndjson.py runs it side by side with the CLI and reports the ratio.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *const fig_keys[] = {"employees", "turnover_eur", "balance_sheet_eur"};

static double figures(const json_t *obj, int *known)
{
    double sum = 0;
    for (size_t i = 0; i < 3; i++) {
        const json_t *v = json_object_get(obj, fig_keys[i]);
        if (json_is_number(v)) {
            sum += json_number_value(v);
            (*known)++;
        }
    }
    return sum;
}

static json_t *one(const json_t *e)
{
    const json_t *name = json_object_get(e, "name"), *country = json_object_get(e, "country");
    const json_t *acts = json_object_get(e, "activities");
    int known = 0;
    size_t n_acts = 0, n_flags = 0, n_nat = 0;
    size_t i;
    const json_t *a;
    json_array_foreach(acts, i, a) n_acts += json_is_string(a) && json_string_length(a) > 0;
    double total = figures(e, &known);
    const json_t *prev = json_object_get(e, "previous_period");
    if (json_is_object(prev))
        total += figures(prev, &known);
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)json_object_get(e, "flags"), k, v) n_flags += json_is_true(v) != 0;
    json_object_foreach((json_t *)json_object_get(e, "national"), k, v) n_nat += json_is_object(v) != 0;
    /* A result of roughly the shape of the real one's head: the fields read, and a verdict-like member. */
    return json_pack("{s:i, s:s?, s:s, s:s, s:I, s:i, s:f, s:I, s:I}", "schema", 1, "name",
                     json_is_string(name) ? json_string_value(name) : NULL, "country",
                     json_is_string(country) ? json_string_value(country) : "", "category", "undetermined",
                     "activities", (json_int_t)n_acts, "figures", known, "sum", total, "flags", (json_int_t)n_flags,
                     "national", (json_int_t)n_nat);
}

int main(int argc, char **argv)
{
    FILE *in = (argc < 2 || strcmp(argv[1], "-") == 0) ? stdin : fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, in)) != -1) {
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue;
        if (memchr(line, '\0', len)) {     /* the library checks for NUL bytes too */
            rc = 1;
            continue;
        }
        json_error_t jerr;
        json_t *e = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
        if (!e) {
            printf("{\"error\": {\"line\": %d, \"message\": \"%s\"}}\n", jerr.line, "malformed JSON");
            rc = 1;
            continue;
        }
        json_t *o = one(e);
        char *s = o ? json_dumps(o, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_COMPACT) : NULL;
        if (s) {
            fputs(s, stdout);
            fputc('\n', stdout);
            free(s);
        } else {
            rc = 3;
        }
        json_decref(o);
        json_decref(e);
    }
    free(line);
    if (in != stdin)
        fclose(in);
    return rc;
}
