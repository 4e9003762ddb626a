/* fuzz_fmt.c — the formatter's round trip on any input that parses without an error (the only
 * input `jny fmt` formats): the formatted text parses without an error, to the same syntax tree
 * (spans aside: ast_dump_file prints everything else) with the same comments in the same
 * order, and formatting it again changes nothing. Plus, as everywhere: no crash, no leak, no
 * undefined behaviour. The tree dump is tests/ast_dump.h, shared with tests/unit/test_fmt.c, which
 * checks the same properties over the repository's files.
 */
#include <stdint.h>
#include <string.h>

#include "fmt.h"
#include "fuzz_common.h"
#include "parse.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include "../ast_dump.h"

typedef struct Parsed {
  const AstFile *ast;
  const Source *src;
  size_t errors;
} Parsed;

static Parsed parse_text(FuzzRun *r, const char *text, size_t len, const char *name) {
  DiagList diags;
  diag_list_init(&diags, r->arena);
  uint32_t f = source_add(&r->sources, name, NULL, text, (uint32_t)len);
  ParseInput in = {r->arena, &diags, &r->sources, f};
  Parsed p = {parse_file(&in), source_get(&r->sources, f), diags.errors};
  return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 20) return -1;
  FuzzRun r;
  fuzz_begin(&r, data, size, "fuzz.jny");
  Parsed in = parse_text(&r, source_get(&r.sources, r.file)->text, size, "in.jny");
  if (in.errors) { /* `jny fmt` formats only a file that parses */
    fuzz_end(&r);
    return 0;
  }
  size_t len1, len2;
  const char *out1 = fmt_file(r.arena, in.src, in.ast, &len1);
  Parsed again = parse_text(&r, out1, len1, "out.jny");
  if (again.errors) fuzz_fail("the formatted text does not parse", out1, len1);
  if (strcmp(ast_dump_file(r.arena, in.ast), ast_dump_file(r.arena, again.ast)) != 0)
    fuzz_fail("the formatted text parses to another tree", out1, len1);
  if (strcmp(ast_dump_comments(r.arena, in.ast, in.src),
             ast_dump_comments(r.arena, again.ast, again.src)))
    fuzz_fail("the formatted text lost, added or reordered a comment", out1, len1);
  const char *out2 = fmt_file(r.arena, again.src, again.ast, &len2);
  if (len1 != len2 || memcmp(out1, out2, len1) != 0)
    fuzz_fail("formatting the formatted text changes it", out2, len2);
  fuzz_end(&r);
  return 0;
}
