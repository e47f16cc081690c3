/* Files, directories and pipes, run in an empty scratch directory: open/openat with O_CREAT,
 * O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW; read, write, readv, lseek and _llseek
 * (lseek64) with every whence; stat, lstat, fstat, fstatat and statx through glibc, and the
 * stat64, lstat64, fstat64 and fstatat64 system calls directly (the o32 struct stat64 layout);
 * getdents64 (readdir), readlink, symlink, unlink, rmdir, mkdir, rename, access, getcwd, chdir,
 * fchdir, ftruncate, dup sharing an offset, fcntl flags; poll on files and pipes; a pipe within
 * one process (data, end of file, EAGAIN, EPIPE with SIGPIPE ignored); mmap MAP_FIXED near the
 * top of user space and a private file mapping; prctl and clock_nanosleep. Every failure prints
 * its errno, which must be Linux's. The files left behind are compared too. */
//@run
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%s -> %ld", what, r);
  if (r < 0) printf(" errno %d %s", errno, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
  printf("\n");
}
#define T(expr)              \
  do {                       \
    errno = 0;               \
    long r_ = (long)(expr);  \
    show(#expr, r_);         \
  } while (0)

static void put(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) printf("put %s failed\n", path);
  close(fd);
}

static void describe(const char *what, const struct stat *st) {
  printf("%s: %s mode %04o nlink %lu size %lld blocks %lld blksize %ld\n", what,
         S_ISREG(st->st_mode) ? "file" : S_ISDIR(st->st_mode) ? "dir" : S_ISLNK(st->st_mode) ? "link"
         : S_ISFIFO(st->st_mode) ? "fifo" : S_ISCHR(st->st_mode) ? "chr" : "other",
         (unsigned)(st->st_mode & 07777), (unsigned long)st->st_nlink, (long long)st->st_size,
         (long long)st->st_blocks, (long)st->st_blksize);
}

/* struct stat64 of Linux/MIPS o32, as the kernel (and qemu) fill it. */
struct kstat64 {
  uint32_t dev, pad0[3];
  uint64_t ino;
  uint32_t mode, nlink, uid, gid, rdev, pad1[3];
  int64_t size;
  int32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
  uint32_t blksize, pad2;
  int64_t blocks;
};

