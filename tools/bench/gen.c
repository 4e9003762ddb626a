/* gen.c — the benchmark's journey generator: a realistic .jny model of N touchpoints, the
 * same every time for the same N and seed (its own PRNG, no libc rand, no clock, no locale).
 *
 * Usage: gen [-n TOUCHPOINTS] [-s SEED] [-o DIR] [--mermaid]
 *
 * The model is what an organisation's map looks like, repeated: teams, personas with profiles,
 * eight stages, channels (std.channels and a few of its own), and touchpoints in customer
 * paths of up to 40 steps that cross the stages in order. Each touchpoint has a stage, a
 * channel, often personas, actions and thoughts, an emotion, pains with severities, delights,
 * service-blueprint rows, an owner, durations and metrics, and edges with rates to the next
 * step, to a drop-off outcome and now and then across to another path; `flow` chains add more
 * edges. Opportunities fix the severe pains, KPIs (actual values and computed measures, each
 * meeting its target) and a few checks and queries close the file, and `use std.lint` runs the
 * recommended rules. From 8 touchpoints on (one per stage) the model checks clean with
 * `jny check --today 2026-11-23`.
 *
 * The model goes to standard output, or with -o to DIR/journey.jny; past 100k touchpoints it is
 * split as an organisation would keep it, DIR/part_NNN.jny files of 100k touchpoints each that
 * journey.jny `use`s (one file that size is 34 MB, and jny reads files of up to 256 MiB).
 *
 * --mermaid writes the same journey as a Mermaid `journey` diagram instead (sections for the
 * stages, one task per touchpoint with its emotion as a 1..5 score), for comparing renderers.
 * Built by tools/bench/run.sh; not part of jny.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { STAGES = 8, PATH_LEN = 40, MAX_PAINS = 2, PART_TOUCHPOINTS = 100000 };

/* splitmix64: tiny, fast, and the same on every platform. */
typedef struct Rng {
  uint64_t state;
} Rng;

