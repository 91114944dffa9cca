/* SPDX-License-Identifier: Apache-2.0 */
/* Test helper: read a vector file from tests/vectors/ (directory in $NIS2_VECTORS). */
#ifndef NIS2_TEST_VECTORS_H
#define NIS2_TEST_VECTORS_H
#include <jansson.h>
#include <nis2/nis2.h>

json_t *vectors_load(const char *file);           /* aborts the test on failure */
nis2_ctx *test_ctx(void);                          /* the embedded catalog, shared per test process */
/* Classify entity JSON (a jansson value) and return the result JSON as a jansson value (caller decrefs). */
json_t *classify_value(nis2_ctx *ctx, json_t *entity, char **errmsg);
/* Compare one expected case; returns NULL when it holds, else a malloc'd description. */
char *vectors_check_case(nis2_ctx *ctx, const json_t *c);
/* The "name" and "version" every catalog extension needs (NIS2_CATALOG_EXTEND), to open a test extension:
 * "{" TEST_EXT_ID "\"entity_types\": […]}". */
#define TEST_EXT_ID "\"name\": \"test-extension\", \"version\": \"1\", "
#endif
