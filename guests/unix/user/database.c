/*
 * database: write-shared data. One table of records in shared memory, a read-only hash index
 * over their keys, and a lock per stripe of records. Worker processes run the transactions of a
 * fixed list (transaction t belongs to worker t mod N): lookups by key, updates of one record and
 * transfers between two, each under the locks of the records it touches.
 *
 * Every update is commutative (additions modulo 2^32 and an exclusive or), so the final table is
 * the same whatever order the transactions ran in, as long as the locks make each one atomic; a
 * lost update changes the checksum. The parent then replays the whole list in one process on a
 * private table and compares. Nothing printed depends on the number of workers.
 *
 *   database [-p N] small|full
 */
#include "wl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record {
  uint32_t key;
  uint32_t balance;
  uint32_t updates;  /* transactions that wrote this record */
  uint32_t xsum;     /* exclusive or of mix(t) over those transactions */
  uint32_t pad[4];   /* 32 bytes: one record per cache line of the machine's caches */
};

#define STRIPES 64
#define LOCK_WORDS 8 /* each lock on its own 32-byte line */

struct table {
  uint32_t records;       /* a power of two */
  uint32_t index_slots;   /* a power of two, twice the records */
  struct record *rec;
  uint32_t *index;        /* slot -> record number + 1, 0 if empty */
  volatile uint32_t *locks;
};

struct stats {
  uint32_t lookups, hits, updates, transfers;
  uint32_t pad[4];
};

struct job {
  struct table *t;
  uint32_t transactions;
  int workers;
  struct stats *stats; /* one per worker, shared */
};

static uint32_t key_of(uint32_t i) {
  return wl_mix(i * 2654435761u + 12345u) | 1u; /* never 0 */
}

static void build(struct table *t, struct record *rec, uint32_t *index) {
  t->rec = rec;
  t->index = index;
  memset(index, 0, t->index_slots * sizeof *index);
  for (uint32_t i = 0; i < t->records; i++) {
    struct record *r = &rec[i];
    memset(r, 0, sizeof *r);
    r->key = key_of(i);
    r->balance = 1000;
    uint32_t s = r->key & (t->index_slots - 1);
    while (index[s] != 0) {
      s = (s + 1) & (t->index_slots - 1);
    }
    index[s] = i + 1;
  }
}

/* The record with `key`, or -1. */
static int32_t lookup(const struct table *t, uint32_t key) {
  uint32_t s = key & (t->index_slots - 1);
  for (;;) {
    uint32_t e = t->index[s];
    if (e == 0) {
      return -1;
    }
    if (t->rec[e - 1].key == key) {
      return (int32_t)(e - 1);
    }
    s = (s + 1) & (t->index_slots - 1);
  }
}

static volatile uint32_t *lock_of(const struct table *t, uint32_t r) {
  return t->locks ? &t->locks[(r % STRIPES) * LOCK_WORDS] : NULL;
}

static void lock(volatile uint32_t *l) {
  if (l) {
    wl_lock(l);
  }
}

static void unlock(volatile uint32_t *l) {
  if (l) {
    wl_unlock(l);
  }
}

static void write_record(struct record *r, uint32_t t, uint32_t delta) {
  r->balance += delta;
  r->updates += 1;
  r->xsum ^= wl_mix(t);
}

/* Transaction number `n`; its kind and operands are functions of n alone. */
static void transaction(struct table *t, uint32_t n, struct stats *st) {
  uint32_t h = wl_mix(n ^ 0x9e3779b9u);
  uint32_t kind = h & 3;
  uint32_t a = wl_mix(h) % t->records;
  if (kind <= 1) {
    /* lookups: keys of records, and keys that are not in the table (odd numbered i past the end) */
    for (int k = 0; k < 4; k++) {
      uint32_t i = wl_mix(h + (uint32_t)k) % (t->records + t->records / 4);
      st->lookups++;
      if (lookup(t, key_of(i)) >= 0) {
        st->hits++;
      }
    }
  } else if (kind == 2) {
    int32_t r = lookup(t, key_of(a));
    volatile uint32_t *l = lock_of(t, (uint32_t)r);
    lock(l);
    write_record(&t->rec[r], n, (h >> 8) & 0xff);
    unlock(l);
    st->updates++;
  } else {
    uint32_t b = wl_mix(h + 7u) % t->records;
    int32_t ra = lookup(t, key_of(a));
    int32_t rb = lookup(t, key_of(b));
    uint32_t amount = (h >> 8) & 0x3f;
    /* locks in stripe order, so two transfers never wait for each other in a cycle */
    uint32_t sa = (uint32_t)ra % STRIPES, sb = (uint32_t)rb % STRIPES;
    volatile uint32_t *first = lock_of(t, sa < sb ? (uint32_t)ra : (uint32_t)rb);
    volatile uint32_t *second = sa == sb ? NULL : lock_of(t, sa < sb ? (uint32_t)rb : (uint32_t)ra);
    lock(first);
    lock(second);
    write_record(&t->rec[ra], n, 0u - amount);
    write_record(&t->rec[rb], n, amount);
    unlock(second);
    unlock(first);
    st->transfers++;
  }
}

