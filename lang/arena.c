/* arena.c — bump allocation in chained blocks, every block from the allocation hook.
 * Large requests get a block of their own so that a multi-megabyte string does not waste a
 * standard block. */
#define _DEFAULT_SOURCE /* madvise and MADV_HUGEPAGE, where the system has them */
#include "arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Blocks start at 64 KiB: large enough that small models need a handful of hook calls, small
 * enough that an empty arena costs little. A big arena gets bigger blocks, up to 8 MiB, an
 * eighth of what it holds, so that a 100k-touchpoint model is a few dozen blocks whose pages
 * the kernel can back with huge pages (see advise_huge). */
/* 8-byte alignment suits every type jny allocates (pointers, doubles, int64); the 16 that
 * max_align_t asks for would waste a quarter of a small node's space. */
enum { ARENA_BLOCK_SIZE = 64 * 1024, ARENA_MAX_BLOCK = 8 * 1024 * 1024, ARENA_ALIGN = 8 };

typedef struct Block {
  struct Block *next;
  size_t size, used;
  uint64_t data[]; /* 8-byte aligned payload */
} Block;

typedef struct Cleanup {
  void (*fn)(void *ud);
  void *ud;
  struct Cleanup *next;
} Cleanup;

struct Arena {
  ArenaHooks hooks;
  Block *head;
  Cleanup *cleanups;
  jmp_buf *on_oom;
  size_t used;
  size_t block_size; /* the first blocks' size: ARENA_BLOCK_SIZE but in tests */
  bool fixed_blocks; /* arena_set_block_size: every block that size (no growth) */
};

static void *default_alloc(void *ud, size_t size) {
  (void)ud;
  return malloc(size);
}

static void default_release(void *ud, void *block) {
  (void)ud;
  free(block);
}

Arena *arena_new(const ArenaHooks *hooks) {
  ArenaHooks h = {default_alloc, default_release, NULL};
  if (hooks) h = *hooks;
  Arena *a = h.alloc(h.ud, sizeof *a);
  if (!a) return NULL;
  memset(a, 0, sizeof *a);
  a->hooks = h;
  a->block_size = ARENA_BLOCK_SIZE;
  return a;
}

void arena_free(Arena *a) {
  if (!a) return;
  for (Cleanup *c = a->cleanups; c; c = c->next) c->fn(c->ud);
  Block *b = a->head;
  while (b) {
    Block *next = b->next;
    a->hooks.release(a->hooks.ud, b);
    b = next;
  }
  a->hooks.release(a->hooks.ud, a);
}

void arena_set_oom(Arena *a, jmp_buf *on_oom) { a->on_oom = on_oom; }

void arena_set_block_size(Arena *a, size_t size) {
  a->block_size = size < 64 ? 64 : size;
  a->fixed_blocks = true;
}

void arena_on_free(Arena *a, void (*fn)(void *ud), void *ud) {
  Cleanup *c = arena_alloc(a, sizeof *c);
  *c = (Cleanup){fn, ud, a->cleanups};
  a->cleanups = c;
}

static void out_of_memory(Arena *a) {
  if (a->on_oom) longjmp(*a->on_oom, 1);
  abort();
}

/* Asks for transparent huge pages over the 2 MiB-aligned part of a big block: a model of
 * hundreds of megabytes otherwise takes a page fault every 4 KiB, and on a virtual machine the
 * faults cost more than the work. Only a hint; nothing depends on it. */
static void advise_huge(void *p, size_t size) {
#ifdef MADV_HUGEPAGE
  const uintptr_t huge = 2u * 1024 * 1024;
  uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1);
  uintptr_t end = ((uintptr_t)p + size) & ~(huge - 1);
  if (end > start) madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
  (void)p;
  (void)size;
#endif
}

static Block *new_block(Arena *a, size_t payload) {
  if (payload > SIZE_MAX - sizeof(Block)) out_of_memory(a);
  Block *b = a->hooks.alloc(a->hooks.ud, sizeof(Block) + payload);
  if (!b) out_of_memory(a);
  if (payload >= 2 * 1024 * 1024) advise_huge(b, sizeof(Block) + payload);
  b->next = NULL;
  b->size = payload;
  b->used = 0;
  return b;
}

static void *bump(Arena *a, size_t size) {
  if (size == 0) size = 1;
  if (size > SIZE_MAX - ARENA_ALIGN) out_of_memory(a);
  size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  Block *b = a->head;
  if (!b || b->size - b->used < size) {
    if (size > a->block_size / 4) {
      /* A big request gets its own block behind the current one, keeping the head usable. */
      Block *big = new_block(a, size);
      big->used = size;
      if (b) {
        big->next = b->next;
        b->next = big;
      } else {
        a->head = big;
      }
      a->used += size;
      return big->data;
    }
    size_t bsize = a->block_size; /* grows with the arena, unless a test fixed it */
    while (!a->fixed_blocks && bsize < ARENA_MAX_BLOCK && bsize < a->used / 8) bsize *= 2;
    b = new_block(a, bsize);
    b->next = a->head;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += size;
  a->used += size;
  return p;
}

void *arena_alloc(Arena *a, size_t size) {
  void *p = bump(a, size);
  memset(p, 0, size ? size : 1);
  return p;
}

void *arena_alloc_bytes(Arena *a, size_t size) { return bump(a, size); }

void *arena_grow(Arena *a, void *old, size_t old_size, size_t new_size) {
  void *p = arena_alloc(a, new_size);
  if (old && old_size) memcpy(p, old, old_size < new_size ? old_size : new_size);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_vprintf(Arena *a, const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0) n = 0;
  char *p = arena_alloc(a, (size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

size_t arena_bytes_used(const Arena *a) { return a->used; }
