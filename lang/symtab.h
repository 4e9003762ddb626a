/* symtab.h — a string-keyed hash table in an arena.
 *
 * Open addressing with linear probing, FNV-1a hashes, doubled at 70% load; nothing is ever
 * removed. It backs the model's one namespace (id -> Entity *, Model.symbols) and the
 * resolver's indexes, so that every lookup is O(1) and resolving a 100k-touchpoint model stays
 * linear. Keys are not copied: they must live as long as the table (arena strings do).
 */
#ifndef JNY_SYMTAB_H
#define JNY_SYMTAB_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct SymTab SymTab;

/* expected: how many keys to size for (0 is fine). */
SymTab *symtab_new(Arena *a, size_t expected);
/* The value stored for key, or NULL. */
void *symtab_get(const SymTab *t, const char *key);
/* Stores key -> value (value not NULL) unless key is present. Returns the value already
 * stored for key, or NULL when the new pair was added. */
void *symtab_put(SymTab *t, const char *key, void *value);
size_t symtab_len(const SymTab *t);

#endif
