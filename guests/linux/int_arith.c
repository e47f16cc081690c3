/* Integer arithmetic: 32-bit wrap-around (done in unsigned so the C is defined), shifts by
 * variable amounts (sllv/srlv/srav), and 64-bit arithmetic on the 32-bit CPU, where gcc
 * open-codes add/sub/mul with carries (sltu, multu, mfhi) and calls libgcc for division
 * (__divdi3, __udivdi3, __moddi3, __umoddi3). Exits with the checksum's low 7 bits. */
//@run
#include <stdint.h>
#include <stdio.h>
#include <limits.h>

static uint32_t lcg_state = 12345;
static uint32_t lcg(void) {
  lcg_state = lcg_state * 1103515245u + 12345u;
  return lcg_state;
}

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }

/* Edge values every operation is tried on, then pseudo-random ones. */
static const uint32_t edges32[] = {0,          1,          2,          3,          7,
                                   0x7f,       0x80,       0xff,       0x7fff,     0x8000,
                                   0xffff,     0x10000,    0x7fffffff, 0x80000000, 0x80000001,
                                   0xfffffffe, 0xffffffff, 0x55555555, 0xaaaaaaaa, 0x12345678};
#define NEDGE32 (sizeof edges32 / sizeof edges32[0])

static void ops32(uint32_t a, uint32_t b) {
  int32_t sa = (int32_t)a, sb = (int32_t)b;
  unsigned sh = b & 31;
  uint32_t add = a + b, sub = a - b, mul = a * b;
  uint32_t sll = a << sh, srl = a >> sh;
  /* Arithmetic right shift of a negative value is implementation-defined in C; gcc defines it
   * as sign-extending, which is what srav does. */
  int32_t sra = sa >> sh;
  int lt = sa < sb, ltu = a < b;
  printf("%08x %08x: + %08x - %08x * %08x << %08x >>u %08x >>s %08x lt %d ltu %d", a, b, add,
         sub, mul, sll, srl, (uint32_t)sra, lt, ltu);
  mix(add); mix(sub); mix(mul); mix(sll); mix(srl); mix((uint32_t)sra); mix(lt * 2 + ltu);
  if (b != 0) {
    printf(" /u %08x %%u %08x", a / b, a % b);
    mix(a / b); mix(a % b);
  }
  /* INT_MIN / -1 overflows and is undefined in C: divide.c covers it with inline asm. */
  if (sb != 0 && !(sa == INT_MIN && sb == -1)) {
    printf(" / %d %% %d", sa / sb, sa % sb);
    mix((uint32_t)(sa / sb)); mix((uint32_t)(sa % sb));
  }
  /* 64-bit product of 32-bit operands: mult/multu plus mfhi. */
  int64_t wide = (int64_t)sa * sb;
  uint64_t uwide = (uint64_t)a * b;
  printf(" w %016llx uw %016llx\n", (unsigned long long)wide, (unsigned long long)uwide);
  mix((uint32_t)(wide >> 32)); mix((uint32_t)uwide);
}

static void ops64(uint64_t a, uint64_t b) {
  int64_t sa = (int64_t)a, sb = (int64_t)b;
  unsigned sh = b & 63;
  uint64_t add = a + b, sub = a - b, mul = a * b;
  uint64_t sll = a << sh, srl = a >> sh;
  int64_t sra = sa >> sh;
  printf("%016llx %016llx: + %016llx - %016llx * %016llx << %016llx >>u %016llx >>s %016llx",
         (unsigned long long)a, (unsigned long long)b, (unsigned long long)add,
         (unsigned long long)sub, (unsigned long long)mul, (unsigned long long)sll,
         (unsigned long long)srl, (unsigned long long)sra);
  mix((uint32_t)add ^ (uint32_t)(add >> 32));
  mix((uint32_t)mul ^ (uint32_t)(mul >> 32));
  mix((uint32_t)sra ^ (uint32_t)(srl >> 7) ^ (uint32_t)(sll >> 3));
  if (b != 0) {
    printf(" /u %llu %%u %llu", (unsigned long long)(a / b), (unsigned long long)(a % b));
    mix((uint32_t)(a / b)); mix((uint32_t)(a % b));
  }
  if (sb != 0 && !(sa == INT64_MIN && sb == -1)) {
    printf(" / %lld %% %lld", (long long)(sa / sb), (long long)(sa % sb));
    mix((uint32_t)(sa / sb)); mix((uint32_t)((sa % sb) >> 1));
  }
  printf(" cmp %d%d%d\n", sa < sb, a < b, a == b);
}

/* Narrow types: the compiler inserts sign/zero extensions (seb/seh/andi) after arithmetic. */
static void narrow(uint32_t x) {
  int8_t c = (int8_t)x;
  uint8_t uc = (uint8_t)x;
  int16_t s = (int16_t)x;
  uint16_t us = (uint16_t)x;
  int8_t c2 = (int8_t)(c * 3 + 1);
  int16_t s2 = (int16_t)(s * 7 - 5);
  printf("narrow %08x: %d %u %d %u %d %d\n", x, c, uc, s, us, c2, s2);
  mix((uint32_t)c2 ^ (uint32_t)s2 ^ uc ^ ((uint32_t)us << 8));
}

int main(void) {
  for (unsigned i = 0; i < NEDGE32; i++)
    for (unsigned j = 0; j < NEDGE32; j++) ops32(edges32[i], edges32[j]);
  for (int i = 0; i < 300; i++) {
    uint32_t a = lcg(), b = lcg();
    if (i % 3 == 0) b >>= (lcg() & 31); /* small divisors too */
    ops32(a, b);
  }
  static const uint64_t edges64[] = {0,
                                     1,
                                     3,
                                     0xffffffffull,
                                     0x100000000ull,
                                     0x7fffffffffffffffull,
                                     0x8000000000000000ull,
                                     0xffffffffffffffffull,
                                     0x123456789abcdef0ull,
                                     0xfffffffffffffffdull,
                                     1000000007ull};
  for (unsigned i = 0; i < sizeof edges64 / sizeof edges64[0]; i++)
    for (unsigned j = 0; j < sizeof edges64 / sizeof edges64[0]; j++)
      ops64(edges64[i], edges64[j]);
  for (int i = 0; i < 300; i++) {
    uint64_t a = ((uint64_t)lcg() << 32) | lcg(), b = ((uint64_t)lcg() << 32) | lcg();
    if (i % 2 == 0) b >>= (lcg() & 63);
    ops64(a, b);
  }
  for (int i = 0; i < 64; i++) narrow(lcg());
  printf("checksum %08x\n", sum);
  return (int)(sum & 0x7f);
}
