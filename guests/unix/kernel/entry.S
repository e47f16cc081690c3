/*
 * entry.S: the exception page (EBase), the kernel entry point, trap entry and exit, the context
 * switch and the FPU save area.
 *
 * Per-CPU state reached from the vectors: Context.PTEBase (bits 31..23) holds the CPU number, set
 * once by hal_cpu_init, so the handlers index pgd_current[] and cpu_kstack[] with k0/k1 only.
 *
 * Page table entries (kernel/vm.c) are EntryLo values shifted left by 6, with 6 software bits
 * below: the refill handler shifts them right by 6 and writes the pair.
 */

#define FRAME (16 + 38 * 4)   /* argument area of the C call, then struct trapframe */
#define TF(n) (16 + (n) * 4)
#define TF_HI TF(32)
#define TF_LO TF(33)
#define TF_EPC TF(34)
#define TF_STATUS TF(35)
#define TF_CAUSE TF(36)
#define TF_BADVADDR TF(37)

/* CP0_READ(reg, cp0, page offset): a side-effect-free privileged register into reg. Under the
 * monitor (HAL_DISCO) a load from the privileged-register page at 0xDFFFF000 replaces the MFC0,
 * which would trap (docs/monitor-interface.md). */
#ifdef HAL_DISCO
#include "disco_monitor.h"
#define CP0_READ(reg, cp0, off) lui reg, 0xe000; lw reg, (off) - 4096(reg)
#else
#define CP0_READ(reg, cp0, off) mfc0 reg, cp0
#endif

        .set    noreorder
        .set    noat

        .section .text.ebase, "ax", @progbits
        .globl  _ebase
_ebase:
/* ---- EBase + 0x000: TLB refill of a user address (EXL was 0) -------------------------------- */
tlb_refill:
        CP0_READ($27, $4, DISCO_PRIV_CONTEXT) /* k1 = Context: CPU number in PTEBase */
        lui     $26, %hi(cpu_vec)
        srl     $27, $27, 23
        sll     $27, $27, 7             /* 128 bytes a CPU */
        addu    $26, $26, $27
        addiu   $26, $26, %lo(cpu_vec)  /* k0 = &cpu_vec[cpu] */
        lw      $27, 4($26)
        addiu   $27, $27, 1
        sw      $27, 4($26)             /* refills++ */
        lw      $27, 0($26)             /* the directory of the running process */
        CP0_READ($26, $8, DISCO_PRIV_BADVADDR)
        srl     $26, $26, 22
        sll     $26, $26, 2
        addu    $27, $27, $26
        lw      $27, 0($27)             /* its page table (an empty one if none) */
        CP0_READ($26, $4, DISCO_PRIV_CONTEXT)
        srl     $26, $26, 1
        andi    $26, $26, 0xff8         /* BadVPN2 as the byte offset of the even entry */
        addu    $27, $27, $26
        lw      $26, 0($27)
        lw      $27, 4($27)
        srl     $26, $26, 6
        mtc0    $26, $2                 /* EntryLo0 */
        srl     $27, $27, 6
        mtc0    $27, $3                 /* EntryLo1 */
        ehb
        tlbwr
        eret

/* ---- EBase + 0x180: every other exception and interrupt ----------------------------------- */
        .org    0x180
general:
        CP0_READ($26, $12, DISCO_PRIV_STATUS)
        andi    $26, $26, 0x10          /* Status.UM: from user mode? */
        beqz    $26, 1f
        move    $27, $sp                /* (delay) the interrupted $sp */
        CP0_READ($26, $4, DISCO_PRIV_CONTEXT) /* from user: this CPU's kernel stack top */
        srl     $26, $26, 23
        sll     $26, $26, 7             /* 128 bytes a CPU */
        lui     $27, %hi(cpu_vec + 8)
        addu    $27, $27, $26
        lw      $26, %lo(cpu_vec + 8)($27)
        move    $27, $sp
        move    $sp, $26
