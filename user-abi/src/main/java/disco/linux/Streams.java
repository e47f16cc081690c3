package disco.linux;

import java.io.InputStream;
import java.io.OutputStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a process's standard streams go.
 *
 * @param stdin read when the program reads descriptor 0, and only then
 * @param stdout descriptor 1
 * @param stderr descriptor 2
 * @param trace if not null, one line per executed instruction, in objdump's syntax
 */
public record Streams(
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr,
    @Nullable OutputStream trace) {}
