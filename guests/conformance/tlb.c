/*
 * tlb: the TLB as a monitor uses it (MIPS32 Vol. III, "TLB-Based Virtual Address Translation" and
 * the TLB instructions): refill (no entry, EBase + 0x000) against invalid (V = 0, general vector)
 * and modified (D = 0 on a store, general vector); BadVAddr, Context.BadVPN2 (PTEBase kept) and
 * EntryHi.VPN2 (ASID kept) after each; ASID match and mismatch, the global bit (the AND of both
 * halves' G), a 16 KB page; TLBP hit and miss (Index.P), TLBR of what TLBWI wrote, TLBWR above Wired;
 * the bits of Context, EntryHi and BadVAddr that software can write; a load or store again after
 * TLBWI rewrote its entry (another frame, D clear, V clear) or after EntryHi's ASID changed, with
 * EHB between (the instruction vectors data.tlbwi-remap.*, data.tlbwi-clean.store,
 * data.tlbwi-invalid.*, data.asid-change.load).
 */
#include "rt.h"

#define USER_VA 0x00400000u

static void kload(const char *what, u32 va)
{
  u32 pc = AT((u32)__user_page, s_lw);
  clear_exc();
  u32 v = enter(pc, 0, va, 0);
  printf("%s lw %08x: ", what, va);
  report("", pc, 4);
  if (exc.count == 1 && ((exc.cause >> 2) & 31) == 8)
    printf("%s lw %08x value: %08x\n", what, va, v);
  else
    printf("%s lw %08x: context=%08x entryhi=%08x\n", what, va, exc.context, exc.entryhi);
}

static void kstore(const char *what, u32 va)
{
  u32 pc = AT((u32)__user_page, s_sw);
  clear_exc();
  enter(pc, 0, va, 0x77);
  printf("%s sw %08x: ", what, va);
  report("", pc, 4);
  if (!(exc.count == 1 && ((exc.cause >> 2) & 31) == 8))
    printf("%s sw %08x: context=%08x entryhi=%08x\n", what, va, exc.context, exc.entryhi);
}

static u32 probe(u32 hi)
{
  u32 old = mfc0(10, 0);
  mtc0(10, 0, hi);
  __asm__ __volatile__("tlbp\n\tehb" ::: "memory");
  u32 index = mfc0(0, 0);
  mtc0(10, 0, old);
  return index;
}

static void read_entry(u32 index)
{
  u32 old = mfc0(10, 0);
  mtc0(0, 0, index);
  __asm__ __volatile__("tlbr\n\tehb" ::: "memory");
  printf("tlbr %u: entryhi=%08x entrylo0=%08x entrylo1=%08x pagemask=%08x\n", index, mfc0(10, 0),
         mfc0(2, 0), mfc0(3, 0), mfc0(5, 0));
  mtc0(10, 0, old);
}

/* The remap cases, as the instruction vectors do them: page 0x00500000 mapped by entry 5 for ASID 5
 * (old frame), then one access; Index, EntryHi, EntryLo0, EntryLo1; EHB; TLBWI; EHB (or only
 * EntryHi, another ASID, and EHB); the access again. Each snippet takes a0 = a struct remap, loads
 * its operands, and from label *_at on is the vector's sequence word for word (no compiler between
 * the accesses, the MTC0s and the hazard barriers); a load's values are v0 (returned by enter(),
 * even when the second access faults) and .second. */
struct remap {
  u32 va, index, hi, lo0, lo1, w0, w1, second;
};
extern char remap_lw[], remap_lw_at[], remap_lw_end[], remap_sw[], remap_sw_at[], remap_sw_end[],
    asid_lw[], asid_lw_at[], asid_lw_end[];
__asm__(
    "        .pushsection .text.remap, \"ax\", @progbits\n"
    "        .set push\n"
    "        .set noreorder\n"
    "        .macro remap_operands\n"
    "        lw    $8, 0($4)\n"              /* va */
    "        lw    $9, 4($4)\n"              /* Index */
    "        lw    $10, 8($4)\n"             /* EntryHi */
    "        lw    $11, 12($4)\n"            /* EntryLo0 */
    "        lw    $12, 16($4)\n"            /* EntryLo1 */
    "        lw    $13, 20($4)\n"            /* the first store's word */
    "        lw    $14, 24($4)\n"            /* the second's */
    "        .endm\n"
    "        .macro rewrite_entry\n"
    "        mtc0  $9, $0\n"
    "        mtc0  $10, $10\n"
    "        mtc0  $11, $2\n"
    "        mtc0  $12, $3\n"
    "        ehb\n"
    "        tlbwi\n"
    "        ehb\n"
    "        .endm\n"
    "remap_lw:\n"
    "        remap_operands\n"
    "remap_lw_at:\n"
    "        lw    $2, 0($8)\n"
    "        rewrite_entry\n"
    "        lw    $3, 0($8)\n"
    "        sw    $3, 28($4)\n"
    "remap_lw_end:\n"
    "        syscall\n"
    "remap_sw:\n"
    "        remap_operands\n"
    "remap_sw_at:\n"
    "        sw    $13, 0($8)\n"
    "        rewrite_entry\n"
    "        sw    $14, 4($8)\n"
    "remap_sw_end:\n"
    "        syscall\n"
    "asid_lw:\n"
    "        remap_operands\n"
    "asid_lw_at:\n"
    "        lw    $2, 0($8)\n"
    "        mtc0  $10, $10\n"
    "        ehb\n"
    "        lw    $3, 0($8)\n"
    "        sw    $3, 28($4)\n"
    "asid_lw_end:\n"
    "        syscall\n"
    "        .set pop\n"
    "        .popsection\n");

