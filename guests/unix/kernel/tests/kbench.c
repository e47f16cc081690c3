/*
 * kbench: what the kernel's basic operations cost, in simulated cycles (the machine's clock runs
 * at 200 MHz: a nanosecond of CLOCK_MONOTONIC is 0.2 cycles). Run it as init on one CPU:
 *
 *   init=/sbin/kbench maxcpus=1
 *
 * Each figure is an average over many repetitions, loop overhead included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long long cycles(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ((unsigned long long)ts.tv_sec * 1000000000ull + ts.tv_nsec) / 5;
}

static void report(const char *what, unsigned long long total, int n)
{
  printf("%-40s %8llu cycles\n", what, total / n);
}

#define PAGES 256

int main(int argc, char **argv)
{
  if (argc > 1 && !strcmp(argv[1], "exit"))
    return 0;
  int n = 2000;
  unsigned long long t = cycles();
  for (int i = 0; i < n; i++)
    syscall(SYS_getpid);
  report("system call (getpid)", cycles() - t, n);

  n = 20;
  t = cycles();
  for (int i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      char *args[] = {argv[0], "exit", NULL};
      execve(argv[0], args, NULL);
      _exit(1);
    }
    int st;
    waitpid(pid, &st, 0);
  }
  report("fork+exec+exit+wait", cycles() - t, n);

  volatile char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  t = cycles();
  for (int i = 0; i < PAGES; i++)
    p[i * 4096] = 1;
  report("page fault, demand zero", cycles() - t, PAGES);

  int fd[2];
  pipe(fd);
  pid_t pid = fork();
  if (pid == 0) {
    t = cycles();
    for (int i = 0; i < PAGES; i++)
      p[i * 4096] = 2;
    unsigned long long d = cycles() - t;
    write(fd[1], &d, sizeof d);
    _exit(0);
  }
  unsigned long long cow;
  read(fd[0], &cow, sizeof cow);
  waitpid(pid, NULL, 0);
  report("page fault, copy on write", cow, PAGES);

  /* 2048 pages are 1024 TLB entries (even/odd pairs), 16 times the TLB: with random
   * replacement about one touch in 16 still hits, so this slightly underestimates a refill */
  enum { BIG = 2048 };
  volatile char *q = mmap(NULL, BIG * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (int i = 0; i < BIG; i++)
    q[i * 4096] = 1;
  int rounds = 10;
  unsigned sum = 0;
  t = cycles();
  for (int r = 0; r < rounds; r++)
    for (int i = 0; i < BIG; i += 2)
      sum += q[i * 4096];
  unsigned long long miss = cycles() - t;
  t = cycles();
  for (int r = 0; r < rounds * (BIG / 32); r++)
    for (int i = 0; i < 32; i += 2)
      sum += q[i * 4096];
  unsigned long long hit = cycles() - t;
  report("TLB refill", miss > hit ? miss - hit : 0, rounds * BIG / 2);
  int a[2], b[2];
  pipe(a);
  pipe(b);
  n = 500;
  pid = fork();
  char c = 0;
  if (pid == 0) {
    for (int i = 0; i < n; i++) {
      read(a[0], &c, 1);
      write(b[1], &c, 1);
    }
    _exit(0);
  }
  t = cycles();
  for (int i = 0; i < n; i++) {
    write(a[1], &c, 1);
    read(b[0], &c, 1);
  }
  report("context switch (pipe ping-pong, 1/2 trip)", cycles() - t, 2 * n);
  waitpid(pid, NULL, 0);
  return sum == 12345 ? 1 : 0;
}
