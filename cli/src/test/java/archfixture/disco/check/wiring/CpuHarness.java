package archfixture.disco.check.wiring;

import archfixture.disco.hw.Cpu;

/** Allowed: the wiring package is where a checker may reach the machine. */
public class CpuHarness {
  public Cpu cpu() {
    return new Cpu();
  }
}
