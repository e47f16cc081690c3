/**
 * The machine: a deliberately simple, single-threaded, deterministic model of a cache-coherent
 * NUMA multiprocessor built from MIPS32 processors, in the spirit of the Stanford FLASH machine
 * that Disco ran on. It knows nothing of Disco: a monitor reaches it only through the supervisor
 * hook by which a Java kernel-mode handler takes a CPU's exceptions.
 */
package disco.hw;
