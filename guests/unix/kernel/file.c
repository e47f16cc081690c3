/*
 * file.c: open files (the console, inodes of the file system, pipes), descriptors and path lookup.
 * Everything here runs under the kernel lock.
 */
#include "kernel.h"
#include "fs.h"

static struct file files[NFILE];
static struct file console = {F_CONSOLE, 1, 2, 0, 0, 0, 0};

#define PIPE_BYTES (PAGE_SIZE - 32)
struct pipe {
  uint32_t r, w;       /* bytes read and written, ever: w - r are waiting */
  int readers, writers;
  uint8_t buf[PIPE_BYTES];
};

void file_init(void) {}

struct file *console_file(void) { return file_get(&console); }

struct file *file_get(struct file *f)
{
  f->ref++;
  return f;
}

static struct file *file_alloc(enum ftype type, int flags)
{
  for (int i = 0; i < NFILE; i++) {
    if (files[i].ref == 0) {
      memset(&files[i], 0, sizeof files[i]);
      files[i].type = type;
      files[i].ref = 1;
      files[i].flags = flags;
      return &files[i];
    }
  }
  return 0;
}

void file_put(struct file *f)
{
  if (--f->ref > 0)
    return;
  if (f->type == F_PIPE) {
    struct pipe *p = f->pipe;
    if (f->write_end)
      p->writers--;
    else
      p->readers--;
    wakeup(p);
    if (p->readers == 0 && p->writers == 0)
      page_unref(HAL_V2P(p));
  }
  if (f == &console)
    f->ref = 1; /* the console is never closed for good */
}

int fd_install(struct proc *p, struct file *f, int from)
{
  for (int i = from; i < NOFILE; i++) {
    if (!p->fd[i]) {
      p->fd[i] = f;
      p->cloexec[i] = 0;
      return i;
    }
  }
  return -EMFILE;
}

/* ---- pipes ---------------------------------------------------------------------------------- */

int pipe_create(struct file **rf, struct file **wf)
{
  paddr_t pa = page_alloc();
  if (!pa)
    return -ENOMEM;
  struct pipe *p = HAL_P2V(pa);
  *rf = file_alloc(F_PIPE, 0);
  *wf = *rf ? file_alloc(F_PIPE, 1) : 0;
  if (!*wf) {
    if (*rf)
      (*rf)->ref = 0;
    page_unref(pa);
    return -ENFILE;
  }
  p->readers = p->writers = 1;
  (*rf)->pipe = (*wf)->pipe = p;
  (*wf)->write_end = 1;
  return 0;
}

static long pipe_read(struct file *f, uint32_t uva, uint32_t n)
{
  struct pipe *p = f->pipe;
  while (p->w == p->r) {
    if (p->writers == 0)
      return 0;
    if (f->flags & 0x80) /* O_NONBLOCK */
      return -EAGAIN;
    if (curproc()->killed)
      return -EINTR;
    sleep_on(p);
  }
  uint32_t done = 0;
  while (done < n && p->r != p->w) {
    uint32_t at = p->r % PIPE_BYTES;
    uint32_t chunk = PIPE_BYTES - at;
    if (chunk > p->w - p->r)
      chunk = p->w - p->r;
    if (chunk > n - done)
      chunk = n - done;
    if (copyout(uva + done, &p->buf[at], chunk))
      return done ? (long)done : -EFAULT;
    p->r += chunk;
    done += chunk;
  }
  wakeup(p);
  return done;
}

static long pipe_write(struct file *f, uint32_t uva, uint32_t n)
{
  struct pipe *p = f->pipe;
  uint32_t done = 0;
  while (done < n) {
    if (p->readers == 0) {
      proc_kill(curproc()->pid, 13); /* SIGPIPE */
      return done ? (long)done : -EPIPE;
    }
    if (p->w - p->r == PIPE_BYTES) {
      if (f->flags & 0x80) /* O_NONBLOCK: what fitted, or EAGAIN */
        return done ? (long)done : -EAGAIN;
      if (curproc()->killed)
        return done ? (long)done : -EINTR;
      wakeup(p);
      sleep_on(p);
      continue;
    }
    uint32_t at = p->w % PIPE_BYTES;
    uint32_t chunk = PIPE_BYTES - at;
    if (chunk > PIPE_BYTES - (p->w - p->r))
      chunk = PIPE_BYTES - (p->w - p->r);
    if (chunk > n - done)
      chunk = n - done;
    if (copyin(&p->buf[at], uva + done, chunk))
      return done ? (long)done : -EFAULT;
    p->w += chunk;
    done += chunk;
  }
  wakeup(p);
  return done;
}

/* ---- reading and writing ---------------------------------------------------------------------- */

static uint8_t bounce[PAGE_SIZE] __attribute__((aligned(8)));

static long console_read(uint32_t uva, uint32_t n)
{
  uint32_t done = 0;
  while (done < n) {
    int c = hal_console_getc();
    if (c < 0)
      break; /* the input is all there at start: none waiting is the end */
    uint8_t b = (uint8_t)c;
    if (copyout(uva + done, &b, 1))
      return done ? (long)done : -EFAULT;
    done++;
    if (b == '\n')
      break;
  }
  return done;
}

static long console_write(uint32_t uva, uint32_t n)
{
  uint32_t done = 0;
  while (done < n) {
    uint32_t chunk = n - done > PAGE_SIZE ? PAGE_SIZE : n - done;
    if (copyin(bounce, uva + done, chunk))
      return done ? (long)done : -EFAULT;
    for (uint32_t i = 0; i < chunk; i++)
      hal_console_putc(bounce[i]);
    done += chunk;
  }
  return done;
}

