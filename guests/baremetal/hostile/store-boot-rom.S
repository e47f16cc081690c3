/* A byte store into the boot ROM's place, 0xBFC00010. */
#include "hostile.h"
        with_handler
        li      $t1, 0xbfc00010
        sb      $t1, 0($t1)
        halt    1
