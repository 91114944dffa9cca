/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nis2 — command-line front end of libnis2 (lib/schema/FORMATS.md §cli).
 *
 *   nis2 [--catalog FILE | --catalog-extend FILE] COMMAND [ARGS]
 *   nis2 classify    [FILE|-] [--ndjson] [--pretty] [--no-trace]
 *   nis2 obligations [FILE|-] [--ndjson] [--pretty]
 *   nis2 incident deadlines [FILE|-] [--ndjson] [--pretty]
 *   nis2 incident assess    [FILE|-] [--ndjson] [--pretty]
 *   nis2 catalog     [--part entity_types|obligations|controls|mappings|overlays] [--pretty]
 *   nis2 export      --format oscal-catalog|oscal-mapping|ciso-assistant [--part nis2|ir2690|CC] [--pretty]
 *   nis2 --version
 *
 * Exit codes: 0 success; 1 some input was invalid; 2 usage error; 3 internal or catalog error.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

#include "cli_util.h"

typedef nis2_status (*json_fn)(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                               nis2_error *err);

typedef struct command {
    const char *name;            /* "classify", "incident deadlines" … */
    json_fn fn;
    int allow_ndjson;
} command;

static const command commands[] = {
    {"classify", nis2_classify_json, 1},
    {"obligations", nis2_obligations_json, 1},
    {"gap", nis2_gap_report_json, 0},
    {"incident deadlines", nis2_incident_deadlines_json, 1},
    {"incident assess", nis2_incident_assess_json, 1},
};

/* nis2 gap --format text|html|csv: the same command through nis2_gap_report_render(). */
static nis2_status gap_text(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                            nis2_error *err)
{
    (void)flags;
    return nis2_gap_report_render(ctx, json, len, NIS2_GAP_FORMAT_TEXT, out, err);
}

static nis2_status gap_html(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                            nis2_error *err)
{
    (void)flags;
    return nis2_gap_report_render(ctx, json, len, NIS2_GAP_FORMAT_HTML, out, err);
}

static nis2_status gap_csv(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                           nis2_error *err)
{
    (void)flags;
    return nis2_gap_report_render(ctx, json, len, NIS2_GAP_FORMAT_CSV, out, err);
}

static const command gap_formats[] = {
    {"gap", nis2_gap_report_json, 0},
    {"gap", gap_text, 0},
    {"gap", gap_html, 0},
    {"gap", gap_csv, 0},
    {"gap", nis2_gap_report_oscal, 0},   /* --format oscal: OSCAL assessment-results (exchange.h) */
};

static void usage(FILE *f)
{
    fputs("usage: nis2 [--catalog FILE | --catalog-extend FILE] COMMAND [ARGS]\n"
          "  nis2 classify    [FILE|-] [--ndjson] [--pretty] [--no-trace]\n"
          "  nis2 obligations [FILE|-] [--ndjson] [--pretty]\n"
          "  nis2 gap         [FILE|-] [--format json|text|html|csv|oscal] [--pretty]\n"
          "  nis2 incident deadlines [FILE|-] [--ndjson] [--pretty]\n"
          "  nis2 incident assess    [FILE|-] [--ndjson] [--pretty]\n"
          "  nis2 catalog     [--part entity_types|obligations|controls|mappings|ir2690_points|overlays] [--pretty]\n"
          "  nis2 export      --format oscal-catalog|oscal-mapping|ciso-assistant [--part nis2|ir2690|CC] [--pretty]\n"
          "  nis2 --version\n"
          "Reads standard input when FILE is absent or '-'. Exit codes: 0 ok, 1 invalid input, 2 usage, 3 internal.\n",
          f);
}

