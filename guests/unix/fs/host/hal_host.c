/*
 * The disk and time part of the seam (include/hal.h) on the host: disk 0 is an image file, the
 * clock stands still. For the file system's tests (fstest.c).
 */
#include "hal_host.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hal.h"

static int image_fd = -1;
static uint32_t image_sectors;
struct hal_host_stats hal_host_stats;

/* 2024-01-01T00:00:00Z, when the machine's clock starts (docs/devices.md): in the past, so
 * e2fsck finds no time in the future. */
#define HOST_TIME 1704067200u

int hal_host_open(const char *path) {
  if (image_fd >= 0) {
    close(image_fd);
  }
  image_fd = open(path, O_RDWR);
  if (image_fd < 0) {
    perror(path);
    return -1;
  }
  struct stat st;
  if (fstat(image_fd, &st) != 0) {
    return -1;
  }
  image_sectors = (uint32_t)(st.st_size / 512);
  return 0;
}

void hal_host_close(void) {
  if (image_fd >= 0) {
    close(image_fd);
    image_fd = -1;
  }
}

static int transfer(int disk, uint32_t sector, uint32_t count, void *buf, int write) {
  if (disk != 0 || image_fd < 0 || (uint64_t)sector + count > image_sectors) {
    return -5; /* -EIO */
  }
  off_t at = (off_t)sector * 512;
  size_t n = (size_t)count * 512;
  ssize_t done = write ? pwrite(image_fd, buf, n, at) : pread(image_fd, buf, n, at);
  if (done != (ssize_t)n) {
    return -5;
  }
  if (write) {
    hal_host_stats.sectors_written += count;
  } else {
    hal_host_stats.sectors_read += count;
  }
  return 0;
}

int hal_disk_read(int disk, uint32_t sector, uint32_t count, void *buf) {
  return transfer(disk, sector, count, buf, 0);
}

int hal_disk_write(int disk, uint32_t sector, uint32_t count, const void *buf) {
  return transfer(disk, sector, count, (void *)buf, 1);
}

uint32_t hal_disk_sectors(int disk) { return disk == 0 && image_fd >= 0 ? image_sectors : 0; }

uint32_t hal_time_seconds(void) { return HOST_TIME; }
