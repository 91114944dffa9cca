/* SPDX-License-Identifier: Apache-2.0 */
#include "cli_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int is_stdin(const char *path)
{
    return !path || strcmp(path, "-") == 0;
}

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

void cli_print_file_error(FILE *f, const char *what, const char *path, int errnum)
{
    const char *name = is_stdin(path) ? "standard input" : path;
    char msg[1024];
    snprintf(msg, sizeof msg, "%s '%s': %s", what, name, errnum ? strerror(errnum) : "input/output error");
    fputs("{\"error\": {\"code\": \"io_error\", \"path\": \"\", \"message\": ", f);
    put_json_string(f, msg);
    fputs(", \"file\": ", f);
    put_json_string(f, is_stdin(path) ? "-" : path);
    fputs("}}\n", f);
}

FILE *cli_open_input(const char *path)
{
    if (is_stdin(path))
        return stdin;
    FILE *f = fopen(path, "rb");
    if (!f)
        cli_print_file_error(stderr, "cannot open", path, errno);
    return f;
}

char *cli_read_all(const char *path, size_t *len)
{
    FILE *f = cli_open_input(path);
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    int read_errno = 0;
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        errno = 0;
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) {
            if (ferror(f))
                read_errno = errno ? errno : EIO;   /* e.g. EISDIR: fopen() opens a directory, reading fails */
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    if (!buf) {
        fprintf(stderr, "{\"error\": {\"code\": \"out_of_memory\", \"path\": \"\", \"message\": \"out of memory\"}}\n");
        return NULL;
    }
    if (read_errno) {
        cli_print_file_error(stderr, "cannot read", path, read_errno);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void print_error(FILE *f, const nis2_error *err, long line, const char *file)
{
    fputs("{\"error\": {\"code\": ", f);
    put_json_string(f, nis2_status_name(nis2_error_code(err)));
    fputs(", \"path\": ", f);
    put_json_string(f, nis2_error_path(err));
    fputs(", \"message\": ", f);
    put_json_string(f, nis2_error_message(err));
    if (file) {
        fputs(", \"file\": ", f);
        put_json_string(f, file);
    }
    if (line > 0)
        fprintf(f, ", \"line\": %ld", line);
    fputs("}}\n", f);
}

void cli_print_error(FILE *f, const nis2_error *err, long line)
{
    print_error(f, err, line, NULL);
}

void cli_print_error_file(FILE *f, const nis2_error *err, const char *file)
{
    print_error(f, err, 0, file);
}

int cli_exit_code(nis2_status st)
{
    switch (st) {
    case NIS2_ERR_PARSE:
    case NIS2_ERR_INVALID_FIELD:
    case NIS2_ERR_UNKNOWN_KEY:
    case NIS2_ERR_UNKNOWN_CODE:
    case NIS2_ERR_MISSING_FIELD:
    case NIS2_ERR_LIMIT:
    case NIS2_ERR_IO:
        return EXIT_INVALID_INPUT;
    default:
        return EXIT_INTERNAL;
    }
}

int cli_finish_output(int rc)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno ? errno : EIO;
        char msg[256];
        snprintf(msg, sizeof msg, "cannot write 'standard output': %s", strerror(e));
        fputs("{\"error\": {\"code\": \"io_error\", \"path\": \"\", \"message\": ", stderr);
        put_json_string(stderr, msg);
        fputs(", \"file\": \"-\"}}\n", stderr);
        return EXIT_INTERNAL;
    }
    return rc;
}
