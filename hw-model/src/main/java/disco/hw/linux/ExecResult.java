package disco.hw.linux;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How a program run by {@link LinuxRunner} ended.
 *
 * @param exitStatus the status a shell would see: the program's exit code, or 128 + a signal
 *     number when a fatal exception killed it (as SIGSEGV, SIGILL, SIGBUS, SIGFPE, SIGTRAP would)
 * @param stdout everything written to file descriptor 1
 * @param stderr everything written to file descriptor 2 (the program's, then any report)
 * @param instructions instructions executed
 * @param fatalReport one line describing the fatal exception (its name, PC and disassembled
 *     instruction), or null if the program exited normally
 */
public record ExecResult(
    int exitStatus, byte[] stdout, byte[] stderr, long instructions, @Nullable String fatalReport) {

  /** The status of a run stopped by its instruction limit (as `timeout` reports). */
  public static final int LIMIT_STATUS = 124;
}
