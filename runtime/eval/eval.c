/* eval.c — evaluating expressions over the model (eval.h): names, lets, members, calls,
 * lists, quantifiers, comprehensions and messages. Operators are in eval_ops.c, functions in
 * eval_funcs.c, fields in fields.c.
 *
 * Evaluation follows the tree by recursion; its depth is that of the expression, which the
 * parser caps at PARSE_MAX_NESTING brackets, except for chains (`1 + 1 + … + 1`, `a and b and
 * …`, `not not … x`, `x.a.b.…`), which are as deep as they are long: those are walked with a
 * loop (eval_spine).
 */
#include <string.h>
#include <time.h>

#include "data.h"
#include "eval_impl.h"
#include "parse.h"

static Date system_today(void) {
  time_t now = time(NULL);
  struct tm tm;
  Date d = {0};
  if (localtime_r(&now, &tm) && date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d))
    return d;
  return d;
}

EvalCtx *eval_new(Arena *arena, Model *model, DiagList *diags, const EvalOptions *opts) {
  EvalCtx *ev = arena_alloc(arena, sizeof *ev);
  ev->arena = arena;
  ev->model = model;
  ev->diags = diags;
  ev->today = opts && opts->has_today ? opts->today : system_today();
  ev->fs = opts && opts->fs ? opts->fs : file_system_disk();
  size_t nl = model->lets.len + 1;
  ev->let_state = arena_alloc(arena, nl);
  ev->let_value = arena_alloc(arena, nl * sizeof *ev->let_value);
  ev->let_tstate = arena_alloc(arena, nl);
  ev->let_type = arena_alloc(arena, nl * sizeof *ev->let_type);
  size_t nk = model->kpis.len + 1;
  ev->kpi_state = arena_alloc(arena, nk);
  ev->kpi_value = arena_alloc(arena, nk * sizeof *ev->kpi_value);
  index_build(ev);
  return ev;
}

Model *eval_model(const EvalCtx *ev) { return ev->model; }
Arena *eval_arena(const EvalCtx *ev) { return ev->arena; }
DiagList *eval_diags(const EvalCtx *ev) { return ev->diags; }
Date eval_today(const EvalCtx *ev) { return ev->today; }

const char *eval_expr_text(EvalCtx *ev, const Expr *e) {
  Source *src = source_get(ev->model->sources, e->span.file);
  if (!src || e->span.end > src->len || e->span.end < e->span.start) return "the expression";
  /* A message quotes at most EXPR_TEXT_MAX bytes of the expression (then "…", cut at a
   * character boundary): the caret under the source shows the rest. */
  enum { EXPR_TEXT_MAX = 60 };
  const char *text = src->text + e->span.start;
  size_t n = e->span.end - e->span.start;
  if (n <= EXPR_TEXT_MAX) return arena_strndup(ev->arena, text, n);
  n = EXPR_TEXT_MAX - 3;
  while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
  return arena_printf(ev->arena, "%.*s…", (int)n, text);
}

const char *eval_value_phrase(EvalCtx *ev, const Value *v) {
  const char *name = value_kind_name(v);
  if (v->kind == VAL_TEXT || v->kind == VAL_NONE) return name;
  return arena_printf(ev->arena, "%s %s", schema_article(name), name);
}

/* ---- long chains ---- */

static bool in_spine(const Expr *e, SpineKind kind) {
  switch (kind) {
  case SPINE_ARITH:
    return e->kind == EX_BINARY && e->as.binary.op != OP_AND && e->as.binary.op != OP_OR;
  case SPINE_LOGIC:
    return e->kind == EX_BINARY && (e->as.binary.op == OP_AND || e->as.binary.op == OP_OR);
  case SPINE_UNARY: return e->kind == EX_UNARY;
  case SPINE_MEMBER: return e->kind == EX_MEMBER;
  }
  return false;
}

static const Expr *spine_child(const Expr *e) {
  return e->kind == EX_BINARY  ? e->as.binary.lhs
         : e->kind == EX_UNARY ? e->as.unary.operand
                               : e->as.member.object;
}

const Expr **eval_spine(Arena *a, const Expr *e, SpineKind kind, size_t *n, const Expr **base) {
  size_t depth = 0;
  const Expr *x = e;
  for (; x && in_spine(x, kind); x = spine_child(x)) depth++;
  const Expr **nodes = arena_alloc(a, (depth + 1) * sizeof *nodes);
  x = e;
  for (size_t i = depth; i-- > 0; x = spine_child(x)) nodes[i] = x;
  *n = depth;
  *base = x;
  return nodes;
}

