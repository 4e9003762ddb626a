/* render_map.c — the map view: the classic journey-map canvas.
 *
 * One HTML-like table holds the grid: a header (title, goals, personas), a row of stages, then
 * one lane per kind of content (touchpoints and channels, actions, thoughts, emotion, pains,
 * opportunities, owners, KPIs), each touchpoint in a sub-column of its stage. Lanes with nothing
 * in them are left out. The emotion curve is drawn over the emotion lane: one point per
 * touchpoint at its score, joined by Bézier segments (Catmull–Rom, so the curve passes through
 * every point), one curve per persona.
 *
 * Graphviz never wraps text and the curve must know where the lane is, so every cell has a
 * fixed size computed here from wrapped text, and the picture is laid out with nop2 (positions
 * used as given; notes §7b). Sizes are in points; Graphviz's y axis points up.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "render.h"

enum {
  LABEL_W = 110,   /* the lane-title column */
  COL_W = 150,     /* one touchpoint */
  TEXT_CHARS = 23, /* characters per line of 9-point text in COL_W (DejaVu Sans, with margin) */
  NAME_CHARS = 19, /* the same for the bold 10-point names */
  EMOTION_H = 150, /* the emotion lane */
  CELL_PAD = 10    /* padding plus borders, top and bottom together */
};

typedef struct MapCol {
  const Stage *stage;
  const Touchpoint *t; /* NULL: an empty stage's only column */
} MapCol;

typedef struct MapCell {
  const char *html;
  double h;    /* height its text needs, without padding */
  size_t span; /* columns covered */
} MapCell;

typedef struct MapLane {
  const char *title;
  MapCell *cells;
  size_t ncells;
  double h;
  bool emotion;
} MapLane;

typedef struct MapCtx {
  Arena *a;
  const Model *m;
  const RenderSelection *sel;
  MapCol *cols;
  size_t ncols;
  VEC(MapLane) lanes;
  StrBuf *sb;
  const RenderKpiValue *kpis; /* NULL: not computed */
} MapCtx;

/* ---- cells ---- */

typedef struct CellText {
  StrBuf html;
  double h;
} CellText;

static void cell_init(MapCtx *c, CellText *ct) {
  sb_init(&ct->html, c->a);
  ct->h = 0;
}

/* One item (wrapped) in a cell: prefix and suffix are markup around it. */
static void cell_add(CellText *ct, const char *text, size_t chars, double line_h, const char *open,
                     const char *close) {
  size_t lines = render_count_lines(text, chars);
  if (!lines) return;
  if (ct->html.len) sb_puts(&ct->html, "<BR/>");
  sb_puts(&ct->html, open);
  render_put_html(&ct->html, text, chars);
  sb_puts(&ct->html, close);
  ct->h += (double)lines * line_h;
}

static MapLane *lane_new(MapCtx *c, const char *title, size_t ncells) {
  MapLane lane = {title, arena_alloc(c->a, (ncells + 1) * sizeof(MapCell)), 0, 0, false};
  VEC_PUSH(c->a, c->lanes, lane);
  return &c->lanes.items[c->lanes.len - 1];
}

static void lane_put(MapLane *lane, CellText *ct, size_t span) {
  lane->cells[lane->ncells++] = (MapCell){sb_str(&ct->html), ct->h, span};
  if (ct->h > lane->h) lane->h = ct->h;
}

/* Drops the lane just built when it has nothing in it. */
static void lane_close(MapCtx *c) {
  if (c->lanes.items[c->lanes.len - 1].h == 0) c->lanes.len--;
}

/* ---- lanes, one builder each ---- */

static void lane_touchpoints(MapCtx *c) {
  MapLane *lane = lane_new(c, "Touchpoints", c->ncols);
  for (size_t i = 0; i < c->ncols; i++) {
    CellText ct;
    cell_init(c, &ct);
    const Touchpoint *t = c->cols[i].t;
    if (t) {
      bool mot = render_has_tag(&t->e, "moment_of_truth");
      if (mot)
        cell_add(&ct, "\xe2\x98\x85 moment of truth", TEXT_CHARS, 11, "<FONT POINT-SIZE=\"8\"><B>",
                 "</B></FONT>");
      cell_add(&ct, t->e.name, NAME_CHARS, 13, "<FONT POINT-SIZE=\"10\"><B>", "</B></FONT>");
      if (t->channel) cell_add(&ct, t->channel->e.name, TEXT_CHARS, 12, "<I>", "</I>");
    }
    lane_put(lane, &ct, 1);
  }
  lane_close(c);
}

