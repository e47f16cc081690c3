/*
 * probe.h: one load or store at a chosen address, by an instruction whose address the handler
 * knows. The exception hook records what the monitor reflected (ExcCode, vector, BadVAddr), moves
 * EPC past the instruction and ERETs, so the program goes on and reports.
 *
 *   set_exception_hook(probe_hook);
 *   s32 code = probe(PROBE_LOAD, "load from", 0x80000000);     -> ExcCode, or -1 if it completed
 *   probe_expect(PROBE_LOAD, "load from", 0x80000000, EXC_ADEL);    -> counts what differs
 *   return probe_status("kseg0");                                    -> prints and gives the status
 *
 * The exit status the hostile programs share: 0 when every probe was reflected as the interface
 * says (the ExcCode, at EBase + 0x180, BadVAddr = the address for address and TLB errors), 1 when
 * one was reflected otherwise, 2 when an access completed (the monitor let it through).
 */
#include "lib.h"

#define PROBE_LOAD 0
#define PROBE_STORE 1      /* sw */
#define PROBE_STORE_BYTE 2 /* sb */

/* The probing instructions, in assembly so that their addresses are the labels *_pc. */
u32 probe_load_at(u32 addr);       /* 0xdeadbeef if the load was abandoned */
void probe_store_at(u32 addr);     /* stores 0x5a5a5a5a */
void probe_store_byte_at(u32 addr); /* stores 0x5a */
extern char probe_load_pc[], probe_store_pc[], probe_store_byte_pc[];
__asm__(
    "  .text\n"
    "  .set push\n"
    "  .set noreorder\n"
    "  .globl probe_load_at\n"
    "probe_load_at:\n"
    "  li    $2, 0xdeadbeef\n"
    "probe_load_pc:\n"
    "  lw    $2, 0($4)\n"
    "  jr    $31\n"
    "  nop\n"
    "  .globl probe_store_at\n"
    "probe_store_at:\n"
    "  li    $8, 0x5a5a5a5a\n"
    "probe_store_pc:\n"
    "  sw    $8, 0($4)\n"
    "  jr    $31\n"
    "  nop\n"
    "  .globl probe_store_byte_at\n"
    "probe_store_byte_at:\n"
    "  li    $8, 0x5a\n"
    "probe_store_byte_pc:\n"
    "  sb    $8, 0($4)\n"
    "  jr    $31\n"
    "  nop\n"
    "  .set pop\n");

static volatile s32 probe_code;
static volatile u32 probe_vector, probe_badvaddr;

static __attribute__((unused)) int probe_hook(u32 vector, u32 cause)
{
  u32 epc = PRIV(DISCO_PRIV_EPC);
  if (epc != (u32)probe_load_pc && epc != (u32)probe_store_pc && epc != (u32)probe_store_byte_pc)
    return 0;
  probe_code = (s32)CAUSE_EXCCODE(cause);
  probe_vector = vector;
  probe_badvaddr = PRIV(DISCO_PRIV_BADVADDR);
  mtc0(14, 0, epc + 4); /* go on after the probing instruction */
  return 1;
}

static const char *const probe_names[] = {"Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE",
                                          "DBE", "Sys"};

/* Does the access and prints what happened; returns the reflected ExcCode, -1 if it completed. */
static __attribute__((unused)) s32 probe(int kind, const char *what, u32 addr)
{
  probe_code = -1;
  u32 v = 0;
  if (kind == PROBE_LOAD)
    v = probe_load_at(addr);
  else if (kind == PROBE_STORE)
    probe_store_at(addr);
  else
    probe_store_byte_at(addr);
  s32 code = probe_code;
  printf("%s 0x%8x: ", what, addr);
  if (code < 0) {
    if (kind == PROBE_LOAD)
      printf("completed, read 0x%8x\n", v);
    else
      printf("completed\n");
  } else if (code >= EXC_MOD && code <= EXC_ADES) { /* these set BadVAddr */
    printf("exception %d (%s) at vector 0x%3x, badvaddr 0x%8x\n", code, probe_names[code],
           probe_vector, probe_badvaddr);
  } else {
    printf("exception %d (%s) at vector 0x%3x\n", code,
           code < (s32)(sizeof probe_names / sizeof *probe_names) ? probe_names[code] : "?",
           probe_vector);
  }
  return code;
}

static int probe_differed, probe_completed;

/* probe(), then compares with the ExcCode the interface gives, at the general vector, with
 * BadVAddr = addr for the exceptions that set it. */
static __attribute__((unused)) void probe_expect(int kind, const char *what, u32 addr, s32 want)
{
  s32 code = probe(kind, what, addr);
  if (code < 0)
    probe_completed++;
  else if (code != want || probe_vector != VEC_GENERAL ||
           (code >= EXC_MOD && code <= EXC_ADES && probe_badvaddr != addr))
    probe_differed++;
}

/* Prints "NAME: ok" or what went wrong; returns the exit status (see above). */
static __attribute__((unused)) int probe_status(const char *name)
{
  if (probe_completed) {
    printf("%s: FAILED, %u accesses completed\n", name, probe_completed);
    return 2;
  }
  if (probe_differed) {
    printf("%s: FAILED, %u exceptions differ\n", name, probe_differed);
    return 1;
  }
  printf("%s: ok\n", name);
  return 0;
}
