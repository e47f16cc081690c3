#!/usr/bin/env bash
# The whole test suite: every module's tests, the long ones (differential runs against QEMU,
# csmith programs) included. `mvn -B verify` alone runs the fast subset.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B verify -Plong "$@"
