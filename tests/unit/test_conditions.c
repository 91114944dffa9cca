/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Conditions settled by the facts (i14): a duty whose condition the entity's facts settle as false is not listed;
 * one they settle as true says so (condition_settled); one they leave open stays listed and names the fact that
 * would settle it (condition_fact). The catalog's `settled_by` says which fact that is. One test per conditional
 * duty of the Directive, the generic mechanism (flags, applies_if), catalog errors, and every classification vector:
 * no listed duty has a condition its input settles as false.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors.h"

static nis2_ctx *ctx;

static json_t *obligations(nis2_ctx *c, const char *entity)
{
    nis2_error *err = nis2_error_new();
    char *out = NULL;
    ck_assert_msg(nis2_obligations_json(c, entity, strlen(entity), 0, &out, err) == NIS2_OK, "%s: %s", entity,
                  nis2_error_message(err));
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(v);
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

static const json_t *item(const json_t *list, const char *id)
{
    size_t i;
    const json_t *o;
    json_array_foreach(json_object_get(list, "obligations"), i, o)
        if (strcmp(json_string_value(json_object_get(o, "id")), id) == 0)
            return o;
    return NULL;
}

/* Art. 26(3)-(4): the EU representative binds only entities not established in the Union; `country` is the Member
 * State of establishment, so it settles the condition as false for every entity, in every Member State. */
START_TEST(eu_representative_settled_by_country)
{
    static const char *const types[] = {"digital_infrastructure.dns_provider", "digital_infrastructure.tld_registry",
                                        "digital_infrastructure.cloud_provider", "digital_infrastructure.cdn_provider",
                                        "digital_providers.search_engine"};
    char *cat = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, NULL, 0, &cat, NULL), NIS2_OK);
    json_t *c = json_loads(cat, 0, NULL);
    nis2_string_free(cat);
    size_t i;
    const json_t *ms;
    size_t checked = 0;
    json_array_foreach(json_object_get(c, "member_states"), i, ms) {
        for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
            char doc[256];
            snprintf(doc, sizeof doc, "{\"country\":\"%s\",\"activities\":[\"%s\"],\"employees\":300}",
                     json_string_value(json_object_get(ms, "code")), types[t]);
            json_t *v = obligations(ctx, doc);
            if (json_array_size(json_object_get(v, "obligations")) > 0) {
                ck_assert_msg(item(v, "nis2.art26.designate_eu_representative") == NULL, "%s", doc);
                checked++;
            }
            json_decref(v);
        }
    }
    json_decref(c);
    ck_assert_uint_ge(checked, 5);
}
END_TEST

/* The same duty without `settled_by` (a catalog laid over the embedded one) is listed again: the catalog data, not
 * code, settles it. */
START_TEST(settled_by_is_what_settles)
{
    char *part = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, "obligations", 0, &part, NULL), NIS2_OK);
    json_t *p = json_loads(part, 0, NULL);
    nis2_string_free(part);
    json_t *obs = json_object_get(p, "obligations"), *keep = json_array();
    size_t i;
    json_t *o;
    json_array_foreach(obs, i, o)
        if (strcmp(json_string_value(json_object_get(o, "id")), "nis2.art26.designate_eu_representative") == 0) {
            json_t *copy = json_deep_copy(o);
            json_object_del(copy, "settled_by");
            json_array_append_new(keep, copy);
        }
    ck_assert_uint_eq(json_array_size(keep), 1);
    json_t *over = json_pack("{s:s,s:s,s:o}", "name", "test-conditions", "version", "1", "obligations", keep);
    char *text = json_dumps(over, 0);
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, text, strlen(text), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    json_t *v = obligations(c2, "{\"country\":\"FR\",\"activities\":[\"digital_infrastructure.dns_provider\"]}");
    const json_t *x = item(v, "nis2.art26.designate_eu_representative");
    ck_assert_ptr_nonnull(x);
    ck_assert_ptr_null(json_object_get(x, "condition_fact"));
    json_decref(v);
    nis2_ctx_free(c2);
    free(text);
    json_decref(over);
    json_decref(p);
    nis2_error_free(err);
}
END_TEST

