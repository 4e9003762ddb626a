/* typecheck.c — static types of expressions (eval.h), checked before anything runs.
 *
 * Types are approximate by design: an optional attribute has its attribute's type although it
 * may be none at run time, and anything the typing cannot know (a meta key, a value after an
 * error) is TY_ANY, which never complains. So a program that types may still meet a run-time
 * problem (a field of none), but one that does not type is certainly wrong, and says so at the
 * exact span before any check runs.
 */
#include <string.h>

#include "data.h"
#include "eval_impl.h"
#include "suggest.h"

static bool type_expr(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out);

Type eval_type(TypeKind kind) { return (Type){.kind = kind, .entity = EK__COUNT}; }

Type eval_type_elem(const Type *list) {
  return list->kind == TY_LIST && list->elem ? *list->elem : TYPE_ANY;
}

const char *eval_type_name(Arena *a, const Type *t) {
  switch (t->kind) {
  case TY_ANY: return "any";
  case TY_NONE: return "none";
  case TY_NUMBER: return "number";
  case TY_TEXT: return "text";
  case TY_BOOL: return "bool";
  case TY_DATE: return "date";
  case TY_DURATION: return "duration";
  case TY_ENTITY: return t->entity < EK__COUNT ? model_kind_name(t->entity) : "entity";
  case TY_LIST:
    if (!t->elem || t->elem->kind == TY_ANY) return "list";
    return arena_printf(a, "list of %s", eval_type_name(a, t->elem));
  case TY_RECORD: return "meta";
  case TY_ROW: return arena_printf(a, "%s row", t->data->e.id);
  }
  return "value";
}

const char *eval_type_phrase(EvalCtx *ev, const Type *t) {
  const char *name = eval_type_name(ev->arena, t);
  if (t->kind == TY_TEXT || t->kind == TY_NONE) return name;
  return arena_printf(ev->arena, "%s %s", schema_article(name), name);
}

static bool known(const Type *t) { return t->kind != TY_ANY && t->kind != TY_NONE; }

static Type *type_new(EvalCtx *ev, Type t) {
  Type *p = arena_alloc(ev->arena, sizeof *p);
  *p = t;
  return p;
}

static Type list_of(EvalCtx *ev, Type elem) {
  Type t = TYPE_LIST_ANY;
  if (elem.kind != TY_ANY) t.elem = type_new(ev, elem);
  return t;
}

/* ---- names ---- */

static Type type_let(EvalCtx *ev, const Let *let) {
  size_t i = let->e.index;
  if (ev->let_tstate[i] == LET_DONE) return ev->let_type[i];
  if (ev->let_tstate[i] == LET_BUSY) return TYPE_ANY; /* a cycle, reported by the resolver */
  ev->let_tstate[i] = LET_BUSY;
  Type t;
  type_expr(ev, let->value, NULL, &t);
  ev->let_type[i] = t;
  ev->let_tstate[i] = LET_DONE;
  return t;
}

static Type type_name(EvalCtx *ev, const Expr *e, const TypeBinding *env) {
  switch (e->as.name.ref) {
  case NR_VAR:
    for (const TypeBinding *b = env; b; b = b->up)
      if (b->var == e->as.name.target) return b->type;
    return TYPE_ANY;
  case NR_COLLECTION:
    return TYPE_LIST_ENTITY[schema_collection_kind((CollectionKind)e->as.name.collection)];
  case NR_LET: return type_let(ev, e->as.name.target);
  case NR_ENTITY: {
    const Entity *ent = e->as.name.target;
    return TYPE_ENTITY[ent->kind]; /* a data table's rows: type_expr */
  }
  default: return TYPE_ANY;
  }
}

/* ---- members ---- */

static void suggest_field(EvalCtx *ev, Diag *d, const Ident *field, EntityKind ek) {
  Suggest s;
  suggest_init(&s, ev->arena, field->text);
  if (ek < EK__COUNT)
    field_offer_all(ek, &s);
  else
    for (int k = 0; k < EK__COUNT; k++) field_offer_all((EntityKind)k, &s);
  if (suggest_best(&s)) diag_help(ev->diags, d, "did you mean '%s'?", suggest_best(&s));
}

