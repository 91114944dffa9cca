/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON edge of the gap report's ISMS records: $.management_body, $.risks and $.suppliers of the input document
 * into the typed structs of rules/gap_isms.h (strict: unknown keys are errors, x_ keys are vendor extensions; every
 * reference to a control, an obligation or an evidence item is checked), and the typed findings back into the
 * report's `questions` and `actions`. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gap_json.h"
#include "rules/mapping.h"
#include "rules/obligations.h"

#define MAX_ITEMS 5000u
#define MAX_REFS  500u

typedef struct pctx {
    const nis2_ctx *ctx;
    const nis2i_map *evidence;   /* evidence id -> index */
    nis2i_gap_isms *m;
    nis2_error *err;
} pctx;

NIS2I_PRINTF(4, 5) static nis2_status fail(pctx *p, nis2_status code, const char *path, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nis2i_fail(p->err, code, path, "%s: %s", path, msg);
}

static nis2_status nomem(pctx *p)
{
    return nis2i_fail(p->err, NIS2_ERR_NOMEM, NULL, "out of memory");
}

static nis2_status keys(pctx *p, const json_t *o, const char *base, const char *const *k)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        if (key[0] == 'x' && key[1] == '_')
            continue;
        size_t i = 0;
        while (k[i] && strcmp(k[i], key) != 0)
            i++;
        if (!k[i]) {
            char path[200];
            snprintf(path, sizeof path, "%s.%.64s", base, key);
            return fail(p, NIS2_ERR_UNKNOWN_KEY, path, "unknown key (vendor extensions start with x_)");
        }
    }
    return NIS2_OK;
}

static nis2_status str(pctx *p, const json_t *o, const char *key, const char *base, bool required, const char **out)
{
    char path[200];
    const json_t *v = json_object_get(o, key);
    *out = NULL;
    snprintf(path, sizeof path, "%s.%s", base, key);
    if (!v || json_is_null(v))
        return required ? fail(p, NIS2_ERR_MISSING_FIELD, path, "required string is missing") : NIS2_OK;
    if (!json_is_string(v) || json_string_length(v) == 0)
        return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected a non-empty string, not %s",
                    json_is_string(v) ? "an empty one" : nis2i_json_type_name(v));
    *out = json_string_value(v);
    return NIS2_OK;
}

static bool parse_date(const char *s, int32_t *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || m < 1 || m > 12 || d < 1)
        return false;
    if (d > mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
        return false;
    *out = y * 10000 + m * 100 + d;
    return true;
}

static nis2_status date(pctx *p, const json_t *o, const char *key, const char *base, bool required, int32_t *out)
{
    char path[200];
    const json_t *v = json_object_get(o, key);
    *out = 0;
    snprintf(path, sizeof path, "%s.%s", base, key);
    if (!v || json_is_null(v))
        return required ? fail(p, NIS2_ERR_MISSING_FIELD, path, "required date (YYYY-MM-DD) is missing") : NIS2_OK;
    if (!json_is_string(v) || !parse_date(json_string_value(v), out))
        return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected a calendar date YYYY-MM-DD (1970 or later)");
    return NIS2_OK;
}

static nis2_status enumv(pctx *p, const json_t *o, const char *key, const char *base, const char *const *names,
                         size_t n, bool required, uint8_t *out)
{
    char path[200], expected[300];
    const json_t *v = json_object_get(o, key);
    snprintf(path, sizeof path, "%s.%s", base, key);
    if (!v || json_is_null(v))
        return required ? fail(p, NIS2_ERR_MISSING_FIELD, path, "required value is missing") : NIS2_OK;
    for (size_t i = 0; json_is_string(v) && i < n; i++)
        if (strcmp(json_string_value(v), names[i]) == 0) {
            *out = (uint8_t)i;
            return NIS2_OK;
        }
    size_t len = 0;
    expected[0] = '\0';
    for (size_t i = 0; i < n && len < sizeof expected - 40; i++) {
        int k = snprintf(expected + len, sizeof expected - len, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "",
                         names[i]);
        len += k > 0 ? (size_t)k : 0;
    }
    return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected %s", expected);
}

