/* index.c — the derived relations of the model, indexed once when an EvalCtx is made.
 *
 * Each relation is a list Value per entity (a stage's touchpoints, a touchpoint's
 * opportunities, …), built from pairs (owner, item) gathered in one pass over the model and
 * grouped by a counting sort, which keeps the items in the order they were gathered
 * (declaration order). Everything here is linear in the size of the model, so `s.touchpoints`
 * over 100k touchpoints costs the answer, not a scan.
 */
#include <string.h>

#include "eval_impl.h"

/* One relation being built: pass 1 counts each owner's items, pass 2 puts them in place (a
 * counting sort that needs no list of pairs, so the only memory is the answer). The gather
 * function is called once per pass and adds the same items in the same order both times. */
typedef struct Group {
  size_t *slot; /* per owner: items counted (pass 1), then the next free place (pass 2) */
  size_t *last; /* per owner, for the gatherers that add each item once (opportunities) */
  Value *items;
  bool filling;
} Group;

/* The scratch every relation reuses: counters and "last added" marks, one per owner. */
typedef struct IndexWork {
  size_t *slot, *last;
} IndexWork;

typedef void (*Gather)(EvalCtx *ev, Group *g);

static void pair_add(Group *g, size_t owner, Value item) {
  if (g->filling)
    g->items[g->slot[owner]++] = item;
  else
    g->slot[owner]++;
}

/* One list Value per owner (n owners), items in the order gathered. */
static Value *grouped(EvalCtx *ev, size_t n, const IndexWork *w, Gather gather) {
  size_t *scratch = w->slot;
  Group g = {scratch, w->last, NULL, false};
  memset(scratch, 0, (n + 1) * sizeof *scratch);
  gather(ev, &g);
  size_t total = 0;
  for (size_t o = 0; o < n; o++) { /* counts to start offsets */
    size_t c = scratch[o];
    scratch[o] = total;
    total += c;
  }
  g.items = arena_alloc(ev->arena, (total + 1) * sizeof *g.items);
  g.filling = true;
  gather(ev, &g);
  Value *lists = arena_alloc(ev->arena, (n + 1) * sizeof *lists);
  for (size_t o = 0, start = 0; o < n; o++) { /* each slot now ends where its list ends */
    lists[o] = value_list(g.items + start, scratch[o] - start);
    start = scratch[o];
  }
  return lists;
}

#define ENT(x) value_entity(&(x)->e)

static void index_collections(EvalCtx *ev) {
  Model *m = ev->model;
  struct {
    void *items;
    size_t len;
  } lists[COLL__COUNT] = {
      [COLL_PERSONAS] = {m->personas.items, m->personas.len},
      [COLL_STAGES] = {m->stages.items, m->stages.len},
      [COLL_CHANNELS] = {m->channels.items, m->channels.len},
      [COLL_TEAMS] = {m->teams.items, m->teams.len},
      [COLL_TOUCHPOINTS] = {m->touchpoints.items, m->touchpoints.len},
      [COLL_OUTCOMES] = {m->outcomes.items, m->outcomes.len},
      [COLL_FLOWS] = {m->flows.items, m->flows.len},
      [COLL_PAINS] = {m->pains.items, m->pains.len},
      [COLL_DELIGHTS] = {m->delights.items, m->delights.len},
      [COLL_OPPORTUNITIES] = {m->opportunities.items, m->opportunities.len},
      [COLL_KPIS] = {m->kpis.items, m->kpis.len},
  };
  for (int c = 0; c < COLL__COUNT; c++) {
    Entity **ents = lists[c].items; /* every entity struct starts with its Entity */
    Value *vals = arena_alloc(ev->arena, (lists[c].len + 1) * sizeof *vals);
    for (size_t i = 0; i < lists[c].len; i++) vals[i] = value_entity(ents[i]);
    ev->index.collections[c] = value_list(vals, lists[c].len);
  }
}

/* ---- what each relation gathers, in declaration order ---------------------------------- */

static void persona_touchpoints(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    Touchpoint *t = m->touchpoints.items[i];
    if (t->npersonas == 0) /* a touchpoint that names none is for every persona */
      for (size_t k = 0; k < m->personas.len; k++) pair_add(g, k, ENT(t));
    else
      for (size_t k = 0; k < t->npersonas; k++) pair_add(g, t->personas[k]->e.index, ENT(t));
  }
}

