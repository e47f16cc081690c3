/*
 * syscall.c: the Linux o32 system calls (numbers 4000 + n). Arguments in $a0-$a3, the fifth and
 * sixth at 16($sp) and 20($sp) of the user stack; the result in $v0 with $a3 = 0, or the positive
 * errno in $v0 with $a3 = 1. What is not here returns -ENOSYS and is counted.
 */
#include "kernel.h"
#include "fs.h"

long file_read(struct file *f, uint32_t uva, uint32_t n);
long file_write(struct file *f, uint32_t uva, uint32_t n);
long file_pread(struct file *f, uint32_t uva, uint32_t n, uint64_t off, int write);
struct file *file_open_inode(uint32_t ino, int flags);
int pipe_create(struct file **rf, struct file **wf);
int sleep_until(uint64_t ns);

/* open flags, MIPS values */
#define O_ACCMODE 3
#define O_APPEND 0x0008
#define O_NONBLOCK 0x0080
#define O_CREAT 0x0100
#define O_TRUNC 0x0200
#define O_EXCL 0x0400
#define O_DIRECTORY 0x10000
#define O_CLOEXEC 0x80000
#define AT_FDCWD (-100)
#define AT_EMPTY_PATH 0x1000
#define AT_REMOVEDIR 0x200
#define S_IFMT 0xF000u
#define S_IFDIR 0x4000u
#define S_IFIFO 0x1000u

#define A(i) (args[i])
typedef long (*sysfn)(uint32_t *args, struct trapframe *tf);

static struct file *fd_file(int fd)
{
  struct proc *p = curproc();
  if (fd < 0 || fd >= NOFILE)
    return 0;
  return p->fd[fd];
}

/* ---- processes ------------------------------------------------------------------------------ */

static uint32_t arg5(struct trapframe *tf, int i)
{
  uint32_t v = 0;
  copyin(&v, tf->r[TF_SP] + 16 + 4 * (uint32_t)i, 4);
  return v;
}

static long sys_exit(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  proc_exit((A(0) & 0xFF) << 8);
}

static long sys_fork(uint32_t *args, struct trapframe *tf) { (void)args, (void)tf; return proc_fork(0); }

#define CLONE_VM 0x100
#define CLONE_VFORK 0x4000
#define CLONE_THREAD 0x10000
#define CLONE_CHILD_SETTID 0x01000000

/* clone as fork: a new process, never a thread (glibc's fork and vfork come here). */
static long sys_clone(uint32_t *args, struct trapframe *tf)
{
  uint32_t flags = A(0);
  if (flags & CLONE_THREAD)
    return -ENOSYS;
  if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
    return -ENOSYS;
  if (A(1))
    return -EINVAL; /* a new stack only makes sense with a shared address space */
  return proc_fork((flags & CLONE_CHILD_SETTID) ? arg5(tf, 0) : 0);
}

static long sys_pause(uint32_t *args, struct trapframe *tf) { (void)args, (void)tf; return pause_until_killed(); }
static long sys_getpid(uint32_t *args, struct trapframe *tf) { (void)args, (void)tf; return curproc()->pid; }
static long sys_getppid(uint32_t *args, struct trapframe *tf) { (void)args, (void)tf; return curproc()->ppid; }
static long sys_zero(uint32_t *args, struct trapframe *tf) { (void)args, (void)tf; return 0; }

static long sys_wait4(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  return proc_wait((int)A(0), A(1), (int)A(2));
}

static long sys_kill(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  int pid = (int)A(0);
  return proc_kill(pid == 0 ? curproc()->pid : pid, (int)A(1));
}

static long sys_tgkill(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  return proc_kill((int)A(1), (int)A(2));
}

static long sys_tkill(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  return proc_kill((int)A(0), (int)A(1));
}

static long sys_execve(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  return sys_execve_impl(A(0), A(1), A(2));
}

static long sys_sched_yield(uint32_t *args, struct trapframe *tf)
{
  (void)args, (void)tf;
  yield();
  return 0;
}

static long sys_set_thread_area(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  curproc()->tls = A(0);
  hal_set_tls(A(0));
  return 0;
}

