/* version.h — the one place the version lives; `jny --version` prints it and the JSON output
 * formats carry their own format numbers separately (they change far less often). */
#ifndef JNY_VERSION_H
#define JNY_VERSION_H

#define JNY_VERSION "0.2.0"

#endif
