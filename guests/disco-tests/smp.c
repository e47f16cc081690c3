/* smp: two vCPUs of one VM. vCPU 0 starts vCPU 1 (DISCO_MC_START_CPU); vCPU 1 checks its start
 * state ($a0, its $sp 64 KB below vCPU 0's, the page's vCPU number, EBase.CPUNum), sets a flag in
 * shared memory and sends vCPU 0 an IPI (DISCO_MC_IPI); vCPU 0 takes it at EBase + 0x180 (Cause.IP3,
 * acknowledged with DISCO_MC_IPI_ACK), reads the flag, answers with a flag and an IPI of its own;
 * vCPU 1 reads that, sends a last IPI and parks. Each vCPU prints only while the other waits, so
 * the output is in a fixed order. vCPU 0 halts with 0 when every check passed, 1 otherwise. */
#include "lib.h"

#define FLAG_FROM_1 0x600d0001u
#define FLAG_FROM_0 0x600d0000u

static volatile u32 ipis[MAX_VCPUS]; /* IPIs each vCPU's handler took */
static volatile u32 flag_from_1, flag_from_0;
static volatile u32 failures;

static int on_ipi(u32 vector, u32 cause)
{
  if (vector != VEC_GENERAL || CAUSE_EXCCODE(cause) != EXC_INT ||
      !(cause & CAUSE_IP(DISCO_IRQ_IPI)))
    return 0;
  mcall0(DISCO_MC_IPI_ACK);
  ipis[PRIV(DISCO_PRIV_VCPU)]++;
  return 1;
}

static void send(u32 vcpu)
{
  __asm__ __volatile__("sync" : : : "memory"); /* our stores before the interrupt */
  u32 r = mcall1(DISCO_MC_IPI, vcpu);
  failures += r != 0;
}

static void expect(u32 vcpu, const char *what, u32 got, u32 want)
{
  int ok = got == want;
  printf("vcpu %u: %s 0x%8x%s\n", vcpu, what, got, ok ? "" : " FAILED");
  failures += !ok;
}

static int secondary(u32 vcpu)
{
  mtc0(12, 0, ST_IM(DISCO_IRQ_IPI));
  u32 top = DISCO_PHYS_BASE + PRIV(DISCO_PRIV_MEMORY_BYTES);
  printf("vcpu %u: up\n", vcpu);
  expect(vcpu, "page's vcpu number", PRIV(DISCO_PRIV_VCPU), 1);
  expect(vcpu, "ebase.cpunum", mfc0(15, 1) & 0x3ff, 1);
  expect(vcpu, "boot sp below the top of memory by", top - boot_sp[1], 16 + 0x10000);
  flag_from_1 = FLAG_FROM_1;
  send(0);
  wait_for(&ipis[1], 1);
  expect(vcpu, "ipi from vcpu 0, flag", flag_from_0, FLAG_FROM_0);
  send(0);
  return 0; /* parks (crt0.S) */
}

int main(u32 vcpu)
{
  if (vcpu != 0)
    return secondary(vcpu);
  u32 count = PRIV(DISCO_PRIV_VCPU_COUNT);
  if (count < 2) {
    printf("smp: needs 2 vcpus, the vm has %u\n", count);
    return 1;
  }
  set_exception_hook(on_ipi);
  mtc0(12, 0, ST_IM(DISCO_IRQ_IPI));
  printf("smp: ipi to a vcpu the vm lacks: %d\n", (s32)mcall1(DISCO_MC_IPI, count));
  printf("smp: start of a vcpu the vm lacks: %d\n", (s32)mcall1(DISCO_MC_START_CPU, count));
  printf("smp: vcpu 0 starts vcpu 1\n");
  u32 r = mcall1(DISCO_MC_START_CPU, 1);
  if (r != 0) {
    printf("smp: start_cpu 1: %d\n", (s32)r);
    return 1;
  }
  wait_for(&ipis[0], 1);
  expect(0, "ipi from vcpu 1, flag", flag_from_1, FLAG_FROM_1);
  flag_from_0 = FLAG_FROM_0;
  send(1);
  wait_for(&ipis[0], 2);
  mtc0(12, 0, 0);
  if (failures) {
    printf("smp: %u checks FAILED\n", failures);
    return 1;
  }
  printf("smp: ok\n");
  return 0;
}
