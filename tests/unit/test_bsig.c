/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BSIG 2025 (Art. 1 NIS2UmsuCG, BGBl. 2025 I Nr. 301): Germany's overlay, data only (lib/catalog/overlays/de/,
 * the procedure of shared/domain/germany-bsig-2025.md §12 in the rule language), embedded in the catalog: every
 * vector of tests/vectors/classification_de.json, and each rule of § 28, § 29 and § 33 at, just below and just
 * above its boundaries. The same folder laid over the catalog at run time (NIS2_CATALOG_EXTEND, as
 * nis2 --catalog-extend does) answers every vector exactly as the embedded overlay (classification and duties).
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static nis2_ctx *de;            /* the embedded catalog */
static nis2_ctx *de_files;      /* lib/catalog/overlays/de/ laid over it at run time */
static json_t *cases;

/* The files lib/catalog/overlays/de/ *.json merged into one overlay object, as lib/catalog/embed.py merges a folder. */
static nis2_ctx *load_de(void)
{
    const char *root = getenv("NIS2_SOURCE_ROOT");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/lib/catalog/overlays/de", root ? root : ".");
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    json_t *ov = json_object();
    struct dirent *de_;
    while ((de_ = readdir(d)) != NULL) {
        size_t n = strlen(de_->d_name);
        if (n < 6 || strcmp(de_->d_name + n - 5, ".json") != 0)
            continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", dir, de_->d_name);
        json_t *part = json_load_file(path, 0, NULL);
        if (!json_is_object(part)) {
            fprintf(stderr, "%s does not parse\n", path);
            exit(1);
        }
        json_object_update(ov, part);
        json_decref(part);
    }
    closedir(d);
    json_object_del(ov, "x_embed");
    json_t *doc = json_pack("{s:s,s:s,s:[o]}", "name", "de-bsig-from-files", "version", "1", "overlays", ov);
    char *text = json_dumps(doc, 0);
    json_decref(doc);
    nis2_ctx *c = NULL;
    nis2_error *err = nis2_error_new();
    if (nis2_ctx_new_from_json(&c, text, strlen(text), NIS2_CATALOG_EXTEND, err) != NIS2_OK) {
        fprintf(stderr, "German overlay: %s\n", nis2_error_message(err));
        exit(1);
    }
    nis2_error_free(err);
    free(text);
    return c;
}

START_TEST(vector_case)
{
    const json_t *c = json_array_get(cases, (size_t)_i);
    char *m = vectors_check_case(de, c);
    ck_assert_msg(m == NULL, "%s", m ? m : "");
}
END_TEST

/* One vector's entity through fn in both contexts: equal JSON once the run-time result's catalog_extensions (which
 * names the extension) is set aside. */
typedef nis2_status (*json_fn)(const nis2_ctx *, const char *, size_t, uint32_t, char **, nis2_error *);

static void same_answer(json_fn fn, const char *what, const char *doc)
{
    char *a = NULL, *b = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(fn(de, doc, strlen(doc), 0, &a, err), NIS2_OK);
    ck_assert_int_eq(fn(de_files, doc, strlen(doc), 0, &b, err), NIS2_OK);
    json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
    ck_assert_ptr_nonnull(ja);
    ck_assert_ptr_nonnull(jb);
    const json_t *ext = json_object_get(jb, "catalog_extensions");
    ck_assert_msg(json_is_array(ext) && json_array_size(ext) == 1, "%s: the run-time answer names its extension", what);
    ck_assert_ptr_null(json_object_get(ja, "catalog_extensions"));
    json_object_del(jb, "catalog_extensions");
    ck_assert_msg(json_equal(ja, jb), "%s differs at run time for %s:\n%s\n%s", what, doc, a, b);
    json_decref(ja);
    json_decref(jb);
    nis2_string_free(a);
    nis2_string_free(b);
    nis2_error_free(err);
}

START_TEST(files_at_run_time_answer_as_embedded)
{
    const json_t *c = json_array_get(cases, (size_t)_i);
    char *doc = json_dumps(json_object_get(c, "entity"), JSON_COMPACT);
    same_answer(nis2_classify_json, "classification", doc);
    same_answer(nis2_obligations_json, "obligations", doc);
    free(doc);
}
END_TEST

