/* fileio.c — see fileio.h. A regular file of 1 MiB or more is mapped into memory rather than
 * read: its pages come straight from the page cache, where a copy would cost as much again in
 * fresh memory, the most expensive thing jny touches (docs/performance.md). A smaller file is
 * read into a buffer of its exact size; pipes and special files in growing chunks.
 *
 * A mapped file that another program truncates while jny reads it would fault; editors that save
 * by writing a new file and renaming it (most do) never touch the mapped one. */
#include "fileio.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

/* Reads f to its end into buf (cap bytes, one more for the NUL), growing it when the guess was
 * short (a file that grew since stat, a pipe). */
static bool read_into(Arena *a, FILE *f, char *buf, size_t cap, FileText *out, const char **why) {
  size_t len = 0;
  for (;;) {
    if (len == cap) {
      if (cap > SOURCE_MAX_BYTES) {
        *why = "larger than 256 MiB, the most jny reads";
        return false;
      }
      /* one byte past the limit, so that a file of exactly the limit is read to its end */
      size_t ncap = cap * 2 > SOURCE_MAX_BYTES ? (size_t)SOURCE_MAX_BYTES + 1 : cap * 2;
      buf = arena_grow(a, buf, len, ncap + 1); /* zeroed past len: harmless */
      cap = ncap;
    }
    size_t n = fread(buf + len, 1, cap - len, f);
    len += n;
    if (n == 0) {
      if (ferror(f)) {
        *why = strerror(errno ? errno : EIO);
        return false;
      }
      break;
    }
  }
  if (len > SOURCE_MAX_BYTES) {
    *why = "larger than 256 MiB, the most jny reads";
    return false;
  }
  buf[len] = '\0';
  out->text = buf;
  out->len = len;
  return true;
}

bool file_read_stream(Arena *a, FILE *f, FileText *out, const char **why) {
  size_t cap = 64 * 1024;
  return read_into(a, f, arena_alloc_bytes(a, cap + 1), cap, out, why);
}

/* Mapping pays from about this size on; below it, reading costs nothing worth saving. */
enum { FILE_MAP_MIN = 1024 * 1024 };

typedef struct Mapping {
  void *addr;
  size_t len;
} Mapping;

static void unmap(void *ud) {
  Mapping *m = ud;
  munmap(m->addr, m->len);
}

/* Maps f when its size leaves room for the terminating NUL in its last page (the rest of the
 * last page of a mapping reads as zeros); false when it does not, or mapping fails. */
static bool map_file(Arena *a, FILE *f, size_t size, FileText *out) {
  long page = sysconf(_SC_PAGESIZE);
  if (size < FILE_MAP_MIN || page <= 0 || size % (size_t)page == 0) return false;
  Mapping *m = arena_alloc(a, sizeof *m); /* before mmap: an out-of-memory jump leaks nothing */
  /* Private and writable: the text is the caller's to change, never the file's. */
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fileno(f), 0);
  if (p == MAP_FAILED) return false;
  *m = (Mapping){p, size};
  arena_on_free(a, unmap, m);
  out->text = p;
  out->len = size;
  return true;
}

bool file_read_all(Arena *a, const char *path, FileText *out, const char **why) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    *why = strerror(errno);
    return false;
  }
  /* What the opened file is and its size, not what the path named a moment before: mapping the
   * size of a file since replaced by a shorter one would fault past its end. */
  struct stat st;
  const char *problem = NULL;
  if (fstat(fileno(f), &st) != 0)
    problem = strerror(errno);
  else if (S_ISDIR(st.st_mode))
    problem = "is a directory";
  else if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SOURCE_MAX_BYTES)
    problem = "larger than 256 MiB, the most jny reads"; /* said before reading any of it */
  if (problem) {
    *why = problem;
    fclose(f);
    return false;
  }
  bool regular = S_ISREG(st.st_mode) && st.st_size > 0;
  if (regular && map_file(a, f, (size_t)st.st_size, out)) {
    fclose(f);
    return true;
  }
  /* One byte more than the size, so that reaching the end needs no second buffer. */
  size_t cap = regular ? (size_t)st.st_size + 1 : 64 * 1024;
  bool ok = read_into(a, f, arena_alloc_bytes(a, cap + 1), cap, out, why);
  fclose(f);
  return ok;
}

/* ---- the disk as a FileSystem ---- */

static FileStatus disk_stat(const FileSystem *fs, Arena *a, const char *path, FileInfo *out,
                            const char **why) {
  (void)fs;
  struct stat st;
  memset(out, 0, sizeof *out);
  if (stat(path, &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return FILE_MISSING;
    *why = strerror(errno);
    return FILE_FAILED;
  }
  out->key = arena_printf(a, "file:%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
  out->is_folder = S_ISDIR(st.st_mode);
  out->is_regular = S_ISREG(st.st_mode);
  out->size = out->is_regular ? (unsigned long long)st.st_size : 0;
  return FILE_OK;
}

static FileStatus disk_read_all(const FileSystem *fs, Arena *a, const char *path, FileText *out,
                                const char **why) {
  (void)fs;
  if (file_read_all(a, path, out, why)) return FILE_OK;
  return errno == ENOENT ? FILE_MISSING : FILE_FAILED;
}

/* An open stdio stream, closed by the arena unless closed before. */
typedef struct DiskStream {
  FILE *f;
} DiskStream;

static void disk_stream_free(void *ud) {
  DiskStream *s = ud;
  if (s->f) fclose(s->f);
  s->f = NULL;
}

static long long disk_stream_read(void *state, char *buf, size_t cap, const char **why) {
  DiskStream *s = state;
  size_t n = fread(buf, 1, cap, s->f);
  if (n == 0 && ferror(s->f)) {
    *why = strerror(errno ? errno : EIO);
    return -1;
  }
  return (long long)n;
}

static FileStatus disk_open(const FileSystem *fs, Arena *a, const char *path, FileReader *out,
                            const char **why) {
  (void)fs;
  DiskStream *s = arena_alloc(a, sizeof *s); /* before fopen: an out-of-memory jump leaks nothing */
  s->f = fopen(path, "rb");
  if (!s->f) {
    *why = strerror(errno);
    return errno == ENOENT ? FILE_MISSING : FILE_FAILED;
  }
  struct stat st;
  if (fstat(fileno(s->f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(s->f);
    s->f = NULL;
    *why = "it is a folder";
    return FILE_FAILED;
  }
  arena_on_free(a, disk_stream_free, s);
  *out = (FileReader){disk_stream_read, s};
  return FILE_OK;
}

static void disk_close(const FileSystem *fs, FileReader *r) {
  (void)fs;
  if (r->state) disk_stream_free(r->state);
  r->state = NULL;
}

static const FileSystem DISK = {disk_stat, disk_read_all, disk_open, disk_close, NULL};

const FileSystem *file_system_disk(void) { return &DISK; }

long long file_reader_read(FileReader *r, char *buf, size_t cap, const char **why) {
  return r->read(r->state, buf, cap, why);
}

void file_reader_close(const FileSystem *fs, FileReader *r) {
  if (fs->close) fs->close(fs, r);
}
