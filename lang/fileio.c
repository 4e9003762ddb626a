/* fileio.c — see fileio.h. Reads in chunks so that pipes and special files work too. */
#include "fileio.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "source.h"

bool file_read_stream(Arena *a, FILE *f, FileText *out, const char **why) {
  size_t cap = 64 * 1024, len = 0;
  char *buf = arena_alloc(a, cap + 1);
  for (;;) {
    if (len == cap) {
      if (cap > SOURCE_MAX_BYTES) {
        *why = "larger than 256 MiB, the most jny reads";
        return false;
      }
      /* one byte past the limit, so that a file of exactly the limit is read to its end */
      size_t ncap = cap * 2 > SOURCE_MAX_BYTES ? (size_t)SOURCE_MAX_BYTES + 1 : cap * 2;
      buf = arena_grow(a, buf, len, ncap + 1);
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

bool file_read_all(Arena *a, const char *path, FileText *out, const char **why) {
  struct stat st;
  if (stat(path, &st) != 0) {
    *why = strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    *why = "is a directory";
    return false;
  }
  if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SOURCE_MAX_BYTES) {
    *why = "larger than 256 MiB, the most jny reads"; /* said before reading any of it */
    return false;
  }
  FILE *f = fopen(path, "rb");
  if (!f) {
    *why = strerror(errno);
    return false;
  }
  bool ok = file_read_stream(a, f, out, why);
  fclose(f);
  return ok;
}
