/* SPDX-License-Identifier: Apache-2.0 */
/* The typed gap-report API (include/nis2/gap.h): an ISMS built entry by entry, each entry checked by the same
 * code that checks it in an input document (json/gap_report.c, json/gap_json.c), and the report object with its
 * getters and renderers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nis2/gap.h>

#include "compile/compile.h"
#include "json/edge.h"
#include "json/gap_json.h"
#include "json/gap_report.h"

struct nis2_isms {
    const nis2_ctx *ctx;
    nis2_entity *ent;            /* the ISMS's own copy of the entity */
    json_t *doc;                 /* the input document (lib/schema/FORMATS.md §gap-report) being built; its entries
                                    keep the checked strings alive */
    json_t *soa, *evidence, *members, *approvals, *oversight, *risks, *suppliers, *mb;
    nis2i_gap_checker *ck;
    nis2i_map member_ids, risk_ids, supplier_ids;
};

struct nis2_gap_report {
    nis2i_gap_result res;        /* the typed result the getters read */
    const nis2_ctx *ctx;         /* kept alive: the result borrows catalog strings */
    json_t *in;                  /* kept alive: the result borrows evidence ids and titles */
    json_t *rep;                 /* the report document (serialised from res) the renderers write */
    size_t *by_q[NIS2I_Q_N];     /* per question: indices of its findings, in input order */
    size_t n_q[NIS2I_Q_N];
    char (*due)[11];             /* per finding: its due date as "yyyy-mm-dd" ("" when none) */
};

#define MAX_ITEMS 5000u          /* as json/gap_json.c */

static nis2_status nomem(nis2_error *err)
{
    return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory");
}

/* A JSON string of s; *st set (naming path) when s is not UTF-8. */
static json_t *jstr(const char *s, const char *path, nis2_status *st, nis2_error *err)
{
    json_t *v = json_string(s);
    if (!v && !*st)              /* jansson refuses invalid UTF-8 (or has no memory left) */
        *st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected UTF-8 text", path);
    return v;
}

/* o[key] = s when s is not NULL. */
static void put_str(json_t *o, const char *key, const char *s, const char *base, nis2_status *st, nis2_error *err)
{
    if (!s || *st)
        return;
    char path[200];
    snprintf(path, sizeof path, "%s.%s", base, key);
    json_t *v = jstr(s, path, st, err);
    if (v)
        json_object_set_new(o, key, v);
}

/* o[key] = [list...] (only when n > 0). */
static void put_list(json_t *o, const char *key, const char *const *list, size_t n, const char *base,
                     nis2_status *st, nis2_error *err)
{
    if (!n || *st)
        return;
    if (!list) {
        *st = nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "%s.%s: a NULL array with %zu entries", base, key, n);
        return;
    }
    json_t *a = json_array();
    if (!a) {
        *st = nomem(err);
        return;
    }
    for (size_t i = 0; i < n && !*st; i++) {
        char path[200];
        snprintf(path, sizeof path, "%s.%s[%zu]", base, key, i);
        if (!list[i]) {
            *st = nis2i_fail(err, NIS2_ERR_INVALID_ARG, path, "%s: NULL", path);
            break;
        }
        json_t *v = jstr(list[i], path, st, err);
        if (v)
            json_array_append_new(a, v);
    }
    json_object_set_new(o, key, a);
}

nis2_status nis2_isms_new(const nis2_ctx *ctx, const nis2_entity *ent, const char *as_of, nis2_isms **out,
                          nis2_error *err)
{
    if (!ctx || !ent || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_new: ctx, ent and out must not be NULL");
    *out = NULL;
    if (ent->ctx != ctx)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_new: the entity comes from another context");
    int32_t d;
    if (!as_of)
        return nis2i_fail(err, NIS2_ERR_MISSING_FIELD, "$.as_of", "$.as_of: required date (YYYY-MM-DD) is missing");
    if (!nis2i_gap_parse_date(as_of, &d))
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, "$.as_of",
                          "$.as_of: expected a calendar date YYYY-MM-DD (1970 or later)");
    nis2_isms *m = calloc(1, sizeof *m);
    if (!m)
        return nomem(err);
    nis2_status st = nis2i_gap_checker_new(ctx, d, &m->ck, err);
    if (st) {
        free(m);
        return st;
    }
    m->ctx = nis2i_ctx_ref(ctx);
    m->doc = json_object();
    json_t *ev = nis2i_entity_to_value(ent);
    if (!m->doc || !ev) {
        json_decref(ev);
        nis2_isms_free(m);
        return nomem(err);
    }
    json_object_set_new(m->doc, "schema", json_integer(1));
    json_object_set_new(m->doc, "entity", ev);
    json_object_set_new(m->doc, "as_of", json_string(as_of));
    if ((st = nis2i_entity_from_value(ctx, ev, "$.entity", &m->ent, err))) {
        nis2_isms_free(m);
        return st;
    }
    *out = m;
    return NIS2_OK;
}

