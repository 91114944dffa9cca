/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Input limits and hostile JSON (README, "Input limits"): every limit has its own clear error, and duplicate keys,
 * NaN/Infinity, numbers out of range, embedded NUL characters, invalid UTF-8 and non-object documents are all
 * rejected with the JSON path of the offending value. Limits are checked before the document is built.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <nis2/nis2.h>

#include "vectors.h"                 /* TEST_EXT_ID only: this suite links the shared library alone */

static nis2_ctx *ctx;

#define ENT "{\"country\": \"DE\", \"activities\": []"   /* an entity without its closing brace */

typedef struct bad {
    const char *doc;
    size_t len;                  /* 0: strlen(doc) */
    uint32_t status;
    const char *path;
    const char *in_message;
} bad;

static const bad bads[] = {
    /* duplicate keys, at any depth */
    {ENT ", \"flags\": {\"sole_provider\": true, \"sole_provider\": false}}", 0, NIS2_ERR_PARSE, "$.flags.sole_provider",
     "duplicate object key"},
    {ENT ", \"x_a\": [{}, {\"k\": 1, \"k\": 2}]}", 0, NIS2_ERR_PARSE, "$.x_a[1].k", "duplicate"},
    /* NaN, Infinity, numbers beyond any field */
    {ENT ", \"employees\": NaN}", 0, NIS2_ERR_PARSE, "$.employees", "malformed JSON"},
    {ENT ", \"employees\": Infinity}", 0, NIS2_ERR_PARSE, "$.employees", "malformed JSON"},
    {ENT ", \"turnover_eur\": -Infinity}", 0, NIS2_ERR_PARSE, "$.turnover_eur", "malformed JSON"},
    {ENT ", \"turnover_eur\": 1e400}", 0, NIS2_ERR_PARSE, "$.turnover_eur", "number out of range"},
    {ENT ", \"employees\": 123456789012345678901234567890}", 0, NIS2_ERR_PARSE, "$.employees", "out of range"},
    {ENT ", \"previous_period\": {\"employees\": 1e300}}", 0, NIS2_ERR_INVALID_FIELD, "$.previous_period.employees",
     "larger than the largest accepted value"},
    {ENT ", \"employees\": 100000001}", 0, NIS2_ERR_INVALID_FIELD, "$.employees", "100000000"},
    {ENT ", \"balance_sheet_eur\": 2e15}", 0, NIS2_ERR_INVALID_FIELD, "$.balance_sheet_eur", "larger than"},
    /* embedded NUL characters */
    {ENT ", \"name\": \"a\\u0000b\"}", 0, NIS2_ERR_PARSE, "$.name", "embedded NUL"},
    {ENT ", \"name\": \"a\0b\"}", sizeof(ENT ", \"name\": \"a\0b\"}") - 1, NIS2_ERR_PARSE, "$.name", "embedded NUL"},
    {ENT "}\0", sizeof(ENT "}\0") - 1, NIS2_ERR_PARSE, "$", "embedded NUL"},
    /* invalid UTF-8: a bad continuation, an overlong form, an encoded surrogate, a lone escaped surrogate */
    {ENT ", \"name\": \"caf\xc3\x28\"}", 0, NIS2_ERR_PARSE, "$.name", "not valid UTF-8"},
    {ENT ", \"name\": \"\xc0\xaf\"}", 0, NIS2_ERR_PARSE, "$.name", "not valid UTF-8"},
    {ENT ", \"name\": \"\xed\xa0\x80\"}", 0, NIS2_ERR_PARSE, "$.name", "not valid UTF-8"},
    {ENT ", \"name\": \"\xf4\x90\x80\x80\"}", 0, NIS2_ERR_PARSE, "$.name", "not valid UTF-8"},
    {ENT ", \"x_\xff\": 1}", 0, NIS2_ERR_PARSE, "$.x_", "object key is not valid UTF-8"},
    {ENT ", \"name\": \"\\ud800\"}", 0, NIS2_ERR_PARSE, "$.name", "malformed JSON"},
    /* not an object */
    {"[]", 0, NIS2_ERR_INVALID_FIELD, "$", "expected an entity object"},
    {"\"DE\"", 0, NIS2_ERR_PARSE, "$", "expected a JSON object"},
    {"42", 0, NIS2_ERR_PARSE, "$", "expected a JSON object"},
    {"null", 0, NIS2_ERR_PARSE, "$", "expected a JSON object"},
    {"", 0, NIS2_ERR_PARSE, "$", "malformed JSON"},
    {"\xef\xbb\xbf{}", 0, NIS2_ERR_PARSE, "$", "malformed JSON"},
    /* syntax errors name where they are */
    {ENT ", \"x_a\": [\"energy.electricity.dso\" \"x\"]}", 0, NIS2_ERR_PARSE, "$.x_a[1]", "line 1"},
    {ENT ", \"flags\": {\"sole_provider\": tru}}", 0, NIS2_ERR_PARSE, "$.flags.sole_provider", "malformed"},
    {ENT "} {}", 0, NIS2_ERR_PARSE, "$", "text after the end"},
    {ENT ", \"name\": \"abc", 0, NIS2_ERR_PARSE, "$.name", "malformed"},
};

