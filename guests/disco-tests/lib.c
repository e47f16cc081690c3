/* lib.c: console, printf, halt and the C side of the exception vectors. See lib.h. */
#include <stdarg.h>

#include "lib.h"

u32 boot_sp[MAX_VCPUS];
u32 boot_cmdline;
/* Stacks: crt0.S moves each vCPU onto its own, the vectors onto its exception stack. */
u8 vcpu_stacks[MAX_VCPUS][1 << STACK_SHIFT] __attribute__((aligned(16)));
u8 exc_stacks[MAX_VCPUS][1 << EXC_STACK_SHIFT] __attribute__((aligned(16)));

/* ---- console and halt ----------------------------------------------------------------------- */

void putc(int c)
{
  mcall1(DISCO_MC_PUTC, (u8)c);
}

void puts(const char *s)
{
  while (*s)
    putc(*s++);
}

/* v in base 10 or 16, with at least `digits` digits (leading zeros). */
static void put_unsigned(u32 v, u32 base, int digits)
{
  char buf[10];
  int n = 0;
  while (v != 0 || n < digits || n == 0) {
    buf[n++] = "0123456789abcdef"[v % base];
    v /= base;
  }
  while (n > 0)
    putc(buf[--n]);
}

void printf(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  for (const char *p = fmt; *p; p++) {
    if (*p != '%' || p[1] == 0) {
      putc(*p);
      continue;
    }
    int digits = 0;
    if (p[1] >= '1' && p[1] <= '9')
      digits = *++p - '0';
    switch (*++p) {
    case 's':
      puts(va_arg(ap, const char *));
      break;
    case 'c':
      putc(va_arg(ap, int));
      break;
    case 'u':
      put_unsigned(va_arg(ap, u32), 10, 0);
      break;
    case 'd': {
      s32 v = va_arg(ap, s32);
      if (v < 0)
        putc('-');
      put_unsigned(v < 0 ? -(u32)v : (u32)v, 10, 0);
      break;
    }
    case 'x':
      put_unsigned(va_arg(ap, u32), 16, digits);
      break;
    default: /* "%%" and anything unknown: the character itself */
      putc(*p);
      break;
    }
  }
  va_end(ap);
}

void halt(u32 status)
{
  mcall1(DISCO_MC_HALT, status);
  for (;;) /* the VM has stopped; never reached */
    ;
}

void panic(const char *msg)
{
  printf("panic: %s\n", msg);
  halt(1);
}

/* ---- exceptions ----------------------------------------------------------------------------- */

static exception_hook_t exception_hook;

void set_exception_hook(exception_hook_t hook)
{
  exception_hook = hook;
}

/* Called by the vectors in crt0.S, EXL = 1, on this vCPU's exception stack. */
void exception(u32 vector);

void exception(u32 vector)
{
  u32 cause = PRIV(DISCO_PRIV_CAUSE);
  if (exception_hook && exception_hook(vector, cause))
    return;
  printf("unexpected exception %u at vector 0x%3x: epc 0x%8x cause 0x%8x status 0x%8x "
         "badvaddr 0x%8x\n",
         CAUSE_EXCCODE(cause), vector, PRIV(DISCO_PRIV_EPC), cause, PRIV(DISCO_PRIV_STATUS),
         PRIV(DISCO_PRIV_BADVADDR));
  halt(3);
}

void wait_for(volatile u32 *count, u32 target)
{
  for (;;) {
    __asm__ __volatile__("di\n\tehb" : : : "memory");
    if (*count >= target)
      break;
    mcall0(DISCO_MC_IDLE); /* returns once an enabled line is pending, IE or not */
    __asm__ __volatile__("ei\n\tehb" : : : "memory"); /* the interrupt is taken here */
  }
  __asm__ __volatile__("ei\n\tehb" : : : "memory");
}

/* ---- memory --------------------------------------------------------------------------------- */

void *memset(void *dst, int c, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    ((u8 *)dst)[i] = (u8)c;
  return dst;
}
