/* report_html.c — the page of `jny report` (report.h): its frame and style sheet, the header,
 * the two views as inline SVG, the personas (one panel each, switched by radio buttons and CSS,
 * no script), the findings, and the escaping every user string goes through.
 *
 * The SVG comes from runtime/render exactly as `jny render` draws it, with three changes so
 * that several pictures can share one page: the XML prolog and comments are dropped, every id
 * gets a prefix of its picture (and the references to ids follow), and the root <svg> gets
 * role="img" and aria-labelledby its caption. A Content-Security-Policy meta tag forbids any
 * script and any load from elsewhere, as a second line behind the escaping.
 */
#include <string.h>

#include "diag_render.h"
#include "reach.h"
#include "report_impl.h"
#include "version.h"

/* ---- escaping and small pieces ---- */

void report_text(Report *r, const char *s) {
  StrBuf valid;
  sb_init(&valid, r->a);
  diag_valid_utf8(&valid, s ? s : "", s ? strlen(s) : 0);
  for (const char *p = sb_str(&valid); *p; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '&': sb_puts(r->out, "&amp;"); break;
    case '<': sb_puts(r->out, "&lt;"); break;
    case '>': sb_puts(r->out, "&gt;"); break;
    case '"': sb_puts(r->out, "&quot;"); break;
    case '\'': sb_puts(r->out, "&#39;"); break;
    default:
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        sb_puts(r->out, "\xef\xbf\xbd");
      else if (c == 0xC2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9F)
        sb_puts(r->out, "\xef\xbf\xbd"), p++; /* C1 controls */
      else
        sb_putc(r->out, (char)c);
    }
  }
}

void report_cell(Report *r, const char *tag, const char *s) {
  sb_printf(r->out, "<%s>", tag);
  report_text(r, s);
  const char *space = strchr(tag, ' ');
  sb_printf(r->out, "</%.*s>", (int)(space ? (size_t)(space - tag) : strlen(tag)), tag);
}

const char *report_value(Report *r, const Value *v) {
  if (v->kind == VAL_NONE) return "\xe2\x80\x94";
  return value_to_text(r->a, v);
}

Value report_field(Report *r, Entity *e, const char *field) {
  Value v;
  if (!eval_field(r->ev, e, field, e->id_span, &v)) v = value_none();
  return v;
}

/* The table (and its scroll box) ends with "</tbody></table></div>". */
void report_table_open(Report *r, const char *caption, const char *const *columns, size_t n) {
  sb_puts(r->out, "<div class=\"scroll\"><table>\n<caption>");
  report_text(r, caption);
  sb_puts(r->out, "</caption>\n<thead><tr>");
  for (size_t i = 0; i < n; i++) report_cell(r, "th scope=\"col\"", columns[i]);
  sb_puts(r->out, "</tr></thead>\n<tbody>\n");
}

/* ---- the style sheet ---- */