/* The lane of one text list of every touchpoint (actions, thoughts). */
static void lane_texts(MapCtx *c, const char *title, size_t offset, bool quoted) {
  MapLane *lane = lane_new(c, title, c->ncols);
  for (size_t i = 0; i < c->ncols; i++) {
    CellText ct;
    cell_init(c, &ct);
    if (c->cols[i].t) {
      const TextList *l = (const TextList *)((const char *)c->cols[i].t + offset);
      for (size_t k = 0; k < l->len; k++)
        cell_add(&ct,
                 quoted ? arena_printf(c->a, "\xe2\x80\x9c%s\xe2\x80\x9d", l->items[k].text)
                        : arena_printf(c->a, "\xe2\x80\xa2 %s", l->items[k].text),
                 TEXT_CHARS, 12, quoted ? "<I>" : "", quoted ? "</I>" : "");
    }
    lane_put(lane, &ct, 1);
  }
  lane_close(c);
}

static bool any_emotion(const MapCtx *c) {
  for (size_t i = 0; i < c->ncols; i++)
    if (c->cols[i].t && c->cols[i].t->has_emotion) return true;
  return false;
}

static void lane_emotion(MapCtx *c) {
  if (!any_emotion(c)) return;
  MapLane *lane = lane_new(c, "Emotion", 1);
  CellText ct;
  cell_init(c, &ct);
  lane_put(lane, &ct, c->ncols);
  lane->h = EMOTION_H - CELL_PAD;
  lane->emotion = true;
}

static void lane_pains(MapCtx *c) {
  MapLane *lane = lane_new(c, "Pains", c->ncols);
  for (size_t i = 0; i < c->ncols; i++) {
    CellText ct;
    cell_init(c, &ct);
    const Touchpoint *t = c->cols[i].t;
    for (size_t k = 0; t && k < t->npains; k++) {
      int sev = t->pains[k]->severity;
      cell_add(&ct, arena_printf(c->a, "\xe2\x9a\xa0 %d/5 %s", sev, t->pains[k]->text), TEXT_CHARS,
               12, arena_printf(c->a, "<FONT COLOR=\"%s\">", sev >= 3 ? "#b30000" : "#7f2704"),
               "</FONT>");
    }
    lane_put(lane, &ct, 1);
  }
  lane_close(c);
}

static const char *status_name(OppStatus s) {
  static const char *const N[] = {"", "idea", "planned", "doing", "done", "dropped"};
  return N[s];
}

static bool opportunity_fixes(const Opportunity *o, const Touchpoint *t) {
  for (size_t i = 0; i < o->nfixes; i++) {
    const Entity *e = o->fixes[i];
    if (e->kind == EK_TOUCHPOINT && e == &t->e) return true;
    if (e->kind == EK_PAIN && ((const Pain *)e)->touchpoint == t) return true;
  }
  return false;
}

static void lane_opportunities(MapCtx *c) {
  MapLane *lane = lane_new(c, "Opportunities", c->ncols);
  for (size_t i = 0; i < c->ncols; i++) {
    CellText ct;
    cell_init(c, &ct);
    for (size_t k = 0; c->cols[i].t && k < c->m->opportunities.len; k++) {
      const Opportunity *o = c->m->opportunities.items[k];
      if (!opportunity_fixes(o, c->cols[i].t)) continue;
      StrBuf sb;
      sb_init(&sb, c->a);
      sb_printf(&sb, "\xe2\x86\x92 %s", o->e.name);
      if (o->owner || o->status) {
        sb_puts(&sb, " (");
        if (o->owner) sb_puts(&sb, o->owner->e.name);
        if (o->status) sb_printf(&sb, "%s%s", o->owner ? ", " : "", status_name(o->status));
        sb_puts(&sb, ")");
      }
      cell_add(&ct, sb_str(&sb), TEXT_CHARS, 12, "", "");
    }
    lane_put(lane, &ct, 1);
  }
  lane_close(c);
}

static void lane_owners(MapCtx *c) {
  MapLane *lane = lane_new(c, "Owner", c->ncols);
  for (size_t i = 0; i < c->ncols; i++) {
    CellText ct;
    cell_init(c, &ct);
    if (c->cols[i].t && c->cols[i].t->owner)
      cell_add(&ct, c->cols[i].t->owner->e.name, TEXT_CHARS, 12, "", "");
    lane_put(lane, &ct, 1);
  }
  lane_close(c);
}

