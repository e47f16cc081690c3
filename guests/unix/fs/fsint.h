/*
 * Internal helpers of the file system (fs/): little-endian field access, byte copies, and the
 * errno values it returns. Everything is static inline or fs_-prefixed, so nothing here clashes
 * with the kernel's own memcpy/memset or errno header (the kernel is freestanding, no libc).
 */
#ifndef UNIX_FS_INT_H
#define UNIX_FS_INT_H

#include <stdint.h>

/*
 * Linux errno numbers of the MIPS o32 ABI (arch/mips/include/uapi/asm/errno.h): the low ones are
 * the generic ones; ENAMETOOLONG and ENOTEMPTY differ from other architectures.
 */
#define FS_EPERM 1
#define FS_ENOENT 2
#define FS_EIO 5
#define FS_EBUSY 16
#define FS_EEXIST 17
#define FS_EXDEV 18
#define FS_ENOTDIR 20
#define FS_EISDIR 21
#define FS_EINVAL 22
#define FS_EFBIG 27
#define FS_ENOSPC 28
#define FS_EROFS 30
#define FS_EMLINK 31
#define FS_ENAMETOOLONG 78
#define FS_ENOTEMPTY 93

/*
 * Every on-disk ext2 field is little-endian ("The Second Extended File System", Definitions): read
 * and write them a byte at a time, so neither the kernel's byte order nor alignment matters.
 */
static inline uint16_t fs_le16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t fs_le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline void fs_put16(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static inline void fs_put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static inline void fs_memcpy(void *dst, const void *src, uint32_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  while (n--) {
    *d++ = *s++;
  }
}
static inline void fs_memset(void *dst, int c, uint32_t n) {
  uint8_t *d = dst;
  while (n--) {
    *d++ = (uint8_t)c;
  }
}
static inline int fs_memeq(const void *a, const void *b, uint32_t n) {
  const uint8_t *x = a, *y = b;
  while (n--) {
    if (*x++ != *y++) {
      return 0;
    }
  }
  return 1;
}

#endif
