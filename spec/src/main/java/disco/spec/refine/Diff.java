package disco.spec.refine;

import disco.spec.model.GuestViewSpec;
import disco.spec.model.MemorySpec;
import java.util.ArrayList;
import java.util.List;

/** Where two abstract states differ, as short sentences, for counterexamples. */
final class Diff {
  private Diff() {}

  static String of(GuestViewSpec.State expected, GuestViewSpec.State actual) {
    List<String> d = new ArrayList<>();
    List<MemorySpec.Vm> e = expected.memory().vms();
    List<MemorySpec.Vm> a = actual.memory().vms();
    for (int vm = 0; vm < e.size(); vm++) {
      if (e.get(vm).running() != a.get(vm).running()) {
        d.add("vm " + vm + " running " + a.get(vm).running() + " (spec " + e.get(vm).running() + ")");
      }
      for (int p = 0; p < e.get(vm).memory().size(); p++) {
        int x = e.get(vm).memory().get(p);
        int y = a.get(vm).memory().get(p);
        if (x != y) {
          d.add("vm " + vm + " page " + p + " = " + y + " (spec " + x + ")");
        }
      }
      if (!expected.tlbs().get(vm).equals(actual.tlbs().get(vm))) {
        d.add("vm " + vm + " virtual TLB " + actual.tlbs().get(vm) + " (spec " + expected.tlbs().get(vm) + ")");
      }
    }
    return d.isEmpty() ? "no difference" : String.join(", ", d);
  }
}
