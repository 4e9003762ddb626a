/* report_tables.c — the sections of the report that are tables: the touchpoints (also the text
 * alternative of the two pictures), the KPIs, the pains ranked two ways, the opportunities and
 * the journey's own queries. Every value comes from the evaluator, as `jny query` shows it;
 * what cannot be computed is shown as "—" (and is `jny check`'s to report).
 */
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "reach.h"
#include "render.h"
#include "report_impl.h"

static const char DASH[] = "\xe2\x80\x94"; /* — */

static void row_open(Report *r, const char *cls) {
  if (cls)
    sb_printf(r->out, "<tr class=\"%s\">", cls);
  else
    sb_puts(r->out, "<tr>");
}

/* A number cell (right-aligned). */
static void num_cell(Report *r, const char *s) {
  sb_puts(r->out, "<td class=\"num\">");
  report_text(r, s);
  sb_puts(r->out, "</td>");
}

static const char *percent_or_dash(Report *r, bool known, double v) {
  return known ? render_format_percent(r->a, v) : DASH;
}

/* ---- touchpoints ---- */

/* The emotion in words and numbers, with the view's colour as a swatch beside it (never the
 * colour alone). */
static void emotion_cell(Report *r, const Touchpoint *t) {
  sb_puts(r->out, "<td class=\"num\">");
  if (!t->has_emotion) {
    sb_puts(r->out, DASH);
  } else {
    sb_printf(r->out, "<span class=\"swatch\" style=\"background:%s\"></span>",
              render_emotion_color(t->emotion));
    report_text(r, render_format_score(r->a, t->emotion));
    if (t->emotion_label) {
      sb_putc(r->out, ' ');
      report_text(r, t->emotion_label);
    }
  }
  sb_puts(r->out, "</td>");
}

void report_touchpoints(Report *r, const char *caption, const Persona *p) {
  static const char *const COLS[] = {"Stage", "Touchpoint", "Channel", "Emotion",
                                     "Reach", "Drop-off",   "Pains"};
  report_table_open(r, caption, COLS, 7);
  for (size_t s = 0; s < r->m->stages.len; s++)
    for (size_t i = 0; i < r->m->touchpoints.len; i++) {
      const Touchpoint *t = r->m->touchpoints.items[i];
      if (t->stage != r->m->stages.items[s] || (p && !render_touch_has_persona(t, p))) continue;
      row_open(r, NULL);
      report_cell(r, "td", arena_printf(r->a, "%zu. %s", s + 1, t->stage->e.name));
      report_cell(r, "th scope=\"row\"", t->e.name);
      report_cell(r, "td", t->channel ? t->channel->e.name : DASH);
      emotion_cell(r, t);
      double reach = 0, drop = 0;
      bool has_reach = reach_value(r->ev, &t->e, p, &reach);
      bool has_drop = reach_dropoff(r->ev, t, &drop);
      num_cell(r, percent_or_dash(r, has_reach, reach));
      num_cell(r, percent_or_dash(r, has_drop, drop));
      num_cell(r, arena_printf(r->a, "%zu", t->npains));
      sb_puts(r->out, "</tr>\n");
    }
  sb_puts(r->out, "</tbody></table></div>\n");
}

/* ---- KPIs ---- */

/* The number of answers behind a survey KPI (`measure nps(…)`, `csat(…)`, `ces(…)`): the items
 * of the list that are not none, as the survey functions count them. False for other KPIs. */
static bool kpi_answers(Report *r, const Kpi *k, size_t *n) {
  const Expr *e = k->measure;
  if (!e || e->kind != EX_CALL || e->as.call.args.len == 0) return false;
  const char *fn = e->as.call.fn.text;
  if (!fn || (strcmp(fn, "nps") != 0 && strcmp(fn, "csat") != 0 && strcmp(fn, "ces") != 0))
    return false;
  Value list;
  if (!eval_expr(r->ev, e->as.call.args.items[0], NULL, &list) || list.kind != VAL_LIST)
    return false;
  *n = 0;
  for (size_t i = 0; i < list.as.list.len; i++) *n += list.as.list.items[i].kind != VAL_NONE;
  return true;
}

