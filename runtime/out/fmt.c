/* fmt.c — the layout of declarations, blocks and comments for `jny fmt` (fmt.h).
 *
 * The tree has no comments in it; AstFile.comments lists them in source order with their
 * spans, and they are woven back in by position while the declarations and attributes are
 * printed in order:
 *   - a comment that starts on the line where a node ends (after it) is a trailing comment and
 *     stays at the end of that printed line;
 *   - a comment before a node is a leading comment, printed on its own line at the node's
 *     indent; inside a block it stays inside, and one after the last attribute stays before
 *     the closing brace;
 *   - a comment between the tokens of one header or attribute line moves to its own line just
 *     above that line (a line is printed whole, so there is nowhere else for it to go);
 *   - what is left after the last declaration ends the file.
 * Blank lines: between declarations always one, except that one-line declarations of the same
 * kind written on consecutive lines stay together (a list of stages or teams reads as one
 * group); a comment directly above a declaration belongs to it. Elsewhere (between attributes,
 * around comments) one blank line is kept where the source had one or more. Idempotence
 * follows: the output's own blank lines, comment positions and groups reproduce themselves.
 */
#include <string.h>

#include "fmt.h"

typedef struct Layout {
  Fmt f;
  const Comment *comments;
  size_t ncomments, next; /* the first comment not yet printed */
  const char *indent;     /* "" at top level, "  " in a block */
} Layout;

typedef enum ItemKind { IT_START, IT_COMMENT, IT_LINE_DECL, IT_BLOCK_DECL, IT_ATTR } ItemKind;

static void put(Layout *l, const char *s) { sb_puts(&l->f.out, s); }

/* One or more blank lines in [from, to). Only whitespace and ';' lie between printed items. */
static bool blank_between(const Layout *l, uint32_t from, uint32_t to) {
  int newlines = 0;
  for (uint32_t i = from; i < to && i < l->f.src->len; i++)
    if (l->f.src->text[i] == '\n' && ++newlines == 2) return true;
  return false;
}

/* Nothing but spaces, tabs and ';' in [from, to): the two are on one line. */
static bool same_line(const Layout *l, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++) {
    char c = l->f.src->text[i];
    if (c != ' ' && c != '\t' && c != ';') return false;
  }
  return true;
}

/* A comment's text: a line comment without trailing blanks, a block comment as written. */
static void put_comment(Layout *l, const Comment *c) {
  uint32_t end = c->span.end;
  if (!c->block)
    while (end > c->span.start && strchr(" \t\r", l->f.src->text[end - 1])) end--;
  sb_add(&l->f.out, l->f.src->text + c->span.start, end - c->span.start);
}

/* Appends the comments that start on the same line after offset `end`; returns where the last
 * one ends (or `end`). */
static uint32_t trailing_comments(Layout *l, uint32_t end, uint32_t limit) {
  while (l->next < l->ncomments) {
    const Comment *c = &l->comments[l->next];
    if (c->span.start >= limit || !same_line(l, end, c->span.start)) break;
    put(l, " ");
    put_comment(l, c);
    end = c->span.end;
    l->next++;
  }
  return end;
}

/* Prints every comment that starts before `before` on its own line (with the comments on the
 * same line after it). `prev_end` is where the previous printed item ended; blank lines
 * between them follow the source. Returns the new prev_end. */
static uint32_t own_line_comments(Layout *l, uint32_t before, uint32_t prev_end, ItemKind *prev) {
  while (l->next < l->ncomments && l->comments[l->next].span.start < before) {
    const Comment *c = &l->comments[l->next++];
    if (*prev != IT_START && blank_between(l, prev_end, c->span.start)) put(l, "\n");
    put(l, l->indent);
    put_comment(l, c);
    prev_end = trailing_comments(l, c->span.end, before);
    put(l, "\n");
    *prev = IT_COMMENT;
  }
  return prev_end;
}

/* Comments inside a line being printed, moved above it (no blank line between). */
static void hoist_comments(Layout *l, uint32_t before) {
  ItemKind k = IT_START;
  own_line_comments(l, before, 0, &k);
}

/* ---- attributes ---------------------------------------------------------------------------- */

