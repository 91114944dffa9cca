/* SPDX-License-Identifier: Apache-2.0 */
/*
 * NIS2 Arts 20-34 and RJC (PT DL 125/2025) arts 8-68: which duties bind an entity, its supervision regime and
 * its maximum fine. Every boundary of Art. 34(4)-(5) (turnover share = fixed amount), every role restriction
 * (Arts 23(4) 2nd subpara, 26-28, IR 2024/2690), DORA (Art. 4), Portugal's categories incl. Groups A/B, the
 * catalog validation and every error path of the JSON entry point.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile_json.h"
#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "model/names.h"
#include "rules/obligations.h"
#include "vectors.h"

static nis2_ctx *ctx;

/* Obligations JSON for an entity document; fails the test on error. */
static json_t *obl(const char *entity)
{
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2_obligations_json(ctx, entity, strlen(entity), 0, &out, err);
    ck_assert_msg(st == NIS2_OK, "%s: %s (%s)", entity, nis2_error_message(err), nis2_error_path(err));
    json_error_t je;
    json_t *v = json_loads(out, 0, &je);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

static const json_t *item(const json_t *doc, const char *id)
{
    size_t i;
    const json_t *x;
    json_array_foreach(json_object_get(doc, "obligations"), i, x) if (strcmp(json_string_value(json_object_get(x, "id")), id) == 0) return x;
    return NULL;
}

static bool has(const json_t *doc, const char *id)
{
    return item(doc, id) != NULL;
}

static const char *sget(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static double max_fine(const json_t *doc)
{
    const json_t *f = json_object_get(doc, "max_fine");
    ck_assert_msg(json_is_object(f), "max_fine is not an object");
    const json_t *e = json_object_get(f, "eur");
    return json_is_null(e) ? -1 : json_number_value(e);
}

#define LARGE "\"employees\": 300, \"turnover_eur\": 80000000, \"balance_sheet_eur\": 60000000"
#define MEDIUM "\"employees\": 100, \"turnover_eur\": 30000000, \"balance_sheet_eur\": 20000000"

/* ---------------------------------------------------------------- essential vs important */

START_TEST(essential_vs_important_supervision)
{
    json_t *e = obl("{\"country\": \"AT\", \"activities\": [\"energy.electricity.dso\"], " LARGE "}");
    ck_assert_str_eq(sget(e, "category"), "essential");
    ck_assert_str_eq(sget(e, "supervision"), "ex_ante_and_ex_post");
    ck_assert_str_eq(sget(e, "supervision_ref"), "NIS2 Art. 32");
    ck_assert(has(e, "nis2.art32.submit_to_supervision"));
    ck_assert(!has(e, "nis2.art33.submit_to_supervision"));
    ck_assert(has(e, "nis2.art21.h_cryptography") && has(e, "nis2.art23.early_warning"));
    ck_assert_str_eq(sget(json_object_get(e, "max_fine"), "ref"), "NIS2 Art. 34(4)");
    json_decref(e);

    json_t *i = obl("{\"country\": \"AT\", \"activities\": [\"energy.electricity.dso\"], " MEDIUM "}");
    ck_assert_str_eq(sget(i, "category"), "important");
    ck_assert_str_eq(sget(i, "supervision"), "ex_post");
    ck_assert_str_eq(sget(i, "supervision_ref"), "NIS2 Art. 33");
    ck_assert(!has(i, "nis2.art32.submit_to_supervision"));
    ck_assert(has(i, "nis2.art33.submit_to_supervision"));
    ck_assert(has(i, "nis2.art32.comply_with_enforcement"));   /* Arts 32(4) and 33(4) */
    ck_assert_str_eq(sget(json_object_get(i, "max_fine"), "ref"), "NIS2 Art. 34(5)");
    /* a DSO is no Art. 27 type, no TLD/registrar, no trust service provider */
    ck_assert(!has(i, "nis2.art27.submit_registry_information") && !has(i, "nis2.art28.answer_access_requests"));
    ck_assert(!has(i, "nis2.art23.tsp_incident_notification") && !has(i, "nis2.ir2690.document_non_application"));
    json_decref(i);
}
END_TEST

START_TEST(out_of_scope_gets_none)
{
    json_t *o = obl("{\"country\": \"AT\", \"activities\": [], " LARGE "}");
    ck_assert_str_eq(sget(o, "category"), "out_of_scope");
    ck_assert_uint_eq(json_array_size(json_object_get(o, "obligations")), 0);
    ck_assert(json_is_null(json_object_get(o, "max_fine")));
    ck_assert(json_is_null(json_object_get(o, "supervision")));
    json_decref(o);
    /* small Annex II manufacturer: out of scope by size */
    o = obl("{\"country\": \"AT\", \"activities\": [\"manufacturing.machinery\"], \"employees\": 20, \"turnover_eur\": 3000000}");
    ck_assert_str_eq(sget(o, "category"), "out_of_scope");
    ck_assert_uint_eq(json_array_size(json_object_get(o, "obligations")), 0);
    json_decref(o);
}
END_TEST

/* ---------------------------------------------------------------- roles */

START_TEST(drsp_only_gets_arts_3_26_27_28_only)
{
    json_t *d = obl("{\"country\": \"AT\", \"activities\": [\"domain_registration.registrar\"], \"employees\": 5}");
    ck_assert_str_eq(sget(d, "category"), "domain_registration_only");
    static const char *const want[] = {
        "nis2.art3.submit_entity_information", "nis2.art3.notify_changes", "nis2.art27.submit_registry_information",
        "nis2.art27.notify_changes",
        /* not nis2.art26.designate_eu_representative: established in AT, the condition is settled false (i14) */
        "nis2.art26.main_establishment_determination", "nis2.art28.maintain_registration_database",
        "nis2.art28.verification_policies", "nis2.art28.publish_non_personal_data",
        "nis2.art28.answer_access_requests", "nis2.art28.publish_disclosure_policies",
        "nis2.art28.no_duplicate_collection"};
    const json_t *arr = json_object_get(d, "obligations");
    ck_assert_uint_eq(json_array_size(arr), sizeof want / sizeof want[0]);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
        ck_assert_msg(has(d, want[k]), "missing %s", want[k]);
    ck_assert(!has(d, "nis2.art26.designate_eu_representative"));
    size_t i;
    const json_t *x;
    json_array_foreach(arr, i, x) {
        const char *ref = sget(x, "ref");
        ck_assert_msg(strncmp(ref, "NIS2 Art. 3(4)", 14) == 0 || strncmp(ref, "NIS2 Art. 26(", 13) == 0 ||
                          strncmp(ref, "NIS2 Art. 27(", 13) == 0 || strncmp(ref, "NIS2 Art. 28(", 13) == 0,
                      "a DRSP-only entity got %s", ref);
    }
    ck_assert(json_is_null(json_object_get(d, "supervision")));
    ck_assert(json_is_null(json_object_get(d, "max_fine")));
    ck_assert_str_eq(sget(json_object_get(d, "max_fine_none"), "ref"), "NIS2 Art. 36");
    json_decref(d);
}
END_TEST

START_TEST(r27_types_get_art27_others_do_not)
{
    json_t *c = obl("{\"country\": \"AT\", \"activities\": [\"digital_infrastructure.cloud_provider\"], " MEDIUM "}");
    ck_assert(has(c, "nis2.art27.submit_registry_information") && has(c, "nis2.art27.notify_changes"));
    ck_assert(has(c, "nis2.art26.main_establishment_determination"));
    ck_assert(has(c, "nis2.ir2690.document_non_application"));       /* IR 2024/2690 Art. 1 type */
    ck_assert(!has(c, "nis2.art28.maintain_registration_database"));  /* not a TLD registry or registrar */
    ck_assert_ptr_nonnull(strstr(sget(item(c, "nis2.art27.notify_changes"), "applies_because"),
                                 "digital_infrastructure.cloud_provider"));
    json_decref(c);
    json_t *h = obl("{\"country\": \"AT\", \"activities\": [\"health.healthcare_provider\"], " LARGE "}");
    ck_assert(!has(h, "nis2.art27.submit_registry_information") && !has(h, "nis2.art26.designate_eu_representative"));
    ck_assert(!has(h, "nis2.ir2690.document_non_application"));
    json_decref(h);
}
END_TEST

START_TEST(tld_registry_gets_art28)
{
    json_t *t = obl("{\"country\": \"AT\", \"activities\": [\"digital_infrastructure.tld_registry\"], \"employees\": 10}");
    ck_assert_str_eq(sget(t, "category"), "essential");                /* Art. 3(1)(b), any size */
    ck_assert(has(t, "nis2.art28.answer_access_requests") && has(t, "nis2.art28.no_duplicate_collection"));
    ck_assert(has(t, "nis2.art27.submit_registry_information") && has(t, "nis2.art21.h_cryptography"));
    const json_t *x = item(t, "nis2.art28.answer_access_requests");
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(x, "deadline"), "hours")), 72);
    json_decref(t);
}
END_TEST

