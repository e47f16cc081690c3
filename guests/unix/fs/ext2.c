/*
 * ext2, read and write, under the buffer cache (bcache.c): the implementation of include/fs.h.
 *
 * On-disk facts used here are those of "The Second Extended File System: Internal Layout"
 * (Dave Poirier, nongnu.org/ext2-doc), cited below as [ext2-doc] with the section name:
 * - the superblock is 1024 bytes at byte offset 1024 of the disk, whatever the block size;
 * - blocks are grouped; the group descriptor table starts in the block after the superblock's
 *   (s_first_data_block + 1), one 32-byte descriptor a group;
 * - in each group a block bitmap (bit i: block s_first_data_block + g * s_blocks_per_group + i),
 *   an inode bitmap (bit i: inode g * s_inodes_per_group + i + 1) and an inode table;
 * - an inode has 12 direct block pointers, then singly, doubly and triply indirect ones; i_blocks
 *   counts 512-byte sectors of every block the inode holds (indirect and xattr blocks included);
 * - directories are lists of records (inode, rec_len, name_len, file_type, name) that never
 *   cross a block boundary, rec_len a multiple of 4; a record with inode 0 is unused;
 * - a symbolic link whose target is shorter than 60 bytes keeps it in i_block ("fast").
 * Every field is little-endian and read a byte at a time (fsint.h).
 *
 * The caller holds the kernel lock: nothing here is reentrant.
 */
#include "fs.h"
#include "bcache.h"
#include "fsint.h"
#include "hal.h"

/* ---- on-disk constants [ext2-doc] ---------------------------------------------------------- */

#define EXT2_MAGIC 0xEF53
#define SB_OFFSET 1024u

/* superblock field offsets ([ext2-doc] Superblock) */
#define SB_INODES_COUNT 0
#define SB_BLOCKS_COUNT 4
#define SB_FREE_BLOCKS 12
#define SB_FREE_INODES 16
#define SB_FIRST_DATA_BLOCK 20
#define SB_LOG_BLOCK_SIZE 24
#define SB_BLOCKS_PER_GROUP 32
#define SB_INODES_PER_GROUP 40
#define SB_MTIME 44
#define SB_WTIME 48
#define SB_MNT_COUNT 52
#define SB_MAGIC 56
#define SB_REV_LEVEL 76
#define SB_FIRST_INO 84
#define SB_INODE_SIZE 88
#define SB_FEATURE_COMPAT 92
#define SB_FEATURE_INCOMPAT 96
#define SB_FEATURE_RO_COMPAT 100

/* features ([ext2-doc] s_feature_*): what this implementation reads and keeps right */
#define INCOMPAT_FILETYPE 0x0002u
#define RO_COMPAT_SPARSE_SUPER 0x0001u
#define RO_COMPAT_LARGE_FILE 0x0002u
/* Compatible features need nothing: dir_index (0x20) hashed directories read as linear ones,
 * and a directory changed here loses its index flag; ext_attr (0x8) blocks are released with
 * their inode; resize_inode (0x10) reserved blocks are marked used in the bitmaps already. */
#define SUPPORTED_INCOMPAT INCOMPAT_FILETYPE
#define SUPPORTED_RO_COMPAT (RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE)

/* group descriptor ([ext2-doc] Block Group Descriptor Table) */
#define GD_SIZE 32u
#define GD_BLOCK_BITMAP 0
#define GD_INODE_BITMAP 4
#define GD_INODE_TABLE 8
#define GD_FREE_BLOCKS 12
#define GD_FREE_INODES 14
#define GD_USED_DIRS 16

/* inode ([ext2-doc] Inode Table) */
#define I_MODE 0
#define I_UID 2
#define I_SIZE 4
#define I_ATIME 8
#define I_CTIME 12
#define I_MTIME 16
#define I_DTIME 20
#define I_GID 24
#define I_LINKS 26
#define I_BLOCKS 28
#define I_FLAGS 32
#define I_BLOCK 40
#define I_GENERATION 100
#define I_FILE_ACL 104
#define I_SIZE_HIGH 108 /* i_dir_acl in revision 0: the high size word of regular files */
#define I_UID_HIGH 120
#define I_GID_HIGH 122
#define I_EXTRA_ISIZE 128
#define GOOD_OLD_INODE_SIZE 128u
#define GOOD_OLD_FIRST_INO 11u

#define N_DIRECT 12
#define IND 12
#define DIND 13
#define TIND 14

#define EXT2_INDEX_FL 0x1000u /* hashed directory ([ext2-doc] i_flags) */
#define EXT2_LINK_MAX 32000u  /* the Linux ext2 driver's limit on i_links_count */

#define S_IFMT 0170000u
#define S_IFSOCK 0140000u
#define S_IFLNK 0120000u
#define S_IFREG 0100000u
#define S_IFBLK 0060000u
#define S_IFDIR 0040000u
#define S_IFCHR 0020000u
#define S_IFIFO 0010000u

/* directory record file_type values ([ext2-doc] Linked Directories) */
#define FT_UNKNOWN 0
#define FT_REG 1
#define FT_DIR 2
#define FT_CHR 3
#define FT_BLK 4
#define FT_FIFO 5
#define FT_SOCK 6
#define FT_SYMLINK 7

#define DIRENT_HEADER 8u
#define NAME_MAX 255
#define FAST_SYMLINK_MAX 60u /* bytes of i_block */

/* ---- the mounted file system ------------------------------------------------------------- */

static struct {
  int disk;
  uint8_t sb[1024];        /* the primary superblock, written back at fs_sync */
  uint32_t bsize, blog;    /* block size and its log2 */
  uint32_t ppb, ppb_log;   /* block pointers per block and its log2 */
  uint32_t ngroups;
  uint32_t blocks_count, inodes_count, first_data_block;
  uint32_t blocks_per_group, inodes_per_group;
  uint32_t inode_size, first_ino;
  uint32_t gdt_block;
  int filetype;            /* directory records carry file_type */
  uint32_t alloc_hint;     /* next block to try: keeps files contiguous */
  int mounted;
} m;

/* An inode as decoded from its table slot: only what this file system reads or changes; every
 * other byte of the slot is kept as it is. */
struct inode {
  uint32_t ino;
  uint32_t mode, uid, gid, links;
  uint64_t size;
  uint32_t atime, ctime, mtime, dtime;
  uint32_t blocks, flags, generation, file_acl;
  uint8_t block[60]; /* i_block as stored: pointers (little-endian) or a fast symlink's target */
};

static uint32_t sbget(int off) { return fs_le32(m.sb + off); }
static void sbput(int off, uint32_t v) { fs_put32(m.sb + off, v); }

static uint32_t iblock(const struct inode *ip, int i) { return fs_le32(ip->block + 4 * i); }
static void set_iblock(struct inode *ip, int i, uint32_t v) { fs_put32(ip->block + 4 * i, v); }

static int is_dir(const struct inode *ip) { return (ip->mode & S_IFMT) == S_IFDIR; }

/* ---- group descriptors ------------------------------------------------------------------- */

/* The buffer holding group g's descriptor, and the descriptor's offset in it. */
static struct bcache_buf *gd_get(uint32_t g, uint32_t *off) {
  uint32_t byte = g * GD_SIZE;
  *off = byte & (m.bsize - 1);
  return bcache_read(m.gdt_block + (byte >> m.blog));
}

/* The `width`-byte (2 or 4) field of group g's descriptor (0 if unreadable). */
static uint32_t gd_read(uint32_t g, int field, int width) {
  uint32_t off;
  struct bcache_buf *b = gd_get(g, &off);
  if (!b) {
    return 0;
  }
  uint32_t v = width == 2 ? fs_le16(b->data + off + field) : fs_le32(b->data + off + field);
  bcache_release(b);
  return v;
}

