/* A compute-bound benchmark in the spirit of CoreMark (written for this project, not derived
 * from CoreMark's code): each iteration runs four kernels over data set up once, and folds their
 * results into a CRC so that no kernel can be skipped and every run prints one checkable number.
 *
 *   list    a singly linked list of 200 nodes in a pool: find by value, reverse, and a merge
 *           sort by a key that changes every iteration (pointer chasing, unpredictable branches)
 *   matrix  32x32 16-bit matrices: add a constant, matrix-vector and matrix-matrix products
 *           into 32-bit accumulators, and a bit-field extraction of the results (mul, mflo)
 *   state   a state machine that classifies the tokens of a 400-byte text as integers, decimals,
 *           numbers with exponents, or invalid (switch dispatch, byte loads)
 *   crc     CRC-16/CCITT bitwise and CRC-32 table-driven over the results and a buffer
 *
 * Usage: coremark_like [iterations]. Without an argument it runs DEFAULT_ITERATIONS, chosen so
 * that one run takes about half a second under qemu-mips (see guests/linux/README.md). Output:
 * the iteration count, the per-kernel CRCs and the final checksum; exit status 0. Nothing
 * depends on time, addresses or the environment. */
//@run 3
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ITERATIONS 5000

/* ---- CRC ---- */
static uint16_t crc16_byte(uint8_t data, uint16_t crc) {
  crc ^= (uint16_t)data << 8;
  for (int i = 0; i < 8; i++) crc = (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  return crc;
}
static uint16_t crc16_u32(uint32_t v, uint16_t crc) {
  crc = crc16_byte((uint8_t)v, crc);
  crc = crc16_byte((uint8_t)(v >> 8), crc);
  crc = crc16_byte((uint8_t)(v >> 16), crc);
  return crc16_byte((uint8_t)(v >> 24), crc);
}
static uint32_t crc32_table[256];
static void crc32_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc32_table[i] = c;
  }
}
static uint32_t crc32_buf(const uint8_t *p, size_t n, uint32_t crc) {
  crc = ~crc;
  while (n--) crc = crc32_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

/* ---- list ---- */
#define LIST_N 200
struct node {
  struct node *next;
  int16_t key;
  int16_t value;
};
static struct node pool[LIST_N];
static struct node *head;

static void list_init(void) {
  uint32_t s = 1;
  for (int i = 0; i < LIST_N; i++) {
    s = s * 1103515245u + 12345u;
    pool[i].key = (int16_t)(s >> 17);
    pool[i].value = (int16_t)i;
    pool[i].next = i + 1 < LIST_N ? &pool[i + 1] : NULL;
  }
  head = &pool[0];
}
static struct node *list_find(struct node *l, int16_t value) {
  while (l && l->value != value) l = l->next;
  return l;
}
static struct node *list_reverse(struct node *l) {
  struct node *prev = NULL;
  while (l) {
    struct node *next = l->next;
    l->next = prev;
    prev = l;
    l = next;
  }
  return prev;
}
/* Bottom-up merge sort of a list by (key ^ mask), stable. */
static struct node *list_sort(struct node *l, int16_t mask) {
  for (int width = 1;; width *= 2) {
    struct node *p = l, *tail = NULL;
    l = NULL;
    int merges = 0;
    while (p) {
      merges++;
      struct node *q = p;
      int psize = 0;
      for (int i = 0; i < width && q; i++) {
        psize++;
        q = q->next;
      }
      int qsize = width;
      while (psize > 0 || (qsize > 0 && q)) {
        struct node *e;
        if (psize == 0) {
          e = q; q = q->next; qsize--;
        } else if (qsize == 0 || !q) {
          e = p; p = p->next; psize--;
        } else if ((int16_t)(p->key ^ mask) <= (int16_t)(q->key ^ mask)) {
          e = p; p = p->next; psize--;
        } else {
          e = q; q = q->next; qsize--;
        }
        if (tail) tail->next = e; else l = e;
        tail = e;
      }
      p = q;
    }
    tail->next = NULL;
    if (merges <= 1) return l;
  }
}
static uint16_t list_kernel(int iter, uint16_t crc) {
  head = list_sort(head, (int16_t)(iter * 0x1357));
  for (int k = 0; k < 8; k++) {
    struct node *f = list_find(head, (int16_t)((iter * 7 + k * 29) % (LIST_N + 20)));
    crc = crc16_u32(f ? (uint32_t)(uint16_t)f->key : 0xffffu, crc);
  }
  head = list_reverse(head);
  int16_t acc = 0;
  int n = 0;
  for (struct node *p = head; p && n < 16; p = p->next, n++) acc = (int16_t)(acc * 3 + p->key);
  return crc16_u32((uint32_t)(uint16_t)acc, crc);
}

/* ---- matrix ---- */
#define MN 32
static int16_t ma[MN][MN], mb[MN][MN];
static int32_t mc[MN][MN];
static int16_t vec[MN];
static int32_t vres[MN];

static void matrix_init(void) {
  uint32_t s = 7;
  for (int i = 0; i < MN; i++) {
    for (int j = 0; j < MN; j++) {
      s = s * 1664525u + 1013904223u;
      ma[i][j] = (int16_t)((s >> 20) - 2048);
      mb[i][j] = (int16_t)((s >> 8) & 0xff) - 128;
    }
    vec[i] = (int16_t)(i * 37 - 500);
  }
}
static uint16_t matrix_kernel(int iter, uint16_t crc) {
  int16_t c = (int16_t)(iter & 0xff);
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) ma[i][j] = (int16_t)(ma[i][j] + c);
  for (int i = 0; i < MN; i++) {
    int32_t s = 0;
    for (int j = 0; j < MN; j++) s += ma[i][j] * vec[j];
    vres[i] = s;
  }
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      int32_t s = 0;
      for (int k = 0; k < MN; k++) s += ma[i][k] * mb[k][j];
      mc[i][j] = s;
    }
  uint32_t bits = 0;
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) bits += (uint32_t)(mc[i][j] >> 2) & 0xf0f;
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) ma[i][j] = (int16_t)(ma[i][j] - c); /* undo: same data next time */
  crc = crc16_u32(bits, crc);
  return crc16_u32((uint32_t)vres[iter % MN], crc);
}

