/* test_arena.c — unit tests for lang/arena.c and lang/strbuf.c: the one memory strategy.
 * Allocation, growth, strings, and the out-of-memory path every stage relies on: a failing
 * hook must reach the owner's handler by longjmp, and freeing must return every block. */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "strbuf.h"
#include "unit.h"

/* Hooks that count blocks and can be told to fail from the Nth allocation on. */
typedef struct Counter {
  size_t allocs, releases, bytes;
  size_t fail_from; /* 0: never fail; k: the k-th call and every later one return NULL */
} Counter;

static void *counting_alloc(void *ud, size_t size) {
  Counter *c = ud;
  if (c->fail_from && c->allocs + 1 >= c->fail_from) return NULL;
  c->allocs++;
  c->bytes += size;
  return malloc(size);
}

static void counting_release(void *ud, void *block) {
  Counter *c = ud;
  c->releases++;
  free(block);
}

static Arena *counted_arena(Counter *c) {
  ArenaHooks h = {counting_alloc, counting_release, c};
  return arena_new(&h);
}

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i]) return 0;
  return 1;
}

/* The arena aligns to 8 bytes: enough for every type jny allocates (pointers, doubles, 64-bit
 * integers), see arena.c. */
enum { WIDEST = _Alignof(void *) > _Alignof(double) ? _Alignof(void *) : _Alignof(double) };

TEST(alloc_is_zeroed_and_aligned) {
  Arena *a = arena_new(NULL);
  for (size_t size = 0; size < 200; size += 7) {
    unsigned char *p = arena_alloc(a, size);
    CHECK(p != NULL);
    CHECK((uintptr_t)p % WIDEST == 0);
    CHECK((uintptr_t)p % _Alignof(uint64_t) == 0);
    CHECK(all_zero(p, size));
    memset(p, 0xAB, size); /* dirty it: the next block must still come back zeroed */
  }
  arena_free(a);
}

TEST(allocations_do_not_overlap_across_blocks) {
  Arena *a = arena_new(NULL);
  enum { N = 5000 };
  uint32_t *ptrs[N];
  for (uint32_t i = 0; i < N; i++) { /* 5000 * 48 bytes spans several 64 KiB blocks */
    ptrs[i] = arena_alloc(a, 48);
    for (int k = 0; k < 12; k++) ptrs[i][k] = i;
  }
  int intact = 1;
  for (uint32_t i = 0; i < N; i++)
    for (int k = 0; k < 12; k++)
      if (ptrs[i][k] != i) intact = 0;
  CHECK(intact);
  CHECK(arena_bytes_used(a) >= (size_t)N * 48);
  arena_free(a);
}

TEST(big_request_gets_its_own_block) {
  Counter c = {0};
  Arena *a = counted_arena(&c);
  char *small1 = arena_alloc(a, 16);
  size_t before = c.allocs;
  char *big = arena_alloc(a, 1000 * 1000);
  CHECK_EQ_INT(c.allocs, before + 1);
  CHECK(all_zero((unsigned char *)big, 1000 * 1000));
  memset(big, 'x', 1000 * 1000);
  /* The head block stays usable: a small request after the big one needs no new block. */
  char *small2 = arena_alloc(a, 16);
  CHECK_EQ_INT(c.allocs, before + 1);
  CHECK(small2 != small1);
  CHECK(all_zero((unsigned char *)small2, 16));
  CHECK_EQ_INT(big[999999], 'x');
  arena_free(a);
  CHECK_EQ_INT(c.releases, c.allocs);
}

TEST(first_request_can_be_big) {
  Counter c = {0};
  Arena *a = counted_arena(&c);
  char *big = arena_alloc(a, 200 * 1000);
  big[0] = 1;
  char *small = arena_alloc(a, 8);
  CHECK(small != NULL);
  CHECK((uintptr_t)small + 8 <= (uintptr_t)big || (uintptr_t)small >= (uintptr_t)big + 200 * 1000);
  arena_free(a);
  CHECK_EQ_INT(c.releases, c.allocs);
}

