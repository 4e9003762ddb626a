/* cli_export.c — `jny export FILE --format json|mermaid|mermaid-flowchart`: the resolved model
 * for other tools, or the journey as a Mermaid diagram.
 *
 * The JSON layout is export_json.c's (docs/export.md); the Mermaid ones are runtime/mermaid's
 * (docs/sharing.md). A model with errors is not exported: its diagnostics go to standard error,
 * nothing is written, and the status is 1, so that a pipeline never consumes half a model.
 */
#include <jansson.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "export_json.h"
#include "mermaid.h"

const char CLI_EXPORT_HELP[] =
    "Usage: jny export [OPTIONS] FILE\n"
    "\n"
    "Writes the resolved model of FILE (and the modules it uses) as JSON: every\n"
    "entity with its attributes, the links derived from them (a stage's\n"
    "touchpoints, a touchpoint's flows in and out, pains, opportunities…) and the\n"
    "place each is declared. The layout is versioned and documented in\n"
    "docs/export.md. '-' reads standard input.\n"
    "\n"
    "Or the journey as a Mermaid diagram (docs/sharing.md), which GitHub, GitLab\n"
    "and many wikis draw: 'mermaid' is a journey diagram (a section per stage, a\n"
    "task per touchpoint scored 1-5 from its emotion, the personas as actors) whose\n"
    "'%% jny' comment lines keep everything else, so that 'jny import mermaid'\n"
    "gives the journey back; 'mermaid-flowchart' is the flow view (a subgraph per\n"
    "stage, edges with rates, outcomes). A name Mermaid cannot hold as it is (':',\n"
    "';', '#', a leading keyword) is shown with a look-alike and a warning (E0805).\n"
    "\n"
    "A model with errors is not exported: the diagnostics go to standard error and\n"
    "nothing is written.\n"
    "\n"
    "Options:\n"
    "  --format FMT    json (the default), mermaid or mermaid-flowchart\n"
    "  -o FILE         write to FILE (replaced atomically) instead of standard\n"
    "                  output; '-o -' is standard output\n"
    "  --today DATE    the date to take as today (YYYY-MM-DD); accepted like on\n"
    "                  every command (the export holds no computed dates)\n"
    "  -h, --help      show this help\n"
    "\n"
    "Exit status:\n"
    "  0  exported\n"
    "  1  the model has errors (nothing written)\n"
    "  2  usage error, a file that cannot be read, output that cannot be written\n";

enum { OPT_FORMAT, OPT_OUTPUT, OPT_TODAY, OPT_HELP };

static const CliOption EXPORT_OPTIONS[] = {
    {"format", 0, true, OPT_FORMAT},
    {"output", 'o', true, OPT_OUTPUT},
    {"today", 0, true, OPT_TODAY},
    {"help", 'h', false, OPT_HELP},
};

typedef enum ExportFormat { EXPORT_JSON, EXPORT_MERMAID, EXPORT_MERMAID_FLOWCHART } ExportFormat;
static const char *const FORMAT_NAMES[] = {"json", "mermaid", "mermaid-flowchart"};

typedef struct ExportOptions {
  const char *file;
  const char *output; /* NULL: standard output */
  ExportFormat format;
  bool has_today;
  Date today;
} ExportOptions;

/* Returns -1 when the options are fine, or the exit status to stop with. */
static int parse_options(Cli *cli, int argc, char **argv, ExportOptions *o) {
  CliArgs args;
  cli_args_init(&args, argc, argv, EXPORT_OPTIONS,
                sizeof EXPORT_OPTIONS / sizeof EXPORT_OPTIONS[0]);
  memset(o, 0, sizeof *o);
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPERAND) {
      if (o->file)
        return cli_usage_error(cli, "one file at a time, not '%s' too", cli_quote(cli, a.value));
      o->file = a.value;
      continue;
    }
    Date today;
    switch (a.id) {
    case OPT_HELP: return cli_print_help(cli, CLI_EXPORT_HELP);
    case OPT_FORMAT: {
      size_t f = 0;
      while (f < 3 && strcmp(a.value, FORMAT_NAMES[f]) != 0) f++;
      if (f == 3)
        return cli_usage_error(cli,
                               "unknown format '%s' (expected json, mermaid or mermaid-flowchart)",
                               cli_quote(cli, a.value));
      o->format = (ExportFormat)f;
      break;
    }
    case OPT_OUTPUT: o->output = a.value; break;
    case OPT_TODAY:
      if (!cli_option_today(cli, a.value, &today)) return CLI_EXIT_USAGE;
      o->has_today = true, o->today = today;
      break;
    default: break;
    }
  }
  if (!o->file) return cli_usage_error(cli, "no file to export (use '-' for standard input)");
  return -1;
}

static int write_chunk(const char *buffer, size_t size, void *data) {
  CliOutput *out = data;
  cli_output_write(out, buffer, size);
  return out->ok && !out->cli->out_errno ? 0 : -1;
}

/* The model goes out one entity at a time; if memory runs out half-way, the temporary file is
 * removed before the usual out-of-memory path runs, so that nothing half-written is left. */
static bool export_to(Cli *cli, const Model *m, CliOutput *out) {
  jmp_buf on_oom;
  if (setjmp(on_oom)) {
    arena_set_oom(cli->arena, cli->on_oom);
    if (out->tmp) unlink(out->tmp);
    cli_out_of_memory(cli);
  }
  arena_set_oom(cli->arena, &on_oom);
  bool ok = export_model_json(m, cli->arena, &cli->json, write_chunk, out);
  if (!ok && out->ok && !cli->out_errno) longjmp(on_oom, 1); /* jansson's own allocation */
  arena_set_oom(cli->arena, cli->on_oom);
  return ok;
}

/* The Mermaid text, built whole before anything is written; its warnings on standard error. */
static int export_mermaid(Cli *cli, const ExportOptions *o, CliModel *cm) {
  DiagList diags;
  diag_list_init(&diags, cli->arena);
  StrBuf text;
  sb_init(&text, cli->arena);
  const char *origin = strcmp(o->file, "-") == 0 ? "<stdin>" : o->file;
  if (o->format == EXPORT_MERMAID) {
    mermaid_export_journey(&text, cm->model, origin, &diags);
  } else {
    /* reach and shares only: what cannot be computed is left out, as in the flow view */
    EvalCtx *ev = session_quiet_eval(&cm->session, &cm->options);
    mermaid_export_flowchart(&text, ev, cm->model, origin, &diags);
  }
  diag_sort(&diags);
  cli_print_diags(cli, &cm->session.sources, &diags, 1);
  return cli_write_output(cli, o->output, sb_str(&text), text.len) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

int cli_export(Cli *cli, int argc, char **argv) {
  ExportOptions o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;
  CliModel cm;
  CliModelOptions mo = {o.has_today, o.today};
  int status = cli_load_model(cli, o.file, &mo, &cm);
  if (status != CLI_EXIT_OK) return status;
  if (o.format != EXPORT_JSON) return export_mermaid(cli, &o, &cm);
  CliOutput out;
  if (!cli_output_open(cli, o.output, &out)) return CLI_EXIT_USAGE;
  export_to(cli, cm.model, &out);
  return cli_output_close(&out) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