/* ---- names and lets ---- */

static bool eval_let(EvalCtx *ev, const Let *let, Span use, Value *out) {
  size_t i = let->e.index;
  switch (ev->let_state[i]) {
  case LET_DONE: *out = ev->let_value[i]; return true;
  case LET_FAILED: *out = value_none(); return false;
  case LET_BUSY:
    /* the resolver reported the cycle (E0206); stop here rather than loop */
    *out = value_none();
    return false;
  default: break;
  }
  (void)use;
  ev->let_state[i] = LET_BUSY;
  bool ok = eval_expr(ev, let->value, NULL, &ev->let_value[i]);
  ev->let_state[i] = ok ? LET_DONE : LET_FAILED;
  *out = ev->let_value[i];
  return ok;
}

static bool eval_name(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  *out = value_none();
  switch (e->as.name.ref) {
  case NR_VAR:
    for (const EvalBinding *b = env; b; b = b->up)
      if (b->var == e->as.name.target) {
        *out = b->value;
        return true;
      }
    diag_add(ev->diags, D_BAD_VALUE, e->span, "'%s' has no value here", e->as.name.id.text);
    return false;
  case NR_COLLECTION: *out = ev->index.collections[e->as.name.collection]; return true;
  case NR_LET: return eval_let(ev, e->as.name.target, e->span, out);
  case NR_ENTITY: {
    Entity *ent = (Entity *)e->as.name.target;
    if (ent->kind == EK_DATA) return data_rows(ev, (const DataSet *)ent, out);
    *out = value_entity(ent);
    return true;
  }
  case NR_UNRESOLVED: return false; /* reported by the resolver */
  }
  return false;
}

/* ---- members ---- */

/* One `.field` applied to the value of its object. */
static bool apply_member(EvalCtx *ev, const Expr *e, const Value *obj, Value *out) {
  const Ident *field = &e->as.member.field;
  *out = value_none();
  switch (obj->kind) {
  case VAL_ENTITY: {
    const FieldSpec *f = field_find(obj->as.entity->kind, field->text);
    if (f) return f->get(ev, obj->as.entity, out);
    break;
  }
  case VAL_RECORD: return field_record_key(ev, obj, field, out);
  case VAL_ROW: return data_row_field(ev, obj, field, out);
  case VAL_NONE:
    diag_add(ev->diags, D_FIELD_OF_NONE, e->span, "`%s` is none, so it has no field '%s'",
             eval_expr_text(ev, e->as.member.object), field->text);
    return false;
  default: break;
  }
  diag_add(ev->diags, D_UNKNOWN_FIELD, field->span, "%s has no field '%s'",
           eval_value_phrase(ev, obj), field->text);
  return false;
}

static bool eval_member(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_MEMBER, &n, &base);
  Value v;
  if (!eval_expr(ev, base, env, &v)) return *out = value_none(), false;
  for (size_t i = 0; i < n; i++) {
    Value next;
    if (!apply_member(ev, chain[i], &v, &next)) return *out = value_none(), false;
    v = next;
  }
  *out = v;
  return true;
}

/* ---- binders: quantifiers and comprehensions ---- */

bool eval_collection(EvalCtx *ev, const Expr *coll, const EvalBinding *env, const Value **items,
                     size_t *len) {
  Value v;
  *items = NULL;
  *len = 0;
  if (!eval_expr(ev, coll, env, &v)) return false;
  if (v.kind == VAL_NONE) return true; /* an absent list is an empty one */
  if (v.kind != VAL_LIST) {
    diag_add(ev->diags, D_NOT_COLLECTION, coll->span, "`%s` is %s, not a collection",
             eval_expr_text(ev, coll), eval_value_phrase(ev, &v));
    return false;
  }
  *items = v.as.list.items;
  *len = v.as.list.len;
  return true;
}

bool eval_cond(EvalCtx *ev, const Expr *e, const EvalBinding *env, bool *out) {
  Value v;
  *out = false;
  if (!eval_expr(ev, e, env, &v)) return false;
  *out = value_truthy(&v);
  return true;
}

