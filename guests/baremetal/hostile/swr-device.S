/* SWR to the halt register's last byte: it must not halt the machine with a merged value. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        li      $t0, 0x2a
        swr     $t0, 0x103($t1)
        halt    1
