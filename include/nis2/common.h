/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libnis2 — common definitions: export macro, status codes, the error object, owned strings, versions.
 *
 * Conventions used in every header of libnis2:
 *  - Functions that can fail return an nis2_status and take an `nis2_error *err` as their last argument.
 *    `err` may be NULL; when it is not, a failing call fills it with the status, a JSON path or field name
 *    and a one-line message naming what was expected. A successful call leaves it untouched.
 *  - Objects are opaque and created by the library; each has one free function that accepts NULL.
 *  - A `const char *` returned by a getter is BORROWED: it lives as long as the object it came from.
 *    A `char **out` filled by the library is OWNED by the caller: release it with nis2_string_free().
 *  - Enumerations and flags cross the ABI as uint32_t; enumerators have fixed values that never change.
 *  - Nothing in libnis2 prints, exits, aborts, reads the locale, or keeps global mutable state.
 */
#ifndef NIS2_COMMON_H
#define NIS2_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <nis2/version.h>

#if defined(_WIN32) && defined(NIS2_BUILDING)
#  define NIS2_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define NIS2_API __attribute__((visibility("default")))
#else
#  define NIS2_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes. Values are fixed forever; new codes are only appended. 0 is success. */
typedef enum nis2_status {
    NIS2_OK = 0,
    NIS2_ERR_INVALID_ARG = 1,     /**< a NULL or out-of-range argument to a C function ("invalid_argument") */
    NIS2_ERR_NOMEM = 2,           /**< memory allocation failed ("out_of_memory") */
    NIS2_ERR_PARSE = 3,           /**< the text is not well-formed JSON ("parse_error") */
    NIS2_ERR_INVALID_FIELD = 4,   /**< a field has the wrong type or value ("invalid_field") */
    NIS2_ERR_UNKNOWN_KEY = 5,     /**< an object has a key the format does not define ("unknown_key") */
    NIS2_ERR_UNKNOWN_CODE = 6,    /**< an entity-type code, country, id or control is not in the catalog ("unknown_code") */
    NIS2_ERR_MISSING_FIELD = 7,   /**< a required field is absent ("missing_field") */
    NIS2_ERR_IO = 8,              /**< a file could not be read ("io_error") */
    NIS2_ERR_CATALOG = 9,         /**< the catalog is invalid: bad entry, dangling reference, duplicate ("catalog_error") */
    NIS2_ERR_LIMIT = 10,          /**< an input exceeds a documented limit ("limit_exceeded") */
    NIS2_ERR_UNSUPPORTED = 11,    /**< the operation or value is not supported by this version ("unsupported") */
    NIS2_ERR_NOT_FOUND = 12,      /**< a looked-up item does not exist ("not_found") */
    NIS2_ERR_INTERNAL = 13        /**< a bug in libnis2 ("internal_error") */
} nis2_status;

/** Error details: status, JSON path (e.g. "$.activities[1]") and message. Caller-owned; reusable. */
typedef struct nis2_error nis2_error;

/** Allocate an empty error object. Returns NULL only when out of memory. Free with nis2_error_free(). */
NIS2_API nis2_error *nis2_error_new(void);
/** Free an error object. NULL is a no-op. */
NIS2_API void nis2_error_free(nis2_error *err);
/** Reset to NIS2_OK with empty path and message. NULL is a no-op. */
NIS2_API void nis2_error_clear(nis2_error *err);
/** The status of the last failure recorded in err (NIS2_OK when none or err is NULL). */
NIS2_API uint32_t nis2_error_code(const nis2_error *err);
/** One-line message of the last failure, "" when none. Borrowed from err. Never NULL. */
NIS2_API const char *nis2_error_message(const nis2_error *err);
/** JSON path of the offending field ("$.employees"), or "" when the error concerns no field. Never NULL. */
NIS2_API const char *nis2_error_path(const nis2_error *err);

/** Static English description of a status code. Never NULL, also for unknown codes. */
NIS2_API const char *nis2_strerror(uint32_t status);
/** Static machine name of a status, as used in JSON error objects ("invalid_field"). Never NULL. */
NIS2_API const char *nis2_status_name(uint32_t status);

/** Release a string the library handed over through a `char **out`. NULL is a no-op. */
NIS2_API void nis2_string_free(char *s);

/** Run-time library version, e.g. "0.1.0". Static, never NULL. */
NIS2_API const char *nis2_version_string(void);
/** Run-time version as MAJOR * 10000 + MINOR * 100 + PATCH. */
NIS2_API uint32_t nis2_version_number(void);
/** Run-time ABI major (the soname number). A binding checks it before use. */
NIS2_API uint32_t nis2_abi_version(void);

/** Flags for functions that produce JSON text. */
#define NIS2_JSON_PRETTY 0x1u  /**< indent with two spaces; default is one compact line */
#define NIS2_JSON_NO_TRACE 0x2u /**< nis2_classify_json only: classify without the reasoning trace (bulk screening);
                                     the verdicts are the same, "reasons" is an empty array */

/**
 * Input limits of every function that reads JSON text (README, "Input limits"). A document beyond one of them
 * is rejected with NIS2_ERR_LIMIT and the JSON path of the offending value, before anything is allocated for
 * it. The values may grow in a later release, never shrink.
 */
#define NIS2_LIMIT_DOCUMENT_BYTES (16u * 1024u * 1024u) /**< size of one JSON document */
#define NIS2_LIMIT_DEPTH          32u      /**< nesting of arrays and objects; the top-level object is depth 1 */
#define NIS2_LIMIT_ARRAY_LENGTH   100000u  /**< elements of one array, and members of one object */
#define NIS2_LIMIT_STRING_BYTES   4096u    /**< one string or object key, in UTF-8 bytes after unescaping */
#define NIS2_LIMIT_VALUES         1000000u /**< values (scalars, arrays, objects) in one document */
#define NIS2_LIMIT_ACTIVITIES     256u     /**< distinct activities of one entity */
#define NIS2_LIMIT_CATALOG_STRING_BYTES 65536u /**< one string in a catalog document (legal texts are long) */

#ifdef __cplusplus
}
#endif
#endif /* NIS2_COMMON_H */
