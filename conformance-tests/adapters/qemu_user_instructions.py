#!/usr/bin/python3
"""Runs instruction vectors on QEMU's user-mode emulator (qemu-mips, qemu-mipsel), speaking the
conformance protocol of docs/conformance.md on stdin/stdout: a handshake line, then one answer
line per vector line.

The vector's code words run inside a small static guest program, qemu_user_stub.c beside this file,
that loads every GPR, HI, LO, FPR (MTC1, and MTHC1 with FR=1) and FCSR (CTC1) from a request,
runs the words at a user address, and reports the same registers afterwards, or the signal that
stopped it with the registers of the signal context. The stub is built on first use with the cross
compilers, four times (big/little endian x FR=0/FR=1: qemu-user gives an o32 executable built with
-mfp32 FR=0 and one built with -mfp64 FR=1), into conformance-tests/target/qemu-user-stub/ (or
$QEMU_STUB_CACHE), named by the hash of the source so that an edited stub is rebuilt. One QEMU
process per byte order and FR mode runs all the vectors; one that dies or does not answer within
$QEMU_STUB_TIMEOUT seconds (default 5) is killed and started afresh for the next vector.

QEMU runs the guest in user mode on the CPU it picks for an o32 executable (24Kf in QEMU 7.2; the
environment variable QEMU_CPU, which qemu-user reads itself, names another).

The code words run at the stub's address CODE, not at init.pc: PC-relative branches run unchanged,
J/JAL get the stub's target, and link values are translated back. Loads and stores run when their
addresses are static (base and index registers named by no other instruction): each physical
page they touch, and those of init.mem and observe.mem, is mapped twice, as in kseg0 and kseg1, at
user addresses, and the base registers hold those user addresses while the code runs (reported
back as the vector's values). The stub starts each vector with the LL link on a word of its own,
so an SC without an LL of the vector fails as after reset.

User mode cannot express everything a vector can, so the adapter answers with an "error" naming
the reason, instead of a result, every vector that:

  - sets init.tlb, init.interrupts, CP0 registers other than Status, or Status bits other than
    CU1 (bit 29) and FR (bit 26), or observes CP0;
  - uses an FPU instruction (COP1, COP1X, LWC1 ..., MOVF/MOVT) with Status.CU1 clear (Coprocessor
    Unusable cannot be asked for: a user process always has its FPU), or sets fprh with FR=0;
  - holds a COP0 or COP2 instruction, CACHE, SYNCI, SYSCALL (qemu-user would perform a Linux
    system call), SDBBP or RDHWR (qemu-user emulates it for the kernel);
  - holds JR/JALR (their targets are register values), a branch or jump backwards or out of the
    code (the run would end at the instruction limit, not at the end address), a branch in the
    last word or in a delay slot, or a link instruction and another word naming $31;
  - holds a load or store whose address is not static, not in kseg0/kseg1 or beyond the first
    256 MB of physical memory;
  - starts outside kseg0/kseg1, or has more code words than the stub holds.

Exceptions arrive as signals; the code is found from the signal and the instruction at the
signal's PC: SIGILL is a Reserved Instruction (10); SIGFPE an FPU instruction's Floating Point
exception (15), an ADD/ADDI/SUB's Integer Overflow (12), a trap's Trap (13) or BREAK's Breakpoint
(9) (qemu-user sends SIGFPE for the codes 6 and 7); SIGTRAP a Breakpoint or Trap; SIGBUS at a
misaligned load or store an Address Error (4 or 5, BadVAddr from the static address). In a delay
slot the signal's PC is the branch's: EPC is that branch and bd is true. EPC is translated back to
the vector's addresses; the vector is "general".

Run with --check [FILE] to compare every vector of FILE (default: the committed instruction
vectors) with its expectation as the runner does, without Java, and print the counts, the
declines by reason and every difference."""
import hashlib
import json
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from conformance_protocol import hexw, serve, word

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "qemu_user_stub.c")
CACHE = os.environ.get("QEMU_STUB_CACHE") or os.path.join(os.path.dirname(HERE), "target", "qemu-user-stub")
TIMEOUT = float(os.environ.get("QEMU_STUB_TIMEOUT", "5"))
COMPILERS = {"big": "mips-linux-gnu-gcc", "little": "mipsel-linux-gnu-gcc"}
QEMUS = {"big": "qemu-mips", "little": "qemu-mipsel"}
FLAGS = ["-static", "-O1", "-march=mips32r2", "-Wall"]