static void put_ident(Layout *l, Ident id) { put(l, id.text ? id.text : ""); }

static void put_ident_to(Fmt *f, Ident id) { sb_puts(&f->out, id.text ? id.text : ""); }

void fmt_attr(Fmt *f, const Attr *a) {
  switch (a->form) {
  case AF_ARGS:
    put_ident_to(f, a->name);
    fmt_args(f, a->args, a->nargs);
    return;
  case AF_EDGE:
    sb_puts(&f->out, "-> ");
    put_ident_to(f, a->var);
    fmt_args(f, a->args, a->nargs);
    return;
  case AF_FOR:
  case AF_FROM:
    sb_puts(&f->out, a->form == AF_FOR ? "for " : "from ");
    put_ident_to(f, a->var);
    sb_puts(&f->out, " in ");
    fmt_expr(f, a->expr, 1);
    if (a->cond) {
      sb_puts(&f->out, " where ");
      fmt_expr(f, a->cond, 0);
    }
    return;
  case AF_EXPR:
    put_ident_to(f, a->name);
    sb_puts(&f->out, " ");
    fmt_expr(f, a->expr, 0);
    return;
  case AF_SELECT:
  case AF_ORDER:
    put_ident_to(f, a->name);
    for (size_t i = 0; i < a->nitems; i++) {
      const Item *it = &a->items[i];
      sb_puts(&f->out, i ? ", " : " ");
      fmt_expr(f, it->expr, 0);
      if (it->alias.text) {
        sb_puts(&f->out, " as ");
        put_ident_to(f, it->alias);
      }
      if (it->has_dir) sb_puts(&f->out, it->desc ? " desc" : " asc");
    }
    return;
  case AF_ASSIGN:
    put_ident_to(f, a->name);
    sb_puts(&f->out, " ");
    put_ident_to(f, a->var);
    sb_puts(&f->out, " = ");
    fmt_expr(f, a->expr, 0);
    return;
  case AF_TARGET:
    sb_puts(&f->out, "target ");
    sb_puts(&f->out, ast_op_text(a->op));
    sb_puts(&f->out, " ");
    fmt_expr(f, a->expr, 5);
    return;
  }
}

/* The attributes of a block, between its braces [open, close). */
static void block_body(Layout *l, const Decl *d, uint32_t open, uint32_t close) {
  const char *outer = l->indent;
  l->indent = "  ";
  uint32_t prev_end = open;
  ItemKind prev = IT_START;
  for (size_t i = 0; i < d->nattrs; i++) {
    const Attr *a = d->attrs[i];
    prev_end = own_line_comments(l, a->span.start, prev_end, &prev);
    if (prev != IT_START && blank_between(l, prev_end, a->span.start)) put(l, "\n");
    hoist_comments(l, a->span.end);
    put(l, l->indent);
    fmt_attr(&l->f, a);
    prev_end = trailing_comments(l, a->span.end, close);
    put(l, "\n");
    prev = IT_ATTR;
  }
  own_line_comments(l, close, prev_end, &prev);
  l->indent = outer;
}

/* ---- declarations -------------------------------------------------------------------------- */

static void decl_header(Layout *l, const Decl *d) {
  Fmt *f = &l->f;
  put(l, ast_decl_kind_name(d->kind));
  switch (d->kind) {
  case DK_USE:
    put(l, " ");
    if (d->use_is_module)
      put(l, d->use_target);
    else
      fmt_span_text(f, d->use_span);
    return;
  case DK_LET:
    put(l, " ");
    put_ident(l, d->name);
    put(l, " = ");
    fmt_expr(f, d->expr, 0);
    return;
  case DK_FLOW:
    for (size_t i = 0; i < d->nchain; i++) {
      put(l, i ? " -> " : " ");
      put_ident(l, d->chain[i]);
    }
    break;
  case DK_DATA:
    put(l, " ");
    put_ident(l, d->name);
    put(l, " from ");
    fmt_span_text(f, d->data_path_span);
    return; /* a data block's attributes come with the block, below */
  default: break;
  }
  fmt_args(f, d->args, d->nargs);
}

