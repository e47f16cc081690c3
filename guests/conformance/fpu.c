/*
 * fpu: the FPU with every IEEE exception enabled (MIPS32 Vol. I, "FPU Exceptions"; Vol. III,
 * Floating-Point Exception, ExcCode 15), in kernel mode with Status.CU1, under FR = 0 and FR = 1.
 *
 * The cases are the vectors of group fpuTraps (VectorGenerator.fpuTraps(), the ids of
 * conformance-tests' instruction.jsonl): each loads FCSR (Enables 11..7 all set, a rounding mode,
 * some Flags, sometimes FS), the operands ($f2 = fs, $f4 = ft, $f8 = the addend of MADD and kin)
 * and $f6 = 0x5a5a5a5aa5a5a5a5, so that a write the trap should have suppressed shows; runs the one
 * instruction (fd = $f6) through enter(); and prints FPE or ok, FCSR after (a trap keeps Cause and
 * leaves Flags alone), and $f6 as a 64-bit value (FR = 1) or the pair $f7:$f6 (FR = 0), or the
 * condition codes of a C.cond. Then tiny results, flushing to zero (FS), the vectors of group
 * fpuRoundingEdges (no Enable set: the rounded result and FCSR's Cause and Flags at the ends of the
 * range, in all four rounding modes), and CTC1 writing Cause bits, which traps at once when a set
 * Cause bit is enabled, or is Unimplemented Operation (E).
 */
#include "rt.h"

#define ST_FR 0x04000000u

/* Operands: single (high word 0), double, 32-bit and 64-bit integers. The 24Kf keeps the legacy
 * NaN encoding: a set top fraction bit means signaling, so S_SNAN / D_SNAN signal. */
#define S_THIRD 0x3eaaaaabull
#define S_PI 0x40490fdbull
#define S_ONE 0x3f800000ull
#define S_TWO 0x40000000ull
#define S_THREE 0x40400000ull
#define S_1_5 0x3fc00000ull
#define S_MINUS4 0xc0800000ull
#define S_MINUS1 0xbf800000ull
#define S_MINUS0 0x80000000ull
#define S_MAX 0x7f7fffffull
#define S_SNAN 0x7fc00000ull
#define S_QNAN 0x7fbfffffull
#define S_1E30 0x7149f2caull
#define D_THIRD 0x3fd5555555555555ull
#define D_PI 0x400921fb54442d18ull
#define D_ONE 0x3ff0000000000000ull
#define D_TWO 0x4000000000000000ull
#define D_THREE 0x4008000000000000ull
#define D_1_5 0x3ff8000000000000ull
#define D_MINUS4 0xc010000000000000ull
#define D_MINUS1 0xbff0000000000000ull
#define D_MAX 0x7fefffffffffffffull
#define D_SNAN 0x7ff8000000000000ull
#define D_QNAN 0x7ff7ffffffffffffull
#define D_1E30 0x46293e5939a08ceaull
#define D_1E300 0x7e37e43c8800759cull
#define D_1E_300 0x01a56e1fc2f8f359ull
#define I_MAX32 0x7fffffffull
#define W_MINUS3 0xfffffffdull
#define W_89ABCDEF 0x89abcdefull
#define L_MINUS3 0xfffffffffffffffdull
#define L_BIG 0x0123456789abcdefull
#define S_MIN_NORMAL 0x00800000ull /* 2^-126 */
#define S_HALF 0x3f000000ull
#define S_BELOW_ONE 0x3f7ffffeull /* 1 - 2^-23 */
#define S_MIN_NORMAL_UP 0x00800001ull /* 2^-126 (1 + 2^-23) */
#define S_1_MINUS_2_24 0x3f7fffffull /* 1 - 2^-24 */
#define S_1_PLUS_2_23 0x3f800001ull
#define S_HALF_UP 0x3f000001ull /* 2^-1 (1 + 2^-23) */
#define S_MAX_DOWN 0x7f7ffffeull /* one place below S_MAX */
#define S_2_127 0x7f000000ull
#define S_2_103 0x73000000ull /* half of S_MAX's last place */
#define S_2_102 0x72800000ull
#define D_1_MINUS_2_53 0x3fefffffffffffffull
#define D_1_PLUS_2_52 0x3ff0000000000001ull
#define D_BELOW_ONE 0x3feffffffffffffeull /* 1 - 2^-52 */
#define D_HALF_UP 0x3fe0000000000001ull
#define D_MIN_NORMAL 0x0010000000000000ull /* 2^-1022 */
#define D_MIN_NORMAL_UP 0x0010000000000001ull
#define D_MAX_DOWN 0x7feffffffffffffeull
#define D_2_1023 0x7fe0000000000000ull
#define D_2_970 0x7c90000000000000ull /* half of D_MAX's last place */
#define D_2_969 0x7c80000000000000ull
#define L_MIN 0x8000000000000000ull /* -2^63 */
#define L_MAX 0x7fffffffffffffffull
#define L_MIN_PLUS1 0x8000000000000001ull
#define L_7FFFFFFFFFFFFC00 0x7ffffffffffffc00ull
#define L_7FFFFF8000000001 0x7fffff8000000001ull
#define L_MINUS_2_53_MINUS1 0xffdfffffffffffffull /* -(2^53 + 1) */

