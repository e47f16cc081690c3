/* compute: a compute-bound load for every CPU, to measure how fast the multiprocessor model runs.
 * CPU 0 starts the others by IPI; each CPU runs the same kernel (a CRC over a buffer in its own
 * stack, on its own node, and a small integer matrix product) for a fixed number of rounds and adds
 * its result to a shared total; CPU 0 waits for everyone, prints the total and halts with 0.
 * The total is the same on any machine with the same number of CPUs. */
#include "lib.h"

#define ROUNDS 100
#define N 16

static volatile u32 done;
static volatile u32 total;

static u32 crc32(const unsigned char *p, unsigned n, u32 c)
{
  for (unsigned i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
  }
  return c;
}

static u32 work(u32 cpu)
{
  unsigned char buf[1024];
  int a[N][N], b[N][N], m[N][N];
  u32 c = 0xffffffffu ^ cpu;
  for (unsigned i = 0; i < sizeof buf; i++)
    buf[i] = (unsigned char)(i * 7 + cpu);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = i + j + (int)cpu;
      b[i][j] = i - j;
    }
  for (int r = 0; r < ROUNDS; r++) {
    c = crc32(buf, sizeof buf, c);
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        int s = 0;
        for (int k = 0; k < N; k++)
          s += a[i][k] * b[k][j];
        m[i][j] = s;
      }
    c += (u32)m[r % N][(r * 7) % N];
    buf[r] ^= (unsigned char)c;
  }
  return c;
}

int main(u32 cpu)
{
  if (cpu != 0) {
    ipi_ack();
    atomic_add(&total, work(cpu));
    atomic_add(&done, 1);
    return 0;
  }
  u32 n = cpu_count();
  for (u32 c = 1; c < n; c++)
    ipi_send(c);
  atomic_add(&total, work(0));
  atomic_add(&done, 1);
  while (done < n)
    ;
  printf("compute: %u cpus, total 0x%08x\n", n, total);
  return 0;
}
