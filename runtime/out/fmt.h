/* fmt.h — the canonical layout of a .jny file (`jny fmt`), printed from the syntax tree.
 *
 * The layout: two-space indent inside blocks, one attribute or clause per line, `{` on the
 * header line, one blank line between declarations (a run of one-line declarations of the same
 * kind written on consecutive lines stays together), no alignment. Literals are copied from the
 * source text, so strings keep their escapes and """ blocks and numbers keep their spelling;
 * expressions are re-spaced, with the parentheses the user wrote (one pair) and those the
 * precedence needs. Every comment is kept: leading comments on their own lines, trailing ones
 * at the end of their line, and a comment written inside a line (between the tokens of an
 * attribute or a header) on its own line just above that line. See docs/language.md,
 * "Formatting".
 *
 * The caller parses first and formats only a file without syntax errors: an EX_ERROR node has
 * no text to print.
 */
#ifndef JNY_FMT_H
#define JNY_FMT_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "source.h"
#include "strbuf.h"

/* The formatted text of the parsed file `ast` whose bytes are `src`, NUL-terminated, in arena;
 * *len gets its length. An empty file (no declarations, no comments) gives "". */
const char *fmt_file(Arena *arena, const Source *src, const AstFile *ast, size_t *len);

/* ---- shared by fmt.c and fmt_expr.c ---- */
typedef struct Fmt {
  const Source *src;
  StrBuf out;
} Fmt;

/* One attribute or clause line of a block as the layout prints it, without indent, comments or
 * newline (`-> checkout rate 55%`); a string literal written over several lines keeps them.
 * Also for the Mermaid export, which carries a block's lines in comments. */
void fmt_attr(Fmt *f, const Attr *a);

/* An expression whose own precedence is at least min_prec prints without added parentheses:
 * 0 quantifier, 1 or, 2 and, 3 not, 4 comparison and in, 5 + -, 6 * /, 7 unary minus,
 * 8 member and call, 9 primary. */
void fmt_expr(Fmt *f, const Expr *e, int min_prec);
/* Header or attribute arguments: `a, b` where a comma was written, else `a b`. */
void fmt_args(Fmt *f, const Arg *args, size_t nargs);
/* The source text of span, as written. */
void fmt_span_text(Fmt *f, Span s);

#endif
