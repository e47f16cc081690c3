package disco.linux;

import disco.hw.cpu.Cpu;
import disco.hw.cpu.ExcCode;
import disco.hw.cpu.Supervisor;
import disco.hw.isa.Disassembler;
import disco.hw.mem.Memory;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The system-call layer of a Linux process, as a {@link Supervisor}: it takes the CPU's SYSCALL
 * exceptions and services the calls a static glibc program makes, with the o32 conventions of
 * Linux/MIPS (number in v0, arguments in a0..a3 then on the stack at sp+16.., result in v0, a3
 * set on error with a positive errno in v0). An access to a page not yet given to the process (a
 * bus error, see {@link LinuxProcess}) in a demand-allocated region is served by allocating the
 * page; every other exception kills the process with the signal Linux would send.
 *
 * <p>Files are the host's, under a root directory ({@link LinuxFiles}). Time is deterministic: a
 * clock that advances with the instruction count.
 */
final class LinuxKernel implements Supervisor {
  // Signal numbers of Linux/MIPS.
  static final int SIGILL = 4;
  static final int SIGTRAP = 5;
  static final int SIGABRT = 6;
  static final int SIGFPE = 8;
  static final int SIGKILL = 9;
  static final int SIGBUS = 10;
  static final int SIGSEGV = 11;
  static final int SIGPIPE = 13;


  /** The clock starts at 2024-01-01T00:00:00Z and advances 10 ns per instruction (100 MHz). */
  static final long EPOCH_SECONDS = 1_704_067_200L;

  static final int PID = 1000;

  private final LinuxProcess process;
  private final LinuxFiles files;
  private long randomState = 0x2545_F491_4F6C_DD1DL;

  /** System calls this layer does not serve, by number: how often each was made. */
  final SortedMap<Integer, Integer> unknownCalls = new TreeMap<>();

  /** Whether the program set SIGPIPE to SIG_IGN (then a write to a readerless pipe only fails). */
  private boolean sigpipeIgnored;

  int exitStatus = -1;
  @Nullable String fatalReport;

