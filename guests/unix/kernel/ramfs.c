/*
 * ramfs.c: a small in-memory file system behind fs.h, for kernels built without a disk root (the
 * kernel's own tests): fs_mount fills it from an archive linked into the image (ramfs_image, made
 * by mkramfs.py: records of name length, data length, mode, name, data, each padded to 4 bytes).
 * Files grow page by page (a table of up to 1024 pages: 4 MB a file). Nothing reaches a disk.
 */
#include "kernel.h"
#include "fs.h"

#define RAMFS_INODES 256
#define RAMFS_FILE_PAGES 1024
#define RAMFS_DIRENTS 64

struct rdirent { uint32_t ino; char name[28]; };
struct rinode {
  uint32_t mode, nlink;
  uint64_t size;
  uint32_t mtime;
  paddr_t *pages;          /* a page of page addresses (files) or of entries (directories) */
};
static struct rinode inodes[RAMFS_INODES];
extern const uint8_t ramfs_image[], ramfs_image_end[];

static struct rinode *ino_of(uint32_t ino)
{
  if (ino < 1 || ino >= RAMFS_INODES || !inodes[ino].nlink)
    return 0;
  return &inodes[ino];
}

static int new_inode(uint32_t mode, uint32_t *ino)
{
  for (uint32_t i = 3; i < RAMFS_INODES; i++) {
    if (!inodes[i].nlink) {
      paddr_t pa = page_alloc();
      if (!pa)
        return -ENOSPC;
      inodes[i] = (struct rinode){mode, 1, 0, hal_time_seconds(), HAL_P2V(pa)};
      *ino = i;
      return 0;
    }
  }
  return -ENOSPC;
}

static struct rdirent *dirents(uint32_t dir) { return (struct rdirent *)inodes[dir].pages; }

static int dir_find(uint32_t dir, const char *name, int len)
{
  struct rdirent *d = dirents(dir);
  for (int i = 0; i < RAMFS_DIRENTS * 2; i++)
    if (d[i].ino && (int)strlen(d[i].name) == len && !memcmp(d[i].name, name, (size_t)len))
      return i;
  return -1;
}

static int dir_add(uint32_t dir, const char *name, int len, uint32_t ino)
{
  if (len > 27)
    return -ENAMETOOLONG;
  if (dir_find(dir, name, len) >= 0)
    return -EEXIST;
  struct rdirent *d = dirents(dir);
  for (int i = 0; i < RAMFS_DIRENTS * 2; i++) {
    if (!d[i].ino) {
      d[i].ino = ino;
      memcpy(d[i].name, name, (size_t)len);
      d[i].name[len] = 0;
      inodes[dir].size += sizeof d[i];
      return 0;
    }
  }
  return -ENOSPC;
}

int fs_lookup(uint32_t dir, const char *name, int len, uint32_t *ino)
{
  struct rinode *d = ino_of(dir);
  if (!d)
    return -ENOENT;
  if ((d->mode & 0xF000) != 0x4000)
    return -ENOTDIR;
  int i = dir_find(dir, name, len);
  if (i < 0)
    return -ENOENT;
  *ino = dirents(dir)[i].ino;
  return 0;
}

int fs_stat(uint32_t ino, struct fs_stat *st)
{
  struct rinode *n = ino_of(ino);
  if (!n)
    return -ENOENT;
  memset(st, 0, sizeof *st);
  st->ino = ino;
  st->mode = n->mode;
  st->nlink = n->nlink;
  st->size = n->size;
  st->atime = st->mtime = st->ctime = n->mtime;
  st->blocks = (uint32_t)((n->size + 511) / 512);
  return 0;
}

/* Copies between buf and the file's pages, a page at a time; a write allocates missing pages, a
 * read of one gives zeros. */
static long page_io(struct rinode *n, uint32_t off, uint8_t *buf, uint32_t len, int write)
{
  uint32_t done = 0;
  while (done < len) {
    uint32_t at = off + done;
    uint32_t c = PAGE_SIZE - at % PAGE_SIZE;
    if (c > len - done)
      c = len - done;
    paddr_t *slot = &n->pages[at / PAGE_SIZE];
    if (write && !*slot && !(*slot = page_alloc()))
      return done ? (long)done : -ENOSPC;
    uint8_t *page = *slot ? (uint8_t *)HAL_P2V(*slot) + at % PAGE_SIZE : 0;
    if (write)
      memcpy(page, buf + done, c);
    else if (page)
      memcpy(buf + done, page, c);
    else
      memset(buf + done, 0, c);
    done += c;
  }
  return done;
}

