/* diag_render.c — diagnostics as text (see diag_render.h; JSON and SARIF are diag_json.c).
 *
 * The last step of every command: the DiagList the pipeline filled is turned into what a person
 * reads in a terminal or an editor's problem matcher parses, or into JSON for tools. Columns
 * count code points, as in source.h; the caret line reproduces tabs so that it lines up with
 * the echoed source whatever the terminal's tab width.
 */
#include "diag_render.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Terminals put tab stops every 8 columns; used only to widen carets under a tab in a span. */
enum { TAB_STOP = 8 };
/* When a long line is cut, the window starts about this many columns before the span, and the
 * span keeps at least WINDOW_ROOM columns of room before the window's end. */
enum { WINDOW_LEAD = 50, WINDOW_ROOM = 30 };
/* Left margin before the line number in an excerpt: "   41 | ". */
enum { GUTTER_INDENT = 3 };

#define CP_INVALID 0xFFFFFFFFu

#define ESC_RESET "\x1b[0m"
#define ESC_BOLD "\x1b[1m"
#define ESC_NOTE "\x1b[1;36m"

static const char *sev_color(Severity sev) {
  switch (sev) {
  case SEV_ERROR: return "\x1b[1;31m";
  case SEV_WARNING: return "\x1b[1;33m";
  case SEV_INFO: return "\x1b[1;36m";
  }
  return "\x1b[1;31m";
}

/* ---- UTF-8 and visible escapes ---------------------------------------------------------- */

/* Decodes the code point at p (n bytes available). Returns its length; an invalid or truncated
 * sequence yields CP_INVALID and length 1, so that every byte is accounted for. */
static uint32_t utf8_next(const unsigned char *p, size_t n, unsigned *cp) {
  unsigned c = p[0], v, min;
  uint32_t len;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, v = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, v = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, v = c & 0x07, min = 0x10000;
  else
    len = 0, v = 0, min = 0;
  if (len == 0 || n < len) {
    *cp = CP_INVALID;
    return 1;
  }
  for (uint32_t i = 1; i < len; i++) {
    if ((p[i] & 0xC0) != 0x80) {
      *cp = CP_INVALID;
      return 1;
    }
    v = (v << 6) | (p[i] & 0x3F);
  }
  bool bad = v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF);
  *cp = bad ? CP_INVALID : v;
  return bad ? 1 : len;
}

/* Characters that reorder the text around them (Trojan Source) or end a line in some
 * terminals; shown escaped so that what a person reads is what the file holds. */
static bool is_invisible_control(unsigned cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
         cp == 0x2029;
}

/* The visible form of a character that must not be written raw, in buf; returns its length, or
 * 0 when the character is shown as itself. `byte` is the raw byte for an invalid sequence. */
static size_t escape_text(unsigned cp, unsigned char byte, char buf[16]) {
  int n = 0;
  if (cp == CP_INVALID)
    n = snprintf(buf, 16, "\\x%02x", byte);
  else if (cp == '\t')
    n = 0;
  else if (cp == '\n')
    n = snprintf(buf, 16, "\\n");
  else if (cp == '\r')
    n = snprintf(buf, 16, "\\r");
  else if (cp < 0x20 || cp == 0x7F)
    n = snprintf(buf, 16, "\\x%02x", cp);
  else if (is_invisible_control(cp))
    n = snprintf(buf, 16, "\\u{%x}", cp);
  return n > 0 ? (size_t)n : 0;
}

/* Appends one character (len bytes at p) in its visible form. */
static void put_unit(StrBuf *out, const char *p, uint32_t len, unsigned cp) {
  char buf[16];
  size_t n = escape_text(cp, (unsigned char)p[0], buf);
  if (n)
    sb_add(out, buf, n);
  else
    sb_add(out, p, len);
}

/* How many terminal columns a character takes once escaped; tabs are handled by the caller. */
static unsigned unit_width(const char *p, unsigned cp) {
  char buf[16];
  size_t n = escape_text(cp, (unsigned char)p[0], buf);
  return n ? (unsigned)n : 1;
}

