#!/usr/bin/env bash
# The whole test suite, on a fresh machine too:
#   1. build/setup installs the Debian packages of build/debian-packages.txt that are missing
#      (as root, or through sudo; otherwise it names them and the command, and stops here);
#   2. every module's tests run, the long ones (differential runs against QEMU, csmith programs)
#      included, with every external tool required: a missing tool fails its test, never skips it;
#   3. build/TestSummary.java prints what ran and what was skipped, and fails the run if anything
#      was skipped for a reason other than those in build/allowed-skips.txt.
# `mvn -B verify` alone runs the fast subset, skipping tests whose tools are absent (it says which).
set -euo pipefail
cd "$(dirname "$0")"

build/setup || exit $?

since=$(date +%s)
export DISCO_REQUIRE_TOOLS=true
status=0
mvn -B verify -Plong -Ddisco.summary.skip=true "$@" || status=$?
summary_status=0
java build/TestSummary.java . --since "$since" --excluded-groups none \
  --strict build/allowed-skips.txt || summary_status=$?
((status != 0)) || status=$summary_status
exit "$status"
