/* plat-disco.c: the platform layer on our machine (docs/devices.md): the console's TX register
 * and the halt register, in the device window at 0xBF000000. */
#include "rt.h"

#define DEV(off) (*(volatile u32 *)(0xBF000000u + (off)))

void plat_putc(int c)
{
  DEV(0x000) = (u32)(c & 0xff);
}

void plat_stop(int status)
{
  DEV(0x100) = (u32)status;
  for (;;)
    ;
}
