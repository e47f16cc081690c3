/* tlb-beyond: a TLB entry whose guest-physical PFN is the first page beyond the VM's memory.
 * TLBWI itself is accepted (the hardware does not check PFNs); the monitor must never map the
 * page. A load and a store through the entry must end as they would on hardware with no memory
 * behind the address: a Bus Error on data (DBE, ExcCode 7) reflected to EBase + 0x180. Exit status
 * as in probe.h: 1 if the monitor reflected something else (a TLB refill or invalid, say), 2 if
 * an access completed. */
#include "probe.h"

#define VA 0x00400000u

int main(u32 vcpu)
{
  (void)vcpu;
  set_exception_hook(probe_hook);
  u32 beyond = PRIV(DISCO_PRIV_MEMORY_BYTES);
  printf("tlb-beyond: entry 0 maps 0x%8x to the first page beyond memory\n", VA);
  mtc0(5, 0, 0);                                        /* PageMask: 4 KB */
  mtc0(0, 0, 0);                                        /* Index 0 */
  mtc0(10, 0, VA);                                      /* EntryHi: ASID 0, the current one */
  mtc0(2, 0, ENTRYLO(beyond) | ENTRYLO_D | ENTRYLO_V);
  mtc0(3, 0, 0);
  tlb_op("tlbwi");
  probe_expect(PROBE_LOAD, "tlb-beyond: load from", VA, EXC_DBE);
  probe_expect(PROBE_STORE, "tlb-beyond: store to", VA, EXC_DBE);
  return probe_status("tlb-beyond");
}
