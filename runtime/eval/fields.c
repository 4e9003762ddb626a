/* fields.c — `x.field`: the fields of every kind, with their static types and how to read
 * them, in one table that typing (typecheck.c) and evaluation (eval.c) both use, so the two can
 * never disagree. Attributes read as written (an optional one not given is none); the derived
 * fields read the relations index.c built.
 */
#include <math.h>
#include <string.h>

#include "eval_impl.h"
#include "reach.h"
#include "suggest.h"

/* ---- static types ---- */
const Type TYPE_ANY = {.kind = TY_ANY, .entity = EK__COUNT};
const Type TYPE_NONE = {.kind = TY_NONE, .entity = EK__COUNT};
const Type TYPE_NUMBER = {.kind = TY_NUMBER, .entity = EK__COUNT};
const Type TYPE_TEXT = {.kind = TY_TEXT, .entity = EK__COUNT};
const Type TYPE_BOOL = {.kind = TY_BOOL, .entity = EK__COUNT};
const Type TYPE_DATE = {.kind = TY_DATE, .entity = EK__COUNT};
const Type TYPE_DURATION = {.kind = TY_DURATION, .entity = EK__COUNT};
const Type TYPE_RECORD = {.kind = TY_RECORD, .entity = EK__COUNT};
const Type TYPE_LIST_ANY = {.kind = TY_LIST, .entity = EK__COUNT};
const Type TYPE_LIST_TEXT = {.kind = TY_LIST, .entity = EK__COUNT, .elem = &TYPE_TEXT};
const Type TYPE_LIST_NUMBER = {.kind = TY_LIST, .entity = EK__COUNT, .elem = &TYPE_NUMBER};
#define ET(k)                                                                                      \
  { .kind = TY_ENTITY, .entity = k }
const Type TYPE_ENTITY[EK__COUNT + 1] = {
    ET(EK_JOURNEY),     ET(EK_PERSONA), ET(EK_STAGE),   ET(EK_CHANNEL), ET(EK_TEAM),
    ET(EK_TOUCHPOINT),  ET(EK_PAIN),    ET(EK_DELIGHT), ET(EK_OUTCOME), ET(EK_FLOW),
    ET(EK_OPPORTUNITY), ET(EK_KPI),     ET(EK_DATA),    ET(EK_CHECK),   ET(EK_QUERY),
    ET(EK_LET),         ET(EK__COUNT)};
#define LT(k)                                                                                      \
  { .kind = TY_LIST, .entity = EK__COUNT, .elem = &TYPE_ENTITY[k] }
const Type TYPE_LIST_ENTITY[EK__COUNT + 1] = {
    LT(EK_JOURNEY),     LT(EK_PERSONA), LT(EK_STAGE),   LT(EK_CHANNEL), LT(EK_TEAM),
    LT(EK_TOUCHPOINT),  LT(EK_PAIN),    LT(EK_DELIGHT), LT(EK_OUTCOME), LT(EK_FLOW),
    LT(EK_OPPORTUNITY), LT(EK_KPI),     LT(EK_DATA),    LT(EK_CHECK),   LT(EK_QUERY),
    LT(EK_LET),         LT(EK__COUNT)};

/* ---- helpers ---- */
static Value text_list(EvalCtx *ev, const TextList *l) {
  Value *v = arena_alloc(ev->arena, (l->len + 1) * sizeof *v);
  for (size_t i = 0; i < l->len; i++) v[i] = value_text(l->items[i].text, l->items[i].len);
  return value_list(v, l->len);
}

static Value entity_list(EvalCtx *ev, void *items, size_t n) {
  Entity **ents = items;
  Value *v = arena_alloc(ev->arena, (n + 1) * sizeof *v);
  for (size_t i = 0; i < n; i++) v[i] = value_entity(ents[i]);
  return value_list(v, n);
}

static Value word(const char *const *words, int base, int value) {
  return value < base ? value_none() : value_cstr(words[value - base]);
}

static const char *const LEVELS[] = {"low", "medium", "high"};
static const char *const STATUSES[] = {"idea", "planned", "doing", "done", "dropped"};
static const char *const STATES[] = {"current", "future"};
static const char *const CHANNEL_KINDS[] = {"digital", "physical", "human"};
static const char *const TARGET_OPS[] = {">=", "<=", "==", ">", "<"};

