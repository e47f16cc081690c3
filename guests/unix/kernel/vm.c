/*
 * vm.c: physical pages, per-process page tables, ASIDs, page faults (demand zero and copy on
 * write) and the copies between kernel and user memory.
 *
 * A process's address space is a two-level table: a directory of 1024 words, each the kernel
 * address of a page table of 1024 entries (4 MB of user space), or of the shared empty table.
 * An entry is (EntryLo << 6) | software bits: the physical page, cacheability, D, V, G, then
 * PTE_COW and PTE_SHARED. The refill handler (entry.S) loads an even/odd pair as it is.
 *
 * The kernel never dereferences a user address: copyin/copyout walk the table, fault pages in as
 * the hardware would, and reach the page through HAL_P2V. So a bad pointer is -EFAULT, never a
 * kernel exception. All of this runs under the kernel lock.
 */
#include "kernel.h"

extern char __bss_end[];

struct cpu_vec cpu_vec[NCPU];
static uint32_t empty_pt[1024] __attribute__((aligned(4096)));
static uint32_t empty_pgd[1024] __attribute__((aligned(4096)));

static uint16_t *refcount;       /* per physical page */
static uint32_t npages, nfree;
static paddr_t free_head;        /* free pages are linked through their first word */

static uint32_t asid_last[NCPU]; /* generation << 8 | the last ASID given out, per CPU */

void mem_init(void)
{
  npages = hal_memory_bytes() / PAGE_SIZE;
  paddr_t first = (HAL_V2P(__bss_end) + PAGE_SIZE - 1) & PAGE_MASK;
  refcount = HAL_P2V(first);
  first += (npages * 2 + PAGE_SIZE - 1) & PAGE_MASK;
  memset(refcount, 0, npages * 2);
  uint32_t node = hal_node_bytes();
  /* from the top down, so that the free list hands out low pages first */
  for (paddr_t pa = (npages - 1) * PAGE_SIZE; pa >= first; pa -= PAGE_SIZE) {
    if (pa % node >= node - 0x10000u)
      continue; /* the top 64 KB of each node: the boot stacks of its CPUs */
    *(paddr_t *)HAL_P2V(pa) = free_head;
    free_head = pa;
    nfree++;
  }
  for (int i = 0; i < 1024; i++)
    empty_pgd[i] = (uint32_t)empty_pt;
  for (int c = 0; c < NCPU; c++) {
    asid_last[c] = 0x100;
    cpu_vec[c].pgd = empty_pgd;
  }
}

uint32_t pages_free(void) { return nfree; }

static paddr_t page_alloc_raw(void)
{
  paddr_t pa = free_head;
  if (!pa)
    return 0;
  free_head = *(paddr_t *)HAL_P2V(pa);
  nfree--;
  refcount[pa / PAGE_SIZE] = 1;
  return pa;
}

paddr_t page_alloc(void)
{
  paddr_t pa = page_alloc_raw();
  if (pa)
    hal_page_zero(pa);
  return pa;
}

void page_ref(paddr_t pa) { refcount[pa / PAGE_SIZE]++; }

void page_unref(paddr_t pa)
{
  if (--refcount[pa / PAGE_SIZE])
    return;
  hal_page_freed(pa);
  *(paddr_t *)HAL_P2V(pa) = free_head;
  free_head = pa;
  nfree++;
}

/* ---- tables --------------------------------------------------------------------------------- */

int mm_init(struct mm *mm)
{
  memset(mm, 0, sizeof *mm);
  paddr_t pa = page_alloc_raw();
  if (!pa)
    return -ENOMEM;
  mm->pgd = HAL_P2V(pa);
  for (int i = 0; i < 1024; i++)
    mm->pgd[i] = (uint32_t)empty_pt;
  return 0;
}

static uint32_t *pte_lookup(struct mm *mm, uint32_t va, int create)
{
  uint32_t *pt = (uint32_t *)mm->pgd[va >> 22];
  if (pt == empty_pt) {
    if (!create)
      return 0;
    paddr_t pa = page_alloc();
    if (!pa)
      return 0;
    pt = HAL_P2V(pa);
    mm->pgd[va >> 22] = (uint32_t)pt;
  }
  return &pt[(va >> 12) & 1023];
}

/* Calls fn on every valid entry in [start, end). */
static void pte_each(struct mm *mm, uint32_t start, uint32_t end, void (*fn)(uint32_t *pte, void *arg), void *arg)
{
  for (uint32_t va = start; va < end && va >= start;) {
    uint32_t *pt = (uint32_t *)mm->pgd[va >> 22];
    if (pt == empty_pt) {
      va = (va & ~0x3FFFFFu) + 0x400000u;
      continue;
    }
    uint32_t *pte = &pt[(va >> 12) & 1023];
    if (*pte & PTE_V)
      fn(pte, arg);
    va += PAGE_SIZE;
  }
}

static void drop_pte(uint32_t *pte, void *arg)
{
  (void)arg;
  page_unref(PTE_ADDR(*pte));
  *pte = 0;
}

