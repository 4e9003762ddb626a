/* test_render.c — unit tests for runtime/render/render_text.c (escaping, wrapping, colours and
 * numbers the views share) and runtime/render/render_gv.c (drawing DOT in memory, Graphviz's
 * messages as diagnostics). The views themselves are tested end to end by tests/cli/render.sh. */
#include <string.h>

#include "render.h"
#include "unit.h"

static const char *dot_string(Arena *a, const char *s) {
  StrBuf sb;
  sb_init(&sb, a);
  render_put_dot_string(&sb, s);
  return sb_str(&sb);
}

static const char *html(Arena *a, const char *s, size_t width) {
  StrBuf sb;
  sb_init(&sb, a);
  render_put_html(&sb, s, width);
  return sb_str(&sb);
}

TEST(dot_strings_escape_quotes_and_backslashes) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(dot_string(a, "plain"), "\"plain\"");
  CHECK_EQ_STR(dot_string(a, "say \"hi\""), "\"say \\\"hi\\\"\"");
  CHECK_EQ_STR(dot_string(a, "C:\\new \\N end\\"), "\"C:\\\\new \\\\N end\\\\\"");
  CHECK_EQ_STR(dot_string(a, "two\nlines\ttab"), "\"two\\nlines tab\"");
  CHECK_EQ_STR(dot_string(a, NULL), "\"\"");
  arena_free(a);
}

TEST(tooltips_keep_escape_letters_literal) {
  Arena *a = arena_new(NULL);
  StrBuf sb;
  sb_init(&sb, a);
  render_put_dot_tooltip(&sb, "a\\N b\\x");
  /* the backslash doubled, a word joiner before N only */
  CHECK_EQ_STR(sb_str(&sb), "\"a\\\\\xe2\x81\xa0N b\\\\x\"");
  arena_free(a);
}

TEST(html_text_is_xml_escaped) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(html(a, "<script>\"x\"</script> & 'q' \\N", 0),
               "&lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; &#39;q&#39; \\\\N");
  CHECK_EQ_STR(html(a, "bell\a", 0), "bell ");
  arena_free(a);
}

TEST(wrapping_breaks_at_spaces_and_inside_long_words) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(html(a, "one two three", 7), "one two<BR/>three");
  CHECK_EQ_STR(html(a, "abcdefghij", 4), "abcd<BR/>efgh<BR/>ij");
  CHECK_EQ_STR(html(a, "line\nnext", 0), "line<BR/>next");
  CHECK_EQ_INT(render_count_lines("one two three", 7), 2);
  CHECK_EQ_INT(render_count_lines("", 7), 0);
  CHECK_EQ_INT(render_count_lines("abcdefghij", 4), 3);
  /* characters, not bytes: five two-byte letters fit in five */
  CHECK_EQ_INT(render_count_lines("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 5), 1);
  arena_free(a);
}

TEST(colours_and_numbers) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(render_emotion_color(-3), "#c51b7d");
  CHECK_EQ_STR(render_emotion_color(0), "#f7f7f7");
  CHECK_EQ_STR(render_emotion_color(2.6), "#4d9221");
  CHECK(render_emotion_dark(-3) && !render_emotion_dark(1));
  CHECK_EQ_STR(render_format_score(a, 0), "0");
  CHECK_EQ_STR(render_format_score(a, 2), "+2");
  CHECK_EQ_STR(render_format_score(a, -1.5), "-1.5");
  CHECK_EQ_STR(render_format_percent(a, 0.45), "45%");
  CHECK_EQ_STR(render_format_percent(a, 0.125), "12.5%");
  arena_free(a);
}

/* One backend for the whole program, as Graphviz wants one context per process. */
static RenderBackend *backend;

TEST(draw_dot_to_svg_in_memory) {
  Arena *a = arena_new(NULL);
  DiagList diags;
  diag_list_init(&diags, a);
  const char *src = "digraph g { subgraph cluster_b { label=\"B\" y } subgraph cluster_a {"
                    " label=\"A\" x } x -> y }";
  RenderGraph g = {src, strlen(src), "dot"};
  const char *out = NULL;
  size_t len = 0;
  CHECK(render_draw(backend, &g, RENDER_FORMAT_SVG, &out, &len, &diags));
  CHECK(out && len > 100 && strstr(out, "</svg>"));
  /* clusters come out in creation order (the id discipline), not by name address */
  const char *b = out ? strstr(out, "cluster_b") : NULL, *c = out ? strstr(out, "cluster_a") : NULL;
  CHECK(b && c && b < c);
  CHECK_EQ_INT(diags.len, 0);
  CHECK(render_draw(backend, &g, RENDER_FORMAT_DOT, &out, &len, &diags));
  CHECK_EQ_STR(out, src);
  arena_free(a);
}

TEST(graphviz_errors_become_diagnostics) {
  Arena *a = arena_new(NULL);
  DiagList diags;
  diag_list_init(&diags, a);
  const char *src = "digraph g { a -> }";
  RenderGraph g = {src, strlen(src), "dot"};
  const char *out = NULL;
  size_t len = 0;
  CHECK(!render_draw(backend, &g, RENDER_FORMAT_SVG, &out, &len, &diags));
  CHECK(diags.errors >= 1);
  CHECK(diags.len >= 1 && diags.items[0]->code == D_GRAPHVIZ);
  CHECK(diags.len >= 1 && strstr(diags.items[0]->message, "syntax error"));
  arena_free(a);
}

int main(void) {
  Arena *backend_arena = arena_new(NULL);
  backend = render_backend_open(backend_arena);
  RUN(dot_strings_escape_quotes_and_backslashes);
  RUN(tooltips_keep_escape_letters_literal);
  RUN(html_text_is_xml_escaped);
  RUN(wrapping_breaks_at_spaces_and_inside_long_words);
  RUN(colours_and_numbers);
  RUN(draw_dot_to_svg_in_memory);
  RUN(graphviz_errors_become_diagnostics);
  render_backend_close(backend);
  arena_free(backend_arena);
  return unit_report();
}
