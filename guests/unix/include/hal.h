/*
 * The seam: everything that differs between the kernel on bare hardware (hal/bare.c, kernel mode,
 * kseg0, the machine's devices) and the kernel under the Disco monitor (a later hal/disco.c,
 * supervisor mode, monitor calls). Nothing else in the kernel touches a device register, a
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

#endif
