package disco.hw.port;

/**
 * The order in which the CPUs run in one round of the machine (each a quantum). The machine's own
 * order is {@link #ROUND_ROBIN}; a model checker plugs in its own choice.
 */
@FunctionalInterface
public interface Scheduler {
  /** The CPU numbers to run in round {@code round}, in order; a CPU may be left out or repeated. */
  int[] order(long round, int cpus);

  /** CPU 0, 1, ..., n-1 every round: what {@code Machine.run} does. */
  Scheduler ROUND_ROBIN = (round, cpus) -> {
    int[] o = new int[cpus];
    for (int i = 0; i < cpus; i++) {
      o[i] = i;
    }
    return o;
  };
}
