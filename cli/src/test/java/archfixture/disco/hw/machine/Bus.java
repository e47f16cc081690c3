package archfixture.disco.hw.machine;

/** An internal of the machine, which the user-ABI layer must not touch. */
public class Bus {
  public int cycles() {
    return 1;
  }
}
