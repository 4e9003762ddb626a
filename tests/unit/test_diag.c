/* test_diag.c — unit tests for lang/diag.c: diagnostics as data. Building them (notes, help),
 * the per-file error cap and its single E0003, the severity counters, the stable sort that
 * makes output deterministic, and the table of stable codes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "unit.h"

static size_t count_code(const DiagList *list, DiagCode code) {
  size_t n = 0;
  for (size_t i = 0; i < list->len; i++)
    if (list->items[i]->code == code) n++;
  return n;
}

TEST(add_fills_every_field) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  Diag *d = diag_add(&list, D_UNKNOWN_REF, span_make(0, 40, 47), "unknown stage '%s'", "purchse");
  CHECK_EQ_INT(list.len, 1);
  CHECK(list.items[0] == d);
  CHECK_EQ_INT(d->code, D_UNKNOWN_REF);
  CHECK_EQ_INT(d->severity, SEV_ERROR);
  CHECK(d->has_span);
  CHECK_EQ_INT(d->span.start, 40);
  CHECK_EQ_INT(d->span.end, 47);
  CHECK_EQ_STR(d->message, "unknown stage 'purchse'");
  CHECK_EQ_INT(d->nnotes, 0);
  CHECK(d->help == NULL);
  CHECK_EQ_INT(list.errors, 1);
  arena_free(a);
}

TEST(notes_and_help) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  Diag *d = diag_add(&list, D_DUPLICATE, span_make(0, 100, 104), "duplicate id '%s'", "cart");
  diag_note(&list, d, span_make(0, 10, 14), "'%s' is first declared here", "cart");
  diag_note_plain(&list, d, "ids are shared by every kind");
  for (int i = 0; i < 20; i++) diag_note_plain(&list, d, "note %d", i); /* notes grow */
  diag_help(&list, d, "rename one of them, e.g. '%s_2'", "cart");
  CHECK_EQ_INT(d->nnotes, 22);
  CHECK(d->notes[0].has_span);
  CHECK_EQ_INT(d->notes[0].span.start, 10);
  CHECK_EQ_STR(d->notes[0].message, "'cart' is first declared here");
  CHECK(!d->notes[1].has_span);
  CHECK_EQ_STR(d->notes[1].message, "ids are shared by every kind");
  CHECK_EQ_STR(d->notes[21].message, "note 19");
  CHECK_EQ_STR(d->help, "rename one of them, e.g. 'cart_2'");
  diag_help(&list, d, "second help replaces the first");
  CHECK_EQ_STR(d->help, "second help replaces the first");
  arena_free(a);
}

TEST(global_diagnostics_have_no_span) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  Diag *d = diag_add_global(&list, D_IO, "cannot read '%s': %s", "x.jny", "No such file");
  CHECK(!d->has_span);
  CHECK_EQ_INT(d->code, D_IO);
  CHECK_EQ_INT(d->severity, SEV_ERROR);
  CHECK_EQ_STR(d->message, "cannot read 'x.jny': No such file");
  CHECK_EQ_INT(list.errors, 1);
  arena_free(a);
}

TEST(severities_are_counted) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  Span s = span_make(0, 0, 1);
  diag_add(&list, D_SYNTAX, s, "e1");
  diag_add_sev(&list, D_UNKNOWN_ATTR, SEV_WARNING, true, s, "w1");
  diag_add_sev(&list, D_UNKNOWN_ATTR, SEV_WARNING, true, s, "w2");
  diag_add_sev(&list, D_UNKNOWN_ATTR, SEV_INFO, false, s, "i1");
  diag_add_sev(&list, D_UNKNOWN_ATTR, SEV_ERROR, true, s, "e2");
  CHECK_EQ_INT(list.errors, 2);
  CHECK_EQ_INT(list.warnings, 2);
  CHECK_EQ_INT(list.infos, 1);
  CHECK_EQ_INT(list.len, 5);
  CHECK_EQ_INT(list.items[1]->severity, SEV_WARNING);
  CHECK(!list.items[3]->has_span);
  arena_free(a);
}

TEST(cap_per_file_gives_one_too_many) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  for (uint32_t i = 0; i < 200; i++)
    diag_add(&list, D_SYNTAX, span_make(3, i * 10, i * 10 + 1), "e%u", i);
  CHECK_EQ_INT(list.errors, 200); /* counted even when dropped */
  CHECK_EQ_INT(list.len, DIAG_MAX_ERRORS_PER_FILE + 1);
  CHECK_EQ_INT(count_code(&list, D_TOO_MANY), 1);
  Diag *cap = list.items[DIAG_MAX_ERRORS_PER_FILE];
  CHECK_EQ_INT(cap->code, D_TOO_MANY);
  CHECK_EQ_INT(cap->severity, SEV_ERROR);
  CHECK(cap->has_span);
  CHECK_EQ_INT(cap->span.file, 3);
  /* The E0003 points where the first dropped error was. */
  CHECK_EQ_INT(cap->span.start, DIAG_MAX_ERRORS_PER_FILE * 10);
  CHECK_EQ_STR(list.items[DIAG_MAX_ERRORS_PER_FILE - 1]->message, "e49");
  arena_free(a);
}

