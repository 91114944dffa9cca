/* SPDX-License-Identifier: Apache-2.0 */
/* Export: OSCAL 1.2 catalogs (NIS2 duties, IR 2024/2690 Annex points, national duties) and the OSCAL 1.2
 * mapping-collection of the mapping graph. nis2_export() dispatches here and to exchange_ciso.c.
 * Field by field: lib/json/EXCHANGE.md. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/exchange.h>

#include "json/exchange.h"
#include "util/uuid.h"

nis2_status nis2i_export_ciso(const nis2_ctx *ctx, const char *part, char **out, nis2_error *err);

/* ---------------------------------------------------------------- shared helpers */

/* YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), shorter than 40 bytes (what OSCAL's date-time-with-timezone
 * accepts). */
static bool rfc3339(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    size_t n = strlen(s), i;
    if (n < 20 || n >= 40)
        return false;
    for (i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
            return false;
    if (s[i] == '.') {
        size_t d = 0;
        for (i++; s[i] >= '0' && s[i] <= '9'; i++)
            d++;
        if (!d)
            return false;
    }
    if (s[i] == 'Z')
        return s[i + 1] == '\0';
    return (s[i] == '+' || s[i] == '-') && strlen(s + i) == 6 && s[i + 1] >= '0' && s[i + 1] <= '9' &&
           s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] == ':' && s[i + 4] >= '0' && s[i + 4] <= '9' &&
           s[i + 5] >= '0' && s[i + 5] <= '9';
}

void nis2i_exchange_timestamp(const nis2_ctx *ctx, char out[40])
{
    /* the date of the newest entry of $.changes (the catalog's own change log), when it is YYYY-MM-DD */
    const char *d = json_string_value(json_object_get(json_array_get(json_object_get(nis2i_ctx_doc(ctx), "changes"), 0), "date"));
    if (d && strlen(d) == 10) {
        char t[40];
        snprintf(t, sizeof t, "%sT00:00:00Z", d);
        if (rfc3339(t)) {
            strcpy(out, t);
            return;
        }
    }
    const char *v = ctx->catalog_version;
    unsigned y = 0, m = 0;
    if (v && sscanf(v, "%4u.%2u", &y, &m) == 2 && y >= 1970 && y <= 9999 && m >= 1 && m <= 12)
        snprintf(out, 40, "%04u-%02u-01T00:00:00Z", y, m);
    else
        strcpy(out, "1970-01-01T00:00:00Z");
}

json_t *nis2i_exchange_uuid(const char *fmt, ...)
{
    char name[1024], u[37];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    nis2i_uuid5(nis2i_uuid_ns_libnis2, name, u);
    return json_string(u);
}

static bool blank(const char *s)
{
    if (!s || !*s)
        return true;
    size_t n = strlen(s);
    return s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t';
}

json_t *nis2i_oscal_prop(const char *ns, const char *name, const char *value)
{
    if (blank(value))
        return NULL;
    json_t *p = json_object();
    json_object_set_new(p, "name", json_string(name));
    if (ns)
        json_object_set_new(p, "ns", json_string(ns));
    json_object_set_new(p, "value", json_string(value));
    return p;
}

void nis2i_json_push(json_t *obj, const char *key, json_t *v)
{
    if (!v)
        return;
    json_t *a = json_object_get(obj, key);
    if (!a) {
        a = json_array();
        json_object_set_new(obj, key, a);
    }
    json_array_append_new(a, v);
}

static const char *sget(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

static json_t *metadata(const nis2_ctx *ctx, const char *title, const char *remarks)
{
    char ts[40];
    nis2i_exchange_timestamp(ctx, ts);
    json_t *m = json_object();
    json_object_set_new(m, "title", json_string(title));
    json_object_set_new(m, "last-modified", json_string(ts));
    json_object_set_new(m, "version", json_string(ctx->catalog_version));
    json_object_set_new(m, "oscal-version", json_string(NIS2I_OSCAL_VERSION));
    nis2i_json_push(m, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "catalog-version", ctx->catalog_version));
    if (remarks)
        json_object_set_new(m, "remarks", json_string(remarks));
    return m;
}

