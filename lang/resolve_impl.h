/* resolve_impl.h — what load.c and the resolve*.c files share; not part of lang/'s interface.
 *
 * model_build (resolve.c) runs in three passes over the files load.c returns:
 *   1. declare: every declaration's header becomes an entity in the one namespace, and the
 *      pains and delights of touchpoints are created (they are referable by id);
 *   2. fill: every attribute is checked against the schema and stored; references and the
 *      names inside expressions are resolved, edges collected;
 *   3. link: edges are attached to their ends (in/out lists), out-rates summed, let cycles
 *      found, and the model lists fixed.
 * Passes 1 and 2 walk declarations file by file in load order, so lists come out in declaration
 * order.
 */
#ifndef JNY_RESOLVE_IMPL_H
#define JNY_RESOLVE_IMPL_H

#include "resolve.h"
#include "schema.h"
#include "symtab.h"

/* load.c: parses the roots, follows every `use` (each module once), and returns every AstFile
 * in load order: the roots first, then each module where it was first used (docs/language.md:
 * stage order is declaration order, files in load order). */
/* Every file of the model in load order, and every declaration in model order: a module's
 * declarations stand where it is first used. */
AstFile **load_files(const ModelInput *in, size_t *nfiles, const Decl ***order, size_t *norder);

/* A bound variable: for/from/quantifier/comprehension variables and, inside `order`, the
 * `select … as` aliases. NR_VAR names point at `var`. Scopes live on the C stack or in the
 * arena and only ever point outwards. */
typedef struct Scope {
  const Ident *var;
  const struct Scope *up;
} Scope;

/* One declaration as pass 1 left it for pass 2. */
typedef struct DeclInfo {
  const Decl *decl;
  Entity *ent; /* NULL for use; the journey, a let, a data set… */
  bool live;   /* in the model: not a duplicate, a second journey or a header without id */
} DeclInfo;

/* Pass 2's view of the declaration being filled. */
typedef struct DeclCtx {
  const Decl *decl;
  DeclKind kind;
  Entity *ent; /* what the attributes fill; for a flow, the template edge */
  bool live;
  const Attr *seen[SCHEMA_MAX_ATTRS]; /* first line of each attribute, by schema index */
  bool covered[SCHEMA_MAX_ATTRS];     /* required ones a reported typo stands for */
  const Scope *scope;                 /* the check's `for` or the query's `from` variable */
  const Scope *order_scope;           /* the query's `select … as` aliases over `scope` */
} DeclCtx;

/* A reference from one let's value to another, for cycle detection. */
typedef struct LetRef {
  const Let *from, *to;
  Span span;
} LetRef;

/* The resolver index of a kind's attributes: name -> AttrSlot. */
typedef struct AttrSlot {
  const AttrSpec *spec;
  size_t index;
} AttrSlot;

typedef struct Resolver {
  const ModelInput *in;
  Arena *arena;
  DiagList *diags;
  Model *model;
  SymTab *ids;                    /* the one namespace: id -> Entity * */
  SymTab *attr_index[DK__COUNT];  /* attribute name -> AttrSlot * */
  VEC(Entity *) named;            /* every entity in the namespace, in order (suggestions) */
  VEC(Entity *) lists[EK__COUNT]; /* the model's lists while they grow */
  VEC(DeclInfo) decls;            /* pass 1's result, in load order */
  VEC(LetRef) let_refs;
  const Let *current_let;   /* set while a let's value is resolved */
  const Decl *journey_decl; /* the first journey, for E0307's note */
} Resolver;

/* resolve.c */
void resolve_add_entity(Resolver *r, Entity *e); /* append to its kind's model list */
/* Puts e in the namespace; reports E0201 (and E0205) and returns false on a duplicate. */
bool resolve_register(Resolver *r, Entity *e);

/* resolve_refs.c — references, messages and small helpers */
/* The entity named by id when it has one of kinds (SCHEMA_KIND_BIT set); otherwise E0203 with
 * a did-you-mean among those kinds, or E0204 naming what it is, and NULL. */
Entity *resolve_ref(Resolver *r, const Ident *id, unsigned kinds);
const char *resolve_where(const Resolver *r, Span span); /* "file.jny:12:5" */
/* True once the file of span has hit the error cap: suggestions are not worth computing. */
bool resolve_capped(const Resolver *r, Span span);
/* Grows an array whose capacity is the next power of two of len, ready for items[len]. */
void *resolve_grow(Resolver *r, void *items, size_t len, size_t elsize);
void resolve_push_text(Resolver *r, TextList *list, const Expr *str);
/* A number argument: EX_NUMBER or a negated one. */
bool resolve_number(const Expr *e, double *value, bool *percent);
const char *resolve_number_text(Resolver *r, double value, bool percent); /* "35%", "-2" */
const char *resolve_arg_text(Resolver *r, const Expr *e); /* how an argument reads, for messages */
const char *resolve_source_text(Resolver *r, Span span);  /* the bytes as written, cut at 40 */
Diag *resolve_bad_args(Resolver *r, const AttrSpec *spec, Span at);    /* E0302 */
void resolve_reserved(Resolver *r, const Ident *id, const char *what); /* E0205 if built-in */

/* resolve_attrs.c — the attribute loop and the shapes stored through offsets */
void resolve_attrs(Resolver *r, DeclCtx *c);
/* One attribute of a simple shape (SH_STR … SH_TEMPLATE) from args into obj. */
bool resolve_simple(Resolver *r, DeclCtx *c, const AttrSpec *spec, const Attr *attr,
                    const Arg *args, size_t nargs, void *obj);
/* Whether an attribute written this way has the form its shape expects. */
bool resolve_form_fits(const AttrSpec *spec, const Attr *attr);

/* resolve_touch.c — what touchpoints carry: emotion, pains, delights, metrics */
void resolve_declare_pains(Resolver *r, Touchpoint *tp, const Decl *d, bool live);
void resolve_emotion(Resolver *r, Touchpoint *tp, const AttrSpec *spec, const Attr *attr);
void resolve_metric(Resolver *r, DeclCtx *c, Touchpoint *tp, const Attr *attr);

/* resolve_flow.c — edges, flow chains, in/out lists and out-rates */
void resolve_edge(Resolver *r, DeclCtx *c, Touchpoint *tp, const Attr *attr);
void resolve_flow_decl(Resolver *r, DeclCtx *c);
void resolve_link_flows(Resolver *r);

/* resolve_clause.c — checks, queries, kpis and meta */
void resolve_prepare_scope(Resolver *r, DeclCtx *c);
void resolve_clause(Resolver *r, DeclCtx *c, const AttrSpec *spec, const Attr *attr);
void resolve_finish_decl(Resolver *r, DeclCtx *c);
/* `first and second`, made by the resolver: a check's `for … where a` and `where b` lines. */
Expr *resolve_and(Resolver *r, Expr *first, Expr *second);

/* resolve_expr.c — names inside expressions, lets */
void resolve_expr(Resolver *r, Expr *e, const Scope *scope);
void resolve_template(Resolver *r, Expr *str, const Scope *scope); /* {expr} in messages */
void resolve_let_cycles(Resolver *r);

#endif
