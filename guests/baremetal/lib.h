/*
 * lib.h: the little runtime every bare-metal guest shares. See docs/devices.md for the devices.
 *
 * Everything here runs in kernel mode, unmapped: code and data in kseg0 (cached), device
 * registers through kseg1 (uncached) at 0xBF000000.
 */
#ifndef GUEST_LIB_H
#define GUEST_LIB_H

typedef unsigned int u32;
typedef unsigned char u8;

/* ---- device registers (offsets from the device window, docs/devices.md) ------------------- */

#define DEV_BASE 0xBF000000u
#define DEV_REG(off) (*(volatile u32 *)(DEV_BASE + (off)))

#define CONSOLE_TX 0x000
#define CONSOLE_RX_STATUS 0x004
#define CONSOLE_RX_DATA 0x008
#define HALT_REG 0x100
#define RTC_SECONDS 0x200
#define RTC_NANOS 0x204
#define RTC_CYCLES 0x208
#define IPI_SEND 0x300
#define IPI_ACK 0x304
#define IPI_CPU_NUMBER 0x308
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

#define DISK_CMD_READ 1
#define DISK_CMD_WRITE 2
#define DISK_IDLE 0
#define DISK_BUSY 1
#define DISK_DONE 2
#define DISK_ERROR 3

#define SECTOR_BYTES 512

/* ---- CP0 ------------------------------------------------------------------------------------ */

#define CP0_COUNT 9
#define CP0_COMPARE 11
#define CP0_STATUS 12
#define CP0_CAUSE 13
#define CP0_EPC 14
#define CP0_PRID 15 /* select 0; EBase is 15 select 1 */

#define mfc0(reg, sel)                                                   \
  ({                                                                     \
    u32 mfc0_v_;                                                         \
    __asm__ __volatile__("mfc0 %0, $" #reg ", " #sel : "=r"(mfc0_v_)); \
    mfc0_v_;                                                             \
  })

/* mtc0 then ehb, so that the write is seen by the next instruction (MIPS32r2 hazard barrier). */
#define mtc0(reg, sel, value)                                                                   \
  __asm__ __volatile__("mtc0 %0, $" #reg ", " #sel "\n\tehb" : : "r"((u32)(value)) : "memory")

/* Status bits */
#define ST_IE 0x00000001u
#define ST_EXL 0x00000002u
#define ST_BEV 0x00400000u
#define ST_IM(line) (1u << (8 + (line)))

/* Cause bits */
#define CAUSE_EXCCODE(c) (((c) >> 2) & 31)
#define CAUSE_IP(line) (1u << (8 + (line)))

/* Interrupt lines (Cause.IP n), docs/devices.md */
#define IRQ_CONSOLE 2
#define IRQ_IPI 3
#define IRQ_DISK 4
#define IRQ_HOTPAGE 5
#define IRQ_TIMER 7

/* The low 29 bits of a kseg0/kseg1 address: the physical (machine) address. */
#define PHYS(p) ((u32)(p) & 0x1FFFFFFFu)

/* ---- crt0 ----------------------------------------------------------------------------------- */

/* CPU 0's $sp at boot, saved by crt0: 0x80000000 + memoryPerNode - 16 (the boot protocol). */
extern u32 boot_sp;
/* CPU 0's $a1 at boot: the kseg0 address of the kernel command line (disco run --append), or 0. */
extern u32 boot_cmdline;
/* Bytes of memory per node, derived from boot_sp (and the command line's place below the top). */
u32 memory_per_node(void);

/* ---- console -------------------------------------------------------------------------------- */

void putc(int c);
void puts(const char *s); /* no newline added */
/* printf with %s %c %d %u %x and an optional '0' flag and width (%08x); nothing else. */
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- machine -------------------------------------------------------------------------------- */

void halt(int status) __attribute__((noreturn));
u32 cpu_count(void);
u32 cpu_number(void);
u32 rtc_cycles(void);
void ipi_send(u32 cpu);
void ipi_ack(void);

/* ---- interrupts and exceptions ---------------------------------------------------------------- */

/*
 * The handler called for an interrupt exception (ExcCode 0) with the pending, enabled lines
 * (Cause.IP & Status.IM, bits 15..8). It runs with EXL=1 (interrupts off) on the interrupted stack,
 * and must remove the cause of each line it serves. Any other exception, or an interrupt with no
 * handler installed, prints a report and halts with status 3.
 */
typedef void (*interrupt_handler_t)(u32 pending);
void set_interrupt_handler(interrupt_handler_t h);

/* ---- synchronisation (LL/SC) ------------------------------------------------------------------ */

typedef volatile u32 spinlock_t; /* 0 free, 1 held */

static inline void spin_lock(spinlock_t *lock)
{
  u32 tmp;
  __asm__ __volatile__(
      "  .set push\n"
      "  .set noreorder\n"
      "1: ll    %0, 0(%1)\n"    /* tmp = *lock, and link */
      "  bnez  %0, 1b\n"        /* held: try again */
      "   li   %0, 1\n"         /* (delay slot) tmp = 1 */
      "  sc    %0, 0(%1)\n"     /* *lock = 1 if still linked; tmp = success */
      "  beqz  %0, 1b\n"        /* link broken: try again */
      "   nop\n"
      "  sync\n"                /* acquire: later accesses stay after the lock */
      "  .set pop\n"
      : "=&r"(tmp)
      : "r"(lock)
      : "memory");
}

static inline void spin_unlock(spinlock_t *lock)
{
  __asm__ __volatile__("sync" : : : "memory"); /* release: earlier accesses stay before */
  *lock = 0;
}

/* *p += n atomically; returns the new value. */
static inline u32 atomic_add(volatile u32 *p, u32 n)
{
  u32 tmp, result;
  __asm__ __volatile__(
      "  .set push\n"
      "  .set noreorder\n"
      "1: ll    %0, 0(%2)\n"
      "  addu  %1, %0, %3\n"    /* result = old + n */
      "  move  %0, %1\n"
      "  sc    %0, 0(%2)\n"
      "  beqz  %0, 1b\n"
      "   nop\n"
      "  sync\n"
      "  .set pop\n"
      : "=&r"(tmp), "=&r"(result)
      : "r"(p), "r"(n)
      : "memory");
  return result;
}

/* wait for an interrupt (WAIT); returns once one is pending */
static inline void wait_for_interrupt(void)
{
  __asm__ __volatile__("wait" : : : "memory");
}

/* ---- memory --------------------------------------------------------------------------------- */

void *memset(void *dst, int c, unsigned n);
void *memcpy(void *dst, const void *src, unsigned n);
int memcmp(const void *a, const void *b, unsigned n);

/* Each program's entry, called by crt0 on every CPU that starts. On CPU 0 the return value is the
 * exit status (crt0 halts with it); another CPU parks when main returns. */
int main(u32 cpu);

#endif
