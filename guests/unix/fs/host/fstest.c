/*
 * The file system's host tests: the fs/ code (ext2.c, bcache.c) compiled for the host over an
 * image file (hal_host.c), driven against a model of what the tree must hold, and the result
 * judged by e2fsprogs (e2fsck -fn, debugfs rdump), which nobody here wrote.
 *
 *   fstest gen DIR                   writes the source tree that mke2fs -d copies
 *   fstest verify IMAGE DIR          every file, link and directory of IMAGE equals DIR's
 *   fstest random IMAGE SEED OPS     OPS pseudo-random operations checked against a model, then
 *                                    sync, e2fsck -fn, remount and compare, debugfs rdump compare
 *   fstest bigdir IMAGE N            N names (up to 255 bytes) in one directory
 *   fstest bigfile IMAGE             a dense file into double-indirect blocks, a sparse one into
 *                                    triple-indirect ones, truncated back step by step
 *   fstest fill IMAGE                the disk runs full (-ENOSPC); everything removed again gives
 *                                    back exactly the free counts of the start
 *   fstest htree IMAGE NAME          changes the hashed (dir_index) directory /NAME
 *   fstest errors IMAGE              each error the API promises
 *
 * Exit status: 0 when everything held; otherwise a bit set for each kind of failure: 1 the file
 * system disagreed with the model, 2 e2fsck found errors, 4 debugfs' view disagreed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../bcache.h"
#include "../fsint.h"
#include "fs.h"
#include "hal.h"
#include "hal_host.h"

#define FAIL_MODEL 1
#define FAIL_FSCK 2
#define FAIL_DUMP 4

static int failures;
static unsigned long checks;

static void fail(int kind, const char *fmt, ...) {
  failures |= kind;
  static int shown;
  if (++shown > 30) {
    if (shown == 31) {
      fprintf(stderr, "(more failures not shown)\n");
    }
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "FAIL: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
}

#define CHECK(cond, ...) do { checks++; if (!(cond)) fail(FAIL_MODEL, __VA_ARGS__); } while (0)
#define EXPECT_RC(got, want, what) \
  CHECK((long)(got) == (long)(want), "%s: got %ld, expected %ld", what, (long)(got), (long)(want))

/* ---- deterministic pseudo-random numbers (xorshift64*) ----------------------------------- */

static uint64_t rng_state = 88172645463325252ull;
static uint64_t rnd(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}
static uint32_t below(uint32_t n) { return n ? (uint32_t)(rnd() % n) : 0; }
static void fill_random(uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    p[i] = (uint8_t)(rnd() >> 32);
  }
}

static void *xmalloc(size_t n) {
  void *p = calloc(1, n ? n : 1);
  if (!p) {
    perror("calloc");
    exit(99);
  }
  return p;
}

/* ---- running e2fsprogs ------------------------------------------------------------------- */

static int run(const char *cmd) {
  int st = system(cmd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

/* e2fsck -fn: 0 means the file system is clean. */
static int fsck(const char *image) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "e2fsck -fn '%s' >fsck.log 2>&1", image);
  int rc = run(cmd);
  if (rc != 0) {
    fail(FAIL_FSCK, "e2fsck -fn %s: exit %d; its report:", image, rc);
    run("head -40 fsck.log >&2");
  } else {
    printf("  e2fsck -fn: clean\n");
  }
  return rc;
}

static void mount_image(const char *image) {
  if (hal_host_open(image) != 0) {
    exit(99);
  }
  int rc = fs_mount(0);
  if (rc != 0) {
    fprintf(stderr, "fs_mount(%s): %d\n", image, rc);
    exit(99);
  }
}

/* fs_sync, close the image, e2fsck -fn it; then, if `remount`, mount it again. */
static void sync_fsck(const char *image, int remount) {
  EXPECT_RC(fs_sync(), 0, "fs_sync");
  hal_host_close();
  fsck(image);
  if (remount) {
    mount_image(image);
  }
}

/* The superblock's free block and inode counts as on the disk; returns the block size. */
static uint32_t disk_free_counts(uint32_t *blocks, uint32_t *inodes) {
  uint8_t sb[1024];
  if (hal_disk_read(0, 2, 2, sb) != 0) {
    exit(99);
  }
  *blocks = fs_le32(sb + 12);
  *inodes = fs_le32(sb + 16);
  return 1024u << fs_le32(sb + 24);
}

/* ---- reading through the API ------------------------------------------------------------- */

static int is_type(uint32_t mode, uint32_t type) { return (mode & 0170000u) == type; }

/* The whole contents of file ino (malloc'd), its size in *n. */
static uint8_t *read_all(uint32_t ino, uint64_t *n) {
  struct fs_stat st;
  if (fs_stat(ino, &st) != 0) {
    *n = 0;
    return xmalloc(1);
  }
  uint8_t *buf = xmalloc(st.size + 1);
  uint64_t done = 0;
  while (done < st.size) {
    uint32_t want = 50000 + (uint32_t)(done % 7777); /* odd chunks cross block boundaries */
    long got = fs_read(ino, done, buf + done, want);
    if (got <= 0) {
      fail(FAIL_MODEL, "fs_read(%u, %llu): %ld before the end", ino, (unsigned long long)done, got);
      break;
    }
    done += (uint64_t)got;
  }
  long past = fs_read(ino, st.size, buf, 10);
  CHECK(past == 0, "fs_read at the end of %u returned %ld", ino, past);
  *n = done;
  return buf;
}

typedef void (*dirent_fn)(void *ctx, uint64_t ino, uint8_t type, const char *name);

/* Calls fn for each entry of directory dir, reading with a buffer of bufsize bytes. */
static void list_dir(uint32_t dir, uint32_t bufsize, dirent_fn fn, void *ctx) {
  uint8_t *buf = xmalloc(bufsize);
  uint64_t pos = 0;
  for (;;) {
    long n = fs_getdents64(dir, &pos, buf, bufsize);
    if (n < 0) {
      fail(FAIL_MODEL, "fs_getdents64(%u): %ld", dir, n);
      break;
    }
    if (n == 0) {
      break;
    }
    for (long at = 0; at < n;) {
      uint64_t ino;
      uint16_t reclen;
      memcpy(&ino, buf + at, 8);
      memcpy(&reclen, buf + at + 16, 2);
      if (reclen < 24 || (reclen & 7) || at + reclen > n) {
        fail(FAIL_MODEL, "bad dirent record length %u", reclen);
        free(buf);
        return;
      }
      fn(ctx, ino, buf[at + 18], (const char *)buf + at + 19);
      at += reclen;
    }
  }
  free(buf);
}

/* ---- gen: the source tree ---------------------------------------------------------------- */

static void gen_file(const char *path, size_t size) {
  uint8_t *data = xmalloc(size);
  fill_random(data, size);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
    perror(path);
    exit(99);
  }
  free(data);
}