/* Distinct, in stage order. */
static void persona_stages(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  unsigned char *seen = arena_alloc(ev->arena, m->stages.len + 1);
  for (size_t k = 0; k < m->personas.len; k++) {
    const Value *tps = &ev->index.persona_touchpoints[k];
    memset(seen, 0, m->stages.len + 1);
    for (size_t i = 0; i < tps->as.list.len; i++) {
      Stage *s = ((Touchpoint *)tps->as.list.items[i].as.entity)->stage;
      if (s) seen[s->e.index] = 1;
    }
    for (size_t s = 0; s < m->stages.len; s++)
      if (seen[s]) pair_add(g, k, ENT(m->stages.items[s]));
  }
}

static void stage_touchpoints(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    Touchpoint *t = m->touchpoints.items[i];
    if (t->stage) pair_add(g, t->stage->e.index, ENT(t));
  }
}

static void stage_pains(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->pains.len; i++) {
    Pain *pn = m->pains.items[i];
    if (pn->touchpoint && pn->touchpoint->stage)
      pair_add(g, pn->touchpoint->stage->e.index, ENT(pn));
  }
}

static void tp_out(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->from) pair_add(g, f->from->e.index, ENT(f));
  }
}

static void tp_next(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->from) pair_add(g, f->from->e.index, value_entity(f->to));
  }
}

static void tp_in(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->to && f->to->kind == EK_TOUCHPOINT) pair_add(g, f->to->index, ENT(f));
  }
}

static void tp_prev(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->to && f->to->kind == EK_TOUCHPOINT && f->from) pair_add(g, f->to->index, ENT(f->from));
  }
}

static void outcome_in(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->to && f->to->kind == EK_OUTCOME) pair_add(g, f->to->index, ENT(f));
  }
}

static void tp_pains(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->pains.len; i++)
    if (m->pains.items[i]->touchpoint)
      pair_add(g, m->pains.items[i]->touchpoint->e.index, ENT(m->pains.items[i]));
}

static void tp_delights(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->delights.len; i++)
    if (m->delights.items[i]->touchpoint)
      pair_add(g, m->delights.items[i]->touchpoint->e.index, ENT(m->delights.items[i]));
}

/* An opportunity counts for a touchpoint when it fixes the touchpoint or one of its pains, and
 * for a pain when it fixes the pain or the pain's touchpoint (fixing a touchpoint addresses
 * its pains). Each opportunity is listed once per owner: `last` remembers, per owner, the last
 * opportunity added (cleared before each pass, so both passes add the same). */
static void tp_opportunities(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  size_t *last = g->last;
  memset(last, 0, (m->touchpoints.len + 1) * sizeof *last);
  for (size_t i = 0; i < m->opportunities.len; i++) {
    Opportunity *o = m->opportunities.items[i];
    for (size_t k = 0; k < o->nfixes; k++) {
      Entity *f = o->fixes[k];
      size_t t = f->kind == EK_TOUCHPOINT  ? f->index
                 : ((Pain *)f)->touchpoint ? ((Pain *)f)->touchpoint->e.index
                                           : (size_t)-1;
      if (t != (size_t)-1 && last[t] != i + 1) {
        last[t] = i + 1;
        pair_add(g, t, ENT(o));
      }
    }
  }
}

static void pain_opportunities(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  size_t *last = g->last;
  memset(last, 0, (m->pains.len + 1) * sizeof *last);
  for (size_t i = 0; i < m->opportunities.len; i++) {
    Opportunity *o = m->opportunities.items[i];
    for (size_t k = 0; k < o->nfixes; k++) {
      Entity *f = o->fixes[k];
      if (f->kind == EK_PAIN) {
        if (last[f->index] != i + 1) pair_add(g, f->index, ENT(o));
        last[f->index] = i + 1;
        continue;
      }
      Touchpoint *t = (Touchpoint *)f;
      for (size_t q = 0; q < t->npains; q++) {
        size_t pi = t->pains[q]->e.index;
        if (last[pi] != i + 1) pair_add(g, pi, ENT(o));
        last[pi] = i + 1;
      }
    }
  }
}

static void channel_touchpoints(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    Touchpoint *t = m->touchpoints.items[i];
    if (t->channel) pair_add(g, t->channel->e.index, ENT(t));
  }
}

static void channel_personas(EvalCtx *ev, Group *g) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->personas.len; i++) {
    Persona *pe = m->personas.items[i];
    for (size_t k = 0; k < pe->nchannels; k++) pair_add(g, pe->channels[k]->e.index, ENT(pe));
  }
}

/* ---- the lists themselves -------------------------------------------------------------- */

