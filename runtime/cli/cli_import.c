/* cli_import.c — `jny import mermaid FILE.mmd [-o FILE.jny]`: a Mermaid journey diagram as a
 * .jny file in `jny fmt`'s layout (runtime/mermaid/mermaid_import.c).
 *
 * Errors are reported at their line and column in the Mermaid file, and nothing is written;
 * the output goes to standard output, or atomically to -o's file.
 */
#include <string.h>

#include "cli.h"
#include "mermaid.h"

const char CLI_IMPORT_HELP[] =
    "Usage: jny import mermaid [OPTIONS] FILE\n"
    "\n"
    "Reads a Mermaid journey diagram and writes it as a .jny file in 'jny fmt's\n"
    "layout: each section a stage, each task a touchpoint of it, its 1-5 score an\n"
    "emotion (1 -> -3, 2 -> -2, 3 -> 0, 4 -> +2, 5 -> +3), its actors personas.\n"
    "The '%% jny' comment lines that 'jny export --format mermaid' writes restore\n"
    "the exact ids, names, emotions and everything else, unless the diagram was\n"
    "edited there: what the diagram shows wins. '-' reads standard input.\n"
    "\n"
    "Options:\n"
    "  -o FILE       write to FILE (replaced atomically) instead of standard\n"
    "                output; '-o -' is standard output\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit status:\n"
    "  0  written\n"
    "  1  the file is not a Mermaid journey, or has errors (E0801-E0804, at their\n"
    "     line and column): nothing written\n"
    "  2  usage error, a file that cannot be read, output that cannot be written\n";

enum { OPT_OUTPUT, OPT_HELP };

static const CliOption IMPORT_OPTIONS[] = {
    {"output", 'o', true, OPT_OUTPUT},
    {"help", 'h', false, OPT_HELP},
};

typedef struct ImportOptions {
  const char *format, *file, *output;
} ImportOptions;

/* Returns -1 when the options are fine, or the exit status to stop with. */
static int parse_options(Cli *cli, int argc, char **argv, ImportOptions *o) {
  CliArgs args;
  cli_args_init(&args, argc, argv, IMPORT_OPTIONS,
                sizeof IMPORT_OPTIONS / sizeof IMPORT_OPTIONS[0]);
  memset(o, 0, sizeof *o);
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPTION && a.id == OPT_HELP) return cli_print_help(cli, CLI_IMPORT_HELP);
    if (a.kind == CLI_ARG_OPTION) {
      o->output = a.value;
    } else if (!o->format) {
      o->format = a.value;
    } else if (!o->file) {
      o->file = a.value;
    } else {
      return cli_usage_error(cli, "one file at a time, not '%s' too", cli_quote(cli, a.value));
    }
  }
  if (!o->format) return cli_usage_error(cli, "what to import: 'jny import mermaid FILE.mmd'");
  if (strcmp(o->format, "mermaid") != 0) {
    static const char *const FORMATS[] = {"mermaid"};
    const char *hint = cli_suggest(cli, o->format, FORMATS, 1);
    return cli_usage_error(cli, "unknown format '%s'%s (jny imports mermaid)",
                           cli_quote(cli, o->format), hint ? "; did you mean 'mermaid'?" : "");
  }
  if (!o->file) return cli_usage_error(cli, "no file to import (use '-' for standard input)");
  return -1;
}

int cli_import(Cli *cli, int argc, char **argv) {
  ImportOptions o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;
  FileText ft;
  if (!cli_read_input(cli, o.file, &ft)) return CLI_EXIT_USAGE;
  bool is_stdin = strcmp(o.file, "-") == 0;
  SourceSet sources;
  source_set_init(&sources, cli->arena);
  uint32_t file = source_add(&sources, is_stdin ? "<stdin>" : o.file, is_stdin ? NULL : o.file,
                             ft.text, (uint32_t)ft.len);
  DiagList diags;
  diag_list_init(&diags, cli->arena);
  size_t len = 0;
  const char *name = o.output && strcmp(o.output, "-") != 0 ? o.output : "<imported>";
  const char *jny = mermaid_import(cli->arena, &sources, file, name, &diags, &len);
  diag_sort(&diags);
  cli_print_diags(cli, &sources, &diags, 1);
  if (!jny) return CLI_EXIT_FAIL;
  return cli_write_output(cli, o.output, jny, len) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
