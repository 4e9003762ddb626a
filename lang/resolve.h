/* resolve.h — from source files to one resolved Model.
 *
 * model_build parses the root sources, follows `use` (relative files, then embedded std
 * modules, then JNY_PATH), loads each module once, and resolves every declaration against the
 * schema (schema.h): one namespace, references checked for existence and kind, attributes
 * checked for arity, type and range. Problems go to the DiagList; a model is always returned,
 * holding whatever resolved, so that later stages can still run where it is safe.
 */
#ifndef JNY_RESOLVE_H
#define JNY_RESOLVE_H

#include "diag.h"
#include "fileio.h"
#include "model.h"
#include "source.h"

/* How deep `use` may chain (E0403): 64 files deep is far beyond real layering, and stops a
 * generated chain from exhausting the stack. */
#define RESOLVE_MAX_MODULE_DEPTH 64

typedef struct ModelInput {
  Arena *arena; /* the model's and every parsed file's memory */
  DiagList *diags;
  SourceSet *sources; /* the roots are already in it; loaded modules are added */
  const uint32_t *roots;
  size_t nroots;
  const char *jny_path; /* the JNY_PATH value (colon-separated folders) or NULL */
  const FileSystem *fs; /* where `use`d files are read from; NULL: the disk */
} ModelInput;

Model *model_build(const ModelInput *in);

/* rel next to file, as `use "rel"` and `data … from "rel"` find it: file's folder joined with
 * rel, normalised lexically ("./" dropped, "dir/.." folded). An absolute rel, or a file without
 * a folder, gives rel normalised. */
char *load_sibling_path(Arena *a, const char *file, const char *rel);

/* Resolves clause lines parsed on their own (parse_clauses: an ad-hoc query typed on the
 * command line) against a built model, exactly as the block of a `query` declaration: the
 * same checks and name resolution, problems added to diags at spans in the clauses' source.
 * `whole` is the span of the whole text (where a missing `from` is reported). The query is
 * not added to the model. Never NULL. */
Query *model_resolve_adhoc_query(Model *m, DiagList *diags, Attr **attrs, size_t nattrs,
                                 Span whole);

#endif
