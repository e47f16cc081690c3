/*
 * exl: Status.EXL and ERL (MIPS32 Vol. III, "Exception Processing" and the Status register):
 * with EXL = 1 a TLB miss goes to the general vector and EPC and Cause.BD are left as they were;
 * EXL or ERL make the CPU run in kernel mode whatever KSU says; ERL = 1 makes kuseg unmapped and
 * uncached; ERET returns to ErrorEPC clearing ERL when ERL = 1, else to EPC clearing EXL; ERET
 * clears the LL bit (SC fails); BEV reads back as written.
 */
#include "rt.h"

#define USER_VA 0x00400000u

/* u32 exl_load(u32 address, u32 epc, u32 status_bits, int in_slot): sets EPC = epc, then
 * Status |= status_bits (EXL and/or ERL, KSU), and loads from address (in a delay slot when
 * in_slot); Status back to what it was. Returns the loaded value. */
u32 exl_load(u32 address, u32 epc, u32 status_bits, int in_slot);
/* u32 eret_to(u32 status): EPC and ErrorEPC point at two labels; Status = status; ERET. Returns
 * 1 (went to EPC) or 2 (to ErrorEPC) in bits 3..0 and Status as ERET left it in bits 31..8 (<< 8). */
u32 eret_to(u32 status);
/* u32 ll_eret_sc(u32 address): LL, ERET (to the next instruction, EXL was set), SC: SC's result. */
u32 ll_eret_sc(u32 address);
/* u32 ll_sc(u32 address): LL then SC with nothing between: SC's result. */
u32 ll_sc(u32 address);

__asm__(
    "        .set push\n"
    "        .set noreorder\n"
    "        .text\n"
    "        .globl exl_load\n"
    "exl_load:\n"
    "        la    $8, exc\n"
    "        la    $9, 2f\n"
    "        sw    $9, 32($8)\n"          /* resume at 2f */
    "        mfc0  $10, $12\n"
    "        ori   $9, $10, 2\n"
    "        sw    $9, 36($8)\n"          /* with the caller's Status (and EXL for the ERET) */
    "        mtc0  $5, $14\n"             /* EPC = the sentinel */
    "        or    $9, $10, $6\n"
    "        mtc0  $9, $12\n"
    "        ehb\n"
    "        bnez  $7, 1f\n"
    "        nop\n"
    "        lw    $2, 0($4)\n"
    "        b     3f\n"
    "        nop\n"
    "1:      beq   $0, $0, 3f\n"
    "        lw    $2, 0($4)\n"           /* (slot) */
    "3:      mtc0  $10, $12\n"             /* no exception: Status back, resume not used */
    "        ehb\n"
    "        sw    $0, 32($8)\n"
    "2:      jr    $31\n"
    "        nop\n"
    "\n"
    "        .globl eret_to\n"
    "eret_to:\n"
    "        mfc0  $10, $12\n"
    "        la    $8, 1f\n"
    "        mtc0  $8, $14\n"             /* EPC -> 1f */
    "        la    $8, 2f\n"
    "        mtc0  $8, $30\n"             /* ErrorEPC -> 2f */
    "        mtc0  $4, $12\n"
    "        ehb\n"
    "        eret\n"
    "1:      b     3f\n"
    "        li    $2, 1\n"
    "2:      li    $2, 2\n"
    "3:      mfc0  $9, $12\n"
    "        mtc0  $10, $12\n"
    "        ehb\n"
    "        sll   $9, $9, 8\n"
    "        jr    $31\n"
    "        or    $2, $2, $9\n"
    "\n"
    "        .globl ll_eret_sc\n"
    "ll_eret_sc:\n"
    "        mfc0  $10, $12\n"
    "        ll    $2, 0($4)\n"
    "        la    $8, 1f\n"
    "        mtc0  $8, $14\n"
    "        ori   $9, $10, 2\n"
    "        mtc0  $9, $12\n"
    "        ehb\n"
    "        eret\n"
    "1:      li    $2, 5\n"
    "        sc    $2, 0($4)\n"
    "        mtc0  $10, $12\n"
    "        jr    $31\n"
    "        ehb\n"
    "\n"
    "        .globl ll_sc\n"
    "ll_sc:\n"
    "        ll    $2, 0($4)\n"
    "        li    $2, 5\n"
    "        sc    $2, 0($4)\n"
    "        jr    $31\n"
    "        nop\n"
    "        .set pop\n");

static void exl_case(const char *what, u32 address, u32 bits, int in_slot)
{
  clear_exc();
  u32 v = exl_load(address, 0x12345678u, bits, in_slot);
  printf("%s: ", what);
  if (exc.count == 0)
    printf("ok value=%08x", v);
  else
    report_exc(0);
  putc('\n');
}

int main(void)
{
  tlb_reset();
  mark_pages();
  map_user_page();

  /* A refill taken with EXL = 1: general vector, EPC (the sentinel 0x12345678) and BD kept. */
  u32 pc = AT((u32)__user_page, s_lw);
  clear_exc();
  enter(pc, 0, 0x00800000u, 0);
  report("exl=0 no entry", pc, 4);
  exl_case("exl=1 no entry (bd was 0)", 0x00800000u, ST_EXL, 1);
  pc = AT((u32)__user_page, s_beq_taken_lw);
  clear_exc();
  enter(pc, 0, 0x00800000u, 0);
  report("exl=0 no entry in slot", pc, 12);
  exl_case("exl=1 no entry (bd was 1)", 0x00800000u, ST_EXL, 0);
  exl_case("exl=1 misaligned", 0xA0100002u, ST_EXL, 0);

  /* EXL or ERL: kernel mode whatever KSU says. */
  exl_case("ksu=user exl=1 lw kseg1", 0xA0100004u, ST_KSU_USER | ST_EXL, 0);
  exl_case("ksu=user erl=1 lw kseg1", 0xA0100004u, ST_KSU_USER | ST_ERL, 0);
  exl_case("ksu=supervisor exl=1 lw kseg3", 0xE0000000u, ST_KSU_SUPER | ST_EXL, 0);
  /* ERL: kuseg is unmapped and uncached (physical = virtual): data page 0 is at 0x100000. */
  exl_case("erl=1 lw kuseg 0x00100000", 0x00100000u, ST_ERL, 0);
  exl_case("erl=1 lw kuseg 0x00107000", 0x00107000u, ST_ERL, 0);
  pc = AT((u32)__user_page, s_lw);
  clear_exc();
  enter(pc, 0, 0x00100000u, 0);
  report("erl=0 lw kuseg 0x00100000", pc, 4);

  /* ERET */
  static const u32 st[] = {ST_EXL, ST_ERL, ST_ERL | ST_EXL, ST_EXL | ST_IM(7), ST_ERL | ST_IM(2)};
  for (u32 i = 0; i < sizeof st / sizeof st[0]; i++) {
    u32 r = eret_to(st[i]);
    printf("eret with status %08x: to %s, status after %08x\n", st[i], (r & 15) == 1 ? "epc" : "errorepc",
           (r >> 8) & 0x00ffff1f);
  }
  printf("ll sc: %u\n", ll_sc(0x80100100u));
  printf("ll eret sc: %u\n", ll_eret_sc(0x80100100u));

  mtc0(12, 0, ST_BEV);
  u32 s = mfc0(12, 0);
  mtc0(12, 0, 0);
  printf("bev written: reads %u, then 0: reads %u\n", (s >> 22) & 1, (mfc0(12, 0) >> 22) & 1);
  return 0;
}