/* Adds delta to the 16-bit counter `field` of group g's descriptor. */
static void gd_add16(uint32_t g, int field, int delta) {
  uint32_t off;
  struct bcache_buf *b = gd_get(g, &off);
  if (!b) {
    return;
  }
  fs_put16(b->data + off + field, (uint32_t)(fs_le16(b->data + off + field) + delta));
  bcache_dirty(b);
  bcache_release(b);
}

/* ---- bitmaps: block and inode allocation ------------------------------------------------- */

/* First clear bit in [from, limit) of the bitmap block, or -1; sets it. */
static int bitmap_take(uint8_t *map, uint32_t from, uint32_t limit) {
  for (uint32_t i = from; i < limit;) {
    if ((i & 7) == 0 && map[i >> 3] == 0xff && i + 8 <= limit) {
      i += 8;
      continue;
    }
    if (!(map[i >> 3] & (1u << (i & 7)))) {
      map[i >> 3] |= (uint8_t)(1u << (i & 7));
      return (int)i;
    }
    i++;
  }
  return -1;
}

static uint32_t blocks_in_group(uint32_t g) {
  uint32_t first = m.first_data_block + g * m.blocks_per_group;
  uint32_t n = m.blocks_count - first;
  return n < m.blocks_per_group ? n : m.blocks_per_group;
}

/* Allocates a block, trying from the hint on; its number in *out (0 or -ENOSPC / -EIO). */
static int balloc(uint32_t *out) {
  if (sbget(SB_FREE_BLOCKS) == 0) {
    return -FS_ENOSPC;
  }
  uint32_t hint = m.alloc_hint;
  if (hint < m.first_data_block || hint >= m.blocks_count) {
    hint = m.first_data_block;
  }
  uint32_t g0 = (hint - m.first_data_block) / m.blocks_per_group;
  for (uint32_t k = 0; k <= m.ngroups; k++) {
    uint32_t g = (g0 + k) % m.ngroups;
    uint32_t from = k == 0 ? (hint - m.first_data_block) % m.blocks_per_group : 0;
    if (k == m.ngroups) {
      /* back in the first group, before the hint */
      from = 0;
    }
    if (gd_read(g, GD_FREE_BLOCKS, 2) == 0) {
      continue;
    }
    struct bcache_buf *b = bcache_read(gd_read(g, GD_BLOCK_BITMAP, 4));
    if (!b) {
      return -FS_EIO;
    }
    int bit = bitmap_take(b->data, from, blocks_in_group(g));
    if (bit < 0) {
      bcache_release(b);
      continue;
    }
    bcache_dirty(b);
    bcache_release(b);
#ifndef FAULT_GROUP_FREE_BLOCKS
    gd_add16(g, GD_FREE_BLOCKS, -1);
#endif
    sbput(SB_FREE_BLOCKS, sbget(SB_FREE_BLOCKS) - 1);
    *out = m.first_data_block + g * m.blocks_per_group + (uint32_t)bit;
    m.alloc_hint = *out + 1;
    return 0;
  }
  return -FS_ENOSPC;
}

static void bfree(uint32_t blk) {
  if (blk < m.first_data_block || blk >= m.blocks_count) {
    return; /* never touch what is not a block: a corrupt pointer */
  }
  uint32_t rel = blk - m.first_data_block;
  uint32_t g = rel / m.blocks_per_group, bit = rel % m.blocks_per_group;
  bcache_forget(blk);
  struct bcache_buf *b = bcache_read(gd_read(g, GD_BLOCK_BITMAP, 4));
  if (!b) {
    return;
  }
  uint8_t mask = (uint8_t)(1u << (bit & 7));
  if (!(b->data[bit >> 3] & mask)) {
    bcache_release(b); /* already free */
    return;
  }
#ifndef FAULT_BITMAP_NOT_CLEARED
  b->data[bit >> 3] &= (uint8_t)~mask;
#endif
  bcache_dirty(b);
  bcache_release(b);
  gd_add16(g, GD_FREE_BLOCKS, 1);
  sbput(SB_FREE_BLOCKS, sbget(SB_FREE_BLOCKS) + 1);
}

/* Allocates an inode, in the group of `near` or the next ones with a free inode. */
static int ialloc(uint32_t near, int dir, uint32_t *out) {
  if (sbget(SB_FREE_INODES) == 0) {
    return -FS_ENOSPC;
  }
  uint32_t g0 = (near - 1) / m.inodes_per_group;
  for (uint32_t k = 0; k < m.ngroups; k++) {
    uint32_t g = (g0 + k) % m.ngroups;
    if (gd_read(g, GD_FREE_INODES, 2) == 0) {
      continue;
    }
    struct bcache_buf *b = bcache_read(gd_read(g, GD_INODE_BITMAP, 4));
    if (!b) {
      return -FS_EIO;
    }
    uint32_t from = g == 0 ? m.first_ino - 1 : 0; /* inodes below s_first_ino are reserved */
    int bit = bitmap_take(b->data, from, m.inodes_per_group);
    if (bit < 0) {
      bcache_release(b);
      continue;
    }
    bcache_dirty(b);
    bcache_release(b);
    gd_add16(g, GD_FREE_INODES, -1);
    if (dir) {
      gd_add16(g, GD_USED_DIRS, 1);
    }
    sbput(SB_FREE_INODES, sbget(SB_FREE_INODES) - 1);
    *out = g * m.inodes_per_group + (uint32_t)bit + 1;
    return 0;
  }
  return -FS_ENOSPC;
}

static void ifree_bit(uint32_t ino, int dir) {
  uint32_t g = (ino - 1) / m.inodes_per_group, bit = (ino - 1) % m.inodes_per_group;
  struct bcache_buf *b = bcache_read(gd_read(g, GD_INODE_BITMAP, 4));
  if (!b) {
    return;
  }
  b->data[bit >> 3] &= (uint8_t)~(1u << (bit & 7));
  bcache_dirty(b);
  bcache_release(b);
  gd_add16(g, GD_FREE_INODES, 1);
  if (dir) {
    gd_add16(g, GD_USED_DIRS, -1);
  }
  sbput(SB_FREE_INODES, sbget(SB_FREE_INODES) + 1);
}

/* ---- inodes ------------------------------------------------------------------------------ */

/* The buffer holding inode ino's slot, and the slot's offset in it. */
static struct bcache_buf *islot(uint32_t ino, uint32_t *off) {
  if (ino == 0 || ino > m.inodes_count) {
    return 0;
  }
  uint32_t g = (ino - 1) / m.inodes_per_group, idx = (ino - 1) % m.inodes_per_group;
  uint32_t byte = idx * m.inode_size;
  *off = byte & (m.bsize - 1);
  return bcache_read(gd_read(g, GD_INODE_TABLE, 4) + (byte >> m.blog));
}

static int iget(uint32_t ino, struct inode *ip) {
  uint32_t off;
  struct bcache_buf *b = islot(ino, &off);
  if (!b) {
    return ino == 0 || ino > m.inodes_count ? -FS_ENOENT : -FS_EIO;
  }
  const uint8_t *p = b->data + off;
  ip->ino = ino;
  ip->mode = fs_le16(p + I_MODE);
  ip->uid = fs_le16(p + I_UID) | ((uint32_t)fs_le16(p + I_UID_HIGH) << 16);
  ip->gid = fs_le16(p + I_GID) | ((uint32_t)fs_le16(p + I_GID_HIGH) << 16);
  ip->links = fs_le16(p + I_LINKS);
  ip->size = fs_le32(p + I_SIZE);
  if ((ip->mode & S_IFMT) == S_IFREG) {
    ip->size |= (uint64_t)fs_le32(p + I_SIZE_HIGH) << 32;
  }
  ip->atime = fs_le32(p + I_ATIME);
  ip->ctime = fs_le32(p + I_CTIME);
  ip->mtime = fs_le32(p + I_MTIME);
  ip->dtime = fs_le32(p + I_DTIME);
  ip->blocks = fs_le32(p + I_BLOCKS);
  ip->flags = fs_le32(p + I_FLAGS);
  ip->generation = fs_le32(p + I_GENERATION);
  ip->file_acl = fs_le32(p + I_FILE_ACL);
  fs_memcpy(ip->block, p + I_BLOCK, 60);
  bcache_release(b);
  return 0;
}