static int cmd_gen(const char *dir) {
  char p[8192], q[8192];
  static const size_t sizes[] = {0, 1, 59, 60, 511, 1023, 1024, 1025, 4095, 4096, 4097, 12288,
                                 12289, 65536, 268 * 1024 + 1, 300000, 1100000, 2500000};
  mkdir(dir, 0755);
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    snprintf(p, sizeof p, "%s/file%zu", dir, sizes[i]);
    gen_file(p, sizes[i]);
  }
  snprintf(p, sizeof p, "%s/sub", dir);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/sub/deeper", dir);
  mkdir(p, 0700);
  snprintf(p, sizeof p, "%s/sub/deeper/leaf.txt", dir);
  gen_file(p, 777);
  snprintf(p, sizeof p, "%s/empty", dir);
  mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/many", dir);
  mkdir(p, 0755);
  for (int i = 0; i < 300; i++) {
    snprintf(p, sizeof p, "%s/many/entry-%04d-%.*s", dir, i, i % 60, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij");
    gen_file(p, (size_t)(i % 5) * 100);
  }
  char longname[256];
  memset(longname, 'L', 255);
  longname[255] = 0;
  snprintf(p, sizeof p, "%s/%s", dir, longname);
  gen_file(p, 5000);
  snprintf(p, sizeof p, "%s/short-link", dir);
  if (symlink("file1024", p) != 0) { perror(p); return 99; }
  snprintf(p, sizeof p, "%s/long-link", dir);
  snprintf(q, sizeof q, "sub/deeper/../deeper/../../%s/../sub/deeper/leaf.txt/and/a/long/tail", longname);
  if (symlink(q, p) != 0) { perror(p); return 99; }
  snprintf(p, sizeof p, "%s/dangling", dir);
  if (symlink("nowhere", p) != 0) { perror(p); return 99; }
  snprintf(p, sizeof p, "%s/file4096", dir);
  snprintf(q, sizeof q, "%s/sub/hardlink", dir);
  if (link(p, q) != 0) { perror(q); return 99; }
  return 0;
}

/* ---- verify: the image equals a host tree ------------------------------------------------ */

struct names {
  char **v;
  uint64_t *ino;
  int n, cap;
};

static void names_add(void *ctx, uint64_t ino, uint8_t type, const char *name) {
  (void)type;
  struct names *s = ctx;
  if (s->n == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 64;
    s->v = realloc(s->v, sizeof *s->v * (size_t)s->cap);
    s->ino = realloc(s->ino, sizeof *s->ino * (size_t)s->cap);
  }
  s->v[s->n] = strdup(name);
  s->ino[s->n++] = ino;
}

static void names_free(struct names *s) {
  for (int i = 0; i < s->n; i++) {
    free(s->v[i]);
  }
  free(s->v);
  free(s->ino);
  memset(s, 0, sizeof *s);
}

static unsigned long verified_files, verified_bytes;

static void verify_tree(uint32_t dir, const char *host, uint32_t parent) {
  struct names fsn = {0};
  list_dir(dir, 300 + (dir % 3) * 4000, names_add, &fsn);
  int host_count = 0, subdirs = 0;
  DIR *d = opendir(host);
  if (!d) {
    perror(host);
    exit(99);
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    host_count++;
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
      uint32_t ino;
      int rc = fs_lookup(dir, e->d_name, (int)strlen(e->d_name), &ino);
      EXPECT_RC(rc, 0, "lookup . or ..");
      CHECK(ino == (e->d_name[1] ? parent : dir), "%s/%s names inode %u", host, e->d_name, ino);
      continue;
    }
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", host, e->d_name);
    struct stat hs;
    if (lstat(path, &hs) != 0) {
      perror(path);
      exit(99);
    }
    uint32_t ino;
    int rc = fs_lookup(dir, e->d_name, (int)strlen(e->d_name), &ino);
    CHECK(rc == 0, "lookup %s: %d", path, rc);
    if (rc) {
      continue;
    }
    struct fs_stat st;
    EXPECT_RC(fs_stat(ino, &st), 0, "stat");
    CHECK((st.mode & 0170777u) == (hs.st_mode & 0170777u), "%s: mode %o, host %o", path, st.mode, hs.st_mode);
    CHECK(st.size == (uint64_t)hs.st_size || S_ISDIR(hs.st_mode), "%s: size %llu, host %lld", path,
          (unsigned long long)st.size, (long long)hs.st_size);
    if (S_ISDIR(hs.st_mode)) {
      subdirs++;
      verify_tree(ino, path, dir);
    } else if (S_ISREG(hs.st_mode)) {
      CHECK(st.nlink == hs.st_nlink, "%s: nlink %u, host %lu", path, st.nlink, (unsigned long)hs.st_nlink);
      uint64_t n;
      uint8_t *data = read_all(ino, &n);
      uint8_t *want = xmalloc((size_t)hs.st_size);
      FILE *f = fopen(path, "rb");
      if (!f || fread(want, 1, (size_t)hs.st_size, f) != (size_t)hs.st_size) {
        perror(path);
        exit(99);
      }
      fclose(f);
      CHECK(n == (uint64_t)hs.st_size && memcmp(data, want, n) == 0, "%s: contents differ", path);
      verified_files++;
      verified_bytes += n;
      free(data);
      free(want);
    } else if (S_ISLNK(hs.st_mode)) {
      char want[4096], got[4096];
      ssize_t wn = readlink(path, want, sizeof want);
      long gn = fs_readlink(ino, got, sizeof got);
      CHECK(wn == gn && memcmp(want, got, (size_t)wn) == 0, "%s: link target differs", path);
      verified_files++;
    }
  }
  closedir(d);
  /* the host tree has no lost+found: the image's root has it besides */
  int extra = 0;
  for (int i = 0; i < fsn.n; i++) {
    if (dir == FS_ROOT_INO && !strcmp(fsn.v[i], "lost+found")) {
      extra = 1;
    }
  }
  CHECK(fsn.n == host_count + extra, "%s: getdents64 lists %d names, the host %d", host, fsn.n, host_count + extra);
  struct fs_stat st;
  fs_stat(dir, &st);
  CHECK(st.nlink == (uint32_t)(2 + subdirs + extra), "%s: nlink %u, expected %d", host, st.nlink, 2 + subdirs + extra);
  names_free(&fsn);
}

static int cmd_verify(const char *image, const char *dir) {
  mount_image(image);
  verify_tree(FS_ROOT_INO, dir, FS_ROOT_INO);
  printf("  verify: %lu files (%lu bytes) equal to %s, %lu checks\n", verified_files, verified_bytes, dir, checks);
  return failures;
}

/* ---- the model --------------------------------------------------------------------------- */

enum { T_REG = 1, T_DIR, T_LNK };

struct mnode {
  int used, type;
  uint32_t ino;
  uint8_t *data;
  uint64_t size, cap;
  int parent; /* directories: the node of the directory holding it */
};

struct ment {
  int used, dir, node; /* directory node, named node */
  char name[256];
};

#define MAX_NODES 20000
#define MAX_ENTS 40000
static struct mnode nodes[MAX_NODES];
static struct ment ents[MAX_ENTS];
static int root_node;
static uint64_t model_bytes;

static int new_node(int type, uint32_t ino) {
  for (int i = 0; i < MAX_NODES; i++) {
    if (!nodes[i].used) {
      memset(&nodes[i], 0, sizeof nodes[i]);
      nodes[i].used = 1;
      nodes[i].type = type;
      nodes[i].ino = ino;
      return i;
    }
  }
  fprintf(stderr, "model full\n");
  exit(99);
}

