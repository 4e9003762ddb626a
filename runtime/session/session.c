/* session.c — see session.h. The order of a check: parse and resolve every file (lang/), and
 * only when that left no error, type the expressions, compute the KPIs and run the checks
 * (runtime/eval/): an error can leave a name unresolved or an entity half-built, and rules run
 * over such a model would report violations that are only echoes of it. Fixing the errors
 * brings the checks back. Last, the diagnostics are sorted, so that every caller shows them in
 * one order. */
#include "session.h"

#include <string.h>

#include "resolve.h"

/* ---- the file system, recorded ---- */

static Session *session_of(const FileSystem *fs) { return fs->ctx; }

static void record(Session *s, Arena *a, const char *path) {
  FileInfo info;
  const char *why = NULL;
  const char *key = s->inner->stat(s->inner, a, path, &info, &why) == FILE_OK ? info.key : NULL;
  for (size_t i = 0; i < s->reads.len; i++)
    if (strcmp(s->reads.items[i].path, path) == 0) return;
  VEC_PUSH(s->arena, s->reads, ((SessionRead){arena_strdup(s->arena, path), key}));
}

static FileStatus rec_stat(const FileSystem *fs, Arena *a, const char *path, FileInfo *out,
                           const char **why) {
  const Session *s = session_of(fs);
  return s->inner->stat(s->inner, a, path, out, why);
}

static FileStatus rec_read_all(const FileSystem *fs, Arena *a, const char *path, FileText *out,
                               const char **why) {
  Session *s = session_of(fs);
  FileStatus st = s->inner->read_all(s->inner, a, path, out, why);
  if (st == FILE_OK) record(s, a, path);
  return st;
}

static FileStatus rec_open(const FileSystem *fs, Arena *a, const char *path, FileReader *out,
                           const char **why) {
  Session *s = session_of(fs);
  FileStatus st = s->inner->open(s->inner, a, path, out, why);
  if (st == FILE_OK) record(s, a, path);
  return st;
}

static void rec_close(const FileSystem *fs, FileReader *r) {
  const Session *s = session_of(fs);
  if (s->inner->close) s->inner->close(s->inner, r);
}

/* ---- the check ---- */

static size_t count_user_files(const SourceSet *set) {
  size_t n = 0;
  for (uint32_t i = 0; i < set->len; i++)
    if (!set->items[i]->is_stdlib) n++;
  return n;
}

static EvalOptions eval_options(const Session *s, const SessionOptions *o) {
  return (EvalOptions){o->has_today, o->today, &s->recorder};
}

static void run_checks(Session *s) {
  /* Every KPI is computed, so that a measure failing at run time is reported even when no
   * check reads it (each value is computed once: std.lint's reads reuse it). */
  if (eval_check_model(s->eval))
    for (size_t i = 0; i < s->model->kpis.len; i++) {
      Value v;
      eval_kpi_value(s->eval, s->model->kpis.items[i], &v);
    }
  check_run_all(s->eval);
}

void session_check(Session *s, Arena *a, const SessionFile *roots, size_t nroots,
                   const SessionOptions *opts) {
  memset(s, 0, sizeof *s);
  s->arena = a;
  s->inner = opts->fs ? opts->fs : file_system_disk();
  s->recorder = (FileSystem){rec_stat, rec_read_all, rec_open, rec_close, s};
  source_set_init(&s->sources, a);
  diag_list_init(&s->diags, a);

  uint32_t *ids = arena_alloc(a, (nroots + 1) * sizeof *ids);
  for (size_t i = 0; i < nroots; i++)
    ids[i] = source_add(&s->sources, roots[i].name, roots[i].path, roots[i].text,
                        (uint32_t)roots[i].len);
  ModelInput in = {a, &s->diags, &s->sources, ids, nroots, opts->jny_path, &s->recorder};
  s->model = model_build(&in);
  s->resolved = s->diags.errors == 0 && s->model;
  if (s->resolved && opts->depth == SESSION_CHECK) {
    EvalOptions eo = eval_options(s, opts);
    s->eval = eval_new(a, s->model, &s->diags, &eo);
    run_checks(s);
  }
  diag_sort(&s->diags);
  s->nfiles = count_user_files(&s->sources);
}

EvalCtx *session_eval_into(Session *s, const SessionOptions *opts, DiagList *into) {
  if (!s->resolved) return NULL;
  EvalOptions eo = eval_options(s, opts);
  return eval_new(s->arena, s->model, into, &eo);
}

EvalCtx *session_quiet_eval(Session *s, const SessionOptions *opts) {
  DiagList *scratch = arena_alloc(s->arena, sizeof *scratch);
  diag_list_init(scratch, s->arena);
  return session_eval_into(s, opts, scratch);
}
