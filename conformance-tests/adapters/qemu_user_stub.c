/*
 * The guest half of qemu_user_instructions.py: runs straight-line MIPS32 code words on the CPU
 * that qemu-mips / qemu-mipsel emulates in user mode, with every GPR, HI, LO, FPR and FCSR set
 * from a request and reported afterwards.
 *
 * Built four times (big/little endian x -mfp32/-mfp64): qemu-user gives an o32 executable FR=0
 * when its FP ABI is 32-bit and FR=1 when it is 64-bit, so the build picks the FR mode.
 *
 * Requests and answers are arrays of 32-bit words in the guest's byte order, on stdin/stdout:
 *   request (REQ_WORDS): n, code[MAX_CODE], gpr[32], hi, lo, fcsr, fpr[32], fprh[32]
 *                        (n = 0 ends the program), then the memory part:
 *                        npages, the physical page numbers to map (each at KSEG0_USER + pa and,
 *                        the same memory, at KSEG1_USER + pa), nwrite, nwrite times (pa, len,
 *                        the bytes padded to a multiple of 4), nread, nread times (pa, len)
 *   answer (ANS_WORDS):  signal (0 when the code ran to its end), si_code, pc of the signal,
 *                        gpr[32], hi, lo, fcsr, fpr[32], fprh[32], then for each read its bytes
 *                        padded to a multiple of 4
 * fpr are the words MFC1 reads, fprh those MFHC1 reads (FR=1 only; zero with FR=0). Every page
 * reads as zero when it is mapped for a request (the pages of the request before are cleared).
 *
 * Layout of the guest's low memory, reachable from $0 with a 16-bit offset, so that the code
 * around the vector's words needs no base register and every GPR can hold the vector's value:
 *   0x1000 gpr[32], 0x1080 hi, 0x1084 lo, 0x1088 fcsr, 0x1100 fpr[32], 0x1180 fprh[32],
 *   0x1200 the host's callee-saved registers, 0x1240 a scratch word; 0x4000 the vector's code words, then the exit.
 * The entry sequence is copied to end at 0x4000 and falls through into the code words.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define LOW 0x1000u
#define LOW_SIZE 0x7000u
#define CODE 0x4000u
#define MAX_CODE 16
#define REQ_WORDS (1 + MAX_CODE + 32 + 3 + 64)
#define ANS_WORDS (3 + 32 + 3 + 64)

#define KSEG0_USER 0x20000000u
#define KSEG1_USER 0x40000000u
#define PHYS_LIMIT 0x10000000u
#define MAX_PAGES 64
#define MAX_BYTES 4096

#define CTX_GPR 0x1000
#define CTX_HI 0x1080
#define CTX_LO 0x1084
#define CTX_FCSR 0x1088
#define CTX_FPR 0x1100
#define CTX_FPRH 0x1180

#if defined(__mips_fpr) && __mips_fpr == 64
#define FR1 1
#else
#define FR1 0
#endif

#define S(x) #x
#define STR(x) S(x)

/* Entry: called with jalr from run(); saves the host's registers, loads the vector's state. */
__asm__(
    ".text\n"
    ".set push\n"
    ".set noreorder\n"
    ".set noat\n"
    ".set hardfloat\n"
    ".globl stub_entry\n"
    ".globl stub_entry_end\n"
    ".globl stub_exit\n"
    ".globl stub_exit_end\n"
    "stub_entry:\n"
    "sw $16, 0x1200($0)\n sw $17, 0x1204($0)\n sw $18, 0x1208($0)\n sw $19, 0x120c($0)\n"
    "sw $20, 0x1210($0)\n sw $21, 0x1214($0)\n sw $22, 0x1218($0)\n sw $23, 0x121c($0)\n"
    "sw $28, 0x1220($0)\n sw $29, 0x1224($0)\n sw $30, 0x1228($0)\n sw $31, 0x122c($0)\n"
    "lw $8, 0x1080($0)\n mthi $8\n lw $8, 0x1084($0)\n mtlo $8\n"
#define LDF(i) "lw $8, " STR(CTX_FPR + 4 * i) "($0)\n mtc1 $8, $f" #i "\n"
#if FR1
#define LDFH(i) LDF(i) "lw $8, " STR(CTX_FPRH + 4 * i) "($0)\n mthc1 $8, $f" #i "\n"
#else
#define LDFH(i) LDF(i)
#endif
    LDFH(0) LDFH(1) LDFH(2) LDFH(3) LDFH(4) LDFH(5) LDFH(6) LDFH(7)
    LDFH(8) LDFH(9) LDFH(10) LDFH(11) LDFH(12) LDFH(13) LDFH(14) LDFH(15)
    LDFH(16) LDFH(17) LDFH(18) LDFH(19) LDFH(20) LDFH(21) LDFH(22) LDFH(23)
    LDFH(24) LDFH(25) LDFH(26) LDFH(27) LDFH(28) LDFH(29) LDFH(30) LDFH(31)
    "lw $8, 0x1088($0)\n ctc1 $8, $31\n"
    /* Links the stub's scratch word 0x1240, which no vector can name: an SC of the vector without
       an LL of its own fails, as after reset, whatever LL ran before (QEMU keeps the link). */
    "ll $8, 0x1240($0)\n"
#define LDG(i) "lw $" #i ", " STR(CTX_GPR + 4 * i) "($0)\n"
    LDG(1) LDG(2) LDG(3) LDG(4) LDG(5) LDG(6) LDG(7) LDG(8)
    LDG(9) LDG(10) LDG(11) LDG(12) LDG(13) LDG(14) LDG(15) LDG(16)
    LDG(17) LDG(18) LDG(19) LDG(20) LDG(21) LDG(22) LDG(23) LDG(24)
    LDG(25) LDG(26) LDG(27) LDG(28) LDG(29) LDG(30) LDG(31)
    "stub_entry_end:\n"
    /* Exit: placed right after the vector's code words. */
    "stub_exit:\n"
#define STG(i) "sw $" #i ", " STR(CTX_GPR + 4 * i) "($0)\n"
    STG(1) STG(2) STG(3) STG(4) STG(5) STG(6) STG(7) STG(8)
    STG(9) STG(10) STG(11) STG(12) STG(13) STG(14) STG(15) STG(16)
    STG(17) STG(18) STG(19) STG(20) STG(21) STG(22) STG(23) STG(24)
    STG(25) STG(26) STG(27) STG(28) STG(29) STG(30) STG(31)
    "mfhi $8\n sw $8, 0x1080($0)\n mflo $8\n sw $8, 0x1084($0)\n"
    "cfc1 $8, $31\n sw $8, 0x1088($0)\n"
#define STF(i) "mfc1 $8, $f" #i "\n sw $8, " STR(CTX_FPR + 4 * i) "($0)\n"
#if FR1
#define STFH(i) STF(i) "mfhc1 $8, $f" #i "\n sw $8, " STR(CTX_FPRH + 4 * i) "($0)\n"
#else
#define STFH(i) STF(i)
#endif
    STFH(0) STFH(1) STFH(2) STFH(3) STFH(4) STFH(5) STFH(6) STFH(7)
    STFH(8) STFH(9) STFH(10) STFH(11) STFH(12) STFH(13) STFH(14) STFH(15)
    STFH(16) STFH(17) STFH(18) STFH(19) STFH(20) STFH(21) STFH(22) STFH(23)
    STFH(24) STFH(25) STFH(26) STFH(27) STFH(28) STFH(29) STFH(30) STFH(31)
    /* A clean FCSR for the host (the vector's may enable traps). */
    "ctc1 $0, $31\n"
    "lw $16, 0x1200($0)\n lw $17, 0x1204($0)\n lw $18, 0x1208($0)\n lw $19, 0x120c($0)\n"
    "lw $20, 0x1210($0)\n lw $21, 0x1214($0)\n lw $22, 0x1218($0)\n lw $23, 0x121c($0)\n"
    "lw $28, 0x1220($0)\n lw $29, 0x1224($0)\n lw $30, 0x1228($0)\n lw $31, 0x122c($0)\n"
    "jr $31\n"
    "nop\n"
    "stub_exit_end:\n"
    ".set pop\n");

