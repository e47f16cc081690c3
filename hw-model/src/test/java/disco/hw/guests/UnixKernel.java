package disco.hw.guests;

import disco.hw.elf.ElfFile;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineConfigFile;
import disco.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Boots the kernel of {@code guests/unix} on the machine with a kernel command line, as {@code
 * disco run --append} does; disk 0 is a private copy of the root image, so a test never changes the
 * committed one and can check the written disk afterwards.
 */
final class UnixKernel {
  private UnixKernel() {}

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
    Loaded l = load(kernel, config, root, tmp, cmdline, stdin);
    l.machine().run(20_000_000_000L, null);
    return l.result();
  }

  /** A machine with the kernel loaded and not yet run, for a test that drives it step by step. */
  record Loaded(Machine machine, ByteArrayOutputStream out, Path disk) {
    Run result() {
      return new Run(machine, out.toString(StandardCharsets.ISO_8859_1), machine.exitStatus(), disk);
    }
  }

  /** As {@link #boot}, without running the machine. */
  static Loaded load(Path kernel, MachineConfig config, Path root, Path tmp, String cmdline, byte[] stdin)
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
    m.load(ElfFile.read(kernel), cmdline);
    return new Loaded(m, out, disk);
  }

  /** The address of {@code symbol} in the ELF image {@code elf}, from {@code mips-linux-gnu-nm}. */
  static int symbol(Path elf, String symbol) throws Exception {
    String nm = run(dir(), List.of(Tools.require("mips-linux-gnu-nm").toString(), elf.toString()));
    for (String line : nm.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[2].equals(symbol)) {
        return (int) Long.parseUnsignedLong(f[0].substring(f[0].length() - 8), 16);
      }
    }
    throw new AssertionError("no symbol " + symbol + " in " + elf);
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

  /** Runs a command in dir; its output if it succeeds, a test failure with the output if not. */
  static String run(Path dir, List<String> command) throws Exception {
    return GuestBuild.run(dir, 300, command.toArray(String[]::new));
  }
}