/* One boundary: entity JSON -> category, decided_by, size class (NULL: not checked), missing (NULL: []). */
typedef struct row {
    const char *what, *doc, *category, *decided_by, *size, *missing;
} row;

#define SMALL ",\"turnover_eur\":1000000,\"balance_sheet_eur\":1000000"
#define E(acts, rest) "{\"country\":\"DE\",\"activities\":[" acts "]" rest "}"

static const row rows[] = {
    /* § 28(1) Nr. 3 / (2) Nr. 2: telecom, medium and large vs small and micro (section 3 of the reference) */
    {"telecom 49 staff", E("\"digital_infrastructure.public_electronic_communications_network\"", ",\"employees\":49" SMALL), "important", "BSIG § 28(2) Nr. 2", "small", NULL},
    {"telecom 50 staff", E("\"digital_infrastructure.public_electronic_communications_network\"", ",\"employees\":50" SMALL), "essential", "BSIG § 28(1) Nr. 3", "medium", NULL},
    {"telecom 250 staff (NIS2: 3(1)(a))", E("\"digital_infrastructure.public_electronic_communications_network\"", ",\"employees\":250" SMALL), "essential", "BSIG § 28(1) Nr. 3", "large", NULL},
    {"telecom EUR 10 M each", E("\"digital_infrastructure.publicly_available_electronic_communications_service\"", ",\"employees\":30,\"turnover_eur\":10000000,\"balance_sheet_eur\":10000000"), "important", "BSIG § 28(2) Nr. 2", "small", NULL},
    {"telecom EUR 10 000 001 each", E("\"digital_infrastructure.publicly_available_electronic_communications_service\"", ",\"employees\":30,\"turnover_eur\":10000001,\"balance_sheet_eur\":10000001"), "essential", "BSIG § 28(1) Nr. 3", "medium", NULL},
    {"telecom, no figures", E("\"digital_infrastructure.public_electronic_communications_network\"", ""), "undetermined", "BSIG § 28(1) Nr. 3", NULL, "employees,turnover_eur,balance_sheet_eur"},
    /* § 28(1) Nr. 4: Anlage 1, large */
    {"Anlage 1, 249 staff, EUR 60 M / 43 M", E("\"energy.electricity.dso\"", ",\"employees\":249,\"turnover_eur\":60000000,\"balance_sheet_eur\":43000000"), "important", "BSIG § 28(2) Nr. 3", "medium", NULL},
    {"Anlage 1, 249 staff, EUR 60 M / 43 000 001", E("\"energy.electricity.dso\"", ",\"employees\":249,\"turnover_eur\":60000000,\"balance_sheet_eur\":43000001"), "essential", "BSIG § 28(1) Nr. 4", "large", NULL},
    {"Anlage 1, 250 staff", E("\"energy.electricity.dso\"", ",\"employees\":250" SMALL), "essential", "BSIG § 28(1) Nr. 4", "large", NULL},
    {"Anlage 1 large, not for payment", E("\"energy.electricity.dso\"", ",\"employees\":900" SMALL ",\"national\":{\"DE\":{\"economic_activity\":false}}"), "out_of_scope", "BSIG § 28(2) Nr. 3", NULL, NULL},
    /* § 28(2) Nr. 3: Anlage 1 or 2, medium or larger */
    {"Anlage 2, 49 staff", E("\"manufacturing.machinery\"", ",\"employees\":49" SMALL), "out_of_scope", "BSIG § 28(2) Nr. 3", "small", NULL},
    {"Anlage 2, 50 staff", E("\"manufacturing.machinery\"", ",\"employees\":50" SMALL), "important", "BSIG § 28(2) Nr. 3", "medium", NULL},
    {"Anlage 2, 5000 staff stays important", E("\"manufacturing.machinery\"", ",\"employees\":5000" SMALL), "important", "BSIG § 28(2) Nr. 3", "large", NULL},
    {"Anlage 2, 9 staff, EUR 12 M / 11 M", E("\"manufacturing.machinery\"", ",\"employees\":9,\"turnover_eur\":12000000,\"balance_sheet_eur\":11000000"), "important", "BSIG § 28(2) Nr. 3", "medium", NULL},
    /* § 28(1) Nr. 1: critical facilities, any size; the CER flag when the key is absent (C7) */
    {"KRITIS water works, 5 staff", E("\"drinking_water.supplier_distributor\"", ",\"employees\":5" SMALL ",\"national\":{\"DE\":{\"kritis_operator\":true}}"), "essential", "BSIG § 28(1) Nr. 1", NULL, NULL},
    {"CER flag read as KRITIS", E("\"drinking_water.supplier_distributor\"", ",\"employees\":5" SMALL ",\"flags\":{\"cer_critical_entity\":true}"), "essential", "BSIG § 28(1) Nr. 1", NULL, NULL},
    {"kritis_operator false beats the CER flag", E("\"drinking_water.supplier_distributor\"", ",\"employees\":5" SMALL ",\"flags\":{\"cer_critical_entity\":true},\"national\":{\"DE\":{\"kritis_operator\":false}}"), "out_of_scope", "BSIG § 28(2) Nr. 3", NULL, NULL},
    /* § 28(1) Nr. 2, § 28(2) Nr. 1: trust services */
    {"micro QTSP", E("\"digital_infrastructure.qualified_trust_service_provider\"", ",\"employees\":2" SMALL), "essential", "BSIG § 28(1) Nr. 2", NULL, NULL},
    {"micro TSP", E("\"digital_infrastructure.trust_service_provider\"", ",\"employees\":2" SMALL), "important", "BSIG § 28(2) Nr. 1", NULL, NULL},
    {"large TSP (Anlage 1 Nr. 6.1.7)", E("\"digital_infrastructure.trust_service_provider\"", ",\"employees\":250" SMALL), "essential", "BSIG § 28(1) Nr. 4", NULL, NULL},
    /* § 28(3): negligible activities, only for Anlage matching */
    {"large car maker, charging negligible", E("\"manufacturing.motor_vehicles\",\"energy.electricity.recharging_operator\"", ",\"employees\":9000" SMALL ",\"national\":{\"DE\":{\"negligible_activities\":[\"energy.electricity.recharging_operator\"]}}"), "important", "BSIG § 28(2) Nr. 3", NULL, NULL},
    {"large car maker, charging counted", E("\"manufacturing.motor_vehicles\",\"energy.electricity.recharging_operator\"", ",\"employees\":9000" SMALL), "essential", "BSIG § 28(1) Nr. 4", NULL, NULL},
    {"only activity negligible", E("\"manufacturing.machinery\"", ",\"employees\":300" SMALL ",\"national\":{\"DE\":{\"negligible_activities\":[\"manufacturing.machinery\"]}}"), "out_of_scope", "BSIG § 28(3)", NULL, NULL},
    {"negligible not applied to DNS (C1)", E("\"digital_infrastructure.dns_provider\"", ",\"employees\":3" SMALL ",\"national\":{\"DE\":{\"negligible_activities\":[\"digital_infrastructure.dns_provider\"]}}"), "essential", "BSIG § 28(1) Nr. 2", NULL, NULL},
    /* Anlage 2 Nr. 3.1.1: chemicals (C8) */
    {"chemicals, REACH fact absent", E("\"chemicals.manufacturer_distributor\"", ",\"employees\":80" SMALL), "undetermined", "BSIG § 28(2) Nr. 3", NULL, "national.DE.reach_registrant_nace20"},
    {"chemicals, REACH registrant", E("\"chemicals.manufacturer_distributor\"", ",\"employees\":80" SMALL ",\"national\":{\"DE\":{\"reach_registrant_nace20\":true}}"), "important", "BSIG § 28(2) Nr. 3", NULL, NULL},
    {"large article producer", E("\"chemicals.article_producer\"", ",\"employees\":800" SMALL), "out_of_scope", "BSIG § 28(2) Nr. 3", NULL, NULL},
    /* § 28(4): own figures (Satz 2) */
    {"group, own 49 staff", E("\"manufacturing.machinery\"", ",\"employees\":900" SMALL ",\"national\":{\"DE\":{\"it_independent_of_group\":true,\"own_employees\":49,\"own_turnover_eur\":1000000,\"own_balance_sheet_eur\":1000000}}"), "out_of_scope", "BSIG § 28(4)", "small", NULL},
    {"group, own 50 staff", E("\"manufacturing.machinery\"", ",\"employees\":900" SMALL ",\"national\":{\"DE\":{\"it_independent_of_group\":true,\"own_employees\":50,\"own_turnover_eur\":1000000,\"own_balance_sheet_eur\":1000000}}"), "important", "BSIG § 28(2) Nr. 3", "medium", NULL},
    /* § 29, § 28(8), § 33(1) */
    {"federal ministry", E("\"de.federal_administration.authority\"", ""), "essential", "BSIG § 29(2)", NULL, NULL},
    {"public_administration.central read as federal", E("\"public_administration.central\"", ""), "essential", "BSIG § 29(2)", NULL, NULL},
    {"social-security institution", E("\"public_administration.central\"", ",\"national\":{\"DE\":{\"social_security_institution\":true}}"), "out_of_scope", "BSIG § 29(1)", NULL, NULL},
    {"municipality", E("\"public_administration.local\"", ",\"employees\":800"), "out_of_scope", "BSIG § 29(1)", NULL, NULL},
    {"§ 28(8) Land IT provider", E("\"ict_service_management.managed_service_provider\"", ",\"employees\":500" SMALL ",\"national\":{\"DE\":{\"section_28_8_exempt\":true}}"), "out_of_scope", "BSIG § 28(8)", NULL, NULL},
    {"registrar only", E("\"domain_registration.registrar\"", ",\"employees\":3" SMALL), "domain_registration_only", "BSIG § 33(1)", NULL, NULL},
};