/* An optional array at o.key; *arr NULL when absent. */
static nis2_status array(pctx *p, const json_t *o, const char *key, const char *base, size_t max, const json_t **arr)
{
    char path[200];
    const json_t *v = json_object_get(o, key);
    *arr = NULL;
    if (!v || json_is_null(v))
        return NIS2_OK;
    snprintf(path, sizeof path, "%s.%s", base, key);
    if (!json_is_array(v))
        return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected an array, not %s", nis2i_json_type_name(v));
    if (json_array_size(v) > max)
        return fail(p, NIS2_ERR_LIMIT, path, "more than %zu entries", max);
    *arr = v;
    return NIS2_OK;
}

/* Evidence ids at o.key: each must name an item of $.evidence. */
static nis2_status evidence_refs(pctx *p, const json_t *o, const char *base, const char *const **out, size_t *n)
{
    const json_t *a;
    nis2_status st = array(p, o, "evidence", base, MAX_REFS, &a);
    *out = NULL;
    *n = 0;
    if (st || !a)
        return st;
    const char **ids = nis2i_gap_isms_alloc(p->m, json_array_size(a), sizeof *ids);
    if (!ids)
        return nomem(p);
    size_t i;
    const json_t *x;
    json_array_foreach(a, i, x) {
        char path[200];
        uint32_t idx;
        snprintf(path, sizeof path, "%s.evidence[%zu]", base, i);
        if (!json_is_string(x))
            return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected an evidence id (a string)");
        if (!p->evidence || !nis2i_map_get(p->evidence, json_string_value(x), &idx))
            return fail(p, NIS2_ERR_UNKNOWN_CODE, path, "'%s' is not the id of an item of $.evidence",
                        json_string_value(x));
        ids[i] = json_string_value(x);
    }
    *out = ids;
    *n = json_array_size(a);
    return NIS2_OK;
}

/* ---------------------------------------------------------------- $.management_body */

static nis2_status parse_record(pctx *p, const json_t *e, const char *base, bool approval, nis2i_mb_record *r)
{
    static const char *const kap[] = {"what", "date", "evidence", NULL};
    static const char *const kov[] = {"what", "date", "evidence", NULL};
    if (!json_is_object(e))
        return fail(p, NIS2_ERR_INVALID_FIELD, base, "expected an object {\"what\", \"date\", \"evidence\"}");
    nis2_status st = keys(p, e, base, approval ? kap : kov);
    if (st)
        return st;
    if (approval)
        st = enumv(p, e, "what", base, nis2i_mb_what_names, NIS2I_MB_N, true, &r->what);
    else
        st = str(p, e, "what", base, true, &r->topic);
    if (st || (st = date(p, e, "date", base, true, &r->date)))
        return st;
    return evidence_refs(p, e, base, &r->evidence, &r->n_evidence);
}

static nis2_status parse_member(pctx *p, const json_t *e, const char *eb, nis2i_mb_member *x)
{
    static const char *const km[] = {"id", "role", "trained_on", NULL};
    nis2_status st;
    if (!json_is_object(e))
        return fail(p, NIS2_ERR_INVALID_FIELD, eb, "expected an object {\"id\", \"role\", \"trained_on\"}");
    if ((st = keys(p, e, eb, km)) || (st = str(p, e, "id", eb, true, &x->id)) ||
        (st = str(p, e, "role", eb, false, &x->role)) || (st = date(p, e, "trained_on", eb, false, &x->trained_on)))
        return st;
    return NIS2_OK;
}

