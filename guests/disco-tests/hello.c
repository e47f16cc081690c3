/* hello: the smallest test guest. Prints through DISCO_MC_PUTC, reads the three constants of the
 * privileged-register page (vCPU number, vCPU count, memory bytes) and checks them against what
 * boot gave vCPU 0 ($a0 = 0, $sp = DISCO_PHYS_BASE + memory - 16 without a command line), and
 * that EBase's CPUNum is the vCPU number; an unknown monitor call must give -38 (ENOSYS). Halts
 * with 0 when all agree, 1 otherwise. */
#include "lib.h"

int main(u32 vcpu)
{
  u32 number = PRIV(DISCO_PRIV_VCPU);
  u32 count = PRIV(DISCO_PRIV_VCPU_COUNT);
  u32 memory = PRIV(DISCO_PRIV_MEMORY_BYTES);
  u32 top = boot_cmdline ? boot_cmdline : DISCO_PHYS_BASE + memory;
  int ok = 1;

  printf("hello from vcpu %u\n", vcpu);
  printf("vcpu: %u\n", number);
  printf("vcpus: %u\n", count);
  printf("memory: 0x%8x bytes\n", memory);
  ok &= number == vcpu && count >= 1;
  ok &= memory != 0 && memory <= DISCO_PHYS_MAX && (memory & 0xfff) == 0;
  if (boot_sp[0] == top - 16) {
    printf("boot sp: 16 below the %s\n", boot_cmdline ? "command line" : "top of memory");
  } else {
    printf("boot sp: 0x%8x, expected 0x%8x\n", boot_sp[0], top - 16);
    ok = 0;
  }
  u32 ebase = mfc0(15, 1);
  printf("ebase: 0x%8x\n", ebase);
  ok &= ebase == ((u32)_ebase | number);
  s32 r = (s32)mcall0(99);
  printf("monitor call 99: %d\n", r);
  ok &= r == -38;
  printf("%s\n", ok ? "hello: ok" : "hello: FAILED");
  return ok ? 0 : 1;
}
