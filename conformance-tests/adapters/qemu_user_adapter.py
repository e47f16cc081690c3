#!/usr/bin/python3
"""Runs program vectors on QEMU's user-mode emulator (qemu-mips for a big-endian ELF, qemu-mipsel
for a little-endian one), speaking the conformance protocol of docs/conformance.md on stdin/stdout.

Each run starts the ELF named by init.elf.path (after checking its sha256) with init.args, an empty
environment, init.stdin on a pipe (then closed), in a fresh empty working directory, standard output
and error on pipes. QEMU reports a fatal signal by printing "qemu: uncaught target signal N (...)"
on stderr and killing itself with the host's signal; the answer's status is 128 + N (the MIPS signal
number, SIGBUS being 10 on MIPS and 7 on the host) and the report is removed from stderr, so the
answer holds what the program itself wrote.

Byte strings (stdin, stdout, stderr) are JSON strings whose characters are the bytes (ISO-8859-1)."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from conformance_protocol import serve
FATAL = re.compile(rb"qemu: uncaught target signal (\d+) \([^)]*\) - [^\n]*\n?\Z")
DEFAULT_TIMEOUT = 60.0


class RunError(Exception):
    """The vector cannot be run (its ELF is missing or differs, qemu is missing, it timed out)."""


def latin1(b):
    return b.decode("latin-1")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def qemu_for(path):
    """qemu-mips for a big-endian ELF, qemu-mipsel for a little-endian one (EI_DATA)."""
    with open(path, "rb") as f:
        ident = f.read(6)
    if len(ident) < 6 or ident[:4] != b"\x7fELF":
        raise RunError("%s is not an ELF file" % path)
    return "qemu-mipsel" if ident[5] == 1 else "qemu-mips"


def run_elf(path, args, stdin, timeout):
    """Runs one ELF: returns (status, stdout bytes, stderr bytes) as docs/conformance.md defines them."""
    qemu = shutil.which(qemu_for(path))
    if qemu is None:
        raise RunError("%s is not installed" % qemu_for(path))
    cwd = tempfile.mkdtemp(prefix="qemu-user-")
    try:
        p = subprocess.Popen([qemu, path] + list(args), cwd=cwd, env={}, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = p.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)
            p.communicate()
            raise RunError("qemu did not finish in %g s" % timeout)
    finally:
        shutil.rmtree(cwd, ignore_errors=True)
    m = FATAL.search(err)
    if m:
        return 128 + int(m.group(1)), out, err[:m.start()]
    status = p.returncode
    return (status if status >= 0 else 128 - status), out, err


def run(vector, timeout):
    init = vector["init"]
    elf = init["elf"]
    path = elf["path"]
    if not os.path.isfile(path):
        raise RunError("no ELF at %s (docs/conformance.md, Program vectors: build them)" % path)
    if "sha256" in elf and sha256(path) != elf["sha256"]:
        raise RunError("%s is not the ELF the vector was recorded with (sha256 differs)" % path)
    stdin = init.get("stdin", "").encode("latin-1")
    status, out, err = run_elf(path, init.get("args", []), stdin, timeout)
    return {"status": status, "stdout": latin1(out), "stderr": latin1(err)}


def answer(vector, timeout):
    """(result, None), or (None, why) when the run itself could not be made."""
    try:
        return run(vector, timeout), None
    except RunError as e:
        return None, str(e)


def main():
    timeout = float(os.environ.get("QEMU_ADAPTER_TIMEOUT", DEFAULT_TIMEOUT))
    serve("qemu-user", ["program"], lambda vector: answer(vector, timeout))

if __name__ == "__main__":
    main()
