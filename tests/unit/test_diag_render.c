/* test_diag_render.c — unit tests for runtime/out/diag_render.c: the text form of a diagnostic
 * (first line, excerpt, caret, notes, help, colour), the escapes that keep user text from
 * reaching the terminal raw, the long-line window, the summary line, and the JSON form read
 * back with jansson. Diagnostics are made by hand here, so every case is independent of the
 * parser's and resolver's wording. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "diag_render.h"
#include "source.h"
#include "strbuf.h"
#include "unit.h"

typedef struct Fixture {
  Arena *a;
  SourceSet set;
  DiagList list;
} Fixture;

static void fx_init(Fixture *f) {
  f->a = arena_new(NULL);
  source_set_init(&f->set, f->a);
  diag_list_init(&f->list, f->a);
}

static uint32_t fx_add(Fixture *f, const char *name, const char *text) {
  return source_add(&f->set, name, name, text, (uint32_t)strlen(text));
}

/* The span of the first occurrence of needle in file's text. */
static Span at(const Fixture *f, uint32_t file, const char *needle) {
  const char *text = f->set.items[file]->text;
  const char *p = strstr(text, needle);
  uint32_t start = p ? (uint32_t)(p - text) : 0;
  return span_make(file, start, start + (uint32_t)strlen(needle));
}

static const char *render(Fixture *f, const Diag *d, bool color) {
  StrBuf sb;
  sb_init(&sb, f->a);
  DiagRenderOptions opt = {color};
  diag_render_text(&sb, &f->set, d, &opt);
  return arena_strdup(f->a, sb_str(&sb));
}

TEST(brief_example) {
  Fixture f;
  fx_init(&f);
  StrBuf src;
  sb_init(&src, f.a);
  for (int i = 1; i <= 40; i++) sb_printf(&src, "// line %d\n", i);
  sb_puts(&src, "  stage purchse\n");
  uint32_t file = fx_add(&f, "grocery.jny", sb_str(&src));
  Diag *d = diag_add(&f.list, D_UNKNOWN_REF, at(&f, file, "purchse"), "unknown stage 'purchse'");
  diag_help(&f.list, d, "did you mean 'purchase'? (declared at grocery.jny:8:7)");
  CHECK_EQ_STR(render(&f, d, false),
               "grocery.jny:41:9: error[E0203]: unknown stage 'purchse'\n"
               "   41 |   stage purchse\n"
               "      |         ^^^^^^^\n"
               "      = help: did you mean 'purchase'? (declared at grocery.jny:8:7)\n");
  arena_free(f.a);
}

TEST(no_span) {
  Fixture f;
  fx_init(&f);
  Diag *d = diag_add_global(&f.list, D_IO, "cannot read 'x.jny'");
  diag_note_plain(&f.list, d, "a note");
  diag_help(&f.list, d, "a help");
  CHECK_EQ_STR(render(&f, d, false), "jny: error[E0001]: cannot read 'x.jny'\n"
                                     "   = note: a note\n"
                                     "   = help: a help\n");
  arena_free(f.a);
}

TEST(notes_with_and_without_span) {
  Fixture f;
  fx_init(&f);
  uint32_t a = fx_add(&f, "a.jny", "stage buy\n");
  uint32_t b = fx_add(&f, "b.jny", "\n\n\n\n\n\n\n\n\nstage buy\n");
  Diag *d = diag_add(&f.list, D_DUPLICATE, at(&f, b, "buy"), "duplicate id 'buy'");
  diag_note(&f.list, d, at(&f, a, "buy"), "first declared here");
  diag_note_plain(&f.list, d, "ids are unique across all files");
  /* the gutter is as wide as the widest line number of the whole diagnostic */
  CHECK_EQ_STR(render(&f, d, false), "b.jny:10:7: error[E0201]: duplicate id 'buy'\n"
                                     "   10 | stage buy\n"
                                     "      |       ^^^\n"
                                     "a.jny:1:7: note: first declared here\n"
                                     "    1 | stage buy\n"
                                     "      |       ^^^\n"
                                     "      = note: ids are unique across all files\n");
  arena_free(f.a);
}