TEST(grow_copies_the_old_contents) {
  Arena *a = arena_new(NULL);
  int *v = arena_grow(a, NULL, 0, 4 * sizeof(int));
  CHECK(v != NULL);
  for (int i = 0; i < 4; i++) v[i] = i + 1;
  int *w = arena_grow(a, v, 4 * sizeof(int), 100 * sizeof(int));
  CHECK(w != v);
  CHECK_EQ_INT(w[0], 1);
  CHECK_EQ_INT(w[3], 4);
  CHECK_EQ_INT(w[4], 0); /* the new part is zeroed */
  CHECK_EQ_INT(w[99], 0);
  int *s = arena_grow(a, w, 100 * sizeof(int), 2 * sizeof(int)); /* shrinking copies the prefix */
  CHECK_EQ_INT(s[0], 1);
  CHECK_EQ_INT(s[1], 2);
  arena_free(a);
}

TEST(vec_push_keeps_every_item) {
  Arena *a = arena_new(NULL);
  VEC(int) v = {0};
  for (int i = 0; i < 10000; i++) VEC_PUSH(a, v, i * 3);
  CHECK_EQ_INT(v.len, 10000);
  CHECK(v.cap >= v.len);
  int ok = 1;
  for (int i = 0; i < 10000; i++)
    if (v.items[i] != i * 3) ok = 0;
  CHECK(ok);
  arena_free(a);
}

TEST(strdup_and_strndup) {
  Arena *a = arena_new(NULL);
  const char *src = "journey \xc3\xa9t\xc3\xa9"; /* UTF-8 bytes copied as they are */
  char *d = arena_strdup(a, src);
  CHECK(d != src);
  CHECK_EQ_STR(d, src);
  CHECK_EQ_STR(arena_strndup(a, "touchpoint", 5), "touch");
  CHECK_EQ_STR(arena_strndup(a, "abc", 0), "");
  CHECK_EQ_STR(arena_strdup(a, ""), "");
  char with_nul[] = {'a', '\0', 'b'};
  char *n = arena_strndup(a, with_nul, 3); /* copies n bytes even past a NUL, then terminates */
  CHECK_EQ_INT(n[2], 'b');
  CHECK_EQ_INT(n[3], '\0');
  arena_free(a);
}

TEST(printf_formats_and_sizes_exactly) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(arena_printf(a, "%s:%d:%d", "grocery.jny", 41, 9), "grocery.jny:41:9");
  CHECK_EQ_STR(arena_printf(a, "%s", ""), "");
  CHECK_EQ_STR(arena_printf(a, "%.2f%%", 45.0), "45.00%");
  /* Longer than a standard block: no fixed buffer anywhere. */
  size_t n = 100 * 1000;
  char *long_text = arena_alloc(a, n + 1);
  memset(long_text, 'z', n);
  char *p = arena_printf(a, "<%s>", long_text);
  CHECK_EQ_INT(strlen(p), n + 2);
  CHECK_EQ_INT(p[0], '<');
  CHECK_EQ_INT(p[n + 1], '>');
  arena_free(a);
}

TEST(strbuf_builds_strings) {
  Arena *a = arena_new(NULL);
  StrBuf sb;
  sb_init(&sb, a);
  CHECK_EQ_STR(sb_str(&sb), "");
  sb_puts(&sb, "unknown stage '");
  sb_add(&sb, "purchse!", 7);
  sb_putc(&sb, '\'');
  sb_printf(&sb, " at %d:%d", 41, 9);
  CHECK_EQ_STR(sb_str(&sb), "unknown stage 'purchse' at 41:9");
  CHECK_EQ_INT(sb.len, strlen("unknown stage 'purchse' at 41:9"));
  StrBuf u;
  sb_init(&u, a);
  sb_utf8(&u, 'A');
  sb_utf8(&u, 0xE9);    /* é: two bytes */
  sb_utf8(&u, 0x2192);  /* →: three bytes */
  sb_utf8(&u, 0x1F600); /* 😀: four bytes */
  CHECK_EQ_STR(sb_str(&u), "A\xc3\xa9\xe2\x86\x92\xf0\x9f\x98\x80");
  StrBuf big;
  sb_init(&big, a);
  for (int i = 0; i < 50000; i++) sb_putc(&big, (char)('a' + i % 26));
  CHECK_EQ_INT(big.len, 50000);
  CHECK_EQ_INT(sb_str(&big)[49999], 'a' + 49999 % 26);
  CHECK_EQ_INT(sb_str(&big)[50000], '\0');
  arena_free(a);
}

