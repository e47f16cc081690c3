/* Unaligned memory access the MIPS32 way: lwl/lwr/swl/swr at each of the four byte offsets,
 * alone (each merges only part of a register) and in the usual pairs that form an unaligned
 * word load or store; the ulw/usw/ulh/ulhu/ush assembler macros; fields of packed structs, for
 * which gcc emits lwl/lwr and byte loads; and memcpy between misaligned buffers. Big-endian:
 * lwl at address a fills the register from its most significant byte. */
//@run
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }

static unsigned char buf[64] __attribute__((aligned(8)));

static void fill(void) {
  for (int i = 0; i < 64; i++) buf[i] = (unsigned char)(0x10 + i * 7);
}

static void dump(const char *what) {
  printf("%-28s", what);
  for (int i = 0; i < 16; i++) printf(" %02x", buf[i]);
  printf("\n");
  for (int i = 0; i < 16; i++) mix(buf[i]);
}

struct __attribute__((packed)) rec {
  uint8_t tag;
  uint32_t a;
  uint16_t b;
  uint64_t c;
  int32_t d;
  uint8_t e;
  int16_t f;
};

int main(void) {
  fill();
  /* Lone lwl/lwr: the register starts as 0xa5a5a5a5 so the bytes not loaded are visible. */
  for (int off = 0; off < 8; off++) {
    uint32_t l = 0xa5a5a5a5u, r = 0xa5a5a5a5u;
    const unsigned char *p = buf + 8 + off;
    __asm__ volatile("lwl %0, 0(%2)\n\tlwr %1, 0(%2)" : "+r"(l), "+r"(r) : "r"(p) : "memory");
    printf("off %d lwl %08x lwr %08x\n", off, l, r);
    mix(l); mix(r);
  }
  /* The pair that loads a word at any address. */
  for (int off = 0; off < 8; off++) {
    uint32_t v;
    const unsigned char *p = buf + 16 + off;
    __asm__ volatile("lwl %0, 0(%1)\n\tlwr %0, 3(%1)" : "=&r"(v) : "r"(p) : "memory");
    uint32_t want = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
    printf("off %d pair %08x %s\n", off, v, v == want ? "ok" : "WRONG");
    mix(v);
  }
  /* Lone swl/swr at each offset of an aligned word. */
  for (int off = 0; off < 4; off++) {
    fill();
    __asm__ volatile("swl %0, 0(%1)" : : "r"(0xdeadbeefu), "r"(buf + off) : "memory");
    char what[32];
    snprintf(what, sizeof what, "swl at %d", off);
    dump(what);
    fill();
    __asm__ volatile("swr %0, 0(%1)" : : "r"(0xcafef00du), "r"(buf + 4 + off) : "memory");
    snprintf(what, sizeof what, "swr at %d", 4 + off);
    dump(what);
  }
  /* The pair that stores a word at any address. */
  for (int off = 0; off < 5; off++) {
    fill();
    __asm__ volatile("swl %0, 0(%1)\n\tswr %0, 3(%1)" : : "r"(0x01234567u), "r"(buf + off)
                     : "memory");
    char what[32];
    snprintf(what, sizeof what, "swl/swr pair at %d", off);
    dump(what);
  }
  /* Assembler macros for unaligned halfwords and words. */
  for (int off = 0; off < 4; off++) {
    fill();
    int32_t h;
    uint32_t hu, w;
    __asm__ volatile(".set push\n\t.set at\n\t"
                     "ulh %0, 1(%3)\n\tulhu %1, 1(%3)\n\tulw %2, 0(%3)\n\t"
                     "usw %2, 9(%3)\n\tush %1, 14(%3)\n\t.set pop"
                     : "=&r"(h), "=&r"(hu), "=&r"(w) : "r"(buf + off) : "memory", "at");
    printf("off %d ulh %d ulhu %u ulw %08x\n", off, h, hu, w);
    mix((uint32_t)h); mix(hu); mix(w);
    dump("after usw/ush");
  }
  /* Packed structs at every starting offset. */
  static unsigned char area[128];
  for (int off = 0; off < 8; off++) {
    memset(area, 0x5c, sizeof area);
    struct rec *r = (struct rec *)(area + off);
    r->tag = (uint8_t)(off + 1);
    r->a = 0x11223344u + (uint32_t)off;
    r->b = (uint16_t)(0xbeef - off);
    r->c = 0x0102030405060708ull * (uint64_t)(off + 1);
    r->d = -123456 - off;
    r->e = 0xee;
    r->f = (int16_t)(-300 * off);
    r->a += r->b;         /* read-modify-write of unaligned fields */
    r->c ^= r->a;
    r->d = r->d * 3 + r->f;
    printf("packed off %d: %u %08x %04x %016llx %d %u %d bytes", off, r->tag, r->a, r->b,
           (unsigned long long)r->c, r->d, r->e, r->f);
    for (unsigned i = 0; i < sizeof(struct rec) + 2; i++) printf(" %02x", area[off + i]);
    printf("\n");
    mix(r->a); mix((uint32_t)r->c); mix((uint32_t)r->d);
  }
  printf("sizeof(struct rec) = %u\n", (unsigned)sizeof(struct rec));
  /* memcpy/memmove across every pair of source and destination alignments and many lengths:
   * glibc's MIPS memcpy uses lwl/lwr/swl/swr for the misaligned cases. */
  static unsigned char src[300], dst[300];
  for (int i = 0; i < 300; i++) src[i] = (unsigned char)(i * 31 + 7);
  uint32_t h = 0;
  for (int so = 0; so < 8; so++)
    for (int dof = 0; dof < 8; dof++)
      for (int len = 0; len < 200; len += 13) {
        memset(dst, 0, sizeof dst);
        memcpy(dst + dof, src + so, (size_t)len);
        for (int i = 0; i < 220; i++) h = h * 31 + dst[i];
        if (memcmp(dst + dof, src + so, (size_t)len) != 0) printf("memcpy WRONG %d %d %d\n", so, dof, len);
      }
  printf("memcpy hash %08x\n", h);
  mix(h);
  printf("checksum %08x\n", sum);
  return (int)(sum & 0x7f);
}
