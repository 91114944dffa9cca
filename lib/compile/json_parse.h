/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the one strict JSON parse point (limits, paths) and typed field readers; the JSON edge uses it too. */
#ifndef NIS2I_JSON_PARSE_H
#define NIS2I_JSON_PARSE_H

#include <jansson.h>

#include "util/error.h"

#define NIS2I_MAX_DOC_BYTES NIS2_LIMIT_DOCUMENT_BYTES
/* Input limits (NIS2_LIMIT_* in common.h; README "Input limits"). Read-only tables. */
typedef struct nis2i_json_limits {
    size_t doc_bytes, depth, array_len, string_bytes, values;
} nis2i_json_limits;
extern const nis2i_json_limits nis2i_input_limits;    /* entities, incidents, evidence: customer documents */
extern const nis2i_json_limits nis2i_catalog_limits;  /* catalogs and overlays: longer strings */
/* THE parse point for every JSON document that enters the library. Parse strictly: the limits are checked in
 * one pass first (NIS2_ERR_LIMIT), then duplicate keys, NaN/Infinity, out-of-range numbers, NUL characters,
 * invalid UTF-8, non-object top level and syntax errors give NIS2_ERR_PARSE. Every error names the JSON path.
 * nis2i_json_parse() uses the input limits and the root path "$". */
nis2_status nis2i_json_parse(const char *text, size_t len, json_t **out, nis2_error *err);
/* base: the path of the document's root (e.g. "$.national.PT" for a sub-document); NULL means "$". */
nis2_status nis2i_json_parse_ex(const char *text, size_t len, const nis2i_json_limits *lim, const char *base,
                                json_t **out, nis2_error *err);
/* compile/json_scan.c: the limit pass, and the path of the value at a byte offset (for parse errors). */
nis2_status nis2i_json_prescan(const char *text, size_t len, const nis2i_json_limits *lim, const char *base,
                               nis2_error *err);
void nis2i_json_path_at(const char *text, size_t len, size_t pos, const char *base, char *out, size_t n);
/* Read a number field within [min, max]: NIS2_ERR_INVALID_FIELD naming path when it is not a number or is out of
 * range ("numbers too large for their field"). */
nis2_status nis2i_json_number(const json_t *v, const char *path, double min, double max, double *out,
                              nis2_error *err);
/* Dump a value to an owned string with the library's flags. */
nis2_status nis2i_json_dump(const json_t *v, uint32_t flags, char **out, nis2_error *err);
/* "an object", "a number" … for messages. */
const char *nis2i_json_type_name(const json_t *v);
/* Every key of obj is in keys (NULL-terminated) or starts with x_; else NIS2_ERR_UNKNOWN_KEY at base.key, with a
 * message listing the expected keys. */
nis2_status nis2i_json_check_keys(const json_t *obj, const char *const *keys, const char *base, nis2_error *err);

#endif
