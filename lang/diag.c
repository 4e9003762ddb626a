/* diag.c — building the diagnostic list (see diag.h). */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

static const struct {
  const char *code;
  Severity sev;
  const char *title;
} CODES[] = {
#define X(e, code, sev, title) {code, sev, title},
#include "diag_codes.def"
#undef X
};

void diag_list_init(DiagList *list, Arena *arena) {
  memset(list, 0, sizeof *list);
  list->arena = arena;
}

const char *diag_code_str(DiagCode code) { return code < D__COUNT ? CODES[code].code : "E????"; }
const char *diag_code_title(DiagCode code) { return code < D__COUNT ? CODES[code].title : ""; }
Severity diag_code_severity(DiagCode code) { return code < D__COUNT ? CODES[code].sev : SEV_ERROR; }

bool diag_code_lookup(const char *str, DiagCode *out) {
  for (size_t i = 0; i < D__COUNT; i++)
    if (strcmp(CODES[i].code, str) == 0) {
      *out = (DiagCode)i;
      return true;
    }
  return false;
}

const char *diag_severity_str(Severity sev) {
  switch (sev) {
  case SEV_ERROR: return "error";
  case SEV_WARNING: return "warning";
  case SEV_INFO: return "info";
  }
  return "error";
}

/* Returns true when the diagnostic should be kept, false when the per-file cap drops it. */
static bool count_and_cap(DiagList *list, Severity sev, bool has_span, Span span) {
  if (sev == SEV_WARNING) list->warnings++;
  if (sev == SEV_INFO) list->infos++;
  if (sev != SEV_ERROR) return true;
  list->errors++;
  if (!has_span) return true;
  if (span.file >= list->nfile_errors) {
    size_t n = span.file + 8;
    list->file_errors = arena_grow(list->arena, list->file_errors,
                                   list->nfile_errors * sizeof(size_t), n * sizeof(size_t));
    list->nfile_errors = n;
  }
  size_t k = ++list->file_errors[span.file];
  return k <= DIAG_MAX_ERRORS_PER_FILE;
}

static void push(DiagList *list, Diag *d) {
  if (list->len == list->cap) {
    size_t ncap = list->cap ? list->cap * 2 : 16;
    list->items = arena_grow(list->arena, list->items, list->cap * sizeof *list->items,
                             ncap * sizeof *list->items);
    list->cap = ncap;
  }
  list->items[list->len++] = d;
}

static Diag *vadd(DiagList *list, DiagCode code, Severity sev, bool has_span, Span span,
                  const char *fmt, va_list ap) {
  if (!count_and_cap(list, sev, has_span, span)) {
    /* Past the cap nothing is formatted or kept: a binary file fed by mistake must cost no
     * more than the first 50 errors. */
    if (list->file_errors[span.file] == DIAG_MAX_ERRORS_PER_FILE + 1) {
      Diag *cap = arena_alloc(list->arena, sizeof *cap);
      cap->code = D_TOO_MANY;
      cap->severity = SEV_ERROR;
      cap->has_span = true;
      cap->span = span;
      cap->message =
          arena_printf(list->arena, "more than %d errors in this file; the rest are not shown",
                       DIAG_MAX_ERRORS_PER_FILE);
      push(list, cap);
    }
    return &list->dropped;
  }
  Diag *d = arena_alloc(list->arena, sizeof *d);
  d->code = code;
  d->severity = sev;
  d->has_span = has_span;
  d->span = span;
  d->message = arena_vprintf(list->arena, fmt, ap);
  push(list, d);
  return d;
}

Diag *diag_add_sev(DiagList *list, DiagCode code, Severity sev, bool has_span, Span span,
                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Diag *d = vadd(list, code, sev, has_span, span, fmt, ap);
  va_end(ap);
  return d;
}

Diag *diag_add(DiagList *list, DiagCode code, Span span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Diag *d = vadd(list, code, diag_code_severity(code), true, span, fmt, ap);
  va_end(ap);
  return d;
}

Diag *diag_add_global(DiagList *list, DiagCode code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Diag *d = vadd(list, code, diag_code_severity(code), false, span_make(0, 0, 0), fmt, ap);
  va_end(ap);
  return d;
}

static void add_note(DiagList *list, Diag *d, bool has_span, Span span, const char *fmt,
                     va_list ap) {
  if (d == &list->dropped) return;
  if (d->nnotes == d->capnotes) {
    size_t ncap = d->capnotes ? d->capnotes * 2 : 2;
    d->notes =
        arena_grow(list->arena, d->notes, d->capnotes * sizeof *d->notes, ncap * sizeof *d->notes);
    d->capnotes = ncap;
  }
  DiagNote *n = &d->notes[d->nnotes++];
  n->has_span = has_span;
  n->span = span;
  n->message = arena_vprintf(list->arena, fmt, ap);
}

void diag_note(DiagList *list, Diag *d, Span span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_note(list, d, true, span, fmt, ap);
  va_end(ap);
}

void diag_note_plain(DiagList *list, Diag *d, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_note(list, d, false, span_make(0, 0, 0), fmt, ap);
  va_end(ap);
}

void diag_help(DiagList *list, Diag *d, const char *fmt, ...) {
  if (d == &list->dropped) return;
  va_list ap;
  va_start(ap, fmt);
  d->help = arena_vprintf(list->arena, fmt, ap);
  va_end(ap);
}

/* The order diagnostics are shown in: located ones by file, then offset; global ones (no span)
 * before all of them. Returns true only when a must come strictly before b. */
static bool diag_before(const Diag *a, const Diag *b) {
  if (a->has_span != b->has_span) return !a->has_span;
  if (!a->has_span) return false;
  if (a->span.file != b->span.file) return a->span.file < b->span.file;
  return a->span.start < b->span.start;
}

/* Merges the sorted runs src[lo, mid) and src[mid, hi) into dst[lo, hi). Taking from the right
 * run only when it is strictly before keeps equal diagnostics in insertion order. */
static void merge_runs(Diag **src, Diag **dst, size_t lo, size_t mid, size_t hi) {
  size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) dst[k++] = diag_before(src[j], src[i]) ? src[j++] : src[i++];
  while (i < mid) dst[k++] = src[i++];
  while (j < hi) dst[k++] = src[j++];
}

/* Stable bottom-up merge sort with one scratch array from the arena. The per-file cap bounds
 * errors but not warnings, so a list can hold thousands of diagnostics: O(n log n), not O(n²). */
void diag_sort(DiagList *list) {
  size_t n = list->len;
  if (n < 2) return;
  Diag **src = list->items;
  Diag **dst = arena_alloc(list->arena, n * sizeof *dst);
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n;
      size_t hi = mid + width < n ? mid + width : n;
      merge_runs(src, dst, lo, mid, hi);
    }
    Diag **t = src;
    src = dst;
    dst = t;
  }
  /* The result may sit in the scratch array; items keeps its own block and capacity. */
  if (src != list->items) memcpy(list->items, src, n * sizeof *src);
}
