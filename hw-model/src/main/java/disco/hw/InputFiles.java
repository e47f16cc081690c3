package disco.hw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the files a user names (executables, machine files, console input) whole, and turns every
 * way that can fail into a few words for a one-line message: a directory, a missing file, a file
 * too large to hold, an I/O error. Nothing here throws anything but {@link UnreadableFileException}.
 */
public final class InputFiles {
  private InputFiles() {}

  /** Why {@code file} could not be read; the message is the problem alone, without the file. */
  public static final class UnreadableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableFileException(String problem) {
      super(problem);
    }

    /** The problem, as the few words that follow the file's name in a message. */
    public String problem() {
      return String.valueOf(getMessage());
    }
  }

  /**
   * Reads all of {@code file}: a regular file, or a pipe or device (read to its end). A directory,
   * a missing file or one larger than {@code maxBytes} (or than this process can hold) is refused.
   */
  public static byte[] readAll(Path file, long maxBytes) throws UnreadableFileException {
    if (Files.isDirectory(file)) {
      throw new UnreadableFileException("is a directory");
    }
    long limit = Math.min(maxBytes, holdable());
    try {
      if (Files.isRegularFile(file)) {
        long size = Files.size(file);
        if (size > limit) {
          throw tooLarge(size, limit);
        }
      }
      try (InputStream in = Files.newInputStream(file)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          if (out.size() > limit) {
            throw tooLarge(out.size(), limit);
          }
        }
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new UnreadableFileException(problem(e));
    }
  }

  /** {@link #readAll} decoded as UTF-8; bytes that are not UTF-8 are refused. */
  public static String readText(Path file, long maxBytes) throws UnreadableFileException {
    byte[] bytes = readAll(file, maxBytes);
    try {
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new UnreadableFileException("not a text file (not valid UTF-8)");
    }
  }

  /** The largest file this process can read whole: Java's array limit, and half the heap. */
  private static long holdable() {
    return Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 2);
  }

  private static UnreadableFileException tooLarge(long size, long limit) {
    return new UnreadableFileException(String.format(Locale.ROOT,
        "too large (%,d bytes; at most %,d can be read)", size, limit));
  }

  /** An I/O failure as a few words: "no such file", "permission denied", or the system's reason. */
  public static String problem(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    return reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(Locale.ROOT);
  }
}
