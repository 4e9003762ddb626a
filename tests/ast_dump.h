/* ast_dump.h — a syntax tree without its spans, as text, for the tests that compare two trees:
 * the formatter's round trip in tests/unit/test_fmt.c (over the repository's files) and in
 * tests/fuzz/fuzz_fmt.c (over any input). One dumper for both, so that a change of the tree's
 * layout (lang/ast.h) is followed in one place. Static functions: include it in one file of a
 * program. Needs fmt.h's and parse.h's types (ast.h, source.h, strbuf.h).
 */
#ifndef JNY_TESTS_AST_DUMP_H
#define JNY_TESTS_AST_DUMP_H

#include <string.h>

#include "ast.h"
#include "source.h"
#include "strbuf.h"

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
    sb_printf(sb, "%d:%zu:", (int)e->as.str.triple, e->as.str.len);
    sb_add(sb, e->as.str.text, e->as.str.len);
    break;
  case EX_INTERP:
    for (size_t i = 0; i < e->as.interp.len; i++) {
      const InterpPart *p = &e->as.interp.parts[i];
      if (p->is_expr)
        dump_expr(sb, p->expr);
      else
        sb_add(sb, p->text, p->len);
    }
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

static const char *ast_dump_file(Arena *a, const AstFile *f) {
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

/* The comments' texts in order, line comments without their trailing blanks (which the
 * formatter drops). */
static const char *ast_dump_comments(Arena *a, const AstFile *ast, const Source *src) {
  StrBuf sb;
  sb_init(&sb, a);
  for (size_t i = 0; i < ast->ncomments; i++) {
    Span s = ast->comments[i].span;
    uint32_t end = s.end;
    if (!ast->comments[i].block)
      while (end > s.start && strchr(" \t\r\f\v", src->text[end - 1])) end--;
    sb_add(&sb, src->text + s.start, end - s.start);
    sb_putc(&sb, '\n');
  }
  return sb_str(&sb);
}

#endif
