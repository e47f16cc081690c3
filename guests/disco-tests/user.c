/* user: the guest's own user mode under the monitor. Writes two wired TLB entries in
 * guest-physical terms (a code page at 0x00400000, read-only, and a data page at 0x00800000) and
 * ERETs into user mode (virtual Status KSU = user, EXL set before the ERET). The user code loads
 * a word the kernel left in its data page, stores it + 1 next to it, loads from 0x00C00000, which
 * no entry maps (the refill vector, EBase + 0x000, is taken: the handler checks BadVAddr, EntryHi
 * and Context, writes an entry with TLBWR and ERETs, and the load completes), stores what that
 * load read, and makes a system call: the general vector (EBase + 0x180) sees ExcCode 8 with EPC
 * at the SYSCALL, and checks through the kernel's own addresses (DISCO_PHYS_BASE + pa) that both
 * user stores landed in the data page. Halts with 0 when every check passed, 1 otherwise.
 *
 * The user SYSCALL is made with $v0 = 1 and $a0 = 'U', as a DISCO_MC_PUTC would be: a monitor
 * that took it for a monitor call would print a "U" and leave the user code spinning. */
#include "lib.h"

#define CODE_VA 0x00400000u
#define DATA_VA 0x00800000u
#define MISS_VA 0x00C00000u
#define ASID 1

/* The user code: its own page (section .user, kernel.ld), position-independent. */
extern char user_code[], user_miss_load[], user_syscall[];
__asm__(
    "  .pushsection .user, \"ax\", @progbits\n"
    "  .set push\n"
    "  .set noreorder\n"
    "  .globl user_code\n"
    "user_code:\n"
    "  lui   $8, 0x0080\n"      /* t0 = DATA_VA */
    "  lw    $9, 0($8)\n"       /* t1 = data[0] */
    "  addiu $9, $9, 1\n"
    "  sw    $9, 4($8)\n"       /* data[1] = data[0] + 1 */
    "  lui   $10, 0x00c0\n"     /* t2 = MISS_VA */
    "  .globl user_miss_load\n"
    "user_miss_load:\n"
    "  lw    $11, 0($10)\n"     /* TLB refill, then again after the handler's TLBWR */
    "  sw    $11, 8($8)\n"      /* data[2] = what it read */
    "  li    $2, 1\n"           /* v0 = DISCO_MC_PUTC's number, a0 = 'U': see above */
    "  li    $4, 0x55\n"
    "  .globl user_syscall\n"
    "user_syscall:\n"
    "  syscall\n"
    "1: b    1b\n"
    "  nop\n"
    "  .set pop\n"
    "  .popsection\n");

static u32 data_page[1024] __attribute__((aligned(4096)));
static u32 miss_page[1024] __attribute__((aligned(4096)));
static u32 refills;

#define USER_VA(label) (CODE_VA + (u32)((label) - user_code))

static int failures;

static void expect(const char *what, u32 got, u32 want)
{
  int ok = got == want;
  printf("  %s: 0x%8x%s\n", what, got, ok ? "" : " FAILED");
  if (!ok)
    printf("  (want 0x%8x)\n", want);
  failures += !ok;
}

static void tlb_write_indexed(u32 index, u32 hi, u32 lo0, u32 lo1)
{
  mtc0(0, 0, index);
  mtc0(10, 0, hi);
  mtc0(2, 0, lo0);
  mtc0(3, 0, lo1);
  tlb_op("tlbwi");
}

static int on_exception(u32 vector, u32 cause)
{
  u32 code = CAUSE_EXCCODE(cause);
  if (vector == VEC_REFILL) {
    printf("user: refill vector, exccode %u\n", code);
    expect("epc", PRIV(DISCO_PRIV_EPC), USER_VA(user_miss_load));
    expect("badvaddr", PRIV(DISCO_PRIV_BADVADDR), MISS_VA);
    expect("entryhi", PRIV(DISCO_PRIV_ENTRYHI), MISS_VA | ASID);
    expect("context.badvpn2", PRIV(DISCO_PRIV_CONTEXT) & 0x007ffff0, MISS_VA >> 9);
    failures += code != EXC_TLBL || refills != 0;
    refills++;
    /* EntryHi already holds the missing VPN2 and the ASID: an even page, the odd one invalid. */
    mtc0(2, 0, ENTRYLO(PA(miss_page)) | ENTRYLO_D | ENTRYLO_V);
    mtc0(3, 0, 0);
    tlb_op("tlbwr");
    return 1;
  }
  if (code != EXC_SYS)
    return 0;
  u32 status = PRIV(DISCO_PRIV_STATUS);
  printf("user: system call from user mode, exccode %u\n", code);
  expect("epc", PRIV(DISCO_PRIV_EPC), USER_VA(user_syscall));
  expect("cause.bd", cause & CAUSE_BD, 0);
  expect("status.ksu,exl", status & (ST_KSU_MASK | ST_EXL), ST_KSU_USER | ST_EXL);
  printf("user: the data page, read at DISCO_PHYS_BASE + its guest-physical address\n");
  expect("word 1 (user store)", data_page[1], 0x11111112);
  expect("word 2 (user store)", data_page[2], 0x22222222);
  expect("refills", refills, 1);
  if (failures) {
    printf("user: %u checks FAILED\n", failures);
    halt(1);
  }
  printf("user: ok\n");
  halt(0);
}

int main(u32 vcpu)
{
  (void)vcpu;
  printf("user: code at 0x%8x, data at 0x%8x, 0x%8x left to the refill handler\n", CODE_VA,
         DATA_VA, MISS_VA);
  data_page[0] = 0x11111111;
  miss_page[0] = 0x22222222;
  set_exception_hook(on_exception);

  mtc0(6, 0, 2);                       /* Wired: TLBWR leaves entries 0 and 1 alone */
  mtc0(5, 0, 0);                       /* PageMask: 4 KB pages */
  tlb_write_indexed(0, CODE_VA | ASID, ENTRYLO(PA(user_code)) | ENTRYLO_V, 0);
  tlb_write_indexed(1, DATA_VA | ASID, ENTRYLO(PA(data_page)) | ENTRYLO_D | ENTRYLO_V, 0);
  mtc0(10, 0, ASID);                   /* the current ASID */

  printf("user: eret to user mode\n");
  mtc0(14, 0, CODE_VA);                /* EPC */
  mtc0(12, 0, ST_KSU_USER | ST_EXL);   /* still kernel mode while EXL is set; IE off */
  __asm__ __volatile__("eret");
  __builtin_unreachable();
}
