/*
 * rt.h: the runtime the privileged conformance programs share (see README.md).
 *
 * Two functions come from the platform layer, one file per machine: plat_putc (one byte out) and
 * plat_stop (stop the machine with a status). Everything else is the same code on both machines.
 */
#ifndef CONFORMANCE_RT_H
#define CONFORMANCE_RT_H

typedef unsigned int u32;

/* ---- the platform layer (plat-disco.c, plat-malta.c) ---- */
void plat_putc(int c);
void plat_stop(int status) __attribute__((noreturn));

/* ---- output ---- */
void putc(int c);
void puts(const char *s);
/* %s %c %d %u %x, an optional '0' flag and width: nothing else. */
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "stop: STATUS" and stops. */
void stop(int status) __attribute__((noreturn));

/* ---- CP0 ---- */
#define mfc0(reg, sel)                                                   \
  ({                                                                     \
    u32 mfc0_v_;                                                         \
    __asm__ __volatile__("mfc0 %0, $" #reg ", " #sel : "=r"(mfc0_v_)); \
    mfc0_v_;                                                             \
  })
#define mtc0(reg, sel, value) \
  __asm__ __volatile__("mtc0 %0, $" #reg ", " #sel "\n\tehb" : : "r"((u32)(value)) : "memory")

#define C0_INDEX 0
#define C0_RANDOM 1
#define C0_ENTRYLO0 2
#define C0_ENTRYLO1 3
#define C0_CONTEXT 4
#define C0_PAGEMASK 5
#define C0_WIRED 6
#define C0_BADVADDR 8
#define C0_COUNT 9
#define C0_ENTRYHI 10
#define C0_COMPARE 11
#define C0_STATUS 12
#define C0_CAUSE 13
#define C0_EPC 14

#define ST_IE 0x1u
#define ST_EXL 0x2u
#define ST_ERL 0x4u
#define ST_KSU_SUPER 0x8u
#define ST_KSU_USER 0x10u
#define ST_IM(n) (1u << (8 + (n)))
#define ST_BEV 0x00400000u
#define ST_CU0 0x10000000u
#define ST_CU1 0x20000000u

/* ---- what the exception vectors record (crt0.S) ---- */
struct exc {
  u32 vector;   /* 1 TLB refill (EBase + 0x000), 2 general (EBase + 0x180), 3 interrupt (+ 0x200) */
  u32 cause, epc, badvaddr, status, context, entryhi;
  u32 count;    /* exceptions taken since the last clear */
  u32 resume;   /* where the vector returns to (ERET with EPC = this); 0: stop, unexpected */
  u32 resume_status; /* Status written before that ERET (EXL set) */
};
extern volatile struct exc exc;

/* Runs code at pc with Status = status (mode bits KSU, and any other), a0 and a1 given, through an
 * ERET; the next exception comes back here (in kernel mode, with the caller's Status). Returns the
 * code's $v0. The code may use only at, v0, v1, a0-a3, t0-t9. */
u32 enter(u32 pc, u32 status, u32 a0, u32 a1);

/* User-page snippets (.text.user, crt0.S); each ends with SYSCALL when nothing went wrong. */
extern char __user_page[];
extern char s_lw[], s_sw[], s_lh[], s_sh[], s_jr[], s_mfc0_status[], s_mtc0_status[], s_eret[],
    s_tlbp[], s_wait[], s_cache[], s_mfc1[], s_mfc2[], s_syscall[], s_break[], s_ri[],
    s_beq_taken_lw[], s_bne_nottaken_lw[], s_bne00_lw[], s_jr_lw[], s_beql_nottaken_lw[], s_beq_syscall[],
    s_bal_lw[];
/* The address of a user-page snippet seen through the mapping at va (which maps the user page). */
#define AT(va, snippet) ((u32)(va) + (u32)((snippet) - __user_page))

/* Prints "WHAT: " then the outcome of the last enter(): "ok" when it ended with its SYSCALL at
 * pc + ok_at, else the exception (name, vector, EPC relative to pc, BD, BadVAddr for codes 1-5,
 * CE for Coprocessor Unusable, Status.KSU/ERL/EXL/IE as the vector saw them). */
void report(const char *what, u32 pc, u32 ok_at);
void report_exc(u32 base);
void clear_exc(void);
const char *vector_name(u32 vector);
const char *exc_name(u32 code);

/* ---- TLB ---- */
/* Eight 4 KB data pages at physical 0x100000 (1 MB, above the image, in RAM on both machines),
 * 32 KB aligned; the programs touch them through kseg1 and uncached mappings only. */
#define PAGE_DATA(i) (0x80100000u + 4096u * (i))
#define UNCACHED(p) (((u32)(p) & 0x1FFFFFFFu) | 0xA0000000u)
#define PHYS(p) ((u32)(p) & 0x1FFFFFFFu)
/* EntryLo for the physical page of kseg0 address p: C=2 (uncached), and the D, V, G bits given. */
#define LO(p, d, v, g) (((PHYS(p) >> 12) << 6) | (2u << 3) | ((d) << 2) | ((v) << 1) | (g))
/* Word 0 of data page i holds 0x11110000 + i (mark_pages()). */
void mark_pages(void);
void tlb_write(u32 index, u32 hi, u32 lo0, u32 lo1, u32 mask);
u32 tlb_entries(void);  /* Config1.MMUSize + 1 (implementation-defined; not printed) */
void tlb_reset(void);   /* every entry invalid, at a distinct unmapped VPN2; Wired 0; ASID 0 */
void set_asid(u32 asid);
void map_user_page(void); /* entry 0: 0x00400000 -> user page (even), data page 0 (odd); G */

int main(void);

#endif
