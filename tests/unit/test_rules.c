/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The rule language of national overlays (lib/catalog/overlays/README.md): the compiler's validation (every
 * defect is NIS2_ERR_CATALOG naming the JSON path) and the interpreter's semantics (three-valued conditions,
 * missing facts, the resolver's precedence, exclusions, floors, templates), on small synthetic overlays.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "compile/compile.h"
#include "compile/facts.h"
#include "compile/rulec.h"
#include "nis2/nis2.h"
#include "rules/interp.h"
#include "rules/overlay.h"
#include "rules/rules.h"

static nis2_ctx *ctx;

/* An overlay document around a "classification" member given as JSON text. */
static json_t *overlay_with(const char *classification)
{
    char doc[8192];
    snprintf(doc, sizeof doc,
             "{\"country\":\"MT\",\"law\":\"MT Test Act\","
             "\"categories\":[{\"id\":\"essential\",\"rank\":1},{\"id\":\"national_a\",\"rank\":2},"
             "{\"id\":\"important\",\"rank\":3},{\"id\":\"out_of_scope\",\"rank\":4},{\"id\":\"undetermined\",\"rank\":5}],"
             "\"national_keys\":{\"staff\":{\"type\":\"number\"},\"kind\":{\"type\":\"enum\",\"values\":[\"a\",\"b\"]},"
             "\"listed\":{\"type\":\"boolean\"},\"opt\":{\"type\":\"boolean\",\"default\":false},"
             "\"neg\":{\"type\":\"codes\"},\"own_staff\":{\"type\":\"number\"},\"own_turnover\":{\"type\":\"number\"},"
             "\"own_balance\":{\"type\":\"number\"},\"independent\":{\"type\":\"boolean\"}},"
             "\"classification\":%s}", classification);
    json_error_t je;
    json_t *v = json_loads(doc, 0, &je);
    ck_assert_msg(v != NULL, "test overlay does not parse: %s", je.text);
    return v;
}

/* Compile; expect NIS2_ERR_CATALOG at path (exact) with a message containing what. */
static void expect_error(const char *classification, const char *path, const char *what)
{
    json_t *ov = overlay_with(classification);
    nis2_error *err = nis2_error_new();
    nis2i_ruleset *rs = NULL;
    nis2_status st = nis2i_ruleset_compile(ctx, ov, "$.overlays[0]", &rs, err);
    ck_assert_msg(st == NIS2_ERR_CATALOG, "%s: expected NIS2_ERR_CATALOG, got %d", classification, (int)st);
    ck_assert_ptr_null(rs);
    ck_assert_msg(nis2_error_path(err) && strcmp(nis2_error_path(err), path) == 0, "%s: path %s, want %s", classification,
                  nis2_error_path(err) ? nis2_error_path(err) : "(null)", path);
    ck_assert_msg(strstr(nis2_error_message(err), what) != NULL, "%s: message '%s' lacks '%s'", classification,
                  nis2_error_message(err), what);
    nis2_error_free(err);
    json_decref(ov);
}

#define RULES(r) "{\"language\":1,\"rules\":[" r "]}"

