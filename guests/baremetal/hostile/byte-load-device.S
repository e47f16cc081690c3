/* A byte load from a device register (console RX status): only lw/sw reach devices. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        lbu     $t0, 4($t1)
        halt    1
