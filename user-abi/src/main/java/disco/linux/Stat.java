package disco.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * What stat reports of a file: the host's own figures for a host file (device, inode, mode, links,
 * owner, size, times to the nanosecond), as qemu-user passes them through; fixed figures for the
 * model's streams, pipes and null device.
 *
 * <p>One figure the JDK cannot read: the blocks allocated ({@code st_blocks}). It is given as the
 * size rounded up to 4 KB blocks, in 512-byte units, which is what an ext4 file without holes
 * has.
 */
record Stat(long dev, long ino, int mode, int nlink, int uid, int gid, long rdev, long size,
    long blocks, Instant atime, Instant mtime, Instant ctime) {
  static final int S_IFMT = 0170000;
  static final int S_IFIFO = 0010000;
  static final int S_IFCHR = 0020000;
  static final int S_IFDIR = 0040000;
  static final int S_IFREG = 0100000;
  static final int S_IFLNK = 0120000;

  static final int BLKSIZE = 4096;

  /** A pipe's status: what the standard streams show, as when a program's output is piped. */
  static final Stat FIFO = fifo(1);

  /** /dev/null: character device 1,3. */
  static final Stat DEV_NULL = new Stat(5, 4, S_IFCHR | 0666, 1, 0, 0, (1 << 8) | 3, 0, 0,
      Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);

  static Stat fifo(long ino) {
    return new Stat(12, ino, S_IFIFO | 0600, 1, 0, 0, 0, 0, 0, Instant.EPOCH, Instant.EPOCH,
        Instant.EPOCH);
  }

  boolean isDirectory() {
    return (mode & S_IFMT) == S_IFDIR;
  }

  boolean isSymbolicLink() {
    return (mode & S_IFMT) == S_IFLNK;
  }

  /** The directory-entry type getdents64 gives (DT_REG, DT_DIR, ...): the mode's type bits. */
  int direntType() {
    return (mode & S_IFMT) >>> 12;
  }

  /** The status of host file {@code p}, or of the link itself when {@code noFollow}. */
  static Stat of(Path p, boolean noFollow) throws Errno {
    Map<String, Object> a;
    try {
      a = noFollow
          ? Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS)
          : Files.readAttributes(p, "unix:*");
    } catch (IOException e) {
      throw Errno.of(e);
    } catch (UnsupportedOperationException e) {
      throw new Errno(Errno.EIO);
    }
    long size = number(a, "size");
    int mode = (int) number(a, "mode");
    long blocks = (mode & S_IFMT) == S_IFLNK ? 0 : (size + BLKSIZE - 1) / BLKSIZE * (BLKSIZE / 512);
    return new Stat(number(a, "dev"), number(a, "ino"), mode, (int) number(a, "nlink"),
        (int) number(a, "uid"), (int) number(a, "gid"), number(a, "rdev"), size, blocks,
        time(a, "lastAccessTime"), time(a, "lastModifiedTime"), time(a, "ctime"));
  }

  private static long number(Map<String, Object> a, String name) {
    return a.get(name) instanceof Number n ? n.longValue() : 0;
  }

  private static Instant time(Map<String, Object> a, String name) {
    Object t = a.get(name);
    return t instanceof FileTime f ? f.toInstant() : Instant.EPOCH;
  }

  /** glibc's major() of a host dev_t. */
  static int major(long dev) {
    return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
  }

  /** glibc's minor() of a host dev_t. */
  static int minor(long dev) {
    return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
  }

  /** The kernel's 32-bit encoding of a device number (new_encode_dev), as stat64 gives it. */
  static int encode32(long dev) {
    int major = major(dev);
    int minor = minor(dev);
    return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
  }
}