static int node_of_ino(uint32_t ino) {
  for (int i = 0; i < MAX_NODES; i++) {
    if (nodes[i].used && nodes[i].ino == ino) {
      return i;
    }
  }
  return -1;
}

static void add_ent(int dir, const char *name, int node) {
  for (int i = 0; i < MAX_ENTS; i++) {
    if (!ents[i].used) {
      ents[i].used = 1;
      ents[i].dir = dir;
      ents[i].node = node;
      snprintf(ents[i].name, sizeof ents[i].name, "%s", name);
      if (nodes[node].type == T_DIR) {
        nodes[node].parent = dir;
      }
      return;
    }
  }
  fprintf(stderr, "model full\n");
  exit(99);
}

static int find_ent(int dir, const char *name) {
  for (int i = 0; i < MAX_ENTS; i++) {
    if (ents[i].used && ents[i].dir == dir && !strcmp(ents[i].name, name)) {
      return i;
    }
  }
  return -1;
}

static int count_links(int node) {
  int n = 0;
  for (int i = 0; i < MAX_ENTS; i++) {
    n += ents[i].used && ents[i].node == node;
  }
  return n;
}

static int count_children(int dir, int only_dirs) {
  int n = 0;
  for (int i = 0; i < MAX_ENTS; i++) {
    n += ents[i].used && ents[i].dir == dir && (!only_dirs || nodes[ents[i].node].type == T_DIR);
  }
  return n;
}

static uint32_t model_nlink(int node) {
  return nodes[node].type == T_DIR ? (uint32_t)(2 + count_children(node, 1)) : (uint32_t)count_links(node);
}

static void drop_node_if_unlinked(int node) {
  if (nodes[node].type == T_DIR || count_links(node) == 0) {
    model_bytes -= nodes[node].type == T_REG ? nodes[node].size : 0;
    free(nodes[node].data);
    nodes[node].used = 0;
  }
}

static void node_resize(int node, uint64_t size) {
  struct mnode *n = &nodes[node];
  if (size > n->cap) {
    uint64_t cap = size + size / 2 + 1024;
    n->data = realloc(n->data, cap);
    memset(n->data + n->cap, 0, cap - n->cap);
    n->cap = cap;
  }
  if (size < n->size) {
    memset(n->data + size, 0, n->size - size);
  }
  model_bytes += size - n->size;
  n->size = size;
}

/* Builds the model from what the file system holds (after verify, this is the source tree). */
struct load_ctx {
  uint32_t dir;
  int node;
};

static void load_entry(void *vctx, uint64_t ino, uint8_t type, const char *name) {
  (void)type;
  struct load_ctx *ctx = vctx;
  if (!strcmp(name, ".") || !strcmp(name, "..")) {
    return;
  }
  int node = node_of_ino((uint32_t)ino);
  if (node < 0) {
    struct fs_stat st;
    fs_stat((uint32_t)ino, &st);
    int t = is_type(st.mode, 0040000) ? T_DIR : is_type(st.mode, 0120000) ? T_LNK : T_REG;
    node = new_node(t, (uint32_t)ino);
    if (t == T_REG) {
      uint64_t n;
      uint8_t *data = read_all((uint32_t)ino, &n);
      node_resize(node, n);
      memcpy(nodes[node].data, data, n);
      free(data);
    } else if (t == T_LNK) {
      char buf[4096];
      long n = fs_readlink((uint32_t)ino, buf, sizeof buf);
      node_resize(node, (uint64_t)n);
      memcpy(nodes[node].data, buf, (size_t)n);
      model_bytes -= (uint64_t)n;
    }
  }
  add_ent(ctx->node, name, node);
}

static void load_model(uint32_t dir, int node) {
  struct load_ctx ctx = {dir, node};
  list_dir(dir, 4096, load_entry, &ctx);
  for (int i = 0; i < MAX_ENTS; i++) {
    if (ents[i].used && ents[i].dir == node && nodes[ents[i].node].type == T_DIR) {
      load_model(nodes[ents[i].node].ino, ents[i].node);
    }
  }
}

/* Compares everything the file system holds with the model. */
struct cmp_ctx {
  int node, seen;
};

static void cmp_entry(void *vctx, uint64_t ino, uint8_t type, const char *name) {
  struct cmp_ctx *ctx = vctx;
  ctx->seen++;
  if (!strcmp(name, ".")) {
    CHECK(ino == nodes[ctx->node].ino, "'.' of %u is %llu", nodes[ctx->node].ino, (unsigned long long)ino);
    return;
  }
  if (!strcmp(name, "..")) {
    int parent = ctx->node == root_node ? root_node : nodes[ctx->node].parent;
    CHECK(ino == nodes[parent].ino, "'..' of %u is %llu", nodes[ctx->node].ino, (unsigned long long)ino);
    return;
  }
  int e = find_ent(ctx->node, name);
  CHECK(e >= 0, "getdents64 of %u lists %s, which the model lacks", nodes[ctx->node].ino, name);
  if (e >= 0) {
    CHECK(ino == nodes[ents[e].node].ino, "%s: inode %llu, model %u", name, (unsigned long long)ino, nodes[ents[e].node].ino);
    static const uint8_t dt[] = {0, 8, 4, 10};
    CHECK(type == dt[nodes[ents[e].node].type], "%s: d_type %u", name, type);
  }
}

static void compare_node(int node) {
  struct mnode *n = &nodes[node];
  struct fs_stat st;
  int rc = fs_stat(n->ino, &st);
  CHECK(rc == 0, "stat %u: %d", n->ino, rc);
  CHECK(st.nlink == model_nlink(node), "inode %u: nlink %u, model %u", n->ino, st.nlink, model_nlink(node));
  if (n->type == T_REG) {
    CHECK(is_type(st.mode, 0100000), "inode %u: not a regular file", n->ino);
    uint64_t got;
    uint8_t *data = read_all(n->ino, &got);
    CHECK(got == n->size, "inode %u: size %llu, model %llu", n->ino, (unsigned long long)got, (unsigned long long)n->size);
    CHECK(got != n->size || memcmp(data, n->data, got) == 0, "inode %u: contents differ", n->ino);
    free(data);
  } else if (n->type == T_LNK) {
    char buf[4096];
    long got = fs_readlink(n->ino, buf, sizeof buf);
    CHECK(got == (long)n->size && memcmp(buf, n->data, n->size) == 0, "inode %u: link target differs", n->ino);
  } else {
    CHECK(is_type(st.mode, 0040000), "inode %u: not a directory", n->ino);
    struct cmp_ctx ctx = {node, 0};
    list_dir(n->ino, 280 + (n->ino % 5) * 1000, cmp_entry, &ctx);
    CHECK(ctx.seen == count_children(node, 0) + 2, "directory %u: %d names, model %d", n->ino, ctx.seen,
          count_children(node, 0) + 2);
  }
}

