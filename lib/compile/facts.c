/* SPDX-License-Identifier: Apache-2.0 */
/* The entity's national facts as typed slots (compile/facts.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/facts.h"
#include "util/util.h"

static const char *const nk_names[NIS2I_NK_COUNT] = {"boolean", "enum", "date", "number", "string", "codes"};

const char *nis2i_nktype_name(int type)
{
    return type >= 0 && type < NIS2I_NK_COUNT ? nk_names[type] : NULL;
}

/* e->natix from the members (after every change). */
static void reindex(nis2_entity *e)
{
    e->n_natix = 0;
    e->natix_all = true;
    for (size_t i = 0; i < e->n_nat; i++) {
        const nis2i_natblock *b = &e->nat[i];
        if (b->overlay < 0 || b->raw)
            continue;
        bool seen = false;
        for (size_t j = 0; j < e->n_natix && !seen; j++)
            seen = e->natix[j].overlay == b->overlay;
        if (seen)
            continue;            /* the first member for the country is the one read */
        if (e->n_natix == NIS2I_NATIX || (e->ctx->overlays[b->overlay].n_keys > 64)) {
            e->natix_all = false;
            continue;
        }
        e->natix[e->n_natix].overlay = b->overlay;
        e->natix[e->n_natix].given = b->given;
        e->natix[e->n_natix++].slot = b->slot;
    }
}

const nis2i_natblock *nis2i_entity_natblock(const nis2_entity *e, int overlay)
{
    for (size_t i = 0; e && overlay >= 0 && i < e->n_nat; i++)
        if (e->nat[i].overlay == overlay && !e->nat[i].raw)
            return &e->nat[i];
    return NULL;
}

int nis2i_natkey_find(const nis2i_overlay *ov, const char *name)
{
    uint32_t k;
    return ov && name && nis2i_map_get(&ov->key_index, name, &k) ? (int)k : -1;
}

int nis2i_entity_fact_bool(const nis2_entity *e, const char *country, const char *key)
{
    if (!e || !e->n_nat || !country || !key)
        return -1;
    uint32_t ov;
    if (!nis2i_map_get(&e->ctx->overlay_index, country, &ov))
        return -1;
    const nis2i_natblock *b = nis2i_entity_natblock(e, (int)ov);
    int k = nis2i_natkey_find(&e->ctx->overlays[ov], key);
    if (!b || k < 0 || b->slot[k].kind != NIS2I_NAT_BOOL)
        return -1;
    return b->slot[k].b;
}

static void slot_clear(nis2i_natval *v)
{
    if (v->kind == NIS2I_NAT_STRING)
        free((char *)v->str);
    if (v->kind == NIS2I_NAT_CODES)
        free(v->codes);
    memset(v, 0, sizeof *v);
}

static void block_free(nis2i_natblock *b, size_t n_keys)
{
    free(b->code);
    free(b->raw);
    for (size_t i = 0; i < b->n_m; i++) {
        free(b->m[i].name);
        free(b->m[i].raw);
    }
    free(b->m);
    for (size_t i = 0; b->slot && i < n_keys; i++)
        slot_clear(&b->slot[i]);
    free(b->slot);
    memset(b, 0, sizeof *b);
}

static size_t block_keys(const nis2_ctx *ctx, const nis2i_natblock *b)
{
    return b->overlay >= 0 ? ctx->overlays[b->overlay].n_keys : 0;
}

void nis2i_entity_facts_release(nis2_entity *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_nat; i++)
        block_free(&e->nat[i], block_keys(e->ctx, &e->nat[i]));
    free(e->nat);
    e->nat = NULL;
    e->n_nat = e->cap_nat = 0;
    reindex(e);
}

