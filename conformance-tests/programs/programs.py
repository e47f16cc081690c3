#!/usr/bin/python3
"""Program and machine vectors (docs/conformance.md): how their files are made.

  programs.py build [ID-PREFIX...]
                         build every ELF program.jsonl names (guests/build/conformance/...) from its
                         recipe (or those of the vectors whose id is ID-PREFIX or starts with ID-PREFIX.), and
                         check each against the sha256 the vector records
  programs.py generate   build the guests/linux programs (big- and little-endian) and the csmith
                         seeds, run each on qemu-mips / qemu-mipsel, write program.jsonl
  programs.py machine [FILE]
                         write machine.jsonl (or FILE) from guests/baremetal (images, expected/, hostile/)

Run from anywhere; paths in the vectors are relative to the repository's root. The ELFs are not
committed (a static glibc program is 650-770 KB): the vectors record how each is built and its
sha256, and the build is reproducible with the toolchain they name (no -g, relative source paths)."""
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "adapters"))
import qemu_user_adapter as qemu  # noqa: E402

VECTORS = "conformance-tests/src/main/resources/disco/conformance/vectors"
OUT = "guests/build/conformance"
SCHEMA = 1
CC = {"big": "mips-linux-gnu-gcc", "little": "mipsel-linux-gnu-gcc"}
LINUX_FLAGS = ["-static", "-O2", "-march=mips32r2"]
CSMITH_OPTIONS = ["--max-funcs", "4", "--max-expr-complexity", "6"]
CSMITH_FLAGS = ["-static", "-O1", "-march=mips32r2", "-w", "-I/usr/include/csmith"]
CSMITH_SEEDS = range(1, 321)
CSMITH_TIMEOUT = 5.0
LINUX_TIMEOUT = 60.0
PROGRAM_MANUAL = "MIPS32 Vol. II-A (user-mode instructions) and the Linux o32 system-call ABI"
WORKERS = 2


def sh(cmd, cwd=ROOT):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise SystemExit("programs.py: %s failed:\n%s" % (" ".join(cmd), r.stdout.decode(errors="replace")))
    return r.stdout.decode()


def sha256(rel):
    return qemu.sha256(os.path.join(ROOT, rel))


def build(recipe, elf):
    """Makes ELF (relative to the root) by RECIPE, the vector's init.build; a reader never sees half a file."""
    os.makedirs(os.path.join(ROOT, os.path.dirname(elf)), exist_ok=True)
    tmp = elf + ".tmp"
    source = recipe.get("source")
    if "csmith" in recipe:
        source = elf[:-len(".elf")] + ".c"
        with tempfile.TemporaryDirectory() as work:  # csmith writes platform.info where it runs
            sh(["csmith", "--seed", str(recipe["csmith"])] + recipe["csmith_options"]
               + ["-o", os.path.join(ROOT, source)], cwd=work)
    sh([recipe["cc"]] + recipe["flags"] + ["-o", tmp, source] + recipe["libs"])
    os.replace(os.path.join(ROOT, tmp), os.path.join(ROOT, elf))


def linux_runs():
    """(source, args, stdin file) for every //@run line of guests/linux (README: How each program is run)."""
    sources = []
    for d in ("guests/linux", "guests/linux/bench"):
        sources += sorted(os.path.join(d, f) for f in os.listdir(os.path.join(ROOT, d)) if f.endswith(".c"))
    runs = []
    for src in sources:
        lines = [l for l in open(os.path.join(ROOT, src), encoding="utf-8") if l.startswith("//@run")]
        mine = []
        for l in lines:
            words = l[len("//@run"):].split()
            stdin = None
            if "<" in words:
                stdin = os.path.join(os.path.dirname(src), words[-1])
                words = words[:words.index("<")]
            mine.append((src, words, stdin))
        runs += mine or [(src, [], None)]
    return runs


def slug(words):
    return re.sub(r"[^A-Za-z0-9_]+", "-", "-".join(words)).strip("-")