static void compare_all(void) {
  for (int i = 0; i < MAX_ENTS; i++) {
    if (ents[i].used) {
      uint32_t ino = 0;
      int rc = fs_lookup(nodes[ents[i].dir].ino, ents[i].name, (int)strlen(ents[i].name), &ino);
      CHECK(rc == 0 && ino == nodes[ents[i].node].ino, "lookup %s in %u: rc %d ino %u, model %u", ents[i].name,
            nodes[ents[i].dir].ino, rc, ino, nodes[ents[i].node].ino);
    }
  }
  for (int i = 0; i < MAX_NODES; i++) {
    if (nodes[i].used) {
      compare_node(i);
    }
  }
}

/* Compares the model with the tree debugfs rdump wrote under host directory `host`. */
static void compare_dump(int dir, const char *host) {
  int listed = 0;
  DIR *d = opendir(host);
  if (!d) {
    fail(FAIL_DUMP, "rdump: no %s", host);
    return;
  }
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    listed += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
  }
  closedir(d);
  if (listed != count_children(dir, 0)) {
    fail(FAIL_DUMP, "rdump: %s has %d names, model %d", host, listed, count_children(dir, 0));
  }
  for (int i = 0; i < MAX_ENTS; i++) {
    if (!ents[i].used || ents[i].dir != dir) {
      continue;
    }
    checks++;
    struct mnode *n = &nodes[ents[i].node];
    char path[16384];
    snprintf(path, sizeof path, "%s/%s", host, ents[i].name);
    struct stat hs;
    if (lstat(path, &hs) != 0) {
      fail(FAIL_DUMP, "rdump: %s missing", path);
      continue;
    }
    if (n->type == T_DIR) {
      if (!S_ISDIR(hs.st_mode)) {
        fail(FAIL_DUMP, "rdump: %s is not a directory", path);
      } else {
        compare_dump(ents[i].node, path);
      }
    } else if (n->type == T_LNK) {
      char buf[4096];
      ssize_t got = readlink(path, buf, sizeof buf);
      if (got != (ssize_t)n->size || memcmp(buf, n->data, n->size) != 0) {
        fail(FAIL_DUMP, "rdump: %s: link target differs", path);
      }
    } else {
      uint8_t *buf = xmalloc(n->size);
      FILE *f = fopen(path, "rb");
      size_t got = f ? fread(buf, 1, n->size, f) : 0;
      if (f) {
        fclose(f);
      }
      if (!S_ISREG(hs.st_mode) || (uint64_t)hs.st_size != n->size || got != n->size || memcmp(buf, n->data, n->size)) {
        fail(FAIL_DUMP, "rdump: %s: contents differ", path);
      }
      free(buf);
    }
  }
}

/* sync, e2fsck, remount and compare from the disk, debugfs rdump and compare. */
static void check_on_disk(const char *image, int dump) {
  sync_fsck(image, 1);
  compare_all();
  if (dump) {
    run("rm -rf rdump.out && mkdir rdump.out");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "debugfs -R 'rdump / rdump.out' '%s' >rdump.log 2>&1", image);
    if (run(cmd) != 0) {
      fail(FAIL_DUMP, "debugfs rdump failed");
    }
    unsigned long before = checks;
    compare_dump(root_node, "rdump.out");
    printf("  debugfs rdump: %lu names compared\n", checks - before);
    run("rm -rf rdump.out");
  }
}

/* ---- random operations ------------------------------------------------------------------- */

static int random_node(int type) {
  int count = 0;
  for (int i = 0; i < MAX_NODES; i++) {
    count += nodes[i].used && nodes[i].type == type;
  }
  if (!count) {
    return -1;
  }
  int k = (int)below((uint32_t)count);
  for (int i = 0; i < MAX_NODES; i++) {
    if (nodes[i].used && nodes[i].type == type && k-- == 0) {
      return i;
    }
  }
  return -1;
}

static int random_ent(void) {
  int count = 0;
  for (int i = 0; i < MAX_ENTS; i++) {
    count += ents[i].used;
  }
  if (!count) {
    return -1;
  }
  int k = (int)below((uint32_t)count);
  for (int i = 0; i < MAX_ENTS; i++) {
    if (ents[i].used && k-- == 0) {
      return i;
    }
  }
  return -1;
}

/* A name: mostly from a small set, so names collide; sometimes long, up to 255 bytes. */
static void random_name(char *out) {
  uint32_t r = below(100);
  if (r < 85) {
    sprintf(out, "n%u", below(24));
  } else if (r < 97) {
    int len = 100 + (int)below(156);
    for (int i = 0; i < len; i++) {
      out[i] = (char)('a' + (i * 7 + (int)len) % 26);
    }
    out[len] = 0;
  } else {
    sprintf(out, "x%u.%u", below(1000), below(1000));
  }
}

/* Whether directory node `dir` is `anc` or below it. */
static int model_under(int dir, int anc) {
  for (;;) {
    if (dir == anc) {
      return 1;
    }
    if (dir == root_node) {
      return 0;
    }
    dir = nodes[dir].parent;
  }
}

static unsigned long op_counts[16], op_errors;
static const char *op_names[16] = {"create", "write", "truncate", "unlink", "mkdir", "rmdir", "rename",
                                   "link", "symlink", "lookup", "read", "chmod/times"};

static int expect(int got, int want, const char *op) {
  if (want) {
    op_errors++;
  }
  EXPECT_RC(got, want, op);
  return got == want && want == 0;
}

