/* SPDX-License-Identifier: Apache-2.0 */
/* Text and HTML renderings of the gap report (the JSON built by rules/gap.c). No scripts, no network: the HTML
 * page is self-contained (inline CSS and SVG) so that it can be mailed to a board. */
#include <stdio.h>
#include <string.h>

#include "json/gap_report.h"
#include "jw.h"

/* A string of the result, "" for none (as a missing or null key of the report document read). */
static const char *S(const char *s)
{
    return s ? s : "";
}


/* "yyyy-mm-dd" of a yyyymmdd date; false (out empty) for 0. */
static bool due_text(int32_t d, char out[11])
{
    out[0] = '\0';
    if (!d)
        return false;
    unsigned u = (unsigned)d;
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", (u / 10000u) % 10000u, (u / 100u) % 100u, u % 100u);
    memcpy(out, tmp, 10);
    out[10] = '\0';
    return true;
}

static size_t n_ids(const nis2i_gap_finding *f)
{
    size_t n = 0;
    while (n < 3 && f->ids[n])
        n++;
    return n;
}

static const char *measure_letter(const char *ref)
{
    const char *p = strstr(ref, "21(2)");
    return p ? p + 5 : ref;      /* "(a)" */
}

/* ---------------------------------------------------------------- JSON
 *
 * json_dumps() is the reference: this writer gives the same bytes for the report (JSON_PRESERVE_ORDER with
 * JSON_COMPACT, or JSON_INDENT(2)) in a fraction of the time; jansson's dump spends most of it in its loop check
 * (a hash table of every open container) and its callbacks. Its rules: keys in insertion order; '"', '\\' and
 * control characters escaped ("\\n", "\\u001F"); every other byte written as it is. It gives up (returns false,
 * the caller then takes json_dumps) on a value the report never holds: a real, or a string that is not valid
 * UTF-8. tests/unit/test_gap.c compares the two. */

typedef struct jw {
    nis2i_jw o;                  /* the shared string writer (lib/json/jw.h) */
    size_t indent;               /* 0: compact */
} jw;

static inline void jw_put(jw *w, const char *s, size_t n)
{
    nis2i_jw_put(&w->o, s, n);
}

static void jw_str(jw *w, const char *str, size_t len)
{
    nis2i_jw_str(&w->o, str, len);
}

/* A new line and the indentation of depth (pretty output only). */
static void jw_newline(jw *w, size_t depth)
{
    nis2i_jw_newline(&w->o, w->indent, depth);
}

static void jw_value(jw *w, const json_t *v, size_t depth)
{
    if (w->o.bad)
        return;
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        if (json_object_size(v) == 0) {
            jw_put(w, "{}", 2);
            break;
        }
        jw_put(w, "{", 1);
        const char *k;
        const json_t *x;
        bool first = true;
        json_object_foreach((json_t *)v, k, x) {
            if (!first)
                jw_put(w, ",", 1);
            first = false;
            jw_newline(w, depth + 1);
            jw_str(w, k, strlen(k));
            jw_put(w, w->indent ? ": " : ":", w->indent ? 2 : 1);
            jw_value(w, x, depth + 1);
        }
        jw_newline(w, depth);
        jw_put(w, "}", 1);
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        if (n == 0) {
            jw_put(w, "[]", 2);
            break;
        }
        jw_put(w, "[", 1);
        for (size_t i = 0; i < n; i++) {
            if (i)
                jw_put(w, ",", 1);
            jw_newline(w, depth + 1);
            jw_value(w, json_array_get(v, i), depth + 1);
        }
        jw_newline(w, depth);
        jw_put(w, "]", 1);
        break;
    }
    case JSON_STRING:
        jw_str(w, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER: {
        char d[24];
        json_int_t x = json_integer_value(v);
        if (x < 0) {
            int n = snprintf(d, sizeof d, "%" JSON_INTEGER_FORMAT, x);
            jw_put(w, d, n > 0 ? (size_t)n : 0);
            break;
        }
        unsigned long long u = (unsigned long long)x;
        size_t p = sizeof d;
        do {
            d[--p] = (char)('0' + u % 10u);
            u /= 10u;
        } while (u);
        jw_put(w, d + p, sizeof d - p);
        break;
    }
    case JSON_TRUE:
        jw_put(w, "true", 4);
        break;
    case JSON_FALSE:
        jw_put(w, "false", 5);
        break;
    case JSON_NULL:
        jw_put(w, "null", 4);
        break;
    default:                     /* JSON_REAL: the report has none; json_dumps formats it */
        w->o.bad = true;
    }
}

bool nis2i_gap_render_json(const json_t *rep, bool pretty, nis2i_buf *b)
{
    if (!json_is_object(rep))
        return false;
    jw w = {.o = {.b = b, .bad = false}, .indent = pretty ? 2 : 0};
    jw_value(&w, rep, 0);
    return !w.o.bad;
}

