/* SPDX-License-Identifier: Apache-2.0 */
#include "vectors.h"

#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *vectors_load(const char *file)
{
    const char *dir = getenv("NIS2_VECTORS");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/vectors", file);
    json_error_t jerr;
    json_t *v = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!v) {
        fprintf(stderr, "cannot load %s: %s\n", path, jerr.text);
        abort();
    }
    return v;
}

nis2_ctx *test_ctx(void)
{
    nis2_ctx *ctx = NULL;
    nis2_error *err = nis2_error_new();
    if (nis2_ctx_new(&ctx, err) != NIS2_OK) {
        fprintf(stderr, "cannot create context: %s\n", nis2_error_message(err));
        abort();
    }
    nis2_error_free(err);
    return ctx;
}

json_t *classify_value(nis2_ctx *ctx, json_t *entity, char **errmsg)
{
    char *in = json_dumps(entity, JSON_COMPACT);
    char *out = NULL;
    nis2_error *err = nis2_error_new();
    nis2_status st = nis2_classify_json(ctx, in, strlen(in), 0, &out, err);
    free(in);
    json_t *v = NULL;
    if (st == NIS2_OK) {
        v = json_loads(out, 0, NULL);
    } else if (errmsg) {
        size_t n = strlen(nis2_error_message(err)) + 64;
        *errmsg = malloc(n);
        snprintf(*errmsg, n, "%s: %s", nis2_status_name(st), nis2_error_message(err));
    }
    nis2_string_free(out);
    nis2_error_free(err);
    return v;
}

static int str_eq_json(const json_t *a, const json_t *b)
{
    return json_equal((json_t *)a, (json_t *)b);
}

static char *mismatch(const char *id, const char *what, const json_t *want, const json_t *got)
{
    char *w = want ? json_dumps(want, JSON_ENCODE_ANY | JSON_COMPACT) : strdup("(absent)");
    char *g = got ? json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT) : strdup("(absent)");
    size_t n = strlen(id) + strlen(what) + strlen(w) + strlen(g) + 64;
    char *s = malloc(n);
    snprintf(s, n, "case %s: %s expected %s, got %s", id, what, w, g);
    free(w);
    free(g);
    return s;
}

static char *check_block(const char *id, const char *prefix, const json_t *expect, const json_t *got)
{
    const char *key;
    json_t *want;
    json_object_foreach((json_t *)expect, key, want) {
        char what[128];
        snprintf(what, sizeof what, "%s%s", prefix, key);
        if (strcmp(key, "grounds_include") == 0) {   /* a subset of the applicable verdict's grounds */
            const json_t *have = json_object_get(got, "grounds");
            size_t i;
            const json_t *w;
            json_array_foreach(want, i, w) {
                bool found = false;
                size_t j;
                const json_t *h;
                json_array_foreach(have, j, h) found |= str_eq_json(w, h) != 0;
                if (!found)
                    return mismatch(id, "grounds (to include)", w, have);
            }
            continue;
        }
        const json_t *g = json_object_get(got, key);
        if (json_is_object(want) && json_is_object(g)) {
            char *m = check_block(id, what, want, g);
            if (m)
                return m;
            continue;
        }
        if (strcmp(key, "authority") == 0 && json_is_string(want) && json_is_string(g) &&
            strstr(json_string_value(g), json_string_value(want)))
            continue;            /* "CNCS" matches "CNCS (Centro Nacional de Cibersegurança)" */
        if (!g || !str_eq_json(want, g))
            return mismatch(id, what, want, g);
    }
    return NULL;
}

char *vectors_check_case(nis2_ctx *ctx, const json_t *c)
{
    const char *id = json_string_value(json_object_get(c, "id"));
    char *errmsg = NULL;
    json_t *res = classify_value(ctx, json_object_get(c, "entity"), &errmsg);
    if (!res) {
        size_t n = strlen(id) + (errmsg ? strlen(errmsg) : 0) + 64;
        char *s = malloc(n);
        snprintf(s, n, "case %s: classification failed: %s", id, errmsg ? errmsg : "?");
        free(errmsg);
        return s;
    }
    const json_t *expect = json_object_get(c, "expect");
    json_t *flat = json_deep_copy(res);
    /* Expectations may name national fields at top level (authority) or the directive block. */
    const json_t *nat = json_object_get(res, "national");
    if (json_is_false(json_object_get(nat, "encoded")))
        nat = NULL;              /* a country whose law is not encoded: no national verdict */
    if (json_is_object(nat) && json_object_get(nat, "authority"))
        json_object_set(flat, "authority", json_object_get(nat, "authority"));
    const json_t *app = json_is_object(nat) ? nat : json_object_get(res, "directive");
    json_object_set(flat, "grounds", json_object_get(app, "grounds"));
    char *m = check_block(id, "", expect, flat);
    json_decref(flat);
    json_decref(res);
    return m;
}
