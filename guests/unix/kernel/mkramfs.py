#!/usr/bin/env python3
"""mkramfs.py OUT BYTEORDER PATH=FILE...: the archive that kernel/ramfs.c loads at boot.

Each record: name length, data length, mode (32-bit words in the kernel's byte order, 'big' or
'little'), the name (a path without the leading '/'), the data, each padded to 4 bytes.
PATH=FILE adds FILE as PATH with mode 0100755; PATH/ (no =) adds an empty directory."""
import struct
import sys


def pad(b):
    return b + b"\0" * (-len(b) % 4)


def main():
    out, order = sys.argv[1], sys.argv[2]
    fmt = ">III" if order == "big" else "<III"
    records = []
    for spec in sys.argv[3:]:
        if "=" in spec:
            path, src = spec.split("=", 1)
            with open(src, "rb") as f:
                data, mode = f.read(), 0o100755
        else:
            path, data, mode = spec.rstrip("/"), b"", 0o40755
        name = path.lstrip("/").encode()
        records.append(struct.pack(fmt, len(name), len(data), mode) + pad(name) + pad(data))
    with open(out, "wb") as f:
        f.write(b"".join(records))


if __name__ == "__main__":
    main()
