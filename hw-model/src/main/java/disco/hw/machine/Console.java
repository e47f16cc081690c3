package disco.hw.machine;

import disco.hw.cpu.Cpu;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The console: a transmit register to the output stream and a receive queue from the input. */
final class Console implements Device {
  private final OutputStream out;
  private byte[] input;
  private int inputPos;

  Console(OutputStream out, InputStream in) {
    this.out = out;
    try {
      this.input = in.readAllBytes(); // read at start: the run must not depend on input timing
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean inputPending() {
    return inputPos < input.length;
  }

  @Override
  public @org.checkerframework.checker.nullness.qual.Nullable Integer read(Cpu cpu, int offset) {
    return switch (offset) {
      case 0x04 -> input.length - inputPos;
      case 0x08 -> inputPos < input.length ? input[inputPos++] & 0xff : -1;
      default -> null;
    };
  }

  @Override
  public boolean write(Cpu cpu, int offset, int value) {
    if (offset != 0) {
      return false;
    }
    put(value);
    return true;
  }

  /** Writes one byte, as a store to TX does. */
  void put(int value) {
    try {
      out.write(value & 0xff);
      if ((value & 0xff) == '\n') {
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next input byte, or -1 if none (the RX data register). */
  int take() {
    return inputPos < input.length ? input[inputPos++] & 0xff : -1;
  }

  int inputWaiting() {
    return input.length - inputPos;
  }

  byte[] input() {
    return input.clone();
  }

  int inputRead() {
    return inputPos;
  }

  void restoreInput(byte[] in, int read) {
    input = in.clone();
    inputPos = read;
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
