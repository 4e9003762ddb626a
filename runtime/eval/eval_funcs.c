/* eval_funcs.c — the built-in functions: aggregates, text, time and happiness here; the flow
 * functions (reach, reachable, paths) in reach.c, the survey scores (nps, csat, ces) in
 * eval_survey.c. The table FUNCS is what typing reads too (names, argument counts and kinds,
 * result).
 *
 * Aggregates skip none items (an attribute not given), so `avg([t.emotion for t in
 * touchpoints])` is the mean of the emotions that were written. An empty list has no
 * average, minimum, maximum, median or percentile: they are none.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval_impl.h"
#include "suggest.h"

#define A1(a)                                                                                      \
  { a, TY_ANY }
#define A2(a, b)                                                                                   \
  { a, b }
static const FuncSpec FUNCS[] = {
    {"count", 1, 1, "one list: count(list)", FR_NUMBER, A1(TY_LIST)},
    {"sum", 1, 1, "one list: sum(list)", FR_SUM, A1(TY_LIST)},
    {"avg", 1, 1, "one list: avg(list)", FR_SUM, A1(TY_LIST)},
    {"min", 1, FUNC_MAX_ARGS, "a list or 2 to 8 values: min(list), min(a, b)", FR_ELEM, A1(TY_ANY)},
    {"max", 1, FUNC_MAX_ARGS, "a list or 2 to 8 values: max(list), max(a, b)", FR_ELEM, A1(TY_ANY)},
    {"median", 1, 1, "one list: median(list)", FR_NUMBER, A1(TY_LIST)},
    {"percentile", 2, 2, "a list and a number: percentile(list, p)", FR_NUMBER,
     A2(TY_LIST, TY_NUMBER)},
    {"lower", 1, 1, "one text: lower(text)", FR_TEXT, A1(TY_TEXT)},
    {"upper", 1, 1, "one text: upper(text)", FR_TEXT, A1(TY_TEXT)},
    {"contains", 2, 2, "a text or list and a value: contains(text, part)", FR_BOOL,
     A2(TY_ANY, TY_ANY)},
    {"startswith", 2, 2, "two texts: startswith(text, prefix)", FR_BOOL, A2(TY_TEXT, TY_TEXT)},
    {"len", 1, 1, "one text or list: len(x)", FR_NUMBER, A1(TY_ANY)},
    {"today", 0, 0, "no arguments: today()", FR_DATE, A2(TY_ANY, TY_ANY)},
    {"happiness", 1, 1, "one list of touchpoints: happiness(C)", FR_PERCENT, A1(TY_LIST)},
    {"reach", 1, 2, "a touchpoint or outcome and an optional persona: reach(x[, persona])",
     FR_PERCENT, A2(TY_ENTITY, TY_ENTITY)},
    {"reachable", 2, 2, "two touchpoints or outcomes: reachable(a, b)", FR_BOOL,
     A2(TY_ENTITY, TY_ENTITY)},
    {"paths", 2, 2, "two touchpoints or outcomes: paths(a, b)", FR_ANY, A2(TY_ENTITY, TY_ENTITY)},
    {"nps", 1, 1, "one list of scores: nps(list)", FR_NUMBER, A1(TY_LIST)},
    {"csat", 1, 2, "a list of scores and an optional mode: csat(list[, \"top2box\" or \"mean\"])",
     FR_NUMBER, A2(TY_LIST, TY_TEXT)},
    {"ces", 1, 2, "a list of scores and an optional mode: ces(list[, \"top3box\" or \"mean\"])",
     FR_NUMBER, A2(TY_LIST, TY_TEXT)},
};
#define NFUNCS (sizeof FUNCS / sizeof FUNCS[0])

const FuncSpec *func_find(const char *name) {
  for (size_t i = 0; i < NFUNCS; i++)
    if (strcmp(FUNCS[i].name, name) == 0) return &FUNCS[i];
  return NULL;
}

void func_offer_all(Suggest *s) {
  for (size_t i = 0; i < NFUNCS; i++) suggest_offer(s, FUNCS[i].name, NULL);
}

/* The names alone, for tools outside the evaluator (jny_words gives them to the editor tests). */
size_t func_count(void) { return NFUNCS; }
const char *func_name_at(size_t i) { return i < NFUNCS ? FUNCS[i].name : NULL; }

