/* SPDX-License-Identifier: Apache-2.0 */
#include "cli_util.h"

#include <stdlib.h>
#include <string.h>

char *cli_read_all(const char *path, size_t *len)
{
    FILE *f = (!path || strcmp(path, "-") == 0) ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "{\"error\": {\"code\": \"io_error\", \"path\": \"\", \"message\": \"cannot open input file\"}}\n");
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
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
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    if (f != stdin)
        fclose(f);
    if (!buf) {
        fprintf(stderr, "{\"error\": {\"code\": \"out_of_memory\", \"path\": \"\", \"message\": \"out of memory\"}}\n");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
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

void cli_print_error(FILE *f, const nis2_error *err, long line)
{
    fputs("{\"error\": {\"code\": ", f);
    put_json_string(f, nis2_status_name(nis2_error_code(err)));
    fputs(", \"path\": ", f);
    put_json_string(f, nis2_error_path(err));
    fputs(", \"message\": ", f);
    put_json_string(f, nis2_error_message(err));
    if (line > 0)
        fprintf(f, ", \"line\": %ld", line);
    fputs("}}\n", f);
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
