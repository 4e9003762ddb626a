/* symtab.c — see symtab.h. Old slot arrays are left in the arena when the table grows: the
 * waste is bounded by the final size, and the arena is the only free. */
#include "symtab.h"

#include <stdint.h>
#include <string.h>

typedef struct SymSlot {
  const char *key; /* NULL: empty */
  uint64_t hash;
  void *value;
} SymSlot;

struct SymTab {
  Arena *arena;
  SymSlot *slots;
  size_t cap; /* a power of two */
  size_t len;
};

static uint64_t hash_key(const char *key) {
  uint64_t h = 0xcbf29ce484222325u;
  for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
    h ^= *p;
    h *= 0x100000001b3u;
  }
  return h;
}

/* The slot holding key, or the empty slot where it would go. */
static SymSlot *find_slot(SymSlot *slots, size_t cap, const char *key, uint64_t hash) {
  size_t i = (size_t)hash & (cap - 1);
  for (;;) {
    SymSlot *s = &slots[i];
    if (!s->key || (s->hash == hash && strcmp(s->key, key) == 0)) return s;
    i = (i + 1) & (cap - 1);
  }
}

static void grow(SymTab *t, size_t ncap) {
  SymSlot *old = t->slots;
  size_t ocap = t->cap;
  t->slots = arena_alloc(t->arena, ncap * sizeof *t->slots);
  t->cap = ncap;
  for (size_t i = 0; i < ocap; i++)
    if (old[i].key) *find_slot(t->slots, ncap, old[i].key, old[i].hash) = old[i];
}

SymTab *symtab_new(Arena *a, size_t expected) {
  SymTab *t = arena_alloc(a, sizeof *t);
  t->arena = a;
  size_t cap = 16;
  while (cap * 7 / 10 < expected) cap *= 2;
  grow(t, cap);
  return t;
}

void *symtab_get(const SymTab *t, const char *key) {
  SymSlot *s = find_slot(t->slots, t->cap, key, hash_key(key));
  return s->key ? s->value : NULL;
}

void *symtab_put(SymTab *t, const char *key, void *value) {
  uint64_t h = hash_key(key);
  SymSlot *s = find_slot(t->slots, t->cap, key, h);
  if (s->key) return s->value;
  if ((t->len + 1) * 10 > t->cap * 7) {
    grow(t, t->cap * 2);
    s = find_slot(t->slots, t->cap, key, h);
  }
  s->key = key;
  s->hash = h;
  s->value = value;
  t->len++;
  return NULL;
}

size_t symtab_len(const SymTab *t) { return t->len; }
