/* resolve.c — model_build: load the files, then turn declarations into the Model (model.h).
 *
 * This file holds the passes (see resolve_impl.h) and pass 1 itself: reading each declaration
 * header (`KIND id ["Name"] [words]`, `journey "Title"`) into an entity and putting its id in
 * the one namespace. An entity whose header is broken, whose id is taken or that is a second
 * journey is still created and its block still checked, so that every mistake is reported, but
 * it is kept out of the model ("detached") so later stages never meet it.
 */
#include <string.h>

#include "resolve_impl.h"

static size_t entity_size(EntityKind kind) {
  switch (kind) {
  case EK_JOURNEY: return sizeof(Journey);
  case EK_PERSONA: return sizeof(Persona);
  case EK_STAGE: return sizeof(Stage);
  case EK_CHANNEL: return sizeof(Channel);
  case EK_TEAM: return sizeof(Team);
  case EK_TOUCHPOINT: return sizeof(Touchpoint);
  case EK_PAIN: return sizeof(Pain);
  case EK_DELIGHT: return sizeof(Delight);
  case EK_OUTCOME: return sizeof(Outcome);
  case EK_FLOW: return sizeof(Flow);
  case EK_OPPORTUNITY: return sizeof(Opportunity);
  case EK_KPI: return sizeof(Kpi);
  case EK_DATA: return sizeof(DataSet);
  case EK_CHECK: return sizeof(Check);
  case EK_QUERY: return sizeof(Query);
  case EK_LET: return sizeof(Let);
  case EK__COUNT: break;
  }
  return sizeof(Entity);
}

static EntityKind entity_kind_of(DeclKind dk) {
  static const EntityKind MAP[DK__COUNT] = {
      [DK_JOURNEY] = EK_JOURNEY,
      [DK_USE] = EK__COUNT,
      [DK_LET] = EK_LET,
      [DK_PERSONA] = EK_PERSONA,
      [DK_STAGE] = EK_STAGE,
      [DK_CHANNEL] = EK_CHANNEL,
      [DK_TEAM] = EK_TEAM,
      [DK_TOUCHPOINT] = EK_TOUCHPOINT,
      [DK_OUTCOME] = EK_OUTCOME,
      [DK_FLOW] = EK_FLOW,
      [DK_OPPORTUNITY] = EK_OPPORTUNITY,
      [DK_KPI] = EK_KPI,
      [DK_DATA] = EK_DATA,
      [DK_CHECK] = EK_CHECK,
      [DK_QUERY] = EK_QUERY,
  };
  return (unsigned)dk < DK__COUNT ? MAP[dk] : EK__COUNT;
}

static Entity *new_entity(Resolver *r, EntityKind kind, const Decl *d) {
  Entity *e = arena_alloc(r->arena, entity_size(kind));
  e->kind = kind;
  e->span = d->span;
  e->id_span = d->kw_span;
  e->decl = d;
  const Source *src = source_get(r->in->sources, d->span.file);
  e->from_stdlib = src && src->is_stdlib;
  return e;
}

void resolve_add_entity(Resolver *r, Entity *e) {
  e->index = r->lists[e->kind].len;
  VEC_PUSH(r->arena, r->lists[e->kind], e);
}

static const char *module_of(const Resolver *r, Span span) {
  const Source *src = source_get(r->in->sources, span.file);
  return src && src->module ? src->module : src ? src->name : "?";
}

/* When one of the two is in a std module, the error points at the user's own declaration
 * whichever came first: the module is not theirs to edit. */
static void report_duplicate(Resolver *r, Entity *first, Entity *again) {
  bool std_first = first->from_stdlib && !again->from_stdlib;
  if (std_first || (!first->from_stdlib && again->from_stdlib)) {
    Entity *mine = std_first ? again : first, *theirs = std_first ? first : again;
    const char *mod = module_of(r, theirs->id_span);
    const char *kind = model_kind_name(theirs->kind);
    Diag *d = diag_add(r->diags, D_DUPLICATE, mine->id_span,
                       "duplicate id '%s': %s %s declares %s %s '%s'", mine->id, mod,
                       std_first ? "already" : "also", schema_article(kind), kind, theirs->id);
    diag_note(r->diags, d, theirs->id_span, "declared here in %s", mod);
    diag_help(r->diags, d, "rename yours, or drop the `use` that brings in %s", mod);
    return;
  }
  const char *kind = model_kind_name(first->kind);
  Diag *d = diag_add(r->diags, D_DUPLICATE, again->id_span,
                     "duplicate id '%s': already declared as %s %s", again->id,
                     schema_article(kind), kind);
  diag_note(r->diags, d, first->id_span, "first declared here");
}