# Must agree with qemu_user_stub.c.
CODE = 0x4000
MAX_CODE = 16
REQ_WORDS = 1 + MAX_CODE + 32 + 3 + 64
ANS_WORDS = 3 + 32 + 3 + 64

CU1 = 1 << 29
FR = 1 << 26
# Linux MIPS signal numbers (as qemu-user delivers them to the guest).
SIGILL, SIGTRAP, SIGFPE, SIGBUS, SIGSEGV = 4, 5, 8, 10, 11


class Declined(Exception):
    """The vector asks for what user mode cannot express; the message says what."""


# --- instructions ---------------------------------------------------------------------------

# Loads and stores: opcode -> (bytes, store, the alignment the manual requires: 1 none, 0 for
# LWL/LWR/SWL/SWR, which touch the aligned word).
ACCESSES = {0x20: (1, False, 1), 0x24: (1, False, 1), 0x21: (2, False, 2), 0x25: (2, False, 2),
            0x23: (4, False, 4), 0x22: (4, False, 0), 0x26: (4, False, 0), 0x30: (4, False, 4),
            0x28: (1, True, 1), 0x29: (2, True, 2), 0x2b: (4, True, 4), 0x2a: (4, True, 0),
            0x2e: (4, True, 0), 0x38: (4, True, 4),
            0x31: (4, False, 4), 0x35: (8, False, 8), 0x39: (4, True, 4), 0x3d: (8, True, 8)}
FPU_ACCESS_OPS = {0x31, 0x35, 0x39, 0x3d}
# COP1X indexed: funct -> the same (0 for LUXC1/SUXC1: they clear the low three bits).
INDEXED = {0x00: (4, False, 4), 0x01: (8, False, 8), 0x05: (8, False, 0), 0x08: (4, True, 4),
           0x09: (8, True, 8), 0x0d: (8, True, 0)}
COP2_ACCESS_OPS = {0x32, 0x36, 0x3a, 0x3e}
KSEG0_USER, KSEG1_USER, PHYS_LIMIT, MAX_PAGES, MAX_BYTES = 0x20000000, 0x40000000, 0x10000000, 64, 4096
REGIMM_BRANCHES = {0x00, 0x01, 0x02, 0x03, 0x10, 0x11, 0x12, 0x13}
TRAP_FUNCTS = {0x30, 0x31, 0x32, 0x33, 0x34, 0x36}
REGIMM_TRAPS = {0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0e}


def branch(w):
    """None for an instruction that is not a branch or jump, else (kind, links): kind "pc" for a
    PC-relative branch, "region" for J/JAL, "register" for JR/JALR, "other" for the rest."""
    op, rs, rt, funct = w >> 26, (w >> 21) & 31, (w >> 16) & 31, w & 63
    if op == 0x00 and funct in (0x08, 0x09):
        return "register", funct == 0x09
    if op == 0x01 and rt in REGIMM_BRANCHES:
        return "pc", rt >= 0x10
    if op in (0x02, 0x03):
        return "region", op == 0x03
    if op in (0x04, 0x05, 0x06, 0x07, 0x14, 0x15, 0x16, 0x17):
        return "pc", False
    if op == 0x11 and rs == 0x08:
        return "pc", False
    if op == 0x1d or (op == 0x11 and rs in (0x09, 0x0a)):
        return "other", False
    return None