void nis2_isms_free(nis2_isms *m)
{
    if (!m)
        return;
    nis2i_gap_checker_free(m->ck);
    nis2_entity_free(m->ent);
    nis2i_map_free(&m->member_ids);
    nis2i_map_free(&m->risk_ids);
    nis2i_map_free(&m->supplier_ids);
    json_decref(m->doc);
    nis2i_ctx_unref(m->ctx);
    free(m);
}

/* The array doc[key] (made on first use, at its place in the contract's key order). */
static json_t *list_of(nis2_isms *m, json_t **slot, json_t *parent, const char *key)
{
    (void)m;
    if (!*slot) {
        *slot = json_array();
        if (*slot)
            json_object_set_new(parent, key, *slot);
    }
    return *slot;
}

static json_t *mb_object(nis2_isms *m)
{
    if (!m->mb) {
        m->mb = json_object();
        if (m->mb)
            json_object_set_new(m->doc, "management_body", m->mb);
    }
    return m->mb;
}

nis2_status nis2_isms_add_soa(nis2_isms *m, const char *control, int applicable, const char *status,
                              const char *justification, nis2_error *err)
{
    if (!m || !control || (applicable != 0 && applicable != 1))
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_isms_add_soa: isms and control must not be NULL, applicable is 0 or 1");
    char base[64];
    snprintf(base, sizeof base, "$.soa[%zu]", m->soa ? json_array_size(m->soa) : 0);
    json_t *e = json_object();
    if (!e)
        return nomem(err);
    nis2_status st = NIS2_OK;
    put_str(e, "control", control, base, &st, err);
    if (!st)
        json_object_set_new(e, "applicable", json_boolean(applicable));
    put_str(e, "status", status, base, &st, err);
    put_str(e, "justification", justification, base, &st, err);
    if (!st)
        st = nis2i_gap_checker_soa(m->ck, e, err);
    if (!st && !list_of(m, &m->soa, m->doc, "soa"))
        st = nomem(err);
    if (st) {
        json_decref(e);
        return st;
    }
    json_array_append_new(m->soa, e);
    return NIS2_OK;
}

nis2_status nis2_isms_set_certificate(nis2_isms *m, const char *standard, const char *valid_until,
                                      int scope_covers_nis2_services, const char *issued,
                                      const char *certification_body, nis2_error *err)
{
    if (!m || (scope_covers_nis2_services != 0 && scope_covers_nis2_services != 1))
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_isms_set_certificate: isms must not be NULL, scope_covers_nis2_services is 0 or 1");
    json_t *c = json_object();
    if (!c)
        return nomem(err);
    nis2_status st = NIS2_OK;
    const char *base = "$.certificate";
    put_str(c, "standard", standard, base, &st, err);
    put_str(c, "valid_until", valid_until, base, &st, err);
    if (!st)
        json_object_set_new(c, "scope_covers_nis2_services", json_boolean(scope_covers_nis2_services));
    put_str(c, "issued", issued, base, &st, err);
    put_str(c, "certification_body", certification_body, base, &st, err);
    if (!st)
        st = nis2i_gap_checker_certificate(m->ck, c, err);
    if (st) {
        json_decref(c);
        return st;
    }
    /* the certificate comes after the SoA and before the evidence in the document */
    json_object_set_new(m->doc, "certificate", c);
    return NIS2_OK;
}

nis2_status nis2_isms_add_evidence(nis2_isms *m, const char *id, const char *title, const char *dated,
                                   const char *valid_until, const char *const *controls, size_t n_controls,
                                   const char *const *obligations, size_t n_obligations, nis2_error *err)
{
    if (!m)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_add_evidence: isms must not be NULL");
    char base[64];
    snprintf(base, sizeof base, "$.evidence[%zu]", m->evidence ? json_array_size(m->evidence) : 0);
    json_t *e = json_object();
    if (!e)
        return nomem(err);
    nis2_status st = NIS2_OK;
    put_str(e, "id", id, base, &st, err);
    put_str(e, "title", title, base, &st, err);
    put_list(e, "controls", controls, n_controls, base, &st, err);
    put_list(e, "obligations", obligations, n_obligations, base, &st, err);
    put_str(e, "dated", dated, base, &st, err);
    put_str(e, "valid_until", valid_until, base, &st, err);
    if (!st)
        st = nis2i_gap_checker_evidence(m->ck, e, err);
    if (!st && !list_of(m, &m->evidence, m->doc, "evidence"))
        st = nomem(err);
    if (st) {
        json_decref(e);
        return st;
    }
    json_array_append_new(m->evidence, e);
    return NIS2_OK;
}