static long sys_rt_sigaction(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  int sig = (int)A(0);
  struct proc *p = curproc();
  if (sig <= 0 || sig >= 128 || sig == 9 || sig == 23)
    return -EINVAL;
  if (A(2)) { /* old action: SIG_DFL or SIG_IGN as we know it; MIPS sigaction: flags, handler, mask */
    uint32_t old[4] = {0, sig < 32 ? (p->sig_ignored >> sig) & 1 : 0, 0, 0};
    if (copyout(A(2), old, sizeof old))
      return -EFAULT;
  }
  if (A(1) && sig < 32) {
    uint32_t handler;
    if (copyin(&handler, A(1) + 4, 4))
      return -EFAULT;
    if (handler == 1)
      p->sig_ignored |= 1u << sig;
    else
      p->sig_ignored &= ~(1u << sig); /* a handler is accepted but never called */
  }
  return 0;
}

/* ---- memory --------------------------------------------------------------------------------- */

static long sys_brk(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct mm *mm = &curproc()->mm;
  uint32_t want = A(0);
  if (want < mm->brk_base)
    return mm->brk;
  uint32_t old_end = (mm->brk + PAGE_SIZE - 1) & PAGE_MASK;
  uint32_t new_end = (want + PAGE_SIZE - 1) & PAGE_MASK;
  if (new_end > old_end) {
    for (int i = 0; i < mm->nreg; i++)
      if (mm->reg[i].start < new_end && mm->reg[i].end > old_end)
        return mm->brk;
    if (new_end - old_end > pages_free() * PAGE_SIZE)
      return mm->brk;
    /* the heap is one region from brk_base: grow it, or create it */
    int grown = 0;
    for (int i = 0; i < mm->nreg; i++)
      if (mm->reg[i].start == mm->brk_base && mm->reg[i].end == old_end && old_end > mm->brk_base) {
        mm->reg[i].end = new_end;
        grown = 1;
      }
    if (!grown && mm_add_region(mm, old_end, new_end, R_READ | R_WRITE))
      return mm->brk;
  } else if (new_end < old_end) {
    mm_unmap(mm, new_end, old_end);
  }
  mm->brk = want;
  return want;
}

#define MAP_SHARED 0x1
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x800

static long do_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd, uint32_t off)
{
  struct mm *mm = &curproc()->mm;
  if (!len)
    return -EINVAL;
  len = (len + PAGE_SIZE - 1) & PAGE_MASK;
  if (flags & MAP_FIXED) {
    if (addr & (PAGE_SIZE - 1) || addr + len > USER_TOP || addr + len < addr)
      return -EINVAL;
    mm_unmap(mm, addr, addr + len);
  } else {
    addr = mm_find_gap(mm, len);
    if (!addr)
      return -ENOMEM;
  }
  uint32_t rprot = R_READ | ((prot & 2) ? R_WRITE : 0) | ((prot & 4) ? R_EXEC : 0) |
                   ((flags & MAP_SHARED) ? R_SHARED : 0);
  if (len / PAGE_SIZE > pages_free())
    return -ENOMEM;
  struct file *f = 0;
  if (!(flags & MAP_ANONYMOUS)) {
    f = fd_file(fd);
    if (!f || f->type != F_INODE)
      return -EBADF;
    if (flags & MAP_SHARED)
      return -ENODEV; /* shared file mappings: not supported */
    rprot |= R_WRITE; /* filled below, then the pages are private copies */
  }
  int e = mm_add_region(mm, addr, addr + len, rprot);
  if (e)
    return e;
  if ((flags & MAP_SHARED) || f) {
    /* shared anonymous memory is made at once, so that fork shares every page of it */
    e = mm_populate(mm, addr, addr + len);
    if (e) {
      mm_unmap(mm, addr, addr + len);
      return e;
    }
  }
  if (f) {
    long r = file_pread(f, addr, len, off, 0);
    if (r < 0) {
      mm_unmap(mm, addr, addr + len);
      return r;
    }
  }
  return addr;
}


static long sys_mmap(uint32_t *args, struct trapframe *tf)
{
  return do_mmap(A(0), A(1), A(2), A(3), (int)arg5(tf, 0), arg5(tf, 1));
}

static long sys_mmap2(uint32_t *args, struct trapframe *tf)
{
  return do_mmap(A(0), A(1), A(2), A(3), (int)arg5(tf, 0), arg5(tf, 1) * PAGE_SIZE);
}

static long sys_munmap(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  if (A(0) & (PAGE_SIZE - 1) || A(0) + A(1) > USER_TOP)
    return -EINVAL;
  return mm_unmap(&curproc()->mm, A(0), A(0) + ((A(1) + PAGE_SIZE - 1) & PAGE_MASK));
}

/* ---- files ---------------------------------------------------------------------------------- */

static long sys_read(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct file *f = fd_file((int)A(0));
  return f ? file_read(f, A(1), A(2)) : -EBADF;
}

