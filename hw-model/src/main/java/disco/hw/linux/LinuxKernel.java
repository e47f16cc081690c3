package disco.hw.linux;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.ExcCode;
import disco.hw.cpu.Supervisor;
import disco.hw.isa.Disassembler;
import disco.hw.mem.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The system-call layer of a Linux process, as a {@link Supervisor}: it takes the CPU's SYSCALL
 * exceptions and services the calls a static glibc program makes, with the o32 conventions of
 * Linux/MIPS (number in v0, arguments in a0..a3 then on the stack at sp+16.., result in v0, a3
 * set on error with a positive errno in v0). Page faults in demand-allocated regions are served by
 * allocating the page; every other exception kills the process with the signal Linux would send.
 *
 * <p>There is no file system: {@code open} fails, and only descriptors 0, 1 and 2 exist. Time is
 * deterministic: a clock that advances with the instruction count.
 */
final class LinuxKernel implements Supervisor {
  // errno values of Linux/MIPS (arch/mips/include/uapi/asm/errno.h; ENOSYS differs from x86).
  static final int ENOENT = 2;
  static final int EBADF = 9;
  static final int EMFILE = 24;
  static final int ENOMEM = 12;
  static final int EFAULT = 14;
  static final int EINVAL = 22;
  static final int ENOTTY = 25;
  static final int ESPIPE = 29;
  static final int ENOSYS = 89;

  // Signal numbers of Linux/MIPS.
  static final int SIGILL = 4;
  static final int SIGTRAP = 5;
  static final int SIGABRT = 6;
  static final int SIGFPE = 8;
  static final int SIGKILL = 9;
  static final int SIGBUS = 10;
  static final int SIGSEGV = 11;

  /** The clock starts at 2024-01-01T00:00:00Z and advances 10 ns per instruction (100 MHz). */
  static final long EPOCH_SECONDS = 1_704_067_200L;

  static final int PID = 1000;

  private final LinuxProcess process;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final OutputStream diagnostics;
  private long randomState = 0x2545_F491_4F6C_DD1DL;

  /**
   * The descriptor table: what each descriptor refers to (0 = standard input, 1 = standard output,
   * 2 = standard error), or -1 if closed. dup, dup2 and fcntl(F_DUPFD) copy entries.
   */
  private final int[] fds = new int[256];

  int exitStatus = -1;
  @Nullable String fatalReport;

  LinuxKernel(LinuxProcess process, InputStream stdin, OutputStream stdout, OutputStream stderr,
      OutputStream diagnostics) {
    this.process = process;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.diagnostics = diagnostics;
    java.util.Arrays.fill(fds, -1);
    fds[0] = 0;
    fds[1] = 1;
    fds[2] = 2;
  }

  /** What descriptor {@code fd} refers to (0, 1 or 2), or -1 if it is not open. */
  private int target(int fd) {
    return fd >= 0 && fd < fds.length ? fds[fd] : -1;
  }

  private void dup(Cpu cpu, int oldFd, int lowest) {
    int t = target(oldFd);
    if (t < 0) {
      fail(cpu, EBADF);
      return;
    }
    for (int fd = Math.max(0, lowest); fd < fds.length; fd++) {
      if (fds[fd] < 0) {
        fds[fd] = t;
        ok(cpu, fd);
        return;
      }
    }
    fail(cpu, EMFILE);
  }

  private void dup2(Cpu cpu, int oldFd, int newFd) {
    int t = target(oldFd);
    if (t < 0 || newFd < 0 || newFd >= fds.length) {
      fail(cpu, EBADF);
      return;
    }
    fds[newFd] = t;
    ok(cpu, newFd);
  }

