/* resolve_clause.c — the clause forms of checks, queries and kpis, and `meta` on every kind.
 *
 * A check's `for x in …` and a query's `from x in …` bind a variable for the whole block,
 * whatever order the lines come in, so resolve_prepare_scope finds them before the attribute
 * loop runs. NR_VAR names bound this way point at the model's Check.var / Query.var; names
 * in `order` may also be `select … as` aliases, pointing at the alias Ident in Query.select.
 */
#include <math.h>
#include <string.h>

#include "resolve_impl.h"

static const Attr *first_clause(const Decl *d, AttrForm form, const char *name) {
  for (size_t i = 0; i < d->nattrs; i++) {
    const Attr *a = d->attrs[i];
    if (a && a->form == form && a->name.text && strcmp(a->name.text, name) == 0) return a;
  }
  return NULL;
}

static const Scope *push_scope(Resolver *r, const Ident *var, const Scope *up) {
  Scope *s = arena_alloc(r->arena, sizeof *s);
  s->var = var;
  s->up = up;
  return s;
}

void resolve_prepare_scope(Resolver *r, DeclCtx *c) {
  if (c->kind == DK_CHECK) {
    const Attr *f = first_clause(c->decl, AF_FOR, "for");
    Check *ck = (Check *)c->ent;
    if (!f || !f->var.text) return;
    ck->var = f->var;
    resolve_reserved(r, &f->var, "variable name");
    c->scope = push_scope(r, &ck->var, NULL);
  } else if (c->kind == DK_QUERY) {
    const Attr *f = first_clause(c->decl, AF_FROM, "from");
    Query *q = (Query *)c->ent;
    if (f && f->var.text) {
      q->var = f->var;
      resolve_reserved(r, &f->var, "variable name");
      c->scope = push_scope(r, &q->var, NULL);
    }
    c->order_scope = c->scope;
    const Attr *sel = first_clause(c->decl, AF_SELECT, "select");
    for (size_t i = 0; sel && i < sel->nitems; i++)
      if (sel->items[i].alias.text)
        c->order_scope = push_scope(r, &sel->items[i].alias, c->order_scope);
  }
}

/* meta values are data, not code: literals, negated numbers, and lists of them. */
static bool is_literal(const Expr *e) {
  switch (e->kind) {
  case EX_NUMBER:
  case EX_STRING:
  case EX_DATE:
  case EX_DURATION:
  case EX_BOOL:
  case EX_NONE: return true;
  case EX_UNARY:
    return e->as.unary.op == OP_NEG &&
           (e->as.unary.operand->kind == EX_NUMBER || e->as.unary.operand->kind == EX_DURATION);
  case EX_LIST:
    for (size_t i = 0; i < e->as.list.len; i++)
      if (!is_literal(e->as.list.items[i])) return false;
    return true;
  default: return false;
  }
}

static void resolve_meta(Resolver *r, DeclCtx *c, const AttrSpec *spec, const Attr *a) {
  Entity *e = c->ent;
  if (!a->var.text || !a->expr) return; /* the parser reported it */
  if (!is_literal(a->expr)) {
    resolve_bad_args(r, spec, a->expr->span);
    return;
  }
  for (size_t i = 0; i < e->nmeta; i++)
    if (strcmp(e->meta[i].key.text, a->var.text) == 0) {
      Diag *d = diag_add(r->diags, D_REPEATED_ATTR, a->var.span,
                         "meta '%s' is given more than once", a->var.text);
      diag_note(r->diags, d, e->meta[i].key.span, "first given here");
      return;
    }
  e->meta = resolve_grow(r, e->meta, e->nmeta, sizeof *e->meta);
  e->meta[e->nmeta++] = (MetaEntry){a->var, a->expr};
}

/* baseline N [on DATE] */
static void resolve_baseline(Resolver *r, Kpi *k, const AttrSpec *spec, const Attr *a) {
  double value;
  if (a->nargs == 0 || !resolve_number(a->args[0].value, &value, NULL)) {
    resolve_bad_args(r, spec, a->nargs ? a->args[0].value->span : a->name.span);
    return;
  }
  if (a->nargs > 1) {
    const Expr *on = a->args[1].value;
    bool on_word = on->kind == EX_NAME && strcmp(on->as.name.id.text, "on") == 0;
    if (!on_word || a->nargs != 3 || a->args[2].value->kind != EX_DATE) {
      resolve_bad_args(r, spec, on_word && a->nargs > 2 ? a->args[2].value->span : on->span);
      return;
    }
    k->has_baseline_date = true;
    k->baseline_date = a->args[2].value->as.date;
  }
  k->has_baseline = true;
  k->baseline = value;
}

