/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gap_report — the ISO/IEC 27001 gap report through the C API (lib/schema/FORMATS.md §gap-report).
 *
 *   gap_report [ISMS.json]        (default: examples/data/isms-example.json)
 *
 * Prints the normalised form of a few identifiers as an auditor might type them, then the plain-text report.
 */
#include <stdio.h>
#include <stdlib.h>

#include <nis2/nis2.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/data/isms-example.json";
    nis2_error *err = nis2_error_new();
    nis2_ctx *ctx = NULL;
    if (nis2_ctx_new(&ctx, err) != NIS2_OK) {
        fprintf(stderr, "context: %s\n", nis2_error_message(err));
        return 3;
    }
    static const char *const typed[] = {"A5.7", "A. 5.24", "5.24", "9.3", "A.8.35"};
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        const char *id;
        if (nis2_iso_normalise_id(ctx, typed[i], &id, err) == NIS2_OK)
            printf("%-8s -> %s (%s)\n", typed[i], id, nis2_iso_control_title(ctx, id));
        else
            printf("%-8s -> rejected: %s\n", typed[i], nis2_error_message(err));
    }
    size_t len;
    char *doc = slurp(path, &len);
    if (!doc) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    char *text = NULL;
    int rc = 0;
    if (nis2_gap_report_render(ctx, doc, len, NIS2_GAP_FORMAT_TEXT, &text, err) == NIS2_OK) {
        fputs(text, stdout);
    } else {
        fprintf(stderr, "%s: %s\n", nis2_error_path(err), nis2_error_message(err));
        rc = 1;
    }
    nis2_string_free(text);
    free(doc);
    nis2_ctx_free(ctx);
    nis2_error_free(err);
    return rc;
}