static nis2_status parse_management(pctx *p, const json_t *mb)
{
    static const char *const k[] = {"members", "approvals", "oversight", "security_reporter", NULL};
    const char *base = "$.management_body";
    nis2i_gap_isms *m = p->m;
    if (!mb || json_is_null(mb))
        return NIS2_OK;
    if (!json_is_object(mb))
        return fail(p, NIS2_ERR_INVALID_FIELD, base, "expected an object {\"members\", \"approvals\", \"oversight\"}");
    nis2_status st = keys(p, mb, base, k);
    if (st || (st = str(p, mb, "security_reporter", base, false, &m->security_reporter)))
        return st;
    m->has_management_body = true;
    const json_t *a;
    if ((st = array(p, mb, "members", base, MAX_ITEMS, &a)))
        return st;
    if (a) {
        m->n_members = json_array_size(a);
        if (!(m->members = nis2i_gap_isms_alloc(m, m->n_members, sizeof *m->members)))
            return nomem(p);
        nis2i_map ids = {0};
        for (size_t i = 0; i < m->n_members && !st; i++) {
            char eb[96];
            const json_t *e = json_array_get(a, i);
            nis2i_mb_member *x = &m->members[i];
            snprintf(eb, sizeof eb, "%s.members[%zu]", base, i);
            if ((st = parse_member(p, e, eb, x)))
                break;
            int rc = nis2i_map_put(&ids, x->id, (uint32_t)i);
            if (rc < 0)
                st = nomem(p);
            else if (rc > 0) {
                char path[120];
                snprintf(path, sizeof path, "%s.id", eb);
                st = fail(p, NIS2_ERR_INVALID_FIELD, path, "member id '%s' is used twice", x->id);
            }
        }
        nis2i_map_free(&ids);
        if (st)
            return st;
    }
    static const char *const lists[] = {"approvals", "oversight"};
    for (size_t l = 0; l < 2; l++) {
        if ((st = array(p, mb, lists[l], base, MAX_ITEMS, &a)))
            return st;
        if (!a)
            continue;
        size_t n = json_array_size(a);
        nis2i_mb_record *r = nis2i_gap_isms_alloc(m, n, sizeof *r);
        if (!r)
            return nomem(p);
        for (size_t i = 0; i < n; i++) {
            char eb[96];
            snprintf(eb, sizeof eb, "%s.%s[%zu]", base, lists[l], i);
            if ((st = parse_record(p, json_array_get(a, i), eb, l == 0, &r[i])))
                return st;
        }
        if (l == 0) {
            m->approvals = r;
            m->n_approvals = n;
        } else {
            m->oversight = r;
            m->n_oversight = n;
        }
    }
    return NIS2_OK;
}

/* ---------------------------------------------------------------- $.risks */

static nis2_status parse_risk(pctx *p, const json_t *e, const char *eb, nis2i_risk *r)
{
    static const char *const k[] = {"id", "title", "level", "treatment", "controls", "obligations", "decision",
                                    "assessed_on", "evidence", NULL};
    static const char *const kd[] = {"by", "date", "review_by", NULL};
    static const char *const deciders[] = {"management_body", "risk_owner", "ciso", "other"};
    if (!json_is_object(e))
        return fail(p, NIS2_ERR_INVALID_FIELD, eb, "expected a risk object {\"id\", \"title\", \"level\", \"treatment\"}");
    nis2_status st;
    if ((st = keys(p, e, eb, k)) || (st = str(p, e, "id", eb, true, &r->id)) ||
        (st = str(p, e, "title", eb, true, &r->title)) ||
        (st = enumv(p, e, "level", eb, nis2i_risk_level_names, 4, true, &r->level)) ||
        (st = enumv(p, e, "treatment", eb, nis2i_treatment_names, 4, true, &r->treatment)) ||
        (st = date(p, e, "assessed_on", eb, false, &r->assessed_on)))
        return st;
    const json_t *a;
    if ((st = array(p, e, "controls", eb, MAX_REFS, &a)))
        return st;
    if (a) {
        size_t n = json_array_size(a);
        uint32_t *c = nis2i_gap_isms_alloc(p->m, n, sizeof *c);
        const char **ids = nis2i_gap_isms_alloc(p->m, n, sizeof *ids);
        if (!c || !ids)
            return nomem(p);
        for (size_t i = 0; i < n; i++) {
            char path[160];
            const json_t *x = json_array_get(a, i);
            snprintf(path, sizeof path, "%s.controls[%zu]", eb, i);
            if (!json_is_string(x))
                return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected a control identifier such as \"A.8.13\"");
            if ((st = nis2i_iso_normalise(p->ctx, json_string_value(x), path, &c[i], p->err)))
                return st;
            ids[i] = p->ctx->iso->controls[c[i]].id;
        }
        r->controls = c;
        r->control_ids = ids;
        r->n_controls = n;
    }
    if ((st = array(p, e, "obligations", eb, MAX_REFS, &a)))
        return st;
    if (a) {
        size_t n = json_array_size(a);
        const char **ids = nis2i_gap_isms_alloc(p->m, n, sizeof *ids);
        if (!ids)
            return nomem(p);
        for (size_t i = 0; i < n; i++) {
            char path[160];
            uint32_t ob;
            const json_t *x = json_array_get(a, i);
            snprintf(path, sizeof path, "%s.obligations[%zu]", eb, i);
            if (!json_is_string(x))
                return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected an obligation id (a string)");
            if (!p->ctx->obl || !nis2i_map_get(&p->ctx->obl->index, json_string_value(x), &ob))
                return fail(p, NIS2_ERR_UNKNOWN_CODE, path,
                            "'%s' is not an obligation id of the catalog (see nis2 catalog --part obligations)",
                            json_string_value(x));
            ids[i] = p->ctx->obl->items[ob].id;
        }
        r->obligations = ids;
        r->n_obligations = n;
    }
    const json_t *d = json_object_get(e, "decision");
    if (d && !json_is_null(d)) {
        char db[160];
        snprintf(db, sizeof db, "%s.decision", eb);
        if (!json_is_object(d))
            return fail(p, NIS2_ERR_INVALID_FIELD, db, "expected an object {\"by\", \"date\", \"review_by\"}");
        uint8_t by = 0;
        if ((st = keys(p, d, db, kd)) || (st = enumv(p, d, "by", db, deciders, 4, true, &by)) ||
            (st = date(p, d, "date", db, true, &r->decision_date)) ||
            (st = date(p, d, "review_by", db, false, &r->review_by)))
            return st;
        r->decided_by = (uint8_t)(by + 1);
        if (r->review_by && r->review_by < r->decision_date) {
            char path[200];
            snprintf(path, sizeof path, "%s.review_by", db);
            return fail(p, NIS2_ERR_INVALID_FIELD, path, "review_by is before the date of the decision");
        }
    }
    const char *const *ev;
    return evidence_refs(p, e, eb, &ev, &r->n_evidence);
}

