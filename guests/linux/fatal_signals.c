/* Programs killed by a fatal signal. argv[1] picks the fault:
 *   segv          store to address 0                          SIGSEGV (11) -> status 139
 *   segv-read     load from address 8                         SIGSEGV
 *   segv-jump     jump to address 0 (the fetch faults)        SIGSEGV
 *   break         the break instruction                       SIGTRAP (5)  -> status 133
 *   teq           a conditional trap whose condition holds    SIGTRAP
 *   overflow      add (not addu) overflowing                  SIGFPE (8)   -> status 136
 *   ill           a reserved instruction                      SIGILL (4)   -> status 132
 *   unaligned     lw from an address that is not a multiple of 4: SIGBUS (10) -> status 138.
 *                 (The Linux kernel would emulate this access by default; qemu-user, the oracle,
 *                 delivers SIGBUS, and ExecResult documents SIGBUS for address errors.)
 *   abort         abort(): raise SIGABRT (6) by a syscall     -> status 134
 * The statuses are 128 + the MIPS signal number, as a shell on a MIPS Linux machine would see
 * them. MIPS numbers some signals differently from x86: SIGBUS is 10 on MIPS but 7 on x86, and
 * qemu-mips, which kills itself with the host's signal, exits with 135 for it; the test takes
 * the target's number from qemu's "uncaught target signal N" report instead.
 * Before faulting, the program prints to stdout (flushed) and to stderr, so the test can check
 * that output written before the fault survives. Not included: "break 7" and the "teq ...,7"
 * that gcc emits before a division by zero; the Linux kernel turns those codes into SIGFPE,
 * while qemu 7.2 reports SIGTRAP, so neither answer is a sound oracle. */
//@run segv
//@run segv-read
//@run segv-jump
//@run break
//@run teq
//@run overflow
//@run ill
//@run unaligned
//@run abort
//@run none
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "none";
  printf("about to fault: %s\n", what);
  printf("this line and the one above are flushed first\n");
  fflush(stdout);
  fprintf(stderr, "stderr before the fault (%s)\n", what);
  printf("this line is still in stdout's buffer when the signal kills the process\n");
  volatile int sink;
  /* Through a volatile pointer, so that gcc cannot see the null and replace the access with a
   * trap instruction of its own. */
  volatile int *volatile bad = 0;
  if (strcmp(what, "segv") == 0) {
    *bad = 1;
  } else if (strcmp(what, "segv-read") == 0) {
    sink = bad[2];
  } else if (strcmp(what, "segv-jump") == 0) {
    void (*volatile f)(void) = 0;
    f();
  } else if (strcmp(what, "break") == 0) {
    __asm__ volatile("break");
  } else if (strcmp(what, "teq") == 0) {
    __asm__ volatile("teq $zero, $zero");
  } else if (strcmp(what, "overflow") == 0) {
    int r;
    __asm__ volatile("add %0, %1, %1" : "=r"(r) : "r"(0x7fffffff));
    sink = r;
  } else if (strcmp(what, "ill") == 0) {
    /* opcode 0x3b (major opcode 59) is reserved in MIPS32 Release 2 */
    __asm__ volatile(".word 0xec000000");
  } else if (strcmp(what, "unaligned") == 0) {
    static int words[2] = {0x01020304, 0x05060708};
    int r;
    __asm__ volatile("lw %0, 1(%1)" : "=r"(r) : "r"(words));
    sink = r;
  } else if (strcmp(what, "abort") == 0) {
    abort();
  }
  (void)sink;
  printf("no fault happened for '%s'\n", what);
  return 0;
}
