/* SPDX-License-Identifier: Apache-2.0 */
/* Shared helpers of the nis2 command-line tool (not part of the library). */
#ifndef NIS2_CLI_UTIL_H
#define NIS2_CLI_UTIL_H

#include <stdio.h>

#include <nis2/nis2.h>

enum { EXIT_INVALID_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

/* Open an input file ("-" or NULL = standard input). NULL on failure, after an io_error object on stderr that
 * names the file and the system's reason. */
FILE *cli_open_input(const char *path);
/* Read a whole file ("-" or NULL = standard input). Returns a malloc'd buffer or NULL (message on stderr). */
char *cli_read_all(const char *path, size_t *len);
/* Print {"error": {"code": "io_error", "path": "", "message": "WHAT 'FILE': REASON", "file": FILE}} (errnum:
 * an errno value, its strerror() is the reason). */
void cli_print_file_error(FILE *f, const char *what, const char *path, int errnum);
/* Print {"error": {...}} for err to stream f, one line. */
void cli_print_error(FILE *f, const nis2_error *err, long line);
/* The same, with "file": FILE when file is not NULL (an error in a file the tool was given, e.g. the catalog). */
void cli_print_error_file(FILE *f, const nis2_error *err, const char *file);
/* Exit code for a failed status. */
int cli_exit_code(nis2_status st);
/* Flush standard output; when it cannot be written (a full disk, a closed pipe), say so on stderr and return
 * EXIT_INTERNAL, else rc. */
int cli_finish_output(int rc);

#endif
