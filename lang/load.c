/* load.c — `use`: from the root files to every file of the model.
 *
 * `use "rel/file.jny"` is read relative to the folder of the file that says it (the current
 * folder for standard input). `use std.x.y` is the embedded module first (std_modules.h), then
 * DIR/std/x/y.jny for each DIR of JNY_PATH; other dotted names are looked for in JNY_PATH only.
 * Each file is loaded once, keyed by its identity (device and inode) or, for embedded modules,
 * by module name. The walk is depth-first so that an import cycle is exactly a `use` of a file
 * still on the walk's stack (E0402, naming the chain); the depth is capped at
 * RESOLVE_MAX_MODULE_DEPTH (E0403). Files come out in load order: the roots first, then each
 * module where it was first used.
 */
#include <stdint.h>
#include <string.h>

#include "fileio.h"
#include "parse.h"
#include "resolve_impl.h"
#include "std_modules.h"
#include "strbuf.h"
#include "suggest.h"

typedef enum NodeState { NODE_PARSED, NODE_VISITING, NODE_DONE } NodeState;

typedef struct LoadNode {
  uint32_t file;
  AstFile *ast;
  NodeState state;
} LoadNode;

typedef struct Loader {
  const ModelInput *in;
  const FileSystem *fs; /* in->fs, or the disk */
  Arena *arena;
  SymTab *by_key;          /* file identity or module name -> LoadNode * */
  VEC(AstFile *) files;    /* load order */
  VEC(const Decl *) order; /* every declaration, a module's in place of its first `use` */
  VEC(LoadNode *) chain;   /* the `use` chain being walked, for cycle messages */
} Loader;

/* Where a `use` leads, before it is loaded. */
typedef struct Target {
  const char *key;
  const char *name; /* shown in diagnostics */
  const char *path; /* file-system path; NULL for embedded modules */
  const StdlibModule *embedded;
  const char *module; /* set for embedded modules */
} Target;

/* ---- paths -------------------------------------------------------------------------------- */

static char *normalise(Arena *a, const char *path) {
  bool absolute = path[0] == '/';
  size_t n = strlen(path), ncomp = 0;
  const char **comp = arena_alloc(a, (n / 2 + 2) * sizeof *comp);
  size_t *clen = arena_alloc(a, (n / 2 + 2) * sizeof *clen);
  for (const char *p = path; *p;) {
    const char *s = p;
    while (*p && *p != '/') p++;
    size_t len = (size_t)(p - s);
    if (*p) p++;
    if (len == 0 || (len == 1 && s[0] == '.')) continue;
    bool dotdot = len == 2 && s[0] == '.' && s[1] == '.';
    bool can_pop = ncomp && !(clen[ncomp - 1] == 2 && strncmp(comp[ncomp - 1], "..", 2) == 0);
    if (dotdot && can_pop) {
      ncomp--;
      continue;
    }
    if (dotdot && absolute) continue; /* "/.." is "/" */
    comp[ncomp] = s;
    clen[ncomp++] = len;
  }
  StrBuf sb;
  sb_init(&sb, a);
  if (absolute) sb_putc(&sb, '/');
  for (size_t i = 0; i < ncomp; i++) {
    if (i) sb_putc(&sb, '/');
    sb_add(&sb, comp[i], clen[i]);
  }
  if (sb.len == 0) sb_putc(&sb, '.');
  return sb.data;
}

char *load_sibling_path(Arena *a, const char *file, const char *rel) {
  StrBuf sb;
  sb_init(&sb, a);
  const char *slash = rel[0] == '/' ? NULL : strrchr(file, '/');
  if (slash) sb_add(&sb, file, (size_t)(slash - file) + 1);
  sb_puts(&sb, rel);
  return normalise(a, sb_str(&sb));
}

/* The same file reached by two spellings (a/../b.jny, a symlink) must load once: key on the
 * file's identity (device and inode on the disk). A file that cannot be stat'ed keys on its path.
 */
static const char *file_key(const Loader *L, const char *path) {
  FileInfo info;
  const char *why = NULL;
  if (L->fs->stat(L->fs, L->arena, path, &info, &why) != FILE_OK || !info.key)
    return arena_printf(L->arena, "path:%s", path);
  return info.key;
}

static Span use_span(const Decl *d) {
  return d->use_span.end > d->use_span.start ? d->use_span : d->span;
}

/* ---- finding the target of a `use` ----------------------------------------------------------- */