TEST(cap_leaves_other_files_warnings_and_globals_alone) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  for (uint32_t i = 0; i < 60; i++) diag_add(&list, D_SYNTAX, span_make(0, i, i + 1), "a%u", i);
  for (uint32_t i = 0; i < 10; i++) diag_add(&list, D_SYNTAX, span_make(1, i, i + 1), "b%u", i);
  for (uint32_t i = 0; i < 80; i++)
    diag_add_sev(&list, D_UNKNOWN_ATTR, SEV_WARNING, true, span_make(0, i, i + 1), "w%u", i);
  for (uint32_t i = 0; i < 60; i++) diag_add_global(&list, D_IO, "g%u", i);
  CHECK_EQ_INT(list.len, 51 + 10 + 80 + 60);
  CHECK_EQ_INT(count_code(&list, D_TOO_MANY), 1);
  CHECK_EQ_INT(list.errors, 60 + 10 + 60);
  CHECK_EQ_INT(list.warnings, 80);
  arena_free(a);
}

TEST(dropped_diagnostic_accepts_notes_harmlessly) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  Diag *last = NULL;
  for (uint32_t i = 0; i < 52; i++) last = diag_add(&list, D_SYNTAX, span_make(0, i, i + 1), "e");
  CHECK(last != NULL);
  diag_note(&list, last, span_make(0, 0, 1), "a note on a dropped diagnostic");
  diag_help(&list, last, "and help");
  for (size_t i = 0; i < list.len; i++) CHECK_EQ_INT(list.items[i]->nnotes, 0);
  for (size_t i = 0; i < list.len; i++) CHECK(list.items[i]->help == NULL);
  arena_free(a);
}

TEST(sort_orders_by_file_then_offset_globals_first) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  diag_add(&list, D_SYNTAX, span_make(1, 50, 51), "f1@50");
  diag_add(&list, D_SYNTAX, span_make(0, 90, 91), "f0@90");
  diag_add_global(&list, D_IO, "g1");
  diag_add(&list, D_SYNTAX, span_make(0, 10, 11), "f0@10");
  diag_add(&list, D_UNKNOWN_REF, span_make(0, 10, 30), "f0@10 second");
  diag_add(&list, D_SYNTAX, span_make(1, 5, 6), "f1@5");
  diag_add_global(&list, D_IO, "g2");
  diag_add(&list, D_DUPLICATE, span_make(0, 10, 12), "f0@10 third");
  diag_sort(&list);
  const char *want[] = {"g1",          "g2",    "f0@10", "f0@10 second",
                        "f0@10 third", "f0@90", "f1@5",  "f1@50"};
  CHECK_EQ_INT(list.len, 8);
  for (size_t i = 0; i < 8 && i < list.len; i++) CHECK_EQ_STR(list.items[i]->message, want[i]);
  arena_free(a);
}

TEST(sort_of_empty_and_single_lists) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  diag_sort(&list);
  CHECK_EQ_INT(list.len, 0);
  diag_add(&list, D_SYNTAX, span_make(0, 1, 2), "only");
  diag_sort(&list);
  CHECK_EQ_STR(list.items[0]->message, "only");
  arena_free(a);
}

/* Many diagnostics with colliding keys: sorted by key and, within a key, in insertion order.
 * Warnings, so that the per-file error cap keeps them all. */
TEST(sort_is_stable_on_a_large_list) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  enum { N = 5000 };
  uint32_t seed = 12345;
  for (uint32_t i = 0; i < N; i++) {
    seed = seed * 1103515245u + 12345u; /* a fixed LCG: the same list every run */
    uint32_t file = (seed >> 16) % 4, start = (seed >> 8) % 97;
    if (i % 501 == 0)
      diag_add_sev(&list, D_IO, SEV_WARNING, false, span_make(0, 0, 0), "%u", i);
    else
      diag_add_sev(&list, D_SYNTAX, SEV_WARNING, true, span_make(file, start, start + 1), "%u", i);
  }
  diag_sort(&list);
  CHECK_EQ_INT(list.len, N);
  int ordered = 1, stable = 1, globals_first = 1;
  for (size_t k = 1; k < list.len; k++) {
    const Diag *p = list.items[k - 1], *d = list.items[k];
    if (p->has_span && !d->has_span) globals_first = 0;
    int same_key =
        p->has_span == d->has_span &&
        (!d->has_span || (p->span.file == d->span.file && p->span.start == d->span.start));
    if (p->has_span && d->has_span &&
        (p->span.file > d->span.file ||
         (p->span.file == d->span.file && p->span.start > d->span.start)))
      ordered = 0;
    if (same_key && strtoul(p->message, NULL, 10) > strtoul(d->message, NULL, 10)) stable = 0;
  }
  CHECK(globals_first);
  CHECK(ordered);
  CHECK(stable);
  /* Every diagnostic is still there exactly once. */
  unsigned char *seen = arena_alloc(a, N);
  int complete = 1;
  for (size_t k = 0; k < list.len; k++) {
    unsigned long i = strtoul(list.items[k]->message, NULL, 10);
    if (i >= N || seen[i]++) complete = 0;
  }
  CHECK(complete);
  arena_free(a);
}

