/*
 * fpu_vectors.c: test vectors for disco.hw.cpu.Fpu, taken from qemu-mips (the oracle).
 *
 * Build and run (FpuVectorRegenerationTest does exactly this):
 *   mips-linux-gnu-gcc -static -O1 -march=mips32r2 -mfp32 fpu_vectors.c -o v && qemu-mips ./v
 *   mips-linux-gnu-gcc -static -O1 -march=mips32r2        fpu_vectors.c -o v && qemu-mips ./v
 * The first binary has the o32 FP ABI "double precision" (fp32), which QEMU runs with
 * Status.FR=0; the second has the toolchain's default ABI, FPXX, which QEMU 7.2 runs with FR=1.
 * The program finds out which by experiment and says so in its first line.
 *
 * How one vector is taken: every FPR gets a fill pattern, the instruction's operands are then
 * written over it, FCSR is set with CTC1, the instruction runs, FCSR is read with CFC1 and all
 * FPRs are stored. The instruction under test is patched into a small stub of hand-encoded
 * machine code (in an RWX page) so that any 32-bit word can be run, including reserved ones.
 * SIGILL (Reserved Instruction) and SIGFPE (enabled IEEE exception) are caught; the handler
 * steps over the instruction, so the stub goes on to record FCSR and the registers as the
 * exception left them (QEMU does not touch FCSR on signal delivery).
 *
 * Output, one line per vector (all numbers hex):
 *   INSN GPR FCSR_IN IN : STATUS GPR_OUT FCSR_OUT OUT
 * GPR is the value of GPR[rt] as the instruction sees it (MOVZ/MOVN, MTC1, CTC1 ...: the
 * generator only makes such words with rt = 0 or rt in $t0..$t7, which all hold the value);
 * GPR_OUT is $t0 afterwards, which MFC1, MFHC1 and CFC1 write (they use rt = $t0). IN lists reg=value for the registers the case
 * set (the rest hold fill(reg)); OUT lists reg=value for every register that changed. With
 * FR=0 a register is 32 bits (8 digits), with FR=1 64 bits (16 digits). STATUS is OK, FPE or RI.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

struct state {
  uint32_t gpr_in;   /* 0: loaded into $t0..$t7 */
  uint32_t gpr_out;  /* 4: $t0 afterwards */
  uint32_t fcsr_in;  /* 8 */
  uint32_t fcsr_out; /* 12 */
  uint64_t fpr[32];  /* 16: FR=1 the 64-bit registers; FR=0 the low word of each is FPR i */
};

static struct state st;
static uint32_t *stub;
static int slot;
static int fr;
static volatile int trapped;

/* ---- encodings ---- */
#define OP_COP1 0x11u
#define OP_COP1X 0x13u
static uint32_t itype(uint32_t op, uint32_t rs, uint32_t rt, uint32_t imm) {
  return (op << 26) | (rs << 21) | (rt << 16) | (imm & 0xffffu);
}
static uint32_t cop1(uint32_t fmt, uint32_t ft, uint32_t fs, uint32_t fd, uint32_t funct) {
  return (OP_COP1 << 26) | (fmt << 21) | (ft << 16) | (fs << 11) | (fd << 6) | funct;
}
static uint32_t cop1x(uint32_t fr_, uint32_t ft, uint32_t fs, uint32_t fd, uint32_t funct) {
  return (OP_COP1X << 26) | (fr_ << 21) | (ft << 16) | (fs << 11) | (fd << 6) | funct;
}
enum { S = 16, D = 17, W = 20, L = 21, PS = 22 };
enum { MFC1 = 0, CFC1 = 2, MFHC1 = 3, MTC1 = 4, CTC1 = 6, MTHC1 = 7 };
#define T0 8u
#define A0 4u
#define T9 25u

static void build_stub(void) {
  stub = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int n = 0;
  for (uint32_t r = 8; r <= 15; r++) stub[n++] = itype(0x23, A0, r, 0); /* lw $t0..$t7, 0($a0) */
  stub[n++] = itype(0x23, A0, T9, 8);                                    /* lw $t9, 8($a0) */
  for (uint32_t f = 0; f < 32; f++)
    stub[n++] = fr ? itype(0x35, A0, f, 16 + 8 * f)      /* ldc1 */
                   : itype(0x31, A0, f, 16 + 8 * f + 4); /* lwc1, low word (big-endian) */
  stub[n++] = cop1(CTC1, T9, 31, 0, 0); /* ctc1 $t9, $31 */
  slot = n;
  stub[n++] = 0;                        /* the instruction under test */
  stub[n++] = 0;                        /* nop */
  stub[n++] = cop1(CFC1, T9, 31, 0, 0); /* cfc1 $t9, $31 */
  stub[n++] = itype(0x2b, A0, T9, 12);  /* sw $t9, 12($a0) */
  stub[n++] = cop1(CTC1, 0, 31, 0, 0);  /* ctc1 $zero, $31: nothing enabled any more */
  stub[n++] = itype(0x2b, A0, T0, 4);   /* sw $t0, 4($a0) */
  for (uint32_t f = 0; f < 32; f++)
    stub[n++] = fr ? itype(0x3d, A0, f, 16 + 8 * f) : itype(0x39, A0, f, 16 + 8 * f + 4);
  stub[n++] = 0x03e00008u; /* jr $ra */
  stub[n++] = 0;
}

static void on_signal(int sig, siginfo_t *si, void *ctx) {
  (void)si;
  ucontext_t *uc = ctx;
  trapped = sig;
  uc->uc_mcontext.pc += 4;
}

