/* eval_ops.c — the binary operators, their run-time meaning and their static types, from one
 * table of which kinds combine (combine()), so that typing and evaluation agree.
 *
 * none: `==`/`!=` compare it like any value; an ordering comparison with none is false;
 * arithmetic with none gives none (an attribute that was not given stays unknown); `in` a
 * none collection is false. Percent: a sum or difference is a percent when either side is; a
 * product when exactly one is; a quotient when the left side is and the right is not, or both
 * are (a share of a share).
 */
#include <math.h>
#include <string.h>

#include "eval_impl.h"
#include "parse.h"

/* The kinds of values, shared by types and values (TypeKind minus TY_ANY). */
static TypeKind kind_of_value(const Value *v) { return (TypeKind)(v->kind + 1); }

/* The result kind of an arithmetic operator, or TY_ANY when the kinds do not combine. */
static TypeKind combine(OpKind op, TypeKind a, TypeKind b) {
  switch (op) {
  case OP_ADD:
    if (a == b && (a == TY_NUMBER || a == TY_TEXT || a == TY_LIST || a == TY_DURATION)) return a;
    if ((a == TY_DATE && b == TY_DURATION) || (a == TY_DURATION && b == TY_DATE)) return TY_DATE;
    return TY_ANY;
  case OP_SUB:
    if (a == b && (a == TY_NUMBER || a == TY_DURATION)) return a;
    if (a == TY_DATE && b == TY_DATE) return TY_DURATION;
    if (a == TY_DATE && b == TY_DURATION) return TY_DATE;
    return TY_ANY;
  case OP_MUL:
    if (a == TY_NUMBER && b == TY_NUMBER) return TY_NUMBER;
    if ((a == TY_DURATION && b == TY_NUMBER) || (a == TY_NUMBER && b == TY_DURATION))
      return TY_DURATION;
    return TY_ANY;
  case OP_DIV:
    if (a == TY_NUMBER && b == TY_NUMBER) return TY_NUMBER;
    if (a == TY_DURATION && b == TY_NUMBER) return TY_DURATION;
    if (a == TY_DURATION && b == TY_DURATION) return TY_NUMBER;
    return TY_ANY;
  default: return TY_ANY;
  }
}

static bool ordered(TypeKind k) {
  return k == TY_NUMBER || k == TY_TEXT || k == TY_DATE || k == TY_DURATION;
}

static const char *verb(OpKind op) {
  switch (op) {
  case OP_ADD: return "add";
  case OP_SUB: return "subtract";
  case OP_MUL: return "multiply";
  case OP_DIV: return "divide";
  default: return "compare";
  }
}

static void report_mismatch(EvalCtx *ev, const Expr *e, const char *l, const char *r) {
  OpKind op = e->as.binary.op;
  if (op == OP_IN || op == OP_NOT_IN)
    diag_add(ev->diags, D_TYPE_MISMATCH, e->span,
             "`%s`: `%s` needs a list or text on its right, not %s", eval_expr_text(ev, e),
             ast_op_text(op), r);
  else
    diag_add(ev->diags, D_TYPE_MISMATCH, e->span, "`%s`: cannot %s %s and %s",
             eval_expr_text(ev, e), verb(op), l, r);
}

/* ---- run time ---- */

static bool contains_text(const Value *hay, const Value *needle) {
  size_t n = needle->as.text.len, h = hay->as.text.len;
  if (n == 0) return true;
  for (size_t i = 0; i + n <= h; i++)
    if (memcmp(hay->as.text.text + i, needle->as.text.text, n) == 0) return true;
  return false;
}

static bool eval_in(EvalCtx *ev, const Expr *e, const Value *l, const Value *r, bool *out) {
  *out = false;
  if (r->kind == VAL_NONE) return true;
  if (r->kind == VAL_LIST) {
    for (size_t i = 0; i < r->as.list.len && !*out; i++)
      *out = value_equal(l, &r->as.list.items[i]);
    return true;
  }
  if (r->kind == VAL_TEXT && l->kind == VAL_TEXT) {
    *out = contains_text(r, l);
    return true;
  }
  report_mismatch(ev, e, eval_value_phrase(ev, l), eval_value_phrase(ev, r));
  return false;
}

static bool eval_compare(EvalCtx *ev, const Expr *e, const Value *l, const Value *r, bool *out) {
  OpKind op = e->as.binary.op;
  *out = false;
  if (op == OP_EQ || op == OP_NE) {
    *out = value_equal(l, r) == (op == OP_EQ);
    return true;
  }
  if (l->kind == VAL_NONE || r->kind == VAL_NONE) return true;
  if (l->kind != r->kind || !ordered(kind_of_value(l))) {
    report_mismatch(ev, e, eval_value_phrase(ev, l), eval_value_phrase(ev, r));
    return false;
  }
  int c = value_compare(l, r);
  *out = op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0;
  return true;
}

static bool percent_of(OpKind op, const Value *l, const Value *r) {
  bool a = l->kind == VAL_NUMBER && l->percent, b = r->kind == VAL_NUMBER && r->percent;
  switch (op) {
  case OP_ADD:
  case OP_SUB: return a || b;
  case OP_MUL: return a != b;
  default: return a;
  }
}

