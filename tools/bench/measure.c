/* measure.c — the benchmark's stopwatch: runs a command a few times and prints its median wall
 * time and its peak memory, with nothing else between us and the kernel (no shell, no GNU time).
 *
 * Usage: measure [-n RUNS] [-i STDIN] [-o STDOUT] -- COMMAND [ARG...]
 *
 * Prints one line: "SECONDS PEAK_KIB STATUS CPU_SECONDS": the shortest wall time of RUNS runs
 * (default 3) — the run the other processes of a shared machine disturbed least —, the largest
 * peak resident set of any run (getrusage's ru_maxrss, in KiB), the exit status of the last run
 * (128 + N for a signal) and the least CPU time (user + system) of a run. Standard input comes from
 * STDIN (default /dev/null), standard output goes to STDOUT (default /dev/null), standard error to
 * /dev/null. The wall time is CLOCK_MONOTONIC around fork and wait, so process start-up counts: it
 * is part of what a user waits for. Built by tools/bench/run.sh; not part of jny.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_RUNS = 99 };

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void redirect(const char *path, int fd, int flags) {
  int f = open(path, flags, 0644);
  if (f < 0 || dup2(f, fd) < 0) {
    perror(path);
    _exit(127);
  }
  close(f);
}

/* One run: its wall time, its CPU time, its peak resident set (KiB) and its exit status. */
static int run_once(char **argv, const char *in, const char *out, double *secs, double *cpu,
                    long *kib) {
  double start = now();
  pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    exit(2);
  }
  if (pid == 0) {
    redirect(in, STDIN_FILENO, O_RDONLY);
    redirect(out, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
    redirect("/dev/null", STDERR_FILENO, O_WRONLY);
    execvp(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  memset(&ru, 0, sizeof ru);
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("wait4");
    exit(2);
  }
  *secs = now() - start;
  *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  *kib = ru.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
  int runs = 3, i = 1;
  const char *in = "/dev/null", *out = "/dev/null";
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
      runs = atoi(argv[++i]);
    else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
      in = argv[++i];
    else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
      out = argv[++i];
    else
      break;
  }
  if (i >= argc - 1 || strcmp(argv[i], "--") != 0 || runs < 1 || runs > MAX_RUNS) {
    fprintf(stderr, "usage: measure [-n RUNS] [-i STDIN] [-o STDOUT] -- COMMAND [ARG...]\n");
    return 2;
  }
  double best = 0, best_cpu = 0;
  long peak = 0;
  int status = 0;
  for (int k = 0; k < runs; k++) {
    double secs, cpu;
    long kib = 0;
    status = run_once(argv + i + 1, in, out, &secs, &cpu, &kib);
    if (k == 0 || secs < best) best = secs;
    if (k == 0 || cpu < best_cpu) best_cpu = cpu;
    if (kib > peak) peak = kib;
  }
  printf("%.4f %ld %d %.4f\n", best, peak, status, best_cpu);
  return 0;
}
