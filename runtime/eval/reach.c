/* reach.c — the flows as an absorbing Markov chain: reach(x[, persona]), the shares of flows
 * and drop-off (the fields flow.share, touchpoint.dropoff and reach), and the flows as a plain
 * graph: reachable(a, b), paths(a, b). docs/language.md ("Flows and reach") is the contract.
 *
 * A chain is the set of flows one kind of customer can take: chain 0 the flows that name no
 * persona (every flow when none names one), chain 1 + p those persona p takes. At each
 * touchpoint a flow's share is its rate, the unrated flows sharing what the rated leave.
 * Customers enter at the entries, by traffic. reach(x) is the probability of ever arriving at x,
 * solved exactly, loops included:
 *   1. the strongly connected components of the touchpoints (iterative Tarjan: journeys have
 *      100k touchpoints and the C stack would not take the recursion), in topological order;
 *   2. a component of one touchpoint without a self-flow passes its mass on along its flows;
 *   3. a loop (several touchpoints, or a self-flow) that customers leave is a transient class
 *      of an absorbing chain: with N = (I - Q)^-1 (Gauss-Jordan, partial pivoting) and m the
 *      mass entering it, the expected visits are v = m N, reach(x) = v_x / N_xx (the
 *      probability of a first visit), and v_i times a flow's share leaves by that flow;
 *   4. a loop nobody leaves keeps everyone who enters it: each member's reach is that mass.
 * Everything but the dense solves is linear in the flows; a loop past REACH_MAX_LOOP is E0515
 * for whatever lies in or after it, while everything before it is still known.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "eval_impl.h"
#include "reach.h"

/* A row of Q summing to at least 1 - LEAK_EPS keeps everyone: the rounding of shares computed
 * as (1 - rated) / unrated must not turn a closed loop into a leaking one. */
#define LEAK_EPS 1e-9

/* Nodes: touchpoints 0 .. nt-1, then outcomes nt .. nt+no-1. */
typedef struct Chain {
  bool built, solved;
  const Persona *persona;    /* NULL for chain 0 */
  size_t *first;             /* nt + 1: the flows of touchpoint i with a share above 0 */
  size_t *to;                /* their target nodes */
  double *p;                 /* and shares */
  double *share;             /* per flow of the model: its share, or -1 when not in this chain */
  double *start;             /* per touchpoint: the share of customers entering there */
  double *reach;             /* per node */
  unsigned char *unknown;    /* per node: in or after a loop too large */
  size_t big_node, big_size; /* the first loop too large: one of its touchpoints, its size */
} Chain;

/* reachable() remembers the last search from a source and the last one back from a target,
 * so that a rule over every touchpoint with one end fixed costs one search, not one per item. */
typedef struct Search {
  uint32_t *mark; /* per node: == gen when found */
  uint32_t gen;
  size_t node; /* the source (or target); valid when gen > 0 */
} Search;

struct ReachCache {
  size_t nt, no, nn;
  bool persona_flows; /* some flow names a persona: reach without one is the persona mix */
  double *weight;     /* per persona: its weight in the mix */
  Chain *chains;      /* 1 + personas */
  double *mat;        /* the dense solver's matrix, reused */
  size_t mat_cap;
  /* the plain graph: distinct successors and predecessors of every node */
  size_t *succ_first, *succ, *pred_first, *pred;
  bool graph_built;
  Search fwd, bwd;
  size_t last_a, last_b;
  size_t *queue;                /* the searches' queue */
  size_t *path_node, *path_pos; /* paths(): the current path, each node's next successor */
  unsigned char *on_path;       /* paths(): per node, whether it is on the current path */
};

/* ---- the cache ---- */

static size_t node_of(const ReachCache *rc, const Entity *e) {
  return e->kind == EK_TOUCHPOINT ? e->index : rc->nt + e->index;
}

static void persona_weights(const Model *m, double *w) {
  double given = 0, total = 0;
  size_t nfree = 0;
  for (size_t i = 0; i < m->personas.len; i++) {
    const Persona *p = m->personas.items[i];
    if (p->has_share)
      given += p->share;
    else
      nfree++;
  }
  double left = given < 1 ? 1 - given : 0;
  for (size_t i = 0; i < m->personas.len; i++) {
    const Persona *p = m->personas.items[i];
    w[i] = p->has_share ? p->share : left / (double)nfree;
    total += w[i];
  }
  for (size_t i = 0; i < m->personas.len; i++) /* all shares 0%: no information, equal parts */
    w[i] = total > 0 ? w[i] / total : 1.0 / (double)m->personas.len;
}