static const char CSS[] =
    ":root{color-scheme:light;--ink:#1b1b1b;--muted:#555;--line:#c9ced6;--head:#eef1f5;"
    "--accent:#1f4e8c}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\","
    "sans-serif;color:var(--ink);background:#fff}\n"
    "header,main,footer,nav{max-width:1200px;margin:0 auto;padding:0 24px}\n"
    "header{padding-top:24px}\n"
    "h1{font-size:1.9em;margin:0 0 .2em}h2{font-size:1.4em;margin:0 0 .5em;"
    "border-bottom:2px solid var(--accent);padding-bottom:.2em}h3{font-size:1.1em;margin:1.2em 0 "
    ".4em}\n"
    ".descr{white-space:pre-line;margin:.2em 0 1em}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0 0 1em}\n"
    "dl.facts dt{font-weight:600}dl.facts dd{margin:0;white-space:pre-line}\n"
    "nav ul{list-style:none;padding:0;margin:0 0 1em;display:flex;flex-wrap:wrap;gap:.3em 1.2em}\n"
    "a{color:#0b4f9c}\n"
    "section{margin:2em 0}\n"
    ".scroll{overflow-x:auto;max-width:100%}\n"
    "figure{margin:0 0 1em}figure svg{max-width:100%;height:auto;display:block}\n"
    "figcaption{color:var(--muted);margin:.3em 0}\n"
    "table{border-collapse:collapse;margin:.5em 0 1.2em;min-width:50%}\n"
    "caption{text-align:left;color:var(--muted);padding:.2em 0}\n"
    "th,td{border:1px solid var(--line);padding:.3em .6em;text-align:left;vertical-align:top}\n"
    "thead th{background:var(--head)}\n"
    "tbody th{font-weight:600}\n"
    "td.num{text-align:right;white-space:nowrap}\n"
    "tr.met td:first-of-type,tr.met th{border-left:4px solid #1b7837}\n"
    "tr.unmet td:first-of-type,tr.unmet th{border-left:4px solid #b2182b}\n"
    "tr.overdue th{border-left:4px solid #b2182b}.late{color:#8a1c1c}\n"
    ".sev{display:inline-block;min-width:2.6em;text-align:center;border-radius:3px;padding:0 "
    ".3em;color:#000}\n"
    ".sev1{background:#fef0d9}.sev2{background:#fdcc8a}.sev3{background:#fc8d59}"
    ".sev4{background:#e34a33}.sev5{background:#b30000;color:#fff}\n"
    ".swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #4d4d4d;"
    "margin-right:.4em;vertical-align:-.1em}\n"
    ".muted{color:var(--muted)}.problem{color:#8a1c1c}\n"
    ".sev-error{color:#8a1c1c;font-weight:600}.sev-warning{color:#7a4a00;font-weight:600}\n"
    ".tabs>input{position:absolute;opacity:0;width:1px;height:1px}\n"
    ".tabs>label{display:inline-block;padding:.35em .9em;margin:0 .3em .3em 0;border:1px solid "
    "var(--accent);border-radius:4px;cursor:pointer;background:#f4f6f9;color:var(--ink)}\n"
    ".tabs>input:checked+label{background:var(--accent);color:#fff}\n"
    ".tabs>input:focus-visible+label{outline:3px solid #e69f00;outline-offset:2px}\n"
    ".tabs>.panel{display:none;border-top:1px solid var(--line);margin-top:.5em}\n"
    "footer{color:var(--muted);padding-bottom:24px;font-size:.9em}\n"
    "@page{size:landscape;margin:12mm}\n"
    "@media print{body{font-size:10.5pt}header,main,footer,nav{max-width:none;padding:0}"
    "nav,.tabs>input,.tabs>label,.screen-only{display:none}"
    "main>section{break-before:page;margin:0}"
    ".tabs>.panel{display:block!important}.tabs>.panel~.panel{break-before:page}"
    "figure,tr{break-inside:avoid}.scroll{overflow:visible}"
    "a{color:inherit;text-decoration:none}}\n";

/* ---- the views ---- */

/* Graphviz's SVG made fit for a page with other pictures: from <svg on, comments dropped, ids
 * prefixed (and the references to them), role and label on the root. */
static void put_svg(Report *r, const char *svg, size_t len, const char *prefix, const char *label) {
  const char *p = strstr(svg, "<svg");
  const char *end = svg + len;
  if (!p) return;
  bool root_done = false;
  while (p < end) {
    if (strncmp(p, "<!--", 4) == 0) {
      const char *close = strstr(p + 4, "-->");
      p = close ? close + 3 : end;
      while (p < end && *p == '\n') p++;
      continue;
    }
    if (!root_done && strncmp(p, "<svg", 4) == 0) {
      sb_printf(r->out, "<svg role=\"img\" aria-labelledby=\"%s\"", label);
      p += 4;
      root_done = true;
      continue;
    }
    static const char *const REFS[] = {" id=\"", "href=\"#", "url(#"};
    bool hit = false;
    for (size_t k = 0; k < 3 && !hit; k++) {
      size_t n = strlen(REFS[k]);
      if (strncmp(p, REFS[k], n) == 0) {
        sb_add(r->out, p, n);
        sb_printf(r->out, "%s-", prefix);
        p += n;
        hit = true;
      }
    }
    if (!hit) sb_putc(r->out, *p++);
  }
  sb_putc(r->out, '\n');
}

static RenderKpiValue *kpi_values(Report *r) {
  RenderKpiValue *v = arena_alloc(r->a, (r->m->kpis.len + 1) * sizeof *v);
  for (size_t i = 0; i < r->m->kpis.len; i++) {
    Value val;
    if (eval_kpi_value(r->ev, r->m->kpis.items[i], &val) && val.kind == VAL_NUMBER)
      v[i] = (RenderKpiValue){.known = true, .percent = val.percent, .value = val.as.num};
  }
  return v;
}

