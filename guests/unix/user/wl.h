/*
 * What the workloads (pmake, engineering, raytrace, database) share: the command line, worker
 * processes, shared memory, an LL/SC spinlock, checksums and a deterministic random source.
 * Everything is integer arithmetic on 32-bit values, so the big- and little-endian builds print
 * the same bytes and no workload needs the FPU.
 */
#ifndef WL_H
#define WL_H

#include <stddef.h>
#include <stdint.h>

/* The parsed command line: PROG [--no-exec] [-j N | -p N] small|full */
struct wl_args {
  const char *prog;
  int full;      /* 1 for "full", 0 for "small" */
  int workers;   /* -j N / -p N, or the program's default */
  int no_exec;   /* --no-exec (pmake only) */
};

/* Parses argv; on a bad command line prints the usage to stderr and exits with 2. */
void wl_parse(int argc, char **argv, struct wl_args *a, int default_workers, int allow_no_exec);

/*
 * Forks `n` worker processes; worker w runs fn(w, arg) and exits with its return value. Waits for
 * all of them; returns the number that did not exit with 0 (each one is reported on stderr).
 * Flushes stdout first, so no buffered output is inherited twice.
 */
int wl_run_workers(int n, int (*fn)(int w, void *arg), void *arg);

/* `bytes` of zeroed memory shared with the processes forked afterwards (mmap MAP_SHARED|MAP_ANONYMOUS). */
void *wl_shared(size_t bytes);

/* A lock word in shared memory: 0 free, 1 held. ll/sc through the compiler's atomics. */
void wl_lock(volatile uint32_t *l);
void wl_unlock(volatile uint32_t *l);

/* FNV-1a, 32 bits: over bytes (text), or over 32-bit values (independent of the byte order). */
#define WL_FNV_INIT 0x811c9dc5u
uint32_t wl_fnv_bytes(uint32_t h, const void *p, size_t n);
uint32_t wl_fnv_word(uint32_t h, uint32_t w);
uint32_t wl_fnv_words(uint32_t h, const uint32_t *p, size_t n);

/* A 32-bit mixing function (murmur3's finaliser): the workloads' random numbers are mix(seed). */
static inline uint32_t wl_mix(uint32_t x) {
  x ^= x >> 16;
  x *= 0x85ebca6bu;
  x ^= x >> 13;
  x *= 0xc2b2ae35u;
  x ^= x >> 16;
  return x;
}

/* Prints "NAME: ok" or "NAME: MISMATCH" with both checksums and returns the exit status. */
int wl_verdict(const char *name, uint32_t parallel, uint32_t serial);

/* Aborts the program with a message on stderr and status 1. */
void wl_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