/* A back-matter resource. */
static json_t *resource(const char *key, const char *title, const char *citation, const char *href)
{
    json_t *r = json_object();
    json_object_set_new(r, "uuid", nis2i_exchange_uuid("resource:%s", key));
    json_object_set_new(r, "title", json_string(title));
    if (citation) {
        json_t *c = json_object();
        json_object_set_new(c, "text", json_string(citation));
        json_object_set_new(r, "citation", c);
    }
    if (href) {
        json_t *l = json_object();
        json_object_set_new(l, "href", json_string(href));
        nis2i_json_push(r, "rlinks", l);
    }
    return r;
}

/* A "guidance" part whose id is the control's id with "_gdn"; nothing when prose is absent. */
static void guidance_part(json_t *c, const char *id, const char *prose)
{
    if (!prose)
        return;
    json_t *p = json_object();
    char pid[300];
    snprintf(pid, sizeof pid, "%s_gdn", id);
    json_object_set_new(p, "id", json_string(pid));
    json_object_set_new(p, "name", json_string("guidance"));
    json_object_set_new(p, "prose", json_string(prose));
    nis2i_json_push(c, "parts", p);
}

static json_t *link_to(const char *key, const char *rel, const char *text)
{
    char u[37], name[300], href[40];
    snprintf(name, sizeof name, "resource:%s", key);
    nis2i_uuid5(nis2i_uuid_ns_libnis2, name, u);
    snprintf(href, sizeof href, "#%s", u);
    json_t *l = json_object();
    json_object_set_new(l, "href", json_string(href));
    json_object_set_new(l, "rel", json_string(rel));
    if (text)
        json_object_set_new(l, "text", json_string(text));
    return l;
}

static nis2_status finish(json_t *root, uint32_t flags, char **out, nis2_error *err)
{
    if (!root)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    nis2_status st = nis2i_json_dump(root, flags, out, err);
    json_decref(root);
    return st;
}

/* ---------------------------------------------------------------- catalogs of duties */

/* The article a reference names: "NIS2 Art. 21(2)(h)" -> label "NIS2 Art. 21", "BSIG § 33(1)" -> "BSIG § 33". */
bool nis2i_exchange_article(const char *ref, char *label, size_t n)
{
    const char *p = NULL;
    if (!ref)
        return false;
    for (const char *s = ref; *s && !p; s++) {
        if ((strncmp(s, "Art. ", 5) == 0 || strncmp(s, "art. ", 5) == 0))
            p = s + 5;
        else if (strncmp(s, "\xc2\xa7 ", 3) == 0)
            p = s + 3;
    }
    if (!p || *p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    size_t len = (size_t)(p - ref);
    if (len + 1 > n)
        return false;
    memcpy(label, ref, len);
    label[len] = '\0';
    return true;
}

/* A token from a label: lower-case letters and digits, every other run of bytes one '-'. */
void nis2i_exchange_slug(const char *label, char *out, size_t n)
{
    size_t o = 0;
    bool dash = false;
    for (const unsigned char *s = (const unsigned char *)label; *s && o + 2 < n; s++) {
        unsigned char c = *s;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && o)
                out[o++] = '-';
            out[o++] = (char)c;
            dash = false;
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && o)
                out[o++] = '-';
            out[o++] = (char)(c | 0x20);
            dash = false;
        } else {
            dash = true;
        }
    }
    out[o] = '\0';
    if (o == 0 || (out[0] >= '0' && out[0] <= '9'))
        snprintf(out, n, "g-%s", o ? out : "other");
}

