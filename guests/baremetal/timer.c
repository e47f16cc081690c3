/* timer: the CP0 timer interrupt. Programs Compare = Count + INTERVAL, enables IM7 and IE, and
 * sleeps in WAIT; the interrupt handler (through the vector in crt0.S, which saves the registers
 * and ERETs) counts the tick, prints it and re-arms Compare, which also acknowledges the interrupt.
 * After TICKS ticks main masks interrupts and halts with status 0. */
#include "lib.h"

#define TICKS 5
#define INTERVAL 100000 /* Count steps (Count advances once per instruction on this machine) */

static volatile u32 ticks;

static void on_interrupt(u32 pending)
{
  if (!(pending & CAUSE_IP(IRQ_TIMER))) {
    printf("timer: unexpected interrupt, pending 0x%04x\n", pending);
    halt(2);
  }
  u32 n = ticks + 1;
  ticks = n;
  if (n <= TICKS) /* a late extra tick (see main) is counted but not printed */
    printf("tick %u\n", n);
  /* Re-arm from the current Count, so that a late handler never sets Compare in the past.
   * Writing Compare clears the timer interrupt (Cause.IP7, Cause.TI). */
  mtc0(11, 0, mfc0(9, 0) + INTERVAL);
}

int main(u32 cpu)
{
  (void)cpu;
  printf("timer: %u ticks, %u counts apart\n", TICKS, INTERVAL);
  set_interrupt_handler(on_interrupt);
  mtc0(11, 0, mfc0(9, 0) + INTERVAL);          /* Compare: first tick */
  mtc0(12, 0, ST_IM(IRQ_TIMER) | ST_IE);       /* Status: IM7 and IE (BEV and EXL stay 0) */
  /* The handler always re-arms the timer, so even if a tick lands between the test and the WAIT,
   * the WAIT still ends, at the next tick. */
  while (ticks < TICKS)
    wait_for_interrupt();
  mtc0(12, 0, 0);                              /* interrupts off */
  printf("timer: done after %u ticks\n", TICKS);
  return 0;
}
