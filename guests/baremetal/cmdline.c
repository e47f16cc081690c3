/* cmdline: prints the kernel command line that `disco run --append STRING` gave it (CPU 0's $a1
 * at boot, saved by crt0 in boot_cmdline) between quotes, and where it lay. Halts with 0, or 1 if
 * $sp is not 16 bytes below it as the boot protocol says. */
#include "lib.h"

int main(u32 cpu)
{
  (void)cpu;
  if (boot_cmdline == 0) {
    printf("no command line\n");
    return 0;
  }
  const char *s = (const char *)boot_cmdline;
  u32 n = 0;
  while (s[n] != 0) {
    n++;
  }
  printf("command line: \"%s\"\n", s);
  printf("length: %u\n", n);
  /* Just below the top of node 0's slice (memory_per_node reckons the top from the command line's
     place: on a known preset, the printed size checks the placement), and $sp 16 bytes below. */
  printf("memory per node: %u MB\n", memory_per_node() >> 20);
  printf("address: top of node 0 - %u\n", 0x80000000u + memory_per_node() - boot_cmdline);
  if (boot_sp != boot_cmdline - 16) {
    printf("cmdline: not where the boot protocol puts it (0x%08x, $sp 0x%08x)\n", boot_cmdline, boot_sp);
    return 1;
  }
  return 0;
}
