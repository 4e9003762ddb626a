/* parser.y — the grammar: tokens to an AstFile, second stage of the pipeline.
 *
 * A pure (reentrant) bison parser with locations and no conflicts (%expect 0). Actions only
 * build nodes (ast_build.c). Statements end with TERM, which the scanner produces from
 * newlines (Go's rule), ';', and before '}' and the end of the input. Recovery: a bad line
 * is skipped to its TERM, at top level and inside blocks, so one file reports many errors.
 * No yyerrok after recovery: bison then stays quiet until three tokens have been read cleanly,
 * which is what keeps one mistake from being reported as three.
 * The words of the messages are chosen in parse_error.c, never internal token names.
 */
%define api.pure full
%define api.prefix {jny_}
%define api.token.prefix {TOK_}
%define api.location.type {Loc}
%define parse.error custom
%locations
%expect 0
%param {LexState *ls}

%code requires {
#include "ast_build.h"
#include "lex_state.h"
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                                \
  do {                                                                                             \
    if (N) {                                                                                       \
      (Cur).start = YYRHSLOC(Rhs, 1).start;                                                        \
      (Cur).end = YYRHSLOC(Rhs, N).end;                                                            \
    } else {                                                                                       \
      (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;                                              \
    }                                                                                              \
  } while (0)
}

%code provides {
int jny_lex(JNY_STYPE *lval, Loc *loc, LexState *ls);
}

%code {
#include <string.h>

#include "parse_error.h"

/* Bison's stack: 5000 entries hold the deepest bracket nesting the scanner allows
 * (PARSE_MAX_NESTING) with room to spare; a longer chain of prefix operators runs out and is
 * reported as E0108 instead of growing without bound. */
#define YYMAXDEPTH 5000
/* The stack grows with alloca, so an out-of-memory jump out of a parse leaks nothing. */
#define YYSTACK_USE_ALLOCA 1
#define ARENA (ls->arena)
#define SPAN(loc) lex_span(ls, (loc))

static void jny_error(Loc *loc, LexState *ls, const char *msg) {
  parse_error_exhausted(ls, *loc, msg);
}

/* A line's arguments and a block's lines are gathered in one scratch list each, reused from
 * line to line and block to block (neither nests), and kept at their exact size: growing a
 * list per line would leave its smaller copies behind in the arena, more than the tree. */
static ArgVec exact_args(LexState *ls) {
  ArgVec v = {arena_alloc(ARENA, ls->arg_scratch.len * sizeof(Arg)), ls->arg_scratch.len,
              ls->arg_scratch.len};
  if (v.len) memcpy(v.items, ls->arg_scratch.items, v.len * sizeof(Arg));
  return v;
}

static AttrVec exact_attrs(LexState *ls) {
  AttrVec v = {arena_alloc(ARENA, ls->attr_scratch.len * sizeof(Attr *)), ls->attr_scratch.len,
               ls->attr_scratch.len};
  if (v.len) memcpy(v.items, ls->attr_scratch.items, v.len * sizeof(Attr *));
  return v;
}
}

%union {
  Ident ident;
  StrLit str;
  NumLit num;
  Date date;
  double dur;
  int kind;
  Expr *expr;
  Arg arg;
  ArgVec args;
  Attr *attr;
  AttrVec attrs;
  BlockLit block;
  Decl *decl;
  ExprVec exprs;
  Item item;
  ItemVec items;
  IdentVec idents;
  const char *text;
}

%token EOF 0 "end of file"
%token TERM "end of line"
%token <ident> IDENT "a name"
%token <str> STRING "a string"
%token <num> NUMBER "a number"
%token <date> DATE "a date"
%token <dur> DURATION "a duration"
%token ARROW "'->'" EQ "'=='" NE "'!='" LE "'<='" GE "'>='"
%token AND "'and'" OR "'or'" NOT "'not'" IN "'in'" ALL "'all'" ANY "'any'" FOR "'for'"
%token WHERE "'where'" FROM "'from'" AS "'as'" ASC "'asc'" DESC "'desc'"
%token TRUE "'true'" FALSE "'false'" NONE "'none'"
%token K_JOURNEY "'journey'" K_USE "'use'" K_LET "'let'" K_PERSONA "'persona'"
%token K_STAGE "'stage'" K_CHANNEL "'channel'" K_TEAM "'team'" K_TOUCHPOINT "'touchpoint'"
%token K_OUTCOME "'outcome'" K_FLOW "'flow'" K_OPPORTUNITY "'opportunity'" K_KPI "'kpi'"
%token K_DATA "'data'" K_CHECK "'check'" K_QUERY "'query'"
%token C_ASSERT "'assert'" C_SELECT "'select'" C_ORDER "'order'" C_GROUP "'group'"
%token C_MEASURE "'measure'" C_METRIC "'metric'" C_META "'meta'" C_TARGET "'target'"
%token C_LIMIT "'limit'"
%token START_FILE "start of file" START_EXPR "start of expression" START_CLAUSES "start of clauses"

%type <kind> decl_kw cmp_op
%type <decl> decl
%type <args> args
%type <arg> arg
%type <block> block_opt
%type <attr> attr
%type <idents> chain
%type <text> dotted
%type <expr> expr quant or_expr and_expr not_expr cmp sum term unary postfix primary literal
%type <exprs> exprlist call_args
%type <item> select_item order_item
%type <items> select_items order_items

%%

start
  : START_FILE file
  | START_EXPR expr                 { ls->expr = $2; }
  | START_EXPR error                { ls->expr = NULL; }
  | START_CLAUSES attrs             { ls->clauses = exact_attrs(ls); }
  ;

file
  : %empty
  | file TERM
  | file decl TERM                  { VEC_PUSH(ARENA, ls->decls, $2); }
  | file error TERM
  ;

/* ---- declarations ---------------------------------------------------------------------- */

decl
  : decl_kw args block_opt          { $$ = ast_decl(ARENA, $1, SPAN(@$), SPAN(@1), $2, &$3, ls); }
  | K_USE dotted                    { $$ = ast_decl_use(ARENA, SPAN(@$), SPAN(@1), $2, true, SPAN(@2)); }
  | K_USE STRING                    { $$ = ast_decl_use(ARENA, SPAN(@$), SPAN(@1), $2.text, false, SPAN(@2)); }
  | K_LET IDENT '=' expr            { $$ = ast_decl_let(ARENA, SPAN(@$), SPAN(@1), $2, $4); }
  | K_FLOW IDENT chain args block_opt
                                    { $$ = ast_decl_flow(ARENA, SPAN(@$), SPAN(@1), $2, &$3, $4, &$5, ls); }
  | K_DATA IDENT FROM STRING block_opt
                                    { $$ = ast_decl_data(ARENA, SPAN(@$), SPAN(@1), $2, $4.text, SPAN(@4), &$5, ls); }
  ;

decl_kw
  : K_JOURNEY       { $$ = DK_JOURNEY; }
  | K_PERSONA       { $$ = DK_PERSONA; }
  | K_STAGE         { $$ = DK_STAGE; }
  | K_CHANNEL       { $$ = DK_CHANNEL; }
  | K_TEAM          { $$ = DK_TEAM; }
  | K_TOUCHPOINT    { $$ = DK_TOUCHPOINT; }
  | K_OUTCOME       { $$ = DK_OUTCOME; }
  | K_OPPORTUNITY   { $$ = DK_OPPORTUNITY; }
  | K_KPI           { $$ = DK_KPI; }
  | K_CHECK         { $$ = DK_CHECK; }
  | K_QUERY         { $$ = DK_QUERY; }
  ;

dotted
  : IDENT                           { $$ = $1.text; }
  | dotted '.' IDENT                { $$ = arena_printf(ARENA, "%s.%s", $1, $3.text); }
  ;

chain
  : ARROW IDENT                     { $$ = (IdentVec){0}; VEC_PUSH(ARENA, $$, $2); }
  | chain ARROW IDENT               { $$ = $1; VEC_PUSH(ARENA, $$, $3); }
  ;

args
  : %empty                          { $$ = (ArgVec){0}; }
  | arglist                         { $$ = exact_args(ls); }
  ;

arglist
  : arg                             { ls->arg_scratch.len = 0; VEC_PUSH(ARENA, ls->arg_scratch, $1); }
  | arglist arg                     { VEC_PUSH(ARENA, ls->arg_scratch, $2); }
  | arglist ',' arg                 { $3.comma_before = true; VEC_PUSH(ARENA, ls->arg_scratch, $3); }
  ;

arg
  : literal                         { $$ = (Arg){$1, false}; }
  | IDENT                           { $$ = (Arg){ast_name(ARENA, $1), false}; }
  | '-' NUMBER                      { $$ = (Arg){ast_number(ARENA, SPAN(@$), -$2.value, $2.percent), false}; }
  | '-' DURATION                    { $$ = (Arg){ast_duration(ARENA, SPAN(@$), -$2), false}; }
  ;

block_opt
  : %empty                          { $$ = (BlockLit){false, @$, {0}}; }
  | '{' attrs '}'                   { $$ = (BlockLit){true, @$, exact_attrs(ls)}; }
  ;

attrs
  : %empty                          { ls->attr_scratch.len = 0; }
  | attrs TERM
  | attrs attr TERM                 { VEC_PUSH(ARENA, ls->attr_scratch, $2); }
  | attrs error TERM
  ;

/* ---- attribute and clause lines -------------------------------------------------------- */

attr
  : IDENT args                      { $$ = ast_attr_args(ARENA, SPAN(@$), $1, $2); }
  | ARROW IDENT args                { $$ = ast_attr_edge(ARENA, SPAN(@$), SPAN(@1), $2, $3); }
  | FOR IDENT IN or_expr            { $$ = ast_attr_for(ARENA, SPAN(@$), SPAN(@1), $2, $4, NULL); }
  | FOR IDENT IN or_expr WHERE expr { $$ = ast_attr_for(ARENA, SPAN(@$), SPAN(@1), $2, $4, $6); }
  | FROM IDENT IN or_expr           { $$ = ast_attr_from(ARENA, SPAN(@$), SPAN(@1), $2, $4); }
  | WHERE expr                      { $$ = ast_attr_expr(ARENA, SPAN(@$), "where", SPAN(@1), $2); }
  | C_ASSERT expr                   { $$ = ast_attr_expr(ARENA, SPAN(@$), "assert", SPAN(@1), $2); }
  | C_GROUP expr                    { $$ = ast_attr_expr(ARENA, SPAN(@$), "group", SPAN(@1), $2); }
  | C_MEASURE expr                  { $$ = ast_attr_expr(ARENA, SPAN(@$), "measure", SPAN(@1), $2); }
  | C_LIMIT expr                    { $$ = ast_attr_expr(ARENA, SPAN(@$), "limit", SPAN(@1), $2); }
  | C_SELECT select_items           { $$ = ast_attr_items(ARENA, SPAN(@$), AF_SELECT, "select", SPAN(@1), $2); }
  | C_ORDER order_items             { $$ = ast_attr_items(ARENA, SPAN(@$), AF_ORDER, "order", SPAN(@1), $2); }
  | C_METRIC IDENT '=' expr         { $$ = ast_attr_assign(ARENA, SPAN(@$), "metric", SPAN(@1), $2, $4); }
  | C_META IDENT '=' expr           { $$ = ast_attr_assign(ARENA, SPAN(@$), "meta", SPAN(@1), $2, $4); }
  | C_TARGET cmp_op sum             { $$ = ast_attr_target(ARENA, SPAN(@$), SPAN(@1), (OpKind)$2, SPAN(@2), $3); }
  ;

select_items
  : select_item                     { $$ = (ItemVec){0}; VEC_PUSH(ARENA, $$, $1); }
  | select_items ',' select_item    { $$ = $1; VEC_PUSH(ARENA, $$, $3); }
  ;

select_item
  : expr                            { $$ = (Item){$1, {0}, false, false, SPAN(@$)}; }
  | expr AS IDENT                   { $$ = (Item){$1, $3, false, false, SPAN(@$)}; }
  ;

order_items
  : order_item                      { $$ = (ItemVec){0}; VEC_PUSH(ARENA, $$, $1); }
  | order_items ',' order_item      { $$ = $1; VEC_PUSH(ARENA, $$, $3); }
  ;

order_item
  : expr                            { $$ = (Item){$1, {0}, false, false, SPAN(@$)}; }
  | expr ASC                        { $$ = (Item){$1, {0}, false, true, SPAN(@$)}; }
  | expr DESC                       { $$ = (Item){$1, {0}, true, true, SPAN(@$)}; }
  ;

cmp_op
  : EQ    { $$ = OP_EQ; }
  | NE    { $$ = OP_NE; }
  | '<'   { $$ = OP_LT; }
  | LE    { $$ = OP_LE; }
  | '>'   { $$ = OP_GT; }
  | GE    { $$ = OP_GE; }
  ;

/* ---- expressions, loosest first -------------------------------------------------------- */

expr
  : quant
  | or_expr
  ;

quant
  : ALL IDENT IN or_expr ':' expr   { $$ = ast_quant(ARENA, SPAN(@$), true, $2, $4, NULL, $6); }
  | ANY IDENT IN or_expr ':' expr   { $$ = ast_quant(ARENA, SPAN(@$), false, $2, $4, NULL, $6); }
  | ALL IDENT IN or_expr WHERE or_expr ':' expr
                                    { $$ = ast_quant(ARENA, SPAN(@$), true, $2, $4, $6, $8); }
  | ANY IDENT IN or_expr WHERE or_expr ':' expr
                                    { $$ = ast_quant(ARENA, SPAN(@$), false, $2, $4, $6, $8); }
  ;

or_expr
  : and_expr
  | or_expr OR and_expr             { $$ = ast_binary(ARENA, SPAN(@$), OP_OR, SPAN(@2), $1, $3); }
  ;

and_expr
  : not_expr
  | and_expr AND not_expr           { $$ = ast_binary(ARENA, SPAN(@$), OP_AND, SPAN(@2), $1, $3); }
  ;

not_expr
  : cmp
  | NOT not_expr                    { $$ = ast_unary(ARENA, SPAN(@$), OP_NOT, $2); }
  ;

cmp
  : sum
  | sum cmp_op sum                  { $$ = ast_binary(ARENA, SPAN(@$), (OpKind)$2, SPAN(@2), $1, $3); }
  | sum IN sum                      { $$ = ast_binary(ARENA, SPAN(@$), OP_IN, SPAN(@2), $1, $3); }
  | sum NOT IN sum                  { $$ = ast_binary(ARENA, SPAN(@$), OP_NOT_IN, span_join(SPAN(@2), SPAN(@3)), $1, $4); }
  ;

sum
  : term
  | sum '+' term                    { $$ = ast_binary(ARENA, SPAN(@$), OP_ADD, SPAN(@2), $1, $3); }
  | sum '-' term                    { $$ = ast_binary(ARENA, SPAN(@$), OP_SUB, SPAN(@2), $1, $3); }
  ;

term
  : unary
  | term '*' unary                  { $$ = ast_binary(ARENA, SPAN(@$), OP_MUL, SPAN(@2), $1, $3); }
  | term '/' unary                  { $$ = ast_binary(ARENA, SPAN(@$), OP_DIV, SPAN(@2), $1, $3); }
  ;

unary
  : postfix
  | '-' unary                       { $$ = ast_unary(ARENA, SPAN(@$), OP_NEG, $2); }
  ;

postfix
  : primary
  | postfix '.' IDENT               { $$ = ast_member(ARENA, SPAN(@$), $1, $3); }
  | IDENT '(' call_args ')'         { $$ = ast_call(ARENA, SPAN(@$), $1, $3); }
  ;

call_args
  : %empty                          { $$ = (ExprVec){0}; }
  | exprlist
  | exprlist ','
  ;

exprlist
  : expr                            { $$ = (ExprVec){0}; VEC_PUSH(ARENA, $$, $1); }
  | exprlist ',' expr               { $$ = $1; VEC_PUSH(ARENA, $$, $3); }
  ;

primary
  : literal
  | IDENT                           { $$ = ast_name(ARENA, $1); }
  | '(' expr ')'                    { $$ = $2; }
  | '[' ']'                         { $$ = ast_list(ARENA, SPAN(@$), (ExprVec){0}); }
  | '[' exprlist ']'                { $$ = ast_list(ARENA, SPAN(@$), $2); }
  | '[' exprlist ',' ']'            { $$ = ast_list(ARENA, SPAN(@$), $2); }
  | '[' expr FOR IDENT IN or_expr ']'
                                    { $$ = ast_comprehension(ARENA, SPAN(@$), $2, $4, $6, NULL); }
  | '[' expr FOR IDENT IN or_expr WHERE expr ']'
                                    { $$ = ast_comprehension(ARENA, SPAN(@$), $2, $4, $6, $8); }
  ;

literal
  : NUMBER                          { $$ = ast_number(ARENA, SPAN(@$), $1.value, $1.percent); }
  | STRING                          { $$ = ast_string(ARENA, SPAN(@$), $1.text, $1.len, $1.triple, $1.has_brace); }
  | DATE                            { $$ = ast_date(ARENA, SPAN(@$), $1); }
  | DURATION                        { $$ = ast_duration(ARENA, SPAN(@$), $1); }
  | TRUE                            { $$ = ast_bool(ARENA, SPAN(@$), true); }
  | FALSE                           { $$ = ast_bool(ARENA, SPAN(@$), false); }
  | NONE                            { $$ = ast_none(ARENA, SPAN(@$)); }
  ;

%%

/* Called by bison on a syntax error; the words are chosen in parse_error.c. */
static int yyreport_syntax_error(const yypcontext_t *ctx, LexState *ls) {
  enum { MAX_EXPECTED = 64 };
  yysymbol_kind_t expected[MAX_EXPECTED];
  int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
  int tokens[MAX_EXPECTED];
  const char *names[MAX_EXPECTED];
  int k = 0;
  for (int i = 0; i < n && k < MAX_EXPECTED; i++) {
    if (expected[i] == YYSYMBOL_YYerror || expected[i] == YYSYMBOL_YYUNDEF) continue;
    tokens[k] = (int)expected[i];
    names[k] = yysymbol_name(expected[i]);
    k++;
  }
  yysymbol_kind_t la = yypcontext_token(ctx);
  ParseErrorInfo info = {
      .loc = *yypcontext_location(ctx),
      .found_kind = (int)la,
      .found_name = la == YYSYMBOL_YYEMPTY ? "end of file" : yysymbol_name(la),
      .expected = tokens,
      .expected_names = names,
      .nexpected = k,
      .sym_ident = YYSYMBOL_IDENT, .sym_term = YYSYMBOL_TERM, .sym_eof = YYSYMBOL_YYEOF,
      .sym_string = YYSYMBOL_STRING, .sym_number = YYSYMBOL_NUMBER,
      .sym_all = YYSYMBOL_ALL, .sym_any = YYSYMBOL_ANY,
      .sym_decl_first = YYSYMBOL_K_JOURNEY, .sym_decl_last = YYSYMBOL_K_QUERY,
      .sym_clause_first = YYSYMBOL_C_ASSERT, .sym_clause_last = YYSYMBOL_C_LIMIT,
      .sym_not = YYSYMBOL_NOT, .sym_arrow = YYSYMBOL_ARROW,
  };
  parse_error_report(ls, &info);
  return 0;
}
