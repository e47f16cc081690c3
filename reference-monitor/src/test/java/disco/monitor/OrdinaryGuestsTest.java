package disco.monitor;

import static disco.monitor.GuestRuns.assertIsolated;
import static disco.monitor.GuestRuns.assertOk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import disco.monitor.GuestRuns.Run;
import disco.monitor.GuestRuns.VmSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each ordinary guest of guests/disco-tests runs under the monitor and prints exactly its
 * expected/NAME.txt (placeholders filled from the scenario), then halts with 0; alone, with
 * several vCPUs, and several VMs at once, whose consoles are each exact.
 */
class OrdinaryGuestsTest {
  @TempDir Path dir;

  /** One VM alone: its console, and the host's output (no prefix with one VM), are the file. */
  @ParameterizedTest(name = "{0} with {1} vCPU(s), {2} MB")
  @CsvSource({
    "hello, 1, 8",
    "hello, 3, 5", // the placeholders: vcpus 3, memory 0x00500000
    "cp0, 1, 8",
    "cp0, 2, 1",
    "user, 1, 8",
    "timer, 1, 8",
    "smp, 2, 8",
    "smp, 4, 16",
    "disk, 1, 8",
  })
  void runsAloneAndPrintsItsExpectedOutput(String program, int vcpus, int memoryMb) throws IOException {
    VmSpec vm = new VmSpec(program, program, vcpus, memoryMb);
    Run r = GuestRuns.run(dir, "flash-4", "", List.of(vm));
    assertOk(r, vm);
    assertEquals(vm.expected(), r.hostText(), "the host's output of a single VM has no prefix");
    assertEquals(vcpus, r.vm(program).vcpus().size());
    assertIsolated(r.disco());
  }

  @Test
  void smpWithBothVcpusOnOneCpu() throws IOException {
    // Both vCPUs share physical CPU 0: each waits for the other's IPI while descheduled.
    VmSpec vm = new VmSpec("smp", "smp", 2, 8).onNode(0);
    Run r = GuestRuns.run(dir, "flash-4", "", List.of(vm));
    assertOk(r, vm);
    assertEquals(r.vm("smp").vcpus().get(0).physicalCpu(), r.vm("smp").vcpus().get(1).physicalCpu());
    assertIsolated(r.disco());
  }

  @Test
  void smpOnTheOneCpuOfFlash1() throws IOException {
    VmSpec vm = new VmSpec("smp", "smp", 2, 8);
    Run r = GuestRuns.run(dir, "flash-1", "", List.of(vm));
    assertOk(r, vm);
  }

  @Test
  void diskLeavesTheCheckedInImageAndItsSnapshotCopyUnchanged() throws Exception {
    byte[] before = sha256(GuestRuns.disk0());
    VmSpec vm = new VmSpec("d", "disk", 1, 8);
    Run r = GuestRuns.run(dir, "flash-4", "", List.of(vm));
    assertOk(r, vm);
    assertArrayEquals(before, sha256(GuestRuns.disk0()), "images/disk0.img changed");
    // The VM's disk is not persistent (the default): its writes to sectors 4-7 stay in memory.
    assertArrayEquals(before, sha256(dir.resolve("d-disk0.img")), "a snapshot disk's file changed");
  }

  @Test
  void diskWritesAPersistentCopy() throws Exception {
    Path copy = dir.resolve("persistent.img");
    Files.copy(GuestRuns.disk0(), copy);
    byte[] original = Files.readAllBytes(copy);
    Path scenario = dir.resolve("p.yaml");
    Files.writeString(scenario, "machine: flash-4\nvms:\n  - name: d\n    memoryMb: 8\n    kernel: '"
        + GuestRuns.image("disk") + "'\n    disks: [persistent.img]\n    persistentDisks: true\n");
    Run r = GuestRuns.run(scenario, false);
    GuestRuns.assertHalted(r, "d", 0, GuestRuns.expected("disk", 1, 8 << 20));
    // disk.c: sectors 0-3 read, every byte inverted, written to sectors 4-7.
    byte[] after = Files.readAllBytes(copy);
    byte[] want = original.clone();
    for (int k = 0; k < 2048; k++) {
      want[2048 + k] = (byte) ~original[k];
    }
    assertArrayEquals(want, after, "the persistent disk after the run");
    // And the generator's pattern, so the comparison above is not vacuous.
    for (int k = 0; k < 4096; k++) {
      assertEquals((byte) (5 * k + k / 512), original[k], "disk0.img byte " + k);
    }
  }

  /** Two VMs, different guests, at once: each console is exact; the host's lines carry "[name] ". */
  @Test
  void twoVmsAtOnce() throws IOException {
    List<VmSpec> vms = List.of(new VmSpec("a", "hello", 2, 8), new VmSpec("b", "user", 1, 4));
    Run r = GuestRuns.run(dir, "flash-4", "", vms);
    assertConsoles(r, vms);
  }

  /** Four VMs (one with two vCPUs) time-sharing a single CPU: each console is exact. */
  @Test
  void fourVmsOnOneCpu() throws IOException {
    List<VmSpec> vms = List.of(new VmSpec("s", "smp", 2, 8).onNode(0), new VmSpec("t", "timer", 1, 4).onNode(0),
        new VmSpec("d", "disk", 1, 4).onNode(0), new VmSpec("c", "cp0", 1, 2).onNode(0));
    Run r = GuestRuns.run(dir, "flash-4", "{sliceCycles: 20000}", vms);
    assertConsoles(r, vms);
  }

  /** Every VM in a run of several together printed exactly its file, here and on the host. */
  static void assertConsoles(Run r, List<VmSpec> vms) {
    Map<String, String> host = r.hostByVm();
    for (VmSpec vm : vms) {
      assertOk(r, vm);
      assertEquals(vm.expected(), host.get(vm.name()), vm.name() + ": its lines on the host, prefix removed");
    }
    assertEquals(vms.size(), r.disco().vms().size());
    int lines = vms.stream().mapToInt(v -> v.expected().split("\n").length).sum();
    assertEquals(lines, r.hostText().split("\n").length, "host lines");
    assertIsolated(r.disco());
  }

  static byte[] sha256(Path p) throws IOException, NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
  }

  @Test
  void expectedFilesHaveThePlaceholdersTheReadmeNames() throws IOException {
    // The oracle's own shape: {vcpus} and {memory} only in hello, {end} only in monitor-memory.
    for (String p : GuestRuns.ORDINARY) {
      String raw = Files.readString(GuestRuns.dir().resolve("expected").resolve(p + ".txt"), StandardCharsets.UTF_8);
      assertEquals(p.equals("hello"), raw.contains("{vcpus}") && raw.contains("{memory}"), p);
      assertEquals(false, raw.contains("{end}"), p);
    }
    assertEquals("memory: 0x00500000 bytes", GuestRuns.expected("hello", 3, 5 << 20).lines()
        .filter(l -> l.startsWith("memory")).findFirst().orElseThrow());
  }
}
