/* schema.h — what every declaration kind accepts, as data.
 *
 * The grammar is generic (`name arg…` lines and a few clause forms); this table gives the words
 * their meaning: which attributes a kind takes, the shape of their arguments, whether they may
 * repeat or are required, their ranges, and where the resolver stores them in the model
 * (model.h). Adding an attribute whose shape already exists is one line in schema.c. The
 * resolver drives its checks from here, and tools (editor plugins, `jny explain`) read the same
 * table to list keywords, so the two can never disagree.
 */
#ifndef JNY_SCHEMA_H
#define JNY_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "model.h"

/* The built-in collections an expression can name (Expr.as.name.collection). */
typedef enum CollectionKind {
  COLL_PERSONAS,
  COLL_STAGES,
  COLL_CHANNELS,
  COLL_TEAMS,
  COLL_TOUCHPOINTS,
  COLL_OUTCOMES,
  COLL_FLOWS,
  COLL_PAINS,
  COLL_DELIGHTS,
  COLL_OPPORTUNITIES,
  COLL_KPIS,
  COLL__COUNT
} CollectionKind;

const char *schema_collection_name(CollectionKind coll); /* "touchpoints" */
EntityKind schema_collection_kind(CollectionKind coll);  /* EK_TOUCHPOINT */
bool schema_collection_lookup(const char *name, CollectionKind *out);

/* The shape of an attribute's arguments. The first group stores through AttrSpec's offsets
 * into any entity struct; the "kind-bound" shapes fill fields of one struct the resolver knows
 * (named in the comment). */
typedef enum AttrShape {
  SH_STR,      /* "text": const char * at off, or a TextList at off when repeatable */
  SH_CHAR,     /* a one-character string: const char * at off */
  SH_NUM,      /* a number (percent allowed) in min..max: double at off, bool at off_has */
  SH_PCT,      /* a percent, or a number in 0..1: double at off, bool at off_has */
  SH_INT,      /* a whole number in min..max: int at off, bool at off_has */
  SH_DATE,     /* 2027-01-31: Date at off, bool at off_has */
  SH_DURATION, /* 90s 15min 2h 3d 2w: double seconds at off, bool at off_has */
  SH_WORD,     /* one of words[]: int-sized enum at off, word_base + index */
  SH_REF,      /* one id of the kinds: entity pointer at off */
  SH_REFS,     /* ids of the kinds, comma-separated: pointer array at off, size_t at off_has */
  SH_TAGS,     /* free words, comma-separated, appended: Ident array at off, size_t at off_has */
  SH_EXPR,     /* clause `name expr`: Expr * at off */
  SH_TEMPLATE, /* a string with {expr} parts: Expr * at off */
  /* kind-bound */
  SH_EMOTION,  /* emotion NUM [STR]                     Touchpoint */
  SH_PAIN,     /* pain [id] STR [severity 1..5]         Touchpoint (a Pain) */
  SH_DELIGHT,  /* delight [id] STR                      Touchpoint (a Delight) */
  SH_BASELINE, /* baseline NUM [on DATE]                Kpi */
  SH_TARGET,   /* target OP NUM                         Kpi */
  SH_METRIC,   /* metric name = expr                    Touchpoint */
  SH_META,     /* meta key = literal                    Entity (every kind) */
  SH_FOR,      /* for x in expr [where cond]            Check */
  SH_FROM,     /* from x in expr                        Query */
  SH_SELECT,   /* select expr [as name], …              Query */
  SH_ORDER,    /* order expr [asc|desc], …              Query */
  SH_EDGE,     /* -> target [rate P] [volume N] …       Touchpoint (a Flow) */
  SH__COUNT
} AttrShape;

enum {
  ATTR_REPEAT = 1u << 0,  /* may be given more than once */
  ATTR_REQUIRED = 1u << 1 /* missing it is E0304 */
};

/* An offset the attribute does not use. */
#define SCHEMA_NO_SLOT ((size_t)-1)
/* The bit of an EntityKind in AttrSpec.kinds. */
#define SCHEMA_KIND_BIT(ek) (1u << (unsigned)(ek))

typedef struct AttrSpec {
  const char *name; /* the attribute word; "->" for edges */
  AttrShape shape;
  unsigned flags;           /* ATTR_* */
  double min, max;          /* SH_NUM, SH_INT: the accepted range (±INFINITY: open) */
  const char *const *words; /* SH_WORD: the accepted words, NULL-terminated */
  int word_base;            /* SH_WORD: the value stored for words[0] */
  unsigned kinds;           /* SH_REF, SH_REFS: SCHEMA_KIND_BIT of each accepted kind */
  size_t off;               /* where the value goes (see AttrShape) */
  size_t off_has;           /* its presence flag or count, or SCHEMA_NO_SLOT */
  size_t off_span;          /* a Span of the value, or SCHEMA_NO_SLOT */
} AttrSpec;

typedef struct KindSchema {
  DeclKind kind;
  const char *name;      /* "touchpoint" */
  const char *header;    /* how the header is written: `touchpoint ID "Name" { … }` */
  const AttrSpec *attrs; /* the kind's own attributes; the common ones come after */
  size_t nattrs;
  bool takes_block; /* false for use and let */
} KindSchema;

/* The most attributes one kind has, common ones included: sizes the resolver's per-declaration
 * "seen" table. schema.c checks it at compile time. */
#define SCHEMA_MAX_ATTRS 32

const KindSchema *schema_kind(DeclKind kind);
/* `description`, `note`, `tag`, `meta`: accepted by every kind that takes a block. */
const AttrSpec *schema_common_attrs(size_t *n);
/* Every attribute of a kind, its own first, then the common ones; i < schema_attr_count(kind).
 * Zero for kinds without a block. */
size_t schema_attr_count(DeclKind kind);
const AttrSpec *schema_attr_at(DeclKind kind, size_t i);
/* By name (linear; the resolver indexes these itself). Sets *index when not NULL. */
const AttrSpec *schema_attr_find(DeclKind kind, const char *name, size_t *index);
/* `rate`, `volume`, `label`, `persona`: what may follow `-> target` and a `flow` chain. */
const AttrSpec *schema_edge_modifiers(size_t *n);
const AttrSpec *schema_edge_modifier_find(const char *name);

/* The usage line, `emotion NUM ["label"]`, and what it takes in words, "a number from -3 to 3
 * and an optional label in quotes", for messages, docs and editor hints. */
const char *schema_attr_syntax(Arena *a, const AttrSpec *spec);
const char *schema_attr_takes(Arena *a, const AttrSpec *spec);
/* The accepted kinds of a reference in words: "a touchpoint or an outcome" with articles,
 * "touchpoint or outcome" without. */
const char *schema_kinds_text(Arena *a, unsigned kinds, bool articles);
/* "a", "an": the article for a kind name. */
const char *schema_article(const char *word);

#endif