/* FR=1 makes a 64-bit ldc1 to $f0 leave $f1 alone; FR=0 makes $f1 the high word. */
static int detect_fr(void) {
  uint64_t d = 0x1111111122222222ull;
  uint32_t f1;
  __asm__ volatile(".set push\n.set oddspreg\n mtc1 $0,$f1\n ldc1 $f0,%1\n mfc1 %0,$f1\n.set pop"
                   : "=r"(f1) : "m"(d) : "$f0", "$f1");
  return f1 == 0;
}

/* ---- randomness (xorshift64*, fixed seed: the output must be reproducible) ---- */
static uint64_t rs_ = 0x9E3779B97F4A7C15ull;
static uint64_t rnd64(void) {
  rs_ ^= rs_ >> 12;
  rs_ ^= rs_ << 25;
  rs_ ^= rs_ >> 27;
  return rs_ * 0x2545F4914F6CDD1Dull;
}
static uint32_t rnd32(void) { return (uint32_t)(rnd64() >> 32); }
static uint32_t below(uint32_t n) { return (uint32_t)((rnd64() >> 33) % n); }
static int chance(uint32_t n) { return below(n) == 0; } /* probability 1/n */

/* ---- register file set-up ---- */
static uint32_t fill32(int r) { return 0xA5000000u | ((uint32_t)r << 16) | 0x5A00u | (uint32_t)r; }
static uint64_t fill64(int r) {
  return ((uint64_t)(0xC3000000u | ((uint32_t)r << 16) | 0x3C00u | (uint32_t)r) << 32) | fill32(r);
}
static uint32_t touched;

static void begin(void) {
  for (int r = 0; r < 32; r++) st.fpr[r] = fill64(r);
  touched = 0;
}
static void set32(int r, uint32_t v) {
  st.fpr[r] = (st.fpr[r] & 0xffffffff00000000ull) | v;
  touched |= 1u << r;
}
static void set64(int r, uint64_t v) {
  if (fr) {
    st.fpr[r] = v;
    touched |= 1u << r;
  } else {
    set32(r, (uint32_t)v);
    if (r < 31) set32(r + 1, (uint32_t)(v >> 32));
  }
}

static void print_reg(int r, uint64_t v) {
  if (fr) printf("%d=%016llx", r, (unsigned long long)v);
  else printf("%d=%08x", r, (uint32_t)v);
}

static long nvec;

/* Runs insn; gpr is what $t0..$t7 hold (GPR[rt] for rt in 8..15). */
static void run(uint32_t insn, uint32_t gpr, uint32_t fcsr) {
  uint64_t before[32];
  /* A CTC1 of a Cause bit whose Enable is set (or of E) traps: the stub's own CTC1 must not. */
  uint32_t cause = (fcsr >> 12) & 0x3f, en = ((fcsr >> 7) & 0x1f) | 0x20;
  fcsr &= ~((cause & en) << 12);
  memcpy(before, st.fpr, sizeof before);
  st.gpr_in = gpr;
  st.gpr_out = 0;
  st.fcsr_in = fcsr;
  stub[slot] = insn;
  __builtin___clear_cache((char *)stub, (char *)stub + 4096);
  trapped = 0;
  ((void (*)(struct state *))stub)(&st);
  uint32_t rt = (insn >> 16) & 31;
  uint32_t seen = rt == 0 ? 0 : gpr; /* $zero reads as 0 */
  printf("%08x %08x %08x ", insn, seen, fcsr);
  int any = 0;
  for (int r = 0; r < 32; r++)
    if (touched & (1u << r)) {
      if (any) putchar(',');
      print_reg(r, before[r]);
      any = 1;
    }
  if (!any) putchar('-');
  printf(" : %s %08x %08x ", trapped == SIGILL ? "RI" : trapped == SIGFPE ? "FPE" : "OK",
         st.gpr_out, st.fcsr_out);
  any = 0;
  for (int r = 0; r < 32; r++) {
    int changed = fr ? st.fpr[r] != before[r] : (uint32_t)st.fpr[r] != (uint32_t)before[r];
    if (changed) {
      if (any) putchar(',');
      print_reg(r, st.fpr[r]);
      any = 1;
    }
  }
  if (!any) putchar('-');
  putchar('\n');
  nvec++;
}

