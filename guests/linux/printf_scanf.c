/* glibc's formatted I/O: printf with every conversion (d i u o x X c s p f F e E g G a A n %),
 * flags (- + space # 0), widths and precisions (literal and *), length modifiers (hh h l ll z j
 * t L); snprintf truncation and its return value; sscanf with widths, scansets, %n and
 * assignment suppression; strtol/strtoul/strtoll with bases 0, 2, 8, 10, 16, 36 and their end
 * pointers and overflow (errno ERANGE); strtod/strtof on decimal, hex, inf, nan and
 * out-of-range strings, and the round trip double -> "%.17g" -> strtod. */
//@run
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t sum;
static void mixs(const char *s) {
  while (*s) sum = (sum ^ (unsigned char)*s++) * 16777619u;
}

int main(void) {
  char buf[512];
  int n;
  static const int ints[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN, 1000000};
  for (int i = 0; i < 10; i++) {
    int v = ints[i];
    n = printf("[%d] [%i] [%5d] [%-5d|] [%+d] [% d] [%05d] [%.3d] [%8.3d] [%u] [%o] [%#o] [%x] "
               "[%#X] [%#010x] [%hhd] [%hd] [%hhu] [%hu]\n",
               v, v, v, v, v, v, v, v, v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
               (unsigned)v, (unsigned)v, (signed char)v, (short)v, (unsigned char)v,
               (unsigned short)v);
    printf("  printed %d chars\n", n);
  }
  static const long long lls[] = {0, -1, LLONG_MAX, LLONG_MIN, 1234567890123LL};
  for (int i = 0; i < 5; i++)
    printf("[%lld] [%llu] [%llx] [%llo] [%20lld] [%-20lld|] [%" PRId64 "] [%jd] [%zu] [%td] [%ld]\n",
           lls[i], (unsigned long long)lls[i], (unsigned long long)lls[i],
           (unsigned long long)lls[i], lls[i], lls[i], (int64_t)lls[i], (intmax_t)lls[i],
           (size_t)lls[i], (ptrdiff_t)lls[i], (long)lls[i]);
  static const double ds[] = {0.0, -0.0, 1.0, -1.5, 0.1, 123.456, 1e-5, 1e21, 2.5, 3.5,
                              0.125, 1.0 / 3, 6.02214076e23, 1.7976931348623157e308,
                              4.9406564584124654e-324, 999999.5, 0.000123456789};
  for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) {
    double d = ds[i];
    printf("[%f] [%.0f] [%.2f] [%10.3f] [%-10.1f|] [%+f] [%F] [%e] [%.0e] [%E] [%g] [%G] [%.3g] "
           "[%#g] [%#.0f] [%a] [%A] [%.2a] [%012.4f]\n",
           d, d, d, d, d, d, d, d, d, d, d, d, d, d, d, d, d, d, d);
  }
  volatile double zero = 0.0;
  double inf = 1.0 / zero, nan = zero / zero;
  printf("[%f] [%e] [%g] [%F] [%5.1f] [%-6f|] [%+f] [%f]\n", inf, -inf, inf, inf, inf, -inf, inf,
         nan);
  printf("[%Lf] [%Le] [%Lg]\n", (long double)1.25, (long double)-3e100, (long double)0.1);
  printf("[%c] [%3c] [%-3c|] [%s] [%10s] [%-10s|] [%.2s] [%*d] [%-*d|] [%.*f] [%%]\n", 'A', 'b',
         'c', "hello", "right", "left", "truncate", 6, 42, 6, 42, 3, 3.14159);
  printf("[%p] [%p]\n", (void *)0, (void *)0x1234abcd);
  int pos1, pos2;
  printf("abc%ndefgh%n\n", &pos1, &pos2);
  printf("%%n gave %d %d\n", pos1, pos2);

  /* snprintf truncates but returns the length it would have written. */
  /* volatile: gcc would otherwise warn at compile time about the truncation we want. */
  for (volatile size_t size = 0; size < 12; size += 3) {
    memset(buf, '#', 20);
    n = snprintf(buf, size, "%s-%d", "truncated", 12345);
    buf[19] = 0;
    printf("snprintf size %zu -> %d '%s'\n", size, n, size ? buf : "(untouched)");
  }
  /* sprintf of many numbers, hashed. */
  for (int i = -500; i < 500; i += 7) {
    snprintf(buf, sizeof buf, "%d %x %o %.4e %.10g %08.3f", i * 7919, i * 7919, i * 7919,
             i * 1.0001, i / 7.0, i / 3.0);
    mixs(buf);
  }
  printf("sprintf hash %08x\n", sum);

  /* sscanf */
  /* Initialised: a failed conversion leaves its variable alone, and the line below prints it. */
  int a = 0, b = 0, c = 0;
  unsigned u = 0;
  char word[32] = "", rest[32] = "";
  double d = 0;
  float f = 0;
  long long ll = 0;
  n = sscanf("  17 0x1F  -42 abcdefghijklmnop 3.25e2 1.5 -9000000000 tail",
             "%d %i %d %31s %lf %f %lld %31s", &a, &b, &c, word, &d, &f, &ll, rest);
  printf("sscanf %d: %d %d %d '%s' %g %g %lld '%s'\n", n, a, b, c, word, d, (double)f, ll, rest);
  /* A width that stops inside a word: the next conversion starts at the rest of it. */
  n = sscanf("abcdefghijklmnop 12", "%5s%31s %d", word, rest, &a);
  printf("split %d: '%s' '%s' %d\n", n, word, rest, a);
  n = sscanf("key=value;other", "%31[^=]=%31[^;]", word, rest);
  printf("scanset %d: '%s' '%s'\n", n, word, rest);
  n = sscanf("12345678", "%3d%2d%n%u", &a, &b, &c, &u);
  printf("widths %d: %d %d pos %d %u\n", n, a, b, c, u);
  n = sscanf("1 2 3", "%d %*d %d", &a, &b);
  printf("suppressed %d: %d %d\n", n, a, b);
  n = sscanf("0777 0x10 10", "%i %i %o", &a, &b, &c);
  printf("bases %d: %d %d %d\n", n, a, b, c);
  n = sscanf("abc", "%d", &a);
  printf("no match %d\n", n);
  n = sscanf("", "%d", &a);
  printf("empty %d (EOF is %d)\n", n, EOF);

  /* strtol family */
  static const char *const nums[] = {"0",           "-0",        "123abc",     "  -456",
                                     "0x1fz",       "0777",      "0b101",      "z",
                                     "2147483647",  "2147483648", "-2147483649", "99999999999999999999",
                                     "-9223372036854775808", "+77", "   ", "1e5"};
  static const int bases[] = {0, 2, 8, 10, 16, 36};
  for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++)
    for (unsigned k = 0; k < 6; k++) {
      char *end;
      errno = 0;
      long v = strtol(nums[i], &end, bases[k]);
      int e1 = errno;
      errno = 0;
      unsigned long uv = strtoul(nums[i], NULL, bases[k]);
      int e2 = errno;
      errno = 0;
      long long lv = strtoll(nums[i], NULL, bases[k]);
      int e3 = errno;
      printf("strto*(\"%s\", %d): %ld end+%d %s | %lu %s | %lld %s\n", nums[i], bases[k], v,
             (int)(end - nums[i]), e1 == ERANGE ? "ERANGE" : "ok", uv,
             e2 == ERANGE ? "ERANGE" : "ok", lv, e3 == ERANGE ? "ERANGE" : "ok");
    }
  static const char *const dstr[] = {"0",      "-0.0",        "3.14159",  "1e308",    "1e309",
                                     "-1e-400", "0x1.8p1",    "inf",      "-Infinity", "nan",
                                     "NAN(123)", "2.2250738585072011e-308", ".5e-3x", "abc",
                                     "123456789012345678901234567890", "4.9e-324", "1e-5"};
  for (unsigned i = 0; i < sizeof dstr / sizeof dstr[0]; i++) {
    char *end;
    errno = 0;
    double v = strtod(dstr[i], &end);
    int e = errno;
    float fv = strtof(dstr[i], NULL);
    printf("strtod(\"%s\") = %.17g %a end+%d %s; strtof %.9g; atof %g\n", dstr[i], v, v,
           (int)(end - dstr[i]), e == ERANGE ? "ERANGE" : "ok", (double)fv, atof(dstr[i]));
  }
  /* Round trip: every double printed with %.17g reads back to the same bits. */
  uint64_t x = 0x123456789abcdefULL;
  int bad = 0;
  for (int i = 0; i < 2000; i++) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    uint64_t bits = x & 0x7fefffffffffffffULL; /* finite */
    double v;
    memcpy(&v, &bits, 8);
    snprintf(buf, sizeof buf, "%.17g", v);
    double back = strtod(buf, NULL);
    if (memcmp(&v, &back, 8) != 0) bad++;
    mixs(buf);
  }
  printf("round trip failures %d hash %08x\n", bad, sum);
  return (int)(sum & 0x7f);
}
