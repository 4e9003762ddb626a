/* resolve_touch.c — the kind-bound attributes of a touchpoint: its pains and delights (made in
 * pass 1, because an opportunity may name a pain before the touchpoint that has it), its
 * emotion and its metrics. Edges are in resolve_flow.c. */
#include <math.h>
#include <string.h>

#include "resolve_impl.h"
#include "suggest.h"

static bool is_word(const Arg *a, const char *word) {
  return a->value->kind == EX_NAME && strcmp(a->value->as.name.id.text, word) == 0;
}

static void report_out_of_range(Resolver *r, const char *what, const Expr *v, double value,
                                const AttrSpec *spec) {
  diag_add(
      r->diags, D_OUT_OF_RANGE, v->span, "%s %s is out of range: it must be from %g to %g", what,
      v->kind == EX_NAME ? resolve_number_text(r, value, false) : resolve_source_text(r, v->span),
      spec->min, spec->max);
}

/* `severity N` at args[*i]; leaves *severity alone when it does not fit. */
static bool read_severity(Resolver *r, const AttrSpec *spec, const Attr *a, size_t *i,
                          int *severity) {
  if (*i + 1 >= a->nargs) {
    resolve_bad_args(r, spec, a->args[*i].value->span);
    return false;
  }
  const Expr *v = a->args[*i + 1].value;
  *i += 2;
  double value;
  bool percent;
  if (!resolve_number(v, &value, &percent) || percent || value != floor(value)) {
    resolve_bad_args(r, spec, v->span);
    return false;
  }
  if (value < spec->min || value > spec->max) {
    report_out_of_range(r, "severity", v, value, spec);
    return false;
  }
  *severity = (int)value;
  return true;
}

/* pain [id] "text" [severity N] / delight [id] "text": the optional id, then the text.
 * Returns the index of the first argument after the text, or 0 when the shape is wrong. */
static size_t read_id_and_text(Resolver *r, const AttrSpec *spec, const Attr *a, Ident *id,
                               const Expr **text) {
  size_t i = 0;
  if (a->nargs >= 2 && a->args[0].value->kind == EX_NAME && a->args[1].value->kind == EX_STRING) {
    *id = a->args[0].value->as.name.id;
    i = 1;
  }
  if (i >= a->nargs || a->args[i].value->kind != EX_STRING) {
    resolve_bad_args(r, spec, i < a->nargs ? a->args[i].value->span : a->name.span);
    return 0;
  }
  *text = a->args[i].value;
  return i + 1;
}

static void init_part(Entity *e, EntityKind kind, const Touchpoint *tp, const Attr *a,
                      const Ident *id, const char *text) {
  e->kind = kind;
  e->id = id->text;
  e->id_span = id->text ? id->span : a->name.span;
  e->span = a->span;
  e->name = text;
  e->decl = tp->e.decl;
  e->from_stdlib = tp->e.from_stdlib;
}

/* Named pains and delights share the one namespace; a duplicate id keeps it out of the model. */
static bool adopt_part(Resolver *r, Entity *e, bool live) {
  if (!live) return false;
  if (e->id && !resolve_register(r, e)) return false;
  resolve_add_entity(r, e);
  return true;
}

static void declare_pain(Resolver *r, Touchpoint *tp, const AttrSpec *spec, const Attr *a,
                         bool live) {
  Ident id = {0};
  const Expr *text = NULL;
  size_t i = read_id_and_text(r, spec, a, &id, &text);
  if (!i) return;
  int severity = 3;
  if (i < a->nargs && is_word(&a->args[i], "severity")) read_severity(r, spec, a, &i, &severity);
  if (i < a->nargs) resolve_bad_args(r, spec, a->args[i].value->span);
  Pain *p = arena_alloc(r->arena, sizeof *p);
  init_part(&p->e, EK_PAIN, tp, a, &id, text->as.str.text);
  p->touchpoint = tp;
  p->text = text->as.str.text;
  p->severity = severity;
  if (!adopt_part(r, &p->e, live)) return;
  tp->pains = resolve_grow(r, tp->pains, tp->npains, sizeof *tp->pains);
  tp->pains[tp->npains++] = p;
}

static void declare_delight(Resolver *r, Touchpoint *tp, const AttrSpec *spec, const Attr *a,
                            bool live) {
  Ident id = {0};
  const Expr *text = NULL;
  size_t i = read_id_and_text(r, spec, a, &id, &text);
  if (!i) return;
  if (i < a->nargs) resolve_bad_args(r, spec, a->args[i].value->span);
  Delight *dl = arena_alloc(r->arena, sizeof *dl);
  init_part(&dl->e, EK_DELIGHT, tp, a, &id, text->as.str.text);
  dl->touchpoint = tp;
  dl->text = text->as.str.text;
  if (!adopt_part(r, &dl->e, live)) return;
  tp->delights = resolve_grow(r, tp->delights, tp->ndelights, sizeof *tp->delights);
  tp->delights[tp->ndelights++] = dl;
}

