/* unit.h — the tiny header-only framework behind tests/unit/test_*.c.
 *
 * One test program per pipeline stage includes this once. A test is a function declared with
 * TEST(name) and run from main() with RUN(name); CHECK* macros record a failure with its
 * file:line and let the test go on, so one run shows every broken expectation. main() ends with
 * `return unit_report();`, which prints the last line tests/run.sh reads, `N passed, N failed`
 * (counting tests, not checks), and returns the exit code.
 *
 * The counters are static to the one test program that includes this header; nothing here is
 * shared between programs.
 */
#ifndef JNY_UNIT_H
#define JNY_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int unit_passed_;
static int unit_failed_;
static int unit_checks_failed_; /* failed checks in the current test */
static const char *unit_current_;

#define TEST(name) static void test_##name(void)

#define RUN(name) unit_run_(#name, test_##name)

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) unit_fail_(__FILE__, __LINE__, "CHECK(%s)", #cond);                               \
  } while (0)

/* Both sides are evaluated once, as long long, and printed on failure. */
#define CHECK_EQ_INT(actual, expected)                                                             \
  do {                                                                                             \
    long long unit_a_ = (long long)(actual), unit_e_ = (long long)(expected);                      \
    if (unit_a_ != unit_e_)                                                                        \
      unit_fail_(__FILE__, __LINE__, "%s == %s: got %lld, expected %lld", #actual, #expected,      \
                 unit_a_, unit_e_);                                                                \
  } while (0)

/* NULL is allowed on either side and equals only NULL. */
#define CHECK_EQ_STR(actual, expected)                                                             \
  do {                                                                                             \
    const char *unit_a_ = (actual), *unit_e_ = (expected);                                         \
    if (!unit_str_eq_(unit_a_, unit_e_))                                                           \
      unit_fail_(__FILE__, __LINE__, "%s == %s: got %s%s%s, expected %s%s%s", #actual, #expected,  \
                 unit_a_ ? "\"" : "", unit_a_ ? unit_a_ : "NULL", unit_a_ ? "\"" : "",             \
                 unit_e_ ? "\"" : "", unit_e_ ? unit_e_ : "NULL", unit_e_ ? "\"" : "");            \
  } while (0)

static inline int unit_str_eq_(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return strcmp(a, b) == 0;
}

static inline void unit_fail_(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void unit_fail_(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("FAIL %s: %s:%d: ", unit_current_ ? unit_current_ : "?", file, line);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  fflush(stdout);
  unit_checks_failed_++;
}

static inline void unit_run_(const char *name, void (*fn)(void)) {
  unit_current_ = name;
  unit_checks_failed_ = 0;
  fn();
  if (unit_checks_failed_)
    unit_failed_++;
  else
    unit_passed_++;
  unit_current_ = NULL;
}

static inline int unit_report(void) {
  printf("%d passed, %d failed\n", unit_passed_, unit_failed_);
  fflush(stdout);
  return unit_failed_ ? 1 : 0;
}

#endif