void mm_clear(struct mm *mm)
{
  if (!mm->pgd)
    return;
  for (int i = 0; i < 512; i++) { /* user space is the lower 2 GB */
    uint32_t *pt = (uint32_t *)mm->pgd[i];
    if (pt == empty_pt)
      continue;
    pte_each(mm, (uint32_t)i << 22, ((uint32_t)i + 1) << 22, drop_pte, 0);
    page_unref(HAL_V2P(pt));
    mm->pgd[i] = (uint32_t)empty_pt;
  }
  mm->nreg = 0;
  mm->brk = mm->brk_base = 0;
  mm_invalidate(mm);
}

void mm_free(struct mm *mm)
{
  if (!mm->pgd)
    return;
  mm_clear(mm);
  for (int c = 0; c < NCPU; c++)
    if (cpu_vec[c].pgd == mm->pgd)
      cpu_vec[c].pgd = empty_pgd;
  page_unref(HAL_V2P(mm->pgd));
  mm->pgd = 0;
}

/* ---- ASIDs: per CPU, with generations; a new generation flushes that CPU's TLB -------------- */

void mm_activate(struct mm *mm)
{
  uint32_t c = hal_cpu_id();
  if (!mm || !mm->pgd) {
    cpu_vec[c].pgd = empty_pgd;
    hal_set_asid(0);
    return;
  }
  if ((mm->asid[c] ^ asid_last[c]) >> 8) {
    uint32_t v = ++asid_last[c];
    if ((v & 0xFF) == 0) {
      hal_tlb_flush_all();
      v = ++asid_last[c];
    }
    mm->asid[c] = v;
  }
  cpu_vec[c].pgd = mm->pgd;
  hal_set_asid(mm->asid[c]);
}

void mm_invalidate(struct mm *mm)
{
  for (int c = 0; c < NCPU; c++)
    mm->asid[c] = 0;
  uint32_t c = hal_cpu_id();
  if (cpu_vec[c].pgd == mm->pgd)
    mm_activate(mm);
}

/* After a change to the entry of va: refresh the TLB's copy on this CPU if it holds one. */
static void tlb_sync(struct mm *mm, uint32_t va)
{
  uint32_t c = hal_cpu_id();
  if (cpu_vec[c].pgd != mm->pgd)
    return;
  uint32_t *pt = (uint32_t *)mm->pgd[va >> 22];
  uint32_t i = (va >> 12) & 1022;
  hal_tlb_update(va, mm->asid[c], pt[i] >> 6, pt[i + 1] >> 6);
}

/* ---- regions -------------------------------------------------------------------------------- */

static struct region *find_region(struct mm *mm, uint32_t va)
{
  for (int i = 0; i < mm->nreg; i++)
    if (va >= mm->reg[i].start && va < mm->reg[i].end)
      return &mm->reg[i];
  return 0;
}

int mm_add_region(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot)
{
  if (mm->nreg == NREGION)
    return -ENOMEM;
  int i = mm->nreg;
  while (i > 0 && mm->reg[i - 1].start > start) {
    mm->reg[i] = mm->reg[i - 1];
    i--;
  }
  mm->reg[i] = (struct region){start, end, prot};
  mm->nreg++;
  return 0;
}

static void region_remove(struct mm *mm, int i)
{
  for (; i < mm->nreg - 1; i++)
    mm->reg[i] = mm->reg[i + 1];
  mm->nreg--;
}

int mm_unmap(struct mm *mm, uint32_t start, uint32_t end)
{
  for (int i = 0; i < mm->nreg; i++) {
    struct region *r = &mm->reg[i];
    if (r->end <= start || r->start >= end)
      continue;
    if (r->start < start && r->end > end) { /* a hole in the middle: split */
      if (mm_add_region(mm, end, r->end, r->prot))
        return -ENOMEM;
      r = &mm->reg[i];
      r->end = start;
    } else if (r->start < start) {
      r->end = start;
    } else if (r->end > end) {
      r->start = end;
    } else {
      region_remove(mm, i--);
    }
  }
  pte_each(mm, start, end, drop_pte, 0);
  mm_invalidate(mm);
  return 0;
}

/* The lowest free range of len bytes from MMAP_BASE, below the stack; 0 if none. */
uint32_t mm_find_gap(struct mm *mm, uint32_t len)
{
  uint32_t at = MMAP_BASE;
  for (int i = 0; i < mm->nreg; i++) {
    struct region *r = &mm->reg[i];
    if (r->end <= at)
      continue;
    if (r->start >= at + len)
      break;
    at = r->end;
  }
  if (at + len > USER_TOP - STACK_MAX || at + len < at)
    return 0;
  return at;
}

/* ---- faults --------------------------------------------------------------------------------- */

