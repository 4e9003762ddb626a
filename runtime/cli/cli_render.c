/* cli_render.c — `jny render FILE`: build the model, choose what to draw (--persona, --stage),
 * build the view (render_flow.c, render_map.c), let Graphviz draw it (render_gv.c) and write
 * the bytes atomically (cli_model.c).
 *
 * Nothing is written when the model has errors or Graphviz fails, so an existing picture is
 * left as it was; a picture is complete or absent, never half-written.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eval.h"
#include "parse.h" /* date_from_days */
#include "reach.h"
#include "render.h"

const char CLI_RENDER_HELP[] =
    "Usage: jny render [OPTIONS] FILE\n"
    "\n"
    "Draws the journey with Graphviz (linked in; the 'dot' program is not needed).\n"
    "\n"
    "Views:\n"
    "  flow   (default) left to right, one box per stage in stage order; touchpoints\n"
    "         coloured by emotion (ColorBrewer PiYG: magenta -3 .. green +3, safe for\n"
    "         colour-blind readers), shaped by channel kind, with a pain marker\n"
    "         (count, worst severity) and each node's reach (the share of customers\n"
    "         entering the journey who get there; with --persona, of that persona's);\n"
    "         arrows labelled with rates (a flow without one: its share, in\n"
    "         parentheses) and widened by volume, else by share; outcomes as terminals;\n"
    "         SVG tooltips with each touchpoint's details.\n"
    "         More than 2000 touchpoints are drawn as one node per stage (E0603).\n"
    "  map    the journey-map canvas: stages as columns, lanes for touchpoints,\n"
    "         actions, thoughts, the emotion curve, pains, opportunities, owners and\n"
    "         KPIs; one curve per persona.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   where to write ('-': standard output); the default is\n"
    "                      FILE.flow.svg or FILE.map.svg next to the input (standard\n"
    "                      output for standard input), and its name is printed\n"
    "  --view flow|map     which view (default flow)\n"
    "  --format FMT        svg, png, pdf or dot (the DOT source jny hands to Graphviz);\n"
    "                      by default taken from the output's extension, else svg\n"
    "  --persona ID        only the touchpoints this persona experiences (those that\n"
    "                      list it or list no persona) and the flows between them\n"
    "  --stage ID,...      only these stages (the option may be repeated)\n"
    "  --today DATE        the date to take as today (YYYY-MM-DD)\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status:\n"
    "  0  written (warnings allowed)\n"
    "  1  the journey has errors: nothing written\n"
    "  2  usage error, unknown --stage or --persona (E0602), unreadable input, Graphviz\n"
    "     failure (E0601), output that cannot be written\n";

typedef struct RenderOptions {
  const char *file, *output, *persona;
  RenderView view;
  RenderFormat format;
  bool has_format, has_today;
  Date today;
  VEC(const char *) stages;
} RenderOptions;

enum { OPT_OUTPUT, OPT_VIEW, OPT_FORMAT, OPT_PERSONA, OPT_STAGE, OPT_TODAY, OPT_HELP };

static const CliOption RENDER_OPTIONS[] = {
    {"output", 'o', true, OPT_OUTPUT}, {"view", 0, true, OPT_VIEW},
    {"format", 0, true, OPT_FORMAT},   {"persona", 0, true, OPT_PERSONA},
    {"stage", 0, true, OPT_STAGE},     {"today", 0, true, OPT_TODAY},
    {"help", 'h', false, OPT_HELP},
};

static const char *const FORMAT_NAMES[] = {"svg", "png", "pdf", "dot"};

static bool parse_format(const char *s, RenderFormat *out) {
  for (int i = 0; i < 4; i++)
    if (strcmp(s, FORMAT_NAMES[i]) == 0) {
      *out = (RenderFormat)i;
      return true;
    }
  if (strcmp(s, "gv") == 0) {
    *out = RENDER_FORMAT_DOT;
    return true;
  }
  return false;
}

/* Splits "a,b" into the list; empty items are skipped. */
static void add_stages(Cli *cli, RenderOptions *o, const char *list) {
  for (const char *p = list; *p;) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    if (n) VEC_PUSH(cli->arena, o->stages, arena_strndup(cli->arena, p, n));
    p += n + (comma != NULL);
  }
}