static ReachCache *cache(EvalCtx *ev) {
  if (ev->reach) return ev->reach;
  const Model *m = ev->model;
  ReachCache *rc = arena_alloc(ev->arena, sizeof *rc);
  rc->nt = m->touchpoints.len;
  rc->no = m->outcomes.len;
  rc->nn = rc->nt + rc->no;
  for (size_t i = 0; i < m->flows.len; i++) rc->persona_flows |= m->flows.items[i]->persona != NULL;
  rc->weight = arena_alloc(ev->arena, (m->personas.len + 1) * sizeof *rc->weight);
  persona_weights(m, rc->weight);
  rc->chains = arena_alloc(ev->arena, (m->personas.len + 1) * sizeof *rc->chains);
  for (size_t i = 0; i < m->personas.len; i++) rc->chains[i + 1].persona = m->personas.items[i];
  ev->reach = rc;
  return rc;
}

/* ---- building a chain: which flows, their shares, the entries ---- */

static bool experiences(const Touchpoint *t, const Persona *p) {
  if (!p || t->npersonas == 0) return true; /* no persona listed: every persona lives it */
  for (size_t i = 0; i < t->npersonas; i++)
    if (t->personas[i] == p) return true;
  return false;
}

/* Chain 0 takes the flows that name no persona. A persona's chain takes those that name no
 * persona or this one, between touchpoints the persona experiences: its customers are never at
 * the others. */
static bool in_chain(const Chain *c, const Flow *f) {
  if (!f->from || !f->to) return false;
  if (!c->persona) return f->persona == NULL;
  if (f->persona && f->persona != c->persona) return false;
  if (!experiences(f->from, c->persona)) return false;
  return f->to->kind != EK_TOUCHPOINT || experiences((const Touchpoint *)f->to, c->persona);
}

/* The shares of t's flows in the chain: a rated flow takes its rate, the unrated ones share
 * equally what the rated leave (nothing when they take it all). Rates summing past 100% are an
 * error the resolver reports; they are scaled down here so that the solve stays sound. */
static void touch_shares(const Chain *c, const Touchpoint *t, double *share) {
  double rated = 0;
  size_t unrated = 0;
  for (size_t k = 0; k < t->nout; k++) {
    const Flow *f = t->out[k];
    if (!in_chain(c, f)) continue;
    if (f->has_rate)
      rated += f->rate;
    else
      unrated++;
  }
  double scale = rated > 1 ? 1 / rated : 1;
  double rest = rated < 1 ? (1 - rated) / (double)(unrated ? unrated : 1) : 0;
  for (size_t k = 0; k < t->nout; k++) {
    const Flow *f = t->out[k];
    if (in_chain(c, f)) share[f->e.index] = f->has_rate ? f->rate * scale : rest;
  }
}

/* The entries of the chain (its touchpoints that no flow of the chain enters) share the
 * customers by traffic: the volumes written on their flows, an entry without one counting as
 * the mean of those with one; equally when no entry has a volume. */
static void chain_entries(EvalCtx *ev, Chain *c) {
  const Model *m = ev->model;
  size_t nt = m->touchpoints.len;
  unsigned char *entered = arena_alloc(ev->arena, nt + 1);
  unsigned char *has_vol = arena_alloc(ev->arena, nt + 1);
  for (size_t i = 0; i < m->flows.len; i++) {
    const Flow *f = m->flows.items[i];
    if (!in_chain(c, f)) continue;
    if (f->to->kind == EK_TOUCHPOINT) entered[f->to->index] = 1;
    if (f->has_volume) c->start[f->from->e.index] += f->volume, has_vol[f->from->e.index] = 1;
  }
  double given = 0, total = 0;
  size_t nentries = 0, nvol = 0;
  for (size_t i = 0; i < nt; i++) {
    bool entry = !entered[i] && experiences(m->touchpoints.items[i], c->persona);
    if (!entry) c->start[i] = 0, has_vol[i] = 0;
    entered[i] = entry; /* from here on: is an entry */
    nentries += entry;
    nvol += has_vol[i];
    given += c->start[i];
  }
  double mean = nvol ? given / (double)nvol : 1;
  for (size_t i = 0; i < nt; i++) {
    if (entered[i] && !has_vol[i]) c->start[i] = mean;
    total += c->start[i];
  }
  for (size_t i = 0; i < nt; i++) /* volumes all 0: no information, equal parts */
    c->start[i] = !entered[i] ? 0 : total > 0 ? c->start[i] / total : 1.0 / (double)nentries;
}

