/*
 * The file system as the kernel sees it: the ext2 implementation (fs/) offers these calls to the
 * kernel's system calls and path lookup (kernel/). Every call returns 0 or a count on success and
 * a negative errno (Linux's numbers, <errno.h> values of the o32 ABI) on failure. Inode numbers
 * are ext2's. The file system is not reentrant: callers hold the kernel lock (see kernel/README).
 *
 * The file system reaches the disk only through the block layer (fs/bcache.c), which reaches it
 * only through hal_disk_read/hal_disk_write (hal.h): so the same code runs in the kernel, bare or
 * under the monitor, and on the host against an image file (fs/host/, the file system's tests).
 */
#ifndef UNIX_FS_H
#define UNIX_FS_H

#include <stdint.h>

#define FS_ROOT_INO 2u

struct fs_stat {
  uint32_t ino;
  uint32_t mode;   /* S_IFMT type bits and permissions, as in ext2's i_mode */
  uint32_t nlink;
  uint32_t uid, gid;
  uint64_t size;
  uint32_t atime, mtime, ctime; /* seconds since 1970 */
  uint32_t blocks;              /* 512-byte units, as st_blocks */
  uint32_t rdev;
};

/* Mounts the ext2 file system (revision 0 or 1, 1 KB to 4 KB blocks) on disk `disk` as the root. */
int fs_mount(int disk);

/* One path component `name` (`namelen` bytes, no '/') in directory `dir`: its inode in *ino. */
int fs_lookup(uint32_t dir, const char *name, int namelen, uint32_t *ino);

int fs_stat(uint32_t ino, struct fs_stat *st);

/* Reads up to n bytes at offset off; returns the count (0 at or past the end). */
long fs_read(uint32_t ino, uint64_t off, void *buf, uint32_t n);

/* Writes n bytes at offset off, allocating blocks and extending the size as needed. */
long fs_write(uint32_t ino, uint64_t off, const void *buf, uint32_t n);

/* Sets the size: frees blocks past it, or extends with a hole (reads as zeros). */
int fs_truncate(uint32_t ino, uint64_t size);

/* New regular file / directory / symbolic link `name` in `dir` (-EEXIST if the name is taken). */
int fs_create(uint32_t dir, const char *name, int namelen, uint32_t mode, uint32_t *ino);
int fs_mkdir(uint32_t dir, const char *name, int namelen, uint32_t mode, uint32_t *ino);
int fs_symlink(uint32_t dir, const char *name, int namelen, const char *target, uint32_t *ino);

/* Removes a non-directory entry (-EISDIR for a directory); frees the inode at its last link. */
int fs_unlink(uint32_t dir, const char *name, int namelen);
/* Removes an empty directory (-ENOTEMPTY otherwise). */
int fs_rmdir(uint32_t dir, const char *name, int namelen);
/* rename(2) semantics within the one file system, replacing an existing target as Linux does. */
int fs_rename(uint32_t olddir, const char *oldname, int oldlen,
              uint32_t newdir, const char *newname, int newlen);
/* A new hard link `name` in `dir` to inode `ino` (not a directory). */
int fs_link(uint32_t ino, uint32_t dir, const char *name, int namelen);

/*
 * Directory entries from position *pos as Linux `struct linux_dirent64` records (d_ino u64,
 * d_off s64, d_reclen u16, d_type u8, d_name NUL-terminated, each record 8-byte aligned), in the
 * byte order of the running kernel; advances *pos. Returns the bytes written, 0 at the end, or
 * -EINVAL if not even one record fits in n.
 */
long fs_getdents64(uint32_t dir, uint64_t *pos, void *buf, uint32_t n);

long fs_readlink(uint32_t ino, char *buf, uint32_t n);

/* Sets mtime/atime (utimensat), and mode bits (chmod). */
int fs_set_times(uint32_t ino, uint32_t atime, uint32_t mtime);
int fs_chmod(uint32_t ino, uint32_t mode);

/* Writes every dirty buffer, the superblock and the group descriptors to disk. */
int fs_sync(void);

#endif