TEST(warning_and_info_labels) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "w.jny", "x\n");
  Diag *w = diag_add_sev(&f.list, D_UNKNOWN_ATTR, SEV_WARNING, true, at(&f, file, "x"), "w");
  Diag *i = diag_add_sev(&f.list, D_UNKNOWN_ATTR, SEV_INFO, true, at(&f, file, "x"), "i");
  CHECK(strncmp(render(&f, w, false), "w.jny:1:1: warning[E0301]: w\n", 29) == 0);
  CHECK(strncmp(render(&f, i, false), "w.jny:1:1: info[E0301]: i\n", 26) == 0);
  arena_free(f.a);
}

TEST(span_past_line_end_and_empty_span) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "s.jny", "team x {\n  lead\n}");
  Span s = at(&f, file, "{");
  s.end = f.set.items[file]->len; /* the whole block: underlined to the end of its first line */
  Diag *d = diag_add(&f.list, D_UNCLOSED, s, "block");
  CHECK_EQ_STR(render(&f, d, false), "s.jny:1:8: error[E0151]: block\n"
                                     "   1 | team x {\n"
                                     "     |        ^\n");
  Span e = at(&f, file, "lead");
  e.start = e.end; /* empty span just after 'lead', at the line end */
  d = diag_add(&f.list, D_SYNTAX, e, "empty");
  CHECK_EQ_STR(render(&f, d, false), "s.jny:2:7: error[E0150]: empty\n"
                                     "   2 |   lead\n"
                                     "     |       ^\n");
  uint32_t len = f.set.items[file]->len;
  d = diag_add(&f.list, D_SYNTAX, span_make(file, len, len), "at end of file");
  CHECK_EQ_STR(render(&f, d, false), "s.jny:3:2: error[E0150]: at end of file\n"
                                     "   3 | }\n"
                                     "     |  ^\n");
  arena_free(f.a);
}

TEST(span_clamped_into_source) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "c.jny", "ab\n");
  Diag *d = diag_add(&f.list, D_SYNTAX, span_make(file, 1000, 2000), "far");
  CHECK_EQ_STR(render(&f, d, false), "c.jny:2:1: error[E0150]: far\n"
                                     "   2 |\n"
                                     "     | ^\n");
  d = diag_add(&f.list, D_SYNTAX, span_make(file, 2, 1), "reversed");
  CHECK_EQ_STR(render(&f, d, false), "c.jny:1:3: error[E0150]: reversed\n"
                                     "   1 | ab\n"
                                     "     |   ^\n");
  d = diag_add(&f.list, D_SYNTAX, span_make(7, 0, 1), "no such file");
  CHECK_EQ_STR(render(&f, d, false), "jny: error[E0150]: no such file\n");
  arena_free(f.a);
}

TEST(tabs_align) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "t.jny", "\tstage\tbuy\n");
  Diag *d = diag_add(&f.list, D_SYNTAX, at(&f, file, "buy"), "tab");
  CHECK_EQ_STR(render(&f, d, false), "t.jny:1:8: error[E0150]: tab\n"
                                     "   1 | \tstage\tbuy\n"
                                     "     | \t     \t^^^\n");
  /* a tab inside the span gets carets up to the next tab stop: the gutter is 7 columns, so the
   * first tab takes 1 and the second (at column 13) 3 */
  d = diag_add(&f.list, D_SYNTAX, at(&f, file, "\tstage\t"), "tabs in span");
  CHECK_EQ_STR(render(&f, d, false), "t.jny:1:1: error[E0150]: tabs in span\n"
                                     "   1 | \tstage\tbuy\n"
                                     "     | ^^^^^^^^^\n");
  arena_free(f.a);
}

TEST(code_points_not_bytes) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "u.jny", "x \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\" y\n");
  Diag *d = diag_add(&f.list, D_SYNTAX, at(&f, file, "y"), "after");
  CHECK_EQ_STR(render(&f, d, false), "u.jny:1:9: error[E0150]: after\n"
                                     "   1 | x \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\" y\n"
                                     "     |         ^\n");
  d = diag_add(&f.list, D_SYNTAX, at(&f, file, "\xc3\xa9\xe2\x82\xac"), "two");
  CHECK(strstr(render(&f, d, false), "     |    ^^\n") != NULL);
  arena_free(f.a);
}

