/*
 * engineering: large private working sets. A fixed list of independent simulations (small: 4,
 * full: 8), simulation i run by worker i mod N. Each allocates its own two grids (a private
 * working set that only that process touches) and runs an integer heat-diffusion stencil over
 * them for a number of steps, with a source term that walks the grid in a scattered order.
 * Each worker sends, for every simulation it ran, one record (index, checksum, total) through a
 * pipe; the parent orders the records by index, prints them, then runs every simulation again
 * itself and compares. Nothing printed depends on the number of workers.
 *
 *   engineering [-p N] small|full
 */
#include "wl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct params {
  int sims;
  uint32_t width, height, steps;
};

struct result {
  uint32_t index, checksum, total, pad;
};

struct job {
  const struct params *p;
  int workers;
  int fd; /* the pipe's write end */
};

static struct result simulate(const struct params *p, uint32_t index) {
  uint32_t w = p->width, h = p->height;
  uint32_t *grid[2] = {calloc((size_t)w * h, sizeof(uint32_t)), calloc((size_t)w * h, sizeof(uint32_t))};
  if (!grid[0] || !grid[1]) {
    wl_die("engineering: out of memory");
  }
  uint32_t *a = grid[0], *b = grid[1];
  for (uint32_t i = 0; i < w * h; i++) {
    a[i] = wl_mix(i ^ (index * 0x01000193u)) & 0xffff;
  }
  uint32_t cursor = index;
  for (uint32_t s = 0; s < p->steps; s++) {
    for (uint32_t y = 1; y + 1 < h; y++) {
      const uint32_t *up = &a[(y - 1) * w], *row = &a[y * w], *down = &a[(y + 1) * w];
      uint32_t *out = &b[y * w];
      for (uint32_t x = 1; x + 1 < w; x++) {
        out[x] = (4 * row[x] + up[x] + down[x] + row[x - 1] + row[x + 1]) >> 3;
      }
    }
    /* heat sources at scattered places: a page-hopping walk over the whole working set */
    for (uint32_t k = 0; k < w; k++) {
      cursor = cursor * 1664525u + 1013904223u;
      b[cursor % (w * h)] += 0x8000;
    }
    a = grid[(s + 1) & 1];
    b = grid[s & 1];
  }
  struct result r = {index, WL_FNV_INIT, 0, 0};
  r.checksum = wl_fnv_words(r.checksum, a, (size_t)w * h);
  for (uint32_t i = 0; i < w * h; i++) {
    r.total += a[i];
  }
  free(grid[0]);
  free(grid[1]);
  return r;
}

static int worker(int w, void *arg) {
  struct job *j = arg;
  for (int i = w; i < j->p->sims; i += j->workers) {
    struct result r = simulate(j->p, (uint32_t)i);
    /* one write of 16 bytes: atomic on a pipe, so the workers' records never interleave */
    if (write(j->fd, &r, sizeof r) != (ssize_t)sizeof r) {
      return 1;
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  struct wl_args a;
  wl_parse(argc, argv, &a, 4, 0);
  struct params p = a.full ? (struct params){8, 512, 512, 40} : (struct params){4, 128, 128, 24};
  printf("engineering: %d simulations, %ux%u grid (%u KB each), %u steps\n", p.sims, p.width,
         p.height, (unsigned)(2 * p.width * p.height * 4 / 1024), p.steps);

  int fds[2];
  if (pipe(fds) != 0) {
    wl_die("pipe: %s", strerror(errno));
  }
  struct job j = {&p, a.workers, fds[1]};
  int failed = wl_run_workers(a.workers, worker, &j);
  close(fds[1]);
  struct result got[8];
  int seen[8] = {0};
  for (int n = 0; n < p.sims; n++) {
    struct result r;
    ssize_t k = read(fds[0], &r, sizeof r);
    if (k != (ssize_t)sizeof r || r.index >= (uint32_t)p.sims || seen[r.index]) {
      wl_die("engineering: bad record from the pipe (read returned %d)", (int)k);
    }
    seen[r.index] = 1;
    got[r.index] = r;
  }
  close(fds[0]);
  if (failed) {
    wl_die("engineering: a worker failed");
  }
  uint32_t parallel = WL_FNV_INIT, serial = WL_FNV_INIT;
  for (int i = 0; i < p.sims; i++) {
    printf("simulation %d: checksum 0x%08x, heat %u\n", i, got[i].checksum, got[i].total);
    parallel = wl_fnv_word(wl_fnv_word(parallel, got[i].checksum), got[i].total);
  }
  for (int i = 0; i < p.sims; i++) {
    struct result r = simulate(&p, (uint32_t)i);
    serial = wl_fnv_word(wl_fnv_word(serial, r.checksum), r.total);
  }
  return wl_verdict("engineering", parallel, serial);
}
