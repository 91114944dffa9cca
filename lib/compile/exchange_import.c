/* SPDX-License-Identifier: Apache-2.0 */
/* Import of mappings from OSCAL mapping-collections and CISO Assistant libraries (exchange_import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "compile/exchange_import.h"
#include "util/util.h"

/* ---------------------------------------------------------------- detection */

nis2i_exchange_kind nis2i_exchange_detect(const json_t *doc)
{
    if (!json_is_object(doc))
        return NIS2I_EXCHANGE_NATIVE;
    if (json_object_size(doc) == 1 && json_is_object(json_object_get(doc, "mapping-collection")))
        return NIS2I_EXCHANGE_OSCAL_MAPPING;
    const char *urn = json_string_value(json_object_get(doc, "urn"));
    const json_t *objs = json_object_get(doc, "objects");
    if (urn && strncmp(urn, "urn:", 4) == 0 && json_is_object(objs) &&
        (json_object_get(objs, "requirement_mapping_sets") || json_object_get(objs, "requirement_mapping_set")))
        return NIS2I_EXCHANGE_CISO_LIBRARY;
    return NIS2I_EXCHANGE_NATIVE;
}

/* ---------------------------------------------------------------- YAML -> JSON */

typedef struct yr {
    yaml_parser_t p;
    nis2_error *err;
    nis2_status st;
    size_t values;
    char path[512];
} yr;

NIS2I_PRINTF(3, 4) static void yfail(yr *r, nis2_status code, const char *fmt, ...)
{
    if (r->st)
        return;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->st = nis2i_fail(r->err, code, r->path, "%s: %s", r->path, msg);
}

static bool next(yr *r, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&r->p, ev)) {
        yfail(r, NIS2_ERR_PARSE, "not valid YAML: %s (line %zu, column %zu)", r->p.problem ? r->p.problem : "error",
              r->p.problem_mark.line + 1, r->p.problem_mark.column + 1);
        return false;
    }
    return true;
}

static json_t *scalar_value(yr *r, const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    if (n > nis2i_catalog_limits.string_bytes) {
        yfail(r, NIS2_ERR_LIMIT, "a string longer than %zu bytes", nis2i_catalog_limits.string_bytes);
        return NULL;
    }
    if (memchr(s, '\0', n)) {
        yfail(r, NIS2_ERR_PARSE, "NUL character in a string");
        return NULL;
    }
    if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag) {
        static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
        static const char *const trues[] = {"true", "True", "TRUE"};
        static const char *const falses[] = {"false", "False", "FALSE"};
        for (size_t i = 0; i < 5; i++)
            if (strcmp(s, nulls[i]) == 0)
                return json_null();
        for (size_t i = 0; i < 3; i++) {
            if (strcmp(s, trues[i]) == 0)
                return json_true();
            if (strcmp(s, falses[i]) == 0)
                return json_false();
        }
        /* an integer: optional sign, digits (at most 18, so it fits) */
        size_t k = (s[0] == '-' || s[0] == '+') ? 1 : 0, d = 0;
        while (s[k + d] >= '0' && s[k + d] <= '9')
            d++;
        if (d && d <= 18 && s[k + d] == '\0')
            return json_integer((json_int_t)strtoll(s, NULL, 10));
    }
    return json_stringn(s, n);
}

static json_t *node(yr *r, yaml_event_t *ev, size_t depth);