static long inode_io(struct file *f, uint32_t uva, uint32_t n, int write, uint64_t *off)
{
  uint32_t done = 0;
  while (done < n) {
    uint32_t chunk = n - done > PAGE_SIZE ? PAGE_SIZE : n - done;
    long r;
    if (write) {
      if (copyin(bounce, uva + done, chunk))
        return done ? (long)done : -EFAULT;
      r = fs_write(f->ino, *off, bounce, chunk);
    } else {
      r = fs_read(f->ino, *off, bounce, chunk);
      if (r > 0 && copyout(uva + done, bounce, (uint32_t)r))
        return done ? (long)done : -EFAULT;
    }
    if (r < 0)
      return done ? (long)done : r;
    *off += (uint32_t)r;
    done += (uint32_t)r;
    if ((uint32_t)r < chunk)
      break;
  }
  return done;
}

long file_read(struct file *f, uint32_t uva, uint32_t n)
{
  if ((f->flags & 3) == 1)
    return -EBADF;
  switch (f->type) {
  case F_CONSOLE: return console_read(uva, n);
  case F_PIPE: return f->write_end ? -EBADF : pipe_read(f, uva, n);
  case F_INODE: {
    struct fs_stat st;
    fs_enter();
    long r = fs_stat(f->ino, &st) == 0 && (st.mode & 0xF000) == 0x4000 ? -EISDIR
                                                                         : inode_io(f, uva, n, 0, &f->off);
    fs_exit();
    return r;
  }
  default: return -EBADF;
  }
}

long file_write(struct file *f, uint32_t uva, uint32_t n)
{
  if ((f->flags & 3) == 0 && f->type != F_CONSOLE && f->type != F_PIPE)
    return -EBADF;
  switch (f->type) {
  case F_CONSOLE: return console_write(uva, n);
  case F_PIPE: return f->write_end ? pipe_write(f, uva, n) : -EBADF;
  case F_INODE: {
    fs_enter();
    if (f->flags & 0x8) { /* O_APPEND */
      struct fs_stat st;
      if (fs_stat(f->ino, &st) == 0)
        f->off = st.size;
    }
    long r = inode_io(f, uva, n, 1, &f->off);
    fs_exit();
    return r;
  }
  default: return -EBADF;
  }
}

long file_pread(struct file *f, uint32_t uva, uint32_t n, uint64_t off, int write)
{
  if (f->type != F_INODE)
    return -ESPIPE;
  fs_enter();
  long r = inode_io(f, uva, n, write, &off);
  fs_exit();
  return r;
}

struct file *file_open_inode(uint32_t ino, int flags)
{
  struct file *f = file_alloc(F_INODE, flags);
  if (f)
    f->ino = ino;
  return f;
}

/* ---- the file system's lock ------------------------------------------------------------------- */

/*
 * The file system and its buffer cache are not reentrant, and a disk transfer puts its process to
 * sleep: so one process at a time is inside the file system (nested entries by the same process
 * are counted). Taken by the system calls that reach the file system (syscall.c) and around
 * reads and writes of files; never around pipes or the console.
 */
static struct proc *fs_owner;
static int fs_depth;

void fs_enter(void)
{
  struct proc *p = curproc();
  while (fs_owner && fs_owner != p)
    sleep_on(&fs_owner);
  fs_owner = p;
  fs_depth++;
}

void fs_exit(void)
{
  if (--fs_depth == 0) {
    fs_owner = 0;
    wakeup(&fs_owner);
  }
}

/* ---- paths ---------------------------------------------------------------------------------- */

/*
 * Walks path from the root or the working directory. On success *ino is the inode; *parent,
 * *last and *lastlen name the final component either way, so a caller can create it after
 * -ENOENT (then *ino is 0). The file system resolves "." and ".." itself (ext2 stores them).
 */
int path_lookup(const char *path, uint32_t *ino, uint32_t *parent, const char **last, int *lastlen)
{
  uint32_t dir = path[0] == '/' ? FS_ROOT_INO : curproc()->cwd;
  uint32_t cur = dir;
  const char *s = path;
  *ino = 0;
  *last = "";
  *lastlen = 0;
  if (!*path)
    return -ENOENT;
  for (;;) {
    while (*s == '/')
      s++;
    if (!*s) {
      *ino = cur;
      *parent = dir;
      return 0;
    }
    const char *e = s;
    while (*e && *e != '/')
      e++;
    if (e - s > 255)
      return -ENAMETOOLONG;
    struct fs_stat st;
    int r = fs_stat(cur, &st);
    if (r)
      return r;
    if ((st.mode & 0xF000) != 0x4000)
      return -ENOTDIR;
    dir = cur;
    *last = s;
    *lastlen = (int)(e - s);
    *parent = dir;
    uint32_t next;
    r = fs_lookup(dir, s, (int)(e - s), &next);
    if (r) {
      const char *t = e;
      while (*t == '/')
        t++;
      if (*t)
        *lastlen = 0; /* a missing directory on the way: nothing to create */
      return r;
    }
    cur = next;
    s = e;
  }
}

/* path_lookup, then fs_stat of what it found. */
int path_stat(const char *path, uint32_t *ino, struct fs_stat *st)
{
  uint32_t parent;
  const char *last;
  int lastlen;
  int e = path_lookup(path, ino, &parent, &last, &lastlen);
  return e ? e : fs_stat(*ino, st);
}

long file_read_all(uint32_t ino, uint64_t off, void *buf, uint32_t n)
{
  return fs_read(ino, off, buf, n);
}
