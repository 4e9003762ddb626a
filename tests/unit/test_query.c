/* test_query.c — unit tests for queries: preparing ad-hoc text (runtime/query/query_adhoc.c), the
 * table, CSV and JSON layouts (runtime/query/query_format.c), running queries over a small model
 * (runtime/query/query.c: where, group, order, limit), resolving an ad-hoc query
 * (lang/resolve_adhoc.c), and the export writer (runtime/out/export_json.c). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "eval.h"
#include "export_json.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "unit.h"

static const char *sep(Arena *a, const char *text) {
  return query_adhoc_separate(a, text, strlen(text));
}

TEST(names_and_texts) {
  CHECK(query_is_name("hurting"));
  CHECK(query_is_name("_q2"));
  CHECK(!query_is_name("from t in touchpoints"));
  CHECK(!query_is_name("2x"));
  CHECK(!query_is_name(""));
}

TEST(clause_words_get_a_separator) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(sep(a, "from t in touchpoints where t.emotion < 0 select t.name"),
               "from t in touchpoints;where t.emotion < 0;select t.name");
  CHECK_EQ_STR(sep(a, "from t in touchpoints select t.name order t.name desc limit 3"),
               "from t in touchpoints;select t.name;order t.name desc;limit 3");
  CHECK_EQ_STR(sep(a, "from f in flows group f.from select f.from.name"),
               "from f in flows;group f.from;select f.from.name");
  arena_free(a);
}

TEST(separators_already_there_are_kept) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(sep(a, "from t in touchpoints; where t.emotion < 0"),
               "from t in touchpoints; where t.emotion < 0");
  CHECK_EQ_STR(sep(a, "from t in touchpoints\nwhere t.emotion < 0"),
               "from t in touchpoints\nwhere t.emotion < 0");
  arena_free(a);
}

TEST(words_that_do_not_start_a_clause) {
  Arena *a = arena_new(NULL);
  /* a field, an alias, inside brackets, in a string, a quantifier's where */
  CHECK_EQ_STR(sep(a, "from f in flows select f.from as from"),
               "from f in flows;select f.from as from");
  CHECK_EQ_STR(
      sep(a, "from t in touchpoints select [p.text for p in t.pains where p.severity > 3]"),
      "from t in touchpoints;select [p.text for p in t.pains where p.severity > 3]");
  CHECK_EQ_STR(sep(a, "from t in touchpoints where t.name == \"a where b\""),
               "from t in touchpoints;where t.name == \"a where b\"");
  CHECK_EQ_STR(sep(a, "from t in touchpoints where any p in t.pains where p.severity > 3: true "
                      "select t.name"),
               "from t in touchpoints;where any p in t.pains where p.severity > 3: true;"
               "select t.name");
  CHECK_EQ_STR(sep(a, "from t in touchpoints order t.order"),
               "from t in touchpoints;order t.order");
  arena_free(a);
}

static QueryResult *sample(Arena *a) {
  static const char *const COLS[] = {"name", "emotion", "share"};
  QueryResult *r = arena_alloc(a, sizeof *r);
  r->columns = (const char **)COLS;
  r->ncolumns = 3;
  r->nrows = 2;
  r->cells = arena_alloc(a, 6 * sizeof *r->cells);
  memset(r->cells, 0, 6 * sizeof *r->cells);
  r->cells[0] = (Cell){CELL_TEXT, 0, false, "Cart, \"slot\"", 12, NULL, 0};
  r->cells[1] = (Cell){CELL_NUMBER, -2, false, "-2", 2, NULL, 0};
  r->cells[2] = (Cell){CELL_NUMBER, 0.55, true, "55%", 3, NULL, 0};
  r->cells[3] = (Cell){CELL_TEXT, 0, false, "=cmd()", 6, NULL, 0};
  r->cells[4] = (Cell){CELL_NONE, 0, false, "", 0, NULL, 0};
  r->cells[5] = (Cell){CELL_NUMBER, 1, false, "1", 1, NULL, 0};
  return r;
}