static json_t *collection(yr *r, bool mapping, size_t depth)
{
    if (depth > nis2i_catalog_limits.depth) {
        yfail(r, NIS2_ERR_LIMIT, "nesting deeper than %zu", nis2i_catalog_limits.depth);
        return NULL;
    }
    json_t *c = mapping ? json_object() : json_array();
    size_t base = strlen(r->path), i = 0;
    for (;;) {
        yaml_event_t ev;
        if (!next(r, &ev))
            break;
        if (ev.type == (mapping ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT)) {
            yaml_event_delete(&ev);
            r->path[base] = '\0';
            return c;
        }
        if (i >= nis2i_catalog_limits.array_len) {
            yaml_event_delete(&ev);
            yfail(r, NIS2_ERR_LIMIT, "more than %zu elements", nis2i_catalog_limits.array_len);
            break;
        }
        if (mapping) {
            if (ev.type != YAML_SCALAR_EVENT) {
                yaml_event_delete(&ev);
                yfail(r, NIS2_ERR_PARSE, "a mapping key must be a scalar (line %zu)", ev.start_mark.line + 1);
                break;
            }
            size_t klen = ev.data.scalar.length;
            bool nul = memchr(ev.data.scalar.value, '\0', klen) != NULL;
            char *key = malloc(klen + 1);
            if (key) {
                memcpy(key, ev.data.scalar.value, klen);
                key[klen] = '\0';
            }
            yaml_event_delete(&ev);
            if (!key) {
                yfail(r, NIS2_ERR_NOMEM, "out of memory");
                break;
            }
            snprintf(r->path + base, sizeof r->path - base, ".%.*s", (int)(klen < 200 ? klen : 200), key);
            bool dup = !nul && json_object_get(c, key) != NULL;
            if (nul || klen > nis2i_catalog_limits.string_bytes || dup) {
                free(key);
                yfail(r,
                      nul   ? NIS2_ERR_PARSE
                      : dup ? NIS2_ERR_PARSE
                            : NIS2_ERR_LIMIT,
                      nul   ? "NUL character in a key"
                      : dup ? "duplicate mapping key"
                            : "a key longer than the limit");
                break;
            }
            yaml_event_t vev;
            json_t *v = next(r, &vev) ? node(r, &vev, depth + 1) : NULL;
            if (!v) {
                free(key);
                break;
            }
            json_object_set_new(c, key, v);
            free(key);
        } else {
            snprintf(r->path + base, sizeof r->path - base, "[%zu]", i);
            json_t *v = node(r, &ev, depth + 1);
            if (!v)
                break;
            json_array_append_new(c, v);
        }
        r->path[base] = '\0';
        i++;
    }
    json_decref(c);
    return NULL;
}

/* Build the value that starts with ev (which this function deletes). */
static json_t *node(yr *r, yaml_event_t *ev, size_t depth)
{
    if (++r->values > nis2i_catalog_limits.values) {
        yaml_event_delete(ev);
        yfail(r, NIS2_ERR_LIMIT, "more than %zu values in the document", nis2i_catalog_limits.values);
        return NULL;
    }
    json_t *v = NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        v = scalar_value(r, ev);
        yaml_event_delete(ev);
        return v;
    case YAML_SEQUENCE_START_EVENT:
        yaml_event_delete(ev);
        return collection(r, false, depth);
    case YAML_MAPPING_START_EVENT:
        yaml_event_delete(ev);
        return collection(r, true, depth);
    case YAML_ALIAS_EVENT:
        yfail(r, NIS2_ERR_PARSE, "YAML aliases are not accepted (line %zu)", ev->start_mark.line + 1);
        break;
    default:
        yfail(r, NIS2_ERR_PARSE, "unexpected YAML event");
        break;
    }
    yaml_event_delete(ev);
    return NULL;
}

nis2_status nis2i_yaml_to_json(const char *text, size_t len, json_t **out, nis2_error *err)
{
    *out = NULL;
    if (len > nis2i_catalog_limits.doc_bytes)
        return nis2i_fail(err, NIS2_ERR_LIMIT, "$", "$: the document is larger than %zu bytes",
                          nis2i_catalog_limits.doc_bytes);
    yr r = {.err = err};
    strcpy(r.path, "$");
    if (!yaml_parser_initialize(&r.p))
        return nis2i_nomem(err);
    yaml_parser_set_input_string(&r.p, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&r.p, YAML_UTF8_ENCODING);
    json_t *doc = NULL;
    yaml_event_t ev;
    /* stream start, document start, the root node, document end, stream end */
    bool ok = next(&r, &ev) && ev.type == YAML_STREAM_START_EVENT;
    if (ok)
        yaml_event_delete(&ev);
    ok = ok && next(&r, &ev);
    if (ok && ev.type == YAML_DOCUMENT_START_EVENT) {
        yaml_event_delete(&ev);
        if (next(&r, &ev))
            doc = node(&r, &ev, 1);
        if (doc && next(&r, &ev)) {
            bool end = ev.type == YAML_DOCUMENT_END_EVENT;
            yaml_event_delete(&ev);
            if (end && next(&r, &ev)) {
                if (ev.type != YAML_STREAM_END_EVENT)
                    yfail(&r, NIS2_ERR_PARSE, "more than one YAML document");
                yaml_event_delete(&ev);
            }
        }
    } else if (ok) {
        yaml_event_delete(&ev);
        yfail(&r, NIS2_ERR_PARSE, "an empty YAML stream");
    }
    yaml_parser_delete(&r.p);
    if (!r.st && !doc)
        r.st = nis2i_fail(err, NIS2_ERR_PARSE, "$", "$: not a YAML document");
    if (r.st) {
        json_decref(doc);
        return r.st;
    }
    *out = doc;
    return NIS2_OK;
}

