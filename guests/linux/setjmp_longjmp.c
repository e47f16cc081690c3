/* setjmp/longjmp: a jump out of deep recursion, nested jump buffers, the value passed through
 * (longjmp with 0 makes setjmp return 1), volatile locals keeping values changed after setjmp,
 * callee-saved integer registers (s0-s7, gp, sp, fp) and floating-point registers ($f20-$f30,
 * which glibc's MIPS setjmp saves) restored at the jump, and a jump-based error handler used
 * like exceptions in an expression parser. */
//@run
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static jmp_buf top;
static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }

static int depth_reached;
static void recurse(int depth, int limit) {
  unsigned char pad[64]; /* a real frame each level, read back below */
  memset(pad, depth & 0xff, sizeof pad);
  depth_reached = (depth & ~0xff) | pad[depth % 64];
  if (depth >= limit) longjmp(top, depth);
  recurse(depth + 1, limit);
  printf("never printed\n");
}

/* A recursive-descent parser for + - * / ( ) on integers that reports errors by longjmp. */
static jmp_buf parse_error;
static const char *pos;
static const char *err_msg;
static void fail(const char *msg) {
  err_msg = msg;
  longjmp(parse_error, 1);
}
static long expr(void);
static long primary(void) {
  while (*pos == ' ') pos++;
  if (*pos == '(') {
    pos++;
    long v = expr();
    while (*pos == ' ') pos++;
    if (*pos != ')') fail("missing )");
    pos++;
    return v;
  }
  if (*pos == '-') {
    pos++;
    return -primary();
  }
  if (*pos < '0' || *pos > '9') fail("number expected");
  long v = 0;
  while (*pos >= '0' && *pos <= '9') v = v * 10 + (*pos++ - '0');
  return v;
}
static long term(void) {
  long v = primary();
  for (;;) {
    while (*pos == ' ') pos++;
    if (*pos == '*') {
      pos++;
      v *= primary();
    } else if (*pos == '/') {
      pos++;
      long d = primary();
      if (d == 0) fail("division by zero");
      v /= d;
    } else {
      return v;
    }
  }
}
static long expr(void) {
  long v = term();
  for (;;) {
    while (*pos == ' ') pos++;
    if (*pos == '+') {
      pos++;
      v += term();
    } else if (*pos == '-') {
      pos++;
      v -= term();
    } else {
      return v;
    }
  }
}
static void evaluate(const char *text) {
  pos = text;
  if (setjmp(parse_error) == 0) {
    long v = expr();
    if (*pos) fail("trailing characters");
    printf("eval '%s' = %ld\n", text, v);
    mix((uint32_t)v);
  } else {
    printf("eval '%s': error '%s' at offset %d\n", text, err_msg, (int)(pos - text));
    mix((uint32_t)(pos - text));
  }
}

static jmp_buf inner;
static void jump_inner(int v) { longjmp(inner, v); }

/* A floating-point computation that keeps its values in FP registers. main computes it, then
 * jumps out of a second call with longjmp, then computes it again: the two results must be equal,
 * which they are only if the jump restored the FP registers main relies on ($f20-$f30 are
 * callee-saved in o32, and glibc's setjmp saves them). */
static double fp_chain(int n) {
  register double a = 1.5, b = 2.25, c = -0.125;
  for (int i = 0; i < n; i++) {
    a = a * b + c;
    b = b - c * 0.5;
    c = c * 1.01;
  }
  return a + b + c;
}

int main(void) {
  /* volatile: it lives across setjmp returning twice. */
  for (volatile int limit = 0; limit < 2000; limit += 199) {
    int r = setjmp(top);
    if (r == 0) {
      recurse(0, limit);
    } else {
      printf("longjmp from depth %d returned %d (reached %d)\n", limit, r, depth_reached);
      mix((uint32_t)r);
    }
  }
  /* longjmp(env, 0) makes setjmp return 1. */
  static int zero_case_done;
  int r = setjmp(top);
  if (!zero_case_done) {
    zero_case_done = 1;
    longjmp(top, 0);
  }
  printf("longjmp with 0 gives %d\n", r);

  volatile int counter = 0;
  volatile double dv = 1.0;
  int rr = setjmp(inner);
  counter++;
  dv *= 1.5;
  if (rr < 5) jump_inner(rr + 1);
  printf("nested: returned %d, counter %d, dv %.17g\n", rr, counter, dv);
  mix((uint32_t)counter);

  /* FP values in callee-saved registers across a jump. */
  volatile double before = fp_chain(50);
  volatile int once = 0;
  if (setjmp(top) == 0) {
    once = 1;
    double x = fp_chain(70);
    if (x > -1e300) longjmp(top, 7);
  }
  double after = fp_chain(50);
  printf("fp chain %.17g %.17g same %d once %d\n", before, after, before == after, once);

  static const char *const inputs[] = {"1+2*3",     "(1+2)*3",   "10/(5-5)", "2*(3+4",
                                       "-(7-10)*8", "42 x",      "",         "((((((1))))))+2",
                                       "100/7/2",   "3 - - 3"};
  for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) evaluate(inputs[i]);
  printf("checksum %08x\n", sum);
  return (int)(sum & 0x3f);
}
