/* The o32 calling convention: functions with many arguments (the fifth and later on the stack),
 * mixed int/long long/double arguments (long long and double take aligned register pairs or
 * stack slots, and the first two doubles go in $f12/$f14 only when they lead), structs passed
 * and returned by value (small and large; a returned struct goes through a hidden pointer),
 * variadic functions reading int, long long, double and pointers with va_arg, function
 * pointers and a table of them, and a callback through qsort. */
//@run
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }

__attribute__((noinline)) static long many_ints(int a, int b, int c, int d, int e, int f, int g,
                                                int h, int i, int j) {
  return a + 2L * b + 3L * c + 4L * d + 5L * e + 6L * f + 7L * g + 8L * h + 9L * i + 10L * j;
}

__attribute__((noinline)) static double mixed(int a, double b, int c, long long d, float e,
                                              double f, char g, long long h, short i, double j) {
  return a + b * 2 + c * 3 + (double)d * 4 + e * 5 + f * 6 + g * 7 + (double)h * 8 + i * 9 +
         j * 10;
}

__attribute__((noinline)) static double two_doubles(double a, double b) { return a / b; }
__attribute__((noinline)) static float float_args(float a, float b, int c, float d) {
  return a * b + (float)c - d;
}
__attribute__((noinline)) static long long ll_args(int a, long long b, int c, long long d) {
  return (long long)a * b + (long long)c * d;
}

struct small { char c; short s; };
struct pair { int a, b; };
struct big { int v[9]; double d; char name[13]; };

__attribute__((noinline)) static struct small make_small(char c, short s) {
  struct small r = {c, s};
  return r;
}
__attribute__((noinline)) static struct pair swap_pair(struct pair p) {
  struct pair r = {p.b, p.a};
  return r;
}
__attribute__((noinline)) static struct big transform(struct big b, int k) {
  for (int i = 0; i < 9; i++) b.v[i] = b.v[i] * k + i;
  b.d = b.d * k;
  b.name[0] = (char)('A' + k);
  return b;
}
__attribute__((noinline)) static int sum_big(const struct big *b) {
  int s = 0;
  for (int i = 0; i < 9; i++) s += b->v[i];
  return s;
}

/* Variadic: the format says what each argument is. */
static double vsum(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  double total = 0;
  for (const char *p = fmt; *p; p++) {
    switch (*p) {
      case 'i': total += va_arg(ap, int); break;
      case 'L': total += (double)va_arg(ap, long long); break;
      case 'd': total += va_arg(ap, double); break;
      case 's': total += (double)strlen(va_arg(ap, const char *)); break;
      case 'p': total += va_arg(ap, struct pair).a; break;
    }
  }
  va_end(ap);
  return total;
}

/* va_copy: walk the same arguments twice. */
static void vtwice(char *out, size_t n, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int k = vsnprintf(out, n, fmt, ap);
  if (k >= 0 && (size_t)k < n) vsnprintf(out + k, n - (size_t)k, fmt, ap2);
  va_end(ap2);
  va_end(ap);
}

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_xor(int a, int b) { return a ^ b; }
static int (*const ops[])(int, int) = {op_add, op_sub, op_mul, op_xor};

int main(void) {
  for (int k = -3; k <= 3; k++) {
    long r = many_ints(k, k + 1, k * 2, -k, 100, k * k, 7, -7 * k, 1 << (k + 3), 99);
    printf("many_ints(%d) = %ld\n", k, r);
    mix((uint32_t)r);
    double m = mixed(k, 0.5 * k, k * 3, 1LL << (40 + k), 1.25f * k, -2.5, (char)('a' + k),
                     -(1LL << 35) + k, (short)(1000 * k), 1e-3 * k);
    printf("mixed(%d) = %.17g\n", k, m);
    printf("two_doubles %.17g float_args %.9g ll_args %lld\n", two_doubles(k + 0.5, 3.0),
           (double)float_args(1.5f * k, 2.0f, k, 0.25f),
           ll_args(k, 0x123456789LL * k, -k, 0x7fffffffffLL));
    uint64_t mb;
    memcpy(&mb, &m, 8);
    mix((uint32_t)mb);
  }
  struct small s = make_small('x', -1234);
  struct pair p = swap_pair((struct pair){11, 22});
  printf("small %c %d, pair %d %d\n", s.c, s.s, p.a, p.b);
  struct big b = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, 2.5, "big-struct"};
  for (int k = 1; k < 5; k++) {
    struct big t = transform(b, k);
    printf("big k=%d: sum %d d %g name %s (original sum %d name %s)\n", k, sum_big(&t), t.d,
           t.name, sum_big(&b), b.name);
    mix((uint32_t)sum_big(&t));
  }
  double v = vsum("iLdsipdL", 5, 1LL << 33, 0.25, "hello", -9, (struct pair){40, 0}, 1e10,
                  -(1LL << 40));
  printf("vsum %.17g\n", v);
  printf("vsum doubles only %.17g\n", vsum("dddddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0,
                                           9.0, 10.5));
  char out[200];
  vtwice(out, sizeof out, "[%d %s %.3f %lld]", 42, "twice", 3.14159, -5LL);
  printf("vtwice %s\n", out);
  int acc = 1;
  for (int i = 0; i < 40; i++) {
    acc = ops[(unsigned)(acc ^ i) % 4](acc, i + 3);
    mix((uint32_t)acc);
  }
  printf("function table result %d\n", acc);
  printf("checksum %08x\n", sum);
  return (int)(sum & 0x7f);
}
