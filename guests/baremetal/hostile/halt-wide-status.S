/* A halt value wider than 8 bits: the exit status is its low byte (0x99 = 153). */
#include "hostile.h"
        with_handler
        halt    0x12345699
