package archfixture.disco.linux;

import archfixture.disco.hw.machine.Bus;

/** Deliberately wrong: the user-ABI layer drives the machine's bus instead of the processor's port. */
public class Syscalls {
  public int write(Bus bus) {
    return bus.cycles();
  }
}