static void chain_build(EvalCtx *ev, ReachCache *rc, Chain *c) {
  const Model *m = ev->model;
  size_t nt = rc->nt, nf = m->flows.len;
  c->share = arena_alloc(ev->arena, (nf + 1) * sizeof *c->share);
  for (size_t i = 0; i < nf; i++) c->share[i] = -1;
  c->first = arena_alloc(ev->arena, (nt + 1) * sizeof *c->first);
  c->to = arena_alloc(ev->arena, (nf + 1) * sizeof *c->to);
  c->p = arena_alloc(ev->arena, (nf + 1) * sizeof *c->p);
  size_t n = 0;
  for (size_t i = 0; i < nt; i++) {
    const Touchpoint *t = m->touchpoints.items[i];
    touch_shares(c, t, c->share);
    c->first[i] = n;
    for (size_t k = 0; k < t->nout; k++) {
      const Flow *f = t->out[k];
      if (c->share[f->e.index] <= 0) continue; /* carries no one: not an edge of the chain */
      c->to[n] = node_of(rc, f->to);
      c->p[n++] = c->share[f->e.index];
    }
  }
  c->first[nt] = n;
  c->start = arena_alloc(ev->arena, (nt + 1) * sizeof *c->start);
  chain_entries(ev, c);
  c->built = true;
}

static Chain *chain_get(EvalCtx *ev, size_t i) {
  ReachCache *rc = cache(ev);
  Chain *c = &rc->chains[i];
  if (!c->built) chain_build(ev, rc, c);
  return c;
}

/* ---- strongly connected components (Tarjan, without recursion) ---- */

typedef struct Components {
  size_t n;       /* how many */
  size_t *of;     /* per touchpoint: its component */
  size_t *first;  /* n + 1: members[first[c] .. first[c+1]) */
  size_t *member; /* touchpoints, grouped by component */
} Components;

typedef struct Tarjan {
  const Chain *c;
  size_t nt, counter, sp, cp;
  size_t *index, *low; /* index 0: not visited yet */
  unsigned char *on_stack;
  size_t *stack;      /* Tarjan's stack of touchpoints */
  size_t *call, *pos; /* the explicit call stack: a touchpoint and its next flow */
  Components *out;
} Tarjan;

static void tarjan_visit(Tarjan *tj, size_t v) {
  tj->index[v] = tj->low[v] = ++tj->counter;
  tj->stack[tj->sp++] = v;
  tj->on_stack[v] = 1;
  tj->call[tj->cp] = v;
  tj->pos[tj->cp++] = tj->c->first[v];
}

/* v is done: if it roots a component, pop the component off the stack. */
static void tarjan_finish(Tarjan *tj, size_t v) {
  Components *o = tj->out;
  if (tj->low[v] == tj->index[v]) {
    size_t w, end = o->first[o->n];
    do {
      w = tj->stack[--tj->sp];
      tj->on_stack[w] = 0;
      o->of[w] = o->n;
      o->member[end++] = w;
    } while (w != v);
    o->first[++o->n] = end;
  }
  if (tj->cp > 0) {
    size_t u = tj->call[tj->cp - 1];
    if (tj->low[v] < tj->low[u]) tj->low[u] = tj->low[v];
  }
}

static void tarjan_from(Tarjan *tj, size_t root) {
  tarjan_visit(tj, root);
  while (tj->cp > 0) {
    size_t v = tj->call[tj->cp - 1];
    if (tj->pos[tj->cp - 1] == tj->c->first[v + 1]) {
      tj->cp--;
      tarjan_finish(tj, v);
      continue;
    }
    size_t w = tj->c->to[tj->pos[tj->cp - 1]++];
    if (w >= tj->nt) continue; /* an outcome: a component of its own, after everything */
    if (!tj->index[w])
      tarjan_visit(tj, w);
    else if (tj->on_stack[w] && tj->index[w] < tj->low[v])
      tj->low[v] = tj->index[w];
  }
}

/* Components in reverse topological order: each one after every component it leads to. */
static void components(Arena *a, const Chain *c, size_t nt, Components *out) {
  Tarjan tj = {c, nt, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, out};
  tj.index = arena_alloc(a, (nt + 1) * sizeof *tj.index);
  tj.low = arena_alloc(a, (nt + 1) * sizeof *tj.low);
  tj.on_stack = arena_alloc(a, nt + 1);
  tj.stack = arena_alloc(a, (nt + 1) * sizeof *tj.stack);
  tj.call = arena_alloc(a, (nt + 1) * sizeof *tj.call);
  tj.pos = arena_alloc(a, (nt + 1) * sizeof *tj.pos);
  out->n = 0;
  out->of = arena_alloc(a, (nt + 1) * sizeof *out->of);
  out->first = arena_alloc(a, (nt + 2) * sizeof *out->first);
  out->member = arena_alloc(a, (nt + 1) * sizeof *out->member);
  for (size_t v = 0; v < nt; v++)
    if (!tj.index[v]) tarjan_from(&tj, v);
}