extern const uint32_t stub_entry[], stub_entry_end[], stub_exit[], stub_exit_end[];

static volatile uint32_t *const ctx = (volatile uint32_t *)LOW;
static sigjmp_buf back;
static uint32_t ans[ANS_WORDS];
static uint32_t code_words;

static void read_fpu(uint32_t *fcsr, uint32_t *fpr, uint32_t *fprh) {
  uint32_t v;
  __asm__ volatile(".set push\n.set hardfloat\n cfc1 %0, $31\n ctc1 $0, $31\n.set pop" : "=r"(v));
  *fcsr = v;
#define RF(i)                                                                                  \
  __asm__ volatile(".set push\n.set hardfloat\n mfc1 %0, $f" #i "\n.set pop" : "=r"(v));       \
  fpr[i] = v;
#if FR1
#define RFH(i)                                                                                 \
  RF(i) __asm__ volatile(".set push\n.set hardfloat\n mfhc1 %0, $f" #i "\n.set pop" : "=r"(v)); \
  fprh[i] = v;
#else
#define RFH(i) RF(i) fprh[i] = 0;
#endif
  RFH(0) RFH(1) RFH(2) RFH(3) RFH(4) RFH(5) RFH(6) RFH(7)
  RFH(8) RFH(9) RFH(10) RFH(11) RFH(12) RFH(13) RFH(14) RFH(15)
  RFH(16) RFH(17) RFH(18) RFH(19) RFH(20) RFH(21) RFH(22) RFH(23)
  RFH(24) RFH(25) RFH(26) RFH(27) RFH(28) RFH(29) RFH(30) RFH(31)
}

static void on_signal(int sig, siginfo_t *si, void *uc_) {
  ucontext_t *uc = uc_;
  mcontext_t *m = &uc->uc_mcontext;
  /* The FPU registers first, before anything could touch them. */
  read_fpu(&ans[3 + 32 + 2], &ans[3 + 32 + 3], &ans[3 + 32 + 3 + 32]);
  uint32_t pc = (uint32_t)m->pc;
  if (pc < CODE || pc >= CODE + 4 * code_words) {
    /* Not the vector's code: the stub itself failed; give up so that the adapter restarts it. */
    _exit(100 + sig);
  }
  ans[0] = (uint32_t)sig;
  ans[1] = (uint32_t)si->si_code;
  ans[2] = pc;
  ans[3] = 0;
  for (int i = 1; i < 32; i++) {
    ans[3 + i] = (uint32_t)m->gregs[i];
  }
  ans[3 + 32] = (uint32_t)m->mdhi;
  ans[3 + 33] = (uint32_t)m->mdlo;
  siglongjmp(back, 1);
}

static int read_full(void *buf, size_t len) {
  char *p = buf;
  while (len > 0) {
    ssize_t k = read(0, p, len);
    if (k <= 0) {
      return -1;
    }
    p += k;
    len -= (size_t)k;
  }
  return 0;
}

static int write_full(const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t k = write(1, p, len);
    if (k <= 0) {
      return -1;
    }
    p += k;
    len -= (size_t)k;
  }
  return 0;
}

static int memfd = -1;
static uint32_t pages[MAX_PAGES];
static uint32_t npages;

/* Clears and unmaps the pages of the request before, maps those of this one; 0 when done. */
static int map_pages(void) {
  for (uint32_t i = 0; i < npages; i++) {
    memset((void *)(KSEG0_USER + (pages[i] << 12)), 0, 4096);
    munmap((void *)(KSEG0_USER + (pages[i] << 12)), 4096);
    munmap((void *)(KSEG1_USER + (pages[i] << 12)), 4096);
  }
  uint32_t n;
  if (read_full(&n, 4) != 0 || n > MAX_PAGES || read_full(pages, 4 * n) != 0) {
    return -1;
  }
  npages = n;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t pa = pages[i] << 12;
    if (pa >= PHYS_LIMIT) {
      return -1;
    }
    void *a = (void *)(KSEG0_USER + pa), *b = (void *)(KSEG1_USER + pa);
    if (mmap(a, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, memfd, pa) != a ||
        mmap(b, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, memfd, pa) != b) {
      return -1;
    }
  }
  return 0;
}