/* ---- operand pools ---- */
static const uint32_t S_SPECIAL[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x40000000, 0x40400000, 0x3fc00000,
    0x3f000000, 0x40200000, 0xc0200000, 0x3dcccccd, 0x3eaaaaab, 0x3f800001, 0x00000001,
    0x80000001, 0x007fffff, 0x00800000, 0x80800000, 0x00800001, 0x7f7fffff, 0xff7fffff,
    0x7f000000, 0x7f800000, 0xff800000, 0x7fbfffff, 0x7f800001, 0xff800001, 0x7fc00000,
    0x7fffffff, 0xffc00001, 0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001, 0x5f000000,
    0xdf000000, 0x5effffff, 0x4b800001, 0x3effffff, 0x1f800000, 0x5f800000, 0x00400000,
};
static const uint64_t D_SPECIAL[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x4000000000000000, 0x4008000000000000, 0x3ff8000000000000, 0x3fe0000000000000,
    0x4004000000000000, 0xc004000000000000, 0x3fb999999999999a, 0x3fd5555555555555,
    0x3ff0000000000001, 0x0000000000000001, 0x8000000000000001, 0x000fffffffffffff,
    0x0010000000000000, 0x8010000000000000, 0x0010000000000001, 0x7fefffffffffffff,
    0xffefffffffffffff, 0x7fe0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff7ffffffffffff, 0x7ff0000000000001, 0xfff0000000000001, 0x7ff8000000000000,
    0x7fffffffffffffff, 0xfff8000000000001, 0x41e0000000000000, 0xc1e0000000000000,
    0x41dfffffffc00000, 0x41dfffffffe00000, 0xc1e0000000100000, 0xc1e0000000200000,
    0x43e0000000000000, 0xc3e0000000000000, 0x43dfffffffffffff, 0x4340000000000001,
    0x47efffffe0000000, 0x47effffff0000000, 0x3810000000000000, 0x380fffffefffffff,
    0x36a0000000000000, 0x3690000000000000, 0x3690000000000001, 0x7e37e43c8800759c,
    0x01a56e1fc2f8f359, 0x0008000000000000,
};
#define NS (int)(sizeof S_SPECIAL / sizeof S_SPECIAL[0])
#define ND (int)(sizeof D_SPECIAL / sizeof D_SPECIAL[0])
/* The core set for exhaustive pairs: zeros, ones, denormals, extremes, infinities, NaNs. */
static const int S_CORE[] = {0, 1, 2, 3, 6, 13, 15, 16, 19, 20, 22, 23, 25, 27};
static const int D_CORE[] = {0, 1, 2, 3, 6, 13, 15, 16, 19, 20, 22, 23, 25, 27};
#define NCORE 14

static uint32_t s_make(uint32_t sign, int exp, uint32_t man) {
  return (sign << 31) | ((uint32_t)exp << 23) | (man & 0x7fffff);
}
static uint64_t d_make(uint64_t sign, int exp, uint64_t man) {
  return (sign << 63) | ((uint64_t)exp << 52) | (man & 0xfffffffffffffull);
}
static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Random single: several shapes, so that ties, cancellation, edges and specials all occur. */
static uint32_t s_rand(void) {
  uint32_t sign = rnd32() & 1;
  switch (below(6)) {
    case 0: return rnd32();
    case 1: return s_make(sign, 127 + (int)below(21) - 10, rnd32());
    case 2: { /* few mantissa bits: exact results and ties */
      uint32_t k = below(24);
      return s_make(sign, 127 + (int)below(61) - 30, rnd32() & ~((1u << k) - 1));
    }
    case 3: { /* the edges of the exponent range */
      static const int e[] = {0, 0, 1, 2, 24, 253, 254, 230};
      return s_make(sign, e[below(8)], rnd32());
    }
    case 4: return S_SPECIAL[below(NS)];
    default: return s_make(sign, 100 + (int)below(55), rnd32() & 0xfff000);
  }
}
static uint64_t d_rand(void) {
  uint64_t sign = rnd64() & 1;
  switch (below(6)) {
    case 0: return rnd64();
    case 1: return d_make(sign, 1023 + (int)below(21) - 10, rnd64());
    case 2: {
      uint32_t k = below(53);
      return d_make(sign, 1023 + (int)below(121) - 60, rnd64() & ~((1ull << k) - 1));
    }
    case 3: {
      static const int e[] = {0, 0, 1, 2, 53, 2045, 2046, 1990};
      return d_make(sign, e[below(8)], rnd64());
    }
    case 4: return D_SPECIAL[below(ND)];
    default: return d_make(sign, 900 + (int)below(250), rnd64() & 0xffffff0000000ull);
  }
}
/* An operand for a binary op that relates to a: same magnitude give or take, for add ties. */
static uint32_t s_related(uint32_t a, int funct) {
  uint32_t sign = rnd32() & 1;
  int ea = (int)((a >> 23) & 0xff);
  if (funct == 2 || funct == 3) { /* mul/div: aim the result at the underflow or overflow edge */
    int target = chance(2) ? 1 + (int)below(3) - 1 : 254 - (int)below(3) + 1;
    int eb = funct == 2 ? target - ea + 127 : ea - target + 127;
    return s_make(sign, clampi(eb + (int)below(5) - 2, 0, 254), rnd32() & ~((1u << below(24)) - 1));
  }
  int shift = (int)below(30);
  return s_make(sign, clampi(ea - shift, 0, 254), (a ^ (rnd32() & below(0x1000))) & 0x7fffff);
}
static uint64_t d_related(uint64_t a, int funct) {
  uint64_t sign = rnd64() & 1;
  int ea = (int)((a >> 52) & 0x7ff);
  if (funct == 2 || funct == 3) {
    int target = chance(2) ? 1 + (int)below(3) - 1 : 2046 - (int)below(3) + 1;
    int eb = funct == 2 ? target - ea + 1023 : ea - target + 1023;
    return d_make(sign, clampi(eb + (int)below(5) - 2, 0, 2046),
                  rnd64() & ~((1ull << below(53)) - 1));
  }
  int shift = (int)below(60);
  return d_make(sign, clampi(ea - shift, 0, 2046), (a ^ (rnd64() & below(0x100000))));
}

/* A random FCSR: the rounding mode given, and random sticky flags, Cause bits, condition codes,
 * sometimes Enables and sometimes FS (flush to zero). */
static uint32_t fcsr_rand(uint32_t rm, int enables) {
  uint32_t f = rm & 3;
  if (chance(3)) f |= (rnd32() & 0x1f) << 2;
  uint32_t en = 0;
  if (enables && chance(6)) en = rnd32() & 0x1f;
  f |= en << 7;
  if (chance(3)) f |= (rnd32() & 0x1f & ~en) << 12;
  f |= rnd32() & 0xfe800000u;
  if (chance(10)) f |= 1u << 24;
  return f;
}