/* ---------------------------------------------------------------- text */

static void wrap(nis2i_buf *b, const char *first, const char *indent, const char *text, size_t width)
{
    nis2i_buf_puts(b, first);
    size_t col = strlen(first);
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t wl = sp ? (size_t)(sp - p) : strlen(p);
        if (col > strlen(indent) && col + 1 + wl > width) {
            nis2i_buf_printf(b, "\n%s", indent);
            col = strlen(indent);
        } else if (col > strlen(first) || p != text) {
            if (p != text) {
                nis2i_buf_puts(b, " ");
                col++;
            }
        }
        nis2i_buf_put(b, p, wl);
        col += wl;
        p += wl;
        while (*p == ' ')
            p++;
    }
    nis2i_buf_puts(b, "\n");
}

static void bar(nis2i_buf *b, long long full, long long part, long long total, int width)
{
    int f = total ? (int)(full * width / total) : 0;
    int p = total ? (int)((full + part) * width / total) - f : 0;
    for (int i = 0; i < width; i++)
        nis2i_buf_puts(b, i < f ? "#" : i < f + p ? "+" : ".");
}

#define TEXT_WIDTH 110

static const char *const weight_words[] = {"reporting_capability", "reporting capability", "accountability",
                                           "management accountability", "binding_duty", "binding duty",
                                           "review", "review or treatment", "partial", "shown in part",
                                           "record", "record to complete", NULL};

static const char *weight_label(const char *w)
{
    for (size_t i = 0; weight_words[i]; i += 2)
        if (strcmp(weight_words[i], w) == 0)
            return weight_words[i + 1];
    return w;
}

/* The ids and the due date of a finding or action, as " [R-7, S-2; due 2026-11-20]" (empty when none). */
static void ids_note(nis2i_buf *b, const nis2i_gap_finding *f)
{
    size_t n = n_ids(f);
    char due[11];
    bool has_due = due_text(f->due, due);
    if (!n && !has_due)
        return;
    nis2i_buf_puts(b, " [");
    for (size_t i = 0; i < n; i++)
        nis2i_buf_printf(b, "%s%s", i ? ", " : "", f->ids[i]);
    if (has_due)
        nis2i_buf_printf(b, "%sdue %s", n ? "; " : "", due);
    nis2i_buf_puts(b, "]");
}

static void text_questions(const nis2i_gap_result *r, nis2i_buf *b)
{
    nis2i_buf_puts(b, "\nTHE SEVEN QUESTIONS A COMPETENT AUTHORITY ASKS\n");
    nis2i_buf t = {0};
    const nis2i_gap_findings *fs = &r->findings;
    for (size_t i = 0; i < NIS2I_Q_N; i++) {
        t.len = 0;
        nis2i_buf_printf(&t, "%s [%s]", nis2i_gap_q_title((nis2i_gap_q)i),
                         nis2i_gap_q_status_names[nis2i_gap_result_q_status(r, (nis2i_gap_q)i)]);
        nis2i_buf_put(&t, "", 1);
        char num[24];
        snprintf(num, sizeof num, "%zu. ", i + 1);
        nis2i_buf_puts(b, "\n");
        wrap(b, num, "   ", t.oom ? "" : t.data, TEXT_WIDTH);
        wrap(b, "   ", "   ", S(r->answers[i]), TEXT_WIDTH);
        for (size_t j = 0; j < fs->n; j++) {
            const nis2i_gap_finding *f = &fs->items[j];
            if (f->question != i)
                continue;
            t.len = 0;
            nis2i_buf_printf(&t, "%s (%s; action %zu)", S(f->text), S(f->provision), r->rank[j]);
            nis2i_buf_put(&t, "", 1);
            wrap(b, "   - ", "     ", t.oom ? "" : t.data, TEXT_WIDTH);
        }
    }
    nis2i_buf_puts(b, "\nWHAT TO DO FIRST: legal weight and deadline first (rank, weight, action, provision)\n");
    for (size_t k = 0; k < fs->n; k++) {
        const nis2i_gap_finding *a = &fs->items[r->order[k]];
        char num[32];
        snprintf(num, sizeof num, "%3zu. ", k + 1);
        t.len = 0;
        nis2i_buf_printf(&t, "[%s] %s", weight_label(nis2i_weight_names[a->weight]), S(a->action));
        ids_note(&t, a);
        nis2i_buf_printf(&t, " (%s)", S(a->provision));
        nis2i_buf_put(&t, "", 1);
        wrap(b, num, "     ", t.oom ? "" : t.data, TEXT_WIDTH);
        t.len = 0;
        nis2i_buf_printf(&t, "Why: %s", S(a->text));
        nis2i_buf_put(&t, "", 1);
        wrap(b, "     ", "     ", t.oom ? "" : t.data, TEXT_WIDTH);
    }
    nis2i_buf_free(&t);
}

