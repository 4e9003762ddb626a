/* mermaid_import.c — the second half of `jny import mermaid`: the .jny text written from what
 * mermaid_read.c found, then parsed and printed in `jny fmt`'s layout.
 *
 * What the diagram shows decides; the `%% jny` lines restore what it cannot show. So a section
 * is a stage and a task a touchpoint of it (ids from the `%% jny` headers, else made from the
 * names), the score is the emotion, and the actors are the personas; but where the visible
 * value is the one the export wrote for the exact value in a comment — the same name once
 * fitted to Mermaid, the same score for the emotion, the same actors for the `persona` line —
 * the exact value is kept. An edited diagram thus wins over its comments, and an untouched one
 * comes back exactly: export → import → export gives the same text.
 *
 * The generated text is parsed before it is formatted; a syntax error in it can only come from
 * a `%% jny` line (everything else is written here), so it is reported there, at the line and
 * column of the Mermaid file, with the parser's own code and message.
 */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "mermaid_impl.h"
#include "parse.h"

/* A stretch of the generated text and the offset in the Mermaid file it comes from: exactly
 * (a `%% jny` line copied) or as a whole (text written here for a task or a section). */
typedef struct Segment {
  size_t gen;
  uint32_t at;
  bool exact;
} Segment;
typedef VEC(Segment) Segments;

typedef struct Import {
  MermaidDoc *doc;
  Arena *a;
  StrBuf out;
  Segments segs;
  SymTab *ids;         /* every id in use, of any kind: jny has one namespace */
  const char **actors; /* per persona of doc->personas: the actor text the export writes */
} Import;

/* ---- writing ---- */

static void mark(Import *im, uint32_t at, bool exact) {
  Segment s = {im->out.len, at, exact};
  VEC_PUSH(im->a, im->segs, s);
}

static void put(Import *im, uint32_t at, const char *s) {
  mark(im, at, false);
  sb_puts(&im->out, s);
}

static void put_string(Import *im, uint32_t at, const char *s) {
  mark(im, at, false);
  mermaid_put_jny_string(&im->out, s);
}

static void put_line(Import *im, const MmJnyLine *l) {
  for (size_t i = 0; i < l->pieces.len; i++) {
    const MmText *p = &l->pieces.items[i];
    if (i) sb_putc(&im->out, '\n');
    mark(im, p->at, true);
    sb_add(&im->out, p->text, p->len);
  }
}

/* ---- ids ---- */

static const char *const RESERVED[] = {"and",  "or",    "not",  "in",      "all", "any",
                                       "for",  "where", "from", "as",      "asc", "desc",
                                       "true", "false", "none", "journey", "use", "let"};

/* An id made from a name: ASCII letters and digits in lower case, `_` for the rest, unique in
 * the model's one namespace (`_2`, `_3`… when taken). */
static const char *make_id(Import *im, const char *name, size_t n, const char *fallback) {
  StrBuf sb;
  sb_init(&sb, im->a);
  bool gap = false;
  for (size_t i = 0; i < n; i++) {
    char c = name[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (!alnum) {
      gap = sb.len > 0;
      continue;
    }
    if (gap) sb_putc(&sb, '_');
    gap = false;
    sb_putc(&sb, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
    if (sb.len >= 40) break; /* ids for people to type */
  }
  const char *base = sb.len ? sb_str(&sb) : fallback;
  if (base[0] >= '0' && base[0] <= '9') base = arena_printf(im->a, "%s_%s", fallback, base);
  for (size_t k = 0; k < sizeof RESERVED / sizeof RESERVED[0]; k++)
    if (strcmp(base, RESERVED[k]) == 0) base = arena_printf(im->a, "%s_", base);
  const char *id = base;
  for (int n2 = 2; symtab_get(im->ids, id); n2++) id = arena_printf(im->a, "%s_%d", base, n2);
  symtab_put(im->ids, id, (void *)id);
  return id;
}

static void reserve(Import *im, const char *id) { symtab_put(im->ids, id, (void *)id); }

/* Ids declared by the `%% jny:` lines (`team cx …`), so that no made id takes them. */
static void reserve_declared(Import *im, const MmJnyLines *lines) {
  for (size_t i = 0; i < lines->len; i++) {
    const MmText *t = &lines->items[i]->pieces.items[0];
    const char *sp = memchr(t->text, ' ', t->len);
    if (!sp) continue;
    const char *id = sp + 1, *end = t->text + t->len, *q = id;
    while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_' ||
                       (q > id && *q >= '0' && *q <= '9')))
      q++;
    if (q > id) reserve(im, arena_strndup(im->a, id, (size_t)(q - id)));
  }
}