START_TEST(boundary)
{
    const row *t = &rows[_i];
    json_error_t je;
    json_t *ent = json_loads(t->doc, 0, &je);
    ck_assert_msg(ent != NULL, "%s: %s", t->what, je.text);
    char *errmsg = NULL;
    json_t *r = classify_value(de, ent, &errmsg);
    json_decref(ent);
    ck_assert_msg(r != NULL, "%s: %s", t->what, errmsg ? errmsg : "?");
    const json_t *nat = json_object_get(r, "national");
    ck_assert_msg(json_is_object(nat) && json_object_get(nat, "category"), "%s: no national verdict", t->what);
    ck_assert_msg(strcmp(json_string_value(json_object_get(r, "category")), t->category) == 0, "%s: category %s, want %s", t->what,
                  json_string_value(json_object_get(r, "category")), t->category);
    ck_assert_msg(json_string_value(json_object_get(r, "decided_by")) && strcmp(json_string_value(json_object_get(r, "decided_by")), t->decided_by) == 0,
                  "%s: decided_by %s, want %s", t->what, json_string_value(json_object_get(r, "decided_by")), t->decided_by);
    ck_assert_str_eq(json_string_value(json_object_get(r, "law")), "DE BSIG (NIS2UmsuCG, BGBl. 2025 I Nr. 301)");
    if (t->size)
        ck_assert_msg(json_string_value(json_object_get(r, "size_class")) && strcmp(json_string_value(json_object_get(r, "size_class")), t->size) == 0,
                      "%s: size_class %s, want %s", t->what, json_string_value(json_object_get(r, "size_class")), t->size);
    char got[512] = "";
    size_t i;
    const json_t *m;
    json_array_foreach(json_object_get(r, "missing"), i, m) {
        strncat(got, i ? "," : "", sizeof got - strlen(got) - 1);
        strncat(got, json_string_value(m), sizeof got - strlen(got) - 1);
    }
    ck_assert_msg(strcmp(got, t->missing ? t->missing : "") == 0, "%s: missing [%s], want [%s]", t->what, got, t->missing ? t->missing : "");
    const char *auth = json_string_value(json_object_get(nat, "authority"));
    bool supervised = strcmp(t->category, "out_of_scope") != 0 && strcmp(t->category, "undetermined") != 0;
    ck_assert_msg(supervised ? (auth && strstr(auth, "BSI") != NULL) : auth == NULL, "%s: authority %s", t->what, auth ? auth : "null");
    json_decref(r);
}
END_TEST

