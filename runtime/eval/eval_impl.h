/* eval_impl.h — what the evaluator's files share (eval.c, eval_ops.c, eval_funcs.c, fields.c,
 * index.c, typecheck.c, check.c); not for other stages, which use eval.h.
 */
#ifndef JNY_EVAL_IMPL_H
#define JNY_EVAL_IMPL_H

#include "eval.h"
#include "schema.h"
#include "suggest.h"

/* Derived relations, one list Value per entity of the kind, built once by index_build. */
typedef struct EvalIndex {
  Value collections[COLL__COUNT];
  Value *stage_touchpoints, *stage_pains;
  Value *persona_touchpoints, *persona_stages;
  Value *tp_personas, *tp_pains, *tp_delights, *tp_out, *tp_in, *tp_next, *tp_prev;
  Value *tp_opportunities;
  Value *pain_opportunities;
  Value *outcome_in;
  Value *opp_fixes;
  Value *channel_touchpoints, *channel_personas;
  unsigned char *tp_reached; /* 1 when a path of flows leads to it from an entry */
} EvalIndex;

typedef struct ReachCache ReachCache; /* reach.c: the solved flow chains, built on first use */
typedef struct DataCache DataCache;   /* data_csv.c: the loaded data tables, on first use */

enum { LET_TODO, LET_BUSY, LET_DONE, LET_FAILED };

struct EvalCtx {
  Arena *arena;
  Model *model;
  DiagList *diags;
  Date today;
  const FileSystem *fs; /* data files are read through it, never opened directly */
  EvalIndex index;
  unsigned char *let_state; /* LET_* per let, for values */
  Value *let_value;
  unsigned char *let_tstate; /* LET_* per let, for types */
  Type *let_type;
  unsigned char *kpi_state; /* LET_* per kpi: its value is computed once */
  Value *kpi_value;
  ReachCache *reach;
  DataCache *data;
};

void index_build(EvalCtx *ev);

/* ---- fields.c: the fields of each kind, for typing and evaluation alike ---- */
typedef bool (*FieldGet)(EvalCtx *ev, Entity *e, Value *out);
typedef struct FieldSpec {
  const char *name;
  const Type *type;
  FieldGet get;
} FieldSpec;
/* The field of kind `ek` named `name` (common fields included), or NULL. */
const FieldSpec *field_find(EntityKind ek, const char *name);
/* Offers every field name of the kind to a did-you-mean. */
void field_offer_all(EntityKind ek, Suggest *s);
/* Whether any kind has the field (for "any entity" types). */
bool field_exists_somewhere(const char *name);
/* x.meta.key and t.metrics.key */
bool field_record_key(EvalCtx *ev, const Value *rec, const Ident *key, Value *out);

/* ---- eval_funcs.c: the built-in functions ---- */
typedef enum FuncRet {
  FR_NUMBER,
  FR_PERCENT,
  FR_TEXT,
  FR_BOOL,
  FR_DATE,
  FR_ELEM, /* the first argument's item type (min, max) */
  FR_SUM,  /* a duration for a list of durations, else a number (sum, avg) */
  FR_ANY
} FuncRet;
/* The most arguments a built-in takes: min and max of several values, max(a, b, …). */
#define FUNC_MAX_ARGS 8
typedef struct FuncSpec {
  const char *name;
  size_t min_args, max_args;
  const char *args; /* how it is called, for messages: "count(list)" */
  FuncRet ret;
  TypeKind arg[FUNC_MAX_ARGS]; /* what each argument must be; TY_ANY: checked when run */
} FuncSpec;
const FuncSpec *func_find(const char *name);
void func_offer_all(Suggest *s);
bool func_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out);

/* ---- reach.c: the flow graph as an absorbing Markov chain ---- */
/* reach(x[, persona]), reachable(a, b), paths(a, b). */
bool reach_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out);

/* ---- eval_survey.c: survey scores ---- */
/* nps(list), csat(list[, mode]), ces(list[, mode]). */
bool survey_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out);

/* ---- eval_ops.c ---- */
bool ops_binary(EvalCtx *ev, const Expr *e, const Value *l, const Value *r, Value *out);
/* The static result type of a binary operator, or false (reported) on a mismatch. */
bool ops_type_binary(EvalCtx *ev, const Expr *e, const Type *l, const Type *r, Type *out);

/* ---- shared static types ---- */
extern const Type TYPE_ANY, TYPE_NONE, TYPE_NUMBER, TYPE_TEXT, TYPE_BOOL, TYPE_DATE, TYPE_DURATION,
    TYPE_RECORD, TYPE_LIST_ANY, TYPE_LIST_TEXT, TYPE_LIST_NUMBER;
extern const Type TYPE_ENTITY[EK__COUNT + 1];      /* TY_ENTITY of each kind; [EK__COUNT]: any */
extern const Type TYPE_LIST_ENTITY[EK__COUNT + 1]; /* list of each */

/* ---- long chains ----
 * `a + b + … + z`, `a and b and …`, `not not … x` and `x.a.b.…` nest as deep as they are long
 * (the parser bounds only brackets), so typing and evaluation walk them with a loop: the
 * spine is the chain of nodes of one shape down the left operand (or the operand, or the
 * object), returned innermost first, with the first node of another shape in *base. */
typedef enum SpineKind { SPINE_ARITH, SPINE_LOGIC, SPINE_UNARY, SPINE_MEMBER } SpineKind;
const Expr **eval_spine(Arena *a, const Expr *e, SpineKind kind, size_t *n, const Expr **base);

/* The text of an expression's source, for messages: "`t.emotion + t.name`". */
const char *eval_expr_text(EvalCtx *ev, const Expr *e);
/* An article and a type name: "a number", "an entity", "text". */
const char *eval_type_phrase(EvalCtx *ev, const Type *t);
const char *eval_value_phrase(EvalCtx *ev, const Value *v);

#endif
