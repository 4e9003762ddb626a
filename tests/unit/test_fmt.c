/* test_fmt.c — unit tests of the formatter (runtime/out/fmt.c, runtime/out/fmt_expr.c): the layout
 * of small inputs, comment placement, blank lines, parentheses, and over every .jny file of
 * examples/, tests/ and stdlib/ that parses: the output parses, its tree (without spans) is the
 * tree of the input, its comments are the input's in the same order, and formatting it again
 * changes nothing. Runs from the repository root (tests/run.sh does). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fileio.h"
#include "fmt.h"
#include "parse.h"
#include "unit.h"

typedef struct Parsed {
  SourceSet sources;
  DiagList diags;
  AstFile *ast;
  const Source *src;
} Parsed;

static void parse_text(Arena *a, const char *text, size_t len, Parsed *p) {
  diag_list_init(&p->diags, a);
  source_set_init(&p->sources, a);
  uint32_t f = source_add(&p->sources, "t.jny", NULL, text, (uint32_t)len);
  ParseInput in = {a, &p->diags, &p->sources, f};
  p->ast = parse_file(&in);
  p->src = source_get(&p->sources, f);
}

static const char *format(Arena *a, const char *text) {
  Parsed p;
  parse_text(a, text, strlen(text), &p);
  if (p.diags.errors) return "<syntax error>";
  size_t len;
  return fmt_file(a, p.src, p.ast, &len);
}

/* The tree without spans, as text: tests/ast_dump.h. */
#include "../ast_dump.h"

/* ---- small cases -------------------------------------------------------------------------- */

#define CHECK_FMT(input, expected)                                                                 \
  do {                                                                                             \
    Arena *a_ = arena_new(NULL);                                                                   \
    CHECK_EQ_STR(format(a_, input), expected);                                                     \
    arena_free(a_);                                                                                \
  } while (0)

TEST(layout_of_blocks) {
  CHECK_FMT("touchpoint t \"T\"\n{\n      stage a ;channel web\n\n\n  emotion -2 \"sad\" }\n",
            "touchpoint t \"T\" {\n  stage a\n  channel web\n\n  emotion -2 \"sad\"\n}\n");
  CHECK_FMT("journey \"J\" {}\n", "journey \"J\" {}\n");
  CHECK_FMT("persona p \"P\" {\n\n  channels app,web ,  email\n\n}\n",
            "persona p \"P\" {\n  channels app, web, email\n}\n");
  CHECK_FMT("", "");
  CHECK_FMT("\n\n  \n", "");
}

TEST(blank_lines_between_declarations) {
  /* one-line declarations of a kind stay together; other kinds and blocks are set apart */
  CHECK_FMT("stage a \"A\"\nstage b \"B\"\nteam t \"T\"\nteam u \"U\"\n\n\n\nteam v \"V\"\n",
            "stage a \"A\"\nstage b \"B\"\n\nteam t \"T\"\nteam u \"U\"\n\nteam v \"V\"\n");
  CHECK_FMT("stage a \"A\"\nstage b \"B\" { goal \"g\" }\nstage c \"C\"\n",
            "stage a \"A\"\n\nstage b \"B\" {\n  goal \"g\"\n}\n\nstage c \"C\"\n");
  CHECK_FMT("team a \"A\"; team b \"B\"\n", "team a \"A\"\nteam b \"B\"\n");
}

TEST(comments_where_they_belong) {
  CHECK_FMT("// head\n\n// of a\nstage a \"A\"   // trailing   \n",
            "// head\n\n// of a\nstage a \"A\" // trailing\n");
  /* a comment directly above a declaration of another kind goes with it */
  CHECK_FMT("stage a \"A\"\n// the teams\nteam t \"T\"\n",
            "stage a \"A\"\n\n// the teams\nteam t \"T\"\n");
  CHECK_FMT("touchpoint t \"T\" { // open\n  stage a /* x */\n  // last\n} // close\n// end\n",
            "touchpoint t \"T\" { // open\n  stage a /* x */\n  // last\n} // close\n\n// end\n");
  /* inside a line: moved above it */
  CHECK_FMT("query q \"Q\" {\n  select a, // first\n    b\n}\n",
            "query q \"Q\" {\n  // first\n  select a, b\n}\n");
  CHECK_FMT("stage /* odd */ a \"A\"\n", "/* odd */\nstage a \"A\"\n");
  CHECK_FMT("/* a\n   b */\nstage a \"A\"\n", "/* a\n   b */\nstage a \"A\"\n");
}