static nis2_status parse_risks(pctx *p, const json_t *v)
{
    nis2i_gap_isms *m = p->m;
    if (!v || json_is_null(v))
        return NIS2_OK;
    if (!json_is_array(v))
        return fail(p, NIS2_ERR_INVALID_FIELD, "$.risks", "expected an array of risks (the risk register)");
    if (json_array_size(v) > MAX_ITEMS)
        return fail(p, NIS2_ERR_LIMIT, "$.risks", "more than %u risks", MAX_ITEMS);
    m->has_risks = true;
    m->n_risks = json_array_size(v);
    if (!(m->risks = nis2i_gap_isms_alloc(m, m->n_risks, sizeof *m->risks)))
        return nomem(p);
    nis2i_map ids = {0};
    nis2_status st = NIS2_OK;
    for (size_t i = 0; i < m->n_risks && !st; i++) {
        char eb[64];
        snprintf(eb, sizeof eb, "$.risks[%zu]", i);
        if ((st = parse_risk(p, json_array_get(v, i), eb, &m->risks[i])))
            break;
        int rc = nis2i_map_put(&ids, m->risks[i].id, (uint32_t)i);
        if (rc < 0)
            st = nomem(p);
        else if (rc > 0) {
            char path[80];
            snprintf(path, sizeof path, "%s.id", eb);
            st = fail(p, NIS2_ERR_INVALID_FIELD, path, "risk id '%s' is used twice", m->risks[i].id);
        }
    }
    nis2i_map_free(&ids);
    return st;
}

/* ---------------------------------------------------------------- $.suppliers */