static uint64_t rng_next(Rng *r) {
  uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

static unsigned rng_below(Rng *r, unsigned n) { return (unsigned)(rng_next(r) % n); }
static bool rng_chance(Rng *r, unsigned percent) { return rng_below(r, 100) < percent; }
#define PICK(r, table) ((table)[rng_below((r), sizeof(table) / sizeof((table)[0]))])

static const char *const STAGE_IDS[STAGES] = {"aware",   "consider", "choose", "buy",
                                              "receive", "use",      "help",   "return"};
static const char *const STAGE_NAMES[STAGES] = {"Awareness", "Consideration", "Choice",  "Purchase",
                                                "Delivery",  "Use",           "Support", "Loyalty"};
static const char *const CHANNELS[] = {
    "web",   "app",    "email",     "sms",   "phone",          "chat",           "social",
    "store", "search", "in_person", "kiosk", "partner_portal", "voice_assistant"};
static const char *const VERBS[] = {"Opens",    "Compares", "Reads",    "Checks",  "Picks",
                                    "Fills in", "Confirms", "Searches", "Saves",   "Shares",
                                    "Updates",  "Tracks",   "Rates",    "Cancels", "Downloads"};
static const char *const OBJECTS[] = {
    "the promo email",      "delivery slots",          "the price list",
    "the basket",           "the order status",        "the return form",
    "saved addresses",      "the loyalty card",        "the product reviews",
    "the payment page",     "the help article",        "the invoice",
    "the size guide",       "the store opening hours", "the chat transcript",
    "the subscription plan"};
static const char *const THOUGHTS[] = {"Is this the best price?",
                                       "Why is this so slow?",
                                       "I hope it arrives tonight",
                                       "Where is the button?",
                                       "That was easy",
                                       "Do they remember my address?",
                                       "I need this before the weekend",
                                       "Can I trust these reviews?",
                                       "Finally, done"};
static const char *const PAINS[] = {"Slots sell out before payday",
                                    "The page times out on mobile data",
                                    "Fees appear only at the last step",
                                    "The code from the email is rejected",
                                    "Nobody answers the phone after 6 pm",
                                    "Substitution settings are hidden",
                                    "The tracking link shows nothing for a day",
                                    "The form forgets what was typed"};
static const char *const DELIGHTS[] = {"Remembers the last basket", "Arrives earlier than promised",
                                       "One-tap reorder", "The courier calls ahead",
                                       "A friendly note in the parcel"};
static const char *const LABELS[] = {"worried", "annoyed",  "frustrated", "calm",
                                     "pleased", "relieved", "delighted"};
static const char *const BACKSTAGE[] = {"Warehouse picks the order", "Fraud check runs",
                                        "Agent reviews the case", "Courier is assigned"};
static const char *const SUPPORT[] = {"Order service", "CRM", "Payment gateway", "Slot planner",
                                      "Ticketing system"};
static const char *const LEVELS[] = {"low", "medium", "high"};
static const char *const STATUSES[] = {"idea", "planned", "doing", "done"};
static const char *const SEGMENTS[] = {"B2C, 30-45, urban", "B2C, students", "B2B, small shops",
                                       "B2C, 60+, rural", "B2C, families"};

typedef struct Gen {
  Rng rng;
  long n;
  long nteams, npersonas;
  long negative, with_emotion; /* for the KPI whose target must hold */
  FILE *out;
  const char *dir;   /* -o: where journey.jny and its parts go */
  FILE *mermaid;     /* --mermaid: the same touchpoints as a Mermaid `journey` diagram */
  int mermaid_stage; /* the section open in the diagram, -1 before the first */
} Gen;

typedef struct Step {
  long index;  /* global touchpoint number */
  int stage;   /* 0..STAGES-1 */
  int emotion; /* -3..3 */
  int severity[MAX_PAINS];
  int npains;
  int rate_left; /* percent of out-rate not yet given to an edge */
} Step;

static void header(Gen *g) {
  FILE *o = g->out;
  fprintf(o, "// Generated by tools/bench/gen: %ld touchpoints. Do not edit.\n", g->n);
  fprintf(o, "journey \"Generated organisation journey\" {\n"
             "  description \"Every path a customer takes, from the first ad to the next order\"\n"
             "  goal \"Raise repeat orders from 38%% to 45%% by 2027-03-31\"\n"
             "  state current\n  owner team_0\n  version \"2026.11\"\n  date 2026-11-01\n}\n\n");
  fprintf(o, "use std.channels\nuse std.lint\n\n");
  for (long t = 0; t < g->nteams; t++)
    fprintf(o,
            "team team_%ld \"Team %ld\" { lead \"Lead %ld\"; contact \"team%ld@example.com\" }\n",
            t, t, t, t);
  fputc('\n', o);
  for (long p = 0; p < g->npersonas; p++)
    fprintf(o,
            "persona p_%ld \"Persona %ld\" {\n  segment \"%s\"\n  goal \"Get it done in under "
            "%u minutes\"\n  need \"Clear prices\"\n  frustration \"%s\"\n  channels app, web, "
            "email\n  share %u%%\n}\n\n",
            p, p, PICK(&g->rng, SEGMENTS), 5 + rng_below(&g->rng, 20), PICK(&g->rng, PAINS),
            1 + rng_below(&g->rng, 30));
  for (int s = 0; s < STAGES; s++)
    fprintf(o, "stage %s \"%s\" { goal \"Customers move on to the next stage\" }\n", STAGE_IDS[s],
            STAGE_NAMES[s]);
  fprintf(o, "\nchannel kiosk \"In-store kiosk\" { kind physical }\n"
             "channel partner_portal \"Partner portal\" { kind digital }\n"
             "channel voice_assistant \"Voice assistant\" { kind digital }\n\n"
             "outcome converted \"Orders again\" success\n"
             "outcome churned \"Leaves for a competitor\" failure\n"
             "outcome referral \"Recommends us\" success\n\n");
}

/* The touchpoint as a Mermaid task: its name, its emotion as a score from 1 to 5 (none is a
 * neutral 3), its personas as the actors. Stages become sections, opened when the stage changes. */
static void mermaid_task(Gen *g, const Step *st, const char *verb, const char *object,
                         const char *actors, bool has_emotion) {
  if (!g->mermaid) return;
  if (st->stage != g->mermaid_stage) {
    g->mermaid_stage = st->stage;
    fprintf(g->mermaid, "  section %s\n", STAGE_NAMES[st->stage]);
  }
  int score = has_emotion ? (st->emotion + 3) * 4 / 6 + 1 : 3;
  fprintf(g->mermaid, "    %s %s: %d: %s\n", verb, object, score, actors);
}

/* The attributes of one touchpoint, without its edges. */
static void touchpoint_body(Gen *g, Step *st) {
  FILE *o = g->out;
  Rng *r = &g->rng;
  long i = st->index;
  const char *verb = PICK(r, VERBS), *object = PICK(r, OBJECTS);
  fprintf(o, "touchpoint tp_%ld \"%s %s\" {\n  stage %s\n  channel %s\n", i, verb, object,
          STAGE_IDS[st->stage], CHANNELS[i % (long)(sizeof CHANNELS / sizeof *CHANNELS)]);
  char actors[64] = "Everyone";
  if (i < g->npersonas) { /* every persona is used at least once */
    fprintf(o, "  persona p_%ld\n", i);
    snprintf(actors, sizeof actors, "Persona %ld", i);
  } else if (rng_chance(r, 40)) {
    unsigned a = rng_below(r, (unsigned)g->npersonas);
    unsigned b = (a + 1 + rng_below(r, (unsigned)g->npersonas - 1)) % (unsigned)g->npersonas;
    fprintf(o, "  persona p_%u, p_%u\n", a, b);
    snprintf(actors, sizeof actors, "Persona %u, Persona %u", a, b);
  }
  fprintf(o, "  action \"%s %s\"\n", PICK(r, VERBS), PICK(r, OBJECTS));
  if (rng_chance(r, 60)) fprintf(o, "  thought \"%s\"\n", PICK(r, THOUGHTS));
  st->npains = rng_chance(r, 60) ? 1 + rng_chance(r, 25) : 0;
  int mood = (int)rng_below(r, 7) - 3 - st->npains;
  st->emotion = mood < -3 ? -3 : mood;
  bool has_emotion = rng_chance(r, 90);
  if (has_emotion) {
    g->with_emotion++;
    if (st->emotion < 0) g->negative++;
    if (rng_chance(r, 50))
      fprintf(o, "  emotion %d \"%s\"\n", st->emotion, LABELS[st->emotion + 3]);
    else
      fprintf(o, "  emotion %d\n", st->emotion);
  }
  mermaid_task(g, st, verb, object, actors, has_emotion);
  for (int k = 0; k < st->npains; k++) {
    st->severity[k] = 1 + (int)rng_below(r, 5);
    fprintf(o, "  pain pn_%ld_%d \"%s\" severity %d\n", i, k, PICK(r, PAINS), st->severity[k]);
  }
  if (rng_chance(r, 20)) fprintf(o, "  delight \"%s\"\n", PICK(r, DELIGHTS));
  if (rng_chance(r, 30)) fprintf(o, "  backstage \"%s\"\n", PICK(r, BACKSTAGE));
  if (rng_chance(r, 30)) fprintf(o, "  support \"%s\"\n", PICK(r, SUPPORT));
  fprintf(o, "  owner team_%ld\n", (i / PATH_LEN * STAGES + st->stage) % g->nteams);
  if (rng_chance(r, 40)) fprintf(o, "  duration %umin\n", 1 + rng_below(r, 30));
  if (rng_chance(r, 25)) fprintf(o, "  metric completion = %u%%\n", 40 + rng_below(r, 60));
  if (rng_chance(r, 5)) fprintf(o, "  tag moment_of_truth\n");
}

/* One path of `len` steps starting at touchpoint `first`, crossing the stages in order. */
static void path(Gen *g, long first, long len, Step *steps) {
  FILE *o = g->out;
  Rng *r = &g->rng;
  for (long j = 0; j < len; j++) {
    Step *st = &steps[j];
    memset(st, 0, sizeof *st);
    st->index = first + j;
    st->stage = (int)(j * STAGES / (len > STAGES ? len : STAGES));
    touchpoint_body(g, st);
    st->rate_left = 100;
    if (j == len - 1) {
      fprintf(o, "  -> converted\n}\n\n");
      st->rate_left = 0; /* the unrated edge takes everyone */
      continue;
    }
    int rate = 55 + (int)rng_below(r, 36);
    fprintf(o, "  -> tp_%ld rate %d%%\n", st->index + 1, rate);
    st->rate_left -= rate;
    if (rng_chance(r, 25)) {
      int drop = 1 + (int)rng_below(r, (unsigned)st->rate_left / 2);
      fprintf(o, "  -> churned rate %d%% label \"drops off\"\n", drop);
      st->rate_left -= drop;
    }
    bool next_path = first + PATH_LEN + j < g->n;
    if (j > 0 && next_path && st->rate_left >= 5 && rng_chance(r, 10)) {
      fprintf(o, "  -> tp_%ld rate 5%%\n", first + PATH_LEN + j);
      st->rate_left -= 5;
    }
    fputs("}\n\n", o);
  }
  /* a flow chain outside the touchpoints, as teams write when one edge is added later */
  for (long j = 1; j + 1 < len; j += 7)
    if (steps[j].rate_left >= 3 && rng_chance(r, 50))
      fprintf(o, "flow tp_%ld -> referral rate 2%% label \"tells a friend\"\n\n", first + j);
}

/* One opportunity per path and stage fixing every severe pain there, so std.lint is quiet. */
static void opportunities(Gen *g, const Step *steps, long len) {
  FILE *o = g->out;
  Rng *r = &g->rng;
  for (int s = 0; s < STAGES; s++) {
    bool any = false;
    for (long j = 0; j < len; j++) {
      const Step *st = &steps[j];
      if (st->stage != s) continue;
      for (int k = 0; k < st->npains; k++) {
        if (st->severity[k] < 4) continue;
        if (!any)
          fprintf(o, "opportunity op_%ld_%d \"Fix %s for %s\" {\n  fixes ", steps[0].index, s,
                  PICK(r, OBJECTS), STAGE_NAMES[s]);
        else
          fputs(", ", o);
        fprintf(o, "pn_%ld_%d", st->index, k);
        any = true;
      }
    }
    if (any)
      fprintf(o,
              "\n  impact %s\n  effort %s\n  owner team_%ld\n  due 2027-%02u-%02u\n  status "
              "%s\n}\n\n",
              PICK(r, LEVELS), PICK(r, LEVELS), (steps[0].index + s) % g->nteams,
              1 + rng_below(r, 12), 1 + rng_below(r, 28), PICK(r, STATUSES));
  }
}

static void closing(Gen *g) {
  FILE *o = g->out;
  for (int s = 0; s < STAGES; s++)
    fprintf(o,
            "kpi k_%s \"%s satisfaction\" {\n  actual %u%%\n  target >= 60%%\n  baseline 55%% "
            "on 2026-06-01\n  unit \"%%\"\n  owner team_%d\n  stage %s\n}\n\n",
            STAGE_IDS[s], STAGE_NAMES[s], 60 + rng_below(&g->rng, 40), s % (int)g->nteams,
            STAGE_IDS[s]);
  /* computed measures: their targets hold by construction (the generator counted) */
  long share = g->with_emotion ? (100 * g->negative + g->with_emotion - 1) / g->with_emotion : 0;
  fprintf(o,
          "kpi unhappy_share \"Share of touchpoints that hurt\" {\n"
          "  measure count([t for t in touchpoints where t.emotion < 0]) / "
          "count([t for t in touchpoints where t.emotion != none])\n"
          "  target <= %ld%%\n  owner team_0\n}\n\n",
          share + 1);
  fprintf(o, "kpi severe_pains \"Severe pains\" {\n"
             "  measure count([p for p in pains where p.severity >= 4])\n"
             "  target >= 0\n  owner team_0\n}\n\n");
  fprintf(o, "check severe_fixed \"Severe pains are being fixed\" {\n"
             "  for p in pains where p.severity == 5\n"
             "  assert any o in p.opportunities: o.status != \"dropped\"\n"
             "  message \"pain '{p.text}' at {p.touchpoint.name} has no live opportunity\"\n"
             "  severity warning\n}\n\n");
  fprintf(o, "check owned_moments \"Moments of truth have an owner\" {\n"
             "  for t in touchpoints where t.emotion != none and t.emotion <= -3\n"
             "  assert t.owner != none\n  severity warning\n}\n\n");
  fprintf(o, "query hurting \"Touchpoints that hurt\" {\n  from t in touchpoints\n"
             "  where t.emotion < 0\n  select t.name, t.stage.name as stage, t.emotion, "
             "count(t.pains) as pains\n  order t.emotion asc\n  limit 20\n}\n\n");
  fprintf(o, "query by_stage \"Touchpoints and mood per stage\" {\n  from t in touchpoints\n"
             "  group t.stage\n  select t.stage.name as stage, count(t) as touchpoints, "
             "avg(t.emotion) as emotion, count(t.pains) as pains\n  order emotion asc\n}\n");
}

static FILE *open_out(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror(path);
    exit(1);
  }
  return f;
}

