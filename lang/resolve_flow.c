/* resolve_flow.c — the edges of the journey graph.
 *
 * An edge comes from a touchpoint's `-> target [modifiers]` line or from one link of a
 * `flow a -> b -> c [modifiers] { … }` chain (every link gets the modifiers). Edges are
 * collected in declaration order in pass 2; pass 3 (resolve_link_flows) gives every touchpoint
 * and outcome its out and in lists and checks that the rates leaving a touchpoint do not add up
 * to more than 100% (E0306).
 */
#include <string.h>

#include "resolve_impl.h"
#include "suggest.h"

#define EDGE_ENDS (SCHEMA_KIND_BIT(EK_TOUCHPOINT) | SCHEMA_KIND_BIT(EK_OUTCOME))

/* Percent sums are of binary fractions: 55% + 45% may come out a hair above 1. */
#define RATE_EPSILON 1e-9

/* First occurrence of each modifier in one modifier list, for E0305. */
typedef struct ModSeen {
  bool seen[SCHEMA_MAX_ATTRS];
  Span first[SCHEMA_MAX_ATTRS];
} ModSeen;

static void report_unknown_modifier(Resolver *r, const Expr *v) {
  size_t n;
  const AttrSpec *mods = schema_edge_modifiers(&n);
  Diag *d =
      diag_add(r->diags, D_BAD_EDGE, v->span, "unknown edge modifier '%s'", v->as.name.id.text);
  Suggest s;
  suggest_init(&s, r->arena, v->as.name.id.text);
  for (size_t i = 0; i < n; i++) suggest_offer(&s, mods[i].name, NULL);
  if (suggest_best(&s))
    diag_help(r->diags, d, "did you mean '%s'?", suggest_best(&s));
  else
    diag_help(r->diags, d, "an edge takes: rate 30%%, volume N, label \"text\", persona P");
}

static void report_stray_value(Resolver *r, const Expr *v) {
  Diag *d = diag_add(r->diags, D_BAD_EDGE, v->span,
                     "expected an edge modifier (rate, volume, label or persona), found %s",
                     resolve_arg_text(r, v));
  double x;
  bool pct;
  if (resolve_number(v, &x, &pct) && pct)
    diag_help(r->diags, d, "write `rate %s`", resolve_number_text(r, x, pct));
  else if (v->kind == EX_STRING)
    diag_help(r->diags, d, "write `label %s`", resolve_arg_text(r, v));
}

/* `rate 30% volume 100 label "x" persona p` in any order, into f. */
static void apply_modifiers(Resolver *r, DeclCtx *c, const Arg *args, size_t n, Flow *f,
                            ModSeen *ms) {
  size_t nmods;
  const AttrSpec *mods = schema_edge_modifiers(&nmods);
  for (size_t i = 0; i < n;) {
    const Expr *v = args[i].value;
    if (v->kind != EX_NAME) {
      report_stray_value(r, v);
      i++;
      continue;
    }
    const AttrSpec *spec = schema_edge_modifier_find(v->as.name.id.text);
    bool has_value = i + 1 < n && !(args[i + 1].value->kind == EX_NAME &&
                                    schema_edge_modifier_find(args[i + 1].value->as.name.id.text));
    if (!spec) {
      report_unknown_modifier(r, v);
      i += has_value ? 2 : 1;
      continue;
    }
    if (!has_value) {
      diag_add(r->diags, D_BAD_EDGE, v->span, "'%s' needs a value: %s", spec->name,
               schema_attr_syntax(r->arena, spec));
      i++;
      continue;
    }
    size_t k = (size_t)(spec - mods);
    if (ms->seen[k]) {
      Diag *d =
          diag_add(r->diags, D_REPEATED_ATTR, v->span, "'%s' is given more than once", spec->name);
      diag_note(r->diags, d, ms->first[k], "first given here");
    } else {
      ms->seen[k] = true;
      ms->first[k] = v->span;
      Attr line = {.form = AF_ARGS, .name = v->as.name.id, .span = v->span};
      resolve_simple(r, c, spec, &line, &args[i + 1], 1, f);
    }
    i += 2;
  }
}

