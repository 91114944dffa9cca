/* SPDX-License-Identifier: Apache-2.0 */
/* National facts from C: each overlay's national keys listed, and typed setters into the entity's slots
 * (compile/facts.h), checked as the JSON edge checks entity.national.<CC>. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "compile/facts.h"
#include "model/overlay.h"

/* ---------------------------------------------------------------- the catalog: national keys */

static const nis2i_overlay *overlay_of(const nis2_ctx *ctx, const char *country)
{
    const char *canon = ctx && country ? nis2i_ms_canonical(ctx, country) : NULL;
    uint32_t i;
    return canon && nis2i_map_get(&ctx->overlay_index, canon, &i) ? &ctx->overlays[i] : NULL;
}

static const nis2i_natkey *key_at(const nis2_ctx *ctx, const char *country, size_t i)
{
    const nis2i_overlay *ov = overlay_of(ctx, country);
    return ov && i < ov->n_keys ? &ov->keys[i] : NULL;
}

size_t nis2_ctx_national_key_count(const nis2_ctx *ctx, const char *country)
{
    const nis2i_overlay *ov = overlay_of(ctx, country);
    return ov ? ov->n_keys : 0;
}

const char *nis2_ctx_national_key_name(const nis2_ctx *ctx, const char *country, size_t i)
{
    const nis2i_natkey *k = key_at(ctx, country, i);
    return k ? k->name : NULL;
}

uint32_t nis2_ctx_national_key_type(const nis2_ctx *ctx, const char *country, size_t i)
{
    const nis2i_natkey *k = key_at(ctx, country, i);
    return k ? (uint32_t)k->type + 1u : NIS2_NATIONAL_KEY_NONE;    /* NIS2_NATIONAL_KEY_* follow nis2i_nktype */
}

const char *nis2_ctx_national_key_ref(const nis2_ctx *ctx, const char *country, size_t i)
{
    const nis2i_natkey *k = key_at(ctx, country, i);
    return k ? k->ref : NULL;
}

const char *nis2_ctx_national_key_meaning(const nis2_ctx *ctx, const char *country, size_t i)
{
    const nis2i_natkey *k = key_at(ctx, country, i);
    return k ? k->meaning : NULL;
}

size_t nis2_ctx_national_key_value_count(const nis2_ctx *ctx, const char *country, size_t i)
{
    const nis2i_natkey *k = key_at(ctx, country, i);
    return k ? k->n_values : 0;
}

const char *nis2_ctx_national_key_value_at(const nis2_ctx *ctx, const char *country, size_t i, size_t j)
{
    const nis2i_natkey *k = key_at(ctx, country, i);
    return k && j < k->n_values ? k->values[j] : NULL;
}

/* ---------------------------------------------------------------- the entity: typed setters */

/* The overlay and key number for (country, key), or an error: NIS2_ERR_UNKNOWN_CODE for a country without an
 * overlay (path "$.national"), NIS2_ERR_UNKNOWN_KEY naming the key. kp receives "$.national.CC.key". */
static nis2_status resolve(const nis2_entity *e, const char *fn, const char *country, const char *key, int *ovi,
                           int *k, char *kp, size_t kn, nis2_error *err)
{
    if (!e || !country || !key)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, "$.national", "%s: arguments must not be NULL", fn);
    const char *canon = nis2i_ms_canonical(e->ctx, country);
    uint32_t i;
    if (!canon || !nis2i_map_get(&e->ctx->overlay_index, canon, &i))
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, "$.national",
                          "$.national: '%.8s' %s, so it has no national facts to set", country,
                          canon ? "has no national overlay in this catalog" : "is not a Member State of the catalog");
    const nis2i_overlay *ov = &e->ctx->overlays[i];
    snprintf(kp, kn, "$.national.%s.%.48s", canon, key);
    *ovi = (int)i;
    if ((*k = nis2i_natkey_find(ov, key)) < 0) {
        char list[512];
        size_t at = 0;
        list[0] = '\0';
        for (size_t j = 0; j < ov->n_keys && at < sizeof list; j++) {
            int w = snprintf(list + at, sizeof list - at, "%s%s", j ? ", " : "", ov->keys[j].name);
            if (w > 0)
                at += (size_t)w;
        }
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_KEY, kp, "%s: unknown key (the %s overlay does not define it; expected one of %s)",
                          kp, ov->law, list);
    }
    return NIS2_OK;
}

