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

typedef struct Pair {
  size_t owner;
  Value item;
} Pair;

typedef struct Pairs {
  Arena *arena;
  VEC(Pair) v;
} Pairs;

static void pair_add(Pairs *p, size_t owner, Value item) {
  Pair pr = {owner, item};
  VEC_PUSH(p->arena, p->v, pr);
}

/* One list Value per owner (n owners), items in the order added. Resets the pairs. */
static Value *pairs_group(Pairs *p, size_t n) {
  Value *lists = arena_alloc(p->arena, (n + 1) * sizeof *lists);
  size_t *first = arena_alloc(p->arena, (n + 2) * sizeof *first);
  for (size_t i = 0; i < p->v.len; i++) first[p->v.items[i].owner + 2]++;
  for (size_t i = 2; i < n + 2; i++) first[i] += first[i - 1];
  Value *items = arena_alloc(p->arena, (p->v.len + 1) * sizeof *items);
  for (size_t i = 0; i < p->v.len; i++)
    items[first[p->v.items[i].owner + 1]++] = p->v.items[i].item;
  for (size_t o = 0; o < n; o++) lists[o] = value_list(items + first[o], first[o + 1] - first[o]);
  p->v.len = 0;
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

/* A touchpoint's personas as written, or every persona when it names none. */
static void index_personas(EvalCtx *ev, Pairs *p) {
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
  /* persona -> touchpoints, then persona -> stages (distinct, in stage order) */
  for (size_t i = 0; i < nt; i++) {
    Touchpoint *t = m->touchpoints.items[i];
    if (t->npersonas == 0)
      for (size_t k = 0; k < m->personas.len; k++) pair_add(p, k, ENT(t));
    else
      for (size_t k = 0; k < t->npersonas; k++) pair_add(p, t->personas[k]->e.index, ENT(t));
  }
  ev->index.persona_touchpoints = pairs_group(p, m->personas.len);
  unsigned char *seen = arena_alloc(ev->arena, m->stages.len + 1);
  for (size_t k = 0; k < m->personas.len; k++) {
    const Value *tps = &ev->index.persona_touchpoints[k];
    memset(seen, 0, m->stages.len + 1);
    for (size_t i = 0; i < tps->as.list.len; i++) {
      Stage *s = ((Touchpoint *)tps->as.list.items[i].as.entity)->stage;
      if (s) seen[s->e.index] = 1;
    }
    for (size_t s = 0; s < m->stages.len; s++)
      if (seen[s]) pair_add(p, k, ENT(m->stages.items[s]));
  }
  ev->index.persona_stages = pairs_group(p, m->personas.len);
}

static void index_stages(EvalCtx *ev, Pairs *p) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    Touchpoint *t = m->touchpoints.items[i];
    if (t->stage) pair_add(p, t->stage->e.index, ENT(t));
  }
  ev->index.stage_touchpoints = pairs_group(p, m->stages.len);
  for (size_t i = 0; i < m->pains.len; i++) {
    Pain *pn = m->pains.items[i];
    if (pn->touchpoint && pn->touchpoint->stage)
      pair_add(p, pn->touchpoint->stage->e.index, ENT(pn));
  }
  ev->index.stage_pains = pairs_group(p, m->stages.len);
}

static void index_flows(EvalCtx *ev, Pairs *p) {
  Model *m = ev->model;
  size_t nt = m->touchpoints.len;
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->from) pair_add(p, f->from->e.index, ENT(f));
  }
  ev->index.tp_out = pairs_group(p, nt);
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->from) pair_add(p, f->from->e.index, value_entity(f->to));
  }
  ev->index.tp_next = pairs_group(p, nt);
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->to && f->to->kind == EK_TOUCHPOINT) pair_add(p, f->to->index, ENT(f));
  }
  ev->index.tp_in = pairs_group(p, nt);
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->to && f->to->kind == EK_TOUCHPOINT && f->from) pair_add(p, f->to->index, ENT(f->from));
  }
  ev->index.tp_prev = pairs_group(p, nt);
  for (size_t i = 0; i < m->flows.len; i++) {
    Flow *f = m->flows.items[i];
    if (f->to && f->to->kind == EK_OUTCOME) pair_add(p, f->to->index, ENT(f));
  }
  ev->index.outcome_in = pairs_group(p, m->outcomes.len);
}

