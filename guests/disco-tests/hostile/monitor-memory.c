/* monitor-memory: tries to reach machine memory the VM does not own.
 *  - TLB entries naming the largest PFN EntryLo holds (guest-physical 0xFFFFFF000, far beyond any
 *    VM) and the page at DISCO_PHYS_MAX (beyond the most memory a VM can have): a load through
 *    each is a Bus Error (DBE, ExcCode 7), as in tlb-beyond;
 *  - the supervisor segment just beyond its memory and just below the privileged-register page:
 *    loads there are Bus Errors, as the interface says;
 *  - every word of its physical window outside its own image, [0, 0x10000) and [image end,
 *    memory), must read 0: a VM sees only its own memory, and none of it holds another's data.
 * Exit status as in probe.h (1 also when a word outside the image is not 0). */
#include "probe.h"

extern char __image_end[];

#define VA_HUGE 0x00400000u
#define VA_MAX 0x00800000u

static u32 nonzero_words(u32 from, u32 to)
{
  u32 n = 0;
  for (const volatile u32 *p = (const u32 *)from; p < (const u32 *)to; p++)
    n += *p != 0;
  return n;
}

int main(u32 vcpu)
{
  (void)vcpu;
  set_exception_hook(probe_hook);
  u32 memory = PRIV(DISCO_PRIV_MEMORY_BYTES);

  mtc0(5, 0, 0);
  mtc0(0, 0, 0);
  mtc0(10, 0, VA_HUGE);
  mtc0(2, 0, (0xffffffu << 6) | ENTRYLO_D | ENTRYLO_V); /* PFN 0xFFFFFF */
  mtc0(3, 0, 0);
  tlb_op("tlbwi");
  mtc0(0, 0, 1);
  mtc0(10, 0, VA_MAX);
  mtc0(2, 0, ENTRYLO(DISCO_PHYS_MAX) | ENTRYLO_D | ENTRYLO_V);
  tlb_op("tlbwi");
  printf("monitor-memory: entry 0 maps 0x%8x to PFN 0xffffff, entry 1 0x%8x to 0x%8x\n",
         VA_HUGE, VA_MAX, DISCO_PHYS_MAX);
  probe_expect(PROBE_LOAD, "monitor-memory: load from", VA_HUGE, EXC_DBE);
  probe_expect(PROBE_LOAD, "monitor-memory: load from", VA_MAX, EXC_DBE);

  probe_expect(PROBE_LOAD, "monitor-memory: load from", DISCO_PHYS_BASE + memory, EXC_DBE);
  probe_expect(PROBE_LOAD, "monitor-memory: load from", DISCO_PRIV_PAGE - 4, EXC_DBE);

  u32 n = nonzero_words(DISCO_PHYS_BASE, (u32)_ebase) +
          nonzero_words((u32)__image_end, DISCO_PHYS_BASE + memory);
  printf("monitor-memory: nonzero words outside the image: %u\n", n);
  probe_differed += n != 0;
  return probe_status("monitor-memory");
}