nis2_status nis2i_exchange_parse(const char *text, size_t len, json_t **out, nis2_error *err)
{
    size_t k = 0;
    while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\n'))
        k++;
    /* JSON documents start with an object, an array, a string or a number ("-1"; "- x" and "---" are YAML);
     * a letter starts YAML (true/false/null are valid YAML too, and then get the JSON parser's answer below) */
    bool json_like = k == len || (text[k] != '\0' && strchr("{[\"0123456789", text[k]) != NULL) ||
                     (text[k] == '-' && k + 1 < len && text[k + 1] >= '0' && text[k + 1] <= '9') || text[k] == '\0';
    if (!json_like) {
        json_t *y = NULL;
        if (nis2i_yaml_to_json(text, len, &y, NULL) == NIS2_OK &&
            nis2i_exchange_detect(y) == NIS2I_EXCHANGE_CISO_LIBRARY) {
            *out = y;
            return NIS2_OK;
        }
        if (y && nis2i_exchange_detect(y) == NIS2I_EXCHANGE_NATIVE && json_is_object(y) && json_object_get(y, "urn")) {
            json_decref(y);
            /* a YAML document that looks like a CISO library: say what is wrong with it, not that it is no JSON */
            return nis2i_fail(err, NIS2_ERR_CATALOG, "$.objects",
                              "catalog: $.objects: a CISO Assistant library to extend the catalog needs "
                              "objects.requirement_mapping_sets");
        }
        json_decref(y);
        if (!json_like) {
            /* not JSON either: the YAML reader's own error says where it stopped, unless it parsed */
            nis2_status st = nis2i_yaml_to_json(text, len, &y, NULL);
            json_decref(y);
            if (st)
                return nis2i_yaml_to_json(text, len, out, err);
        }
    }
    return nis2i_json_parse_ex(text, len, &nis2i_catalog_limits, "$", out, err);
}

/* ---------------------------------------------------------------- conversion */

typedef struct conv {
    const json_t *base;
    json_t *ids; /* lower-case id -> [canonical id, kind] */
    json_t *pairs;
    const char *source; /* the document's source id */
    nis2_error *err;
} conv;

enum { END_DUTY = 0, END_IR = 1, END_ISO = 2 };

static const char *sget(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

static void lower_copy(const char *s, char *out, size_t n)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        out[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? (s[i] | 0x20) : s[i]);
    out[i] = '\0';
}

static void index_ids(conv *c, const json_t *arr, int kind)
{
    size_t i;
    const json_t *o;
    json_array_foreach(arr, i, o) {
        const char *id = sget(o, "id");
        if (!id)
            continue;
        char k[256];
        lower_copy(id, k, sizeof k);
        json_object_set_new(c->ids, k, json_pack("[si]", id, kind));
    }
}

/* The catalog id of an end, and its kind; NULL when it does not resolve. */
static const char *resolve(const conv *c, const char *ref, int *kind)
{
    char k[256];
    if (!ref || strlen(ref) >= sizeof k)
        return NULL;
    lower_copy(ref, k, sizeof k);
    const json_t *e = json_object_get(c->ids, k);
    if (!e)
        return NULL;
    *kind = (int)json_integer_value(json_array_get(e, 1));
    return json_string_value(json_array_get(e, 0));
}

