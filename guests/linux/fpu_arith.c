/* Floating point arithmetic on the MIPS32 FPU (o32, 32-bit FPRs in pairs for doubles): the four
 * operations, sqrt, abs, neg in float and double; printf of the results with %.17g, %a and %e
 * (glibc turns a double into decimal exactly, so every bit shows); conversions between int,
 * long long, float and double in both directions, including the round/trunc/ceil/floor.w.fmt
 * instructions and out-of-range values; comparisons with NaN, infinities, signed zeros and
 * subnormals; the raw bits of results (MIPS before the 2008 NaN standard: a quiet NaN has the
 * top fraction bit clear, and the default NaN is 0x7fbfffff / 0x7ff7ffffffffffff). */
//@run
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }

static uint64_t dbits(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}
static uint32_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
static void mixd(double d) {
  uint64_t u = dbits(d);
  mix((uint32_t)u); mix((uint32_t)(u >> 32));
}

static double dvals[40];
static float fvals[40];
static int nvals;

static void init_values(void) {
  volatile double zero = 0.0;
  double list[] = {0.0,
                   -0.0,
                   1.0,
                   -1.0,
                   0.1,
                   1.0 / 3.0,
                   2.0 / 3.0,
                   3.141592653589793,
                   2.718281828459045,
                   1e10,
                   -1e-10,
                   123456789.0,
                   4503599627370496.0, /* 2^52 */
                   9007199254740993.0, /* rounds to 2^53 */
                   1.7976931348623157e308,
                   2.2250738585072014e-308, /* smallest normal */
                   4.9406564584124654e-324, /* smallest subnormal */
                   1e-310,
                   3.4028234663852886e38, /* FLT_MAX */
                   1.1754943508222875e-38,
                   1.401298464324817e-45,
                   0.5,
                   1.5,
                   2.5,
                   -2.5,
                   2147483647.0,
                   2147483648.0,
                   -2147483648.0,
                   -2147483649.0,
                   1e20,
                   1.0 / zero,
                   -1.0 / zero,
                   zero / zero};
  nvals = (int)(sizeof list / sizeof list[0]);
  for (int i = 0; i < nvals; i++) {
    dvals[i] = list[i];
    fvals[i] = (float)list[i];
  }
}

static void print_double(const char *what, double d) {
  printf("%s %.17g %a %e %016llx\n", what, d, d, d, (unsigned long long)dbits(d));
  mixd(d);
}

static void print_float(const char *what, float f) {
  printf("%s %.9g %a %08x\n", what, (double)f, (double)f, fbits(f));
  mix(fbits(f));
}

/* Conversions done by the FPU instructions themselves, so gcc's choice of code does not matter.
 * An out-of-range or NaN operand gives 0x7fffffff (the invalid-operation default result) when
 * the invalid exception is not enabled, which glibc leaves disabled. */
static void conv(double d) {
  int32_t r, t, c, f, w;
  float fs;
  __asm__("round.w.d %1, %2\n\tmfc1 %0, %1" : "=r"(r), "=&f"(fs) : "f"(d));
  __asm__("trunc.w.d %1, %2\n\tmfc1 %0, %1" : "=r"(t), "=&f"(fs) : "f"(d));
  __asm__("ceil.w.d %1, %2\n\tmfc1 %0, %1" : "=r"(c), "=&f"(fs) : "f"(d));
  __asm__("floor.w.d %1, %2\n\tmfc1 %0, %1" : "=r"(f), "=&f"(fs) : "f"(d));
  __asm__("cvt.w.d %1, %2\n\tmfc1 %0, %1" : "=r"(w), "=&f"(fs) : "f"(d));
  float s = (float)d; /* cvt.s.d */
  printf("conv %.17g: round %d trunc %d ceil %d floor %d cvt %d single %a", d, r, t, c, f, w,
         (double)s);
  mix((uint32_t)r); mix((uint32_t)t); mix((uint32_t)c); mix((uint32_t)f); mix((uint32_t)w);
  mix(fbits(s));
  /* C conversions to integer types are defined only in range; long long goes through libgcc. */
  if (d > -9.2e18 && d < 9.2e18) {
    long long ll = (long long)d;
    printf(" ll %lld", ll);
    mix((uint32_t)ll);
  }
  if (d >= 0 && d < 1.8e19) {
    unsigned long long ull = (unsigned long long)d;
    printf(" ull %llu", ull);
    mix((uint32_t)(ull >> 3));
  }
  printf("\n");
}

