/* The host's disk (an image file) for the file system's tests: see hal_host.c. */
#ifndef UNIX_FS_HAL_HOST_H
#define UNIX_FS_HAL_HOST_H

#include <stdint.h>

struct hal_host_stats {
  uint64_t sectors_read, sectors_written;
};
extern struct hal_host_stats hal_host_stats;

/* Opens the image as disk 0: 0, or -1 (with a message). */
int hal_host_open(const char *path);
void hal_host_close(void);

#endif
