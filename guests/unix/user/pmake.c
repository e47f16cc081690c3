/*
 * pmake: many short processes and file I/O. Compiles the units src/unitNN.c (small: 8, full: 96)
 * into obj/unitNN.o, at most N jobs at a time (-j N), each job a forked process that execs
 * bin/cc1 (or, with --no-exec, runs cc1's code in the forked child: under qemu-user an execve
 * runs the host's program of that name). Then reads every object back, in unit order, prints its
 * size and checksum, compiles every unit again in this process into memory and compares.
 * Paths are relative to the working directory (the root in the guest). Nothing printed depends
 * on -j or --no-exec.
 *
 *   pmake [--no-exec] [-j N] small|full
 */
#include "cc.h"
#include "wl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CC1 "bin/cc1"
#define INCLUDE "src/include"
#define MAX_UNITS 96

extern char **environ;

struct unit {
  char src[32], obj[32];
  pid_t pid;
  int status;
};

static pid_t start(struct unit *u, int no_exec) {
  char *argv[] = {"cc1", "-I", INCLUDE, "-o", u->obj, u->src, NULL};
  pid_t pid = fork();
  if (pid < 0) {
    wl_die("pmake: fork: %s", strerror(errno));
  }
  if (pid == 0) {
    if (no_exec) {
      _exit(cc_main(6, argv));
    }
    execve(CC1, argv, environ);
    fprintf(stderr, "pmake: execve %s: %s\n", CC1, strerror(errno));
    _exit(127);
  }
  return pid;
}

/* Waits for one job; records its status in its unit. */
static void reap(struct unit *units, int n) {
  int status;
  pid_t pid = wait4(-1, &status, 0, NULL);
  if (pid < 0) {
    wl_die("pmake: wait4: %s", strerror(errno));
  }
  for (int i = 0; i < n; i++) {
    if (units[i].pid == pid) {
      units[i].status = status;
      units[i].pid = 0;
      return;
    }
  }
  wl_die("pmake: wait4 returned an unknown process %d", (int)pid);
}

int main(int argc, char **argv) {
  struct wl_args a;
  wl_parse(argc, argv, &a, 4, 1);
  int n = a.full ? MAX_UNITS : 8;
  static struct unit units[MAX_UNITS];
  for (int i = 0; i < n; i++) {
    snprintf(units[i].src, sizeof units[i].src, "src/unit%02d.c", i);
    snprintf(units[i].obj, sizeof units[i].obj, "obj/unit%02d.o", i);
  }
  if (mkdir("obj", 0755) != 0 && errno != EEXIST) {
    wl_die("pmake: mkdir obj: %s", strerror(errno));
  }
  printf("pmake: %d units\n", n);
  fflush(stdout);

  int running = 0;
  for (int i = 0; i < n; i++) {
    if (running == a.workers) {
      reap(units, n);
      running--;
    }
    units[i].pid = start(&units[i], a.no_exec);
    running++;
  }
  while (running-- > 0) {
    reap(units, n);
  }

  int failed = 0;
  uint32_t parallel = WL_FNV_INIT, serial = WL_FNV_INIT;
  uint64_t total = 0;
  for (int i = 0; i < n; i++) {
    struct unit *u = &units[i];
    if (!WIFEXITED(u->status) || WEXITSTATUS(u->status) != 0) {
      printf("%s: FAILED (wait status 0x%x)\n", u->src, u->status);
      failed++;
      continue;
    }
    struct buf obj = {0}, src = {0}, again = {0};
    if (cc_read_file(u->obj, &obj) != 0 || cc_read_file(u->src, &src) != 0
        || cc_compile(u->src, INCLUDE, &again) != 0) {
      wl_die("pmake: cannot check %s", u->obj);
    }
    uint32_t h = wl_fnv_bytes(WL_FNV_INIT, obj.data, obj.len);
    printf("%s (%zu bytes) -> %s (%zu bytes): 0x%08x\n", u->src, src.len, u->obj, obj.len, h);
    parallel = wl_fnv_word(parallel, h);
    serial = wl_fnv_word(serial, wl_fnv_bytes(WL_FNV_INIT, again.data, again.len));
    total += obj.len;
    free(obj.data);
    free(src.data);
    free(again.data);
  }
  printf("objects: %llu bytes\n", (unsigned long long)total);
  if (failed) {
    printf("pmake: %d jobs failed\n", failed);
    return 1;
  }
  return wl_verdict("pmake", parallel, serial);
}
