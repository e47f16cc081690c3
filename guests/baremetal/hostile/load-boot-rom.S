/* A load from 0xBFC00000, where a boot ROM would be: there is none. */
#include "hostile.h"
        with_handler
        li      $t1, 0xbfc00000
        lw      $t0, 0($t1)
        halt    1
