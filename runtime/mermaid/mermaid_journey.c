/* mermaid_journey.c — `jny export --format mermaid`: the journey as a Mermaid `journey`
 * diagram, with everything the diagram cannot hold in `%% jny` comment lines (mermaid.h).
 *
 * What shows: `title` ← the journey's name, `accDescr` ← its description, a `section N. Name`
 * per stage in stage order, a task per touchpoint in declaration order within its stage, its
 * score from the emotion (mermaid_score; 3 when it has none), and as actors the names of the
 * personas it lists, or of every persona when it lists none.
 *
 * What the comments keep: the ids and exact names, every line of the journey's, personas',
 * stages' and touchpoints' blocks as `jny fmt` prints it, and every other declaration of the
 * user's files (teams, outcomes, opportunities, KPIs, checks, queries …) whole, in file order;
 * the `use` of std modules, once each. Declarations of several files come out as one: a `use`
 * of the user's own files is left out since its declarations are in the output. Source
 * comments (`//`) are not part of the model and are not kept.
 */
#include <string.h>

#include "fmt.h"
#include "mermaid.h"

typedef struct Export {
  StrBuf *out;
  Arena *a;
  const Model *m;
  DiagList *diags;
} Export;

/* `INDENT%% jnyHEAD TEXT`, each further line of text as `INDENT%% jny| LINE`. */
static void put_comment(Export *x, const char *indent, const char *head, const char *text,
                        size_t len) {
  sb_printf(x->out, "%s%%%% jny%s", indent, head);
  for (size_t i = 0; i < len; i++) {
    if (text[i] == '{' && i >= 2 && text[i - 1] == '%' && text[i - 2] == '%') {
      /* Mermaid would read `%%{…}%%` as a directive even in a comment; in a jny line it can
       * only stand in a string, where `\{` is the same brace. */
      sb_puts(x->out, "\\{");
      continue;
    }
    if (text[i] != '\n') {
      sb_putc(x->out, text[i]);
      continue;
    }
    if (i + 1 == len) break; /* a final newline ends the last line */
    sb_printf(x->out, "\n%s%%%% jny| ", indent);
  }
  sb_putc(x->out, '\n');
}

/* Every line of d's block, as `%% jny KIND ID: LINE`. */
static void put_block(Export *x, const char *indent, const char *head, const Decl *d) {
  if (!d) return;
  Fmt f = {.src = source_get(x->m->sources, d->span.file)};
  for (size_t i = 0; i < d->nattrs; i++) {
    sb_init(&f.out, x->a);
    fmt_attr(&f, d->attrs[i]);
    put_comment(x, indent, head, f.out.data ? f.out.data : "", f.out.len);
  }
}

/* A whole declaration as `jny fmt` prints it, one `%% jny: LINE` per line. */
static void put_declaration(Export *x, const char *indent, const Decl *d) {
  AstFile one = {.file = d->span.file, .decls = (Decl **)&d, .ndecls = 1};
  size_t len;
  const char *text = fmt_file(x->a, source_get(x->m->sources, d->span.file), &one, &len);
  put_comment(x, indent, ": ", text, len);
}

/* The name as Mermaid can show it at `place`, with a warning when it had to change; the id
 * when nothing of the name is left. */
static const char *shown_name(Export *x, const Entity *e, MermaidPlace place, const char *what) {
  bool changed;
  const char *fitted = mermaid_fit(x->a, e->name, place, &changed);
  if (changed)
    diag_add(x->diags, D_MERMAID_RENAMED, e->id_span,
             "%s '%s' is written '%s' in the Mermaid diagram, whose %s cannot hold it as it is; "
             "the exact name is kept in a %%%% jny comment",
             what, e->name, fitted,
             place == MM_TITLE     ? "title"
             : place == MM_SECTION ? "section names"
             : place == MM_ACTOR   ? "actor names"
                                   : "task names");
  if (*fitted) return fitted;
  return e->id ? e->id : "journey";
}

/* `%% jny KIND ID "NAME"` (no name when it is the id), or `… ID std`; a touchpoint's ends with
 * the score the task shows (score > 0), by which the import tells an edited score. */
static void put_header(Export *x, const char *indent, const char *kind, const Entity *e,
                       int score) {
  sb_printf(x->out, "%s%%%% jny %s %s", indent, kind, e->id);
  if (e->from_stdlib) {
    sb_puts(x->out, " std");
  } else if (strcmp(e->name, e->id) != 0) {
    sb_putc(x->out, ' ');
    mermaid_put_jny_string(x->out, e->name);
  }
  if (score > 0) sb_printf(x->out, " score %d", score);
  sb_putc(x->out, '\n');
  if (!e->from_stdlib) put_block(x, indent, arena_printf(x->a, " %s %s: ", kind, e->id), e->decl);
}

static bool is_std_use(const Decl *d) {
  return d->kind == DK_USE && d->use_is_module && strncmp(d->use_target, "std.", 4) == 0;
}

