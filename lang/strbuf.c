/* strbuf.c — see strbuf.h. Growth doubles, so the arena waste is bounded by the final size. */
#include "strbuf.h"

#include <stdio.h>
#include <string.h>

void sb_init(StrBuf *sb, Arena *arena) {
  sb->arena = arena;
  sb->data = NULL;
  sb->len = sb->cap = 0;
}

static void reserve(StrBuf *sb, size_t extra) {
  if (sb->len + extra + 1 <= sb->cap) return;
  size_t ncap = sb->cap ? sb->cap : 64;
  while (ncap < sb->len + extra + 1) ncap *= 2;
  sb->data = arena_grow(sb->arena, sb->data, sb->len, ncap);
  sb->cap = ncap;
}

void sb_add(StrBuf *sb, const char *s, size_t n) {
  reserve(sb, n);
  if (n) memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = '\0';
}

void sb_puts(StrBuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }

void sb_putc(StrBuf *sb, char c) { sb_add(sb, &c, 1); }

void sb_vprintf(StrBuf *sb, const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n <= 0) return;
  reserve(sb, (size_t)n);
  vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
  sb->len += (size_t)n;
}

void sb_printf(StrBuf *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(sb, fmt, ap);
  va_end(ap);
}

void sb_utf8(StrBuf *sb, unsigned cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | (cp >> 6));
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12));
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  sb_add(sb, b, n);
}

const char *sb_str(StrBuf *sb) { return sb->data ? sb->data : ""; }
