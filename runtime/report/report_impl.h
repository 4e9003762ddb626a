/* report_impl.h — what the files of runtime/report share: the page being written and the
 * escaping of user text. Not for other folders.
 */
#ifndef JNY_REPORT_IMPL_H
#define JNY_REPORT_IMPL_H

#include "report.h"
#include "value.h"

typedef struct Report {
  const ReportInput *in;
  StrBuf *out;
  Arena *a;
  Model *m;
  EvalCtx *ev;
} Report;

/* Text as HTML: & < > " ' as entities, invalid UTF-8 and control characters (but line breaks
 * and tabs) as U+FFFD, so that no name can open a tag, an attribute or a script. */
void report_text(Report *r, const char *s);
/* "<TAG>escaped text</TAG>" */
void report_cell(Report *r, const char *tag, const char *s);
/* The text a value shows as (`45%`, `2027-01-31`, `true`); "—" for none. */
const char *report_value(Report *r, const Value *v);
/* A field of an entity as `x.field` gives it (none when it cannot be computed). */
Value report_field(Report *r, Entity *e, const char *field);
/* `<table>` in a scroll box, with a caption and a header row of the columns given; the writer
 * closes it with "</tbody></table></div>". */
void report_table_open(Report *r, const char *caption, const char *const *columns, size_t n);

/* ---- report_tables.c: the sections that are tables ---- */
/* The touchpoints (of persona p, or all): the text alternative of the pictures. */
void report_touchpoints(Report *r, const char *caption, const Persona *p);
void report_kpis(Report *r);
void report_pains(Report *r);
void report_opportunities(Report *r);
void report_queries(Report *r);

#endif
