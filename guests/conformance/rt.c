/* rt.c: output, stop, exception reports and TLB helpers of the privileged conformance programs. */
#include <stdarg.h>

#include "rt.h"

volatile struct exc exc;

void putc(int c)
{
  plat_putc(c);
}

void puts(const char *s)
{
  while (*s)
    putc(*s++);
}

static void put_number(u32 v, u32 base, int width, char pad)
{
  char digits[10];
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
    default:
      putc('?');
      break;
    }
  }
  va_end(ap);
}

void stop(int status)
{
  printf("stop: %d\n", status);
  plat_stop(status);
}

static const char *const names[32] = {
    "Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE", "Sys", "Bp", "RI", "CpU",
    "Ov", "Tr", "14", "FPE", "16", "17", "C2E", "19", "20", "21", "MDMX", "WATCH",
    "MCheck", "Thread", "DSPDis", "27", "28", "29", "CacheErr", "31"};

const char *exc_name(u32 code)
{
  return names[code & 31];
}

const char *vector_name(u32 vector)
{
  return vector == 1 ? "refill" : vector == 2 ? "general" : vector == 3 ? "interrupt" : "none";
}

void clear_exc(void)
{
  exc.vector = 0;
  exc.cause = 0;
  exc.epc = 0;
  exc.badvaddr = 0;
  exc.status = 0;
  exc.context = 0;
  exc.entryhi = 0;
  exc.count = 0;
}

static const char *mode_name(u32 status)
{
  switch (status & 0x18) {
  case 0: return "k";
  case 8: return "s";
  case 0x10: return "u";
  default: return "?";
  }
}

/* The exception just recorded: name, vector, EPC (relative to base when near it), BD, and the
 * fields the manual defines for that code. */
void report_exc(u32 base)
{
  u32 code = (exc.cause >> 2) & 31;
  printf("%s vec=%s", exc_name(code), vector_name(exc.vector));
  if (exc.epc - base < 0x100)
    printf(" epc=+%x", exc.epc - base);
  else
    printf(" epc=%08x", exc.epc);
  printf(" bd=%u", exc.cause >> 31);
  if (code >= 1 && code <= 5)
    printf(" bva=%08x", exc.badvaddr);
  if (code == 11)
    printf(" ce=%u", (exc.cause >> 28) & 3);
  printf(" st=%s%s%s%s", mode_name(exc.status), exc.status & ST_ERL ? ",erl" : "",
         exc.status & ST_EXL ? ",exl" : "", exc.status & ST_IE ? ",ie" : "");
  if (exc.count != 1)
    printf(" count=%u", exc.count);
}

void report(const char *what, u32 pc, u32 ok_at)
{
  if (*what)
    printf("%s: ", what);
  u32 code = (exc.cause >> 2) & 31;
  if (exc.count == 1 && code == 8 && exc.epc == pc + ok_at && !(exc.cause >> 31))
    printf("ok");
  else
    report_exc(pc);
  putc('\n');
}

void unexpected_exception(void)
{
  printf("unexpected exception: ");
  report_exc(0);
  printf(" epc=%08x cause=%08x\n", exc.epc, exc.cause);
  stop(3);
}

/* ---- TLB ---- */

void tlb_write(u32 index, u32 hi, u32 lo0, u32 lo1, u32 mask)
{
  u32 old = mfc0(10, 0);
  mtc0(0, 0, index);
  mtc0(10, 0, hi);
  mtc0(2, 0, lo0);
  mtc0(3, 0, lo1);
  mtc0(5, 0, mask);
  __asm__ __volatile__("tlbwi\n\tehb" ::: "memory");
  mtc0(10, 0, old);
  mtc0(5, 0, 0);
}

u32 tlb_entries(void)
{
  return ((mfc0(16, 1) >> 25) & 63) + 1;
}

void tlb_reset(void)
{
  u32 n = tlb_entries();
  mtc0(6, 0, 0); /* Wired */
  for (u32 i = 0; i < n; i++)
    tlb_write(i, 0x80000000u + (i << 13), 0, 0, 0); /* kseg0: never looked up */
  mtc0(10, 0, 0);
}

void set_asid(u32 asid)
{
  mtc0(10, 0, asid & 0xff);
}

void map_user_page(void)
{
  tlb_write(0, 0x00400000u, LO(__user_page, 0, 1, 1), LO(PAGE_DATA(0), 1, 1, 1), 0);
}

void mark_pages(void)
{
  for (u32 i = 0; i < 8; i++)
    *(volatile u32 *)UNCACHED(PAGE_DATA(i)) = 0x11110000u + i;
}