void report_kpis(Report *r) {
  static const char *const COLS[] = {
      "KPI", "Value", "Target", "Met", "Baseline", "Change", "n", "Owner", "Stage or touchpoint"};
  if (!r->m->kpis.len) {
    sb_puts(r->out, "<p>This journey has no KPI.</p>\n");
    return;
  }
  report_table_open(r,
                    "Every KPI: its current value against its target, and the change since "
                    "its baseline. n is the number of answers behind a survey measure.",
                    COLS, 9);
  for (size_t i = 0; i < r->m->kpis.len; i++) {
    Kpi *k = r->m->kpis.items[i];
    Value met = report_field(r, &k->e, "met");
    bool has_target = k->target_op != TARGET_NONE;
    bool is_met = met.kind == VAL_BOOL && met.as.boolean;
    Value value = report_field(r, &k->e, "value");
    row_open(r, !has_target || value.kind == VAL_NONE ? NULL : is_met ? "met" : "unmet");
    report_cell(r, "th scope=\"row\"", k->e.name);
    num_cell(r, report_value(r, &value));
    Value target = report_field(r, &k->e, "target"), op = report_field(r, &k->e, "target_op");
    num_cell(r, has_target
                    ? arena_printf(r->a, "%s %s", report_value(r, &op), report_value(r, &target))
                    : DASH);
    report_cell(r, "td",
                !has_target || value.kind == VAL_NONE ? DASH
                : is_met                              ? "\xe2\x9c\x93 met"
                                                      : "\xe2\x9c\x97 not met");
    Value base = report_field(r, &k->e, "baseline"), on = report_field(r, &k->e, "baseline_date");
    num_cell(r, on.kind == VAL_NONE
                    ? report_value(r, &base)
                    : arena_printf(r->a, "%s on %s", report_value(r, &base), report_value(r, &on)));
    Value delta = report_field(r, &k->e, "delta");
    const char *change = report_value(r, &delta);
    if (delta.kind == VAL_NUMBER && delta.as.num > 0) change = arena_printf(r->a, "+%s", change);
    num_cell(r, change);
    size_t n;
    num_cell(r, kpi_answers(r, k, &n) ? arena_printf(r->a, "%zu", n) : DASH);
    report_cell(r, "td", k->owner ? k->owner->e.name : DASH);
    report_cell(r, "td",
                k->touchpoint ? k->touchpoint->e.name
                : k->stage    ? k->stage->e.name
                              : "the journey");
    sb_puts(r->out, "</tr>\n");
  }
  sb_puts(r->out, "</tbody></table></div>\n");
}

/* ---- pains ---- */

typedef struct PainRow {
  const Pain *p;
  bool known; /* customers affected could be computed */
  double reach, dropoff, affected;
} PainRow;

static int by_severity(const void *a, const void *b) {
  const PainRow *x = a, *y = b;
  if (x->p->severity != y->p->severity) return y->p->severity - x->p->severity;
  if (x->known != y->known) return x->known ? -1 : 1;
  if (x->known && x->affected != y->affected) return x->affected > y->affected ? -1 : 1;
  return x->p->e.index < y->p->e.index ? -1 : 1;
}

static int by_affected(const void *a, const void *b) {
  const PainRow *x = a, *y = b;
  if (x->known != y->known) return x->known ? -1 : 1;
  if (x->known && x->affected != y->affected) return x->affected > y->affected ? -1 : 1;
  if (x->p->severity != y->p->severity) return y->p->severity - x->p->severity;
  return x->p->e.index < y->p->e.index ? -1 : 1;
}

static void pain_table(Report *r, const char *caption, const PainRow *rows, size_t n) {
  static const char *const COLS[] = {"Rank",  "Severity", "Pain",     "Touchpoint",
                                     "Reach", "Drop-off", "Affected", "Opportunities"};
  report_table_open(r, caption, COLS, 8);
  for (size_t i = 0; i < n; i++) {
    const PainRow *row = &rows[i];
    const Pain *p = row->p;
    row_open(r, p->severity >= 4 ? "severe" : NULL);
    num_cell(r, arena_printf(r->a, "%zu", i + 1));
    sb_printf(r->out, "<td class=\"num\"><span class=\"sev sev%d\">%d/5</span></td>", p->severity,
              p->severity);
    report_cell(r, "th scope=\"row\"", p->text);
    report_cell(r, "td", p->touchpoint ? p->touchpoint->e.name : DASH);
    num_cell(r, percent_or_dash(r, row->known, row->reach));
    num_cell(r, percent_or_dash(r, row->known, row->dropoff));
    num_cell(r, percent_or_dash(r, row->known, row->affected));
    Value opps = report_field(r, (Entity *)&p->e, "opportunities");
    StrBuf names;
    sb_init(&names, r->a);
    for (size_t k = 0; opps.kind == VAL_LIST && k < opps.as.list.len; k++)
      if (opps.as.list.items[k].kind == VAL_ENTITY)
        sb_printf(&names, "%s%s", names.len ? ", " : "", opps.as.list.items[k].as.entity->name);
    report_cell(r, "td", names.len ? sb_str(&names) : "none");
    sb_puts(r->out, "</tr>\n");
  }
  sb_puts(r->out, "</tbody></table></div>\n");
}

void report_pains(Report *r) {
  size_t n = r->m->pains.len;
  if (!n) {
    sb_puts(r->out, "<p>This journey has no pain point.</p>\n");
    return;
  }
  PainRow *rows = arena_alloc(r->a, n * sizeof *rows);
  for (size_t i = 0; i < n; i++) {
    const Pain *p = r->m->pains.items[i];
    rows[i].p = p;
    rows[i].known = p->touchpoint && reach_value(r->ev, &p->touchpoint->e, NULL, &rows[i].reach) &&
                    reach_dropoff(r->ev, p->touchpoint, &rows[i].dropoff);
    rows[i].affected = rows[i].known ? rows[i].reach * rows[i].dropoff : 0;
  }
  qsort(rows, n, sizeof *rows, by_severity);
  pain_table(r, "By severity (5 is the worst), then by customers affected", rows, n);
  qsort(rows, n, sizeof *rows, by_affected);
  pain_table(r,
             "By customers affected: the touchpoint's reach times its drop-off, the share of "
             "all customers lost there",
             rows, n);
}

