/* SPDX-License-Identifier: Apache-2.0 */
/* Export: a CISO Assistant library (YAML, written with libyaml's emitter): a framework of the duties and a
 * requirement_mapping_set to CISO Assistant's ISO/IEC 27001:2022 framework, in that project's URN scheme
 * (urn:<packager>:risk:<object type>:<library>[:<node>], lower case). Field by field: lib/json/EXCHANGE.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include <nis2/exchange.h>

#include "json/exchange.h"

nis2_status nis2i_export_ciso(const nis2_ctx *ctx, const char *part, char **out, nis2_error *err);

/* CISO Assistant's own ISO/IEC 27001:2022 library (urn:intuitem:risk:library:iso27001-2022). */
#define CISO_ISO_LIBRARY   "urn:intuitem:risk:library:iso27001-2022"
#define CISO_ISO_FRAMEWORK "urn:intuitem:risk:framework:iso27001-2022"
#define CISO_ISO_NODE      "urn:intuitem:risk:req_node:iso27001-2022:"

typedef struct yw {
    yaml_emitter_t em;
    nis2i_buf out;
    bool bad;
} yw;

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    nis2i_buf *b = data;
    nis2i_buf_put(b, (const char *)buffer, size);
    return !b->oom;
}

static void emit(yw *w, yaml_event_t *ev, int ok)
{
    if (!ok) {
        w->bad = true;
    } else if (w->bad) {
        yaml_event_delete(ev);
    } else if (!yaml_emitter_emit(&w->em, ev)) {
        w->bad = true; /* the emitter deletes the event even when it fails */
    }
}

/* A plain scalar when YAML would read it back as the same string; single-quoted when it would look like a
 * number, a boolean or null (YAML 1.1 resolvers, as PyYAML's). */
static bool looks_typed(const char *s)
{
    static const char *const words[] = {"null",  "Null", "NULL", "~",   "true", "True", "TRUE", "false", "False",
                                        "FALSE", "yes",  "Yes",  "YES", "no",   "No",   "NO",   "on",    "On",
                                        "ON",    "off",  "Off",  "OFF", "y",    "Y",    "n",    "N",     ""};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(s, words[i]) == 0)
            return true;
    const char *p = s;
    if (*p == '+' || *p == '-' || *p == '.')
        p++;
    return *p >= '0' && *p <= '9';
}

static void y_str(yw *w, const char *s)
{
    yaml_event_t ev;
    if (!s)
        s = "";
    yaml_scalar_style_t style = looks_typed(s) ? YAML_SINGLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE;
    emit(w, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1, style));
}

/* An integer or boolean, written plain so that it reads back typed. */
static void y_raw(yw *w, const char *s)
{
    yaml_event_t ev;
    emit(
        w, &ev,
        yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 0, YAML_PLAIN_SCALAR_STYLE));
}

static void y_kv(yw *w, const char *k, const char *v)
{
    y_str(w, k);
    y_str(w, v);
}

static void y_map(yw *w)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

static void y_seq(yw *w)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
}

static void y_end_map(yw *w)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void y_end_seq(yw *w)
{
    yaml_event_t ev;
    emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
}

static const char *sget(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s | 0x20);
}

