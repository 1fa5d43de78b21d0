#!/usr/bin/env bash
# Team server load test (issue 12): simulated coders coding one study over HTTP on loopback, against a
# throwaway PostgreSQL cluster; per-run and median latencies of the coding request, and the counts
# that show no coding was lost or duplicated. Results: bench/results/team/ (git-ignored).
# Usage: bench/team/run.sh [coders=50] [seconds=60] [runs=3] [think seconds=1; smaller finds the ceiling]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/results/team; mkdir -p "$out"
dotnet build -c Release bench/team -v q -nologo >/dev/null
dotnet run -c Release --no-build --project bench/team -- "${1:-50}" "${2:-60}" "${3:-3}" "${4:-1}" | tee "$out/$(date -u +%Y%m%dT%H%M%SZ).txt"
