/* overlay_fs.c — see overlay_fs.h. Files in memory are few (the open buffers of an editor, the
 * files of one revision a journey reads), so a linear search is enough. */
#include "overlay_fs.h"

#include <string.h>

#include "resolve.h" /* load_sibling_path: the loader's own normalisation */

static const OverlayFile *find(const OverlayFs *o, Arena *a, const char *path) {
  for (size_t i = 0; i < o->files.len; i++)
    if (strcmp(o->files.items[i].path, path) == 0) return &o->files.items[i];
  const char *norm = load_sibling_path(a, "", path);
  if (strcmp(norm, path) == 0) return NULL;
  for (size_t i = 0; i < o->files.len; i++)
    if (strcmp(o->files.items[i].path, norm) == 0) return &o->files.items[i];
  return NULL;
}

static FileStatus ov_stat(const FileSystem *fs, Arena *a, const char *path, FileInfo *out,
                          const char **why) {
  const OverlayFs *o = fs->ctx;
  const OverlayFile *f = find(o, a, path);
  if (f) {
    *out = (FileInfo){arena_printf(a, "overlay:%s", f->path), false, true, f->len};
    return FILE_OK;
  }
  return o->below ? o->below->stat(o->below, a, path, out, why) : FILE_MISSING;
}

static FileStatus ov_read_all(const FileSystem *fs, Arena *a, const char *path, FileText *out,
                              const char **why) {
  const OverlayFs *o = fs->ctx;
  const OverlayFile *f = find(o, a, path);
  if (f) {
    *out = (FileText){(char *)f->text, f->len};
    return FILE_OK;
  }
  return o->below ? o->below->read_all(o->below, a, path, out, why) : FILE_MISSING;
}

/* A file in memory read as a stream. */
typedef struct MemReader {
  const char *text;
  size_t len, at;
} MemReader;

static long long mem_read(void *state, char *buf, size_t cap, const char **why) {
  (void)why;
  MemReader *m = state;
  size_t n = m->len - m->at < cap ? m->len - m->at : cap;
  memcpy(buf, m->text + m->at, n);
  m->at += n;
  return (long long)n;
}

static FileStatus ov_open(const FileSystem *fs, Arena *a, const char *path, FileReader *out,
                          const char **why) {
  const OverlayFs *o = fs->ctx;
  const OverlayFile *f = find(o, a, path);
  if (f) {
    MemReader *m = arena_alloc(a, sizeof *m);
    *m = (MemReader){f->text, f->len, 0};
    *out = (FileReader){mem_read, m};
    return FILE_OK;
  }
  if (!o->below) {
    *why = "No such file or directory";
    return FILE_MISSING;
  }
  return o->below->open(o->below, a, path, out, why);
}

static void ov_close(const FileSystem *fs, FileReader *r) {
  const OverlayFs *o = fs->ctx;
  if (r->read == mem_read) return; /* nothing held */
  if (o->below && o->below->close) o->below->close(o->below, r);
}

void overlay_fs_init(OverlayFs *o, Arena *a, const FileSystem *below) {
  memset(o, 0, sizeof *o);
  o->fs = (FileSystem){ov_stat, ov_read_all, ov_open, ov_close, o};
  o->below = below;
  o->arena = a;
}

void overlay_fs_put(OverlayFs *o, const char *path, const char *text, size_t len) {
  for (size_t i = 0; i < o->files.len; i++)
    if (strcmp(o->files.items[i].path, path) == 0) {
      o->files.items[i].text = text;
      o->files.items[i].len = len;
      return;
    }
  VEC_PUSH(o->arena, o->files, ((OverlayFile){arena_strdup(o->arena, path), text, len}));
}
