/* query.c — running a query (a `query` block or an ad-hoc one) over the model.
 *
 * The steps, in the order docs/language.md gives them: the rows of `from`; those for which
 * `where` is true; with `group`, one result row per distinct key (groups in the order of their
 * first row); the `select` columns; a stable sort by `order` (ties keep the order above; none
 * sorts last in either direction); the first `limit` rows.
 *
 * Grouping is SQL's rule with the row variable in place of column names. Inside a grouped
 * query's `select` and `order`, an aggregate call (count sum avg min max median percentile
 * happiness) whose first argument mentions the row variable is computed over the group: the
 * argument is evaluated for every row of the group, lists are joined and none values dropped,
 * and the function gets that list. Anywhere else the variable is the group's first row. This is
 * done by rewriting each such call once, before typing, so that its first argument is a fresh
 * variable bound to the collected list: the evaluator then types and runs the call as usual.
 *
 * Everything is typed before anything runs (eval_type_*), so a misspelt field in a query is
 * reported once, at its span, even when no row would reach it.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "eval.h"
#include "query.h"

/* One rewritten aggregate: its argument, and the variable that stands for the collected list. */
typedef struct GroupAgg {
  Ident var;
  const Expr *arg;
  Type type; /* the list's type */
} GroupAgg;

typedef struct QueryRun {
  EvalCtx *ev;
  Arena *arena;
  const Query *q;
  DiagList *diags;
  VEC(GroupAgg *) aggs;
  const Expr **select; /* the select (and order) expressions, rewritten when grouped */
  const Expr **order;
  Type *select_types;
} QueryRun;

/* ---- which expressions mention the row variable --------------------------------------- */

static bool mentions(const Expr *e, const Ident *var);

static bool list_mentions(const ExprList *l, const Ident *var) {
  for (size_t i = 0; i < l->len; i++)
    if (mentions(l->items[i], var)) return true;
  return false;
}

/* Loops down left operands, operands and member chains, which nest as deep as the text is
 * long; everything else nests only through brackets (at most PARSE_MAX_NESTING). */
static bool mentions(const Expr *e, const Ident *var) {
  while (e) {
    switch (e->kind) {
    case EX_NAME: return e->as.name.ref == NR_VAR && e->as.name.target == var;
    case EX_MEMBER: e = e->as.member.object; continue;
    case EX_UNARY: e = e->as.unary.operand; continue;
    case EX_BINARY:
      if (mentions(e->as.binary.rhs, var)) return true;
      e = e->as.binary.lhs;
      continue;
    case EX_CALL: return list_mentions(&e->as.call.args, var);
    case EX_LIST: return list_mentions(&e->as.list, var);
    case EX_QUANT:
      return mentions(e->as.quant.coll, var) || mentions(e->as.quant.cond, var) ||
             mentions(e->as.quant.body, var);
    case EX_COMPREHENSION:
      return mentions(e->as.comp.coll, var) || mentions(e->as.comp.cond, var) ||
             mentions(e->as.comp.body, var);
    case EX_INTERP:
      for (size_t i = 0; i < e->as.interp.len; i++)
        if (e->as.interp.parts[i].is_expr && mentions(e->as.interp.parts[i].expr, var)) return true;
      return false;
    default: return false;
    }
  }
  return false;
}

/* ---- the grouped rewrite --------------------------------------------------------------- */

static bool is_group_aggregate(const char *fn) {
  static const char *const AGGS[] = {"count",      "sum",       "avg", "min",  "max", "median",
                                     "percentile", "happiness", "nps", "csat", "ces"};
  for (size_t i = 0; fn && i < sizeof AGGS / sizeof AGGS[0]; i++)
    if (strcmp(fn, AGGS[i]) == 0) return true;
  return false;
}

static Expr *copy_expr(QueryRun *r, const Expr *e) {
  size_t size = ast_expr_size(e->kind); /* nodes have their kind's size, not sizeof(Expr) */
  Expr *c = arena_alloc(r->arena, size);
  memcpy(c, e, size);
  return c;
}