/* ---- deciding between what shows and what the comments say ---- */

static bool same_text(const MmText *shown, const char *fitted) {
  return strlen(fitted) == shown->len && memcmp(fitted, shown->text, shown->len) == 0;
}

/* The exact name when the diagram still shows what the export wrote for it. */
static const char *exact_or_shown(Import *im, const char *exact, const char *prefix,
                                  const MmText *shown, MermaidPlace place) {
  bool changed;
  if (exact && same_text(shown, mermaid_fit(im->a, arena_printf(im->a, "%s%s", prefix, exact),
                                            place, &changed)))
    return exact;
  return arena_strndup(im->a, shown->text, shown->len);
}

/* Whether a line is `WORD …` for the attribute word. */
static bool line_is(const MmJnyLine *l, const char *word) {
  const MmText *t = &l->pieces.items[0];
  size_t n = strlen(word);
  return t->len > n && memcmp(t->text, word, n) == 0 && (t->text[n] == ' ' || t->text[n] == '\t');
}

static const char *persona_name(const MmEntity *p) { return p->name ? p->name : p->id; }

/* ---- declarations ---- */

static void put_block(Import *im, const MmJnyLines *lines) {
  for (size_t i = 0; i < lines->len; i++) {
    sb_puts(&im->out, "  ");
    put_line(im, lines->items[i]);
    sb_putc(&im->out, '\n');
  }
}

static void put_journey(Import *im) {
  MermaidDoc *doc = im->doc;
  if (!doc->has_title && !doc->has_journey) return;
  uint32_t at = doc->has_title ? doc->title.at : 0;
  const char *name = doc->has_title ? exact_or_shown(im, doc->jname, "", &doc->title, MM_TITLE)
                     : doc->jname   ? doc->jname
                                    : "Journey";
  put(im, at, "journey ");
  put_string(im, at, name);
  put(im, at, " {\n");
  bool described = false;
  for (size_t i = 0; i < doc->jlines.len; i++) {
    const MmJnyLine *l = doc->jlines.items[i];
    if (line_is(l, "description")) {
      /* kept while accDescr shows it; replaced when edited, dropped when deleted */
      const MmText *t = &l->pieces.items[0];
      const char *text;
      size_t used;
      bool changed, decoded = l->pieces.len == 1 &&
                              mermaid_decode_string(im->a, t->text + 12, t->len - 12, &text, &used);
      if (!doc->has_descr) continue;
      described = true;
      if (decoded && !same_text(&doc->descr, mermaid_fit(im->a, text, MM_DESCR, &changed))) {
        put(im, doc->descr.at, "  description ");
        put_string(im, doc->descr.at, arena_strndup(im->a, doc->descr.text, doc->descr.len));
        sb_putc(&im->out, '\n');
        continue;
      }
    }
    sb_puts(&im->out, "  ");
    put_line(im, l);
    sb_putc(&im->out, '\n');
  }
  if (doc->has_descr && !described && doc->descr.len) {
    put(im, doc->descr.at, "  description ");
    put_string(im, doc->descr.at, arena_strndup(im->a, doc->descr.text, doc->descr.len));
    sb_putc(&im->out, '\n');
  }
  sb_puts(&im->out, "}\n\n");
}

static void put_header(Import *im, uint32_t at, const char *kind, const char *id,
                       const char *name) {
  put(im, at, kind);
  sb_printf(&im->out, " %s", id);
  if (name && strcmp(name, id) != 0) {
    sb_putc(&im->out, ' ');
    put_string(im, at, name);
  }
}

static void put_personas(Import *im) {
  MermaidDoc *doc = im->doc;
  for (size_t i = 0; i < doc->personas.len; i++) {
    const MmEntity *p = doc->personas.items[i];
    if (p->std) continue;
    put_header(im, p->at, "persona", p->id, p->name);
    if (p->lines.len) {
      sb_puts(&im->out, " {\n");
      put_block(im, &p->lines);
      sb_puts(&im->out, "}\n");
    }
    sb_puts(&im->out, "\n"); /* one-line declarations of a kind stay together */
  }
}

