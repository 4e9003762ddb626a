/* test_parse.c — unit tests of the scanner and the parser (lang/lexer.l, lang/parser.y,
 * lang/parse.c): literals, the newline rule, contextual keywords, precedence, spans, comments,
 * interpolation, clause mode, recovery and dates. */
#include <math.h>
#include <stdlib.h>

#include "parse.h"
#include "unit.h"

typedef struct Fixture {
  Arena *arena;
  DiagList diags;
  SourceSet sources;
  ParseInput in;
} Fixture;

static void fx_init(Fixture *fx, const char *text) {
  fx->arena = arena_new(NULL);
  diag_list_init(&fx->diags, fx->arena);
  source_set_init(&fx->sources, fx->arena);
  uint32_t f = source_add(&fx->sources, "t.jny", NULL, text, (uint32_t)strlen(text));
  fx->in = (ParseInput){fx->arena, &fx->diags, &fx->sources, f};
}

static AstFile *fx_parse(Fixture *fx, const char *text) {
  fx_init(fx, text);
  return parse_file(&fx->in);
}

static Expr *let_value(AstFile *f, size_t i) { return f->decls[i]->expr; }

static const char *span_text(Fixture *fx, Span s) {
  return arena_strndup(fx->arena, fx->sources.items[s.file]->text + s.start, s.end - s.start);
}

TEST(newline_rule) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "stage a \"A\"\nstage b\n\nlet x = 1 +\n  2\nlet y = [1,\n2]\n"
                             "touchpoint t \"T\"\n{\n  stage a; emotion 1 }\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  CHECK_EQ_INT(f->ndecls, 5);
  CHECK_EQ_INT(let_value(f, 2)->kind, EX_BINARY);
  CHECK_EQ_INT(let_value(f, 3)->as.list.len, 2);
  CHECK_EQ_INT(f->decls[4]->nattrs, 2);
  arena_free(fx.arena);
}

TEST(contextual_keywords) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "touchpoint t \"T\" {\n  stage buy\n  channel web\n}\n"
                             "query q { from f in flows; select f.from as from, f.to as stage }\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  CHECK_EQ_INT(f->ndecls, 2);
  Attr *stage = f->decls[0]->attrs[0];
  CHECK_EQ_INT(stage->form, AF_ARGS);
  CHECK_EQ_STR(stage->name.text, "stage");
  Attr *sel = f->decls[1]->attrs[1];
  CHECK_EQ_INT(sel->form, AF_SELECT);
  CHECK_EQ_INT(sel->nitems, 2);
  CHECK_EQ_STR(sel->items[0].alias.text, "from");
  CHECK_EQ_STR(sel->items[0].expr->as.member.field.text, "from");
  CHECK_EQ_STR(sel->items[1].alias.text, "stage");
  arena_free(fx.arena);
}

TEST(precedence) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "let a = 1 + 2 * 3\nlet b = not x and y\nlet c = p or q and r\n"
                             "let d = -t.emotion\nlet e = a not in b\nlet g = (1 + 2) * 3\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  Expr *a = let_value(f, 0);
  CHECK_EQ_INT(a->as.binary.op, OP_ADD);
  CHECK_EQ_INT(a->as.binary.rhs->as.binary.op, OP_MUL);
  Expr *b = let_value(f, 1);
  CHECK_EQ_INT(b->as.binary.op, OP_AND);
  CHECK_EQ_INT(b->as.binary.lhs->kind, EX_UNARY);
  Expr *c = let_value(f, 2);
  CHECK_EQ_INT(c->as.binary.op, OP_OR);
  CHECK_EQ_INT(c->as.binary.rhs->as.binary.op, OP_AND);
  Expr *d = let_value(f, 3);
  CHECK_EQ_INT(d->as.unary.op, OP_NEG);
  CHECK_EQ_INT(d->as.unary.operand->kind, EX_MEMBER);
  CHECK_EQ_INT(let_value(f, 4)->as.binary.op, OP_NOT_IN);
  Expr *g = let_value(f, 5);
  CHECK_EQ_INT(g->as.binary.op, OP_MUL);
  CHECK_EQ_INT(g->as.binary.lhs->as.binary.op, OP_ADD);
  arena_free(fx.arena);
}

TEST(comparisons_do_not_chain) {
  Fixture fx;
  fx_parse(&fx, "let a = 1 < 2 < 3\n");
  CHECK_EQ_INT(fx.diags.errors, 1);
  CHECK_EQ_INT(fx.diags.items[0]->code, D_SYNTAX);
  arena_free(fx.arena);
}

