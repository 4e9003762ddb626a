/* test_resolve.c — unit tests of the resolver and its helpers (lang/resolve*.c, load.c,
 * schema.c, symtab.c, suggest.c): what lands in the Model, field by field, which the
 * expectation tests in tests/resolve/ cannot see; JNY_PATH lookups; the helper tables. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resolve.h"
#include "schema.h"
#include "suggest.h"
#include "symtab.h"
#include "unit.h"

typedef struct Fixture {
  Arena *arena;
  DiagList diags;
  SourceSet sources;
  Model *m;
} Fixture;

static Model *fx_build_path(Fixture *fx, const char *text, const char *jny_path) {
  fx->arena = arena_new(NULL);
  diag_list_init(&fx->diags, fx->arena);
  source_set_init(&fx->sources, fx->arena);
  uint32_t root = source_add(&fx->sources, "t.jny", NULL, text, (uint32_t)strlen(text));
  ModelInput in = {fx->arena, &fx->diags, &fx->sources, &root, 1, jny_path, NULL};
  fx->m = model_build(&in);
  return fx->m;
}

static Model *fx_build(Fixture *fx, const char *text) { return fx_build_path(fx, text, NULL); }

static int count_code(const Fixture *fx, DiagCode code) {
  int n = 0;
  for (size_t i = 0; i < fx->diags.len; i++) n += fx->diags.items[i]->code == code;
  return n;
}

static void fx_dump(const Fixture *fx) { /* shows what went wrong when a test fails */
  for (size_t i = 0; i < fx->diags.len; i++)
    printf("  diag %s: %s\n", diag_code_str(fx->diags.items[i]->code), fx->diags.items[i]->message);
}

static const char *JOURNEY =
    "journey \"J\" { state future; owner cx; date 2026-11-23; goal \"a\"; goal \"b\" }\n"
    "use std.channels\n"
    "team cx \"CX\" { lead \"Ann\" }\n"
    "persona parent \"Parent\" { channels app, web; share 60% }\n"
    "stage aware \"Aware\"\n"
    "stage buy \"Buy\" { goal \"Pay\"; expectation \"x\"; expectation \"y\" }\n"
    "touchpoint promo \"Email\" {\n"
    "  stage aware; channel email; persona parent\n"
    "  emotion 1 \"curious\"; duration 2min; owner cx\n"
    "  action \"Opens\"; action \"Reads\"\n"
    "  metric open_rate = 42%\n"
    "  -> cart rate 30% volume 100 label \"clicks\"\n"
    "}\n"
    "touchpoint cart \"Cart\" {\n"
    "  stage buy; emotion -2\n"
    "  pain no_slot \"No slot\" severity 4\n"
    "  pain \"Hidden settings\"\n"
    "  delight \"Nice\"\n"
    "  tag moment_of_truth, key\n"
    "  meta psp = \"Adyen\"\n"
    "  -> lost rate 45%\n"
    "}\n"
    "flow cart -> pay -> won rate 55% { persona parent; description \"d\" }\n"
    "touchpoint pay \"Pay\" { stage buy }\n"
    "outcome lost \"Lost\" failure\n"
    "outcome won \"Won\" success\n"
    "opportunity slots \"Slots\" { fixes no_slot, cart; impact high; effort low; due 2027-01-31;"
    " status doing; owner cx }\n"
    "kpi conv \"Conversion\" { measure reach(pay) / reach(cart); target >= 45%;"
    " baseline 31% on 2026-06-01; stage buy; touchpoint cart }\n"
    "kpi k2 { actual -3; target < -1 }\n"
    "data visits from \"../data/visits.csv\" { delimiter \";\" }\n"
    "let severe = 4\n"
    "check c \"C\" { for p in pains where p.severity >= severe\n"
    "  assert any o in opportunities: p in o.fixes\n"
    "  message \"pain {p.text} at {p.touchpoint.name}\"\n"
    "  severity warning }\n"
    "query q { from t in touchpoints; where t.emotion < 0\n"
    "  select t.name, count(t.pains) as n; order n desc, t.name; limit 5 }\n";

