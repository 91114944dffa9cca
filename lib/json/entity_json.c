/* SPDX-License-Identifier: Apache-2.0 */
/* JSON edge for the entity document (lib/schema/FORMATS.md §entity): strict parsing and serialisation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json/edge.h"
#include "rules/rules.h"
#include "rules/overlay.h"
#include "compile/facts.h"
#include "model/names.h"
#include "model/result.h"
#include "util/utf8.h"

static const char *const fig_keys[NIS2I_NFIG] = {"employees", "turnover_eur", "balance_sheet_eur"};
static const char *const fig_keys_list[] = {"employees", "turnover_eur", "balance_sheet_eur", NULL};

static bool is_ext(const char *key)
{
    return key[0] == 'x' && key[1] == '_';
}


static nis2_status parse_figures(nis2_entity *e, const json_t *obj, int period, const char *base, bool allow_others,
                                 nis2_error *err)
{
    for (int i = 0; i < NIS2I_NFIG; i++) {
        const json_t *v = json_object_get(obj, fig_keys[i]);
        if (!v || json_is_null(v))
            continue;
        char path[96];           /* written only on an error: snprintf per figure was a tenth of a parse */
        if (!json_is_number(v)) {
            snprintf(path, sizeof path, "%s.%s", base, fig_keys[i]);
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a number >= 0, got %s", path,
                              nis2i_json_type_name(v));
        }
        double d = json_number_value(v);
        if (!isfinite(d) || d < 0) {
            snprintf(path, sizeof path, "%s.%s", base, fig_keys[i]);
            char ds[64];
            nis2i_fmt_number(d, ds);
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a number >= 0, got %s", path, ds);
        }
        nis2_status st = nis2_entity_set_figure(e, (uint32_t)period, (uint32_t)i + 1, d, err);
        if (st)
            return st;
    }
    if (!allow_others)
        return nis2i_json_check_keys(obj, fig_keys_list, base, err);
    return NIS2_OK;
}

static nis2_status parse_flags(nis2_entity *e, const json_t *flags, nis2_error *err)
{
    if (!json_is_object(flags))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.flags", "$.flags: expected an object, got %s", nis2i_json_type_name(flags));
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)flags, key, v) {
        char path[128];
        snprintf(path, sizeof path, "$.flags.%.64s", key);
        if (is_ext(key))
            continue;
        if (strcmp(key, "member_state_designation") == 0) {
            if (json_is_null(v))
                continue;
            const char *s = json_is_string(v) ? json_string_value(v) : NULL;
            if (s && strcmp(s, "essential") == 0)
                e->designation = NIS2_DESIGNATION_ESSENTIAL;
            else if (s && strcmp(s, "important") == 0)
                e->designation = NIS2_DESIGNATION_IMPORTANT;
            else
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                                  "%s: expected \"essential\", \"important\" or null", path);
            continue;
        }
        size_t i;
        for (i = 0; i < nis2i_n_flag_names; i++)
            if (strcmp(nis2i_flag_names[i].name, key) == 0)
                break;
        if (i == nis2i_n_flag_names) {
            char list[700];
            size_t at = 0;
            const char *best = NULL;
            size_t bd = SIZE_MAX, klen = strlen(key);
            for (size_t k = 0; k <= nis2i_n_flag_names; k++) {
                const char *name = k < nis2i_n_flag_names ? nis2i_flag_names[k].name : "member_state_designation";
                size_t d = nis2i_edit_distance(key, name);
                if (klen >= 3 && strncmp(name, key, klen) == 0)
                    d = 1;                         /* a prefix: "cer_critical" for "cer_critical_entity" */
                if (d < bd)
                    bd = d, best = name;
                int w = snprintf(list + at, sizeof list - at, "%s%s", k ? ", " : "", name);
                if (w > 0 && (size_t)w < sizeof list - at)
                    at += (size_t)w;
            }
            size_t limit = strlen(key) / 4 < 1 ? 1 : strlen(key) / 4 > 3 ? 3 : strlen(key) / 4;
            char hint[96] = "";
            if (best && bd <= limit)
                snprintf(hint, sizeof hint, "did you mean '%s'? ", best);
            return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, path, "%s: unknown flag (%sexpected %s; vendor keys start with x_)",
                              path, hint, list);
        }
        if (!json_is_boolean(v))
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected true or false, got %s", path, nis2i_json_type_name(v));
        nis2_entity_set_flag(e, nis2i_flag_names[i].flag, json_is_true(v), NULL);
    }
    return NIS2_OK;
}

/* A vendor value (x_...) kept as JSON text: 17 significant digits give back the same double. */
static char *raw_text(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
}