/* Where a record goes: the array *slot, made (under $.management_body or $) when its first record is accepted. */
typedef struct slot {
    json_t **list;
    bool under_mb;
    const char *key;
} slot;

static size_t slot_size(slot sl)
{
    return *sl.list ? json_array_size(*sl.list) : 0;
}

/* Check record e of the given kind at base, its id unique in ids (message as json/gap_json.c), and append it.
 * Nothing changes when it is rejected (not even an empty register appears). */
static nis2_status add_record(nis2_isms *m, nis2i_gap_rec kind, json_t *e, nis2_status st, const char *base,
                              nis2i_map *ids, const char *what, slot sl, nis2_error *err)
{
    if (!st && slot_size(sl) >= MAX_ITEMS) {
        char lp[80];
        snprintf(lp, sizeof lp, "%.*s", (int)(strrchr(base, '[') - base), base);
        st = nis2i_fail(err, NIS2_ERR_LIMIT, lp, kind == NIS2I_GREC_RISK ? "%s: more than %u risks"
                                                 : kind == NIS2I_GREC_SUPPLIER ? "%s: more than %u suppliers"
                                                                               : "%s: more than %u entries",
                        lp, MAX_ITEMS);
    }
    if (!st)
        st = nis2i_gap_isms_check_entry(m->ctx, kind, e, base, nis2i_gap_checker_evidence_ids(m->ck), err);
    const char *id = json_string_value(json_object_get(e, "id"));
    uint32_t prev;
    if (!st && ids && nis2i_map_get(ids, id, &prev)) {
        char path[120];
        snprintf(path, sizeof path, "%s.id", base);
        st = nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: %s id '%s' is used twice", path, what, id);
    }
    json_t *list = NULL;
    if (!st) {
        json_t *parent = sl.under_mb ? mb_object(m) : m->doc;
        if (!(list = parent ? list_of(m, sl.list, parent, sl.key) : NULL))
            st = nomem(err);
    }
    if (!st)
        st = nis2i_gap_checker_record(m->ck, kind, e, base, err);   /* into the typed ISMS */
    if (st) {
        json_decref(e);
        return st;
    }
    json_array_append_new(list, e);             /* kept: the typed ISMS borrows its strings */
    if (ids && nis2i_map_put(ids, id, (uint32_t)(json_array_size(list) - 1)) < 0)
        return nomem(err);
    return NIS2_OK;
}

nis2_status nis2_isms_set_security_reporter(nis2_isms *m, const char *who, nis2_error *err)
{
    if (!m || !who)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_set_security_reporter: NULL argument");
    const char *path = "$.management_body.security_reporter";
    if (!*who)
        return nis2i_fail(err, NIS2_ERR_INVALID_FIELD, path, "%s: expected a non-empty string, not an empty one",
                          path);
    nis2_status st = NIS2_OK;
    json_t *v = jstr(who, path, &st, err);
    if (st)
        return st;
    json_t *mb = mb_object(m);
    if (!mb) {
        json_decref(v);
        return nomem(err);
    }
    json_object_set_new(mb, "security_reporter", v);
    nis2i_gap_checker_security_reporter(m->ck, json_string_value(v));
    return NIS2_OK;
}

nis2_status nis2_isms_add_member(nis2_isms *m, const char *id, const char *role, const char *trained_on,
                                 nis2_error *err)
{
    if (!m)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_add_member: isms must not be NULL");
    slot sl = {&m->members, true, "members"};
    char base[96];
    snprintf(base, sizeof base, "$.management_body.members[%zu]", slot_size(sl));
    json_t *e = json_object();
    if (!e)
        return nomem(err);
    nis2_status st = NIS2_OK;
    put_str(e, "id", id, base, &st, err);
    put_str(e, "role", role, base, &st, err);
    put_str(e, "trained_on", trained_on, base, &st, err);
    return add_record(m, NIS2I_GREC_MEMBER, e, st, base, &m->member_ids, "member", sl, err);
}

