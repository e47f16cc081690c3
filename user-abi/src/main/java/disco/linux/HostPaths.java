package disco.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The program's view of the host's files, as qemu-user gives it (paths are the host's paths, the
 * working directory is a host directory), confined to one directory tree, the root: a path whose
 * resolution leaves the root, by {@code ..}, by an absolute path elsewhere or by a symbolic link
 * pointing out, is refused with EACCES at the step that would leave, before anything outside is
 * looked at. Symbolic links are resolved here, one component at a time, as the kernel's path walk
 * does ({@code fs/namei.c}), so the host never follows a link on the program's behalf.
 */
final class HostPaths {
  /** Linux's limit on symbolic links followed in one resolution (MAXSYMLINKS). */
  private static final int MAX_LINKS = 40;

  /** The largest path Linux accepts (PATH_MAX, with its terminating NUL) and name (NAME_MAX). */
  static final int PATH_MAX = 4096;

  private static final int NAME_MAX = 255;

  /** The path of the model's null device: never a host file. */
  static final Path DEV_NULL = Path.of("/dev/null");

  private final Path root;
  private Path cwd;

  /**
   * @param root the directory the program may see; made real (symbolic links resolved)
   * @param directory the starting working directory; the root if it lies outside the root
   */
  HostPaths(Path root, Path directory) throws IOException {
    this.root = root.toRealPath();
    Path d = directory.toRealPath();
    cwd = d.startsWith(this.root) ? d : this.root;
  }

  Path root() {
    return root;
  }

  Path cwd() {
    return cwd;
  }

  void setCwd(Path directory) {
    cwd = directory;
  }

  boolean inside(Path p) {
    return p.startsWith(root);
  }

  /**
   * Resolves {@code path} as the kernel would, relative to {@code base} when it is relative.
   *
   * @param follow whether a symbolic link in the last component is followed
   * @return the host path, inside the root, whose last component may not exist
   * @throws Errno ENOENT (empty path, a missing directory on the way), ENOTDIR, ELOOP,
   *     ENAMETOOLONG, or EACCES for a path that leaves the root
   */
  Path resolve(Path base, String path, boolean follow) throws Errno {
    if (path.isEmpty()) {
      throw new Errno(Errno.ENOENT);
    }
    if (path.length() >= PATH_MAX) {
      throw new Errno(Errno.ENAMETOOLONG);
    }
    if (path.equals(DEV_NULL.toString())) {
      return DEV_NULL;
    }
    boolean mustBeDirectory = path.endsWith("/");
    Deque<String> todo = new ArrayDeque<>();
    push(todo, path);
    Path cur = path.startsWith("/") ? rootOf(base) : base;
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.removeFirst();
      if (c.equals("..")) {
        Path parent = cur.getParent();
        if (parent == null) {
          continue; // "/.." is "/"
        }
        if (inside(cur) && !inside(parent)) {
          throw new Errno(Errno.EACCES);
        }
        cur = parent;
        continue;
      }
      if (c.length() > NAME_MAX) {
        throw new Errno(Errno.ENAMETOOLONG);
      }
      Path next = cur.resolve(c);
      if (!inside(next)) {
        if (!root.startsWith(next)) {
          throw new Errno(Errno.EACCES); // neither in the root nor on the way down to it
        }
        cur = next; // a directory above the root, on the way to it: known to be real
        continue;
      }
      boolean last = todo.isEmpty();
      BasicFileAttributes a = lstat(next);
      if (a == null) {
        if (!last) {
          throw new Errno(Errno.ENOENT);
        }
        cur = next;
        continue;
      }
      if (a.isSymbolicLink() && (!last || follow || mustBeDirectory)) {
        if (++links > MAX_LINKS) {
          throw new Errno(Errno.ELOOP);
        }
        String target;
        try {
          target = Files.readSymbolicLink(next).toString();
        } catch (IOException e) {
          throw Errno.of(e);
        }
        if (target.isEmpty()) {
          throw new Errno(Errno.ENOENT);
        }
        push(todo, target);
        if (target.startsWith("/")) {
          cur = rootOf(cur);
        }
        continue;
      }
      if ((!last || mustBeDirectory) && !a.isDirectory()) {
        throw new Errno(Errno.ENOTDIR);
      }
      cur = next;
    }
    if (!inside(cur)) {
      throw new Errno(Errno.EACCES); // the root's parent, or "/" itself
    }
    return cur;
  }

  private static Path rootOf(Path p) {
    Path r = p.getRoot();
    return r != null ? r : Path.of("/");
  }

  /** Puts the components of {@code path} in front of {@code todo}, skipping empty and ".". */
  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && !parts[i].equals(".")) {
        todo.addFirst(parts[i]);
      }
    }
  }

  /** The attributes of {@code p} itself (not a link's target), or null if it does not exist. */
  static @Nullable BasicFileAttributes lstat(Path p) throws Errno {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw Errno.of(e);
    }
  }
}
