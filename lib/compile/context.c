/* SPDX-License-Identifier: Apache-2.0 */
/* The context: load, merge and validate the catalog, build the indexes, export. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile/compile.h"
#include "compile/compile_json.h"
#include "compile/json_parse.h"
#include "compile/exchange_import.h"
#include "model/names.h"
#include "model/result.h"
#include "compile/overlay_load.h"
#include "compile/reader.h"
#include "compile/rulec.h"
#include "util/util.h"
#include "util/utf8.h"
#include "compile/obligations_load.h"
#include "compile/mapping_load.h"
#include "compile/incident_load.h"
#include "compile/image.h"

nis2_ctx *nis2i_ctx_ref(const nis2_ctx *ctx)
{
    nis2_ctx *c = (nis2_ctx *)ctx;        /* the reference count is the only mutable part of a context */
    atomic_fetch_add_explicit(&c->refs, 1, memory_order_relaxed);
    return c;
}

static void ctx_destroy(nis2_ctx *ctx)
{
    if (ctx->image) {              /* the model lives in the image's one block */
        void *block = ctx->image;
        nis2i_image_release(ctx);
        free(block);
        return;
    }
    nis2i_obligations_release(ctx);
    nis2i_iso_release(ctx);
    nis2i_incident_release(ctx);
    for (size_t i = 0; i < ctx->n_overlays; i++) {
        nis2i_overlay_release(&ctx->overlays[i]);
        nis2i_ruleset_free(ctx->overlays[i].ruleset);
    }
    free(ctx->overlays);
    nis2i_map_free(&ctx->overlay_index);
    free(ctx->etypes);
    nis2i_map_free(&ctx->etype_index);
    free(ctx->ms_codes);
    free(ctx->ms_law);
    free(ctx->ms_in_force);
    free(ctx->ms_name);
    free(ctx->ms_encoded);
    nis2i_map_free(&ctx->ms_index);
    free(ctx->ext_names);
    free(ctx->ext_versions);
    json_decref(ctx->doc);
    free(ctx);
}

void nis2i_ctx_unref(const nis2_ctx *ctx)
{
    if (!ctx)
        return;
    nis2_ctx *c = (nis2_ctx *)ctx;
    if (atomic_fetch_sub_explicit(&c->refs, 1, memory_order_acq_rel) == 1)
        ctx_destroy(c);
}

void nis2_ctx_free(nis2_ctx *ctx)
{
    nis2i_ctx_unref(ctx);
}

const char *nis2_ctx_catalog_version(const nis2_ctx *ctx)
{
    return ctx ? ctx->catalog_version : NULL;
}

size_t nis2_ctx_entity_type_count(const nis2_ctx *ctx)
{
    return ctx ? ctx->n_etypes : 0;
}

const char *nis2_ctx_entity_type_code(const nis2_ctx *ctx, size_t i)
{
    return ctx && i < ctx->n_etypes ? ctx->etypes[i].code : NULL;
}

const char *nis2i_ms_canonical(const nis2_ctx *ctx, const char *code)
{
    uint32_t idx;
    if (nis2i_map_get(&ctx->ms_index, code, &idx))
        return ctx->ms_codes[idx];
    /* Codes are accepted in any case ("de", "De"): ASCII letters only, so the locale plays no part. */
    char up[4];
    size_t n = 0;
    bool changed = false;
    for (; code[n] && n < sizeof up - 1; n++) {
        char c = code[n];
        if (c >= 'a' && c <= 'z') {
            c = (char)(c - 'a' + 'A');
            changed = true;
        }
        up[n] = c;
    }
    if (code[n] || !changed)
        return NULL;
    up[n] = '\0';
    return nis2i_map_get(&ctx->ms_index, up, &idx) ? ctx->ms_codes[idx] : NULL;
}

static bool same_fold(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if ((x >= 'A' && x <= 'Z' ? x | 0x20 : x) != (y >= 'A' && y <= 'Z' ? y | 0x20 : y))
            return false;
        if (!x)
            return true;
    }
    return true;
}

static const char *last_segment(const char *s)
{
    const char *dot = strrchr(s, '.');
    return dot ? dot + 1 : s;
}

void nis2i_etype_hint(const nis2_ctx *ctx, const char *code, char *buf, size_t n)
{
    enum { MAX_HINTS = 3 };
    const char *hint[MAX_HINTS];
    size_t nh = 0, len = strlen(code);
    /* 1. the same code in another case */
    for (size_t i = 0; i < ctx->n_etypes && nh < MAX_HINTS; i++)
        if (strlen(ctx->etypes[i].code) == len && same_fold(ctx->etypes[i].code, code, len + 1))
            hint[nh++] = ctx->etypes[i].code;
    /* 2. within a few edits (a fifth of the length, at least 1, at most 4), closest first */
    size_t limit = len / 5 < 1 ? 1 : len / 5 > 4 ? 4 : len / 5;
    for (size_t d = 1; d <= limit && nh == 0; d++)
        for (size_t i = 0; i < ctx->n_etypes && nh < MAX_HINTS; i++)
            if (nis2i_edit_distance(ctx->etypes[i].code, code) == d)
                hint[nh++] = ctx->etypes[i].code;
    /* 3. the same last segment ("supplier" in "energy.electricity.supplier"), or code as a prefix */
    const char *seg = last_segment(code);
    size_t seglen = strlen(seg);
    bool none = nh == 0;
    for (size_t i = 0; none && i < ctx->n_etypes && nh < MAX_HINTS; i++) {
        const char *c = ctx->etypes[i].code, *cs = last_segment(c);
        if ((seglen >= 3 && strlen(cs) == seglen && same_fold(cs, seg, seglen + 1)) ||
            (len >= 3 && strlen(c) > len && same_fold(c, code, len) && c[len] == '.'))
            hint[nh++] = c;
    }
    size_t at = 0;
    int w = snprintf(buf, n, " (");
    at = w > 0 && (size_t)w < n ? (size_t)w : n - 1;
    if (nh) {
        w = snprintf(buf + at, n - at, "did you mean ");
        at += w > 0 && (size_t)w < n - at ? (size_t)w : 0;
        for (size_t k = 0; k < nh; k++) {
            w = snprintf(buf + at, n - at, "%s'%s'", k == 0 ? "" : k + 1 == nh ? " or " : ", ", hint[k]);
            at += w > 0 && (size_t)w < n - at ? (size_t)w : 0;
        }
        w = snprintf(buf + at, n - at, "?; ");
        at += w > 0 && (size_t)w < n - at ? (size_t)w : 0;
    }
    snprintf(buf + at, n - at, "every code: `nis2 catalog --part entity_types`)");
}

