/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The typed gap-report API (include/nis2/gap.h), through the public library only: every example and test input
 * built with the setters gives the report nis2_gap_report_json() gives for the document, byte for byte in every
 * format; every getter agrees with the JSON; every setter's error path names the field as the JSON path would.
 */
#include <check.h>
#include <glob.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/nis2.h>

static nis2_ctx *ctx;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert(s != NULL);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The strings of array a (NULL-terminated copy of the pointers, borrowed from a); *n its size. */
static const char **strs(const json_t *a, size_t *n)
{
    *n = json_array_size(a);
    const char **v = calloc(*n + 1, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = json_string_value(json_array_get(a, i));
    return v;
}

#define OK(call)                                                                                                   \
    do {                                                                                                           \
        nis2_status st_ = (call);                                                                                  \
        ck_assert_msg(st_ == NIS2_OK, "%s: %s (%s)", #call, nis2_error_message(err), nis2_error_path(err));        \
    } while (0)

/* The ISMS of a gap-report input document (lib/schema/FORMATS.md §gap-report), built with the typed setters only. */
static nis2_isms *isms_from_doc(const json_t *doc, nis2_error *err)
{
    char *ej = json_dumps(json_object_get(doc, "entity"), 0);
    nis2_entity *e = NULL;
    OK(nis2_entity_from_json(ctx, ej, strlen(ej), &e, err));
    free(ej);
    nis2_isms *m = NULL;
    OK(nis2_isms_new(ctx, e, jstr(doc, "as_of"), &m, err));
    nis2_entity_free(e);   /* the ISMS holds a copy */
    size_t i, n1, n2, n3;
    const json_t *x;
    json_array_foreach(json_object_get(doc, "soa"), i, x) {
        const json_t *app = json_object_get(x, "applicable");
        OK(nis2_isms_add_soa(m, jstr(x, "control"), app ? json_is_true(app) : 1, jstr(x, "status"),
                             jstr(x, "justification"), err));
    }
    const json_t *c = json_object_get(doc, "certificate");
    if (json_is_object(c))
        OK(nis2_isms_set_certificate(m, jstr(c, "standard"), jstr(c, "valid_until"),
                                     json_is_true(json_object_get(c, "scope_covers_nis2_services")),
                                     jstr(c, "issued"), jstr(c, "certification_body"), err));
    json_array_foreach(json_object_get(doc, "evidence"), i, x) {
        const char **cs = strs(json_object_get(x, "controls"), &n1);
        const char **os = strs(json_object_get(x, "obligations"), &n2);
        OK(nis2_isms_add_evidence(m, jstr(x, "id"), jstr(x, "title"), jstr(x, "dated"), jstr(x, "valid_until"), cs, n1,
                                  os, n2, err));
        free(cs);
        free(os);
    }
    const json_t *mb = json_object_get(doc, "management_body");
    if (json_is_object(mb)) {
        if (jstr(mb, "security_reporter"))
            OK(nis2_isms_set_security_reporter(m, jstr(mb, "security_reporter"), err));
        json_array_foreach(json_object_get(mb, "members"), i, x)
            OK(nis2_isms_add_member(m, jstr(x, "id"), jstr(x, "role"), jstr(x, "trained_on"), err));
        json_array_foreach(json_object_get(mb, "approvals"), i, x) {
            const char **ev = strs(json_object_get(x, "evidence"), &n1);
            OK(nis2_isms_add_approval(m, jstr(x, "what"), jstr(x, "date"), ev, n1, err));
            free(ev);
        }
        json_array_foreach(json_object_get(mb, "oversight"), i, x) {
            const char **ev = strs(json_object_get(x, "evidence"), &n1);
            OK(nis2_isms_add_oversight(m, jstr(x, "what"), jstr(x, "date"), ev, n1, err));
            free(ev);
        }
    }
    json_array_foreach(json_object_get(doc, "risks"), i, x) {
        const char **cs = strs(json_object_get(x, "controls"), &n1);
        const char **os = strs(json_object_get(x, "obligations"), &n2);
        const char **ev = strs(json_object_get(x, "evidence"), &n3);
        const json_t *d = json_object_get(x, "decision");
        OK(nis2_isms_add_risk(m, jstr(x, "id"), jstr(x, "title"), jstr(x, "level"), jstr(x, "treatment"),
                              jstr(x, "assessed_on"), cs, n1, os, n2, jstr(d, "by"), jstr(d, "date"),
                              jstr(d, "review_by"), ev, n3, err));
        free(cs);
        free(os);
        free(ev);
    }
    json_array_foreach(json_object_get(doc, "suppliers"), i, x) {
        const char **cl = strs(json_object_get(x, "contract_clauses"), &n1);
        const char **ce = strs(json_object_get(x, "certifications"), &n2);
        const char **ev = strs(json_object_get(x, "evidence"), &n3);
        OK(nis2_isms_add_supplier(m, jstr(x, "id"), jstr(x, "name"), jstr(x, "service"),
                                  json_is_true(json_object_get(x, "critical")), jstr(x, "contact"),
                                  jstr(x, "assessed_on"), jstr(x, "next_assessment"), cl, n1, ce, n2, ev, n3, err));
        free(cl);
        free(ce);
        free(ev);
    }
    return m;
}

static void eq_str(const char *a, const char *b, const char *what, size_t i)
{
    if (!a || !b)
        ck_assert_msg(a == b, "%s %zu: %s vs %s", what, i, a ? a : "NULL", b ? b : "NULL");
    else
        ck_assert_msg(strcmp(a, b) == 0, "%s %zu: '%s' vs '%s'", what, i, a, b);
}

static int index_of(const char *s, const char *const *names, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* Every getter against the report's JSON (parsed with jansson here). */
static void getters_agree(const nis2_gap_report *r, const json_t *j)
{
    static const char *const st[] = {"covered", "partial", "missing", "not_applicable"};
    static const char *const qst[] = {"answered", "partial", "open"};
    static const char *const w[] = {"reporting_capability", "accountability", "binding_duty", "review", "partial",
                                    "record"};
    static const char *const qid[] = {"scope", "obligations", "measures", "incident_handling",
                                      "management_accountability", "risk_decisions", "supply_chain"};
    static const char *const sum[] = {"assessed", "covered", "partial", "missing", "not_applicable",
                                      "nis2_specific_open", "evidence_items", "stale_evidence", "binding",
                                      "binding_not_assessed"};
    const json_t *ent = json_object_get(j, "entity"), *s = json_object_get(j, "summary");
    eq_str(nis2_gap_report_as_of(r), jstr(j, "as_of"), "as_of", 0);
    eq_str(nis2_gap_report_category(r), jstr(ent, "category"), "category", 0);
    eq_str(nis2_gap_report_law(r), jstr(ent, "law"), "law", 0);
    ck_assert_int_eq(nis2_gap_report_ir_2024_2690(r), json_is_true(json_object_get(ent, "ir_2024_2690")));
    for (uint32_t k = 0; k < 10; k++)
        ck_assert_uint_eq(nis2_gap_report_summary(r, k), (size_t)json_integer_value(json_object_get(s, sum[k])));
    ck_assert_uint_eq(nis2_gap_report_summary(r, 10), 0);
    const json_t *cert = json_object_get(j, "certificate");
    eq_str(nis2_gap_report_certificate_status(r), jstr(cert, "status"), "certificate status", 0);
    ck_assert_int_eq(nis2_gap_report_certificate_counts(r), json_is_true(json_object_get(cert, "counts")));
    const json_t *stale = json_object_get(j, "stale_evidence");
    ck_assert_uint_eq(nis2_gap_report_stale_count(r), json_array_size(stale));
    for (size_t k = 0; k <= json_array_size(stale); k++) {
        eq_str(nis2_gap_report_stale_id(r, k), jstr(json_array_get(stale, k), "id"), "stale id", k);
        eq_str(nis2_gap_report_stale_reason(r, k), jstr(json_array_get(stale, k), "reason"), "stale reason", k);
    }
    const json_t *ms = json_object_get(s, "measures");
    ck_assert_uint_eq(nis2_gap_report_measure_count(r), json_array_size(ms));
    for (size_t k = 0; k < json_array_size(ms); k++) {
        const json_t *m = json_array_get(ms, k);
        eq_str(nis2_gap_report_measure_id(r, k), jstr(m, "id"), "measure id", k);
        eq_str(nis2_gap_report_measure_ref(r, k), jstr(m, "ref"), "measure ref", k);
        eq_str(nis2_gap_report_measure_title(r, k), jstr(m, "title"), "measure title", k);
        ck_assert_int_eq(nis2_gap_report_measure_status(r, k), index_of(jstr(m, "status"), st, 4));
        ck_assert_uint_eq(nis2_gap_report_measure_controls(r, k),
                          (size_t)json_integer_value(json_object_get(m, "controls")));
        ck_assert_uint_eq(nis2_gap_report_measure_supported(r, k),
                          (size_t)json_integer_value(json_object_get(m, "controls_supported")));
        ck_assert_uint_eq(nis2_gap_report_measure_partly_supported(r, k),
                          (size_t)json_integer_value(json_object_get(m, "controls_partly_supported")));
    }
    size_t nm = json_array_size(ms);
    ck_assert_ptr_null(nis2_gap_report_measure_id(r, nm));
    ck_assert_int_eq(nis2_gap_report_measure_status(r, nm), -1);
    ck_assert_uint_eq(nis2_gap_report_measure_controls(r, nm), 0);
    const json_t *obls = json_object_get(j, "obligations");
    ck_assert_uint_eq(nis2_gap_report_duty_count(r), json_array_size(obls));
    for (size_t i = 0; i < json_array_size(obls); i++) {
        const json_t *o = json_array_get(obls, i);
        eq_str(nis2_gap_report_duty_id(r, i), jstr(o, "id"), "duty id", i);
        eq_str(nis2_gap_report_duty_ref(r, i), jstr(o, "ref"), "duty ref", i);
        eq_str(nis2_gap_report_duty_title(r, i), jstr(o, "title"), "duty title", i);
        eq_str(nis2_gap_report_duty_group(r, i), jstr(o, "group"), "duty group", i);
        eq_str(nis2_gap_report_duty_nature(r, i), jstr(o, "nature"), "duty nature", i);
        ck_assert_int_eq(nis2_gap_report_duty_status(r, i), index_of(jstr(o, "status"), st, 4));
        ck_assert_int_ge(nis2_gap_report_duty_status(r, i), 0);
        ck_assert_int_eq(nis2_gap_report_duty_binds(r, i), json_is_true(json_object_get(o, "binds")));
        ck_assert_int_eq(nis2_gap_report_duty_nis2_specific(r, i), json_is_true(json_object_get(o, "nis2_specific")));
        eq_str(nis2_gap_report_duty_reason(r, i), jstr(o, "reason"), "duty reason", i);
        eq_str(nis2_gap_report_duty_applies_because(r, i), jstr(o, "applies_because"), "applies_because", i);
        static const char *const lists[] = {"open", "evidence", "stale_evidence"};
        for (int l = 0; l < 3; l++) {
            const json_t *a = json_object_get(o, lists[l]);
            size_t n = l == 0 ? nis2_gap_report_duty_open_count(r, i)
                       : l == 1 ? nis2_gap_report_duty_evidence_count(r, i)
                                : nis2_gap_report_duty_stale_count(r, i);
            ck_assert_uint_eq(n, json_array_size(a));
            for (size_t k = 0; k <= n; k++) {
                const char *g = l == 0 ? nis2_gap_report_duty_open_at(r, i, k)
                                : l == 1 ? nis2_gap_report_duty_evidence_at(r, i, k)
                                         : nis2_gap_report_duty_stale_at(r, i, k);
                eq_str(g, json_string_value(json_array_get(a, k)), lists[l], i);   /* NULL at k == n */
            }
        }
    }
    size_t n = json_array_size(obls);
    ck_assert_ptr_null(nis2_gap_report_duty_id(r, n));
    ck_assert_int_eq(nis2_gap_report_duty_status(r, n), -1);
    ck_assert_int_eq(nis2_gap_report_duty_binds(r, n), -1);
    ck_assert_int_eq(nis2_gap_report_duty_nis2_specific(r, n), -1);
    ck_assert_uint_eq(nis2_gap_report_duty_open_count(r, n), 0);

    const json_t *qs = json_object_get(j, "questions");
    ck_assert_uint_eq(json_array_size(qs), NIS2_GAP_QUESTION_N);
    for (size_t q = 0; q < NIS2_GAP_QUESTION_N; q++) {
        const json_t *o = json_array_get(qs, q);
        eq_str(nis2_gap_report_question_id(r, q), qid[q], "question id", q);
        eq_str(nis2_gap_report_question_text(r, q), jstr(o, "question"), "question", q);
        eq_str(nis2_gap_report_question_answer(r, q), jstr(o, "answer"), "answer", q);
        ck_assert_int_eq(nis2_gap_report_question_status(r, q), index_of(jstr(o, "status"), qst, 3));
        const json_t *fs = json_object_get(o, "findings"), *as = json_object_get(o, "actions");
        ck_assert_uint_eq(nis2_gap_report_finding_count(r, q), json_array_size(fs));
        for (size_t k = 0; k < json_array_size(fs); k++) {
            const json_t *f = json_array_get(fs, k);
            eq_str(nis2_gap_report_finding_provision(r, q, k), jstr(f, "provision"), "provision", k);
            eq_str(nis2_gap_report_finding_text(r, q, k), jstr(f, "text"), "finding", k);
            eq_str(nis2_gap_report_finding_action(r, q, k), json_string_value(json_array_get(as, k)), "action", k);
            eq_str(nis2_gap_report_finding_due(r, q, k), jstr(f, "due"), "due", k);
            ck_assert_int_eq(nis2_gap_report_finding_open(r, q, k), json_is_true(json_object_get(f, "open")));
            ck_assert_int_eq(nis2_gap_report_finding_weight(r, q, k), index_of(jstr(f, "weight"), w, 6));
            ck_assert_int_ge(nis2_gap_report_finding_weight(r, q, k), 0);
            ck_assert_uint_eq(nis2_gap_report_finding_rank(r, q, k),
                              (size_t)json_integer_value(json_object_get(f, "action_rank")));
            const json_t *ids = json_object_get(f, "ids");
            ck_assert_uint_eq(nis2_gap_report_finding_id_count(r, q, k), json_array_size(ids));
            for (size_t t = 0; t <= json_array_size(ids); t++)
                eq_str(nis2_gap_report_finding_id_at(r, q, k, t), json_string_value(json_array_get(ids, t)), "id", t);
        }
        size_t nf = json_array_size(fs);
        ck_assert_ptr_null(nis2_gap_report_finding_text(r, q, nf));
        ck_assert_int_eq(nis2_gap_report_finding_open(r, q, nf), -1);
        ck_assert_int_eq(nis2_gap_report_finding_weight(r, q, nf), -1);
        ck_assert_uint_eq(nis2_gap_report_finding_rank(r, q, nf), 0);
    }
    ck_assert_ptr_null(nis2_gap_report_question_id(r, NIS2_GAP_QUESTION_N));
    ck_assert_int_eq(nis2_gap_report_question_status(r, NIS2_GAP_QUESTION_N), -1);
    ck_assert_uint_eq(nis2_gap_report_finding_count(r, NIS2_GAP_QUESTION_N), 0);

    const json_t *acts = json_object_get(j, "actions");
    ck_assert_uint_eq(nis2_gap_report_action_count(r), json_array_size(acts));
    for (size_t k = 0; k < json_array_size(acts); k++) {
        const json_t *a = json_array_get(acts, k);
        ck_assert_int_eq((json_int_t)k + 1, json_integer_value(json_object_get(a, "rank")));
        ck_assert_int_eq(nis2_gap_report_action_question(r, k), index_of(jstr(a, "question"), qid, 7));
        ck_assert_int_ge(nis2_gap_report_action_question(r, k), 0);
        ck_assert_int_eq(nis2_gap_report_action_weight(r, k), index_of(jstr(a, "weight"), w, 6));
        eq_str(nis2_gap_report_action_due(r, k), jstr(a, "due"), "action due", k);
        eq_str(nis2_gap_report_action_provision(r, k), jstr(a, "provision"), "action provision", k);
        eq_str(nis2_gap_report_action_text(r, k), jstr(a, "action"), "action text", k);
        eq_str(nis2_gap_report_action_finding(r, k), jstr(a, "finding"), "action finding", k);
        const json_t *ids = json_object_get(a, "ids");
        ck_assert_uint_eq(nis2_gap_report_action_id_count(r, k), json_array_size(ids));
        for (size_t t = 0; t <= json_array_size(ids); t++)
            eq_str(nis2_gap_report_action_id_at(r, k, t), json_string_value(json_array_get(ids, t)), "action id", t);
    }
    size_t na = json_array_size(acts);
    ck_assert_int_eq(nis2_gap_report_action_question(r, na), -1);
    ck_assert_int_eq(nis2_gap_report_action_weight(r, na), -1);
    ck_assert_ptr_null(nis2_gap_report_action_text(r, na));
}

/* One document: the JSON function and the typed path agree in every format; the getters agree with the JSON. */
static size_t agree(const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    nis2_error *err = nis2_error_new();
    char *want = NULL;
    if (nis2_gap_report_json(ctx, text, len, 0, &want, err) != NIS2_OK) {
        free(text);          /* an input the JSON function rejects has nothing to agree on here */
        nis2_error_free(err);
        return 0;
    }
    json_t *doc = json_loadb(text, len, 0, NULL);
    ck_assert(doc != NULL);
    nis2_isms *m = isms_from_doc(doc, err);
    nis2_gap_report *typed = NULL, *fromjson = NULL;
    OK(nis2_gap_compute(m, &typed, err));
    OK(nis2_gap_report_from_json(ctx, text, len, &fromjson, err));
    char *idoc = NULL;           /* the typed ISMS's own document */
    OK(nis2_isms_to_json(m, 0, &idoc, err));
    for (uint32_t fmt = 0; fmt <= NIS2_GAP_FORMAT_OSCAL; fmt++)
        for (uint32_t pretty = 0; pretty < 2; pretty++) {
            char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
            uint32_t flags = pretty ? NIS2_JSON_PRETTY : 0;
            if (fmt == NIS2_GAP_FORMAT_JSON)
                OK(nis2_gap_report_json(ctx, text, len, flags, &a, err));
            else if (fmt == NIS2_GAP_FORMAT_OSCAL)
                OK(nis2_gap_report_oscal(ctx, text, len, flags, &a, err));
            else if (!pretty)
                OK(nis2_gap_report_render(ctx, text, len, fmt, &a, err));
            else
                continue;
            OK(nis2_gap_report_to_string(typed, fmt, flags, &b, err));
            OK(nis2_gap_report_to_string(fromjson, fmt, flags, &c, err));
            if (fmt == NIS2_GAP_FORMAT_OSCAL) {
                /* OSCAL also carries what the input says of each evidence item: the typed ISMS's is its document */
                char *want_typed = NULL;
                OK(nis2_gap_report_oscal(ctx, idoc, strlen(idoc), flags, &want_typed, err));
                ck_assert_msg(strcmp(want_typed, b) == 0, "%s: OSCAL (pretty %u) of the typed ISMS differs", path,
                              pretty);
                nis2_string_free(want_typed);
                if (!pretty) {
                    OK(nis2_gap_report_render(ctx, text, len, fmt, &d, err));
                    ck_assert_msg(strcmp(a, d) == 0, "%s: nis2_gap_report_render(OSCAL) differs", path);
                }
            } else {
                ck_assert_msg(strcmp(a, b) == 0, "%s: format %u (pretty %u): the typed ISMS gives another report",
                              path, fmt, pretty);
            }
            ck_assert_msg(strcmp(a, c) == 0, "%s: format %u: nis2_gap_report_from_json differs", path, fmt);
            nis2_string_free(a);
            nis2_string_free(b);
            nis2_string_free(c);
            nis2_string_free(d);
        }
    /* the ISMS's own document reads back to the same report */
    char *again = NULL;
    OK(nis2_gap_report_json(ctx, idoc, strlen(idoc), 0, &again, err));
    ck_assert_str_eq(again, want);
    json_t *j = json_loads(want, 0, NULL);
    ck_assert(j != NULL);
    getters_agree(typed, j);
    json_decref(j);
    nis2_string_free(idoc);
    nis2_string_free(again);
    nis2_string_free(want);
    nis2_gap_report_free(typed);
    nis2_gap_report_free(fromjson);
    nis2_isms_free(m);
    json_decref(doc);
    nis2_error_free(err);
    free(text);
    return 1;
}

/* The number of documents of pattern that were compared. */
static size_t agree_glob(const char *pattern)
{
    char pat[1024];
    snprintf(pat, sizeof pat, "%s/%s", getenv("NIS2_SOURCE_ROOT"), pattern);
    glob_t g;
    ck_assert_int_eq(glob(pat, 0, NULL, &g), 0);
    size_t n = 0;
    for (size_t i = 0; i < g.gl_pathc; i++)
        n += agree(g.gl_pathv[i]);
    globfree(&g);
    return n;
}

START_TEST(examples_agree_in_every_format)
{
    ck_assert_uint_ge(agree_glob("examples/data/isms-*.json"), 2);   /* every example is valid */
}
END_TEST

START_TEST(test_inputs_agree_in_every_format)
{
    ck_assert_uint_eq(agree_glob("tests/fuzz/corpus/gap-report/*.json"), 4);
}
END_TEST

/* ---------------------------------------------------------------- a typed ISMS from scratch */

static nis2_entity *cloud_de(void)
{
    static const char ent[] = "{\"name\": \"Cloud SAS\", \"country\": \"FR\", "
                              "\"activities\": [\"digital_infrastructure.cloud_provider\"], "
                              "\"employees\": 300, \"turnover_eur\": 60000000}";
    nis2_entity *e = NULL;
    ck_assert_int_eq(nis2_entity_from_json(ctx, ent, strlen(ent), &e, NULL), NIS2_OK);
    return e;
}

static nis2_isms *fresh(void)
{
    nis2_entity *e = cloud_de();
    nis2_isms *m = NULL;
    ck_assert_int_eq(nis2_isms_new(ctx, e, "2026-11-28", &m, NULL), NIS2_OK);
    nis2_entity_free(e);
    return m;
}

/* First finding of question q concerning id, or -1. */
static long finding_for(const nis2_gap_report *r, size_t q, const char *id)
{
    for (size_t j = 0; j < nis2_gap_report_finding_count(r, q); j++)
        for (size_t k = 0; k < nis2_gap_report_finding_id_count(r, q, j); k++)
            if (strcmp(nis2_gap_report_finding_id_at(r, q, j, k), id) == 0)
                return (long)j;
    return -1;
}

START_TEST(typed_records_reach_their_questions)
{
    nis2_isms *m = fresh();
    nis2_error *err = nis2_error_new();
    const char *ctl[] = {"A.5.24"};
    OK(nis2_isms_add_soa(m, "A.5.24", 1, "implemented", NULL, err));
    OK(nis2_isms_add_evidence(m, "EV-1", "Incident procedure", "2026-01-10", NULL, ctl, 1, NULL, 0, err));
    OK(nis2_isms_add_member(m, "MB-1", "CEO", NULL, err));           /* no training: NIS2 Art. 20(2) */
    OK(nis2_isms_add_risk(m, "R-1", "Ransomware", "critical", "accept", "2026-06-01", NULL, 0, NULL, 0,
                          "ciso", "2026-06-02", NULL, NULL, 0, err)); /* critical, accepted without the body */
    OK(nis2_isms_add_supplier(m, "S-1", "Hoster", "hosting", 1, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0,
                              err));                                  /* critical, never assessed */
    nis2_gap_report *r = NULL;
    OK(nis2_gap_compute(m, &r, err));
    ck_assert_str_eq(nis2_gap_report_category(r), "essential");
    ck_assert_uint_eq(nis2_gap_report_summary(r, NIS2_GAP_SUM_EVIDENCE_ITEMS), 1);
    long j = finding_for(r, NIS2_GAP_QUESTION_MANAGEMENT, "MB-1");
    ck_assert_int_ge(j, 0);
    ck_assert_ptr_nonnull(strstr(nis2_gap_report_finding_provision(r, NIS2_GAP_QUESTION_MANAGEMENT, (size_t)j),
                                 "Art. 20(2)"));
    j = finding_for(r, NIS2_GAP_QUESTION_RISK_DECISIONS, "R-1");
    ck_assert_int_ge(j, 0);
    ck_assert_int_eq(nis2_gap_report_finding_weight(r, NIS2_GAP_QUESTION_RISK_DECISIONS, (size_t)j),
                     NIS2_GAP_WEIGHT_ACCOUNTABILITY);
    ck_assert_int_ge(finding_for(r, NIS2_GAP_QUESTION_SUPPLY_CHAIN, "S-1"), 0);
    ck_assert_int_eq(nis2_gap_report_question_status(r, NIS2_GAP_QUESTION_SCOPE), NIS2_GAP_Q_ANSWERED);
    /* the action list: ranked 1..n, heaviest first */
    size_t n = nis2_gap_report_action_count(r);
    ck_assert_uint_gt(n, 3);
    for (size_t k = 1; k < n; k++)
        ck_assert_int_le(nis2_gap_report_action_weight(r, k - 1), nis2_gap_report_action_weight(r, k));
    char *csv = NULL;
    OK(nis2_gap_report_to_string(r, NIS2_GAP_FORMAT_CSV, 0, &csv, err));
    ck_assert_ptr_nonnull(strstr(csv, "R-1"));
    nis2_string_free(csv);
    ck_assert_int_eq(nis2_gap_report_to_string(r, NIS2_GAP_FORMAT_OSCAL + 1, 0, &csv, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_null(csv);
    /* the report stays what it was when the ISMS grows, gets a new certificate, or is freed */
    char *before = NULL, *after = NULL, *gone = NULL;
    OK(nis2_gap_report_to_string(r, NIS2_GAP_FORMAT_JSON, 0, &before, err));
    OK(nis2_isms_set_certificate(m, "ISO/IEC 27001:2022", "2028-01-01", 1, NULL, "Body A", err));
    OK(nis2_isms_set_certificate(m, "ISO/IEC 27001:2022", "2029-01-01", 1, NULL, "Body B", err));
    OK(nis2_isms_add_risk(m, "R-2", "Flood", "low", "mitigate", NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL, 0, err));
    nis2_gap_report *r2 = NULL;
    OK(nis2_gap_compute(m, &r2, err));
    OK(nis2_gap_report_to_string(r, NIS2_GAP_FORMAT_JSON, 0, &after, err));
    ck_assert_str_eq(before, after);
    nis2_isms_free(m);
    OK(nis2_gap_report_to_string(r, NIS2_GAP_FORMAT_JSON, 0, &gone, err));
    ck_assert_str_eq(before, gone);
    char *t2 = NULL;
    OK(nis2_gap_report_to_string(r2, NIS2_GAP_FORMAT_JSON, 0, &t2, err));   /* the later report, ISMS gone */
    ck_assert_ptr_nonnull(strstr(t2, "Body B"));
    ck_assert_ptr_null(strstr(t2, "Body A"));
    ck_assert_ptr_nonnull(strstr(nis2_gap_report_question_answer(r2, NIS2_GAP_QUESTION_RISK_DECISIONS), "2 risks"));
    nis2_string_free(t2);
    nis2_string_free(before);
    nis2_string_free(after);
    nis2_string_free(gone);
    nis2_gap_report_free(r2);
    nis2_gap_report_free(r);
    nis2_error_free(err);
}
END_TEST

START_TEST(a_rejected_entry_leaves_the_isms_as_it_was)
{
    nis2_isms *m = fresh();
    nis2_error *err = nis2_error_new();
    ck_assert_int_eq(nis2_isms_add_soa(m, "A.5.24", 1, "done", NULL, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.soa[0].status");
    OK(nis2_isms_add_soa(m, "A.5.24", 1, "implemented", NULL, err));  /* not "already listed": the bad one left */
    ck_assert_int_eq(nis2_isms_add_soa(m, "A.5.24", 1, "partial", NULL, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.soa[1].control");
    const char *ctl[] = {"A.5.24"};
    ck_assert_int_eq(nis2_isms_add_evidence(m, "EV-1", NULL, "2026-13-01", NULL, ctl, 1, NULL, 0, err),
                     NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.evidence[0].dated");
    OK(nis2_isms_add_evidence(m, "EV-1", NULL, "2026-01-01", NULL, ctl, 1, NULL, 0, err));
    ck_assert_int_eq(nis2_isms_add_evidence(m, "EV-1", NULL, "2026-01-01", NULL, ctl, 1, NULL, 0, err),
                     NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.evidence[1].id");
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), "used twice"));
    /* a rejected first record does not make a register "given" */
    ck_assert_int_eq(nis2_isms_add_risk(m, "R-1", "t", "severe", "accept", NULL, NULL, 0, NULL, 0, NULL, NULL, NULL,
                                        NULL, 0, err),
                     NIS2_ERR_INVALID_FIELD);
    ck_assert_int_eq(nis2_isms_add_member(m, "MB-1", NULL, "2026-02-30", err), NIS2_ERR_INVALID_FIELD);
    ck_assert_int_eq(nis2_isms_add_supplier(m, "S-1", "n", NULL, 1, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, err),
                     NIS2_ERR_MISSING_FIELD);
    char *doc = NULL;
    OK(nis2_isms_to_json(m, 0, &doc, err));
    json_t *j = json_loads(doc, 0, NULL);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "soa")), 1);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "evidence")), 1);
    ck_assert_ptr_null(json_object_get(j, "risks"));
    ck_assert_ptr_null(json_object_get(j, "management_body"));
    ck_assert_ptr_null(json_object_get(j, "suppliers"));
    json_decref(j);
    nis2_gap_report *r = NULL;
    OK(nis2_gap_compute(m, &r, err));
    ck_assert_ptr_nonnull(strstr(nis2_gap_report_question_answer(r, NIS2_GAP_QUESTION_RISK_DECISIONS),
                                 "No risk register was given."));
    ck_assert_ptr_nonnull(strstr(nis2_gap_report_question_answer(r, NIS2_GAP_QUESTION_MANAGEMENT),
                                 "No management-body records were given."));
    ck_assert_ptr_nonnull(strstr(nis2_gap_report_question_answer(r, NIS2_GAP_QUESTION_SUPPLY_CHAIN),
                                 "No supplier register was given."));
    nis2_gap_report_free(r);
    nis2_string_free(doc);
    nis2_isms_free(m);
    nis2_error_free(err);
}
END_TEST

/* ---------------------------------------------------------------- every setter's error path */

typedef enum { S_SOA, S_CERT, S_EV, S_REP, S_MEMBER, S_APPROVAL, S_OVERSIGHT, S_RISK, S_SUPPLIER } setter;

static const struct bad {
    setter s;
    const char *a, *b, *c, *d;   /* the setter's leading string arguments, in order */
    int flag;                    /* applicable / scope / critical */
    const char *list0;           /* the first entry of the list argument (controls, evidence, clauses) */
    nis2_status code;
    const char *path;
} bad[] = {
    {S_SOA, "A.9.99", "implemented", NULL, NULL, 1, NULL, NIS2_ERR_UNKNOWN_CODE, "$.soa[0].control"},
    {S_SOA, "not a control", "implemented", NULL, NULL, 1, NULL, NIS2_ERR_INVALID_FIELD, "$.soa[0].control"},
    {S_SOA, "A.5.24", NULL, NULL, NULL, 1, NULL, NIS2_ERR_MISSING_FIELD, "$.soa[0].status"},
    {S_SOA, "A.5.24", "implemented", NULL, NULL, 0, NULL, NIS2_ERR_INVALID_FIELD, "$.soa[0].status"},
    {S_SOA, "9.3", NULL, NULL, NULL, 0, NULL, NIS2_ERR_INVALID_FIELD, "$.soa[0].applicable"},
    {S_SOA, "A.5.24", "\xff", NULL, NULL, 1, NULL, NIS2_ERR_INVALID_FIELD, "$.soa[0].status"},
    {S_CERT, NULL, "2027-01-01", NULL, NULL, 1, NULL, NIS2_ERR_MISSING_FIELD, "$.certificate.standard"},
    {S_CERT, "ISO/IEC 27001:2022", NULL, NULL, NULL, 1, NULL, NIS2_ERR_MISSING_FIELD, "$.certificate.valid_until"},
    {S_CERT, "ISO/IEC 27001:2022", "2027-02-30", NULL, NULL, 1, NULL, NIS2_ERR_INVALID_FIELD,
     "$.certificate.valid_until"},
    {S_CERT, "ISO/IEC 27001:2022", "2027-01-01", "2026/01/01", NULL, 1, NULL, NIS2_ERR_INVALID_FIELD,
     "$.certificate.issued"},
    {S_EV, NULL, "2026-01-01", NULL, NULL, 0, "A.5.24", NIS2_ERR_MISSING_FIELD, "$.evidence[0].id"},
    {S_EV, "", "2026-01-01", NULL, NULL, 0, "A.5.24", NIS2_ERR_INVALID_FIELD, "$.evidence[0].id"},
    {S_EV, "EV-1", NULL, NULL, NULL, 0, "A.5.24", NIS2_ERR_MISSING_FIELD, "$.evidence[0].dated"},
    {S_EV, "EV-1", "2026-01-01", "2025-12-31", NULL, 0, "A.5.24", NIS2_ERR_INVALID_FIELD,
     "$.evidence[0].valid_until"},
    {S_EV, "EV-1", "2026-01-01", NULL, NULL, 0, NULL, NIS2_ERR_INVALID_FIELD, "$.evidence[0]"},
    {S_EV, "EV-1", "2026-01-01", NULL, NULL, 0, "A.8.35", NIS2_ERR_UNKNOWN_CODE, "$.evidence[0].controls[0]"},
    {S_EV, "EV-1", "2026-01-01", NULL, NULL, 1, "nis2.no_such_duty", NIS2_ERR_UNKNOWN_CODE,
     "$.evidence[0].obligations[0]"},
    {S_REP, "", NULL, NULL, NULL, 0, NULL, NIS2_ERR_INVALID_FIELD, "$.management_body.security_reporter"},
    {S_MEMBER, NULL, NULL, NULL, NULL, 0, NULL, NIS2_ERR_MISSING_FIELD, "$.management_body.members[0].id"},
    {S_MEMBER, "MB-1", "CEO", "2026-02-29", NULL, 0, NULL, NIS2_ERR_INVALID_FIELD,
     "$.management_body.members[0].trained_on"},
    {S_APPROVAL, "everything", "2026-01-01", NULL, NULL, 0, NULL, NIS2_ERR_INVALID_FIELD,
     "$.management_body.approvals[0].what"},
    {S_APPROVAL, "security_policy", NULL, NULL, NULL, 0, NULL, NIS2_ERR_MISSING_FIELD,
     "$.management_body.approvals[0].date"},
    {S_APPROVAL, "security_policy", "2026-01-01", NULL, NULL, 0, "EV-404", NIS2_ERR_UNKNOWN_CODE,
     "$.management_body.approvals[0].evidence[0]"},
    {S_OVERSIGHT, NULL, "2026-01-01", NULL, NULL, 0, NULL, NIS2_ERR_MISSING_FIELD,
     "$.management_body.oversight[0].what"},
    {S_OVERSIGHT, "review", "2026-01-01", NULL, NULL, 0, "EV-404", NIS2_ERR_UNKNOWN_CODE,
     "$.management_body.oversight[0].evidence[0]"},
    {S_RISK, NULL, "high", "accept", NULL, 0, NULL, NIS2_ERR_MISSING_FIELD, "$.risks[0].id"},
    {S_RISK, "R-1", "severe", "accept", NULL, 0, NULL, NIS2_ERR_INVALID_FIELD, "$.risks[0].level"},
    {S_RISK, "R-1", "high", "ignore", NULL, 0, NULL, NIS2_ERR_INVALID_FIELD, "$.risks[0].treatment"},
    {S_RISK, "R-1", "high", "accept", "board", 0, NULL, NIS2_ERR_INVALID_FIELD, "$.risks[0].decision.by"},
    {S_RISK, "R-1", "high", "accept", "management_body", 1, NULL, NIS2_ERR_INVALID_FIELD,
     "$.risks[0].decision.review_by"},
    {S_RISK, "R-1", "high", "accept", NULL, 0, "A.8.99", NIS2_ERR_UNKNOWN_CODE, "$.risks[0].controls[0]"},
    {S_SUPPLIER, NULL, "Hoster", "hosting", NULL, 1, NULL, NIS2_ERR_MISSING_FIELD, "$.suppliers[0].id"},
    {S_SUPPLIER, "S-1", NULL, "hosting", NULL, 1, NULL, NIS2_ERR_MISSING_FIELD, "$.suppliers[0].name"},
    {S_SUPPLIER, "S-1", "Hoster", NULL, NULL, 1, NULL, NIS2_ERR_MISSING_FIELD, "$.suppliers[0].service"},
    {S_SUPPLIER, "S-1", "Hoster", "hosting", "2027-01-01", 1, NULL, NIS2_ERR_INVALID_FIELD,
     "$.suppliers[0].next_assessment"},
    {S_SUPPLIER, "S-1", "Hoster", "hosting", NULL, 1, "free_lunch", NIS2_ERR_INVALID_FIELD,
     "$.suppliers[0].contract_clauses[0]"},
};

START_TEST(each_setter_names_the_field)
{
    const struct bad *b = &bad[_i];
    nis2_isms *m = fresh();
    nis2_error *err = nis2_error_new();
    const char *list[] = {b->list0};
    size_t nl = b->list0 ? 1 : 0;
    nis2_status st = NIS2_OK;
    switch (b->s) {
    case S_SOA: st = nis2_isms_add_soa(m, b->a, b->flag, b->b, NULL, err); break;
    case S_CERT: st = nis2_isms_set_certificate(m, b->a, b->b, b->flag, b->c, NULL, err); break;
    case S_EV:
        st = b->flag ? nis2_isms_add_evidence(m, b->a, NULL, b->b, b->c, NULL, 0, list, nl, err)
                     : nis2_isms_add_evidence(m, b->a, NULL, b->b, b->c, list, nl, NULL, 0, err);
        break;
    case S_REP: st = nis2_isms_set_security_reporter(m, b->a, err); break;
    case S_MEMBER: st = nis2_isms_add_member(m, b->a, b->b, b->c, err); break;
    case S_APPROVAL: st = nis2_isms_add_approval(m, b->a, b->b, list, nl, err); break;
    case S_OVERSIGHT: st = nis2_isms_add_oversight(m, b->a, b->b, list, nl, err); break;
    case S_RISK:
        st = nis2_isms_add_risk(m, b->a, "a risk", b->b, b->c, NULL, list, nl, NULL, 0, b->d,
                                b->d ? "2026-06-01" : NULL, b->flag ? "2026-05-01" : NULL, NULL, 0, err);
        break;
    case S_SUPPLIER:
        st = nis2_isms_add_supplier(m, b->a, b->b, b->c, b->flag, NULL, b->d, b->d ? "2026-12-31" : NULL, list, nl,
                                    NULL, 0, NULL, 0, err);
        break;
    }
    ck_assert_msg(st == b->code, "case %d: %s, expected %s (%s)", _i, nis2_status_name(st), nis2_status_name(b->code),
                  nis2_error_message(err));
    ck_assert_str_eq(nis2_error_path(err), b->path);
    ck_assert_ptr_nonnull(strstr(nis2_error_message(err), b->path));
    nis2_isms_free(m);
    nis2_error_free(err);
}
END_TEST

START_TEST(duplicate_ids_and_bad_arguments)
{
    nis2_isms *m = fresh();
    nis2_error *err = nis2_error_new();
    OK(nis2_isms_add_member(m, "MB-1", NULL, NULL, err));
    ck_assert_int_eq(nis2_isms_add_member(m, "MB-1", NULL, NULL, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.management_body.members[1].id");
    OK(nis2_isms_add_risk(m, "R-1", "t", "low", "mitigate", NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL, 0, err));
    ck_assert_int_eq(nis2_isms_add_risk(m, "R-1", "t", "low", "mitigate", NULL, NULL, 0, NULL, 0, NULL, NULL, NULL,
                                        NULL, 0, err),
                     NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.risks[1].id");
    OK(nis2_isms_add_supplier(m, "S-1", "n", "s", 0, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, err));
    ck_assert_int_eq(nis2_isms_add_supplier(m, "S-1", "n", "s", 0, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, err),
                     NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.suppliers[1].id");
    /* arguments a caller can get wrong in C */
    ck_assert_int_eq(nis2_isms_add_soa(m, "A.5.24", 2, "implemented", NULL, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_isms_add_soa(NULL, "A.5.24", 1, "implemented", NULL, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_isms_add_soa(m, NULL, 1, "implemented", NULL, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_isms_set_certificate(m, "ISO/IEC 27001:2022", "2027-01-01", 3, NULL, NULL, err),
                     NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_isms_add_evidence(m, "EV-1", NULL, "2026-01-01", NULL, NULL, 2, NULL, 0, err),
                     NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_isms_add_supplier(m, "S-2", "n", "s", -1, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, err),
                     NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_isms_set_security_reporter(m, NULL, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_gap_compute(NULL, NULL, err), NIS2_ERR_INVALID_ARG);
    char *s = NULL;
    ck_assert_int_eq(nis2_isms_to_json(NULL, 0, &s, err), NIS2_ERR_INVALID_ARG);
    ck_assert_int_eq(nis2_gap_report_to_string(NULL, 0, 0, &s, err), NIS2_ERR_INVALID_ARG);
    nis2_gap_report *r = NULL;
    ck_assert_int_eq(nis2_gap_report_from_json(ctx, "{", 1, &r, err), NIS2_ERR_PARSE);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(nis2_gap_report_from_json(ctx, "{\"schema\": 1}", 13, &r, err), NIS2_ERR_MISSING_FIELD);
    ck_assert_ptr_null(r);
    /* the getters of a NULL report */
    ck_assert_ptr_null(nis2_gap_report_as_of(NULL));
    ck_assert_uint_eq(nis2_gap_report_duty_count(NULL), 0);
    ck_assert_int_eq(nis2_gap_report_duty_status(NULL, 0), -1);
    ck_assert_uint_eq(nis2_gap_report_action_count(NULL), 0);
    ck_assert_int_eq(nis2_gap_report_ir_2024_2690(NULL), 0);
    ck_assert_ptr_null(nis2_gap_report_certificate_status(NULL));
    ck_assert_uint_eq(nis2_gap_report_measure_count(NULL), 0);
    ck_assert_uint_eq(nis2_gap_report_stale_count(NULL), 0);
    nis2_gap_report_free(NULL);
    nis2_isms_free(NULL);
    nis2_isms_free(m);
    /* nis2_isms_new's own errors */
    nis2_entity *e = cloud_de();
    nis2_isms *m2 = NULL;
    ck_assert_int_eq(nis2_isms_new(ctx, e, NULL, &m2, err), NIS2_ERR_MISSING_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.as_of");
    ck_assert_int_eq(nis2_isms_new(ctx, e, "2026-02-29", &m2, err), NIS2_ERR_INVALID_FIELD);
    ck_assert_str_eq(nis2_error_path(err), "$.as_of");
    ck_assert_int_eq(nis2_isms_new(ctx, NULL, "2026-01-01", &m2, err), NIS2_ERR_INVALID_ARG);
    ck_assert_ptr_null(m2);
    nis2_ctx *other = NULL;
    ck_assert_int_eq(nis2_ctx_new(&other, NULL), NIS2_OK);
    ck_assert_int_eq(nis2_isms_new(other, e, "2026-01-01", &m2, err), NIS2_ERR_INVALID_ARG);
    nis2_ctx_free(other);
    nis2_entity_free(e);
    nis2_error_free(err);
}
END_TEST

int main(void)
{
    if (nis2_ctx_new(&ctx, NULL) != NIS2_OK)
        return 1;
    Suite *s = suite_create("gap-typed-api");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 300);
    tcase_add_test(t, examples_agree_in_every_format);
    tcase_add_test(t, test_inputs_agree_in_every_format);
    tcase_add_test(t, typed_records_reach_their_questions);
    tcase_add_test(t, a_rejected_entry_leaves_the_isms_as_it_was);
    tcase_add_loop_test(t, each_setter_names_the_field, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(t, duplicate_ids_and_bad_arguments);
    suite_add_tcase(s, t);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nis2_ctx_free(ctx);
    return failed ? 1 : 0;
}
