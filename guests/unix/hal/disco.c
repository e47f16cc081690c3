/*
 * disco.c: the seam under the Disco monitor (docs/monitor-interface.md, built with HAL_DISCO):
 * supervisor mode, memory in the supervisor segment (include/hal.h), side-effect-free privileged
 * registers read from the privileged-register page, devices, idle and page hints through monitor
 * calls. Writes to CP0 and the TLB instructions are the bare machine's: they trap and the monitor
 * emulates them.
 */
#include <errno.h>
#include "hal.h"

#define PRIV(off) (*(volatile const uint32_t *)(DISCO_PRIV_PAGE + (off)))
#define STR_(x) #x
#define STR(x) STR_(x)

#define ST_IE 1u
#define ST_IM(line) (1u << (8 + (line)))
#define BOOT_STACK_BYTES 0x10000u /* each vCPU's boot stack slot (docs: "Boot") */

/* A monitor call: SYSCALL in kernel mode, the number in $v0, arguments in $a0..$a3; the result in
 * $v0 ($v1: the high word of a 64-bit one). The monitor may read or write guest memory. */
static uint64_t mcall(uint32_t call, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
  register uint32_t v0 __asm__("$2") = call;
  register uint32_t v1 __asm__("$3");
  register uint32_t r4 __asm__("$4") = a0;
  register uint32_t r5 __asm__("$5") = a1;
  register uint32_t r6 __asm__("$6") = a2;
  register uint32_t r7 __asm__("$7") = a3;
  __asm__ __volatile__("syscall"
                       : "+r"(v0), "=r"(v1)
                       : "r"(r4), "r"(r5), "r"(r6), "r"(r7)
                       : "memory");
  return (uint64_t)v1 << 32 | v0;
}

static int mcall1(uint32_t call, uint32_t arg) { return (int)(uint32_t)mcall(call, arg, 0, 0, 0); }