/* Getter definitions: G(kind_struct, name) { body using x (typed) and out }. */
#define G(T, fname)                                                                                \
  static bool get_##fname(EvalCtx *ev, Entity *ent, Value *out) {                                  \
    (void)ev;                                                                                      \
    T *x = (T *)ent;                                                                               \
    (void)x;
#define END                                                                                        \
  return true;                                                                                     \
  }

/* common */
G(Entity, id) *out = value_cstr(x->id);
END G(Entity, name) *out = value_cstr(x->name);
END G(Entity, kind) *out = value_cstr(model_kind_name(x->kind));
END G(Entity, description) *out = value_cstr(x->description);
END G(Entity, notes) *out = text_list(ev, &x->notes);
END G(Entity, meta) *out = (Value){.kind = VAL_RECORD, .as.entity = x};
END G(Entity, tags) {
  Value *v = arena_alloc(ev->arena, (x->ntags + 1) * sizeof *v);
  for (size_t i = 0; i < x->ntags; i++) v[i] = value_cstr(x->tags[i].text);
  *out = value_list(v, x->ntags);
}
END G(Entity, file) {
  Source *src = source_get(ev->model->sources, x->span.file);
  *out = value_cstr(src ? src->name : NULL);
}
END G(Entity, line) {
  Source *src = source_get(ev->model->sources, x->id_span.file);
  *out = src ? value_number(source_line_col(src, x->id_span.start).line) : value_none();
}
END

G(Entity, std) *out = value_bool(x->from_stdlib);
END

/* journey */
G(Journey, title) *out = value_cstr(x->title);
END G(Journey, goals) *out = text_list(ev, &x->goals);
END G(Journey, scope) *out = value_cstr(x->scope);
END G(Journey, state) *out = word(STATES, STATE_CURRENT, (int)x->state);
END G(Journey, owner) *out = value_entity(x->owner ? &x->owner->e : NULL);
END G(Journey, version) *out = value_cstr(x->version);
END G(Journey, date) *out = x->has_date ? value_date(x->date) : value_none();
END

/* persona */
G(Persona, segment) *out = value_cstr(x->segment);
END G(Persona, pgoals) *out = text_list(ev, &x->goals);
END G(Persona, needs) *out = text_list(ev, &x->needs);
END G(Persona, motivations) *out = text_list(ev, &x->motivations);
END G(Persona, frustrations) *out = text_list(ev, &x->frustrations);
END G(Persona, behaviors) *out = text_list(ev, &x->behaviors);
END G(Persona, quote) *out = value_cstr(x->quote);
END G(Persona, pchannels) *out = entity_list(ev, x->channels, x->nchannels);
END G(Persona, share) *out = x->has_share ? value_percent(x->share) : value_none();
END G(Persona, ptouchpoints) *out = ev->index.persona_touchpoints[x->e.index];
END G(Persona, pstages) *out = ev->index.persona_stages[x->e.index];
END

/* stage */
G(Stage, sgoal) *out = value_cstr(x->goal);
END G(Stage, sexpectations) *out = text_list(ev, &x->expectations);
END G(Stage, index) *out = value_number((double)x->e.index + 1);
END G(Stage, stouchpoints) *out = ev->index.stage_touchpoints[x->e.index];
END G(Stage, spains) *out = ev->index.stage_pains[x->e.index];
END G(Stage, snext) {
  size_t i = x->e.index + 1;
  *out = i < ev->model->stages.len ? value_entity(&ev->model->stages.items[i]->e) : value_none();
}
END G(Stage, sprev) {
  size_t i = x->e.index;
  *out = i > 0 ? value_entity(&ev->model->stages.items[i - 1]->e) : value_none();
}
END G(Stage, semotion) {
  const Value *tps = &ev->index.stage_touchpoints[x->e.index];
  double sum = 0;
  size_t n = 0;
  for (size_t i = 0; i < tps->as.list.len; i++) {
    Touchpoint *t = (Touchpoint *)tps->as.list.items[i].as.entity;
    if (t->has_emotion) sum += t->emotion, n++;
  }
  *out = n ? value_number(sum / (double)n) : value_none();
}
END

/* channel, team */
G(Channel, channel_kind) *out = word(CHANNEL_KINDS, CHANNEL_DIGITAL, (int)x->channel_kind);
END G(Channel, ctouchpoints) *out = ev->index.channel_touchpoints[x->e.index];
END G(Channel, cpersonas) *out = ev->index.channel_personas[x->e.index];
END G(Team, lead) *out = value_cstr(x->lead);
END G(Team, contact) *out = value_cstr(x->contact);
END

