/* fileio.h — reading files into an arena, with a reason when one cannot be read; and the
 * FileSystem through which a run reads every file after the ones it was given: `use`d modules
 * (lang/load.c) and data files (runtime/eval/). The disk is the default; a language server's
 * open buffers, a git revision or a test's memory take its place through the same calls, so
 * no stage after the command line opens a file by itself. */
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

/* ---- the file system of a run ---- */

typedef enum FileStatus {
  FILE_OK,
  FILE_MISSING, /* nothing at that path (a `use` then looks further along JNY_PATH) */
  FILE_FAILED   /* something there that cannot be read; *why says what */
} FileStatus;

typedef struct FileInfo {
  const char *key;         /* equal for two paths of one file (device and inode on the disk) */
  bool is_folder;          /* a folder: never read */
  bool is_regular;         /* a regular file, whose size is known */
  unsigned long long size; /* bytes, when is_regular */
} FileInfo;

/* A file read piece by piece (a data table, an event log: too large to hold twice). */
typedef struct FileReader {
  /* Up to cap bytes into buf: how many, 0 at the end, -1 on an error (*why set). */
  long long (*read)(void *state, char *buf, size_t cap, const char **why);
  void *state;
} FileReader;

typedef struct FileSystem FileSystem;
struct FileSystem {
  /* What path names, without reading it. */
  FileStatus (*stat)(const FileSystem *fs, Arena *a, const char *path, FileInfo *out,
                     const char **why);
  /* All of the file, NUL-terminated after len, kept as long as the arena. */
  FileStatus (*read_all)(const FileSystem *fs, Arena *a, const char *path, FileText *out,
                         const char **why);
  /* The file as a stream; whatever it holds open is released when the arena is freed, or at
   * once by file_reader_close. */
  FileStatus (*open)(const FileSystem *fs, Arena *a, const char *path, FileReader *out,
                     const char **why);
  /* Releases what open holds (NULL: the arena releases it). */
  void (*close)(const FileSystem *fs, FileReader *r);
  void *ctx; /* the implementation's own */
};

/* The disk: stat(2), file_read_all, stdio. */
const FileSystem *file_system_disk(void);
/* r->read, with the reader's own signature hidden. */
long long file_reader_read(FileReader *r, char *buf, size_t cap, const char **why);
void file_reader_close(const FileSystem *fs, FileReader *r);

#endif
