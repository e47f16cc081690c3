/* priv-store: the privileged-register page is read-only. A word store to its Status word and a
 * byte store into its memory-size word are each an Address Error (store), ExcCode 5, reflected to
 * EBase + 0x180 with BadVAddr = the address; afterwards the page still holds what it did. Exit
 * status as in probe.h (1 also if a page word changed). */
#include "probe.h"

int main(u32 vcpu)
{
  (void)vcpu;
  set_exception_hook(probe_hook);
  u32 memory = PRIV(DISCO_PRIV_MEMORY_BYTES);
  u32 status = PRIV(DISCO_PRIV_STATUS);

  probe_expect(PROBE_STORE, "priv-store: sw to", DISCO_PRIV_PAGE + DISCO_PRIV_STATUS, EXC_ADES);
  probe_expect(PROBE_STORE_BYTE, "priv-store: sb to", DISCO_PRIV_PAGE + DISCO_PRIV_MEMORY_BYTES + 3,
               EXC_ADES);

  int same = PRIV(DISCO_PRIV_MEMORY_BYTES) == memory && PRIV(DISCO_PRIV_STATUS) == status &&
             mfc0(12, 0) == status;
  printf("priv-store: the page's status and memory words %s\n", same ? "unchanged" : "CHANGED");
  probe_differed += !same;
  return probe_status("priv-store");
}