/* 1: found, 0: not there, -1: there but unusable (reported). */
static int probe_file(Loader *L, const Decl *d, const char *path) {
  FileInfo info;
  const char *why = "unknown error";
  FileStatus st = L->fs->stat(L->fs, L->arena, path, &info, &why);
  if (st == FILE_MISSING) return 0;
  if (st != FILE_OK) {
    diag_add(L->in->diags, D_IO, use_span(d), "cannot read '%s': %s", path, why);
    return -1;
  }
  if (info.is_folder) {
    diag_add(L->in->diags, D_IO, use_span(d), "cannot read '%s': it is a directory", path);
    return -1;
  }
  if (info.is_regular && info.size > SOURCE_MAX_BYTES) {
    diag_add(L->in->diags, D_TOO_LARGE, use_span(d),
             "'%s' is larger than 256 MiB, the most jny reads", path);
    return -1;
  }
  return 1;
}

static bool locate_file(Loader *L, const LoadNode *from, const Decl *d, Target *t) {
  const Source *src = source_get(L->in->sources, from->file);
  if (src->is_stdlib) {
    diag_add(L->in->diags, D_MODULE_NOT_FOUND, use_span(d),
             "a std module cannot use a file by path: '%s'", d->use_target);
    return false;
  }
  t->path = load_sibling_path(L->arena, src->path ? src->path : "", d->use_target);
  t->name = load_sibling_path(L->arena, src->name, d->use_target);
  int found = probe_file(L, d, t->path);
  if (found == 0) {
    Diag *g = diag_add(L->in->diags, D_MODULE_NOT_FOUND, use_span(d), "cannot find the file '%s'",
                       d->use_target);
    diag_note_plain(L->in->diags, g, "looked for %s", t->path);
  }
  if (found != 1) return false;
  t->key = file_key(L, t->path);
  return true;
}

/* "a.b.c" -> "DIR/a/b/c.jny" */
static char *module_path(Arena *a, const char *dir, size_t dirlen, const char *module) {
  StrBuf sb;
  sb_init(&sb, a);
  sb_add(&sb, dir, dirlen);
  if (dirlen && dir[dirlen - 1] != '/') sb_putc(&sb, '/');
  for (const char *p = module; *p; p++) sb_putc(&sb, *p == '.' ? '/' : *p);
  sb_puts(&sb, ".jny");
  return sb.data;
}

static void report_missing_module(Loader *L, const Decl *d, const char *const *looked,
                                  size_t nlooked, bool is_std) {
  Diag *g = diag_add(L->in->diags, D_MODULE_NOT_FOUND, use_span(d), "module '%s' not found",
                     d->use_target);
  if (is_std) {
    StrBuf have;
    sb_init(&have, L->arena);
    for (size_t i = 0; i < STDLIB_COUNT; i++)
      sb_printf(&have, "%s%s", i ? ", " : "", STDLIB_MODULES[i].name);
    diag_note_plain(L->in->diags, g, "not in the standard library, which has: %s", sb_str(&have));
  }
  for (size_t i = 0; i < nlooked; i++) diag_note_plain(L->in->diags, g, "looked for %s", looked[i]);
  Suggest s;
  suggest_init(&s, L->arena, d->use_target);
  for (size_t i = 0; i < STDLIB_COUNT; i++) suggest_offer(&s, STDLIB_MODULES[i].name, NULL);
  if (suggest_best(&s))
    diag_help(L->in->diags, g, "did you mean '%s'?", suggest_best(&s));
  else if (!L->in->jny_path || !*L->in->jny_path)
    diag_help(L->in->diags, g,
              "JNY_PATH is not set: set it to the folders that hold your modules "
              "(module a.b is read from DIR/a/b.jny)");
}

static bool locate_module(Loader *L, const Decl *d, Target *t) {
  const char *name = d->use_target;
  bool is_std = strncmp(name, "std.", 4) == 0;
  const StdlibModule *m = is_std ? stdlib_find(name) : NULL;
  if (m) {
    t->embedded = m;
    t->module = name;
    t->name = t->key = arena_printf(L->arena, "<%s>", name);
    return true;
  }
  VEC(const char *) looked = {0};
  for (const char *p = L->in->jny_path; p && *p;) {
    const char *end = strchr(p, ':');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len) {
      char *path = module_path(L->arena, p, len, name);
      VEC_PUSH(L->arena, looked, path);
      int found = probe_file(L, d, path);
      if (found < 0) return false;
      if (found) {
        t->path = t->name = path;
        t->key = file_key(L, path);
        return true;
      }
    }
    p = end ? end + 1 : p + len;
  }
  report_missing_module(L, d, looked.items, looked.len, is_std);
  return false;
}

/* ---- loading ------------------------------------------------------------------------------ */

static LoadNode *parse_node(Loader *L, uint32_t file, const char *key) {
  LoadNode *node = arena_alloc(L->arena, sizeof *node);
  ParseInput pi = {L->arena, L->in->diags, L->in->sources, file};
  node->file = file;
  node->ast = parse_file(&pi);
  node->state = NODE_PARSED;
  VEC_PUSH(L->arena, L->files, node->ast);
  symtab_put(L->by_key, key, node);
  return node;
}

