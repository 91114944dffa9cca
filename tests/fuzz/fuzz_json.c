/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer harness for the JSON entry points of libnis2 (README, "Fuzzing").
 *
 * One source, one executable per entry point: tests/fuzz/meson.build compiles this file once per line of its
 * `fuzz_targets` table with -DFUZZ_FN=<function>. FUZZ_FN is any function with the signature of
 * nis2_classify_json() — `nis2_status f(const nis2_ctx *, const char *json, size_t len, uint32_t flags,
 * char **out_json, nis2_error *)` — either a public one (nis2_classify_json, nis2_gap_report_json, …) or one of
 * the adapters below for entry points of another shape.
 *
 * Besides the sanitizers, every run checks the error contract: a failure sets a status, leaves *out_json NULL,
 * names a path that is "" or starts with '$', and gives a message of valid UTF-8; a success gives valid JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <nis2/nis2.h>

#ifndef FUZZ_FN
#  error "compile with -DFUZZ_FN=<entry point>"
#endif

#define UNUSED __attribute__((unused))

static nis2_ctx *ctx;            /* the embedded catalog, built once per process (harness-only state) */

static void check(int cond, const char *what)
{
    if (!cond) {
        (void)what;              /* visible in the debugger; libFuzzer reports the crash and the input */
        abort();
    }
}

/* ---- adapters: entry points that are not "JSON text in, JSON text out" ---- */

/* nis2_ctx_new_from_json, replacing the embedded catalog; the result is exported. */
UNUSED static nis2_status fuzz_catalog_replace(const nis2_ctx *c, const char *json, size_t len, uint32_t flags,
                                               char **out, nis2_error *err)
{
    (void)c;
    nis2_ctx *c2 = NULL;
    nis2_status st = nis2_ctx_new_from_json(&c2, json, len, NIS2_CATALOG_REPLACE, err);
    if (st == NIS2_OK) {
        st = nis2_ctx_catalog_json(c2, NULL, flags, out, err);
        nis2_ctx_free(c2);
    }
    return st;
}

/* nis2_ctx_new_from_json laid over the embedded catalog; a sample entity is classified with the result. */
UNUSED static nis2_status fuzz_catalog_extend(const nis2_ctx *c, const char *json, size_t len, uint32_t flags,
                                              char **out, nis2_error *err)
{
    (void)c;
    nis2_ctx *c2 = NULL;
    nis2_status st = nis2_ctx_new_from_json(&c2, json, len, NIS2_CATALOG_EXTEND, err);
    if (st == NIS2_OK) {
        static const char ent[] = "{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"],"
                                  " \"employees\": 60, \"turnover_eur\": 12000000.5}";
        st = nis2_classify_json(c2, ent, sizeof ent - 1, flags, out, err);
        nis2_ctx_free(c2);
    }
    return st;
}

/* Import of mappings from other GRC tools (OSCAL mapping-collection JSON, CISO Assistant YAML) laid over the
 * embedded catalog; the result's mapping graph is exported as an OSCAL mapping-collection. */
UNUSED static nis2_status fuzz_exchange_import(const nis2_ctx *c, const char *json, size_t len, uint32_t flags,
                                               char **out, nis2_error *err)
{
    (void)c;
    nis2_ctx *c2 = NULL;
    nis2_status st = nis2_ctx_new_from_json(&c2, json, len, NIS2_CATALOG_EXTEND, err);
    if (st == NIS2_OK) {
        st = nis2_export(c2, NIS2_EXPORT_OSCAL_MAPPING, NULL, flags, out, err);
        nis2_ctx_free(c2);
    }
    return st;
}

/* nis2_entity_set_national_json for Portugal (the overlay with rules): a NUL-terminated copy of the input. */
UNUSED static nis2_status fuzz_national_pt(const nis2_ctx *c, const char *json, size_t len, uint32_t flags,
                                           char **out, nis2_error *err)
{
    const char *nul = memchr(json, '\0', len);
    if (nul)
        len = (size_t)(nul - json);    /* a C string ends at its first NUL */
    char *text = malloc(len + 1);
    if (!text)
        return NIS2_ERR_NOMEM;
    memcpy(text, json, len);
    text[len] = '\0';
    nis2_entity *e = NULL;
    nis2_status st = nis2_entity_new(c, &e, err);
    if (!st)
        st = nis2_entity_set_country(e, "PT", err);
    if (!st)
        st = nis2_entity_add_activity(e, "pt.public_administration.state_direct", err);
    if (!st)
        st = nis2_entity_set_national_json(e, "PT", text, err);
    if (!st) {
        nis2_result *r = NULL;
        st = nis2_classify(c, e, &r, err);
        if (!st)
            st = nis2_result_to_json(r, flags, out, err);
        nis2_result_free(r);
    }
    nis2_entity_free(e);
    free(text);
    return st;
}

/* nis2_entity_from_json with a round trip: an entity that parses serialises to JSON that parses again and
 * classifies to the same result. */
UNUSED static nis2_status fuzz_entity_roundtrip(const nis2_ctx *c, const char *json, size_t len, uint32_t flags,
                                                char **out, nis2_error *err)
{
    nis2_entity *e = NULL;
    nis2_status st = nis2_entity_from_json(c, json, len, &e, err);
    if (st)
        return st;
    char *again = NULL, *out2 = NULL;
    nis2_result *r = NULL;
    check(nis2_entity_to_json(e, 0, &again, NULL) == NIS2_OK, "entity serialises");
    st = nis2_classify(c, e, &r, err);
    if (st == NIS2_OK) {
        check(nis2_result_to_json(r, flags, out, NULL) == NIS2_OK, "result serialises");
        check(nis2_classify_json(c, again, strlen(again), flags, &out2, NULL) == NIS2_OK, "round trip parses");
        check(strcmp(*out, out2) == 0, "round trip classifies the same");
    }
    nis2_result_free(r);
    nis2_string_free(out2);
    nis2_string_free(again);
    nis2_entity_free(e);
    return st;
}

/* ---- the harness ---- */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (nis2_ctx_new(&ctx, NULL) != NIS2_OK)
        abort();
    return 0;
}

static int utf8_ok(const char *s)
{
    json_t *j = json_string(s);  /* jansson checks UTF-8 */
    json_decref(j);
    return j != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nis2_error *err = nis2_error_new();
    if (!err)
        return 0;
    char *out = NULL;
    uint32_t flags = (size & 1) ? NIS2_JSON_PRETTY : 0;
    nis2_status st = FUZZ_FN(ctx, (const char *)data, size, flags, &out, err);
    if (st == NIS2_OK) {
        check(out != NULL, "success gives output");
        json_t *v = json_loads(out, 0, NULL);
        check(v != NULL, "output is valid JSON");
        json_decref(v);
    } else {
        check(out == NULL, "failure gives no output");
        check(st != NIS2_ERR_INTERNAL, "no internal error");
        const char *path = nis2_error_path(err);
        check(nis2_error_code(err) == (uint32_t)st, "error object carries the status");
        check(path[0] == '\0' || path[0] == '$', "path is a JSON path");
        check(nis2_error_message(err)[0] != '\0', "message is set");
        check(utf8_ok(path) && utf8_ok(nis2_error_message(err)), "error texts are UTF-8");
    }
    nis2_string_free(out);
    nis2_error_free(err);
    return 0;
}