/* One `.field` applied to its object's type. */
static bool apply_member(EvalCtx *ev, const Expr *e, Type obj, Type *out) {
  *out = TYPE_ANY;
  const Ident *field = &e->as.member.field;
  if (!known(&obj) || obj.kind == TY_RECORD) return true;
  if (obj.kind == TY_ROW) return data_type_field(ev, &obj, field, out);
  if (obj.kind == TY_ENTITY) {
    const FieldSpec *f = field_find(obj.entity, field->text);
    if (f) {
      *out = *f->type;
      return true;
    }
    if (obj.entity == EK__COUNT && field_exists_somewhere(field->text)) return true;
    Diag *d = diag_add(ev->diags, D_UNKNOWN_FIELD, field->span, "%s has no field '%s'",
                       eval_type_phrase(ev, &obj), field->text);
    suggest_field(ev, d, field, obj.entity);
    return false;
  }
  Diag *d =
      diag_add(ev->diags, D_UNKNOWN_FIELD, field->span, "`%s` is %s, which has no field '%s'",
               eval_expr_text(ev, e->as.member.object), eval_type_phrase(ev, &obj), field->text);
  if (obj.kind == TY_LIST)
    diag_help(ev->diags, d, "to take it from every item: [x.%s for x in %s]", field->text,
              eval_expr_text(ev, e->as.member.object));
  return false;
}

static bool type_member(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_MEMBER, &n, &base);
  Type t;
  *out = TYPE_ANY;
  if (!type_expr(ev, base, env, &t)) return false;
  for (size_t i = 0; i < n; i++)
    if (!apply_member(ev, chain[i], t, &t)) return false;
  *out = t;
  return true;
}

/* ---- calls ---- */

static const char *kind_phrase(TypeKind k) {
  switch (k) {
  case TY_LIST: return "a list";
  case TY_TEXT: return "text";
  case TY_NUMBER: return "a number";
  case TY_ENTITY: return "an entity";
  default: return "a value";
  }
}

/* Whether a list argument's items suit the function: numbers for the statistics (durations
 * too for sum and avg), touchpoints for happiness; count, min and max take any items. */
static bool items_fit(const FuncSpec *f, const Type *list) {
  Type elem = eval_type_elem(list);
  if (f->arg[0] != TY_LIST || !known(&elem) || strcmp(f->name, "count") == 0) return true;
  if (strcmp(f->name, "happiness") == 0)
    return elem.kind == TY_ENTITY && (elem.entity == EK_TOUCHPOINT || elem.entity == EK__COUNT);
  if (elem.kind == TY_DURATION && f->ret == FR_SUM) return true;
  return elem.kind == TY_NUMBER;
}

static bool type_call(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  *out = TYPE_ANY;
  const Ident *fn = &e->as.call.fn;
  const FuncSpec *f = func_find(fn->text);
  size_t n = e->as.call.args.len;
  bool ok = true;
  Type args[FUNC_MAX_ARGS];
  for (size_t i = 0; i < FUNC_MAX_ARGS; i++) args[i] = TYPE_ANY;
  for (size_t i = 0; i < n; i++) {
    Type t;
    ok &= type_expr(ev, e->as.call.args.items[i], env, &t);
    if (i < FUNC_MAX_ARGS) args[i] = t;
  }
  if (!f) {
    Diag *d = diag_add(ev->diags, D_UNKNOWN_FUNCTION, fn->span, "unknown function '%s'", fn->text);
    Suggest s;
    suggest_init(&s, ev->arena, fn->text);
    func_offer_all(&s);
    if (suggest_best(&s)) diag_help(ev->diags, d, "did you mean '%s'?", suggest_best(&s));
    return false;
  }
  if (n < f->min_args || n > f->max_args) {
    diag_add(ev->diags, D_ARG_COUNT, e->span, "%s takes %s; %zu %s given", f->name, f->args, n,
             n == 1 ? "was" : "were");
    return false;
  }
  for (size_t i = 0; ok && i < n; i++) {
    TypeKind want = f->arg[i];
    if (want == TY_ANY || !known(&args[i]) || args[i].kind == want) continue;
    diag_add(ev->diags, D_TYPE_MISMATCH, e->as.call.args.items[i]->span,
             "%s needs %s, not %s (`%s`)", f->name, kind_phrase(want),
             eval_type_phrase(ev, &args[i]), eval_expr_text(ev, e->as.call.args.items[i]));
    ok = false;
  }
  if (ok && n > 0 && !items_fit(f, &args[0])) {
    diag_add(ev->diags, D_TYPE_MISMATCH, e->as.call.args.items[0]->span,
             "%s needs %s, not %s (`%s`)", f->name,
             strcmp(f->name, "happiness") == 0 ? "a list of touchpoints" : "a list of numbers",
             eval_type_phrase(ev, &args[0]), eval_expr_text(ev, e->as.call.args.items[0]));
    ok = false;
  }
  if (ok && f->ret == FR_ELEM && n == 1 && known(&args[0]) && args[0].kind != TY_LIST) {
    diag_add(ev->diags, D_TYPE_MISMATCH, e->as.call.args.items[0]->span,
             "%s needs a list or several values, not %s (`%s`)", f->name,
             eval_type_phrase(ev, &args[0]), eval_expr_text(ev, e->as.call.args.items[0]));
    ok = false;
  }
  switch (f->ret) {
  case FR_NUMBER:
  case FR_PERCENT: *out = TYPE_NUMBER; break;
  case FR_TEXT: *out = TYPE_TEXT; break;
  case FR_BOOL: *out = TYPE_BOOL; break;
  case FR_DATE: *out = TYPE_DATE; break;
  case FR_ELEM: *out = n > 1 ? args[0] : eval_type_elem(&args[0]); break;
  case FR_SUM: {
    Type elem = eval_type_elem(&args[0]);
    *out = elem.kind == TY_DURATION ? TYPE_DURATION : elem.kind == TY_ANY ? TYPE_ANY : TYPE_NUMBER;
    break;
  }
  case FR_ANY: break;
  }
  return ok;
}

