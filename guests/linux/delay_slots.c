/* Branch delay slots, written in inline asm under ".set noreorder" so the assembler leaves the
 * instruction after each branch where it is. Covers: the delay slot of taken and not-taken
 * branches; branch-likely (the delay slot is annulled when the branch is not taken); a branch
 * whose delay slot overwrites the register the branch compared (the branch used the old value);
 * loops closed by a branch with the decrement in the delay slot; link registers of bal, bgezal,
 * bltzal (written even when not taken), jalr with a chosen link register; the delay slot of jalr
 * and jr executing before the target; jr.hb. Every result is a number printed with what the
 * architecture says it must be, so a reader can check the output by hand too. */
//@run
#include <stdint.h>
#include <stdio.h>

static int failures;
static uint32_t sum;

static void check(const char *what, uint32_t got, uint32_t want) {
  printf("%-44s %10u (want %u)%s\n", what, got, want, got == want ? "" : "  WRONG");
  if (got != want) failures++;
  sum = (sum ^ got) * 16777619u + 1;
}

/* One asm template per case: r starts at 0, each instruction adds a distinct power of two so the
 * result says exactly which instructions ran. */
#define CASE(name, want, body)                                                  \
  do {                                                                          \
    uint32_t r = 0;                                                             \
    __asm__ volatile(".set push\n\t.set noreorder\n\t" body "\n\t.set pop"      \
                     : "+r"(r) : "r"(five), "r"(minus), "r"(zero) : "t0", "t1"); \
    check(name, r, want);                                                       \
  } while (0)

