/* cli_init.c — `jny init [--template NAME] [FILE]`: write a commented starter journey to edit
 * into one's own.
 *
 * The templates are the files in templates/, embedded at build time by the stdlib's generator
 * (tools/embed.c, its names renamed by the Makefile), so what a reader sees in templates/ is
 * exactly what jny writes, and tests/cli/init.sh checks each one clean with std.lint.
 *
 * An existing file is never replaced: the text goes to a temporary file in the target's
 * folder, which is then hard-linked to the target name — link(2) fails when the name exists,
 * and the name appears with its whole content or not at all. On a file system without hard
 * links the file is created with O_EXCL and written in place.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "std_modules.h"

/* build/templates_embed.c: the embed tool's table under other names (see the Makefile). */
extern const StdlibModule TEMPLATE_FILES[];
extern const size_t TEMPLATE_COUNT;

const char CLI_INIT_HELP[] =
    "Usage: jny init [OPTIONS] [FILE]\n"
    "\n"
    "Writes a commented starter journey to FILE (default: journey.jny) to edit into\n"
    "your own. Every template passes 'jny check' with no problem, std.lint's rules\n"
    "included. An existing FILE is never replaced. '-' writes to standard output.\n"
    "\n"
    "Templates:\n"
    "  classic  (default) an online shop over the classic stages (std.stages.classic):\n"
    "           a persona, touchpoints with emotions and a pain, flows with rates,\n"
    "           outcomes, an opportunity, a KPI from reach(), a check and a query\n"
    "  saas     a free trial that should become a paid plan (std.stages.saas), and\n"
    "           how survey answers feed an NPS KPI\n"
    "  service  a service blueprint of a visit in person: its own stages, evidence,\n"
    "           backstage and support rows, durations, and a time-per-stage query\n"
    "\n"
    "Options:\n"
    "  --template NAME  classic, saas or service (default classic)\n"
    "  --list           print the template names, one a line, and exit\n"
    "  -h, --help       show this help\n"
    "\n"
    "Exit status:\n"
    "  0  written\n"
    "  2  usage error (an unknown template among them), FILE already exists, or it\n"
    "     cannot be written\n";

enum { OPT_TEMPLATE, OPT_LIST, OPT_HELP };

static const CliOption INIT_OPTIONS[] = {
    {"template", 0, true, OPT_TEMPLATE},
    {"list", 0, false, OPT_LIST},
    {"help", 'h', false, OPT_HELP},
};

#define DEFAULT_FILE "journey.jny"

static const StdlibModule *find_template(const char *name) {
  for (size_t i = 0; i < TEMPLATE_COUNT; i++)
    if (strcmp(TEMPLATE_FILES[i].name, name) == 0) return &TEMPLATE_FILES[i];
  return NULL;
}

static int unknown_template(Cli *cli, const char *name) {
  const char **names = arena_alloc(cli->arena, TEMPLATE_COUNT * sizeof *names);
  for (size_t i = 0; i < TEMPLATE_COUNT; i++) names[i] = TEMPLATE_FILES[i].name;
  const char *hint = cli_suggest(cli, name, names, TEMPLATE_COUNT);
  if (hint)
    return cli_usage_error(cli, "unknown template '%s'; did you mean '%s'?", cli_quote(cli, name),
                           hint);
  return cli_usage_error(cli, "unknown template '%s' (expected classic, saas or service)",
                         cli_quote(cli, name));
}