1:      addiu   $sp, $sp, -FRAME
        sw      $27, TF(29)($sp)
        sw      $1, TF(1)($sp)
        sw      $2, TF(2)($sp)
        sw      $3, TF(3)($sp)
        sw      $4, TF(4)($sp)
        sw      $5, TF(5)($sp)
        sw      $6, TF(6)($sp)
        sw      $7, TF(7)($sp)
        sw      $8, TF(8)($sp)
        sw      $9, TF(9)($sp)
        sw      $10, TF(10)($sp)
        sw      $11, TF(11)($sp)
        sw      $12, TF(12)($sp)
        sw      $13, TF(13)($sp)
        sw      $14, TF(14)($sp)
        sw      $15, TF(15)($sp)
        sw      $16, TF(16)($sp)
        sw      $17, TF(17)($sp)
        sw      $18, TF(18)($sp)
        sw      $19, TF(19)($sp)
        sw      $20, TF(20)($sp)
        sw      $21, TF(21)($sp)
        sw      $22, TF(22)($sp)
        sw      $23, TF(23)($sp)
        sw      $24, TF(24)($sp)
        sw      $25, TF(25)($sp)
        sw      $28, TF(28)($sp)
        sw      $30, TF(30)($sp)
        sw      $31, TF(31)($sp)
        mfhi    $8
        sw      $8, TF_HI($sp)
        mflo    $8
        sw      $8, TF_LO($sp)
        CP0_READ($8, $14, DISCO_PRIV_EPC)
        sw      $8, TF_EPC($sp)
        CP0_READ($8, $12, DISCO_PRIV_STATUS)
        sw      $8, TF_STATUS($sp)
        CP0_READ($9, $13, DISCO_PRIV_CAUSE)
        sw      $9, TF_CAUSE($sp)
        CP0_READ($9, $8, DISCO_PRIV_BADVADDR)
        sw      $9, TF_BADVADDR($sp)
        li      $9, ~0x1f               /* kernel mode, EXL=0, interrupts off */
        and     $8, $8, $9
        mtc0    $8, $12
        ehb
        jal     trap
        addiu   $4, $sp, 16             /* (delay) a0 = the trapframe */
        /* fall through */

/* ---- back to the frame at $sp + 16 ---------------------------------------------------------- */
        .globl  trap_return
trap_return:
        lw      $8, TF_STATUS($sp)
        ori     $8, $8, 0x2             /* EXL: stay in kernel mode until ERET */
        mtc0    $8, $12
        ehb
        lw      $8, TF_EPC($sp)
        mtc0    $8, $14
        lw      $8, TF_HI($sp)
        mthi    $8
        lw      $8, TF_LO($sp)
        mtlo    $8
        lw      $1, TF(1)($sp)
        lw      $2, TF(2)($sp)
        lw      $3, TF(3)($sp)
        lw      $4, TF(4)($sp)
        lw      $5, TF(5)($sp)
        lw      $6, TF(6)($sp)
        lw      $7, TF(7)($sp)
        lw      $8, TF(8)($sp)
        lw      $9, TF(9)($sp)
        lw      $10, TF(10)($sp)
        lw      $11, TF(11)($sp)
        lw      $12, TF(12)($sp)
        lw      $13, TF(13)($sp)
        lw      $14, TF(14)($sp)
        lw      $15, TF(15)($sp)
        lw      $16, TF(16)($sp)
        lw      $17, TF(17)($sp)
        lw      $18, TF(18)($sp)
        lw      $19, TF(19)($sp)
        lw      $20, TF(20)($sp)
        lw      $21, TF(21)($sp)
        lw      $22, TF(22)($sp)
        lw      $23, TF(23)($sp)
        lw      $24, TF(24)($sp)
        lw      $25, TF(25)($sp)
        lw      $28, TF(28)($sp)
        lw      $30, TF(30)($sp)
        lw      $31, TF(31)($sp)
        lw      $sp, TF(29)($sp)
        eret