TEST(expressions) {
  CHECK_FMT("let x = 1+2*3\n", "let x = 1 + 2 * 3\n");
  CHECK_FMT("let x = ( 1+2 )*3\n", "let x = (1 + 2) * 3\n");
  CHECK_FMT("let x = ((a))\n", "let x = (a)\n");
  CHECK_FMT("let x = (a) + (b)\n", "let x = (a) + (b)\n");
  CHECK_FMT("let x = f( a )\n", "let x = f(a)\n");
  CHECK_FMT("let x = f((a), b)\n", "let x = f((a), b)\n");
  CHECK_FMT("let x = not(a and b)or c\n", "let x = not (a and b) or c\n");
  CHECK_FMT("let x = a not  in [ b,c, ]\n", "let x = a not in [b, c]\n");
  CHECK_FMT("let x = - -y\n", "let x = -(-y)\n");
  CHECK_FMT("let x = all t in ts where t.e>0:t.e<3\n",
            "let x = all t in ts where t.e > 0: t.e < 3\n");
  CHECK_FMT("let x = [ t.n for t in ts where t.e>0 ]\n",
            "let x = [t.n for t in ts where t.e > 0]\n");
  CHECK_FMT("let x = f(\"(\" , \")\")\n", "let x = f(\"(\", \")\")\n");
}

TEST(literals_as_written) {
  CHECK_FMT("let x = 1_000\nlet y = \"a\\u{41}\\n\\{\"\nlet z = 35%\nlet w = 90s\n",
            "let x = 1_000\nlet y = \"a\\u{41}\\n\\{\"\nlet z = 35%\nlet w = 90s\n");
  CHECK_FMT("journey \"J\" {\ndescription \"\"\"\n    two\n      lines\n    \"\"\"\n}\n",
            "journey \"J\" {\n  description \"\"\"\n    two\n      lines\n    \"\"\"\n}\n");
  CHECK_FMT("touchpoint t \"T\" { emotion -  2 }\n", "touchpoint t \"T\" {\n  emotion -2\n}\n");
}

TEST(clauses) {
  CHECK_FMT("query q \"Q\" { from t in ts\nwhere t.e<0\nselect t.n as n , t.e\n"
            "order t.e desc,t.n\nlimit 3 }\n",
            "query q \"Q\" {\n  from t in ts\n  where t.e < 0\n  select t.n as n, t.e\n"
            "  order t.e desc, t.n\n  limit 3\n}\n");
  CHECK_FMT("kpi k \"K\" { target   >=45%\nmeasure reach(a)/reach(b) }\n",
            "kpi k \"K\" {\n  target >= 45%\n  measure reach(a) / reach(b)\n}\n");
  CHECK_FMT("flow a->b  ->c rate 10%\nuse  std.lint\nuse \"x.jny\"\ndata d from \"d.csv\"\n",
            "flow a -> b -> c rate 10%\n\nuse std.lint\nuse \"x.jny\"\n\ndata d from \"d.csv\"\n");
}

/* ---- every file of the repository --------------------------------------------------------- */

typedef struct Corpus {
  int files, formatted;
} Corpus;

static void check_file(const char *path, Corpus *c) {
  Arena *a = arena_new(NULL);
  FileText ft;
  const char *why;
  if (!file_read_all(a, path, &ft, &why)) {
    CHECK_EQ_STR(path, why);
    arena_free(a);
    return;
  }
  c->files++;
  Parsed in;
  parse_text(a, ft.text, ft.len, &in);
  if (in.diags.errors == 0) {
    c->formatted++;
    size_t len, len2;
    const char *once = fmt_file(a, in.src, in.ast, &len);
    Parsed out;
    parse_text(a, once, len, &out);
    if (out.diags.errors) {
      CHECK_EQ_STR(path, "formatted output does not parse");
    } else {
      if (strcmp(ast_dump_file(a, in.ast), ast_dump_file(a, out.ast)) != 0)
        CHECK_EQ_STR(path, "tree changed by formatting");
      CHECK_EQ_STR(ast_dump_comments(a, in.ast, in.src), ast_dump_comments(a, out.ast, out.src));
      const char *twice = fmt_file(a, out.src, out.ast, &len2);
      if (len != len2 || strcmp(once, twice) != 0) CHECK_EQ_STR(path, "not idempotent");
    }
  }
  arena_free(a);
}

static void walk(const char *dir, Corpus *c) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    struct stat st;
    if (stat(path, &st) != 0) continue;
    size_t n = strlen(e->d_name);
    if (S_ISDIR(st.st_mode))
      walk(path, c);
    else if (n > 4 && strcmp(e->d_name + n - 4, ".jny") == 0)
      check_file(path, c);
  }
  closedir(d);
}

TEST(every_repository_file) {
  Corpus c = {0, 0};
  walk("examples", &c);
  walk("tests", &c);
  walk("stdlib", &c);
  CHECK(c.files >= 40);     /* run from the repository root */
  CHECK(c.formatted >= 20); /* most files parse */
}

int main(void) {
  RUN(layout_of_blocks);
  RUN(blank_lines_between_declarations);
  RUN(comments_where_they_belong);
  RUN(expressions);
  RUN(literals_as_written);
  RUN(clauses);
  RUN(every_repository_file);
  return unit_report();
}
