/* cli_main.c — main(): the arena and its out-of-memory handler, SIGPIPE, and dispatch through
 * the table of commands. A new command is one row here and one file (cli_NAME.c) with its
 * CliRunFn and help text; planned commands have a row without a function so that `jny help`
 * can say truthfully what is and is not there yet.
 */
#include <jansson.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "version.h"

static int cli_help(Cli *cli, int argc, char **argv);

static const char HELP_HELP[] =
    "Usage: jny help [COMMAND]\n"
    "\n"
    "Shows the overview of jny, or the help of one command (the same text as\n"
    "'jny COMMAND --help').\n";

static const CliCommand COMMANDS[] = {
    {"init", "write a commented starter journey (classic, saas, service)", cli_init, CLI_INIT_HELP},
    {"check", "check journey files and report every problem", cli_check, CLI_CHECK_HELP},
    {"render", "draw a journey with Graphviz (svg, png, pdf, dot)", cli_render, CLI_RENDER_HELP},
    {"query", "run a named or ad-hoc query over a journey", cli_query, CLI_QUERY_HELP},
    {"fmt", "rewrite journey files in the canonical layout", cli_fmt, CLI_FMT_HELP},
    {"report", "write a one-file HTML report of a journey", cli_report, CLI_REPORT_HELP},
    {"export", "write the resolved model as JSON or a Mermaid diagram", cli_export,
     CLI_EXPORT_HELP},
    {"import", "read a Mermaid journey diagram into a .jny file", cli_import, CLI_IMPORT_HELP},
    {"explain", "describe a diagnostic code (E0203) or list them all", cli_explain,
     CLI_EXPLAIN_HELP},
    {"help", "show this overview or the help of a command", cli_help, HELP_HELP},
};
enum { NCOMMANDS = sizeof COMMANDS / sizeof COMMANDS[0] };

static const CliCommand *find_command(const char *name) {
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(COMMANDS[i].name, name) == 0) return &COMMANDS[i];
  return NULL;
}

/* The commands that are (available) or are not yet, one line each. */
static void print_command_list(Cli *cli, bool available) {
  for (size_t i = 0; i < NCOMMANDS; i++)
    if ((COMMANDS[i].run != NULL) == available)
      cli_print(cli,
                arena_printf(cli->arena, "  %-9s %s\n", COMMANDS[i].name, COMMANDS[i].summary));
}

static void print_overview(Cli *cli) {
  cli_print(cli, "jny " JNY_VERSION " - journey maps as code\n\n"
                 "Usage: jny COMMAND [OPTIONS] [FILE...]\n\nCommands:\n");
  print_command_list(cli, true);
  bool planned = false;
  for (size_t i = 0; i < NCOMMANDS; i++) planned |= COMMANDS[i].run == NULL;
  if (planned) {
    cli_print(cli, "\nPlanned, not available in this version:\n");
    print_command_list(cli, false);
  }
  cli_print(cli, "\nOptions:\n"
                 "  -h, --help     show this overview\n"
                 "  --version      print the version\n"
                 "\n"
                 "Run 'jny help COMMAND' or 'jny COMMAND --help' for a command's options.\n"
                 "Exit status: 0 no errors, 1 errors found, 2 usage or input/output error.\n");
}

static void print_usage_short(void) {
  fputs("Usage: jny COMMAND [OPTIONS] [FILE...]\n"
        "Commands: init, check, render, report, query, fmt, export, import, explain, help.\n"
        "Run 'jny help' for more.\n",
        stderr);
}

static int not_available(Cli *cli, const CliCommand *cmd) {
  cli_usage_error(cli, "'%s' is planned but not available in jny %s", cmd->name, JNY_VERSION);
  return CLI_EXIT_USAGE;
}

static int unknown_command(Cli *cli, const char *name) {
  const char *names[NCOMMANDS];
  for (size_t i = 0; i < NCOMMANDS; i++) names[i] = COMMANDS[i].name;
  const char *hint = cli_suggest(cli, name, names, NCOMMANDS);
  if (hint)
    return cli_usage_error(cli, "unknown command '%s'; did you mean '%s'?", cli_quote(cli, name),
                           hint);
  return cli_usage_error(cli, "unknown command '%s'", cli_quote(cli, name));
}