static const char *kpi_number(MapCtx *c, const Kpi *k, double v) {
  if (k->target_percent) return render_format_percent(c->a, v);
  /* at most two decimals, as a dashboard shows a score (an NPS of 33.3333 reads 33.33) */
  char *num = arena_printf(c->a, "%.2f", v);
  char *end = num + strlen(num);
  while (end > num && end[-1] == '0') *--end = '\0';
  if (end > num && end[-1] == '.') *--end = '\0';
  if (strcmp(num, "-0") == 0) num = "0";
  return arena_printf(c->a, "%s%s%s", num, k->unit ? " " : "", k->unit ? k->unit : "");
}

/* "Checkout conversion: 38%, target ≥ 45% ✗ missed, baseline 31% on 2026-06-01, owner Web squad".
 * The value is the evaluator's (`actual`, else `measure`); a measure it cannot compute is left out.
 */
static const char *kpi_text(MapCtx *c, const Kpi *k) {
  static const char *const OPS[] = {"", "\xe2\x89\xa5 ", "\xe2\x89\xa4 ", "= ", "> ", "< "};
  StrBuf sb;
  sb_init(&sb, c->a);
  sb_printf(&sb, "\xe2\x97\x8f %s", k->e.name);
  const char *sep = ": ";
  const RenderKpiValue *v = c->kpis ? &c->kpis[k->e.index] : NULL;
  bool known = (v && v->known) || k->has_actual;
  double value = v && v->known ? v->value : k->actual;
  if (known) {
    sb_printf(&sb, "%s%s", sep,
              v && v->known && v->percent ? render_format_percent(c->a, value)
                                          : kpi_number(c, k, value));
    sep = ", ";
  }
  if (k->target_op != TARGET_NONE) {
    sb_printf(&sb, "%starget %s%s", sep, OPS[k->target_op], kpi_number(c, k, k->target));
    /* ✓ met / ✗ missed: said in words too, not by the mark or a colour alone */
    if (known) sb_puts(&sb, model_kpi_met(k, value) ? " \xe2\x9c\x93 met" : " \xe2\x9c\x97 missed");
    sep = ", ";
  }
  if (k->has_baseline) {
    sb_printf(&sb, "%sbaseline %s", sep, kpi_number(c, k, k->baseline));
    if (k->has_baseline_date)
      sb_printf(&sb, " on %04d-%02d-%02d", k->baseline_date.year, k->baseline_date.month,
                k->baseline_date.day);
    sep = ", ";
  }
  if (k->owner) sb_printf(&sb, "%sowner %s", sep, k->owner->e.name);
  return sb_str(&sb);
}

static const Stage *kpi_stage(const Kpi *k) {
  return k->stage ? k->stage : k->touchpoint ? k->touchpoint->stage : NULL;
}

/* KPIs of a stage (or of one of its touchpoints) under the stage; the others in a lane of their
 * own across the whole journey. */
static void lane_kpis(MapCtx *c) {
  MapLane *lane = lane_new(c, "KPIs", c->ncols);
  for (size_t i = 0; i < c->ncols;) {
    size_t span = 1;
    while (i + span < c->ncols && c->cols[i + span].stage == c->cols[i].stage) span++;
    CellText ct;
    cell_init(c, &ct);
    for (size_t k = 0; k < c->m->kpis.len; k++)
      if (kpi_stage(c->m->kpis.items[k]) == c->cols[i].stage)
        cell_add(&ct, kpi_text(c, c->m->kpis.items[k]), TEXT_CHARS * span, 12, "", "");
    lane_put(lane, &ct, span);
    i += span;
  }
  lane_close(c);
  lane = lane_new(c, "Journey KPIs", 1);
  CellText ct;
  cell_init(c, &ct);
  for (size_t k = 0; k < c->m->kpis.len; k++)
    if (!kpi_stage(c->m->kpis.items[k]))
      cell_add(&ct, kpi_text(c, c->m->kpis.items[k]), TEXT_CHARS * c->ncols, 12, "", "");
  lane_put(lane, &ct, c->ncols);
  lane_close(c);
}

/* ---- the table ---- */

static double table_width(const MapCtx *c) { return LABEL_W + (double)c->ncols * COL_W; }

/* Personas drawn as curves: the one chosen, else every persona; NULL entries mean "every
 * touchpoint" (a model without personas). */
