package disco.linux;

/**
 * A pipe inside one process (there is no fork): a buffer of Linux's default pipe capacity, 64 KB,
 * with a read end and a write end. What would block forever in a single-threaded process (reading
 * an empty pipe whose write end is open, writing to a full one) is reported as a {@link BlockedErrno} so
 * the kernel can end the run, unless the end is non-blocking (then EAGAIN, as Linux gives).
 */
final class Pipe {
  /** The capacity of a Linux pipe (PIPE_DEF_BUFFERS pages). */
  static final int CAPACITY = 65536;

  /** The atomic write size (PIPE_BUF). */
  static final int PIPE_BUF = 4096;

  private final byte[] data = new byte[CAPACITY];
  private int head;
  private int length;
  int readers = 1;
  int writers = 1;
  private final long ino;

  Pipe(long ino) {
    this.ino = ino;
  }

  /** An operation that would wait for ever in a process that is the pipe's only user. */

  /** One end of a pipe. */
  static final class End extends OpenFile {
    final Pipe pipe;

    End(Pipe pipe, int statusFlags) {
      super(statusFlags);
      this.pipe = pipe;
    }

    @Override
    int read(byte[] b) throws Errno {
      return pipe.read(b, (statusFlags & O_NONBLOCK) != 0);
    }

    @Override
    int write(byte[] b) throws Errno {
      return pipe.write(b, (statusFlags & O_NONBLOCK) != 0);
    }

    @Override
    Stat stat() {
      return Stat.fifo(pipe.ino);
    }

    @Override
    int poll(int events) {
      if (readable()) {
        int r = pipe.length > 0 ? POLLIN : 0;
        return (events & r) | (pipe.writers == 0 ? POLLHUP : 0);
      }
      if (pipe.readers == 0) {
        return (events & POLLOUT) | POLLERR;
      }
      return events & (CAPACITY - pipe.length >= PIPE_BUF ? POLLOUT : 0);
    }

    @Override
    void release() {
      if (readable()) {
        pipe.readers--;
      } else {
        pipe.writers--;
      }
    }
  }

  private int read(byte[] b, boolean nonBlocking) throws Errno {
    if (b.length == 0) {
      return 0;
    }
    if (length == 0) {
      if (writers == 0) {
        return 0; // end of file: no writer is left
      }
      if (nonBlocking) {
        throw new Errno(Errno.EAGAIN);
      }
      throw new BlockedErrno("reading an empty pipe whose write end only this process holds");
    }
    int n = Math.min(b.length, length);
    for (int i = 0; i < n; i++) {
      b[i] = data[(head + i) % CAPACITY];
    }
    head = (head + n) % CAPACITY;
    length -= n;
    return n;
  }

  private int write(byte[] b, boolean nonBlocking) throws Errno {
    if (readers == 0) {
      throw new Errno(Errno.EPIPE);
    }
    int room = CAPACITY - length;
    int n = b.length;
    if (n > room) {
      // Linux writes up to PIPE_BUF bytes atomically and larger writes in parts; a blocking
      // writer then waits for a reader, which in this process never comes.
      if (!nonBlocking) {
        throw new BlockedErrno("writing " + n + " bytes to a pipe with room for " + room
            + " that only this process reads");
      }
      if (room == 0 || n <= PIPE_BUF) {
        throw new Errno(Errno.EAGAIN);
      }
      n = room;
    }
    for (int i = 0; i < n; i++) {
      data[(head + length + i) % CAPACITY] = b[i];
    }
    length += n;
    return n;
  }

  /** An errno-shaped signal that the call would block for ever; the kernel ends the run. */
  static final class BlockedErrno extends Errno {
    private static final long serialVersionUID = 1L;
    final String what;

    BlockedErrno(String what) {
      super(Errno.EAGAIN);
      this.what = what;
    }
  }
}
