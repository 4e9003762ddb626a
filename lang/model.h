/* model.h — the resolved model: what the resolver builds from one or more AstFiles, and what
 * every later stage (checks, queries, measurement, renderers, export) reads.
 *
 * References are pointers, already checked for existence and kind. Entities keep a pointer to
 * their declaration for spans. Lists are arrays in the model arena, in declaration order (a
 * `use`d module's declarations stand where it is first used), which makes every consumer
 * deterministic.
 */
#ifndef JNY_MODEL_H
#define JNY_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

typedef enum EntityKind {
  EK_JOURNEY,
  EK_PERSONA,
  EK_STAGE,
  EK_CHANNEL,
  EK_TEAM,
  EK_TOUCHPOINT,
  EK_PAIN,
  EK_DELIGHT,
  EK_OUTCOME,
  EK_FLOW,
  EK_OPPORTUNITY,
  EK_KPI,
  EK_DATA,
  EK_CHECK,
  EK_QUERY,
  EK_LET,
  EK__COUNT
} EntityKind;

typedef struct Text {
  const char *text;
  size_t len;
  Span span;
} Text;

typedef struct TextList {
  Text *items;
  size_t len;
} TextList;

typedef struct MetaEntry {
  Ident key;
  Expr *value; /* a literal */
} MetaEntry;

typedef struct Entity {
  EntityKind kind;
  Span id_span;     /* the id, or the best span to point at when there is none */
  Span span;        /* the whole declaration or attribute line */
  bool from_stdlib; /* declared in an embedded std module */
  size_t index;     /* position in its kind's list */
  const char *id;   /* NULL for anonymous ones (unnamed pains, flows, the journey) */
  const char *name; /* display name; the id when none was given */
  const char *description;
  TextList notes;
  Ident *tags;
  size_t ntags;
  MetaEntry *meta;
  size_t nmeta;
  const Decl *decl; /* the declaration (for pains, delights and edges: the enclosing one) */
} Entity;

typedef struct Team Team;
typedef struct Stage Stage;
typedef struct Channel Channel;
typedef struct Persona Persona;
typedef struct Touchpoint Touchpoint;
typedef struct Outcome Outcome;

typedef enum JourneyState { STATE_UNSET, STATE_CURRENT, STATE_FUTURE } JourneyState;
typedef enum ChannelKind {
  CHANNEL_UNSET,
  CHANNEL_DIGITAL,
  CHANNEL_PHYSICAL,
  CHANNEL_HUMAN
} ChannelKind;
typedef enum Level { LEVEL_UNSET, LEVEL_LOW, LEVEL_MEDIUM, LEVEL_HIGH } Level;
typedef enum OppStatus {
  STATUS_UNSET,
  STATUS_IDEA,
  STATUS_PLANNED,
  STATUS_DOING,
  STATUS_DONE,
  STATUS_DROPPED
} OppStatus;

typedef struct Journey {
  Entity e;
  const char *title;
  TextList goals;
  const char *scope;
  JourneyState state;
  Team *owner;
  const char *version;
  bool has_date;
  Date date;
} Journey;

typedef struct Persona {
  Entity e;
  const char *segment;
  TextList goals, needs, motivations, frustrations, behaviors;
  const char *quote;
  Channel **channels;
  size_t nchannels;
  bool has_share;
  double share; /* 0..1 */
} Persona;

struct Stage {
  Entity e;
  const char *goal;
  TextList expectations;
  size_t order; /* 0-based, declaration order */
};

struct Channel {
  Entity e;
  ChannelKind channel_kind;
};

struct Team {
  Entity e;
  const char *lead, *contact;
};

typedef struct Pain {
  Entity e; /* id may be NULL */
  Touchpoint *touchpoint;
  const char *text;
  int severity; /* 1..5, default 3 */
} Pain;

typedef struct Delight {
  Entity e;
  Touchpoint *touchpoint;
  const char *text;
} Delight;

typedef struct Metric {
  Ident name;
  Expr *expr;
  Span span;
} Metric;

/* One edge: from a touchpoint's `->` line or one link of a `flow a -> b -> c` chain. */
typedef struct Flow {
  Entity e; /* anonymous; span is the edge line or the chain link */
  Touchpoint *from;
  Entity *to; /* a Touchpoint or an Outcome */
  bool has_rate, has_volume;
  Span rate_span;
  double rate; /* 0..1 */
  double volume;
  const char *label;
  Persona *persona; /* NULL: every persona */
} Flow;

