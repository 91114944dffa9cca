/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PT DL 125/2025 (RJC) — the Portuguese overlay: scope (art. 3), categories (arts 6-7), precedence (art. 7(1)),
 * exclusions (art. 3(7)-(8)), supervising authority (art. 15), run from tests/vectors/classification_pt.json and
 * from focused boundary tables written from the law (shared/domain/portugal-dl-125-2025.md §3.3). Also the
 * generic overlay path, with a synthetic data-only overlay laid over the catalog.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static json_t *cases;
static nis2_ctx *ctx;

/* Classify a JSON entity; returns the result value (aborts the test on error). */
static json_t *classify(const nis2_ctx *c, const char *doc)
{
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2_classify_json(c, doc, strlen(doc), 0, &out, err);
    ck_assert_msg(st == NIS2_OK, "classify %s: %s", doc, nis2_error_message(err));
    json_t *v = json_loads(out, 0, NULL);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

static const char *sget(const json_t *o, const char *k)
{
    const json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool has_string(const json_t *arr, const char *s)
{
    size_t i;
    const json_t *x;
    json_array_foreach(arr, i, x) if (json_is_string(x) && strcmp(json_string_value(x), s) == 0) return true;
    return false;
}

#define ASSERT_STR_OR_NULL(got, want, doc)                                                                          \
    ck_assert_msg(((got) == NULL && (want) == NULL) || ((got) && (want) && strcmp((got), (want)) == 0),           \
                  "%s: got %s, want %s", (doc), (got) ? (got) : "null", (want) ? (want) : "null")

/* Check category, decided_by and authority of the national (applicable) verdict. */
static void expect(const char *doc, const char *category, const char *decided_by, const char *authority)
{
    json_t *v = classify(ctx, doc);
    const json_t *nat = json_object_get(v, "national");
    ck_assert_msg(json_is_object(nat), "%s: no national block", doc);
    ASSERT_STR_OR_NULL(sget(v, "category"), category, doc);
    ASSERT_STR_OR_NULL(sget(nat, "category"), category, doc);
    ASSERT_STR_OR_NULL(sget(v, "decided_by"), decided_by, doc);
    ASSERT_STR_OR_NULL(sget(nat, "authority"), authority, doc);
    ck_assert_str_eq(sget(v, "law"), "PT DL 125/2025");
    json_decref(v);
}

/* ---------------------------------------------------------------- the legal vectors */

START_TEST(vector_case)
{
    const json_t *c = json_array_get(cases, (size_t)_i);
    ck_assert_ptr_nonnull(c);
    char *m = vectors_check_case(ctx, c);
    if (m) {
        ck_abort_msg("%s", m);
        free(m);
    }
}
END_TEST

/* The vector checker can fail: a ground the result does not have, and a wrong category, are reported. */
START_TEST(vector_checker_rejects_wrong_expectations)
{
    json_t *c = json_deep_copy(json_array_get(cases, 0));
    json_t *exp = json_object_get(c, "expect");
    json_object_set_new(exp, "grounds_include", json_pack("[s]", "RJC art. 7(2)(h)"));
    char *m = vectors_check_case(ctx, c);
    ck_assert_ptr_nonnull(m);
    ck_assert_msg(strstr(m, "grounds") != NULL, "%s", m);
    free(m);
    json_object_del(exp, "grounds_include");
    json_object_set_new(exp, "category", json_string("relevant_public_entity_group_b"));
    m = vectors_check_case(ctx, c);
    ck_assert_ptr_nonnull(m);
    free(m);
    json_decref(c);
}
END_TEST

/* Every Portuguese entity type is exercised by at least one vector. */
START_TEST(every_pt_type_has_a_vector)
{
    for (size_t i = 0; i < nis2_ctx_entity_type_count(ctx); i++) {
        const char *code = nis2_ctx_entity_type_code(ctx, i);
        if (strncmp(code, "pt.", 3) != 0)
            continue;
        bool found = false;
        size_t k;
        json_t *c;
        json_array_foreach(cases, k, c) found |= has_string(json_object_get(json_object_get(c, "entity"), "activities"), code);
        ck_assert_msg(found, "no vector uses %s", code);
    }
}
END_TEST

/* ---------------------------------------------------------------- art. 7 headcount boundaries */

typedef struct hc_case {
    const char *code;
    double n;
    const char *category;
    const char *decided_by;
} hc_case;

#define A "relevant_public_entity_group_a"
#define B "relevant_public_entity_group_b"
#define OUT "out_of_scope"
#define UND "undetermined"

static const hc_case headcount[] = {
    /* (a) State direct administration: 250 or more / 75-249 */
    {"state_direct", 74, OUT, "RJC art. 7(3)(a)"}, {"state_direct", 75, B, "RJC art. 7(3)(a)"},
    {"state_direct", 249, B, "RJC art. 7(3)(a)"}, {"state_direct", 250, A, "RJC art. 7(2)(a)"},
    {"state_direct", 251, A, "RJC art. 7(2)(a)"}, {"state_direct", 74.5, OUT, "RJC art. 7(3)(a)"},
    {"state_direct", 249.5, UND, "RJC art. 7(2)(a)"},
    /* (b) Autonomous Regions' direct administration: 250 or more / 75-249 */
    {"region_direct", 74, OUT, "RJC art. 7(3)(b)"}, {"region_direct", 75, B, "RJC art. 7(3)(b)"},
    {"region_direct", 249, B, "RJC art. 7(3)(b)"}, {"region_direct", 250, A, "RJC art. 7(2)(b)"},
    {"region_direct", 251, A, "RJC art. 7(2)(b)"},
    /* (c) State indirect administration: more than 250 / 75-249; exactly 250 is in neither group */
    {"state_indirect", 74, OUT, "RJC art. 7(3)(c)"}, {"state_indirect", 75, B, "RJC art. 7(3)(c)"},
    {"state_indirect", 249, B, "RJC art. 7(3)(c)"}, {"state_indirect", 250, UND, "RJC art. 7(2)(c)"},
    {"state_indirect", 251, A, "RJC art. 7(2)(c)"}, {"state_indirect", 250.5, A, "RJC art. 7(2)(c)"},
    /* (d) Autonomous Regions' indirect administration */
    {"region_indirect", 74, OUT, "RJC art. 7(3)(d)"}, {"region_indirect", 75, B, "RJC art. 7(3)(d)"},
    {"region_indirect", 249, B, "RJC art. 7(3)(d)"}, {"region_indirect", 250, UND, "RJC art. 7(2)(d)"},
    {"region_indirect", 251, A, "RJC art. 7(2)(d)"},
    /* (e) autonomous administration (municipalities, parishes, public associations) */
    {"autonomous", 0, OUT, "RJC art. 7(3)(e)"}, {"autonomous", 74, OUT, "RJC art. 7(3)(e)"},
    {"autonomous", 75, B, "RJC art. 7(3)(e)"}, {"autonomous", 249, B, "RJC art. 7(3)(e)"},
    {"autonomous", 250, UND, "RJC art. 7(2)(e)"}, {"autonomous", 251, A, "RJC art. 7(2)(e)"},
    /* (g), (h): Group A whatever the size */
    {"independent_entity", 1, A, "RJC art. 7(2)(g)"}, {"independent_entity", 74, A, "RJC art. 7(2)(g)"},
    {"independent_entity", 250, A, "RJC art. 7(2)(g)"}, {"sovereign_services", 3, A, "RJC art. 7(2)(h)"},
    {"sovereign_services", 250, A, "RJC art. 7(2)(h)"},
};

START_TEST(art7_headcount_boundary)
{
    const hc_case *h = &headcount[_i];
    char doc[256];
    snprintf(doc, sizeof doc, "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.%s\"], \"employees\": %g}",
             h->code, h->n);
    expect(doc, h->category, h->decided_by, strcmp(h->category, A) == 0 || strcmp(h->category, B) == 0 ? "CNCS" : NULL);
    /* the gap is explained, never silent */
    if (strcmp(h->category, UND) == 0) {
        json_t *v = classify(ctx, doc);
        const json_t *rs = json_object_get(v, "reasons");
        bool said = false;
        size_t i;
        const json_t *x;
        json_array_foreach(rs, i, x) said |= strstr(sget(x, "text"), "neither group") != NULL ||
                                              strstr(sget(x, "text"), "whole number") != NULL;
        ck_assert_msg(said, "%s: the gap is not explained", doc);
        ck_assert_uint_eq(json_array_size(json_object_get(v, "missing")), 0);
        json_decref(v);
    }
}
END_TEST

/* ---------------------------------------------------------------- art. 7(2)(f)/(3)(f): SME classes of an EPE */

typedef struct epe_case {
    const char *figures;
    const char *size_class;
    const char *category;
    const char *decided_by;
} epe_case;

static const epe_case epe[] = {
    {"\"employees\": 5, \"turnover_eur\": 1000000, \"balance_sheet_eur\": 1000000", "micro", OUT, "RJC art. 7(3)(f)"},
    {"\"employees\": 49, \"turnover_eur\": 10000000, \"balance_sheet_eur\": 10000000", "small", OUT, "RJC art. 7(3)(f)"},
    {"\"employees\": 50, \"turnover_eur\": 1000000, \"balance_sheet_eur\": 1000000", "medium", B, "RJC art. 7(3)(f)"},
    {"\"employees\": 20, \"turnover_eur\": 10000001, \"balance_sheet_eur\": 10000001", "medium", B, "RJC art. 7(3)(f)"},
    {"\"employees\": 249, \"turnover_eur\": 50000000, \"balance_sheet_eur\": 43000000", "medium", B, "RJC art. 7(3)(f)"},
    {"\"employees\": 249, \"turnover_eur\": 50000001, \"balance_sheet_eur\": 43000001", "large", A, "RJC art. 7(2)(f)"},
    {"\"employees\": 250, \"turnover_eur\": 1000000, \"balance_sheet_eur\": 1000000", "large", A, "RJC art. 7(2)(f)"},
    {"\"employees\": 8", NULL, UND, "RJC art. 7(2)(f)"},
};

START_TEST(epe_sme_class)
{
    const epe_case *c = &epe[_i];
    char doc[256];
    snprintf(doc, sizeof doc, "{\"country\": \"PT\", \"activities\": [\"pt.public_business_entity\"], %s}", c->figures);
    expect(doc, c->category, c->decided_by, strcmp(c->category, A) == 0 || strcmp(c->category, B) == 0 ? "CNCS" : NULL);
    json_t *v = classify(ctx, doc);
    ASSERT_STR_OR_NULL(sget(v, "size_class"), c->size_class, doc);
    json_decref(v);
}
END_TEST

/* ---------------------------------------------------------------- precedence (art. 7(1), 6(2)-(3)) */

typedef struct prec_case {
    const char *what;
    const char *doc;
    const char *category;
    const char *decided_by;
} prec_case;

static const prec_case precedence[] = {
    {"essential over Group A", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.autonomous\"], \"employees\": 900, \"flags\": {\"cer_critical_entity\": true}}",
     "essential", "RJC art. 6(1)(e)"},
    {"essential over Group B", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\"], \"employees\": 100, \"flags\": {\"cer_critical_entity\": true}}",
     "essential", "RJC art. 6(1)(e)"},
    {"important over Group A", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\", \"research.research_organisation\"], \"employees\": 400}",
     "important", "RJC art. 6(2)"},
    {"important over Group B", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.autonomous\", \"waste_water.operator\"], \"employees\": 120, \"turnover_eur\": 9000000, \"balance_sheet_eur\": 9000000}",
     "important", "RJC art. 6(2)"},
    {"Group A over domain registration", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.independent_entity\", \"domain_registration.registrar\"], \"employees\": 60}",
     "relevant_public_entity_group_a", "RJC art. 7(2)(g)"},
    {"Group B over domain registration", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.autonomous\", \"domain_registration.registrar\"], \"employees\": 80}",
     "relevant_public_entity_group_b", "RJC art. 7(3)(e)"},
    {"gap at 250 blocks a lower match", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.autonomous\", \"domain_registration.registrar\"], \"employees\": 250}",
     "undetermined", "RJC art. 7(2)(e)"},
    {"gap at 250 does not matter when essential", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.region_indirect\"], \"employees\": 250, \"flags\": {\"cer_critical_entity\": true}}",
     "essential", "RJC art. 6(1)(e)"},
    {"gap at 250 does not matter when important", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.autonomous\", \"waste_management.operator\"], \"employees\": 250}",
     "important", "RJC art. 6(2)"},
    {"unknown money blocks essential (8 persons may still exceed EUR 50M and 43M)", "{\"country\": \"PT\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 8}",
     "undetermined", "RJC art. 6(1)(a)"},
    {"unknown size blocks important", "{\"country\": \"PT\", \"activities\": [\"manufacturing.machinery\"], \"turnover_eur\": 12000000}",
     "undetermined", "RJC art. 6(2)"},
    {"Anexo II never essential by size", "{\"country\": \"PT\", \"activities\": [\"manufacturing.machinery\"], \"employees\": 5000}",
     "important", "RJC art. 6(2)"},
    {"first letter of art. 6(1) decides", "{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 1200, \"flags\": {\"cer_critical_entity\": true}}",
     "essential", "RJC art. 6(1)(a)"},
    {"6(1)(d) without CNCS decision stays REP", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.autonomous\"], \"employees\": 300, \"national\": {\"PT\": {\"high_digital_integration\": true}}}",
     "relevant_public_entity_group_a", "RJC art. 7(2)(e)"},
    {"6(1)(d) not for art. 3(4) bodies", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.sovereign_services\"], \"employees\": 300, \"flags\": {\"member_state_designation\": \"essential\"}}",
     "undetermined", "RJC art. 6(1)(f)"},
    {"designated important Anexo entity", "{\"country\": \"PT\", \"activities\": [\"waste_management.operator\"], \"employees\": 4, \"flags\": {\"member_state_designation\": \"important\"}}",
     "important", "RJC art. 6(3)"},
    {"public e-comms, medium or large unknown", "{\"country\": \"PT\", \"activities\": [\"digital_infrastructure.public_electronic_communications_network\"], \"employees\": 100}",
     "essential", "RJC art. 6(1)(c)"},
    {"public e-comms, no figures", "{\"country\": \"PT\", \"activities\": [\"digital_infrastructure.public_electronic_communications_network\"]}",
     "undetermined", "RJC art. 6(1)(a)"},
    {"private entity outside the Union", "{\"country\": \"PT\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 300, \"flags\": {\"provides_services_in_union\": false}}",
     "out_of_scope", "RJC art. 3(1)(b)"},
    {"two public natures", "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\", \"pt.public_administration.autonomous\"], \"employees\": 300}",
     "undetermined", "RJC art. 3(3)"},
};

START_TEST(precedence_combination)
{
    const prec_case *c = &precedence[_i];
    json_t *v = classify(ctx, c->doc);
    ASSERT_STR_OR_NULL(sget(v, "category"), c->category, c->what);
    ASSERT_STR_OR_NULL(sget(v, "decided_by"), c->decided_by, c->what);
    json_decref(v);
}
END_TEST

/* ---------------------------------------------------------------- exclusions (art. 3(7)-(8)) */

typedef struct excl_case {
    const char *body;
    const char *letter;
} excl_case;

static const excl_case systems_excl[] = {
    {"armed_forces_command_control", "RJC art. 3(7)(a)"},   {"criminal_police_command_control", "RJC art. 3(7)(b)"},
    {"intelligence_service", "RJC art. 3(7)(c)"},          {"classified_information_systems", "RJC art. 3(7)(d)"},
    {"security_defence_other", "RJC art. 3(7)(e)"},
};

START_TEST(exclusion_of_systems)
{
    const excl_case *x = &systems_excl[_i];
    char doc[512];
    /* all systems excluded: out of scope under that letter */
    snprintf(doc, sizeof doc, "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\"], \"employees\": 900,"
             " \"national\": {\"PT\": {\"excluded_body\": \"%s\", \"all_systems_excluded\": true}}}", x->body);
    expect(doc, OUT, x->letter, NULL);
    /* only some systems: classified for the others, the exclusion is a ground */
    snprintf(doc, sizeof doc, "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\"], \"employees\": 900,"
             " \"national\": {\"PT\": {\"excluded_body\": \"%s\"}}}", x->body);
    expect(doc, A, "RJC art. 7(2)(a)", "CNCS");
    json_t *v = classify(ctx, doc);
    ck_assert_msg(has_string(json_object_get(json_object_get(v, "national"), "grounds"), x->letter), "%s: ground %s", doc, x->letter);
    json_decref(v);
}
END_TEST

static const char *const entity_excl[] = {"banco_de_portugal", "cmvm", "asf"};

START_TEST(exclusion_of_supervisors)
{
    char doc[512];
    /* even a CER critical entity with an Anexo I type is out (art. 3(5) does not reach them) */
    snprintf(doc, sizeof doc, "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.independent_entity\", \"banking.credit_institution\"],"
             " \"employees\": 1800, \"flags\": {\"cer_critical_entity\": true, \"member_state_designation\": \"essential\"},"
             " \"national\": {\"PT\": {\"excluded_body\": \"%s\"}}}", entity_excl[_i]);
    expect(doc, OUT, "RJC art. 3(8)", NULL);
    json_t *v = classify(ctx, doc);
    const json_t *g = json_object_get(json_object_get(v, "national"), "grounds");
    ck_assert(has_string(g, "RJC art. 3(3)(f)") && has_string(g, "RJC art. 3(5)") && has_string(g, "RJC art. 3(8)"));
    /* the Directive's own answer is untouched */
    ck_assert_str_eq(sget(json_object_get(v, "directive"), "category"), "essential");
    json_decref(v);
}
END_TEST

START_TEST(exclusion_of_exclusive_suppliers)
{
    expect("{\"country\": \"PT\", \"activities\": [\"digital_infrastructure.trust_service_provider\"], \"employees\": 20,"
           " \"national\": {\"PT\": {\"excluded_body\": \"exclusive_supplier\"}}}", OUT, "RJC art. 3(7)(f)", NULL);
    /* the same entity without the exclusion is important (size-independent, art. 3(2)(a)(ii)) */
    expect("{\"country\": \"PT\", \"activities\": [\"digital_infrastructure.trust_service_provider\"], \"employees\": 20,"
           " \"turnover_eur\": 2000000, \"balance_sheet_eur\": 2000000}",
           "important", "RJC art. 6(2)", "GNS");
}
END_TEST

/* ---------------------------------------------------------------- divergences from the Directive */

START_TEST(directive_answer_is_kept_beside_the_national_one)
{
    json_t *v = classify(ctx, "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\"], \"employees\": 120}");
    const json_t *d = json_object_get(v, "directive");
    ck_assert_str_eq(sget(d, "category"), "essential");                      /* NIS2 Art. 3(1)(d) */
    ck_assert_str_eq(sget(d, "decided_by"), "NIS2 Art. 3(1)(d)");
    ck_assert_str_eq(sget(v, "category"), B);                                  /* not essential in Portugal */
    ck_assert_str_eq(sget(json_object_get(v, "national"), "country"), "PT");
    json_decref(v);
    /* a former NIS1 operator that the Directive keeps essential under the option is not essential in Portugal */
    v = classify(ctx, "{\"country\": \"PT\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 120, \"turnover_eur\": 9e6,"
                      " \"balance_sheet_eur\": 9e6, \"flags\": {\"nis1_operator_of_essential_services\": true,"
                      " \"member_state_keeps_nis1_oes_as_essential\": true}}");
    ck_assert_str_eq(sget(json_object_get(v, "directive"), "decided_by"), "NIS2 Art. 3(1)(g)");
    ck_assert_str_eq(sget(v, "category"), "important");
    json_decref(v);
}
END_TEST

START_TEST(typed_getters_give_the_national_verdict)
{
    nis2_error *err = nis2_error_new();
    nis2_entity *e;
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, "PT", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_add_activity(e, "pt.public_administration.autonomous", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_figure(e, NIS2_PERIOD_LATEST, NIS2_FIGURE_EMPLOYEES, 300, err), NIS2_OK);
    nis2_result *r;
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_OK);
    ck_assert_int_eq(nis2_result_has_verdict(r, NIS2_VERDICT_NATIONAL), 1);
    ck_assert_str_eq(nis2_result_category(r, NIS2_VERDICT_APPLICABLE), A);
    ck_assert_uint_eq(nis2_result_category_id(r, NIS2_VERDICT_NATIONAL), NIS2_CATEGORY_NATIONAL);
    ck_assert_str_eq(nis2_result_decided_by(r, NIS2_VERDICT_NATIONAL), "RJC art. 7(2)(e)");
    ck_assert_uint_eq(nis2_result_category_id(r, NIS2_VERDICT_DIRECTIVE), NIS2_CATEGORY_OUT_OF_SCOPE);
    ck_assert_str_eq(nis2_result_law(r), "PT DL 125/2025");
    ck_assert_str_eq(nis2_result_authority(r), "CNCS");
    nis2_result_free(r);
    nis2_entity_free(e);
    /* a country without an overlay: the Directive's answer, no national verdict */
    json_t *v = classify(ctx, "{\"country\": \"ES\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300}");
    ck_assert_str_eq(sget(v, "law"), "EU 2022/2555");
    const json_t *nat = json_object_get(v, "national");
    ck_assert(json_is_false(json_object_get(nat, "encoded")));
    ck_assert(json_is_null(json_object_get(nat, "law")));     /* Spain: no transposition recorded in the catalog */
    ck_assert_ptr_null(json_object_get(nat, "category"));
    ck_assert_str_eq(sget(v, "decided_by"), "NIS2 Art. 3(1)(a)");
    json_decref(v);
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- authority (art. 15) */

START_TEST(dora_entity_without_its_authority)
{
    json_t *v = classify(ctx, "{\"country\": \"PT\", \"activities\": [], \"employees\": 900, \"flags\": {\"cer_critical_entity\": true,"
                              " \"dora_financial_entity\": true}}");
    ck_assert_str_eq(sget(v, "category"), "essential");                       /* the category stands */
    ck_assert(json_is_null(json_object_get(json_object_get(v, "national"), "authority")));
    ck_assert(has_string(json_object_get(v, "missing"), "national.PT.dora_competent_authority"));
    json_decref(v);
    expect("{\"country\": \"PT\", \"activities\": [], \"employees\": 900, \"flags\": {\"cer_critical_entity\": true,"
           " \"dora_financial_entity\": true}, \"national\": {\"PT\": {\"dora_competent_authority\": \"cmvm\"}}}",
           "essential", "RJC art. 6(1)(e)", "CMVM");
    expect("{\"country\": \"PT\", \"activities\": [\"postal.service_provider\"], \"employees\": 60}", "important", "RJC art. 6(2)", "ANACOM");
}
END_TEST

/* ---------------------------------------------------------------- national.PT validation */

typedef struct bad_nat {
    const char *national;
    nis2_status status;
    const char *path;
    const char *in_message;
} bad_nat;

static const bad_nat bad_national[] = {
    {"{\"PT\": {\"excluded\": \"cmvm\"}}", NIS2_ERR_UNKNOWN_KEY, "$.national.PT.excluded", "unknown key"},
    {"{\"PT\": {\"excluded_body\": \"army\"}}", NIS2_ERR_INVALID_FIELD, "$.national.PT.excluded_body", "\"banco_de_portugal\""},
    {"{\"PT\": {\"excluded_body\": 3}}", NIS2_ERR_INVALID_FIELD, "$.national.PT.excluded_body", "expected one of"},
    {"{\"PT\": {\"ict_infrastructure_remit\": \"yes\"}}", NIS2_ERR_INVALID_FIELD, "$.national.PT.ict_infrastructure_remit", "true or false"},
    {"{\"PT\": {\"higher_education_sector\": \"state\"}}", NIS2_ERR_INVALID_FIELD, "$.national.PT.higher_education_sector", "\"public\""},
    {"{\"PT\": {\"started_activity_on\": \"2026-13-01\"}}", NIS2_ERR_INVALID_FIELD, "$.national.PT.started_activity_on", "YYYY-MM-DD"},
    {"{\"PT\": []}", NIS2_ERR_INVALID_FIELD, "$.national.PT", "expected an object"},
};

START_TEST(national_keys_are_validated)
{
    const bad_nat *b = &bad_national[_i];
    char doc[512];
    snprintf(doc, sizeof doc, "{\"country\": \"PT\", \"activities\": [], \"national\": %s}", b->national);
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_classify_json(ctx, doc, strlen(doc), 0, &out, err);
    ck_assert_msg(st == b->status, "%s: %s (%s)", doc, nis2_status_name(st), nis2_error_message(err));
    ck_assert_ptr_null(out);
    ck_assert_str_eq(nis2_error_path(err), b->path);
    ck_assert_msg(strstr(nis2_error_message(err), b->in_message), "%s lacks %s", nis2_error_message(err), b->in_message);
    nis2_error_free(err);
}
END_TEST

START_TEST(vendor_keys_and_dates_are_accepted)
{
    json_t *v = classify(ctx, "{\"country\": \"PT\", \"activities\": [], \"national\": {\"PT\": {\"x_note\": 1,"
                              " \"started_activity_on\": \"2026-05-04\", \"conformity_level\": \"elevado\"}}}");
    ck_assert_str_eq(sget(v, "category"), "out_of_scope");
    ck_assert_str_eq(sget(v, "decided_by"), "RJC art. 3(1)");
    json_decref(v);
}
END_TEST

/* ---------------------------------------------------------------- a second Member State, data only */

static const char *const mt_overlay =
    "{" TEST_EXT_ID "\"overlays\": [{\"country\": \"MT\", \"law\": \"MT LN 1/2026\","
    " \"entity_types\": [{\"code\": \"mt.local_council\", \"annex\": \"none\", \"sector\": \"public_administration\","
    "   \"label\": {\"en\": \"Local council\", \"mt\": \"Kunsill lokali\"}, \"ref\": \"MT reg. 3(2)\", \"role\": \"public_administration_local\"}],"
    " \"categories\": [{\"id\": \"essential\", \"rank\": 1, \"directive_equivalent\": \"essential\"},"
    "   {\"id\": \"important\", \"rank\": 2, \"directive_equivalent\": \"important\"},"
    "   {\"id\": \"local_entity\", \"rank\": 3, \"directive_equivalent\": \"member_state_option\"}],"
    " \"options\": {\"local\": {\"directive_ref\": \"NIS2 Art. 2(5)(a)\", \"ref\": \"MT reg. 3(2)\","
    "   \"directive_flag\": {\"member_state_opts_in_local_public_administration\": true}}},"
    " \"national_keys\": {\"sector_code\": {\"type\": \"enum\", \"values\": [\"a\", \"b\"]}},"
    " \"mapping\": {\"directive_to_national\": [{\"directive\": \"NIS2 Art. 3(1)(a)\", \"national\": \"MT reg. 4(1)(a)\"},"
    "   {\"directive\": \"NIS2 Art. 2(1)\", \"national\": \"MT reg. 3(1)\"}, {\"directive\": \"NIS2 Art. 2(5)(a)\", \"national\": \"MT reg. 3(2)\"},"
    "   {\"directive\": \"NIS2 Art. 3(1)(g)\", \"national\": null}]},"
    " \"authorities\": {\"rules\": [{\"when\": {\"category_in\": [\"out_of_scope\", \"undetermined\"]}, \"authority\": null},"
    "   {\"when\": {\"code_prefix\": \"banking.\"}, \"authority\": \"MFSA\", \"ref\": \"MT reg. 9\"},"
    "   {\"when\": {\"national_key\": {\"sector_code\": \"b\"}}, \"authority\": \"Sector B body\", \"ref\": \"MT reg. 9\"},"
    "   {\"when\": {}, \"authority\": \"NCSA\", \"ref\": \"MT reg. 8\"}]}}]}";

static nis2_ctx *mt_ctx(void)
{
    nis2_ctx *c = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2_ctx_new_from_json(&c, mt_overlay, strlen(mt_overlay), NIS2_CATALOG_EXTEND, err);
    ck_assert_msg(st == NIS2_OK, "synthetic overlay: %s", nis2_error_message(err));
    nis2_error_free(err);
    return c;
}

START_TEST(data_only_overlay_restates_the_directive)
{
    nis2_ctx *c = mt_ctx();
    json_t *v = classify(c, "{\"country\": \"MT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300}");
    ck_assert_str_eq(sget(v, "law"), "MT LN 1/2026");
    ck_assert_str_eq(sget(v, "category"), "essential");
    ck_assert_str_eq(sget(v, "decided_by"), "MT reg. 4(1)(a)");
    ck_assert_str_eq(sget(json_object_get(v, "directive"), "decided_by"), "NIS2 Art. 3(1)(a)");
    const json_t *nat = json_object_get(v, "national");
    ck_assert_str_eq(sget(nat, "authority"), "NCSA");
    ck_assert(has_string(json_object_get(nat, "grounds"), "MT reg. 3(1)"));
    json_decref(v);
    /* the option the Member State uses changes the national answer, not the Directive's */
    v = classify(c, "{\"country\": \"MT\", \"activities\": [\"mt.local_council\"], \"employees\": 40}");
    ck_assert_str_eq(sget(v, "category"), "local_entity");
    ck_assert_str_eq(sget(v, "decided_by"), "MT reg. 3(2)");
    ck_assert_str_eq(sget(json_object_get(v, "directive"), "category"), "out_of_scope");
    json_decref(v);
    /* sector rule, national key rule, unmapped provision kept as the Directive's */
    v = classify(c, "{\"country\": \"MT\", \"activities\": [\"banking.credit_institution\"], \"employees\": 300}");
    ck_assert_str_eq(sget(json_object_get(v, "national"), "authority"), "MFSA");
    json_decref(v);
    v = classify(c, "{\"country\": \"MT\", \"activities\": [\"manufacturing.machinery\"], \"employees\": 60,"
                    " \"national\": {\"MT\": {\"sector_code\": \"b\"}}}");
    ck_assert_str_eq(sget(v, "decided_by"), "NIS2 Art. 3(2)");
    ck_assert_str_eq(sget(json_object_get(v, "national"), "authority"), "Sector B body");
    json_decref(v);
    /* out of scope: no authority */
    v = classify(c, "{\"country\": \"MT\", \"activities\": [], \"employees\": 60}");
    ck_assert_str_eq(sget(v, "decided_by"), "MT reg. 3(1)");
    ck_assert(json_is_null(json_object_get(json_object_get(v, "national"), "authority")));
    json_decref(v);
    /* national keys of the data-only overlay are validated */
    const char *bad = "{\"country\": \"MT\", \"activities\": [], \"national\": {\"MT\": {\"sector_code\": \"z\"}}}";
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(c, bad, strlen(bad), 0, &out, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.national.MT.sector_code");
    nis2_error_free(err);
    /* the Portuguese overlay is untouched by the extension */
    v = classify(c, "{\"country\": \"PT\", \"activities\": [\"pt.public_administration.autonomous\"], \"employees\": 80}");
    ck_assert_str_eq(sget(v, "category"), B);
    json_decref(v);
    nis2_ctx_free(c);
}
END_TEST

typedef struct bad_overlay {
    const char *doc;
    const char *in_message;
} bad_overlay;

static const bad_overlay bad_overlays[] = {
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"authorities\": {\"rules\": [{\"when\": {\"flag\": \"no_such_flag\"}, \"authority\": \"X\"}]}}]}",
     "'flag'"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"authorities\": {\"rules\": [{\"when\": {\"colour\": \"red\"}, \"authority\": \"X\"}]}}]}",
     "unknown condition"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"authorities\": {\"rules\": [{\"when\": {\"role_in\": [\"king\"]}, \"authority\": \"X\"}]}}]}",
     "unknown role"},
    /* a national_key condition compares the fact with one scalar: an array, object or null would never match */
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"national_keys\": {\"k\": {\"type\": \"string\"}},"
     " \"authorities\": {\"rules\": [{\"when\": {\"national_key\": {\"k\": [\"a\", \"b\"]}}, \"authority\": \"X\"}]}}]}",
     "must be a boolean, number or string"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"national_keys\": {\"k\": {\"type\": \"boolean\"}},"
     " \"authorities\": {\"rules\": [{\"when\": {\"national_key\": {\"k\": null}}, \"authority\": \"X\"}]}}]}",
     "must be a boolean, number or string"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"national_keys\": {\"k\": {\"type\": \"colour\"}}}]}", "'type'"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"national_keys\": {\"k\": {\"type\": \"enum\"}}}]}", "values"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"categories\": [{\"id\": \"x\"}]}]}", "rank"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"options\": {\"o\": {\"directive_flag\": {\"bogus\": true}}}}]}", "flag"},
    {"{\"overlays\": [{\"country\": \"MT\", \"law\": \"MT\", \"entity_types\": [{\"code\": \"pt.x\", \"annex\": \"none\","
     " \"sector\": \"s\", \"label\": \"l\", \"ref\": \"r\", \"role\": \"national\"}]}]}", "must start with 'mt.'"},
};

START_TEST(bad_overlay_data_is_a_catalog_error)
{
    const bad_overlay *b = &bad_overlays[_i];
    nis2_ctx *c = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2_ctx_new_from_json(&c, b->doc, strlen(b->doc), NIS2_CATALOG_EXTEND, err);
    ck_assert_int_eq(st, NIS2_ERR_CATALOG);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(nis2_error_message(err), b->in_message), "'%s' lacks '%s'", nis2_error_message(err), b->in_message);
    ck_assert_msg(strncmp(nis2_error_path(err), "$.overlays[", 11) == 0, "path %s", nis2_error_path(err));
    nis2_error_free(err);
}
END_TEST