/* A block with nothing in it, not even a comment, prints as `{}`. */
static bool block_is_empty(const Layout *l, const Decl *d) {
  return d->nattrs == 0 &&
         (l->next >= l->ncomments || l->comments[l->next].span.start >= d->block_span.end);
}

/* A declaration that is its keyword alone (`team;`, which the resolver reports) is not ended by
 * a newline, since the newline rule ends a statement only after a name, a literal or a bracket:
 * it keeps its `;`, or the next declaration would run on into it. */
static bool needs_terminator(const Decl *d) {
  return !d->has_block && d->nargs == 0 && d->kind != DK_USE && d->kind != DK_LET &&
         d->kind != DK_DATA && !(d->kind == DK_FLOW && d->nchain > 0);
}

/* Prints the declaration; returns where its printed text ends in the source (after its
 * trailing comments). */
static uint32_t decl_print(Layout *l, const Decl *d) {
  uint32_t header_end = d->has_block ? d->block_span.start : d->span.end;
  hoist_comments(l, header_end);
  decl_header(l, d);
  if (needs_terminator(d)) put(l, ";");
  if (!d->has_block) {
    uint32_t end = trailing_comments(l, d->span.end, UINT32_MAX);
    put(l, "\n");
    return end;
  }
  if (block_is_empty(l, d)) {
    put(l, " {}");
  } else {
    put(l, " {");
    uint32_t open = trailing_comments(l, d->block_span.start + 1, d->block_span.end);
    put(l, "\n");
    block_body(l, d, open, d->block_span.end - 1);
    put(l, "}");
  }
  uint32_t end = trailing_comments(l, d->span.end, UINT32_MAX);
  put(l, "\n");
  return end;
}

/* Where the comments directly above d begin (no blank line inside the group or below it), or
 * d's own start when none; the group belongs to d. */
static uint32_t group_start(const Layout *l, const Decl *d) {
  uint32_t start = d->span.start;
  size_t i = l->next;
  size_t last = i;
  while (last < l->ncomments && l->comments[last].span.start < d->span.start) last++;
  while (last > i) {
    const Comment *c = &l->comments[last - 1];
    if (blank_between(l, c->span.end, start)) break;
    start = c->span.start;
    last--;
  }
  return start;
}

const char *fmt_file(Arena *arena, const Source *src, const AstFile *ast, size_t *len) {
  Layout l = {
      .f = {.src = src}, .comments = ast->comments, .ncomments = ast->ncomments, .indent = ""};
  sb_init(&l.f.out, arena);
  uint32_t prev_end = 0;
  ItemKind prev = IT_START;
  const Decl *prev_decl = NULL;
  for (size_t i = 0; i < ast->ndecls; i++) {
    const Decl *d = ast->decls[i];
    uint32_t lead = group_start(&l, d);
    /* Floating comments (not attached to d) keep the source's blank lines, except that a
     * declaration with a block is always followed by one. */
    if (lead > 0 && l.next < l.ncomments && l.comments[l.next].span.start < lead) {
      if (prev == IT_BLOCK_DECL) {
        put(&l, "\n");
        prev = IT_START; /* the blank line is printed: no second one before the comment */
      }
      prev_end = own_line_comments(&l, lead, prev_end, &prev);
    }
    bool one_line = !d->has_block;
    if (prev == IT_COMMENT) {
      if (blank_between(&l, prev_end, lead)) put(&l, "\n");
    } else if (prev_decl) {
      bool together = prev == IT_LINE_DECL && one_line && prev_decl->kind == d->kind &&
                      !blank_between(&l, prev_end, lead);
      if (!together) put(&l, "\n");
    }
    own_line_comments(&l, d->span.start, lead, &prev); /* d's own group: no blank lines */
    prev_end = decl_print(&l, d);
    prev = one_line ? IT_LINE_DECL : IT_BLOCK_DECL;
    prev_decl = d;
  }
  if (l.next < l.ncomments && prev == IT_BLOCK_DECL) {
    put(&l, "\n");
    prev = IT_START;
  }
  own_line_comments(&l, UINT32_MAX, prev_end, &prev);
  *len = l.f.out.len;
  return sb_str(&l.f.out);
}
