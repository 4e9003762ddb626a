/* data_csv.c — `data id from "file.csv"`: reading a table with libcsv, typing its columns, and
 * its rows in expressions (data.h).
 *
 * The file is streamed: fread fills a buffer, whole lines of it go to csv_parse, and each cell
 * libcsv hands back is stored at once as a Value in the arena (text first; a column whose
 * non-empty cells are all numbers, all percents or all dates is converted in place at the end).
 * The file is never held whole and a cell is one Value (a converted number leaves its few bytes
 * of text behind in the arena). libcsv's own field buffer is one arena block of the largest
 * cell jny takes, which libcsv is never allowed to grow: a longer cell is the cell-size limit,
 * and an out-of-memory jump leaves nothing allocated outside the arena.
 *
 * libcsv says where nothing is. Feeding it one line at a time tells the line; the column is
 * counted in code points from the bytes consumed. A problem noticed in a callback (a ragged
 * row, a bad header name) is placed by reading the row again from the file (locate()), which
 * is also how a bad score finds its cell: rows remember the byte offset and line they start at.
 */
#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "parse.h"
#include "symtab.h"

/* libcsv's parser states (libcsv.c): a row that has not started yet. */
enum { CSV_ROW_NOT_BEGUN = 0 };
/* Bytes read from the file at a time; a line longer than this is parsed in pieces. */
enum { READ_CHUNK = 256 * 1024 };
/* Cells per block of rows: a block is one arena allocation of about 400 KiB. */
enum { CELLS_PER_BLOCK = 16384 };

/* What a cell looks like, as bits: a column's type is what all its non-empty cells share. */
enum { CK_NUMBER = 1, CK_PERCENT = 2, CK_DATE = 4, CK_TEXT = 8 };

typedef struct Column {
  const char *name;   /* the identifier `r.name` reads */
  const char *header; /* as written in the header row */
  unsigned seen;      /* CK_* of its non-empty cells */
  Type type;
} Column;

typedef struct RowBlock {
  Value *cells;     /* rows_per_block × ncols, row-major */
  uint32_t *line;   /* the CSV line each row starts on */
  uint32_t *offset; /* the byte offset of that line */
} RowBlock;

typedef struct Table {
  const DataSet *ds;
  const FileSystem *fs; /* where the file is read from (the evaluator's) */
  Arena *arena;         /* for the readers of locate() */
  unsigned char state;  /* LET_TODO, LET_DONE, LET_FAILED: loaded once */
  const char *file;     /* to open, and as messages show it (beside the declaring file) */
  unsigned char delim;
  Column *cols;
  size_t ncols;
  SymTab *by_name; /* column name -> Column */
  size_t rows_per_block;
  RowBlock *blocks;
  size_t nblocks;
  size_t nrows;
  Type row_type, list_type;
  Value rows; /* the list of VAL_ROW, built once */
} Table;

struct DataCache {
  Table *tables; /* one per Model.datasets, by index */
};

typedef struct HeaderCell {
  const char *text;
  size_t len;
} HeaderCell;

typedef struct Loader {
  EvalCtx *ev;
  Table *t;
  struct csv_parser p;
  uint32_t offset;     /* the file offset of the piece being parsed */
  uint32_t line;       /* its line */
  uint32_t line_cp;    /* code points of its line before it (a line longer than a chunk) */
  bool line_start;     /* the piece starts a line */
  uint32_t row_line;   /* where the row being parsed starts */
  uint32_t row_offset; /* … and its byte offset */
  size_t nfields;      /* cells so far in the row being parsed */
  bool in_header;
  VEC(HeaderCell) header;
  bool failed;
  size_t file_bytes; /* the size of a regular file, else 0 */
} Loader;

/* ---- where things are ---- */

static uint32_t count_code_points(const char *s, size_t n) {
  uint32_t cp = 0;
  for (size_t i = 0; i < n; i++) cp += ((unsigned char)s[i] & 0xC0) != 0x80;
  return cp;
}

/* Where cell k (from 0) of the row starting at byte `offset`, line `line` begins (after blanks
 * libcsv skips), or where the row ends when it has fewer cells: read again from the file, as
 * libcsv reads it. Only for messages, so it may cost a read. */
