/* EBase set to 0x9E000000, above RAM, then a system call: the vector has nothing behind it. */
#include "hostile.h"
        no_handler
        li      $t0, 0x9e000000
        mtc0    $t0, $15, 1
        ehb
        mtc0    $zero, $12              /* BEV = 0: vectors at EBase */
        ehb
        syscall
        halt    1