START_TEST(tsp_gets_24h_notification)
{
    json_t *t = obl("{\"country\": \"AT\", \"activities\": [\"digital_infrastructure.trust_service_provider\"], " MEDIUM "}");
    const json_t *x = item(t, "nis2.art23.tsp_incident_notification");
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(x, "deadline"), "hours")), 24);
    ck_assert(has(t, "nis2.art23.incident_notification"));            /* 72 h stays for other incidents */
    ck_assert(!has(t, "nis2.art27.submit_registry_information"));     /* not an Art. 27 type */
    json_decref(t);
    json_t *q = obl("{\"country\": \"AT\", \"activities\": [\"digital_infrastructure.qualified_trust_service_provider\"]}");
    ck_assert_str_eq(sget(q, "category"), "essential");
    ck_assert(has(q, "nis2.art23.tsp_incident_notification"));
    /* essential any size, turnover unknown: the maximum is at least the fixed amount */
    ck_assert(max_fine(q) < 0);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(q, "max_fine"), "fixed_eur")), 10000000);
    json_decref(q);
    json_t *c = obl("{\"country\": \"AT\", \"activities\": [\"digital_infrastructure.cloud_provider\"], " MEDIUM "}");
    ck_assert(!has(c, "nis2.art23.tsp_incident_notification"));
    json_decref(c);
}
END_TEST

/* ---------------------------------------------------------------- DORA */

START_TEST(dora_duties_listed_with_displaced_by)
{
    json_t *b = obl("{\"country\": \"AT\", \"activities\": [\"banking.credit_institution\"], " LARGE
                    ", \"flags\": {\"dora_financial_entity\": true}}");
    ck_assert_str_eq(sget(b, "category"), "essential");
    static const char *const displaced[] = {"nis2.art20.approve_measures", "nis2.art21.h_cryptography",
                                            "nis2.art23.early_warning", "nis2.art29.notify_participation",
                                            "nis2.art32.submit_to_supervision"};
    for (size_t k = 0; k < sizeof displaced / sizeof displaced[0]; k++) {
        const json_t *x = item(b, displaced[k]);
        ck_assert_msg(x != NULL, "%s not listed", displaced[k]);
        ck_assert_msg(json_is_string(json_object_get(x, "displaced_by")), "%s not displaced", displaced[k]);
        ck_assert_ptr_nonnull(strstr(sget(x, "displaced_by"), "2022/2554"));
    }
    ck_assert(json_is_null(json_object_get(item(b, "nis2.art3.submit_entity_information"), "displaced_by")));
    ck_assert(json_is_null(json_object_get(b, "supervision")));
    ck_assert(json_is_null(json_object_get(b, "max_fine")));
    ck_assert_str_eq(sget(json_object_get(b, "max_fine_none"), "ref"), "NIS2 Art. 4(1)");
    json_decref(b);
    /* the same bank without the flag: nothing displaced */
    json_t *n = obl("{\"country\": \"AT\", \"activities\": [\"banking.credit_institution\"], " LARGE "}");
    ck_assert(json_is_null(json_object_get(item(n, "nis2.art21.h_cryptography"), "displaced_by")));
    ck_assert_str_eq(sget(n, "supervision"), "ex_ante_and_ex_post");
    json_decref(n);
}
END_TEST

/* ---------------------------------------------------------------- fines: Art. 34(4)-(5) boundaries */

typedef struct fine_case {
    const char *size;            /* employees/balance part */
    double turnover;
    double want;
} fine_case;

/* Essential: EUR 10M or 2 %: equal at EUR 500M. Important: EUR 7M or 1.4 %: equal at EUR 500M. */
static const fine_case fine_cases[] = {
    {"\"employees\": 300", 499999999, 10000000},
    {"\"employees\": 300", 500000000, 10000000},
    {"\"employees\": 300", 500000001, 10000000.02},
    {"\"employees\": 300", 1000000000, 20000000},
    {"\"employees\": 300", 0, 10000000},
    {"\"employees\": 100, \"balance_sheet_eur\": 40000000", 499999999, 7000000},
    {"\"employees\": 100, \"balance_sheet_eur\": 40000000", 500000000, 7000000},
    {"\"employees\": 100, \"balance_sheet_eur\": 40000000", 500000001, 7000000.01},
    {"\"employees\": 100, \"balance_sheet_eur\": 40000000", 500000100, 7000001.4},
    {"\"employees\": 100, \"balance_sheet_eur\": 40000000", 1000000000, 14000000},
};

START_TEST(fine_boundary)
{
    const fine_case *c = &fine_cases[_i];
    char doc[256];
    snprintf(doc, sizeof doc, "{\"country\": \"AT\", \"activities\": [\"energy.electricity.dso\"], %s, \"turnover_eur\": %.0f}",
             c->size, c->turnover);
    json_t *v = obl(doc);
    double got = max_fine(v);
    ck_assert_msg(fabs(got - c->want) < 0.001, "%s: max fine %.2f, want %.2f", doc, got, c->want);
    json_decref(v);

    /* the same through the typed API */
    nis2_entity *e;
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_entity_from_json(ctx, doc, strlen(doc), &e, err), NIS2_OK);
    nis2_obligations *o;
    ck_assert_int_eq(nis2_obligations_select(ctx, e, NULL, &o, err), NIS2_OK);
    double eur = -1;
    ck_assert_int_eq(nis2_obligations_max_fine_eur(o, &eur), 1);
    ck_assert(fabs(eur - c->want) < 0.001);
    bool essential = strstr(c->size, "300") != NULL;
    ck_assert_str_eq(nis2_obligations_category(o), essential ? "essential" : "important");
    ck_assert(nis2_obligations_max_fine_fixed_eur(o) == (essential ? 10000000 : 7000000));
    ck_assert(fabs(nis2_obligations_max_fine_turnover_share(o) - (essential ? 0.02 : 0.014)) < 1e-12);
    nis2_obligations_free(o);
    nis2_entity_free(e);
    nis2_error_free(err);
}
END_TEST

START_TEST(fine_unknown_turnover_and_public_administration)
{
    /* large by headcount alone, turnover unknown: eur null, fixed amount is the floor */
    json_t *v = obl("{\"country\": \"AT\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 300}");
    ck_assert_str_eq(sget(v, "category"), "essential");
    const json_t *f = json_object_get(v, "max_fine");
    ck_assert(json_is_null(json_object_get(f, "eur")));
    ck_assert_int_eq(json_integer_value(json_object_get(f, "fixed_eur")), 10000000);
    ck_assert(fabs(json_real_value(json_object_get(f, "turnover_share")) - 0.02) < 1e-12);
    json_decref(v);
    /* central government: Art. 34(7) leaves fines to the Member State */
    v = obl("{\"country\": \"AT\", \"activities\": [\"public_administration.central\"], \"employees\": 3000, "
            "\"turnover_eur\": 900000000}");
    ck_assert_str_eq(sget(v, "category"), "essential");
    ck_assert(json_is_null(json_object_get(v, "max_fine")));
    ck_assert_str_eq(sget(json_object_get(v, "max_fine_none"), "ref"), "NIS2 Art. 34(7)");
    ck_assert(has(v, "nis2.art21.h_cryptography"));
    json_decref(v);
}
END_TEST

/* ---------------------------------------------------------------- Portugal */