static nis2_status set_checked(nis2_entity *e, int ovi, int k, const nis2i_natval *v, const char *kp, nis2_error *err)
{
    const nis2i_overlay *ov = &e->ctx->overlays[ovi];
    nis2_status st = nis2i_natval_check(ov, k, v, kp, err);
    if (st)
        return st;
    nis2i_natblock *b = nis2i_entity_natblock_for_write(e, ovi);
    if (!b)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    e->has_nat = true;
    return nis2i_natblock_set(e, b, k, v, err);
}

nis2_status nis2_entity_set_national_bool(nis2_entity *e, const char *country, const char *key, int value,
                                          nis2_error *err)
{
    int ovi, k;
    char kp[96];
    nis2_status st = resolve(e, "nis2_entity_set_national_bool", country, key, &ovi, &k, kp, sizeof kp, err);
    if (st)
        return st;
    nis2i_natval v;
    memset(&v, 0, sizeof v);
    if (value != 0 && value != 1)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected true or false (0 or 1), got %d", kp, value);
    v.kind = NIS2I_NAT_BOOL;
    v.b = value == 1;
    return set_checked(e, ovi, k, &v, kp, err);
}

nis2_status nis2_entity_set_national_number(nis2_entity *e, const char *country, const char *key, double value,
                                            nis2_error *err)
{
    int ovi, k;
    char kp[96];
    nis2_status st = resolve(e, "nis2_entity_set_national_number", country, key, &ovi, &k, kp, sizeof kp, err);
    if (st)
        return st;
    nis2i_natval v;
    memset(&v, 0, sizeof v);
    v.kind = NIS2I_NAT_NUMBER;
    v.num = value;
    /* a whole number is kept as a JSON integer, as "employees": 250 is written back */
    if (isfinite(value) && value >= 0 && value <= 9007199254740992.0 && floor(value) == value) {
        v.is_int = true;
        v.inum = (long long)value;
    }
    return set_checked(e, ovi, k, &v, kp, err);
}

nis2_status nis2_entity_set_national_text(nis2_entity *e, const char *country, const char *key, const char *value,
                                          nis2_error *err)
{
    int ovi, k;
    char kp[96];
    nis2_status st = resolve(e, "nis2_entity_set_national_text", country, key, &ovi, &k, kp, sizeof kp, err);
    if (st)
        return st;
    if (!value)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, kp, "%s: the value must not be NULL", kp);
    nis2i_natval v;
    memset(&v, 0, sizeof v);
    v.kind = NIS2I_NAT_STRING;
    v.str = value;
    return set_checked(e, ovi, k, &v, kp, err);
}

