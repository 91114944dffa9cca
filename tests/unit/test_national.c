/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Typed national facts (include/nis2/entity.h nis2_entity_set_national_*, context.h nis2_ctx_national_key_*):
 * the key listing against the catalog's national_keys, every setter and error path, and equivalence with
 * nis2_entity_set_national_json and with entity documents over the PT and DE vectors.
 */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <nis2/nis2.h>

#include "vectors.h"

static nis2_ctx *ctx;             /* the embedded catalog with the German overlay laid over it */
static nis2_error *err;

/* The files lib/catalog/overlays/de/ *.json merged into one overlay object, as lib/catalog/embed.py merges a folder
 * (as tests/unit/test_bsig.c does: the embedded catalog may not hold it). */
static nis2_ctx *load_de(void)
{
    const char *root = getenv("NIS2_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/lib/catalog/overlays/de", root ? root : ".");
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    json_t *ov = json_object();
    struct dirent *de_;
    while ((de_ = readdir(d)) != NULL) {
        size_t n = strlen(de_->d_name);
        if (n < 6 || strcmp(de_->d_name + n - 5, ".json") != 0)
            continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, de_->d_name);
        json_t *part = json_load_file(path, 0, NULL);
        ck_assert_msg(json_is_object(part), "%s does not parse", path);
        json_object_update(ov, part);
        json_decref(part);
    }
    closedir(d);
    json_object_del(ov, "x_embed");
    json_t *doc = json_pack("{s:s,s:s,s:[o]}", "name", "de-bsig-from-files", "version", "1", "overlays", ov);
    char *text = json_dumps(doc, 0);
    json_decref(doc);
    nis2_ctx *c = NULL;
    nis2_error *e = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c, text, strlen(text), NIS2_CATALOG_EXTEND, e) == NIS2_OK, "German overlay: %s",
                  nis2_error_message(e));
    nis2_error_free(e);
    free(text);
    return c;
}

static void setup(void)
{
    ctx = load_de();
    err = nis2_error_new();
}

static void teardown(void)
{
    nis2_error_free(err);
    nis2_ctx_free(ctx);
}

static nis2_entity *entity(const char *doc)
{
    nis2_entity *e = NULL;
    ck_assert_msg(nis2_entity_from_json(ctx, doc, strlen(doc), &e, err) == NIS2_OK, "%s: %s", doc,
                  nis2_error_message(err));
    return e;
}

static char *to_json(const nis2_entity *e)
{
    char *s = NULL;
    ck_assert_int_eq(nis2_entity_to_json(e, 0, &s, err), NIS2_OK);
    return s;
}

static char *classify_text(const nis2_entity *e)
{
    nis2_result *r = NULL;
    char *s = NULL;
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_OK);
    ck_assert_int_eq(nis2_result_to_json(r, 0, &s, err), NIS2_OK);
    nis2_result_free(r);
    return s;
}

/* The error of the last call: its code, path and a part of its message. */
static void expect(nis2_status st, nis2_status want, const char *path, const char *part)
{
    ck_assert_msg(st == want, "status %d, expected %d (%s)", (int)st, (int)want, nis2_error_message(err));
    ck_assert_str_eq(nis2_error_path(err), path);
    ck_assert_msg(strstr(nis2_error_message(err), part), "'%s' lacks '%s'", nis2_error_message(err), part);
}

static const json_t *overlay_keys(json_t *overlays, const char *country)
{
    size_t i;
    json_t *o;
    json_array_foreach(overlays, i, o) if (strcmp(json_string_value(json_object_get(o, "country")), country) == 0) return
        json_object_get(o, "national_keys");
    return NULL;
}

