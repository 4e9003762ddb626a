/* render_flow.c — the flow view: the journey as a left-to-right flowchart, one cluster per
 * stage, touchpoints as nodes, flows as edges, outcomes as terminals. The numbers the
 * evaluator computes (each node's reach, the share an unrated flow gets) come from the caller
 * (RenderFlowNumbers), so that drawing never runs the solver itself.
 *
 * Stage order is kept whatever the flows do (notes §7a): each stage has an invisible anchor
 * node, every touchpoint sits after its stage's anchor and before the next one, and a flow back
 * to an earlier stage is drawn with constraint=false so that it does not pull ranks. Past
 * RENDER_FLOW_MAX_TOUCHPOINTS the view is collapsed to one node per stage (dot's time grows
 * about quadratically; a collapsed view of a huge journey is also the more readable one).
 */
#include <math.h>
#include <string.h>

#include "render.h"

#define NAME_WIDTH 22 /* characters per line of a touchpoint's name */
/* 1,000 touchpoints: 5.3 s with edge labels, 1.0 s with xlabels; 200 stay well under 0.5 s. */
#define RENDER_FLOW_XLABEL_FROM 200

typedef struct FlowCtx {
  Arena *a;
  const Model *m;
  const RenderSelection *sel;
  StrBuf *sb;
  double max_volume; /* 0 when no drawn flow has a volume: widths then follow shares */
  const RenderFlowNumbers *numbers; /* may be NULL */
} FlowCtx;

/* The reach of a touchpoint (outcome false) or outcome, when known. */
static const RenderShare *reach_of(const FlowCtx *c, size_t index, bool outcome) {
  if (!c->numbers) return NULL;
  const RenderShare *r =
      outcome ? &c->numbers->outcome_reach[index] : &c->numbers->touch_reach[index];
  return r->known ? r : NULL;
}

/* "21%", "9.8%", and "<0.1%" rather than a 0% that would read as nobody. */
static const char *reach_text(Arena *a, double v) {
  if (v > 0 && v < 0.0005) return "<0.1%";
  return render_format_percent(a, v);
}

static const char *journey_title(const Model *m) {
  if (m->journey && m->journey->title) return m->journey->title;
  if (m->journey && m->journey->e.name) return m->journey->e.name;
  return "Journey";
}

/* ---- the header: title and legend ---- */

static void put_legend_swatches(FlowCtx *c, StrBuf *sb) {
  sb_puts(sb, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\"><TR>"
              "<TD>Emotion</TD>");
  for (int k = -3; k <= 3; k++)
    sb_printf(sb,
              "<TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"#888888\"><FONT COLOR=\"%s\">%s</FONT></TD>",
              render_emotion_color(k), render_emotion_dark(k) ? "white" : "black",
              render_format_score(c->a, k));
  sb_puts(sb, "<TD BGCOLOR=\"white\" BORDER=\"1\" COLOR=\"#888888\">no score</TD>"
              "<TD> </TD><TD>Pain, worst severity</TD>");
  for (int s = 1; s <= 5; s++)
    sb_printf(sb,
              "<TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"#888888\"><FONT COLOR=\"%s\">%d</FONT></TD>",
              render_severity_color(s), s >= 4 ? "white" : "black", s);
  sb_puts(sb, "</TR></TABLE></TD></TR>");
}

static void put_header(FlowCtx *c) {
  StrBuf *sb = c->sb;
  sb_puts(sb, "  label=<<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">"
              "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"20\"><B>");
  render_put_html(sb, journey_title(c->m), 0);
  sb_puts(sb, "</B></FONT></TD></TR>");
  const Journey *j = c->m->journey;
  StrBuf sub;
  sb_init(&sub, c->a);
  if (j && j->e.description) sb_puts(&sub, j->e.description);
  if (j && j->state != STATE_UNSET)
    sb_printf(&sub, "%s(%s state)", sub.len ? "  " : "",
              j->state == STATE_FUTURE ? "future" : "current");
  if (c->sel->persona)
    sb_printf(&sub, "%sPersona: %s", sub.len ? "  ·  " : "", c->sel->persona->e.name);
  if (sub.len) {
    sb_puts(sb, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"12\">");
    render_put_html(sb, sb_str(&sub), 0);
    sb_puts(sb, "</FONT></TD></TR>");
  }
  put_legend_swatches(c, sb);
  sb_puts(sb,
          "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">Shape: rounded box = digital channel,"
          " hexagon = physical, ellipse = human, square box = no channel.  \xe2\x98\x85 = moment"
          " of truth.<BR ALIGN=\"LEFT\"/>Arrows: rate on the label");
  if (c->numbers) sb_puts(sb, " (in parentheses: the share a flow without a rate gets)");
  sb_puts(sb, ", width = ");
  sb_puts(sb, c->max_volume > 0 ? "volume" : "share");
  sb_puts(sb, "; dashed = back to an earlier stage.  Outcomes: \xe2\x9c\x93 success (green),"
              " \xe2\x9c\x97 failure (red).<BR ALIGN=\"LEFT\"/>");
  if (c->numbers)
    sb_puts(sb, "Reach: the share of the customers entering the journey who get there.<BR "
                "ALIGN=\"LEFT\"/>");
  sb_puts(sb, "</FONT></TD></TR></TABLE>>\n  labelloc=t\n  labeljust=l\n");
}

