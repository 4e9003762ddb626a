/* resolve_expr.c — the names inside expressions, and lets that define themselves.
 *
 * An EX_NAME is, in this order: a bound variable (innermost first), a built-in collection, or
 * an id of the one namespace (an entity, a let, a data table). Anything else is E0202 with a
 * did-you-mean over everything in scope. Function names (EX_CALL) and fields (EX_MEMBER) are
 * the evaluator's to check. A let whose value reaches itself through other lets is reported
 * with E0202 as well: the name has no value it could stand for (there is no closer code).
 *
 * The walk loops down left operands and member chains instead of recursing, because
 * `1 + 1 + … + 1` nests as deep as it is long; everything else nests only through brackets,
 * which the parser caps at PARSE_MAX_NESTING.
 */
#include <string.h>

#include "parse.h"
#include "resolve_impl.h"
#include "suggest.h"

static const Ident *scope_find(const Scope *s, const char *name) {
  for (; s; s = s->up)
    if (s->var && s->var->text && strcmp(s->var->text, name) == 0) return s->var;
  return NULL;
}

static void report_unknown_name(Resolver *r, const Expr *e, const Scope *scope) {
  const char *name = e->as.name.id.text;
  Diag *d = diag_add(r->diags, D_UNKNOWN_NAME, e->span, "unknown name '%s'", name);
  if (resolve_capped(r, e->span)) return;
  Suggest s;
  suggest_init(&s, r->arena, name);
  for (const Scope *v = scope; v; v = v->up)
    if (v->var && v->var->text) suggest_offer(&s, v->var->text, NULL);
  for (int k = 0; k < COLL__COUNT; k++)
    suggest_offer(&s, schema_collection_name((CollectionKind)k), NULL);
  for (size_t i = 0; i < r->named.len; i++)
    suggest_offer(&s, r->named.items[i]->id, r->named.items[i]);
  const Entity *ent = suggest_best_data(&s);
  if (ent)
    diag_help(r->diags, d, "did you mean '%s'? (declared at %s)", ent->id,
              resolve_where(r, ent->id_span));
  else if (suggest_best(&s))
    diag_help(r->diags, d, "did you mean '%s'?", suggest_best(&s));
}

static void resolve_name(Resolver *r, Expr *e, const Scope *scope) {
  const char *name = e->as.name.id.text;
  if (!name) return;
  const Ident *var = scope_find(scope, name);
  CollectionKind coll;
  Entity *ent;
  if (var) {
    e->as.name.ref = NR_VAR;
    e->as.name.target = var;
  } else if (schema_collection_lookup(name, &coll)) {
    e->as.name.ref = NR_COLLECTION;
    e->as.name.collection = (int)coll;
  } else if ((ent = symtab_get(r->ids, name)) != NULL) {
    e->as.name.ref = ent->kind == EK_LET ? NR_LET : NR_ENTITY;
    e->as.name.target = ent;
    if (ent->kind == EK_LET && r->current_let) {
      LetRef ref = {r->current_let, (const Let *)ent, e->span};
      VEC_PUSH(r->arena, r->let_refs, ref);
    }
  } else
    report_unknown_name(r, e, scope);
}

/* all|any x in coll [where cond]: body, and [body for x in coll where cond]. */
static void resolve_binder(Resolver *r, const Ident *var, Expr *coll, Expr *cond, Expr *body,
                           const Scope *scope) {
  resolve_expr(r, coll, scope);
  resolve_reserved(r, var, "variable name");
  Scope inner = {var, scope};
  resolve_expr(r, cond, &inner);
  resolve_expr(r, body, &inner);
}

static void resolve_list(Resolver *r, const ExprList *list, const Scope *scope) {
  for (size_t i = 0; i < list->len; i++) resolve_expr(r, list->items[i], scope);
}

