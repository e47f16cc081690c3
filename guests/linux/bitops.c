/* Bit instructions of MIPS32 (clz, clo) and of Release 2 (ext, ins, seb, seh, wsbh, rotr,
 * rotrv), each through inline asm over edge values and pseudo-random ones, printed next to a
 * portable C computation of the same thing, plus the gcc builtins (clz, ctz, popcount, parity,
 * bswap) that compile to these instructions or to library code. */
//@run
#include <stdint.h>
#include <stdio.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }
static int wrong;

static uint32_t ref_clz(uint32_t x) {
  uint32_t n = 0;
  for (uint32_t m = 0x80000000u; m && !(x & m); m >>= 1) n++;
  return n;
}
static uint32_t ref_rotr(uint32_t x, unsigned s) {
  s &= 31;
  return s ? (x >> s) | (x << (32 - s)) : x;
}

static void one(uint32_t x, uint32_t y) {
  uint32_t clz, clo, seb, seh, wsbh, rotr7, rotrv, e1, e2, i1, i2;
  unsigned s = y & 31;
  __asm__("clz %0, %1" : "=r"(clz) : "r"(x));
  __asm__("clo %0, %1" : "=r"(clo) : "r"(x));
  __asm__("seb %0, %1" : "=r"(seb) : "r"(x));
  __asm__("seh %0, %1" : "=r"(seh) : "r"(x));
  __asm__("wsbh %0, %1" : "=r"(wsbh) : "r"(x));
  __asm__("rotr %0, %1, 7" : "=r"(rotr7) : "r"(x));
  /* rotrv uses only the low five bits of the amount register: pass all of y. */
  __asm__("rotrv %0, %1, %2" : "=r"(rotrv) : "r"(x), "r"(y));
  __asm__("ext %0, %1, 5, 11" : "=r"(e1) : "r"(x));
  __asm__("ext %0, %1, 0, 32" : "=r"(e2) : "r"(x));
  i1 = y;
  __asm__("ins %0, %1, 8, 12" : "+r"(i1) : "r"(x));
  i2 = y;
  __asm__("ins %0, %1, 31, 1" : "+r"(i2) : "r"(x));

  printf("%08x %08x: clz %2u clo %2u seb %08x seh %08x wsbh %08x rotr7 %08x rotrv%-2u %08x "
         "ext %08x %08x ins %08x %08x\n",
         x, y, clz, clo, seb, seh, wsbh, rotr7, s, rotrv, e1, e2, i1, i2);
  mix(clz); mix(clo); mix(seb); mix(seh); mix(wsbh); mix(rotr7); mix(rotrv); mix(e1); mix(e2);
  mix(i1); mix(i2);

  /* Independent C versions; a disagreement would be a bug on whichever side runs this. */
  uint32_t want_i1 = (y & ~(0xfffu << 8)) | ((x & 0xfffu) << 8);
  uint32_t want_i2 = (y & 0x7fffffffu) | (x << 31);
  uint32_t want_wsbh = ((x & 0x00ff00ffu) << 8) | ((x >> 8) & 0x00ff00ffu);
  if (clz != ref_clz(x) || clo != ref_clz(~x) || seb != (uint32_t)(int32_t)(int8_t)x ||
      seh != (uint32_t)(int32_t)(int16_t)x || wsbh != want_wsbh || rotr7 != ref_rotr(x, 7) ||
      rotrv != ref_rotr(x, s) || e1 != ((x >> 5) & 0x7ff) || e2 != x || i1 != want_i1 ||
      i2 != want_i2) {
    printf("  WRONG\n");
    wrong++;
  }
}

static void builtins(uint32_t x, uint64_t y) {
  int ctz = x ? __builtin_ctz(x) : -1;
  int clz = x ? __builtin_clz(x) : -1;
  int clzll = y ? __builtin_clzll(y) : -1;
  int ctzll = y ? __builtin_ctzll(y) : -1;
  int pop = __builtin_popcount(x), popll = __builtin_popcountll(y);
  int par = __builtin_parity(x), ffs = __builtin_ffs((int)x);
  uint32_t bs = __builtin_bswap32(x);
  uint64_t bs64 = __builtin_bswap64(y);
  uint16_t bs16 = __builtin_bswap16((uint16_t)x);
  printf("builtins %08x %016llx: ctz %d clz %d clzll %d ctzll %d pop %d popll %d par %d ffs %d "
         "bswap %08x %016llx %04x\n",
         x, (unsigned long long)y, ctz, clz, clzll, ctzll, pop, popll, par, ffs, bs,
         (unsigned long long)bs64, bs16);
  mix((uint32_t)(ctz + clz * 64 + clzll * 4096 + ctzll * 262144));
  mix((uint32_t)(pop + popll * 64 + par * 8192 + ffs * 16384));
  mix(bs ^ (uint32_t)bs64 ^ (uint32_t)(bs64 >> 32) ^ bs16);
}

/* Bitfields make gcc use ext and ins by itself. */
struct fields {
  unsigned a : 3, b : 9, c : 1, d : 13, e : 6;
};

int main(void) {
  static const uint32_t edges[] = {0,          1,          0x80,       0xff,       0x100,
                                   0x7fff,     0x8000,     0xffff,     0x7fffffff, 0x80000000,
                                   0xffffffff, 0xfffffffe, 0x0000ffff, 0xffff0000, 0x12345678,
                                   0x87654321, 0xaaaaaaaa, 0x55555555, 0x00800000, 0xff7fffff};
  const unsigned n = sizeof edges / sizeof edges[0];
  for (unsigned i = 0; i < n; i++) one(edges[i], edges[(i * 7 + 3) % n] + i);
  uint32_t s = 0xc0ffee;
  for (int i = 0; i < 400; i++) {
    s ^= s << 13; s ^= s >> 17; s ^= s << 5;
    uint32_t t = s * 2654435761u;
    /* Shifting right by a random amount makes leading zeros (and, inverted, leading ones). */
    uint32_t x = (i & 1) ? s >> (t & 31) : ~(s >> (t & 31));
    one(x, t);
    builtins(x, ((uint64_t)t << 32 | s) >> (s & 63));
  }
  for (unsigned i = 0; i < n; i++) builtins(edges[i], (uint64_t)edges[i] << (i % 40));
  struct fields f = {0, 0, 0, 0, 0};
  for (uint32_t i = 0; i < 200; i++) {
    f.a += i; f.b ^= i * 37; f.c = !f.c; f.d -= i * 101; f.e = f.a + f.b;
    uint32_t packed;
    __builtin_memcpy(&packed, &f, 4);
    if (i % 10 == 0) printf("fields %3u: %u %u %u %u %u = %08x\n", i, f.a, f.b, f.c, f.d, f.e, packed);
    mix(packed);
  }
  printf("wrong %d checksum %08x\n", wrong, sum);
  return wrong ? 1 : (int)(sum & 0x7f);
}