static uint32_t reads[2 * MAX_PAGES];
static uint32_t nreads;
static char buf[MAX_BYTES];

/* Reads the writes and the reads of the request; 0 when done. */
static int memory_request(void) {
  uint32_t n, hdr[2];
  if (read_full(&n, 4) != 0 || n > MAX_PAGES) {
    return -1;
  }
  for (uint32_t i = 0; i < n; i++) {
    if (read_full(hdr, 8) != 0 || hdr[1] > MAX_BYTES || read_full(buf, (hdr[1] + 3) & ~3u) != 0) {
      return -1;
    }
    memcpy((void *)(KSEG0_USER + hdr[0]), buf, hdr[1]);
  }
  if (read_full(&n, 4) != 0 || n > MAX_PAGES || read_full(reads, 8 * n) != 0) {
    return -1;
  }
  nreads = n;
  return 0;
}

static int memory_answer(void) {
  for (uint32_t i = 0; i < nreads; i++) {
    uint32_t len = reads[2 * i + 1] > MAX_BYTES ? MAX_BYTES : reads[2 * i + 1];
    memset(buf, 0, sizeof buf);
    memcpy(buf, (void *)(KSEG0_USER + reads[2 * i]), len);
    if (write_full(buf, (len + 3) & ~3u) != 0) {
      return -1;
    }
  }
  return 0;
}

