/* mermaid_read.c — the first half of `jny import mermaid`: a Mermaid `journey` diagram read
 * line by line into a MermaidDoc (mermaid_impl.h). mermaid_import.c makes the .jny text.
 *
 * The grammar is Mermaid 11's (../shared/notes/sharing.md §4): front matter between `---`
 * lines; `%%` comments (and `%%{…}%%` directives, ignored); the word `journey` first; then
 * statements, split by `;` and ended by a `#` comment: `title TEXT`, `accTitle: TEXT`,
 * `accDescr: TEXT` or `accDescr { … }` (these two take the rest of the line, `#` and `;`
 * included), `section NAME`, and tasks `NAME: SCORE[: ACTOR, ACTOR…]`. Mermaid takes any score
 * (it draws 9 off the chart); jny takes a number from 1 to 5 (E0803). Everything else is an
 * error at its line and column, E0801 when the text is not a journey at all.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mermaid_impl.h"

Span mermaid_span(const MermaidDoc *doc, uint32_t at, size_t len) {
  uint32_t end = at + (uint32_t)(len ? len : 1);
  if (end > doc->src->len) end = doc->src->len;
  return span_make(doc->file, at, end < at ? at : end);
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }
static bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* [p, end) without outer blanks. */
static MmText trimmed(const MermaidDoc *doc, const char *p, const char *end) {
  while (p < end && is_blank(*p)) p++;
  while (end > p && is_blank(end[-1])) end--;
  return (MmText){p, (size_t)(end - p), (uint32_t)(p - doc->src->text)};
}

/* The word `w` at p, followed by a non-word character (or the end). */
static bool word_at(const char *p, const char *end, const char *w) {
  size_t n = strlen(w);
  return (size_t)(end - p) >= n && memcmp(p, w, n) == 0 && (p + n == end || !is_word(p[n]));
}

static void error_at(MermaidDoc *doc, DiagCode code, const char *at, size_t len, const char *help,
                     const char *fmt, const char *arg) {
  Diag *d =
      diag_add(doc->diags, code, mermaid_span(doc, (uint32_t)(at - doc->src->text), len), fmt, arg);
  if (help) diag_help(doc->diags, d, "%s", help);
}

bool mermaid_decode_string(Arena *a, const char *s, size_t n, const char **out, size_t *end) {
  if (n == 0 || s[0] != '"') return false;
  StrBuf sb;
  sb_init(&sb, a);
  for (size_t i = 1; i < n; i++) {
    char c = s[i];
    if (c == '"') {
      *out = sb_str(&sb);
      *end = i + 1;
      return true;
    }
    if (c != '\\') {
      sb_putc(&sb, c);
      continue;
    }
    if (++i >= n) return false;
    const char *simple = strchr("\"\\ntr{}", s[i]);
    if (simple && s[i]) {
      static const char OUT[] = "\"\\\n\t\r{}";
      sb_putc(&sb, OUT[simple - "\"\\ntr{}"]);
    } else if (s[i] == 'u' && i + 1 < n && s[i + 1] == '{') {
      char *stop;
      unsigned long cp = strtoul(s + i + 2, &stop, 16);
      if (stop == s + i + 2 || stop >= s + n || *stop != '}' || cp == 0 || cp > 0x10FFFF)
        return false;
      sb_utf8(&sb, (unsigned)cp);
      i = (size_t)(stop - s);
    } else {
      return false;
    }
  }
  return false; /* unterminated */
}

/* ---- the `%% jny` lines ---- */

typedef struct Reader {
  MermaidDoc *doc;
  MmSection *section;
  MmTask *task;       /* the last task, until the next section */
  MmJnyLine *last;    /* the last `%% jny` line, for `%% jny|` */
  bool after_section; /* a section was seen: `%% jny:` lines go to the tail */
} Reader;

static MmJnyLine *new_line(Reader *r, MmJnyLines *list, MmText first) {
  MmJnyLine *l = arena_alloc(r->doc->arena, sizeof *l);
  VEC_PUSH(r->doc->arena, l->pieces, first);
  VEC_PUSH(r->doc->arena, *list, l);
  return l;
}

