/* cli_query.c — `jny query FILE NAME` and `jny query FILE 'from t in touchpoints …'`: run a
 * named or ad-hoc query over the model and print the result as a table, CSV or JSON.
 *
 * An ad-hoc query becomes a source of its own, named <query>, so that its diagnostics point
 * into the text typed on the command line with the usual excerpt and caret. Its clause words
 * may share one line (query_adhoc.c); it is resolved like the block of a query declaration
 * (model_resolve_adhoc_query) and run like one.
 */
#include <jansson.h>
#include <string.h>

#include "cli.h"
#include "eval.h"
#include "parse.h"
#include "query.h"
#include "resolve.h"
#include "strbuf.h"

const char CLI_QUERY_HELP[] =
    "Usage: jny query [OPTIONS] FILE NAME\n"
    "       jny query [OPTIONS] FILE 'from t in touchpoints where t.emotion < 0 select t.name'\n"
    "\n"
    "Runs the query NAME declared in FILE (or in a module it uses), or the query\n"
    "written as the second argument, and prints its rows. An ad-hoc query takes the\n"
    "clauses of a query block (from, where, group, select, order, limit); they may\n"
    "share one line, with or without ';' between them. '-' reads FILE from standard\n"
    "input.\n"
    "\n"
    "Options:\n"
    "  --format table|csv|json  table (the default): aligned columns, numbers on the\n"
    "                           right; csv: RFC 4180, text that a spreadsheet would\n"
    "                           run as a formula prefixed with '; json: an array of\n"
    "                           objects keyed by column name\n"
    "  -o FILE                  write to FILE (replaced atomically) instead of\n"
    "                           standard output; '-o -' is standard output\n"
    "  --today DATE             the date today() returns (YYYY-MM-DD), for\n"
    "                           reproducible results\n"
    "  -h, --help               show this help\n"
    "\n"
    "Columns are named by 'select … as NAME', else by the expression as written.\n"
    "\n"
    "Built-in queries, run when the model declares no query of that name:\n"
    "  kpis     every KPI: value, target, met, baseline and the change since it\n"
    "  pains    every pain point, the most severe first\n"
    "  dropoff  every touchpoint that flows leave: its reach and drop-off, the\n"
    "           largest drop-off first\n"
    "\n"
    "Exit status:\n"
    "  0  the query ran (even with no rows)\n"
    "  1  the model or the query has errors, or the query failed while running\n"
    "  2  usage error (an unknown query name among them), a file that cannot be\n"
    "     read, output that cannot be written\n";

typedef enum QueryFormat { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } QueryFormat;

typedef struct QueryOptions {
  QueryFormat format;
  const char *output; /* NULL: standard output */
  bool has_today;
  Date today;
  const char *file, *query;
} QueryOptions;

enum { OPT_FORMAT, OPT_OUTPUT, OPT_TODAY, OPT_HELP };

static const CliOption QUERY_OPTIONS[] = {
    {"format", 0, true, OPT_FORMAT},
    {"output", 'o', true, OPT_OUTPUT},
    {"today", 0, true, OPT_TODAY},
    {"help", 'h', false, OPT_HELP},
};

static bool apply_option(Cli *cli, QueryOptions *o, const CliArg *a) {
  static const char *const FORMATS[] = {"table", "csv", "json"};
  switch (a->id) {
  case OPT_FORMAT:
    for (int i = 0; i < 3; i++)
      if (strcmp(a->value, FORMATS[i]) == 0) {
        o->format = (QueryFormat)i;
        return true;
      }
    cli_usage_error(cli, "unknown format '%s' (expected table, csv or json)",
                    cli_quote(cli, a->value));
    return false;
  case OPT_OUTPUT: o->output = a->value; return true;
  case OPT_TODAY: return o->has_today = cli_option_today(cli, a->value, &o->today);
  }
  return false;
}

/* Returns -1 when the options are fine, or the exit status to stop with. */
static int parse_options(Cli *cli, int argc, char **argv, QueryOptions *o) {
  CliArgs args;
  cli_args_init(&args, argc, argv, QUERY_OPTIONS, sizeof QUERY_OPTIONS / sizeof QUERY_OPTIONS[0]);
  memset(o, 0, sizeof *o);
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPERAND) {
      if (!o->file)
        o->file = a.value;
      else if (!o->query)
        o->query = a.value;
      else
        return cli_usage_error(cli, "one query at a time, not '%s' too", cli_quote(cli, a.value));
    } else if (a.id == OPT_HELP)
      return cli_print_help(cli, CLI_QUERY_HELP);
    else if (!apply_option(cli, o, &a))
      return CLI_EXIT_USAGE;
  }
  if (!o->file) return cli_usage_error(cli, "no file to query (use '-' for standard input)");
  if (!o->query)
    return cli_usage_error(cli, "no query: give a query's name or its text ('from x in …')");
  return -1;
}

/* Queries every model has, written as ad-hoc text so that they run (and report) exactly like
 * one a user types. A query the model declares under the same name wins. */
typedef struct BuiltinQuery {
  const char *name, *text;
} BuiltinQuery;
static const BuiltinQuery BUILTIN_QUERIES[] = {
    {"kpis", "from k in kpis select k.id as kpi, k.name as name, k.value as value, k.target_op as "
             "op, k.target as target, k.met as met, k.baseline as baseline, k.delta as change"},
    {"pains", "from p in pains select p.touchpoint.id as touchpoint, p.severity as severity, "
              "p.text as pain order p.severity desc"},
    {"dropoff", "from t in touchpoints where t.dropoff != none select t.id as touchpoint, "
                "t.stage.id as stage, reach(t) as reach, t.dropoff as dropoff order t.dropoff "
                "desc"},
};
#define NBUILTIN (sizeof BUILTIN_QUERIES / sizeof BUILTIN_QUERIES[0])