static json_t *duty_control(const json_t *o, const char *law_key, const char *law_title)
{
    json_t *c = json_object();
    const char *id = sget(o, "id");
    json_object_set_new(c, "id", json_string(id));
    json_object_set_new(c, "class", json_string("duty"));
    json_object_set_new(c, "title", json_string(sget(o, "title") ? sget(o, "title") : id));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NULL, "label", sget(o, "ref")));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "duty-group", sget(o, "group")));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "nature", sget(o, "nature")));
    const json_t *at = json_object_get(o, "applies_to");
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(at, "categories"), i, v)
        nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "applies-to-category", json_string_value(v)));
    json_array_foreach(json_object_get(at, "roles"), i, v)
        nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "applies-to-role", json_string_value(v)));
    nis2i_json_push(c, "props",
                    nis2i_oscal_prop(NIS2I_OSCAL_NS, "deadline", sget(json_object_get(o, "deadline"), "text")));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "effective-from", sget(o, "effective_from")));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "implements", sget(o, "implements")));
    if (json_is_true(json_object_get(o, "nis2_specific")))
        nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "nis2-specific", "true"));
    if (json_is_true(json_object_get(o, "dora_displaced")))
        nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "dora-displaced", "true"));
    nis2i_json_push(c, "links", link_to(law_key, "reference", law_title));
    guidance_part(c, id, sget(o, "note"));
    const json_t *ev = json_object_get(o, "evidence");
    if (json_array_size(ev)) {
        nis2i_buf b = {0};
        json_array_foreach(ev, i, v) {
            if (json_is_string(v)) {
                nis2i_buf_puts(&b, i ? "\n- " : "- ");
                nis2i_buf_puts(&b, json_string_value(v));
            }
        }
        if (b.len && !b.oom) {
            json_t *p = json_object();
            char pid[300];
            snprintf(pid, sizeof pid, "%s_evd", id);
            json_object_set_new(p, "id", json_string(pid));
            json_object_set_new(p, "name", json_string("evidence-examples"));
            json_object_set_new(p, "ns", json_string(NIS2I_OSCAL_NS));
            json_object_set_new(p, "prose", json_stringn(b.data, b.len));
            nis2i_json_push(c, "parts", p);
        }
        nis2i_buf_free(&b);
    }
    return c;
}

/* Controls grouped by the article their ref names, groups in order of first appearance. */
static json_t *grouped_duties(const json_t *obligations, const char *law_key, const char *law_title)
{
    json_t *groups = json_array();
    json_t *by_label = json_object();
    size_t i;
    const json_t *o;
    json_array_foreach(obligations, i, o) {
        if (!sget(o, "id"))
            continue;
        char label[200] = "";
        if (!sget(o, "ref") || !nis2i_exchange_article(sget(o, "ref"), label, sizeof label))
            snprintf(label, sizeof label, "Other provisions");
        json_t *g = json_object_get(by_label, label);
        if (!g) {
            char id[220];
            nis2i_exchange_slug(label, id, sizeof id);
            g = json_object();
            json_object_set_new(g, "id", json_string(id));
            json_object_set_new(g, "class", json_string("article"));
            json_object_set_new(g, "title", json_string(label));
            json_array_append_new(groups, g);
            json_object_set(by_label, label, g);
        }
        nis2i_json_push(g, "controls", duty_control(o, law_key, law_title));
    }
    json_decref(by_label);
    return groups;
}

static const json_t *find_overlay(const nis2_ctx *ctx, const char *part)
{
    size_t i;
    const json_t *ov;
    if (strlen(part) != 2)
        return NULL;
    json_array_foreach(json_object_get(nis2i_ctx_doc(ctx), "overlays"), i, ov) {
        const char *cc = sget(ov, "country");
        if (cc && (cc[0] | 0x20) == (part[0] | 0x20) && (cc[1] | 0x20) == (part[1] | 0x20) &&
            json_array_size(json_object_get(ov, "obligations")))
            return ov;
    }
    return NULL;
}