/* The text after `:` or `|`, one blank skipped (the export writes one). */
static MmText line_text(const MermaidDoc *doc, const char *p, const char *end) {
  if (p < end && *p == ' ') p++;
  return (MmText){p, (size_t)(end - p), (uint32_t)(p - doc->src->text)};
}

static MmEntity *entity(Reader *r, MmKind kind, const char *id, uint32_t at) {
  MermaidDoc *doc = r->doc;
  MmEntity *e = symtab_get(doc->entities[kind], id);
  if (e) return e;
  e = arena_alloc(doc->arena, sizeof *e);
  *e = (MmEntity){.kind = kind, .id = id, .at = at};
  symtab_put(doc->entities[kind], id, e);
  if (kind == MM_PERSONA) VEC_PUSH(doc->arena, doc->personas, e);
  return e;
}

static const char *const KIND_WORDS[] = {"persona", "stage", "touchpoint"};

static const char BAD_JNY_HELP[] =
    "the `%% jny` lines are written by `jny export --format mermaid`: `%% jny: LINE`, "
    "`%% jny| LINE`, `%% jny journey \"NAME\"`, `%% jny KIND ID [\"NAME\" | std] [score N]` or "
    "`%% jny KIND ID: LINE`; write other notes as `%% text`";

/* `%% jny KIND ID …` after the kind word. */
static void entity_comment(Reader *r, MmKind kind, const char *p, const char *end) {
  MermaidDoc *doc = r->doc;
  while (p < end && is_blank(*p)) p++;
  const char *id = p;
  if (p < end && !(*p >= '0' && *p <= '9'))
    while (p < end && is_word(*p)) p++;
  if (p == id) {
    error_at(doc, D_MERMAID_JNY_LINE, id, 1, BAD_JNY_HELP, "expected the %s's id here",
             KIND_WORDS[kind]);
    return;
  }
  const char *ident = arena_strndup(doc->arena, id, (size_t)(p - id));
  MmEntity *e = entity(r, kind, ident, (uint32_t)(id - doc->src->text));
  while (p < end && is_blank(*p)) p++;
  if (p < end && *p == ':') { /* a line of its block */
    r->last = new_line(r, &e->lines, line_text(doc, p + 1, end));
    return;
  }
  r->last = NULL;
  if (e->bound || e->name || e->std) {
    error_at(doc, D_MERMAID_JNY_LINE, id, (size_t)(p - id), BAD_JNY_HELP,
             "a second header for '%s'", ident);
    return;
  }
  size_t used = 0;
  if (p < end && *p == '"') {
    if (!mermaid_decode_string(doc->arena, p, (size_t)(end - p), &e->name, &used)) {
      error_at(doc, D_MERMAID_JNY_LINE, p, (size_t)(end - p), BAD_JNY_HELP,
               "the name of '%s' is not a string jny can read", ident);
      return;
    }
  } else if (word_at(p, end, "std")) {
    e->std = true;
    used = 3;
  }
  p += used;
  while (p < end && is_blank(*p)) p++;
  if (kind == MM_TOUCHPOINT && word_at(p, end, "score")) {
    char *stop;
    e->score = strtod(arena_strndup(doc->arena, p + 5, (size_t)(end - p - 5)), &stop);
    e->has_score = true;
    while (*stop && is_blank(*stop)) stop++;
    p = *stop ? p : end;
  }
  MmText rest = trimmed(doc, p, end);
  if (rest.len) {
    error_at(doc, D_MERMAID_JNY_LINE, rest.text, rest.len, BAD_JNY_HELP,
             "unexpected text after the header of '%s'", ident);
    return;
  }
  /* A stage's header belongs to the section above it, a touchpoint's to the task above it;
   * one whose section or task was deleted is left out, with its lines. */
  if (kind == MM_STAGE && r->section && r->section->name.text && !r->section->stage) {
    r->section->stage = e;
    e->bound = true;
  } else if (kind == MM_TOUCHPOINT && r->task && !r->task->tp) {
    r->task->tp = e;
    e->bound = true;
  }
}

