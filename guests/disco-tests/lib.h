/*
 * lib.h: the little runtime every test guest shares (crt0.S, lib.c). The guest runs under the
 * Disco monitor (docs/monitor-interface.md): its "kernel mode" is the processor's supervisor mode,
 * its memory is the supervisor segment at DISCO_PHYS_BASE, its console and halt are monitor calls,
 * and every CP0 instruction is emulated by the monitor.
 *
 * This file is also included by assembly (crt0.S): the part for C is under !__ASSEMBLER__.
 */
#ifndef DISCO_TESTS_LIB_H
#define DISCO_TESTS_LIB_H

#include "disco_monitor.h"

/* The header's address constants carry a C 'u' suffix, which the assembler does not accept. */
#define PRIV_PAGE_ADDR 0xDFFFF000

#define MAX_VCPUS 4           /* the most vCPUs these guests give stacks to */
#define STACK_SHIFT 13        /* 8 KB kernel stack per vCPU */
#define EXC_STACK_SHIFT 11    /* 2 KB exception stack per vCPU */

/* CP0 registers (number, select) */
#define CP0_INDEX 0
#define CP0_ENTRYLO0 2
#define CP0_ENTRYLO1 3
#define CP0_CONTEXT 4         /* select 2: UserLocal */
#define CP0_PAGEMASK 5
#define CP0_WIRED 6
#define CP0_BADVADDR 8
#define CP0_COUNT 9
#define CP0_ENTRYHI 10
#define CP0_COMPARE 11
#define CP0_STATUS 12
#define CP0_CAUSE 13
#define CP0_EPC 14
#define CP0_EBASE 15          /* select 1 */

/* Status */
#define ST_IE 0x00000001
#define ST_EXL 0x00000002
#define ST_ERL 0x00000004
#define ST_KSU_USER 0x00000010
#define ST_KSU_MASK 0x00000018
#define ST_IM(line) (1 << (8 + (line)))
#define ST_BEV 0x00400000

/* Cause */
#define CAUSE_EXCCODE(c) (((c) >> 2) & 31)
#define CAUSE_IP(line) (1 << (8 + (line)))
#define CAUSE_BD 0x80000000

/* ExcCodes (MIPS32 Vol. III, Cause register) */
#define EXC_INT 0
#define EXC_MOD 1
#define EXC_TLBL 2
#define EXC_TLBS 3
#define EXC_ADEL 4
#define EXC_ADES 5
#define EXC_IBE 6
#define EXC_DBE 7
#define EXC_SYS 8

/* EntryLo: PFN in bits 29..6, C (cacheability) 5..3, D (writable), V (valid), G (global) */
#define ENTRYLO(pa) ((((pa) >> 12) << 6) | (3 << 3))
#define ENTRYLO_D 0x4
#define ENTRYLO_V 0x2
#define ENTRYLO_G 0x1

#define INDEX_P 0x80000000  /* Index.P: the last TLBP found nothing */

/* The two vectors crt0.S fills (offsets from EBase) */
#define VEC_REFILL 0x000
#define VEC_GENERAL 0x180

#ifndef __ASSEMBLER__

typedef unsigned int u32;
typedef int s32;
typedef unsigned char u8;

/* A word of the privileged-register page, e.g. PRIV(DISCO_PRIV_CAUSE). */
#define PRIV(off) (*(volatile const u32 *)(DISCO_PRIV_PAGE + (off)))

/* The guest-physical address of something in the image (linked in the supervisor segment). */
#define PA(p) ((u32)(p) - DISCO_PHYS_BASE)

/* ---- monitor calls -------------------------------------------------------------------------- */

/* SYSCALL in kernel mode: $v0 the call, $a0..$a3 the arguments, the result in $v0; the monitor
 * preserves every other register but $v1 (the high word of TIME_NANOS). */
static inline u32 mcall(u32 call, u32 a0, u32 a1, u32 a2, u32 a3)
{
  register u32 v0 __asm__("$2") = call;
  register u32 r4 __asm__("$4") = a0;
  register u32 r5 __asm__("$5") = a1;
  register u32 r6 __asm__("$6") = a2;
  register u32 r7 __asm__("$7") = a3;
  __asm__ __volatile__("syscall" : "+r"(v0) : "r"(r4), "r"(r5), "r"(r6), "r"(r7) : "$3", "memory");
  return v0;
}

#define mcall0(call) mcall((call), 0, 0, 0, 0)
#define mcall1(call, a0) mcall((call), (a0), 0, 0, 0)

/* ---- CP0 (each instruction traps to the monitor and is emulated) ---------------------------- */

#define mfc0(reg, sel)                                                    \
  ({                                                                      \
    u32 mfc0_v_;                                                          \
    __asm__ __volatile__("mfc0 %0, $" #reg ", " #sel : "=r"(mfc0_v_));  \
    mfc0_v_;                                                              \
  })

/* mtc0 then ehb, as on hardware (under the monitor the ehb is an ordinary no-op). */
#define mtc0(reg, sel, value)                                                                    \
  __asm__ __volatile__("mtc0 %0, $" #reg ", " #sel "\n\tehb" : : "r"((u32)(value)) : "memory")

#define tlb_op(op) __asm__ __volatile__(op "\n\tehb" : : : "memory")

/* ---- console and halt ----------------------------------------------------------------------- */

void putc(int c);
void puts(const char *s); /* no newline added */
/* %s %c %d %u, and %x in lower-case hex; a one-digit width pads %x with zeros (%8x, %2x). */
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void halt(u32 status) __attribute__((noreturn));
/* Prints "panic: " and the message and a newline, halts with status 1. */
void panic(const char *msg) __attribute__((noreturn));

/* ---- exceptions ----------------------------------------------------------------------------- */

/*
 * A program's exception handler: called by the vectors (crt0.S) at EXL = 1 on this vCPU's
 * exception stack, with the vector (VEC_REFILL or VEC_GENERAL) and the virtual Cause. Returns
 * nonzero when it dealt with the exception: the vector restores the registers and ERETs to the
 * virtual EPC (which the handler may have moved). Returns 0, or no handler installed: lib.c
 * prints "unexpected exception ..." and halts with status 3.
 */
typedef int (*exception_hook_t)(u32 vector, u32 cause);
void set_exception_hook(exception_hook_t hook);

/* With interrupts enabled at the end: waits (DISCO_MC_IDLE) until *count >= target, an interrupt
 * handler counting. Tests with DI and sleeps with IE = 0, so no interrupt is lost between the
 * test and the monitor call; EI lets the pending interrupt in. Status.IM must enable it. */
void wait_for(volatile u32 *count, u32 target);

/* ---- crt0 ----------------------------------------------------------------------------------- */

extern char _ebase[];             /* the exception page, the image's first: 0xC0010000 */
extern u32 boot_sp[MAX_VCPUS];   /* each vCPU's $sp at its start, before crt0 moved to its own */
extern u32 boot_cmdline;         /* vCPU 0's $a1 at boot */

/* Each program's entry, called by crt0 on every vCPU that starts, with the vCPU number ($a0).
 * On vCPU 0 the return value is the exit status (crt0 halts with it); another vCPU parks. */
int main(u32 vcpu);

/* ---- memory (GCC may call memset even in freestanding code) --------------------------------- */

void *memset(void *dst, int c, unsigned n);

#endif /* !__ASSEMBLER__ */
#endif