/* ---- entry point: every CPU, $a0 = CPU number, $a1 = command line (CPU 0) ------------------- */
        .section .text.start, "ax", @progbits
        .globl  _start
_start:
        la      $8, _ebase
        mtc0    $8, $15, 1              /* EBase */
        ehb
        li      $8, 0x20000000          /* Status: CU1 (user FPU; FR=0), BEV=0, interrupts off */
        mtc0    $8, $12
        ehb
        li      $8, -8
        and     $sp, $sp, $8
        bnez    $4, 2f
        nop
        la      $8, __bss_start         /* CPU 0 clears .bss */
        la      $9, __bss_end
1:      beq     $8, $9, 2f
        nop
        sw      $0, 0($8)
        b       1b
        addiu   $8, $8, 4
2:      move    $6, $sp                 /* a2 = the boot stack (tells the node size) */
        jal     kmain                   /* kmain(cpu, cmdline, sp): never returns */
        addiu   $sp, $sp, -16
3:      b       3b
        nop

/* ---- swtch(uint32_t *save_sp, uint32_t new_sp) --------------------------------------------- */
        .text
        .globl  swtch
swtch:
        addiu   $sp, $sp, -48
        sw      $16, 0($sp)
        sw      $17, 4($sp)
        sw      $18, 8($sp)
        sw      $19, 12($sp)
        sw      $20, 16($sp)
        sw      $21, 20($sp)
        sw      $22, 24($sp)
        sw      $23, 28($sp)
        sw      $28, 32($sp)
        sw      $30, 36($sp)
        sw      $31, 40($sp)
        sw      $sp, 0($4)
        move    $sp, $5
        lw      $16, 0($sp)
        lw      $17, 4($sp)
        lw      $18, 8($sp)
        lw      $19, 12($sp)
        lw      $20, 16($sp)
        lw      $21, 20($sp)
        lw      $22, 24($sp)
        lw      $23, 28($sp)
        lw      $28, 32($sp)
        lw      $30, 36($sp)
        lw      $31, 40($sp)
        jr      $31
        addiu   $sp, $sp, 48

/* A new process's first switch lands here (its saved ra), with $sp 48 bytes below its frame. */
        .globl  fork_start
fork_start:
        jal     fork_return             /* C: drops the kernel lock, loads the address space */
        nop
        j       trap_return
        nop

/* ---- the user's FPU state: 32 single registers (FR=0, as 16 doubles) and FCSR --------------- */
        .set    push
        .set    hardfloat
        .globl  fpu_save
fpu_save:
        sdc1    $f0, 0($4)
        sdc1    $f2, 8($4)
        sdc1    $f4, 16($4)
        sdc1    $f6, 24($4)
        sdc1    $f8, 32($4)
        sdc1    $f10, 40($4)
        sdc1    $f12, 48($4)
        sdc1    $f14, 56($4)
        sdc1    $f16, 64($4)
        sdc1    $f18, 72($4)
        sdc1    $f20, 80($4)
        sdc1    $f22, 88($4)
        sdc1    $f24, 96($4)
        sdc1    $f26, 104($4)
        sdc1    $f28, 112($4)
        sdc1    $f30, 120($4)
        cfc1    $8, $31
        jr      $31
        sw      $8, 128($4)

        .globl  fpu_restore
fpu_restore:
        ldc1    $f0, 0($4)
        ldc1    $f2, 8($4)
        ldc1    $f4, 16($4)
        ldc1    $f6, 24($4)
        ldc1    $f8, 32($4)
        ldc1    $f10, 40($4)
        ldc1    $f12, 48($4)
        ldc1    $f14, 56($4)
        ldc1    $f16, 64($4)
        ldc1    $f18, 72($4)
        ldc1    $f20, 80($4)
        ldc1    $f22, 88($4)
        ldc1    $f24, 96($4)
        ldc1    $f26, 104($4)
        ldc1    $f28, 112($4)
        ldc1    $f30, 120($4)
        lw      $8, 128($4)
        ctc1    $8, $31
        jr      $31
        nop
        .set    pop
