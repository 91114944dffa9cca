/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Exchange with GRC tools (include/nis2/exchange.h, lib/json/EXCHANGE.md): stable identifiers (SHA-1, UUID v5),
 * the export's errors, and the import of OSCAL mapping-collections and CISO Assistant mapping sets into the
 * mapping graph, with the round trip export -> import into an empty graph -> the same graph.
 * (The schema validity of the exports is tests/oscal/check_exchange.py.)
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

#include "compile/json_parse.h"
#include "util/uuid.h"
#include "vectors.h"

static nis2_ctx *ctx;

static void setup(void)
{
    ck_assert_int_eq(nis2_ctx_new(&ctx, NULL), NIS2_OK);
}

static void teardown(void)
{
    nis2_ctx_free(ctx);
    ctx = NULL;
}

/* ---------------------------------------------------------------- identifiers */

START_TEST(sha1_fips_vectors)
{
    static const struct { const char *in, *hex; } v[] = {
        {"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
        {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t h[20];
        char hex[41];
        nis2i_sha1(v[i].in, strlen(v[i].in), h);
        for (int k = 0; k < 20; k++)
            snprintf(hex + 2 * k, 3, "%02x", h[k]);
        ck_assert_str_eq(hex, v[i].hex);
    }
    /* a million 'a' crosses many blocks */
    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    uint8_t h[20];
    char hex[41];
    nis2i_sha1(a, 1000000, h);
    free(a);
    for (int k = 0; k < 20; k++)
        snprintf(hex + 2 * k, 3, "%02x", h[k]);
    ck_assert_str_eq(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}
END_TEST

START_TEST(uuid5_rfc_example)
{
    /* the DNS namespace of RFC 9562 and "www.example.com" (as Python's uuid.uuid5 computes it) */
    static const uint8_t dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                    0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    char u[37];
    nis2i_uuid5(dns, "www.example.com", u);
    ck_assert_str_eq(u, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    nis2i_uuid5(nis2i_uuid_ns_libnis2, "map:a>b", u);
    ck_assert_int_eq(u[14], '5');                      /* version */
    ck_assert(strchr("89ab", u[19]) != NULL);          /* variant */
}
END_TEST

/* ---------------------------------------------------------------- export */

START_TEST(export_errors)
{
    nis2_error *err = nis2_error_new();
    char *out = (char *)1;
    ck_assert_int_eq(nis2_export(NULL, NIS2_EXPORT_OSCAL_CATALOG, NULL, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, NULL, 0, NULL, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_export(ctx, 0, NULL, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(nis2_export(ctx, 4, NULL, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "controls", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert(strstr(nis2_error_message(err), "'controls'") != NULL);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "XX", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_MAPPING, "nis2", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_CISO_ASSISTANT, "ir2690", 0, &out, err), NIS2_ERR_NOT_FOUND);
    ck_assert_ptr_null(out);
    /* the country code of an overlay, any case */
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "pt", 0, &out, err), NIS2_OK);
    char *upper = NULL;
    ck_assert_int_eq(nis2_export(ctx, NIS2_EXPORT_OSCAL_CATALOG, "PT", 0, &upper, err), NIS2_OK);
    ck_assert_str_eq(out, upper);
    nis2_string_free(out);
    nis2_string_free(upper);
    /* a catalog without mappings has nothing to export as a mapping collection */
    char *cat = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, NULL, 0, &cat, err), NIS2_OK);
    json_t *doc = json_loads(cat, 0, NULL);
    nis2_string_free(cat);
    json_object_set_new(doc, "mappings", json_array());
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    nis2_ctx *bare = NULL;
    ck_assert_int_eq(nis2_ctx_new_from_json(&bare, text, strlen(text), NIS2_CATALOG_REPLACE, err), NIS2_OK);
    free(text);
    ck_assert_int_eq(nis2_export(bare, NIS2_EXPORT_OSCAL_MAPPING, NULL, 0, &out, err), NIS2_ERR_NOT_FOUND);
    nis2_ctx_free(bare);
    nis2_error_free(err);
}
END_TEST

START_TEST(export_is_deterministic_and_pretty)
{
    const uint32_t fmts[] = {NIS2_EXPORT_OSCAL_CATALOG, NIS2_EXPORT_OSCAL_MAPPING, NIS2_EXPORT_CISO_ASSISTANT};
    for (size_t i = 0; i < 3; i++) {
        char *a = NULL, *b = NULL, *p = NULL;
        ck_assert_int_eq(nis2_export(ctx, fmts[i], NULL, 0, &a, NULL), NIS2_OK);
        nis2_ctx *other = NULL;
        ck_assert_int_eq(nis2_ctx_new(&other, NULL), NIS2_OK);
        ck_assert_int_eq(nis2_export(other, fmts[i], NULL, 0, &b, NULL), NIS2_OK);
        nis2_ctx_free(other);
        ck_assert_str_eq(a, b);                        /* another context, the same bytes */
        ck_assert_int_eq(nis2_export(ctx, fmts[i], NULL, NIS2_JSON_PRETTY, &p, NULL), NIS2_OK);
        if (fmts[i] != NIS2_EXPORT_CISO_ASSISTANT) {
            json_t *ja = json_loads(a, 0, NULL), *jp = json_loads(p, 0, NULL);
            ck_assert(ja && jp && json_equal(ja, jp));
            ck_assert(strchr(a, '\n') == NULL && strchr(p, '\n') != NULL);
            json_decref(ja);
            json_decref(jp);
        } else {
            ck_assert_str_eq(a, p);                    /* YAML is always block style */
            ck_assert(strncmp(a, "urn: urn:libnis2:risk:library:nis2-libnis2\n", strlen("urn: urn:libnis2:risk:library:nis2-libnis2\n")) == 0);
        }
        nis2_string_free(a);
        nis2_string_free(b);
        nis2_string_free(p);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("exchange");
    TCase *t = tcase_create("identifiers");
    tcase_add_test(t, sha1_fips_vectors);
    tcase_add_test(t, uuid5_rfc_example);
    suite_add_tcase(s, t);
    t = tcase_create("export");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, export_errors);
    tcase_add_test(t, export_is_deterministic_and_pretty);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