static void jny_comment(Reader *r, const char *p, const char *end) {
  MermaidDoc *doc = r->doc;
  if (*p == ':') {
    r->last = new_line(r, r->after_section ? &doc->tail : &doc->head, line_text(doc, p + 1, end));
    return;
  }
  if (*p == '|') {
    if (!r->last) {
      error_at(doc, D_MERMAID_JNY_LINE, p - 3, 4, BAD_JNY_HELP, "%s",
               "a `%% jny|` line goes on from a `%% jny` line, and none is right above it");
      return;
    }
    MmText piece = line_text(doc, p + 1, end);
    VEC_PUSH(doc->arena, r->last->pieces, piece);
    return;
  }
  while (p < end && is_blank(*p)) p++;
  if (word_at(p, end, "journey")) {
    doc->has_journey = true;
    p += 7;
    while (p < end && is_blank(*p)) p++;
    if (p < end && *p == ':') {
      r->last = new_line(r, &doc->jlines, line_text(doc, p + 1, end));
      return;
    }
    r->last = NULL;
    size_t used = 0;
    if (!mermaid_decode_string(doc->arena, p, (size_t)(end - p), &doc->jname, &used) ||
        trimmed(doc, p + used, end).len)
      error_at(doc, D_MERMAID_JNY_LINE, p, (size_t)(end - p), BAD_JNY_HELP, "%s",
               "expected the journey's name in quotes");
    return;
  }
  for (int k = 0; k < MM__KINDS; k++)
    if (word_at(p, end, KIND_WORDS[k])) {
      entity_comment(r, (MmKind)k, p + strlen(KIND_WORDS[k]), end);
      return;
    }
  MmText what = trimmed(doc, p, end);
  r->last = NULL;
  error_at(doc, D_MERMAID_JNY_LINE, what.text, what.len ? what.len : 1, BAD_JNY_HELP,
           "a `%s` comment jny cannot read", "%% jny");
}

/* A `%%` line: ours when it goes on with `jny` and `:`, `|` or a blank. */
static void comment(Reader *r, const char *p, const char *end) {
  p += 2;
  while (p < end && is_blank(*p)) p++;
  if (end - p >= 3 && memcmp(p, "jny", 3) == 0 && (p + 3 == end || strchr(":| \t", p[3]))) {
    if (p + 3 == end) {
      error_at(r->doc, D_MERMAID_JNY_LINE, p, 3, BAD_JNY_HELP, "%s", "an empty `%% jny` line");
      return;
    }
    jny_comment(r, p + 3, end);
    return;
  }
  r->last = NULL; /* someone's own comment */
}

/* ---- statements ---- */

/* A score: a decimal number (Mermaid's Number() takes more, but a journey has no use for hex or
 * Infinity) from 1 to 5. */
static bool read_score(MermaidDoc *doc, MmText t, double *out) {
  char *buf = arena_strndup(doc->arena, t.text, t.len), *stop = NULL;
  bool digits = strspn(buf, "+-0123456789.eE") == t.len && t.len > 0 && strpbrk(buf, "0123456789");
  double v = digits ? strtod(buf, &stop) : NAN;
  if (!digits || !stop || *stop || !isfinite(v)) {
    Diag *d = diag_add(doc->diags, D_MERMAID_SCORE, mermaid_span(doc, t.at, t.len),
                       "the task's score '%s' is not a number", buf);
    diag_help(doc->diags, d, "a task is `Name: score: actor, actor` with a score from 1 to 5");
    return false;
  }
  if (v < 1 || v > 5) {
    Diag *d = diag_add(doc->diags, D_MERMAID_SCORE, mermaid_span(doc, t.at, t.len),
                       "the task's score %s is outside 1 to 5", buf);
    diag_help(doc->diags, d,
              "Mermaid draws 1 (sad) to 5 (happy); jny maps them to the emotions -3 to +3");
    return false;
  }
  *out = v;
  return true;
}

