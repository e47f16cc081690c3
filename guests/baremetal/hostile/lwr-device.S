/* LWR of a device register (the console RX status, last byte). */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        lwr     $t0, 7($t1)
        halt    1