static int worker(int w, void *arg) {
  struct job *j = arg;
  struct stats *st = &j->stats[w];
  for (uint32_t n = (uint32_t)w; n < j->transactions; n += (uint32_t)j->workers) {
    transaction(j->t, n, st);
  }
  return 0;
}

static uint32_t table_checksum(const struct table *t, uint64_t *total) {
  uint32_t h = WL_FNV_INIT;
  *total = 0;
  for (uint32_t i = 0; i < t->records; i++) {
    const struct record *r = &t->rec[i];
    h = wl_fnv_words(h, &r->key, 4);
    *total += r->balance;
  }
  return h;
}

int main(int argc, char **argv) {
  struct wl_args a;
  wl_parse(argc, argv, &a, 4, 0);
  struct table t = {0};
  t.records = a.full ? 131072 : 8192;
  t.index_slots = 2 * t.records;
  uint32_t transactions = a.full ? 1048576 : 32768;

  size_t rec_bytes = t.records * sizeof(struct record);
  size_t index_bytes = t.index_slots * sizeof(uint32_t);
  size_t lock_bytes = STRIPES * LOCK_WORDS * sizeof(uint32_t);
  size_t stats_bytes = (size_t)a.workers * sizeof(struct stats);
  char *shared = wl_shared(rec_bytes + index_bytes + lock_bytes + stats_bytes);
  build(&t, (struct record *)shared, (uint32_t *)(shared + rec_bytes));
  t.locks = (volatile uint32_t *)(shared + rec_bytes + index_bytes);
  struct stats *stats = (struct stats *)(shared + rec_bytes + index_bytes + lock_bytes);

  printf("database: %u records of %u bytes (%zu KB shared), %u transactions\n", t.records,
         (unsigned)sizeof(struct record), (rec_bytes + index_bytes) / 1024, transactions);
  struct job j = {&t, transactions, a.workers, stats};
  if (wl_run_workers(a.workers, worker, &j) != 0) {
    wl_die("database: a worker failed");
  }
  struct stats sum = {0};
  for (int w = 0; w < a.workers; w++) {
    sum.lookups += stats[w].lookups;
    sum.hits += stats[w].hits;
    sum.updates += stats[w].updates;
    sum.transfers += stats[w].transfers;
  }
  uint64_t total;
  uint32_t parallel = table_checksum(&t, &total);
  printf("lookups: %u (%u found)\n", sum.lookups, sum.hits);
  printf("updates: %u, transfers: %u\n", sum.updates, sum.transfers);
  printf("total balance: %llu\n", (unsigned long long)total);

  /* The same transactions in this process, on a private table without locks. */
  struct table s = t;
  s.locks = NULL;
  struct record *rec = malloc(rec_bytes);
  uint32_t *index = malloc(index_bytes);
  if (!rec || !index) {
    wl_die("database: out of memory");
  }
  build(&s, rec, index);
  struct stats one = {0};
  for (uint32_t n = 0; n < transactions; n++) {
    transaction(&s, n, &one);
  }
  uint64_t serial_total;
  uint32_t serial = table_checksum(&s, &serial_total);
  if (memcmp(&one, &sum, sizeof one) != 0 || serial_total != total) {
    printf("database: the workers' counts differ from one process's\n");
    return 1;
  }
  return wl_verdict("database", parallel, serial);
}
