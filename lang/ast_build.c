/* ast_build.c — the node constructors behind the grammar's actions (ast_build.h), and the
 * names of kinds and operators (ast.h). */
#include "ast_build.h"

#include <stddef.h>
#include <string.h>

static const char *const DECL_KIND_NAMES[DK__COUNT] = {
    "journey", "use",  "let",         "persona", "stage", "channel", "team", "touchpoint",
    "outcome", "flow", "opportunity", "kpi",     "data",  "check",   "query"};

const char *ast_decl_kind_name(DeclKind kind) {
  return kind < DK__COUNT ? DECL_KIND_NAMES[kind] : "declaration";
}

const char *ast_op_text(OpKind op) {
  switch (op) {
  case OP_OR: return "or";
  case OP_AND: return "and";
  case OP_NOT: return "not";
  case OP_EQ: return "==";
  case OP_NE: return "!=";
  case OP_LT: return "<";
  case OP_LE: return "<=";
  case OP_GT: return ">";
  case OP_GE: return ">=";
  case OP_IN: return "in";
  case OP_NOT_IN: return "not in";
  case OP_ADD: return "+";
  case OP_SUB: return "-";
  case OP_MUL: return "*";
  case OP_DIV: return "/";
  case OP_NEG: return "-";
  }
  return "?";
}

#define EXPR_SIZE(member) (offsetof(Expr, as) + sizeof(((Expr *)0)->as.member))

/* Expressions are most of a syntax tree: an attribute argument is a name, a string or a number,
 * and giving each the size of the largest kind would double the tree. */
size_t ast_expr_size(ExprKind kind) {
  switch (kind) {
  case EX_NUMBER: return EXPR_SIZE(num);
  case EX_STRING: /* becomes EX_INTERP in place (parse_interpolation): room for both */
  case EX_INTERP: return EXPR_SIZE(str) > EXPR_SIZE(interp) ? EXPR_SIZE(str) : EXPR_SIZE(interp);
  case EX_DATE: return EXPR_SIZE(date);
  case EX_DURATION: return EXPR_SIZE(dur);
  case EX_BOOL: return EXPR_SIZE(boolean);
  case EX_NAME: return EXPR_SIZE(name);
  case EX_MEMBER: return EXPR_SIZE(member);
  case EX_CALL: return EXPR_SIZE(call);
  case EX_LIST: return EXPR_SIZE(list);
  case EX_UNARY: return EXPR_SIZE(unary);
  case EX_BINARY: return EXPR_SIZE(binary);
  case EX_QUANT: return EXPR_SIZE(quant);
  case EX_COMPREHENSION: return EXPR_SIZE(comp);
  case EX_NONE:
  case EX_ERROR: break;
  }
  return offsetof(Expr, as);
}

static Expr *new_expr(Arena *a, ExprKind kind, Span span) {
  Expr *e = arena_alloc(a, ast_expr_size(kind));
  e->kind = kind;
  e->span = span;
  return e;
}

Expr *ast_number(Arena *a, Span span, double value, bool percent) {
  Expr *e = new_expr(a, EX_NUMBER, span);
  e->as.num.value = value;
  e->as.num.percent = percent;
  return e;
}

Expr *ast_string(Arena *a, Span span, const char *text, size_t len, bool triple, bool has_brace) {
  Expr *e = new_expr(a, EX_STRING, span);
  e->as.str.text = text;
  e->as.str.len = len;
  e->as.str.triple = triple;
  e->as.str.has_brace = has_brace;
  return e;
}

Expr *ast_date(Arena *a, Span span, Date date) {
  Expr *e = new_expr(a, EX_DATE, span);
  e->as.date = date;
  return e;
}

Expr *ast_duration(Arena *a, Span span, double seconds) {
  Expr *e = new_expr(a, EX_DURATION, span);
  e->as.dur.seconds = seconds;
  return e;
}

Expr *ast_bool(Arena *a, Span span, bool value) {
  Expr *e = new_expr(a, EX_BOOL, span);
  e->as.boolean = value;
  return e;
}

Expr *ast_none(Arena *a, Span span) { return new_expr(a, EX_NONE, span); }
Expr *ast_error(Arena *a, Span span) { return new_expr(a, EX_ERROR, span); }

Expr *ast_name(Arena *a, Ident id) {
  Expr *e = new_expr(a, EX_NAME, id.span);
  e->as.name.id = id;
  return e;
}

Expr *ast_member(Arena *a, Span span, Expr *object, Ident field) {
  Expr *e = new_expr(a, EX_MEMBER, span);
  e->as.member.object = object;
  e->as.member.field = field;
  return e;
}

static ExprList to_list(ExprVec v) { return (ExprList){v.items, v.len}; }

Expr *ast_call(Arena *a, Span span, Ident fn, ExprVec args) {
  Expr *e = new_expr(a, EX_CALL, span);
  e->as.call.fn = fn;
  e->as.call.args = to_list(args);
  return e;
}

Expr *ast_list(Arena *a, Span span, ExprVec items) {
  Expr *e = new_expr(a, EX_LIST, span);
  e->as.list = to_list(items);
  return e;
}

Expr *ast_unary(Arena *a, Span span, OpKind op, Expr *operand) {
  Expr *e = new_expr(a, EX_UNARY, span);
  e->as.unary.op = op;
  e->as.unary.operand = operand;
  return e;
}

Expr *ast_binary(Arena *a, Span span, OpKind op, Span op_span, Expr *lhs, Expr *rhs) {
  Expr *e = new_expr(a, EX_BINARY, span);
  e->as.binary.op = op;
  e->as.binary.op_span = op_span;
  e->as.binary.lhs = lhs;
  e->as.binary.rhs = rhs;
  return e;
}