TEST(complete_model) {
  Fixture fx;
  Model *m = fx_build(&fx, JOURNEY);
  CHECK_EQ_INT(fx.diags.errors, 0);
  if (fx.diags.errors) fx_dump(&fx);
  CHECK(m->journey != NULL);
  if (!m->journey) return;
  CHECK_EQ_STR(m->journey->title, "J");
  CHECK_EQ_INT(m->journey->state, STATE_FUTURE);
  CHECK_EQ_INT(m->journey->goals.len, 2);
  CHECK(m->journey->has_date && m->journey->date.day == 23);
  CHECK_EQ_INT(m->personas.len, 1);
  CHECK_EQ_INT(m->personas.items[0]->nchannels, 2);
  CHECK(m->personas.items[0]->has_share && fabs(m->personas.items[0]->share - 0.6) < 1e-12);
  CHECK_EQ_INT(m->stages.len, 2);
  CHECK_EQ_INT(m->stages.items[1]->order, 1);
  CHECK_EQ_STR(m->stages.items[1]->goal, "Pay");
  CHECK_EQ_INT(m->stages.items[1]->expectations.len, 2);
  CHECK_EQ_INT(m->channels.len, 15);
  CHECK(m->channels.items[0]->e.from_stdlib);
  CHECK_EQ_INT(m->channels.items[0]->channel_kind, CHANNEL_DIGITAL);
  CHECK_EQ_STR(m->teams.items[0]->lead, "Ann");
  CHECK_EQ_INT(m->touchpoints.len, 3);
  CHECK_EQ_INT(m->outcomes.len, 2);
  CHECK(!m->outcomes.items[0]->success && m->outcomes.items[1]->success);
  arena_free(fx.arena);
}

TEST(touchpoint_fields) {
  Fixture fx;
  Model *m = fx_build(&fx, JOURNEY);
  Touchpoint *email = (Touchpoint *)model_lookup(m, "promo");
  Touchpoint *cart = (Touchpoint *)model_lookup(m, "cart");
  CHECK(email && cart);
  if (!email || !cart) return;
  CHECK(email->stage == m->stages.items[0]);
  CHECK_EQ_STR(email->channel->e.id, "email");
  CHECK_EQ_INT(email->npersonas, 1);
  CHECK(email->has_emotion && email->emotion == 1);
  CHECK_EQ_STR(email->emotion_label, "curious");
  CHECK(email->has_duration && email->duration == 120);
  CHECK(email->owner == m->teams.items[0]);
  CHECK_EQ_INT(email->actions.len, 2);
  CHECK_EQ_STR(email->actions.items[1].text, "Reads");
  CHECK_EQ_INT(email->nmetrics, 1);
  CHECK_EQ_STR(email->metrics[0].name.text, "open_rate");
  CHECK(cart->has_emotion && cart->emotion == -2);
  CHECK_EQ_INT(cart->npains, 2);
  CHECK_EQ_STR(cart->pains[0]->e.id, "no_slot");
  CHECK_EQ_INT(cart->pains[0]->severity, 4);
  CHECK(cart->pains[1]->e.id == NULL);
  CHECK_EQ_INT(cart->pains[1]->severity, 3);
  CHECK(cart->pains[1]->touchpoint == cart);
  CHECK_EQ_INT(cart->ndelights, 1);
  CHECK_EQ_INT(m->pains.len, 2);
  CHECK_EQ_INT(m->delights.len, 1);
  CHECK_EQ_INT(cart->e.ntags, 2);
  CHECK_EQ_STR(cart->e.tags[0].text, "moment_of_truth");
  CHECK_EQ_INT(cart->e.nmeta, 1);
  CHECK_EQ_STR(cart->e.meta[0].key.text, "psp");
  CHECK(model_lookup(m, "no_slot") == &cart->pains[0]->e);
  arena_free(fx.arena);
}

