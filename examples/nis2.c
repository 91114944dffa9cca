/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nis2 — command-line front end of libnis2 (lib/schema/FORMATS.md §cli). `nis2 --help` and `nis2 COMMAND --help` print the
 * usage; the manual is examples/nis2.1.
 *
 *   nis2 [--catalog FILE | --catalog-extend FILE] COMMAND [ARGS]
 *   nis2 classify    [FILE|-] [--ndjson] [--pretty] [--no-trace]
 *   nis2 obligations [FILE|-] [--ndjson] [--pretty]
 *   nis2 gap         [FILE|-] [--format json|text|html|csv|oscal] [--pretty]
 *   nis2 incident deadlines [FILE|-] [--ndjson] [--pretty]
 *   nis2 incident assess    [FILE|-] [--ndjson] [--pretty]
 *   nis2 catalog     [--part PART] [--pretty]
 *   nis2 export      --format oscal-catalog|oscal-mapping|ciso-assistant [--part nis2|ir2690|CC] [--pretty]
 *   nis2 --version | --help | help [COMMAND]
 *
 * Exit codes: 0 success; 1 some input was invalid; 2 usage error; 3 internal or catalog error.
 *
 * The commands are one table (commands[]): a new command is one row with its help text, and either a JSON
 * function of the library (json_fn) or a runner of its own.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

#include "cli_util.h"

typedef nis2_status (*json_fn)(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                               nis2_error *err);

/* Options a command accepts (command.opts). */
enum {
    OPT_FILE = 1u << 0,          /* [FILE|-] */
    OPT_NDJSON = 1u << 1,
    OPT_PRETTY = 1u << 2,
    OPT_NO_TRACE = 1u << 3,
    OPT_FORMAT = 1u << 4,        /* --format json|text|html|csv (gap) */
    OPT_PART = 1u << 5,          /* --part PART (catalog) */
    OPT_EXPORT_FORMAT = 1u << 6, /* --format oscal-catalog|oscal-mapping|ciso-assistant (export) */
    OPT_EXPORT_PART = 1u << 7,   /* --part nis2|ir2690|CC (export) */
};

struct command;
typedef int (*runner_fn)(const nis2_ctx *ctx, const struct command *cmd, int argc, char **argv);

typedef struct command {
    const char *name;            /* "classify", "incident deadlines" … */
    json_fn fn;                  /* a document command: JSON in, JSON out */
    runner_fn run;               /* or a command with its own argument handling */
    unsigned opts;               /* OPT_* */
    const char *summary;         /* one line */
    const char *description;     /* what it reads and writes */
    const char *example;
} command;

static int run_catalog(const nis2_ctx *ctx, const command *cmd, int argc, char **argv);
static int run_export(const nis2_ctx *ctx, const command *cmd, int argc, char **argv);

