/* fuzz_common.c — see fuzz_common.h. */
#include "fuzz_common.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_render.h"
#include "strbuf.h"

/* Large blocks (32 KiB and more: the arenas' 64 KiB blocks, the CSV loader's cell buffer,
 * read buffer and row blocks) are kept from one run to the next. ASan maps and unmaps each
 * one, and those page faults cost more than a small run (the CSV harness ran 20 times slower);
 * an overflow past a block still meets its redzone. The size travels in a header before the
 * block, since the hook's release is not told it. */
enum { CACHE_MIN = 32 * 1024, CACHE_SLOTS = 16, HEADER = 16 };
static struct {
  void *block[CACHE_SLOTS];
  size_t size[CACHE_SLOTS];
} g_cache; /* the harness's own, one per process like libFuzzer's state */

static void *cached_alloc(void *ud, size_t size) {
  (void)ud;
  if (size >= CACHE_MIN)
    for (int i = 0; i < CACHE_SLOTS; i++)
      if (g_cache.block[i] && g_cache.size[i] == size) {
        char *p = g_cache.block[i];
        g_cache.block[i] = NULL;
        return p + HEADER;
      }
  char *p = malloc(size + HEADER);
  if (!p) return NULL;
  memcpy(p, &size, sizeof size);
  return p + HEADER;
}

static void cached_release(void *ud, void *block) {
  (void)ud;
  char *p = (char *)block - HEADER;
  size_t size;
  memcpy(&size, p, sizeof size);
  if (size >= CACHE_MIN)
    for (int i = 0; i < CACHE_SLOTS; i++)
      if (!g_cache.block[i]) {
        g_cache.block[i] = p;
        g_cache.size[i] = size;
        return;
      }
  free(p);
}

Arena *fuzz_arena(void) {
  static const ArenaHooks HOOKS = {cached_alloc, cached_release, NULL};
  Arena *a = arena_new(&HOOKS);
  if (!a) abort();
  return a;
}

void fuzz_begin(FuzzRun *r, const uint8_t *data, size_t size, const char *name) {
  memset(r, 0, sizeof *r);
  r->arena = fuzz_arena();
  char *text = arena_alloc(r->arena, size + 1);
  if (size) memcpy(text, data, size);
  text[size] = '\0';
  source_set_init(&r->sources, r->arena);
  diag_list_init(&r->diags, r->arena);
  const char *path = arena_printf(r->arena, "%s/%s", FUZZ_DIR, name);
  r->file = source_add(&r->sources, name, path, text, (uint32_t)size);
}

void fuzz_end(FuzzRun *r) {
  arena_free(r->arena);
  r->arena = NULL;
}

_Noreturn void fuzz_fail(const char *what, const char *text, size_t len) {
  fprintf(stderr, "jny fuzz: property broken: %s\n", what);
  if (text) {
    fputs("---- text ----\n", stderr);
    fwrite(text, 1, len > 4000 ? 4000 : len, stderr);
    fputs("\n--------------\n", stderr);
  }
  abort();
}

void fuzz_check_spans(const FuzzRun *r) {
  for (size_t i = 0; i < r->diags.len; i++) {
    const Diag *d = r->diags.items[i];
    if (!d->has_span) continue;
    const Source *src = source_get(&r->sources, d->span.file);
    if (!src) fuzz_fail("a diagnostic names a file that is not a source", d->message, 0);
    if (d->span.start > d->span.end || d->span.end > src->len)
      fuzz_fail("a diagnostic's span lies outside its source", d->message, strlen(d->message));
  }
}

/* The code point of the UTF-8 sequence at s (n bytes), and its length; 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
  unsigned c = s[0], min;
  size_t len;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, *cp = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, *cp = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, *cp = c & 0x07, min = 0x10000;
  else
    return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (s[i] & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return len;
}

static bool unsafe_on_terminal(unsigned cp) {
  if (cp == '\n' || cp == '\t') return false;
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x2028 || cp == 0x2029;
}

void fuzz_check_terminal(const char *text, size_t len, const char *what) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i < len;) {
    unsigned cp;
    size_t n = utf8_decode(s + i, len - i, &cp);
    if (n == 0) fuzz_fail(what, text, len); /* invalid UTF-8 */
    if (unsafe_on_terminal(cp)) fuzz_fail(what, text, len);
    i += n;
  }
}

void fuzz_render_diags(FuzzRun *r, bool sarif) {
  diag_sort(&r->diags);
  /* The first few only: a fuzzed input often has dozens of errors, printing each costs more
   * than parsing, and every one goes through the same code with other bytes around it. */
  DiagList shown = r->diags;
  if (shown.len > FUZZ_DIAGS_SHOWN) shown.len = FUZZ_DIAGS_SHOWN;
  StrBuf plain;
  sb_init(&plain, r->arena);
  DiagRenderOptions no = {false}, yes = {true};
  for (size_t i = 0; i < shown.len; i++) {
    diag_render_text(&plain, &r->sources, shown.items[i], &no);
    /* colour adds escapes of its own, so the property cannot be checked there: run it only for
     * the sanitizers, on the first diagnostic (the code is the same for every one) */
    if (i == 0) {
      StrBuf color;
      sb_init(&color, r->arena);
      diag_render_text(&color, &r->sources, shown.items[i], &yes);
    }
  }
  diag_render_summary(&plain, &shown, r->sources.len, &no);
  fuzz_check_terminal(plain.data, plain.len, "diagnostic text is not safe for a terminal");

  /* jansson refuses invalid UTF-8 and escapes the rest itself, so the tree's being built is the
   * property; dumping and reading it back would only test jansson (and cost half the run). */
  json_t *root = json_object();
  if (!root || !diag_render_json(root, r->arena, &r->sources, &shown, r->sources.len))
    fuzz_fail("diag_render_json failed", NULL, 0);
  json_decref(root);
  if (!sarif) return;
  root = json_object();
  if (!root || !diag_render_sarif(root, r->arena, &r->sources, &shown, "fuzz"))
    fuzz_fail("diag_render_sarif failed", NULL, 0);
  json_decref(root);
}

bool fuzz_uses_are_local(const AstFile *ast) {
  for (size_t i = 0; i < ast->ndecls; i++) {
    const Decl *d = ast->decls[i];
    if (d->kind != DK_USE || d->use_is_module || !d->use_target) continue;
    if (d->use_target[0] == '/' || strstr(d->use_target, "..")) return false;
  }
  return true;
}