/* ---- helpers ---- */

static bool bad_arg(EvalCtx *ev, const Expr *call, size_t i, const char *want, const Value *got) {
  const Expr *arg = call->as.call.args.items[i];
  diag_add(ev->diags, D_TYPE_MISMATCH, arg->span, "%s needs %s, not %s (`%s`)",
           call->as.call.fn.text, want, eval_value_phrase(ev, got), eval_expr_text(ev, arg));
  return false;
}

/* The numbers of a list (none items skipped); *percent when every one is a percent. */
static bool numbers_of(EvalCtx *ev, const Expr *call, const Value *list, double **out, size_t *n,
                       bool *percent) {
  *n = 0;
  *percent = true;
  if (list->kind == VAL_NONE) return true;
  if (list->kind != VAL_LIST) return bad_arg(ev, call, 0, "a list", list);
  *out = arena_alloc(ev->arena, (list->as.list.len + 1) * sizeof **out);
  for (size_t i = 0; i < list->as.list.len; i++) {
    const Value *v = &list->as.list.items[i];
    if (v->kind == VAL_NONE) continue;
    if (v->kind != VAL_NUMBER) {
      diag_add(ev->diags, D_TYPE_MISMATCH, call->span, "`%s`: %s needs numbers, but item %zu is %s",
               eval_expr_text(ev, call), call->as.call.fn.text, i + 1, eval_value_phrase(ev, v));
      return false;
    }
    *percent &= v->percent;
    (*out)[(*n)++] = v->as.num;
  }
  if (*n == 0) *percent = false;
  return true;
}

