/* libm and the FPU's control and status register: sqrt, sin, cos, tan, atan2, exp, expm1, log,
 * log1p, log10, pow, cbrt, hypot, fmod, remainder, floor, ceil, round, trunc, rint, nearbyint,
 * frexp, ldexp, modf, nextafter, in double and float, printed with %.17g and %a; then the same
 * rounding-sensitive operations under each rounding mode set with fesetround (which writes the
 * RM field of FCSR), and the sticky exception flags read with fetestexcept (FCSR flag bits)
 * after operations that raise inexact, overflow, underflow, divide-by-zero and invalid. */
//@run
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }
static void mixd(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  mix((uint32_t)u); mix((uint32_t)(u >> 32));
}

static void p(const char *name, double x, double r) {
  printf("%-10s(%.17g) = %.17g %a\n", name, x, r, r);
  mixd(r);
}
static void pf(const char *name, float x, float r) {
  printf("%-10s(%.9g) = %.9g %a\n", name, (double)x, (double)r, (double)r);
  mixd((double)r);
}

static const char *flags(void) {
  static char buf[64];
  int f = fetestexcept(FE_ALL_EXCEPT);
  snprintf(buf, sizeof buf, "%s%s%s%s%s", f & FE_INEXACT ? " inexact" : "",
           f & FE_UNDERFLOW ? " underflow" : "", f & FE_OVERFLOW ? " overflow" : "",
           f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_INVALID ? " invalid" : "");
  mix((uint32_t)f);
  return buf;
}

