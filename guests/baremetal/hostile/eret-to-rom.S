/* ERET to 0xBFC00000 (EPC chosen by the guest): a bus error on the fetch there. */
#include "hostile.h"
        with_handler
        li      $t1, 0xbfc00000
        mtc0    $t1, $14                /* EPC */
        li      $t0, 2                  /* Status.EXL: ERET returns to EPC */
        mtc0    $t0, $12
        ehb
        eret
        halt    1
