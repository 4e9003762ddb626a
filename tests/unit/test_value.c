/* test_value.c — values as they print and compare (runtime/data/value.c): the text of messages and
 * query cells, and the order `order`, min and max use. */
#include <string.h>

#include "parse.h"
#include "unit.h"
#include "value.h"

static const char *show(Arena *a, Value v) { return value_to_text(a, &v); }

static Date day(int y, int m, int d) {
  Date out = {0};
  date_from_ymd(y, m, d, &out);
  return out;
}

TEST(numbers_print_short) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(show(a, value_number(42)), "42");
  CHECK_EQ_STR(show(a, value_number(3.5)), "3.5");
  CHECK_EQ_STR(show(a, value_number(-0.0)), "0");
  CHECK_EQ_STR(show(a, value_number(1.0 / 3)), "0.333333");
  CHECK_EQ_STR(show(a, value_percent(0.35)), "35%");
  CHECK_EQ_STR(show(a, value_percent(2.0 / 3)), "66.6667%");
  arena_free(a);
}

TEST(other_kinds_print) {
  Arena *a = arena_new(NULL);
  CHECK_EQ_STR(show(a, value_none()), "");
  CHECK_EQ_STR(show(a, value_bool(true)), "true");
  CHECK_EQ_STR(show(a, value_date(day(2027, 1, 31))), "2027-01-31");
  CHECK_EQ_STR(show(a, value_duration(5400)), "90min");
  CHECK_EQ_STR(show(a, value_duration(7200)), "2h");
  CHECK_EQ_STR(show(a, value_duration(3 * 86400)), "3d");
  CHECK_EQ_STR(show(a, value_duration(1209600)), "2w");
  CHECK_EQ_STR(show(a, value_duration(90)), "90s");
  CHECK_EQ_STR(show(a, value_duration(0)), "0s");
  Value items[] = {value_number(1), value_cstr("two"), value_none()};
  CHECK_EQ_STR(show(a, value_list(items, 3)), "1, two, ");
  arena_free(a);
}

TEST(equality) {
  Value one = value_number(1), pct = value_percent(1);
  CHECK(value_equal(&one, &pct)); /* a percent is the number it is */
  Value t1 = value_cstr("a"), t2 = value_text("ab", 1), none = value_none();
  CHECK(value_equal(&t1, &t2));
  CHECK(!value_equal(&one, &t1));
  CHECK(value_equal(&none, &none));
  CHECK(!value_equal(&none, &one));
  Value l1[] = {value_number(1), value_number(2)}, l2[] = {value_number(1), value_number(2)};
  Value a = value_list(l1, 2), b = value_list(l2, 2), c = value_list(l2, 1);
  CHECK(value_equal(&a, &b));
  CHECK(!value_equal(&a, &c));
}

TEST(order) {
  Value none = value_none(), n1 = value_number(1), n2 = value_number(2);
  Value ta = value_cstr("a"), tb = value_cstr("b"), tab = value_cstr("ab");
  CHECK(value_compare(&none, &n1) < 0);
  CHECK(value_compare(&n1, &n2) < 0 && value_compare(&n2, &n1) > 0);
  CHECK(value_compare(&n1, &n1) == 0);
  CHECK(value_compare(&ta, &tab) < 0 && value_compare(&tab, &tb) < 0);
  Value d1 = value_date(day(2026, 12, 31)), d2 = value_date(day(2027, 1, 1));
  CHECK(value_compare(&d1, &d2) < 0);
  Value f = value_bool(false), t = value_bool(true);
  CHECK(value_compare(&f, &t) < 0);
  Value nul = value_text("a\0b", 3), plain = value_text("a", 1);
  CHECK(value_compare(&plain, &nul) < 0); /* text with a NUL byte compares by all its bytes */
}

TEST(truthy) {
  Value t = value_bool(true), f = value_bool(false), n = value_none(), one = value_number(1);
  CHECK(value_truthy(&t));
  CHECK(!value_truthy(&f) && !value_truthy(&n) && !value_truthy(&one));
}

int main(void) {
  RUN(numbers_print_short);
  RUN(other_kinds_print);
  RUN(equality);
  RUN(order);
  RUN(truthy);
  return unit_report();
}