int main(void) {
  /* volatile keeps gcc from folding the calls at compile time. */
  static volatile double xs[] = {0.0,   -0.0,  0.5,   1.0,   -1.0,    2.0,     3.0,
                                 10.0,  -7.25, 0.1,   100.5, 1e-5,    709.0,   710.0,
                                 -745.0, 1e300, -2.5, 2.5,   3.5,     -0.49999999999999994,
                                 1e-320, 6.283185307179586, 1e22, 0.7853981633974483};
  const int n = (int)(sizeof xs / sizeof xs[0]);
  for (int i = 0; i < n; i++) {
    double x = xs[i];
    p("sqrt", x, sqrt(x));
    p("sin", x, sin(x));
    p("cos", x, cos(x));
    p("tan", x, tan(x));
    p("atan", x, atan(x));
    p("atan2", x, atan2(x, -1.5));
    p("exp", x, exp(x));
    p("expm1", x, expm1(x));
    p("log", x, log(x));
    p("log1p", x, log1p(x));
    p("log10", x, log10(x));
    p("log2", x, log2(x));
    p("cbrt", x, cbrt(x));
    p("pow(x,1.5)", x, pow(x, 1.5));
    p("pow(1.5,x)", x, pow(1.5, x));
    p("pow(x,-3)", x, pow(x, -3.0));
    p("hypot", x, hypot(x, 4.0));
    p("fmod", x, fmod(x, 0.75));
    p("remainder", x, remainder(x, 0.75));
    p("floor", x, floor(x));
    p("ceil", x, ceil(x));
    p("round", x, round(x));
    p("trunc", x, trunc(x));
    p("rint", x, rint(x));
    p("nearbyint", x, nearbyint(x));
    p("tanh", x, tanh(x));
    p("asinh", x, asinh(x));
    int e;
    double m = frexp(x, &e);
    printf("frexp(%.17g) = %.17g * 2^%d\n", x, m, e);
    mixd(m); mix((uint32_t)e);
    p("ldexp", x, ldexp(x, -1070));
    double ip, fp = modf(x, &ip);
    printf("modf(%.17g) = %.17g + %.17g\n", x, ip, fp);
    mixd(ip); mixd(fp);
    p("nextafter", x, nextafter(x, INFINITY));
    printf("lround %ld llround %lld lrint %ld isnan %d isinf %d signbit %d fpclassify %d\n",
           fabs(x) < 2e9 ? lround(x) : 0L, fabs(x) < 9e18 ? llround(x) : 0LL,
           fabs(x) < 2e9 ? lrint(x) : 0L, isnan(x), isinf(x), signbit(x) != 0, fpclassify(x));
  }
  static volatile float fs[] = {0.5f, 1.0f, 2.0f, 10.0f, -3.75f, 0.1f, 88.0f, 1e-40f};
  for (int i = 0; i < 8; i++) {
    float x = fs[i];
    pf("sqrtf", x, sqrtf(x));
    pf("sinf", x, sinf(x));
    pf("expf", x, expf(x));
    pf("logf", x, logf(x));
    pf("powf", x, powf(x, 2.5f));
    pf("fmodf", x, fmodf(x, 0.3f));
    pf("roundf", x, roundf(x));
  }

  /* Rounding modes: the FPU rounds every operation by FCSR.RM, and rint and the printf of
   * inexact quotients show it. */
  static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  static const char *const names[] = {"nearest", "upward", "downward", "towardzero"};
  for (int k = 0; k < 4; k++) {
    if (fesetround(modes[k]) != 0) printf("fesetround %s failed\n", names[k]);
    printf("mode %s (fegetround ok %d)\n", names[k], fegetround() == modes[k]);
    volatile double one = 1.0, three = 3.0, big = 1e308, tiny = 1e-308;
    double q = one / three, nq = -one / three;
    float fq = (float)one / (float)three;
    printf("  1/3 %a -1/3 %a f %a big*10 %g tiny/1e10 %a sqrt2 %a\n", q, nq, (double)fq,
           big * 10, tiny / 1e10, sqrt(2.0 * one));
    mixd(q); mixd(nq); mixd((double)fq);
    for (int i = 0; i < n; i++) {
      double r = rint(xs[i]);
      printf("  rint(%g) = %g", xs[i], r);
      mixd(r);
    }
    printf("\n");
    double acc = 0;
    for (int i = 1; i <= 1000; i++) acc += one / i;
    printf("  harmonic(1000) = %.17g\n", acc);
    mixd(acc);
  }
  fesetround(FE_TONEAREST);

  /* Sticky flags: cleared, then raised by one operation each. */
  volatile double zero = 0.0, one = 1.0, huge = 1e308, small = 1e-308;
  volatile double r;
  feclearexcept(FE_ALL_EXCEPT);
  printf("flags after clear:%s\n", flags());
  r = one / 3.0;
  printf("flags after 1/3:%s\n", flags());
  feclearexcept(FE_ALL_EXCEPT);
  r = huge * 10.0;
  printf("flags after overflow:%s\n", flags());
  feclearexcept(FE_ALL_EXCEPT);
  r = small * 1e-10;
  printf("flags after underflow:%s\n", flags());
  feclearexcept(FE_ALL_EXCEPT);
  r = one / zero;
  printf("flags after 1/0:%s\n", flags());
  feclearexcept(FE_ALL_EXCEPT);
  r = zero / zero;
  printf("flags after 0/0:%s\n", flags());
  feclearexcept(FE_ALL_EXCEPT);
  r = sqrt(-one);
  printf("flags after sqrt(-1):%s\n", flags());
  feclearexcept(FE_ALL_EXCEPT);
  r = one + 1.0;
  printf("flags after 1+1:%s\n", flags());
  (void)r;
  /* The NaN bit patterns the FPU produces (legacy MIPS NaN: quiet NaNs have bit 51 clear). */
  double nan1 = zero / zero;
  float nanf1 = (float)zero / (float)zero;
  uint64_t nb;
  uint32_t nfb;
  memcpy(&nb, &nan1, 8);
  memcpy(&nfb, &nanf1, 4);
  printf("0/0 bits %016llx, float %08x\n", (unsigned long long)nb, nfb);
  mix((uint32_t)(nb >> 32)); mix(nfb);
  printf("checksum %08x\n", sum);
  return (int)(sum & 0x7f);
}
