/* mermaid_text.c — what the Mermaid export and import share: fitting a name to the place it
 * takes in a journey diagram, the score ↔ emotion mapping, and jny string literals.
 *
 * What Mermaid's journey grammar (11.x, jison) accepts was checked with its own parser
 * (../shared/notes/sharing.md §4 and tests/web/mermaid.mjs): `#` starts a comment and `;` ends
 * a statement anywhere but in accDescr; `:` separates a task from its score and the score from
 * the actors, so no name before them may hold one; `,` separates actors; a task line that
 * begins with `title `, `section `, `journey`, `accTitle` or `accDescr` is read as that
 * statement, and one that begins with `%` may be read as a comment; `%%{…}%%` is taken out
 * of the text as a directive wherever it stands, so no `%%` is left in a name.
 */
#include <math.h>
#include <string.h>

#include "mermaid.h"

/* The keywords a task line must not begin with; a word joiner (U+2060, invisible) after one
 * keeps the line a task. */
static const char *const LINE_KEYWORDS[] = {"title", "section", "journey", "accTitle", "accDescr"};

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* The replacement for byte c at `place`, or NULL to keep it. */
static const char *replacement(unsigned char c, MermaidPlace place) {
  if (place == MM_DESCR) return NULL;
  if (c == '#') return "\xef\xbc\x83";                      /* ＃ U+FF03 */
  if (c == ';') return "\xef\xbc\x9b";                      /* ； U+FF1B */
  if (c == ':' && place != MM_TITLE) return "\xe2\x88\xb6"; /* ∶ U+2236 */
  if (c == ',' && place == MM_ACTOR) return "\xe2\x80\x9a"; /* ‚ U+201A */
  return NULL;
}

/* A task line that begins with a keyword gets a word joiner after it. */
static const char *guard_keyword(Arena *a, const char *s, bool *changed) {
  for (size_t k = 0; k < sizeof LINE_KEYWORDS / sizeof LINE_KEYWORDS[0]; k++) {
    size_t n = strlen(LINE_KEYWORDS[k]);
    if (strncmp(s, LINE_KEYWORDS[k], n) != 0) continue;
    char next = s[n];
    /* "journey" is a keyword even when a word goes on ("journeyman" was read as a task by
     * Mermaid 11, but a guard costs nothing); the others need a blank, `:` or `{` after. */
    if (k == 2 || next == '\0' || is_blank(next) || next == '{' || next == ':') {
      *changed = true;
      return arena_printf(a, "%.*s\xe2\x81\xa0%s", (int)n, s, s + n);
    }
  }
  return s;
}

const char *mermaid_fit(Arena *a, const char *s, MermaidPlace place, bool *changed) {
  *changed = false;
  StrBuf sb;
  sb_init(&sb, a);
  for (const char *p = s ? s : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    const char *r = replacement(c, place);
    if (c == '%' && sb.len && sb.data[sb.len - 1] == '%') {
      sb_puts(&sb, "\xef\xbc\x85"); /* ％: Mermaid reads `%%{…}%%` anywhere as a directive */
      *changed = true;
    } else if (r) {
      sb_puts(&sb, r);
      *changed = true;
    } else if (c < 0x20 || c == 0x7f) {
      sb_putc(&sb, ' ');
      *changed = true;
    } else if (c == 0xC2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9F) {
      sb_putc(&sb, ' '); /* a C1 control */
      p++;
      *changed = true;
    } else {
      sb_putc(&sb, (char)c);
    }
  }
  /* Mermaid trims what surrounds a name; that is not a change worth a warning. */
  const char *t = sb_str(&sb);
  while (is_blank(*t)) t++;
  size_t n = strlen(t);
  while (n && is_blank(t[n - 1])) n--;
  const char *fitted = arena_strndup(a, t, n);
  if (place == MM_TASK) {
    if (fitted[0] == '%') { /* `%%` at a line's start is a comment */
      fitted = arena_printf(a, "\xef\xbc\x85%s", fitted + 1); /* ％ U+FF05 */
      *changed = true;
    }
    fitted = guard_keyword(a, fitted, changed);
  }
  return fitted;
}

/* Rounds half away from zero, the same on every machine. */
static int round_half_away(double x) { return (int)(x < 0 ? -floor(-x + 0.5) : floor(x + 0.5)); }

int mermaid_score(double emotion) {
  int s = round_half_away(3 + 2 * emotion / 3);
  return s < 1 ? 1 : s > 5 ? 5 : s;
}

int mermaid_emotion(double score) { return round_half_away(1.5 * (score - 3)); }

void mermaid_put_jny_string(StrBuf *sb, const char *s) {
  sb_putc(sb, '"');
  for (const char *p = s ? s : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '"': sb_puts(sb, "\\\""); break;
    case '\\': sb_puts(sb, "\\\\"); break;
    case '\n': sb_puts(sb, "\\n"); break;
    case '\t': sb_puts(sb, "\\t"); break;
    case '\r': sb_puts(sb, "\\r"); break;
    case '{': sb_puts(sb, "\\{"); break;
    case '}': sb_puts(sb, "\\}"); break;
    default:
      if (c < 0x20 || c == 0x7f)
        sb_printf(sb, "\\u{%X}", c);
      else
        sb_putc(sb, (char)c);
    }
  }
  sb_putc(sb, '"');
}