void nis2i_gap_render_text(const nis2i_gap_result *r, nis2i_buf *b)
{
    nis2i_buf t = {0};
#define LINE(first, indent, ...)                                                                                       \
    do {                                                                                                               \
        t.len = 0;                                                                                                     \
        nis2i_buf_printf(&t, __VA_ARGS__);                                                                             \
        nis2i_buf_put(&t, "", 1);                                                                                      \
        wrap(b, first, indent, t.oom ? "" : t.data, TEXT_WIDTH);                                                       \
    } while (0)
    LINE("", "  ", "NIS2 gap report: %s", r->name ? r->name : "(unnamed entity)");
    LINE("", "  ", "As of %s. Category: %s (%s, %s)%s.", r->as_of, S(r->category),
         r->decided_by ? r->decided_by : "no deciding provision", S(r->law),
         r->ir_2024_2690 ? "; IR 2024/2690 applies" : "");
    if (r->has_cert)
        LINE("", "  ", "Certificate: %s, valid until %s, %s: %s.", S(r->cert_standard), r->cert_valid_until,
             S(r->cert_status), r->cert_counts ? "stands in for evidence of clauses 4-10" : "does not count");
    else
        nis2i_buf_puts(b, "Certificate: none given.\n");
    text_questions(r, b);

    nis2i_buf_puts(b, "\nDETAIL\n");
    nis2i_buf_printf(b,
                     "\nSummary: %zu duties bind the entity: %zu assessed (%zu covered, %zu partial, %zu missing),\n"
                     "%zu with nothing to assess as a gap; %zu other duties of the Directive do not bind it.\n"
                     "NIS2-specific duties still open (no ISO/IEC 27001 control covers them): %zu.\n"
                     "Evidence: %zu items, %zu stale.\n",
                     r->binding, r->assessed, r->st[NIS2I_GS_COVERED], r->st[NIS2I_GS_PARTIAL],
                     r->st[NIS2I_GS_MISSING], r->binding_not_assessed, r->st[NIS2I_GS_NA] - r->binding_not_assessed,
                     r->specific_open, r->evidence_items, r->stale_evidence);
    for (size_t i = 0; i < r->n_stale_items; i++)
        LINE("  stale: ", "         ", "%s %s (%s)", S(r->stale_items[i].id), S(r->stale_items[i].title),
             S(r->stale_items[i].why));

    nis2i_buf_puts(b, "\nArt. 21(2) measures: linked ISO controls supported (#), partly (+), not (.)\n");
    for (size_t i = 0; i < r->n_measures; i++) {
        const nis2i_gap_measure *v = &r->measures[i];
        char head[96];
        nis2i_buf bar_b = {0};
        bar(&bar_b, (long long)v->supported, (long long)v->partly, (long long)v->controls, 30);
        nis2i_buf_put(&bar_b, "", 1);
        snprintf(head, sizeof head, "  %-4s %-8s [%s] %2zu/%-2zu  ", measure_letter(S(v->ref)),
                 nis2i_gap_st_names[v->status], bar_b.oom ? "" : bar_b.data, v->supported, v->controls);
        nis2i_buf_free(&bar_b);
        char pad[96];
        size_t hl = strlen(head);
        memset(pad, ' ', hl);
        pad[hl] = '\0';
        wrap(b, head, pad, S(v->title), TEXT_WIDTH);
        if (v->status == NIS2I_GS_PARTIAL && v->controls > 0 && v->supported == v->controls)
            wrap(b, pad, pad,
                 "Every linked control is supported, yet the measure stays partial: ISO/IEC 27001 only overlaps it. "
                 "Show the NIS2-specific remainder (see the duty below).",
                 TEXT_WIDTH);
    }
    nis2i_buf_puts(b, "\nDuty groups: covered / partial / missing / not applicable\n");
    for (size_t i = 0; i < r->n_groups; i++) {
        const nis2i_gap_group *g = &r->groups[i];
        nis2i_buf_printf(b, "  %-26s %3zu %3zu %3zu %3zu\n", g->group, g->st[0], g->st[1], g->st[2], g->st[3]);
    }

    static const nis2i_gap_st order[] = {NIS2I_GS_MISSING, NIS2I_GS_PARTIAL, NIS2I_GS_COVERED};
    for (size_t s = 0; s < 3; s++) {
        nis2i_buf_printf(b, "\n%s\n", s == 0 ? "MISSING" : s == 1 ? "PARTIAL" : "COVERED");
        for (size_t i = 0; i < r->n_duties; i++) {
            const nis2i_gap_duty *v = &r->duties[i];
            if (v->status != order[s])
                continue;
            LINE("* ", "  ", "%s: %s [%s]%s", S(v->ref), S(v->title), S(v->id),
                 v->nis2_specific ? " (NIS2-specific)" : "");
            for (size_t j = 0; j < v->open.n; j++)
                wrap(b, "    - ", "      ", v->open.v[j], TEXT_WIDTH);
            if (s == 2) {
                t.len = 0;
                for (size_t j = 0; j < v->evidence.n; j++)
                    nis2i_buf_printf(&t, "%s%s", t.len ? " " : "", v->evidence.v[j]);
                for (size_t j = 0; j < v->n_controls; j++)
                    if (strcmp(v->controls[j].support, "full") == 0 && j < 12)
                        nis2i_buf_printf(&t, "%s%s", t.len ? " " : "", v->controls[j].id);
                nis2i_buf_put(&t, "", 1);
                wrap(b, "    evidence: ", "      ", t.oom ? "" : t.data, TEXT_WIDTH);
            }
        }
    }
    nis2i_buf_puts(b, "\nBINDING, NOTHING TO ASSESS AS A GAP (listed by nis2 obligations; the reason says why)\n");
    for (size_t i = 0; i < r->n_duties; i++) {
        const nis2i_gap_duty *v = &r->duties[i];
        if (v->status == NIS2I_GS_NA && v->binds)
            LINE("  ", "    ", "%s: %s (%s)", S(v->ref), S(v->title), S(v->reason));
    }
    nis2i_buf_puts(b, "\nDO NOT BIND THIS ENTITY\n");
    for (size_t i = 0; i < r->n_duties; i++) {
        const nis2i_gap_duty *v = &r->duties[i];
        if (v->status == NIS2I_GS_NA && !v->binds)
            LINE("  ", "    ", "%s: %s (%s)", S(v->ref), S(v->title), S(v->reason));
    }
    nis2i_buf_puts(b, "\n");
    LINE("", "", "libnis2 %s, catalog %s. A decision aid, not legal advice or an audit opinion. Mapping pairs "
                 "\"ENISA TIG 2025\": ENISA, CC BY 4.0.",
         S(r->library_version), S(r->catalog_version));
#undef LINE
    if (t.oom)
        b->oom = true;
    nis2i_buf_free(&t);
}

