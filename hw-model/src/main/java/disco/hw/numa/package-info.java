/**
 * The memory system of the CC-NUMA machine, in the image of Stanford FLASH: per-processor caches
 * (tags and states only; data lives in machine memory), a directory at each line's home node kept
 * exact by an MSI or MESI protocol, access latencies that make remote memory cost more than local,
 * and the per-page per-node cache-miss counters with a threshold interrupt that Disco's page
 * migration and replication policy relies on.
 *
 * <p>It is a pure component: the machine asks {@link disco.hw.numa.MemorySystem} what each access
 * costs, and turns its {@link disco.hw.numa.HotPage} events into interrupts. {@link
 * disco.hw.numa.CoherenceInvariants} checks that the caches and directories agree and that the
 * counters add up, after any step. Everything is deterministic: no clock, no randomness, and no
 * hash order reaches any result.
 *
 * <p>Protocol and cost choices are documented where they are made: {@link
 * disco.hw.numa.DirectoryController} (the transactions), {@link disco.hw.numa.Latencies} (the
 * cycle figures), {@link disco.hw.numa.CacheGeometry} (the one modelled cache level) and {@link
 * disco.hw.numa.MemoryConfig} (caches switched off).
 */
package disco.hw.numa;