static void task(Reader *r, const char *p, const char *end) {
  MermaidDoc *doc = r->doc;
  const char *colon = memchr(p, ':', (size_t)(end - p));
  MmText name = trimmed(doc, p, colon ? colon : end);
  if (!colon || !name.len) {
    error_at(doc, D_MERMAID_SYNTAX, name.len ? name.text : p, name.len ? name.len : 1,
             "a journey holds `title TEXT`, `section NAME` and tasks `Name: score: actor, actor`",
             !colon ? "'%s' is not a journey statement: a task needs `: score` after its name"
                    : "a task needs a name before its `:`%s",
             !colon ? arena_strndup(doc->arena, name.text, name.len) : "");
    return;
  }
  const char *colon2 = memchr(colon + 1, ':', (size_t)(end - colon - 1));
  MmTask *t = arena_alloc(doc->arena, sizeof *t);
  t->name = name;
  MmText score = trimmed(doc, colon + 1, colon2 ? colon2 : end);
  t->score_at = score.at;
  if (!read_score(doc, score, &t->score)) return;
  for (const char *a = colon2 ? colon2 + 1 : end; a < end;) {
    const char *comma = memchr(a, ',', (size_t)(end - a));
    MmText actor = trimmed(doc, a, comma ? comma : end);
    if (actor.len) VEC_PUSH(doc->arena, t->actors, actor);
    a = comma ? comma + 1 : end;
  }
  if (!r->section) { /* tasks before any section */
    r->section = arena_alloc(doc->arena, sizeof *r->section);
    VEC_PUSH(doc->arena, doc->sections, r->section);
  }
  VEC_PUSH(doc->arena, r->section->tasks, t);
  r->task = t;
}

/* One statement (no `;` or `#` inside). */
static void statement(Reader *r, const char *p, const char *end) {
  MermaidDoc *doc = r->doc;
  MmText s = trimmed(doc, p, end);
  if (!s.len) return;
  p = s.text, end = s.text + s.len;
  r->last = NULL;
  if (word_at(p, end, "title") && p + 5 < end && is_blank(p[5])) {
    doc->title = trimmed(doc, p + 6, end);
    doc->has_title = true;
  } else if (word_at(p, end, "section") && p + 7 < end && is_blank(p[7])) {
    MmText name = trimmed(doc, p + 8, end);
    const char *colon = memchr(name.text, ':', name.len);
    if (colon) {
      error_at(doc, D_MERMAID_SYNTAX, colon, 1, "write the section's name without ':'", "%s",
               "a section name cannot hold ':' in Mermaid");
      return;
    }
    r->section = arena_alloc(doc->arena, sizeof *r->section);
    r->section->name = name;
    VEC_PUSH(doc->arena, doc->sections, r->section);
    r->task = NULL;
    r->after_section = true;
  } else {
    task(r, p, end);
  }
}

/* `accTitle: …`, `accDescr: …` or `accDescr {`: true when the line is one (it takes the rest
 * of the line); *block is set for the `{` form. */
static bool accessibility(Reader *r, const char *p, const char *end, bool *block) {
  MermaidDoc *doc = r->doc;
  bool title = word_at(p, end, "accTitle"), descr = word_at(p, end, "accDescr");
  if (!title && !descr) return false;
  const char *q = p + 8;
  while (q < end && is_blank(*q)) q++;
  if (descr && q < end && *q == '{') {
    *block = true;
    doc->descr = trimmed(doc, q + 1, end);
    doc->has_descr = true;
    return true;
  }
  if (q == end || *q != ':') return false; /* a task named "accTitle x", say */
  if (descr) {
    doc->descr = trimmed(doc, q + 1, end);
    doc->has_descr = true;
  }
  return true; /* accTitle: not part of a journey's model */
}

static const char *const OTHER_DIAGRAMS[] = {
    "flowchart", "graph", "sequenceDiagram", "classDiagram", "stateDiagram", "erDiagram",
    "gantt",     "pie",   "mindmap",         "timeline",     "gitGraph",     "quadrantChart"};