NIS2I_PRINTF(3, 4) static nis2_status cfail(conv *c, const char *path, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nis2i_fail(c->err, NIS2_ERR_CATALOG, path, "catalog: %s: %s", path, msg);
}

static const char *invert(const char *rel)
{
    return strcmp(rel, "subset_of") == 0 ? "superset_of" : strcmp(rel, "superset_of") == 0 ? "subset_of" : rel;
}

/* One pair from -> to (either end may be given backwards: ISO or IR as source, a duty as target). */
static nis2_status add_pair(conv *c, const char *path, const char *what, const char *from_ref, const char *to_ref,
                            const char *rel, const char *rationale, const char *source)
{
    int fk = -1, tk = -1;
    const char *from = resolve(c, from_ref, &fk);
    const char *to = to_ref ? resolve(c, to_ref, &tk) : NULL;
    if (!from)
        return cfail(c, path,
                     "%s: source '%s' is not a duty, an IR 2024/2690 point or an ISO/IEC 27001:2022 id of this "
                     "catalog",
                     what, from_ref ? from_ref : "(none)");
    if (to_ref && !to)
        return cfail(c, path,
                     "%s: target '%s' is not a duty, an IR 2024/2690 point or an ISO/IEC 27001:2022 id of this "
                     "catalog",
                     what, to_ref);
    if (to && (fk == END_ISO || (fk == END_IR && tk == END_DUTY))) {
        const char *t = from; /* written the other way round: the graph reads duty -> IR -> ISO */
        int tt = fk;
        from = to;
        fk = tk;
        to = t;
        tk = tt;
        rel = invert(rel);
    }
    if (fk == END_ISO || (to && tk == END_DUTY) || (to && strcmp(from, to) == 0))
        return cfail(c, path,
                     "%s: '%s' -> '%s' does not link a duty or an IR 2024/2690 point to an IR point or an "
                     "ISO/IEC 27001:2022 id",
                     what, from, to ? to : "(none)");
    if (!to && strcmp(rel, "no_relationship") != 0)
        return cfail(c, path, "%s: only no_relationship may have no target", what);
    json_t *p = json_object();
    json_object_set_new(p, "from", json_string(from));
    json_object_set_new(p, "to", to ? json_string(to) : json_null());
    json_object_set_new(p, "relationship", json_string(rel));
    json_object_set_new(p, "rationale", json_string(rationale));
    json_object_set_new(p, "source", json_string(source));
    json_array_append_new(c->pairs, p);
    return NIS2_OK;
}

static bool base_source(const conv *c, const char *id)
{
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(c->base, "sources"), i, s) {
        const char *sid = sget(s, "id");
        if (sid && id && strcmp(sid, id) == 0)
            return true;
    }
    return false;
}

static const char *oscal_rel(const char *r)
{
    static const char *const m[][2] = {{"equal-to", "equal"},
                                       {"equivalent-to", "equal"},
                                       {"subset-of", "subset_of"},
                                       {"superset-of", "superset_of"},
                                       {"intersects-with", "intersects_with"},
                                       {"no-relationship", "no_relationship"}};
    for (size_t i = 0; r && i < sizeof m / sizeof m[0]; i++)
        if (strcmp(r, m[i][0]) == 0)
            return m[i][1];
    return NULL;
}


/* A libnis2 property of obj: its value (name, and for "unmapped" the value to match). */
static const json_t *ns_prop(const json_t *obj, const char *name, const char *value)
{
    size_t i;
    const json_t *p;
    json_array_foreach(json_object_get(obj, "props"), i, p) {
        const char *ns = sget(p, "ns"), *n = sget(p, "name"), *v = sget(p, "value");
        if (ns && strcmp(ns, NIS2I_OSCAL_NS) == 0 && n && strcmp(n, name) == 0 && v && (!value || strcmp(v, value) == 0))
            return p;
    }
    return NULL;
}

