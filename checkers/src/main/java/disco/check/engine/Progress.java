package disco.check.engine;

/** Told the statistics so far, every {@link Options#progressEvery()} new states. */
@FunctionalInterface
public interface Progress {
  Progress NONE = s -> {};

  void report(Statistics soFar);
}
