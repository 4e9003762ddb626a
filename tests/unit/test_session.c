/* test_session.c — unit tests for check as a library call (runtime/session/): a journey, its
 * `use`d module and its data file served from memory through an OverlayFs with no disk behind
 * it; the files the run read recorded; a module missing from memory reported like one missing
 * from the disk; the depth of a check; an evaluator reporting into a list of its own. */
#include <string.h>

#include "arena.h"
#include "overlay_fs.h"
#include "session.h"
#include "unit.h"

static const char JOURNEY[] = "use \"people.jny\"\n"
                              "stage s \"S\"\n"
                              "touchpoint t \"T\" { stage s; persona ana }\n"
                              "data answers from \"data/answers.csv\"\n"
                              "kpi happy \"Happy\" { measure avg([r.score for r in answers]) }\n";
static const char MODULE[] = "persona ana \"Ana\"\n";
static const char CSV[] = "score\n4\n5\n";

typedef struct Fixture {
  Arena *arena;
  OverlayFs fs;
  Session s;
  SessionOptions opts;
} Fixture;

static void fixture_run(Fixture *fx, const char *journey, SessionDepth depth) {
  fx->opts = (SessionOptions){depth, true, {0}, NULL, &fx->fs.fs};
  SessionFile root = {"work/map.jny", "work/map.jny", journey, strlen(journey)};
  session_check(&fx->s, fx->arena, &root, 1, &fx->opts);
}

static void fixture_init(Fixture *fx) {
  fx->arena = arena_new(NULL);
  overlay_fs_init(&fx->fs, fx->arena, NULL);
  overlay_fs_put(&fx->fs, "work/people.jny", MODULE, strlen(MODULE));
  overlay_fs_put(&fx->fs, "work/data/answers.csv", CSV, strlen(CSV));
}

static bool has_code(const DiagList *l, const char *code) {
  for (size_t i = 0; i < l->len; i++)
    if (strcmp(diag_code_str(l->items[i]->code), code) == 0) return true;
  return false;
}

TEST(check_reads_modules_and_data_from_memory) {
  Fixture fx;
  fixture_init(&fx);
  fixture_run(&fx, JOURNEY, SESSION_CHECK);
  CHECK_EQ_INT(fx.s.diags.errors, 0);
  CHECK(fx.s.resolved);
  CHECK(fx.s.eval != NULL);
  CHECK_EQ_INT(fx.s.nfiles, 2); /* the journey and its module */
  CHECK_EQ_INT(fx.s.reads.len, 2);
  if (fx.s.reads.len == 2) {
    CHECK_EQ_STR(fx.s.reads.items[0].path, "work/people.jny");
    CHECK_EQ_STR(fx.s.reads.items[1].path, "work/data/answers.csv");
  }
  Value v;
  CHECK(eval_kpi_value(fx.s.eval, fx.s.model->kpis.items[0], &v));
  CHECK(v.kind == VAL_NUMBER && v.as.num == 4.5);
  arena_free(fx.arena);
}

TEST(missing_module_is_reported) {
  Fixture fx;
  fx.arena = arena_new(NULL);
  overlay_fs_init(&fx.fs, fx.arena, NULL); /* nothing in memory, no disk */
  fixture_run(&fx, JOURNEY, SESSION_CHECK);
  CHECK(has_code(&fx.s.diags, "E0401"));
  CHECK(!fx.s.resolved);
  CHECK(fx.s.eval == NULL);
  CHECK(session_quiet_eval(&fx.s, &fx.opts) == NULL);
  CHECK_EQ_INT(fx.s.reads.len, 0);
  arena_free(fx.arena);
}

TEST(missing_data_file_is_reported_by_the_check) {
  Fixture fx;
  fx.arena = arena_new(NULL);
  overlay_fs_init(&fx.fs, fx.arena, NULL);
  overlay_fs_put(&fx.fs, "work/people.jny", MODULE, strlen(MODULE));
  fixture_run(&fx, JOURNEY, SESSION_CHECK);
  CHECK(has_code(&fx.s.diags, "E0511"));
  arena_free(fx.arena);
}

TEST(resolve_depth_runs_no_check) {
  static const char failing[] = "stage s \"S\"\n"
                                "check never \"Never\" {\n"
                                "  for x in stages\n"
                                "  assert false\n"
                                "  message \"always broken\"\n"
                                "}\n";
  Fixture fx;
  fixture_init(&fx);
  fixture_run(&fx, failing, SESSION_RESOLVE);
  CHECK_EQ_INT(fx.s.diags.len, 0);
  CHECK(fx.s.resolved);
  CHECK(fx.s.eval == NULL);
  fixture_run(&fx, failing, SESSION_CHECK);
  CHECK(fx.s.diags.len > 0);
  arena_free(fx.arena);
}

TEST(eval_into_reports_into_its_own_list) {
  Fixture fx;
  fixture_init(&fx);
  overlay_fs_put(&fx.fs, "work/data/answers.csv", "score\nmany\n", 11);
  fixture_run(&fx, JOURNEY, SESSION_RESOLVE);
  DiagList own;
  diag_list_init(&own, fx.arena);
  EvalCtx *ev = session_eval_into(&fx.s, &fx.opts, &own);
  CHECK(ev != NULL);
  Value v;
  if (ev) eval_kpi_value(ev, fx.s.model->kpis.items[0], &v);
  CHECK(own.errors > 0);           /* avg of a text column */
  CHECK_EQ_INT(fx.s.diags.len, 0); /* the session's list is untouched */
  arena_free(fx.arena);
}

TEST(overlay_replaces_and_normalises) {
  Arena *a = arena_new(NULL);
  OverlayFs o;
  overlay_fs_init(&o, a, NULL);
  overlay_fs_put(&o, "a/b.jny", "one", 3);
  overlay_fs_put(&o, "a/b.jny", "two!", 4);
  FileText ft;
  const char *why = NULL;
  CHECK(o.fs.read_all(&o.fs, a, "a/./c/../b.jny", &ft, &why) == FILE_OK);
  CHECK_EQ_INT(ft.len, 4);
  CHECK(o.fs.read_all(&o.fs, a, "a/c.jny", &ft, &why) == FILE_MISSING);
  FileReader r;
  char buf[3];
  CHECK(o.fs.open(&o.fs, a, "a/b.jny", &r, &why) == FILE_OK);
  CHECK_EQ_INT(file_reader_read(&r, buf, sizeof buf, &why), 3);
  CHECK_EQ_INT(file_reader_read(&r, buf, sizeof buf, &why), 1);
  CHECK_EQ_INT(file_reader_read(&r, buf, sizeof buf, &why), 0);
  file_reader_close(&o.fs, &r);
  arena_free(a);
}

int main(void) {
  RUN(check_reads_modules_and_data_from_memory);
  RUN(missing_module_is_reported);
  RUN(missing_data_file_is_reported_by_the_check);
  RUN(resolve_depth_runs_no_check);
  RUN(eval_into_reports_into_its_own_list);
  RUN(overlay_replaces_and_normalises);
  return unit_report();
}
