/* cli_common.c — what every command shares (see cli.h): option parsing, messages with
 * did-you-mean, reading the files named on the command line, the colour decision, and checked
 * writes to standard output, so that a full disk or a closed pipe is noticed and reported once.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag_render.h"
#include "parse.h"
#include "strbuf.h"
#include "suggest.h"

/* ---- messages ---------------------------------------------------------------------------- */

static void vreport(Cli *cli, const char *fmt, va_list ap) {
  if (cli->command)
    fprintf(stderr, "jny %s: ", cli->command);
  else
    fputs("jny: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void cli_error(Cli *cli, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(cli, fmt, ap);
  va_end(ap);
}

int cli_usage_error(Cli *cli, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(cli, fmt, ap);
  va_end(ap);
  if (cli->command)
    fprintf(stderr, "Run 'jny help %s' for usage.\n", cli->command);
  else
    fputs("Run 'jny help' for usage.\n", stderr);
  return CLI_EXIT_USAGE;
}

const char *cli_quote(Cli *cli, const char *s) {
  StrBuf sb;
  sb_init(&sb, cli->arena);
  diag_escape(&sb, s, strlen(s));
  return arena_strdup(cli->arena, sb_str(&sb));
}

const char *cli_suggest(Cli *cli, const char *word, const char *const *candidates, size_t n) {
  Suggest sg;
  suggest_init(&sg, cli->arena, word);
  for (size_t i = 0; i < n; i++) suggest_offer(&sg, candidates[i], NULL);
  return suggest_best(&sg);
}

/* ---- option parsing ---------------------------------------------------------------------- */

void cli_args_init(CliArgs *args, int argc, char **argv, const CliOption *options,
                   size_t noptions) {
  memset(args, 0, sizeof *args);
  args->argc = argc;
  args->argv = argv;
  args->next = 1;
  args->options = options;
  args->noptions = noptions;
}

static CliArg arg_error(void) { return (CliArg){CLI_ARG_ERROR, 0, NULL}; }

static int unknown_option(Cli *cli, const CliArgs *args, const char *word) {
  const char *names[64];
  size_t n = 0;
  for (size_t i = 0; i < args->noptions && n < 64; i++)
    names[n++] = arena_printf(cli->arena, "--%s", args->options[i].name);
  const char *hint = word[1] == '-' ? cli_suggest(cli, word, names, n) : NULL;
  if (hint)
    return cli_usage_error(cli, "unknown option '%s'; did you mean '%s'?", cli_quote(cli, word),
                           hint);
  return cli_usage_error(cli, "unknown option '%s'", cli_quote(cli, word));
}

/* The value of an option: attached (--x=v, -xv) or the next argument. */
static CliArg option_value(Cli *cli, CliArgs *args, const CliOption *o, const char *attached,
                           const char *spelled) {
  if (!o->has_value) {
    if (attached) {
      cli_usage_error(cli, "option '%s' takes no value", spelled);
      return arg_error();
    }
    return (CliArg){CLI_ARG_OPTION, o->id, NULL};
  }
  if (attached) return (CliArg){CLI_ARG_OPTION, o->id, attached};
  if (args->next >= args->argc) {
    cli_usage_error(cli, "option '%s' needs a value", spelled);
    return arg_error();
  }
  return (CliArg){CLI_ARG_OPTION, o->id, args->argv[args->next++]};
}

static CliArg long_option(Cli *cli, CliArgs *args, const char *word) {
  const char *name = word + 2;
  const char *eq = strchr(name, '=');
  size_t len = eq ? (size_t)(eq - name) : strlen(name);
  for (size_t i = 0; i < args->noptions; i++) {
    const CliOption *o = &args->options[i];
    if (strlen(o->name) != len || strncmp(o->name, name, len) != 0) continue;
    const char *spelled = arena_printf(cli->arena, "--%s", o->name);
    return option_value(cli, args, o, eq ? eq + 1 : NULL, spelled);
  }
  unknown_option(cli, args, eq ? arena_strndup(cli->arena, word, (size_t)(eq - word)) : word);
  return arg_error();
}

static CliArg short_option(Cli *cli, CliArgs *args, const char *word) {
  for (size_t i = 0; i < args->noptions; i++) {
    const CliOption *o = &args->options[i];
    if (o->short_name && o->short_name == word[1]) {
      const char *rest = word[2] ? word + 2 : NULL;
      return option_value(cli, args, o, rest, arena_printf(cli->arena, "-%c", o->short_name));
    }
  }
  unknown_option(cli, args, word);
  return arg_error();
}

CliArg cli_args_next(Cli *cli, CliArgs *args) {
  if (args->next >= args->argc) return (CliArg){CLI_ARG_END, 0, NULL};
  const char *word = args->argv[args->next++];
  if (args->operands_only || word[0] != '-' || word[1] == '\0')
    return (CliArg){CLI_ARG_OPERAND, 0, word};
  if (strcmp(word, "--") == 0) {
    args->operands_only = true;
    return cli_args_next(cli, args);
  }
  return word[1] == '-' ? long_option(cli, args, word) : short_option(cli, args, word);
}

/* ---- inputs and values ------------------------------------------------------------------- */

bool cli_read_input(Cli *cli, const char *arg, FileText *out) {
  const char *why = NULL;
  bool ok = strcmp(arg, "-") == 0 ? file_read_stream(cli->arena, stdin, out, &why)
                                  : file_read_all(cli->arena, arg, out, &why);
  if (!ok)
    cli_error(cli, "cannot read '%s': %s", strcmp(arg, "-") == 0 ? "<stdin>" : cli_quote(cli, arg),
              why ? why : "unknown error");
  return ok;
}

static bool digits_at(const char *s, size_t from, size_t n, int *value) {
  int v = 0;
  for (size_t i = from; i < from + n; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

bool cli_parse_date(const char *s, Date *out) {
  int y, m, d;
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits_at(s, 0, 4, &y) || !digits_at(s, 5, 2, &m) || !digits_at(s, 8, 2, &d)) return false;
  return date_from_ymd(y, m, d, out);
}

bool cli_option_today(Cli *cli, const char *value, Date *out) {
  if (cli_parse_date(value, out)) return true;
  cli_usage_error(cli, "invalid date '%s' for --today (expected a calendar day as YYYY-MM-DD)",
                  cli_quote(cli, value));
  return false;
}

bool cli_parse_color(const char *s, CliColor *out) {
  static const char *const NAMES[] = {"auto", "always", "never"};
  for (int i = 0; i < 3; i++)
    if (strcmp(s, NAMES[i]) == 0) {
      *out = (CliColor)i;
      return true;
    }
  return false;
}

bool cli_use_color(const Cli *cli, CliColor mode) {
  if (mode != CLI_COLOR_AUTO) return mode == CLI_COLOR_ALWAYS;
  const char *no_color = getenv("NO_COLOR"); /* https://no-color.org: set and not empty */
  if (no_color && no_color[0]) return false;
  const char *term = getenv("TERM");
  if (term && strcmp(term, "dumb") == 0) return false;
  return cli->stdout_tty;
}

/* ---- output ------------------------------------------------------------------------------ */

void cli_write(Cli *cli, const char *s, size_t n) {
  if (cli->out_errno || n == 0) return;
  errno = 0;
  if (fwrite(s, 1, n, stdout) != n) cli->out_errno = errno ? errno : EIO;
}

void cli_print(Cli *cli, const char *s) { cli_write(cli, s, strlen(s)); }

static int dump_chunk(const char *buffer, size_t size, void *data) {
  Cli *cli = data;
  cli_write(cli, buffer, size);
  return cli->out_errno ? -1 : 0;
}

int cli_print_help(Cli *cli, const char *help) {
  cli_print(cli, help);
  return CLI_EXIT_OK;
}

void cli_write_json(Cli *cli) {
  json_t *root = cli->json;
  size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
  int rc = json_dump_callback(root, dump_chunk, cli, flags);
  if (rc != 0 && !cli->out_errno) cli_out_of_memory(cli); /* jansson's own allocation failed */
  cli->json = NULL;
  json_decref(root);
  cli_write(cli, "\n", 1);
}

int cli_finish(Cli *cli, int status) {
  if (!cli->out_errno) {
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) cli->out_errno = errno ? errno : EIO;
  }
  if (!cli->out_errno || cli->out_errno == EPIPE) return status;
  const char *saved = cli->command;
  cli->command = NULL;
  cli_error(cli, "cannot write to standard output: %s", strerror(cli->out_errno));
  cli->command = saved;
  return CLI_EXIT_USAGE;
}

_Noreturn void cli_out_of_memory(Cli *cli) { longjmp(*cli->on_oom, 1); }