static Value num(double x, bool percent) { return percent ? value_percent(x) : value_number(x); }

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The p-th percentile (0..100) by linear interpolation between closest ranks (the method of
 * spreadsheets' PERCENTILE.INC): rank p/100 × (n − 1). */
static double percentile_of(double *xs, size_t n, double p) {
  qsort(xs, n, sizeof *xs, cmp_double);
  double rank = p / 100.0 * (double)(n - 1);
  size_t lo = (size_t)floor(rank);
  size_t hi = lo + 1 < n ? lo + 1 : lo;
  return xs[lo] + (rank - (double)lo) * (xs[hi] - xs[lo]);
}

/* ---- the aggregates ---- */

static bool fn_sum_avg(EvalCtx *ev, const Expr *call, const Value *args, bool avg, Value *out) {
  double *xs = NULL;
  size_t n;
  bool pct;
  const Value *first = NULL; /* the first item that is not none decides: durations or numbers */
  for (size_t i = 0; args[0].kind == VAL_LIST && !first && i < args[0].as.list.len; i++)
    if (args[0].as.list.items[i].kind != VAL_NONE) first = &args[0].as.list.items[i];
  if (first && first->kind == VAL_DURATION) {
    double s = 0;
    size_t count = 0;
    for (size_t i = 0; i < args[0].as.list.len; i++) {
      const Value *v = &args[0].as.list.items[i];
      if (v->kind == VAL_NONE) continue;
      if (v->kind != VAL_DURATION) return bad_arg(ev, call, 0, "a list of durations", v);
      s += v->as.seconds;
      count++;
    }
    *out = value_duration(avg ? s / (double)count : s);
    return true;
  }
  if (!numbers_of(ev, call, &args[0], &xs, &n, &pct)) return false;
  double s = 0;
  for (size_t i = 0; i < n; i++) s += xs[i];
  if (!avg)
    *out = num(s, pct);
  else
    *out = n ? num(s / (double)n, pct) : value_none();
  return true;
}

/* min(list) or min(a, b, …): the values are the list's items, or the arguments. */
static bool fn_min_max(EvalCtx *ev, const Expr *call, const Value *args, bool max, Value *out) {
  *out = value_none();
  Value several = value_list(args, call->as.call.args.len);
  const Value *list = call->as.call.args.len > 1 ? &several : &args[0];
  if (list->kind == VAL_NONE) return true;
  if (list->kind != VAL_LIST) return bad_arg(ev, call, 0, "a list", list);
  const Value *best = NULL;
  for (size_t i = 0; i < list->as.list.len; i++) {
    const Value *v = &list->as.list.items[i];
    if (v->kind == VAL_NONE) continue;
    if (best && best->kind != v->kind) {
      diag_add(ev->diags, D_TYPE_MISMATCH, call->span, "`%s`: cannot compare %s and %s",
               eval_expr_text(ev, call), eval_value_phrase(ev, best), eval_value_phrase(ev, v));
      return false;
    }
    int c = best ? value_compare(v, best) : 0;
    if (!best || (max ? c > 0 : c < 0)) best = v;
  }
  if (best) *out = *best;
  return true;
}

static bool fn_percentile(EvalCtx *ev, const Expr *call, const Value *args, bool median,
                          Value *out) {
  double *xs = NULL, p = 50;
  size_t n;
  bool pct;
  *out = value_none();
  if (!median) {
    if (args[1].kind != VAL_NUMBER) return bad_arg(ev, call, 1, "a number from 0 to 100", &args[1]);
    p = args[1].percent ? args[1].as.num * 100 : args[1].as.num;
    if (!(p >= 0 && p <= 100)) {
      diag_add(ev->diags, D_BAD_VALUE, call->as.call.args.items[1]->span,
               "percentile needs p from 0 to 100 (or 0%% to 100%%), not %g", p);
      return false;
    }
  }
  if (!numbers_of(ev, call, &args[0], &xs, &n, &pct)) return false;
  if (n) *out = num(percentile_of(xs, n, p), pct);
  return true;
}

/* ---- text ---- */

static bool fn_case(EvalCtx *ev, const Expr *call, const Value *args, bool upper, Value *out) {
  if (args[0].kind == VAL_NONE) return *out = value_none(), true;
  if (args[0].kind != VAL_TEXT) return bad_arg(ev, call, 0, "text", &args[0]);
  size_t n = args[0].as.text.len;
  char *s = arena_alloc(ev->arena, n + 1);
  for (size_t i = 0; i < n; i++) { /* ASCII letters only: other scripts stay as written */
    char c = args[0].as.text.text[i];
    if (upper && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    s[i] = c;
  }
  *out = value_text(s, n);
  return true;
}

static bool fn_contains(EvalCtx *ev, const Expr *call, const Value *args, Value *out) {
  *out = value_bool(false);
  if (args[0].kind == VAL_NONE) return true;
  if (args[0].kind == VAL_LIST) {
    for (size_t i = 0; i < args[0].as.list.len; i++)
      if (value_equal(&args[0].as.list.items[i], &args[1])) return *out = value_bool(true), true;
    return true;
  }
  if (args[0].kind != VAL_TEXT) return bad_arg(ev, call, 0, "text or a list", &args[0]);
  if (args[1].kind != VAL_TEXT) return bad_arg(ev, call, 1, "text", &args[1]);
  size_t h = args[0].as.text.len, k = args[1].as.text.len;
  for (size_t i = 0; i + k <= h; i++)
    if (memcmp(args[0].as.text.text + i, args[1].as.text.text, k) == 0)
      return *out = value_bool(true), true;
  return true;
}

static bool fn_startswith(EvalCtx *ev, const Expr *call, const Value *args, Value *out) {
  *out = value_bool(false);
  if (args[0].kind == VAL_NONE) return true;
  for (size_t i = 0; i < 2; i++)
    if (args[i].kind != VAL_TEXT) return bad_arg(ev, call, i, "text", &args[i]);
  size_t k = args[1].as.text.len;
  *out = value_bool(k <= args[0].as.text.len &&
                    memcmp(args[0].as.text.text, args[1].as.text.text, k) == 0);
  return true;
}

/* Length of text in code points (what a reader counts), of a list in items. */
static bool fn_len(EvalCtx *ev, const Expr *call, const Value *args, Value *out) {
  if (args[0].kind == VAL_LIST) return *out = value_number((double)args[0].as.list.len), true;
  if (args[0].kind == VAL_NONE) return *out = value_number(0), true;
  if (args[0].kind != VAL_TEXT) return bad_arg(ev, call, 0, "text or a list", &args[0]);
  size_t n = 0;
  for (size_t i = 0; i < args[0].as.text.len; i++)
    if (((unsigned char)args[0].as.text.text[i] & 0xC0) != 0x80) n++;
  *out = value_number((double)n);
  return true;
}

/* The share of touchpoints with a positive emotion among those that have one. */
static bool fn_happiness(EvalCtx *ev, const Expr *call, const Value *args, Value *out) {
  *out = value_none();
  if (args[0].kind == VAL_NONE) return true;
  if (args[0].kind != VAL_LIST) return bad_arg(ev, call, 0, "a list of touchpoints", &args[0]);
  size_t n = 0, happy = 0;
  for (size_t i = 0; i < args[0].as.list.len; i++) {
    const Value *v = &args[0].as.list.items[i];
    if (v->kind != VAL_ENTITY || v->as.entity->kind != EK_TOUCHPOINT)
      return bad_arg(ev, call, 0, "a list of touchpoints", v);
    const Touchpoint *t = (const Touchpoint *)v->as.entity;
    if (!t->has_emotion) continue;
    n++;
    happy += t->emotion > 0;
  }
  if (n) *out = value_percent((double)happy / (double)n);
  return true;
}

bool func_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out) {
  const char *name = f->name;
  *out = value_none();
  if (strcmp(name, "count") == 0) {
    if (args[0].kind == VAL_NONE) return *out = value_number(0), true;
    if (args[0].kind != VAL_LIST) return bad_arg(ev, call, 0, "a list", &args[0]);
    *out = value_number((double)args[0].as.list.len);
    return true;
  }
  if (strcmp(name, "sum") == 0 || strcmp(name, "avg") == 0)
    return fn_sum_avg(ev, call, args, name[0] == 'a', out);
  if (strcmp(name, "min") == 0 || strcmp(name, "max") == 0)
    return fn_min_max(ev, call, args, name[1] == 'a', out);
  if (strcmp(name, "median") == 0 || strcmp(name, "percentile") == 0)
    return fn_percentile(ev, call, args, name[0] == 'm', out);
  if (strcmp(name, "lower") == 0 || strcmp(name, "upper") == 0)
    return fn_case(ev, call, args, name[0] == 'u', out);
  if (strcmp(name, "contains") == 0) return fn_contains(ev, call, args, out);
  if (strcmp(name, "startswith") == 0) return fn_startswith(ev, call, args, out);
  if (strcmp(name, "len") == 0) return fn_len(ev, call, args, out);
  if (strcmp(name, "today") == 0) return *out = value_date(ev->today), true;
  if (strcmp(name, "happiness") == 0) return fn_happiness(ev, call, args, out);
  if (strcmp(name, "reach") == 0 || strcmp(name, "reachable") == 0 || strcmp(name, "paths") == 0)
    return reach_call(ev, call, f, args, out);
  if (strcmp(name, "nps") == 0 || strcmp(name, "csat") == 0 || strcmp(name, "ces") == 0)
    return survey_call(ev, call, f, args, out);
  return false;
}