/* ---- opportunities ---- */

void report_opportunities(Report *r) {
  static const char *const COLS[] = {"Opportunity", "Fixes", "Impact", "Effort",
                                     "Owner",       "Due",   "Status"};
  if (!r->m->opportunities.len) {
    sb_puts(r->out, "<p>This journey has no opportunity.</p>\n");
    return;
  }
  Value today = value_date(eval_today(r->ev));
  report_table_open(r,
                    arena_printf(r->a,
                                 "Every opportunity; overdue ones (due before %s and not "
                                 "done or dropped) are marked.",
                                 report_value(r, &today)),
                    COLS, 7);
  for (size_t i = 0; i < r->m->opportunities.len; i++) {
    Opportunity *o = r->m->opportunities.items[i];
    Value overdue = report_field(r, &o->e, "overdue");
    bool late = overdue.kind == VAL_BOOL && overdue.as.boolean;
    row_open(r, late ? "overdue" : NULL);
    report_cell(r, "th scope=\"row\"", o->e.name);
    StrBuf fixes;
    sb_init(&fixes, r->a);
    for (size_t k = 0; k < o->nfixes; k++) {
      const Entity *e = o->fixes[k];
      const char *what = e->kind == EK_PAIN ? ((const Pain *)e)->text : e->name;
      sb_printf(&fixes, "%s%s", k ? "; " : "", what);
    }
    report_cell(r, "td", fixes.len ? sb_str(&fixes) : DASH);
    const char *fields[] = {"impact", "effort"};
    for (size_t f = 0; f < 2; f++) {
      Value v = report_field(r, &o->e, fields[f]);
      report_cell(r, "td", report_value(r, &v));
    }
    report_cell(r, "td", o->owner ? o->owner->e.name : DASH);
    Value due = report_field(r, &o->e, "due"), status = report_field(r, &o->e, "status");
    num_cell(r, report_value(r, &due));
    sb_puts(r->out, "<td>");
    report_text(r, report_value(r, &status));
    if (late) sb_puts(r->out, " <strong class=\"late\">\xe2\x9a\xa0 overdue</strong>");
    sb_puts(r->out, "</td></tr>\n");
  }
  sb_puts(r->out, "</tbody></table></div>\n");
}

/* ---- queries ---- */

static void query_table(Report *r, const Query *q, const QueryResult *res) {
  const char **cols = arena_alloc(r->a, (res->ncolumns + 1) * sizeof *cols);
  for (size_t c = 0; c < res->ncolumns; c++) cols[c] = res->columns[c];
  report_table_open(r,
                    arena_printf(r->a, "%zu row%s of the query %s", res->nrows,
                                 res->nrows == 1 ? "" : "s", q->e.id),
                    cols, res->ncolumns);
  for (size_t row = 0; row < res->nrows; row++) {
    sb_puts(r->out, "<tr>");
    for (size_t c = 0; c < res->ncolumns; c++) {
      const Cell *cell = &res->cells[row * res->ncolumns + c];
      const char *text = cell->kind == CELL_NONE ? DASH : cell->text ? cell->text : "";
      if (cell->kind == CELL_NUMBER)
        num_cell(r, text);
      else
        report_cell(r, "td", text);
    }
    sb_puts(r->out, "</tr>\n");
  }
  sb_puts(r->out, "</tbody></table></div>\n");
}

void report_queries(Report *r) {
  size_t shown = 0;
  for (size_t i = 0; i < r->m->queries.len; i++) {
    const Query *q = r->m->queries.items[i];
    if (q->e.from_stdlib) continue;
    shown++;
    sb_puts(r->out, "<h3>");
    report_text(r, q->e.name);
    if (strcmp(q->e.name, q->e.id) != 0) {
      sb_puts(r->out, " <span class=\"muted\">(");
      report_text(r, q->e.id);
      sb_puts(r->out, ")</span>");
    }
    sb_puts(r->out, "</h3>\n");
    DiagList scratch;
    diag_list_init(&scratch, r->a);
    QueryResult *res = query_run(r->ev, q, &scratch);
    if (res && !scratch.errors) {
      query_table(r, q, res);
      continue;
    }
    sb_puts(r->out, "<p class=\"problem\">This query could not run: ");
    report_text(r, scratch.len ? scratch.items[0]->message : "no result");
    sb_puts(r->out, " (<code>jny query</code> shows where).</p>\n");
  }
  if (!shown) sb_puts(r->out, "<p>This journey declares no query.</p>\n");
}
