package disco.monitor.observe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import disco.hw.port.CpuPort;
import disco.hw.port.TlbEntry;
import disco.monitor.Disco;
import disco.monitor.ScenarioFile;
import disco.monitor.cpu.VirtualMachine;
import disco.monitor.mem.Pmap;
import disco.monitor.observe.InvariantsAfterEveryTrap.Violation;
import disco.monitor.trap.TraceEvent;
import disco.spec.invariant.Invariant;
import disco.spec.observe.MonitorView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariant catalogue, checked on the reference monitor after every trap of runs of the test
 * guests of guests/disco-tests (the ordinary ones alone, each hostile one beside an ordinary VM),
 * through {@link ReferenceMonitorView}; and its teeth: a deliberately wrong view, and monitor or
 * machine state corrupted mid-run or after a run, make the right invariant fail.
 */
class InvariantsOnRunsTest {
  static final List<String> HOSTILE = List.of("dma-outside", "tlb-beyond", "priv-store", "eret-kernel",
      "kseg0", "monitor-memory", "spin-irq-off", "panic");
  static final long MAX_CYCLES = 200_000_000L;
  static final String MONITOR = "{watchdogCycles: 3000000, sliceCycles: 200000}";

  @TempDir Path dir;

  // ---- the runs ---------------------------------------------------------------------------------

  record Vm(String name, String program, int vcpus, int memoryMb, int node) {
    Vm(String name, String program, int vcpus, int memoryMb) {
      this(name, program, vcpus, memoryMb, -1);
    }
  }