START_TEST(key_listing_matches_catalog)
{
    char *text = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "overlays", 0, &text, err), NIS2_OK);
    json_t *doc = json_loads(text, 0, NULL);
    nis2_string_free(text);
    json_t *ovs = json_is_array(doc) ? doc : json_object_get(doc, "overlays");
    ck_assert_ptr_nonnull(ovs);
    static const char *const types[] = {"", "boolean", "enum", "date", "number", "string", "codes"};
    static const char *const countries[] = {"PT", "DE"};
    for (size_t c = 0; c < 2; c++) {
        const json_t *keys = overlay_keys(ovs, countries[c]);
        ck_assert_ptr_nonnull(keys);
        ck_assert_uint_eq(nis2_ctx_national_key_count(ctx, countries[c]), json_object_size(keys));
        ck_assert_uint_gt(json_object_size(keys), 0);
        size_t i = 0;
        const char *k;
        const json_t *d;
        json_object_foreach((json_t *)keys, k, d) {
            ck_assert_str_eq(nis2_ctx_national_key_name(ctx, countries[c], i), k);
            uint32_t t = nis2_ctx_national_key_type(ctx, countries[c], i);
            ck_assert_uint_ge(t, NIS2_NATIONAL_KEY_BOOLEAN);
            ck_assert_uint_le(t, NIS2_NATIONAL_KEY_CODES);
            ck_assert_str_eq(types[t], json_string_value(json_object_get(d, "type")));
            const json_t *ref = json_object_get(d, "ref"), *meaning = json_object_get(d, "meaning");
            if (ref)
                ck_assert_str_eq(nis2_ctx_national_key_ref(ctx, countries[c], i), json_string_value(ref));
            else
                ck_assert_ptr_null(nis2_ctx_national_key_ref(ctx, countries[c], i));
            if (meaning)
                ck_assert_str_eq(nis2_ctx_national_key_meaning(ctx, countries[c], i), json_string_value(meaning));
            const json_t *vals = json_object_get(d, "values");
            ck_assert_uint_eq(nis2_ctx_national_key_value_count(ctx, countries[c], i), json_array_size(vals));
            for (size_t j = 0; j < json_array_size(vals); j++)
                ck_assert_str_eq(nis2_ctx_national_key_value_at(ctx, countries[c], i, j),
                                 json_string_value(json_array_get(vals, j)));
            ck_assert_ptr_null(nis2_ctx_national_key_value_at(ctx, countries[c], i, json_array_size(vals)));
            i++;
        }
        /* just past the end */
        ck_assert_ptr_null(nis2_ctx_national_key_name(ctx, countries[c], i));
        ck_assert_uint_eq(nis2_ctx_national_key_type(ctx, countries[c], i), NIS2_NATIONAL_KEY_NONE);
        ck_assert_ptr_null(nis2_ctx_national_key_ref(ctx, countries[c], i));
        ck_assert_ptr_null(nis2_ctx_national_key_meaning(ctx, countries[c], i));
        ck_assert_uint_eq(nis2_ctx_national_key_value_count(ctx, countries[c], i), 0);
    }
    json_decref(doc);
    /* any case; a country without an overlay; not a Member State; NULL */
    ck_assert_uint_eq(nis2_ctx_national_key_count(ctx, "pt"), nis2_ctx_national_key_count(ctx, "PT"));
    ck_assert_uint_eq(nis2_ctx_national_key_count(ctx, "FR"), 0);
    ck_assert_ptr_null(nis2_ctx_national_key_name(ctx, "FR", 0));
    ck_assert_uint_eq(nis2_ctx_national_key_type(ctx, "FR", 0), NIS2_NATIONAL_KEY_NONE);
    ck_assert_uint_eq(nis2_ctx_national_key_count(ctx, "XX"), 0);
    ck_assert_uint_eq(nis2_ctx_national_key_count(ctx, NULL), 0);
    ck_assert_uint_eq(nis2_ctx_national_key_count(NULL, "PT"), 0);
    ck_assert_ptr_null(nis2_ctx_national_key_name(NULL, "PT", 0));
}
END_TEST

