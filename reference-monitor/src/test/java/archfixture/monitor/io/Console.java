package archfixture.monitor.io;

/** Breaks the io rule: a device that reaches the pmap. */
public class Console {
  archfixture.monitor.mem.Pmap pmap;
}