static const char *overlay_title(const json_t *ov)
{
    const json_t *t = json_object_get(ov, "title");
    if (json_is_object(t) && sget(t, "en"))
        return sget(t, "en");
    return sget(ov, "law") ? sget(ov, "law") : "national law";
}

static const char *const disclaimer =
    "Duty titles, notes and evidence examples are libnis2's own short wording, not the text of the law: read the "
    "Official Journal or the national gazette. A decision aid, not legal advice.";

static json_t *catalog_duties(const nis2_ctx *ctx)
{
    const char *law_title = "Directive (EU) 2022/2555 (NIS2)";
    json_t *cat = json_object();
    json_object_set_new(cat, "uuid", nis2i_exchange_uuid("catalog:nis2@%s", ctx->catalog_version));
    json_object_set_new(
        cat, "metadata",
        metadata(ctx, "NIS2 Directive (EU) 2022/2555: duties of essential and important entities", disclaimer));
    json_object_set_new(cat, "groups",
                        grouped_duties(json_object_get(nis2i_ctx_doc(ctx), "obligations"), "EU 2022/2555", law_title));
    json_t *bm = json_object();
    nis2i_json_push(
        bm, "resources",
        resource(
            "EU 2022/2555", law_title,
            "Directive (EU) 2022/2555 of the European Parliament and of the Council of 14 December 2022, OJ L 333, "
            "27.12.2022, p. 80",
            "https://eur-lex.europa.eu/eli/dir/2022/2555/oj"));
    json_object_set_new(cat, "back-matter", bm);
    return cat;
}

static json_t *catalog_overlay(const nis2_ctx *ctx, const json_t *ov)
{
    const char *cc = sget(ov, "country"), *law = sget(ov, "law") ? sget(ov, "law") : cc;
    char title[600];
    snprintf(title, sizeof title, "%s: national duties (%s)", law, overlay_title(ov));
    json_t *cat = json_object();
    json_object_set_new(cat, "uuid", nis2i_exchange_uuid("catalog:%s@%s", cc, ctx->catalog_version));
    json_t *md = metadata(ctx, title, disclaimer);
    nis2i_json_push(md, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "country", cc));
    json_object_set_new(cat, "metadata", md);
    json_object_set_new(cat, "groups", grouped_duties(json_object_get(ov, "obligations"), law, law));
    json_t *bm = json_object();
    nis2i_json_push(bm, "resources", resource(law, law, sget(ov, "source"), NULL));
    json_object_set_new(cat, "back-matter", bm);
    return cat;
}

/* ---------------------------------------------------------------- IR 2024/2690 Annex points */

static json_t *ir_control(const json_t *points, const json_t *p, const json_t *index, int depth)
{
    json_t *c = json_object();
    const char *id = sget(p, "id");
    json_object_set_new(c, "id", json_string(id));
    json_object_set_new(c, "class", json_string(sget(p, "kind") ? sget(p, "kind") : "point"));
    json_object_set_new(c, "title", json_string(sget(p, "title") ? sget(p, "title") : id));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NULL, "label", sget(p, "ref")));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "point", sget(p, "point")));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "review", sget(p, "review")));
    nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "enisa-title", sget(p, "enisa_title")));
    size_t i;
    const json_t *v;
    json_array_foreach(json_object_get(p, "details"), i, v)
        nis2i_json_push(c, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "details-duty", json_string_value(v)));
    nis2i_json_push(c, "links", link_to("EU 2024/2690", "reference", "Implementing Regulation (EU) 2024/2690, Annex"));
    guidance_part(c, id, sget(p, "description"));
    if (depth < 8) {
        json_array_foreach(json_object_get(p, "children"), i, v) {
            const json_t *ix = json_object_get(index, json_string_value(v));
            if (ix)
                nis2i_json_push(
                    c, "controls",
                    ir_control(points, json_array_get(points, (size_t)json_integer_value(ix)), index, depth + 1));
        }
    }
    return c;
}

