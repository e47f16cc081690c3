package disco.hw;

/**
 * The byte order of the machine. The R4000 chose it at reset (the BE configuration bit); MIPS32
 * reports it in Config.BE. Big-endian is the default, as on the SGI machines Disco ran on.
 */
public enum Endianness {
  BIG,
  LITTLE;

  public boolean isBig() {
    return this == BIG;
  }
}