static void random_op(uint64_t max_bytes, uint64_t max_off) {
  char name[300], name2[300];
  uint32_t op = below(100);
  int dir = below(10) == 0 ? root_node : random_node(T_DIR);
  uint32_t dino = nodes[dir].ino;
  random_name(name);
  int e = find_ent(dir, name);
  uint32_t ino;
  if (op < 14) { /* create */
    op_counts[0]++;
    int f = random_node(T_REG);
    if (below(30) == 0 && f >= 0) { /* a file as the directory */
      expect(fs_create(nodes[f].ino, name, (int)strlen(name), 0644, &ino), -FS_ENOTDIR, "create in a file");
      return;
    }
    if (below(40) == 0) {
      char big[300];
      memset(big, 'z', 256);
      expect(fs_create(dino, big, 256, 0644, &ino), -FS_ENAMETOOLONG, "create 256-byte name");
      return;
    }
    if (expect(fs_create(dino, name, (int)strlen(name), 0644, &ino), e >= 0 ? -FS_EEXIST : 0, "create")) {
      add_ent(dir, name, new_node(T_REG, ino));
    }
  } else if (op < 38) { /* write */
    op_counts[1]++;
    int f = random_node(T_REG);
    if (f < 0) {
      return;
    }
    struct mnode *n = &nodes[f];
    uint64_t off = below(4) == 0 ? below((uint32_t)max_off) : below((uint32_t)(n->size + 1));
    uint32_t len = 1 + below(below(5) == 0 ? 40000 : 3000);
    if (model_bytes + len > max_bytes) {
      EXPECT_RC(fs_truncate(n->ino, 0), 0, "truncate to make room");
      node_resize(f, 0);
      return;
    }
    uint8_t *data = xmalloc(len);
    fill_random(data, len);
    long got = fs_write(n->ino, off, data, len);
    EXPECT_RC(got, len, "write");
    if (got == (long)len) {
      if (off + len > n->size) {
        node_resize(f, off + len);
      }
      memcpy(n->data + off, data, len);
    }
    free(data);
  } else if (op < 48) { /* truncate */
    op_counts[2]++;
    int f = random_node(T_REG);
    if (f < 0) {
      return;
    }
    uint64_t size = below((uint32_t)(nodes[f].size + nodes[f].size / 2 + 5000));
    if (model_bytes + size > max_bytes + nodes[f].size) {
      size = 0;
    }
    if (expect(fs_truncate(nodes[f].ino, size), 0, "truncate")) {
      node_resize(f, size);
    }
  } else if (op < 58) { /* unlink */
    op_counts[3]++;
    int want = e < 0 ? -FS_ENOENT : nodes[ents[e].node].type == T_DIR ? -FS_EISDIR : 0;
    if (expect(fs_unlink(dino, name, (int)strlen(name)), want, "unlink")) {
      int node = ents[e].node;
      ents[e].used = 0;
      drop_node_if_unlinked(node);
    }
  } else if (op < 66) { /* mkdir */
    op_counts[4]++;
    if (expect(fs_mkdir(dino, name, (int)strlen(name), 0755, &ino), e >= 0 ? -FS_EEXIST : 0, "mkdir")) {
      add_ent(dir, name, new_node(T_DIR, ino));
    }
  } else if (op < 72) { /* rmdir */
    op_counts[5]++;
    int want = e < 0 ? -FS_ENOENT
               : nodes[ents[e].node].type != T_DIR ? -FS_ENOTDIR
               : count_children(ents[e].node, 0) ? -FS_ENOTEMPTY : 0;
    if (expect(fs_rmdir(dino, name, (int)strlen(name)), want, "rmdir")) {
      int node = ents[e].node;
      ents[e].used = 0;
      drop_node_if_unlinked(node);
    }
  } else if (op < 84) { /* rename */
    op_counts[6]++;
    int se = below(3) ? random_ent() : e;
    int sdir = se >= 0 ? ents[se].dir : dir;
    const char *sname = se >= 0 ? ents[se].name : name;
    int ndir = below(3) == 0 ? sdir : random_node(T_DIR);
    random_name(name2);
    int de = find_ent(ndir, name2);
    int want = 0;
    if (se < 0) {
      want = -FS_ENOENT;
    } else {
      int src = ents[se].node;
      int sd = nodes[src].type == T_DIR;
      if (de >= 0 && ents[de].node == src) {
        want = 0;
      } else if (sd && sdir != ndir && model_under(ndir, src)) {
        want = -FS_EINVAL;
      } else if (de >= 0) {
        int dst = ents[de].node;
        int dd = nodes[dst].type == T_DIR;
        want = sd && !dd ? -FS_ENOTDIR : !sd && dd ? -FS_EISDIR : dd && count_children(dst, 0) ? -FS_ENOTEMPTY : 0;
      }
    }
    int rc = fs_rename(nodes[sdir].ino, sname, (int)strlen(sname), nodes[ndir].ino, name2, (int)strlen(name2));
    if (expect(rc, want, "rename") && !(de >= 0 && ents[de].node == ents[se].node)) {
      int src = ents[se].node;
      ents[se].used = 0;
      if (de >= 0) {
        int dst = ents[de].node;
        ents[de].used = 0;
        drop_node_if_unlinked(dst);
      }
      add_ent(ndir, name2, src);
    }
  } else if (op < 89) { /* link */
    op_counts[7]++;
    int f = below(8) == 0 ? random_node(T_DIR) : random_node(T_REG);
    if (f < 0) {
      return;
    }
    int want = nodes[f].type == T_DIR ? -FS_EPERM : e >= 0 ? -FS_EEXIST : 0;
    if (expect(fs_link(nodes[f].ino, dino, name, (int)strlen(name)), want, "link")) {
      add_ent(dir, name, f);
    }
  } else if (op < 93) { /* symlink */
    op_counts[8]++;
    char target[1100];
    int len = 1 + (int)(below(2) ? below(70) : below(1000));
    for (int i = 0; i < len; i++) {
      target[i] = (char)('!' + below(90));
    }
    target[len] = 0;
    if (expect(fs_symlink(dino, name, (int)strlen(name), target, &ino), e >= 0 ? -FS_EEXIST : 0, "symlink")) {
      int node = new_node(T_LNK, ino);
      node_resize(node, (uint64_t)len);
      model_bytes -= (uint64_t)len;
      memcpy(nodes[node].data, target, (size_t)len);
      add_ent(dir, name, node);
    }
  } else if (op < 96) { /* lookup */
    op_counts[9]++;
    int rc = fs_lookup(dino, name, (int)strlen(name), &ino);
    if (expect(rc, e < 0 ? -FS_ENOENT : 0, "lookup")) {
      CHECK(ino == nodes[ents[e].node].ino, "lookup %s: inode %u", name, ino);
    }
  } else if (op < 99) { /* read a range */
    op_counts[10]++;
    int f = random_node(T_REG);
    if (f < 0) {
      return;
    }
    uint64_t off = below((uint32_t)(nodes[f].size + 2000));
    uint32_t len = below(20000);
    uint8_t *buf = xmalloc(len);
    long got = fs_read(nodes[f].ino, off, buf, len);
    long want = off >= nodes[f].size ? 0 : (long)(nodes[f].size - off < len ? nodes[f].size - off : len);
    EXPECT_RC(got, want, "read");
    CHECK(got != want || memcmp(buf, nodes[f].data + off, (size_t)want) == 0, "read %u at %llu: contents differ",
          nodes[f].ino, (unsigned long long)off);
    free(buf);
  } else { /* chmod and times */
    op_counts[11]++;
    int f = random_node(T_REG);
    if (f < 0) {
      return;
    }
    struct fs_stat st;
    EXPECT_RC(fs_chmod(nodes[f].ino, 0600), 0, "chmod");
    EXPECT_RC(fs_set_times(nodes[f].ino, 1000, 2000), 0, "set_times");
    EXPECT_RC(fs_stat(nodes[f].ino, &st), 0, "stat");
    CHECK((st.mode & 07777) == 0600 && is_type(st.mode, 0100000) && st.atime == 1000 && st.mtime == 2000,
          "chmod/set_times did not stick");
  }
}

static int cmd_random(const char *image, uint64_t seed, long ops) {
  rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
  mount_image(image);
  root_node = new_node(T_DIR, FS_ROOT_INO);
  nodes[root_node].parent = root_node;
  load_model(FS_ROOT_INO, root_node);
  struct bcache_stats bs;
  uint64_t base_bytes = model_bytes;
  long done = 0;
  for (long i = 1; i <= ops; i++, done++) {
    random_op(base_bytes + 12u * 1024 * 1024, 700 * 1024);
    if (i % 1000 == 0) {
      compare_all();
    }
    if (i % 2500 == 0) {
      check_on_disk(image, 0);
    }
    if (failures) {
      fprintf(stderr, "after operation %ld\n", i);
      break;
    }
  }
  compare_all();
  bcache_get_stats(&bs);
  check_on_disk(image, 1);
  printf("  random: seed %llu, %ld of %ld operations (", (unsigned long long)seed, done, ops);
  for (int i = 0; i < 12; i++) {
    printf("%s%s %lu", i ? ", " : "", op_names[i], op_counts[i]);
  }
  printf("), %lu of them expected errors, %lu checks\n", op_errors, checks);
  printf("  buffer cache: %u hits, %u misses, %u evictions; disk: %llu sectors read, %llu written\n", bs.hits,
         bs.misses, bs.evictions, (unsigned long long)hal_host_stats.sectors_read,
         (unsigned long long)hal_host_stats.sectors_written);
  return failures;
}