static json_t *catalog_ir(const nis2_ctx *ctx)
{
    const json_t *points = json_object_get(nis2i_ctx_doc(ctx), "ir2690_points");
    json_t *index = json_object(), *child = json_object();
    size_t i, j;
    const json_t *p, *v;
    json_array_foreach(points, i, p) {
        if (sget(p, "id"))
            json_object_set_new(index, sget(p, "id"), json_integer((json_int_t)i));
        json_array_foreach(json_object_get(p, "children"), j, v)
            if (json_is_string(v))
                json_object_set_new(child, json_string_value(v), json_true());
    }
    json_t *cat = json_object();
    json_object_set_new(cat, "uuid", nis2i_exchange_uuid("catalog:ir2690@%s", ctx->catalog_version));
    json_object_set_new(
        cat, "metadata",
        metadata(ctx, "Implementing Regulation (EU) 2024/2690, Annex: sections and points",
                 "Sections and points of the Annex, with short titles (ENISA's, or the Annex heading where "
                 "they differ) and libnis2's own summaries of the numbered sub-points; not the text of the "
                 "Regulation. A decision aid, not legal advice."));
    json_array_foreach(points, i, p) {
        if (sget(p, "id") && !json_object_get(child, sget(p, "id")))
            nis2i_json_push(cat, "controls", ir_control(points, p, index, 0));
    }
    json_t *bm = json_object();
    nis2i_json_push(
        bm, "resources",
        resource("EU 2024/2690", "Commission Implementing Regulation (EU) 2024/2690",
                 "Commission Implementing Regulation (EU) 2024/2690 of 17 October 2024, OJ L, 2024/2690, 18.10.2024",
                 "https://eur-lex.europa.eu/eli/reg_impl/2024/2690/oj"));
    json_object_set_new(cat, "back-matter", bm);
    json_decref(index);
    json_decref(child);
    return cat;
}

/* ---------------------------------------------------------------- the mapping collection */

static const char *const oscal_rel[] = {"no-relationship", "intersects-with", "superset-of", "subset-of", "equal-to"};
static const char *const native_rel[] = {"no_relationship", "intersects_with", "superset_of", "subset_of", "equal"};

static const char *oscal_relationship(const char *native)
{
    for (size_t i = 0; i < 5; i++)
        if (native && strcmp(native, native_rel[i]) == 0)
            return oscal_rel[i];
    return NULL;
}

typedef enum { K_DUTY = 0, K_IR, K_ISO, K_NONE } node_kind;
static const char *const kind_key[] = {"nis2-duties", "ir2690", "iso27001-2022", "none"};

static node_kind kind_of(const json_t *kinds, const char *id)
{
    if (!id)
        return K_NONE;
    const json_t *k = json_object_get(kinds, id);
    return k ? (node_kind)json_integer_value(k) : K_NONE;
}

static json_t *catalog_resource(node_kind k, const nis2_ctx *ctx)
{
    switch (k) {
    case K_DUTY:
        return resource("catalog:nis2-duties", "libnis2 catalog of NIS2 duties (nis2 export --format oscal-catalog)",
                        "Directive (EU) 2022/2555 duties and the national duties of each encoded overlay, as libnis2 "
                        "identifies them (control ids = duty ids).",
                        NULL);
    case K_IR:
        return resource(
            "catalog:ir2690",
            "libnis2 catalog of IR 2024/2690 Annex points (nis2 export --format oscal-catalog --part ir2690)",
            "Sections and points of the Annex of Commission Implementing Regulation (EU) 2024/2690 (control ids "
            "ir2690.<point>).",
            NULL);
    default:
        (void)ctx;
        return resource(
            "catalog:iso27001-2022", "ISO/IEC 27001:2022",
            "ISO/IEC 27001:2022 Information security, cybersecurity and privacy protection: clauses 4-10 and "
            "Annex A, by identifier only (\"9.3\", \"A.5.24\"); its text is ISO copyright and is not reproduced.",
            "https://www.iso.org/standard/27001");
    }
}

