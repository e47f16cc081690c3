package disco.hw.port;

/**
 * A monitor's kernel-mode trap handler: takes every exception and interrupt of the CPUs it is
 * installed on ({@link CpuPort#install}). When it returns without resuming or halting through the
 * frame, the CPU stays at the architectural vector with EXL set.
 */
@FunctionalInterface
public interface TrapHandler {
  void trap(TrapFrame frame);
}
