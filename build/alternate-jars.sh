#!/bin/bash
# alternate-jars.sh ROUNDS ITERATIONS PROGRAM JAR...: runs the processor benchmark
# (disco bench --program PROGRAM --no-qemu ITERATIONS) with each jar in turn, ROUNDS times, and
# prints the CPU seconds (user + system) of each run. CPU time is disturbed far less than wall time
# when other work shares the machine, and alternating spreads what disturbance there is evenly.
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: alternate-jars.sh ROUNDS ITERATIONS PROGRAM JAR..." >&2
  exit 2
fi
rounds=$1 iterations=$2 program=$3
shift 3
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for i in $(seq 1 "$rounds"); do
  for jar in "$@"; do
    /usr/bin/time -f "%U %S" -o "$times" java -jar "$jar" bench --program "$program" --repeat 1 \
      --no-qemu "$iterations" >/dev/null 2>&1
    read -r user system < "$times"
    echo "$i $jar cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }') load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