#define REMAP_VA 0x00500000u
#define OLD_FRAME PAGE_DATA(4) /* entry 5, ASID 5; PAGE_DATA(5) the odd page */
#define NEW_FRAME PAGE_DATA(6) /* entry 6, ASID 6; PAGE_DATA(7) the odd page */

/* Runs one remap case: code from `code`, the vector's sequence from `at`, SYSCALL at `end`; the
 * rewrite (unless the ASID case) writes entry 5 with EntryHi = hi and EntryLo0 = lo0. Prints the
 * outcome, a load's values, the exception's Context and EntryHi, and words 0 and 1 of both frames. */
static void remap_case(const char *what, const char *code, const char *at, const char *end, u32 hi,
                       u32 lo0, int load)
{
  volatile u32 *old = (volatile u32 *)UNCACHED(OLD_FRAME), *new = (volatile u32 *)UNCACHED(NEW_FRAME);
  old[0] = 0x1111;
  old[1] = 0;
  new[0] = 0x2222;
  new[1] = 0;
  tlb_write(5, REMAP_VA | 5, LO(OLD_FRAME, 1, 1, 0), LO(PAGE_DATA(5), 1, 1, 0), 0);
  tlb_write(6, REMAP_VA | 6, LO(NEW_FRAME, 1, 1, 0), LO(PAGE_DATA(7), 1, 1, 0), 0);
  mtc0(4, 0, 0); /* Context.PTEBase 0: Context is BadVPN2 alone */
  set_asid(5);
  struct remap r = {REMAP_VA, 5, hi, lo0, LO(PAGE_DATA(5), 1, 1, 0), 0x11111111u, 0x22222222u, 0};
  clear_exc();
  u32 first = enter((u32)code, 0, (u32)&r, 0);
  set_asid(0);
  u32 ok = exc.count == 1 && ((exc.cause >> 2) & 31) == 8;
  report(what, (u32)at, (u32)(end - at));
  if (load && ok)
    printf("%s: read %08x, then %08x\n", what, first, r.second);
  else if (load)
    printf("%s: read %08x\n", what, first);
  if (!ok)
    printf("%s: context=%08x entryhi=%08x\n", what, exc.context, exc.entryhi);
  printf("%s: old frame %08x %08x, new frame %08x %08x\n", what, old[0], old[1], new[0], new[1]);
}

