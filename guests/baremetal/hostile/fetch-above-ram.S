/* A jump to physical 0x1E000000 through kseg0: no memory there. */
#include "hostile.h"
        with_handler
        li      $t1, 0x9e000000
        jr      $t1
        nop
        halt    1