static size_t curve_personas(const MapCtx *c, const Persona ***out) {
  const Persona **p = arena_alloc(c->a, (c->m->personas.len + 1) * sizeof *p);
  size_t n = 0;
  if (c->sel->persona)
    p[n++] = c->sel->persona;
  else
    for (size_t i = 0; i < c->m->personas.len; i++) p[n++] = c->m->personas.items[i];
  if (n == 0) p[n++] = NULL;
  *out = p;
  return n;
}

/* The size attributes of a cell. Graphviz takes at most 65535 points for WIDTH; a cell wider
 * than that (a header over some 400 touchpoints) gets its width from the columns below it,
 * whose cells are all sized, and only a minimum height. */
static const char *cell_size(Arena *a, double w, double h) {
  if (w > 65535) return arena_printf(a, "HEIGHT=\"%.0f\"", h);
  return arena_printf(a, "FIXEDSIZE=\"TRUE\" WIDTH=\"%.0f\" HEIGHT=\"%.0f\"", w, h);
}

/* The header: title, description, goals, personas and the curves' legend. Returns its height. */
static double put_header(MapCtx *c, StrBuf *sb) {
  size_t chars = (size_t)((table_width(c) - 20) / 7.5),
         big = (size_t)((table_width(c) - 20) / 11.5);
  const Journey *j = c->m->journey;
  CellText ct;
  cell_init(c, &ct);
  const char *title = j && j->title ? j->title : j ? j->e.name : "Journey";
  cell_add(&ct, title ? title : "Journey", big, 24, "<FONT POINT-SIZE=\"18\"><B>", "</B></FONT>");
  if (j && j->e.description)
    cell_add(&ct, j->e.description, chars, 14, "<FONT POINT-SIZE=\"11\">", "</FONT>");
  for (size_t i = 0; j && i < j->goals.len; i++)
    cell_add(&ct, arena_printf(c->a, "Goal: %s", j->goals.items[i].text), chars, 14,
             "<FONT POINT-SIZE=\"11\">", "</FONT>");
  const Persona **ps;
  size_t np = curve_personas(c, &ps);
  for (size_t i = 0; i < np && ps[i]; i++) {
    const Persona *p = ps[i];
    const char *line = p->segment ? arena_printf(c->a, "Persona: %s (%s)", p->e.name, p->segment)
                                  : arena_printf(c->a, "Persona: %s", p->e.name);
    const char *swatch =
        arena_printf(c->a, "<FONT COLOR=\"%s\"><B>\xe2\x94\x81\xe2\x94\x81 </B></FONT>",
                     render_persona_color(i));
    cell_add(&ct, line, chars - 3, 14,
             arena_printf(c->a, "%s<FONT POINT-SIZE=\"11\">", any_emotion(c) ? swatch : ""),
             "</FONT>");
  }
  sb_printf(sb,
            "<TR><TD COLSPAN=\"%zu\" %s ALIGN=\"LEFT\" BALIGN=\"LEFT\" BGCOLOR=\"#f7f7f7\">"
            "%s</TD></TR>",
            c->ncols + 1, cell_size(c->a, table_width(c), ct.h + 10), sb_str(&ct.html));
  return ct.h + 10;
}

/* The row of stage names, each over its columns (8.5 points a character of bold 12-point). */
static double put_stage_row(MapCtx *c, StrBuf *sb) {
  size_t lines = 1;
  for (size_t i = 0; i < c->ncols;) {
    size_t span = 1;
    while (i + span < c->ncols && c->cols[i + span].stage == c->cols[i].stage) span++;
    const char *name =
        arena_printf(c->a, "%zu. %s", c->cols[i].stage->order + 1, c->cols[i].stage->e.name);
    size_t n = render_count_lines(name, (size_t)((double)(span * COL_W - 12) / 8.5));
    if (n > lines) lines = n;
    i += span;
  }
  double h = 15.0 * (double)lines + 14;
  sb_printf(sb, "<TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%.0f\" BGCOLOR=\"#333333\"></TD>",
            LABEL_W, h);
  for (size_t i = 0; i < c->ncols;) {
    size_t span = 1;
    while (i + span < c->ncols && c->cols[i + span].stage == c->cols[i].stage) span++;
    sb_printf(sb,
              "<TD COLSPAN=\"%zu\" %s BGCOLOR=\"#333333\"><FONT COLOR=\"white\""
              " POINT-SIZE=\"12\"><B>",
              span, cell_size(c->a, (double)(span * COL_W), h));
    render_put_html(
        sb, arena_printf(c->a, "%zu. %s", c->cols[i].stage->order + 1, c->cols[i].stage->e.name),
        (size_t)((double)(span * COL_W - 12) / 8.5));
    sb_puts(sb, "</B></FONT></TD>");
    i += span;
  }
  sb_puts(sb, "</TR>");
  return h;
}

