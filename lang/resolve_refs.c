/* resolve_refs.c — references between entities (E0203, E0204), and the small helpers every
 * resolve_*.c file uses to word its messages and grow its arrays. */
#include <string.h>

#include "resolve_impl.h"
#include "suggest.h"

const char *resolve_where(const Resolver *r, Span span) {
  const Source *src = source_get(r->in->sources, span.file);
  if (!src) return "?";
  LineCol lc = source_line_col(src, span.start);
  return arena_printf(r->arena, "%s:%u:%u", src->name, lc.line, lc.col);
}

bool resolve_capped(const Resolver *r, Span span) {
  const DiagList *l = r->diags;
  return span.file < l->nfile_errors && l->file_errors[span.file] > DIAG_MAX_ERRORS_PER_FILE;
}

static void suggest_among_kinds(Resolver *r, Diag *d, const Ident *id, unsigned kinds) {
  if (resolve_capped(r, id->span)) return;
  Suggest s;
  suggest_init(&s, r->arena, id->text);
  for (int k = 0; k < EK__COUNT; k++) {
    if (!(kinds & SCHEMA_KIND_BIT(k))) continue;
    for (size_t i = 0; i < r->lists[k].len; i++) {
      const Entity *e = r->lists[k].items[i];
      if (e->id) suggest_offer(&s, e->id, e);
    }
  }
  const Entity *best = suggest_best_data(&s);
  if (best)
    diag_help(r->diags, d, "did you mean '%s'? (declared at %s)", best->id,
              resolve_where(r, best->id_span));
}

Entity *resolve_ref(Resolver *r, const Ident *id, unsigned kinds) {
  if (!id->text) return NULL;
  Entity *e = symtab_get(r->ids, id->text);
  if (e && (kinds & SCHEMA_KIND_BIT(e->kind))) return e;
  if (e) {
    const char *k = model_kind_name(e->kind);
    Diag *d = diag_add(r->diags, D_WRONG_KIND, id->span, "'%s' is %s %s; expected %s", id->text,
                       schema_article(k), k, schema_kinds_text(r->arena, kinds, true));
    diag_note(r->diags, d, e->id_span, "'%s' is declared here", id->text);
    suggest_among_kinds(r, d, id, kinds);
    return NULL;
  }
  Diag *d = diag_add(r->diags, D_UNKNOWN_REF, id->span, "unknown %s '%s'",
                     schema_kinds_text(r->arena, kinds, false), id->text);
  suggest_among_kinds(r, d, id, kinds);
  return NULL;
}

/* Capacity is implicit, the next power of two of len: most of these lists (a touchpoint's
 * actions, pains, metrics) hold one or two items, so they start at one. */
void *resolve_grow(Resolver *r, void *items, size_t len, size_t elsize) {
  if (len & (len - 1)) return items; /* not a power of two (nor 0): there is room */
  size_t ncap = len ? len * 2 : 1;
  return arena_grow(r->arena, items, len * elsize, ncap * elsize);
}

void resolve_push_text(Resolver *r, TextList *list, const Expr *str) {
  list->items = resolve_grow(r, list->items, list->len, sizeof *list->items);
  list->items[list->len++] = (Text){str->as.str.text, str->as.str.len, str->span};
}

bool resolve_number(const Expr *e, double *value, bool *percent) {
  bool neg = false;
  if (e && e->kind == EX_UNARY && e->as.unary.op == OP_NEG) {
    neg = true;
    e = e->as.unary.operand;
  }
  if (!e || e->kind != EX_NUMBER) return false;
  *value = neg ? -e->as.num.value : e->as.num.value;
  if (percent) *percent = e->as.num.percent;
  return true;
}

const char *resolve_number_text(Resolver *r, double value, bool percent) {
  return percent ? arena_printf(r->arena, "%g%%", value * 100)
                 : arena_printf(r->arena, "%g", value);
}

const char *resolve_source_text(Resolver *r, Span span) {
  const Source *src = source_get(r->in->sources, span.file);
  if (!src || span.end > src->len || span.end <= span.start) return "";
  size_t n = span.end - span.start;
  if (n > 40) {
    n = 40;
    while (n > 0 && ((unsigned char)src->text[span.start + n] & 0xC0) == 0x80) n--;
    return arena_printf(r->arena, "%.*s…", (int)n, src->text + span.start);
  }
  return arena_strndup(r->arena, src->text + span.start, n);
}

/* At most 40 bytes of a string, cut on a character boundary. */
static const char *short_text(Resolver *r, const char *text, size_t len) {
  if (len <= 40) return arena_printf(r->arena, "\"%s\"", text);
  size_t n = 40;
  while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
  return arena_printf(r->arena, "\"%.*s…\"", (int)n, text);
}

const char *resolve_arg_text(Resolver *r, const Expr *e) {
  double v;
  bool pct;
  if (resolve_number(e, &v, &pct)) return resolve_number_text(r, v, pct);
  switch (e->kind) {
  case EX_NAME: return arena_printf(r->arena, "'%s'", e->as.name.id.text);
  case EX_STRING: return short_text(r, e->as.str.text, e->as.str.len);
  case EX_DATE:
    return arena_printf(r->arena, "%04d-%02d-%02d", e->as.date.year, e->as.date.month,
                        e->as.date.day);
  case EX_DURATION: return arena_printf(r->arena, "the duration %gs", e->as.dur.seconds);
  case EX_BOOL: return e->as.boolean ? "true" : "false";
  case EX_NONE: return "none";
  case EX_LIST: return "a list";
  default: return "an expression";
  }
}

Diag *resolve_bad_args(Resolver *r, const AttrSpec *spec, Span at) {
  Diag *d = diag_add(r->diags, D_BAD_ARGS, at, "'%s' takes %s", spec->name,
                     schema_attr_takes(r->arena, spec));
  diag_help(r->diags, d, "write it as: %s", schema_attr_syntax(r->arena, spec));
  return d;
}

void resolve_reserved(Resolver *r, const Ident *id, const char *what) {
  CollectionKind coll;
  if (!id->text || !schema_collection_lookup(id->text, &coll)) return;
  const char *kind = model_kind_name(schema_collection_kind(coll));
  Diag *d = diag_add(r->diags, D_RESERVED_ID, id->span,
                     "'%s' is a built-in name (the collection of every %s); it cannot be %s %s",
                     id->text, kind, schema_article(what), what);
  diag_help(r->diags, d, "choose another %s, such as 'my_%s'", what, id->text);
}