static Flow *new_flow(Resolver *r, const Flow *tmpl, Entity *from, Entity *to, Span span) {
  Flow *f = arena_alloc(r->arena, sizeof *f);
  *f = *tmpl;
  f->e.kind = EK_FLOW;
  f->e.id = NULL;
  f->e.span = f->e.id_span = span;
  f->e.name = arena_printf(r->arena, "%s -> %s", from->id, to->id);
  f->from = (Touchpoint *)from;
  f->to = to;
  resolve_add_entity(r, &f->e);
  return f;
}

void resolve_edge(Resolver *r, DeclCtx *c, Touchpoint *tp, const Attr *attr) {
  if (!attr->var.text) {
    diag_add(r->diags, D_BAD_EDGE, attr->span,
             "an edge needs a target: -> TOUCHPOINT|OUTCOME [rate 30%%]");
    return;
  }
  Flow tmpl;
  memset(&tmpl, 0, sizeof tmpl);
  tmpl.e.decl = c->decl;
  tmpl.e.from_stdlib = tp->e.from_stdlib;
  ModSeen ms;
  memset(&ms, 0, sizeof ms);
  apply_modifiers(r, c, attr->args, attr->nargs, &tmpl, &ms);
  Entity *to = resolve_ref(r, &attr->var, EDGE_ENDS);
  if (to && c->live) new_flow(r, &tmpl, &tp->e, to, attr->span);
}

/* The header's modifiers count as given for the block: `rate` in both is E0305. */
static void seed_seen_from_header(Resolver *r, DeclCtx *c, const ModSeen *ms) {
  for (size_t k = 0; k < SCHEMA_MAX_ATTRS; k++) {
    if (!ms->seen[k]) continue;
    Attr *line = arena_alloc(r->arena, sizeof *line);
    line->form = AF_ARGS;
    line->name.span = line->span = ms->first[k];
    c->seen[k] = line;
  }
}

void resolve_flow_decl(Resolver *r, DeclCtx *c) {
  const Decl *d = c->decl;
  Flow *tmpl = arena_alloc(r->arena, sizeof *tmpl);
  tmpl->e.kind = EK_FLOW;
  tmpl->e.decl = d;
  tmpl->e.span = d->span;
  tmpl->e.id_span = d->kw_span;
  const Source *src = source_get(r->in->sources, d->span.file);
  tmpl->e.from_stdlib = src && src->is_stdlib;
  c->ent = &tmpl->e;
  if (d->nchain < 2)
    diag_add(r->diags, D_BAD_EDGE, d->nchain ? d->chain[0].span : d->kw_span,
             "a flow needs at least two ends: flow A -> B [-> C …]");
  Entity **ends = arena_alloc(r->arena, (d->nchain + 1) * sizeof *ends);
  for (size_t i = 0; i < d->nchain; i++) ends[i] = resolve_ref(r, &d->chain[i], EDGE_ENDS);
  ModSeen ms;
  memset(&ms, 0, sizeof ms);
  apply_modifiers(r, c, d->args, d->nargs, tmpl, &ms);
  seed_seen_from_header(r, c, &ms);
  resolve_attrs(r, c);
  for (size_t i = 0; i + 1 < d->nchain; i++) {
    if (!ends[i] || !ends[i + 1]) continue;
    if (ends[i]->kind == EK_OUTCOME) {
      Diag *g = diag_add(r->diags, D_WRONG_KIND, d->chain[i].span,
                         "'%s' is an outcome; expected a touchpoint (no flow leaves an outcome)",
                         d->chain[i].text);
      diag_note(r->diags, g, ends[i]->id_span, "'%s' is declared here", ends[i]->id);
      continue;
    }
    Span link = span_join(d->chain[i].span, d->chain[i + 1].span);
    if (c->live) new_flow(r, tmpl, ends[i], ends[i + 1], link);
  }
}

/* ---- pass 3 ----------------------------------------------------------------------------- */