static const Expr *rewrite(QueryRun *r, const Expr *e);

/* The list with its items rewritten; the same list when nothing changed. */
static ExprList rewrite_list(QueryRun *r, ExprList l, bool *changed) {
  Expr **items = NULL;
  for (size_t i = 0; i < l.len; i++) {
    const Expr *n = rewrite(r, l.items[i]);
    if (n == l.items[i]) continue;
    if (!items) {
      items = arena_alloc(r->arena, l.len * sizeof *items);
      memcpy(items, l.items, l.len * sizeof *items);
    }
    items[i] = (Expr *)n;
  }
  *changed = items != NULL;
  return items ? (ExprList){items, l.len} : l;
}

/* fn(arg, rest…) -> fn(<collected>, rest…), the collected list bound per group. */
static const Expr *rewrite_aggregate(QueryRun *r, const Expr *call) {
  GroupAgg *g = arena_alloc(r->arena, sizeof *g);
  memset(g, 0, sizeof *g);
  const Expr *arg = call->as.call.args.items[0];
  g->arg = arg;
  g->var = (Ident){r->q->var.text, arg->span};
  VEC_PUSH(r->arena, r->aggs, g);
  Expr *name = arena_alloc(r->arena, sizeof *name);
  memset(name, 0, sizeof *name);
  name->kind = EX_NAME;
  name->span = arg->span;
  name->as.name.id = g->var;
  name->as.name.ref = NR_VAR;
  name->as.name.target = &g->var;
  Expr *c = copy_expr(r, call);
  size_t n = call->as.call.args.len;
  c->as.call.args.items = arena_alloc(r->arena, n * sizeof(Expr *));
  memcpy(c->as.call.args.items, call->as.call.args.items, n * sizeof(Expr *));
  c->as.call.args.items[0] = name;
  return c;
}

/* Quantifiers and comprehensions are left alone: their bodies point at their own variable's
 * Ident, which a copy would move; an aggregate inside one is computed per row, as written. */
static const Expr *rewrite(QueryRun *r, const Expr *e) {
  bool changed = false;
  Expr *c;
  switch (e->kind) {
  case EX_CALL: {
    const ExprList *args = &e->as.call.args;
    if (is_group_aggregate(e->as.call.fn.text) && args->len > 0 &&
        mentions(args->items[0], &r->q->var))
      return rewrite_aggregate(r, e);
    ExprList l = rewrite_list(r, *args, &changed);
    if (!changed) return e;
    c = copy_expr(r, e);
    c->as.call.args = l;
    return c;
  }
  case EX_LIST: {
    ExprList l = rewrite_list(r, e->as.list, &changed);
    if (!changed) return e;
    c = copy_expr(r, e);
    c->as.list = l;
    return c;
  }
  case EX_MEMBER: {
    const Expr *o = rewrite(r, e->as.member.object);
    if (o == e->as.member.object) return e;
    c = copy_expr(r, e);
    c->as.member.object = (Expr *)o;
    return c;
  }
  case EX_UNARY: {
    const Expr *o = rewrite(r, e->as.unary.operand);
    if (o == e->as.unary.operand) return e;
    c = copy_expr(r, e);
    c->as.unary.operand = (Expr *)o;
    return c;
  }
  case EX_BINARY: {
    const Expr *l = rewrite(r, e->as.binary.lhs), *rh = rewrite(r, e->as.binary.rhs);
    if (l == e->as.binary.lhs && rh == e->as.binary.rhs) return e;
    c = copy_expr(r, e);
    c->as.binary.lhs = (Expr *)l;
    c->as.binary.rhs = (Expr *)rh;
    return c;
  }
  default: return e;
  }
}

