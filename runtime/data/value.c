/* value.c — making, printing, comparing Values (value.h). Used by the evaluator, the checks'
 * messages and query cells.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "value.h"

Value value_none(void) { return (Value){.kind = VAL_NONE}; }
Value value_number(double n) { return (Value){.kind = VAL_NUMBER, .as.num = n}; }
Value value_percent(double n) { return (Value){.kind = VAL_NUMBER, .percent = true, .as.num = n}; }
Value value_bool(bool b) { return (Value){.kind = VAL_BOOL, .as.boolean = b}; }
Value value_date(Date d) { return (Value){.kind = VAL_DATE, .as.date = d}; }
Value value_duration(double s) { return (Value){.kind = VAL_DURATION, .as.seconds = s}; }

Value value_text(const char *text, size_t len) {
  Value v = {.kind = VAL_TEXT};
  v.as.text.text = text;
  v.as.text.len = len;
  return v;
}

Value value_cstr(const char *text) { return text ? value_text(text, strlen(text)) : value_none(); }

Value value_entity(Entity *e) {
  return e ? (Value){.kind = VAL_ENTITY, .as.entity = e} : value_none();
}

Value value_list(const Value *items, size_t len) {
  Value v = {.kind = VAL_LIST};
  v.as.list.items = items;
  v.as.list.len = len;
  return v;
}

Value value_row(const DataSet *data, size_t index) {
  Value v = {.kind = VAL_ROW};
  v.as.row.data = data;
  v.as.row.index = index;
  return v;
}

const char *value_kind_name(const Value *v) {
  switch (v->kind) {
  case VAL_NONE: return "none";
  case VAL_NUMBER: return "number";
  case VAL_TEXT: return "text";
  case VAL_BOOL: return "bool";
  case VAL_DATE: return "date";
  case VAL_DURATION: return "duration";
  case VAL_ENTITY: return model_kind_name(v->as.entity->kind);
  case VAL_LIST: return "list";
  case VAL_RECORD: return v->metrics ? "metrics" : "meta";
  case VAL_ROW: return "row";
  }
  return "value";
}

void value_print_number(StrBuf *out, double n, bool percent) {
  if (percent) n *= 100;
  if (n == 0) n = 0; /* no "-0" */
  if (isnan(n))
    sb_puts(out, "nan");
  else if (isinf(n))
    sb_puts(out, n > 0 ? "inf" : "-inf");
  else if (n == floor(n) && fabs(n) < 1e15)
    sb_printf(out, "%.0f", n); /* a count of a million rows is 1000000, not 1e+06 */
  else
    sb_printf(out, "%.6g", n);
  if (percent) sb_putc(out, '%');
}

/* The largest unit the duration is a whole number of, as the literals write them. */
static void print_duration(StrBuf *out, double s) {
  static const struct {
    double seconds;
    const char *unit;
  } UNITS[] = {{604800, "w"}, {86400, "d"}, {3600, "h"}, {60, "min"}};
  for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
    double q = s / UNITS[i].seconds;
    if (s != 0 && q == floor(q) && fabs(q) < 1e15) {
      sb_printf(out, "%.15g%s", q, UNITS[i].unit);
      return;
    }
  }
  value_print_number(out, s, false);
  sb_putc(out, 's');
}

void value_print(StrBuf *out, const Value *v) {
  switch (v->kind) {
  case VAL_NONE: return;
  case VAL_NUMBER: value_print_number(out, v->as.num, v->percent); return;
  case VAL_TEXT: sb_add(out, v->as.text.text, v->as.text.len); return;
  case VAL_BOOL: sb_puts(out, v->as.boolean ? "true" : "false"); return;
  case VAL_DATE:
    sb_printf(out, "%04d-%02d-%02d", v->as.date.year, v->as.date.month, v->as.date.day);
    return;
  case VAL_DURATION: print_duration(out, v->as.seconds); return;
  case VAL_ENTITY: sb_puts(out, v->as.entity->name ? v->as.entity->name : ""); return;
  case VAL_LIST:
    for (size_t i = 0; i < v->as.list.len; i++) {
      if (i > 0) sb_puts(out, ", ");
      value_print(out, &v->as.list.items[i]);
    }
    return;
  case VAL_RECORD: sb_puts(out, v->metrics ? "metrics" : "meta"); return;
  case VAL_ROW: sb_printf(out, "%s row %zu", v->as.row.data->e.id, v->as.row.index + 1); return;
  }
}

const char *value_to_text(Arena *a, const Value *v) {
  StrBuf sb;
  sb_init(&sb, a);
  value_print(&sb, v);
  return sb_str(&sb);
}

static int compare_doubles(double a, double b) { return (a > b) - (a < b); }

static int compare_text(const Value *a, const Value *b) {
  size_t n = a->as.text.len < b->as.text.len ? a->as.text.len : b->as.text.len;
  int c = n ? memcmp(a->as.text.text, b->as.text.text, n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  return compare_doubles((double)a->as.text.len, (double)b->as.text.len);
}

static int compare_lists(const Value *a, const Value *b) {
  for (size_t i = 0; i < a->as.list.len && i < b->as.list.len; i++) {
    int c = value_compare(&a->as.list.items[i], &b->as.list.items[i]);
    if (c != 0) return c;
  }
  return compare_doubles((double)a->as.list.len, (double)b->as.list.len);
}

int value_compare(const Value *a, const Value *b) {
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  switch (a->kind) {
  case VAL_NONE: return 0;
  case VAL_NUMBER: return compare_doubles(a->as.num, b->as.num);
  case VAL_TEXT: return compare_text(a, b);
  case VAL_BOOL: return (int)a->as.boolean - (int)b->as.boolean;
  case VAL_DATE: return compare_doubles(a->as.date.days, b->as.date.days);
  case VAL_DURATION: return compare_doubles(a->as.seconds, b->as.seconds);
  case VAL_ENTITY:
    if (a->as.entity->kind != b->as.entity->kind)
      return a->as.entity->kind < b->as.entity->kind ? -1 : 1;
    return compare_doubles((double)a->as.entity->index, (double)b->as.entity->index);
  case VAL_LIST: return compare_lists(a, b);
  case VAL_RECORD: return compare_doubles((double)a->as.entity->index, (double)b->as.entity->index);
  case VAL_ROW:
    if (a->as.row.data != b->as.row.data)
      return compare_doubles((double)a->as.row.data->e.index, (double)b->as.row.data->e.index);
    return compare_doubles((double)a->as.row.index, (double)b->as.row.index);
  }
  return 0;
}

bool value_equal(const Value *a, const Value *b) {
  if (a->kind != b->kind) return false;
  if (a->kind == VAL_ENTITY || a->kind == VAL_RECORD)
    return a->as.entity == b->as.entity && a->metrics == b->metrics;
  return value_compare(a, b) == 0;
}

bool value_truthy(const Value *v) { return v->kind == VAL_BOOL && v->as.boolean; }
