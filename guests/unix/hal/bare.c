/*
 * bare.c: the seam on bare hardware: kernel mode, kseg0, the machine's devices (docs/devices.md)
 * and privileged instructions. Everything the kernel does differently under the monitor is here
 * and in include/hal.h.
 */
#include <errno.h>
#include "hal.h"

#define DEV(off) (*(volatile uint32_t *)(0xBF000000u + (off)))
#define CONSOLE_TX 0x000
#define CONSOLE_RX_STATUS 0x004
#define CONSOLE_RX_DATA 0x008
#define HALT 0x100
#define RTC_SECONDS 0x200
#define RTC_NANOS 0x204
#define RTC_CYCLES 0x208
#define IPI_SEND 0x300
#define IPI_ACK 0x304
#define IPI_CPU_COUNT 0x30C
#define DISK_SELECT 0x400
#define DISK_SECTOR 0x404
#define DISK_COUNT 0x408
#define DISK_ADDRESS 0x40C
#define DISK_COMMAND 0x410
#define DISK_STATUS 0x414
#define DISK_ACK 0x418
#define DISK_SIZE 0x41C
#define DISK_IRQ_CPU 0x420

#define mfc0(reg, sel)                                                     \
  ({                                                                       \
    uint32_t v_;                                                           \
    __asm__ __volatile__("mfc0 %0, $" #reg ", " #sel : "=r"(v_)); \
    v_;                                                                    \
  })
#define mtc0(reg, sel, value) \
  __asm__ __volatile__("mtc0 %0, $" #reg ", " #sel "\n\tehb" : : "r"((uint32_t)(value)) : "memory")

static uint32_t node_bytes, memory_bytes;

void hal_init(uint32_t boot_sp)
{
  /* CPU 0's boot $sp is 0x80000000 + memoryPerNode - 16; the presets have one CPU per node. */
  node_bytes = ((boot_sp & 0x1FFFFFFFu) + 16 + 0xFFFFFu) & ~0xFFFFFu;
  memory_bytes = node_bytes * hal_cpu_count();
  if (memory_bytes > 0x1F000000u)
    memory_bytes = 0x1F000000u; /* kseg0 ends at the device window */
}

uint32_t hal_memory_bytes(void) { return memory_bytes; }
uint32_t hal_node_bytes(void) { return node_bytes; }
uint32_t hal_cpu_count(void) { return DEV(IPI_CPU_COUNT); }
uint32_t hal_cpu_id(void) { return mfc0(15, 1) & 0x3FF; }

void hal_halt(int status)
{
  for (;;)
    DEV(HALT) = (uint32_t)status & 0xFF;
}

void hal_start_cpu(uint32_t cpu) { DEV(IPI_SEND) = cpu; }
void hal_ipi(uint32_t cpu) { DEV(IPI_SEND) = cpu; }
void hal_ipi_ack(void) { DEV(IPI_ACK) = 1; }

void hal_cpu_init(uint32_t cpu)
{
  mtc0(4, 0, cpu << 23);               /* Context.PTEBase: the CPU number, for the vectors */
  mtc0(6, 0, 0);                       /* Wired = 0 */
  mtc0(7, 0, 1u << 29);                /* HWREna: user RDHWR $29 reads UserLocal */
  hal_tlb_flush_all();
  /* Status: CU1, the interrupt lines the kernel serves; IE stays off in the kernel. */
  mtc0(12, 0, 0x20000000u | (1u << (8 + 3)) | (1u << (8 + 4)) | (1u << (8 + 7)));
  if (cpu == 0)
    DEV(DISK_IRQ_CPU) = 0;
}

/* ---- console -------------------------------------------------------------------------------- */

void hal_console_putc(int c) { DEV(CONSOLE_TX) = (uint8_t)c; }

int hal_console_getc(void)
{
  if (DEV(CONSOLE_RX_STATUS) == 0)
    return -1;
  return (int)DEV(CONSOLE_RX_DATA);
}

/* ---- time ----------------------------------------------------------------------------------- */

uint64_t hal_time_nanos(void)
{
  uint32_t s, ns;
  do {
    s = DEV(RTC_SECONDS);
    ns = DEV(RTC_NANOS);
  } while (DEV(RTC_SECONDS) != s);
  return (uint64_t)s * 1000000000u + ns;
}

uint32_t hal_time_seconds(void) { return DEV(RTC_SECONDS); }
uint32_t hal_cycles(void) { return DEV(RTC_CYCLES); }
void hal_timer_arm(uint32_t interval) { mtc0(11, 0, mfc0(9, 0) + interval); }

/* ---- interrupts ----------------------------------------------------------------------------- */

uint32_t hal_irq_save(void)
{
  uint32_t s = mfc0(12, 0);
  mtc0(12, 0, s & ~1u);
  return s & 1u;
}

void hal_irq_restore(uint32_t state)
{
  uint32_t s = mfc0(12, 0);
  mtc0(12, 0, (s & ~1u) | (state & 1u));
}

/* hal_wait(status): Status = status (interrupts on), then WAIT. hal_wait_window is the first
 * instruction that can be interrupted (the one after the Status write), hal_wait_insn the WAIT. */
void hal_wait(uint32_t status);
__asm__(".text\n.set push\n.set noreorder\n.globl hal_wait\nhal_wait:\n"
        "  mtc0 $4, $12\nhal_wait_window:\n  ehb\nhal_wait_insn:\n  wait\n  jr $31\n  nop\n.set pop\n");

void hal_idle(int timer)
{
  uint32_t s = mfc0(12, 0);
  /* Without the timer line a waiting CPU stays asleep until an IPI or the disk wakes it (the
   * machine then charges it no cycles); with it, the machine skips ahead to the next tick. */
  uint32_t on = (timer ? s : s & ~(1u << (8 + 7))) | 1u;
  hal_wait(on);
  mtc0(12, 0, s & ~1u);
}

/* An interrupt taken anywhere between the Status write of hal_wait and its WAIT (the EHB or the
 * WAIT itself) would otherwise be followed by a WAIT that nothing ends, since the interrupt that
 * made a process runnable has been served: resume after the WAIT instead. Checking only the WAIT
 * missed an interrupt taken at the EHB, and a disk completion landing there on the one CPU that
 * takes the disk's interrupt left the machine idle with the woken process never run. */
uint32_t hal_idle_resume(uint32_t epc)
{
  extern char hal_wait_window[], hal_wait_insn[];
  return epc >= (uint32_t)hal_wait_window && epc <= (uint32_t)hal_wait_insn ? (uint32_t)hal_wait_insn + 4
                                                                            : epc;
}

/* ---- disk: one transfer at a time; the caller holds the kernel lock ------------------------ */

static volatile int disk_done;

void hal_disk_interrupt(void)
{
  if (DEV(DISK_STATUS) == 1)
    return;
  disk_done = (int)DEV(DISK_STATUS);
  DEV(DISK_ACK) = 1;
}

static int transfer(uint32_t command, int disk, uint32_t sector, uint32_t count, const void *buf)
{
  hal_disk_lock((int)command);
  DEV(DISK_SELECT) = (uint32_t)disk;
  DEV(DISK_SECTOR) = sector;
  DEV(DISK_COUNT) = count;
  DEV(DISK_ADDRESS) = HAL_V2P(buf);
  disk_done = 0;
  __asm__ __volatile__("sync" : : : "memory");
  DEV(DISK_COMMAND) = command;
  hal_disk_sleep(&disk_done);
  int status = disk_done;
  hal_disk_lock(0);
  return status == 2 ? 0 : -EIO;
}

int hal_disk_read(int disk, uint32_t sector, uint32_t count, void *buf)
{
  return transfer(1, disk, sector, count, buf);
}

int hal_disk_write(int disk, uint32_t sector, uint32_t count, const void *buf)
{
  return transfer(2, disk, sector, count, buf);
}

uint32_t hal_disk_sectors(int disk)
{
  DEV(DISK_SELECT) = (uint32_t)disk;
  return DEV(DISK_SIZE);
}

/* ---- the TLB -------------------------------------------------------------------------------- */

void hal_set_asid(uint32_t asid) { mtc0(10, 0, asid & 0xFF); /* EntryHi.ASID */ }

void hal_tlb_flush_all(void)
{
  uint32_t hi = mfc0(10, 0);
  uint32_t n = ((mfc0(16, 1) >> 25) & 63) + 1; /* Config1.MMUSize + 1 */
  mtc0(2, 0, 0);
  mtc0(3, 0, 0);
  mtc0(5, 0, 0);
  for (uint32_t i = 0; i < n; i++) {
    mtc0(10, 0, 0x80000000u + (i << 13)); /* unique, unmapped (kseg0) VPN2s never match */
    mtc0(0, 0, i);
    __asm__ __volatile__("tlbwi\n\tehb" : : : "memory");
  }
  mtc0(10, 0, hi);
}

void hal_tlb_update(uint32_t va, uint32_t asid, uint32_t lo0, uint32_t lo1)
{
  uint32_t hi = mfc0(10, 0);
  mtc0(10, 0, (va & ~0x1FFFu) | (asid & 0xFF));
  __asm__ __volatile__("tlbp\n\tehb" : : : "memory");
  if (!(mfc0(0, 0) & 0x80000000u)) {
    mtc0(2, 0, lo0);
    mtc0(3, 0, lo1);
    __asm__ __volatile__("tlbwi\n\tehb" : : : "memory");
  }
  mtc0(10, 0, hi);
}

void hal_set_tls(uint32_t value) { mtc0(4, 2, value); }

/* ---- page hints: on bare hardware the kernel does the work itself -------------------------- */

void hal_page_zero(paddr_t pa)
{
  uint32_t *p = HAL_P2V(pa);
  for (int i = 0; i < 1024; i += 4)
    p[i] = p[i + 1] = p[i + 2] = p[i + 3] = 0;
}

void hal_page_copy(paddr_t dst, paddr_t src)
{
  uint32_t *d = HAL_P2V(dst);
  const uint32_t *s = HAL_P2V(src);
  for (int i = 0; i < 1024; i++)
    d[i] = s[i];
}

void hal_page_freed(paddr_t pa) { (void)pa; }