static void index_touchpoint_parts(EvalCtx *ev, Pairs *p) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->pains.len; i++)
    if (m->pains.items[i]->touchpoint)
      pair_add(p, m->pains.items[i]->touchpoint->e.index, ENT(m->pains.items[i]));
  ev->index.tp_pains = pairs_group(p, m->touchpoints.len);
  for (size_t i = 0; i < m->delights.len; i++)
    if (m->delights.items[i]->touchpoint)
      pair_add(p, m->delights.items[i]->touchpoint->e.index, ENT(m->delights.items[i]));
  ev->index.tp_delights = pairs_group(p, m->touchpoints.len);
}

/* An opportunity counts for a touchpoint when it fixes the touchpoint or one of its pains, and
 * for a pain when it fixes the pain or the pain's touchpoint (fixing a touchpoint addresses
 * its pains). Each opportunity is listed once per owner. */
static void index_opportunities(EvalCtx *ev, Pairs *p) {
  Model *m = ev->model;
  size_t nt = m->touchpoints.len, np = m->pains.len;
  size_t *last_tp = arena_alloc(ev->arena, (nt + 1) * sizeof *last_tp);
  ev->index.opp_fixes = arena_alloc(ev->arena, (m->opportunities.len + 1) * sizeof(Value));
  for (size_t i = 0; i < m->opportunities.len; i++) {
    Opportunity *o = m->opportunities.items[i];
    Value *v = arena_alloc(ev->arena, (o->nfixes + 1) * sizeof *v);
    for (size_t k = 0; k < o->nfixes; k++) {
      v[k] = value_entity(o->fixes[k]);
      Entity *f = o->fixes[k];
      size_t t = f->kind == EK_TOUCHPOINT  ? f->index
                 : ((Pain *)f)->touchpoint ? ((Pain *)f)->touchpoint->e.index
                                           : (size_t)-1;
      if (t != (size_t)-1 && last_tp[t] != i + 1) {
        last_tp[t] = i + 1;
        pair_add(p, t, ENT(o));
      }
    }
    ev->index.opp_fixes[i] = value_list(v, o->nfixes);
  }
  ev->index.tp_opportunities = pairs_group(p, nt);
  size_t *last_pain = arena_alloc(ev->arena, (np + 1) * sizeof *last_pain);
  for (size_t i = 0; i < m->opportunities.len; i++) {
    Opportunity *o = m->opportunities.items[i];
    for (size_t k = 0; k < o->nfixes; k++) {
      Entity *f = o->fixes[k];
      if (f->kind == EK_PAIN) {
        if (last_pain[f->index] != i + 1) pair_add(p, f->index, ENT(o));
        last_pain[f->index] = i + 1;
        continue;
      }
      Touchpoint *t = (Touchpoint *)f;
      for (size_t q = 0; q < t->npains; q++) {
        size_t pi = t->pains[q]->e.index;
        if (last_pain[pi] != i + 1) pair_add(p, pi, ENT(o));
        last_pain[pi] = i + 1;
      }
    }
  }
  ev->index.pain_opportunities = pairs_group(p, np);
}

static void index_channels(EvalCtx *ev, Pairs *p) {
  Model *m = ev->model;
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    Touchpoint *t = m->touchpoints.items[i];
    if (t->channel) pair_add(p, t->channel->e.index, ENT(t));
  }
  ev->index.channel_touchpoints = pairs_group(p, m->channels.len);
  for (size_t i = 0; i < m->personas.len; i++) {
    Persona *pe = m->personas.items[i];
    for (size_t k = 0; k < pe->nchannels; k++) pair_add(p, pe->channels[k]->e.index, ENT(pe));
  }
  ev->index.channel_personas = pairs_group(p, m->channels.len);
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
  Pairs p = {ev->arena, {0}};
  index_collections(ev);
  index_personas(ev, &p);
  index_stages(ev, &p);
  index_flows(ev, &p);
  index_touchpoint_parts(ev, &p);
  index_opportunities(ev, &p);
  index_channels(ev, &p);
  index_reached(ev);
}
