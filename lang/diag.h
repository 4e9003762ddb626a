/* diag.h — diagnostics are data.
 *
 * Every stage reports problems by adding a Diag to a DiagList: a stable code, a severity, a
 * span, a message, notes (each optionally located) and a help line. Nothing in lang/ or
 * runtime/ prints; the CLI renders the list (text, JSON) at the end.
 */
#ifndef JNY_DIAG_H
#define JNY_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "source.h"

typedef enum Severity { SEV_ERROR, SEV_WARNING, SEV_INFO } Severity;

typedef enum DiagCode {
#define X(e, code, sev, title) e,
#include "diag_codes.def"
#undef X
  D__COUNT
} DiagCode;

typedef struct DiagNote {
  bool has_span;
  Span span;
  const char *message;
} DiagNote;

typedef struct Diag {
  DiagCode code;
  Severity severity;
  bool has_span; /* false for whole-file or command-level problems */
  Span span;
  const char *message;
  DiagNote *notes;
  size_t nnotes, capnotes;
  const char *help; /* NULL when there is none */
} Diag;

/* Per-file cap on reported errors: past it, one E0003 is added and further errors of that file
 * are counted but dropped, so a binary file fed by mistake does not print megabytes. */
#define DIAG_MAX_ERRORS_PER_FILE 50

typedef struct DiagList {
  Arena *arena;
  Diag **items;
  size_t len, cap;
  size_t errors, warnings, infos; /* counted even when a diag is dropped by the cap */
  /* per-file error counts for the cap; grown on demand */
  size_t *file_errors;
  size_t nfile_errors;
  Diag dropped; /* what diag_add returns past the cap: notes and help on it are ignored */
} DiagList;

void diag_list_init(DiagList *list, Arena *arena);

/* Add a diagnostic with its code's default severity. Returns a Diag to attach notes and help to;
 * when the per-file cap dropped it, the returned Diag is a scratch one not in the list. */
Diag *diag_add(DiagList *list, DiagCode code, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
Diag *diag_add_sev(DiagList *list, DiagCode code, Severity sev, bool has_span, Span span,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* A diagnostic with no location (e.g. a file that cannot be read). */
Diag *diag_add_global(DiagList *list, DiagCode code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_note(DiagList *list, Diag *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note_plain(DiagList *list, Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_help(DiagList *list, Diag *d, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

const char *diag_code_str(DiagCode code);   /* "E0203" */
const char *diag_code_title(DiagCode code); /* one line, for docs and `jny explain` */
Severity diag_code_severity(DiagCode code);
bool diag_code_lookup(const char *str, DiagCode *out);
const char *diag_severity_str(Severity sev); /* "error", "warning", "info" */

/* Sort by file, then offset, keeping insertion order for ties; used before printing so that
 * output is deterministic whatever order the stages found things in. */
void diag_sort(DiagList *list);

#endif
