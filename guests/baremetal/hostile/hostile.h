/*
 * hostile.h: shared pieces of the hostile guests (README.md, "Hostile guests"). Each program does
 * one thing a guest must not be able to crash or silently hang the machine with; what the machine
 * does instead (a bus error, an error status, a stop reason) is in expected.txt.
 *
 *   with_handler  the exception page: any exception prints "exception N" (N = Cause.ExcCode)
 *                 and halts with 100 + N; _start installs it (EBase, BEV = 0)
 *   no_handler    no exception page: BEV stays 1, so exceptions go to 0xBFC00380, where
 *                 nothing is
 *   halt N        writes N to the halt register
 */
        .set    noreorder
        .set    noat

#define DEV 0xbf000000

        .macro  halt status
        li      $t9, DEV
        li      $t8, \status
        sw      $t8, 0x100($t9)
        .endm

        .macro  putc ch
        li      $t9, DEV
        li      $t8, \ch
        sw      $t8, 0($t9)
        .endm

        .macro  with_handler
        .section .text.ebase, "ax", @progbits
        .globl  _ebase
_ebase:
        j       vector
        nop
        .org    0x180
vector:
        li      $k1, DEV
        li      $k0, 'e'
        sw      $k0, 0($k1)
        li      $k0, 'x'
        sw      $k0, 0($k1)
        li      $k0, 'c'
        sw      $k0, 0($k1)
        li      $k0, ' '
        sw      $k0, 0($k1)
        mfc0    $k0, $13
        srl     $k0, $k0, 2
        andi    $k0, $k0, 0x1f          /* ExcCode */
        move    $t0, $k0
        li      $t1, '0'
1:      sltiu   $at, $t0, 10            /* tens digit by repeated subtraction */
        bnez    $at, 2f
        nop
        addiu   $t0, $t0, -10
        b       1b
        addiu   $t1, $t1, 1
2:      sw      $t1, 0($k1)
        addiu   $t0, $t0, '0'
        sw      $t0, 0($k1)
        li      $t0, '\n'
        sw      $t0, 0($k1)
        addiu   $k0, $k0, 100
        sw      $k0, 0x100($k1)         /* halt with 100 + ExcCode */
3:      b       3b
        nop

        .section .text.start, "ax", @progbits
        .globl  _start
_start:
        la      $t0, _ebase
        mtc0    $t0, $15, 1             /* EBase */
        ehb
        mtc0    $zero, $12              /* Status = 0: BEV = 0, interrupts off */
        ehb
        .endm

        .macro  no_handler
        .section .text.ebase, "ax", @progbits
        .globl  _ebase
_ebase:
        nop
        .section .text.start, "ax", @progbits
        .globl  _start
_start:
        .endm