/* CP0 registers that are not on the privileged-register page, and every write: emulated. */
#define CP0_GET(reg, sel)                                                   \
  ({                                                                        \
    uint32_t r_;                                                            \
    __asm__ __volatile__("mfc0 %0, $" #reg ", " #sel : "=r"(r_));           \
    r_;                                                                     \
  })
#define CP0_SET(reg, sel, v)                                                \
  __asm__ __volatile__("mtc0 %0, $" #reg ", " #sel "\n\tehb"                \
                       : : "r"((uint32_t)(v)) : "memory")
#define TLB_OP(op) __asm__ __volatile__(op "\n\tehb" : : : "memory")

static uint32_t memory_bytes;

/*
 * vCPU n's boot stack is the 64 KB slot ending at memory - n * 64 KB, and the kernel leaves to the
 * boot stacks only the top 64 KB of each node. The kernel therefore sees one node that ends where
 * the slot of the last vCPU ends: that slot is the node's top, the other slots lie above it.
 */
void hal_init(uint32_t boot_sp)
{
  (void)boot_sp;
  uint32_t all = PRIV(DISCO_PRIV_MEMORY_BYTES) & ~0xFFFu;
  memory_bytes = all - (hal_cpu_count() - 1) * BOOT_STACK_BYTES;
}

uint32_t hal_memory_bytes(void) { return memory_bytes; }
uint32_t hal_node_bytes(void) { return memory_bytes; }
uint32_t hal_cpu_count(void) { return PRIV(DISCO_PRIV_VCPU_COUNT); }
uint32_t hal_cpu_id(void) { return PRIV(DISCO_PRIV_VCPU); }

void hal_halt(int status)
{
  for (;;)
    mcall1(DISCO_MC_HALT, (uint32_t)status);
}

void hal_start_cpu(uint32_t cpu) { mcall1(DISCO_MC_START_CPU, cpu); }
void hal_ipi(uint32_t cpu) { mcall1(DISCO_MC_IPI, cpu); }
void hal_ipi_ack(void) { mcall1(DISCO_MC_IPI_ACK, 0); }

void hal_cpu_init(uint32_t cpu)
{
  CP0_SET(4, 0, cpu << 23);    /* Context.PTEBase: the vCPU number, for the vectors */
  CP0_SET(6, 0, 0);            /* Wired */
  CP0_SET(7, 0, 1u << 29);     /* HWREna: user RDHWR $29 reads UserLocal */
  hal_tlb_flush_all();
  /* Status: CU1 and the virtual lines (no disk line: transfers are synchronous); IE stays off. */
  CP0_SET(12, 0, 0x20000000u | ST_IM(IRQ_IPI) | ST_IM(IRQ_TIMER));
}

/* ---- console -------------------------------------------------------------------------------- */

void hal_console_putc(int c) { mcall1(DISCO_MC_PUTC, (uint8_t)c); }
int hal_console_getc(void) { return mcall1(DISCO_MC_GETC, 0); }

/* ---- time ----------------------------------------------------------------------------------- */

uint64_t hal_time_nanos(void) { return mcall(DISCO_MC_TIME_NANOS, 0, 0, 0, 0); }
uint32_t hal_time_seconds(void) { return (uint32_t)(hal_time_nanos() / 1000000000u); }
uint32_t hal_cycles(void) { return CP0_GET(9, 0); }
void hal_timer_arm(uint32_t interval) { CP0_SET(11, 0, CP0_GET(9, 0) + interval); }

/* ---- interrupts: Status from the page; a write only when IE changes ------------------------ */

uint32_t hal_irq_save(void)
{
  uint32_t s = PRIV(DISCO_PRIV_STATUS);
  if (s & ST_IE)
    CP0_SET(12, 0, s & ~ST_IE);
  return s & ST_IE;
}

void hal_irq_restore(uint32_t state)
{
  uint32_t s = PRIV(DISCO_PRIV_STATUS);
  if ((s ^ state) & ST_IE)
    CP0_SET(12, 0, (s & ~ST_IE) | (state & ST_IE));
}

/* hal_idle_call(status): Status = status (interrupts on), then the IDLE monitor call (its SYSCALL
 * is hal_idle_call_insn; hal_idle_call_window the first instruction after the Status write, where
 * an interrupt can first be taken). An interrupt pending when it returns is taken right after it. */
void hal_idle_call(uint32_t status);
__asm__(".text\n.set push\n.set noreorder\n.globl hal_idle_call\nhal_idle_call:\n"
        "  li $2, " STR(DISCO_MC_IDLE) "\n  mtc0 $4, $12\nhal_idle_call_window:\n  ehb\n"
        "hal_idle_call_insn:\n  syscall\n  jr $31\n  nop\n.set pop\n");

void hal_idle(int timer)
{
  uint32_t s = PRIV(DISCO_PRIV_STATUS);
  /* Without the timer line the vCPU stays descheduled until an IPI; with it, until the tick. */
  hal_idle_call((timer ? s : s & ~ST_IM(IRQ_TIMER)) | ST_IE);
  CP0_SET(12, 0, s & ~ST_IE);
}

/* An interrupt taken between the Status write and the call (at the EHB or at the SYSCALL): resume
 * after the call, which would otherwise wait for a further interrupt that may never come (as on
 * bare hardware, hal/bare.c). */
uint32_t hal_idle_resume(uint32_t epc)
{
  extern char hal_idle_call_window[], hal_idle_call_insn[];
  return epc >= (uint32_t)hal_idle_call_window && epc <= (uint32_t)hal_idle_call_insn
             ? (uint32_t)hal_idle_call_insn + 4
             : epc;
}

/* ---- disk: synchronous monitor calls; the caller holds the kernel lock -------------------- */

/* The monitor transfers to or from 512-byte aligned guest-physical memory; a buffer that is not
 * aligned goes through this one, a few sectors at a time. */
#define BOUNCE_SECTORS 8
static uint8_t bounce[BOUNCE_SECTORS * 512] __attribute__((aligned(512)));

void hal_disk_interrupt(void) {}

static int transfer(uint32_t call, int disk, uint32_t sector, uint32_t count, uint8_t *buf)
{
  int write = call == DISCO_MC_DISK_WRITE;
  int error = 0;
  hal_disk_lock(write ? 2 : 1);
  if (((uint32_t)buf & 511) == 0) {
    error = (uint32_t)mcall(call, (uint32_t)disk, sector, count, HAL_V2P(buf)) != 0;
  } else {
    while (count && !error) {
      uint32_t n = count < BOUNCE_SECTORS ? count : BOUNCE_SECTORS;
      if (write)
        __builtin_memcpy(bounce, buf, n * 512);
      error = (uint32_t)mcall(call, (uint32_t)disk, sector, n, HAL_V2P(bounce)) != 0;
      if (!write)
        __builtin_memcpy(buf, bounce, n * 512);
      sector += n;
      count -= n;
      buf += n * 512;
    }
  }
  hal_disk_lock(0);
  return error ? -EIO : 0;
}

int hal_disk_read(int disk, uint32_t sector, uint32_t count, void *buf)
{
  return transfer(DISCO_MC_DISK_READ, disk, sector, count, buf);
}

int hal_disk_write(int disk, uint32_t sector, uint32_t count, const void *buf)
{
  return transfer(DISCO_MC_DISK_WRITE, disk, sector, count, (uint8_t *)buf);
}

uint32_t hal_disk_sectors(int disk)
{
  return (uint32_t)mcall1(DISCO_MC_DISK_SECTORS, (uint32_t)disk);
}

/* ---- the TLB: the guest's own entries, written as on hardware (emulated) ------------------- */

void hal_set_asid(uint32_t asid) { CP0_SET(10, 0, asid & 0xFF); /* EntryHi.ASID */ }

void hal_tlb_flush_all(void)
{
  uint32_t hi = PRIV(DISCO_PRIV_ENTRYHI);
  uint32_t n = ((CP0_GET(16, 1) >> 25) & 63) + 1; /* Config1.MMUSize + 1 */
  CP0_SET(2, 0, 0);
  CP0_SET(3, 0, 0);
  CP0_SET(5, 0, 0);
  for (uint32_t i = 0; i < n; i++) {
    /* unique VPN2s in kseg3, which supervisor mode never reaches: they never match */
    CP0_SET(10, 0, 0xE0000000u + (i << 13));
    CP0_SET(0, 0, i);
    TLB_OP("tlbwi");
  }
  CP0_SET(10, 0, hi);
}

void hal_tlb_update(uint32_t va, uint32_t asid, uint32_t lo0, uint32_t lo1)
{
  uint32_t hi = PRIV(DISCO_PRIV_ENTRYHI);
  CP0_SET(10, 0, (va & ~0x1FFFu) | (asid & 0xFF));
  TLB_OP("tlbp");
  if (!(PRIV(DISCO_PRIV_INDEX) & 0x80000000u)) {
    CP0_SET(2, 0, lo0);
    CP0_SET(3, 0, lo1);
    TLB_OP("tlbwi");
  }
  CP0_SET(10, 0, hi);
}

void hal_set_tls(uint32_t value) { CP0_SET(4, 2, value); /* UserLocal */ }

/* ---- page hints: the monitor zeroes pages and learns which are dead ------------------------ */

void hal_page_zero(paddr_t pa)
{
  if (mcall1(DISCO_MC_PAGE_ZERO, pa) != 0)
    __builtin_memset(HAL_P2V(pa), 0, 4096); /* refused: zero it here */
}

void hal_page_copy(paddr_t dst, paddr_t src) { __builtin_memcpy(HAL_P2V(dst), HAL_P2V(src), 4096); }

void hal_page_freed(paddr_t pa) { mcall1(DISCO_MC_PAGE_FREED, pa); }
