package disco.cli;

import disco.hw.InputFiles;
import disco.hw.machine.HeapEstimate;
import disco.hw.machine.InvalidConfigException;
import disco.hw.machine.MachineConfig;
import disco.hw.machine.MachineConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The presets and files a user names on the command line, each checked before a run starts so
 * that every problem is one line naming the file, and no result is lost to a late failure.
 */
final class UserFiles {
  private UserFiles() {}

  /** The most console input read: it is read whole at start. */
  static final long MAX_CONSOLE_INPUT_BYTES = 256L << 20;

  /**
   * {@code --machine}: a preset or a YAML/JSON file, refused when the machine it describes could
   * need more Java heap than this process may use (it would otherwise fail minutes into the run).
   */
  static MachineConfig machine(String presetOrFile) throws InvalidConfigException {
    MachineConfig c = MachineConfigFile.load(presetOrFile);
    HeapEstimate.of(c).check(presetOrFile, Runtime.getRuntime().maxMemory());
    return c;
  }

  /** The bytes of an input file (a regular file or a pipe); the message is "FILE: problem". */
  static byte[] input(Path file, long maxBytes) throws InputFiles.UnreadableFileException {
    try {
      return InputFiles.readAll(file, maxBytes);
    } catch (InputFiles.UnreadableFileException e) {
      throw new InputFiles.UnreadableFileException(file + ": " + e.problem());
    }
  }

  /**
   * Why {@code file} could not be created or overwritten, or null if it can: checked before a run
   * so that the run's outcome is not lost to an output file that cannot be written after it.
   */
  static @Nullable String unwritable(Path file) {
    if (Files.isDirectory(file)) {
      return "is a directory";
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return "no such directory " + (file.getParent() != null ? file.getParent() : parent);
    }
    if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
      return "permission denied";
    }
    return null;
  }
}
