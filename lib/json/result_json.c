/* SPDX-License-Identifier: Apache-2.0 */
/* JSON edge for the classification result (lib/schema/FORMATS.md §classification). */
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "model/names.h"
#include "model/result.h"
#include "util/utf8.h"
#include "jw.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *grounds_value(const nis2i_verdict *v)
{
    json_t *a = json_array();
    for (size_t i = 0; i < v->n_grounds; i++)
        json_array_append_new(a, json_string(v->grounds[i]));
    return a;
}

json_t *nis2i_result_to_value(const nis2_result *r)
{
    const nis2i_verdict *app = r->has_nat ? &r->nat : &r->dir;
    json_t *o = json_object();
    json_object_set_new(o, "schema", json_integer(1));
    json_object_set_new(o, "name", str_or_null(r->name));
    json_object_set_new(o, "country", json_string(r->country));
    json_object_set_new(o, "category", json_string(app->category));
    json_object_set_new(o, "decided_by", str_or_null(app->decided_by));
    json_object_set_new(o, "law", json_string(r->law));
    json_object_set_new(o, "size_class", str_or_null(nis2i_size_name(r->size.cls)));

    json_t *d = json_object();
    json_object_set_new(d, "category", json_string(r->dir.category));
    json_object_set_new(d, "decided_by", str_or_null(r->dir.decided_by));
    json_object_set_new(d, "grounds", grounds_value(&r->dir));
    json_object_set_new(o, "directive", d);

    if (r->has_nat) {
        json_t *n = json_object();
        json_object_set_new(n, "country", json_string(r->country));
        json_object_set_new(n, "category", json_string(r->nat.category));
        json_object_set_new(n, "decided_by", str_or_null(r->nat.decided_by));
        json_object_set_new(n, "grounds", grounds_value(&r->nat));
        json_object_set_new(n, "authority", str_or_null(r->authority));
        json_object_set_new(o, "national", n);
    } else if (r->nat_not_encoded) {
        json_t *n = json_object();
        json_object_set_new(n, "country", json_string(r->country));
        json_object_set_new(n, "encoded", json_false());
        json_object_set_new(n, "law", str_or_null(r->nat_law));
        json_object_set_new(n, "in_force", str_or_null(r->nat_in_force));
        json_object_set_new(n, "reason", json_string(r->nat_reason));
        json_object_set_new(o, "national", n);
    } else {
        json_object_set_new(o, "national", json_null());
    }

    json_t *m = json_array();
    for (size_t i = 0; i < r->n_missing; i++)
        json_array_append_new(m, json_string(r->missing[i]));
    json_object_set_new(o, "missing", m);

    json_t *rs = json_array();
    for (size_t i = 0; i < r->n_reasons; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "ref", json_string(r->reasons[i].ref));
        json_object_set_new(x, "text", json_string(r->text.data + r->reasons[i].text_off));
        json_array_append_new(rs, x);
    }
    json_object_set_new(o, "reasons", rs);
    json_object_set_new(o, "library_version", json_string(NIS2_VERSION_STRING));
    json_object_set_new(o, "catalog_version", json_string(r->ctx->catalog_version));
    if (nis2i_ctx_put_extensions(o, r->ctx) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- compact output without building a json_t tree ----
 *
 * nis2i_result_to_value() + json_dumps() is the reference. This writer gives the same bytes for compact output
 * (JSON_COMPACT | JSON_PRESERVE_ORDER) at a fraction of the cost: it is most of the time of `classify --ndjson`.
 * It follows jansson's rules: a NULL string makes json_string() fail, so the key (or array element) is left out;
 * '"', '\\' and control characters are escaped ("\\n", "\\u001F"); other bytes are written as they are; invalid
 * UTF-8 makes the writer give up (jansson would not write it either), and the caller then takes the reference
 * path. KEEP IN STEP with nis2i_result_to_value(): test-result-json (tests/unit) compares the two on every
 * vector. */

typedef nis2i_jw jw;
#define jw_put nis2i_jw_put

static void jw_str(jw *w, const char *str)
{
    nis2i_jw_str(w, str, strlen(str));
}

/* Keys are ASCII literals of this file, written as they are. */
static void jw_key(jw *w, bool *first, const char *key)
{
    if (!*first)
        jw_put(w, ",", 1);
    *first = false;
    jw_put(w, "\"", 1);
    jw_put(w, key, strlen(key));          /* keys are ASCII literals */
    jw_put(w, "\":", 2);
}

static void jw_kstr(jw *w, bool *first, const char *key, const char *v)
{
    if (!v)
        return;
    jw_key(w, first, key);
    jw_str(w, v);
}

/* "key":"value" or "key":null (str_or_null). */
static void jw_kstr_or_null(jw *w, bool *first, const char *key, const char *v)
{
    jw_key(w, first, key);
    if (v)
        jw_str(w, v);
    else
        jw_put(w, "null", 4);
}

static void jw_str_array(jw *w, const char *const *v, size_t n)
{
    jw_put(w, "[", 1);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (!v[i])
            continue;
        if (!first)
            jw_put(w, ",", 1);
        first = false;
        jw_str(w, v[i]);
    }
    jw_put(w, "]", 1);
}

