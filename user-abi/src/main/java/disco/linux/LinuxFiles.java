package disco.linux;

import disco.hw.mem.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The file system calls of a Linux process: the descriptor table, and the host's files under the
 * root of {@link HostPaths}, with the errors Linux gives (each method's checks are made in the
 * order the kernel makes them, so that a call with two faults reports the same one). Each call
 * returns its non-negative result or throws {@link Errno}.
 */
final class LinuxFiles {
  static final int AT_FDCWD = -100;
  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int AT_REMOVEDIR = 0x200;
  static final int AT_EMPTY_PATH = 0x1000;

  // open flags of Linux/MIPS (arch/mips/include/uapi/asm/fcntl.h, include/uapi/asm-generic/fcntl.h)
  static final int O_CREAT = 0x0100;
  static final int O_TRUNC = 0x0200;
  static final int O_EXCL = 0x0400;
  static final int O_DIRECTORY = 0x10000;
  static final int O_NOFOLLOW = 0x20000;
  static final int O_CLOEXEC = 0x80000;
  static final int O_PATH = 0x200000;
  /** The flags F_GETFL reports and F_SETFL may change (O_APPEND, O_NONBLOCK). */
  private static final int SETFL_MASK = OpenFile.O_APPEND | OpenFile.O_NONBLOCK;

  /** RLIMIT_NOFILE's usual soft limit. */
  static final int MAX_FDS = 1024;

  private final Memory memory;
  private final LinuxProcess process;
  final HostPaths paths;
  private final @Nullable OpenFile[] fds = new OpenFile[MAX_FDS];
  private final boolean[] cloexec = new boolean[MAX_FDS];
  private int umask = 022;
  private long nextPipeIno = 100;

  LinuxFiles(LinuxProcess process, HostPaths paths, InputStream stdin, OutputStream stdout,
      OutputStream stderr) {
    this.process = process;
    this.memory = process.memory;
    this.paths = paths;
    fds[0] = new OpenFile.Input(stdin);
    fds[1] = new OpenFile.Output(stdout);
    fds[2] = new OpenFile.Output(stderr);
  }

  /** A host file operation. */
  private interface HostIo {
    void run() throws IOException;
  }

