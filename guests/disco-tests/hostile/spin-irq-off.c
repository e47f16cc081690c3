/* spin-irq-off: a timer interrupt pending but masked (Status.IM7 set, IE clear), then a branch to
 * itself forever. No instruction in the loop traps, and the guest takes no interrupt: only the
 * monitor's watchdog (interrupts off past a configurable number of cycles) can stop the VM. */
#include "lib.h"

int main(u32 vcpu)
{
  (void)vcpu;
  mtc0(11, 0, mfc0(9, 0) + 1000);      /* Compare: the timer fires soon */
  mtc0(12, 0, ST_IM(DISCO_IRQ_TIMER)); /* IM7, IE off */
  printf("spin-irq-off: interrupts off, spinning\n");
  __asm__ __volatile__(".set push\n.set noreorder\n1: b 1b\nnop\n.set pop");
  __builtin_unreachable();
}