void nis2i_ms_list(const nis2_ctx *ctx, char *buf, size_t n)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ctx->n_ms; i++) {
        int w = snprintf(buf + at, n - at, "%s%s", i ? ", " : "", ctx->ms_codes[i]);
        if (w < 0 || (size_t)w >= n - at)
            return;
        at += (size_t)w;
    }
    /* the aliases, from the index: "(Greece: GR or EL)" reads as "EL means GR" */
    for (size_t k = 0; k < ctx->ms_index.cap; k++) {
        const char *a = ctx->ms_index.keys ? ctx->ms_index.keys[k] : NULL;
        if (!a)
            continue;
        const char *canon = ctx->ms_codes[ctx->ms_index.vals[k]];
        if (strcmp(a, canon) == 0)
            continue;
        int w = snprintf(buf + at, n - at, "; %s means %s", a, canon);
        if (w < 0 || (size_t)w >= n - at)
            return;
        at += (size_t)w;
    }
}

const nis2i_etype *nis2i_etype_find(const nis2_ctx *ctx, const char *code, uint32_t *index)
{
    uint32_t idx;
    if (!nis2i_map_get(&ctx->etype_index, code, &idx))
        return NULL;
    if (index)
        *index = idx;
    return &ctx->etypes[idx];
}

/* ---------------------------------------------------------------- validation helpers */

typedef struct loader {
    nis2_ctx *ctx;
    nis2_error *err;
    nis2i_reader R;              /* the path stack and the failure formatter (compile/reader.h) */
} loader;

/* "catalog: <path>: …", "catalog: <path> must …" and "catalog: …" at the current path. */
#define AT(L, ...) nis2i_rd_bad(&(L)->R, __VA_ARGS__)
#define THEN(L, ...) nis2i_rd_failf(&(L)->R, NIS2_ERR_CATALOG, NIS2I_FORM_THEN, __VA_ARGS__)
#define BARE(L, ...) nis2i_rd_failf(&(L)->R, NIS2_ERR_CATALOG, NIS2I_FORM_BARE, __VA_ARGS__)
/* The same formatter where no loader is at hand (top-level keys, extend). */
#define CATFAIL(err, path, form, ...) nis2i_fail_at((err), NIS2_ERR_CATALOG, "catalog", (path), (form), __VA_ARGS__)

static const char *req_str(loader *L, const json_t *obj, const char *key, bool nullable, nis2_status *st)
{
    const char *s = nis2i_rd_field_str(&L->R, obj, key, nullable ? NIS2I_FIELD_NULLABLE : NIS2I_FIELD_REQUIRED);
    *st = L->R.st;
    return s;
}

static nis2_status req_number(loader *L, const json_t *obj, const char *key, double *out)
{
    nis2i_rd_field_num(&L->R, obj, key, NIS2I_FIELD_REQUIRED, out);
    return L->R.st;
}

static bool opt_bool(const json_t *obj, const char *key)
{
    return json_is_true(json_object_get(obj, key));
}

static nis2_status load_ceiling(loader *L, const json_t *thr, const char *name, nis2i_sme_ceiling *c)
{
    const json_t *o = json_object_get(thr, name);
    nis2i_rd_set(&L->R, "$.sme_thresholds");
    nis2i_rd_push_key(&L->R, name);
    if (!json_is_object(o))
        return THEN(L, "must be an object");
    nis2_status st;
    if ((st = req_number(L, o, "employees_below", &c->employees_below)) ||
        (st = req_number(L, o, "turnover_max_eur", &c->turnover_max)) ||
        (st = req_number(L, o, "balance_sheet_max_eur", &c->balance_max)))
        return st;
    return NIS2_OK;
}

/* ---------------------------------------------------------------- top-level keys, history, extensions */

/* Every top-level key a catalog document may have (what nis2_ctx_catalog_json() exports). A new part of the
 * catalog adds its key here; keys starting with "x_" are vendor extensions and always accepted. */
static const char *const catalog_keys[] = {
    "schema", "catalog_version", "law", "member_states", "sme_thresholds", "transposition_note",
    "changes", "changes_note", "catalog_extensions",
    "entity_types", "applies_from", "counting", "groups", "roles", "applies_to_semantics", "lex_specialis",
    "obligations", "supervision", "fines", "penalty_rules", "incident_reports", "controls", "ir2690_points",
    "sources", "unresolved", "mappings", "significance", "overlays", "provenance", NULL};

