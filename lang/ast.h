/* ast.h — the syntax tree the parser builds and the resolver reads.
 *
 * Every node carries a Span. The grammar is small and generic: a declaration is a kind keyword,
 * a list of header arguments and an optional block of attributes; attribute lines are a name
 * with arguments, except for the few clause forms that hold expressions (for, from, where,
 * assert, select, order, group, measure, limit, metric, meta, target, and `->` edges). What
 * each attribute means is the schema's business (schema.h), not the grammar's.
 * All nodes live in the parse arena.
 */
#ifndef JNY_AST_H
#define JNY_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source.h"

typedef struct Ident {
  const char *text; /* NULL when absent */
  Span span;
} Ident;

/* A calendar date, kept both ways: days since 1970-01-01 for arithmetic, y/m/d for printing. */
typedef struct Date {
  int32_t days;
  int16_t year;
  int8_t month, day;
} Date;

typedef enum OpKind {
  OP_OR,
  OP_AND,
  OP_NOT,
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
  OP_NOT_IN,
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_NEG
} OpKind;

typedef enum ExprKind {
  EX_NUMBER, /* 42, 3.5, 35% (percent flag set, value 0.35) */
  EX_STRING, /* decoded text */
  EX_INTERP, /* a message string with {expr} parts (made from EX_STRING by parse_interpolation) */
  EX_DATE,
  EX_DURATION, /* seconds */
  EX_BOOL,
  EX_NONE,
  EX_NAME,   /* an identifier: entity, let, collection, data table or bound variable */
  EX_MEMBER, /* object.field */
  EX_CALL,   /* fn(args) — the callee is always a plain name */
  EX_LIST,   /* [a, b] */
  EX_UNARY,  /* -x, not x */
  EX_BINARY,
  EX_QUANT,         /* all|any x in C [where c]: body */
  EX_COMPREHENSION, /* [body for x in C where c] */
  EX_ERROR          /* stands in for an expression that did not parse */
} ExprKind;

/* What an EX_NAME refers to; filled in by the resolver, read by the evaluator. */
typedef enum NameRefKind {
  NR_UNRESOLVED,
  NR_ENTITY,     /* target: Entity * */
  NR_LET,        /* target: Let * (an Entity of kind EK_LET) */
  NR_COLLECTION, /* collection: CollectionKind (schema.h) */
  NR_VAR         /* target: the Ident that binds it (for/from/quantifier/comprehension) */
} NameRefKind;

typedef struct Expr Expr;

typedef struct ExprList {
  Expr **items;
  size_t len;
} ExprList;

typedef struct InterpPart {
  bool is_expr;
  const char *text; /* decoded literal text when !is_expr */
  size_t len;
  Expr *expr; /* when is_expr */
  Span span;  /* the literal piece, or the {…} including braces */
} InterpPart;

struct Expr {
  ExprKind kind;
  Span span;
  union {
    struct {
      double value;
      bool percent;
    } num;
    struct {
      const char *text; /* UTF-8, NUL-terminated, no NUL inside (E0105 for \u{0}) */
      size_t len;
      bool triple;    /* written as """…""" */
      bool has_brace; /* contains an unescaped '{' (worth interpolating) */
    } str;
    struct {
      InterpPart *parts;
      size_t len;
    } interp;
    Date date;
    struct {
      double seconds;
    } dur;
    bool boolean;
    struct {
      Ident id;
      NameRefKind ref;
      int collection;     /* CollectionKind when ref == NR_COLLECTION */
      const void *target; /* see NameRefKind */
    } name;
    struct {
      Expr *object;
      Ident field;
    } member;
    struct {
      Ident fn;
      ExprList args;
    } call;
    ExprList list;
    struct {
      OpKind op;
      Expr *operand;
    } unary;
    struct {
      OpKind op;
      Span op_span;
      Expr *lhs, *rhs;
    } binary;
    struct {
      bool is_all;
      Ident var;
      Expr *coll, *cond, *body; /* cond may be NULL */
    } quant;
    struct {
      Expr *body;
      Ident var;
      Expr *coll, *cond; /* cond may be NULL */
    } comp;
  } as;
};

/* Each kind of node is allocated with only the bytes its member of `as` needs (a number takes
 * 32 bytes, a quantifier 72): copy an Expr with ast_expr_size(), never with `*copy = *e`. */
