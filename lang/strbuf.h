/* strbuf.h — a growable string builder on an arena, so no message ever needs a fixed buffer. */
#ifndef JNY_STRBUF_H
#define JNY_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "arena.h"

typedef struct StrBuf {
  Arena *arena;
  char *data; /* always NUL-terminated once anything was added */
  size_t len, cap;
} StrBuf;

void sb_init(StrBuf *sb, Arena *arena);
void sb_add(StrBuf *sb, const char *s, size_t n);
void sb_puts(StrBuf *sb, const char *s);
void sb_putc(StrBuf *sb, char c);
void sb_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *sb, const char *fmt, va_list ap);
void sb_utf8(StrBuf *sb, unsigned codepoint); /* encode one code point */
const char *sb_str(StrBuf *sb);               /* "" when empty */

#endif
