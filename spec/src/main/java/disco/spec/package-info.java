/**
 * Executable specifications of what the Disco monitor promises: small abstract machines (each
 * virtual machine owns a private physical memory whose contents change only by its own writes, its
 * disk reads and the packets sent to it), the invariant catalogue, and the observation interfaces
 * through which any implementation exposes its state to the checkers.
 *
 * <p>This module depends on nothing but the JDK (and the qualifier annotations it defines).
 */
package disco.spec;