int main(void) {
  /* Kept in registers the asm can read: %1 = 5, %2 = -3, %3 = 0. volatile so that gcc does not
   * turn them into constants the asm cannot take as registers. */
  volatile uint32_t v5 = 5, vm = (uint32_t)-3, v0 = 0;
  uint32_t five = v5, minus = vm, zero = v0;

  CASE("beq taken: delay slot runs, fall-through skipped", 1 + 4,
       "beq %3, $zero, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bne not taken: delay slot and fall-through", 1 + 2 + 4,
       "bne %3, $zero, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("beql taken: delay slot runs", 1 + 4,
       "beql %3, $zero, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("beql not taken: delay slot annulled", 2 + 4,
       "beql %1, $zero, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bnel not taken: delay slot annulled", 2 + 4,
       "bnel %3, $zero, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bnel taken", 1 + 4,
       "bnel %1, $zero, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("blezl on -3 taken", 1 + 4,
       "blezl %2, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("blezl on 5 annulled", 2 + 4,
       "blezl %1, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bgtzl on 0 annulled", 2 + 4,
       "bgtzl %3, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bltzl on -3 taken", 1 + 4,
       "bltzl %2, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bgezl on -3 annulled", 2 + 4,
       "bgezl %2, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bgez on 0 taken", 1 + 4,
       "bgez %3, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("bltz on 0 not taken", 1 + 2 + 4,
       "bltz %3, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  CASE("blez/bgtz on -3", 1 + 8 + 16,
       "blez %2, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n"
       "1:\t bgtz %2, 2f\n\t addiu %0, %0, 8\n\t addiu %0, %0, 16\n2:");
  /* The branch reads its operand before the delay slot changes it: r is 0 at the branch, so
   * beq is taken although r is 1 once the delay slot has run. */
  CASE("branch compares the value before its delay slot", 1 + 4,
       "beq %0, $zero, 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n1:\t addiu %0, %0, 4");
  /* Backward loop with the counter update in the delay slot: the test sees 10,9,...,0, so the
   * body runs 11 times, and the delay slot runs on the final (not taken) pass too. */
  CASE("bnez loop, decrement in delay slot", 11 * 3 + 1000 * 0xffff,
       "li $t0, 10\n"
       "1:\t addiu %0, %0, 3\n\t bnez $t0, 1b\n\t addiu $t0, $t0, -1\n\t"
       "andi $t0, $t0, 0xffff\n\t li $t1, 1000\n\t mul $t0, $t0, $t1\n\t addu %0, %0, $t0");
  /* Same with bnezl: the last, not-taken pass annuls the decrement, so t0 ends at 0. */
  CASE("bnezl loop, decrement annulled at exit", 10 * 3 + 3 + 7,
       "li $t0, 10\n"
       "1:\t addiu %0, %0, 3\n\t bnezl $t0, 1b\n\t addiu $t0, $t0, -1\n\t"
       "addiu %0, %0, 7\n\t addu %0, %0, $t0");
  /* An unconditional branch whose target is another branch. */
  CASE("branch to a branch", 1 + 16 + 64,
       "b 1f\n\t addiu %0, %0, 1\n\t addiu %0, %0, 2\n"
       "1:\t b 2f\n\t addiu %0, %0, 16\n\t addiu %0, %0, 32\n2:\t addiu %0, %0, 64");

  /* bal: ra = address of bal + 8. Measured against a second bal placed right after: the second
   * link minus the first is the distance between the two return points. */
  {
    uint32_t ra1, ra2;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "bal 1f\n\t nop\n"
                     "1:\t move %0, $ra\n\t"
                     "bal 2f\n\t nop\n"
                     "2:\t move %1, $ra\n\t"
                     ".set pop"
                     : "=r"(ra1), "=r"(ra2) : : "ra");
    check("bal: distance between two links", ra2 - ra1, 12);
  }
  /* bltzal not taken still writes ra (MIPS32 before release 6). */
  {
    uint32_t ra1, ra2, r = 0;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "bal 1f\n\t nop\n"
                     "1:\t move %0, $ra\n\t"
                     "bltzal %3, 2f\n\t addiu %2, %2, 1\n\t"
                     "addiu %2, %2, 2\n"
                     "2:\t move %1, $ra\n\t"
                     ".set pop"
                     : "=r"(ra1), "=r"(ra2), "+r"(r) : "r"(five) : "ra");
    check("bltzal not taken: ra = pc+8", ra2 - ra1, 12);
    check("bltzal not taken: both ran", r, 3);
  }
  {
    uint32_t ra1, ra2, r = 0;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "bal 1f\n\t nop\n"
                     "1:\t move %0, $ra\n\t"
                     "bgezal %3, 2f\n\t addiu %2, %2, 1\n\t"
                     "addiu %2, %2, 2\n"
                     "2:\t move %1, $ra\n\t"
                     ".set pop"
                     : "=r"(ra1), "=r"(ra2), "+r"(r) : "r"(five) : "ra");
    check("bgezal taken: ra = pc+8", ra2 - ra1, 12);
    check("bgezal taken: delay slot only", r, 1);
  }
  /* jalr to a routine in the same block: the delay slot of the jalr sets a0 before the routine
   * reads it; the routine's jr has an addiu in its delay slot; the link register is t1. */
  {
    uint32_t r;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "bal 1f\n\t nop\n"
                     /* the routine: v0 = a0 + 1000, +1 in jr's delay slot */
                     "addiu $v0, $a0, 1000\n\t"
                     "jr $t1\n\t addiu $v0, $v0, 1\n"
                     "1:\t li $a0, 5\n\t"
                     "jalr $t1, $ra\n\t li $a0, 7\n\t"
                     "addiu $v0, $v0, 20000\n\t"
                     "move %0, $v0\n\t"
                     ".set pop"
                     : "=r"(r) : : "ra", "t1", "a0", "v0");
    check("jalr t1: delay slot before target, return", r, 7 + 1000 + 1 + 20000);
  }
  /* jalr link value: t1 - (address of the routine's caller point) measured as above. */
  {
    uint32_t base, link;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "bal 1f\n\t nop\n"
                     "jr $ra\n\t move %1, $ra\n" /* routine: returns, copying its link */
                     "1:\t move %0, $ra\n\t"      /* %0 = address of the routine */
                     "move $t0, $ra\n\t"
                     "jalr $t0\n\t nop\n\t"       /* jalr at routine+16 links routine+24 */
                     ".set pop"
                     : "=&r"(base), "=&r"(link) : : "ra", "t0");
    check("jalr link = address of jalr + 8", link - base, 24);
  }
  /* jr.hb: same as jr plus a hazard barrier, its delay slot runs. */
  {
    uint32_t r = 0;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "bal 1f\n\t nop\n"
                     "1:\t addiu $t0, $ra, 16\n\t"
                     "jr.hb $t0\n\t addiu %0, %0, 1\n\t"
                     "addiu %0, %0, 2\n\t"
                     "addiu %0, %0, 4\n\t" /* the target: 1: + 16 */
                     ".set pop"
                     : "+r"(r) : : "ra", "t0");
    check("jr.hb: delay slot runs, jumps over", r, 1 + 4);
  }
  /* Compiler-generated branches with delay slots filled by gcc: a switch (jump table through jr)
   * and a loop that gcc unrolls. */
  {
    uint32_t acc = 0;
    for (volatile unsigned i = 0; i < 100; i++) {
      switch (i % 7) {
        case 0: acc += 3; break;
        case 1: acc ^= acc << 3; break;
        case 2: acc = acc * 5 + 1; break;
        case 3: acc -= 11; break;
        case 4: acc = (acc >> 2) | (acc << 30); break;
        case 5: acc += i * i; break;
        default: acc ^= 0x5a5a5a5a; break;
      }
    }
    /* No hand-worked answer here: the value is compared with qemu's. */
    printf("switch through a jump table: %08x\n", acc);
    sum = (sum ^ acc) * 16777619u + 1;
  }
  printf("failures %d checksum %08x\n", failures, sum);
  return failures;
}
