/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ISO/IEC 27001:2022 -> NIS2 gap report (lib/schema/FORMATS.md §gap-report): identifier normalisation, the mapping graph (inversion,
 * weakest-link chains through Implementing Regulation (EU) 2024/2690), the status rules and every input error.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "model/names.h"
#include "json/gap_report.h"
#include "rules/mapping.h"
#include "vectors.h"

static nis2_ctx *ctx;

static const char *const CLOUD =
    "{\"name\": \"T\", \"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\"], "
    "\"employees\": 400, \"turnover_eur\": 90000000, \"balance_sheet_eur\": 70000000}";

/* Run the report; fail the test on error. */
static json_t *report(const char *doc)
{
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    nis2_status st = nis2_gap_report_json(ctx, doc, strlen(doc), 0, &out, err);
    ck_assert_msg(st == NIS2_OK, "gap report failed: %s (%s)", nis2_error_message(err), nis2_error_path(err));
    json_error_t jerr;
    json_t *v = json_loads(out, 0, &jerr);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

static const json_t *find_ob(const json_t *rep, const char *id)
{
    size_t i;
    const json_t *o;
    json_array_foreach(json_object_get(rep, "obligations"), i, o) if (strcmp(json_string_value(json_object_get(o, "id")), id) == 0) return o;
    ck_abort_msg("obligation %s not in the report", id);
    return NULL;
}

static const char *status_of(const json_t *rep, const char *id)
{
    return json_string_value(json_object_get(find_ob(rep, id), "status"));
}

static long long summary(const json_t *rep, const char *k)
{
    return (long long)json_integer_value(json_object_get(json_object_get(rep, "summary"), k));
}

/* An ISMS with every Annex A control implemented and each evidenced by a fresh item; a valid certificate. */
static char *full_isms(const char *a63_valid_until, const char *a63_dated)
{
    const nis2i_iso *iso = ctx->iso;
    json_t *soa = json_array(), *ev = json_array();
    for (size_t i = 0; i < iso->n_controls; i++) {
        if (iso->controls[i].kind != NIS2I_CK_ANNEX_A)
            continue;
        json_array_append_new(soa, json_pack("{s:s,s:b,s:s}", "control", iso->controls[i].id, "applicable", 1,
                                             "status", "implemented"));
        char id[32];
        snprintf(id, sizeof id, "EV-%s", iso->controls[i].id);
        bool a63 = strcmp(iso->controls[i].id, "A.6.3") == 0;
        json_array_append_new(ev, json_pack("{s:s,s:[s],s:s,s:s}", "id", id, "controls", iso->controls[i].id, "dated",
                                            a63 ? a63_dated : "2026-06-01", "valid_until",
                                            a63 ? a63_valid_until : "2027-06-01"));
    }
    json_error_t jerr;
    json_t *doc = json_pack("{s:i,s:o,s:s,s:o,s:{s:s,s:s,s:b},s:o}", "schema", 1, "entity", json_loads(CLOUD, 0, &jerr),
                            "as_of", "2026-11-28", "soa", soa, "certificate", "standard", "ISO/IEC 27001:2022",
                            "valid_until", "2028-01-01", "scope_covers_nis2_services", 1, "evidence", ev);
    char *s = json_dumps(doc, 0);
    json_decref(doc);
    return s;
}

START_TEST(full_isms_still_leaves_nis2_specific_duties_open)
{
    char *doc = full_isms("2027-06-01", "2026-06-01");
    json_t *rep = report(doc);
    free(doc);
    /* the reporting clock, registration, management-body training: no ISO control covers them */
    ck_assert_str_eq(status_of(rep, "nis2.art23.early_warning"), "missing");
    ck_assert_str_eq(status_of(rep, "nis2.art3.submit_entity_information"), "missing");
    ck_assert_str_eq(status_of(rep, "nis2.art20.management_training"), "partial");
    ck_assert_str_eq(status_of(rep, "nis2.art23.notify_significant_incident"), "partial");
    size_t i;
    const json_t *o;
    size_t specific = 0;
    json_array_foreach(json_object_get(rep, "obligations"), i, o) {
        const char *st = json_string_value(json_object_get(o, "status"));
        if (!json_is_true(json_object_get(o, "nis2_specific")) || strcmp(st, "not_applicable") == 0)
            continue;
        specific++;
        ck_assert_msg(strcmp(st, "covered") != 0, "%s covered by ISO alone", json_string_value(json_object_get(o, "id")));
        ck_assert_uint_gt(json_array_size(json_object_get(o, "open")), 0);
    }
    ck_assert_uint_gt(specific, 10);
    ck_assert_int_eq(summary(rep, "nis2_specific_open"), (long long)specific);
    /* the early warning names the no_relationship pair it used */
    const json_t *nr = json_object_get(find_ob(rep, "nis2.art23.early_warning"), "no_relationship");
    ck_assert_uint_eq(json_array_size(nr), 1);
    ck_assert(json_is_null(json_object_get(json_array_get(nr, 0), "to")));
    /* A.6.3 is subset_of-linked to Art. 20(2) staff training: the only duty ISO covers in full */
    ck_assert_str_eq(status_of(rep, "nis2.art20.staff_training"), "covered");
    /* ENISA pairs are intersects_with: a fully evidenced Art. 21(2)(h) is still partial */
    const json_t *h = find_ob(rep, "nis2.art21.h_cryptography");
    ck_assert_str_eq(json_string_value(json_object_get(h, "status")), "partial");
    ck_assert_ptr_nonnull(strstr(json_string_value(json_array_get(json_object_get(h, "open"), 0)),
                                 "list it under the duty's id nis2.art21.h_cryptography"));
    ck_assert_int_eq(summary(rep, "missing") + summary(rep, "partial") + summary(rep, "covered"), summary(rep, "assessed"));
    json_decref(rep);
}
END_TEST

START_TEST(stale_evidence_lowers_a_status)
{
    static const struct { const char *until, *dated; } stale[] = {{"2026-11-27", "2025-11-27"}, {"2027-12-01", "2026-11-29"}};
    for (size_t k = 0; k < 2; k++) {
        char *doc = full_isms(stale[k].until, stale[k].dated);
        json_t *rep = report(doc);
        free(doc);
        /* Art. 20(2) 2nd sentence is encouraged, not required: once its evidence is stale it is no longer covered,
         * and it is never a gap (defect fixed: it was "partial", Art. 24(1) 2nd sentence even "missing") */
        const json_t *o = find_ob(rep, "nis2.art20.staff_training");
        ck_assert_str_eq(json_string_value(json_object_get(o, "status")), "not_applicable");
        ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(o, "reason")), "encouraged, not required"));
        ck_assert_uint_eq(json_array_size(json_object_get(o, "open")), 0);
        ck_assert(json_is_true(json_object_get(o, "binds")));
        ck_assert_str_eq(json_string_value(json_array_get(json_object_get(o, "stale_evidence"), 0)), "EV-A.6.3");
        const json_t *s = json_array_get(json_object_get(rep, "stale_evidence"), 0);
        ck_assert_str_eq(json_string_value(json_object_get(s, "id")), "EV-A.6.3");
        ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(s, "reason")), k ? "after as_of" : "expired"));
        ck_assert_int_eq(summary(rep, "stale_evidence"), 1);
        json_decref(rep);
    }
    /* valid_until == as_of is still current */
    char *doc = full_isms("2026-11-28", "2026-01-01");
    json_t *rep = report(doc);
    free(doc);
    ck_assert_str_eq(status_of(rep, "nis2.art20.staff_training"), "covered");
    json_decref(rep);
}
END_TEST