def classify(w):
    """(uses the FPU, None) or (_, the reason user mode cannot run it). Branches are looked at by
    relocate()."""
    op, rs, rt, funct = w >> 26, (w >> 21) & 31, (w >> 16) & 31, w & 63
    if op == 0x00:
        if funct == 0x0c:
            return False, "SYSCALL (qemu-user performs a Linux system call)"
        return funct == 0x01, None  # MOVF/MOVT read the FPU's condition codes
    if op == 0x01:
        if rt == 0x1f:
            return False, "a load or store (SYNCI)"
        return False, None
    if op == 0x10:
        return False, "a COP0 instruction (privileged)"
    if op == 0x11:
        return True, None
    if op == 0x12:
        return False, "a COP2 instruction"
    if op == 0x13:
        return True, None
    if op == 0x1c and funct == 0x3f:
        return False, "SDBBP (EJTAG)"
    if op == 0x1f and funct == 0x3b:
        return False, "RDHWR (emulated by qemu-user as the kernel does)"
    if op == 0x2f:
        return False, "CACHE (privileged)"
    if op in COP2_ACCESS_OPS:
        return False, "a COP2 load or store"
    return op in FPU_ACCESS_OPS, None


def access(w):
    """(bytes, store, alignment, base register, index register or None) of a load or store, else
    None (PREF and PREFX touch no memory)."""
    op, rs, rt, funct = w >> 26, (w >> 21) & 31, (w >> 16) & 31, w & 63
    if op in ACCESSES:
        return ACCESSES[op] + (rs, None)
    if op == 0x13 and funct in INDEXED:
        return INDEXED[funct] + (rs, rt)
    return None


def user_address(va):
    """Where the stub maps the kseg0/kseg1 address va, or None."""
    if 0x80000000 <= va < 0x80000000 + PHYS_LIMIT:
        return KSEG0_USER + va - 0x80000000
    if 0xa0000000 <= va < 0xa0000000 + PHYS_LIMIT:
        return KSEG1_USER + va - 0xa0000000
    return None


def memory_plan(code, gpr):
    """For code with loads and stores: the base registers' values as the stub needs them
    ({register: user value}), the physical pages the code touches, and per code word the
    address it accesses. Every address must be static: base and index registers are named by no
    other instruction (nor as a load's or SC's destination), so they hold their initial values;
    bases hold kseg0/kseg1 addresses, and every access stays in the first 256 MB of physical
    memory in the same segment."""
    bases, indexes, addresses, pages = {}, set(), {}, set()
    for i, w in enumerate(code):
        a = access(w)
        if a is None:
            continue
        size, _store, align, base, index = a
        va = (gpr[base] + (gpr[index] if index is not None else (w & 0xffff) - ((w & 0x8000) << 1))) & 0xffffffff
        addresses[i] = va
        start = va & ~(3 if align == 0 and size == 4 else 7 if align == 0 else 0)
        ua, ub, ue = user_address(gpr[base]), user_address(start), user_address(start + size - 1)
        if ua is None or ub is None or ue is None or ub - start != ua - gpr[base] or ue - ub != size - 1:
            raise Declined("code word %d accesses 0x%08x from a base outside kseg0/kseg1 or another segment" % (i, va))
        bases[base] = ua
        if index is not None:
            indexes.add(index)
        pages.update({(start & 0x1fffffff) >> 12, ((start + size - 1) & 0x1fffffff) >> 12})
    fixed = set(bases) | indexes
    if 0 in bases:
        raise Declined("a load or store based on $0")
    for i, w in enumerate(code):
        op = w >> 26
        a = access(w)
        if a is not None:
            named = {(w >> 16) & 31} if op not in FPU_ACCESS_OPS and op != 0x13 else set()
        elif op == 0x33 or (op == 0x13 and w & 63 == 0x0f):
            named = set()  # PREF, PREFX: read their base, touch nothing
        else:
            named = {(w >> 21) & 31, (w >> 16) & 31, (w >> 11) & 31}
        if named & fixed:
            raise Declined("code word %d names a base or index register of a load or store" % i)
    return bases, addresses, pages