TEST(sorted_list_can_still_grow) {
  Arena *a = arena_new(NULL);
  DiagList list;
  diag_list_init(&list, a);
  for (uint32_t i = 0; i < 17; i++)
    diag_add(&list, D_SYNTAX, span_make(0, 100 - i, 101 - i), "%u", i);
  diag_sort(&list);
  for (uint32_t i = 0; i < 40; i++) diag_add(&list, D_SYNTAX, span_make(1, i, i + 1), "x%u", i);
  CHECK_EQ_INT(list.len, 57);
  CHECK_EQ_STR(list.items[0]->message, "16");
  CHECK_EQ_STR(list.items[56]->message, "x39");
  arena_free(a);
}

TEST(code_table) {
  CHECK_EQ_STR(diag_code_str(D_UNKNOWN_REF), "E0203");
  CHECK_EQ_STR(diag_code_str(D_IO), "E0001");
  CHECK_EQ_STR(diag_code_str(D_TOO_MANY), "E0003");
  CHECK_EQ_STR(diag_code_str(D_MODULE_TOO_DEEP), "E0403");
  CHECK_EQ_STR(diag_code_title(D_UNKNOWN_REF), "unknown reference");
  CHECK_EQ_INT(diag_code_severity(D_SYNTAX), SEV_ERROR);
  CHECK_EQ_STR(diag_code_str(D__COUNT), "E????");
  CHECK_EQ_STR(diag_code_title(D__COUNT), "");
  DiagCode c = D_IO;
  CHECK(diag_code_lookup("E0203", &c));
  CHECK_EQ_INT(c, D_UNKNOWN_REF);
  CHECK(diag_code_lookup("E0403", &c));
  CHECK_EQ_INT(c, D_MODULE_TOO_DEEP);
  c = D_IO;
  CHECK(!diag_code_lookup("E9999", &c));
  CHECK(!diag_code_lookup("e0203", &c));
  CHECK(!diag_code_lookup("", &c));
  CHECK_EQ_INT(c, D_IO); /* untouched when not found */
  CHECK_EQ_STR(diag_severity_str(SEV_ERROR), "error");
  CHECK_EQ_STR(diag_severity_str(SEV_WARNING), "warning");
  CHECK_EQ_STR(diag_severity_str(SEV_INFO), "info");
}

/* Codes are stable identifiers: each well formed, unique, with a title, and found by lookup. */
TEST(every_code_round_trips) {
  int well_formed = 1, unique = 1, titled = 1, found = 1;
  for (int i = 0; i < D__COUNT; i++) {
    const char *s = diag_code_str((DiagCode)i);
    if (strlen(s) != 5 || s[0] != 'E' || strspn(s + 1, "0123456789") != 4) well_formed = 0;
    if (!*diag_code_title((DiagCode)i)) titled = 0;
    for (int j = 0; j < i; j++)
      if (strcmp(s, diag_code_str((DiagCode)j)) == 0) unique = 0;
    DiagCode back;
    if (!diag_code_lookup(s, &back) || back != (DiagCode)i) found = 0;
  }
  CHECK(well_formed);
  CHECK(unique);
  CHECK(titled);
  CHECK(found);
}

int main(void) {
  RUN(add_fills_every_field);
  RUN(notes_and_help);
  RUN(global_diagnostics_have_no_span);
  RUN(severities_are_counted);
  RUN(cap_per_file_gives_one_too_many);
  RUN(cap_leaves_other_files_warnings_and_globals_alone);
  RUN(dropped_diagnostic_accepts_notes_harmlessly);
  RUN(sort_orders_by_file_then_offset_globals_first);
  RUN(sort_of_empty_and_single_lists);
  RUN(sort_is_stable_on_a_large_list);
  RUN(sorted_list_can_still_grow);
  RUN(code_table);
  RUN(every_code_round_trips);
  return unit_report();
}
