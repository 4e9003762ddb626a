/* std_modules.h — the std modules, embedded at build time from stdlib/ (tools/embed.c writes
 * build/stdlib_embed.c), so what users read in stdlib/ is exactly what runs. */
#ifndef JNY_STD_MODULES_H
#define JNY_STD_MODULES_H

#include <stddef.h>

typedef struct StdlibModule {
  const char *name; /* "std.stages.classic" for stdlib/std/stages/classic.jny */
  const char *text;
  size_t len;
} StdlibModule;

extern const StdlibModule STDLIB_MODULES[];
extern const size_t STDLIB_COUNT;

const StdlibModule *stdlib_find(const char *name); /* NULL when there is no such module */

#endif