/* Register choice: with FR=0 a 64-bit operand lives in an even/odd pair. */
static int reg(int wide) {
  int r = (int)below(32);
  return wide && !fr ? r & ~1 : r;
}
static void set_op(int r, int wide, uint64_t v) {
  if (wide) set64(r, v);
  else set32(r, (uint32_t)v);
}

/* FR=0 runs a quarter of the random arithmetic: the arithmetic is the same in both modes, and
 * what FR=0 adds (register pairs, reserved encodings) the other suites cover in full. */
static int scaled(int n) { return fr ? n : (n + 3) / 4; }

/* ---- the suites ---- */

/* Binary arithmetic: ADD SUB MUL DIV .S .D. */
static void binary_ops(void) {
  for (int wide = 0; wide <= 1; wide++) {
    uint32_t fmt = wide ? D : S;
    for (uint32_t funct = 0; funct < 4; funct++) {
      /* Core pairs, round to nearest: every combination of the special classes. */
      for (int i = 0; i < NCORE; i++)
        for (int j = 0; j < NCORE; j++) {
          if (!fr && !chance(4)) continue;
          uint64_t a = wide ? D_SPECIAL[D_CORE[i]] : S_SPECIAL[S_CORE[i]];
          uint64_t b = wide ? D_SPECIAL[D_CORE[j]] : S_SPECIAL[S_CORE[j]];
          begin();
          int fs = reg(wide), ft = reg(wide), fd = reg(wide);
          while (ft == fs || (!fr && wide && (ft | 1) == (fs | 1))) ft = reg(wide);
          set_op(fs, wide, a);
          set_op(ft, wide, b);
          run(cop1(fmt, ft, fs, fd, funct), 0, fcsr_rand(0, 0) & ~(1u << 24));
        }
      /* Random and edge operands in every rounding mode. */
      for (uint32_t rm = 0; rm < 4; rm++)
        for (int k = 0; k < scaled(44); k++) {
          uint64_t a = wide ? d_rand() : s_rand();
          uint64_t b = k % 2 ? (wide ? d_related(a, (int)funct) : s_related((uint32_t)a, (int)funct))
                             : (wide ? d_rand() : s_rand());
          if (chance(2)) { uint64_t t = a; a = b; b = t; }
          begin();
          int fs = reg(wide), ft = reg(wide), fd = reg(wide);
          if (chance(8)) ft = fs, b = a;
          set_op(fs, wide, a);
          set_op(ft, wide, b);
          run(cop1(fmt, ft, fs, fd, funct), 0, fcsr_rand(rm, 1));
        }
    }
  }
}

/* Unary arithmetic: SQRT ABS MOV NEG RECIP RSQRT .S .D. */
static void unary_ops(void) {
  static const uint32_t functs[] = {4, 5, 6, 7, 21, 22};
  for (int wide = 0; wide <= 1; wide++)
    for (int u = 0; u < 6; u++) {
      uint32_t funct = functs[u];
      int n = wide ? ND : NS;
      int bitop = funct >= 5 && funct <= 7;
      for (int i = 0; i < n; i++) {
        if ((bitop || !fr) && i % 3) continue;
        begin();
        int fs = reg(wide), fd = reg(wide);
        set_op(fs, wide, wide ? D_SPECIAL[i] : S_SPECIAL[i]);
        run(cop1(wide ? D : S, 0, fs, fd, funct), 0, fcsr_rand(0, 0) & ~(1u << 24));
      }
      if (bitop) continue;
      for (uint32_t rm = 0; rm < 4; rm++)
        for (int k = 0; k < scaled(16); k++) {
          begin();
          int fs = reg(wide), fd = reg(wide);
          set_op(fs, wide, wide ? d_rand() : s_rand());
          run(cop1(wide ? D : S, 0, fs, fd, funct), 0, fcsr_rand(rm, 1));
        }
    }
}

static const uint32_t W_SPECIAL[] = {0,          1,          0xffffffff, 0x7fffffff, 0x80000000,
                                     0x80000001, 0x01000001, 0x00ffffff, 0x01000003, 0xfefffffd,
                                     0x7fffffc0, 0x7fffffbf, 0x00000300};
static const uint64_t L_SPECIAL[] = {
    0, 1, 0xffffffffffffffffull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x0020000000000001ull, 0x0020000000000003ull, 0x001fffffffffffffull, 0xffdffffffffffffdull,
    0x7ffffffffffffc00ull, 0x7ffffffffffffbffull, 0x0000000100000001ull, 0x0000008000000001ull};