/* Inodes in use are those with links (the bitmap agrees for a consistent file system). */
static int iget_live(uint32_t ino, struct inode *ip) {
  int rc = iget(ino, ip);
  if (rc == 0 && (ip->links == 0 || ip->mode == 0)) {
    return -FS_ENOENT;
  }
  return rc;
}

static int iput(const struct inode *ip) {
  uint32_t off;
  struct bcache_buf *b = islot(ip->ino, &off);
  if (!b) {
    return -FS_EIO;
  }
  uint8_t *p = b->data + off;
  fs_put16(p + I_MODE, ip->mode);
  fs_put16(p + I_UID, ip->uid & 0xffff);
  fs_put16(p + I_GID, ip->gid & 0xffff);
  fs_put16(p + I_LINKS, ip->links);
  fs_put32(p + I_SIZE, (uint32_t)ip->size);
  if ((ip->mode & S_IFMT) == S_IFREG) {
    fs_put32(p + I_SIZE_HIGH, (uint32_t)(ip->size >> 32));
  }
  fs_put32(p + I_ATIME, ip->atime);
  fs_put32(p + I_CTIME, ip->ctime);
  fs_put32(p + I_MTIME, ip->mtime);
  fs_put32(p + I_DTIME, ip->dtime);
  fs_put32(p + I_BLOCKS, ip->blocks);
  fs_put32(p + I_FLAGS, ip->flags);
  fs_put32(p + I_GENERATION, ip->generation);
  fs_put32(p + I_FILE_ACL, ip->file_acl);
  if (m.inode_size > GOOD_OLD_INODE_SIZE) {
    fs_put16(p + I_UID_HIGH, ip->uid >> 16);
    fs_put16(p + I_GID_HIGH, ip->gid >> 16);
  }
  fs_memcpy(p + I_BLOCK, ip->block, 60);
  bcache_dirty(b);
  bcache_release(b);
  if (ip->size >= 0x80000000u && !(sbget(SB_FEATURE_RO_COMPAT) & RO_COMPAT_LARGE_FILE)) {
    sbput(SB_FEATURE_RO_COMPAT, sbget(SB_FEATURE_RO_COMPAT) | RO_COMPAT_LARGE_FILE);
  }
  return 0;
}

/* A new inode of `mode`, its slot cleared, one link; not yet in any directory. */
static int inew(uint32_t near, uint32_t mode, struct inode *ip) {
  uint32_t ino;
  int rc = ialloc(near, (mode & S_IFMT) == S_IFDIR, &ino);
  if (rc) {
    return rc;
  }
  uint32_t off;
  struct bcache_buf *b = islot(ino, &off);
  if (!b) {
    return -FS_EIO;
  }
  fs_memset(b->data + off, 0, m.inode_size);
  if (m.inode_size >= GOOD_OLD_INODE_SIZE + 32) {
    /* i_extra_isize: the fields after the 128 bytes that are in use, as mke2fs sets it */
    fs_put16(b->data + off + I_EXTRA_ISIZE, 32);
  }
  bcache_dirty(b);
  bcache_release(b);
  static uint32_t generation;
  uint32_t now = hal_time_seconds();
  fs_memset(ip, 0, sizeof *ip);
  ip->ino = ino;
  ip->mode = mode;
  ip->links = 1;
  ip->atime = ip->ctime = ip->mtime = now;
  ip->generation = ++generation;
  return iput(ip);
}

/* ---- block maps -------------------------------------------------------------------------- */

/* The path to logical block lblk: indices at each level (offs[0] in i_block); the depth, or -EFBIG. */
static int block_path(uint32_t lblk, uint32_t offs[4]) {
  uint32_t p = m.ppb, pl = m.ppb_log;
  if (lblk < N_DIRECT) {
    offs[0] = lblk;
    return 1;
  }
  lblk -= N_DIRECT;
  if (lblk < p) {
    offs[0] = IND;
    offs[1] = lblk;
    return 2;
  }
  lblk -= p;
  if (lblk < (p << pl)) {
    offs[0] = DIND;
    offs[1] = lblk >> pl;
    offs[2] = lblk & (p - 1);
    return 3;
  }
  lblk -= p << pl;
  if ((uint64_t)lblk < ((uint64_t)p << (2 * pl))) {
    offs[0] = TIND;
    offs[1] = lblk >> (2 * pl);
    offs[2] = (lblk >> pl) & (p - 1);
    offs[3] = lblk & (p - 1);
    return 4;
  }
  return -FS_EFBIG;
}

/* The largest file size the block map can address. */
static uint64_t max_file_size(void) {
  uint64_t p = m.ppb;
  uint64_t blocks = N_DIRECT + p + p * p + p * p * p;
  if (blocks > 0xffffffffu) {
    blocks = 0xffffffffu;
  }
  return blocks << m.blog;
}

/* Allocates a block and counts it in the inode; zeroed if `zero` (indirect blocks, partial writes). */
static int alloc_counted(struct inode *ip, int zero, uint32_t *out) {
  int rc = balloc(out);
  if (rc) {
    return rc;
  }
  ip->blocks += m.bsize >> 9;
  if (zero) {
    struct bcache_buf *b = bcache_zero(*out);
    if (!b) {
      return -FS_EIO;
    }
    bcache_release(b);
  }
  return 0;
}

/*
 * The physical block of logical block lblk of ip, in *pblk (0: a hole). With `alloc`, fills the
 * hole (and the indirect blocks on the way); *fresh says the data block is new (its contents
 * undefined unless `zero`). The caller writes ip back.
 */
static int bmap(struct inode *ip, uint32_t lblk, int alloc, int zero, uint32_t *pblk, int *fresh) {
  uint32_t offs[4];
  int depth = block_path(lblk, offs);
  if (depth < 0) {
    return depth;
  }
  *pblk = 0;
  if (fresh) {
    *fresh = 0;
  }
  uint32_t cur = iblock(ip, (int)offs[0]);
  if (!cur) {
    if (!alloc) {
      return 0;
    }
    int rc = alloc_counted(ip, depth > 1 || zero, &cur);
    if (rc) {
      return rc;
    }
    set_iblock(ip, (int)offs[0], cur);
    if (depth == 1 && fresh) {
      *fresh = 1;
    }
  }
  for (int level = 1; level < depth; level++) {
    struct bcache_buf *b = bcache_read(cur);
    if (!b) {
      return -FS_EIO;
    }
    uint8_t *slot = b->data + 4 * offs[level];
    uint32_t next = fs_le32(slot);
    if (!next) {
      if (!alloc) {
        bcache_release(b);
        return 0;
      }
      int last = level == depth - 1;
      int rc = alloc_counted(ip, !last || zero, &next);
      if (rc) {
        bcache_release(b);
        return rc;
      }
      fs_put32(slot, next);
      bcache_dirty(b);
      if (last && fresh) {
        *fresh = 1;
      }
    }
    bcache_release(b);
    cur = next;
  }
  *pblk = cur;
  return 0;
}

/*
 * Frees, in the tree of indirection `depth` (0: a data block) at block blk covering logical
 * blocks from `base`, every block of logical number >= cut; frees blk itself if nothing of it
 * remains. Returns 1 if blk was freed.
 */