int main(void)
{
  tlb_reset();
  mark_pages();
  map_user_page();
  /* 1: 0x00600000 -> page 2 valid but clean (D = 0), 0x00601000 invalid */
  tlb_write(1, 0x00600000u, LO(PAGE_DATA(2), 0, 1, 1), LO(PAGE_DATA(3), 1, 0, 1), 0);
  /* 2: 0x00a00000, ASID 5, not global -> pages 4 and 5 */
  tlb_write(2, 0x00a00005u, LO(PAGE_DATA(4), 1, 1, 0), LO(PAGE_DATA(5), 1, 1, 0), 0);
  /* 3: 0x00c00000, ASID 7, global -> pages 6 and 7 */
  tlb_write(3, 0x00c00007u, LO(PAGE_DATA(6), 1, 1, 1), LO(PAGE_DATA(7), 1, 1, 1), 0);
  /* 4: 0x00e00000, ASID 7, G only in EntryLo0: not global */
  tlb_write(4, 0x00e00007u, LO(PAGE_DATA(6), 1, 1, 1), LO(PAGE_DATA(7), 1, 1, 0), 0);
  /* 5: 0x01000000, 16 KB pages: even -> physical 0x100000, odd -> 0x104000 */
  tlb_write(5, 0x01000000u, LO(PAGE_DATA(0), 1, 1, 1), LO(PAGE_DATA(4), 1, 1, 1), 0x6000);

  mtc0(4, 0, 0xff800000u); /* Context.PTEBase */
  kload("clean page", 0x00600000u);
  kstore("clean page", 0x00600004u);
  kload("invalid page", 0x00601008u);
  kstore("invalid page", 0x0060100cu);
  kload("no entry", 0x00800010u);
  kstore("no entry", 0x0087e014u);
  mtc0(4, 0, 0x00800000u);
  kload("no entry, other PTEBase", 0x7ffff018u);

  set_asid(5);
  kload("asid 5", 0x00a00000u);
  kload("asid 5", 0x00a01000u);
  kload("asid 5 not-global", 0x00e00000u);
  set_asid(6);
  kload("asid 6", 0x00a00000u);
  kload("asid 6 global", 0x00c01000u);
  set_asid(7);
  kload("asid 7", 0x00e01000u);
  set_asid(0);
  kload("16k", 0x01000000u);
  kload("16k", 0x01002000u);
  kload("16k", 0x01004000u);
  kload("16k", 0x01006000u);

  /* user mode: a clean page is writable by nobody, an invalid one readable by nobody */
  tlb_write(6, 0x00600000u + 0x2000, LO(PAGE_DATA(2), 0, 1, 1), LO(PAGE_DATA(3), 1, 0, 1), 0);
  u32 pc = AT(USER_VA, s_sw);
  clear_exc();
  enter(pc, ST_KSU_USER, 0x00602000u, 1);
  report("user sw clean page", pc, 4);
  pc = AT(USER_VA, s_lw);
  clear_exc();
  enter(pc, ST_KSU_USER, 0x00603000u, 1);
  report("user lw invalid page", pc, 4);

  printf("tlbp 0x00600000: index=%08x\n", probe(0x00600000u));
  printf("tlbp 0x00a00005: index=%08x\n", probe(0x00a00005u));
  printf("tlbp 0x00c00000 (global, other asid): index=%08x\n", probe(0x00c00000u));
  printf("tlbp 0x00a00006: probe failed=%u\n", probe(0x00a00006u) >> 31);
  printf("tlbp 0x00800000: probe failed=%u\n", probe(0x00800000u) >> 31);
  for (u32 i = 1; i <= 5; i++)
    read_entry(i);

  /* Wired and TLBWR: Random stays in [Wired, entries - 1]; TLBWR writes there. */
  u32 n = tlb_entries();
  mtc0(6, 0, 8);
  printf("wired: %u\n", mfc0(6, 0));
  u32 r_ok = 1;
  for (u32 i = 0; i < 50; i++) {
    u32 r = mfc0(1, 0);
    if (r < 8 || r >= n)
      r_ok = 0;
  }
  printf("random within [wired, entries): %u\n", r_ok);
  mtc0(10, 0, 0x02000000u);
  mtc0(2, 0, LO(PAGE_DATA(3), 1, 1, 1));
  mtc0(3, 0, LO(PAGE_DATA(3), 1, 1, 1));
  mtc0(5, 0, 0);
  __asm__ __volatile__("tlbwr\n\tehb" ::: "memory");
  mtc0(10, 0, 0);
  u32 at = probe(0x02000000u);
  printf("tlbwr: found=%u at or above wired=%u\n", !(at >> 31), (at & 0x7fffffff) >= 8 && (at & 0x7fffffff) < n);
  kload("tlbwr", 0x02000000u);
  mtc0(6, 0, 0);

  /* Which bits software can write: Context.PTEBase but not BadVPN2, EntryHi.VPN2 and ASID but
   * not bits 12..8, BadVAddr not at all. */
  u32 before = mfc0(4, 0);
  mtc0(4, 0, 0xffffffffu);
  printf("context: was %08x, after writing ffffffff %08x\n", before, mfc0(4, 0));
  mtc0(10, 0, 0xffffffffu);
  printf("entryhi after writing ffffffff: %08x\n", mfc0(10, 0));
  mtc0(10, 0, 0);
  before = mfc0(8, 0);
  mtc0(8, 0, 0x13572468u);
  printf("badvaddr: was %08x, after writing 13572468 %08x\n", before, mfc0(8, 0));

  /* TLBWI over the entry of a page just accessed, then EHB: the next access sees the new entry,
   * and so does the next access after an ASID change. */
  remap_case("tlbwi remap lw", remap_lw, remap_lw_at, remap_lw_end, REMAP_VA | 5, LO(NEW_FRAME, 1, 1, 0), 1);
  remap_case("tlbwi remap sw", remap_sw, remap_sw_at, remap_sw_end, REMAP_VA | 5, LO(NEW_FRAME, 1, 1, 0), 0);
  remap_case("tlbwi clean sw", remap_sw, remap_sw_at, remap_sw_end, REMAP_VA | 5, LO(OLD_FRAME, 0, 1, 0), 0);
  remap_case("tlbwi invalid lw", remap_lw, remap_lw_at, remap_lw_end, REMAP_VA | 5, LO(OLD_FRAME, 1, 0, 0), 1);
  remap_case("tlbwi invalid sw", remap_sw, remap_sw_at, remap_sw_end, REMAP_VA | 5, LO(OLD_FRAME, 1, 0, 0), 0);
  remap_case("asid change lw", asid_lw, asid_lw_at, asid_lw_end, 6, 0, 1);
  return 0;
}