START_TEST(direct_evidence_covers_a_nis2_specific_duty)
{
    char doc[1024];
    snprintf(doc, sizeof doc,
             "{\"entity\": %s, \"as_of\": \"2026-11-28\", \"evidence\": [{\"id\": \"EV-1\", \"title\": \"Runbook\", "
             "\"obligations\": [\"nis2.art23.early_warning\"], \"dated\": \"2026-01-10\"}, {\"id\": \"EV-2\", "
             "\"obligations\": [\"nis2.art3.submit_entity_information\"], \"dated\": \"2026-01-10\", \"valid_until\": "
             "\"2026-02-01\"}]}",
             CLOUD);
    json_t *rep = report(doc);
    ck_assert_str_eq(status_of(rep, "nis2.art23.early_warning"), "covered");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(find_ob(rep, "nis2.art23.early_warning"), "evidence"), 0)),
                     "EV-1");
    ck_assert_str_eq(status_of(rep, "nis2.art3.submit_entity_information"), "missing");   /* EV-2 expired */
    json_decref(rep);
}
END_TEST

START_TEST(empty_isms_is_missing_everywhere)
{
    char doc[512];
    snprintf(doc, sizeof doc, "{\"schema\": 1, \"entity\": %s, \"as_of\": \"2026-11-28\", \"soa\": [], \"evidence\": []}",
             CLOUD);
    json_t *rep = report(doc);
    ck_assert_int_gt(summary(rep, "assessed"), 30);
    ck_assert_int_eq(summary(rep, "missing"), summary(rep, "assessed"));
    ck_assert_int_eq(summary(rep, "covered"), 0);
    ck_assert_int_eq(summary(rep, "partial"), 0);
    ck_assert(json_is_null(json_object_get(rep, "certificate")));
    json_decref(rep);
}
END_TEST

