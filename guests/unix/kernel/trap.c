/*
 * trap.c: what entry.S calls for every exception other than a TLB refill: interrupts, system
 * calls, page faults, and the faults that end a user process with a signal. In kernel mode the
 * only expected exception is an interrupt taken in the idle loop; anything else is a panic.
 */
#include "kernel.h"

struct kstats kstats;

#define SIGILL 4
#define SIGTRAP 5
#define SIGKILL 9
#define SIGBUS 10
#define SIGFPE 8
#define SIGSEGV 11

static const char *const exc_names[32] = {
    "Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE", "Sys", "Bp", "RI", "CpU",
    "Ov", "Tr", 0, "FPE", 0, 0, 0, 0, 0, 0, 0, "WATCH", "MCheck"};

static void kernel_fault(struct trapframe *tf)
{
  static const char *const names[32] = {
      "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
      "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra"};
  uint32_t code = (tf->cause >> 2) & 31;
  kprintf("\npanic: kernel exception %s (%u) on cpu %u: pc 0x%08x badvaddr 0x%08x cause 0x%08x status 0x%08x\n",
          exc_names[code] ? exc_names[code] : "?", code, hal_cpu_id(), tf->epc, tf->badvaddr, tf->cause,
          tf->status);
  for (int i = 0; i < 32; i++)
    kprintf("%4s %08x%s", names[i], tf->r[i], i % 6 == 5 ? "\n" : "  ");
  kprintf("\n  hi %08x    lo %08x\n", tf->hi, tf->lo);
  hal_halt(3);
}

static void interrupts(struct trapframe *tf)
{
  uint32_t pending = tf->cause & tf->status & 0xFF00u;
  kstats.interrupts++;
  if (pending & ST_IM(IRQ_TIMER))
    timer_tick();
  if (pending & ST_IM(IRQ_IPI))
    hal_ipi_ack();
  if (pending & ST_IM(IRQ_DISK)) {
    hal_disk_interrupt();
    wakeup((void *)hal_disk_interrupt);
  }
}

static int fault_signal(struct trapframe *tf, uint32_t code)
{
  struct proc *p = curproc();
  switch (code) {
  case 1: case 2: case 3: {
    int e = vm_fault(&p->mm, tf->badvaddr, code != 2);
    if (!e)
      return 0;
    if (e == -ENOMEM) {
      kprintf("unix: out of memory: killing pid %d (%s)\n", p->pid, p->name);
      return SIGKILL;
    }
    return SIGSEGV;
  }
  case 4: case 5: return tf->badvaddr >= 0x80000000u ? SIGSEGV : SIGBUS;
  case 9: case 13: return SIGTRAP;
  case 10: case 11: return SIGILL;
  case 12: case 15: return SIGFPE;
  default: return SIGSEGV;
  }
}

void trap(struct trapframe *tf)
{
  uint32_t code = (tf->cause >> 2) & 31;
  if (!(tf->status & ST_UM)) {
    if (code != 0)
      kernel_fault(tf);
    klock_acquire();
    interrupts(tf);
    klock_release();
    tf->epc = hal_idle_resume(tf->epc);
    return;
  }
  klock_acquire();
  struct proc *p = curproc();
  if (code == 0) {
    interrupts(tf);
  } else if (code == 8) {
    syscall(tf);
  } else {
    int sig = fault_signal(tf, code);
    if (sig && !p->killed)
      p->killed = sig;
  }
  if (!p->killed && need_resched[hal_cpu_id()])
    yield();
  if (p->killed)
    proc_exit(p->killed);
  klock_release();
}

int disk_polls = 1;

/* The kernel side of hal_disk_sleep: a process sleeps until the completion interrupt (taken by
 * CPU 0) sets the flag, and other processes run meanwhile; at boot and shutdown, when there is no
 * scheduler to switch to, the CPU polls the controller instead. */
void hal_disk_sleep(volatile int *flag)
{
  while (!*flag) {
    if (disk_polls || !curproc())
      hal_disk_interrupt();
    else
      sleep_on((void *)hal_disk_interrupt);
  }
}

void hal_disk_lock(int take)
{
  if (take == 1)
    kstats.disk_reads++;
  else if (take == 2)
    kstats.disk_writes++;
}
