/* source.c — the source table and offset → line:column conversion (see source.h). */
#include "source.h"

#include <string.h>

void source_set_init(SourceSet *set, Arena *arena) {
  memset(set, 0, sizeof *set);
  set->arena = arena;
}

/* memchr finds the newlines many bytes at a time: this runs over every byte of every source. */
static void index_lines(Arena *arena, Source *src) {
  const char *text = src->text, *end = text + src->len;
  uint32_t n = 1;
  for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) n++;
  src->line_starts = arena_alloc(arena, (size_t)n * sizeof *src->line_starts);
  src->nlines = n;
  uint32_t k = 0;
  src->line_starts[k++] = 0;
  for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
    src->line_starts[k++] = (uint32_t)(p - text) + 1;
}

uint32_t source_add(SourceSet *set, const char *name, const char *path, const char *text,
                    uint32_t len) {
  if (set->len == set->cap) {
    uint32_t ncap = set->cap ? set->cap * 2 : 8;
    set->items = arena_grow(set->arena, set->items, set->cap * sizeof *set->items,
                            ncap * sizeof *set->items);
    set->cap = ncap;
  }
  Source *src = arena_alloc(set->arena, sizeof *src);
  src->name = arena_strdup(set->arena, name);
  src->path = path ? arena_strdup(set->arena, path) : NULL;
  src->text = text;
  src->len = len;
  index_lines(set->arena, src);
  set->items[set->len] = src;
  return set->len++;
}

Source *source_get(const SourceSet *set, uint32_t file) {
  return file < set->len ? set->items[file] : NULL;
}

uint32_t source_utf8_length(const unsigned char *s, uint32_t n) {
  unsigned c = s[0];
  uint32_t len = c < 0x80                   ? 1
                 : (c >= 0xC2 && c <= 0xDF) ? 2
                 : (c >= 0xE0 && c <= 0xEF) ? 3
                 : (c >= 0xF0 && c <= 0xF4) ? 4
                                            : 0;
  if (len <= 1 || len > n) return 1;
  for (uint32_t k = 1; k < len; k++)
    if ((s[k] & 0xC0) != 0x80) return 1;
  /* overlong forms and surrogates, as in the scanner */
  if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
      (c == 0xF4 && s[1] > 0x8F))
    return 1;
  return len;
}

LineCol source_line_col(const Source *src, uint32_t offset) {
  if (offset > src->len) offset = src->len;
  uint32_t lo = 0, hi = src->nlines; /* find the last line start <= offset */
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (src->line_starts[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  uint32_t col = 1;
  uint32_t i = src->line_starts[lo];
  if (i == 0 && src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 && offset >= 3)
    i = 3;             /* a byte order mark is invisible in editors: columns count from after it */
  while (i < offset) { /* a valid sequence is one column; so is each invalid byte */
    i += source_utf8_length((const unsigned char *)src->text + i, offset - i);
    col++;
  }
  return (LineCol){lo + 1, col};
}

const char *source_line_text(const Source *src, uint32_t line, uint32_t *len) {
  if (line == 0 || line > src->nlines) {
    *len = 0;
    return "";
  }
  uint32_t start = src->line_starts[line - 1];
  uint32_t end = line < src->nlines ? src->line_starts[line] - 1 : src->len;
  if (end > start && src->text[end - 1] == '\r') end--;
  *len = end - start;
  return src->text + start;
}

Span span_make(uint32_t file, uint32_t start, uint32_t end) { return (Span){file, start, end}; }

Span span_join(Span a, Span b) {
  Span s = a;
  if (b.file != a.file) return a;
  if (b.start < s.start) s.start = b.start;
  if (b.end > s.end) s.end = b.end;
  return s;
}
