package disco.hw.numa;

/**
 * One page's miss counts summed over nodes, since its counters were last reset.
 *
 * @param page the machine page number
 * @param homeNode the node the page is homed on
 * @param remoteMisses misses from processors of other nodes
 * @param localMisses misses from processors of the home node
 */
public record PageMisses(long page, int homeNode, long remoteMisses, long localMisses) {}
