/* eval_survey.c — the survey scores nps, csat and ces (eval_funcs.c dispatches here).
 *
 * Each is the published convention (docs/language.md cites the sources):
 *   nps(L)            100 × (count of 9–10 − count of 0–6) / N on 0–10: 6 is a detractor,
 *                     7–8 are passives and count only in N; a number from −100 to 100.
 *   csat(L)           top-2-box: the share of 4–5 on 1–5, a percent (3, neutral, is not
 *                     satisfied); csat(L, "mean") the mean score instead.
 *   ces(L)            CES 2.0: the share of 5–7 ("agree") on the 1–7 agreement scale, a
 *                     percent (4 is neutral); ces(L, "mean") the mean score.
 * none items are skipped (a respondent who skipped the question). A score that is not a whole
 * number on the scale is an error at the call, which names the cell when the number was read
 * from a data file (data_cell_origin). No scores at all gives none and a warning, never NaN.
 */
#include <math.h>
#include <string.h>

#include "data.h"
#include "eval_impl.h"
#include "suggest.h"

typedef struct Survey {
  const char *fn;
  const char *label; /* for messages: "NPS's 0–10 scale" */
  int lo, hi;        /* the scale */
  int good;          /* the share counts scores >= good … */
  int bad;           /* … and, for NPS, subtracts the share of scores <= bad (else -1) */
  const char *share; /* the default mode's name; "mean" is the other */
} Survey;

static const Survey SURVEYS[] = {
    {"nps", "NPS's 0–10 scale", 0, 10, 9, 6, NULL},
    {"csat", "CSAT's 1–5 scale", 1, 5, 4, -1, "top2box"},
    {"ces", "CES 2.0's 1–7 scale", 1, 7, 5, -1, "top3box"},
};

static const Survey *survey_of(const char *fn) {
  for (size_t i = 0; i < sizeof SURVEYS / sizeof SURVEYS[0]; i++)
    if (strcmp(SURVEYS[i].fn, fn) == 0) return &SURVEYS[i];
  return NULL;
}

/* The mode argument: false (reported) when it is not one of the two. */
static bool read_mode(EvalCtx *ev, const Expr *call, const Survey *s, const Value *arg,
                      bool *mean) {
  const Expr *at = call->as.call.args.items[1];
  *mean = false;
  if (arg->kind != VAL_TEXT) {
    diag_add(ev->diags, D_TYPE_MISMATCH, at->span, "%s's mode is text (\"%s\" or \"mean\"), not %s",
             s->fn, s->share, eval_value_phrase(ev, arg));
    return false;
  }
  const char *mode = arena_strndup(ev->arena, arg->as.text.text, arg->as.text.len);
  if (strcmp(mode, "mean") == 0 || strcmp(mode, s->share) == 0) {
    *mean = mode[0] == 'm';
    return true;
  }
  Diag *d = diag_add(ev->diags, D_BAD_VALUE, at->span,
                     "%s has no mode '%s': it takes \"%s\" (the default) or \"mean\"", s->fn, mode,
                     s->share);
  Suggest sg;
  suggest_init(&sg, ev->arena, mode);
  suggest_offer(&sg, s->share, NULL);
  suggest_offer(&sg, "mean", NULL);
  if (suggest_best(&sg)) diag_help(ev->diags, d, "did you mean '%s'?", suggest_best(&sg));
  return false;
}

/* One score: a whole number on the scale. The message names the cell it was read from. */
static const char *score_place(EvalCtx *ev, const Expr *call, const Value *v, size_t item) {
  const char *origin = data_cell_origin(ev, v); /* reads the file again: only for errors */
  return origin ? arena_printf(ev->arena, "%s: ", origin)
                : arena_printf(ev->arena, "`%s`, item %zu: ", eval_expr_text(ev, call), item + 1);
}

static bool check_score(EvalCtx *ev, const Expr *call, const Survey *s, const Value *v,
                        size_t item) {
  if (v->kind != VAL_NUMBER) {
    diag_add(ev->diags, D_TYPE_MISMATCH, call->span, "%s%s needs numbers (scores), not %s",
             score_place(ev, call, v, item), s->fn, eval_value_phrase(ev, v));
    return false;
  }
  double x = v->as.num;
  if (x >= s->lo && x <= s->hi && x == floor(x)) return true;
  const char *where = score_place(ev, call, v, item);
  StrBuf sb;
  sb_init(&sb, ev->arena);
  value_print_number(&sb, x, v->percent);
  const char *why = x >= s->lo && x <= s->hi ? "is not a whole score on" : "is outside";
  diag_add(ev->diags, D_SCORE_SCALE, call->span, "%s%s %s %s", where, sb_str(&sb), why, s->label);
  return false;
}

bool survey_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out) {
  const Survey *s = survey_of(f->name);
  *out = value_none();
  if (!s) return false;
  bool mean = false;
  if (call->as.call.args.len > 1 && !read_mode(ev, call, s, &args[1], &mean)) return false;
  const Value *list = &args[0];
  if (list->kind != VAL_LIST && list->kind != VAL_NONE) {
    diag_add(ev->diags, D_TYPE_MISMATCH, call->as.call.args.items[0]->span,
             "%s needs a list of scores, not %s (`%s`)", s->fn, eval_value_phrase(ev, list),
             eval_expr_text(ev, call->as.call.args.items[0]));
    return false;
  }
  size_t n = 0, good = 0, bad = 0, len = list->kind == VAL_LIST ? list->as.list.len : 0;
  double sum = 0;
  for (size_t i = 0; i < len; i++) {
    const Value *v = &list->as.list.items[i];
    if (v->kind == VAL_NONE) continue;
    if (!check_score(ev, call, s, v, i)) return false;
    n++;
    sum += v->as.num;
    good += v->as.num >= s->good;
    bad += v->as.num <= s->bad;
  }
  if (n == 0) {
    diag_add(ev->diags, D_NO_SCORES, call->span,
             "`%s` has no scores to compute from (the list is empty, or all none), so it is none",
             eval_expr_text(ev, call));
    return true;
  }
  if (mean)
    *out = value_number(sum / (double)n);
  else if (s->bad >= 0)
    *out = value_number(100.0 * ((double)good - (double)bad) / (double)n);
  else
    *out = value_percent((double)good / (double)n);
  return true;
}