def linux_vectors():
    """Vectors without expectations, one per run and byte order."""
    out = []
    for endian in ("big", "little"):
        for src, args, stdin in linux_runs():
            name = os.path.splitext(os.path.basename(src))[0]
            vid = "linux.%s%s%s.%s" % (name, "." + slug(args) if args else "", ".stdin" if stdin else "", endian)
            text = open(os.path.join(ROOT, stdin), "rb").read().decode("latin-1") if stdin else ""
            how = " ".join([src] + args) + (" < " + stdin if stdin else "")
            out.append({
                "id": vid,
                "purpose": "%s (%s-endian): exit status, stdout and stderr as qemu-%s gives them"
                           % (how, endian, "mips" if endian == "big" else "mipsel"),
                "elf": "%s/linux-%s/%s.elf" % (OUT, endian, name),
                "build": {"source": src, "cc": CC[endian], "flags": LINUX_FLAGS, "libs": ["-lm"]},
                "endian": endian, "args": args, "stdin": text, "timeout": LINUX_TIMEOUT})
    return out


def csmith_vectors():
    return [{
        "id": "csmith.seed.%d" % seed,
        "purpose": "csmith %s --seed %d: the checksum of its globals and exit status as qemu-mips gives them"
                   % (" ".join(CSMITH_OPTIONS), seed),
        "elf": "%s/csmith/seed-%d.elf" % (OUT, seed),
        "build": {"csmith": seed, "csmith_options": CSMITH_OPTIONS, "cc": CC["big"], "flags": CSMITH_FLAGS,
                  "libs": ["-lm"]},
        "endian": "big", "args": [], "stdin": "", "timeout": CSMITH_TIMEOUT} for seed in CSMITH_SEEDS]


def record(c):
    """Runs one candidate on qemu (its ELF built): the vector line, or the reason it is left out."""
    try:
        status, out, err = qemu.run_elf(os.path.join(ROOT, c["elf"]), c["args"], c["stdin"].encode("latin-1"),
                                        c["timeout"])
    except qemu.RunError as e:
        return None, "%s: %s" % (c["id"], e)
    if c["id"].startswith("csmith.") and status != 0:
        return None, "%s: died on qemu with status %d" % (c["id"], status)
    init = {"elf": {"path": c["elf"], "sha256": sha256(c["elf"])}, "endian": c["endian"], "args": c["args"],
            "stdin": c["stdin"], "build": c["build"]}
    v = {"schema": SCHEMA, "kind": "program", "id": c["id"], "purpose": c["purpose"], "manual": PROGRAM_MANUAL,
         "init": init, "expect": {"status": status, "stdout": qemu.latin1(out), "stderr": qemu.latin1(err)}}
    return json.dumps(v, ensure_ascii=False, separators=(",", ":")), None


