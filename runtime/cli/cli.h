/* cli.h — the command line, the only part of jny that prints or decides an exit status.
 *
 * cli_main.c holds main() and the table of commands; each command lives in its own file
 * (cli_check.c, cli_explain.c, later cli_render.c, cli_query.c …) as a CliRunFn plus its help
 * text; cli_common.c has what they share: option parsing, reading inputs, colour choice,
 * checked writes to standard output, and the out-of-memory path. Nothing outside cli_main.c
 * refers to it, because the unit tests link every object but that one.
 */
#ifndef JNY_CLI_H
#define JNY_CLI_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "fileio.h"
#include "model.h"
#include "session.h"

/* Exit statuses, the same for every command (LANGUAGE.md §7). */
enum {
  CLI_EXIT_OK = 0,   /* nothing wrong (warnings allowed unless --strict) */
  CLI_EXIT_FAIL = 1, /* the input has errors, or warnings under --strict */
  CLI_EXIT_USAGE = 2 /* a usage error, an unreadable input, a failed write, out of memory */
};

struct json_t;

/* What a command runs with. Lives in the run's arena so that it survives the jump to the
 * out-of-memory handler. */
typedef struct Cli {
  Arena *arena;        /* every allocation of the run */
  jmp_buf *on_oom;     /* where arena (and jansson) allocation failures go */
  const char *command; /* the running command ("check"), for messages; NULL at the top */
  struct json_t *json; /* a jansson tree being built: released by the out-of-memory path */
  bool stdout_tty;     /* standard output is a terminal */
  int out_errno;       /* the first error writing standard output; 0 while none */
} Cli;

/* argv[0] is the command's name; options and operands follow. Returns an exit status. */
typedef int (*CliRunFn)(Cli *cli, int argc, char **argv);

typedef struct CliCommand {
  const char *name;
  const char *summary; /* one line for `jny help` */
  CliRunFn run;        /* NULL: planned, not available in this version */
  const char *help;    /* the text of `jny help NAME` and `jny NAME --help` */
} CliCommand;

/* ---- the commands ---- */
int cli_check(Cli *cli, int argc, char **argv);
extern const char CLI_CHECK_HELP[];
int cli_explain(Cli *cli, int argc, char **argv);
extern const char CLI_EXPLAIN_HELP[];
int cli_render(Cli *cli, int argc, char **argv);
extern const char CLI_RENDER_HELP[];
int cli_fmt(Cli *cli, int argc, char **argv);
extern const char CLI_FMT_HELP[];
int cli_export(Cli *cli, int argc, char **argv);
extern const char CLI_EXPORT_HELP[];
int cli_query(Cli *cli, int argc, char **argv);
extern const char CLI_QUERY_HELP[];
int cli_init(Cli *cli, int argc, char **argv);
extern const char CLI_INIT_HELP[];
int cli_import(Cli *cli, int argc, char **argv);
extern const char CLI_IMPORT_HELP[];
int cli_report(Cli *cli, int argc, char **argv);
extern const char CLI_REPORT_HELP[];

/* ---- cli_common.c: option parsing ---- */
typedef struct CliOption {
  const char *name; /* long name without the dashes: "format" */
  char short_name;  /* 'h', or 0 */
  bool has_value;   /* --name VALUE or --name=VALUE (-x VALUE or -xVALUE) */
  int id;
} CliOption;

typedef struct CliArgs {
  int argc;
  char **argv;
  int next;
  bool operands_only; /* after "--" */
  const CliOption *options;
  size_t noptions;
} CliArgs;

typedef enum CliArgKind { CLI_ARG_END, CLI_ARG_OPTION, CLI_ARG_OPERAND, CLI_ARG_ERROR } CliArgKind;

typedef struct CliArg {
  CliArgKind kind;
  int id;            /* CLI_ARG_OPTION */
  const char *value; /* the option's value, or the operand */
} CliArg;

/* Options and operands may be mixed (`jny check a.jny --strict`); "--" ends the options and a
 * lone "-" is an operand (standard input). argv[0] (the command) is skipped. */
void cli_args_init(CliArgs *args, int argc, char **argv, const CliOption *options, size_t noptions);
/* On CLI_ARG_ERROR the problem has been reported on standard error. */
CliArg cli_args_next(Cli *cli, CliArgs *args);