nis2i_natblock *nis2i_natblock_append(nis2_entity *e, const char *code, int overlay, const char *raw)
{
    if (e->n_nat == e->cap_nat) {
        size_t cap = e->cap_nat ? 2 * e->cap_nat : 2;
        nis2i_natblock *nb = realloc(e->nat, cap * sizeof *nb);
        if (!nb)
            return NULL;
        e->nat = nb;
        e->cap_nat = cap;
    }
    nis2i_natblock *b = &e->nat[e->n_nat];
    memset(b, 0, sizeof *b);
    b->overlay = raw ? -1 : overlay;
    b->code = nis2i_strdup(code);
    if (raw)
        b->raw = nis2i_strdup(raw);
    size_t nk = block_keys(e->ctx, b);
    if (nk)
        b->slot = calloc(nk, sizeof *b->slot);
    if (!b->code || (raw && !b->raw) || (nk && !b->slot)) {
        block_free(b, nk);
        return NULL;
    }
    e->n_nat++;
    reindex(e);
    return b;
}

nis2i_natblock *nis2i_entity_natblock_for_write(nis2_entity *e, int overlay)
{
    nis2i_natblock *b = (nis2i_natblock *)nis2i_entity_natblock(e, overlay);
    return b ? b : nis2i_natblock_append(e, e->ctx->overlays[overlay].country, overlay, NULL);
}

static nis2i_natmember *member_add(nis2i_natblock *b)
{
    if (b->n_m == b->cap_m) {
        size_t cap = b->cap_m ? 2 * b->cap_m : 4;
        nis2i_natmember *m = realloc(b->m, cap * sizeof *m);
        if (!m)
            return NULL;
        b->m = m;
        b->cap_m = cap;
    }
    nis2i_natmember *m = &b->m[b->n_m++];
    memset(m, 0, sizeof *m);
    return m;
}

nis2_status nis2i_natblock_set(nis2_entity *e, nis2i_natblock *b, int32_t key, const nis2i_natval *v,
                               nis2_error *err)
{
    nis2i_natval nv;
    memset(&nv, 0, sizeof nv);
    if (v && v->kind > NIS2I_NAT_ABSENT) {
        nv = *v;
        nv.codes = NULL;
        if (v->kind == NIS2I_NAT_STRING && !(nv.str = nis2i_strdup(v->str)))
            return nis2i_nomem(err);
        if (v->kind == NIS2I_NAT_CODES && v->n_codes) {
            if (!(nv.codes = malloc(v->n_codes * sizeof *nv.codes)))
                return nis2i_nomem(err);
            memcpy(nv.codes, v->codes, v->n_codes * sizeof *nv.codes);
        }
    }
    size_t i;
    for (i = 0; i < b->n_m && b->m[i].key != key; i++)
        ;
    if (i == b->n_m) {
        nis2i_natmember *m = member_add(b);
        if (!m) {
            slot_clear(&nv);
            return nis2i_nomem(err);
        }
        m->key = key;
    }
    slot_clear(&b->slot[key]);
    b->slot[key] = nv;
    if (key < 64)
        b->given = nv.kind != NIS2I_NAT_ABSENT ? b->given | (UINT64_C(1) << key) : b->given & ~(UINT64_C(1) << key);
    reindex(e);
    return NIS2_OK;
}

void nis2i_natblock_unset(nis2_entity *e, nis2i_natblock *b, int32_t key)
{
    for (size_t i = 0; i < b->n_m; i++)
        if (b->m[i].key == key) {
            memmove(&b->m[i], &b->m[i + 1], (b->n_m - i - 1) * sizeof *b->m);
            b->n_m--;
            slot_clear(&b->slot[key]);
            if (key < 64)
                b->given &= ~(UINT64_C(1) << key);
            reindex(e);
            return;
        }
}

nis2_status nis2i_natblock_add_vendor(nis2i_natblock *b, const char *name, const char *raw, nis2_error *err)
{
    nis2i_natmember *m = member_add(b);
    if (!m)
        return nis2i_nomem(err);
    m->key = -1;
    m->name = nis2i_strdup(name);
    m->raw = nis2i_strdup(raw);
    if (!m->name || !m->raw) {
        free(m->name);
        free(m->raw);
        b->n_m--;
        return nis2i_nomem(err);
    }
    return NIS2_OK;
}