nis2_status nis2_entity_add_national_code(nis2_entity *e, const char *country, const char *key, const char *code,
                                          nis2_error *err)
{
    int ovi, k;
    char kp[96];
    nis2_status st = resolve(e, "nis2_entity_add_national_code", country, key, &ovi, &k, kp, sizeof kp, err);
    if (st)
        return st;
    if (!code)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, kp, "%s: the code must not be NULL", kp);
    const nis2i_overlay *ov = &e->ctx->overlays[ovi];
    const nis2i_natblock *b = nis2i_entity_natblock(e, ovi);
    nis2i_natval v;
    memset(&v, 0, sizeof v);
    v.kind = NIS2I_NAT_CODES;
    if (ov->keys[k].type != NIS2I_NK_CODES) {       /* the key's own message says what it expects */
        v.kind = -1;
        return nis2i_natval_check(ov, k, &v, kp, err);
    }
    uint32_t codes[NIS2I_NAT_MAX_CODES];
    if (b && b->slot[k].kind == NIS2I_NAT_CODES) {
        v.n_codes = b->slot[k].n_codes;
        if (v.n_codes)
            memcpy(codes, b->slot[k].codes, v.n_codes * sizeof *codes);
    }
    v.codes = codes;
    uint32_t idx;
    char ip[112];
    snprintf(ip, sizeof ip, "%s[%zu]", kp, v.n_codes);
    if (!nis2i_etype_find(e->ctx, code, &idx))
        return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, ip, "%s: expected an entity-type code of the catalog", ip);
    for (size_t i = 0; i < v.n_codes; i++)
        if (v.codes[i] == idx)
            return NIS2_OK;      /* adding a code twice is harmless */
    if (v.n_codes == NIS2I_NAT_MAX_CODES)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected an array of at most %d activity codes", kp,
                          NIS2I_NAT_MAX_CODES);
    v.codes[v.n_codes++] = idx;
    nis2i_natval one = v;        /* the new code only: the others were checked when they were added */
    one.codes = &idx;
    one.n_codes = 1;
    if ((st = nis2i_natval_check_codes(e, &one, kp, err))) {
        nis2i_fail(err, NIS2_ERR_INVALID_FIELD, ip, "%s: '%.80s' is not one of the entity's activities (add it with "
                   "nis2_entity_add_activity first)", ip, code);
        return st;
    }
    return set_checked(e, ovi, k, &v, kp, err);
}

nis2_status nis2_entity_set_national_codes(nis2_entity *e, const char *country, const char *key,
                                           const char *const *codes, size_t n, nis2_error *err)
{
    int ovi, k;
    char kp[96];
    nis2_status st = resolve(e, "nis2_entity_set_national_codes", country, key, &ovi, &k, kp, sizeof kp, err);
    if (st)
        return st;
    if (n && !codes)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, kp, "%s: codes must not be NULL when n > 0", kp);
    const nis2i_overlay *ov = &e->ctx->overlays[ovi];
    nis2i_natval v;
    uint32_t buf[NIS2I_NAT_MAX_CODES];
    memset(&v, 0, sizeof v);
    v.codes = buf;
    v.kind = ov->keys[k].type == NIS2I_NK_CODES ? NIS2I_NAT_CODES : -1;
    if (v.kind < 0 || n > NIS2I_NAT_MAX_CODES) {
        v.n_codes = n;
        return nis2i_natval_check(ov, k, &v, kp, err);      /* what the key expects */
    }
    for (size_t i = 0; i < n; i++) {
        char ip[112];
        snprintf(ip, sizeof ip, "%s[%zu]", kp, i);
        if (!codes[i])
            return nis2i_fail(err, NIS2_ERR_INVALID_ARG, ip, "%s: a code must not be NULL", ip);
        if (!nis2i_etype_find(e->ctx, codes[i], &buf[i]))
            return nis2i_fail(err, NIS2_ERR_UNKNOWN_CODE, ip, "%s: expected an entity-type code of the catalog", ip);
        v.n_codes++;
    }
    if ((st = nis2i_natval_check_codes(e, &v, kp, err)))
        return st;
    return set_checked(e, ovi, k, &v, kp, err);
}

nis2_status nis2_entity_unset_national(nis2_entity *e, const char *country, const char *key, nis2_error *err)
{
    int ovi, k;
    char kp[96];
    nis2_status st = resolve(e, "nis2_entity_unset_national", country, key, &ovi, &k, kp, sizeof kp, err);
    if (st)
        return st;
    nis2i_natblock *b = (nis2i_natblock *)nis2i_entity_natblock(e, ovi);
    if (b)
        nis2i_natblock_unset(e, b, k);
    return NIS2_OK;
}