static const command commands[] = {
    {"classify", nis2_classify_json, NULL, OPT_FILE | OPT_NDJSON | OPT_PRETTY | OPT_NO_TRACE,
     "classify an entity: essential, important or out of scope, with the deciding provision",
     "Reads an entity document (name, country, activities, figures, flags) and prints its classification under\n"
     "the Directive and, where an overlay exists, under the national law of its country.",
     "nis2 classify --pretty examples/data/hospital-pt.json"},
    {"obligations", nis2_obligations_json, NULL, OPT_FILE | OPT_NDJSON | OPT_PRETTY,
     "list the obligations, deadlines, supervision and maximum fines that apply to an entity",
     "Reads an entity document and prints its category, the duties that bind it with their provisions and\n"
     "deadlines, its supervision regime and its maximum fine.",
     "nis2 obligations --pretty examples/data/hospital-pt.json"},
    {"gap", nis2_gap_report_json, NULL, OPT_FILE | OPT_FORMAT | OPT_PRETTY,
     "build an ISO/IEC 27001 to NIS2 gap report from an entity and its ISMS evidence",
     "Reads a gap-report input (entity, statement of applicability, evidence) and prints which NIS2 and\n"
     "IR 2024/2690 duties the ISMS already shows, which partly, and what is missing.",
     "nis2 gap --format text examples/data/isms-example.json"},
    {"incident deadlines", nis2_incident_deadlines_json, NULL, OPT_FILE | OPT_NDJSON | OPT_PRETTY,
     "compute the incident-reporting clocks (NIS2 Art. 23 and national law) for an incident",
     "Reads an incident document (entity, when the entity became aware, end of impact) and prints every report\n"
     "that is due, to whom and by when, in UTC and local time.",
     "nis2 incident deadlines --pretty examples/data/incident-cloud-lisbon.json"},
    {"incident assess", nis2_incident_assess_json, NULL, OPT_FILE | OPT_NDJSON | OPT_PRETTY,
     "assess whether an incident is significant (NIS2 Art. 23(3), IR 2024/2690 Arts 3-14)",
     "Reads an incident document with its impact facts and prints the significance criteria met, those that\n"
     "cannot be decided for want of a fact, and the notes.",
     "nis2 incident assess --pretty examples/data/incident-cloud-lisbon.json"},
    {"catalog", NULL, run_catalog, OPT_PART | OPT_PRETTY,
     "print the catalog of the law in use, or one part of it (e.g. its history of changes)",
     "Prints the catalog as JSON, or only one part of it with --part. The part 'changes' is the history of\n"
     "the legal data; 'catalog_extensions' names the extensions laid over it.",
     "nis2 catalog --part changes --pretty"},
    {"export", NULL, run_export, OPT_EXPORT_FORMAT | OPT_EXPORT_PART | OPT_PRETTY,
     "export the catalog for GRC tools: OSCAL 1.2 catalog or mapping-collection, CISO Assistant library",
     "Prints the duties as an OSCAL 1.2 catalog (the Directive's by article, the IR 2024/2690 Annex points, or a\n"
     "Member State's), the mapping graph as an OSCAL mapping-collection, or a CISO Assistant library (YAML).",
     "nis2 export --format oscal-catalog --part ir2690"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* nis2 gap --format: the same command through nis2_gap_report_render(). */
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

static const struct {
    const char *name;
    json_fn fn;
} gap_formats[] = {
    {"json", nis2_gap_report_json},
    {"text", gap_text},
    {"html", gap_html},
    {"csv", gap_csv},
    {"oscal", nis2_gap_report_oscal},    /* OSCAL assessment-results (exchange.h) */
};
#define N_GAP_FORMATS (sizeof gap_formats / sizeof gap_formats[0])

/* ---------------------------------------------------------------- help */

static const struct {
    unsigned opt;
    const char *synopsis, *help;
} option_docs[] = {
    {OPT_FILE, "[FILE|-]", "read the document from FILE, or from standard input when FILE is absent or '-'"},
    {OPT_NDJSON, "[--ndjson]",
     "one document per input line, one result per output line, in order; a bad line\n"
     "                  gives an error object with its \"line\" on standard output and the run goes on;\n"
     "                  blank lines are skipped"},
    {OPT_FORMAT, "[--format json|text|html|csv|oscal]",
     "the report as JSON (default), plain text, HTML, CSV or OSCAL 1.2 assessment-results"},
    {OPT_EXPORT_FORMAT, "--format oscal-catalog|oscal-mapping|ciso-assistant",
     "the form of the export (required): an OSCAL 1.2 catalog, the OSCAL mapping-collection of the\n"
     "                  whole mapping graph, or a CISO Assistant library in YAML"},
    {OPT_EXPORT_PART, "[--part nis2|ir2690|CC]",
     "which duties: the Directive's (nis2, the default), the IR 2024/2690 Annex points (ir2690,\n"
     "                  OSCAL catalog only) or a Member State's by its code (e.g. PT); none for oscal-mapping"},
    {OPT_PART, "[--part PART]", NULL},   /* the help lists the parts (print_part_list) */
    {OPT_PRETTY, "[--pretty]", "indent the JSON output"},
    {OPT_NO_TRACE, "[--no-trace]", "leave out the reasoning trace (\"reasons\"): the same verdicts, faster"},
};

static const char exit_codes[] =
    "Exit codes:\n"
    "  0  success\n"
    "  1  some input was invalid (the error object names the field, or the file and the system's reason)\n"
    "  2  usage error (unknown command or option)\n"
    "  3  internal error, or the catalog given with --catalog/--catalog-extend is invalid\n";

static const char global_options[] =
    "Global options (before the command):\n"
    "  --catalog FILE         replace the embedded catalog with FILE (a document as 'nis2 catalog' prints)\n"
    "  --catalog-extend FILE  lay the catalog extension FILE over the embedded catalog; it needs a 'name'\n"
    "                         and a 'version', which every result then reports in catalog_extensions\n"
    "  --version              print the versions of the tool, the library, its ABI and the catalog\n"
    "  -h, --help             print this help; 'nis2 COMMAND --help' or 'nis2 help COMMAND' for a command\n";

/* The parts 'nis2 catalog --part' accepts: the library's own table, wrapped at 100 columns. */
static void print_part_list(FILE *f)
{
    static const char indent[] = "                 ";
    fprintf(f, "  --part PART     print only PART, one of:\n%s", indent);
    size_t n = 0, col = sizeof indent - 1;
    while (nis2_catalog_part_name(n))
        n++;
    for (size_t k = 0; k < n; k++) {
        const char *sep = k == 0 ? "" : k + 1 == n ? " or" : ",", *name = nis2_catalog_part_name(k);
        size_t w = strlen(sep) + 1 + strlen(name);
        if (k && col + w > 100) {
            fprintf(f, "%s\n%s", k + 1 == n ? "" : sep, indent);
            sep = k + 1 == n ? "or" : "";
            col = sizeof indent - 1;
            w = strlen(sep) + 1 + strlen(name);
        }
        fprintf(f, "%s %s", sep, name);
        col += w;
    }
    fputc('\n', f);
}

static void print_synopsis(FILE *f, const command *c)
{
    fputs(c->name, f);
    for (size_t k = 0; k < sizeof option_docs / sizeof option_docs[0]; k++)
        if (c->opts & option_docs[k].opt)
            fprintf(f, " %s", option_docs[k].synopsis);
    fputc('\n', f);
}

static void command_help(FILE *f, const command *c)
{
    fputs("usage: nis2 [--catalog FILE | --catalog-extend FILE] ", f);
    print_synopsis(f, c);
    fprintf(f, "\nnis2 %s: %s.\n%s\n\nOptions:\n", c->name, c->summary, c->description);
    for (size_t k = 0; k < sizeof option_docs / sizeof option_docs[0]; k++) {
        if (!(c->opts & option_docs[k].opt))
            continue;
        if (option_docs[k].opt == OPT_PART) {
            print_part_list(f);
            continue;
        }
        const char *syn = option_docs[k].synopsis;
        size_t n = strlen(syn);
        if (syn[0] == '[')                       /* "[--ndjson]" -> "--ndjson" */
            syn++, n -= 2;
        if (n > 15)                              /* a long option: its text on the next line */
            fprintf(f, "  %.*s\n                  %s\n", (int)n, syn, option_docs[k].help);
        else
            fprintf(f, "  %-15.*s %s\n", (int)n, syn, option_docs[k].help);
    }
    fputs("  -h, --help      print this help\n\n", f);
    fputs(global_options, f);
    fputc('\n', f);
    fputs(exit_codes, f);
    fprintf(f, "\nExample:\n  %s\n\nSee nis2(1).\n", c->example);
}

static void usage(FILE *f)
{
    fputs("usage: nis2 [--catalog FILE | --catalog-extend FILE] COMMAND [ARGS]\n", f);
    for (size_t c = 0; c < N_COMMANDS; c++) {
        fputs("  nis2 ", f);
        print_synopsis(f, &commands[c]);
    }
    fputs("  nis2 --version | --help | help [COMMAND]\n"
          "Reads standard input when FILE is absent or '-'. Exit codes: 0 ok, 1 invalid input, 2 usage, 3 internal.\n"
          "'nis2 COMMAND --help' explains a command.\n",
          f);
}

static void program_help(FILE *f)
{
    fputs("nis2 - classify entities under the NIS2 Directive (EU) 2022/2555 and national law, list their\n"
          "obligations, incident-reporting clocks and the gaps of an ISO/IEC 27001 ISMS.\n\n",
          f);
    usage(f);
    fputs("\nCommands:\n", f);
    for (size_t c = 0; c < N_COMMANDS; c++)
        fprintf(f, "  %-20s %s\n", commands[c].name, commands[c].summary);
    fputc('\n', f);
    fputs(global_options, f);
    fputc('\n', f);
    fputs(exit_codes, f);
    fputs("\nExample:\n  nis2 classify --pretty examples/data/hospital-pt.json\n\nSee nis2(1).\n", f);
}

static void list_commands(FILE *f)
{
    fputs("the commands are:", f);
    for (size_t c = 0; c < N_COMMANDS; c++)
        fprintf(f, "%s '%s'", c ? (c + 1 == N_COMMANDS ? " and" : ",") : "", commands[c].name);
    fputs(" ('nis2 --help' explains them)\n", f);
}

static int is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* Find the command at argv[i] (one word or two, "incident deadlines"); *consumed gets the words used. */
static const command *find_command(int argc, char **argv, int i, int *consumed)
{
    for (size_t c = 0; c < N_COMMANDS; c++) {
        const char *name = commands[c].name;
        const char *sp = strchr(name, ' ');
        if (!sp && strcmp(argv[i], name) == 0) {
            *consumed = 1;
            return &commands[c];
        }
        if (sp && i + 1 < argc && strncmp(argv[i], name, (size_t)(sp - name)) == 0 && argv[i][sp - name] == '\0' &&
            strcmp(argv[i + 1], sp + 1) == 0) {
            *consumed = 2;
            return &commands[c];
        }
    }
    return NULL;
}

/* "incident" alone, or "incident --help": the help of every command of the group (f NULL: count them only).
 * Returns how many there are. */
static size_t group_help(FILE *f, const char *word)
{
    size_t n = 0, len = strlen(word);
    for (size_t c = 0; c < N_COMMANDS; c++) {
        if (strncmp(commands[c].name, word, len) == 0 && commands[c].name[len] == ' ') {
            if (f && n)
                fputs("\n----\n\n", f);
            if (f)
                command_help(f, &commands[c]);
            n++;
        }
    }
    return n;
}

/* ---------------------------------------------------------------- running */

static int run_document(const nis2_ctx *ctx, json_fn fn, const char *path, int ndjson, uint32_t flags)
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
        nis2_status st = fn(ctx, buf, len, flags, &out, err);
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
    FILE *in = cli_open_input(path);
    if (!in) {
        nis2_error_free(err);
        return EXIT_INVALID_INPUT;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    errno = 0;
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
        nis2_status st = fn(ctx, line, len, flags & ~NIS2_JSON_PRETTY, &out, err);   /* one line per document */
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
        errno = 0;
    }
    if (ferror(in)) {
        cli_print_file_error(stderr, "cannot read", path, errno);
        if (rc < EXIT_INVALID_INPUT)
            rc = EXIT_INVALID_INPUT;
    }
    free(line);
    if (in != stdin)
        fclose(in);
    nis2_error_free(err);
    return rc;
}

static int unexpected(const command *cmd, const char *arg)
{
    fprintf(stderr, "nis2 %s: unexpected argument '%s' (the options are listed by 'nis2 %s --help')\n", cmd->name, arg,
            cmd->name);
    return EXIT_USAGE;
}

static int run_catalog(const nis2_ctx *ctx, const command *cmd, int argc, char **argv)
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
        else
            return unexpected(cmd, argv[i]);
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
static int run_export(const nis2_ctx *ctx, const command *cmd, int argc, char **argv)
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
        else
            return unexpected(cmd, argv[i]);
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

static int run_command(const nis2_ctx *ctx, const command *cmd, int argc, char **argv)
{
    const char *path = NULL;
    int ndjson = 0;
    uint32_t flags = 0;
    json_fn fn = cmd->fn;
    for (int a = 0; a < argc; a++) {
        if (strcmp(argv[a], "--ndjson") == 0 && (cmd->opts & OPT_NDJSON))
            ndjson = 1;
        else if (strcmp(argv[a], "--pretty") == 0 && (cmd->opts & OPT_PRETTY))
            flags |= NIS2_JSON_PRETTY;
        else if (strcmp(argv[a], "--no-trace") == 0 && (cmd->opts & OPT_NO_TRACE))
            flags |= NIS2_JSON_NO_TRACE;
        else if (strcmp(argv[a], "--format") == 0 && a + 1 < argc && (cmd->opts & OPT_FORMAT)) {
            const char *f = argv[++a];
            size_t k = 0;
            while (k < N_GAP_FORMATS && strcmp(f, gap_formats[k].name) != 0)
                k++;
            if (k == N_GAP_FORMATS) {
                fprintf(stderr, "nis2 %s: --format must be json, text, html, csv or oscal, not '%s'\n", cmd->name, f);
                return EXIT_USAGE;
            }
            fn = gap_formats[k].fn;
        } else if ((cmd->opts & OPT_FILE) && !path && (argv[a][0] != '-' || strcmp(argv[a], "-") == 0))
            path = argv[a];
        else
            return unexpected(cmd, argv[a]);
    }
    return run_document(ctx, fn, path, ndjson, flags);
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
            return cli_finish_output(0);
        } else if (is_help(argv[i])) {
            program_help(stdout);
            return cli_finish_output(0);
        } else if (strcmp(argv[i], "--catalog") == 0 || strcmp(argv[i], "--catalog-extend") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "nis2: %s needs a FILE\n", argv[i]);
                usage(stderr);
                return EXIT_USAGE;
            }
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
    if (strcmp(argv[i], "help") == 0) {                       /* nis2 help [COMMAND] */
        int used = 0;
        const command *c = i + 1 < argc ? find_command(argc, argv, i + 1, &used) : NULL;
        if (i + 1 >= argc)
            program_help(stdout);
        else if (c && i + 1 + used == argc)
            command_help(stdout, c);
        else if (i + 2 == argc && group_help(stdout, argv[i + 1]))
            ;
        else {
            fprintf(stderr, "nis2 help: unknown command '%s'; ", argv[i + 1]);
            list_commands(stderr);
            return EXIT_USAGE;
        }
        return cli_finish_output(0);
    }
    int consumed = 0;
    const command *cmd = find_command(argc, argv, i, &consumed);
    if (!cmd) {
        /* "incident" alone or "incident --help": the group's commands */
        if (i + 1 >= argc || is_help(argv[i + 1])) {
            FILE *f = i + 1 < argc ? stdout : stderr;
            if (group_help(f, argv[i]))
                return i + 1 < argc ? cli_finish_output(0) : EXIT_USAGE;
        }
        fprintf(stderr, "nis2: unknown command '%s", argv[i]);
        if (i + 1 < argc && argv[i + 1][0] != '-' && group_help(NULL, argv[i]))
            fprintf(stderr, " %s", argv[i + 1]);
        fputs("'; ", stderr);
        list_commands(stderr);
        return EXIT_USAGE;
    }
    for (int a = i + consumed; a < argc; a++) {
        if (is_help(argv[a])) {
            command_help(stdout, cmd);
            return cli_finish_output(0);
        }
    }

    nis2_ctx *ctx = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = catalog ? nis2_ctx_new_from_file(&ctx, catalog, catalog_flags, err) : nis2_ctx_new(&ctx, err);
    if (st) {
        cli_print_error_file(stderr, err, catalog);
        nis2_error_free(err);
        return EXIT_INTERNAL;
    }
    nis2_error_free(err);

    int rc = cmd->run ? cmd->run(ctx, cmd, argc - i - consumed, argv + i + consumed)
                      : run_command(ctx, cmd, argc - i - consumed, argv + i + consumed);
    nis2_ctx_free(ctx);
    return cli_finish_output(rc);
}
