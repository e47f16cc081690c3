#!/usr/bin/env python3
"""Writes the disk image the `disk` guest expects: SECTORS sectors of 512 bytes (default 16) whose
byte at offset k is (5*k + k//512) & 0xff, so sector s starts with the byte s and then counts up in
steps of 5. GuestDisk.pattern in hw-model's tests builds the same bytes.

usage: mkdisk.py FILE [SECTORS]"""
import sys

if len(sys.argv) not in (2, 3):
    sys.exit(__doc__)
sectors = int(sys.argv[2]) if len(sys.argv) == 3 else 16
with open(sys.argv[1], "wb") as f:
    f.write(bytes((5 * k + k // 512) & 0xFF for k in range(sectors * 512)))
