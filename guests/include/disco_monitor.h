/*
 * disco_monitor.h: the interface between a guest kernel and the Disco monitor
 * (docs/monitor-interface.md). The one header every disco build includes; the monitor's Java
 * constants (disco.monitor.MonitorInterface) are checked against it by a test.
 *
 * A guest kernel under Disco runs in supervisor mode. It reaches:
 *   - its physical memory through the supervisor segment: guest-physical pa at DISCO_PHYS_BASE + pa
 *     (the relinked replacement of kseg0, Disco paper section 4.3.1);
 *   - its side-effect-free privileged registers through loads from the privileged-register page at
 *     DISCO_PRIV_PAGE (read-only; section 4.3.3);
 *   - everything else privileged through the ordinary instructions (MTC0, TLBWR, ERET, ...), which
 *     trap and are emulated, or through monitor calls.
 *
 * A monitor call is a SYSCALL executed in the guest's kernel mode: $v0 ($2) holds the call number,
 * $a0..$a3 ($4..$7) the arguments; the result comes back in $v0 (and $v1 for 64-bit results), every
 * other register is preserved and execution goes on after the SYSCALL. Errors are negative errno
 * values. A SYSCALL executed by the guest's user mode is the guest's own system call: it is
 * reflected to the guest kernel as on bare hardware.
 */
#ifndef DISCO_MONITOR_H
#define DISCO_MONITOR_H

/* ---- address space -------------------------------------------------------------------------- */
#define DISCO_PHYS_BASE 0xC0000000u   /* guest-physical 0 in the supervisor segment */
#define DISCO_PHYS_MAX 0x1FF00000u    /* the most memory a VM can have (bytes) */
#define DISCO_PRIV_PAGE 0xDFFFF000u   /* the privileged-register page (read-only) */

/* ---- the privileged-register page: byte offsets of 32-bit words ------------------------------ */
#define DISCO_PRIV_STATUS 0x00        /* virtual Status */
#define DISCO_PRIV_CAUSE 0x04         /* virtual Cause */
#define DISCO_PRIV_EPC 0x08           /* virtual EPC */
#define DISCO_PRIV_BADVADDR 0x0C      /* virtual BadVAddr */
#define DISCO_PRIV_CONTEXT 0x10       /* virtual Context (PTEBase as written, BadVPN2 as set) */
#define DISCO_PRIV_ENTRYHI 0x14       /* virtual EntryHi */
#define DISCO_PRIV_EBASE 0x18         /* virtual EBase (CPUNum = the vCPU number) */
#define DISCO_PRIV_COMPARE 0x1C       /* virtual Compare */
#define DISCO_PRIV_VCPU 0x20          /* this vCPU's number, 0..count-1 */
#define DISCO_PRIV_VCPU_COUNT 0x24    /* the VM's vCPUs */
#define DISCO_PRIV_MEMORY_BYTES 0x28  /* the VM's physical memory, bytes */
#define DISCO_PRIV_ENTRYLO0 0x2C      /* virtual EntryLo0 */
#define DISCO_PRIV_ENTRYLO1 0x30      /* virtual EntryLo1 */
#define DISCO_PRIV_INDEX 0x34         /* virtual Index */
#define DISCO_PRIV_USERLOCAL 0x38     /* virtual UserLocal */
#define DISCO_PRIV_SIZE 0x3C          /* bytes in use */

/* ---- monitor calls ($v0) --------------------------------------------------------------------- */
#define DISCO_MC_PUTC 1           /* (byte): one byte to this VM's console -> 0 */
#define DISCO_MC_GETC 2           /* (): the next console input byte, or -1 */
#define DISCO_MC_DISK_READ 3      /* (disk, sector, count, pa): count sectors into guest-physical pa */
#define DISCO_MC_DISK_WRITE 4     /* (disk, sector, count, pa): out of guest-physical pa */
#define DISCO_MC_DISK_SECTORS 5   /* (disk): its size in 512-byte sectors, 0 if there is none */
#define DISCO_MC_IDLE 6           /* (): deschedule until an interrupt Status.IM enables is pending */
#define DISCO_MC_HALT 7           /* (status): the VM stops with exit status (status & 0xff) */
#define DISCO_MC_IPI 8            /* (vcpu): raises IP3 on that vCPU of this VM */
#define DISCO_MC_IPI_ACK 9        /* (): clears this vCPU's IP3 */
#define DISCO_MC_START_CPU 10     /* (vcpu): starts a parked vCPU at the kernel entry */
#define DISCO_MC_TIME_NANOS 11    /* (): nanoseconds since 1970: $v0 low word, $v1 high word */
#define DISCO_MC_PAGE_ZERO 12     /* (pa): zero the page at guest-physical pa (4 KB aligned) */
#define DISCO_MC_PAGE_FREED 13    /* (pa): hint: the page's contents are dead */

/*
 * Disk transfers are synchronous: the vCPU is descheduled until the DMA completes (other vCPUs
 * run). pa must be 512-byte aligned and [pa, pa + count * 512) inside the VM's memory.
 * Errors: -EFAULT (14) memory the VM does not own, -EINVAL (22) bad alignment, vCPU or disk,
 * -EIO (5) sectors beyond the disk, -ENOSYS (38) unknown call.
 */

/* ---- virtual interrupt lines (Cause.IP numbers, as on bare hardware) ------------------------- */
#define DISCO_IRQ_IPI 3
#define DISCO_IRQ_TIMER 7

#endif
