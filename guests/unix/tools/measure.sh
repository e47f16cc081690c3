#!/bin/sh
# measure.sh [small|full] [IMAGE]: for every workload in the root image (default
# images/root.ext2), its instructions under qemu-user (guest instructions of the program and every
# process it forks, counted by icount.c from qemu's execution log) and its wall-clock time without
# the log (best of three). Prints a Markdown table. Needs debugfs, qemu-mips(el) and cc.
set -eu
size=${1:-small}
here=$(cd "$(dirname "$0")" && pwd)
image=${2:-$here/../images/root.ext2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/icount" "$here/icount.c"
mkdir "$work/root"
debugfs -R "rdump / $work/root" "$image" >/dev/null 2>&1
qemu=qemu-mips
case $(od -An -tx1 -j5 -N1 "$work/root/bin/pmake") in *01*) qemu=qemu-mipsel ;; esac
cd "$work/root"
echo "| workload ($size, $qemu) | instructions | seconds (best of 3) |"
echo "|---|---:|---:|"
for w in "pmake --no-exec" engineering raytrace database; do
  set -- $w
  prog=$1
  shift
  instructions=$($qemu -d in_asm,exec,nochain -D /dev/fd/3 "bin/$prog" "$@" "$size" 3>&1 >/dev/null | "$work/icount")
  best=
  for i in 1 2 3; do
    start=$(date +%s.%N)
    $qemu "bin/$prog" "$@" "$size" >/dev/null
    t=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  printf '| %s | %s | %.2f |\n' "$prog $*" "$instructions" "$best"
done