/* Keys of a catalog that an extension may not set: they describe the upstream legal data, not the extension,
 * which names itself with "name" and "version" instead. */
static const char *const upstream_only_keys[] = {"catalog_version", "changes", "changes_note", "catalog_extensions",
                                                 "provenance", NULL};

static bool in_list(const char *const *list, const char *key)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return true;
    return false;
}

static nis2_status check_top_keys(const json_t *doc, bool extension, nis2_error *err)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)doc, key, v) {
        if (strncmp(key, "x_", 2) == 0)
            continue;
        if (extension && (strcmp(key, "name") == 0 || strcmp(key, "version") == 0))
            continue;
        bool known = in_list(catalog_keys, key);
        if (known && !(extension && in_list(upstream_only_keys, key)))
            continue;
        char path[96];
        snprintf(path, sizeof path, "$.%.64s", key);
        if (known)
            return CATFAIL(err, path, NIS2I_FORM_AT,
                           "an extension may not set '%.64s' (it describes the embedded legal data); "
                           "an extension names itself with 'name' and 'version'", key);
        const char *best = nis2i_closest(key, catalog_keys, 3);
        char hint[96] = "";
        if (best && !(extension && in_list(upstream_only_keys, best)))
            snprintf(hint, sizeof hint, " (did you mean '%s'?)", best);
        return CATFAIL(err, path, NIS2I_FORM_AT,
                       "unknown top-level key '%.64s'%s; a %s has the top-level keys that "
                       "`nis2 catalog` prints%s, and vendor keys start with 'x_'",
                       key, hint, extension ? "catalog extension" : "catalog",
                          extension ? " except catalog_version, changes, changes_note, catalog_extensions and "
                                      "provenance, plus its own 'name' and 'version'"
                                    : "");
    }
    return NIS2_OK;
}

static nis2_status str_array(loader *L, const json_t *e, const char *key, bool non_empty)
{
    const json_t *a = json_object_get(e, key);
    if (!json_is_array(a) || (non_empty && json_array_size(a) == 0))
        return AT(L, "field '%s' must be a%s array of strings", key, non_empty ? " non-empty" : "n");
    size_t i;
    const json_t *x;
    json_array_foreach(a, i, x) {
        if (!json_is_string(x) || json_string_length(x) == 0)
            return BARE(L, "%s.%s[%zu] must be a non-empty string", nis2i_rd_path(&L->R), key, i);
    }
    return NIS2_OK;
}

/* $.changes: the history of the legal data, newest first; optional, but when present its newest entry is the
 * catalog_version. */
static nis2_status load_changes(loader *L, const json_t *doc)
{
    const json_t *ch = json_object_get(doc, "changes");
    nis2i_rd_set(&L->R, "$.changes");
    if (!ch)
        return NIS2_OK;
    if (!json_is_array(ch) || json_array_size(ch) == 0)
        return THEN(L, "must be a non-empty array of {version, date, changes, refs}");
    size_t i;
    const json_t *e;
    const char *prev_date = NULL;
    json_array_foreach(ch, i, e) {
        nis2_status st = NIS2_OK;
        nis2i_rd_set_index(&L->R, "$.changes", i);
        if (!json_is_object(e))
            return THEN(L, "must be an object {version, date, changes, refs}");
        const char *key;
        const json_t *v;
        json_object_foreach((json_t *)e, key, v) {
            if (strcmp(key, "version") && strcmp(key, "date") && strcmp(key, "changes") && strcmp(key, "refs") &&
                strncmp(key, "x_", 2) != 0)
                return AT(L, "unknown key '%.64s' (expected version, date, changes, refs or x_…)", key);
        }
        const char *version = req_str(L, e, "version", false, &st);
        if (st)
            return st;
        const char *date = req_str(L, e, "date", false, &st);
        if (st)
            return st;
        if (!nis2i_is_calendar_date(date))
            return AT(L, "date '%.32s' must be YYYY-MM-DD", date);
        if (prev_date && strcmp(date, prev_date) > 0)
            return AT(L, "date %s is later than the entry before it (%s): newest first", date,
                       prev_date);
        prev_date = date;
        if ((st = str_array(L, e, "changes", true)) || (st = str_array(L, e, "refs", false)))
            return st;
        if (i == 0 && strcmp(version, L->ctx->catalog_version) != 0)
            return AT(L, "the newest change is version '%.64s' but catalog_version is '%.64s'", version, L->ctx->catalog_version);
    }
    return NIS2_OK;
}

/* $.catalog_extensions: [{name, version}] of the extensions laid over the catalog, oldest first. */
static nis2_status load_extensions(loader *L, const json_t *doc)
{
    nis2_ctx *ctx = L->ctx;
    const json_t *ex = json_object_get(doc, "catalog_extensions");
    nis2i_rd_set(&L->R, "$.catalog_extensions");
    if (!ex)
        return NIS2_OK;
    if (!json_is_array(ex))
        return THEN(L, "must be an array of {name, version}");
    size_t n = json_array_size(ex);
    if (!n)
        return NIS2_OK;
    ctx->ext_names = calloc(n, sizeof *ctx->ext_names);
    ctx->ext_versions = calloc(n, sizeof *ctx->ext_versions);
    NIS2I_CHECK_ALLOC(&L->R, ctx->ext_names && ctx->ext_versions);
    size_t i;
    const json_t *e;
    json_array_foreach(ex, i, e) {
        nis2_status st = NIS2_OK;
        nis2i_rd_set_index(&L->R, "$.catalog_extensions", i);
        if (!json_is_object(e) || json_object_size(e) != 2)
            return THEN(L, "must be an object with exactly the keys name and version");
        ctx->ext_names[i] = req_str(L, e, "name", false, &st);
        if (!st)
            ctx->ext_versions[i] = req_str(L, e, "version", false, &st);
        if (st)
            return st;
        ctx->n_ext = i + 1;
    }
    return NIS2_OK;
}

