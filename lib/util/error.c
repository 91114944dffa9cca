/* SPDX-License-Identifier: Apache-2.0 */
/* Error model: status codes, their names, and the caller-owned error object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "util/error.h"
#include "util/utf8.h"

nis2_error *nis2_error_new(void)
{
    return calloc(1, sizeof(nis2_error));
}

void nis2_error_free(nis2_error *err)
{
    free(err);
}

void nis2_error_clear(nis2_error *err)
{
    if (err) {
        err->code = NIS2_OK;
        err->path[0] = '\0';
        err->message[0] = '\0';
    }
}

uint32_t nis2_error_code(const nis2_error *err)
{
    return err ? err->code : NIS2_OK;
}

const char *nis2_error_message(const nis2_error *err)
{
    return err ? err->message : "";
}

const char *nis2_error_path(const nis2_error *err)
{
    return err ? err->path : "";
}

static const struct {
    const char *name, *text;
} status_table[] = {
    [NIS2_OK] = {"ok", "success"},
    [NIS2_ERR_INVALID_ARG] = {"invalid_argument", "invalid argument"},
    [NIS2_ERR_NOMEM] = {"out_of_memory", "out of memory"},
    [NIS2_ERR_PARSE] = {"parse_error", "malformed JSON"},
    [NIS2_ERR_INVALID_FIELD] = {"invalid_field", "a field has a wrong type or value"},
    [NIS2_ERR_UNKNOWN_KEY] = {"unknown_key", "unknown key"},
    [NIS2_ERR_UNKNOWN_CODE] = {"unknown_code", "unknown code"},
    [NIS2_ERR_MISSING_FIELD] = {"missing_field", "a required field is missing"},
    [NIS2_ERR_IO] = {"io_error", "input/output error"},
    [NIS2_ERR_CATALOG] = {"catalog_error", "invalid catalog"},
    [NIS2_ERR_LIMIT] = {"limit_exceeded", "an input limit was exceeded"},
    [NIS2_ERR_UNSUPPORTED] = {"unsupported", "not supported"},
    [NIS2_ERR_NOT_FOUND] = {"not_found", "not found"},
    [NIS2_ERR_INTERNAL] = {"internal_error", "internal error"},
};

const char *nis2_strerror(uint32_t status)
{
    if (status < sizeof status_table / sizeof status_table[0])
        return status_table[status].text;
    return "unknown error";
}

const char *nis2_status_name(uint32_t status)
{
    if (status < sizeof status_table / sizeof status_table[0])
        return status_table[status].name;
    return "error";
}

nis2_status nis2i_fail(nis2_error *err, nis2_status code, const char *path, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    if (path != err->path)
        snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    /* Quoted input cut by a precision or by the buffer may end inside a UTF-8 sequence: the error texts go
     * into JSON error objects, so they stay valid UTF-8. */
    nis2i_utf8_repair(err->path);
    nis2i_utf8_repair(err->message);
    return code;
}

nis2_status nis2i_fail_atv(nis2_error *err, nis2_status code, const char *prefix, const char *path,
                           nis2i_fail_form form, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    char msg[400];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char *p = path ? path : "$";
    const char *pre = prefix ? prefix : "", *colon = prefix ? ": " : "";
    if (form == NIS2I_FORM_BARE)
        return nis2i_fail(err, code, path, "%s%s%s", pre, colon, msg);
    return nis2i_fail(err, code, path, "%s%s%s%s%s", pre, colon, p, form == NIS2I_FORM_THEN ? " " : ": ", msg);
}

nis2_status nis2i_fail_at(nis2_error *err, nis2_status code, const char *prefix, const char *path,
                          nis2i_fail_form form, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis2_status st = nis2i_fail_atv(err, code, prefix, path, form, fmt, ap);
    va_end(ap);
    return st;
}

nis2_status nis2i_catalog_failv(nis2_error *err, const char *path, const char *fmt, va_list ap)
{
    return nis2i_fail_atv(err, NIS2_ERR_CATALOG, "catalog", path, NIS2I_FORM_AT, fmt, ap);
}

nis2_status nis2i_nomem(nis2_error *err)
{
    return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
}

void nis2_string_free(char *s)
{
    free(s);
}

const char *nis2_version_string(void)
{
    return NIS2_VERSION_STRING;
}

uint32_t nis2_version_number(void)
{
    return NIS2_VERSION_NUMBER;
}

uint32_t nis2_abi_version(void)
{
    return NIS2_SOVERSION;
}
