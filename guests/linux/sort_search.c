/* Sorting and searching: 10,000 pseudo-random numbers from a linear congruential generator,
 * sorted by glibc's qsort (a merge sort that takes a malloc'd buffer), by a hand-written
 * quicksort, heap sort and merge sort, and by qsort on structs with a multi-key comparator;
 * every result is checked against the others. Then bsearch for present and absent keys, and
 * qsort of strings with strcmp. Prints samples, the checks and a checksum. */
//@run
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 10000

static uint32_t seed = 20240601u;
static uint32_t lcg(void) {
  seed = seed * 1664525u + 1013904223u;
  return seed;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static void quicksort(uint32_t *a, int lo, int hi) {
  while (lo < hi) {
    uint32_t pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        uint32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    /* Recurse into the smaller side, loop on the larger: bounded stack depth. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

static void sift(uint32_t *a, int start, int end) {
  int root = start;
  while (2 * root + 1 <= end) {
    int child = 2 * root + 1;
    if (child + 1 <= end && a[child] < a[child + 1]) child++;
    if (a[root] >= a[child]) return;
    uint32_t t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}
static void heapsort_u32(uint32_t *a, int n) {
  for (int s = (n - 2) / 2; s >= 0; s--) sift(a, s, n - 1);
  for (int e = n - 1; e > 0; e--) {
    uint32_t t = a[0];
    a[0] = a[e];
    a[e] = t;
    sift(a, 0, e - 1);
  }
}

static uint32_t tmp[N];
static void mergesort_u32(uint32_t *a, int n) {
  for (int width = 1; width < n; width *= 2) {
    for (int i = 0; i < n; i += 2 * width) {
      int l = i, m = i + width < n ? i + width : n, r = i + 2 * width < n ? i + 2 * width : n;
      int p = l, q = m, k = l;
      while (p < m && q < r) tmp[k++] = a[p] <= a[q] ? a[p++] : a[q++];
      while (p < m) tmp[k++] = a[p++];
      while (q < r) tmp[k++] = a[q++];
    }
    memcpy(a, tmp, (size_t)n * sizeof *a);
  }
}

struct person {
  char name[12];
  uint16_t age;
  uint32_t id;
};
static int cmp_person(const void *a, const void *b) {
  const struct person *p = a, *q = b;
  if (p->age != q->age) return p->age < q->age ? -1 : 1;
  int c = strcmp(p->name, q->name);
  if (c) return c;
  return (p->id > q->id) - (p->id < q->id);
}
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static uint32_t hash(const uint32_t *a, int n) {
  uint32_t h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ a[i]) * 16777619u;
  return h;
}

static uint32_t orig[N], s1[N], s2[N], s3[N], s4[N];
static struct person people[2000];

int main(void) {
  for (int i = 0; i < N; i++) orig[i] = lcg() % (i < N / 2 ? 1000000u : 5000u); /* duplicates */
  memcpy(s1, orig, sizeof orig);
  memcpy(s2, orig, sizeof orig);
  memcpy(s3, orig, sizeof orig);
  memcpy(s4, orig, sizeof orig);
  qsort(s1, N, sizeof s1[0], cmp_u32);
  quicksort(s2, 0, N - 1);
  heapsort_u32(s3, N);
  mergesort_u32(s4, N);
  int sorted = 1;
  for (int i = 1; i < N; i++)
    if (s1[i - 1] > s1[i]) sorted = 0;
  printf("input hash %08x\n", hash(orig, N));
  printf("qsort hash %08x sorted %d\n", hash(s1, N), sorted);
  printf("quicksort equal %d heapsort equal %d mergesort equal %d\n",
         memcmp(s1, s2, sizeof s1) == 0, memcmp(s1, s3, sizeof s1) == 0,
         memcmp(s1, s4, sizeof s1) == 0);
  for (int i = 0; i < N; i += 250) printf("s[%d] = %u\n", i, s1[i]);
  int found = 0, absent = 0;
  for (int i = 0; i < 3000; i++) {
    uint32_t key = lcg() % 1000000u;
    uint32_t *hit = bsearch(&key, s1, N, sizeof s1[0], cmp_u32);
    if (hit) {
      found++;
      if (*hit != key) printf("bsearch WRONG\n");
    } else {
      absent++;
    }
    if (i % 300 == 0) printf("bsearch %u -> %s\n", key, hit ? "found" : "absent");
  }
  printf("bsearch found %d absent %d\n", found, absent);
  static const char *const names[] = {"ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal"};
  for (int i = 0; i < 2000; i++) {
    uint32_t r = lcg();
    snprintf(people[i].name, sizeof people[i].name, "%s%u", names[r & 7], (r >> 3) % 10);
    people[i].age = (uint16_t)(18 + (r >> 8) % 60);
    people[i].id = (uint32_t)i;
  }
  qsort(people, 2000, sizeof people[0], cmp_person);
  for (int i = 0; i < 2000; i += 100)
    printf("person %4d: %s %u #%u\n", i, people[i].name, people[i].age, people[i].id);
  uint32_t ph = 0;
  for (int i = 0; i < 2000; i++) ph = ph * 31 + people[i].id;
  printf("people order hash %08x\n", ph);
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "apple", "date", "", "Zebra",
                         "zebra", "applesauce", "app"};
  const int nw = (int)(sizeof words / sizeof words[0]);
  qsort(words, (size_t)nw, sizeof words[0], cmp_str);
  for (int i = 0; i < nw; i++) printf("word %d '%s'\n", i, words[i]);
  uint32_t h = hash(s1, N) ^ ph;
  printf("checksum %08x\n", h);
  return (int)(h & 0x7f);
}
