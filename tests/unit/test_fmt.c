/* test_fmt.c — unit tests of the formatter (runtime/fmt.c, runtime/fmt_expr.c): the layout of
 * small inputs, comment placement, blank lines, parentheses, and over every .jny file of
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

/* ---- the tree without spans, as text ------------------------------------------------------ */

static void dump_expr(StrBuf *sb, const Expr *e);

static void dump_list(StrBuf *sb, const ExprList *l) {
  sb_putc(sb, '[');
  for (size_t i = 0; i < l->len; i++) {
    if (i) sb_putc(sb, ',');
    dump_expr(sb, l->items[i]);
  }
  sb_putc(sb, ']');
}

static void dump_opt(StrBuf *sb, const Expr *e) {
  if (e)
    dump_expr(sb, e);
  else
    sb_puts(sb, "-");
}

static void dump_expr(StrBuf *sb, const Expr *e) {
  sb_printf(sb, "(%d ", (int)e->kind);
  switch (e->kind) {
  case EX_NUMBER: sb_printf(sb, "%.17g%s", e->as.num.value, e->as.num.percent ? "%" : ""); break;
  case EX_STRING:
  case EX_INTERP:
    sb_printf(sb, "%d:", (int)e->as.str.triple);
    sb_add(sb, e->as.str.text, e->as.str.len);
    break;
  case EX_DATE: sb_printf(sb, "%d", (int)e->as.date.days); break;
  case EX_DURATION: sb_printf(sb, "%.17g", e->as.dur.seconds); break;
  case EX_BOOL: sb_printf(sb, "%d", (int)e->as.boolean); break;
  case EX_NAME: sb_puts(sb, e->as.name.id.text); break;
  case EX_MEMBER:
    dump_expr(sb, e->as.member.object);
    sb_printf(sb, ".%s", e->as.member.field.text);
    break;
  case EX_CALL:
    sb_puts(sb, e->as.call.fn.text);
    dump_list(sb, &e->as.call.args);
    break;
  case EX_LIST: dump_list(sb, &e->as.list); break;
  case EX_UNARY:
    sb_printf(sb, "%s ", ast_op_text(e->as.unary.op));
    dump_expr(sb, e->as.unary.operand);
    break;
  case EX_BINARY:
    sb_printf(sb, "%s ", ast_op_text(e->as.binary.op));
    dump_expr(sb, e->as.binary.lhs);
    dump_expr(sb, e->as.binary.rhs);
    break;
  case EX_QUANT:
    sb_printf(sb, "%d %s ", (int)e->as.quant.is_all, e->as.quant.var.text);
    dump_expr(sb, e->as.quant.coll);
    dump_opt(sb, e->as.quant.cond);
    dump_expr(sb, e->as.quant.body);
    break;
  case EX_COMPREHENSION:
    sb_printf(sb, "%s ", e->as.comp.var.text);
    dump_expr(sb, e->as.comp.body);
    dump_expr(sb, e->as.comp.coll);
    dump_opt(sb, e->as.comp.cond);
    break;
  default: break;
  }
  sb_putc(sb, ')');
}

static void dump_args(StrBuf *sb, const Arg *args, size_t n) {
  for (size_t i = 0; i < n; i++) {
    sb_puts(sb, args[i].comma_before ? " ," : " ");
    dump_expr(sb, args[i].value);
  }
}

/* Each form's own fields only: the forms share storage (ast.h). */
static void dump_attr(StrBuf *sb, const Attr *a) {
  bool has_var =
      a->form == AF_EDGE || a->form == AF_FOR || a->form == AF_FROM || a->form == AF_ASSIGN;
  sb_printf(sb, "\n  %d %s %s", (int)a->form, a->name.text ? a->name.text : "-",
            has_var && a->var.text ? a->var.text : "-");
  if (a->form == AF_ARGS || a->form == AF_EDGE) {
    dump_args(sb, a->args, a->nargs);
    return;
  }
  if (a->form != AF_SELECT && a->form != AF_ORDER) {
    if (a->expr) dump_expr(sb, a->expr);
    if (a->form == AF_FOR && a->cond) dump_expr(sb, a->cond);
    if (a->form == AF_TARGET) sb_printf(sb, " op %d", (int)a->op);
    return;
  }
  for (size_t i = 0; i < a->nitems; i++) {
    const Item *it = &a->items[i];
    dump_expr(sb, it->expr);
    sb_printf(sb, " as %s dir %d%d", it->alias.text ? it->alias.text : "-", (int)it->has_dir,
              (int)it->desc);
  }
}

static const char *dump_file(Arena *a, const AstFile *f) {
  StrBuf sb;
  sb_init(&sb, a);
  for (size_t i = 0; i < f->ndecls; i++) {
    const Decl *d = f->decls[i];
    sb_printf(&sb, "\n%s use=%s/%d name=%s data=%s block=%d", ast_decl_kind_name(d->kind),
              d->use_target ? d->use_target : "-", (int)d->use_is_module,
              d->name.text ? d->name.text : "-", d->data_path ? d->data_path : "-",
              (int)d->has_block);
    for (size_t k = 0; k < d->nchain; k++) sb_printf(&sb, " ->%s", d->chain[k].text);
    dump_args(&sb, d->args, d->nargs);
    if (d->expr) dump_expr(&sb, d->expr);
    for (size_t k = 0; k < d->nattrs; k++) dump_attr(&sb, d->attrs[k]);
  }
  return sb_str(&sb);
}

/* The comments' texts in order, line comments without their trailing blanks. */
static const char *dump_comments(Arena *a, const Parsed *p) {
  StrBuf sb;
  sb_init(&sb, a);
  for (size_t i = 0; i < p->ast->ncomments; i++) {
    Span s = p->ast->comments[i].span;
    uint32_t end = s.end;
    if (!p->ast->comments[i].block)
      while (end > s.start && strchr(" \t\r", p->src->text[end - 1])) end--;
    sb_add(&sb, p->src->text + s.start, end - s.start);
    sb_putc(&sb, '\n');
  }
  return sb_str(&sb);
}

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
      if (strcmp(dump_file(a, in.ast), dump_file(a, out.ast)) != 0)
        CHECK_EQ_STR(path, "tree changed by formatting");
      CHECK_EQ_STR(dump_comments(a, &in), dump_comments(a, &out));
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