def generate():
    candidates = linux_vectors() + csmith_vectors()
    elfs = {c["elf"]: c["build"] for c in candidates if not os.path.isfile(os.path.join(ROOT, c["elf"]))}
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda e: build(e[1], e[0]), sorted(elfs.items())))
        results = list(pool.map(record, candidates))
    lines = [l for l, _ in results if l]
    for _, why in results:
        if why:
            print("left out: " + why)
    with open(os.path.join(ROOT, VECTORS, "program.jsonl"), "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
    print("program.jsonl: %d vectors" % len(lines))


def build_all(prefixes):
    vectors = [json.loads(l) for l in open(os.path.join(ROOT, VECTORS, "program.jsonl"), encoding="utf-8") if l.strip()]
    vectors = [v for v in vectors if not prefixes or any(v["id"] == p or v["id"].startswith(p + ".") for p in prefixes)]
    todo = {v["init"]["elf"]["path"]: v for v in vectors}

    def one(item):
        path, v = item
        full = os.path.join(ROOT, path)
        if not (os.path.isfile(full) and sha256(path) == v["init"]["elf"]["sha256"]):
            build(v["init"]["build"], path)
        return path if sha256(path) != v["init"]["elf"]["sha256"] else None

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        differ = [p for p in pool.map(one, sorted(todo.items())) if p]
    for p in differ:
        print("differs from the recorded sha256: " + p)
    print("%d ELFs, %d differ" % (len(todo), len(differ)))
    return 1 if differ else 0


BAREMETAL = "guests/baremetal"
BAREMETAL_MANUAL = "docs/devices.md (the machine's device contract) and MIPS32 Vol. III"
CMDLINE = "root=/dev/disk0 init=/bin/pmake small"


def disk_pattern(sectors=16):
    """guests/baremetal/mkdisk.py's image: byte k is (5k + k/512) & 0xff."""
    return bytes(((5 * k + k // 512) & 0xff) for k in range(sectors * 512))


def literal(text):
    """TEXT as a regular expression that matches only itself (in Java's and Python's syntax)."""
    return "".join(c if c.isalnum() or c == " " else "\\n" if c == "\n" else "\\" + c for c in text)


def machine_vectors(out=None):
    lines = []
    progs = ["hello", "timer", "smp", "disk", "spinlock", "remote", "compute", "cmdline"]
    for name in progs:
        image = "%s/images/%s.elf" % (BAREMETAL, name)
        expected = open(os.path.join(ROOT, BAREMETAL, "expected", name + ".out"), "rb").read().decode("latin-1")
        init = {"kernel": {"path": image, "sha256": sha256(image)}, "machine": "flash-8", "max_cycles": 0}
        expect = {"status": 0}
        if name == "cmdline":
            init["append"] = CMDLINE
        if name == "disk":
            init["disks"] = {"0": disk_pattern().hex()}
        if name == "smp":
            # the "cpu N up" lines come in the order the CPUs take the console lock: as a set
            ups = "".join("(?=(?:[^\\n]*\\n)*cpu %d up\\n)" % n for n in range(8))
            expect["console~"] = "smp: starting 8 cpus\\n%s(?:cpu [0-7] up\\n){8}all 8 cpus up\\n" % ups
        elif name == "remote":
            expect["console~"] = literal(expected) + "local cycles: [0-9]+\\nremote cycles: [0-9]+\\n"
        else:
            expect["console"] = expected
        lines.append({"schema": SCHEMA, "kind": "machine", "id": "baremetal." + name,
                      "purpose": "guests/baremetal/%s.c on flash-8%s: console output and exit status (%s/expected/%s.out)"
                                 % (name, " with --append" if name == "cmdline" else "", BAREMETAL, name),
                      "manual": BAREMETAL_MANUAL, "init": init, "expect": expect})
    for l in open(os.path.join(ROOT, BAREMETAL, "hostile", "expected.txt"), encoding="utf-8"):
        if l.startswith("#") or not l.strip():
            continue
        name, status, stop = l.split()
        image = "%s/images/hostile/%s.elf" % (BAREMETAL, name)
        lines.append({"schema": SCHEMA, "kind": "machine", "id": "hostile." + name,
                      "purpose": "guests/baremetal/hostile/%s.S on flash-8, 10,000,000 cycles: the machine stops (%s) with status %s"
                                 % (name, stop, status),
                      "manual": BAREMETAL_MANUAL,
                      "init": {"kernel": {"path": image, "sha256": sha256(image)}, "machine": "flash-8",
                               "max_cycles": 10000000},
                      "expect": {"status": int(status)}})
    with open(out or os.path.join(ROOT, VECTORS, "machine.jsonl"), "w", encoding="utf-8") as f:
        f.write("".join(json.dumps(v, ensure_ascii=False, separators=(",", ":")) + "\n" for v in lines))
    print("machine.jsonl: %d vectors" % len(lines))


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "build":
        sys.exit(build_all(sys.argv[2:]))
    elif what == "generate":
        generate()
    elif what == "machine":
        machine_vectors(sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        sys.exit(__doc__)
