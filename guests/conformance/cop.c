/*
 * cop: Coprocessor Unusable (MIPS32 Vol. III, Cause.CE) for CP0 instructions outside kernel mode
 * (MFC0, MTC0, ERET, TLBP, WAIT, CACHE), CP0 usable in user mode with Status.CU0, CP1 with and
 * without Status.CU1, CP2 (absent), which CU bits can be set; SYSCALL, BREAK and a reserved opcode from user mode.
 */
#include "rt.h"

#define USER_VA 0x00400000u
#define SUPER_VA 0xC0000000u

struct c {
  const char *what;
  char *snippet;
  u32 status;
  u32 a0;
};

int main(void)
{
  tlb_reset();
  mark_pages();
  map_user_page();
  tlb_write(1, SUPER_VA, LO(__user_page, 0, 1, 1), LO(PAGE_DATA(1), 1, 1, 1), 0);
  /* Which CU bits exist: CU0, and CU1 with an FPU; CU2 and CU3 read as zero where no coprocessor
   * 2 or 3 can be connected (Vol. III, Status register). */
  mtc0(12, 0, ST_CU0 | ST_CU1 | 0xc0000000u);
  u32 cu = mfc0(12, 0) >> 28;
  mtc0(12, 0, 0);
  printf("status.cu after writing cu3..cu0 = f: %x\n", cu);
  const struct c cases[] = {
      {"user mfc0", s_mfc0_status, ST_KSU_USER, 0},
      {"supervisor mfc0", s_mfc0_status, ST_KSU_SUPER, 0},
      {"user mtc0", s_mtc0_status, ST_KSU_USER, 0},
      {"supervisor mtc0", s_mtc0_status, ST_KSU_SUPER, 0},
      {"user eret", s_eret, ST_KSU_USER, 0},
      {"supervisor eret", s_eret, ST_KSU_SUPER, 0},
      {"user tlbp", s_tlbp, ST_KSU_USER, 0},
      {"supervisor tlbp", s_tlbp, ST_KSU_SUPER, 0},
      {"user wait", s_wait, ST_KSU_USER, 0},
      {"supervisor wait", s_wait, ST_KSU_SUPER, 0},
      {"user cache", s_cache, ST_KSU_USER, USER_VA},
      {"supervisor cache", s_cache, ST_KSU_SUPER, USER_VA},
      {"user mfc0 with CU0", s_mfc0_status, ST_KSU_USER | ST_CU0, 0},
      {"supervisor mfc0 with CU0", s_mfc0_status, ST_KSU_SUPER | ST_CU0, 0},
      {"user mtc0 with CU0", s_mtc0_status, ST_KSU_USER | ST_CU0, 0},
      {"kernel mfc1 without CU1", s_mfc1, 0, 0},
      {"user mfc1 without CU1", s_mfc1, ST_KSU_USER, 0},
      {"kernel mfc1 with CU1", s_mfc1, ST_CU1, 0},
      {"user mfc1 with CU1", s_mfc1, ST_KSU_USER | ST_CU1, 0},
      {"user mfc1 with CU0 only", s_mfc1, ST_KSU_USER | ST_CU0, 0},
      {"kernel mfc2", s_mfc2, 0, 0},
      {"user mfc2", s_mfc2, ST_KSU_USER, 0},
      {"user syscall", s_syscall, ST_KSU_USER, 0},
      {"user break", s_break, ST_KSU_USER, 0},
      {"user reserved opcode", s_ri, ST_KSU_USER, 0},
      {"kernel reserved opcode", s_ri, 0, 0},
      {"supervisor syscall", s_syscall, ST_KSU_SUPER, 0},
  };
  for (u32 i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    u32 mode = cases[i].status & 0x18;
    u32 code = mode == ST_KSU_USER ? USER_VA : mode == ST_KSU_SUPER ? SUPER_VA : (u32)__user_page;
    u32 pc = AT(code, cases[i].snippet);
    clear_exc();
    u32 v = enter(pc, cases[i].status, cases[i].a0, 0);
    /* s_syscall's own SYSCALL is at +0: report it as the exception it is */
    report(cases[i].what, pc, cases[i].snippet == s_syscall ? 0x100 : 4);
    if (cases[i].snippet == s_mfc0_status && exc.count == 1 && ((exc.cause >> 2) & 31) == 8)
      printf("%s: status read %08x\n", cases[i].what, v & (ST_CU0 | ST_CU1 | 0x1f));
  }
  return 0;
}