static nis2_status add_mb_record(nis2_isms *m, bool approval, const char *what, const char *date,
                                 const char *const *evidence, size_t n_evidence, nis2_error *err)
{
    if (!m)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_add_%s: isms must not be NULL",
                          approval ? "approval" : "oversight");
    slot sl = {approval ? &m->approvals : &m->oversight, true, approval ? "approvals" : "oversight"};
    char base[96];
    snprintf(base, sizeof base, "$.management_body.%s[%zu]", sl.key, slot_size(sl));
    json_t *e = json_object();
    if (!e)
        return nomem(err);
    nis2_status st = NIS2_OK;
    put_str(e, "what", what, base, &st, err);
    put_str(e, "date", date, base, &st, err);
    put_list(e, "evidence", evidence, n_evidence, base, &st, err);
    return add_record(m, approval ? NIS2I_GREC_APPROVAL : NIS2I_GREC_OVERSIGHT, e, st, base, NULL, NULL, sl, err);
}

nis2_status nis2_isms_add_approval(nis2_isms *m, const char *what, const char *date, const char *const *evidence,
                                   size_t n_evidence, nis2_error *err)
{
    return add_mb_record(m, true, what, date, evidence, n_evidence, err);
}

nis2_status nis2_isms_add_oversight(nis2_isms *m, const char *what, const char *date, const char *const *evidence,
                                    size_t n_evidence, nis2_error *err)
{
    return add_mb_record(m, false, what, date, evidence, n_evidence, err);
}

nis2_status nis2_isms_add_risk(nis2_isms *m, const char *id, const char *title, const char *level,
                               const char *treatment, const char *assessed_on, const char *const *controls,
                               size_t n_controls, const char *const *obligations, size_t n_obligations,
                               const char *decided_by, const char *decision_date, const char *review_by,
                               const char *const *evidence, size_t n_evidence, nis2_error *err)
{
    if (!m)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_add_risk: isms must not be NULL");
    slot sl = {&m->risks, false, "risks"};
    char base[64];
    snprintf(base, sizeof base, "$.risks[%zu]", slot_size(sl));
    json_t *e = json_object();
    if (!e)
        return nomem(err);
    nis2_status st = NIS2_OK;
    put_str(e, "id", id, base, &st, err);
    put_str(e, "title", title, base, &st, err);
    put_str(e, "level", level, base, &st, err);
    put_str(e, "treatment", treatment, base, &st, err);
    put_list(e, "controls", controls, n_controls, base, &st, err);
    put_list(e, "obligations", obligations, n_obligations, base, &st, err);
    if (!st && (decided_by || decision_date || review_by)) {
        char db[96];
        snprintf(db, sizeof db, "%s.decision", base);
        json_t *d = json_object();
        if (!d)
            st = nomem(err);
        else
            json_object_set_new(e, "decision", d);
        put_str(d, "by", decided_by, db, &st, err);
        put_str(d, "date", decision_date, db, &st, err);
        put_str(d, "review_by", review_by, db, &st, err);
    }
    put_str(e, "assessed_on", assessed_on, base, &st, err);
    put_list(e, "evidence", evidence, n_evidence, base, &st, err);
    return add_record(m, NIS2I_GREC_RISK, e, st, base, &m->risk_ids, "risk", sl, err);
}

nis2_status nis2_isms_add_supplier(nis2_isms *m, const char *id, const char *name, const char *service, int critical,
                                   const char *contact, const char *assessed_on, const char *next_assessment,
                                   const char *const *clauses, size_t n_clauses, const char *const *certifications,
                                   size_t n_certifications, const char *const *evidence, size_t n_evidence,
                                   nis2_error *err)
{
    if (!m || (critical != 0 && critical != 1))
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_isms_add_supplier: isms must not be NULL, critical is 0 or 1");
    slot sl = {&m->suppliers, false, "suppliers"};
    char base[64];
    snprintf(base, sizeof base, "$.suppliers[%zu]", slot_size(sl));
    json_t *e = json_object();
    if (!e)
        return nomem(err);
    nis2_status st = NIS2_OK;
    put_str(e, "id", id, base, &st, err);
    put_str(e, "name", name, base, &st, err);
    put_str(e, "service", service, base, &st, err);
    if (!st)
        json_object_set_new(e, "critical", json_boolean(critical));
    put_str(e, "contact", contact, base, &st, err);
    put_str(e, "assessed_on", assessed_on, base, &st, err);
    put_str(e, "next_assessment", next_assessment, base, &st, err);
    put_list(e, "contract_clauses", clauses, n_clauses, base, &st, err);
    put_list(e, "certifications", certifications, n_certifications, base, &st, err);
    put_list(e, "evidence", evidence, n_evidence, base, &st, err);
    return add_record(m, NIS2I_GREC_SUPPLIER, e, st, base, &m->supplier_ids, "supplier", sl, err);
}

