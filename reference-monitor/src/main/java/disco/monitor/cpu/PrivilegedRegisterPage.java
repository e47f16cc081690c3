package disco.monitor.cpu;

import disco.hw.mem.Memory;
import disco.monitor.MonitorInterface;

/**
 * The privileged-register page (paper 4.3.3): the vCPU's side-effect-free privileged registers,
 * written into its machine page whenever the vCPU is about to run, so the guest reads them with
 * ordinary loads at {@link MonitorInterface#PRIV_PAGE}. The guest's mapping of it is read-only.
 */
public final class PrivilegedRegisterPage {
  private PrivilegedRegisterPage() {}

  public static void write(Memory memory, VirtualCpu v, VirtualMachine vm) {
    VirtualCp0 c = v.cp0();
    int base = v.privilegedPage() << 12;
    put(memory, base, MonitorInterface.PRIV_STATUS, c.status());
    put(memory, base, MonitorInterface.PRIV_CAUSE, c.read(13, 0, 0));
    put(memory, base, MonitorInterface.PRIV_EPC, c.epc());
    put(memory, base, MonitorInterface.PRIV_BADVADDR, c.badVAddr());
    put(memory, base, MonitorInterface.PRIV_CONTEXT, c.context());
    put(memory, base, MonitorInterface.PRIV_ENTRYHI, c.entryHi());
    put(memory, base, MonitorInterface.PRIV_EBASE, c.ebase());
    put(memory, base, MonitorInterface.PRIV_COMPARE, c.compare());
    put(memory, base, MonitorInterface.PRIV_VCPU, v.number());
    put(memory, base, MonitorInterface.PRIV_VCPU_COUNT, vm.vcpus().size());
    put(memory, base, MonitorInterface.PRIV_MEMORY_BYTES, (int) vm.memoryBytes());
    put(memory, base, MonitorInterface.PRIV_ENTRYLO0, c.entryLo0());
    put(memory, base, MonitorInterface.PRIV_ENTRYLO1, c.entryLo1());
    put(memory, base, MonitorInterface.PRIV_INDEX, c.index());
    put(memory, base, MonitorInterface.PRIV_USERLOCAL, c.userLocal());
  }

  private static void put(Memory memory, int base, int offset, int value) {
    memory.storeWord(base + offset, value);
  }
}
