package disco.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An open file description: what one or more descriptors (after dup) refer to, with its status
 * flags and, for a file, its offset. The operations fail as Linux's do on a description that
 * cannot do them (EBADF for the wrong direction, EISDIR for reading a directory, ESPIPE for
 * seeking a stream).
 */
abstract class OpenFile {
  static final int O_ACCMODE = 3;
  static final int O_RDONLY = 0;
  static final int O_WRONLY = 1;
  static final int O_RDWR = 2;
  // MIPS values (arch/mips/include/uapi/asm/fcntl.h)
  static final int O_APPEND = 0x0008;
  static final int O_NONBLOCK = 0x0080;

  // poll events (the same on MIPS as elsewhere for these)
  static final int POLLIN = 1;
  static final int POLLOUT = 4;
  static final int POLLERR = 8;
  static final int POLLHUP = 16;

  /** Descriptors referring to this description. */
  int refs = 1;

  /** O_ACCMODE bits and the status flags F_GETFL reports (O_APPEND, O_NONBLOCK, ...). */
  int statusFlags;

  OpenFile(int statusFlags) {
    this.statusFlags = statusFlags;
  }

  boolean readable() {
    return (statusFlags & O_ACCMODE) != O_WRONLY;
  }

  boolean writable() {
    return (statusFlags & O_ACCMODE) != O_RDONLY;
  }

  /** Reads up to {@code b.length} bytes; 0 at end of file. */
  int read(byte[] b) throws Errno {
    throw new Errno(Errno.EINVAL);
  }

  /** Writes {@code b}, returning how many bytes were taken. */
  int write(byte[] b) throws Errno {
    throw new Errno(Errno.EINVAL);
  }

  /** Moves the offset (whence: SEEK_SET 0, SEEK_CUR 1, SEEK_END 2) and returns it. */
  long seek(long offset, int whence) throws Errno {
    throw new Errno(Errno.ESPIPE);
  }

  /** The file's status, as stat shows it. */
  abstract Stat stat() throws Errno;

  /** Which of the poll {@code events} (and POLLERR/POLLHUP) hold now. */
  int poll(int events) {
    return events & ((readable() ? POLLIN : 0) | (writable() ? POLLOUT : 0));
  }

  /** Called when the last descriptor referring to this description is closed. */
  void release() {}

  /** The host path, for a file or directory opened by path; null for streams and pipes. */
  @Nullable Path path() {
    return null;
  }

  /** A new offset from {@code whence}, refused (EINVAL) if negative or whence is unknown. */
  static long offset(long current, long end, long offset, int whence) throws Errno {
    long base = switch (whence) {
      case 0 -> 0;
      case 1 -> current;
      case 2 -> end;
      default -> throw new Errno(Errno.EINVAL);
    };
    long pos = base + offset;
    if (pos < 0) {
      throw new Errno(Errno.EINVAL);
    }
    return pos;
  }

  /** Standard input: the bytes the run was given, read in order. */
  static final class Input extends OpenFile {
    private final InputStream in;

    Input(InputStream in) {
      super(O_RDONLY);
      this.in = in;
    }

    @Override
    int read(byte[] b) {
      try {
        return Math.max(0, in.read(b, 0, b.length)); // end of input reads 0 bytes
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    Stat stat() {
      return Stat.FIFO;
    }
  }

  /** Standard output or error: a stream the runner was given. */
  static final class Output extends OpenFile {
    private final OutputStream out;

    Output(OutputStream out) {
      super(O_WRONLY);
      this.out = out;
    }

    @Override
    int write(byte[] b) {
      try {
        out.write(b);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b.length;
    }

    @Override
    Stat stat() {
      return Stat.FIFO;
    }
  }

  /** The model's /dev/null: reads find end of file, writes are taken and dropped. */
  static final class Null extends OpenFile {
    Null(int statusFlags) {
      super(statusFlags);
    }

    @Override
    int read(byte[] b) {
      return 0;
    }

    @Override
    int write(byte[] b) {
      return b.length;
    }

    @Override
    long seek(long offset, int whence) {
      return 0;
    }

    @Override
    Stat stat() {
      return Stat.DEV_NULL;
    }
  }

  /** A host file opened for reading or writing or both. */
  static final class HostFile extends OpenFile {
    private final Path path;
    private final FileChannel channel;

    HostFile(Path path, FileChannel channel, int statusFlags) {
      super(statusFlags);
      this.path = path;
      this.channel = channel;
    }

    @Override
    @Nullable Path path() {
      return path;
    }

    @Override
    int read(byte[] b) throws Errno {
      try {
        return Math.max(0, channel.read(ByteBuffer.wrap(b)));
      } catch (IOException e) {
        throw Errno.of(e);
      }
    }

    @Override
    int write(byte[] b) throws Errno {
      try {
        if ((statusFlags & O_APPEND) != 0) {
          channel.position(channel.size());
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
        return b.length;
      } catch (IOException e) {
        throw Errno.of(e);
      }
    }

    @Override
    long seek(long offset, int whence) throws Errno {
      try {
        long pos = offset(channel.position(), channel.size(), offset, whence);
        channel.position(pos);
        return pos;
      } catch (IOException e) {
        throw Errno.of(e);
      }
    }

    /** Up to {@code length} bytes from {@code position}, without moving the offset. */
    byte[] readAt(long position, int length) throws Errno {
      ByteBuffer buf = ByteBuffer.allocate(length);
      try {
        while (buf.hasRemaining() && channel.read(buf, position + buf.position()) > 0) {
          // until the end of the file or of the buffer
        }
      } catch (IOException e) {
        throw Errno.of(e);
      }
      return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    void truncate(long length) throws Errno {
      try {
        if (length > channel.size()) {
          channel.write(ByteBuffer.allocate(1), length - 1); // extend with a hole, as ftruncate does
        } else {
          channel.truncate(length);
        }
      } catch (IOException e) {
        throw Errno.of(e);
      }
    }

    @Override
    Stat stat() throws Errno {
      return Stat.of(path, false);
    }

    @Override
    void release() {
      try {
        channel.close();
      } catch (IOException e) {
        // a close error of a file only read or already written through is nothing to report
      }
    }
  }

  /** A directory opened for getdents64: its entries, read once at the first getdents64. */
  static final class Directory extends OpenFile {
    private final Path path;
    @Nullable List<DirEntry> entries;
    int next;

    Directory(Path path, int statusFlags) {
      super(statusFlags);
      this.path = path;
    }

    @Override
    @Nullable Path path() {
      return path;
    }

    @Override
    int read(byte[] b) throws Errno {
      throw new Errno(Errno.EISDIR);
    }

    @Override
    long seek(long offset, int whence) throws Errno {
      long pos = offset(next, 0, offset, whence == 2 ? -1 : whence);
      next = (int) Math.min(pos, Integer.MAX_VALUE);
      if (pos == 0) {
        entries = null; // rewinddir reads the directory afresh
      }
      return pos;
    }

    @Override
    Stat stat() throws Errno {
      return Stat.of(path, false);
    }
  }

  /** One directory entry, as getdents64 returns it. */
  record DirEntry(long ino, int type, String name) {}
}
