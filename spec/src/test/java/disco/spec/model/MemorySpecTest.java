package disco.spec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MemorySpecTest {
  private static final int VMS = 3;
  private static final int PAGES = 4;
  private static final List<Integer> DISK = List.of(7, 8);

  @Test
  void readReturnsLastWriteOrDiskOrReceivedPage() {
    MemorySpec.State s = MemorySpec.initial(VMS, PAGES, DISK);
    assertEquals(new Seen.Value(0), MemorySpec.step(s, new MemorySpec.Read(0, 1)).seen());
    s = MemorySpec.step(s, new MemorySpec.Write(0, 1, 5)).next();
    assertEquals(5, s.read(0, 1));
    s = MemorySpec.step(s, new MemorySpec.DiskRead(1, 2, 1)).next();
    assertEquals(8, s.read(1, 2));
    s = MemorySpec.step(s, new MemorySpec.Send(0, 1, 2, 0)).next();
    assertEquals(5, s.read(2, 0));
    // Sharing is invisible: the receiver's write is its own.
    s = MemorySpec.step(s, new MemorySpec.Write(2, 0, 9)).next();
    assertEquals(5, s.read(0, 1));
    s = MemorySpec.step(s, new MemorySpec.Discard(0, 1)).next();
    assertEquals(0, s.read(0, 1));
  }

  @Test
  void aStoppedMachineSeesNothingMore() {
    MemorySpec.State s = MemorySpec.initial(VMS, PAGES, DISK);
    s = MemorySpec.step(s, new MemorySpec.Crash(1)).next();
    assertEquals(Seen.STOPPED, MemorySpec.step(s, new MemorySpec.Read(1, 0)).seen());
    assertEquals(Seen.STOPPED, MemorySpec.step(s, new MemorySpec.Send(1, 0, 0, 0)).seen());
  }

  /** Non-interference: an operation of one virtual machine changes no other's memory. */
  @Property
  void noOperationChangesAnotherMachinesMemory(@ForAll("ops") List<MemorySpec.Op> ops) {
    MemorySpec.State s = MemorySpec.initial(VMS, PAGES, DISK);
    for (MemorySpec.Op op : ops) {
      MemorySpec.State next = MemorySpec.step(s, op).next();
      for (int vm = 0; vm < VMS; vm++) {
        if (vm != op.vm()) {
          assertEquals(s.vms().get(vm), next.vms().get(vm), op + " changed vm " + vm);
        }
      }
      s = next;
    }
  }

  @Provide
  Arbitrary<List<MemorySpec.Op>> ops() {
    Arbitrary<Integer> vm = Arbitraries.integers().between(0, VMS - 1);
    Arbitrary<Integer> page = Arbitraries.integers().between(0, PAGES - 1);
    Arbitrary<MemorySpec.Op> op = Arbitraries.oneOf(
        Combinators.combine(vm, page, Arbitraries.integers().between(1, 9)).as(MemorySpec.Write::new),
        Combinators.combine(vm, page).as(MemorySpec.Read::new),
        Combinators.combine(vm, page, Arbitraries.integers().between(0, DISK.size() - 1)).as(MemorySpec.DiskRead::new),
        Combinators.combine(vm, page, vm, page).as(MemorySpec.Send::new),
        Combinators.combine(vm, page).as(MemorySpec.Discard::new),
        vm.map(MemorySpec.Crash::new),
        Arbitraries.just(new MemorySpec.Placement("migrate")));
    return op.list().ofMaxSize(60);
  }
}