nis2_status nis2_isms_to_json(const nis2_isms *m, uint32_t flags, char **out_json, nis2_error *err)
{
    if (!m || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_isms_to_json: isms and out_json must not be NULL");
    *out_json = NULL;
    return nis2i_json_dump(m->doc, flags, out_json, err);
}

/* ---------------------------------------------------------------- the report */

void nis2_gap_report_free(nis2_gap_report *r)
{
    if (!r)
        return;
    nis2i_gap_result_free(&r->res);
    for (size_t q = 0; q < NIS2I_Q_N; q++)
        free(r->by_q[q]);
    free(r->due);
    json_decref(r->rep);
    json_decref(r->in);
    nis2i_ctx_unref(r->ctx);
    free(r);
}

/* The rest of a report whose result r->res is computed: its document and its indices. */
static nis2_status report_finish(nis2_gap_report *r, nis2_error *err)
{
    nis2_status st = nis2i_gap_result_value(&r->res, &r->rep, err);
    if (!st) {
        const nis2i_gap_findings *f = &r->res.findings;
        if (!(r->due = calloc(f->n + 1, sizeof *r->due)))
            st = nomem(err);
        for (size_t i = 0; !st && i < f->n; i++)
            if (f->items[i].due) {
                unsigned u = (unsigned)f->items[i].due;
                char tmp[40];
                snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", (u / 10000u) % 10000u, (u / 100u) % 100u, u % 100u);
                memcpy(r->due[i], tmp, 10);
            }
        for (size_t q = 0; q < NIS2I_Q_N && !st; q++) {
            if (!(r->by_q[q] = malloc((f->n + 1) * sizeof *r->by_q[q])))
                st = nomem(err);
            for (size_t i = 0; !st && i < f->n; i++)
                if (f->items[i].question == q)
                    r->by_q[q][r->n_q[q]++] = i;
        }
    }
    return st;
}

/* The report of the input document in (a new reference is taken), or (in NULL) of the typed ISMS m. */
static nis2_status report_of(const nis2_ctx *ctx, json_t *in, const nis2_isms *m, nis2_gap_report **out,
                             nis2_error *err)
{
    nis2_gap_report *r = calloc(1, sizeof *r);
    if (!r)
        return nomem(err);
    nis2_status st = in ? nis2i_gap_compute(ctx, in, &r->res, err) : nis2i_gap_compute_typed(m->ck, m->ent, &r->res, err);
    if (st) {
        free(r);
        return st;
    }
    r->ctx = nis2i_ctx_ref(ctx);
    r->in = json_incref(in ? in : m->doc);   /* the strings the result borrows */
    if ((st = report_finish(r, err))) {
        nis2_gap_report_free(r);
        return st;
    }
    *out = r;
    return NIS2_OK;
}

nis2_status nis2_gap_compute(const nis2_isms *m, nis2_gap_report **out, nis2_error *err)
{
    if (!m || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_gap_compute: isms and out must not be NULL");
    *out = NULL;
    /* the ISMS may grow after this: its entries (whose strings the report borrows) are never changed or removed,
     * and what the report copies is copied now */
    return report_of(m->ctx, NULL, m, out, err);
}

const json_t *nis2i_gap_report_document(const nis2_gap_report *r)
{
    return r->rep;
}

const json_t *nis2i_gap_report_input(const nis2_gap_report *r)
{
    return r->in;
}

const nis2_ctx *nis2i_gap_report_context(const nis2_gap_report *r)
{
    return r->ctx;
}

nis2_status nis2_gap_report_from_json(const nis2_ctx *ctx, const char *json, size_t len, nis2_gap_report **out,
                                      nis2_error *err)
{
    if (!ctx || !json || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_gap_report_from_json: ctx, json and out must not be NULL");
    *out = NULL;
    json_t *in;
    nis2_status st = nis2i_json_parse(json, len, &in, err);
    if (st)
        return st;
    st = report_of(ctx, in, NULL, out, err);
    json_decref(in);
    return st;
}

nis2_status nis2_gap_report_to_string(const nis2_gap_report *r, uint32_t format, uint32_t flags, char **out,
                                      nis2_error *err)
{
    if (!r || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_gap_report_to_string: rep and out must not be NULL");
    *out = NULL;
    if (format > NIS2_GAP_FORMAT_OSCAL)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_gap_report_to_string: unknown format %u", format);
    if (format == NIS2_GAP_FORMAT_JSON)
        return nis2i_gap_dump(r->rep, flags, out, err);
    if (format == NIS2_GAP_FORMAT_OSCAL)
        return nis2i_gap_oscal(r, flags, out, err);
    nis2i_buf b = {0};
    if (format == NIS2_GAP_FORMAT_TEXT)
        nis2i_gap_render_text(&r->res, &b);
    else if (format == NIS2_GAP_FORMAT_CSV)
        nis2i_gap_render_csv(&r->res, &b);
    else
        nis2i_gap_render_html(&r->res, &b);
    nis2i_buf_put(&b, "", 1);
    if (b.oom) {
        nis2i_buf_free(&b);
        return nomem(err);
    }
    *out = b.data;
    return NIS2_OK;
}

/* The JSON-in functions of include/nis2/evidence.h, on the report object. */
nis2_status nis2_gap_report_json(const nis2_ctx *ctx, const char *json, size_t len, uint32_t flags, char **out_json,
                                 nis2_error *err)
{
    if (!ctx || !json || !out_json)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_gap_report_json: ctx, json and out_json must not be NULL");
    *out_json = NULL;
    nis2_gap_report *r;
    nis2_status st = nis2_gap_report_from_json(ctx, json, len, &r, err);
    if (st)
        return st;
    st = nis2_gap_report_to_string(r, NIS2_GAP_FORMAT_JSON, flags, out_json, err);
    nis2_gap_report_free(r);
    return st;
}

nis2_status nis2_gap_report_render(const nis2_ctx *ctx, const char *json, size_t len, uint32_t format, char **out,
                                   nis2_error *err)
{
    if (!ctx || !json || !out)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL,
                          "nis2_gap_report_render: ctx, json and out must not be NULL");
    *out = NULL;
    if (format > NIS2_GAP_FORMAT_OSCAL)
        return nis2i_fail(err, NIS2_ERR_INVALID_ARG, NULL, "nis2_gap_report_render: unknown format %u", format);
    nis2_gap_report *r;
    nis2_status st = nis2_gap_report_from_json(ctx, json, len, &r, err);
    if (st)
        return st;
    st = nis2_gap_report_to_string(r, format, 0, out, err);
    nis2_gap_report_free(r);
    return st;
}

/* ---------------------------------------------------------------- getters (over the typed result) */

const char *nis2_gap_report_as_of(const nis2_gap_report *r)
{
    return r ? r->res.as_of : NULL;
}

const char *nis2_gap_report_category(const nis2_gap_report *r)
{
    return r ? r->res.category : NULL;
}

const char *nis2_gap_report_law(const nis2_gap_report *r)
{
    return r ? r->res.law : NULL;
}

int nis2_gap_report_ir_2024_2690(const nis2_gap_report *r)
{
    return r && r->res.ir_2024_2690;
}

size_t nis2_gap_report_summary(const nis2_gap_report *r, uint32_t which)
{
    if (!r)
        return 0;
    const nis2i_gap_result *x = &r->res;
    switch (which) {
    case NIS2_GAP_SUM_ASSESSED: return x->assessed;
    case NIS2_GAP_SUM_COVERED: return x->st[NIS2I_GS_COVERED];
    case NIS2_GAP_SUM_PARTIAL: return x->st[NIS2I_GS_PARTIAL];
    case NIS2_GAP_SUM_MISSING: return x->st[NIS2I_GS_MISSING];
    case NIS2_GAP_SUM_NOT_APPLICABLE: return x->st[NIS2I_GS_NA];
    case NIS2_GAP_SUM_NIS2_SPECIFIC_OPEN: return x->specific_open;
    case NIS2_GAP_SUM_EVIDENCE_ITEMS: return x->evidence_items;
    case NIS2_GAP_SUM_STALE_EVIDENCE: return x->stale_evidence;
    case NIS2_GAP_SUM_BINDING: return x->binding;
    case NIS2_GAP_SUM_BINDING_NOT_ASSESSED: return x->binding_not_assessed;
    default: return 0;
    }
}

const char *nis2_gap_report_certificate_status(const nis2_gap_report *r)
{
    return r && r->res.has_cert ? r->res.cert_status : NULL;
}

int nis2_gap_report_certificate_counts(const nis2_gap_report *r)
{
    return r && r->res.has_cert && r->res.cert_counts;
}

size_t nis2_gap_report_stale_count(const nis2_gap_report *r)
{
    return r ? r->res.n_stale_items : 0;
}

const char *nis2_gap_report_stale_id(const nis2_gap_report *r, size_t k)
{
    return r && k < r->res.n_stale_items ? r->res.stale_items[k].id : NULL;
}

const char *nis2_gap_report_stale_reason(const nis2_gap_report *r, size_t k)
{
    return r && k < r->res.n_stale_items ? r->res.stale_items[k].why : NULL;
}

static const nis2i_gap_measure *measure(const nis2_gap_report *r, size_t m)
{
    return r && m < r->res.n_measures ? &r->res.measures[m] : NULL;
}

size_t nis2_gap_report_measure_count(const nis2_gap_report *r)
{
    return r ? r->res.n_measures : 0;
}

const char *nis2_gap_report_measure_id(const nis2_gap_report *r, size_t m)
{
    const nis2i_gap_measure *x = measure(r, m);
    return x ? x->id : NULL;
}

const char *nis2_gap_report_measure_ref(const nis2_gap_report *r, size_t m)
{
    const nis2i_gap_measure *x = measure(r, m);
    return x ? x->ref : NULL;
}

const char *nis2_gap_report_measure_title(const nis2_gap_report *r, size_t m)
{
    const nis2i_gap_measure *x = measure(r, m);
    return x ? x->title : NULL;
}

int nis2_gap_report_measure_status(const nis2_gap_report *r, size_t m)
{
    const nis2i_gap_measure *x = measure(r, m);
    return x ? (int)x->status : -1;
}

size_t nis2_gap_report_measure_controls(const nis2_gap_report *r, size_t m)
{
    const nis2i_gap_measure *x = measure(r, m);
    return x ? x->controls : 0;
}

size_t nis2_gap_report_measure_supported(const nis2_gap_report *r, size_t m)
{
    const nis2i_gap_measure *x = measure(r, m);
    return x ? x->supported : 0;
}

size_t nis2_gap_report_measure_partly_supported(const nis2_gap_report *r, size_t m)
{
    const nis2i_gap_measure *x = measure(r, m);
    return x ? x->partly : 0;
}

static const nis2i_gap_duty *duty(const nis2_gap_report *r, size_t i)
{
    return r && i < r->res.n_duties ? &r->res.duties[i] : NULL;
}

static const char *at(const nis2i_gap_strs *l, size_t j)
{
    return j < l->n ? l->v[j] : NULL;
}

size_t nis2_gap_report_duty_count(const nis2_gap_report *r)
{
    return r ? r->res.n_duties : 0;
}

const char *nis2_gap_report_duty_id(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->id : NULL;
}

const char *nis2_gap_report_duty_ref(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->ref : NULL;
}

const char *nis2_gap_report_duty_title(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->title : NULL;
}

const char *nis2_gap_report_duty_group(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->group : NULL;
}

const char *nis2_gap_report_duty_nature(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->nature : NULL;
}

int nis2_gap_report_duty_status(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? (int)d->status : -1;
}

int nis2_gap_report_duty_binds(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->binds : -1;
}

int nis2_gap_report_duty_nis2_specific(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->nis2_specific : -1;
}

const char *nis2_gap_report_duty_reason(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->reason : NULL;
}

const char *nis2_gap_report_duty_applies_because(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->applies_because : NULL;
}

size_t nis2_gap_report_duty_open_count(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->open.n : 0;
}

const char *nis2_gap_report_duty_open_at(const nis2_gap_report *r, size_t i, size_t j)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? at(&d->open, j) : NULL;
}

size_t nis2_gap_report_duty_evidence_count(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->evidence.n : 0;
}

const char *nis2_gap_report_duty_evidence_at(const nis2_gap_report *r, size_t i, size_t j)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? at(&d->evidence, j) : NULL;
}

size_t nis2_gap_report_duty_stale_count(const nis2_gap_report *r, size_t i)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? d->stale.n : 0;
}