void diag_escape(StrBuf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned cp;
    uint32_t len = utf8_next((const unsigned char *)s + i, n - i, &cp);
    put_unit(out, s + i, len, cp);
    i += len;
  }
}

void diag_valid_utf8(StrBuf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned cp;
    uint32_t len = utf8_next((const unsigned char *)s + i, n - i, &cp);
    if (cp == CP_INVALID)
      sb_puts(out, "\xEF\xBF\xBD"); /* U+FFFD */
    else
      sb_add(out, s + i, len);
    i += len;
  }
}

static void put_escaped(StrBuf *out, const char *s) { diag_escape(out, s, strlen(s)); }

/* ---- locating a span -------------------------------------------------------------------- */

/* A span made ready for printing: its source, line:column, and the line's bytes with the span
 * clipped to that line. */
typedef struct Excerpt {
  const Source *src;
  LineCol at;
  const char *line; /* the line's text, without its newline */
  uint32_t len;
  uint32_t from; /* first byte shown: skips a byte-order mark on line 1 */
  uint32_t s, e; /* the span within the line, from <= s <= e <= len */
  uint32_t end_offset;
} Excerpt;

/* Clamps the span into its source, so a stage's off-by-one never reads outside the text. */
static bool locate(const SourceSet *set, bool has_span, Span span, Excerpt *x) {
  if (!has_span || !set) return false;
  const Source *src = source_get(set, span.file);
  if (!src || !src->text) return false;
  uint32_t start = span.start > src->len ? src->len : span.start;
  uint32_t end = span.end > src->len ? src->len : span.end;
  if (end < start) end = start;
  x->src = src;
  x->at = source_line_col(src, start);
  x->line = source_line_text(src, x->at.line, &x->len);
  uint32_t base = (uint32_t)(x->line - src->text);
  x->from = (base == 0 && x->len >= 3 && memcmp(x->line, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  x->s = start - base;
  x->e = end - base;
  if (x->s > x->len) x->s = x->len; /* on the \r of a CRLF line end */
  if (x->s < x->from) x->s = x->from;
  if (x->e > x->len) x->e = x->len; /* runs past the line: underline to its end */
  if (x->e < x->s) x->e = x->s;
  x->end_offset = end;
  return true;
}

static unsigned digits(uint32_t n) {
  unsigned d = 1;
  while (n >= 10) n /= 10, d++;
  return d;
}

/* ---- text ------------------------------------------------------------------------------- */

static void put_spaces(StrBuf *out, unsigned n) {
  while (n--) sb_putc(out, ' ');
}

static void put_location(StrBuf *out, const Excerpt *x) {
  put_escaped(out, x->src->name);
  sb_printf(out, ":%u:%u: ", (unsigned)x->at.line, (unsigned)x->at.col);
}

/* The first line: `file:line:col: label[CODE]: message`, or `jny: label[CODE]: message`. */
static void put_head(StrBuf *out, const Excerpt *x, const char *label, const char *code,
                     const char *label_color, const char *message, bool color) {
  if (color) sb_puts(out, ESC_BOLD);
  if (x)
    put_location(out, x);
  else
    sb_puts(out, "jny: ");
  if (color) sb_puts(out, label_color);
  sb_puts(out, label);
  if (code) sb_printf(out, "[%s]", code);
  if (color) sb_puts(out, ESC_RESET ESC_BOLD);
  sb_puts(out, ": ");
  put_escaped(out, message);
  if (color) sb_puts(out, ESC_RESET);
  sb_putc(out, '\n');
}

/* The columns the character at pos takes once shown (a tab counted as a whole tab stop, the
 * most it can take), and its length in *len. */
static unsigned width_at(const Excerpt *x, uint32_t pos, uint32_t *len) {
  unsigned cp;
  *len = utf8_next((const unsigned char *)x->line + pos, x->len - pos, &cp);
  return cp == '\t' ? TAB_STOP : unit_width(x->line + pos, cp);
}

static size_t width_between(const Excerpt *x, uint32_t pos, uint32_t limit) {
  size_t w = 0;
  uint32_t len;
  for (; pos < limit; pos += len) w += width_at(x, pos, &len);
  return w;
}

/* The byte position after as many whole characters from pos as fit in `columns`. */
static uint32_t advance_columns(const Excerpt *x, uint32_t pos, size_t columns) {
  uint32_t len;
  while (pos < x->len) {
    unsigned w = width_at(x, pos, &len);
    if (w > columns) break;
    columns -= w;
    pos += len;
  }
  return pos;
}

/* The shown part of a line: all of it, or a window of about DIAG_RENDER_MAX_LINE columns that
 * keeps the start of the span in view (escaped bytes count as the columns they take). */
typedef struct Window {
  uint32_t from, to; /* bytes shown */
  bool cut_left, cut_right;
} Window;

static Window window_for(const Excerpt *x) {
  size_t before = width_between(x, x->from, x->s);
  Window w;
  w.from = x->from;
  if (before + WINDOW_ROOM > DIAG_RENDER_MAX_LINE)
    w.from = advance_columns(x, x->from, before - WINDOW_LEAD);
  w.to = advance_columns(x, w.from, DIAG_RENDER_MAX_LINE);
  if (w.to < x->s) w.to = x->s; /* never cut before the span (one very wide character) */
  w.cut_left = w.from > x->from;
  w.cut_right = w.to < x->len;
  return w;
}

static void put_source_row(StrBuf *out, const Excerpt *x, const Window *w, unsigned width) {
  sb_printf(out, "%*s%*u |", GUTTER_INDENT, "", (int)width, (unsigned)x->at.line);
  if (w->from == w->to && !w->cut_left) {
    sb_putc(out, '\n');
    return;
  }
  sb_putc(out, ' ');
  if (w->cut_left) sb_puts(out, "...");
  for (uint32_t pos = w->from; pos < w->to;) {
    unsigned cp;
    uint32_t len = utf8_next((const unsigned char *)x->line + pos, x->len - pos, &cp);
    put_unit(out, x->line + pos, len, cp);
    pos += len;
  }
  if (w->cut_right) sb_puts(out, "...");
  sb_putc(out, '\n');
}

/* The caret row: blanks (tabs kept as tabs) up to the span, then one '^' per column of each
 * character of the span within the window; at least one caret, for an empty span. */
static void put_caret_row(StrBuf *out, const Excerpt *x, const Window *w, unsigned width,
                          const char *caret_color) {
  unsigned col = GUTTER_INDENT + width + 3;
  put_spaces(out, GUTTER_INDENT + width);
  sb_puts(out, " | ");
  if (w->cut_left) put_spaces(out, 3), col += 3;
  uint32_t pos = w->from;
  while (pos < x->s) {
    unsigned cp;
    uint32_t len = utf8_next((const unsigned char *)x->line + pos, x->len - pos, &cp);
    unsigned n = cp == '\t' ? TAB_STOP - col % TAB_STOP : unit_width(x->line + pos, cp);
    if (cp == '\t')
      sb_putc(out, '\t');
    else
      put_spaces(out, n);
    col += n;
    pos += len;
  }
  if (caret_color) sb_puts(out, caret_color);
  unsigned carets = 0;
  uint32_t stop = x->e < w->to ? x->e : w->to;
  while (pos < stop) {
    unsigned cp;
    uint32_t len = utf8_next((const unsigned char *)x->line + pos, x->len - pos, &cp);
    unsigned n = cp == '\t' ? TAB_STOP - col % TAB_STOP : unit_width(x->line + pos, cp);
    for (unsigned i = 0; i < n; i++) sb_putc(out, '^');
    carets += n, col += n, pos += len;
  }
  if (carets == 0) sb_putc(out, '^');
  if (caret_color) sb_puts(out, ESC_RESET);
  sb_putc(out, '\n');
}

static void put_excerpt(StrBuf *out, const Excerpt *x, unsigned width, const char *caret_color) {
  Window w = window_for(x);
  put_source_row(out, x, &w, width);
  put_caret_row(out, x, &w, width, caret_color);
}

/* `= note: …` and `= help: …`, with the '=' under the excerpt's '|' when there is one. */
static void put_aside(StrBuf *out, int width, const char *label, const char *message, bool color) {
  put_spaces(out, GUTTER_INDENT + (width > 0 ? (unsigned)width + 1 : 0));
  if (color) sb_puts(out, ESC_BOLD);
  sb_printf(out, "= %s:", label);
  if (color) sb_puts(out, ESC_RESET);
  sb_putc(out, ' ');
  put_escaped(out, message);
  sb_putc(out, '\n');
}

/* The width of the line-number column: the widest line number this diagnostic shows, so that
 * every '|' and '=' of one diagnostic lines up. 0 when it shows no excerpt. */
static int gutter_width(const SourceSet *sources, const Diag *d) {
  Excerpt x;
  unsigned w = 0;
  if (locate(sources, d->has_span, d->span, &x) && digits(x.at.line) > w) w = digits(x.at.line);
  for (size_t i = 0; i < d->nnotes; i++)
    if (locate(sources, d->notes[i].has_span, d->notes[i].span, &x) && digits(x.at.line) > w)
      w = digits(x.at.line);
  return (int)w;
}

void diag_render_text(StrBuf *out, const SourceSet *sources, const Diag *d,
                      const DiagRenderOptions *opt) {
  bool color = opt && opt->color;
  int width = gutter_width(sources, d);
  Excerpt x;
  bool located = locate(sources, d->has_span, d->span, &x);
  const char *sev = sev_color(d->severity);
  put_head(out, located ? &x : NULL, diag_severity_str(d->severity), diag_code_str(d->code), sev,
           d->message ? d->message : "", color);
  if (located) put_excerpt(out, &x, (unsigned)width, color ? sev : NULL);
  for (size_t i = 0; i < d->nnotes; i++) {
    const DiagNote *n = &d->notes[i];
    const char *msg = n->message ? n->message : "";
    Excerpt nx;
    if (locate(sources, n->has_span, n->span, &nx)) {
      put_head(out, &nx, "note", NULL, ESC_NOTE, msg, color);
      put_excerpt(out, &nx, (unsigned)width, color ? ESC_NOTE : NULL);
    } else {
      put_aside(out, width, "note", msg, color);
    }
  }
  if (d->help) put_aside(out, width, "help", d->help, color);
}

static void put_count(StrBuf *out, bool *first, size_t n, const char *one, const char *many) {
  if (n == 0) return;
  sb_printf(out, "%s%zu %s", *first ? "" : ", ", n, n == 1 ? one : many);
  *first = false;
}

void diag_render_summary(StrBuf *out, const DiagList *list, size_t nfiles,
                         const DiagRenderOptions *opt) {
  bool color = opt && opt->color;
  bool first = true;
  if (color) sb_puts(out, ESC_BOLD);
  put_count(out, &first, list->errors, "error", "errors");
  put_count(out, &first, list->warnings, "warning", "warnings");
  put_count(out, &first, list->infos, "info", "infos");
  if (first) sb_puts(out, "no problems");
  sb_printf(out, " in %zu %s", nfiles, nfiles == 1 ? "file" : "files");
  if (color) sb_puts(out, ESC_RESET);
  sb_putc(out, '\n');
}

bool diag_place(const SourceSet *sources, bool has_span, Span span, DiagPlace *out) {
  Excerpt x;
  if (!locate(sources, has_span, span, &x)) return false;
  LineCol end = source_line_col(x.src, x.end_offset);
  *out = (DiagPlace){x.src->name, x.at.line, x.at.col,
                     end.line,    end.col,   span.start > x.src->len ? x.src->len : span.start,
                     x.end_offset};
  return true;
}
