/* ast_build.h — constructors the grammar's actions call; one node per call, nothing else.
 * Private to the front end (parser.y, parse.c). */
#ifndef JNY_AST_BUILD_H
#define JNY_AST_BUILD_H

#include "ast.h"
#include "lex_state.h"

Expr *ast_number(Arena *a, Span span, double value, bool percent);
Expr *ast_string(Arena *a, Span span, const char *text, size_t len, bool triple, bool has_brace);
Expr *ast_date(Arena *a, Span span, Date date);
Expr *ast_duration(Arena *a, Span span, double seconds);
Expr *ast_bool(Arena *a, Span span, bool value);
Expr *ast_none(Arena *a, Span span);
Expr *ast_error(Arena *a, Span span);
Expr *ast_name(Arena *a, Ident id);
Expr *ast_member(Arena *a, Span span, Expr *object, Ident field);
Expr *ast_call(Arena *a, Span span, Ident fn, ExprVec args);
Expr *ast_list(Arena *a, Span span, ExprVec items);
Expr *ast_unary(Arena *a, Span span, OpKind op, Expr *operand);
/* span: the rule's whole extent, which includes parentheses around either operand. */
Expr *ast_binary(Arena *a, Span span, OpKind op, Span op_span, Expr *lhs, Expr *rhs);
Expr *ast_quant(Arena *a, Span span, bool is_all, Ident var, Expr *coll, Expr *cond, Expr *body);
Expr *ast_comprehension(Arena *a, Span span, Expr *body, Ident var, Expr *coll, Expr *cond);

Attr *ast_attr_args(Arena *a, Span span, Ident name, ArgVec args);
Attr *ast_attr_edge(Arena *a, Span span, Span arrow, Ident target, ArgVec args);
Attr *ast_attr_for(Arena *a, Span span, Span kw, Ident var, Expr *coll, Expr *cond);
Attr *ast_attr_from(Arena *a, Span span, Span kw, Ident var, Expr *coll);
Attr *ast_attr_expr(Arena *a, Span span, const char *name, Span kw, Expr *e);
Attr *ast_attr_items(Arena *a, Span span, AttrForm form, const char *name, Span kw, ItemVec items);
Attr *ast_attr_assign(Arena *a, Span span, const char *name, Span kw, Ident key, Expr *e);
Attr *ast_attr_target(Arena *a, Span span, Span kw, OpKind op, Span op_span, Expr *e);

Decl *ast_decl(Arena *a, int kind, Span span, Span kw, ArgVec args, const BlockLit *block,
               const LexState *ls);
Decl *ast_decl_use(Arena *a, Span span, Span kw, const char *target, bool is_module,
                   Span target_span);
Decl *ast_decl_let(Arena *a, Span span, Span kw, Ident name, Expr *e);
Decl *ast_decl_flow(Arena *a, Span span, Span kw, Ident first, const IdentVec *chain, ArgVec args,
                    const BlockLit *block, const LexState *ls);
Decl *ast_decl_data(Arena *a, Span span, Span kw, Ident name, const char *path, Span path_span,
                    const BlockLit *block, const LexState *ls);

#endif
