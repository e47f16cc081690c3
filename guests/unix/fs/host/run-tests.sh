#!/bin/sh
# Every scenario of the file system's host tests (see fstest.c), judged by e2fsck -fn and
# debugfs, then the seeded faults, each of which e2fsck must catch. Run by `make test`.
# Deterministic: fixed times, UUIDs, hash seeds and pseudo-random seeds.
set -u
OUT=${OUT:?}
OPS=${OPS:-10000}
FAULTS=${FAULTS:-}
FSTEST=$OUT/fstest
WORK=$OUT/work
UUID=6f1c2a4e-0d3b-4c1e-9a8f-1b2c3d4e5f60
export E2FSPROGS_FAKE_TIME=1704067200

rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
failed=0
passed=0

# mkfs IMAGE BLOCKSIZE REVISION SIZE [DIR]
mkfs() {
  dir=${5:+-d $5}
  # shellcheck disable=SC2086
  mke2fs -q -F -t ext2 -r "$3" -b "$2" -U $UUID -E hash_seed=$UUID,root_owner=0:0 $dir "$1" "$4" >mkfs.log 2>&1 \
    || { cat mkfs.log; echo "mke2fs failed"; exit 1; }
}

fsck_quiet() {
  e2fsck -fn "$1" >fsck.log 2>&1 || { cat fsck.log; return 1; }
}

# step NAME COMMAND...: runs one scenario, which must exit 0
step() {
  name=$1
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $name (exit $?)"
    failed=$((failed + 1))
  fi
}

"$FSTEST" gen src || exit 1

for config in "1024 1" "4096 1" "1024 0"; do
  set -- $config
  bs=$1 rev=$2
  tag="${bs}-byte blocks, revision $rev"
  mkfs img "$bs" "$rev" 64M src
  step "mke2fs -d image is clean before ($tag)" fsck_quiet img
  step "read every file ($tag)" "$FSTEST" verify img src
  step "random operations ($tag)" "$FSTEST" random img "$bs$rev" "$OPS"
  mkfs img "$bs" "$rev" 64M src
  step "many names in one directory ($tag)" "$FSTEST" bigdir img 2000
  mkfs img "$bs" "$rev" 64M
  step "big and sparse files ($tag)" "$FSTEST" bigfile img
  mkfs img "$bs" "$rev" 8M
  step "full disk ($tag)" "$FSTEST" fill img
  mkfs img "$bs" "$rev" 8M
  step "errors ($tag)" "$FSTEST" errors img
done

# hashed directories: e2fsck -D indexes every directory of the source tree
mkfs img 1024 1 64M src
e2fsck -fyD img >/dev/null 2>&1
if debugfs -R "stat many" img 2>/dev/null | grep -q "Flags: 0x1000"; then
  step "hashed directory read and changed" "$FSTEST" htree img many
  step "random operations on hashed directories" "$FSTEST" random img 77 "$OPS"
else
  echo "FAILED: e2fsck -D did not index /many"
  failed=$((failed + 1))
fi

# Big-endian: the driver built for MIPS (big-endian, as the kernel by default) under qemu-mips,
# on 2 KB blocks, the size the native runs leave out.
mkfs img 2048 1 64M src
step "read every file (big-endian, 2048-byte blocks)" qemu-mips "$OUT/fstest-be" verify img src
step "random operations (big-endian, 2048-byte blocks)" qemu-mips "$OUT/fstest-be" random img 2048 $((OPS / 4))
mkfs img 2048 1 8M
step "errors (big-endian, 2048-byte blocks)" qemu-mips "$OUT/fstest-be" errors img

# The seeded faults: the same scenarios with one bookkeeping step left out must make e2fsck
# report errors (fstest's exit status has bit 2 set), or the checks above prove nothing.
for fault in $FAULTS; do
  echo "== seeded fault $fault"
  if [ "$fault" = KEEP_INDEX ]; then
    mkfs img 1024 1 64M src
    e2fsck -fyD img >/dev/null 2>&1
    "$OUT/fstest-$fault" htree img many >fault.log 2>&1
  else
    mkfs img 1024 1 64M src
    "$OUT/fstest-$fault" random img 5 1000 >fault.log 2>&1
  fi
  rc=$?
  if [ $((rc & 2)) -ne 0 ]; then
    echo "fault $fault: e2fsck reported errors, as it must: $(grep -m1 -v -e '^e2fsck ' -e '^Pass ' fsck.log | cut -c1-120)"
    passed=$((passed + 1))
  else
    echo "FAILED: fault $fault went unnoticed by e2fsck (exit $rc)"
    cat fault.log
    failed=$((failed + 1))
  fi
done

echo "== summary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
