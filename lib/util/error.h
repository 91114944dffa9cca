/* SPDX-License-Identifier: Apache-2.0 */
/* Layer util: the error object behind nis2_error and the one failure formatter. */
#ifndef NIS2I_ERROR_H
#define NIS2I_ERROR_H

#include <stdarg.h>
#include <stdint.h>

#include "nis2/nis2.h"
#include "util/util.h"

/* ---- errors (core/error.c) ---- */
struct nis2_error {
    uint32_t code;
    char path[256];
    char message[1024];          /* room for a complete list of alternatives (nis2_error is opaque) */
};
/* Record a failure in err (may be NULL) and return code. path may be NULL. */
nis2_status nis2i_fail(nis2_error *err, nis2_status code, const char *path, const char *fmt, ...)
    NIS2I_PRINTF(4, 5);

/* NIS2_ERR_CATALOG with "catalog: <path>: <message>" (the loaders of every catalog part use it). */
nis2_status nis2i_catalog_failv(nis2_error *err, const char *path, const char *fmt, va_list ap);

#endif