TEST(table_aligns_numbers_right) {
  Arena *a = arena_new(NULL);
  StrBuf sb;
  sb_init(&sb, a);
  query_format_table(&sb, sample(a));
  CHECK_EQ_STR(sb_str(&sb), "name          emotion  share\n"
                            "------------  -------  -----\n"
                            "Cart, \"slot\"       -2    55%\n"
                            "=cmd()                     1\n");
  arena_free(a);
}

TEST(csv_quotes_and_neutralises_formulas) {
  Arena *a = arena_new(NULL);
  StrBuf sb;
  sb_init(&sb, a);
  query_format_csv(&sb, sample(a));
  CHECK_EQ_STR(sb_str(&sb), "name,emotion,share\r\n"
                            "\"Cart, \"\"slot\"\"\",-2,55%\r\n"
                            "\"'=cmd()\",,1\r\n");
  arena_free(a);
}

TEST(json_objects_in_column_order) {
  Arena *a = arena_new(NULL);
  json_t *root = json_array();
  CHECK(query_format_json(root, a, sample(a)));
  char *s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
  CHECK_EQ_STR(s, "[{\"name\":\"Cart, \\\"slot\\\"\",\"emotion\":-2,\"share\":0.55},"
                  "{\"name\":\"=cmd()\",\"emotion\":null,\"share\":1}]");
  free(s);
  json_decref(root);
  arena_free(a);
}

/* ---- over a model ------------------------------------------------------------------------ */

typedef struct Fixture {
  Arena *arena;
  DiagList diags;
  SourceSet sources;
  Model *m;
  EvalCtx *ev;
} Fixture;

static const char MODEL[] =
    "stage a \"A\"\n"
    "stage b \"B\"\n"
    "touchpoint t1 \"One\" { stage a; emotion -2; pain \"x\"; pain \"y\" }\n"
    "touchpoint t2 \"Two\" { stage b; emotion 1 }\n"
    "touchpoint t3 \"Three\" { stage a; emotion 3; pain \"z\" }\n"
    "touchpoint t4 \"Four\" { stage b }\n"
    "query by_stage {\n"
    "  from t in touchpoints\n"
    "  group t.stage\n"
    "  select t.stage.name as stage, count(t) as n, count(t.pains) as pains,\n"
    "    avg(t.emotion) as mood\n"
    "  order mood desc\n"
    "}\n"
    "query sorted { from t in touchpoints; select t.id; order t.emotion desc; "
    "limit 3 }\n";

static void fx_build(Fixture *fx) {
  fx->arena = arena_new(NULL);
  diag_list_init(&fx->diags, fx->arena);
  source_set_init(&fx->sources, fx->arena);
  uint32_t root = source_add(&fx->sources, "t.jny", NULL, MODEL, (uint32_t)strlen(MODEL));
  ModelInput in = {fx->arena, &fx->diags, &fx->sources, &root, 1, NULL, NULL};
  fx->m = model_build(&in);
  EvalOptions eo = {false, {0, 1970, 1, 1}, NULL};
  fx->ev = eval_new(fx->arena, fx->m, &fx->diags, &eo);
}

static const Query *named(Fixture *fx, const char *id) {
  return (const Query *)model_lookup(fx->m, id);
}

static const char *cell(const QueryResult *r, size_t row, size_t col) {
  return r->cells[row * r->ncolumns + col].text;
}

TEST(grouped_query_aggregates_per_group) {
  Fixture fx;
  fx_build(&fx);
  CHECK_EQ_INT(fx.diags.errors, 0);
  QueryResult *r = query_run(fx.ev, named(&fx, "by_stage"), &fx.diags);
  CHECK(r != NULL);
  if (r) {
    CHECK_EQ_INT(r->nrows, 2);
    CHECK_EQ_INT(r->ncolumns, 4);
    CHECK_EQ_STR(r->columns[3], "mood");
    CHECK_EQ_STR(cell(r, 0, 0), "B"); /* mood 1 (t4 has no emotion: left out) */
    CHECK_EQ_STR(cell(r, 0, 1), "2");
    CHECK_EQ_STR(cell(r, 0, 2), "0");
    CHECK_EQ_STR(cell(r, 0, 3), "1");
    CHECK_EQ_STR(cell(r, 1, 0), "A"); /* mood (-2 + 3) / 2 */
    CHECK_EQ_STR(cell(r, 1, 2), "3");
    CHECK_EQ_STR(cell(r, 1, 3), "0.5");
  }
  arena_free(fx.arena);
}

