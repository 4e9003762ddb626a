/* source.h — the texts a model is built from, and spans into them.
 *
 * A Span is a byte range in one source; line and column are computed only when a diagnostic
 * is shown, by binary search in a line-start table. Columns count code points, so an accented
 * name does not shift the caret.
 */
#ifndef JNY_SOURCE_H
#define JNY_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct Span {
  uint32_t file;  /* index in the SourceSet */
  uint32_t start; /* byte offset of the first byte */
  uint32_t end;   /* byte offset one past the last byte */
} Span;

typedef struct Source {
  const char *name; /* as shown in diagnostics: the path given, "<stdin>", or "<std.lint>" */
  const char *path; /* file-system path used for relative `use`; NULL for stdin and stdlib */
  const char *text; /* the bytes, NUL-terminated after len */
  uint32_t len;
  uint32_t *line_starts;
  uint32_t nlines;
  bool is_stdlib;
  const char *module; /* "std.lint" for stdlib modules, NULL otherwise */
} Source;

typedef struct SourceSet {
  Arena *arena;
  Source **items;
  uint32_t len, cap;
} SourceSet;

typedef struct LineCol {
  uint32_t line; /* 1-based */
  uint32_t col;  /* 1-based, in code points */
} LineCol;

/* The biggest source jny reads: spans are 32-bit offsets, and a journey larger than this is
 * almost certainly not hand-written (limit documented in docs/language.md). */
#define SOURCE_MAX_BYTES (256u * 1024u * 1024u)

void source_set_init(SourceSet *set, Arena *arena);
/* Copies name/path; takes text as is (must stay alive as long as the set; NUL at text[len]).
 * Returns the new file index. */
uint32_t source_add(SourceSet *set, const char *name, const char *path, const char *text,
                    uint32_t len);
Source *source_get(const SourceSet *set, uint32_t file);
LineCol source_line_col(const Source *src, uint32_t offset);
/* Bytes of the UTF-8 sequence at s (n bytes available): its length when valid, else 1. */
uint32_t source_utf8_length(const unsigned char *s, uint32_t n);
/* The bytes of line `line` (1-based) without its newline. */
const char *source_line_text(const Source *src, uint32_t line, uint32_t *len);
Span span_make(uint32_t file, uint32_t start, uint32_t end);
Span span_join(Span a, Span b);

#endif
