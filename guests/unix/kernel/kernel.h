/*
 * kernel.h: the kernel's shared types and functions. See README.md (kernel section) for the
 * layout and for what the kernel lock covers.
 *
 * Locking: one big kernel lock (klock) covers every kernel data structure: processes, the run
 * queue, page tables, the page allocator, files, pipes, the file system and the buffer cache. A
 * CPU takes it on every entry from user mode (system call, fault, interrupt) and drops it on the
 * way back to user mode and in the idle loop. The kernel runs with interrupts off; it is never
 * preempted, only a process in user mode is. The only other lock is the console's, so that
 * panic and boot messages of different CPUs do not mix.
 */
#ifndef UNIX_KERNEL_H
#define UNIX_KERNEL_H

#include <stddef.h>
#include <stdint.h>
#include "hal.h"
#include <errno.h>

#define NCPU 8
#define NPROC 64         /* the process table: fork fails with -EAGAIN beyond it */
#define NFILE 256        /* open files, system-wide */
#define NOFILE 32        /* descriptors per process */
#define NREGION 48       /* mapped regions per process */
#define KSTACK_SIZE 8192
#define PAGE_SIZE 4096u
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define HZ 100
#define TICK_CYCLES 2000000u /* 10 ms at 200 MHz */

#define USER_TOP 0x7fff8000u       /* the initial stack pointer lies below */
#define STACK_MAX (8u << 20)       /* the stack region: 8 MB below USER_TOP */
#define MMAP_BASE 0x60000000u      /* anonymous mappings are placed from here up */

typedef int32_t ssize_t_;

/* ---- library (klib.c) ---------------------------------------------------------------------- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
extern int quiet;

/* ---- locks (LL/SC) -------------------------------------------------------------------------- */
typedef struct { volatile uint32_t v; volatile int owner; } spinlock_t;
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
extern spinlock_t klock;
void klock_acquire(void);
void klock_release(void);
int klock_held(void);

/* ---- traps (entry.S, trap.c) -------------------------------------------------------------- */
struct trapframe {
  uint32_t r[32];
  uint32_t hi, lo, epc, status, cause, badvaddr;
};
#define TF_A0 4
#define TF_V0 2
#define TF_V1 3
#define TF_A3 7
#define TF_SP 29
#define TF_RA 31
#define ST_IE 0x1u
#define ST_EXL 0x2u
#define ST_UM 0x10u
#define ST_CU1 0x20000000u
#define ST_IM(l) (1u << (8 + (l)))
#define ST_USER (ST_CU1 | ST_IM(IRQ_IPI) | ST_IM(IRQ_DISK) | ST_IM(IRQ_TIMER) | ST_UM | ST_EXL | ST_IE)

struct context { uint32_t sp; };
void swtch(uint32_t *save_sp, uint32_t new_sp);
void trap_return(void) __attribute__((noreturn)); /* asm: restore the frame at sp+16, eret */
void fork_return(void);
void fork_start(void);
void fpu_save(uint32_t *area);
void fpu_restore(const uint32_t *area);
void trap(struct trapframe *tf);
/* Per-CPU words the vectors read (entry.S knows the offsets and the 128-byte stride). */
struct cpu_vec {
  uint32_t *pgd;       /* directory of the address space loaded on this CPU */
  uint32_t refills;    /* TLB refills taken */
  uint32_t kstack;     /* top of the running process's kernel stack */
  uint32_t pad[29];     /* one 128-byte cache line a CPU */
};
extern struct cpu_vec cpu_vec[NCPU];

/* ---- statistics ---------------------------------------------------------------------------- */
struct kstats {
  uint32_t switches, syscalls, enosys, faults_zero, faults_cow, faults_other, tlb_refills_unused;
  uint32_t interrupts, disk_reads, disk_writes, forks, execs;
};
extern struct kstats kstats;

/* ---- memory (vm.c) ------------------------------------------------------------------------- */
#define PTE_COW 0x1u       /* software: copy on write */
#define PTE_SHARED 0x2u    /* software: MAP_SHARED page, never copied */
#define PTE_G 0x40u
#define PTE_V 0x80u
#define PTE_D 0x100u
#define PTE_CACHE (3u << 9)  /* cacheable */
#define PTE_ADDR(p) ((p) & PAGE_MASK)

#define R_READ 1
#define R_WRITE 2
#define R_EXEC 4
#define R_SHARED 8
#define R_STACK 16
struct region { uint32_t start, end, prot; };

struct mm {
  uint32_t *pgd;
  struct region reg[NREGION];
  int nreg;
  uint32_t brk_base, brk;
  uint32_t asid[NCPU];
};

