/* test_source.c — unit tests for lang/source.c: the source table, byte offsets to line:column
 * (columns in code points, so carets stay under accented names), line texts for the snippet
 * under a diagnostic, and span arithmetic. */
#include <string.h>

#include "arena.h"
#include "source.h"
#include "unit.h"

/* Adds text to a fresh set; the arena outlives the returned source. */
static Source *add_text(SourceSet *set, const char *text) {
  uint32_t i = source_add(set, "t.jny", "dir/t.jny", text, (uint32_t)strlen(text));
  return source_get(set, i);
}

#define CHECK_LC(src, offset, want_line, want_col)                                                 \
  do {                                                                                             \
    LineCol lc_ = source_line_col((src), (offset));                                                \
    CHECK_EQ_INT(lc_.line, (want_line));                                                           \
    CHECK_EQ_INT(lc_.col, (want_col));                                                             \
  } while (0)

/* The text of line `line` as a NUL-terminated copy in the arena, for CHECK_EQ_STR. */
static const char *line_of(Arena *a, const Source *src, uint32_t line) {
  uint32_t len = 99;
  const char *p = source_line_text(src, line, &len);
  return arena_strndup(a, p, len);
}

TEST(add_copies_names_and_indexes_lines) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  char name[] = "grocery.jny";
  uint32_t i = source_add(&set, name, NULL, "a\nb\nc\n", 6);
  name[0] = 'X'; /* the set keeps its own copy */
  Source *s = source_get(&set, i);
  CHECK_EQ_INT(i, 0);
  CHECK_EQ_STR(s->name, "grocery.jny");
  CHECK(s->path == NULL);
  CHECK_EQ_INT(s->len, 6);
  CHECK_EQ_INT(s->nlines, 4); /* three lines and the empty one after the last newline */
  CHECK_EQ_INT(s->line_starts[0], 0);
  CHECK_EQ_INT(s->line_starts[1], 2);
  CHECK_EQ_INT(s->line_starts[3], 6);
  CHECK(source_get(&set, 1) == NULL);
  arena_free(a);
}

TEST(many_sources_keep_their_indices) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  for (uint32_t k = 0; k < 100; k++) {
    char *name = arena_printf(a, "m%u.jny", k);
    CHECK_EQ_INT(source_add(&set, name, name, "x", 1), k);
  }
  CHECK_EQ_INT(set.len, 100);
  CHECK_EQ_STR(source_get(&set, 0)->name, "m0.jny");
  CHECK_EQ_STR(source_get(&set, 99)->path, "m99.jny");
  CHECK(source_get(&set, 100) == NULL);
  arena_free(a);
}

TEST(ascii_line_and_column) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  Source *s = add_text(&set, "stage buy\n  stage purchse\n");
  CHECK_LC(s, 0, 1, 1);
  CHECK_LC(s, 6, 1, 7);
  CHECK_LC(s, 9, 1, 10); /* the newline itself is the last column of its line */
  CHECK_LC(s, 10, 2, 1);
  CHECK_LC(s, 18, 2, 9);  /* 'purchse' */
  CHECK_LC(s, 26, 3, 1);  /* end of file, after the last newline */
  CHECK_LC(s, 999, 3, 1); /* past the end: clamped */
  arena_free(a);
}

TEST(columns_count_code_points) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  /* "é" is 2 bytes, "→" 3, "😀" 4: each one column. */
  const char *text = "persona \"\xc3\xa9t\xc3\xa9\" x\n\xe2\x86\x92 \xf0\x9f\x98\x80 y";
  Source *s = add_text(&set, text);
  const char *x = strchr(text, 'x');
  CHECK_LC(s, (uint32_t)(x - text), 1, 15);
  const char *y = strchr(text, 'y');
  CHECK_LC(s, (uint32_t)(y - text), 2, 5);
  const char *emoji = strstr(text, "\xf0\x9f");
  CHECK_LC(s, (uint32_t)(emoji - text), 2, 3);
  arena_free(a);
}

