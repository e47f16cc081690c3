/*
 * Probe program for DisassemblerObjdumpTest. It is never run by the test: it exists so that a
 * static link pulls in a large, realistic slice of glibc and libm (stdio with floating-point
 * formatting, malloc, qsort, setjmp/longjmp, string functions, transcendental functions), whose
 * every instruction the test then disassembles. Built with
 *   mips-linux-gnu-gcc -static -O2 -march=mips32r2 -o probe objdump_probe.c -lm
 */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf env;

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a;
  double y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  int n = argc + 9;
  double *v = malloc(n * sizeof *v);
  float f = 0.5f * (float)argc;
  if (v == NULL) {
    return 1;
  }
  for (int i = 0; i < n; i++) {
    v[i] = sin(i * 1.7) * exp(-i) + sqrt(i) + pow(2.0, i) + atan2(i, f) + f;
  }
  qsort(v, n, sizeof *v, by_value);
  if (setjmp(env) == 0) {
    printf("%f %g %e %a %.3f\n", v[0], v[n - 1], log(v[1]), fmodf(f, 0.3f), floor(v[2]));
    longjmp(env, 1);
  }
  printf("%lld %lu %s %d\n", (long long)n * 1234567891LL / 7, (unsigned long)strlen(argv[0]),
         argv[0], (int)lround(cbrt(v[3])));
  free(v);
  return 0;
}
