/* A store through kseg0 to physical 0x1D000000, above the RAM of every preset. */
#include "hostile.h"
        with_handler
        li      $t1, 0x9d000000
        sw      $t1, 0($t1)
        halt    1