static void framework_nodes(yw *w, const json_t *obligations, const char *fw_slug)
{
    /* articles first seen in catalog order; each article node is followed by its duties */
    json_t *labels = json_array(), *seen = json_object();
    size_t i, j;
    const json_t *o, *l;
    json_array_foreach(obligations, i, o) {
        char label[200];
        if (!sget(o, "ref") || !nis2i_exchange_article(sget(o, "ref"), label, sizeof label))
            snprintf(label, sizeof label, "Other provisions");
        if (!json_object_get(seen, label)) {
            json_object_set_new(seen, label, json_true());
            json_array_append_new(labels, json_string(label));
        }
    }
    y_seq(w);
    json_array_foreach(labels, j, l) {
        const char *label = json_string_value(l);
        char s[220], urn[600];
        nis2i_exchange_slug(label, s, sizeof s);
        char parent[600];
        snprintf(parent, sizeof parent, "urn:libnis2:risk:req_node:%s:%s", fw_slug, s);
        y_map(w);
        y_kv(w, "urn", parent);
        y_str(w, "assessable");
        y_raw(w, "false");
        y_str(w, "depth");
        y_raw(w, "1");
        y_kv(w, "ref_id", label);
        y_kv(w, "name", label);
        y_end_map(w);
        json_array_foreach(obligations, i, o) {
            char lab[200];
            if (!sget(o, "id"))
                continue;
            if (!sget(o, "ref") || !nis2i_exchange_article(sget(o, "ref"), lab, sizeof lab))
                snprintf(lab, sizeof lab, "Other provisions");
            if (strcmp(lab, label) != 0)
                continue;
            snprintf(urn, sizeof urn, "urn:libnis2:risk:req_node:%s:%s", fw_slug, sget(o, "id"));
            lower(urn);
            y_map(w);
            y_kv(w, "urn", urn);
            y_str(w, "assessable");
            y_raw(w, "true");
            y_str(w, "depth");
            y_raw(w, "2");
            y_kv(w, "parent_urn", parent);
            y_kv(w, "ref_id", sget(o, "ref") ? sget(o, "ref") : sget(o, "id"));
            y_kv(w, "name", sget(o, "title") ? sget(o, "title") : sget(o, "id"));
            if (sget(o, "note"))
                y_kv(w, "description", sget(o, "note"));
            if (sget(o, "implements")) {
                char ann[400];
                snprintf(ann, sizeof ann, "Implements %s (Directive (EU) 2022/2555).", sget(o, "implements"));
                y_kv(w, "annotation", ann);
            }
            const json_t *ev = json_object_get(o, "evidence");
            if (json_array_size(ev)) {
                nis2i_buf b = {0};
                size_t k;
                const json_t *x;
                json_array_foreach(ev, k, x) {
                    if (json_is_string(x)) {
                        nis2i_buf_puts(&b, k ? "\n" : "");
                        nis2i_buf_puts(&b, json_string_value(x));
                    }
                }
                if (b.len && !b.oom) {
                    nis2i_buf_put(&b, "", 1);
                    y_kv(w, "typical_evidence", b.data);
                }
                nis2i_buf_free(&b);
            }
            y_end_map(w);
        }
    }
    y_end_seq(w);
    json_decref(labels);
    json_decref(seen);
}

