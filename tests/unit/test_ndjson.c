/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `nis2 classify --ndjson` (lib/schema/FORMATS.md §cli): one result per non-blank input line, in order; a bad line — malformed,
 * with a NUL byte, invalid UTF-8, too deep, not an object — yields an error object naming its line, and the run
 * goes on: no good line is lost. The command line tool is in $NIS2_CLI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

static const struct {
    const char *text;
    size_t len;                  /* 0: strlen */
    int good;                    /* 1 result, 0 error object, -1 blank (no output) */
} lines[] = {
    {"{\"country\": \"DE\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 300}", 0, 1},
    {"", 0, -1},
    {"{\"country\": ", 0, 0},
    {"{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 49.5}\r", 0, 1},
#define NUL_LINE "{\"country\": \"DE\", \"activities\": []}\0trailing"
    {NUL_LINE, sizeof NUL_LINE - 1, 0},
    {"{\"country\": \"DE\", \"activities\": [], \"name\": \"\xc3\x28\"}", 0, 0},
    {"{\"country\": \"DE\", \"activities\": [], \"x_a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
     0, 0},
    {"[]", 0, 0},
    {"   \t", 0, -1},
    {"{\"country\": \"FR\", \"activities\": [], \"employees\": 1e999}", 0, 0},
    {"{\"country\": \"EL\", \"activities\": [\"banking.credit_institution\"], \"turnover_eur\": 60000000.5}", 0, 1},
    {"{\"country\": \"AT\", \"activities\": []}", 0, 1},   /* the last line has no newline */
};
#define NLINES (sizeof lines / sizeof lines[0])

int main(void)
{
    const char *cli = getenv("NIS2_CLI");
    if (!cli) {
        fprintf(stderr, "NIS2_CLI is not set\n");
        return 1;
    }
    char path[] = "/tmp/nis2-ndjson-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    FILE *f = fdopen(fd, "wb");
    for (size_t i = 0; i < NLINES; i++) {
        fwrite(lines[i].text, 1, lines[i].len ? lines[i].len : strlen(lines[i].text), f);
        if (i + 1 < NLINES)
            fputc('\n', f);
    }
    fclose(f);

    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' classify --ndjson '%s'", cli, path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return 1;
    int failures = 0;
    size_t i = 0;
    char *out = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&out, &cap, p)) != -1) {
        while (i < NLINES && lines[i].good < 0)
            i++;
        if (i >= NLINES) {
            fprintf(stderr, "extra output line: %s", out);
            failures++;
            continue;
        }
        json_error_t jerr;
        json_t *v = json_loads(out, 0, &jerr);
        if (!v) {
            fprintf(stderr, "line %zu: output is not JSON (%s): %s", i + 1, jerr.text, out);
            failures++;
        } else if (lines[i].good) {
            if (!json_is_string(json_object_get(v, "category"))) {
                fprintf(stderr, "line %zu: expected a result, got %s", i + 1, out);
                failures++;
            }
        } else {
            json_t *e = json_object_get(v, "error");
            if (!e || json_integer_value(json_object_get(e, "line")) != (json_int_t)(i + 1) ||
                !json_is_string(json_object_get(e, "path"))) {
                fprintf(stderr, "line %zu: expected an error object naming line %zu, got %s", i + 1, i + 1, out);
                failures++;
            }
        }
        json_decref(v);
        i++;
    }
    free(out);
    while (i < NLINES && lines[i].good < 0)
        i++;
    if (i != NLINES) {
        fprintf(stderr, "output stops after input line %zu of %zu\n", i, NLINES);
        failures++;
    }
    int status = pclose(p);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 1) {
        fprintf(stderr, "exit status %d, want 1 (some input was invalid)\n", WEXITSTATUS(status));
        failures++;
    }
    unlink(path);
    printf("%zu input lines: %d failures\n", NLINES, failures);
    return failures ? 1 : 0;
}