/* ---- the dense solve of one loop ---- */

/* Inverts the k x k row-major matrix in place: Gauss-Jordan with partial pivoting, the row
 * swaps undone as column swaps at the end. I - Q of a leaking loop is a nonsingular M-matrix,
 * so no pivot is zero. */
static void invert(double *a, size_t k, size_t *perm) {
  for (size_t c = 0; c < k; c++) {
    size_t piv = c;
    for (size_t r = c + 1; r < k; r++)
      if (fabs(a[r * k + c]) > fabs(a[piv * k + c])) piv = r;
    perm[c] = piv;
    if (piv != c)
      for (size_t j = 0; j < k; j++) {
        double t = a[c * k + j];
        a[c * k + j] = a[piv * k + j];
        a[piv * k + j] = t;
      }
    double *rc = a + c * k, inv = 1 / rc[c];
    rc[c] = 1;
    for (size_t j = 0; j < k; j++) rc[j] *= inv;
    for (size_t r = 0; r < k; r++) {
      double *rr = a + r * k, f = rr[c];
      if (r == c || f == 0) continue;
      rr[c] = 0;
      for (size_t j = 0; j < k; j++) rr[j] -= f * rc[j];
    }
  }
  for (size_t c = k; c-- > 0;)
    if (perm[c] != c)
      for (size_t r = 0; r < k; r++) {
        double t = a[r * k + c];
        a[r * k + c] = a[r * k + perm[c]];
        a[r * k + perm[c]] = t;
      }
}

typedef struct Solve {
  EvalCtx *ev;
  ReachCache *rc;
  Chain *c;
  Components comp;
  double *mass;  /* per node: the customers arriving from outside its component */
  size_t *local; /* per touchpoint: its row in the current loop's matrix */
} Solve;

/* Everything in the component, and everything its flows lead to, is unknown. */
static void mark_unknown(Solve *s, const size_t *mem, size_t k) {
  const Chain *c = s->c;
  for (size_t i = 0; i < k; i++) {
    s->c->unknown[mem[i]] = 1;
    for (size_t e = c->first[mem[i]]; e < c->first[mem[i] + 1]; e++) s->c->unknown[c->to[e]] = 1;
  }
}

/* A loop customers leave: expected visits through (I - Q)^-1, then out along the exits. */
static void solve_leaking(Solve *s, size_t ci, const size_t *mem, size_t k) {
  Chain *c = s->c;
  ReachCache *rc = s->rc;
  if (k * k > rc->mat_cap) {
    rc->mat_cap = k * k;
    rc->mat = arena_alloc(s->ev->arena, rc->mat_cap * sizeof *rc->mat);
  }
  double *a = rc->mat;
  memset(a, 0, k * k * sizeof *a);
  for (size_t i = 0; i < k; i++) {
    a[i * k + i] += 1;
    for (size_t e = c->first[mem[i]]; e < c->first[mem[i] + 1]; e++)
      if (c->to[e] < rc->nt && s->comp.of[c->to[e]] == ci)
        a[i * k + s->local[c->to[e]]] -= c->p[e]; /* two flows to one target add up */
  }
  size_t *perm = arena_alloc(s->ev->arena, k * sizeof *perm);
  invert(a, k, perm);
  double *v = arena_alloc(s->ev->arena, k * sizeof *v);
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++) v[j] += s->mass[mem[i]] * a[i * k + j];
  for (size_t j = 0; j < k; j++) c->reach[mem[j]] = v[j] / a[j * k + j];
  for (size_t i = 0; i < k; i++)
    for (size_t e = c->first[mem[i]]; e < c->first[mem[i] + 1]; e++)
      if (c->to[e] >= rc->nt || s->comp.of[c->to[e]] != ci) s->mass[c->to[e]] += v[i] * c->p[e];
}