/* Conditions no input fact settles stay listed and name the fact. */
typedef struct open_row {
    const char *id, *fact, *nature;
} open_row;
static const open_row open_rows[] = {
    {"nis2.art29.notify_participation", "takes_part_in_information_sharing", "conditional"},
    {"nis2.art24.delegated_certification", "covered_by_art24_2_delegated_act", "conditional"},
    {"nis2.art23.progress_report", "impact_ended_at", "mandatory"},
};

START_TEST(open_conditions_name_their_fact)
{
    const open_row *r = &open_rows[_i];
    static const char *const ents[] = {
        "{\"country\":\"FR\",\"activities\":[\"energy.electricity.dso\"],\"employees\":300}",      /* essential */
        "{\"country\":\"IT\",\"activities\":[\"manufacturing.machinery\"],\"employees\":60}",      /* important */
        "{\"country\":\"PT\",\"activities\":[\"health.healthcare_provider\"],\"employees\":300}",  /* national list */
    };
    for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++) {
        json_t *v = obligations(ctx, ents[k]);
        const json_t *x = item(v, r->id);
        if (k < 2 || x) {
            ck_assert_msg(x != NULL, "%s not listed for %s", r->id, ents[k]);
            ck_assert_str_eq(json_string_value(json_object_get(x, "condition_fact")), r->fact);
            ck_assert_str_eq(json_string_value(json_object_get(x, "nature")), r->nature);
            ck_assert_ptr_null(json_object_get(x, "condition_settled"));
        }
        json_decref(v);
    }
}
END_TEST

