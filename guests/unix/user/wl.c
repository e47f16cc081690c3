#include "wl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>

void wl_die(const char *fmt, ...) {
  va_list ap;
  fflush(stdout);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

static void usage(const struct wl_args *a, int allow_no_exec) {
  fprintf(stderr, "usage: %s %s[-j N] small|full\n", a->prog, allow_no_exec ? "[--no-exec] " : "");
  exit(2);
}

void wl_parse(int argc, char **argv, struct wl_args *a, int default_workers, int allow_no_exec) {
  const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
  a->prog = argc > 0 ? (slash ? slash + 1 : argv[0]) : "workload";
  a->full = -1;
  a->workers = default_workers;
  a->no_exec = 0;
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    if (allow_no_exec && strcmp(s, "--no-exec") == 0) {
      a->no_exec = 1;
    } else if ((strcmp(s, "-j") == 0 || strcmp(s, "-p") == 0) && i + 1 < argc) {
      char *end;
      long n = strtol(argv[++i], &end, 10);
      if (*end != '\0' || n < 1 || n > 64) {
        usage(a, allow_no_exec);
      }
      a->workers = (int)n;
    } else if (strcmp(s, "small") == 0 && a->full < 0) {
      a->full = 0;
    } else if (strcmp(s, "full") == 0 && a->full < 0) {
      a->full = 1;
    } else {
      usage(a, allow_no_exec);
    }
  }
  if (a->full < 0) {
    usage(a, allow_no_exec);
  }
}

int wl_run_workers(int n, int (*fn)(int w, void *arg), void *arg) {
  fflush(stdout);
  fflush(stderr);
  for (int w = 0; w < n; w++) {
    pid_t pid = fork();
    if (pid < 0) {
      wl_die("fork: %s", strerror(errno));
    }
    if (pid == 0) {
      int status = fn(w, arg);
      fflush(stdout);
      _exit(status);
    }
  }
  int failed = 0;
  for (int left = n; left > 0; left--) {
    int status;
    pid_t pid = wait4(-1, &status, 0, NULL);
    if (pid < 0) {
      wl_die("wait4: %s", strerror(errno));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "worker process %d failed (wait status 0x%x)\n", (int)pid, status);
      failed++;
    }
  }
  return failed;
}

void *wl_shared(size_t bytes) {
  void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    wl_die("mmap of %zu shared bytes: %s", bytes, strerror(errno));
  }
  return p;
}

void wl_lock(volatile uint32_t *l) {
  for (;;) {
    /* A test-and-test-and-set lock: spin on plain loads, then one ll/sc exchange. After a
       while, give the processor away: on one CPU the holder cannot run while we spin. */
    for (int spins = 0; *l != 0; spins++) {
      if (spins >= 64) {
        sched_yield();
        spins = 0;
      }
    }
    if (__atomic_exchange_n(l, 1u, __ATOMIC_ACQUIRE) == 0) {
      return;
    }
  }
}

void wl_unlock(volatile uint32_t *l) {
  __atomic_store_n(l, 0u, __ATOMIC_RELEASE);
}

uint32_t wl_fnv_bytes(uint32_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 16777619u;
  }
  return h;
}

uint32_t wl_fnv_word(uint32_t h, uint32_t w) {
  for (int i = 0; i < 4; i++) {
    h ^= (w >> (8 * i)) & 0xff;
    h *= 16777619u;
  }
  return h;
}

uint32_t wl_fnv_words(uint32_t h, const uint32_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h = wl_fnv_word(h, p[i]);
  }
  return h;
}

int wl_verdict(const char *name, uint32_t parallel, uint32_t serial) {
  printf("checksum (worker processes): 0x%08x\n", parallel);
  printf("checksum (one process):      0x%08x\n", serial);
  if (parallel != serial) {
    printf("%s: MISMATCH\n", name);
    return 1;
  }
  printf("%s: ok\n", name);
  return 0;
}
