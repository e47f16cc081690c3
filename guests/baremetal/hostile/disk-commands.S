/* Disk commands with absent disks, huge counts, a wrapping sector, addresses in device space and
 * past memory, and an unknown command: each ends with status 3 (error), never a transfer. Halts 0 if
 * all six did, else 1. */
#include "hostile.h"
        with_handler
        li      $t1, DEV
        li      $s0, 0                  /* errors seen */
        .macro  command disk, sector, count, address, cmd
        li      $t0, \disk
        sw      $t0, 0x400($t1)
        li      $t0, \sector
        sw      $t0, 0x404($t1)
        li      $t0, \count
        sw      $t0, 0x408($t1)
        li      $t0, \address
        sw      $t0, 0x40c($t1)
        li      $t0, \cmd
        sw      $t0, 0x410($t1)
        lw      $t2, 0x414($t1)
        xori    $t2, $t2, 3
        sltiu   $t2, $t2, 1
        addu    $s0, $s0, $t2
        sw      $zero, 0x418($t1)       /* acknowledge */
        .endm
        command 99, 0, 1, 0x100000, 1
        command 0xffffffff, 0, 1, 0x100000, 1
        command 0, 0xffffffff, 0x7fffffff, 0x100000, 1
        command 0, 0, 1, 0x1f000000, 2
        command 0, 0, 1, 0xffffff00, 1
        command 0, 0, 1, 0x100000, 77
        li      $t0, 0xfffffffb         /* completion interrupt to CPU -5 */
        sw      $t0, 0x420($t1)
        li      $t0, 0xffffffff         /* IPIs to CPUs that do not exist */
        sw      $t0, 0x300($t1)
        li      $t0, 1000
        sw      $t0, 0x300($t1)
        xori    $s0, $s0, 6
        sltu    $s0, $zero, $s0
        sw      $s0, 0x100($t1)