int nis2i_ctx_put_extensions(json_t *obj, const nis2_ctx *ctx)
{
    if (!ctx->n_ext)
        return 0;
    json_t *a = json_array();
    if (!a)
        return -1;
    for (size_t i = 0; i < ctx->n_ext; i++) {
        json_t *e = json_object();
        if (!e || json_object_set_new(e, "name", json_string(ctx->ext_names[i])) ||
            json_object_set_new(e, "version", json_string(ctx->ext_versions[i])) || json_array_append_new(a, e)) {
            json_decref(a);
            return -1;
        }
    }
    return json_object_set_new(obj, "catalog_extensions", a) ? -1 : 0;
}

size_t nis2_ctx_extension_count(const nis2_ctx *ctx)
{
    return ctx ? ctx->n_ext : 0;
}

const char *nis2_ctx_extension_name(const nis2_ctx *ctx, size_t i)
{
    return ctx && i < ctx->n_ext ? ctx->ext_names[i] : NULL;
}

const char *nis2_ctx_extension_version(const nis2_ctx *ctx, size_t i)
{
    return ctx && i < ctx->n_ext ? ctx->ext_versions[i] : NULL;
}

static nis2_status load_meta(loader *L, const json_t *doc)
{
    nis2_ctx *ctx = L->ctx;
    nis2_status st = NIS2_OK;
    nis2i_rd_set(&L->R, "$");
    ctx->catalog_version = req_str(L, doc, "catalog_version", false, &st);
    if (st)
        return st;
    ctx->law = req_str(L, doc, "law", false, &st);
    if (st)
        return st;

    const json_t *ms = json_object_get(doc, "member_states");
    nis2i_rd_set(&L->R, "$.member_states");
    if (!json_is_array(ms) || json_array_size(ms) == 0)
        return THEN(L, "must be a non-empty array");
    ctx->n_ms = json_array_size(ms);
    ctx->ms_codes = calloc(ctx->n_ms, sizeof *ctx->ms_codes);
    ctx->ms_law = calloc(ctx->n_ms, sizeof *ctx->ms_law);
    ctx->ms_in_force = calloc(ctx->n_ms, sizeof *ctx->ms_in_force);
    ctx->ms_name = calloc(ctx->n_ms, sizeof *ctx->ms_name);
    ctx->ms_encoded = calloc(ctx->n_ms, sizeof *ctx->ms_encoded);
    NIS2I_CHECK_ALLOC(&L->R, ctx->ms_codes && ctx->ms_law && ctx->ms_in_force && ctx->ms_name && ctx->ms_encoded);
    size_t i;
    const json_t *m;
    json_array_foreach(ms, i, m) {
        nis2i_rd_set_index(&L->R, "$.member_states", i);
        const char *code = req_str(L, m, "code", false, &st);
        if (st)
            return st;
        if (strlen(code) != 2)
            return AT(L, "code '%s' is not two letters", code);
        ctx->ms_codes[i] = code;
        ctx->ms_name[i] = json_string_value(json_object_get(m, "name"));
        const json_t *tr = json_object_get(m, "transposition");
        ctx->ms_encoded[i] = json_is_true(json_object_get(tr, "encoded"));
        if (tr && !json_is_null(tr)) {
            const json_t *tl = json_object_get(tr, "law"), *tf = json_object_get(tr, "in_force");
            if (!json_is_object(tr) || (tl && !json_is_null(tl) && !json_is_string(tl)) ||
                (tf && !json_is_null(tf) && !json_is_string(tf)))
                return BARE(L, "%s.transposition: expected {\"law\": string or null, \"in_force\": \"YYYY-MM-DD\" or null}",
                            nis2i_rd_path(&L->R));
            ctx->ms_law[i] = json_string_value(tl);
            ctx->ms_in_force[i] = json_string_value(tf);
        }
        int rc = nis2i_map_put(&ctx->ms_index, code, (uint32_t)i);
        NIS2I_CHECK_ALLOC(&L->R, rc >= 0);
        if (rc > 0)
            return BARE(L, "member state '%s' is listed twice", code);
        const json_t *aliases = json_object_get(m, "aliases");
        size_t j;
        const json_t *a;
        json_array_foreach(aliases, j, a) {
            if (!json_is_string(a))
                return AT(L, "aliases must be strings");
            if (nis2i_map_put(&ctx->ms_index, json_string_value(a), (uint32_t)i) != 0)
                return BARE(L, "member state alias '%s' is listed twice", json_string_value(a));
        }
    }

    const json_t *thr = json_object_get(doc, "sme_thresholds");
    nis2i_rd_set(&L->R, "$.sme_thresholds");
    if (!json_is_object(thr))
        return THEN(L, "must be an object");
    ctx->sme.ref = req_str(L, thr, "ref", false, &st);
    if (st)
        return st;
    if ((st = load_ceiling(L, thr, "micro", &ctx->sme.micro)) || (st = load_ceiling(L, thr, "small", &ctx->sme.small)) ||
        (st = load_ceiling(L, thr, "medium", &ctx->sme.medium)))
        return st;
    if ((st = load_changes(L, doc)))
        return st;
    return load_extensions(L, doc);
}

