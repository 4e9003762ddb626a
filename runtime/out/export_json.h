/* export_json.h — the resolved model as a JSON tree (jansson), for `jny export --format json`.
 *
 * The layout is documented in docs/language.md ("Export"); EXPORT_JSON_VERSION is bumped only
 * when a field changes meaning or disappears (adding a field does not bump it). Nothing here
 * writes to a stream: the CLI owns the tree and decides where it goes.
 */
#ifndef JNY_EXPORT_JSON_H
#define JNY_EXPORT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "model.h"

struct json_t;

#define EXPORT_JSON_VERSION 1

/* Where the text goes: jansson's json_dump_callback_t. Returns 0, or -1 to stop. */
typedef int (*ExportWriteFn)(const char *buffer, size_t size, void *data);

/* Writes the model as JSON text (2-space indentation, keys in a fixed order, a final newline)
 * through write, building one entity's object at a time so that memory stays small whatever
 * the size of the model. *live holds the jansson value being built, for the caller to free if
 * scratch runs out of memory and jumps away. Returns false when jansson could not allocate or
 * write returned -1. */
bool export_model_json(const Model *m, Arena *scratch, struct json_t **live, ExportWriteFn write,
                       void *data);

/* A JSON number for a model value: an integer when the value is whole (and exactly
 * representable), a real otherwise. NULL when jansson could not allocate. */
struct json_t *export_json_number(double value);

/* A JSON string from n bytes, invalid UTF-8 replaced by U+FFFD (jansson refuses it). */
struct json_t *export_json_string(Arena *scratch, const char *s, size_t n);

#endif
