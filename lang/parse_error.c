/* parse_error.c — see parse_error.h. */
#include "parse_error.h"

#include <string.h>

#include "strbuf.h"
#include "suggest.h"

/* Tokens that can start an expression, by the names the grammar gives them: when all of them
 * are expected, the message says "an expression" instead of listing fourteen tokens. */
static const char *const EXPR_START[] = {"a name", "a string", "a number", "a date", "a duration",
                                         "'true'", "'false'",  "'none'",   "'not'",  "'('",
                                         "'['",    "'-'",      "'all'",    "'any'"};

static bool is_expr_start(const char *name) {
  for (size_t i = 0; i < sizeof EXPR_START / sizeof EXPR_START[0]; i++)
    if (strcmp(EXPR_START[i], name) == 0) return true;
  return false;
}

static uint32_t line_start_of(const LexState *ls, uint32_t off) {
  const char *s = ls->src->text;
  while (off > 0 && s[off - 1] != '\n') off--;
  return off;
}

/* What was found, in words: the source text when it is short and printable. */
static const char *found_text(LexState *ls, const ParseErrorInfo *info) {
  const char *s = ls->src->text;
  if (info->found_kind == info->sym_eof) /* in a message's {…}, the end is the brace */
    return ls->mode == LEX_EXPR && info->loc.start < ls->src->len && s[info->loc.start] == '}'
               ? "'}'"
               : "end of file";
  if (info->found_kind == info->sym_term)
    return info->loc.start < ls->src->len && s[info->loc.start] == ';' ? "';'" : "end of line";
  if (info->found_kind == info->sym_string) return "a string";
  uint32_t len = info->loc.end - info->loc.start;
  if (len == 0 || len > 40) return info->found_name;
  for (uint32_t i = info->loc.start; i < info->loc.end; i++)
    if ((unsigned char)s[i] < 0x20) return info->found_name;
  return arena_printf(ls->arena, "'%.*s'", (int)len, s + info->loc.start);
}

static bool expects_range(const ParseErrorInfo *info, int first, int last) {
  for (int i = 0; i < info->nexpected; i++)
    if (info->expected[i] >= first && info->expected[i] <= last) return true;
  return false;
}

/* "expected X, Y or Z": expression starters folded into "an expression". */
static const char *expected_text(LexState *ls, const ParseErrorInfo *info) {
  if (expects_range(info, info->sym_decl_first, info->sym_decl_last))
    return "a declaration (journey, persona, stage, touchpoint, flow, …)";
  if (expects_range(info, info->sym_clause_first, info->sym_clause_last)) return "an attribute";
  const char *names[16];
  int n = 0, nexpr = 0;
  for (int i = 0; i < info->nexpected; i++) {
    if (is_expr_start(info->expected_names[i])) {
      nexpr++;
      continue;
    }
    if (n < 16) names[n++] = info->expected_names[i];
  }
  bool expression = nexpr >= 6;
  if (!expression) { /* list the few starters as they are */
    for (int i = 0; i < info->nexpected && n < 16; i++)
      if (is_expr_start(info->expected_names[i])) names[n++] = info->expected_names[i];
  }
  if (expression && n < 16) names[n++] = "an expression";
  if (n == 0 || n > 5) return NULL;
  StrBuf sb;
  sb_init(&sb, ls->arena);
  for (int i = 0; i < n; i++) {
    if (i > 0) sb_puts(&sb, i == n - 1 ? " or " : ", ");
    sb_puts(&sb, names[i]);
  }
  return sb_str(&sb);
}

static void unknown_declaration(LexState *ls, const ParseErrorInfo *info, Span span) {
  const char *word =
      arena_strndup(ls->arena, ls->src->text + info->loc.start, info->loc.end - info->loc.start);
  Diag *d = diag_add(ls->diags, D_SYNTAX, span, "unknown declaration '%s'", word);
  Suggest sg;
  suggest_init(&sg, ls->arena, word);
  for (size_t i = 0; LEX_DECL_WORDS[i]; i++) suggest_offer(&sg, LEX_DECL_WORDS[i], NULL);
  const char *best = suggest_best(&sg);
  if (best)
    diag_help(ls->diags, d, "did you mean '%s'?", best);
  else
    diag_help(ls->diags, d,
              "a declaration starts with journey, use, let, persona, stage, channel, "
              "team, touchpoint, outcome, flow, opportunity, kpi, data, check or "
              "query");
}

void parse_error_report(LexState *ls, const ParseErrorInfo *info) {
  ls->syntax_errors++;
  if (ls->too_deep) return;
  if (info->found_kind == info->sym_eof && ls->unclosed_reported) return;
  uint32_t line = line_start_of(ls, info->loc.start);
  if (ls->syntax_errors > 1 && line == ls->last_error_line_start) return; /* one per line */
  ls->last_error_line_start = line;
  Span span = lex_span(ls, info->loc);
  if (info->found_kind == info->sym_ident &&
      expects_range(info, info->sym_decl_first, info->sym_decl_last)) {
    unknown_declaration(ls, info, span);
    return;
  }
  const char *found = found_text(ls, info);
  const char *expected = expected_text(ls, info);
  Diag *d = expected ? diag_add(ls->diags, D_SYNTAX, span, "expected %s, found %s", expected, found)
                     : diag_add(ls->diags, D_SYNTAX, span, "unexpected %s", found);
  if (info->found_kind == info->sym_all || info->found_kind == info->sym_any)
    diag_help(ls->diags, d, "put the quantifier in parentheses: (%s x in C: …)",
              info->found_kind == info->sym_all ? "all" : "any");
  else if (strcmp(found, "'='") == 0 && ls->braces > 0)
    diag_help(ls->diags, d,
              "an attribute takes its value without '=': write `emotion 2`, "
              "not `emotion = 2` (only metric and meta use '=')");
  else if (info->found_kind == info->sym_arrow)
    diag_help(ls->diags, d, "a flow edge is its own line inside a touchpoint: -> target rate 30%%");
}

void parse_error_exhausted(LexState *ls, Loc loc, const char *msg) {
  (void)msg;
  if (ls->too_deep) return;
  ls->too_deep = true;
  Diag *d = diag_add(ls->diags, D_TOO_DEEP, lex_span(ls, loc),
                     "expression nested too deeply; the rest of this file is not read");
  diag_help(ls->diags, d, "split the expression, or use `let` for its parts");
}
