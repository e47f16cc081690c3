/* spinlock: every CPU increments one shared counter ITERATIONS times under an LL/SC spinlock (a
 * plain load-add-store inside the lock) and a second one ITERATIONS times with an LL/SC atomic add.
 * CPU 0 starts the others with IPIs, does its share, waits until every CPU has finished and prints
 * both totals; it halts with 0 when both equal CPUs x ITERATIONS, 1 otherwise. */
#include "lib.h"

#define ITERATIONS 10000

static spinlock_t lock;
static volatile u32 locked_counter; /* only touched under `lock` */
static volatile u32 atomic_counter; /* only touched by atomic_add */
static volatile u32 finished;       /* CPUs done, by atomic_add */

static void work(void)
{
  for (int i = 0; i < ITERATIONS; i++) {
    spin_lock(&lock);
    locked_counter = locked_counter + 1;
    spin_unlock(&lock);
    atomic_add(&atomic_counter, 1);
  }
  atomic_add(&finished, 1);
}

int main(u32 cpu)
{
  if (cpu != 0) {
    ipi_ack();
    work();
    return 0; /* park */
  }
  u32 n = cpu_count();
  printf("spinlock: %u cpus x %u increments\n", n, ITERATIONS);
  for (u32 c = 1; c < n; c++)
    ipi_send(c);
  work();
  while (finished < n)
    ;
  u32 expect = n * ITERATIONS;
  printf("lock counter: %u (expected %u)\n", locked_counter, expect);
  printf("atomic counter: %u (expected %u)\n", atomic_counter, expect);
  if (locked_counter != expect || atomic_counter != expect) {
    printf("spinlock: WRONG\n");
    return 1;
  }
  printf("spinlock: ok\n");
  return 0;
}