/* `jny help [COMMAND]` */
static int cli_help(Cli *cli, int argc, char **argv) {
  static const CliOption OPTIONS[] = {{"help", 'h', false, 0}};
  CliArgs args;
  cli_args_init(&args, argc, argv, OPTIONS, 1);
  const char *topic = NULL;
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPTION) return cli_print_help(cli, HELP_HELP);
    if (topic)
      return cli_usage_error(cli, "one command at a time, not '%s' too", cli_quote(cli, a.value));
    topic = a.value;
  }
  if (!topic) {
    print_overview(cli);
    return CLI_EXIT_OK;
  }
  cli->command = NULL; /* a wrong topic is reported like a wrong command */
  const CliCommand *cmd = find_command(topic);
  if (!cmd) return unknown_command(cli, topic);
  if (!cmd->run) return not_available(cli, cmd);
  cli_print(cli, cmd->help);
  return CLI_EXIT_OK;
}

/* Top level: `jny --help`, `jny --version`, or a command and its arguments. */
static int dispatch(Cli *cli, int argc, char **argv) {
  if (argc < 2) {
    print_usage_short();
    return CLI_EXIT_USAGE;
  }
  const char *first = argv[1];
  if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
    cli->command = "help";
    return cli_help(cli, argc - 1, argv + 1);
  }
  if (strcmp(first, "--version") == 0) {
    if (argc > 2) return cli_usage_error(cli, "'--version' takes no arguments");
    cli_print(cli, "jny " JNY_VERSION "\n");
    return CLI_EXIT_OK;
  }
  if (first[0] == '-') {
    static const char *const TOP[] = {"--help", "--version"};
    const char *hint = first[1] == '-' ? cli_suggest(cli, first, TOP, 2) : NULL;
    if (hint)
      return cli_usage_error(cli, "unknown option '%s'; did you mean '%s'?", cli_quote(cli, first),
                             hint);
    return cli_usage_error(cli, "unknown option '%s' (options go after the command)",
                           cli_quote(cli, first));
  }
  const CliCommand *cmd = find_command(first);
  if (!cmd) return unknown_command(cli, first);
  if (!cmd->run) return not_available(cli, cmd);
  cli->command = cmd->name;
  return cmd->run(cli, argc - 1, argv + 1);
}

/* The allocation hook: malloc, except that JNY_FAIL_ALLOC=N makes the Nth request and every
 * later one fail, so that tests can walk every out-of-memory path of a real run. */
typedef struct AllocBudget {
  unsigned long fail_at; /* 0: never fail */
  unsigned long count;
} AllocBudget;

static void *budget_alloc(void *ud, size_t size) {
  AllocBudget *b = ud;
  if (b->fail_at && ++b->count >= b->fail_at) return NULL;
  return malloc(size);
}

static void budget_release(void *ud, void *block) {
  (void)ud;
  free(block);
}

/* A test variable's whole-number value, or 0 when it is not set or not a number. */
static unsigned long number_from_env(const char *name) {
  const char *s = getenv(name);
  if (!s || !*s) return 0;
  char *end;
  unsigned long n = strtoul(s, &end, 10);
  return *end ? 0 : n;
}

static int out_of_memory(Cli *cli) {
  if (cli && cli->json) json_decref(cli->json);
  if (cli) cli->json = NULL;
  fputs("jny: out of memory\n", stderr);
  return CLI_EXIT_USAGE;
}

/* Runs the command with the out-of-memory handler in place. `cli` is volatile because it is
 * set after setjmp and read after the jump. */
static int run(Arena *arena, int argc, char **argv) {
  jmp_buf on_oom;
  Cli *volatile cli = NULL;
  if (setjmp(on_oom)) {
    arena_set_oom(arena, NULL);
    return out_of_memory(cli);
  }
  arena_set_oom(arena, &on_oom);
  Cli *c = arena_alloc(arena, sizeof *c);
  c->arena = arena;
  c->on_oom = &on_oom;
  c->stdout_tty = isatty(STDOUT_FILENO) == 1;
  cli = c;
  int status = cli_finish(c, dispatch(c, argc, argv));
  arena_set_oom(arena, NULL); /* on_oom dies with this frame */
  return status;
}

int main(int argc, char **argv) {
  /* A reader that stops early (`jny check x | head -1`) must not kill us: EPIPE is then seen
   * on write and treated as a quiet end (cli_finish). */
  struct sigaction ignore;
  memset(&ignore, 0, sizeof ignore);
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, NULL);

  AllocBudget budget = {number_from_env("JNY_FAIL_ALLOC"), 0};
  ArenaHooks hooks = {budget_alloc, budget_release, &budget};
  Arena *arena = arena_new(&hooks);
  if (!arena) return out_of_memory(NULL);
  /* JNY_ARENA_BLOCK=N (tests): N-byte blocks, so that the hook is called, and can fail, in far
   * more places than with 64 KiB blocks (tests/cli/hardening.sh sweeps them all). */
  unsigned long block = number_from_env("JNY_ARENA_BLOCK");
  if (block) arena_set_block_size(arena, block);
  int status = run(arena, argc, argv);
  arena_free(arena);
  return status;
}
