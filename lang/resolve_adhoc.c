/* resolve_adhoc.c — an ad-hoc query (`jny query FILE 'from t in touchpoints …'`) resolved
 * against a model that is already built.
 *
 * The clause lines are checked exactly as the block of a `query` declaration would be (the
 * same attribute loop, scopes and diagnostics: E0301, E0304, E0202 …), by running pass 2 of
 * the resolver for one synthetic declaration over the model's namespace. The query is not
 * added to the model: it has no id and belongs to no file of the model.
 */
#include <string.h>

#include "resolve_impl.h"

/* Every named entity, for did-you-mean in unknown names; kinds in model order. */
static void collect_named(Resolver *r, const Model *m) {
#define NAMED(list)                                                                                \
  for (size_t i = 0; i < (list).len; i++)                                                          \
    if ((list).items[i]->e.id) VEC_PUSH(r->arena, r->named, &(list).items[i]->e)
  NAMED(m->personas);
  NAMED(m->stages);
  NAMED(m->channels);
  NAMED(m->teams);
  NAMED(m->touchpoints);
  NAMED(m->pains);
  NAMED(m->delights);
  NAMED(m->outcomes);
  NAMED(m->opportunities);
  NAMED(m->kpis);
  NAMED(m->datasets);
  NAMED(m->checks);
  NAMED(m->queries);
  NAMED(m->lets);
#undef NAMED
}

/* The query kind's attribute index (resolve.c builds one per kind for a whole model). */
static void index_query_attrs(Resolver *r) {
  size_t n = schema_attr_count(DK_QUERY);
  r->attr_index[DK_QUERY] = symtab_new(r->arena, n);
  AttrSlot *slots = arena_alloc(r->arena, (n + 1) * sizeof *slots);
  for (size_t i = 0; i < n; i++) {
    slots[i].spec = schema_attr_at(DK_QUERY, i);
    slots[i].index = i;
    symtab_put(r->attr_index[DK_QUERY], slots[i].spec->name, &slots[i]);
  }
}

Query *model_resolve_adhoc_query(Model *m, DiagList *diags, Attr **attrs, size_t nattrs,
                                 Span whole) {
  ModelInput in = {m->arena, diags, m->sources, NULL, 0, NULL, NULL};
  Resolver r;
  memset(&r, 0, sizeof r);
  r.in = &in;
  r.arena = m->arena;
  r.diags = diags;
  r.model = m;
  r.ids = m->symbols;
  if (!r.ids) r.ids = symtab_new(r.arena, 0);
  index_query_attrs(&r);
  collect_named(&r, m);

  Decl *d = arena_alloc(r.arena, sizeof *d);
  memset(d, 0, sizeof *d);
  d->kind = DK_QUERY;
  d->span = d->kw_span = d->block_span = whole;
  d->has_block = true;
  d->attrs = attrs;
  d->nattrs = nattrs;

  Query *q = arena_alloc(r.arena, sizeof *q);
  memset(q, 0, sizeof *q);
  q->e.kind = EK_QUERY;
  q->e.name = "<query>";
  q->e.span = q->e.id_span = whole;
  q->e.decl = d;

  DeclCtx c;
  memset(&c, 0, sizeof c);
  c.decl = d;
  c.kind = DK_QUERY;
  c.ent = &q->e;
  c.live = true;
  resolve_prepare_scope(&r, &c);
  resolve_attrs(&r, &c);
  resolve_finish_decl(&r, &c);
  return q;
}