const char *nis2_gap_report_duty_stale_at(const nis2_gap_report *r, size_t i, size_t j)
{
    const nis2i_gap_duty *d = duty(r, i);
    return d ? at(&d->stale, j) : NULL;
}

const char *nis2_gap_report_question_id(const nis2_gap_report *r, size_t q)
{
    return r && q < NIS2I_Q_N ? nis2i_gap_q_id((nis2i_gap_q)q) : NULL;
}

const char *nis2_gap_report_question_text(const nis2_gap_report *r, size_t q)
{
    return r && q < NIS2I_Q_N ? nis2i_gap_q_title((nis2i_gap_q)q) : NULL;
}

int nis2_gap_report_question_status(const nis2_gap_report *r, size_t q)
{
    return r && q < NIS2I_Q_N ? nis2i_gap_result_q_status(&r->res, (nis2i_gap_q)q) : -1;
}

const char *nis2_gap_report_question_answer(const nis2_gap_report *r, size_t q)
{
    return r && q < NIS2I_Q_N ? r->res.answers[q] : NULL;
}

static const nis2i_gap_finding *finding(const nis2_gap_report *r, size_t q, size_t j, size_t *index)
{
    if (!r || q >= NIS2I_Q_N || j >= r->n_q[q])
        return NULL;
    if (index)
        *index = r->by_q[q][j];
    return &r->res.findings.items[r->by_q[q][j]];
}

