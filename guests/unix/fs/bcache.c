/*
 * The buffer cache (see bcache.h). Blocks are found through a hash table on the block number and
 * replaced least recently used first: every buffer sits on one list ordered by last release,
 * and the replacement victim is the oldest unpinned one. Dirty blocks reach the disk when evicted
 * or at bcache_flush. Everything is deterministic: the same calls give the same disk transfers.
 */
#include "bcache.h"
#include "fsint.h"
#include "hal.h"

#define HASH_SIZE 256u

static uint8_t pool[BCACHE_POOL_BYTES] __attribute__((aligned(16)));
static struct bcache_buf bufs[BCACHE_MAX_BUFS];
static int16_t hash_head[HASH_SIZE];
static int16_t newest, oldest;
static uint32_t nbufs, bsize, sectors_per_block;
static int the_disk;
static struct bcache_stats stats;

static uint32_t hash_of(uint32_t blkno) { return (blkno ^ (blkno >> 8)) & (HASH_SIZE - 1); }

static void lru_unlink(int i) {
  struct bcache_buf *b = &bufs[i];
  if (b->newer >= 0) {
    bufs[b->newer].older = b->older;
  } else {
    newest = b->older;
  }
  if (b->older >= 0) {
    bufs[b->older].newer = b->newer;
  } else {
    oldest = b->newer;
  }
  b->newer = b->older = -1;
}

static void lru_push_newest(int i) {
  struct bcache_buf *b = &bufs[i];
  b->older = newest;
  b->newer = -1;
  if (newest >= 0) {
    bufs[newest].newer = (int16_t)i;
  } else {
    oldest = (int16_t)i;
  }
  newest = (int16_t)i;
}

static void hash_remove(int i) {
  int16_t *p = &hash_head[hash_of(bufs[i].blkno)];
  while (*p >= 0) {
    if (*p == i) {
      *p = bufs[i].hnext;
      break;
    }
    p = &bufs[*p].hnext;
  }
  bufs[i].hnext = -1;
}

int bcache_init(int disk, uint32_t block_size) {
  if (block_size < 1024 || block_size > BCACHE_MAX_BLOCK || (block_size & (block_size - 1))) {
    return -FS_EINVAL;
  }
  the_disk = disk;
  bsize = block_size;
  sectors_per_block = block_size / 512;
  nbufs = BCACHE_POOL_BYTES / block_size;
  if (nbufs > BCACHE_MAX_BUFS) {
    nbufs = BCACHE_MAX_BUFS;
  }
  for (uint32_t h = 0; h < HASH_SIZE; h++) {
    hash_head[h] = -1;
  }
  newest = oldest = -1;
  for (uint32_t i = 0; i < nbufs; i++) {
    struct bcache_buf *b = &bufs[i];
    b->data = pool + i * block_size;
    b->blkno = 0;
    b->pins = 0;
    b->valid = 0;
    b->dirty = 0;
    b->hnext = -1;
    lru_push_newest((int)i);
  }
  fs_memset(&stats, 0, sizeof stats);
  return 0;
}

static int write_back(struct bcache_buf *b) {
  if (!b->dirty) {
    return 0;
  }
  stats.writes++;
  if (hal_disk_write(the_disk, b->blkno * sectors_per_block, sectors_per_block, b->data) != 0) {
    return -FS_EIO;
  }
  b->dirty = 0;
  return 0;
}

static int lookup(uint32_t blkno) {
  for (int i = hash_head[hash_of(blkno)]; i >= 0; i = bufs[i].hnext) {
    if (bufs[i].valid && bufs[i].blkno == blkno) {
      return i;
    }
  }
  return -1;
}

/* The cached buffer of blkno, or a recycled one now naming it (valid = 0); pinned. */
static struct bcache_buf *find_or_claim(uint32_t blkno) {
  int i = lookup(blkno);
  if (i >= 0) {
    stats.hits++;
    bufs[i].pins++;
    return &bufs[i];
  }
  stats.misses++;
  for (i = oldest; i >= 0; i = bufs[i].newer) {
    if (bufs[i].pins == 0) {
      break;
    }
  }
  if (i < 0) {
    return 0; /* every buffer pinned: a leak in the caller */
  }
  struct bcache_buf *b = &bufs[i];
  if (b->valid) {
    stats.evictions++;
    if (write_back(b) != 0) {
      return 0;
    }
    hash_remove(i);
  }
  b->blkno = blkno;
  b->valid = 0;
  b->dirty = 0;
  b->pins = 1;
  uint32_t h = hash_of(blkno);
  b->hnext = hash_head[h];
  hash_head[h] = (int16_t)i;
  return b;
}

struct bcache_buf *bcache_read(uint32_t blkno) {
  struct bcache_buf *b = find_or_claim(blkno);
  if (b && !b->valid) {
    stats.reads++;
    if (hal_disk_read(the_disk, blkno * sectors_per_block, sectors_per_block, b->data) != 0) {
      b->pins = 0;
      hash_remove((int)(b - bufs));
      return 0;
    }
    b->valid = 1;
  }
  return b;
}

struct bcache_buf *bcache_get(uint32_t blkno) {
  struct bcache_buf *b = find_or_claim(blkno);
  if (b) {
    b->valid = 1;
  }
  return b;
}

struct bcache_buf *bcache_zero(uint32_t blkno) {
  struct bcache_buf *b = bcache_get(blkno);
  if (b) {
    fs_memset(b->data, 0, bsize);
    b->dirty = 1;
  }
  return b;
}

void bcache_dirty(struct bcache_buf *b) { b->dirty = 1; }

void bcache_release(struct bcache_buf *b) {
  if (b->pins > 0 && --b->pins == 0) {
    int i = (int)(b - bufs);
    lru_unlink(i);
    lru_push_newest(i);
  }
}

void bcache_forget(uint32_t blkno) {
  int i = lookup(blkno);
  if (i >= 0 && bufs[i].pins == 0) {
    bufs[i].dirty = 0;
    bufs[i].valid = 0;
    hash_remove(i);
    lru_unlink(i); /* reuse it first */
    struct bcache_buf *b = &bufs[i];
    b->newer = oldest;
    b->older = -1;
    if (oldest >= 0) {
      bufs[oldest].older = (int16_t)i;
    } else {
      newest = (int16_t)i;
    }
    oldest = (int16_t)i;
  }
}

int bcache_flush(void) {
  int rc = 0;
  for (uint32_t i = 0; i < nbufs; i++) {
    if (bufs[i].valid && write_back(&bufs[i]) != 0) {
      rc = -FS_EIO;
    }
  }
  return rc;
}

void bcache_get_stats(struct bcache_stats *s) { *s = stats; }
