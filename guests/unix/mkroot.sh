#!/bin/sh
# mkroot.sh TREE IMAGE EPOCH BLOCKS MKE2FS-COMMAND...: makes the ext2 image IMAGE of the directory
# TREE, reproducibly: every file's times are EPOCH and its owner 0:0, whoever builds it and when.
# mke2fs -d copies the inode times and owners from the tree, and the change time cannot be set
# from outside, so debugfs writes all three times and the owners of every inode afterwards.
set -eu
tree=$1 image=$2 epoch=$3 blocks=$4
shift 4
find "$tree" -exec touch -h -d "@$epoch" {} +
rm -f "$image.tmp"
env "$@" -d "$tree" "$image.tmp" "$blocks"
script=$(mktemp)
trap 'rm -f "$script" "$image.tmp"' EXIT
when=$(date -u -d "@$epoch" +%Y%m%d%H%M%S)
(cd "$tree" && find . | LC_ALL=C sort) | while read -r path; do
  p=${path#.}
  p=${p:-/}
  for field in atime mtime ctime; do echo "sif \"$p\" $field $when"; done
  echo "sif \"$p\" uid 0"
  echo "sif \"$p\" gid 0"
done >"$script"
E2FSPROGS_FAKE_TIME=$epoch debugfs -w -f "$script" "$image.tmp" >/dev/null 2>&1
E2FSPROGS_FAKE_TIME=$epoch e2fsck -fn "$image.tmp" >/dev/null
mv "$image.tmp" "$image"
