/* session.h — a check as one library call: journey sources in; the model, an evaluator over it
 * and the sorted diagnostics out.
 *
 * Everything that needs a checked journey goes through session_check: the commands (check,
 * query, render, export), and whatever runs a check without a command line — a language server
 * on an unsaved buffer, a watch loop, a diff of two versions, the tests. The caller gives the
 * root sources as text (it decides where they come from and how a failure to read them is
 * told) and may replace the file system through which `use`d modules and data files are read
 * (lang/fileio.h); the session records every file read through it, so that a caller can watch
 * them or refuse to overwrite them.
 *
 * Nothing here prints: problems are diagnostics in the session's list.
 */
#ifndef JNY_SESSION_H
#define JNY_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "eval.h"
#include "fileio.h"
#include "model.h"
#include "source.h"

/* One root source, read by the caller. */
typedef struct SessionFile {
  const char *name; /* as messages show it: "map.jny", "<stdin>" */
  const char *path; /* where it is, for `use` relative to it; NULL when it has no file (stdin) */
  const char *text; /* its bytes (NUL-terminated after len, as FileText gives them) */
  size_t len;
} SessionFile;

typedef enum SessionDepth {
  /* Parse and resolve: the model and its diagnostics (evaluators on demand: session_eval_into). */
  SESSION_RESOLVE,
  /* Also, when the model has no error: type every expression, compute every KPI (so that a
   * measure failing at run time is reported even when nothing reads it) and run every check,
   * std.lint's too — what `jny check` reports. */
  SESSION_CHECK
} SessionDepth;

typedef struct SessionOptions {
  SessionDepth depth;
  bool has_today;
  Date today;           /* today() and overdue opportunities; else the system's date */
  const char *jny_path; /* JNY_PATH (folders separated by ':'), or NULL */
  const FileSystem *fs; /* where `use`d modules and data files are read; NULL: the disk */
} SessionOptions;

/* A file the run read through the file system (a module, a data file), in the order read. */
typedef struct SessionRead {
  const char *path; /* as the run named it */
  const char *key;  /* its identity (FileInfo.key), or NULL when it could not be told */
} SessionRead;

typedef struct Session {
  Arena *arena;
  SourceSet sources;
  DiagList diags; /* sorted (diag_sort) when session_check returns */
  Model *model;   /* never NULL: whatever resolved */
  bool resolved;  /* the model has no error: it can be evaluated */
  EvalCtx *eval;  /* SESSION_CHECK's, reporting into `diags`; NULL at SESSION_RESOLVE or when the
                   * model has errors */
  size_t nfiles;  /* the files the user is responsible for: roots and non-std modules */
  VEC(SessionRead) reads;
  /* private */
  FileSystem recorder;
  const FileSystem *inner;
} Session;

/* Builds everything in `a`; roots named twice (same path identity) are read once. */
void session_check(Session *s, Arena *a, const SessionFile *roots, size_t nroots,
                   const SessionOptions *opts);

/* A fresh evaluator over the session's model whose problems go to `into` (a query reports its
 * own run apart from the model's diagnostics). NULL when the model has errors. */
EvalCtx *session_eval_into(Session *s, const SessionOptions *opts, DiagList *into);
/* The same with a list nobody reads, for a stage that takes numbers without reporting them (a
 * view leaves out what cannot be computed: that is `jny check`'s to report). */
EvalCtx *session_quiet_eval(Session *s, const SessionOptions *opts);

#endif
