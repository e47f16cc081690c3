package archfixture.monitor.cpu;

/** Breaks the cpu rule: a virtual CPU that reaches the dispatcher; its pmap makes the cycle. */
public class Vcpu {
  archfixture.monitor.mem.Pmap pmap;
  archfixture.monitor.trap.Dispatcher dispatcher;
}
