#!/usr/bin/env bash
# Web workbench benchmark (issue 11): a 300,000-character transcript with 2,000 codings opened and
# coded over HTTP, and the overview of a 1,000-firm study; each timed 7 times, medians printed.
# Usage: bench/web/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/results/web
dotnet build -c Release bench/import -v q -nologo >/dev/null
[ -f "$out/cases/operations.csv" ] || dotnet run -c Release --no-build --project bench/import -- generate "$out/cases" 1000 10000
dotnet run -c Release --project bench/web -- "$out/cases" "$out" "${1:-7}"