static int free_tree(struct inode *ip, uint32_t blk, int depth, uint64_t base, uint64_t cut) {
  uint64_t span = (uint64_t)1 << (m.ppb_log * (uint32_t)depth); /* logical blocks under blk */
  if (base + span <= cut) {
    return 0;
  }
  if (depth > 0) {
    uint64_t sub = span >> m.ppb_log;
    struct bcache_buf *b = bcache_read(blk);
    if (!b) {
      return 0;
    }
    int changed = 0;
    for (uint32_t i = 0; i < m.ppb; i++) {
      uint32_t child = fs_le32(b->data + 4 * i);
      uint64_t cbase = base + i * sub;
      if (child && cbase + sub > cut && free_tree(ip, child, depth - 1, cbase, cut)) {
        fs_put32(b->data + 4 * i, 0);
        changed = 1;
      }
    }
    if (changed) {
      bcache_dirty(b);
    }
    bcache_release(b);
    if (base < cut) {
      return 0; /* part of the tree stays */
    }
  }
  bfree(blk);
  ip->blocks -= m.bsize >> 9;
  return 1;
}

/* Frees every block of logical number >= cut. */
static void free_from(struct inode *ip, uint64_t cut) {
  uint64_t p = m.ppb;
  for (int i = 0; i < N_DIRECT; i++) {
    if (iblock(ip, i) && (uint64_t)i >= cut && free_tree(ip, iblock(ip, i), 0, (uint64_t)i, cut)) {
      set_iblock(ip, i, 0);
    }
  }
  uint64_t base = N_DIRECT;
  for (int depth = 1; depth <= 3; depth++) {
    int slot = N_DIRECT + depth - 1;
    uint32_t blk = iblock(ip, slot);
    if (blk && free_tree(ip, blk, depth, base, cut)) {
      set_iblock(ip, slot, 0);
    }
    base += (uint64_t)1 << (m.ppb_log * (uint32_t)depth);
  }
  (void)p;
}

static int is_fast_symlink(const struct inode *ip) {
  uint32_t acl_sectors = ip->file_acl ? m.bsize >> 9 : 0;
  return (ip->mode & S_IFMT) == S_IFLNK && ip->blocks == acl_sectors;
}

/* Whether i_block holds block pointers (not a fast symlink's text or a device number). */
static int has_block_map(const struct inode *ip) {
  uint32_t t = ip->mode & S_IFMT;
  return t == S_IFREG || t == S_IFDIR || (t == S_IFLNK && !is_fast_symlink(ip));
}

/* Zeroes the bytes of the block holding byte `from` from there to its end (if mapped). */
static int zero_tail(struct inode *ip, uint64_t from) {
  uint32_t in = (uint32_t)from & (m.bsize - 1);
  if (in == 0) {
    return 0;
  }
  uint32_t pblk;
  int rc = bmap(ip, (uint32_t)(from >> m.blog), 0, 0, &pblk, 0);
  if (rc || !pblk) {
    return rc;
  }
  struct bcache_buf *b = bcache_read(pblk);
  if (!b) {
    return -FS_EIO;
  }
  fs_memset(b->data + in, 0, m.bsize - in);
  bcache_dirty(b);
  bcache_release(b);
  return 0;
}

/* Sets ip's size, freeing the blocks past it; keeps "bytes past the size read as zero". */
static int set_size(struct inode *ip, uint64_t size) {
  if (size > max_file_size()) {
    return -FS_EFBIG;
  }
  if (size < ip->size) {
    int rc = zero_tail(ip, size);
    if (rc) {
      return rc;
    }
    free_from(ip, (size + m.bsize - 1) >> m.blog);
  }
  ip->size = size;
  return 0;
}

/* Releases the inode's extended-attribute block ([ext2-doc] Extended Attributes: h_refcount at 4). */
static void release_xattr_block(struct inode *ip) {
  if (!ip->file_acl) {
    return;
  }
  struct bcache_buf *b = bcache_read(ip->file_acl);
  if (b) {
    uint32_t refs = fs_le32(b->data + 4);
    if (refs > 1) {
      fs_put32(b->data + 4, refs - 1);
      bcache_dirty(b);
      bcache_release(b);
    } else {
      bcache_release(b);
      bfree(ip->file_acl);
    }
  }
  ip->blocks -= m.bsize >> 9;
  ip->file_acl = 0;
}

/* The inode lost its last link: free its blocks and the inode. */
static int idelete(struct inode *ip) {
  int dir = is_dir(ip);
  if (has_block_map(ip)) {
    free_from(ip, 0);
  }
  release_xattr_block(ip);
  ip->size = 0;
  ip->links = 0;
  fs_memset(ip->block, 0, sizeof ip->block);
  ip->dtime = hal_time_seconds();
  int rc = iput(ip);
  ifree_bit(ip->ino, dir);
  return rc;
}

/* ---- file data --------------------------------------------------------------------------- */

/* The bytes of a transfer at `pos` (of `left` still to go) within one block; the offset in it in *in. */
static uint32_t block_chunk(uint64_t pos, uint32_t left, uint32_t *in) {
  *in = (uint32_t)pos & (m.bsize - 1);
  uint32_t chunk = m.bsize - *in;
  return chunk < left ? chunk : left;
}

static long read_data(struct inode *ip, uint64_t off, uint8_t *dst, uint32_t n) {
  if (off >= ip->size) {
    return 0;
  }
  if (n > ip->size - off) {
    n = (uint32_t)(ip->size - off);
  }
  uint32_t done = 0;
  while (done < n) {
    uint64_t pos = off + done;
    uint32_t in, chunk = block_chunk(pos, n - done, &in);
    uint32_t pblk;
    int rc = bmap(ip, (uint32_t)(pos >> m.blog), 0, 0, &pblk, 0);
    if (rc) {
      return done ? (long)done : rc;
    }
    if (!pblk) {
      fs_memset(dst + done, 0, chunk); /* a hole */
    } else {
      struct bcache_buf *b = bcache_read(pblk);
      if (!b) {
        return done ? (long)done : -FS_EIO;
      }
      fs_memcpy(dst + done, b->data + in, chunk);
      bcache_release(b);
    }
    done += chunk;
  }
  return (long)done;
}

static long write_data(struct inode *ip, uint64_t off, const uint8_t *src, uint32_t n) {
  if (off + n > max_file_size()) {
    if (off >= max_file_size()) {
      return -FS_EFBIG;
    }
    n = (uint32_t)(max_file_size() - off);
  }
  uint32_t done = 0;
  int err = 0;
  while (done < n) {
    uint64_t pos = off + done;
    uint32_t in, chunk = block_chunk(pos, n - done, &in);
    uint32_t pblk;
    int fresh;
    int whole = chunk == m.bsize;
    err = bmap(ip, (uint32_t)(pos >> m.blog), 1, !whole, &pblk, &fresh);
    if (err) {
      break;
    }
    struct bcache_buf *b = fresh || whole ? bcache_get(pblk) : bcache_read(pblk);
    if (!b) {
      err = -FS_EIO;
      break;
    }
    fs_memcpy(b->data + in, src + done, chunk);
    bcache_dirty(b);
    bcache_release(b);
    done += chunk;
  }
  if (off + done > ip->size) {
    ip->size = off + done;
  }
  if (done) {
    ip->mtime = ip->ctime = hal_time_seconds();
  }
  int rc = iput(ip);
  if (done) {
    return (long)done;
  }
  return err ? err : rc;
}

/* ---- directories ------------------------------------------------------------------------- */

static uint32_t rec_size(uint32_t namelen) { return (DIRENT_HEADER + namelen + 3) & ~3u; }

