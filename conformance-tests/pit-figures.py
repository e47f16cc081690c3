#!/usr/bin/python3
"""Figures of a mutation run of the CPU core by the instruction vectors (the pit-vectors profile of
pom.xml; docs/conformance.md, "Mutation testing of the CPU core by the vectors alone").

    python3 conformance-tests/pit-figures.py [conformance-tests/target/pit-reports/mutations.csv]

Prints, per class and in all, the mutants and how many the vectors detect (KILLED, TIMED_OUT,
MEMORY_ERROR and RUN_ERROR count as detected, as in PIT's own report), twice: over every mutant of
the package, and over the instruction semantics alone, which leaves out the methods listed in
NOT_INSTRUCTION_SEMANTICS below. Those are code no instruction can execute, whatever a vector holds:
the port a monitor, a loader or a model checker drives (instruction injection included), cycle
accounting and the memory timing hook, the devices, tracing, names for reports and the host's
no-progress detector. Both figures are printed; neither replaces the other.
Then the survivors within the instruction semantics, by class, method and line.
"""
import csv
import sys
from collections import defaultdict

PKG = "disco.hw.cpu."

# class -> methods that are not instruction semantics, and why (one reason per class group).
NOT_INSTRUCTION_SEMANTICS = {
    # The port (docs/hw-model.md, "Port for a monitor"): state as data, restore, resumption after a
    # supervisor, accessors a monitor reads; cycle accounting and tracing.
    "Cpu": {"setSupervisor", "setTracer", "setMemoryTiming", "exceptionCounts", "setMmio", "readCp0",
            "resume", "modeIndex", "cycleBreakdown", "chargeIdleCycles", "lastTrap",
            "waitForInterrupt", "fpuState", "restoreFpu", "setIdleHorizon", "lowerIdleHorizon",
            "tlbRandomIndex", "state", "restore", "traceNext", "pcPhysicalForTrace"},
    "CpuRegisters": {"instructions", "cycles", "chargeCycles", "halted", "halt", "waiting", "llBit",
                     "clearLlBit", "self", "memory", "cp0", "tlb", "fpu"},
    "Cp0": {"state", "restore", "ebaseCpuNum", "llAddr", "errorEpc"},
    "Tlb": {"state", "restore", "generation", "entryHi", "pageMask", "entryLo0", "entryLo1"},
    "Fpu": {"state", "restore", "snapshotRegisters"},
    # The port's instruction injection: a driver hands the CPU a word instead of memory.
    "Interpreter": {"executeWord", "injectedWord"},
    # The machine model around the CPU: the memory timing hook (the timed paths a machine with a
    # cache model takes; without it the same translation runs untimed) and the devices.
    "AddressTranslation": {"cachedLoad", "cachedStore", "mmioRead", "mmioWrite"},
    # The host's detector of a guest that faults forever (a stop reason, not architecture).
    "ExceptionProcessing": {"noteRepeats", "exceptionLoop"},
    # Records and names for reports.
    "CycleBreakdown": {"*"},
    "ExcCode": {"name"},
    "ExceptionLoop": {"*"},
    "Trap": {"fillInStackTrace"},
}

DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def excluded(cls, method):
    outer = cls.split("$")[0]
    names = NOT_INSTRUCTION_SEMANTICS.get(outer, set())
    return "*" in names or method in names or (outer == "Mmio")


def table(title, rows):
    per = defaultdict(lambda: [0, 0, 0])
    for cls, _method, _line, _mutator, status in rows:
        p = per[cls.split("$")[0]]
        p[0] += 1
        p[1] += status in DETECTED
        p[2] += status == "NO_COVERAGE"
    print(title)
    print("| class | mutants | detected | % | no coverage |")
    print("|---|---|---|---|---|")
    total = [0, 0, 0]
    for cls in sorted(per, key=lambda c: -per[c][0]):
        m, k, n = per[cls]
        total = [total[0] + m, total[1] + k, total[2] + n]
        print("| `%s` | %d | %d | %.1f%% | %d |" % (cls, m, k, 100.0 * k / m, n))
    m, k, n = total
    covered = m - n
    print("| **all** | **%d** | **%d** | **%.1f%%** | %d |" % (m, k, 100.0 * k / m if m else 0, n))
    print("Of the %d mutants in code the vectors execute, %d detected (%.1f%%).\n"
          % (covered, k, 100.0 * k / covered if covered else 0))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "conformance-tests/target/pit-reports/mutations.csv"
    try:
        with open(path, newline="") as f:
            raw = list(csv.reader(f))
    except OSError as e:
        print("pit-figures: %s: %s" % (path, e.strerror), file=sys.stderr)
        return 2
    rows = []
    for n, r in enumerate(raw, 1):
        if len(r) < 6 or not r[1].startswith(PKG):
            print("pit-figures: %s: line %d is not a mutation of %s*" % (path, n, PKG), file=sys.stderr)
            return 2
        rows.append((r[1][len(PKG):], r[3], int(r[4]), r[2].rsplit(".", 1)[-1], r[5]))
    table("Every mutant of the package:", rows)
    semantics = [r for r in rows if not excluded(r[0], r[1])]
    table("The instruction semantics (without the methods NOT_INSTRUCTION_SEMANTICS lists):", semantics)
    print("Survivors within the instruction semantics (class, method, line, mutator, status):")
    for cls, method, line, mutator, status in sorted(semantics, key=lambda r: (r[0], r[2])):
        if status not in DETECTED:
            print("  %s.%s:%d %s %s" % (cls, method, line, mutator, status))
    return 0


if __name__ == "__main__":
    sys.exit(main())
