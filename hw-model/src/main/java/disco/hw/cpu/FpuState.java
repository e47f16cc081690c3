package disco.hw.cpu;

/** CP1: the 32 64-bit registers, Status.FR as the FPU sees it, and FCSR. */
public record FpuState(long[] fpr, boolean fr, int fcsr) {}