void nis2i_entity_facts_merge(nis2_entity *e, nis2_entity *src)
{
    for (size_t i = 0; i < src->n_nat; i++) {
        nis2i_natblock *s = &src->nat[i];
        size_t j;
        for (j = 0; j < e->n_nat && strcmp(e->nat[j].code, s->code) != 0; j++)
            ;
        if (j < e->n_nat) {
            block_free(&e->nat[j], block_keys(e->ctx, &e->nat[j]));
            e->nat[j] = *s;
        } else {
            if (e->n_nat == e->cap_nat) {
                size_t cap = e->cap_nat ? 2 * e->cap_nat : 2;
                nis2i_natblock *nb = realloc(e->nat, cap * sizeof *nb);
                if (!nb) {          /* keep what cannot be moved where it is freed */
                    block_free(s, block_keys(src->ctx, s));
                    continue;
                }
                e->nat = nb;
                e->cap_nat = cap;
            }
            e->nat[e->n_nat++] = *s;
        }
        memset(s, 0, sizeof *s);
    }
    free(src->nat);
    src->nat = NULL;
    src->n_nat = src->cap_nat = 0;
    reindex(src);
    reindex(e);
}

nis2_status nis2i_natval_check(const nis2i_overlay *ov, int32_t key, const nis2i_natval *v, const char *kp,
                               nis2_error *err)
{
    const nis2i_natkey *d = &ov->keys[key];
    switch (d->type) {
    case NIS2I_NK_BOOLEAN:
        if (v->kind != NIS2I_NAT_BOOL)
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected true or false", kp);
        break;
    case NIS2I_NK_NUMBER:
        if (v->kind != NIS2I_NAT_NUMBER || !(v->num >= 0) || isinf(v->num))
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected a number >= 0", kp);
        break;
    case NIS2I_NK_DATE:
        if (v->kind != NIS2I_NAT_STRING || !nis2i_is_calendar_date(v->str))
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected a date YYYY-MM-DD", kp);
        break;
    case NIS2I_NK_ENUM: {
        bool ok = false;
        for (size_t i = 0; i < d->n_values && !ok; i++)
            ok = v->kind == NIS2I_NAT_STRING && strcmp(d->values[i], v->str) == 0;
        if (!ok) {
            nis2i_buf b = {0};
            for (size_t i = 0; i < d->n_values; i++)
                nis2i_buf_printf(&b, "%s\"%s\"", i ? ", " : "", d->values[i]);
            nis2_status st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected one of %s", kp,
                                        b.data && !b.oom ? b.data : "the values of the overlay");
            nis2i_buf_free(&b);
            return st;
        }
        break;
    }
    case NIS2I_NK_CODES:
        if (v->kind != NIS2I_NAT_CODES || v->n_codes > NIS2I_NAT_MAX_CODES)
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected an array of at most %d activity codes", kp,
                              NIS2I_NAT_MAX_CODES);
        break;
    default:                     /* string */
        if (v->kind != NIS2I_NAT_STRING)
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, kp, "%s: expected a string", kp);
        break;
    }
    return NIS2_OK;
}

nis2_status nis2i_natval_check_codes(const nis2_entity *e, const nis2i_natval *v, const char *kp, nis2_error *err)
{
    for (size_t i = 0; v->kind == NIS2I_NAT_CODES && i < v->n_codes; i++) {
        bool has = false;
        for (size_t t = 0; t < e->n_types && !has; t++)
            has = e->types[t] == v->codes[i];
        if (!has) {
            char ip[160];
            snprintf(ip, sizeof ip, "%s[%zu]", kp, i);
            return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, ip, "%s: '%.80s' is not one of the entity's activities", ip,
                              e->ctx->etypes[v->codes[i]].code);
        }
    }
    return NIS2_OK;
}