/* ---------------------------------------------------------------- HTML */

static void esc(nis2i_buf *b, const char *s)
{
    const char *run = s;         /* bytes written as they are go out in runs */
    for (const char *p = s; *p; p++) {
        const char *e;
        switch (*p) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\'': e = "&#39;"; break;
        default: continue;
        }
        nis2i_buf_put(b, run, (size_t)(p - run));
        nis2i_buf_puts(b, e);
        run = p + 1;
    }
    nis2i_buf_puts(b, run);
}

static const char *const css =
    "body{font:15px/1.45 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d2433;margin:0;background:#f4f6f9}"
    "main{max-width:1080px;margin:0 auto;padding:28px 32px;background:#fff}"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:30px 0 10px;border-bottom:2px solid #dfe4ec;padding-bottom:4px}"
    ".sub{color:#5a6478;margin:0 0 18px}.cards{display:flex;gap:12px;flex-wrap:wrap}"
    ".card{flex:1;min-width:104px;border-radius:8px;padding:12px 14px;background:#f0f3f8}"
    ".card b{display:block;font-size:28px}.covered{background:#e3f4e8}.partial{background:#fff3d9}"
    ".missing{background:#fbe3e3}.na{background:#eceff3}.spec{background:#ede7fb}"
    "table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #e3e7ee;padding:6px 8px;"
    "text-align:left;vertical-align:top}th{background:#f0f3f8}.pill{display:inline-block;border-radius:10px;"
    "padding:1px 9px;font-size:12px;font-weight:600}.pill.covered{color:#17612e}.pill.partial{color:#8a5a00}"
    ".pill.missing{color:#9b1c1c}.pill.na{color:#555}ul{margin:0;padding-left:18px}.muted{color:#5a6478;font-size:13px}"
    ".chart td{border:0;padding:4px 8px;vertical-align:middle}.chart .lbl{width:42%}.chart .fig{width:22%}"
    ".bar{display:flex;height:16px;background:#eceff3;border-radius:3px;overflow:hidden}"
    ".bar span{display:block;height:100%}.q{border:1px solid #e3e7ee;border-radius:8px;padding:10px 14px;"
    "margin:10px 0}.q h3{font-size:16px;margin:0 0 4px}.q p{margin:2px 0 6px}.prov{color:#5a6478;font-size:12px}"
    ".pill.answered{background:#e3f4e8;color:#17612e}.pill.open{background:#fbe3e3;color:#9b1c1c}"
    "td,th,li{overflow-wrap:anywhere}table{table-layout:fixed}"
    "@media print{body{background:#fff}main{padding:0;max-width:none}.q,tr{break-inside:avoid}}";