START_TEST(pt_essential_national_duties)
{
    json_t *p = obl("{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], " LARGE "}");
    ck_assert_str_eq(sget(p, "category"), "essential");
    ck_assert_str_eq(sget(p, "law"), "PT DL 125/2025");
    ck_assert_str_eq(sget(p, "supervision_ref"), "RJC art. 54");
    /* Art. 21(2)(b) is transposed by RJC art. 27(1)(a), deferred by DL 125/2025 art. 10(2) (CNCS reading) */
    const json_t *x = item(p, "nis2.art21.b_incident_handling");
    ck_assert_ptr_nonnull(x);
    ck_assert_str_eq(sget(json_object_get(x, "national"), "id"), "pt.art27.a_incident_handling");
    ck_assert_str_eq(sget(x, "effective_from"), "2028-06-22");
    ck_assert(json_is_true(json_object_get(json_object_get(json_object_get(x, "national"), "effective_from_basis"), "contested")));
    /* not deferred: incident notification (RJC art. 42(1)) */
    x = item(p, "nis2.art23.early_warning");
    ck_assert_str_eq(sget(json_object_get(x, "national"), "ref"), "RJC art. 42(1)");
    ck_assert_str_eq(sget(x, "effective_from"), "2026-04-03");
    /* national-only duties: cybersecurity officer (art. 31), end-of-impact notice (art. 43), annual report */
    ck_assert(has(p, "pt.art31.appoint_cybersecurity_officer") && has(p, "pt.art43.end_of_impact_notice"));
    ck_assert(has(p, "pt.art30.submit_annual_report") && !has(p, "pt.art30.annual_report_on_request"));
    ck_assert(!has(p, "pt.art33.rep_measures"));
    /* two national provisions implement Art. 3(4) 1st subpara */
    x = item(p, "nis2.art3.submit_entity_information");
    ck_assert_uint_eq(json_array_size(json_object_get(x, "national_also")), 1);
    /* PT bracket: very serious, EUR 10M or 2 % of the entity's own turnover */
    const json_t *f = json_object_get(p, "max_fine");
    ck_assert_str_eq(sget(f, "ref"), "RJC art. 61(2)(a)(i)");
    ck_assert_str_eq(sget(f, "offence_class"), "very_serious");
    json_decref(p);

    json_t *i = obl("{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], " MEDIUM "}");
    ck_assert_str_eq(sget(i, "category"), "important");
    ck_assert(has(i, "pt.art30.annual_report_on_request") && !has(i, "pt.art30.submit_annual_report"));
    ck_assert_str_eq(sget(i, "supervision"), "ex_post");
    ck_assert_str_eq(sget(json_object_get(i, "max_fine"), "ref"), "RJC art. 61(2)(b)(i)");
    json_decref(i);
}
END_TEST

START_TEST(pt_fine_boundary)
{
    /* essential: 10M vs 2 % at 500M; important 7M vs 1.4 % at 500M (RJC art. 61(2)(a)-(b)) */
    json_t *v = obl("{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300, "
                    "\"turnover_eur\": 500000001}");
    ck_assert(fabs(max_fine(v) - 10000000.02) < 0.001);
    json_decref(v);
    v = obl("{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300, "
            "\"turnover_eur\": 500000000}");
    ck_assert(fabs(max_fine(v) - 10000000) < 0.001);
    json_decref(v);
    v = obl("{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], \"employees\": 300, "
            "\"turnover_eur\": 499999999}");
    ck_assert(fabs(max_fine(v) - 10000000) < 0.001);
    json_decref(v);
}
END_TEST

START_TEST(pt_group_a_and_b)
{
    json_t *a = obl("{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\"], \"employees\": 250}");
    ck_assert_str_eq(sget(a, "category"), "relevant_public_entity_group_a");   /* art. 7(2)(a): 250 or more */
    ck_assert_str_eq(sget(a, "supervision"), "ex_post");                         /* art. 33(3) -> art. 55 */
    ck_assert_str_eq(sget(a, "supervision_ref"), "RJC art. 33(3)");
    ck_assert(has(a, "pt.art33.rep_measures") && has(a, "pt.art43.end_of_impact_notice"));
    ck_assert_str_eq(sget(item(a, "pt.art33.rep_measures"), "effective_from"), "2028-06-22");
    ck_assert(!has(a, "pt.art31.appoint_cybersecurity_officer"));               /* arts 25-32 bind EE/EI only */
    ck_assert(!has(a, "nis2.art21.h_cryptography") && !has(a, "nis2.art20.approve_measures"));
    ck_assert(!has(a, "nis2.art32.submit_to_supervision"));
    ck_assert_str_eq(sget(json_object_get(item(a, "nis2.art33.submit_to_supervision"), "national"), "id"),
                     "pt.art55.submit_to_supervision");
    ck_assert_str_eq(sget(json_object_get(item(a, "nis2.art23.notify_significant_incident"), "national"), "id"),
                     "pt.art40.notify_significant_incident");
    /* fine: RJC art. 61(2)(c)(i), EUR 4M, no turnover share */
    ck_assert(fabs(max_fine(a) - 4000000) < 0.001);
    ck_assert(json_is_null(json_object_get(json_object_get(a, "max_fine"), "turnover_share")));
    ck_assert_str_eq(sget(json_object_get(a, "max_fine"), "ref"), "RJC art. 61(2)(c)(i)");
    json_decref(a);

    json_t *b = obl("{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\"], \"employees\": 249}");
    ck_assert_str_eq(sget(b, "category"), "relevant_public_entity_group_b");
    ck_assert(fabs(max_fine(b) - 350000) < 0.001);
    ck_assert_str_eq(sget(json_object_get(b, "max_fine"), "ref"), "RJC art. 61(2)(d)(i)");
    ck_assert(has(b, "pt.art33.rep_measures"));
    json_decref(b);

    json_t *n = obl("{\"country\": \"PT\", \"activities\": [\"pt.public_administration.state_direct\"], \"employees\": 74}");
    ck_assert_uint_eq(json_array_size(json_object_get(n, "obligations")), 0);
    ck_assert(json_is_null(json_object_get(n, "max_fine")));
    json_decref(n);
}
END_TEST

START_TEST(pt_group_categories_internal_entry)
{
    /* The internal entry point used by the gap report, with the category given directly. */
    nis2i_ob_list l = {0};
    const nis2i_overlay *pto = nis2i_overlay_find(ctx, "PT");
    ck_assert_ptr_nonnull(pto);
    int pt_index = (int)(pto - ctx->overlays);
    ck_assert_int_eq(nis2i_obligations_select_category(ctx, NULL, "relevant_public_entity_group_b", pt_index, &l, NULL),
                     NIS2_OK);
    ck_assert_uint_gt(l.n, 5);
    bool rep = false;
    for (size_t i = 0; i < l.n; i++) {
        const nis2i_obligation *ob = &ctx->obl->items[l.items[i].ob];
        if (strcmp(ob->id, "pt.art33.rep_measures") == 0)
            rep = true;
        ck_assert_msg(strcmp(ob->id, "pt.art31.appoint_cybersecurity_officer") != 0, "group B got art. 31");
        ck_assert(nis2i_ob_because(&l, i)[0] != '\0');
    }
    ck_assert(rep);
    nis2i_ob_list_free(&l);
    ck_assert_int_eq(nis2i_obligations_select_category(ctx, NULL, "out_of_scope", -1, &l, NULL), NIS2_OK);
    ck_assert_uint_eq(l.n, 0);
    nis2i_ob_list_free(&l);
    ck_assert_int_eq(nis2i_obligations_select_category(ctx, NULL, "essential", 99, &l, NULL), NIS2_ERR_INVALID_ARG);
}
END_TEST

START_TEST(pt_dora_keeps_incident_notification)
{
    json_t *b = obl("{\"country\": \"PT\", \"activities\": [\"banking.credit_institution\"], " LARGE
                    ", \"flags\": {\"dora_financial_entity\": true}}");
    ck_assert_str_eq(sget(b, "category"), "essential");
    /* Reg. CNCS 756/2026 art. 10: DORA entities still notify incidents under the RJC */
    ck_assert(json_is_null(json_object_get(item(b, "nis2.art23.early_warning"), "displaced_by")));
    ck_assert(json_is_string(json_object_get(item(b, "nis2.art21.h_cryptography"), "displaced_by")));
    ck_assert(json_is_null(json_object_get(item(b, "pt.art31.appoint_cybersecurity_officer"), "displaced_by")));
    json_decref(b);
}
END_TEST

/* ---------------------------------------------------------------- typed API */

