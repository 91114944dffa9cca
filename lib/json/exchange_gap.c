/* SPDX-License-Identifier: Apache-2.0 */
/* The gap report as an OSCAL 1.2 assessment-results document, built from the report's JSON document
 * (lib/schema/FORMATS.md §gap-report) and the evidence items of its input: one result; each duty a finding (its
 * status as the target's status), each evidence item an observation, each open item a risk. Field by field:
 * lib/json/EXCHANGE.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/evidence.h>
#include <nis2/exchange.h>

#include "json/exchange.h"
#include "json/gap_report.h"
#include "util/uuid.h"

static const char *sget(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

/* "YYYY-MM-DD" -> "YYYY-MM-DDT00:00:00Z" (hh:mm:ss given); NULL when d is not a date. */
static json_t *day_time(const char *d, const char *hms)
{
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return NULL;
    char t[40];
    snprintf(t, sizeof t, "%sT%sZ", d, hms);
    return json_string(t);
}

static json_t *ar_uuid(const char *key, const char *kind, const char *id)
{
    return nis2i_exchange_uuid("ar:%s:%s:%s", key, kind, id ? id : "");
}

/* Each evidence id of list that the input declares (known) and the finding does not relate yet (seen) becomes a
 * related observation of finding f. */
static void relate_observations(json_t *f, const json_t *list, const json_t *known, json_t *seen, const char *key)
{
    size_t i;
    const json_t *v;
    json_array_foreach(list, i, v) {
        const char *e = json_string_value(v);
        if (e && json_object_get(known, e) && !json_object_get(seen, e)) {
            json_object_set_new(seen, e, json_true());
            json_t *ro = json_object();
            json_object_set_new(ro, "observation-uuid", ar_uuid(key, "observation", e));
            nis2i_json_push(f, "related-observations", ro);
        }
    }
}

static const char *uuid_str(char out[37], const char *key, const char *kind, const char *id)
{
    char name[1200];
    snprintf(name, sizeof name, "ar:%s:%s:%s", key, kind, id ? id : "");
    nis2i_uuid5(nis2i_uuid_ns_libnis2, name, out);
    return out;
}

/* The prioritised action list as recommendations: each action is a remediation (lifecycle recommendation) of the
 * first open-item risk of a duty it names; an action that names no such duty (a record of the management body,
 * a risk or a supplier, or a duty without open items) is a risk of its own. The due date is the risk's deadline. */
static void add_actions(const char *key, const json_t *rep, json_t *res, const json_t *first_risk,
                        const json_t *finding_of)
{
    size_t i, j;
    const json_t *a, *v;
    json_array_foreach(json_object_get(rep, "actions"), i, a) {
        const char *text = sget(a, "action");
        if (!text)
            continue;
        char aid[40], title[300];
        snprintf(aid, sizeof aid, "action#%zu", i);
        const json_t *rk = json_object_get(a, "rank");
        long long rank = json_is_integer(rk) ? (long long)json_integer_value(rk) : (long long)i + 1;
        json_t *rem = json_object();
        json_object_set_new(rem, "uuid", ar_uuid(key, "remediation", aid));
        json_object_set_new(rem, "lifecycle", json_string("recommendation"));
        snprintf(title, sizeof title, "Action %lld: %s", rank, sget(a, "provision") ? sget(a, "provision") : "");
        json_object_set_new(rem, "title", json_string(title));
        json_object_set_new(rem, "description", json_string(text));
        char n[32];
        snprintf(n, sizeof n, "%lld", rank);
        nis2i_json_push(rem, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "rank", n));
        nis2i_json_push(rem, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "weight", sget(a, "weight")));
        nis2i_json_push(rem, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "question", sget(a, "question")));
        json_t *risk = NULL;
        const char *duty = NULL;
        json_array_foreach(json_object_get(a, "ids"), j, v) {
            const char *id = json_string_value(v);
            if (id && !duty && json_object_get(finding_of, id))
                duty = id;
            if (id && !risk && (risk = json_object_get(first_risk, id)))
                break;
        }
        if (!risk) {
            risk = json_object();
            json_object_set_new(risk, "uuid", ar_uuid(key, "risk", aid));
            char rt[300];
            snprintf(rt, sizeof rt, "%s: action %lld", sget(a, "provision") ? sget(a, "provision") : "NIS2", rank);
            json_object_set_new(risk, "title", json_string(rt));
            const char *fd = sget(a, "finding") ? sget(a, "finding") : text;
            json_object_set_new(risk, "description", json_string(fd));
            json_object_set_new(risk, "statement", json_string(fd));
            json_array_foreach(json_object_get(a, "ids"), j, v)
                nis2i_json_push(risk, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "concerns", json_string_value(v)));
            nis2i_json_push(risk, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "origin", "action"));
            json_object_set_new(risk, "status", json_string("open"));
            nis2i_json_push(res, "risks", risk);
            if (duty) {
                json_t *ar2 = json_object();
                json_object_set_new(ar2, "risk-uuid", ar_uuid(key, "risk", aid));
                nis2i_json_push(json_object_get(finding_of, duty), "related-risks", ar2);
            }
        }
        json_t *dl = day_time(sget(a, "due"), "23:59:59");
        if (dl && !json_object_get(risk, "deadline"))
            json_object_set_new(risk, "deadline", dl);
        else
            json_decref(dl);
        nis2i_json_push(risk, "remediations", rem);
    }
}

