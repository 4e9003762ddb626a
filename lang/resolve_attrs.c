/* resolve_attrs.c — pass 2's attribute loop, driven by the schema (schema.h).
 *
 * Each line of a block is looked up in its kind's table: unknown names (E0301, with a
 * did-you-mean), the wrong form (E0302), a second copy of a single attribute (E0305) and
 * missing required ones (E0304) are found here. The shapes stored through offsets (strings,
 * numbers, words, references…) are stored here too; kind-bound shapes are handed to
 * resolve_touch.c, resolve_flow.c and resolve_clause.c.
 */
#include <math.h>
#include <string.h>

#include "resolve_impl.h"
#include "suggest.h"

/* ---- storing through offsets ----------------------------------------------------------- */

static void *field(void *obj, size_t off) { return (char *)obj + off; }

static void mark(void *obj, size_t off_has) {
  if (off_has != SCHEMA_NO_SLOT) *(bool *)field(obj, off_has) = true;
}

static void store_span(void *obj, const AttrSpec *spec, Span span) {
  if (spec->off_span != SCHEMA_NO_SLOT) *(Span *)field(obj, spec->off_span) = span;
}

/* Entity pointers go into typed fields (Team *, Stage *…): Entity is the first member of each
 * entity struct, so the address is the same; memcpy keeps the store well-defined. */
static void store_pointer(void *obj, size_t off, const void *p) {
  memcpy(field(obj, off), &p, sizeof p);
}

static const char *range_text(Resolver *r, const AttrSpec *spec) {
  if (spec->shape == SH_PCT) return "from 0% to 100%";
  if (isinf(spec->max)) return arena_printf(r->arena, "%g or more", spec->min);
  if (isinf(spec->min)) return arena_printf(r->arena, "%g or less", spec->max);
  return arena_printf(r->arena, "from %g to %g", spec->min, spec->max);
}

/* E0303 unless lo <= v <= hi; the text shows the value as it was written. */
static bool check_range(Resolver *r, const AttrSpec *spec, const Expr *v, double value,
                        bool percent) {
  if (value >= spec->min && value <= spec->max) return true;
  Diag *d = diag_add(r->diags, D_OUT_OF_RANGE, v->span, "%s %s is out of range: it must be %s",
                     spec->name, resolve_source_text(r, v->span), range_text(r, spec));
  if (spec->shape == SH_PCT && !percent && value > 1 && value <= 100)
    diag_help(r->diags, d, "for a percent, write %g%%", value);
  return false;
}

static bool store_number(Resolver *r, const AttrSpec *spec, const Expr *v, void *obj) {
  double value;
  bool percent;
  if (!resolve_number(v, &value, &percent) ||
      (spec->shape == SH_INT && (percent || value != floor(value)))) {
    resolve_bad_args(r, spec, v->span);
    return false;
  }
  if (!check_range(r, spec, v, value, percent)) return false;
  if (spec->shape == SH_INT)
    *(int *)field(obj, spec->off) = (int)value;
  else
    *(double *)field(obj, spec->off) = value;
  mark(obj, spec->off_has);
  store_span(obj, spec, v->span);
  return true;
}

static bool store_word(Resolver *r, const AttrSpec *spec, const Expr *v, void *obj) {
  if (v->kind == EX_NAME)
    for (int i = 0; spec->words[i]; i++)
      if (strcmp(spec->words[i], v->as.name.id.text) == 0) {
        *(int *)field(obj, spec->off) = spec->word_base + i;
        return true;
      }
  Diag *d = resolve_bad_args(r, spec, v->span);
  if (v->kind != EX_NAME) return false;
  Suggest s;
  suggest_init(&s, r->arena, v->as.name.id.text);
  for (int i = 0; spec->words[i]; i++) suggest_offer(&s, spec->words[i], NULL);
  if (suggest_best(&s)) diag_help(r->diags, d, "did you mean '%s'?", suggest_best(&s));
  return false;
}

/* One code point: a delimiter is one character, however many bytes it takes. */
static bool one_char(const Expr *v) {
  size_t n = 0;
  for (size_t i = 0; i < v->as.str.len; i++)
    if (((unsigned char)v->as.str.text[i] & 0xC0) != 0x80) n++;
  return n == 1;
}