/* ---- cli_common.c: messages ---- */
/* "jny check: MESSAGE" on standard error. */
void cli_error(Cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, then a pointer to the help; returns CLI_EXIT_USAGE. */
int cli_usage_error(Cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* User text made safe to print (control characters escaped); in the arena. */
const char *cli_quote(Cli *cli, const char *s);
/* The candidate closest to word by edit distance, if close enough to be a likely typo. */
const char *cli_suggest(Cli *cli, const char *word, const char *const *candidates, size_t n);

/* ---- cli_common.c: inputs and values ---- */
/* Reads a named file, or standard input for "-". Reports failure on standard error. */
bool cli_read_input(Cli *cli, const char *arg, FileText *out);
/* YYYY-MM-DD, and a real calendar day. */
bool cli_parse_date(const char *s, Date *out);
/* The value of --today, which every command takes: a usage error when it is not a date. */
bool cli_option_today(Cli *cli, const char *value, Date *out);

typedef enum CliColor { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } CliColor;
bool cli_parse_color(const char *s, CliColor *out);
/* auto: only on a terminal, never with a non-empty NO_COLOR or TERM=dumb. */
bool cli_use_color(const Cli *cli, CliColor mode);

/* ---- cli_common.c: output ---- */
/* Writes to standard output; after the first failure further writes are skipped. */
void cli_write(Cli *cli, const char *s, size_t n);
void cli_print(Cli *cli, const char *s);
/* Prints a command's help text to standard output; returns CLI_EXIT_OK. */
int cli_print_help(Cli *cli, const char *help);
/* Writes cli->json (keys in insertion order, 2-space indent, final newline) and frees it. */
void cli_write_json(Cli *cli);
/* Flushes standard output. A reader that went away (EPIPE) is not an error: `status` is kept.
 * Any other write error is reported and turns the status into CLI_EXIT_USAGE. */
int cli_finish(Cli *cli, int status);
/* Jumps to the out-of-memory handler installed in main. */
_Noreturn void cli_out_of_memory(Cli *cli);

/* ---- cli_model.c: one model from one file (query, render, export) ---- */
typedef struct CliModelOptions {
  bool has_today;
  Date today; /* --today */
} CliModelOptions;
typedef struct CliModel {
  Session session; /* sources, diagnostics, model, evaluator */
  SessionOptions options;
  Model *model; /* session.model */
} CliModel;
/* Reads FILE ("-": standard input) and resolves it (SESSION_RESOLVE); its diagnostics go to
 * standard error. Returns CLI_EXIT_OK (no errors), CLI_EXIT_FAIL (errors) or CLI_EXIT_USAGE
 * (unreadable). The CliModel must stay where it is while the session is used. */
int cli_load_model(Cli *cli, const char *file, const CliModelOptions *mo, CliModel *out);
/* The JNY_PATH of the environment, or NULL when unset or empty. */
const char *cli_jny_path(void);
/* Every diagnostic, then the summary, on standard error (nothing when the list is empty). */
void cli_print_diags(Cli *cli, const SourceSet *sources, const DiagList *diags, size_t nfiles);
/* A result going to standard output (path NULL or "-") or to a file: a regular file (or a new
 * one) is written to a temporary file in the same folder and renamed over it on close, so that
 * it is never seen half-written (symbolic links followed, permissions of an existing file kept);
 * a device or pipe is written in place. */
typedef struct CliOutput {
  Cli *cli;
  const char *path;   /* NULL: standard output */
  const char *target; /* the file renamed over: path, symbolic links followed */
  char *tmp;          /* the temporary file, or NULL */
  int fd;
  bool ok;
  int err; /* the first error */
  size_t buffered;
  char buffer[1 << 16]; /* jansson hands over a few bytes at a time: one write(2) per 64 KiB */
} CliOutput;
/* Reports a failure (and returns false). */
bool cli_output_open(Cli *cli, const char *path, CliOutput *out);
void cli_output_write(CliOutput *o, const char *data, size_t n);
/* Renames the temporary file into place, or removes it after a failed write (reported). */
bool cli_output_close(CliOutput *o);
/* Writes cli->json (2-space indent, keys in insertion order, a final newline) and frees it. */
bool cli_output_json(CliOutput *o);
/* open, write, close. */
bool cli_write_output(Cli *cli, const char *path, const char *data, size_t n);

#endif
