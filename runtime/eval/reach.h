/* reach.h — what reach.c (the flows as an absorbing Markov chain, and as a plain graph for
 * reachable and paths) offers besides reach_call (eval_impl.h): the numbers the fields read
 * (fields.c) and the flow view's labels (cli_render.c).
 *
 * Every answer is computed once per EvalCtx and cached there (ev->reach): all nodes' reach per
 * persona at once, in time linear in the flows outside loops.
 */
#ifndef JNY_REACH_H
#define JNY_REACH_H

#include <stdbool.h>

#include "eval.h"
#include "model.h"

/* The largest loop of flows (strongly connected touchpoints) reach() solves: its dense
 * solve takes time in the cube of its size (0.2 s at 1,000 touchpoints, 2 s at 2,000) and
 * memory in the square (8 MB at 1,000). A larger loop is E0515; a hand-written journey has a
 * few touchpoints per loop. */
#define REACH_MAX_LOOP 1000
/* paths() lists at most this many paths, holding at most REACH_MAX_PATH_ITEMS entities in
 * all, after at most REACH_MAX_PATH_STEPS steps of its search (E0516 past any of them): the
 * number of paths grows exponentially with the branches of a graph, and a list no one can
 * read is better reported than built. */
#define REACH_MAX_PATHS 10000
#define REACH_MAX_PATH_ITEMS 1000000
#define REACH_MAX_PATH_STEPS 10000000

/* The share of the customers entering the journey who ever arrive at x (a touchpoint or an
 * outcome): those of persona p, or every customer when p is NULL. False, with nothing
 * reported, when x lies in or after a loop larger than REACH_MAX_LOOP. */
bool reach_value(EvalCtx *ev, const Entity *x, const Persona *p, double *out);
/* The same, reporting E0515 at `at` when it cannot be computed. */
bool reach_get(EvalCtx *ev, const Entity *x, const Persona *p, Span at, double *out);

/* The share of its touchpoint's arrivals a flow carries: for persona p's customers, or when p is
 * NULL for the customers the flow is for (its persona's, or when it names none, those taking
 * the edges that name no persona). False when it carries none of them (a flow of another
 * persona, or one leaving a touchpoint the persona does not experience). */
bool reach_flow_share(EvalCtx *ev, const Flow *f, const Persona *p, double *out);

/* t.dropoff: the share of t's arrivals that go on to neither a touchpoint nor a success
 * outcome. False when no flow leaves t. */
bool reach_dropoff(EvalCtx *ev, const Touchpoint *t, double *out);

#endif
