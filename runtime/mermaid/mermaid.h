/* mermaid.h — Mermaid interop: `jny export --format mermaid|mermaid-flowchart` and
 * `jny import mermaid`.
 *
 * Mermaid's `journey` diagram holds a title, sections, and tasks with a 1–5 score and actors;
 * nothing else. The export (mermaid_journey.c) writes a section per stage, a task per
 * touchpoint, the personas as actors, and keeps everything else — ids, exact names and
 * emotions, every attribute, every other declaration — in `%% jny` comment lines, which
 * Mermaid ignores and the import (mermaid_import.c) reads back, so that export → import →
 * export gives the same text. The flowchart (mermaid_flowchart.c) is the flow view for reading
 * only: a subgraph per stage, edges with rates, outcomes. Names are fitted to what Mermaid's
 * grammar can hold (mermaid_text.c), never giving a diagram that fails to parse.
 *
 * The `%% jny` comment lines (docs/sharing.md, "What the comments hold"):
 *   %% jny: LINE                       a line of jny source at the top level
 *   %% jny journey "NAME"              the journey's exact name
 *   %% jny KIND ID ["NAME"]            KIND persona, stage or touchpoint: its id and exact name;
 *   %% jny KIND ID std                 or: declared in a std module (not written back)
 *   %% jny KIND ID: LINE               one line of its block (for the journey: `journey: LINE`)
 *   %% jny| LINE                       the previous line goes on (a string over several lines)
 * A stage's header comment follows its `section` line, a touchpoint's its task line.
 *
 * Nothing here prints or writes files: the CLI does.
 */
#ifndef JNY_MERMAID_H
#define JNY_MERMAID_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "model.h"
#include "source.h"
#include "strbuf.h"

/* ---- mermaid_journey.c, mermaid_flowchart.c: export ---- */
/* `origin` names the input in the first comment line ("grocery.jny"). A name that had to be
 * changed to fit Mermaid is a warning E0805 at its declaration. */
void mermaid_export_journey(StrBuf *out, const Model *m, const char *origin, DiagList *diags);
/* ev gives each node's reach and each unrated flow's share, as the flow view shows them. */
void mermaid_export_flowchart(StrBuf *out, EvalCtx *ev, const Model *m, const char *origin,
                              DiagList *diags);

/* ---- mermaid_import.c: import ---- */
/* Reads source `file` of `sources` as a Mermaid journey and returns the .jny text in `jny fmt`'s
 * layout (in the arena, *len its length), or NULL when it has errors (E0801–E0804, at their
 * line and column in the Mermaid file). `out_name` names the generated text while it is parsed
 * (it is added to `sources`). */
const char *mermaid_import(Arena *a, SourceSet *sources, uint32_t file, const char *out_name,
                           DiagList *diags, size_t *len);

/* ---- mermaid_text.c: what both directions share ---- */
/* Where a piece of text goes in a journey diagram; each place forbids other characters. */
typedef enum MermaidPlace {
  MM_TITLE,   /* `title TEXT`: no # ; */
  MM_DESCR,   /* `accDescr: TEXT`: one line */
  MM_SECTION, /* `section TEXT`: no # : ; */
  MM_TASK,    /* `TEXT: score: actors`: no # : ; and no leading keyword or % */
  MM_ACTOR    /* an actor: no # : ; , */
} MermaidPlace;
/* s as it can stand at `place`: forbidden characters replaced by look-alikes (`:` U+2236,
 * `;` U+FF1B, `#` U+FF03, `,` U+201A, the second `%` of `%%` U+FF05), control characters and line
 * breaks by spaces, outer blanks trimmed. *changed tells whether anything but outer blanks changed.
 * May be "". */
const char *mermaid_fit(Arena *a, const char *s, MermaidPlace place, bool *changed);
/* The 1–5 score of an emotion -3..+3: round(3 + 2e/3), so -3→1, -1→2, 0→3, +1→4, +3→5 (the
 * face keeps the sign), and back: round(1.5 (s - 3)), so 2→-2 and 4→+2. */
int mermaid_score(double emotion);
int mermaid_emotion(double score);
/* A jny string literal: quotes, with \" \\ \n \t \r \{ \} and \u{…} for other controls. */
void mermaid_put_jny_string(StrBuf *sb, const char *s);

#endif
