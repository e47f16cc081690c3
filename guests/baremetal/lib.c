/* lib.c: console, printf, halt, IPIs, the C side of the exception vector. See lib.h. */
#include <stdarg.h>

#include "lib.h"

u32 boot_sp;
u32 boot_cmdline;

u32 memory_per_node(void)
{
  if (boot_cmdline == 0) {
    return boot_sp + 16 - 0x80000000u;
  }
  /* The command line sits at top - 16 - round16(length + 1) and $sp 16 bytes below it. */
  u32 n = 0;
  while (((const char *)boot_cmdline)[n] != 0) {
    n++;
  }
  return boot_cmdline + ((n + 1 + 15) & ~15u) + 16 - 0x80000000u;
}

/* ---- console -------------------------------------------------------------------------------- */

void putc(int c)
{
  DEV_REG(CONSOLE_TX) = (u8)c;
}

void puts(const char *s)
{
  while (*s)
    putc(*s++);
}

/* Prints v in base 10 or 16, at least `width` characters wide, padded with `pad`. */
static void put_number(u32 v, u32 base, int width, char pad)
{
  char digits[10]; /* 2^32 - 1 has 10 decimal digits, 8 hex digits */
  int n = 0;
  do {
    u32 d = v % base;
    digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    v /= base;
  } while (v != 0);
  while (width-- > n)
    putc(pad);
  while (n > 0)
    putc(digits[--n]);
}

void printf(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  for (; *fmt; fmt++) {
    if (*fmt != '%') {
      putc(*fmt);
      continue;
    }
    fmt++;
    char pad = ' ';
    int width = 0;
    if (*fmt == '0') {
      pad = '0';
      fmt++;
    }
    while (*fmt >= '0' && *fmt <= '9')
      width = width * 10 + (*fmt++ - '0');
    switch (*fmt) {
    case 's':
      puts(va_arg(ap, const char *));
      break;
    case 'c':
      putc(va_arg(ap, int));
      break;
    case 'd': {
      int v = va_arg(ap, int);
      if (v < 0) {
        putc('-');
        put_number(-(u32)v, 10, width > 0 ? width - 1 : 0, pad);
      } else {
        put_number((u32)v, 10, width, pad);
      }
      break;
    }
    case 'u':
      put_number(va_arg(ap, u32), 10, width, pad);
      break;
    case 'x':
      put_number(va_arg(ap, u32), 16, width, pad);
      break;
    case '%':
      putc('%');
      break;
    case '\0':
      fmt--; /* a lone '%' at the end: stop at the terminator */
      break;
    default:
      putc('%');
      putc(*fmt);
      break;
    }
  }
  va_end(ap);
}

/* ---- machine -------------------------------------------------------------------------------- */

void halt(int status)
{
  DEV_REG(HALT_REG) = (u32)status & 0xff;
  for (;;) /* the machine has stopped; never reached */
    ;
}

u32 cpu_count(void)
{
  return DEV_REG(IPI_CPU_COUNT);
}

u32 cpu_number(void)
{
  return DEV_REG(IPI_CPU_NUMBER);
}

u32 rtc_cycles(void)
{
  return DEV_REG(RTC_CYCLES);
}

void ipi_send(u32 cpu)
{
  __asm__ __volatile__("sync" : : : "memory"); /* our earlier stores first */
  DEV_REG(IPI_SEND) = cpu;
}

void ipi_ack(void)
{
  DEV_REG(IPI_ACK) = 1;
}

/* ---- exceptions ----------------------------------------------------------------------------- */

static interrupt_handler_t interrupt_handler;

void set_interrupt_handler(interrupt_handler_t h)
{
  interrupt_handler = h;
}

static const char *const exc_names[32] = {
    [0] = "Int", [1] = "Mod", [2] = "TLBL", [3] = "TLBS", [4] = "AdEL", [5] = "AdES",
    [6] = "IBE", [7] = "DBE", [8] = "Sys", [9] = "Bp", [10] = "RI", [11] = "CpU",
    [12] = "Ov", [13] = "Tr", [23] = "WATCH", [24] = "MCheck",
};

/* Called by the vector in crt0.S with EXL = 1, on the interrupted stack. */
void exception(u32 cause, u32 epc, u32 status);

void exception(u32 cause, u32 epc, u32 status)
{
  u32 code = CAUSE_EXCCODE(cause);
  u32 pending = cause & status & 0xff00;
  if (code == 0 && pending != 0 && interrupt_handler) {
    interrupt_handler(pending);
    return;
  }
  const char *name = exc_names[code] ? exc_names[code] : "?";
  printf("\nunexpected exception %s (ExcCode %u) on cpu %u: epc 0x%08x cause 0x%08x "
         "status 0x%08x badvaddr 0x%08x\n",
         name, code, cpu_number(), epc, cause, status, mfc0(8, 0));
  halt(3);
}

/* ---- memory (GCC may call these even in freestanding code) -------------------------------- */

void *memset(void *dst, int c, unsigned n)
{
  u8 *d = dst;
  while (n--)
    *d++ = (u8)c;
  return dst;
}

void *memcpy(void *dst, const void *src, unsigned n)
{
  u8 *d = dst;
  const u8 *s = src;
  while (n--)
    *d++ = *s++;
  return dst;
}

int memcmp(const void *a, const void *b, unsigned n)
{
  const u8 *x = a, *y = b;
  for (; n--; x++, y++)
    if (*x != *y)
      return *x - *y;
  return 0;
}