Expr *ast_quant(Arena *a, Span span, bool is_all, Ident var, Expr *coll, Expr *cond, Expr *body) {
  Expr *e = new_expr(a, EX_QUANT, span);
  e->as.quant.is_all = is_all;
  e->as.quant.var = var;
  e->as.quant.coll = coll;
  e->as.quant.cond = cond;
  e->as.quant.body = body;
  return e;
}

Expr *ast_comprehension(Arena *a, Span span, Expr *body, Ident var, Expr *coll, Expr *cond) {
  Expr *e = new_expr(a, EX_COMPREHENSION, span);
  e->as.comp.body = body;
  e->as.comp.var = var;
  e->as.comp.coll = coll;
  e->as.comp.cond = cond;
  return e;
}

static Attr *new_attr(Arena *a, AttrForm form, Span span, const char *name, Span name_span) {
  Attr *at = arena_alloc(a, sizeof *at);
  at->form = form;
  at->span = span;
  at->name = (Ident){name, name_span};
  return at;
}

Attr *ast_attr_args(Arena *a, Span span, Ident name, ArgVec args) {
  Attr *at = new_attr(a, AF_ARGS, span, name.text, name.span);
  at->args = args.items;
  at->nargs = args.len;
  return at;
}

Attr *ast_attr_edge(Arena *a, Span span, Span arrow, Ident target, ArgVec args) {
  Attr *at = new_attr(a, AF_EDGE, span, "->", arrow);
  at->var = target;
  at->args = args.items;
  at->nargs = args.len;
  return at;
}

Attr *ast_attr_for(Arena *a, Span span, Span kw, Ident var, Expr *coll, Expr *cond) {
  Attr *at = new_attr(a, AF_FOR, span, "for", kw);
  at->var = var;
  at->expr = coll;
  at->cond = cond;
  return at;
}

Attr *ast_attr_from(Arena *a, Span span, Span kw, Ident var, Expr *coll) {
  Attr *at = new_attr(a, AF_FROM, span, "from", kw);
  at->var = var;
  at->expr = coll;
  return at;
}

Attr *ast_attr_expr(Arena *a, Span span, const char *name, Span kw, Expr *e) {
  Attr *at = new_attr(a, AF_EXPR, span, name, kw);
  at->expr = e;
  return at;
}

Attr *ast_attr_items(Arena *a, Span span, AttrForm form, const char *name, Span kw, ItemVec items) {
  Attr *at = new_attr(a, form, span, name, kw);
  at->items = items.items;
  at->nitems = items.len;
  return at;
}

Attr *ast_attr_assign(Arena *a, Span span, const char *name, Span kw, Ident key, Expr *e) {
  Attr *at = new_attr(a, AF_ASSIGN, span, name, kw);
  at->var = key;
  at->expr = e;
  return at;
}

Attr *ast_attr_target(Arena *a, Span span, Span kw, OpKind op, Span op_span, Expr *e) {
  Attr *at = new_attr(a, AF_TARGET, span, "target", kw);
  at->op = op;
  at->op_span = op_span;
  at->expr = e;
  return at;
}

static Decl *new_decl(Arena *a, DeclKind kind, Span span, Span kw) {
  Decl *d = arena_alloc(a, sizeof *d);
  d->kind = kind;
  d->span = span;
  d->kw_span = kw;
  return d;
}

static void set_block(Decl *d, const BlockLit *block, const LexState *ls) {
  d->has_block = block->present;
  d->block_span = lex_span(ls, block->loc);
  d->attrs = block->attrs.items;
  d->nattrs = block->attrs.len;
}

Decl *ast_decl(Arena *a, int kind, Span span, Span kw, ArgVec args, const BlockLit *block,
               const LexState *ls) {
  Decl *d = new_decl(a, (DeclKind)kind, span, kw);
  d->args = args.items;
  d->nargs = args.len;
  set_block(d, block, ls);
  return d;
}

Decl *ast_decl_use(Arena *a, Span span, Span kw, const char *target, bool is_module,
                   Span target_span) {
  Decl *d = new_decl(a, DK_USE, span, kw);
  d->use_target = target;
  d->use_is_module = is_module;
  d->use_span = target_span;
  return d;
}

Decl *ast_decl_let(Arena *a, Span span, Span kw, Ident name, Expr *e) {
  Decl *d = new_decl(a, DK_LET, span, kw);
  d->name = name;
  d->expr = e;
  return d;
}

Decl *ast_decl_flow(Arena *a, Span span, Span kw, Ident first, const IdentVec *chain, ArgVec args,
                    const BlockLit *block, const LexState *ls) {
  Decl *d = new_decl(a, DK_FLOW, span, kw);
  d->nchain = chain->len + 1;
  d->chain = arena_alloc(a, d->nchain * sizeof *d->chain);
  d->chain[0] = first;
  if (chain->len) memcpy(d->chain + 1, chain->items, chain->len * sizeof *d->chain);
  d->args = args.items;
  d->nargs = args.len;
  set_block(d, block, ls);
  return d;
}

Decl *ast_decl_data(Arena *a, Span span, Span kw, Ident name, const char *path, Span path_span,
                    const BlockLit *block, const LexState *ls) {
  Decl *d = new_decl(a, DK_DATA, span, kw);
  d->name = name;
  d->data_path = path;
  d->data_path_span = path_span;
  set_block(d, block, ls);
  return d;
}