START_TEST(typed_api_accessors)
{
    const char *doc = "{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], " LARGE "}";
    nis2_error *err = nis2_error_new();
    nis2_entity *e;
    ck_assert_int_eq(nis2_entity_from_json(ctx, doc, strlen(doc), &e, err), NIS2_OK);
    nis2_result *r;
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_OK);
    nis2_obligations *o;
    ck_assert_int_eq(nis2_obligations_select(ctx, e, r, &o, err), NIS2_OK);
    ck_assert_str_eq(nis2_obligations_category(o), "essential");
    ck_assert_str_eq(nis2_obligations_law(o), "PT DL 125/2025");
    ck_assert_str_eq(nis2_obligations_supervision(o), "ex_ante_and_ex_post");
    ck_assert_str_eq(nis2_obligations_max_fine_ref(o), "RJC art. 61(2)(a)(i)");
    ck_assert(fabs(nis2_obligations_max_fine_turnover_share(o) - 0.02) < 1e-12);
    size_t n = nis2_obligations_count(o), found = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(nis2_obligations_id(o, i));
        ck_assert_ptr_nonnull(nis2_obligations_ref(o, i));
        ck_assert_ptr_nonnull(nis2_obligations_title(o, i));
        ck_assert_ptr_nonnull(nis2_obligations_applies_because(o, i));
        if (strcmp(nis2_obligations_id(o, i), "nis2.art23.final_report") == 0) {
            found++;
            ck_assert_uint_eq(nis2_obligations_national_count(o, i), 1);
            ck_assert_str_eq(nis2_obligations_national_id(o, i, 0), "pt.art44.final_report");
            ck_assert_str_eq(nis2_obligations_national_ref(o, i, 0), "RJC art. 44(1)");
            ck_assert_ptr_null(nis2_obligations_national_id(o, i, 1));
            ck_assert_str_eq(nis2_obligations_deadline(o, i), "within 30 working days of the end-of-impact notice");
            ck_assert_ptr_null(nis2_obligations_displaced_by(o, i));
            ck_assert_str_eq(nis2_obligations_effective_from(o, i), "2026-04-03");
        }
    }
    ck_assert_uint_eq(found, 1);
    ck_assert_ptr_null(nis2_obligations_id(o, n));
    ck_assert_ptr_null(nis2_obligations_applies_because(o, n));
    ck_assert_uint_eq(nis2_obligations_national_count(o, n), 0);
    /* the list outlives the context, the entity and the result */
    nis2_result_free(r);
    nis2_entity_free(e);
    char *js = NULL;
    ck_assert_int_eq(nis2_obligations_to_json(o, NIS2_JSON_PRETTY, &js, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(js, "\"catalog_version\""));
    nis2_string_free(js);
    nis2_obligations_free(o);
    nis2_obligations_free(NULL);
    ck_assert_ptr_null(nis2_obligations_category(NULL));
    ck_assert_int_eq(nis2_obligations_max_fine_eur(NULL, NULL), 0);
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- errors */

typedef struct bad_case {
    const char *doc;
    uint32_t status;
    const char *path;
    const char *in_message;
} bad_case;

static const bad_case bad_docs[] = {
    {"{\"country\": \"AT\", \"activities\": [", NIS2_ERR_PARSE, "$.activities", "malformed JSON"},
    {"", NIS2_ERR_PARSE, "$", "malformed JSON"},
    {"[]", NIS2_ERR_INVALID_FIELD, "$", "entity object"},
    {"{\"activities\": []}", NIS2_ERR_MISSING_FIELD, "$.country", "required"},
    {"{\"country\": \"AT\"}", NIS2_ERR_MISSING_FIELD, "$.activities", "required"},
    {"{\"country\": \"US\", \"activities\": []}", NIS2_ERR_UNKNOWN_CODE, "$.country", "Member State"},
    {"{\"country\": \"AT\", \"activities\": [\"no.such\"]}", NIS2_ERR_UNKNOWN_CODE, "$.activities[0]", "no.such"},
    {"{\"country\": \"AT\", \"activities\": [], \"turnover_eur\": -1}", NIS2_ERR_INVALID_FIELD, "$.turnover_eur", ">= 0"},
    {"{\"country\": \"AT\", \"activities\": [], \"category\": \"essential\"}", NIS2_ERR_UNKNOWN_KEY, "$.category", "unknown key"},
    {"{\"country\": \"AT\", \"activities\": [], \"flags\": {\"dora_financial_entity\": 1}}", NIS2_ERR_INVALID_FIELD,
     "$.flags.dora_financial_entity", "true or false"},
};

START_TEST(json_entry_errors)
{
    const bad_case *c = &bad_docs[_i];
    nis2_error *err = nis2_error_new();
    char *out = (char *)"sentinel";
    nis2_status st = nis2_obligations_json(ctx, c->doc, strlen(c->doc), 0, &out, err);
    ck_assert_msg(st == c->status, "%s: status %u, want %u (%s)", c->doc, st, c->status, nis2_error_message(err));
    ck_assert_ptr_null(out);
    ck_assert_str_eq(nis2_error_path(err), c->path);
    ck_assert_msg(strstr(nis2_error_message(err), c->in_message), "%s: message '%s' lacks '%s'", c->doc,
                  nis2_error_message(err), c->in_message);
    nis2_error_free(err);
}
END_TEST

START_TEST(null_and_foreign_arguments)
{
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_int_eq(nis2_obligations_json(NULL, "{}", 2, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_obligations_json(ctx, NULL, 0, 0, &out, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_obligations_json(ctx, "{}", 2, 0, NULL, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_obligations_to_json(NULL, 0, &out, err), NIS2_ERR_INVALID_ARG);
    nis2_obligations *o = NULL;
    ck_assert_int_eq(nis2_obligations_select(ctx, NULL, NULL, &o, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "must not be NULL"));
    /* an entity from another context */
    nis2_ctx *other = test_ctx();
    nis2_entity *e;
    ck_assert_int_eq(nis2_entity_new(other, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, "AT", err), NIS2_OK);
    ck_assert_int_eq(nis2_obligations_select(ctx, e, NULL, &o, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "context"));
    /* an entity without a country cannot be classified */
    nis2_entity *e2;
    ck_assert_int_eq(nis2_entity_new(ctx, &e2, err), NIS2_OK);
    ck_assert_int_eq(nis2_obligations_select(ctx, e2, NULL, &o, err), NIS2_ERR_MISSING_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.country");
    ck_assert_ptr_null(o);
    nis2_entity_free(e2);
    nis2_entity_free(e);
    nis2_ctx_free(other);
    ck_assert_int_eq(nis2i_obligations_select(ctx, NULL, NULL, NULL, err), NIS2_ERR_INVALID_ARG);
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- catalog validation */

typedef struct cat_case {
    const char *what;            /* mutation */
    const char *path;            /* expected error path */
    const char *in_message;
} cat_case;

static const cat_case cat_cases[] = {
    {"unknown_category", "$.obligations[0]", "unknown category 'critical'"},
    {"unknown_role", "$.obligations[0]", "unknown role 'bank'"},
    {"duplicate_id", "$.obligations[1]", "duplicate obligation id 'nis2.art3.submit_entity_information'"},
    {"bad_prefix", "$.obligations[0]", "must start with 'nis2.'"},
    {"bad_date", "$.obligations[0]", "effective_from '2026-13-01'"},
    {"no_such_day", "$.obligations[0]", "effective_from '2027-02-29'"},   /* 2027 is no leap year */
    {"no_title", "$.obligations[0]", "'title'"},
    {"dangling_implements", "$.overlays[0].obligations[0]", "implements 'nis2.nowhere'"},
    {"national_prefix", "$.overlays[0].obligations[0]", "must start with 'pt.'"},
    {"bad_fine", "$.fines[0]", "turnover_share"},
    {"bad_regime", "$.supervision[0]", "regime 'sometimes'"},
    {"national_duplicate", "$.overlays[0].obligations[1]", "duplicate obligation id 'pt.art8.self_identification'"},
    {"directive_implements", "$.obligations[0]", "cannot implement another"},
};

START_TEST(catalog_validation)
{
    const cat_case *c = &cat_cases[_i];
    nis2_error *err = nis2_error_new();
    char *text = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, NULL, 0, &text, err), NIS2_OK);
    json_t *doc = json_loads(text, 0, NULL);
    nis2_string_free(text);
    json_t *obs = json_object_get(doc, "obligations");
    json_t *o0 = json_array_get(obs, 0);
    json_t *pt = NULL;
    size_t i;
    json_t *ov;
    size_t pt_index = 0;
    json_array_foreach(json_object_get(doc, "overlays"), i, ov) if (strcmp(json_string_value(json_object_get(ov, "country")), "PT") == 0) {
        pt = ov;
        pt_index = i;
    }
    ck_assert_ptr_nonnull(pt);
    /* the cases name overlay paths as "$.overlays[0]…": Portugal's index in the embedded catalog takes its place */
    char want[128];
    if (strncmp(c->path, "$.overlays[0]", 13) == 0)
        snprintf(want, sizeof want, "$.overlays[%zu]%s", pt_index, c->path + 13);
    else
        snprintf(want, sizeof want, "%s", c->path);
    json_t *n0 = json_array_get(json_object_get(pt, "obligations"), 0);
    if (!strcmp(c->what, "unknown_category"))
        json_array_append_new(json_object_get(json_object_get(o0, "applies_to"), "categories"), json_string("critical"));
    else if (!strcmp(c->what, "unknown_role"))
        json_array_append_new(json_object_get(json_object_get(o0, "applies_to"), "roles"), json_string("bank"));
    else if (!strcmp(c->what, "duplicate_id"))
        json_object_set_new(json_array_get(obs, 1), "id", json_string("nis2.art3.submit_entity_information"));
    else if (!strcmp(c->what, "bad_prefix"))
        json_object_set_new(o0, "id", json_string("art3.submit"));
    else if (!strcmp(c->what, "bad_date"))
        json_object_set_new(o0, "effective_from", json_string("2026-13-01"));
    else if (!strcmp(c->what, "no_such_day"))
        json_object_set_new(o0, "effective_from", json_string("2027-02-29"));
    else if (!strcmp(c->what, "no_title"))
        json_object_del(o0, "title");
    else if (!strcmp(c->what, "dangling_implements"))
        json_object_set_new(n0, "implements", json_string("nis2.nowhere"));
    else if (!strcmp(c->what, "national_prefix"))
        json_object_set_new(n0, "id", json_string("es.art8.self_identification"));
    else if (!strcmp(c->what, "bad_fine"))
        json_object_set_new(json_array_get(json_object_get(doc, "fines"), 0), "turnover_share", json_real(2.0));
    else if (!strcmp(c->what, "national_duplicate"))
        json_object_set(json_array_get(json_object_get(pt, "obligations"), 1), "id", json_object_get(n0, "id"));
    else if (!strcmp(c->what, "directive_implements"))
        json_object_set_new(o0, "implements", json_string("nis2.art3.submit_entity_information"));
    else if (!strcmp(c->what, "bad_regime"))
        json_object_set_new(json_array_get(json_object_get(doc, "supervision"), 0), "regime", json_string("sometimes"));
    text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    nis2_ctx *bad = NULL;
    nis2_status st = nis2_ctx_new_from_json(&bad, text, strlen(text), 0, err);
    free(text);
    ck_assert_msg(st == NIS2_ERR_CATALOG, "%s: status %u (%s)", c->what, st, nis2_error_message(err));
    ck_assert_ptr_null(bad);
    ck_assert_str_eq(nis2_error_path(err), want);
    ck_assert_msg(strstr(nis2_error_message(err), c->in_message), "%s: message '%s' lacks '%s'", c->what,
                  nis2_error_message(err), c->in_message);
    nis2_error_free(err);
}
END_TEST

START_TEST(catalog_loads_every_obligation)
{
    const nis2i_obltab *t = ctx->obl;
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(t->n_directive, 54);
    size_t n_pt = 0, n_de = 0;
    for (size_t i = t->n_directive; i < t->n; i++) {
        n_pt += strncmp(t->items[i].id, "pt.", 3) == 0;
        n_de += strncmp(t->items[i].id, "de.", 3) == 0;
    }
    ck_assert_uint_eq(n_pt, 56);                             /* lib/catalog/overlays/pt/obligations.json */
    ck_assert_uint_eq(n_de, 52);                             /* lib/catalog/overlays/de/obligations.json */
    ck_assert_uint_eq(t->n - t->n_directive, n_pt + n_de);
    uint32_t idx;
    ck_assert(nis2i_map_get(&t->index, "pt.art42.initial_notification", &idx));
    ck_assert_str_eq(t->items[t->items[idx].implements].id, "nis2.art23.early_warning");
    ck_assert(!t->items[idx].dora_displaced);
    ck_assert(nis2i_map_get(&t->index, "pt.art27.g_cryptography", &idx));
    ck_assert(t->items[idx].dora_displaced);                 /* inherited from nis2.art21.h_cryptography */
    ck_assert_str_eq(t->items[idx].effective_from, "2028-06-22");
}
END_TEST

/* The compiled table (model/obligations.h) says what the catalog's JSON says: every duty's deadline (text, the
 * event it runs from, the first period unit that is a number) and evidence, typed, equal the catalog entry. */
START_TEST(typed_table_matches_catalog_json)
{
    static const char *const units[] = {NULL, "hours", "days", "working_days", "weeks", "months", "years"};
    const nis2i_obltab *t = ctx->obl;
    size_t periods = 0, evidence = 0, froms = 0;
    ck_assert_ptr_nonnull(nis2i_ctx_doc(ctx));   /* binds each duty's src (a context from the image, compile/image.h) */
    ck_assert_uint_gt(t->n, 0);
    /* the catalog's entries in the table's order: the Directive's, then each overlay's */
    const json_t *doc = nis2i_ctx_doc(ctx);     /* an image-backed context parses it here */
    json_t *srcs = json_array();
    json_array_extend(srcs, json_object_get(doc, "obligations"));
    for (size_t k = 0; k < ctx->n_overlays; k++)
        json_array_extend(srcs, json_object_get(json_array_get(json_object_get(doc, "overlays"), k), "obligations"));
    ck_assert_uint_eq(json_array_size(srcs), t->n);
    size_t fragments = 0;
    for (size_t i = 0; i < t->n; i++) {
        const nis2i_obligation *ob = &t->items[i];
        const json_t *src = json_array_get(srcs, i), *dl = json_object_get(src, "deadline");
        /* the verbatim members, as the compact text json_dumps writes with the output's flags */
        static const char *const keys[] = {"deadline", "evidence", "effective_from_basis", "offence"};
        const char *const texts[] = {ob->deadline_json, ob->evidence_json, ob->effective_from_basis_json,
                                     ob->offence_json};
        for (size_t k = 0; k < 4; k++) {
            const json_t *m = json_object_get(src, keys[k]);
            if (!m || json_is_null(m) || (k == 3 && !json_is_object(m))) {
                ck_assert_msg(texts[k] == NULL, "%s: %s has text", ob->id, keys[k]);
                continue;
            }
            char *want = json_dumps(m, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_COMPACT);
            ck_assert_ptr_nonnull(texts[k]);
            ck_assert_str_eq(texts[k], want);
            free(want);
            fragments++;
        }
        ck_assert_str_eq(ob->id, json_string_value(json_object_get(src, "id")));
        ck_assert_int_eq(ob->has_deadline, json_is_object(dl));
        const char *from = json_string_value(json_object_get(dl, "from"));
        if (from) {
            ck_assert_str_eq(ob->deadline_from, from);
            froms++;
        } else {
            ck_assert_ptr_null(ob->deadline_from);
        }
        uint32_t unit = 0;
        double amount = 0;
        for (uint32_t u = 1; u < 7 && !unit; u++)
            if (json_is_number(json_object_get(dl, units[u]))) {
                unit = u;
                amount = json_number_value(json_object_get(dl, units[u]));
            }
        ck_assert_msg(ob->deadline_unit == unit, "%s: unit %u, the catalog's %u", ob->id, ob->deadline_unit, unit);
        if (unit) {
            ck_assert_double_eq(ob->deadline_amount, amount);
            periods++;
        }
        const json_t *ev = json_object_get(src, "evidence");
        ck_assert_uint_eq(ob->n_evidence, json_array_size(ev));
        for (size_t j = 0; j < ob->n_evidence; j++)
            ck_assert_str_eq(ob->evidence_ids[j], json_string_value(json_array_get(ev, j)));
        evidence += ob->n_evidence;
    }
    /* the catalog has all three, so the comparison above compared something */
    ck_assert_uint_gt(periods, 0);
    ck_assert_uint_gt(froms, 0);
    ck_assert_uint_gt(evidence, 0);
    ck_assert_uint_gt(fragments, 0);
    json_decref(srcs);
    /* each overlay's law, for the national lists */
    ck_assert_uint_eq(t->n_overlays, ctx->n_overlays);
    for (size_t k = 0; k < t->n_overlays; k++)
        ck_assert_str_eq(t->overlay_law[k], ctx->overlays[k].law);
}
END_TEST

/* A condition settled by a boolean national fact (settled_by national.PT.<key>): true, false and absent, and
 * applies_if false, on two test duties laid into Portugal's overlay. */
START_TEST(national_fact_settles_condition)
{
    nis2_error *err = nis2_error_new();
    char *text = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, NULL, 0, &text, err), NIS2_OK);
    json_t *doc = json_loads(text, 0, NULL);
    nis2_string_free(text);
    json_t *pt = NULL, *ov;
    size_t i;
    json_array_foreach(json_object_get(doc, "overlays"), i, ov) if (strcmp(json_string_value(json_object_get(ov, "country")), "PT") == 0) pt = ov;
    ck_assert_ptr_nonnull(pt);
    json_t *obs = json_object_get(pt, "obligations");
    const char *const ids[2] = {"pt.test.remit_only", "pt.test.unless_remit"};
    for (int k = 0; k < 2; k++) {
        json_t *o = json_deep_copy(json_array_get(obs, 0));
        json_object_set_new(o, "id", json_string(ids[k]));
        json_object_del(o, "implements");
        json_object_set_new(o, "nature", json_string("conditional"));
        json_object_set_new(o, "condition", json_string("test"));
        json_t *sb = json_pack("{s:s}", "fact", "national.PT.ict_infrastructure_remit");
        if (k == 1)
            json_object_set_new(sb, "applies_if", json_false());
        json_object_set_new(o, "settled_by", sb);
        json_array_append_new(obs, o);
    }
    text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    nis2_ctx *c2 = NULL;
    ck_assert_msg(nis2_ctx_new_from_json(&c2, text, strlen(text), 0, err) == NIS2_OK, "%s", nis2_error_message(err));
    free(text);
    static const char *const facts[3] = {"", ",\"national\":{\"PT\":{\"ict_infrastructure_remit\":true}}",
                                         ",\"national\":{\"PT\":{\"ict_infrastructure_remit\":false}}"};
    for (int f = 0; f < 3; f++) {
        char ent[512];
        snprintf(ent, sizeof ent, "{\"country\":\"PT\",\"activities\":[\"energy.electricity.dso\"]," LARGE "%s}",
                 facts[f]);
        char *out = NULL;
        ck_assert_msg(nis2_obligations_json(c2, ent, strlen(ent), 0, &out, err) == NIS2_OK, "%s",
                      nis2_error_message(err));
        json_t *v = json_loads(out, 0, NULL);
        nis2_string_free(out);
        ck_assert_str_eq(json_string_value(json_object_get(v, "law")), "PT DL 125/2025");
        for (int k = 0; k < 2; k++) {
            const json_t *x = item(v, ids[k]);
            if (f == 0) {                      /* absent: open, the fact named */
                ck_assert_msg(x != NULL, "%s not listed without the fact", ids[k]);
                ck_assert_str_eq(sget(x, "condition_fact"), "national.PT.ict_infrastructure_remit");
                ck_assert_ptr_null(json_object_get(x, "condition_settled"));
            } else if ((f == 1) == (k == 0)) { /* the fact has the value the duty applies on: settled */
                ck_assert_msg(x != NULL, "%s not listed with facts %s", ids[k], facts[f]);
                ck_assert(json_is_true(json_object_get(x, "condition_settled")));
                ck_assert_ptr_null(json_object_get(x, "condition_fact"));
            } else {                           /* the other value: the duty does not bind */
                ck_assert_msg(x == NULL, "%s listed with facts %s", ids[k], facts[f]);
            }
        }
        json_decref(v);
    }
    nis2_ctx_free(c2);
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- a national category of a run-time overlay */

/* A FICTITIOUS law for Malta laid over the embedded catalog at run time (as nis2 --catalog-extend does; not
 * Malta's transposition): it declares its own category priority_small_entity (20 to 49 employees in an Annex
 * sector), a national duty and a fine bracket for it, and a duty for its essential entities. The first %s is the
 * category the first duty names, the second that of the fine bracket, so that broken forms can be tested too. */
static const char mt_overlay[] =
    "{\"name\":\"mt-fictitious-obligations-test\",\"version\":\"1\",\"overlays\":[{\"schema\":1,\"country\":\"MT\","
    "\"law\":\"MT Fictitious Test Act\",\"categories\":["
    "{\"id\":\"essential\",\"rank\":1,\"ref\":\"FTA art. 6(1)\",\"directive_equivalent\":\"essential\"},"
    "{\"id\":\"important\",\"rank\":2,\"ref\":\"FTA art. 6(2)\",\"directive_equivalent\":\"important\"},"
    "{\"id\":\"priority_small_entity\",\"rank\":3,\"ref\":\"FTA art. 5\",\"directive_equivalent\":null},"
    "{\"id\":\"out_of_scope\",\"rank\":4,\"ref\":\"FTA art. 2\"},{\"id\":\"undetermined\",\"rank\":5,\"ref\":null}],"
    "\"classification\":{\"language\":1,\"rules\":["
    "{\"id\":\"headcount\",\"when\":{\"all\":[{\"annex\":[1,2]},{\"figure\":\"employees\",\"gte\":20,\"lt\":50}]},"
    "\"outcome\":\"match\",\"category\":\"priority_small_entity\",\"ref\":\"FTA art. 5\",\"reason\":\"FTA art. 5\","
    "\"reason_unknown\":\"The headcount decides FTA art. 5\"},"
    "{\"id\":\"directive-essential\",\"when\":{\"directive\":{\"category\":\"essential\"}},\"outcome\":\"match\","
    "\"category\":\"essential\",\"ref\":\"FTA art. 6(1)\",\"reason\":\"FTA art. 6(1)\"},"
    "{\"id\":\"directive-important\",\"when\":{\"directive\":{\"category\":\"important\"}},\"outcome\":\"match\","
    "\"category\":\"important\",\"ref\":\"FTA art. 6(2)\",\"reason\":\"FTA art. 6(2)\"}],"
    "\"fallback\":[{\"outcome\":\"floor\",\"ref\":\"FTA art. 2\",\"reason\":\"No rule of the FTA applies\"}]},"
    "\"obligations\":["
    "{\"id\":\"mt.fta5.priority_register\",\"ref\":\"FTA art. 5(2)\",\"title\":\"Register as a priority small entity\","
    "\"group\":\"registration\",\"nature\":\"mandatory\",\"implements\":null,\"applies_to\":{\"categories\":[\"%s\"]}},"
    "{\"id\":\"mt.fta6.essential_audit\",\"ref\":\"FTA art. 6(3)\",\"title\":\"Have a yearly audit\","
    "\"group\":\"supervision\",\"nature\":\"mandatory\",\"implements\":null,\"applies_to\":{\"categories\":[\"essential\"]}}],"
    "\"fines\":[{\"category\":\"%s\",\"offence_class\":\"serious\",\"max_eur\":50000,\"ref\":\"FTA art. 9\"}]}]}";

static nis2_status mt_ctx(const char *duty_cat, const char *fine_cat, nis2_ctx **out, nis2_error *err)
{
    char doc[sizeof mt_overlay + 128];
    snprintf(doc, sizeof doc, mt_overlay, duty_cat, fine_cat);
    return nis2_ctx_new_from_json(out, doc, strlen(doc), NIS2_CATALOG_EXTEND, err);
}

static json_t *mt_obl(const nis2_ctx *c, int employees)
{
    char ent[256], *out = NULL;
    nis2_error *err = nis2_error_new();
    snprintf(ent, sizeof ent, "{\"country\":\"MT\",\"activities\":[\"energy.electricity.dso\"],\"employees\":%d,"
             "\"turnover_eur\":%d,\"balance_sheet_eur\":%d}", employees, employees * 100000, employees * 100000);
    ck_assert_msg(nis2_obligations_json(c, ent, strlen(ent), 0, &out, err) == NIS2_OK, "%s", nis2_error_message(err));
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

START_TEST(runtime_overlay_national_category_duty)
{
    nis2_error *err = nis2_error_new();
    nis2_ctx *c = NULL;
    ck_assert_msg(mt_ctx("priority_small_entity", "priority_small_entity", &c, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    /* 19, 20, 49, 50 employees: the national category from 20 to 49 only, and its duty and fine with it */
    static const int heads[] = {19, 20, 49, 50, 300};
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
        json_t *v = mt_obl(c, heads[k]);
        bool priority = heads[k] >= 20 && heads[k] < 50;
        const char *cat = sget(v, "category");
        ck_assert_str_eq(sget(v, "law"), "MT Fictitious Test Act");
        ck_assert_msg(priority == (strcmp(cat, "priority_small_entity") == 0), "%d employees: category %s",
                      heads[k], cat);
        const json_t *x = item(v, "mt.fta5.priority_register");
        ck_assert_msg((x != NULL) == priority, "%d employees (%s): the national duty %s", heads[k], cat,
                      x ? "is listed" : "is missing");
        ck_assert_msg(has(v, "mt.fta6.essential_audit") == (strcmp(cat, "essential") == 0), "%d employees (%s)",
                      heads[k], cat);
        if (priority) {
            ck_assert_uint_eq(json_array_size(json_object_get(v, "obligations")), 1);   /* no Directive duty */
            ck_assert(strstr(sget(x, "applies_because"), "priority_small_entity") != NULL);
            ck_assert_double_eq(max_fine(v), 50000);
            ck_assert_str_eq(sget(json_object_get(v, "max_fine"), "ref"), "FTA art. 9");
        }
        json_decref(v);
    }
    /* Through the internal entry point, by name: the overlay's declared category is national. */
    uint32_t mt;
    ck_assert(nis2i_map_get(&c->overlay_index, "MT", &mt));
    nis2i_ob_list l = {0};
    ck_assert_int_eq(nis2i_obligations_select_category(c, NULL, "priority_small_entity", (int)mt, &l, NULL), NIS2_OK);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_str_eq(c->obl->items[l.items[0].ob].id, "mt.fta5.priority_register");
    ck_assert_uint_eq(l.cat_id, NIS2_CATEGORY_NATIONAL);
    nis2i_ob_list_free(&l);
    /* Portugal's overlay does not declare it: no duty there, and not a national category of Portugal's */
    uint32_t pt;
    ck_assert(nis2i_map_get(&c->overlay_index, "PT", &pt));
    ck_assert_int_eq(nis2i_obligations_select_category(c, NULL, "priority_small_entity", (int)pt, &l, NULL), NIS2_OK);
    ck_assert_uint_eq(l.n, 0);
    ck_assert_uint_eq(l.cat_id, NIS2_CATEGORY_UNDETERMINED);
    nis2i_ob_list_free(&l);
    nis2_ctx_free(c);

    /* A duty or a fine bracket for a category the overlay does not declare, or one that carries no duties. */
    static const char *const bad[][3] = {
        {"priority_entity", "priority_small_entity", "obligations[0]"},
        {"relevant_public_entity_group_a", "priority_small_entity", "obligations[0]"},   /* Portugal's, not this law's */
        {"out_of_scope", "priority_small_entity", "obligations[0]"},
        {"priority_small_entity", "undetermined", "fines[0]"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        c = NULL;
        ck_assert_int_eq(mt_ctx(bad[k][0], bad[k][1], &c, err), NIS2_ERR_CATALOG);
        ck_assert_ptr_null(c);
        const char *path = nis2_error_path(err), *msg = nis2_error_message(err);
        ck_assert_msg(path && strstr(path, "$.overlays[") && strstr(path, bad[k][2]), "%s: path %s", bad[k][0], path);
        ck_assert_msg(strstr(msg, "unknown category") && strstr(msg, "important, priority_small_entity"), "%s", msg);
    }
    nis2_error_free(err);
}
END_TEST

/* The MT overlay above with one change to its overlay object: key set to the JSON value (or the first category
 * given cat_key set to the value when key is NULL). */
static nis2_status mt_ctx_with(const char *key, const char *cat, const char *value, nis2_ctx **out, nis2_error *err)
{
    char doc[sizeof mt_overlay + 128];
    snprintf(doc, sizeof doc, mt_overlay, "priority_small_entity", "priority_small_entity");
    json_t *d = json_loads(doc, 0, NULL), *v = json_loads(value, JSON_DECODE_ANY, NULL);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_nonnull(v);
    json_t *ov = json_array_get(json_object_get(d, "overlays"), 0);
    if (key) {
        json_object_set_new(ov, key, v);
    } else {
        size_t i;
        json_t *c = NULL;
        json_array_foreach(json_object_get(ov, "categories"), i, c)
            if (strcmp(json_string_value(json_object_get(c, "id")), cat) == 0)
                break;
        ck_assert_ptr_nonnull(c);
        json_object_set_new(c, "category_code", v);
    }
    char *text = json_dumps(d, JSON_COMPACT);
    json_decref(d);
    nis2_status st = nis2_ctx_new_from_json(out, text, strlen(text), NIS2_CATALOG_EXTEND, err);
    free(text);
    return st;
}

/* The public id of a national category is the overlay's category_code (Portugal's groups A and B: 7 and 8, as
 * released in NIS2_1.1), else NIS2_CATEGORY_NATIONAL; bad codes are NIS2_ERR_CATALOG at the category's path. */
START_TEST(category_code_from_catalog)
{
    nis2_error *err = nis2_error_new();
    for (int with = 0; with < 2; with++) {
        nis2_ctx *c = NULL;
        ck_assert_msg((with ? mt_ctx_with(NULL, "priority_small_entity", "9", &c, err)
                            : mt_ctx("priority_small_entity", "priority_small_entity", &c, err)) == NIS2_OK, "%s",
                      nis2_error_message(err));
        const char ent[] = "{\"country\":\"MT\",\"activities\":[\"energy.electricity.dso\"],\"employees\":30,"
                           "\"turnover_eur\":3000000,\"balance_sheet_eur\":3000000}";
        nis2_entity *e = NULL;
        ck_assert_int_eq(nis2_entity_from_json(c, ent, strlen(ent), &e, err), NIS2_OK);
        nis2_result *r = NULL;
        ck_assert_int_eq(nis2_classify(c, e, &r, err), NIS2_OK);
        ck_assert_str_eq(nis2_result_category(r, NIS2_VERDICT_NATIONAL), "priority_small_entity");
        ck_assert_uint_eq(nis2_result_category_id(r, NIS2_VERDICT_NATIONAL), NIS2_CATEGORY_NATIONAL);
        ck_assert_uint_eq(nis2_result_category_code(r, NIS2_VERDICT_NATIONAL), with ? 9u : NIS2_CATEGORY_NATIONAL);
        nis2_obligations *o = NULL;
        ck_assert_int_eq(nis2_obligations_select(c, e, r, &o, err), NIS2_OK);
        ck_assert_uint_eq(nis2_obligations_category_code(o), with ? 9u : NIS2_CATEGORY_NATIONAL);
        nis2_obligations_free(o);
        nis2_result_free(r);
        nis2_entity_free(e);
        nis2_ctx_free(c);
    }
    static const char *const bad[][3] = {
        {"priority_small_entity", "7", "already the code of 'relevant_public_entity_group_a' (PT)"},
        {"priority_small_entity", "6", "must be an integer from 7 to 255"},
        {"priority_small_entity", "256", "must be an integer from 7 to 255"},
        {"priority_small_entity", "\"9\"", "must be an integer from 7 to 255"},
        {"essential", "9", "is a Directive category"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        nis2_ctx *c = NULL;
        ck_assert_int_eq(mt_ctx_with(NULL, bad[k][0], bad[k][1], &c, err), NIS2_ERR_CATALOG);
        ck_assert_ptr_null(c);
        ck_assert_msg(strstr(nis2_error_message(err), bad[k][2]), "%s", nis2_error_message(err));
        ck_assert_msg(strstr(nis2_error_path(err), "].categories["), "%s", nis2_error_path(err));
    }
    nis2_error_free(err);
}
END_TEST

/* The incident assessment's note names the overlay's own significance provision, or none. */
START_TEST(significance_note_from_overlay)
{
    nis2_error *err = nis2_error_new();
    static const char *const sig[] = {NULL, "{\"ref\":\"FTA art. 12(1)\"}"};
    static const char *const want[] = {
        "National law may set its own significance criteria; this assessment applies IR 2024/2690 and NIS2 Art. "
        "23(3) only.",
        "National law may set its own significance criteria (e.g. MT FTA art. 12(1)); this assessment applies IR "
        "2024/2690 and NIS2 Art. 23(3) only."};
    const char inc[] = "{\"schema\":1,\"entity\":{\"country\":\"%s\",\"activities\":[\"energy.electricity.dso\"],"
                       "\"employees\":300,\"turnover_eur\":80000000,\"balance_sheet_eur\":60000000},"
                       "\"aware_at\":\"2026-04-01T10:20:00+01:00\",\"impact\":{\"unavailable_minutes\":45}}";
    for (int k = 0; k < 4; k++) {
        nis2_ctx *c = NULL;
        if (k < 2)
            ck_assert_msg((sig[k] ? mt_ctx_with("significance", NULL, sig[k], &c, err)
                                  : mt_ctx("priority_small_entity", "priority_small_entity", &c, err)) == NIS2_OK,
                          "%s", nis2_error_message(err));
        char doc[600], *out = NULL;
        snprintf(doc, sizeof doc, inc, k < 2 ? "MT" : k == 2 ? "PT" : "DE");
        ck_assert_msg(nis2_incident_assess_json(k < 2 ? c : ctx, doc, strlen(doc), 0, &out, err) == NIS2_OK, "%s",
                      nis2_error_message(err));
        const char *exp = k < 2 ? want[k]
                          : k == 2 ? "National law may set its own significance criteria (e.g. PT RJC art. 40(3)-(4)); "
                                     "this assessment applies IR 2024/2690 and NIS2 Art. 23(3) only."
                                   : "National law may set its own significance criteria (e.g. DE BSIG § 2 Nr. 11); "
                                     "this assessment applies IR 2024/2690 and NIS2 Art. 23(3) only.";
        ck_assert_msg(strstr(out, exp) != NULL, "%d: %s", k, out);
        ck_assert_msg(k == 1 || !strstr(out, "(e.g. MT"), "%s", out);
        nis2_string_free(out);
        nis2_ctx_free(c);
    }
    nis2_ctx *c = NULL;
    ck_assert_int_eq(mt_ctx_with("significance", NULL, "{\"note\":\"no ref\"}", &c, err), NIS2_ERR_CATALOG);
    ck_assert_ptr_null(c);
    ck_assert_msg(strstr(nis2_error_path(err), "].significance"), "%s", nis2_error_path(err));
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- the JSON writer against json_dumps() */

/* The output of c for entity doc, compact and pretty, is byte for byte what json_dumps() writes of the same
 * document with the library's flags (PRESERVE_ORDER, REAL_PRECISION(15), COMPACT or INDENT(2)). */
static void writer_check(const nis2_ctx *c, const char *doc)
{
    nis2_error *err = nis2_error_new();
    char *compact = NULL, *pretty = NULL;
    ck_assert_msg(nis2_obligations_json(c, doc, strlen(doc), 0, &compact, err) == NIS2_OK, "%s: %s", doc,
                  nis2_error_message(err));
    ck_assert_msg(nis2_obligations_json(c, doc, strlen(doc), NIS2_JSON_PRETTY, &pretty, err) == NIS2_OK, "%s", doc);
    json_error_t je;
    json_t *v = json_loads(compact, 0, &je);
    ck_assert_msg(v != NULL, "%s: not JSON: %s", doc, je.text);
    char *c_want = json_dumps(v, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_COMPACT);
    char *p_want = json_dumps(v, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_INDENT(2));
    ck_assert_msg(strcmp(compact, c_want) == 0, "%s: compact differs", doc);
    ck_assert_msg(strcmp(pretty, p_want) == 0, "%s: pretty differs:\n%s\n---\n%s", doc, pretty, p_want);
    free(c_want);
    free(p_want);
    json_decref(v);
    nis2_string_free(compact);
    nis2_string_free(pretty);
    nis2_error_free(err);
}

static const char *const writer_docs[] = {
    /* no duties: an empty list, max_fine_none without ref */
    "{\"country\": \"AT\", \"activities\": [\"manufacturing.machinery\"], \"employees\": 3}",
    /* a name with characters to escape and non-ASCII ones; fines with a turnover share (a real) */
    "{\"name\": \"A \\\"q\\\" \\\\ \\n\\t\\u0001 \\u00e9\\u20ac\", \"country\": \"AT\", \"activities\": "
    "[\"energy.electricity.dso\"], " LARGE "}",
    "{\"name\": null, \"country\": \"DE\", \"activities\": [\"health.healthcare_provider\"], " LARGE "}",
    /* non-integral maximum (EUR 10 000 000.02) */
    "{\"country\": \"AT\", \"activities\": [\"energy.electricity.dso\"], \"employees\": 300, "
    "\"turnover_eur\": 500000001}",
    /* Portugal: national duties with deadlines, effective_from_basis, offence, national_also */
    "{\"country\": \"PT\", \"activities\": [\"health.healthcare_provider\"], " LARGE "}",
    "{\"country\": \"PT\", \"activities\": [\"digital_infrastructure.dns_provider\"], \"employees\": 5}",
    /* DORA: displaced_by everywhere, max_fine_none */
    "{\"country\": \"AT\", \"activities\": [\"banking.credit_institution\"], " LARGE
    ", \"flags\": {\"dora_financial_entity\": true}}",
};

START_TEST(writer_equals_json_dumps)
{
    writer_check(ctx, writer_docs[_i]);
}
END_TEST

/* A catalog extension is named in catalog_extensions, in both forms. */
START_TEST(writer_catalog_extensions)
{
    const char *ext = "{" TEST_EXT_ID "\"entity_types\": [{\"code\": \"test.new_type\", \"annex\": \"II\", "
                      "\"sector\": \"Test\", \"label\": \"new\", \"ref\": \"test\", \"role\": \"generic\"}]}";
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, ext, strlen(ext), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    writer_check(c2, "{\"country\": \"AT\", \"activities\": [\"test.new_type\"], " LARGE "}");
    char *out = NULL;
    const char *doc = "{\"country\": \"AT\", \"activities\": [\"test.new_type\"], " LARGE "}";
    ck_assert_int_eq(nis2_obligations_json(c2, doc, strlen(doc), 0, &out, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(out, ",\"catalog_extensions\":[{\"name\":\"test-extension\",\"version\":\"1\"}]}"));
    nis2_string_free(out);
    nis2_ctx_free(c2);
    nis2_error_free(err);
}
END_TEST

/* A name that is not UTF-8 (set through the C API) is left out, as jansson left out a string it could not make;
 * the rest of the document stands. */
START_TEST(writer_drops_invalid_utf8_name)
{
    nis2_error *err = nis2_error_new();
    nis2_entity *e = NULL;
    ck_assert_int_eq(nis2_entity_new(ctx, &e, err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_name(e, "bad \xff name", err), NIS2_OK);
    ck_assert_int_eq(nis2_entity_set_country(e, "AT", err), NIS2_OK);
    nis2_obligations *o = NULL;
    ck_assert_int_eq(nis2_obligations_select(ctx, e, NULL, &o, err), NIS2_OK);
    for (uint32_t flags = 0; flags <= NIS2_JSON_PRETTY; flags += NIS2_JSON_PRETTY) {
        char *out = NULL;
        ck_assert_int_eq(nis2_obligations_to_json(o, flags, &out, err), NIS2_OK);
        json_t *v = json_loads(out, 0, NULL);
        ck_assert_ptr_nonnull(v);
        ck_assert_ptr_null(json_object_get(v, "name"));
        ck_assert_str_eq(json_string_value(json_object_get(v, "country")), "AT");
        const char *head = flags ? "{\n  \"schema\": 1,\n  \"country\": \"AT\"," : "{\"schema\":1,\"country\":\"AT\",";
        ck_assert_msg(strncmp(out, head, strlen(head)) == 0, "%.60s", out);
        json_decref(v);
        nis2_string_free(out);
    }
    nis2_obligations_free(o);
    nis2_entity_free(e);
    nis2_error_free(err);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("NIS2 Arts 20-34 and RJC arts 8-68: obligations and fines");
    TCase *tc = tcase_create("obligations");
    tcase_add_test(tc, essential_vs_important_supervision);
    tcase_add_test(tc, out_of_scope_gets_none);
    tcase_add_test(tc, drsp_only_gets_arts_3_26_27_28_only);
    tcase_add_test(tc, r27_types_get_art27_others_do_not);
    tcase_add_test(tc, tld_registry_gets_art28);
    tcase_add_test(tc, tsp_gets_24h_notification);
    tcase_add_test(tc, dora_duties_listed_with_displaced_by);
    tcase_add_loop_test(tc, fine_boundary, 0, (int)(sizeof fine_cases / sizeof fine_cases[0]));
    tcase_add_test(tc, fine_unknown_turnover_and_public_administration);
    tcase_add_test(tc, pt_essential_national_duties);
    tcase_add_test(tc, pt_fine_boundary);
    tcase_add_test(tc, pt_group_a_and_b);
    tcase_add_test(tc, pt_group_categories_internal_entry);
    tcase_add_test(tc, pt_dora_keeps_incident_notification);
    tcase_add_test(tc, typed_api_accessors);
    tcase_add_loop_test(tc, writer_equals_json_dumps, 0, (int)(sizeof writer_docs / sizeof writer_docs[0]));
    tcase_add_test(tc, writer_catalog_extensions);
    tcase_add_test(tc, writer_drops_invalid_utf8_name);
    tcase_add_loop_test(tc, json_entry_errors, 0, (int)(sizeof bad_docs / sizeof bad_docs[0]));
    tcase_add_test(tc, null_and_foreign_arguments);
    tcase_add_loop_test(tc, catalog_validation, 0, (int)(sizeof cat_cases / sizeof cat_cases[0]));
    tcase_add_test(tc, catalog_loads_every_obligation);
    tcase_add_test(tc, typed_table_matches_catalog_json);
    tcase_add_test(tc, national_fact_settles_condition);
    tcase_add_test(tc, runtime_overlay_national_category_duty);
    tcase_add_test(tc, category_code_from_catalog);
    tcase_add_test(tc, significance_note_from_overlay);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    ctx = test_ctx();
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nis2_ctx_free(ctx);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