size_t nis2_gap_report_finding_count(const nis2_gap_report *r, size_t q)
{
    return r && q < NIS2I_Q_N ? r->n_q[q] : 0;
}

const char *nis2_gap_report_finding_provision(const nis2_gap_report *r, size_t q, size_t j)
{
    const nis2i_gap_finding *f = finding(r, q, j, NULL);
    return f ? f->provision : NULL;
}

const char *nis2_gap_report_finding_text(const nis2_gap_report *r, size_t q, size_t j)
{
    const nis2i_gap_finding *f = finding(r, q, j, NULL);
    return f ? f->text : NULL;
}

const char *nis2_gap_report_finding_action(const nis2_gap_report *r, size_t q, size_t j)
{
    const nis2i_gap_finding *f = finding(r, q, j, NULL);
    return f ? f->action : NULL;
}

static size_t n_ids(const nis2i_gap_finding *f)
{
    size_t n = 0;
    while (f && n < 3 && f->ids[n])
        n++;
    return n;
}

size_t nis2_gap_report_finding_id_count(const nis2_gap_report *r, size_t q, size_t j)
{
    return n_ids(finding(r, q, j, NULL));
}

const char *nis2_gap_report_finding_id_at(const nis2_gap_report *r, size_t q, size_t j, size_t k)
{
    const nis2i_gap_finding *f = finding(r, q, j, NULL);
    return k < n_ids(f) ? f->ids[k] : NULL;
}

