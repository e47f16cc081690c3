/* LL/SC: hand-written retry loops (atomic add, swap, compare-and-swap, a spin lock) and the
 * __atomic builtins, which gcc turns into ll/sc loops with sync barriers. The program is single
 * threaded, so every SC is expected to succeed eventually; the loops count their retries only
 * into a total that is not printed, because how often an SC fails (an interrupt or a context
 * switch between LL and SC) is not part of the architecture's contract. */
//@run
#include <stdint.h>
#include <stdio.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }
static unsigned retries; /* not printed: see above */

static uint32_t atomic_add(volatile uint32_t *p, uint32_t v) {
  uint32_t old, tmp;
  __asm__ volatile(".set push\n\t.set noreorder\n"
                   "1:\t ll %0, 0(%3)\n\t"
                   "addu %1, %0, %4\n\t"
                   "sc %1, 0(%3)\n\t"
                   "beqz %1, 2f\n\t nop\n\t"
                   "b 3f\n\t nop\n"
                   "2:\t addiu %2, %2, 1\n\t"
                   "b 1b\n\t nop\n"
                   "3:\n\t.set pop"
                   : "=&r"(old), "=&r"(tmp), "+r"(retries) : "r"(p), "r"(v) : "memory");
  return old;
}

/* Compare-and-swap: returns 1 and stores desired only if *p == expected. */
static int cas(volatile uint32_t *p, uint32_t expected, uint32_t desired) {
  uint32_t old, tmp;
  int ok;
  __asm__ volatile(".set push\n\t.set noreorder\n"
                   "1:\t ll %0, 0(%3)\n\t"
                   "bne %0, %4, 2f\n\t li %2, 0\n\t"
                   "move %1, %5\n\t"
                   "sc %1, 0(%3)\n\t"
                   "beqz %1, 1b\n\t li %2, 1\n"
                   "2:\n\t.set pop"
                   : "=&r"(old), "=&r"(tmp), "=&r"(ok) : "r"(p), "r"(expected), "r"(desired)
                   : "memory");
  return ok;
}

/* sc writes 1 into its register on success; the old register value is gone. */
static uint32_t sc_result(volatile uint32_t *p, uint32_t v) {
  uint32_t t = v;
  __asm__ volatile("ll $t0, 0(%1)\n\tsc %0, 0(%1)" : "+r"(t) : "r"(p) : "t0", "memory");
  return t;
}

static volatile uint32_t lockword;
static void spin_lock(void) {
  while (!cas(&lockword, 0, 1)) {
  }
  __asm__ volatile("sync" ::: "memory");
}
static void spin_unlock(void) {
  __asm__ volatile("sync" ::: "memory");
  lockword = 0;
}

int main(void) {
  static volatile uint32_t words[16];
  static volatile uint64_t counter64;
  uint32_t x = 1;
  for (int i = 0; i < 2000; i++) {
    x = x * 1103515245u + 12345u;
    unsigned k = (x >> 16) & 15;
    uint32_t old = atomic_add(&words[k], x >> 8);
    mix(old);
    if (i % 97 == 0) printf("add %4d word %2u old %08x new %08x\n", i, k, old, words[k]);
  }
  for (int k = 0; k < 16; k++) printf("word %2d = %08x\n", k, words[k]);

  /* CAS that fails leaves memory alone and reports 0. */
  words[0] = 10;
  printf("cas(10->11) = %d, now %u\n", cas(&words[0], 10, 11), words[0]);
  printf("cas(10->12) = %d, now %u\n", cas(&words[0], 10, 12), words[0]);
  printf("sc register after success = %u, memory = %u\n", sc_result(&words[1], 77), words[1]);

  /* Builtins: gcc emits ll/sc loops for these on MIPS32. */
  static uint32_t a32 = 5;
  for (uint32_t i = 0; i < 500; i++) {
    uint32_t o1 = __atomic_fetch_add(&a32, i, __ATOMIC_SEQ_CST);
    uint32_t o2 = __atomic_fetch_xor(&a32, i * 0x9e3779b9u, __ATOMIC_ACQ_REL);
    uint32_t o3 = __atomic_fetch_and(&a32, ~(1u << (i & 31)), __ATOMIC_RELAXED);
    uint32_t o4 = __atomic_fetch_or(&a32, 1u << ((i * 7) & 31), __ATOMIC_RELEASE);
    uint32_t o5 = __atomic_exchange_n(&a32, o4 + 3, __ATOMIC_SEQ_CST);
    /* Odd rounds expect the value just stored (the CAS succeeds), even ones a stale value. */
    uint32_t expect = (i & 1) ? o4 + 3 : o5;
    int swapped = __atomic_compare_exchange_n(&a32, &expect, expect * 3, 0, __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
    mix(o1); mix(o2); mix(o3); mix(o4); mix(o5); mix((uint32_t)swapped);
    if (i % 50 == 0)
      printf("builtin %3u: %08x %08x %08x %08x %08x %d -> %08x\n", i, o1, o2, o3, o4, o5,
             swapped, a32);
  }
  /* Sub-word atomics: gcc builds them from ll/sc on the containing word with masks. */
  static uint8_t bytes[8];
  static uint16_t halves[4];
  for (int i = 0; i < 300; i++) {
    __atomic_fetch_add(&bytes[i & 7], (uint8_t)(i * 13), __ATOMIC_SEQ_CST);
    __atomic_fetch_sub(&halves[i & 3], (uint16_t)(i * 1001), __ATOMIC_SEQ_CST);
  }
  for (int i = 0; i < 8; i++) printf("byte %d = %u\n", i, bytes[i]);
  for (int i = 0; i < 4; i++) printf("half %d = %u\n", i, halves[i]);
  /* 64-bit atomics are not lock-free on MIPS32: libatomic, or a lock around plain accesses. */
  for (int i = 0; i < 100; i++) {
    spin_lock();
    counter64 += 0x100000001ull * (uint64_t)i;
    spin_unlock();
  }
  printf("counter64 = %016llx, lock = %u\n", (unsigned long long)counter64, lockword);
  mix((uint32_t)counter64);
  printf("checksum %08x\n", sum);
  return (int)(sum & 0x3f);
}