static uint32_t ftype_of(uint32_t mode) {
  switch (mode & S_IFMT) {
  case S_IFREG: return FT_REG;
  case S_IFDIR: return FT_DIR;
  case S_IFCHR: return FT_CHR;
  case S_IFBLK: return FT_BLK;
  case S_IFIFO: return FT_FIFO;
  case S_IFSOCK: return FT_SOCK;
  case S_IFLNK: return FT_SYMLINK;
  default: return FT_UNKNOWN;
  }
}

/* A record of a directory block, decoded. */
struct dent {
  uint32_t ino, rec_len, name_len, type;
  const uint8_t *name;
};

/* Decodes the record at `off` of block data; -EIO if it is malformed. */
static int dent_at(const uint8_t *blk, uint32_t off, struct dent *d) {
  if (off + DIRENT_HEADER > m.bsize) {
    return -FS_EIO;
  }
  const uint8_t *p = blk + off;
  d->ino = fs_le32(p);
  d->rec_len = fs_le16(p + 4);
  d->name_len = p[6]; /* revision 0: a 16-bit name_len whose high byte is 0 for names <= 255 */
  d->type = m.filetype ? p[7] : FT_UNKNOWN;
  d->name = p + DIRENT_HEADER;
  if (d->rec_len < DIRENT_HEADER || (d->rec_len & 3) || off + d->rec_len > m.bsize ||
      DIRENT_HEADER + d->name_len > d->rec_len) {
    return -FS_EIO;
  }
  return 0;
}

static void dent_write(uint8_t *p, uint32_t ino, uint32_t rec_len, const char *name, uint32_t len,
                       uint32_t type) {
  fs_put32(p, ino);
  fs_put16(p + 4, rec_len);
  p[6] = (uint8_t)len;
  p[7] = m.filetype ? (uint8_t)type : 0;
  fs_memcpy(p + DIRENT_HEADER, name, len);
}

/*
 * Calls fn on each record of directory dp, block by block, with the record's buffer, offset and
 * the offset of the record before it in the block (-1 for the first). Stops at the first non-zero
 * value fn returns and returns it; 0 after the last record; -EIO on a malformed record.
 */
typedef int (*dent_fn)(void *ctx, struct bcache_buf *b, uint32_t off, int32_t prev, const struct dent *d);

static int dir_walk(struct inode *dp, dent_fn fn, void *ctx) {
  uint32_t nblocks = (uint32_t)(dp->size >> m.blog);
  for (uint32_t lb = 0; lb < nblocks; lb++) {
    uint32_t pblk;
    int rc = bmap(dp, lb, 0, 0, &pblk, 0);
    if (rc) {
      return rc;
    }
    if (!pblk) {
      continue;
    }
    struct bcache_buf *b = bcache_read(pblk);
    if (!b) {
      return -FS_EIO;
    }
    int32_t prev = -1;
    struct dent d;
    for (uint32_t off = 0; off < m.bsize; off += d.rec_len) {
      rc = dent_at(b->data, off, &d);
      if (rc == 0) {
        rc = fn(ctx, b, off, prev, &d);
      }
      if (rc) {
        bcache_release(b);
        return rc;
      }
      prev = (int32_t)off;
    }
    bcache_release(b);
  }
  return 0;
}

/* Where a name was found. */
struct where {
  const char *name; /* what dir_find looks for */
  uint32_t len;
  uint32_t pblk, off;
  int32_t prev; /* the previous record in the block, or -1 */
  uint32_t ino, type;
};

static int find_fn(void *ctx, struct bcache_buf *b, uint32_t off, int32_t prev, const struct dent *d) {
  struct where *w = ctx;
  if (!d->ino || d->name_len != w->len || !fs_memeq(d->name, w->name, w->len)) {
    return 0;
  }
  w->pblk = b->blkno;
  w->off = off;
  w->prev = prev;
  w->ino = d->ino;
  w->type = d->type;
  return 1;
}

/* Finds `name` in directory dp: 0 and *w, -ENOENT, or -EIO. */
static int dir_find(struct inode *dp, const char *name, uint32_t len, struct where *w) {
  w->name = name;
  w->len = len;
  int rc = dir_walk(dp, find_fn, w);
  return rc == 1 ? 0 : rc == 0 ? -FS_ENOENT : rc;
}

/* The directory changed: times, and a hashed directory becomes a linear one (its index would
 * be stale; a linear reading of its blocks is valid, [ext2-doc] Indexed Directory Format). */
static void dir_touched(struct inode *dp) {
  dp->mtime = dp->ctime = hal_time_seconds();
#ifndef FAULT_KEEP_INDEX
  dp->flags &= ~EXT2_INDEX_FL;
#endif
}

/* A record to add. */
struct newent {
  const char *name;
  uint32_t len, ino, type;
};

/* Puts the new record into this one's slack (a live record keeps what it needs) or in its place
 * (an unused record), if it fits. */
static int add_fn(void *ctx, struct bcache_buf *b, uint32_t off, int32_t prev, const struct dent *d) {
  (void)prev;
  const struct newent *n = ctx;
  uint32_t used = d->ino ? rec_size(d->name_len) : 0;
  if (d->rec_len - used < rec_size(n->len)) {
    return 0;
  }
  if (used) {
    fs_put16(b->data + off + 4, used);
  }
  dent_write(b->data + off + used, n->ino, d->rec_len - used, n->name, n->len, n->type);
  bcache_dirty(b);
  return 1;
}

/* Adds the record name -> ino to directory dp (the name must not be there); writes dp back. */
static int dir_add(struct inode *dp, const char *name, uint32_t len, uint32_t ino, uint32_t type) {
  struct newent n = {name, len, ino, type};
  int rc = dir_walk(dp, add_fn, &n);
  if (rc < 0) {
    return rc;
  }
  if (rc == 0) {
    /* no room: one more block, a single record spanning it */
    uint32_t pblk;
    rc = bmap(dp, (uint32_t)(dp->size >> m.blog), 1, 1, &pblk, 0);
    if (rc) {
      iput(dp); /* keep what was allocated counted */
      return rc;
    }
    struct bcache_buf *b = bcache_read(pblk);
    if (!b) {
      return -FS_EIO;
    }
    dent_write(b->data, ino, m.bsize, name, len, type);
    bcache_dirty(b);
    bcache_release(b);
    dp->size += m.bsize;
  }
  dir_touched(dp);
  return iput(dp);
}

/* Removes the record at w: merged into the previous record, or marked unused if first. */
static int dir_remove(struct inode *dp, const struct where *w) {
  struct bcache_buf *b = bcache_read(w->pblk);
  if (!b) {
    return -FS_EIO;
  }
  if (w->prev >= 0) {
    uint8_t *prev = b->data + w->prev;
    fs_put16(prev + 4, fs_le16(prev + 4) + fs_le16(b->data + w->off + 4));
  } else {
    fs_put32(b->data + w->off, 0);
  }
  bcache_dirty(b);
  bcache_release(b);
  dir_touched(dp);
  return iput(dp);
}

/* Points the record at w to another inode. */
static int dir_retarget(struct inode *dp, const struct where *w, uint32_t ino, uint32_t type) {
  struct bcache_buf *b = bcache_read(w->pblk);
  if (!b) {
    return -FS_EIO;
  }
  fs_put32(b->data + w->off, ino);
  if (m.filetype) {
    b->data[w->off + 7] = (uint8_t)type;
  }
  bcache_dirty(b);
  bcache_release(b);
  dir_touched(dp);
  return iput(dp);
}