static void prepare(QueryRun *r) {
  const Query *q = r->q;
  r->select = arena_alloc(r->arena, (q->nselect + 1) * sizeof *r->select);
  r->order = arena_alloc(r->arena, (q->norder + 1) * sizeof *r->order);
  r->select_types = arena_alloc(r->arena, (q->nselect + 1) * sizeof *r->select_types);
  for (size_t i = 0; i < q->nselect; i++)
    r->select[i] = q->group ? rewrite(r, q->select[i].expr) : q->select[i].expr;
  for (size_t i = 0; i < q->norder; i++)
    r->order[i] = q->group ? rewrite(r, q->order[i].expr) : q->order[i].expr;
}

/* ---- typing ------------------------------------------------------------------------------ */

/* The type of the list an aggregate gets: lists are joined, other values collected. */
static Type collected_type(QueryRun *r, Type t) {
  if (t.kind == TY_LIST) return t;
  Type *elem = arena_alloc(r->arena, sizeof *elem);
  *elem = t;
  Type l = eval_type(TY_LIST);
  l.elem = t.kind == TY_ANY ? NULL : elem;
  return l;
}

static bool type_limit(QueryRun *r) {
  const Expr *lim = r->q->limit;
  if (!lim) return true;
  if (mentions(lim, &r->q->var)) {
    diag_add(r->diags, D_UNKNOWN_NAME, lim->span,
             "`limit` is computed once for the whole query: the row variable '%s' is not known "
             "there",
             r->q->var.text);
    return false;
  }
  Type t;
  if (!eval_type_expr(r->ev, lim, NULL, &t)) return false;
  if (t.kind == TY_NUMBER || t.kind == TY_ANY) return true;
  diag_add(r->diags, D_TYPE_MISMATCH, lim->span, "`limit` needs a whole number, not %s",
           eval_type_name(r->arena, &t));
  return false;
}

/* Types every clause; the bindings of the select aliases are returned for `order`. */
static bool type_query(QueryRun *r) {
  const Query *q = r->q;
  Type elem;
  if (!q->from || !eval_type_collection(r->ev, q->from, NULL, &elem)) return false;
  TypeBinding *env = arena_alloc(r->arena, sizeof *env);
  *env = (TypeBinding){&q->var, elem, NULL};
  bool ok = true;
  if (q->where) ok &= eval_type_cond(r->ev, q->where, env, "where");
  Type t;
  if (q->group) ok &= eval_type_expr(r->ev, q->group, env, &t);
  const TypeBinding *inner = env;
  for (size_t i = 0; i < r->aggs.len; i++) {
    GroupAgg *g = r->aggs.items[i];
    Type at;
    ok &= eval_type_expr(r->ev, g->arg, env, &at);
    g->type = collected_type(r, at);
    TypeBinding *b = arena_alloc(r->arena, sizeof *b);
    *b = (TypeBinding){&g->var, g->type, inner};
    inner = b;
  }
  const TypeBinding *order_env = inner;
  for (size_t i = 0; i < q->nselect; i++) {
    ok &= eval_type_expr(r->ev, r->select[i], inner, &r->select_types[i]);
    if (!q->select[i].alias.text) continue;
    TypeBinding *b = arena_alloc(r->arena, sizeof *b);
    *b = (TypeBinding){&q->select[i].alias, r->select_types[i], order_env};
    order_env = b;
  }
  for (size_t i = 0; i < q->norder; i++) ok &= eval_type_expr(r->ev, r->order[i], order_env, &t);
  return type_limit(r) && ok;
}

/* ---- evaluation -------------------------------------------------------------------------- */

/* One result row before sorting: its cells' values and its sort keys. */
typedef struct OutRow {
  Value *cols, *keys;
} OutRow;