START_TEST(registration_only_provider_is_assessed_on_its_own_duties)
{
    const char *doc = "{\"entity\": {\"country\": \"PT\", \"activities\": [\"domain_registration.registrar\"], "
                      "\"employees\": 12}, \"as_of\": \"2026-11-28\"}";
    json_t *rep = report(doc);
    size_t i;
    const json_t *o;
    size_t assessed = 0;
    json_array_foreach(json_object_get(rep, "obligations"), i, o) {
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *st = json_string_value(json_object_get(o, "status"));
        if (strcmp(st, "not_applicable") == 0)
            continue;
        assessed++;
        ck_assert_msg(strncmp(id, "nis2.art3.", 10) == 0 || strncmp(id, "nis2.art26.", 11) == 0 ||
                          strncmp(id, "nis2.art27.", 11) == 0 || strncmp(id, "nis2.art28.", 11) == 0 ||
                          strncmp(id, "pt.", 3) == 0,
                      "%s assessed for a registration-only provider", id);
    }
    ck_assert_uint_gt(assessed, 3);
    ck_assert_str_eq(status_of(rep, "nis2.art21.h_cryptography"), "not_applicable");
    ck_assert_str_eq(status_of(rep, "nis2.art23.early_warning"), "not_applicable");
    ck_assert_int_eq(summary(rep, "assessed"), (long long)assessed);
    json_decref(rep);
}
END_TEST

START_TEST(relationship_inversion_and_weakest_link)
{
    ck_assert_int_eq(nis2i_rel_invert(NIS2I_REL_SUBSET), NIS2I_REL_SUPERSET);
    ck_assert_int_eq(nis2i_rel_invert(NIS2I_REL_SUPERSET), NIS2I_REL_SUBSET);
    ck_assert_int_eq(nis2i_rel_invert(NIS2I_REL_EQUAL), NIS2I_REL_EQUAL);
    ck_assert_int_eq(nis2i_rel_invert(NIS2I_REL_INTERSECTS), NIS2I_REL_INTERSECTS);
    ck_assert_int_eq(nis2i_rel_invert(NIS2I_REL_NONE), NIS2I_REL_NONE);
    for (int r = 0; r <= 4; r++)
        ck_assert_int_eq(nis2i_rel_invert(nis2i_rel_invert((nis2i_rel)r)), r);
    ck_assert_int_eq(nis2i_rel_chain(NIS2I_REL_EQUAL, NIS2I_REL_SUBSET), NIS2I_REL_SUBSET);
    ck_assert_int_eq(nis2i_rel_chain(NIS2I_REL_SUBSET, NIS2I_REL_SUPERSET), NIS2I_REL_SUPERSET);
    ck_assert_int_eq(nis2i_rel_chain(NIS2I_REL_SUPERSET, NIS2I_REL_INTERSECTS), NIS2I_REL_INTERSECTS);
    ck_assert_int_eq(nis2i_rel_chain(NIS2I_REL_INTERSECTS, NIS2I_REL_NONE), NIS2I_REL_NONE);
    ck_assert_str_eq(nis2i_rel_name(NIS2I_REL_SUBSET), "subset_of");
    ck_assert_int_eq(nis2i_rel_parse("superset_of"), NIS2I_REL_SUPERSET);
    ck_assert_int_eq(nis2i_rel_parse("contains"), -1);
}
END_TEST

static const nis2i_link *link_to(const nis2i_links *l, const char *control)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(ctx->iso->controls[l->items[i].control].id, control) == 0)
            return &l->items[i];
    return NULL;
}

