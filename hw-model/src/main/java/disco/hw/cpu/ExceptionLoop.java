package disco.hw.cpu;

/**
 * A CPU that can make no progress: it took exception {@code code} at {@code pc} {@code repeats}
 * times in a row without completing an instruction in between. The exception vector has nothing
 * behind it (e.g. a bus error fetching the vector itself): the state after each exception equals
 * the state before it, so the CPU would repeat it forever.
 */
public record ExceptionLoop(int code, int pc, int repeats) {
  /** One sentence, e.g. "IBE (bus error on fetch) at pc 0xbfc00380, 1000 times in a row ...". */
  public String sentence() {
    return String.format("%s at pc 0x%08x, %d times in a row with no instruction completing: the"
        + " exception vector has nothing to execute", ExcCode.name(code), pc, repeats);
  }
}
