/* Division corner cases at the instruction level. div/divu never trap: the C compiler guards
 * division by zero with "teq rt, zero, 7", so the hardware instructions are reached here only
 * through inline asm. INT_MIN / -1 overflows (undefined in C) but is well defined for the
 * instruction: LO = INT_MIN, HI = 0.
 *
 * With the argument "pin-qemu-divzero" it also prints HI and LO after dividing by zero. The
 * MIPS32 manual says those results are UNPREDICTABLE; qemu gives LO = dividend, HI = 0 (it
 * divides by 1 instead). That run pins the model to qemu's choice so the two stay comparable,
 * and it is a separate run so that a difference there is not mistaken for a real bug. */
//@run
//@run pin-qemu-divzero
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }

static void hwdiv(int32_t a, int32_t b, int32_t *q, int32_t *r) {
  int32_t lo, hi;
  __asm__ volatile("div $zero, %2, %3\n\tmflo %0\n\tmfhi %1" : "=r"(lo), "=r"(hi) : "r"(a), "r"(b)
                   : "hi", "lo");
  *q = lo;
  *r = hi;
}

static void hwdivu(uint32_t a, uint32_t b, uint32_t *q, uint32_t *r) {
  uint32_t lo, hi;
  __asm__ volatile("divu $zero, %2, %3\n\tmflo %0\n\tmfhi %1" : "=r"(lo), "=r"(hi)
                   : "r"(a), "r"(b) : "hi", "lo");
  *q = lo;
  *r = hi;
}

int main(int argc, char **argv) {
  static const int32_t vals[] = {0,  1,   -1,  2,   -2,  3,       -3,      7,
                                 -7, 100, -100, 1000000007, INT_MAX, INT_MIN, INT_MIN + 1,
                                 0x40000000, -0x40000000, 65536, -65537};
  const unsigned n = sizeof vals / sizeof vals[0];
  /* Signed: quotient truncates toward zero and the remainder takes the dividend's sign. */
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; j < n; j++) {
      if (vals[j] == 0) continue;
      int32_t q, r;
      hwdiv(vals[i], vals[j], &q, &r);
      printf("div %d %d -> q %d r %d\n", vals[i], vals[j], q, r);
      mix((uint32_t)q); mix((uint32_t)r);
      /* Compare with C where C defines the result. */
      if (!(vals[i] == INT_MIN && vals[j] == -1) && (q != vals[i] / vals[j] || r != vals[i] % vals[j]))
        printf("  MISMATCH with C\n");
    }
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; j < n; j++) {
      if (vals[j] == 0) continue;
      uint32_t q, r;
      hwdivu((uint32_t)vals[i], (uint32_t)vals[j], &q, &r);
      printf("divu %u %u -> q %u r %u\n", (uint32_t)vals[i], (uint32_t)vals[j], q, r);
      mix(q); mix(r);
    }
  /* The overflow case on its own line so it is easy to find in a diff. */
  {
    int32_t q, r;
    hwdiv(INT_MIN, -1, &q, &r);
    printf("INT_MIN / -1 -> LO %08x HI %08x\n", (uint32_t)q, (uint32_t)r);
    mix((uint32_t)q ^ (uint32_t)r);
  }
  /* HI and LO survive unrelated instructions and can be written directly (mthi/mtlo). */
  {
    uint32_t hi, lo;
    __asm__ volatile("mthi %2\n\tmtlo %3\n\taddu $t0, %2, %3\n\tmfhi %0\n\tmflo %1"
                     : "=r"(hi), "=r"(lo) : "r"(0x11223344u), "r"(0x55667788u) : "t0", "hi", "lo");
    printf("mthi/mtlo -> %08x %08x\n", hi, lo);
    mix(hi ^ lo);
  }
  /* C division, which goes through the teq guard, for a spread of values. */
  uint32_t x = 987654321u;
  for (int i = 0; i < 200; i++) {
    x = x * 1664525u + 1013904223u;
    int32_t a = (int32_t)x;
    int32_t b = (int32_t)(x >> (i % 29)) | 1;
    printf("c %d / %d = %d r %d; %u / %u = %u r %u\n", a, b, a / b, a % b, (uint32_t)a,
           (uint32_t)b, (uint32_t)a / (uint32_t)b, (uint32_t)a % (uint32_t)b);
    mix((uint32_t)(a / b) + (uint32_t)(a % b));
  }
  if (argc > 1 && strcmp(argv[1], "pin-qemu-divzero") == 0) {
    /* UNPREDICTABLE in the architecture; printed only to pin qemu's answer (see the top). */
    for (unsigned i = 0; i < n; i++) {
      int32_t q, r;
      uint32_t uq, ur;
      hwdiv(vals[i], 0, &q, &r);
      hwdivu((uint32_t)vals[i], 0, &uq, &ur);
      printf("divzero %d -> LO %08x HI %08x; divu LO %08x HI %08x\n", vals[i], (uint32_t)q,
             (uint32_t)r, uq, ur);
    }
  }
  printf("checksum %08x\n", sum);
  return (int)(sum % 100);
}
