/* Reads all of standard input and writes a transform of it: each line numbered, with its
 * length, its words counted, upper-cased and ROT13'd; then a byte histogram and totals. Input
 * is read with read(2) in odd-sized chunks into a growing buffer (so short reads and EOF are
 * handled as the kernel returns them), then split with memchr. The test gives qemu and the
 * model the same bytes on fd 0. Exit status: number of lines modulo 100. */
//@run < stdin_filter.input.txt
//@run
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  size_t cap = 64, len = 0;
  unsigned char *buf = malloc(cap);
  unsigned long reads = 0;
  for (;;) {
    if (cap - len < 37) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
    ssize_t n = read(0, buf + len, 37);
    if (n < 0) {
      perror("read");
      return 2;
    }
    if (n == 0) break;
    len += (size_t)n;
    reads++;
  }
  /* How many read calls it took depends on how the bytes arrived in the pipe, so it is not
   * printed; only that at least one happened when there was input. */
  printf("read %zu bytes%s\n", len, len > 0 && reads == 0 ? " WRONG" : "");
  unsigned long hist[256] = {0};
  for (size_t i = 0; i < len; i++) hist[buf[i]]++;
  int lines = 0;
  unsigned long words = 0;
  size_t start = 0;
  while (start < len) {
    unsigned char *nl = memchr(buf + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - buf) : len;
    lines++;
    int w = 0, inword = 0;
    printf("%4d %3zu |", lines, end - start);
    for (size_t i = start; i < end; i++) {
      unsigned char c = buf[i];
      putchar(toupper(c));
      if (isspace(c)) inword = 0;
      else if (!inword) { inword = 1; w++; }
    }
    printf("| ");
    for (size_t i = start; i < end; i++) {
      unsigned char c = buf[i];
      if (c >= 'a' && c <= 'z') c = (unsigned char)('a' + (c - 'a' + 13) % 26);
      else if (c >= 'A' && c <= 'Z') c = (unsigned char)('A' + (c - 'A' + 13) % 26);
      putchar(c);
    }
    printf(" (%d words%s)\n", w, nl ? "" : ", no newline at end");
    words += (unsigned long)w;
    start = end + 1;
  }
  printf("histogram:");
  for (int c = 0; c < 256; c++)
    if (hist[c]) printf(" %02x:%lu", c, hist[c]);
  printf("\nlines %d words %lu bytes %zu\n", lines, words, len);
  free(buf);
  return lines % 100;
}