TEST(flows_in_and_out) {
  Fixture fx;
  Model *m = fx_build(&fx, JOURNEY);
  Touchpoint *email = (Touchpoint *)model_lookup(m, "promo");
  Touchpoint *cart = (Touchpoint *)model_lookup(m, "cart");
  Touchpoint *pay = (Touchpoint *)model_lookup(m, "pay");
  Outcome *won = (Outcome *)model_lookup(m, "won");
  CHECK(email && cart && pay && won);
  if (!email || !cart || !pay || !won) return;
  CHECK_EQ_INT(m->flows.len, 4); /* promo->cart, cart->lost, cart->pay, pay->won */
  CHECK_EQ_INT(email->nout, 1);
  Flow *f = email->out[0];
  CHECK(f->has_rate && fabs(f->rate - 0.30) < 1e-12);
  CHECK(f->has_volume && f->volume == 100);
  CHECK_EQ_STR(f->label, "clicks");
  CHECK(f->to == &cart->e);
  CHECK_EQ_INT(cart->nin, 1);
  CHECK_EQ_INT(cart->nout, 2);
  CHECK_EQ_STR(cart->out[0]->to->id, "lost"); /* declaration order: the -> line comes first */
  CHECK_EQ_STR(cart->out[1]->to->id, "pay");
  CHECK(cart->out[1]->persona == m->personas.items[0]);
  CHECK_EQ_STR(cart->out[1]->e.description, "d");
  CHECK(pay->nout == 1 && pay->out[0]->to == &won->e && fabs(pay->out[0]->rate - 0.55) < 1e-12);
  CHECK_EQ_INT(won->nin, 1);
  CHECK(won->in[0] == pay->out[0]);
  CHECK_EQ_STR(pay->out[0]->e.name, "pay -> won");
  arena_free(fx.arena);
}

TEST(opportunity_kpi_data) {
  Fixture fx;
  Model *m = fx_build(&fx, JOURNEY);
  CHECK_EQ_INT(m->opportunities.len, 1);
  Opportunity *o = m->opportunities.items[0];
  CHECK_EQ_INT(o->nfixes, 2);
  CHECK_EQ_INT(o->fixes[0]->kind, EK_PAIN);
  CHECK_EQ_INT(o->fixes[1]->kind, EK_TOUCHPOINT);
  CHECK(o->impact == LEVEL_HIGH && o->effort == LEVEL_LOW && o->status == STATUS_DOING);
  CHECK(o->has_due && o->due.year == 2027);
  CHECK_EQ_INT(m->kpis.len, 2);
  Kpi *k = m->kpis.items[0];
  CHECK(k->measure && k->measure->kind == EX_BINARY);
  CHECK(k->target_op == TARGET_GE && fabs(k->target - 0.45) < 1e-12 && k->target_percent);
  CHECK(k->has_baseline && fabs(k->baseline - 0.31) < 1e-12 && k->has_baseline_date);
  CHECK_EQ_STR(k->stage->e.id, "buy");
  CHECK_EQ_STR(k->touchpoint->e.id, "cart");
  Kpi *k2 = m->kpis.items[1];
  CHECK(k2->has_actual && k2->actual == -3);
  CHECK(k2->target_op == TARGET_LT && k2->target == -1 && !k2->target_percent);
  CHECK_EQ_INT(m->datasets.len, 1);
  CHECK_EQ_STR(m->datasets.items[0]->path, "../data/visits.csv");
  CHECK_EQ_STR(m->datasets.items[0]->fs_path, "../data/visits.csv");
  CHECK_EQ_STR(m->datasets.items[0]->delimiter, ";");
  arena_free(fx.arena);
}