size_t ast_expr_size(ExprKind kind);

/* A header or attribute argument: a literal, a name, or a negative number. `comma_before` keeps
 * the difference between `channels app, web` (a list) and `pain x "text"` (a sequence). */
typedef struct Arg {
  Expr *value;
  bool comma_before;
} Arg;

typedef enum AttrForm {
  AF_ARGS,   /* name arg… */
  AF_EDGE,   /* -> target arg…            (name is "->", target in `var`) */
  AF_FOR,    /* for var in expr [where cond] */
  AF_FROM,   /* from var in expr */
  AF_EXPR,   /* where|assert|group|measure|limit expr */
  AF_SELECT, /* select item, … */
  AF_ORDER,  /* order item, … */
  AF_ASSIGN, /* metric|meta var = expr */
  AF_TARGET  /* target op expr */
} AttrForm;

/* One `select` column or `order` key. */
typedef struct Item {
  Expr *expr;
  Ident alias;  /* select … as alias */
  bool desc;    /* order … desc */
  bool has_dir; /* asc or desc written */
  Span span;
} Item;

/* One line of a block. The most common by far is AF_ARGS (`stage buy`), so the fields each form
 * uses share storage: `args` (AF_ARGS, AF_EDGE), `items` (AF_SELECT, AF_ORDER) and `expr` with
 * `cond` (the other forms) overlap, and so do `var` and `op`. Read only what the form has (the
 * comments say which); resolve_form_fits() checks the form before anything is read. */
typedef struct Attr {
  AttrForm form;
  Span span;  /* the whole line */
  Ident name; /* the attribute word; for AF_EDGE the text is "->" */
  union {
    struct {
      Arg *args; /* AF_ARGS, AF_EDGE */
      size_t nargs;
    };
    struct {
      Item *items; /* AF_SELECT, AF_ORDER */
      size_t nitems;
    };
    struct {
      Expr *expr; /* AF_FOR, AF_FROM, AF_EXPR, AF_ASSIGN, AF_TARGET */
      Expr *cond; /* AF_FOR's where */
    };
  };
  union {
    Ident var; /* AF_EDGE's target, AF_FOR's and AF_FROM's variable, AF_ASSIGN's key */
    struct {
      OpKind op; /* AF_TARGET */
      Span op_span;
    };
  };
} Attr;

typedef enum DeclKind {
  DK_JOURNEY,
  DK_USE,
  DK_LET,
  DK_PERSONA,
  DK_STAGE,
  DK_CHANNEL,
  DK_TEAM,
  DK_TOUCHPOINT,
  DK_OUTCOME,
  DK_FLOW,
  DK_OPPORTUNITY,
  DK_KPI,
  DK_DATA,
  DK_CHECK,
  DK_QUERY,
  DK__COUNT
} DeclKind;

typedef struct Decl {
  DeclKind kind;
  Span span;    /* keyword to end of block */
  Span kw_span; /* the kind keyword */
  /* Generic header arguments after the keyword: `persona parent "Busy parent"` gives two;
   * `outcome lost "Lost" failure` three. For DK_FLOW, the arguments after the chain. */
  Arg *args;
  size_t nargs;
  bool has_block;
  Span block_span;
  Attr **attrs;
  size_t nattrs;
  /* DK_USE: `use std.lint` (is_module, text "std.lint") or `use "x.jny"` (path text) */
  const char *use_target;
  bool use_is_module;
  Span use_span;
  /* DK_LET: name = expr; DK_DATA: name from "path" */
  Ident name;
  Expr *expr;
  const char *data_path;
  Span data_path_span;
  /* DK_FLOW: the chain a -> b -> c */
  Ident *chain;
  size_t nchain;
} Decl;

typedef struct Comment {
  Span span;  /* including the // or the slash-star and star-slash */
  bool block; /* a block comment rather than a line comment */
} Comment;

typedef struct AstFile {
  uint32_t file; /* index in the SourceSet */
  Decl **decls;
  size_t ndecls;
  Comment *comments; /* in source order */
  size_t ncomments;
} AstFile;

const char *ast_decl_kind_name(DeclKind kind); /* "touchpoint" */
const char *ast_op_text(OpKind op);            /* "+", "and", "not in" */

#endif