static json_t *mapping_collection(const nis2_ctx *ctx)
{
    const json_t *doc = nis2i_ctx_doc(ctx);
    json_t *kinds = json_object();
    size_t i, j;
    const json_t *o, *ov;
    json_array_foreach(json_object_get(doc, "obligations"), i, o)
        if (sget(o, "id"))
            json_object_set_new(kinds, sget(o, "id"), json_integer(K_DUTY));
    json_array_foreach(json_object_get(doc, "overlays"), i, ov)
        json_array_foreach(json_object_get(ov, "obligations"), j, o)
            if (sget(o, "id"))
                json_object_set_new(kinds, sget(o, "id"), json_integer(K_DUTY));
    json_array_foreach(json_object_get(doc, "ir2690_points"), i, o)
        if (sget(o, "id"))
            json_object_set_new(kinds, sget(o, "id"), json_integer(K_IR));
    json_array_foreach(json_object_get(doc, "controls"), i, o)
        if (sget(o, "id"))
            json_object_set_new(kinds, sget(o, "id"), json_integer(K_ISO));

    json_t *mc = json_object();
    json_object_set_new(mc, "uuid", nis2i_exchange_uuid("mapping-collection@%s", ctx->catalog_version));
    json_object_set_new(
        mc, "metadata",
        metadata(ctx, "libnis2 mapping graph: NIS2 duties, IR 2024/2690 Annex points, ISO/IEC 27001:2022",
                 "Relationships are read \"source is <relationship> target\". Rationales are libnis2's. ISO/IEC "
                 "27001:2022 appears by identifier only. A decision aid, not legal advice or an audit opinion."));
    /* provenance: the sources, ENISA's attribution first-class */
    nis2i_buf desc = {0};
    nis2i_buf_puts(&desc, "The mapping graph libnis2 uses for its ISO/IEC 27001 gap report: NIS2 duty -> IR 2024/2690 "
                          "section -> IR point -> ISO/IEC 27001:2022 identifier, and direct duty -> ISO links.");
    const json_t *s;
    json_array_foreach(json_object_get(doc, "sources"), i, s) {
        nis2i_buf_printf(&desc, " Source \"%s\": %s.", sget(s, "id") ? sget(s, "id") : "?",
                         sget(s, "title") ? sget(s, "title") : "");
        if (sget(s, "attribution"))
            nis2i_buf_printf(&desc, " %s", sget(s, "attribution"));
        if (sget(s, "licence"))
            nis2i_buf_printf(&desc, " Licence: %s%s%s.", sget(s, "licence"), sget(s, "licence_url") ? " " : "",
                             sget(s, "licence_url") ? sget(s, "licence_url") : "");
        if (sget(s, "caveat"))
            nis2i_buf_printf(&desc, " %s", sget(s, "caveat"));
    }
    json_t *prov = json_object();
    json_object_set_new(prov, "method", json_string("human"));
    json_object_set_new(prov, "matching-rationale", json_string("semantic"));
    json_object_set_new(prov, "status", json_string("complete"));
    json_object_set_new(prov, "mapping-description", json_stringn(desc.data ? desc.data : "", desc.len));
    nis2i_buf_free(&desc);
    json_object_set_new(mc, "provenance", prov);

    /* one mapping per (source catalog, target catalog, source of the pairs), in order of first appearance */
    json_t *mappings = json_array(), *by_key = json_object();
    const json_t *m;
    json_array_foreach(json_object_get(doc, "mappings"), i, m) {
        const char *from = sget(m, "from"), *to = sget(m, "to"), *src = sget(m, "source");
        const char *rel = oscal_relationship(sget(m, "relationship"));
        node_kind fk = kind_of(kinds, from), tk = to ? kind_of(kinds, to) : K_ISO;
        if (!from || !rel || !src || fk == K_NONE || tk == K_NONE)
            continue; /* the context validated the graph: nothing is skipped in practice */
        char key[400];
        snprintf(key, sizeof key, "%s>%s:%s", kind_key[fk], kind_key[tk], src);
        json_t *mp = json_object_get(by_key, key);
        if (!mp) {
            mp = json_object();
            json_object_set_new(mp, "uuid", nis2i_exchange_uuid("mapping:%s", key));
            json_object_set_new(mp, "method", json_string("human"));
            json_object_set_new(mp, "matching-rationale", json_string("semantic"));
            json_object_set_new(mp, "status", json_string("complete"));
            json_t *sr = json_object(), *tr = json_object();
            char href[40];
            json_t *ru = catalog_resource(fk, ctx);
            snprintf(href, sizeof href, "#%s", json_string_value(json_object_get(ru, "uuid")));
            json_decref(ru);
            json_object_set_new(sr, "type", json_string("catalog"));
            json_object_set_new(sr, "href", json_string(href));
            ru = catalog_resource(tk, ctx);
            snprintf(href, sizeof href, "#%s", json_string_value(json_object_get(ru, "uuid")));
            json_decref(ru);
            json_object_set_new(tr, "type", json_string("catalog"));
            json_object_set_new(tr, "href", json_string(href));
            json_object_set_new(mp, "source-resource", sr);
            json_object_set_new(mp, "target-resource", tr);
            nis2i_json_push(mp, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "source", src));
            char rk[300];
            snprintf(rk, sizeof rk, "source:%s", src);
            nis2i_json_push(mp, "links", link_to(rk, "reference", src));
            json_object_set_new(mp, "maps", json_array());
            json_array_append_new(mappings, mp);
            json_object_set(by_key, key, mp);
        }
        if (!to) {
            /* no_relationship with nothing on the other side: the duty is unmapped (a gap summary), and its
             * rationale travels as a property so that the pair comes back on import */
            json_t *gs = json_object_get(mp, "source-gap-summary");
            if (!gs) {
                gs = json_object();
                json_object_set_new(gs, "uuid", nis2i_exchange_uuid("gap-summary:%s", key));
                json_t *sel = json_object();
                json_object_set_new(sel, "with-ids", json_array());
                nis2i_json_push(gs, "unmapped-controls", sel);
                json_object_set_new(mp, "source-gap-summary", gs);
            }
            json_array_append_new(
                json_object_get(json_array_get(json_object_get(gs, "unmapped-controls"), 0), "with-ids"),
                json_string(from));
            json_t *p = nis2i_oscal_prop(NIS2I_OSCAL_NS, "unmapped", from);
            if (p && sget(m, "rationale"))
                json_object_set_new(p, "remarks", json_string(sget(m, "rationale")));
            nis2i_json_push(mp, "props", p);
            continue;
        }
        json_t *mapx = json_object();
        json_object_set_new(mapx, "uuid", nis2i_exchange_uuid("map:%s>%s", from, to));
        json_object_set_new(mapx, "relationship", json_string(rel));
        json_t *si = json_object(), *ti = json_object();
        json_object_set_new(si, "type", json_string("control"));
        json_object_set_new(si, "id-ref", json_string(from));
        json_object_set_new(ti, "type", json_string("control"));
        json_object_set_new(ti, "id-ref", json_string(to));
        nis2i_json_push(mapx, "sources", si);
        nis2i_json_push(mapx, "targets", ti);
        if (sget(m, "rationale"))
            json_object_set_new(mapx, "remarks", json_string(sget(m, "rationale")));
        json_array_append_new(json_object_get(mp, "maps"), mapx);
    }
    json_decref(by_key);
    /* OSCAL wants at least one map per mapping: a group whose pairs all have nothing on the other side (none in
     * the embedded catalog) cannot be written and is left out (EXCHANGE.md, "Limits") */
    json_t *kept = json_array();
    json_array_foreach(mappings, i, m) {
        if (json_array_size(json_object_get(m, "maps")))
            json_array_append(kept, (json_t *)m);
    }
    json_decref(mappings);
    json_object_set_new(mc, "mappings", kept);

    json_t *bm = json_object();
    for (int k = 0; k < 3; k++)
        nis2i_json_push(bm, "resources", catalog_resource((node_kind)k, ctx));
    json_array_foreach(json_object_get(doc, "sources"), i, s) {
        if (!sget(s, "id"))
            continue;
        char rk[300];
        snprintf(rk, sizeof rk, "source:%s", sget(s, "id"));
        nis2i_buf cit = {0};
        nis2i_buf_printf(&cit, "%s", sget(s, "title") ? sget(s, "title") : sget(s, "id"));
        if (sget(s, "publisher"))
            nis2i_buf_printf(&cit, ". %s", sget(s, "publisher"));
        if (sget(s, "attribution"))
            nis2i_buf_printf(&cit, ". %s", sget(s, "attribution"));
        json_t *r = resource(rk, sget(s, "id"), cit.data, sget(s, "url"));
        nis2i_buf_free(&cit);
        nis2i_json_push(r, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "licence", sget(s, "licence")));
        nis2i_json_push(r, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "licence-url", sget(s, "licence_url")));
        if (sget(s, "caveat"))
            json_object_set_new(r, "remarks", json_string(sget(s, "caveat")));
        nis2i_json_push(bm, "resources", r);
    }
    json_object_set_new(mc, "back-matter", bm);
    json_decref(kinds);
    return mc;
}