/* target OP NUM: the number must be a literal, so that "met" never depends on evaluation. */
static void resolve_target(Resolver *r, Kpi *k, const AttrSpec *spec, const Attr *a) {
  static const struct {
    OpKind op;
    TargetOp target;
  } OPS[] = {{OP_GE, TARGET_GE},
             {OP_LE, TARGET_LE},
             {OP_EQ, TARGET_EQ},
             {OP_GT, TARGET_GT},
             {OP_LT, TARGET_LT}};
  TargetOp t = TARGET_NONE;
  for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
    if (OPS[i].op == a->op) t = OPS[i].target;
  if (t == TARGET_NONE) {
    resolve_bad_args(r, spec, a->op_span);
    return;
  }
  double value;
  bool percent;
  if (!a->expr || !resolve_number(a->expr, &value, &percent)) {
    resolve_bad_args(r, spec, a->expr ? a->expr->span : a->name.span);
    return;
  }
  k->target_op = t;
  k->target = value;
  k->target_percent = percent;
  k->target_span = a->span;
}

Expr *resolve_and(Resolver *r, Expr *first, Expr *second) {
  Expr *e = arena_alloc(r->arena, sizeof *e);
  e->kind = EX_BINARY;
  e->span = span_join(first->span, second->span);
  e->as.binary.op = OP_AND;
  e->as.binary.op_span = second->span;
  e->as.binary.lhs = first;
  e->as.binary.rhs = second;
  return e;
}

static void resolve_items(Resolver *r, Item *items, size_t n, const Scope *scope) {
  for (size_t i = 0; i < n; i++) resolve_expr(r, items[i].expr, scope);
}

void resolve_clause(Resolver *r, DeclCtx *c, const AttrSpec *spec, const Attr *a) {
  switch (spec->shape) {
  case SH_META: resolve_meta(r, c, spec, a); break;
  case SH_BASELINE: resolve_baseline(r, (Kpi *)c->ent, spec, a); break;
  case SH_TARGET: resolve_target(r, (Kpi *)c->ent, spec, a); break;
  case SH_FOR: {
    Check *ck = (Check *)c->ent;
    resolve_expr(r, a->expr, NULL); /* the collection is outside the variable's scope */
    resolve_expr(r, a->cond, c->scope);
    ck->coll = a->expr;
    if (a->cond) ck->where = ck->where ? resolve_and(r, a->cond, ck->where) : a->cond;
    break;
  }
  case SH_FROM:
    resolve_expr(r, a->expr, NULL);
    ((Query *)c->ent)->from = a->expr;
    break;
  case SH_SELECT: {
    Query *q = (Query *)c->ent;
    resolve_items(r, a->items, a->nitems, c->scope);
    q->select = a->items;
    q->nselect = a->nitems;
    break;
  }
  case SH_ORDER: {
    Query *q = (Query *)c->ent;
    resolve_items(r, a->items, a->nitems, c->order_scope);
    q->order = a->items;
    q->norder = a->nitems;
    break;
  }
  default: break;
  }
}

static const Attr *seen_attr(const DeclCtx *c, const char *name) {
  size_t index;
  return schema_attr_find(c->kind, name, &index) ? c->seen[index] : NULL;
}

static void finish_kpi(Resolver *r, DeclCtx *c) {
  const Attr *m = seen_attr(c, "measure"), *a = seen_attr(c, "actual");
  if (!m || !a) return;
  const Attr *later = m->span.start > a->span.start ? m : a, *other = later == m ? a : m;
  Diag *d = diag_add(r->diags, D_BAD_ARGS, later->name.span,
                     "a kpi takes `measure` or `actual`, not both");
  diag_note(r->diags, d, other->name.span, "'%s' is given here", other->name.text);
  diag_help(r->diags, d, "`measure` computes the value from the map; `actual` states it");
}

static void finish_check(Resolver *r, DeclCtx *c) {
  const Check *ck = (const Check *)c->ent;
  const Attr *w = seen_attr(c, "where");
  if (w && !ck->var.text) {
    Diag *d = diag_add(r->diags, D_MISSING_ATTR, w->name.span,
                       "'where' needs a `for x in COLLECTION` line in the check");
    diag_help(r->diags, d, "add `for x in COLLECTION` and use x in the condition");
  }
}

/* A literal limit is checked now; a computed one is the evaluator's business. */
static void finish_query(Resolver *r, DeclCtx *c) {
  const Query *q = (const Query *)c->ent;
  double value;
  bool percent;
  if (!q->limit || !resolve_number(q->limit, &value, &percent)) return;
  if (!percent && value >= 0 && value == floor(value)) return;
  diag_add(r->diags, D_OUT_OF_RANGE, q->limit->span,
           "limit %s is out of range: it must be a whole number, 0 or more",
           resolve_source_text(r, q->limit->span));
}

void resolve_finish_decl(Resolver *r, DeclCtx *c) {
  if (c->kind == DK_KPI) finish_kpi(r, c);
  if (c->kind == DK_CHECK) finish_check(r, c);
  if (c->kind == DK_QUERY) finish_query(r, c);
}
