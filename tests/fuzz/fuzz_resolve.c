/* fuzz_resolve.c — what `jny check`, `jny export` and `jny render --format dot` do with a file,
 * on any bytes: parse, follow `use` (std modules; a relative file is looked for in a folder
 * that does not exist), resolve, and when that found no error type every expression and run
 * every check (std.lint's too, when used), then export the model as JSON and write both views
 * as DOT text, the flow view with the numbers of reach.c (for everyone and for one persona).
 * Whatever the input: no crash, no leak, no undefined behaviour, spans inside the sources,
 * diagnostics safe for a terminal, JSON that parses again, and DOT text in which user text cannot
 * break out of its quotes or its HTML label (check_dot below).
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "eval.h"
#include "export_json.h"
#include "fuzz_common.h"
#include "parse.h"
#include "reach.h"
#include "render.h"
#include "resolve.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* DOT as jny writes it: statements, braces, double-quoted strings with backslash escapes, and
 * HTML-like labels <…> whose own angle brackets nest. User text sits only inside quotes (with `"`
 * escaped) or inside an HTML label (XML-escaped), so the text must end outside any string with
 * every brace and bracket closed, and no control character but newline and tab anywhere. */
static void check_dot(const char *dot, size_t len) {
  enum { NORMAL, QUOTED, HTML } state = NORMAL;
  long braces = 0, angles = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)dot[i];
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
      fuzz_fail("a control character in the DOT text", dot, len);
    if (state == QUOTED) {
      if (c == '\\' && i + 1 < len)
        i++;
      else if (c == '"')
        state = NORMAL;
    } else if (state == HTML) {
      if (c == '<') angles++;
      if (c == '>' && --angles == 0) state = NORMAL;
      if (c == '&') { /* an entity: &name; or &#digits; */
        size_t k = i + 1;
        if (k < len && dot[k] == '#') k++;
        while (k < len && ((dot[k] >= 'a' && dot[k] <= 'z') || (dot[k] >= '0' && dot[k] <= '9')))
          k++;
        if (k == i + 1 || k >= len || dot[k] != ';')
          fuzz_fail("a raw '&' in an HTML label of the DOT text", dot, len);
      }
    } else if (c == '"') {
      state = QUOTED;
    } else if (c == '<') {
      state = HTML;
      angles = 1;
    } else if (c == '{' || c == '[') {
      braces++;
    } else if (c == '}' || c == ']') {
      if (--braces < 0) fuzz_fail("a closing brace too many in the DOT text", dot, len);
    }
  }
  if (state != NORMAL || braces != 0) fuzz_fail("the DOT text ends inside a string", dot, len);
}

static int append(const char *buffer, size_t size, void *data) {
  sb_add(data, buffer, size);
  return 0;
}

static void export_json(Arena *a, const Model *m) {
  StrBuf text;
  sb_init(&text, a);
  json_t *live = NULL;
  if (!export_model_json(m, a, &live, append, &text)) fuzz_fail("export failed", NULL, 0);
  if (live) json_decref(live);
  json_error_t err;
  json_t *again = json_loadb(text.data, text.len, 0, &err);
  if (!again) fuzz_fail("the exported JSON does not parse again", text.data, text.len);
  json_decref(again);
}

/* The flow view's numbers, as cli_render.c computes them (reach.h): every touchpoint's and
 * outcome's reach, every flow's share, for every customer and for the first persona. */
static RenderFlowNumbers *flow_numbers(Arena *a, Model *m, EvalCtx *ev, const Persona *p) {
  RenderShare *tr = arena_alloc(a, (m->touchpoints.len + 1) * sizeof *tr);
  RenderShare *orr = arena_alloc(a, (m->outcomes.len + 1) * sizeof *orr);
  RenderShare *fs = arena_alloc(a, (m->flows.len + 1) * sizeof *fs);
  for (size_t i = 0; i < m->touchpoints.len; i++) {
    tr[i].known = reach_value(ev, &m->touchpoints.items[i]->e, p, &tr[i].value);
    double drop;
    reach_dropoff(ev, m->touchpoints.items[i], &drop);
  }
  for (size_t i = 0; i < m->outcomes.len; i++)
    orr[i].known = reach_value(ev, &m->outcomes.items[i]->e, p, &orr[i].value);
  for (size_t i = 0; i < m->flows.len; i++)
    fs[i].known = reach_flow_share(ev, m->flows.items[i], p, &fs[i].value);
  RenderFlowNumbers *n = arena_alloc(a, sizeof *n);
  *n = (RenderFlowNumbers){tr, orr, fs};
  return n;
}