static bool write_all(int fd, const char *text, size_t len) {
  for (size_t done = 0; done < len;) {
    ssize_t n = write(fd, text + done, len - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += (size_t)n;
  }
  return true;
}

/* "dir/name" -> "dir/.name.init-XXXXXX": in the same folder, so that link(2) works. */
static char *temp_name(Cli *cli, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return arena_printf(cli->arena, ".%s.init-XXXXXX", path);
  return arena_printf(cli->arena, "%.*s/.%s.init-XXXXXX", (int)(slash - path), path, slash + 1);
}

static int exists_error(Cli *cli, const char *path) {
  cli_error(cli, "'%s' already exists; jny init never replaces a file (name another one)",
            cli_quote(cli, path));
  return CLI_EXIT_USAGE;
}

static int write_error(Cli *cli, const char *path, int err) {
  cli_error(cli, "cannot write '%s': %s", cli_quote(cli, path), strerror(err ? err : EIO));
  return CLI_EXIT_USAGE;
}

/* Without hard links: create the name exclusively and write in place. */
static int write_exclusive(Cli *cli, const char *path, const StdlibModule *t) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (fd < 0) return errno == EEXIST ? exists_error(cli, path) : write_error(cli, path, errno);
  bool ok = write_all(fd, t->text, t->len);
  int err = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (ok) return CLI_EXIT_OK;
  unlink(path);
  return write_error(cli, path, err);
}

/* New files get the permissions any file created here would get (0666 less the umask), not
 * mkstemp's 0600. */
static void set_default_mode(int fd) {
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
}

static int write_new_file(Cli *cli, const char *path, const StdlibModule *t) {
  struct stat st;
  if (lstat(path, &st) == 0) {
    if (!S_ISDIR(st.st_mode)) return exists_error(cli, path);
    cli_error(cli, "'%s' is a folder; name a file to write", cli_quote(cli, path));
    return CLI_EXIT_USAGE;
  }
  char *tmp = temp_name(cli, path);
  int fd = mkstemp(tmp);
  if (fd < 0) return write_error(cli, path, errno);
  set_default_mode(fd);
  bool ok = write_all(fd, t->text, t->len) && fsync(fd) == 0;
  int err = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    unlink(tmp);
    return write_error(cli, path, err);
  }
  int linked = link(tmp, path), link_err = errno;
  unlink(tmp);
  if (linked == 0) return CLI_EXIT_OK;
  if (link_err == EEXIST) return exists_error(cli, path);
  if (link_err == EPERM || link_err == EOPNOTSUPP || link_err == ENOSYS || link_err == EXDEV)
    return write_exclusive(cli, path, t);
  return write_error(cli, path, link_err);
}

int cli_init(Cli *cli, int argc, char **argv) {
  CliArgs args;
  cli_args_init(&args, argc, argv, INIT_OPTIONS, sizeof INIT_OPTIONS / sizeof INIT_OPTIONS[0]);
  const char *name = "classic", *file = NULL;
  bool list = false;
  for (;;) {
    CliArg a = cli_args_next(cli, &args);
    if (a.kind == CLI_ARG_END) break;
    if (a.kind == CLI_ARG_ERROR) return CLI_EXIT_USAGE;
    if (a.kind == CLI_ARG_OPERAND) {
      if (file)
        return cli_usage_error(cli, "one file at a time, not '%s' too", cli_quote(cli, a.value));
      file = a.value;
      continue;
    }
    switch (a.id) {
    case OPT_HELP: return cli_print_help(cli, CLI_INIT_HELP);
    case OPT_TEMPLATE: name = a.value; break;
    case OPT_LIST: list = true; break;
    }
  }
  if (list) {
    for (size_t i = 0; i < TEMPLATE_COUNT; i++)
      cli_print(cli, arena_printf(cli->arena, "%s\n", TEMPLATE_FILES[i].name));
    return CLI_EXIT_OK;
  }
  const StdlibModule *t = find_template(name);
  if (!t) return unknown_template(cli, name);
  if (!file) file = DEFAULT_FILE;
  if (!*file) return cli_usage_error(cli, "the file name is empty");
  if (strcmp(file, "-") == 0) {
    cli_write(cli, t->text, t->len);
    return CLI_EXIT_OK;
  }
  /* The message is made before the file: past the write nothing allocates, so running out of
   * memory never leaves a file behind that a second try would refuse to replace. */
  const char *done = arena_printf(cli->arena,
                                  "wrote %s (template %s)\n"
                                  "next: edit it, then run 'jny check %s'\n",
                                  cli_quote(cli, file), t->name, cli_quote(cli, file));
  int status = write_new_file(cli, file, t);
  if (status == CLI_EXIT_OK) cli_print(cli, done);
  return status;
}
