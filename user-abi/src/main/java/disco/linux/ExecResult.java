package disco.linux;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * @param unknownCalls the system calls the layer does not serve (each returned ENOSYS), by
 *     number, with how often each was made
 */
public record ExecResult(
    int exitStatus, byte[] stdout, byte[] stderr, long instructions, @Nullable String fatalReport,
    SortedMap<Integer, Integer> unknownCalls) {

  public ExecResult {
    unknownCalls = Collections.unmodifiableSortedMap(new TreeMap<>(unknownCalls));
  }

  /** The status of a run stopped by its instruction limit (as `timeout` reports). */
  public static final int LIMIT_STATUS = 124;
}