static nis2_status convert_oscal(conv *c, const json_t *doc)
{
    const json_t *mc = json_object_get(doc, "mapping-collection");
    const char *path0 = "$.mapping-collection";
    const json_t *md = json_object_get(mc, "metadata");
    const char *title = sget(md, "title");
    if (!title)
        return cfail(c, "$.mapping-collection.metadata.title",
                     "an OSCAL mapping-collection needs metadata.title (it names "
                     "the source of its pairs)");
    c->source = title;
    const json_t *maps_any = json_object_get(mc, "mappings");
    json_t *mappings = json_is_array(maps_any) ? json_incref((json_t *)maps_any) : json_pack("[O]", maps_any);
    if (!maps_any || !mappings || !json_array_size(mappings) ||
        (!json_is_array(maps_any) && !json_is_object(maps_any))) {
        json_decref(mappings);
        return cfail(c, "$.mapping-collection.mappings", "must be a non-empty array of mappings");
    }
    nis2_status st = NIS2_OK;
    size_t i, j, a, b;
    const json_t *m;
    json_array_foreach(mappings, i, m) {
        char mpath[160];
        snprintf(mpath, sizeof mpath, "%s.mappings[%zu]", path0, i);
        if (!json_is_object(m)) {
            st = cfail(c, mpath, "a mapping must be an object");
            break;
        }
        const json_t *sp = ns_prop(m, "source", NULL);
        const char *src = sp && base_source(c, sget(sp, "value")) ? sget(sp, "value") : c->source;
        const json_t *maps = json_object_get(m, "maps");
        if (!json_is_array(maps)) {
            st = cfail(c, mpath, "maps must be an array");
            break;
        }
        const json_t *x;
        json_array_foreach(maps, j, x) {
            char xpath[200], what[200];
            snprintf(xpath, sizeof xpath, "%s.maps[%zu]", mpath, j);
            snprintf(what, sizeof what, "map %s", sget(x, "uuid") ? sget(x, "uuid") : "(no uuid)");
            const char *rel = oscal_rel(sget(x, "relationship"));
            const char *ns = sget(x, "ns");
            const json_t *srcs = json_object_get(x, "sources"), *tgts = json_object_get(x, "targets");
            if (!json_is_object(x) || !rel || (ns && strcmp(ns, "http://csrc.nist.gov/ns/oscal") != 0)) {
                st = cfail(c, xpath,
                           "%s: relationship must be one of OSCAL's equal-to, equivalent-to, subset-of, "
                           "superset-of, intersects-with, no-relationship (got '%s')",
                           what, sget(x, "relationship") ? sget(x, "relationship") : "");
                break;
            }
            if (!json_array_size(srcs) || !json_array_size(tgts)) {
                st = cfail(c, xpath, "%s: needs non-empty sources and targets", what);
                break;
            }
            if (json_array_size(srcs) * json_array_size(tgts) > NIS2_LIMIT_ARRAY_LENGTH - json_array_size(c->pairs)) {
                st = nis2i_fail(c->err, NIS2_ERR_LIMIT, xpath, "%s: %s: more than %u pairs in one document", xpath,
                                what, (unsigned)NIS2_LIMIT_ARRAY_LENGTH);
                break;
            }
            char rat[900];
            const char *rationale = sget(x, "remarks");
            if (!rationale) {
                snprintf(rat, sizeof rat, "Imported from \"%s\" (OSCAL), which gives no rationale for this map.", src);
                rationale = rat;
            }
            const json_t *s, *t;
            json_array_foreach(srcs, a, s) {
                json_array_foreach(tgts, b, t) {
                    st = add_pair(c, xpath, what, sget(s, "id-ref"), sget(t, "id-ref") ? sget(t, "id-ref") : "", rel,
                                  rationale, src);
                    if (st)
                        break;
                }
                if (st)
                    break;
            }
            if (st)
                break;
        }
        if (st)
            break;
        /* unmapped sources: no_relationship with nothing on the other side */
        const json_t *sel;
        json_array_foreach(json_object_get(json_object_get(m, "source-gap-summary"), "unmapped-controls"), j, sel) {
            const json_t *w;
            json_array_foreach(json_object_get(sel, "with-ids"), a, w) {
                char gpath[400];
                snprintf(gpath, sizeof gpath, "%s.source-gap-summary.unmapped-controls[%zu].with-ids[%zu]", mpath, j,
                         a);
                const char *id = json_string_value(w);
                const json_t *p = ns_prop(m, "unmapped", id);
                char rat[900];
                const char *rationale = p ? sget(p, "remarks") : NULL;
                if (!rationale) {
                    snprintf(rat, sizeof rat,
                             "Imported from \"%s\" (OSCAL): listed as unmapped, no counterpart in the "
                             "target catalog.",
                             src);
                    rationale = rat;
                }
                if ((st = add_pair(c, gpath, "unmapped control", id, NULL, "no_relationship", rationale, src)))
                    break;
            }
            if (st)
                break;
        }
        if (st)
            break;
    }
    json_decref(mappings);
    return st;
}