static long sys_write(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct file *f = fd_file((int)A(0));
  return f ? file_write(f, A(1), A(2)) : -EBADF;
}

static long vector_io(uint32_t *args, int write)
{
  struct file *f = fd_file((int)A(0));
  if (!f)
    return -EBADF;
  long total = 0;
  for (uint32_t i = 0; i < A(2); i++) {
    uint32_t iov[2];
    if (copyin(iov, A(1) + 8 * i, 8))
      return total ? total : -EFAULT;
    if (!iov[1])
      continue;
    long r = write ? file_write(f, iov[0], iov[1]) : file_read(f, iov[0], iov[1]);
    if (r < 0)
      return total ? total : r;
    total += r;
    if ((uint32_t)r < iov[1])
      break;
  }
  return total;
}

static long sys_writev(uint32_t *args, struct trapframe *tf) { (void)tf; return vector_io(args, 1); }
static long sys_readv(uint32_t *args, struct trapframe *tf) { (void)tf; return vector_io(args, 0); }

/* pread64/pwrite64: o32 passes the 64-bit offset in an aligned register pair, which puts it in
 * the stack words 16 and 20 */
static long positioned_io(uint32_t *args, struct trapframe *tf, int write)
{
  struct file *f = fd_file((int)A(0));
  if (!f)
    return -EBADF;
  uint64_t off = ((uint64_t)arg5(tf, 0) << 32) | arg5(tf, 1);
  return file_pread(f, A(1), A(2), off, write);
}

static long sys_pread64(uint32_t *args, struct trapframe *tf) { return positioned_io(args, tf, 0); }
static long sys_pwrite64(uint32_t *args, struct trapframe *tf) { return positioned_io(args, tf, 1); }

static int user_path(char *buf, uint32_t uva)
{
  int n = copyinstr(buf, uva, 256);
  return n < 0 ? n : 0;
}

/* path relative to dirfd (only AT_FDCWD and absolute paths are supported). */
static int at_path(int dirfd, char *buf, uint32_t uva)
{
  int e = user_path(buf, uva);
  if (e)
    return e;
  if (buf[0] != '/' && dirfd != AT_FDCWD) {
    struct file *f = fd_file(dirfd);
    if (!f)
      return -EBADF;
    return -ENOSYS;
  }
  return 0;
}

static long do_open(int dirfd, uint32_t upath, uint32_t flags, uint32_t mode)
{
  char path[256];
  int e = at_path(dirfd, path, upath);
  if (e)
    return e;
  uint32_t ino, parent;
  const char *last;
  int lastlen;
  e = path_lookup(path, &ino, &parent, &last, &lastlen);
  if (e == -ENOENT && (flags & O_CREAT) && lastlen > 0) {
    e = fs_create(parent, last, lastlen, 0x8000u | (mode & 07777), &ino);
  } else if (!e && (flags & O_CREAT) && (flags & O_EXCL)) {
    return -EEXIST;
  }
  if (e)
    return e;
  struct fs_stat st;
  e = fs_stat(ino, &st);
  if (e)
    return e;
  int isdir = (st.mode & S_IFMT) == S_IFDIR;
  if ((flags & O_DIRECTORY) && !isdir)
    return -ENOTDIR;
  if (isdir && (flags & O_ACCMODE) != 0)
    return -EISDIR;
  if ((flags & O_TRUNC) && (flags & O_ACCMODE) && !isdir) {
    e = fs_truncate(ino, 0);
    if (e)
      return e;
  }
  struct file *f = file_open_inode(ino, (int)flags);
  if (!f)
    return -ENFILE;
  struct proc *p = curproc();
  int fd = fd_install(p, f, 0);
  if (fd < 0)
    file_put(f);
  else
    p->cloexec[fd] = (flags & O_CLOEXEC) ? 1 : 0;
  return fd;
}

static long sys_open(uint32_t *args, struct trapframe *tf) { (void)tf; return do_open(AT_FDCWD, A(0), A(1), A(2)); }
static long sys_openat(uint32_t *args, struct trapframe *tf) { (void)tf; return do_open((int)A(0), A(1), A(2), A(3)); }

static long sys_close(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct proc *p = curproc();
  struct file *f = fd_file((int)A(0));
  if (!f)
    return -EBADF;
  p->fd[A(0)] = 0;
  file_put(f);
  return 0;
}