static int run_document(const nis2_ctx *ctx, const command *cmd, const char *path, int ndjson, uint32_t flags)
{
    nis2_error *err = nis2_error_new();
    if (!err)
        return EXIT_INTERNAL;
    int rc = 0;
    if (!ndjson) {
        size_t len;
        char *buf = cli_read_all(path, &len);
        if (!buf) {
            nis2_error_free(err);
            return EXIT_INVALID_INPUT;
        }
        char *out = NULL;
        nis2_status st = cmd->fn(ctx, buf, len, flags, &out, err);
        free(buf);
        if (st) {
            cli_print_error(stderr, err, 0);
            rc = cli_exit_code(st);
        } else {
            size_t n = strlen(out);
            fputs(out, stdout);
            if (!n || out[n - 1] != '\n')
                fputc('\n', stdout);   /* JSON has none; text, HTML and CSV end with their own */
            nis2_string_free(out);
        }
        nis2_error_free(err);
        return rc;
    }
    FILE *in = (!path || strcmp(path, "-") == 0) ? stdin : fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "{\"error\": {\"code\": \"io_error\", \"path\": \"\", \"message\": \"cannot open %s\"}}\n", path);
        nis2_error_free(err);
        return EXIT_INVALID_INPUT;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    while ((n = getline(&line, &cap, in)) != -1) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue;            /* blank lines carry no document */
        char *out = NULL;
        nis2_status st = cmd->fn(ctx, line, len, 0, &out, err);
        if (st) {
            cli_print_error(stdout, err, lineno);
            if (!rc || cli_exit_code(st) > rc)
                rc = cli_exit_code(st);
            nis2_error_clear(err);
        } else {
            fputs(out, stdout);
            fputc('\n', stdout);
            nis2_string_free(out);
        }
    }
    free(line);
    if (in != stdin)
        fclose(in);
    nis2_error_free(err);
    return rc;
}