static void locate(const Table *t, uint32_t offset, uint32_t line, size_t k, uint32_t *out_line,
                   uint32_t *out_col) {
  enum { START, PLAIN, QUOTED, QUOTE_SEEN } st = START;
  uint32_t ln = line, col = 1;
  size_t field = 0;
  *out_line = line;
  *out_col = 1;
  FileReader r;
  const char *why = NULL;
  if (t->fs->open(t->fs, t->arena, t->file, &r, &why) != FILE_OK) return;
  /* Streams do not seek: the bytes before the row are read and passed over. */
  unsigned char buf[4096];
  long long n;
  for (uint32_t skip = offset; skip > 0; skip -= (uint32_t)n) {
    n = file_reader_read(&r, (char *)buf, skip < sizeof buf ? skip : sizeof buf, &why);
    if (n <= 0) {
      file_reader_close(t->fs, &r);
      return;
    }
  }
  bool done = false;
  while (!done && (n = file_reader_read(&r, (char *)buf, sizeof buf, &why)) > 0) {
    for (size_t i = 0; i < (size_t)n && !done; i++) {
      unsigned char c = buf[i];
      bool eol = c == '\r' || c == '\n';
      switch (st) {
      case START:
        if ((c == ' ' || c == '\t') && c != t->delim) break;
        if (field == k || eol)
          done = true;
        else if (c == t->delim)
          field++;
        else
          st = c == '"' ? QUOTED : PLAIN;
        break;
      case PLAIN:
      case QUOTE_SEEN:
        if (c == t->delim)
          field++, st = START;
        else if (eol)
          done = true;
        else if (st == QUOTE_SEEN && c == '"')
          st = QUOTED;
        break;
      case QUOTED:
        if (c == '"') st = QUOTE_SEEN;
        break;
      }
      if (done) break;
      if (c == '\n')
        ln++, col = 1;
      else if ((c & 0xC0) != 0x80)
        col++;
    }
  }
  file_reader_close(t->fs, &r);
  *out_line = ln;
  *out_col = col;
}

/* One diagnostic at the `data` line; the message starts with the CSV's position when it has
 * one (line > 0). Loading stops at the first. */
static void load_fail(Loader *L, DiagCode code, uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void load_fail(Loader *L, DiagCode code, uint32_t line, uint32_t col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *msg = arena_vprintf(L->ev->arena, fmt, ap);
  va_end(ap);
  if (line)
    diag_add(L->ev->diags, code, L->t->ds->path_span, "%s:%u:%u: %s", L->t->file, line, col, msg);
  else
    diag_add(L->ev->diags, code, L->t->ds->path_span, "%s: %s", L->t->file, msg);
  L->failed = true;
}

/* A problem with cell k of the row being parsed, placed by reading the row again. */
static void fail_at_cell(Loader *L, DiagCode code, size_t k, const char *msg) {
  uint32_t line, col;
  locate(L->t, L->row_offset, L->row_line, k, &line, &col);
  load_fail(L, code, line, col, "%s", msg);
}

/* ---- cells ---- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A decimal number: optional sign, digits with an optional fraction, optional exponent. */
static bool scan_number(const char *s, size_t n, bool *exponent) {
  size_t i = 0, digits = 0;
  *exponent = false;
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  for (; i < n && is_digit(s[i]); i++) digits++;
  if (i < n && s[i] == '.')
    for (i++; i < n && is_digit(s[i]); i++) digits++;
  if (digits == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    size_t e = 0;
    *exponent = true;
    if (++i < n && (s[i] == '+' || s[i] == '-')) i++;
    for (; i < n && is_digit(s[i]); i++) e++;
    if (e == 0) return false;
  }
  return i == n;
}

static bool scan_date(const char *s, size_t n, Date *out) {
  if (n != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i = 0; i < n; i++)
    if (i != 4 && i != 7 && !is_digit(s[i])) return false;
  int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  return y >= 1 && date_from_ymd(y, m, d, out);
}

/* s is NUL-terminated (CSV_APPEND_NULL). A number so large it is infinite is text. */
static unsigned classify(const char *s, size_t n) {
  bool exponent;
  Date d;
  if (scan_number(s, n, &exponent))
    return !exponent || isfinite(strtod(s, NULL)) ? CK_NUMBER : CK_TEXT;
  if (n > 1 && s[n - 1] == '%' && scan_number(s, n - 1, &exponent))
    return !exponent || isfinite(strtod(s, NULL)) ? CK_PERCENT : CK_TEXT;
  return scan_date(s, n, &d) ? CK_DATE : CK_TEXT;
}

static Value *cell_at(const Table *t, size_t row, size_t col) {
  return &t->blocks[row / t->rows_per_block].cells[(row % t->rows_per_block) * t->ncols + col];
}

/* ---- the header ---- */

/* A header as an identifier: ASCII letters, digits and `_` as written; each run of anything
 * else becomes one `_`, except at the start and the end, where it is dropped; a name that
 * would start with a digit gets a `_` in front. NULL when nothing is left. */
static const char *column_name(Arena *a, const char *h, size_t n) {
  StrBuf sb;
  sb_init(&sb, a);
  bool gap = false;
  for (size_t i = 0; i < n; i++) {
    char c = h[i];
    bool word = is_digit(c) || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!word) {
      gap = true;
      continue;
    }
    if (gap && sb.len) sb_putc(&sb, '_');
    gap = false;
    if (sb.len == 0 && is_digit(c)) sb_putc(&sb, '_');
    sb_putc(&sb, c);
  }
  return sb.len ? sb_str(&sb) : NULL;
}

