/* fuzz_parse.c — the scanner and the parser on any bytes, as `jny check` and `jny fmt` read a
 * file (parse_file), and the diagnostics printed from what they report. Whatever the input: no
 * crash, no leak, no undefined behaviour, every diagnostic's span inside the source, and the
 * diagnostics printable on a terminal without a raw control character (fuzz_common.c) and as
 * JSON. The parser's other modes are fuzzed where they are used: clause lines of an ad-hoc
 * query by fuzz_eval.c, the `{…}` expressions of a message by fuzz_resolve.c.
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 20) return -1; /* the limits have their own tests; keep runs fast */
  FuzzRun r;
  fuzz_begin(&r, data, size, "fuzz.jny");
  ParseInput in = {r.arena, &r.diags, &r.sources, r.file};
  if (!parse_file(&in)) fuzz_fail("parse_file returned NULL", NULL, 0);
  fuzz_check_spans(&r);
  fuzz_render_diags(&r, false);
  fuzz_end(&r);
  return 0;
}