START_TEST(chains_through_the_implementing_regulation)
{
    nis2i_links direct = {0}, ir = {0};
    ck_assert_int_eq(nis2i_iso_resolve(ctx, "nis2.art21.d_supply_chain_security", false, &direct, NULL), NIS2_OK);
    ck_assert_int_eq(nis2i_iso_resolve(ctx, "nis2.art21.d_supply_chain_security", true, &ir, NULL), NIS2_OK);
    ck_assert_uint_gt(ir.n, direct.n);
    for (size_t i = 0; i < direct.n; i++)
        ck_assert_uint_eq(direct.items[i].path_len, 1);
    /* duty -subset_of-> ir2690.5 -superset_of-> ir2690.5.x -intersects_with (ENISA)-> control */
    size_t three = 0;
    for (size_t i = 0; i < ir.n; i++) {
        const nis2i_link *k = &ir.items[i];
        ck_assert_int_le(k->rel, NIS2I_REL_INTERSECTS);
        if (k->path_len == 3) {
            three++;
            ck_assert_str_eq(ctx->iso->edges[k->path[0]].to_id, "ir2690.5");
            ck_assert_int_eq(ctx->iso->edges[k->path[0]].rel, NIS2I_REL_SUBSET);
            ck_assert_str_eq(ctx->iso->edges[k->path[2]].source, "ENISA TIG 2025");
        }
    }
    ck_assert_uint_gt(three, 0);
    nis2i_links_free(&direct);
    nis2i_links_free(&ir);

    nis2i_links st = {0};
    ck_assert_int_eq(nis2i_iso_resolve(ctx, "nis2.art20.staff_training", false, &st, NULL), NIS2_OK);
    const nis2i_link *a63 = link_to(&st, "A.6.3");
    ck_assert_ptr_nonnull(a63);
    if (a63)
        ck_assert_int_eq(a63->rel, NIS2I_REL_SUBSET);
    nis2i_links_free(&st);

    /* a catalog extension with stronger links: equal, then superset_of (section -> point), then subset_of */
    const char *ext =
        "{" TEST_EXT_ID "\"mappings\": [{\"from\": \"nis2.art29.notify_participation\", \"to\": \"ir2690.7\", \"relationship\": \"equal\", "
        "\"rationale\": \"test\", \"source\": \"libnis2\"}, {\"from\": \"ir2690.7.1\", \"to\": \"A.5.1\", "
        "\"relationship\": \"subset_of\", \"rationale\": \"test\", \"source\": \"libnis2\"}]}";
    nis2_ctx *c2;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, ext, strlen(ext), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    nis2i_links l = {0};
    ck_assert_int_eq(nis2i_iso_resolve(c2, "nis2.art29.notify_participation", true, &l, NULL), NIS2_OK);
    const nis2i_link *k = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(c2->iso->controls[l.items[i].control].id, "A.5.1") == 0)
            k = &l.items[i];
    ck_assert_ptr_nonnull(k);
    ck_assert_int_eq(k->rel, NIS2I_REL_SUPERSET);
    ck_assert_uint_eq(k->path_len, 3);
    nis2i_links_free(&l);
    nis2_ctx_free(c2);

    /* catalog validation: a dangling endpoint and an unknown relationship are rejected */
    static const struct { const char *doc, *frag; } bad[] = {
        {"{\"mappings\": [{\"from\": \"nis2.art29.notify_participation\", \"to\": \"A.9.9\", \"relationship\": \"equal\", "
         "\"rationale\": \"x\", \"source\": \"libnis2\"}]}",
         "to must be"},
        {"{\"mappings\": [{\"from\": \"nis2.nope\", \"to\": \"A.5.1\", \"relationship\": \"equal\", \"rationale\": \"x\", "
         "\"source\": \"libnis2\"}]}",
         "from 'nis2.nope'"},
        {"{\"mappings\": [{\"from\": \"ir2690.7.1\", \"to\": \"A.5.2\", \"relationship\": \"contains\", \"rationale\": \"x\", "
         "\"source\": \"libnis2\"}]}",
         "relationship must be"},
        {"{\"mappings\": [{\"from\": \"ir2690.7.1\", \"to\": null, \"relationship\": \"equal\", \"rationale\": \"x\", "
         "\"source\": \"libnis2\"}]}",
         "null only for no_relationship"},
        {"{\"mappings\": [{\"from\": \"ir2690.7.1\", \"to\": \"A.5.3\", \"relationship\": \"equal\", \"rationale\": \"x\", "
         "\"source\": \"someone\"}]}",
         "source must name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nis2_error_clear(err);
        ck_assert_int_eq(nis2_ctx_new_from_json(&c2, bad[i].doc, strlen(bad[i].doc), NIS2_CATALOG_EXTEND, err), NIS2_ERR_CATALOG);
        ck_assert_msg(strstr(nis2_error_message(err), bad[i].frag), "%zu: %s", i, nis2_error_message(err));
        ck_assert_ptr_nonnull(strstr(nis2_error_path(err), "$.mappings["));
    }
    nis2_error_free(err);
}
END_TEST

START_TEST(every_enisa_pair_is_in_the_catalog_with_attribution)
{
    size_t i, enisa = 0;
    const json_t *m;
    json_array_foreach(json_object_get(nis2i_ctx_doc(ctx), "mappings"), i, m) {
        if (strcmp(json_string_value(json_object_get(m, "source")), "ENISA TIG 2025") != 0)
            continue;
        enisa++;
        ck_assert_int_eq(strncmp(json_string_value(json_object_get(m, "from")), "ir2690.", 7), 0);
        ck_assert_str_eq(json_string_value(json_object_get(m, "relationship")), "intersects_with");
        ck_assert_int_ge(nis2i_control_find(ctx, json_string_value(json_object_get(m, "to"))), 0);
    }
    ck_assert_uint_eq(enisa, 118);   /* ENISA's 121 ISO/IEC 27001 entries less the three with 2013 numbering */
    ck_assert_uint_eq(json_array_size(json_object_get(nis2i_ctx_doc(ctx), "unresolved")), 3);
    bool attributed = false;
    json_array_foreach(json_object_get(nis2i_ctx_doc(ctx), "sources"), i, m) {
        if (strcmp(json_string_value(json_object_get(m, "id")), "ENISA TIG 2025") == 0)
            attributed = strcmp(json_string_value(json_object_get(m, "licence")), "CC BY 4.0") == 0 &&
                         json_is_string(json_object_get(m, "attribution"));
    }
    ck_assert(attributed);
    char *out = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "mappings", 0, &out, NULL), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"source\":\"ENISA TIG 2025\""));
    nis2_string_free(out);
}
END_TEST

