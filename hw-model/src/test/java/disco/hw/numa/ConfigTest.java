package disco.hw.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Topology, cache geometry and latencies: arithmetic, defaults and validation messages. */
class ConfigTest {

  @Test
  void topologyPlacesCpusAndPagesInContiguousSlices() {
    Topology t = new Topology(4, 2, 64 * 1024);
    assertEquals(8, t.cpus());
    assertEquals(16, t.pagesPerNode());
    assertEquals(64, t.totalPages());
    assertEquals(256 * 1024, t.totalMemoryBytes());
    assertEquals(0, t.nodeOfCpu(0));
    assertEquals(0, t.nodeOfCpu(1));
    assertEquals(1, t.nodeOfCpu(2));
    assertEquals(3, t.nodeOfCpu(7));
    assertEquals(0, t.nodeOfPage(15));
    assertEquals(1, t.nodeOfPage(16));
    assertEquals(3, t.nodeOfPage(63));
    assertEquals(32, t.firstPageOfNode(2));
  }

  @Test
  void topologyRejectsBadFieldsNamingThem() {
    assertMessage("nodes must be 1..64, got 0", () -> new Topology(0, 1, 4096));
    assertMessage("nodes must be 1..64, got 65", () -> new Topology(65, 1, 4096));
    assertMessage("cpusPerNode must be 1..8, got 9", () -> new Topology(1, 9, 4096));
    assertMessage(
        "memoryBytesPerNode must be a positive multiple of 4096 up to 17179869184, got 5000",
        () -> new Topology(1, 1, 5000));
    assertMessage(
        "memoryBytesPerNode must be a positive multiple of 4096 up to 17179869184, got 0",
        () -> new Topology(1, 1, 0));
    Topology t = new Topology(2, 2, 8192);
    assertMessage("cpu must be 0..3, got 4", () -> t.nodeOfCpu(4));
    assertMessage("cpu must be 0..3, got -1", () -> t.nodeOfCpu(-1));
    assertMessage("machinePageNumber must be 0..3, got 4", () -> t.nodeOfPage(4));
  }

  @Test
  void topologyAcceptsTheLargestMachine() {
    Topology t = new Topology(64, 8, Topology.MAX_MEMORY_BYTES_PER_NODE);
    assertEquals(512, t.cpus());
    assertEquals(1L << 40, t.totalMemoryBytes());
    assertEquals(63, t.nodeOfPage(t.totalPages() - 1));
  }

  @Test
  void flashGeometryIsTheOneMegabyteTwoWaySecondLevelCache() {
    CacheGeometry g = CacheGeometry.flashSecondLevel();
    assertEquals(1 << 20, g.sizeBytes());
    assertEquals(128, g.lineBytes());
    assertEquals(2, g.associativity());
    assertEquals(4096, g.sets());
    assertEquals(8192, g.lines());
    assertEquals(7, g.lineShift());
  }

  @Test
  void geometryRejectsNonPowersOfTwoAndImpossibleShapes() {
    assertMessage("sizeBytes must be a positive power of two, got 3000", () -> new CacheGeometry(3000, 64, 1));
    assertMessage("lineBytes must be a positive power of two, got 48", () -> new CacheGeometry(4096, 48, 1));
    assertMessage("associativity must be a positive power of two, got 3", () -> new CacheGeometry(4096, 64, 3));
    assertMessage("associativity must be a positive power of two, got 0", () -> new CacheGeometry(4096, 64, 0));
    assertMessage("lineBytes must be 4..4096, got 8192", () -> new CacheGeometry(1 << 20, 8192, 1));
    assertMessage(
        "sizeBytes must hold at least one set of 4 lines of 128 bytes, got 256",
        () -> new CacheGeometry(256, 128, 4));
  }

  @Test
  void flashLatenciesAreThreeHundredAndNineHundredNanosecondsAtTwoHundredMegahertz() {
    Latencies l = Latencies.flash();
    assertEquals(1, l.hit());
    assertEquals(300 / 5, l.localMiss());
    assertEquals(900 / 5, l.remoteMiss());
    assertEquals(60, l.miss(1, 1));
    assertEquals(180, l.miss(0, 1));
    assertMessage("remoteMiss must be >= 0, got -1", () -> new Latencies(1, 2, -1));
    assertEquals(0, new Latencies(1, 2, 3).intervention());
  }

  @Test
  void configRejectsNegativeThreshold() {
    Topology t = new Topology(1, 1, 4096);
    assertMessage("hotPageThreshold must be >= 0, got -1", () -> MemoryConfig.flash(t).withHotPageThreshold(-1));
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
