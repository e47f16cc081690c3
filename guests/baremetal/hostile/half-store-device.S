/* A halfword store to the console TX register. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        li      $t0, 0x4141
        sh      $t0, 0($t1)
        halt    1