/* ---- touchpoints ---- */

static const char *channel_shape(const Channel *ch) {
  if (!ch) return "shape=box, style=\"filled\"";
  switch (ch->channel_kind) {
  case CHANNEL_PHYSICAL: return "shape=hexagon, style=\"filled\"";
  case CHANNEL_HUMAN: return "shape=ellipse, style=\"filled\"";
  case CHANNEL_DIGITAL:
  case CHANNEL_UNSET: break;
  }
  return "shape=box, style=\"rounded,filled\"";
}

static int worst_severity(const Touchpoint *t) {
  int worst = 0;
  for (size_t i = 0; i < t->npains; i++)
    if (t->pains[i]->severity > worst) worst = t->pains[i]->severity;
  return worst;
}

static void put_list(StrBuf *sb, const char *title, const TextList *l) {
  for (size_t i = 0; i < l->len; i++) sb_printf(sb, "\n%s: %s", title, l->items[i].text);
}

/* The SVG tooltip: everything known about the touchpoint, one fact per line. */
static const char *touch_tooltip(FlowCtx *c, const Touchpoint *t) {
  StrBuf sb;
  sb_init(&sb, c->a);
  sb_printf(&sb, "%s\nStage: %s", t->e.name, t->stage->e.name);
  if (t->channel) sb_printf(&sb, "\nChannel: %s", t->channel->e.name);
  for (size_t i = 0; i < t->npersonas; i++) sb_printf(&sb, "\nPersona: %s", t->personas[i]->e.name);
  if (t->has_emotion)
    sb_printf(&sb, "\nEmotion: %s%s%s", render_format_score(c->a, t->emotion),
              t->emotion_label ? " " : "", t->emotion_label ? t->emotion_label : "");
  if (t->e.description) sb_printf(&sb, "\n%s", t->e.description);
  put_list(&sb, "Action", &t->actions);
  put_list(&sb, "Thought", &t->thoughts);
  for (size_t i = 0; i < t->npains; i++)
    sb_printf(&sb, "\nPain (severity %d): %s", t->pains[i]->severity, t->pains[i]->text);
  for (size_t i = 0; i < t->ndelights; i++) sb_printf(&sb, "\nDelight: %s", t->delights[i]->text);
  if (t->owner) sb_printf(&sb, "\nOwner: %s", t->owner->e.name);
  const RenderShare *r = reach_of(c, t->e.index, false);
  if (r) sb_printf(&sb, "\nReach: %s", reach_text(c->a, r->value));
  return sb_str(&sb);
}

