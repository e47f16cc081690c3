/* The HI/LO multiply family and conditional moves, through inline asm: mult, multu, madd,
 * maddu, msub, msubu (accumulating into a HI/LO pair preset with mthi/mtlo), the three-operand
 * mul (which leaves HI/LO UNPREDICTABLE, so they are not read after it), movn, movz, and movt,
 * movf (on a floating-point condition code set by c.lt.d). Then conditional traps whose
 * condition is false (teq, tne, tlt, tltu, tge, tgeu and the immediate forms): they must fall
 * through. Each result is checked against 64-bit C arithmetic. */
//@run
#include <stdint.h>
#include <stdio.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }
static int wrong;

#define HILO(hi, lo) (((uint64_t)(uint32_t)(hi) << 32) | (uint32_t)(lo))

static void muls(uint32_t a, uint32_t b, uint32_t hi0, uint32_t lo0) {
  uint32_t h[6], l[6];
#define ACC(i, insn)                                                                     \
  __asm__ volatile("mthi %2\n\tmtlo %3\n\t" insn " %4, %5\n\tmfhi %0\n\tmflo %1"         \
                   : "=r"(h[i]), "=r"(l[i]) : "r"(hi0), "r"(lo0), "r"(a), "r"(b) : "hi", "lo")
  ACC(0, "mult");
  ACC(1, "multu");
  ACC(2, "madd");
  ACC(3, "maddu");
  ACC(4, "msub");
  ACC(5, "msubu");
#undef ACC
  uint32_t m3;
  __asm__("mul %0, %1, %2" : "=r"(m3) : "r"(a), "r"(b) : "hi", "lo");
  int64_t sp = (int64_t)(int32_t)a * (int32_t)b;
  uint64_t up = (uint64_t)a * b, acc = HILO(hi0, lo0);
  uint64_t want[6] = {(uint64_t)sp, up, acc + (uint64_t)sp, acc + up, acc - (uint64_t)sp, acc - up};
  printf("%08x %08x acc %08x%08x:", a, b, hi0, lo0);
  for (int i = 0; i < 6; i++) {
    printf(" %08x%08x", h[i], l[i]);
    mix(h[i]); mix(l[i]);
    if (HILO(h[i], l[i]) != want[i]) {
      printf(" (WRONG)");
      wrong++;
    }
  }
  printf(" mul %08x\n", m3);
  mix(m3);
  if (m3 != (uint32_t)sp) wrong++;
}

static void cmov(uint32_t a, uint32_t b, uint32_t c) {
  uint32_t n = a, z = a;
  __asm__("movn %0, %1, %2" : "+r"(n) : "r"(b), "r"(c));
  __asm__("movz %0, %1, %2" : "+r"(z) : "r"(b), "r"(c));
  printf("movn/movz %08x %08x cond %08x -> %08x %08x\n", a, b, c, n, z);
  mix(n); mix(z);
  if (n != (c ? b : a) || z != (c ? a : b)) wrong++;
}

static void fpcmov(double x, double y, uint32_t a, uint32_t b) {
  uint32_t t = a, f = a;
  /* c.lt.d sets condition code 0; movt copies when it is set, movf when it is clear. A NaN
   * operand makes c.lt.d false (it is an ordered comparison that is false when unordered). */
  __asm__("c.lt.d %2, %3\n\tmovt %0, %4, $fcc0\n\tmovf %1, %4, $fcc0"
          : "+r"(t), "+r"(f) : "f"(x), "f"(y), "r"(b));
  printf("movt/movf %g < %g -> %08x %08x\n", x, y, t, f);
  mix(t); mix(f);
  if (t != (x < y ? b : a) || f != (x < y ? a : b)) wrong++;
}

static void traps_not_taken(int32_t a, int32_t b) {
  /* Each trap is chosen so its condition is false for 0 <= a < b <= 1000 (so signed and
   * unsigned order agree). */
  __asm__ volatile("teq %0, %1\n\t"
                   "tne %0, %0\n\t"
                   "tlt %1, %0\n\t"
                   "tltu %1, %0\n\t"
                   "tge %0, %1\n\t"
                   "tgeu %0, %1\n\t"
                   "teqi %0, 12345\n\t"
                   "tnei $zero, 0\n\t"
                   "tlti %1, -1000\n\t"
                   "tgei %0, 2000\n\t"
                   "tltiu %1, 1\n\t"
                   "tgeiu %0, 3000"
                   : : "r"(a), "r"(b));
  printf("traps not taken for %d %d\n", a, b);
}

static void sets(int32_t a, int32_t b) {
  uint32_t r[5];
  __asm__("slt %0, %5, %6\n\tsltu %1, %5, %6\n\tslti %2, %5, -5\n\tsltiu %3, %5, -5\n\t"
          "sltiu %4, %5, 100"
          : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]), "=&r"(r[4]) : "r"(a), "r"(b));
  printf("set %d %d: %u %u %u %u %u\n", a, b, r[0], r[1], r[2], r[3], r[4]);
  /* sltiu sign-extends its immediate and then compares unsigned: -5 is 0xfffffffb. */
  if (r[0] != (a < b) || r[1] != ((uint32_t)a < (uint32_t)b) || r[2] != (a < -5) ||
      r[3] != ((uint32_t)a < 0xfffffffbu) || r[4] != ((uint32_t)a < 100u))
    wrong++;
  mix(r[0] | r[1] << 1 | r[2] << 2 | r[3] << 3 | r[4] << 4);
}

int main(void) {
  static const uint32_t v[] = {0, 1, 2, 0xffffffff, 0x80000000, 0x7fffffff, 0x10000, 0xffff,
                               0x12345678, 0xdeadbeef, 3, 0xfffffffe};
  const unsigned n = sizeof v / sizeof v[0];
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; j < n; j++) muls(v[i], v[j], v[(i + j) % n], v[(i * j + 5) % n]);
  uint32_t s = 77;
  for (int i = 0; i < 300; i++) {
    s = s * 1664525u + 1013904223u;
    uint32_t a = s;
    s = s * 1664525u + 1013904223u;
    uint32_t b = s >> (i % 17);
    muls(a, b, a ^ b, a + b);
    cmov(a, b, (i % 3) ? s & 0x10 : 0);
    sets((int32_t)a, (int32_t)b);
  }
  volatile double nan = __builtin_nan("");
  const double ds[] = {-1.5, 0.0, -0.0, 2.25, 1e300, -1e-300, nan, __builtin_inf()};
  for (unsigned i = 0; i < 8; i++)
    for (unsigned j = 0; j < 8; j++) fpcmov(ds[i], ds[j], 0x1111u * i, 0x2222u * j + 1);
  traps_not_taken(7, 9);
  traps_not_taken(100, 1000);
  printf("wrong %d checksum %08x\n", wrong, sum);
  return wrong ? 1 : (int)((sum >> 8) & 0x7f);
}