/* ---- state machine ---- */
enum state { START, INT, SIGN, DEC, FRAC, EXP, EXPSIGN, EXPINT, INVALID, NSTATES };
static char text[400];
static void text_init(void) {
  static const char *const tokens[] = {"5012", "1.25", "-190", "+0.5e-3", "7e", "abc", "-.5",
                                       "3.14159", "12e+9", "0x1f", "--1", "42", "6.0E10", "+",
                                       "999999", "1.2.3"};
  size_t n = 0;
  uint32_t s = 3;
  while (n < sizeof text - 12) {
    s = s * 1103515245u + 12345u;
    const char *t = tokens[(s >> 16) % 16];
    size_t l = strlen(t);
    memcpy(text + n, t, l);
    n += l;
    text[n++] = ((s >> 8) & 3) ? ' ' : ',';
  }
  text[n] = 0;
}
static enum state step(enum state st, char ch) {
  int digit = ch >= '0' && ch <= '9';
  switch (st) {
    case START:
      if (digit) return INT;
      if (ch == '+' || ch == '-') return SIGN;
      if (ch == '.') return DEC;
      return INVALID;
    case SIGN:
      if (digit) return INT;
      if (ch == '.') return DEC;
      return INVALID;
    case INT:
      if (digit) return INT;
      if (ch == '.') return DEC;
      if (ch == 'e' || ch == 'E') return EXP;
      return INVALID;
    case DEC:
      return digit ? FRAC : INVALID;
    case FRAC:
      if (digit) return FRAC;
      if (ch == 'e' || ch == 'E') return EXP;
      return INVALID;
    case EXP:
      if (ch == '+' || ch == '-') return EXPSIGN;
      return digit ? EXPINT : INVALID;
    case EXPSIGN:
    case EXPINT:
      return digit ? EXPINT : INVALID;
    default:
      return INVALID;
  }
}
static uint16_t state_kernel(int iter, uint16_t crc) {
  uint32_t counts[NSTATES] = {0};
  uint32_t transitions = 0;
  /* Each iteration starts at a different offset and flips one character, so the work differs. */
  size_t flip = (size_t)(iter * 13) % (sizeof text - 1);
  char saved = text[flip];
  if (saved >= '0' && saved <= '8') text[flip] = (char)(saved + 1);
  enum state st = START;
  for (const char *p = text + iter % 5; *p; p++) {
    if (*p == ' ' || *p == ',') {
      counts[st]++;
      st = START;
      continue;
    }
    enum state nst = step(st, *p);
    transitions += nst != st;
    st = nst;
  }
  counts[st]++;
  text[flip] = saved;
  for (int i = 0; i < NSTATES; i++) crc = crc16_u32(counts[i], crc);
  return crc16_u32(transitions, crc);
}

int main(int argc, char **argv) {
  long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_ITERATIONS;
  if (iterations <= 0) {
    fprintf(stderr, "usage: coremark_like [iterations > 0]\n");
    return 2;
  }
  crc32_init();
  list_init();
  matrix_init();
  text_init();
  uint16_t crc_list = 0, crc_matrix = 0, crc_state = 0;
  uint32_t total = 0;
  for (long it = 0; it < iterations; it++) {
    crc_list = list_kernel((int)it, crc_list);
    crc_matrix = matrix_kernel((int)it, crc_matrix);
    crc_state = state_kernel((int)it, crc_state);
    uint8_t block[6] = {(uint8_t)crc_list, (uint8_t)(crc_list >> 8), (uint8_t)crc_matrix,
                        (uint8_t)(crc_matrix >> 8), (uint8_t)crc_state, (uint8_t)(crc_state >> 8)};
    total = crc32_buf(block, sizeof block, total);
  }
  total = crc32_buf((const uint8_t *)text, strlen(text), total);
  printf("iterations %ld\n", iterations);
  printf("crc list %04x matrix %04x state %04x\n", crc_list, crc_matrix, crc_state);
  printf("checksum %08x\n", total);
  return 0;
}