/* A touchpoint's personas as written, or every persona when it names none (shared). */
static void index_tp_personas(EvalCtx *ev) {
  Model *m = ev->model;
  size_t nt = m->touchpoints.len;
  ev->index.tp_personas = arena_alloc(ev->arena, (nt + 1) * sizeof(Value));
  for (size_t i = 0; i < nt; i++) {
    Touchpoint *t = m->touchpoints.items[i];
    if (t->npersonas == 0) {
      ev->index.tp_personas[i] = ev->index.collections[COLL_PERSONAS];
      continue;
    }
    Value *v = arena_alloc(ev->arena, t->npersonas * sizeof *v);
    for (size_t k = 0; k < t->npersonas; k++) v[k] = ENT(t->personas[k]);
    ev->index.tp_personas[i] = value_list(v, t->npersonas);
  }
}

static void index_opp_fixes(EvalCtx *ev) {
  Model *m = ev->model;
  ev->index.opp_fixes = arena_alloc(ev->arena, (m->opportunities.len + 1) * sizeof(Value));
  for (size_t i = 0; i < m->opportunities.len; i++) {
    Opportunity *o = m->opportunities.items[i];
    Value *v = arena_alloc(ev->arena, (o->nfixes + 1) * sizeof *v);
    for (size_t k = 0; k < o->nfixes; k++) v[k] = value_entity(o->fixes[k]);
    ev->index.opp_fixes[i] = value_list(v, o->nfixes);
  }
}

/* Breadth-first from every entry (a touchpoint with no incoming flow) along the flows: linear
 * in touchpoints and flows. Rates do not matter here (reach() weighs them). */
static void index_reached(EvalCtx *ev) {
  Model *m = ev->model;
  size_t nt = m->touchpoints.len, head = 0, tail = 0;
  unsigned char *reached = arena_alloc(ev->arena, nt + 1);
  size_t *queue = arena_alloc(ev->arena, (nt + 1) * sizeof *queue);
  for (size_t i = 0; i < nt; i++)
    if (ev->index.tp_in[i].as.list.len == 0) reached[i] = 1, queue[tail++] = i;
  while (head < tail) {
    const Value *next = &ev->index.tp_next[queue[head++]];
    for (size_t k = 0; k < next->as.list.len; k++) {
      const Entity *to = next->as.list.items[k].as.entity;
      if (to->kind == EK_TOUCHPOINT && !reached[to->index])
        reached[to->index] = 1, queue[tail++] = to->index;
    }
  }
  ev->index.tp_reached = reached;
}

void index_build(EvalCtx *ev) {
  Model *m = ev->model;
  EvalIndex *x = &ev->index;
  size_t most = m->touchpoints.len; /* the most owners any relation has */
  if (m->pains.len > most) most = m->pains.len;
  if (m->personas.len > most) most = m->personas.len;
  if (m->stages.len > most) most = m->stages.len;
  if (m->channels.len > most) most = m->channels.len;
  if (m->outcomes.len > most) most = m->outcomes.len;
  IndexWork w = {arena_alloc(ev->arena, (most + 1) * sizeof(size_t)),
                 arena_alloc(ev->arena, (most + 1) * sizeof(size_t))};
  const IndexWork *scratch = &w;
  index_collections(ev);
  index_tp_personas(ev);
  x->persona_touchpoints = grouped(ev, m->personas.len, scratch, persona_touchpoints);
  x->persona_stages = grouped(ev, m->personas.len, scratch, persona_stages);
  x->stage_touchpoints = grouped(ev, m->stages.len, scratch, stage_touchpoints);
  x->stage_pains = grouped(ev, m->stages.len, scratch, stage_pains);
  x->tp_out = grouped(ev, m->touchpoints.len, scratch, tp_out);
  x->tp_next = grouped(ev, m->touchpoints.len, scratch, tp_next);
  x->tp_in = grouped(ev, m->touchpoints.len, scratch, tp_in);
  x->tp_prev = grouped(ev, m->touchpoints.len, scratch, tp_prev);
  x->outcome_in = grouped(ev, m->outcomes.len, scratch, outcome_in);
  x->tp_pains = grouped(ev, m->touchpoints.len, scratch, tp_pains);
  x->tp_delights = grouped(ev, m->touchpoints.len, scratch, tp_delights);
  index_opp_fixes(ev);
  x->tp_opportunities = grouped(ev, m->touchpoints.len, scratch, tp_opportunities);
  x->pain_opportunities = grouped(ev, m->pains.len, scratch, pain_opportunities);
  x->channel_touchpoints = grouped(ev, m->channels.len, scratch, channel_touchpoints);
  x->channel_personas = grouped(ev, m->channels.len, scratch, channel_personas);
  index_reached(ev);
}
