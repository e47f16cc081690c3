/* Recursion: n-queens by backtracking for n = 1..10 (counting all solutions and printing the
 * first board of each n), Ackermann for small arguments (deep, irregular recursion), naive
 * Fibonacci (many small calls and returns: jal/jr ra and the stack), Towers of Hanoi with a
 * checksum of the moves, and a recursive permutation generator. Exercises calls, returns and
 * stack frames much more than arithmetic. */
//@run
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int cols[16];
static long solutions;
static int first[16];
static int have_first;

static int safe(int row, int col) {
  for (int r = 0; r < row; r++) {
    int c = cols[r];
    if (c == col || r - c == row - col || r + c == row + col) return 0;
  }
  return 1;
}
static void queens(int row, int n) {
  if (row == n) {
    if (!have_first) {
      memcpy(first, cols, sizeof first);
      have_first = 1;
    }
    solutions++;
    return;
  }
  for (int c = 0; c < n; c++)
    if (safe(row, c)) {
      cols[row] = c;
      queens(row + 1, n);
    }
}

static unsigned ack(unsigned m, unsigned n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint32_t hanoi_sum;
static unsigned long hanoi_moves;
static void hanoi(int n, int from, int to, int via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  hanoi_moves++;
  hanoi_sum = hanoi_sum * 7 + (uint32_t)(n * 9 + from * 3 + to);
  hanoi(n - 1, via, to, from);
}

static char perm[8];
static int nperm;
static uint32_t perm_hash;
static void permute(int k, int n) {
  if (k == n) {
    nperm++;
    for (int i = 0; i < n; i++) perm_hash = perm_hash * 31 + (uint32_t)perm[i];
    if (nperm <= 6 || nperm % 1000 == 0) printf("perm %d: %.*s\n", nperm, n, perm);
    return;
  }
  for (int i = k; i < n; i++) {
    char t = perm[k];
    perm[k] = perm[i];
    perm[i] = t;
    permute(k + 1, n);
    t = perm[k];
    perm[k] = perm[i];
    perm[i] = t;
  }
}

int main(void) {
  uint32_t check = 0;
  for (int n = 1; n <= 10; n++) {
    solutions = 0;
    have_first = 0;
    queens(0, n);
    printf("queens %2d: %ld solutions", n, solutions);
    if (have_first) {
      printf(", first:");
      for (int i = 0; i < n; i++) printf(" %d", first[i]);
    }
    printf("\n");
    check = check * 131 + (uint32_t)solutions;
  }
  if (have_first) {
    for (int r = 0; r < 10; r++) {
      for (int c = 0; c < 10; c++) putchar(first[r] == c ? 'Q' : '.');
      putchar('\n');
    }
  }
  for (unsigned m = 0; m <= 3; m++)
    for (unsigned n = 0; n <= 5; n++) {
      unsigned a = ack(m, n);
      printf("ack(%u,%u) = %u\n", m, n, a);
      check = check * 131 + a;
    }
  for (uint32_t n = 0; n <= 24; n += 3) {
    uint32_t f = fib(n);
    printf("fib(%u) = %u\n", n, f);
    check = check * 131 + f;
  }
  hanoi(16, 0, 2, 1);
  printf("hanoi 16: %lu moves, hash %08x\n", hanoi_moves, hanoi_sum);
  memcpy(perm, "abcdefg", 7);
  permute(0, 7);
  printf("%d permutations, hash %08x\n", nperm, perm_hash);
  check ^= hanoi_sum ^ perm_hash;
  printf("checksum %08x\n", check);
  return (int)(check & 0x7f);
}
