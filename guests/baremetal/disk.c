/* disk: DMA through the disk controller. Needs disk 0 (at least 8 sectors), made by mkdisk.py:
 * the byte at offset k is (5*k + k/512) & 0xff.
 *
 *  1. reads sectors 0..3 into memory, polling the status register; prints their checksum
 *     (h = h*31 + byte over the bytes, from 0, modulo 2^32), their first 16 bytes, and whether
 *     they hold the generator's pattern;
 *  2. inverts every byte and writes the result to sectors 4..7, this time waiting for the
 *     completion interrupt (IP4) with interrupts enabled;
 *  3. reads sectors 4..7 back into a second buffer (polling) and compares.
 * Halts with 0 when the read-back matches, 1 on a mismatch or a device error. It overwrites
 * sectors 4..7 of the image; sectors 0..3 stay as they were, so a second run prints the same. */
#include "lib.h"

#define SECTORS 4
#define BYTES (SECTORS * SECTOR_BYTES)

/* DMA buffers, line-aligned (not required by the controller, but tidy). */
static u8 buf[BYTES] __attribute__((aligned(128)));
static u8 back[BYTES] __attribute__((aligned(128)));

static volatile u32 irq_status; /* the status the interrupt handler saw; 0 until then */

static void start(u32 command, u32 sector, void *memory)
{
  DEV_REG(DISK_SELECT) = 0;
  DEV_REG(DISK_SECTOR) = sector;
  DEV_REG(DISK_COUNT) = SECTORS;
  DEV_REG(DISK_ADDRESS) = PHYS(memory); /* kseg0 address -> machine address */
  __asm__ __volatile__("sync" : : : "memory"); /* our stores to the buffer before the command */
  DEV_REG(DISK_COMMAND) = command;
}

/* Polls the status register until the transfer ends, acknowledges it, returns the final status. */
static u32 poll(void)
{
  u32 s;
  while ((s = DEV_REG(DISK_STATUS)) == DISK_BUSY)
    ;
  DEV_REG(DISK_ACK) = 1; /* status back to idle, IP4 cleared */
  return s;
}

static void on_interrupt(u32 pending)
{
  if (pending & CAUSE_IP(IRQ_DISK)) {
    irq_status = DEV_REG(DISK_STATUS);
    DEV_REG(DISK_ACK) = 1; /* clears IP4 */
  } else {
    printf("disk: unexpected interrupt, pending 0x%04x\n", pending);
    halt(2);
  }
}

/* A position-sensitive checksum: h = h * 31 + byte, from 0, modulo 2^32. */
static u32 checksum(const u8 *p, u32 n)
{
  u32 h = 0;
  for (u32 i = 0; i < n; i++)
    h = h * 31 + p[i];
  return h;
}

static int fail(const char *what, u32 status)
{
  printf("disk: %s failed, status %u\n", what, status);
  return 1;
}

int main(u32 cpu)
{
  (void)cpu;
  DEV_REG(DISK_SELECT) = 0;
  u32 size = DEV_REG(DISK_SIZE);
  printf("disk 0: %u sectors\n", size);
  if (size < 2 * SECTORS) {
    printf("disk: need a disk 0 of at least %u sectors (guests/baremetal/mkdisk.py)\n", 2 * SECTORS);
    return 1;
  }

  /* 1. read sectors 0..3, polling */
  start(DISK_CMD_READ, 0, buf);
  u32 s = poll();
  if (s != DISK_DONE)
    return fail("read of sectors 0-3", s);
  printf("read sectors 0-3: checksum 0x%08x\n", checksum(buf, BYTES));
  printf("first bytes:");
  for (int i = 0; i < 16; i++)
    printf(" %02x", buf[i]);
  printf("\n");
  u32 bad = BYTES;
  for (u32 k = 0; k < BYTES && bad == BYTES; k++)
    if (buf[k] != (u8)(5 * k + k / SECTOR_BYTES))
      bad = k;
  if (bad == BYTES)
    printf("pattern: as mkdisk.py writes it\n");
  else
    printf("pattern: differs from mkdisk.py's at byte %u\n", bad);

  /* 2. invert, write to sectors 4..7, wait for the completion interrupt */
  for (u32 k = 0; k < BYTES; k++)
    buf[k] = (u8)~buf[k];
  printf("inverted: checksum 0x%08x\n", checksum(buf, BYTES));
  set_interrupt_handler(on_interrupt);
  DEV_REG(DISK_IRQ_CPU) = 0; /* the completion interrupt comes to us (the default) */
  irq_status = 0;
  mtc0(12, 0, ST_IM(IRQ_DISK) | ST_IE);
  start(DISK_CMD_WRITE, SECTORS, buf);
  while (irq_status == 0)
    ; /* the handler sets it; spinning (not WAIT) leaves no window to miss the interrupt */
  mtc0(12, 0, 0);
  if (irq_status != DISK_DONE)
    return fail("write of sectors 4-7", irq_status);
  printf("wrote sectors 4-7 (completion interrupt)\n");

  /* 3. read them back, polling, and compare */
  memset(back, 0, BYTES);
  start(DISK_CMD_READ, SECTORS, back);
  s = poll();
  if (s != DISK_DONE)
    return fail("read of sectors 4-7", s);
  printf("read back sectors 4-7: checksum 0x%08x\n", checksum(back, BYTES));
  for (u32 k = 0; k < BYTES; k++) {
    if (back[k] != buf[k]) {
      printf("disk: MISMATCH at byte %u: wrote 0x%02x, read 0x%02x\n", k, buf[k], back[k]);
      return 1;
    }
  }
  printf("disk: read-back matches\n");
  return 0;
}
