/* test_reach.c — unit tests for the flow solver (runtime/eval/reach.c) against an independent
 * computation: on a dense loop of touchpoints (every pivot of the Gauss-Jordan solve and its
 * row swaps matter), reach(x) must equal the hitting probabilities found by iterating
 * h_x = 1, h_i = sum_k p_ik h_k to convergence. The closed forms of small journeys are in
 * tests/eval/reach_*.jny. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "eval.h"
#include "reach.h"
#include "resolve.h"
#include "strbuf.h"
#include "unit.h"

#define N 40   /* touchpoints in the loop */
#define OUTS 4 /* flows per touchpoint */

typedef struct Graph {
  int to[N][OUTS]; /* a touchpoint, or N for the outcome */
  double p[N][OUTS];
} Graph;

/* Every touchpoint has a ring flow (so that each reaches every other) and one to the outcome,
 * 5% to 9% each. An even touchpoint also has a flow to a pseudo-random touchpoint (5% to 9%)
 * and a retry (66% to 70%); an odd one sends 30% to 34% to each neighbour. So in the column of
 * I - Q of an even touchpoint, a neighbour's entry (up to -0.43) outweighs the diagonal (0.30
 * to 0.34), whichever order the loop's rows are in, and partial pivoting swaps rows. Rates are
 * whole percents from a fixed pseudo-random sequence. */
static void graph_make(Graph *g) {
  unsigned seed = 12345;
  for (int i = 0; i < N; i++) {
    bool odd = i % 2;
    for (int k = 0; k < OUTS; k++) {
      seed = seed * 1103515245u + 12345u;
      int r = (int)((seed >> 16) % 5), random = (int)((seed >> 8) % N);
      switch (k) {
      case 0: g->to[i][k] = (i + 1) % N, g->p[i][k] = 5 + r; break;
      case 1: g->to[i][k] = odd ? (i + N - 1) % N : random, g->p[i][k] = (odd ? 30 : 5) + r; break;
      case 2: g->to[i][k] = odd ? (i + 1) % N : i, g->p[i][k] = (odd ? 30 : 66) + r; break;
      default: g->to[i][k] = N, g->p[i][k] = 5 + r; break;
      }
      g->p[i][k] /= 100.0;
    }
  }
}

static const char *graph_text(Arena *a, const Graph *g) {
  StrBuf sb;
  sb_init(&sb, a);
  sb_puts(&sb, "stage s \"S\"\noutcome done \"Done\" success\n");
  sb_printf(&sb, "touchpoint start \"Start\" { stage s; -> t0 rate 50%%; -> t%d rate 50%% }\n",
            N / 2);
  for (int i = 0; i < N; i++) {
    sb_printf(&sb, "touchpoint t%d \"T\" { stage s", i);
    for (int k = 0; k < OUTS; k++) {
      if (g->to[i][k] == N)
        sb_puts(&sb, "; -> done");
      else
        sb_printf(&sb, "; -> t%d", g->to[i][k]);
      sb_printf(&sb, " rate %g%%", g->p[i][k] * 100);
    }
    sb_puts(&sb, " }\n");
  }
  return sb_str(&sb);
}

/* The probability of ever reaching x (N: the outcome) from the customers entering. */
static double reference(const Graph *g, int x) {
  double h[N + 1], next[N + 1];
  for (int i = 0; i <= N; i++) h[i] = i == x;
  for (int round = 0; round < 5000; round++) {
    for (int i = 0; i <= N; i++) {
      next[i] = i == x ? 1 : 0;
      for (int k = 0; i != x && i < N && k < OUTS; k++) next[i] += g->p[i][k] * h[g->to[i][k]];
    }
    memcpy(h, next, sizeof h);
  }
  return 0.5 * h[0] + 0.5 * h[N / 2];
}

typedef struct Fixture {
  Arena *arena;
  DiagList diags;
  SourceSet sources;
  Model *m;
  EvalCtx *ev;
} Fixture;

static void fx_build(Fixture *fx, const char *text) {
  diag_list_init(&fx->diags, fx->arena);
  source_set_init(&fx->sources, fx->arena);
  uint32_t root = source_add(&fx->sources, "t.jny", NULL, text, (uint32_t)strlen(text));
  ModelInput in = {fx->arena, &fx->diags, &fx->sources, &root, 1, NULL, NULL};
  fx->m = model_build(&in);
  EvalOptions eo = {false, {0}, NULL};
  fx->ev = eval_new(fx->arena, fx->m, &fx->diags, &eo);
}

TEST(dense_loop_matches_iteration) {
  Fixture fx = {.arena = arena_new(NULL)};
  Graph g;
  graph_make(&g);
  fx_build(&fx, graph_text(fx.arena, &g));
  CHECK_EQ_INT(fx.diags.errors, 0);
  for (int i = 0; i <= N; i++) {
    const Entity *x =
        i < N ? model_lookup(fx.m, arena_printf(fx.arena, "t%d", i)) : model_lookup(fx.m, "done");
    double got = -1, want = reference(&g, i);
    CHECK(x && reach_value(fx.ev, x, NULL, &got));
    if (fabs(got - want) > 1e-9) {
      CHECK(fabs(got - want) <= 1e-9);
      fprintf(stderr, "  node %d: reach %.15f, iteration %.15f\n", i, got, want);
    }
  }
  arena_free(fx.arena);
}

/* The entry is reached by its own customers, and what enters a loop at two touchpoints is
 * counted once per customer: reach never passes 100%. */
TEST(reach_stays_a_probability) {
  Fixture fx = {.arena = arena_new(NULL)};
  Graph g;
  graph_make(&g);
  fx_build(&fx, graph_text(fx.arena, &g));
  double r;
  CHECK(reach_value(fx.ev, model_lookup(fx.m, "start"), NULL, &r) && r == 1);
  for (size_t i = 0; i < fx.m->touchpoints.len; i++)
    CHECK(reach_value(fx.ev, &fx.m->touchpoints.items[i]->e, NULL, &r) && r >= 0 && r <= 1);
  arena_free(fx.arena);
}

TEST(flow_shares_and_dropoff) {
  Fixture fx = {.arena = arena_new(NULL)};
  fx_build(&fx, "stage s \"S\"\n"
                "touchpoint a \"A\" { stage s; -> b rate 20%; -> c; -> c; -> lost }\n"
                "touchpoint b \"B\" { stage s }\n"
                "touchpoint c \"C\" { stage s }\n"
                "outcome lost \"Lost\" failure\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  double s[4];
  for (int i = 0; i < 4; i++) CHECK(reach_flow_share(fx.ev, fx.m->flows.items[i], NULL, &s[i]));
  /* 80% left for three unrated flows: 80/3 each; the two to c add up for reach(c) */
  CHECK(s[0] == 0.2 && fabs(s[1] - 0.8 / 3) < 1e-12 && s[2] == s[1] && s[3] == s[1]);
  double rc, d;
  CHECK(reach_value(fx.ev, model_lookup(fx.m, "c"), NULL, &rc) && fabs(rc - 1.6 / 3) < 1e-12);
  CHECK(reach_dropoff(fx.ev, (const Touchpoint *)model_lookup(fx.m, "a"), &d));
  CHECK(fabs(d - 0.8 / 3) < 1e-12); /* the flow to a failure */
  CHECK(!reach_dropoff(fx.ev, (const Touchpoint *)model_lookup(fx.m, "b"), &d));
  arena_free(fx.arena);
}

int main(void) {
  RUN(dense_loop_matches_iteration);
  RUN(reach_stays_a_probability);
  RUN(flow_shares_and_dropoff);
  return unit_report();
}
