/*
 * The seam: everything that differs between the kernel on bare hardware (hal/bare.c, kernel mode,
 * kseg0, the machine's devices) and the kernel under the Disco monitor (hal/disco.c, supervisor
 * mode, monitor calls). Nothing else in the kernel touches a device register, a
 * privileged register or a physical address directly. Its size is reported as the cost of the
 * port: keep it small.
 *
 * This header starts with the part the file system needs (disk, time); the kernel adds the rest
 * (physical memory access, privileged registers, console, interrupts, IPIs, idle, page hints).
 */
#ifndef UNIX_HAL_H
#define UNIX_HAL_H

#include <stdint.h>

/*
 * Synchronous disk transfers of `count` 512-byte sectors from `sector` of disk `disk` into / out
 * of the kernel buffer `buf` (a kernel virtual address; the HAL translates it for the DMA).
 * Return 0, or -EIO on a controller error. The caller holds the kernel lock; the bare HAL may
 * wait for the completion interrupt, letting other CPUs run, or poll.
 */
int hal_disk_read(int disk, uint32_t sector, uint32_t count, void *buf);
int hal_disk_write(int disk, uint32_t sector, uint32_t count, const void *buf);
/* The size of disk `disk` in sectors (0 if there is none). */
uint32_t hal_disk_sectors(int disk);

/* Seconds since 1970, for file times. */
uint32_t hal_time_seconds(void);

/* ---- the kernel's part of the seam ------------------------------------------------------------ */

/*
 * Physical memory. The kernel holds physical addresses (paddr_t) in its page tables and reaches
 * the bytes only through HAL_P2V; a kernel pointer to a page goes back through HAL_V2P. The bare
 * build uses kseg0 (cached, unmapped); the monitor build (HAL_DISCO, hal/disco.c) the supervisor
 * segment, where guest-physical pa is at DISCO_PHYS_BASE + pa (docs/monitor-interface.md).
 */
typedef uint32_t paddr_t;
#ifdef HAL_DISCO
#include "disco_monitor.h"
#define HAL_P2V(pa) ((void *)((uint32_t)(pa) + DISCO_PHYS_BASE))
#define HAL_V2P(va) ((paddr_t)((uint32_t)(va) - DISCO_PHYS_BASE))
#else
#define HAL_P2V(pa) ((void *)((uint32_t)(pa) | 0x80000000u))
#define HAL_V2P(va) ((paddr_t)((uint32_t)(va) & 0x1FFFFFFFu))
#endif

/* The machine: CPUs, memory, the halt register. */
void hal_init(uint32_t boot_sp);          /* CPU 0, first thing: learns the memory size */
uint32_t hal_cpu_count(void);
uint32_t hal_cpu_id(void);
uint32_t hal_memory_bytes(void);          /* all RAM reachable through HAL_P2V */
uint32_t hal_node_bytes(void);            /* RAM per node (each node's top holds boot stacks) */
void hal_halt(int status) __attribute__((noreturn));
void hal_start_cpu(uint32_t cpu);         /* starts a parked CPU at the kernel entry */
void hal_ipi(uint32_t cpu);               /* interrupts a running CPU (IRQ_IPI) */
void hal_ipi_ack(void);
void hal_cpu_init(uint32_t cpu);          /* per CPU: vectors, Context, timer, interrupt masks */

/* Console: one byte out; input bytes waiting (0 = none left: input is read at start). */
void hal_console_putc(int c);
int hal_console_getc(void);               /* -1 when no byte is waiting */

/* Time. */
uint64_t hal_time_nanos(void);            /* nanoseconds since 1970 */
uint32_t hal_cycles(void);                /* the machine's cycle counter (low 32 bits) */
void hal_timer_arm(uint32_t interval);    /* next timer interrupt `interval` cycles from now */

/* Interrupts: the lines (Cause.IP numbers) and the interrupt-enable of this CPU. */
#define IRQ_CONSOLE 2
#define IRQ_IPI 3
#define IRQ_DISK 4
#define IRQ_TIMER 7
uint32_t hal_irq_save(void);              /* disables; returns the previous state */
void hal_irq_restore(uint32_t state);
void hal_idle(int timer);                 /* interrupts on (the timer too if asked), wait, off */
uint32_t hal_idle_resume(uint32_t epc);   /* where an interrupt of the idle loop returns to */
void hal_disk_interrupt(void);            /* IRQ_DISK: acknowledges; the waiting transfer ends */

/* The TLB and the per-CPU state the refill handler reads. */
void hal_set_asid(uint32_t asid);        /* the address space the TLB now matches */
void hal_tlb_flush_all(void);
void hal_tlb_update(uint32_t va, uint32_t asid, uint32_t lo0, uint32_t lo1); /* if present */
void hal_set_tls(uint32_t value);         /* what `rdhwr $29` returns in user mode */

/* Page hints: a freed page, a page to be zeroed. */
void hal_page_zero(paddr_t pa);
void hal_page_copy(paddr_t dst, paddr_t src);
void hal_page_freed(paddr_t pa);

/* What the HAL asks of the kernel: exclusive use of the disk controller (take: 1 before a read,
 * 2 before a write, 0 after either), and waiting until a transfer's flag is set. */
void hal_disk_lock(int take);
void hal_disk_sleep(volatile int *flag);

#endif