START_TEST(identifier_normalisation)
{
    static const struct { const char *in, *out; } ok[] = {
        {"A5.7", "A.5.7"},   {"A. 5.24", "A.5.24"}, {"5.24", "A.5.24"}, {"a.8.34", "A.8.34"},
        {"\xCE\x91.5.19", "A.5.19"}, {"A.5 .24", "A.5.24"}, {"9.3", "9.3"}, {"5.1", "5.1"}, {"A.5.1", "A.5.1"},
        {" 10.2 ", "10.2"},  {"6.1.2", "6.1.2"},    {"8.34", "A.8.34"},  {"A7.14", "A.7.14"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        const char *id = NULL;
        nis2_error *err = nis2_error_new();
        ck_assert_msg(nis2_iso_normalise_id(ctx, ok[i].in, &id, err) == NIS2_OK, "%s: %s", ok[i].in, nis2_error_message(err));
        ck_assert_str_eq(id, ok[i].out);
        nis2_error_free(err);
    }
    ck_assert_str_eq(nis2_iso_control_title(ctx, "9.3"), "Management review");
    ck_assert_ptr_null(nis2_iso_control_title(ctx, "A.8.35"));
    static const struct { const char *in; uint32_t st; } bad[] = {
        {"A.8.35", NIS2_ERR_UNKNOWN_CODE}, {"4.5", NIS2_ERR_UNKNOWN_CODE}, {"A.9.1", NIS2_ERR_UNKNOWN_CODE},
        {"11", NIS2_ERR_UNKNOWN_CODE},     {"", NIS2_ERR_INVALID_FIELD},  {"A..5.1", NIS2_ERR_INVALID_FIELD},
        {"5.", NIS2_ERR_INVALID_FIELD},    {"B.5.1", NIS2_ERR_INVALID_FIELD}, {"ISO 5.1", NIS2_ERR_INVALID_FIELD},
        {"A.5.1a", NIS2_ERR_INVALID_FIELD}, {"\xCE\x92.5.1", NIS2_ERR_INVALID_FIELD}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *id = "x";
        nis2_error *err = nis2_error_new();
        ck_assert_msg(nis2_iso_normalise_id(ctx, bad[i].in, &id, err) == bad[i].st, "'%s' accepted or wrong status",
                      bad[i].in);
        ck_assert_ptr_null(id);
        ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "ISO/IEC 27001:2022"));
        nis2_error_free(err);
    }
    ck_assert_int_eq(nis2_iso_normalise_id(ctx, NULL, NULL, NULL), NIS2_ERR_INVALID_ARG);
}
END_TEST

START_TEST(heading_in_the_soa_expands_to_its_subclauses)
{
    char doc[1024];
    snprintf(doc, sizeof doc,
             "{\"entity\": %s, \"as_of\": \"2026-11-28\", \"soa\": [{\"control\": \"9.3\", \"status\": \"implemented\"}],"
             " \"evidence\": [{\"id\": \"MR\", \"controls\": [\"9.3\"], \"dated\": \"2026-03-01\"}]}",
             CLOUD);
    json_t *rep = report(doc);
    const json_t *o = find_ob(rep, "nis2.art21.f_effectiveness_assessment");
    size_t i;
    const json_t *c;
    bool seen = false;
    json_array_foreach(json_object_get(o, "controls"), i, c) {
        if (strcmp(json_string_value(json_object_get(c, "id")), "9.3") == 0) {
            seen = true;
            ck_assert_str_eq(json_string_value(json_object_get(c, "support")), "full");
            ck_assert_str_eq(json_string_value(json_object_get(c, "soa")), "implemented");
        }
    }
    ck_assert(seen);
    json_decref(rep);
}
END_TEST