/* One row of a bar chart as an HTML table row: the label in full (it wraps, never cut), a stacked CSS bar, the
 * figure on the right. Widths are percentages, so the chart follows the page (and the printed sheet). */
static void bar_row(nis2i_buf *b, const char *label, const char *note, const char *right, const long long *vals,
                    const char *const *colors, size_t n, long long total)
{
    nis2i_buf_puts(b, "<tr><td class=\"lbl\">");
    esc(b, label);
    if (note && *note) {
        nis2i_buf_puts(b, "<br><span class=\"muted\">");
        esc(b, note);
        nis2i_buf_puts(b, "</span>");
    }
    nis2i_buf_puts(b, "</td><td class=\"barc\"><div class=\"bar\">");
    long long acc = 0;
    for (size_t i = 0; i < n && total > 0; i++) {
        long long a = acc * 1000 / total;
        acc += vals[i];
        long long w = acc * 1000 / total - a;
        if (w > 0)
            nis2i_buf_printf(b, "<span style=\"width:%lld.%lld%%;background:%s\"></span>", w / 10, w % 10, colors[i]);
    }
    nis2i_buf_puts(b, "</div></td><td class=\"fig\">");
    esc(b, right);
    nis2i_buf_puts(b, "</td></tr>");
}

static void legend(nis2i_buf *b, const char *const *names, const char *const *colors, size_t n)
{
    nis2i_buf_puts(b, "<p class=\"muted\">");
    for (size_t i = 0; i < n; i++)
        nis2i_buf_printf(b, "<svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"%s\"/></svg> %s &nbsp; ",
                         colors[i], names[i]);
    nis2i_buf_puts(b, "</p>");
}

static void html_ids(nis2i_buf *b, const nis2i_gap_finding *f)
{
    size_t n = n_ids(f);
    for (size_t i = 0; i < n; i++) {
        nis2i_buf_puts(b, i ? ", " : "");
        esc(b, f->ids[i]);
    }
    char due[11];
    if (due_text(f->due, due)) {
        nis2i_buf_puts(b, n ? "<br>due " : "due ");
        esc(b, due);
    }
}

static void html_questions(const nis2i_gap_result *r, nis2i_buf *b)
{
    nis2i_buf_puts(b, "<h2>The seven questions a competent authority asks</h2>");
    const nis2i_gap_findings *fs = &r->findings;
    for (size_t i = 0; i < NIS2I_Q_N; i++) {
        const char *st = nis2i_gap_q_status_names[nis2i_gap_result_q_status(r, (nis2i_gap_q)i)];
        nis2i_buf_printf(b, "<div class=\"q\"><h3>%zu. ", i + 1);
        esc(b, nis2i_gap_q_title((nis2i_gap_q)i));
        nis2i_buf_printf(b, " <span class=\"pill %s\">%s</span></h3><p>", st, st);
        esc(b, S(r->answers[i]));
        nis2i_buf_puts(b, "</p>");
        bool any = false;
        for (size_t j = 0; j < fs->n; j++) {
            const nis2i_gap_finding *f = &fs->items[j];
            if (f->question != i)
                continue;
            if (!any)
                nis2i_buf_puts(b, "<ul>");
            any = true;
            nis2i_buf_puts(b, "<li>");
            esc(b, S(f->text));
            nis2i_buf_puts(b, " <span class=\"prov\">");
            esc(b, S(f->provision));
            nis2i_buf_printf(b, " &middot; action %zu</span></li>", r->rank[j]);
        }
        if (any)
            nis2i_buf_puts(b, "</ul>");
        nis2i_buf_puts(b, "</div>\n");
    }
    if (!fs->n)
        return;
    nis2i_buf_puts(b, "<h2>What to do first</h2><p class=\"muted\">Ordered by legal weight, then deadline: a missing "
                      "reporting capability comes before a record to complete.</p><table class=\"acts\"><colgroup>"
                      "<col style=\"width:5%\"><col style=\"width:15%\"><col style=\"width:48%\">"
                      "<col style=\"width:17%\"><col style=\"width:15%\"></colgroup><tr><th>#</th><th>Weight</th>"
                      "<th>Action</th><th>Provision</th><th>Concerns</th></tr>\n");
    for (size_t k = 0; k < fs->n; k++) {
        const nis2i_gap_finding *a = &fs->items[r->order[k]];
        nis2i_buf_printf(b, "<tr><td>%zu</td><td>", k + 1);
        esc(b, weight_label(nis2i_weight_names[a->weight]));
        nis2i_buf_puts(b, "</td><td>");
        esc(b, S(a->action));
        nis2i_buf_puts(b, "<br><span class=\"muted\">");
        esc(b, S(a->text));
        nis2i_buf_puts(b, "</span></td><td>");
        esc(b, S(a->provision));
        nis2i_buf_puts(b, "</td><td class=\"ids\">");
        html_ids(b, a);
        nis2i_buf_puts(b, "</td></tr>\n");
    }
    nis2i_buf_puts(b, "</table>\n");
}

