package archfixture.disco.hw;

import archfixture.disco.monitor.Vmm;

/** Deliberately wrong: the machine imports the monitor (and so closes a cycle). */
public class Cpu {
  public int step(Vmm vmm) {
    return vmm.hashCode() + archfixture.disco.spec.Invariant.id();
  }
}
