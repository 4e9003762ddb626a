/* suggest.c — see suggest.h. One dynamic programme per candidate, three rows long, cut short
 * as soon as a whole row is past the limit: most candidates are rejected after a few letters,
 * which keeps a suggestion over 100k ids cheap. */
#include "suggest.h"

#include <string.h>

static unsigned char fold(char c) {
  return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static size_t min2(size_t a, size_t b) { return a < b ? a : b; }

/* Distance between w (n letters) and c (m letters), or limit + 1 once it must exceed limit. */
static size_t osa_distance(const char *w, size_t n, const char *c, size_t m, size_t limit,
                           size_t *rows) {
  size_t *prev2 = rows, *prev = rows + n + 1, *cur = rows + 2 * (n + 1);
  for (size_t j = 0; j <= n; j++) prev[j] = j;
  for (size_t i = 1; i <= m; i++) {
    cur[0] = i;
    size_t row_min = i;
    for (size_t j = 1; j <= n; j++) {
      size_t cost = fold(c[i - 1]) != fold(w[j - 1]);
      size_t d = min2(min2(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
      if (i > 1 && j > 1 && fold(c[i - 1]) == fold(w[j - 2]) && fold(c[i - 2]) == fold(w[j - 1]))
        d = min2(d, prev2[j - 2] + 1);
      cur[j] = d;
      row_min = min2(row_min, d);
    }
    if (row_min > limit) return limit + 1;
    size_t *t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

void suggest_init(Suggest *s, Arena *a, const char *word) {
  memset(s, 0, sizeof *s);
  s->word = word ? word : "";
  s->len = strlen(s->word);
  if (s->len == 0 || s->len > SUGGEST_MAX_LEN) return;
  s->limit = (s->len < 3 ? 3 : s->len) / 3;
  s->best_dist = s->limit + 1;
  s->rows = arena_alloc(a, 3 * (s->len + 1) * sizeof *s->rows);
}

void suggest_offer(Suggest *s, const char *candidate, const void *data) {
  if (!s->limit || !candidate) return;
  size_t m = strlen(candidate);
  size_t gap = m > s->len ? m - s->len : s->len - m;
  if (gap > s->limit || gap >= s->best_dist) return; /* the length gap alone is too far */
  if (strcmp(candidate, s->word) == 0) return;
  size_t d = osa_distance(s->word, s->len, candidate, m, s->best_dist - 1, s->rows);
  if (d >= s->best_dist || d >= s->len) return; /* never a whole-word replacement */
  s->best_dist = d;
  s->best = candidate;
  s->best_data = data;
}

const char *suggest_best(const Suggest *s) { return s->best; }
const void *suggest_best_data(const Suggest *s) { return s->best_data; }

size_t suggest_distance(Arena *a, const char *x, const char *y) {
  size_t n = strlen(x), m = strlen(y);
  size_t *rows = arena_alloc(a, 3 * (n + 1) * sizeof *rows);
  return osa_distance(x, n, y, m, n + m, rows);
}