static nis2_status add_vendor(nis2i_natblock *b, const char *k, const json_t *v, nis2_error *err)
{
    char *raw = raw_text(v);
    if (!raw)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    nis2_status st = nis2i_natblock_add_vendor(b, k, raw, err);
    free(raw);
    return st;
}

/* entity.national.<CC> of a country with an overlay into the typed slots of b: each key declared, each value of
 * the key's type (path "$.national.CC.key"); then every code of a codes key one of the entity's activities. */
static nis2_status parse_national_facts(nis2_entity *e, const nis2i_overlay *ov, nis2i_natblock *b, const json_t *obj,
                                        const char *path, nis2_error *err)
{
    const char *k;
    const json_t *v;
    nis2_status st;
    json_object_foreach((json_t *)obj, k, v) {
        if (is_ext(k)) {
            if ((st = add_vendor(b, k, v, err)))
                return st;
            continue;
        }
        char kp[128];
        snprintf(kp, sizeof kp, "%s.%.48s", path, k);
        int key = nis2i_natkey_find(ov, k);
        if (key < 0)
            return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, kp, "%s: unknown key (the %s overlay does not define it)", kp, ov->law);
        nis2i_natval nv;
        uint32_t codes[NIS2I_NAT_MAX_CODES];            /* nv.codes points here until nis2i_natblock_set copies it */
        memset(&nv, 0, sizeof nv);
        if (json_is_null(v)) {
            if ((st = nis2i_natblock_set(e, b, key, NULL, err)))      /* null means "not given" */
                return st;
            continue;
        }
        if (ov->keys[key].type == NIS2I_NK_CODES) {       /* an array of activity codes of the catalog */
            if (!json_is_array(v) || json_array_size(v) > NIS2I_NAT_MAX_CODES)
                return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected an array of at most %d activity codes", kp,
                                  NIS2I_NAT_MAX_CODES);
            nv.kind = NIS2I_NAT_CODES;
            nv.codes = codes;
            size_t i;
            const json_t *x;
            json_array_foreach(v, i, x) {
                if (!json_is_string(x) || !nis2i_etype_find(ov->ctx, json_string_value(x), &codes[i])) {
                    char ip[160];
                    snprintf(ip, sizeof ip, "%s[%zu]", kp, i);
                    return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, ip, "%s: expected an entity-type code of the catalog", ip);
                }
                nv.n_codes++;
            }
        } else if (json_is_boolean(v)) {
            nv.kind = NIS2I_NAT_BOOL;
            nv.b = json_is_true(v);
        } else if (json_is_string(v)) {
            nv.kind = NIS2I_NAT_STRING;
            nv.str = json_string_value(v);
        } else if (json_is_number(v)) {
            nv.kind = NIS2I_NAT_NUMBER;
            nv.num = json_number_value(v);
            nv.is_int = json_is_integer(v);
            nv.inum = nv.is_int ? (long long)json_integer_value(v) : 0;
        } else {
            nv.kind = -1;        /* an object or an array */
        }
        if ((st = nis2i_natval_check(ov, key, &nv, kp, err)) || (st = nis2i_natblock_set(e, b, key, &nv, err)))
            return st;
    }
    for (size_t i = 0; i < b->n_m; i++) {          /* the activities are read first: a codes key may only name them */
        if (b->m[i].key < 0 || b->slot[b->m[i].key].kind != NIS2I_NAT_CODES)
            continue;
        char kp[128];
        snprintf(kp, sizeof kp, "%s.%.48s", path, ov->keys[b->m[i].key].name);
        if ((st = nis2i_natval_check_codes(e, &b->slot[b->m[i].key], kp, err)))
            return st;
    }
    return NIS2_OK;
}

static nis2_status parse_national_entry(nis2_entity *e, const char *key, const char *stored, const json_t *v,
                                        const char *path, nis2_error *err)
{
    const char *canon = nis2i_ms_canonical(e->ctx, key);
    if (!canon) {
        char list[256];
        nis2i_ms_list(e->ctx, list, sizeof list);
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, path,
                          "%s: '%.16s' is not an EU Member State code (expected one of %s; in any case)", path, key, list);
    }
    if (!json_is_object(v))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected an object, got %s", path, nis2i_json_type_name(v));
    uint32_t ovi;
    const nis2i_overlay *ov = nis2i_map_get(&e->ctx->overlay_index, canon, &ovi) ? &e->ctx->overlays[ovi] : NULL;
    nis2i_natblock *b = nis2i_natblock_append(e, stored, ov ? (int)ovi : -1, NULL);
    if (!b)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    if (ov)
        return parse_national_facts(e, ov, b, v, path, err);
    const char *k2;
    const json_t *v2;
    json_object_foreach((json_t *)v, k2, v2) {
        if (!is_ext(k2))
            return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, path,
                              "%s: unknown key '%.64s' (the catalog has no national overlay for %s)", path, k2, canon);
        nis2_status st = add_vendor(b, k2, v2, err);
        if (st)
            return st;
    }
    return NIS2_OK;
}