static void solve_loop(Solve *s, size_t ci) {
  Chain *c = s->c;
  const size_t *mem = s->comp.member + s->comp.first[ci];
  size_t k = s->comp.first[ci + 1] - s->comp.first[ci];
  double entering = 0;
  bool unknown = false, leaks = false;
  for (size_t i = 0; i < k; i++) {
    entering += s->mass[mem[i]];
    unknown |= c->unknown[mem[i]];
    s->local[mem[i]] = i;
    double kept = 0;
    for (size_t e = c->first[mem[i]]; e < c->first[mem[i] + 1]; e++)
      if (c->to[e] < s->rc->nt && s->comp.of[c->to[e]] == ci) kept += c->p[e];
    leaks |= kept < 1 - LEAK_EPS;
  }
  if (unknown) return mark_unknown(s, mem, k);
  if (entering == 0) return; /* no one arrives: every reach stays 0, nothing leaves */
  if (!leaks) {              /* a trap: everyone who enters stays, going round for ever */
    for (size_t i = 0; i < k; i++) c->reach[mem[i]] = entering;
    return;
  }
  if (k > REACH_MAX_LOOP) {
    if (!c->big_size) {
      c->big_size = k;
      c->big_node = mem[0];
      for (size_t i = 1; i < k; i++)
        if (mem[i] < c->big_node) c->big_node = mem[i]; /* the first declared: stable */
    }
    return mark_unknown(s, mem, k);
  }
  solve_leaking(s, ci, mem, k);
}

static bool self_flow(const Chain *c, size_t v) {
  for (size_t e = c->first[v]; e < c->first[v + 1]; e++)
    if (c->to[e] == v) return true;
  return false;
}

static void chain_solve(EvalCtx *ev, Chain *c) {
  ReachCache *rc = cache(ev);
  Solve s = {ev, rc, c, {0}, NULL, NULL};
  c->reach = arena_alloc(ev->arena, (rc->nn + 1) * sizeof *c->reach);
  c->unknown = arena_alloc(ev->arena, rc->nn + 1);
  s.mass = arena_alloc(ev->arena, (rc->nn + 1) * sizeof *s.mass);
  s.local = arena_alloc(ev->arena, (rc->nt + 1) * sizeof *s.local);
  memcpy(s.mass, c->start, rc->nt * sizeof *s.mass);
  components(ev->arena, c, rc->nt, &s.comp);
  for (size_t ci = s.comp.n; ci-- > 0;) { /* topological order */
    size_t k = s.comp.first[ci + 1] - s.comp.first[ci];
    size_t v = s.comp.member[s.comp.first[ci]];
    if (k > 1 || self_flow(c, v)) {
      solve_loop(&s, ci);
    } else if (c->unknown[v]) {
      mark_unknown(&s, &v, 1);
    } else {
      c->reach[v] = s.mass[v];
      for (size_t e = c->first[v]; e < c->first[v + 1]; e++)
        s.mass[c->to[e]] += s.mass[v] * c->p[e];
    }
  }
  for (size_t o = rc->nt; o < rc->nn; o++) c->reach[o] = s.mass[o];
  c->solved = true;
}

static Chain *chain_solved(EvalCtx *ev, size_t i) {
  Chain *c = chain_get(ev, i);
  if (!c->solved) chain_solve(ev, c);
  return c;
}

/* ---- the answers ---- */

/* 12 decimals are far past what the rates say, and rounding there makes reach(done) == 60%
 * hold when the solve gives 0.6000000000000001. */