TEST(literals) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "let p = 35%\nlet n = 1_000.5\nlet s = [90s, 15min, 2h, 3d, 2w]\n"
                             "let d = 2027-01-31\nlet t = \"a\\tb\\u{E9}\\\"\"\nlet z = none\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  Expr *p = let_value(f, 0);
  CHECK(p->as.num.percent);
  CHECK(fabs(p->as.num.value - 0.35) < 1e-12);
  CHECK(fabs(let_value(f, 1)->as.num.value - 1000.5) < 1e-12);
  ExprList durs = let_value(f, 2)->as.list;
  double expect[] = {90, 900, 7200, 259200, 1209600};
  for (size_t i = 0; i < 5; i++) CHECK(fabs(durs.items[i]->as.dur.seconds - expect[i]) < 1e-9);
  Date d = let_value(f, 3)->as.date;
  CHECK_EQ_INT(d.year, 2027);
  CHECK_EQ_INT(d.month, 1);
  CHECK_EQ_INT(d.day, 31);
  CHECK_EQ_STR(let_value(f, 4)->as.str.text, "a\tb\xC3\xA9\"");
  CHECK_EQ_INT(let_value(f, 5)->kind, EX_NONE);
  arena_free(fx.arena);
}

TEST(triple_string_dedent) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "let s = \"\"\"\n    first\n      indented\n    last\n    \"\"\"\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  CHECK_EQ_STR(let_value(f, 0)->as.str.text, "first\n  indented\nlast");
  CHECK(let_value(f, 0)->as.str.triple);
  arena_free(fx.arena);
}

TEST(spans_are_exact) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "let x = reach(a) / reach(b)\n");
  Expr *e = let_value(f, 0);
  CHECK_EQ_STR(span_text(&fx, e->span), "reach(a) / reach(b)");
  CHECK_EQ_STR(span_text(&fx, e->as.binary.op_span), "/");
  CHECK_EQ_STR(span_text(&fx, e->as.binary.rhs->span), "reach(b)");
  CHECK_EQ_STR(span_text(&fx, f->decls[0]->span), "let x = reach(a) / reach(b)");
  arena_free(fx.arena);
  /* parentheses around an operand belong to the operation's span, not to the operand's */
  f = fx_parse(&fx, "let y = 1_000 + 2*(3 - 1)\nlet z = (1 + 2) * 3\n");
  Expr *y = let_value(f, 0);
  CHECK_EQ_STR(span_text(&fx, y->span), "1_000 + 2*(3 - 1)");
  CHECK_EQ_STR(span_text(&fx, y->as.binary.rhs->as.binary.rhs->span), "3 - 1");
  Expr *z = let_value(f, 1);
  CHECK_EQ_STR(span_text(&fx, z->span), "(1 + 2) * 3");
  CHECK_EQ_STR(span_text(&fx, z->as.binary.lhs->span), "1 + 2");
  arena_free(fx.arena);
}

TEST(comments_are_kept) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "// head\nstage a /* inline */ \"A\" // tail\n/* multi\nline */\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  CHECK_EQ_INT(f->ncomments, 4);
  CHECK_EQ_STR(span_text(&fx, f->comments[1].span), "/* inline */");
  CHECK(f->comments[3].block);
  CHECK(!f->comments[2].block);
  arena_free(fx.arena);
}

TEST(quantifier_and_comprehension) {
  Fixture fx;
  AstFile *f =
      fx_parse(&fx, "let a = all t in touchpoints where t.emotion < 0: count(t.pains) > 0\n"
                    "let b = [p.severity for p in pains where p.severity >= 4]\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  Expr *a = let_value(f, 0);
  CHECK_EQ_INT(a->kind, EX_QUANT);
  CHECK(a->as.quant.is_all);
  CHECK(a->as.quant.cond != NULL);
  CHECK_EQ_INT(a->as.quant.body->as.binary.op, OP_GT);
  Expr *b = let_value(f, 1);
  CHECK_EQ_INT(b->kind, EX_COMPREHENSION);
  CHECK_EQ_STR(b->as.comp.var.text, "p");
  arena_free(fx.arena);
}

TEST(interpolation) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "let m = \"pain '{p.text}' at {p.touchpoint.name}\\{x\\}\"\n");
  Expr *m = let_value(f, 0);
  CHECK(parse_interpolation(&fx.in, m));
  CHECK_EQ_INT(m->kind, EX_INTERP);
  CHECK_EQ_INT(m->as.interp.len, 5);
  CHECK_EQ_STR(m->as.interp.parts[0].text, "pain '");
  CHECK(m->as.interp.parts[1].is_expr);
  CHECK_EQ_STR(span_text(&fx, m->as.interp.parts[1].expr->span), "p.text");
  CHECK_EQ_STR(m->as.interp.parts[4].text, "{x}");
  CHECK_EQ_INT(fx.diags.errors, 0);
  arena_free(fx.arena);
}

