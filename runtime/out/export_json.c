/* export_json.c — the resolved model as JSON (layout in docs/language.md, "Export").
 *
 * Named entities are referred to by id. Pains, delights and flows may have no id, so they are
 * referred to by their position in the top-level "pains", "delights" and "flows" arrays, which
 * are in declaration order like every list of the model. Expressions are exported as their
 * source text: a consumer that wants their value runs `jny query`.
 *
 * Derived links (a stage's touchpoints, a touchpoint's opportunities…) are computed here in one
 * pass over the model each, so exporting a 100k-touchpoint model stays linear.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "diag_render.h"
#include "export_json.h"
#include "strbuf.h"

typedef struct IndexList {
  size_t *items;
  size_t len, cap;
} IndexList;

typedef struct Ex {
  Arena *arena;
  const Model *m;
  bool ok;
  json_t **live;       /* the value being built, for the caller to free after a jump */
  ExportWriteFn write; /* where the text goes */
  void *data;
  IndexList *stage_tps;   /* per stage: touchpoint indices */
  IndexList *persona_tps; /* per persona: touchpoint indices */
  IndexList *tp_opps;     /* per touchpoint: opportunities fixing it or one of its pains */
  IndexList *pain_opps;   /* per pain: opportunities fixing it */
} Ex;

/* ---- small builders; a failed jansson allocation clears ok and is otherwise ignored -------- */

json_t *export_json_number(double value) {
  if (value == floor(value) && fabs(value) < 9007199254740992.0) /* 2^53: exact as an int */
    return json_integer((json_int_t)value);
  return json_real(value);
}

json_t *export_json_string(Arena *scratch, const char *s, size_t n) {
  /* Source text is valid UTF-8 (the scanner checks it), so the copy is rarely needed; jansson
   * validates and returns NULL otherwise (or when out of memory: then the copy fails too). */
  json_t *j = json_stringn(s, n);
  if (j) return j;
  StrBuf sb;
  sb_init(&sb, scratch);
  diag_valid_utf8(&sb, s, n);
  return json_stringn(sb_str(&sb), sb.len);
}

static void put(Ex *x, json_t *obj, const char *key, json_t *value) {
  int rc = key ? json_object_set_new(obj, key, value) : json_array_append_new(obj, value);
  if (!value || rc != 0) x->ok = false; /* value is released by jansson either way */
}

static json_t *child(Ex *x, json_t *parent, const char *key, json_t *c) {
  put(x, parent, key, c);
  return x->ok ? c : NULL;
}

static void put_str(Ex *x, json_t *obj, const char *key, const char *s) {
  put(x, obj, key, s ? export_json_string(x->arena, s, strlen(s)) : json_null());
}

static void put_num(Ex *x, json_t *obj, const char *key, bool has, double v) {
  put(x, obj, key, has ? export_json_number(v) : json_null());
}

static void put_bool(Ex *x, json_t *obj, const char *key, bool v) {
  put(x, obj, key, json_boolean(v));
}

static void put_ref(Ex *x, json_t *obj, const char *key, const Entity *e) {
  put_str(x, obj, key, e ? e->id : NULL);
}

