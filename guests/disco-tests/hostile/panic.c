/* panic: a guest kernel that gives up: prints "panic: ..." and halts with status 1 (lib.c). */
#include "lib.h"

int main(u32 vcpu)
{
  (void)vcpu;
  printf("panic-test: about to panic\n");
  panic("deliberate, to test the exit status");
}