static void compare(double a, double b) {
  int lt = a < b, le = a <= b, eq = a == b, ne = a != b, gt = a > b, ge = a >= b;
  int un = __builtin_isunordered(a, b), lg = __builtin_islessgreater(a, b);
  printf("cmp %g %g: %d%d%d%d%d%d un %d lg %d\n", a, b, lt, le, eq, ne, gt, ge, un, lg);
  mix((uint32_t)(lt | le << 1 | eq << 2 | ne << 3 | gt << 4 | ge << 5 | un << 6 | lg << 7));
}

int main(void) {
  init_values();
  for (int i = 0; i < nvals; i++) {
    print_double("d", dvals[i]);
    print_float("f", fvals[i]);
  }
  /* All pairs through the four operations, in double and in float. */
  for (int i = 0; i < nvals; i++)
    for (int j = 0; j < nvals; j += 3) {
      double a = dvals[i], b = dvals[j];
      printf("%d,%d ", i, j);
      print_double("+", a + b);
      print_double("  -", a - b);
      print_double("  *", a * b);
      print_double("  /", a / b);
      float fa = fvals[i], fb = fvals[j];
      print_float("  f+", fa + fb);
      print_float("  f*", fa * fb);
      print_float("  f/", fa / fb);
      compare(a, b);
    }
  for (int i = 0; i < nvals; i++) {
    double d = dvals[i], r;
    float f = fvals[i], rf;
    __asm__("sqrt.d %0, %1" : "=f"(r) : "f"(d));
    print_double("sqrt.d", r);
    __asm__("sqrt.s %0, %1" : "=f"(rf) : "f"(f));
    print_float("sqrt.s", rf);
    __asm__("abs.d %0, %1" : "=f"(r) : "f"(d));
    print_double("abs.d", r);
    __asm__("neg.d %0, %1" : "=f"(r) : "f"(d));
    print_double("neg.d", r);
    __asm__("recip.d %0, %1" : "=f"(r) : "f"(d));
    print_double("recip.d", r);
    conv(d);
  }
  /* Integer to floating point: cvt.d.w, cvt.s.w, and libgcc for long long and unsigned. */
  int32_t ints[] = {0, 1, -1, 16777217, -16777217, 2147483647, -2147483647 - 1, 123456789};
  for (int i = 0; i < 8; i++) {
    printf("int %d -> %.17g %.9g; unsigned %u -> %.17g\n", ints[i], (double)ints[i],
           (double)(float)ints[i], (uint32_t)ints[i], (double)(uint32_t)ints[i]);
    mixd((double)(float)ints[i]);
  }
  long long lls[] = {0, 1, -1, 9007199254740993LL, -9007199254740993LL, 0x7fffffffffffffffLL,
                     (long long)0x8000000000000000ULL, 1234567890123456789LL};
  for (int i = 0; i < 8; i++) {
    printf("ll %lld -> %.17g %.9g; ull %llu -> %.17g\n", lls[i], (double)lls[i],
           (double)(float)lls[i], (unsigned long long)lls[i], (double)(unsigned long long)lls[i]);
    mixd((double)lls[i]);
  }
  /* A long computation whose every rounding matters: a harmonic-like sum and a recurrence. */
  double h = 0, x = 0.5;
  float hf = 0;
  for (int i = 1; i <= 20000; i++) {
    h += 1.0 / i;
    hf += 1.0f / (float)i;
    x = 3.7 * x * (1.0 - x); /* logistic map: chaotic, so one wrong rounding shows */
  }
  print_double("harmonic", h);
  print_float("harmonicf", hf);
  print_double("logistic", x);
  /* Fused-looking expressions: gcc may use madd.d here; the model must round as the oracle. */
  double acc = 1.0;
  for (int i = 0; i < 1000; i++) acc = acc * 1.0000001 + 1e-9 * i;
  print_double("madd chain", acc);
  printf("checksum %08x\n", sum);
  return (int)(sum & 0x7f);
}