static const char *builtin_query(const char *name) {
  for (size_t i = 0; i < NBUILTIN; i++)
    if (strcmp(BUILTIN_QUERIES[i].name, name) == 0) return BUILTIN_QUERIES[i].text;
  return NULL;
}

/* "a, b and c" of the model's query ids, or NULL when it has none. */
static const char *query_names(Cli *cli, const Model *m) {
  const char *list = NULL;
  for (size_t i = 0; i < m->queries.len; i++) {
    const char *id = m->queries.items[i]->e.id;
    list = list ? arena_printf(cli->arena, "%s, %s", list, id) : id;
  }
  return list;
}

static int unknown_query(Cli *cli, const Model *m, const char *name) {
  const Entity *e = model_lookup(m, name);
  if (e)
    cli_error(cli, "'%s' is %s, not a query", name,
              arena_printf(cli->arena, "a %s", model_kind_name(e->kind)));
  else {
    const char **ids = arena_alloc(cli->arena, (m->queries.len + NBUILTIN + 1) * sizeof *ids);
    for (size_t i = 0; i < m->queries.len; i++) ids[i] = m->queries.items[i]->e.id;
    for (size_t i = 0; i < NBUILTIN; i++) ids[m->queries.len + i] = BUILTIN_QUERIES[i].name;
    const char *hint = cli_suggest(cli, name, ids, m->queries.len + NBUILTIN);
    if (hint)
      cli_error(cli, "unknown query '%s'; did you mean '%s'?", name, hint);
    else
      cli_error(cli, "unknown query '%s'", name);
  }
  const char *names = query_names(cli, m);
  if (names)
    fprintf(stderr, "The queries in this model: %s.\n", names);
  else
    fputs("This model declares no query; write one as text: 'from t in touchpoints select "
          "t.name'.\n",
          stderr);
  fputs("Built-in queries: kpis, pains, dropoff.\n", stderr);
  return CLI_EXIT_USAGE;
}

/* The ad-hoc text as a source of its own, parsed and resolved against the model. Problems go
 * to diags; the query is returned either way. */
static const Query *adhoc_query(Cli *cli, CliModel *cm, const char *text, DiagList *diags) {
  size_t len = strlen(text);
  char *prepared = query_adhoc_separate(cli->arena, text, len);
  uint32_t file = source_add(&cm->session.sources, "<query>", NULL, prepared, (uint32_t)len);
  ParseInput in = {cli->arena, diags, &cm->session.sources, file};
  size_t nattrs;
  Attr **attrs = parse_clauses(&in, &nattrs);
  /* Diagnostics show the text as typed: the added `;` only replaced spaces, so every span and
   * line start stays valid, and names were copied out of the text while parsing. */
  source_get(&cm->session.sources, file)->text = arena_strndup(cli->arena, text, len);
  return model_resolve_adhoc_query(cm->model, diags, attrs, nattrs,
                                   span_make(file, 0, (uint32_t)len));
}

/* The result in the chosen format, built in full before the output is opened, so that a
 * failure (out of memory) never leaves a half-written file. */
static int write_result(Cli *cli, const QueryOptions *o, const QueryResult *r) {
  StrBuf text;
  sb_init(&text, cli->arena);
  if (o->format == FORMAT_TABLE) query_format_table(&text, r);
  if (o->format == FORMAT_CSV) query_format_csv(&text, r);
  if (o->format == FORMAT_JSON) {
    cli->json = json_array();
    if (!cli->json || !query_format_json(cli->json, cli->arena, r)) cli_out_of_memory(cli);
  }
  CliOutput out;
  if (!cli_output_open(cli, o->output, &out)) {
    if (cli->json) json_decref(cli->json);
    cli->json = NULL;
    return CLI_EXIT_USAGE;
  }
  if (o->format == FORMAT_JSON)
    cli_output_json(&out);
  else
    cli_output_write(&out, text.data, text.len);
  return cli_output_close(&out) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

int cli_query(Cli *cli, int argc, char **argv) {
  QueryOptions o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;
  CliModel cm;
  CliModelOptions mo = {o.has_today, o.today};
  int status = cli_load_model(cli, o.file, &mo, &cm);
  if (status != CLI_EXIT_OK) return status;

  DiagList diags;
  diag_list_init(&diags, cli->arena);
  const Query *q;
  const Entity *named = query_is_name(o.query) ? model_lookup(cm.model, o.query) : NULL;
  const char *builtin = query_is_name(o.query) && !named ? builtin_query(o.query) : NULL;
  if (query_is_name(o.query) && !builtin) {
    if (!named || named->kind != EK_QUERY) return unknown_query(cli, cm.model, o.query);
    q = (const Query *)named;
  } else {
    q = adhoc_query(cli, &cm, builtin ? builtin : o.query, &diags);
    if (diags.errors > 0) {
      diag_sort(&diags);
      cli_print_diags(cli, &cm.session.sources, &diags, 1);
      return CLI_EXIT_FAIL;
    }
  }

  EvalCtx *ev = session_eval_into(&cm.session, &cm.options, &diags);
  QueryResult *r = query_run(ev, q, &diags);
  if (!r || diags.errors > 0) {
    diag_sort(&diags);
    cli_print_diags(cli, &cm.session.sources, &diags, 1);
    return CLI_EXIT_FAIL;
  }
  return write_result(cli, &o, r);
}
