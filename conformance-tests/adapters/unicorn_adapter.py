#!/usr/bin/python3
"""Runs instruction vectors on Unicorn (python3-unicorn), speaking the conformance protocol of
docs/conformance.md on stdin/stdout: a handshake line, then one answer line per vector line.

Unicorn is a CPU emulator without an operating environment: it has no TLB to preload, no CP0
registers to set beyond a few, and it reports an exception by stopping instead of jumping to a
vector. A vector that needs what it lacks is answered with an "error" naming the missing feature,
so the runner lists it as a failure with that reason (docs/conformance.md classifies them)."""
import json
import sys

from conformance_protocol import hexw, serve, word

try:
    from unicorn import Uc, UcError, UC_ARCH_MIPS, UC_MODE_MIPS32, UC_MODE_BIG_ENDIAN, UC_MODE_LITTLE_ENDIAN
    from unicorn import UC_HOOK_INTR, UC_HOOK_CODE
    from unicorn import mips_const as M
except ImportError as e:
    print("unicorn_adapter: python3-unicorn is not installed: %s" % e, file=sys.stderr)
    sys.exit(3)

RAM = 8 << 20          # physical 0 .. 8 MB
STEP_LIMIT = 64
GPR = [getattr(M, "UC_MIPS_REG_%d" % i) for i in range(32)]
FPR = [getattr(M, "UC_MIPS_REG_F%d" % i) for i in range(32)]
# QEMU's exception numbers (target/mips/cpu.h, EXCP_*) as MIPS32 ExcCodes.
EXCP = {12: 4, 13: 5, 17: 8, 18: 9, 19: 11, 20: 10, 21: 12, 22: 13, 23: 15, 25: 2, 26: 2, 27: 3}


def run(v):
    init = v["init"]
    for unsupported in ("tlb", "cp0", "fprh", "interrupts"):
        if unsupported in init:
            return None, "needs init.%s, which Unicorn cannot set" % unsupported
    if init.get("fcsr") not in (None, "0x00000000") or v.get("observe", {}).get("fpu"):
        return None, "needs the FPU state, which this Unicorn build does not expose"
    big = init.get("endian", "big") == "big"
    uc = Uc(UC_ARCH_MIPS, UC_MODE_MIPS32 + (UC_MODE_BIG_ENDIAN if big else UC_MODE_LITTLE_ENDIAN))
    pc = word(init["pc"])
    if pc < 0x80000000 or pc >= 0xc0000000:
        return None, "code outside kseg0/kseg1"
    # Unicorn translates kseg0 and kseg1 itself: memory is mapped at its physical addresses.
    uc.mem_map(0, RAM)
    order = "big" if big else "little"
    for m in init.get("mem", []):
        uc.mem_write(word(m["pa"]), bytes.fromhex(m["bytes"]))
    code = b"".join(word(w).to_bytes(4, order) for w in init.get("code", []))
    uc.mem_write(pc & 0x1fffffff, code)
    for r, val in init.get("gpr", {}).items():
        uc.reg_write(GPR[int(r)], word(val))
    uc.reg_write(M.UC_MIPS_REG_HI, word(init.get("hi", 0)))
    uc.reg_write(M.UC_MIPS_REG_LO, word(init.get("lo", 0)))
    end = pc + len(code)
    exc = []

    def intr(uc_, intno, _):
        exc.append(intno)
        uc_.emu_stop()

    executed = []

    def code_hook(uc_, address, size, _):
        executed.append(address)

    uc.hook_add(UC_HOOK_INTR, intr)
    uc.hook_add(UC_HOOK_CODE, code_hook)
    err = None
    try:
        uc.emu_start(pc, end, count=STEP_LIMIT)
    except UcError as e:
        err = str(e)
    # Stopped at the end address, Unicorn 2.0.1 leaves the PC register at the start of the run;
    # fewer instructions than the limit and no exception means it stopped at the end.
    stop = end if not exc and not err and len(executed) < STEP_LIMIT else uc.reg_read(M.UC_MIPS_REG_PC)
    r = {"pc": hexw(stop),
         "gpr": [hexw(uc.reg_read(GPR[i])) for i in range(32)],
         "hi": hexw(uc.reg_read(M.UC_MIPS_REG_HI)), "lo": hexw(uc.reg_read(M.UC_MIPS_REG_LO)),
         "exception": None}
    if exc or err:
        code = EXCP.get(exc[0], -1) if exc else -1
        # Unicorn stops instead of delivering the exception: EPC, Cause.BD, BadVAddr and the
        # vector are not architecturally visible, so only the code is reported.
        r["exception"] = {"code": code, "unicorn": exc[0] if exc else err}
    mem = []
    for m in v.get("observe", {}).get("mem", []):
        mem.append({"pa": m["pa"], "bytes": bytes(uc.mem_read(word(m["pa"]), m["len"])).hex()})
    if mem:
        r["mem"] = mem
    return r, None


def main():
    # Unicorn's MIPS core is QEMU's, so it is held to QEMU's handling of reserved encodings too
    # (the vectors of that choice it can run: EXT and INS out of range; the FPU ones need Status).
    serve("unicorn", ["instruction"], run, choices=["reserved-as-qemu"])

main()
