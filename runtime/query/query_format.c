/* query_format.c — a QueryResult as an aligned table, as CSV (RFC 4180) or as JSON.
 *
 * Every cell already carries the text it shows as (query.c fills it), so the table and CSV
 * differ only in layout and quoting. The table escapes control characters (a cell must not move
 * the cursor or recolour the terminal) and measures widths in code points, so accented names
 * stay aligned.
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "diag_render.h"
#include "export_json.h"
#include "query.h"
#include "source.h"

/* ---- table ------------------------------------------------------------------------------- */

static size_t display_width(const char *s, size_t n) {
  size_t w = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) w++;
  return w;
}

static const char *escaped(Arena *a, const char *s, size_t n, size_t *len) {
  StrBuf sb;
  sb_init(&sb, a);
  diag_escape(&sb, s, n);
  *len = sb.len;
  return sb_str(&sb);
}

static void pad(StrBuf *out, size_t n) {
  for (size_t i = 0; i < n; i++) sb_putc(out, ' ');
}

static void put_cell(StrBuf *out, const char *s, size_t n, size_t width, bool right, bool last) {
  size_t w = display_width(s, n);
  if (right) pad(out, width - w);
  sb_add(out, s, n);
  if (!right && !last) pad(out, width - w);
}

void query_format_table(StrBuf *out, const QueryResult *r) {
  size_t nc = r->ncolumns, cells = r->nrows * nc;
  const char **text = arena_alloc(out->arena, (cells + nc + 1) * sizeof *text);
  size_t *len = arena_alloc(out->arena, (cells + nc + 1) * sizeof *len);
  size_t *width = arena_alloc(out->arena, (nc + 1) * sizeof *width);
  bool *right = arena_alloc(out->arena, (nc + 1) * sizeof *right);
  for (size_t c = 0; c < nc; c++) {
    text[cells + c] = escaped(out->arena, r->columns[c], strlen(r->columns[c]), &len[cells + c]);
    width[c] = display_width(text[cells + c], len[cells + c]);
    right[c] = r->nrows > 0;
  }
  for (size_t i = 0; i < cells; i++) {
    const Cell *cell = &r->cells[i];
    text[i] =
        escaped(out->arena, cell->text ? cell->text : "", cell->text ? cell->len : 0, &len[i]);
    size_t w = display_width(text[i], len[i]);
    if (w > width[i % nc]) width[i % nc] = w;
    /* A column is right-aligned when every cell that has a value is a number. */
    if (cell->kind != CELL_NUMBER && cell->kind != CELL_NONE) right[i % nc] = false;
  }
  for (size_t c = 0; c < nc; c++) {
    if (c) sb_puts(out, "  ");
    put_cell(out, text[cells + c], len[cells + c], width[c], right[c], c + 1 == nc);
  }
  sb_putc(out, '\n');
  for (size_t c = 0; c < nc; c++) {
    if (c) sb_puts(out, "  ");
    for (size_t k = 0; k < width[c]; k++) sb_putc(out, '-');
  }
  sb_putc(out, '\n');
  for (size_t row = 0; row < r->nrows; row++) {
    for (size_t c = 0; c < nc; c++) {
      size_t i = row * nc + c;
      if (c) sb_puts(out, "  ");
      put_cell(out, text[i], len[i], width[c], right[c], c + 1 == nc);
    }
    sb_putc(out, '\n');
  }
}

/* ---- CSV --------------------------------------------------------------------------------- */

