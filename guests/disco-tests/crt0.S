/*
 * crt0.S: entry point and exception vectors of every test guest (docs/monitor-interface.md).
 *
 * Boot: vCPU 0 starts at the ELF entry in the guest's kernel mode with virtual Status = BEV,
 * $a0 = 0, $a1 = the command line or 0, $sp 16 bytes below it (or below the top of memory).
 * DISCO_MC_START_CPU starts vCPU n at the same entry with $a0 = n and its own $sp. Each vCPU
 * records the $sp it was given (boot_sp[n]), moves to its own 8 KB stack in .bss, points its
 * virtual EBase at _ebase (0xC0010000, the first page of the image) and clears Status (BEV off,
 * interrupts off). Only vCPU 0 clears .bss. Then main(n); vCPU 0 halts with its result.
 *
 * Vectors: the monitor reflects an exception to virtual EBase + 0x000 (a TLB refill taken with
 * EXL clear) or + 0x180 (everything else), virtual EXL set. Both switch to this vCPU's exception
 * stack (the interrupted $sp may be a user's), save the registers C may clobber, call
 * exception(vector) in lib.c and ERET.
 */
#include "lib.h"

/* The frame on the exception stack: 16 bytes of argument area, then the saved registers. */
#define R(n) (16 + 4 * (n))
#define SP_SLOT R(20)
#define FRAME 104

        .set    noreorder

        /* Onto this vCPU's exception stack, the interrupted $sp in the frame; k0 = vector. */
        .macro  vector offset
        move    $k1, $sp
        li      $sp, PRIV_PAGE_ADDR
        lw      $sp, DISCO_PRIV_VCPU($sp)
        andi    $sp, $sp, MAX_VCPUS - 1
        sll     $sp, $sp, EXC_STACK_SHIFT
        la      $k0, exc_stacks + (1 << EXC_STACK_SHIFT)
        addu    $sp, $sp, $k0           /* the top of exc_stacks[vcpu] */
        addiu   $sp, $sp, -FRAME
        sw      $k1, SP_SLOT($sp)
        j       save
        li      $k0, \offset            /* (delay slot) */
        .endm

/* ---- the exception page: virtual EBase points here ------------------------------------------ */

        .section .text.ebase, "ax", @progbits
        .globl  _ebase
_ebase:
        vector  VEC_REFILL              /* EBase + 0x000: TLB refill, EXL was clear */

        .org    VEC_GENERAL
        vector  VEC_GENERAL             /* EBase + 0x180: everything else, interrupts included */

save:
        .set    noat
        sw      $1, R(0)($sp)
        sw      $2, R(1)($sp)
        sw      $3, R(2)($sp)
        sw      $4, R(3)($sp)
        sw      $5, R(4)($sp)
        sw      $6, R(5)($sp)
        sw      $7, R(6)($sp)
        sw      $8, R(7)($sp)
        sw      $9, R(8)($sp)
        sw      $10, R(9)($sp)
        sw      $11, R(10)($sp)
        sw      $12, R(11)($sp)
        sw      $13, R(12)($sp)
        sw      $14, R(13)($sp)
        sw      $15, R(14)($sp)
        sw      $24, R(15)($sp)
        sw      $25, R(16)($sp)
        sw      $31, R(17)($sp)
        mfhi    $8
        sw      $8, R(18)($sp)
        mflo    $8
        sw      $8, R(19)($sp)
        /* s0-s8 and gp are callee-saved in C: exception() keeps them. */

        jal     exception               /* lib.c: exception(vector) */
        move    $4, $26                 /* (delay slot) a0 = the vector offset */

        lw      $8, R(19)($sp)
        mtlo    $8
        lw      $8, R(18)($sp)
        mthi    $8
        lw      $31, R(17)($sp)
        lw      $25, R(16)($sp)
        lw      $24, R(15)($sp)
        lw      $15, R(14)($sp)
        lw      $14, R(13)($sp)
        lw      $13, R(12)($sp)
        lw      $12, R(11)($sp)
        lw      $11, R(10)($sp)
        lw      $10, R(9)($sp)
        lw      $9, R(8)($sp)
        lw      $8, R(7)($sp)
        lw      $7, R(6)($sp)
        lw      $6, R(5)($sp)
        lw      $5, R(4)($sp)
        lw      $4, R(3)($sp)
        lw      $3, R(2)($sp)
        lw      $2, R(1)($sp)
        lw      $1, R(0)($sp)
        lw      $sp, SP_SLOT($sp)
        eret                            /* to the virtual EPC, EXL cleared; no delay slot */
        .set    at

/* ---- the entry point ------------------------------------------------------------------------ */

        .section .text.start, "ax", @progbits
        .globl  _start
_start:
        la      $8, _ebase
        mtc0    $8, $15, 1              /* EBase = _ebase while BEV is still 1 */
        ehb
        mtc0    $0, $12                 /* Status = 0: BEV off, IE and IM off, EXL off */
        ehb
        move    $16, $4                 /* s0 = vCPU number */
        sltiu   $8, $16, MAX_VCPUS
        beqz    $8, park                /* no stack for it: park at once */
        nop

        bnez    $16, 2f                 /* only vCPU 0 clears .bss: the others start later */
        nop
        la      $8, __bss_start
        la      $9, __bss_end
        b       3f
        nop
1:      sw      $0, 0($8)               /* .bss is word aligned (kernel.ld) */
        addiu   $8, $8, 4
3:      bne     $8, $9, 1b
        nop
        la      $8, boot_cmdline
        sw      $5, 0($8)

2:      sll     $8, $16, 2
        la      $9, boot_sp
        addu    $9, $9, $8
        sw      $sp, 0($9)              /* boot_sp[vcpu] = the $sp we were given */
        sll     $8, $16, STACK_SHIFT
        la      $9, vcpu_stacks + (1 << STACK_SHIFT)
        addu    $sp, $9, $8             /* the top of vcpu_stacks[vcpu] */
        addiu   $sp, $sp, -16           /* argument area */

        jal     main
        move    $4, $16                 /* (delay slot) a0 = vCPU number */

        bnez    $16, park
        nop
        jal     halt                    /* vCPU 0: halt with main's result */
        move    $4, $2

park:   /* With Status.IM = 0 IDLE never returns: the vCPU stays descheduled. */
        mtc0    $0, $12
        ehb
1:      li      $2, DISCO_MC_IDLE
        syscall
        b       1b
        nop