static nis2_status parse_national(nis2_entity *e, const json_t *nat, nis2_error *err)
{
    if (!json_is_object(nat))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.national", "$.national: expected an object, got %s",
                          nis2i_json_type_name(nat));
    const char *key;
    const json_t *v;
    nis2_status st = NIS2_OK;
    /* The facts are kept under their country code in upper case ("pt" -> "PT"; "EL" stays "EL"). */
    e->has_nat = true;
    json_object_foreach((json_t *)nat, key, v) {
        char path[64];
        snprintf(path, sizeof path, "$.national.%.16s", key);
        char up[8];
        size_t n = strlen(key);
        const char *stored = key;
        if (!is_ext(key) && n < sizeof up) {
            for (size_t i = 0; i <= n; i++)
                up[i] = key[i] >= 'a' && key[i] <= 'z' ? (char)(key[i] - 'a' + 'A') : key[i];
            for (size_t j = 0; j < e->n_nat; j++)
                if (strcmp(e->nat[j].code, up) == 0) {
                    st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path,
                                    "%s: the national facts of '%s' are given twice (country codes are read in any case)",
                                    path, up);
                    goto fail;
                }
            stored = up;
        }
        if (is_ext(key)) {
            char *raw = raw_text(v);
            nis2i_natblock *b = raw ? nis2i_natblock_append(e, key, -1, raw) : NULL;
            free(raw);
            if (!b) {
                st = nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
                goto fail;
            }
            continue;
        }
        if ((st = parse_national_entry(e, key, stored, v, path, err)))
            goto fail;
    }
    return NIS2_OK;
fail:
    nis2i_entity_facts_release(e);
    e->has_nat = false;
    return st;
}

/* entity.national as the edge read it: members in order, vendor values as they were, null where null was given. */
static json_t *national_value(const nis2_entity *e)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < e->n_nat; i++) {
        const nis2i_natblock *b = &e->nat[i];
        json_t *bv;
        if (b->raw) {
            bv = json_loads(b->raw, JSON_DECODE_ANY, NULL);
        } else {
            bv = json_object();
            const nis2i_overlay *ov = b->overlay >= 0 ? &e->ctx->overlays[b->overlay] : NULL;
            for (size_t j = 0; bv && j < b->n_m; j++) {
                const nis2i_natmember *m = &b->m[j];
                if (m->key < 0) {
                    json_object_set_new(bv, m->name, json_loads(m->raw, JSON_DECODE_ANY, NULL));
                    continue;
                }
                const nis2i_natval *s = &b->slot[m->key];
                json_t *x;
                switch (s->kind) {
                case NIS2I_NAT_BOOL: x = json_boolean(s->b); break;
                case NIS2I_NAT_STRING: x = json_string(s->str); break;
                case NIS2I_NAT_NUMBER: x = s->is_int ? json_integer((json_int_t)s->inum) : json_real(s->num); break;
                case NIS2I_NAT_CODES:
                    x = json_array();
                    for (size_t c = 0; x && c < s->n_codes; c++)
                        json_array_append_new(x, json_string(e->ctx->etypes[s->codes[c]].code));
                    break;
                default: x = json_null(); break;
                }
                json_object_set_new(bv, ov->keys[m->key].name, x);
            }
        }
        json_object_set_new(o, b->code, bv);
    }
    return o;
}

static const char *const top_keys[] = {"schema", "name", "country", "activities", "employees", "turnover_eur",
                                       "balance_sheet_eur", "previous_period", "flags", "national", NULL};

/* "$.country…", "$: …", "$[…" -> base + the rest, in place; used when the entity sits inside another document. */
static void rebase_path(char *s, size_t cap, const char *base)
{
    if (s[0] != '$' || !(s[1] == '\0' || s[1] == '.' || s[1] == '[' || s[1] == ':' || s[1] == ' '))
        return;
    size_t len = strlen(s), k = strlen(base) - 1;      /* base starts with '$' too */
    if (len + k + 1 > cap)
        return;
    memmove(s + 1 + k, s + 1, len);                    /* includes the NUL */
    memcpy(s + 1, base + 1, k);
}