static void close_out(FILE *f) {
  if (fclose(f) != 0) {
    perror("gen");
    exit(1);
  }
}

static void journey(Gen *g) {
  if (g->dir) mkdir(g->dir, 0777); /* an existing folder is fine; open_out reports the rest */
  FILE *root = g->dir ? open_out(g->dir, "journey.jny") : g->out;
  bool split = g->dir && g->n > PART_TOUCHPOINTS;
  g->out = root;
  header(g);
  Step *steps = malloc(PATH_LEN * sizeof *steps);
  if (!steps) exit(1);
  for (long first = 0; first < g->n; first += PATH_LEN) {
    if (split && first % PART_TOUCHPOINTS == 0) {
      char name[64];
      snprintf(name, sizeof name, "part_%03ld.jny", first / PART_TOUCHPOINTS);
      fprintf(root, "use \"%s\"\n", name);
      if (g->out != root) close_out(g->out);
      g->out = open_out(g->dir, name);
      fprintf(g->out, "// Generated by tools/bench/gen: touchpoints from %ld. Do not edit.\n\n",
              first);
    }
    long len = g->n - first < PATH_LEN ? g->n - first : PATH_LEN;
    path(g, first, len, steps);
    opportunities(g, steps, len);
  }
  free(steps);
  if (g->out != root) close_out(g->out);
  g->out = root;
  fputc('\n', root);
  closing(g);
  if (g->dir) close_out(root);
}

int main(int argc, char **argv) {
  Gen g = {{20261123u}, 1000, 0, 0, 0, 0, stdout, NULL, NULL, -1};
  bool as_mermaid = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
      g.n = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
      g.rng.state = strtoull(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
      g.dir = argv[++i];
    else if (strcmp(argv[i], "--mermaid") == 0)
      as_mermaid = true;
    else {
      fprintf(stderr, "usage: gen [-n TOUCHPOINTS] [-s SEED] [-o DIR] [--mermaid]\n");
      return 2;
    }
  }
  if (g.n < 1) g.n = 1;
  g.nteams = g.n / 200 + 3;
  g.npersonas = 4 + g.n / 25000; /* personas grow slowly: 4 for a team, 20 for a company */
  if (g.npersonas > 20) g.npersonas = 20;
  if (as_mermaid) { /* the .jny text is generated all the same (the draws must match), unseen */
    g.dir = NULL;
    g.mermaid = stdout;
    g.out = fopen("/dev/null", "w");
    if (!g.out) return 1;
    fprintf(g.mermaid, "journey\n  title Generated organisation journey\n");
  }
  journey(&g);
  return fflush(stdout) == 0 ? 0 : 1;
}