  /** Runs {@code io}, turning a host failure into the errno it stands for. */
  private static void host(HostIo io) throws Errno {
    try {
      io.run();
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  // ---- guest memory ------------------------------------------------------------------------

  /** EFAULT unless every byte of [address, address+length) lies in the process's memory. */
  void check(int address, int length) throws Errno {
    if (length <= 0) {
      return;
    }
    long start = Integer.toUnsignedLong(address);
    long end = start + length;
    if (end > 0x8000_0000L) {
      throw new Errno(Errno.EFAULT);
    }
    for (long p = start & ~(Memory.PAGE_SIZE - 1L); p < end; p += Memory.PAGE_SIZE) {
      if (!memory.isPresent((int) p) && !process.inRegion((int) p)) {
        throw new Errno(Errno.EFAULT);
      }
    }
  }

  /** The NUL-terminated string at {@code address} (a path: ENAMETOOLONG past PATH_MAX). */
  String string(int address) throws Errno {
    byte[] b = new byte[HostPaths.PATH_MAX];
    for (int i = 0; i < b.length; i++) {
      if (((address + i) & (Memory.PAGE_SIZE - 1)) == 0 || i == 0) {
        check(address + i, 1);
      }
      int c = memory.loadByte(address + i);
      if (c == 0) {
        return new String(b, 0, i, StandardCharsets.UTF_8);
      }
      b[i] = (byte) c;
    }
    throw new Errno(Errno.ENAMETOOLONG);
  }

  byte[] load(int address, int length) throws Errno {
    check(address, length);
    byte[] b = new byte[length];
    memory.read(address, b, 0, length);
    return b;
  }

  void store(int address, byte[] b, int length) throws Errno {
    check(address, length);
    memory.write(address, b, 0, length);
  }

  void store64(int address, long v) {
    boolean big = memory.order().isBig();
    memory.storeWord(address, big ? (int) (v >>> 32) : (int) v);
    memory.storeWord(address + 4, big ? (int) v : (int) (v >>> 32));
  }

  // ---- descriptors -------------------------------------------------------------------------

  OpenFile file(int fd) throws Errno {
    OpenFile f = fd >= 0 && fd < MAX_FDS ? fds[fd] : null;
    if (f == null) {
      throw new Errno(Errno.EBADF);
    }
    return f;
  }

  boolean isOpen(int fd) {
    return fd >= 0 && fd < MAX_FDS && fds[fd] != null;
  }

  /** Puts {@code f} at the lowest free descriptor from {@code lowest}. */
  int install(OpenFile f, int lowest, boolean closeOnExec) throws Errno {
    for (int fd = Math.max(0, lowest); fd < MAX_FDS; fd++) {
      if (fds[fd] == null) {
        fds[fd] = f;
        cloexec[fd] = closeOnExec;
        return fd;
      }
    }
    throw new Errno(Errno.EMFILE);
  }

  int close(int fd) throws Errno {
    OpenFile f = file(fd);
    fds[fd] = null;
    if (--f.refs == 0) {
      f.release();
    }
    return 0;
  }

  int dup(int oldFd, int lowest, boolean closeOnExec) throws Errno {
    OpenFile f = file(oldFd);
    if (lowest < 0 || lowest >= MAX_FDS) {
      throw new Errno(Errno.EINVAL);
    }
    int fd = install(f, lowest, closeOnExec);
    f.refs++;
    return fd;
  }

  int dup2(int oldFd, int newFd, boolean closeOnExec) throws Errno {
    OpenFile f = file(oldFd);
    if (newFd < 0 || newFd >= MAX_FDS) {
      throw new Errno(Errno.EBADF);
    }
    if (newFd == oldFd) {
      return newFd;
    }
    if (fds[newFd] != null) {
      close(newFd);
    }
    fds[newFd] = f;
    cloexec[newFd] = closeOnExec;
    f.refs++;
    return newFd;
  }

  int fcntl(int fd, int cmd, int arg) throws Errno {
    OpenFile f = file(fd);
    return switch (cmd) {
      case 0 -> dup(fd, arg, false); // F_DUPFD
      case 1030 -> dup(fd, arg, true); // F_DUPFD_CLOEXEC
      case 1 -> cloexec[fd] ? 1 : 0; // F_GETFD
      case 2 -> { // F_SETFD
        cloexec[fd] = (arg & 1) != 0;
        yield 0;
      }
      case 3 -> f.statusFlags; // F_GETFL
      case 4 -> { // F_SETFL
        f.statusFlags = (f.statusFlags & ~SETFL_MASK) | (arg & SETFL_MASK);
        yield 0;
      }
      case 6, 7 -> 0; // F_SETLK, F_SETLKW (MIPS numbers): one process, every lock is granted
      case 14 -> { // F_GETLK: no other process holds a lock: l_type = F_UNLCK (2)
        memory.storeHalf(arg, 2);
        yield 0;
      }
      default -> throw new Errno(Errno.EINVAL);
    };
  }

  // ---- reading and writing -----------------------------------------------------------------

  /** The file of a read or write: EBADF if not open for that direction, EINVAL for a bad count. */
  private OpenFile transfer(int fd, boolean write, int count) throws Errno {
    OpenFile f = file(fd);
    if (!(write ? f.writable() : f.readable())) {
      throw new Errno(Errno.EBADF);
    }
    if (count < 0) {
      throw new Errno(Errno.EINVAL);
    }
    return f;
  }

  int read(int fd, int buf, int count) throws Errno {
    OpenFile f = transfer(fd, false, count);
    check(buf, count);
    byte[] b = new byte[Math.min(count, 1 << 16)];
    int n = f.read(b);
    memory.write(buf, b, 0, n);
    return n;
  }

  int write(int fd, int buf, int count) throws Errno {
    return transfer(fd, true, count).write(load(buf, count));
  }

  /** readv and writev: the vectors in turn, stopping at a short transfer. */
  int vector(int fd, int iov, int iovcnt, boolean write) throws Errno {
    file(fd);
    if (iovcnt < 0 || iovcnt > 1024) {
      throw new Errno(Errno.EINVAL);
    }
    check(iov, 8 * iovcnt);
    int total = 0;
    for (int i = 0; i < iovcnt; i++) {
      int base = memory.loadWord(iov + 8 * i);
      int len = memory.loadWord(iov + 8 * i + 4);
      int n;
      try {
        n = write ? write(fd, base, len) : read(fd, base, len);
      } catch (Errno e) {
        if (total > 0 && !(e instanceof Pipe.BlockedErrno)) {
          return total;
        }
        throw e;
      }
      total += n;
      if (n < len) {
        break;
      }
    }
    return total;
  }

  /**
   * sendfile and sendfile64: up to {@code count} bytes from a file to any descriptor, from the
   * file's offset, or from {@code *offsetAddr} (then the file's own offset stays, and the pointed
   * offset advances).
   */
  int sendfile(int outFd, int inFd, int offsetAddr, int count, boolean offset64) throws Errno {
    OpenFile in = file(inFd);
    OpenFile out = file(outFd);
    if (!in.readable() || !out.writable()) {
      throw new Errno(Errno.EBADF);
    }
    if (!(in instanceof OpenFile.HostFile) && !(in instanceof OpenFile.Null)) {
      throw new Errno(Errno.EINVAL); // the source must be a file that can be mapped
    }
    if (count < 0) {
      throw new Errno(Errno.EINVAL);
    }
    long saved = in.seek(0, 1);
    long from = saved;
    if (offsetAddr != 0) {
      check(offsetAddr, offset64 ? 8 : 4);
      from = offset64 ? load64(offsetAddr) : memory.loadWord(offsetAddr);
      in.seek(from, 0);
    }
    byte[] b = new byte[Math.min(count, 1 << 16)];
    int n = in.read(b);
    int written = n > 0 ? out.write(java.util.Arrays.copyOf(b, n)) : 0;
    if (offsetAddr != 0) {
      in.seek(saved, 0);
      if (offset64) {
        store64(offsetAddr, from + written);
      } else {
        memory.storeWord(offsetAddr, (int) (from + written));
      }
    } else if (written < n) {
      in.seek(from + written, 0);
    }
    return written;
  }

  long seek(int fd, long offset, int whence) throws Errno {
    return file(fd).seek(offset, whence);
  }

  int ftruncate(int fd, long length) throws Errno {
    OpenFile f = file(fd);
    if (!(f instanceof OpenFile.HostFile h) || !f.writable() || length < 0) {
      throw new Errno(Errno.EINVAL);
    }
    h.truncate(length);
    return 0;
  }

  int fsync(int fd) throws Errno {
    OpenFile f = file(fd);
    if (f.path() == null && !(f instanceof OpenFile.Null)) {
      throw new Errno(Errno.EINVAL); // a pipe or stream cannot be synchronised
    }
    return 0;
  }

  // ---- paths -------------------------------------------------------------------------------

  /** The directory a relative path of an *at call starts from. */
  private Path base(int dirfd, String path) throws Errno {
    if (path.startsWith("/") || dirfd == AT_FDCWD) {
      return paths.cwd();
    }
    OpenFile f = file(dirfd);
    Path p = f.path();
    if (!(f instanceof OpenFile.Directory) || p == null) {
      throw new Errno(Errno.ENOTDIR);
    }
    return p;
  }

  Path resolve(int dirfd, int pathAddr, boolean follow) throws Errno {
    String path = string(pathAddr);
    return paths.resolve(base(dirfd, path), path, follow);
  }

  private static boolean exists(Path p) throws Errno {
    return p.equals(HostPaths.DEV_NULL) || HostPaths.lstat(p) != null;
  }

  int open(int dirfd, int pathAddr, int flags, int mode) throws Errno {
    String path = string(pathAddr);
    boolean create = (flags & O_CREAT) != 0;
    boolean follow = (flags & O_NOFOLLOW) == 0 && !(create && (flags & O_EXCL) != 0);
    Path p = paths.resolve(base(dirfd, path), path, follow);
    int acc = flags & OpenFile.O_ACCMODE;
    int status = flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC | 0x0800 /* O_NOCTTY */);
    boolean closeOnExec = (flags & O_CLOEXEC) != 0;
    if (p.equals(HostPaths.DEV_NULL)) {
      return install(new OpenFile.Null(status), 0, closeOnExec);
    }
    Stat st = exists(p) ? Stat.of(p, true) : null;
    if (st != null && create && (flags & O_EXCL) != 0) {
      throw new Errno(Errno.EEXIST);
    }
    if (st != null && st.isSymbolicLink()) {
      throw new Errno(Errno.ELOOP); // only with O_NOFOLLOW does a link remain at the end
    }
    if (st == null) {
      if (!create) {
        throw new Errno(Errno.ENOENT);
      }
      if ((flags & O_DIRECTORY) != 0) {
        throw new Errno(Errno.EINVAL);
      }
      if (path.endsWith("/")) {
        throw new Errno(Errno.EISDIR);
      }
    } else if (st.isDirectory()) {
      if (acc != OpenFile.O_RDONLY || create) {
        throw new Errno(Errno.EISDIR);
      }
      return install(new OpenFile.Directory(p, status), 0, closeOnExec);
    } else if ((flags & O_DIRECTORY) != 0) {
      throw new Errno(Errno.ENOTDIR);
    }
    if ((flags & O_PATH) != 0 || acc == 3) {
      throw new Errno(Errno.EINVAL);
    }
    Set<OpenOption> options = new HashSet<>();
    if (acc != OpenFile.O_WRONLY) {
      options.add(StandardOpenOption.READ);
    }
    if (acc != OpenFile.O_RDONLY) {
      options.add(StandardOpenOption.WRITE);
      if ((flags & O_TRUNC) != 0) {
        options.add(StandardOpenOption.TRUNCATE_EXISTING);
      }
    }
    options.add(LinkOption.NOFOLLOW_LINKS);
    try {
      FileChannel ch;
      if (st == null) {
        options.add(StandardOpenOption.CREATE_NEW);
        ch = FileChannel.open(p, options, permissions(mode));
      } else {
        if ((flags & O_TRUNC) != 0 && acc == OpenFile.O_RDONLY && Files.isWritable(p)) {
          // O_RDONLY|O_TRUNC truncates on Linux too (the result is unspecified by POSIX)
          options.add(StandardOpenOption.WRITE);
          options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        ch = FileChannel.open(p, options);
      }
      return install(new OpenFile.HostFile(p, ch, status), 0, closeOnExec);
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }

  private FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
    return PosixFilePermissions.asFileAttribute(toPermissions(mode & ~umask));
  }

  private static Set<PosixFilePermission> toPermissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        s.add(bits[i]);
      }
    }
    return s;
  }

  int umask(int mask) {
    int old = umask;
    umask = mask & 0777;
    return old;
  }

  int chmod(Path p, int mode) throws Errno {
    if (!exists(p)) {
      throw new Errno(Errno.ENOENT);
    }
    host(() -> Files.setPosixFilePermissions(p, toPermissions(mode)));
    return 0;
  }

  /** fchmod: the mode of an open file's host file. */
  int fchmod(int fd, int mode) throws Errno {
    Path p = file(fd).path();
    if (p == null) {
      return 0; // a pipe or stream: Linux changes the inode of the pipe, which no one sees
    }
    return chmod(p, mode);
  }

  /** chown and friends: owner and group of a host file (-1 leaves one unchanged). */
  int chown(Path p, int uid, int gid, boolean follow) throws Errno {
    if (!exists(p)) {
      throw new Errno(Errno.ENOENT);
    }
    LinkOption[] how = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    if (uid != -1) {
      host(() -> Files.setAttribute(p, "unix:uid", uid, how));
    }
    if (gid != -1) {
      host(() -> Files.setAttribute(p, "unix:gid", gid, how));
    }
    return 0;
  }

  /** The host file a descriptor refers to (for the f* calls that change a file's attributes). */
  Path pathOf(int fd) throws Errno {
    Path p = file(fd).path();
    if (p == null) {
      throw new Errno(Errno.EINVAL);
    }
    return p;
  }

  static final int UTIME_NOW = (1 << 30) - 1;
  static final int UTIME_OMIT = (1 << 30) - 2;

  /**
   * utimensat (32-bit timespecs) and utimensat_time64: access and modification times, "now"
   * (the host's, as under qemu) for a null array or UTIME_NOW, unchanged for UTIME_OMIT. A null
   * path means the descriptor itself (futimens).
   */
  int utimensat(int dirfd, int pathAddr, int times, int flags, boolean time64) throws Errno {
    Path p = pathAddr == 0 ? pathOf(dirfd) : resolve(dirfd, pathAddr, (flags & AT_SYMLINK_NOFOLLOW) == 0);
    if (!exists(p)) {
      throw new Errno(Errno.ENOENT);
    }
    java.nio.file.attribute.FileTime[] t = new java.nio.file.attribute.FileTime[2];
    for (int i = 0; i < 2; i++) {
      long sec;
      long nsec;
      if (times == 0) {
        sec = 0;
        nsec = UTIME_NOW;
      } else {
        int size = time64 ? 16 : 8;
        check(times + size * i, size);
        int at = times + size * i;
        sec = time64 ? load64(at) : memory.loadWord(at);
        nsec = time64 ? load64(at + 8) : memory.loadWord(at + 4);
      }
      if (nsec == UTIME_OMIT) {
        continue;
      }
      if (nsec != UTIME_NOW && (nsec < 0 || nsec > 999_999_999)) {
        throw new Errno(Errno.EINVAL);
      }
      t[i] = java.nio.file.attribute.FileTime.from(nsec == UTIME_NOW ? Instant.now()
          : Instant.ofEpochSecond(sec, nsec));
    }
    LinkOption[] how = (flags & AT_SYMLINK_NOFOLLOW) != 0
        ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
    host(() -> Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class, how)
        .setTimes(t[1], t[0], null));
    return 0;
  }

  long load64(int address) {
    long a = Integer.toUnsignedLong(memory.loadWord(address));
    long b = Integer.toUnsignedLong(memory.loadWord(address + 4));
    return memory.order().isBig() ? (a << 32) | b : (b << 32) | a;
  }

  /** stat of a path, or (AT_EMPTY_PATH with an empty path) of the descriptor itself. */
  Stat statAt(int dirfd, int pathAddr, int flags) throws Errno {
    String path = string(pathAddr);
    if (path.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
      return dirfd == AT_FDCWD ? Stat.of(paths.cwd(), false) : file(dirfd).stat();
    }
    Path p = paths.resolve(base(dirfd, path), path, (flags & AT_SYMLINK_NOFOLLOW) == 0);
    if (p.equals(HostPaths.DEV_NULL)) {
      return Stat.DEV_NULL;
    }
    if (!exists(p)) {
      throw new Errno(Errno.ENOENT);
    }
    return Stat.of(p, true);
  }

  /** statx's struct (include/uapi/linux/stat.h), 256 bytes. */
  void putStatx(int buf, Stat s) throws Errno {
    check(buf, 256);
    byte[] zero = new byte[256];
    memory.write(buf, zero, 0, 256);
    memory.storeWord(buf, 0x7ff); // stx_mask: STATX_BASIC_STATS
    memory.storeWord(buf + 4, Stat.BLKSIZE);
    memory.storeWord(buf + 16, s.nlink());
    memory.storeWord(buf + 20, s.uid());
    memory.storeWord(buf + 24, s.gid());
    memory.storeHalf(buf + 28, s.mode());
    store64(buf + 32, s.ino());
    store64(buf + 40, s.size());
    store64(buf + 48, s.blocks());
    putTimestamp(buf + 64, s.atime());
    putTimestamp(buf + 96, s.ctime());
    putTimestamp(buf + 112, s.mtime());
    memory.storeWord(buf + 128, Stat.major(s.rdev()));
    memory.storeWord(buf + 132, Stat.minor(s.rdev()));
    memory.storeWord(buf + 136, Stat.major(s.dev()));
    memory.storeWord(buf + 140, Stat.minor(s.dev()));
  }

  private void putTimestamp(int at, Instant t) {
    store64(at, t.getEpochSecond());
    memory.storeWord(at + 8, t.getNano());
  }

  /** struct stat64 of Linux/MIPS o32 (arch/mips/include/uapi/asm/stat.h), 104 bytes. */
  void putStat64(int buf, Stat s) throws Errno {
    check(buf, 104);
    memory.write(buf, new byte[104], 0, 104);
    memory.storeWord(buf, Stat.encode32(s.dev()));
    store64(buf + 16, s.ino());
    memory.storeWord(buf + 24, s.mode());
    memory.storeWord(buf + 28, s.nlink());
    memory.storeWord(buf + 32, s.uid());
    memory.storeWord(buf + 36, s.gid());
    memory.storeWord(buf + 40, Stat.encode32(s.rdev()));
    store64(buf + 56, s.size());
    int at = buf + 64;
    for (Instant t : new Instant[] {s.atime(), s.mtime(), s.ctime()}) {
      memory.storeWord(at, (int) t.getEpochSecond());
      memory.storeWord(at + 4, t.getNano());
      at += 8;
    }
    memory.storeWord(buf + 88, Stat.BLKSIZE);
    store64(buf + 96, s.blocks());
  }

  int getdents64(int fd, int buf, int count) throws Errno {
    OpenFile f = file(fd);
    if (!(f instanceof OpenFile.Directory d)) {
      throw new Errno(Errno.ENOTDIR);
    }
    check(buf, count);
    List<OpenFile.DirEntry> entries = d.entries;
    if (entries == null) {
      entries = list(d);
      d.entries = entries;
    }
    int at = 0;
    while (d.next < entries.size()) {
      OpenFile.DirEntry e = entries.get(d.next);
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      int reclen = (19 + name.length + 1 + 7) & ~7;
      if (at + reclen > count) {
        if (at == 0) {
          throw new Errno(Errno.EINVAL); // the buffer cannot hold even one entry
        }
        break;
      }
      int r = buf + at;
      memory.write(r, new byte[reclen], 0, reclen);
      store64(r, e.ino());
      store64(r + 8, d.next + 1); // d_off: where the next entry starts, for lseek
      memory.storeHalf(r + 16, reclen);
      memory.storeByte(r + 18, e.type());
      memory.write(r + 19, name, 0, name.length);
      at += reclen;
      d.next++;
    }
    return at;
  }

  /**
   * "." and ".." first, then the entries in the host's directory order. (A host directory's own
   * order puts "." and ".." wherever its hash falls; the JDK does not show them, so they lead.)
   */
  private List<OpenFile.DirEntry> list(OpenFile.Directory d) throws Errno {
    Path dir = d.path();
    if (dir == null) {
      throw new Errno(Errno.EBADF);
    }
    List<OpenFile.DirEntry> out = new ArrayList<>();
    out.add(new OpenFile.DirEntry(Stat.of(dir, true).ino(), 4, "."));
    Path parent = dir.getParent();
    out.add(new OpenFile.DirEntry(Stat.of(parent != null ? parent : dir, true).ino(), 4, ".."));
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        Path name = p.getFileName();
        if (name == null) {
          continue;
        }
        Stat st;
        try {
          st = Stat.of(p, true);
        } catch (Errno gone) {
          continue; // removed since the listing began
        }
        out.add(new OpenFile.DirEntry(st.ino(), st.direntType(), name.toString()));
      }
    } catch (IOException e) {
      throw Errno.of(e);
    }
    return out;
  }

  int readlink(int dirfd, int pathAddr, int buf, int size) throws Errno {
    Path p = resolve(dirfd, pathAddr, false);
    if (!exists(p)) {
      throw new Errno(Errno.ENOENT);
    }
    if (size <= 0) {
      throw new Errno(Errno.EINVAL);
    }
    if (p.equals(HostPaths.DEV_NULL) || !Files.isSymbolicLink(p)) {
      throw new Errno(Errno.EINVAL);
    }
    byte[] target;
    try {
      target = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errno.of(e);
    }
    int n = Math.min(size, target.length);
    store(buf, target, n);
    return n;
  }

  int unlink(int dirfd, int pathAddr, int flags) throws Errno {
    if ((flags & ~AT_REMOVEDIR) != 0) {
      throw new Errno(Errno.EINVAL);
    }
    boolean rmdir = (flags & AT_REMOVEDIR) != 0;
    String path = string(pathAddr);
    Path p = paths.resolve(base(dirfd, path), path, false);
    if (p.equals(HostPaths.DEV_NULL)) {
      throw new Errno(Errno.EACCES);
    }
    if (p.equals(paths.root())) {
      throw new Errno(Errno.EBUSY); // the root is a mount point to the program
    }
    Stat st = exists(p) ? Stat.of(p, true) : null;
    if (st == null) {
      throw new Errno(Errno.ENOENT);
    }
    if (rmdir) {
      String last = path.replaceAll("/+$", "");
      if (last.endsWith("/.") || last.equals(".")) {
        throw new Errno(Errno.EINVAL);
      }
      if (!st.isDirectory()) {
        throw new Errno(Errno.ENOTDIR);
      }
    } else if (st.isDirectory()) {
      throw new Errno(Errno.EISDIR);
    }
    host(() -> Files.delete(p));
    return 0;
  }

  int mkdir(int dirfd, int pathAddr, int mode) throws Errno {
    Path p = resolve(dirfd, pathAddr, false);
    if (exists(p)) {
      throw new Errno(Errno.EEXIST);
    }
    host(() -> Files.createDirectory(p, permissions(mode)));
    return 0;
  }

  int symlink(int targetAddr, int dirfd, int pathAddr) throws Errno {
    String target = string(targetAddr);
    Path p = resolve(dirfd, pathAddr, false);
    if (target.isEmpty()) {
      throw new Errno(Errno.ENOENT);
    }
    if (exists(p)) {
      throw new Errno(Errno.EEXIST);
    }
    host(() -> Files.createSymbolicLink(p, Path.of(target)));
    return 0;
  }

  /** rename(2): rename(2) itself, through the JDK's atomic move (RENAME_NOREPLACE: flags 1). */
  int rename(int oldDirfd, int oldAddr, int newDirfd, int newAddr, int flags) throws Errno {
    if ((flags & ~1) != 0) {
      throw new Errno(Errno.EINVAL);
    }
    Path from = resolve(oldDirfd, oldAddr, false);
    Path to = resolve(newDirfd, newAddr, false);
    if (!exists(from)) {
      throw new Errno(Errno.ENOENT);
    }
    if (from.equals(paths.root()) || to.equals(paths.root())) {
      throw new Errno(Errno.EBUSY);
    }
    if (flags == 1 && exists(to)) {
      throw new Errno(Errno.EEXIST);
    }
    if (from.equals(HostPaths.DEV_NULL) || to.equals(HostPaths.DEV_NULL)) {
      throw new Errno(Errno.EACCES);
    }
    if (to.startsWith(from) && !to.equals(from)) {
      throw new Errno(Errno.EINVAL); // a directory into itself
    }
    host(() -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE));
    return 0;
  }

  int access(int dirfd, int pathAddr, int mode, int flags) throws Errno {
    if ((mode & ~7) != 0) {
      throw new Errno(Errno.EINVAL);
    }
    Path p = resolve(dirfd, pathAddr, (flags & AT_SYMLINK_NOFOLLOW) == 0);
    if (!exists(p)) {
      throw new Errno(Errno.ENOENT);
    }
    if (p.equals(HostPaths.DEV_NULL)) {
      if ((mode & 1) != 0) {
        throw new Errno(Errno.EACCES);
      }
      return 0;
    }
    boolean ok = ((mode & 4) == 0 || Files.isReadable(p))
        && ((mode & 2) == 0 || Files.isWritable(p))
        && ((mode & 1) == 0 || Files.isExecutable(p));
    if (!ok) {
      throw new Errno(Errno.EACCES);
    }
    return 0;
  }

  /** getcwd: the directory and its NUL; the kernel returns the length with the NUL. */
  int getcwd(int buf, int size) throws Errno {
    byte[] s = (paths.cwd().toString() + "\0").getBytes(StandardCharsets.UTF_8);
    if (size < s.length) {
      throw new Errno(Errno.ERANGE);
    }
    store(buf, s, s.length);
    return s.length;
  }

  int chdir(int pathAddr) throws Errno {
    Path p = resolve(AT_FDCWD, pathAddr, true);
    return chdir(p);
  }

  int fchdir(int fd) throws Errno {
    OpenFile f = file(fd);
    Path p = f.path();
    if (!(f instanceof OpenFile.Directory) || p == null) {
      throw new Errno(Errno.ENOTDIR);
    }
    return chdir(p);
  }

  private int chdir(Path p) throws Errno {
    if (p.equals(HostPaths.DEV_NULL)) {
      throw new Errno(Errno.ENOTDIR);
    }
    Stat st = exists(p) ? Stat.of(p, false) : null;
    if (st == null) {
      throw new Errno(Errno.ENOENT);
    }
    if (!st.isDirectory()) {
      throw new Errno(Errno.ENOTDIR);
    }
    paths.setCwd(p);
    return 0;
  }

  /** pipe2: the two ends, read end first. Flags: O_CLOEXEC, O_NONBLOCK. */
  int[] pipe(int flags) throws Errno {
    if ((flags & ~(O_CLOEXEC | OpenFile.O_NONBLOCK)) != 0) {
      throw new Errno(Errno.EINVAL);
    }
    Pipe pipe = new Pipe(nextPipeIno++);
    int nonBlock = flags & OpenFile.O_NONBLOCK;
    boolean closeOnExec = (flags & O_CLOEXEC) != 0;
    int r = install(new Pipe.End(pipe, OpenFile.O_RDONLY | nonBlock), 0, closeOnExec);
    try {
      int w = install(new Pipe.End(pipe, OpenFile.O_WRONLY | nonBlock), 0, closeOnExec);
      return new int[] {r, w};
    } catch (Errno e) {
      close(r);
      throw e;
    }
  }

  /**
   * poll over {@code nfds} pollfd structs (int fd; short events; short revents): the number of
   * descriptors with events. A negative fd is skipped; a closed one gets POLLNVAL.
   */
  int poll(int fdsAddr, int nfds) throws Errno {
    if (nfds < 0 || nfds > MAX_FDS) {
      throw new Errno(Errno.EINVAL);
    }
    check(fdsAddr, 8 * nfds);
    int ready = 0;
    for (int i = 0; i < nfds; i++) {
      int at = fdsAddr + 8 * i;
      int fd = memory.loadWord(at);
      int events = memory.loadHalf(at + 4);
      int revents = 0;
      if (fd >= 0) {
        OpenFile f = fd < MAX_FDS ? fds[fd] : null;
        revents = f == null ? 0x20 /* POLLNVAL */ : f.poll(events | OpenFile.POLLERR | OpenFile.POLLHUP);
      }
      memory.storeHalf(at + 6, revents);
      if (revents != 0) {
        ready++;
      }
    }
    return ready;
  }
}
