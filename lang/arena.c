/* arena.c — bump allocation in chained blocks, every block from the allocation hook.
 * Large requests get a block of their own so that a multi-megabyte string does not waste a
 * standard block. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 64 KiB blocks: large enough that small models need a handful of hook calls, small enough that
 * an empty arena costs little. */
/* 8-byte alignment suits every type jny allocates (pointers, doubles, int64); the 16 that
 * max_align_t asks for would waste a quarter of a small node's space. */
enum { ARENA_BLOCK_SIZE = 64 * 1024, ARENA_ALIGN = 8 };

typedef struct Block {
  struct Block *next;
  size_t size, used;
  uint64_t data[]; /* 8-byte aligned payload */
} Block;

struct Arena {
  ArenaHooks hooks;
  Block *head;
  jmp_buf *on_oom;
  size_t used;
  size_t block_size; /* ARENA_BLOCK_SIZE but in tests (arena_set_block_size) */
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
  Block *b = a->head;
  while (b) {
    Block *next = b->next;
    a->hooks.release(a->hooks.ud, b);
    b = next;
  }
  a->hooks.release(a->hooks.ud, a);
}

void arena_set_oom(Arena *a, jmp_buf *on_oom) { a->on_oom = on_oom; }

void arena_set_block_size(Arena *a, size_t size) { a->block_size = size < 64 ? 64 : size; }

static void out_of_memory(Arena *a) {
  if (a->on_oom) longjmp(*a->on_oom, 1);
  abort();
}

static Block *new_block(Arena *a, size_t payload) {
  if (payload > SIZE_MAX - sizeof(Block)) out_of_memory(a);
  Block *b = a->hooks.alloc(a->hooks.ud, sizeof(Block) + payload);
  if (!b) out_of_memory(a);
  b->next = NULL;
  b->size = payload;
  b->used = 0;
  return b;
}

void *arena_alloc(Arena *a, size_t size) {
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
      memset(big->data, 0, size);
      return big->data;
    }
    b = new_block(a, a->block_size);
    b->next = a->head;
    a->head = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += size;
  a->used += size;
  memset(p, 0, size);
  return p;
}

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
