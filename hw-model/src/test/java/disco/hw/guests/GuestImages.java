package disco.hw.guests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bare-metal guest programs of {@code guests/baremetal} live, and the disk image the
 * {@code disk} guest expects. For tests that run the images on the machine and for {@link
 * GuestImagesTest}.
 */
public final class GuestImages {
  private GuestImages() {}

  /** Every program, in the Makefile's order; each has images/NAME.elf and expected/NAME.out. */
  public static final List<String> PROGRAMS =
      List.of("hello", "timer", "smp", "disk", "spinlock", "remote", "compute", "cmdline");

  /** The command line {@code expected/cmdline.out} shows: {@code disco run --append} with it. */
  public static final String COMMAND_LINE = "root=/dev/disk0 init=/bin/pmake small";

  /** A hostile guest (guests/baremetal/hostile) and how a run of it on flash-8 must end. */
  public record Hostile(String name, int exitStatus, String stop) {}

  /**
   * Every hostile guest with its expected exit status and stop ({@code halted}, {@code
   * no-progress}, {@code idle} or {@code cycle-limit}), from hostile/expected.txt.
   */
  public static List<Hostile> hostile() throws IOException {
    List<Hostile> all = new ArrayList<>();
    for (String line : Files.readAllLines(dir().resolve("hostile").resolve("expected.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      all.add(new Hostile(f[0], Integer.parseInt(f[1]), f[2]));
    }
    return all;
  }

  /** The committed image of hostile guest {@code name}: guests/baremetal/images/hostile/NAME.elf. */
  public static Path hostileImage(String name) {
    return dir().resolve("images").resolve("hostile").resolve(name + ".elf");
  }

  /** Sectors in the disk image {@link #writeDisk} makes by default (mkdisk.py's default too). */
  public static final int DISK_SECTORS = 16;

  public static final int SECTOR_BYTES = 512;

  /**
   * The directory {@code guests/baremetal}, found from the working directory upwards (Maven runs
   * a module's tests in the module directory).
   */
  public static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("guests").resolve("baremetal");
      if (Files.isRegularFile(candidate.resolve("Makefile"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("guests/baremetal not found above " + Path.of("").toAbsolutePath());
  }

  /** The committed image of {@code program}: guests/baremetal/images/NAME.elf. */
  public static Path image(String program) {
    return dir().resolve("images").resolve(program + ".elf");
  }

  /**
   * The console output {@code program} prints on {@code flash-8}: guests/baremetal/expected/NAME.out.
   * For {@code remote}, without the lines {@code local cycles: N} and {@code remote cycles: M}.
   */
  public static Path expected(String program) {
    return dir().resolve("expected").resolve(program + ".out");
  }

  /**
   * The disk image the {@code disk} guest expects as disk 0: the byte at offset {@code k} is
   * {@code (5 * k + k / 512) & 0xff}, as {@code mkdisk.py} writes it.
   */
  public static byte[] diskPattern(int sectors) {
    byte[] b = new byte[sectors * SECTOR_BYTES];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) (5 * k + k / SECTOR_BYTES);
    }
    return b;
  }

  /** Writes {@link #diskPattern} of {@link #DISK_SECTORS} sectors to {@code file}. */
  public static Path writeDisk(Path file) throws IOException {
    return Files.write(file, diskPattern(DISK_SECTORS));
  }

  /** The {@code disk} guest's checksum: h = h * 31 + byte, from 0, modulo 2^32. */
  public static int checksum(byte[] b, int offset, int length) {
    int h = 0;
    for (int i = offset; i < offset + length; i++) {
      h = h * 31 + (b[i] & 0xff);
    }
    return h;
  }
}