static long do_lseek(int fd, int64_t off, int whence, int64_t *result)
{
  struct file *f = fd_file(fd);
  if (!f)
    return -EBADF;
  if (f->type != F_INODE)
    return -ESPIPE;
  int64_t base = 0;
  if (whence == 1)
    base = (int64_t)f->off;
  else if (whence == 2) {
    struct fs_stat st;
    int e = fs_stat(f->ino, &st);
    if (e)
      return e;
    base = (int64_t)st.size;
  } else if (whence != 0)
    return -EINVAL;
  if (base + off < 0)
    return -EINVAL;
  f->off = (uint64_t)(base + off);
  *result = (int64_t)f->off;
  return 0;
}

static long sys_lseek(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  int64_t r;
  long e = do_lseek((int)A(0), (int32_t)A(1), (int)A(2), &r);
  if (e)
    return e;
  return r > 0x7fffffff ? -EOVERFLOW : (long)r;
}

static long sys_llseek(uint32_t *args, struct trapframe *tf)
{
  int64_t r;
  int64_t off = (int64_t)(((uint64_t)A(1) << 32) | A(2));
  long e = do_lseek((int)A(0), off, (int)arg5(tf, 0), &r);
  if (e)
    return e;
  return copyout(A(3), &r, 8) ? -EFAULT : 0;
}

static int stat_of(int fd_or_at, uint32_t upath, int empty_ok, struct fs_stat *st)
{
  struct file *f = 0;
  if (empty_ok) {
    f = fd_file(fd_or_at);
    if (!f)
      return -EBADF;
  } else {
    char path[256];
    int e = at_path(fd_or_at, path, upath);
    if (e)
      return e;
    uint32_t ino;
    return path_stat(path, &ino, st);
  }
  if (f->type == F_INODE)
    return fs_stat(f->ino, st);
  memset(st, 0, sizeof *st);
  st->mode = S_IFIFO | 0600; /* the console and pipes: a FIFO, as when output is piped */
  st->nlink = 1;
  return 0;
}

static int put_stat64(uint32_t uva, const struct fs_stat *st)
{
  uint32_t w[26];
  memset(w, 0, sizeof w);
  w[0] = 0x801;                 /* st_dev */
  w[4] = 0, w[5] = st->ino;     /* st_ino (u64, big-endian halves are fixed below) */
  w[6] = st->mode;
  w[7] = st->nlink;
  w[8] = st->uid;
  w[9] = st->gid;
  w[10] = st->rdev;
  uint64_t size = st->size;
  memcpy(&w[14], &size, 8);
  uint64_t ino = st->ino;
  memcpy(&w[4], &ino, 8);
  w[16] = st->atime;
  w[18] = st->mtime;
  w[20] = st->ctime;
  w[22] = 4096;                 /* st_blksize */
  uint64_t blocks = st->blocks;
  memcpy(&w[24], &blocks, 8);
  return copyout(uva, w, sizeof w) ? -EFAULT : 0;
}

static long sys_stat64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct fs_stat st;
  int e = stat_of(AT_FDCWD, A(0), 0, &st);
  return e ? e : put_stat64(A(1), &st);
}

static long sys_fstat64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct fs_stat st;
  int e = stat_of((int)A(0), 0, 1, &st);
  return e ? e : put_stat64(A(1), &st);
}

static long sys_fstatat64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct fs_stat st;
  char c = 0;
  if (A(3) & AT_EMPTY_PATH)
    copyin(&c, A(1), 1);
  int e = stat_of((int)A(0), A(1), (A(3) & AT_EMPTY_PATH) && !c, &st);
  return e ? e : put_stat64(A(2), &st);
}

static long sys_statx(uint32_t *args, struct trapframe *tf)
{
  struct fs_stat st;
  char c = 0;
  if (A(2) & AT_EMPTY_PATH)
    copyin(&c, A(1), 1);
  int e = stat_of((int)A(0), A(1), (A(2) & AT_EMPTY_PATH) && !c, &st);
  if (e)
    return e;
  uint8_t b[256];
  memset(b, 0, sizeof b);
  uint32_t u32;
  uint16_t u16;
  uint64_t u64;
#define PUT(off, v, var) (var = (v), memcpy(&b[off], &var, sizeof var))
  PUT(0, 0x7ffu, u32);          /* stx_mask: the basic stats */
  PUT(4, 4096u, u32);
  PUT(16, st.nlink, u32);
  PUT(20, st.uid, u32);
  PUT(24, st.gid, u32);
  PUT(28, (uint16_t)st.mode, u16);
  PUT(32, (uint64_t)st.ino, u64);
  PUT(40, st.size, u64);
  PUT(48, (uint64_t)st.blocks, u64);
  PUT(64, (uint64_t)st.atime, u64);
  PUT(96, (uint64_t)st.ctime, u64);
  PUT(112, (uint64_t)st.mtime, u64);
  PUT(136, 8u, u32);
  PUT(140, 1u, u32);
#undef PUT
  return copyout(arg5(tf, 0), b, sizeof b) ? -EFAULT : 0;
}

