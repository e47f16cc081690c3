package disco.hw.port;

import disco.hw.cpu.Cpu;
import disco.hw.elf.ElfFile;
import disco.hw.guests.GuestImages;
import disco.hw.machine.DeviceEvent;
import disco.hw.machine.Machine;
import disco.hw.machine.MachineConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A machine booted with a bare-metal image, watched through the port: a hash of every CPU's
 * instruction trace (pc, word and cycle of every instruction) and the disk completions the port's
 * listener heard.
 */
final class Booted {
  final Machine machine;
  final MachinePort port;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  final long[] traceHash;
  final long[] traced;
  final List<String> completions = new ArrayList<>();

  Booted(String program, MachineConfig config, Map<Integer, Path> disks) throws Exception {
    machine = new Machine(config, new TreeMap<>(disks), new ByteArrayInputStream(new byte[0]), console);
    machine.load(ElfFile.read(GuestImages.image(program)));
    port = MachinePort.of(machine);
    traceHash = new long[config.cpus()];
    traced = new long[config.cpus()];
    for (Cpu c : machine.cpus()) {
      int n = c.cp0().ebaseCpuNum();
      c.setTracer((cpu, pc, w) -> {
        traced[n]++;
        traceHash[n] = (traceHash[n] * 0x100000001b3L) ^ ((long) pc << 32 | (w & 0xffffffffL)) ^ cpu.cycles();
      });
    }
    port.onDiskCompletion((DeviceEvent.DiskTransfer t, long cycle) -> completions.add(t + " at " + cycle));
  }

  /** Runs to the end (halt or idle) in the machine's own order. */
  Booted finish() {
    port.runRounds(Long.MAX_VALUE, Scheduler.ROUND_ROBIN);
    return this;
  }

  String consoleText() {
    return console.toString(StandardCharsets.US_ASCII);
  }

  /** Forgets the trace so far, so that two machines are compared from the same point on. */
  void resetTrace() {
    java.util.Arrays.fill(traceHash, 0);
    java.util.Arrays.fill(traced, 0);
    console.reset();
  }
}
