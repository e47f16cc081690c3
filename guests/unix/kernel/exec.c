/*
 * exec.c: execve of a static ELF32 MIPS executable. The new image is built in a fresh address
 * space, so a failure leaves the caller as it was. The initial stack is what glibc's static
 * start-up reads: argc, argv[], NULL, envp[], NULL, then the auxiliary vector, with the strings and
 * the 16 AT_RANDOM bytes above.
 */
#include "kernel.h"
#include "fs.h"

#define PT_LOAD 1
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2

struct ehdr {
  uint8_t ident[16];
  uint16_t type, machine;
  uint32_t version, entry, phoff, shoff, flags;
  uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
  uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define MAX_ARG_BYTES 32768
#define MAX_ARGS 512
static char argbuf[MAX_ARG_BYTES];
static char *argptr[MAX_ARGS];

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

static int load_segments(uint32_t ino, const struct ehdr *eh, struct mm *mm, uint32_t *phdr_va)
{
  struct phdr ph[16];
  if (eh->phnum > 16 || eh->phentsize != sizeof(struct phdr))
    return -ENOEXEC;
  if (file_read_all(ino, eh->phoff, ph, eh->phnum * sizeof ph[0]) != (long)(eh->phnum * sizeof ph[0]))
    return -ENOEXEC;
  uint32_t top = 0;
  *phdr_va = 0;
  for (int i = 0; i < eh->phnum; i++) {
    if (ph[i].type == PT_PHDR)
      *phdr_va = ph[i].vaddr;
    if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
      continue;
    uint32_t start = ph[i].vaddr & PAGE_MASK;
    uint32_t end = (ph[i].vaddr + ph[i].memsz + PAGE_SIZE - 1) & PAGE_MASK;
    if (end > MMAP_BASE || end < start || ph[i].filesz > ph[i].memsz)
      return -ENOEXEC;
    if (start < top)
      start = top; /* a page shared with the previous segment is already mapped */
    if (start < end) {
      int e = mm_add_region(mm, start, end, R_READ | R_WRITE | R_EXEC);
      if (e)
        return e;
    }
    /* the file's bytes go straight into the new pages, a page at a time */
    for (uint32_t done = 0; done < ph[i].filesz;) {
      uint32_t va = ph[i].vaddr + done;
      uint32_t n = PAGE_SIZE - (va & (PAGE_SIZE - 1));
      if (n > ph[i].filesz - done)
        n = ph[i].filesz - done;
      uint8_t *page = user_byte(mm, va, 1);
      if (!page)
        return -ENOMEM;
      if (file_read_all(ino, ph[i].offset + done, page, n) != (long)n)
        return -ENOEXEC;
      done += n;
    }
    if (!(ph[i].flags & PF_W) && start < end)
      mm_protect(mm, start, end, R_READ | R_EXEC);
    if (ph[i].offset == 0 && !*phdr_va)
      *phdr_va = ph[i].vaddr + eh->phoff;
    if (end > top)
      top = end;
  }
  mm->brk_base = mm->brk = top;
  return mm_add_region(mm, USER_TOP - STACK_MAX, USER_TOP, R_READ | R_WRITE | R_STACK);
}

/* Pushes the strings, then the vectors; returns the initial $sp. */
static int build_stack(char *const *argv, int argc, char *const *envp, int envc, const struct ehdr *eh,
                       uint32_t phdr_va, uint32_t *sp_out)
{
  uint32_t sp = USER_TOP;
  uint32_t uargv[MAX_ARGS];
  int total = argc + envc;
  for (int i = total - 1; i >= 0; i--) {
    const char *s = i < argc ? argv[i] : envp[i - argc];
    uint32_t n = strlen(s) + 1;
    sp -= n;
    if (copyout(sp, s, n))
      return -EFAULT;
    uargv[i] = sp;
  }
  uint32_t execfn = argc ? uargv[0] : 0;
  uint8_t random[16];
  for (int i = 0; i < 16; i++)
    random[i] = (uint8_t)(0x5a + 37 * i);
  sp = (sp - 16) & ~15u;
  uint32_t random_va = sp;
  if (copyout(sp, random, 16))
    return -EFAULT;
  uint32_t aux[][2] = {
      {AT_PHDR, phdr_va}, {AT_PHENT, sizeof(struct phdr)}, {AT_PHNUM, eh->phnum},
      {AT_PAGESZ, PAGE_SIZE}, {AT_BASE, 0}, {AT_FLAGS, 0}, {AT_ENTRY, eh->entry},
      {AT_UID, 0}, {AT_EUID, 0}, {AT_GID, 0}, {AT_EGID, 0}, {AT_HWCAP, 0},
      {AT_CLKTCK, HZ}, {AT_SECURE, 0}, {AT_RANDOM, random_va}, {AT_EXECFN, execfn},
      {AT_NULL, 0}};
  uint32_t words = 1 + (uint32_t)argc + 1 + (uint32_t)envc + 1 + sizeof aux / 4;
  sp = (sp - words * 4) & ~15u;
  uint32_t at = sp;
  uint32_t v = (uint32_t)argc;
#define PUSH(x) do { v = (x); if (copyout(at, &v, 4)) return -EFAULT; at += 4; } while (0)
  PUSH((uint32_t)argc);
  for (int i = 0; i < argc; i++)
    PUSH(uargv[i]);
  PUSH(0);
  for (int i = 0; i < envc; i++)
    PUSH(uargv[argc + i]);
  PUSH(0);
#undef PUSH
  if (copyout(at, aux, sizeof aux))
    return -EFAULT;
  *sp_out = sp;
  return 0;
}

int do_execve(const char *path, char *const *argv, int argc, char *const *envp, int envc)
{
  struct proc *p = curproc();
  uint32_t ino;
  struct fs_stat st;
  int e = path_stat(path, &ino, &st);
  if (e)
    return e;
  if ((st.mode & 0xF000) != 0x8000)
    return -EACCES;
  struct ehdr eh;
  if (file_read_all(ino, 0, &eh, sizeof eh) != sizeof eh)
    return -ENOEXEC;
  if (memcmp(eh.ident, "\177ELF", 4) || eh.ident[4] != 1 || eh.machine != 8 || eh.type != 2)
    return -ENOEXEC;

  struct mm old = p->mm;
  e = mm_init(&p->mm);
  if (e) {
    p->mm = old;
    return e;
  }
  uint32_t phdr_va, sp = 0;
  e = load_segments(ino, &eh, &p->mm, &phdr_va);
  if (!e)
    e = build_stack(argv, argc, envp, envc, &eh, phdr_va, &sp);
  if (e) {
    mm_free(&p->mm);
    p->mm = old;
    return e == -EFAULT ? -ENOMEM : e;
  }
  mm_free(&old);
  mm_activate(&p->mm);

  const char *last = path;
  for (const char *c = path; *c; c++)
    if (*c == '/' && c[1])
      last = c + 1;
  int n = 0;
  for (; n < 15 && last[n] && last[n] != '/'; n++)
    p->name[n] = last[n];
  p->name[n] = 0;
  for (int i = 0; i < NOFILE; i++) {
    if (p->fd[i] && p->cloexec[i]) {
      file_put(p->fd[i]);
      p->fd[i] = 0;
    }
  }
  struct trapframe *tf = p->tf;
  memset(tf, 0, sizeof *tf);
  tf->r[TF_SP] = sp;
  tf->epc = eh.entry;
  tf->status = ST_USER;
  p->tls = 0;
  hal_set_tls(0);
  memset(p->fpu, 0, sizeof p->fpu);
  fpu_restore(p->fpu);
  kstats.execs++;
  return 0;
}

/* Copies a user vector of strings into argbuf from *used; returns the count or an error. */
static int copy_vector(uint32_t uvec, int slot, uint32_t *used)
{
  int n = 0;
  if (!uvec)
    return 0;
  for (;; n++) {
    uint32_t s;
    if (slot + n >= MAX_ARGS)
      return -E2BIG;
    if (copyin(&s, uvec + 4 * (uint32_t)n, 4))
      return -EFAULT;
    if (!s)
      return n;
    int len = copyinstr(argbuf + *used, s, MAX_ARG_BYTES - *used);
    if (len < 0)
      return len == -ENAMETOOLONG ? -E2BIG : len;
    argptr[slot + n] = argbuf + *used;
    *used += (uint32_t)len + 1;
  }
}

int sys_execve_impl(uint32_t upath, uint32_t uargv, uint32_t uenvp)
{
  char path[256];
  int e = copyinstr(path, upath, sizeof path);
  if (e < 0)
    return e;
  uint32_t used = 0;
  int argc = copy_vector(uargv, 0, &used);
  if (argc < 0)
    return argc;
  int envc = copy_vector(uenvp, argc, &used);
  if (envc < 0)
    return envc;
  e = do_execve(path, argptr, argc, argptr + argc, envc);
  /* on success the frame is the new program's: syscall() must not touch $v0/$a3 of it */
  return e ? e : 0;
}
