/**
 * The conformance suite: language-neutral vectors (ISA, MMU, exceptions, bare-metal programs,
 * monitor scenarios) and the harness that runs them against any implementation, through a Java SPI
 * or an external process speaking a JSON-lines protocol.
 */
package disco.conformance;
