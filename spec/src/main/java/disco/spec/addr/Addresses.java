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

  /** Declares {@code raw} to be a guest-virtual address or page number (an {@code int}). */
  @SuppressWarnings("cast.unsafe") // the one sanctioned conversion into this space
  public static @GuestVirtual int guestVirtual(int raw) {
    return (@GuestVirtual int) raw;
  }

  /** Declares {@code raw} to be a guest-physical page number (an {@code int}). */
  @SuppressWarnings("cast.unsafe") // the one sanctioned conversion into this space
  public static @GuestPhysical int guestPage(int raw) {
    return (@GuestPhysical int) raw;
  }

  /** Declares {@code raw} to be a machine page number (an {@code int}). */
  @SuppressWarnings("cast.unsafe") // the one sanctioned conversion into this space
  public static @MachineAddr int machinePage(int raw) {
    return (@MachineAddr int) raw;
  }

  /** Declares {@code raw} to be a machine address. */
  @SuppressWarnings("cast.unsafe") // the one sanctioned conversion into this space
  public static @MachineAddr long machine(long raw) {
    return (@MachineAddr long) raw;
  }
}
