/* A small stack-machine interpreter run twice on the same programs: once dispatching with a
 * switch (gcc emits a bounds check and a jump table: lw of a table entry and jr) and once with
 * computed goto (gcc's labels-as-values: an indirect jr per instruction from many places).
 * The programs compute primes by trial division, a GCD table and the longest Collatz chain, so
 * the indirect branches are heavily exercised and the results checkable by hand. */
//@run
#include <stdint.h>
#include <stdio.h>

enum op { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, JNZ, LOAD, STORE,
          PRINT, HALT, INC, DEC, NEG };

static int32_t stack[256];
static int32_t vars[16];
static uint32_t out_hash;
static int printed;

static void emit(int32_t v) {
  out_hash = out_hash * 31 + (uint32_t)v;
  if (printed++ < 40) printf("%d ", v);
}

static long run_switch(const int32_t *code) {
  int sp = 0, pc = 0;
  long steps = 0;
  for (;;) {
    steps++;
    int32_t a, b;
    switch ((enum op)code[pc++]) {
      case PUSH: stack[sp++] = code[pc++]; break;
      case POP: sp--; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
      case OVER: stack[sp] = stack[sp - 2]; sp++; break;
      case ADD: b = stack[--sp]; stack[sp - 1] += b; break;
      case SUB: b = stack[--sp]; stack[sp - 1] -= b; break;
      case MUL: b = stack[--sp]; stack[sp - 1] *= b; break;
      case DIV: b = stack[--sp]; stack[sp - 1] /= b; break;
      case MOD: b = stack[--sp]; stack[sp - 1] %= b; break;
      case LT: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] < b; break;
      case EQ: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] == b; break;
      case JMP: pc = code[pc]; break;
      case JZ: a = stack[--sp]; pc = a == 0 ? code[pc] : pc + 1; break;
      case JNZ: a = stack[--sp]; pc = a != 0 ? code[pc] : pc + 1; break;
      case LOAD: stack[sp++] = vars[code[pc++]]; break;
      case STORE: vars[code[pc++]] = stack[--sp]; break;
      case PRINT: emit(stack[--sp]); break;
      case INC: stack[sp - 1]++; break;
      case DEC: stack[sp - 1]--; break;
      case NEG: stack[sp - 1] = -stack[sp - 1]; break;
      case HALT: return steps;
    }
  }
}

static long run_goto(const int32_t *code) {
  static const void *const table[] = {
      &&l_push, &&l_pop, &&l_dup, &&l_swap, &&l_over, &&l_add, &&l_sub, &&l_mul,
      &&l_div,  &&l_mod, &&l_lt,  &&l_eq,   &&l_jmp,  &&l_jz,  &&l_jnz, &&l_load,
      &&l_store, &&l_print, &&l_halt, &&l_inc, &&l_dec, &&l_neg};
  int sp = 0, pc = 0;
  long steps = 0;
  int32_t a, b;
#define NEXT do { steps++; goto *table[code[pc++]]; } while (0)
  NEXT;
l_push: stack[sp++] = code[pc++]; NEXT;
l_pop: sp--; NEXT;
l_dup: stack[sp] = stack[sp - 1]; sp++; NEXT;
l_swap: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; NEXT;
l_over: stack[sp] = stack[sp - 2]; sp++; NEXT;
l_add: b = stack[--sp]; stack[sp - 1] += b; NEXT;
l_sub: b = stack[--sp]; stack[sp - 1] -= b; NEXT;
l_mul: b = stack[--sp]; stack[sp - 1] *= b; NEXT;
l_div: b = stack[--sp]; stack[sp - 1] /= b; NEXT;
l_mod: b = stack[--sp]; stack[sp - 1] %= b; NEXT;
l_lt: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] < b; NEXT;
l_eq: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] == b; NEXT;
l_jmp: pc = code[pc]; NEXT;
l_jz: a = stack[--sp]; pc = a == 0 ? code[pc] : pc + 1; NEXT;
l_jnz: a = stack[--sp]; pc = a != 0 ? code[pc] : pc + 1; NEXT;
l_load: stack[sp++] = vars[code[pc++]]; NEXT;
l_store: vars[code[pc++]] = stack[--sp]; NEXT;
l_print: emit(stack[--sp]); NEXT;
l_inc: stack[sp - 1]++; NEXT;
l_dec: stack[sp - 1]--; NEXT;
l_neg: stack[sp - 1] = -stack[sp - 1]; NEXT;
l_halt: return steps;
#undef NEXT
}

/* A tiny assembler with labels, so the programs below are written symbolically. */
static int32_t code[512];
static int ncode;
static int label_at[32];
static int fixups[64][2]; /* code index, label */
static int nfix;
static void op(int32_t o) { code[ncode++] = o; }
static void op1(int32_t o, int32_t arg) { op(o); op(arg); }
static void jump(int32_t o, int label) {
  op(o);
  fixups[nfix][0] = ncode;
  fixups[nfix++][1] = label;
  op(-1);
}
static void here(int label) { label_at[label] = ncode; }
static void link_labels(void) {
  for (int i = 0; i < nfix; i++) code[fixups[i][0]] = label_at[fixups[i][1]];
  nfix = 0;
}

