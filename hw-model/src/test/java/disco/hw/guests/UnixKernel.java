package disco.hw.guests;

import disco.hw.elf.ElfFile;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineConfigFile;
import disco.hw.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Boots the kernel of {@code guests/unix} on the machine: the kernel command line is placed in
 * memory and its address given in CPU 0's {@code $a1}, as {@code disco run --append} does; disk 0
 * is a private copy of the root image (a snapshot), so a test never changes the committed one.
 */
final class UnixKernel {
  private UnixKernel() {}

  /** Where the command line goes: below the kernel, in memory the kernel never allocates. */
  static final int CMDLINE_PHYSICAL = 0x1000;

  record Run(Machine machine, String console, int status, Path disk) {}

  static Path dir() {
    return UnixImages.dir();
  }

  static Path image(String name) {
    return dir().resolve("images").resolve(name);
  }

  /** Boots {@code kernel} with {@code cmdline}; disk 0 is a copy of {@code root} in {@code tmp}. */
  static Run boot(Path kernel, MachineConfig config, Path root, Path tmp, String cmdline, byte[] stdin)
      throws Exception {
    Map<Integer, Path> disks = new TreeMap<>();
    Path disk = null;
    if (root != null) {
      disk = Files.createTempFile(tmp, "disk0-", ".img");
      Files.copy(root, disk, StandardCopyOption.REPLACE_EXISTING);
      disks.put(0, disk);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Machine m = new Machine(config, new TreeMap<>(disks), new ByteArrayInputStream(stdin), out);
    m.load(ElfFile.read(kernel));
    byte[] text = (cmdline + "\0").getBytes(StandardCharsets.US_ASCII);
    m.memory().write(CMDLINE_PHYSICAL, text, 0, text.length);
    m.cpus().get(0).setGpr(5, 0x8000_0000 | CMDLINE_PHYSICAL);
    m.run(20_000_000_000L, null);
    return new Run(m, out.toString(StandardCharsets.ISO_8859_1), m.exitStatus(), disk);
  }

  /** flash-8, little-endian: the preset with only the byte order changed (a config file). */
  static MachineConfig flash8Little(Path tmp) throws Exception {
    Path f = tmp.resolve("flash-8-el.yaml");
    Files.writeString(f, "base: flash-8\nendianness: little\n");
    return MachineConfigFile.load(f.toString());
  }

  /**
   * Builds a kernel whose root is an in-memory file system holding {@code files} (path in the
   * guest to file on the host): {@code make OUT=out out/unix-ramfs-eb.elf RAMFS=archive}.
   */
  static Path ramfsKernel(Path out, Map<String, Path> files) throws Exception {
    Path archive = out.resolve("ramfs.img");
    List<String> mk = new ArrayList<>(List.of(Tools.require("python3").toString(),
        dir().resolve("kernel/mkramfs.py").toString(), archive.toString(), "big"));
    files.forEach((guest, host) -> mk.add(guest + "=" + host));
    mk.add("tmp/");
    run(dir(), mk);
    Path kernel = out.resolve("unix-ramfs-eb.elf");
    run(dir(), List.of(Tools.require("make").toString(), "--no-print-directory", "-s", "OUT=" + out,
        "RAMFS=" + archive, kernel.toString()));
    return kernel;
  }

  /** Runs a command in dir; its output if it succeeds, an exception with the output if not. */
  static String run(Path dir, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
    }
    return new String(output, StandardCharsets.UTF_8);
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
