/* cli_check.c — `jny check FILE…`: read the files, check them (runtime/session/session.h:
 * model, types, KPIs, every `check`), print every diagnostic and a summary, and turn the counts
 * into an exit status.
 *
 * The files named are read before anything is checked: if one cannot be read, nothing is
 * checked and the status is 2, so that CI never passes on a half-checked set.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "diag_render.h"
#include "session.h"
#include "strbuf.h"
#include "version.h"

const char CLI_CHECK_HELP[] =
    "Usage: jny check [OPTIONS] FILE...\n"
    "\n"
    "Reads the journey files, follows their 'use' lines, and reports every problem\n"
    "found while parsing and resolving them: syntax, duplicate and unknown names,\n"
    "references of the wrong kind, attributes and their values, modules. When there is\n"
    "no error, types every expression and runs every 'check' block (std.lint's too),\n"
    "each broken rule reported at the entity that breaks it. Then prints a summary\n"
    "line. '-' reads standard input (shown as <stdin>). A file named twice is checked\n"
    "once.\n"
    "\n"
    "Options:\n"
    "  --format text|json|sarif\n"
    "                      output format (default text); json is one object with\n"
    "                      \"version\", \"diagnostics\" and \"summary\"; sarif is\n"
    "                      SARIF 2.1.0 for code-scanning dashboards\n"
    "  --strict            warnings fail the check too (exit status 1)\n"
    "  --color WHEN        auto (default), always or never; auto colours only a\n"
    "                      terminal, and not when NO_COLOR is set and not empty\n"
    "  --today DATE        the date to take as today (YYYY-MM-DD) for today() and\n"
    "                      overdue opportunities, for reproducible runs\n"
    "  -h, --help          show this help\n"
    "\n"
    "Environment:\n"
    "  JNY_PATH   folders (separated by ':') searched for 'use' modules after the\n"
    "             standard library\n"
    "  NO_COLOR   when set and not empty, no colour unless --color always\n"
    "\n"
    "Exit status:\n"
    "  0  no errors (warnings allowed unless --strict)\n"
    "  1  errors found (or warnings, with --strict)\n"
    "  2  usage error, a file that cannot be read, output that cannot be written\n";

typedef enum CheckFormat { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF } CheckFormat;

typedef struct CheckOptions {
  CheckFormat format;
  bool strict;
  CliColor color;
  bool has_today;
  Date today; /* for today() and `overdue` */
  const char **files;
  size_t nfiles;
} CheckOptions;

enum { OPT_FORMAT, OPT_STRICT, OPT_COLOR, OPT_TODAY, OPT_HELP };

static const CliOption CHECK_OPTIONS[] = {
    {"format", 0, true, OPT_FORMAT}, {"strict", 0, false, OPT_STRICT},
    {"color", 0, true, OPT_COLOR},   {"today", 0, true, OPT_TODAY},
    {"help", 'h', false, OPT_HELP},
};

/* Applies one option; returns false after reporting a bad value. */
static bool apply_option(Cli *cli, CheckOptions *o, const CliArg *a) {
  switch (a->id) {
  case OPT_FORMAT:
    if (strcmp(a->value, "text") == 0)
      o->format = FORMAT_TEXT;
    else if (strcmp(a->value, "json") == 0)
      o->format = FORMAT_JSON;
    else if (strcmp(a->value, "sarif") == 0)
      o->format = FORMAT_SARIF;
    else {
      cli_usage_error(cli, "unknown format '%s' (expected text, json or sarif)",
                      cli_quote(cli, a->value));
      return false;
    }
    return true;
  case OPT_STRICT: o->strict = true; return true;
  case OPT_COLOR:
    if (cli_parse_color(a->value, &o->color)) return true;
    cli_usage_error(cli, "unknown --color value '%s' (expected auto, always or never)",
                    cli_quote(cli, a->value));
    return false;
  case OPT_TODAY: return o->has_today = cli_option_today(cli, a->value, &o->today);
  }
  return false;
}