static void put_touch_label(FlowCtx *c, const Touchpoint *t, bool mot) {
  StrBuf *sb = c->sb;
  sb_puts(sb, "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
  if (mot)
    sb_puts(sb,
            "<TR><TD><FONT POINT-SIZE=\"8\"><B>\xe2\x98\x85 MOMENT OF TRUTH</B></FONT></TD></TR>");
  sb_puts(sb, "<TR><TD><B>");
  render_put_html(sb, t->e.name, NAME_WIDTH);
  sb_puts(sb, "</B></TD></TR>");
  StrBuf sub;
  sb_init(&sub, c->a);
  if (t->channel) sb_puts(&sub, t->channel->e.name);
  if (t->has_emotion) {
    sb_printf(&sub, "%s%s", sub.len ? "  " : "", render_format_score(c->a, t->emotion));
    if (t->emotion_label) sb_printf(&sub, " %s", t->emotion_label);
  }
  if (sub.len) {
    sb_puts(sb, "<TR><TD><FONT POINT-SIZE=\"8\">");
    render_put_html(sb, sb_str(&sub), NAME_WIDTH + 6);
    sb_puts(sb, "</FONT></TD></TR>");
  }
  const RenderShare *r = reach_of(c, t->e.index, false);
  if (r) {
    sb_puts(sb, "<TR><TD><FONT POINT-SIZE=\"8\">");
    render_put_html(sb, arena_printf(c->a, "reach %s", reach_text(c->a, r->value)), 0);
    sb_puts(sb, "</FONT></TD></TR>");
  }
  if (t->npains) {
    int worst = worst_severity(t);
    sb_printf(sb,
              "<TR><TD BGCOLOR=\"%s\"><FONT POINT-SIZE=\"8\" COLOR=\"%s\">\xe2\x9a\xa0 %zu pain%s,"
              " worst %d/5</FONT></TD></TR>",
              render_severity_color(worst), worst >= 4 ? "white" : "black", t->npains,
              t->npains == 1 ? "" : "s", worst);
  }
  sb_puts(sb, "</TABLE>>");
}

static void put_touchpoint(FlowCtx *c, const Touchpoint *t) {
  StrBuf *sb = c->sb;
  bool mot = render_has_tag(&t->e, "moment_of_truth");
  sb_printf(sb, "    n%zu [%s, fillcolor=\"%s\"", t->e.index, channel_shape(t->channel),
            t->has_emotion ? render_emotion_color(t->emotion) : "white");
  if (t->has_emotion && render_emotion_dark(t->emotion)) sb_puts(sb, ", fontcolor=white");
  if (mot) sb_puts(sb, ", penwidth=3.5, color=\"#000000\"");
  sb_puts(sb, ", id=");
  render_put_dot_string(sb, arena_printf(c->a, "touchpoint-%s", t->e.id ? t->e.id : "?"));
  sb_printf(sb, ", class=\"touchpoint%s\", tooltip=", mot ? " moment-of-truth" : "");
  render_put_dot_tooltip(sb, touch_tooltip(c, t));
  sb_puts(sb, ", label=");
  put_touch_label(c, t, mot);
  sb_puts(sb, "]\n");
}

/* ---- clusters, anchors, outcomes ---- */

static bool outcome_on(const FlowCtx *c, const Outcome *o) {
  for (size_t i = 0; i < o->nin; i++)
    if (render_flow_on(c->sel, o->in[i])) return true;
  return false;
}

static void put_stage(FlowCtx *c, const Stage *s) {
  StrBuf *sb = c->sb;
  sb_printf(sb, "  subgraph cluster_s%zu {\n    label=", s->e.index);
  render_put_dot_string(sb, arena_printf(c->a, "%zu. %s", s->order + 1, s->e.name));
  sb_printf(sb,
            "\n    id=\"stage-%s\"\n    style=\"rounded,filled\"\n    fillcolor=\"#f2f2f2\"\n"
            "    color=\"#bdbdbd\"\n    fontsize=14\n",
            s->e.id ? s->e.id : "");
  sb_printf(sb, "    a%zu [style=invis, label=\"\", width=0, height=0, fixedsize=true]\n",
            s->e.index);
  for (size_t i = 0; i < c->m->touchpoints.len; i++) {
    const Touchpoint *t = c->m->touchpoints.items[i];
    if (c->sel->touch_on[i] && t->stage == s) put_touchpoint(c, t);
  }
  sb_puts(sb, "  }\n");
}

static void put_outcomes(FlowCtx *c) {
  StrBuf *sb = c->sb;
  bool any = false;
  for (size_t i = 0; i < c->m->outcomes.len; i++) any |= outcome_on(c, c->m->outcomes.items[i]);
  sb_printf(sb,
            "  subgraph cluster_outcomes {\n    label=\"%s\"\n    style=\"rounded,dashed\"\n"
            "    color=\"#bdbdbd\"\n    fontsize=14\n"
            "    a_end [style=invis, label=\"\", width=0, height=0, fixedsize=true]\n",
            any ? "Outcomes" : "");
  for (size_t i = 0; i < c->m->outcomes.len; i++) {
    const Outcome *o = c->m->outcomes.items[i];
    if (!outcome_on(c, o)) continue;
    sb_printf(sb,
              "    o%zu [shape=box, style=\"rounded,filled,bold\", peripheries=2, fontcolor=white,"
              " fillcolor=\"%s\", color=\"%s\", id=",
              i, o->success ? "#1b7837" : "#b2182b", o->success ? "#0b3d1a" : "#67001f");
    render_put_dot_string(sb, arena_printf(c->a, "outcome-%s", o->e.id ? o->e.id : "?"));
    sb_printf(sb, ", class=\"outcome %s\", tooltip=", o->success ? "success" : "failure");
    const RenderShare *r = reach_of(c, i, true);
    const char *reach = r ? reach_text(c->a, r->value) : NULL;
    render_put_dot_tooltip(sb, arena_printf(c->a, "%s (%s)%s%s", o->e.name,
                                            o->success ? "success" : "failure",
                                            reach ? "\nReach: " : "", reach ? reach : ""));
    sb_printf(sb, ", label=<<B>%s ", o->success ? "\xe2\x9c\x93" : "\xe2\x9c\x97");
    render_put_html(sb, o->e.name, NAME_WIDTH);
    sb_puts(sb, "</B>");
    if (reach) {
      sb_puts(sb, "<BR/><FONT POINT-SIZE=\"8\">");
      render_put_html(sb, arena_printf(c->a, "reach %s", reach), 0);
      sb_puts(sb, "</FONT>");
    }
    sb_puts(sb, ">]\n");
  }
  sb_puts(sb, "  }\n");
}

/* A flow within one stage counts as forward when it goes to a touchpoint declared later; the
 * others are drawn without constraint, so the forward ones form an acyclic chain. */
static bool in_stage_forward(const Flow *f) {
  return f->to->kind == EK_TOUCHPOINT && f->from->stage == ((const Touchpoint *)f->to)->stage &&
         f->to->index > f->from->e.index;
}

/* Whether t has a drawn forward flow inside its stage, entering (in) or leaving it. */
static bool has_in_stage(const FlowCtx *c, const Touchpoint *t, bool in) {
  Flow *const *list = in ? t->in : t->out;
  for (size_t i = 0, n = in ? t->nin : t->nout; i < n; i++)
    if (render_flow_on(c->sel, list[i]) && in_stage_forward(list[i])) return true;
  return false;
}

/* The invisible chain that keeps stages in order: the anchor of a stage comes before its first
 * touchpoints (those no forward flow of the stage enters), its last touchpoints come before the
 * anchor of the next drawn stage (the outcomes' anchor after the last), and each anchor comes
 * before the next so that an empty stage keeps its place. Tying only the first and last of each
 * stage keeps the invisible edges short: tying every touchpoint made dot route thousands of
 * long edges (minutes at 1,000 touchpoints). */
static void put_barriers(FlowCtx *c) {
  StrBuf *sb = c->sb;
  size_t ns = c->m->stages.len;
  const char **next = arena_alloc(c->a, (ns + 1) * sizeof *next);
  const char *after = "a_end";
  for (size_t s = ns; s-- > 0;) {
    next[s] = after;
    if (c->sel->stage_on[s]) {
      const char *here = arena_printf(c->a, "a%zu", s);
      sb_printf(sb, "  %s -> %s [style=invis]\n", here, after);
      after = here;
    }
  }
  for (size_t i = 0; i < c->m->touchpoints.len; i++) {
    const Touchpoint *t = c->m->touchpoints.items[i];
    if (!c->sel->touch_on[i]) continue;
    if (!has_in_stage(c, t, true))
      sb_printf(sb, "  a%zu -> n%zu [style=invis]\n", t->stage->e.index, i);
    if (!has_in_stage(c, t, false))
      sb_printf(sb, "  n%zu -> %s [style=invis]\n", i, next[t->stage->e.index]);
  }
  for (size_t i = 0; i < c->m->outcomes.len; i++)
    if (outcome_on(c, c->m->outcomes.items[i])) sb_printf(sb, "  a_end -> o%zu [style=invis]\n", i);
}

/* ---- flows ---- */

/* The share a flow without a rate gets, when known. */
static const RenderShare *computed_share(const FlowCtx *c, const Flow *f) {
  if (f->has_rate || !c->numbers || !c->numbers->flow_share[f->e.index].known) return NULL;
  return &c->numbers->flow_share[f->e.index];
}

static double flow_width(const FlowCtx *c, const Flow *f) {
  if (c->max_volume > 0) return f->has_volume ? 1.0 + 6.0 * f->volume / c->max_volume : 1.0;
  const RenderShare *s = computed_share(c, f);
  return f->has_rate ? 1.0 + 4.0 * f->rate : s ? 1.0 + 4.0 * s->value : 1.5;
}

/* A rate as written ("55%"); a flow without one shows the share it gets in parentheses. */
static const char *flow_label(FlowCtx *c, const Flow *f) {
  StrBuf sb;
  sb_init(&sb, c->a);
  const RenderShare *share = computed_share(c, f);
  if (f->has_rate) sb_puts(&sb, render_format_percent(c->a, f->rate));
  if (share) sb_printf(&sb, "(%s)", render_format_percent(c->a, share->value));
  if (f->has_volume) sb_printf(&sb, "%s%g", sb.len ? "  " : "", f->volume);
  if (f->label) sb_printf(&sb, "%s%s", sb.len ? "\n" : "", f->label);
  if (f->persona && !c->sel->persona)
    sb_printf(&sb, "%s(%s)", sb.len ? "\n" : "", f->persona->e.name);
  return sb_str(&sb);
}

static void put_flow(FlowCtx *c, const Flow *f) {
  StrBuf *sb = c->sb;
  const char *color = "#4d4d4d";
  bool back = false;
  if (f->to->kind == EK_OUTCOME) {
    const Outcome *o = c->m->outcomes.items[f->to->index];
    color = o->success ? "#1b7837" : "#b2182b";
    sb_printf(sb, "  n%zu -> o%zu [", f->from->e.index, f->to->index);
  } else {
    const Touchpoint *to = c->m->touchpoints.items[f->to->index];
    back = to->stage->order < f->from->stage->order ||
           (to->stage == f->from->stage && !in_stage_forward(f));
    sb_printf(sb, "  n%zu -> n%zu [", f->from->e.index, f->to->index);
  }
  sb_printf(sb, "penwidth=%.2f, color=\"%s\", fontcolor=\"%s\"", flow_width(c, f), color, color);
  if (back) sb_puts(sb, ", style=dashed, constraint=false");
  const char *label = flow_label(c, f);
  if (*label) {
    /* A label is a node of its own in dot's ranking, which costs five times the layout time
     * of a big journey; past RENDER_FLOW_XLABEL_FROM touchpoints it is placed afterwards. */
    sb_puts(sb, c->sel->ntouch_on > RENDER_FLOW_XLABEL_FROM ? ", xlabel=" : ", label=");
    render_put_dot_string(sb, label);
  }
  sb_puts(sb, ", tooltip=");
  render_put_dot_tooltip(sb, arena_printf(c->a, "%s \xe2\x86\x92 %s%s%s", f->from->e.name,
                                          f->to->name, *label ? ": " : "", label));
  sb_puts(sb, "]\n");
}

static void put_prologue(StrBuf *sb) {
  sb_puts(sb,
          "digraph journey {\n"
          "  graph [rankdir=LR, fontname=\"DejaVu Sans\", nodesep=0.35, ranksep=0.55, pad=0.3,"
          " bgcolor=white]\n"
          "  node [fontname=\"DejaVu Sans\", fontsize=10, margin=\"0.12,0.06\", color=\"#4d4d4d\","
          " penwidth=1.2]\n"
          "  edge [fontname=\"DejaVu Sans\", fontsize=9, arrowsize=0.7]\n");
}

/* ---- the collapsed view: one node per stage ---- */

typedef struct StageSum {
  size_t touchpoints, pains, scored;
  int worst;
  double emotion_sum;
} StageSum;

static void put_collapsed_stage(FlowCtx *c, const Stage *s, const StageSum *sum) {
  StrBuf *sb = c->sb;
  double avg = sum->scored ? sum->emotion_sum / (double)sum->scored : 0;
  sb_printf(sb, "  n%zu [shape=box, style=\"rounded,filled\", fillcolor=\"%s\"%s, label=<<B>",
            s->e.index, sum->scored ? render_emotion_color(avg) : "white",
            sum->scored && render_emotion_dark(avg) ? ", fontcolor=white" : "");
  render_put_html(sb, arena_printf(c->a, "%zu. %s", s->order + 1, s->e.name), NAME_WIDTH);
  sb_printf(sb, "</B><BR/>%zu touchpoints", sum->touchpoints);
  if (sum->scored)
    sb_printf(sb, "<BR/>mean emotion %s", render_format_score(c->a, round(avg * 10) / 10));
  if (sum->pains) sb_printf(sb, "<BR/>\xe2\x9a\xa0 %zu pains, worst %d/5", sum->pains, sum->worst);
  sb_puts(sb, ">]\n");
}

/* Flows between stages counted per pair of stages (or stage and outcome). */
static void put_collapsed_flows(FlowCtx *c) {
  size_t ns = c->m->stages.len, cols = ns + c->m->outcomes.len;
  size_t *count = arena_alloc(c->a, ns * cols * sizeof *count);
  for (size_t i = 0; i < c->m->flows.len; i++) {
    const Flow *f = c->m->flows.items[i];
    if (!render_flow_on(c->sel, f)) continue;
    size_t col = f->to->kind == EK_OUTCOME ? ns + f->to->index
                                           : c->m->touchpoints.items[f->to->index]->stage->e.index;
    count[f->from->stage->e.index * cols + col]++;
  }
  for (size_t s = 0; s < ns; s++)
    for (size_t col = 0; col < cols; col++) {
      size_t n = count[s * cols + col];
      if (!n || col == s) continue;
      bool back = col < ns && col < s;
      sb_printf(c->sb, "  n%zu -> %s%zu [label=\"%zu flow%s\"%s]\n", s, col < ns ? "n" : "o",
                col < ns ? col : col - ns, n, n == 1 ? "" : "s",
                back ? ", style=dashed, constraint=false" : "");
    }
}

static void put_collapsed(FlowCtx *c) {
  size_t ns = c->m->stages.len;
  StageSum *sums = arena_alloc(c->a, (ns + 1) * sizeof *sums);
  for (size_t i = 0; i < c->m->touchpoints.len; i++) {
    const Touchpoint *t = c->m->touchpoints.items[i];
    if (!c->sel->touch_on[i]) continue;
    StageSum *s = &sums[t->stage->e.index];
    s->touchpoints++;
    s->pains += t->npains;
    if (worst_severity(t) > s->worst) s->worst = worst_severity(t);
    if (t->has_emotion) s->scored++, s->emotion_sum += t->emotion;
  }
  const char *prev = NULL;
  for (size_t s = 0; s < ns; s++) {
    if (!c->sel->stage_on[s]) continue;
    put_collapsed_stage(c, c->m->stages.items[s], &sums[s]);
    const char *here = arena_printf(c->a, "n%zu", s);
    if (prev) sb_printf(c->sb, "  %s -> %s [style=invis, weight=10]\n", prev, here);
    prev = here;
  }
  put_outcomes(c);
  if (prev) sb_printf(c->sb, "  %s -> a_end [style=invis]\n", prev);
  for (size_t i = 0; i < c->m->outcomes.len; i++)
    if (outcome_on(c, c->m->outcomes.items[i]))
      sb_printf(c->sb, "  a_end -> o%zu [style=invis]\n", i);
  put_collapsed_flows(c);
}

RenderGraph render_flow(Arena *a, const Model *m, const RenderSelection *sel,
                        const RenderFlowNumbers *numbers, DiagList *diags) {
  StrBuf sb;
  sb_init(&sb, a);
  FlowCtx c = {a, m, sel, &sb, 0, numbers};
  for (size_t i = 0; i < m->flows.len; i++) {
    const Flow *f = m->flows.items[i];
    if (render_flow_on(sel, f) && f->has_volume && f->volume > c.max_volume)
      c.max_volume = f->volume;
  }
  put_prologue(&sb);
  if (sel->ntouch_on > RENDER_FLOW_MAX_TOUCHPOINTS) {
    Diag *d = diag_add_global(diags, D_RENDER_COLLAPSED,
                              "%zu touchpoints: the flow view shows one node per stage (laying out"
                              " more than %d touchpoints one by one takes too long)",
                              sel->ntouch_on, RENDER_FLOW_MAX_TOUCHPOINTS);
    diag_help(diags, d, "use --stage to draw a few stages in full, or --view map");
    put_collapsed(&c);
  } else {
    for (size_t s = 0; s < m->stages.len; s++)
      if (sel->stage_on[s]) put_stage(&c, m->stages.items[s]);
    put_outcomes(&c);
    put_barriers(&c);
    for (size_t i = 0; i < m->flows.len; i++)
      if (render_flow_on(sel, m->flows.items[i])) put_flow(&c, m->flows.items[i]);
  }
  put_header(&c); /* last: a root label set earlier would be inherited by the clusters */
  sb_puts(&sb, "}\n");
  return (RenderGraph){sb_str(&sb), sb.len, "dot"};
}
