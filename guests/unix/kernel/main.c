/*
 * main.c: boot, the kernel command line, starting the other CPUs, shutdown and statistics.
 *
 * Command line (CPU 0's $a1: a NUL-terminated string in the kernel's segment, kseg0 on bare
 * hardware and the supervisor segment under the monitor, or a physical address, or none): words
 * separated by spaces. `quiet` silences the boot and shutdown messages, `init=PATH` names the
 * first program (default /sbin/init), `maxcpus=N` uses only the first N CPUs; after `--`, the
 * remaining words are the first program's arguments.
 */
#include "kernel.h"
#include "fs.h"

void proc_set_current(struct proc *p);

static char cmdline[512];
static char *init_argv[32];
static int init_argc;
static const char *init_path = "/sbin/init";
static uint32_t maxcpus = NCPU;
static volatile uint32_t cpus_up;

static uint32_t parse_uint(const char *s)
{
  uint32_t v = 0;
  while (*s >= '0' && *s <= '9')
    v = v * 10 + (uint32_t)(*s++ - '0');
  return v;
}

static void parse_cmdline(uint32_t addr)
{
  if (addr && addr < 0x20000000u)
    addr = (uint32_t)HAL_P2V(addr); /* a physical address */
  if (addr - (uint32_t)HAL_P2V(0) < 0x20000000u) { /* in the kernel's 512 MB segment */
    const char *src = (const char *)addr;
    int i = 0;
    for (; i < (int)sizeof cmdline - 1 && src[i]; i++)
      cmdline[i] = src[i];
    cmdline[i] = 0;
  }
  int after_dashes = 0;
  init_argc = 1;
  for (char *s = cmdline; *s;) {
    while (*s == ' ')
      *s++ = 0;
    if (!*s)
      break;
    char *w = s;
    while (*s && *s != ' ')
      s++;
    if (*s)
      *s++ = 0;
    if (after_dashes) {
      if (init_argc < 31)
        init_argv[init_argc++] = w;
    } else if (!strcmp(w, "--")) {
      after_dashes = 1;
    } else if (!strcmp(w, "quiet")) {
      quiet = 1;
    } else if (!strncmp(w, "init=", 5)) {
      init_path = w + 5;
    } else if (!strncmp(w, "maxcpus=", 8)) {
      maxcpus = parse_uint(w + 8);
    }
  }
  init_argv[0] = (char *)init_path;
  init_argv[init_argc] = 0;
}

static void start_init(void)
{
  struct proc *p = proc_alloc();
  if (!p || mm_init(&p->mm))
    panic("no memory for init");
  p->ppid = 0;
  p->cwd = FS_ROOT_INO;
  strcpy(p->cwdpath, "/");
  for (int i = 0; i < 3; i++)
    p->fd[i] = console_file();
  proc_set_current(p);
  static char *const envp[1] = {0};
  int e = do_execve(init_path, init_argv, init_argc, envp, 0);
  if (e)
    panic("cannot run init %s: error %d", init_path, -e);
  proc_set_current(0);
  proc_make_runnable(p);
}

void kmain(uint32_t cpu, uint32_t cmd, uint32_t boot_sp)
{
  hal_cpu_init(cpu);
  if (cpu != 0) {
    hal_ipi_ack();
    klock_acquire();
    cpus_up++;
    klock_release();
    hal_timer_arm(TICK_CYCLES);
    sched_start(cpu);
  }
  hal_init(boot_sp);
  parse_cmdline(cmd);
  mem_init();
  uint32_t n = hal_cpu_count();
  if (n > maxcpus)
    n = maxcpus;
  if (n > NCPU)
    n = NCPU;
  if (n < 1)
    n = 1;
  if (!quiet)
    kprintf("unix: %u cpus, %u MB, %u pages free\n", n, hal_memory_bytes() >> 20, pages_free());
  klock_acquire();
  int e = fs_mount(0);
  if (e)
    panic("cannot mount the root file system on disk 0: error %d", -e);
  start_init();
  ncpus_online = n;
  cpus_up = 1;
  klock_release();
  disk_polls = 0;
  for (uint32_t c = 1; c < n; c++)
    hal_start_cpu(c);
  while (cpus_up < n)
    ;
  hal_timer_arm(TICK_CYCLES);
  sched_start(0);
}

void print_stats(void)
{
  uint32_t refills = 0;
  for (int c = 0; c < NCPU; c++)
    refills += cpu_vec[c].refills;
  kprintf("unix: statistics: %u context switches, %u system calls (%u unimplemented), %u forks, %u execs\n",
          kstats.switches, kstats.syscalls, kstats.enosys, kstats.forks, kstats.execs);
  kprintf("unix: page faults: %u demand-zero, %u copy-on-write, %u other; %u TLB refills\n",
          kstats.faults_zero, kstats.faults_cow, kstats.faults_other, refills);
  kprintf("unix: disk: %u reads, %u writes; %u interrupts\n", kstats.disk_reads, kstats.disk_writes,
          kstats.interrupts);
}

void shutdown(int status)
{
  disk_polls = 1;
  fs_sync();
  if (!quiet) {
    kprintf("unix: init exited with status %d\n", status);
    print_stats();
  }
  hal_halt(status);
}
