/* plat-malta.c: the platform layer on QEMU's Malta board: the 16550 UART at ISA port 0x3F8
 * (0xB80003F8 through kseg1; wait for LSR.THRE, bit 5 of +5, then write THR, +0) and the board's
 * software reset register (0xBF000500, 0x42 resets; run qemu with -no-reboot so that it exits).
 * The status cannot be passed on: stop() has printed it. */
#include "rt.h"

#define UART(off) (*(volatile unsigned char *)(0xB80003F8u + (off)))

void plat_putc(int c)
{
  while (!(UART(5) & 0x20))
    ;
  UART(0) = (unsigned char)c;
}

void plat_stop(int status)
{
  (void)status;
  *(volatile u32 *)0xBF000500u = 0x42;
  for (;;)
    ;
}