static LoadNode *load_target(Loader *L, const Decl *d, const Target *t) {
  const char *text;
  size_t len;
  if (t->embedded) {
    text = t->embedded->text;
    len = t->embedded->len;
  } else {
    FileText ft;
    const char *why = "unknown error";
    if (L->fs->read_all(L->fs, L->arena, t->path, &ft, &why) != FILE_OK) {
      diag_add(L->in->diags, D_IO, use_span(d), "cannot read '%s': %s", t->name, why);
      return NULL;
    }
    text = ft.text;
    len = ft.len;
  }
  uint32_t file = source_add(L->in->sources, t->name, t->path, text, (uint32_t)len);
  Source *src = source_get(L->in->sources, file);
  src->is_stdlib = t->embedded != NULL;
  src->module = t->module;
  return parse_node(L, file, t->key);
}

static void report_cycle(Loader *L, const Decl *d, const LoadNode *again) {
  size_t at = 0;
  while (at < L->chain.len && L->chain.items[at] != again) at++;
  StrBuf sb;
  sb_init(&sb, L->arena);
  for (size_t i = at; i < L->chain.len; i++)
    sb_printf(&sb, "%s -> ", source_get(L->in->sources, L->chain.items[i]->file)->name);
  sb_puts(&sb, source_get(L->in->sources, again->file)->name);
  Diag *g = diag_add(L->in->diags, D_IMPORT_CYCLE, use_span(d), "import cycle: %s", sb_str(&sb));
  diag_help(L->in->diags, g, "move what both files need into a third file that both use");
}

static void visit(Loader *L, LoadNode *node, size_t depth);

static void follow_use(Loader *L, LoadNode *from, const Decl *d, size_t depth) {
  if (!d->use_target) return; /* the parser reported it */
  Target t;
  memset(&t, 0, sizeof t);
  bool found = d->use_is_module ? locate_module(L, d, &t) : locate_file(L, from, d, &t);
  if (!found) return;
  LoadNode *child = symtab_get(L->by_key, t.key);
  if (child && child->state == NODE_VISITING) {
    report_cycle(L, d, child);
    return;
  }
  if (child && child->state == NODE_DONE) return;
  if (depth + 1 > RESOLVE_MAX_MODULE_DEPTH) {
    diag_add(L->in->diags, D_MODULE_TOO_DEEP, use_span(d),
             "`use` nested more than %d files deep: '%s' is not loaded", RESOLVE_MAX_MODULE_DEPTH,
             t.name);
    return;
  }
  if (!child) child = load_target(L, d, &t);
  if (child) visit(L, child, depth + 1);
}

/* Recursion is bounded by RESOLVE_MAX_MODULE_DEPTH. */
static void visit(Loader *L, LoadNode *node, size_t depth) {
  if (node->state != NODE_PARSED) return;
  node->state = NODE_VISITING;
  VEC_PUSH(L->arena, L->chain, node);
  for (size_t i = 0; i < node->ast->ndecls; i++) {
    const Decl *d = node->ast->decls[i];
    if (!d) continue;
    /* `use` works like inclusion: the module's declarations take the place of its first use,
     * so `use std.stages.classic` then `stage loyalty` puts loyalty after the preset stages. */
    if (d->kind == DK_USE) follow_use(L, node, d, depth);
    VEC_PUSH(L->arena, L->order, d);
  }
  L->chain.len--;
  node->state = NODE_DONE;
}

AstFile **load_files(const ModelInput *in, size_t *nfiles, const Decl ***order, size_t *norder) {
  Loader L;
  memset(&L, 0, sizeof L);
  L.in = in;
  L.arena = in->arena;
  L.fs = in->fs ? in->fs : file_system_disk();
  L.by_key = symtab_new(in->arena, in->nroots + 16);
  VEC(LoadNode *) roots = {0};
  for (size_t i = 0; i < in->nroots; i++) {
    const Source *src = source_get(in->sources, in->roots[i]);
    if (!src) continue;
    const char *key =
        src->path ? file_key(&L, src->path) : arena_printf(in->arena, "<root %u>", in->roots[i]);
    if (symtab_get(L.by_key, key)) continue; /* the same file named twice */
    VEC_PUSH(in->arena, roots, parse_node(&L, in->roots[i], key));
  }
  for (size_t i = 0; i < roots.len; i++) visit(&L, roots.items[i], 0);
  *nfiles = L.files.len;
  *order = L.order.items;
  *norder = L.order.len;
  return L.files.items;
}
