/* parse_error.h — the words of syntax errors (private to the front end).
 * The grammar hands over what bison knows (the token found, the tokens expected); this file
 * turns it into a message a person can act on, suppresses cascades, and never shows internal
 * token names. */
#ifndef JNY_PARSE_ERROR_H
#define JNY_PARSE_ERROR_H

#include "lex_state.h"

typedef struct ParseErrorInfo {
  Loc loc;
  int found_kind;
  const char *found_name;
  const int *expected;
  const char *const *expected_names;
  int nexpected;
  /* symbol numbers the wording depends on (bison's, passed in so this file does not need them) */
  int sym_ident, sym_term, sym_eof, sym_string, sym_number, sym_all, sym_any, sym_not, sym_arrow;
  int sym_decl_first, sym_decl_last, sym_clause_first, sym_clause_last;
} ParseErrorInfo;

void parse_error_report(LexState *ls, const ParseErrorInfo *info);
/* bison's stack ran out (only a very long chain of prefix operators gets there) */
void parse_error_exhausted(LexState *ls, Loc loc, const char *msg);

#endif