static void not_a_journey(MermaidDoc *doc, const char *p, const char *end) {
  MmText word = trimmed(doc, p, end);
  const char *w = word.text;
  size_t n = 0;
  while (n < word.len && !is_blank(w[n])) n++;
  const char *first = arena_strndup(doc->arena, w, n);
  for (size_t k = 0; k < sizeof OTHER_DIAGRAMS / sizeof OTHER_DIAGRAMS[0]; k++)
    if (strncmp(first, OTHER_DIAGRAMS[k], strlen(OTHER_DIAGRAMS[k])) == 0) {
      error_at(doc, D_MERMAID_NOT_JOURNEY, w, n,
               "jny imports Mermaid `journey` diagrams only: their sections and tasks are a "
               "journey's stages and touchpoints",
               "this is a Mermaid '%s' diagram, not a journey", first);
      return;
    }
  error_at(doc, D_MERMAID_NOT_JOURNEY, w, n ? n : 1,
           "a Mermaid journey begins with the word `journey` (after front matter and `%%` "
           "comments)",
           "expected `journey` here, not '%s'", first);
}

bool mermaid_read(MermaidDoc *doc) {
  for (int k = 0; k < MM__KINDS; k++) doc->entities[k] = symtab_new(doc->arena, 64);
  Reader r = {doc, NULL, NULL, NULL, false};
  const char *s = doc->src->text, *stop = s + doc->src->len;
  const char *p = doc->src->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? s + 3 : s;
  bool journey = false, front = false, in_descr = false, first = true;
  StrBuf descr;
  sb_init(&descr, doc->arena);
  for (const char *next; p < stop; p = next) {
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    const char *end = nl ? nl : stop;
    next = nl ? nl + 1 : stop;
    if (end > p && end[-1] == '\r') end--;
    MmText line = trimmed(doc, p, end);
    if (in_descr) { /* accDescr { … }: up to the closing brace */
      const char *close = memchr(p, '}', (size_t)(end - p));
      MmText part = trimmed(doc, p, close ? close : end);
      if (part.len) sb_printf(&descr, "%s%.*s", descr.len ? "\n" : "", (int)part.len, part.text);
      if (close) {
        in_descr = false;
        doc->descr = (MmText){sb_str(&descr), descr.len, doc->descr.at};
      }
      continue;
    }
    if (first && line.len == 3 && memcmp(line.text, "---", 3) == 0) { /* front matter */
      front = !front;
      if (!front) first = false;
      continue;
    }
    if (front) {
      if (line.len > 6 && memcmp(line.text, "title:", 6) == 0 && !doc->has_title) {
        doc->title = trimmed(doc, line.text + 6, line.text + line.len);
        doc->has_title = doc->title.len > 0;
      }
      continue;
    }
    if (!line.len) continue;
    first = false;
    if (line.len >= 2 && line.text[0] == '%' && line.text[1] == '%') {
      if (line.len > 2 && line.text[2] == '{') continue; /* a directive */
      comment(&r, line.text, line.text + line.len);
      continue;
    }
    if (!journey) {
      if (!word_at(line.text, line.text + line.len, "journey")) {
        not_a_journey(doc, line.text, line.text + line.len);
        return false;
      }
      journey = true;
      p = line.text + 7; /* statements may follow on the same line */
      end = line.text + line.len;
    }
    for (const char *q = p; q < end;) {
      while (q < end && is_blank(*q)) q++;
      if (accessibility(&r, q, end, &in_descr)) {
        if (in_descr) { /* the text after `{` on this line, up to a `}` */
          const char *close = memchr(doc->descr.text, '}', doc->descr.len);
          MmText part = close ? trimmed(doc, doc->descr.text, close) : doc->descr;
          if (part.len) sb_add(&descr, part.text, part.len);
          if (close) in_descr = false;
          doc->descr = (MmText){sb_str(&descr), descr.len, doc->descr.at};
        }
        r.last = NULL;
        break;
      }
      const char *cut = q;
      while (cut < end && *cut != ';' && *cut != '#') cut++;
      statement(&r, q, cut);
      if (cut < end && *cut == '#') break;
      q = cut + 1;
    }
  }
  if (!journey) {
    error_at(doc, D_MERMAID_NOT_JOURNEY, s, 0, "a Mermaid journey begins with the word `journey`",
             "%s", "no `journey` diagram in this file");
    return false;
  }
  return true;
}
