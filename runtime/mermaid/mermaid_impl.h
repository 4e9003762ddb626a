/* mermaid_impl.h — what the two halves of `jny import mermaid` share: mermaid_read.c reads the
 * Mermaid text into a MermaidDoc (what the diagram shows, and the `%% jny` lines with where
 * each came from); mermaid_import.c writes the .jny text from it. Not for other folders.
 */
#ifndef JNY_MERMAID_IMPL_H
#define JNY_MERMAID_IMPL_H

#include "mermaid.h"
#include "symtab.h"

/* A piece of text of the Mermaid file, and its byte offset there (for diagnostics). */
typedef struct MmText {
  const char *text;
  size_t len;
  uint32_t at;
} MmText;

/* One line of jny source carried in comments: `%% jny…: LINE` and its `%% jny| ` lines. */
typedef struct MmJnyLine {
  VEC(MmText) pieces;
} MmJnyLine;
typedef VEC(MmJnyLine *) MmJnyLines;

typedef enum MmKind { MM_PERSONA, MM_STAGE, MM_TOUCHPOINT, MM__KINDS } MmKind;

/* A persona, stage or touchpoint named in a `%% jny KIND ID …` header. */
typedef struct MmEntity {
  MmKind kind;
  const char *id;
  const char *name; /* the exact name, or NULL when none was given (the name is the id) */
  bool std;         /* declared in a std module: not written back */
  bool bound;       /* a stage's or touchpoint's header follows its section or task */
  bool has_score;   /* a touchpoint's header: the score the export wrote for it */
  double score;
  uint32_t at;
  MmJnyLines lines; /* `%% jny KIND ID: LINE` */
} MmEntity;

typedef struct MmTask {
  MmText name;
  double score;
  uint32_t score_at;
  VEC(MmText) actors;
  MmEntity *tp; /* from the header after it, or NULL */
} MmTask;

typedef struct MmSection {
  MmText name; /* as shown, with its number; name.text NULL: the tasks before any section */
  MmEntity *stage;
  VEC(MmTask *) tasks;
} MmSection;

typedef struct MermaidDoc {
  Arena *arena;
  const Source *src;
  uint32_t file;
  DiagList *diags;
  bool has_title, has_descr;
  MmText title, descr;
  bool has_journey;      /* a `%% jny journey` header or line */
  const char *jname;     /* its exact name, or NULL */
  MmJnyLines jlines;     /* `%% jny journey: LINE` */
  MmJnyLines head, tail; /* `%% jny: LINE` before the first section, and after it */
  VEC(MmEntity *) personas;
  VEC(MmSection *) sections;
  SymTab *entities[MM__KINDS]; /* id -> MmEntity */
} MermaidDoc;

/* Reads the text into doc (errors go to doc->diags). False when it is not a journey at all. */
bool mermaid_read(MermaidDoc *doc);
/* A span of the Mermaid file. */
Span mermaid_span(const MermaidDoc *doc, uint32_t at, size_t len);
/* Decodes a "…" jny string literal at s (as mermaid_put_jny_string writes it); false when it is
 * not one. *end is where the literal ends. */
bool mermaid_decode_string(Arena *a, const char *s, size_t n, const char **out, size_t *end);

#endif