/* The stage of each section: from its header, or made from its name (without the number the
 * export puts in front). */
static void name_stages(Import *im, const char **stage_id) {
  MermaidDoc *doc = im->doc;
  for (size_t s = 0; s < doc->sections.len; s++) {
    const MmSection *sec = doc->sections.items[s];
    if (sec->stage) {
      stage_id[s] = sec->stage->id;
      continue;
    }
    const char *name = sec->name.text ? sec->name.text : "Tasks";
    size_t n = sec->name.text ? sec->name.len : 5;
    stage_id[s] = make_id(im, name, n, "stage");
  }
}

static const char *section_name(Import *im, const MmSection *sec, size_t s) {
  if (!sec->name.text) return "Tasks";
  const MmEntity *st = sec->stage;
  const char *prefix = arena_printf(im->a, "%zu. ", s + 1);
  if (st && same_text(&sec->name,
                      mermaid_fit(im->a,
                                  arena_printf(im->a, "%s%s", prefix, st->name ? st->name : st->id),
                                  MM_SECTION, &(bool){false})))
    return st->name ? st->name : st->id;
  /* edited, or a plain Mermaid section: drop a leading "N. " */
  const char *t = sec->name.text, *end = t + sec->name.len, *q = t;
  while (q < end && *q >= '0' && *q <= '9') q++;
  if (q > t && q + 1 < end && *q == '.' && q[1] == ' ') {
    q += 2;
    while (q < end && *q == ' ') q++;
    return arena_strndup(im->a, q, (size_t)(end - q));
  }
  return arena_strndup(im->a, t, sec->name.len);
}

static void put_stages(Import *im, const char **stage_id) {
  MermaidDoc *doc = im->doc;
  for (size_t s = 0; s < doc->sections.len; s++) {
    const MmSection *sec = doc->sections.items[s];
    if (sec->stage && sec->stage->std) continue;
    uint32_t at = sec->name.text ? sec->name.at : 0;
    put_header(im, at, "stage", stage_id[s], section_name(im, sec, s));
    if (sec->stage && sec->stage->lines.len) {
      sb_puts(&im->out, " {\n");
      put_block(im, &sec->stage->lines);
      sb_puts(&im->out, "}\n");
    }
    sb_puts(&im->out, "\n");
  }
}

/* The persona of an actor: the one the export writes this text for, else a new one. */
static const MmEntity *actor_persona(Import *im, const MmText *actor) {
  MermaidDoc *doc = im->doc;
  for (size_t i = 0; i < doc->personas.len; i++)
    if (same_text(actor, im->actors[i])) return doc->personas.items[i];
  const char *id = make_id(im, actor->text, actor->len, "persona");
  MmEntity *p = arena_alloc(im->a, sizeof *p);
  *p = (MmEntity){.kind = MM_PERSONA, .id = id, .at = actor->at};
  p->name = arena_strndup(im->a, actor->text, actor->len);
  VEC_PUSH(im->a, doc->personas, p);
  bool changed;
  im->actors = arena_grow(im->a, im->actors, (doc->personas.len - 1) * sizeof *im->actors,
                          (doc->personas.len + 1) * sizeof *im->actors);
  im->actors[doc->personas.len - 1] = mermaid_fit(im->a, p->name, MM_ACTOR, &changed);
  symtab_put(doc->entities[MM_PERSONA], id, p);
  return p;
}

/* Whether the task shows the actors the export writes for this `persona` line (or, with none,
 * for every persona). */
