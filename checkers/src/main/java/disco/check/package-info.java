/**
 * The checkers: an explicit-state model checker and property-based tests that search the
 * specifications' models and an implementation (reached only through {@code disco.spec}
 * interfaces) for violations of isolation and coherence invariants, with shortest counterexamples.
 */
package disco.check;