int nis2_gap_report_finding_open(const nis2_gap_report *r, size_t q, size_t j)
{
    const nis2i_gap_finding *f = finding(r, q, j, NULL);
    return f ? f->open : -1;
}

int nis2_gap_report_finding_weight(const nis2_gap_report *r, size_t q, size_t j)
{
    const nis2i_gap_finding *f = finding(r, q, j, NULL);
    return f ? (int)f->weight : -1;
}

const char *nis2_gap_report_finding_due(const nis2_gap_report *r, size_t q, size_t j)
{
    size_t i;
    const nis2i_gap_finding *f = finding(r, q, j, &i);
    return f && f->due ? r->due[i] : NULL;
}

size_t nis2_gap_report_finding_rank(const nis2_gap_report *r, size_t q, size_t j)
{
    size_t i;
    return finding(r, q, j, &i) ? r->res.rank[i] : 0;
}

static const nis2i_gap_finding *action(const nis2_gap_report *r, size_t k)
{
    return r && k < r->res.findings.n ? &r->res.findings.items[r->res.order[k]] : NULL;
}

size_t nis2_gap_report_action_count(const nis2_gap_report *r)
{
    return r ? r->res.findings.n : 0;
}

int nis2_gap_report_action_question(const nis2_gap_report *r, size_t k)
{
    const nis2i_gap_finding *f = action(r, k);
    return f ? (int)f->question : -1;
}

int nis2_gap_report_action_weight(const nis2_gap_report *r, size_t k)
{
    const nis2i_gap_finding *f = action(r, k);
    return f ? (int)f->weight : -1;
}

const char *nis2_gap_report_action_due(const nis2_gap_report *r, size_t k)
{
    const nis2i_gap_finding *f = action(r, k);
    return f && f->due ? r->due[r->res.order[k]] : NULL;
}

const char *nis2_gap_report_action_provision(const nis2_gap_report *r, size_t k)
{
    const nis2i_gap_finding *f = action(r, k);
    return f ? f->provision : NULL;
}

const char *nis2_gap_report_action_text(const nis2_gap_report *r, size_t k)
{
    const nis2i_gap_finding *f = action(r, k);
    return f ? f->action : NULL;
}

const char *nis2_gap_report_action_finding(const nis2_gap_report *r, size_t k)
{
    const nis2i_gap_finding *f = action(r, k);
    return f ? f->text : NULL;
}

size_t nis2_gap_report_action_id_count(const nis2_gap_report *r, size_t k)
{
    return n_ids(action(r, k));
}

const char *nis2_gap_report_action_id_at(const nis2_gap_report *r, size_t k, size_t j)
{
    const nis2i_gap_finding *f = action(r, k);
    return j < n_ids(f) ? f->ids[j] : NULL;
}
