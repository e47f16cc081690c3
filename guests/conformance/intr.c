/*
 * intr: interrupts (MIPS32 Vol. III, "Interrupts", Cause and Status, Count/Compare): the software
 * interrupts IP0 and IP1 taken only with IE = 1, the line's IM bit, EXL = 0 and ERL = 0, seen in
 * Cause.IP while masked; the timer (Count = Compare) on IP7 with Cause.TI, taken through the general
 * vector, pending while masked, cleared by a write of Compare; Cause.IV = 1 sends interrupts, and only
 * them, to EBase + 0x200. Count rates differ between machines:
 * only facts that do not depend on timing are printed (no Count values, no EPC inside a loop).
 *
 * Every loop that waits for the timer reads Count: QEMU 7.2 notices that Count reached Compare when
 * Count is read (or its host timer fires, which a loop that only reads Cause never lets happen).
 */
#include "rt.h"

#define CAUSE_IV (1u << 23)

/* u32 swint(u32 status, u32 cause): Cause = cause (IP1..0), then Status = status; a few
 * instructions for the interrupt to be taken; Status back to 0; returns Cause, then clears IP1..0. */
u32 swint(u32 status, u32 cause);
/* u32 timer_wait(u32 status, u32 delta): Compare = Count + delta, Status = status, spin until the
 * interrupt (the vector resumes after the loop); returns 1 if the spin loop's address is EPC. */
u32 timer_wait(u32 status, u32 delta);
/* void timer_wait_instruction(u32 status, u32 delta): as timer_wait, with WAIT before the loop. */
void timer_wait_instruction(u32 status, u32 delta);
extern char wait_instruction[];

__asm__(
    "        .set push\n"
    "        .set noreorder\n"
    "        .text\n"
    "        .globl swint\n"
    "swint:\n"
    "        la    $8, exc\n"
    "        la    $9, 1f\n"
    "        sw    $9, 32($8)\n"
    "        li    $9, 2\n"
    "        sw    $9, 36($8)\n"          /* resume in kernel mode, Status 0 */
    "        mtc0  $5, $13\n"
    "        ehb\n"
    "        mtc0  $4, $12\n"
    "        ehb\n"
    "        nop\n"
    "        nop\n"
    "        nop\n"
    "        nop\n"
    "        mtc0  $0, $12\n"
    "        ehb\n"
    "        sw    $0, 32($8)\n"
    "1:      mfc0  $2, $13\n"
    "        mtc0  $0, $13\n"
    "        jr    $31\n"
    "        ehb\n"
    "\n"
    "        .globl timer_wait\n"
    "timer_wait:\n"
    "        la    $8, exc\n"
    "        la    $9, 1f\n"
    "        sw    $9, 32($8)\n"
    "        li    $9, 2\n"
    "        sw    $9, 36($8)\n"
    "        mfc0  $9, $9\n"
    "        addu  $9, $9, $5\n"
    "        mtc0  $9, $11\n"             /* Compare = Count + delta */
    "        ehb\n"
    "        mtc0  $4, $12\n"
    "        ehb\n"
    "2:      mfc0  $9, $9\n"              /* reading Count: see below */
    "        b     2b\n"
    "        nop\n"
    "1:      lw    $9, 8($8)\n"           /* the EPC the vector saw: the MFC0 or the branch */
    "        la    $10, 2b\n"
    "        subu  $9, $9, $10\n"
    "        jr    $31\n"
    "        sltiu $2, $9, 5\n"
    "\n"
    "        .globl timer_wait_instruction\n"
    "timer_wait_instruction:\n"
    "        la    $8, exc\n"
    "        la    $9, 1f\n"
    "        sw    $9, 32($8)\n"
    "        li    $9, 2\n"
    "        sw    $9, 36($8)\n"
    "        mfc0  $9, $9\n"
    "        addu  $9, $9, $5\n"
    "        mtc0  $9, $11\n"
    "        ehb\n"
    "        mtc0  $4, $12\n"
    "        ehb\n"
    "        .globl wait_instruction\n"
    "wait_instruction:\n"
    "        wait\n"
    "2:      mfc0  $9, $9\n"
    "        b     2b\n"
    "        nop\n"
    "1:      jr    $31\n"
    "        nop\n"
    "        .set pop\n");

/* Spins until Cause.IP7, with interrupts masked (see above). */
static void wait_ip7(void)
{
  while (!(mfc0(13, 0) & (1u << 15)))
    for (volatile int i = 0; i < 1000; i++)
      (void)mfc0(9, 0);
}