static void finish_header(Loader *L) {
  Table *t = L->t;
  Arena *a = L->ev->arena;
  t->ncols = L->header.len;
  t->cols = arena_alloc(a, t->ncols * sizeof *t->cols);
  t->by_name = symtab_new(a, t->ncols);
  for (size_t k = 0; k < t->ncols && !L->failed; k++) {
    Column *c = &t->cols[k];
    c->header = L->header.items[k].text;
    c->name = column_name(a, c->header, L->header.items[k].len);
    if (L->header.items[k].len == 0) {
      fail_at_cell(
          L, D_DATA_BAD, k,
          arena_printf(a, "column %zu of the header has no name: every column needs one", k + 1));
    } else if (!c->name) {
      fail_at_cell(L, D_DATA_BAD, k,
                   arena_printf(a,
                                "the header '%s' has no letter, digit or '_' to make a column "
                                "name of",
                                c->header));
    } else {
      const Column *first = symtab_put(t->by_name, c->name, c);
      if (!first) continue;
      const char *msg =
          strcmp(first->header, c->header) == 0
              ? arena_printf(a, "the header '%s' is there twice (columns %zu and %zu)", c->header,
                             (size_t)(first - t->cols) + 1, k + 1)
              : arena_printf(a, "the headers '%s' and '%s' both make the column name '%s'",
                             first->header, c->header, c->name);
      fail_at_cell(L, D_DATA_BAD, k, msg);
    }
  }
  /* A block holds no more rows than the file can: every row takes at least one byte per column
   * but one (its delimiters), so a small file gets a small block instead of 400 KiB zeroed. */
  size_t per = CELLS_PER_BLOCK / t->ncols;
  if (L->file_bytes) {
    size_t most = L->file_bytes / (t->ncols > 1 ? t->ncols - 1 : 1) + 1;
    if (most < per) per = most;
  }
  t->rows_per_block = per ? per : 1;
}

/* ---- libcsv's callbacks ---- */

/* The first cell of a data row: room for it, and the place it starts. */
static bool start_row(Loader *L) {
  Table *t = L->t;
  if (t->nrows == DATA_MAX_ROWS) {
    load_fail(L, D_DATA_LIMIT, L->row_line, 1,
              "more than %u rows: the most a data table holds (aggregate the data first)",
              DATA_MAX_ROWS);
    return false;
  }
  size_t b = t->nrows / t->rows_per_block, i = t->nrows % t->rows_per_block;
  if (i == 0) {
    Arena *a = L->ev->arena;
    size_t per = t->rows_per_block;
    if ((b & (b - 1)) == 0) /* 0, 1, 2, 4, …: double the block list */
      t->blocks =
          arena_grow(a, t->blocks, b * sizeof *t->blocks, (b ? 2 * b : 1) * sizeof *t->blocks);
    t->blocks[b].cells = arena_alloc(a, per * t->ncols * sizeof(Value));
    t->blocks[b].line = arena_alloc(a, per * sizeof(uint32_t));
    t->blocks[b].offset = arena_alloc(a, per * sizeof(uint32_t));
    t->nblocks = b + 1;
  }
  t->blocks[b].line[i] = L->row_line;
  t->blocks[b].offset[i] = L->row_offset;
  return true;
}

