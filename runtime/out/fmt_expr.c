/* fmt_expr.c — expressions and arguments for `jny fmt` (fmt.h).
 *
 * Literals are copied from the source, so `1_000`, `35%`, `90s` and every escape stay as the
 * user wrote them. Operators get one space on each side. The tree does not record
 * parentheses, so they are found again in the source: an expression counts as wrapped when
 * the character before it is a '(' whose matching ')' follows it directly. One such pair is
 * kept (clarity the user chose); doubled pairs collapse to one; pairs the precedence needs
 * are always printed.
 */
#include <string.h>

#include "fmt.h"

void fmt_span_text(Fmt *f, Span s) { sb_add(&f->out, f->src->text + s.start, s.end - s.start); }

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int binary_prec(OpKind op) {
  switch (op) {
  case OP_OR: return 1;
  case OP_AND: return 2;
  case OP_ADD:
  case OP_SUB: return 5;
  case OP_MUL:
  case OP_DIV: return 6;
  default: return 4; /* comparisons, in, not in */
  }
}

static int expr_prec(const Expr *e) {
  switch (e->kind) {
  case EX_QUANT: return 0;
  case EX_BINARY: return binary_prec(e->as.binary.op);
  case EX_UNARY: return e->as.unary.op == OP_NOT ? 3 : 7;
  case EX_MEMBER:
  case EX_CALL: return 8;
  default: return 9;
  }
}

/* Past the string or comment that starts at i (text[i] is '"' or '/'), or i + 1. */
static uint32_t skip_opaque(const char *t, uint32_t len, uint32_t i) {
  if (t[i] == '"' && i + 2 < len && t[i + 1] == '"' && t[i + 2] == '"') {
    const char *end = strstr(t + i + 3, "\"\"\"");
    return end ? (uint32_t)(end - t) + 3 : len;
  }
  if (t[i] == '"') {
    for (uint32_t j = i + 1; j < len; j++) {
      if (t[j] == '\\')
        j++;
      else if (t[j] == '"' || t[j] == '\n')
        return j + 1;
    }
    return len;
  }
  if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
    const char *nl = memchr(t + i, '\n', len - i);
    return nl ? (uint32_t)(nl - t) : len;
  }
  if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
    const char *end = strstr(t + i + 2, "*/");
    return end ? (uint32_t)(end - t) + 2 : len;
  }
  return i + 1;
}

/* True when the user wrapped e in parentheses. `call_open` is the offset of the '(' of a call
 * whose only argument e is (that pair belongs to the call), or UINT32_MAX. */
static bool user_parens(const Fmt *f, const Expr *e, uint32_t call_open) {
  const char *t = f->src->text;
  uint32_t len = f->src->len, p = e->span.start;
  while (p > 0 && is_space(t[p - 1])) p--;
  if (p == 0 || t[p - 1] != '(' || p - 1 == call_open) return false;
  uint32_t depth = 1, i = p;
  while (i < len) {
    char c = t[i];
    if (c == '"' || c == '/') {
      i = skip_opaque(t, len, i);
      continue;
    }
    if (c == '(') depth++;
    if (c == ')' && --depth == 0) break;
    i++;
  }
  if (i >= len || i < e->span.end) return false;
  for (uint32_t j = e->span.end; j < i; j++)
    if (!is_space(t[j])) return false;
  return true;
}

static void put(Fmt *f, const char *s) { sb_puts(&f->out, s); }

static void expr_wrapped(Fmt *f, const Expr *e, int min_prec, uint32_t call_open);

static void expr_list(Fmt *f, const ExprList *l) {
  for (size_t i = 0; i < l->len; i++) {
    if (i) put(f, ", ");
    fmt_expr(f, l->items[i], 0);
  }
}