/* touchpoint */
G(Touchpoint, tstage) *out = value_entity(x->stage ? &x->stage->e : NULL);
END G(Touchpoint, tchannel) *out = value_entity(x->channel ? &x->channel->e : NULL);
END G(Touchpoint, tpersonas) *out = ev->index.tp_personas[x->e.index];
END G(Touchpoint, actions) *out = text_list(ev, &x->actions);
END G(Touchpoint, thoughts) *out = text_list(ev, &x->thoughts);
END G(Touchpoint, texpectations) *out = text_list(ev, &x->expectations);
END G(Touchpoint, evidence) *out = text_list(ev, &x->evidence);
END G(Touchpoint, backstage) *out = text_list(ev, &x->backstage);
END G(Touchpoint, support) *out = text_list(ev, &x->support);
END G(Touchpoint, emotion) *out = x->has_emotion ? value_number(x->emotion) : value_none();
END G(Touchpoint, emotion_label) *out = value_cstr(x->emotion_label);
END G(Touchpoint, tpains) *out = ev->index.tp_pains[x->e.index];
END G(Touchpoint, tdelights) *out = ev->index.tp_delights[x->e.index];
END G(Touchpoint, towner) *out = value_entity(x->owner ? &x->owner->e : NULL);
END G(Touchpoint, duration) *out = x->has_duration ? value_duration(x->duration) : value_none();
END G(Touchpoint, metrics) *out = (Value){.kind = VAL_RECORD, .metrics = true, .as.entity = &x->e};
END G(Touchpoint, out) *out = ev->index.tp_out[x->e.index];
END G(Touchpoint, in) *out = ev->index.tp_in[x->e.index];
END G(Touchpoint, tnext) *out = ev->index.tp_next[x->e.index];
END G(Touchpoint, tprev) *out = ev->index.tp_prev[x->e.index];
END G(Touchpoint, topps) *out = ev->index.tp_opportunities[x->e.index];
END G(Touchpoint, entry) *out = value_bool(ev->index.tp_in[x->e.index].as.list.len == 0);
END G(Touchpoint, reached) *out = value_bool(ev->index.tp_reached[x->e.index]);
END G(Touchpoint, terminal) *out = value_bool(ev->index.tp_out[x->e.index].as.list.len == 0);
END G(Entity, reach) { /* reach.c; a loop too large to solve is reported at the entity */
  double r;
  if (!reach_get(ev, x, NULL, x->id_span, &r)) return false;
  *out = value_percent(r);
}
END G(Touchpoint, dropoff) {
  double d;
  *out = reach_dropoff(ev, x, &d) ? value_percent(d) : value_none();
}
END G(Flow, fshare) {
  double s;
  *out = reach_flow_share(ev, x, NULL, &s) ? value_percent(s) : value_none();
}
END

/* pain, delight, outcome */
G(Pain, ptext) *out = value_cstr(x->text);
END G(Pain, severity) *out = value_number(x->severity);
END G(Pain, ptouchpoint) *out = value_entity(x->touchpoint ? &x->touchpoint->e : NULL);
END G(Pain, popps) *out = ev->index.pain_opportunities[x->e.index];
END G(Delight, dtext) *out = value_cstr(x->text);
END G(Delight, dtouchpoint) *out = value_entity(x->touchpoint ? &x->touchpoint->e : NULL);
END G(Outcome, success) *out = value_bool(x->success);
END G(Outcome, oin) *out = ev->index.outcome_in[x->e.index];
END

/* flow */
G(Flow, from) *out = value_entity(x->from ? &x->from->e : NULL);
END G(Flow, to) *out = value_entity(x->to);
END G(Flow, rate) *out = x->has_rate ? value_percent(x->rate) : value_none();
END G(Flow, volume) *out = x->has_volume ? value_number(x->volume) : value_none();
END G(Flow, label) *out = value_cstr(x->label);
END G(Flow, fpersona) *out = value_entity(x->persona ? &x->persona->e : NULL);
END G(Flow, cross_channel) {
  Channel *a = x->from ? x->from->channel : NULL;
  Channel *b = x->to && x->to->kind == EK_TOUCHPOINT ? ((Touchpoint *)x->to)->channel : NULL;
  *out = value_bool(a && b && a != b);
}
END

