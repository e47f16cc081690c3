package disco.hw.elf;

/**
 * One program header of an ELF32 file (System V ABI, "Program Header").
 *
 * @param type p_type (1 = PT_LOAD, 7 = PT_TLS, ...)
 * @param offset p_offset: where the segment's bytes start in the file
 * @param vaddr p_vaddr
 * @param fileSize p_filesz: bytes taken from the file
 * @param memSize p_memsz: bytes in memory; the rest past fileSize is zero (.bss)
 * @param flags p_flags (PF_X = 1, PF_W = 2, PF_R = 4)
 */
public record ElfSegment(int type, long offset, int vaddr, long fileSize, long memSize, int flags) {
  public static final int PT_LOAD = 1;
  public static final int PT_INTERP = 3;
  public static final int PT_PHDR = 6;
  public static final int PT_TLS = 7;
}
