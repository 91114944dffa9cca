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

/* The one failure formatter of the loaders (compile/reader.h calls it): records path and code, and the message
 *   NIS2I_FORM_AT    "<prefix>: <path>: <message>"   (the usual form)
 *   NIS2I_FORM_THEN  "<prefix>: <path> <message>"    (a message that continues the path: "$.x must be an array")
 *   NIS2I_FORM_BARE  "<prefix>: <message>"           (the path is recorded but not repeated in the message)
 * without "<prefix>: " when prefix is NULL. The message is cut at 399 bytes before the prefix and path go in front.
 * path NULL: the message says "$" and the recorded path is empty. */
typedef enum { NIS2I_FORM_AT, NIS2I_FORM_THEN, NIS2I_FORM_BARE } nis2i_fail_form;
nis2_status nis2i_fail_atv(nis2_error *err, nis2_status code, const char *prefix, const char *path,
                           nis2i_fail_form form, const char *fmt, va_list ap);
nis2_status nis2i_fail_at(nis2_error *err, nis2_status code, const char *prefix, const char *path,
                          nis2i_fail_form form, const char *fmt, ...) NIS2I_PRINTF(6, 7);
/* NIS2_ERR_CATALOG with "catalog: <path>: <message>": nis2i_fail_atv(err, NIS2_ERR_CATALOG, "catalog", path, AT). */
nis2_status nis2i_catalog_failv(nis2_error *err, const char *path, const char *fmt, va_list ap);
/* The out-of-memory failure (NIS2_ERR_NOMEM, no path, "out of memory"): every out-of-memory path says it so. */
nis2_status nis2i_nomem(nis2_error *err);

#endif