static const char *ciso_relationship(const char *native)
{
    static const char *const map[][2] = {{"equal", "equal"},
                                         {"subset_of", "subset"},
                                         {"superset_of", "superset"},
                                         {"intersects_with", "intersect"},
                                         {"no_relationship", "not_related"}};
    for (size_t i = 0; i < 5; i++)
        if (native && strcmp(native, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

nis2_status nis2i_export_ciso(const nis2_ctx *ctx, const char *part, char **out, nis2_error *err)
{
    const json_t *doc = nis2i_ctx_doc(ctx), *obligations = NULL, *ov = NULL;
    const char *cc = NULL;
    size_t i;
    if (!part || strcmp(part, "nis2") == 0) {
        obligations = json_object_get(doc, "obligations");
    } else if (strlen(part) == 2) {
        json_array_foreach(json_object_get(doc, "overlays"), i, ov) {
            const char *c = sget(ov, "country");
            if (c && (c[0] | 0x20) == (part[0] | 0x20) && (c[1] | 0x20) == (part[1] | 0x20)) {
                obligations = json_object_get(ov, "obligations");
                cc = c;
                break;
            }
        }
    }
    if (!json_array_size(obligations))
        return nis2i_fail(
            err, NIS2_ERR_NOT_FOUND, NULL,
            "unknown or empty part '%s' for ciso-assistant (expected nis2 or the country code of an overlay with "
            "duties)",
            part ? part : "nis2");
    char fw_slug[40], lib_urn[200], fw_urn[200], ts[40], version[32], date[11];
    if (cc) {
        snprintf(fw_slug, sizeof fw_slug, "%c%c-libnis2", cc[0] | 0x20, cc[1] | 0x20);
    } else {
        snprintf(fw_slug, sizeof fw_slug, "nis2-libnis2");
    }
    snprintf(lib_urn, sizeof lib_urn, "urn:libnis2:risk:library:%s", fw_slug);
    snprintf(fw_urn, sizeof fw_urn, "urn:libnis2:risk:framework:%s", fw_slug);
    nis2i_exchange_timestamp(ctx, ts);
    memcpy(date, ts, 10);
    date[10] = '\0';
    /* CISO Assistant versions are integers: catalog_version "YYYY.MM.N" -> YYYYMMNN */
    unsigned y = 0, m = 0, n = 0;
    if (!ctx->catalog_version || sscanf(ctx->catalog_version, "%u.%u.%u", &y, &m, &n) < 2 || y > 9999 || m > 99 ||
        n > 99)
        y = m = n = 0;
    snprintf(version, sizeof version, "%u", y * 10000u + m * 100u + n);

    char name[600], desc[1200];
    if (cc) {
        const json_t *t = json_object_get(ov, "title");
        snprintf(name, sizeof name, "%s: national duties (libnis2)", sget(ov, "law") ? sget(ov, "law") : cc);
        snprintf(desc, sizeof desc,
                 "The duties of %s as libnis2 encodes them, grouped by article; each node's "
                 "annotation names the Directive duty it implements. %s",
                 json_is_object(t) && sget(t, "en") ? sget(t, "en") : (sget(ov, "law") ? sget(ov, "law") : cc),
                 "Titles are libnis2's short wording, not the text of the law.");
    } else {
        snprintf(name, sizeof name, "NIS2 Directive (EU) 2022/2555: duties (libnis2)");
        snprintf(desc, sizeof desc,
                 "The duties of essential and important entities under Directive (EU) 2022/2555, grouped "
                 "by article, as libnis2 identifies them, with a mapping to ISO/IEC 27001:2022. Titles are "
                 "libnis2's short wording, not the text of the law.");
    }

    yw w = {0};
    if (!yaml_emitter_initialize(&w.em))
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    yaml_emitter_set_output(&w.em, write_handler, &w.out);
    yaml_emitter_set_unicode(&w.em, 1);
    yaml_emitter_set_width(&w.em, 110);
    yaml_event_t ev;
    emit(&w, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(&w, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
    y_map(&w);
    y_kv(&w, "urn", lib_urn);
    y_kv(&w, "locale", "en");
    y_kv(&w, "ref_id", fw_slug);
    y_kv(&w, "name", name);
    y_kv(&w, "description", desc);
    y_kv(&w, "copyright",
         cc ? "libnis2 (Apache-2.0). A decision aid, not legal advice."
            : "libnis2 (Apache-2.0): duties and mapping pairs are libnis2's own reading. ISO/IEC 27001:2022 "
              "is cited by identifier only. A decision aid, not legal advice.");
    y_str(&w, "version");
    y_raw(&w, version);
    y_kv(&w, "publication_date", date);
    y_kv(&w, "provider", "libnis2");
    y_kv(&w, "packager", "libnis2");
    y_str(&w, "dependencies");
    y_seq(&w);
    if (!cc)
        y_str(&w, CISO_ISO_LIBRARY);
    y_end_seq(&w);
    y_str(&w, "objects");
    y_map(&w);
    y_str(&w, "framework");
    y_map(&w);
    y_kv(&w, "urn", fw_urn);
    y_kv(&w, "ref_id", fw_slug);
    y_kv(&w, "name", name);
    y_kv(&w, "description", desc);
    y_str(&w, "requirement_nodes");
    framework_nodes(&w, obligations, fw_slug);
    y_end_map(&w);
    if (!cc) {
        /* direct duty -> ISO/IEC 27001:2022 pairs of the graph (the IR 2024/2690 path is ENISA's own mapping,
         * which CISO Assistant already ships) */
        const json_t *mp;
        json_t *duties = json_object();
        const json_t *o;
        json_array_foreach(obligations, i, o)
            if (sget(o, "id"))
                json_object_set_new(duties, sget(o, "id"), json_true());
        json_t *controls = json_object();
        json_array_foreach(json_object_get(doc, "controls"), i, o)
            if (sget(o, "id"))
                json_object_set_new(controls, sget(o, "id"), json_true());
        char set_slug[80];
        snprintf(set_slug, sizeof set_slug, "%s-and-iso27001-2022", fw_slug);
        char set_urn[200];
        snprintf(set_urn, sizeof set_urn, "urn:libnis2:risk:req_mapping_set:%s", set_slug);
        y_str(&w, "requirement_mapping_sets");
        y_seq(&w);
        y_map(&w);
        y_kv(&w, "urn", set_urn);
        y_kv(&w, "ref_id", set_slug);
        y_kv(&w, "name", "NIS2 duties (libnis2) <-> ISO/IEC 27001:2022");
        y_kv(&w, "description",
             "libnis2's direct links from each NIS2 duty to the ISO/IEC 27001:2022 clauses and Annex A "
             "controls that support it, read \"source is <relationship> target\". Annotations give "
             "libnis2's rationale and the source of the pair.");
        y_kv(&w, "source_framework_urn", fw_urn);
        y_kv(&w, "target_framework_urn", CISO_ISO_FRAMEWORK);
        y_str(&w, "requirement_mappings");
        y_seq(&w);
        json_array_foreach(json_object_get(doc, "mappings"), i, mp) {
            const char *from = sget(mp, "from"), *to = sget(mp, "to"),
                       *rel = ciso_relationship(sget(mp, "relationship"));
            if (!from || !to || !rel || !json_object_get(duties, from) || !json_object_get(controls, to))
                continue;
            char su[600], tu[300], ann[1200];
            snprintf(su, sizeof su, "urn:libnis2:risk:req_node:%s:%s", fw_slug, from);
            snprintf(tu, sizeof tu, CISO_ISO_NODE "%s", to);
            lower(su);
            lower(tu);
            snprintf(ann, sizeof ann, "%s (source: %s)", sget(mp, "rationale") ? sget(mp, "rationale") : "",
                     sget(mp, "source") ? sget(mp, "source") : "libnis2");
            y_map(&w);
            y_kv(&w, "source_requirement_urn", su);
            y_kv(&w, "target_requirement_urn", tu);
            y_kv(&w, "relationship", rel);
            y_kv(&w, "rationale", "semantic");
            y_kv(&w, "annotation", ann);
            y_end_map(&w);
        }
        y_end_seq(&w);
        y_end_map(&w);
        y_end_seq(&w);
        json_decref(duties);
        json_decref(controls);
    }
    y_end_map(&w);
    y_end_map(&w);
    emit(&w, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit(&w, &ev, yaml_stream_end_event_initialize(&ev));
    yaml_emitter_flush(&w.em);
    yaml_emitter_delete(&w.em);
    if (w.bad || w.out.oom) {
        nis2i_buf_free(&w.out);
        return nis2i_fail(err, w.out.oom ? NIS2_ERR_NOMEM : NIS2_ERR_INTERNAL, NULL,
                          "could not write the YAML library");
    }
    nis2i_buf_put(&w.out, "", 1);
    if (w.out.oom) {
        nis2i_buf_free(&w.out);
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    }
    *out = w.out.data;
    return NIS2_OK;
}
