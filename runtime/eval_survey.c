/* eval_survey.c — placeholder until survey scores land (being written now). */
#include "eval_impl.h"
bool survey_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out) {
  (void)args;
  *out = value_none();
  diag_add(ev->diags, D_NOT_AVAILABLE, call->span, "%s() is not available yet", f->name);
  return false;
}
