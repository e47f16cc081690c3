/* A misaligned word load in the device window: an address error comes before any bus cycle. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        lw      $t0, 2($t1)
        halt    1