/* Applies one option; returns false after reporting a bad value. */
static bool apply_option(Cli *cli, RenderOptions *o, const CliArg *a) {
  switch (a->id) {
  case OPT_OUTPUT: o->output = a->value; return true;
  case OPT_VIEW:
    if (strcmp(a->value, "flow") == 0 || strcmp(a->value, "map") == 0) {
      o->view = a->value[0] == 'f' ? RENDER_VIEW_FLOW : RENDER_VIEW_MAP;
      return true;
    }
    cli_usage_error(cli, "unknown view '%s' (expected flow or map)", cli_quote(cli, a->value));
    return false;
  case OPT_FORMAT:
    if ((o->has_format = parse_format(a->value, &o->format))) return true;
    cli_usage_error(cli, "unknown format '%s' (expected svg, png, pdf or dot)",
                    cli_quote(cli, a->value));
    return false;
  case OPT_PERSONA: o->persona = a->value; return true;
  case OPT_STAGE: add_stages(cli, o, a->value); return true;
  case OPT_TODAY: /* for today() */
    return o->has_today = cli_option_today(cli, a->value, &o->today);
  }
  return false;
}

/* The format implied by an output name's extension; false when there is none we know. */
static bool format_from_name(const char *path, RenderFormat *out) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash)) return false;
  return parse_format(dot + 1, out);
}

/* Returns -1 when the options are fine, or the exit status to stop with. */
static int parse_options(Cli *cli, int argc, char **argv, RenderOptions *o) {
  CliArgs args;
  cli_args_init(&args, argc, argv, RENDER_OPTIONS,
                sizeof RENDER_OPTIONS / sizeof RENDER_OPTIONS[0]);
  memset(o, 0, sizeof *o);
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPTION && a.id == OPT_HELP) return cli_print_help(cli, CLI_RENDER_HELP);
    if (a.kind == CLI_ARG_OPERAND) {
      if (o->file)
        return cli_usage_error(cli, "one file at a time, not '%s' too", cli_quote(cli, a.value));
      o->file = a.value;
    } else if (!apply_option(cli, o, &a)) {
      return CLI_EXIT_USAGE;
    }
  }
  if (!o->file) return cli_usage_error(cli, "no file to render (use '-' for standard input)");
  if (!o->has_format && o->output && strcmp(o->output, "-") != 0) {
    if (!format_from_name(o->output, &o->format))
      return cli_usage_error(cli, "cannot tell the format from '%s'; add --format svg|png|pdf|dot",
                             cli_quote(cli, o->output));
  }
  return -1;
}

/* "dir/grocery.jny" -> "dir/grocery.flow.svg" */
static const char *default_output(Cli *cli, const RenderOptions *o) {
  if (strcmp(o->file, "-") == 0) return "-";
  const char *base = o->file, *slash = strrchr(o->file, '/');
  const char *dot = strrchr(o->file, '.');
  size_t n = dot && (!slash || dot > slash) && dot != (slash ? slash + 1 : base)
                 ? (size_t)(dot - base)
                 : strlen(base);
  return arena_printf(cli->arena, "%.*s.%s.%s", (int)n, base,
                      o->view == RENDER_VIEW_MAP ? "map" : "flow", FORMAT_NAMES[o->format]);
}

/* --persona and --stage against the model; unknown names are E0602 with a suggestion. */
static bool select_entities(Cli *cli, const RenderOptions *o, const Model *m, RenderSelection *sel,
                            DiagList *diags) {
  render_select_all(cli->arena, m, sel);
  if (o->persona) {
    const Entity *e = model_lookup(m, o->persona);
    if (!e || e->kind != EK_PERSONA) {
      const char **ids = arena_alloc(cli->arena, (m->personas.len + 1) * sizeof *ids);
      for (size_t i = 0; i < m->personas.len; i++) ids[i] = m->personas.items[i]->e.id;
      Diag *d = diag_add_global(diags, D_RENDER_UNKNOWN, "--persona: unknown persona '%s'",
                                cli_quote(cli, o->persona));
      const char *hint = cli_suggest(cli, o->persona, ids, m->personas.len);
      if (hint) diag_help(diags, d, "did you mean '%s'?", hint);
    } else {
      render_select_persona(m, sel, (const Persona *)e);
    }
  }
  if (o->stages.len == 0) return diags->errors == 0;
  const char **ids = arena_alloc(cli->arena, (m->stages.len + 1) * sizeof *ids);
  for (size_t i = 0; i < m->stages.len; i++) ids[i] = m->stages.items[i]->e.id;
  const Stage **chosen = arena_alloc(cli->arena, o->stages.len * sizeof *chosen);
  for (size_t i = 0; i < o->stages.len; i++) {
    const Entity *e = model_lookup(m, o->stages.items[i]);
    chosen[i] = e && e->kind == EK_STAGE ? (const Stage *)e : NULL;
    if (chosen[i]) continue;
    Diag *d = diag_add_global(diags, D_RENDER_UNKNOWN, "--stage: unknown stage '%s'",
                              cli_quote(cli, o->stages.items[i]));
    const char *hint = cli_suggest(cli, o->stages.items[i], ids, m->stages.len);
    if (hint) diag_help(diags, d, "did you mean '%s'?", hint);
  }
  if (diags->errors) return false;
  render_select_stages(m, sel, chosen, o->stages.len);
  return true;
}

