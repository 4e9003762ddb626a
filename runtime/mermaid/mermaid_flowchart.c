/* mermaid_flowchart.c — `jny export --format mermaid-flowchart`: the flow view as a Mermaid
 * flowchart, for pages that render Mermaid (GitHub, GitLab, wikis). It is for reading: there
 * is no way back from it (the journey diagram is the one `jny import mermaid` reads).
 *
 * `flowchart LR`; a subgraph per stage (`1. Awareness`) in stage order with its touchpoints,
 * shaped by channel kind as in the flow view (rounded digital, hexagon physical, stadium human,
 * box without a channel) and filled by emotion on the flow view's PiYG scale, each labelled
 * with its name and a line of emotion, reach and pains in words, so that colour is never the
 * only carrier; an Outcomes subgraph with ✓ success and ✗ failure; every flow an edge labelled
 * with its rate as written (or in parentheses the share it gets), volume, label and persona,
 * dashed when it goes back, red into a failure and green into a success.
 *
 * Node ids are the jny ids behind a prefix (`t_`, `o_`, `s_`): a bare id such as `end` would
 * end a subgraph, and `o`/`x` after `--` would make an arrowhead. Labels are quoted, with
 * Mermaid's entity codes for `"` `#` `<` `>` `&` `%` and a leading backtick (which would start a
 * Markdown string).
 */
#include <string.h>

#include "mermaid.h"
#include "reach.h"
#include "render.h"

typedef struct Chart {
  StrBuf *out;
  Arena *a;
  const Model *m;
  EvalCtx *ev;
} Chart;

/* Text inside a quoted Mermaid label; line breaks become <br/>. */
static void put_label_text(StrBuf *sb, const char *s) {
  for (const char *p = s ? s : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"')
      sb_puts(sb, "#quot;");
    else if (c == '#')
      sb_puts(sb, "#35;");
    else if (c == '<')
      sb_puts(sb, "#lt;");
    else if (c == '>')
      sb_puts(sb, "#gt;");
    else if (c == '&')
      sb_puts(sb, "#amp;");
    else if (c == '%' && (p[1] == '%' || (p > s && p[-1] == '%')))
      sb_puts(sb, "#37;"); /* `%%{…}%%` would be read as a directive */
    else if (c == '`' && p == s)
      sb_puts(sb, "#96;");
    else if (c == '\n')
      sb_puts(sb, "<br/>");
    else if (c < 0x20 || c == 0x7f)
      sb_putc(sb, ' ');
    else if (c == 0xC2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9F)
      sb_putc(sb, ' '), p++;
    else
      sb_putc(sb, (char)c);
  }
}

static void put_label(StrBuf *sb, const char *open, const char *s, const char *close) {
  sb_puts(sb, open);
  sb_putc(sb, '"');
  put_label_text(sb, s);
  sb_putc(sb, '"');
  sb_puts(sb, close);
}

/* The second line of a touchpoint: emotion, reach and pains in words. */
static const char *touch_details(Chart *c, const Touchpoint *t) {
  StrBuf sb;
  sb_init(&sb, c->a);
  if (t->has_emotion) {
    sb_printf(&sb, "emotion %s", render_format_score(c->a, t->emotion));
    if (t->emotion_label) sb_printf(&sb, " %s", t->emotion_label);
  }
  double r;
  if (reach_value(c->ev, &t->e, NULL, &r))
    sb_printf(&sb, "%sreach %s", sb.len ? " · " : "", render_format_percent(c->a, r));
  if (t->npains) {
    int worst = 0;
    for (size_t i = 0; i < t->npains; i++)
      if (t->pains[i]->severity > worst) worst = t->pains[i]->severity;
    sb_printf(&sb, "%s\xe2\x9a\xa0 %zu pain%s, worst %d/5", sb.len ? " · " : "", t->npains,
              t->npains == 1 ? "" : "s", worst);
  }
  return sb_str(&sb);
}

static void put_touchpoint(Chart *c, const Touchpoint *t) {
  static const char *const OPEN[] = {"[", "(", "{{", "(["}; /* by ChannelKind */
  static const char *const CLOSE[] = {"]", ")", "}}", "])"};
  ChannelKind k = t->channel ? t->channel->channel_kind : CHANNEL_UNSET;
  const char *details = touch_details(c, t);
  const char *label =
      *details ? arena_printf(c->a, "%s\n%s", t->e.name, details) : arena_strdup(c->a, t->e.name);
  sb_printf(c->out, "    t_%s", t->e.id);
  put_label(c->out, OPEN[k], label, CLOSE[k]);
  sb_putc(c->out, '\n');
}

/* A flow goes back when it ends in an earlier stage, or earlier in its own stage. */
static bool goes_back(const Flow *f) {
  if (f->to->kind != EK_TOUCHPOINT) return false;
  const Touchpoint *to = (const Touchpoint *)f->to;
  return to->stage->order < f->from->stage->order ||
         (to->stage == f->from->stage && f->to->index <= f->from->e.index);
}

static const char *flow_label(Chart *c, const Flow *f) {
  StrBuf sb;
  sb_init(&sb, c->a);
  double share;
  if (f->has_rate)
    sb_puts(&sb, render_format_percent(c->a, f->rate));
  else if (reach_flow_share(c->ev, f, NULL, &share))
    sb_printf(&sb, "(%s)", render_format_percent(c->a, share));
  if (f->has_volume) sb_printf(&sb, "%s%g", sb.len ? "  " : "", f->volume);
  if (f->label) sb_printf(&sb, "%s%s", sb.len ? "\n" : "", f->label);
  if (f->persona) sb_printf(&sb, "%s(%s)", sb.len ? "\n" : "", f->persona->e.name);
  return sb_str(&sb);
}