static long sys_getdents64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct file *f = fd_file((int)A(0));
  if (!f)
    return -EBADF;
  if (f->type != F_INODE)
    return -ENOTDIR;
  static uint8_t buf[PAGE_SIZE];
  uint32_t n = A(2) > PAGE_SIZE ? PAGE_SIZE : A(2);
  long r = fs_getdents64(f->ino, &f->off, buf, n);
  if (r > 0 && copyout(A(1), buf, (uint32_t)r))
    return -EFAULT;
  return r;
}

static int lookup_parent(uint32_t upath, int dirfd, uint32_t *ino, uint32_t *parent, const char **last, int *lastlen, char *path)
{
  int e = at_path(dirfd, path, upath);
  if (e)
    return e;
  return path_lookup(path, ino, parent, last, lastlen);
}

static long do_mkdir(int dirfd, uint32_t upath, uint32_t mode)
{
  char path[256];
  uint32_t ino, parent;
  const char *last;
  int lastlen;
  int e = lookup_parent(upath, dirfd, &ino, &parent, &last, &lastlen, path);
  if (!e)
    return -EEXIST;
  if (e != -ENOENT || lastlen == 0)
    return e;
  return fs_mkdir(parent, last, lastlen, S_IFDIR | (mode & 07777), &ino);
}

static long sys_mkdir(uint32_t *args, struct trapframe *tf) { (void)tf; return do_mkdir(AT_FDCWD, A(0), A(1)); }
static long sys_mkdirat(uint32_t *args, struct trapframe *tf) { (void)tf; return do_mkdir((int)A(0), A(1), A(2)); }

static long do_unlink(int dirfd, uint32_t upath, int rmdir)
{
  char path[256];
  uint32_t ino, parent;
  const char *last;
  int lastlen;
  int e = lookup_parent(upath, dirfd, &ino, &parent, &last, &lastlen, path);
  if (e)
    return e;
  return rmdir ? fs_rmdir(parent, last, lastlen) : fs_unlink(parent, last, lastlen);
}

static long sys_unlink(uint32_t *args, struct trapframe *tf) { (void)tf; return do_unlink(AT_FDCWD, A(0), 0); }
static long sys_rmdir(uint32_t *args, struct trapframe *tf) { (void)tf; return do_unlink(AT_FDCWD, A(0), 1); }
static long sys_unlinkat(uint32_t *args, struct trapframe *tf) { (void)tf; return do_unlink((int)A(0), A(1), (A(2) & AT_REMOVEDIR) != 0); }

static long do_rename(int ofd, uint32_t oldp, int nfd, uint32_t newp)
{
  char p1[256], p2[256];
  uint32_t ino1, par1, ino2, par2;
  const char *l1, *l2;
  int n1, n2;
  int e = lookup_parent(oldp, ofd, &ino1, &par1, &l1, &n1, p1);
  if (e)
    return e;
  e = lookup_parent(newp, nfd, &ino2, &par2, &l2, &n2, p2);
  if (e && (e != -ENOENT || n2 == 0))
    return e;
  return fs_rename(par1, l1, n1, par2, l2, n2);
}

static long sys_rename(uint32_t *args, struct trapframe *tf) { (void)tf; return do_rename(AT_FDCWD, A(0), AT_FDCWD, A(1)); }
static long sys_renameat(uint32_t *args, struct trapframe *tf) { (void)tf; return do_rename((int)A(0), A(1), (int)A(2), A(3)); }

/* Joins the working directory and path, resolving "." and ".." by name. */
static void path_join(char *out, const char *cwd, const char *path)
{
  char tmp[384];
  if (path[0] == '/')
    strcpy(tmp, path);
  else {
    strcpy(tmp, cwd);
    strcpy(tmp + strlen(tmp), "/");
    strcpy(tmp + strlen(tmp), path);
  }
  int n = 0;
  out[0] = 0;
  for (char *s = tmp; *s;) {
    while (*s == '/')
      s++;
    char *e = s;
    while (*e && *e != '/')
      e++;
    int len = (int)(e - s);
    if (len == 0 || (len == 1 && s[0] == '.')) {
    } else if (len == 2 && s[0] == '.' && s[1] == '.') {
      while (n > 0 && out[n] != '/')
        n--;
      out[n] = 0;
    } else if (n + len + 2 < 128) {
      out[n++] = '/';
      memcpy(out + n, s, (size_t)len);
      n += len;
      out[n] = 0;
    }
    s = e;
  }
  if (n == 0)
    strcpy(out, "/");
}