static int is_dot_or_dotdot(const char *name, int len) {
  return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

static int occupied_fn(void *ctx, struct bcache_buf *b, uint32_t off, int32_t prev, const struct dent *d) {
  (void)ctx, (void)b, (void)off, (void)prev;
  return d->ino && !is_dot_or_dotdot((const char *)d->name, (int)d->name_len);
}

/* 1 if directory dp holds nothing but '.' and '..', 0 if it holds more, or -EIO. */
static int dir_is_empty(struct inode *dp) {
  int rc = dir_walk(dp, occupied_fn, 0);
  return rc < 0 ? rc : !rc;
}

/* ---- the API (fs.h) ---------------------------------------------------------------------- */

/* Checks a name and loads its directory: 0, -ENOENT, -ENAMETOOLONG, -ENOTDIR. */
static int open_dir(uint32_t dir, int len, struct inode *dp) {
  if (!m.mounted) {
    return -FS_EIO;
  }
  if (len <= 0) {
    return -FS_ENOENT;
  }
  if (len > NAME_MAX) {
    return -FS_ENAMETOOLONG;
  }
  int rc = iget_live(dir, dp);
  if (rc) {
    return rc;
  }
  return is_dir(dp) ? 0 : -FS_ENOTDIR;
}

int fs_mount(int disk) {
  m.mounted = 0;
  m.disk = disk;
  uint32_t sectors = hal_disk_sectors(disk);
  if (sectors < 4) {
    return -FS_EINVAL;
  }
  /* [ext2-doc] Superblock: 1024 bytes at byte 1024, i.e. sectors 2 and 3 */
  if (hal_disk_read(disk, SB_OFFSET / 512, 2, m.sb) != 0) {
    return -FS_EIO;
  }
  if (fs_le16(m.sb + SB_MAGIC) != EXT2_MAGIC) {
    return -FS_EINVAL;
  }
  uint32_t log = sbget(SB_LOG_BLOCK_SIZE);
  if (log > 2) {
    return -FS_EINVAL; /* 1024 << log: 1 KB to 4 KB */
  }
  m.blog = 10 + log;
  m.bsize = 1024u << log;
  m.ppb_log = m.blog - 2;
  m.ppb = m.bsize / 4;
  uint32_t rev = sbget(SB_REV_LEVEL);
  if (rev > 1) {
    return -FS_EINVAL;
  }
  m.inode_size = rev == 0 ? GOOD_OLD_INODE_SIZE : fs_le16(m.sb + SB_INODE_SIZE);
  m.first_ino = rev == 0 ? GOOD_OLD_FIRST_INO : sbget(SB_FIRST_INO);
  uint32_t incompat = rev == 0 ? 0 : sbget(SB_FEATURE_INCOMPAT);
  uint32_t ro_compat = rev == 0 ? 0 : sbget(SB_FEATURE_RO_COMPAT);
  if ((incompat & ~SUPPORTED_INCOMPAT) || (ro_compat & ~SUPPORTED_RO_COMPAT)) {
    return -FS_EINVAL; /* e.g. a journal to recover, extents, 64-bit: not ext2 as we know it */
  }
  if (m.inode_size < GOOD_OLD_INODE_SIZE || m.inode_size > m.bsize ||
      (m.inode_size & (m.inode_size - 1))) {
    return -FS_EINVAL;
  }
  m.filetype = (incompat & INCOMPAT_FILETYPE) != 0;
  m.blocks_count = sbget(SB_BLOCKS_COUNT);
  m.inodes_count = sbget(SB_INODES_COUNT);
  m.first_data_block = sbget(SB_FIRST_DATA_BLOCK);
  m.blocks_per_group = sbget(SB_BLOCKS_PER_GROUP);
  m.inodes_per_group = sbget(SB_INODES_PER_GROUP);
  if (m.blocks_per_group == 0 || m.inodes_per_group == 0 || m.blocks_per_group > 8 * m.bsize ||
      m.inodes_per_group > 8 * m.bsize || m.blocks_count <= m.first_data_block) {
    return -FS_EINVAL;
  }
  if ((uint64_t)m.blocks_count << (m.blog - 9) > sectors) {
    return -FS_EINVAL; /* the file system is larger than the disk */
  }
  m.ngroups = (m.blocks_count - m.first_data_block + m.blocks_per_group - 1) / m.blocks_per_group;
  m.gdt_block = m.first_data_block + 1;
  int rc = bcache_init(disk, m.bsize);
  if (rc) {
    return rc;
  }
  m.alloc_hint = m.first_data_block;
  m.mounted = 1;
  struct inode root;
  rc = iget_live(FS_ROOT_INO, &root);
  if (rc || !is_dir(&root)) {
    m.mounted = 0;
    return rc ? rc : -FS_EINVAL;
  }
  sbput(SB_MTIME, hal_time_seconds());
  fs_put16(m.sb + SB_MNT_COUNT, fs_le16(m.sb + SB_MNT_COUNT) + 1u);
  return 0;
}

/* Inode ino of the mounted file system, in use. */
static int open_inode(uint32_t ino, struct inode *ip) {
  return m.mounted ? iget_live(ino, ip) : -FS_EIO;
}

/* Inode ino, a regular file: -EISDIR for a directory, -EINVAL for other kinds. */
static int open_file(uint32_t ino, struct inode *ip) {
  int rc = open_inode(ino, ip);
  if (rc) {
    return rc;
  }
  if (is_dir(ip)) {
    return -FS_EISDIR;
  }
  return (ip->mode & S_IFMT) == S_IFREG ? 0 : -FS_EINVAL;
}

int fs_lookup(uint32_t dir, const char *name, int namelen, uint32_t *ino) {
  struct inode dp;
  int rc = open_dir(dir, namelen, &dp);
  if (rc) {
    return rc;
  }
  struct where w;
  rc = dir_find(&dp, name, (uint32_t)namelen, &w);
  if (rc == 0) {
    *ino = w.ino;
  }
  return rc;
}

int fs_stat(uint32_t ino, struct fs_stat *st) {
  struct inode ip;
  int rc = open_inode(ino, &ip);
  if (rc) {
    return rc;
  }
  st->ino = ino;
  st->mode = ip.mode;
  st->nlink = ip.links;
  st->uid = ip.uid;
  st->gid = ip.gid;
  st->size = ip.size;
  st->atime = ip.atime;
  st->mtime = ip.mtime;
  st->ctime = ip.ctime;
  st->blocks = ip.blocks;
  uint32_t t = ip.mode & S_IFMT;
  /* device numbers: the old 16-bit encoding in i_block[0], or the new one in i_block[1] */
  st->rdev = (t == S_IFCHR || t == S_IFBLK) ? (iblock(&ip, 0) ? iblock(&ip, 0) : iblock(&ip, 1)) : 0;
  return 0;
}

long fs_read(uint32_t ino, uint64_t off, void *buf, uint32_t n) {
  struct inode ip;
  int rc = open_file(ino, &ip);
  if (rc) {
    return rc;
  }
  return read_data(&ip, off, buf, n);
}

long fs_write(uint32_t ino, uint64_t off, const void *buf, uint32_t n) {
  struct inode ip;
  int rc = open_file(ino, &ip);
  if (rc) {
    return rc;
  }
  if (n == 0) {
    return 0;
  }
  return write_data(&ip, off, buf, n);
}

int fs_truncate(uint32_t ino, uint64_t size) {
  struct inode ip;
  int rc = open_file(ino, &ip);
  if (rc) {
    return rc;
  }
  rc = set_size(&ip, size);
  if (rc) {
    return rc;
  }
  ip.mtime = ip.ctime = hal_time_seconds();
  return iput(&ip);
}

/* A new inode of `mode` named `name` in dir; for directories, with '.' and '..'. */
static int create_node(uint32_t dir, const char *name, int len, uint32_t mode, struct inode *ip) {
  struct inode dp;
  int rc = open_dir(dir, len, &dp);
  if (rc) {
    return rc;
  }
  struct where w;
  rc = dir_find(&dp, name, (uint32_t)len, &w);
  if (rc != -FS_ENOENT) {
    return rc ? rc : -FS_EEXIST;
  }
  int mkdir = (mode & S_IFMT) == S_IFDIR;
  if (mkdir && dp.links >= EXT2_LINK_MAX) {
    return -FS_EMLINK;
  }
  rc = inew(dir, mode, ip);
  if (rc) {
    return rc;
  }
  if (mkdir) {
    /* one block: '.' (12 bytes) and '..' taking the rest ([ext2-doc] Directories) */
    uint32_t pblk;
    rc = bmap(ip, 0, 1, 1, &pblk, 0);
    struct bcache_buf *b = rc ? 0 : bcache_read(pblk);
    if (!b) {
      ip->links = 0;
      idelete(ip);
      return rc ? rc : -FS_EIO;
    }
    dent_write(b->data, ip->ino, rec_size(1), ".", 1, FT_DIR);
    dent_write(b->data + rec_size(1), dir, m.bsize - rec_size(1), "..", 2, FT_DIR);
    bcache_dirty(b);
    bcache_release(b);
    ip->size = m.bsize;
    ip->links = 2;
    iput(ip);
  }
  rc = dir_add(&dp, name, (uint32_t)len, ip->ino, ftype_of(mode));
  if (rc) {
    ip->links = 0;
    idelete(ip);
    return rc;
  }
  if (mkdir) {
#ifndef FAULT_PARENT_LINK
    dp.links++;
#endif
    return iput(&dp);
  }
  return 0;
}

int fs_create(uint32_t dir, const char *name, int namelen, uint32_t mode, uint32_t *ino) {
  struct inode ip;
  int rc = create_node(dir, name, namelen, S_IFREG | (mode & 07777), &ip);
  if (rc == 0) {
    *ino = ip.ino;
  }
  return rc;
}

int fs_mkdir(uint32_t dir, const char *name, int namelen, uint32_t mode, uint32_t *ino) {
  struct inode ip;
  int rc = create_node(dir, name, namelen, S_IFDIR | (mode & 07777), &ip);
  if (rc == 0) {
    *ino = ip.ino;
  }
  return rc;
}

static uint32_t fs_strlen(const char *s) {
  uint32_t n = 0;
  while (s[n]) {
    n++;
  }
  return n;
}

int fs_symlink(uint32_t dir, const char *name, int namelen, const char *target, uint32_t *ino) {
  uint32_t tlen = fs_strlen(target);
  if (tlen == 0) {
    return -FS_ENOENT;
  }
  if (tlen >= m.bsize) {
    return -FS_ENAMETOOLONG; /* a slow symlink's target fits one block */
  }
  struct inode ip;
  int rc = create_node(dir, name, namelen, S_IFLNK | 0777, &ip);
  if (rc) {
    return rc;
  }
  if (tlen < FAST_SYMLINK_MAX) {
    fs_memcpy(ip.block, target, tlen);
    ip.size = tlen;
    rc = iput(&ip);
  } else {
    long n = write_data(&ip, 0, (const uint8_t *)target, tlen);
    rc = n < 0 ? (int)n : 0;
  }
  if (rc) {
    struct where w;
    struct inode dp;
    if (iget(dir, &dp) == 0 && dir_find(&dp, name, (uint32_t)namelen, &w) == 0) {
      dir_remove(&dp, &w);
    }
    ip.links = 0;
    idelete(&ip);
    return rc;
  }
  *ino = ip.ino;
  return 0;
}

/* Drops one link of ip (a name of it went away); deletes it at the last one. */
static int drop_link(struct inode *ip) {
  if (ip->links > 0) {
    ip->links--;
  }
  if (is_dir(ip) || ip->links == 0) {
    ip->links = 0; /* a directory's '.' goes with its name */
    return idelete(ip);
  }
  ip->ctime = hal_time_seconds();
  return iput(ip);
}

/* Removes the name of a non-directory (dir_ok = 0) or of an empty directory (dir_ok = 1). */
static int remove_name(uint32_t dir, const char *name, int len, int want_dir) {
  struct inode dp, ip;
  int rc = open_dir(dir, len, &dp);
  if (rc) {
    return rc;
  }
  if (want_dir && is_dot_or_dotdot(name, len)) {
    return len == 1 ? -FS_EINVAL : -FS_ENOTEMPTY;
  }
  struct where w;
  rc = dir_find(&dp, name, (uint32_t)len, &w);
  if (rc) {
    return rc;
  }
  rc = iget_live(w.ino, &ip);
  if (rc) {
    return rc == -FS_ENOENT ? -FS_EIO : rc;
  }
  if (!want_dir && is_dir(&ip)) {
    return -FS_EISDIR;
  }
  if (want_dir) {
    if (!is_dir(&ip)) {
      return -FS_ENOTDIR;
    }
    rc = dir_is_empty(&ip);
    if (rc <= 0) {
      return rc ? rc : -FS_ENOTEMPTY;
    }
  }
  rc = dir_remove(&dp, &w);
  if (rc) {
    return rc;
  }
  if (want_dir) {
    dp.links--; /* its '..' */
    iput(&dp);
  }
  return drop_link(&ip);
}

int fs_unlink(uint32_t dir, const char *name, int namelen) {
  return remove_name(dir, name, namelen, 0);
}

int fs_rmdir(uint32_t dir, const char *name, int namelen) {
  return remove_name(dir, name, namelen, 1);
}

/* 1 if directory `dir` is `anc` or lies below it, following '..' up to the root. */
static int is_under(uint32_t dir, uint32_t anc) {
  for (int depth = 0; depth < 4096; depth++) {
    if (dir == anc) {
      return 1;
    }
    if (dir == FS_ROOT_INO) {
      return 0;
    }
    struct inode dp;
    struct where w;
    if (iget_live(dir, &dp) || dir_find(&dp, "..", 2, &w)) {
      return 0;
    }
    dir = w.ino;
  }
  return 0;
}

/* Sets directory ip's '..' to newparent. */
static int set_dotdot(struct inode *ip, uint32_t newparent) {
  struct where w;
  int rc = dir_find(ip, "..", 2, &w);
  return rc ? rc : dir_retarget(ip, &w, newparent, FT_DIR);
}

int fs_rename(uint32_t olddir, const char *oldname, int oldlen,
              uint32_t newdir, const char *newname, int newlen) {
  struct inode odp, ndp, src, dst;
  int rc = open_dir(olddir, oldlen, &odp);
  if (rc == 0) {
    rc = open_dir(newdir, newlen, &ndp);
  }
  if (rc) {
    return rc;
  }
  if (is_dot_or_dotdot(oldname, oldlen) || is_dot_or_dotdot(newname, newlen)) {
    return -FS_EINVAL;
  }
  struct where ow, nw;
  rc = dir_find(&odp, oldname, (uint32_t)oldlen, &ow);
  if (rc) {
    return rc;
  }
  rc = iget_live(ow.ino, &src);
  if (rc) {
    return rc;
  }
  int moving_dir = is_dir(&src);
  rc = dir_find(&ndp, newname, (uint32_t)newlen, &nw);
  int replacing = rc == 0;
  if (rc && rc != -FS_ENOENT) {
    return rc;
  }
  if (replacing && nw.ino == ow.ino) {
    return 0; /* two names of one file: rename(2) does nothing */
  }
  /* as Linux checks: a directory into itself first, then the kinds of source and target */
  if (moving_dir && olddir != newdir && is_under(newdir, src.ino)) {
    return -FS_EINVAL;
  }
  if (replacing) {
    rc = iget_live(nw.ino, &dst);
    if (rc) {
      return rc;
    }
    if (moving_dir && !is_dir(&dst)) {
      return -FS_ENOTDIR;
    }
    if (!moving_dir && is_dir(&dst)) {
      return -FS_EISDIR;
    }
    if (is_dir(&dst)) {
      rc = dir_is_empty(&dst);
      if (rc <= 0) {
        return rc ? rc : -FS_ENOTEMPTY;
      }
    }
  }
  if (moving_dir && olddir != newdir && !replacing && ndp.links >= EXT2_LINK_MAX) {
    return -FS_EMLINK;
  }
  /* the new name first, so the file has a name throughout */
  if (replacing) {
    rc = dir_retarget(&ndp, &nw, src.ino, ftype_of(src.mode));
  } else {
    rc = dir_add(&ndp, newname, (uint32_t)newlen, src.ino, ftype_of(src.mode));
  }
  if (rc) {
    return rc;
  }
  if (olddir == newdir) {
    odp = ndp; /* the same directory: keep one copy current */
  }
  /* the old record may have moved? No: records never move; but re-find it, the directory
   * was written (a split can only shorten the record before the new one, never ours) */
  rc = dir_find(&odp, oldname, (uint32_t)oldlen, &ow);
  if (rc == 0) {
    rc = dir_remove(&odp, &ow);
  }
  if (rc) {
    return rc;
  }
  if (olddir == newdir) {
    ndp = odp;
  }
  if (replacing) {
    if (is_dir(&dst)) {
      ndp.links--; /* dst's '..' is gone; src's comes below if it moved here */
      iput(&ndp);
    }
    drop_link(&dst);
  }
  if (moving_dir && olddir != newdir) {
    rc = set_dotdot(&src, newdir);
    if (rc) {
      return rc;
    }
    iget_live(olddir, &odp);
    odp.links--;
    iput(&odp);
    iget_live(newdir, &ndp);
    ndp.links++;
    iput(&ndp);
  }
  if (iget_live(src.ino, &src) == 0) {
    src.ctime = hal_time_seconds();
    iput(&src);
  }
  return 0;
}

int fs_link(uint32_t ino, uint32_t dir, const char *name, int namelen) {
  struct inode dp, ip;
  int rc = open_dir(dir, namelen, &dp);
  if (rc) {
    return rc;
  }
  rc = iget_live(ino, &ip);
  if (rc) {
    return rc;
  }
  if (is_dir(&ip)) {
    return -FS_EPERM;
  }
  if (ip.links >= EXT2_LINK_MAX) {
    return -FS_EMLINK;
  }
  struct where w;
  rc = dir_find(&dp, name, (uint32_t)namelen, &w);
  if (rc != -FS_ENOENT) {
    return rc ? rc : -FS_EEXIST;
  }
  rc = dir_add(&dp, name, (uint32_t)namelen, ino, ftype_of(ip.mode));
  if (rc) {
    return rc;
  }
  ip.links++;
  ip.ctime = hal_time_seconds();
  return iput(&ip);
}

/* d_type of linux_dirent64 (Linux's DT_* values) for an ext2 file_type or mode. */
static uint8_t dtype_of(uint32_t ft) {
  static const uint8_t dt[8] = {0, 8, 4, 2, 6, 1, 12, 10};
  return ft < 8 ? dt[ft] : 0;
}

long fs_getdents64(uint32_t dir, uint64_t *pos, void *buf, uint32_t n) {
  struct inode dp;
  int rc = open_inode(dir, &dp);
  if (rc) {
    return rc;
  }
  if (!is_dir(&dp)) {
    return -FS_ENOTDIR;
  }
  uint8_t *out = buf;
  uint32_t used = 0;
  uint64_t p = *pos;
  while (p < dp.size) {
    uint32_t lb = (uint32_t)(p >> m.blog);
    uint32_t start = (uint32_t)p & (m.bsize - 1);
    uint64_t block_base = (uint64_t)lb << m.blog;
    uint32_t pblk;
    rc = bmap(&dp, lb, 0, 0, &pblk, 0);
    if (rc) {
      return used ? (long)used : rc;
    }
    if (!pblk) {
      p = block_base + m.bsize;
      continue;
    }
    struct bcache_buf *b = bcache_read(pblk);
    if (!b) {
      return used ? (long)used : -FS_EIO;
    }
    /* walk the block from its start, so a position left between records (the directory
     * changed since) resumes at the next record */
    struct dent d;
    for (uint32_t off = 0; off < m.bsize; off += d.rec_len) {
      if (dent_at(b->data, off, &d)) {
        bcache_release(b);
        return used ? (long)used : -FS_EIO;
      }
      if (off < start || d.ino == 0) {
        continue;
      }
      uint32_t reclen = (19 + d.name_len + 1 + 7) & ~7u;
      if (used + reclen > n) {
        bcache_release(b);
        *pos = block_base + off;
        return used ? (long)used : -FS_EINVAL;
      }
      uint8_t type = dtype_of(d.type);
      if (!m.filetype) {
        struct inode ip;
        type = iget(d.ino, &ip) == 0 ? dtype_of(ftype_of(ip.mode)) : 0;
      }
      uint64_t d_ino = d.ino, d_off = block_base + off + d.rec_len;
      uint16_t d_reclen = (uint16_t)reclen;
      uint8_t *r = out + used;
      fs_memcpy(r, &d_ino, 8); /* the running kernel's byte order */
      fs_memcpy(r + 8, &d_off, 8);
      fs_memcpy(r + 16, &d_reclen, 2);
      r[18] = type;
      fs_memcpy(r + 19, d.name, d.name_len);
      fs_memset(r + 19 + d.name_len, 0, reclen - 19 - d.name_len);
      used += reclen;
    }
    bcache_release(b);
    p = block_base + m.bsize;
  }
  *pos = p;
  return (long)used;
}

long fs_readlink(uint32_t ino, char *buf, uint32_t n) {
  struct inode ip;
  int rc = open_inode(ino, &ip);
  if (rc) {
    return rc;
  }
  if ((ip.mode & S_IFMT) != S_IFLNK) {
    return -FS_EINVAL;
  }
  uint32_t len = ip.size > n ? n : (uint32_t)ip.size;
  if (is_fast_symlink(&ip)) {
    if (len > FAST_SYMLINK_MAX) {
      return -FS_EIO;
    }
    fs_memcpy(buf, ip.block, len);
    return (long)len;
  }
  return read_data(&ip, 0, (uint8_t *)buf, len);
}

int fs_set_times(uint32_t ino, uint32_t atime, uint32_t mtime) {
  struct inode ip;
  int rc = open_inode(ino, &ip);
  if (rc) {
    return rc;
  }
  ip.atime = atime;
  ip.mtime = mtime;
  ip.ctime = hal_time_seconds();
  return iput(&ip);
}

int fs_chmod(uint32_t ino, uint32_t mode) {
  struct inode ip;
  int rc = open_inode(ino, &ip);
  if (rc) {
    return rc;
  }
  ip.mode = (ip.mode & S_IFMT) | (mode & 07777);
  ip.ctime = hal_time_seconds();
  return iput(&ip);
}

int fs_sync(void) {
  if (!m.mounted) {
    return -FS_EIO;
  }
  sbput(SB_WTIME, hal_time_seconds());
  /* the superblock goes back through the cache: with 1 KB blocks it is block 1, else it is the
   * second KB of block 0 (whose first KB, the boot area, is kept) */
  uint32_t blk = SB_OFFSET >> m.blog, off = SB_OFFSET & (m.bsize - 1);
  struct bcache_buf *b = bcache_read(blk);
  if (!b) {
    return -FS_EIO;
  }
  fs_memcpy(b->data + off, m.sb, sizeof m.sb);
  bcache_dirty(b);
  bcache_release(b);
  return bcache_flush();
}