/* Every flow as an edge; the colours of those into outcomes by index (linkStyle). */
static void put_flows(Chart *c) {
  StrBuf success, failure;
  sb_init(&success, c->a);
  sb_init(&failure, c->a);
  size_t n = 0;
  for (size_t i = 0; i < c->m->flows.len; i++) {
    const Flow *f = c->m->flows.items[i];
    if (!f->from || !f->to || !f->from->stage) continue;
    bool outcome = f->to->kind == EK_OUTCOME;
    sb_printf(c->out, "  t_%s %s", f->from->e.id, goes_back(f) ? "-.->" : "-->");
    const char *label = flow_label(c, f);
    if (*label) put_label(c->out, "|", label, "|");
    sb_printf(c->out, " %s_%s\n", outcome ? "o" : "t", f->to->id);
    if (outcome) {
      StrBuf *list = c->m->outcomes.items[f->to->index]->success ? &success : &failure;
      sb_printf(list, "%s%zu", list->len ? "," : "", n);
    }
    n++;
  }
  if (success.len) sb_printf(c->out, "  linkStyle %s stroke:#1b7837,color:#1b7837\n", success.data);
  if (failure.len) sb_printf(c->out, "  linkStyle %s stroke:#b2182b,color:#b2182b\n", failure.data);
}

/* One class per emotion colour used, and the touchpoints of each. */
static void put_emotion_classes(Chart *c) {
  const Model *m = c->m;
  const char **color = arena_alloc(c->a, (m->touchpoints.len + 1) * sizeof *color);
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    const Touchpoint *t = m->touchpoints.items[i];
    color[i] = t->has_emotion && t->stage ? render_emotion_color(t->emotion) : NULL;
  }
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    if (!color[i]) continue;
    const Touchpoint *t = m->touchpoints.items[i];
    const char *fill = color[i];
    sb_printf(c->out, "  classDef e_%s fill:%s,color:%s,stroke:#4d4d4d\n", fill + 1, fill,
              render_emotion_dark(t->emotion) ? "#ffffff" : "#000000");
    sb_printf(c->out, "  class t_%s", t->e.id);
    for (size_t k = i + 1; k < m->touchpoints.len; k++)
      if (color[k] && strcmp(color[k], fill) == 0) {
        sb_printf(c->out, ",t_%s", m->touchpoints.items[k]->e.id);
        color[k] = NULL;
      }
    sb_printf(c->out, " e_%s\n", fill + 1);
  }
}

/* A YAML double-quoted string for the front matter's title. */
static void put_yaml_string(StrBuf *sb, const char *s) {
  sb_putc(sb, '"');
  for (const char *p = s; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch == '"' || ch == '\\')
      sb_printf(sb, "\\%c", ch);
    else if (ch < 0x20 || ch == 0x7f)
      sb_putc(sb, ' ');
    else
      sb_putc(sb, (char)ch);
  }
  sb_putc(sb, '"');
}

void mermaid_export_flowchart(StrBuf *out, EvalCtx *ev, const Model *m, const char *origin,
                              DiagList *diags) {
  (void)diags; /* every name fits a quoted label: nothing to warn of */
  Chart c = {out, m->arena, m, ev};
  bool changed;
  if (m->journey) {
    sb_puts(out, "---\ntitle: ");
    put_yaml_string(out, mermaid_fit(c.a, m->journey->e.name, MM_DESCR, &changed));
    sb_puts(out, "\n---\n");
  }
  sb_printf(out, "%%%% The flow of %s as a Mermaid flowchart, written by jny.\n",
            mermaid_fit(c.a, origin, MM_DESCR, &changed));
  sb_puts(out, "flowchart LR\n");
  if (m->journey && m->journey->e.description)
    sb_printf(out, "  accDescr: %s\n",
              mermaid_fit(c.a, m->journey->e.description, MM_DESCR, &changed));
  for (size_t s = 0; s < m->stages.len; s++) {
    const Stage *st = m->stages.items[s];
    sb_printf(out, "  subgraph s_%s", st->e.id);
    put_label(out, "[", arena_printf(c.a, "%zu. %s", s + 1, st->e.name), "]\n");
    for (size_t i = 0; i < m->touchpoints.len; i++)
      if (m->touchpoints.items[i]->stage == st) put_touchpoint(&c, m->touchpoints.items[i]);
    sb_puts(out, "  end\n");
  }
  if (m->outcomes.len) {
    sb_puts(out, "  subgraph outcomes[\"Outcomes\"]\n");
    for (size_t i = 0; i < m->outcomes.len; i++) {
      const Outcome *o = m->outcomes.items[i];
      sb_printf(out, "    o_%s", o->e.id);
      const char *mark = o->success ? "\xe2\x9c\x93 " : "\xe2\x9c\x97 "; /* ✓ ✗ */
      double r;
      const char *label =
          reach_value(ev, &o->e, NULL, &r)
              ? arena_printf(c.a, "%s%s\nreach %s", mark, o->e.name, render_format_percent(c.a, r))
              : arena_printf(c.a, "%s%s", mark, o->e.name);
      put_label(out, "([", label, "])");
      sb_printf(out, ":::%s\n", o->success ? "success" : "failure");
    }
    sb_puts(out, "  end\n");
  }
  put_flows(&c);
  put_emotion_classes(&c);
  sb_puts(out, "  classDef success fill:#a6dba0,color:#000000,stroke:#1b7837\n"
               "  classDef failure fill:#f4a582,color:#000000,stroke:#b2182b\n");
}