int main(void) {
  if (mmap((void *)LOW, LOW_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (void *)LOW) {
    return 2;
  }
  memfd = memfd_create("phys", 0);
  if (memfd < 0 || ftruncate(memfd, PHYS_LIMIT) != 0) {
    return 2;
  }
  static char altstack[65536];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  if (sigaltstack(&ss, 0) != 0) {
    return 2;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  int sigs[] = {SIGILL, SIGFPE, SIGTRAP, SIGSEGV, SIGBUS, SIGSYS};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    sigaction(sigs[i], &sa, 0);
  }
  size_t entry_len = (size_t)((const char *)stub_entry_end - (const char *)stub_entry);
  size_t exit_len = (size_t)((const char *)stub_exit_end - (const char *)stub_exit);
  char *entry = (char *)CODE - entry_len;
  memcpy(entry, stub_entry, entry_len);
  void (*run)(void) = (void (*)(void))entry;
  uint32_t req[REQ_WORDS];
  for (;;) {
    if (read_full(req, sizeof req) != 0 || req[0] == 0 || map_pages() != 0 || memory_request() != 0) {
      return 0;
    }
    uint32_t n = req[0] > MAX_CODE ? MAX_CODE : req[0];
    code_words = n;
    memcpy((void *)CODE, &req[1], 4 * n);
    memcpy((char *)CODE + 4 * n, stub_exit, exit_len);
    __builtin___clear_cache(entry, (char *)CODE + 4 * n + exit_len);
    const uint32_t *g = &req[1 + MAX_CODE];
    for (int i = 0; i < 32; i++) {
      ctx[i] = g[i];
    }
    ctx[CTX_HI / 4 - LOW / 4] = g[32];
    ctx[CTX_LO / 4 - LOW / 4] = g[33];
    ctx[CTX_FCSR / 4 - LOW / 4] = g[34];
    for (int i = 0; i < 64; i++) {
      ctx[CTX_FPR / 4 - LOW / 4 + i] = g[35 + i];
    }
    if (sigsetjmp(back, 1) == 0) {
      run();
      ans[0] = 0;
      ans[1] = 0;
      ans[2] = 0;
      ans[3] = 0;
      for (int i = 1; i < 32; i++) {
        ans[3 + i] = ctx[i];
      }
      ans[3 + 32] = ctx[CTX_HI / 4 - LOW / 4];
      ans[3 + 33] = ctx[CTX_LO / 4 - LOW / 4];
      ans[3 + 34] = ctx[CTX_FCSR / 4 - LOW / 4];
      for (int i = 0; i < 64; i++) {
        ans[3 + 35 + i] = ctx[CTX_FPR / 4 - LOW / 4 + i];
      }
#if !FR1
      for (int i = 32; i < 64; i++) {
        ans[3 + 35 + i] = 0;
      }
#endif
    }
    if (write_full(ans, sizeof ans) != 0 || memory_answer() != 0) {
      return 0;
    }
  }
}