START_TEST(hostile_json_is_rejected_with_path)
{
    const bad *b = &bads[_i];
    size_t len = b->len ? b->len : strlen(b->doc);
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_classify_json(ctx, b->doc, len, 0, &out, err);
    ck_assert_msg(st == b->status, "case %d: status %s, want %s (%s)", _i, nis2_status_name(st),
                  nis2_status_name(b->status), nis2_error_message(err));
    ck_assert_ptr_null(out);
    ck_assert_msg(strcmp(nis2_error_path(err), b->path) == 0, "case %d: path '%s', want '%s' (%s)", _i,
                  nis2_error_path(err), b->path, nis2_error_message(err));
    ck_assert_msg(strstr(nis2_error_message(err), b->in_message) != NULL, "case %d: message '%s' lacks '%s'", _i,
                  nis2_error_message(err), b->in_message);
    json_t *m = json_string(nis2_error_message(err));   /* error texts are valid UTF-8 */
    ck_assert_ptr_nonnull(m);
    json_decref(m);
    nis2_error_free(err);
}
END_TEST

/* A growable buffer for generated documents. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}
#define PUTS(t, lit) put((t), (lit), strlen(lit))

static void expect(const text *t, uint32_t status, const char *path, const char *in_message)
{
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_classify_json(ctx, t->s, t->len, 0, &out, err);
    ck_assert_msg(st == status, "status %s, want %s (%s)", nis2_status_name(st), nis2_status_name(status),
                  nis2_error_message(err));
    if (status == NIS2_OK) {
        ck_assert_ptr_nonnull(out);
    } else {
        ck_assert_msg(strcmp(nis2_error_path(err), path) == 0, "path '%s', want '%s'", nis2_error_path(err), path);
        ck_assert_msg(strstr(nis2_error_message(err), in_message), "message '%s' lacks '%s'",
                      nis2_error_message(err), in_message);
    }
    nis2_string_free(out);
    nis2_error_free(err);
}

/* {"country": "DE", "activities": [], "x_a": <depth-1 nested arrays>} has depth `depth`. */
static void nested(text *t, unsigned depth)
{
    t->len = 0;
    PUTS(t, ENT ", \"x_a\": ");
    for (unsigned i = 1; i < depth; i++)
        PUTS(t, "[");
    for (unsigned i = 1; i < depth; i++)
        PUTS(t, "]");
    PUTS(t, "}");
}

START_TEST(depth_limit)
{
    text t = {0};
    nested(&t, NIS2_LIMIT_DEPTH);
    expect(&t, NIS2_OK, NULL, NULL);
    nested(&t, NIS2_LIMIT_DEPTH + 1);
    char path[256] = "$.x_a";
    for (unsigned i = 1; i < NIS2_LIMIT_DEPTH; i++)   /* the 33rd container is x_a's 31st nested array */
        strcat(path, "[0]");
    expect(&t, NIS2_ERR_LIMIT, path, "nested deeper than 32 levels");
    nested(&t, 100000);              /* far beyond jansson's own limit: refused by the first pass, no recursion */
    expect(&t, NIS2_ERR_LIMIT, path, "nested deeper than 32 levels");
    free(t.s);
}
END_TEST

static void array_of(text *t, size_t n, const char *elem)
{
    t->len = 0;
    PUTS(t, ENT ", \"x_a\": [");
    for (size_t i = 0; i < n; i++) {
        if (i)
            PUTS(t, ",");
        PUTS(t, elem);
    }
    PUTS(t, "]}");
}