/* ---- directed tests ---------------------------------------------------------------------- */

struct count_ctx {
  int n;
};
static void count_entry(void *vctx, uint64_t ino, uint8_t type, const char *name) {
  (void)ino, (void)type, (void)name;
  ((struct count_ctx *)vctx)->n++;
}

static void big_name(char *out, int i) {
  int len = 1 + (i * 37) % 255; /* 1..255 bytes */
  int k = sprintf(out, "%d-", i);
  for (; k < len; k++) {
    out[k] = (char)('A' + (i + k) % 26);
  }
  out[k] = 0;
}

static int cmd_bigdir(const char *image, int count) {
  mount_image(image);
  uint32_t dir, ino;
  EXPECT_RC(fs_mkdir(FS_ROOT_INO, "bigdir", 6, 0755, &dir), 0, "mkdir bigdir");
  char name[300];
  for (int i = 0; i < count; i++) {
    big_name(name, i);
    EXPECT_RC(fs_create(dir, name, (int)strlen(name), 0644, &ino), 0, "create in bigdir");
    EXPECT_RC(fs_write(ino, 0, name, (uint32_t)strlen(name)), strlen(name), "write name");
  }
  char longest[256];
  memset(longest, 'q', 255);
  EXPECT_RC(fs_create(dir, longest, 255, 0644, &ino), 0, "create 255-byte name");
  EXPECT_RC(fs_lookup(dir, longest, 256, &ino), -FS_ENAMETOOLONG, "lookup 256-byte name");
  struct fs_stat st;
  fs_stat(dir, &st);
  printf("  bigdir: %d names, directory of %llu bytes\n", count + 1, (unsigned long long)st.size);
  CHECK(st.size > 64 * 1024, "the directory should span many blocks");
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < count; i++) {
      big_name(name, i);
      int rc = fs_lookup(dir, name, (int)strlen(name), &ino);
      int present = pass == 0 || i % 2 == 1;
      EXPECT_RC(rc, present ? 0 : -FS_ENOENT, "lookup in bigdir");
      if (rc == 0) {
        char buf[300];
        long n = fs_read(ino, 0, buf, sizeof buf);
        CHECK(n == (long)strlen(name) && !memcmp(buf, name, (size_t)n), "contents of %s", name);
      }
    }
    for (uint32_t bufsize = 280; bufsize <= 8192; bufsize *= 5) {
      struct count_ctx c = {0};
      list_dir(dir, bufsize, count_entry, &c);
      int want = 3 + (pass == 0 ? count : count / 2);
      CHECK(c.n == want, "getdents64 (buffer %u): %d names, expected %d", bufsize, c.n, want);
    }
    if (pass == 0) {
      EXPECT_RC(fs_rmdir(FS_ROOT_INO, "bigdir", 6), -FS_ENOTEMPTY, "rmdir a full directory");
      for (int i = 0; i < count; i += 2) {
        big_name(name, i);
        EXPECT_RC(fs_unlink(dir, name, (int)strlen(name)), 0, "unlink in bigdir");
      }
    }
  }
  /* half of it back, into the holes the removals left */
  for (int i = 0; i < count; i += 2) {
    big_name(name, i);
    EXPECT_RC(fs_create(dir, name, (int)strlen(name), 0644, &ino), 0, "re-create in bigdir");
  }
  struct fs_stat st2;
  fs_stat(dir, &st2);
  CHECK(st2.size == st.size, "re-created names should reuse the freed space (%llu bytes now, %llu before)",
        (unsigned long long)st2.size, (unsigned long long)st.size);
  sync_fsck(image, 1);
  for (int i = 0; i < count; i++) {
    big_name(name, i);
    EXPECT_RC(fs_unlink(dir, name, (int)strlen(name)), 0, "unlink all");
  }
  EXPECT_RC(fs_unlink(dir, longest, 255), 0, "unlink the 255-byte name");
  EXPECT_RC(fs_rmdir(FS_ROOT_INO, "bigdir", 6), 0, "rmdir the emptied directory");
  sync_fsck(image, 0);
  printf("  bigdir: %lu checks\n", checks);
  return failures;
}

static uint8_t pattern_byte(uint64_t off) { return (uint8_t)((off * 2654435761u) >> 13); }

static void write_pattern(uint32_t ino, uint64_t off, uint32_t len) {
  uint8_t *buf = xmalloc(len);
  for (uint32_t i = 0; i < len; i++) {
    buf[i] = pattern_byte(off + i);
  }
  EXPECT_RC(fs_write(ino, off, buf, len), len, "write pattern");
  free(buf);
}

/* Checks [off, off+len) of ino: the pattern where `written` says so, else zeros. */
static void check_range(uint32_t ino, uint64_t off, uint32_t len, int written) {
  uint8_t *buf = xmalloc(len);
  long got = fs_read(ino, off, buf, len);
  EXPECT_RC(got, len, "read range");
  uint32_t bad = 0;
  for (uint32_t i = 0; i < len && got == (long)len; i++) {
    bad += buf[i] != (written ? pattern_byte(off + i) : 0);
  }
  CHECK(bad == 0, "inode %u at %llu: %u bytes wrong", ino, (unsigned long long)off, bad);
  free(buf);
}

static int cmd_bigfile(const char *image) {
  mount_image(image);
  uint32_t dense, sparse;
  struct fs_stat st;
  EXPECT_RC(fs_create(FS_ROOT_INO, "dense", 5, 0644, &dense), 0, "create dense");
  uint32_t size = 5u * 1024 * 1024 + 123; /* past 12 + 256 blocks of 1 KB: double-indirect */
  for (uint32_t off = 0; off < size; off += 65536) {
    write_pattern(dense, off, size - off < 65536 ? size - off : 65536);
  }
  check_range(dense, 0, size, 1);
  fs_stat(dense, &st);
  printf("  bigfile: dense file of %u bytes, %u sectors\n", size, st.blocks);
  /* sparse: a few blocks at offsets that need each level of indirection, 1 KB or 4 KB blocks */
  static const uint64_t offs[] = {0, 13 * 1024, 300 * 1024, 70ull << 20, 3ull << 30, 6ull << 30};
  EXPECT_RC(fs_create(FS_ROOT_INO, "sparse", 6, 0644, &sparse), 0, "create sparse");
  for (int i = 0; i < 6; i++) {
    write_pattern(sparse, offs[i], 3000);
  }
  for (int i = 0; i < 6; i++) {
    check_range(sparse, offs[i], 3000, 1);
    if (i < 5) {
      check_range(sparse, offs[i] + 3000, 5000, 0); /* the hole after it */
    }
  }
  fs_stat(sparse, &st);
  CHECK(st.size == (6ull << 30) + 3000, "sparse size %llu", (unsigned long long)st.size);
  printf("  bigfile: sparse file of %llu bytes in %u sectors\n", (unsigned long long)st.size, st.blocks);
  sync_fsck(image, 1);
  check_range(sparse, 6ull << 30, 3000, 1);
  check_range(dense, 0, size, 1);
  /* back down, level by level, checking the remaining data and that the tail reads as zeros */
  for (int i = 5; i >= 0; i--) {
    EXPECT_RC(fs_truncate(sparse, offs[i] + 1000), 0, "truncate sparse");
    EXPECT_RC(fs_truncate(sparse, offs[i] + 2000), 0, "extend sparse");
    check_range(sparse, offs[i], 1000, 1);
    check_range(sparse, offs[i] + 1000, 1000, 0);
    EXPECT_RC(fs_truncate(sparse, offs[i]), 0, "truncate sparse");
  }
  fs_stat(sparse, &st);
  CHECK(st.size == 0 && st.blocks == 0, "truncated to 0: %u sectors left", st.blocks);
  EXPECT_RC(fs_truncate(dense, 300 * 1024 + 5), 0, "truncate dense");
  check_range(dense, 0, 300 * 1024 + 5, 1);
  EXPECT_RC(fs_write(dense, 1ull << 60, "x", 1), -FS_EFBIG, "write past the largest file");
  sync_fsck(image, 0);
  printf("  bigfile: %lu checks\n", checks);
  return failures;
}