START_TEST(unknown_primitive)
{
    expect_error(RULES("{\"when\":{\"colour\":\"red\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.colour", "unknown primitive 'colour'");
    expect_error(RULES("{\"when\":{\"all\":[{\"flag\":\"sole_provider\"},{\"sizes\":\"large\"}]},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.all[1].sizes", "unknown primitive");
    expect_error(RULES("{\"outcome\":\"promote\",\"ref\":\"A\"}"), "$.overlays[0].classification.rules[0].outcome",
                 "match");
}
END_TEST

START_TEST(wrong_argument)
{
    expect_error(RULES("{\"when\":{\"flag\":\"no_such_flag\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.flag", "flag");
    expect_error(RULES("{\"when\":{\"size\":\"huge\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.size", "medium_or_larger");
    expect_error(RULES("{\"when\":{\"national\":\"staff\",\"eq\":\"many\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.eq", "number");
    expect_error(RULES("{\"when\":{\"national\":\"kind\",\"eq\":\"c\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.eq", "not a value of the enum");
    expect_error(RULES("{\"when\":{\"national\":\"nowhere\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.national", "not declared");
    expect_error(RULES("{\"when\":{\"national\":\"kind\",\"at_least\":3},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.at_least", "number key");
    expect_error(RULES("{\"when\":{\"code\":\"no.such.code\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.code", "not an entity type");
    expect_error(RULES("{\"when\":{\"role\":\"wizard\"},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.role", "unknown role");
    expect_error(RULES("{\"when\":{\"figure\":\"employees\",\"between\":[5]},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.between", "[low, high]");
    expect_error(RULES("{\"when\":{\"figure\":\"height\",\"gt\":5},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.figure", "employees");
    expect_error(RULES("{\"when\":true,\"outcome\":\"note\",\"reason\":\"{fig.height} x\"}"),
                 "$.overlays[0].classification.rules[0].reason", "unknown template variable");
    expect_error(RULES("{\"outcome\":\"unknown\",\"category\":\"essential\",\"ref\":\"A\"}"),
                 "$.overlays[0].classification.rules[0].missing", "missing facts");
    expect_error(RULES("{\"when\":{\"directive_differs\":true},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.directive_differs", "after");
    expect_error("{\"language\":2,\"rules\":[]}", "$.overlays[0].classification.language", "expected 1");
    expect_error("{\"language\":1,\"rules\":[],\"colour\":1}", "$.overlays[0].classification.colour", "");
}
END_TEST

START_TEST(dangling_category)
{
    expect_error(RULES("{\"outcome\":\"match\",\"category\":\"very_important\",\"ref\":\"A\"}"),
                 "$.overlays[0].classification.rules[0].category", "dangling category");
    expect_error(RULES("{\"when\":{\"category\":[\"essential\",\"nope\"]},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.category", "not a category");
    expect_error(RULES("{\"outcome\":\"note\",\"category\":\"essential\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].category", "gives no category");
}
END_TEST

START_TEST(never_firing)
{
    expect_error(RULES("{\"when\":false,\"outcome\":\"note\",\"reason\":\"x\"}"), "$.overlays[0].classification.rules[0].when",
                 "never fire");
    expect_error(RULES("{\"when\":{\"all\":[{\"flag\":\"sole_provider\"},{\"not\":true}]},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when", "never fire");
    expect_error(RULES("{\"when\":{\"figure\":\"employees\",\"gt\":250,\"lt\":100},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when", "never fire");
    expect_error(RULES("{\"when\":{\"figure\":\"employees\",\"gt\":10,\"lte\":10},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when", "never fire");
    expect_error(RULES("{\"first\":[{\"outcome\":\"match\",\"category\":\"essential\",\"ref\":\"A\"},"
                       "{\"outcome\":\"match\",\"category\":\"important\",\"ref\":\"B\"}]}"),
                 "$.overlays[0].classification.rules[0].first[1]", "never fire");
    expect_error(RULES("{\"when\":{\"any\":[]},\"outcome\":\"note\",\"reason\":\"x\"}"), "$.overlays[0].classification.rules[0].when.any",
                 "constant");
    expect_error(RULES("{\"when\":{\"national\":\"kind\",\"in\":[]},\"outcome\":\"note\",\"reason\":\"x\"}"),
                 "$.overlays[0].classification.rules[0].when.in", "never match");
}
END_TEST

START_TEST(nesting_depth)
{
    char buf[2048] = "";
    strcat(buf, "{\"language\":1,\"rules\":[{\"when\":");
    for (int i = 0; i < NIS2I_RULE_MAX_DEPTH; i++)
        strcat(buf, "{\"not\":");
    strcat(buf, "{\"flag\":\"sole_provider\"}");
    for (int i = 0; i < NIS2I_RULE_MAX_DEPTH; i++)
        strcat(buf, "}");
    strcat(buf, ",\"outcome\":\"note\",\"reason\":\"x\"}]}");
    char path[512] = "$.overlays[0].classification.rules[0].when";
    for (int i = 0; i < NIS2I_RULE_MAX_DEPTH; i++)
        strcat(path, ".not");
    expect_error(buf, path, "deeper than 8");
    /* at the limit it compiles */
    char ok[2048] = "{\"language\":1,\"rules\":[{\"when\":";
    for (int i = 0; i < NIS2I_RULE_MAX_DEPTH - 1; i++)
        strcat(ok, "{\"not\":");
    strcat(ok, "{\"flag\":\"sole_provider\"}");
    for (int i = 0; i < NIS2I_RULE_MAX_DEPTH - 1; i++)
        strcat(ok, "}");
    strcat(ok, ",\"outcome\":\"note\",\"reason\":\"x\"}]}");
    json_t *ov = overlay_with(ok);
    nis2i_ruleset *rs = NULL;
    ck_assert_int_eq(nis2i_ruleset_compile(ctx, ov, "$.overlays[0]", &rs, NULL), NIS2_OK);
    ck_assert_ptr_nonnull(rs);
    nis2i_ruleset_free(rs);
    json_decref(ov);
}
END_TEST

/* ---------------------------------------------------------------- semantics */

static const char *const semantic_rules =
    "{\"language\":1,"
    "\"derive\":[{\"name\":\"big\",\"when\":{\"figure\":\"employees\",\"gte\":100}},"
    "            {\"name\":\"label\",\"select\":[{\"when\":{\"derived\":\"big\"},\"value\":\"big one\"},{\"when\":true,\"value\":\"small one\"}]}],"
    "\"rules\":["
    " {\"when\":{\"national\":\"kind\",\"eq\":\"b\"},\"outcome\":\"exclude\",\"ref\":\"X 9\",\"grounds\":[\"X 9(a)\"],\"reason\":\"kind b is excluded\"},"
    " {\"when\":{\"national\":\"opt\"},\"outcome\":\"exclude_part\",\"ref\":\"X 8\",\"reason\":\"part excluded\"},"
    " {\"when\":{\"all\":[{\"code\":\"manufacturing.medical_devices\"},{\"figure\":\"employees\",\"between\":[10,49]}]},"
    "  \"outcome\":\"match\",\"category\":\"national_a\",\"ref\":\"X 3\",\"scope\":[\"X 2\"],"
    "  \"reason\":\"{fig.employees} staff, a {label}\",\"reason_unknown\":\"staff not given\"},"
    " {\"when\":{\"national\":\"staff\",\"at_least\":500},\"outcome\":\"match\",\"category\":\"essential\",\"ref\":\"X 4\",\"reason\":\"{national.staff} listed staff\"},"
    " {\"when\":{\"figure\":\"employees\",\"lt\":10},\"outcome\":\"floor\",\"ref\":\"X 5\",\"reason\":\"too small\"}],"
    "\"fallback\":[{\"outcome\":\"floor\",\"ref\":\"X 1\",\"reason\":\"nothing applies\"}],"
    "\"after\":[{\"when\":{\"directive_differs\":true},\"outcome\":\"note\",\"ref\":\"{decided_by}\",\"reason\":\"{law}: {category} not {directive.category}\"}]}";

typedef struct sem {
    nis2i_ruleset *rs;
    json_t *ov;
} sem;

/* national.MT of the test document into a block of typed slots numbered as the test overlay's national_keys. */
static void set_facts(const sem *S, nis2_entity *e, const json_t *nat)
{
    const json_t *mt = json_object_get(nat, "MT");
    if (!mt)
        return;
    nis2i_natblock *b = nis2i_natblock_append(e, "MT", -1, NULL);
    ck_assert_ptr_nonnull(b);
    const json_t *keys = json_object_get(S->ov, "national_keys");
    b->slot = calloc(json_object_size(keys), sizeof *b->slot);
    ck_assert_ptr_nonnull(b->slot);
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)mt, k, v) {
        size_t num = 0;
        const char *k2;
        const json_t *d;
        json_object_foreach((json_t *)keys, k2, d) {
            if (strcmp(k2, k) == 0)
                break;
            num++;
        }
        ck_assert_uint_lt(num, json_object_size(keys));
        nis2i_natval *o = &b->slot[num];
        if (json_is_boolean(v)) {
            o->kind = NIS2I_NAT_BOOL;
            o->b = json_is_true(v);
        } else if (json_is_string(v)) {
            o->kind = NIS2I_NAT_STRING;
            o->str = json_string_value(v);   /* borrowed: the block has no overlay, its slots are not freed */
        } else if (json_is_number(v)) {
            o->kind = NIS2I_NAT_NUMBER;
            o->num = json_number_value(v);
        } else if (json_is_array(v)) {
            static uint32_t codes[8][NIS2I_NAT_MAX_CODES];     /* borrowed, as the strings: never freed */
            static size_t next;
            o->kind = NIS2I_NAT_CODES;
            o->codes = codes[next++ % 8];
            size_t i;
            const json_t *x;
            json_array_foreach(v, i, x) ck_assert(nis2i_etype_find(ctx, json_string_value(x), &o->codes[o->n_codes++]));
        }
    }
}

static nis2_result *run(const sem *S, const char *doc)
{
    nis2_error *err = nis2_error_new();
    nis2_entity *e = NULL;
    json_t *v = json_loads(doc, 0, NULL);
    ck_assert_ptr_nonnull(v);
    json_t *nat = json_incref(json_object_get(v, "national"));
    json_object_del(v, "national");
    char *plain = json_dumps(v, 0);
    json_decref(v);
    ck_assert_msg(nis2_entity_from_json(ctx, plain, strlen(plain), &e, err) == NIS2_OK, "%s: %s", doc, nis2_error_message(err));
    free(plain);
    set_facts(S, e, nat);        /* national.MT in typed slots (the context has no MT overlay to check them) */
    nis2_result *r = NULL;
    ck_assert_int_eq(nis2_classify(ctx, e, &r, err), NIS2_OK);   /* size and Directive verdict */
    r->n_reasons = 0;
    nis2i_rules_classify(S->rs, ctx, e, r);
    nis2_entity_free(e);
    json_decref(nat);
    nis2_error_free(err);
    return r;
}

static bool has_reason(const nis2_result *r, const char *ref, const char *text)
{
    for (size_t i = 0; i < nis2_result_reason_count(r); i++)
        if (strcmp(nis2_result_reason_ref(r, i), ref) == 0 && strcmp(nis2_result_reason_text(r, i), text) == 0)
            return true;
    return false;
}

static sem sem_new(void)
{
    sem S;
    S.ov = overlay_with(semantic_rules);
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2i_ruleset_compile(ctx, S.ov, "$.overlays[0]", &S.rs, err) == NIS2_OK, "%s", nis2_error_message(err));
    nis2_error_free(err);
    return S;
}

static void sem_free(sem *S)
{
    nis2i_ruleset_free(S->rs);
    json_decref(S->ov);
}

START_TEST(three_valued_and_missing)
{
    sem S = sem_new();
    /* no employees, no staff: both matches are unknown; the more demanding (essential, X 4) decides undetermined,
     * and both missing facts are named */
    nis2_result *r = run(&S, "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"]}");
    ck_assert_str_eq(r->nat.category, "undetermined");
    ck_assert_str_eq(r->nat.decided_by, "X 4");
    ck_assert_uint_eq(r->n_missing, 2);         /* employees (figure) and national.MT.staff (at_least) */
    ck_assert_str_eq(r->missing[0], "employees");
    ck_assert_str_eq(r->missing[1], "national.MT.staff");
    ck_assert(has_reason(r, "X 3", "staff not given"));
    nis2_result_free(r);
    /* boundaries of between [10, 49]: 9 floor, 10 and 49 match, 50 falls back */
    static const struct { const char *emp; const char *cat; const char *dec; } t[] = {
        {"9", "out_of_scope", "X 5"}, {"10", "national_a", "X 3"}, {"49", "national_a", "X 3"}, {"50", "out_of_scope", "X 1"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char doc[256];
        snprintf(doc, sizeof doc, "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"],\"employees\":%s,\"national\":{\"MT\":{\"staff\":1}}}", t[i].emp);
        r = run(&S, doc);
        ck_assert_msg(strcmp(r->nat.category, t[i].cat) == 0, "%s: %s", t[i].emp, r->nat.category);
        ck_assert_str_eq(r->nat.decided_by, t[i].dec);
        ck_assert_uint_eq(r->n_missing, 0);
        nis2_result_free(r);
    }
    r = run(&S, "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"],\"employees\":20,\"national\":{\"MT\":{\"staff\":1}}}");
    ck_assert(has_reason(r, "X 3", "20 staff, a small one"));
    ck_assert_uint_eq(r->nat.n_grounds, 2);
    ck_assert_str_eq(r->nat.grounds[0], "X 2");
    ck_assert_str_eq(r->nat.grounds[1], "X 3");
    nis2_result_free(r);
    sem_free(&S);
}
END_TEST

START_TEST(precedence_exclusion_templates)
{
    sem S = sem_new();
    /* at_least 500: 499 no, 500 yes; the essential match outranks national_a */
    nis2_result *r = run(&S, "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"],\"employees\":20,\"national\":{\"MT\":{\"staff\":500}}}");
    ck_assert_str_eq(r->nat.category, "essential");
    ck_assert_str_eq(r->nat.decided_by, "X 4");
    ck_assert(has_reason(r, "X 4", "500 listed staff"));
    ck_assert(has_reason(r, "X 4", "MT Test Act: essential not undetermined"));
    nis2_result_free(r);
    r = run(&S, "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"],\"employees\":20,\"national\":{\"MT\":{\"staff\":499}}}");
    ck_assert_str_eq(r->nat.category, "national_a");
    nis2_result_free(r);
    /* an exclusion ends the evaluation: grounds, no after-notes */
    r = run(&S, "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"],\"employees\":20,\"national\":{\"MT\":{\"kind\":\"b\",\"staff\":900}}}");
    ck_assert_str_eq(r->nat.category, "out_of_scope");
    ck_assert_str_eq(r->nat.decided_by, "X 9");
    ck_assert_uint_eq(r->nat.n_grounds, 2);
    ck_assert_str_eq(r->nat.grounds[0], "X 9(a)");
    ck_assert_uint_eq(nis2_result_reason_count(r), 1);
    nis2_result_free(r);
    /* a partial exclusion is cited after the verdict's own grounds; a boolean default (opt: false) is no fact missing */
    r = run(&S, "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"],\"employees\":20,\"national\":{\"MT\":{\"opt\":true,\"staff\":1}}}");
    ck_assert_str_eq(r->nat.category, "national_a");
    ck_assert_str_eq(r->nat.grounds[r->nat.n_grounds - 1], "X 8");
    ck_assert(has_reason(r, "X 8", "part excluded"));
    nis2_result_free(r);
    sem_free(&S);
}
END_TEST

/* A national key of type codes that takes activities out of matching, and a national sizing rule. */
static const char *const sizing_rules =
    "{\"language\":1,"
    "\"sizing\":[{\"when\":{\"national\":\"independent\"},\"figures\":{\"employees\":\"own_staff\",\"turnover_eur\":\"own_turnover\","
    "              \"balance_sheet_eur\":\"own_balance\"},\"ref\":\"X 4(2)\",\"reason\":\"sized on its own figures\"}],"
    "\"rules\":["
    " {\"when\":{\"all\":[{\"activity\":{\"annex\":1,\"not_in_national\":\"neg\"}},{\"size\":\"large\"}]},"
    "  \"outcome\":\"match\",\"category\":\"essential\",\"ref\":\"X 28(1)\"},"
    " {\"when\":{\"all\":[{\"activity\":{\"annex\":[1,2],\"not_in_national\":\"neg\"}},{\"size\":\"medium_or_larger\"}]},"
    "  \"outcome\":\"match\",\"category\":\"important\",\"ref\":\"X 28(2)\"}],"
    "\"fallback\":[{\"outcome\":\"floor\",\"ref\":\"X 1\",\"reason\":\"nothing\"}]}";

START_TEST(codes_key_and_sizing)
{
    sem S;
    S.ov = overlay_with(sizing_rules);
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2i_ruleset_compile(ctx, S.ov, "$.overlays[0]", &S.rs, err) == NIS2_OK, "%s", nis2_error_message(err));
    nis2_error_free(err);
    const char *big = "{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\",\"energy.electricity.recharging_operator\"],"
                      "\"employees\":300,\"turnover_eur\":6e7,\"balance_sheet_eur\":5e7";
    char doc[512];
    /* the Annex I activity counts: essential */
    snprintf(doc, sizeof doc, "%s}", big);
    nis2_result *r = run(&S, doc);
    ck_assert_str_eq(r->nat.category, "essential");
    nis2_result_free(r);
    /* declared in the codes key: only the Annex II activity is left, important */
    snprintf(doc, sizeof doc, "%s,\"national\":{\"MT\":{\"neg\":[\"energy.electricity.recharging_operator\"]}}}", big);
    r = run(&S, doc);
    ck_assert_str_eq(r->nat.category, "important");
    ck_assert_str_eq(r->nat.decided_by, "X 28(2)");
    nis2_result_free(r);
    /* own figures: 49 own staff and small money -> small, out; 50 -> medium, important; the size class follows */
    snprintf(doc, sizeof doc, "%s,\"national\":{\"MT\":{\"independent\":true,\"own_staff\":49,\"own_turnover\":1e6,\"own_balance\":1e6}}}", big);
    r = run(&S, doc);
    ck_assert_str_eq(r->nat.category, "out_of_scope");
    ck_assert_uint_eq(r->size.cls, NIS2_SIZE_SMALL);
    ck_assert(has_reason(r, "X 4(2)", "sized on its own figures"));
    nis2_result_free(r);
    snprintf(doc, sizeof doc, "%s,\"national\":{\"MT\":{\"independent\":true,\"own_staff\":50,\"own_turnover\":1e6,\"own_balance\":1e6}}}", big);
    r = run(&S, doc);
    ck_assert_str_eq(r->nat.category, "important");
    ck_assert_uint_eq(r->size.cls, NIS2_SIZE_MEDIUM);
    nis2_result_free(r);
    /* an own figure not given is unknown and named by its national key */
    snprintf(doc, sizeof doc, "%s,\"national\":{\"MT\":{\"independent\":true,\"own_staff\":20}}}", big);
    r = run(&S, doc);
    ck_assert_str_eq(r->nat.category, "undetermined");
    ck_assert_uint_eq(r->n_missing, 2);
    ck_assert_str_eq(r->missing[0], "national.MT.own_turnover");
    ck_assert_str_eq(r->missing[1], "national.MT.own_balance");
    nis2_result_free(r);
    sem_free(&S);
    /* compile errors of the two features */
    expect_error("{\"language\":1,\"rules\":[{\"when\":{\"activity\":{\"annex\":1,\"not_in_national\":\"kind\"}},\"outcome\":\"note\",\"reason\":\"x\"}]}",
                 "$.overlays[0].classification.rules[0].when.activity.not_in_national", "type codes");
    expect_error("{\"language\":1,\"sizing\":[{\"figures\":{\"employees\":\"listed\"},\"ref\":\"X\"}],\"rules\":[{\"outcome\":\"note\",\"reason\":\"x\"}]}",
                 "$.overlays[0].classification.sizing[0].figures.employees", "type number");
}
END_TEST

/* The compiler's gates (model/ruleset.h) only bound a condition: every rule below fires exactly when its condition
 * holds, whether the gate is made of activities, flags, the designation, national keys, or is absent (not, a
 * boolean key compared with false), and the gates have the shape the analysis derives. */
static const char *const gate_rules =
    "{\"language\":1,"
    "\"derive\":[{\"name\":\"dev\",\"when\":{\"code\":\"manufacturing.medical_devices\"}}],"
    "\"rules\":["
    " {\"when\":{\"flag\":\"sole_provider\"},\"outcome\":\"note\",\"ref\":\"G1\",\"reason\":\"flag\"},"
    " {\"when\":{\"designation\":\"essential\"},\"outcome\":\"note\",\"ref\":\"G2\",\"reason\":\"designation\"},"
    " {\"when\":{\"national\":\"listed\"},\"outcome\":\"note\",\"ref\":\"G3\",\"reason\":\"listed\"},"
    " {\"when\":{\"national\":\"listed\",\"eq\":false},\"outcome\":\"note\",\"ref\":\"G4\",\"reason\":\"not listed\"},"
    " {\"when\":{\"all\":[{\"code\":\"manufacturing.medical_devices\"},{\"national\":\"kind\",\"eq\":\"a\"}]},\"outcome\":\"note\",\"ref\":\"G5\",\"reason\":\"code and kind\"},"
    " {\"when\":{\"not\":{\"code\":\"manufacturing.medical_devices\"}},\"outcome\":\"note\",\"ref\":\"G6\",\"reason\":\"other\"},"
    " {\"when\":{\"national\":\"opt\"},\"outcome\":\"note\",\"ref\":\"G7\",\"reason\":\"opt\"},"
    " {\"when\":{\"any\":[{\"code\":\"manufacturing.medical_devices\"},{\"flag\":\"systemic_risk\"}]},\"outcome\":\"match\",\"category\":\"important\",\"ref\":\"G8\",\"reason\":\"match\"},"
    " {\"when\":{\"derived\":\"dev\"},\"outcome\":\"note\",\"ref\":\"G9\",\"reason\":\"derived\"}]}";

START_TEST(gates_only_bound_conditions)
{
    sem S;
    S.ov = overlay_with(gate_rules);
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2i_ruleset_compile(ctx, S.ov, "$.overlays[0]", &S.rs, err) == NIS2_OK, "%s", nis2_error_message(err));
    nis2_error_free(err);
    const nis2i_ruleset *rs = S.rs;
    ck_assert_uint_eq(rs->n_rules, 9);
    ck_assert(rs->rules[0].gate.bounded && rs->rules[0].gate.atoms == NIS2I_ATOM_FLAG(NIS2_FLAG_SOLE_PROVIDER) && !rs->rules[0].gate.types);
    ck_assert(rs->rules[1].gate.bounded && rs->rules[1].gate.atoms == NIS2I_ATOM_DESIGNATION(NIS2_DESIGNATION_ESSENTIAL));
    ck_assert(rs->rules[2].gate.bounded && rs->rules[2].gate.atoms != 0);
    ck_assert(!rs->rules[3].gate.bounded);       /* true on a boolean false: no bound */
    ck_assert(rs->rules[4].gate.bounded && rs->rules[4].gate_also.bounded);   /* both parts of the all */
    ck_assert(!!rs->rules[4].gate.types != !!rs->rules[4].gate_also.types);
    ck_assert(!rs->rules[5].gate.bounded);       /* not: no bound */
    ck_assert(rs->rules[7].gate.bounded && rs->rules[7].gate.types && rs->rules[7].gate.atoms == NIS2I_ATOM_FLAG(NIS2_FLAG_SYSTEMIC_RISK));
    ck_assert(rs->rules[8].gate.bounded && rs->rules[8].gate.types);   /* through the derived fact */
    ck_assert(rs->derived[0].gate.bounded && rs->derived[0].gate.types);
    static const struct {
        const char *doc;
        const char *fires;       /* the refs whose reason is emitted, in order */
    } t[] = {
        {"{\"country\":\"MT\",\"activities\":[\"manufacturing.medical_devices\"],\"flags\":{\"sole_provider\":true,"
         "\"member_state_designation\":\"essential\"},\"national\":{\"MT\":{\"listed\":true,\"kind\":\"a\"}}}",
         "G1 G2 G3 G5 G8 G9"},
        {"{\"country\":\"MT\",\"activities\":[\"health.healthcare_provider\"],\"national\":{\"MT\":{\"listed\":false,\"kind\":\"a\",\"opt\":true}}}",
         "G4 G6 G7"},
        {"{\"country\":\"MT\",\"activities\":[\"health.healthcare_provider\"],\"flags\":{\"systemic_risk\":true,"
         "\"member_state_designation\":\"important\"}}",
         "G6 G8"},
        {"{\"country\":\"MT\",\"activities\":[\"health.healthcare_provider\",\"manufacturing.medical_devices\"],\"national\":{\"MT\":{\"kind\":\"b\"}}}",
         "G8 G9"},
    };
    static const char *const refs[] = {"G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9"};
    static const char *const texts[] = {"flag", "designation", "listed", "not listed", "code and kind", "other", "opt", "match", "derived"};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        nis2_result *r = run(&S, t[i].doc);
        char got[64] = "";
        for (size_t k = 0; k < 9; k++)
            if (has_reason(r, refs[k], texts[k]))
                snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", got[0] ? " " : "", refs[k]);
        ck_assert_msg(strcmp(got, t[i].fires) == 0, "case %zu: fired '%s', want '%s'", i, got, t[i].fires);
        ck_assert_str_eq(r->nat.category, strstr(t[i].fires, "G8") ? "important" : "out_of_scope");
        nis2_result_free(r);
    }
    sem_free(&S);
}
END_TEST

START_TEST(embedded_overlays_compile)
{
    /* every overlay with a classification member compiled into a ruleset when the context was made */
    nis2_result *r = NULL;
    nis2_error *err = nis2_error_new();
    const char *doc = "{\"country\":\"PT\",\"activities\":[\"pt.public_administration.state_indirect\"],\"employees\":250}";
    char *out = NULL;
    ck_assert_int_eq(nis2_classify_json(ctx, doc, strlen(doc), 0, &out, err), NIS2_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"decided_by\":\"RJC art. 7(2)(c)\""));
    nis2_string_free(out);
    (void)r;
    nis2_error_free(err);
}
END_TEST


/* The compiler's type facts (nis2i_ruleset.type_fact) give every answer the interpreter gives without them: for
 * every entity type, a Portuguese entity with that one activity, in several sizes and with national facts, is
 * classified (with its trace) with the table and with the table taken away, and the JSON must be identical. */
START_TEST(type_facts_agree_with_evaluation)
{
    const nis2i_overlay *ov = nis2i_overlay_find(ctx, "PT");
    ck_assert(ov && ov->ruleset && ov->ruleset->type_fact);
    nis2i_ruleset *rs = (nis2i_ruleset *)ov->ruleset;     /* the test takes its table away and gives it back */
    size_t decided = 0, entity = 0;
    for (size_t i = 0; i < rs->gate_types * rs->n_derived; i++)
        rs->type_fact[i] == NIS2I_TF_ENTITY ? entity++ : decided++;
    ck_assert_uint_gt(decided, 0);   /* some facts are read off the type ... */
    ck_assert_uint_gt(entity, 0);    /* ... and some read more (national keys, flags) */
    static const char *const rest[] = {
        "\"employees\":180,\"turnover_eur\":30000000,\"balance_sheet_eur\":25000000",
        "\"employees\":300,\"turnover_eur\":60000000,\"balance_sheet_eur\":50000000",
        "\"employees\":10",
        "\"employees\":60,\"flags\":{\"member_state_designation\":\"essential\",\"provides_services_in_union\":true}",
        "\"national\":{\"PT\":{\"higher_education_sector\":\"public\",\"ict_infrastructure_remit\":true}}",
    };
    int8_t *table = rs->type_fact;
    size_t compared = 0;
    for (size_t t = 0; t < rs->gate_types; t++) {
        for (size_t k = 0; k < sizeof rest / sizeof rest[0]; k++) {
            char doc[512];
            snprintf(doc, sizeof doc, "{\"country\":\"PT\",\"activities\":[\"%s\"],%s}", ctx->etypes[t].code, rest[k]);
            char *out[2] = {NULL, NULL};
            nis2_status st[2];
            for (int pass = 0; pass < 2; pass++) {
                nis2_error *err = nis2_error_new();
                rs->type_fact = pass ? NULL : table;
                st[pass] = nis2_classify_json(ctx, doc, strlen(doc), 0, &out[pass], err);
                nis2_error_free(err);
            }
            rs->type_fact = table;
            ck_assert_int_eq(st[0], st[1]);
            if (st[0] == NIS2_OK) {
                ck_assert_msg(strcmp(out[0], out[1]) == 0, "%s:\n with type facts: %s\n without: %s", doc, out[0], out[1]);
                compared++;
            }
            nis2_string_free(out[0]);
            nis2_string_free(out[1]);
        }
    }
    ck_assert_uint_gt(compared, rs->gate_types);
}
END_TEST

int main(void)
{
    nis2_error *err = nis2_error_new();
    if (nis2_ctx_new(&ctx, err) != NIS2_OK) {
        fprintf(stderr, "context: %s\n", nis2_error_message(err));
        return 1;
    }
    nis2_error_free(err);
    Suite *s = suite_create("overlay rule language");
    TCase *tc = tcase_create("compiler");
    tcase_add_test(tc, unknown_primitive);
    tcase_add_test(tc, wrong_argument);
    tcase_add_test(tc, dangling_category);
    tcase_add_test(tc, never_firing);
    tcase_add_test(tc, nesting_depth);
    suite_add_tcase(s, tc);
    tc = tcase_create("interpreter");
    tcase_add_test(tc, three_valued_and_missing);
    tcase_add_test(tc, precedence_exclusion_templates);
    tcase_add_test(tc, codes_key_and_sizing);
    tcase_add_test(tc, gates_only_bound_conditions);
    tcase_add_test(tc, type_facts_agree_with_evaluation);
    tcase_add_test(tc, embedded_overlays_compile);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nis2_ctx_free(ctx);
    return failed ? 1 : 0;
}
