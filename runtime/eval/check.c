/* check.c — running `check` blocks (eval.h: check_run_all), after the model was built and
 * typed. A violation is reported where the fix belongs — at the declaration of the entity that
 * broke the rule — with a note at the check, so that an editor jumps to the right line.
 */
#include <string.h>

#include "eval_impl.h"

/* Where a violation by this item is reported: an entity's id (or its line, for an anonymous
 * pain or flow); anything else (a number from a list) is reported at the check. */
static Span item_span(const Check *c, const Value *item) {
  if (item && item->kind == VAL_ENTITY) return item->as.entity->id_span;
  return c->e.id_span;
}

static void report(EvalCtx *ev, const Check *c, const Value *item, const EvalBinding *env) {
  const char *text = NULL;
  /* a message that fails to evaluate is reported; the violation is still reported after it */
  if (c->message && !eval_message(ev, c->message, env, &text)) text = NULL;
  if (!text) {
    const char *who = item ? value_to_text(ev->arena, item) : NULL;
    const char *check = c->e.id ? c->e.id : c->e.name;
    text = who && *who ? arena_printf(ev->arena, "'%s' breaks check '%s'", who, check)
                       : arena_printf(ev->arena, "check '%s' does not hold", check);
  }
  Diag *d =
      diag_add_sev(ev->diags, D_CHECK_FAILED, c->severity, true, item_span(c, item), "%s", text);
  if (!item || item->kind != VAL_ENTITY) return; /* reported at the check itself */
  if (c->e.id && strcmp(c->e.name, c->e.id) != 0)
    diag_note(ev->diags, d, c->e.id_span, "required by check '%s' (%s)", c->e.id, c->e.name);
  else
    diag_note(ev->diags, d, c->e.id_span, "required by check '%s'", c->e.name);
}

/* Runs one check; returns its violations. A run-time error stops this check (reported). */
static size_t run_check(EvalCtx *ev, const Check *c) {
  bool holds;
  if (!c->var.text || !c->coll) {
    if (!eval_cond(ev, c->assert, NULL, &holds)) return 0;
    if (!holds) report(ev, c, NULL, NULL);
    return !holds;
  }
  const Value *items;
  size_t n, broken = 0;
  if (!eval_collection(ev, c->coll, NULL, &items, &n)) return 0;
  for (size_t i = 0; i < n; i++) {
    EvalBinding b = {&c->var, items[i], NULL};
    bool keep = true;
    if (c->where && !eval_cond(ev, c->where, &b, &keep)) return broken;
    if (!keep) continue;
    if (!eval_cond(ev, c->assert, &b, &holds)) return broken;
    if (!holds) {
      report(ev, c, &items[i], &b);
      broken++;
    }
  }
  return broken;
}

size_t check_run_all(EvalCtx *ev) {
  Model *m = ev->model;
  size_t broken = 0;
  for (size_t i = 0; i < m->checks.len; i++) {
    const Check *c = m->checks.items[i];
    if (!c->assert || !eval_type_check(ev, c)) continue;
    broken += run_check(ev, c);
  }
  return broken;
}