/* One case per shape, kept together so that the storage convention of each (schema.h) reads
 * in one place; a value of the wrong type falls through to E0302. */
static bool store_one(Resolver *r, DeclCtx *c, const AttrSpec *spec, Expr *v, void *obj) {
  switch (spec->shape) {
  case SH_STR:
  case SH_CHAR:
    if (v->kind != EX_STRING || (spec->shape == SH_CHAR && !one_char(v))) break;
    if (spec->flags & ATTR_REPEAT)
      resolve_push_text(r, field(obj, spec->off), v);
    else
      *(const char **)field(obj, spec->off) = v->as.str.text;
    store_span(obj, spec, v->span);
    return true;
  case SH_NUM:
  case SH_PCT:
  case SH_INT: return store_number(r, spec, v, obj);
  case SH_DATE:
    if (v->kind != EX_DATE) break;
    *(Date *)field(obj, spec->off) = v->as.date;
    mark(obj, spec->off_has);
    return true;
  case SH_DURATION:
    if (v->kind != EX_DURATION) break;
    if (v->as.dur.seconds < 0) {
      diag_add(r->diags, D_OUT_OF_RANGE, v->span, "%s %s is out of range: it must be 0 or more",
               spec->name, resolve_source_text(r, v->span));
      return false;
    }
    *(double *)field(obj, spec->off) = v->as.dur.seconds;
    mark(obj, spec->off_has);
    return true;
  case SH_WORD: return store_word(r, spec, v, obj);
  case SH_REF: {
    if (v->kind != EX_NAME) break;
    Entity *e = resolve_ref(r, &v->as.name.id, spec->kinds);
    if (e) store_pointer(obj, spec->off, e);
    return e != NULL;
  }
  case SH_TEMPLATE:
    if (v->kind != EX_STRING) break;
    resolve_template(r, v, c ? c->scope : NULL);
    store_pointer(obj, spec->off, v);
    return true;
  default: break;
  }
  resolve_bad_args(r, spec, v->span);
  return false;
}

/* channels app, web / fixes a, b: every argument a name; the ones that resolve are kept. */
static bool store_refs(Resolver *r, const AttrSpec *spec, const Attr *attr, const Arg *args,
                       size_t nargs, void *obj) {
  if (nargs == 0) {
    resolve_bad_args(r, spec, attr->name.span);
    return false;
  }
  Entity **refs = arena_alloc(r->arena, nargs * sizeof *refs);
  size_t n = 0;
  for (size_t i = 0; i < nargs; i++) {
    const Expr *v = args[i].value;
    if (v->kind != EX_NAME) {
      resolve_bad_args(r, spec, v->span);
      continue;
    }
    Entity *e = resolve_ref(r, &v->as.name.id, spec->kinds);
    bool dup = false;
    for (size_t k = 0; e && k < n; k++) dup = dup || refs[k] == e;
    if (e && !dup) refs[n++] = e;
  }
  store_pointer(obj, spec->off, refs);
  *(size_t *)field(obj, spec->off_has) = n;
  return true;
}

/* tag a, b — appended across lines, each tag once. */
static bool store_tags(Resolver *r, const AttrSpec *spec, const Attr *attr, const Arg *args,
                       size_t nargs, void *obj) {
  if (nargs == 0) {
    resolve_bad_args(r, spec, attr->name.span);
    return false;
  }
  Ident *tags;
  memcpy(&tags, field(obj, spec->off), sizeof tags);
  size_t *n = field(obj, spec->off_has);
  for (size_t i = 0; i < nargs; i++) {
    const Expr *v = args[i].value;
    if (v->kind != EX_NAME) {
      resolve_bad_args(r, spec, v->span);
      continue;
    }
    bool dup = false;
    for (size_t k = 0; k < *n && !dup; k++) dup = strcmp(tags[k].text, v->as.name.id.text) == 0;
    if (dup) continue;
    tags = resolve_grow(r, tags, *n, sizeof *tags);
    tags[(*n)++] = v->as.name.id;
  }
  store_pointer(obj, spec->off, tags);
  return true;
}

/* where / assert / group / measure / limit: resolved in the declaration's scope. A check's
 * `where` line adds to a condition already on its `for` line. */