/* Returns -1 when the options are fine, or the exit status to stop with. */
static int parse_options(Cli *cli, int argc, char **argv, CheckOptions *o) {
  CliArgs args;
  cli_args_init(&args, argc, argv, CHECK_OPTIONS, sizeof CHECK_OPTIONS / sizeof CHECK_OPTIONS[0]);
  memset(o, 0, sizeof *o);
  o->files = arena_alloc(cli->arena, (size_t)argc * sizeof *o->files);
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPERAND)
      o->files[o->nfiles++] = a.value;
    else if (a.id == OPT_HELP)
      return cli_print_help(cli, CLI_CHECK_HELP);
    else if (!apply_option(cli, o, &a))
      return CLI_EXIT_USAGE;
  }
  if (o->nfiles == 0) return cli_usage_error(cli, "no files to check (use '-' for standard input)");
  return -1;
}

/* Identity of a file already read, so that `jny check a.jny ./a.jny` checks it once. */
typedef struct SeenFile {
  dev_t dev;
  ino_t ino;
} SeenFile;

static bool seen_before(const char *path, SeenFile *seen, size_t *nseen) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return false; /* reading will say why */
  for (size_t i = 0; i < *nseen; i++)
    if (seen[i].dev == st.st_dev && seen[i].ino == st.st_ino) return true;
  seen[(*nseen)++] = (SeenFile){st.st_dev, st.st_ino};
  return false;
}

/* Reads every file named. Returns false when any could not be read (each reported), or when
 * standard input was named twice. */
static bool read_roots(Cli *cli, const CheckOptions *o, SessionFile *roots, size_t *nroots) {
  SeenFile *seen = arena_alloc(cli->arena, o->nfiles * sizeof *seen);
  size_t nseen = 0;
  bool ok = true, stdin_used = false;
  for (size_t i = 0; i < o->nfiles; i++) {
    const char *arg = o->files[i];
    bool is_stdin = strcmp(arg, "-") == 0;
    if (is_stdin && stdin_used) {
      cli_usage_error(cli, "standard input ('-') named more than once");
      return false;
    }
    stdin_used |= is_stdin;
    if (!is_stdin && seen_before(arg, seen, &nseen)) continue;
    FileText ft;
    if (!cli_read_input(cli, arg, &ft)) {
      ok = false;
      continue;
    }
    roots[(*nroots)++] =
        (SessionFile){is_stdin ? "<stdin>" : arg, is_stdin ? NULL : arg, ft.text, ft.len};
  }
  return ok;
}

static void print_text(Cli *cli, const CheckOptions *o, const SourceSet *set, const DiagList *diags,
                       size_t nfiles) {
  DiagRenderOptions ropt = {cli_use_color(cli, o->color)};
  StrBuf out;
  sb_init(&out, cli->arena);
  for (size_t i = 0; i < diags->len; i++) {
    if (i > 0) sb_putc(&out, '\n');
    diag_render_text(&out, set, diags->items[i], &ropt);
  }
  if (diags->len > 0) sb_putc(&out, '\n');
  diag_render_summary(&out, diags, nfiles, &ropt);
  cli_write(cli, out.data, out.len);
}

static void print_json(Cli *cli, const CheckOptions *o, const SourceSet *set, const DiagList *diags,
                       size_t nfiles) {
  cli->json = json_object();
  bool ok = cli->json && (o->format == FORMAT_SARIF
                              ? diag_render_sarif(cli->json, cli->arena, set, diags, JNY_VERSION)
                              : diag_render_json(cli->json, cli->arena, set, diags, nfiles));
  if (!ok) cli_out_of_memory(cli);
  cli_write_json(cli);
}

int cli_check(Cli *cli, int argc, char **argv) {
  CheckOptions o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;

  SessionFile *roots = arena_alloc(cli->arena, o.nfiles * sizeof *roots);
  size_t nroots = 0;
  if (!read_roots(cli, &o, roots, &nroots)) return CLI_EXIT_USAGE;

  SessionOptions so = {SESSION_CHECK, o.has_today, o.today, cli_jny_path(), NULL};
  Session s;
  session_check(&s, cli->arena, roots, nroots, &so);

  if (o.format != FORMAT_TEXT)
    print_json(cli, &o, &s.sources, &s.diags, s.nfiles);
  else
    print_text(cli, &o, &s.sources, &s.diags, s.nfiles);

  if (s.diags.errors > 0 || (o.strict && s.diags.warnings > 0)) return CLI_EXIT_FAIL;
  return CLI_EXIT_OK;
}
