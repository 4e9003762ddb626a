/* diag_json.c — diagnostics as JSON (jny's own layout, DIAG_JSON_VERSION) and as SARIF 2.1.0
 * for code-scanning dashboards (see diag_render.h).
 *
 * Every tree is built with its children attached before they are filled, so an out-of-memory
 * jump from the scratch arena leaves nothing unreachable from the root the caller frees.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "diag_render.h"

/* ---- JSON ------------------------------------------------------------------------------- */

typedef struct JsonOut {
  Arena *scratch;
  const SourceSet *sources;
  bool ok; /* false once jansson failed to allocate */
} JsonOut;

static void json_put(JsonOut *j, json_t *obj, const char *key, json_t *value) {
  if (json_object_set_new(obj, key, value) != 0) j->ok = false; /* value is released */
}

/* Attaches a new object or array first and returns it (borrowed) for filling, so that nothing
 * under construction is ever unreachable from the root. */
static json_t *json_child(JsonOut *j, json_t *parent, const char *key, json_t *child) {
  int rc = key ? json_object_set_new(parent, key, child) : json_array_append_new(parent, child);
  if (rc != 0 || !child) {
    j->ok = false;
    return NULL;
  }
  return child;
}

static void json_put_str(JsonOut *j, json_t *obj, const char *key, const char *s) {
  if (!s) {
    json_put(j, obj, key, json_null());
    return;
  }
  StrBuf sb;
  sb_init(&sb, j->scratch);
  diag_valid_utf8(&sb, s, strlen(s));
  json_put(j, obj, key, json_stringn(sb_str(&sb), sb.len));
}

static void json_put_int(JsonOut *j, json_t *obj, const char *key, uint32_t v) {
  json_put(j, obj, key, json_integer((json_int_t)v));
}

/* file, line, column (and with `ends`, end_line and end_column), or nulls without a span. */
static void json_put_location(JsonOut *j, json_t *obj, bool has_span, Span span, bool ends) {
  DiagPlace p;
  if (!diag_place(j->sources, has_span, span, &p)) {
    const char *keys[] = {"file", "line", "column", "end_line", "end_column"};
    for (size_t i = 0; i < (ends ? 5u : 3u); i++) json_put(j, obj, keys[i], json_null());
    return;
  }
  json_put_str(j, obj, "file", p.file);
  json_put_int(j, obj, "line", p.line);
  json_put_int(j, obj, "column", p.col);
  if (!ends) return;
  json_put_int(j, obj, "end_line", p.end_line);
  json_put_int(j, obj, "end_column", p.end_col);
}

static void json_put_span(JsonOut *j, json_t *obj, const Diag *d) {
  DiagPlace p;
  if (!diag_place(j->sources, d->has_span, d->span, &p)) {
    json_put(j, obj, "span", json_null());
    return;
  }
  json_t *span = json_child(j, obj, "span", json_object());
  if (!span) return;
  json_put_int(j, span, "start", p.start);
  json_put_int(j, span, "end", p.end);
}

static void json_put_diag(JsonOut *j, json_t *array, const Diag *d) {
  json_t *o = json_child(j, array, NULL, json_object());
  if (!o) return;
  json_put_str(j, o, "code", diag_code_str(d->code));
  json_put_str(j, o, "severity", diag_severity_str(d->severity));
  json_put_str(j, o, "message", d->message ? d->message : "");
  json_put_location(j, o, d->has_span, d->span, true);
  json_put_span(j, o, d);
  json_t *notes = json_child(j, o, "notes", json_array());
  for (size_t i = 0; notes && i < d->nnotes; i++) {
    json_t *n = json_child(j, notes, NULL, json_object());
    if (!n) break;
    json_put_str(j, n, "message", d->notes[i].message ? d->notes[i].message : "");
    json_put_location(j, n, d->notes[i].has_span, d->notes[i].span, false);
  }
  json_put_str(j, o, "help", d->help);
}

bool diag_render_json(struct json_t *root, Arena *scratch, const SourceSet *sources,
                      const DiagList *list, size_t nfiles) {
  JsonOut j = {scratch, sources, root != NULL};
  json_put(&j, root, "version", json_integer(DIAG_JSON_VERSION));
  json_t *diags = json_child(&j, root, "diagnostics", json_array());
  for (size_t i = 0; diags && j.ok && i < list->len; i++) json_put_diag(&j, diags, list->items[i]);
  json_t *summary = json_child(&j, root, "summary", json_object());
  if (summary) {
    json_put(&j, summary, "errors", json_integer((json_int_t)list->errors));
    json_put(&j, summary, "warnings", json_integer((json_int_t)list->warnings));
    json_put(&j, summary, "infos", json_integer((json_int_t)list->infos));
    json_put(&j, summary, "files", json_integer((json_int_t)nfiles));
  }
  return j.ok;
}

/* ---- SARIF 2.1.0 ------------------------------------------------------------------------ */

