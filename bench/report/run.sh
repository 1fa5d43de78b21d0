#!/usr/bin/env bash
# Times `twoway demo` end to end (import 11 firms / 64 operations into a fresh SQLite project
# file, analyse every case, render 12 SVG charts and the HTML report), RUNS times, and prints the
# median wall-clock seconds. Usage: bench/report/run.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
dotnet build src/TwoWay.Cli -c Release -v q -nologo >/dev/null
bin=src/TwoWay.Cli/bin/Release/net10.0/twoway
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N)
  "$bin" demo --out "$out" >/dev/null
  e=$(date +%s.%N)
  times+=("$(echo "$e - $s" | bc -l)")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "twoway demo: median %.2f s over %d runs (min %.2f, max %.2f)\n", m, NR, a[1], a[NR]}'
echo "report size: $(stat -c %s "$out/report.html") bytes"
