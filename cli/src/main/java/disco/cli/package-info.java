/**
 * The {@code disco} command line: the one place that wires the machine, the monitor, the checkers
 * and the conformance suite together, and the only code allowed to write to standard output.
 */
package disco.cli;