static bool eval_quant(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  const Value *items;
  size_t n;
  bool all = e->as.quant.is_all;
  *out = value_bool(all);
  if (!eval_collection(ev, e->as.quant.coll, env, &items, &n)) return false;
  for (size_t i = 0; i < n; i++) {
    EvalBinding b = {&e->as.quant.var, items[i], env};
    bool keep = true, holds;
    if (e->as.quant.cond && !eval_cond(ev, e->as.quant.cond, &b, &keep)) return false;
    if (!keep) continue;
    if (!eval_cond(ev, e->as.quant.body, &b, &holds)) return false;
    if (holds != all) {
      *out = value_bool(!all);
      return true;
    }
  }
  return true;
}

static bool eval_comprehension(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  const Value *items;
  size_t n;
  *out = value_list(NULL, 0);
  if (!eval_collection(ev, e->as.comp.coll, env, &items, &n)) return false;
  Value *res = arena_alloc(ev->arena, (n + 1) * sizeof *res);
  size_t len = 0;
  for (size_t i = 0; i < n; i++) {
    EvalBinding b = {&e->as.comp.var, items[i], env};
    bool keep = true;
    if (e->as.comp.cond && !eval_cond(ev, e->as.comp.cond, &b, &keep)) return false;
    if (keep && !eval_expr(ev, e->as.comp.body, &b, &res[len++])) return false;
  }
  *out = value_list(res, len);
  return true;
}

static bool eval_list(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  size_t n = e->as.list.len;
  Value *items = arena_alloc(ev->arena, (n + 1) * sizeof *items);
  *out = value_none();
  for (size_t i = 0; i < n; i++)
    if (!eval_expr(ev, e->as.list.items[i], env, &items[i])) return false;
  *out = value_list(items, n);
  return true;
}

static bool eval_call(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  const FuncSpec *f = func_find(e->as.call.fn.text);
  *out = value_none();
  if (!f) {
    diag_add(ev->diags, D_UNKNOWN_FUNCTION, e->as.call.fn.span, "unknown function '%s'",
             e->as.call.fn.text);
    return false;
  }
  size_t n = e->as.call.args.len;
  if (n < f->min_args || n > f->max_args) {
    diag_add(ev->diags, D_ARG_COUNT, e->span, "%s takes %s; %zu given", f->name, f->args, n);
    return false;
  }
  Value args[FUNC_MAX_ARGS];
  for (size_t i = 0; i < n; i++)
    if (!eval_expr(ev, e->as.call.args.items[i], env, &args[i])) return false;
  return func_call(ev, e, f, args, out);
}

/* `and`/`or` short-circuit: along a chain, each right side is evaluated only when the value
 * so far does not decide. */
static bool eval_logic(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_LOGIC, &n, &base);
  bool v;
  *out = value_none();
  if (!eval_cond(ev, base, env, &v)) return false;
  for (size_t i = 0; i < n; i++) {
    if (chain[i]->as.binary.op == OP_AND ? !v : v) continue;
    if (!eval_cond(ev, chain[i]->as.binary.rhs, env, &v)) return false;
  }
  *out = value_bool(v);
  return true;
}

static bool eval_binary(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  if (e->as.binary.op == OP_AND || e->as.binary.op == OP_OR) return eval_logic(ev, e, env, out);
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_ARITH, &n, &base);
  Value acc;
  *out = value_none();
  if (!eval_expr(ev, base, env, &acc)) return false;
  for (size_t i = 0; i < n; i++) {
    Value rhs, res;
    if (!eval_expr(ev, chain[i]->as.binary.rhs, env, &rhs)) return false;
    if (!ops_binary(ev, chain[i], &acc, &rhs, &res)) return false;
    acc = res;
  }
  *out = acc;
  return true;
}

static bool apply_unary(EvalCtx *ev, const Expr *e, const Value *v, Value *out) {
  if (e->as.unary.op == OP_NOT) {
    *out = value_bool(!value_truthy(v));
    return true;
  }
  *out = *v;
  if (v->kind == VAL_NUMBER) /* a computed number: no longer the cell it was read from */
    *out = v->percent ? value_percent(-v->as.num) : value_number(-v->as.num);
  else if (v->kind == VAL_DURATION)
    out->as.seconds = -v->as.seconds;
  else if (v->kind != VAL_NONE) {
    diag_add(ev->diags, D_TYPE_MISMATCH, e->span, "`%s`: cannot negate %s", eval_expr_text(ev, e),
             eval_value_phrase(ev, v));
    return false;
  }
  return true;
}