bool resolve_register(Resolver *r, Entity *e) {
  Ident id = {e->id, e->id_span};
  resolve_reserved(r, &id, "id");
  Entity *prev = symtab_put(r->ids, e->id, e);
  if (!prev) {
    VEC_PUSH(r->arena, r->named, e);
    return true;
  }
  report_duplicate(r, prev, e);
  return false;
}

/* `touchpoint "Cart and slot"` → "cart_and_slot": a concrete id to offer in the help line. */
static const char *slug(Resolver *r, const char *text) {
  size_t n = strlen(text);
  char *s = arena_alloc(r->arena, n + 2);
  size_t k = 0;
  for (size_t i = 0; i < n && k < 40; i++) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      if (k == 0 && c >= '0' && c <= '9') s[k++] = '_';
      s[k++] = c;
    } else if (k && s[k - 1] != '_')
      s[k++] = '_';
  }
  while (k && s[k - 1] == '_') k--;
  s[k] = '\0';
  return k ? s : NULL;
}

static void report_missing_id(Resolver *r, const Decl *d, const KindSchema *ks) {
  const Expr *first = d->nargs ? d->args[0].value : NULL;
  Diag *g = diag_add(r->diags, D_BAD_HEADER, first ? first->span : d->kw_span,
                     "%s %s needs an id: %s", schema_article(ks->name), ks->name, ks->header);
  if (first && first->kind == EX_STRING) {
    const char *s = slug(r, first->as.str.text);
    if (s) diag_help(r->diags, g, "for example: %s %s \"%s\"", ks->name, s, first->as.str.text);
  }
}

/* outcome ID ["Name"] success|failure — the word at args[*i]. */
static void read_outcome_word(Resolver *r, const Decl *d, Outcome *o, size_t *i) {
  static const char *const WORDS[] = {"success", "failure"};
  if (*i >= d->nargs) {
    Diag *g = diag_add(r->diags, D_MISSING_ATTR, o->e.id_span,
                       "outcome '%s' needs `success` or `failure` after its name", o->e.id);
    if (strcmp(o->e.name, o->e.id) == 0)
      diag_help(r->diags, g, "for example: outcome %s failure", o->e.id);
    else
      diag_help(r->diags, g, "for example: outcome %s \"%s\" failure", o->e.id, o->e.name);
    return;
  }
  const Expr *w = d->args[*i].value;
  (*i)++;
  if (w->kind == EX_NAME) {
    for (int k = 0; k < 2; k++)
      if (strcmp(w->as.name.id.text, WORDS[k]) == 0) {
        o->success = k == 0;
        return;
      }
  }
  Diag *g = diag_add(r->diags, D_BAD_HEADER, w->span,
                     "expected `success` or `failure` after the outcome's name, found %s",
                     resolve_arg_text(r, w));
  if (w->kind == EX_NAME && strncmp(w->as.name.id.text, "succ", 4) == 0)
    diag_help(r->diags, g, "did you mean 'success'?");
  else if (w->kind == EX_NAME && strncmp(w->as.name.id.text, "fail", 4) == 0)
    diag_help(r->diags, g, "did you mean 'failure'?");
}

static void report_extra_header(Resolver *r, const Decl *d, const KindSchema *ks, size_t i) {
  const Expr *x = d->args[i].value;
  if (i == 1 && x->kind != EX_STRING && d->kind != DK_JOURNEY)
    diag_add(r->diags, D_BAD_HEADER, x->span,
             "the display name of %s %s goes in double quotes, found %s: %s",
             schema_article(ks->name), ks->name, resolve_arg_text(r, x), ks->header);
  else
    diag_add(r->diags, D_BAD_HEADER, x->span, "unexpected %s in the header of %s %s: %s",
             resolve_arg_text(r, x), schema_article(ks->name), ks->name, ks->header);
}