void mem_init(void);
paddr_t page_alloc(void);             /* a zeroed page, or 0 */
void page_ref(paddr_t pa);
void page_unref(paddr_t pa);
uint32_t pages_free(void);
int mm_init(struct mm *mm);
void mm_free(struct mm *mm);          /* every page and table */
void mm_clear(struct mm *mm);         /* unmaps everything, keeps the directory */
int mm_fork(struct mm *dst, struct mm *src);
int mm_add_region(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot);
int mm_unmap(struct mm *mm, uint32_t start, uint32_t end);
uint32_t mm_find_gap(struct mm *mm, uint32_t len);
int vm_fault(struct mm *mm, uint32_t va, int write);  /* 0 or -EFAULT / -ENOMEM */
void mm_activate(struct mm *mm);
void mm_invalidate(struct mm *mm);    /* every CPU forgets the TLB entries of mm */
int copyin(void *dst, uint32_t uva, uint32_t n);
int copyout(uint32_t uva, const void *src, uint32_t n);
int copyinstr(char *dst, uint32_t uva, uint32_t max);
int mm_copyout(struct mm *mm, uint32_t uva, const void *src, uint32_t n);
/* The kernel address of user byte va of mm, faulted in for reading or writing; 0 if bad. */
uint8_t *user_byte(struct mm *mm, uint32_t va, int write);
int mm_populate(struct mm *mm, uint32_t start, uint32_t end);

/* ---- processes (proc.c) -------------------------------------------------------------------- */
enum pstate { P_FREE, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };
struct file;
struct proc {
  int pid, ppid;
  enum pstate state;
  int exit_status;         /* wait status: (code << 8) or the signal */
  int killed;              /* a fatal signal is pending: its number */
  void *chan;
  struct mm mm;
  struct file *fd[NOFILE];
  uint8_t cloexec[NOFILE];
  uint32_t cwd;            /* inode */
  char cwdpath[128];
  uint32_t tls;
  uint32_t ctx_sp;
  uint8_t *kstack;
  struct trapframe *tf;
  uint32_t fpu[34] __attribute__((aligned(8))); /* 16 doubles (FR=0) and FCSR */
  uint64_t wake_ns;        /* nanosleep */
  uint32_t sig_ignored;    /* signals set to SIG_IGN */
  int cpu;
  char name[16];
};
extern struct proc procs[NPROC];
struct proc *curproc(void);
void proc_init(void);
struct proc *proc_alloc(void);
void sched_start(uint32_t cpu) __attribute__((noreturn));
void yield(void);
void sleep_on(void *chan);
void wakeup(void *chan);
void proc_exit(int status) __attribute__((noreturn));
int proc_fork(uint32_t child_tid_uva);
int sleep_until(uint64_t ns);
int pause_until_killed(void);
int proc_wait(int pid, uint32_t status_uva, int options);
int proc_kill(int pid, int sig);
void proc_make_runnable(struct proc *p);
extern volatile int need_resched[NCPU];
void timer_tick(void);
extern uint32_t ncpus_online;

/* ---- exec (exec.c) ------------------------------------------------------------------------- */
int do_execve(const char *path, char *const *argv, int argc, char *const *envp, int envc);
int sys_execve_impl(uint32_t path, uint32_t argv, uint32_t envp);
void mm_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot);

/* ---- files (file.c) ------------------------------------------------------------------------ */
enum ftype { F_NONE, F_CONSOLE, F_INODE, F_PIPE };
struct pipe;
struct file {
  enum ftype type;
  int ref;
  int flags;           /* O_ACCMODE, O_APPEND, O_NONBLOCK */
  uint32_t ino;
  uint64_t off;
  struct pipe *pipe;
  int write_end;
};
void file_init(void);
struct file *file_get(struct file *f);
void file_put(struct file *f);
int fd_install(struct proc *p, struct file *f, int from);
struct file *console_file(void);
int path_lookup(const char *path, uint32_t *ino, uint32_t *parent, const char **last, int *lastlen);
long file_read_all(uint32_t ino, uint64_t off, void *buf, uint32_t n);
struct fs_stat;
int path_stat(const char *path, uint32_t *ino, struct fs_stat *st);
void fs_enter(void);
void fs_exit(void);
extern int disk_polls;    /* boot and shutdown: disk transfers are polled, nobody sleeps */

/* ---- system calls (syscall.c) -------------------------------------------------------------- */
void syscall(struct trapframe *tf);
void signal_deliver_default(void);

/* ---- boot (main.c) ------------------------------------------------------------------------- */
void shutdown(int status) __attribute__((noreturn));
void print_stats(void);

#endif
