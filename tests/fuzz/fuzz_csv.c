/* fuzz_csv.c — the `data` loader (runtime/eval/data_csv.c, data.h) on any bytes: the input is the
 * CSV file of `data d from "in.csv"` in a fixed model, with a delimiter chosen by its first
 * byte when that is one of , ; TAB | (the rest is the file then). The table is loaded
 * (data_rows), its columns typed, the cells of the usual survey columns read back with where
 * they came from (data_cell_origin reads the row again from the file), and nps, csat and ces
 * computed over `score` (kpi measures) and a query printed. Whatever the file: no crash, no
 * leak, no undefined behaviour, spans inside the sources, the diagnostics (which quote the
 * file's bytes) safe for a terminal, and the query's table too.
 *
 * The loader reads a file, so the input is written to a folder of its own in /dev/shm (memory)
 * made at start-up and removed at exit.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data.h"
#include "eval.h"
#include "fuzz_common.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer calls us with no context: the folder and the open input file of the process. */
static char g_dir[64];
static char g_csv[96];
static int g_fd = -1;

static void remove_dir(void) {
  if (g_fd >= 0) close(g_fd);
  unlink(g_csv);
  rmdir(g_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  snprintf(g_dir, sizeof g_dir, "/dev/shm/jny-fuzz-csv.XXXXXX");
  if (!mkdtemp(g_dir)) {
    snprintf(g_dir, sizeof g_dir, "/tmp/jny-fuzz-csv.XXXXXX");
    if (!mkdtemp(g_dir)) {
      perror("fuzz_csv: mkdtemp");
      exit(2);
    }
  }
  snprintf(g_csv, sizeof g_csv, "%s/in.csv", g_dir);
  g_fd = open(g_csv, O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (g_fd < 0) {
    perror("fuzz_csv: in.csv");
    exit(2);
  }
  atexit(remove_dir);
  return 0;
}

/* The model around the file; %s is the delimiter line (or nothing for the comma). */
static const char MODEL[] = "data d from \"in.csv\" {%s}\n"
                            "kpi k_nps { measure nps([r.score for r in d]) }\n"
                            "kpi k_csat { measure csat([r.score for r in d]) }\n"
                            "kpi k_ces { measure ces([r.score for r in d], \"mean\") }\n"
                            "query q {\n"
                            "  from r in d\n"
                            "  where r.line > 1\n"
                            "  select r.line, r\n"
                            "  order r.line desc\n"
                            "}\n";

/* Columns the seeds have (the CSV files of tests/data, examples): read back when present. */
static const char *const COLUMNS[] = {"score", "respondent", "touchpoint", "answered", "when",
                                      "rate",  "comment",    "a",          "b",        "c",
                                      "name",  "line",       "id",         "share",    "visited"};
enum { NCOLUMNS = sizeof COLUMNS / sizeof COLUMNS[0], MAX_ROWS_READ = 32 };

static bool write_input(const uint8_t *data, size_t size) {
  if (ftruncate(g_fd, 0) != 0) return false;
  for (size_t done = 0; done < size;) {
    ssize_t n = pwrite(g_fd, data + done, size - done, (off_t)done);
    if (n <= 0) return false;
    done += (size_t)n;
  }
  return true;
}

/* Reads every known column of the first rows, as `r.column` does, and where each number came
 * from. */
static void read_cells(EvalCtx *ev, const DataSet *ds, Arena *a) {
  Value rows;
  Type list;
  if (!data_rows(ev, ds, &rows) || !data_rows_type(ev, ds, &list)) return;
  if (rows.kind != VAL_LIST) fuzz_fail("a data table is not a list of rows", NULL, 0);
  Type row = eval_type_elem(&list);
  StrBuf sb;
  sb_init(&sb, a);
  for (size_t c = 0; c < NCOLUMNS; c++) {
    Ident id = {COLUMNS[c], ds->path_span};
    Type t;
    if (!data_type_field(ev, &row, &id, &t)) continue; /* absent: E0501, as in a query */
    for (size_t i = 0; i < rows.as.list.len && i < MAX_ROWS_READ; i++) {
      Value v;
      if (!data_row_field(ev, &rows.as.list.items[i], &id, &v)) continue;
      value_print(&sb, &v);
      data_cell_origin(ev, &v);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 20) return -1;
  const char *delim = "";
  if (size > 0 && strchr(",;\t|", data[0]) && data[0]) {
    static const char *const LINES[] = {"", " delimiter \";\" ", " delimiter \"\\t\" ",
                                        " delimiter \"|\" "};
    delim = LINES[data[0] == ';' ? 1 : data[0] == '\t' ? 2 : data[0] == '|' ? 3 : 0];
    data++, size--;
  }
  if (!write_input(data, size)) abort();

  FuzzRun r;
  char model[sizeof MODEL + 32];
  snprintf(model, sizeof model, MODEL, delim);
  fuzz_begin(&r, (const uint8_t *)model, strlen(model), "model.jny");
  source_get(&r.sources, r.file)->path = arena_printf(r.arena, "%s/model.jny", g_dir);
  uint32_t roots[1] = {r.file};
  ModelInput in = {r.arena, &r.diags, &r.sources, roots, 1, NULL, NULL};
  Model *m = model_build(&in);
  if (!m || r.diags.errors || m->datasets.len != 1)
    fuzz_fail("the fixed model of fuzz_csv has errors", model, strlen(model));

  EvalOptions eo = {true, {0}, NULL};
  date_from_ymd(2026, 11, 23, &eo.today);
  EvalCtx *ev = eval_new(r.arena, m, &r.diags, &eo);
  const DataSet *ds = m->datasets.items[0];
  read_cells(ev, ds, r.arena);
  eval_check_model(ev);
  for (size_t i = 0; i < m->kpis.len; i++) {
    Value v;
    eval_kpi_value(ev, m->kpis.items[i], &v);
  }
  if (m->queries.len == 1) {
    QueryResult *res = query_run(ev, m->queries.items[0], &r.diags);
    if (res) {
      StrBuf text;
      sb_init(&text, r.arena);
      query_format_table(&text, res);
      fuzz_check_terminal(text.data, text.len, "the query table is not safe for a terminal");
    }
  }
  fuzz_check_spans(&r);
  fuzz_render_diags(&r, false);
  fuzz_end(&r);
  return 0;
}
