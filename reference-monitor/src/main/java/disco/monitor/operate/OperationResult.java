package disco.monitor.operate;

import disco.monitor.trap.TraceEvent;
import java.util.List;
import java.util.OptionalInt;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What an operation came to.
 *
 * @param completed the instruction completed (false: the guest took an exception, which its virtual
 *     CP0 now shows, or its VM was stopped)
 * @param value a load's word, or a monitor call's result ($v0)
 * @param excCode the ExcCode the guest's handler received (virtual Cause), or -1
 * @param vector where the guest's handler starts (its vector), when {@code excCode >= 0}
 * @param monitor what Disco did on each trap the operation caused, in order (as the trace prints it)
 * @param stopReason why the operation's VM is stopped, if it is
 */
public record OperationResult(boolean completed, OptionalInt value, int excCode, int vector, List<TraceEvent> monitor,
    @Nullable String stopReason) {}