/* ---- binders ---- */

bool eval_type_collection(EvalCtx *ev, const Expr *coll, const TypeBinding *env, Type *elem) {
  Type t;
  *elem = TYPE_ANY;
  if (!type_expr(ev, coll, env, &t)) return false;
  if (!known(&t)) return true;
  if (t.kind != TY_LIST) {
    diag_add(ev->diags, D_NOT_COLLECTION, coll->span, "`%s` is %s, not a collection",
             eval_expr_text(ev, coll), eval_type_phrase(ev, &t));
    return false;
  }
  *elem = eval_type_elem(&t);
  return true;
}

bool eval_type_cond(EvalCtx *ev, const Expr *e, const TypeBinding *env, const char *what) {
  Type t;
  if (!type_expr(ev, e, env, &t)) return false;
  if (!known(&t) || t.kind == TY_BOOL) return true;
  diag_add(ev->diags, D_NOT_CONDITION, e->span,
           "%s needs a condition (true or false), not %s: `%s`", what, eval_type_phrase(ev, &t),
           eval_expr_text(ev, e));
  return false;
}

static bool type_binder(EvalCtx *ev, const Ident *var, const Expr *coll, const Expr *cond,
                        const Expr *body, bool quant, const TypeBinding *env, Type *out) {
  TypeBinding b = {var, TYPE_ANY, env};
  bool ok = eval_type_collection(ev, coll, env, &b.type);
  if (cond) ok &= eval_type_cond(ev, cond, &b, "`where`");
  if (quant) {
    *out = TYPE_BOOL;
    return ok & eval_type_cond(ev, body, &b, "the body of a quantifier");
  }
  Type t;
  ok &= type_expr(ev, body, &b, &t);
  *out = list_of(ev, t);
  return ok;
}

/* ---- operators ---- */

static bool type_logic(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_LOGIC, &n, &base);
  *out = TYPE_BOOL;
  const char *what = n && chain[0]->as.binary.op == OP_AND ? "`and`" : "`or`";
  bool ok = eval_type_cond(ev, base, env, what);
  for (size_t i = 0; i < n; i++)
    ok &= eval_type_cond(ev, chain[i]->as.binary.rhs, env,
                         chain[i]->as.binary.op == OP_AND ? "`and`" : "`or`");
  return ok;
}

/* After a mistake the rest of the chain is still typed (for its own mistakes) but no operator
 * complains about the unknown result: one report per mistake. */
static bool type_binary(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  if (e->as.binary.op == OP_AND || e->as.binary.op == OP_OR) return type_logic(ev, e, env, out);
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_ARITH, &n, &base);
  Type acc;
  bool ok = type_expr(ev, base, env, &acc);
  for (size_t i = 0; i < n; i++) {
    Type rhs, res = TYPE_ANY;
    ok &= type_expr(ev, chain[i]->as.binary.rhs, env, &rhs);
    if (ok && !ops_type_binary(ev, chain[i], &acc, &rhs, &res)) ok = false;
    acc = res;
  }
  *out = ok ? acc : TYPE_ANY;
  return ok;
}

static bool apply_unary(EvalCtx *ev, const Expr *e, Type t, Type *out) {
  *out = TYPE_ANY;
  if (e->as.unary.op == OP_NOT) {
    *out = TYPE_BOOL;
    if (!known(&t) || t.kind == TY_BOOL) return true;
    diag_add(ev->diags, D_NOT_CONDITION, e->as.unary.operand->span,
             "`not` needs a condition (true or false), not %s: `%s`", eval_type_phrase(ev, &t),
             eval_expr_text(ev, e->as.unary.operand));
    return false;
  }
  if (!known(&t) || t.kind == TY_NUMBER || t.kind == TY_DURATION) {
    *out = t;
    return true;
  }
  diag_add(ev->diags, D_TYPE_MISMATCH, e->span, "`%s`: cannot negate %s", eval_expr_text(ev, e),
           eval_type_phrase(ev, &t));
  return false;
}