static void sw_case(const char *what, u32 status, u32 cause)
{
  clear_exc();
  u32 c = swint(status, cause);
  printf("%s: ", what);
  if (exc.count)
    printf("taken %s vec=%s cause.ip=%02x st=%s%s", exc_name((exc.cause >> 2) & 31),
           vector_name(exc.vector), (exc.cause >> 8) & 3, exc.status & ST_EXL ? "exl" : "",
           exc.status & ST_IE ? ",ie" : "");
  else
    printf("not taken");
  printf(", cause.ip after=%02x\n", (c >> 8) & 3);
}

int main(void)
{
  sw_case("ip0 ie im0", ST_IE | ST_IM(0), 0x100);
  sw_case("ip1 ie im1", ST_IE | ST_IM(1), 0x200);
  sw_case("ip0 ie im1", ST_IE | ST_IM(1), 0x100);
  sw_case("ip0 im0 no ie", ST_IM(0), 0x100);
  sw_case("ip0 ie im0 exl", ST_IE | ST_IM(0) | ST_EXL, 0x100);
  sw_case("ip0 ie im0 erl", ST_IE | ST_IM(0) | ST_ERL, 0x100);
  sw_case("ip0+ip1 ie im0+im1", ST_IE | ST_IM(0) | ST_IM(1), 0x300);
  /* Cause.IV = 1: interrupts go to EBase + 0x200, other exceptions still to EBase + 0x180. */
  sw_case("ip0 ie im0 cause.iv", ST_IE | ST_IM(0), 0x100 | CAUSE_IV);
  mtc0(13, 0, CAUSE_IV);
  u32 pc = AT((u32)__user_page, s_syscall);
  clear_exc();
  enter(pc, 0, 0, 0);
  mtc0(13, 0, 0);
  report("syscall with cause.iv", pc, 0x100);

  /* The timer, masked: Cause.IP7 and TI become 1 and stay until Compare is written. */
  u32 c0 = mfc0(9, 0);
  u32 spins = 0;
  while (mfc0(9, 0) == c0 && spins < 1000000)
    spins++;
  printf("count advances: %u\n", mfc0(9, 0) != c0);
  mtc0(11, 0, mfc0(9, 0) + 0x40000000); /* far away on both machines: nothing pending */
  printf("after compare write: ip7=%u ti=%u\n", (mfc0(13, 0) >> 15) & 1, (mfc0(13, 0) >> 30) & 1);
  mtc0(11, 0, mfc0(9, 0) + 0x100000);
  wait_ip7();
  u32 c = mfc0(13, 0);
  printf("masked timer: ip7=%u ti=%u\n", (c >> 15) & 1, (c >> 30) & 1);
  mtc0(11, 0, mfc0(9, 0) + 0x40000000);
  c = mfc0(13, 0);
  printf("compare written again: ip7=%u ti=%u\n", (c >> 15) & 1, (c >> 30) & 1);

  /* The timer, enabled. */
  clear_exc();
  u32 at_loop = timer_wait(ST_IE | ST_IM(7), 0x100000);
  (void)at_loop; /* where the interrupt lands depends on the host's speed under QEMU: not printed */
  printf("timer: %s vec=%s ip7=%u ti=%u st=%s\n", exc_name((exc.cause >> 2) & 31),
         vector_name(exc.vector), (exc.cause >> 15) & 1, (exc.cause >> 30) & 1,
         exc.status & ST_EXL ? "exl" : "");
  mtc0(11, 0, mfc0(9, 0) + 0x40000000);
  printf("after compare write: ip7=%u\n", (mfc0(13, 0) >> 15) & 1);
  /* WAIT: the interrupt that ends it is taken with EPC = the instruction after the WAIT. The
   * delay is long (40 ms on QEMU) so that the WAIT surely comes first. */
  clear_exc();
  timer_wait_instruction(ST_IE | ST_IM(7), 0x400000);
  printf("timer during wait: %s ip7=%u epc=wait+%x\n", exc_name((exc.cause >> 2) & 31), (exc.cause >> 15) & 1,
         exc.epc - (u32)wait_instruction);
  mtc0(11, 0, mfc0(9, 0) + 0x40000000);

  /* Pending while masked, taken as soon as IE and IM7 are set. */
  mtc0(11, 0, mfc0(9, 0) + 0x100000);
  wait_ip7();
  clear_exc();
  swint(ST_IE | ST_IM(7), 0);
  printf("pending timer, then ie im7: %s%s ip7=%u\n", exc.count ? "taken " : "not taken",
         exc.count ? exc_name((exc.cause >> 2) & 31) : "", (exc.cause >> 15) & 1);
  mtc0(11, 0, mfc0(9, 0) + 0x40000000);
  printf("after compare write: ip7=%u\n", (mfc0(13, 0) >> 15) & 1);
  return 0;
}