static double tidy(double x) {
  x = round(x * 1e12) / 1e12;
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* The chain that failed for x (persona p, or the mix), or NULL. */
static const Chain *failing_chain(EvalCtx *ev, size_t node, const Persona *p) {
  ReachCache *rc = cache(ev);
  if (p || !rc->persona_flows) {
    const Chain *c = chain_solved(ev, p ? p->e.index + 1 : 0);
    return c->unknown[node] ? c : NULL;
  }
  for (size_t i = 0; i < ev->model->personas.len; i++) {
    if (rc->weight[i] <= 0) continue;
    const Chain *c = chain_solved(ev, i + 1);
    if (c->unknown[node]) return c;
  }
  return NULL;
}

bool reach_value(EvalCtx *ev, const Entity *x, const Persona *p, double *out) {
  ReachCache *rc = cache(ev);
  size_t node = node_of(rc, x);
  *out = 0;
  if (failing_chain(ev, node, p)) return false;
  if (p || !rc->persona_flows) {
    *out = tidy(chain_solved(ev, p ? p->e.index + 1 : 0)->reach[node]);
    return true;
  }
  double sum = 0;
  for (size_t i = 0; i < ev->model->personas.len; i++)
    if (rc->weight[i] > 0) sum += rc->weight[i] * chain_solved(ev, i + 1)->reach[node];
  *out = tidy(sum);
  return true;
}

bool reach_get(EvalCtx *ev, const Entity *x, const Persona *p, Span at, double *out) {
  if (reach_value(ev, x, p, out)) return true;
  const Chain *c = failing_chain(ev, node_of(cache(ev), x), p);
  const Touchpoint *t = ev->model->touchpoints.items[c->big_node];
  Diag *d = diag_add(ev->diags, D_LOOP_TOO_LARGE, at,
                     "the reach of '%s' cannot be computed: it lies in or after a loop of %zu"
                     " touchpoints, more than the %d jny solves exactly",
                     x->id ? x->id : x->name, c->big_size, REACH_MAX_LOOP);
  diag_note(ev->diags, d, t->e.id_span, "'%s' is one of the touchpoints of that loop",
            t->e.id ? t->e.id : t->e.name);
  if (c->persona) diag_note_plain(ev->diags, d, "for persona '%s'", c->persona->e.id);
  return false;
}

bool reach_flow_share(EvalCtx *ev, const Flow *f, const Persona *p, double *out) {
  if (!p) p = f->persona;
  const Chain *c = chain_get(ev, p ? p->e.index + 1 : 0);
  *out = c->share[f->e.index] < 0 ? 0 : tidy(c->share[f->e.index]);
  return c->share[f->e.index] >= 0;
}

/* What leaves t in chain c for neither a touchpoint nor a success outcome. */
static double chain_dropoff(const Chain *c, const Touchpoint *t) {
  double on = 0;
  for (size_t k = 0; k < t->nout; k++) {
    const Flow *f = t->out[k];
    double s = c->share[f->e.index];
    if (s > 0 && (f->to->kind == EK_TOUCHPOINT || ((const Outcome *)f->to)->success)) on += s;
  }
  return on < 1 ? 1 - on : 0;
}

/* With personas on the flows, each persona's drop-off weighs by the customers of that persona
 * who arrive at t; when none arrive (or their reach is unknown), by the persona mix among the
 * personas that experience t. */
bool reach_dropoff(EvalCtx *ev, const Touchpoint *t, double *out) {
  ReachCache *rc = cache(ev);
  *out = 0;
  if (t->nout == 0) return false;
  if (!rc->persona_flows) return *out = tidy(chain_dropoff(chain_get(ev, 0), t)), true;
  double num = 0, den = 0, mix = 0, mixw = 0;
  for (size_t i = 0; i < ev->model->personas.len; i++) {
    if (rc->weight[i] <= 0 || !experiences(t, ev->model->personas.items[i])) continue;
    const Chain *c = chain_solved(ev, i + 1);
    double d = chain_dropoff(c, t), r = c->unknown[t->e.index] ? 0 : c->reach[t->e.index];
    num += rc->weight[i] * r * d;
    den += rc->weight[i] * r;
    mix += rc->weight[i] * d;
    mixw += rc->weight[i];
  }
  *out = tidy(den > 0 ? num / den : mixw > 0 ? mix / mixw : chain_dropoff(chain_get(ev, 0), t));
  return true;
}

/* ---- the plain graph: reachable and paths ---- */

/* Distinct successors (in the order of the first flow to each) and predecessors, over every
 * flow whatever its persona or rate: a path of flows is there even when no one takes it. */
static void graph_build(EvalCtx *ev, ReachCache *rc) {
  const Model *m = ev->model;
  size_t nn = rc->nn, nf = m->flows.len;
  size_t *last = arena_alloc(ev->arena, (nn + 1) * sizeof *last);
  rc->succ_first = arena_alloc(ev->arena, (nn + 1) * sizeof *rc->succ_first);
  rc->succ = arena_alloc(ev->arena, (nf + 1) * sizeof *rc->succ);
  rc->pred_first = arena_alloc(ev->arena, (nn + 2) * sizeof *rc->pred_first);
  rc->pred = arena_alloc(ev->arena, (nf + 1) * sizeof *rc->pred);
  size_t n = 0;
  for (size_t i = 0; i < nn; i++) {
    rc->succ_first[i] = n;
    const Touchpoint *t = i < rc->nt ? m->touchpoints.items[i] : NULL;
    for (size_t k = 0; t && k < t->nout; k++) {
      if (!t->out[k]->to) continue;
      size_t to = node_of(rc, t->out[k]->to);
      if (last[to] == i + 1) continue;
      last[to] = i + 1;
      rc->succ[n++] = to;
    }
  }
  rc->succ_first[nn] = n;
  for (size_t e = 0; e < n; e++) rc->pred_first[rc->succ[e] + 2]++; /* counting sort */
  for (size_t i = 2; i < nn + 2; i++) rc->pred_first[i] += rc->pred_first[i - 1];
  for (size_t v = 0; v < nn; v++)
    for (size_t e = rc->succ_first[v]; e < rc->succ_first[v + 1]; e++)
      rc->pred[rc->pred_first[rc->succ[e] + 1]++] = v;
  rc->queue = arena_alloc(ev->arena, (nn + 1) * sizeof *rc->queue);
  rc->path_node = arena_alloc(ev->arena, (nn + 1) * sizeof *rc->path_node);
  rc->path_pos = arena_alloc(ev->arena, (nn + 1) * sizeof *rc->path_pos);
  rc->on_path = arena_alloc(ev->arena, nn + 1);
  rc->fwd.mark = arena_alloc(ev->arena, (nn + 1) * sizeof *rc->fwd.mark);
  rc->bwd.mark = arena_alloc(ev->arena, (nn + 1) * sizeof *rc->bwd.mark);
  rc->last_a = rc->last_b = (size_t)-1;
  rc->graph_built = true;
}

/* Breadth first from `from`, forwards or backwards; marks what it finds with a new generation,
 * so that no search clears the marks of the last. */
static void search(ReachCache *rc, Search *s, size_t from, bool forward) {
  const size_t *first = forward ? rc->succ_first : rc->pred_first;
  const size_t *adj = forward ? rc->succ : rc->pred;
  size_t *queue = rc->queue, head = 0, tail = 0;
  if (++s->gen == 0) { /* wrapped after 4 billion searches: start the marks again */
    memset(s->mark, 0, rc->nn * sizeof *s->mark);
    s->gen = 1;
  }
  s->node = from;
  s->mark[from] = s->gen;
  queue[tail++] = from;
  while (head < tail) {
    size_t v = queue[head++];
    for (size_t e = first[v]; e < first[v + 1]; e++)
      if (s->mark[adj[e]] != s->gen) s->mark[adj[e]] = s->gen, queue[tail++] = adj[e];
  }
}

static ReachCache *graph(EvalCtx *ev) {
  ReachCache *rc = cache(ev);
  if (!rc->graph_built) graph_build(ev, rc);
  return rc;
}

/* Everything that leads to b, from the backward search's cache. */
static const Search *leading_to(ReachCache *rc, size_t b) {
  if (!rc->bwd.gen || rc->bwd.node != b) search(rc, &rc->bwd, b, false);
  return &rc->bwd;
}

static bool reachable(EvalCtx *ev, const Entity *a, const Entity *b) {
  ReachCache *rc = graph(ev);
  size_t x = node_of(rc, a), y = node_of(rc, b);
  bool same_b = rc->last_b == y;
  rc->last_a = x, rc->last_b = y;
  if (rc->fwd.gen && rc->fwd.node == x) return rc->fwd.mark[y] == rc->fwd.gen;
  if ((rc->bwd.gen && rc->bwd.node == y) || same_b)
    return leading_to(rc, y)->mark[x] == rc->bwd.gen;
  search(rc, &rc->fwd, x, true);
  return rc->fwd.mark[y] == rc->fwd.gen;
}

typedef struct PathWalk {
  EvalCtx *ev;
  ReachCache *rc;
  const Expr *call;
  const Search *to_b; /* the nodes that lead to b: the others are never entered */
  size_t *node, *pos, depth;
  unsigned char *on_path;
  VEC(Value) paths;
  size_t items, steps;
} PathWalk;

static Value path_value(PathWalk *w, size_t depth) {
  Value *items = arena_alloc(w->ev->arena, depth * sizeof *items);
  const Model *m = w->ev->model;
  for (size_t i = 0; i < depth; i++) {
    size_t v = w->node[i];
    items[i] = value_entity(v < w->rc->nt ? &m->touchpoints.items[v]->e
                                          : &m->outcomes.items[v - w->rc->nt]->e);
  }
  return value_list(items, depth);
}

static bool too_many(PathWalk *w, const char *why) {
  const Expr *call = w->call;
  for (size_t i = 0; i < w->depth; i++) w->on_path[w->node[i]] = 0; /* for the next call */
  Diag *d = diag_add(w->ev->diags, D_TOO_MANY_PATHS, call->span, "`%s`: %s",
                     eval_expr_text(w->ev, call), why);
  diag_help(w->ev->diags, d, "ask reachable(a, b), or paths between nearer touchpoints");
  return false;
}

/* Depth first, without recursion: a path stops at b (a simple path ends there) and never
 * enters a node already on it or one that does not lead to b. */
static bool walk(PathWalk *w, size_t a, size_t b) {
  const size_t *first = w->rc->succ_first, *succ = w->rc->succ;
  size_t depth = 0;
  w->node[depth] = a, w->pos[depth++] = first[a], w->on_path[a] = 1;
  while (depth > 0) {
    w->depth = depth;
    size_t v = w->node[depth - 1];
    if (v == b || w->pos[depth - 1] == first[v + 1]) {
      if (v == b) {
        if (w->paths.len == REACH_MAX_PATHS)
          return too_many(w, arena_printf(w->ev->arena, "more than %d paths", REACH_MAX_PATHS));
        if ((w->items += depth) > REACH_MAX_PATH_ITEMS)
          return too_many(w, arena_printf(w->ev->arena, "the paths hold more than %d entities",
                                          REACH_MAX_PATH_ITEMS));
        VEC_PUSH(w->ev->arena, w->paths, path_value(w, depth));
      }
      w->on_path[v] = 0;
      depth--;
      continue;
    }
    size_t next = succ[w->pos[depth - 1]++];
    if (++w->steps > REACH_MAX_PATH_STEPS)
      return too_many(w, arena_printf(w->ev->arena, "listing the paths takes more than %d steps",
                                      REACH_MAX_PATH_STEPS));
    if (w->on_path[next] || w->to_b->mark[next] != w->to_b->gen) continue;
    w->node[depth] = next, w->pos[depth++] = first[next], w->on_path[next] = 1;
  }
  return true;
}

static bool paths(EvalCtx *ev, const Expr *call, const Entity *a, const Entity *b, Value *out) {
  ReachCache *rc = graph(ev);
  size_t x = node_of(rc, a), y = node_of(rc, b);
  PathWalk w = {.ev = ev, .rc = rc, .call = call, .to_b = leading_to(rc, y)};
  w.node = rc->path_node, w.pos = rc->path_pos, w.on_path = rc->on_path;
  *out = value_list(NULL, 0);
  if (w.to_b->mark[x] != w.to_b->gen) return true;
  if (!walk(&w, x, y)) return false;
  *out = value_list(w.paths.items, w.paths.len);
  return true;
}

/* ---- the functions ---- */

/* A touchpoint or an outcome (*out), none (*out NULL), or E0502 naming what is needed. */
static bool node_arg(EvalCtx *ev, const Expr *call, size_t i, const Value *v, const Entity **out) {
  *out = NULL;
  if (v->kind == VAL_NONE) return true;
  if (v->kind == VAL_ENTITY &&
      (v->as.entity->kind == EK_TOUCHPOINT || v->as.entity->kind == EK_OUTCOME)) {
    *out = v->as.entity;
    return true;
  }
  const Expr *arg = call->as.call.args.items[i];
  diag_add(ev->diags, D_TYPE_MISMATCH, arg->span,
           "%s needs a touchpoint or an outcome, not %s (`%s`)", call->as.call.fn.text,
           eval_value_phrase(ev, v), eval_expr_text(ev, arg));
  return false;
}

static bool persona_arg(EvalCtx *ev, const Expr *call, const Value *v, const Persona **out) {
  *out = NULL;
  if (v->kind == VAL_NONE) return true; /* as a flow's persona: every customer */
  if (v->kind == VAL_ENTITY && v->as.entity->kind == EK_PERSONA) {
    *out = (const Persona *)v->as.entity;
    return true;
  }
  const Expr *arg = call->as.call.args.items[1];
  diag_add(ev->diags, D_TYPE_MISMATCH, arg->span,
           "reach needs a persona as its second argument, not %s (`%s`)", eval_value_phrase(ev, v),
           eval_expr_text(ev, arg));
  return false;
}

bool reach_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out) {
  const Entity *a, *b;
  *out = value_none();
  if (strcmp(f->name, "reach") == 0) {
    const Persona *p = NULL;
    size_t n = call->as.call.args.len;
    if (!node_arg(ev, call, 0, &args[0], &a) || (n > 1 && !persona_arg(ev, call, &args[1], &p)))
      return false;
    double r;
    if (!a) return true;
    if (!reach_get(ev, a, p, call->span, &r)) return false;
    *out = value_percent(r);
    return true;
  }
  if (!node_arg(ev, call, 0, &args[0], &a) || !node_arg(ev, call, 1, &args[1], &b)) return false;
  if (strcmp(f->name, "reachable") == 0) {
    *out = value_bool(a && b && reachable(ev, a, b));
    return true;
  }
  if (!a || !b) return *out = value_list(NULL, 0), true;
  return paths(ev, call, a, b, out);
}
