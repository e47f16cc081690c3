/* dma-outside: disk reads (DISCO_MC_DISK_READ, disk 0) into guest-physical memory the VM does not
 * own: the first sector beyond its memory, two sectors straddling its end, the page at
 * DISCO_PHYS_MAX, and 0xFFFFFE00, whose end wraps around 2^32. Each must give -14 (EFAULT) and
 * transfer nothing: the last sector inside memory, filled with 0xA5 first, must be unchanged
 * after the straddling read. Halts with 0 when all hold, 1 otherwise. Needs a disk 0 of at least
 * 2 sectors (images/disk0.img). */
#include "lib.h"

#define SECTOR 512

static int failures;

static void read_into(const char *what, u32 count, u32 pa)
{
  s32 r = (s32)mcall(DISCO_MC_DISK_READ, 0, 0, count, pa);
  printf("dma-outside: %s: %d\n", what, r);
  failures += r != -14;
}

int main(u32 vcpu)
{
  (void)vcpu;
  u32 memory = PRIV(DISCO_PRIV_MEMORY_BYTES);
  u8 *last = (u8 *)(DISCO_PHYS_BASE + memory - SECTOR); /* crt0 left the boot stack: unused */
  memset(last, 0xa5, SECTOR);

  read_into("1 sector at the end of memory", 1, memory);
  read_into("2 sectors straddling the end", 2, memory - SECTOR);
  read_into("1 sector at DISCO_PHYS_MAX", 1, DISCO_PHYS_MAX);
  read_into("1 sector at 0xfffffe00", 1, 0xfffffe00);

  u32 changed = 0;
  for (u32 i = 0; i < SECTOR; i++)
    changed += last[i] != 0xa5;
  printf("dma-outside: last sector inside memory: %s\n", changed ? "OVERWRITTEN" : "unchanged");
  failures += changed != 0;
  printf("dma-outside: %s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
