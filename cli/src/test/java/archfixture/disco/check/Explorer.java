package archfixture.disco.check;

import archfixture.disco.hw.Cpu;

/** Deliberately wrong: a checker outside the wiring package reaches the machine. */
public class Explorer {
  public int explore() {
    return new Cpu().hashCode();
  }
}
