#!/bin/sh
# measure.sh [small|full] [IMAGE]: for every workload in the root image (default
# images/root.ext2), its instructions under qemu-user (guest instructions of the program and every
# process it forks, counted by icount.c from qemu's execution log) and its wall-clock time without
# the log (best of three). Prints a Markdown table. Needs debugfs, qemu-mips(el) and cc.
# COUNT=no skips the count (the logged runs of full take many minutes).
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
  instructions=-
  if [ "${COUNT:-yes}" != no ]; then
    instructions=$($qemu -d in_asm,exec,nochain -D /dev/fd/3 "bin/$prog" ${w#"$prog"} "$size" 3>&1 >/dev/null | "$work/icount")
  fi
  best=
  for i in 1 2 3; do
    start=$(date +%s%N)
    $qemu "bin/$prog" ${w#"$prog"} "$size" >/dev/null
    t=$(( $(date +%s%N) - start ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  printf '| %s | %s | %d.%02d |\n' "$*" "$instructions" $((best / 1000000000)) $((best / 10000000 % 100))
done
