package disco.check.harness;

import disco.check.engine.Harness;
import disco.check.engine.Permutations;
import disco.check.engine.TransitionCheck;
import disco.spec.invariant.Invariant;
import disco.spec.model.GuestTlbSpec;
import disco.spec.model.GuestViewSpec;
import disco.spec.model.MemorySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The abstract spec against itself: {@link GuestViewSpec} explored exhaustively from a small shape,
 * checking at every transition the promises the spec makes in words: an operation of one virtual
 * machine changes no other virtual machine's memory or TLB (isolation); placement changes nothing;
 * a stopped virtual machine stays stopped; and a load returns what the state holds.
 */
public final class SpecHarness implements Harness<GuestViewSpec.State, GuestViewSpec.Op> {
  private final GuestViewSpec.Shape shape;
  private final List<Integer> disk;
  private final List<Integer> values;
  private final int vpns;
  private final List<int[]> permutations;

  public SpecHarness(int vms, int guestPages, int vpns, List<Integer> disk, List<Integer> values) {
    this.shape = new GuestViewSpec.Shape(vms, 1, guestPages, 1, 0, vpns);
    this.disk = List.copyOf(disk);
    this.values = List.copyOf(values);
    this.vpns = vpns;
    this.permutations = Permutations.of(vms);
  }

  /** Two virtual machines, two pages each, one virtual page, one disk block. */
  public static SpecHarness small() {
    return new SpecHarness(2, 2, 1, List.of(7), List.of(1));
  }

  @Override
  public String name() {
    return "spec";
  }

  @Override
  public GuestViewSpec.State initial() {
    return GuestViewSpec.initial(shape, disk);
  }

  @Override
  public List<GuestViewSpec.Op> enabled(GuestViewSpec.State s) {
    List<GuestViewSpec.Op> out = new ArrayList<>();
    for (int vm = 0; vm < shape.vms(); vm++) {
      for (int vpn = 0; vpn <= vpns; vpn++) {
        out.add(new GuestViewSpec.Load(vm, 0, vpn));
        for (int v : values) {
          out.add(new GuestViewSpec.Store(vm, 0, vpn, v));
        }
      }
      for (int vpn = 0; vpn < vpns; vpn++) {
        for (int gp = 0; gp < shape.guestPages(); gp++) {
          for (boolean dirty : new boolean[] {false, true}) {
            GuestTlbSpec.Entry e = new GuestTlbSpec.Entry(vpn, 0, false, gp, true, dirty);
            out.add(new GuestViewSpec.Tlb(vm, 0, new GuestTlbSpec.WriteIndexed(0, e)));
          }
        }
      }
      for (int gp = 0; gp < shape.guestPages(); gp++) {
        for (int b = 0; b < disk.size(); b++) {
          out.add(memory(new MemorySpec.DiskRead(vm, gp, b)));
        }
        for (int to = 0; to < shape.vms(); to++) {
          for (int tp = 0; tp < shape.guestPages(); tp++) {
            if (to != vm) {
              out.add(memory(new MemorySpec.Send(vm, gp, to, tp)));
            }
          }
        }
        out.add(memory(new MemorySpec.Discard(vm, gp)));
      }
      out.add(memory(new MemorySpec.Crash(vm)));
    }
    out.add(memory(new MemorySpec.Placement("migrate")));
    return out;
  }

  private static GuestViewSpec.Op memory(MemorySpec.Op op) {
    return new GuestViewSpec.Memory(op);
  }

  @Override
  public GuestViewSpec.State step(GuestViewSpec.State s, GuestViewSpec.Op op) {
    return GuestViewSpec.outcomes(shape, s, op).get(0).next();
  }

  @Override
  public String label(GuestViewSpec.Op op) {
    return op.toString();
  }

  @Override
  public long[] encode(GuestViewSpec.State s) {
    return encode(s, Permutations.identity(shape.vms()));
  }

  private long[] encode(GuestViewSpec.State s, int[] perm) {
    int[] inverse = new int[perm.length];
    for (int vm = 0; vm < perm.length; vm++) {
      inverse[perm[vm]] = vm;
    }
    List<Long> out = new ArrayList<>();
    for (int newVm = 0; newVm < shape.vms(); newVm++) {
      int vm = inverse[newVm];
      MemorySpec.Vm m = s.memory().vms().get(vm);
      out.add(m.running() ? 1L : 0L);
      for (int v : m.memory()) {
        out.add((long) v);
      }
      for (GuestTlbSpec.Entry e : s.tlb(vm, 0).entries()) {
        out.add((long) e.vpn() << 32 | (long) e.asid() << 16 | e.guestPage());
        out.add((e.global() ? 4L : 0) | (e.valid() ? 2 : 0) | (e.dirty() ? 1 : 0));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public boolean symmetric() {
    return true;
  }

  @Override
  public long[] canonical(GuestViewSpec.State s) {
    List<long[]> all = new ArrayList<>();
    for (int[] p : permutations) {
      all.add(encode(s, p));
    }
    return Permutations.least(all);
  }

  @Override
  public List<Invariant<GuestViewSpec.State>> invariants() {
    return List.of(new Invariant<>("SPEC-1", "A stopped virtual machine's memory is all zeros.", s -> {
      List<String> out = new ArrayList<>();
      for (int vm = 0; vm < shape.vms(); vm++) {
        MemorySpec.Vm m = s.memory().vms().get(vm);
        if (!m.running() && m.memory().stream().anyMatch(v -> v != 0)) {
          out.add("stopped vm " + vm + " keeps memory " + m.memory());
        }
      }
      return out;
    }));
  }

  @Override
  public List<TransitionCheck<GuestViewSpec.State, GuestViewSpec.Op>> transitionChecks() {
    return List.of(new TransitionCheck<>("SPEC-2",
        "An operation changes the memory and TLB of its own virtual machine only; placement changes nothing;"
            + " a stopped virtual machine stays stopped.",
        (before, op, after) -> {
          List<String> out = new ArrayList<>();
          int own = owner(op);
          for (int vm = 0; vm < shape.vms(); vm++) {
            boolean same = before.memory().vms().get(vm).equals(after.memory().vms().get(vm))
                && before.tlbs().get(vm).equals(after.tlbs().get(vm));
            if (vm != own && !same) {
              out.add(op + " changed vm " + vm);
            }
            if (!before.memory().vms().get(vm).running() && after.memory().vms().get(vm).running()) {
              out.add(op + " restarted vm " + vm);
            }
          }
          return out;
        }));
  }

  private static int owner(GuestViewSpec.Op op) {
    if (op instanceof GuestViewSpec.Load l) {
      return l.vm();
    } else if (op instanceof GuestViewSpec.Store s) {
      return s.vm();
    } else if (op instanceof GuestViewSpec.Tlb t) {
      return t.vm();
    }
    return ((GuestViewSpec.Memory) op).op().vm();
  }

  @Override
  public SortedMap<String, String> describe(GuestViewSpec.State s) {
    SortedMap<String, String> m = new TreeMap<>();
    for (int vm = 0; vm < shape.vms(); vm++) {
      MemorySpec.Vm v = s.memory().vms().get(vm);
      m.put("vm" + vm + ".memory", (v.running() ? "" : "stopped ") + v.memory());
      m.put("vm" + vm + ".tlb", s.tlb(vm, 0).entries().toString());
    }
    return m;
  }
}
