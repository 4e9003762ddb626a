/* parse.h — the parser's entry points (lexer.l + parser.y behind them).
 *
 * Parsing never stops at the first problem: syntax errors are added to the DiagList with
 * recovery at statement and block level, and what parsed is returned. A NULL result does not
 * happen; an empty AstFile is returned for an empty or hopeless file.
 */
#ifndef JNY_PARSE_H
#define JNY_PARSE_H

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

/* Nesting depth of brackets, braces and parentheses the scanner accepts; deeper input gets
 * E0108. 256 is far past anything hand-written and keeps every recursive walk of the tree
 * (resolver, evaluator, formatter) well inside the C stack. */
#define PARSE_MAX_NESTING 256
/* Longest string literal or identifier, in bytes (E0109): 1 MiB. Longer text is not a journey
 * description but data, and belongs in a `data` file. */
#define PARSE_MAX_TOKEN_BYTES (1024u * 1024u)

typedef struct ParseInput {
  Arena *arena; /* nodes are allocated here */
  DiagList *diags;
  const SourceSet *sources;
  uint32_t file; /* which source to parse */
} ParseInput;

AstFile *parse_file(const ParseInput *in);

/* Parses [start, end) of the source as one expression (for `{…}` interpolation and tools).
 * Returns an EX_ERROR node when it does not parse. */
Expr *parse_expr_range(const ParseInput *in, uint32_t start, uint32_t end);

/* Parses the whole source as block content without braces: a list of attribute and clause
 * lines, as in `jny query FILE 'from t in touchpoints where t.emotion < 0 select t.name'`. */
Attr **parse_clauses(const ParseInput *in, size_t *nattrs);

/* Turns an EX_STRING that has `{…}` parts into EX_INTERP, in place, parsing each part as an
 * expression at its exact position. Returns false (with E0153) when a brace is unbalanced. */
bool parse_interpolation(const ParseInput *in, Expr *string_expr);

/* Date helpers shared by the scanner and later stages. */
bool date_from_ymd(int year, int month, int day, Date *out); /* false if no such day */
Date date_from_days(int32_t days);

#endif