static nis2_status parse_supplier(pctx *p, const json_t *e, const char *eb, nis2i_supplier *s)
{
    static const char *const k[] = {"id", "name", "service", "critical", "contact", "assessed_on", "next_assessment",
                                    "contract_clauses", "certifications", "evidence", NULL};
    if (!json_is_object(e))
        return fail(p, NIS2_ERR_INVALID_FIELD, eb, "expected a supplier object {\"id\", \"name\", \"service\", \"critical\"}");
    nis2_status st;
    if ((st = keys(p, e, eb, k)) || (st = str(p, e, "id", eb, true, &s->id)) ||
        (st = str(p, e, "name", eb, true, &s->name)) || (st = str(p, e, "service", eb, true, &s->service)) ||
        (st = str(p, e, "contact", eb, false, &s->contact)) ||
        (st = date(p, e, "assessed_on", eb, false, &s->assessed_on)) ||
        (st = date(p, e, "next_assessment", eb, false, &s->next_assessment)))
        return st;
    const json_t *c = json_object_get(e, "critical");
    char path[200];
    snprintf(path, sizeof path, "%s.critical", eb);
    if (!c)
        return fail(p, NIS2_ERR_MISSING_FIELD, path, "say whether the supplier is critical (true or false)");
    if (!json_is_boolean(c))
        return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected true or false");
    s->critical = json_is_true(c);
    if (s->next_assessment && s->assessed_on && s->next_assessment < s->assessed_on) {
        snprintf(path, sizeof path, "%s.next_assessment", eb);
        return fail(p, NIS2_ERR_INVALID_FIELD, path, "next_assessment is before assessed_on");
    }
    const json_t *a;
    if ((st = array(p, e, "contract_clauses", eb, 64, &a)))
        return st;
    for (size_t i = 0; a && i < json_array_size(a); i++) {
        const json_t *x = json_array_get(a, i);
        size_t j = 0;
        while (json_is_string(x) && j < NIS2I_CL_N && strcmp(json_string_value(x), nis2i_clause_names[j]) != 0)
            j++;
        if (!json_is_string(x) || j == NIS2I_CL_N) {
            char exp[400];
            size_t len = 0;
            for (size_t q = 0; q < NIS2I_CL_N; q++) {
                int n = snprintf(exp + len, sizeof exp - len, "%s%s", q ? ", " : "", nis2i_clause_names[q]);
                len += n > 0 ? (size_t)n : 0;
            }
            snprintf(path, sizeof path, "%s.contract_clauses[%zu]", eb, i);
            return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected one of %s (IR 2024/2690 Annex 5.1.4)", exp);
        }
        s->clauses |= 1u << j;
    }
    if ((st = array(p, e, "certifications", eb, 64, &a)))
        return st;
    for (size_t i = 0; a && i < json_array_size(a); i++)
        if (!json_is_string(json_array_get(a, i))) {
            snprintf(path, sizeof path, "%s.certifications[%zu]", eb, i);
            return fail(p, NIS2_ERR_INVALID_FIELD, path, "expected a string such as \"ISO/IEC 27001:2022\"");
        }
    s->n_certifications = a ? json_array_size(a) : 0;
    const char *const *ev;
    return evidence_refs(p, e, eb, &ev, &s->n_evidence);
}

static nis2_status parse_suppliers(pctx *p, const json_t *v)
{
    nis2i_gap_isms *m = p->m;
    if (!v || json_is_null(v))
        return NIS2_OK;
    if (!json_is_array(v))
        return fail(p, NIS2_ERR_INVALID_FIELD, "$.suppliers", "expected an array of suppliers (the supplier register)");
    if (json_array_size(v) > MAX_ITEMS)
        return fail(p, NIS2_ERR_LIMIT, "$.suppliers", "more than %u suppliers", MAX_ITEMS);
    m->has_suppliers = true;
    m->n_suppliers = json_array_size(v);
    if (!(m->suppliers = nis2i_gap_isms_alloc(m, m->n_suppliers, sizeof *m->suppliers)))
        return nomem(p);
    nis2i_map ids = {0};
    nis2_status st = NIS2_OK;
    for (size_t i = 0; i < m->n_suppliers && !st; i++) {
        char eb[64];
        snprintf(eb, sizeof eb, "$.suppliers[%zu]", i);
        if ((st = parse_supplier(p, json_array_get(v, i), eb, &m->suppliers[i])))
            break;
        int rc = nis2i_map_put(&ids, m->suppliers[i].id, (uint32_t)i);
        if (rc < 0)
            st = nomem(p);
        else if (rc > 0) {
            char path[80];
            snprintf(path, sizeof path, "%s.id", eb);
            st = fail(p, NIS2_ERR_INVALID_FIELD, path, "supplier id '%s' is used twice", m->suppliers[i].id);
        }
    }
    nis2i_map_free(&ids);
    return st;
}

nis2_status nis2i_gap_isms_from_value(const nis2_ctx *ctx, const json_t *in, const nis2i_map *evidence,
                                      nis2i_gap_isms *out, nis2_error *err)
{
    pctx p = {.ctx = ctx, .evidence = evidence, .m = out, .err = err};
    nis2_status st;
    if ((st = parse_management(&p, json_object_get(in, "management_body"))) ||
        (st = parse_risks(&p, json_object_get(in, "risks"))) ||
        (st = parse_suppliers(&p, json_object_get(in, "suppliers"))))
        return st;
    return NIS2_OK;
}