static int cmd_fill(const char *image) {
  mount_image(image);
  uint32_t free_blocks0, free_inodes0, fb, fi;
  EXPECT_RC(fs_sync(), 0, "sync");
  uint32_t bsize = disk_free_counts(&free_blocks0, &free_inodes0);
  struct fs_stat st;
  fs_stat(FS_ROOT_INO, &st);
  uint32_t root_sectors0 = st.blocks;
  uint32_t big, ino;
  EXPECT_RC(fs_create(FS_ROOT_INO, "big", 3, 0644, &big), 0, "create big");
  uint64_t off = 0;
  long rc;
  for (;;) {
    uint8_t buf[65536];
    for (uint32_t i = 0; i < sizeof buf; i++) {
      buf[i] = pattern_byte(off + i);
    }
    rc = fs_write(big, off, buf, sizeof buf);
    if (rc <= 0) {
      break;
    }
    off += (uint64_t)rc;
  }
  EXPECT_RC(rc, -FS_ENOSPC, "write on a full disk");
  check_range(big, 0, (uint32_t)off, 1);
  /* no block left: what needs one fails and gives back the inode it took */
  uint32_t fb_full, fi_full;
  EXPECT_RC(fs_sync(), 0, "sync");
  disk_free_counts(&fb_full, &fi_full);
  EXPECT_RC(fs_mkdir(FS_ROOT_INO, "nospace", 7, 0755, &ino), -FS_ENOSPC, "mkdir with no block left");
  char target[200];
  memset(target, 't', sizeof target - 1);
  target[sizeof target - 1] = 0;
  EXPECT_RC(fs_symlink(FS_ROOT_INO, "slow", 4, target, &ino), -FS_ENOSPC, "slow symlink with no block left");
  EXPECT_RC(fs_symlink(FS_ROOT_INO, "fast", 4, "t", &ino), 0, "fast symlink with no block left");
  EXPECT_RC(fs_unlink(FS_ROOT_INO, "fast", 4), 0, "unlink fast symlink");
  EXPECT_RC(fs_sync(), 0, "sync");
  disk_free_counts(&fb, &fi);
  CHECK(fi == fi_full && fb == fb_full, "failed creations leaked: %u/%u free, %u/%u before", fb, fi, fb_full, fi_full);
  /* inodes: small files until no more, then a directory */
  int files = 0;
  char name[64];
  int crc;
  EXPECT_RC(fs_truncate(big, off / 2), 0, "truncate big to half");
  for (;;) {
    sprintf(name, "f%d", files);
    crc = fs_create(FS_ROOT_INO, name, (int)strlen(name), 0644, &ino);
    if (crc) {
      break;
    }
    files++;
    if (fs_write(ino, 0, name, (uint32_t)strlen(name)) < 0) {
      break;
    }
  }
  CHECK(crc == -FS_ENOSPC || crc == 0, "create on a full disk: %d", crc);
  uint32_t d;
  for (int i = 0; i < 100000; i++) {
    sprintf(name, "d%d", i);
    crc = fs_mkdir(FS_ROOT_INO, name, (int)strlen(name), 0755, &d);
    if (crc) {
      break;
    }
  }
  EXPECT_RC(crc, -FS_ENOSPC, "mkdir on a full disk");
  printf("  fill: %llu bytes written before -ENOSPC, then %d small files\n", (unsigned long long)off, files);
  EXPECT_RC(fs_sync(), 0, "sync");
  disk_free_counts(&fb, &fi);
  printf("  fill: free blocks %u, free inodes %u on the full disk\n", fb, fi);
  hal_host_close();
  fsck(image);
  mount_image(image);
  check_range(big, 0, (uint32_t)(off / 2), 1);
  EXPECT_RC(fs_unlink(FS_ROOT_INO, "big", 3), 0, "unlink big");
  for (int i = 0; i < files; i++) {
    sprintf(name, "f%d", i);
    EXPECT_RC(fs_unlink(FS_ROOT_INO, name, (int)strlen(name)), 0, "unlink small");
  }
  for (int i = 0;; i++) {
    sprintf(name, "d%d", i);
    if (fs_rmdir(FS_ROOT_INO, name, (int)strlen(name)) != 0) {
      break;
    }
  }
  EXPECT_RC(fs_sync(), 0, "sync");
  disk_free_counts(&fb, &fi);
  /* the root directory grew to hold the names: those blocks stay, nothing else */
  fs_stat(FS_ROOT_INO, &st);
  uint32_t root_growth = (st.blocks - root_sectors0) / (bsize / 512);
  CHECK(fi == free_inodes0, "free inodes %u after removing everything, %u before", fi, free_inodes0);
  CHECK(fb + root_growth == free_blocks0, "free blocks %u after, %u before, the root grew by %u", fb, free_blocks0,
        root_growth);
  hal_host_close();
  fsck(image);
  printf("  fill: %lu checks\n", checks);
  return failures;
}