TEST(check_and_query_scopes) {
  Fixture fx;
  Model *m = fx_build(&fx, JOURNEY);
  CHECK_EQ_INT(m->checks.len, 1);
  Check *c = m->checks.items[0];
  CHECK_EQ_STR(c->var.text, "p");
  CHECK(c->coll && c->coll->kind == EX_NAME && c->coll->as.name.ref == NR_COLLECTION);
  CHECK_EQ_INT(c->coll->as.name.collection, COLL_PAINS);
  CHECK(c->where && c->where->kind == EX_BINARY);
  const Expr *lhs = c->where->as.binary.lhs->as.member.object;
  CHECK(lhs->as.name.ref == NR_VAR && lhs->as.name.target == &c->var);
  const Expr *rhs = c->where->as.binary.rhs;
  CHECK(rhs->as.name.ref == NR_LET && rhs->as.name.target == m->lets.items[0]);
  CHECK(c->assert && c->assert->kind == EX_QUANT);
  const Expr *in = c->assert->as.quant.body;
  CHECK(in->as.binary.lhs->as.name.target == &c->var);
  CHECK(in->as.binary.rhs->as.member.object->as.name.target == &c->assert->as.quant.var);
  CHECK(c->message && c->message->kind == EX_INTERP);
  CHECK_EQ_INT(c->severity, SEV_WARNING);
  if (c->message && c->message->kind == EX_INTERP) {
    CHECK_EQ_INT(c->message->as.interp.len, 4);
    const Expr *part = c->message->as.interp.parts[1].expr;
    CHECK(part->as.member.object->as.name.target == &c->var);
  }
  Query *q = m->queries.items[0];
  CHECK_EQ_STR(q->var.text, "t");
  CHECK_EQ_INT(q->nselect, 2);
  CHECK_EQ_INT(q->norder, 2);
  CHECK(q->order[0].desc);
  CHECK(q->order[0].expr->as.name.ref == NR_VAR);
  CHECK(q->order[0].expr->as.name.target == &q->select[1].alias);
  CHECK(q->order[1].expr->as.member.object->as.name.target == &q->var);
  CHECK(q->limit && q->limit->kind == EX_NUMBER);
  arena_free(fx.arena);
}