nis2_status nis2i_gap_isms_parse_entry(const nis2_ctx *ctx, nis2i_gap_rec kind, const json_t *e, const char *base,
                                       const nis2i_map *evidence, nis2i_gap_isms *alloc, void *out, nis2_error *err)
{
    pctx p = {.ctx = ctx, .evidence = evidence, .m = alloc, .err = err};
    switch (kind) {
    case NIS2I_GREC_MEMBER: return parse_member(&p, e, base, out);
    case NIS2I_GREC_APPROVAL: return parse_record(&p, e, base, true, out);
    case NIS2I_GREC_OVERSIGHT: return parse_record(&p, e, base, false, out);
    case NIS2I_GREC_RISK: return parse_risk(&p, e, base, out);
    default: return parse_supplier(&p, e, base, out);
    }
}

nis2_status nis2i_gap_isms_check_entry(const nis2_ctx *ctx, nis2i_gap_rec kind, const json_t *e, const char *base,
                                       const nis2i_map *evidence, nis2_error *err)
{
    nis2i_gap_isms scratch = {0};
    union {
        nis2i_mb_member member;
        nis2i_mb_record record;
        nis2i_risk risk;
        nis2i_supplier supplier;
    } x;
    memset(&x, 0, sizeof x);
    nis2_status st = nis2i_gap_isms_parse_entry(ctx, kind, e, base, evidence, &scratch, &x, err);
    nis2i_gap_isms_free(&scratch);
    return st;
}

/* ---------------------------------------------------------------- out: questions and actions */

static json_t *date_value(int32_t d)
{
    if (!d)
        return json_null();
    char s[11];
    unsigned u = (unsigned)d;
    snprintf(s, sizeof s, "%04u-%02u-%02u", (u / 10000u) % 10000u, (u / 100u) % 100u, u % 100u);
    return json_string(s);
}

static json_t *ids_value(const nis2i_gap_finding *x)
{
    json_t *a = json_array();
    for (size_t i = 0; i < 3 && x->ids[i]; i++)
        json_array_append_new(a, json_string(x->ids[i]));
    return a;
}

static json_t *finding_value(const nis2i_gap_finding *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "provision", json_string(x->provision));
    json_object_set_new(o, "text", json_string(x->text));
    json_object_set_new(o, "ids", ids_value(x));
    json_object_set_new(o, "open", json_boolean(x->open));
    json_object_set_new(o, "weight", json_string(nis2i_weight_names[x->weight]));
    json_object_set_new(o, "due", date_value(x->due));
    return o;
}

void nis2i_gap_questions_value(const nis2i_gap_result *r, json_t **questions, json_t **actions)
{
    const nis2i_gap_findings *f = &r->findings;
    const size_t *order = r->order, *rank = r->rank;
    json_t *qs = json_array(), *acts = json_array();
    for (size_t q = 0; q < NIS2I_Q_N; q++) {
        json_t *o = json_object(), *fs = json_array(), *as = json_array();
        json_object_set_new(o, "id", json_string(nis2i_gap_q_id((nis2i_gap_q)q)));
        json_object_set_new(o, "question", json_string(nis2i_gap_q_title((nis2i_gap_q)q)));
        int qst = nis2i_gap_result_q_status(r, (nis2i_gap_q)q);
        json_object_set_new(o, "status", json_string(nis2i_gap_q_status_names[qst]));
        json_object_set_new(o, "answer", json_string(r->answers[q] ? r->answers[q] : ""));
        for (size_t i = 0; i < f->n; i++) {
            if (f->items[i].question != q)
                continue;
            json_t *fv = finding_value(&f->items[i]);
            json_object_set_new(fv, "action_rank", json_integer((json_int_t)rank[i]));
            json_array_append_new(fs, fv);
            json_array_append_new(as, json_string(f->items[i].action));
        }
        json_object_set_new(o, "findings", fs);
        json_object_set_new(o, "actions", as);
        json_array_append_new(qs, o);
    }
    for (size_t k = 0; k < f->n; k++) {
        const nis2i_gap_finding *x = &f->items[order[k]];
        json_t *o = json_object();
        json_object_set_new(o, "rank", json_integer((json_int_t)(k + 1)));
        json_object_set_new(o, "question", json_string(nis2i_gap_q_id((nis2i_gap_q)x->question)));
        json_object_set_new(o, "weight", json_string(nis2i_weight_names[x->weight]));
        json_object_set_new(o, "due", date_value(x->due));
        json_object_set_new(o, "provision", json_string(x->provision));
        json_object_set_new(o, "action", json_string(x->action));
        json_object_set_new(o, "finding", json_string(x->text));
        json_object_set_new(o, "ids", ids_value(x));
        json_array_append_new(acts, o);
    }
    *questions = qs;
    *actions = acts;
}
