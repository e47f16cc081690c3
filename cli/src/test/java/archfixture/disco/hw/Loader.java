package archfixture.disco.hw;

import archfixture.disco.linux.Syscalls;

/** Deliberately wrong: the machine reaches into the operating system that runs on it. */
public class Loader {
  public int load(Syscalls s) {
    return s.hashCode();
  }
}
