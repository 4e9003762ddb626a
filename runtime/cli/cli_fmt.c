/* cli_fmt.c — `jny fmt [--check | -w] FILE…`: print, check or rewrite files in the canonical
 * layout (fmt.h).
 *
 * Only the syntax matters here: a file is parsed, not resolved, so a file with unknown names
 * still formats. A file with syntax errors is never touched: its diagnostics go to standard
 * error and the status is 1. `-w` writes a temporary file in the same folder and renames it
 * over the original, so a crash or a full disk never leaves half a file behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag_render.h"
#include "fmt.h"
#include "parse.h"

const char CLI_FMT_HELP[] =
    "Usage: jny fmt [OPTIONS] FILE...\n"
    "\n"
    "Formats journey files in the canonical layout: two-space indent, one attribute\n"
    "per line, one blank line between declarations (consecutive one-line declarations\n"
    "of the same kind stay together), nothing aligned. Strings and numbers are kept\n"
    "as written and every comment is kept. Without an option the formatted text is\n"
    "written to standard output. '-' reads standard input.\n"
    "A file with syntax errors is reported on standard error and left as it is.\n"
    "\n"
    "Options:\n"
    "  --check       write nothing; name each file whose layout would change\n"
    "  -w, --write   rewrite the files in place (only those that change)\n"
    "  --color WHEN  colour of syntax errors: auto (default), always or never\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit status:\n"
    "  0  every file formatted (--check: every file already in the layout)\n"
    "  1  a file has syntax errors (--check: or would change)\n"
    "  2  usage error, a file that cannot be read or written\n";

typedef enum FmtMode { MODE_PRINT, MODE_CHECK, MODE_WRITE } FmtMode;

enum { OPT_CHECK, OPT_WRITE, OPT_COLOR, OPT_HELP };

static const CliOption FMT_OPTIONS[] = {
    {"check", 0, false, OPT_CHECK},
    {"write", 'w', false, OPT_WRITE},
    {"color", 0, true, OPT_COLOR},
    {"help", 'h', false, OPT_HELP},
};

typedef struct FmtRun {
  FmtMode mode;
  CliColor color;
  const char **files;
  size_t nfiles;
} FmtRun;

/* Returns -1 when the options are fine, or the exit status to stop with. */
static int parse_options(Cli *cli, int argc, char **argv, FmtRun *o) {
  CliArgs args;
  cli_args_init(&args, argc, argv, FMT_OPTIONS, sizeof FMT_OPTIONS / sizeof FMT_OPTIONS[0]);
  memset(o, 0, sizeof *o);
  o->files = arena_alloc(cli->arena, (size_t)argc * sizeof *o->files);
  bool check = false, write = false;
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPERAND) {
      o->files[o->nfiles++] = a.value;
      continue;
    }
    switch (a.id) {
    case OPT_HELP: return cli_print_help(cli, CLI_FMT_HELP);
    case OPT_CHECK: check = true; break;
    case OPT_WRITE: write = true; break;
    case OPT_COLOR:
      if (!cli_parse_color(a.value, &o->color))
        return cli_usage_error(cli, "unknown --color value '%s' (expected auto, always or never)",
                               cli_quote(cli, a.value));
      break;
    }
  }
  if (check && write) return cli_usage_error(cli, "--check and -w cannot be used together");
  o->mode = check ? MODE_CHECK : write ? MODE_WRITE : MODE_PRINT;
  if (o->nfiles == 0)
    return cli_usage_error(cli, "no files to format (use '-' for standard input)");
  size_t stdin_count = 0;
  for (size_t i = 0; i < o->nfiles; i++) stdin_count += strcmp(o->files[i], "-") == 0;
  if (stdin_count > 1) return cli_usage_error(cli, "standard input ('-') named more than once");
  if (stdin_count && o->mode == MODE_WRITE)
    return cli_usage_error(cli, "-w cannot rewrite standard input; leave -w out to print");
  return -1;
}

/* Syntax errors of one file, rendered on standard error. Colour follows standard error. */
static void report_errors(Cli *cli, const FmtRun *o, const SourceSet *set, DiagList *diags) {
  bool color =
      o->color == CLI_COLOR_ALWAYS || (o->color == CLI_COLOR_AUTO && isatty(STDERR_FILENO) == 1 &&
                                       !(getenv("NO_COLOR") && *getenv("NO_COLOR")) &&
                                       !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0));
  DiagRenderOptions ropt = {color};
  StrBuf out;
  sb_init(&out, cli->arena);
  diag_sort(diags);
  for (size_t i = 0; i < diags->len; i++) {
    if (i > 0) sb_putc(&out, '\n');
    diag_render_text(&out, set, diags->items[i], &ropt);
  }
  fwrite(out.data, 1, out.len, stderr);
  cli_error(cli, "%s not formatted: it has syntax errors", cli_quote(cli, set->items[0]->name));
}

/* Formats one file; returns its exit status. Each file has its own source set so that the
 * diagnostics of one never mention another. */
static int format_one(Cli *cli, const FmtRun *o, const char *arg) {
  FileText ft;
  if (!cli_read_input(cli, arg, &ft)) return CLI_EXIT_USAGE;
  bool is_stdin = strcmp(arg, "-") == 0;
  SourceSet set;
  source_set_init(&set, cli->arena);
  const char *name = is_stdin ? "<stdin>" : arg;
  uint32_t file = source_add(&set, name, is_stdin ? NULL : arg, ft.text, (uint32_t)ft.len);
  DiagList diags;
  diag_list_init(&diags, cli->arena);
  ParseInput in = {cli->arena, &diags, &set, file};
  AstFile *ast = parse_file(&in);
  if (diags.errors > 0) {
    report_errors(cli, o, &set, &diags);
    return CLI_EXIT_FAIL;
  }
  size_t len;
  const char *text = fmt_file(cli->arena, source_get(&set, file), ast, &len);
  bool same = len == ft.len && memcmp(text, ft.text, len) == 0;
  switch (o->mode) {
  case MODE_PRINT: cli_write(cli, text, len); return CLI_EXIT_OK;
  case MODE_CHECK:
    if (same) return CLI_EXIT_OK;
    cli_print(cli, arena_printf(cli->arena, "%s\n", cli_quote(cli, name)));
    return CLI_EXIT_FAIL;
  case MODE_WRITE:
    if (same) return CLI_EXIT_OK;
    /* atomically, keeping the mode, through a symbolic link (cli_model.c) */
    return cli_write_output(cli, arg, text, len) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
  }
  return CLI_EXIT_OK;
}

int cli_fmt(Cli *cli, int argc, char **argv) {
  FmtRun o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;
  int status = CLI_EXIT_OK;
  for (size_t i = 0; i < o.nfiles; i++) {
    int s = format_one(cli, &o, o.files[i]);
    if (s > status) status = s;
  }
  return status;
}
