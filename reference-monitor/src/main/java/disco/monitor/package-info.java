/**
 * Disco itself (Bugnion, Devine and Rosenblum, SOSP 1997, sections 3 and 4), running on the
 * machine model: virtual CPUs with a virtual CP0 ({@code cpu}), the pmap, memmap, machine pages
 * and the second-level software TLB ({@code mem}), the trap dispatcher with trap-and-emulate,
 * reflection, monitor calls and the cost model ({@code trap}), virtual devices ({@code io}), and
 * the observation interface of {@code disco.spec} over the live monitor ({@code observe}). Page
 * migration and replication, copy-on-write disk sharing and the virtual subnet are not built yet
 * (docs/reference-monitor.md, deviations).
 */
package disco.monitor;