def relocate(code, pc):
    """The code words as they run at CODE instead of pc, and the link values they may write
    ({stub address: vector address}). Branches and jumps are kept when they go forward inside the
    code (or to its end), so that the run ends at the end address as the vector's does: a
    PC-relative branch runs unchanged, a J/JAL gets the stub's target; JR/JALR (their targets are
    register values, vector addresses) are declined, and so is a branch in the last word or in
    another's delay slot. A link instruction must be the only word naming $31, so that the final
    $31 is either its link value (translated back) or untouched."""
    out, links = list(code), {}
    n = len(code)
    for i, w in enumerate(code):
        b = branch(w)
        if b is None:
            continue
        kind, link = b
        if kind == "register":
            raise Declined("code word %d is a jump to a register (JR/JALR)" % i)
        if kind == "other":
            raise Declined("code word %d is a branch this adapter does not relocate" % i)
        if i == n - 1:
            raise Declined("code word %d is a branch whose delay slot is outside the code" % i)
        if branch(code[i + 1]) is not None:
            raise Declined("code word %d is a branch in a delay slot" % (i + 1))
        if kind == "pc":
            offset = (w & 0xffff) - ((w & 0x8000) << 1)
            target = i + 1 + offset
        else:
            t = ((pc + 4 * i + 4) & 0xf0000000) | ((w & 0x3ffffff) << 2)
            target = (t - pc) // 4 if t >= pc else -1
            out[i] = (w & 0xfc000000) | (((CODE + 4 * target) >> 2) & 0x3ffffff)
        if not i < target <= n:
            raise Declined("code word %d is a branch or jump out of the code or backwards" % i)
        if link:
            for j, x in enumerate(code):
                if j != i and 31 in ((x >> 21) & 31, (x >> 16) & 31, (x >> 11) & 31):
                    raise Declined("code word %d names $31 besides a link instruction" % j)
            links[CODE + 4 * i + 8] = pc + 4 * i + 8
    return out, links


def exception_code(sig, w):
    """The ExcCode of the exception that reached the stub as signal sig at instruction w."""
    op, rt, funct = w >> 26, (w >> 16) & 31, w & 63
    is_break = op == 0 and funct == 0x0d
    is_trap = (op == 0 and funct in TRAP_FUNCTS) or (op == 1 and rt in REGIMM_TRAPS)
    if sig == SIGILL:
        return 10
    if sig == SIGFPE:
        if op in (0x11, 0x13):
            return 15
        if (op == 0 and funct in (0x20, 0x22)) or op == 0x08:
            return 12
    if sig in (SIGFPE, SIGTRAP):
        if is_break:
            return 9
        if is_trap:
            return 13
    return None


# --- the stub -------------------------------------------------------------------------------

def missing_tools():
    need = list(COMPILERS.values()) + list(QEMUS.values())
    return [t for t in need if shutil.which(t) is None]


def stub_path(endian, fr):
    with open(SOURCE, "rb") as f:
        digest = hashlib.sha256(f.read() + repr(FLAGS).encode()).hexdigest()[:12]
    return os.path.join(CACHE, "stub-%s-fr%d-%s" % (endian, fr, digest))


def build(endian, fr):
    """Builds one stub if it is not in the cache; returns its path."""
    path = stub_path(endian, fr)
    if os.path.isfile(path):
        return path
    os.makedirs(CACHE, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=CACHE, prefix=".build-")
    os.close(fd)
    try:
        cmd = [COMPILERS[endian]] + FLAGS + ["-mfp64" if fr else "-mfp32", "-o", tmp, SOURCE]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            raise RuntimeError("%s failed: %s" % (" ".join(cmd), p.stdout.decode(errors="replace")[-400:]))
        os.replace(tmp, path)
        prefix = "stub-%s-fr%d-" % (endian, fr)
        for old in os.listdir(CACHE):
            if old.startswith(prefix) and os.path.join(CACHE, old) != path:
                os.unlink(os.path.join(CACHE, old))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


