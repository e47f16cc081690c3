/* Spins forever with interrupts off: undetectable in general; --max-cycles stops it. */
#include "hostile.h"
        no_handler
1:      b       1b
        nop