static nis2_status load_etype(loader *L, const json_t *t, int overlay, nis2i_etype *et)
{
    nis2_status st = NIS2_OK;
    memset(et, 0, sizeof *et);
    et->overlay = overlay;
    if (!json_is_object(t))
        return THEN(L, "must be an object");
    et->code = req_str(L, t, "code", false, &st);
    if (!st) et->sector = req_str(L, t, "sector", false, &st);
    if (!st) et->subsector = req_str(L, t, "subsector", true, &st);
    if (!st) {
        const json_t *lab = json_object_get(t, "label");      /* a string, or {"en": …, "pt": …} */
        if (json_is_object(lab) && json_is_string(json_object_get(lab, "en")))
            et->label = json_string_value(json_object_get(lab, "en"));
        else
            et->label = req_str(L, t, "label", false, &st);
    }
    if (!st) et->ref = req_str(L, t, "ref", false, &st);
    if (!st) et->carve_out = req_str(L, t, "carve_out", true, &st);
    if (!st) et->annex_point = req_str(L, t, "annex_point", true, &st);
    if (st)
        return st;
    const char *annex = req_str(L, t, "annex", false, &st);
    if (st)
        return st;
    if (strcmp(annex, "I") == 0)
        et->annex = 1;
    else if (strcmp(annex, "II") == 0)
        et->annex = 2;
    else if (strcmp(annex, "none") == 0)
        et->annex = 0;
    else
        return AT(L, "annex '%s' must be \"I\", \"II\" or \"none\"", annex);
    const char *role = req_str(L, t, "role", false, &st);
    if (st)
        return st;
    if (!nis2i_role_from_name(role, &et->role)) {
        char list[320];
        nis2i_role_list(list, sizeof list);
        return AT(L, "unknown role '%.40s' (expected %s)", role, list);
    }
    if (opt_bool(t, "size_independent"))
        et->flags |= NIS2I_ET_SIZE_INDEPENDENT;
    if (opt_bool(t, "main_establishment"))
        et->flags |= NIS2I_ET_MAIN_ESTABLISHMENT;
    if (opt_bool(t, "ir_2024_2690"))
        et->flags |= NIS2I_ET_IR;
    if (opt_bool(t, "essential_regardless_of_size"))
        et->flags |= NIS2I_ET_ESSENTIAL_ANY_SIZE;
    return NIS2_OK;
}

static nis2_status add_etypes(loader *L, const json_t *arr, const char *base, int overlay, const char *prefix)
{
    nis2_ctx *ctx = L->ctx;
    size_t i;
    const json_t *t;
    json_array_foreach(arr, i, t) {
        nis2i_rd_set_index(&L->R, base, i);
        nis2i_etype *et = &ctx->etypes[ctx->n_etypes];
        nis2_status st = load_etype(L, t, overlay, et);
        if (st)
            return st;
        if (prefix && strncmp(et->code, prefix, strlen(prefix)) != 0)
            return AT(L, "national entity type '%s' must start with '%s'", et->code, prefix);
        int rc = nis2i_map_put(&ctx->etype_index, et->code, (uint32_t)ctx->n_etypes);
        NIS2I_CHECK_ALLOC(&L->R, rc >= 0);
        if (rc > 0)
            return AT(L, "duplicate entity type code '%s'", et->code);
        ctx->n_etypes++;
    }
    return NIS2_OK;
}

static nis2_status load_entity_types(loader *L, const json_t *doc)
{
    nis2_ctx *ctx = L->ctx;
    const json_t *types = json_object_get(doc, "entity_types");
    nis2i_rd_set(&L->R, "$.entity_types");
    if (!json_is_array(types) || json_array_size(types) == 0)
        return THEN(L, "must be a non-empty array");
    size_t total = json_array_size(types);
    const json_t *ovs = json_object_get(doc, "overlays");
    size_t i;
    const json_t *ov;
    json_array_foreach(ovs, i, ov) total += json_array_size(json_object_get(ov, "entity_types"));
    ctx->etypes = calloc(total, sizeof *ctx->etypes);
    NIS2I_CHECK_ALLOC(&L->R, ctx->etypes);
    return add_etypes(L, types, "$.entity_types", -1, NULL);
}