TEST(order_puts_none_last_and_limit_cuts) {
  Fixture fx;
  fx_build(&fx);
  QueryResult *r = query_run(fx.ev, named(&fx, "sorted"), &fx.diags);
  CHECK(r != NULL);
  if (r) {
    CHECK_EQ_INT(r->nrows, 3);
    CHECK_EQ_STR(cell(r, 0, 0), "t3");
    CHECK_EQ_STR(cell(r, 1, 0), "t2");
    CHECK_EQ_STR(cell(r, 2, 0), "t1");
  }
  arena_free(fx.arena);
}

/* Parses and resolves text as `jny query` does with an ad-hoc query. */
static const Query *adhoc(Fixture *fx, const char *text) {
  size_t len = strlen(text);
  char *prepared = query_adhoc_separate(fx->arena, text, len);
  uint32_t file = source_add(&fx->sources, "<query>", NULL, prepared, (uint32_t)len);
  ParseInput in = {fx->arena, &fx->diags, &fx->sources, file};
  size_t n;
  Attr **attrs = parse_clauses(&in, &n);
  return model_resolve_adhoc_query(fx->m, &fx->diags, attrs, n, span_make(file, 0, (uint32_t)len));
}

TEST(adhoc_query_resolves_against_the_model) {
  Fixture fx;
  fx_build(&fx);
  const Query *q = adhoc(&fx, "from t in touchpoints where t.emotion < 0 select t.name as name");
  CHECK_EQ_INT(fx.diags.errors, 0);
  QueryResult *r = query_run(fx.ev, q, &fx.diags);
  CHECK(r != NULL);
  if (r) {
    CHECK_EQ_INT(r->nrows, 1);
    CHECK_EQ_STR(cell(r, 0, 0), "One");
  }
  arena_free(fx.arena);
}

TEST(adhoc_query_reports_unknown_names_and_missing_from) {
  Fixture fx;
  fx_build(&fx);
  adhoc(&fx, "from t in touchpionts select t.name");
  CHECK_EQ_INT(fx.diags.errors, 1);
  CHECK(fx.diags.items[0]->code == D_UNKNOWN_NAME);
  adhoc(&fx, "select 1");
  CHECK_EQ_INT(fx.diags.errors, 2);
  CHECK(fx.diags.items[1]->code == D_MISSING_ATTR);
  arena_free(fx.arena);
}

static int collect(const char *buffer, size_t size, void *data) {
  sb_add(data, buffer, size);
  return 0;
}

TEST(export_writes_valid_json) {
  Fixture fx;
  fx_build(&fx);
  StrBuf sb;
  sb_init(&sb, fx.arena);
  json_t *live = NULL;
  CHECK(export_model_json(fx.m, fx.arena, &live, collect, &sb));
  CHECK(live == NULL);
  json_error_t err;
  json_t *root = json_loads(sb_str(&sb), 0, &err);
  CHECK(root != NULL);
  if (root) {
    CHECK_EQ_STR(json_string_value(json_object_get(root, "format")), "jny-model");
    json_t *tps = json_object_get(root, "touchpoints");
    CHECK_EQ_INT(json_array_size(tps), 4);
    json_t *t1 = json_array_get(tps, 0);
    CHECK_EQ_INT(json_array_size(json_object_get(t1, "pains")), 2);
    CHECK_EQ_STR(json_string_value(json_object_get(t1, "stage")), "a");
    json_decref(root);
  }
  arena_free(fx.arena);
}

int main(void) {
  RUN(names_and_texts);
  RUN(clause_words_get_a_separator);
  RUN(separators_already_there_are_kept);
  RUN(words_that_do_not_start_a_clause);
  RUN(table_aligns_numbers_right);
  RUN(csv_quotes_and_neutralises_formulas);
  RUN(json_objects_in_column_order);
  RUN(grouped_query_aggregates_per_group);
  RUN(order_puts_none_last_and_limit_cuts);
  RUN(adhoc_query_resolves_against_the_model);
  RUN(adhoc_query_reports_unknown_names_and_missing_from);
  RUN(export_writes_valid_json);
  return unit_report();
}
