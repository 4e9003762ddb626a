/* render_text.c — what both views share: which stages and touchpoints are drawn (--persona,
 * --stage), escaping of user text for DOT strings and HTML-like labels, line wrapping (Graphviz
 * never wraps, and the map's fixed-size cells must be sized before layout), and the colour
 * scales.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render.h"

void render_select_all(Arena *a, const Model *m, RenderSelection *sel) {
  memset(sel, 0, sizeof *sel);
  sel->stage_on = arena_alloc(a, (m->stages.len + 1) * sizeof *sel->stage_on);
  sel->touch_on = arena_alloc(a, (m->touchpoints.len + 1) * sizeof *sel->touch_on);
  for (size_t i = 0; i < m->stages.len; i++) sel->stage_on[i] = true;
  for (size_t i = 0; i < m->touchpoints.len; i++)
    sel->touch_on[i] = m->touchpoints.items[i]->stage != NULL;
  sel->nstages_on = m->stages.len;
  for (size_t i = 0; i < m->touchpoints.len; i++) sel->ntouch_on += sel->touch_on[i];
}

static void recount(const Model *m, RenderSelection *sel) {
  sel->nstages_on = sel->ntouch_on = 0;
  for (size_t i = 0; i < m->stages.len; i++) sel->nstages_on += sel->stage_on[i];
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    const Touchpoint *t = m->touchpoints.items[i];
    if (sel->touch_on[i] && !(t->stage && sel->stage_on[t->stage->e.index]))
      sel->touch_on[i] = false;
    sel->ntouch_on += sel->touch_on[i];
  }
}

bool render_touch_has_persona(const Touchpoint *t, const Persona *p) {
  if (t->npersonas == 0) return true; /* no persona listed: every persona lives it */
  for (size_t i = 0; i < t->npersonas; i++)
    if (t->personas[i] == p) return true;
  return false;
}

void render_select_persona(const Model *m, RenderSelection *sel, const Persona *p) {
  sel->persona = p;
  for (size_t i = 0; i < m->touchpoints.len; i++)
    if (!render_touch_has_persona(m->touchpoints.items[i], p)) sel->touch_on[i] = false;
  recount(m, sel);
}

void render_select_stages(const Model *m, RenderSelection *sel, const Stage *const *stages,
                          size_t n) {
  for (size_t i = 0; i < m->stages.len; i++) sel->stage_on[i] = false;
  for (size_t i = 0; i < n; i++) sel->stage_on[stages[i]->e.index] = true;
  recount(m, sel);
}

bool render_flow_on(const RenderSelection *sel, const Flow *f) {
  if (!f->from || !f->to || !sel->touch_on[f->from->e.index]) return false;
  if (sel->persona && f->persona && f->persona != sel->persona) return false;
  if (f->to->kind == EK_TOUCHPOINT) return sel->touch_on[f->to->index];
  return f->to->kind == EK_OUTCOME;
}

bool render_has_tag(const Entity *e, const char *tag) {
  for (size_t i = 0; i < e->ntags; i++)
    if (e->tags[i].text && strcmp(e->tags[i].text, tag) == 0) return true;
  return false;
}

/* ---- escaping ---- */

/* A C1 control character (U+0080–U+009F, two bytes in UTF-8) at p: a terminal that shows the DOT
 * text may obey it (U+009B starts an escape sequence), and a picture has no use for it. It is
 * drawn as a space, like the C0 controls. */
static bool is_c1(const char *p) {
  return (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9F;
}

void render_put_dot_string(StrBuf *sb, const char *s) {
  sb_putc(sb, '"');
  for (const char *p = s ? s : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"')
      sb_puts(sb, "\\\"");
    else if (c == '\\')
      sb_puts(sb, "\\\\");
    else if (c == '\n')
      sb_puts(sb, "\\n"); /* Graphviz's own line break */
    else if (c < 0x20 || c == 0x7f)
      sb_putc(sb, ' ');
    else if (is_c1(p))
      sb_putc(sb, ' '), p++;
    else
      sb_putc(sb, (char)c);
  }
  sb_putc(sb, '"');
}

void render_put_dot_tooltip(StrBuf *sb, const char *s) {
  StrBuf tmp;
  sb_init(&tmp, sb->arena);
  for (const char *p = s ? s : ""; *p; p++) {
    sb_putc(&tmp, *p);
    /* Graphviz reads a tooltip twice: once for \n-style escapes (a doubled backslash becomes
     * one) and then for \N, \G, \E, \H, \T, \L, which no escape can protect. A word joiner
     * (U+2060, invisible) between the backslash and such a letter keeps it literal. */
    if (*p == '\\' && p[1] && strchr("NGEHTL", p[1])) sb_puts(&tmp, "\xe2\x81\xa0");
  }
  render_put_dot_string(sb, sb_str(&tmp));
}

static bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/* The byte length of the first line of s when lines hold at most width characters (code
 * points): broken at the last space that fits, at a newline, or inside a word too long for a
 * line. *next is where the following line starts (spaces at the break skipped). */
static size_t line_length(const char *s, size_t width, const char **next) {
  size_t chars = 0, last_space = (size_t)-1, i = 0;
  for (; s[i]; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') {
      *next = s + i + 1;
      return i;
    }
    if (is_continuation(c)) continue;
    if (width && chars == width) {
      size_t cut = c == ' ' || last_space == (size_t)-1 ? i : last_space;
      const char *rest = s + cut;
      while (*rest == ' ') rest++;
      *next = rest;
      return cut;
    }
    if (c == ' ') last_space = i;
    chars++;
  }
  *next = s + i;
  return i;
}

