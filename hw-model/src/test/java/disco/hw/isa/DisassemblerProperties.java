package disco.hw.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Totality and shape of {@link Disassembler#disassemble} over arbitrary words and addresses. */
class DisassemblerProperties {
  /**
   * objdump's shape: a mnemonic of lower-case letters, digits, dots and underscores (or the
   * {@code .word} directive), then optionally one tab and operands without leading or trailing
   * whitespace and without further tabs.
   */
  private static final Pattern SHAPE =
      Pattern.compile("(\\.word|[a-z][a-z0-9._]*)(\t\\S([^\t]*\\S)?)?");

  @Property(tries = 10_000)
  void everyWordDisassemblesToNonEmptyText(@ForAll int word, @ForAll int pc) {
    String text = Disassembler.disassemble(word, pc);
    assertFalse(text.isEmpty());
    assertTrue(SHAPE.matcher(text).matches(), () -> String.format("%08x: <%s>", word, text));
    // A null table entry that slipped into string concatenation would print as "null".
    assertFalse(text.contains("null"), text);
  }

  @Property(tries = 5_000)
  void rawWordsCarryTheWordItself(@ForAll int word, @ForAll int pc) {
    String text = Disassembler.disassemble(word, pc);
    if (text.startsWith(".word")) {
      assertEquals(".word\t0x" + Integer.toHexString(word), text);
    }
  }

  /** Only PC-relative instructions may print differently at another address. */
  @Property(tries = 10_000)
  void onlyBranchesAndJumpsDependOnTheAddress(
      @ForAll int word, @ForAll int pc1, @ForAll int pc2) {
    String a = Disassembler.disassemble(word, pc1);
    String b = Disassembler.disassemble(word, pc2);
    if (!a.equals(b)) {
      int op = word >>> 26;
      int rs = (word >>> 21) & 31;
      boolean pcRelative =
          op == 0x01 // REGIMM branches
              || (op >= 0x02 && op <= 0x07) // j, jal, beq, bne, blez, bgtz
              || (op >= 0x14 && op <= 0x17) // the likely branches
              || op == 0x1d // jalx
              || ((op == 0x11 || op == 0x12) && rs == 0x08); // bc1*, bc2*
      assertTrue(pcRelative, () -> String.format("%08x: <%s> vs <%s>", word, a, b));
    }
  }

  /** Conditional branches: the target is the delay slot's address plus the offset in words. */
  @Property(tries = 10_000)
  void branchTargetIsDelaySlotPlusOffset(
      @ForAll("branchOpcodes") int op, @ForAll int fields, @ForAll int pc) {
    int word = (op << 26) | (fields & 0x03ff_ffff);
    String text = Disassembler.disassemble(word, pc);
    if (!text.startsWith(".word")) {
      int target = pc + 4 + ((short) word << 2);
      assertTrue(text.endsWith("\t" + Integer.toHexString(target))
          || text.endsWith("," + Integer.toHexString(target)), text);
    }
  }

  /** J and JAL stay in the 256 MB region of their delay slot. */
  @Property(tries = 5_000)
  void jumpTargetIsInTheDelaySlotRegion(@ForAll boolean link, @ForAll int fields, @ForAll int pc) {
    int word = ((link ? 0x03 : 0x02) << 26) | (fields & 0x03ff_ffff);
    int target = ((pc + 4) & 0xf000_0000) | ((fields & 0x03ff_ffff) << 2);
    assertEquals((link ? "jal\t" : "j\t") + Integer.toHexString(target),
        Disassembler.disassemble(word, pc));
  }

  @Provide
  Arbitrary<Integer> branchOpcodes() {
    return Arbitraries.of(0x04, 0x05, 0x06, 0x07, 0x14, 0x15, 0x16, 0x17);
  }
}