static bool bind_aggregates(QueryRun *r, const Value *rows, const size_t *idx, size_t n,
                            const EvalBinding *env, const EvalBinding **out) {
  for (size_t a = 0; a < r->aggs.len; a++) {
    GroupAgg *g = r->aggs.items[a];
    VEC(Value) items = {0};
    for (size_t k = 0; k < n; k++) {
      EvalBinding row = {&r->q->var, rows[idx[k]], NULL};
      Value v;
      if (!eval_expr(r->ev, g->arg, &row, &v)) return false;
      if (v.kind == VAL_LIST)
        for (size_t j = 0; j < v.as.list.len; j++) VEC_PUSH(r->arena, items, v.as.list.items[j]);
      else if (v.kind != VAL_NONE)
        VEC_PUSH(r->arena, items, v);
    }
    EvalBinding *b = arena_alloc(r->arena, sizeof *b);
    *b = (EvalBinding){&g->var, value_list(items.items, items.len), env};
    env = b;
  }
  *out = env;
  return true;
}

/* The columns and sort keys of one result row: a row of `from`, or a group (idx, n). */
static bool eval_row(QueryRun *r, const Value *rows, const size_t *idx, size_t n, OutRow *out) {
  const Query *q = r->q;
  EvalBinding first = {&q->var, rows[idx[0]], NULL};
  const EvalBinding *env = &first;
  if (q->group && !bind_aggregates(r, rows, idx, n, env, &env)) return false;
  size_t ncols = q->nselect ? q->nselect : 1;
  out->cols = arena_alloc(r->arena, ncols * sizeof *out->cols);
  out->keys = arena_alloc(r->arena, (q->norder + 1) * sizeof *out->keys);
  if (q->nselect == 0) out->cols[0] = rows[idx[0]];
  const EvalBinding *order_env = env;
  for (size_t i = 0; i < q->nselect; i++) {
    if (!eval_expr(r->ev, r->select[i], env, &out->cols[i])) return false;
    if (!q->select[i].alias.text) continue;
    EvalBinding *b = arena_alloc(r->arena, sizeof *b);
    *b = (EvalBinding){&q->select[i].alias, out->cols[i], order_env};
    order_env = b;
  }
  for (size_t i = 0; i < q->norder; i++)
    if (!eval_expr(r->ev, r->order[i], order_env, &out->keys[i])) return false;
  return true;
}

/* ---- stable sorting ---------------------------------------------------------------------- */

typedef int (*CompareFn)(const void *ctx, size_t a, size_t b);

/* Merge sort of indices: stable, O(n log n), no recursion into the C stack's depth. */
static void sort_indices(Arena *arena, size_t *idx, size_t n, CompareFn cmp, const void *ctx) {
  size_t *tmp = arena_alloc(arena, (n + 1) * sizeof *tmp);
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = cmp(ctx, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
      while (i < mid) tmp[k++] = idx[i++];
      while (j < hi) tmp[k++] = idx[j++];
    }
    memcpy(idx, tmp, n * sizeof *idx);
  }
}

static int compare_keys(const void *ctx, size_t a, size_t b) {
  const Value *keys = ctx;
  return value_compare(&keys[a], &keys[b]);
}

typedef struct OrderCtx {
  const OutRow *rows;
  const Item *order;
  size_t norder;
} OrderCtx;

/* none last in either direction: a missing value is never the answer at the top. */
static int compare_rows(const void *ctx, size_t a, size_t b) {
  const OrderCtx *o = ctx;
  for (size_t i = 0; i < o->norder; i++) {
    const Value *x = &o->rows[a].keys[i], *y = &o->rows[b].keys[i];
    bool xn = x->kind == VAL_NONE, yn = y->kind == VAL_NONE;
    if (xn || yn) {
      if (xn != yn) return xn ? 1 : -1;
      continue;
    }
    int c = value_compare(x, y);
    if (c) return o->order[i].desc ? -c : c;
  }
  return 0;
}

/* ---- the steps --------------------------------------------------------------------------- */

/* The rows of `from` kept by `where`, as indices into *rows. */
static bool filter_rows(QueryRun *r, const Value **rows, size_t **kept, size_t *nkept) {
  size_t n;
  if (!eval_collection(r->ev, r->q->from, NULL, rows, &n)) return false;
  *kept = arena_alloc(r->arena, (n + 1) * sizeof **kept);
  *nkept = 0;
  for (size_t i = 0; i < n; i++) {
    bool keep = true;
    EvalBinding row = {&r->q->var, (*rows)[i], NULL};
    if (r->q->where && !eval_cond(r->ev, r->q->where, &row, &keep)) return false;
    if (keep) (*kept)[(*nkept)++] = i;
  }
  return true;
}

