package disco.hw.machine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A disk to attach: its number (0..7), the image file that backs it, and whether the machine may
 * write that file. A {@code snapshot} disk (QEMU's word) reads the file and keeps every sector
 * written in memory, so the file is opened read-only and is the same bytes after the run.
 */
public record DiskImage(int number, Path file, boolean snapshot) {

  /** Persistent disks for a map of number to file, in number order. */
  public static List<DiskImage> persistent(SortedMap<Integer, Path> disks) {
    return disks.entrySet().stream().map((Map.Entry<Integer, Path> e) -> new DiskImage(e.getKey(), e.getValue(), false)).toList();
  }
}