START_TEST(certificate_counts_only_when_valid_and_in_scope)
{
    static const struct { const char *cert, *status; bool counts; } cases[] = {
        {"{\"standard\": \"ISO/IEC 27001:2022\", \"valid_until\": \"2027-01-01\", \"scope_covers_nis2_services\": true}", "valid", true},
        {"{\"standard\": \"ISO/IEC 27001:2022\", \"valid_until\": \"2026-11-27\", \"scope_covers_nis2_services\": true}", "expired", false},
        {"{\"standard\": \"ISO/IEC 27001:2022\", \"valid_until\": \"2027-01-01\", \"scope_covers_nis2_services\": false}",
         "scope_excludes_nis2_services", false},
        {"{\"standard\": \"ISO/IEC 27001:2013\", \"valid_until\": \"2027-01-01\", \"scope_covers_nis2_services\": true}",
         "other_standard", false},
    };
    for (size_t k = 0; k < 4; k++) {
        char doc[1024];
        snprintf(doc, sizeof doc, "{\"entity\": %s, \"as_of\": \"2026-11-28\", \"certificate\": %s}", CLOUD, cases[k].cert);
        json_t *rep = report(doc);
        const json_t *c = json_object_get(rep, "certificate");
        ck_assert_str_eq(json_string_value(json_object_get(c, "status")), cases[k].status);
        ck_assert(json_is_true(json_object_get(c, "counts")) == cases[k].counts);
        /* clauses 9.1-9.3 back Art. 21(2)(f): partial with a valid certificate, missing without */
        ck_assert_str_eq(status_of(rep, "nis2.art21.f_effectiveness_assessment"), cases[k].counts ? "partial" : "missing");
        json_decref(rep);
    }
}
END_TEST

typedef struct bad_case {
    const char *tail;            /* members after "entity" */
    uint32_t status;
    const char *path;
    const char *frag;
} bad_case;

static const bad_case bad_inputs[] = {
    {", \"soa\": [{\"control\": \"A.8.35\", \"status\": \"implemented\"}]", NIS2_ERR_UNKNOWN_CODE, "$.soa[0].control", "A.8.35"},
    {", \"soa\": [{\"control\": \"A.5.1\", \"status\": \"done\"}]", NIS2_ERR_INVALID_FIELD, "$.soa[0].status", "implemented, partial"},
    {", \"soa\": [{\"control\": \"A.5.1\"}]", NIS2_ERR_MISSING_FIELD, "$.soa[0].status", "needs a status"},
    {", \"soa\": [{\"status\": \"implemented\"}]", NIS2_ERR_MISSING_FIELD, "$.soa[0].control", "names its control"},
    {", \"soa\": [{\"control\": \"A.5.1\", \"status\": \"implemented\"}, {\"control\": \"A5.1\", \"status\": \"planned\"}]",
     NIS2_ERR_INVALID_FIELD, "$.soa[1].control", "already listed at $.soa[0]"},
    {", \"soa\": [{\"control\": \"9.3\", \"applicable\": false}]", NIS2_ERR_INVALID_FIELD, "$.soa[0].applicable", "cannot be excluded"},
    {", \"soa\": [{\"control\": \"A.5.1\", \"applicable\": \"no\"}]", NIS2_ERR_INVALID_FIELD, "$.soa[0].applicable", "true or false"},
    {", \"soa\": [{\"control\": \"A.5.1\", \"status\": \"implemented\", \"owner\": \"x\"}]", NIS2_ERR_UNKNOWN_KEY, "$.soa[0].owner", "unknown key"},
    {", \"soa\": {}", NIS2_ERR_INVALID_FIELD, "$.soa", "expected an array"},
    {", \"evidence\": [{\"id\": \"E\", \"controls\": [\"A.5.1\"], \"dated\": \"2026-02-30\"}]", NIS2_ERR_INVALID_FIELD,
     "$.evidence[0].dated", "YYYY-MM-DD"},
    {", \"evidence\": [{\"id\": \"E\", \"controls\": [\"A.5.1\"]}]", NIS2_ERR_MISSING_FIELD, "$.evidence[0].dated", "required date"},
    {", \"evidence\": [{\"id\": \"E\", \"controls\": [\"A.5.1\"], \"dated\": \"2026-01-01\", \"valid_until\": \"2025-01-01\"}]",
     NIS2_ERR_INVALID_FIELD, "$.evidence[0].valid_until", "before dated"},
    {", \"evidence\": [{\"id\": \"E\", \"obligations\": [\"nis2.art99.nothing\"], \"dated\": \"2026-01-01\"}]",
     NIS2_ERR_UNKNOWN_CODE, "$.evidence[0].obligations[0]", "not an obligation id"},
    {", \"evidence\": [{\"id\": \"E\", \"controls\": [\"A.5.1\", \"Z.1\"], \"dated\": \"2026-01-01\"}]", NIS2_ERR_INVALID_FIELD,
     "$.evidence[0].controls[1]", "not an ISO/IEC 27001:2022 identifier"},
    {", \"evidence\": [{\"id\": \"E\", \"dated\": \"2026-01-01\"}]", NIS2_ERR_INVALID_FIELD, "$.evidence[0]", "at least one control"},
    {", \"evidence\": [{\"controls\": [\"A.5.1\"], \"dated\": \"2026-01-01\"}]", NIS2_ERR_MISSING_FIELD, "$.evidence[0].id", "needs an id"},
    {", \"evidence\": [{\"id\": \"E\", \"controls\": [\"A.5.1\"], \"dated\": \"2026-01-01\"}, {\"id\": \"E\", \"controls\": [\"A.5.2\"], "
     "\"dated\": \"2026-01-01\"}]",
     NIS2_ERR_INVALID_FIELD, "$.evidence[1].id", "used twice"},
    {", \"evidence\": [{\"id\": \"E\", \"controls\": \"A.5.1\", \"dated\": \"2026-01-01\"}]", NIS2_ERR_INVALID_FIELD,
     "$.evidence[0].controls", "expected an array"},
    {", \"certificate\": {\"standard\": \"ISO/IEC 27001:2022\", \"valid_until\": \"2027-01-01\"}", NIS2_ERR_MISSING_FIELD,
     "$.certificate.scope_covers_nis2_services", "certified scope"},
    {", \"certificate\": {\"valid_until\": \"2027-01-01\", \"scope_covers_nis2_services\": true}", NIS2_ERR_MISSING_FIELD,
     "$.certificate.standard", "name the standard"},
    {", \"certificate\": {\"standard\": \"ISO/IEC 27001:2022\", \"valid_until\": \"31.12.2027\", \"scope_covers_nis2_services\": true}",
     NIS2_ERR_INVALID_FIELD, "$.certificate.valid_until", "YYYY-MM-DD"},
    {", \"certificate\": 5", NIS2_ERR_INVALID_FIELD, "$.certificate", "object or null"},
    {", \"isms\": 1", NIS2_ERR_UNKNOWN_KEY, "$.isms", "unknown key"},
};