/* KIND id ["Name"] [success|failure]. Returns false when there is no usable id. */
static bool read_id_header(Resolver *r, const Decl *d, Entity *e) {
  const KindSchema *ks = schema_kind(d->kind);
  if (d->nargs == 0 || d->args[0].value->kind != EX_NAME) {
    report_missing_id(r, d, ks);
    if (d->nargs && d->args[0].value->kind == EX_STRING) e->name = d->args[0].value->as.str.text;
    return false;
  }
  const Ident *id = &d->args[0].value->as.name.id;
  e->id = id->text;
  e->id_span = id->span;
  e->name = e->id;
  size_t i = 1;
  if (i < d->nargs && d->args[i].value->kind == EX_STRING)
    e->name = d->args[i++].value->as.str.text;
  if (d->kind == DK_OUTCOME) read_outcome_word(r, d, (Outcome *)e, &i);
  if (i < d->nargs) report_extra_header(r, d, ks, i);
  return true;
}

static bool declare_journey(Resolver *r, const Decl *d, Journey *j) {
  const Expr *t = d->nargs ? d->args[0].value : NULL;
  if (t && t->kind == EX_STRING) {
    j->title = j->e.name = t->as.str.text;
    j->e.id_span = t->span;
    if (d->nargs > 1) report_extra_header(r, d, schema_kind(DK_JOURNEY), 1);
  } else if (t && t->kind == EX_NAME) {
    diag_add(r->diags, D_BAD_HEADER, t->span,
             "a journey has a title in double quotes, not an id: journey \"Title\" { … }");
  } else {
    diag_add(r->diags, D_BAD_HEADER, t ? t->span : d->kw_span,
             "a journey needs a title: journey \"Title\" { … }");
  }
  if (r->model->journey) {
    Diag *g = diag_add(r->diags, D_SECOND_JOURNEY, d->kw_span,
                       "a second journey: a model describes one journey");
    diag_note(r->diags, g, r->journey_decl->kw_span, "the first journey is declared here");
    diag_help(r->diags, g, "split the files into two models, or merge the two journey blocks");
    return false;
  }
  r->model->journey = j;
  r->journey_decl = d;
  return true;
}

/* A `data` path is read relative to the file that declares it; std modules have none. */
static const char *data_fs_path(Resolver *r, const Decl *d) {
  const Source *src = source_get(r->in->sources, d->span.file);
  if (!d->data_path || src->is_stdlib) return NULL;
  if (d->data_path[0] == '/' || !src->path) return load_sibling_path(r->arena, "", d->data_path);
  return load_sibling_path(r->arena, src->path, d->data_path);
}

/* let and data take their id from the parser's fields, not from the generic arguments. */
static bool declare_named(Resolver *r, const Decl *d, Entity *e) {
  if (!d->name.text) return false; /* the parser reported it */
  e->id = e->name = d->name.text;
  e->id_span = d->name.span;
  if (d->kind == DK_LET) ((Let *)e)->value = d->expr;
  if (d->kind == DK_DATA) {
    DataSet *ds = (DataSet *)e;
    ds->path = d->data_path;
    ds->path_span = d->data_path_span;
    ds->fs_path = data_fs_path(r, d);
  }
  if (d->nargs) report_extra_header(r, d, schema_kind(d->kind), 0);
  return true;
}

static void declare(Resolver *r, const Decl *d) {
  EntityKind ek = entity_kind_of(d->kind);
  DeclInfo info = {d, NULL, true};
  if (ek != EK__COUNT && d->kind != DK_FLOW) {
    Entity *e = info.ent = new_entity(r, ek, d);
    if (d->kind == DK_JOURNEY)
      info.live = declare_journey(r, d, (Journey *)e);
    else if (d->kind == DK_LET || d->kind == DK_DATA)
      info.live = declare_named(r, d, e) && resolve_register(r, e);
    else
      info.live = read_id_header(r, d, e) && resolve_register(r, e);
    if (info.live && ek != EK_JOURNEY) resolve_add_entity(r, e);
    if (ek == EK_TOUCHPOINT) resolve_declare_pains(r, (Touchpoint *)e, d, info.live);
  }
  VEC_PUSH(r->arena, r->decls, info);
}

