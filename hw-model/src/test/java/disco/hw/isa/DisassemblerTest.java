package disco.hw.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Examples of {@link Disassembler} output that need no toolchain: one or two of every kind of
 * text objdump produces (aliases, named registers, codes, branch targets across the 2 GB line,
 * generic coprocessor forms, raw words). Each row was taken from {@code mips-linux-gnu-objdump -d}
 * on the same word at the same address ({@code <symbol>} annotation removed); {@link
 * DisassemblerObjdumpTest} does the same comparison on whole programs when the toolchain is
 * installed.
 */
class DisassemblerTest {
  @ParameterizedTest(name = "{0} @{1}: {2} {3}")
  @CsvSource(delimiter = '|', value = {
    "27bdffe0 | 7ffffff0 | addiu | sp,sp,-32",
    "8fbf001c | 7ffffff4 | lw | ra,28(sp)",
    "00000000 | 7ffffff8 | nop | ",
    "00000040 | 7ffffffc | ssnop | ",
    "000000c0 | 80000000 | ehb | ",
    "00000140 | 80000004 | pause | ",
    "00601021 | 80000008 | move | v0,v1",
    "00601025 | 8000000c | move | v0,v1",
    "00031021 | 80000010 | addu | v0,zero,v1",
    "00031023 | 80000014 | negu | v0,v1",
    "00031022 | 80000018 | neg | v0,v1",
    "00601027 | 8000001c | nor | v0,v1,zero",
    "24020005 | 80000020 | li | v0,5",
    "34020005 | 80000024 | li | v0,0x5",
    "3c02ffff | 80000028 | lui | v0,0xffff",
    "00231142 | 8000002c | ror | v0,v1,0x5",
    "00831046 | 80000030 | rorv | v0,v1,a0",
    "7c622940 | 80000034 | ext | v0,v1,0x5,0x6",
    "7c625144 | 80000038 | ins | v0,v1,0x5,0x6",
    "1000fff4 | 8000003c | b | 80000010",
    "0401fff3 | 80000040 | b | 80000010",
    "0411fff2 | 80000044 | bal | 80000010",
    "5000fff1 | 80000048 | beqzl | zero,80000010",
    "1060fff0 | 8000004c | beqz | v1,80000010",
    "5460ffec | 80000050 | bnezl | v1,80000004",
    "0c000000 | 80000054 | jal | 80000000",
    "0080f809 | 80000058 | jalr | a0",
    "00802809 | 8000005c | jalr | a1,a0",
    "0080fc09 | 80000060 | jalr.hb | a0",
    "00800408 | 80000064 | jr.hb | a0",
    "0000040f | 80000068 | sync_mb | ",
    "0000044f | 8000006c | sync_acquire | ",
    "0000004f | 80000070 | sync | 0x1",
    "008501f4 | 80000074 | teq | a0,a1,0x7",
    "000700cd | 80000078 | break | 0x7,0x3",
    "0000014c | 8000007c | syscall | 0x5",
    "0085001a | 80000080 | div | zero,a0,a1",
    "70621020 | 80000084 | clz | v0,v1",
    "72a44021 | 80000088 | clo | t0 or a0,s5",
    "7c03e83b | 8000008c | rdhwr | v1,$29",
    "7c00003b | 80000090 | rdhwr | zero,hwr_cpunum",
    "40086000 | 80000094 | mfc0 | t0,c0_status",
    "4088f807 | 80000098 | mtc0 | t0,$31,7",
    "4080c801 | 8000009c | mtc0 | zero,c0_perfcnt,1",
    "41606000 | 800000a0 | di | ",
    "41656020 | 800000a4 | ei | a1",
    "42000002 | 800000a8 | tlbwi | ",
    "42000018 | 800000ac | eret | ",
    "420001e0 | 800000b0 | wait | 0x7",
    "bc940008 | 800000b4 | cache | 0x14,8(a0)",
    "46220132 | 800000b8 | c.eq.d | $fcc1,$f0,$f2",
    "4505ffc2 | 800000bc | bc1t | $fcc1,7fffffc8",
    "4507ffc1 | 800000c0 | bc1tl | $fcc1,7fffffc8",
    "00601001 | 800000c4 | movf | v0,v1,$fcc0",
    "462d1011 | 800000c8 | movt.d | $f0,$f2,$fcc3",
    "4c462021 | 800000cc | madd.d | $f0,$f2,$f4,$f6",
    "4ca40000 | 800000d0 | lwxc1 | $f0,a0(a1)",
    "4442f800 | 800000d4 | cfc1 | v0,c1_fcsr",
    "44c20000 | 800000d8 | ctc1 | v0,c1_fir",
    "46c4102c | 800000dc | pll.ps | $f0,$f2,$f4",
    "46400000 | 800000e0 | c1 | 0x400000",
    "4a001234 | 800000e4 | c2 | 0x1234",
    "48601234 | 800000e8 | mfhc2 | zero,0x1234",
    "ffffffff | 800000ec | .word | 0xffffffff",
    "7c0c000f | 800000f4 | .word | 0x7c0c000f"
  })
  void printsWhatObjdumpPrints(String word, String pc, String mnemonic, String operands) {
    String expected = operands == null ? mnemonic : mnemonic + "\t" + operands;
    assertEquals(expected, Disassembler.disassemble(
        Integer.parseUnsignedInt(word, 16), Integer.parseUnsignedInt(pc, 16)));
  }

  /**
   * Words of the application-specific extensions objdump enables for mips32r2 (MSA, DSP, MT, EVA,
   * MIPS-3D ...) are outside this disassembler's scope: the machine model does not implement
   * them, and they print as raw words. objdump's text is in the comments.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "45600000", // bz.v $w0,...          (MSA)
    "78030000", // andi.b $w0,$w0,0x3    (MSA)
    "70141000", // madd $ac2,zero,s4     (DSP accumulator form)
    "7c110028", // lbue s1,0(zero)       (EVA)
    "41028000", // mftc0 s0,c0_entrylo0  (MT)
    "45401000", // bc1any4f $fcc0,...    (MIPS-3D)
  })
  void extensionsPrintAsRawWords(String word) {
    int w = Integer.parseUnsignedInt(word, 16);
    assertEquals(".word\t0x" + word.replaceFirst("^0+", ""), Disassembler.disassemble(w, 0x400000));
  }
}