static void kstat(const char *what, long r, const struct kstat64 *k, const struct stat *ref) {
  show(what, r);
  if (r == 0)
    printf("  mode %06o nlink %u size %lld blocks %lld blksize %u\n", k->mode, k->nlink,
           (long long)k->size, (long long)k->blocks, k->blksize);
  if (r == 0 && ref) /* the same file as ref: the same identity and times */
    printf("  same ino %d dev %d mtime %d\n", k->ino == (uint64_t)ref->st_ino,
           k->dev == (uint32_t)ref->st_dev,
           k->mtime == (int32_t)ref->st_mtime && k->mtime_ns == (int32_t)ref->st_mtim.tv_nsec);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
  DIR *d = opendir(dir); /* readdir64: qemu on a 64-bit host gives 64-bit d_off cookies */
  if (!d) {
    printf("opendir %s failed errno %d\n", dir, errno);
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent64 *e;
  errno = 0;
  while ((e = readdir64(d)) != NULL && n < 64) {
    char buf[300];
    snprintf(buf, sizeof buf, "%s(type %d)", e->d_name, e->d_type);
    names[n++] = strdup(buf);
  }
  if (errno) printf("readdir64: errno %d\n", errno);
  closedir(d);
  qsort(names, n, sizeof names[0], by_name);
  printf("%s holds %d entries:", dir, n);
  for (int i = 0; i < n; i++) printf(" %s", names[i]), free(names[i]);
  printf("\n");
}

int main(void) {
  char buf[300];
  struct stat st, st2;

  printf("-- open, read, write, lseek\n");
  T(open("missing", O_RDONLY));
  T(open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644));
  for (int i = 0; i < 100; i++) write(3, "0123456789abcdefghijklmnopqrstuvwxyz\n", 37);
  T(write(3, "tail\n", 5));
  T(read(3, buf, 4));
  T(close(3));
  T(close(3));
  T(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
  int fd = open("a.txt", O_RDONLY);
  T(read(fd, buf, 10));
  printf("read: %.10s\n", buf);
  T(lseek(fd, 0, SEEK_CUR));
  T(lseek(fd, -5, SEEK_END));
  T(read(fd, buf, 100));
  T(read(fd, buf, 100));
  T(lseek(fd, -1, SEEK_SET));
  T(lseek(fd, 0, 7));
  T(lseek64(fd, 5000000000LL, SEEK_SET) == 5000000000LL);
  T(lseek(fd, 0, SEEK_CUR));
  T(lseek(fd, 37, SEEK_SET));
  T(write(fd, "x", 1));
  struct iovec iov[2] = {{buf, 3}, {buf + 3, 4}};
  T(readv(fd, iov, 2));
  printf("readv: %.7s\n", buf);
  int d = dup(fd);
  T(lseek(d, 0, SEEK_CUR));
  T(read(d, buf, 1));
  T(lseek(fd, 0, SEEK_CUR));
  T(fcntl(fd, F_GETFL) & O_ACCMODE);
  T(fcntl(fd, F_GETFD));
  T(fcntl(fd, F_SETFD, FD_CLOEXEC));
  T(fcntl(fd, F_GETFD));
  T(fcntl(d, F_GETFD));
  close(d);
  close(fd);
  T(lseek(99, 0, SEEK_SET));

  fd = open("a.txt", O_WRONLY | O_APPEND);
  T(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND));
  T(write(fd, "appended\n", 9));
  T(lseek(fd, 0, SEEK_CUR));
  T(ftruncate(fd, 40));
  close(fd);

  printf("-- errors of open\n");
  T(open("a.txt/x", O_RDONLY));
  T(open("nodir/x", O_CREAT | O_WRONLY, 0644));
  T(open(".", O_WRONLY));
  T(open(".", O_RDONLY | O_CREAT, 0644));
  T(open("a.txt", O_RDONLY | O_DIRECTORY));
  T(open("newdir/", O_CREAT | O_WRONLY, 0644));
  T(open((char *)1, O_RDONLY));
  memset(buf, 'n', 255);
  buf[255] = 0;
  T(open(buf, O_RDONLY));
  buf[255] = 'n';
  buf[256] = 0;
  T(open(buf, O_RDONLY));
  T(open("", O_RDONLY));
  fd = open("a.txt", O_RDONLY);
  T(write(fd, "x", 1));
  T(read(fd, (char *)16, 5));
  close(fd);
  fd = open("a.txt", O_WRONLY);
  T(read(fd, buf, 1));
  T(write(fd, (char *)16, 5));
  close(fd);

  printf("-- stat\n");
  T(stat("a.txt", &st));
  describe("a.txt", &st);
  T(stat("missing", &st2));
  T(stat("a.txt/", &st2));
  T(symlink("a.txt", "link"));
  T(symlink("a.txt", "link"));
  T(lstat("link", &st2));
  describe("lstat link", &st2);
  T(stat("link", &st2));
  T(st2.st_ino == st.st_ino);
  T(fstatat(AT_FDCWD, "link", &st2, AT_SYMLINK_NOFOLLOW));
  describe("fstatat nofollow", &st2);
  fd = open("a.txt", O_RDONLY);
  T(fstat(fd, &st2));
  T(st2.st_size == st.st_size && st2.st_ino == st.st_ino && st2.st_mtime == st.st_mtime);
  struct statx sx;
  T(statx(AT_FDCWD, "a.txt", 0, STATX_BASIC_STATS, &sx));
  printf("statx: size %llu mode %o nlink %u blocks %llu same mtime %d\n",
         (unsigned long long)sx.stx_size, sx.stx_mode, sx.stx_nlink, (unsigned long long)sx.stx_blocks,
         sx.stx_mtime.tv_sec == st.st_mtime && sx.stx_mtime.tv_nsec == st.st_mtim.tv_nsec);
  T(statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx));
  T(statx(fd, "x", 0, STATX_BASIC_STATS, &sx));
  T(statx(99, "x", 0, STATX_BASIC_STATS, &sx));
  struct kstat64 k;
  kstat("SYS_stat64", syscall(SYS_stat64, "a.txt", &k), &k, &st);
  kstat("SYS_lstat64", syscall(SYS_lstat64, "link", &k), &k, NULL);
  kstat("SYS_fstat64", syscall(SYS_fstat64, fd, &k), &k, &st);
  kstat("SYS_fstatat64", syscall(SYS_fstatat64, AT_FDCWD, "link", &k, 0), &k, &st);
  kstat("SYS_fstatat64 missing", syscall(SYS_fstatat64, AT_FDCWD, "missing", &k, 0), &k, &st);
  T(syscall(SYS_fstat64, 99, &k));
  close(fd);
  T(stat(".", &st2));
  describe(".", &st2);
  T(access("a.txt", F_OK));
  T(access("a.txt", R_OK | W_OK));
  T(access("missing", F_OK));
  T(access("a.txt", 64));

  printf("-- directories\n");
  T(mkdir("d", 0755));
  T(mkdir("d", 0755));
  T(mkdir("nodir/x", 0755));
  T(mkdir("a.txt/x", 0755));
  put("d/one", "one\n");
  put("d/two", "two two\n");
  T(symlink("one", "d/link"));
  T(mkdir("d/sub", 0700));
  list("d");
  T(readlink("d/link", buf, sizeof buf));
  T(readlink("d/link", buf, 2));
  printf("readlink: %.2s\n", buf);
  T(readlink("a.txt", buf, sizeof buf));
  T(readlink("missing", buf, sizeof buf));
  T(readlink("d/link", buf, 0));
  T(readlinkat(AT_FDCWD, "link", buf, sizeof buf));
  int dfd = open("d", O_RDONLY | O_DIRECTORY);
  T(read(dfd, buf, 10));
  int o = openat(dfd, "one", O_RDONLY);
  printf("openat gave %d\n", o);
  T(read(o, buf, 4));
  printf("openat read: %.4s", buf);
  close(o);
  T(openat(dfd, "missing", O_RDONLY));
  T(fstatat(dfd, "two", &st2, 0));
  describe("d/two via dirfd", &st2);
  fd = open("a.txt", O_RDONLY);
  T(openat(fd, "x", O_RDONLY));
  close(fd);
  T(symlink("loop2", "loop1"));
  T(symlink("loop1", "loop2"));
  T(open("loop1", O_RDONLY));
  T(open("link", O_RDONLY | O_NOFOLLOW));
  T(symlink("missing-target", "dangling"));
  T(stat("dangling", &st2));
  T(lstat("dangling", &st2));

  printf("-- rename, unlink, rmdir\n");
  T(rename("a.txt", "b.txt"));
  T(rename("a.txt", "c.txt"));
  T(rename("d", "b.txt"));
  T(rename("b.txt", "d"));
  T(mkdir("e", 0755));
  put("e/f", "f\n");
  T(rename("d", "e"));
  T(rename("d", "d/sub/x"));
  T(rename("d/two", "d/three"));
  T(renameat(dfd, "three", AT_FDCWD, "three"));
  T(unlink("three"));
  T(unlink("three"));
  T(unlink("d"));
  T(rmdir("e"));
  T(rmdir("b.txt"));
  T(rmdir("d/sub/."));
  T(rmdir("d/sub"));
  T(unlink("loop1"));
  T(unlinkat(AT_FDCWD, "e/f", 0));
  T(unlinkat(AT_FDCWD, "e", AT_REMOVEDIR));
  T(unlinkat(AT_FDCWD, "e", 0x4000));
  list(".");

  printf("-- getcwd, chdir\n");
  char cwd[4096], cwd2[4096];
  T(getcwd(cwd, sizeof cwd) == cwd);
  T(getcwd(cwd2, 3) == NULL);
  T(chdir("d"));
  T(getcwd(cwd2, sizeof cwd2) == cwd2);
  printf("cwd is the scratch directory/d: %d\n",
         strncmp(cwd2, cwd, strlen(cwd)) == 0 && strcmp(cwd2 + strlen(cwd), "/d") == 0);
  T(access("one", F_OK));
  T(chdir(".."));
  T(chdir("b.txt"));
  T(chdir("missing"));
  T(fchdir(dfd));
  T(access("one", F_OK));
  T(chdir(cwd));
  close(dfd);

  printf("-- pipes and poll\n");
  int p[2];
  T(pipe(p));
  printf("pipe gave %d %d\n", p[0], p[1]);
  T(write(p[1], "abc", 3));
  T(fstat(p[0], &st2));
  printf("pipe is a fifo: %d\n", S_ISFIFO(st2.st_mode));
  T(lseek(p[0], 0, SEEK_SET));
  struct pollfd pf[4] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {99, POLLIN, 0}, {-1, POLLIN, 0}};
  fd = open("b.txt", O_RDWR);
  T(poll(pf, 4, 0));
  printf("revents %x %x %x %x\n", pf[0].revents, pf[1].revents, pf[2].revents, pf[3].revents);
  struct pollfd pfile = {fd, POLLIN | POLLOUT, 0};
  T(poll(&pfile, 1, -1));
  printf("file revents %x\n", pfile.revents);
  close(fd);
  T(read(p[0], buf, 10));
  printf("pipe read: %.3s\n", buf);
  pf[0].revents = 0;
  T(poll(pf, 1, 10));
  T(close(p[1]));
  T(poll(pf, 1, 10));
  printf("after close of the write end: revents %x\n", pf[0].revents);
  T(read(p[0], buf, 10));
  close(p[0]);
  T(pipe2(p, O_NONBLOCK | O_CLOEXEC));
  T(read(p[0], buf, 10));
  T(fcntl(p[0], F_GETFD));
  T(fcntl(p[1], F_GETFL) & (O_ACCMODE | O_NONBLOCK));
  static char big[70000];
  T(write(p[1], big, sizeof big));
  T(write(p[1], big, 10));
  T(read(p[0], big, sizeof big));
  signal(SIGPIPE, SIG_IGN);
  T(close(p[0]));
  T(write(p[1], "x", 1));
  close(p[1]);
  T(pipe2(p, 12345));

  printf("-- mmap\n");
  unsigned long fixed[] = {0x7fff0000UL, 0x7f000000UL, 0x7ffff000UL};
  for (int i = 0; i < 3; i++) {
    char *m = mmap((void *)fixed[i], 8192 - 4096 * (i == 2), PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("MAP_FIXED at %lx: %s\n", fixed[i], m == (char *)fixed[i] ? "there" : "elsewhere");
    if (m != MAP_FAILED) {
      m[0] = 'q';
      m[4095] = 'r';
      printf("  reads back %c%c\n", m[0], m[4095]);
    }
  }
  T(mmap((void *)0x7f000100, 4096, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
  T(mmap((void *)0x7ffff000, 8192, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
  fd = open("b.txt", O_RDONLY);
  char *fm = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
  printf("file mapping: %s, starts %.10s, byte 40 is %d\n", fm == MAP_FAILED ? "failed" : "ok",
         fm == MAP_FAILED ? "" : fm, fm == MAP_FAILED ? -1 : fm[40]);
  T(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED);
  close(fd);

  printf("-- stdio on files\n");
  FILE *f = fopen("notes.txt", "w");
  for (int i = 0; i < 50; i++) fprintf(f, "note %d %s\n", i, i % 2 ? "odd" : "even");
  fclose(f);
  f = fopen("notes.txt", "r");
  int lines = 0, odd = 0;
  while (fgets(buf, sizeof buf, f)) lines++, odd += strstr(buf, "odd") != NULL;
  fclose(f);
  printf("notes: %d lines, %d odd\n", lines, odd);
  T(fopen("missing/notes", "r") == NULL);

  printf("-- sendfile\n");
  fd = open("b.txt", O_RDONLY);
  off_t off = 5;
  fflush(stdout);
  T(sendfile(1, fd, &off, 10));
  printf("off %ld, file offset %ld\n", (long)off, (long)lseek(fd, 0, SEEK_CUR));
  fflush(stdout);
  T(sendfile64(1, fd, NULL, 4));
  printf("file offset %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  T(sendfile(fd, 0, NULL, 4));
  close(fd);

  printf("-- times, modes, owners\n");
  struct timespec times[2] = {{1000, 5}, {2000000000, 7}};
  T(utimensat(AT_FDCWD, "b.txt", times, 0));
  T(stat("b.txt", &st2));
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st2.st_atime, st2.st_atim.tv_nsec,
         (long long)st2.st_mtime, st2.st_mtim.tv_nsec);
  struct timespec omit[2] = {{5, UTIME_OMIT}, {3000, 0}};
  fd = open("b.txt", O_RDONLY);
  T(futimens(fd, omit));
  T(fstat(fd, &st2));
  printf("atime %lld mtime %lld\n", (long long)st2.st_atime, (long long)st2.st_mtime);
  struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
  T(utimensat(AT_FDCWD, "b.txt", bad, 0));
  T(utimensat(AT_FDCWD, "missing", times, 0));
  T(fchmod(fd, 0600));
  T(chmod("d", 0700));
  T(chmod("missing", 0700));
  T(chown("b.txt", -1, -1));
  T(fchown(fd, -1, -1));
  T(fstat(fd, &st2));
  describe("b.txt after fchmod", &st2);
  close(fd);

  printf("-- harmless calls\n");
  T(prctl(PR_SET_NAME, "files", 0, 0, 0));
  struct timespec ts = {0, 1000000};
  T(clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL));
  T(nanosleep(&ts, NULL));
  T(umask(077));
  T(umask(022));
  return 0;
}