static const char *ciso_rel(const char *r)
{
    static const char *const m[][2] = {{"equal", "equal"},
                                       {"subset", "subset_of"},
                                       {"superset", "superset_of"},
                                       {"intersect", "intersects_with"},
                                       {"not_related", "no_relationship"}};
    for (size_t i = 0; r && i < 5; i++)
        if (strcmp(r, m[i][0]) == 0)
            return m[i][1];
    return NULL;
}

/* CISO Assistant's framework of the IR 2024/2690 Annex (its node ids are the Annex point numbers). */
#ifndef CISO_IR_FRAMEWORK
#define CISO_IR_FRAMEWORK "annex-technical-and-methodological-requirements-nis2"
#endif
/* urn:<packager>:risk:req_node:<framework>:<node> -> the catalog id the node names (or the urn itself when it is
 * not a requirement-node URN, so that the error quotes it). CISO Assistant's ISO/IEC 27001:2022 nodes
 * (framework iso27001-2022) are ISO ids; its IR 2024/2690 Annex nodes may be given as "<point>" of a framework
 * whose ids are ours with the "ir2690." prefix. */
static const char *urn_node(const conv *c, const char *urn, char *buf, size_t n, int *kind)
{
    if (!urn)
        return NULL;
    const char *p = urn;
    const char *parts[6];
    size_t k = 0;
    parts[k++] = p;
    while (k < 6 && (p = strchr(p, ':'))) {
        p++;
        parts[k++] = p;
    }
    if (k < 6 || strncmp(urn, "urn:", 4) != 0 || strncmp(parts[3], "req_node:", 9) != 0)
        return NULL;
    const char *node = parts[5];
    bool iso = strncmp(parts[4], "iso27001-2022:", 14) == 0;
    const char *id = resolve(c, node, kind);
    if (id && (*kind == END_ISO) == iso)
        return id;
    if (iso || strncmp(parts[4], CISO_IR_FRAMEWORK ":", strlen(CISO_IR_FRAMEWORK) + 1) != 0)
        return id && *kind != END_ISO ? id : NULL;
    snprintf(buf, n, "ir2690.%s", node);
    id = resolve(c, buf, kind);
    return id && *kind == END_IR ? id : NULL;
}

