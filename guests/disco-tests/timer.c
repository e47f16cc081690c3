/* timer: the vCPU's virtual timer. Arms Compare = Count + INTERVAL with MTC0, enables IM7 and
 * waits with DISCO_MC_IDLE (lib.c's wait_for: DI, test, IDLE, EI). Each interrupt comes to
 * EBase + 0x180 with ExcCode 0 and Cause.IP7 set; the handler counts it, re-arms Compare from
 * Count, which must clear IP7, and ERETs. After TICKS ticks interrupts go off and the guest halts
 * with 0; 1 if IP7 stayed set after the Compare write, 2 on an interrupt other than the timer. */
#include "lib.h"

#define TICKS 3
#define INTERVAL 100000 /* Count steps */

static volatile u32 ticks;
static u32 failures;

static int on_exception(u32 vector, u32 cause)
{
  if (vector != VEC_GENERAL || CAUSE_EXCCODE(cause) != EXC_INT)
    return 0;
  u32 pending = cause & PRIV(DISCO_PRIV_STATUS) & 0xff00;
  if (pending != CAUSE_IP(DISCO_IRQ_TIMER)) {
    printf("timer: unexpected interrupt, pending lines 0x%4x\n", pending);
    halt(2);
  }
  u32 n = ticks + 1;
  ticks = n;
  mtc0(11, 0, mfc0(9, 0) + INTERVAL); /* re-arm from now; clears Cause.IP7 */
  int cleared = !(PRIV(DISCO_PRIV_CAUSE) & CAUSE_IP(DISCO_IRQ_TIMER));
  failures += !cleared;
  if (n <= TICKS) /* a late extra tick is counted, not printed */
    printf("tick %u: cause.ip7 set, %s by the compare write\n", n,
           cleared ? "cleared" : "NOT CLEARED");
  return 1;
}

int main(u32 vcpu)
{
  (void)vcpu;
  printf("timer: %u ticks, %u counts apart\n", TICKS, INTERVAL);
  set_exception_hook(on_exception);
  mtc0(11, 0, mfc0(9, 0) + INTERVAL);            /* Compare: the first tick */
  mtc0(12, 0, ST_IM(DISCO_IRQ_TIMER));           /* IM7; wait_for sets IE */
  wait_for(&ticks, TICKS);
  mtc0(12, 0, 0);                                /* interrupts off */
  if (failures)
    return 1;
  printf("timer: done after %u ticks\n", TICKS);
  return 0;
}