/* The `use` lines of std modules, once each, in the order first written. */
static void put_uses(Export *x) {
  VEC(const char *) seen = {0};
  for (size_t f = 0; f < x->m->nfiles; f++) {
    const AstFile *file = x->m->files[f];
    if (source_get(x->m->sources, file->file)->is_stdlib) continue;
    for (size_t i = 0; i < file->ndecls; i++) {
      const Decl *d = file->decls[i];
      if (!is_std_use(d)) continue;
      bool dup = false;
      for (size_t k = 0; k < seen.len && !dup; k++) dup = strcmp(seen.items[k], d->use_target) == 0;
      if (dup) continue;
      VEC_PUSH(x->a, seen, d->use_target);
      sb_printf(x->out, "  %%%% jny: use %s\n", d->use_target);
    }
  }
}

/* Every declaration the diagram does not show, whole, in file order. */
static void put_other_declarations(Export *x) {
  for (size_t f = 0; f < x->m->nfiles; f++) {
    const AstFile *file = x->m->files[f];
    if (source_get(x->m->sources, file->file)->is_stdlib) continue;
    for (size_t i = 0; i < file->ndecls; i++) {
      const Decl *d = file->decls[i];
      switch (d->kind) {
      case DK_JOURNEY:
      case DK_PERSONA:
      case DK_STAGE:
      case DK_TOUCHPOINT:
      case DK_USE: continue; /* shown, or kept above */
      default: put_declaration(x, "  ", d);
      }
    }
  }
}

static void put_journey(Export *x, const char *origin) {
  bool changed;
  sb_printf(x->out,
            "%%%% The journey of %s as a Mermaid journey, written by jny. The \"%%%% jny\" lines "
            "keep what the diagram cannot show; `jny import mermaid` reads them back.\n",
            mermaid_fit(x->a, origin, MM_DESCR, &changed));
  sb_puts(x->out, "journey\n");
  const Journey *j = x->m->journey;
  if (!j) return;
  sb_printf(x->out, "  title %s\n", shown_name(x, &j->e, MM_TITLE, "the journey's name"));
  if (j->e.description) {
    const char *d = mermaid_fit(x->a, j->e.description, MM_DESCR, &changed);
    if (*d) sb_printf(x->out, "  accDescr: %s\n", d);
  }
  sb_puts(x->out, "  %% jny journey ");
  mermaid_put_jny_string(x->out, j->e.name);
  sb_putc(x->out, '\n');
  put_block(x, "  ", " journey: ", j->e.decl);
}

/* The actors of a task: the names of t's personas, or of every persona. */
static void put_actors(Export *x, const Touchpoint *t, const char **actor) {
  size_t n = t->npersonas ? t->npersonas : x->m->personas.len;
  if (n) sb_putc(x->out, ':'); /* no actors: no colon, or Mermaid reads one empty actor */
  for (size_t i = 0; i < n; i++) {
    const Persona *p = t->npersonas ? t->personas[i] : x->m->personas.items[i];
    sb_puts(x->out, i ? ", " : " ");
    sb_puts(x->out, actor[p->e.index]);
  }
}

void mermaid_export_journey(StrBuf *out, const Model *m, const char *origin, DiagList *diags) {
  Export x = {out, m->arena, m, diags};
  put_journey(&x, origin);
  put_uses(&x);
  const char **actor = arena_alloc(x.a, (m->personas.len + 1) * sizeof *actor);
  for (size_t i = 0; i < m->personas.len; i++) {
    const Persona *p = m->personas.items[i];
    actor[i] = shown_name(&x, &p->e, MM_ACTOR, "persona");
    put_header(&x, "  ", "persona", &p->e, 0);
  }
  /* The touchpoints of each stage, in declaration order: one pass to bucket them. */
  size_t *count = arena_alloc(x.a, (m->stages.len + 1) * sizeof *count);
  for (size_t i = 0; i < m->touchpoints.len; i++)
    if (m->touchpoints.items[i]->stage) count[m->touchpoints.items[i]->stage->e.index]++;
  const Touchpoint ***by_stage = arena_alloc(x.a, (m->stages.len + 1) * sizeof *by_stage);
  for (size_t s = 0; s < m->stages.len; s++) {
    by_stage[s] = arena_alloc(x.a, (count[s] + 1) * sizeof **by_stage);
    count[s] = 0;
  }
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    const Touchpoint *t = m->touchpoints.items[i];
    if (t->stage) by_stage[t->stage->e.index][count[t->stage->e.index]++] = t;
  }
  for (size_t s = 0; s < m->stages.len; s++) {
    const Stage *st = m->stages.items[s];
    sb_printf(out, "  section %s\n",
              shown_name(&x,
                         &(Entity){.name = arena_printf(x.a, "%zu. %s", s + 1, st->e.name),
                                   .id = st->e.id,
                                   .id_span = st->e.id_span},
                         MM_SECTION, "stage"));
    put_header(&x, "    ", "stage", &st->e, 0);
    for (size_t i = 0; i < count[s]; i++) {
      const Touchpoint *t = by_stage[s][i];
      int score = t->has_emotion ? mermaid_score(t->emotion) : 3;
      sb_printf(out, "    %s: %d", shown_name(&x, &t->e, MM_TASK, "touchpoint"), score);
      put_actors(&x, t, actor);
      sb_putc(out, '\n');
      put_header(&x, "      ", "touchpoint", &t->e, score);
    }
  }
  put_other_declarations(&x);
}