static Value concat(EvalCtx *ev, const Value *l, const Value *r) {
  if (l->kind == VAL_TEXT) {
    size_t n = l->as.text.len + r->as.text.len;
    char *s = arena_alloc(ev->arena, n + 1);
    memcpy(s, l->as.text.text, l->as.text.len);
    memcpy(s + l->as.text.len, r->as.text.text, r->as.text.len);
    return value_text(s, n);
  }
  size_t n = l->as.list.len + r->as.list.len;
  Value *items = arena_alloc(ev->arena, (n + 1) * sizeof *items);
  for (size_t i = 0; i < l->as.list.len; i++) items[i] = l->as.list.items[i];
  for (size_t i = 0; i < r->as.list.len; i++) items[l->as.list.len + i] = r->as.list.items[i];
  return value_list(items, n);
}

/* Duration or number parts of an operand, as doubles. */
static double amount(const Value *v) {
  return v->kind == VAL_DURATION ? v->as.seconds
         : v->kind == VAL_DATE   ? v->as.date.days
                                 : v->as.num;
}

static bool arith(EvalCtx *ev, const Expr *e, const Value *l, const Value *r, Value *out) {
  OpKind op = e->as.binary.op;
  if (l->kind == VAL_NONE || r->kind == VAL_NONE) {
    *out = value_none();
    return true;
  }
  TypeKind k = combine(op, kind_of_value(l), kind_of_value(r));
  if (k == TY_ANY) {
    report_mismatch(ev, e, eval_value_phrase(ev, l), eval_value_phrase(ev, r));
    return false;
  }
  if (k == TY_TEXT || k == TY_LIST) {
    *out = concat(ev, l, r);
    return true;
  }
  if (op == OP_DIV && amount(r) == 0) {
    diag_add(ev->diags, D_DIV_ZERO, e->span, "`%s`: division by zero", eval_expr_text(ev, e));
    return false;
  }
  if (k == TY_DATE) { /* date ± duration, in whole days */
    const Value *d = l->kind == VAL_DATE ? l : r, *dur = l->kind == VAL_DATE ? r : l;
    double days = floor(dur->as.seconds / 86400.0);
    double z = d->as.date.days + (op == OP_SUB ? -days : days);
    if (fabs(z) > 3e6) { /* about year 10000: beyond what dates print */
      diag_add(ev->diags, D_BAD_VALUE, e->span, "`%s`: the date is out of range",
               eval_expr_text(ev, e));
      return false;
    }
    *out = value_date(date_from_days((int32_t)z));
    return true;
  }
  double a = amount(l), b = amount(r), x = 0;
  if (l->kind == VAL_DATE) a *= 86400.0, b *= 86400.0; /* date - date: seconds */
  switch (op) {
  case OP_ADD: x = a + b; break;
  case OP_SUB: x = a - b; break;
  case OP_MUL: x = a * b; break;
  default: x = a / b; break;
  }
  if (k == TY_DURATION)
    *out = value_duration(x);
  else
    *out = percent_of(op, l, r) ? value_percent(x) : value_number(x);
  return true;
}

bool ops_binary(EvalCtx *ev, const Expr *e, const Value *l, const Value *r, Value *out) {
  OpKind op = e->as.binary.op;
  bool b;
  switch (op) {
  case OP_IN:
  case OP_NOT_IN:
    if (!eval_in(ev, e, l, r, &b)) return false;
    *out = value_bool(b == (op == OP_IN));
    return true;
  case OP_EQ:
  case OP_NE:
  case OP_LT:
  case OP_LE:
  case OP_GT:
  case OP_GE:
    if (!eval_compare(ev, e, l, r, &b)) return false;
    *out = value_bool(b);
    return true;
  default: return arith(ev, e, l, r, out);
  }
}

/* ---- static types ---- */

static bool known(const Type *t) { return t->kind != TY_ANY && t->kind != TY_NONE; }

bool ops_type_binary(EvalCtx *ev, const Expr *e, const Type *l, const Type *r, Type *out) {
  OpKind op = e->as.binary.op;
  *out = TYPE_ANY;
  switch (op) {
  case OP_AND:
  case OP_OR: *out = TYPE_BOOL; return true;
  case OP_IN:
  case OP_NOT_IN:
    *out = TYPE_BOOL;
    if (!known(r) || r->kind == TY_LIST ||
        (r->kind == TY_TEXT && (!known(l) || l->kind == TY_TEXT)))
      return true;
    break;
  case OP_EQ:
  case OP_NE:
    *out = TYPE_BOOL;
    if (!known(l) || !known(r) || l->kind == r->kind) return true;
    break;
  case OP_LT:
  case OP_LE:
  case OP_GT:
  case OP_GE:
    *out = TYPE_BOOL;
    if (known(l) && known(r) ? l->kind == r->kind && ordered(l->kind)
                             : (!known(l) || ordered(l->kind)) && (!known(r) || ordered(r->kind)))
      return true;
    break;
  default: {
    if (!known(l) || !known(r)) return true;
    TypeKind k = combine(op, l->kind, r->kind);
    if (k == TY_ANY) break;
    *out = eval_type(k);
    if (k == TY_LIST) *out = *l;
    return true;
  }
  }
  report_mismatch(ev, e, eval_type_phrase(ev, l), eval_type_phrase(ev, r));
  return false;
}