/* OWASP's list: these start a formula in Excel, LibreOffice and Google Sheets. */
static bool starts_formula(const char *s, size_t n) {
  return n > 0 && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Cell text as written, except what cannot be meant as data and would act on a terminal that
 * shows the file: control characters (tab, CR and LF excepted: a cell may hold lines) are written
 * as in the table (\x1b, \u{9b}) and invalid UTF-8 as U+FFFD. Quotes are doubled when quoted. */
static void csv_put_text(StrBuf *out, const char *s, size_t n, bool quoted) {
  for (size_t i = 0; i < n;) {
    const unsigned char *p = (const unsigned char *)s + i;
    uint32_t len = source_utf8_length(p, (uint32_t)(n - i > UINT32_MAX ? UINT32_MAX : n - i));
    bool c0 = p[0] < 0x20 && p[0] != '\t' && p[0] != '\r' && p[0] != '\n';
    if (len == 1 && p[0] >= 0x80)
      sb_puts(out, "\xEF\xBF\xBD");
    else if (c0 || p[0] == 0x7F)
      sb_printf(out, "\\x%02x", p[0]);
    else if (len == 2 && p[0] == 0xC2 && p[1] < 0xA0)
      sb_printf(out, "\\u{%x}", p[1]);
    else {
      if (quoted && p[0] == '"') sb_putc(out, '"');
      sb_add(out, (const char *)p, len);
    }
    i += len;
  }
}

static void csv_field(StrBuf *out, const char *s, size_t n, bool neutralise) {
  bool formula = neutralise && starts_formula(s, n);
  bool quote = formula;
  for (size_t i = 0; i < n && !quote; i++)
    quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
  if (quote) sb_putc(out, '"');
  if (formula) sb_putc(out, '\'');
  csv_put_text(out, s, n, quote);
  if (quote) sb_putc(out, '"');
}

void query_format_csv(StrBuf *out, const QueryResult *r) {
  size_t nc = r->ncolumns;
  for (size_t c = 0; c < nc; c++) {
    if (c) sb_putc(out, ',');
    csv_field(out, r->columns[c], strlen(r->columns[c]), true);
  }
  sb_puts(out, "\r\n");
  for (size_t row = 0; row < r->nrows; row++) {
    for (size_t c = 0; c < nc; c++) {
      const Cell *cell = &r->cells[row * nc + c];
      if (c) sb_putc(out, ',');
      /* Numbers are numbers: -2 and -50% stay as they are for the spreadsheet to add up; but
       * -inf is no number to a spreadsheet, which would read it as the formula =-inf. */
      bool plain_number = cell->kind == CELL_NUMBER && isfinite(cell->number);
      csv_field(out, cell->text ? cell->text : "", cell->text ? cell->len : 0, !plain_number);
    }
    sb_puts(out, "\r\n");
  }
}

/* ---- JSON -------------------------------------------------------------------------------- */

/* Attaches the cell's value to parent (under key, or appended); a list is attached before its
 * items are made, so that an out-of-memory jump leaves nothing unreachable. */
static bool put_json_cell(Arena *a, json_t *parent, const char *key, const Cell *cell) {
  json_t *v;
  switch (cell->kind) {
  case CELL_NUMBER: /* JSON has no NaN or infinity */
    v = isfinite(cell->number) ? export_json_number(cell->number) : json_null();
    break;
  case CELL_BOOL: v = json_boolean(cell->number != 0); break;
  case CELL_TEXT: v = export_json_string(a, cell->text, cell->len); break;
  case CELL_LIST: v = json_array(); break;
  default: v = json_null(); break;
  }
  int rc = key ? json_object_set_new(parent, key, v) : json_array_append_new(parent, v);
  if (!v || rc != 0) return false;
  for (size_t i = 0; cell->kind == CELL_LIST && i < cell->nitems; i++)
    if (!put_json_cell(a, v, NULL, &cell->items[i])) return false;
  return true;
}

bool query_format_json(json_t *root, Arena *scratch, const QueryResult *r) {
  for (size_t row = 0; row < r->nrows; row++) {
    json_t *o = json_object();
    if (!o || json_array_append_new(root, o) != 0) return false;
    for (size_t c = 0; c < r->ncolumns; c++)
      if (!put_json_cell(scratch, o, r->columns[c], &r->cells[row * r->ncolumns + c])) return false;
  }
  return true;
}