static bool eval_unary(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_UNARY, &n, &base);
  Value v;
  *out = value_none();
  if (!eval_expr(ev, base, env, &v)) return false;
  for (size_t i = 0; i < n; i++) {
    Value next;
    if (!apply_unary(ev, chain[i], &v, &next)) return false;
    v = next;
  }
  *out = v;
  return true;
}

bool eval_message(EvalCtx *ev, const Expr *msg, const EvalBinding *env, const char **out) {
  *out = "";
  if (msg->kind == EX_STRING) {
    *out = arena_strndup(ev->arena, msg->as.str.text, msg->as.str.len);
    return true;
  }
  if (msg->kind != EX_INTERP) return false;
  StrBuf sb;
  sb_init(&sb, ev->arena);
  for (size_t i = 0; i < msg->as.interp.len; i++) {
    const InterpPart *p = &msg->as.interp.parts[i];
    if (!p->is_expr) {
      sb_add(&sb, p->text, p->len);
      continue;
    }
    Value v;
    if (!eval_expr(ev, p->expr, env, &v)) return false;
    value_print(&sb, &v);
  }
  *out = sb_str(&sb);
  return true;
}

bool eval_expr(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out) {
  *out = value_none();
  if (!e) return true;
  switch (e->kind) {
  case EX_NUMBER:
    *out = e->as.num.percent ? value_percent(e->as.num.value) : value_number(e->as.num.value);
    return true;
  case EX_STRING: *out = value_text(e->as.str.text, e->as.str.len); return true;
  case EX_INTERP: {
    const char *text;
    if (!eval_message(ev, e, env, &text)) return false;
    *out = value_cstr(text);
    return true;
  }
  case EX_DATE: *out = value_date(e->as.date); return true;
  case EX_DURATION: *out = value_duration(e->as.dur.seconds); return true;
  case EX_BOOL: *out = value_bool(e->as.boolean); return true;
  case EX_NONE: return true;
  case EX_NAME: return eval_name(ev, e, env, out);
  case EX_MEMBER: return eval_member(ev, e, env, out);
  case EX_CALL: return eval_call(ev, e, env, out);
  case EX_LIST: return eval_list(ev, e, env, out);
  case EX_UNARY: return eval_unary(ev, e, env, out);
  case EX_BINARY: return eval_binary(ev, e, env, out);
  case EX_QUANT: return eval_quant(ev, e, env, out);
  case EX_COMPREHENSION: return eval_comprehension(ev, e, env, out);
  case EX_ERROR: return false; /* reported by the parser */
  }
  return false;
}

bool eval_field(EvalCtx *ev, Entity *e, const char *field, Span span, Value *out) {
  const FieldSpec *f = field_find(e->kind, field);
  *out = value_none();
  if (f) return f->get(ev, e, out);
  diag_add(ev->diags, D_UNKNOWN_FIELD, span, "a %s has no field '%s'", model_kind_name(e->kind),
           field);
  return false;
}

/* Computed once per context (value, met and delta all read it, and its problems — warnings
 * such as an empty list of scores included — are reported once). A measure that reads its own
 * KPI is none. */
static bool kpi_compute(EvalCtx *ev, Kpi *k, Value *out) {
  *out = value_none();
  if (k->has_actual) {
    *out = k->target_percent ? value_percent(k->actual) : value_number(k->actual);
    return true;
  }
  if (!k->measure) return true;
  bool ok = eval_expr(ev, k->measure, NULL, out);
  if (!ok) *out = value_none();
  return ok;
}

bool eval_kpi_value(EvalCtx *ev, Kpi *k, Value *out) {
  size_t i = k->e.index;
  switch (ev->kpi_state[i]) {
  case LET_DONE: *out = ev->kpi_value[i]; return true;
  case LET_FAILED: *out = value_none(); return false;
  case LET_BUSY: *out = value_none(); return true;
  default: break;
  }
  ev->kpi_state[i] = LET_BUSY;
  bool ok = kpi_compute(ev, k, out);
  ev->kpi_value[i] = *out;
  ev->kpi_state[i] = ok ? LET_DONE : LET_FAILED;
  return ok;
}