/* name, instruction word (fd = $f6, fs = $f2, ft = $f4, fr = $f8), FR, FCSR before, fs, ft, fr */
#define CASES(X) \
  X("add.s.trap.0",    0x46041180, 0, 0x00000fa4, S_THIRD,    S_PI,     0) \
  X("add.s.trap.1",    0x46041180, 0, 0x00000fc3, S_SNAN,     S_ONE,    0) \
  X("add.s.trap.2",    0x46041180, 0, 0x00000ff5, S_MAX,      S_MAX,    0) \
  X("sub.s.trap.0",    0x46041181, 1, 0x00000f91, S_THIRD,    S_PI,     0) \
  X("sub.s.trap.1",    0x46041181, 1, 0x00000fef, S_SNAN,     S_ONE,    0) \
  X("sub.s.trap.2",    0x46041181, 1, 0x00000ff1, S_MAX,      S_MAX,    0) \
  X("mul.s.trap.0",    0x46041182, 1, 0x00000fd7, S_THIRD,    S_PI,     0) \
  X("mul.s.trap.1",    0x46041182, 0, 0x01000fbf, S_SNAN,     S_ONE,    0) \
  X("mul.s.trap.2",    0x46041182, 0, 0x00000f95, S_MAX,      S_MAX,    0) \
  X("div.s.trap.0",    0x46041183, 0, 0x00000fb5, S_THIRD,    S_PI,     0) \
  X("div.s.trap.1",    0x46041183, 1, 0x00000f8b, S_SNAN,     S_ONE,    0) \
  X("div.s.trap.2",    0x46041183, 0, 0x00000fd2, S_ONE,      0,        0) \
  X("sqrt.s.trap.0",   0x46041184, 1, 0x00000fe2, S_TWO,      0,        0) \
  X("sqrt.s.trap.1",   0x46041184, 0, 0x00000fa0, S_MINUS1,   0,        0) \
  X("sqrt.s.trap.2",   0x46041184, 1, 0x00000fea, S_SNAN,     0,        0) \
  X("recip.s.trap.0",  0x46041195, 1, 0x00000f99, S_THREE,    0,        0) \
  X("recip.s.trap.1",  0x46041195, 0, 0x00000f81, 0,          0,        0) \
  X("recip.s.trap.2",  0x46041195, 0, 0x00000fb7, S_MINUS4,   0,        0) \
  X("rsqrt.s.trap.0",  0x46041196, 0, 0x00000fdc, S_THREE,    0,        0) \
  X("rsqrt.s.trap.1",  0x46041196, 0, 0x00000ff4, 0,          0,        0) \
  X("rsqrt.s.trap.2",  0x46041196, 0, 0x00000fd2, S_MINUS4,   0,        0) \
  X("round.l.s.trap.0", 0x46041188, 1, 0x00000fe4, S_1_5,      0,        0) \
  X("round.l.s.trap.1", 0x46041188, 1, 0x00000f9a, S_1E30,     0,        0) \
  X("round.l.s.trap.2", 0x46041188, 1, 0x00000fc2, S_SNAN,     0,        0) \
  X("trunc.l.s.trap.0", 0x46041189, 1, 0x00000ff4, S_1_5,      0,        0) \
  X("trunc.l.s.trap.1", 0x46041189, 1, 0x00000faf, S_1E30,     0,        0) \
  X("trunc.l.s.trap.2", 0x46041189, 1, 0x00000fe7, S_SNAN,     0,        0) \
  X("ceil.l.s.trap.0", 0x4604118a, 1, 0x00000fdd, S_1_5,      0,        0) \
  X("ceil.l.s.trap.1", 0x4604118a, 1, 0x00000fbc, S_1E30,     0,        0) \
  X("ceil.l.s.trap.2", 0x4604118a, 1, 0x00000fb3, S_SNAN,     0,        0) \
  X("floor.l.s.trap.0", 0x4604118b, 1, 0x00000f88, S_1_5,      0,        0) \
  X("floor.l.s.trap.1", 0x4604118b, 1, 0x00000fe0, S_1E30,     0,        0) \
  X("floor.l.s.trap.2", 0x4604118b, 1, 0x00000fee, S_SNAN,     0,        0) \
  X("round.w.s.trap.0", 0x4604118c, 1, 0x00000fe6, S_1_5,      0,        0) \
  X("round.w.s.trap.1", 0x4604118c, 1, 0x00000faa, S_1E30,     0,        0) \
  X("round.w.s.trap.2", 0x4604118c, 0, 0x00000fbe, S_SNAN,     0,        0) \
  X("trunc.w.s.trap.0", 0x4604118d, 1, 0x00000f9b, S_1_5,      0,        0) \
  X("trunc.w.s.trap.1", 0x4604118d, 1, 0x00000fe9, S_1E30,     0,        0) \
  X("trunc.w.s.trap.2", 0x4604118d, 1, 0x00000ffa, S_SNAN,     0,        0) \
  X("ceil.w.s.trap.0", 0x4604118e, 1, 0x00000f8d, S_1_5,      0,        0) \
  X("ceil.w.s.trap.1", 0x4604118e, 0, 0x00000fa0, S_1E30,     0,        0) \
  X("ceil.w.s.trap.2", 0x4604118e, 1, 0x00000fc9, S_SNAN,     0,        0) \
  X("floor.w.s.trap.0", 0x4604118f, 1, 0x00000fdb, S_1_5,      0,        0) \
  X("floor.w.s.trap.1", 0x4604118f, 1, 0x00000fae, S_1E30,     0,        0) \
  X("floor.w.s.trap.2", 0x4604118f, 1, 0x00000fe1, S_SNAN,     0,        0) \
  X("cvt.w.s.trap.0",  0x460411a4, 0, 0x00000fb6, S_1_5,      0,        0) \
  X("cvt.w.s.trap.1",  0x460411a4, 1, 0x00000fc3, S_1E30,     0,        0) \
  X("cvt.w.s.trap.2",  0x460411a4, 0, 0x00000f97, S_SNAN,     0,        0) \
  X("cvt.l.s.trap.0",  0x460411a5, 1, 0x00000fca, S_1_5,      0,        0) \
  X("cvt.l.s.trap.1",  0x460411a5, 1, 0x00000fd8, S_1E30,     0,        0) \
  X("cvt.l.s.trap.2",  0x460411a5, 1, 0x00000fd3, S_SNAN,     0,        0) \
  X("cvt.d.s.trap.0",  0x460411a1, 0, 0x00000fc3, S_SNAN,     0,        0) \
  X("cvt.d.s.trap.1",  0x460411a1, 1, 0x00000ff6, S_THIRD,    0,        0) \
  X("cvt.d.s.trap.2",  0x460411a1, 1, 0x00000ff8, S_MINUS0,   0,        0) \
  X("c.ueq.s.trap.0",  0x46041733, 1, 0x00000f99, S_QNAN,     S_ONE,    0) \
  X("c.ueq.s.trap.1",  0x46041633, 0, 0x01000fd9, S_SNAN,     S_ONE,    0) \
  X("c.ueq.s.trap.2",  0x46041133, 1, 0x00000fd6, S_ONE,      S_TWO,    0) \
  X("c.ngl.s.trap.0",  0x4604133b, 0, 0x00000fad, S_QNAN,     S_ONE,    0) \
  X("c.ngl.s.trap.1",  0x4604113b, 1, 0x00000ff4, S_SNAN,     S_ONE,    0) \
  X("c.ngl.s.trap.2",  0x4604173b, 0, 0x00000f9b, S_ONE,      S_TWO,    0) \
  X("add.d.trap.0",    0x46241180, 1, 0x00000fab, D_THIRD,    D_PI,     0) \
  X("add.d.trap.1",    0x46241180, 1, 0x00000fbe, D_SNAN,     D_ONE,    0) \
  X("add.d.trap.2",    0x46241180, 1, 0x00000f88, D_MAX,      D_MAX,    0) \
  X("sub.d.trap.0",    0x46241181, 1, 0x00000fff, D_THIRD,    D_PI,     0) \
  X("sub.d.trap.1",    0x46241181, 0, 0x00000fb2, D_SNAN,     D_ONE,    0) \
  X("sub.d.trap.2",    0x46241181, 0, 0x00000fd0, D_MAX,      D_MAX,    0) \
  X("mul.d.trap.0",    0x46241182, 0, 0x00000fb0, D_THIRD,    D_PI,     0) \
  X("mul.d.trap.1",    0x46241182, 1, 0x00000fe0, D_SNAN,     D_ONE,    0) \
  X("mul.d.trap.2",    0x46241182, 0, 0x00000fca, D_MAX,      D_MAX,    0) \
  X("div.d.trap.0",    0x46241183, 1, 0x00000fb6, D_THIRD,    D_PI,     0) \
  X("div.d.trap.1",    0x46241183, 1, 0x00000fc2, D_SNAN,     D_ONE,    0) \
  X("div.d.trap.2",    0x46241183, 0, 0x00000f9f, D_ONE,      0,        0) \
  X("sqrt.d.trap.0",   0x46241184, 1, 0x00000ff1, D_TWO,      0,        0) \
  X("sqrt.d.trap.1",   0x46241184, 0, 0x00000fa0, D_MINUS1,   0,        0) \
  X("sqrt.d.trap.2",   0x46241184, 0, 0x00000f82, D_SNAN,     0,        0) \
  X("recip.d.trap.0",  0x46241195, 0, 0x00000f87, D_THREE,    0,        0) \
  X("recip.d.trap.1",  0x46241195, 1, 0x00000fe7, 0,          0,        0) \
  X("recip.d.trap.2",  0x46241195, 0, 0x00000f8c, D_MINUS4,   0,        0) \
  X("rsqrt.d.trap.0",  0x46241196, 1, 0x00000fe8, D_THREE,    0,        0) \
  X("rsqrt.d.trap.1",  0x46241196, 1, 0x00000fd7, 0,          0,        0) \
  X("rsqrt.d.trap.2",  0x46241196, 0, 0x00000ff6, D_MINUS4,   0,        0) \
  X("round.l.d.trap.0", 0x46241188, 1, 0x00000fc8, D_1_5,      0,        0) \
  X("round.l.d.trap.1", 0x46241188, 1, 0x00000fca, D_1E30,     0,        0) \
  X("round.l.d.trap.2", 0x46241188, 1, 0x01000fdd, D_SNAN,     0,        0) \
  X("trunc.l.d.trap.0", 0x46241189, 1, 0x01000fe5, D_1_5,      0,        0) \
  X("trunc.l.d.trap.1", 0x46241189, 1, 0x00000fa3, D_1E30,     0,        0) \
  X("trunc.l.d.trap.2", 0x46241189, 1, 0x00000fd2, D_SNAN,     0,        0) \
  X("ceil.l.d.trap.0", 0x4624118a, 1, 0x00000fe6, D_1_5,      0,        0) \
  X("ceil.l.d.trap.1", 0x4624118a, 1, 0x00000fe5, D_1E30,     0,        0) \
  X("ceil.l.d.trap.2", 0x4624118a, 1, 0x00000fd9, D_SNAN,     0,        0) \
  X("floor.l.d.trap.0", 0x4624118b, 1, 0x00000fb5, D_1_5,      0,        0) \
  X("floor.l.d.trap.1", 0x4624118b, 1, 0x00000fd5, D_1E30,     0,        0) \
  X("floor.l.d.trap.2", 0x4624118b, 1, 0x00000fa2, D_SNAN,     0,        0) \
  X("round.w.d.trap.0", 0x4624118c, 0, 0x00000ff9, D_1_5,      0,        0) \
  X("round.w.d.trap.1", 0x4624118c, 0, 0x01000f9c, D_1E30,     0,        0) \
  X("round.w.d.trap.2", 0x4624118c, 1, 0x00000fcc, D_SNAN,     0,        0) \
  X("trunc.w.d.trap.0", 0x4624118d, 1, 0x00000fcc, D_1_5,      0,        0) \
  X("trunc.w.d.trap.1", 0x4624118d, 0, 0x00000fa3, D_1E30,     0,        0) \
  X("trunc.w.d.trap.2", 0x4624118d, 0, 0x00000fda, D_SNAN,     0,        0) \
  X("ceil.w.d.trap.0", 0x4624118e, 0, 0x00000fa7, D_1_5,      0,        0) \
  X("ceil.w.d.trap.1", 0x4624118e, 0, 0x00000fce, D_1E30,     0,        0) \
  X("ceil.w.d.trap.2", 0x4624118e, 0, 0x01000fbe, D_SNAN,     0,        0) \
  X("floor.w.d.trap.0", 0x4624118f, 0, 0x00000fa0, D_1_5,      0,        0) \
  X("floor.w.d.trap.1", 0x4624118f, 1, 0x01000ffa, D_1E30,     0,        0) \
  X("floor.w.d.trap.2", 0x4624118f, 0, 0x01000f84, D_SNAN,     0,        0) \
  X("cvt.w.d.trap.0",  0x462411a4, 1, 0x00000f9b, D_1_5,      0,        0) \
  X("cvt.w.d.trap.1",  0x462411a4, 1, 0x00000fcd, D_1E30,     0,        0) \
  X("cvt.w.d.trap.2",  0x462411a4, 0, 0x00000ffe, D_SNAN,     0,        0) \
  X("cvt.l.d.trap.0",  0x462411a5, 1, 0x00000fab, D_1_5,      0,        0) \
  X("cvt.l.d.trap.1",  0x462411a5, 1, 0x00000faa, D_1E30,     0,        0) \
  X("cvt.l.d.trap.2",  0x462411a5, 1, 0x01000faf, D_SNAN,     0,        0) \
  X("cvt.s.d.trap.0",  0x462411a0, 1, 0x01000fc7, D_THIRD,    0,        0) \
  X("cvt.s.d.trap.1",  0x462411a0, 0, 0x00000f84, D_1E300,    0,        0) \
  X("cvt.s.d.trap.2",  0x462411a0, 1, 0x00000f88, D_1E_300,   0,        0) \
  X("c.ueq.d.trap.0",  0x46241033, 0, 0x00000fec, D_QNAN,     D_ONE,    0) \
  X("c.ueq.d.trap.1",  0x46241333, 1, 0x00000fa4, D_SNAN,     D_ONE,    0) \
  X("c.ueq.d.trap.2",  0x46241733, 1, 0x01000f95, D_ONE,      D_TWO,    0) \
  X("c.ngl.d.trap.0",  0x4624163b, 0, 0x00000f87, D_QNAN,     D_ONE,    0) \
  X("c.ngl.d.trap.1",  0x4624143b, 1, 0x00000fb6, D_SNAN,     D_ONE,    0) \
  X("c.ngl.d.trap.2",  0x4624133b, 0, 0x00000fb5, D_ONE,      D_TWO,    0) \
  X("cvt.s.w.trap.0",  0x468411a0, 1, 0x01000fe3, I_MAX32,    0,        0) \
  X("cvt.s.w.trap.1",  0x468411a0, 1, 0x00000fac, W_MINUS3,   0,        0) \
  X("cvt.s.w.trap.2",  0x468411a0, 1, 0x00000fde, W_89ABCDEF, 0,        0) \
  X("cvt.d.w.trap.0",  0x468411a1, 1, 0x00000fa8, I_MAX32,    0,        0) \
  X("cvt.d.w.trap.1",  0x468411a1, 1, 0x00000fb3, W_MINUS3,   0,        0) \
  X("cvt.d.w.trap.2",  0x468411a1, 1, 0x01000fbb, W_89ABCDEF, 0,        0) \
  X("cvt.s.l.trap.0",  0x46a411a0, 1, 0x00000fd9, I_MAX32,    0,        0) \
  X("cvt.s.l.trap.1",  0x46a411a0, 1, 0x00000fb0, L_MINUS3,   0,        0) \
  X("cvt.s.l.trap.2",  0x46a411a0, 1, 0x00000f85, L_BIG,      0,        0) \
  X("cvt.d.l.trap.0",  0x46a411a1, 1, 0x00000fc6, I_MAX32,    0,        0) \
  X("cvt.d.l.trap.1",  0x46a411a1, 1, 0x00000fc7, L_MINUS3,   0,        0) \
  X("cvt.d.l.trap.2",  0x46a411a1, 1, 0x00000fa0, L_BIG,      0,        0) \
  X("madd.s.trap.0",   0x4d0411a0, 1, 0x00000fd6, S_THIRD,    S_PI,     S_ONE) \
  X("madd.s.trap.1",   0x4d0411a0, 1, 0x00000f96, S_SNAN,     S_ONE,    S_ONE) \
  X("madd.s.trap.2",   0x4d0411a0, 0, 0x00000f85, S_MAX,      S_TWO,    S_ONE) \
  X("madd.d.trap.0",   0x4d0411a1, 1, 0x00000f80, D_THIRD,    D_PI,     D_ONE) \
  X("madd.d.trap.1",   0x4d0411a1, 0, 0x00000f98, D_SNAN,     D_ONE,    D_ONE) \
  X("madd.d.trap.2",   0x4d0411a1, 1, 0x00000ff1, D_MAX,      D_TWO,    D_ONE) \
  X("msub.s.trap.0",   0x4d0411a8, 0, 0x00000fd0, S_THIRD,    S_PI,     S_ONE) \
  X("msub.s.trap.1",   0x4d0411a8, 1, 0x00000fce, S_SNAN,     S_ONE,    S_ONE) \
  X("msub.s.trap.2",   0x4d0411a8, 0, 0x00000fdb, S_MAX,      S_TWO,    S_ONE) \
  X("msub.d.trap.0",   0x4d0411a9, 1, 0x00000fce, D_THIRD,    D_PI,     D_ONE) \
  X("msub.d.trap.1",   0x4d0411a9, 1, 0x00000fd7, D_SNAN,     D_ONE,    D_ONE) \
  X("msub.d.trap.2",   0x4d0411a9, 0, 0x00000f89, D_MAX,      D_TWO,    D_ONE) \
  X("nmadd.s.trap.0",  0x4d0411b0, 1, 0x00000fd4, S_THIRD,    S_PI,     S_ONE) \
  X("nmadd.s.trap.1",  0x4d0411b0, 1, 0x00000fe0, S_SNAN,     S_ONE,    S_ONE) \
  X("nmadd.s.trap.2",  0x4d0411b0, 1, 0x00000fa5, S_MAX,      S_TWO,    S_ONE) \
  X("nmadd.d.trap.0",  0x4d0411b1, 1, 0x00000fce, D_THIRD,    D_PI,     D_ONE) \
  X("nmadd.d.trap.1",  0x4d0411b1, 0, 0x00000fe1, D_SNAN,     D_ONE,    D_ONE) \
  X("nmadd.d.trap.2",  0x4d0411b1, 0, 0x00000ff5, D_MAX,      D_TWO,    D_ONE) \
  X("nmsub.s.trap.0",  0x4d0411b8, 0, 0x00000fbd, S_THIRD,    S_PI,     S_ONE) \
  X("nmsub.s.trap.1",  0x4d0411b8, 1, 0x00000fef, S_SNAN,     S_ONE,    S_ONE) \
  X("nmsub.s.trap.2",  0x4d0411b8, 1, 0x00000fae, S_MAX,      S_TWO,    S_ONE) \
  X("nmsub.d.trap.0",  0x4d0411b9, 0, 0x00000fe3, D_THIRD,    D_PI,     D_ONE) \
  X("nmsub.d.trap.1",  0x4d0411b9, 0, 0x00000f87, D_SNAN,     D_ONE,    D_ONE) \
  X("nmsub.d.trap.2",  0x4d0411b9, 0, 0x00000fe5, D_MAX,      D_TWO,    D_ONE) \
  /* Tiny results (Vol. I, "Underflow Exception"): an exact subnormal product with every exception \
   * enabled and with none; a product, 2^-126 (1 - 2^-46), tiny before rounding only (the MIPS \
   * architecture detects tininess after rounding). \
   * Then FS = 1 (flush to zero): a tiny double product with every exception enabled and with none, \
   * the exact subnormal single product. */ \
  X("tiny.mul.s.exact.enabled",  0x46041182, 0, 0x00000f80, S_MIN_NORMAL, S_HALF,      0) \
  X("tiny.mul.s.exact.disabled", 0x46041182, 0, 0x00000000, S_MIN_NORMAL, S_HALF,      0) \
  X("tiny.mul.s.to-normal",      0x46041182, 0, 0x00000000, S_MIN_NORMAL_UP, S_BELOW_ONE, 0) \
  X("tiny.mul.s.to-normal.enabled", 0x46041182, 0, 0x00000f80, S_MIN_NORMAL_UP, S_BELOW_ONE, 0) \
  X("fs.mul.d.enabled",          0x46241182, 1, 0x01000f80, D_1E_300,     D_1E_300,    0) \
  X("fs.mul.d.disabled",         0x46241182, 1, 0x01000000, D_1E_300,     D_1E_300,    0) \
  X("fs.mul.s.exact.disabled",   0x46041182, 0, 0x01000000, S_MIN_NORMAL, S_HALF,      0) \
  /* Rounding at the ends of the range, no Enable set (the vectors of group fpuRoundingEdges): \
   * products and quotients of a number at the end of the range (the smallest normal, one place \
   * above it, the largest finite number, one place below it, 2^127 / 2^1023) by one near 1, in the \
   * four rounding modes; the largest number plus half and a quarter of its last place; CVT.S.L and \
   * CVT.D.L of 64-bit integers rounded far below their top bit. */ \
  X("mul.s.boundary.0",    0x46041182, 0, 0x00000000, S_MIN_NORMAL,       S_1_MINUS_2_24,  0) \
  X("mul.s.boundary.1",    0x46041182, 1, 0x00000001, S_MIN_NORMAL_UP,    S_1_MINUS_2_24,  0) \
  X("mul.s.boundary.2",    0x46041182, 0, 0x00000002, S_MAX,              S_1_MINUS_2_24,  0) \
  X("mul.s.boundary.3",    0x46041182, 1, 0x00000003, S_MAX_DOWN,         S_1_MINUS_2_24,  0) \
  X("mul.s.boundary.4",    0x46041182, 0, 0x00000000, S_2_127,            S_1_MINUS_2_24,  0) \
  X("mul.s.boundary.5",    0x46041182, 1, 0x00000001, S_MIN_NORMAL,       S_1_PLUS_2_23,   0) \
  X("mul.s.boundary.6",    0x46041182, 0, 0x00000002, S_MIN_NORMAL_UP,    S_1_PLUS_2_23,   0) \
  X("mul.s.boundary.7",    0x46041182, 1, 0x00000003, S_MAX,              S_1_PLUS_2_23,   0) \
  X("mul.s.boundary.8",    0x46041182, 0, 0x00000000, S_MAX_DOWN,         S_1_PLUS_2_23,   0) \
  X("mul.s.boundary.9",    0x46041182, 1, 0x00000001, S_2_127,            S_1_PLUS_2_23,   0) \
  X("mul.s.boundary.10",   0x46041182, 0, 0x00000002, S_MIN_NORMAL,       S_BELOW_ONE,     0) \
  X("mul.s.boundary.11",   0x46041182, 1, 0x00000003, S_MIN_NORMAL_UP,    S_BELOW_ONE,     0) \
  X("mul.s.boundary.12",   0x46041182, 0, 0x00000000, S_MAX,              S_BELOW_ONE,     0) \
  X("mul.s.boundary.13",   0x46041182, 1, 0x00000001, S_MAX_DOWN,         S_BELOW_ONE,     0) \
  X("mul.s.boundary.14",   0x46041182, 0, 0x00000002, S_2_127,            S_BELOW_ONE,     0) \
  X("mul.s.boundary.15",   0x46041182, 1, 0x00000003, S_MIN_NORMAL,       S_HALF_UP,       0) \
  X("mul.s.boundary.16",   0x46041182, 0, 0x00000000, S_MIN_NORMAL_UP,    S_HALF_UP,       0) \
  X("mul.s.boundary.17",   0x46041182, 1, 0x00000001, S_MAX,              S_HALF_UP,       0) \
  X("mul.s.boundary.18",   0x46041182, 0, 0x00000002, S_MAX_DOWN,         S_HALF_UP,       0) \
  X("mul.s.boundary.19",   0x46041182, 1, 0x00000003, S_2_127,            S_HALF_UP,       0) \
  X("mul.d.boundary.0",    0x46241182, 0, 0x00000000, D_MIN_NORMAL,       D_1_MINUS_2_53,  0) \
  X("mul.d.boundary.1",    0x46241182, 1, 0x00000001, D_MIN_NORMAL_UP,    D_1_MINUS_2_53,  0) \
  X("mul.d.boundary.2",    0x46241182, 0, 0x00000002, D_MAX,              D_1_MINUS_2_53,  0) \
  X("mul.d.boundary.3",    0x46241182, 1, 0x00000003, D_MAX_DOWN,         D_1_MINUS_2_53,  0) \
  X("mul.d.boundary.4",    0x46241182, 0, 0x00000000, D_2_1023,           D_1_MINUS_2_53,  0) \
  X("mul.d.boundary.5",    0x46241182, 1, 0x00000001, D_MIN_NORMAL,       D_1_PLUS_2_52,   0) \
  X("mul.d.boundary.6",    0x46241182, 0, 0x00000002, D_MIN_NORMAL_UP,    D_1_PLUS_2_52,   0) \
  X("mul.d.boundary.7",    0x46241182, 1, 0x00000003, D_MAX,              D_1_PLUS_2_52,   0) \
  X("mul.d.boundary.8",    0x46241182, 0, 0x00000000, D_MAX_DOWN,         D_1_PLUS_2_52,   0) \
  X("mul.d.boundary.9",    0x46241182, 1, 0x00000001, D_2_1023,           D_1_PLUS_2_52,   0) \
  X("mul.d.boundary.10",   0x46241182, 0, 0x00000002, D_MIN_NORMAL,       D_BELOW_ONE,     0) \
  X("mul.d.boundary.11",   0x46241182, 1, 0x00000003, D_MIN_NORMAL_UP,    D_BELOW_ONE,     0) \
  X("mul.d.boundary.12",   0x46241182, 0, 0x00000000, D_MAX,              D_BELOW_ONE,     0) \
  X("mul.d.boundary.13",   0x46241182, 1, 0x00000001, D_MAX_DOWN,         D_BELOW_ONE,     0) \
  X("mul.d.boundary.14",   0x46241182, 0, 0x00000002, D_2_1023,           D_BELOW_ONE,     0) \
  X("mul.d.boundary.15",   0x46241182, 1, 0x00000003, D_MIN_NORMAL,       D_HALF_UP,       0) \
  X("mul.d.boundary.16",   0x46241182, 0, 0x00000000, D_MIN_NORMAL_UP,    D_HALF_UP,       0) \
  X("mul.d.boundary.17",   0x46241182, 1, 0x00000001, D_MAX,              D_HALF_UP,       0) \
  X("mul.d.boundary.18",   0x46241182, 0, 0x00000002, D_MAX_DOWN,         D_HALF_UP,       0) \
  X("mul.d.boundary.19",   0x46241182, 1, 0x00000003, D_2_1023,           D_HALF_UP,       0) \
  X("div.s.boundary.0",    0x46041183, 0, 0x00000000, S_MIN_NORMAL,       S_1_MINUS_2_24,  0) \
  X("div.s.boundary.1",    0x46041183, 1, 0x00000001, S_MIN_NORMAL_UP,    S_1_MINUS_2_24,  0) \
  X("div.s.boundary.2",    0x46041183, 0, 0x00000002, S_MAX,              S_1_MINUS_2_24,  0) \
  X("div.s.boundary.3",    0x46041183, 1, 0x00000003, S_MAX_DOWN,         S_1_MINUS_2_24,  0) \
  X("div.s.boundary.4",    0x46041183, 0, 0x00000000, S_2_127,            S_1_MINUS_2_24,  0) \
  X("div.s.boundary.5",    0x46041183, 1, 0x00000001, S_MIN_NORMAL,       S_1_PLUS_2_23,   0) \
  X("div.s.boundary.6",    0x46041183, 0, 0x00000002, S_MIN_NORMAL_UP,    S_1_PLUS_2_23,   0) \
  X("div.s.boundary.7",    0x46041183, 1, 0x00000003, S_MAX,              S_1_PLUS_2_23,   0) \
  X("div.s.boundary.8",    0x46041183, 0, 0x00000000, S_MAX_DOWN,         S_1_PLUS_2_23,   0) \
  X("div.s.boundary.9",    0x46041183, 1, 0x00000001, S_2_127,            S_1_PLUS_2_23,   0) \
  X("div.s.boundary.10",   0x46041183, 0, 0x00000002, S_MIN_NORMAL,       S_BELOW_ONE,     0) \
  X("div.s.boundary.11",   0x46041183, 1, 0x00000003, S_MIN_NORMAL_UP,    S_BELOW_ONE,     0) \
  X("div.s.boundary.12",   0x46041183, 0, 0x00000000, S_MAX,              S_BELOW_ONE,     0) \
  X("div.s.boundary.13",   0x46041183, 1, 0x00000001, S_MAX_DOWN,         S_BELOW_ONE,     0) \
  X("div.s.boundary.14",   0x46041183, 0, 0x00000002, S_2_127,            S_BELOW_ONE,     0) \
  X("div.s.boundary.15",   0x46041183, 1, 0x00000003, S_MIN_NORMAL,       S_HALF_UP,       0) \
  X("div.s.boundary.16",   0x46041183, 0, 0x00000000, S_MIN_NORMAL_UP,    S_HALF_UP,       0) \
  X("div.s.boundary.17",   0x46041183, 1, 0x00000001, S_MAX,              S_HALF_UP,       0) \
  X("div.s.boundary.18",   0x46041183, 0, 0x00000002, S_MAX_DOWN,         S_HALF_UP,       0) \
  X("div.s.boundary.19",   0x46041183, 1, 0x00000003, S_2_127,            S_HALF_UP,       0) \
  X("div.d.boundary.0",    0x46241183, 0, 0x00000000, D_MIN_NORMAL,       D_1_MINUS_2_53,  0) \
  X("div.d.boundary.1",    0x46241183, 1, 0x00000001, D_MIN_NORMAL_UP,    D_1_MINUS_2_53,  0) \
  X("div.d.boundary.2",    0x46241183, 0, 0x00000002, D_MAX,              D_1_MINUS_2_53,  0) \
  X("div.d.boundary.3",    0x46241183, 1, 0x00000003, D_MAX_DOWN,         D_1_MINUS_2_53,  0) \
  X("div.d.boundary.4",    0x46241183, 0, 0x00000000, D_2_1023,           D_1_MINUS_2_53,  0) \
  X("div.d.boundary.5",    0x46241183, 1, 0x00000001, D_MIN_NORMAL,       D_1_PLUS_2_52,   0) \
  X("div.d.boundary.6",    0x46241183, 0, 0x00000002, D_MIN_NORMAL_UP,    D_1_PLUS_2_52,   0) \
  X("div.d.boundary.7",    0x46241183, 1, 0x00000003, D_MAX,              D_1_PLUS_2_52,   0) \
  X("div.d.boundary.8",    0x46241183, 0, 0x00000000, D_MAX_DOWN,         D_1_PLUS_2_52,   0) \
  X("div.d.boundary.9",    0x46241183, 1, 0x00000001, D_2_1023,           D_1_PLUS_2_52,   0) \
  X("div.d.boundary.10",   0x46241183, 0, 0x00000002, D_MIN_NORMAL,       D_BELOW_ONE,     0) \
  X("div.d.boundary.11",   0x46241183, 1, 0x00000003, D_MIN_NORMAL_UP,    D_BELOW_ONE,     0) \
  X("div.d.boundary.12",   0x46241183, 0, 0x00000000, D_MAX,              D_BELOW_ONE,     0) \
  X("div.d.boundary.13",   0x46241183, 1, 0x00000001, D_MAX_DOWN,         D_BELOW_ONE,     0) \
  X("div.d.boundary.14",   0x46241183, 0, 0x00000002, D_2_1023,           D_BELOW_ONE,     0) \
  X("div.d.boundary.15",   0x46241183, 1, 0x00000003, D_MIN_NORMAL,       D_HALF_UP,       0) \
  X("div.d.boundary.16",   0x46241183, 0, 0x00000000, D_MIN_NORMAL_UP,    D_HALF_UP,       0) \
  X("div.d.boundary.17",   0x46241183, 1, 0x00000001, D_MAX,              D_HALF_UP,       0) \
  X("div.d.boundary.18",   0x46241183, 0, 0x00000002, D_MAX_DOWN,         D_HALF_UP,       0) \
  X("div.d.boundary.19",   0x46241183, 1, 0x00000003, D_2_1023,           D_HALF_UP,       0) \
  X("add.s.max-carry.0.0", 0x46041180, 1, 0x00000000, S_MAX,              S_2_103,         0) \
  X("add.s.max-carry.0.1", 0x46041180, 1, 0x00000000, S_MAX,              S_2_102,         0) \
  X("add.s.max-carry.1.0", 0x46041180, 1, 0x00000001, S_MAX,              S_2_103,         0) \
  X("add.s.max-carry.1.1", 0x46041180, 1, 0x00000001, S_MAX,              S_2_102,         0) \
  X("add.s.max-carry.2.0", 0x46041180, 1, 0x00000002, S_MAX,              S_2_103,         0) \
  X("add.s.max-carry.2.1", 0x46041180, 1, 0x00000002, S_MAX,              S_2_102,         0) \
  X("add.s.max-carry.3.0", 0x46041180, 1, 0x00000003, S_MAX,              S_2_103,         0) \
  X("add.s.max-carry.3.1", 0x46041180, 1, 0x00000003, S_MAX,              S_2_102,         0) \
  X("add.d.max-carry.0.0", 0x46241180, 1, 0x00000000, D_MAX,              D_2_970,         0) \
  X("add.d.max-carry.0.1", 0x46241180, 1, 0x00000000, D_MAX,              D_2_969,         0) \
  X("add.d.max-carry.1.0", 0x46241180, 1, 0x00000001, D_MAX,              D_2_970,         0) \
  X("add.d.max-carry.1.1", 0x46241180, 1, 0x00000001, D_MAX,              D_2_969,         0) \
  X("add.d.max-carry.2.0", 0x46241180, 1, 0x00000002, D_MAX,              D_2_970,         0) \
  X("add.d.max-carry.2.1", 0x46241180, 1, 0x00000002, D_MAX,              D_2_969,         0) \
  X("add.d.max-carry.3.0", 0x46241180, 1, 0x00000003, D_MAX,              D_2_970,         0) \
  X("add.d.max-carry.3.1", 0x46241180, 1, 0x00000003, D_MAX,              D_2_969,         0) \
  X("cvt.s.l.wide.0.0",    0x46a011a0, 1, 0x00000000, L_MIN,              0,               0) \
  X("cvt.s.l.wide.0.1",    0x46a011a0, 1, 0x00000001, L_MIN,              0,               0) \
  X("cvt.s.l.wide.0.2",    0x46a011a0, 1, 0x00000002, L_MIN,              0,               0) \
  X("cvt.s.l.wide.0.3",    0x46a011a0, 1, 0x00000003, L_MIN,              0,               0) \
  X("cvt.s.l.wide.1.0",    0x46a011a0, 1, 0x00000000, L_MAX,              0,               0) \
  X("cvt.s.l.wide.1.1",    0x46a011a0, 1, 0x00000001, L_MAX,              0,               0) \
  X("cvt.s.l.wide.1.2",    0x46a011a0, 1, 0x00000002, L_MAX,              0,               0) \
  X("cvt.s.l.wide.1.3",    0x46a011a0, 1, 0x00000003, L_MAX,              0,               0) \
  X("cvt.s.l.wide.2.0",    0x46a011a0, 1, 0x00000000, L_MIN_PLUS1,        0,               0) \
  X("cvt.s.l.wide.2.1",    0x46a011a0, 1, 0x00000001, L_MIN_PLUS1,        0,               0) \
  X("cvt.s.l.wide.2.2",    0x46a011a0, 1, 0x00000002, L_MIN_PLUS1,        0,               0) \
  X("cvt.s.l.wide.2.3",    0x46a011a0, 1, 0x00000003, L_MIN_PLUS1,        0,               0) \
  X("cvt.s.l.wide.3.0",    0x46a011a0, 1, 0x00000000, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.s.l.wide.3.1",    0x46a011a0, 1, 0x00000001, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.s.l.wide.3.2",    0x46a011a0, 1, 0x00000002, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.s.l.wide.3.3",    0x46a011a0, 1, 0x00000003, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.s.l.wide.4.0",    0x46a011a0, 1, 0x00000000, L_7FFFFF8000000001, 0,               0) \
  X("cvt.s.l.wide.4.1",    0x46a011a0, 1, 0x00000001, L_7FFFFF8000000001, 0,               0) \
  X("cvt.s.l.wide.4.2",    0x46a011a0, 1, 0x00000002, L_7FFFFF8000000001, 0,               0) \
  X("cvt.s.l.wide.4.3",    0x46a011a0, 1, 0x00000003, L_7FFFFF8000000001, 0,               0) \
  X("cvt.s.l.wide.5.0",    0x46a011a0, 1, 0x00000000, L_MINUS_2_53_MINUS1, 0,               0) \
  X("cvt.s.l.wide.5.1",    0x46a011a0, 1, 0x00000001, L_MINUS_2_53_MINUS1, 0,               0) \
  X("cvt.s.l.wide.5.2",    0x46a011a0, 1, 0x00000002, L_MINUS_2_53_MINUS1, 0,               0) \
  X("cvt.s.l.wide.5.3",    0x46a011a0, 1, 0x00000003, L_MINUS_2_53_MINUS1, 0,               0) \
  X("cvt.d.l.wide.0.0",    0x46a011a1, 1, 0x00000000, L_MIN,              0,               0) \
  X("cvt.d.l.wide.0.1",    0x46a011a1, 1, 0x00000001, L_MIN,              0,               0) \
  X("cvt.d.l.wide.0.2",    0x46a011a1, 1, 0x00000002, L_MIN,              0,               0) \
  X("cvt.d.l.wide.0.3",    0x46a011a1, 1, 0x00000003, L_MIN,              0,               0) \
  X("cvt.d.l.wide.1.0",    0x46a011a1, 1, 0x00000000, L_MAX,              0,               0) \
  X("cvt.d.l.wide.1.1",    0x46a011a1, 1, 0x00000001, L_MAX,              0,               0) \
  X("cvt.d.l.wide.1.2",    0x46a011a1, 1, 0x00000002, L_MAX,              0,               0) \
  X("cvt.d.l.wide.1.3",    0x46a011a1, 1, 0x00000003, L_MAX,              0,               0) \
  X("cvt.d.l.wide.2.0",    0x46a011a1, 1, 0x00000000, L_MIN_PLUS1,        0,               0) \
  X("cvt.d.l.wide.2.1",    0x46a011a1, 1, 0x00000001, L_MIN_PLUS1,        0,               0) \
  X("cvt.d.l.wide.2.2",    0x46a011a1, 1, 0x00000002, L_MIN_PLUS1,        0,               0) \
  X("cvt.d.l.wide.2.3",    0x46a011a1, 1, 0x00000003, L_MIN_PLUS1,        0,               0) \
  X("cvt.d.l.wide.3.0",    0x46a011a1, 1, 0x00000000, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.d.l.wide.3.1",    0x46a011a1, 1, 0x00000001, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.d.l.wide.3.2",    0x46a011a1, 1, 0x00000002, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.d.l.wide.3.3",    0x46a011a1, 1, 0x00000003, L_7FFFFFFFFFFFFC00, 0,               0) \
  X("cvt.d.l.wide.4.0",    0x46a011a1, 1, 0x00000000, L_7FFFFF8000000001, 0,               0) \
  X("cvt.d.l.wide.4.1",    0x46a011a1, 1, 0x00000001, L_7FFFFF8000000001, 0,               0) \
  X("cvt.d.l.wide.4.2",    0x46a011a1, 1, 0x00000002, L_7FFFFF8000000001, 0,               0) \
  X("cvt.d.l.wide.4.3",    0x46a011a1, 1, 0x00000003, L_7FFFFF8000000001, 0,               0) \
  X("cvt.d.l.wide.5.0",    0x46a011a1, 1, 0x00000000, L_MINUS_2_53_MINUS1, 0,               0) \
  X("cvt.d.l.wide.5.1",    0x46a011a1, 1, 0x00000001, L_MINUS_2_53_MINUS1, 0,               0) \
  X("cvt.d.l.wide.5.2",    0x46a011a1, 1, 0x00000002, L_MINUS_2_53_MINUS1, 0,               0) \
  X("cvt.d.l.wide.5.3",    0x46a011a1, 1, 0x00000003, L_MINUS_2_53_MINUS1, 0,               0)

struct fcase {
  const char *name;
  u32 word, fr, fcsr;
  unsigned long long fs, ft, fr_addend;
};

#define ROW(name, word, fr, fcsr, fs, ft, fra) {name, word, fr, fcsr, fs, ft, fra},
static const struct fcase cases[] = {CASES(ROW)};

/* One kernel snippet of two words per case, in table order: the instruction, then SYSCALL. */
#define SNIPPET_WORD(name, word, fr, fcsr, fs, ft, fra) ".word " #word "\n\tsyscall\n\t"
extern char fpu_snippets[], s_ctc1[];
__asm__(".pushsection .text.fpu, \"ax\", @progbits\n\t.set push\n\t.set noreorder\n\t.set hardfloat\n"
        "fpu_snippets:\n\t" CASES(SNIPPET_WORD)
        "\ns_ctc1:\n\tctc1 $4, $31\n\tsyscall\n\t.set pop\n\t.popsection");

#define HARD(code) ".set push\n\t.set hardfloat\n\t" code "\n\t.set pop"

/* FPR `even` as the FPU sees it under FR: FR = 1, one 64-bit register; FR = 0, the pair even, odd. */
#define FPR_SET(fr, even, odd, v)                                                                 \
  do {                                                                                            \
    u32 lo_ = (u32)(v), hi_ = (u32)((v) >> 32);                                                   \
    if (fr)                                                                                       \
      __asm__ __volatile__(HARD("mtc1 %0, $f" #even "\n\tmthc1 %1, $f" #even) : : "r"(lo_), "r"(hi_)); \
    else                                                                                          \
      __asm__ __volatile__(HARD("mtc1 %0, $f" #even "\n\tmtc1 %1, $f" #odd) : : "r"(lo_), "r"(hi_));   \
  } while (0)

static void set_fcsr(u32 v)
{
  __asm__ __volatile__(HARD("ctc1 %0, $31") : : "r"(v));
}

static u32 get_fcsr(void)
{
  u32 v;
  __asm__ __volatile__(HARD("cfc1 %0, $31") : "=r"(v));
  return v;
}

/* $f6 under FR, as high and low words */
static void get_f6(u32 fr, u32 *hi, u32 *lo)
{
  if (fr)
    __asm__ __volatile__(HARD("mfc1 %0, $f6\n\tmfhc1 %1, $f6") : "=r"(*lo), "=r"(*hi));
  else
    __asm__ __volatile__(HARD("mfc1 %0, $f6\n\tmfc1 %1, $f7") : "=r"(*lo), "=r"(*hi));
}

/* "FPE" for a Floating-Point exception at the snippet's first word, "ok" when its SYSCALL came. */
static void outcome(u32 pc)
{
  u32 code = (exc.cause >> 2) & 31;
  if (exc.count == 1 && code == 15 && exc.epc == pc && !(exc.cause >> 31))
    printf("FPE");
  else if (exc.count == 1 && code == 8 && exc.epc == pc + 4 && !(exc.cause >> 31))
    printf("ok");
  else
    report_exc(pc);
}

static void run_case(u32 i)
{
  const struct fcase *c = &cases[i];
  u32 status = ST_CU1 | (c->fr ? ST_FR : 0);
  u32 pc = (u32)fpu_snippets + 8 * i;
  mtc0(12, 0, status);
  set_fcsr(0);
  FPR_SET(c->fr, 2, 3, c->fs);
  FPR_SET(c->fr, 4, 5, c->ft);
  FPR_SET(c->fr, 8, 9, c->fr_addend);
  FPR_SET(c->fr, 6, 7, 0x5a5a5a5aa5a5a5a5ull);
  set_fcsr(c->fcsr);
  clear_exc();
  enter(pc, status, 0, 0);
  u32 fcsr = get_fcsr(), hi, lo;
  get_f6(c->fr, &hi, &lo);
  set_fcsr(0);
  printf("%s fr=%u: ", c->name, c->fr);
  outcome(pc);
  printf(" fcsr=%08x", fcsr);
  if ((c->word & 0x30) == 0x30 && (c->word >> 26) == 0x11) /* C.cond.fmt: functs 48..63 */
    printf(" cc=%02x\n", ((fcsr >> 24) & 0xfe) | ((fcsr >> 23) & 1));
  else
    printf(" fd=%08x%08x\n", hi, lo);
}

/* CTC1 $31 with the value given: a Cause bit whose Enable is set traps at once, Cause E always. */
static void run_ctc1(const char *what, u32 value)
{
  u32 pc = (u32)s_ctc1;
  mtc0(12, 0, ST_CU1);
  set_fcsr(0);
  clear_exc();
  enter(pc, ST_CU1, value, 0);
  u32 fcsr = get_fcsr();
  set_fcsr(0);
  printf("ctc1 %s (%08x): ", what, value);
  outcome(pc);
  printf(" fcsr=%08x\n", fcsr);
}

int main(void)
{
  for (u32 i = 0; i < sizeof cases / sizeof cases[0]; i++)
    run_case(i);
  run_ctc1("cause V, enable V", 0x00010800u);
  run_ctc1("cause V, no enable", 0x00010000u);
  run_ctc1("cause I, enable I, flag I", 0x00001084u);
  run_ctc1("cause E, no enable", 0x00020000u);
  run_ctc1("cause Z and O, enable O", 0x0000c200u);
  mtc0(12, 0, 0);
  return 0;
}