static bool store_expr(Resolver *r, DeclCtx *c, const AttrSpec *spec, const Attr *attr, void *obj) {
  if (!attr->expr) return false;
  resolve_expr(r, attr->expr, c->scope);
  Expr **slot = field(obj, spec->off);
  *slot = *slot ? resolve_and(r, *slot, attr->expr) : attr->expr;
  return true;
}

bool resolve_simple(Resolver *r, DeclCtx *c, const AttrSpec *spec, const Attr *attr,
                    const Arg *args, size_t nargs, void *obj) {
  switch (spec->shape) {
  case SH_EXPR: return store_expr(r, c, spec, attr, obj);
  case SH_REFS: return store_refs(r, spec, attr, args, nargs, obj);
  case SH_TAGS: return store_tags(r, spec, attr, args, nargs, obj);
  default: break;
  }
  if (nargs != 1) {
    resolve_bad_args(r, spec, nargs ? args[1].value->span : attr->name.span);
    return false;
  }
  return store_one(r, c, spec, args[0].value, obj);
}

/* ---- the attribute loop ------------------------------------------------------------------ */

bool resolve_form_fits(const AttrSpec *spec, const Attr *attr) {
  switch (spec->shape) {
  case SH_EXPR: return attr->form == AF_EXPR;
  case SH_FOR: return attr->form == AF_FOR;
  case SH_FROM: return attr->form == AF_FROM;
  case SH_SELECT: return attr->form == AF_SELECT;
  case SH_ORDER: return attr->form == AF_ORDER;
  case SH_METRIC:
  case SH_META: return attr->form == AF_ASSIGN;
  case SH_TARGET: return attr->form == AF_TARGET;
  case SH_EDGE: return attr->form == AF_EDGE;
  default: return attr->form == AF_ARGS;
  }
}

/* The kind whose struct a kind-bound shape fills; EK__COUNT for shapes stored by offset. */
static EntityKind bound_kind(AttrShape shape) {
  switch (shape) {
  case SH_EMOTION:
  case SH_PAIN:
  case SH_DELIGHT:
  case SH_METRIC:
  case SH_EDGE: return EK_TOUCHPOINT;
  case SH_BASELINE:
  case SH_TARGET: return EK_KPI;
  case SH_FOR: return EK_CHECK;
  case SH_FROM:
  case SH_SELECT:
  case SH_ORDER: return EK_QUERY;
  default: return EK__COUNT;
  }
}

static void apply(Resolver *r, DeclCtx *c, const AttrSpec *spec, const Attr *a) {
  EntityKind bk = bound_kind(spec->shape);
  if (bk != EK__COUNT && c->ent->kind != bk) return; /* a table mistake; never bind blindly */
  switch (spec->shape) {
  case SH_EMOTION: resolve_emotion(r, (Touchpoint *)c->ent, spec, a); break;
  case SH_PAIN:
  case SH_DELIGHT: break; /* made in pass 1: they can be referred to before they appear */
  case SH_METRIC: resolve_metric(r, c, (Touchpoint *)c->ent, a); break;
  case SH_EDGE: resolve_edge(r, c, (Touchpoint *)c->ent, a); break;
  case SH_META:
  case SH_BASELINE:
  case SH_TARGET:
  case SH_FOR:
  case SH_FROM:
  case SH_SELECT:
  case SH_ORDER: resolve_clause(r, c, spec, a); break;
  default: resolve_simple(r, c, spec, a, a->args, a->nargs, c->ent); break;
  }
}

/* Which kinds know this attribute, for "'fixes' is an attribute of opportunity". */
static const char *kinds_with_attr(Resolver *r, const char *name, DeclKind except) {
  const char *found = NULL;
  for (int k = 0; k < DK__COUNT; k++) {
    if (k == (int)except || !schema_attr_find((DeclKind)k, name, NULL)) continue;
    const char *kn = schema_kind((DeclKind)k)->name;
    found = found ? arena_printf(r->arena, "%s, %s", found, kn) : kn;
  }
  return found;
}

static const char *attr_list(Resolver *r, DeclKind kind) {
  const KindSchema *ks = schema_kind(kind);
  const char *list = "";
  for (size_t i = 0; i < ks->nattrs; i++)
    list = arena_printf(r->arena, "%s%s%s", list, i ? ", " : "", ks->attrs[i].name);
  return arena_printf(r->arena, "%s%sdescription, note, tag, meta", list, ks->nattrs ? ", " : "");
}

