#!/usr/bin/env bash
# Fetches the third-party static MIPS programs that the long differential tests run under both
# disco exec and qemu-mipsel (hw-model: BusyboxDifferentialTest), from Debian 12's mipsel
# packages, and prints the path of each.
#
#   build/fetch-third-party.sh    fetch what is missing (as root: adds the mipsel architecture to
#                                 dpkg and updates apt's lists the first time), print the paths
#
# Idempotent: a program already unpacked is not fetched again. Nothing is installed: the package
# is downloaded with apt-get download and unpacked with dpkg-deb -x into the cache directory,
# $DISCO_THIRD_PARTY or else ~/.cache/disco/third-party. No binary is kept in the repository.
set -euo pipefail
cache="${DISCO_THIRD_PARTY:-${XDG_CACHE_HOME:-$HOME/.cache}/disco/third-party}"
package=busybox-static
arch=mipsel
dest="$cache/$package-$arch"
busybox="$dest/bin/busybox"

if [[ ! -x "$busybox" ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "fetch-third-party: $busybox is missing and only root can add the $arch architecture" >&2
    exit 3
  fi
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    dpkg --add-architecture "$arch"
    apt-get update -q >&2
  fi
  tmp="$(mktemp -d)"
  chmod 755 "$tmp" # apt-get download runs as the _apt user where it can
  trap 'rm -rf "$tmp"' EXIT
  # A list from before the architecture was added (or an old one) lacks the package: update once.
  if ! (cd "$tmp" && apt-get download -q "$package:$arch" >&2); then
    apt-get update -q >&2
    (cd "$tmp" && apt-get download -q "$package:$arch" >&2)
  fi
  mkdir -p "$cache"
  rm -rf "$dest.partial"
  dpkg-deb -x "$tmp"/"$package"_*_"$arch".deb "$dest.partial"
  dpkg-deb -f "$tmp"/"$package"_*_"$arch".deb Version > "$dest.partial/VERSION"
  rm -rf "$dest"
  mv "$dest.partial" "$dest"
fi
echo "$busybox"
