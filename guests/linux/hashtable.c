/* A chained hash table with string keys (FNV-1a hash), resized as it fills: insertions,
 * lookups of present and absent keys, updates, deletions, and a final walk in bucket order.
 * Exercises malloc/free of many small nodes, pointer chasing, string functions and division by
 * the table size (modulo a prime, so the divu path and not a mask). */
//@run
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  struct node *next;
  uint32_t hash;
  long value;
  char key[];
};

struct table {
  struct node **buckets;
  uint32_t nbuckets;
  uint32_t count;
  uint32_t resizes;
};

static const uint32_t primes[] = {13, 53, 211, 853, 3407, 13627, 54503, 218021};

static uint32_t fnv1a(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

static void init(struct table *t, uint32_t n) {
  t->nbuckets = n;
  t->buckets = calloc(n, sizeof *t->buckets);
  t->count = 0;
}

static void resize(struct table *t) {
  uint32_t n = t->nbuckets;
  for (unsigned i = 0; i < sizeof primes / sizeof primes[0]; i++)
    if (primes[i] > t->nbuckets) {
      n = primes[i];
      break;
    }
  if (n == t->nbuckets) return;
  struct node **nb = calloc(n, sizeof *nb);
  for (uint32_t i = 0; i < t->nbuckets; i++) {
    struct node *e = t->buckets[i];
    while (e) {
      struct node *next = e->next;
      uint32_t b = e->hash % n;
      e->next = nb[b];
      nb[b] = e;
      e = next;
    }
  }
  free(t->buckets);
  t->buckets = nb;
  t->nbuckets = n;
  t->resizes++;
}

static struct node *find(struct table *t, const char *key) {
  uint32_t h = fnv1a(key);
  for (struct node *e = t->buckets[h % t->nbuckets]; e; e = e->next)
    if (e->hash == h && strcmp(e->key, key) == 0) return e;
  return NULL;
}

static int put(struct table *t, const char *key, long value) {
  struct node *e = find(t, key);
  if (e) {
    e->value = value;
    return 0;
  }
  if (t->count >= t->nbuckets * 2) resize(t);
  size_t len = strlen(key);
  e = malloc(sizeof *e + len + 1);
  memcpy(e->key, key, len + 1);
  e->hash = fnv1a(key);
  e->value = value;
  uint32_t b = e->hash % t->nbuckets;
  e->next = t->buckets[b];
  t->buckets[b] = e;
  t->count++;
  return 1;
}

static int del(struct table *t, const char *key) {
  uint32_t h = fnv1a(key);
  struct node **pp = &t->buckets[h % t->nbuckets];
  for (; *pp; pp = &(*pp)->next)
    if ((*pp)->hash == h && strcmp((*pp)->key, key) == 0) {
      struct node *dead = *pp;
      *pp = dead->next;
      free(dead);
      t->count--;
      return 1;
    }
  return 0;
}

static uint32_t seed = 4242;
static uint32_t rnd(void) {
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return seed;
}

static void make_key(char *buf, uint32_t r) {
  static const char *const syl[] = {"ka", "lo", "mi", "nu", "pe", "ri", "so", "ta", "ve", "zo"};
  int n = 1 + (int)(r % 4);
  buf[0] = 0;
  for (int i = 0; i < n; i++) {
    strcat(buf, syl[r % 10]);
    r /= 10;
  }
  char num[12];
  snprintf(num, sizeof num, "%u", r % 1000);
  strcat(buf, num);
}

int main(void) {
  struct table t;
  init(&t, primes[0]);
  t.resizes = 0;
  char key[64];
  long inserted = 0, updated = 0, deleted = 0, hits = 0, misses = 0;
  for (int i = 0; i < 30000; i++) {
    uint32_t r = rnd();
    make_key(key, r % 200000);
    switch (r >> 28) {
      case 0: case 1: case 2:
        if (del(&t, key)) deleted++;
        break;
      case 3: case 4: case 5: case 6: {
        struct node *e = find(&t, key);
        if (e) { hits++; e->value += i; } else misses++;
        break;
      }
      default:
        if (put(&t, key, (long)i)) inserted++; else updated++;
    }
    if (i % 3000 == 0)
      printf("step %5d: count %u buckets %u resizes %u key %s\n", i, t.count, t.nbuckets,
             t.resizes, key);
  }
  printf("inserted %ld updated %ld deleted %ld hits %ld misses %ld count %u\n", inserted, updated,
         deleted, hits, misses, t.count);
  uint32_t longest = 0, empty = 0, walk = 0;
  for (uint32_t b = 0; b < t.nbuckets; b++) {
    uint32_t len = 0;
    for (struct node *e = t.buckets[b]; e; e = e->next) {
      len++;
      walk = walk * 33 + e->hash + (uint32_t)e->value;
    }
    if (len == 0) empty++;
    if (len > longest) longest = len;
  }
  printf("buckets %u empty %u longest chain %u walk %08x\n", t.nbuckets, empty, longest, walk);
  /* Free everything by deleting each key found in the walk. */
  uint32_t freed = 0;
  for (uint32_t b = 0; b < t.nbuckets; b++)
    while (t.buckets[b]) {
      strcpy(key, t.buckets[b]->key);
      freed += (uint32_t)del(&t, key);
    }
  printf("freed %u, count now %u\n", freed, t.count);
  free(t.buckets);
  return (int)(walk % 120);
}