/* Conversions between the formats. fmt is the source format, funct picks the destination. */
static void conversions(void) {
  struct { uint32_t fmt, funct; int wsrc, wdst; } cv[] = {
      {S, 33, 0, 1}, {D, 32, 1, 0}, {W, 32, 0, 0}, {W, 33, 0, 1}, {L, 32, 1, 0}, {L, 33, 1, 1},
      {S, 36, 0, 0}, {D, 36, 1, 0}, {S, 37, 0, 1}, {D, 37, 1, 1},
      /* ROUND TRUNC CEIL FLOOR .L (8..11) and .W (12..15) */
      {S, 8, 0, 1},  {S, 9, 0, 1},  {S, 10, 0, 1}, {S, 11, 0, 1}, {S, 12, 0, 0}, {S, 13, 0, 0},
      {S, 14, 0, 0}, {S, 15, 0, 0}, {D, 8, 1, 1},  {D, 9, 1, 1},  {D, 10, 1, 1}, {D, 11, 1, 1},
      {D, 12, 1, 0}, {D, 13, 1, 0}, {D, 14, 1, 0}, {D, 15, 1, 0},
  };
  for (unsigned c = 0; c < sizeof cv / sizeof cv[0]; c++) {
    int isl = cv[c].fmt == L || cv[c].funct == 37 || (cv[c].funct >= 8 && cv[c].funct <= 11);
    int scale = !fr && isl ? 6 : 1; /* FR=0 QEMU refuses the 64-bit integer format: a sample */
    int dirmodes = cv[c].funct >= 32;    /* CVT.* round as FCSR.RM says; the rest fix it */
    int n = cv[c].fmt == S   ? NS
            : cv[c].fmt == D ? ND
            : cv[c].fmt == W ? (int)(sizeof W_SPECIAL / 4)
                             : (int)(sizeof L_SPECIAL / 8);
    for (uint32_t rm = 0; rm < (dirmodes ? 4u : 1u); rm++) {
      for (int i = 0; i < n; i++) {
        if (!chance((uint32_t)scale)) continue;
        if (!fr && !isl && rm > 0 && i % 2) continue;
        uint64_t v = cv[c].fmt == S   ? S_SPECIAL[i]
                     : cv[c].fmt == D ? D_SPECIAL[i]
                     : cv[c].fmt == W ? W_SPECIAL[i]
                                      : L_SPECIAL[i];
        begin();
        int fs = reg(cv[c].wsrc), fd = reg(cv[c].wdst);
        set_op(fs, cv[c].wsrc, v);
        run(cop1(cv[c].fmt, 0, fs, fd, cv[c].funct), 0,
            fcsr_rand(dirmodes ? rm : below(4), 0) & ~(1u << 24));
      }
      for (int k = 0; k < 14 / scale; k++) {
        uint64_t v;
        if (cv[c].fmt == S) v = s_rand();
        else if (cv[c].fmt == D) v = chance(2) ? d_make(rnd64() & 1, 1023 - 150 + (int)below(300), rnd64()) : d_rand();
        else if (cv[c].fmt == W) v = chance(2) ? rnd32() : rnd32() >> below(32);
        else v = chance(2) ? rnd64() : rnd64() >> below(64);
        /* integer conversions: values near the integer range limits and halves */
        if (cv[c].funct < 32 || cv[c].funct >= 36) {
          if (cv[c].fmt == S && chance(2)) v = s_make(rnd32() & 1, 127 + (int)below(66) - 2, rnd32() & ~((1u << below(24)) - 1));
          if (cv[c].fmt == D && chance(2)) v = d_make(rnd64() & 1, 1023 + (int)below(66) - 2, rnd64() & ~((1ull << below(53)) - 1));
        }
        begin();
        int fs = reg(cv[c].wsrc), fd = reg(cv[c].wdst);
        set_op(fs, cv[c].wsrc, v);
        run(cop1(cv[c].fmt, 0, fs, fd, cv[c].funct), 0, fcsr_rand(dirmodes ? rm : below(4), 1));
      }
    }
  }
}

/* C.cond.fmt: all 16 conditions on pairs that separate them, into random condition codes. */
static void compares(void) {
  static const int spairs[][2] = {{2, 4}, {4, 2}, {2, 2}, {0, 1}, {23, 22}, {25, 2},
                                  {2, 26}, {27, 2}, {2, 28}, {24, 27}, {13, 0}, {22, 22}};
  for (int wide = 0; wide <= 1; wide++)
    for (uint32_t cond = 0; cond < 16; cond++) {
      for (unsigned p = 0; p < sizeof spairs / sizeof spairs[0]; p++) {
        if (!fr && p % 2) continue;
        begin();
        int fs = reg(wide), ft = reg(wide);
        while (ft == fs || (!fr && wide && (ft | 1) == (fs | 1))) ft = reg(wide);
        set_op(fs, wide, wide ? D_SPECIAL[spairs[p][0]] : S_SPECIAL[spairs[p][0]]);
        set_op(ft, wide, wide ? D_SPECIAL[spairs[p][1]] : S_SPECIAL[spairs[p][1]]);
        uint32_t cc = below(8);
        run(cop1(wide ? D : S, ft, fs, cc << 2, 48 + cond), 0, fcsr_rand(below(4), 1) & ~(1u << 24));
      }
      for (int k = 0; k < 2; k++) {
        begin();
        int fs = reg(wide), ft = reg(wide);
        uint64_t a = wide ? d_rand() : s_rand();
        set_op(fs, wide, a);
        if (ft != fs) set_op(ft, wide, chance(2) ? a : wide ? d_rand() : s_rand());
        uint32_t cc = below(8);
        run(cop1(wide ? D : S, ft, fs, cc << 2, 48 + cond), 0, fcsr_rand(below(4), 1));
      }
    }
}