static Flow ***in_list(Entity *to, size_t **n) {
  if (to->kind == EK_OUTCOME) {
    *n = &((Outcome *)to)->nin;
    return &((Outcome *)to)->in;
  }
  *n = &((Touchpoint *)to)->nin;
  return &((Touchpoint *)to)->in;
}

static Flow *flow_at(const Resolver *r, size_t i) { return (Flow *)r->lists[EK_FLOW].items[i]; }

/* Counts first, then fills: every list is allocated once at its exact size. */
static void build_in_out(Resolver *r) {
  size_t nflows = r->lists[EK_FLOW].len, *n;
  for (size_t i = 0; i < nflows; i++) {
    flow_at(r, i)->from->nout++;
    in_list(flow_at(r, i)->to, &n);
    (*n)++;
  }
  for (size_t i = 0; i < nflows; i++) {
    Flow *f = flow_at(r, i);
    if (!f->from->out) f->from->out = arena_alloc(r->arena, f->from->nout * sizeof(Flow *));
    Flow ***in = in_list(f->to, &n);
    if (!*in) *in = arena_alloc(r->arena, *n * sizeof(Flow *));
  }
  for (size_t i = 0; i < nflows; i++) {
    flow_at(r, i)->from->nout = 0;
    in_list(flow_at(r, i)->to, &n);
    *n = 0;
  }
  for (size_t i = 0; i < nflows; i++) {
    Flow *f = flow_at(r, i);
    f->from->out[f->from->nout++] = f;
    Flow ***in = in_list(f->to, &n);
    (*in)[(*n)++] = f;
  }
}

static const char *pct(Resolver *r, double x) { return resolve_number_text(r, x, true); }

/* The rated edges that apply to persona p (NULL: the edges for everyone only). */
static bool applies(const Flow *f, const Persona *p) {
  return f->has_rate && (!f->persona || f->persona == p);
}

static bool check_rates_for(Resolver *r, const Touchpoint *tp, const Persona *p) {
  double total = 0;
  const Flow *cross = NULL;
  for (size_t i = 0; i < tp->nout; i++) {
    if (!applies(tp->out[i], p)) continue;
    total += tp->out[i]->rate;
    if (!cross && total > 1 + RATE_EPSILON) cross = tp->out[i];
  }
  if (!cross) return true;
  Diag *d = p ? diag_add(r->diags, D_RATES_OVER, cross->e.span,
                         "the out-rates of '%s' for persona '%s' add up to %s, past 100%%",
                         tp->e.id, p->e.id, pct(r, total))
              : diag_add(r->diags, D_RATES_OVER, cross->e.span,
                         "the out-rates of '%s' add up to %s, past 100%%", tp->e.id, pct(r, total));
  size_t shown = 0;
  for (size_t i = 0; i < tp->nout && shown < 10; i++) {
    const Flow *f = tp->out[i];
    if (f == cross || !applies(f, p)) continue;
    diag_note(r->diags, d, f->rate_span, "%s go to '%s'", pct(r, f->rate), f->to->id);
    shown++;
  }
  diag_help(r->diags, d,
            "a rate is the share of the customers arriving at '%s' who take that "
            "edge; together they can be 100%% at most",
            tp->e.id);
  return false;
}

/* Edges limited to a persona add to the edges for everyone, persona by persona. */
static void check_rates(Resolver *r, const Touchpoint *tp) {
  if (!check_rates_for(r, tp, NULL)) return;
  for (size_t i = 0; i < tp->nout; i++) {
    const Persona *p = tp->out[i]->persona;
    if (!p || !tp->out[i]->has_rate) continue;
    bool done = false;
    for (size_t k = 0; k < i && !done; k++) done = tp->out[k]->persona == p && tp->out[k]->has_rate;
    if (!done && !check_rates_for(r, tp, p)) return;
  }
}

void resolve_link_flows(Resolver *r) {
  build_in_out(r);
  for (size_t i = 0; i < r->lists[EK_TOUCHPOINT].len; i++)
    check_rates(r, (const Touchpoint *)r->lists[EK_TOUCHPOINT].items[i]);
}