static void put_lane(MapCtx *c, StrBuf *sb, const MapLane *lane) {
  double h = lane->h + CELL_PAD;
  sb_printf(
      sb,
      "<TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%.0f\" BGCOLOR=\"#e8e8e8\"><B>%s</B></TD>",
      LABEL_W, h, lane->title);
  for (size_t i = 0; i < lane->ncells; i++) {
    const MapCell *cell = &lane->cells[i];
    sb_printf(sb, "<TD COLSPAN=\"%zu\" %s VALIGN=\"TOP\"%s>%s</TD>", cell->span,
              cell_size(c->a, (double)(cell->span * COL_W), h),
              lane->emotion ? "" : " BGCOLOR=\"white\"", cell->html);
  }
  sb_puts(sb, "</TR>");
}

/* ---- the emotion curve ---- */

static double col_x(size_t i) { return LABEL_W + ((double)i + 0.5) * COL_W; }

/* One Bézier segment from point k to k+1 of a Catmull–Rom spline through x/y. */
static void put_segment(StrBuf *sb, const double *x, const double *y, size_t n, size_t k) {
  size_t a = k ? k - 1 : k, d = k + 2 < n ? k + 2 : k + 1;
  double c1x = x[k] + (x[k + 1] - x[a]) / 6, c1y = y[k] + (y[k + 1] - y[a]) / 6;
  double c2x = x[k + 1] - (x[d] - x[k]) / 6, c2y = y[k + 1] - (y[d] - y[k]) / 6;
  sb_printf(sb, "pos=\"%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f\"", x[k], y[k], c1x, c1y, c2x, c2y,
            x[k + 1], y[k + 1]);
}

static double score_y(double mid, double emotion) {
  return mid + emotion / 3.0 * (EMOTION_H / 2.0 - 22);
}

static void put_curve(MapCtx *c, StrBuf *sb, const Persona *p, size_t pi, size_t np, double mid) {
  double *x = arena_alloc(c->a, (c->ncols + 1) * sizeof *x),
         *y = arena_alloc(c->a, (c->ncols + 1) * sizeof *y);
  size_t *col = arena_alloc(c->a, (c->ncols + 1) * sizeof *col);
  size_t n = 0;
  double offset =
      ((double)pi - (double)(np - 1) / 2.0) * 3.0; /* curves that coincide stay visible */
  const char *color = np == 1 && !p ? "#333333" : render_persona_color(pi);
  for (size_t i = 0; i < c->ncols; i++) {
    const Touchpoint *t = c->cols[i].t;
    if (!t || !t->has_emotion || (p && !render_touch_has_persona(t, p))) continue;
    x[n] = col_x(i);
    y[n] = score_y(mid, t->emotion) + offset;
    col[n++] = i;
    sb_printf(
        sb,
        "  p%zu_%zu [pos=\"%.2f,%.2f\", shape=circle, width=0.16, height=0.16, fixedsize=true,"
        " label=\"\", style=filled, fillcolor=\"%s\", color=\"%s\", penwidth=1.5, tooltip=",
        pi, i, x[n - 1], y[n - 1], render_emotion_color(t->emotion), color);
    render_put_dot_tooltip(
        sb, arena_printf(c->a, "%s: %s%s%s%s%s", t->e.name, render_format_score(c->a, t->emotion),
                         t->emotion_label ? " " : "", t->emotion_label ? t->emotion_label : "",
                         p ? " \xe2\x80\x94 " : "", p ? p->e.name : ""));
    sb_puts(sb, "]\n");
  }
  for (size_t k = 0; k + 1 < n; k++) {
    sb_printf(sb, "  p%zu_%zu -- p%zu_%zu [color=\"%s\", penwidth=2.5, ", pi, col[k], pi,
              col[k + 1], color);
    put_segment(sb, x, y, n, k);
    sb_puts(sb, "]\n");
  }
}

