/* SPDX-License-Identifier: Apache-2.0 */
/* Shared helpers of the nis2 command-line tool (not part of the library). */
#ifndef NIS2_CLI_UTIL_H
#define NIS2_CLI_UTIL_H

#include <stdio.h>

#include <nis2/nis2.h>

enum { EXIT_INVALID_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

/* Read a whole file ("-" or NULL = standard input). Returns a malloc'd buffer or NULL (message on stderr). */
char *cli_read_all(const char *path, size_t *len);
/* Print {"error": {...}} for err to stream f, one line. */
void cli_print_error(FILE *f, const nis2_error *err, long line);
/* Exit code for a failed status. */
int cli_exit_code(nis2_status st);

#endif