/* national.DE.negligible_activities: only codes of the catalog that are also among the entity's activities. */
START_TEST(negligible_activities_errors)
{
    static const struct { const char *doc, *path; nis2_status st; } t[] = {
        {E("\"manufacturing.machinery\"", ",\"national\":{\"DE\":{\"negligible_activities\":[\"manufacturing.machinery\",\"energy.electricity.dso\"]}}"),
         "$.national.DE.negligible_activities[1]", NIS2_ERR_INVALID_FIELD},
        {E("\"manufacturing.machinery\"", ",\"national\":{\"DE\":{\"negligible_activities\":[\"no.such.code\"]}}"),
         "$.national.DE.negligible_activities[0]", NIS2_ERR_UNKNOWN_CODE},
        {E("\"manufacturing.machinery\"", ",\"national\":{\"DE\":{\"negligible_activities\":\"manufacturing.machinery\"}}"),
         "$.national.DE.negligible_activities", NIS2_ERR_INVALID_FIELD},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        nis2_error *err = nis2_error_new();
        char *out = NULL;
        nis2_status st = nis2_classify_json(de, t[i].doc, strlen(t[i].doc), 0, &out, err);
        ck_assert_msg(st == t[i].st, "%s: status %d", t[i].doc, (int)st);
        ck_assert_str_eq(nis2_error_path(err), t[i].path);
        nis2_string_free(out);
        nis2_error_free(err);
    }
}
END_TEST