START_TEST(setters_write_what_json_writes)
{
    nis2_entity *a = entity("{\"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\", "
                            "\"digital_infrastructure.data_centre_provider\"]}");
    nis2_entity *b = entity("{\"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\", "
                            "\"digital_infrastructure.data_centre_provider\"]}");
    ck_assert_int_eq(nis2_entity_set_national_bool(a, "DE", "it_independent_of_group", 1, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_number(a, "de", "own_employees", 40, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_number(a, "DE", "own_turnover_eur", 1.5e6, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_number(a, "DE", "own_balance_sheet_eur", 0.25, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_text(a, "DE", "exemption_notice", "simple", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_add_national_code(a, "DE", "negligible_activities",
                                                   "digital_infrastructure.data_centre_provider", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_add_national_code(a, "DE", "negligible_activities",     /* twice: harmless */
                                                   "digital_infrastructure.data_centre_provider", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_json(b, "DE",
        "{\"it_independent_of_group\": true, \"own_employees\": 40, \"own_turnover_eur\": 1500000, "
        "\"own_balance_sheet_eur\": 0.25, \"exemption_notice\": \"simple\", "
        "\"negligible_activities\": [\"digital_infrastructure.data_centre_provider\"]}", err), NIS2_OK);
    char *ja = to_json(a), *jb = to_json(b);
    ck_assert_str_eq(ja, jb);
    ck_assert_ptr_nonnull(strstr(ja, "\"national\":{\"DE\":{\"it_independent_of_group\":true,\"own_employees\":40,"));
    nis2_string_free(ja);
    nis2_string_free(jb);
    ja = classify_text(a);
    jb = classify_text(b);
    ck_assert_str_eq(ja, jb);
    nis2_string_free(ja);
    nis2_string_free(jb);

    /* set again: the key keeps its place; unset: it goes; unset of a fact not set: no-op */
    ck_assert_int_eq(nis2_entity_set_national_bool(a, "DE", "it_independent_of_group", 0, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_unset_national(a, "DE", "own_balance_sheet_eur", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_unset_national(a, "DE", "kritis_operator", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_json(b, "DE",
        "{\"it_independent_of_group\": false, \"own_employees\": 40, \"own_turnover_eur\": 1500000, "
        "\"exemption_notice\": \"simple\", "
        "\"negligible_activities\": [\"digital_infrastructure.data_centre_provider\"]}", err), NIS2_OK);
    ja = to_json(a);
    jb = to_json(b);
    ck_assert_str_eq(ja, jb);
    nis2_string_free(ja);
    nis2_string_free(jb);
    nis2_entity_free(a);
    nis2_entity_free(b);

    /* the typed setters write into the member the document gave (its case kept), after its vendor keys */
    a = entity("{\"country\": \"PT\", \"activities\": [], \"national\": {\"pt\": {\"x_note\": [1, {\"a\": null}]}, "
               "\"x_top\": 2.5}}");
    ck_assert_int_eq(nis2_entity_set_national_text(a, "PT", "started_activity_on", "2025-01-31", err), NIS2_OK);
    ja = to_json(a);
    ck_assert_ptr_nonnull(strstr(ja, "\"national\":{\"PT\":{\"x_note\":[1,{\"a\":null}],"
                                     "\"started_activity_on\":\"2025-01-31\"},\"x_top\":2.5}"));
    nis2_string_free(ja);
    nis2_entity_free(a);
}
END_TEST

START_TEST(setter_errors)
{
    nis2_entity *e = entity("{\"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\"], "
                            "\"national\": {\"DE\": {\"kritis_operator\": true}}}");
    char *before = to_json(e);
    /* a country without an overlay, not a Member State */
    expect(nis2_entity_set_national_bool(e, "FR", "kritis_operator", 1, err), NIS2_ERR_UNKNOWN_CODE, "$.national",
           "'FR' has no national overlay");
    expect(nis2_entity_set_national_text(e, "XX", "a", "b", err), NIS2_ERR_UNKNOWN_CODE, "$.national",
           "not a Member State");
    expect(nis2_entity_unset_national(e, "FR", "kritis_operator", err), NIS2_ERR_UNKNOWN_CODE, "$.national", "FR");
    expect(nis2_entity_add_national_code(e, "AT", "x", "y", err), NIS2_ERR_UNKNOWN_CODE, "$.national", "AT");
    expect(nis2_entity_set_national_number(e, "FR", "own_employees", 1, err), NIS2_ERR_UNKNOWN_CODE, "$.national", "FR");
    /* an unknown key names the key and the keys there are */
    expect(nis2_entity_set_national_bool(e, "DE", "kritis", 1, err), NIS2_ERR_UNKNOWN_KEY, "$.national.DE.kritis",
           "expected one of kritis_operator, negligible_activities");
    expect(nis2_entity_unset_national(e, "de", "kritis", err), NIS2_ERR_UNKNOWN_KEY, "$.national.DE.kritis", "BSIG");
    /* wrong type or value: the path and what the key expects */
    expect(nis2_entity_set_national_bool(e, "DE", "kritis_operator", 2, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.kritis_operator", "expected true or false");
    expect(nis2_entity_set_national_bool(e, "DE", "kritis_operator", -1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.kritis_operator", "expected true or false");
    expect(nis2_entity_set_national_number(e, "DE", "kritis_operator", 1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.kritis_operator", "expected true or false");
    expect(nis2_entity_set_national_text(e, "DE", "kritis_operator", "true", err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.kritis_operator", "expected true or false");
    expect(nis2_entity_set_national_number(e, "DE", "own_employees", -1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.own_employees", "expected a number >= 0");
    expect(nis2_entity_set_national_number(e, "DE", "own_employees", -0.001, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.own_employees", "expected a number >= 0");
    expect(nis2_entity_set_national_number(e, "DE", "own_employees", NAN, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.own_employees", "expected a number >= 0");
    expect(nis2_entity_set_national_number(e, "DE", "own_employees", INFINITY, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.own_employees", "expected a number >= 0");
    expect(nis2_entity_set_national_bool(e, "DE", "own_employees", 1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.own_employees", "expected a number >= 0");
    expect(nis2_entity_set_national_text(e, "DE", "exemption_notice", "Simple", err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.exemption_notice", "expected one of \"simple\", \"extended\"");
    expect(nis2_entity_set_national_bool(e, "DE", "exemption_notice", 1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.DE.exemption_notice", "expected one of");
    expect(nis2_entity_add_national_code(e, "DE", "exemption_notice", "digital_infrastructure.cloud_provider", err),
           NIS2_ERR_INVALID_FIELD, "$.national.DE.exemption_notice", "expected one of");
    expect(nis2_entity_set_national_text(e, "DE", "negligible_activities", "digital_infrastructure.cloud_provider", err),
           NIS2_ERR_INVALID_FIELD, "$.national.DE.negligible_activities", "expected an array of at most 16 activity codes");
    expect(nis2_entity_add_national_code(e, "DE", "negligible_activities", "no.such.code", err), NIS2_ERR_UNKNOWN_CODE,
           "$.national.DE.negligible_activities[0]", "expected an entity-type code of the catalog");
    expect(nis2_entity_add_national_code(e, "DE", "negligible_activities", "health.healthcare_provider", err),
           NIS2_ERR_INVALID_FIELD, "$.national.DE.negligible_activities[0]", "is not one of the entity's activities");
    {
        const char *one[] = {"digital_infrastructure.cloud_provider"}, *bad[] = {"digital_infrastructure.cloud_provider",
                                                                                 "no.such.code"};
        const char *other[] = {"health.healthcare_provider"}, *null1[] = {NULL};
        expect(nis2_entity_set_national_codes(e, "DE", "kritis_operator", one, 1, err), NIS2_ERR_INVALID_FIELD,
               "$.national.DE.kritis_operator", "expected true or false");
        expect(nis2_entity_set_national_codes(e, "DE", "negligible_activities", bad, 2, err), NIS2_ERR_UNKNOWN_CODE,
               "$.national.DE.negligible_activities[1]", "expected an entity-type code of the catalog");
        expect(nis2_entity_set_national_codes(e, "DE", "negligible_activities", other, 1, err), NIS2_ERR_INVALID_FIELD,
               "$.national.DE.negligible_activities[0]", "is not one of the entity's activities");
        expect(nis2_entity_set_national_codes(e, "DE", "negligible_activities", NULL, 1, err), NIS2_ERR_INVALID_ARG,
               "$.national.DE.negligible_activities", "NULL");
        expect(nis2_entity_set_national_codes(e, "DE", "negligible_activities", null1, 1, err), NIS2_ERR_INVALID_ARG,
               "$.national.DE.negligible_activities[0]", "NULL");
        expect(nis2_entity_set_national_codes(e, "DE", "negligible_activities", one, 17, err), NIS2_ERR_INVALID_FIELD,
               "$.national.DE.negligible_activities", "at most 16 activity codes");
        expect(nis2_entity_set_national_codes(e, "FR", "negligible_activities", one, 1, err), NIS2_ERR_UNKNOWN_CODE,
               "$.national", "FR");
        expect(nis2_entity_set_national_codes(e, "DE", "negligible", one, 1, err), NIS2_ERR_UNKNOWN_KEY,
               "$.national.DE.negligible", "negligible_activities");
    }
    /* NULL arguments */
    expect(nis2_entity_set_national_bool(NULL, "DE", "kritis_operator", 1, err), NIS2_ERR_INVALID_ARG, "$.national",
           "must not be NULL");
    expect(nis2_entity_set_national_bool(e, NULL, "kritis_operator", 1, err), NIS2_ERR_INVALID_ARG, "$.national", "NULL");
    expect(nis2_entity_set_national_number(e, "DE", NULL, 1, err), NIS2_ERR_INVALID_ARG, "$.national", "NULL");
    expect(nis2_entity_set_national_text(e, "DE", "exemption_notice", NULL, err), NIS2_ERR_INVALID_ARG,
           "$.national.DE.exemption_notice", "NULL");
    expect(nis2_entity_add_national_code(e, "DE", "negligible_activities", NULL, err), NIS2_ERR_INVALID_ARG,
           "$.national.DE.negligible_activities", "NULL");
    expect(nis2_entity_unset_national(NULL, "DE", "kritis_operator", err), NIS2_ERR_INVALID_ARG, "$.national", "NULL");
    /* none of it changed the entity */
    char *after = to_json(e);
    ck_assert_str_eq(before, after);
    nis2_string_free(after);
    nis2_string_free(before);
    nis2_entity_free(e);

    /* dates: the shape YYYY-MM-DD */
    e = entity("{\"country\": \"PT\", \"activities\": []}");
    expect(nis2_entity_set_national_text(e, "PT", "started_activity_on", "2025-1-31", err), NIS2_ERR_INVALID_FIELD,
           "$.national.PT.started_activity_on", "expected a date YYYY-MM-DD");
    expect(nis2_entity_set_national_bool(e, "PT", "started_activity_on", 1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.PT.started_activity_on", "expected a date YYYY-MM-DD");
    ck_assert_int_eq(nis2_entity_set_national_text(e, "PT", "started_activity_on", "2025-01-31", err), NIS2_OK);
    /* and a day of the Gregorian calendar: month lengths, leap years (every 4th, not every 100th, every 400th) */
    static const char *const no_day[] = {"2026-02-29", "2100-02-29", "2026-04-31", "2026-06-31", "2026-09-31",
                                         "2026-11-31", "2026-02-30", "2026-01-32", "2026-00-10", "2026-01-00"};
    static const char *const day[] = {"2028-02-29", "2000-02-29", "2026-02-28", "2026-04-30", "2026-12-31",
                                      "2026-01-31", "2026-07-31", "2026-08-31"};
    for (size_t i = 0; i < sizeof no_day / sizeof no_day[0]; i++)
        expect(nis2_entity_set_national_text(e, "PT", "started_activity_on", no_day[i], err), NIS2_ERR_INVALID_FIELD,
               "$.national.PT.started_activity_on", "expected a date YYYY-MM-DD");
    for (size_t i = 0; i < sizeof day / sizeof day[0]; i++)
        ck_assert_msg(nis2_entity_set_national_text(e, "PT", "started_activity_on", day[i], err) == NIS2_OK, "%s",
                      day[i]);
    /* "EL" is Greece: no overlay either */
    expect(nis2_entity_set_national_bool(e, "el", "x", 1, err), NIS2_ERR_UNKNOWN_CODE, "$.national", "no national overlay");
    nis2_entity_free(e);
}
END_TEST

/* At most 16 codes (NIS2I_NAT_MAX_CODES, as the JSON edge): the 17th is refused and the 16 stay. */
START_TEST(codes_limit)
{
    nis2_entity *e = NULL;
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, "DE", err), NIS2_OK);
    size_t n = nis2_ctx_entity_type_count(ctx);
    ck_assert_uint_ge(n, 17);
    for (size_t i = 0; i < 17; i++)
        ck_assert_int_eq(nis2_entity_add_activity(e, nis2_ctx_entity_type_code(ctx, i), err), NIS2_OK);
    for (size_t i = 0; i < 16; i++)
        ck_assert_int_eq(nis2_entity_add_national_code(e, "DE", "negligible_activities", nis2_ctx_entity_type_code(ctx, i),
                                                       err), NIS2_OK);
    char *before = to_json(e);
    expect(nis2_entity_add_national_code(e, "DE", "negligible_activities", nis2_ctx_entity_type_code(ctx, 16), err),
           NIS2_ERR_INVALID_FIELD, "$.national.DE.negligible_activities", "at most 16 activity codes");
    ck_assert_int_eq(nis2_entity_add_national_code(e, "DE", "negligible_activities", nis2_ctx_entity_type_code(ctx, 3),
                                                   err), NIS2_OK);           /* one it has: harmless */
    char *after = to_json(e);
    ck_assert_str_eq(before, after);
    /* the whole list at once: the same; the empty list; then add to it */
    {
        const char *codes[16];
        for (size_t i = 0; i < 16; i++)
            codes[i] = nis2_ctx_entity_type_code(ctx, i);
        nis2_entity *f = NULL;
        ck_assert_int_eq(nis2_entity_new(ctx, &f, err), NIS2_OK);
        ck_assert_int_eq(nis2_entity_set_country(f, "DE", err), NIS2_OK);
        for (size_t i = 0; i < 17; i++)
            ck_assert_int_eq(nis2_entity_add_activity(f, nis2_ctx_entity_type_code(ctx, i), err), NIS2_OK);
        ck_assert_int_eq(nis2_entity_set_national_codes(f, "DE", "negligible_activities", codes, 16, err), NIS2_OK);
        char *jf = to_json(f);
        ck_assert_str_eq(jf, before);
        nis2_string_free(jf);
        ck_assert_int_eq(nis2_entity_set_national_codes(f, "DE", "negligible_activities", NULL, 0, err), NIS2_OK);
        jf = to_json(f);
        ck_assert_ptr_nonnull(strstr(jf, "\"national\":{\"DE\":{\"negligible_activities\":[]}}"));
        nis2_string_free(jf);
        ck_assert_int_eq(nis2_entity_add_national_code(f, "DE", "negligible_activities", codes[5], err), NIS2_OK);
        jf = to_json(f);
        char want[256];
        snprintf(want, sizeof want, "\"national\":{\"DE\":{\"negligible_activities\":[\"%s\"]}}", codes[5]);
        ck_assert_msg(strstr(jf, want), "%s", jf);
        nis2_string_free(jf);
        nis2_entity_free(f);
    }
    /* the same 16 through the JSON edge */
    json_t *doc = json_loads(before, 0, NULL);
    json_t *codes = json_object_get(json_object_get(json_object_get(doc, "national"), "DE"), "negligible_activities");
    ck_assert_uint_eq(json_array_size(codes), 16);
    json_decref(doc);
    nis2_string_free(after);
    nis2_string_free(before);
    nis2_entity_free(e);
}
END_TEST

/* A key of type string (no embedded overlay has one): an overlay laid over the catalog. */
START_TEST(string_key)
{
    const char *ext = "{" TEST_EXT_ID "\"overlays\": [{\"country\": \"MT\", \"law\": \"MT test law\", "
                      "\"national_keys\": {\"register_no\": {\"type\": \"string\", \"ref\": \"t 1\"}}}]}";
    nis2_ctx *c2 = NULL;
    ck_assert_msg(nis2_ctx_new_from_json(&c2, ext, strlen(ext), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    ck_assert_uint_eq(nis2_ctx_national_key_count(c2, "MT"), 1);
    ck_assert_uint_eq(nis2_ctx_national_key_type(c2, "MT", 0), NIS2_NATIONAL_KEY_STRING);
    ck_assert_ptr_null(nis2_ctx_national_key_meaning(c2, "MT", 0));
    nis2_entity *e = NULL, *j = NULL;
    ck_assert_int_eq(nis2_entity_new(c2, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_new(c2, &j, err), NIS2_OK);
    expect(nis2_entity_set_national_bool(e, "MT", "register_no", 1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.MT.register_no", "expected a string");
    expect(nis2_entity_set_national_number(e, "MT", "register_no", 1, err), NIS2_ERR_INVALID_FIELD,
           "$.national.MT.register_no", "expected a string");
    ck_assert_int_eq(nis2_entity_set_national_text(e, "mt", "register_no", "C 12345 \"q\"", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_national_json(j, "MT", "{\"register_no\": \"C 12345 \\\"q\\\"\"}", err), NIS2_OK);
    char *a = to_json(e), *b = to_json(j);
    ck_assert_str_eq(a, b);
    nis2_string_free(a);
    nis2_string_free(b);
    nis2_entity_free(e);
    nis2_entity_free(j);
    nis2_ctx_free(c2);
}
END_TEST

/* Every PT and DE vector: the entity document, the same entity with its national facts set by the typed setters,
 * and by nis2_entity_set_national_json, write the same entity JSON and classify the same. */
static void vectors_equivalent(const char *file)
{
    json_t *v = vectors_load(file);
    const json_t *cases = json_object_get(v, "cases");
    size_t i, n_facts = 0, n_codes = 0;
    const json_t *c;
    ck_assert_uint_gt(json_array_size(cases), 0);
    json_array_foreach(cases, i, c) {
        json_t *doc = json_deep_copy(json_object_get(c, "entity"));
        const char *id = json_string_value(json_object_get(c, "id"));
        char *full = json_dumps(doc, JSON_COMPACT);
        json_t *nat = json_incref(json_object_get(doc, "national"));
        json_object_del(doc, "national");
        char *bare = json_dumps(doc, JSON_COMPACT);
        nis2_entity *e0 = entity(full), *e1 = entity(bare), *e2 = entity(bare);
        const char *cc;
        json_t *facts;
        bool empty = false;      /* "PT": {} is written back by the JSON edge; no typed setter writes an empty object */
        json_object_foreach(nat, cc, facts) {
            empty |= json_object_size(facts) == 0;
            char *ftext = json_dumps(facts, JSON_COMPACT);
            ck_assert_msg(nis2_entity_set_national_json(e2, cc, ftext, err) == NIS2_OK, "%s: %s", id, nis2_error_message(err));
            free(ftext);
            const char *k;
            json_t *x;
            json_object_foreach(facts, k, x) {
                nis2_status st;
                n_facts++;
                if (json_is_boolean(x))
                    st = nis2_entity_set_national_bool(e1, cc, k, json_is_true(x), err);
                else if (json_is_number(x))
                    st = nis2_entity_set_national_number(e1, cc, k, json_number_value(x), err);
                else if (json_is_string(x))
                    st = nis2_entity_set_national_text(e1, cc, k, json_string_value(x), err);
                else {           /* codes: the whole list (also []), then one by one into a third entity */
                    ck_assert_msg(json_is_array(x), "%s: %s", id, k);
                    const char *codes[16];
                    size_t j, n = 0;
                    json_t *code;
                    json_array_foreach(x, j, code) {
                        ck_assert_uint_lt(n, 16);
                        codes[n++] = json_string_value(code);
                    }
                    st = nis2_entity_set_national_codes(e1, cc, k, codes, n, err);
                    n_codes++;
                }
                ck_assert_msg(st == NIS2_OK, "%s: %s: %s", id, k, nis2_error_message(err));
            }
        }
        char *j0 = to_json(e0), *j1 = to_json(e1), *j2 = to_json(e2);
        ck_assert_msg(empty || strcmp(j0, j1) == 0, "%s: typed\n%s\n%s", id, j0, j1);
        ck_assert_msg(strcmp(j0, j2) == 0, "%s: json\n%s\n%s", id, j0, j2);
        char *r0 = classify_text(e0), *r1 = classify_text(e1);
        ck_assert_msg(strcmp(r0, r1) == 0, "%s: classification differs", id);
        nis2_string_free(r0);
        nis2_string_free(r1);
        nis2_string_free(j0);
        nis2_string_free(j1);
        nis2_string_free(j2);
        nis2_entity_free(e0);
        nis2_entity_free(e1);
        nis2_entity_free(e2);
        free(full);
        free(bare);
        json_decref(nat);
        json_decref(doc);
    }
    ck_assert_uint_gt(n_facts, 10);
    if (strcmp(file, "classification_de.json") == 0)
        ck_assert_uint_gt(n_codes, 1);
    json_decref(v);
}

START_TEST(pt_vectors_equivalent)
{
    vectors_equivalent("classification_pt.json");
}
END_TEST

START_TEST(de_vectors_equivalent)
{
    vectors_equivalent("classification_de.json");
}
END_TEST

/* The JSON edge keeps entity.national as it was given: members and keys in order, null, integers and reals,
 * vendor keys at both levels, a country without an overlay holding only vendor keys, an empty object. */
START_TEST(json_round_trip)
{
    static const char *const docs[] = {
        "{\"country\":\"PT\",\"activities\":[],\"national\":{}}",
        "{\"country\":\"PT\",\"activities\":[],\"national\":{\"x_a\":{\"b\":[1,2.5,\"c\",null,true]},\"PT\":{"
        "\"conformity_level\":null,\"x_z\":1e300,\"excluded_body\":\"cmvm\",\"ict_infrastructure_remit\":false},"
        "\"FR\":{\"x_note\":\"n\"},\"GR\":{}}}",
        "{\"country\":\"DE\",\"activities\":[\"digital_infrastructure.cloud_provider\"],\"national\":{\"DE\":{"
        "\"own_employees\":12,\"own_turnover_eur\":12.0,\"own_balance_sheet_eur\":0.1,"
        "\"negligible_activities\":[\"digital_infrastructure.cloud_provider\"]}}}",
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        nis2_entity *e = entity(docs[i]);
        char *j = to_json(e);
        json_t *want = json_loads(docs[i], 0, NULL), *got = json_loads(j, 0, NULL);
        char *w = json_dumps(json_object_get(want, "national"), JSON_COMPACT | JSON_PRESERVE_ORDER);
        char *g = json_dumps(json_object_get(got, "national"), JSON_COMPACT | JSON_PRESERVE_ORDER);
        ck_assert_str_eq(w, g);
        free(w);
        free(g);
        json_decref(want);
        json_decref(got);
        nis2_string_free(j);
        nis2_entity_free(e);
    }
}
END_TEST

static const char *decided_by(const nis2_entity *e, char *buf, size_t n)
{
    nis2_result *r = NULL;
    ck_assert_int_eq(nis2_classify_ex(ctx, e, NIS2_CLASSIFY_NO_TRACE, &r, err), NIS2_OK);
    const char *d = nis2_result_decided_by(r, NIS2_VERDICT_NATIONAL);
    snprintf(buf, n, "%s", d ? d : "(none)");
    nis2_result_free(r);
    return buf;
}

/* The rules (and the authority rules) read what was set last: set, set again, unset, and other countries' members
 * before the country's own. */
START_TEST(rules_read_the_slots)
{
    char b0[64], b1[64];
    const char *K = "BSIG § 28(1) Nr. 1";
    nis2_entity *e = entity("{\"country\": \"DE\", \"activities\": [\"energy.electricity.recharging_operator\"], "
                            "\"employees\": 15, \"turnover_eur\": 2000000, \"balance_sheet_eur\": 2000000}");
    const char *without = decided_by(e, b0, sizeof b0);
    ck_assert_str_ne(without, K);
    ck_assert_int_eq(nis2_entity_set_national_bool(e, "DE", "kritis_operator", 1, err), NIS2_OK);
    ck_assert_str_eq(decided_by(e, b1, sizeof b1), K);
    ck_assert_int_eq(nis2_entity_set_national_bool(e, "DE", "kritis_operator", 0, err), NIS2_OK);
    ck_assert_str_eq(decided_by(e, b1, sizeof b1), without);
    ck_assert_int_eq(nis2_entity_set_national_bool(e, "DE", "kritis_operator", 1, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_unset_national(e, "DE", "kritis_operator", err), NIS2_OK);
    ck_assert_str_eq(decided_by(e, b1, sizeof b1), without);
    nis2_entity_free(e);
    /* Portuguese and Greek members before the German one; the fact through the JSON setter, then typed */
    e = entity("{\"country\": \"DE\", \"activities\": [\"energy.electricity.recharging_operator\"], "
               "\"employees\": 15, \"turnover_eur\": 2000000, \"balance_sheet_eur\": 2000000, \"national\": "
               "{\"PT\": {\"ict_infrastructure_remit\": true}, \"EL\": {}, \"x_v\": 1, \"GR\": {}}}");
    ck_assert_str_eq(decided_by(e, b1, sizeof b1), without);
    ck_assert_int_eq(nis2_entity_set_national_json(e, "de", "{\"kritis_operator\": true}", err), NIS2_OK);
    ck_assert_str_eq(decided_by(e, b1, sizeof b1), K);
    ck_assert_int_eq(nis2_entity_set_national_json(e, "DE", "{}", err), NIS2_OK);      /* replaces the member */
    ck_assert_str_eq(decided_by(e, b1, sizeof b1), without);
    ck_assert_int_eq(nis2_entity_set_national_bool(e, "DE", "kritis_operator", 1, err), NIS2_OK);
    ck_assert_str_eq(decided_by(e, b1, sizeof b1), K);
    char *j = to_json(e);
    ck_assert_ptr_nonnull(strstr(j, "\"national\":{\"PT\":{\"ict_infrastructure_remit\":true},\"EL\":{},\"x_v\":1,"
                                    "\"GR\":{},\"DE\":{\"kritis_operator\":true}}"));
    nis2_string_free(j);
    nis2_entity_free(e);

    /* the authority rules: DORA financial entity, its competent authority a national fact (RJC art. 15(2)(b)) */
    e = entity("{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300, "
               "\"turnover_eur\": 60000000, \"balance_sheet_eur\": 50000000, \"flags\": {\"dora_financial_entity\": true}}");
    nis2_result *r = NULL;
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_OK);
    char *rj = NULL;
    ck_assert_int_eq(nis2_result_to_json(r, 0, &rj, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(rj, "\"missing\":[\"national.PT.dora_competent_authority\"]"));
    nis2_string_free(rj);
    nis2_result_free(r);
    ck_assert_int_eq(nis2_entity_set_national_text(e, "PT", "dora_competent_authority", "cmvm", err), NIS2_OK);
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_OK);
    ck_assert_int_eq(nis2_result_to_json(r, 0, &rj, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(rj, "\"authority\":\"CMVM\""));
    nis2_string_free(rj);
    nis2_result_free(r);
    nis2_entity_free(e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("national-facts-typed");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, key_listing_matches_catalog);
    tcase_add_test(tc, setters_write_what_json_writes);
    tcase_add_test(tc, setter_errors);
    tcase_add_test(tc, codes_limit);
    tcase_add_test(tc, string_key);
    tcase_add_test(tc, pt_vectors_equivalent);
    tcase_add_test(tc, de_vectors_equivalent);
    tcase_add_test(tc, json_round_trip);
    tcase_add_test(tc, rules_read_the_slots);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
