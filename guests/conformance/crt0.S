/*
 * crt0.S: entry point, exception vectors, enter() and the user-page snippets of every privileged
 * conformance program. The same bytes on both machines.
 *
 * Entry: whatever the machine's boot leaves (our machine: Status = BEV; QEMU's Malta boot loader:
 * BEV and ERL), so _start sets EBase, Status and Cause itself, takes its own stack, clears .bss.
 */
        .set    noreorder
        .set    noat

#define EXC_VECTOR 0
#define EXC_CAUSE 4
#define EXC_EPC 8
#define EXC_BADVADDR 12
#define EXC_STATUS 16
#define EXC_CONTEXT 20
#define EXC_ENTRYHI 24
#define EXC_COUNT 28
#define EXC_RESUME 32
#define EXC_RESUME_STATUS 36

/* ---- the exception page: EBase points here ---- */
        .section .text.vectors, "ax", @progbits
        .globl  _ebase
_ebase:
        b       exc_common              /* EBase + 0x000: TLB refill, EXL was 0 */
        li      $27, 1
        .org    0x180
        b       exc_common              /* EBase + 0x180: everything else (Cause.IV = 0) */
        li      $27, 2
        .org    0x200
        b       exc_common              /* EBase + 0x200: interrupts when Cause.IV = 1 */
        li      $27, 3
exc_common:
        /* k0 = the record, k1 = scratch: nothing else is touched. */
        la      $26, exc
        sw      $27, EXC_VECTOR($26)
        mfc0    $27, $13
        sw      $27, EXC_CAUSE($26)
        mfc0    $27, $14
        sw      $27, EXC_EPC($26)
        mfc0    $27, $8
        sw      $27, EXC_BADVADDR($26)
        mfc0    $27, $12
        sw      $27, EXC_STATUS($26)
        mfc0    $27, $4
        sw      $27, EXC_CONTEXT($26)
        mfc0    $27, $10
        sw      $27, EXC_ENTRYHI($26)
        lw      $27, EXC_COUNT($26)
        addiu   $27, $27, 1
        sw      $27, EXC_COUNT($26)
        lw      $27, EXC_RESUME($26)
        beqz    $27, 1f
        sw      $0, EXC_RESUME($26)     /* (slot) one exception per enter() */
        mtc0    $27, $14
        lw      $27, EXC_RESUME_STATUS($26)
        mtc0    $27, $12
        ehb
        eret
1:      la      $29, stack_top          /* not expected: report and stop */
        mtc0    $0, $12
        ehb
        j       unexpected_exception
        nop

/* ---- code run in user and supervisor mode: one page, mapped by map_user_page() ---- */
        .section .text.user, "ax", @progbits
#define SNIPPET(name) .globl name; name:
SNIPPET(s_lw)
        lw      $2, 0($4)
        syscall
SNIPPET(s_sw)
        sw      $5, 0($4)
        syscall
SNIPPET(s_lh)
        lh      $2, 0($4)
        syscall
SNIPPET(s_sh)
        sh      $5, 0($4)
        syscall
SNIPPET(s_jr)
        jr      $4
        nop
SNIPPET(s_mfc0_status)
        mfc0    $2, $12
        syscall
SNIPPET(s_mtc0_status)
        mtc0    $4, $14                 /* EPC: harmless where it is allowed */
        syscall
SNIPPET(s_eret)
        eret
        syscall
SNIPPET(s_tlbp)
        tlbp
        syscall
SNIPPET(s_wait)
        wait
        syscall
SNIPPET(s_cache)
        cache   0x10, 0($4)             /* Hit Invalidate, I-cache */
        syscall
SNIPPET(s_mfc1)
        .set    push
        .set    hardfloat
        mfc1    $2, $f0
        .set    pop
        syscall
SNIPPET(s_mfc2)
        .word   0x48020000              /* mfc2 $2, $0 */
        syscall
SNIPPET(s_syscall)
        syscall
        syscall
SNIPPET(s_break)
        break   5
        syscall
SNIPPET(s_ri)
        .word   0xec000000              /* opcode 0x3b: reserved in MIPS32 Release 2 */
        syscall
SNIPPET(s_beq_taken_lw)
        beq     $0, $0, 1f
        lw      $2, 0($4)
        nop
1:      syscall
SNIPPET(s_bne_nottaken_lw)
        bne     $5, $0, 1f              /* not taken: a1 = 0 */
        lw      $2, 0($4)
1:      syscall
SNIPPET(s_bne00_lw)
        bne     $0, $0, 1f              /* never taken, and visibly so */
        lw      $2, 0($4)
1:      syscall
SNIPPET(s_jr_lw)
        jr      $5
        lw      $2, 0($4)
SNIPPET(s_beql_nottaken_lw)
        beql    $0, $5, 1f
        lw      $2, 0($4)
1:      syscall
SNIPPET(s_beq_syscall)
        beq     $0, $0, 1f
        syscall
        nop
1:      break   1
SNIPPET(s_bal_lw)
        bgezal  $0, 1f
        lw      $2, 0($4)
        nop
1:      syscall

/* ---- enter(pc, status, a0, a1): run code at pc in the mode of status, back at the next exception ---- */
        .section .text.start, "ax", @progbits
        .globl  enter
enter:
        addiu   $29, $29, -8
        sw      $31, 0($29)             /* snippets may link ($ra) */
        la      $8, exc
        la      $9, 1f
        sw      $9, EXC_RESUME($8)
        mfc0    $9, $12
        ori     $9, $9, 2               /* back in kernel mode, the caller's Status, through ERET */
        sw      $9, EXC_RESUME_STATUS($8)
        ori     $5, $5, 2               /* EXL: still kernel mode until the ERET */
        mtc0    $5, $12
        mtc0    $4, $14
        ehb
        move    $4, $6
        move    $5, $7
        eret
1:      lw      $31, 0($29)
        jr      $31
        addiu   $29, $29, 8

        .globl  _start
_start:
        la      $29, stack_top
        la      $8, _ebase
        mtc0    $8, $15, 1              /* EBase */
        ehb
        mtc0    $0, $12                 /* Status = 0: kernel mode, BEV=0, ERL=0, EXL=0, IE=0 */
        ehb
        mtc0    $0, $13                 /* Cause: IV=0, IP1..0 = 0 */
        ehb
        la      $8, __bss_start
        la      $9, __bss_end
1:      beq     $8, $9, 2f
        nop
        sw      $0, 0($8)
        b       1b
        addiu   $8, $8, 4
2:      jal     main
        nop
        jal     stop
        move    $4, $2

        .section .bss.stack, "aw", @nobits
        .align  3
        .space  16384
        .globl  stack_top
stack_top:
