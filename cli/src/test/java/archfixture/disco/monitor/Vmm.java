package archfixture.disco.monitor;

import archfixture.disco.hw.Cpu;

/** The monitor may use the machine; together with the fixture's Cpu this closes a cycle. */
public class Vmm {
  public Cpu cpu() {
    return new Cpu();
  }
}