static void on_field(void *data, size_t len, void *ud) {
  Loader *L = ud;
  const char *s = data;
  if (L->failed) return;
  size_t k = L->nfields++;
  Arena *a = L->ev->arena;
  if (len > DATA_MAX_CELL_BYTES) {
    fail_at_cell(L, D_DATA_LIMIT, k, "a cell longer than 1 MiB, the most a cell holds");
    return;
  }
  if (L->in_header) {
    if (k == DATA_MAX_COLUMNS) {
      fail_at_cell(
          L, D_DATA_LIMIT, k,
          arena_printf(a, "more than %u columns: the most a data table holds", DATA_MAX_COLUMNS));
      return;
    }
    HeaderCell h = {arena_strndup(a, s, len), len};
    VEC_PUSH(a, L->header, h);
    return;
  }
  if (k == 0 && !start_row(L)) return;
  if (k >= L->t->ncols || len == 0) return; /* extra cells: reported at the end of the row */
  L->t->cols[k].seen |= classify(s, len);
  *cell_at(L->t, L->t->nrows, k) = value_text(arena_strndup(a, s, len), len);
}

static void on_row(int c, void *ud) {
  Loader *L = ud;
  (void)c;
  if (L->failed) return;
  size_t n = L->nfields;
  L->nfields = 0;
  if (L->in_header) {
    L->in_header = false;
    finish_header(L);
    return;
  }
  Table *t = L->t;
  if (n != t->ncols) {
    const char *msg =
        arena_printf(L->ev->arena, "a row of %zu cells, but the header has %zu%s", n, t->ncols,
                     n > t->ncols ? " (a cell holding the delimiter needs quotes)" : "");
    fail_at_cell(L, D_DATA_BAD, n < t->ncols ? n : t->ncols, msg);
    return;
  }
  t->nrows++;
}

/* ---- reading ---- */

