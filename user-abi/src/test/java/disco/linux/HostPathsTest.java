package disco.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confinement to the root: every way out (.., absolute paths, symbolic links pointing out,
 * absolute or relative, direct or through a chain) is refused with EACCES, while the same kinds
 * of path that stay inside resolve as the kernel would resolve them.
 */
class HostPathsTest {
  @TempDir Path tmp;
  Path root;
  HostPaths paths;

  @BeforeEach
  void tree() throws Exception {
    root = tmp.resolve("root").toAbsolutePath();
    Files.createDirectories(root.resolve("sub/deeper"));
    Files.writeString(root.resolve("sub/file"), "in");
    Files.writeString(tmp.resolve("outside.txt"), "secret");
    Files.createDirectories(tmp.resolve("rootsibling"));
    // an absolute link out (to a directory beside the root, so the temporary tree holds it all)
    Files.createSymbolicLink(root.resolve("etc"), tmp.resolve("rootsibling").toAbsolutePath());
    Files.writeString(tmp.resolve("rootsibling/passwd"), "secret");
    Files.createSymbolicLink(root.resolve("up"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("sub/upup"), Path.of("../.."));
    Files.createSymbolicLink(root.resolve("chain"), Path.of("sub/upup"));
    Files.createSymbolicLink(root.resolve("abs-in"), root.resolve("sub/file"));
    Files.createSymbolicLink(root.resolve("rel-in"), Path.of("sub/deeper/../file"));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
    Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
    paths = new HostPaths(root, root.resolve("sub"));
  }

  private Path resolve(String p, boolean follow) throws Errno {
    return paths.resolve(paths.cwd(), p, follow);
  }

  private int errno(String p, boolean follow) {
    return assertThrows(Errno.class, () -> resolve(p, follow), p).errno;
  }

  @Test
  void dotDotOutOfTheRootIsRefused() {
    assertEquals(Errno.EACCES, errno("../..", true));
    assertEquals(Errno.EACCES, errno("../../outside.txt", true));
    assertEquals(Errno.EACCES, errno("deeper/../../../outside.txt", true));
    assertEquals(Errno.EACCES, errno("../../root/sub/file", true)); // out and back in: still out
  }

  @Test
  void absolutePathsOutsideTheRootAreRefused() {
    assertEquals(Errno.EACCES, errno("/etc/passwd", true));
    assertEquals(Errno.EACCES, errno("/", true));
    assertEquals(Errno.EACCES, errno(tmp.resolve("outside.txt").toString(), true));
    assertEquals(Errno.EACCES, errno(tmp.resolve("rootsibling").toString(), true));
    assertEquals(Errno.EACCES, errno(root + "/..", true));
    assertEquals(Errno.EACCES, errno(root + "sibling", true)); // a name that only starts alike
  }

  @Test
  void symbolicLinksOutOfTheRootAreNotFollowed() throws Exception {
    assertEquals(Errno.EACCES, errno("/" + root + "/etc/passwd", true));
    assertEquals(Errno.EACCES, errno("../etc", true));
    assertEquals(Errno.EACCES, errno("../up/outside.txt", true));
    assertEquals(Errno.EACCES, errno("upup", true));
    assertEquals(Errno.EACCES, errno("../chain/outside.txt", true));
    assertEquals(Errno.EACCES, errno("../up/", false)); // a trailing slash follows the link
    // Without following the last component, the link itself (inside the root) is the answer.
    assertEquals(root.resolve("etc"), resolve("../etc", false));
    assertEquals(root.resolve("up"), resolve("../up", false));
  }

  @Test
  void pathsInsideTheRootResolveAsTheKernelDoes() throws Exception {
    Path file = root.resolve("sub/file").toRealPath();
    assertEquals(file, resolve("file", true));
    assertEquals(file, resolve("./deeper/../file", true));
    assertEquals(file, resolve(root + "/sub/file", true));
    assertEquals(file, resolve("../abs-in", true));
    assertEquals(file, resolve("../rel-in", true));
    assertEquals(root.toRealPath(), resolve("..", true));
    Path real = root.toRealPath();
    assertEquals(real.resolve("sub/new"), resolve("new", true));
    assertEquals(real.resolve("nowhere"), resolve("../dangling", true)); // where O_CREAT creates
  }

  @Test
  void theKernelsOtherErrorsRemain() {
    assertEquals(Errno.ENOENT, errno("", true));
    assertEquals(Errno.ENOENT, errno("missing/file", true));
    assertEquals(Errno.ENOTDIR, errno("file/x", true));
    assertEquals(Errno.ENOTDIR, errno("file/", true));
    assertEquals(Errno.ELOOP, errno("../loop", true));
    assertEquals(Errno.ENAMETOOLONG, errno("x".repeat(256), true));
  }

  @Test
  void theWorkingDirectoryStartsInsideTheRoot() throws Exception {
    assertEquals(root.resolve("sub").toRealPath(), paths.cwd());
    HostPaths elsewhere = new HostPaths(root, tmp);
    assertEquals(root.toRealPath(), elsewhere.cwd());
  }
}
