#!/usr/bin/python3
"""Compares lines "ID RESULT FCSR" (or "ID FCSR" for a compare) that a user-mode program printed on
qemu-mips with the instruction vectors of the same ids: RESULT against f6 (8 hex digits: the low
word; 16: the pair fprh:fpr), FCSR against the vector's, without the condition bit FCC0 (bit 23).

    qemu-mips ./PROGRAM | python3 compare.py [instruction.jsonl]

Prints each difference and a count; exits 1 if any line differs or names no vector, 2 on bad input.
"""
import json
import sys

DEFAULT = "conformance-tests/src/main/resources/disco/conformance/vectors/instruction.jsonl"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    try:
        with open(path) as f:
            vectors = {v["id"]: v for v in map(json.loads, f)}
    except (OSError, ValueError, KeyError) as e:
        print("compare: %s: not a vector file (%s)" % (path, e), file=sys.stderr)
        return 2
    alike = differ = 0
    for n, line in enumerate(sys.stdin, 1):
        p = line.split()
        if len(p) not in (2, 3) or p[0] not in vectors:
            print("line %d names no instruction vector: %s" % (n, line.rstrip()))
            differ += 1
            continue
        e = vectors[p[0]]["expect"]
        want = [int(e["fcsr"], 16) & ~(1 << 23)]
        got = [int(p[-1], 16) & ~(1 << 23)]
        if len(p) == 3:
            lo = int(e["fpr"][6], 16)
            want.append(((int(e["fprh"][6], 16) << 32) | lo) if len(p[1]) == 16 else lo)
            got.append(int(p[1], 16))
        if want == got:
            alike += 1
        else:
            differ += 1
            print("%s: vector %s, QEMU %s" % (p[0], [hex(x) for x in want], [hex(x) for x in got]))
    print("%d alike, %d differ" % (alike, differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
