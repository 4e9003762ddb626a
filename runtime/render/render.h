/* render.h — `jny render`: from the resolved model to a picture.
 *
 * The two views (render_flow.c, render_map.c) read the model and write a neutral description
 * of the picture: DOT source text in which every user string is already escaped
 * (render_text.c), plus the layout engine it is meant for. The backend (render_gv.c, the only
 * file that includes <gvc.h>) parses that text with libcgraph, lays it out and draws it with
 * libgvc in memory; Graphviz's own messages come back as diagnostics. Nothing here prints or
 * writes files: cli_render.c does.
 */
#ifndef JNY_RENDER_H
#define JNY_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "strbuf.h"

typedef enum RenderView { RENDER_VIEW_FLOW, RENDER_VIEW_MAP } RenderView;
typedef enum RenderFormat {
  RENDER_FORMAT_SVG,
  RENDER_FORMAT_PNG,
  RENDER_FORMAT_PDF,
  RENDER_FORMAT_DOT /* the DOT source handed to Graphviz, not laid out */
} RenderFormat;

/* Past this many touchpoints the flow view is not laid out with dot (about 1.4 s at 2,000
 * nodes, growing quadratically: 7.5 s at 5,000, 38 s at 10,000); it is collapsed to one node
 * per stage instead, with a warning (E0603). */
#define RENDER_FLOW_MAX_TOUCHPOINTS 2000

/* What to draw. Arrays are indexed like the model's lists. */
typedef struct RenderSelection {
  const Persona *persona; /* --persona, or NULL for every persona */
  bool *stage_on;         /* per stage */
  bool *touch_on;         /* per touchpoint: its stage is on and the persona experiences it */
  size_t nstages_on, ntouch_on;
} RenderSelection;

/* The neutral description of one picture. */
typedef struct RenderGraph {
  const char *dot; /* DOT source */
  size_t len;
  const char *engine; /* "dot" or "nop2" */
} RenderGraph;

/* ---- render_text.c: selection, escaping, wrapping, colours ---- */
/* Every stage and touchpoint on; then narrowed by render_select_persona / _stages. */
void render_select_all(Arena *a, const Model *m, RenderSelection *sel);
void render_select_persona(const Model *m, RenderSelection *sel, const Persona *p);
/* Keeps the stages whose ids are listed (the others off). */
void render_select_stages(const Model *m, RenderSelection *sel, const Stage *const *stages,
                          size_t n);
bool render_touch_has_persona(const Touchpoint *t, const Persona *p);
/* A flow is drawn when its ends are (an outcome is drawn when a flow reaching it is). */
bool render_flow_on(const RenderSelection *sel, const Flow *f);
bool render_has_tag(const Entity *e, const char *tag);

/* A DOT double-quoted string: `"` escaped, backslashes doubled (Graphviz reads `\N`, `\n`… in
 * labels, so a user's backslash must reach it doubled to be drawn as itself). */
void render_put_dot_string(StrBuf *sb, const char *s);
/* The same for a tooltip, which Graphviz reads differently (see render_text.c). */
void render_put_dot_tooltip(StrBuf *sb, const char *s);
/* Text inside an HTML-like label: XML-escaped, backslashes doubled, control bytes dropped.
 * Lines longer than `width` characters are wrapped at spaces with <BR/> (0: no wrapping). */
void render_put_html(StrBuf *sb, const char *s, size_t width);
/* Plain text wrapped at spaces into lines of at most width characters; returns the number of
 * lines. Used to size the map's cells before Graphviz sees them. */
size_t render_count_lines(const char *s, size_t width);
/* Fill colour of an emotion (-3..+3) on ColorBrewer's PiYG-7 scale (colour-blind safe:
 * magenta for negative, green for positive), and whether text on it should be white. */
const char *render_emotion_color(double emotion);
bool render_emotion_dark(double emotion);
const char *render_severity_color(int severity);
/* "+2", "-1.5", "0" */
const char *render_format_score(Arena *a, double v);
/* "45%", "12.5%" */
const char *render_format_percent(Arena *a, double v);
/* Okabe–Ito colours, distinct for colour-blind readers, for curves of several personas. */
const char *render_persona_color(size_t i);
/* Cairo 1.16 stamps a PDF with the wall-clock time (and ignores SOURCE_DATE_EPOCH): this
 * rewrites every /CreationDate and /ModDate in place to `date` (same length, so the file's
 * cross-reference offsets stay right), making the bytes depend on the input only. */
void render_pin_pdf_dates(char *pdf, size_t len, Date date);

/* ---- render_flow.c, render_map.c: the views ---- */
/* A number the evaluator computed for the flow view (cli_render.c); known is false when it
 * could not be (a loop too large to solve, a flow the selected persona does not take). */
typedef struct RenderShare {
  bool known;
  double value; /* 0..1 */
} RenderShare;
/* For the selection's persona, or every customer when there is none. */
typedef struct RenderFlowNumbers {
  const RenderShare *touch_reach;   /* per touchpoint: reach() */
  const RenderShare *outcome_reach; /* per outcome */
  const RenderShare *flow_share;    /* per flow: the share of its touchpoint's arrivals */
} RenderFlowNumbers;
/* numbers may be NULL: then edges show the rates as written and nodes no reach. */
RenderGraph render_flow(Arena *a, const Model *m, const RenderSelection *sel,
                        const RenderFlowNumbers *numbers, DiagList *diags);
/* A KPI's current value, computed by the caller with the evaluator (`actual`, else `measure`). */
typedef struct RenderKpiValue {
  bool known;
  bool percent;
  double value;
} RenderKpiValue;
/* kpis: indexed like the model's KPIs, or NULL (then only `actual` is shown). */
RenderGraph render_map(Arena *a, const Model *m, const RenderSelection *sel,
                       const RenderKpiValue *kpis);

/* ---- render_gv.c: the Graphviz backend ---- */
/* Graphviz's context: one per process (a second one, created after the first was freed, leaves
 * Graphviz's font cache pointing at freed memory). Open it once, draw any number of graphs. */
typedef struct RenderBackend RenderBackend;
RenderBackend *render_backend_open(Arena *a);
void render_backend_close(RenderBackend *b);
/* Parses, lays out and draws g in memory (for RENDER_FORMAT_DOT: parses only, and the output is
 * the source itself). Returns false with diagnostics when Graphviz reported an error; its
 * warnings are added as warnings. The output lives in the arena. */
bool render_draw(RenderBackend *b, const RenderGraph *g, RenderFormat format, const char **out,
                 size_t *out_len, DiagList *diags);

#endif
