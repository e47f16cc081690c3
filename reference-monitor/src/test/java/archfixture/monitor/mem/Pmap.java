package archfixture.monitor.mem;

/** Breaks the mem rule: a pmap that reaches a virtual CPU (and, with it, a cycle mem - cpu). */
public class Pmap {
  archfixture.monitor.cpu.Vcpu owner;
}