/* The mechanism on flags, both ways (a test duty laid over the catalog). */
START_TEST(flags_settle_both_ways)
{
    const char *over = "{\"name\":\"test-conditions\",\"version\":\"1\",\"obligations\":[{\"id\":\"nis2.test.cer_only\",\"ref\":\"NIS2 Art. 0\",\"title\":\"t\","
                       "\"group\":\"governance\",\"nature\":\"conditional\",\"applies_to\":{\"categories\":"
                       "[\"essential\",\"important\"],\"roles\":[]},\"condition\":\"only for CER entities\","
                       "\"settled_by\":{\"fact\":\"flags.cer_critical_entity\"}},"
                       "{\"id\":\"nis2.test.not_dora\",\"ref\":\"NIS2 Art. 0\",\"title\":\"t\",\"group\":\"governance\","
                       "\"nature\":\"conditional\",\"applies_to\":{\"categories\":[\"essential\",\"important\"],"
                       "\"roles\":[]},\"condition\":\"not for DORA\",\"settled_by\":{\"fact\":"
                       "\"flags.dora_financial_entity\",\"applies_if\":false}}]}";
    nis2_ctx *c2 = NULL;
    nis2_error *err = nis2_error_new();
    ck_assert_msg(nis2_ctx_new_from_json(&c2, over, strlen(over), NIS2_CATALOG_EXTEND, err) == NIS2_OK, "%s",
                  nis2_error_message(err));
    json_t *v = obligations(c2, "{\"country\":\"FR\",\"activities\":[\"energy.electricity.dso\"],\"employees\":300}");
    ck_assert_ptr_null(item(v, "nis2.test.cer_only"));                 /* flag false: settled false */
    const json_t *x = item(v, "nis2.test.not_dora");                    /* flag false, applies_if false: holds */
    ck_assert_ptr_nonnull(x);
    ck_assert(json_is_true(json_object_get(x, "condition_settled")));
    ck_assert_ptr_null(json_object_get(x, "condition_fact"));
    json_decref(v);
    v = obligations(c2, "{\"country\":\"FR\",\"activities\":[\"energy.electricity.dso\"],\"employees\":300,"
                        "\"flags\":{\"cer_critical_entity\":true,\"dora_financial_entity\":true}}");
    ck_assert(json_is_true(json_object_get(item(v, "nis2.test.cer_only"), "condition_settled")));
    ck_assert_ptr_null(item(v, "nis2.test.not_dora"));
    json_decref(v);
    nis2_ctx_free(c2);

    /* catalog errors name the entry */
    static const char *const bad[] = {
        "{\"obligations\":[{\"id\":\"nis2.test.x\",\"ref\":\"r\",\"title\":\"t\",\"group\":\"g\",\"nature\":\"conditional\","
        "\"applies_to\":{\"categories\":[\"essential\"],\"roles\":[]},\"settled_by\":{\"fact\":\"flags.no_such_flag\"}}]}",
        "{\"obligations\":[{\"id\":\"nis2.test.x\",\"ref\":\"r\",\"title\":\"t\",\"group\":\"g\",\"nature\":\"conditional\","
        "\"applies_to\":{\"categories\":[\"essential\"],\"roles\":[]},\"settled_by\":\"flags.sole_provider\"}]}",
        "{\"obligations\":[{\"id\":\"nis2.test.x\",\"ref\":\"r\",\"title\":\"t\",\"group\":\"g\",\"nature\":\"conditional\","
        "\"applies_to\":{\"categories\":[\"essential\"],\"roles\":[]},\"settled_by\":{\"fact\":\"national.PT\"}}]}",
        "{\"obligations\":[{\"id\":\"nis2.test.x\",\"ref\":\"r\",\"title\":\"t\",\"group\":\"g\",\"nature\":\"conditional\","
        "\"applies_to\":{\"categories\":[\"essential\"],\"roles\":[]},\"settled_by\":{\"fact\":\"x\",\"applies_if\":1}}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nis2_ctx *c3 = NULL;
        ck_assert_int_eq(nis2_ctx_new_from_json(&c3, bad[i], strlen(bad[i]), NIS2_CATALOG_EXTEND, err), NIS2_ERR_CATALOG);
        ck_assert_msg(strstr(nis2_error_message(err), "settled_by") != NULL, "%s", nis2_error_message(err));
        ck_assert_msg(strstr(nis2_error_path(err), "$.obligations[") == nis2_error_path(err), "%s", nis2_error_path(err));
    }
    nis2_error_free(err);
}
END_TEST

/* Every classification vector: no listed duty has a condition the input settles as false, and every listed duty
 * with a settled_by either names its open fact or says it is settled. */
static int settles(const json_t *entity, const json_t *sb)
{
    const char *f = json_string_value(json_object_get(sb, "fact"));
    const json_t *ai = json_object_get(sb, "applies_if");
    bool want = ai ? json_is_true(ai) : true;
    int value = -1;
    if (strcmp(f, "established_in_union") == 0)
        value = json_is_string(json_object_get(entity, "country"));
    else if (strncmp(f, "flags.", 6) == 0) {
        const json_t *fl = json_object_get(json_object_get(entity, "flags"), f + 6);
        value = json_is_boolean(fl) ? json_is_true(fl) : strcmp(f + 6, "provides_services_in_union") == 0;
    } else if (strncmp(f, "national.", 9) == 0) {
        char cc[3] = {f[9], f[10], 0};
        const json_t *v = json_object_get(json_object_get(json_object_get(entity, "national"), cc), f + 12);
        if (json_is_boolean(v))
            value = json_is_true(v);
    }
    return value < 0 ? -1 : (value == 1) == want;
}

