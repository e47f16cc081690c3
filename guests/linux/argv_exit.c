/* Arguments and the ways a program ends. Prints argc and argv[1..] (argv[0] is the path the
 * program was started by, which differs between runners, so it is not printed), then ends as
 * argv[1] says:
 *   exit N     exit(N): atexit handlers run in reverse order of registration, stdio is flushed
 *   return N   return N from main: the same as exit(N)
 *   _exit N    _exit(N): no handlers, and stdout's buffer is lost. stdout is a pipe under both
 *              runners, so glibc buffers it fully and the lines printed before are never
 *              written; a runner that made stdout look like a terminal would show them
 *   (other)    return 0
 * The status a parent sees is N & 0xff (so "exit 300" gives 44, "exit -1" gives 255). */
//@run
//@run one two three
//@run exit 3 extra
//@run exit 300
//@run exit -1
//@run return 42
//@run _exit 7
//@run other-word
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void handler1(void) { printf("atexit handler 1 (registered first, runs last)\n"); }
static void handler2(void) { printf("atexit handler 2\n"); }
static void handler3(void) {
  /* Registered last, runs first; writes straight to fd 1 so its order relative to the buffered
   * lines is visible: it comes out before everything still in stdout's buffer. */
  static const char msg[] = "atexit handler 3 via write(2)\n";
  write(1, msg, sizeof msg - 1);
}

int main(int argc, char **argv) {
  atexit(handler1);
  atexit(handler2);
  atexit(handler3);
  printf("argc %d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d] = '%s' (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
  int n = argc > 2 ? atoi(argv[2]) : 0;
  if (argc > 1 && strcmp(argv[1], "exit") == 0) {
    printf("calling exit(%d)\n", n);
    exit(n);
  }
  if (argc > 1 && strcmp(argv[1], "_exit") == 0) {
    printf("calling _exit(%d): this line stays in the buffer\n", n);
    _exit(n);
  }
  if (argc > 1 && strcmp(argv[1], "return") == 0) {
    printf("returning %d from main\n", n);
    return n;
  }
  printf("returning 0 from main\n");
  return 0;
}