int vm_fault(struct mm *mm, uint32_t va, int write)
{
  struct region *r = find_region(mm, va);
  if (!r || (write && !(r->prot & R_WRITE)))
    return -EFAULT;
  uint32_t *pte = pte_lookup(mm, va, 1);
  if (!pte)
    return -ENOMEM;
  uint32_t dirty = (r->prot & R_WRITE) ? PTE_D : 0;
  if (!(*pte & PTE_V)) {
    paddr_t pa = page_alloc();
    if (!pa)
      return -ENOMEM;
    *pte = pa | PTE_CACHE | PTE_V | dirty | ((r->prot & R_SHARED) ? PTE_SHARED : 0);
    kstats.faults_zero++;
  } else if (write && !(*pte & PTE_D)) {
    if (!(*pte & PTE_COW))
      return -EFAULT;
    paddr_t old = PTE_ADDR(*pte);
    if (refcount[old / PAGE_SIZE] > 1) {
      paddr_t pa = page_alloc_raw();
      if (!pa)
        return -ENOMEM;
      hal_page_copy(pa, old);
      page_unref(old);
      old = pa;
    }
    *pte = old | PTE_CACHE | PTE_V | PTE_D;
    kstats.faults_cow++;
  } else {
    kstats.faults_other++; /* the TLB held a stale entry: refresh it */
  }
  tlb_sync(mm, va);
  return 0;
}

int mm_populate(struct mm *mm, uint32_t start, uint32_t end)
{
  for (uint32_t va = start; va < end; va += PAGE_SIZE) {
    int e = vm_fault(mm, va, 0);
    if (e)
      return e;
  }
  return 0;
}

/* ---- fork: private writable pages become copy-on-write in both ------------------------------ */

int mm_fork(struct mm *dst, struct mm *src)
{
  int e = mm_init(dst);
  if (e)
    return e;
  memcpy(dst->reg, src->reg, sizeof src->reg);
  dst->nreg = src->nreg;
  dst->brk_base = src->brk_base;
  dst->brk = src->brk;
  for (int i = 0; i < 512; i++) {
    uint32_t *spt = (uint32_t *)src->pgd[i];
    if (spt == empty_pt)
      continue;
    uint32_t *dpt = pte_lookup(dst, (uint32_t)i << 22, 1);
    if (!dpt) {
      mm_free(dst);
      return -ENOMEM;
    }
    for (int j = 0; j < 1024; j++) {
      uint32_t pte = spt[j];
      if (!(pte & PTE_V))
        continue;
      if (!(pte & PTE_SHARED) && (pte & (PTE_D | PTE_COW)))
        pte = (pte & ~PTE_D) | PTE_COW;
      spt[j] = pte;
      dpt[j] = pte;
      page_ref(PTE_ADDR(pte));
    }
  }
  mm_invalidate(src);
  return 0;
}

/* ---- between kernel and user memory --------------------------------------------------------- */

/* The kernel address of user byte va, faulting it in for reading or writing; 0 if bad. */
uint8_t *user_byte(struct mm *mm, uint32_t va, int write)
{
  if (va >= 0x80000000u)
    return 0;
  uint32_t *pte = pte_lookup(mm, va, 0);
  if (!pte || !(*pte & PTE_V) || (write && !(*pte & PTE_D))) {
    if (vm_fault(mm, va, write))
      return 0;
    pte = pte_lookup(mm, va, 0);
  }
  return (uint8_t *)HAL_P2V(PTE_ADDR(*pte)) + (va & (PAGE_SIZE - 1));
}

static int copy_user(struct mm *mm, uint32_t uva, void *kbuf, uint32_t n, int to_user)
{
  uint8_t *k = kbuf;
  while (n) {
    uint32_t chunk = PAGE_SIZE - (uva & (PAGE_SIZE - 1));
    if (chunk > n)
      chunk = n;
    uint8_t *u = user_byte(mm, uva, to_user);
    if (!u)
      return -EFAULT;
    if (to_user)
      memcpy(u, k, chunk);
    else
      memcpy(k, u, chunk);
    uva += chunk, k += chunk, n -= chunk;
  }
  return 0;
}

int copyin(void *dst, uint32_t uva, uint32_t n) { return copy_user(&curproc()->mm, uva, dst, n, 0); }
int copyout(uint32_t uva, const void *src, uint32_t n) { return copy_user(&curproc()->mm, uva, (void *)src, n, 1); }
int mm_copyout(struct mm *mm, uint32_t uva, const void *src, uint32_t n) { return copy_user(mm, uva, (void *)src, n, 1); }

/* A NUL-terminated string of at most max bytes (with the NUL): its length, or -EFAULT /
 * -ENAMETOOLONG. */
int copyinstr(char *dst, uint32_t uva, uint32_t max)
{
  for (uint32_t i = 0; i < max; i++) {
    uint8_t *u = user_byte(&curproc()->mm, uva + i, 0);
    if (!u)
      return -EFAULT;
    dst[i] = (char)*u;
    if (!*u)
      return (int)i;
  }
  return -ENAMETOOLONG;
}

static void clear_dirty(uint32_t *pte, void *arg)
{
  (void)arg;
  *pte &= ~PTE_D;
}

/* Sets the protection of the region that starts at start (exec: text becomes read-only). */
void mm_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot)
{
  for (int i = 0; i < mm->nreg; i++)
    if (mm->reg[i].start == start)
      mm->reg[i].prot = prot;
  if (!(prot & R_WRITE))
    pte_each(mm, start, end, clear_dirty, 0);
  mm_invalidate(mm);
}
