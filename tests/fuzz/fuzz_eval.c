/* fuzz_eval.c — the evaluator through its widest door: a fuzzed ad-hoc query (`jny query FILE
 * 'TEXT'`) over a fixed model (tests/fuzz/model.jny: every kind of entity, flows, lets, meta,
 * and hostile text in names). The text is parsed as clause lines, resolved against the model,
 * typed and run, and the result is printed as a table, CSV and JSON. Whatever the query: no
 * crash, no leak, no undefined behaviour; the table and the diagnostics safe for a terminal;
 * the CSV well formed with no cell a spreadsheet would run as a formula; the JSON built.
 *
 * The model is built once (LLVMFuzzerInitialize). Each run works in an arena of its own: the
 * model's arena and source set are pointed at it for the run and restored after, exactly what a
 * query adds to them (its source, its resolved clauses), so that runs do not pile up memory.
 * The model's path comes from JNY_FUZZ_MODEL, else from FUZZ_MODEL set by the Makefile.
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fileio.h"
#include "fuzz_common.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "strbuf.h"

#ifndef FUZZ_MODEL
#define FUZZ_MODEL "tests/fuzz/model.jny"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Model *g_model; /* libFuzzer calls us with no context: the one model of the process */

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  const char *path = getenv("JNY_FUZZ_MODEL");
  if (!path || !*path) path = FUZZ_MODEL;
  Arena *a = arena_new(NULL); /* kept for the life of the process */
  FileText ft;
  const char *why = NULL;
  if (!a || !file_read_all(a, path, &ft, &why)) {
    fprintf(stderr, "fuzz_eval: cannot read the model '%s': %s\n", path, why ? why : "no memory");
    exit(2);
  }
  SourceSet *set = arena_alloc(a, sizeof *set);
  source_set_init(set, a);
  DiagList diags;
  diag_list_init(&diags, a);
  uint32_t root = source_add(set, path, path, ft.text, (uint32_t)ft.len);
  ModelInput in = {a, &diags, set, &root, 1, NULL, NULL};
  g_model = model_build(&in);
  if (!g_model || diags.errors) {
    fprintf(stderr, "fuzz_eval: the model '%s' has errors\n", path);
    exit(2);
  }
  return 0;
}

/* One CSV field starting at s[*i]; its unquoted text in out. Returns false when malformed. */
static bool csv_field(const char *s, size_t n, size_t *i, StrBuf *out) {
  out->len = 0;
  sb_add(out, "", 0);
  if (*i < n && s[*i] == '"') {
    for (size_t k = *i + 1; k < n; k++) {
      if (s[k] != '"') {
        sb_putc(out, s[k]);
      } else if (k + 1 < n && s[k + 1] == '"') {
        sb_putc(out, '"');
        k++;
      } else {
        *i = k + 1;
        return true;
      }
    }
    return false; /* no closing quote */
  }
  while (*i < n && s[*i] != ',' && s[*i] != '\r' && s[*i] != '\n') {
    if (s[*i] == '"') return false; /* a quote in an unquoted field */
    sb_putc(out, s[(*i)++]);
  }
  return true;
}

/* A spreadsheet runs a cell that starts with = + - @ (or tab, CR) as a formula, unless it is a
 * plain number such as -2 or -2.5% (a percentage is a number to Excel, LibreOffice and Google
 * Sheets alike); -inf and -nan are not numbers to them. */
static bool runs_as_formula(const char *cell) {
  if (cell[0] == '\0' || !strchr("=+-@\t\r", cell[0])) return false;
  char *end;
  double d = strtod(cell, &end);
  if (end == cell || !isfinite(d)) return true;
  if (*end == '%') end++;
  return *end != '\0';
}

/* RFC 4180 as query_format_csv promises: CRLF after every record, the same number of fields in
 * each, quotes balanced, and no cell that would run as a formula. */
static void check_csv(Arena *a, const char *s, size_t n) {
  StrBuf cell;
  sb_init(&cell, a);
  size_t i = 0, width = 0, fields = 0;
  bool first = true;
  while (i < n) {
    if (!csv_field(s, n, &i, &cell)) fuzz_fail("malformed CSV field", s, n);
    if (runs_as_formula(cell.data)) fuzz_fail("a CSV cell would run as a formula", s, n);
    fields++;
    if (i < n && s[i] == ',') {
      i++;
      continue;
    }
    if (i + 1 >= n || s[i] != '\r' || s[i + 1] != '\n')
      fuzz_fail("a CSV record without CRLF", s, n);
    i += 2;
    if (first) width = fields;
    if (fields != width) fuzz_fail("CSV records of different widths", s, n);
    first = false;
    fields = 0;
  }
}

static void print_result(Arena *a, const QueryResult *res) {
  StrBuf text;
  sb_init(&text, a);
  query_format_table(&text, res);
  fuzz_check_terminal(text.data, text.len, "the query table is not safe for a terminal");

  sb_init(&text, a);
  query_format_csv(&text, res);
  check_csv(a, text.data, text.len);

  json_t *root = json_array(); /* built is enough: jansson escapes what it dumps */
  if (!root || !query_format_json(root, a, res)) fuzz_fail("query_format_json failed", NULL, 0);
  json_decref(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 20) return -1;
  Model *m = g_model;
  Arena *run = fuzz_arena();
  Arena *model_arena = m->arena;
  SourceSet model_sources = *m->sources;
  m->arena = run;
  m->sources->arena = run;

  char *typed = arena_strndup(run, (const char *)data, size);
  char *prepared = query_adhoc_separate(run, typed, size);
  uint32_t file = source_add(m->sources, "<query>", NULL, prepared, (uint32_t)size);
  FuzzRun r = {run, *m->sources, {0}, file};
  diag_list_init(&r.diags, run);
  ParseInput in = {run, &r.diags, m->sources, file};
  size_t nattrs = 0;
  Attr **attrs = parse_clauses(&in, &nattrs);
  source_get(m->sources, file)->text = typed;
  /* Resolved even after a syntax error, as cli_query.c does: what parsed is still checked. */
  const Query *q =
      model_resolve_adhoc_query(m, &r.diags, attrs, nattrs, span_make(file, 0, (uint32_t)size));
  if (!q) fuzz_fail("model_resolve_adhoc_query returned NULL", NULL, 0);
  if (r.diags.errors == 0) {
    EvalOptions eo = {true, {0}, NULL};
    date_from_ymd(2026, 11, 23, &eo.today);
    EvalCtx *ev = eval_new(run, m, &r.diags, &eo);
    QueryResult *res = query_run(ev, q, &r.diags);
    if (res && r.diags.errors == 0) print_result(run, res);
    if (!res && r.diags.errors == 0) fuzz_fail("a query failed without a diagnostic", NULL, 0);
  }
  r.sources = *m->sources;
  fuzz_check_spans(&r);
  fuzz_render_diags(&r, false);

  *m->sources = model_sources;
  m->arena = model_arena;
  arena_free(run);
  return 0;
}
