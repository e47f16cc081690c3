/**
 * Disco itself (Bugnion, Devine and Rosenblum, SOSP 1997), running on the machine model: virtual
 * CPUs, the pmap and memmap, the second-level software TLB, page migration and replication,
 * copy-on-write disks and the virtual subnet. It implements the observation interfaces of
 * {@code disco.spec} so that the checkers and the conformance suite can examine it.
 */
package disco.monitor;
