package disco.linux;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A system call's failure: the errno value it returns. The values are those of Linux/MIPS
 * ({@code arch/mips/include/uapi/asm/errno.h}), which differ from x86's above 34 (ENOSYS is 89,
 * ENAMETOOLONG 78, ELOOP 90, ENOTEMPTY 93). Without a stack trace: it is control flow.
 */
class Errno extends Exception {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EIO = 5;
  static final int EBADF = 9;
  static final int ECHILD = 10;
  static final int EAGAIN = 11;
  static final int ENOMEM = 12;
  static final int EACCES = 13;
  static final int EFAULT = 14;
  static final int EBUSY = 16;
  static final int EEXIST = 17;
  static final int EXDEV = 18;
  static final int ENODEV = 19;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;
  static final int EINVAL = 22;
  static final int EMFILE = 24;
  static final int ENOTTY = 25;
  static final int EFBIG = 27;
  static final int ENOSPC = 28;
  static final int ESPIPE = 29;
  static final int EROFS = 30;
  static final int EPIPE = 32;
  static final int ERANGE = 34;
  static final int ENAMETOOLONG = 78;
  static final int EOVERFLOW = 79;
  static final int ENOSYS = 89;
  static final int ELOOP = 90;
  static final int ENOTEMPTY = 93;

  private static final long serialVersionUID = 1L;

  final int errno;

  Errno(int errno) {
    super(null, null, false, false);
    this.errno = errno;
  }

  /**
   * The errno a host I/O failure stands for. Java reports the host's errno only as its message
   * (strerror's text), so that is what is matched when the exception type does not say.
   */
  static Errno of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new Errno(ENOENT);
    }
    if (e instanceof FileAlreadyExistsException) {
      return new Errno(EEXIST);
    }
    if (e instanceof DirectoryNotEmptyException) {
      return new Errno(ENOTEMPTY);
    }
    if (e instanceof AccessDeniedException) {
      return new Errno(EACCES);
    }
    if (e instanceof NotDirectoryException) {
      return new Errno(ENOTDIR);
    }
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (reason == null) {
      return new Errno(EIO);
    }
    if (reason.startsWith("Too many levels of symbolic links")) {
      return new Errno(ELOOP);
    }
    return new Errno(switch (reason) {
      case "Operation not permitted" -> EPERM;
      case "Is a directory" -> EISDIR;
      case "Not a directory" -> ENOTDIR;
      case "Directory not empty" -> ENOTEMPTY;
      case "Invalid argument" -> EINVAL;
      case "File exists" -> EEXIST;
      case "Invalid cross-device link" -> EXDEV;
      case "Device or resource busy" -> EBUSY;
      case "Read-only file system" -> EROFS;
      case "No space left on device" -> ENOSPC;
      case "File name too long" -> ENAMETOOLONG;
      case "File too large" -> EFBIG;
      default -> EIO;
    });
  }
}