/* Groups of equal keys, each a run of indices in `from` order, the groups in the order of
 * their first row: sorting by key (stable) and then the groups by first row keeps it
 * O(n log n) for any number of groups. */
static bool group_rows(QueryRun *r, const Value *rows, size_t *kept, size_t n, size_t **starts,
                       size_t *ngroups, size_t **order) {
  Value *keys = arena_alloc(r->arena, (n + 1) * sizeof *keys);
  size_t *byrow = arena_alloc(r->arena, (n + 1) * sizeof *byrow);
  for (size_t i = 0; i < n; i++) {
    EvalBinding row = {&r->q->var, rows[kept[i]], NULL};
    if (!eval_expr(r->ev, r->q->group, &row, &keys[i])) return false;
    byrow[i] = i;
  }
  sort_indices(r->arena, byrow, n, compare_keys, keys);
  *starts = arena_alloc(r->arena, (n + 2) * sizeof **starts);
  *ngroups = 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || !value_equal(&keys[byrow[i]], &keys[byrow[i - 1]])) (*starts)[(*ngroups)++] = i;
  (*starts)[*ngroups] = n;
  for (size_t i = 0; i < n; i++) byrow[i] = kept[byrow[i]];
  memcpy(kept, byrow, n * sizeof *kept);
  /* groups by their first row (the smallest index: the sort was stable) */
  Value *firsts = arena_alloc(r->arena, (*ngroups + 1) * sizeof *firsts);
  *order = arena_alloc(r->arena, (*ngroups + 1) * sizeof **order);
  for (size_t g = 0; g < *ngroups; g++) {
    firsts[g] = value_number((double)kept[(*starts)[g]]);
    (*order)[g] = g;
  }
  sort_indices(r->arena, *order, *ngroups, compare_keys, firsts);
  return true;
}

static bool eval_limit(QueryRun *r, size_t *limit) {
  Value v;
  if (!eval_expr(r->ev, r->q->limit, NULL, &v)) return false;
  if (v.kind == VAL_NUMBER && !v.percent && v.as.num >= 0 && v.as.num == floor(v.as.num)) {
    /* past 2^52 rows (no model has them) it cuts nothing; checked before the conversion, which
     * is undefined for a double beyond size_t */
    *limit = v.as.num >= 4503599627370496.0 ? SIZE_MAX : (size_t)v.as.num;
    return true;
  }
  diag_add(r->diags, D_OUT_OF_RANGE, r->q->limit->span,
           "limit %s is out of range: it must be a whole number, 0 or more",
           value_to_text(r->arena, &v));
  return false;
}

/* ---- the result -------------------------------------------------------------------------- */

static Cell value_cell(Arena *a, const Value *v) {
  Cell c;
  memset(&c, 0, sizeof c);
  c.text = value_to_text(a, v);
  c.len = strlen(c.text);
  switch (v->kind) {
  case VAL_NONE: c.kind = CELL_NONE; break;
  case VAL_NUMBER:
    c.kind = CELL_NUMBER;
    c.number = v->as.num;
    c.percent = v->percent;
    break;
  case VAL_BOOL:
    c.kind = CELL_BOOL;
    c.number = v->as.boolean;
    break;
  case VAL_LIST:
    c.kind = CELL_LIST;
    c.nitems = v->as.list.len;
    c.items = arena_alloc(a, (c.nitems + 1) * sizeof *c.items);
    for (size_t i = 0; i < c.nitems; i++) c.items[i] = value_cell(a, &v->as.list.items[i]);
    break;
  case VAL_TEXT: /* the bytes as they are, NUL included */
    c.kind = CELL_TEXT;
    c.text = v->as.text.text;
    c.len = v->as.text.len;
    break;
  default: c.kind = CELL_TEXT; break;
  }
  return c;
}