void resolve_expr(Resolver *r, Expr *e, const Scope *scope) {
  while (e) {
    switch (e->kind) {
    case EX_NAME: resolve_name(r, e, scope); return;
    case EX_MEMBER: e = e->as.member.object; continue;
    case EX_UNARY: e = e->as.unary.operand; continue;
    case EX_BINARY:
      resolve_expr(r, e->as.binary.rhs, scope);
      e = e->as.binary.lhs;
      continue;
    case EX_CALL: resolve_list(r, &e->as.call.args, scope); return;
    case EX_LIST: resolve_list(r, &e->as.list, scope); return;
    case EX_QUANT:
      resolve_binder(r, &e->as.quant.var, e->as.quant.coll, e->as.quant.cond, e->as.quant.body,
                     scope);
      return;
    case EX_COMPREHENSION:
      resolve_binder(r, &e->as.comp.var, e->as.comp.coll, e->as.comp.cond, e->as.comp.body, scope);
      return;
    case EX_INTERP:
      for (size_t i = 0; i < e->as.interp.len; i++)
        if (e->as.interp.parts[i].is_expr) resolve_expr(r, e->as.interp.parts[i].expr, scope);
      return;
    default: return;
    }
  }
}

void resolve_template(Resolver *r, Expr *str, const Scope *scope) {
  if (str->kind == EX_STRING && str->as.str.has_brace) {
    ParseInput in = {r->arena, r->diags, r->in->sources, str->span.file};
    parse_interpolation(&in, str);
  }
  resolve_expr(r, str, scope);
}

/* ---- let cycles: depth-first over the let -> let references, with an explicit stack so
 * that a chain of 100k lets cannot exhaust the C stack. ----------------------------------- */

typedef struct LetGraph {
  size_t n;
  size_t *first; /* edges of let i: edges[first[i] .. first[i + 1]) */
  const LetRef **edges;
} LetGraph;

static void build_let_graph(Resolver *r, LetGraph *g) {
  g->n = r->lists[EK_LET].len;
  g->first = arena_alloc(r->arena, (g->n + 2) * sizeof *g->first);
  g->edges = arena_alloc(r->arena, (r->let_refs.len + 1) * sizeof *g->edges);
  for (size_t i = 0; i < r->let_refs.len; i++) g->first[r->let_refs.items[i].from->e.index + 2]++;
  for (size_t i = 2; i < g->n + 2; i++) g->first[i] += g->first[i - 1];
  for (size_t i = 0; i < r->let_refs.len; i++) {
    const LetRef *ref = &r->let_refs.items[i];
    g->edges[g->first[ref->from->e.index + 1]++] = ref;
  }
}

static void report_let_cycle(Resolver *r, const LetRef *back, const size_t *stack, size_t top,
                             size_t from) {
  const Let *target = back->to;
  if (back->from == target) {
    Diag *d = diag_add(r->diags, D_LET_CYCLE, back->span, "let '%s' is defined in terms of itself",
                       target->e.id);
    diag_note(r->diags, d, target->e.id_span, "'%s' is declared here", target->e.id);
    return;
  }
  const char *chain = target->e.id;
  for (size_t k = from + 1; k <= top; k++)
    chain = arena_printf(r->arena, "%s -> %s", chain, r->lists[EK_LET].items[stack[k]]->id);
  Diag *d = diag_add(r->diags, D_LET_CYCLE, back->span,
                     "let '%s' is defined in terms of itself: %s -> %s", target->e.id, chain,
                     target->e.id);
  diag_note(r->diags, d, target->e.id_span, "'%s' is declared here", target->e.id);
}

void resolve_let_cycles(Resolver *r) {
  if (r->let_refs.len == 0) return;
  LetGraph g;
  build_let_graph(r, &g);
  enum { WHITE, GREY, BLACK };
  unsigned char *colour = arena_alloc(r->arena, g.n + 1);
  size_t *stack = arena_alloc(r->arena, (g.n + 1) * sizeof *stack);
  size_t *next = arena_alloc(r->arena, (g.n + 1) * sizeof *next);   /* next edge to follow */
  size_t *depth = arena_alloc(r->arena, (g.n + 1) * sizeof *depth); /* position on stack */
  for (size_t root = 0; root < g.n; root++) {
    if (colour[root] != WHITE) continue;
    size_t top = 0;
    stack[0] = root;
    depth[root] = 0;
    colour[root] = GREY;
    next[root] = g.first[root];
    while (true) {
      size_t v = stack[top];
      if (next[v] == g.first[v + 1]) {
        colour[v] = BLACK;
        if (top-- == 0) break;
        continue;
      }
      const LetRef *e = g.edges[next[v]++];
      size_t w = e->to->e.index;
      if (colour[w] == GREY) {
        report_let_cycle(r, e, stack, top, depth[w]);
      } else if (colour[w] == WHITE) {
        colour[w] = GREY;
        next[w] = g.first[w];
        stack[++top] = w;
        depth[w] = top;
      }
    }
  }
}
