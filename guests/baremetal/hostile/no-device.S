/* A load inside the device window where no device answers (0xBF800000). */
#include "hostile.h"
        with_handler
        li      $t1, 0xbf800000
        lw      $t0, 0($t1)
        halt    1