START_TEST(no_listed_duty_is_settled_false_in_any_vector)
{
    static const char *const files[] = {"classification.json", "classification_pt.json", "classification_de.json"};
    char *part = NULL;
    ck_assert_int_eq(nis2_ctx_catalog_json(ctx, NULL, 0, &part, NULL), NIS2_OK);
    json_t *cat = json_loads(part, 0, NULL);
    nis2_string_free(part);
    json_t *sb_of = json_object();                       /* duty id -> settled_by */
    size_t i, j;
    json_t *o, *ov;
    json_array_foreach(json_object_get(cat, "obligations"), i, o)
        if (json_object_get(o, "settled_by"))
            json_object_set(sb_of, json_string_value(json_object_get(o, "id")), json_object_get(o, "settled_by"));
    json_array_foreach(json_object_get(cat, "overlays"), i, ov)
        json_array_foreach(json_object_get(ov, "obligations"), j, o)
            if (json_object_get(o, "settled_by"))
                json_object_set(sb_of, json_string_value(json_object_get(o, "id")), json_object_get(o, "settled_by"));
    ck_assert_uint_ge(json_object_size(sb_of), 4);
    size_t entities = 0, with_conditions = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        json_t *vec = vectors_load(files[f]);
        const json_t *c;
        json_array_foreach(json_object_get(vec, "cases"), i, c) {
            const json_t *ent = json_object_get(c, "entity");
            char *text = json_dumps(ent, 0);
            char *out = NULL;
            if (nis2_obligations_json(ctx, text, strlen(text), 0, &out, NULL) != NIS2_OK) {
                free(text);
                continue;                                /* a vector of invalid input */
            }
            json_t *v = json_loads(out, 0, NULL);
            nis2_string_free(out);
            entities++;
            const json_t *x;
            json_array_foreach(json_object_get(v, "obligations"), j, x) {
                const json_t *sb = json_object_get(sb_of, json_string_value(json_object_get(x, "id")));
                if (!sb)
                    continue;
                with_conditions++;
                int s = settles(ent, sb);
                ck_assert_msg(s != 0, "%s case %s: %s is listed although its input settles the condition as false",
                              files[f], json_string_value(json_object_get(c, "id")),
                              json_string_value(json_object_get(x, "id")));
                if (s < 0)
                    ck_assert_str_eq(json_string_value(json_object_get(x, "condition_fact")),
                                     json_string_value(json_object_get(sb, "fact")));
                else
                    ck_assert(json_is_true(json_object_get(x, "condition_settled")));
                /* a national duty attached to the item whose own condition is settled false is not attached */
            }
            json_decref(v);
            free(text);
        }
        json_decref(vec);
    }
    ck_assert_uint_ge(entities, 100);
    ck_assert_uint_ge(with_conditions, 100);
    json_decref(sb_of);
    json_decref(cat);
}
END_TEST

/* ---------------------------------------------------------------- i14: the typed obligations getters */

static void eqs(const char *got, const json_t *want, const char *what, const char *id)
{
    if (!json_is_string(want)) {
        ck_assert_msg(got == NULL, "%s %s: got '%s', want null", id, what, got ? got : "");
        return;
    }
    ck_assert_msg(got && strcmp(got, json_string_value(want)) == 0, "%s %s: got '%s', want '%s'", id, what,
                  got ? got : "(null)", json_string_value(want));
}

static void compare_national(const nis2_obligations *l, size_t i, size_t j, const json_t *n, const char *id)
{
    eqs(nis2_obligations_national_id(l, i, j), json_object_get(n, "id"), "national.id", id);
    eqs(nis2_obligations_national_ref(l, i, j), json_object_get(n, "ref"), "national.ref", id);
    eqs(nis2_obligations_national_title(l, i, j), json_object_get(n, "title"), "national.title", id);
    eqs(nis2_obligations_national_deadline(l, i, j), json_object_get(json_object_get(n, "deadline"), "text"),
        "national.deadline", id);
    eqs(nis2_obligations_national_effective_from(l, i, j), json_object_get(n, "effective_from"), "national.eff", id);
    eqs(nis2_obligations_national_condition(l, i, j), json_object_get(n, "condition"), "national.condition", id);
    const json_t *ev = json_object_get(n, "evidence");
    ck_assert_uint_eq(nis2_obligations_national_evidence_count(l, i, j), json_array_size(ev));
    for (size_t k = 0; k < json_array_size(ev); k++)
        eqs(nis2_obligations_national_evidence_at(l, i, j, k), json_array_get(ev, k), "national.evidence", id);
}