START_TEST(input_errors_name_the_path)
{
    char doc[2048];
    nis2_error *err = nis2_error_new();
    for (size_t i = 0; i < sizeof bad_inputs / sizeof bad_inputs[0]; i++) {
        snprintf(doc, sizeof doc, "{\"entity\": %s, \"as_of\": \"2026-11-28\"%s}", CLOUD, bad_inputs[i].tail);
        char *out = NULL;
        nis2_error_clear(err);
        nis2_status st = nis2_gap_report_json(ctx, doc, strlen(doc), 0, &out, err);
        ck_assert_msg(st == bad_inputs[i].status, "case %zu: status %d (%s)", i, (int)st, nis2_error_message(err));
        ck_assert_ptr_null(out);
        ck_assert_msg(strcmp(nis2_error_path(err), bad_inputs[i].path) == 0, "case %zu: path %s", i, nis2_error_path(err));
        ck_assert_msg(strstr(nis2_error_message(err), bad_inputs[i].frag), "case %zu: message %s", i, nis2_error_message(err));
    }
    static const struct { const char *doc; uint32_t st; const char *path; } top[] = {
        {"{\"as_of\": \"2026-11-28\"}", NIS2_ERR_MISSING_FIELD, "$.entity"},
        {"{\"entity\": {\"country\": \"DE\", \"activities\": []}}", NIS2_ERR_MISSING_FIELD, "$.as_of"},
        {"{\"entity\": {\"country\": \"DE\", \"activities\": []}, \"as_of\": \"2026-13-01\"}", NIS2_ERR_INVALID_FIELD, "$.as_of"},
        {"{\"entity\": {\"country\": \"XX\", \"activities\": []}, \"as_of\": \"2026-11-28\"}", NIS2_ERR_UNKNOWN_CODE, "$.entity.country"},
        {"{\"entity\": {\"country\": \"DE\"}, \"as_of\": \"2026-11-28\"}", NIS2_ERR_MISSING_FIELD, "$.entity.activities"},
        {"{\"schema\": 2, \"entity\": {\"country\": \"DE\", \"activities\": []}, \"as_of\": \"2026-11-28\"}", NIS2_ERR_INVALID_FIELD, "$.schema"},
        {"[]", NIS2_ERR_INVALID_FIELD, "$"},
    };
    for (size_t i = 0; i < sizeof top / sizeof top[0]; i++) {
        char *out = NULL;
        nis2_error_clear(err);
        ck_assert_msg(nis2_gap_report_json(ctx, top[i].doc, strlen(top[i].doc), 0, &out, err) == top[i].st, "top %zu: %s", i,
                      nis2_error_message(err));
        ck_assert_str_eq(nis2_error_path(err), top[i].path);
    }
    char *out = NULL;
    ck_assert_int_eq(nis2_gap_report_render(ctx, "{}", 2, 7, &out, NULL), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_gap_report_json(ctx, NULL, 0, 0, &out, NULL), NIS2_ERR_INVALID_ARG);
    nis2_error_free(err);
}
END_TEST