  LinuxKernel(LinuxProcess process, LinuxFiles files) {
    this.process = process;
    this.files = files;
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
      case ExcCode.IBE, ExcCode.DBE -> {
        // A page the process has not been given yet: user space is mapped one to one onto a
        // memory without RAM (LinuxProcess), so the bus address is the user address.
        int va = cpu.lastTrap().busAddress();
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

  /** A system call's body: its non-negative result, or an {@link Errno}. */
  private interface Call {
    long run() throws Errno;
  }

  /** Runs {@code call} and returns its result or error to the program, as the o32 ABI does. */
  private void sys(Cpu cpu, Call call) {
    try {
      ok(cpu, (int) call.run());
    } catch (Pipe.BlockedErrno b) {
      fatalReport = "the program waits for ever: " + b.what;
      exitStatus = ExecResult.LIMIT_STATUS;
      cpu.halt();
    } catch (Errno e) {
      if (e.errno == Errno.EPIPE && !sigpipeIgnored) {
        // Linux sends SIGPIPE with EPIPE; its default action ends the process.
        fatalReport = "killed by signal " + SIGPIPE + " (write to a pipe with no reader)";
        exitStatus = 128 + SIGPIPE;
        cpu.halt();
        return;
      }
      fail(cpu, e.errno);
    }
  }

  /** A 64-bit argument of the o32 ABI: an aligned register pair (or stack pair), in memory order. */
  private long arg64(Cpu cpu, int n) {
    long first = Integer.toUnsignedLong(arg(cpu, n));
    long second = Integer.toUnsignedLong(arg(cpu, n + 1));
    return process.memory.order().isBig() ? (first << 32) | second : (second << 32) | first;
  }

  private void syscall(Cpu cpu) {
    int nr = cpu.gpr(2);
    Memory m = process.memory;
    LinuxFiles f = files;
    int a0 = arg(cpu, 0);
    int a1 = arg(cpu, 1);
    int a2 = arg(cpu, 2);
    int a3 = arg(cpu, 3);
    switch (nr) {
      case 4001, 4246 -> exit(cpu, a0); // exit, exit_group
      case 4003 -> sys(cpu, () -> f.read(a0, a1, a2));
      case 4004 -> sys(cpu, () -> f.write(a0, a1, a2));
      case 4145 -> sys(cpu, () -> f.vector(a0, a1, a2, false)); // readv
      case 4146 -> sys(cpu, () -> f.vector(a0, a1, a2, true)); // writev
      case 4005 -> sys(cpu, () -> f.open(LinuxFiles.AT_FDCWD, a0, a1, a2)); // open
      case 4288 -> sys(cpu, () -> f.open(a0, a1, a2, a3)); // openat
      case 4008 -> sys(cpu, () -> f.open(LinuxFiles.AT_FDCWD, a0, 0x301, a1)); // creat
      case 4006 -> sys(cpu, () -> f.close(a0));
      case 4041 -> sys(cpu, () -> f.dup(a0, 0, false)); // dup
      case 4063 -> sys(cpu, () -> f.dup2(a0, a1, false)); // dup2
      case 4327 -> sys(cpu, () -> { // dup3: dup2 that refuses equal descriptors
        if (a0 == a1 || (a2 & ~LinuxFiles.O_CLOEXEC) != 0) {
          throw new Errno(Errno.EINVAL);
        }
        return f.dup2(a0, a1, a2 != 0);
      });
      case 4055, 4220 -> sys(cpu, () -> f.fcntl(a0, a1, a2)); // fcntl, fcntl64
      case 4019 -> sys(cpu, () -> { // lseek: a 32-bit offset
        long pos = f.seek(a0, a1, a2);
        if (pos > Integer.MAX_VALUE) {
          throw new Errno(Errno.EOVERFLOW);
        }
        return pos;
      });
      case 4140 -> sys(cpu, () -> { // _llseek(fd, high, low, result, whence)
        long pos = f.seek(a0, ((long) a1 << 32) | Integer.toUnsignedLong(a2), arg(cpu, 4));
        f.check(a3, 8);
        f.store64(a3, pos);
        return 0;
      });
      case 4093 -> sys(cpu, () -> f.ftruncate(a0, Integer.toUnsignedLong(a1))); // ftruncate
      case 4212 -> sys(cpu, () -> f.ftruncate(a0, arg64(cpu, 2))); // ftruncate64(fd, pad, len)
      case 4118, 4152 -> sys(cpu, () -> f.fsync(a0)); // fsync, fdatasync
      case 4106, 4213 -> statCall(cpu, a0, a1, LinuxFiles.AT_FDCWD, 0, false); // stat, stat64
      case 4107, 4214 -> statCall(cpu, a0, a1, LinuxFiles.AT_FDCWD, LinuxFiles.AT_SYMLINK_NOFOLLOW, false);
      case 4108, 4215 -> sys(cpu, () -> { // fstat, fstat64
        f.putStat64(a1, f.file(a0).stat());
        return 0;
      });
      case 4293 -> statCall(cpu, a1, a2, a0, a3, false); // fstatat64(dirfd, path, buf, flags)
      case 4366 -> statCall(cpu, a1, arg(cpu, 4), a0, a2, true); // statx(dirfd, path, flags, mask, buf)
      case 4219 -> sys(cpu, () -> f.getdents64(a0, a1, a2));
      case 4085 -> sys(cpu, () -> f.readlink(LinuxFiles.AT_FDCWD, a0, a1, a2));
      case 4298 -> sys(cpu, () -> f.readlink(a0, a1, a2, a3)); // readlinkat
      case 4010 -> sys(cpu, () -> f.unlink(LinuxFiles.AT_FDCWD, a0, 0)); // unlink
      case 4040 -> sys(cpu, () -> f.unlink(LinuxFiles.AT_FDCWD, a0, LinuxFiles.AT_REMOVEDIR)); // rmdir
      case 4294 -> sys(cpu, () -> f.unlink(a0, a1, a2)); // unlinkat
      case 4039 -> sys(cpu, () -> f.mkdir(LinuxFiles.AT_FDCWD, a0, a1));
      case 4289 -> sys(cpu, () -> f.mkdir(a0, a1, a2)); // mkdirat
      case 4083 -> sys(cpu, () -> f.symlink(a0, LinuxFiles.AT_FDCWD, a1));
      case 4297 -> sys(cpu, () -> f.symlink(a0, a1, a2)); // symlinkat
      case 4038 -> sys(cpu, () -> f.rename(LinuxFiles.AT_FDCWD, a0, LinuxFiles.AT_FDCWD, a1, 0));
      case 4295 -> sys(cpu, () -> f.rename(a0, a1, a2, a3, 0)); // renameat
      case 4351 -> sys(cpu, () -> f.rename(a0, a1, a2, a3, arg(cpu, 4))); // renameat2
      case 4033 -> sys(cpu, () -> f.access(LinuxFiles.AT_FDCWD, a0, a1, 0));
      case 4300 -> sys(cpu, () -> f.access(a0, a1, a2, 0)); // faccessat
      case 4439 -> sys(cpu, () -> f.access(a0, a1, a2, a3)); // faccessat2
      case 4015 -> sys(cpu, () -> f.chmod(f.resolve(LinuxFiles.AT_FDCWD, a0, true), a1));
      case 4299 -> sys(cpu, () -> f.chmod(f.resolve(a0, a1, true), a2)); // fchmodat
      case 4094 -> sys(cpu, () -> f.fchmod(a0, a1));
      case 4202 -> sys(cpu, () -> f.chown(f.resolve(LinuxFiles.AT_FDCWD, a0, true), a1, a2, true)); // chown
      case 4016 -> sys(cpu, () -> f.chown(f.resolve(LinuxFiles.AT_FDCWD, a0, false), a1, a2, false)); // lchown
      case 4095 -> sys(cpu, () -> f.chown(f.pathOf(a0), a1, a2, true)); // fchown
      case 4291 -> sys(cpu, () -> { // fchownat(dirfd, path, uid, gid, flags)
        boolean follow = (arg(cpu, 4) & LinuxFiles.AT_SYMLINK_NOFOLLOW) == 0;
        return f.chown(f.resolve(a0, a1, follow), a2, a3, follow);
      });
      case 4316 -> sys(cpu, () -> f.utimensat(a0, a1, a2, a3, false));
      case 4412 -> sys(cpu, () -> f.utimensat(a0, a1, a2, a3, true)); // utimensat_time64
      case 4060 -> ok(cpu, f.umask(a0));
      case 4207 -> sys(cpu, () -> f.sendfile(a0, a1, a2, a3, false)); // sendfile
      case 4237 -> sys(cpu, () -> f.sendfile(a0, a1, a2, a3, true)); // sendfile64
      case 4114 -> fail(cpu, Errno.ECHILD); // wait4: there is never a child (no fork)
      case 4065, 4132, 4151 -> ok(cpu, PID); // getpgrp, getpgid, getsid: its own group and session
      case 4057 -> ok(cpu, 0); // setpgid
      case 4080 -> ok(cpu, 0); // getgroups: no supplementary groups
      case 4203 -> sys(cpu, () -> f.getcwd(a0, a1));
      case 4012 -> sys(cpu, () -> f.chdir(a0));
      case 4133 -> sys(cpu, () -> f.fchdir(a0));
      case 4042 -> sys(cpu, () -> { // pipe: the o32 convention returns the ends in v0 and v1
        int[] ends = f.pipe(0);
        cpu.setGpr(3, ends[1]);
        return ends[0];
      });
      case 4328 -> sys(cpu, () -> { // pipe2(fds, flags)
        f.check(a0, 8);
        int[] ends = f.pipe(a1);
        m.storeWord(a0, ends[0]);
        m.storeWord(a0 + 4, ends[1]);
        return 0;
      });
      case 4188 -> poll(cpu, a0, a1, a2 < 0); // poll(fds, nfds, timeout ms)
      case 4302, 4414 -> poll(cpu, a0, a1, a2 == 0); // ppoll, ppoll_time64: NULL waits for ever
      case 4045 -> brk(cpu, a0);
      case 4090 -> mmap(cpu, a0, a1, a3, arg(cpu, 4), Integer.toUnsignedLong(arg(cpu, 5))); // old mmap: bytes
      case 4210 -> mmap(cpu, a0, a1, a3, arg(cpu, 4), Integer.toUnsignedLong(arg(cpu, 5)) << 12); // mmap2: pages
      case 4091 -> munmap(cpu, a0, a1);
      case 4167 -> mremap(cpu, a0, a1, a2, a3);
      case 4125, 4218 -> ok(cpu, 0); // mprotect, madvise: every page is read/write/execute
      case 4122 -> uname(cpu, a0);
      case 4283 -> { // set_thread_area: the TLS pointer that RDHWR $29 returns
        cpu.writeCp0(4, 2, a0);
        ok(cpu, 0);
      }
      case 4252, 4020, 4222 -> ok(cpu, PID); // set_tid_address, getpid, gettid
      case 4064 -> ok(cpu, 1); // getppid
      case 4024, 4049, 4047, 4050 -> ok(cpu, 0); // getuid, geteuid, getgid, getegid
      case 4054 -> sys(cpu, () -> { // ioctl: no descriptor is a terminal
        f.file(a0);
        throw new Errno(Errno.ENOTTY);
      });
      case 4194 -> { // rt_sigaction: accepted; no signal is ever delivered
        if (a0 == SIGPIPE && a1 != 0) {
          sigpipeIgnored = m.loadWord(a1 + 4) == 1; // sa_handler (after sa_flags) == SIG_IGN
        }
        zero(m, a2, 24);
        ok(cpu, 0);
      }
      case 4195 -> { // rt_sigprocmask
        zero(m, a2, 16);
        ok(cpu, 0);
      }
      case 4037, 4266, 4236 -> killSyscall(cpu, nr); // kill, tgkill, tkill
      case 4238 -> ok(cpu, 0); // futex: one thread, nothing ever waits
      case 4309 -> ok(cpu, 0); // set_robust_list
      case 4076 -> getrlimit(cpu, a0, a1);
      case 4338 -> prlimit(cpu, a1, a3);
      case 4116 -> sysinfo(cpu, a0);
      case 4263 -> clockGettime(cpu, a1, false);
      case 4403 -> clockGettime(cpu, a1, true);
      case 4078 -> gettimeofday(cpu, a0);
      case 4013 -> { // time
        int t = (int) nowSeconds(cpu);
        if (a0 != 0) {
          m.storeWord(a0, t);
        }
        ok(cpu, t);
      }
      case 4353 -> getrandom(cpu, a0, a1);
      // prctl: accepted and without effect (PR_SET_NAME and the like; there is one thread and no
      // other process to see it)
      case 4192 -> ok(cpu, 0);
      // nanosleep, clock_nanosleep, clock_nanosleep_time64: the clock is the instruction count,
      // so a sleep returns at once, as if the time had passed unseen; the remainder is zero.
      case 4166 -> sleep(cpu, a1);
      case 4265, 4407 -> sleep(cpu, (a1 & 1) != 0 ? 0 : a3); // TIMER_ABSTIME has no remainder
      case 4367 -> fail(cpu, Errno.ENOSYS); // rseq: not offered, as qemu-user does not offer it
      default -> {
        unknownCalls.merge(nr, 1, Integer::sum);
        fail(cpu, Errno.ENOSYS);
      }
    }
  }

  /** stat, lstat, fstatat64 (struct stat64) and statx (struct statx). */
  private void statCall(Cpu cpu, int pathAddr, int buf, int dirfd, int flags, boolean statx) {
    sys(cpu, () -> {
      Stat s = files.statAt(dirfd, pathAddr, flags);
      if (statx) {
        files.putStatx(buf, s);
      } else {
        files.putStat64(buf, s);
      }
      return 0;
    });
  }

  /**
   * poll and ppoll: the descriptors ready now. Nothing else can happen while the only thread
   * waits, so a poll that finds nothing ready returns 0 at once if it has a timeout, and ends
   * the run if it would wait for ever.
   */
  private void poll(Cpu cpu, int fdsAddr, int nfds, boolean forever) {
    sys(cpu, () -> {
      int ready = files.poll(fdsAddr, nfds);
      if (ready == 0 && forever) {
        throw new Pipe.BlockedErrno("poll with no timeout, and no descriptor can become ready");
      }
      return ready;
    });
  }

  private void sleep(Cpu cpu, int remaining) {
    zero(process.memory, remaining, 8);
    ok(cpu, 0);
  }

  private static void zero(Memory m, int address, int length) {
    if (address != 0) {
      for (int i = 0; i < length; i++) {
        m.storeByte(address + i, 0);
      }
    }
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

  /**
   * mmap and mmap2. Anonymous mappings, and private mappings of a file (read into the pages at
   * the call: the model has one process, so no one else could see a shared mapping change).
   * MAP_FIXED replaces whatever was mapped in the range; the stack lies where qemu-user puts it
   * (see {@link LinuxProcess}), so the top of user space is free for such mappings, as under qemu.
   */
  private void mmap(Cpu cpu, int addr, int length, int flags, int fd, long offset) {
    sys(cpu, () -> {
      long len = pageUp(Integer.toUnsignedLong(length));
      OpenFile file = null; // a file to map, or null for anonymous memory
      if ((flags & MAP_ANONYMOUS) == 0) {
        file = files.file(fd);
        if (!(file instanceof OpenFile.HostFile) || (offset & (LinuxProcess.PAGE - 1)) != 0) {
          throw new Errno(file instanceof OpenFile.HostFile ? Errno.EINVAL : Errno.ENODEV);
        }
        if (!file.readable()) {
          throw new Errno(Errno.EACCES);
        }
      }
      if (len == 0) {
        throw new Errno(Errno.EINVAL);
      }
      long start;
      if ((flags & MAP_FIXED) != 0) {
        start = Integer.toUnsignedLong(addr);
        if ((start & (LinuxProcess.PAGE - 1)) != 0) {
          throw new Errno(Errno.EINVAL);
        }
        if (start + len > LinuxProcess.USER_TOP) {
          throw new Errno(Errno.ENOMEM);
        }
        process.unmapRegion(start, start + len);
      } else {
        start = Integer.toUnsignedLong(process.mmapNext) - len;
        if (start < pageUp(Integer.toUnsignedLong(process.brk)) + (256L << 20)) {
          throw new Errno(Errno.ENOMEM);
        }
        process.mmapNext = (int) start;
      }
      process.mapRegion(start, start + len);
      if (file instanceof OpenFile.HostFile h) {
        byte[] b = h.readAt(offset, (int) Math.min(len, Integer.toUnsignedLong(length)));
        process.memory.write((int) start, b, 0, b.length);
      }
      return start;
    });
  }

  private void munmap(Cpu cpu, int addr, int length) {
    if ((addr & (LinuxProcess.PAGE - 1)) != 0) {
      fail(cpu, Errno.EINVAL);
      return;
    }
    long start = Integer.toUnsignedLong(addr);
    process.unmapRegion(start, start + pageUp(Integer.toUnsignedLong(length)));
    ok(cpu, 0);
  }

  private void mremap(Cpu cpu, int oldAddr, int oldSize, int newSize, int flags) {
    if ((flags & 1) == 0) { // only MREMAP_MAYMOVE: move to a fresh mapping and copy
      fail(cpu, Errno.ENOMEM);
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
      files.store64(oldBuf, value);
      files.store64(oldBuf + 8, -1L);
    }
    ok(cpu, 0);
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
      files.store64(buf, sec);
      files.store64(buf + 8, nsec);
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
}
