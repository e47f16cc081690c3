/* A jump into the device window: nothing there is instructions. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        jr      $t1
        nop
        halt    1