START_TEST(typed_obligations_say_what_the_json_says)
{
    static const char *const files[] = {"classification.json", "classification_pt.json", "classification_de.json"};
    static const char *const units[] = {NULL, "hours", "days", "working_days", "weeks", "months", "years"};
    size_t lists = 0, items = 0, groups_a = 0, groups_b = 0, with_fine = 0, national = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        json_t *vec = vectors_load(files[f]);
        size_t ci;
        const json_t *c;
        json_array_foreach(json_object_get(vec, "cases"), ci, c) {
            char *text = json_dumps(json_object_get(c, "entity"), 0);
            nis2_entity *e = NULL;
            char *out = NULL;
            if (nis2_entity_from_json(ctx, text, strlen(text), &e, NULL) != NIS2_OK) {
                free(text);
                continue;
            }
            nis2_obligations *l = NULL;
            ck_assert_int_eq(nis2_obligations_select(ctx, e, NULL, &l, NULL), NIS2_OK);
            ck_assert_int_eq(nis2_obligations_to_json(l, 0, &out, NULL), NIS2_OK);
            json_t *v = json_loads(out, 0, NULL);
            lists++;
            eqs(nis2_obligations_name(l), json_object_get(v, "name"), "name", "list");
            eqs(nis2_obligations_country(l), json_object_get(v, "country"), "country", "list");
            const char *cat = json_string_value(json_object_get(v, "category"));
            uint32_t code = nis2_obligations_category_code(l);
            if (strcmp(cat, "relevant_public_entity_group_a") == 0) {
                ck_assert_uint_eq(code, NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_A);
                groups_a++;
            } else if (strcmp(cat, "relevant_public_entity_group_b") == 0) {
                ck_assert_uint_eq(code, NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_B);
                groups_b++;
            } else if (strcmp(cat, "essential") == 0) {
                ck_assert_uint_eq(code, NIS2_CATEGORY_ESSENTIAL);
            }
            const json_t *sup = json_object_get(v, "supervision");
            eqs(nis2_obligations_supervision(l), sup, "supervision", "list");
            ck_assert_uint_eq(nis2_obligations_supervision_id(l),
                              !json_is_string(sup) ? NIS2_SUPERVISION_NONE
                              : strcmp(json_string_value(sup), "ex_post") == 0 ? NIS2_SUPERVISION_EX_POST
                                                                               : NIS2_SUPERVISION_EX_ANTE_AND_EX_POST);
            eqs(nis2_obligations_supervision_ref(l), json_object_get(v, "supervision_ref"), "supervision_ref", "list");
            eqs(nis2_obligations_regime_displaced_by(l), json_object_get(v, "displaced_by"), "displaced_by", "list");
            const json_t *mf = json_object_get(v, "max_fine");
            ck_assert_int_eq(nis2_obligations_has_max_fine(l), json_is_object(mf));
            double d = -7;
            if (json_is_object(mf)) {
                with_fine++;
                const json_t *fx = json_object_get(mf, "fixed_eur"), *sh = json_object_get(mf, "turnover_share");
                ck_assert_int_eq(nis2_obligations_max_fine_fixed(l, &d), json_is_number(fx));
                if (json_is_number(fx))
                    ck_assert(d == json_number_value(fx));
                ck_assert_int_eq(nis2_obligations_max_fine_share(l, &d), json_is_number(sh));
                if (json_is_number(sh))
                    ck_assert(d == json_number_value(sh));
                eqs(nis2_obligations_max_fine_ref(l), json_object_get(mf, "ref"), "fine ref", "list");
                eqs(nis2_obligations_max_fine_offence_class(l), json_object_get(mf, "offence_class"), "class", "list");
                eqs(nis2_obligations_max_fine_turnover_basis(l), json_object_get(mf, "turnover_basis"), "basis", "list");
                ck_assert_ptr_null(nis2_obligations_max_fine_none_text(l));
            } else {
                ck_assert_int_eq(nis2_obligations_max_fine_fixed(l, &d), 0);
                ck_assert_int_eq(nis2_obligations_max_fine_share(l, &d), 0);
                const json_t *why = json_object_get(v, "max_fine_none");
                eqs(nis2_obligations_max_fine_none_ref(l), json_object_get(why, "ref"), "none ref", "list");
                eqs(nis2_obligations_max_fine_none_text(l), json_object_get(why, "text"), "none text", "list");
            }
            const json_t *arr = json_object_get(v, "obligations");
            ck_assert_uint_eq(nis2_obligations_count(l), json_array_size(arr));
            size_t i;
            const json_t *x;
            json_array_foreach(arr, i, x) {
                const char *id = json_string_value(json_object_get(x, "id"));
                items++;
                eqs(nis2_obligations_id(l, i), json_object_get(x, "id"), "id", id);
                eqs(nis2_obligations_group(l, i), json_object_get(x, "group"), "group", id);
                eqs(nis2_obligations_nature(l, i), json_object_get(x, "nature"), "nature", id);
                ck_assert_msg(nis2_obligations_group_id(l, i) != NIS2_GROUP_OTHER, "%s: group id", id);
                ck_assert_msg(nis2_obligations_nature_id(l, i) != NIS2_NATURE_OTHER, "%s: nature id", id);
                if (strcmp(json_string_value(json_object_get(x, "nature")), "conditional") == 0)
                    ck_assert_uint_eq(nis2_obligations_nature_id(l, i), NIS2_NATURE_CONDITIONAL);
                eqs(nis2_obligations_condition(l, i), json_object_get(x, "condition"), "condition", id);
                eqs(nis2_obligations_condition_fact(l, i), json_object_get(x, "condition_fact"), "condition_fact", id);
                ck_assert_int_eq(nis2_obligations_condition_settled(l, i),
                                 json_is_true(json_object_get(x, "condition_settled")));
                const json_t *dl = json_object_get(x, "deadline");
                eqs(nis2_obligations_deadline_text(l, i), json_object_get(dl, "text"), "deadline.text", id);
                eqs(nis2_obligations_deadline_from(l, i), json_object_get(dl, "from"), "deadline.from", id);
                uint32_t unit = 0;
                double amount = 0;
                if (nis2_obligations_deadline_period(l, i, &unit, &amount)) {
                    ck_assert(unit >= NIS2_UNIT_HOURS && unit <= NIS2_UNIT_YEARS);
                    ck_assert(json_number_value(json_object_get(dl, units[unit])) == amount);
                } else {
                    for (size_t u = 1; u < 7; u++)
                        ck_assert_ptr_null(json_object_get(dl, units[u]));
                }
                const json_t *ev = json_object_get(x, "evidence");
                ck_assert_uint_eq(nis2_obligations_evidence_count(l, i), json_array_size(ev));
                for (size_t k = 0; k < json_array_size(ev); k++)
                    eqs(nis2_obligations_evidence_at(l, i, k), json_array_get(ev, k), "evidence", id);
                ck_assert_ptr_null(nis2_obligations_evidence_at(l, i, json_array_size(ev)));
                const json_t *nat = json_object_get(x, "national"), *also = json_object_get(x, "national_also");
                ck_assert_uint_eq(nis2_obligations_national_count(l, i),
                                  (json_is_object(nat) ? 1 : 0) + json_array_size(also));
                if (json_is_object(nat)) {
                    national++;
                    compare_national(l, i, 0, nat, id);
                }
                for (size_t j = 0; j < json_array_size(also); j++)
                    compare_national(l, i, j + 1, json_array_get(also, j), id);
                ck_assert_ptr_null(nis2_obligations_national_title(l, i, nis2_obligations_national_count(l, i)));
            }
            ck_assert_ptr_null(nis2_obligations_nature(l, i));
            ck_assert_uint_eq(nis2_obligations_nature_id(l, i), NIS2_NATURE_OTHER);
            json_decref(v);
            nis2_string_free(out);
            nis2_obligations_free(l);
            nis2_entity_free(e);
            free(text);
        }
        json_decref(vec);
    }
    ck_assert_uint_ge(lists, 100);
    ck_assert_uint_ge(items, 1000);
    ck_assert_uint_ge(groups_a, 1);
    ck_assert_uint_ge(groups_b, 1);
    ck_assert_uint_ge(with_fine, 10);
    ck_assert_uint_ge(national, 10);
    /* NULL lists are harmless */
    ck_assert_ptr_null(nis2_obligations_name(NULL));
    ck_assert_uint_eq(nis2_obligations_supervision_id(NULL), NIS2_SUPERVISION_NONE);
    ck_assert_int_eq(nis2_obligations_has_max_fine(NULL), 0);
    ck_assert_uint_eq(nis2_obligations_evidence_count(NULL, 0), 0);
}
END_TEST

