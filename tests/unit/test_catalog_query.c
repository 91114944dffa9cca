/* SPDX-License-Identifier: Apache-2.0 */
/* The catalog from C (i14, NIS2_1.1): every getter against what `nis2 catalog` exports (nis2_ctx_catalog_json), the
 * flags against the names of lib/schema/FORMATS.md §entity, and out-of-range indexes. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static nis2_ctx *ctx;
static json_t *cat;

static void eqs(const char *got, const json_t *want, const char *what)
{
    if (!json_is_string(want)) {
        ck_assert_msg(got == NULL, "%s: got '%s', want null", what, got ? got : "");
        return;
    }
    ck_assert_msg(got && strcmp(got, json_string_value(want)) == 0, "%s: got '%s', want '%s'", what,
                  got ? got : "(null)", json_string_value(want));
}

START_TEST(entity_types)
{
    const json_t *ets = json_object_get(cat, "entity_types");
    size_t n = nis2_ctx_entity_type_count(ctx), dir = json_array_size(ets), i, national = 0;
    ck_assert_uint_ge(n, dir);
    const json_t *t;
    json_array_foreach(ets, i, t) {
        ck_assert_str_eq(nis2_ctx_entity_type_code(ctx, i), json_string_value(json_object_get(t, "code")));
        eqs(nis2_ctx_entity_type_label(ctx, i), json_object_get(t, "label"), "label");
        eqs(nis2_ctx_entity_type_sector(ctx, i), json_object_get(t, "sector"), "sector");
        eqs(nis2_ctx_entity_type_subsector(ctx, i), json_object_get(t, "subsector"), "subsector");
        eqs(nis2_ctx_entity_type_annex_point(ctx, i), json_object_get(t, "annex_point"), "annex_point");
        eqs(nis2_ctx_entity_type_ref(ctx, i), json_object_get(t, "ref"), "ref");
        eqs(nis2_ctx_entity_type_role(ctx, i), json_object_get(t, "role"), "role");
        const char *annex = json_string_value(json_object_get(t, "annex"));
        ck_assert_uint_eq(nis2_ctx_entity_type_annex(ctx, i),
                          !annex ? 0u : strcmp(annex, "I") == 0 ? 1u : strcmp(annex, "II") == 0 ? 2u : 0u);
        ck_assert_ptr_null(nis2_ctx_entity_type_country(ctx, i));
    }
    for (; i < n; i++) {                        /* the overlays' own types */
        ck_assert_ptr_nonnull(nis2_ctx_entity_type_country(ctx, i));
        ck_assert_ptr_nonnull(nis2_ctx_entity_type_label(ctx, i));
        national++;
    }
    ck_assert_uint_ge(national, 1);
    ck_assert_ptr_null(nis2_ctx_entity_type_label(ctx, n));
    ck_assert_uint_eq(nis2_ctx_entity_type_annex(ctx, n), 0);
    ck_assert_ptr_null(nis2_ctx_entity_type_role(NULL, 0));
}
END_TEST

START_TEST(flags)
{
    /* lib/schema/FORMATS.md §entity flags and their NIS2_FLAG_* values (entity.h) */
    static const struct {
        const char *name;
        uint32_t id;
    } want[] = {{"sole_provider", NIS2_FLAG_SOLE_PROVIDER}, {"cer_critical_entity", NIS2_FLAG_CER_CRITICAL_ENTITY},
                {"provides_services_in_union", NIS2_FLAG_PROVIDES_SERVICES_IN_UNION},
                {"dora_financial_entity", NIS2_FLAG_DORA_FINANCIAL_ENTITY},
                {"judiciary_parliament_or_central_bank", NIS2_FLAG_JUDICIARY_PARLIAMENT_CENTRAL_BANK}};
    size_t n = nis2_ctx_flag_count(ctx);
    ck_assert_uint_eq(n, 15);
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        bool found = false;
        for (size_t i = 0; i < n; i++)
            if (strcmp(nis2_ctx_flag_name(ctx, i), want[k].name) == 0) {
                ck_assert_uint_eq(nis2_ctx_flag_id(ctx, i), want[k].id);
                found = true;
            }
        ck_assert_msg(found, "%s", want[k].name);
    }
    /* every flag is accepted by the entity under its name and id */
    for (size_t i = 0; i < n; i++) {
        nis2_entity *e;
        char doc[200];
        snprintf(doc, sizeof doc, "{\"country\":\"FR\",\"activities\":[],\"flags\":{\"%s\":true}}", nis2_ctx_flag_name(ctx, i));
        ck_assert_int_eq(nis2_entity_from_json(ctx, doc, strlen(doc), &e, NULL), NIS2_OK);
        ck_assert_int_eq(nis2_entity_set_flag(e, nis2_ctx_flag_id(ctx, i), 1, NULL), NIS2_OK);
        nis2_entity_free(e);
    }
    ck_assert_ptr_null(nis2_ctx_flag_name(ctx, n));
    ck_assert_uint_eq(nis2_ctx_flag_id(ctx, n), 0);
}
END_TEST

