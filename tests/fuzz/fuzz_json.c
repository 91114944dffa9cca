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

/* --- typed gap report (include/nis2/gap.h; branch gapapi) ---
 * The document's fields through the ISMS builder (whatever their types: a setter refuses what it must), then the
 * report in every format. Each refused entry must leave the error contract kept; the output is the JSON form. */
UNUSED static const char *fz_str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The strings of o[k] (non-strings become "" so that a setter sees them), *n their number; free() the array. */
UNUSED static const char **fz_list(const json_t *o, const char *k, size_t *n)
{
    const json_t *a = json_object_get(o, k);
    *n = json_array_size(a);
    const char **v = calloc(*n + 1, sizeof *v);
    for (size_t i = 0; v && i < *n; i++) {
        const char *x = json_string_value(json_array_get(a, i));
        v[i] = x ? x : "";
    }
    if (!v)
        *n = 0;
    return v;
}

UNUSED static void fz_checked(nis2_status st, nis2_error *err)
{
    if (st == NIS2_OK)
        return;
    check(st != NIS2_ERR_INTERNAL, "no internal error");
    check(nis2_error_code(err) == (uint32_t)st, "error object carries the status");
    const char *path = nis2_error_path(err);
    check(path[0] == '\0' || path[0] == '$', "path is a JSON path");
    check(utf8_ok(path) && utf8_ok(nis2_error_message(err)), "error texts are UTF-8");
}

UNUSED static nis2_status fuzz_gap_typed(const nis2_ctx *c, const char *json, size_t len, uint32_t flags, char **out,
                                         nis2_error *err)
{
    json_t *doc = json_loadb(json, len, 0, NULL);
    if (!json_is_object(doc)) {
        json_decref(doc);
        return nis2_gap_report_json(c, json, len, flags, out, err);   /* the document's own error */
    }
    nis2_entity *e = NULL;
    char *ej = json_dumps(json_object_get(doc, "entity"), JSON_ENCODE_ANY);
    nis2_status st = ej ? nis2_entity_from_json(c, ej, strlen(ej), &e, err)
                        : nis2_gap_report_json(c, json, len, flags, out, err);
    free(ej);
    nis2_isms *m = NULL;
    if (!st)
        st = nis2_isms_new(c, e, fz_str(doc, "as_of"), &m, err);
    nis2_entity_free(e);
    if (st) {
        json_decref(doc);
        return st;
    }
    size_t i, n1, n2, n3;
    const json_t *x;
    json_array_foreach(json_object_get(doc, "soa"), i, x)
        fz_checked(nis2_isms_add_soa(m, fz_str(x, "control") ? fz_str(x, "control") : "",
                                     !json_is_false(json_object_get(x, "applicable")), fz_str(x, "status"),
                                     fz_str(x, "justification"), err), err);
    const json_t *ce = json_object_get(doc, "certificate");
    if (json_is_object(ce))
        fz_checked(nis2_isms_set_certificate(m, fz_str(ce, "standard"), fz_str(ce, "valid_until"),
                                             json_is_true(json_object_get(ce, "scope_covers_nis2_services")),
                                             fz_str(ce, "issued"), fz_str(ce, "certification_body"), err), err);
    json_array_foreach(json_object_get(doc, "evidence"), i, x) {
        const char **cs = fz_list(x, "controls", &n1), **os = fz_list(x, "obligations", &n2);
        fz_checked(nis2_isms_add_evidence(m, fz_str(x, "id"), fz_str(x, "title"), fz_str(x, "dated"),
                                          fz_str(x, "valid_until"), cs, n1, os, n2, err), err);
        free(cs);
        free(os);
    }
    const json_t *mb = json_object_get(doc, "management_body");
    if (fz_str(mb, "security_reporter"))
        fz_checked(nis2_isms_set_security_reporter(m, fz_str(mb, "security_reporter"), err), err);
    json_array_foreach(json_object_get(mb, "members"), i, x)
        fz_checked(nis2_isms_add_member(m, fz_str(x, "id"), fz_str(x, "role"), fz_str(x, "trained_on"), err), err);
    json_array_foreach(json_object_get(mb, "approvals"), i, x) {
        const char **ev = fz_list(x, "evidence", &n1);
        fz_checked(nis2_isms_add_approval(m, fz_str(x, "what"), fz_str(x, "date"), ev, n1, err), err);
        free(ev);
    }
    json_array_foreach(json_object_get(mb, "oversight"), i, x) {
        const char **ev = fz_list(x, "evidence", &n1);
        fz_checked(nis2_isms_add_oversight(m, fz_str(x, "what"), fz_str(x, "date"), ev, n1, err), err);
        free(ev);
    }
    json_array_foreach(json_object_get(doc, "risks"), i, x) {
        const char **cs = fz_list(x, "controls", &n1), **os = fz_list(x, "obligations", &n2);
        const char **ev = fz_list(x, "evidence", &n3);
        const json_t *d = json_object_get(x, "decision");
        fz_checked(nis2_isms_add_risk(m, fz_str(x, "id"), fz_str(x, "title"), fz_str(x, "level"),
                                      fz_str(x, "treatment"), fz_str(x, "assessed_on"), cs, n1, os, n2,
                                      fz_str(d, "by"), fz_str(d, "date"), fz_str(d, "review_by"), ev, n3, err),
                   err);
        free(cs);
        free(os);
        free(ev);
    }
    json_array_foreach(json_object_get(doc, "suppliers"), i, x) {
        const char **cl = fz_list(x, "contract_clauses", &n1), **cr = fz_list(x, "certifications", &n2);
        const char **ev = fz_list(x, "evidence", &n3);
        fz_checked(nis2_isms_add_supplier(m, fz_str(x, "id"), fz_str(x, "name"), fz_str(x, "service"),
                                          json_is_true(json_object_get(x, "critical")), fz_str(x, "contact"),
                                          fz_str(x, "assessed_on"), fz_str(x, "next_assessment"), cl, n1, cr, n2,
                                          ev, n3, err),
                   err);
        free(cl);
        free(cr);
        free(ev);
    }
    json_decref(doc);
    nis2_gap_report *r = NULL;
    st = nis2_gap_compute(m, &r, err);
    nis2_isms_free(m);   /* the report keeps what it needs */
    if (st)
        return st;
    for (uint32_t f = NIS2_GAP_FORMAT_TEXT; f <= NIS2_GAP_FORMAT_CSV; f++) {
        char *text = NULL;
        check(nis2_gap_report_to_string(r, f, 0, &text, NULL) == NIS2_OK && utf8_ok(text), "every form renders");
        nis2_string_free(text);
    }
    for (size_t q = 0; q < NIS2_GAP_QUESTION_N; q++)
        check(nis2_gap_report_question_status(r, q) >= 0, "every question has a status");
    st = nis2_gap_report_to_string(r, NIS2_GAP_FORMAT_JSON, flags, out, err);
    nis2_gap_report_free(r);
    return st;
}
/* --- end typed gap report --- */

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
