/* klib.c: strings, the console printf, panic, and the LL/SC spinlock. */
#include <stdarg.h>
#include "kernel.h"

int quiet;

void *memset(void *d, int c, size_t n)
{
  uint8_t *p = d;
  if (((uint32_t)p & 3) == 0 && (n & 3) == 0) {
    uint32_t w = (uint8_t)c * 0x01010101u;
    for (uint32_t *q = d; n; n -= 4)
      *q++ = w;
    return d;
  }
  while (n--)
    *p++ = (uint8_t)c;
  return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
  if ((((uint32_t)d | (uint32_t)s | n) & 3) == 0) {
    uint32_t *dw = d;
    const uint32_t *sw = s;
    for (; n; n -= 4)
      *dw++ = *sw++;
    return d;
  }
  uint8_t *dp = d;
  const uint8_t *sp = s;
  while (n--)
    *dp++ = *sp++;
  return d;
}

void *memmove(void *d, const void *s, size_t n)
{
  uint8_t *dp = d;
  const uint8_t *sp = s;
  if (dp <= sp || dp >= sp + n)
    return memcpy(d, s, n);
  while (n--)
    dp[n] = sp[n];
  return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
  const uint8_t *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y)
      return *x - *y;
  return 0;
}

size_t strlen(const char *s)
{
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

int strcmp(const char *a, const char *b)
{
  while (*a && *a == *b)
    a++, b++;
  return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
  for (; n; n--, a++, b++) {
    if (*a != *b)
      return (uint8_t)*a - (uint8_t)*b;
    if (!*a)
      return 0;
  }
  return 0;
}

char *strcpy(char *d, const char *s)
{
  char *r = d;
  while ((*d++ = *s++))
    ;
  return r;
}

/* ---- locks ---------------------------------------------------------------------------------- */

void spin_lock(spinlock_t *l)
{
  uint32_t tmp;
  __asm__ __volatile__(
      "  .set push\n"
      "  .set noreorder\n"
      "1: lw    %0, 0(%1)\n"    /* wait with plain loads: they hit in the cache */
      "  bnez  %0, 1b\n"
      "   nop\n"
      "  ll    %0, 0(%1)\n"
      "  bnez  %0, 1b\n"
      "   li   %0, 1\n"
      "  sc    %0, 0(%1)\n"
      "  beqz  %0, 1b\n"
      "   nop\n"
      "  sync\n"
      "  .set pop\n"
      : "=&r"(tmp)
      : "r"(&l->v)
      : "memory");
  l->owner = (int)hal_cpu_id();
}

void spin_unlock(spinlock_t *l)
{
  l->owner = -1;
  __asm__ __volatile__("sync" : : : "memory");
  l->v = 0;
}

spinlock_t klock __attribute__((aligned(128))) = {0, -1};

void klock_acquire(void) { spin_lock(&klock); }
void klock_release(void) { spin_unlock(&klock); }
int klock_held(void) { return klock.v && klock.owner == (int)hal_cpu_id(); }

/* ---- console output ------------------------------------------------------------------------- */

static spinlock_t print_lock = {0, -1};

static void put_num(uint32_t v, int base, int width, char pad, int neg)
{
  char buf[16];
  int n = 0;
  do {
    buf[n++] = "0123456789abcdef"[v % base];
    v /= base;
  } while (v);
  if (neg)
    buf[n++] = '-';
  while (n < width--)
    hal_console_putc(pad);
  while (n)
    hal_console_putc(buf[--n]);
}

static void vprint(const char *fmt, va_list ap)
{
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      hal_console_putc(*fmt);
      continue;
    }
    char pad = ' ';
    int width = 0;
    fmt++;
    if (*fmt == '0')
      pad = '0', fmt++;
    while (*fmt >= '0' && *fmt <= '9')
      width = width * 10 + (*fmt++ - '0');
    switch (*fmt) {
    case 'd': {
      int v = va_arg(ap, int);
      put_num(v < 0 ? -(uint32_t)v : (uint32_t)v, 10, width, pad, v < 0);
      break;
    }
    case 'u': put_num(va_arg(ap, uint32_t), 10, width, pad, 0); break;
    case 'x': put_num(va_arg(ap, uint32_t), 16, width, pad, 0); break;
    case 'c': hal_console_putc(va_arg(ap, int)); break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      while (*s)
        hal_console_putc(*s++);
      break;
    }
    default: hal_console_putc(*fmt); break;
    }
  }
}

void kprintf(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  uint32_t irq = hal_irq_save();
  spin_lock(&print_lock);
  vprint(fmt, ap);
  spin_unlock(&print_lock);
  hal_irq_restore(irq);
  va_end(ap);
}

void panic(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  hal_irq_save();
  /* no lock: the CPU that panics may hold it; a mixed line is better than none */
  vprint("\npanic: ", ap);
  vprint(fmt, ap);
  hal_console_putc('\n');
  va_end(ap);
  hal_halt(2);
}
