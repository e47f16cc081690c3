package disco.hw.machine;

import disco.hw.InputFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** A disk: an image file of 512-byte sectors, checked at start so a bad one fails early. */
final class Disk implements AutoCloseable {
  static final int SECTOR = 512;
  private final RandomAccessFile file;
  final long sectors;

  private Disk(RandomAccessFile file, long sectors) {
    this.file = file;
    this.sectors = sectors;
  }

  static Disk open(int number, Path image) throws InvalidConfigException {
    String problem = !Files.exists(image) ? "no such file"
        : Files.isDirectory(image) ? "is a directory"
        : !Files.isRegularFile(image) ? "not a regular file (a disk image must be a file of sectors)"
        : !Files.isReadable(image) || !Files.isWritable(image) ? "not readable and writable (disks are opened for both)"
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
      return new Disk(new RandomAccessFile(image.toFile(), "rw"), size / SECTOR);
    } catch (IOException e) {
      throw new InvalidConfigException("disk " + number + ": " + image + ": cannot be opened: " + InputFiles.problem(e));
    }
  }

  byte[] read(long sector, int count) throws IOException {
    byte[] b = new byte[count * SECTOR];
    file.seek(sector * SECTOR);
    file.readFully(b);
    return b;
  }

  void write(long sector, byte[] data) throws IOException {
    file.seek(sector * SECTOR);
    file.write(data);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
