/* Attempts to leave the root directory that `disco exec --root` confines a program to. Run (by
 * ConfinementTest) with the root holding `inside.txt`, a link `out` to the directory above the
 * root, a link `abs` to an absolute path outside it, and a file `outside.txt` beside the root.
 * Every attempt must fail with EACCES and leave nothing outside; the same operations inside the
 * root must work. Unlike the programs one directory up, this one is not compared with qemu,
 * which has no root: its expected output is escape.expected. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The call, its result, and its errno's name when it failed. */
static void show(const char *what, long r) {
  printf("%s -> %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerrorname_np(errno) : "");
}
#define T(expr) (errno = 0, show(#expr, (long)(expr)))

int main(void) {
  struct stat st;
  char buf[4096], cwd[4096];
  getcwd(cwd, sizeof cwd);
  printf("-- inside\n");
  T(open("inside.txt", O_RDONLY) >= 0);
  T(stat("./inside.txt", &st));
  T(mkdir("made", 0755));
  T(symlink("../../outside.txt", "made/link-out")); /* making a link out is allowed... */
  T(readlink("made/link-out", buf, sizeof buf)); /* ...and reading what it says */
  T(lstat("made/link-out", &st));
  printf("-- by ..\n");
  T(open("../outside.txt", O_RDONLY));
  T(open("made/../../outside.txt", O_RDONLY));
  T(stat("..", &st));
  T(chdir(".."));
  T(mkdir("../made-outside", 0755));
  T(open("../created-outside", O_CREAT | O_WRONLY, 0644));
  T(rename("inside.txt", "../moved-outside"));
  T(unlink("../outside.txt"));
  T(openat(AT_FDCWD, "..", O_RDONLY | O_DIRECTORY));
  printf("-- by absolute paths\n");
  T(open("/etc/passwd", O_RDONLY));
  T(stat("/", &st));
  T(chdir("/"));
  T(opendir("/") == NULL);
  T(access("/etc/passwd", F_OK));
  printf("-- by symbolic links\n");
  T(open("out/outside.txt", O_RDONLY));
  T(open("made/link-out", O_RDONLY));
  T(stat("abs", &st));
  T(chdir("out"));
  T(open("out/new", O_CREAT | O_WRONLY, 0644));
  T(open("made/link-out", O_WRONLY | O_TRUNC));
  printf("-- still inside, unchanged\n");
  getcwd(buf, sizeof buf);
  printf("cwd unchanged: %d\n", strcmp(buf, cwd) == 0);
  T(open("/dev/null", O_WRONLY) >= 0);
  T(unlink("made/link-out"));
  T(rmdir("made"));
  return 0;
}
