/*
 * crt0.S: entry point and exception vector of every bare-metal guest.
 *
 * Boot protocol (docs/devices.md): CPU 0 starts at the ELF entry in kernel mode with
 * Status = BEV, $sp = top of node 0's slice - 16, $a0 = 0, $a1 = the kernel command line or 0
 * (with a command line, $sp is below it). Every other CPU starts at the same entry
 * when it gets its first IPI, with its own $sp and $a0 = its CPU number.
 *
 * The exception vector lives in this image: the section .text.ebase is linked first, at the
 * 4 KB-aligned 0x80010000, and each CPU points its EBase there (so the general exception vector is
 * _ebase + 0x180) and then clears Status.BEV.
 */

#define FRAME 96 /* 16 bytes of argument area for the C call, then 20 saved registers */

        .set    noreorder

/* ---- the exception page: EBase points here ------------------------------------------------- */

        .section .text.ebase, "ax", @progbits
        .globl  _ebase
_ebase:
        /* EBase + 0x000: TLB refill (EXL was 0). Nothing here maps addresses; report it. */
        j       exception_entry
        nop

        .org    0x180
        /* EBase + 0x180: every other exception, interrupts included (Cause.IV = 0). EXL is 1:
         * interrupts are off until ERET. We run in kernel mode on a kernel stack, so the
         * interrupted $sp is usable: push a frame and save every register C may clobber. */
        .globl  exception_entry
exception_entry:
        .set    noat
        addiu   $sp, $sp, -FRAME
        sw      $1, 16($sp)             /* at */
        sw      $2, 20($sp)             /* v0 */
        sw      $3, 24($sp)             /* v1 */
        sw      $4, 28($sp)             /* a0 */
        sw      $5, 32($sp)             /* a1 */
        sw      $6, 36($sp)             /* a2 */
        sw      $7, 40($sp)             /* a3 */
        sw      $8, 44($sp)             /* t0 */
        sw      $9, 48($sp)             /* t1 */
        sw      $10, 52($sp)            /* t2 */
        sw      $11, 56($sp)            /* t3 */
        sw      $12, 60($sp)            /* t4 */
        sw      $13, 64($sp)            /* t5 */
        sw      $14, 68($sp)            /* t6 */
        sw      $15, 72($sp)            /* t7 */
        sw      $24, 76($sp)            /* t8 */
        sw      $25, 80($sp)            /* t9 */
        sw      $31, 84($sp)            /* ra */
        mfhi    $8
        sw      $8, 88($sp)             /* hi */
        mflo    $8
        sw      $8, 92($sp)             /* lo */
        /* s0-s7, s8, gp: callee-saved in C, kept by exception() itself. k0/k1 unused. */

        mfc0    $4, $13                 /* a0 = Cause */
        mfc0    $5, $14                 /* a1 = EPC */
        mfc0    $6, $12                 /* a2 = Status */
        jal     exception               /* lib.c: exception(cause, epc, status) */
        nop

        lw      $8, 92($sp)
        mtlo    $8
        lw      $8, 88($sp)
        mthi    $8
        lw      $31, 84($sp)
        lw      $25, 80($sp)
        lw      $24, 76($sp)
        lw      $15, 72($sp)
        lw      $14, 68($sp)
        lw      $13, 64($sp)
        lw      $12, 60($sp)
        lw      $11, 56($sp)
        lw      $10, 52($sp)
        lw      $9, 48($sp)
        lw      $8, 44($sp)
        lw      $7, 40($sp)
        lw      $6, 36($sp)
        lw      $5, 32($sp)
        lw      $4, 28($sp)
        lw      $3, 24($sp)
        lw      $2, 20($sp)
        lw      $1, 16($sp)
        addiu   $sp, $sp, FRAME
        eret                            /* back to EPC, EXL = 0; ERET has no delay slot */
        .set    at

/* ---- the entry point ------------------------------------------------------------------------ */

        .section .text.start, "ax", @progbits
        .globl  _start
_start:
        /* $a0 = CPU number, $sp = this CPU's stack (boot protocol). */
        la      $8, _ebase
        mtc0    $8, $15, 1              /* EBase = _ebase (CPUNum is read-only); BEV is still 1 */
        ehb
        mtc0    $0, $12                 /* Status = 0: BEV=0 (vectors at EBase), IE=0, IM=0, EXL=0 */
        ehb
        move    $16, $4                 /* s0 = CPU number, kept across main */
        move    $17, $sp                /* s1 = the $sp we were given */
        li      $8, -8
        and     $sp, $sp, $8            /* the o32 ABI wants an 8-byte aligned stack */

        bnez    $16, 2f                 /* only CPU 0 clears .bss: the others start later */
        nop
        la      $8, __bss_start
        la      $9, __bss_end
1:      beq     $8, $9, 3f
        nop
        sw      $0, 0($8)
        b       1b
        addiu   $8, $8, 4               /* (delay slot) next word */
3:      la      $8, boot_sp
        sw      $17, 0($8)              /* boot_sp: tells memoryPerNode (lib.c) */
        la      $8, boot_cmdline
        sw      $5, 0($8)               /* boot_cmdline: $a1, the command line's address or 0 */

2:      jal     main                    /* main(cpu) */
        move    $4, $16                 /* (delay slot) a0 = CPU number */

        bnez    $16, park               /* CPU 0: halt with main's return value */
        nop
        jal     halt
        move    $4, $2                  /* (delay slot) a0 = status */

park:   /* Another CPU whose main returned: sleep for good (Status.IM is 0, nothing wakes it). */
        wait
        b       park
        nop