TEST(check_where_lines_join) {
  Fixture fx;
  Model *m = fx_build(&fx, "check c { where x.name != \"\"; for x in stages where x.index > 0;"
                           " assert true }\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  Check *c = m->checks.items[0];
  CHECK(c->where && c->where->kind == EX_BINARY && c->where->as.binary.op == OP_AND);
  CHECK(c->where->as.binary.lhs->as.binary.op == OP_GT); /* the `for` line's condition first */
  CHECK(c->where->as.binary.rhs->as.binary.op == OP_NE);
  CHECK(c->where->as.binary.rhs->as.binary.lhs->as.member.object->as.name.target == &c->var);
  arena_free(fx.arena);
}

TEST(names_resolve_to_entities_and_lets) {
  Fixture fx;
  Model *m = fx_build(&fx, "stage a \"A\"\nlet x = 1\nlet y = x + a + stages\n"
                           "data d from \"f.csv\"\nlet z = [r for r in d]\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  const Expr *y = m->lets.items[1]->value; /* (x + a) + stages */
  CHECK(y->as.binary.rhs->as.name.ref == NR_COLLECTION);
  CHECK(y->as.binary.lhs->as.binary.lhs->as.name.ref == NR_LET);
  CHECK(y->as.binary.lhs->as.binary.rhs->as.name.ref == NR_ENTITY);
  CHECK(y->as.binary.lhs->as.binary.rhs->as.name.target == &m->stages.items[0]->e);
  const Expr *z = m->lets.items[2]->value;
  CHECK(z->as.comp.coll->as.name.target == &m->datasets.items[0]->e);
  CHECK(z->as.comp.body->as.name.target == &z->as.comp.var);
  arena_free(fx.arena);
}

TEST(errors_keep_going) {
  Fixture fx;
  Model *m = fx_build(&fx, "stage buy \"Buy\"\nstage buy \"Again\"\n"
                           "touchpoint t \"T\" { stag buy; emotion 9; pain \"p\" severity 0 }\n"
                           "touchpoint t \"T2\" { stage nope }\n"
                           "journey \"A\"\njourney \"B\"\nlet a = b\nlet b = a\n");
  CHECK_EQ_INT(count_code(&fx, D_DUPLICATE), 2);
  CHECK_EQ_INT(count_code(&fx, D_UNKNOWN_ATTR), 1);
  CHECK_EQ_INT(count_code(&fx, D_MISSING_ATTR), 0); /* the typo stands for the stage */
  CHECK_EQ_INT(count_code(&fx, D_OUT_OF_RANGE), 2);
  CHECK_EQ_INT(count_code(&fx, D_UNKNOWN_REF), 1);
  CHECK_EQ_INT(count_code(&fx, D_SECOND_JOURNEY), 1);
  CHECK_EQ_INT(count_code(&fx, D_LET_CYCLE), 1); /* one cycle, reported once */
  /* the duplicates stay out of the model */
  CHECK_EQ_INT(m->stages.len, 1);
  CHECK_EQ_INT(m->touchpoints.len, 1);
  CHECK_EQ_STR(m->journey->title, "A");
  arena_free(fx.arena);
}

TEST(emotion_from_std_emotions) {
  Fixture fx;
  Model *m = fx_build(&fx, "use std.emotions\nstage s \"S\"\n"
                           "touchpoint t \"T\" { stage s; emotion frustrated }\n"
                           "touchpoint u \"U\" { stage s; emotion frustratd }\n");
  CHECK_EQ_INT(count_code(&fx, D_UNKNOWN_REF), 1);
  Touchpoint *t = m->touchpoints.items[0];
  CHECK(t->has_emotion && t->emotion == -2);
  CHECK_EQ_STR(t->emotion_label, "frustrated");
  CHECK(fx.diags.len == 1 && fx.diags.items[0]->help &&
        strstr(fx.diags.items[0]->help, "'frustrated'") != NULL);
  arena_free(fx.arena);
}

TEST(load_order) {
  /* `use` works like inclusion: a module's declarations stand where it is first used, so stage
   * order reads as the text does; a second `use` of the same module adds nothing. */
  Fixture fx;
  Model *m = fx_build(&fx, "stage first \"First\"\nuse std.stages.classic\n"
                           "stage loyalty \"Loyalty\"\nuse std.stages.classic\n");
  CHECK_EQ_INT(fx.diags.errors, 0);
  CHECK_EQ_INT(m->stages.len, 7);
  CHECK_EQ_STR(m->stages.items[0]->e.id, "first");
  CHECK_EQ_STR(m->stages.items[1]->e.id, "awareness");
  CHECK_EQ_STR(m->stages.items[5]->e.id, "advocacy");
  CHECK_EQ_STR(m->stages.items[6]->e.id, "loyalty");
  CHECK_EQ_INT(m->stages.items[6]->order, 6);
  CHECK(m->stages.items[1]->e.from_stdlib && !m->stages.items[6]->e.from_stdlib);
  CHECK_EQ_INT(m->nfiles, 2);
  arena_free(fx.arena);
}

static void write_file(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f) return;
  fputs(text, f);
  fclose(f);
}

static void remove_files(const char *dir, const char *const *names) {
  char path[512];
  for (; *names; names++) {
    snprintf(path, sizeof path, "%s/%s", dir, *names);
    if (remove(path) != 0) unit_fail_(__FILE__, __LINE__, "cannot remove %s", path);
  }
}

TEST(jny_path_modules) {
  char dir[] = "/tmp/jny-test-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char sub[512];
  snprintf(sub, sizeof sub, "%s/std", dir);
  CHECK(mkdir(sub, 0700) == 0);
  snprintf(sub, sizeof sub, "%s/acme", dir);
  CHECK(mkdir(sub, 0700) == 0);
  write_file(dir, "std/extra.jny", "team extra \"Extra\"\n");
  write_file(dir, "std/channels.jny", "team shadow \"Shadow\"\n"); /* the embedded one wins */
  write_file(dir, "acme/tools.jny", "team tools \"Tools\"\nuse acme.tools\n"); /* a cycle */
  char path[600];
  snprintf(path, sizeof path, "/nonexistent::%s:", dir);
  Fixture fx;
  Model *m =
      fx_build_path(&fx, "use std.extra\nuse std.channels\nuse acme.tools\nuse acme.nope\n", path);
  CHECK(model_lookup(m, "extra") != NULL);
  CHECK(model_lookup(m, "tools") != NULL);
  CHECK(model_lookup(m, "web") != NULL);
  CHECK(model_lookup(m, "shadow") == NULL);
  CHECK_EQ_INT(count_code(&fx, D_IMPORT_CYCLE), 1);
  CHECK_EQ_INT(count_code(&fx, D_MODULE_NOT_FOUND), 1);
  CHECK_EQ_INT(m->nfiles, 4); /* the root, extra, channels, tools */
  for (size_t i = 0; i < fx.diags.len; i++) {
    const Diag *d = fx.diags.items[i];
    if (d->code != D_MODULE_NOT_FOUND) continue;
    CHECK_EQ_INT(d->nnotes, 2); /* both folders looked in */
    CHECK(d->nnotes == 2 && strstr(d->notes[1].message, "/acme/nope.jny") != NULL);
  }
  const Source *tools = NULL;
  for (uint32_t i = 0; i < fx.sources.len; i++)
    if (strstr(fx.sources.items[i]->name, "tools.jny")) tools = fx.sources.items[i];
  CHECK(tools && !tools->is_stdlib && tools->path);
  arena_free(fx.arena);
  static const char *const FILES[] = {
      "std/extra.jny", "std/channels.jny", "acme/tools.jny", "std", "acme", NULL};
  remove_files(dir, FILES);
  CHECK(rmdir(dir) == 0);
}

TEST(module_too_large) {
  /* A sparse file past SOURCE_MAX_BYTES: E0002 at the `use`, decided before reading it. */
  char dir[] = "/tmp/jny-test-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char big[512], text[700];
  snprintf(big, sizeof big, "%s/big.jny", dir);
  FILE *f = fopen(big, "w");
  CHECK(f != NULL);
  if (!f) return;
  CHECK(ftruncate(fileno(f), (off_t)SOURCE_MAX_BYTES + 1) == 0);
  fclose(f);
  snprintf(text, sizeof text, "use \"%s\"\n", big);
  Fixture fx;
  Model *m = fx_build(&fx, text);
  CHECK_EQ_INT(count_code(&fx, D_TOO_LARGE), 1);
  CHECK_EQ_INT(m->nfiles, 1);
  arena_free(fx.arena);
  static const char *const FILES[] = {"big.jny", NULL};
  remove_files(dir, FILES);
  CHECK(rmdir(dir) == 0);
}

TEST(schema_tables) {
  for (int k = 0; k < DK__COUNT; k++) {
    const KindSchema *ks = schema_kind((DeclKind)k);
    CHECK(ks && ks->kind == (DeclKind)k);
    CHECK_EQ_STR(ks->name, ast_decl_kind_name((DeclKind)k));
    size_t n = schema_attr_count((DeclKind)k);
    CHECK(n <= SCHEMA_MAX_ATTRS);
    for (size_t i = 0; i < n; i++) {
      size_t at;
      const AttrSpec *spec = schema_attr_at((DeclKind)k, i);
      CHECK(schema_attr_find((DeclKind)k, spec->name, &at) == spec && at == i); /* unique */
    }
  }
  CHECK_EQ_INT(schema_attr_count(DK_LET), 0);
  CHECK(schema_attr_find(DK_TOUCHPOINT, "stage", NULL)->flags & ATTR_REQUIRED);
  CHECK(schema_attr_find(DK_STAGE, "description", NULL) != NULL);
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(schema_attr_takes(a, schema_attr_find(DK_TOUCHPOINT, "emotion", NULL)),
               "a number from -3 to 3 and an optional label");
  CHECK_EQ_STR(schema_attr_syntax(a, schema_attr_find(DK_JOURNEY, "state", NULL)),
               "state current|future");
  CHECK_EQ_STR(
      schema_kinds_text(a, SCHEMA_KIND_BIT(EK_TOUCHPOINT) | SCHEMA_KIND_BIT(EK_OUTCOME), true),
      "a touchpoint or an outcome");
  arena_free(a);
  CollectionKind c;
  CHECK(schema_collection_lookup("opportunities", &c) && c == COLL_OPPORTUNITIES);
  CHECK(!schema_collection_lookup("touchpoint", &c));
  CHECK_EQ_INT(schema_collection_kind(COLL_KPIS), EK_KPI);
}

TEST(symtab_and_suggest) {
  Arena *a = arena_new(NULL);
  SymTab *t = symtab_new(a, 0);
  static int values[5000];
  char *keys[5000];
  for (int i = 0; i < 5000; i++) {
    keys[i] = arena_printf(a, "key%d", i);
    CHECK(symtab_put(t, keys[i], &values[i]) == NULL);
  }
  CHECK(symtab_put(t, "key42", &values[0]) == &values[42]);
  int bad = 0;
  for (int i = 0; i < 5000; i++) bad += symtab_get(t, keys[i]) != &values[i];
  CHECK_EQ_INT(bad, 0);
  CHECK(symtab_get(t, "key5000") == NULL);
  CHECK_EQ_INT(symtab_len(t), 5000);
  CHECK_EQ_INT(suggest_distance(a, "purchse", "purchase"), 1);
  CHECK_EQ_INT(suggest_distance(a, "teh", "the"), 1);
  CHECK_EQ_INT(suggest_distance(a, "kitten", "sitting"), 3);
  Suggest s;
  suggest_init(&s, a, "chanel");
  suggest_offer(&s, "stage", NULL);
  suggest_offer(&s, "channel", NULL);
  suggest_offer(&s, "channels", NULL);
  CHECK_EQ_STR(suggest_best(&s), "channel");
  suggest_init(&s, a, "a");
  suggest_offer(&s, "b", NULL); /* a whole-word replacement is no suggestion */
  CHECK(suggest_best(&s) == NULL);
  arena_free(a);
}

TEST(long_chains_do_not_recurse) {
  /* y + y + … nests as deep as it is long; the walk must not use the C stack for it. */
  size_t n = 200000;
  char *text = malloc(n * 4 + 64);
  CHECK(text != NULL);
  if (!text) return;
  size_t k = (size_t)sprintf(text, "let y = 1\nlet x = y");
  for (size_t i = 0; i < n; i++) k += (size_t)sprintf(text + k, " + y");
  text[k++] = '\n';
  text[k] = '\0';
  Fixture fx;
  Model *m = fx_build(&fx, text);
  CHECK_EQ_INT(fx.diags.errors, 0);
  CHECK_EQ_INT(m->lets.len, 2);
  arena_free(fx.arena);
  free(text);
}

int main(void) {
  RUN(complete_model);
  RUN(touchpoint_fields);
  RUN(flows_in_and_out);
  RUN(opportunity_kpi_data);
  RUN(check_and_query_scopes);
  RUN(check_where_lines_join);
  RUN(names_resolve_to_entities_and_lets);
  RUN(errors_keep_going);
  RUN(emotion_from_std_emotions);
  RUN(load_order);
  RUN(jny_path_modules);
  RUN(module_too_large);
  RUN(schema_tables);
  RUN(symtab_and_suggest);
  RUN(long_chains_do_not_recurse);
  return unit_report();
}
