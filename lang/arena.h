/* arena.h — the one memory strategy of jny.
 *
 * Every stage allocates from an Arena and frees nothing piecemeal: dropping the arena is the
 * only free. All blocks come through one allocation hook (ArenaHooks) so that a test build can
 * make the Nth allocation fail. When an allocation fails, the arena jumps to the handler its
 * owner installed with arena_set_oom(); library code therefore never sees NULL from here.
 */
#ifndef JNY_ARENA_H
#define JNY_ARENA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaHooks {
  void *(*alloc)(void *ud, size_t size); /* like malloc; NULL means out of memory */
  void (*release)(void *ud, void *block);
  void *ud;
} ArenaHooks;

typedef struct Arena Arena;

/* hooks may be NULL for malloc/free. Returns NULL only if the arena header cannot be had. */
Arena *arena_new(const ArenaHooks *hooks);
void arena_free(Arena *a);

/* Runs fn(ud) when the arena is freed, before its blocks are released, the last registered
 * first: for the few resources that are not arena memory (a mapped source file). */
void arena_on_free(Arena *a, void (*fn)(void *ud), void *ud);

/* Where to longjmp (with value 1) when the hook returns NULL; NULL means abort(). */
void arena_set_oom(Arena *a, jmp_buf *on_oom);
/* For tests only: blocks of `size` bytes (64 at least) instead of 64 KiB, so that a failing
 * hook (JNY_FAIL_ALLOC) meets many more places of a run. */
void arena_set_block_size(Arena *a, size_t size);

void *arena_alloc(Arena *a, size_t size); /* zeroed, 8-byte aligned (no type of jny needs more) */
/* Not zeroed: for a buffer that is filled at once (a file's bytes), where clearing megabytes
 * first would only cost time. */
void *arena_alloc_bytes(Arena *a, size_t size);
void *arena_grow(Arena *a, void *old, size_t old_size, size_t new_size); /* copy into bigger */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);
size_t arena_bytes_used(const Arena *a);

/* A growable array in an arena: VEC_PUSH doubles the capacity, copying into a new block.
 * It starts at 2: most lists in a journey (an attribute's arguments) hold one or two items. */
#define VEC(T)                                                                                     \
  struct {                                                                                         \
    T *items;                                                                                      \
    size_t len, cap;                                                                               \
  }
#define VEC_PUSH(arena, vec, value)                                                                \
  do {                                                                                             \
    if ((vec).len == (vec).cap) {                                                                  \
      size_t ncap_ = (vec).cap ? (vec).cap * 2 : 2;                                                \
      (vec).items = arena_grow((arena), (vec).items, (vec).cap * sizeof *(vec).items,              \
                               ncap_ * sizeof *(vec).items);                                       \
      (vec).cap = ncap_;                                                                           \
    }                                                                                              \
    (vec).items[(vec).len++] = (value);                                                            \
  } while (0)

#endif
