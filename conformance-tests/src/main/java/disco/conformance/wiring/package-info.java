/**
 * The one place where the conformance suite meets the reference: the reference (and its seeded
 * mutants) as implementations of the SPI, and the generator of the instruction vectors.
 */
package disco.conformance.wiring;
