/* report.h — `jny report`: one self-contained HTML file that shows a journey whole.
 *
 * The page (report_html.c) has the journey's header, the map and flow views as inline SVG
 * (drawn in memory by runtime/render), the touchpoints, KPIs, pains, opportunities
 * (report_tables.c), one view per persona switched by CSS alone, the check's findings and the
 * journey's own queries. It makes no request of any kind (no script, font, image or style
 * sheet from elsewhere), reads with scripting disabled, prints in landscape with a page per
 * section, and escapes every user string. The same input gives the same bytes. Nothing here
 * prints or writes files: cli_report.c does.
 */
#ifndef JNY_REPORT_H
#define JNY_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "eval.h"
#include "model.h"
#include "render.h"
#include "source.h"
#include "strbuf.h"

typedef struct ReportInput {
  Model *model;
  EvalCtx *ev; /* for the values shown; its own diagnostics are not part of the report */
  const DiagList *findings; /* what `jny check` reports for the model */
  const SourceSet *sources; /* for the findings' places */
  size_t nfiles;            /* the user's files, for the findings' summary */
  RenderBackend *backend;
  const char *origin; /* the input's name, shown at the foot */
} ReportInput;

/* Writes the page into out. Graphviz's messages go to diags; false when it failed to draw. */
bool report_html(StrBuf *out, const ReportInput *in, DiagList *diags);

#endif