static nis2_status convert_ciso(conv *c, const json_t *doc)
{
    const json_t *objs = json_object_get(doc, "objects");
    const json_t *sets_any = json_object_get(objs, "requirement_mapping_sets");
    const char *key = "requirement_mapping_sets";
    if (!sets_any) {
        sets_any = json_object_get(objs, "requirement_mapping_set");
        key = "requirement_mapping_set";
    }
    json_t *sets = json_is_array(sets_any) ? json_incref((json_t *)sets_any) : json_pack("[O]", sets_any);
    char spath[120];
    snprintf(spath, sizeof spath, "$.objects.%s", key);
    if (!sets || !json_array_size(sets) || (!json_is_array(sets_any) && !json_is_object(sets_any))) {
        json_decref(sets);
        return cfail(c, spath, "must be a non-empty list of requirement mapping sets");
    }
    nis2_status st = NIS2_OK;
    size_t i, j;
    const json_t *s, *m;
    json_array_foreach(sets, i, s) {
        char path[200];
        snprintf(path, sizeof path, "%s[%zu]", spath, i);
        const char *name = sget(s, "name") ? sget(s, "name") : sget(s, "urn");
        const json_t *rms = json_object_get(s, "requirement_mappings");
        if (!json_is_object(s) || !name || !json_is_array(rms)) {
            st = cfail(c, path, "a requirement mapping set needs a name (or urn) and a requirement_mappings list");
            break;
        }
        c->source = name;
        json_array_foreach(rms, j, m) {
            char mpath[400], what[300], b1[300], b2[300];
            snprintf(mpath, sizeof mpath, "%s.requirement_mappings[%zu]", path, j);
            const char *su = sget(m, "source_requirement_urn"), *tu = sget(m, "target_requirement_urn");
            snprintf(what, sizeof what, "mapping %.120s -> %.120s", su ? su : "?", tu ? tu : "?");
            const char *rel = ciso_rel(sget(m, "relationship"));
            if (!rel) {
                st =
                    cfail(c, mpath, "%s: relationship must be equal, subset, superset, intersect or not_related", what);
                break;
            }
            int k1, k2;
            const char *from = urn_node(c, su, b1, sizeof b1, &k1), *to = urn_node(c, tu, b2, sizeof b2, &k2);
            char rat[900];
            const char *rationale = sget(m, "annotation");
            if (!rationale) {
                snprintf(rat, sizeof rat,
                         "Imported from \"%s\" (CISO Assistant), which gives no annotation for this "
                         "mapping.",
                         name);
                rationale = rat;
            }
            st = add_pair(c, mpath, what, from ? from : (su ? su : "(none)"), to ? to : (tu ? tu : "(none)"), rel,
                          rationale, name);
            if (st)
                break;
        }
        if (st)
            break;
    }
    json_decref(sets);
    return st;
}

nis2_status nis2i_exchange_convert(const json_t *base, json_t **over, nis2_error *err)
{
    nis2i_exchange_kind kind = nis2i_exchange_detect(*over);
    if (kind == NIS2I_EXCHANGE_NATIVE)
        return NIS2_OK;
    conv c = {.base = base, .ids = json_object(), .pairs = json_array(), .err = err};
    if (!c.ids || !c.pairs) {
        json_decref(c.ids);
        json_decref(c.pairs);
        return nis2i_nomem(err);
    }
    index_ids(&c, json_object_get(base, "obligations"), END_DUTY);
    size_t i;
    const json_t *ov;
    json_array_foreach(json_object_get(base, "overlays"), i, ov)
        index_ids(&c, json_object_get(ov, "obligations"), END_DUTY);
    index_ids(&c, json_object_get(base, "ir2690_points"), END_IR);
    index_ids(&c, json_object_get(base, "controls"), END_ISO);
    nis2_status st = kind == NIS2I_EXCHANGE_OSCAL_MAPPING ? convert_oscal(&c, *over) : convert_ciso(&c, *over);
    json_t *native = NULL;
    if (!st) {
        /* one source entry per source the document names that the catalog does not know yet */
        json_t *sources = json_array(), *seen = json_object();
        const json_t *p;
        json_array_foreach(c.pairs, i, p) {
            const char *s = sget(p, "source");
            if (!s || base_source(&c, s) || json_object_get(seen, s))
                continue;
            json_object_set_new(seen, s, json_true());
            json_t *e = json_object();
            json_object_set_new(e, "id", json_string(s));
            json_object_set_new(e, "title", json_string(s));
            json_object_set_new(e, "publisher", json_string("as stated by the imported document"));
            json_object_set_new(e, "caveat",
                                json_string(kind == NIS2I_EXCHANGE_OSCAL_MAPPING
                                                ? "Imported from an OSCAL mapping-collection (catalog "
                                                  "extension); libnis2 did not review these pairs."
                                                : "Imported from a CISO Assistant requirement mapping set "
                                                  "(catalog extension); libnis2 did not review these pairs."));
            json_array_append_new(sources, e);
        }
        json_decref(seen);
        native = json_object();
        json_object_set_new(native, "sources", sources);
        json_object_set(native, "mappings", c.pairs);
    }
    json_decref(c.ids);
    json_decref(c.pairs);
    if (st)
        return st;
    if (!native)
        return nis2i_nomem(err);
    json_decref(*over);
    *over = native;
    return NIS2_OK;
}