/* The zero line, the axis marks and each touchpoint's score above its point. */
static void put_emotion_axis(MapCtx *c, StrBuf *sb, double mid) {
  double w = table_width(c);
  sb_printf(
      sb,
      "  z0 [pos=\"%d,%.2f\", shape=point, style=invis]\n  z1 [pos=\"%.2f,%.2f\", shape=point,"
      " style=invis]\n  z0 -- z1 [color=\"#b0b0b0\", style=dashed, pos=\"%d,%.2f %.2f,%.2f"
      " %.2f,%.2f %.2f,%.2f\"]\n",
      LABEL_W, mid, w, mid, LABEL_W, mid, LABEL_W + (w - LABEL_W) / 3, mid,
      LABEL_W + 2 * (w - LABEL_W) / 3, mid, w, mid);
  static const char *const MARKS[] = {"+3", "0",
                                      "\xe2\x88\x92"
                                      "3"};
  for (int k = 0; k < 3; k++)
    sb_printf(sb,
              "  axis%d [pos=\"%d,%.2f\", shape=plaintext, fontsize=8, fontcolor=\"#666666\","
              " width=0.2, height=0.15, label=\"%s\"]\n",
              k, LABEL_W - 12, score_y(mid, 3 - 3 * k), MARKS[k]);
  for (size_t i = 0; i < c->ncols; i++) {
    const Touchpoint *t = c->cols[i].t;
    if (!t || !t->has_emotion) continue;
    const char *text =
        arena_printf(c->a, "%s%s%s", render_format_score(c->a, t->emotion),
                     t->emotion_label ? " " : "", t->emotion_label ? t->emotion_label : "");
    sb_printf(sb,
              "  score%zu [pos=\"%.2f,%.2f\", shape=plaintext, fontsize=9, width=0.3, height=0.2,"
              " label=",
              i, col_x(i), score_y(mid, t->emotion) + 15);
    render_put_dot_string(sb, text);
    sb_puts(sb, "]\n");
  }
}

/* ---- the view ---- */

static void build_columns(MapCtx *c) {
  c->cols = arena_alloc(c->a, (c->m->touchpoints.len + c->m->stages.len + 1) * sizeof *c->cols);
  for (size_t s = 0; s < c->m->stages.len; s++) {
    if (!c->sel->stage_on[s]) continue;
    size_t before = c->ncols;
    for (size_t i = 0; i < c->m->touchpoints.len; i++)
      if (c->sel->touch_on[i] && c->m->touchpoints.items[i]->stage->e.index == s)
        c->cols[c->ncols++] = (MapCol){c->m->stages.items[s], c->m->touchpoints.items[i]};
    if (c->ncols == before) c->cols[c->ncols++] = (MapCol){c->m->stages.items[s], NULL};
  }
}

RenderGraph render_map(Arena *a, const Model *m, const RenderSelection *sel,
                       const RenderKpiValue *kpis) {
  StrBuf sb, rows;
  sb_init(&sb, a);
  sb_init(&rows, a);
  MapCtx c = {a, m, sel, NULL, 0, {0}, &sb, kpis};
  build_columns(&c);
  lane_touchpoints(&c);
  lane_texts(&c, "Actions", offsetof(Touchpoint, actions), false);
  lane_texts(&c, "Thoughts", offsetof(Touchpoint, thoughts), true);
  lane_emotion(&c);
  lane_pains(&c);
  lane_opportunities(&c);
  lane_owners(&c);
  lane_kpis(&c);

  double h = put_header(&c, &rows) + put_stage_row(&c, &rows), emotion_top = -1;
  for (size_t i = 0; i < c.lanes.len; i++) {
    if (c.lanes.items[i].emotion) emotion_top = h;
    put_lane(&c, &rows, &c.lanes.items[i]);
    h += c.lanes.items[i].h + CELL_PAD;
  }
  double w = table_width(&c);
  sb_puts(&sb, "graph map {\n  graph [fontname=\"DejaVu Sans\", bgcolor=white, pad=0.3,"
               " outputorder=edgesfirst]\n  node [fontname=\"DejaVu Sans\", fontsize=9]\n");
  sb_printf(&sb,
            "  grid [shape=plain, pos=\"%.2f,%.2f\", label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\""
            " CELLSPACING=\"0\" CELLPADDING=\"4\" COLOR=\"#9e9e9e\">%s</TABLE>>]\n",
            w / 2, h / 2, sb_str(&rows));
  if (emotion_top >= 0) {
    double mid = h - emotion_top - EMOTION_H / 2.0;
    put_emotion_axis(&c, &sb, mid);
    const Persona **ps;
    size_t np = curve_personas(&c, &ps);
    for (size_t i = 0; i < np; i++) put_curve(&c, &sb, ps[i], i, np, mid);
  }
  sb_puts(&sb, "}\n");
  return (RenderGraph){sb_str(&sb), sb.len, "nop2"};
}
