/* parse.c — the parser's entry points (parse.h): set up a LexState and a flex scanner over a
 * byte range of a source, run the bison parser, collect what it built. Also the splitting of
 * message strings into literal pieces and {expr} parts, each expression parsed in place so its
 * spans are exact. */
#include <string.h>

#include "lexer.h"
#include "parse.h"
#include "parser.h"

/* The most flex reads at a time (lexer.l's YY_INPUT copies the source in pieces this big). */
enum { PARSE_READ_BUFFER = 64 * 1024 };

static void run_parser(const ParseInput *in, LexMode mode, uint32_t start, uint32_t end,
                       LexState *ls) {
  memset(ls, 0, sizeof *ls);
  ls->in = in;
  ls->src = source_get(in->sources, in->file);
  ls->file = in->file;
  ls->arena = in->arena;
  ls->diags = in->diags;
  ls->mode = mode;
  ls->start_token = mode == LEX_FILE   ? TOK_START_FILE
                    : mode == LEX_EXPR ? TOK_START_EXPR
                                       : TOK_START_CLAUSES;
  ls->base = ls->pos = ls->read_pos = start;
  ls->range_end = end;
  ls->last_error_line_start = UINT32_MAX;
  sb_init(&ls->scratch, in->arena);
  yyscan_t scanner;
  jnyraw_lex_init_extra(ls, &scanner);
  ls->scanner = scanner;
  /* flex reads the range through YY_INPUT (lexer.l) into a buffer of its own, no bigger than
   * the range: a `{…}` part of a message is a few bytes, and there are many of them. */
  uint32_t n = end - start + 2;
  YY_BUFFER_STATE buf =
      jnyraw__create_buffer(NULL, n < PARSE_READ_BUFFER ? (int)n : PARSE_READ_BUFFER, scanner);
  jnyraw__switch_to_buffer(buf, scanner);
  jny_parse(ls);
  jnyraw__delete_buffer(buf, scanner);
  jnyraw_lex_destroy(scanner);
}

AstFile *parse_file(const ParseInput *in) {
  LexState ls;
  const Source *src = source_get(in->sources, in->file);
  run_parser(in, LEX_FILE, 0, src->len, &ls);
  AstFile *f = arena_alloc(in->arena, sizeof *f);
  f->file = in->file;
  f->decls = ls.decls.items;
  f->ndecls = ls.decls.len;
  f->comments = ls.comments.items;
  f->ncomments = ls.comments.len;
  return f;
}

Expr *parse_expr_range(const ParseInput *in, uint32_t start, uint32_t end) {
  LexState ls;
  run_parser(in, LEX_EXPR, start, end, &ls);
  if (ls.expr && ls.syntax_errors == 0 && !ls.too_deep) return ls.expr;
  Expr *e = arena_alloc(in->arena, sizeof *e);
  e->kind = EX_ERROR;
  e->span = span_make(in->file, start, end);
  return e;
}

Attr **parse_clauses(const ParseInput *in, size_t *nattrs) {
  LexState ls;
  const Source *src = source_get(in->sources, in->file);
  run_parser(in, LEX_CLAUSES, 0, src->len, &ls);
  *nattrs = ls.clauses.len;
  return ls.clauses.items;
}

/* ---- interpolation -------------------------------------------------------------------- */

typedef VEC(InterpPart) PartVec;

static void add_literal(const ParseInput *in, const Source *src, PartVec *parts, uint32_t start,
                        uint32_t end) {
  if (end <= start) return;
  StrBuf sb;
  sb_init(&sb, in->arena);
  sb_add(&sb, "", 0);
  lex_decode_text(in->arena, src, start, end, &sb);
  InterpPart p = {false, sb.data, sb.len, NULL, span_make(in->file, start, end)};
  VEC_PUSH(in->arena, *parts, p);
}

/* Bytes taken by the escape at s[i] (a backslash), so that \{ and \u{…} are not braces. */
static uint32_t escape_length(const char *s, uint32_t i, uint32_t end) {
  if (i + 1 >= end) return 1;
  if (s[i + 1] != 'u' || i + 2 >= end || s[i + 2] != '{') return 2;
  uint32_t j = i + 3;
  while (j < end && s[j] != '}' && s[j] != '"') j++;
  return j < end && s[j] == '}' ? j - i + 1 : 2;
}

static bool interp_error(const ParseInput *in, uint32_t start, uint32_t end, const char *msg,
                         const char *help) {
  Diag *d = diag_add(in->diags, D_BAD_INTERP, span_make(in->file, start, end), "%s", msg);
  diag_help(in->diags, d, "%s", help);
  return false;
}

bool parse_interpolation(const ParseInput *in, Expr *e) {
  if (e->kind != EX_STRING || !e->as.str.has_brace) return true;
  const Source *src = source_get(in->sources, e->span.file);
  const char *s = src->text;
  uint32_t q = e->as.str.triple ? 3 : 1;
  uint32_t start = e->span.start + q, end = e->span.end;
  if (end >= start + q && s[end - 1] == '"') end -= q; /* an unterminated string has no quotes */
  PartVec parts = {0};
  uint32_t lit = start;
  for (uint32_t i = start; i < end;) {
    if (s[i] == '\\') {
      i += escape_length(s, i, end);
    } else if (s[i] == '}') {
      return interp_error(in, i, i + 1, "'}' with no opening '{' in a message",
                          "write \\} for a literal brace");
    } else if (s[i] == '{') {
      uint32_t j = i + 1;
      while (j < end && s[j] != '}' && s[j] != '{') j++;
      if (j >= end || s[j] != '}')
        return interp_error(in, i, i + 1, "unclosed '{' in a message",
                            "close the expression with '}', or write \\{ for a literal brace");
      if (j == i + 1)
        return interp_error(in, i, j + 1, "empty '{}' in a message",
                            "put an expression inside, or write \\{\\} for literal braces");
      add_literal(in, src, &parts, lit, i);
      ParseInput sub = *in;
      sub.file = e->span.file;
      InterpPart p = {true, NULL, 0, parse_expr_range(&sub, i + 1, j),
                      span_make(e->span.file, i, j + 1)};
      VEC_PUSH(in->arena, parts, p);
      i = lit = j + 1;
    } else {
      i++;
    }
  }
  add_literal(in, src, &parts, lit, end);
  e->kind = EX_INTERP;
  e->as.interp.parts = parts.items;
  e->as.interp.len = parts.len;
  return true;
}
