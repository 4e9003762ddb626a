/* eval.h — the evaluator: static types and values of expressions over the resolved model.
 *
 * One EvalCtx is made per command run over a built model (eval_new). Making it indexes every
 * derived relation once (a stage's touchpoints, a touchpoint's opportunities, a persona's
 * stages, …: index.c), so that evaluating a field is O(1) or O(answer) and a rule over 100k
 * touchpoints stays linear.
 *
 * Two passes, both reporting into the DiagList given to eval_new:
 *   - typing (typecheck.c): eval_type_expr gives the static type of an expression, reporting
 *     unknown fields (did-you-mean), operator type mismatches, unknown functions and wrong
 *     argument counts, `for`/quantifier/comprehension over a non-collection. It never runs
 *     anything. eval_check_model types every let, check, kpi measure and metric in the model.
 *   - evaluation (eval.c): eval_expr computes a Value. A run-time problem (division by zero, a
 *     field of none, a score off its scale) is one diagnostic at the expression's span
 *     and eval_expr returns false; it never crashes and never prints.
 *
 * Variables: the resolver points a variable's EX_NAME (ref NR_VAR) at the Ident that binds it
 * (a check's `for x`, a query's `from x`, a quantifier's or comprehension's variable, or in a
 * query's `order`, the alias Ident of `select … as NAME`, Query.select[i].alias). Callers bind
 * such Idents with a chain of EvalBinding (for values) or TypeBinding (for types), innermost
 * first; lookup is by Ident pointer. Lets are evaluated lazily, once, and cached; a let that
 * reaches itself (already reported by the resolver) evaluates to an error, not a loop.
 */
#ifndef JNY_EVAL_H
#define JNY_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "fileio.h"
#include "model.h"
#include "value.h"

/* ---- static types ---- */

typedef enum TypeKind {
  TY_ANY, /* unknown (after an error, or a value whose type only the run knows): no complaint */
  TY_NONE,
  TY_NUMBER,
  TY_TEXT,
  TY_BOOL,
  TY_DATE,
  TY_DURATION,
  TY_ENTITY, /* Type.entity: the kind, or EK__COUNT for "any entity" */
  TY_LIST,   /* Type.elem: the items' type (NULL: any) */
  TY_RECORD, /* x.meta (keys from `meta` lines) or t.metrics: any key reads as TY_ANY */
  TY_ROW     /* a row of the data table Type.data: each column has the type inferred for it */
} TypeKind;

typedef struct Type Type;
struct Type {
  TypeKind kind;
  EntityKind entity; /* TY_ENTITY */
  union {
    const Type *elem;    /* TY_LIST; NULL means any */
    const DataSet *data; /* TY_ROW: the table */
  };
};

/* "number", "text", "touchpoint", "list of touchpoint", "survey row", "any". */
const char *eval_type_name(Arena *a, const Type *t);
/* TY_ANY / TY_NUMBER / … without an element. */
Type eval_type(TypeKind kind);
/* The items' type of a list type (TY_ANY when not a list or unknown). */
Type eval_type_elem(const Type *list);

/* ---- the context ---- */

typedef struct EvalOptions {
  bool has_today;
  Date today;           /* today(): the --today DATE of the command, else the system's local date */
  const FileSystem *fs; /* where data files are read from; NULL: the disk */
} EvalOptions;

typedef struct EvalCtx EvalCtx;

/* Builds the context over a model (indexes derived relations). Diagnostics of every later
 * eval_* call go to diags. Allocates in arena. Never NULL. */
EvalCtx *eval_new(Arena *arena, Model *model, DiagList *diags, const EvalOptions *opts);
Model *eval_model(const EvalCtx *ev);
Arena *eval_arena(const EvalCtx *ev);
DiagList *eval_diags(const EvalCtx *ev);
Date eval_today(const EvalCtx *ev);

/* ---- typing ---- */

typedef struct TypeBinding {
  const Ident *var;
  Type type;
  const struct TypeBinding *up;
} TypeBinding;

/* The static type of e. Problems are reported (each once per expression node); the result is
 * then TY_ANY so that one mistake does not cascade. Returns false when anything was reported. */
bool eval_type_expr(EvalCtx *ev, const Expr *e, const TypeBinding *env, Type *out);
/* Types e and requires a bool (or any): "`where` needs a condition (true or false), not a
 * number". `what` names the place: "where", "assert". */
bool eval_type_cond(EvalCtx *ev, const Expr *e, const TypeBinding *env, const char *what);
/* Types the collection of a `for`/`from`: must be a list (E0505). Sets *elem to its items'
 * type. */
bool eval_type_collection(EvalCtx *ev, const Expr *coll, const TypeBinding *env, Type *elem);
/* Types every let, kpi measure and metric of the model. Returns false when anything was
 * reported. Checks are typed one by one by check_run_all (eval_type_check), queries by
 * query.c. */
bool eval_check_model(EvalCtx *ev);
/* Types one check: its `for` collection, `where`, `assert` (conditions) and message parts. */
bool eval_type_check(EvalCtx *ev, const Check *c);

/* ---- evaluation ---- */

typedef struct EvalBinding {
  const Ident *var;
  Value value;
  const struct EvalBinding *up;
} EvalBinding;

/* Evaluates e. On a run-time problem reports it at the span of the sub-expression at fault and
 * returns false (*out is then none). */
bool eval_expr(EvalCtx *ev, const Expr *e, const EvalBinding *env, Value *out);
/* Evaluates a condition: false when it could not be computed (reported); *out is whether the
 * value is `true` (anything else, none included, counts as false). */
bool eval_cond(EvalCtx *ev, const Expr *e, const EvalBinding *env, bool *out);
/* The items of a collection value: a list's items, or an error at coll's span when it is not a
 * list. */
bool eval_collection(EvalCtx *ev, const Expr *coll, const EvalBinding *env, const Value **items,
                     size_t *len);
/* A message: EX_STRING as is, EX_INTERP with each {expr} evaluated and printed (value_print). */
bool eval_message(EvalCtx *ev, const Expr *msg, const EvalBinding *env, const char **out);
/* The value of one field of an entity, by name, as `x.field` gives it; false (reported at
 * span) when the kind has no such field. */
bool eval_field(EvalCtx *ev, Entity *e, const char *field, Span span, Value *out);
/* A KPI's current value: `actual`, else `measure` evaluated, once per context (a problem in the
 * measure is reported once; later calls give the same answer). *out is none when neither is
 * given, or (and false) when the measure failed. */
bool eval_kpi_value(EvalCtx *ev, Kpi *k, Value *out);

/* ---- built-in functions (eval_funcs.c) ---- */

/* The names of the built-in functions, i < func_count() (NULL past the end): the table typing
 * and evaluation use, read by tools (jny_words) that must not see the evaluator's internals. */
size_t func_count(void);
const char *func_name_at(size_t i);

/* ---- checks (check.c) ---- */

/* Runs every `check` of the model that types (eval_type_check; one that does not is reported
 * and skipped, the others still run): for each item of `for` kept by `where`, evaluates `assert`;
 * each item for which it is not true is one diagnostic (E0520, the check's severity) at the
 * item's declaration, with the interpolated message and a note at the check. A run-time error
 * in one check stops that check only. Returns the number of violations. */
size_t check_run_all(EvalCtx *ev);

#endif
