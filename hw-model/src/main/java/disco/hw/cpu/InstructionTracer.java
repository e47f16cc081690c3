package disco.hw.cpu;

/** Sees every instruction a CPU is about to execute (for {@code --trace} and debugging). */
public interface InstructionTracer {
  void trace(Cpu cpu, int pc, int word);
}