/* MADD MSUB NMADD NMSUB .S .D (COP1X): fd = +-(fs * ft +- fr). */
static void madds(void) {
  for (int wide = 0; wide <= 1; wide++)
    for (uint32_t op = 4; op < 8; op++) {
      uint32_t funct = (op << 3) | (wide ? 1u : 0u);
      for (int k = 0; k < scaled(30); k++) { /* specials mixed in */
        begin();
        int fs = reg(wide), ft = reg(wide), frr = reg(wide), fd = reg(wide);
        set_op(fs, wide, wide ? D_SPECIAL[below(ND)] : S_SPECIAL[below(NS)]);
        set_op(ft, wide, wide ? (chance(2) ? D_SPECIAL[below(ND)] : d_rand()) : (chance(2) ? S_SPECIAL[below(NS)] : s_rand()));
        set_op(frr, wide, wide ? D_SPECIAL[below(ND)] : S_SPECIAL[below(NS)]);
        run(cop1x((uint32_t)frr, (uint32_t)ft, (uint32_t)fs, (uint32_t)fd, funct), 0,
            fcsr_rand(below(4), 0));
      }
      for (uint32_t rm = 0; rm < 4; rm++)
        for (int k = 0; k < scaled(22); k++) {
          begin();
          int fs = reg(wide), ft = reg(wide), frr = reg(wide), fd = reg(wide);
          uint64_t a = wide ? d_rand() : s_rand();
          uint64_t b = wide ? d_rand() : s_rand();
          uint64_t c = wide ? d_related(a, 0) : s_related((uint32_t)a, 0);
          if (k % 3 == 0) b = wide ? 0x3ff0000000000000ull + (rnd64() & 0xfffff) : 0x3f800000u + (rnd32() & 0xff);
          if (k % 3 == 1) b = wide ? d_related(a, 2) : s_related((uint32_t)a, 2);
          set_op(frr, wide, c);
          set_op(fs, wide, a);
          set_op(ft, wide, b);
          run(cop1x((uint32_t)frr, (uint32_t)ft, (uint32_t)fs, (uint32_t)fd, funct), 0,
              fcsr_rand(rm, 1));
        }
    }
}

/* MOVF/MOVT/MOVZ/MOVN .fmt */
static void cond_moves(void) {
  for (int wide = 0; wide <= 1; wide++)
    for (int k = 0; k < 24; k++) {
      begin();
      int fs = reg(wide), fd = reg(wide);
      set_op(fs, wide, wide ? d_rand() : s_rand());
      set_op(fd, wide, wide ? d_rand() : s_rand());
      uint32_t insn;
      uint32_t gpr = chance(2) ? 0 : rnd32() >> below(32);
      switch (k % 3) {
        case 0: insn = cop1(wide ? D : S, (below(8) << 2) | (below(2)), (uint32_t)fs, (uint32_t)fd, 17); break;
        case 1: insn = cop1(wide ? D : S, 8 + below(8), (uint32_t)fs, (uint32_t)fd, 18); break;
        default: insn = cop1(wide ? D : S, chance(4) ? 0 : 8 + below(8), (uint32_t)fs, (uint32_t)fd, 19); break;
      }
      run(insn, gpr, fcsr_rand(below(4), 1));
    }
}

/* Flush to zero: tiny results with FCSR.FS set. */
static void flush(void) {
  for (int wide = 0; wide <= 1; wide++)
    for (int k = 0; k < scaled(40); k++) {
      begin();
      uint32_t funct = k % 5 == 4 ? 32 + (wide ? 0u : 1u) : (uint32_t)(k % 4);
      if (funct == 1) funct = 0;
      int fs = reg(wide), ft = reg(wide), fd = reg(wide);
      uint64_t a, b;
      if (funct == 0) { /* sums of denormals and cancellation near the edge */
        a = wide ? d_make(rnd64() & 1, (int)below(3), rnd64()) : s_make(rnd32() & 1, (int)below(3), rnd32());
        b = wide ? d_make(rnd64() & 1, (int)below(3), rnd64()) : s_make(rnd32() & 1, (int)below(3), rnd32());
      } else {
        a = wide ? d_rand() : s_rand();
        b = wide ? d_related(a, (int)funct) : s_related((uint32_t)a, (int)funct);
      }
      uint32_t fmt = wide ? D : S;
      if (funct >= 32) { /* CVT.S.D of tiny doubles */
        fmt = D;
        fs = reg(1);
        fd = reg(0);
        set64(fs, d_make(rnd64() & 1, 1023 - 126 - (int)below(30), rnd64()));
        run(cop1(fmt, 0, (uint32_t)fs, (uint32_t)fd, 32), 0, fcsr_rand(below(4), 1) | (1u << 24));
        continue;
      }
      set_op(fs, wide, a);
      set_op(ft, wide, b);
      run(cop1(fmt, (uint32_t)ft, (uint32_t)fs, (uint32_t)fd, funct), 0, fcsr_rand(below(4), 1) | (1u << 24));
    }
}