  @Override
  public void exception(Cpu cpu, int excCode) {
    int epc = cpu.cp0().epc();
    switch (excCode) {
      case ExcCode.SYS -> {
        if ((cpu.cp0().cause() & 0x8000_0000) != 0) {
          kill(cpu, SIGILL, "system call in a branch delay slot");
          return;
        }
        // Continue after the SYSCALL, whatever the call does to the registers.
        cpu.resume(epc + 4);
        syscall(cpu);
      }
      case ExcCode.TLBL, ExcCode.TLBS -> {
        int va = cpu.cp0().badVAddr();
        if (process.inRegion(va)) {
          process.memory.allocate(va >>> Memory.PAGE_SHIFT);
          cpu.resume(epc); // re-execute the faulting instruction (or its branch)
        } else {
          kill(cpu, SIGSEGV, String.format("bad address 0x%08x", va));
        }
      }
      case ExcCode.ADEL, ExcCode.ADES -> {
        // A kernel-space address is a segmentation fault; a misaligned user address is a bus
        // error, as qemu-user reports it (Linux itself would emulate the unaligned access).
        int va = cpu.cp0().badVAddr();
        kill(cpu, va < 0 ? SIGSEGV : SIGBUS, String.format("bad address 0x%08x", va));
      }
      case ExcCode.BP, ExcCode.TR -> {
        // Linux/MIPS sends SIGFPE for the break/trap codes gcc uses for division by zero (7) and
        // overflow (6), SIGTRAP for the others (arch/mips/kernel/traps.c, do_trap_or_bp).
        int w = process.memory.loadWord(epc + ((cpu.cp0().cause() & 0x8000_0000) != 0 ? 4 : 0));
        int code = excCode == ExcCode.BP ? (w >>> 16) & 0x3ff : ((w >>> 26) == 0 ? (w >>> 6) & 0x3ff : 0);
        kill(cpu, code == 6 || code == 7 ? SIGFPE : SIGTRAP, "");
      }
      case ExcCode.OV, ExcCode.FPE -> kill(cpu, SIGFPE, "");
      case ExcCode.RI, ExcCode.CPU -> kill(cpu, SIGILL, "");
      default -> kill(cpu, SIGBUS, "");
    }
  }

  /** Ends the process as killed by {@code signal}, with a one-line report of the exception. */
  private void kill(Cpu cpu, int signal, String detail) {
    int epc = cpu.cp0().epc();
    boolean bd = (cpu.cp0().cause() & 0x8000_0000) != 0;
    int faultPc = bd ? epc + 4 : epc;
    int w = process.memory.loadWord(faultPc);
    String insn = process.memory.isPresent(faultPc) ? Disassembler.disassemble(w, faultPc).replace('\t', ' ') : "(unmapped)";
    int code = (cpu.cp0().cause() >>> 2) & 0x1f;
    fatalReport = String.format("%s at pc 0x%08x%s: %08x %s%s; killed by signal %d",
        ExcCode.name(code), faultPc, bd ? " (delay slot)" : "", w, insn,
        detail.isEmpty() ? "" : " (" + detail + ")", signal);
    exitStatus = 128 + signal;
    cpu.halt();
  }

  private void exit(Cpu cpu, int status) {
    exitStatus = status & 0xff;
    cpu.halt();
  }

  private int arg(Cpu cpu, int n) {
    if (n < 4) {
      return cpu.gpr(4 + n);
    }
    return process.memory.loadWord(cpu.gpr(29) + 16 + 4 * (n - 4));
  }

  private static void ok(Cpu cpu, int value) {
    cpu.setGpr(2, value);
    cpu.setGpr(7, 0);
  }

  private static void fail(Cpu cpu, int errno) {
    cpu.setGpr(2, errno);
    cpu.setGpr(7, 1);
  }