class Stub:
    """One QEMU process running one stub; started on first use, restarted after a failure."""

    def __init__(self, endian, fr):
        self.endian, self.fr = endian, fr
        self.fmt = (">" if endian == "big" else "<") + "%dI"
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([QEMUS[self.endian], build(self.endian, self.fr)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def stop(self):
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait()
            self.proc = None

    def run(self, request, tail):
        """Sends one request (bytes), returns the answer's REQ_WORDS words and the next tail bytes;
        raises RuntimeError."""
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        try:
            self.proc.stdin.write(request)
            self.proc.stdin.flush()
            want = 4 * ANS_WORDS + tail
            data = b""
            fd = self.proc.stdout.fileno()
            while len(data) < want:
                ready, _, _ = select.select([fd], [], [], TIMEOUT)
                if not ready:
                    raise RuntimeError("the stub gave no answer within %g s" % TIMEOUT)
                chunk = os.read(fd, want - len(data))
                if not chunk:
                    status = self.proc.wait()
                    if 100 < status < 132:
                        raise RuntimeError("signal %d outside the vector's code words (in the stub's entry or exit:"
                                           " CTC1 of an initial FCSR with an enabled Cause bit traps)" % (status - 100))
                    raise RuntimeError("the stub ended (status %s)" % status)
                data += chunk
        except (RuntimeError, OSError) as e:
            self.stop()
            raise RuntimeError(str(e))
        return struct.unpack(self.fmt % ANS_WORDS, data[:4 * ANS_WORDS]), data[4 * ANS_WORDS:]

    def pack(self, words):
        return struct.pack(self.fmt % len(words), *words)


STUBS = {}


def stub(endian, fr):
    key = (endian, fr)
    if key not in STUBS:
        STUBS[key] = Stub(endian, fr)
    return STUBS[key]


# --- vectors --------------------------------------------------------------------------------

def prepare(v):
    """Checks that user mode can run the vector; returns (endian, fr, request words)."""
    init = v["init"]
    for field in ("tlb", "interrupts"):
        if init.get(field):
            raise Declined("needs init.%s, which user mode cannot set" % field)
    observe = v.get("observe", {})
    if observe.get("cp0"):
        raise Declined("observes CP0, which user mode cannot read")
    cp0 = dict(init.get("cp0", {}))
    status = word(cp0.pop("status", 0))
    if cp0:
        raise Declined("sets CP0 %s, which user mode cannot set" % ", ".join(sorted(cp0)))
    if status & ~(CU1 | FR):
        raise Declined("Status bits other than CU1 and FR (0x%08x), which user mode cannot set" % status)
    endian = init.get("endian", "big")
    if endian not in QEMUS:
        raise Declined("unknown byte order %r" % endian)
    pc = word(init["pc"])
    if not 0x80000000 <= pc < 0xc0000000:
        raise Declined("code outside kseg0/kseg1")
    code = [word(w) for w in init.get("code", [])]
    if not code or len(code) > MAX_CODE:
        raise Declined("%d code words (the stub holds 1 to %d)" % (len(code), MAX_CODE))
    fpu = False
    for i, w in enumerate(code):
        uses_fpu, why = classify(w)
        if why:
            raise Declined("code word %d is %s" % (i, why))
        fpu = fpu or uses_fpu
    if fpu and not status & CU1:
        raise Declined("an FPU instruction with Status.CU1 clear (a user process always has its FPU)")
    fr = 1 if status & FR else 0
    if init.get("fprh") and not fr:
        raise Declined("fprh with FR=0")
    stub_code, links = relocate(code, pc)
    gpr = [0] * 32
    for r, val in init.get("gpr", {}).items():
        gpr[int(r)] = word(val)
    gpr[0] = 0
    fpr = [0] * 32
    for r, val in init.get("fpr", {}).items():
        fpr[int(r)] = word(val)
    fprh = [0] * 32
    for r, val in init.get("fprh", {}).items():
        fprh[int(r)] = word(val)
    bases, addresses, pages = memory_plan(code, gpr)
    writes = [(word(m["pa"]), bytes.fromhex(m["bytes"])) for m in init.get("mem", [])]
    reads = [(word(m["pa"]), int(m["len"])) for m in observe.get("mem", [])]
    for pa, length in [(pa, len(b)) for pa, b in writes] + reads:
        if length > MAX_BYTES or pa + length > PHYS_LIMIT:
            raise Declined("memory beyond what the stub maps (%d bytes at 0x%08x)" % (length, pa))
        pages.update(range(pa >> 12, (pa + max(length, 1) - 1 >> 12) + 1))
    if len(pages) > MAX_PAGES:
        raise Declined("more than %d pages of memory" % MAX_PAGES)
    stub_gpr = list(gpr)
    for r, ua in bases.items():
        stub_gpr[r] = ua
    if links:
        for val in [word(x) for x in init.get("gpr", {}).values()] + [word(init.get("hi", 0)), word(init.get("lo", 0))]:
            if CODE <= val < CODE + 4 * MAX_CODE + 8:
                raise Declined("an initial register holds an address of the stub's code")
    words = ([len(code)] + stub_code + [0] * (MAX_CODE - len(code)) + stub_gpr
             + [word(init.get("hi", 0)), word(init.get("lo", 0)), word(init.get("fcsr", 0))] + fpr + fprh)
    words += [len(pages)] + sorted(pages) + [len(writes)]
    st = stub(endian, fr)
    req = st.pack(words)
    for pa, b in writes:
        req += st.pack([pa, len(b)]) + b + bytes(-len(b) % 4)
    req += st.pack([len(reads)] + [x for pa, length in reads for x in (pa, length)])
    plan = {"links": links, "bases": {ua: gpr[r] for r, ua in bases.items()}, "addresses": addresses,
            "reads": reads}
    return endian, fr, pc, code, plan, req


def run(v):
    """Runs one vector: (result, None) or (None, the reason it cannot be run)."""
    try:
        endian, fr, pc, code, plan, req = prepare(v)
    except Declined as e:
        return None, str(e)
    reads = plan["reads"]
    try:
        ans, tail = stub(endian, fr).run(req, sum(length + (-length % 4) for _, length in reads))
    except RuntimeError as e:
        return None, str(e)
    sig, _si_code, sig_pc = ans[0], ans[1], ans[2]
    # Link values and base registers back to the vector's addresses (neither is changed by the
    # code but by the link instruction itself: see relocate() and memory_plan()).
    back = dict(plan["links"])
    back.update(plan["bases"])
    gpr = [back.get(x, x) if i else 0 for i, x in enumerate(ans[3:35])]
    hi, lo, fcsr = ans[35], ans[36], ans[37]
    fpr, fprh = ans[38:70], ans[70:102]
    r = {"gpr": [hexw(x) for x in gpr], "hi": hexw(hi), "lo": hexw(lo)}
    if sig == 0:
        r["pc"] = hexw(pc + 4 * len(code))
        r["exception"] = None
    else:
        index = (sig_pc - CODE) // 4
        if sig_pc % 4 or not 0 <= index < len(code):
            return None, "signal %d at 0x%08x, outside the vector's code" % (sig, sig_pc)
        # In a delay slot, the signal's PC is the branch's (as EPC with Cause.BD set); branches and
        # jumps take no exception themselves.
        bd = branch(code[index]) is not None
        culprit = index + 1 if bd else index
        exc = exception_code(sig, code[culprit]) if culprit < len(code) else None
        badvaddr = None
        a = access(code[culprit]) if culprit < len(code) else None
        if sig in (SIGBUS, SIGSEGV) and a is not None:
            size, store, align, _, _ = a
            va = plan["addresses"][culprit]
            if align > 1 and va % align:
                exc, badvaddr = (5 if store else 4), va
        if exc is None:
            return None, "signal %d (si_code %d) at code word %d (0x%08x): no exception user mode reports faithfully" % (
                sig, _si_code, culprit, code[min(culprit, len(code) - 1)])
        r["exception"] = {"code": exc, "epc": hexw(pc + 4 * index), "bd": bd, "vector": "general"}
        if badvaddr is not None:
            r["exception"]["badvaddr"] = hexw(badvaddr)
    if reads:
        r["mem"] = []
        at = 0
        for (pa, length), m in zip(reads, v["observe"]["mem"]):
            r["mem"].append({"pa": m["pa"], "bytes": tail[at:at + length].hex()})
            at += length + (-length % 4)
    if v.get("observe", {}).get("fpu"):
        r["fpr"] = [hexw(x) for x in fpr]
        if fr:
            r["fprh"] = [hexw(x) for x in fprh]
        r["fcsr"] = hexw(fcsr)
    return r, None


# --- a check without the Java runner --------------------------------------------------------

def differences(expect, got, path=""):
    """As disco.conformance.Compare: every field expect names, compared exactly."""
    out = []
    if got is None and expect is not None:
        out.append((path or "(result)", expect, "nothing"))
    elif isinstance(expect, dict):
        if not isinstance(got, dict):
            out.append((path or "(result)", expect, got))
        else:
            for k, e in expect.items():
                out += differences(e, got.get(k, None) if k in got else MISSING, (path + "." + k) if path else k)
    elif isinstance(expect, list):
        if not isinstance(got, list) or len(got) != len(expect):
            out.append((path, expect, got))
        else:
            for i, e in enumerate(expect):
                out += differences(e, got[i], "%s[%d]" % (path, i))
    elif got is MISSING or expect != got:
        out.append((path, expect, "nothing" if got is MISSING else got))
    return out


MISSING = object()


def check(path):
    from collections import Counter
    vectors = [json.loads(line) for line in open(path) if line.strip()]
    counts, declined, failures = Counter(), Counter(), []
    for v in vectors:
        if v.get("kind") != "instruction":
            continue
        expect = v["expect"]
        request = {k: val for k, val in v.items() if k != "expect"}
        result, error = run(request)
        if error:
            counts["declined"] += 1
            declined[re.sub(r"code word \d+ is", "code holds", re.sub(r"0x[0-9a-f]{8}", "X", error))] += 1
            continue
        counts["run"] += 1
        diffs = differences(expect, result)
        if diffs:
            counts["differ"] += 1
            failures.append((v["id"], diffs))
        else:
            counts["pass"] += 1
    print("vectors: %d  run: %d  pass: %d  differ: %d  declined: %d" % (
        len(vectors), counts["run"], counts["pass"], counts["differ"], counts["declined"]))
    print("declined, by reason:")
    for why, n in declined.most_common():
        print("  %5d  %s" % (n, why))
    for vid, diffs in failures:
        print("DIFFER %s: %s" % (vid, "; ".join("%s: expected %s, got %s" % d for d in diffs[:4])))
    return 0 if not failures else 2


def main():
    missing = missing_tools()
    if missing:
        print("qemu_user_instructions: not installed: %s" % ", ".join(missing), file=sys.stderr)
        sys.exit(3)
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda k: build(*k), [(e, f) for e in QEMUS for f in (0, 1)]))
    except (RuntimeError, OSError) as e:
        print("qemu_user_instructions: cannot build the stub: %s" % e, file=sys.stderr)
        sys.exit(3)
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        default = os.path.join(os.path.dirname(HERE), "src", "main", "resources", "disco", "conformance",
                               "vectors", "instruction.jsonl")
        sys.exit(check(sys.argv[2] if len(sys.argv) > 2 else default))
    serve("qemu-user-instructions", ["instruction"], run, choices=["reserved-as-qemu"])
    for s in STUBS.values():
        s.stop()


if __name__ == "__main__":
    main()