static nis2_status entity_from_value(const nis2_ctx *ctx, const json_t *v, nis2_entity **out, nis2_error *err);

nis2_status nis2i_entity_from_value(const nis2_ctx *ctx, const json_t *v, const char *base, nis2_entity **out,
                                    nis2_error *err)
{
    nis2_status st = entity_from_value(ctx, v, out, err);
    if (st && err && base && strcmp(base, "$") != 0 && base[0] == '$') {
        rebase_path(err->path, sizeof err->path, base);
        rebase_path(err->message, sizeof err->message, base);
    }
    return st;
}

static nis2_status entity_from_value(const nis2_ctx *ctx, const json_t *v, nis2_entity **out, nis2_error *err)
{
    *out = NULL;
    if (!json_is_object(v))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$", "$: expected an entity object, got %s", nis2i_json_type_name(v));
    nis2_status kst = nis2i_json_check_keys(v, top_keys, "$", err);
    if (kst)
        return kst;
    const json_t *schema = json_object_get(v, "schema");
    if (schema && !(json_is_integer(schema) && json_integer_value(schema) == 1))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.schema", "$.schema: expected 1 (this library reads schema 1)");

    nis2_entity *e;
    nis2_status st = nis2_entity_new(ctx, &e, err);
    if (st)
        return st;

    const json_t *name = json_object_get(v, "name");
    if (name && !json_is_null(name)) {
        if (!json_is_string(name)) {
            st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.name", "$.name: expected a string, got %s", nis2i_json_type_name(name));
            goto fail;
        }
        if ((st = nis2_entity_set_name(e, json_string_value(name), err)))
            goto fail;
    }

    const json_t *country = json_object_get(v, "country");
    if (!country) {
        st = nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.country",
                        "$.country: required (ISO 3166-1 alpha-2 code of the Member State of establishment)");
        goto fail;
    }
    if (!json_is_string(country)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.country", "$.country: expected a string (the two-letter code of a Member State), got %s",
                        nis2i_json_type_name(country));
        goto fail;
    }
    if ((st = nis2_entity_set_country(e, json_string_value(country), err)))
        goto fail;

    const json_t *acts = json_object_get(v, "activities");
    if (!acts) {
        st = nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.activities",
                        "$.activities: required (a list of entity-type codes; [] for none)");
        goto fail;
    }
    if (!json_is_array(acts)) {
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.activities", "$.activities: expected an array of codes, got %s",
                        nis2i_json_type_name(acts));
        goto fail;
    }
    size_t i;
    const json_t *a;
    json_array_foreach(acts, i, a) {
        char path[48];           /* written only on an error */
        if (!json_is_string(a)) {
            snprintf(path, sizeof path, "$.activities[%zu]", i);
            st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected an entity-type code string, got %s", path,
                            nis2i_json_type_name(a));
            goto fail;
        }
        if ((st = nis2_entity_add_activity(e, json_string_value(a), err))) {
            snprintf(path, sizeof path, "$.activities[%zu]", i);
            if (st == NIS2_ERR_UNKNOWN_CODE) {   /* through nis2i_fail: the quoted code may be cut, UTF-8 kept */
                char hint[400];
                nis2i_etype_hint(e->ctx, json_string_value(a), hint, sizeof hint);
                nis2i_fail(err, st, path, "%s: unknown entity-type code '%.80s'%s", path, json_string_value(a), hint);
            }
            else if (err)
                snprintf(err->path, sizeof err->path, "%s", path);
            goto fail;
        }
    }

    if ((st = parse_figures(e, v, 0, "$", true, err)))
        goto fail;
    const json_t *prev = json_object_get(v, "previous_period");
    if (prev && !json_is_null(prev)) {
        if (!json_is_object(prev)) {
            st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.previous_period", "$.previous_period: expected an object, got %s",
                            nis2i_json_type_name(prev));
            goto fail;
        }
        if ((st = parse_figures(e, prev, 1, "$.previous_period", false, err)))
            goto fail;
    }
    const json_t *flags = json_object_get(v, "flags");
    if (flags && !json_is_null(flags) && (st = parse_flags(e, flags, err)))
        goto fail;
    const json_t *nat = json_object_get(v, "national");
    if (nat && !json_is_null(nat) && (st = parse_national(e, nat, err)))
        goto fail;
    *out = e;
    return NIS2_OK;
fail:
    nis2_entity_free(e);
    return st;
}