TEST(escapes_in_source_and_message) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "e\x1b.jny", "a \x1b[2J \xff b \xe2\x80\xae c\x7f\n");
  Diag *d = diag_add(&f.list, D_BAD_CHAR, at(&f, file, "b"), "msg \x1b]0;t\x07 and\nnext");
  CHECK_EQ_STR(render(&f, d, false),
               "e\\x1b.jny:1:10: error[E0102]: msg \\x1b]0;t\\x07 and\\nnext\n"
               "   1 | a \\x1b[2J \\xff b \\u{202e} c\\x7f\n"
               "     |                ^\n");
  /* a span over an escaped character underlines its whole visible escape */
  d = diag_add(&f.list, D_BAD_CHAR, span_make(file, 2, 3), "esc");
  CHECK(strstr(render(&f, d, false), "     |   ^^^^\n") != NULL);
  arena_free(f.a);
}

TEST(crlf_and_bom) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "w.jny", "\xef\xbb\xbfstage a\r\nstage b\r\n");
  Diag *d = diag_add(&f.list, D_SYNTAX, at(&f, file, "b"), "b");
  CHECK_EQ_STR(render(&f, d, false), "w.jny:2:7: error[E0150]: b\n"
                                     "   2 | stage b\n"
                                     "     |       ^\n");
  Span cr = at(&f, file, "\r");
  d = diag_add(&f.list, D_SYNTAX, cr, "on the CR");
  CHECK(strstr(render(&f, d, false), "   1 | stage a\n     |        ^\n") != NULL);
  d = diag_add(&f.list, D_SYNTAX, span_make(file, 9, 10), "bom not shown"); /* the 'a' */
  CHECK(strstr(render(&f, d, false), "   1 | stage a\n     |       ^\n") != NULL);
  arena_free(f.a);
}

TEST(long_line_window) {
  Fixture f;
  fx_init(&f);
  StrBuf src;
  sb_init(&src, f.a);
  for (int i = 0; i < 1000; i++) sb_putc(&src, (char)('a' + i % 26));
  sb_putc(&src, '\n');
  uint32_t file = fx_add(&f, "l.jny", sb_str(&src));
  Diag *d = diag_add(&f.list, D_SYNTAX, span_make(file, 600, 605), "far");
  const char *out = render(&f, d, false);
  const char *row = strchr(out, '\n') + 1;
  const char *caret = strchr(row, '\n') + 1;
  CHECK(strncmp(row, "   1 | ...", 10) == 0);
  CHECK_EQ_INT(strchr(row, '\n') - row, 7 + 3 + DIAG_RENDER_MAX_LINE + 3);
  /* the window starts 50 characters before the span: the caret is at 7 + 3 + 50 */
  CHECK_EQ_INT(strspn(caret + 7, " "), 3 + 50);
  CHECK(strncmp(caret + 7 + 53, "^^^^^\n", 6) == 0);
  CHECK(row[7 + 3 + 50] == (char)('a' + 600 % 26));
  d = diag_add(&f.list, D_SYNTAX, span_make(file, 3, 4), "near");
  out = render(&f, d, false);
  row = strchr(out, '\n') + 1;
  CHECK(strncmp(row, "   1 | abcdef", 13) == 0);
  CHECK(strstr(row, "...\n") != NULL);
  arena_free(f.a);
}

TEST(long_line_window_counts_escapes_as_their_width) {
  Fixture f;
  fx_init(&f);
  StrBuf src;
  sb_init(&src, f.a);
  for (int i = 0; i < 1000; i++) sb_putc(&src, '\x01');
  uint32_t file = fx_add(&f, "bin.jny", sb_str(&src));
  Diag *d = diag_add(&f.list, D_BAD_CHAR, span_make(file, 600, 601), "ctl");
  const char *out = render(&f, d, false);
  const char *row = strchr(out, '\n') + 1;
  const char *caret = strchr(row, '\n') + 1;
  size_t row_len = (size_t)(strchr(row, '\n') - row);
  CHECK(row_len <= 7 + 3 + DIAG_RENDER_MAX_LINE + 3);
  CHECK(row_len > 7 + 3 + DIAG_RENDER_MAX_LINE - 4);
  size_t pad = strspn(caret + 7, " ");
  CHECK(strncmp(caret + 7 + pad, "^^^^\n", 5) == 0);
  CHECK(strncmp(row + 7 + pad, "\\x01", 4) == 0); /* the caret is under an escape */
  arena_free(f.a);
}