/* opportunity */
G(Opportunity, fixes) *out = ev->index.opp_fixes[x->e.index];
END G(Opportunity, impact) *out = word(LEVELS, LEVEL_LOW, (int)x->impact);
END G(Opportunity, effort) *out = word(LEVELS, LEVEL_LOW, (int)x->effort);
END G(Opportunity, oowner) *out = value_entity(x->owner ? &x->owner->e : NULL);
END G(Opportunity, due) *out = x->has_due ? value_date(x->due) : value_none();
END G(Opportunity, status) *out = word(STATUSES, STATUS_IDEA, (int)x->status);
END G(Opportunity, quick_win) *out = value_bool(x->impact == LEVEL_HIGH && x->effort == LEVEL_LOW);
END G(Opportunity, overdue) {
  bool closed = x->status == STATUS_DONE || x->status == STATUS_DROPPED;
  *out = value_bool(x->has_due && !closed && x->due.days < ev->today.days);
}
END

    /* kpi */
    static Value
    kpi_number(const Kpi *k, double n) {
  return k->target_percent ? value_percent(n) : value_number(n);
}
G(Kpi, value) return eval_kpi_value(ev, x, out);
END G(Kpi, actual) *out = x->has_actual ? kpi_number(x, x->actual) : value_none();
END G(Kpi, target) *out = x->target_op != TARGET_NONE ? kpi_number(x, x->target) : value_none();
END G(Kpi, target_op) {
  *out =
      x->target_op != TARGET_NONE ? value_cstr(TARGET_OPS[x->target_op - TARGET_GE]) : value_none();
}
END G(Kpi, baseline) *out = x->has_baseline ? kpi_number(x, x->baseline) : value_none();
END G(Kpi, baseline_date) *out = x->has_baseline_date ? value_date(x->baseline_date) : value_none();
END G(Kpi, unit) *out = value_cstr(x->unit);
END G(Kpi, kowner) *out = value_entity(x->owner ? &x->owner->e : NULL);
END G(Kpi, kstage) *out = value_entity(x->stage ? &x->stage->e : NULL);
END G(Kpi, ktouchpoint) *out = value_entity(x->touchpoint ? &x->touchpoint->e : NULL);
END G(Kpi, met) {
  Value v;
  if (!eval_kpi_value(ev, x, &v)) return false;
  if (v.kind != VAL_NUMBER || x->target_op == TARGET_NONE) {
    *out = value_none();
    return true;
  }
  bool met = model_kpi_met(x, v.as.num);
  *out = value_bool(met);
}
END G(Kpi, delta) {
  Value v;
  if (!eval_kpi_value(ev, x, &v)) return false;
  *out = v.kind == VAL_NUMBER && x->has_baseline ? kpi_number(x, v.as.num - x->baseline)
                                                 : value_none();
}
END

/* data */
G(DataSet, path) *out = value_cstr(x->path);
END

