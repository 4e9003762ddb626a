/* cli_model.c — what the commands that work on one model share (query, render, export): reading
 * the file and checking it (runtime/session/) with the diagnostics on standard error, and writing
 * a result to standard output or, atomically, to a file.
 *
 * A result file is written to a temporary file in the same folder and renamed over the target,
 * so that a reader never sees it half-written and a failed run leaves the old file in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diag_render.h"
#include "strbuf.h"

void cli_print_diags(Cli *cli, const SourceSet *sources, const DiagList *diags, size_t nfiles) {
  if (diags->len == 0) return;
  DiagRenderOptions ropt = {false};
  StrBuf out;
  sb_init(&out, cli->arena);
  for (size_t i = 0; i < diags->len; i++) {
    if (i > 0) sb_putc(&out, '\n');
    diag_render_text(&out, sources, diags->items[i], &ropt);
  }
  sb_putc(&out, '\n');
  diag_render_summary(&out, diags, nfiles, &ropt);
  fwrite(out.data, 1, out.len, stderr);
  fflush(stderr);
}

const char *cli_jny_path(void) {
  const char *p = getenv("JNY_PATH");
  return p && *p ? p : NULL;
}

int cli_load_model(Cli *cli, const char *file, const CliModelOptions *mo, CliModel *out) {
  memset(out, 0, sizeof *out);
  FileText ft;
  if (!cli_read_input(cli, file, &ft)) return CLI_EXIT_USAGE;
  bool is_stdin = strcmp(file, "-") == 0;
  SessionFile root = {is_stdin ? "<stdin>" : file, is_stdin ? NULL : file, ft.text, ft.len};
  out->options = (SessionOptions){SESSION_RESOLVE, mo->has_today, mo->today, cli_jny_path(), NULL};
  session_check(&out->session, cli->arena, &root, 1, &out->options);
  out->model = out->session.model;
  cli_print_diags(cli, &out->session.sources, &out->session.diags, out->session.nfiles);
  return out->session.diags.errors > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

/* "dir/name" -> "dir/.name.XXXXXX", in the same folder so that rename(2) is atomic. */
static char *temp_template(Cli *cli, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return arena_printf(cli->arena, ".%s.XXXXXX", path);
  return arena_printf(cli->arena, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
}

/* New files get the permissions any file created here would get (0666 less the umask), not
 * mkstemp's 0600. */
static void set_default_mode(int fd) {
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
}

static void output_failed(CliOutput *o, int err) {
  if (!o->ok) return;
  o->ok = false;
  o->err = err ? err : EIO;
}

/* The file a path names, symbolic links followed (40 at most, the kernel's own limit): the
 * temporary file must be renamed over the file itself, since renaming it over a link would
 * replace the link with a copy and leave the file it points to as it was. A link to nothing yet
 * leads to the file to create. */
static const char *follow_links(Cli *cli, const char *path) {
  for (int hops = 0; hops < 40; hops++) {
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode)) return path;
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
    char *target = arena_alloc(cli->arena, cap);
    ssize_t n = readlink(path, target, cap);
    if (n < 0 || (size_t)n >= cap) return path;
    target[n] = '\0';
    const char *slash = strrchr(path, '/');
    path = target[0] == '/' || !slash
               ? target
               : arena_printf(cli->arena, "%.*s/%s", (int)(slash - path), path, target);
  }
  return path;
}

bool cli_output_open(Cli *cli, const char *path, CliOutput *o) {
  memset(o, 0, offsetof(CliOutput, buffer));
  o->cli = cli;
  o->ok = true;
  o->fd = -1;
  if (!path || strcmp(path, "-") == 0) return true;
  o->path = path;
  const char *file = follow_links(cli, path);
  /* A device or a pipe (-o /dev/stdout, a fifo) is written in place: renaming over it would
   * replace it with a regular file. A file that exists keeps its permissions. */
  struct stat st;
  bool exists = stat(file, &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    o->fd = open(file, O_WRONLY | O_TRUNC);
  } else {
    o->target = file;
    o->tmp = temp_template(cli, file);
    o->fd = mkstemp(o->tmp);
    if (o->fd >= 0 && exists) fchmod(o->fd, st.st_mode & 07777);
    if (o->fd >= 0 && !exists) set_default_mode(o->fd);
  }
  if (o->fd >= 0) return true;
  cli_error(cli, "cannot write '%s': %s", cli_quote(cli, path), strerror(errno));
  return false;
}

static void write_fd(CliOutput *o, const char *data, size_t n) {
  while (o->ok && n > 0) {
    ssize_t w = write(o->fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      output_failed(o, errno);
      break;
    }
    data += w;
    n -= (size_t)w;
  }
}

static void flush_buffer(CliOutput *o) {
  write_fd(o, o->buffer, o->buffered);
  o->buffered = 0;
}

void cli_output_write(CliOutput *o, const char *data, size_t n) {
  if (!o->path) {
    cli_write(o->cli, data, n); /* stdio buffers standard output */
    return;
  }
  if (o->buffered + n > sizeof o->buffer) flush_buffer(o);
  if (n >= sizeof o->buffer) {
    write_fd(o, data, n);
    return;
  }
  memcpy(o->buffer + o->buffered, data, n);
  o->buffered += n;
}

bool cli_output_close(CliOutput *o) {
  if (!o->path) return true;
  flush_buffer(o);
  /* on disk before the rename, so that a crash leaves the old file or the new one, not an
   * empty one */
  if (o->ok && o->tmp && fsync(o->fd) != 0) output_failed(o, errno);
  if (close(o->fd) != 0) output_failed(o, errno);
  if (o->ok && o->tmp && rename(o->tmp, o->target) != 0) output_failed(o, errno);
  if (o->ok) return true;
  if (o->tmp) unlink(o->tmp);
  cli_error(o->cli, "cannot write '%s': %s", cli_quote(o->cli, o->path), strerror(o->err));
  return false;
}

bool cli_write_output(Cli *cli, const char *path, const char *data, size_t n) {
  CliOutput o;
  if (!cli_output_open(cli, path, &o)) return false;
  cli_output_write(&o, data, n);
  return cli_output_close(&o);
}

static int dump_chunk(const char *buffer, size_t size, void *data) {
  CliOutput *o = data;
  cli_output_write(o, buffer, size);
  return o->ok && !o->cli->out_errno ? 0 : -1;
}

bool cli_output_json(CliOutput *o) {
  /* Streamed: nothing is allocated in the arena while jansson runs, so no out-of-memory jump
   * can leave it half-way. Reals with 15 significant digits print 0.3 as 0.3. */
  Cli *cli = o->cli;
  size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
  int rc = json_dump_callback(cli->json, dump_chunk, o, flags);
  json_decref(cli->json);
  cli->json = NULL;
  if (rc != 0 && o->ok && !cli->out_errno) cli_out_of_memory(cli); /* jansson's own allocation */
  cli_output_write(o, "\n", 1);
  return o->ok;
}