struct Touchpoint {
  Entity e;
  Stage *stage;
  Channel *channel;   /* may be NULL */
  Persona **personas; /* as written; npersonas == 0 means every persona */
  size_t npersonas;
  TextList actions, thoughts, expectations, evidence, backstage, support;
  bool has_emotion;
  double emotion; /* -3..+3 */
  const char *emotion_label;
  Pain **pains;
  size_t npains;
  Delight **delights;
  size_t ndelights;
  Team *owner;
  bool has_duration;
  double duration; /* seconds */
  Metric *metrics;
  size_t nmetrics;
  Flow **out; /* every edge leaving it, edges and chains alike, in declaration order */
  size_t nout;
  Flow **in;
  size_t nin;
};

struct Outcome {
  Entity e;
  bool success;
  Flow **in;
  size_t nin;
};

typedef struct Opportunity {
  Entity e;
  Entity **fixes; /* Touchpoints or Pains */
  size_t nfixes;
  Level impact, effort;
  Team *owner;
  bool has_due;
  Date due;
  OppStatus status;
} Opportunity;

typedef enum TargetOp {
  TARGET_NONE,
  TARGET_GE,
  TARGET_LE,
  TARGET_EQ,
  TARGET_GT,
  TARGET_LT
} TargetOp;

typedef struct Kpi {
  Entity e;
  Expr *measure; /* NULL unless `measure` */
  bool has_actual;
  double actual;
  TargetOp target_op;
  double target;
  bool target_percent; /* written as a percent: print it as one */
  Span target_span;
  bool has_baseline;
  double baseline;
  bool has_baseline_date;
  Date baseline_date;
  const char *unit;
  Team *owner;
  Stage *stage;
  Touchpoint *touchpoint;
} Kpi;

typedef struct DataSet {
  Entity e;
  const char *path;    /* as written */
  const char *fs_path; /* resolved against the declaring file's folder; NULL for stdin/std */
  Span path_span;
  const char *delimiter; /* NULL: comma */
} DataSet;

typedef struct Check {
  Entity e;
  Ident var; /* for var in coll [where where] — var.text NULL when there is no `for` */
  Expr *coll;
  Expr *where;
  Expr *assert;
  Expr *message; /* EX_STRING or EX_INTERP, or NULL */
  Severity severity;
} Check;

typedef struct Query {
  Entity e;
  Ident var;
  Expr *from;
  Expr *where;
  Expr *group;
  Item *select;
  size_t nselect;
  Item *order;
  size_t norder;
  Expr *limit;
} Query;

typedef struct Let {
  Entity e;
  Expr *value;
} Let;

/* A typed list of entities of one kind. */
#define MODEL_LIST(T)                                                                              \
  struct {                                                                                         \
    T **items;                                                                                     \
    size_t len;                                                                                    \
  }

typedef struct SymTab SymTab;

typedef struct Model {
  Arena *arena;
  SourceSet *sources;
  Journey *journey; /* NULL when none was declared */
  MODEL_LIST(Persona) personas;
  MODEL_LIST(Stage) stages;
  MODEL_LIST(Channel) channels;
  MODEL_LIST(Team) teams;
  MODEL_LIST(Touchpoint) touchpoints;
  MODEL_LIST(Pain) pains;
  MODEL_LIST(Delight) delights;
  MODEL_LIST(Outcome) outcomes;
  MODEL_LIST(Flow) flows;
  MODEL_LIST(Opportunity) opportunities;
  MODEL_LIST(Kpi) kpis;
  MODEL_LIST(DataSet) datasets;
  MODEL_LIST(Check) checks;
  MODEL_LIST(Query) queries;
  MODEL_LIST(Let) lets;
  SymTab *symbols; /* id -> Entity *, every named entity */
  AstFile **files; /* every parsed file, in load order (the user's files first) */
  size_t nfiles;
} Model;

const char *model_kind_name(EntityKind kind); /* "touchpoint" */
/* The entity with this id, or NULL. */
Entity *model_lookup(const Model *m, const char *id);
/* Whether a KPI's value meets its target (false without a target); values within one part in
 * a billion of the target count as equal to it. */
bool model_kpi_met(const Kpi *k, double value);

#endif