size_t render_count_lines(const char *s, size_t width) {
  if (!s || !*s) return 0;
  size_t n = 0;
  for (const char *p = s; *p;) {
    const char *next;
    line_length(p, width, &next);
    n++;
    p = next;
  }
  return n;
}

static void put_html_run(StrBuf *sb, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '&': sb_puts(sb, "&amp;"); break;
    case '<': sb_puts(sb, "&lt;"); break;
    case '>': sb_puts(sb, "&gt;"); break;
    case '"': sb_puts(sb, "&quot;"); break;
    case '\'': sb_puts(sb, "&#39;"); break;
    case '\\': sb_puts(sb, "\\\\"); break; /* HTML text still goes through \N substitution */
    default:
      if (c < 0x20 || c == 0x7f)
        sb_putc(sb, ' '); /* XML 1.0 has no place for control characters */
      else if (i + 1 < n && is_c1(s + i))
        sb_putc(sb, ' '), i++;
      else
        sb_putc(sb, (char)c);
    }
  }
}

void render_put_html(StrBuf *sb, const char *s, size_t width) {
  if (!s) return;
  bool first = true;
  for (const char *p = s; *p;) {
    const char *next;
    size_t n = line_length(p, width, &next);
    if (!first) sb_puts(sb, "<BR/>");
    put_html_run(sb, p, n);
    first = false;
    p = next;
  }
}

/* ---- colours and numbers ---- */

/* ColorBrewer PiYG, 7 classes, one per emotion step -3..+3. PiYG is one of the diverging
 * schemes ColorBrewer marks as safe for colour-blind readers (red–green ones are not). */
static const char *const EMOTION_COLORS[7] = {"#c51b7d", "#e9a3c9", "#fde0ef", "#f7f7f7",
                                              "#e6f5d0", "#a1d76a", "#4d9221"};

static int emotion_class(double emotion) {
  long k = lround(emotion);
  if (k < -3) k = -3;
  if (k > 3) k = 3;
  return (int)k + 3;
}

const char *render_emotion_color(double emotion) { return EMOTION_COLORS[emotion_class(emotion)]; }

bool render_emotion_dark(double emotion) {
  int k = emotion_class(emotion);
  return k == 0 || k == 6;
}

/* Orange to dark red: severity 1..5 (ColorBrewer OrRd-5, also colour-blind safe). */
const char *render_severity_color(int severity) {
  static const char *const C[5] = {"#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"};
  if (severity < 1) severity = 1;
  if (severity > 5) severity = 5;
  return C[severity - 1];
}

const char *render_format_score(Arena *a, double v) {
  if (v == 0) return "0";
  if (v == floor(v)) return arena_printf(a, "%+.0f", v);
  return arena_printf(a, "%+.1f", v);
}

const char *render_format_percent(Arena *a, double v) {
  double pct = v * 100;
  if (fabs(pct - round(pct)) < 1e-9) return arena_printf(a, "%.0f%%", pct);
  return arena_printf(a, "%.1f%%", pct);
}

const char *render_persona_color(size_t i) {
  static const char *const C[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                  "#e69f00", "#56b4e9", "#000000"};
  return C[i % (sizeof C / sizeof C[0])];
}

/* Replaces the 14 digits of `KEY (D:YYYYMMDDHHmmSS` wherever KEY occurs. */
static void pin_key(char *pdf, size_t len, const char *key, const char *digits) {
  size_t klen = strlen(key);
  for (size_t i = 0; i + klen + 4 + 14 <= len; i++) {
    if (memcmp(pdf + i, key, klen) != 0 || memcmp(pdf + i + klen, " (D:", 4) != 0) continue;
    char *d = pdf + i + klen + 4;
    size_t n = 0;
    while (n < 14 && d[n] >= '0' && d[n] <= '9') n++;
    if (n == 14) memcpy(d, digits, 14);
  }
}

void render_pin_pdf_dates(char *pdf, size_t len, Date date) {
  char digits[32];
  snprintf(digits, sizeof digits, "%04u%02u%02u000000", (unsigned)date.year % 10000u,
           (unsigned)date.month % 100u, (unsigned)date.day % 100u);
  pin_key(pdf, len, "/CreationDate", digits);
  pin_key(pdf, len, "/ModDate", digits);
}