static uint32_t f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint64_t d2u(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double u2d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

/* Results within a few units of the smallest normal number, in every rounding mode, with and
 * without FS and with the Underflow and Inexact enables: tininess after rounding, the flush
 * rule, and an exact tiny result with Underflow enabled. Operand pairs are built so that the
 * exact product or quotient lands a few units of 2^-149 (2^-1074) from 2^-126 (2^-1022). */
static void underflow_edge(void) {
  for (int wide = 0; wide <= 1; wide++)
    for (int k = 0; k < scaled(140); k++) {
      uint32_t kind = below(7);
      uint64_t a, b;
      uint32_t funct;
      int step = (int)below(7) - 3;
      if (kind <= 1) { /* MUL: a * b with a = m * 2^-h, b near 2^-(emin_mag - h) / m */
        funct = 2;
        if (wide) {
          double m = 1 + (double)(rnd64() >> 12) * 0x1p-52;
          a = d2u(m * 0x1p-511);
          b = d2u(0x1p-511 / m) + (uint64_t)(int64_t)step;
        } else {
          float m = 1 + (float)(rnd32() >> 9) * 0x1p-23f;
          a = f2u(m * 0x1p-63f);
          b = f2u(0x1p-63f / m) + (uint32_t)step;
        }
      } else if (kind == 2) { /* DIV: a / b with a near 2^emin * b */
        funct = 3;
        if (wide) {
          double m = 1 + (double)(rnd64() >> 12) * 0x1p-52;
          b = d2u(m);
          a = d2u(0x1p-1022 * m) + (uint64_t)(int64_t)step;
        } else {
          float m = 1 + (float)(rnd32() >> 9) * 0x1p-23f;
          b = f2u(m);
          a = f2u(0x1p-126f * m) + (uint32_t)step;
        }
      } else if (kind == 3) { /* MUL giving an exact subnormal, or by one */
        funct = 2;
        a = wide ? d_make(rnd64() & 1, 0, rnd64()) : s_make(rnd32() & 1, 0, rnd32());
        b = wide ? d_make(0, 1023 - (int)below(3), chance(2) ? 0 : rnd64() & ~0xfffffffffffull)
                 : s_make(0, 127 - (int)below(3), chance(2) ? 0 : rnd32() & ~0xfffffu);
      } else if (kind >= 5) {
        /* (1 - j*ulp) * 2^emin (1 + j*ulp) = 2^emin (1 - j^2 ulp^2): just below 2^emin, yet
         * 2^emin once rounded to full precision; tiny only if tininess is judged before rounding */
        funct = 2;
        uint32_t j = 1 + below(kind == 5 ? 4 : 1000);
        int sc = (int)below(20);
        if (wide) {
          a = d_make(rnd64() & 1, 1022 - sc, (0x10000000000000ull - j) << 1);
          b = d_make(rnd64() & 1, 1 + sc, j);
        } else {
          a = s_make(rnd32() & 1, 126 - sc, (0x800000u - j) << 1);
          b = s_make(rnd32() & 1, 1 + sc, j);
        }
      } else { /* SUB of neighbours of 2^emin: exact tiny differences */
        funct = 1;
        a = wide ? d_make(0, 1, rnd64() & 0xff) : s_make(0, 1, rnd32() & 0xff);
        b = wide ? d_make(0, below(2), rnd64()) : s_make(0, below(2), rnd32());
      }
      begin();
      int fs = reg(wide), ft = reg(wide), fd = reg(wide);
      while (ft == fs || (!fr && wide && (ft | 1) == (fs | 1))) ft = reg(wide);
      set_op(fs, wide, a);
      set_op(ft, wide, b);
      uint32_t f = fcsr_rand(k & 3, 0) & ~(1u << 24);
      if (chance(3)) f |= 1u << 24;
      if (chance(4)) f |= (chance(2) ? 0x100u : 0x180u); /* U, or U and I, enabled */
      run(cop1(wide ? D : S, (uint32_t)ft, (uint32_t)fs, (uint32_t)fd, funct), 0, f);
    }
  /* CVT.S.D around 2^-126: every rounding position of the subnormal and normal grids */
  for (int k = 0; k < scaled(60); k++) {
    begin();
    int fs = reg(1), fd = reg(0);
    double d = 0x1p-126 + (double)((int)below(41) - 20) * 0x1p-151 + (chance(2) ? 0 : (double)(rnd32() >> 8) * 0x1p-180);
    set64(fs, d2u(chance(2) ? d : -d));
    uint32_t f = fcsr_rand(k & 3, 0) & ~(1u << 24);
    if (chance(3)) f |= 1u << 24;
    run(cop1(D, 0, (uint32_t)fs, (uint32_t)fd, 32), 0, f);
  }
}

/* MADD family where fused and unfused results part: fr = -(fs*ft rounded), give or take. */
static void madd_cancel(void) {
  for (int wide = 0; wide <= 1; wide++)
    for (int k = 0; k < scaled(40); k++) {
      uint32_t op = 4 + below(4);
      begin();
      int fs = reg(wide), ft = reg(wide), frr = reg(wide), fd = reg(wide);
      while (ft == fs || frr == fs || frr == ft || (!fr && wide && ((ft | 1) == (fs | 1) || (frr | 1) == (fs | 1) || (frr | 1) == (ft | 1)))) {
        ft = reg(wide);
        frr = reg(wide);
      }
      uint64_t a, b, c;
      if (wide) {
        double x = u2d(d_make(rnd64() & 1, 1023 + (int)below(9) - 4, rnd64()));
        double y = u2d(d_make(rnd64() & 1, 1023 + (int)below(9) - 4, rnd64()));
        volatile double pr = x * y;
        a = d2u(x);
        b = d2u(y);
        c = d2u(op == 4 || op == 6 ? -pr : pr) + (uint64_t)(int64_t)((int)below(3) - 1);
      } else {
        float x = u2f(s_make(rnd32() & 1, 127 + (int)below(9) - 4, rnd32()));
        float y = u2f(s_make(rnd32() & 1, 127 + (int)below(9) - 4, rnd32()));
        volatile float pr = x * y;
        a = f2u(x);
        b = f2u(y);
        c = f2u(op == 4 || op == 6 ? -pr : pr) + (uint32_t)((int)below(3) - 1);
      }
      set_op(fs, wide, a);
      set_op(ft, wide, b);
      set_op(frr, wide, c);
      run(cop1x((uint32_t)frr, (uint32_t)ft, (uint32_t)fs, (uint32_t)fd, (op << 3) | (wide ? 1u : 0u)), 0,
          fcsr_rand(below(4), 1));
    }
}

/* Every funct of every COP1 fmt (and every COP1X arithmetic funct): which are reserved. */
static void sweep(void) {
  static const struct { uint32_t fs, ft, fd, fr; } regs[] = {{2, 8, 6, 10}, {3, 9, 5, 11}};
  for (int v = 0; v < 2; v++)
    for (uint32_t fmt = 16; fmt < 32; fmt++)
      for (uint32_t funct = 0; funct < 64; funct++) {
        if (v == 1 && fmt != S && fmt != D && fmt != W && fmt != L && fmt != PS) continue;
        begin();
        uint32_t one = fmt == S ? 0x3fc00000u : fmt == W ? 5u : 0;
        uint64_t one64 = fmt == D ? 0x3ff8000000000000ull : fmt == L ? 7 : 0x3fc000003fc00000ull;
        set_op((int)regs[v].fs, 1, fmt == S || fmt == W ? one : one64);
        set_op((int)regs[v].ft, 1, fmt == S || fmt == W ? 0x40000000u : 0x4000000000000000ull);
        run(cop1(fmt, regs[v].ft, regs[v].fs, regs[v].fd, funct), 3, 0x00800000u);
      }
  for (int v = 0; v < 2; v++)
    for (uint32_t funct = 16; funct < 64; funct++) {
      begin();
      set_op((int)regs[v].fs, 1, 0x3ff8000000000000ull);
      set_op((int)regs[v].ft, 1, 0x4000000000000000ull);
      set_op((int)regs[v].fr, 1, 0x3fe0000000000000ull);
      run(cop1x(regs[v].fr, regs[v].ft, regs[v].fs, regs[v].fd, funct), 0, 0);
    }
}

/* Random words in the COP1 arithmetic space and the COP1X arithmetic space, random registers. */
static void random_words(void) {
  for (int k = 0; k < scaled(400); k++) {
    uint32_t w;
    if (chance(4)) {
      w = cop1x(rnd32() & 31, rnd32() & 31, rnd32() & 31, rnd32() & 31, 32 + below(32));
    } else {
      uint32_t fmt = chance(5) ? 16 + below(16) : (uint32_t[]){S, D, W, L}[below(4)];
      uint32_t funct = rnd32() & 63;
      w = cop1(fmt, rnd32() & 31, rnd32() & 31, rnd32() & 31, funct);
      if (funct == 18 || funct == 19) w = (w & ~(31u << 16)) | ((8 + below(8)) << 16);
    }
    begin();
    /* random contents for the registers the fields name: fr/fmt, ft, fs, fd */
    for (int f = 6; f <= 21; f += 5) {
      int r = (int)((w >> f) & 31);
      if (fr) set64(r, chance(2) ? d_rand() : ((uint64_t)rnd32() << 32) | s_rand());
      else set32(r, chance(2) ? s_rand() : (uint32_t)(d_rand() >> 32));
    }
    run(w, rnd32(), fcsr_rand(below(4), 1));
  }
}

/* MFC1 MFHC1 MTC1 MTHC1 CFC1 CTC1: register pairing and control register views. */
static void moves(void) {
  for (uint32_t fs = 0; fs < 32; fs++) {
    begin();
    set64((int)(fs & ~1u), fr ? 0x0123456789abcdefull : 0xfedcba9876543210ull);
    run(cop1(MFC1, T0, fs, 0, 0), 0, 0);
    begin();
    set64((int)(fs & ~1u), 0x0123456789abcdefull);
    run(cop1(MFHC1, T0, fs, 0, 0), 0, 0);
    begin();
    run(cop1(MTC1, T0, fs, 0, 0), 0x11223344u + fs, 0);
    begin();
    run(cop1(MTHC1, T0, fs, 0, 0), 0x55667788u + fs, 0);
  }
  for (int k = 0; k < 2; k++) {
    uint32_t f = k ? 0xfe83f07fu : fcsr_rand(2, 1) | 0x00800000u;
    for (uint32_t fs = 0; fs < 32; fs++) {
      begin();
      run(cop1(CFC1, T0, fs, 0, 0), 0, f);
    }
  }
  static const uint32_t ctl[] = {25, 26, 28, 31, 0, 1, 24, 30};
  for (int k = 0; k < 64; k++) {
    uint32_t fs = ctl[k % 8];
    uint32_t v;
    switch (k / 8 % 4) {
      case 0: v = rnd32(); break;
      case 1: v = rnd32() & (fs == 25 ? 0xff : fs == 26 ? 0x3f07c : fs == 28 ? 0xf87 : 0xffffffff); break;
      case 2: v = rnd32() & 0xfe83f07fu & ~0x3f000u; break;
      default: v = (rnd32() & 0x1f) << 12 | (rnd32() & 0x1f) << 7; break;
    }
    if (fs == 26 && k / 8 % 4 == 3) v = (rnd32() & 0x3f) << 12; /* Cause through FEXR */
    if (fs == 28 && k / 8 % 4 == 3) v = (rnd32() & 0x1f) << 7;  /* Enables through FENR */
    begin();
    run(cop1(CTC1, T0, fs, 0, 0), v, fcsr_rand(below(4), 1));
  }
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  sigaction(SIGILL, &sa, 0);
  fr = detect_fr();
  build_stub();
  printf("# qemu-mips COP1 vectors, FR=%d: INSN GPR FCSR_IN IN : STATUS GPR_OUT FCSR_OUT OUT\n", fr);
  printf("fr %d\n", fr);
  moves();
  sweep();
  binary_ops();
  unary_ops();
  conversions();
  compares();
  madds();
  cond_moves();
  flush();
  underflow_edge();
  madd_cancel();
  random_words();
  printf("# %ld vectors\n", nvec);
  return 0;
}
