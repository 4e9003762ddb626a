/* lex_state.h — state shared by the scanner (lexer.l) and the parser (parser.y); private to
 * the front end. One LexState per parse: no file-scope state anywhere.
 *
 * The flex rules find raw tokens; lexer.l's jny_lex() wraps them and applies the rules that
 * need context: Go's newline rule, terminators inserted before `}` and at the end, keywords
 * that are keywords only at the start of a statement, bracket matching and the nesting limit.
 */
#ifndef JNY_LEX_STATE_H
#define JNY_LEX_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "strbuf.h"
#include "symtab.h"

typedef struct Loc {
  uint32_t start, end; /* byte offsets in the source */
} Loc;

typedef struct OpenDelim {
  char ch;      /* '(' '[' or '{' */
  uint32_t off; /* where it was opened */
} OpenDelim;

typedef struct Queued {
  int tok;
  Loc loc;
} Queued;

/* Semantic values of literal tokens. */
typedef struct StrLit {
  const char *text;
  size_t len;
  bool triple, has_brace;
} StrLit;

typedef struct NumLit {
  double value;
  bool percent;
} NumLit;

/* Lists the grammar builds; VEC types must be named to travel through the %union. */
typedef VEC(Arg) ArgVec;
typedef VEC(Attr *) AttrVec;
typedef VEC(Expr *) ExprVec;
typedef VEC(Item) ItemVec;
typedef VEC(Ident) IdentVec;

typedef struct BlockLit {
  bool present;
  Loc loc;
  AttrVec attrs;
} BlockLit;

typedef enum LexMode { LEX_FILE, LEX_EXPR, LEX_CLAUSES } LexMode;

typedef struct LexState {
  const ParseInput *in;
  const Source *src;
  uint32_t file;
  Arena *arena;
  DiagList *diags;
  void *scanner; /* the flex scanner (yyscan_t) */
  LexMode mode;
  int start_token;    /* the mode's start token, handed out first */
  uint32_t base;      /* offset of the scanned range in the source */
  uint32_t pos;       /* absolute offset of the next unread byte */
  uint32_t range_end; /* absolute end of the scanned range */
  uint32_t read_pos;  /* how far flex has read the source into its buffer (YY_INPUT) */

  /* raw token state for the flex actions */
  uint32_t tok_start; /* start of a multi-part token (triple string) */
  uint32_t comment_start;

  /* the wrapper's context */
  int last; /* last token handed to the parser, 0 at the start */
  int prev; /* the token before `last` */
  Loc last_loc;
  VEC(Queued) queue; /* tokens to hand out before scanning more (a TERM before '}'…) */
  size_t queue_head;
  VEC(OpenDelim) open;
  size_t braces; /* how many '{' are open */
  bool too_deep; /* E0108 reported: the rest of the input is not parsed */
  bool at_eof;

  StrBuf scratch;      /* string decoding buffer, reused */
  SymTab *attr_names;  /* attribute names, stored once (lexer.l: word_text) */
  Diag *last_bad_utf8; /* extended while invalid bytes follow each other */
  Diag *last_bad_char; /* likewise for NUL and control bytes */
  VEC(Comment) comments;
  VEC(Decl *) decls;    /* the file's declarations, as the parser reduces them */
  AttrVec clauses;      /* LEX_CLAUSES result */
  ArgVec arg_scratch;   /* the arguments of the line being read (parser.y: exact_args) */
  AttrVec attr_scratch; /* the lines of the block being read (parser.y: exact_attrs) */
  Expr *expr;           /* LEX_EXPR result */

  /* error bookkeeping for cascade suppression */
  uint32_t last_error_line_start; /* offset of the line of the last syntax error, or UINT32_MAX */
  bool unclosed_reported;
  size_t syntax_errors;
} LexState;

Span lex_span(const LexState *ls, Loc loc);
void lex_decode_text(Arena *arena, const Source *src, uint32_t start, uint32_t end, StrBuf *out);
/* The words the front end treats as declaration kinds, for messages and suggestions. */
extern const char *const LEX_DECL_WORDS[];

#endif