static void expr_bare(Fmt *f, const Expr *e) {
  switch (e->kind) {
  case EX_NUMBER:
  case EX_STRING:
  case EX_INTERP:
  case EX_DATE:
  case EX_DURATION:
  case EX_ERROR: fmt_span_text(f, e->span); return;
  case EX_BOOL: put(f, e->as.boolean ? "true" : "false"); return;
  case EX_NONE: put(f, "none"); return;
  case EX_NAME: put(f, e->as.name.id.text); return;
  case EX_MEMBER: {
    /* `1 .x` must not print as `1.x`, which scans as one malformed number: a number or a
     * duration before the dot keeps parentheses. */
    ExprKind ok = e->as.member.object->kind;
    fmt_expr(f, e->as.member.object, ok == EX_NUMBER || ok == EX_DURATION ? 10 : 8);
    put(f, ".");
    put(f, e->as.member.field.text);
    return;
  }
  case EX_CALL: {
    put(f, e->as.call.fn.text);
    put(f, "(");
    uint32_t open = e->as.call.fn.span.end;
    while (open < f->src->len && f->src->text[open] != '(') open++;
    const ExprList *args = &e->as.call.args;
    for (size_t i = 0; i < args->len; i++) {
      if (i) put(f, ", ");
      expr_wrapped(f, args->items[i], 0, args->len == 1 ? open : UINT32_MAX);
    }
    put(f, ")");
    return;
  }
  case EX_LIST:
    put(f, "[");
    expr_list(f, &e->as.list);
    put(f, "]");
    return;
  case EX_UNARY:
    if (e->as.unary.op == OP_NOT) {
      put(f, "not ");
      fmt_expr(f, e->as.unary.operand, 3);
    } else {
      put(f, "-");
      /* `- -x` would print as `--x`; a nested minus keeps parentheses instead. */
      const Expr *o = e->as.unary.operand;
      fmt_expr(f, o, o->kind == EX_UNARY ? 8 : 7);
    }
    return;
  case EX_BINARY: {
    OpKind op = e->as.binary.op;
    int p = binary_prec(op);
    /* Comparisons do not chain: both sides are sums. */
    fmt_expr(f, e->as.binary.lhs, p == 4 ? 5 : p);
    put(f, " ");
    put(f, ast_op_text(op));
    put(f, " ");
    fmt_expr(f, e->as.binary.rhs, p == 4 ? 5 : p + 1);
    return;
  }
  case EX_QUANT:
    put(f, e->as.quant.is_all ? "all " : "any ");
    put(f, e->as.quant.var.text);
    put(f, " in ");
    fmt_expr(f, e->as.quant.coll, 1);
    if (e->as.quant.cond) {
      put(f, " where ");
      fmt_expr(f, e->as.quant.cond, 1);
    }
    put(f, ": ");
    fmt_expr(f, e->as.quant.body, 0);
    return;
  case EX_COMPREHENSION:
    put(f, "[");
    fmt_expr(f, e->as.comp.body, 0);
    put(f, " for ");
    put(f, e->as.comp.var.text);
    put(f, " in ");
    fmt_expr(f, e->as.comp.coll, 1);
    if (e->as.comp.cond) {
      put(f, " where ");
      fmt_expr(f, e->as.comp.cond, 0);
    }
    put(f, "]");
    return;
  }
}

static void expr_wrapped(Fmt *f, const Expr *e, int min_prec, uint32_t call_open) {
  bool parens = expr_prec(e) < min_prec || user_parens(f, e, call_open);
  if (parens) put(f, "(");
  expr_bare(f, e);
  if (parens) put(f, ")");
}

void fmt_expr(Fmt *f, const Expr *e, int min_prec) { expr_wrapped(f, e, min_prec, UINT32_MAX); }

/* A negative argument (`-2`, `- 2`) is one token for the model: printed as `-` and the number
 * as written, so no space or comment between them survives in the line. */
static void negative_arg(Fmt *f, Span s) {
  const char *t = f->src->text;
  uint32_t start = s.end;
  while (start > s.start && !is_space(t[start - 1]) && t[start - 1] != '/' && t[start - 1] != '-')
    start--;
  put(f, "-");
  sb_add(&f->out, t + start, s.end - start);
}

void fmt_args(Fmt *f, const Arg *args, size_t nargs) {
  for (size_t i = 0; i < nargs; i++) {
    put(f, args[i].comma_before ? ", " : " ");
    const Expr *v = args[i].value;
    if (v->kind == EX_NAME)
      put(f, v->as.name.id.text);
    else if ((v->kind == EX_NUMBER || v->kind == EX_DURATION) && f->src->text[v->span.start] == '-')
      negative_arg(f, v->span);
    else
      fmt_span_text(f, v->span);
  }
}