START_TEST(array_and_object_limits)
{
    text t = {0};
    array_of(&t, NIS2_LIMIT_ARRAY_LENGTH, "0");
    expect(&t, NIS2_OK, NULL, NULL);
    array_of(&t, NIS2_LIMIT_ARRAY_LENGTH + 1, "0");
    expect(&t, NIS2_ERR_LIMIT, "$.x_a", "array has more than 100000 elements");

    t.len = 0;
    PUTS(&t, ENT ", \"x_o\": {");
    for (size_t i = 0; i <= NIS2_LIMIT_ARRAY_LENGTH; i++) {
        char k[32];
        snprintf(k, sizeof k, "%s\"k%zu\": 0", i ? "," : "", i);
        PUTS(&t, k);
    }
    PUTS(&t, "}}");
    expect(&t, NIS2_ERR_LIMIT, "$.x_o", "object has more than 100000 members");

    /* values in the whole document: eleven arrays of 100 000 numbers */
    t.len = 0;
    PUTS(&t, ENT ", \"x_a\": [");
    for (int a = 0; a < 11; a++) {
        PUTS(&t, a ? ",[" : "[");
        for (size_t i = 0; i < NIS2_LIMIT_ARRAY_LENGTH - 1; i++)
            PUTS(&t, i ? ",0" : "0");
        PUTS(&t, "]");
    }
    PUTS(&t, "]}");
    expect(&t, NIS2_ERR_LIMIT, "$.x_a[9][99995]", "more than 1000000 values");
    free(t.s);
}
END_TEST

START_TEST(string_limits)
{
    text t = {0};
    char *s = malloc(NIS2_LIMIT_STRING_BYTES + 2);
    memset(s, 'a', NIS2_LIMIT_STRING_BYTES + 1);
    s[NIS2_LIMIT_STRING_BYTES] = '\0';
    PUTS(&t, ENT ", \"name\": \"");
    PUTS(&t, s);
    PUTS(&t, "\"}");
    expect(&t, NIS2_OK, NULL, NULL);                         /* exactly the limit */
    s[NIS2_LIMIT_STRING_BYTES] = 'a';
    s[NIS2_LIMIT_STRING_BYTES + 1] = '\0';
    t.len = 0;
    PUTS(&t, ENT ", \"name\": \"");
    PUTS(&t, s);
    PUTS(&t, "\"}");
    expect(&t, NIS2_ERR_LIMIT, "$.name", "string longer than 4096 bytes");

    /* escapes count as what they decode to: 1366 x "\u00e9" (2 bytes each) > 4096 */
    t.len = 0;
    PUTS(&t, ENT ", \"name\": \"");
    for (int i = 0; i < 2049; i++)
        PUTS(&t, "\\u00e9");
    PUTS(&t, "\"}");
    expect(&t, NIS2_ERR_LIMIT, "$.name", "longer than 4096");

    /* keys: the path shows the start of the key, cut at a character boundary */
    t.len = 0;
    PUTS(&t, ENT ", \"x_");
    for (int i = 0; i < 2100; i++)
        PUTS(&t, "\xc3\xa9");
    PUTS(&t, "\": 1}");
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(ctx, t.s, t.len, 0, &out, err), NIS2_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "object key longer than 4096 bytes"));
    ck_assert(strncmp(nis2_error_path(err), "$.x_\xc3\xa9", 6) == 0);
    json_t *p = json_string(nis2_error_path(err));
    ck_assert_ptr_nonnull(p);
    json_decref(p);
    nis2_error_free(err);
    free(s);
    free(t.s);
}
END_TEST

START_TEST(document_limit)
{
    size_t n = NIS2_LIMIT_DOCUMENT_BYTES + 1;
    char *big = malloc(n);
    memset(big, ' ', n);
    memcpy(big, ENT "}", strlen(ENT "}"));
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(ctx, big, n, 0, &out, err), NIS2_ERR_LIMIT);
    ck_assert_str_eq(nis2_error_path(err), "$");
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "exceeds the limit of 16777216 bytes"));
    ck_assert_int_eq(nis2_classify_json(ctx, big, n - 1, 0, &out, err), NIS2_OK);   /* whitespace is fine */
    nis2_string_free(out);
    nis2_error_free(err);
    free(big);
}
END_TEST

