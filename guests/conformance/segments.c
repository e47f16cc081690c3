/*
 * segments: which segments kernel, supervisor and user mode may reach (MIPS32 Vol. III, "Virtual
 * Memory": kuseg, kseg0, kseg1, ksseg, kseg3), loads and stores, aligned and not, and instruction
 * fetches; the exception each wrong access takes (AdEL/AdES/TLBL/TLBS), its vector, EPC, BadVAddr.
 */
#include "rt.h"

#define USER_VA 0x00400000u  /* user page (even), data page 0 (odd) */
#define SUPER_VA 0xC0000000u /* user page (even), data page 1 (odd) */

struct mode {
  const char *name;
  u32 status;
  u32 code; /* where the mode runs the snippets */
};

static const u32 addresses[] = {
    0x00401000u, /* kuseg, mapped (data page 0) */
    0x00800000u, /* kuseg, no entry */
    0x80100000u, /* kseg0 (data page 0 unmapped) */
    0xA0100000u, /* kseg1 */
    0xC0001000u, /* ksseg, mapped (data page 1) */
    0xC0800000u, /* ksseg, no entry */
    0xE0000000u, /* kseg3, no entry */
};

int main(void)
{
  tlb_reset();
  mark_pages();
  map_user_page();
  tlb_write(1, SUPER_VA, LO(__user_page, 0, 1, 1), LO(PAGE_DATA(1), 1, 1, 1), 0);
  tlb_write(2, 0x00602000u, LO(PAGE_DATA(2), 1, 1, 1), LO(PAGE_DATA(3), 1, 0, 1), 0); /* odd invalid */
  const struct mode modes[] = {
      {"kernel", 0, (u32)__user_page},
      {"supervisor", ST_KSU_SUPER, SUPER_VA},
      {"user", ST_KSU_USER, USER_VA},
  };
  for (u32 m = 0; m < 3; m++) {
    for (u32 i = 0; i < sizeof addresses / sizeof addresses[0]; i++) {
      u32 a = addresses[i];
      u32 pc = AT(modes[m].code, s_lw);
      clear_exc();
      u32 v = enter(pc, modes[m].status, a, 0);
      printf("%s lw %08x: ", modes[m].name, a);
      report("", pc, 4);
      if (exc.count == 1 && ((exc.cause >> 2) & 31) == 8 && a != 0xA0100000u && a != 0x80100000u)
        printf("%s lw %08x value: %08x\n", modes[m].name, a, v);
      pc = AT(modes[m].code, s_sw);
      clear_exc();
      enter(pc, modes[m].status, a + 0x100, 0x5a5a0000u + i);
      printf("%s sw %08x: ", modes[m].name, a + 0x100);
      report("", pc, 4);
    }
  }

  /* Misaligned accesses: AdEL/AdES in every mode, BadVAddr the misaligned address. */
  static const struct { const char *what; char *snippet; u32 mode; u32 code; u32 a; } mis[] = {
      {"kernel lw +2", s_lw, 0, 0, 0xA0100002u},
      {"kernel lh +1", s_lh, 0, 0, 0xA0100001u},
      {"kernel sw +2", s_sw, 0, 0, 0xA0100002u},
      {"kernel sh +1", s_sh, 0, 0, 0xA0100001u},
      {"user lw +2", s_lw, ST_KSU_USER, USER_VA, 0x00401002u},
      {"user sh +3", s_sh, ST_KSU_USER, USER_VA, 0x00401003u},
      {"user lw kseg0 +1", s_lw, ST_KSU_USER, USER_VA, 0x80100001u},
      {"supervisor lw +2", s_lw, ST_KSU_SUPER, SUPER_VA, 0xC0001002u},
  };
  for (u32 i = 0; i < sizeof mis / sizeof mis[0]; i++) {
    u32 code = mis[i].code ? mis[i].code : (u32)__user_page;
    u32 pc = AT(code, mis[i].snippet);
    clear_exc();
    enter(pc, mis[i].mode, mis[i].a, 0);
    report(mis[i].what, pc, 4);
  }

  /* Fetches: a jump to where the mode may not fetch is an AdEL (or TLBL) on the target, with EPC
   * and BadVAddr the target and BD = 0. */
  static const struct { const char *what; u32 mode; u32 code; u32 target; } fetch[] = {
      {"user fetch kseg0", ST_KSU_USER, USER_VA, 0x80100000u},
      {"user fetch ksseg", ST_KSU_USER, USER_VA, SUPER_VA},
      {"user fetch misaligned", ST_KSU_USER, USER_VA, USER_VA + 2},
      {"user fetch kuseg no entry", ST_KSU_USER, USER_VA, 0x00800000u},
      {"supervisor fetch kseg0", ST_KSU_SUPER, SUPER_VA, 0x80100000u},
      {"supervisor fetch kseg3", ST_KSU_SUPER, SUPER_VA, 0xE0000000u},
      {"kernel fetch kuseg no entry", 0, 0, 0x00800000u},
      {"kernel fetch ksseg no entry", 0, 0, 0xC0800000u},
      {"kernel fetch invalid page", 0, 0, 0x00603000u},
  };
  for (u32 i = 0; i < sizeof fetch / sizeof fetch[0]; i++) {
    u32 code = fetch[i].code ? fetch[i].code : (u32)__user_page;
    u32 pc = AT(code, s_jr);
    clear_exc();
    enter(pc, fetch[i].mode, fetch[i].target, 0);
    printf("%s %08x: ", fetch[i].what, fetch[i].target);
    report_exc(pc);
    putc('\n');
  }
  /* And where it may: user code through kuseg, supervisor code through kuseg and ksseg. */
  u32 pc = AT(USER_VA, s_syscall);
  clear_exc();
  enter(pc, ST_KSU_USER, 0, 0);
  report("user runs kuseg", pc, 0);
  clear_exc();
  enter(pc, ST_KSU_SUPER, 0, 0);
  report("supervisor runs kuseg", pc, 0);
  pc = AT(SUPER_VA, s_syscall);
  clear_exc();
  enter(pc, ST_KSU_SUPER, 0, 0);
  report("supervisor runs ksseg", pc, 0);
  return 0;
}
