/* suggest.h — "did you mean …?": the closest of a set of names to a misspelt one.
 *
 * Distance is optimal-string-alignment Damerau–Levenshtein (insert, delete, substitute, swap
 * two neighbours), compared without regard to ASCII case. A candidate is offered only within
 * max(len, 3) / 3 edits of the word (the threshold rustc uses) and never when every letter
 * would change; ties go to the candidate offered first, so callers offer in declaration order
 * and suggestions are deterministic.
 */
#ifndef JNY_SUGGEST_H
#define JNY_SUGGEST_H

#include <stddef.h>

#include "arena.h"

/* Names longer than this get no suggestion: nobody mistypes a 200-letter id, and it bounds the
 * work per candidate. */
#define SUGGEST_MAX_LEN 128

typedef struct Suggest {
  const char *word;
  size_t len;
  size_t limit; /* largest distance worth suggesting; 0: suggest nothing */
  size_t best_dist;
  const char *best;
  const void *best_data;
  size_t *rows; /* three rows of len + 1 for the dynamic programme */
} Suggest;

void suggest_init(Suggest *s, Arena *a, const char *word);
/* Considers one candidate; data is handed back by suggest_best_data. */
void suggest_offer(Suggest *s, const char *candidate, const void *data);
const char *suggest_best(const Suggest *s); /* NULL when nothing was close enough */
const void *suggest_best_data(const Suggest *s);
/* The plain distance between two names (for tests and tools). */
size_t suggest_distance(Arena *a, const char *x, const char *y);

#endif