static int cmd_catalog(const nis2_ctx *ctx, int argc, char **argv)
{
    const char *part = NULL;
    uint32_t flags = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--part") == 0 && i + 1 < argc)
            part = argv[++i];
        else if (strncmp(argv[i], "--part=", 7) == 0)
            part = argv[i] + 7;
        else if (strcmp(argv[i], "--pretty") == 0)
            flags |= NIS2_JSON_PRETTY;
        else {
            fprintf(stderr, "nis2 catalog: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_ctx_catalog_json(ctx, part, flags, &out, err);
    int rc = 0;
    if (st == NIS2_ERR_NOT_FOUND) {
        fprintf(stderr, "nis2 catalog: %s\n", nis2_error_message(err));
        rc = EXIT_USAGE;
    } else if (st) {
        cli_print_error(stderr, err, 0);
        rc = EXIT_INTERNAL;
    } else {
        fputs(out, stdout);
        fputc('\n', stdout);
    }
    nis2_string_free(out);
    nis2_error_free(err);
    return rc;
}

/* nis2 export --format oscal-catalog|oscal-mapping|ciso-assistant [--part P] [--pretty] (include/nis2/exchange.h) */
static int cmd_export(const nis2_ctx *ctx, int argc, char **argv)
{
    const char *part = NULL, *format = NULL;
    uint32_t flags = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--part") == 0 && i + 1 < argc)
            part = argv[++i];
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strcmp(argv[i], "--pretty") == 0)
            flags |= NIS2_JSON_PRETTY;
        else {
            fprintf(stderr, "nis2 export: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    uint32_t fmt = !format                              ? 0
                   : strcmp(format, "oscal-catalog") == 0  ? NIS2_EXPORT_OSCAL_CATALOG
                   : strcmp(format, "oscal-mapping") == 0  ? NIS2_EXPORT_OSCAL_MAPPING
                   : strcmp(format, "ciso-assistant") == 0 ? NIS2_EXPORT_CISO_ASSISTANT
                                                           : 0;
    if (!fmt) {
        fprintf(stderr, "nis2 export: --format must be oscal-catalog, oscal-mapping or ciso-assistant%s%s%s\n",
                format ? ", not '" : "", format ? format : "", format ? "'" : "");
        return EXIT_USAGE;
    }
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_export(ctx, fmt, part, flags, &out, err);
    int rc = 0;
    if (st == NIS2_ERR_NOT_FOUND) {
        fprintf(stderr, "nis2 export: %s\n", nis2_error_message(err));
        rc = EXIT_USAGE;
    } else if (st) {
        cli_print_error(stderr, err, 0);
        rc = EXIT_INTERNAL;
    } else {
        size_t n = strlen(out);
        fputs(out, stdout);
        if (!n || out[n - 1] != '\n')
            fputc('\n', stdout);
    }
    nis2_string_free(out);
    nis2_error_free(err);
    return rc;
}

int main(int argc, char **argv)
{
    const char *catalog = NULL;
    uint32_t catalog_flags = NIS2_CATALOG_REPLACE;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            nis2_ctx *ctx = NULL;
            nis2_error *err = nis2_error_new();
            if (nis2_ctx_new(&ctx, err) != NIS2_OK) {
                cli_print_error(stderr, err, 0);
                nis2_error_free(err);
                return EXIT_INTERNAL;
            }
            printf("nis2 %s (libnis2 %s, ABI %u, catalog %s)\n", NIS2_VERSION_STRING, nis2_version_string(),
                   nis2_abi_version(), nis2_ctx_catalog_version(ctx));
            nis2_ctx_free(ctx);
            nis2_error_free(err);
            return 0;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if ((strcmp(argv[i], "--catalog") == 0 || strcmp(argv[i], "--catalog-extend") == 0) && i + 1 < argc) {
            catalog_flags = strcmp(argv[i], "--catalog") == 0 ? NIS2_CATALOG_REPLACE : NIS2_CATALOG_EXTEND;
            catalog = argv[++i];
        } else {
            break;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    /* The command may be one word or two ("incident deadlines"). */
    const command *cmd = NULL;
    int consumed = 0;
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        const char *name = commands[c].name;
        const char *sp = strchr(name, ' ');
        if (!sp && strcmp(argv[i], name) == 0) {
            cmd = &commands[c];
            consumed = 1;
        } else if (sp && i + 1 < argc && strncmp(argv[i], name, (size_t)(sp - name)) == 0 &&
                   argv[i][sp - name] == '\0' && strcmp(argv[i + 1], sp + 1) == 0) {
            cmd = &commands[c];
            consumed = 2;
        }
    }
    int is_catalog = strcmp(argv[i], "catalog") == 0, is_export = strcmp(argv[i], "export") == 0;
    if (!cmd && !is_catalog && !is_export) {
        fprintf(stderr, "nis2: unknown command '%s'\n", argv[i]);
        usage(stderr);
        return EXIT_USAGE;
    }

    nis2_ctx *ctx = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = catalog ? nis2_ctx_new_from_file(&ctx, catalog, catalog_flags, err) : nis2_ctx_new(&ctx, err);
    if (st) {
        cli_print_error(stderr, err, 0);
        nis2_error_free(err);
        return EXIT_INTERNAL;
    }
    nis2_error_free(err);

    int rc;
    if (is_catalog) {
        rc = cmd_catalog(ctx, argc - i - 1, argv + i + 1);
    } else if (is_export) {
        rc = cmd_export(ctx, argc - i - 1, argv + i + 1);
    } else {
        const char *path = NULL;
        int ndjson = 0;
        uint32_t flags = 0;
        rc = -1;
        for (int a = i + consumed; a < argc; a++) {
            if (strcmp(argv[a], "--ndjson") == 0 && cmd->allow_ndjson)
                ndjson = 1;
            else if (strcmp(argv[a], "--pretty") == 0)
                flags |= NIS2_JSON_PRETTY;
            else if (strcmp(argv[a], "--no-trace") == 0 && strcmp(cmd->name, "classify") == 0)
                flags |= NIS2_JSON_NO_TRACE;
            else if (strcmp(argv[a], "--format") == 0 && a + 1 < argc && strcmp(cmd->name, "gap") == 0) {
                const char *f = argv[++a];
                size_t k = strcmp(f, "json") == 0   ? 0
                           : strcmp(f, "text") == 0 ? 1
                           : strcmp(f, "html") == 0 ? 2
                           : strcmp(f, "csv") == 0  ? 3
                           : strcmp(f, "oscal") == 0 ? 4
                                                    : 5;
                if (k == 5) {
                    fprintf(stderr, "nis2 gap: --format must be json, text, html, csv or oscal, not '%s'\n", f);
                    rc = EXIT_USAGE;
                    break;
                }
                cmd = &gap_formats[k];
            } else if (!path && (argv[a][0] != '-' || strcmp(argv[a], "-") == 0))
                path = argv[a];
            else {
                fprintf(stderr, "nis2 %s: unexpected argument '%s'\n", cmd->name, argv[a]);
                usage(stderr);
                rc = EXIT_USAGE;
                break;
            }
        }
        if (rc < 0)
            rc = run_document(ctx, cmd, path, ndjson, flags);
    }
    nis2_ctx_free(ctx);
    return rc;
}
