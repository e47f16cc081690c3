/* cc1: the compiler pmake runs in each job (see cc.h). */
#include "cc.h"

int main(int argc, char **argv) {
  return cc_main(argc, argv);
}