TEST(clauses_mode) {
  Fixture fx;
  fx_init(&fx, "from t in touchpoints where t.emotion < 0 select t.name order t.emotion asc");
  size_t n = 0;
  Attr **attrs = parse_clauses(&fx.in, &n);
  CHECK_EQ_INT(fx.diags.errors, 1); /* clauses need their own lines or ';' */
  (void)attrs;
  arena_free(fx.arena);
  fx_init(&fx, "from t in touchpoints; where t.emotion < 0; select t.name; order t.emotion asc");
  attrs = parse_clauses(&fx.in, &n);
  CHECK_EQ_INT(fx.diags.errors, 0);
  CHECK_EQ_INT(n, 4);
  CHECK_EQ_INT(attrs[0]->form, AF_FROM);
  CHECK_EQ_INT(attrs[3]->form, AF_ORDER);
  arena_free(fx.arena);
}

TEST(expression_range) {
  Fixture fx;
  fx_init(&fx, "xx 1 + 2 yy");
  Expr *e = parse_expr_range(&fx.in, 3, 8);
  CHECK_EQ_INT(e->kind, EX_BINARY);
  CHECK_EQ_INT(e->span.start, 3);
  CHECK_EQ_INT(e->span.end, 8);
  Expr *bad = parse_expr_range(&fx.in, 3, 6);
  CHECK_EQ_INT(bad->kind, EX_ERROR);
  arena_free(fx.arena);
}

TEST(recovery_reports_each_line_once) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "stage a \"A\"\nstage = b\nstage c \"C\"\ntouchpoint t {\n  stage ="
                             " a\n  emotion 1\n}\nstage d \"D\"\n");
  CHECK_EQ_INT(fx.diags.errors, 2);
  CHECK_EQ_INT(f->ndecls, 4); /* a, c, t (without its bad line), d */
  arena_free(fx.arena);
}

TEST(unclosed_block_keeps_declaration) {
  Fixture fx;
  AstFile *f = fx_parse(&fx, "touchpoint t \"T\" {\n  stage a\n");
  CHECK_EQ_INT(fx.diags.errors, 1);
  CHECK_EQ_INT(fx.diags.items[0]->code, D_UNCLOSED);
  CHECK_EQ_INT(f->ndecls, 1);
  CHECK_EQ_INT(f->decls[0]->nattrs, 1);
  arena_free(fx.arena);
}

TEST(nesting_limit) {
  Fixture fx;
  enum { N = PARSE_MAX_NESTING + 10 };
  char *text = malloc(2 * N + 16);
  strcpy(text, "let x = ");
  size_t k = strlen(text);
  for (int i = 0; i < N; i++) text[k++] = '(';
  text[k++] = '1';
  for (int i = 0; i < N; i++) text[k++] = ')';
  text[k] = '\0';
  fx_parse(&fx, text);
  CHECK_EQ_INT(fx.diags.errors, 1);
  CHECK_EQ_INT(fx.diags.items[0]->code, D_TOO_DEEP);
  arena_free(fx.arena);
  free(text);
}

TEST(dates_round_trip) {
  Date d;
  CHECK(date_from_ymd(1970, 1, 1, &d));
  CHECK_EQ_INT(d.days, 0);
  CHECK(date_from_ymd(2000, 2, 29, &d));
  CHECK(!date_from_ymd(1900, 2, 29, &d));
  CHECK(!date_from_ymd(2026, 4, 31, &d));
  int bad = 0;
  for (int32_t day = -719000; day < 2900000; day += 37) { /* years 1 to 9910 */
    Date x = date_from_days(day);
    Date y;
    if (!date_from_ymd(x.year, x.month, x.day, &y) || y.days != day) bad++;
  }
  CHECK_EQ_INT(bad, 0);
}

int main(void) {
  RUN(newline_rule);
  RUN(contextual_keywords);
  RUN(precedence);
  RUN(comparisons_do_not_chain);
  RUN(literals);
  RUN(triple_string_dedent);
  RUN(spans_are_exact);
  RUN(comments_are_kept);
  RUN(quantifier_and_comprehension);
  RUN(interpolation);
  RUN(clauses_mode);
  RUN(expression_range);
  RUN(recovery_reports_each_line_once);
  RUN(unclosed_block_keeps_declaration);
  RUN(nesting_limit);
  RUN(dates_round_trip);
  return unit_report();
}