/* nis2_result_category_code: distinct ids for the Portuguese relevant public entity groups, while the released
 * nis2_result_category_id keeps NIS2_CATEGORY_NATIONAL. */
START_TEST(category_codes_distinguish_national_groups)
{
    static const char *const files[] = {"classification_pt.json"};
    size_t seen = 0;
    json_t *vec = vectors_load(files[0]);
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(vec, "cases"), i, c) {
        char *text = json_dumps(json_object_get(c, "entity"), 0);
        nis2_entity *e = NULL;
        nis2_result *r = NULL;
        if (nis2_entity_from_json(ctx, text, strlen(text), &e, NULL) == NIS2_OK &&
            nis2_classify(ctx, e, &r, NULL) == NIS2_OK) {
            const char *cat = nis2_result_category(r, NIS2_VERDICT_APPLICABLE);
            uint32_t code = nis2_result_category_code(r, NIS2_VERDICT_APPLICABLE);
            if (strcmp(cat, "relevant_public_entity_group_a") == 0 || strcmp(cat, "relevant_public_entity_group_b") == 0) {
                seen++;
                ck_assert_uint_eq(nis2_result_category_id(r, NIS2_VERDICT_APPLICABLE), NIS2_CATEGORY_NATIONAL);
                ck_assert_uint_eq(code, cat[strlen(cat) - 1] == 'a' ? NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_A
                                                                    : NIS2_CATEGORY_RELEVANT_PUBLIC_ENTITY_GROUP_B);
            } else {
                ck_assert_uint_eq(code, nis2_result_category_id(r, NIS2_VERDICT_APPLICABLE));
            }
            ck_assert_uint_eq(nis2_result_category_code(r, NIS2_VERDICT_DIRECTIVE),
                              nis2_result_category_id(r, NIS2_VERDICT_DIRECTIVE));
        }
        nis2_result_free(r);
        nis2_entity_free(e);
        free(text);
    }
    json_decref(vec);
    ck_assert_uint_ge(seen, 2);
    ck_assert_uint_eq(nis2_result_category_code(NULL, 0), NIS2_CATEGORY_UNDETERMINED);
}
END_TEST

int main(void)
{
    ctx = test_ctx();
    Suite *s = suite_create("conditions settled by the facts");
    TCase *tc = tcase_create("conditions");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, eu_representative_settled_by_country);
    tcase_add_test(tc, settled_by_is_what_settles);
    tcase_add_loop_test(tc, open_conditions_name_their_fact, 0, (int)(sizeof open_rows / sizeof open_rows[0]));
    tcase_add_test(tc, flags_settle_both_ways);
    tcase_add_test(tc, no_listed_duty_is_settled_false_in_any_vector);
    tcase_add_test(tc, typed_obligations_say_what_the_json_says);
    tcase_add_test(tc, category_codes_distinguish_national_groups);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