/* The index of the first byte that is not valid UTF-8, or n. */
static size_t utf8_invalid(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                 : (c & 0xF0) == 0xE0     ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || i + len > n) return i;
    uint32_t cp = c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = cp << 6 | (s[i + k] & 0x3Fu);
    }
    static const uint32_t MIN[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < MIN[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

/* Where to cut a buffer with no line end so that no UTF-8 sequence is split. */
static size_t utf8_cut(const unsigned char *s, size_t n) {
  size_t i = n, back = 0;
  while (i > 0 && back < 3 && (s[i - 1] & 0xC0) == 0x80) i--, back++;
  if (i == 0) return n;
  unsigned char lead = s[i - 1];
  size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return n - (i - 1) < need ? i - 1 : n;
}

/* One piece of the file: a whole line (ends_line), or part of a line longer than a chunk. */
static void feed(Loader *L, const char *s, size_t n, bool ends_line) {
  if (L->line_start && L->p.pstate == CSV_ROW_NOT_BEGUN) {
    L->row_line = L->line;
    L->row_offset = L->offset;
  }
  size_t bad = utf8_invalid((const unsigned char *)s, n);
  if (bad < n) {
    load_fail(L, D_DATA_BAD, L->line, L->line_cp + count_code_points(s, bad) + 1,
              "invalid UTF-8 (byte 0x%02X): a data file must be UTF-8", (unsigned char)s[bad]);
    return;
  }
  size_t used = csv_parse(&L->p, s, n, on_field, on_row, L);
  if (L->failed) return;
  if (used < n || csv_error(&L->p) != CSV_SUCCESS) {
    uint32_t col = L->line_cp + count_code_points(s, used) + 1;
    if (csv_error(&L->p) == CSV_EPARSE)
      load_fail(L, D_DATA_BAD, L->line, col,
                "a stray '\"': in a quoted cell write a quote as \"\", and quote a cell that "
                "holds one");
    else
      fail_at_cell(L, D_DATA_LIMIT, L->nfields,
                   L->p.quoted ? "a cell longer than 1 MiB, the most a cell holds (is its quote "
                                 "left open?)"
                               : "a cell longer than 1 MiB, the most a cell holds");
    return;
  }
  L->offset += (uint32_t)n;
  if (ends_line) {
    L->line++;
    L->line_cp = 0;
  } else {
    L->line_cp += count_code_points(s, n);
  }
  L->line_start = ends_line;
}

/* libcsv may never grow its buffer (see the top of the file), nor free the arena's. */
static void *no_realloc(void *block, size_t size) {
  (void)block;
  (void)size;
  return NULL;
}
static void no_free(void *block) { (void)block; }

static void read_stream(Loader *L, FileReader *r) {
  /* Not zeroed: fread fills what is read (zeroing 256 KiB cost more than loading a small file). */
  char *buf = arena_alloc_bytes(L->ev->arena, READ_CHUNK);
  size_t have = 0, total = 0;
  bool bom_checked = false;
  while (!L->failed) {
    const char *why = "unknown error";
    long long got = file_reader_read(r, buf + have, READ_CHUNK - have, &why);
    if (got < 0) {
      load_fail(L, D_DATA_BAD, 0, 0, "cannot read it: %s", why);
      return;
    }
    size_t n = (size_t)got;
    have += n;
    total += n;
    if (total > DATA_MAX_FILE_BYTES) {
      load_fail(L, D_DATA_LIMIT, 0, 0, "larger than 256 MiB, the most jny reads from a data file");
      return;
    }
    size_t start = 0;
    if (!bom_checked) {
      if (have < 3 && n > 0) continue; /* a byte order mark is 3 bytes: read on first */
      bom_checked = true;
      if (have >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) start = L->offset = 3;
    }
    for (char *nl; !L->failed && (nl = memchr(buf + start, '\n', have - start));) {
      size_t end = (size_t)(nl - buf) + 1;
      feed(L, buf + start, end - start, true);
      start = end;
    }
    if (L->failed) return;
    if (n == 0) {
      if (start < have) feed(L, buf + start, have - start, false);
      return;
    }
    if (start == 0 && have == READ_CHUNK) {
      start = utf8_cut((const unsigned char *)buf, have);
      feed(L, buf, start, false);
    }
    memmove(buf, buf + start, have - start);
    have -= start;
  }
}

/* The delimiter option: one ASCII character that is not a quote or a line break. */
static bool delimiter_of(EvalCtx *ev, const DataSet *ds, unsigned char *out) {
  const char *d = ds->delimiter;
  *out = ',';
  if (!d) return true;
  unsigned char c = (unsigned char)d[0];
  if (strlen(d) == 1 && c >= 0x01 && c < 0x80 && c != '"' && c != '\n' && c != '\r') {
    *out = c;
    return true;
  }
  Span at = ds->path_span;
  const Decl *decl = ds->e.decl;
  for (size_t i = 0; decl && i < decl->nattrs; i++)
    if (strcmp(decl->attrs[i]->name.text, "delimiter") == 0) at = decl->attrs[i]->span;
  diag_add(ev->diags, D_BAD_ARGS, at,
           "a delimiter is one ASCII character other than '\"' or a line break (\";\", \"\\t\" …), "
           "not '%s'",
           d);
  return false;
}

/* ---- after reading: types, in place ---- */

static void type_columns(Table *t) {
  bool convert = false;
  for (size_t k = 0; k < t->ncols; k++) {
    Column *c = &t->cols[k];
    c->type = c->seen == 0                                    ? TYPE_ANY
              : c->seen == CK_NUMBER || c->seen == CK_PERCENT ? TYPE_NUMBER
              : c->seen == CK_DATE                            ? TYPE_DATE
                                                              : TYPE_TEXT;
    convert |= c->type.kind == TY_NUMBER || c->type.kind == TY_DATE;
  }
  if (!convert) return;
  for (size_t r = 0; r < t->nrows; r++)
    for (size_t k = 0; k < t->ncols; k++) {
      Value *v = cell_at(t, r, k);
      unsigned seen = t->cols[k].seen;
      if (v->kind != VAL_TEXT || seen == CK_TEXT) continue;
      const char *s = v->as.text.text;
      Date d = {0};
      if (seen == CK_NUMBER)
        *v = value_number(strtod(s, NULL));
      else if (seen == CK_PERCENT)
        *v = value_percent(strtod(s, NULL) / 100);
      else if (seen == CK_DATE && scan_date(s, v->as.text.len, &d))
        *v = value_date(d);
    }
}

static void build_rows(EvalCtx *ev, Table *t) {
  Value *rows = arena_alloc(ev->arena, (t->nrows + 1) * sizeof *rows);
  for (size_t i = 0; i < t->nrows; i++) rows[i] = value_row(t->ds, i);
  t->rows = value_list(rows, t->nrows);
  t->row_type = (Type){.kind = TY_ROW, .entity = EK__COUNT, .data = t->ds};
  t->list_type = (Type){.kind = TY_LIST, .entity = EK__COUNT, .elem = &t->row_type};
}

static bool load_file(Loader *L) {
  Table *t = L->t;
  FileInfo info;
  const char *why = "unknown error";
  FileStatus st = t->fs->stat(t->fs, t->arena, t->file, &info, &why);
  if (st != FILE_OK) {
    load_fail(L, D_DATA_BAD, 0, 0, "cannot read it: %s",
              st == FILE_MISSING ? "No such file or directory" : why);
    return false;
  }
  if (info.is_folder) {
    load_fail(L, D_DATA_BAD, 0, 0, "cannot read it: it is a folder");
    return false;
  }
  if (info.is_regular && info.size > DATA_MAX_FILE_BYTES) {
    load_fail(L, D_DATA_LIMIT, 0, 0, "larger than 256 MiB, the most jny reads from a data file");
    return false;
  }
  FileReader r;
  if (t->fs->open(t->fs, t->arena, t->file, &r, &why) != FILE_OK) {
    load_fail(L, D_DATA_BAD, 0, 0, "cannot read it: %s", why);
    return false;
  }
  /* Only a hint for the size of the row blocks (finish_header), so that of the path is enough. */
  if (info.is_regular) L->file_bytes = (size_t)info.size;
  read_stream(L, &r);
  file_reader_close(t->fs, &r);
  if (L->failed) return false;
  if (csv_fini(&L->p, on_field, on_row, L) != 0 && !L->failed) {
    fail_at_cell(L, D_DATA_BAD, L->nfields,
                 "a quoted cell is never closed: its '\"' has no closing '\"'");
    return false;
  }
  if (!L->failed && L->in_header)
    load_fail(L, D_DATA_BAD, 0, 0, "the file is empty: a data file starts with a header row");
  return !L->failed;
}

static bool load(EvalCtx *ev, Table *t) {
  const DataSet *ds = t->ds;
  t->file = ds->fs_path ? ds->fs_path : ds->path;
  if (!t->file || !delimiter_of(ev, ds, &t->delim)) return false;
  Loader L;
  memset(&L, 0, sizeof L);
  L.ev = ev;
  L.t = t;
  L.line = 1;
  L.line_start = true;
  L.in_header = true;
  csv_init(&L.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim(&L.p, t->delim);
  /* Room for the largest cell, the closing quote libcsv keeps a moment, its NUL, and one byte
   * more, so that a cell one byte too long reaches on_field, which says so at its start. */
  L.p.entry_size = DATA_MAX_CELL_BYTES + 3;
  L.p.entry_buf = arena_alloc_bytes(ev->arena, L.p.entry_size); /* libcsv writes before reading */
  csv_set_realloc_func(&L.p, no_realloc);
  csv_set_free_func(&L.p, no_free);
  bool ok = load_file(&L);
  csv_free(&L.p);
  if (!ok) return false;
  type_columns(t);
  build_rows(ev, t);
  return true;
}

static Table *table_of(EvalCtx *ev, const DataSet *ds) {
  if (!ev->data) {
    ev->data = arena_alloc(ev->arena, sizeof *ev->data);
    ev->data->tables = arena_alloc(ev->arena, (ev->model->datasets.len + 1) * sizeof(Table));
  }
  Table *t = &ev->data->tables[ds->e.index];
  if (t->state == LET_TODO) {
    t->ds = ds;
    t->fs = ev->fs;
    t->arena = ev->arena;
    t->state = load(ev, t) ? LET_DONE : LET_FAILED;
  }
  return t;
}

/* ---- in expressions ---- */

bool data_rows(EvalCtx *ev, const DataSet *ds, Value *out) {
  Table *t = table_of(ev, ds);
  *out = t->state == LET_DONE ? t->rows : value_none();
  return t->state == LET_DONE;
}

bool data_rows_type(EvalCtx *ev, const DataSet *ds, Type *out) {
  Table *t = table_of(ev, ds);
  *out = t->state == LET_DONE ? t->list_type : TYPE_ANY;
  return t->state == LET_DONE;
}

/* The built-in field of every row; a column of that name hides it. */
static const char ROW_LINE[] = "line";

bool data_type_field(EvalCtx *ev, const Type *row, const Ident *field, Type *out) {
  Table *t = table_of(ev, row->data);
  *out = TYPE_ANY;
  if (t->state != LET_DONE) return true;
  const Column *c = symtab_get(t->by_name, field->text);
  if (c) {
    *out = c->type;
    return true;
  }
  if (strcmp(field->text, ROW_LINE) == 0) {
    *out = TYPE_NUMBER;
    return true;
  }
  Diag *d = diag_add(ev->diags, D_UNKNOWN_FIELD, field->span, "a %s row has no column '%s'",
                     t->ds->e.id, field->text);
  Suggest s;
  suggest_init(&s, ev->arena, field->text);
  for (size_t k = 0; k < t->ncols; k++) suggest_offer(&s, t->cols[k].name, NULL);
  suggest_offer(&s, ROW_LINE, NULL);
  if (suggest_best(&s)) {
    diag_help(ev->diags, d, "did you mean '%s'?", suggest_best(&s));
  } else {
    StrBuf sb;
    sb_init(&sb, ev->arena);
    for (size_t k = 0; k < t->ncols && k < 12; k++)
      sb_printf(&sb, "%s%s", k ? ", " : "", t->cols[k].name);
    if (t->ncols > 12) sb_puts(&sb, ", …");
    diag_help(ev->diags, d, "its columns: %s (and `line`, the CSV line of the row)", sb_str(&sb));
  }
  return false;
}

static const RowBlock *block_of(const Table *t, size_t row, size_t *i) {
  *i = row % t->rows_per_block;
  return &t->blocks[row / t->rows_per_block];
}

bool data_row_field(EvalCtx *ev, const Value *row, const Ident *field, Value *out) {
  Table *t = table_of(ev, row->as.row.data);
  size_t r = row->as.row.index, i;
  *out = value_none();
  if (t->state != LET_DONE || r >= t->nrows) return false;
  const Column *c = symtab_get(t->by_name, field->text);
  if (c) {
    size_t k = (size_t)(c - t->cols);
    *out = *cell_at(t, r, k);
    if (out->kind == VAL_NUMBER && t->ds->e.index < UINT16_MAX) {
      out->as.cell_row = (uint32_t)(r + 1);
      out->as.cell_col = (uint16_t)(k + 1);
      out->as.cell_table = (uint16_t)(t->ds->e.index + 1);
    }
    return true;
  }
  if (strcmp(field->text, ROW_LINE) == 0) {
    *out = value_number(block_of(t, r, &i)->line[i]);
    return true;
  }
  diag_add(ev->diags, D_UNKNOWN_FIELD, field->span, "a %s row has no column '%s'", t->ds->e.id,
           field->text);
  return false;
}

const char *data_cell_origin(EvalCtx *ev, const Value *v) {
  if (v->kind != VAL_NUMBER || v->as.cell_table == 0) return NULL;
  size_t ti = v->as.cell_table - 1u, r = v->as.cell_row - 1u, k = v->as.cell_col - 1u, i;
  if (!ev->data || ti >= ev->model->datasets.len) return NULL;
  const Table *t = &ev->data->tables[ti];
  if (t->state != LET_DONE || r >= t->nrows || k >= t->ncols) return NULL;
  const RowBlock *b = block_of(t, r, &i);
  uint32_t line, col;
  locate(t, b->offset[i], b->line[i], k, &line, &col);
  return arena_printf(ev->arena, "%s:%u:%u (column %s)", t->file, line, col, t->cols[k].name);
}
