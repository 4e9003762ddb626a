/* fuzz_common.h — what the libFuzzer harnesses of tests/fuzz/ share: one run's arena, sources
 * and diagnostics over the fuzzed bytes, and the properties every output must have whatever the
 * input (checked, not assumed: a violation aborts, and libFuzzer keeps the input).
 *
 * The harnesses are built by `make fuzz-build` with clang, -fsanitize=fuzzer,address,undefined,
 * against the same objects as jny (docs/hardening.md). Each run frees everything it allocated,
 * so LeakSanitizer reports any leak as a finding.
 */
#ifndef JNY_FUZZ_COMMON_H
#define JNY_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "source.h"

/* A relative `use` of a fuzzed file is looked for in this folder, which does not exist, so that
 * a fuzzed input never reads the machine's files. */
#define FUZZ_DIR "/nonexistent-jny-fuzz"

typedef struct FuzzRun {
  Arena *arena;
  SourceSet sources;
  DiagList diags;
  uint32_t file; /* the fuzzed input as a source */
} FuzzRun;

/* An arena whose large blocks are reused from run to run (fuzz_common.c says why). */
Arena *fuzz_arena(void);

/* A fresh arena, and the input (copied, NUL-terminated) as the source FUZZ_DIR/NAME. */
void fuzz_begin(FuzzRun *r, const uint8_t *data, size_t size, const char *name);
void fuzz_end(FuzzRun *r);

/* Prints "jny fuzz: property broken: WHAT" with the offending text and aborts. */
_Noreturn void fuzz_fail(const char *what, const char *text, size_t len);

/* Every diagnostic has a span inside its source (start <= end <= length). */
void fuzz_check_spans(const FuzzRun *r);

/* Text meant for a terminal: valid UTF-8 and no character that moves the cursor, changes
 * colours or reorders text (C0 controls but tab and newline, DEL, C1 controls, bidi controls,
 * line separators): what diag_escape promises. */
void fuzz_check_terminal(const char *text, size_t len, const char *what);

/* How many diagnostics of a run fuzz_render_diags prints. */
#define FUZZ_DIAGS_SHOWN 4

/* The diagnostics as text (checked with fuzz_check_terminal), in colour, as JSON and, with
 * `sarif`, as SARIF, exactly as the CLI would print them. SARIF lists every code of jny as a rule
 * whatever the input, which costs more than parsing a small input: only fuzz_resolve asks. */
void fuzz_render_diags(FuzzRun *r, bool sarif);

/* Whether every `use "path"` of the file stays inside FUZZ_DIR: no absolute path and no `..`,
 * which could reach /dev/zero or a FIFO. The resolver harness skips other inputs. */
bool fuzz_uses_are_local(const AstFile *ast);

#endif
