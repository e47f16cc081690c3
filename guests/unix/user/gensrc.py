#!/usr/bin/env python3
"""Writes pmake's sources into DIR: DIR/unitNN.c (96 units) and DIR/include/*.h.

Deterministic: a 32-bit linear congruential generator of our own, seeded by the unit number, so
every Python version writes the same bytes.
    gensrc.py DIR
"""
import os
import sys

UNITS = 96
HEADERS = ["defs.h", "types.h", "mathx.h", "io.h"]


class Lcg:
    def __init__(self, seed):
        self.x = (seed * 2654435761 + 1) & 0xFFFFFFFF

    def next(self, n):
        self.x = (self.x * 1664525 + 1013904223) & 0xFFFFFFFF
        return (self.x >> 8) % n


def name(r, prefix):
    syll = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "xe", "zu", "pi"]
    return prefix + "".join(syll[r.next(len(syll))] for _ in range(1 + r.next(3)))


def expr(r, names, depth=0):
    k = r.next(6)
    if depth > 2 or k == 0:
        return str(r.next(1000)) if r.next(2) else names[r.next(len(names))]
    if k == 1:
        # a constant expression the compiler folds
        return "(%d %s %d)" % (r.next(4096), "+-*&|^"[r.next(6)], r.next(4096))
    if k == 2:
        return "(%s << %d)" % (expr(r, names, depth + 1), r.next(8))
    op = ["+", "-", "*", "&", "|", "^", "==", "<"][r.next(8)]
    return "%s %s %s" % (expr(r, names, depth + 1), op, expr(r, names, depth + 1))


def header(i, h):
    r = Lcg(1000 + i)
    out = ["/* %s: shared declarations */" % h]
    for k in range(12):
        out.append("#define %s %d" % (name(r, "K_").upper(), r.next(65536)))
    for k in range(8):
        out.append("int %s(int a, int b);" % name(r, "lib_"))
    out.append("struct %s { int %s; unsigned %s; };" % (name(r, "s_"), name(r, "f_"), name(r, "f_")))
    return "\n".join(out) + "\n"


def unit(i, macros):
    r = Lcg(i)
    out = ["/* unit %02d: generated */" % i]
    for h in sorted({HEADERS[i % 4], HEADERS[(i // 4 + 1) % 4]}):
        out.append('#include "%s"' % h)
    for k in range(4):
        out.append("#define %s %d" % (name(r, "U_").upper(), r.next(4096)))
    for f in range(6 + r.next(10)):
        params = [name(r, "p_") for _ in range(1 + r.next(3))]
        fname = name(r, "fn_")
        out.append("")
        out.append("// %s: %d parameters" % (fname, len(params)))
        out.append("static int %s(%s) {" % (fname, ", ".join("int " + p for p in params)))
        local = [name(r, "v_") for _ in range(1 + r.next(4))]
        names = params + local + macros
        for v in local:
            out.append("  int %s = %s;" % (v, expr(r, names)))
        for s in range(2 + r.next(8)):
            k = r.next(4)
            v = local[r.next(len(local))]
            if k == 0:
                out.append("  if (%s) {\n    %s += %s;\n  }" % (expr(r, names), v, expr(r, names)))
            elif k == 1:
                out.append("  while (%s > %d) {\n    %s = %s >> 1;\n  }" % (v, r.next(100), v, v))
            elif k == 2:
                out.append('  log_line("%s %%d\\n", %s);' % (fname, v))
            else:
                out.append("  %s = %s;" % (v, expr(r, names)))
        out.append("  return %s;" % " + ".join(local))
        out.append("}")
    return "\n".join(out) + "\n"


def main():
    d = sys.argv[1]
    os.makedirs(os.path.join(d, "include"), exist_ok=True)
    macros = []
    for i, h in enumerate(HEADERS):
        text = header(i, h)
        macros += [line.split()[1] for line in text.splitlines() if line.startswith("#define")]
        with open(os.path.join(d, "include", h), "w") as f:
            f.write(text)
    for i in range(UNITS):
        with open(os.path.join(d, "unit%02d.c" % i), "w") as f:
            f.write(unit(i, macros[i % 4 * 12:(i % 4 + 1) * 12]))


if __name__ == "__main__":
    main()