nis2_status nis2_entity_from_json(const nis2_ctx *ctx, const char *json, size_t len, nis2_entity **out, nis2_error *err)
{
    if (!ctx || !json || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_entity_from_json: arguments must not be NULL");
    *out = NULL;
    if (nis2i_entity_fast(ctx, json, len, out))
        return NIS2_OK;          /* the common well-formed document (json/entity_fast.c); else the strict path */
    json_t *v;
    nis2_status st = nis2i_json_parse(json, len, &v, err);
    if (st)
        return st;
    st = nis2i_entity_from_value(ctx, v, "$", out, err);
    json_decref(v);
    return st;
}

json_t *nis2i_entity_to_value(const nis2_entity *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "schema", json_integer(1));
    if (e->name)
        json_object_set_new(o, "name", json_string(e->name));
    if (e->country[0])
        json_object_set_new(o, "country", json_string(e->country));
    json_t *acts = json_array();
    for (size_t i = 0; i < e->n_types; i++)
        json_array_append_new(acts, json_string(e->ctx->etypes[e->types[i]].code));
    json_object_set_new(o, "activities", acts);
    for (int i = 0; i < NIS2I_NFIG; i++)
        if (e->fig_set[0] & (1u << i))
            json_object_set_new(o, fig_keys[i], json_real(e->fig[0][i]));
    if (e->fig_set[1]) {
        json_t *p = json_object();
        for (int i = 0; i < NIS2I_NFIG; i++)
            if (e->fig_set[1] & (1u << i))
                json_object_set_new(p, fig_keys[i], json_real(e->fig[1][i]));
        json_object_set_new(o, "previous_period", p);
    }
    json_t *f = json_object();
    for (size_t i = 0; i < nis2i_n_flag_names; i++) {
        bool val = nis2i_flag(e, nis2i_flag_names[i].flag);
        bool def = nis2i_flag_names[i].flag == NIS2_FLAG_PROVIDES_SERVICES_IN_UNION;
        if (val != def)
            json_object_set_new(f, nis2i_flag_names[i].name, json_boolean(val));
    }
    if (e->designation)
        json_object_set_new(f, "member_state_designation",
                            json_string(e->designation == NIS2_DESIGNATION_ESSENTIAL ? "essential" : "important"));
    json_object_set_new(o, "flags", f);
    if (e->has_nat)
        json_object_set_new(o, "national", national_value(e));
    return o;
}

nis2_status nis2_entity_to_json(const nis2_entity *e, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!e || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_entity_to_json: arguments must not be NULL");
    *out_json = NULL;
    json_t *o = nis2i_entity_to_value(e);
    if (!o)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    nis2_status st = nis2i_json_dump(o, flags, out_json, err);
    json_decref(o);
    return st;
}

/* Public: the national facts of one country as a JSON object (validated as entity.national.<CC> is). */
nis2_status nis2_entity_set_national_json(nis2_entity *e, const char *country, const char *json, nis2_error *err)
{
    if (!e || !country || !json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, "$.national", "nis2_entity_set_national_json: arguments must not be NULL");
    /* As the header promises: only a country whose overlay the context has takes national facts. */
    const char *canon = nis2i_ms_canonical(e->ctx, country);
    uint32_t ov_idx;
    if (!canon || !nis2i_map_get(&e->ctx->overlay_index, canon, &ov_idx))
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, "$.national",
                          "$.national: '%.8s' %s, so it has no national facts to set", country,
                          canon ? "has no national overlay in this catalog" : "is not a Member State of the catalog");
    json_t *wrap = json_object(), *v = NULL;
    if (!wrap)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    char base[32];
    snprintf(base, sizeof base, "$.national.%.8s", country);
    nis2_status st = nis2i_json_parse_ex(json, strlen(json), &nis2i_input_limits, base, &v, err);
    if (st) {
        json_decref(wrap);
        return st;
    }
    json_object_set_new(wrap, country, v);
    /* with the entity's activities, which a key of type codes may name */
    json_t *acts = json_array();
    for (size_t i = 0; acts && i < e->n_types; i++)
        json_array_append_new(acts, json_string(e->ctx->etypes[e->types[i]].code));
    json_t *doc = acts ? json_pack("{s:s, s:o, s:O}", "country", e->country[0] ? e->country : country, "activities",
                                   acts, "national", wrap) : NULL;
    json_decref(wrap);
    if (!doc)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    /* Reuse the JSON validation of the national block by parsing a minimal entity around it. */
    nis2_entity *tmp = NULL;
    st = nis2i_entity_from_value(e->ctx, doc, "$", &tmp, err);
    json_decref(doc);
    if (st)
        return st;
    nis2i_entity_facts_merge(e, tmp);
    e->has_nat = true;
    nis2_entity_free(tmp);
    return NIS2_OK;
}