static bool actors_match(Import *im, const MmTask *t, const MmJnyLine *persona_line) {
  MermaidDoc *doc = im->doc;
  size_t k = 0;
  if (!persona_line) {
    if (t->actors.len != doc->personas.len) return false;
    for (size_t i = 0; i < doc->personas.len; i++)
      if (!same_text(&t->actors.items[i], im->actors[i])) return false;
    return true;
  }
  const MmText *l = &persona_line->pieces.items[0];
  const char *p = l->text + 8, *end = l->text + l->len; /* after "persona " */
  while (p < end) {
    while (p < end && (*p == ' ' || *p == ',' || *p == '\t')) p++;
    const char *q = p;
    while (q < end && *q != ' ' && *q != ',' && *q != '\t') q++;
    if (q == p) break;
    const MmEntity *e =
        symtab_get(doc->entities[MM_PERSONA], arena_strndup(im->a, p, (size_t)(q - p)));
    if (!e || k >= t->actors.len) return false;
    size_t index = 0;
    while (doc->personas.items[index] != e) index++;
    if (!e->std && !same_text(&t->actors.items[k], im->actors[index])) return false;
    k++;
    p = q;
  }
  return k == t->actors.len;
}

static void put_task(Import *im, const MmTask *t, const char *stage, const MmEntity *tp) {
  uint32_t at = t->name.at;
  const char *id = tp ? tp->id : make_id(im, t->name.text, t->name.len, "touchpoint");
  const char *name = tp ? exact_or_shown(im, tp->name ? tp->name : tp->id, "", &t->name, MM_TASK)
                        : arena_strndup(im->a, t->name.text, t->name.len);
  put_header(im, at, "touchpoint", id, name);
  sb_puts(&im->out, " {\n");
  const MmJnyLine *persona_line = NULL;
  bool has_stage = false, has_emotion = false;
  for (size_t i = 0; tp && i < tp->lines.len; i++) {
    if (line_is(tp->lines.items[i], "persona")) persona_line = tp->lines.items[i];
    has_stage |= line_is(tp->lines.items[i], "stage");
  }
  bool keep_personas = tp && actors_match(im, t, persona_line);
  if (!has_stage) put(im, at, arena_printf(im->a, "  stage %s\n", stage));
  const char *new_emotion = arena_printf(im->a, "  emotion %d\n", mermaid_emotion(t->score));
  /* The score is as exported when the header says so; a header without one (written by hand)
   * is compared with a numeric emotion line, and a named one (`emotion pleased`) is kept. */
  bool edited = tp && tp->has_score && tp->score != t->score;
  for (size_t i = 0; tp && i < tp->lines.len; i++) {
    const MmJnyLine *l = tp->lines.items[i];
    if (line_is(l, "stage")) {
      put(im, at, arena_printf(im->a, "  stage %s\n", stage));
      continue;
    }
    if (line_is(l, "persona") && !keep_personas) continue; /* written below */
    if (line_is(l, "emotion")) {
      has_emotion = true;
      char *stop;
      double e = strtod(l->pieces.items[0].text + 8, &stop);
      bool numeric = stop != l->pieces.items[0].text + 8;
      if (edited || (!tp->has_score && numeric && mermaid_score(e) != t->score)) {
        put(im, t->score_at, new_emotion);
        continue;
      }
    }
    sb_puts(&im->out, "  ");
    put_line(im, l);
    sb_putc(&im->out, '\n');
  }
  /* a touchpoint without emotion is written with 3: any other score is an edit */
  if (!has_emotion && (!tp || edited || (!tp->has_score && t->score != 3)))
    put(im, t->score_at, new_emotion);
  if (!keep_personas && t->actors.len) {
    put(im, at, "  persona ");
    for (size_t i = 0; i < t->actors.len; i++) {
      const MmEntity *p = actor_persona(im, &t->actors.items[i]);
      sb_printf(&im->out, "%s%s", i ? ", " : "", p->id);
    }
    sb_putc(&im->out, '\n');
  }
  sb_puts(&im->out, "}\n\n");
}

static void put_touchpoints(Import *im, const char **stage_id) {
  MermaidDoc *doc = im->doc;
  for (size_t s = 0; s < doc->sections.len; s++)
    for (size_t i = 0; i < doc->sections.items[s]->tasks.len; i++) {
      const MmTask *t = doc->sections.items[s]->tasks.items[i];
      put_task(im, t, stage_id[s], t->tp && t->tp->bound ? t->tp : NULL);
    }
}

static void put_lines(Import *im, const MmJnyLines *lines) {
  for (size_t i = 0; i < lines->len; i++) {
    put_line(im, lines->items[i]);
    sb_putc(&im->out, '\n');
  }
}

/* ---- from the generated text back to the Mermaid file ---- */

