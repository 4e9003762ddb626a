/* cli_explain.c — `jny explain [CODE…]`: what a diagnostic code means, from the table in
 * lang/diag_codes.def, so that a code seen in CI output can be looked up without the docs. */
#include <ctype.h>
#include <string.h>

#include "cli.h"
#include "diag.h"

const char CLI_EXPLAIN_HELP[] =
    "Usage: jny explain [CODE...]\n"
    "\n"
    "Prints the severity and title of each diagnostic code given (E0203, e0203),\n"
    "or, with no code, every code jny has. Codes are stable: they are never\n"
    "renumbered or reused.\n"
    "\n"
    "Options:\n"
    "  -h, --help  show this help\n"
    "\n"
    "Exit status: 0 when every code is known, 2 otherwise.\n";

static void print_code(Cli *cli, DiagCode code) {
  cli_print(cli, arena_printf(cli->arena, "%s  %-7s  %s\n", diag_code_str(code),
                              diag_severity_str(diag_code_severity(code)), diag_code_title(code)));
}

/* Looks a code up with any letter case. */
static bool find_code(Cli *cli, const char *word, DiagCode *out) {
  char *upper = arena_strdup(cli->arena, word);
  for (char *p = upper; *p; p++) *p = (char)toupper((unsigned char)*p);
  return diag_code_lookup(upper, out);
}

int cli_explain(Cli *cli, int argc, char **argv) {
  static const CliOption OPTIONS[] = {{"help", 'h', false, 0}};
  CliArgs args;
  cli_args_init(&args, argc, argv, OPTIONS, 1);
  const char **codes = arena_alloc(cli->arena, (size_t)argc * sizeof *codes);
  size_t ncodes = 0;
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPTION) return cli_print_help(cli, CLI_EXPLAIN_HELP);
    codes[ncodes++] = a.value;
  }
  if (ncodes == 0) {
    for (int c = 0; c < D__COUNT; c++) print_code(cli, (DiagCode)c);
    return CLI_EXIT_OK;
  }
  int status = CLI_EXIT_OK;
  for (size_t i = 0; i < ncodes; i++) {
    DiagCode code;
    if (find_code(cli, codes[i], &code)) {
      print_code(cli, code);
    } else {
      cli_error(cli, "unknown code '%s' (run 'jny explain' for the list)",
                cli_quote(cli, codes[i]));
      status = CLI_EXIT_USAGE;
    }
  }
  return status;
}
