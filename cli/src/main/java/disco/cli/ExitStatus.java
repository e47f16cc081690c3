package disco.cli;

/**
 * Exit statuses shared by every subcommand (the table in docs/cli.md). A guest's own status (the
 * halt register, a program's exit) passes through unchanged, so these can also be a guest's.
 */
final class ExitStatus {
  private ExitStatus() {}

  static final int OK = 0;
  /** {@code bench --unix}: a workload (or kbench) ended with another status than 0, or did not halt. */
  static final int GUEST_FAILED = 1;
  /** Bad input, a usage error, an impossible configuration, or a feature that is not built yet. */
  static final int FAILURE = 2;
  /** A bug: an exception nothing expected; one line on standard error, no stack trace. */
  static final int INTERNAL_ERROR = 70;
  /** Standard output was closed by its reader (SIGPIPE's 128 + 13, as a shell reports a killed writer). */
  static final int BROKEN_PIPE = 141;
}