static long sys_chdir(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  char path[256];
  uint32_t ino, parent;
  const char *last;
  int lastlen;
  int e = lookup_parent(A(0), AT_FDCWD, &ino, &parent, &last, &lastlen, path);
  if (e)
    return e;
  struct fs_stat st;
  e = fs_stat(ino, &st);
  if (e)
    return e;
  if ((st.mode & S_IFMT) != S_IFDIR)
    return -ENOTDIR;
  struct proc *p = curproc();
  char joined[128];
  path_join(joined, p->cwdpath, path);
  strcpy(p->cwdpath, joined);
  p->cwd = ino;
  return 0;
}

static long sys_getcwd(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct proc *p = curproc();
  uint32_t n = strlen(p->cwdpath) + 1;
  if (A(1) < n)
    return -ERANGE;
  return copyout(A(0), p->cwdpath, n) ? -EFAULT : (long)n;
}

static long install_pair(uint32_t flags, struct trapframe *tf, uint32_t ufds)
{
  struct file *r, *w;
  int e = pipe_create(&r, &w);
  if (e)
    return e;
  r->flags |= (int)(flags & O_NONBLOCK);
  w->flags |= (int)(flags & O_NONBLOCK);
  struct proc *p = curproc();
  int fd0 = fd_install(p, r, 0);
  int fd1 = fd0 < 0 ? fd0 : fd_install(p, w, 0);
  if (fd1 < 0) {
    if (fd0 >= 0)
      p->fd[fd0] = 0;
    file_put(r);
    file_put(w);
    return -EMFILE;
  }
  p->cloexec[fd0] = p->cloexec[fd1] = (flags & O_CLOEXEC) ? 1 : 0;
  if (ufds) {
    int32_t fds[2] = {fd0, fd1};
    if (copyout(ufds, fds, 8))
      return -EFAULT;
    return 0;
  }
  tf->r[TF_V1] = (uint32_t)fd1; /* pipe(): the second descriptor in $v1 */
  return fd0;
}

static long sys_pipe(uint32_t *args, struct trapframe *tf) { (void)args; return install_pair(0, tf, 0); }
static long sys_pipe2(uint32_t *args, struct trapframe *tf) { return install_pair(A(1), tf, A(0)); }

static long do_dup(int old, int new, int flags, int from)
{
  struct proc *p = curproc();
  struct file *f = fd_file(old);
  if (!f)
    return -EBADF;
  if (new < 0) {
    int fd = fd_install(p, file_get(f), from);
    if (fd < 0)
      file_put(f);
    else
      p->cloexec[fd] = (uint8_t)flags;
    return fd;
  }
  if (new >= NOFILE)
    return -EBADF;
  if (new == old)
    return new;
  if (p->fd[new])
    file_put(p->fd[new]);
  p->fd[new] = file_get(f);
  p->cloexec[new] = (uint8_t)flags;
  return new;
}

static long sys_dup(uint32_t *args, struct trapframe *tf) { (void)tf; return do_dup((int)A(0), -1, 0, 0); }
static long sys_dup2(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  if (A(0) == A(1))
    return fd_file((int)A(0)) ? (long)A(1) : -EBADF;
  return do_dup((int)A(0), (int)A(1), 0, 0);
}
static long sys_dup3(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  if (A(0) == A(1))
    return -EINVAL;
  return do_dup((int)A(0), (int)A(1), (A(2) & O_CLOEXEC) ? 1 : 0, 0);
}

static long sys_fcntl(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct proc *p = curproc();
  struct file *f = fd_file((int)A(0));
  if (!f)
    return -EBADF;
  switch (A(1)) {
  case 0: return do_dup((int)A(0), -1, 0, (int)A(2));     /* F_DUPFD */
  case 1030: return do_dup((int)A(0), -1, 1, (int)A(2));  /* F_DUPFD_CLOEXEC */
  case 1: return p->cloexec[A(0)];                         /* F_GETFD */
  case 2: p->cloexec[A(0)] = A(2) & 1; return 0;           /* F_SETFD */
  case 3: return f->flags;                                 /* F_GETFL */
  case 4: f->flags = (f->flags & ~(O_APPEND | O_NONBLOCK)) | (int)(A(2) & (O_APPEND | O_NONBLOCK)); return 0;
  default: return -EINVAL;
  }
}

