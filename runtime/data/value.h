/* value.h — the values expressions compute (runtime/eval/eval.h computes them).
 *
 * A Value is small and passed by copy; lists and text point into the evaluation arena and are
 * never mutated once built, so copies may share them. Entities are the model's own pointers.
 * Nothing here prints: value_to_text gives the text a value shows as (in messages, in query
 * cells), and the caller decides where it goes.
 */
#ifndef JNY_VALUE_H
#define JNY_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "model.h"
#include "strbuf.h"

typedef enum ValueKind {
  VAL_NONE,     /* `none`, and an optional attribute that was not given */
  VAL_NUMBER,   /* a double; `percent` says it prints as a percent (0.35 -> 35%) */
  VAL_TEXT,     /* UTF-8, `len` bytes (may hold NUL) */
  VAL_BOOL,     /* true / false */
  VAL_DATE,     /* a calendar day */
  VAL_DURATION, /* seconds */
  VAL_ENTITY,   /* a model entity (touchpoint, stage, …) */
  VAL_LIST,     /* items in order */
  VAL_RECORD,   /* `x.meta` or `t.metrics`: read its keys with `.key` (see eval.h) */
  VAL_ROW       /* one row of a `data` table: its cells are read with `.column` (data.h) */
} ValueKind;

typedef struct Value Value;

struct Value {
  ValueKind kind;
  bool percent; /* VAL_NUMBER only: print as a percent */
  bool metrics; /* VAL_RECORD only: the metrics of a touchpoint rather than an entity's meta */
  union {
    /* VAL_NUMBER. A number read from a data cell remembers where it came from, in bytes the
     * union has anyway, so that a bad score can name its file, row and column (data.h). Every
     * constructor leaves them zero: "not from data"; arithmetic results carry none. */
    struct {
      double num;
      uint32_t cell_row;   /* the row's index in its table + 1 */
      uint16_t cell_col;   /* the column's index + 1 */
      uint16_t cell_table; /* the table's index in Model.datasets + 1; 0: not from data */
    };
    bool boolean;   /* VAL_BOOL */
    Date date;      /* VAL_DATE */
    double seconds; /* VAL_DURATION */
    Entity *entity; /* VAL_ENTITY, and the owner of a VAL_RECORD */
    struct {
      const char *text;
      size_t len;
    } text; /* VAL_TEXT */
    struct {
      const Value *items;
      size_t len;
    } list; /* VAL_LIST */
    struct {
      const DataSet *data;
      size_t index; /* 0 for the first row after the header */
    } row;          /* VAL_ROW */
  } as;
};

/* Constructors. value_text does not copy: `text` must outlive the value (model or arena). */
Value value_none(void);
Value value_number(double n);
Value value_percent(double n); /* a number that prints as a percent */
Value value_bool(bool b);
Value value_date(Date d);
Value value_duration(double seconds);
Value value_text(const char *text, size_t len);
Value value_cstr(const char *text); /* NULL gives none */
Value value_entity(Entity *e);      /* NULL gives none */
Value value_list(const Value *items, size_t len);

Value value_row(const DataSet *data, size_t index);

/* "number", "text", "bool", "date", "duration", "none", "list", "touchpoint", "meta", "row"… */
const char *value_kind_name(const Value *v);

/* The text a value shows as: numbers as 42, 3.5, 35% (whole numbers in full, others to at most 6
 * significant digits, no trailing zeros), text as itself, dates as 2027-01-31, durations as 90s /
 * 15min / 2h / 3d / 2w when whole (else seconds), booleans as true/false, none as the empty text,
 * an entity as its name, a list as its items separated by ", ", a data row as "survey row 3" (the
 * table's id and the row's number, 1 for the first row after the header). */
void value_print(StrBuf *out, const Value *v);
const char *value_to_text(Arena *a, const Value *v);
/* A number alone, as value_print shows it. */
void value_print_number(StrBuf *out, double n, bool percent);

/* Equality as `==` computes it: numbers by value (percent or not), text by bytes, entities by
 * identity, lists item by item; values of different kinds are not equal (none == none). */
bool value_equal(const Value *a, const Value *b);
/* A total order for sorting (`order`, min, max, median): none first, then by kind in the
 * order of ValueKind, then within a kind (numbers, text by bytes, dates, durations, booleans
 * false < true, entities by kind then declaration order, lists lexicographically, rows by table
 * then row). Returns
 * <0, 0, >0. */
int value_compare(const Value *a, const Value *b);
/* Whether the value counts as true where a condition is needed: only `true` does. */
bool value_truthy(const Value *v);

#endif