TEST(free_releases_every_block) {
  Counter c = {0};
  Arena *a = counted_arena(&c);
  for (int i = 0; i < 1000; i++) arena_alloc(a, 1000);
  arena_alloc(a, 500 * 1000);
  arena_printf(a, "%d", 42);
  CHECK(c.allocs > 3);
  arena_free(a);
  CHECK_EQ_INT(c.releases, c.allocs);
  arena_free(NULL); /* allowed, does nothing */
}

TEST(new_returns_null_when_the_header_cannot_be_had) {
  Counter c = {0};
  c.fail_from = 1;
  CHECK(counted_arena(&c) == NULL);
  CHECK_EQ_INT(c.allocs, 0);
}

/* Allocates until the hook fails; returns how many allocations succeeded, or -1 when the
 * handler was never reached. The jmp_buf is set here so that the longjmp target is live. */
static long alloc_until_oom(Arena *a, size_t size, size_t max_tries) {
  jmp_buf on_oom;
  volatile long done = 0;
  arena_set_oom(a, &on_oom);
  if (setjmp(on_oom) != 0) {
    arena_set_oom(a, NULL);
    return done;
  }
  for (size_t i = 0; i < max_tries; i++) {
    arena_alloc(a, size);
    done++;
  }
  arena_set_oom(a, NULL);
  return -1;
}

TEST(failing_hook_jumps_to_the_handler) {
  Counter c = {0};
  c.fail_from = 4; /* the header and two blocks succeed, the fourth call fails */
  Arena *a = counted_arena(&c);
  CHECK(a != NULL);
  long done = alloc_until_oom(a, 1000, 100000);
  CHECK(done > 0);
  CHECK_EQ_INT(c.allocs, 3);
  /* 64 KiB blocks hold at least 64 allocations of 1000 bytes each, two blocks at least 128. */
  CHECK(done >= 128);
  arena_free(a); /* what was allocated before the failure is still released */
  CHECK_EQ_INT(c.releases, c.allocs);
}

TEST(big_request_failure_jumps_too) {
  Counter c = {0};
  c.fail_from = 3;
  Arena *a = counted_arena(&c);
  arena_alloc(a, 8); /* header + first block */
  long done = alloc_until_oom(a, 10 * 1000 * 1000, 10);
  CHECK_EQ_INT(done, 0);
  arena_free(a);
  CHECK_EQ_INT(c.releases, c.allocs);
}

TEST(impossible_size_jumps_even_with_default_hooks) {
  Arena *a = arena_new(NULL);
  long done = alloc_until_oom(a, SIZE_MAX, 1);
  CHECK_EQ_INT(done, 0);
  done = alloc_until_oom(a, SIZE_MAX - 8, 1);
  CHECK_EQ_INT(done, 0);
  /* The arena is still usable after the failed request. */
  CHECK_EQ_STR(arena_strdup(a, "still here"), "still here");
  arena_free(a);
}

TEST(strings_fail_through_the_same_hook) {
  Counter c = {0};
  c.fail_from = 3;
  Arena *a = counted_arena(&c);
  jmp_buf on_oom;
  volatile int reached = 0;
  arena_set_oom(a, &on_oom);
  if (setjmp(on_oom) == 0) {
    arena_strdup(a, "fits in the first block");
    reached = 1;
    for (int i = 0; i < 100000; i++) arena_printf(a, "line %d of a long message", i);
    reached = 2;
  }
  CHECK_EQ_INT(reached, 1);
  arena_set_oom(a, NULL);
  arena_free(a);
  CHECK_EQ_INT(c.releases, c.allocs);
}

int main(void) {
  RUN(alloc_is_zeroed_and_aligned);
  RUN(allocations_do_not_overlap_across_blocks);
  RUN(big_request_gets_its_own_block);
  RUN(first_request_can_be_big);
  RUN(grow_copies_the_old_contents);
  RUN(vec_push_keeps_every_item);
  RUN(strdup_and_strndup);
  RUN(printf_formats_and_sizes_exactly);
  RUN(strbuf_builds_strings);
  RUN(free_releases_every_block);
  RUN(new_returns_null_when_the_header_cannot_be_had);
  RUN(failing_hook_jumps_to_the_handler);
  RUN(big_request_failure_jumps_too);
  RUN(impossible_size_jumps_even_with_default_hooks);
  RUN(strings_fail_through_the_same_hook);
  return unit_report();
}