/* A column's name: its alias, else its expression as written with runs of white space made
 * one space; a repeated name gets _2, _3… so that JSON keys stay distinct. */
static const char *column_name(QueryRun *r, size_t i) {
  const Item *it = &r->q->select[i];
  if (it->alias.text) return it->alias.text;
  const Source *src = source_get(eval_model(r->ev)->sources, it->expr->span.file);
  StrBuf sb;
  sb_init(&sb, r->arena);
  for (uint32_t k = it->expr->span.start; src && k < it->expr->span.end; k++) {
    char c = src->text[k];
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space)
      sb_putc(&sb, c);
    else if (sb.len && sb.data[sb.len - 1] != ' ')
      sb_putc(&sb, ' ');
  }
  return arena_strdup(r->arena, sb_str(&sb));
}

static const char **column_names(QueryRun *r, size_t n) {
  const char **names = arena_alloc(r->arena, (n + 1) * sizeof *names);
  for (size_t i = 0; i < n; i++) {
    const char *base = r->q->nselect ? column_name(r, i) : r->q->var.text;
    const char *name = base;
    for (unsigned k = 2;; k++) {
      bool taken = false;
      for (size_t j = 0; j < i && !taken; j++) taken = strcmp(names[j], name) == 0;
      if (!taken) break;
      name = arena_printf(r->arena, "%s_%u", base, k);
    }
    names[i] = name;
  }
  return names;
}

static QueryResult *make_result(QueryRun *r, const OutRow *rows, const size_t *order, size_t n) {
  QueryResult *res = arena_alloc(r->arena, sizeof *res);
  res->ncolumns = r->q->nselect ? r->q->nselect : 1;
  res->columns = column_names(r, res->ncolumns);
  res->nrows = n;
  res->cells = arena_alloc(r->arena, (n * res->ncolumns + 1) * sizeof *res->cells);
  for (size_t i = 0; i < n; i++)
    for (size_t c = 0; c < res->ncolumns; c++)
      res->cells[i * res->ncolumns + c] = value_cell(r->arena, &rows[order[i]].cols[c]);
  return res;
}

static QueryResult *run_rows(QueryRun *r) {
  const Value *rows;
  size_t *kept, n;
  if (!filter_rows(r, &rows, &kept, &n)) return NULL;
  size_t *starts, ngroups, *group_order = NULL;
  if (r->q->group) {
    if (!group_rows(r, rows, kept, n, &starts, &ngroups, &group_order)) return NULL;
  } else {
    ngroups = n;
    starts = arena_alloc(r->arena, (n + 2) * sizeof *starts);
    for (size_t i = 0; i <= n; i++) starts[i] = i;
  }
  OutRow *out = arena_alloc(r->arena, (ngroups + 1) * sizeof *out);
  size_t *order = arena_alloc(r->arena, (ngroups + 1) * sizeof *order);
  for (size_t i = 0; i < ngroups; i++) {
    size_t g = group_order ? group_order[i] : i;
    if (!eval_row(r, rows, kept + starts[g], starts[g + 1] - starts[g], &out[i])) return NULL;
    order[i] = i;
  }
  OrderCtx oc = {out, r->q->order, r->q->norder};
  if (r->q->norder) sort_indices(r->arena, order, ngroups, compare_rows, &oc);
  size_t limit = ngroups;
  if (r->q->limit && !eval_limit(r, &limit)) return NULL;
  return make_result(r, out, order, limit < ngroups ? limit : ngroups);
}

QueryResult *query_run(EvalCtx *ev, const Query *q, DiagList *diags) {
  QueryRun r;
  memset(&r, 0, sizeof r);
  r.ev = ev;
  r.arena = eval_arena(ev);
  r.q = q;
  r.diags = diags;
  prepare(&r);
  if (!type_query(&r)) return NULL;
  return run_rows(&r);
}
