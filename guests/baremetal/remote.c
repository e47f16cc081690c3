/* remote: the cost of remote memory. CPU 0 (on node 0) walks a 1 MB array in its own node's memory,
 * then a 1 MB array in the last node's memory, PASSES times each, reading one word per 128-byte
 * cache line (FLASH's line), and prints the machine cycles (RTC register 0x208) each walk took.
 * The remote walk should cost more: its misses are served by a remote node.
 *
 * Layout: memory per node comes from CPU 0's boot $sp (0x80000000 + memoryPerNode - 16, by the
 * boot protocol); the number of nodes is taken to be the number of CPUs, i.e. one CPU per node, as
 * in every flash-N preset. Each array starts in the middle of its node's slice, which keeps it clear
 * of this image (at 64 KB) and of the stacks (at the top of each slice). Both arrays must be
 * reachable through kseg0 (below 0x1F000000). Halts with 0, or 1 if the layout does not fit. */
#include "lib.h"

#define ARRAY_BYTES (1u << 20)
#define STRIDE 128 /* bytes between two loads */
#define PASSES 4

/* Walks the array at `physical` PASSES times; returns the machine cycles it took. */
static u32 walk(u32 physical)
{
  volatile const u32 *a = (volatile const u32 *)(0x80000000u + physical);
  u32 start = rtc_cycles();
  for (int p = 0; p < PASSES; p++)
    for (u32 i = 0; i < ARRAY_BYTES / 4; i += STRIDE / 4)
      (void)a[i]; /* a volatile read: the load happens */
  return rtc_cycles() - start; /* unsigned: right across a wrap of the low 32 bits */
}

int main(u32 cpu)
{
  (void)cpu;
  u32 per_node = memory_per_node();
  u32 nodes = cpu_count();
  u32 last = nodes - 1;
  u32 local = per_node / 2;
  u32 remote = last * per_node + per_node / 2;
  printf("remote: %u nodes of %u MB (one cpu per node assumed)\n", nodes, per_node >> 20);
  if (per_node < 4 * ARRAY_BYTES || remote + ARRAY_BYTES > 0x1F000000u) {
    printf("remote: this layout does not fit (need >= 4 MB per node, the last node below 496 MB)\n");
    return 1;
  }
  printf("local array: node 0, physical 0x%08x, %u KB, %u passes, one load per %u bytes\n",
         local, ARRAY_BYTES >> 10, PASSES, STRIDE);
  printf("remote array: node %u, physical 0x%08x, %u KB, %u passes, one load per %u bytes\n",
         last, remote, ARRAY_BYTES >> 10, PASSES, STRIDE);
  u32 local_cycles = walk(local);
  u32 remote_cycles = walk(remote);
  printf("local cycles: %u\n", local_cycles);
  printf("remote cycles: %u\n", remote_cycles);
  return 0;
}