static nis2_status load_overlays(loader *L, const json_t *doc)
{
    nis2_ctx *ctx = L->ctx;
    const json_t *ovs = json_object_get(doc, "overlays");
    nis2i_rd_set(&L->R, "$.overlays");
    if (!ovs)
        return NIS2_OK;
    if (!json_is_array(ovs))
        return THEN(L, "must be an array");
    ctx->overlays = calloc(json_array_size(ovs) + 1, sizeof *ctx->overlays);
    NIS2I_CHECK_ALLOC(&L->R, ctx->overlays);
    size_t i;
    json_t *ov;
    json_array_foreach(ovs, i, ov) {
        nis2_status st = NIS2_OK;
        nis2i_rd_set_index(&L->R, "$.overlays", i);
        if (!json_is_object(ov))
            return THEN(L, "must be an object");
        const char *cc = req_str(L, ov, "country", false, &st);
        if (st)
            return st;
        const char *canon = nis2i_ms_canonical(ctx, cc);
        if (!canon)
            return AT(L, "overlay country '%s' is not a Member State in the catalog", cc);
        nis2i_overlay *o = &ctx->overlays[ctx->n_overlays];
        o->country = canon;
        o->doc = ov;
        o->ctx = ctx;
        o->law = req_str(L, ov, "law", false, &st);
        if (st)
            return st;
        int rc = nis2i_map_put(&ctx->overlay_index, canon, (uint32_t)ctx->n_overlays);
        NIS2I_CHECK_ALLOC(&L->R, rc >= 0);
        if (rc > 0)
            return AT(L, "a second overlay for '%s'", canon);
        ctx->n_overlays++;
        char prefix[8];
        snprintf(prefix, sizeof prefix, "%c%c.", canon[0] | 0x20, canon[1] | 0x20);
        char base[64];
        snprintf(base, sizeof base, "$.overlays[%zu].entity_types", i);
        const json_t *types = json_object_get(ov, "entity_types");
        if (types && !json_is_array(types))
            return BARE(L, "%s must be an array", base);
        if ((st = add_etypes(L, types, base, (int)(ctx->n_overlays - 1), prefix)))
            return st;
        if ((st = nis2i_overlay_validate(o, i, L->err)))
            return st;
        snprintf(base, sizeof base, "$.overlays[%zu]", i);
        if ((st = nis2i_ruleset_compile(ctx, ov, base, &o->ruleset, L->err)))
            return st;
    }
    /* every overlay's entity types are in ctx->etypes now: index the authority rules' code prefixes over them */
    for (size_t k = 0; k < ctx->n_overlays; k++) {
        nis2_status st = nis2i_overlay_index_types(&ctx->overlays[k], ctx, L->err);
        if (st)
            return st;
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- extend: lay a document over another */

static const char *entry_key(const json_t *e, char *buf, size_t n)
{
    static const char *const keys[] = {"code", "id", "country"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const json_t *v = json_object_get(e, keys[k]);
        if (json_is_string(v))
            return json_string_value(v);
    }
    const json_t *from = json_object_get(e, "from"), *to = json_object_get(e, "to");
    if (json_is_string(from)) {
        snprintf(buf, n, "%s\x1f%s", json_string_value(from), json_is_string(to) ? json_string_value(to) : "");
        return buf;
    }
    return NULL;
}

/* Entries of over replace the base entry with the same key, or are appended. The keys of base are indexed once,
 * so a large extending document costs O(n), not O(n * m). */
static nis2_status merge_array(json_t *base, const json_t *over, const char *path, nis2_error *err)
{
    nis2i_map index = {0};
    char **owned = calloc(json_array_size(base) + json_array_size(over) + 1, sizeof *owned);
    size_t n_owned = 0;
    nis2_status st = NIS2_OK;
    if (!owned)
        return nis2i_nomem(err);
    size_t i;
    const json_t *e;
    json_array_foreach(base, i, e) {
        char kb[512];
        const char *k = json_is_object(e) ? entry_key(e, kb, sizeof kb) : NULL;
        if (!k)
            continue;
        if (!(owned[n_owned] = nis2i_strdup(k)) || nis2i_map_put(&index, owned[n_owned], (uint32_t)i) < 0) {
            st = nis2i_nomem(err);
            goto done;
        }
        n_owned++;           /* a duplicate key in base keeps its first entry, as before */
    }
    json_array_foreach(over, i, e) {
        char kb[512];
        const char *k = json_is_object(e) ? entry_key(e, kb, sizeof kb) : NULL;
        if (!k) {
            st = CATFAIL(err, path, NIS2I_FORM_BARE, "%s[%zu]: an extending entry needs a code, id, country or from/to key",
                         path, i);
            goto done;
        }
        uint32_t j;
        json_t *copy = json_deep_copy(e);
        if (!copy) {
            st = nis2i_nomem(err);
            goto done;
        }
        if (nis2i_map_get(&index, k, &j)) {
            if (json_array_set_new(base, j, copy) != 0)
                st = nis2i_nomem(err);
        } else {
            size_t at = json_array_size(base);
            if (json_array_append_new(base, copy) != 0 || !(owned[n_owned] = nis2i_strdup(k)) ||
                nis2i_map_put(&index, owned[n_owned], (uint32_t)at) < 0)
                st = nis2i_nomem(err);
            else
                n_owned++;
        }
        if (st)
            goto done;
    }
done:
    nis2i_map_free(&index);
    for (size_t k = 0; k <= n_owned && owned[k]; k++)
        free(owned[k]);
    free(owned);
    return st;
}

static nis2_status merge_doc(json_t *base, const json_t *over, nis2_error *err)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)over, key, v) {
        json_t *b = json_object_get(base, key);
        char path[128];
        snprintf(path, sizeof path, "$.%s", key);
        if (json_is_array(b) && json_is_array(v)) {
            nis2_status st = merge_array(b, v, path, err);
            if (st)
                return st;
        } else if (json_object_set_new(base, key, json_deep_copy(v)) != 0) {
            return nis2i_nomem(err);
        }
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- construction */

static nis2_status ctx_from_doc(json_t *doc, nis2_ctx **out, nis2_error *err)
{
    nis2_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        json_decref(doc);
        return nis2i_nomem(err);
    }
    atomic_init(&ctx->refs, 1);
    ctx->doc = doc;
    loader L = {.ctx = ctx, .err = err};
    nis2i_rd_init(&L.R, err, NIS2_ERR_CATALOG, "catalog", "$");
    nis2_status st;
    if (!json_is_object(doc)) {
        st = CATFAIL(err, "$", NIS2I_FORM_BARE, "the document must be a JSON object");
    } else {
        const json_t *schema = json_object_get(doc, "schema");
        if (schema && (!json_is_integer(schema) || json_integer_value(schema) != 1))
            st = CATFAIL(err, "$.schema", NIS2I_FORM_THEN, "must be 1");
        else if ((st = check_top_keys(doc, false, err)))
            ;
        else if (!(st = load_meta(&L, doc)) && !(st = load_entity_types(&L, doc)))
            st = load_overlays(&L, doc);
        /* capability modules validate their own parts here as they are added */
        if (!st)
            st = nis2i_obligations_load(ctx, err);
        if (!st)
            st = nis2i_iso_load(ctx, err);
        if (!st)
            st = nis2i_incident_load(ctx, err);
    }
    if (st) {
        ctx_destroy(ctx);
        return st;
    }
    *out = ctx;
    return NIS2_OK;
}