void resolve_declare_pains(Resolver *r, Touchpoint *tp, const Decl *d, bool live) {
  for (size_t i = 0; i < d->nattrs; i++) {
    const Attr *a = d->attrs[i];
    if (!a || !a->name.text || a->form != AF_ARGS) continue;
    const AttrSlot *slot = symtab_get(r->attr_index[DK_TOUCHPOINT], a->name.text);
    if (!slot) continue;
    if (slot->spec->shape == SH_PAIN) declare_pain(r, tp, slot->spec, a, live);
    if (slot->spec->shape == SH_DELIGHT) declare_delight(r, tp, slot->spec, a, live);
  }
}

/* `emotion frustrated`: a let whose value is a number literal (std.emotions) names a score.
 * Returns false after reporting when the name is no such let. */
static bool emotion_from_let(Resolver *r, const AttrSpec *spec, const Expr *v, double *value) {
  const Ident *id = &v->as.name.id;
  const Entity *e = symtab_get(r->ids, id->text);
  if (e && e->kind == EK_LET && resolve_number(((const Let *)e)->value, value, NULL)) return true;
  if (e) {
    Diag *d = resolve_bad_args(r, spec, v->span);
    diag_note(r->diags, d, e->id_span, "'%s' is %s %s, not a let with a number", id->text,
              schema_article(model_kind_name(e->kind)), model_kind_name(e->kind));
    return false;
  }
  Diag *d = diag_add(r->diags, D_UNKNOWN_REF, v->span, "unknown emotion name '%s'", id->text);
  const Entity *best = NULL;
  Suggest s;
  suggest_init(&s, r->arena, id->text);
  for (size_t i = 0; i < r->lists[EK_LET].len; i++) {
    const Let *let = (const Let *)r->lists[EK_LET].items[i];
    double x;
    if (resolve_number(let->value, &x, NULL)) suggest_offer(&s, let->e.id, let);
  }
  best = suggest_best_data(&s);
  if (best)
    diag_help(r->diags, d, "did you mean '%s'? (declared at %s)", best->id,
              resolve_where(r, best->id_span));
  else
    diag_help(r->diags, d,
              "an emotion is a number from -3 to 3, or a name for one such as "
              "`frustrated` from `use std.emotions`");
  return false;
}

/* emotion N ["label"]: N from -3 to 3 (not a percent), or a let naming such a number. */
void resolve_emotion(Resolver *r, Touchpoint *tp, const AttrSpec *spec, const Attr *a) {
  double value;
  bool percent = false;
  if (a->nargs == 0 || a->nargs > 2) {
    resolve_bad_args(r, spec, a->nargs ? a->args[2].value->span : a->name.span);
    return;
  }
  const Expr *v = a->args[0].value;
  if (v->kind == EX_NAME) {
    if (!emotion_from_let(r, spec, v, &value)) return;
  } else if (!resolve_number(v, &value, &percent) || percent) {
    resolve_bad_args(r, spec, v->span);
    return;
  }
  if (a->nargs == 2 && a->args[1].value->kind != EX_STRING) {
    resolve_bad_args(r, spec, a->args[1].value->span);
    return;
  }
  if (value < spec->min || value > spec->max) {
    report_out_of_range(r, "emotion", v, value, spec);
    return;
  }
  tp->has_emotion = true;
  tp->emotion = value;
  if (a->nargs == 2)
    tp->emotion_label = a->args[1].value->as.str.text;
  else if (v->kind == EX_NAME)
    tp->emotion_label = v->as.name.id.text;
}

/* metric name = expr: names unique within the touchpoint. */
void resolve_metric(Resolver *r, DeclCtx *c, Touchpoint *tp, const Attr *a) {
  if (!a->var.text || !a->expr) return; /* the parser reported it */
  for (size_t i = 0; i < tp->nmetrics; i++)
    if (strcmp(tp->metrics[i].name.text, a->var.text) == 0) {
      Diag *d = diag_add(r->diags, D_REPEATED_ATTR, a->var.span,
                         "metric '%s' is given more than once", a->var.text);
      diag_note(r->diags, d, tp->metrics[i].name.span, "first given here");
      return;
    }
  resolve_expr(r, a->expr, c->scope);
  tp->metrics = resolve_grow(r, tp->metrics, tp->nmetrics, sizeof *tp->metrics);
  tp->metrics[tp->nmetrics++] = (Metric){a->var, a->expr, a->span};
}