TEST(colour) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "k.jny", "stage x\n");
  Diag *d = diag_add(&f.list, D_SYNTAX, at(&f, file, "x"), "m");
  diag_help(&f.list, d, "h");
  const char *out = render(&f, d, true);
  CHECK(strstr(out, "\x1b[1mk.jny:1:7: \x1b[1;31merror[E0150]\x1b[0m\x1b[1m: m\x1b[0m\n") != NULL);
  CHECK(strstr(out, "\x1b[1;31m^\x1b[0m") != NULL);
  d = diag_add_sev(&f.list, D_SYNTAX, SEV_WARNING, true, at(&f, file, "x"), "w");
  CHECK(strstr(render(&f, d, true), "\x1b[1;33mwarning[E0150]") != NULL);
  CHECK(strchr(render(&f, d, false), '\x1b') == NULL);
  arena_free(f.a);
}

static const char *summary(char buf[128], size_t e, size_t w, size_t i, size_t files) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  list.errors = e, list.warnings = w, list.infos = i;
  StrBuf sb;
  sb_init(&sb, a);
  diag_render_summary(&sb, &list, files, NULL);
  snprintf(buf, 128, "%s", sb_str(&sb));
  arena_free(a);
  return buf;
}

TEST(summary_line) {
  char b[128];
  CHECK_EQ_STR(summary(b, 0, 0, 0, 1), "no problems in 1 file\n");
  CHECK_EQ_STR(summary(b, 0, 0, 0, 3), "no problems in 3 files\n");
  CHECK_EQ_STR(summary(b, 1, 0, 0, 1), "1 error in 1 file\n");
  CHECK_EQ_STR(summary(b, 2, 3, 0, 4), "2 errors, 3 warnings in 4 files\n");
  CHECK_EQ_STR(summary(b, 0, 1, 0, 2), "1 warning in 2 files\n");
  CHECK_EQ_STR(summary(b, 1, 1, 2, 1), "1 error, 1 warning, 2 infos in 1 file\n");
  CHECK_EQ_STR(summary(b, 0, 0, 1, 0), "1 info in 0 files\n");
}

static json_t *to_json(Fixture *f, size_t nfiles) {
  json_t *root = json_object();
  CHECK(diag_render_json(root, f->a, &f->set, &f->list, nfiles));
  char *text = json_dumps(root, JSON_PRESERVE_ORDER);
  json_decref(root);
  json_error_t err;
  json_t *back = json_loads(text, 0, &err); /* must parse back: valid JSON */
  CHECK(back != NULL);
  free(text);
  return back;
}

TEST(json_fields) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "j.jny", "stage a\n  x \"\xc3\xa9\" bad\n");
  Diag *d = diag_add(&f.list, D_UNKNOWN_REF, at(&f, file, "bad"), "unknown '%s'", "bad");
  diag_note(&f.list, d, span_make(file, 6, 7), "see"); /* the 'a' */
  diag_note_plain(&f.list, d, "plain");
  diag_add_global(&f.list, D_IO, "global");
  json_t *root = to_json(&f, 1);
  CHECK_EQ_INT(json_integer_value(json_object_get(root, "version")), 1);
  json_t *diags = json_object_get(root, "diagnostics");
  CHECK_EQ_INT(json_array_size(diags), 2);
  json_t *j = json_array_get(diags, 0);
  CHECK_EQ_STR(json_string_value(json_object_get(j, "code")), "E0203");
  CHECK_EQ_STR(json_string_value(json_object_get(j, "severity")), "error");
  CHECK_EQ_STR(json_string_value(json_object_get(j, "message")), "unknown 'bad'");
  CHECK_EQ_STR(json_string_value(json_object_get(j, "file")), "j.jny");
  CHECK_EQ_INT(json_integer_value(json_object_get(j, "line")), 2);
  CHECK_EQ_INT(json_integer_value(json_object_get(j, "column")), 9); /* é is one column */
  CHECK_EQ_INT(json_integer_value(json_object_get(j, "end_line")), 2);
  CHECK_EQ_INT(json_integer_value(json_object_get(j, "end_column")), 12);
  json_t *span = json_object_get(j, "span");
  CHECK_EQ_INT(json_integer_value(json_object_get(span, "start")), 17);
  CHECK_EQ_INT(json_integer_value(json_object_get(span, "end")), 20);
  json_t *notes = json_object_get(j, "notes");
  CHECK_EQ_INT(json_array_size(notes), 2);
  CHECK_EQ_INT(json_integer_value(json_object_get(json_array_get(notes, 0), "column")), 7);
  CHECK(json_is_null(json_object_get(json_array_get(notes, 1), "file")));
  CHECK(json_is_null(json_object_get(j, "help")));
  json_t *g = json_array_get(diags, 1);
  CHECK(json_is_null(json_object_get(g, "file")));
  CHECK(json_is_null(json_object_get(g, "line")));
  CHECK(json_is_null(json_object_get(g, "span")));
  json_t *sum = json_object_get(root, "summary");
  CHECK_EQ_INT(json_integer_value(json_object_get(sum, "errors")), 2);
  CHECK_EQ_INT(json_integer_value(json_object_get(sum, "files")), 1);
  json_decref(root);
  arena_free(f.a);
}

