/* query.h — queries: `query` blocks and ad-hoc queries, run over the model with the
 * evaluator (eval.h), and their result as text (table, CSV) or JSON.
 *
 * query.c runs one Query into a QueryResult: rows from `from`, kept by `where`, grouped by
 * `group`, computed by `select`, sorted by `order` (stable: ties keep the order of `from`),
 * cut by `limit`. Cells are plain data (numbers, text, booleans, none, lists), so that the
 * formatters (query_format.c) know nothing of the evaluator. query_adhoc.c prepares the text of
 * an ad-hoc query for the parser. Nothing here prints: cli_query.c does.
 */
#ifndef JNY_QUERY_H
#define JNY_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "strbuf.h"

struct json_t;
struct EvalCtx;

typedef enum CellKind { CELL_NONE, CELL_NUMBER, CELL_TEXT, CELL_BOOL, CELL_LIST } CellKind;

typedef struct Cell {
  CellKind kind;
  double number;
  bool percent;     /* CELL_NUMBER written as a percent: shown as one */
  const char *text; /* CELL_TEXT (dates, durations and entities as they print), and for every
                       kind the text shown in a table or CSV */
  size_t len;
  struct Cell *items; /* CELL_LIST */
  size_t nitems;
} Cell;

typedef struct QueryResult {
  const char **columns; /* unique: a repeated name gets _2, _3… */
  size_t ncolumns;
  Cell *cells; /* row-major: row r, column c at cells[r * ncolumns + c] */
  size_t nrows;
} QueryResult;

/* ---- query.c ---- */
/* Runs q. Problems (a run-time error in an expression, a bad limit) are added to diags at the
 * expression's span and the result is NULL. */
QueryResult *query_run(struct EvalCtx *ev, const Query *q, DiagList *diags);

/* ---- query_format.c ---- */
/* An aligned table: a header, a rule, one line per row; numbers right-aligned, percents as
 * percents, none as an empty cell, control characters escaped. */
void query_format_table(StrBuf *out, const QueryResult *r);
/* RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, a quote, CR or
 * LF (quotes doubled). A text cell that starts with = + - @ TAB or CR is prefixed with ' so
 * that a spreadsheet does not run it as a formula. Other control characters are escaped as in
 * the table and invalid UTF-8 becomes U+FFFD. */
void query_format_csv(StrBuf *out, const QueryResult *r);
/* Fills the empty JSON array root with one object per row, keys in column order. Returns false
 * when jansson could not allocate. */
bool query_format_json(struct json_t *root, Arena *scratch, const QueryResult *r);

/* ---- query_adhoc.c ---- */
/* Whether the query argument is the name of a query (an identifier) rather than query text. */
bool query_is_name(const char *arg);
/* A copy of the ad-hoc text in which each clause word (from where group select order limit)
 * that starts a clause is preceded by `;`, so that clauses may be written on one line. The
 * space before the word is replaced, so every byte keeps its column. */
char *query_adhoc_separate(Arena *a, const char *text, size_t len);

#endif