void nis2i_gap_render_html(const nis2i_gap_result *r, nis2i_buf *b)
{
    const char *name = r->name ? r->name : "Unnamed entity";
    nis2i_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>NIS2 gap report: ");
    esc(b, name);
    nis2i_buf_printf(b, "</title><style>%s</style></head><body><main>\n<h1>NIS2 gap report: ", css);
    esc(b, name);
    nis2i_buf_puts(b, "</h1><p class=\"sub\">As of ");
    esc(b, r->as_of);
    nis2i_buf_puts(b, " &middot; ");
    esc(b, S(r->category));
    nis2i_buf_puts(b, " entity");
    if (r->decided_by) {
        nis2i_buf_puts(b, " (");
        esc(b, r->decided_by);
        nis2i_buf_puts(b, ")");
    }
    nis2i_buf_puts(b, " &middot; ");
    esc(b, S(r->law));
    if (r->ir_2024_2690)
        nis2i_buf_puts(b, " &middot; Implementing Regulation (EU) 2024/2690 applies");
    nis2i_buf_puts(b, "</p>\n<div class=\"cards\">");
    const struct { size_t value; const char *cls, *label; } cards[] = {
        {r->binding, "", "duties bind the entity"}, {r->assessed, "", "duties assessed"},
        {r->st[NIS2I_GS_COVERED], "covered", "covered"},
        {r->st[NIS2I_GS_PARTIAL], "partial", "partial"},        {r->st[NIS2I_GS_MISSING], "missing", "missing"},
        {r->specific_open, "spec", "NIS2-specific duties open"}, {r->st[NIS2I_GS_NA], "na", "not applicable"}};
    for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++)
        nis2i_buf_printf(b, "<div class=\"card %s\"><b>%zu</b>%s</div>", cards[i].cls, cards[i].value,
                         cards[i].label);
    nis2i_buf_puts(b, "</div>\n<p>");
    if (r->has_cert) {
        nis2i_buf_puts(b, "ISO/IEC 27001 certificate: ");
        esc(b, S(r->cert_standard));
        nis2i_buf_puts(b, ", valid until ");
        esc(b, r->cert_valid_until);
        nis2i_buf_puts(b, ", status <b>");
        esc(b, S(r->cert_status));
        nis2i_buf_puts(b, r->cert_counts
                              ? "</b>: it stands in for evidence of the management-system clauses 4&ndash;10 only. "
                              : "</b>: it does not count as evidence. ");
    } else {
        nis2i_buf_puts(b, "No ISO/IEC 27001 certificate was given. ");
    }
    nis2i_buf_puts(b, "A certificate is not NIS2 compliance: duties such as the incident-reporting clock, registration "
                      "and the management body's approval and training have no ISO/IEC 27001 counterpart.</p>\n");

    html_questions(r, b);
    /* chart 1: Art. 21(2) measures */
    if (r->n_measures) {
        static const char *const mcol[] = {"#2e9e58", "#f0b429", "#d64545"};
        static const char *const mnames[] = {"supported: implemented with current evidence", "partly supported",
                                             "not supported"};
        nis2i_buf_puts(b, "<h2>Coverage of the Art. 21(2) measures</h2><p class=\"muted\">Share of the ISO/IEC 27001 "
                          "controls linked to each measure that the ISMS supports. Even full support leaves a measure "
                          "<i>partial</i> where ISO only overlaps with the NIS2 duty.</p>"
                          "<table class=\"chart\" aria-label=\"Coverage per Art. 21(2) measure\">");
        for (size_t i = 0; i < r->n_measures; i++) {
            const nis2i_gap_measure *v = &r->measures[i];
            char label[400], right[64];
            snprintf(label, sizeof label, "%s %s", measure_letter(S(v->ref)), S(v->title));
            long long tot = (long long)v->controls, f = (long long)v->supported, p = (long long)v->partly;
            long long vals[3] = {f, p, tot - f - p};
            snprintf(right, sizeof right, "%lld/%lld \xC2\xB7 %s", f, tot, nis2i_gap_st_names[v->status]);
            bool overlap = v->status == NIS2I_GS_PARTIAL && tot > 0 && f == tot;
            bar_row(b, label, overlap ? "every linked control supported; ISO only overlaps: show the NIS2-specific "
                                        "remainder" : NULL, right, vals, mcol, 3, tot);
        }
        nis2i_buf_puts(b, "</table>");
        legend(b, mnames, mcol, 3);
    }
    /* chart 2: duty groups */
    {
        static const char *const gcol[] = {"#2e9e58", "#f0b429", "#d64545", "#c3c9d3"};
        static const char *const gnames[] = {"covered", "partial", "missing", "not applicable or nothing to assess"};
        nis2i_buf_puts(b, "<h2>Duties per group</h2><table class=\"chart\" aria-label=\"Status of the duties per group\">");
        for (size_t i = 0; i < r->n_groups; i++) {
            const nis2i_gap_group *g = &r->groups[i];
            long long vals[4] = {(long long)g->st[0], (long long)g->st[1], (long long)g->st[2], (long long)g->st[3]};
            char label[96], right[64];
            snprintf(label, sizeof label, "%s", g->group);
            for (char *c = label; *c; c++)
                if (*c == '_')
                    *c = ' ';
            if (vals[0] + vals[1] + vals[2])
                snprintf(right, sizeof right, "%lld covered of %lld assessed", vals[0], vals[0] + vals[1] + vals[2]);
            else
                snprintf(right, sizeof right, "none assessed");
            bar_row(b, label, NULL, right, vals, gcol, 4, vals[0] + vals[1] + vals[2] + vals[3]);
        }
        nis2i_buf_puts(b, "</table>");
        legend(b, gnames, gcol, 4);
    }
    /* open items */
    nis2i_buf_puts(b, "<h2>What is still open</h2><table><colgroup><col style=\"width:12%\">"
                      "<col style=\"width:17%\"><col style=\"width:26%\"><col style=\"width:45%\"></colgroup><tr><th>Status</th><th>Provision</th><th>Duty</th>"
                      "<th>Open items</th></tr>\n");
    static const nis2i_gap_st order[] = {NIS2I_GS_MISSING, NIS2I_GS_PARTIAL};
    for (size_t s = 0; s < 2; s++)
        for (size_t i = 0; i < r->n_duties; i++) {
            const nis2i_gap_duty *v = &r->duties[i];
            if (v->status != order[s])
                continue;
            const char *o = nis2i_gap_st_names[order[s]];
            nis2i_buf_printf(b, "<tr><td><span class=\"pill %s\">%s</span>", o, o);
            if (v->nis2_specific)
                nis2i_buf_puts(b, "<br><span class=\"pill spec\">NIS2-specific</span>");
            nis2i_buf_puts(b, "</td><td>");
            esc(b, S(v->ref));
            nis2i_buf_puts(b, "</td><td>");
            esc(b, S(v->title));
            nis2i_buf_puts(b, "<br><span class=\"muted\">");
            esc(b, S(v->id));
            nis2i_buf_puts(b, "</span></td><td><ul>");
            for (size_t j = 0; j < v->open.n; j++) {
                nis2i_buf_puts(b, "<li>");
                esc(b, v->open.v[j]);
                nis2i_buf_puts(b, "</li>");
            }
            nis2i_buf_puts(b, "</ul></td></tr>\n");
        }
    nis2i_buf_puts(b, "</table>\n<h2>Covered</h2><table><colgroup><col style=\"width:22%\"><col style=\"width:38%\">"
                      "<col style=\"width:40%\"></colgroup><tr><th>Provision</th><th>Duty</th><th>Evidence</th></tr>");
    for (size_t i = 0; i < r->n_duties; i++) {
        const nis2i_gap_duty *v = &r->duties[i];
        if (v->status != NIS2I_GS_COVERED)
            continue;
        nis2i_buf_puts(b, "<tr><td>");
        esc(b, S(v->ref));
        nis2i_buf_puts(b, "</td><td>");
        esc(b, S(v->title));
        nis2i_buf_puts(b, "</td><td>");
        for (size_t j = 0; j < v->evidence.n; j++) {
            esc(b, v->evidence.v[j]);
            nis2i_buf_puts(b, " ");
        }
        for (size_t j = 0; j < v->n_controls; j++) {
            if (strcmp(v->controls[j].support, "full") == 0 && j < 40) {
                esc(b, v->controls[j].id);
                nis2i_buf_puts(b, " ");
            }
        }
        nis2i_buf_puts(b, "</td></tr>");
    }
    nis2i_buf_puts(b, "</table>\n");
    if (r->n_stale_items) {
        nis2i_buf_puts(b, "<h2>Stale evidence (not counted)</h2><ul>");
        for (size_t i = 0; i < r->n_stale_items; i++) {
            nis2i_buf_puts(b, "<li><b>");
            esc(b, S(r->stale_items[i].id));
            nis2i_buf_puts(b, "</b> ");
            esc(b, S(r->stale_items[i].title));
            nis2i_buf_puts(b, " &mdash; ");
            esc(b, S(r->stale_items[i].why));
            nis2i_buf_puts(b, "</li>");
        }
        nis2i_buf_puts(b, "</ul>\n");
    }
    nis2i_buf_puts(b, "<h2>Binding, with nothing to assess as a gap</h2><p class=\"muted\">These duties are on the "
                      "list <i>nis2 obligations</i> gives for this entity; the reason says why none of them can be a "
                      "gap.</p><table><colgroup><col style=\"width:22%\"><col style=\"width:34%\">"
                      "<col style=\"width:44%\"></colgroup><tr><th>Provision</th><th>Duty</th><th>Why it is not "
                      "assessed</th></tr>");
    for (size_t i = 0; i < r->n_duties; i++) {
        const nis2i_gap_duty *v = &r->duties[i];
        if (v->status != NIS2I_GS_NA || !v->binds)
            continue;
        nis2i_buf_puts(b, "<tr><td>");
        esc(b, S(v->ref));
        nis2i_buf_puts(b, "</td><td>");
        esc(b, S(v->title));
        nis2i_buf_puts(b, "</td><td>");
        esc(b, S(v->reason));
        nis2i_buf_puts(b, "</td></tr>");
    }
    nis2i_buf_printf(b, "</table>\n<h2>Do not bind this entity</h2><p class=\"muted\">%zu duties of the Directive: ",
                     r->st[NIS2I_GS_NA] - r->binding_not_assessed);
    bool first = true;
    for (size_t i = 0; i < r->n_duties; i++) {
        const nis2i_gap_duty *v = &r->duties[i];
        if (v->status != NIS2I_GS_NA || v->binds)
            continue;
        nis2i_buf_puts(b, first ? "" : "; ");
        esc(b, S(v->ref));
        first = false;
    }
    nis2i_buf_puts(b, ".</p>\n<p class=\"muted\">Generated by libnis2 ");
    esc(b, S(r->library_version));
    nis2i_buf_puts(b, ", catalog ");
    esc(b, S(r->catalog_version));
    nis2i_buf_puts(b, ". A decision aid, not legal advice and not an audit opinion. Mapping pairs marked "
                      "&ldquo;ENISA TIG 2025&rdquo; come from ENISA&rsquo;s Technical Implementation Guidance on "
                      "Implementing Regulation (EU) 2024/2690 (June 2025), &copy; ENISA, CC BY 4.0 "
                      "(https://creativecommons.org/licenses/by/4.0/); relationships and rationales are libnis2&rsquo;s. "
                      "ISO/IEC 27001:2022 is cited by identifier and short title only.</p>\n</main></body></html>\n");
}

