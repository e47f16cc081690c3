package disco.cli;

/** Exit statuses shared by every subcommand. */
final class ExitStatus {
  private ExitStatus() {}

  static final int OK = 0;
  /** Bad input, an impossible configuration, or a feature that is not built yet. */
  static final int FAILURE = 2;
}
