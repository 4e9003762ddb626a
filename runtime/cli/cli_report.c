/* cli_report.c — `jny report FILE [-o OUT.html]`: the journey as one self-contained HTML file
 * (runtime/report). The journey is checked as `jny check` does it (runtime/session), so that
 * the report's findings are check's; the page is built whole in memory, then written
 * atomically.
 *
 * Nothing is written when the journey has errors (exit 1) or Graphviz fails (exit 2).
 */
#include <string.h>

#include "cli.h"
#include "eval.h"
#include "render.h"
#include "report.h"
#include "session.h"

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

int cli_report(Cli *cli, int argc, char **argv) {
  ReportOptions o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;
  FileText ft;
  if (!cli_read_input(cli, o.file, &ft)) return CLI_EXIT_USAGE;
  bool is_stdin = strcmp(o.file, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : o.file;
  SessionFile root = {name, is_stdin ? NULL : o.file, ft.text, ft.len};
  /* checked as `jny check` does it: the diagnostics are the report's findings */
  SessionOptions so = {SESSION_CHECK, o.has_today, o.today, cli_jny_path(), NULL};
  Session s;
  session_check(&s, cli->arena, &root, 1, &so);
  if (!s.resolved) { /* errors in the journey: reported, nothing written */
    cli_print_diags(cli, &s.sources, &s.diags, s.nfiles);
    return CLI_EXIT_FAIL;
  }

  /* The values shown come from an evaluator of their own: what it cannot compute is shown as
   * missing, and its messages (check's to report) stay out of the findings. */
  DiagList diags;
  diag_list_init(&diags, cli->arena);
  ReportInput in = {
      .model = s.model,
      .ev = session_quiet_eval(&s, &so),
      .findings = &s.diags,
      .sources = &s.sources,
      .nfiles = s.nfiles,
      .backend = render_backend_open(cli->arena),
      .origin = name,
  };
  StrBuf page;
  sb_init(&page, cli->arena);
  bool drawn = report_html(&page, &in, &diags);
  render_backend_close(in.backend);
  diag_sort(&diags);
  cli_print_diags(cli, &s.sources, &diags, 1);
  if (!drawn) return CLI_EXIT_USAGE;
  const char *out = o.output ? o.output : default_output(cli, o.file);
  if (!cli_write_output(cli, out, sb_str(&page), page.len)) return CLI_EXIT_USAGE;
  if (!o.output && strcmp(out, "-") != 0)
    cli_print(cli, arena_printf(cli->arena, "wrote %s\n", cli_quote(cli, out)));
  return CLI_EXIT_OK;
}