/* An artifact URI: the file name as jny printed it, percent-encoded where RFC 3986 does not
 * allow the byte (spaces, `%`, non-ASCII…), keeping `/` so relative paths stay relative
 * references; an absolute path becomes a file:// URI. */
static const char *sarif_uri(Arena *a, const char *name) {
  static const char HEX[] = "0123456789ABCDEF";
  StrBuf sb;
  sb_init(&sb, a);
  if (name[0] == '/') sb_puts(&sb, "file://");
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 strchr("-._~/", *p);
    if (plain) {
      sb_putc(&sb, (char)*p);
    } else {
      sb_putc(&sb, '%');
      sb_putc(&sb, HEX[*p >> 4]);
      sb_putc(&sb, HEX[*p & 15]);
    }
  }
  return sb_str(&sb);
}

static void sarif_put_text(JsonOut *j, json_t *obj, const char *key, const char *text) {
  json_t *m = json_child(j, obj, key, json_object());
  if (m) json_put_str(j, m, "text", text ? text : "");
}

/* A physicalLocation (SARIF regions: 1-based lines and columns, the end column exclusive, which
 * is what source_line_col gives for a span's end), or nothing without a place or in a source
 * that is no file (<stdin>, an embedded <std.lint>): a dashboard could not open it. */
static bool sarif_put_place(JsonOut *j, json_t *loc, bool has_span, Span span) {
  DiagPlace p;
  if (!diag_place(j->sources, has_span, span, &p) || p.file[0] == '<') return false;
  json_t *phys = json_child(j, loc, "physicalLocation", json_object());
  json_t *art = phys ? json_child(j, phys, "artifactLocation", json_object()) : NULL;
  if (art) json_put_str(j, art, "uri", sarif_uri(j->scratch, p.file));
  json_t *region = phys ? json_child(j, phys, "region", json_object()) : NULL;
  if (!region) return true;
  json_put_int(j, region, "startLine", p.line);
  json_put_int(j, region, "startColumn", p.col);
  json_put_int(j, region, "endLine", p.end_line);
  json_put_int(j, region, "endColumn", p.end_col);
  return true;
}

static const char *sarif_level(Severity sev) {
  return sev == SEV_ERROR ? "error" : sev == SEV_WARNING ? "warning" : "note";
}

static void sarif_put_result(JsonOut *j, json_t *results, const Diag *d) {
  json_t *r = json_child(j, results, NULL, json_object());
  if (!r) return;
  json_put_str(j, r, "ruleId", diag_code_str(d->code));
  json_put_int(j, r, "ruleIndex", (uint32_t)d->code);
  json_put_str(j, r, "level", sarif_level(d->severity));
  const char *text = d->message ? d->message : "";
  if (d->help) text = arena_printf(j->scratch, "%s (help: %s)", text, d->help);
  sarif_put_text(j, r, "message", text);
  json_t *locs = json_child(j, r, "locations", json_array());
  json_t *loc = locs ? json_child(j, locs, NULL, json_object()) : NULL;
  if (loc && !sarif_put_place(j, loc, d->has_span, d->span)) json_array_clear(locs);
  if (d->nnotes == 0) return;
  json_t *related = json_child(j, r, "relatedLocations", json_array());
  for (size_t i = 0; related && i < d->nnotes; i++) {
    json_t *n = json_child(j, related, NULL, json_object());
    if (!n) return;
    json_put_int(j, n, "id", (uint32_t)i + 1);
    sarif_put_place(j, n, d->notes[i].has_span, d->notes[i].span);
    sarif_put_text(j, n, "message", d->notes[i].message);
  }
}

bool diag_render_sarif(struct json_t *root, Arena *scratch, const SourceSet *sources,
                       const DiagList *list, const char *version) {
  JsonOut j = {scratch, sources, root != NULL};
  json_put_str(&j, root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  json_put_str(&j, root, "version", "2.1.0");
  json_t *runs = json_child(&j, root, "runs", json_array());
  json_t *run = runs ? json_child(&j, runs, NULL, json_object()) : NULL;
  if (!run) return false;
  json_t *tool = json_child(&j, run, "tool", json_object());
  json_t *driver = tool ? json_child(&j, tool, "driver", json_object()) : NULL;
  if (driver) {
    json_put_str(&j, driver, "name", "jny");
    json_put_str(&j, driver, "version", version);
    /* Every code, indexed like DiagCode, so a result's ruleIndex is its code. */
    json_t *rules = json_child(&j, driver, "rules", json_array());
    for (int c = 0; rules && c < D__COUNT; c++) {
      json_t *rule = json_child(&j, rules, NULL, json_object());
      if (!rule) break;
      json_put_str(&j, rule, "id", diag_code_str((DiagCode)c));
      sarif_put_text(&j, rule, "shortDescription", diag_code_title((DiagCode)c));
    }
  }
  json_put_str(&j, run, "columnKind", "unicodeCodePoints");
  json_t *results = json_child(&j, run, "results", json_array());
  for (size_t i = 0; results && j.ok && i < list->len; i++)
    sarif_put_result(&j, results, list->items[i]);
  return j.ok;
}