/* ---------------------------------------------------------------- CSV: the action list */

static void csv_field(nis2i_buf *b, const char *s, bool last)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
    if (quote || formula)
        nis2i_buf_puts(b, "\"");
    if (formula)
        nis2i_buf_puts(b, "'");  /* a spreadsheet must not run it as a formula */
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            nis2i_buf_puts(b, "\"\"");
        else
            nis2i_buf_put(b, p, 1);
    }
    if (quote || formula)
        nis2i_buf_puts(b, "\"");
    nis2i_buf_puts(b, last ? "\r\n" : ",");
}

void nis2i_gap_render_csv(const nis2i_gap_result *r, nis2i_buf *b)
{
    nis2i_buf_puts(b, "rank,weight,question,provision,action,finding,concerns,due\r\n");
    const nis2i_gap_findings *fs = &r->findings;
    for (size_t k = 0; k < fs->n; k++) {
        const nis2i_gap_finding *a = &fs->items[r->order[k]];
        char rank[24], due[11];
        snprintf(rank, sizeof rank, "%zu", k + 1);
        csv_field(b, rank, false);
        csv_field(b, weight_label(nis2i_weight_names[a->weight]), false);
        csv_field(b, nis2i_gap_q_id((nis2i_gap_q)a->question), false);
        csv_field(b, S(a->provision), false);
        csv_field(b, S(a->action), false);
        csv_field(b, S(a->text), false);
        nis2i_buf ids = {0};
        for (size_t j = 0; j < n_ids(a); j++)
            nis2i_buf_printf(&ids, "%s%s", j ? " " : "", a->ids[j]);
        nis2i_buf_put(&ids, "", 1);
        csv_field(b, ids.oom ? "" : ids.data, false);
        if (ids.oom)
            b->oom = true;
        nis2i_buf_free(&ids);
        due_text(a->due, due);
        csv_field(b, due, true);
    }
}