static long sys_ioctl(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  return fd_file((int)A(0)) ? -ENOTTY : -EBADF; /* no terminals: isatty() is false */
}

static long sys_ftruncate(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct file *f = fd_file((int)A(0));
  if (!f || f->type != F_INODE)
    return -EBADF;
  return fs_truncate(f->ino, A(1));
}

static long sys_ftruncate64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct file *f = fd_file((int)A(0));
  if (!f || f->type != F_INODE)
    return -EBADF;
  return fs_truncate(f->ino, ((uint64_t)A(2) << 32) | A(3));
}

static long sys_access(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct fs_stat st;
  return stat_of(AT_FDCWD, A(0), 0, &st);
}

static long sys_faccessat(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  struct fs_stat st;
  return stat_of((int)A(0), A(1), 0, &st);
}

static long sys_readlink(uint32_t *args, struct trapframe *tf)
{
  (void)args, (void)tf;
  return -EINVAL; /* no symbolic links are followed; /proc does not exist */
}

static long sys_sync(uint32_t *args, struct trapframe *tf)
{
  (void)args, (void)tf;
  return fs_sync();
}

/* ---- time and identity ---------------------------------------------------------------------- */

static long sys_uname(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  static const char *const fields[6] = {"Linux", "unix", "5.10.0", "#1 SMP", "mips", "(none)"};
  char u[390];
  memset(u, 0, sizeof u);
  for (int i = 0; i < 6; i++)
    strcpy(u + 65 * i, fields[i]);
  return copyout(A(0), u, sizeof u) ? -EFAULT : 0;
}

static long sys_clock_gettime(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  uint64_t ns = hal_time_nanos();
  if (A(0) == 1 || A(0) == 4 || A(0) == 7) /* monotonic clocks: since boot */
    ns -= 1704067200ull * 1000000000ull;
  uint32_t ts[2] = {(uint32_t)(ns / 1000000000u), (uint32_t)(ns % 1000000000u)};
  return copyout(A(1), ts, 8) ? -EFAULT : 0;
}

static long sys_clock_gettime64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  uint64_t ns = hal_time_nanos();
  if (A(0) == 1 || A(0) == 4 || A(0) == 7)
    ns -= 1704067200ull * 1000000000ull;
  uint64_t s = ns / 1000000000u;
  uint32_t ts[4];
  memcpy(ts, &s, 8);
  ts[2] = (uint32_t)(ns % 1000000000u);
  ts[3] = 0;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  uint32_t t = ts[2]; /* tv_nsec is a long in the first half of its 64-bit slot */
  ts[2] = 0, ts[3] = t;
#endif
  return copyout(A(1), ts, 16) ? -EFAULT : 0;
}

static long sys_gettimeofday(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  uint64_t ns = hal_time_nanos();
  uint32_t tv[2] = {(uint32_t)(ns / 1000000000u), (uint32_t)(ns % 1000000000u / 1000u)};
  if (A(0) && copyout(A(0), tv, 8))
    return -EFAULT;
  return 0;
}

static long sys_time(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  uint32_t t = hal_time_seconds();
  if (A(0) && copyout(A(0), &t, 4))
    return -EFAULT;
  return t;
}

static long sys_nanosleep(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  uint32_t ts[2];
  if (copyin(ts, A(0), 8))
    return -EFAULT;
  return sleep_until(hal_time_nanos() + (uint64_t)ts[0] * 1000000000u + ts[1]);
}

static long sys_clock_nanosleep64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  uint32_t ts[4];
  if (copyin(ts, A(2), 16))
    return -EFAULT;
  uint64_t s;
  memcpy(&s, ts, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  uint32_t nsec = ts[3];
#else
  uint32_t nsec = ts[2];
#endif
  uint64_t d = s * 1000000000u + nsec;
  return sleep_until((A(1) & 1) ? d : hal_time_nanos() + d);
}

static long sys_getrlimit(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  uint32_t lim[2] = {STACK_MAX, STACK_MAX};
  if (A(0) != 3) /* RLIMIT_STACK; everything else is unlimited */
    lim[0] = lim[1] = 0xFFFFFFFFu;
  return copyout(A(1), lim, 8) ? -EFAULT : 0;
}

static long sys_prlimit64(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  if (!A(3))
    return 0;
  uint64_t lim[2] = {STACK_MAX, STACK_MAX};
  if (A(1) != 3)
    lim[0] = lim[1] = ~0ull;
  return copyout(A(3), lim, 16) ? -EFAULT : 0;
}

