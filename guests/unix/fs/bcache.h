/*
 * The block layer of the file system: a write-back cache of file-system blocks over the disk
 * (hal_disk_read/hal_disk_write). A fixed static pool (no allocator in the kernel), least
 * recently used replacement, dirty tracking; bcache_flush writes every dirty block. The caller
 * holds the kernel lock (the cache is not reentrant); a block handed out by bcache_read or
 * bcache_get is pinned until bcache_release and is never evicted while pinned.
 */
#ifndef UNIX_FS_BCACHE_H
#define UNIX_FS_BCACHE_H

#include <stdint.h>

/* The pool: BCACHE_POOL_BYTES of block data, split into blocks of the mounted size (at most
 * BCACHE_MAX_BUFS of them): 512 KB holds 512 blocks of 1 KB or 128 of 4 KB. */
#ifndef BCACHE_POOL_BYTES
#define BCACHE_POOL_BYTES (512u * 1024u)
#endif
#define BCACHE_MAX_BUFS 512u
#define BCACHE_MAX_BLOCK 4096u

struct bcache_buf {
  uint8_t *data;     /* block_size bytes */
  uint32_t blkno;    /* file-system block number */
  uint16_t pins;     /* handed out and not yet released */
  uint8_t valid;     /* data holds the block */
  uint8_t dirty;     /* data differs from the disk */
  int16_t hnext;     /* hash chain (index, -1 ends) */
  int16_t newer, older; /* LRU list (index, -1 ends) */
};

struct bcache_stats {
  uint32_t hits, misses, reads, writes, evictions;
};

/* Sets the cache up for disk `disk` with blocks of `block_size` bytes (1024..4096, a power of two). */
int bcache_init(int disk, uint32_t block_size);
/* Block blkno, read from the disk unless cached; pinned. NULL on a disk error (-EIO). */
struct bcache_buf *bcache_read(uint32_t blkno);
/* Block blkno without reading it (the caller overwrites all of it); pinned. */
struct bcache_buf *bcache_get(uint32_t blkno);
/* Block blkno, all zeros, marked dirty; pinned. */
struct bcache_buf *bcache_zero(uint32_t blkno);
void bcache_dirty(struct bcache_buf *b);
void bcache_release(struct bcache_buf *b);
/* The block was freed: drop its cached copy, so a stale dirty copy is never written. */
void bcache_forget(uint32_t blkno);
/* Writes every dirty block, in pool order. 0 or -EIO. */
int bcache_flush(void);
void bcache_get_stats(struct bcache_stats *s);

#endif
