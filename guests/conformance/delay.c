/*
 * delay: exceptions in branch delay slots (MIPS32 Vol. III, "Exception Processing": EPC is the
 * branch and Cause.BD is 1), for taken and not-taken branches, jumps and branch-and-link, an
 * address error and a TLB refill in the slot (a branch that can never be taken, bne $0,$0, too), SYSCALL in the slot; a branch-likely that is not
 * taken annuls its slot; a jump whose slot is fine and whose target faults (BD = 0, EPC = target).
 */
#include "rt.h"

#define USER_VA 0x00400000u

int main(void)
{
  tlb_reset();
  mark_pages();
  map_user_page();
  const u32 k = (u32)__user_page;
  const struct {
    const char *what;
    char *snippet;
    u32 status;
    u32 a0, a1;
    u32 ok_at;
  } cases[] = {
      {"kernel beq taken, lw misaligned in slot", s_beq_taken_lw, 0, 0xA0100002u, 0, 12},
      {"kernel bne not taken, lw misaligned in slot", s_bne_nottaken_lw, 0, 0xA0100002u, 0, 8},
      {"kernel bne $0,$0, lw misaligned in slot", s_bne00_lw, 0, 0xA0100002u, 0, 8},
      {"kernel jr, lw misaligned in slot", s_jr_lw, 0, 0xA0100002u, AT(k, s_syscall), 0x100},
      {"kernel bgezal, lw misaligned in slot", s_bal_lw, 0, 0xA0100002u, 0, 12},
      {"kernel beq taken, lw no TLB entry in slot", s_beq_taken_lw, 0, 0x00800000u, 0, 12},
      {"kernel beq taken, lw fine in slot", s_beq_taken_lw, 0, 0xA0100000u, 0, 12},
      {"kernel bne not taken, lw fine in slot", s_bne_nottaken_lw, 0, 0xA0100000u, 0, 8},
      {"kernel beql not taken, lw misaligned in slot", s_beql_nottaken_lw, 0, 0xA0100002u, 1, 8},
      {"kernel beq taken, syscall in slot", s_beq_syscall, 0, 0, 0, 0x100},
      {"user beq taken, lw kseg0 in slot", s_beq_taken_lw, ST_KSU_USER, 0x80100000u, 0, 12},
      {"user bne not taken, lw no TLB entry in slot", s_bne_nottaken_lw, ST_KSU_USER, 0x00800000u, 0, 8},
      {"user jr to kseg0, lw fine in slot", s_jr_lw, ST_KSU_USER, 0x00401000u, 0x80100000u, 0x100},
      {"user beq taken, syscall in slot", s_beq_syscall, ST_KSU_USER, 0, 0, 0x100},
  };
  for (u32 i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    u32 pc = AT(cases[i].status ? USER_VA : k, cases[i].snippet);
    clear_exc();
    u32 a1 = cases[i].a1;
    if (cases[i].snippet == s_jr_lw && cases[i].status == ST_KSU_USER && a1 == 0)
      a1 = AT(USER_VA, s_syscall);
    enter(pc, cases[i].status, cases[i].a0, a1);
    report(cases[i].what, pc, cases[i].ok_at);
  }
  return 0;
}
