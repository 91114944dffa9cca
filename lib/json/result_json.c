/* JSON edge for the classification result (contract §2). */
#include <stdlib.h>

#include "internal.h"

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
    return o;
}

nis2_status nis2_result_to_json(const nis2_result *r, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!r || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_result_to_json: arguments must not be NULL");
    *out_json = NULL;
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
    st = nis2_classify(ctx, e, &r, err);
    nis2_entity_free(e);
    if (st)
        return st;
    st = nis2_result_to_json(r, flags, out_json, err);
    nis2_result_free(r);
    return st;
}
