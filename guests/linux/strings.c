/* string.h and ctype.h: strlen, strnlen, strcpy, strncpy (padding), strcat, strncat, strcmp,
 * strncmp, strcasecmp, strchr, strrchr, strstr, strspn, strcspn, strpbrk, strtok, strtok_r,
 * strdup, strndup, memcpy, memmove (overlapping both ways), memset, memcmp, memchr, memrchr,
 * memmem, stpcpy, strsep, and toupper/tolower/isalpha... over every byte value. glibc has
 * word-at-a-time MIPS versions of several of these, so each is run at every alignment and many
 * lengths, with the results compared to plain byte loops. */
//@run
#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 16777619u + 1; }
static int wrong;
#define CHECK(cond)                                  \
  do {                                               \
    if (!(cond)) {                                   \
      printf("WRONG line %d: %s\n", __LINE__, #cond); \
      wrong++;                                       \
    }                                                \
  } while (0)

static size_t ref_strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}
static int sign(int x) { return (x > 0) - (x < 0); }
static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

static char big[1024] __attribute__((aligned(16)));
static char other[1024] __attribute__((aligned(16)));

int main(void) {
  /* strlen / strchr / memchr at every alignment and length up to 100. */
  for (int align = 0; align < 8; align++)
    for (int n = 0; n < 100; n++) {
      char *s = big + align;
      for (int i = 0; i < n; i++) s[i] = (char)('a' + (i * 7 + align) % 26);
      s[n] = 0;
      s[n + 1] = 'Z'; /* past the end: must not be seen */
      size_t l = strlen(s);
      CHECK(l == ref_strlen(s));
      CHECK(strnlen(s, 10) == (n < 10 ? (size_t)n : 10));
      char *c = strchr(s, 'q');
      char *rc = strrchr(s, 'q');
      char *z = strchr(s, 0);
      CHECK(z == s + n);
      CHECK(memchr(s, 'Z', (size_t)n) == NULL);
      mix((uint32_t)l); mix(c ? (uint32_t)(c - s) : 999u); mix(rc ? (uint32_t)(rc - s) : 999u);
    }
  printf("strlen/strchr pass, sum %08x\n", sum);

  /* memcpy/memmove/memset/memcmp at all source/destination alignments. */
  for (int i = 0; i < 1024; i++) other[i] = (char)(i * 13 + 5);
  for (int sa = 0; sa < 4; sa++)
    for (int da = 0; da < 4; da++)
      for (int n = 0; n < 300; n += 17) {
        memset(big, 0x11, sizeof big);
        memcpy(big + 64 + da, other + sa, (size_t)n);
        CHECK(ref_memcmp((unsigned char *)big + 64 + da, (unsigned char *)other + sa, (size_t)n) == 0);
        CHECK(big[64 + da + n] == 0x11 && big[63 + da] == 0x11);
        /* overlapping, forward and backward */
        memmove(big + 64 + da + 3, big + 64 + da, (size_t)n);
        CHECK(ref_memcmp((unsigned char *)big + 67 + da, (unsigned char *)other + sa, (size_t)n) == 0);
        memmove(big + 60 + da, big + 67 + da, (size_t)n);
        CHECK(ref_memcmp((unsigned char *)big + 60 + da, (unsigned char *)other + sa, (size_t)n) == 0);
        memset(big + da, 0xa0 + sa, (size_t)n);
        for (int k = 0; k < n; k++) CHECK((unsigned char)big[da + k] == 0xa0 + sa);
        int c1 = memcmp(big + 200, other + 200 + sa, (size_t)n);
        CHECK(sign(c1) == ref_memcmp((unsigned char *)big + 200, (unsigned char *)other + 200 + sa, (size_t)n));
        mix((uint32_t)sign(c1));
      }
  printf("mem* pass, sum %08x\n", sum);

  /* Comparisons, including bytes above 0x7f (compared as unsigned char). */
  static const char *const strs[] = {"", "a", "A", "abc", "abd", "ab", "abcdefghijklmnop",
                                     "abcdefghijklmnoq", "\x80", "\x7f", "ABC", "aBc", "zzz"};
  const int ns = (int)(sizeof strs / sizeof strs[0]);
  for (int i = 0; i < ns; i++)
    for (int j = 0; j < ns; j++) {
      int c = sign(strcmp(strs[i], strs[j])), cn = sign(strncmp(strs[i], strs[j], 2)),
          cc = sign(strcasecmp(strs[i], strs[j]));
      printf("%d", c + 1);
      mix((uint32_t)(c * 9 + cn * 3 + cc));
      CHECK(c == sign(ref_memcmp((const unsigned char *)strs[i], (const unsigned char *)strs[j],
                                 ref_strlen(strs[i]) + 1 < ref_strlen(strs[j]) + 1
                                     ? ref_strlen(strs[i]) + 1
                                     : ref_strlen(strs[j]) + 1)));
    }
  printf("\n");

  /* Searching */
  const char *hay = "the quick brown fox jumps over the lazy dog; the end";
  printf("strstr 'the' %d, 'lazy' %d, 'cat' %s, '' %d\n", (int)(strstr(hay, "the") - hay),
         (int)(strstr(hay, "lazy") - hay), strstr(hay, "cat") ? "found" : "null",
         (int)(strstr(hay, "") - hay));
  printf("strspn %zu strcspn %zu strpbrk '%s'\n", strspn(hay, "the qu"), strcspn(hay, "xyz"),
         strpbrk(hay, "jz"));
  printf("memmem %d memrchr %d\n", (int)((const char *)memmem(hay, strlen(hay), "fox", 3) - hay),
         (int)((const char *)memrchr(hay, 'e', strlen(hay)) - hay));

  /* Tokenising */
  char line[] = "alpha, beta,,gamma ;delta;; epsilon";
  char copy[sizeof line];
  strcpy(copy, line);
  for (char *t = strtok(line, " ,;"); t; t = strtok(NULL, " ,;")) printf("tok '%s' ", t);
  printf("\n");
  char *save, *cur = copy;
  for (char *t = strtok_r(cur, ",", &save); t; t = strtok_r(NULL, ",", &save)) printf("tok_r '%s' ", t);
  printf("\n");
  char sepbuf[] = "a,,b,c,";
  char *sp = sepbuf, *f;
  while ((f = strsep(&sp, ",")) != NULL) printf("sep '%s' ", f);
  printf("\n");

  /* Copying and concatenation */
  char dst[64];
  memset(dst, 'X', sizeof dst);
  strncpy(dst, "short", 10); /* pads with NULs to 10 */
  for (int i = 0; i < 12; i++) printf("%02x", (unsigned char)dst[i]);
  printf("\n");
  strcpy(dst, "con");
  strcat(dst, "cat");
  strncat(dst, "enation!!!", 7);
  char *end = stpcpy(dst + strlen(dst), "+stp");
  printf("'%s' len %zu end-offset %d\n", dst, strlen(dst), (int)(end - dst));
  char *d1 = strdup(hay), *d2 = strndup(hay, 9);
  printf("strdup equal %d strndup '%s'\n", strcmp(d1, hay) == 0, d2);
  free(d1);
  free(d2);

  /* ctype over all of unsigned char in the C locale */
  uint32_t cls = 0;
  for (int c = 0; c < 256; c++) {
    int bits = (!!isalpha(c)) | (!!isdigit(c)) << 1 | (!!isspace(c)) << 2 | (!!ispunct(c)) << 3 |
               (!!isupper(c)) << 4 | (!!islower(c)) << 5 | (!!isxdigit(c)) << 6 | (!!isprint(c)) << 7 |
               (!!iscntrl(c)) << 8 | (!!isgraph(c)) << 9 | (!!isalnum(c)) << 10;
    cls = cls * 31 + (uint32_t)bits + (uint32_t)toupper(c) * 7 + (uint32_t)tolower(c);
  }
  printf("ctype hash %08x\n", cls);
  mix(cls);
  printf("wrong %d checksum %08x\n", wrong, sum);
  return wrong ? 1 : (int)(sum & 0x7f);
}
