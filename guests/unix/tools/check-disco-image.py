#!/usr/bin/env python3
"""check-disco-image.py: checks that a kernel image is fit for the Disco monitor's supervisor mode.

    tools/check-disco-image.py [--objdump PROGRAM] IMAGE...

Fails (exit 1, one line per finding) when an image
  - has its entry, a segment, a section or a symbol in kseg0 or kseg1 (0x80000000..0xBFFFFFFF);
  - forms a kseg0/kseg1 address in code and uses it: a LUI of 0x8000..0xBFFF whose register (or a
    register computed from it by ADDIU, ADDU, ORI, OR, XORI, XOR, SUBU, MOVE) is then the base of a
    load or store or the target of JR/JALR, in the same function, before it is written again;
  - holds a word in kseg0/kseg1 in .rodata or .data (a pointer initialised there);
  - reads Context, BadVAddr, Status, Cause, EPC or EntryHi with MFC0 in the exception page (from
    _ebase to _start: the TLB refill and general exception handlers), where the monitor build loads
    them from the privileged-register page instead.
A LUI of such a value used only as a number (a comparison with 0x80000000, a mask) is not an
address and passes. The bare build fails every rule but the last, which is how the check is tested.
"""
import re
import struct
import subprocess
import sys

KSEG_LO, KSEG_HI = 0x80000000, 0xC0000000  # kseg0 and kseg1
TRAPPING_READS = {"c0_context", "c0_badvaddr", "c0_status", "c0_cause", "c0_epc", "c0_entryhi"}
MOVES_ADDRESS = {"addiu", "addu", "ori", "or", "xori", "xor", "subu", "move"}
# instructions whose first operand is not written: stores, branches, jumps, CP0/HI/LO writes, traps
NO_DESTINATION = (r"(s[bhw]|swl|swr|swc1|sdc1|cache|pref|b|j|mt|ctc|"
                  r"t[enlg]|sync|eret|ehb|tlb|wait|syscall|nop)")
MEMORY = {"lb", "lbu", "lh", "lhu", "lw", "lwl", "lwr", "ll", "sb", "sh", "sw", "swl", "swr", "sc",
          "lwc1", "swc1", "ldc1", "sdc1", "cache", "pref"}


def in_kseg(value):
    return KSEG_LO <= value < KSEG_HI


def elf_findings(data):
    """Entry, segments, sections, symbols and data words in kseg0/kseg1."""
    if data[:4] != b"\x7fELF" or data[4] != 1:
        return ["not a 32-bit ELF file"]
    e = ">" if data[5] == 2 else "<"
    entry, phoff, shoff = struct.unpack_from(e + "III", data, 24)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from(e + "HHHHH", data, 42)
    found = []
    if in_kseg(entry):
        found.append(f"entry 0x{entry:08x}")
    for i in range(phnum):
        ptype, _, vaddr, paddr = struct.unpack_from(e + "IIII", data, phoff + i * phentsize)
        if ptype == 1 and (in_kseg(vaddr) or in_kseg(paddr)):
            found.append(f"segment {i} at 0x{vaddr:08x} (physical 0x{paddr:08x})")
    sections = [struct.unpack_from(e + "10I", data, shoff + i * shentsize) for i in range(shnum)]
    names = sections[shstrndx]

    def name_at(table, offset):
        start = table[4] + offset
        return data[start:data.index(b"\0", start)].decode()

    for name, stype, flags, addr, off, size, link, _, _, entsize in sections:
        sname = name_at(names, name)
        if flags & 2 and in_kseg(addr):  # SHF_ALLOC
            found.append(f"section {sname} at 0x{addr:08x}")
        if sname in (".rodata", ".data") and stype == 1:
            for at in range(0, size - size % 4, 4):
                (word,) = struct.unpack_from(e + "I", data, off + at)
                if in_kseg(word):
                    found.append(f"{sname} word at 0x{addr + at:08x} = 0x{word:08x}")
        if stype == 2:  # SHT_SYMTAB
            for at in range(off, off + size, entsize):
                sym_name, value = struct.unpack_from(e + "II", data, at)
                if in_kseg(value):
                    symbol = name_at(sections[link], sym_name)
                    found.append(f"symbol {symbol} = 0x{value:08x}")
    return found


LINE = re.compile(r"^\s*([0-9a-f]+):\s+[0-9a-f]{8}\s+(\S+)\s*(.*)$")
FUNCTION = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")


def code_findings(disassembly):
    found = []
    tainted = {}  # register -> the address of the LUI it comes from
    function = "?"
    in_handlers = False
    for text in disassembly.splitlines():
        m = FUNCTION.match(text)
        if m:
            function = m.group(2)
            tainted.clear()
            if function == "_ebase":
                in_handlers = True
            elif function == "_start":
                in_handlers = False
            continue
        m = LINE.match(text)
        if not m:
            continue
        pc, op, args = m.group(1), m.group(2), m.group(3).split("#")[0].replace(" ", "")
        ops = args.split(",") if args else []
        where = f"0x{pc} <{function}>: {op} {args}"
        if op == "mfc0" and in_handlers and len(ops) > 1 and ops[1] in TRAPPING_READS:
            found.append(f"{where}: a trapping read of {ops[1][3:]} in the exception handlers")
        if op in MEMORY:
            base = re.search(r"\((\w+)\)", args)
            if base and base.group(1) in tainted:
                found.append(f"{where}: a kseg0/kseg1 address (lui at 0x{tainted[base.group(1)]})")
        if op in ("jr", "jalr") and ops and ops[-1] in tainted:
            found.append(f"{where}: a jump into kseg0/kseg1 (lui at 0x{tainted[ops[-1]]})")
        if op in ("jal", "jalr", "bal"):  # the callee may change every register it need not save
            tainted = {r: at for r, at in tainted.items() if re.fullmatch(r"s[0-8]|sp|gp", r)}
        elif ops and not re.match(NO_DESTINATION, op):
            dest, sources = ops[0], ops[1:]
            if op == "lui" and in_kseg(int(sources[0], 16) << 16):
                tainted[dest] = pc
            elif op in MOVES_ADDRESS and any(s in tainted for s in sources):
                tainted[dest] = next(tainted[s] for s in sources if s in tainted)
            else:
                tainted.pop(dest, None)
    return found


def main(argv):
    objdump = "mips-linux-gnu-objdump"
    if len(argv) > 2 and argv[1] == "--objdump":
        objdump, argv = argv[2], [argv[0]] + argv[3:]
    if len(argv) < 2:
        sys.exit(__doc__)
    status = 0
    for image in argv[1:]:
        with open(image, "rb") as f:
            data = f.read()
        disassembly = subprocess.run([objdump, "-d", image], check=True, capture_output=True,
                                     text=True).stdout
        found = elf_findings(data) + code_findings(disassembly)
        for line in found:
            print(f"{image}: {line}")
        print(f"{image}: {'FAILS' if found else 'ok'} ({len(found)} findings)")
        status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
