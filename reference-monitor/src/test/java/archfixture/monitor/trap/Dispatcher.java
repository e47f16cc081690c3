package archfixture.monitor.trap;

/** Breaks the trap rule (it reaches the observation) and the spec rule (it implements the view). */
public abstract class Dispatcher implements disco.spec.observe.MonitorView {
  archfixture.monitor.observe.View view;
}
