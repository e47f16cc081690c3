package disco.monitor.cpu;

/**
 * A privileged instruction a guest kernel executed in supervisor mode, decoded from the word that
 * trapped (Coprocessor Unusable, CE = 0). One record per instruction of MIPS32 Vol. II that Disco
 * emulates (paper 4.2.1); {@link Unknown} for a word that is none of them (reflected as a Reserved
 * Instruction exception).
 */
public sealed interface Cp0Instruction {
  record Mfc0(int rt, int rd, int sel) implements Cp0Instruction {}

  record Mtc0(int rt, int rd, int sel) implements Cp0Instruction {}

  /** DI (enable = false) or EI: rt gets the old Status, then IE changes. */
  record SetInterruptEnable(int rt, boolean enable) implements Cp0Instruction {}

  record Tlbr() implements Cp0Instruction {}

  record Tlbwi() implements Cp0Instruction {}

  record Tlbwr() implements Cp0Instruction {}

  record Tlbp() implements Cp0Instruction {}

  record Eret() implements Cp0Instruction {}

  record Wait() implements Cp0Instruction {}

  /** CACHE: the machine's caches hold no state software can see, so it has no effect. */
  record Cache() implements Cp0Instruction {}

  record Unknown(int word) implements Cp0Instruction {}

  /** Decodes {@code word} (Vol. II, the COP0 opcode table and CACHE). */
  public static Cp0Instruction decode(int word) {
    int opcode = word >>> 26;
    if (opcode == 0x2f) {
      return new Cache();
    }
    if (opcode != 0x10) {
      return new Unknown(word);
    }
    int rs = (word >>> 21) & 0x1f;
    int rt = (word >>> 16) & 0x1f;
    int rd = (word >>> 11) & 0x1f;
    if ((rs & 0x10) != 0) { // CO = 1: the function field names the operation
      return switch (word & 0x3f) {
        case 0x01 -> new Tlbr();
        case 0x02 -> new Tlbwi();
        case 0x06 -> new Tlbwr();
        case 0x08 -> new Tlbp();
        case 0x18 -> new Eret();
        case 0x20 -> new Wait();
        default -> new Unknown(word);
      };
    }
    return switch (rs) {
      case 0x00 -> new Mfc0(rt, rd, word & 7);
      case 0x04 -> new Mtc0(rt, rd, word & 7);
      case 0x0b -> (word & 0xffe0) == 0x6000 || (word & 0xffe0) == 0x6020
          ? new SetInterruptEnable(rt, (word & 0x20) != 0) : new Unknown(word);
      default -> new Unknown(word);
    };
  }
}