int main(void)
{
    json_t *doc = vectors_load("classification_pt.json");
    cases = json_incref(json_object_get(doc, "cases"));
    json_decref(doc);
    ctx = test_ctx();

    Suite *s = suite_create("PT DL 125/2025 (RJC)");
    TCase *tc = tcase_create("legal vectors");
    tcase_add_loop_test(tc, vector_case, 0, (int)json_array_size(cases));
    tcase_add_test(tc, vector_checker_rejects_wrong_expectations);
    tcase_add_test(tc, every_pt_type_has_a_vector);
    suite_add_tcase(s, tc);

    tc = tcase_create("boundaries and precedence");
    tcase_add_loop_test(tc, art7_headcount_boundary, 0, (int)(sizeof headcount / sizeof headcount[0]));
    tcase_add_loop_test(tc, epe_sme_class, 0, (int)(sizeof epe / sizeof epe[0]));
    tcase_add_loop_test(tc, precedence_combination, 0, (int)(sizeof precedence / sizeof precedence[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("exclusions, divergences, authority");
    tcase_add_loop_test(tc, exclusion_of_systems, 0, (int)(sizeof systems_excl / sizeof systems_excl[0]));
    tcase_add_loop_test(tc, exclusion_of_supervisors, 0, 3);
    tcase_add_test(tc, exclusion_of_exclusive_suppliers);
    tcase_add_test(tc, directive_answer_is_kept_beside_the_national_one);
    tcase_add_test(tc, typed_getters_give_the_national_verdict);
    tcase_add_test(tc, dora_entity_without_its_authority);
    tcase_add_loop_test(tc, national_keys_are_validated, 0, (int)(sizeof bad_national / sizeof bad_national[0]));
    tcase_add_test(tc, vendor_keys_and_dates_are_accepted);
    suite_add_tcase(s, tc);

    tc = tcase_create("overlay mechanism");
    tcase_add_test(tc, data_only_overlay_restates_the_directive);
    tcase_add_loop_test(tc, bad_overlay_data_is_a_catalog_error, 0, (int)(sizeof bad_overlays / sizeof bad_overlays[0]));
    suite_add_tcase(s, tc);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    json_decref(cases);
    nis2_ctx_free(ctx);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