static bool type_unary(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  size_t n;
  const Expr *base;
  const Expr **chain = eval_spine(ev->arena, e, SPINE_UNARY, &n, &base);
  Type t;
  *out = TYPE_ANY;
  if (!type_expr(ev, base, env, &t)) return false;
  for (size_t i = 0; i < n; i++)
    if (!apply_unary(ev, chain[i], t, &t)) return false;
  *out = t;
  return true;
}

static bool type_list(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  Type elem = TYPE_ANY;
  bool ok = true;
  for (size_t i = 0; i < e->as.list.len; i++) {
    Type t;
    ok &= type_expr(ev, e->as.list.items[i], env, &t);
    if (elem.kind == TY_ANY && known(&t)) elem = t;
  }
  *out = list_of(ev, elem);
  return ok;
}

static bool type_interp(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  bool ok = true;
  *out = TYPE_TEXT;
  for (size_t i = 0; i < e->as.interp.len; i++)
    if (e->as.interp.parts[i].is_expr) {
      Type t;
      ok &= type_expr(ev, e->as.interp.parts[i].expr, env, &t);
    }
  return ok;
}

static bool type_expr(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  *out = TYPE_ANY;
  if (!e) return true;
  switch (e->kind) {
  case EX_NUMBER: *out = TYPE_NUMBER; return true;
  case EX_STRING: *out = TYPE_TEXT; return true;
  case EX_INTERP: return type_interp(ev, e, env, out);
  case EX_DATE: *out = TYPE_DATE; return true;
  case EX_DURATION: *out = TYPE_DURATION; return true;
  case EX_BOOL: *out = TYPE_BOOL; return true;
  case EX_NONE: *out = TYPE_NONE; return true;
  case EX_NAME:
    if (e->as.name.ref == NR_ENTITY && ((const Entity *)e->as.name.target)->kind == EK_DATA)
      return data_rows_type(ev, e->as.name.target, out); /* reads the file's header */
    *out = type_name(ev, e, env);
    return e->as.name.ref != NR_UNRESOLVED;
  case EX_MEMBER: return type_member(ev, e, env, out);
  case EX_CALL: return type_call(ev, e, env, out);
  case EX_LIST: return type_list(ev, e, env, out);
  case EX_UNARY: return type_unary(ev, e, env, out);
  case EX_BINARY: return type_binary(ev, e, env, out);
  case EX_QUANT:
    return type_binder(ev, &e->as.quant.var, e->as.quant.coll, e->as.quant.cond, e->as.quant.body,
                       true, env, out);
  case EX_COMPREHENSION:
    return type_binder(ev, &e->as.comp.var, e->as.comp.coll, e->as.comp.cond, e->as.comp.body,
                       false, env, out);
  case EX_ERROR: return false;
  }
  return true;
}

bool eval_type_expr(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out) {
  return type_expr(ev, e, env, out);
}

/* ---- the whole model ---- */

bool eval_type_check(EvalCtx *ev, const Check *c) {
  TypeBinding b = {&c->var, TYPE_ANY, NULL};
  const TypeBinding *env = NULL;
  bool ok = true;
  if (c->var.text && c->coll) {
    ok &= eval_type_collection(ev, c->coll, NULL, &b.type);
    env = &b;
  }
  if (c->where) ok &= eval_type_cond(ev, c->where, env, "`where`");
  if (c->assert) ok &= eval_type_cond(ev, c->assert, env, "`assert`");
  Type t;
  if (c->message) ok &= type_expr(ev, c->message, env, &t);
  return ok;
}

bool eval_check_model(EvalCtx *ev) {
  Model *m = ev->model;
  size_t before = ev->diags->errors;
  for (size_t i = 0; i < m->lets.len; i++) type_let(ev, m->lets.items[i]);
  for (size_t i = 0; i < m->kpis.len; i++) {
    Type t;
    const Kpi *k = m->kpis.items[i];
    if (!k->measure || !type_expr(ev, k->measure, NULL, &t) || !known(&t) || t.kind == TY_NUMBER)
      continue;
    diag_add(ev->diags, D_TYPE_MISMATCH, k->measure->span, "a measure must be a number, not %s",
             eval_type_phrase(ev, &t));
  }
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    const Touchpoint *tp = m->touchpoints.items[i];
    for (size_t k = 0; k < tp->nmetrics; k++) {
      Type t;
      type_expr(ev, tp->metrics[k].expr, NULL, &t);
    }
  }
  return ev->diags->errors == before;
}
