/* kseg0: the guest kernel runs in supervisor mode, so kseg0, kseg1 and kseg3 are out of its
 * reach: a load from each is an Address Error (load), ExcCode 4, reflected to EBase + 0x180 with
 * BadVAddr = the address. A monitor that ran the guest in kernel mode would let the loads read
 * machine memory. Exit status as in probe.h. */
#include "probe.h"

int main(u32 vcpu)
{
  (void)vcpu;
  set_exception_hook(probe_hook);
  probe_expect(PROBE_LOAD, "kseg0: load from", 0x80000000, EXC_ADEL);
  probe_expect(PROBE_LOAD, "kseg1: load from", 0xA0000000, EXC_ADEL);
  probe_expect(PROBE_LOAD, "kseg3: load from", 0xE0000000, EXC_ADEL);
  return probe_status("kseg0");
}