START_TEST(renderings_are_deterministic_and_escaped)
{
    char doc[1024];
    snprintf(doc, sizeof doc,
             "{\"entity\": {\"name\": \"<script>alert(1)</script> & Co\", \"country\": \"DE\", \"activities\": "
             "[\"digital_infrastructure.cloud_provider\"], \"employees\": 400}, \"as_of\": \"2026-11-28\", \"evidence\": "
             "[{\"id\": \"E<1>\", \"title\": \"x\", \"controls\": [\"A.8.24\"], \"dated\": \"2020-01-01\", \"valid_until\": \"2021-01-01\"}]}");
    char *html = NULL, *html2 = NULL, *text = NULL;
    ck_assert_int_eq(nis2_gap_report_render(ctx, doc, strlen(doc), NIS2_GAP_FORMAT_HTML, &html, NULL), NIS2_OK);
    ck_assert_int_eq(nis2_gap_report_render(ctx, doc, strlen(doc), NIS2_GAP_FORMAT_HTML, &html2, NULL), NIS2_OK);
    ck_assert_str_eq(html, html2);
    ck_assert_ptr_null(strstr(html, "<script"));
    ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;"));
    ck_assert_ptr_nonnull(strstr(html, "E&lt;1&gt;"));
    ck_assert_ptr_nonnull(strstr(html, "<svg"));
    ck_assert_ptr_nonnull(strstr(html, "CC BY 4.0"));
    ck_assert_ptr_null(strstr(html, "http://"));
    ck_assert_int_eq(nis2_gap_report_render(ctx, doc, strlen(doc), NIS2_GAP_FORMAT_TEXT, &text, NULL), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(text, "Summary:"));
    ck_assert_ptr_nonnull(strstr(text, "stale: E<1>"));
    nis2_string_free(html);
    nis2_string_free(html2);
    nis2_string_free(text);
}
END_TEST

/* lib/json/gap_render.c writes the report's JSON itself: the bytes must be json_dumps()'s (nis2i_json_dump),
 * compact and pretty, escapes included; on a value it does not write (a real) it declines. */
START_TEST(own_json_writer_matches_json_dumps)
{
    const char *doc =
        "{\"entity\": {\"name\": \"Q\\\"uo\\\\te/ \\u0001\\u001f\\n\\t\\b\\f\\r \u00e9 \xf0\x9d\x84\x9e \\u2028 \x7f <&>\", "
        "\"country\": \"DE\", \"activities\": [\"digital_infrastructure.cloud_provider\"], \"employees\": 400}, "
        "\"as_of\": \"2026-11-28\", \"evidence\": ["
        "{\"id\": \"E\\\"1\\t\", \"title\": \"x\\u0002\", \"controls\": [\"A.8.24\", \"9\"], \"dated\": \"2020-01-01\", "
        "\"valid_until\": \"2021-01-01\"},"
        "{\"id\": \"E2 \u00e9\", \"controls\": [\"A.5.24\"], \"obligations\": [\"nis2.art23.early_warning\"], "
        "\"dated\": \"2026-01-01\"}]}";
    json_t *in = json_loads(doc, 0, NULL), *rep = NULL;
    ck_assert_ptr_nonnull(in);
    ck_assert_int_eq(nis2i_gap_report(ctx, in, &rep, NULL), NIS2_OK);
    for (uint32_t flags = 0; flags <= NIS2_JSON_PRETTY; flags++) {
        char *ref = NULL;
        ck_assert_int_eq(nis2i_json_dump(rep, flags, &ref, NULL), NIS2_OK);
        nis2i_buf b = {0};
        ck_assert(nis2i_gap_render_json(rep, flags != 0, &b));
        nis2i_buf_put(&b, "", 1);
        ck_assert_str_eq(b.data, ref);
        nis2i_buf_free(&b);
        free(ref);
    }
    json_object_set_new(json_object_get(rep, "summary"), "x_real", json_real(0.5));
    nis2i_buf b = {0};
    ck_assert(!nis2i_gap_render_json(rep, false, &b));
    nis2i_buf_free(&b);
    json_decref(rep);
    json_decref(in);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ISO/IEC 27001 gap report");
    TCase *t = tcase_create("gap");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, full_isms_still_leaves_nis2_specific_duties_open);
    tcase_add_test(t, stale_evidence_lowers_a_status);
    tcase_add_test(t, direct_evidence_covers_a_nis2_specific_duty);
    tcase_add_test(t, empty_isms_is_missing_everywhere);
    tcase_add_test(t, registration_only_provider_is_assessed_on_its_own_duties);
    tcase_add_test(t, relationship_inversion_and_weakest_link);
    tcase_add_test(t, chains_through_the_implementing_regulation);
    tcase_add_test(t, every_enisa_pair_is_in_the_catalog_with_attribution);
    tcase_add_test(t, identifier_normalisation);
    tcase_add_test(t, heading_in_the_soa_expands_to_its_subclauses);
    tcase_add_test(t, certificate_counts_only_when_valid_and_in_scope);
    tcase_add_test(t, input_errors_name_the_path);
    tcase_add_test(t, renderings_are_deterministic_and_escaped);
    tcase_add_test(t, own_json_writer_matches_json_dumps);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    ctx = test_ctx();
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
