/* LWL of a device register (the console RX status). */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        lwl     $t0, 4($t1)
        halt    1
