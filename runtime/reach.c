/* reach.c — placeholder until the flow solver lands (being written now). */
#include "eval_impl.h"
bool reach_call(EvalCtx *ev, const Expr *call, const FuncSpec *f, const Value *args, Value *out) {
  (void)args;
  *out = value_none();
  diag_add(ev->diags, D_NOT_AVAILABLE, call->span, "%s() is not available yet", f->name);
  return false;
}