/* § 28(4): a sizing rule that applies is cited once, whichever of its two readings applies. */
START_TEST(sizing_reason_once)
{
    static const char *const docs[] = {
        "{\"country\":\"DE\",\"activities\":[\"energy.electricity.dso\"],\"employees\":300,"
        "\"national\":{\"DE\":{\"territorial_authority_unit\":true}}}",
        "{\"country\":\"DE\",\"activities\":[\"energy.electricity.dso\"],\"employees\":300,"
        "\"national\":{\"DE\":{\"it_independent_of_group\":true,\"own_employees\":60}}}",
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        char *out = NULL;
        nis2_error *err = nis2_error_new();
        ck_assert_int_eq(nis2_classify_json(de, docs[i], strlen(docs[i]), 0, &out, err), NIS2_OK);
        json_t *v = json_loads(out, 0, NULL);
        size_t n = 0, k;
        json_t *rsn;
        json_array_foreach(json_object_get(v, "reasons"), k, rsn)
            n += strcmp(json_string_value(json_object_get(rsn, "ref")), "BSIG § 28(4)") == 0;
        ck_assert_msg(n == 1, "%s: § 28(4) cited %zu times", docs[i], n);
        json_decref(v);
        nis2_string_free(out);
        nis2_error_free(err);
    }
}
END_TEST

int main(void)
{
    de = test_ctx();
    de_files = load_de();
    if (!de_files) {
        fprintf(stderr, "lib/catalog/overlays/de not found (set NIS2_SOURCE_ROOT)\n");
        return 1;
    }
    json_t *doc = vectors_load("classification_de.json");
    cases = json_object_get(doc, "cases");
    Suite *s = suite_create("BSIG 2025");
    TCase *tc = tcase_create("vectors");
    tcase_add_loop_test(tc, vector_case, 0, (int)json_array_size(cases));
    tcase_add_loop_test(tc, files_at_run_time_answer_as_embedded, 0, (int)json_array_size(cases));
    suite_add_tcase(s, tc);
    tc = tcase_create("boundaries of § 28, § 29, § 33");
    tcase_add_loop_test(tc, boundary, 0, (int)(sizeof rows / sizeof rows[0]));
    tcase_add_test(tc, negligible_activities_errors);
    tcase_add_test(tc, sizing_reason_once);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    json_decref(doc);
    nis2_ctx_free(de_files);
    nis2_ctx_free(de);
    return failed ? 1 : 0;
}
