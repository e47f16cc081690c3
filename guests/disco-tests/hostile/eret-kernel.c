/* eret-kernel: ERET with virtual Status KSU = kernel and EXL set, and EPC = 0x80010000, a kseg0
 * address (where this image would be were it linked for bare hardware). Virtual kernel mode is
 * real supervisor mode, so the fetch there is an Address Error (fetch), ExcCode 4, reflected to
 * EBase + 0x180 with EPC = BadVAddr = 0x80010000. A monitor that ran the guest in real kernel
 * mode would execute machine memory instead. Halts with 0 when the exception is as described, 1
 * when it is another; the handler resumes in `resumed` on the interrupted stack. */
#include "lib.h"

#define TARGET 0x80010000u

static void resumed(void) __attribute__((noreturn, used));

static u32 code, epc, badvaddr, status;

static void resumed(void)
{
  printf("eret-kernel: exception %u, epc 0x%8x, badvaddr 0x%8x, status.exl %u\n", code, epc,
         badvaddr, (status & ST_EXL) != 0);
  int ok = code == EXC_ADEL && epc == TARGET && badvaddr == TARGET;
  printf("eret-kernel: %s\n", ok ? "ok" : "FAILED");
  halt(ok ? 0 : 1);
}

static int on_exception(u32 vector, u32 cause)
{
  if (vector != VEC_GENERAL)
    return 0;
  code = CAUSE_EXCCODE(cause);
  epc = PRIV(DISCO_PRIV_EPC);
  badvaddr = PRIV(DISCO_PRIV_BADVADDR);
  status = PRIV(DISCO_PRIV_STATUS);
  mtc0(14, 0, (u32)resumed); /* ERET there, still kernel mode (KSU = 0) */
  return 1;
}

int main(u32 vcpu)
{
  (void)vcpu;
  set_exception_hook(on_exception);
  printf("eret-kernel: eret with status.ksu = kernel, exl set, epc 0x%8x\n", TARGET);
  mtc0(14, 0, TARGET);
  mtc0(12, 0, ST_EXL);
  __asm__ __volatile__("eret");
  __builtin_unreachable();
}
