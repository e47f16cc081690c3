package disco.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import disco.hw.InputFiles;
import disco.hw.machine.MachineStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code disco report}: prints the statistics a run saved with {@code --stats-json} as a table. */
@Command(name = "report", description = "Print the statistics a run saved with `disco run --stats-json` as a table.")
final class ReportCommand implements Callable<Integer> {
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "STATS.json", description = "A file written by disco run --stats-json.")
  @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  Path file;

  /** The largest statistics file read: a run of 512 CPUs writes about 100 KB. */
  static final long MAX_FILE_BYTES = 64L << 20;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MachineStats stats;
    try {
      stats = new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .readValue(UserFiles.input(file, MAX_FILE_BYTES), MachineStats.class);
    } catch (InputFiles.UnreadableFileException e) {
      err.println("disco report: " + e.getMessage());
      return ExitStatus.FAILURE;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? "field '" + path(m) + "': " : "";
      err.println("disco report: " + file + ": not a statistics file" + where + ": " + field
          + e.getOriginalMessage().lines().findFirst().orElse("").replaceFirst(" \\(set DeserializationConfig.*", ""));
      return ExitStatus.FAILURE;
    } catch (IOException e) {
      err.println("disco report: " + file + ": cannot be read: " + InputFiles.problem(e));
      return ExitStatus.FAILURE;
    }
    if (stats == null || stats.cpus() == null) {
      err.println("disco report: " + file + ": not a statistics file (no cpus)");
      return ExitStatus.FAILURE;
    }
    out.print(stats.table());
    return ExitStatus.OK;
  }

  /** Where in the file a mapping failed, as {@code cpus[0].instructions}. */
  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      String name = r.getFieldName();
      b.append(name != null ? (b.length() == 0 ? "" : ".") + name : "[" + r.getIndex() + "]");
    }
    return b.toString();
  }
}