static void render_views(Arena *a, Model *m, EvalCtx *ev) {
  RenderSelection sel;
  render_select_all(a, m, &sel);
  DiagList scratch;
  diag_list_init(&scratch, a);
  RenderGraph flow = render_flow(a, m, &sel, flow_numbers(a, m, ev, NULL), &scratch);
  check_dot(flow.dot, flow.len);
  if (m->personas.len > 0) {
    RenderSelection one;
    render_select_all(a, m, &one);
    render_select_persona(m, &one, m->personas.items[0]);
    RenderGraph persona = render_flow(a, m, &one, flow_numbers(a, m, ev, one.persona), &scratch);
    check_dot(persona.dot, persona.len);
  }
  RenderKpiValue *kpis = arena_alloc(a, (m->kpis.len + 1) * sizeof *kpis);
  for (size_t i = 0; i < m->kpis.len; i++) {
    Value v;
    if (eval_kpi_value(ev, m->kpis.items[i], &v) && v.kind == VAL_NUMBER)
      kpis[i] = (RenderKpiValue){.known = true, .percent = v.percent, .value = v.as.num};
  }
  RenderGraph map = render_map(a, m, &sel, kpis);
  check_dot(map.dot, map.len);
}

/* Whether the bytes could hold a `use` of a file outside the harness's (missing) folder: "use"
 * somewhere, and a path that is absolute (`"/`), climbs (`..`) or is spelt with an escape (`\`).
 * Anything else names a file in a folder that does not exist, so it needs no look (a second
 * parse of every input that says `use std.lint` cost a tenth of the run). */
static bool has(const uint8_t *data, size_t size, const char *what) {
  size_t n = strlen(what);
  for (size_t i = 0; i + n <= size; i++)
    if (memcmp(data + i, what, n) == 0) return true;
  return false;
}
static bool may_use_outside(const uint8_t *data, size_t size) {
  return has(data, size, "use") &&
         (has(data, size, "\"/") || has(data, size, "..") || has(data, size, "\\"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 20) return -1;
  FuzzRun r;
  fuzz_begin(&r, data, size, "fuzz.jny");
  /* Parsed once here only to look at its `use` lines (model_build parses it again), when it
   * could have one that leaves the folder. */
  if (may_use_outside(data, size)) {
    DiagList pre;
    diag_list_init(&pre, r.arena);
    ParseInput pin = {r.arena, &pre, &r.sources, r.file};
    if (!fuzz_uses_are_local(parse_file(&pin))) {
      fuzz_end(&r);
      return -1; /* keep it out of the corpus */
    }
  }
  uint32_t roots[1] = {r.file};
  ModelInput in = {r.arena, &r.diags, &r.sources, roots, 1, NULL, NULL};
  Model *m = model_build(&in);
  if (!m) fuzz_fail("model_build returned NULL", NULL, 0);
  if (r.diags.errors == 0) {
    /* As `jny check` does: every expression typed, every check run. */
    EvalOptions eo = {true, {0}, NULL};
    date_from_ymd(2026, 11, 23, &eo.today);
    EvalCtx *ev = eval_new(r.arena, m, &r.diags, &eo);
    eval_check_model(ev);
    check_run_all(ev);
    /* As `jny export` and `jny render` do: on any model that resolved, typed or not, with the
     * evaluator's complaints (a KPI's measure) kept out of the way. */
    DiagList scratch;
    diag_list_init(&scratch, r.arena);
    export_json(r.arena, m);
    render_views(r.arena, m, eval_new(r.arena, m, &scratch, &eo));
  }
  fuzz_check_spans(&r);
  /* SARIF for one input in four (chosen by its length, so an input always takes the same
   * path): it lists every code of jny each time, which would cost a tenth of every run. */
  fuzz_render_diags(&r, size % 4 == 0);
  fuzz_end(&r);
  return 0;
}
