package disco.monitor.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A VM's console (paper 4.2.4: devices are simulated by the monitor): the bytes its guest writes are
 * kept whole for the VM and passed on to the host's output a line at a time, each line prefixed
 * with the VM's name so that several VMs' output stays readable; its input is given up front.
 */
public final class VirtualConsole {
  private final String prefix;
  private final ByteArrayOutputStream all = new ByteArrayOutputStream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final OutputStream host;
  private final byte[] input;
  private int inputAt;

  /** @param prefix put before each line on the host's output ("" for none) */
  public VirtualConsole(String prefix, OutputStream host, byte[] input) {
    this.prefix = prefix;
    this.host = host;
    this.input = input.clone();
  }

  public void put(int b) {
    all.write(b);
    line.write(b);
    if (b == '\n') {
      flush();
    }
  }

  /** The next input byte, or -1. */
  public int take() {
    return inputAt < input.length ? input[inputAt++] & 0xff : -1;
  }

  /** Passes a partly written line to the host (at the end of a run). */
  public void flush() {
    if (line.size() == 0) {
      return;
    }
    try {
      host.write(prefix.getBytes(StandardCharsets.UTF_8));
      line.writeTo(host);
      host.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.reset();
  }

  /** Adds a line the monitor itself says about this VM (why it stopped), marked as the monitor's. */
  public void monitorSays(String text) {
    flush();
    byte[] b = ("disco: " + text + "\n").getBytes(StandardCharsets.UTF_8);
    all.write(b, 0, b.length);
    line.write(b, 0, b.length);
    flush();
  }

  /** Everything the VM wrote, without prefixes. */
  public byte[] output() {
    return all.toByteArray();
  }

  public String outputText() {
    return all.toString(StandardCharsets.UTF_8);
  }
}
