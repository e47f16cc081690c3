/* disk: the monitor's disk calls on disk 0, an 8-sector image made by guests/baremetal/mkdisk.py
 * (images/disk0.img: the byte at offset k is (5*k + k/512) & 0xff).
 *
 *  1. DISCO_MC_DISK_SECTORS of disk 0 (8) and of disk 1 (none: 0);
 *  2. DISCO_MC_DISK_READ of sectors 0..3: prints the checksum (h = h*31 + byte, from 0, modulo
 *     2^32) and the first 16 bytes, and checks the generator's pattern;
 *  3. inverts the bytes, DISCO_MC_DISK_WRITE to sectors 4..7, reads them back into another buffer
 *     and compares;
 *  4. the errors the interface names: a sector beyond the disk (-5), a buffer not 512-byte
 *     aligned (-22), a disk the VM lacks (-22).
 * Halts with 0 when everything matched, 1 otherwise. It overwrites sectors 4..7 with the same
 * bytes each run: run it on a copy of the image (or a snapshot disk). */
#include "lib.h"

#define SECTOR 512
#define SECTORS 4
#define BYTES (SECTORS * SECTOR)

static u8 buf[BYTES] __attribute__((aligned(SECTOR)));
static u8 back[BYTES] __attribute__((aligned(SECTOR)));
static int failures;

static s32 disk_call(u32 call, u32 disk, u32 sector, u32 count, u32 pa)
{
  return (s32)mcall(call, disk, sector, count, pa);
}

/* h = h*31 + byte over the bytes, from 0, modulo 2^32 */
static u32 checksum(const u8 *p, u32 n)
{
  u32 h = 0;
  while (n--)
    h = h * 31 + *p++;
  return h;
}

static void expect(const char *what, s32 got, s32 want)
{
  printf("%s: %d%s\n", what, got, got == want ? "" : " FAILED");
  failures += got != want;
}

/* Prints "what: same" when the buffers agree, else where they first differ. */
static void compare(const char *what, const char *same, const u8 *got, const u8 *want)
{
  u32 k = 0;
  while (k < BYTES && got[k] == want[k])
    k++;
  if (k == BYTES) {
    printf("%s: %s\n", what, same);
  } else {
    printf("%s: differs at byte %u FAILED\n", what, k);
    failures++;
  }
}

int main(u32 vcpu)
{
  (void)vcpu;
  u32 sectors = mcall1(DISCO_MC_DISK_SECTORS, 0);
  printf("disk 0: %u sectors\n", sectors);
  printf("disk 1: %u sectors\n", mcall1(DISCO_MC_DISK_SECTORS, 1));
  if (sectors < 2 * SECTORS) {
    printf("disk: needs a disk 0 of at least %u sectors (images/disk0.img)\n", 2 * SECTORS);
    return 1;
  }

  expect("read sectors 0-3", disk_call(DISCO_MC_DISK_READ, 0, 0, SECTORS, PA(buf)), 0);
  printf("checksum 0x%8x\n", checksum(buf, BYTES));
  printf("first bytes:");
  for (int i = 0; i < 16; i++)
    printf(" %2x", buf[i]);
  printf("\n");
  for (u32 k = 0; k < BYTES; k++)
    back[k] = (u8)(5 * k + k / SECTOR);
  compare("pattern", "as mkdisk.py writes it", buf, back);

  for (u32 k = 0; k < BYTES; k++)
    buf[k] = (u8)~buf[k];
  printf("inverted: checksum 0x%8x\n", checksum(buf, BYTES));
  expect("write sectors 4-7", disk_call(DISCO_MC_DISK_WRITE, 0, SECTORS, SECTORS, PA(buf)), 0);
  memset(back, 0, BYTES);
  expect("read sectors 4-7", disk_call(DISCO_MC_DISK_READ, 0, SECTORS, SECTORS, PA(back)), 0);
  printf("read back: checksum 0x%8x\n", checksum(back, BYTES));
  compare("read back", "matches what was written", back, buf);

  expect("read of the first sector beyond the disk",
         disk_call(DISCO_MC_DISK_READ, 0, sectors, 1, PA(back)), -5);
  expect("read into a buffer not 512-byte aligned",
         disk_call(DISCO_MC_DISK_READ, 0, 0, 1, PA(back) + 4), -22);
  expect("read from disk 7, which the vm lacks",
         disk_call(DISCO_MC_DISK_READ, 7, 0, 1, PA(back)), -22);

  if (failures) {
    printf("disk: %u checks FAILED\n", failures);
    return 1;
  }
  printf("disk: ok\n");
  return 0;
}