TEST(json_key_order) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "o.jny", "x\n");
  diag_add(&f.list, D_SYNTAX, at(&f, file, "x"), "m");
  json_t *root = json_object();
  CHECK(diag_render_json(root, f.a, &f.set, &f.list, 1));
  char *text = json_dumps(root, JSON_PRESERVE_ORDER | JSON_COMPACT);
  CHECK_EQ_STR(text, "{\"version\":1,\"diagnostics\":[{\"code\":\"E0150\",\"severity\":\"error\","
                     "\"message\":\"m\",\"file\":\"o.jny\",\"line\":1,\"column\":1,\"end_line\":1,"
                     "\"end_column\":2,\"span\":{\"start\":0,\"end\":1},\"notes\":[],"
                     "\"help\":null}],"
                     "\"summary\":{\"errors\":1,\"warnings\":0,\"infos\":0,\"files\":1}}");
  free(text);
  json_decref(root);
  arena_free(f.a);
}

TEST(json_invalid_utf8_and_controls) {
  Fixture f;
  fx_init(&f);
  uint32_t file = fx_add(&f, "bad\xff.jny", "x\n");
  diag_add(&f.list, D_SYNTAX, at(&f, file, "x"), "m \xc3\x28 \x1b[1m \xed\xa0\x80");
  json_t *root = to_json(&f, 1);
  json_t *d = json_array_get(json_object_get(root, "diagnostics"), 0);
  CHECK_EQ_STR(json_string_value(json_object_get(d, "file")), "bad\xef\xbf\xbd.jny");
  CHECK_EQ_STR(json_string_value(json_object_get(d, "message")),
               "m \xef\xbf\xbd( \x1b[1m \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  json_decref(root);
  arena_free(f.a);
}

TEST(escape_helper) {
  Arena *a = arena_new(NULL);
  StrBuf sb;
  sb_init(&sb, a);
  diag_escape(&sb, "ok\tstill \xc2\x9b \xe2\x81\xa6 \xe2\x80\xa8 \xf0\x9f\x98\x80", 24);
  CHECK_EQ_STR(sb_str(&sb), "ok\tstill \\u{9b} \\u{2066} \\u{2028} \xf0\x9f\x98\x80");
  sb_init(&sb, a);
  diag_escape(&sb, "\xe0\x80\xaf \xf4\x90\x80\x80 \xe2\x82", 11); /* overlong, > U+10FFFF, cut */
  CHECK_EQ_STR(sb_str(&sb), "\\xe0\\x80\\xaf \\xf4\\x90\\x80\\x80 \\xe2\\x82");
  arena_free(a);
}

int main(void) {
  RUN(brief_example);
  RUN(no_span);
  RUN(notes_with_and_without_span);
  RUN(warning_and_info_labels);
  RUN(span_past_line_end_and_empty_span);
  RUN(span_clamped_into_source);
  RUN(tabs_align);
  RUN(code_points_not_bytes);
  RUN(escapes_in_source_and_message);
  RUN(crlf_and_bom);
  RUN(long_line_window);
  RUN(long_line_window_counts_escapes_as_their_width);
  RUN(colour);
  RUN(summary_line);
  RUN(json_fields);
  RUN(json_key_order);
  RUN(json_invalid_utf8_and_controls);
  RUN(escape_helper);
  return unit_report();
}
