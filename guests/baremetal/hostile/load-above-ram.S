/* A load through kseg0 from physical 0x1E000000: above RAM, outside the device window. */
#include "hostile.h"
        with_handler
        li      $t1, 0x9e000000
        lw      $t0, 0($t1)
        halt    1