START_TEST(activities_limit)
{
    /* 300 entity types laid over the catalog, so that 257 distinct activities exist */
    text t = {0};
    PUTS(&t, "{" TEST_EXT_ID "\"entity_types\": [");
    for (int i = 0; i < 300; i++) {
        char e[200];
        snprintf(e, sizeof e, "%s{\"code\": \"test.t%d\", \"annex\": \"II\", \"sector\": \"Test\", \"label\": \"t\","
                 " \"ref\": \"test\", \"role\": \"generic\"}", i ? "," : "", i);
        PUTS(&t, e);
    }
    PUTS(&t, "]}");
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, t.s, t.len, NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    t.len = 0;
    PUTS(&t, "{\"country\": \"DE\", \"activities\": [");
    for (unsigned i = 0; i <= NIS2_LIMIT_ACTIVITIES; i++) {
        char e[32];
        snprintf(e, sizeof e, "%s\"test.t%u\"", i ? "," : "", i);
        PUTS(&t, e);
    }
    PUTS(&t, "]}");
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(c2, t.s, t.len, 0, &out, err), NIS2_ERR_LIMIT);
    ck_assert_str_eq(nis2_error_path(err), "$.activities[256]");
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "more than 256 activities"));
    nis2_ctx_free(c2);
    nis2_error_free(err);
    free(t.s);
}
END_TEST

START_TEST(sub_documents_name_their_place)
{
    nis2_entity *e = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, "PT", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_json(e, "PT", "{\"a\": 1, \"a\": 2}", err), NIS2_ERR_PARSE);
    ck_assert_str_eq(nis2_error_path(err), "$.national.PT.a");
    ck_assert_int_eq(nis2_entity_set_national_json(e, "PT", "{\"x\": NaN}", err), NIS2_ERR_PARSE);
    ck_assert_str_eq(nis2_error_path(err), "$.national.PT.x");
    nis2_entity_free(e);

    /* catalogs: the same rules, with room for long legal texts */
    nis2_ctx *c2 = NULL;
    const char *dup = "{\"catalog_version\": \"a\", \"catalog_version\": \"b\"}";
    ck_assert_int_eq(nis2_ctx_new_from_json(&c2, dup, strlen(dup), NIS2_CATALOG_EXTEND, err), NIS2_ERR_PARSE);
    ck_assert_str_eq(nis2_error_path(err), "$.catalog_version");
    text t = {0};
    PUTS(&t, "{" TEST_EXT_ID "\"x_note\": \"");
    for (int i = 0; i < 5000; i++)
        PUTS(&t, "a");
    PUTS(&t, "\"}");
    ck_assert_msg(nis2_ctx_new_from_json(&c2, t.s, t.len, NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    nis2_ctx_free(c2);
    free(t.s);
    nis2_error_free(err);
}
END_TEST

START_TEST(cut_quotes_stay_utf8)
{
    /* an unknown key quoted in a message is cut at 64 bytes: never inside a character */
    text t = {0};
    PUTS(&t, ENT ", \"");
    for (int i = 0; i < 40; i++)
        PUTS(&t, "\xc3\xa9");
    PUTS(&t, "\": 1}");
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(ctx, t.s, t.len, 0, &out, err), NIS2_ERR_UNKNOWN_KEY);
    json_t *m = json_string(nis2_error_message(err)), *p = json_string(nis2_error_path(err));
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(p);
    json_decref(m);
    json_decref(p);

    /* found by fuzz-entity: an unknown activity code quoted with %.80s, cut inside a 3-byte character */
    t.len = 0;
    PUTS(&t, "{\"country\": \"PT\", \"activities\": [\"");
    for (int i = 0; i < 79; i++)
        PUTS(&t, "a");
    PUTS(&t, "\xe2\x9b\x8d\"]}");
    ck_assert_int_eq(nis2_classify_json(ctx, t.s, t.len, 0, &out, err), NIS2_ERR_UNKNOWN_CODE);
    ck_assert_str_eq(nis2_error_path(err), "$.activities[0]");
    m = json_string(nis2_error_message(err));
    ck_assert_msg(m != NULL, "message is not UTF-8: %s", nis2_error_message(err));
    json_decref(m);
    nis2_error_free(err);
    free(t.s);
}
END_TEST

int main(void)
{
    nis2_error *err = nis2_error_new();
    if (nis2_ctx_new(&ctx, err) != NIS2_OK) {
        fprintf(stderr, "%s\n", nis2_error_message(err));
        return 1;
    }
    nis2_error_free(err);
    Suite *s = suite_create("Input limits and hostile JSON");
    TCase *tc = tcase_create("limits");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, hostile_json_is_rejected_with_path, 0, (int)(sizeof bads / sizeof bads[0]));
    tcase_add_test(tc, depth_limit);
    tcase_add_test(tc, array_and_object_limits);
    tcase_add_test(tc, string_limits);
    tcase_add_test(tc, document_limit);
    tcase_add_test(tc, activities_limit);
    tcase_add_test(tc, sub_documents_name_their_place);
    tcase_add_test(tc, cut_quotes_stay_utf8);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nis2_ctx_free(ctx);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