START_TEST(laws_and_categories)
{
    const json_t *ovs = json_object_get(cat, "overlays");
    ck_assert_uint_eq(nis2_ctx_law_count(ctx), 1 + json_array_size(ovs));
    ck_assert_str_eq(nis2_ctx_law_name(ctx, 0), "EU 2022/2555");
    ck_assert_ptr_null(nis2_ctx_law_country(ctx, 0));
    ck_assert_uint_eq(nis2_ctx_category_count(ctx, 0), 6);
    for (size_t i = 0; i < 6; i++) {
        ck_assert_uint_lt(nis2_ctx_category_id(ctx, 0, i), NIS2_CATEGORY_NATIONAL);
        ck_assert_str_eq(nis2_ctx_category_name(ctx, 0, i), nis2_ctx_category_directive_equivalent(ctx, 0, i));
        ck_assert_uint_eq(nis2_ctx_category_rank(ctx, 0, i), 0);
        ck_assert_ptr_nonnull(nis2_ctx_category_label(ctx, 0, i));
    }
    size_t k, i, codes_a = 0;
    const json_t *ov, *c;
    json_array_foreach(ovs, k, ov) {
        eqs(nis2_ctx_law_name(ctx, k + 1), json_object_get(ov, "law"), "law");
        eqs(nis2_ctx_law_country(ctx, k + 1), json_object_get(ov, "country"), "country");
        const json_t *cats = json_object_get(ov, "categories");
        ck_assert_uint_eq(nis2_ctx_category_count(ctx, k + 1), json_array_size(cats));
        json_array_foreach(cats, i, c) {
            eqs(nis2_ctx_category_name(ctx, k + 1, i), json_object_get(c, "id"), "category");
            ck_assert_uint_eq(nis2_ctx_category_rank(ctx, k + 1, i), (uint32_t)json_integer_value(json_object_get(c, "rank")));
            eqs(nis2_ctx_category_label(ctx, k + 1, i), json_object_get(json_object_get(c, "label"), "en"), "label");
            eqs(nis2_ctx_category_ref(ctx, k + 1, i), json_object_get(c, "ref"), "ref");
            eqs(nis2_ctx_category_directive_equivalent(ctx, k + 1, i), json_object_get(c, "directive_equivalent"), "eq");
            const char *name = json_string_value(json_object_get(c, "id"));
            uint32_t id = nis2_ctx_category_id(ctx, k + 1, i);
            if (strcmp(name, "relevant_public_entity_group_a") == 0) {
                ck_assert_uint_eq(id, NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_A);
                codes_a++;
            } else if (strcmp(name, "relevant_public_entity_group_b") == 0) {
                ck_assert_uint_eq(id, NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_B);
            } else if (strcmp(name, "essential") == 0) {
                ck_assert_uint_eq(id, NIS2_CATEGORY_ESSENTIAL);
            }
        }
    }
    ck_assert_uint_ge(codes_a, 1);
    size_t last = nis2_ctx_law_count(ctx);
    ck_assert_ptr_null(nis2_ctx_law_name(ctx, last));
    ck_assert_uint_eq(nis2_ctx_category_count(ctx, last), 0);
    ck_assert_ptr_null(nis2_ctx_category_name(ctx, 0, 6));
    ck_assert_ptr_null(nis2_ctx_category_name(ctx, 1, 99));
}
END_TEST

START_TEST(member_states)
{
    const json_t *ms = json_object_get(cat, "member_states");
    ck_assert_uint_eq(nis2_ctx_member_state_count(ctx), json_array_size(ms));
    ck_assert_uint_eq(json_array_size(ms), 27);
    size_t i, encoded = 0;
    const json_t *m;
    json_array_foreach(ms, i, m) {
        eqs(nis2_ctx_member_state_code(ctx, i), json_object_get(m, "code"), "code");
        eqs(nis2_ctx_member_state_name(ctx, i), json_object_get(m, "name"), "name");
        const json_t *t = json_object_get(m, "transposition");
        eqs(nis2_ctx_member_state_transposition_law(ctx, i), json_object_get(t, "law"), "law");
        eqs(nis2_ctx_member_state_in_force(ctx, i), json_object_get(t, "in_force"), "in_force");
        ck_assert_int_eq(nis2_ctx_member_state_encoded(ctx, i), json_is_true(json_object_get(t, "encoded")));
        encoded += (size_t)nis2_ctx_member_state_encoded(ctx, i);
        /* every code is a country the entity accepts */
        nis2_entity *e;
        ck_assert_int_eq(nis2_entity_new(ctx, &e, NULL), NIS2_OK);
        ck_assert_int_eq(nis2_entity_set_country(e, nis2_ctx_member_state_code(ctx, i), NULL), NIS2_OK);
        nis2_entity_free(e);
    }
    ck_assert_uint_ge(encoded, 1);
    ck_assert_ptr_null(nis2_ctx_member_state_code(ctx, 27));
    ck_assert_int_eq(nis2_ctx_member_state_encoded(ctx, 27), 0);
    ck_assert_uint_eq(nis2_ctx_member_state_count(NULL), 0);
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    char *text = NULL;
    if (nis2_ctx_catalog_json(ctx, NULL, 0, &text, NULL) != NIS2_OK)
        return EXIT_FAILURE;
    cat = json_loads(text, 0, NULL);
    nis2_string_free(text);
    Suite *s = suite_create("the catalog from C");
    TCase *tc = tcase_create("catalog");
    tcase_add_test(tc, entity_types);
    tcase_add_test(tc, flags);
    tcase_add_test(tc, laws_and_categories);
    tcase_add_test(tc, member_states);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    json_decref(cat);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