static const char *date_text(Ex *x, Date d) {
  return arena_printf(x->arena, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static void put_date(Ex *x, json_t *obj, const char *key, bool has, Date d) {
  put_str(x, obj, key, has ? date_text(x, d) : NULL);
}

static void put_texts(Ex *x, json_t *obj, const char *key, const TextList *list) {
  json_t *a = child(x, obj, key, json_array());
  for (size_t i = 0; a && i < list->len; i++)
    put(x, a, NULL, export_json_string(x->arena, list->items[i].text, list->items[i].len));
}

/* An array of ids from a typed pointer array (Persona **, Channel **…): Entity is the first
 * member of each, reached by name rather than by casting the array. */
#define PUT_IDS(x, obj, key, items, n)                                                             \
  do {                                                                                             \
    json_t *a_ = child((x), (obj), (key), json_array());                                           \
    for (size_t i_ = 0; a_ && i_ < (n); i_++)                                                      \
      put((x), a_, NULL, json_string_or_null((x), &(items)[i_]->e));                               \
  } while (0)

#define PUT_POSITIONS(x, obj, key, items, n)                                                       \
  do {                                                                                             \
    json_t *pa_ = child((x), (obj), (key), json_array());                                          \
    for (size_t pi_ = 0; pa_ && pi_ < (n); pi_++)                                                  \
      put((x), pa_, NULL, json_integer((json_int_t)(items)[pi_]->e.index));                        \
  } while (0)

static json_t *json_string_or_null(Ex *x, const Entity *e) {
  return e && e->id ? export_json_string(x->arena, e->id, strlen(e->id)) : json_null();
}

/* The source text of an expression, as written. */
static void put_expr(Ex *x, json_t *obj, const char *key, const Expr *e) {
  const Source *src = e ? source_get(x->m->sources, e->span.file) : NULL;
  if (!src || e->span.end > src->len || e->span.start > e->span.end) {
    put(x, obj, key, json_null());
    return;
  }
  put(x, obj, key,
      export_json_string(x->arena, src->text + e->span.start, e->span.end - e->span.start));
}

/* meta values are literals (the resolver makes sure): numbers, strings, dates (as text),
 * durations (in seconds), booleans, none and lists of them. A list is attached before its items
 * are made, so that an out-of-memory jump leaves nothing unreachable. */
static void put_literal(Ex *x, json_t *parent, const char *key, const Expr *e) {
  switch (e->kind) {
  case EX_NUMBER: put(x, parent, key, export_json_number(e->as.num.value)); return;
  case EX_STRING:
    put(x, parent, key, export_json_string(x->arena, e->as.str.text, e->as.str.len));
    return;
  case EX_DATE: put_str(x, parent, key, date_text(x, e->as.date)); return;
  case EX_DURATION: put(x, parent, key, export_json_number(e->as.dur.seconds)); return;
  case EX_BOOL: put_bool(x, parent, key, e->as.boolean); return;
  case EX_UNARY: {
    const Expr *o = e->as.unary.operand;
    double v = o->kind == EX_NUMBER ? o->as.num.value : o->as.dur.seconds;
    put(x, parent, key, export_json_number(-v));
    return;
  }
  case EX_LIST: {
    json_t *a = child(x, parent, key, json_array());
    for (size_t i = 0; a && i < e->as.list.len; i++) put_literal(x, a, NULL, e->as.list.items[i]);
    return;
  }
  default: put(x, parent, key, json_null()); return;
  }
}

static void put_location(Ex *x, json_t *obj, Span span) {
  json_t *loc = child(x, obj, "location", json_object());
  const Source *src = source_get(x->m->sources, span.file);
  if (!loc || !src) return;
  LineCol lc = source_line_col(src, span.start);
  put_str(x, loc, "file", src->name);
  put(x, loc, "line", json_integer(lc.line));
  put(x, loc, "column", json_integer(lc.col));
}

/* The fields every entity has, first in its object. */
/* Attached to parent, or standalone (and live) when parent is NULL. */
static json_t *entity_object(Ex *x, json_t *parent, const char *key, const Entity *e) {
  json_t *o = parent ? child(x, parent, key, json_object()) : json_object();
  if (!parent) *x->live = o;
  if (!o) {
    x->ok = false;
    return NULL;
  }
  put_str(x, o, "id", e->id);
  put_str(x, o, "name", e->name);
  put_str(x, o, "description", e->description);
  put_texts(x, o, "notes", &e->notes);
  json_t *tags = child(x, o, "tags", json_array());
  for (size_t i = 0; tags && i < e->ntags; i++) put_str(x, tags, NULL, e->tags[i].text);
  json_t *meta = child(x, o, "meta", json_object());
  for (size_t i = 0; meta && i < e->nmeta; i++)
    put_literal(x, meta, e->meta[i].key.text, e->meta[i].value);
  put_location(x, o, e->id_span);
  put_bool(x, o, "stdlib", e->from_stdlib);
  return o;
}

/* ---- derived links ----------------------------------------------------------------------- */

static void index_push(Ex *x, IndexList *l, size_t v) {
  if (l->len == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 4;
    size_t *items = arena_alloc(x->arena, cap * sizeof *items);
    if (l->len) memcpy(items, l->items, l->len * sizeof *items);
    l->items = items;
    l->cap = cap;
  }
  l->items[l->len++] = v;
}

static IndexList *index_lists(Ex *x, size_t n) {
  IndexList *l = arena_alloc(x->arena, (n + 1) * sizeof *l);
  memset(l, 0, (n + 1) * sizeof *l);
  return l;
}

/* Pushes v unless it is already the last one (opportunities come in order, so that is the
 * only place a duplicate can be). */
static void index_push_once(Ex *x, IndexList *l, size_t v) {
  if (l->len == 0 || l->items[l->len - 1] != v) index_push(x, l, v);
}

static void build_links(Ex *x) {
  const Model *m = x->m;
  x->stage_tps = index_lists(x, m->stages.len);
  x->persona_tps = index_lists(x, m->personas.len);
  x->tp_opps = index_lists(x, m->touchpoints.len);
  x->pain_opps = index_lists(x, m->pains.len);
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    const Touchpoint *t = m->touchpoints.items[i];
    if (t->stage) index_push(x, &x->stage_tps[t->stage->e.index], i);
    if (t->npersonas == 0) /* every persona */
      for (size_t p = 0; p < m->personas.len; p++) index_push(x, &x->persona_tps[p], i);
    for (size_t p = 0; p < t->npersonas; p++)
      index_push_once(x, &x->persona_tps[t->personas[p]->e.index], i);
  }
  for (size_t i = 0; i < m->opportunities.len; i++) {
    const Opportunity *o = m->opportunities.items[i];
    for (size_t f = 0; f < o->nfixes; f++) {
      const Entity *e = o->fixes[f];
      if (e->kind == EK_PAIN) {
        const Pain *p = (const Pain *)e;
        index_push_once(x, &x->pain_opps[e->index], i);
        if (p->touchpoint) index_push_once(x, &x->tp_opps[p->touchpoint->e.index], i);
      } else if (e->kind == EK_TOUCHPOINT)
        index_push_once(x, &x->tp_opps[e->index], i);
    }
  }
}

static void put_opportunity_ids(Ex *x, json_t *obj, const IndexList *l) {
  json_t *a = child(x, obj, "opportunities", json_array());
  for (size_t i = 0; a && i < l->len; i++)
    put(x, a, NULL, json_string_or_null(x, &x->m->opportunities.items[l->items[i]]->e));
}

/* ---- the kinds --------------------------------------------------------------------------- */

static const char *level_word(Level l) {
  static const char *const W[] = {NULL, "low", "medium", "high"};
  return (unsigned)l < 4 ? W[l] : NULL;
}

static const char *status_word(OppStatus s) {
  static const char *const W[] = {NULL, "idea", "planned", "doing", "done", "dropped"};
  return (unsigned)s < 6 ? W[s] : NULL;
}

static void export_journey(Ex *x, json_t *o, const Journey *j) {
  put_str(x, o, "title", j->title);
  put_texts(x, o, "goals", &j->goals);
  put_str(x, o, "scope", j->scope);
  static const char *const STATES[] = {NULL, "current", "future"};
  put_str(x, o, "state", (unsigned)j->state < 3 ? STATES[j->state] : NULL);
  put_ref(x, o, "owner", j->owner ? &j->owner->e : NULL);
  put_str(x, o, "version", j->version);
  put_date(x, o, "date", j->has_date, j->date);
}

static void export_persona(Ex *x, json_t *o, const Persona *p) {
  put_str(x, o, "segment", p->segment);
  put_texts(x, o, "goals", &p->goals);
  put_texts(x, o, "needs", &p->needs);
  put_texts(x, o, "motivations", &p->motivations);
  put_texts(x, o, "frustrations", &p->frustrations);
  put_texts(x, o, "behaviors", &p->behaviors);
  put_str(x, o, "quote", p->quote);
  PUT_IDS(x, o, "channels", p->channels, p->nchannels);
  put_num(x, o, "share", p->has_share, p->share);
  json_t *a = child(x, o, "touchpoints", json_array());
  const IndexList *l = &x->persona_tps[p->e.index];
  for (size_t i = 0; a && i < l->len; i++)
    put(x, a, NULL, json_string_or_null(x, &x->m->touchpoints.items[l->items[i]]->e));
}

static void export_stage(Ex *x, json_t *o, const Stage *s) {
  put(x, o, "index", json_integer((json_int_t)s->order));
  put_str(x, o, "goal", s->goal);
  put_texts(x, o, "expectations", &s->expectations);
  json_t *a = child(x, o, "touchpoints", json_array());
  const IndexList *l = &x->stage_tps[s->e.index];
  for (size_t i = 0; a && i < l->len; i++)
    put(x, a, NULL, json_string_or_null(x, &x->m->touchpoints.items[l->items[i]]->e));
}

static void export_channel(Ex *x, json_t *o, const Channel *c) {
  static const char *const K[] = {NULL, "digital", "physical", "human"};
  put_str(x, o, "channel_kind", (unsigned)c->channel_kind < 4 ? K[c->channel_kind] : NULL);
}

static void export_team(Ex *x, json_t *o, const Team *t) {
  put_str(x, o, "lead", t->lead);
  put_str(x, o, "contact", t->contact);
}

static void export_pain(Ex *x, json_t *o, const Pain *p) {
  put_ref(x, o, "touchpoint", p->touchpoint ? &p->touchpoint->e : NULL);
  put_str(x, o, "text", p->text);
  put(x, o, "severity", json_integer(p->severity));
  put_opportunity_ids(x, o, &x->pain_opps[p->e.index]);
}

static void export_delight(Ex *x, json_t *o, const Delight *d) {
  put_ref(x, o, "touchpoint", d->touchpoint ? &d->touchpoint->e : NULL);
  put_str(x, o, "text", d->text);
}

static void export_outcome(Ex *x, json_t *o, const Outcome *oc) {
  put_bool(x, o, "success", oc->success);
  PUT_POSITIONS(x, o, "in", oc->in, oc->nin);
}

static void export_data(Ex *x, json_t *o, const DataSet *d) {
  put_str(x, o, "path", d->path);
  put_str(x, o, "delimiter", d->delimiter);
}

static void export_touchpoint(Ex *x, json_t *o, const Touchpoint *t) {
  put_ref(x, o, "stage", t->stage ? &t->stage->e : NULL);
  put_ref(x, o, "channel", t->channel ? &t->channel->e : NULL);
  PUT_IDS(x, o, "personas", t->personas, t->npersonas);
  put_texts(x, o, "actions", &t->actions);
  put_texts(x, o, "thoughts", &t->thoughts);
  put_texts(x, o, "expectations", &t->expectations);
  put_texts(x, o, "evidence", &t->evidence);
  put_texts(x, o, "backstage", &t->backstage);
  put_texts(x, o, "support", &t->support);
  put_num(x, o, "emotion", t->has_emotion, t->emotion);
  put_str(x, o, "emotion_label", t->emotion_label);
  PUT_POSITIONS(x, o, "pains", t->pains, t->npains);
  PUT_POSITIONS(x, o, "delights", t->delights, t->ndelights);
  put_ref(x, o, "owner", t->owner ? &t->owner->e : NULL);
  put_num(x, o, "duration", t->has_duration, t->duration);
  json_t *metrics = child(x, o, "metrics", json_array());
  for (size_t i = 0; metrics && i < t->nmetrics; i++) {
    json_t *mo = child(x, metrics, NULL, json_object());
    if (!mo) break;
    put_str(x, mo, "name", t->metrics[i].name.text);
    put_expr(x, mo, "expr", t->metrics[i].expr);
  }
  PUT_POSITIONS(x, o, "out", t->out, t->nout);
  PUT_POSITIONS(x, o, "in", t->in, t->nin);
  put_opportunity_ids(x, o, &x->tp_opps[t->e.index]);
  put_bool(x, o, "entry", t->nin == 0);
  put_bool(x, o, "terminal", t->nout == 0);
}

static void export_flow(Ex *x, json_t *o, const Flow *f) {
  put_ref(x, o, "from", f->from ? &f->from->e : NULL);
  put_ref(x, o, "to", f->to);
  put_str(x, o, "to_kind", f->to ? model_kind_name(f->to->kind) : NULL);
  put_num(x, o, "rate", f->has_rate, f->rate);
  put_num(x, o, "volume", f->has_volume, f->volume);
  put_str(x, o, "label", f->label);
  put_ref(x, o, "persona", f->persona ? &f->persona->e : NULL);
}

static void export_opportunity(Ex *x, json_t *o, const Opportunity *op) {
  json_t *fixes = child(x, o, "fixes", json_array());
  for (size_t i = 0; fixes && i < op->nfixes; i++) {
    const Entity *e = op->fixes[i];
    json_t *r = child(x, fixes, NULL, json_object());
    if (!r) break;
    put_str(x, r, "kind", model_kind_name(e->kind));
    put_str(x, r, "id", e->id);
    if (e->kind == EK_PAIN) put(x, r, "index", json_integer((json_int_t)e->index));
  }
  put_str(x, o, "impact", level_word(op->impact));
  put_str(x, o, "effort", level_word(op->effort));
  put_ref(x, o, "owner", op->owner ? &op->owner->e : NULL);
  put_date(x, o, "due", op->has_due, op->due);
  put_str(x, o, "status", status_word(op->status));
}

static void export_kpi(Ex *x, json_t *o, const Kpi *k) {
  static const char *const OPS[] = {NULL, ">=", "<=", "==", ">", "<"};
  put_expr(x, o, "measure", k->measure);
  put_num(x, o, "actual", k->has_actual, k->actual);
  if (k->target_op == TARGET_NONE)
    put(x, o, "target", json_null());
  else {
    json_t *t = child(x, o, "target", json_object());
    if (t) {
      put_str(x, t, "op", OPS[k->target_op]);
      put(x, t, "value", export_json_number(k->target));
      put_bool(x, t, "percent", k->target_percent);
    }
  }
  put_num(x, o, "baseline", k->has_baseline, k->baseline);
  put_date(x, o, "baseline_date", k->has_baseline_date, k->baseline_date);
  put_str(x, o, "unit", k->unit);
  put_ref(x, o, "owner", k->owner ? &k->owner->e : NULL);
  put_ref(x, o, "stage", k->stage ? &k->stage->e : NULL);
  put_ref(x, o, "touchpoint", k->touchpoint ? &k->touchpoint->e : NULL);
}

static void export_check(Ex *x, json_t *o, const Check *c) {
  static const char *const SEV[] = {"error", "warning", "info"};
  put_str(x, o, "var", c->var.text);
  put_expr(x, o, "for", c->coll);
  put_expr(x, o, "where", c->where);
  put_expr(x, o, "assert", c->assert);
  put_expr(x, o, "message", c->message);
  put_str(x, o, "severity", (unsigned)c->severity < 3 ? SEV[c->severity] : NULL);
}

static void put_items(Ex *x, json_t *o, const char *key, const Item *items, size_t n, bool order) {
  json_t *a = child(x, o, key, json_array());
  for (size_t i = 0; a && i < n; i++) {
    json_t *it = child(x, a, NULL, json_object());
    if (!it) break;
    put_expr(x, it, "expr", items[i].expr);
    if (order)
      put_str(x, it, "direction", items[i].desc ? "desc" : "asc");
    else
      put_str(x, it, "as", items[i].alias.text);
  }
}

static void export_query(Ex *x, json_t *o, const Query *q) {
  put_str(x, o, "var", q->var.text);
  put_expr(x, o, "from", q->from);
  put_expr(x, o, "where", q->where);
  put_expr(x, o, "group", q->group);
  put_items(x, o, "select", q->select, q->nselect, false);
  put_items(x, o, "order", q->order, q->norder, true);
  put_expr(x, o, "limit", q->limit);
}

/* ---- writing, one entity at a time ---------------------------------------------------- */

typedef struct Indent {
  Ex *x;
  size_t spaces;
} Indent;

static void emit(Ex *x, const char *s, size_t n) {
  if (x->ok && x->write(s, n, x->data) != 0) x->ok = false;
}

static void emit_str(Ex *x, const char *s) { emit(x, s, strlen(s)); }

/* jansson indents a value as if it stood at the top; inside the model it stands deeper, so
 * every line break gets the extra indentation (a raw newline is never inside a JSON string). */
static int write_indented(const char *buffer, size_t size, void *data) {
  static const char SPACES[] = "        ";
  Indent *in = data;
  size_t start = 0;
  for (size_t i = 0; i < size; i++)
    if (buffer[i] == '\n') {
      emit(in->x, buffer + start, i + 1 - start);
      emit(in->x, SPACES, in->spaces);
      start = i + 1;
    }
  emit(in->x, buffer + start, size - start);
  return in->x->ok ? 0 : -1;
}

/* Writes v (standalone, live) indented by `spaces`, then frees it. */
static void emit_value(Ex *x, json_t *v, size_t spaces) {
  if (!v) x->ok = false;
  if (x->ok) {
    Indent in = {x, spaces};
    size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY;
    if (json_dump_callback(v, write_indented, &in, flags) != 0) x->ok = false;
  }
  json_decref(v);
  *x->live = NULL;
}

/* `,\n  "key": value` (no comma before the first member). */
static void emit_member(Ex *x, const char *key, json_t *v, bool first) {
  *x->live = v;
  emit_str(x, first ? "\n  \"" : ",\n  \"");
  emit_str(x, key);
  emit_str(x, "\": ");
  emit_value(x, v, 2);
}

/* One top-level array, one entity object at a time: the common fields of each, then its
 * kind's own. The layout is the one jansson gives the whole tree (JSON_INDENT(2)). */
#define EXPORT_LIST(x, key, list, fill)                                                            \
  do {                                                                                             \
    emit_str((x), ",\n  \"" key "\": [");                                                          \
    for (size_t i_ = 0; (x)->ok && i_ < (list).len; i_++) {                                        \
      emit_str((x), i_ ? ",\n    " : "\n    ");                                                    \
      json_t *o_ = entity_object((x), NULL, NULL, &(list).items[i_]->e);                           \
      if (o_) fill;                                                                                \
      emit_value((x), o_, 4);                                                                      \
    }                                                                                              \
    emit_str((x), (list).len ? "\n  ]" : "]");                                                     \
  } while (0)

static json_t *files_array(Ex *x) {
  json_t *files = json_array();
  *x->live = files;
  for (size_t i = 0; files && i < x->m->nfiles; i++) {
    const Source *src = source_get(x->m->sources, x->m->files[i]->file);
    json_t *f = child(x, files, NULL, json_object());
    if (!f || !src) break;
    put_str(x, f, "name", src->name);
    put_str(x, f, "module", src->module);
    put_bool(x, f, "stdlib", src->is_stdlib);
  }
  return files;
}

bool export_model_json(const Model *m, Arena *scratch, json_t **live, ExportWriteFn write,
                       void *data) {
  Ex x = {.arena = scratch, .m = m, .ok = true, .live = live, .write = write, .data = data};
  build_links(&x);
  emit_str(&x, "{");
  emit_member(&x, "format", json_string("jny-model"), true);
  emit_member(&x, "version", json_integer(EXPORT_JSON_VERSION), false);
  emit_member(&x, "files", files_array(&x), false);
  if (!m->journey)
    emit_member(&x, "journey", json_null(), false);
  else {
    emit_str(&x, ",\n  \"journey\": ");
    json_t *o = entity_object(&x, NULL, NULL, &m->journey->e);
    if (o) export_journey(&x, o, m->journey);
    emit_value(&x, o, 2);
  }
  EXPORT_LIST(&x, "personas", m->personas, export_persona(&x, o_, m->personas.items[i_]));
  EXPORT_LIST(&x, "stages", m->stages, export_stage(&x, o_, m->stages.items[i_]));
  EXPORT_LIST(&x, "channels", m->channels, export_channel(&x, o_, m->channels.items[i_]));
  EXPORT_LIST(&x, "teams", m->teams, export_team(&x, o_, m->teams.items[i_]));
  EXPORT_LIST(&x, "touchpoints", m->touchpoints,
              export_touchpoint(&x, o_, m->touchpoints.items[i_]));
  EXPORT_LIST(&x, "pains", m->pains, export_pain(&x, o_, m->pains.items[i_]));
  EXPORT_LIST(&x, "delights", m->delights, export_delight(&x, o_, m->delights.items[i_]));
  EXPORT_LIST(&x, "outcomes", m->outcomes, export_outcome(&x, o_, m->outcomes.items[i_]));
  EXPORT_LIST(&x, "flows", m->flows, export_flow(&x, o_, m->flows.items[i_]));
  EXPORT_LIST(&x, "opportunities", m->opportunities,
              export_opportunity(&x, o_, m->opportunities.items[i_]));
  EXPORT_LIST(&x, "kpis", m->kpis, export_kpi(&x, o_, m->kpis.items[i_]));
  EXPORT_LIST(&x, "data", m->datasets, export_data(&x, o_, m->datasets.items[i_]));
  EXPORT_LIST(&x, "checks", m->checks, export_check(&x, o_, m->checks.items[i_]));
  EXPORT_LIST(&x, "queries", m->queries, export_query(&x, o_, m->queries.items[i_]));
  EXPORT_LIST(&x, "lets", m->lets, put_expr(&x, o_, "value", m->lets.items[i_]->value));
  emit_str(&x, "\n}\n");
  return x.ok;
}