static uint32_t mermaid_offset(const Import *im, size_t gen) {
  size_t lo = 0, hi = im->segs.len;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (im->segs.items[mid].gen <= gen)
      lo = mid;
    else
      hi = mid;
  }
  if (!im->segs.len) return 0;
  const Segment *s = &im->segs.items[lo];
  return s->exact ? s->at + (uint32_t)(gen - s->gen) : s->at;
}

/* Each problem of the generated text, at the place of the Mermaid file it came from. */
static void report_back(Import *im, const DiagList *found) {
  MermaidDoc *doc = im->doc;
  for (size_t i = 0; i < found->len; i++) {
    const Diag *d = found->items[i];
    uint32_t at = d->has_span ? mermaid_offset(im, d->span.start) : 0;
    uint32_t end = d->has_span ? mermaid_offset(im, d->span.end ? d->span.end - 1 : 0) + 1 : 1;
    Diag *copy = diag_add_sev(doc->diags, d->code, d->severity, true,
                              mermaid_span(doc, at, end > at ? end - at : 1),
                              "in the jny text of a `%%%% jny` line: %s", d->message);
    if (d->help) diag_help(doc->diags, copy, "%s", d->help);
  }
}

const char *mermaid_import(Arena *a, SourceSet *sources, uint32_t file, const char *out_name,
                           DiagList *diags, size_t *len) {
  MermaidDoc doc = {.arena = a, .src = source_get(sources, file), .file = file, .diags = diags};
  if (!mermaid_read(&doc) || diags->errors) return NULL;
  Import im = {.doc = &doc, .a = a, .ids = symtab_new(a, 64)};
  sb_init(&im.out, a);
  /* Ids the comments name are taken first, so that made ones never collide with them. */
  for (int k = 0; k < MM__KINDS; k++)
    for (size_t i = 0; i < doc.sections.len; i++) {
      const MmSection *sec = doc.sections.items[i];
      if (k == MM_STAGE && sec->stage) reserve(&im, sec->stage->id);
      for (size_t t = 0; k == MM_TOUCHPOINT && t < sec->tasks.len; t++)
        if (sec->tasks.items[t]->tp) reserve(&im, sec->tasks.items[t]->tp->id);
    }
  for (size_t i = 0; i < doc.personas.len; i++) reserve(&im, doc.personas.items[i]->id);
  reserve_declared(&im, &doc.head);
  reserve_declared(&im, &doc.tail);
  im.actors = arena_alloc(a, (doc.personas.len + 1) * sizeof *im.actors);
  for (size_t i = 0; i < doc.personas.len; i++) {
    bool changed;
    im.actors[i] = mermaid_fit(a, persona_name(doc.personas.items[i]), MM_ACTOR, &changed);
  }
  const char **stage_id = arena_alloc(a, (doc.sections.len + 1) * sizeof *stage_id);
  name_stages(&im, stage_id);

  /* Touchpoints first into their own buffer: the personas they make come before them. */
  StrBuf header = im.out;
  sb_init(&im.out, a);
  put_touchpoints(&im, stage_id);
  StrBuf touch = im.out;
  Segments touch_segs = im.segs;
  im.out = header;
  im.segs = (Segments){0};

  sb_puts(&im.out, "// Imported from a Mermaid journey by `jny import mermaid`.\n\n");
  put_journey(&im);
  put_lines(&im, &doc.head);
  if (doc.head.len) sb_putc(&im.out, '\n');
  put_personas(&im);
  put_stages(&im, stage_id);
  size_t base = im.out.len;
  for (size_t i = 0; i < touch_segs.len; i++) {
    Segment s = touch_segs.items[i];
    s.gen += base;
    VEC_PUSH(a, im.segs, s);
  }
  sb_add(&im.out, touch.data ? touch.data : "", touch.len);
  put_lines(&im, &doc.tail);

  uint32_t gen = source_add(sources, out_name, NULL, sb_str(&im.out), (uint32_t)im.out.len);
  DiagList found;
  diag_list_init(&found, a);
  ParseInput in = {a, &found, sources, gen};
  AstFile *ast = parse_file(&in);
  if (found.errors) {
    report_back(&im, &found);
    return NULL;
  }
  return fmt_file(a, source_get(sources, gen), ast, len);
}
