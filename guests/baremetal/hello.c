/* hello: the smallest guest. Shows the console, the boot state CPU 0 gets, the CPU count and the
 * real-time clock, then halts with status 0. */
#include "lib.h"

int main(u32 cpu)
{
  printf("hello from cpu %u\n", cpu);
  printf("cpu number register: %u\n", cpu_number());
  printf("cpus: %u\n", cpu_count());
  printf("memory per node: %u MB (from the boot $sp)\n", memory_per_node() >> 20);
  printf("ebase: 0x%08x\n", mfc0(15, 1));
  printf("status: 0x%08x\n", mfc0(12, 0));
  printf("rtc seconds: %u\n", DEV_REG(RTC_SECONDS));
  printf("goodbye\n");
  return 0;
}
