/* WAIT with every interrupt masked: nothing can ever wake the CPU. */
#include "hostile.h"
        no_handler
        mtc0    $zero, $12
        ehb
1:      wait
        b       1b
        nop