nis2_status nis2i_embedded_doc(json_t **out, nis2_error *err)
{
    json_error_t jerr;
    *out = json_loadb((const char *)nis2i_embedded_catalog, nis2i_embedded_catalog_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!*out)
        return nis2i_fail(err, NIS2_ERR_CATALOG, NULL, "embedded catalog: %s", jerr.text);
    return NIS2_OK;
}

nis2_status nis2_ctx_new(nis2_ctx **out, nis2_error *err)
{
    if (!out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_ctx_new: out must not be NULL");
    *out = NULL;
    /* the model compiled at build time (compile/image.h); without one, compile the embedded JSON */
    nis2_status st = nis2i_image_load(&nis2i_embedded_image, out, err);
    if (st != NIS2_ERR_NOT_FOUND)
        return st;
    json_t *doc;
    if ((st = nis2i_embedded_doc(&doc, err)))
        return st;
    return ctx_from_doc(doc, out, err);
}

nis2_status nis2_ctx_new_from_json(nis2_ctx **out, const char *json, size_t len, uint32_t flags, nis2_error *err)
{
    if (!out || !json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_ctx_new_from_json: out and json must not be NULL");
    *out = NULL;
    if (flags & ~NIS2_CATALOG_EXTEND)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_ctx_new_from_json: unknown flags 0x%x", flags);
    json_t *over;
    /* JSON, or a CISO Assistant library in YAML (compile/exchange_import.h) */
    nis2_status st = nis2i_exchange_parse(json, len, &over, err);
    if (st)
        return st;
    if (!json_is_object(over)) {
        json_decref(over);
        return CATFAIL(err, "$", NIS2I_FORM_BARE, "the document must be a JSON object");
    }
    if (!(flags & NIS2_CATALOG_EXTEND)) {
        if (nis2i_exchange_detect(over) != NIS2I_EXCHANGE_NATIVE) {
            json_decref(over);
            return CATFAIL(err, "$", NIS2I_FORM_BARE,
                           "an OSCAL mapping-collection or a CISO Assistant library can only extend the "
                              "catalog (NIS2_CATALOG_EXTEND, --catalog-extend), not replace it");
        }
        return ctx_from_doc(over, out, err);
    }
    /* An extension names itself: "name" and "version" go into $.catalog_extensions of the merged catalog, and
     * results report them next to catalog_version. A native extension has them at the top level (their absence
     * is reported once the content has been validated, so an error in the content is named first); an OSCAL
     * mapping-collection has them in metadata.title and metadata.version, a CISO Assistant library in name (or
     * urn) and version. */
    nis2i_exchange_kind kind = nis2i_exchange_detect(over);
    const json_t *idv[2] = {NULL, NULL};
    const char *idpath[2] = {"$.name", "$.version"};
    if (kind == NIS2I_EXCHANGE_NATIVE) {
        if ((st = check_top_keys(over, true, err))) {
            json_decref(over);
            return st;
        }
        idv[0] = json_object_get(over, "name");
        idv[1] = json_object_get(over, "version");
    } else if (kind == NIS2I_EXCHANGE_OSCAL_MAPPING) {
        const json_t *md = json_object_get(json_object_get(over, "mapping-collection"), "metadata");
        idv[0] = json_object_get(md, "title");
        idv[1] = json_object_get(md, "version");
        idpath[0] = "$.mapping-collection.metadata.title";
        idpath[1] = "$.mapping-collection.metadata.version";
    } else {
        idv[0] = json_object_get(over, "name") ? json_object_get(over, "name") : json_object_get(over, "urn");
        idv[1] = json_object_get(over, "version");
    }
    char id[2][128] = {"", ""};
    for (int k = 0; k < 2; k++) {
        const json_t *v = idv[k];
        if (!v)
            continue;
        if (json_is_string(v) && json_string_length(v) > 0)
            snprintf(id[k], sizeof id[k], "%s", json_string_value(v));
        else if (kind == NIS2I_EXCHANGE_CISO_LIBRARY && k == 1 && json_is_integer(v))
            snprintf(id[k], sizeof id[k], "%lld", (long long)json_integer_value(v));   /* CISO versions are numbers */
        else {
            json_decref(over);
            return CATFAIL(err, idpath[k], NIS2I_FORM_AT, "an extension's %s must be a non-empty string",
                           k ? "version" : "name");
        }
    }
    json_t *base;
    if ((st = nis2i_embedded_doc(&base, err))) {
        json_decref(over);
        return st;
    }
    /* an OSCAL mapping-collection or CISO Assistant mapping set becomes the catalog's own mappings */
    if ((st = nis2i_exchange_convert(base, &over, err))) {
        json_decref(over);
        json_decref(base);
        return st;
    }
    json_object_del(over, "name");
    json_object_del(over, "version");
    st = merge_doc(base, over, err);
    json_decref(over);
    bool named = id[0][0] && id[1][0];
    if (!st && named) {
        json_t *list = json_object_get(base, "catalog_extensions");
        if (!list) {
            list = json_array();
            if (!list || json_object_set_new(base, "catalog_extensions", list))
                st = nis2i_nomem(err);
        }
        json_t *e = json_pack("{ssss}", "name", id[0], "version", id[1]);
        if (!st && (!e || json_array_append_new(list, e)))
            st = nis2i_nomem(err);
    }
    if (st) {
        json_decref(base);
        return st;
    }
    const char *absent = id[0][0] ? idpath[1] : idpath[0];
    st = ctx_from_doc(base, out, err);
    if (!st && !named) {
        nis2_ctx_free(*out);
        *out = NULL;
        return CATFAIL(err, absent, NIS2I_FORM_AT,
                       "a catalog extension needs a '%s' (a non-empty string): results report the "
                       "name and version of every extension next to catalog_version",
                       strrchr(absent, '.') + 1);
    }
    return st;
}

nis2_status nis2_ctx_new_from_file(nis2_ctx **out, const char *path, uint32_t flags, nis2_error *err)
{
    if (!out || !path)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_ctx_new_from_file: out and path must not be NULL");
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nis2i_fail(err, NIS2_ERR_IO, NULL, "cannot open catalog '%s': %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return nis2i_fail(err, NIS2_ERR_IO, NULL, "cannot read catalog '%s': %s", path,
                          S_ISDIR(sb.st_mode) ? strerror(EISDIR) : "not a regular file");
    }
    if ((uint64_t)sb.st_size > NIS2I_MAX_DOC_BYTES) {
        close(fd);
        return nis2i_fail(err, NIS2_ERR_LIMIT, NULL, "catalog '%s' is larger than %u bytes", path, NIS2I_MAX_DOC_BYTES);
    }
    size_t n = (size_t)sb.st_size, got = 0;
    char *buf = malloc(n + 1);
    if (!buf) {
        close(fd);
        return nis2i_nomem(err);
    }
    int read_errno = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            read_errno = errno;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != n) {
        free(buf);
        return nis2i_fail(err, NIS2_ERR_IO, NULL, "cannot read catalog '%s': %s", path,
                          read_errno ? strerror(read_errno) : "the file is shorter than its size");
    }
    nis2_status st = nis2_ctx_new_from_json(out, buf, n, flags, err);
    free(buf);
    return st;
}