/* Each touchpoint's and outcome's reach and each flow's share for persona p (NULL: everyone),
 * as `jny render` computes them. */
static RenderFlowNumbers *flow_numbers(Report *r, const Persona *p) {
  const Model *m = r->m;
  RenderFlowNumbers *n = arena_alloc(r->a, sizeof *n);
  RenderShare *tr = arena_alloc(r->a, (m->touchpoints.len + 1) * sizeof *tr);
  RenderShare *orr = arena_alloc(r->a, (m->outcomes.len + 1) * sizeof *orr);
  RenderShare *fs = arena_alloc(r->a, (m->flows.len + 1) * sizeof *fs);
  for (size_t i = 0; i < m->touchpoints.len; i++)
    tr[i].known = reach_value(r->ev, &m->touchpoints.items[i]->e, p, &tr[i].value);
  for (size_t i = 0; i < m->outcomes.len; i++)
    orr[i].known = reach_value(r->ev, &m->outcomes.items[i]->e, p, &orr[i].value);
  for (size_t i = 0; i < m->flows.len; i++)
    fs[i].known = reach_flow_share(r->ev, m->flows.items[i], p, &fs[i].value);
  *n = (RenderFlowNumbers){tr, orr, fs};
  return n;
}

/* One view in a <figure>; false when Graphviz failed. */
static bool figure(Report *r, RenderView view, const Persona *p, const char *prefix,
                   const char *caption, DiagList *diags) {
  RenderSelection sel;
  render_select_all(r->a, r->m, &sel);
  if (p) render_select_persona(r->m, &sel, p);
  RenderGraph g = view == RENDER_VIEW_MAP
                      ? render_map(r->a, r->m, &sel, kpi_values(r))
                      : render_flow(r->a, r->m, &sel, flow_numbers(r, p), diags);
  const char *svg = NULL;
  size_t len = 0;
  if (!render_draw(r->in->backend, &g, RENDER_FORMAT_SVG, &svg, &len, diags)) return false;
  const char *label = arena_printf(r->a, "%s-caption", prefix);
  sb_puts(r->out, "<figure>\n<div class=\"scroll\">");
  put_svg(r, svg, len, prefix, label);
  sb_printf(r->out, "</div>\n<figcaption id=\"%s\">", label);
  report_text(r, caption);
  sb_puts(r->out, "</figcaption>\n</figure>\n");
  return true;
}

/* ---- sections ---- */

static void section_open(Report *r, const char *id, const char *title) {
  sb_printf(r->out, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">%s</h2>\n", id,
            id, id, title);
}

static void fact(Report *r, const char *term, const char *value) {
  if (!value || !*value) return;
  sb_printf(r->out, "<dt>%s</dt><dd>", term);
  report_text(r, value);
  sb_puts(r->out, "</dd>\n");
}

static const char *journey_name(Report *r) {
  return r->m->journey ? r->m->journey->e.name : r->in->origin;
}

static void put_header(Report *r) {
  const Journey *j = r->m->journey;
  sb_puts(r->out, "<header>\n<h1>");
  report_text(r, journey_name(r));
  sb_puts(r->out, "</h1>\n");
  if (j && j->e.description) {
    sb_puts(r->out, "<p class=\"descr\">");
    report_text(r, j->e.description);
    sb_puts(r->out, "</p>\n");
  }
  sb_puts(r->out, "<dl class=\"facts\">\n");
  if (j) {
    StrBuf goals;
    sb_init(&goals, r->a);
    for (size_t i = 0; i < j->goals.len; i++)
      sb_printf(&goals, "%s%s", i ? "\n" : "", j->goals.items[i].text);
    fact(r, j->goals.len == 1 ? "Goal" : "Goals", sb_str(&goals));
    fact(r, "Scope", j->scope);
    fact(r, "Owner", j->owner ? j->owner->e.name : NULL);
    fact(r, "State",
         j->state == STATE_CURRENT  ? "current (as it is today)"
         : j->state == STATE_FUTURE ? "future (as it should become)"
                                    : NULL);
    fact(r, "Version", j->version);
    Value date = value_date(j->date);
    fact(r, "Date", j->has_date ? report_value(r, &date) : NULL);
  }
  const Model *m = r->m;
  fact(r, "Size",
       arena_printf(r->a, "%zu stage%s, %zu touchpoint%s, %zu persona%s, %zu KPI%s", m->stages.len,
                    m->stages.len == 1 ? "" : "s", m->touchpoints.len,
                    m->touchpoints.len == 1 ? "" : "s", m->personas.len,
                    m->personas.len == 1 ? "" : "s", m->kpis.len, m->kpis.len == 1 ? "" : "s"));
  sb_puts(r->out, "</dl>\n</header>\n");
}