/* Every KPI's value through the evaluator. */
/* Evaluators whose problems are left out: what cannot be computed (a KPI's measure, a reach
 * behind a loop too large) is left out of the picture; its problem is `jny check`'s to report,
 * not a reason to stop the render. */
static RenderKpiValue *kpi_values(Cli *cli, CliModel *cm) {
  Model *m = cm->model;
  EvalCtx *ev = session_quiet_eval(&cm->session, &cm->options);
  RenderKpiValue *v = arena_alloc(cli->arena, (m->kpis.len + 1) * sizeof *v);
  for (size_t i = 0; i < m->kpis.len; i++) {
    Value val;
    if (eval_kpi_value(ev, m->kpis.items[i], &val) && val.kind == VAL_NUMBER)
      v[i] = (RenderKpiValue){.known = true, .percent = val.percent, .value = val.as.num};
  }
  return v;
}

/* Each touchpoint's and outcome's reach and each flow's share, for the --persona chosen (every
 * customer without one). */
static RenderFlowNumbers *flow_numbers(Cli *cli, CliModel *cm, const RenderSelection *sel) {
  Model *m = cm->model;
  EvalCtx *ev = session_quiet_eval(&cm->session, &cm->options);
  RenderFlowNumbers *n = arena_alloc(cli->arena, sizeof *n);
  RenderShare *tr = arena_alloc(cli->arena, (m->touchpoints.len + 1) * sizeof *tr);
  RenderShare *orr = arena_alloc(cli->arena, (m->outcomes.len + 1) * sizeof *orr);
  RenderShare *fs = arena_alloc(cli->arena, (m->flows.len + 1) * sizeof *fs);
  for (size_t i = 0; i < m->touchpoints.len; i++)
    tr[i].known = reach_value(ev, &m->touchpoints.items[i]->e, sel->persona, &tr[i].value);
  for (size_t i = 0; i < m->outcomes.len; i++)
    orr[i].known = reach_value(ev, &m->outcomes.items[i]->e, sel->persona, &orr[i].value);
  for (size_t i = 0; i < m->flows.len; i++)
    fs[i].known = reach_flow_share(ev, m->flows.items[i], sel->persona, &fs[i].value);
  *n = (RenderFlowNumbers){tr, orr, fs};
  return n;
}

/* The date a PDF carries: the journey's `date`, else SOURCE_DATE_EPOCH (the reproducible-builds
 * convention), else 1970-01-01 — never the clock, so the same input gives the same bytes. */
static Date pdf_date(const Model *m) {
  if (m->journey && m->journey->has_date) return m->journey->date;
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  char *end = NULL;
  long long secs = epoch && *epoch ? strtoll(epoch, &end, 10) : 0;
  if (!end || *end != '\0' || secs < 0 || secs > 253402300799LL) secs = 0; /* up to 9999 */
  return date_from_days((int32_t)(secs / 86400));
}

int cli_render(Cli *cli, int argc, char **argv) {
  RenderOptions o;
  int stop = parse_options(cli, argc, argv, &o);
  if (stop >= 0) return stop;
  CliModel cm;
  CliModelOptions mo = {o.has_today, o.today};
  int status = cli_load_model(cli, o.file, &mo, &cm);
  if (status != CLI_EXIT_OK) return status; /* errors: nothing is written */

  DiagList diags;
  diag_list_init(&diags, cli->arena);
  RenderSelection sel;
  if (!select_entities(cli, &o, cm.model, &sel, &diags)) {
    cli_print_diags(cli, &cm.session.sources, &diags, 1);
    return CLI_EXIT_USAGE;
  }
  RenderGraph g =
      o.view == RENDER_VIEW_MAP
          ? render_map(cli->arena, cm.model, &sel, kpi_values(cli, &cm))
          : render_flow(cli->arena, cm.model, &sel, flow_numbers(cli, &cm, &sel), &diags);
  const char *bytes = NULL;
  size_t len = 0;
  RenderBackend *backend = render_backend_open(cli->arena);
  bool drawn = render_draw(backend, &g, o.format, &bytes, &len, &diags);
  render_backend_close(backend);
  cli_print_diags(cli, &cm.session.sources, &diags, 1);
  if (!drawn) return CLI_EXIT_USAGE;
  if (o.format == RENDER_FORMAT_PDF)
    render_pin_pdf_dates((char *)bytes, len, pdf_date(cm.model)); /* our arena copy */

  const char *out = o.output ? o.output : default_output(cli, &o);
  if (!cli_write_output(cli, out, bytes, len)) return CLI_EXIT_USAGE;
  if (!o.output && strcmp(out, "-") != 0)
    cli_print(cli, arena_printf(cli->arena, "wrote %s\n", cli_quote(cli, out)));
  return CLI_EXIT_OK;
}
