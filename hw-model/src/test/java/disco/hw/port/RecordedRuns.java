package disco.hw.port;

import disco.hw.cpu.Cpu;
import disco.hw.elf.ElfFile;
import disco.hw.guests.GuestImages;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs whose full instruction trace and final statistics are hashed, for comparison with the
 * values recorded in {@code recorded-runs.txt} ({@link RecordedRunsTest}). The hash covers, in the
 * order the machine executed them, every instruction of every CPU (CPU number, PC, word, the CPU's
 * cycle count), then the console output, the statistics, the stop reason and the clock. A run of
 * this class's {@code main} prints the same lines as the reference file, to regenerate it.
 */
final class RecordedRuns {
  private RecordedRuns() {}

  /** A SHA-256 over a stream of trace records and texts. */
  static final class TraceDigest {
    private final MessageDigest sha;
    private final ByteBuffer record = ByteBuffer.allocate(20);
    long instructions;

    TraceDigest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void watch(Machine m) {
      for (Cpu c : m.cpus()) {
        c.setTracer(this::instruction);
      }
    }

    void instruction(Cpu cpu, int pc, int word) {
      instructions++;
      record.clear();
      record.putInt(cpu.cp0().ebaseCpuNum()).putInt(pc).putInt(word).putLong(cpu.cycles());
      sha.update(record.array());
    }

    void text(String label, Object value) {
      sha.update((label + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    String hex() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }

  static Machine boot(String program, MachineConfig config, ByteArrayOutputStream console) throws Exception {
    Machine m = new Machine(config, new TreeMap<>(), new ByteArrayInputStream(new byte[0]), console);
    m.load(ElfFile.read(GuestImages.image(program)));
    return m;
  }

  static void end(TraceDigest d, Machine m, ByteArrayOutputStream console) {
    if (!m.halted() || m.exitStatus() != 0) {
      throw new IllegalStateException("the run did not halt with status 0: " + m.stopReason());
    }
    d.text("console", console.toString(StandardCharsets.ISO_8859_1));
    d.text("stats", m.stats());
    d.text("stop", m.stopReason());
    d.text("clock", m.clock());
    d.text("instructions", d.instructions);
  }

  /** The spinlock guest on flash-8 (caches on, MESI), run to its halt as {@code disco run} does. */
  static String spinlockFlash8() throws Exception {
    MachineConfig config = MachineConfig.preset("flash-8");
    if (!config.cacheEnabled()) {
      throw new IllegalStateException("flash-8 is expected to have its caches on");
    }
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Machine m = boot("spinlock", config, console);
    TraceDigest d = new TraceDigest();
    d.watch(m);
    m.run(0, null);
    end(d, m, console);
    return d.hex();
  }

  /**
   * The spinlock guest on flash-8 stopped mid-contention, snapshot, restored into a fresh machine
   * and run to its halt there: the hash covers the snapshot's fingerprint and the restored
   * machine's trace from the restore on.
   */
  static String spinlockSnapshotRestore() throws Exception {
    MachineConfig config = MachineConfig.preset("flash-8");
    Machine a = boot("spinlock", config, new ByteArrayOutputStream());
    MachinePort pa = MachinePort.of(a);
    // Until every CPU is up and contending for the lock, then a few rounds more.
    for (int r = 0; r < 1000 && !a.started(config.cpus() - 1); r++) {
      pa.runRounds(1, Scheduler.ROUND_ROBIN);
    }
    pa.runRounds(3, Scheduler.ROUND_ROBIN);
    if (a.halted()) {
      throw new IllegalStateException("the snapshot is to be taken mid-run");
    }
    MachineState snap = pa.snapshot();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Machine b = boot("spinlock", config, console);
    MachinePort pb = MachinePort.of(b);
    pb.restore(snap);
    TraceDigest d = new TraceDigest();
    d.text("snapshot", Fingerprint.of(snap));
    d.watch(b);
    pb.runRounds(Long.MAX_VALUE, Scheduler.ROUND_ROBIN);
    end(d, b, console);
    d.text("cycles by mode", pb.totalCycleBreakdown());
    return d.hex();
  }

  /** Every recorded run by name, in the reference file's order. */
  static Map<String, String> all() throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("spinlock-flash-8", spinlockFlash8());
    m.put("spinlock-flash-8-snapshot-restore", spinlockSnapshotRestore());
    return m;
  }

  /** Prints {@code name = hash} lines, as in the reference file. */
  public static void main(String[] args) throws Exception {
    for (Map.Entry<String, String> e : all().entrySet()) {
      System.out.println(e.getKey() + " = " + e.getValue());
    }
  }
}
