package disco.conformance.wiring;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.InstructionTracer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A mutation in a whole program or machine run, where the reference executes every instruction
 * itself: it sees each instruction before it runs and, when the mutation wants to, overwrites the
 * instruction's result before the next one runs.
 */
final class MutantTracer implements InstructionTracer {
  private final Mutation mutation;
  private @Nullable Runnable pending;

  MutantTracer(Mutation mutation) {
    this.mutation = mutation;
  }

  @Override
  public void trace(Cpu cpu, int pc, int word) {
    Runnable p = pending;
    if (p != null) {
      p.run();
    }
    pending = mutation.after(cpu, word);
  }
}