  private void syscall(Cpu cpu) {
    int nr = cpu.gpr(2);
    Memory m = process.memory;
    switch (nr) {
      case 4001, 4246 -> exit(cpu, arg(cpu, 0)); // exit, exit_group
      case 4003 -> read(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 2));
      case 4004 -> write(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 2));
      case 4146 -> writev(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 2));
      case 4005, 4288 -> fail(cpu, ENOENT); // open, openat: no file system
      case 4006 -> { // close
        int fd = arg(cpu, 0);
        if (target(fd) >= 0) {
          fds[fd] = -1;
          ok(cpu, 0);
        } else {
          fail(cpu, EBADF);
        }
      }
      case 4041 -> dup(cpu, arg(cpu, 0), 0); // dup
      case 4063 -> dup2(cpu, arg(cpu, 0), arg(cpu, 1)); // dup2
      case 4327 -> { // dup3: dup2 that refuses equal descriptors
        if (arg(cpu, 0) == arg(cpu, 1)) {
          fail(cpu, EINVAL);
        } else {
          dup2(cpu, arg(cpu, 0), arg(cpu, 1));
        }
      }
      case 4220 -> fcntl(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 2)); // fcntl64
      case 4019, 4140 -> fail(cpu, isStdFd(arg(cpu, 0)) ? ESPIPE : EBADF); // lseek, _llseek
      case 4045 -> brk(cpu, arg(cpu, 0));
      case 4090 -> mmap(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 3), arg(cpu, 4)); // old mmap
      case 4210 -> mmap(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 3), arg(cpu, 4)); // mmap2
      case 4091 -> munmap(cpu, arg(cpu, 0), arg(cpu, 1));
      case 4167 -> mremap(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 2), arg(cpu, 3));
      case 4125, 4218 -> ok(cpu, 0); // mprotect, madvise: every page is read/write/execute
      case 4122 -> uname(cpu, arg(cpu, 0));
      case 4283 -> { // set_thread_area: the TLS pointer that RDHWR $29 returns
        cpu.writeCp0(4, 2, arg(cpu, 0));
        ok(cpu, 0);
      }
      case 4252, 4020, 4222 -> ok(cpu, PID); // set_tid_address, getpid, gettid
      case 4064 -> ok(cpu, 1); // getppid
      case 4024, 4049, 4047, 4050 -> ok(cpu, 0); // getuid, geteuid, getgid, getegid
      case 4054 -> fail(cpu, isStdFd(arg(cpu, 0)) ? ENOTTY : EBADF); // ioctl: not a terminal
      case 4194 -> { // rt_sigaction: accepted; no signal is ever delivered
        zero(m, arg(cpu, 2), 24);
        ok(cpu, 0);
      }
      case 4195 -> { // rt_sigprocmask
        zero(m, arg(cpu, 2), 16);
        ok(cpu, 0);
      }
      case 4037, 4266, 4236 -> killSyscall(cpu, nr); // kill, tgkill, tkill
      case 4238 -> ok(cpu, 0); // futex: one thread, nothing ever waits
      case 4309 -> ok(cpu, 0); // set_robust_list
      case 4076 -> getrlimit(cpu, arg(cpu, 0), arg(cpu, 1));
      case 4338 -> prlimit(cpu, arg(cpu, 1), arg(cpu, 3));
      case 4085 -> fail(cpu, ENOENT); // readlink
      case 4116 -> sysinfo(cpu, arg(cpu, 0));
      case 4263 -> clockGettime(cpu, arg(cpu, 1), false);
      case 4403 -> clockGettime(cpu, arg(cpu, 1), true);
      case 4078 -> gettimeofday(cpu, arg(cpu, 0));
      case 4013 -> { // time
        int t = (int) nowSeconds(cpu);
        if (arg(cpu, 0) != 0) {
          m.storeWord(arg(cpu, 0), t);
        }
        ok(cpu, t);
      }
      case 4353 -> getrandom(cpu, arg(cpu, 0), arg(cpu, 1));
      case 4366 -> statx(cpu, arg(cpu, 0), arg(cpu, 1), arg(cpu, 2), arg(cpu, 4));
      case 4215, 4293 -> fail(cpu, ENOSYS); // fstat64, fstatat64: glibc uses statx first
      case 4367 -> fail(cpu, ENOSYS); // rseq: not offered, as qemu-user does not offer it
      default -> {
        diagnostic("disco: unknown system call " + nr + "; returning -ENOSYS");
        fail(cpu, ENOSYS);
      }
    }
  }

  private boolean isStdFd(int fd) {
    return target(fd) >= 0;
  }

  private void fcntl(Cpu cpu, int fd, int cmd, int arg) {
    if (target(fd) < 0) {
      fail(cpu, EBADF);
      return;
    }
    switch (cmd) {
      case 0, 1030 -> dup(cpu, fd, arg); // F_DUPFD, F_DUPFD_CLOEXEC
      case 1, 2 -> ok(cpu, 0); // F_GETFD, F_SETFD: no exec, so close-on-exec means nothing
      case 3 -> ok(cpu, target(fd) == 0 ? 0 : 1); // F_GETFL: O_RDONLY or O_WRONLY
      default -> fail(cpu, EINVAL);
    }
  }

  private void diagnostic(String line) {
    try {
      diagnostics.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      diagnostics.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void zero(Memory m, int address, int length) {
    if (address != 0) {
      for (int i = 0; i < length; i++) {
        m.storeByte(address + i, 0);
      }
    }
  }

  private void read(Cpu cpu, int fd, int buf, int count) {
    if (target(fd) != 0) {
      fail(cpu, EBADF);
      return;
    }
    if (count < 0) {
      fail(cpu, EINVAL);
      return;
    }
    byte[] b = new byte[Math.min(count, 1 << 16)];
    int n;
    try {
      n = Math.max(0, stdin.read(b, 0, b.length)); // end of input reads 0 bytes
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    process.memory.write(buf, b, 0, n);
    ok(cpu, n);
  }

  private void write(Cpu cpu, int fd, int buf, int count) {
    int t = target(fd);
    OutputStream out = t == 1 ? stdout : t == 2 ? stderr : null;
    if (out == null) {
      fail(cpu, EBADF);
      return;
    }
    if (count < 0) {
      fail(cpu, EINVAL);
      return;
    }
    byte[] b = new byte[count];
    process.memory.read(buf, b, 0, count);
    try {
      out.write(b);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ok(cpu, count);
  }

  private void writev(Cpu cpu, int fd, int iov, int iovcnt) {
    int total = 0;
    for (int i = 0; i < iovcnt; i++) {
      int base = process.memory.loadWord(iov + 8 * i);
      int len = process.memory.loadWord(iov + 8 * i + 4);
      write(cpu, fd, base, len);
      if (cpu.gpr(7) != 0) {
        return;
      }
      total += len;
    }
    ok(cpu, total);
  }

  private void brk(Cpu cpu, int requested) {
    long req = Integer.toUnsignedLong(requested);
    long limit = Integer.toUnsignedLong(LinuxProcess.MMAP_TOP) - (256L << 20);
    if (req >= Integer.toUnsignedLong(process.brkStart) && req < limit) {
      long oldEnd = pageUp(Integer.toUnsignedLong(process.brk));
      long newEnd = pageUp(req);
      if (newEnd > oldEnd) {
        process.mapRegion(process.brkStart, newEnd);
      } else if (newEnd < oldEnd) {
        process.unmapRegion(newEnd, oldEnd);
        process.mapRegion(process.brkStart, newEnd);
      }
      process.brk = requested;
    }
    ok(cpu, process.brk); // Linux returns the (possibly unchanged) break
  }

  private static long pageUp(long a) {
    return (a + LinuxProcess.PAGE - 1) & ~(LinuxProcess.PAGE - 1L);
  }

  private static final int MAP_FIXED = 0x10;
  private static final int MAP_ANONYMOUS = 0x800; // MIPS value

  private void mmap(Cpu cpu, int addr, int length, int flags, int fd) {
    if ((flags & MAP_ANONYMOUS) == 0) {
      fail(cpu, fd < 0 ? EBADF : ENODEV);
      return;
    }
    long len = pageUp(Integer.toUnsignedLong(length));
    if (len == 0) {
      fail(cpu, EINVAL);
      return;
    }
    long start;
    if ((flags & MAP_FIXED) != 0) {
      start = Integer.toUnsignedLong(addr);
      process.unmapRegion(start, start + len);
    } else {
      start = Integer.toUnsignedLong(process.mmapNext) - len;
      if (start < pageUp(Integer.toUnsignedLong(process.brk)) + (256L << 20)) {
        fail(cpu, ENOMEM);
        return;
      }
      process.mmapNext = (int) start;
    }
    process.mapRegion(start, start + len);
    ok(cpu, (int) start);
  }

  private static final int ENODEV = 19;

  private void munmap(Cpu cpu, int addr, int length) {
    if ((addr & (LinuxProcess.PAGE - 1)) != 0) {
      fail(cpu, EINVAL);
      return;
    }
    long start = Integer.toUnsignedLong(addr);
    process.unmapRegion(start, start + pageUp(Integer.toUnsignedLong(length)));
    ok(cpu, 0);
  }

  private void mremap(Cpu cpu, int oldAddr, int oldSize, int newSize, int flags) {
    if ((flags & 1) == 0) { // only MREMAP_MAYMOVE: move to a fresh mapping and copy
      fail(cpu, ENOMEM);
      return;
    }
    long oldLen = pageUp(Integer.toUnsignedLong(oldSize));
    long newLen = pageUp(Integer.toUnsignedLong(newSize));
    long start = Integer.toUnsignedLong(process.mmapNext) - newLen;
    process.mmapNext = (int) start;
    process.mapRegion(start, start + newLen);
    Memory m = process.memory;
    long copy = Math.min(oldLen, newLen);
    for (long off = 0; off < copy; off += 4) {
      int src = (int) (Integer.toUnsignedLong(oldAddr) + off);
      if (m.isPresent(src)) {
        m.storeWord((int) (start + off), m.loadWord(src));
      }
    }
    long old = Integer.toUnsignedLong(oldAddr);
    process.unmapRegion(old, old + oldLen);
    ok(cpu, (int) start);
  }

  private void uname(Cpu cpu, int buf) {
    String[] fields = {"Linux", "disco", "6.1.0", "#1 SMP", "mips", "(none)"};
    for (int i = 0; i < fields.length; i++) {
      byte[] b = new byte[65];
      byte[] s = fields[i].getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(s, 0, b, 0, s.length);
      process.memory.write(buf + 65 * i, b, 0, 65);
    }
    ok(cpu, 0);
  }

  private void killSyscall(Cpu cpu, int nr) {
    int sig = nr == 4266 ? arg(cpu, 2) : arg(cpu, 1);
    if (sig == 0) {
      ok(cpu, 0);
      return;
    }
    fatalReport = "killed by signal " + sig + " (sent by the program)";
    exitStatus = 128 + sig;
    cpu.halt();
  }

  /**
   * sysinfo (struct sysinfo of Linux/MIPS o32): fixed figures, a 1 GB machine with half free and
   * one process, so that library code sizing buffers from it (qsort) behaves the same every run.
   */
  private void sysinfo(Cpu cpu, int buf) {
    zero(process.memory, buf, 64);
    Memory m = process.memory;
    m.storeWord(buf, (int) (nowNanos(cpu) / 1_000_000_000L)); // uptime
    m.storeWord(buf + 16, 1 << 30); // totalram
    m.storeWord(buf + 20, 1 << 29); // freeram
    m.storeHalf(buf + 40, 1); // procs
    m.storeWord(buf + 52, 1); // mem_unit
    ok(cpu, 0);
  }

  private void getrlimit(Cpu cpu, int resource, int buf) {
    // RLIMIT_STACK (3 on MIPS) is the stack size; everything else is unlimited.
    int value = resource == 3 ? LinuxProcess.STACK_SIZE : -1;
    process.memory.storeWord(buf, value);
    process.memory.storeWord(buf + 4, -1);
    ok(cpu, 0);
  }

  private void prlimit(Cpu cpu, int resource, int oldBuf) {
    if (oldBuf != 0) {
      long value = resource == 3 ? LinuxProcess.STACK_SIZE : -1L;
      storeLong(oldBuf, value);
      storeLong(oldBuf + 8, -1L);
    }
    ok(cpu, 0);
  }

  private void storeLong(int address, long v) {
    boolean big = process.memory.order().isBig();
    process.memory.storeWord(address, big ? (int) (v >>> 32) : (int) v);
    process.memory.storeWord(address + 4, big ? (int) v : (int) (v >>> 32));
  }

  private long nowNanos(Cpu cpu) {
    return cpu.instructions() * 10;
  }

  private long nowSeconds(Cpu cpu) {
    return EPOCH_SECONDS + nowNanos(cpu) / 1_000_000_000L;
  }

  private void clockGettime(Cpu cpu, int buf, boolean time64) {
    long sec = nowSeconds(cpu);
    long nsec = nowNanos(cpu) % 1_000_000_000L;
    if (time64) {
      storeLong(buf, sec);
      storeLong(buf + 8, nsec);
    } else {
      process.memory.storeWord(buf, (int) sec);
      process.memory.storeWord(buf + 4, (int) nsec);
    }
    ok(cpu, 0);
  }

  private void gettimeofday(Cpu cpu, int buf) {
    if (buf != 0) {
      process.memory.storeWord(buf, (int) nowSeconds(cpu));
      process.memory.storeWord(buf + 4, (int) (nowNanos(cpu) % 1_000_000_000L / 1000));
    }
    ok(cpu, 0);
  }

  private void getrandom(Cpu cpu, int buf, int length) {
    for (int i = 0; i < length; i++) {
      // xorshift64*: deterministic bytes, the same in every run
      randomState ^= randomState >>> 12;
      randomState ^= randomState << 25;
      randomState ^= randomState >>> 27;
      process.memory.storeByte(buf + i, (int) ((randomState * 0x2545_F491_4F6C_DD1DL) >>> 56));
    }
    ok(cpu, length);
  }

  /**
   * statx on descriptors 0..2 (glibc's fstat): reports a FIFO, as for a program whose output is
   * piped, so stdio buffers the same way under qemu in a test harness.
   */
  private void statx(Cpu cpu, int dirfd, int pathAddr, int flags, int buf) {
    boolean emptyPath = pathAddr == 0 || process.memory.loadByte(pathAddr) == 0;
    if (!emptyPath || !isStdFd(dirfd)) {
      fail(cpu, emptyPath ? EBADF : ENOENT);
      return;
    }
    zero(process.memory, buf, 256);
    Memory m = process.memory;
    m.storeWord(buf, 0x7ff); // stx_mask: STATX_BASIC_STATS
    m.storeWord(buf + 4, 4096); // stx_blksize
    m.storeWord(buf + 16, 1); // stx_nlink
    m.storeHalf(buf + 28, 0010600); // stx_mode: S_IFIFO | 0600
    ok(cpu, 0);
  }
}
