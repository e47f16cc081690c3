package archfixture.monitor.observe;

/** The observation: allowed to reach everything. */
public class View {
  archfixture.monitor.trap.Dispatcher dispatcher;
}