/* Primes below 2000 by trial division. v0 = n, v1 = d. */
static void assemble_primes(void) {
  enum { OUTER, INNER, PRIME, NEXT, END };
  ncode = 0;
  op1(PUSH, 2); op1(STORE, 0);
  here(OUTER);
  op1(LOAD, 0); op1(PUSH, 2000); op(LT); jump(JZ, END);
  op1(PUSH, 2); op1(STORE, 1);
  here(INNER);
  op1(LOAD, 1); op(DUP); op(MUL); op1(LOAD, 0); op(INC); op(LT); jump(JZ, PRIME); /* d*d > n */
  op1(LOAD, 0); op1(LOAD, 1); op(MOD); jump(JZ, NEXT);                            /* d | n */
  op1(LOAD, 1); op(INC); op1(STORE, 1); jump(JMP, INNER);
  here(PRIME);
  op1(LOAD, 0); op(PRINT);
  here(NEXT);
  op1(LOAD, 0); op(INC); op1(STORE, 0); jump(JMP, OUTER);
  here(END);
  op(HALT);
  link_labels();
}

/* gcd(a, b) for a, b in 1..40 by Euclid. v0 = a, v1 = b, v2 = x, v3 = y. */
static void assemble_gcd(void) {
  enum { OUTER, INNER, EUCLID, DONE, NEXT_A, END };
  ncode = 0;
  op1(PUSH, 1); op1(STORE, 0);
  here(OUTER);
  op1(LOAD, 0); op1(PUSH, 41); op(LT); jump(JZ, END);
  op1(PUSH, 1); op1(STORE, 1);
  here(INNER);
  op1(LOAD, 1); op1(PUSH, 41); op(LT); jump(JZ, NEXT_A);
  op1(LOAD, 0); op1(STORE, 2); op1(LOAD, 1); op1(STORE, 3);
  here(EUCLID);
  op1(LOAD, 3); jump(JZ, DONE);
  op1(LOAD, 2); op1(LOAD, 3); op(MOD); op1(LOAD, 3); op1(STORE, 2); op1(STORE, 3);
  jump(JMP, EUCLID);
  here(DONE);
  op1(LOAD, 2); op(PRINT);
  op1(LOAD, 1); op(INC); op1(STORE, 1); jump(JMP, INNER);
  here(NEXT_A);
  op1(LOAD, 0); op(INC); op1(STORE, 0); jump(JMP, OUTER);
  here(END);
  op(HALT);
  link_labels();
}

/* Longest Collatz chain for starts below 1000, with NEG and SUB in the mix: v0 = start,
 * v1 = x, v2 = length, v3 = best start, v4 = best length. Prints best start and length. */
static void assemble_collatz(void) {
  enum { OUTER, WHILE, EVEN, STEP, ENDWHILE, NOTBEST, END };
  ncode = 0;
  op1(PUSH, 1); op1(STORE, 0); op1(PUSH, 0); op1(STORE, 4);
  here(OUTER);
  op1(LOAD, 0); op1(PUSH, 1000); op(LT); jump(JZ, END);
  op1(LOAD, 0); op1(STORE, 1); op1(PUSH, 0); op1(STORE, 2);
  here(WHILE);
  op1(LOAD, 1); op1(PUSH, 1); op(EQ); jump(JNZ, ENDWHILE);
  op1(LOAD, 1); op1(PUSH, 2); op(MOD); jump(JZ, EVEN);
  op1(LOAD, 1); op1(PUSH, 3); op(MUL); op(INC); jump(JMP, STEP);
  here(EVEN);
  op1(LOAD, 1); op1(PUSH, 2); op(DIV);
  here(STEP);
  op1(STORE, 1); op1(LOAD, 2); op(INC); op1(STORE, 2); jump(JMP, WHILE);
  here(ENDWHILE);
  /* not a new best when -(best - len) < 1, i.e. len <= best (so NEG and SUB are used) */
  op1(LOAD, 4); op1(LOAD, 2); op(SUB); op(NEG); op1(PUSH, 1); op(LT); jump(JNZ, NOTBEST);
  op1(LOAD, 2); op1(STORE, 4); op1(LOAD, 0); op1(STORE, 3);
  here(NOTBEST);
  op1(LOAD, 0); op(INC); op1(STORE, 0); jump(JMP, OUTER);
  here(END);
  op1(LOAD, 3); op(PRINT); op1(LOAD, 4); op(PRINT);
  op(HALT);
  link_labels();
}

static uint32_t both(const char *name, void (*assemble)(void)) {
  assemble();
  out_hash = 0;
  printed = 0;
  long s1 = run_switch(code);
  uint32_t h1 = out_hash;
  int p1 = printed;
  printf("\n%s (switch): %d printed, %ld steps, hash %08x\n", name, p1, s1, h1);
  out_hash = 0;
  printed = 0;
  long s2 = run_goto(code);
  printf("\n%s (goto): %d printed, %ld steps, hash %08x, same %d\n", name, printed, s2, out_hash,
         out_hash == h1 && s1 == s2 && printed == p1);
  return h1 ^ (uint32_t)s1;
}

int main(void) {
  uint32_t check = both("primes", assemble_primes);
  check = check * 31 + both("gcd", assemble_gcd);
  check = check * 31 + both("collatz", assemble_collatz);
  printf("checksum %08x\n", check);
  return (int)(check & 0x7f);
}
