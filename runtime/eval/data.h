/* data.h — `data id from "file.csv"` tables (data_csv.c), for the evaluator's files.
 *
 * A table is read the first time an expression names it (typing needs its header), once per
 * run, with libcsv; a problem with the file is one diagnostic at the `data` line whose message
 * starts with the CSV's own position ("survey.csv:14:7: …"), and the table then has no rows.
 * In expressions the data id is the list of its rows (VAL_ROW); `r.column` reads a cell, typed
 * by the column's inferred type; `r.line` is the CSV line the row starts on.
 */
#ifndef JNY_DATA_H
#define JNY_DATA_H

#include "eval_impl.h"

/* Limits, each with its reason (docs/language.md, Limits; tests/cli/data.sh pins them). */
/* Row offsets are kept in 32 bits, and a CSV past this is an export to aggregate first. */
#define DATA_MAX_FILE_BYTES (256u * 1024u * 1024u)
/* As for strings in .jny files: a longer cell is not a survey answer but a document. */
#define DATA_MAX_CELL_BYTES (1024u * 1024u)
/* Far beyond one column per question of a survey export; keeps a row's cells in reach of a
 * 16-bit column number in a score's provenance. */
#define DATA_MAX_COLUMNS 4096u
/* Every cell is a Value (24 bytes) held in memory for the whole run: ten million rows of a
 * few columns is already about a gigabyte. */
#define DATA_MAX_ROWS 10000000u

/* The rows of the table as a list value (built once). False when the file could not be loaded
 * (reported once, at the `data` line). */
bool data_rows(EvalCtx *ev, const DataSet *ds, Value *out);
/* The static type of the table: a list of its rows. False when the file could not be loaded;
 * *out is then any. */
bool data_rows_type(EvalCtx *ev, const DataSet *ds, Type *out);
/* `.field` of a row type: the column's type, or `line`; an unknown column is E0501 with a
 * did-you-mean over the column names. */
bool data_type_field(EvalCtx *ev, const Type *row, const Ident *field, Type *out);
/* `.field` of a row value: the cell (a number carries its provenance), or the row's line. */
bool data_row_field(EvalCtx *ev, const Value *row, const Ident *field, Value *out);
/* Where a number read from a cell came from: "survey.csv:14:17 (column score)", the CSV line
 * and column of the cell; NULL for a number that was not read from a cell. */
const char *data_cell_origin(EvalCtx *ev, const Value *v);

#endif