static int cmd_errors(const char *image) {
  mount_image(image);
  uint32_t d, f, l, ino;
  EXPECT_RC(fs_mkdir(FS_ROOT_INO, "d", 1, 0755, &d), 0, "mkdir d");
  EXPECT_RC(fs_create(d, "f", 1, 0644, &f), 0, "create d/f");
  EXPECT_RC(fs_symlink(d, "l", 1, "f", &l), 0, "symlink d/l");
  EXPECT_RC(fs_lookup(d, "nope", 4, &ino), -FS_ENOENT, "lookup missing");
  EXPECT_RC(fs_lookup(d, "", 0, &ino), -FS_ENOENT, "lookup empty name");
  EXPECT_RC(fs_lookup(f, "x", 1, &ino), -FS_ENOTDIR, "lookup in a file");
  EXPECT_RC(fs_create(d, "f", 1, 0644, &ino), -FS_EEXIST, "create existing");
  EXPECT_RC(fs_mkdir(FS_ROOT_INO, "d", 1, 0755, &ino), -FS_EEXIST, "mkdir existing");
  EXPECT_RC(fs_symlink(d, "f", 1, "x", &ino), -FS_EEXIST, "symlink existing");
  EXPECT_RC(fs_link(f, d, "l", 1), -FS_EEXIST, "link existing");
  EXPECT_RC(fs_link(d, FS_ROOT_INO, "dd", 2), -FS_EPERM, "link a directory");
  EXPECT_RC(fs_unlink(FS_ROOT_INO, "d", 1), -FS_EISDIR, "unlink a directory");
  EXPECT_RC(fs_unlink(d, "nope", 4), -FS_ENOENT, "unlink missing");
  EXPECT_RC(fs_rmdir(d, "f", 1), -FS_ENOTDIR, "rmdir a file");
  EXPECT_RC(fs_rmdir(FS_ROOT_INO, "d", 1), -FS_ENOTEMPTY, "rmdir non-empty");
  EXPECT_RC(fs_rmdir(d, ".", 1), -FS_EINVAL, "rmdir .");
  EXPECT_RC(fs_rmdir(d, "..", 2), -FS_ENOTEMPTY, "rmdir ..");
  EXPECT_RC(fs_read(d, 0, &ino, 4), -FS_EISDIR, "read a directory");
  EXPECT_RC(fs_write(d, 0, "x", 1), -FS_EISDIR, "write a directory");
  EXPECT_RC(fs_truncate(d, 0), -FS_EISDIR, "truncate a directory");
  EXPECT_RC(fs_readlink(f, (char *)&ino, 4), -FS_EINVAL, "readlink a file");
  uint64_t pos = 0;
  char small[8];
  EXPECT_RC(fs_getdents64(f, &pos, small, sizeof small), -FS_ENOTDIR, "getdents64 of a file");
  EXPECT_RC(fs_getdents64(d, &pos, small, sizeof small), -FS_EINVAL, "getdents64 into too small a buffer");
  char n256[256];
  memset(n256, 'a', 256);
  EXPECT_RC(fs_create(d, n256, 256, 0644, &ino), -FS_ENAMETOOLONG, "create 256");
  EXPECT_RC(fs_mkdir(d, n256, 256, 0755, &ino), -FS_ENAMETOOLONG, "mkdir 256");
  EXPECT_RC(fs_lookup(d, n256, 256, &ino), -FS_ENAMETOOLONG, "lookup 256");
  EXPECT_RC(fs_create(d, n256, 255, 0644, &ino), 0, "create 255");
  EXPECT_RC(fs_lookup(d, n256, 255, &ino), 0, "lookup 255");
  EXPECT_RC(fs_rename(FS_ROOT_INO, "d", 1, d, "sub", 3), -FS_EINVAL, "rename into itself");
  uint32_t e;
  EXPECT_RC(fs_mkdir(FS_ROOT_INO, "e", 1, 0755, &e), 0, "mkdir e");
  EXPECT_RC(fs_rename(FS_ROOT_INO, "e", 1, FS_ROOT_INO, "d", 1), -FS_ENOTEMPTY, "rename over a non-empty dir");
  EXPECT_RC(fs_rename(d, "f", 1, FS_ROOT_INO, "e", 1), -FS_EISDIR, "rename a file over a dir");
  EXPECT_RC(fs_rename(FS_ROOT_INO, "e", 1, d, "f", 1), -FS_ENOTDIR, "rename a dir over a file");
  EXPECT_RC(fs_rename(FS_ROOT_INO, "nope", 4, d, "x", 1), -FS_ENOENT, "rename missing");
  EXPECT_RC(fs_rename(d, "f", 1, FS_ROOT_INO, "..", 2), -FS_EINVAL, "rename onto ..");
  /* the successful cases of each, then the image must be clean */
  EXPECT_RC(fs_link(f, FS_ROOT_INO, "f2", 2), 0, "link");
  EXPECT_RC(fs_rename(d, "f", 1, FS_ROOT_INO, "f2", 2), 0, "rename onto another name of itself");
  EXPECT_RC(fs_rename(FS_ROOT_INO, "e", 1, d, "e", 1), 0, "move a directory");
  uint32_t dotdot;
  EXPECT_RC(fs_lookup(e, "..", 2, &dotdot), 0, "lookup ..");
  CHECK(dotdot == d, "'..' of the moved directory is %u, not %u", dotdot, d);
  struct fs_stat st;
  fs_stat(d, &st);
  CHECK(st.nlink == 3, "nlink of d with one subdirectory: %u", st.nlink);
  sync_fsck(image, 0);
  printf("  errors: %lu checks\n", checks);
  return failures;
}

/* A hashed (dir_index) directory, changed here: read linearly, it must stay right for e2fsck. */
static int cmd_htree(const char *image, const char *name) {
  mount_image(image);
  uint32_t dir, ino;
  EXPECT_RC(fs_lookup(FS_ROOT_INO, name, (int)strlen(name), &dir), 0, "lookup the hashed directory");
  struct names before = {0};
  list_dir(dir, 4096, names_add, &before);
  CHECK(before.n > 100, "the hashed directory should be big: %d names", before.n);
  for (int i = 0; i < before.n; i++) {
    EXPECT_RC(fs_lookup(dir, before.v[i], (int)strlen(before.v[i]), &ino), 0, "lookup listed name");
    CHECK(ino == before.ino[i], "%s: inode %u, listed %llu", before.v[i], ino, (unsigned long long)before.ino[i]);
  }
  for (int i = 0; i < 40; i++) {
    char n[32];
    sprintf(n, "added-%d", i);
    EXPECT_RC(fs_create(dir, n, (int)strlen(n), 0644, &ino), 0, "create in the hashed directory");
  }
  for (int i = 2; i < before.n; i += 3) {
    if (strcmp(before.v[i], ".") && strcmp(before.v[i], "..")) {
      EXPECT_RC(fs_unlink(dir, before.v[i], (int)strlen(before.v[i])), 0, "unlink in the hashed directory");
    }
  }
  sync_fsck(image, 0);
  printf("  htree: %d names at first, %lu checks\n", before.n, checks);
  names_free(&before);
  return failures;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 3 && !strcmp(argv[1], "gen")) {
    return cmd_gen(argv[2]);
  }
  if (argc == 4 && !strcmp(argv[1], "verify")) {
    return cmd_verify(argv[2], argv[3]);
  }
  if (argc == 5 && !strcmp(argv[1], "random")) {
    return cmd_random(argv[2], strtoull(argv[3], 0, 10), atol(argv[4]));
  }
  if (argc == 4 && !strcmp(argv[1], "bigdir")) {
    return cmd_bigdir(argv[2], atoi(argv[3]));
  }
  if (argc == 3 && !strcmp(argv[1], "bigfile")) {
    return cmd_bigfile(argv[2]);
  }
  if (argc == 3 && !strcmp(argv[1], "fill")) {
    return cmd_fill(argv[2]);
  }
  if (argc == 4 && !strcmp(argv[1], "htree")) {
    return cmd_htree(argv[2], argv[3]);
  }
  if (argc == 3 && !strcmp(argv[1], "errors")) {
    return cmd_errors(argv[2]);
  }
  fprintf(stderr, "usage: see the comment at the top of fstest.c\n");
  return 64;
}