static void jw_verdict(jw *w, const nis2_result *r, const nis2i_verdict *v, bool national)
{
    bool first = true;
    jw_put(w, "{", 1);
    if (national)
        jw_kstr(w, &first, "country", r->country);
    jw_kstr(w, &first, "category", v->category);
    jw_kstr_or_null(w, &first, "decided_by", v->decided_by);
    jw_key(w, &first, "grounds");
    jw_str_array(w, v->grounds, v->n_grounds);
    if (national)
        jw_kstr_or_null(w, &first, "authority", r->authority);
    jw_put(w, "}", 1);
}

/* The compact JSON text of r (lib/schema/FORMATS.md §classification) into an owned string, or NULL (out of memory,
 * or invalid UTF-8). */
static char *result_compact(const nis2_result *r)
{
    const nis2i_verdict *app = r->has_nat ? &r->nat : &r->dir;
    nis2i_buf buf = {NULL, 0, 0, false};
    jw w = {&buf, false};
    if ((buf.data = malloc(2048)) == NULL)
        return NULL;
    buf.cap = 2048;
    bool first = true;
    jw_put(&w, "{\"schema\":1", 11);
    first = false;
    jw_kstr_or_null(&w, &first, "name", r->name);
    jw_kstr(&w, &first, "country", r->country);
    jw_kstr(&w, &first, "category", app->category);
    jw_kstr_or_null(&w, &first, "decided_by", app->decided_by);
    jw_kstr(&w, &first, "law", r->law);
    jw_kstr_or_null(&w, &first, "size_class", nis2i_size_name(r->size.cls));
    jw_key(&w, &first, "directive");
    jw_verdict(&w, r, &r->dir, false);
    jw_key(&w, &first, "national");
    if (r->has_nat) {
        jw_verdict(&w, r, &r->nat, true);
    } else if (r->nat_not_encoded) {
        bool f2 = true;
        jw_put(&w, "{", 1);
        jw_kstr(&w, &f2, "country", r->country);
        jw_key(&w, &f2, "encoded");
        jw_put(&w, "false", 5);
        jw_kstr_or_null(&w, &f2, "law", r->nat_law);
        jw_kstr_or_null(&w, &f2, "in_force", r->nat_in_force);
        jw_kstr(&w, &f2, "reason", r->nat_reason);
        jw_put(&w, "}", 1);
    } else {
        jw_put(&w, "null", 4);
    }
    jw_key(&w, &first, "missing");
    jw_str_array(&w, r->missing, r->n_missing);
    jw_key(&w, &first, "reasons");
    jw_put(&w, "[", 1);
    for (size_t i = 0; i < r->n_reasons; i++) {
        bool f2 = true;
        jw_put(&w, i ? ",{" : "{", i ? 2 : 1);
        jw_kstr(&w, &f2, "ref", r->reasons[i].ref);
        jw_kstr(&w, &f2, "text", r->text.data + r->reasons[i].text_off);
        jw_put(&w, "}", 1);
    }
    jw_put(&w, "]", 1);
    jw_kstr(&w, &first, "library_version", NIS2_VERSION_STRING);
    jw_kstr(&w, &first, "catalog_version", r->ctx->catalog_version);
    if (r->ctx->n_ext) {                 /* only with extensions: outputs without one keep their bytes */
        jw_put(&w, ",\"catalog_extensions\":[", 23);
        for (size_t i = 0; i < r->ctx->n_ext; i++) {
            bool f2 = true;
            jw_put(&w, i ? ",{" : "{", i ? 2 : 1);
            jw_kstr(&w, &f2, "name", r->ctx->ext_names[i]);
            jw_kstr(&w, &f2, "version", r->ctx->ext_versions[i]);
            jw_put(&w, "}", 1);
        }
        jw_put(&w, "]", 1);
    }
    jw_put(&w, "}", 1);
    jw_put(&w, "", 1);                   /* the NUL */
    if (w.bad || buf.oom) {
        nis2i_buf_free(&buf);
        return NULL;
    }
    return buf.data;
}

nis2_status nis2_result_to_json(const nis2_result *r, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!r || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_result_to_json: arguments must not be NULL");
    *out_json = NULL;
    if (!(flags & NIS2_JSON_PRETTY) && (*out_json = result_compact(r)) != NULL)
        return NIS2_OK;
    json_t *o = nis2i_result_to_value(r);
    if (!o)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    nis2_status st = nis2i_json_dump(o, flags, out_json, err);
    json_decref(o);
    return st;
}

nis2_status nis2_classify_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out_json,
                               nis2_error *err)
{
    if (!ctx || !json || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_classify_json: arguments must not be NULL");
    *out_json = NULL;
    nis2_entity *e;
    nis2_status st = nis2_entity_from_json(ctx, json, len, &e, err);
    if (st)
        return st;
    nis2_result *r;
    st = nis2_classify_ex(ctx, e, (flags & NIS2_JSON_NO_TRACE) ? NIS2_CLASSIFY_NO_TRACE : 0, &r, err);
    nis2_entity_free(e);
    if (st)
        return st;
    st = nis2_result_to_json(r, flags & ~(uint32_t)NIS2_JSON_NO_TRACE, out_json, err);
    nis2_result_free(r);
    return st;
}