TEST(crlf_line_endings) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  Source *s = add_text(&set, "team cx\r\nteam web\r\n");
  CHECK_EQ_INT(s->nlines, 3);
  CHECK_LC(s, 5, 1, 6);                      /* 'cx' */
  CHECK_LC(s, 9, 2, 1);                      /* after "\r\n" */
  CHECK_LC(s, 14, 2, 6);                     /* 'web' */
  CHECK_EQ_STR(line_of(a, s, 1), "team cx"); /* the CR is not part of the shown line */
  CHECK_EQ_STR(line_of(a, s, 2), "team web");
  CHECK_EQ_STR(line_of(a, s, 3), "");
  arena_free(a);
}

TEST(empty_file) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  Source *s = add_text(&set, "");
  CHECK_EQ_INT(s->len, 0);
  CHECK_EQ_INT(s->nlines, 1);
  CHECK_LC(s, 0, 1, 1);
  CHECK_LC(s, 5, 1, 1);
  CHECK_EQ_STR(line_of(a, s, 1), "");
  arena_free(a);
}

TEST(last_line_without_newline) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  Source *s = add_text(&set, "stage a\nstage b");
  CHECK_EQ_INT(s->nlines, 2);
  CHECK_EQ_STR(line_of(a, s, 1), "stage a");
  CHECK_EQ_STR(line_of(a, s, 2), "stage b");
  CHECK_LC(s, 14, 2, 7);
  CHECK_LC(s, 15, 2, 8); /* end of file: one past the last character */
  arena_free(a);
}

TEST(line_text_out_of_range) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  Source *s = add_text(&set, "one\ntwo\n");
  uint32_t len = 77;
  const char *p = source_line_text(s, 0, &len);
  CHECK_EQ_INT(len, 0);
  CHECK_EQ_STR(p, "");
  len = 77;
  source_line_text(s, 4, &len);
  CHECK_EQ_INT(len, 0);
  CHECK_EQ_STR(line_of(a, s, 2), "two");
  arena_free(a);
}

TEST(lone_cr_is_not_a_line_break) {
  Arena *a = arena_new(NULL);
  SourceSet set;
  source_set_init(&set, a);
  Source *s = add_text(&set, "a\rb\n");
  CHECK_EQ_INT(s->nlines, 2);
  CHECK_LC(s, 2, 1, 3);
  arena_free(a);
}

TEST(span_make_and_join) {
  Span a = span_make(2, 10, 15);
  CHECK_EQ_INT(a.file, 2);
  CHECK_EQ_INT(a.start, 10);
  CHECK_EQ_INT(a.end, 15);
  Span b = span_make(2, 20, 30);
  Span j = span_join(a, b);
  CHECK_EQ_INT(j.file, 2);
  CHECK_EQ_INT(j.start, 10);
  CHECK_EQ_INT(j.end, 30);
  j = span_join(b, a); /* order does not matter */
  CHECK_EQ_INT(j.start, 10);
  CHECK_EQ_INT(j.end, 30);
  j = span_join(span_make(2, 5, 40), b); /* containing span stays as it is */
  CHECK_EQ_INT(j.start, 5);
  CHECK_EQ_INT(j.end, 40);
  j = span_join(a, a);
  CHECK_EQ_INT(j.start, 10);
  CHECK_EQ_INT(j.end, 15);
  j = span_join(a, span_make(3, 0, 100)); /* another file: the first span is kept */
  CHECK_EQ_INT(j.file, 2);
  CHECK_EQ_INT(j.start, 10);
  CHECK_EQ_INT(j.end, 15);
}

int main(void) {
  RUN(add_copies_names_and_indexes_lines);
  RUN(many_sources_keep_their_indices);
  RUN(ascii_line_and_column);
  RUN(columns_count_code_points);
  RUN(crlf_line_endings);
  RUN(empty_file);
  RUN(last_line_without_newline);
  RUN(line_text_out_of_range);
  RUN(lone_cr_is_not_a_line_break);
  RUN(span_make_and_join);
  return unit_report();
}
