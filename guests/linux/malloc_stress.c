/* The heap: malloc, calloc, realloc and free of many sizes, from 0 bytes to several megabytes
 * (glibc serves requests above its mmap threshold, 128 KiB at first, with mmap, and grows the
 * main arena with brk), in an interleaving that makes the allocator split, coalesce and reuse
 * chunks; realloc that grows in place, moves, and shrinks; aligned allocation with
 * posix_memalign and aligned_alloc; malloc_usable_size. Every block is filled with a pattern
 * derived from its number and checked before it is freed, so a lost or overlapping block shows
 * up as a wrong count. Addresses are never printed (they differ between any two loaders); only
 * their alignment is. */
//@run
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 99;
static uint32_t rnd(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}

#define SLOTS 512
static unsigned char *blk[SLOTS];
static size_t len[SLOTS];
static uint32_t tag[SLOTS];
static int bad;

static void fill(int i) {
  for (size_t k = 0; k < len[i]; k++) blk[i][k] = (unsigned char)(tag[i] + k * 7);
}
static int check(int i, size_t upto) {
  for (size_t k = 0; k < upto; k++)
    if (blk[i][k] != (unsigned char)(tag[i] + k * 7)) return 0;
  return 1;
}

static size_t pick_size(void) {
  uint32_t r = rnd();
  /* Mostly small; rarely large, since every byte is written and checked. */
  switch (r % 100) {
    case 0: case 1: case 2: case 3: case 5: case 6: case 7: case 8: case 9: case 10: return 0;
    case 4: return 100000 + r % 100000; /* around the mmap threshold */
    default:
      switch (r % 10) {
        case 0: case 1: case 2: case 3: return r % 64;
        case 4: case 5: return r % 1024;
        case 6: return r % 16384;
        default: return 256 + r % 4096;
      }
  }
}

int main(void) {
  uint32_t tags = 1;
  unsigned long allocs = 0, frees = 0, reallocs = 0, total = 0;
  for (int round = 0; round < 4000; round++) {
    int i = (int)(rnd() % SLOTS);
    uint32_t op = rnd() % 8;
    if (blk[i] == NULL) {
      len[i] = pick_size();
      tag[i] = tags++;
      blk[i] = op < 2 ? calloc(1, len[i]) : malloc(len[i]);
      if (blk[i] == NULL) {
        printf("allocation of %zu failed\n", len[i]);
        return 2;
      }
      if (op < 2)
        for (size_t k = 0; k < len[i]; k++)
          if (blk[i][k]) bad++; /* calloc must give zeroes, even for reused chunks */
      if (((uintptr_t)blk[i] & 7) != 0) bad++; /* malloc alignment on o32: 8 */
      fill(i);
      allocs++;
      total += len[i];
    } else if (op < 3) {
      size_t nl = pick_size();
      size_t keep = nl < len[i] ? nl : len[i];
      if (!check(i, len[i])) bad++;
      unsigned char *p = realloc(blk[i], nl ? nl : 1);
      if (p == NULL) return 3;
      blk[i] = p;
      if (!check(i, keep)) bad++; /* realloc keeps the common prefix */
      len[i] = nl;
      fill(i);
      reallocs++;
    } else {
      if (!check(i, len[i])) bad++;
      free(blk[i]);
      blk[i] = NULL;
      frees++;
    }
    if (round % 500 == 0) {
      int live = 0;
      size_t bytes = 0;
      for (int k = 0; k < SLOTS; k++)
        if (blk[k]) {
          live++;
          bytes += len[k];
        }
      printf("round %4d: live %3d bytes %8zu bad %d\n", round, live, bytes, bad);
    }
  }
  for (int i = 0; i < SLOTS; i++)
    if (blk[i]) {
      if (!check(i, len[i])) bad++;
      free(blk[i]);
      blk[i] = NULL;
    }
  printf("allocs %lu frees %lu reallocs %lu total bytes %lu bad %d\n", allocs, frees, reallocs,
         total, bad);

  /* Big blocks: several MiB each, touched on every page, grown by realloc (mremap for mmapped
   * chunks), then freed. */
  for (int k = 1; k <= 4; k++) {
    size_t n = (size_t)k * 1024 * 1024 + 12345;
    unsigned char *p = malloc(n);
    if (!p) return 4;
    for (size_t off = 0; off < n; off += 4096) p[off] = (unsigned char)(off >> 12);
    p[n - 1] = 0xee;
    p = realloc(p, n * 2);
    if (!p) return 5;
    unsigned long s = 0;
    for (size_t off = 0; off < n; off += 4096) s += p[off];
    printf("big block %d: %zu bytes, page sum %lu, last %02x\n", k, n, s, p[n - 1]);
    free(p);
  }

  /* Alignment requests. */
  for (size_t align = 8; align <= 65536; align *= 4) {
    void *p = NULL;
    int rc = posix_memalign(&p, align, 1000);
    void *q = aligned_alloc(align, align * 2);
    printf("align %6zu: posix_memalign rc %d aligned %d; aligned_alloc aligned %d\n", align, rc,
           p && ((uintptr_t)p % align) == 0, q && ((uintptr_t)q % align) == 0);
    free(p);
    free(q);
  }
  /* Usable size is a function of the request size in glibc, not of addresses. */
  for (size_t n = 0; n < 100; n += 9) {
    void *p = malloc(n);
    printf("malloc(%zu) usable %zu\n", n, malloc_usable_size(p));
    free(p);
  }
  /* Many small blocks kept alive at once, then freed in reverse and in a stride. */
  enum { MANY = 20000 };
  static int *many[MANY];
  for (int i = 0; i < MANY; i++) {
    many[i] = malloc(sizeof(int) * (size_t)(1 + i % 13));
    many[i][0] = i;
  }
  long s = 0;
  for (int i = 0; i < MANY; i += 2) {
    s += many[i][0];
    free(many[i]);
  }
  for (int i = MANY - 1; i > 0; i -= 2) {
    s += many[i][0];
    free(many[i]);
  }
  printf("many small: sum %ld (want %ld)\n", s, (long)MANY * (MANY - 1) / 2);
  printf("bad %d\n", bad);
  return bad ? 1 : 17;
}