static const char *const SECTIONS[][2] = {{"map", "Journey map"},
                                          {"flow", "Flow"},
                                          {"kpis", "KPIs"},
                                          {"pains", "Pain points"},
                                          {"opportunities", "Opportunities"},
                                          {"personas", "Personas"},
                                          {"findings", "Findings"},
                                          {"queries", "Queries"}};
#define NSECTIONS (sizeof SECTIONS / sizeof SECTIONS[0])

static void put_nav(Report *r) {
  sb_puts(r->out, "<nav aria-label=\"Contents\"><ul>\n");
  for (size_t i = 0; i < NSECTIONS; i++)
    sb_printf(r->out, "<li><a href=\"#%s\">%s</a></li>\n", SECTIONS[i][0], SECTIONS[i][1]);
  sb_puts(r->out, "</ul></nav>\n");
}

static void put_list_fact(Report *r, const char *term, const TextList *l) {
  StrBuf sb;
  sb_init(&sb, r->a);
  for (size_t i = 0; i < l->len; i++) sb_printf(&sb, "%s%s", i ? "\n" : "", l->items[i].text);
  fact(r, term, sb_str(&sb));
}

static void persona_facts(Report *r, const Persona *p) {
  sb_puts(r->out, "<dl class=\"facts\">\n");
  fact(r, "Segment", p->segment);
  fact(r, "Share", p->has_share ? render_format_percent(r->a, p->share) : NULL);
  put_list_fact(r, "Goals", &p->goals);
  put_list_fact(r, "Needs", &p->needs);
  put_list_fact(r, "Motivations", &p->motivations);
  put_list_fact(r, "Frustrations", &p->frustrations);
  put_list_fact(r, "Behaviours", &p->behaviors);
  fact(r, "Quote", p->quote);
  StrBuf ch;
  sb_init(&ch, r->a);
  for (size_t i = 0; i < p->nchannels; i++)
    sb_printf(&ch, "%s%s", i ? ", " : "", p->channels[i]->e.name);
  fact(r, "Channels", sb_str(&ch));
  sb_puts(r->out, "</dl>\n");
}

/* One panel per persona; the radio buttons before them switch them with CSS alone (the rules are
 * in the page's style sheet), by keyboard too; in print every panel shows. */
static bool put_personas(Report *r, DiagList *diags) {
  const Model *m = r->m;
  if (!m->personas.len) {
    sb_puts(r->out, "<p>This journey declares no persona: every touchpoint is everyone's.</p>\n");
    return true;
  }
  sb_puts(r->out, "<p class=\"screen-only\">Choose a persona to see the journey as they live "
                  "it: the touchpoints they go through and their reach.</p>\n"
                  "<div class=\"tabs\">\n");
  for (size_t i = 0; i < m->personas.len; i++) {
    sb_printf(r->out, "<input type=\"radio\" name=\"persona\" id=\"persona-tab-%zu\"%s>", i + 1,
              i == 0 ? " checked" : "");
    sb_printf(r->out, "<label for=\"persona-tab-%zu\">", i + 1);
    report_text(r, m->personas.items[i]->e.name);
    sb_puts(r->out, "</label>\n");
  }
  for (size_t i = 0; i < m->personas.len; i++) {
    const Persona *p = m->personas.items[i];
    sb_printf(r->out, "<div class=\"panel\" id=\"persona-panel-%zu\">\n<h3>", i + 1);
    report_text(r, p->e.name);
    sb_puts(r->out, "</h3>\n");
    persona_facts(r, p);
    const char *caption =
        arena_printf(r->a,
                     "Flow view for %s: the touchpoints this persona goes through (those that "
                     "list it or list no persona) and the reach among its customers. The "
                     "table below gives the same in text.",
                     p->e.name);
    if (!figure(r, RENDER_VIEW_FLOW, p, arena_printf(r->a, "persona%zu", i + 1), caption, diags))
      return false;
    report_touchpoints(r, arena_printf(r->a, "The touchpoints of %s", p->e.name), p);
    sb_puts(r->out, "</div>\n");
  }
  sb_puts(r->out, "</div>\n");
  return true;
}