static void fill(Resolver *r, const DeclInfo *info) {
  const Decl *d = info->decl;
  DeclCtx c = {.decl = d, .kind = d->kind, .ent = info->ent, .live = info->live};
  switch (d->kind) {
  case DK_USE: return;
  case DK_LET:
    r->current_let = info->live ? (const Let *)info->ent : NULL;
    resolve_expr(r, d->expr, NULL);
    r->current_let = NULL;
    return;
  case DK_FLOW: resolve_flow_decl(r, &c); return;
  default:
    if (!c.ent) return;
    resolve_prepare_scope(r, &c);
    resolve_attrs(r, &c);
    resolve_finish_decl(r, &c);
    return;
  }
}

/* The model's typed lists from the generic ones: Entity is the first member of every kind. */
#define PUBLISH(r, list, T, ek)                                                                    \
  do {                                                                                             \
    (list).len = (r)->lists[ek].len;                                                               \
    (list).items = arena_alloc((r)->arena, ((list).len + 1) * sizeof(T *));                        \
    for (size_t i_ = 0; i_ < (list).len; i_++) (list).items[i_] = (T *)(r)->lists[ek].items[i_];   \
  } while (0)

static void publish(Resolver *r) {
  Model *m = r->model;
  PUBLISH(r, m->personas, Persona, EK_PERSONA);
  PUBLISH(r, m->stages, Stage, EK_STAGE);
  PUBLISH(r, m->channels, Channel, EK_CHANNEL);
  PUBLISH(r, m->teams, Team, EK_TEAM);
  PUBLISH(r, m->touchpoints, Touchpoint, EK_TOUCHPOINT);
  PUBLISH(r, m->pains, Pain, EK_PAIN);
  PUBLISH(r, m->delights, Delight, EK_DELIGHT);
  PUBLISH(r, m->outcomes, Outcome, EK_OUTCOME);
  PUBLISH(r, m->flows, Flow, EK_FLOW);
  PUBLISH(r, m->opportunities, Opportunity, EK_OPPORTUNITY);
  PUBLISH(r, m->kpis, Kpi, EK_KPI);
  PUBLISH(r, m->datasets, DataSet, EK_DATA);
  PUBLISH(r, m->checks, Check, EK_CHECK);
  PUBLISH(r, m->queries, Query, EK_QUERY);
  PUBLISH(r, m->lets, Let, EK_LET);
  for (size_t i = 0; i < m->stages.len; i++) m->stages.items[i]->order = i;
  m->symbols = r->ids;
}

/* Attribute names of each kind in a hash, so the attribute loop does one lookup per line. */
static void index_attrs(Resolver *r) {
  for (int k = 0; k < DK__COUNT; k++) {
    size_t n = schema_attr_count((DeclKind)k);
    r->attr_index[k] = symtab_new(r->arena, n);
    AttrSlot *slots = arena_alloc(r->arena, (n + 1) * sizeof *slots);
    for (size_t i = 0; i < n; i++) {
      slots[i].spec = schema_attr_at((DeclKind)k, i);
      slots[i].index = i;
      symtab_put(r->attr_index[k], slots[i].spec->name, &slots[i]);
    }
  }
}

Model *model_build(const ModelInput *in) {
  Resolver r;
  memset(&r, 0, sizeof r);
  r.in = in;
  r.arena = in->arena;
  r.diags = in->diags;
  Model *m = r.model = arena_alloc(in->arena, sizeof *m);
  m->arena = in->arena;
  m->sources = in->sources;
  const Decl **order;
  size_t ndecls;
  m->files = load_files(in, &m->nfiles, &order, &ndecls);
  r.ids = symtab_new(r.arena, ndecls);
  /* One DeclInfo per declaration: sized once, not grown (a growing list leaves its copies). */
  r.decls.items = arena_alloc(r.arena, (ndecls + 1) * sizeof *r.decls.items);
  r.decls.cap = ndecls + 1;
  index_attrs(&r);
  for (size_t i = 0; i < ndecls; i++) declare(&r, order[i]);
  for (size_t i = 0; i < r.decls.len; i++) fill(&r, &r.decls.items[i]);
  resolve_link_flows(&r);
  resolve_let_cycles(&r);
  publish(&r);
  return m;
}
