/* fileio.h — reading a whole file into an arena, with a reason when it cannot be read.
 * Shared by the CLI (the files named on the command line) and the loader (`use`d files). */
#ifndef JNY_FILEIO_H
#define JNY_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"

typedef struct FileText {
  char *text; /* NUL-terminated after len */
  size_t len;
} FileText;

/* Reads all of path ("-" is not special here). On failure returns false and sets *why to a
 * short reason ("No such file or directory", "is a directory", "larger than 256 MiB"). */
bool file_read_all(Arena *a, const char *path, FileText *out, const char **why);
/* Reads a stream to its end (standard input). */
bool file_read_stream(Arena *a, FILE *f, FileText *out, const char **why);

#endif