/* ---------------------------------------------------------------- the public function */

nis2_status nis2_export(const nis2_ctx *ctx, uint32_t format, const char *part, uint32_t flags, char **out,
                        nis2_error *err)
{
    if (!ctx || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_export: ctx and out must not be NULL");
    *out = NULL;
    if (format == NIS2_EXPORT_CISO_ASSISTANT)
        return nis2i_export_ciso(ctx, part, out, err);
    if (format == NIS2_EXPORT_OSCAL_MAPPING) {
        if (part && strcmp(part, "mappings") != 0)
            return nis2i_fail(
                err, NIS2_ERR_NOT_FOUND, NULL,
                "unknown part '%s' for oscal-mapping (it exports the whole mapping graph; expected no part)", part);
        if (!json_array_size(json_object_get(nis2i_ctx_doc(ctx), "mappings")))
            return nis2i_fail(err, NIS2_ERR_NOT_FOUND, NULL, "the catalog has no mappings to export");
        json_t *root = json_object();
        json_object_set_new(root, "mapping-collection", mapping_collection(ctx));
        return finish(root, flags, out, err);
    }
    if (format != NIS2_EXPORT_OSCAL_CATALOG)
        return nis2i_fail(
            err, NIS2_ERR_INVALID_ARG, NULL,
            "nis2_export: unknown format %u (expected NIS2_EXPORT_OSCAL_CATALOG, _OSCAL_MAPPING or _CISO_ASSISTANT)",
            format);
    json_t *cat = NULL;
    const json_t *ov;
    if (!part || strcmp(part, "nis2") == 0) {
        if (json_array_size(json_object_get(nis2i_ctx_doc(ctx), "obligations")))
            cat = catalog_duties(ctx);
    } else if (strcmp(part, "ir2690") == 0) {
        if (json_array_size(json_object_get(nis2i_ctx_doc(ctx), "ir2690_points")))
            cat = catalog_ir(ctx);
    } else if ((ov = find_overlay(ctx, part))) {
        cat = catalog_overlay(ctx, ov);
    }
    if (!cat)
        return nis2i_fail(
            err, NIS2_ERR_NOT_FOUND, NULL,
            "unknown or empty catalog part '%s' (expected nis2, ir2690 or the country code of an overlay with "
            "duties)",
            part ? part : "nis2");
    json_t *root = json_object();
    json_object_set_new(root, "catalog", cat);
    return finish(root, flags, out, err);
}
