/* Output through file descriptors and stdio buffering: write(2) to fd 1 and fd 2, writev,
 * fprintf to stderr (unbuffered) and to stdout (fully buffered, because stdout is a pipe under
 * both runners: isatty(1) is 0), setvbuf to line buffering and to no buffering, fflush, fputc
 * and puts, a descriptor duplicated with dup and dup2, writes of zero bytes, and the errors of
 * writing to a closed or never-opened descriptor (EBADF). Both stdout and stderr are compared:
 * everything here is deterministic. */
//@run
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static void say(int fd, const char *s) { write(fd, s, strlen(s)); }

int main(void) {
  printf("1: buffered printf, written at the first flush\n");
  say(1, "2: write(1) goes out at once, before line 1\n");
  say(2, "stderr: write(2)\n");
  fprintf(stderr, "stderr: fprintf %d %s\n", 42, "unbuffered");
  fflush(stdout);
  say(1, "3: after fflush\n");

  printf("isatty(0) %d isatty(1) %d isatty(2) %d\n", isatty(0), isatty(1), isatty(2));
  fflush(stdout);

  struct iovec iov[4] = {{"4: writev ", 10}, {"in ", 3}, {"", 0}, {"pieces\n", 7}};
  ssize_t n = writev(1, iov, 4);
  printf("writev returned %zd\n", n);
  fflush(stdout);

  errno = 0;
  n = write(1, "", 0);
  printf("write of 0 bytes returned %zd errno %d\n", n, errno);
  errno = 0;
  n = write(99, "x", 1);
  printf("write to fd 99 returned %zd errno %s\n", n, errno == EBADF ? "EBADF" : strerror(errno));
  fflush(stdout);

  int d = dup(1);
  int d2 = dup2(1, 7);
  printf("dup gave a new fd %s, dup2 gave %d\n", d > 2 ? "above 2" : "WRONG", d2);
  fflush(stdout);
  say(d, "5: through the dup'd descriptor\n");
  say(7, "6: through fd 7\n");
  close(7);
  errno = 0;
  n = write(7, "x", 1);
  printf("write to closed fd 7 returned %zd errno %s\n", n, errno == EBADF ? "EBADF" : "other");
  close(d);

  /* Line buffered: each newline flushes, so these interleave with write(1). */
  setvbuf(stdout, NULL, _IOLBF, 0);
  printf("7: line buffered");
  say(1, "[8: write before the newline]");
  printf(" end of 7\n");
  say(1, "9: after line 7\n");
  /* Unbuffered */
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 5; i++) {
    fputc('a' + i, stdout);
    say(1, "|");
  }
  puts("");
  fprintf(stderr, "stderr: last line\n");
  /* Lots of output in one go, to cross pipe buffer sizes. */
  setvbuf(stdout, NULL, _IOFBF, 4096);
  for (int i = 0; i < 3000; i++) printf("bulk line %4d %s\n", i, "abcdefghijklmnopqrstuvwxyz" + i % 26);
  for (int i = 0; i < 200; i++) fprintf(stderr, "bulk stderr %d\n", i);
  return 5;
}