static long sys_getrandom(uint32_t *args, struct trapframe *tf)
{
  (void)tf;
  static uint32_t seed = 0x12345678u;
  for (uint32_t i = 0; i < A(1); i++) {
    seed = seed * 1103515245u + 12345u;
    uint8_t b = (uint8_t)(seed >> 16);
    if (copyout(A(0) + i, &b, 1))
      return -EFAULT;
  }
  return A(1);
}

static long sys_set_tid_address(uint32_t *args, struct trapframe *tf) { (void)args, (void)tf; return curproc()->pid; }
static long sys_umask(uint32_t *args, struct trapframe *tf) { (void)args, (void)tf; return 022; }

/* ---- the table ------------------------------------------------------------------------------ */

static const sysfn table[] = {
    [1] = sys_exit, [2] = sys_fork, [29] = sys_pause, [120] = sys_clone, [199] = sys_pause, [3] = sys_read, [4] = sys_write, [5] = sys_open,
    [6] = sys_close, [10] = sys_unlink, [11] = sys_execve, [12] = sys_chdir, [13] = sys_time,
    [19] = sys_lseek, [20] = sys_getpid, [24] = sys_zero, [33] = sys_access, [36] = sys_sync,
    [37] = sys_kill, [38] = sys_rename, [39] = sys_mkdir, [40] = sys_rmdir, [41] = sys_dup,
    [42] = sys_pipe, [45] = sys_brk, [47] = sys_zero, [49] = sys_zero, [50] = sys_zero,
    [54] = sys_ioctl, [55] = sys_fcntl, [57] = sys_zero, [60] = sys_umask, [63] = sys_dup2,
    [64] = sys_getppid, [76] = sys_getrlimit, [78] = sys_gettimeofday, [85] = sys_readlink,
    [90] = sys_mmap, [91] = sys_munmap, [93] = sys_ftruncate, [114] = sys_wait4,
    [122] = sys_uname, [125] = sys_zero, [140] = sys_llseek, [145] = sys_readv, [146] = sys_writev,
    [162] = sys_sched_yield, [166] = sys_nanosleep, [194] = sys_rt_sigaction,
    [195] = sys_zero, [200] = sys_pread64, [201] = sys_pwrite64, [203] = sys_getcwd,
    [210] = sys_mmap2, [212] = sys_ftruncate64, [213] = sys_stat64, [214] = sys_stat64,
    [215] = sys_fstat64, [219] = sys_getdents64, [220] = sys_fcntl, [222] = sys_getpid,
    [236] = sys_tkill, [246] = sys_exit, [252] = sys_set_tid_address, [263] = sys_clock_gettime,
    [266] = sys_tgkill, [283] = sys_set_thread_area, [288] = sys_openat, [289] = sys_mkdirat,
    [293] = sys_fstatat64, [294] = sys_unlinkat, [295] = sys_renameat, [300] = sys_faccessat,
    [327] = sys_dup3, [328] = sys_pipe2, [338] = sys_prlimit64, [353] = sys_getrandom,
    [366] = sys_statx, [403] = sys_clock_gettime64, [407] = sys_clock_nanosleep64,
};

/* The calls that reach the file system (read and write take its lock themselves, for files). */
static const uint8_t uses_fs[] = {
    [5] = 1, [10] = 1, [11] = 1, [12] = 1, [19] = 1, [33] = 1, [36] = 1, [38] = 1, [39] = 1,
    [40] = 1, [93] = 1, [140] = 1, [212] = 1, [213] = 1, [214] = 1, [215] = 1, [219] = 1,
    [288] = 1, [289] = 1, [293] = 1, [294] = 1, [295] = 1, [300] = 1, [366] = 1,
};

void syscall(struct trapframe *tf)
{
  uint32_t n = tf->r[TF_V0] - 4000;
  uint32_t args[4] = {tf->r[4], tf->r[5], tf->r[6], tf->r[7]};
  tf->epc += 4;
  kstats.syscalls++;
  long r;
  if (n < sizeof table / sizeof table[0] && table[n]) {
    int fs = n < sizeof uses_fs && uses_fs[n];
    if (fs)
      fs_enter();
    r = table[n](args, tf);
    if (fs)
      fs_exit();
  } else {
    kstats.enosys++;
    r = -ENOSYS;
  }
  if (r < 0 && r >= -4095) {
    tf->r[TF_V0] = (uint32_t)-r;
    tf->r[TF_A3] = 1;
  } else {
    tf->r[TF_V0] = (uint32_t)r;
    tf->r[TF_A3] = 0;
  }
}
