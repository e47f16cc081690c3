/*
 * ktest: the kernel's own check, run as init. Exercises fork (copy on write), execve with
 * arguments, wait4 statuses, pipes between processes, MAP_SHARED anonymous memory across fork,
 * files and directories, bad pointers (-EFAULT), a child killed by SIGSEGV, and the process
 * table's limit (-EAGAIN), a stack overflow, mmap beyond memory (-ENOMEM), and a spinning process
 * being preempted. Prints one line per check; exits 0 when all pass.
 *
 *   ktest            all the checks
 *   ktest child N    (used by the checks) prints its arguments and exits with N
 *   ktest stress N   N fork+exec+wait cycles, each child writing through a pipe
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  if (!ok)
    failures++;
}

static int run_child(const char *self, const char *arg, int *status)
{
  pid_t pid = fork();
  if (pid == 0) {
    char *argv[] = {(char *)self, "child", (char *)arg, NULL};
    char *envp[] = {"KTEST=1", NULL};
    execve(self, argv, envp);
    _exit(127);
  }
  return waitpid(pid, status, 0) == pid;
}

/* Recursion with a frame the compiler cannot drop: grows the stack until it overflows. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static int recurse(int n)
{
  volatile char frame[1024];
  frame[0] = (char)n;
  return recurse(n + 1) + frame[0];
}

static void stress(const char *self, int n)
{
  long total = 0;
  for (int i = 0; i < n; i++) {
    int fd[2];
    if (pipe(fd))
      exit(2);
    pid_t pid = fork();
    if (pid == 0) {
      dup2(fd[1], 1);
      close(fd[0]);
      close(fd[1]);
      char num[16];
      snprintf(num, sizeof num, "%d", i % 7);
      char *argv[] = {(char *)self, "child", num, NULL};
      execve(self, argv, NULL);
      _exit(127);
    }
    close(fd[1]);
    char buf[256];
    ssize_t r;
    while ((r = read(fd[0], buf, sizeof buf)) > 0)
      total += r;
    close(fd[0]);
    int st;
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != i % 7)
      exit(3);
  }
  printf("stress: %d cycles, %ld bytes through pipes\n", n, total);
}

int main(int argc, char **argv)
{
  if (argc >= 3 && !strcmp(argv[1], "child")) {
    printf("child: argc %d, arg %s, env %s\n", argc, argv[2], getenv("KTEST") ? getenv("KTEST") : "-");
    return atoi(argv[2]);
  }
  if (argc >= 3 && !strcmp(argv[1], "stress")) {
    stress(argv[0], atoi(argv[2]));
    return 0;
  }
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("ktest: pid %d, ppid %d\n", getpid(), getppid());

  /* fork: the child's writes are its own */
  static int value = 1;
  pid_t pid = fork();
  if (pid == 0) {
    value = 2;
    _exit(value == 2 ? 5 : 6);
  }
  int st;
  check("fork and wait4", waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5);
  check("copy on write keeps the parent's value", value == 1);

  check("execve with argv and envp", run_child(argv[0], "7", &st) && WEXITSTATUS(st) == 7);

  /* a pipe between two processes */
  int fd[2];
  check("pipe", pipe(fd) == 0);
  pid = fork();
  if (pid == 0) {
    close(fd[0]);
    for (int i = 0; i < 1000; i++)
      write(fd[1], "0123456789", 10);
    _exit(0);
  }
  close(fd[1]);
  char buf[512];
  long got = 0;
  ssize_t r;
  while ((r = read(fd[0], buf, sizeof buf)) > 0)
    got += r;
  close(fd[0]);
  waitpid(pid, &st, 0);
  check("10000 bytes through a pipe", got == 10000);

  /* shared anonymous memory */
  volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  *shared = 1;
  pid = fork();
  if (pid == 0) {
    *shared = 42;
    _exit(0);
  }
  waitpid(pid, &st, 0);
  check("MAP_SHARED memory is shared across fork", *shared == 42);

  /* files and directories */
  check("mkdir", mkdir("/tmp/kt", 0755) == 0);
  int f = open("/tmp/kt/a", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  check("open O_CREAT", f >= 0);
  check("write to a file", write(f, "hello, file\n", 12) == 12);
  close(f);
  struct stat sb;
  check("stat size", stat("/tmp/kt/a", &sb) == 0 && sb.st_size == 12);
  check("rename", rename("/tmp/kt/a", "/tmp/kt/b") == 0);
  f = open("/tmp/kt/b", O_RDONLY);
  memset(buf, 0, sizeof buf);
  check("read back", f >= 0 && read(f, buf, sizeof buf) == 12 && !strcmp(buf, "hello, file\n"));
  check("lseek", lseek(f, 7, SEEK_SET) == 7 && read(f, buf, 4) == 4 && !memcmp(buf, "file", 4));
  close(f);
  DIR *d = opendir("/tmp/kt");
  int entries = 0;
  struct dirent *de;
  while (d && (de = readdir(d)))
    entries += !strcmp(de->d_name, "b");
  if (d)
    closedir(d);
  check("getdents64 lists the file", entries == 1);
  check("chdir and getcwd", chdir("/tmp/kt") == 0 && getcwd(buf, sizeof buf) && !strcmp(buf, "/tmp/kt"));
  check("unlink", unlink("b") == 0 && stat("/tmp/kt/b", &sb) == -1 && errno == ENOENT);
  chdir("/");

  /* robustness */
  check("bad pointer gives EFAULT", syscall(SYS_write, 1, (void *)0x10, 5) == -1 && errno == EFAULT);
  check("kernel pointer gives EFAULT", syscall(SYS_write, 1, (void *)0x80010000, 5) == -1 && errno == EFAULT);
  pid = fork();
  if (pid == 0) {
    *(volatile int *)0x80000000 = 1;
    _exit(0);
  }
  waitpid(pid, &st, 0);
  check("a store to kernel space: SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  pid = fork();
  if (pid == 0) {
    kill(getpid(), SIGTERM);
    _exit(0);
  }
  waitpid(pid, &st, 0);
  check("kill: SIGTERM's default action", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
  pid = fork();
  if (pid == 0)
    _exit(recurse(1) == 0);
  waitpid(pid, &st, 0);
  check("a stack overflow: SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
  check("mmap beyond memory: ENOMEM",
        mmap(NULL, 1u << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == ENOMEM);
  pid = fork();
  if (pid == 0)
    for (;;)
      ;
  struct timespec ts = {0, 30 * 1000 * 1000};
  nanosleep(&ts, NULL); /* on one CPU this only returns if the spinning child is preempted */
  kill(pid, SIGKILL);
  waitpid(pid, &st, 0);
  check("a process spinning forever is preempted and killed", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

  int made = 0, eagain = 0;
  pid_t kids[128];
  for (int i = 0; i < 128; i++) {
    kids[i] = fork();
    if (kids[i] == 0) {
      pause();
      _exit(0);
    }
    if (kids[i] < 0) {
      eagain = errno == EAGAIN;
      break;
    }
    made++;
  }
  for (int i = 0; i < made; i++)
    kill(kids[i], SIGKILL);
  for (int i = 0; i < made; i++)
    wait(&st);
  check("the process table is bounded (EAGAIN)", eagain && made < 128);
  check("wait4 with no children: ECHILD", wait(&st) == -1 && errno == ECHILD);

  printf("ktest: %d failures\n", failures);
  return failures ? 1 : 0;
}
