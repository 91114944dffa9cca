/* SPDX-License-Identifier: Apache-2.0 */
/* Layer compile: the loader kit. One path stack, typed field readers and one failure formatter for every reader
 * of a JSON document (catalog parts, overlays, and the input documents of the JSON edge), so that every defect
 * names its JSON path the same way: "<prefix>: $.obligations[3].deadline: expected …".
 *
 * A reader is sticky: after the first failure every further read returns "absent" and the first error stays in
 * R->err, so a loader may read a whole object and check R->st once. Readers never allocate. */
#ifndef NIS2I_READER_H
#define NIS2I_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compile/json_parse.h"

#define NIS2I_READER_DEPTH 48

typedef struct nis2i_reader {
    nis2_error *err;             /* may be NULL: failures are still sticky */
    nis2_status st;              /* NIS2_OK until the first failure */
    nis2_status code;            /* the status a field defect gives (NIS2_ERR_CATALOG for catalogs) */
    const char *prefix;          /* "catalog" or NULL: put before the path in messages */
    char path[512];
    size_t len;
    size_t marks[NIS2I_READER_DEPTH];
    size_t depth;
    bool truncated;              /* the path did not fit: messages still name its start */
} nis2i_reader;

/* root: the path of the document's root ("$", "$.national.PT", "$.overlays[0]"). code: the status of a field
 * defect (NIS2_ERR_CATALOG for catalogs; NIS2_ERR_INVALID_FIELD for inputs, whose readers pass their own code
 * where it differs). */
void nis2i_rd_init(nis2i_reader *R, nis2_error *err, nis2_status code, const char *prefix, const char *root);
/* Start again at root ("$.sme_thresholds.micro"): the stack is emptied. */
void nis2i_rd_set(nis2i_reader *R, const char *root);
/* Start again at base[i] ("$.obligations[3]"). */
void nis2i_rd_set_index(nis2i_reader *R, const char *base, size_t i);
/* Path stack: push ".key" or "[i]", pop back to before the last push. */
void nis2i_rd_push_key(nis2i_reader *R, const char *key);
void nis2i_rd_push_index(nis2i_reader *R, size_t i);
void nis2i_rd_pop(nis2i_reader *R);
/* The current path ("$.a.b[2]"). */
const char *nis2i_rd_path(const nis2i_reader *R);

/* The one failure formatter: records "<prefix>: <path>: <message>" (or "<path>: <message>") with the path, and
 * returns the status. key (may be NULL) is appended to the path for this message only. Sticky: a second failure
 * keeps the first. */
nis2_status nis2i_rd_fail(nis2i_reader *R, nis2_status code, const char *key, const char *fmt, ...)
    NIS2I_PRINTF(4, 5);
/* The same formatter with a form of util/error.h: NIS2I_FORM_AT "<prefix>: <path>: <message>", NIS2I_FORM_THEN
 * "<prefix>: <path> <message>", NIS2I_FORM_BARE "<prefix>: <message>" (the path recorded, not repeated). */
nis2_status nis2i_rd_failf(nis2i_reader *R, nis2_status code, nis2i_fail_form form, const char *fmt, ...)
    NIS2I_PRINTF(4, 5);
/* nis2i_rd_failf(R, R->code, NIS2I_FORM_AT, …): "<prefix>: <path>: <message>", the status of a field defect. */
nis2_status nis2i_rd_bad(nis2i_reader *R, const char *fmt, ...) NIS2I_PRINTF(2, 3);
/* Out of memory (no path: nis2i_nomem()). */
nis2_status nis2i_rd_nomem(nis2i_reader *R);
/* Return NIS2_ERR_NOMEM from the calling function when p is NULL. */
#define NIS2I_CHECK_ALLOC(R, p)                                                                                  \
    do {                                                                                                        \
        if (!(p))                                                                                               \
            return nis2i_rd_nomem(R);                                                                           \
    } while (0)

/* Field readers: obj must be an object. required: an absent (or null) field is a failure; else it gives the
 * default / NULL and no failure. A present field of the wrong type or out of range is always a failure. */
const char *nis2i_rd_str(nis2i_reader *R, const json_t *obj, const char *key, bool required);
bool nis2i_rd_bool(nis2i_reader *R, const json_t *obj, const char *key, bool dflt);
/* A finite number within [min, max]; *out untouched when absent. Returns true when a value was read. */
bool nis2i_rd_num(nis2i_reader *R, const json_t *obj, const char *key, double min, double max, bool required,
                  double *out);
/* A date "YYYY-MM-DD" (a real calendar day); *days is days since 1970-01-01. True when read. */
bool nis2i_rd_date(nis2i_reader *R, const json_t *obj, const char *key, bool required, int32_t *days);
/* One of names (NULL-terminated): its index, or -1 when absent or bad (the message lists every name). */
int nis2i_rd_enum(nis2i_reader *R, const json_t *obj, const char *key, const char *const *names, bool required);
const json_t *nis2i_rd_array(nis2i_reader *R, const json_t *obj, const char *key, bool required);
const json_t *nis2i_rd_object(nis2i_reader *R, const json_t *obj, const char *key, bool required);
/* Every element of the array at obj.key is a non-empty string (the array may be absent unless required); the
 * count of elements, or -1 on a failure. */
long nis2i_rd_codes(nis2i_reader *R, const json_t *obj, const char *key, bool required);
/* Every key of obj is in keys (NULL-terminated) or starts with x_; else NIS2_ERR_UNKNOWN_KEY naming the key and
 * listing every expected key. */
bool nis2i_rd_keys(nis2i_reader *R, const json_t *obj, const char *const *keys);

/* Field readers in the catalog's "field" wording: a failure names the object's path (not the field's) and says
 *   "field '<key>' must be a non-empty string" / "field '<key>' must be a number >= 0"
 * with " or null" after it under NIS2I_FIELD_SAY_NULL. NIS2I_FIELD_NULLABLE: an absent or null field gives NULL
 * (or *out = -1) and no failure. NIS2I_FIELD_SAY_REQUIRED: an absent or null field (not nullable) says
 * "field '<key>' is required (a non-empty string)" instead. NULL / false after a failure (R->st says which). */
enum { NIS2I_FIELD_REQUIRED = 0, NIS2I_FIELD_NULLABLE = 1, NIS2I_FIELD_SAY_NULL = 2, NIS2I_FIELD_SAY_REQUIRED = 4 };
const char *nis2i_rd_field_str(nis2i_reader *R, const json_t *obj, const char *key, unsigned flags);
bool nis2i_rd_field_num(nis2i_reader *R, const json_t *obj, const char *key, unsigned flags, double *out);

/* Days since 1970-01-01 of a proleptic Gregorian date; false when it is not a real day. */
bool nis2i_civil_days(int y, int m, int d, int32_t *days);

#endif
