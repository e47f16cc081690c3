package disco.hw.machine;

import disco.hw.InputFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A disk: an image file of 512-byte sectors, checked at start so a bad one fails early. A snapshot
 * disk opens its file read-only and keeps the sectors written to it in memory (an overlay that
 * reads see); a persistent one writes the file.
 */
final class Disk implements AutoCloseable {
  static final int SECTOR = 512;
  private final RandomAccessFile file;
  final long sectors;
  /** Snapshot disks: the sectors written, by number (looked up only, never iterated). */
  private final @Nullable Map<Long, byte[]> written;

  private Disk(RandomAccessFile file, long sectors, boolean snapshot) {
    this.file = file;
    this.sectors = sectors;
    this.written = snapshot ? new HashMap<>() : null;
  }

  static Disk open(DiskImage disk) throws InvalidConfigException {
    int number = disk.number();
    Path image = disk.file();
    boolean snapshot = disk.snapshot();
    String problem = !Files.exists(image) ? "no such file"
        : Files.isDirectory(image) ? "is a directory"
        : !Files.isRegularFile(image) ? "not a regular file (a disk image must be a file of sectors)"
        : snapshot && !Files.isReadable(image) ? "not readable"
        : !snapshot && (!Files.isReadable(image) || !Files.isWritable(image))
            ? "not readable and writable (disks are opened for both; a snapshot disk only reads its file)"
        : null;
    if (problem != null) {
      throw new InvalidConfigException("disk " + number + ": " + image + ": " + problem);
    }
    try {
      long size = Files.size(image);
      if (size == 0 || size % SECTOR != 0) {
        throw new InvalidConfigException("disk " + number + ": " + image + ": size " + size
            + " bytes is not a positive multiple of " + SECTOR);
      }
      return new Disk(new RandomAccessFile(image.toFile(), snapshot ? "r" : "rw"), size / SECTOR, snapshot);
    } catch (IOException e) {
      throw new InvalidConfigException("disk " + number + ": " + image + ": cannot be opened: " + InputFiles.problem(e));
    }
  }

  byte[] read(long sector, int count) throws IOException {
    byte[] b = new byte[count * SECTOR];
    file.seek(sector * SECTOR);
    file.readFully(b);
    Map<Long, byte[]> w = written;
    if (w != null && !w.isEmpty()) {
      for (int i = 0; i < count; i++) {
        byte[] s = w.get(sector + i);
        if (s != null) {
          System.arraycopy(s, 0, b, i * SECTOR, SECTOR);
        }
      }
    }
    return b;
  }

  /** Writes whole sectors ({@code data.length} a multiple of {@link #SECTOR}) from {@code sector}. */
  void write(long sector, byte[] data) throws IOException {
    Map<Long, byte[]> w = written;
    if (w == null) {
      file.seek(sector * SECTOR);
      file.write(data);
      return;
    }
    for (int i = 0; i * SECTOR < data.length; i++) {
      w.put(sector + i, Arrays.copyOfRange(data, i * SECTOR, (i + 1) * SECTOR));
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
