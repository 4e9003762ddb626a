/* query_adhoc.c — the text of an ad-hoc query, made ready for parse_clauses.
 *
 * In a block, clause words are keywords only at the start of a statement, so a one-line query
 * (`from t in touchpoints where t.emotion < 0 select t.name`) would need `;` between its
 * clauses. On the command line people write it on one line, so the clause words that start a
 * clause get the `;` here. A clause word starts a clause unless it is inside brackets or a
 * string, follows `.` (a field: `f.from`) or `as` (an alias: `as order`), or is the `where` of
 * a quantifier (`any p in t.pains where p.severity > 3: …`). The space before the word becomes
 * the `;`, so every byte keeps its line and column for the diagnostics.
 */
#include <string.h>

#include "query.h"

static bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_word_char(char c) { return is_word_start(c) || (c >= '0' && c <= '9'); }

bool query_is_name(const char *arg) {
  if (!is_word_start(arg[0])) return false;
  for (const char *p = arg; *p; p++)
    if (!is_word_char(*p)) return false;
  return true;
}

static bool word_is(const char *s, size_t n, const char *word) {
  return strlen(word) == n && memcmp(s, word, n) == 0;
}

static bool is_clause_word(const char *s, size_t n) {
  static const char *const WORDS[] = {"from", "where", "group", "select", "order", "limit"};
  for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++)
    if (word_is(s, n, WORDS[i])) return true;
  return false;
}

/* The index just past a string, comment or number starting at i (i itself when none starts). */
static size_t skip_opaque(const char *t, size_t len, size_t i) {
  if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
    while (i < len && t[i] != '\n') i++;
    return i;
  }
  if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
    const char *end = strstr(t + i + 2, "*/");
    return end ? (size_t)(end - t) + 2 : len;
  }
  if (t[i] == '"' && i + 2 < len && t[i + 1] == '"' && t[i + 2] == '"') {
    const char *end = strstr(t + i + 3, "\"\"\"");
    return end ? (size_t)(end - t) + 3 : len;
  }
  if (t[i] == '"') {
    for (i++; i < len && t[i] != '"' && t[i] != '\n'; i++)
      if (t[i] == '\\' && i + 1 < len) i++;
    return i < len && t[i] == '"' ? i + 1 : i;
  }
  if (t[i] >= '0' && t[i] <= '9') { /* 42, 3.5, 35%, 2min, 2027-01-31 */
    while (i < len && (is_word_char(t[i]) || t[i] == '.' || t[i] == '-' || t[i] == '%')) i++;
    return i;
  }
  return i;
}

typedef struct Scan {
  int depth;       /* ( [ { nesting */
  int quantifiers; /* `all`/`any` at depth 0 still waiting for their `:` */
  char last;       /* the last character of the previous token; 0 at the start */
  bool newline;    /* a newline since the previous token */
  bool after_as;   /* the previous token was `as` */
} Scan;

static void scan_word(char *out, const char *t, size_t start, size_t n, Scan *s) {
  const char *w = t + start;
  if (s->depth == 0 && (word_is(w, n, "all") || word_is(w, n, "any"))) s->quantifiers++;
  bool starts = s->depth == 0 && is_clause_word(w, n) && s->last != '.' && !s->after_as &&
                !(word_is(w, n, "where") && s->quantifiers > 0);
  if (starts) {
    s->quantifiers = 0;
    /* At the start, after `;` or after a newline the clause already starts a statement. */
    if (s->last != 0 && s->last != ';' && !s->newline && start > 0 &&
        (t[start - 1] == ' ' || t[start - 1] == '\t'))
      out[start - 1] = ';';
  }
  s->after_as = word_is(w, n, "as");
}

char *query_adhoc_separate(Arena *a, const char *text, size_t len) {
  char *out = arena_strndup(a, text, len);
  Scan s = {0, 0, 0, false, false};
  size_t i = 0;
  while (i < len) {
    char c = text[i];
    size_t past = skip_opaque(text, len, i);
    if (past > i) {
      bool comment = c == '/';
      if (!comment) {
        s.last = text[past - 1];
        s.newline = s.after_as = false;
      } else if (text[i + 1] == '/')
        s.newline = true; /* a line comment runs to the newline */
      i = past;
      continue;
    }
    if (c == '\n') s.newline = true;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      i++;
      continue;
    }
    if (is_word_start(c)) {
      size_t start = i;
      while (i < len && is_word_char(text[i])) i++;
      scan_word(out, text, start, i - start, &s);
      s.last = text[i - 1];
      s.newline = false;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') s.depth++;
    if ((c == ')' || c == ']' || c == '}') && s.depth > 0) s.depth--;
    if (c == ':' && s.depth == 0 && s.quantifiers > 0) s.quantifiers--;
    s.last = c;
    s.newline = s.after_as = false;
    i++;
  }
  return out;
}
