/* diag_render.h — diagnostics as text (gcc-style first line, source excerpt, caret, optional
 * colour), as JSON and as SARIF (jansson; diag_json.c), for the CLI to print.
 *
 * Nothing here writes to a stream: text goes into a StrBuf and JSON into a jansson tree the
 * caller owns, so the CLI decides where output goes and checks the writes. User text (source
 * lines, messages, file names) never reaches the terminal raw: control characters, invalid
 * UTF-8 and bidirectional overrides are shown as visible escapes.
 */
#ifndef JNY_DIAG_RENDER_H
#define JNY_DIAG_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "source.h"
#include "strbuf.h"

struct json_t; /* jansson's; only diag_render.c and the CLI include <jansson.h> */

/* The version of the JSON layout; bumped only when a field changes meaning or disappears. */
#define DIAG_JSON_VERSION 1

/* A source line wider than this many columns is shown as a window around the span, with "..."
 * at the cut ends: a minified or binary "line" of megabytes must not flood the terminal. */
#define DIAG_RENDER_MAX_LINE 160

typedef struct DiagRenderOptions {
  bool color; /* ANSI colour and bold */
} DiagRenderOptions;

/* One diagnostic: first line, source excerpt with caret, notes, help. Ends with a newline. */
void diag_render_text(StrBuf *out, const SourceSet *sources, const Diag *d,
                      const DiagRenderOptions *opt);

/* "2 errors, 3 warnings in 4 files" or "no problems in 1 file", with a newline. */
void diag_render_summary(StrBuf *out, const DiagList *list, size_t nfiles,
                         const DiagRenderOptions *opt);

/* Fills the empty JSON object `root` with {"version", "diagnostics", "summary"}.
 * Children are attached to root before they are filled, so if `scratch` runs out of memory and
 * jumps away, everything allocated so far is still reachable from root for the caller to free.
 * Returns false when jansson itself could not allocate. */
bool diag_render_json(struct json_t *root, Arena *scratch, const SourceSet *sources,
                      const DiagList *list, size_t nfiles);

/* The same as SARIF 2.1.0 (one run; every code a rule, indexed like DiagCode; columns in code
 * points; a note a related location). `version` is jny's. */
bool diag_render_sarif(struct json_t *root, Arena *scratch, const SourceSet *sources,
                       const DiagList *list, const char *version);

/* Where a span is, ready for printing: the file's name, 1-based line and column (code points)
 * of its start and of its end (exclusive), and its byte offsets clamped into the source. False
 * without a span or a source. */
typedef struct DiagPlace {
  const char *file;
  uint32_t line, col, end_line, end_col;
  uint32_t start, end;
} DiagPlace;
bool diag_place(const SourceSet *sources, bool has_span, Span span, DiagPlace *out);

/* Appends s[0..n) with every character that could move the cursor, change colours or reorder
 * text (C0/C1 controls but tab, DEL, bidi controls, line separators) or that is not valid UTF-8
 * written as a visible escape (\x1b, \u{202e}). */
void diag_escape(StrBuf *out, const char *s, size_t n);

/* Appends s[0..n) as valid UTF-8: each invalid byte becomes U+FFFD. For JSON strings. */
void diag_valid_utf8(StrBuf *out, const char *s, size_t n);

#endif
