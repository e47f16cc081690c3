package disco.spec.addr;

/**
 * The only doors from raw numbers into the typed address spaces. Each call site that uses one is
 * a place where code asserts which space a number belongs to, so keep them few and obvious: a
 * device register decoded, an ELF segment loaded, a pmap entry read.
 */
public final class Addresses {
  private Addresses() {}

  /** Declares {@code raw} to be a guest-virtual address. */
  @SuppressWarnings("cast.unsafe") // the one sanctioned conversion into this space
  public static @GuestVirtual long guestVirtual(long raw) {
    return (@GuestVirtual long) raw;
  }

  /** Declares {@code raw} to be a guest-physical address. */
  @SuppressWarnings("cast.unsafe") // the one sanctioned conversion into this space
  public static @GuestPhysical long guestPhysical(long raw) {
    return (@GuestPhysical long) raw;
  }

  /** Declares {@code raw} to be a machine address. */
  @SuppressWarnings("cast.unsafe") // the one sanctioned conversion into this space
  public static @MachineAddr long machine(long raw) {
    return (@MachineAddr long) raw;
  }
}