static json_t *build(const nis2_ctx *ctx, const json_t *rep, const json_t *input)
{
    const json_t *ent = json_object_get(rep, "entity");
    const char *name = sget(ent, "name") ? sget(ent, "name") : "entity";
    const char *as_of = sget(rep, "as_of");
    char key[600];
    snprintf(key, sizeof key, "%s@%s@%s", name, as_of ? as_of : "", ctx->catalog_version);

    json_t *ar = json_object();
    json_object_set_new(ar, "uuid", ar_uuid(key, "assessment-results", NULL));
    json_t *md = json_object();
    char title[700];
    snprintf(title, sizeof title, "NIS2 gap report: %s", name);
    json_object_set_new(md, "title", json_string(title));
    json_t *lm = day_time(as_of, "00:00:00");
    json_object_set_new(md, "last-modified", lm ? lm : json_string("1970-01-01T00:00:00Z"));
    json_object_set_new(md, "version", json_string(ctx->catalog_version));
    json_object_set_new(md, "oscal-version", json_string(NIS2I_OSCAL_VERSION));
    nis2i_json_push(md, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "catalog-version", ctx->catalog_version));
    nis2i_json_push(md, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "library-version", sget(rep, "library_version")));
    json_object_set_new(
        md, "remarks",
        json_string(
            "Built by libnis2 from its gap report (lib/schema/FORMATS.md §gap-report): NIS2 duties are the assessed "
            "objectives (ids of `nis2 export --format oscal-catalog`). A decision aid, not legal "
            "advice or an audit opinion."));
    json_object_set_new(ar, "metadata", md);
    char u[37], href[40];
    snprintf(href, sizeof href, "#%s", uuid_str(u, key, "resource", "method"));
    json_t *ap = json_object();
    json_object_set_new(ap, "href", json_string(href));
    json_object_set_new(ap, "remarks",
                        json_string("No OSCAL assessment plan: the method is libnis2's gap report (back-matter)."));
    json_object_set_new(ar, "import-ap", ap);

    json_t *res = json_object();
    json_object_set_new(res, "uuid", ar_uuid(key, "result", NULL));
    json_object_set_new(res, "title", json_string(title));
    char desc[1200];
    snprintf(
        desc, sizeof desc, "%s: %s (%s) under %s, as of %s. %s", name,
        sget(ent, "category") ? sget(ent, "category") : "?", sget(ent, "decided_by") ? sget(ent, "decided_by") : "?",
        sget(ent, "law") ? sget(ent, "law") : "?", as_of ? as_of : "?",
        json_is_true(json_object_get(ent, "ir_2024_2690")) ? "Implementing Regulation (EU) 2024/2690 applies."
                                                           : "Implementing Regulation (EU) 2024/2690 does not apply.");
    json_object_set_new(res, "description", json_string(desc));
    json_t *start = day_time(as_of, "00:00:00");
    json_object_set_new(res, "start", start ? start : json_string("1970-01-01T00:00:00Z"));
    nis2i_json_push(res, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "category", sget(ent, "category")));
    nis2i_json_push(res, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "decided-by", sget(ent, "decided_by")));
    nis2i_json_push(res, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "law", sget(ent, "law")));
    const json_t *sum = json_object_get(rep, "summary");
    static const char *const counts[] = {"assessed", "covered", "partial", "missing", "not_applicable", "binding"};
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        const json_t *v = json_object_get(sum, counts[k]);
        if (json_is_integer(v)) {
            char n[32], pname[40];
            snprintf(n, sizeof n, "%lld", (long long)json_integer_value(v));
            snprintf(pname, sizeof pname, "duties-%s", counts[k]);
            for (char *p = pname; *p; p++)
                if (*p == '_')
                    *p = '-';
            nis2i_json_push(res, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, pname, n));
        }
    }

    /* the duties the report assesses */
    const json_t *obls = json_object_get(rep, "obligations");
    json_t *sel = json_object();
    size_t i, j;
    const json_t *o, *v;
    json_array_foreach(obls, i, o) {
        if (!sget(o, "id"))
            continue;
        json_t *c = json_object();
        json_object_set_new(c, "control-id", json_string(sget(o, "id")));
        nis2i_json_push(sel, "include-controls", c);
    }
    if (!json_object_get(sel, "include-controls"))
        json_object_set_new(sel, "include-all", json_object());
    json_object_set_new(sel, "description",
                        json_string("Every NIS2 duty of the catalog; `binds` says which bind the entity."));
    json_t *rc = json_object();
    nis2i_json_push(rc, "control-selections", sel);
    json_object_set_new(res, "reviewed-controls", rc);

    /* observations: the evidence items of the input, stale ones marked */
    json_t *stale = json_object(), *known = json_object();
    json_array_foreach(json_object_get(rep, "stale_evidence"), i, v)
        if (sget(v, "id"))
            json_object_set_new(stale, sget(v, "id"), json_string(sget(v, "reason") ? sget(v, "reason") : "stale"));
    json_array_foreach(json_object_get(input, "evidence"), i, v) {
        const char *id = sget(v, "id");
        if (!id)
            continue;
        json_object_set_new(known, id, json_true());
        json_t *ob = json_object();
        json_object_set_new(ob, "uuid", ar_uuid(key, "observation", id));
        json_object_set_new(ob, "title", json_string(id));
        json_object_set_new(ob, "description", json_string(sget(v, "title") ? sget(v, "title") : id));
        nis2i_json_push(ob, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "evidence-id", id));
        const char *sr = json_string_value(json_object_get(stale, id));
        nis2i_json_push(ob, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "stale", sr));
        json_array_foreach(json_object_get(v, "controls"), j, o)
            nis2i_json_push(ob, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "iso27001-2022-id", json_string_value(o)));
        json_array_foreach(json_object_get(v, "obligations"), j, o)
            nis2i_json_push(ob, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "duty", json_string_value(o)));
        nis2i_json_push(ob, "methods", json_string("EXAMINE"));
        nis2i_json_push(ob, "types", json_string("control-objective"));
        json_t *re = json_object();
        json_object_set_new(re, "description", json_string(sget(v, "title") ? sget(v, "title") : id));
        nis2i_json_push(ob, "relevant-evidence", re);
        json_t *col = day_time(sget(v, "dated"), "00:00:00");
        json_object_set_new(ob, "collected", col ? col : day_time(as_of, "00:00:00"));
        json_t *exp = day_time(sget(v, "valid_until"), "23:59:59");
        if (exp)
            json_object_set_new(ob, "expires", exp);
        nis2i_json_push(res, "observations", ob);
    }

    /* findings and risks; first_risk: duty -> its first open-item risk, finding_of: duty -> its finding */
    json_t *first_risk = json_object(), *finding_of = json_object();
    json_array_foreach(obls, i, o) {
        const char *id = sget(o, "id"), *status = sget(o, "status");
        if (!id || !status)
            continue;
        json_t *f = json_object();
        json_object_set_new(f, "uuid", ar_uuid(key, "finding", id));
        json_object_set_new(f, "title", json_string(sget(o, "title") ? sget(o, "title") : id));
        char fd[2400];
        const char *why = sget(o, "applies_because") ? sget(o, "applies_because") : sget(o, "reason");
        snprintf(fd, sizeof fd, "%s: %s.%s%s", sget(o, "ref") ? sget(o, "ref") : id, status, why ? " " : "",
                 why ? why : "");
        json_object_set_new(f, "description", json_string(fd));
        nis2i_json_push(f, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "status", status));
        nis2i_json_push(
            f, "props",
            nis2i_oscal_prop(NIS2I_OSCAL_NS, "binds", json_is_true(json_object_get(o, "binds")) ? "true" : "false"));
        json_t *t = json_object(), *ts = json_object();
        json_object_set_new(t, "type", json_string("objective-id"));
        json_object_set_new(t, "target-id", json_string(id));
        bool covered = strcmp(status, "covered") == 0, na = strcmp(status, "not_applicable") == 0;
        json_object_set_new(ts, "state", json_string(covered || na ? "satisfied" : "not-satisfied"));
        json_object_set_new(ts, "reason", json_string(covered ? "pass" : na ? "other" : "fail"));
        if (na)
            json_object_set_new(
                ts, "remarks",
                json_string("Not applicable: the duty does not bind the entity, or leaves nothing to assess."));
        json_object_set_new(t, "status", ts);
        const char *impl = covered                          ? "implemented"
                           : strcmp(status, "partial") == 0 ? "partial"
                           : na                             ? "not-applicable"
                                                            : NULL;
        if (impl) {
            json_t *is = json_object();
            json_object_set_new(is, "state", json_string(impl));
            json_object_set_new(t, "implementation-status", is);
        }
        json_object_set_new(f, "target", t);
        /* observations: the direct evidence, then the evidence behind each linked control */
        json_t *seen = json_object();
        const json_t *c;
        relate_observations(f, json_object_get(o, "evidence"), known, seen, key);
        json_array_foreach(json_object_get(o, "controls"), j, c)
            relate_observations(f, json_object_get(c, "evidence"), known, seen, key);
        json_decref(seen);
        json_array_foreach(json_object_get(o, "open"), j, v) {
            const char *text = json_string_value(v);
            if (!text || !*text)
                continue;
            char rid[400];
            snprintf(rid, sizeof rid, "%s#%zu", id, j);
            json_t *r = json_object();
            json_object_set_new(r, "uuid", ar_uuid(key, "risk", rid));
            char rt[600];
            snprintf(rt, sizeof rt, "%s: open item %zu", sget(o, "ref") ? sget(o, "ref") : id, j + 1);
            json_object_set_new(r, "title", json_string(rt));
            json_object_set_new(r, "description", json_string(text));
            json_object_set_new(r, "statement", json_string(text));
            nis2i_json_push(r, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "duty", id));
            nis2i_json_push(r, "props", nis2i_oscal_prop(NIS2I_OSCAL_NS, "origin", "open-item"));
            json_object_set_new(r, "status", json_string("open"));
            nis2i_json_push(res, "risks", r);
            if (!json_object_get(first_risk, id))
                json_object_set(first_risk, id, r);
            json_t *ar2 = json_object();
            json_object_set_new(ar2, "risk-uuid", ar_uuid(key, "risk", rid));
            nis2i_json_push(f, "related-risks", ar2);
        }
        json_object_set(finding_of, id, f);
        nis2i_json_push(res, "findings", f);
    }
    add_actions(key, rep, res, first_risk, finding_of);
    json_decref(first_risk);
    json_decref(finding_of);
    json_decref(stale);
    json_decref(known);
    nis2i_json_push(ar, "results", res);

    json_t *bm = json_object(), *r = json_object();
    json_object_set_new(r, "uuid", json_string(uuid_str(u, key, "resource", "method")));
    json_object_set_new(r, "title", json_string("libnis2 ISO/IEC 27001 -> NIS2 gap report"));
    json_object_set_new(
        r, "description",
        json_string("Evidence -> ISO/IEC 27001:2022 control -> (IR 2024/2690 point ->) NIS2 duty, by the "
                    "status rules of include/nis2/evidence.h."));
    nis2i_json_push(bm, "resources", r);
    json_object_set_new(ar, "back-matter", bm);

    json_t *root = json_object();
    json_object_set_new(root, "assessment-results", ar);
    return root;
}

nis2_status nis2i_gap_oscal(const nis2_gap_report *r, uint32_t flags, char **out, nis2_error *err)
{
    /* the typed report's own document and the input it was computed from */
    json_t *root = build(nis2i_gap_report_context(r), nis2i_gap_report_document(r), nis2i_gap_report_input(r));
    nis2_status st =
        root ? nis2i_json_dump(root, flags, out, err) : nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
    json_decref(root);
    return st;
}

nis2_status nis2_gap_report_oscal(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out,
                                  nis2_error *err)
{
    if (!ctx || !json || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_gap_report_oscal: ctx, json and out must not be NULL");
    *out = NULL;
    nis2_gap_report *r = NULL;
    nis2_status st = nis2_gap_report_from_json(ctx, json, len, &r, err);
    if (st)
        return st;
    st = nis2i_gap_oscal(r, flags, out, err);
    nis2_gap_report_free(r);
    return st;
}
