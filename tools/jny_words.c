/* jny_words.c — prints the words the editor plugins highlight, taken from the scanner's, the
 * schema's and the evaluator's own tables, so that a test (editors/test/words.sh) can compare
 * each plugin's lists with the language and they cannot drift apart. Built by the Makefile
 * against the library's objects (LIB_OBJ); not installed, not a jny command.
 *
 * Output: one line per list, `NAME word word …`, words sorted and unique:
 *   decl        declaration keywords (lexer.l LEX_DECL_WORDS)
 *   attr        attribute words of every kind, the common ones and the edge modifiers (schema)
 *   value       the words an attribute accepts as a value (schema SH_WORD: current, high …)
 *   collection  the built-in collections of expressions (touchpoints, pains …)
 *   function    the built-in functions (eval_funcs.c FUNCS: count, reach …)
 * The reserved and clause words are static tables in lexer.l; words.sh reads them there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "lex_state.h"
#include "schema.h"

enum { MAX_WORDS = 512 };

typedef struct WordList {
  const char *items[MAX_WORDS];
  size_t len;
} WordList;

static void list_add(WordList *l, const char *w) {
  if (strcmp(w, "->") == 0) return;
  for (size_t i = 0; i < l->len; i++)
    if (strcmp(l->items[i], w) == 0) return;
  if (l->len == MAX_WORDS) {
    fputs("jny_words: too many words\n", stderr);
    exit(1);
  }
  l->items[l->len++] = w;
}

static int cmp_words(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void list_print(const char *name, WordList *l) {
  qsort(l->items, l->len, sizeof l->items[0], cmp_words);
  printf("%s", name);
  for (size_t i = 0; i < l->len; i++) printf(" %s", l->items[i]);
  printf("\n");
}

static void add_spec(WordList *attrs, WordList *values, const AttrSpec *s) {
  list_add(attrs, s->name);
  if (s->shape == SH_WORD && s->words)
    for (size_t k = 0; s->words[k]; k++) list_add(values, s->words[k]);
}

int main(void) {
  static WordList decls, attrs, values, colls, funcs;
  for (size_t i = 0; LEX_DECL_WORDS[i]; i++) list_add(&decls, LEX_DECL_WORDS[i]);
  for (int k = 0; k < DK__COUNT; k++)
    for (size_t i = 0; i < schema_attr_count((DeclKind)k); i++)
      add_spec(&attrs, &values, schema_attr_at((DeclKind)k, i));
  size_t n;
  const AttrSpec *mods = schema_edge_modifiers(&n);
  for (size_t i = 0; i < n; i++) add_spec(&attrs, &values, &mods[i]);
  const AttrSpec *common = schema_common_attrs(&n);
  for (size_t i = 0; i < n; i++) add_spec(&attrs, &values, &common[i]);
  for (int c = 0; c < COLL__COUNT; c++) list_add(&colls, schema_collection_name((CollectionKind)c));
  for (size_t i = 0; i < func_count(); i++) list_add(&funcs, func_name_at(i));
  list_print("decl", &decls);
  list_print("attr", &attrs);
  list_print("value", &values);
  list_print("collection", &colls);
  list_print("function", &funcs);
  return ferror(stdout) ? 1 : 0;
}