/* A typo of a required attribute counts as that attribute for E0304: one mistake, one error. */
static void cover_required(Resolver *r, DeclCtx *c, const char *name) {
  const AttrSlot *slot = symtab_get(r->attr_index[c->kind], name);
  if (slot && (slot->spec->flags & ATTR_REQUIRED)) c->covered[slot->index] = true;
}

static void report_unknown(Resolver *r, DeclCtx *c, const Attr *a) {
  const KindSchema *ks = schema_kind(c->kind);
  const char *name = a->name.text;
  Diag *d;
  if (strcmp(name, "->") == 0)
    d = diag_add(r->diags, D_UNKNOWN_ATTR, a->name.span,
                 "%s %s has no '->' edges: edges leave touchpoints", schema_article(ks->name),
                 ks->name);
  else
    d = diag_add(r->diags, D_UNKNOWN_ATTR, a->name.span, "unknown attribute '%s' on %s", name,
                 ks->name);
  if (resolve_capped(r, a->name.span)) return;
  if (c->kind == DK_QUERY && strcmp(name, "for") == 0) {
    diag_help(r->diags, d, "a query reads `from x in COLLECTION`");
    cover_required(r, c, "from");
    return;
  }
  Suggest s;
  suggest_init(&s, r->arena, name);
  for (size_t i = 0, n = schema_attr_count(c->kind); i < n; i++)
    suggest_offer(&s, schema_attr_at(c->kind, i)->name, NULL);
  const char *elsewhere = kinds_with_attr(r, name, c->kind);
  if (suggest_best(&s)) {
    diag_help(r->diags, d, "did you mean '%s'?", suggest_best(&s));
    cover_required(r, c, suggest_best(&s));
  } else if (elsewhere)
    diag_help(r->diags, d, "'%s' is an attribute of %s; %s takes: %s", name, elsewhere, ks->name,
              attr_list(r, c->kind));
  else
    diag_help(r->diags, d, "%s takes: %s", ks->name, attr_list(r, c->kind));
}

static void report_repeat(Resolver *r, const AttrSpec *spec, const Attr *a, const Attr *first) {
  Diag *d =
      diag_add(r->diags, D_REPEATED_ATTR, a->name.span, "'%s' is given more than once", spec->name);
  diag_note(r->diags, d, first->name.span, "first given here");
  if (spec->shape == SH_REF || spec->shape == SH_REFS)
    diag_help(r->diags, d, "'%s' takes %s", spec->name, schema_attr_takes(r->arena, spec));
}

static void check_required(Resolver *r, DeclCtx *c) {
  const KindSchema *ks = schema_kind(c->kind);
  for (size_t i = 0, n = schema_attr_count(c->kind); i < n; i++) {
    const AttrSpec *spec = schema_attr_at(c->kind, i);
    if (!(spec->flags & ATTR_REQUIRED) || c->seen[i] || c->covered[i]) continue;
    Diag *d = c->ent->id ? diag_add(r->diags, D_MISSING_ATTR, c->ent->id_span,
                                    "%s '%s' has no '%s'", ks->name, c->ent->id, spec->name)
                         : diag_add(r->diags, D_MISSING_ATTR, c->ent->id_span,
                                    "this %s has no '%s'", ks->name, spec->name);
    diag_help(r->diags, d, "add `%s` to its block; it is required",
              schema_attr_syntax(r->arena, spec));
  }
}

void resolve_attrs(Resolver *r, DeclCtx *c) {
  const Decl *d = c->decl;
  for (size_t i = 0; i < d->nattrs; i++) {
    const Attr *a = d->attrs[i];
    if (!a || !a->name.text) continue;
    const AttrSlot *slot = symtab_get(r->attr_index[c->kind], a->name.text);
    if (!slot) {
      report_unknown(r, c, a);
      continue;
    }
    if (!resolve_form_fits(slot->spec, a)) {
      resolve_bad_args(r, slot->spec, a->name.span);
      continue;
    }
    const Attr *first = c->seen[slot->index];
    if (first && !(slot->spec->flags & ATTR_REPEAT)) {
      report_repeat(r, slot->spec, a, first);
      continue;
    }
    if (!first) c->seen[slot->index] = a;
    apply(r, c, slot->spec, a);
  }
  check_required(r, c);
}