static void put_findings(Report *r) {
  const DiagList *f = r->in->findings;
  DiagRenderOptions plain = {false};
  StrBuf summary;
  sb_init(&summary, r->a);
  diag_render_summary(&summary, f, r->in->nfiles, &plain);
  sb_puts(r->out, "<p>What <code>jny check</code> reports for this journey: ");
  report_text(r, sb_str(&summary));
  sb_puts(r->out, "</p>\n");
  if (!f->len) return;
  static const char *const COLS[] = {"Severity", "Code", "Where", "Message"};
  report_table_open(r, "Every problem found, in file order", COLS, 4);
  for (size_t i = 0; i < f->len; i++) {
    const Diag *d = f->items[i];
    const char *sev = diag_severity_str(d->severity);
    sb_printf(r->out, "<tr><td class=\"sev-%s\">%s</td>", sev, sev);
    report_cell(r, "td", diag_code_str(d->code));
    DiagPlace place;
    report_cell(r, "td",
                diag_place(r->in->sources, d->has_span, d->span, &place)
                    ? arena_printf(r->a, "%s:%u:%u", place.file, place.line, place.col)
                    : "\xe2\x80\x94");
    sb_puts(r->out, "<td>");
    report_text(r, d->message);
    if (d->help) {
      sb_puts(r->out, "<br><span class=\"muted\">");
      report_text(r, d->help);
      sb_puts(r->out, "</span>");
    }
    sb_puts(r->out, "</td></tr>\n");
  }
  sb_puts(r->out, "</tbody></table></div>\n");
}

static void put_head(Report *r) {
  sb_puts(r->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; img-src data:\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"jny " JNY_VERSION "\">\n<title>");
  report_text(r, journey_name(r));
  sb_puts(r->out, " \xe2\x80\x94 journey report</title>\n<style>\n");
  sb_puts(r->out, CSS);
  for (size_t i = 0; i < r->m->personas.len; i++)
    sb_printf(r->out, "#persona-tab-%zu:checked~#persona-panel-%zu{display:block}\n", i + 1, i + 1);
  sb_puts(r->out, "</style>\n</head>\n<body>\n");
}

bool report_html(StrBuf *out, const ReportInput *in, DiagList *diags) {
  Report rep = {in, out, in->model->arena, in->model, in->ev};
  Report *r = &rep;
  put_head(r);
  put_header(r);
  put_nav(r);
  sb_puts(out, "<main>\n");
  section_open(r, "map", "Journey map");
  if (!figure(r, RENDER_VIEW_MAP, NULL, "map",
              "The journey map: stages as columns; lanes for touchpoints, actions, thoughts, the "
              "emotion curve, pains, opportunities, owners and KPIs. The tables of this report "
              "give the same in text.",
              diags))
    return false;
  sb_puts(out, "</section>\n");
  section_open(r, "flow", "Flow");
  if (!figure(r, RENDER_VIEW_FLOW, NULL, "flow",
              "The flow view: touchpoints by stage, coloured by emotion (magenta -3 to green +3), "
              "with their reach; arrows with their rates, outcomes at the end. The table below "
              "gives the same in text.",
              diags))
    return false;
  report_touchpoints(r,
                     "Every touchpoint in stage order: emotion, reach (the share of customers "
                     "who get there) and drop-off (the share of its arrivals lost there)",
                     NULL);
  sb_puts(out, "</section>\n");
  section_open(r, "kpis", "KPIs");
  report_kpis(r);
  sb_puts(out, "</section>\n");
  section_open(r, "pains", "Pain points");
  report_pains(r);
  sb_puts(out, "</section>\n");
  section_open(r, "opportunities", "Opportunities");
  report_opportunities(r);
  sb_puts(out, "</section>\n");
  section_open(r, "personas", "Personas");
  if (!put_personas(r, diags)) return false;
  sb_puts(out, "</section>\n");
  section_open(r, "findings", "Findings");
  put_findings(r);
  sb_puts(out, "</section>\n");
  section_open(r, "queries", "Queries");
  report_queries(r);
  sb_puts(out, "</section>\n</main>\n<footer><p>Written by jny " JNY_VERSION " from ");
  report_text(r, in->origin);
  sb_puts(out, ".</p></footer>\n</body>\n</html>\n");
  return true;
}
