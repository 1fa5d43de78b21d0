#!/usr/bin/env bash
# Suggestion quality and speed (issue 13): `twoway suggest` on the demo study's 20 fictional
# interviews, compared with the demo's 64 fictional operations (their truth).
#   precision = suggestions naming an operation the case has (status "recorded") / all suggestions
#   recall    = operations named by at least one suggestion / operations (all; and those whose own
#               evidence is an interview, i.e. that the transcripts tell of)
# Then the median wall-clock time of RUNS runs. Needs jq. Usage: bench/suggest/run.sh [RUNS] (default 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
dotnet build src/TwoWay.Cli -c Release -v q -nologo >/dev/null
bin=src/TwoWay.Cli/bin/Release/net10.0/twoway
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" demo --out "$out/demo" >/dev/null
"$bin" suggest "$out/demo/demo.twoway" --json > "$out/s.json"
all=$(jq '.suggestions | length' "$out/s.json")
recorded=$(jq '.recorded' "$out/s.json")
found=$(jq -r '[.suggestions[] | select(.status == "recorded") | .operation] | unique | length' "$out/s.json")
ops=$(grep -v '^#' samples/demo-study/operations.csv | tail -n +2 | cut -d, -f1 | sort -u | wc -l)
told=$(grep -v '^#' samples/demo-study/operations.csv | tail -n +2 | awk -F, '$15 == "interview" {print $1}' | sort -u | wc -l)
found_told=$(jq -r '.suggestions[] | select(.status == "recorded") | .operation' "$out/s.json" | sort -u \
  | grep -Fxf <(grep -v '^#' samples/demo-study/operations.csv | tail -n +2 | awk -F, '$15 == "interview" {print $1}' | sort -u) | wc -l)
echo "suggestions: $all, of which recorded: $recorded → precision $(echo "scale=3; $recorded / $all" | bc)"
echo "recall: $found of $ops operations ($(echo "scale=3; $found / $ops" | bc)); $found_told of the $told told in an interview ($(echo "scale=3; $found_told / $told" | bc))"
times=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N)
  "$bin" suggest "$out/demo/demo.twoway" --json >/dev/null
  e=$(date +%s.%N)
  times+=("$(echo "$e - $s" | bc -l)")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "twoway suggest (20 transcripts): median %.2f s over %d runs\n", m, NR}'
