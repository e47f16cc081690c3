/* cp0: the monitor's emulation of CP0, against the MIPS32 manual (Vol. III) for kernel mode.
 * Writes EntryHi, Compare, EBase, Context, Status (IM bits), UserLocal and Index with MTC0, reads
 * each back with MFC0 and from the privileged-register page, and checks both give what the
 * manual says the register holds. Then TLBWI of entry 5, TLBR of it after clobbering the
 * registers (the same entry comes back), TLBP with its ASID (finds index 5) and with another
 * ASID (misses: Index.P set). Halts with 0 when every check passed, 1 otherwise. */
#include "lib.h"

#define VA 0x00402000u     /* an even page: the entry's VPN2 */
#define ASID 7

/* The guest-physical pages the entry names: below the image (0x10000), so inside any VM's
 * memory. Nothing is accessed through the entry. */
#define PA_EVEN 0x5000u
#define PA_ODD 0xA000u

static int failures;

/* One register: the value MFC0 gave, the page's word, both masked with `mask`, against `want`. */
static void check(const char *what, u32 by_mfc0, u32 by_page, u32 mask, u32 want)
{
  int ok = (by_mfc0 & mask) == want && (by_page & mask) == want;
  printf("%s: mfc0 0x%8x, page 0x%8x, want 0x%8x: %s\n", what, by_mfc0 & mask, by_page & mask,
         want, ok ? "ok" : "FAILED");
  failures += !ok;
}

int main(u32 vcpu)
{
  (void)vcpu;
  printf("cp0: mtc0 then mfc0 and the privileged-register page\n");

  /* EntryHi: VPN2 (31..13) and ASID (7..0) are writable, 12..8 read as zero. */
  mtc0(10, 0, 0x12347f2a);
  check("entryhi", mfc0(10, 0), PRIV(DISCO_PRIV_ENTRYHI), ~0u, 0x1234602a);

  /* Compare: all 32 bits. (Status.IE is 0: no timer interrupt is taken.) */
  mtc0(11, 0, 0x00abcdef);
  check("compare", mfc0(11, 0), PRIV(DISCO_PRIV_COMPARE), ~0u, 0x00abcdef);

  /* EBase: CPUNum (9..0) is read-only, the vCPU number; the base is kept as written. */
  mtc0(15, 1, (u32)_ebase | 0x3ff);
  check("ebase", mfc0(15, 1), PRIV(DISCO_PRIV_EBASE), ~0u, (u32)_ebase | PRIV(DISCO_PRIV_VCPU));

  /* Context: PTEBase (31..23) writable; BadVPN2 (22..4) only set by exceptions; 3..0 zero. */
  mtc0(4, 0, 0xa5b6c7d8);
  check("context", mfc0(4, 0), PRIV(DISCO_PRIV_CONTEXT), 0xff80000f, 0xa5800000);

  /* Status: the interrupt mask, with IE, EXL, ERL, KSU and BEV all zero. */
  mtc0(12, 0, 0x0000ff00);
  check("status", mfc0(12, 0), PRIV(DISCO_PRIV_STATUS), ~0u, 0x0000ff00);
  mtc0(12, 0, 0);
  check("status", mfc0(12, 0), PRIV(DISCO_PRIV_STATUS), ~0u, 0);

  /* UserLocal: all 32 bits. */
  mtc0(4, 2, 0x600dcafe);
  check("userlocal", mfc0(4, 2), PRIV(DISCO_PRIV_USERLOCAL), ~0u, 0x600dcafe);

  printf("cp0: tlbwi, tlbr, tlbp\n");
  u32 hi = VA | ASID;
  u32 lo0 = ENTRYLO(PA_EVEN) | ENTRYLO_D | ENTRYLO_V;
  u32 lo1 = ENTRYLO(PA_ODD) | ENTRYLO_V;
  mtc0(5, 0, 0);                       /* PageMask: 4 KB pages */
  mtc0(0, 0, 5);
  check("index", mfc0(0, 0), PRIV(DISCO_PRIV_INDEX), ~0u, 5);
  mtc0(10, 0, hi);
  mtc0(2, 0, lo0);
  mtc0(3, 0, lo1);
  tlb_op("tlbwi");

  mtc0(10, 0, 0x7fffe0ff);             /* clobber what TLBR must restore */
  mtc0(2, 0, 0);
  mtc0(3, 0, 0);
  mtc0(5, 0, 0x1fffe000);
  tlb_op("tlbr");                      /* Index is still 5 */
  check("tlbr entryhi", mfc0(10, 0), PRIV(DISCO_PRIV_ENTRYHI), ~0u, hi);
  check("tlbr entrylo0", mfc0(2, 0), PRIV(DISCO_PRIV_ENTRYLO0), ~0u, lo0);
  check("tlbr entrylo1", mfc0(3, 0), PRIV(DISCO_PRIV_ENTRYLO1), ~0u, lo1);
  u32 mask = mfc0(5, 0);               /* PageMask is not on the page */
  check("tlbr pagemask", mask, mask, ~0u, 0);

  mtc0(0, 0, 0);
  mtc0(10, 0, hi);
  tlb_op("tlbp");
  check("tlbp same asid", mfc0(0, 0), PRIV(DISCO_PRIV_INDEX), ~0u, 5);
  mtc0(10, 0, VA | (ASID + 1));
  tlb_op("tlbp");
  check("tlbp other asid: P", mfc0(0, 0), PRIV(DISCO_PRIV_INDEX), INDEX_P, INDEX_P);

  if (failures) {
    printf("cp0: %u checks FAILED\n", failures);
    return 1;
  }
  printf("cp0: ok\n");
  return 0;
}
