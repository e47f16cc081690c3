/*
 * proc.c: the process table, the scheduler, sleep and wakeup, fork, exit, wait and kill.
 *
 * One global run queue: the process table scanned round robin from where the last pick stopped,
 * under the kernel lock. Each CPU runs a scheduler loop on its own stack; a process gives up its
 * CPU by switching to that loop (yield, sleep, exit), which picks the next runnable process or
 * idles in WAIT with the lock released. The timer preempts a process that is in user mode.
 */
#include "kernel.h"

struct proc procs[NPROC];
static uint8_t kstacks[NPROC][KSTACK_SIZE] __attribute__((aligned(4096)));
static struct proc *current[NCPU];
static uint32_t sched_sp[NCPU];
/* Per-CPU flags, each on its own cache line: other CPUs read them. */
static volatile int cpu_idle[NCPU * 32] __attribute__((aligned(128)));
#define cpu_idle(c) cpu_idle[(c) * 32]
volatile int need_resched[NCPU];
uint32_t ncpus_online = 1;
static int next_pid = 1;
static int rr;
static volatile uint32_t ticks;

struct proc *curproc(void) { return current[hal_cpu_id()]; }

void proc_init(void) {}

struct proc *proc_alloc(void)
{
  for (int i = 0; i < NPROC; i++) {
    struct proc *p = &procs[i];
    if (p->state != P_FREE)
      continue;
    memset(p, 0, sizeof *p);
    p->state = P_EMBRYO;
    p->pid = next_pid++;
    p->kstack = kstacks[i];
    uint32_t top = (uint32_t)p->kstack + KSTACK_SIZE;
    p->tf = (struct trapframe *)(top - sizeof(struct trapframe));
    uint32_t sp = top - sizeof(struct trapframe) - 16;
    /* the first switch to it pops a swtch frame whose ra is fork_start (entry.S) */
    p->ctx_sp = sp - 48;
    ((uint32_t *)p->ctx_sp)[10] = (uint32_t)fork_start;
    return p;
  }
  return 0;
}

/* The first return to user mode of a new process: it runs with the lock its CPU's scheduler
 * took, and gives it back as every return to user mode does. */
void fork_return(void)
{
  klock_release();
}

static void kick_idle_cpu(void)
{
  uint32_t self = hal_cpu_id();
  for (uint32_t c = 0; c < ncpus_online; c++) {
    if (c != self && cpu_idle(c)) {
      cpu_idle(c) = 0;
      hal_ipi(c);
      return;
    }
  }
}

void proc_make_runnable(struct proc *p)
{
  p->state = P_RUNNABLE;
  kick_idle_cpu();
}

/* Back to this CPU's scheduler loop; p->state was set by the caller. */
static void to_scheduler(void)
{
  struct proc *p = curproc();
  if (p->state != P_ZOMBIE)
    fpu_save(p->fpu);
  swtch(&p->ctx_sp, sched_sp[hal_cpu_id()]);
}

static struct proc *pick(void)
{
  for (int k = 0; k < NPROC; k++) {
    int i = (rr + k) % NPROC;
    if (procs[i].state == P_RUNNABLE) {
      rr = i + 1;
      return &procs[i];
    }
  }
  return 0;
}

void sched_start(uint32_t c)
{
  klock_acquire();
  for (;;) {
    struct proc *p = pick();
    if (p) {
      p->state = P_RUNNING;
      p->cpu = (int)c;
      current[c] = p;
      need_resched[c] = 0;
      cpu_vec[c].kstack = (uint32_t)p->kstack + KSTACK_SIZE;
      mm_activate(&p->mm);
      hal_set_tls(p->tls);
      fpu_restore(p->fpu);
      kstats.switches++;
      swtch(&sched_sp[c], p->ctx_sp);
      current[c] = 0;
      mm_activate(0);
      continue;
    }
    cpu_idle(c) = 1;
    /* only CPU 0 keeps ticking while idle, and only for a sleeper with a timeout */
    int timer = 0;
    for (int i = 0; c == 0 && i < NPROC; i++)
      timer |= procs[i].state == P_SLEEPING && procs[i].chan == (void *)&ticks;
    klock_release();
    hal_idle(timer);
    klock_acquire();
    hal_timer_arm(TICK_CYCLES);
    cpu_idle(c) = 0;
  }
}

void yield(void)
{
  curproc()->state = P_RUNNABLE;
  to_scheduler();
}

void sleep_on(void *chan)
{
  struct proc *p = curproc();
  p->chan = chan;
  p->state = P_SLEEPING;
  to_scheduler();
  p->chan = 0;
}

void wakeup(void *chan)
{
  for (int i = 0; i < NPROC; i++)
    if (procs[i].state == P_SLEEPING && procs[i].chan == chan)
      proc_make_runnable(&procs[i]);
}

/* ---- time ----------------------------------------------------------------------------------- */

void timer_tick(void)
{
  uint32_t c = hal_cpu_id();
  hal_timer_arm(TICK_CYCLES);
  need_resched[c] = 1;
  if (c == 0) {
    ticks++;
    wakeup((void *)&ticks);
  }
}