long fs_read(uint32_t ino, uint64_t off, void *buf, uint32_t len)
{
  struct rinode *n = ino_of(ino);
  if (!n)
    return -ENOENT;
  if (off >= n->size)
    return 0;
  if (off + len > n->size)
    len = (uint32_t)(n->size - off);
  return page_io(n, (uint32_t)off, buf, len, 0);
}

long fs_write(uint32_t ino, uint64_t off, const void *buf, uint32_t len)
{
  struct rinode *n = ino_of(ino);
  if (!n)
    return -ENOENT;
  if (off + len > (uint64_t)RAMFS_FILE_PAGES * PAGE_SIZE)
    return -EFBIG;
  long done = page_io(n, (uint32_t)off, (uint8_t *)buf, len, 1);
  if (done > 0 && off + (uint64_t)done > n->size)
    n->size = off + (uint64_t)done;
  n->mtime = hal_time_seconds();
  return done;
}

int fs_truncate(uint32_t ino, uint64_t size)
{
  struct rinode *n = ino_of(ino);
  if (!n)
    return -ENOENT;
  for (uint32_t i = (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE); i < RAMFS_FILE_PAGES; i++) {
    if (n->pages[i]) {
      page_unref(n->pages[i]);
      n->pages[i] = 0;
    }
  }
  if (size % PAGE_SIZE && n->pages[size / PAGE_SIZE])
    memset((uint8_t *)HAL_P2V(n->pages[size / PAGE_SIZE]) + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
  n->size = size;
  return 0;
}

static int make(uint32_t dir, const char *name, int len, uint32_t mode, uint32_t *ino)
{
  if (!ino_of(dir))
    return -ENOENT;
  if (dir_find(dir, name, len) >= 0)
    return -EEXIST;
  int e = new_inode(mode, ino);
  if (e)
    return e;
  e = dir_add(dir, name, len, *ino);
  if (e) {
    inodes[*ino].nlink = 0;
    page_unref(HAL_V2P(inodes[*ino].pages));
  }
  return e;
}

int fs_create(uint32_t dir, const char *name, int len, uint32_t mode, uint32_t *ino)
{
  return make(dir, name, len, mode, ino);
}

int fs_mkdir(uint32_t dir, const char *name, int len, uint32_t mode, uint32_t *ino)
{
  int e = make(dir, name, len, mode, ino);
  if (!e) {
    dir_add(*ino, ".", 1, *ino);
    dir_add(*ino, "..", 2, dir);
    inodes[*ino].nlink = 2;
  }
  return e;
}

int fs_symlink(uint32_t dir, const char *name, int len, const char *target, uint32_t *ino)
{
  (void)dir, (void)name, (void)len, (void)target, (void)ino;
  return -EPERM;
}

static void drop(uint32_t ino)
{
  struct rinode *n = &inodes[ino];
  if (--n->nlink > 0 && (n->mode & 0xF000) != 0x4000)
    return;
  if ((n->mode & 0xF000) != 0x4000)
    fs_truncate(ino, 0);
  page_unref(HAL_V2P(n->pages));
  n->nlink = 0;
}

static int remove(uint32_t dir, const char *name, int len, int want_dir)
{
  if (!ino_of(dir))
    return -ENOENT;
  int i = dir_find(dir, name, len);
  if (i < 0)
    return -ENOENT;
  struct rdirent *d = &dirents(dir)[i];
  int isdir = (inodes[d->ino].mode & 0xF000) == 0x4000;
  if (isdir && !want_dir)
    return -EISDIR;
  if (!isdir && want_dir)
    return -ENOTDIR;
  if (isdir && inodes[d->ino].size > 2 * sizeof *d)
    return -ENOTEMPTY;
  drop(d->ino);
  d->ino = 0;
  inodes[dir].size -= sizeof *d;
  return 0;
}

int fs_unlink(uint32_t dir, const char *name, int len) { return remove(dir, name, len, 0); }
int fs_rmdir(uint32_t dir, const char *name, int len) { return remove(dir, name, len, 1); }

int fs_rename(uint32_t od, const char *on, int ol, uint32_t nd, const char *nn, int nl)
{
  uint32_t ino;
  int e = fs_lookup(od, on, ol, &ino);
  if (e)
    return e;
  uint32_t existing;
  if (fs_lookup(nd, nn, nl, &existing) == 0) {
    if (existing == ino)
      return 0;
    e = remove(nd, nn, nl, (inodes[existing].mode & 0xF000) == 0x4000);
    if (e)
      return e;
  }
  e = dir_add(nd, nn, nl, ino);
  if (e)
    return e;
  struct rdirent *d = &dirents(od)[dir_find(od, on, ol)];
  d->ino = 0;
  inodes[od].size -= sizeof *d;
  return 0;
}

int fs_link(uint32_t ino, uint32_t dir, const char *name, int len)
{
  int e = dir_add(dir, name, len, ino);
  if (!e)
    inodes[ino].nlink++;
  return e;
}

long fs_getdents64(uint32_t dir, uint64_t *pos, void *buf, uint32_t n)
{
  if (!ino_of(dir))
    return -ENOENT;
  struct rdirent *d = dirents(dir);
  uint32_t out = 0;
  for (; *pos < RAMFS_DIRENTS * 2; (*pos)++) {
    struct rdirent *e = &d[*pos];
    if (!e->ino)
      continue;
    uint32_t len = strlen(e->name);
    uint32_t rec = (19 + len + 1 + 7) & ~7u;
    if (out + rec > n)
      return out ? (long)out : -EINVAL;
    uint8_t *r = (uint8_t *)buf + out;
    memset(r, 0, rec);
    uint64_t ino = e->ino, off = *pos + 1;
    uint16_t reclen = (uint16_t)rec;
    memcpy(r, &ino, 8);
    memcpy(r + 8, &off, 8);
    memcpy(r + 16, &reclen, 2);
    r[18] = (inodes[e->ino].mode & 0xF000) == 0x4000 ? 4 : 8;
    memcpy(r + 19, e->name, len);
    out += rec;
  }
  return out;
}

long fs_readlink(uint32_t ino, char *buf, uint32_t n)
{
  (void)ino, (void)buf, (void)n;
  return -EINVAL;
}

int fs_set_times(uint32_t ino, uint32_t atime, uint32_t mtime)
{
  (void)atime;
  if (!ino_of(ino))
    return -ENOENT;
  inodes[ino].mtime = mtime;
  return 0;
}

int fs_chmod(uint32_t ino, uint32_t mode)
{
  if (!ino_of(ino))
    return -ENOENT;
  inodes[ino].mode = (inodes[ino].mode & 0xF000) | (mode & 07777);
  return 0;
}

int fs_sync(void) { return 0; }

static uint32_t be32(const uint8_t *p)
{
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

int fs_mount(int disk)
{
  (void)disk;
  paddr_t pa = page_alloc();
  if (!pa)
    return -ENOMEM;
  inodes[FS_ROOT_INO] = (struct rinode){0x41ED, 2, 0, hal_time_seconds(), HAL_P2V(pa)};
  dir_add(FS_ROOT_INO, ".", 1, FS_ROOT_INO);
  dir_add(FS_ROOT_INO, "..", 2, FS_ROOT_INO);
  for (const uint8_t *p = ramfs_image; p + 12 <= ramfs_image_end;) {
    uint32_t nlen = be32(p), dlen = be32(p + 4), mode = be32(p + 8);
    const char *name = (const char *)p + 12;
    const uint8_t *data = p + 12 + ((nlen + 3) & ~3u);
    uint32_t dir = FS_ROOT_INO, ino;
    const char *s = name;
    for (const char *e = s; e < name + nlen; e++) {
      if (*e != '/')
        continue;
      if (fs_lookup(dir, s, (int)(e - s), &ino) && fs_mkdir(dir, s, (int)(e - s), 0x41ED, &ino))
        return -ENOSPC;
      dir = ino;
      s = e + 1;
    }
    int len = (int)(name + nlen - s);
    if ((mode & 0xF000) == 0x4000) {
      if (fs_lookup(dir, s, len, &ino) && fs_mkdir(dir, s, len, mode, &ino))
        return -ENOSPC;
    } else {
      if (fs_create(dir, s, len, mode, &ino) || fs_write(ino, 0, data, dlen) != (long)dlen)
        return -ENOSPC;
    }
    p = data + ((dlen + 3) & ~3u);
  }
  return 0;
}
