/*
 * icount: counts the guest instructions a qemu-user run executed, from its log of
 *   qemu-mips -d in_asm,exec,nochain -D /dev/fd/3 PROGRAM ARGS 3>&1 >/dev/null | icount
 * in_asm gives each translated block's instructions (its first address and their number),
 * exec,nochain one "Trace" line per execution of a block; the count is the sum over executions
 * of the block's size. Forked children write to the same log, so their instructions count too.
 * A host tool: cc -O2 -o icount icount.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS (1u << 22)
static uint32_t pcs[SLOTS], sizes[SLOTS];
static uint64_t runs[SLOTS];

static uint32_t slot(uint32_t pc) {
  uint32_t h = (pc * 2654435761u) & (SLOTS - 1);
  while (pcs[h] != 0 && pcs[h] != pc) {
    h = (h + 1) & (SLOTS - 1);
  }
  pcs[h] = pc;
  return h;
}

int main(void) {
  char line[4096];
  uint32_t first = 0, n = 0;
  int in_block = 0;
  while (fgets(line, sizeof line, stdin)) {
    if (strncmp(line, "Trace ", 6) == 0) {
      /* Trace 0: 0x7f... [00000000/0040091c/000000e2/00000200] */
      char *s = strchr(line, '[');
      s = s ? strchr(s, '/') : NULL;
      if (s) {
        runs[slot((uint32_t)strtoul(s + 1, NULL, 16))]++;
      }
      in_block = 0;
    } else if (strncmp(line, "IN:", 3) == 0) {
      in_block = 1;
      n = 0;
    } else if (in_block && line[0] == '0' && line[1] == 'x') {
      uint32_t a = (uint32_t)strtoul(line + 2, NULL, 16);
      if (n++ == 0) {
        first = a;
      }
      sizes[slot(first)] = n;
    } else if (line[0] == '\n') {
      in_block = 0;
    }
  }
  uint64_t total = 0, unknown = 0;
  for (uint32_t i = 0; i < SLOTS; i++) {
    total += runs[i] * (sizes[i] ? sizes[i] : 1);
    unknown += sizes[i] ? 0 : runs[i];
  }
  printf("%llu\n", (unsigned long long)total);
  if (unknown) {
    fprintf(stderr, "icount: %llu block executions of unknown size counted as 1\n", (unsigned long long)unknown);
  }
  return 0;
}
