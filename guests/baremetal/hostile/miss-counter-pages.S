/* Miss counters of pages that do not exist (0x7fffffff, 0xffffffff, one past memory) and of
 * nodes that do not exist read 0 and reset nothing; extreme thresholds are accepted. Halts 0 if
 * every read gave 0, else 1. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        li      $s0, 0                  /* OR of every count read */
        li      $t0, 0x7fffffff
        sw      $t0, 0x500($t1)
        lw      $t2, 0x508($t1)
        or      $s0, $s0, $t2
        sw      $zero, 0x50c($t1)
        li      $t0, 0xffffffff
        sw      $t0, 0x500($t1)
        lw      $t2, 0x508($t1)
        or      $s0, $s0, $t2
        sw      $zero, 0x50c($t1)
        li      $t0, 0x10000            /* one past the last page of a 256 MB machine */
        sw      $t0, 0x500($t1)
        lw      $t2, 0x508($t1)
        or      $s0, $s0, $t2
        sw      $zero, 0x50c($t1)
        sw      $zero, 0x500($t1)
        li      $t0, 0xffffffff         /* node -1 */
        sw      $t0, 0x504($t1)
        lw      $t2, 0x508($t1)
        or      $s0, $s0, $t2
        li      $t0, 99                 /* node 99 */
        sw      $t0, 0x504($t1)
        lw      $t2, 0x508($t1)
        or      $s0, $s0, $t2
        li      $t0, 0xffffffff         /* threshold -1 */
        sw      $t0, 0x518($t1)
        li      $t0, 0x7fffffff
        sw      $t0, 0x518($t1)
        lw      $t2, 0x510($t1)         /* pop: nothing is hot */
        addiu   $t2, $t2, 1
        or      $s0, $s0, $t2
        sltu    $s0, $zero, $s0
        sw      $s0, 0x100($t1)         /* halt 0 or 1 */
