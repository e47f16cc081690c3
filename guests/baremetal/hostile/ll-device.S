/* LL of a device register: there is no link to a device. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        ll      $t0, 4($t1)
        halt    1
