/* Linked with its entry point at 0xBFC00000 (Makefile): CPU 0 starts where no memory is, and the
 * BEV vector it is sent to has none either. */
#include "hostile.h"
        no_handler
        halt    1
