/* A reserved instruction with BEV = 1 and no boot ROM to handle it. */
#include "hostile.h"
        no_handler
        .word   0xfc000000
        halt    1
