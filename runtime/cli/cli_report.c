/* cli_report.c — `jny report FILE [-o OUT.html]`: the journey as one self-contained HTML file
 * (runtime/report). The model is built and checked as `jny check` does it, so that the
 * report's findings are check's; the page is built whole in memory, then written atomically.
 *
 * Nothing is written when the journey has errors (exit 1) or Graphviz fails (exit 2).
 */
#include <string.h>

#include "cli.h"
#include "eval.h"
#include "render.h"
#include "report.h"

const char CLI_REPORT_HELP[] =
    "Usage: jny report [OPTIONS] FILE\n"
    "\n"
    "Writes the journey as one HTML file that opens anywhere, offline, with\n"
    "scripting disabled: the header (goals, scope, owner, state, date), the map and\n"
    "flow views as inline SVG, the touchpoints, the KPIs (value, target, met,\n"
    "baseline, change, n), the pains ranked by severity and by customers affected\n"
    "(reach x drop-off), the opportunities (overdue ones marked), one view per\n"
    "persona (switched without script), what 'jny check' finds, and the journey's\n"
    "own queries as tables. It prints in landscape, a page per section. It loads\n"
    "nothing from anywhere: no script, font, image or style sheet. '-' reads\n"
    "standard input.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   where to write ('-': standard output); the default is\n"
    "                      FILE.html next to the input (standard output for\n"
    "                      standard input), and its name is printed\n"
    "  --today DATE        the date to take as today (YYYY-MM-DD) for overdue\n"
    "                      opportunities and today(): the same input and date give\n"
    "                      the same bytes\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status:\n"
    "  0  written (the findings, errors of checks included, are in the report)\n"
    "  1  the journey has errors: nothing written\n"
    "  2  usage error, an unreadable input, Graphviz failure (E0601), output that\n"
    "     cannot be written\n";

enum { OPT_OUTPUT, OPT_TODAY, OPT_HELP };

static const CliOption REPORT_OPTIONS[] = {
    {"output", 'o', true, OPT_OUTPUT},
    {"today", 0, true, OPT_TODAY},
    {"help", 'h', false, OPT_HELP},
};

typedef struct ReportOptions {
  const char *file, *output;
  bool has_today;
  Date today;
} ReportOptions;

/* Returns -1 when the options are fine, or the exit status to stop with. */
static int parse_options(Cli *cli, int argc, char **argv, ReportOptions *o) {
  CliArgs args;
  cli_args_init(&args, argc, argv, REPORT_OPTIONS,
                sizeof REPORT_OPTIONS / sizeof REPORT_OPTIONS[0]);
  memset(o, 0, sizeof *o);
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPERAND) {
      if (o->file)
        return cli_usage_error(cli, "one file at a time, not '%s' too", cli_quote(cli, a.value));
      o->file = a.value;
    } else if (a.id == OPT_HELP) {
      return cli_print_help(cli, CLI_REPORT_HELP);
    } else if (a.id == OPT_OUTPUT) {
      o->output = a.value;
    } else if (!(o->has_today = cli_option_today(cli, a.value, &o->today))) {
      return CLI_EXIT_USAGE;
    }
  }
  if (!o->file) return cli_usage_error(cli, "no file to report on (use '-' for standard input)");
  return -1;
}

/* "dir/grocery.jny" -> "dir/grocery.html" */
static const char *default_output(Cli *cli, const char *file) {
  if (strcmp(file, "-") == 0) return "-";
  const char *slash = strrchr(file, '/'), *dot = strrchr(file, '.');
  const char *base = slash ? slash + 1 : file;
  size_t n = dot && dot > base ? (size_t)(dot - file) : strlen(file);
  return arena_printf(cli->arena, "%.*s.html", (int)n, file);
}

/* What `jny check` adds to the model's own diagnostics: types, KPIs and every check. */
static void run_checks(Cli *cli, const ReportOptions *o, CliModel *cm) {
  EvalOptions eo = {o->has_today, o->today};
  EvalCtx *ev = eval_new(cli->arena, cm->model, &cm->diags, &eo);
  if (eval_check_model(ev))
    for (size_t i = 0; i < cm->model->kpis.len; i++) {
      Value v;
      eval_kpi_value(ev, cm->model->kpis.items[i], &v);
    }
  check_run_all(ev);
  diag_sort(&cm->diags);
}

static size_t count_user_files(const SourceSet *set) {
  size_t n = 0;
  for (uint32_t i = 0; i < set->len; i++) n += !set->items[i]->is_stdlib;
  return n;
}

int cli_report(Cli *cli, int argc, char **argv) {
  ReportOptions o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;
  CliModel cm;
  int status = cli_load_model(cli, o.file, &cm);
  if (status != CLI_EXIT_OK) return status;
  run_checks(cli, &o, &cm);

  /* The values shown come from an evaluator of their own: what it cannot compute is shown as
   * missing, and its messages (check's to report) stay out of the findings. */
  DiagList scratch, diags;
  diag_list_init(&scratch, cli->arena);
  diag_list_init(&diags, cli->arena);
  EvalOptions eo = {o.has_today, o.today};
  ReportInput in = {
      .model = cm.model,
      .ev = eval_new(cli->arena, cm.model, &scratch, &eo),
      .findings = &cm.diags,
      .sources = &cm.sources,
      .nfiles = count_user_files(&cm.sources),
      .backend = render_backend_open(cli->arena),
      .origin = strcmp(o.file, "-") == 0 ? "<stdin>" : o.file,
  };
  StrBuf page;
  sb_init(&page, cli->arena);
  bool drawn = report_html(&page, &in, &diags);
  render_backend_close(in.backend);
  diag_sort(&diags);
  cli_print_diags(cli, &cm.sources, &diags, 1);
  if (!drawn) return CLI_EXIT_USAGE;
  const char *out = o.output ? o.output : default_output(cli, o.file);
  if (!cli_write_output(cli, out, sb_str(&page), page.len)) return CLI_EXIT_USAGE;
  if (!o.output && strcmp(out, "-") != 0)
    cli_print(cli, arena_printf(cli->arena, "wrote %s\n", cli_quote(cli, out)));
  return CLI_EXIT_OK;
}