/* Sleeps until the clock passes ns (nanosleep); a fatal signal ends it early. */
int sleep_until(uint64_t ns)
{
  struct proc *p = curproc();
  while (hal_time_nanos() < ns && !p->killed)
    sleep_on((void *)&ticks);
  return 0;
}

/* pause, sigsuspend: no handler is ever called, so only a fatal signal ends the wait */
int pause_until_killed(void)
{
  struct proc *p = curproc();
  while (!p->killed)
    sleep_on(p);
  return -EINTR;
}

/* ---- fork, exit, wait ----------------------------------------------------------------------- */

int proc_fork(uint32_t child_tid_uva)
{
  struct proc *p = curproc();
  struct proc *np = proc_alloc();
  if (!np)
    return -EAGAIN;
  int e = mm_fork(&np->mm, &p->mm);
  if (e) {
    np->state = P_FREE;
    return e;
  }
  *np->tf = *p->tf;
  np->tf->r[TF_V0] = 0;
  np->tf->r[TF_A3] = 0;
  np->ppid = p->pid;
  for (int i = 0; i < NOFILE; i++) {
    if (p->fd[i])
      np->fd[i] = file_get(p->fd[i]);
    np->cloexec[i] = p->cloexec[i];
  }
  np->cwd = p->cwd;
  memcpy(np->cwdpath, p->cwdpath, sizeof np->cwdpath);
  memcpy(np->name, p->name, sizeof np->name);
  np->tls = p->tls;
  np->sig_ignored = p->sig_ignored;
  fpu_save(p->fpu);
  memcpy(np->fpu, p->fpu, sizeof np->fpu);
  if (child_tid_uva)
    mm_copyout(&np->mm, child_tid_uva, &np->pid, 4); /* CLONE_CHILD_SETTID */
  kstats.forks++;
  proc_make_runnable(np);
  return np->pid;
}

static struct proc *find_proc(int pid)
{
  for (int i = 0; i < NPROC; i++)
    if (procs[i].state != P_FREE && procs[i].pid == pid)
      return &procs[i];
  return 0;
}

void proc_exit(int status)
{
  struct proc *p = curproc();
  for (int i = 0; i < NOFILE; i++) {
    if (p->fd[i]) {
      file_put(p->fd[i]);
      p->fd[i] = 0;
    }
  }
  mm_free(&p->mm);
  p->exit_status = status;
  if (p->pid == 1)
    shutdown((status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff);
  struct proc *init = find_proc(1);
  for (int i = 0; i < NPROC; i++) {
    if (procs[i].state != P_FREE && procs[i].ppid == p->pid) {
      procs[i].ppid = 1;
      if (procs[i].state == P_ZOMBIE && init)
        wakeup(init);
    }
  }
  struct proc *parent = find_proc(p->ppid);
  p->state = P_ZOMBIE;
  if (parent)
    wakeup(parent);
  to_scheduler();
  panic("a zombie ran");
}

#define WNOHANG 1

int proc_wait(int pid, uint32_t status_uva, int options)
{
  struct proc *p = curproc();
  for (;;) {
    int children = 0;
    for (int i = 0; i < NPROC; i++) {
      struct proc *c = &procs[i];
      if (c->state == P_FREE || c->ppid != p->pid || (pid > 0 && c->pid != pid))
        continue;
      children++;
      if (c->state != P_ZOMBIE)
        continue;
      int cpid = c->pid;
      int32_t st = c->exit_status;
      if (status_uva && copyout(status_uva, &st, 4))
        return -EFAULT;
      c->state = P_FREE;
      return cpid;
    }
    if (!children)
      return -ECHILD;
    if (options & WNOHANG)
      return 0;
    if (p->killed)
      return -EINTR;
    sleep_on(p);
  }
}

/* Signals whose default action is to do nothing. */
/* Signals whose default action does not end the process (MIPS numbers): SIGCHLD, SIGWINCH, SIGURG,
 * and the job-control signals SIGSTOP, SIGTSTP, SIGCONT (stopping is not implemented). */
#define SIG_IGNORED_BY_DEFAULT ((1u << 18) | (1u << 20) | (1u << 21) | (1u << 23) | (1u << 24) | (1u << 25))

int proc_kill(int pid, int sig)
{
  if (sig < 0 || sig > 127)
    return -EINVAL;
  int found = 0;
  for (int i = 0; i < NPROC; i++) {
    struct proc *t = &procs[i];
    if (t->state == P_FREE || t->state == P_ZOMBIE || t->state == P_EMBRYO)
      continue;
    if (pid > 0 ? t->pid != pid : (pid == -1 ? t->pid == 1 : 0))
      continue;
    found++;
    if (sig == 0 || sig >= 32 || (SIG_IGNORED_BY_DEFAULT >> sig) & 1 || (t->sig_ignored >> sig) & 1)
      continue;
    if (!t->killed)
      t->killed = sig;
    if (t->state == P_SLEEPING)
      proc_make_runnable(t);
  }
  return found ? 0 : -ESRCH;
}

/* Boot: CPU 0 runs the first exec on behalf of process 1 before any scheduling. */
void proc_set_current(struct proc *p) { current[hal_cpu_id()] = p; }
