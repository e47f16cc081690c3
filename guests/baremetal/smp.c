/* smp: starts every CPU. CPU 0 reads the number of CPUs (register 0x30C) and sends each other CPU
 * an IPI, which starts it at the entry point; every CPU, CPU 0 included, prints "cpu N up" under a
 * spinlock and checks in on a shared counter; CPU 0 waits for all of them, prints "all N cpus up"
 * and halts with status 0. The "cpu N up" lines come in the order the CPUs get the lock. */
#include "lib.h"

static spinlock_t console_lock;
static volatile u32 checked_in;

static void check_in(u32 cpu)
{
  spin_lock(&console_lock);
  printf("cpu %u up\n", cpu);
  checked_in = checked_in + 1; /* under the lock: a plain increment is safe */
  spin_unlock(&console_lock);
}

int main(u32 cpu)
{
  if (cpu != 0) {
    ipi_ack(); /* the IPI that started us is still pending (Cause.IP3) */
    check_in(cpu);
    return 0; /* park */
  }
  u32 n = cpu_count();
  printf("smp: starting %u cpus\n", n);
  for (u32 c = 1; c < n; c++)
    ipi_send(c);
  check_in(0);
  while (checked_in < n)
    ; /* spin: checked_in is volatile, so every test reloads it */
  spin_lock(&console_lock);
  printf("all %u cpus up\n", n);
  spin_unlock(&console_lock);
  return 0;
}