  static Path guests() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("guests").resolve("disco-tests");
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("guests/disco-tests not found above " + Path.of("").toAbsolutePath());
  }

  static Path image(String program) {
    Path images = guests().resolve("images");
    return HOSTILE.contains(program) ? images.resolve("hostile").resolve(program + ".elf")
        : images.resolve(program + ".elf");
  }

  /** Boots a scenario of {@code vms} on flash-4 (as disco.monitor.GuestRuns writes them). */
  Disco boot(List<Vm> vms) throws IOException {
    StringBuilder y = new StringBuilder("machine: flash-4\nmonitor: " + MONITOR + "\nvms:\n");
    for (Vm v : vms) {
      y.append("  - name: ").append(v.name()).append('\n')
          .append("    vcpus: ").append(v.vcpus()).append('\n')
          .append("    memoryMb: ").append(v.memoryMb()).append('\n')
          .append("    kernel: '").append(image(v.program())).append("'\n");
      if (v.node() >= 0) {
        y.append("    nodes: ").append(Stream.generate(() -> Integer.toString(v.node())).limit(v.vcpus())
            .collect(Collectors.joining(", ", "[", "]"))).append('\n');
      }
      if (v.program().equals("disk") || v.program().equals("dma-outside")) {
        Path copy = dir.resolve(v.name() + "-disk0.img");
        Files.copy(guests().resolve("images").resolve("disk0.img"), copy);
        y.append("    disks: [").append(copy.getFileName()).append("]\n");
      }
    }
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
    return assertDoesNotThrow(() -> Disco.boot(ScenarioFile.read(file), OutputStream.nullOutputStream()));
  }

  static VirtualMachine vm(Disco d, String name) {
    return d.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  /** Runs {@code vms} with {@code invariants} checked after every trap; returns the checker. */
  InvariantsAfterEveryTrap runChecked(List<Vm> vms, List<Invariant<ReferenceView>> invariants,
      Function<ReferenceMonitorView, ReferenceView> viewOf) throws IOException {
    Disco d = boot(vms);
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, invariants, viewOf, 20);
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    return c;
  }

  static void assertNoViolations(InvariantsAfterEveryTrap c) {
    assertTrue(c.checks() > 50, "only " + c.checks() + " traps were checked");
    assertEquals(0, c.violationCount(), () -> c.violationCount() + " violations in " + c.checks() + " traps; first:\n"
        + c.violations().stream().limit(5).map(Violation::toString).collect(Collectors.joining("\n")));
  }

  /** Every invariant, the vacuous ones too (checked once, at the end: they cannot fail on the reference). */
  static void assertAllHoldNow(ReferenceView view) {
    for (Invariant<ReferenceView> i : ReferenceInvariants.ALL) {
      assertEquals(List.of(), i.violations(view), i.id() + " at the end of the run");
    }
  }

  // ---- the invariants hold ----------------------------------------------------------------------

  @ParameterizedTest(name = "{0} with {1} vCPU(s)")
  @CsvSource({"hello, 1", "cp0, 1", "user, 1", "timer, 1", "smp, 2", "disk, 1"})
  void ordinaryGuestAlone(String program, int vcpus) throws IOException {
    Disco d = boot(List.of(new Vm(program, program, vcpus, 8)));
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, v -> v, 20);
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertEquals(Integer.valueOf(0), vm(d, program).exitStatus(), program + " must halt with 0");
    assertNoViolations(c);
    assertAllHoldNow(c.view());
  }

  /**
   * Every hostile guest beside hello on its own CPU; and two of them (the spinner, which the
   * watchdog stops after time-slicing, and tlb-beyond) beside user time-sharing one CPU, whose
   * TLB is flushed and refilled at every switch between the VMs. The other six same-CPU pairs
   * are {@link #hostileBesideOrdinaryOnOneCpu}, tagged long for their time.
   */
  static Stream<Arguments> pairs() {
    List<Arguments> all = new ArrayList<>();
    for (String h : HOSTILE) {
      all.add(Arguments.of(h, "hello", false));
    }
    all.add(Arguments.of("spin-irq-off", "user", true));
    all.add(Arguments.of("tlb-beyond", "user", true));
    return all.stream();
  }

  static Stream<Arguments> sameCpuPairs() {
    return HOSTILE.stream().filter(h -> !h.equals("spin-irq-off") && !h.equals("tlb-beyond"))
        .map(h -> Arguments.of(h, "user", true));
  }

  @ParameterizedTest(name = "{0} beside {1}, same CPU: {2}")
  @MethodSource("pairs")
  void hostileBesideOrdinary(String hostile, String ordinary, boolean sameCpu) throws IOException {
    checkHostileBeside(hostile, ordinary, sameCpu);
  }

  @ParameterizedTest(name = "{0} beside {1}, same CPU: {2}")
  @MethodSource("sameCpuPairs")
  @Tag("long")
  void hostileBesideOrdinaryOnOneCpu(String hostile, String ordinary, boolean sameCpu) throws IOException {
    checkHostileBeside(hostile, ordinary, sameCpu);
  }

  void checkHostileBeside(String hostile, String ordinary, boolean sameCpu) throws IOException {
    int node = sameCpu ? 0 : -1;
    Vm x = new Vm("x", hostile, 1, hostile.equals("monitor-memory") ? 1 : 4, node);
    Vm o = new Vm("o", ordinary, 1, 8, node);
    Disco d = boot(List.of(x, o));
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, v -> v, 20);
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertEquals(sameCpu, vm(d, "x").vcpus().get(0).physicalCpu() == vm(d, "o").vcpus().get(0).physicalCpu());
    assertTrue(vm(d, "x").stopped(), "the hostile VM must end");
    assertEquals(Integer.valueOf(0), vm(d, "o").exitStatus(), "the ordinary VM must halt with 0");
    assertNoViolations(c);
    assertAllHoldNow(c.view());
  }

  /**
   * The checks have something to check: over the traps of user and disk beside each other, the
   * view shows hardware TLB entries of all three kinds (useg entries
   * made through a guest TLB, window entries, the privileged-register page), entries left on an
   * idle processor, L2TLB entries, and disk transfers in flight.
   */
  @Test
  void theChecksSeeEveryKindOfMapping() throws IOException {
    Disco d = boot(List.of(new Vm("u", "user", 1, 8, 0), new Vm("k", "disk", 1, 8, 1)));
    // No invariant: the runs above check them; this one only looks at what they are given.
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, List.of(), v -> v, 20);
    long[] seen = new long[6]; // useg, window, privileged, idle-cpu entries, L2TLB, DMAs
    ReferenceView view = c.view();
    c.before((TraceEvent e) -> {
      for (int cpu = 0; cpu < view.shape().cpus(); cpu++) {
        for (MonitorView.Translation t : view.hardwareTlb(cpu)) {
          if (view.onCpu(cpu).isEmpty()) {
            seen[3]++;
          } else if (t.vpn() == view.shape().privilegedVpn()) {
            seen[2]++;
          } else if (ReferenceInvariants.inWindow(view, t.vpn())) {
            seen[1]++;
          } else {
            seen[0]++;
          }
        }
      }
      for (int vm = 0; vm < view.shape().vms(); vm++) {
        seen[4] += view.l2Tlb(vm, 0).size();
      }
      seen[5] += view.dmasInFlight().size();
    });
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertTrue(c.checks() > 50, "only " + c.checks() + " traps");
    for (int i = 0; i < seen.length; i++) {
      assertTrue(seen[i] > 0, "kind " + i + " never seen: " + java.util.Arrays.toString(seen));
    }
  }

  /** All eight hostile guests and two ordinary ones at once, two to a CPU or more. */
  @Test
  @Tag("long")
  void allHostileGuestsAtOnce() throws IOException {
    List<Vm> vms = new ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      String h = HOSTILE.get(i);
      vms.add(new Vm("x" + i, h, 1, h.equals("monitor-memory") ? 1 : 2, i % 4));
    }
    vms.add(new Vm("h", "hello", 2, 4, 0));
    vms.add(new Vm("s", "smp", 2, 4));
    InvariantsAfterEveryTrap c = runChecked(vms, ReferenceInvariants.CHECKED, v -> v);
    assertNoViolations(c);
    assertAllHoldNow(c.view());
  }

  // ---- teeth ------------------------------------------------------------------------------------

  /** Ends the run soon after {@code c} has caught something (the rest of the run would add nothing). */
  static void stopOnceCaught(Disco d, InvariantsAfterEveryTrap c) {
    c.before((TraceEvent e) -> {
      if (c.violationCount() > 0) {
        d.vms().stream().filter(v -> !v.stopped()).forEach(v -> v.stop("the test ends the run: a violation was caught"));
      }
    });
  }

  static Set<String> ids(List<Violation> vs) {
    return vs.stream().map(Violation::id).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The first guest page {@code vm} has a machine page for, or -1. */
  static int firstMappedPage(VirtualMachine vm) {
    for (int gp = 0; gp < vm.pmap().pages(); gp++) {
      if (vm.pmap().machinePage(gp) >= 0) {
        return vm.pmap().machinePage(gp);
      }
    }
    return -1;
  }

  /**
   * A view that reports one hardware TLB entry of a processor running VM o as naming a machine
   * page of VM x: TLB-1 fails (and ISO-1 and CONF-1, since o then reaches x's page writable).
   */
  @Test
  void aViewNamingAnotherVmsPageInTheHardwareTlbFailsTlb1() throws IOException {
    Disco d = boot(List.of(new Vm("x", "hello", 1, 4), new Vm("o", "user", 1, 8)));
    int oId = vm(d, "o").id();
    Function<ReferenceMonitorView, ReferenceView> broken = real -> new ForwardingMonitorView(real) {
      @Override
      public List<Translation> hardwareTlb(int cpu) {
        List<Translation> ts = new ArrayList<>(inner.hardwareTlb(cpu));
        Optional<VcpuId> on = inner.onCpu(cpu);
        int stolen = firstMappedPage(vm(d, "x"));
        if (on.isPresent() && on.get().vm() == oId && stolen >= 0) {
          for (int i = 0; i < ts.size(); i++) {
            Translation t = ts.get(i);
            if (t.vpn() != inner.shape().privilegedVpn() && t.writable()) {
              ts.set(i, new Translation(t.vpn(), t.asid(), stolen, true));
              break;
            }
          }
        }
        return ts;
      }
    };
    InvariantsAfterEveryTrap checker = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, broken, 50);
    stopOnceCaught(d, checker);
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertTrue(checker.violationCount() > 0, "the broken view must be caught");
    Violation first = checker.violations().get(0);
    Set<String> atFirst = ids(checker.violations().stream().filter(v -> v.after() == first.after()).toList());
    assertTrue(atFirst.containsAll(Set.of("TLB-1", "ISO-1", "CONF-1")), atFirst + "\n" + first);
    assertTrue(checker.violations().stream().anyMatch(v -> v.id().equals("TLB-1")
        && v.what().contains("names machine page " + firstMappedPage(vm(d, "x")))), checker.violations().toString());
  }

  /**
   * The entries an idle processor keeps are checked too: a view that reports one of them (on the
   * CPU of VM k, idle while k waits for its disk) as naming a page of VM h fails TLB-1, and only
   * TLB-1 (the other checks see an idle processor's TLB as empty).
   */
  @Test
  void anIdleProcessorsEntryForAnotherVmsPageFailsTlb1() throws IOException {
    Disco d = boot(List.of(new Vm("h", "hello", 1, 4), new Vm("k", "disk", 1, 8)));
    Function<ReferenceMonitorView, ReferenceView> broken = real -> new ForwardingMonitorView(real) {
      @Override
      public List<Translation> hardwareTlb(int cpu) {
        List<Translation> ts = new ArrayList<>(inner.hardwareTlb(cpu));
        int stolen = firstMappedPage(vm(d, "h"));
        if (inner.onCpu(cpu).isEmpty() && stolen >= 0) {
          for (int i = 0; i < ts.size(); i++) {
            Translation t = ts.get(i);
            if (t.vpn() != inner.shape().privilegedVpn()) {
              ts.set(i, new Translation(t.vpn(), t.asid(), stolen, t.writable()));
              break;
            }
          }
        }
        return ts;
      }
    };
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, broken, 50);
    stopOnceCaught(d, c);
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertTrue(c.violationCount() > 0, "the broken view must be caught");
    assertEquals(Set.of("TLB-1"), ids(c.violations()), c.violations().get(0).toString());
    assertTrue(c.violations().get(0).what().startsWith("TLB of idle cpu "), c.violations().get(0).toString());
  }

  /**
   * The real machine's TLB corrupted mid-run: at the 50th trap, an entry giving the trapping
   * CPU's VM writable access to another VM's page is written into that CPU's hardware TLB. The
   * check after that very trap fails TLB-1, ISO-1 and CONF-1.
   */
  @Test
  void aHardwareTlbEntryForAnotherVmsPageIsCaughtAtTheNextTrap() throws IOException {
    Disco d = boot(List.of(new Vm("x", "hello", 1, 4), new Vm("o", "user", 1, 8)));
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, v -> v, 50);
    stopOnceCaught(d, c);
    int[] seen = {0};
    long[] corruptedAt = {-1};
    c.before((TraceEvent e) -> {
      if (corruptedAt[0] >= 0 || ++seen[0] < 50 || !e.vm().equals("o")) {
        return;
      }
      int stolen = firstMappedPage(vm(d, "x"));
      if (stolen < 0) {
        return;
      }
      CpuPort cpu = d.port().cpu(e.cpu());
      int asid = cpu.readCp0(10, 0) & 0xff;
      int lo = TlbEntry.entryLo((long) stolen << 12, (3 << 3) | 4 | 2);
      assertTrue(cpu.tlbWriteIndexed(0, TlbEntry.of(0x7ff0_0000, asid, lo, 0)));
      corruptedAt[0] = e.cycle();
    });
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertTrue(corruptedAt[0] >= 0, "the corruption must have happened");
    assertFalse(c.violations().isEmpty(), "the corrupted TLB must be caught");
    Violation first = c.violations().get(0);
    assertEquals(corruptedAt[0], first.after().cycle(), "caught at the trap it happened: " + first);
    Set<String> atFirst = ids(c.violations().stream().filter(v -> v.after() == first.after()).toList());
    assertTrue(atFirst.containsAll(Set.of("TLB-1", "ISO-1", "CONF-1")), atFirst + "\n" + first);
  }

  /**
   * A vCPU's L2TLB corrupted mid-run: at the 50th trap of VM o, an entry giving o writable access
   * to a page of VM x (for a virtual page o's TLB does not map) is put in o's L2TLB. TLB-2 fails
   * at that very trap, and ISO-1 and CONF-1 with it.
   */
  @Test
  void anL2TlbEntryForAnotherVmsPageIsCaughtAtTheNextTrap() throws IOException {
    Disco d = boot(List.of(new Vm("x", "hello", 1, 4), new Vm("o", "user", 1, 8)));
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, v -> v, 50);
    stopOnceCaught(d, c);
    int[] seen = {0};
    long[] corruptedAt = {-1};
    c.before((TraceEvent e) -> {
      if (corruptedAt[0] >= 0 || !e.vm().equals("o") || ++seen[0] < 50) {
        return;
      }
      int stolen = firstMappedPage(vm(d, "x"));
      var v = vm(d, "o").vcpus().get(0);
      int lo = TlbEntry.entryLo((long) stolen << 12, (3 << 3) | 4 | 2);
      v.l2tlb().insert(TlbEntry.of(0x7ff0_0000, v.cp0().asid(), lo, 0));
      corruptedAt[0] = e.cycle();
    });
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertTrue(corruptedAt[0] >= 0, "the corruption must have happened");
    assertFalse(c.violations().isEmpty(), "the corrupted L2TLB must be caught");
    Violation first = c.violations().get(0);
    assertEquals(corruptedAt[0], first.after().cycle(), "caught at the trap it happened: " + first);
    Set<String> atFirst = ids(c.violations().stream().filter(v -> v.after() == first.after()).toList());
    assertEquals(Set.of("TLB-2", "ISO-1", "CONF-1"), atFirst, first.toString());
  }

  /**
   * A view that reports a disk transfer of VM k as landing on a page of VM h: DMA-1 fails (and
   * only DMA-1: nothing else reads the DMAs).
   */
  @Test
  void aDmaOntoAnotherVmsPageFailsDma1() throws IOException {
    Disco d = boot(List.of(new Vm("h", "hello", 1, 4), new Vm("k", "disk", 1, 8)));
    int kId = vm(d, "k").id();
    Function<ReferenceMonitorView, ReferenceView> broken = real -> new ForwardingMonitorView(real) {
      @Override
      public List<Dma> dmasInFlight() {
        List<Dma> out = new ArrayList<>();
        for (Dma dma : inner.dmasInFlight()) {
          int stolen = firstMappedPage(vm(d, "h"));
          out.add(dma.vm() == kId && stolen >= 0 ? new Dma(dma.vm(), dma.guestPage(), stolen) : dma);
        }
        return out;
      }
    };
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, broken, 50);
    stopOnceCaught(d, c);
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertTrue(c.violationCount() > 0, "the broken view must be caught");
    assertEquals(Set.of("DMA-1"), ids(c.violations()), c.violations().get(0).toString());
  }

  /**
   * The memmap corrupted mid-run: at the 100th trap a free machine page is recorded as backing a
   * guest page of VM o (through a pmap that is not o's). MAP-1 fails at once (and MAP-2 and
   * MEM-1: the free page has a user); nothing failed before.
   */
  @Test
  void aCorruptMemmapIsCaughtAtTheNextTrap() throws IOException {
    Disco d = boot(List.of(new Vm("o", "hello", 1, 8)));
    InvariantsAfterEveryTrap c = InvariantsAfterEveryTrap.install(d, ReferenceInvariants.CHECKED, v -> v, 50);
    stopOnceCaught(d, c);
    int[] seen = {0};
    long[] corruptedAt = {-1};
    c.before((TraceEvent e) -> {
      if (++seen[0] != 100) {
        return;
      }
      int free = -1;
      for (int p = d.pages().totalPages() - 1; p >= 0 && free < 0; p--) {
        if (d.pages().owner(p) == disco.monitor.mem.MachinePages.FREE) {
          free = p;
        }
      }
      VirtualMachine o = vm(d, "o");
      d.memmap().add(free, o.id(), 0, new Pmap(o.pmap().pages()));
      corruptedAt[0] = e.cycle();
    });
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    assertTrue(corruptedAt[0] >= 0);
    Violation first = c.violations().get(0);
    assertEquals(corruptedAt[0], first.after().cycle(), first.toString());
    assertEquals("MAP-1", first.id(), first.toString());
    Set<String> atFirst = ids(c.violations().stream().filter(v -> v.after() == first.after()).toList());
    assertEquals(Set.of("MAP-1", "MAP-2", "MEM-1"), atFirst, first.toString());
  }

  /**
   * After a run, one pmap entry of VM o is dropped (with its memmap back-mapping) while the owner
   * table still gives o the page: MEM-1 fails (a page in use that nothing references); with a
   * hardware or L2TLB entry still naming it, TLB-1 or TLB-2 too.
   */
  @Test
  void aDroppedPmapEntryLeaksAPage() throws IOException {
    Disco d = boot(List.of(new Vm("o", "user", 1, 8)));
    assertDoesNotThrow(() -> d.run(MAX_CYCLES));
    ReferenceMonitorView view = new ReferenceMonitorView(d);
    assertAllHoldNow(view);
    VirtualMachine o = vm(d, "o");
    int page = firstMappedPage(o);
    d.memmap().remove(page, o.pmap());
    assertEquals(List.of("machine page " + page + " is in use but referenced by nothing (leaked)"),
        ReferenceInvariants.FREE_PLUS_USED.violations(view));
    assertEquals(List.of(), ReferenceInvariants.MEMMAP_MATCHES_PMAP.violations(view), "pmap and memmap still agree");
  }
}
