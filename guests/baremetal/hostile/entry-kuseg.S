/* Linked with its entry point at 0x00400000 (Makefile), like a Linux program given as a kernel:
 * the fetch is a TLB refill, and the BEV vector has no memory behind it. */
#include "hostile.h"
        no_handler
        halt    1