/* ---------------------------------------------------------------- export */

/* The parts nis2_ctx_catalog_json() exports on their own; the error for an unknown part lists this table. */
static const char *const export_parts[] = {"entity_types", "obligations", "controls", "mappings", "overlays",
                                           "member_states", "sme_thresholds",
                                           "ir2690_points", "sources", "changes", "catalog_extensions", NULL};

const char *nis2_catalog_part_name(size_t i)
{
    return i < sizeof export_parts / sizeof export_parts[0] - 1 ? export_parts[i] : NULL;
}

nis2_status nis2_ctx_catalog_json(const nis2_ctx *ctx, const char *part, uint32_t flags, char **out_json,
                                  nis2_error *err)
{
    if (!ctx || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_ctx_catalog_json: ctx and out_json must not be NULL");
    *out_json = NULL;
    const json_t *doc = nis2i_ctx_doc(ctx);
    json_t *o = doc ? json_object() : NULL;
    if (!o)
        return nis2i_nomem(err);
    json_object_set_new(o, "schema", json_integer(1));
    if (!part) {
        json_object_set_new(o, "catalog_version", json_string(ctx->catalog_version));
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)doc, k, v) {
            if (strcmp(k, "schema") != 0 && strcmp(k, "catalog_version") != 0)
                json_object_set_new(o, k, json_deep_copy(v));
        }
    } else {
        bool known = false;
        for (size_t i = 0; export_parts[i]; i++)
            known |= strcmp(export_parts[i], part) == 0;
        json_t *v = json_object_get(doc, part);
        if (!known) {
            json_decref(o);
            nis2i_buf names = {0};
            for (size_t i = 0; export_parts[i]; i++)
                nis2i_buf_printf(&names, "%s%s", i == 0 ? "" : export_parts[i + 1] ? ", " : " or ", export_parts[i]);
            const char *best = nis2i_closest(part, export_parts, 3);
            char hint[64] = "";
            if (best)
                snprintf(hint, sizeof hint, "did you mean '%s'? ", best);
            nis2_status st = names.oom ? nis2i_nomem(err)
                                       : nis2i_fail(err, NIS2_ERR_NOT_FOUND, NULL,
                                                    "unknown catalog part '%.64s' (%sexpected %s)", part, hint,
                                                    names.data);
            nis2i_buf_free(&names);
            return st;
        }
        json_object_set_new(o, part, v ? json_deep_copy(v) : json_array());
    }
    nis2_status st = nis2i_json_dump(o, flags, out_json, err);
    json_decref(o);
    return st;
}
