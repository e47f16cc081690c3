package disco.hw.numa;

/**
 * A page's miss count for one node reached the hot-page threshold: the event FLASH's MAGIC raised
 * as an interrupt so that Disco could consider migrating or replicating the page.
 *
 * @param page the machine page number
 * @param node the node whose processors missed on it
 * @param count the count when the threshold was reached
 */
public record HotPage(long page, int node, int count) {}
