/* overlay_fs.h — a FileSystem (lang/fileio.h) that serves some files from memory and the rest
 * from another file system: a language server's unsaved buffers over the disk, a git revision's
 * files, a test's whole world with no disk at all.
 *
 * A path is matched as given and, when it names no file in memory, in its normalised form
 * (a/./b/../c is a/c), so that `use "../x.jny"` finds a buffer registered as "x.jny". */
#ifndef JNY_OVERLAY_FS_H
#define JNY_OVERLAY_FS_H

#include <stddef.h>

#include "arena.h"
#include "fileio.h"

typedef struct OverlayFile {
  const char *path;
  const char *text; /* NUL-terminated after len */
  size_t len;
} OverlayFile;

typedef struct OverlayFs {
  FileSystem fs;           /* hand &overlay.fs to a session */
  const FileSystem *below; /* NULL: a file not in memory is missing */
  Arena *arena;
  VEC(OverlayFile) files;
} OverlayFs;

/* The overlay must stay where it is while its fs is used. */
void overlay_fs_init(OverlayFs *o, Arena *a, const FileSystem *below);
/* Adds a file, or replaces the text of one added before under the same path. The text is
 * not copied: it must live as long as the overlay is used. */
void overlay_fs_put(OverlayFs *o, const char *path, const char *text, size_t len);

#endif