/* ---- the table ---- */
#define F(n, t, g)                                                                                 \
  { n, t, get_##g }
#define ENTITY_T(k) (&TYPE_ENTITY[k])
#define LIST_T(k) (&TYPE_LIST_ENTITY[k])

    static const FieldSpec COMMON[] = {F("id", &TYPE_TEXT, id),
                                       F("name", &TYPE_TEXT, name),
                                       F("kind", &TYPE_TEXT, kind),
                                       F("description", &TYPE_TEXT, description),
                                       F("notes", &TYPE_LIST_TEXT, notes),
                                       F("tags", &TYPE_LIST_TEXT, tags),
                                       F("meta", &TYPE_RECORD, meta),
                                       F("file", &TYPE_TEXT, file),
                                       F("line", &TYPE_NUMBER, line),
                                       F("std", &TYPE_BOOL, std),
                                       {NULL, NULL, NULL}};
static const FieldSpec JOURNEY[] = {
    F("title", &TYPE_TEXT, title),        F("goals", &TYPE_LIST_TEXT, goals),
    F("scope", &TYPE_TEXT, scope),        F("state", &TYPE_TEXT, state),
    F("owner", ENTITY_T(EK_TEAM), owner), F("version", &TYPE_TEXT, version),
    F("date", &TYPE_DATE, date),          {NULL, NULL, NULL}};
static const FieldSpec PERSONA[] = {F("segment", &TYPE_TEXT, segment),
                                    F("goals", &TYPE_LIST_TEXT, pgoals),
                                    F("needs", &TYPE_LIST_TEXT, needs),
                                    F("motivations", &TYPE_LIST_TEXT, motivations),
                                    F("frustrations", &TYPE_LIST_TEXT, frustrations),
                                    F("behaviors", &TYPE_LIST_TEXT, behaviors),
                                    F("quote", &TYPE_TEXT, quote),
                                    F("channels", LIST_T(EK_CHANNEL), pchannels),
                                    F("share", &TYPE_NUMBER, share),
                                    F("touchpoints", LIST_T(EK_TOUCHPOINT), ptouchpoints),
                                    F("stages", LIST_T(EK_STAGE), pstages),
                                    {NULL, NULL, NULL}};
static const FieldSpec STAGE[] = {F("goal", &TYPE_TEXT, sgoal),
                                  F("expectations", &TYPE_LIST_TEXT, sexpectations),
                                  F("index", &TYPE_NUMBER, index),
                                  F("touchpoints", LIST_T(EK_TOUCHPOINT), stouchpoints),
                                  F("next", ENTITY_T(EK_STAGE), snext),
                                  F("prev", ENTITY_T(EK_STAGE), sprev),
                                  F("emotion", &TYPE_NUMBER, semotion),
                                  F("pains", LIST_T(EK_PAIN), spains),
                                  {NULL, NULL, NULL}};
static const FieldSpec CHANNEL[] = {F("channel_kind", &TYPE_TEXT, channel_kind),
                                    F("touchpoints", LIST_T(EK_TOUCHPOINT), ctouchpoints),
                                    F("personas", LIST_T(EK_PERSONA), cpersonas),
                                    {NULL, NULL, NULL}};
static const FieldSpec TEAM[] = {
    F("lead", &TYPE_TEXT, lead), F("contact", &TYPE_TEXT, contact), {NULL, NULL, NULL}};
static const FieldSpec TOUCHPOINT[] = {F("stage", ENTITY_T(EK_STAGE), tstage),
                                       F("channel", ENTITY_T(EK_CHANNEL), tchannel),
                                       F("personas", LIST_T(EK_PERSONA), tpersonas),
                                       F("actions", &TYPE_LIST_TEXT, actions),
                                       F("thoughts", &TYPE_LIST_TEXT, thoughts),
                                       F("expectations", &TYPE_LIST_TEXT, texpectations),
                                       F("evidence", &TYPE_LIST_TEXT, evidence),
                                       F("backstage", &TYPE_LIST_TEXT, backstage),
                                       F("support", &TYPE_LIST_TEXT, support),
                                       F("emotion", &TYPE_NUMBER, emotion),
                                       F("emotion_label", &TYPE_TEXT, emotion_label),
                                       F("pains", LIST_T(EK_PAIN), tpains),
                                       F("delights", LIST_T(EK_DELIGHT), tdelights),
                                       F("owner", ENTITY_T(EK_TEAM), towner),
                                       F("duration", &TYPE_DURATION, duration),
                                       F("metrics", &TYPE_RECORD, metrics),
                                       F("out", LIST_T(EK_FLOW), out),
                                       F("in", LIST_T(EK_FLOW), in),
                                       F("next", LIST_T(EK__COUNT), tnext),
                                       F("prev", LIST_T(EK_TOUCHPOINT), tprev),
                                       F("opportunities", LIST_T(EK_OPPORTUNITY), topps),
                                       F("entry", &TYPE_BOOL, entry),
                                       F("terminal", &TYPE_BOOL, terminal),
                                       F("reached", &TYPE_BOOL, reached),
                                       F("reach", &TYPE_NUMBER, reach),
                                       F("dropoff", &TYPE_NUMBER, dropoff),
                                       {NULL, NULL, NULL}};
static const FieldSpec PAIN[] = {F("text", &TYPE_TEXT, ptext),
                                 F("severity", &TYPE_NUMBER, severity),
                                 F("touchpoint", ENTITY_T(EK_TOUCHPOINT), ptouchpoint),
                                 F("opportunities", LIST_T(EK_OPPORTUNITY), popps),
                                 {NULL, NULL, NULL}};
static const FieldSpec DELIGHT[] = {F("text", &TYPE_TEXT, dtext),
                                    F("touchpoint", ENTITY_T(EK_TOUCHPOINT), dtouchpoint),
                                    {NULL, NULL, NULL}};
static const FieldSpec OUTCOME[] = {F("success", &TYPE_BOOL, success),
                                    F("in", LIST_T(EK_FLOW), oin),
                                    F("reach", &TYPE_NUMBER, reach),
                                    {NULL, NULL, NULL}};
static const FieldSpec FLOW[] = {F("from", ENTITY_T(EK_TOUCHPOINT), from),
                                 F("to", ENTITY_T(EK__COUNT), to),
                                 F("rate", &TYPE_NUMBER, rate),
                                 F("volume", &TYPE_NUMBER, volume),
                                 F("label", &TYPE_TEXT, label),
                                 F("persona", ENTITY_T(EK_PERSONA), fpersona),
                                 F("cross_channel", &TYPE_BOOL, cross_channel),
                                 F("share", &TYPE_NUMBER, fshare),
                                 {NULL, NULL, NULL}};
static const FieldSpec OPPORTUNITY[] = {F("fixes", LIST_T(EK__COUNT), fixes),
                                        F("impact", &TYPE_TEXT, impact),
                                        F("effort", &TYPE_TEXT, effort),
                                        F("owner", ENTITY_T(EK_TEAM), oowner),
                                        F("due", &TYPE_DATE, due),
                                        F("status", &TYPE_TEXT, status),
                                        F("quick_win", &TYPE_BOOL, quick_win),
                                        F("overdue", &TYPE_BOOL, overdue),
                                        {NULL, NULL, NULL}};
static const FieldSpec KPI[] = {F("value", &TYPE_NUMBER, value),
                                F("actual", &TYPE_NUMBER, actual),
                                F("target", &TYPE_NUMBER, target),
                                F("target_op", &TYPE_TEXT, target_op),
                                F("met", &TYPE_BOOL, met),
                                F("baseline", &TYPE_NUMBER, baseline),
                                F("baseline_date", &TYPE_DATE, baseline_date),
                                F("delta", &TYPE_NUMBER, delta),
                                F("unit", &TYPE_TEXT, unit),
                                F("owner", ENTITY_T(EK_TEAM), kowner),
                                F("stage", ENTITY_T(EK_STAGE), kstage),
                                F("touchpoint", ENTITY_T(EK_TOUCHPOINT), ktouchpoint),
                                {NULL, NULL, NULL}};
static const FieldSpec DATA[] = {F("path", &TYPE_TEXT, path), {NULL, NULL, NULL}};
static const FieldSpec NOTHING[] = {{NULL, NULL, NULL}};

static const FieldSpec *kind_fields(EntityKind ek) {
  switch (ek) {
  case EK_JOURNEY: return JOURNEY;
  case EK_PERSONA: return PERSONA;
  case EK_STAGE: return STAGE;
  case EK_CHANNEL: return CHANNEL;
  case EK_TEAM: return TEAM;
  case EK_TOUCHPOINT: return TOUCHPOINT;
  case EK_PAIN: return PAIN;
  case EK_DELIGHT: return DELIGHT;
  case EK_OUTCOME: return OUTCOME;
  case EK_FLOW: return FLOW;
  case EK_OPPORTUNITY: return OPPORTUNITY;
  case EK_KPI: return KPI;
  case EK_DATA: return DATA;
  default: return NOTHING;
  }
}

static const FieldSpec *find_in(const FieldSpec *f, const char *name) {
  for (; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

const FieldSpec *field_find(EntityKind ek, const char *name) {
  const FieldSpec *f = ek < EK__COUNT ? find_in(kind_fields(ek), name) : NULL;
  return f ? f : find_in(COMMON, name);
}

void field_offer_all(EntityKind ek, Suggest *s) {
  for (const FieldSpec *f = kind_fields(ek); ek < EK__COUNT && f->name; f++)
    suggest_offer(s, f->name, NULL);
  for (const FieldSpec *f = COMMON; f->name; f++) suggest_offer(s, f->name, NULL);
}

bool field_exists_somewhere(const char *name) {
  for (int k = 0; k < EK__COUNT; k++)
    if (field_find((EntityKind)k, name)) return true;
  return false;
}

/* A meta key reads its literal (none when the entity has no such key); a metric key evaluates
 * the metric's expression. */
bool field_record_key(EvalCtx *ev, const Value *rec, const Ident *key, Value *out) {
  Entity *e = rec->as.entity;
  *out = value_none();
  if (rec->metrics) {
    Touchpoint *t = (Touchpoint *)e;
    for (size_t i = 0; i < t->nmetrics; i++)
      if (strcmp(t->metrics[i].name.text, key->text) == 0)
        return eval_expr(ev, t->metrics[i].expr, NULL, out);
    return true;
  }
  for (size_t i = 0; i < e->nmeta; i++)
    if (strcmp(e->meta[i].key.text, key->text) == 0)
      return eval_expr(ev, e->meta[i].value, NULL, out);
  return true;
}
